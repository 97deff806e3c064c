// SPDX-License-Identifier: GPL-2.0
/*
 * syslog-loadgen: load generator and checker for mpool_logserver.ko.
 *
 *   syslog-loadgen [send] [OPTIONS]   send LINES lines from SENDERS senders over
 *                                     loopback at full speed, then read the log back
 *                                     and check every line
 *   syslog-loadgen malformed [OPTIONS] send a battery of malformed datagrams and check
 *                                     how the server counted and stored them
 *
 * Every line carries a run id, its sender, its number and a CRC-32 of its fields
 * (priority, host, tag and the message before the CRC): "r=RUN s=S n=N pad=... crc=C".
 * Seven in eight are RFC 5424 with [meta sequenceId="Q"], the eighth RFC 3164. The
 * lines are built before the clock starts; the senders then send them with
 * sendmmsg() in batches, and the clock stops when the server has counted every line
 * (its stats file). The check reads the whole log: each line of this run must be
 * exactly what was sent, once, and in the server's order without holes; the lines
 * missing must be exactly those the server counted as dropped (retention and every
 * other drop counter). The summary is one line of name=value pairs; exit status 0
 * when every check passed, 1 when one failed, 2 for a usage or system error.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <getopt.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#define DEBUGFS "/sys/kernel/debug/mpool_logserver/"
#define LINE_MAX_BYTES 1024
#define SEND_BATCH 32

static struct {
	unsigned int port;
	unsigned long lines;
	unsigned int senders;
	unsigned int per_datagram;
	unsigned long churn;
	const char *log_path;
	const char *stats_path;
	bool verify;
	unsigned int run;
} opt = {
	.port = 514,
	.lines = 10000,
	.senders = 4,
	.per_datagram = 1,
	.log_path = DEBUGFS "log",
	.stats_path = DEBUGFS "stats",
	.verify = true,
};

static void die(int status, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("syslog-loadgen: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	exit(status);
}

static uint32_t crc32_update(uint32_t crc, const char *p, size_t len)
{
	crc = ~crc;
	while (len--) {
		crc ^= (unsigned char)*p++;
		for (int k = 0; k < 8; k++)
			crc = (crc >> 1) ^ (0xedb88320u & -(crc & 1));
	}
	return ~crc;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* ---- the server's stats file ---- */

struct stats {
	unsigned long long v[64];
};

static const char *const stat_names[] = {
	"lines", "stored", "empty", "too_long", "unframed", "bad_header", "binary",
	"no_entry", "no_text", "no_sender", "rx_errors", "socket_drops", "retention_drops",
	"first", "head", "hot", "archived_live", "datagrams", NULL,
};

enum { S_LINES, S_STORED, S_EMPTY, S_TOO_LONG, S_UNFRAMED, S_BAD_HEADER, S_BINARY,
	S_NO_ENTRY, S_NO_TEXT, S_NO_SENDER, S_RX_ERRORS, S_SOCKET_DROPS, S_RETENTION,
	S_FIRST, S_HEAD, S_HOT, S_ARCHIVED_LIVE, S_DATAGRAMS,
	S_NET_DROPS /* not the server's: /proc/net/softnet_stat */ };

/*
 * Datagrams the kernel dropped before any socket saw them: over loopback, when a CPU's
 * backlog is full (netdev_max_backlog) while its softirq runs late. Lost to the
 * network, not to the server; every CPU's, which in the test guest is all ours.
 */
static unsigned long long softnet_drops(void)
{
	FILE *f = fopen("/proc/net/softnet_stat", "r");
	unsigned long long sum = 0;
	unsigned int processed, dropped;

	if (!f)
		return 0;
	while (fscanf(f, "%x %x%*[^\n]", &processed, &dropped) == 2)
		sum += dropped;
	fclose(f);
	return sum;
}

static void read_stats(struct stats *s)
{
	char name[64];
	unsigned long long v;
	FILE *f = fopen(opt.stats_path, "r");
	char line[256];

	if (!f)
		die(2, "%s: %s (is mpool_logserver loaded?)", opt.stats_path, strerror(errno));
	memset(s, 0, sizeof(*s));
	while (fgets(line, sizeof(line), f)) {
		if (sscanf(line, "%63s %llu", name, &v) != 2)
			continue;
		for (int i = 0; stat_names[i]; i++)
			if (!strcmp(name, stat_names[i]))
				s->v[i] = v;
	}
	fclose(f);
	s->v[S_NET_DROPS] = softnet_drops();
}

