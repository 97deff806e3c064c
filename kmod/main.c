// SPDX-License-Identifier: GPL-2.0
/*
 * mpool: per-CPU, NUMA-aware object and buffer pools for in-kernel consumers.
 *
 * Module entry: brings the subsystems up in dependency order and tears them down in
 * exact reverse. The netlink family goes last on the way up and first on the way down,
 * so no tool can reach a half-initialised module.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/init.h>
#include <linux/module.h>

#include "debugfs.h"
#include "netlink.h"
#include "pool.h"
#include "version.h"

static int __init mpool_init(void)
{
	int ret;

	ret = mpool_debugfs_init();
	if (ret)
		return ret;

	ret = mpool_cpuhp_init();
	if (ret)
		goto err_debugfs;

	ret = mpool_kbuf_init();
	if (ret)
		goto err_cpuhp;

	ret = mpool_netlink_init();
	if (ret)
		goto err_kbuf;

	pr_info("version %s loaded\n", MPOOL_VERSION);
	return 0;

err_kbuf:
	mpool_kbuf_exit();
err_cpuhp:
	mpool_cpuhp_exit();
err_debugfs:
	mpool_debugfs_exit();
	return ret;
}

static void __exit mpool_exit(void)
{
	mpool_netlink_exit();
	mpool_kbuf_exit();
	mpool_release_graveyard();	/* before debugfs: pools own directories there */
	mpool_cpuhp_exit();		/* after every pool removed its instance */
	mpool_debugfs_exit();
}

module_init(mpool_init);
module_exit(mpool_exit);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Per-CPU, NUMA-aware object and buffer pools");
MODULE_VERSION(MPOOL_VERSION);
