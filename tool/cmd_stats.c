// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl stats POOL: the counters and gauges of one pool, once as "name value"
 * lines, or with --watch every N seconds as rates per second between samples. A
 * managed pool's are those of its generations, named as in its debugfs stats file
 * ("young-live-objects 12", then "cold-stored-bytes 4096" and the other lines of
 * its cold tier), and its rates those of its collections.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <linux/mpool.h>

#include "format.h"
#include "mempoolctl.h"
#include "nl.h"

static const char usage[] = "stats POOL [--watch SECONDS [--count N]]";

enum {
	OPT_WATCH = OPT_FIRST_COMMAND_OPT,
	OPT_COUNT,
};

/* Seconds to sleep until @deadline (monotonic), through interruptions. */
static void sleep_until(double deadline)
{
	double left;

	while ((left = deadline - now_sec()) > 0) {
		struct timespec ts = {
			.tv_sec = (time_t)left,
			.tv_nsec = (long)((left - (double)(time_t)left) * 1e9),
		};

		if (nanosleep(&ts, NULL) && errno != EINTR)
			break;
	}
}

static void print_managed_once(const struct pool_managed *m)
{
	unsigned int g, i;

	for (g = 0; g < POOL_GENERATIONS; g++)
		for (i = 0; i < GS_NR; i++)
			if (m->gen[g].stat_present & (1u << i))
				printf("%s-%s %" PRIu64 "\n", pool_generation_names[g],
				       gen_stat_descs[i].name, m->gen[g].stat[i]);
	if (m->present & PM_STALE_REFUSALS)
		printf("stale-refusals %" PRIu64 "\n", m->stale_refusals);
	if (m->present & PM_BUSY_FREES)
		printf("busy-frees %" PRIu64 "\n", m->busy_frees);
	if (m->present & PM_ALLOC_FAIL)
		printf("alloc-fail %" PRIu64 "\n", m->alloc_fail);
	if (m->present & PM_TABLE_BYTES)
		printf("table-bytes %" PRIu64 "\n", m->table_bytes);
	if (m->present & PM_WARM_BYTES)
		printf("warm-bytes %" PRIu64 "\n", m->warm_bytes);
	/* As debugfs: the cold tier's lines only while it is enabled. */
	if (!m->has_cold || !m->cold.stat[CS_ENABLED])
		return;
	for (i = 0; i < CS_NR; i++)
		if (m->cold.stat_present & (1u << i))
			printf("%s %" PRIu64 "\n", cold_stat_descs[i].stats, m->cold.stat[i]);
}

static void print_once(const struct pool *p, bool json)
{
	int i;

	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j, NULL);
		json_u64(&j, "id", p->id);
		json_str(&j, "name", p->name);
		if (p->has_managed)
			pool_managed_json(&j, &p->managed);
		else
			pool_stats_json(&j, p);
		json_obj_end(&j);
		json_end_doc(&j);
		return;
	}
	if (p->has_managed) {
		print_managed_once(&p->managed);
		return;
	}
	for (i = 0; i < ST_NR; i++)
		if (pool_has(p, i))
			printf("%s %" PRIu64 "\n", stat_descs[i].name, p->stat[i]);
	if (p->has_hit_rate)
		printf("hit-rate %u\n", p->hit_rate);
	if (p->has_efficiency)
		printf("efficiency %u\n", p->efficiency);
	if (p->has_fragmentation)
		printf("fragmentation %u\n", p->fragmentation);
}

/* A managed pool: its collections' counters summed over the generations, per second. */
static double managed_rate(const struct pool *prev, const struct pool *cur, enum gen_stat s,
			   double dt)
{
	return (double)counter_delta(managed_sum(&prev->managed, s),
				     managed_sum(&cur->managed, s)) / dt;
}