#define DELTA(a, b, i) ((b)->v[i] - (a)->v[i])

/* ---- the lines ---- */

static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul",
	"Aug", "Sep", "Oct", "Nov", "Dec" };

struct fields {
	unsigned int pri;
	char host[32];
	char tag[32];
	char msg[LINE_MAX_BYTES];	/* with its crc */
	bool rfc3164;
};

/* Line @n (from 1) of sender @s: everything but the framing. */
static void make_fields(unsigned int s, unsigned long n, struct fields *f)
{
	unsigned int pad = (n * 7919 + s * 104729) % 341 + 40;
	char prefix[512], crcbuf[600];
	size_t len;
	uint32_t crc;

	f->pri = (s * 8 + n) % 192;
	f->rfc3164 = n % 8 == 0;
	snprintf(f->host, sizeof(f->host), "host-%u", s);
	snprintf(f->tag, sizeof(f->tag), "app%u", s % 7);
	len = snprintf(prefix, sizeof(prefix), "r=%08x s=%u n=%lu pad=", opt.run, s, n);
	for (unsigned int i = 0; i < pad; i++)
		prefix[len + i] = 'a' + (n + i) % 26;
	len += pad;
	prefix[len++] = ' ';
	prefix[len] = 0;
	snprintf(crcbuf, sizeof(crcbuf), "%u %s %s ", f->pri, f->host, f->tag);
	crc = crc32_update(crc32_update(0, crcbuf, strlen(crcbuf)), prefix, len);
	snprintf(f->msg, sizeof(f->msg), "%scrc=%08x", prefix, crc);
}

/* The wire form of a line; @seq is its sender's RFC 5424 sequenceId. */
static int format_line(char *buf, size_t size, const struct fields *f, unsigned long seq)
{
	if (f->rfc3164)
		return snprintf(buf, size, "<%u>%s %2d %02d:%02d:%02d %s %s[%d]: %s", f->pri,
				months[seq % 12], (int)(seq % 28) + 1, (int)(seq / 3600 % 24),
				(int)(seq / 60 % 60), (int)(seq % 60), f->host, f->tag, 4242,
				f->msg);
	return snprintf(buf, size,
			"<%u>1 2026-12-04T15:%02lu:%02lu.%06luZ %s %s 4242 ID47 [meta sequenceId=\"%lu\"] %s",
			f->pri, seq / 60 % 60, seq % 60, seq % 1000000, f->host, f->tag, seq,
			f->msg);
}

/* ---- sending ---- */

struct datagram {
	size_t off, len;
	unsigned int lines;
	bool new_socket;	/* sent from a fresh socket: a new sender to the server */
};

struct sender {
	pthread_t thread;
	unsigned int id;
	unsigned long count;	/* its lines: n = 1 .. count */
	char *buf;		/* every datagram, back to back */
	struct datagram *dg;
	unsigned long nr_dg;
	unsigned long sent_lines;
	unsigned int sockets;
	int error;
};

static pthread_barrier_t start_gate;

static void build_datagrams(struct sender *sd)
{
	size_t cap = sd->count * (LINE_MAX_BYTES + 1) + 1, used = 0;
	unsigned long n, seq = 0;
	struct datagram *cur = NULL;
	struct fields f;

	sd->buf = malloc(cap);
	sd->dg = calloc(sd->count + 1, sizeof(*sd->dg));
	if (!sd->buf || !sd->dg)
		die(2, "out of memory for %lu lines", sd->count);
	for (n = 1; n <= sd->count; n++) {
		/* A new socket (sender) every `churn` lines: its sequence starts again. */
		bool fresh = opt.churn && n > 1 && (n - 1) % opt.churn == 0;

		if (fresh)
			seq = 0;
		if (!cur || cur->lines == opt.per_datagram || fresh) {
			cur = &sd->dg[sd->nr_dg++];
			cur->off = used;
			cur->new_socket = fresh;
		} else {
			sd->buf[used++] = '\n';
		}
		make_fields(sd->id, n, &f);
		if (!f.rfc3164)
			seq++;
		used += format_line(sd->buf + used, cap - used, &f, seq);
		cur->len = used - cur->off;
		cur->lines++;
	}
}

