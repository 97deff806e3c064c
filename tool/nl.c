// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-genl-3 transport for mempoolctl. Requests carry NETLINK_EXT_ACK so the
 * kernel's explanation of a rejected request reaches the user verbatim.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/mpool.h>

#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

struct mpool_nl {
	struct nl_sock *sock;
	int family;
	char kernel_msg[256];
};

struct request {
	struct mpool_nl *nl;
	int maxattr;
	mpool_nl_reply_fn fn;
	void *ctx;
	int err;	/* first error: kernel's (negative errno) or the callback's */
	int done;
};

static int libnl_to_errno(int nlerr)
{
	switch (-nlerr) {
	case NLE_OBJ_NOTFOUND:
		return -ENOENT;
	case NLE_NOMEM:
		return -ENOMEM;
	case NLE_PERM:
		return -EPERM;
	case NLE_INVAL:
		return -EINVAL;
	case NLE_RANGE:
		return -ERANGE;
	case NLE_BUSY:
		return -EBUSY;
	case NLE_AGAIN:
		return -EAGAIN;
	default:
		return -EIO;
	}
}

int mpool_nl_open(struct mpool_nl **nlp)
{
	struct mpool_nl *nl;
	int one = 1;
	int ret;

	nl = calloc(1, sizeof(*nl));
	if (!nl)
		return -ENOMEM;
	nl->sock = nl_socket_alloc();
	if (!nl->sock) {
		free(nl);
		return -ENOMEM;
	}
	ret = genl_connect(nl->sock);
	if (ret < 0)
		goto err;
	/* Best effort: kernels without extack still answer, just less helpfully. */
	setsockopt(nl_socket_get_fd(nl->sock), SOL_NETLINK, NETLINK_EXT_ACK,
		   &one, sizeof(one));

	nl->family = genl_ctrl_resolve(nl->sock, MPOOL_FAMILY_NAME);
	if (nl->family < 0) {
		ret = nl->family;
		goto err;
	}
	*nlp = nl;
	return 0;

err:
	nl_socket_free(nl->sock);
	free(nl);
	return libnl_to_errno(ret);
}

void mpool_nl_close(struct mpool_nl *nl)
{
	if (!nl)
		return;
	nl_socket_free(nl->sock);
	free(nl);
}

const char *mpool_nl_kernel_msg(const struct mpool_nl *nl)
{
	return nl->kernel_msg[0] ? nl->kernel_msg : NULL;
}

const char *mpool_attr_str(const struct nlattr *attr)
{
	return nla_get_string((struct nlattr *)attr);
}

/* Pull NLMSGERR_ATTR_MSG out of an extended ack, if the kernel sent one. */
static void save_extack(struct mpool_nl *nl, const struct nlmsgerr *err)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)((const char *)err - NLMSG_HDRLEN);
	struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	size_t off = sizeof(*err);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* Unless capped, the error echoes the whole request before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - NLMSG_HDRLEN;
	if (NLMSG_HDRLEN + off >= nlh->nlmsg_len)
		return;
	if (nla_parse(tb, NLMSGERR_ATTR_MAX, (struct nlattr *)((char *)err + off),
		      nlh->nlmsg_len - NLMSG_HDRLEN - off, NULL) < 0)
		return;
	if (tb[NLMSGERR_ATTR_MSG])
		snprintf(nl->kernel_msg, sizeof(nl->kernel_msg), "%s",
			 nla_get_string(tb[NLMSGERR_ATTR_MSG]));
}

static int on_error(struct sockaddr_nl *who, struct nlmsgerr *err, void *arg)
{
	struct request *req = arg;

	(void)who;
	save_extack(req->nl, err);
	if (!req->err)
		req->err = err->error;
	req->done = 1;
	return NL_STOP;
}

static int on_ack(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	(void)msg;
	req->done = 1;
	return NL_STOP;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;
	struct nlattr *tb[req->maxattr + 1];
	int ret;

	ret = genlmsg_parse(nlmsg_hdr(msg), 0, tb, req->maxattr, NULL);
	if (ret < 0) {
		if (!req->err)
			req->err = libnl_to_errno(ret);
		return NL_SKIP;
	}
	ret = req->fn((const struct nlattr *const *)tb, req->ctx);
	if (ret && !req->err)
		req->err = ret;
	return NL_OK;
}

int mpool_nl_do(struct mpool_nl *nl, uint8_t cmd, int maxattr,
		mpool_nl_reply_fn fn, void *ctx)
{
	struct request req = { .nl = nl, .maxattr = maxattr, .fn = fn, .ctx = ctx };
	struct nl_msg *msg;
	struct nl_cb *cb;
	int ret;

	nl->kernel_msg[0] = '\0';
	msg = nlmsg_alloc();
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!msg || !cb) {
		ret = -ENOMEM;
		goto out;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_REQUEST | NLM_F_ACK, cmd, MPOOL_FAMILY_VERSION)) {
		ret = -ENOMEM;
		goto out;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &req);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &req);

	ret = nl_send_auto(nl->sock, msg);
	if (ret < 0) {
		ret = libnl_to_errno(ret);
		goto out;
	}
	ret = 0;
	while (!req.done && ret >= 0)
		ret = nl_recvmsgs(nl->sock, cb);
	if (ret < 0 && !req.err)
		req.err = libnl_to_errno(ret);
	ret = req.err;
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return ret;
}
