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

/* Open a client; it is closed by KUnit when @test ends. NULL (test failed) on error. */
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

#endif /* _MPOOL_TEST_NL_CLIENT_H */
