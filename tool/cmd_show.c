// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl show POOL: everything about one pool (pool-get and node-stats-get):
 * configuration, the adaptive controller, gauges, counters, the node matrix, the
 * lifetime histogram and the suggestions the numbers lead to. A buffer pool also
 * shows its classes (class-get), the sizes asked of it, oversize buffers and
 * internal fragmentation, overall and per class. A managed pool has neither slabs
 * nor nodes to report: its policy, sizes, generations, lifetimes and suggestions.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mpool.h>

#include "format.h"
#include "mempoolctl.h"
#include "nl.h"
#include "suggest.h"

static const char usage[] = "show POOL";

#define LABEL "  %-16s "

/* Magazine size of a buffer pool: the same in every class, or a range. */
static void show_class_magazines(const struct class_list *c)
{
	uint32_t lo = UINT32_MAX, hi = 0;
	unsigned int i;

	for (i = 0; i < c->nr; i++) {
		const struct pool_info *in = &c->cls[i].p.info;

		if (!(in->present & PI_MAGAZINE_SIZE))
			continue;
		if (in->magazine_size < lo)
			lo = in->magazine_size;
		if (in->magazine_size > hi)
			hi = in->magazine_size;
	}
	if (lo > hi)
		return;
	if (lo == hi)
		printf(LABEL "%u (every class)\n", "magazine-size", lo);
	else
		printf(LABEL "%u to %u (per class)\n", "magazine-size", lo, hi);
}

static void show_adaptive(const struct pool_info *in)
{
	char t[64];

	if (in->present & PI_ADAPTIVE) {
		if (in->adaptive)
			printf(LABEL "on, every %u s, rebalancing %s\n", "adaptive",
			       in->adapt_interval, in->adapt_rebalance ? "on" : "off");
		else
			printf(LABEL "off\n", "adaptive");
	}
	if (in->present & (PI_LAST_ADAPTATION | PI_LAST_ADAPTATION_TIME))
		printf(LABEL "%s (%s)\n", "last adaptation:",
		       in->last_adaptation[0] ? in->last_adaptation : "none",
		       fmt_time_ns(t, sizeof(t), in->last_adaptation_time));
}

static void show_buffer_config(const struct pool *p, const struct class_list *c, bool raw)
{
	const struct pool_info *in = &p->info;
	char a[FMT_LEN], b[FMT_LEN], flags[96];

	printf("%sconfig%s\n", col(C_BOLD), col(C_RESET));
	if (c->nr)
		printf(LABEL "%u (%s to %s)\n", "classes", c->nr,
		       fmt_size(a, sizeof(a), c->cls[0].size, raw),
		       fmt_size(b, sizeof(b), c->cls[c->nr - 1].size, raw));
	else if (in->present & PI_CLASSES)
		printf(LABEL "%u\n", "classes", in->classes);
	if (in->present & PI_FLAGS)
		printf(LABEL "%s\n", "flags", fmt_flags(flags, sizeof(flags), in->flags));
	printf(LABEL "per class (mempoolctl resize %s --class SIZE)\n", "limits", p->name);
	show_class_magazines(c);
	if (in->present & PI_NODE) {
		if (in->node < 0)
			printf(LABEL "every node\n", "node");
		else
			printf(LABEL "%d\n", "node", in->node);
	}
	show_adaptive(in);
}