static int open_socket(void)
{
	struct sockaddr_in to = {
		.sin_family = AF_INET,
		.sin_port = htons(opt.port),
		.sin_addr.s_addr = htonl(INADDR_LOOPBACK),
	};
	int fd = socket(AF_INET, SOCK_DGRAM, 0);

	if (fd < 0 || connect(fd, (struct sockaddr *)&to, sizeof(to)))
		die(2, "socket to 127.0.0.1:%u: %s", opt.port, strerror(errno));
	return fd;
}

static void *sender_main(void *arg)
{
	struct sender *sd = arg;
	struct mmsghdr msgs[SEND_BATCH];
	struct iovec iov[SEND_BATCH];
	unsigned long d = 0;
	int fd = open_socket();

	sd->sockets = 1;
	pthread_barrier_wait(&start_gate);
	while (d < sd->nr_dg) {
		unsigned int k = 0;
		int sent;

		if (sd->dg[d].new_socket) {
			close(fd);
			fd = open_socket();
			sd->sockets++;
		}
		/* A batch never crosses a change of socket. */
		while (k < SEND_BATCH && d + k < sd->nr_dg && (!k || !sd->dg[d + k].new_socket)) {
			iov[k].iov_base = sd->buf + sd->dg[d + k].off;
			iov[k].iov_len = sd->dg[d + k].len;
			memset(&msgs[k], 0, sizeof(msgs[k]));
			msgs[k].msg_hdr.msg_iov = &iov[k];
			msgs[k].msg_hdr.msg_iovlen = 1;
			k++;
		}
		sent = sendmmsg(fd, msgs, k, 0);
		if (sent < 0) {
			sd->error = errno;
			break;
		}
		for (int j = 0; j < sent; j++)
			sd->sent_lines += sd->dg[d + j].lines;
		d += sent;
	}
	close(fd);
	return NULL;
}

/* ---- reading back ---- */

struct readback {
	unsigned long present, hot, archived, bad, dup, foreign;
	unsigned long long min_seq, max_seq;
	unsigned long bad_shown;
};

static void bad_line(struct readback *rb, const char *line, const char *why)
{
	rb->bad++;
	if (rb->bad_shown++ < 5)
		fprintf(stderr, "syslog-loadgen: bad line (%s): %.200s\n", why, line);
}

/* Undo the server's \xHH escapes in place. */
static void unescape(char *s)
{
	char *o = s;

	while (*s) {
		unsigned int v;

		if (s[0] == '\\' && s[1] == 'x' && sscanf(s + 2, "%2x", &v) == 1) {
			*o++ = v;
			s += 4;
		} else {
			*o++ = *s++;
		}
	}
	*o = 0;
}

static void check_line(struct readback *rb, char *line, uint8_t **seen, struct sender *sd)
{
	char tier, host[256], tag[256], *msg;
	unsigned long long seq;
	unsigned int pri, flags, run, s, a, b, c, d2, port;
	unsigned long n;
	struct fields want;
	int off = 0;

	if (sscanf(line, "%llu %c %u.%u.%u.%u:%u %u %x %255s %255s %n", &seq, &tier, &a, &b,
		   &c, &d2, &port, &pri, &flags, host, tag, &off) < 11 || !off) {
		bad_line(rb, line, "fields");
		return;
	}
	msg = line + off;
	msg[strcspn(msg, "\n")] = 0;
	if (sscanf(msg, "r=%x s=%u n=%lu ", &run, &s, &n) != 3 || run != opt.run) {
		rb->foreign++;
		return;
	}
	if (s >= opt.senders || !n || n > sd[s].count) {
		bad_line(rb, line, "sender or number out of range");
		return;
	}
	if (seen[s][(n - 1) / 8] & (1u << ((n - 1) % 8))) {
		rb->dup++;
		bad_line(rb, line, "duplicate");
		return;
	}
	seen[s][(n - 1) / 8] |= 1u << ((n - 1) % 8);
	unescape(host);
	unescape(tag);
	unescape(msg);
	make_fields(s, n, &want);
	if (pri != want.pri || strcmp(host, want.host) || strcmp(tag, want.tag) ||
	    strcmp(msg, want.msg)) {
		bad_line(rb, line, "not what was sent");
		return;
	}
	if (a != 127 || b || c || d2 != 1 || flags != (want.rfc3164 ? 0 : 2)) {
		bad_line(rb, line, "address or flags");
		return;
	}
	{
		/* The checksum, as a reader without the generator would check it. */
		char head[600], *crc = strstr(msg, " crc=");
		uint32_t got;

		snprintf(head, sizeof(head), "%u %s %s ", pri, host, tag);
		if (!crc || sscanf(crc, " crc=%8x", &got) != 1 ||
		    got != crc32_update(crc32_update(0, head, strlen(head)), msg, crc - msg + 1)) {
			bad_line(rb, line, "checksum");
			return;
		}
	}
	rb->present++;
	rb->hot += tier == 'h';
	rb->archived += tier == 'a';
	if (rb->present == 1 || seq < rb->min_seq)
		rb->min_seq = seq;
	if (seq > rb->max_seq)
		rb->max_seq = seq;
}

