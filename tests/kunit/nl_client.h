/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A generic netlink client for KUnit: requests go through a kernel netlink socket and
 * the real genetlink receive path, so tests see exactly what a tool sees (policies,
 * permissions, reply layout) without a userspace process.
 */
#ifndef _MPOOL_TEST_NL_CLIENT_H
#define _MPOOL_TEST_NL_CLIENT_H

#include <kunit/test.h>
#include <net/netlink.h>

struct mpool_test_nl;

/*
 * Open a client; it is closed by KUnit when @test ends. The socket has a file with
 * the test thread's credentials, so GENL_ADMIN_PERM commands pass as they would for
 * root in userspace.
 */
struct mpool_test_nl *mpool_test_nl_open(struct kunit *test);

/* Family id of @name, or a negative errno (-ENOENT when not registered). */
int mpool_test_nl_resolve(struct mpool_test_nl *nl, const char *name);

/*
 * Start a request for @cmd of family @family; add attributes with nla_put_*() on the
 * returned skb, then pass it to mpool_test_nl_transact(). NULL on allocation failure.
 */
struct sk_buff *mpool_test_nl_request(struct mpool_test_nl *nl, u16 family, u8 cmd);

/*
 * Send @req (consumed) and parse the single reply into @tb[0..@maxattr]. Returns 0, or
 * the negative errno the kernel answered with. *@reply_cmd (if not NULL) gets the
 * reply's genl command. The attributes stay valid until the next transaction.
 */
int mpool_test_nl_transact(struct mpool_test_nl *nl, struct sk_buff *req,
			   struct nlattr **tb, int maxattr, u8 *reply_cmd);

/* The attributes of the last reply mpool_test_nl_transact() parsed, and their length. */
struct nlattr *mpool_test_nl_reply_attrs(struct mpool_test_nl *nl, int *len);

/* Called for each message of a dump, or for each notification received. */
typedef void (*mpool_test_nl_msg_fn)(struct nlattr **tb, u8 cmd, void *ctx);

/*
 * Send @req (consumed) as a dump request and feed every message to @fn. @between,
 * if set, runs after the first batch of messages has been read (to change the
 * registry mid-dump). Returns the number of batches (recvmsg calls with messages) or
 * a negative errno; *@interrupted tells whether a message carried NLM_F_DUMP_INTR.
 */
int mpool_test_nl_dump(struct mpool_test_nl *nl, struct sk_buff *req, int maxattr,
		       mpool_test_nl_msg_fn fn, void *ctx, void (*between)(void *ctx),
		       bool *interrupted);

/* Join multicast group @group of family @family. Returns 0 or a negative errno. */
int mpool_test_nl_subscribe(struct mpool_test_nl *nl, const char *family, const char *group);

/*
 * Read the notifications that have arrived (waiting at most the receive timeout for
 * the first) and feed them to @fn. Returns how many were read.
 */
int mpool_test_nl_read_notifications(struct mpool_test_nl *nl, int maxattr,
				     mpool_test_nl_msg_fn fn, void *ctx);

#endif /* _MPOOL_TEST_NL_CLIENT_H */
