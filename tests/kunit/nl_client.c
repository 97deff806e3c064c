// SPDX-License-Identifier: GPL-2.0
/* Kernel-socket generic netlink client for the KUnit suites; see nl_client.h. */

#include <kunit/resource.h>
#include <linux/net.h>
#include <linux/socket.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "nl_client.h"

#define MPOOL_TEST_NL_BUF_SIZE	(32 * 1024)
#define MPOOL_TEST_NL_TIMEOUT	(5 * HZ)

struct mpool_test_nl {
	struct socket *sock;
	u32 seq;
	void *buf;
};

static void mpool_test_nl_release(void *data)
{
	struct mpool_test_nl *nl = data;

	sock_release(nl->sock);
}

struct mpool_test_nl *mpool_test_nl_open(struct kunit *test)
{
	struct mpool_test_nl *nl;
	int ret;

	nl = kunit_kzalloc(test, sizeof(*nl), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, nl);
	nl->buf = kunit_kzalloc(test, MPOOL_TEST_NL_BUF_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, nl->buf);

	ret = sock_create_kern(&init_net, PF_NETLINK, SOCK_RAW, NETLINK_GENERIC,
			       &nl->sock);
	KUNIT_ASSERT_EQ_MSG(test, ret, 0, "netlink socket: %d", ret);
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
	nlh = nlmsg_put(skb, 0, ++nl->seq, family, GENL_HDRLEN, NLM_F_REQUEST);
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

int mpool_test_nl_transact(struct mpool_test_nl *nl, struct sk_buff *req,
			   struct nlattr **tb, int maxattr, u8 *reply_cmd)
{
	struct msghdr msg = { };
	struct genlmsghdr *genl;
	struct nlmsghdr *nlh;
	struct kvec iov;
	int len, ret;

	nlmsg_hdr(req)->nlmsg_len = req->len;
	iov.iov_base = req->data;
	iov.iov_len = req->len;
	ret = kernel_sendmsg(nl->sock, &msg, &iov, 1, req->len);
	kfree_skb(req);
	if (ret < 0)
		return ret;

	memset(&msg, 0, sizeof(msg));
	iov.iov_base = nl->buf;
	iov.iov_len = MPOOL_TEST_NL_BUF_SIZE;
	len = kernel_recvmsg(nl->sock, &msg, &iov, 1, MPOOL_TEST_NL_BUF_SIZE, 0);
	if (len < 0)
		return len;

	nlh = nl->buf;
	if (!nlmsg_ok(nlh, len))
		return -EBADMSG;
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		struct nlmsgerr *err = nlmsg_data(nlh);

		return err->error ? err->error : -EBADMSG;
	}
	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EBADMSG;
	genl = nlmsg_data(nlh);
	if (reply_cmd)
		*reply_cmd = genl->cmd;
	return nla_parse_deprecated(tb, maxattr, genlmsg_data(genl), genlmsg_len(genl),
				    NULL, NULL);
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
