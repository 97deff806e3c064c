/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transport to the mpool generic netlink family. nl.c is the only file that knows
 * libnl; commands see the uapi attribute layout (struct nlattr) and nothing else.
 */
#ifndef MEMPOOLCTL_NL_H
#define MEMPOOLCTL_NL_H

#include <stdint.h>
#include <linux/netlink.h>

struct mpool_nl;

/* Called once per reply message with its attributes indexed by type (NULL if absent). */
typedef int (*mpool_nl_reply_fn)(const struct nlattr *const *tb, void *ctx);

/*
 * Connect and resolve the family. Returns 0, -ENOENT when the mpool module is not
 * loaded, or another negative errno.
 */
int mpool_nl_open(struct mpool_nl **nlp);
void mpool_nl_close(struct mpool_nl *nl);

/*
 * Send @cmd (no request attributes yet) and feed each reply message, parsed up to
 * @maxattr, to @fn. Returns 0 or a negative errno; on a kernel error the kernel's
 * extack message, if any, is available from mpool_nl_kernel_msg().
 */
int mpool_nl_do(struct mpool_nl *nl, uint8_t cmd, int maxattr,
		mpool_nl_reply_fn fn, void *ctx);

/* The extack message of the last failed request, or NULL. */
const char *mpool_nl_kernel_msg(const struct mpool_nl *nl);

const char *mpool_attr_str(const struct nlattr *attr);

#endif /* MEMPOOLCTL_NL_H */
