// SPDX-License-Identifier: GPL-2.0
/* Kernel-socket generic netlink client for the KUnit suites; see nl_client.h. */

#include <kunit/resource.h>
#include <linux/file.h>
#include <linux/net.h>
#include <linux/sockptr.h>
#include <linux/socket.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nl_client.h"

#define MPOOL_TEST_NL_BUF_SIZE	(32 * 1024)
#define MPOOL_TEST_NL_TIMEOUT	(5 * HZ)

struct mpool_test_nl {
	struct socket *sock;
	struct file *file;
	u32 seq;
	void *buf;		/* the reply (tb points into it) */
	void *ack_buf;		/* what follows it */
};

static void mpool_test_nl_release(void *data)
{
	struct mpool_test_nl *nl = data;

	fput(nl->file);		/* releases the socket */
}

struct mpool_test_nl *mpool_test_nl_open(struct kunit *test)
{
	struct mpool_test_nl *nl;
	int ret;

	nl = kunit_kzalloc(test, sizeof(*nl), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, nl);
	nl->buf = kunit_kzalloc(test, MPOOL_TEST_NL_BUF_SIZE, GFP_KERNEL);
	nl->ack_buf = kunit_kzalloc(test, MPOOL_TEST_NL_BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, nl->buf);
	KUNIT_ASSERT_NOT_NULL(test, nl->ack_buf);

	ret = sock_create_kern(&init_net, PF_NETLINK, SOCK_RAW, NETLINK_GENERIC,
			       &nl->sock);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "netlink socket: %d", ret);
	/*
	 * Capability checks look at the socket's file (netlink_capable()), which a
	 * kernel socket lacks: give it one, opened with our credentials.
	 */
	nl->file = sock_alloc_file(nl->sock, 0, NULL);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(nl->file), "socket file: %ld", PTR_ERR(nl->file));
	/* A missing reply must fail the test, not hang the VM until the host timeout. */
	nl->sock->sk->sk_rcvtimeo = MPOOL_TEST_NL_TIMEOUT;

	ret = kunit_add_action_or_reset(test, mpool_test_nl_release, nl);
	KUNIT_ASSERT_EQ(test, ret, 0);
	return nl;
}

struct sk_buff *mpool_test_nl_request(struct mpool_test_nl *nl, u16 family, u8 cmd)
{
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;
	struct sk_buff *skb;

	skb = nlmsg_new(NLMSG_DEFAULT_SIZE, GFP_KERNEL);
	if (!skb)
		return NULL;
	/* Always ask for the ack: commands without a reply answer only with it. */
	nlh = nlmsg_put(skb, 0, ++nl->seq, family, GENL_HDRLEN, NLM_F_REQUEST | NLM_F_ACK);
	if (!nlh) {
		kfree_skb(skb);
		return NULL;
	}
	genl = nlmsg_data(nlh);
	genl->cmd = cmd;
	genl->version = 1;
	genl->reserved = 0;
	return skb;
}

static int send_request(struct mpool_test_nl *nl, struct sk_buff *req)
{
	struct msghdr msg = { };
	struct kvec iov;
	int ret;

	nlmsg_hdr(req)->nlmsg_len = req->len;
	iov.iov_base = req->data;
	iov.iov_len = req->len;
	ret = kernel_sendmsg(nl->sock, &msg, &iov, 1, req->len);
	kfree_skb(req);
	return ret < 0 ? ret : 0;
}

/* One recvmsg into @buf; returns its length or a negative errno. */
static int receive_into(struct mpool_test_nl *nl, void *buf, int flags)
{
	struct msghdr msg = { };
	struct kvec iov = { .iov_base = buf, .iov_len = MPOOL_TEST_NL_BUF_SIZE };

	return kernel_recvmsg(nl->sock, &msg, &iov, 1, MPOOL_TEST_NL_BUF_SIZE, flags);
}

static int receive(struct mpool_test_nl *nl, int flags)
{
	return receive_into(nl, nl->buf, flags);
}

/* Parse one generic netlink message; NLMSG_ERROR becomes its error code. */
static int parse_message(struct nlmsghdr *nlh, struct nlattr **tb, int maxattr, u8 *cmd)
{
	struct genlmsghdr *genl;

	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr *err = nlmsg_data(nlh);

		return err->error ? err->error : -EBADMSG;
	}
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EBADMSG;
	genl = nlmsg_data(nlh);
	if (cmd)
		*cmd = genl->cmd;
	return nla_parse_deprecated(tb, maxattr, genlmsg_data(genl), genlmsg_len(genl),
				    NULL, NULL);
}

/*
 * The answer to a request with NLM_F_ACK: an error, an ack alone, or a reply then
 * an ack (each its own datagram). The reply stays in nl->buf for @tb.
 */
int mpool_test_nl_transact(struct mpool_test_nl *nl, struct sk_buff *req,
			   struct nlattr **tb, int maxattr, u8 *reply_cmd)
{
	struct nlmsghdr *nlh;
	int len, ret;

	memset(tb, 0, (maxattr + 1) * sizeof(*tb));
	ret = send_request(nl, req);
	if (ret)
		return ret;
	len = receive(nl, 0);
	if (len < 0)
		return len;
	nlh = nl->buf;
	if (!nlmsg_ok(nlh, len))
		return -EBADMSG;
	ret = parse_message(nlh, tb, maxattr, reply_cmd);
	if (nlh->nlmsg_type == NLMSG_ERROR)
		return ret == -EBADMSG ? 0 : ret;	/* an ack with error 0 */
	if (ret)
		return ret;
	len = receive_into(nl, nl->ack_buf, 0);
	if (len < 0)
		return len;
	nlh = nl->ack_buf;
	if (!nlmsg_ok(nlh, len) || nlh->nlmsg_type != NLMSG_ERROR)
		return -EBADMSG;
	return ((struct nlmsgerr *)nlmsg_data(nlh))->error;
}

