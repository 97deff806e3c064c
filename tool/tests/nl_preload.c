// SPDX-License-Identifier: GPL-2.0
/*
 * A fake mpool kernel under the real transport: LD_PRELOAD=tests/nl_preload.so makes
 * the netlink sockets of the real mempoolctl (nl.c on libnl-genl-3) talk to the pools
 * of the host tests' fake kernel (nl_fake.c, included below under other names), so
 * tests/host/tool-nl-transport.sh checks what the fake transport cannot: that libnl
 * resolves the family and its multicast group, that a class-get reply of 24 classes
 * (some 50 KB in one message) and the ack behind it are read whole, that dumps,
 * extended acks and notifications arrive as the kernel sends them.
 *
 * socket(AF_NETLINK, ..., NETLINK_GENERIC) returns one end of a datagram socketpair;
 * what the tool sends there is answered on the other end: CTRL_CMD_GETFAMILY by the
 * "controller", mpool commands by nl_fake.c, as the kernel frames them (replies with
 * the request's sequence number, NLM_F_MULTI and NLMSG_DONE for dumps, an ack or an
 * error with NLMSGERR_ATTR_MSG when NETLINK_EXT_ACK is on, the request echoed).
 *
 * The receive buffer is modelled on netlink_unicast(): a message that finds the
 * socket's queue already above its SO_RCVBUF (as the kernel doubles it) is dropped
 * and the next read fails with ENOBUFS. A queued message counts as the kernel's skb
 * would: its allocation (class-get: NLMSG_DEFAULT_SIZE and 2 KB a class, as
 * kmod/netlink.c asks; others at least NLMSG_GOODSIZE) rounded up to a power of two,
 * trimmed when more than half unused (netlink_trim()), plus the sk_buff.
 *
 * Environment: as nl_fake.c (MEMPOOLCTL_FAKE_*), plus
 *   NL_PRELOAD_RMEM_MAX=N   cap SO_RCVBUF at N bytes (net.core.rmem_max; default: the
 *                           host's), to show what a small receive buffer does
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <linux/genetlink.h>
#include <linux/netlink.h>

/* nl_fake.c's transport, renamed: this file provides the sockets under nl.c. */
#define mpool_nl_open fake_nl_open
#define mpool_nl_close fake_nl_close
#define mpool_nl_kernel_msg fake_nl_kernel_msg
#define mpool_nl_request fake_nl_request
#define mpool_nl_monitor_open fake_nl_monitor_open
#define mpool_nl_monitor_fd fake_nl_monitor_fd
#define mpool_nl_monitor_read fake_nl_monitor_read
#include "nl_fake.c" /* NOLINT(bugprone-suspicious-include): its pools, renamed */

#define FAMILY_ID	0x1d
#define MONITOR_GRP_ID	7
#define MAX_SOCKS	8
#define MAX_QUEUED	64

struct fake_sock {
	size_t queued[MAX_QUEUED];	/* truesize of each message waiting, in order */
	size_t rmem;			/* their sum */
	unsigned int nq;
	struct sockaddr_nl local;
	int used;
	int fd, peer;			/* our end (the tool's), the kernel's end */
	int ext_ack;
	int overrun;			/* a message was dropped: the next read fails */
};

static struct fake_sock socks[MAX_SOCKS];

static int (*real_socket)(int, int, int);
static int (*real_close)(int);
static int (*real_setsockopt)(int, int, int, const void *, socklen_t);
static ssize_t (*real_recvmsg)(int, struct msghdr *, int);
static ssize_t (*real_recv)(int, void *, size_t, int);