static void show_config(const struct pool *p, bool raw)
{
	const struct pool_info *in = &p->info;
	char a[FMT_LEN], b[FMT_LEN], flags[96];

	printf("%sconfig%s\n", col(C_BOLD), col(C_RESET));
	if (in->present & PI_OBJECT_SIZE)
		printf(LABEL "%s (stride %s)\n", "object size",
		       fmt_size(a, sizeof(a), in->object_size, raw),
		       fmt_size(b, sizeof(b), in->object_stride, raw));
	if (in->present & PI_FLAGS)
		printf(LABEL "%s\n", "flags", fmt_flags(flags, sizeof(flags), in->flags));
	if (in->present & PI_MIN_OBJECTS)
		printf(LABEL "%u\n", "min-objects", in->min_objects);
	if (in->present & PI_MAX_OBJECTS) {
		if (in->max_objects)
			printf(LABEL "%u\n", "max-objects", in->max_objects);
		else
			printf(LABEL "none\n", "max-objects");
	}
	if (in->present & PI_MAGAZINE_SIZE)
		printf(LABEL "%u\n", "magazine-size", in->magazine_size);
	if (in->present & PI_NODE) {
		if (in->node < 0)
			printf(LABEL "every node\n", "node");
		else
			printf(LABEL "%d\n", "node", in->node);
	}
	if ((in->present & PI_SLAB_ORDER) && in->slab_order < 32)
		printf(LABEL "order %u (%s), %u objects\n", "slab", in->slab_order,
		       fmt_size(a, sizeof(a), page_size() << in->slab_order, raw),
		       in->objects_per_slab);
	show_adaptive(in);
}

static void show_gauges(const struct pool *p, bool raw)
{
	char a[FMT_LEN], t[64];

	printf("%sgauges%s\n", col(C_BOLD), col(C_RESET));
	printf(LABEL "%" PRIu64 "\n", "live", p->stat[ST_LIVE]);
	printf(LABEL "%" PRIu64 "\n", "cached", p->stat[ST_CACHED]);
	printf(LABEL "%" PRIu64 "\n", "objects", p->stat[ST_OBJECTS]);
	printf(LABEL "%" PRIu64 "\n", "reserve", p->stat[ST_RESERVE]);
	printf(LABEL "%" PRIu64 "\n", "slabs", p->stat[ST_SLABS]);
	printf(LABEL "%" PRIu64 " (%s)\n", "pages", p->stat[ST_PAGES],
	       fmt_size(a, sizeof(a), p->stat[ST_PAGES] * page_size(), raw));
	printf(LABEL "%" PRIu64 " (%s)\n", "peak live", p->stat[ST_PEAK_LIVE],
	       fmt_time_ns(t, sizeof(t), p->stat[ST_PEAK_LIVE_TIME]));
	if (p->has_hit_rate)
		printf(LABEL "%s\n", "hit rate", fmt_ppm(a, sizeof(a), p->hit_rate));
	if (p->has_efficiency)
		printf(LABEL "%s\n", "efficiency", fmt_ppm(a, sizeof(a), p->efficiency));
}

/* Counters in groups, each with its share of the group's total where that helps. */
static void show_counters(const struct pool *p)
{
	static const struct {
		const char *title;
		int first, last;	/* enum pool_stat range */
		bool share;
	} groups[] = {
		{ "allocations", ST_ALLOC_MAGAZINE, ST_ALLOC_CAPPED, true },
		{ "frees", ST_FREE_MAGAZINE, ST_FREE_REMOTE, true },
		{ "slabs", ST_SLABS_GROWN, ST_SHRINKER_FREED, false },
		{ "checks", ST_POISON_ERRORS, ST_INVALID_FREES, false },
		{ "adaptive controller", ST_ADAPT_EXPANSIONS, ST_ADAPT_REBALANCES, false },
	};
	uint64_t allocs = pool_allocs(p), frees = pool_frees(p);
	size_t g;
	int i;

	for (g = 0; g < sizeof(groups) / sizeof(groups[0]); g++) {
		uint64_t total = g == 0 ? allocs : frees;

		printf("%s%s%s", col(C_BOLD), groups[g].title, col(C_RESET));
		if (groups[g].share)
			printf(" (%" PRIu64 ")", total);
		printf("\n");
		for (i = groups[g].first; i <= groups[g].last; i++) {
			char pct[FMT_LEN];
			bool bad = (i >= ST_POISON_ERRORS && i <= ST_INVALID_FREES) ||
				   i == ST_ALLOC_FAIL || i == ST_ALLOC_CAPPED;

			printf(LABEL "%s%" PRIu64 "%s", stat_descs[i].name,
			       bad && p->stat[i] ? col(C_RED) : "", p->stat[i],
			       bad && p->stat[i] ? col(C_RESET) : "");
			/* Failures are not allocations: no share for them. */
			if (groups[g].share && i != ST_ALLOC_FAIL && i != ST_ALLOC_CAPPED)
				printf(" (%s)", fmt_pct(pct, sizeof(pct), p->stat[i], total));
			printf("\n");
		}
	}
}

