// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving: a kernel UDP socket on port `port` of every IPv4 address, whose
 * sk_data_ready callback takes each datagram off the queue and stores its lines.
 *
 * The lines are ingested in softirq context, in the callback, not in a worker it
 * feeds: that is where network consumers allocate (the entry and the text come from
 * the allocator under test with GFP_ATOMIC, on the CPU the packet arrived on), and a
 * worker would add a wakeup per burst and let the socket's receive buffer overflow
 * while it waits to run. Over loopback the callback runs on the sender's CPU, in
 * the softirq its send raised.
 *
 * A datagram holds one line or several separated by newlines (a final newline, or
 * CR LF, ends a line). Empty datagrams and lines, and lines longer than max_line,
 * are counted and not stored; nothing is ever cut short.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/in.h>
#include <linux/ip.h>
#include <linux/net.h>
#include <linux/percpu.h>
#include <linux/rcupdate.h>
#include <linux/sched/clock.h>
#include <linux/skbuff.h>
#include <linux/udp.h>
#include <net/net_namespace.h>
#include <net/sock.h>
#include <net/udp.h>

#include "logserver.h"

static struct {
	struct socket *sock;
	void (*saved_data_ready)(struct sock *sk);
	unsigned int max_line;
	struct logsrv_store *store;
} rx;

static DEFINE_PER_CPU(u64, logsrv_ingest_ns);

/* A line of a datagram, as logsrv_scan_line() found it. */
struct rx_line {
	const char *text;
	unsigned int len;
	bool binary;
};

/*
 * Entries with their texts and fields for @nr lines, in order, into @batch; lines
 * without memory are counted in @d. Returns how many entries there are.
 */
static unsigned int lines_to_entries(const struct rx_line *lines, unsigned int nr,
				     struct logsrv_entry **batch, struct logsrv_counters *d)
{
	unsigned int got = logsrv_entry_alloc_bulk(batch, nr, GFP_ATOMIC), i, kept = 0;

	d->no_entry += nr - got;
	for (i = 0; i < got; i++) {
		const struct rx_line *line = &lines[i];
		struct logsrv_entry *e = batch[i];

		e->text = logsrv_text_alloc(line->len, GFP_ATOMIC);
		if (!e->text) {
			logsrv_entry_free(e);
			d->no_text++;
			continue;
		}
		memcpy(e->text, line->text, line->len);
		logsrv_parse(e->text, line->len, line->binary, &e->meta);
		d->unframed += !!(e->meta.flags & LOGSRV_LINE_UNFRAMED);
		d->bad_header += !!(e->meta.flags & LOGSRV_LINE_BAD_HEADER);
		d->binary += !!(e->meta.flags & LOGSRV_LINE_BINARY);
		batch[kept++] = e;
	}
	return kept;
}

/* Stores the lines of a datagram, LOGSRV_COMMIT_MAX at a time, and counts it. */
static void rx_datagram(struct sk_buff *skb)
{
	struct logsrv_entry *batch[LOGSRV_COMMIT_MAX];
	struct rx_line lines[LOGSRV_COMMIT_MAX];
	__be32 addr = ip_hdr(skb)->saddr;
	__be16 port = udp_hdr(skb)->source;
	struct logsrv_counters d = { .datagrams = 1 };
	const char *p = (const char *)skb->data, *end = p + skb->len;
	unsigned int nr;

	if (p == end)
		d.empty++;
	do {
		for (nr = 0; p < end && nr < LOGSRV_COMMIT_MAX; ) {
			struct rx_line *line = &lines[nr];
			const char *start = p;
			size_t len = logsrv_scan_line(start, end, &p, &line->binary);

			d.lines++;
			d.bytes += len;
			if (!len) {
				d.empty++;
			} else if (len > rx.max_line) {
				d.too_long++;
			} else {
				line->text = start;
				line->len = len;
				nr++;
			}
		}
		nr = lines_to_entries(lines, nr, batch, &d);
		logsrv_store_commit(rx.store, addr, port, batch, nr, &d);
		memset(&d, 0, sizeof(d));
	} while (p < end);
}