__attribute__((noreturn, format(printf, 1, 2)))
static void die(const char *fmt, ...)
{
	va_list ap;

	fputs("nl_preload: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	abort();
}

static void resolve(void)
{
	if (real_socket)
		return;
	real_socket = (int (*)(int, int, int))dlsym(RTLD_NEXT, "socket");
	real_close = (int (*)(int))dlsym(RTLD_NEXT, "close");
	real_setsockopt = (int (*)(int, int, int, const void *, socklen_t))dlsym(RTLD_NEXT,
										   "setsockopt");
	real_recvmsg = (ssize_t (*)(int, struct msghdr *, int))dlsym(RTLD_NEXT, "recvmsg");
	real_recv = (ssize_t (*)(int, void *, size_t, int))dlsym(RTLD_NEXT, "recv");
	if (!real_socket || !real_close || !real_setsockopt || !real_recvmsg || !real_recv)
		die("dlsym failed");
}

static struct fake_sock *sock_of(int fd)
{
	int i;

	for (i = 0; i < MAX_SOCKS; i++)
		if (socks[i].used && socks[i].fd == fd)
			return &socks[i];
	return NULL;
}

/* The receive buffer the kernel would give: SO_RCVBUF as set, capped, doubled. */
static size_t rcvbuf(const struct fake_sock *s)
{
	int v = 0;
	socklen_t len = sizeof(v);

	/* The socketpair's own buffer holds what was asked, already capped and doubled. */
	if (getsockopt(s->fd, SOL_SOCKET, SO_RCVBUF, &v, &len) || v <= 0)
		die("getsockopt SO_RCVBUF: %s", strerror(errno));
	return (size_t)v;
}

static size_t pow2_up(size_t n)
{
	size_t p = 1;

	while (p < n)
		p <<= 1;
	return p;
}

/* What the kernel's skb of a @len byte message would weigh; @classes: class-get's. */
static size_t truesize(size_t len, unsigned int classes)
{
	const size_t goodsize = 3776, shinfo = 320, skb = 256;
	size_t want = classes ? goodsize - NLMSG_HDRLEN + (size_t)classes * 2048 : goodsize;
	size_t alloc;

	if (want < len)
		want = len;
	alloc = pow2_up(want + shinfo);
	/* netlink_trim(): more than half unused, the data is copied to a fitting head. */
	if ((alloc - shinfo - len) * 2 >= alloc + skb)
		alloc = pow2_up(len + shinfo);
	return alloc + skb;
}

/* Queue one message for the tool, unless the receive buffer is over full. */
static void push(struct fake_sock *s, const void *msg, size_t len, unsigned int classes)
{
	if (s->rmem > rcvbuf(s)) {
		s->overrun = 1;
		return;
	}
	if (s->nq == MAX_QUEUED)
		die("too many messages queued");
	if (send(s->peer, msg, len, MSG_DONTWAIT) != (ssize_t)len)
		die("send to the tool: %s", strerror(errno));
	s->queued[s->nq++] = truesize(len, classes);
	s->rmem += s->queued[s->nq - 1];
}

static void popped(struct fake_sock *s)
{
	if (!s->nq)
		return;
	s->rmem -= s->queued[0];
	memmove(s->queued, s->queued + 1, --s->nq * sizeof(s->queued[0]));
}

/* A message: header, genetlink header (@genl), attributes. */
static void push_msg(struct fake_sock *s, uint16_t type, uint16_t flags, uint32_t seq,
		     int genl, uint8_t cmd, const void *attrs, size_t alen, unsigned int classes)
{
	size_t hlen = NLMSG_HDRLEN + (genl ? GENL_HDRLEN : 0);
	struct nlmsghdr *nlh = calloc(1, hlen + alen + 4);

	if (!nlh)
		die("out of memory");
	nlh->nlmsg_len = (uint32_t)(hlen + alen);
	nlh->nlmsg_type = type;
	nlh->nlmsg_flags = flags;
	nlh->nlmsg_seq = seq;
	nlh->nlmsg_pid = s->local.nl_pid;
	if (genl) {
		struct genlmsghdr *g = NLMSG_DATA(nlh);

		g->cmd = cmd;
		g->version = 1;
	}
	if (alen)
		memcpy((char *)nlh + hlen, attrs, alen);
	push(s, nlh, nlh->nlmsg_len, classes);
	free(nlh);
}

/* An ack (@err 0) or error for @req, with the kernel's message when asked for. */
static void push_ack(struct fake_sock *s, const struct nlmsghdr *req, int err, const char *msg)
{
	size_t echo = err ? req->nlmsg_len : NLMSG_HDRLEN;
	struct attr_buf b;
	uint16_t flags = 0;
	char *buf;

	abuf_init(&b);
	if (err && msg && s->ext_ack) {
		abuf_put_str(&b, NLMSGERR_ATTR_MSG, msg);
		flags |= NLM_F_ACK_TLVS;
	}
	buf = calloc(1, sizeof(int) + echo + b.len + 4);
	if (!buf || b.err)
		die("out of memory");
	memcpy(buf, &err, sizeof(int));
	memcpy(buf + sizeof(int), req, echo);
	if (b.len)
		memcpy(buf + sizeof(int) + NLMSG_ALIGN(echo), b.data, b.len);
	push_msg(s, NLMSG_ERROR, flags, req->nlmsg_seq, 0, 0, buf,
		 sizeof(int) + NLMSG_ALIGN(echo) + b.len, 0);
	free(buf);
	abuf_free(&b);
}

/* The controller: CTRL_CMD_GETFAMILY of "mpool", with its "monitor" group. */
static void controller(struct fake_sock *s, const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = NLMSG_DATA(req);
	const struct nlattr *tb[CTRL_ATTR_MAX + 1];
	const char *name = NULL;
	struct attr_buf b;
	uint16_t id = FAMILY_ID;
	size_t grps, grp;

	if (req->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN || g->cmd != CTRL_CMD_GETFAMILY ||
	    attr_parse(tb, CTRL_ATTR_MAX, (const char *)g + GENL_HDRLEN,
		       req->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN))
		die("unexpected controller request");
	if (tb[CTRL_ATTR_FAMILY_NAME])
		name = attr_get_str(tb[CTRL_ATTR_FAMILY_NAME]);
	if (!name || strcmp(name, MPOOL_FAMILY_NAME) != 0 || getenv("MEMPOOLCTL_FAKE_NOMODULE")) {
		push_ack(s, req, -ENOENT, NULL);
		return;
	}
	abuf_init(&b);
	abuf_put(&b, CTRL_ATTR_FAMILY_ID, &id, sizeof(id));
	abuf_put_str(&b, CTRL_ATTR_FAMILY_NAME, MPOOL_FAMILY_NAME);
	abuf_put_u32(&b, CTRL_ATTR_VERSION, MPOOL_FAMILY_VERSION);
	abuf_put_u32(&b, CTRL_ATTR_HDRSIZE, 0);
	abuf_put_u32(&b, CTRL_ATTR_MAXATTR, MPOOL_A_POOL_MAX);
	if (!getenv("MEMPOOLCTL_FAKE_NOGROUP")) {
		grps = abuf_nest_start(&b, CTRL_ATTR_MCAST_GROUPS);
		grp = abuf_nest_start(&b, 1);
		abuf_put_str(&b, CTRL_ATTR_MCAST_GRP_NAME, MPOOL_MCGRP_MONITOR);
		abuf_put_u32(&b, CTRL_ATTR_MCAST_GRP_ID, MONITOR_GRP_ID);
		abuf_nest_end(&b, grp);
		abuf_nest_end(&b, grps);
	}
	if (b.err)
		die("out of memory");
	push_msg(s, GENL_ID_CTRL, 0, req->nlmsg_seq, 1, CTRL_CMD_NEWFAMILY, b.data, b.len, 0);
	abuf_free(&b);
	if (req->nlmsg_flags & NLM_F_ACK)
		push_ack(s, req, 0, NULL);
}

/* Replies of nl_fake.c, kept until the request is done. */
struct captured {
	unsigned int nr;
	struct {
		uint8_t cmd;
		void *data;
		size_t len;
		unsigned int classes;
	} msg[16];
};

static int capture(const struct mpool_reply *r, void *ctx)
{
	struct captured *c = ctx;
	const struct nlattr *a;

	if (c->nr == sizeof(c->msg) / sizeof(c->msg[0]))
		die("too many replies");
	c->msg[c->nr].cmd = r->cmd;
	c->msg[c->nr].len = r->len;
	c->msg[c->nr].classes = 0;
	c->msg[c->nr].data = malloc(r->len ? r->len : 1);
	if (!c->msg[c->nr].data)
		die("out of memory");
	memcpy(c->msg[c->nr].data, r->attrs, r->len);
	if (r->cmd == MPOOL_CMD_CLASS_GET)
		attr_for_each(a, r->attrs, r->len)
			if (attr_type(a) == MPOOL_A_POOL_CLASS)
				c->msg[c->nr].classes++;
	c->nr++;
	return 0;
}

static void release(struct captured *c)
{
	unsigned int i;

	for (i = 0; i < c->nr; i++)
		free(c->msg[i].data);
	c->nr = 0;
}

/* An mpool request, answered by nl_fake.c and framed as the kernel frames it. */
static void mpool(struct fake_sock *s, const struct nlmsghdr *req)
{
	const struct genlmsghdr *g = NLMSG_DATA(req);
	bool dump = req->nlmsg_flags & NLM_F_DUMP;
	struct captured c = { 0 };
	struct mpool_nl *fnl;
	unsigned int i;
	int ret;

	if (req->nlmsg_len < NLMSG_HDRLEN + GENL_HDRLEN)
		die("short mpool request");
	ret = fake_nl_open(&fnl);
	if (ret)
		die("fake_nl_open: %d", ret);
	ret = fake_nl_request(fnl, g->cmd, dump, (const char *)g + GENL_HDRLEN,
			      req->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN,
			      g->cmd == MPOOL_CMD_VERSION_GET ? MPOOL_A_VERSION_MAX : MPOOL_A_POOL_MAX,
			      capture, &c);
	if (ret && ret != MPOOL_NL_DUMP_INTR) {
		push_ack(s, req, ret, fake_nl_kernel_msg(fnl));
	} else {
		uint16_t flags = dump ? NLM_F_MULTI : 0;

		if (ret == MPOOL_NL_DUMP_INTR)
			flags |= NLM_F_DUMP_INTR;
		for (i = 0; i < c.nr; i++)
			push_msg(s, FAMILY_ID, flags, req->nlmsg_seq, 1, c.msg[i].cmd, c.msg[i].data,
				 c.msg[i].len, c.msg[i].classes);
		if (dump) {
			int status = 0;

			push_msg(s, NLMSG_DONE, flags, req->nlmsg_seq, 0, 0, &status, sizeof(status),
				 0);
		} else if (req->nlmsg_flags & NLM_F_ACK) {
			push_ack(s, req, 0, NULL);
		}
	}
	release(&c);
	fake_nl_close(fnl);
}

/* Joining the monitor group: nl_fake.c's four notifications are waiting at once. */
static void join_monitor(struct fake_sock *s)
{
	struct captured c = { 0 };
	struct mpool_nl *fnl;
	unsigned int i;

	if (fake_nl_monitor_open(&fnl, MPOOL_MCGRP_MONITOR))
		die("fake_nl_monitor_open");
	fake_nl_monitor_read(fnl, MPOOL_A_POOL_MAX, capture, &c);
	fake_nl_close(fnl);
	for (i = 0; i < c.nr; i++)
		push_msg(s, FAMILY_ID, 0, 0, 1, c.msg[i].cmd, c.msg[i].data, c.msg[i].len, 0);
	release(&c);
}

static void handle(struct fake_sock *s, const void *buf, size_t len)
{
	const struct nlmsghdr *nlh;
	int left = (int)len;

	for (nlh = buf; NLMSG_OK(nlh, left); nlh = NLMSG_NEXT(nlh, left)) {
		if (nlh->nlmsg_type == GENL_ID_CTRL)
			controller(s, nlh);
		else if (nlh->nlmsg_type == FAMILY_ID)
			mpool(s, nlh);
		else
			push_ack(s, nlh, -ENOENT, NULL);
	}
}

/* ---- the interposed calls ---- */

int socket(int domain, int type, int protocol)
{
	struct fake_sock *s;
	int sv[2];

	resolve();
	if (domain != AF_NETLINK)
		return real_socket(domain, type, protocol);
	if (protocol != NETLINK_GENERIC)
		die("netlink protocol %d", protocol);
	for (s = socks; s < socks + MAX_SOCKS && s->used; s++)
		;
	if (s == socks + MAX_SOCKS)
		die("too many sockets");
	if (socketpair(AF_UNIX, SOCK_DGRAM | (type & (SOCK_CLOEXEC | SOCK_NONBLOCK)), 0, sv))
		return -1;
	memset(s, 0, sizeof(*s));
	s->used = 1;
	s->fd = sv[0];
	s->peer = sv[1];
	return s->fd;
}

int close(int fd)
{
	struct fake_sock *s;

	resolve();
	s = sock_of(fd);
	if (s) {
		real_close(s->peer);
		memset(s, 0, sizeof(*s));
	}
	return real_close(fd);
}

int bind(int fd, const struct sockaddr *addr, socklen_t len)
{
	struct fake_sock *s = sock_of(fd);
	int (*real_bind)(int, const struct sockaddr *, socklen_t);

	if (s) {
		if (len < sizeof(s->local) || addr->sa_family != AF_NETLINK) {
			errno = EINVAL;
			return -1;
		}
		memcpy(&s->local, addr, sizeof(s->local));
		if (!s->local.nl_pid)
			s->local.nl_pid = (uint32_t)getpid();
		return 0;
	}
	real_bind = (int (*)(int, const struct sockaddr *, socklen_t))dlsym(RTLD_NEXT, "bind");
	return real_bind(fd, addr, len);
}

int getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
	struct fake_sock *s = sock_of(fd);
	int (*real_getsockname)(int, struct sockaddr *, socklen_t *);

	if (s) {
		memcpy(addr, &s->local, *len < sizeof(s->local) ? *len : sizeof(s->local));
		*len = sizeof(s->local);
		return 0;
	}
	real_getsockname = (int (*)(int, struct sockaddr *, socklen_t *))dlsym(RTLD_NEXT,
										 "getsockname");
	return real_getsockname(fd, addr, len);
}

int setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
	struct fake_sock *s;
	const char *cap;
	int v;

	resolve();
	s = sock_of(fd);
	if (!s)
		return real_setsockopt(fd, level, name, val, len);
	if (level == SOL_NETLINK) {
		if (len != sizeof(int)) {
			errno = EINVAL;
			return -1;
		}
		memcpy(&v, val, sizeof(v));
		if (name == NETLINK_EXT_ACK)
			s->ext_ack = v;
		else if (name == NETLINK_ADD_MEMBERSHIP && v == MONITOR_GRP_ID)
			join_monitor(s);
		return 0;
	}
	cap = getenv("NL_PRELOAD_RMEM_MAX");
	if (level == SOL_SOCKET && name == SO_RCVBUF && cap && len == sizeof(int)) {
		long max = strtol(cap, NULL, 10);

		memcpy(&v, val, sizeof(v));
		if (max > 0 && v > max)
			v = (int)max;
		return real_setsockopt(fd, level, name, &v, sizeof(v));
	}
	return real_setsockopt(fd, level, name, val, len);
}

ssize_t sendmsg(int fd, const struct msghdr *msg, int flags)
{
	struct fake_sock *s = sock_of(fd);
	ssize_t (*real_sendmsg)(int, const struct msghdr *, int);
	size_t len = 0, i;
	char *buf;

	if (!s) {
		real_sendmsg = (ssize_t (*)(int, const struct msghdr *, int))dlsym(RTLD_NEXT,
										     "sendmsg");
		return real_sendmsg(fd, msg, flags);
	}
	for (i = 0; i < msg->msg_iovlen; i++)
		len += msg->msg_iov[i].iov_len;
	buf = malloc(len ? len : 1);
	if (!buf)
		die("out of memory");
	for (len = 0, i = 0; i < msg->msg_iovlen; i++) {
		memcpy(buf + len, msg->msg_iov[i].iov_base, msg->msg_iov[i].iov_len);
		len += msg->msg_iov[i].iov_len;
	}
	handle(s, buf, len);
	free(buf);
	return (ssize_t)len;
}