/* The node matrix: one row per CPU node, one column per object node, allocs/frees. */
static void show_nodes(const struct node_matrix *m)
{
	uint32_t max_node = 0;
	unsigned int i, from, to;
	struct table t;
	const char *cells[TABLE_MAX_COLS];
	char text[TABLE_MAX_COLS][48];

	printf("%snodes%s (allocations/frees by CPUs of a node, of objects of a node)\n",
	       col(C_BOLD), col(C_RESET));
	if (!m->nr) {
		printf("  none reported\n");
		return;
	}
	for (i = 0; i < m->nr; i++) {
		if (m->pair[i].cpu_node > max_node)
			max_node = m->pair[i].cpu_node;
		if (m->pair[i].object_node > max_node)
			max_node = m->pair[i].object_node;
	}
	if (max_node >= TABLE_MAX_COLS - 1) {
		/* Too many nodes for columns: a list of the non-zero pairs. */
		for (i = 0; i < m->nr; i++)
			if (m->pair[i].allocs || m->pair[i].frees)
				printf("  cpu node %u -> object node %u: %" PRIu64 "/%" PRIu64 "\n",
				       m->pair[i].cpu_node, m->pair[i].object_node,
				       m->pair[i].allocs, m->pair[i].frees);
		return;
	}
	snprintf(text[0], sizeof(text[0]), "  cpu\\object");
	for (to = 0; to <= max_node; to++)
		snprintf(text[to + 1], sizeof(text[0]), "node %u", to);
	for (i = 0; i <= max_node + 1; i++)
		cells[i] = text[i];
	table_init(&t, max_node + 2, cells, 1u);
	for (from = 0; from <= max_node; from++) {
		snprintf(text[0], sizeof(text[0]), "  node %u", from);
		for (to = 0; to <= max_node; to++)
			snprintf(text[to + 1], sizeof(text[0]), "-");
		for (i = 0; i < m->nr; i++)
			if (m->pair[i].cpu_node == from)
				snprintf(text[m->pair[i].object_node + 1], sizeof(text[0]),
					 "%" PRIu64 "/%" PRIu64, m->pair[i].allocs, m->pair[i].frees);
		table_row(&t, cells);
	}
	table_print(&t, stdout);
	table_free(&t);
}

/* What the lower bounds of a histogram's buckets count. */
enum hist_unit {
	HIST_USEC,
	HIST_NSEC,
	HIST_BYTES,
};

static const char *fmt_bound(char *buf, size_t len, uint64_t v, enum hist_unit unit, bool raw)
{
	if (unit == HIST_BYTES)
		return fmt_size(buf, len, v, raw);
	if (unit == HIST_NSEC)
		return fmt_nsec(buf, len, v);
	return fmt_usec(buf, len, v);
}

/* Log2 buckets from the first to the last non-empty one, with bars. */
static void show_buckets(const struct hist_bucket *h, unsigned int nr, enum hist_unit unit,
			 bool raw)
{
	uint64_t max = 0;
	unsigned int i, first = nr, last = 0;

	for (i = 0; i < nr; i++) {
		if (h[i].count > max)
			max = h[i].count;
		if (h[i].count) {
			if (i < first)
				first = i;
			last = i;
		}
	}
	if (!max)
		return;
	for (i = first; i <= last; i++) {
		char lo[FMT_LEN], hi[FMT_LEN], bar[41];
		unsigned int w = (unsigned int)((double)h[i].count * 40.0 / (double)max + 0.5);

		memset(bar, '#', w);
		bar[w] = '\0';
		fmt_bound(lo, sizeof(lo), h[i].low, unit, raw);
		if (i + 1 < nr)
			fmt_bound(hi, sizeof(hi), h[i + 1].low, unit, raw);
		else
			snprintf(hi, sizeof(hi), "...");
		printf("  %7s - %-7s %10" PRIu64 "%s%s\n", lo, hi, h[i].count, w ? " " : "", bar);
	}
}

