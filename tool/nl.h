/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Transport to the mpool generic netlink family. nl.c is the only file that knows
 * libnl; commands build requests as attribute streams (attr.h) and see replies as
 * struct nlattr tables. The host tests link a fake kernel (tests/nl_fake.c) behind
 * this same interface.
 */
#ifndef MEMPOOLCTL_NL_H
#define MEMPOOLCTL_NL_H

#include <errno.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <linux/netlink.h>

struct mpool_nl;

/* One reply or notification: its command and its top-level attributes. */
struct mpool_reply {
	uint8_t cmd;
	int maxattr;
	const struct nlattr *const *tb;	/* indexed by type, NULL when absent */
	const void *attrs;		/* the raw attributes, for repeated ones */
	size_t len;
};

/*
 * Called once per reply message (or notification). A negative return is remembered
 * as the request's error (the rest of the replies are still read); a positive one
 * stops a monitor.
 */
typedef int (*mpool_nl_reply_fn)(const struct mpool_reply *r, void *ctx);

/* mpool_nl_request() of a dump whose replies the kernel flagged NLM_F_DUMP_INTR. */
#define MPOOL_NL_DUMP_INTR	(-EINTR)

/*
 * Connect and resolve the family. Returns 0, -ENOENT when the mpool module is not
 * loaded, or another negative errno.
 */
int mpool_nl_open(struct mpool_nl **nlp);
void mpool_nl_close(struct mpool_nl *nl);

/*
 * Send @cmd with the request attributes @attrs[0..@len), as a do or (@dump, with
 * NLM_F_DUMP) a dump, and feed each reply message, parsed up to @maxattr, to @fn.
 * Returns 0 or a negative errno; on a kernel error the kernel's extack message, if
 * any, is available from mpool_nl_kernel_msg(). A dump the kernel marked as
 * inconsistent (NLM_F_DUMP_INTR) is read to its end and returns MPOOL_NL_DUMP_INTR:
 * the caller throws the replies away and asks again.
 */
int mpool_nl_request(struct mpool_nl *nl, uint8_t cmd, bool dump,
		     const void *attrs, size_t len, int maxattr,
		     mpool_nl_reply_fn fn, void *ctx);

/* The extack message of the last failed request, or NULL. */
const char *mpool_nl_kernel_msg(const struct mpool_nl *nl);

/*
 * A second, separate connection subscribed to the family's multicast group @group
 * (resolved by name). Returns 0, -ENOENT (module not loaded), -ESRCH (no such group)
 * or another negative errno.
 */
int mpool_nl_monitor_open(struct mpool_nl **nlp, const char *group);
/* File descriptor to poll for POLLIN. */
int mpool_nl_monitor_fd(const struct mpool_nl *nl);
/*
 * Read the notifications waiting (never blocks), @fn for each. Returns 0, the first
 * positive value @fn returned (stop), -ENOBUFS when notifications were lost (the
 * socket overran; reading may go on), or another negative errno.
 */
int mpool_nl_monitor_read(struct mpool_nl *nl, int maxattr, mpool_nl_reply_fn fn, void *ctx);

#endif /* MEMPOOLCTL_NL_H */