/* Checksum and linear data, as udp_recvmsg() would see them. */
static bool rx_usable(struct sock *sk, struct sk_buff *skb)
{
	if (!udp_skb_csum_unnecessary(skb) && __udp_lib_checksum_complete(skb)) {
		__UDP_INC_STATS(sock_net(sk), UDP_MIB_CSUMERRORS, 0);
		return false;
	}
	return !skb_linearize(skb);
}

/*
 * Every datagram queued calls this once, so each call needs to take only a few for
 * none to be left behind; an unbounded loop would keep one CPU in softirq for as long
 * as the other CPUs' senders keep it fed.
 */
#define LOGSRV_RX_BUDGET	8

static void rx_data_ready(struct sock *sk)
{
	u64 start = local_clock();
	struct sk_buff *skb;
	unsigned int n;
	int off, err;

	for (n = 0; n < LOGSRV_RX_BUDGET; n++) {
		off = 0;
		skb = __skb_recv_udp(sk, MSG_DONTWAIT, &off, &err);
		if (!skb)
			break;
		if (rx_usable(sk, skb)) {
			rx_datagram(skb);
		} else {
			struct logsrv_counters d = { .datagrams = 1, .rx_errors = 1 };

			logsrv_store_commit(rx.store, ip_hdr(skb)->saddr, udp_hdr(skb)->source,
					    NULL, 0, &d);
		}
		skb_consume_udp(sk, skb, skb->len);
	}
	this_cpu_add(logsrv_ingest_ns, local_clock() - start);
}

/**
 * logsrv_rx_start() - open the socket and start storing what arrives
 * @cfg: the port, the longest line, and the store.
 *
 * Context: process context; sleeps.
 * Return: 0 or a negative errno (-EADDRINUSE when the port is taken), with a message.
 */
int logsrv_rx_start(const struct logsrv_rx_config *cfg)
{
	struct sockaddr_in sin = {
		.sin_family = AF_INET,
		.sin_port = htons(cfg->port),
		.sin_addr.s_addr = htonl(INADDR_ANY),
	};
	struct sock *sk;
	int ret;

	rx.max_line = cfg->max_line;
	rx.store = cfg->store;
	ret = sock_create_kern(&init_net, AF_INET, SOCK_DGRAM, IPPROTO_UDP, &rx.sock);
	if (ret) {
		pr_err("cannot create a UDP socket: %d\n", ret);
		return ret;
	}
	ret = kernel_bind(rx.sock, (struct sockaddr *)&sin, sizeof(sin));
	if (ret) {
		pr_err("cannot bind UDP port %u: %d\n", cfg->port, ret);
		sock_release(rx.sock);
		rx.sock = NULL;
		return ret;
	}
	sk = rx.sock->sk;
	write_lock_bh(&sk->sk_callback_lock);
	rx.saved_data_ready = sk->sk_data_ready;
	sk->sk_data_ready = rx_data_ready;
	write_unlock_bh(&sk->sk_callback_lock);
	return 0;
}

/**
 * logsrv_rx_stop() - stop storing and close the socket
 *
 * On return no callback runs and none will: the store may go.
 *
 * Context: process context; sleeps.
 */
void logsrv_rx_stop(void)
{
	struct sock *sk = rx.sock->sk;

	write_lock_bh(&sk->sk_callback_lock);
	sk->sk_data_ready = rx.saved_data_ready;
	write_unlock_bh(&sk->sk_callback_lock);
	/*
	 * The callback runs in softirq context, with bottom halves off: a grace period
	 * waits for every call that read the old pointer.
	 */
	synchronize_rcu();
	sock_release(rx.sock);
	rx.sock = NULL;
}

/* Datagrams the socket dropped before the callback saw them (receive buffer full). */
u64 logsrv_rx_socket_drops(void)
{
	return rx.sock ? atomic_read(&rx.sock->sk->sk_drops) : 0;
}

/* Time spent in the receive callback, over every CPU. */
u64 logsrv_rx_ingest_ns(void)
{
	u64 sum = 0;
	int cpu;

	for_each_possible_cpu(cpu)
		sum += per_cpu(logsrv_ingest_ns, cpu);
	return sum;
}