static uint64_t buckets_total(const struct hist_bucket *h, unsigned int nr)
{
	uint64_t total = 0;
	unsigned int i;

	for (i = 0; i < nr; i++)
		total += h[i].count;
	return total;
}

static void show_hist(const struct pool *p)
{
	printf("%slifetime%s", col(C_BOLD), col(C_RESET));
	/* A managed pool always keeps lifetimes: it stamps every object anyway. */
	if (!p->nr_hist || (!p->has_managed && !(p->info.flags & MPOOL_POOL_FLAGS_TRACK))) {
		printf(" (not tracked: the pool lacks the track flag)\n");
		return;
	}
	printf(" (%" PRIu64 " objects freed)\n", buckets_total(p->hist, p->nr_hist));
	show_buckets(p->hist, p->nr_hist, HIST_USEC, false);
}

/* A fragmentation cell: "-" until something was granted. */
static const char *frag_str(char *buf, size_t len, const struct pool *p)
{
	if (!p->has_fragmentation || !p->stat[ST_GRANTED_BYTES])
		snprintf(buf, len, "-");
	else
		fmt_ppm(buf, len, p->fragmentation);
	return buf;
}

/* What a buffer pool was asked for: bytes, fragmentation, oversize, the sizes. */
static void show_buffers(const struct pool *p, bool raw)
{
	char a[FMT_LEN], b[FMT_LEN];

	printf("%sbuffers%s\n", col(C_BOLD), col(C_RESET));
	printf(LABEL "%s asked, %s granted by the classes\n", "bytes",
	       fmt_size(a, sizeof(a), p->stat[ST_REQUESTED_BYTES], raw),
	       fmt_size(b, sizeof(b), p->stat[ST_GRANTED_BYTES], raw));
	printf(LABEL "%s of the granted bytes unused (internal)\n", "fragmentation",
	       frag_str(a, sizeof(a), p));
	printf(LABEL "%" PRIu64 " allocs, %" PRIu64 " frees, %" PRIu64
	       " live (above the largest class: kvmalloc)\n", "oversize",
	       p->stat[ST_OVERSIZE_ALLOCS], p->stat[ST_OVERSIZE_FREES], p->stat[ST_OVERSIZE_LIVE]);
	printf("%ssizes asked%s (%" PRIu64 " allocations)\n", col(C_BOLD), col(C_RESET),
	       buckets_total(p->size_hist, p->nr_size_hist));
	show_buckets(p->size_hist, p->nr_size_hist, HIST_BYTES, raw);
}

/* The classes of a buffer pool, one line each. */
static void show_classes(const struct class_list *c, bool raw)
{
	static const char *const header[] = {
		"", "SIZE", "MIN", "MAX", "LIVE", "CACHED", "OBJECTS", "PAGES", "PEAK", "ALLOCS",
		"FRAG%",
	};
	struct table t;
	unsigned int i;

	printf("%sclasses%s (%u)\n", col(C_BOLD), col(C_RESET), c->nr);
	/* An empty first column indents the table by the separator's two spaces. */
	table_init(&t, 11, header, 1u);
	for (i = 0; i < c->nr; i++) {
		const struct pool *p = &c->cls[i].p;
		char size[FMT_LEN], min[16], max[16], live[24], cached[24], objects[24],
			pages[24], peak[24], allocs[24], frag[FMT_LEN];
		const char *cells[11] = {
			"", size, min, max, live, cached, objects, pages, peak, allocs, frag,
		};

		fmt_size(size, sizeof(size), c->cls[i].size, raw);
		snprintf(min, sizeof(min), "%u", p->info.min_objects);
		if (p->info.max_objects)
			snprintf(max, sizeof(max), "%u", p->info.max_objects);
		else
			snprintf(max, sizeof(max), "none");
		snprintf(live, sizeof(live), "%" PRIu64, p->stat[ST_LIVE]);
		snprintf(cached, sizeof(cached), "%" PRIu64, p->stat[ST_CACHED]);
		snprintf(objects, sizeof(objects), "%" PRIu64, p->stat[ST_OBJECTS]);
		snprintf(pages, sizeof(pages), "%" PRIu64, p->stat[ST_PAGES]);
		snprintf(peak, sizeof(peak), "%" PRIu64, p->stat[ST_PEAK_LIVE]);
		snprintf(allocs, sizeof(allocs), "%" PRIu64, pool_allocs(p));
		frag_str(frag, sizeof(frag), p);
		table_row(&t, cells);
	}
	table_print(&t, stdout);
	table_free(&t);
}