ssize_t sendto(int fd, const void *data, size_t len, int flags, const struct sockaddr *to,
	       socklen_t tolen)
{
	struct fake_sock *s = sock_of(fd);
	ssize_t (*real_sendto)(int, const void *, size_t, int, const struct sockaddr *,
			       socklen_t);

	if (s) {
		handle(s, data, len);
		return (ssize_t)len;
	}
	real_sendto = (ssize_t (*)(int, const void *, size_t, int, const struct sockaddr *,
				   socklen_t))dlsym(RTLD_NEXT, "sendto");
	return real_sendto(fd, data, len, flags, to, tolen);
}

ssize_t recvmsg(int fd, struct msghdr *msg, int flags)
{
	struct fake_sock *s;
	socklen_t namelen;
	ssize_t n;

	resolve();
	s = sock_of(fd);
	if (!s)
		return real_recvmsg(fd, msg, flags);
	/* As sock_error() in the kernel: a lost message is reported first, once. */
	if (s->overrun) {
		s->overrun = 0;
		errno = ENOBUFS;
		return -1;
	}
	namelen = msg->msg_namelen;
	n = real_recvmsg(fd, msg, flags);
	if (n < 0)
		return n;
	/* From the kernel (port 0), not from an unnamed AF_UNIX peer. */
	if (msg->msg_name && namelen >= sizeof(struct sockaddr_nl)) {
		struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };

		memcpy(msg->msg_name, &kernel, sizeof(kernel));
		msg->msg_namelen = sizeof(kernel);
	}
	if (!(flags & MSG_PEEK))
		popped(s);
	return n;
}

ssize_t recv(int fd, void *buf, size_t len, int flags)
{
	struct fake_sock *s;
	ssize_t n;

	resolve();
	s = sock_of(fd);
	if (!s)
		return real_recv(fd, buf, len, flags);
	if (s->overrun) {
		s->overrun = 0;
		errno = ENOBUFS;
		return -1;
	}
	n = real_recv(fd, buf, len, flags);
	if (n >= 0 && !(flags & MSG_PEEK))
		popped(s);
	return n;
}