static void read_back(struct readback *rb, struct sender *sd)
{
	uint8_t **seen = calloc(opt.senders, sizeof(*seen));
	FILE *f = fopen(opt.log_path, "r");
	size_t cap = 0;
	char *line = NULL;

	if (!f || !seen)
		die(2, "%s: %s", opt.log_path, strerror(errno));
	for (unsigned int s = 0; s < opt.senders; s++) {
		seen[s] = calloc(sd[s].count / 8 + 1, 1);
		if (!seen[s])
			die(2, "out of memory");
	}
	memset(rb, 0, sizeof(*rb));
	while (getline(&line, &cap, f) > 0)
		check_line(rb, line, seen, sd);
	fclose(f);
	free(line);
	for (unsigned int s = 0; s < opt.senders; s++)
		free(seen[s]);
	free(seen);
}

/* ---- send ---- */

static int cmd_send(void)
{
	struct sender *sd = calloc(opt.senders, sizeof(*sd));
	unsigned long sent = 0, sockets = 0, counted, missing, of_run, retention_of_run,
		      net_dropped;
	unsigned long long first_of_run;
	struct stats before, after;
	struct readback rb;
	double t0, t1;
	int failed = 0;

	if (!sd)
		die(2, "out of memory");
	read_stats(&before);
	for (unsigned int s = 0; s < opt.senders; s++) {
		sd[s].id = s;
		sd[s].count = opt.lines / opt.senders + (s < opt.lines % opt.senders);
		build_datagrams(&sd[s]);
	}
	pthread_barrier_init(&start_gate, NULL, opt.senders + 1);
	for (unsigned int s = 0; s < opt.senders; s++)
		if (pthread_create(&sd[s].thread, NULL, sender_main, &sd[s]))
			die(2, "cannot start sender %u", s);
	pthread_barrier_wait(&start_gate);
	t0 = now();
	for (unsigned int s = 0; s < opt.senders; s++) {
		pthread_join(sd[s].thread, NULL);
		if (sd[s].error)
			fprintf(stderr, "syslog-loadgen: sender %u: %s after %lu lines\n", s,
				strerror(sd[s].error), sd[s].sent_lines);
		failed |= !!sd[s].error;
		sent += sd[s].sent_lines;
		sockets += sd[s].sockets;
	}
	/* Until the server has seen every line (or 20 s without progress). */
	for (double last = now();;) {
		unsigned long long seen;

		read_stats(&after);
		seen = DELTA(&before, &after, S_LINES) +
		       (DELTA(&before, &after, S_SOCKET_DROPS) +
			DELTA(&before, &after, S_NET_DROPS)) * opt.per_datagram;
		if (seen >= sent)
			break;
		if (now() - last > 20) {
			fprintf(stderr, "syslog-loadgen: the server saw %llu of %lu lines\n", seen,
				sent);
			failed = 1;
			break;
		}
		usleep(1000);
	}
	t1 = now();

	/* Lines of this run got seqs before.head .. after.head - 1. */
	of_run = after.v[S_HEAD] - before.v[S_HEAD];
	first_of_run = after.v[S_FIRST] > before.v[S_HEAD] ? after.v[S_FIRST] : before.v[S_HEAD];
	retention_of_run = first_of_run - before.v[S_HEAD];
	counted = retention_of_run + DELTA(&before, &after, S_TOO_LONG) +
		  DELTA(&before, &after, S_NO_ENTRY) + DELTA(&before, &after, S_NO_TEXT) +
		  DELTA(&before, &after, S_NO_SENDER) + DELTA(&before, &after, S_EMPTY) +
		  (DELTA(&before, &after, S_RX_ERRORS) + DELTA(&before, &after, S_SOCKET_DROPS)) *
		  opt.per_datagram;

	printf("sent=%lu senders=%lu seconds=%.3f lines_per_s=%.0f", sent, sockets, t1 - t0,
	       sent / (t1 - t0));
	if (!opt.verify) {
		printf("\n");
		return failed;
	}
	read_back(&rb, sd);
	net_dropped = DELTA(&before, &after, S_NET_DROPS) * opt.per_datagram;
	missing = sent - rb.present - net_dropped;
	printf(" present=%lu hot=%lu archived=%lu net_dropped=%lu retention_dropped=%lu other_dropped=%lu lost=%ld bad=%lu\n",
	       rb.present, rb.hot, rb.archived, net_dropped, retention_of_run,
	       counted - retention_of_run, (long)(missing - counted), rb.bad);
	if (rb.bad) {
		fprintf(stderr, "syslog-loadgen: %lu lines not as sent\n", rb.bad);
		failed = 1;
	}
	if (missing != counted) {
		fprintf(stderr, "syslog-loadgen: %lu lines missing, the server counted %lu dropped\n",
			missing, counted);
		failed = 1;
	}
	/* Every line the server numbered and still holds is there: no holes. */
	if (rb.present != of_run - retention_of_run ||
	    (rb.present && (rb.min_seq != first_of_run || rb.max_seq != after.v[S_HEAD] - 1))) {
		fprintf(stderr, "syslog-loadgen: %lu lines read back for seqs %llu..%llu, want %llu..%llu\n",
			rb.present, rb.min_seq, rb.max_seq, first_of_run,
			(unsigned long long)after.v[S_HEAD] - 1);
		failed = 1;
	}
	return failed;
}