/* A managed pool's policy and sizes: what pool-set may change, then what it may not. */
static void show_managed_config(const struct pool_managed *m, bool raw)
{
	char a[FMT_LEN], b[FMT_LEN];

	printf("%spolicy%s (mempoolctl set)\n", col(C_BOLD), col(C_RESET));
	if (m->present & PM_PROMOTE_AFTER)
		printf(LABEL "%u young collections\n", "promote-after", m->promote_after);
	if (m->present & PM_YOUNG_INTERVAL)
		printf(LABEL "%u ms\n", "young-interval", m->young_interval);
	if (m->present & PM_OLD_INTERVAL)
		printf(LABEL "%u ms\n", "old-interval", m->old_interval);
	if (m->present & PM_OLD_SPARSE_PCT)
		printf(LABEL "%u%%\n", "old-sparse-pct", m->old_sparse_pct);
	if (m->present & PM_COLLECTOR)
		printf(LABEL "%s\n", "collector",
		       m->collector ? "worker, every interval" : "on demand only");
	printf("%ssizes%s\n", col(C_BOLD), col(C_RESET));
	if (m->present & PM_MAX_SIZE)
		printf(LABEL "%s\n", "max-size", fmt_size(a, sizeof(a), m->max_size, raw));
	if (m->present & PM_MAX_HANDLES)
		printf(LABEL "%u\n", "max-handles", m->max_handles);
	if (m->present & PM_SEGMENT_SIZE)
		printf(LABEL "%s\n", "segment-size", fmt_size(a, sizeof(a), m->segment_size, raw));
	if ((m->present & PM_BUDGET) && m->budget)
		printf(LABEL "%s\n", "budget", fmt_size(a, sizeof(a), m->budget, raw));
	else if (m->present & PM_BUDGET)
		printf(LABEL "none\n", "budget");
	if ((m->present & PM_HELD_BYTES) && (m->present & PM_BUDGET) && m->budget)
		printf(LABEL "%s (%s of the budget)\n", "held",
		       fmt_size(a, sizeof(a), m->held_bytes, raw),
		       fmt_pct(b, sizeof(b), m->held_bytes, m->budget));
	else if (m->present & PM_HELD_BYTES)
		printf(LABEL "%s\n", "held", fmt_size(a, sizeof(a), m->held_bytes, raw));
	if (m->present & PM_TABLE_BYTES)
		printf(LABEL "%s (the handle table, beside held)\n", "table",
		       fmt_size(a, sizeof(a), m->table_bytes, raw));
	if ((m->present & PM_WARM_BYTES) && m->warm_bytes)
		printf(LABEL "%s (segments kept ready)\n", "warm",
		       fmt_size(a, sizeof(a), m->warm_bytes, raw));
	else if (m->present & PM_WARM_BYTES)
		printf(LABEL "none\n", "warm");
	if ((m->present & PM_NODE) && m->node < 0)
		printf(LABEL "the allocating CPU's\n", "node");
	else if (m->present & PM_NODE)
		printf(LABEL "%d\n", "node", m->node);
	printf("%schecks%s\n", col(C_BOLD), col(C_RESET));
	printf(LABEL "%s%" PRIu64 "%s (maps and frees of freed or never issued handles)\n",
	       "stale-refusals", m->stale_refusals ? col(C_RED) : "", m->stale_refusals,
	       m->stale_refusals ? col(C_RESET) : "");
	printf(LABEL "%s%" PRIu64 "%s (frees of mapped objects, refused)\n", "busy-frees",
	       m->busy_frees ? col(C_RED) : "", m->busy_frees, m->busy_frees ? col(C_RESET) : "");
	printf(LABEL "%s%" PRIu64 "%s\n", "alloc-fail", m->alloc_fail ? col(C_RED) : "",
	       m->alloc_fail, m->alloc_fail ? col(C_RESET) : "");
}