static void print_managed_rates_json(const struct pool *prev, const struct pool *cur, double dt)
{
	struct json j;
	int i;

	json_init(&j, stdout);
	json_obj_begin(&j, NULL);
	json_u64(&j, "id", cur->id);
	json_str(&j, "name", cur->name);
	json_double(&j, "interval", dt, 3);
	json_obj_begin(&j, "rates");
	for (i = 0; i < GS_NR; i++)
		if (gen_stat_descs[i].counter)
			json_double(&j, gen_stat_descs[i].json, managed_rate(prev, cur, i, dt), 2);
	json_obj_end(&j);
	json_obj_begin(&j, "gauges");
	for (i = 0; i < GS_NR; i++)
		if (!gen_stat_descs[i].counter)
			json_u64(&j, gen_stat_descs[i].json, managed_sum(&cur->managed, i));
	json_obj_end(&j);
	json_obj_end(&j);
	json_end_doc(&j);
}

static void print_managed_rates(const struct pool *prev, const struct pool *cur, double dt,
				unsigned int line, bool raw)
{
	static const int cols[] = {
		GS_PROMOTED_OUT, GS_MOVED_OBJECTS, GS_SEGMENTS_FREED, GS_PINNED_SKIPS,
		GS_COLLECTIONS,
	};
	char buf[FMT_LEN];
	size_t i;

	if (line % 20 == 0)
		printf("%s%10s %10s %10s %11s %9s %13s %10s %10s%s\n", col(C_BOLD), "LIVE",
		       "LIVE-BYTES", "HELD", "PROMOTED/s", "MOVED/s", "SEGS-FREED/s", "PINNED/s",
		       "COLLECT/s", col(C_RESET));
	printf("%10" PRIu64, managed_sum(&cur->managed, GS_LIVE_OBJECTS));
	printf(" %10s", fmt_size(buf, sizeof(buf), managed_sum(&cur->managed, GS_LIVE_BYTES), raw));
	printf(" %10s", fmt_size(buf, sizeof(buf), managed_sum(&cur->managed, GS_HELD_BYTES), raw));
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		printf(" %*s", i == 0 ? 11 : i == 2 ? 13 : i == 1 ? 9 : 10,
		       fmt_rate(buf, sizeof(buf), managed_rate(prev, cur, cols[i], dt)));
	printf("\n");
	fflush(stdout);
}

static void print_rates_json(const struct pool *prev, const struct pool *cur, double dt)
{
	struct json j;
	int i;

	json_init(&j, stdout);
	json_obj_begin(&j, NULL);
	json_u64(&j, "id", cur->id);
	json_str(&j, "name", cur->name);
	json_double(&j, "interval", dt, 3);
	json_obj_begin(&j, "rates");
	for (i = 0; i < ST_NR; i++)
		if (stat_descs[i].counter && pool_has(cur, i))
			json_double(&j, stat_descs[i].json,
				    (double)counter_delta(prev->stat[i], cur->stat[i]) / dt, 2);
	json_double(&j, "allocs", (double)counter_delta(pool_allocs(prev), pool_allocs(cur)) / dt, 2);
	json_double(&j, "frees", (double)counter_delta(pool_frees(prev), pool_frees(cur)) / dt, 2);
	json_obj_end(&j);
	json_obj_begin(&j, "gauges");
	for (i = 0; i < ST_NR; i++)
		if (!stat_descs[i].counter && pool_has(cur, i))
			json_u64(&j, stat_descs[i].json, cur->stat[i]);
	json_obj_end(&j);
	json_obj_end(&j);
	json_end_doc(&j);
}

