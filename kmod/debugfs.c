// SPDX-License-Identifier: GPL-2.0
/*
 * debugfs view of mpool for people: /sys/kernel/debug/mpool/.
 *
 * Tools use the netlink family; these files are for reading with cat. The directory
 * exists for the whole life of the module; per-pool entries hang below it.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/debugfs.h>
#include <linux/err.h>

#include "debugfs.h"

static struct dentry *mpool_debugfs_root;

int mpool_debugfs_init(void)
{
	struct dentry *root;

	/*
	 * debugfs is optional for a kernel (and may be disabled at boot): without it the
	 * pools still work, only the people's view is missing.
	 */
	root = debugfs_create_dir("mpool", NULL);
	if (IS_ERR(root)) {
		if (PTR_ERR(root) == -ENODEV) {
			pr_info("debugfs not available, continuing without it\n");
			return 0;
		}
		return PTR_ERR(root);
	}
	mpool_debugfs_root = root;
	return 0;
}

void mpool_debugfs_exit(void)
{
	debugfs_remove(mpool_debugfs_root);
	mpool_debugfs_root = NULL;
}