/* The generations of a managed pool, one line each. */
static void show_generations(const struct pool_managed *m, bool raw)
{
	static const char *const header[] = {
		"", "GENERATION", "LIVE", "LIVE-BYTES", "HELD", "PROMOTED-IN", "PROMOTED-OUT",
		"COLLECTIONS", "SEGS-FREED", "MOVED", "PINNED-SKIPS", "MOVE-FAILS",
	};
	struct table t;
	unsigned int g;

	printf("%sgenerations%s\n", col(C_BOLD), col(C_RESET));
	table_init(&t, 12, header, 1u << 0 | 1u << 1);
	for (g = 0; g < POOL_GENERATIONS; g++) {
		const struct gen_stats *gs = &m->gen[g];
		char live[24], bytes[FMT_LEN], held[FMT_LEN], in[24], out[24], coll[24],
			freed[24], moved[24], pinned[24], fails[24];
		const char *cells[12] = {
			"", pool_generation_names[g], live, bytes, held, in, out, coll, freed,
			moved, pinned, fails,
		};

		if (!gs->present)
			continue;
		snprintf(live, sizeof(live), "%" PRIu64, gs->stat[GS_LIVE_OBJECTS]);
		fmt_size(bytes, sizeof(bytes), gs->stat[GS_LIVE_BYTES], raw);
		fmt_size(held, sizeof(held), gs->stat[GS_HELD_BYTES], raw);
		snprintf(in, sizeof(in), "%" PRIu64, gs->stat[GS_PROMOTED_IN]);
		snprintf(out, sizeof(out), "%" PRIu64, gs->stat[GS_PROMOTED_OUT]);
		snprintf(coll, sizeof(coll), "%" PRIu64, gs->stat[GS_COLLECTIONS]);
		snprintf(freed, sizeof(freed), "%" PRIu64, gs->stat[GS_SEGMENTS_FREED]);
		snprintf(moved, sizeof(moved), "%" PRIu64, gs->stat[GS_MOVED_OBJECTS]);
		snprintf(pinned, sizeof(pinned), "%" PRIu64, gs->stat[GS_PINNED_SKIPS]);
		snprintf(fails, sizeof(fails), "%" PRIu64, gs->stat[GS_MOVE_FAILURES]);
		table_row(&t, cells);
	}
	table_print(&t, stdout);
	table_free(&t);
}

/* "12 (30.0%)": @n and its share of @total. */
static const char *count_share(char *buf, size_t len, uint64_t n, uint64_t total)
{
	char pct[FMT_LEN];

	snprintf(buf, len, "%" PRIu64 " (%s)", n, fmt_pct(pct, sizeof(pct), n, total));
	return buf;
}

/*
 * The cold tier's policy (the owning module's at creation, then pool-set's: mempoolctl
 * set's cold-* keys): when it compresses, and how much.
 */
static void show_cold_policy(const struct pool_cold *c)
{
	printf("%scold tier%s\n", col(C_BOLD), col(C_RESET));
	if (c->present & PC_COLD_AGE)
		printf(LABEL "%u ms unmapped\n", "cold-age", c->cold_age);
	if ((c->present & PC_HIGH_PCT) && (c->present & PC_LOW_PCT))
		printf(LABEL "starts above %u%% of the budget, stops below %u%%\n", "watermarks",
		       c->high_pct, c->low_pct);
	if (c->present & PC_MIN_SAVING_PCT)
		printf(LABEL "%u%% (blocks saving less stay uncompressed)\n", "min-saving",
		       c->min_saving_pct);
	if ((c->present & PC_INTERVAL) && (c->present & PC_CPU_PCT))
		printf(LABEL "every %u ms, up to %u%% of it compressing\n", "worker",
		       c->interval, c->cpu_pct);
	if (c->present & PC_PERMANENT)
		printf(LABEL "%s\n", "permanent", c->permanent ? "compressed too" : "never compressed");
}