static void print_rates(const struct pool *prev, const struct pool *cur, double dt,
			unsigned int line)
{
	static const int cols[] = {
		ST_ALLOC_DEPOT, ST_ALLOC_SLAB, ST_ALLOC_PAGE, ST_ALLOC_REMOTE, ST_ALLOC_FAIL,
	};
	uint64_t allocs = counter_delta(pool_allocs(prev), pool_allocs(cur));
	char buf[FMT_LEN];
	size_t i;

	if (line % 20 == 0)
		printf("%s%10s %10s %6s %9s %9s %9s %9s %8s %10s %10s %8s%s\n", col(C_BOLD),
		       "ALLOC/s", "FREE/s", "MAG%", "DEPOT/s", "SLAB/s", "PAGE/s", "REMOTE/s",
		       "FAIL/s", "LIVE", "CACHED", "PAGES", col(C_RESET));
	printf("%10s", fmt_rate(buf, sizeof(buf), (double)allocs / dt));
	printf(" %10s",
	       fmt_rate(buf, sizeof(buf), (double)counter_delta(pool_frees(prev), pool_frees(cur)) / dt));
	printf(" %6s", fmt_pct(buf, sizeof(buf),
			       counter_delta(prev->stat[ST_ALLOC_MAGAZINE], cur->stat[ST_ALLOC_MAGAZINE]),
			       allocs));
	for (i = 0; i < sizeof(cols) / sizeof(cols[0]); i++)
		printf(" %*s", i == 4 ? 8 : 9,
		       fmt_rate(buf, sizeof(buf),
				(double)counter_delta(prev->stat[cols[i]], cur->stat[cols[i]]) / dt));
	printf(" %10" PRIu64 " %10" PRIu64 " %8" PRIu64 "\n", cur->stat[ST_LIVE],
	       cur->stat[ST_CACHED], cur->stat[ST_PAGES]);
	fflush(stdout);
}

int cmd_stats(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "watch", required_argument, NULL, OPT_WATCH },
		{ "count", required_argument, NULL, OPT_COUNT },
		{ NULL, 0, NULL, 0 },
	};
	struct pool samples[2];
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	uint32_t watch_ms = 0, count = 0;
	bool has_count = false;
	double t_prev, t_cur, next;
	unsigned int n;
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS "w:c:", longopts, NULL)) != -1) {
		switch (c) {
		case 'w':
		case OPT_WATCH:
			ret = parse_duration_ms(optarg, &watch_ms, 100, 86400000);
			if (ret)
				return usage_error(usage, "invalid --watch '%s': %s (0.1 to 86400 seconds)",
						   optarg, parse_strerror(ret));
			break;
		case 'c':
		case OPT_COUNT:
			ret = parse_u32(optarg, &count, 1, UINT32_MAX, 0);
			if (ret)
				return usage_error(usage, "invalid --count '%s': %s", optarg,
						   parse_strerror(ret));
			has_count = true;
			break;
		default:
			ret = command_option(c, opts, usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (argc - optind != 1)
		return usage_error(usage, "stats takes one pool");
	if (has_count && !watch_ms)
		return usage_error(usage, "--count needs --watch");
	ret = pool_arg(argv[optind], &ref, usage);
	if (ret)
		return ret;
	setup_color(opts);

	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_get(nl, &ref, &samples[0]);
	if (ret || !watch_ms) {
		mpool_nl_close(nl);
		if (!ret)
			print_once(&samples[0], opts->json);
		return ret;
	}

	/* Follow the pool by id: a new pool of the same name is another pool. */
	ref.id = samples[0].id;
	t_prev = now_sec();
	next = t_prev;
	for (n = 0; !has_count || n < count; n++) {
		struct pool *prev = &samples[n % 2], *cur = &samples[(n + 1) % 2];
		double dt;

		next += watch_ms / 1000.0;
		sleep_until(next);
		ret = client_pool_get(nl, &ref, cur);
		if (ret)
			break;
		t_cur = now_sec();
		dt = t_cur - t_prev;
		if (dt <= 0)
			dt = 1e-3;
		if (cur->has_managed && opts->json)
			print_managed_rates_json(prev, cur, dt);
		else if (cur->has_managed)
			print_managed_rates(prev, cur, dt, n, opts->bytes);
		else if (opts->json)
			print_rates_json(prev, cur, dt);
		else
			print_rates(prev, cur, dt, n);
		t_prev = t_cur;
	}
	mpool_nl_close(nl);
	return ret;
}