/* ---- malformed ---- */

static void send_raw(int fd, const void *p, size_t len)
{
	if (send(fd, p, len, 0) != (ssize_t)len)
		die(2, "send of %zu bytes: %s", len, strerror(errno));
}

/* Find the read-back line of seq @seq; NULL if none. */
static char *log_line_of(unsigned long long seq, char *buf, size_t size)
{
	FILE *f = fopen(opt.log_path, "r");
	unsigned long long got;

	if (!f)
		die(2, "%s: %s", opt.log_path, strerror(errno));
	while (fgets(buf, size, f)) {
		if (sscanf(buf, "%llu ", &got) == 1 && got == seq) {
			fclose(f);
			buf[strcspn(buf, "\n")] = 0;
			return buf;
		}
	}
	fclose(f);
	return NULL;
}

static bool ends_with(const char *s, const char *tail)
{
	size_t n = strlen(s), t = strlen(tail);

	return n >= t && !strcmp(s + n - t, tail);
}

#define EXPECT(cond, ...) do {							\
	if (!(cond)) {								\
		fprintf(stderr, "syslog-loadgen: malformed: " __VA_ARGS__);	\
		fputc('\n', stderr);						\
		failed = 1;							\
	}									\
} while (0)

static int cmd_malformed(void)
{
	static char big[65507];
	static const char binary[] = "<14>1 2026-12-04T15:00:00Z host-b app 1 - - bin\x01\x7f\\x\tend";
	static const char *const stored[][2] = {
		/* what is sent, what the log shows from PRI on */
		{ "no framing at all", "13 1 - - no framing at all" },
		{ "<999>pri too large", "13 1 - - <999>pri too large" },
		{ "<13>no header", "13 4 - - no header" },
		{ "<13>1 2026 host", "13 4 - - 1 2026 host" },
		{ "<34>Oct 11 22:14:15 mymachine su: 'su root' failed",
		  "34 0 mymachine su 'su root' failed" },
		{ "<165>1 2003-10-11T22:14:15.003Z mymachine.example.com evntslog - ID47 [exampleSDID@32473 iut=\"3\" eventID=\"1011\"] An application event",
		  "165 2 mymachine.example.com evntslog An application event" },
	};
	char buf[70000];
	struct stats before, after;
	unsigned long long seq;
	int fd = open_socket(), failed = 0;
	char *l;

	read_stats(&before);
	send_raw(fd, "", 0);					/* empty datagram */
	send_raw(fd, "\n\n", 2);				/* two empty lines */
	memset(big, 'x', sizeof(big));
	send_raw(fd, big, sizeof(big));				/* 64 KiB, one line */
	send_raw(fd, binary, sizeof(binary) - 1);
	for (size_t i = 0; i < sizeof(stored) / sizeof(stored[0]); i++)
		send_raw(fd, stored[i][0], strlen(stored[i][0]));
	close(fd);
	usleep(100000);
	read_stats(&after);

	EXPECT(DELTA(&before, &after, S_DATAGRAMS) == 10, "datagrams %llu, want 10",
	       DELTA(&before, &after, S_DATAGRAMS));
	EXPECT(DELTA(&before, &after, S_EMPTY) == 3, "empty %llu, want 3",
	       DELTA(&before, &after, S_EMPTY));
	EXPECT(DELTA(&before, &after, S_TOO_LONG) == 1, "too_long %llu, want 1",
	       DELTA(&before, &after, S_TOO_LONG));
	EXPECT(DELTA(&before, &after, S_BINARY) == 1, "binary %llu, want 1",
	       DELTA(&before, &after, S_BINARY));
	EXPECT(DELTA(&before, &after, S_UNFRAMED) == 2, "unframed %llu, want 2",
	       DELTA(&before, &after, S_UNFRAMED));
	EXPECT(DELTA(&before, &after, S_BAD_HEADER) == 2, "bad_header %llu, want 2",
	       DELTA(&before, &after, S_BAD_HEADER));
	EXPECT(DELTA(&before, &after, S_STORED) == 7, "stored %llu, want 7",
	       DELTA(&before, &after, S_STORED));

	seq = before.v[S_HEAD];
	l = log_line_of(seq, buf, sizeof(buf));
	EXPECT(l && ends_with(l, " 14 a host-b app bin\\x01\\x7f\\x5cx\\x09end"),
	       "binary line read back as '%s'", l ? l : "(none)");
	for (size_t i = 0; i < sizeof(stored) / sizeof(stored[0]); i++) {
		char *rest;

		l = log_line_of(seq + 1 + i, buf, sizeof(buf));
		/* SEQ TIER ADDR:PORT, then PRI on. */
		rest = l ? strchr(strchr(strchr(l, ' ') + 1, ' ') + 1, ' ') : NULL;
		EXPECT(rest && !strcmp(rest + 1, stored[i][1]), "'%s' read back as '%s', want '%s'",
		       stored[i][0], rest ? rest + 1 : "(none)", stored[i][1]);
	}
	printf("malformed: %s\n", failed ? "FAILED" : "ok");
	return failed;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: syslog-loadgen [send|malformed] [--port P] [--lines N] [--senders M]\n"
		"         [--per-datagram K] [--churn L] [--no-verify] [--log PATH] [--stats PATH]\n"
		"  --churn L    each sender moves to a new socket (a new sender) every L lines\n");
	exit(2);
}

