// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl monitor: print the family's notifications (pool added, removed, changed,
 * cap hit) as they arrive, on a socket of its own subscribed to the "monitor" group.
 * --count and --timeout make it end by itself, for scripts and tests.
 */
#include <errno.h>
#include <inttypes.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <linux/mpool.h>

#include "attr.h"
#include "format.h"
#include "mempoolctl.h"
#include "nl.h"

static const char usage[] = "monitor [POOL] [--count N] [--timeout SECONDS]";

enum {
	OPT_COUNT = OPT_FIRST_COMMAND_OPT,
	OPT_TIMEOUT,
};

struct monitor {
	const struct options *opts;
	bool filter;
	struct pool_ref ref;
	uint32_t count;		/* 0: no limit */
	uint32_t seen;
};

static volatile sig_atomic_t stop;

static void on_signal(int sig)
{
	(void)sig;
	stop = 1;
}

static const char *event_name(uint8_t cmd)
{
	switch (cmd) {
	case MPOOL_CMD_POOL_ADD_NTF:
		return "add";
	case MPOOL_CMD_POOL_DEL_NTF:
		return "del";
	case MPOOL_CMD_POOL_CHANGE_NTF:
		return "change";
	case MPOOL_CMD_POOL_LIMIT_NTF:
		return "limit";
	default:
		return NULL;
	}
}

static void print_event(const struct monitor *m, const char *ev, const struct pool *p, uint32_t id, const char *name, bool has_max,
			uint32_t max)
{
	struct timespec ts;
	uint64_t ns;

	clock_gettime(CLOCK_REALTIME, &ts);
	ns = (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
	if (m->opts->json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j, NULL);
		json_str(&j, "event", ev);
		json_u64(&j, "time_ns", ns);
		json_u64(&j, "id", id);
		json_str(&j, "name", name);
		if (has_max)
			json_u64(&j, "max_objects", max);
		if (p) {
			pool_json_begin(&j, "pool", p);
			json_obj_end(&j);
		}
		json_obj_end(&j);
		json_end_doc(&j);
		return;
	}

	{
		char t[32], flags[96], size[FMT_LEN];

		fmt_time_ns(t, sizeof(t), ns);
		printf("%s %s%-6s%s %s (id %u)", t, col(C_CYAN), ev, col(C_RESET), name, id);
		if (has_max)
			printf(": allocation refused at max-objects %u", max);
		if (p && p->has_info && pool_is_buffer(p)) {
			/* Limits are per class: show tells them. */
			printf(": buffer pool of %u classes up to %s magazine-size %u flags %s",
			       p->info.classes,
			       fmt_size(size, sizeof(size), p->info.object_size, m->opts->bytes),
			       p->info.magazine_size, fmt_flags(flags, sizeof(flags), p->info.flags));
		} else if (p && p->has_managed) {
			const struct pool_managed *mg = &p->managed;

			printf(": managed pool max-size %s max-handles %u promote-after %u young-interval %u ms old-interval %u ms old-sparse-pct %u%% live %" PRIu64 " held %s",
			       fmt_size(size, sizeof(size), mg->max_size, m->opts->bytes),
			       mg->max_handles, mg->promote_after, mg->young_interval,
			       mg->old_interval, mg->old_sparse_pct, pool_live(p),
			       fmt_size(flags, sizeof(flags), mg->held_bytes, m->opts->bytes));
		} else if (p && p->has_info) {
			char max_s[16];

			if (p->info.max_objects)
				snprintf(max_s, sizeof(max_s), "%u", p->info.max_objects);
			else
				snprintf(max_s, sizeof(max_s), "none");
			printf(": object-size %s min-objects %u max-objects %s magazine-size %u flags %s",
			       fmt_size(size, sizeof(size), p->info.object_size, m->opts->bytes),
			       p->info.min_objects, max_s, p->info.magazine_size,
			       fmt_flags(flags, sizeof(flags), p->info.flags));
		}
		if (p && (p->info.present & PI_ADAPTIVE))
			printf(" adaptive %s", p->info.adaptive ? "on" : "off");
		if (p && p->has_stats)
			printf(" live %" PRIu64 " cached %" PRIu64, p->stat[ST_LIVE],
			       p->stat[ST_CACHED]);
		printf("\n");
		fflush(stdout);
	}
}