/* What the cold tier holds and did: sizes, work, rejects, errors, worker, map latency. */
static void show_cold(const struct pool_cold *c, bool raw)
{
	const uint64_t *v = c->stat;
	uint64_t rejects = v[CS_REJECTS_INCOMPRESSIBLE] + v[CS_REJECTS_NOMEM] + v[CS_REJECTS_RACED];
	uint64_t errors = v[CS_CORRUPT_BLOCKS] + v[CS_IO_ERRORS];
	char a[FMT_LEN], b[FMT_LEN], r[FMT_LEN], share[48];

	show_cold_policy(c);
	printf(LABEL "%" PRIu64 " objects (%s) in %s stored, %" PRIu64 " blocks (in mpool_cold)\n",
	       "cold", v[CS_COLD_OBJECTS], fmt_size(a, sizeof(a), v[CS_ORIGINAL_BYTES], raw),
	       fmt_size(b, sizeof(b), v[CS_STORED_BYTES], raw), v[CS_BLOCKS]);
	printf(LABEL "%s\n", "ratio", fmt_ratio_x100(r, sizeof(r), c->ratio));
	printf(LABEL "%" PRIu64 " blocks, %" PRIu64 " objects (%s)\n", "compressions",
	       v[CS_COMPRESSIONS], v[CS_COMPRESSED_OBJECTS],
	       fmt_size(a, sizeof(a), v[CS_COMPRESSED_BYTES], raw));
	printf(LABEL "%" PRIu64 " blocks, %" PRIu64 " objects\n", "decompressions",
	       v[CS_DECOMPRESSIONS], v[CS_DECOMPRESSED_OBJECTS]);
	printf(LABEL "%s of the decompressions (within a cold age of the compression)\n",
	       "refaults", count_share(share, sizeof(share), v[CS_REFAULTS], v[CS_DECOMPRESSIONS]));
	printf(LABEL "%" PRIu64 ": %" PRIu64 " incompressible, %" PRIu64 " no memory, %" PRIu64
	       " raced\n", "rejects", rejects, v[CS_REJECTS_INCOMPRESSIBLE], v[CS_REJECTS_NOMEM],
	       v[CS_REJECTS_RACED]);
	printf(LABEL "%" PRIu64 " (cold objects found mapped)\n", "pinned-skips",
	       v[CS_PINNED_SKIPS]);
	printf(LABEL "%s%" PRIu64 " corrupt blocks, %" PRIu64 " maps failed with EIO%s\n", "errors",
	       errors ? col(C_RED) : "", v[CS_CORRUPT_BLOCKS], v[CS_IO_ERRORS],
	       errors ? col(C_RESET) : "");
	printf(LABEL "%" PRIu64 " for want of memory, %" PRIu64 " no-wait maps found it cold\n",
	       "map-failures", v[CS_FAULT_FAILURES], v[CS_NOWAIT_MISSES]);
	printf(LABEL "%s (watermark); started %" PRIu64 ", stopped %" PRIu64 ", ran %" PRIu64
	       ", CPU budget hit in %s\n", "worker-state", v[CS_WORKER_ON] ? "on" : "off",
	       v[CS_WORKER_STARTS], v[CS_WORKER_STOPS], v[CS_WORKER_RUNS],
	       count_share(share, sizeof(share), v[CS_CPU_BUDGET_HITS], v[CS_WORKER_RUNS]));
	printf(LABEL "%" PRIu64 " memory-pressure scans, %" PRIu64 " forced (mempoolctl compress)\n",
	       "other-runs", v[CS_SHRINKER_SCANS], v[CS_FORCED_RUNS]);
	printf("%scold map latency%s (%" PRIu64 " maps of cold objects)\n", col(C_BOLD),
	       col(C_RESET), buckets_total(c->hist, c->nr_hist));
	show_buckets(c->hist, c->nr_hist, HIST_NSEC, raw);
}