static unsigned long number(const char *s, unsigned long min, unsigned long max)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 0);
	if (errno || *end || !*s || v < min || v > max)
		die(2, "'%s': want a number from %lu to %lu", s, min, max);
	return v;
}

int main(int argc, char **argv)
{
	static const struct option longs[] = {
		{ "port", required_argument, NULL, 'p' },
		{ "lines", required_argument, NULL, 'n' },
		{ "senders", required_argument, NULL, 'm' },
		{ "per-datagram", required_argument, NULL, 'k' },
		{ "churn", required_argument, NULL, 'c' },
		{ "no-verify", no_argument, NULL, 'V' },
		{ "log", required_argument, NULL, 'l' },
		{ "stats", required_argument, NULL, 's' },
		{ "help", no_argument, NULL, 'h' },
		{ 0 }
	};
	const char *cmd = "send";
	int c;

	while ((c = getopt_long(argc, argv, "", longs, NULL)) != -1) {
		switch (c) {
		case 'p': opt.port = number(optarg, 1, 65535); break;
		case 'n': opt.lines = number(optarg, 1, 100000000); break;
		case 'm': opt.senders = number(optarg, 1, 1024); break;
		case 'k': opt.per_datagram = number(optarg, 1, 64); break;
		case 'c': opt.churn = number(optarg, 1, 100000000); break;
		case 'V': opt.verify = false; break;
		case 'l': opt.log_path = optarg; break;
		case 's': opt.stats_path = optarg; break;
		default: usage();
		}
	}
	if (optind < argc)
		cmd = argv[optind++];
	if (optind < argc)
		usage();
	opt.run = (unsigned int)(now() * 1e6) ^ (unsigned int)getpid() << 16;
	if (!strcmp(cmd, "send"))
		return cmd_send();
	if (!strcmp(cmd, "malformed"))
		return cmd_malformed();
	usage();
	return 2;
}