static int on_event(const struct mpool_reply *r, void *ctx)
{
	struct monitor *m = ctx;
	const char *ev = event_name(r->cmd);
	struct pool p;
	uint32_t id = 0, max = 0;
	bool has_max = false, full;
	const char *name;

	if (!ev)
		return 0;	/* a notification this tool does not know yet */
	full = r->cmd == MPOOL_CMD_POOL_ADD_NTF || r->cmd == MPOOL_CMD_POOL_CHANGE_NTF;
	if (full) {
		if (pool_decode(&p, r))
			return -EPROTO;
		id = p.id;
		name = p.name;
	} else {
		if (!r->tb[MPOOL_A_POOL_ID] || attr_get_u32(r->tb[MPOOL_A_POOL_ID], &id) ||
		    !r->tb[MPOOL_A_POOL_NAME] || !(name = attr_get_str(r->tb[MPOOL_A_POOL_NAME])))
			return -EPROTO;
		if (r->tb[MPOOL_A_POOL_MAX_OBJECTS]) {
			if (attr_get_u32(r->tb[MPOOL_A_POOL_MAX_OBJECTS], &max))
				return -EPROTO;
			has_max = true;
		}
	}
	if (m->filter && (m->ref.id ? m->ref.id != id : strcmp(m->ref.name, name) != 0))
		return 0;
	print_event(m, ev, full ? &p : NULL, id, name, has_max, max);
	m->seen++;
	return m->count && m->seen >= m->count ? 1 : 0;
}

int cmd_monitor(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "timeout", required_argument, NULL, OPT_TIMEOUT },
		{ NULL, 0, NULL, 0 },
	};
	struct monitor m = { .opts = opts };
	struct mpool_nl *nl = NULL;
	uint32_t timeout_ms = 0;
	double deadline = 0;
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS "c:t:", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
		case OPT_COUNT:
			ret = parse_u32(optarg, &m.count, 1, UINT32_MAX, 0);
			if (ret)
				return usage_error(usage, "invalid --count '%s': %s", optarg,
						   parse_strerror(ret));
			break;
		case 't':
		case OPT_TIMEOUT:
			ret = parse_duration_ms(optarg, &timeout_ms, 1, 86400000);
			if (ret)
				return usage_error(usage, "invalid --timeout '%s': %s (0.001 to 86400 seconds)",
						   optarg, parse_strerror(ret));
			break;
		default:
			ret = command_option(c, opts, usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (argc - optind > 1)
		return usage_error(usage, "monitor takes at most one pool");
	if (argc - optind == 1) {
		ret = pool_arg(argv[optind], &m.ref, usage);
		if (ret)
			return ret;
		m.filter = true;
	}
	setup_color(opts);

	ret = mpool_nl_monitor_open(&nl, MPOOL_MCGRP_MONITOR);
	if (ret == -ESRCH) {
		fprintf(stderr,
			"mempoolctl: monitor: the mpool module has no \"%s\" multicast group\n",
			MPOOL_MCGRP_MONITOR);
		return EXIT_KERNEL;
	}
	if (ret)
		return report_kernel_error("connect", ret, NULL);

	signal(SIGINT, on_signal);
	signal(SIGTERM, on_signal);
	if (timeout_ms)
		deadline = now_sec() + timeout_ms / 1000.0;
	ret = 0;
	while (!stop) {
		struct pollfd pfd = { .fd = mpool_nl_monitor_fd(nl), .events = POLLIN };
		int wait = -1, n;

		if (deadline) {
			double left = deadline - now_sec();

			if (left <= 0)
				break;
			wait = (int)(left * 1000) + 1;
		}
		n = poll(&pfd, 1, wait);
		if (n < 0) {
			if (errno == EINTR)
				continue;
			ret = report_kernel_error("monitor", -errno, NULL);
			break;
		}
		if (!n)
			continue;
		n = mpool_nl_monitor_read(nl, MPOOL_A_POOL_MAX, on_event, &m);
		if (n > 0)
			break;		/* --count reached */
		if (n == -ENOBUFS) {
			fprintf(stderr, "mempoolctl: monitor: notifications lost (socket overrun)\n");
			continue;
		}
		if (n < 0) {
			ret = report_kernel_error("monitor", n, nl);
			break;
		}
	}
	mpool_nl_close(nl);
	return ret;
}