/* @c: a buffer pool's classes, else NULL; @m: the node matrix, NULL for a managed pool. */
static void show_human(const struct pool *p, const struct class_list *c,
		       const struct node_matrix *m, const struct suggestion *s, int ns, bool raw)
{
	char kind[24];
	int i;

	printf("%spool %s%s (id %u, %s pool)\n", col(C_BOLD), p->name, col(C_RESET), p->id,
	       p->has_kind ? pool_kind_name(p->kind, kind, sizeof(kind)) : "unknown");
	if (p->has_managed) {
		show_managed_config(&p->managed, raw);
		show_generations(&p->managed, raw);
		if (p->managed.has_cold)
			show_cold(&p->managed.cold, raw);
	}
	if (p->has_info && c)
		show_buffer_config(p, c, raw);
	else if (p->has_info)
		show_config(p, raw);
	if (p->has_stats) {
		show_gauges(p, raw);
		if (c)
			show_buffers(p, raw);
		show_counters(p);
	}
	if (c)
		show_classes(c, raw);
	if (m)
		show_nodes(m);
	show_hist(p);
	printf("%ssuggestions%s\n", col(C_BOLD), col(C_RESET));
	if (!ns)
		printf("  none: the numbers look healthy\n");
	for (i = 0; i < ns; i++)
		printf("  %s-%s %s\n", col(C_YELLOW), col(C_RESET), s[i].text);
}

static void show_json(const struct pool *p, const struct class_list *c,
		      const struct node_matrix *m, const struct suggestion *s, int ns)
{
	struct json j;
	int i;

	json_init(&j, stdout);
	pool_json_begin(&j, NULL, p);
	if (c)
		class_list_json(&j, "classes", c);
	if (m)
		node_matrix_json(&j, "nodes", m);
	json_arr_begin(&j, "suggestions");
	for (i = 0; i < ns; i++) {
		json_obj_begin(&j, NULL);
		json_str(&j, "id", s[i].id);
		json_str(&j, "text", s[i].text);
		json_obj_end(&j);
	}
	json_arr_end(&j);
	json_obj_end(&j);
	json_end_doc(&j);
}

int cmd_show(int argc, char **argv, struct options *opts)
{
	struct suggestion s[SUGGEST_MAX];
	struct class_list *c = NULL;
	struct pool_ref ref;
	struct node_matrix *m;
	struct mpool_nl *nl = NULL;
	struct pool p;
	int ret, ns;

	ret = parse_plain_options(argc, argv, opts, usage);
	if (ret >= 0)
		return ret;
	if (argc - optind != 1)
		return usage_error(usage, "show takes one pool");
	ret = pool_arg(argv[optind], &ref, usage);
	if (ret)
		return ret;
	setup_color(opts);

	m = calloc(1, sizeof(*m));
	if (!m)
		return out_of_memory();
	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_get(nl, &ref, &p);
	if (!ret) {
		/* By id from here: the name could be reused by a new pool in between. */
		struct pool_ref by_id = { .id = p.id };

		if (pool_is_buffer(&p)) {
			c = calloc(1, sizeof(*c));
			if (!c)
				ret = out_of_memory();
			else
				ret = client_class_get(nl, &by_id, c);
		}
		/* A managed pool's memory is per pool, not counted per node. */
		if (!ret && !p.has_managed)
			ret = client_node_stats(nl, &by_id, m);
	}
	mpool_nl_close(nl);
	if (!ret) {
		const struct node_matrix *nodes = p.has_managed ? NULL : m;

		ns = suggest(&p, c, s, SUGGEST_MAX);
		if (opts->json)
			show_json(&p, c, nodes, s, ns);
		else
			show_human(&p, c, nodes, s, ns, opts->bytes);
	}
	free(c);
	free(m);
	return ret;
}