struct nlattr *mpool_test_nl_reply_attrs(struct mpool_test_nl *nl, int *len)
{
	struct genlmsghdr *genl = nlmsg_data(nl->buf);

	*len = genlmsg_len(genl);
	return genlmsg_data(genl);
}

int mpool_test_nl_dump(struct mpool_test_nl *nl, struct sk_buff *req, int maxattr,
		       mpool_test_nl_msg_fn fn, void *ctx, void (*between)(void *ctx),
		       bool *interrupted)
{
	struct nlattr **tb = kcalloc(maxattr + 1, sizeof(*tb), GFP_KERNEL);
	int batches = 0, ret;

	*interrupted = false;
	if (!tb) {
		kfree_skb(req);
		return -ENOMEM;
	}
	/* Dumps end with NLMSG_DONE: no ack. */
	nlmsg_hdr(req)->nlmsg_flags &= ~NLM_F_ACK;
	nlmsg_hdr(req)->nlmsg_flags |= NLM_F_DUMP;
	ret = send_request(nl, req);
	while (!ret) {
		struct nlmsghdr *nlh = nl->buf;
		int len = receive(nl, 0);
		u8 cmd;

		if (len < 0) {
			ret = len;
			break;
		}
		batches++;
		for (; nlmsg_ok(nlh, len); nlh = nlmsg_next(nlh, &len)) {
			if (nlh->nlmsg_flags & NLM_F_DUMP_INTR)
				*interrupted = true;
			if (nlh->nlmsg_type == NLMSG_DONE)
				goto out;
			ret = parse_message(nlh, tb, maxattr, &cmd);
			if (ret)
				goto out;
			fn(tb, cmd, ctx);
		}
		if (batches == 1 && between)
			between(ctx);
	}
out:
	kfree(tb);
	return ret ?: batches;
}

int mpool_test_nl_subscribe(struct mpool_test_nl *nl, const char *family, const char *group)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1], *grp;
	struct sk_buff *req;
	int ret, rem;

	req = mpool_test_nl_request(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	if (!req)
		return -ENOMEM;
	if (nla_put_string(req, CTRL_ATTR_FAMILY_NAME, family)) {
		kfree_skb(req);
		return -EMSGSIZE;
	}
	ret = mpool_test_nl_transact(nl, req, tb, CTRL_ATTR_MAX, NULL);
	if (ret)
		return ret;
	if (!tb[CTRL_ATTR_MCAST_GROUPS])
		return -ENOENT;
	nla_for_each_nested(grp, tb[CTRL_ATTR_MCAST_GROUPS], rem) {
		struct nlattr *g[CTRL_ATTR_MCAST_GRP_MAX + 1];
		int id;

		if (nla_parse_nested_deprecated(g, CTRL_ATTR_MCAST_GRP_MAX, grp, NULL, NULL) ||
		    !g[CTRL_ATTR_MCAST_GRP_NAME] || !g[CTRL_ATTR_MCAST_GRP_ID] ||
		    strcmp(nla_data(g[CTRL_ATTR_MCAST_GRP_NAME]), group))
			continue;
		id = nla_get_u32(g[CTRL_ATTR_MCAST_GRP_ID]);
		return nl->sock->ops->setsockopt(nl->sock, SOL_NETLINK,
						 NETLINK_ADD_MEMBERSHIP,
						 KERNEL_SOCKPTR(&id), sizeof(id));
	}
	return -ENOENT;
}

int mpool_test_nl_read_notifications(struct mpool_test_nl *nl, int maxattr,
				     mpool_test_nl_msg_fn fn, void *ctx)
{
	struct nlattr **tb = kcalloc(maxattr + 1, sizeof(*tb), GFP_KERNEL);
	int count = 0, flags = 0;

	if (!tb)
		return -ENOMEM;
	for (;;) {
		struct nlmsghdr *nlh = nl->buf;
		int len = receive(nl, flags);
		u8 cmd;

		if (len < 0)
			break;
		/* Wait for the first; take the rest only if already queued. */
		flags = MSG_DONTWAIT;
		for (; nlmsg_ok(nlh, len); nlh = nlmsg_next(nlh, &len)) {
			if (parse_message(nlh, tb, maxattr, &cmd))
				continue;
			fn(tb, cmd, ctx);
			count++;
		}
	}
	kfree(tb);
	return count;
}

int mpool_test_nl_resolve(struct mpool_test_nl *nl, const char *name)
{
	struct nlattr *tb[CTRL_ATTR_MAX + 1];
	struct sk_buff *req;
	int ret;

	req = mpool_test_nl_request(nl, GENL_ID_CTRL, CTRL_CMD_GETFAMILY);
	if (!req)
		return -ENOMEM;
	if (nla_put_string(req, CTRL_ATTR_FAMILY_NAME, name)) {
		kfree_skb(req);
		return -EMSGSIZE;
	}
	ret = mpool_test_nl_transact(nl, req, tb, CTRL_ATTR_MAX, NULL);
	if (ret)
		return ret;
	if (!tb[CTRL_ATTR_FAMILY_ID])
		return -EBADMSG;
	return nla_get_u16(tb[CTRL_ATTR_FAMILY_ID]);
}
