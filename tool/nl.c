// SPDX-License-Identifier: GPL-2.0
/*
 * libnl-genl-3 transport for mempoolctl. Requests carry NETLINK_EXT_ACK so the
 * kernel's explanation of a rejected request reaches the user verbatim. Attributes
 * are parsed by attr.c, the same code the host tests exercise.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include <netlink/genl/ctrl.h>
#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/genetlink.h>
#include <linux/mpool.h>

#include "attr.h"
#include "nl.h"

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

/*
 * The largest reply is class-get of a buffer pool: about 2 KB a class, some 50 KB
 * for 24 classes, in one message. The kernel queues it, then drops the ack behind it
 * when the socket's receive buffer is already full (the reader sees ENOBUFS), and
 * libnl leaves that buffer at 32 KB: ask for 1 MiB (the kernel caps it at
 * net.core.rmem_max, 208 KB by default, and doubles it). libnl reads each message
 * into a 64 KB buffer and, peeking first, grows it for anything larger.
 */
#define NL_RCVBUF	(1 << 20)
#define NL_MSG_BUF	(64 << 10)

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
	int intr;	/* a reply carried NLM_F_DUMP_INTR */
};

static int libnl_to_errno(int nlerr)
{
	switch (nlerr < 0 ? -nlerr : nlerr) {
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
	case NLE_NOACCESS:
		return -EACCES;
	case NLE_OPNOTSUPP:
		return -EOPNOTSUPP;
	case NLE_MSGSIZE:
		return -EMSGSIZE;
	default:
		return -EIO;
	}
}

static int connect_family(struct mpool_nl **nlp)
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
	/* Replies of any size, the ack after them too (see NL_RCVBUF). */
	ret = nl_socket_set_buffer_size(nl->sock, NL_RCVBUF, 0);
	if (ret < 0)
		goto err;
	nl_socket_set_msg_buf_size(nl->sock, NL_MSG_BUF);
	nl_socket_enable_msg_peek(nl->sock);
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

int mpool_nl_open(struct mpool_nl **nlp)
{
	return connect_family(nlp);
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

/* Pull NLMSGERR_ATTR_MSG out of the TLVs at @tlv (the tail of an error or done). */
static void save_extack_tlvs(struct mpool_nl *nl, const void *tlv, size_t len)
{
	const struct nlattr *tb[NLMSGERR_ATTR_MAX + 1];
	const char *msg;

	if (attr_parse(tb, NLMSGERR_ATTR_MAX, tlv, len) < 0 || !tb[NLMSGERR_ATTR_MSG])
		return;
	msg = attr_get_str(tb[NLMSGERR_ATTR_MSG]);
	if (msg)
		snprintf(nl->kernel_msg, sizeof(nl->kernel_msg), "%s", msg);
}

static void save_extack(struct mpool_nl *nl, const struct nlmsgerr *err)
{
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)((const char *)err - NLMSG_HDRLEN);
	size_t off = sizeof(*err);

	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return;
	/* Unless capped, the error echoes the whole request before the TLVs. */
	if (!(nlh->nlmsg_flags & NLM_F_CAPPED))
		off += err->msg.nlmsg_len - NLMSG_HDRLEN;
	if (NLMSG_HDRLEN + off >= nlh->nlmsg_len)
		return;
	save_extack_tlvs(nl, (const char *)err + off, nlh->nlmsg_len - NLMSG_HDRLEN - off);
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

/* End of a dump: its payload is the dump's status, maybe followed by extack TLVs. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct nlmsghdr *nlh = nlmsg_hdr(msg);
	struct request *req = arg;
	int status;

	req->done = 1;
	if (nlh->nlmsg_len >= NLMSG_HDRLEN + sizeof(status)) {
		memcpy(&status, nlmsg_data(nlh), sizeof(status));
		if (status < 0 && !req->err)
			req->err = status;
		if (nlh->nlmsg_flags & NLM_F_ACK_TLVS)
			save_extack_tlvs(req->nl, (const char *)nlmsg_data(nlh) + sizeof(status),
					 nlh->nlmsg_len - NLMSG_HDRLEN - sizeof(status));
	}
	return NL_STOP;
}

/* Every message passes here first: note an inconsistent dump, keep reading it. */
static int on_msg_in(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;

	if (nlmsg_hdr(msg)->nlmsg_flags & NLM_F_DUMP_INTR)
		req->intr = 1;
	return NL_OK;
}

/* libnl >= 3.2.26 would otherwise fail the whole read with NLE_DUMP_INTR. */
static int on_dump_intr(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

static int deliver(struct request *req, const struct nlmsghdr *nlh)
{
	const struct genlmsghdr *gnlh;
	const struct nlattr *tb[req->maxattr + 1];
	struct mpool_reply r;
	const void *attrs;
	size_t len;
	int ret;

	if (nlh->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		return -EPROTO;
	gnlh = NLMSG_DATA(nlh);
	attrs = (const char *)gnlh + GENL_HDRLEN;
	len = nlh->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	ret = attr_parse(tb, req->maxattr, attrs, len);
	if (ret < 0)
		return ret;
	r.cmd = gnlh->cmd;
	r.maxattr = req->maxattr;
	r.tb = tb;
	r.attrs = attrs;
	r.len = len;
	return req->fn(&r, req->ctx);
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request *req = arg;
	int ret;

	ret = deliver(req, nlmsg_hdr(msg));
	if (ret < 0 && !req->err)
		req->err = ret;
	return NL_OK;
}

int mpool_nl_request(struct mpool_nl *nl, uint8_t cmd, bool dump,
		     const void *attrs, size_t len, int maxattr,
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
	/* A dump ends with NLMSG_DONE; a do with its ack (or error). */
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0,
			 NLM_F_REQUEST | (dump ? NLM_F_DUMP : NLM_F_ACK), cmd,
			 MPOOL_FAMILY_VERSION)) {
		ret = -ENOMEM;
		goto out;
	}
	if (len && nlmsg_append(msg, (void *)attrs, len, NLMSG_ALIGNTO) < 0) {
		ret = -EMSGSIZE;
		goto out;
	}
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, &req);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, &req);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, &req);
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, &req);
	nl_cb_set(cb, NL_CB_MSG_IN, NL_CB_CUSTOM, on_msg_in, &req);
	nl_cb_set(cb, NL_CB_DUMP_INTR, NL_CB_CUSTOM, on_dump_intr, &req);

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
	if (!ret && req.intr)
		ret = MPOOL_NL_DUMP_INTR;
out:
	nl_cb_put(cb);
	nlmsg_free(msg);
	return ret;
}

int mpool_nl_monitor_open(struct mpool_nl **nlp, const char *group)
{
	struct mpool_nl *nl;
	int grp;
	int ret;

	ret = connect_family(&nl);
	if (ret)
		return ret;
	grp = genl_ctrl_resolve_grp(nl->sock, MPOOL_FAMILY_NAME, group);
	if (grp < 0) {
		mpool_nl_close(nl);
		return grp == -NLE_OBJ_NOTFOUND ? -ESRCH : libnl_to_errno(grp);
	}
	ret = nl_socket_add_membership(nl->sock, grp);
	if (ret < 0) {
		mpool_nl_close(nl);
		return libnl_to_errno(ret);
	}
	ret = nl_socket_set_nonblocking(nl->sock);
	if (ret < 0) {
		mpool_nl_close(nl);
		return libnl_to_errno(ret);
	}
	*nlp = nl;
	return 0;
}

int mpool_nl_monitor_fd(const struct mpool_nl *nl)
{
	return nl_socket_get_fd(nl->sock);
}

/*
 * Notifications are read straight from the socket: they are single messages from the
 * kernel with sequence number 0, and a plain recv() tells an overrun (ENOBUFS) apart
 * from other failures.
 */
int mpool_nl_monitor_read(struct mpool_nl *nl, int maxattr, mpool_nl_reply_fn fn, void *ctx)
{
	struct request req = { .nl = nl, .maxattr = maxattr, .fn = fn, .ctx = ctx };
	static union {
		struct nlmsghdr h;
		char buf[65536];
	} u;
	const struct nlmsghdr *nlh;
	ssize_t n;
	int len;
	int ret;

	for (;;) {
		n = recv(nl_socket_get_fd(nl->sock), u.buf, sizeof(u.buf), MSG_DONTWAIT);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			if (errno == EAGAIN || errno == EWOULDBLOCK)
				return 0;
			return -errno;
		}
		if (n == 0)
			return 0;
		len = (int)n;
		for (nlh = &u.h; NLMSG_OK(nlh, len); nlh = NLMSG_NEXT(nlh, len)) {
			if (nlh->nlmsg_type != nl->family)
				continue;
			ret = deliver(&req, nlh);
			if (ret)
				return ret;
		}
	}
}
