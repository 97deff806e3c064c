// SPDX-License-Identifier: GPL-2.0
/* Decoding of pool replies and their JSON form; see pool.h. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "attr.h"
#include "pool.h"

const struct stat_desc stat_descs[ST_NR] = {
	[ST_ALLOC_MAGAZINE]	= { MPOOL_A_POOL_STATS_ALLOC_MAGAZINE, "alloc-magazine", "alloc_magazine", true },
	[ST_ALLOC_DEPOT]	= { MPOOL_A_POOL_STATS_ALLOC_DEPOT, "alloc-depot", "alloc_depot", true },
	[ST_ALLOC_SLAB]		= { MPOOL_A_POOL_STATS_ALLOC_SLAB, "alloc-slab", "alloc_slab", true },
	[ST_ALLOC_PAGE]		= { MPOOL_A_POOL_STATS_ALLOC_PAGE, "alloc-page", "alloc_page", true },
	[ST_ALLOC_RESERVE]	= { MPOOL_A_POOL_STATS_ALLOC_RESERVE, "alloc-reserve", "alloc_reserve", true },
	[ST_ALLOC_REMOTE]	= { MPOOL_A_POOL_STATS_ALLOC_REMOTE, "alloc-remote", "alloc_remote", true },
	[ST_ALLOC_FAIL]		= { MPOOL_A_POOL_STATS_ALLOC_FAIL, "alloc-fail", "alloc_fail", true },
	[ST_ALLOC_CAPPED]	= { MPOOL_A_POOL_STATS_ALLOC_CAPPED, "alloc-capped", "alloc_capped", true },
	[ST_FREE_MAGAZINE]	= { MPOOL_A_POOL_STATS_FREE_MAGAZINE, "free-magazine", "free_magazine", true },
	[ST_FREE_DEPOT]		= { MPOOL_A_POOL_STATS_FREE_DEPOT, "free-depot", "free_depot", true },
	[ST_FREE_SLAB]		= { MPOOL_A_POOL_STATS_FREE_SLAB, "free-slab", "free_slab", true },
	[ST_FREE_RESERVE]	= { MPOOL_A_POOL_STATS_FREE_RESERVE, "free-reserve", "free_reserve", true },
	[ST_FREE_REMOTE]	= { MPOOL_A_POOL_STATS_FREE_REMOTE, "free-remote", "free_remote", true },
	[ST_SLABS_GROWN]	= { MPOOL_A_POOL_STATS_SLABS_GROWN, "slabs-grown", "slabs_grown", true },
	[ST_SLABS_RELEASED]	= { MPOOL_A_POOL_STATS_SLABS_RELEASED, "slabs-released", "slabs_released", true },
	[ST_SHRINKER_SCANS]	= { MPOOL_A_POOL_STATS_SHRINKER_SCANS, "shrinker-scans", "shrinker_scans", true },
	[ST_SHRINKER_FREED]	= { MPOOL_A_POOL_STATS_SHRINKER_FREED, "shrinker-freed", "shrinker_freed", true },
	[ST_POISON_ERRORS]	= { MPOOL_A_POOL_STATS_POISON_ERRORS, "poison-errors", "poison_errors", true },
	[ST_DOUBLE_FREES]	= { MPOOL_A_POOL_STATS_DOUBLE_FREES, "double-frees", "double_frees", true },
	[ST_INVALID_FREES]	= { MPOOL_A_POOL_STATS_INVALID_FREES, "invalid-frees", "invalid_frees", true },
	[ST_LIVE]		= { MPOOL_A_POOL_STATS_LIVE, "live", "live", false },
	[ST_CACHED]		= { MPOOL_A_POOL_STATS_CACHED, "cached", "cached", false },
	[ST_OBJECTS]		= { MPOOL_A_POOL_STATS_OBJECTS, "objects", "objects", false },
	[ST_RESERVE]		= { MPOOL_A_POOL_STATS_RESERVE, "reserve", "reserve", false },
	[ST_SLABS]		= { MPOOL_A_POOL_STATS_SLABS, "slabs", "slabs", false },
	[ST_PAGES]		= { MPOOL_A_POOL_STATS_PAGES, "pages", "pages", false },
	[ST_PEAK_LIVE]		= { MPOOL_A_POOL_STATS_PEAK_LIVE, "peak-live", "peak_live", false },
	[ST_PEAK_LIVE_TIME]	= { MPOOL_A_POOL_STATS_PEAK_LIVE_TIME, "peak-live-time", "peak_live_time", false },
	[ST_REQUESTED_BYTES]	= { MPOOL_A_POOL_STATS_REQUESTED_BYTES, "requested-bytes", "requested_bytes", true },
	[ST_GRANTED_BYTES]	= { MPOOL_A_POOL_STATS_GRANTED_BYTES, "granted-bytes", "granted_bytes", true },
	[ST_OVERSIZE_ALLOCS]	= { MPOOL_A_POOL_STATS_OVERSIZE_ALLOCS, "oversize-allocs", "oversize_allocs", true },
	[ST_OVERSIZE_FREES]	= { MPOOL_A_POOL_STATS_OVERSIZE_FREES, "oversize-frees", "oversize_frees", true },
	[ST_OVERSIZE_LIVE]	= { MPOOL_A_POOL_STATS_OVERSIZE_LIVE, "oversize-live", "oversize_live", false },
	[ST_ADAPT_EXPANSIONS]	= { MPOOL_A_POOL_STATS_ADAPT_EXPANSIONS, "adapt-expansions", "adapt_expansions", true },
	[ST_ADAPT_SHRINKS]	= { MPOOL_A_POOL_STATS_ADAPT_SHRINKS, "adapt-shrinks", "adapt_shrinks", true },
	[ST_ADAPT_MAGAZINE_GROWS] = { MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_GROWS, "adapt-magazine-grows", "adapt_magazine_grows", true },
	[ST_ADAPT_MAGAZINE_SHRINKS] = { MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_SHRINKS, "adapt-magazine-shrinks", "adapt_magazine_shrinks", true },
	[ST_ADAPT_REBALANCES]	= { MPOOL_A_POOL_STATS_ADAPT_REBALANCES, "adapt-rebalances", "adapt_rebalances", true },
};

/* The debugfs stats line is "cold-" and the spec name, which cold-objects has already. */
const struct cold_stat_desc cold_stat_descs[CS_NR] = {
	[CS_ENABLED] = { MPOOL_A_COLD_TIER_ENABLED, "enabled", "cold-enabled", "enabled", false },
	[CS_COLD_OBJECTS] = { MPOOL_A_COLD_TIER_COLD_OBJECTS, "cold-objects", "cold-objects", "cold_objects", false },
	[CS_ORIGINAL_BYTES] = { MPOOL_A_COLD_TIER_ORIGINAL_BYTES, "original-bytes", "cold-original-bytes", "original_bytes", false },
	[CS_STORED_BYTES] = { MPOOL_A_COLD_TIER_STORED_BYTES, "stored-bytes", "cold-stored-bytes", "stored_bytes", false },
	[CS_BLOCKS] = { MPOOL_A_COLD_TIER_BLOCKS, "blocks", "cold-blocks", "blocks", false },
	[CS_COMPRESSIONS] = { MPOOL_A_COLD_TIER_COMPRESSIONS, "compressions", "cold-compressions", "compressions", true },
	[CS_COMPRESSED_OBJECTS] = { MPOOL_A_COLD_TIER_COMPRESSED_OBJECTS, "compressed-objects", "cold-compressed-objects", "compressed_objects", true },
	[CS_COMPRESSED_BYTES] = { MPOOL_A_COLD_TIER_COMPRESSED_BYTES, "compressed-bytes", "cold-compressed-bytes", "compressed_bytes", true },
	[CS_DECOMPRESSIONS] = { MPOOL_A_COLD_TIER_DECOMPRESSIONS, "decompressions", "cold-decompressions", "decompressions", true },
	[CS_DECOMPRESSED_OBJECTS] = { MPOOL_A_COLD_TIER_DECOMPRESSED_OBJECTS, "decompressed-objects", "cold-decompressed-objects", "decompressed_objects", true },
	[CS_REFAULTS] = { MPOOL_A_COLD_TIER_REFAULTS, "refaults", "cold-refaults", "refaults", true },
	[CS_REJECTS_INCOMPRESSIBLE] = { MPOOL_A_COLD_TIER_REJECTS_INCOMPRESSIBLE, "rejects-incompressible", "cold-rejects-incompressible", "rejects_incompressible", true },
	[CS_REJECTS_NOMEM] = { MPOOL_A_COLD_TIER_REJECTS_NOMEM, "rejects-nomem", "cold-rejects-nomem", "rejects_nomem", true },
	[CS_REJECTS_RACED] = { MPOOL_A_COLD_TIER_REJECTS_RACED, "rejects-raced", "cold-rejects-raced", "rejects_raced", true },
	[CS_PINNED_SKIPS] = { MPOOL_A_COLD_TIER_PINNED_SKIPS, "pinned-skips", "cold-pinned-skips", "pinned_skips", true },
	[CS_CORRUPT_BLOCKS] = { MPOOL_A_COLD_TIER_CORRUPT_BLOCKS, "corrupt-blocks", "cold-corrupt-blocks", "corrupt_blocks", true },
	[CS_IO_ERRORS] = { MPOOL_A_COLD_TIER_IO_ERRORS, "io-errors", "cold-io-errors", "io_errors", true },
	[CS_FAULT_FAILURES] = { MPOOL_A_COLD_TIER_FAULT_FAILURES, "fault-failures", "cold-fault-failures", "fault_failures", true },
	[CS_NOWAIT_MISSES] = { MPOOL_A_COLD_TIER_NOWAIT_MISSES, "nowait-misses", "cold-nowait-misses", "nowait_misses", true },
	[CS_WORKER_ON] = { MPOOL_A_COLD_TIER_WORKER_ON, "worker-on", "cold-worker-on", "worker_on", false },
	[CS_WORKER_STARTS] = { MPOOL_A_COLD_TIER_WORKER_STARTS, "worker-starts", "cold-worker-starts", "worker_starts", true },
	[CS_WORKER_STOPS] = { MPOOL_A_COLD_TIER_WORKER_STOPS, "worker-stops", "cold-worker-stops", "worker_stops", true },
	[CS_WORKER_RUNS] = { MPOOL_A_COLD_TIER_WORKER_RUNS, "worker-runs", "cold-worker-runs", "worker_runs", true },
	[CS_CPU_BUDGET_HITS] = { MPOOL_A_COLD_TIER_CPU_BUDGET_HITS, "cpu-budget-hits", "cold-cpu-budget-hits", "cpu_budget_hits", true },
	[CS_SHRINKER_SCANS] = { MPOOL_A_COLD_TIER_SHRINKER_SCANS, "shrinker-scans", "cold-shrinker-scans", "shrinker_scans", true },
	[CS_FORCED_RUNS] = { MPOOL_A_COLD_TIER_FORCED_RUNS, "forced-runs", "cold-forced-runs", "forced_runs", true },
};

const struct gen_stat_desc gen_stat_descs[GS_NR] = {
	[GS_LIVE_OBJECTS]	= { MPOOL_A_GENERATION_STATS_LIVE_OBJECTS, "live-objects", "live_objects", false },
	[GS_LIVE_BYTES]		= { MPOOL_A_GENERATION_STATS_LIVE_BYTES, "live-bytes", "live_bytes", false },
	[GS_HELD_BYTES]		= { MPOOL_A_GENERATION_STATS_HELD_BYTES, "held-bytes", "held_bytes", false },
	[GS_PROMOTED_IN]	= { MPOOL_A_GENERATION_STATS_PROMOTED_IN, "promoted-in", "promoted_in", true },
	[GS_PROMOTED_OUT]	= { MPOOL_A_GENERATION_STATS_PROMOTED_OUT, "promoted-out", "promoted_out", true },
	[GS_COLLECTIONS]	= { MPOOL_A_GENERATION_STATS_COLLECTIONS, "collections", "collections", true },
	[GS_SEGMENTS_FREED]	= { MPOOL_A_GENERATION_STATS_SEGMENTS_FREED, "segments-freed", "segments_freed", true },
	[GS_MOVED_OBJECTS]	= { MPOOL_A_GENERATION_STATS_MOVED_OBJECTS, "moved-objects", "moved_objects", true },
	[GS_MOVED_BYTES]	= { MPOOL_A_GENERATION_STATS_MOVED_BYTES, "moved-bytes", "moved_bytes", true },
	[GS_PINNED_SKIPS]	= { MPOOL_A_GENERATION_STATS_PINNED_SKIPS, "pinned-skips", "pinned_skips", true },
	[GS_MOVE_FAILURES]	= { MPOOL_A_GENERATION_STATS_MOVE_FAILURES, "move-failures", "move_failures", true },
};

const char *const pool_generation_names[POOL_GENERATIONS] = {
	[MPOOL_GENERATION_YOUNG] = "young",
	[MPOOL_GENERATION_OLD] = "old",
	[MPOOL_GENERATION_PERMANENT] = "permanent",
};

const char *const pool_flag_names[4] = {
	"zero-on-free", "irqsafe", "poison", "track",
};

const char *pool_kind_name(uint32_t kind, char *buf, size_t len)
{
	if (kind == MPOOL_POOL_KIND_OBJECT)
		return "object";
	if (kind == MPOOL_POOL_KIND_BUFFER)
		return "buffer";
	if (kind == MPOOL_POOL_KIND_MANAGED)
		return "managed";
	snprintf(buf, len, "kind-%u", kind);
	return buf;
}

const char *pool_generation_name(uint32_t gen, char *buf, size_t len)
{
	if (gen < POOL_GENERATIONS)
		return pool_generation_names[gen];
	snprintf(buf, len, "generation-%u", gen);
	return buf;
}

uint64_t managed_sum(const struct pool_managed *m, enum gen_stat s)
{
	uint64_t sum = 0;
	unsigned int g;

	for (g = 0; g < POOL_GENERATIONS; g++)
		sum += m->gen[g].stat[s];
	return sum;
}

uint64_t pool_live(const struct pool *p)
{
	if (p->has_managed)
		return managed_sum(&p->managed, GS_LIVE_OBJECTS);
	return p->stat[ST_LIVE];
}

uint64_t pool_pages(const struct pool *p, uint64_t page)
{
	if (p->has_managed)
		return page ? (p->managed.held_bytes + page - 1) / page : 0;
	return p->stat[ST_PAGES];
}

bool pool_efficiency(const struct pool *p, uint32_t *ppm)
{
	const struct pool_managed *m = &p->managed;
	uint64_t live;

	if (!p->has_managed) {
		*ppm = p->efficiency;
		return p->has_efficiency;
	}
	if (!(m->present & PM_HELD_BYTES) || !m->held_bytes)
		return false;
	live = managed_sum(m, GS_LIVE_BYTES);
	/* Live bytes never pass the bytes held; a report that says so is capped. */
	*ppm = live >= m->held_bytes ? 1000000 :
	       (uint32_t)((double)live * 1000000.0 / (double)m->held_bytes);
	return true;
}

uint64_t pool_allocs(const struct pool *p)
{
	/* As mpool_stats_allocs(): each allocation once, under the deepest layer. */
	return p->stat[ST_ALLOC_MAGAZINE] + p->stat[ST_ALLOC_DEPOT] + p->stat[ST_ALLOC_SLAB] +
	       p->stat[ST_ALLOC_PAGE] + p->stat[ST_ALLOC_RESERVE] + p->stat[ST_ALLOC_REMOTE];
}

uint64_t pool_frees(const struct pool *p)
{
	return p->stat[ST_FREE_MAGAZINE] + p->stat[ST_FREE_DEPOT] + p->stat[ST_FREE_SLAB] +
	       p->stat[ST_FREE_RESERVE] + p->stat[ST_FREE_REMOTE];
}

/* A scalar attribute of a nest, read into a struct at @off when present. */
struct field {
	int attr;
	uint32_t bit;		/* presence bit */
	int type;		/* 8: u8, 32: u32, 64: u64, -32: s32 */
	size_t off;
};

/* Read the @nr @fields present in @tb into @dst, setting their bits in *@present. */
static int decode_fields(const struct nlattr *const *tb, const struct field *fields, size_t nr,
			 void *dst, uint32_t *present)
{
	size_t i;
	int ret;

	for (i = 0; i < nr; i++) {
		const struct nlattr *a = tb[fields[i].attr];
		void *v = (char *)dst + fields[i].off;

		if (!a)
			continue;
		if (fields[i].type == 64)
			ret = attr_get_u64(a, v);
		else if (fields[i].type == 32)
			ret = attr_get_u32(a, v);
		else if (fields[i].type == 8)
			ret = attr_get_u8(a, v);
		else
			ret = attr_get_s32(a, v);
		if (ret)
			return ret;
		*present |= fields[i].bit;
	}
	return 0;
}

static int decode_info(struct pool_info *info, const struct nlattr *nest)
{
	const struct nlattr *tb[MPOOL_A_POOL_INFO_MAX + 1];
	static const struct field fields[] = {
		{ MPOOL_A_POOL_INFO_OBJECT_SIZE, PI_OBJECT_SIZE, 64, offsetof(struct pool_info, object_size) },
		{ MPOOL_A_POOL_INFO_OBJECT_STRIDE, PI_OBJECT_STRIDE, 64, offsetof(struct pool_info, object_stride) },
		{ MPOOL_A_POOL_INFO_FLAGS, PI_FLAGS, 32, offsetof(struct pool_info, flags) },
		{ MPOOL_A_POOL_INFO_MIN_OBJECTS, PI_MIN_OBJECTS, 32, offsetof(struct pool_info, min_objects) },
		{ MPOOL_A_POOL_INFO_MAX_OBJECTS, PI_MAX_OBJECTS, 32, offsetof(struct pool_info, max_objects) },
		{ MPOOL_A_POOL_INFO_MAGAZINE_SIZE, PI_MAGAZINE_SIZE, 32, offsetof(struct pool_info, magazine_size) },
		{ MPOOL_A_POOL_INFO_NODE, PI_NODE, -32, offsetof(struct pool_info, node) },
		{ MPOOL_A_POOL_INFO_SLAB_ORDER, PI_SLAB_ORDER, 32, offsetof(struct pool_info, slab_order) },
		{ MPOOL_A_POOL_INFO_OBJECTS_PER_SLAB, PI_OBJECTS_PER_SLAB, 32, offsetof(struct pool_info, objects_per_slab) },
		{ MPOOL_A_POOL_INFO_ADAPTIVE, PI_ADAPTIVE, 8, offsetof(struct pool_info, adaptive) },
		{ MPOOL_A_POOL_INFO_ADAPT_INTERVAL, PI_ADAPT_INTERVAL, 32, offsetof(struct pool_info, adapt_interval) },
		{ MPOOL_A_POOL_INFO_ADAPT_REBALANCE, PI_ADAPT_REBALANCE, 8, offsetof(struct pool_info, adapt_rebalance) },
		{ MPOOL_A_POOL_INFO_LAST_ADAPTATION_TIME, PI_LAST_ADAPTATION_TIME, 64, offsetof(struct pool_info, last_adaptation_time) },
		{ MPOOL_A_POOL_INFO_CLASSES, PI_CLASSES, 32, offsetof(struct pool_info, classes) },
	};
	const char *last;
	int ret;

	if (attr_parse_nested(tb, MPOOL_A_POOL_INFO_MAX, nest) < 0)
		return -EPROTO;
	ret = decode_fields(tb, fields, sizeof(fields) / sizeof(fields[0]), info, &info->present);
	if (ret)
		return ret;
	if (tb[MPOOL_A_POOL_INFO_LAST_ADAPTATION]) {
		last = attr_get_str(tb[MPOOL_A_POOL_INFO_LAST_ADAPTATION]);
		if (!last)
			return -EPROTO;
		/* Longer than we keep: cut, it is text for people. */
		snprintf(info->last_adaptation, sizeof(info->last_adaptation), "%s", last);
		info->present |= PI_LAST_ADAPTATION;
	}
	return 0;
}

static int decode_stats(struct pool *p, const struct nlattr *nest)
{
	const struct nlattr *tb[MPOOL_A_POOL_STATS_MAX + 1];
	int i;

	if (attr_parse_nested(tb, MPOOL_A_POOL_STATS_MAX, nest) < 0)
		return -EPROTO;
	for (i = 0; i < ST_NR; i++) {
		const struct nlattr *a = tb[stat_descs[i].attr];

		if (!a)
			continue;
		if (attr_get_u64(a, &p->stat[i]))
			return -EPROTO;
		p->stat_present |= 1ull << i;
	}
	if (tb[MPOOL_A_POOL_STATS_HIT_RATE]) {
		if (attr_get_u32(tb[MPOOL_A_POOL_STATS_HIT_RATE], &p->hit_rate))
			return -EPROTO;
		p->has_hit_rate = true;
	}
	if (tb[MPOOL_A_POOL_STATS_EFFICIENCY]) {
		if (attr_get_u32(tb[MPOOL_A_POOL_STATS_EFFICIENCY], &p->efficiency))
			return -EPROTO;
		p->has_efficiency = true;
	}
	if (tb[MPOOL_A_POOL_STATS_FRAGMENTATION]) {
		if (attr_get_u32(tb[MPOOL_A_POOL_STATS_FRAGMENTATION], &p->fragmentation))
			return -EPROTO;
		p->has_fragmentation = true;
	}
	return 0;
}

/*
 * An indexed array into @hist (@nr buckets so far): each entry a hist-bucket nest,
 * whatever its index type.
 */
static int decode_hist(struct hist_bucket *hist, unsigned int *nr, const struct nlattr *arr)
{
	const struct nlattr *a;

	attr_for_each(a, attr_data(arr), attr_len(arr)) {
		const struct nlattr *tb[MPOOL_A_HIST_BUCKET_MAX + 1];
		struct hist_bucket *b;

		if (*nr >= POOL_HIST_MAX)
			return -EPROTO;
		if (attr_parse_nested(tb, MPOOL_A_HIST_BUCKET_MAX, a) < 0)
			return -EPROTO;
		b = &hist[*nr];
		if (!tb[MPOOL_A_HIST_BUCKET_LOW] || !tb[MPOOL_A_HIST_BUCKET_COUNT] ||
		    attr_get_u64(tb[MPOOL_A_HIST_BUCKET_LOW], &b->low) ||
		    attr_get_u64(tb[MPOOL_A_HIST_BUCKET_COUNT], &b->count))
			return -EPROTO;
		(*nr)++;
	}
	return 0;
}

/* One generation-stats nest: its generation number (required) and its statistics. */
static int decode_gen_stats(const struct nlattr *nest, uint32_t *gen, struct gen_stats *g)
{
	const struct nlattr *tb[MPOOL_A_GENERATION_STATS_MAX + 1];
	int i;

	memset(g, 0, sizeof(*g));
	if (attr_parse_nested(tb, MPOOL_A_GENERATION_STATS_MAX, nest) < 0 ||
	    !tb[MPOOL_A_GENERATION_STATS_GENERATION] ||
	    attr_get_u32(tb[MPOOL_A_GENERATION_STATS_GENERATION], gen))
		return -EPROTO;
	for (i = 0; i < GS_NR; i++) {
		const struct nlattr *a = tb[gen_stat_descs[i].attr];

		if (!a)
			continue;
		if (attr_get_u64(a, &g->stat[i]))
			return -EPROTO;
		g->stat_present |= 1u << i;
	}
	g->present = true;
	return 0;
}

/* The cold nest: counters (every one optional), latency histogram, ratios, policy. */
static int decode_cold(struct pool_cold *c, const struct nlattr *nest)
{
	const struct nlattr *tb[MPOOL_A_COLD_TIER_MAX + 1];
	static const struct field fields[] = {
		{ MPOOL_A_COLD_TIER_RATIO, PC_RATIO, 32, offsetof(struct pool_cold, ratio) },
		{ MPOOL_A_COLD_TIER_REFAULT_PPM, PC_REFAULT_PPM, 32, offsetof(struct pool_cold, refault_ppm) },
		{ MPOOL_A_COLD_TIER_COLD_AGE, PC_COLD_AGE, 32, offsetof(struct pool_cold, cold_age) },
		{ MPOOL_A_COLD_TIER_HIGH_PCT, PC_HIGH_PCT, 32, offsetof(struct pool_cold, high_pct) },
		{ MPOOL_A_COLD_TIER_LOW_PCT, PC_LOW_PCT, 32, offsetof(struct pool_cold, low_pct) },
		{ MPOOL_A_COLD_TIER_MIN_SAVING_PCT, PC_MIN_SAVING_PCT, 32, offsetof(struct pool_cold, min_saving_pct) },
		{ MPOOL_A_COLD_TIER_INTERVAL, PC_INTERVAL, 32, offsetof(struct pool_cold, interval) },
		{ MPOOL_A_COLD_TIER_CPU_PCT, PC_CPU_PCT, 32, offsetof(struct pool_cold, cpu_pct) },
		{ MPOOL_A_COLD_TIER_PERMANENT, PC_PERMANENT, 8, offsetof(struct pool_cold, permanent) },
	};
	int i, ret;

	if (attr_parse_nested(tb, MPOOL_A_COLD_TIER_MAX, nest) < 0)
		return -EPROTO;
	for (i = 0; i < CS_NR; i++) {
		const struct nlattr *a = tb[cold_stat_descs[i].attr];

		if (!a)
			continue;
		if (attr_get_u64(a, &c->stat[i]))
			return -EPROTO;
		c->stat_present |= 1u << i;
	}
	if (tb[MPOOL_A_COLD_TIER_MAP_LATENCY_HIST]) {
		ret = decode_hist(c->hist, &c->nr_hist, tb[MPOOL_A_COLD_TIER_MAP_LATENCY_HIST]);
		if (ret)
			return ret;
	}
	return decode_fields(tb, fields, sizeof(fields) / sizeof(fields[0]), c, &c->present);
}

static int decode_managed(struct pool_managed *m, const struct nlattr *nest)
{
	const struct nlattr *tb[MPOOL_A_MANAGED_MAX + 1];
	static const struct field fields[] = {
		{ MPOOL_A_MANAGED_PROMOTE_AFTER, PM_PROMOTE_AFTER, 32, offsetof(struct pool_managed, promote_after) },
		{ MPOOL_A_MANAGED_YOUNG_INTERVAL, PM_YOUNG_INTERVAL, 32, offsetof(struct pool_managed, young_interval) },
		{ MPOOL_A_MANAGED_OLD_INTERVAL, PM_OLD_INTERVAL, 32, offsetof(struct pool_managed, old_interval) },
		{ MPOOL_A_MANAGED_OLD_SPARSE_PCT, PM_OLD_SPARSE_PCT, 32, offsetof(struct pool_managed, old_sparse_pct) },
		{ MPOOL_A_MANAGED_COLLECTOR, PM_COLLECTOR, 8, offsetof(struct pool_managed, collector) },
		{ MPOOL_A_MANAGED_MAX_SIZE, PM_MAX_SIZE, 32, offsetof(struct pool_managed, max_size) },
		{ MPOOL_A_MANAGED_MAX_HANDLES, PM_MAX_HANDLES, 32, offsetof(struct pool_managed, max_handles) },
		{ MPOOL_A_MANAGED_BUDGET, PM_BUDGET, 64, offsetof(struct pool_managed, budget) },
		{ MPOOL_A_MANAGED_HELD_BYTES, PM_HELD_BYTES, 64, offsetof(struct pool_managed, held_bytes) },
		{ MPOOL_A_MANAGED_SEGMENT_SIZE, PM_SEGMENT_SIZE, 32, offsetof(struct pool_managed, segment_size) },
		{ MPOOL_A_MANAGED_NODE, PM_NODE, -32, offsetof(struct pool_managed, node) },
		{ MPOOL_A_MANAGED_STALE_REFUSALS, PM_STALE_REFUSALS, 64, offsetof(struct pool_managed, stale_refusals) },
		{ MPOOL_A_MANAGED_BUSY_FREES, PM_BUSY_FREES, 64, offsetof(struct pool_managed, busy_frees) },
		{ MPOOL_A_MANAGED_ALLOC_FAIL, PM_ALLOC_FAIL, 64, offsetof(struct pool_managed, alloc_fail) },
		{ MPOOL_A_MANAGED_TABLE_BYTES, PM_TABLE_BYTES, 64, offsetof(struct pool_managed, table_bytes) },
		{ MPOOL_A_MANAGED_WARM_BYTES, PM_WARM_BYTES, 64, offsetof(struct pool_managed, warm_bytes) },
	};
	const struct nlattr *a;
	int ret;

	if (attr_parse_nested(tb, MPOOL_A_MANAGED_MAX, nest) < 0)
		return -EPROTO;
	ret = decode_fields(tb, fields, sizeof(fields) / sizeof(fields[0]), m, &m->present);
	if (ret)
		return ret;
	/* Repeated: one nest per generation. */
	attr_for_each(a, attr_data(nest), attr_len(nest)) {
		struct gen_stats g;
		uint32_t gen;

		if (attr_type(a) != MPOOL_A_MANAGED_GENERATION)
			continue;
		ret = decode_gen_stats(a, &gen, &g);
		if (ret)
			return ret;
		/* A generation a newer kernel adds is not one this tool can name. */
		if (gen < POOL_GENERATIONS)
			m->gen[gen] = g;
	}
	if (tb[MPOOL_A_MANAGED_COLD]) {
		ret = decode_cold(&m->cold, tb[MPOOL_A_MANAGED_COLD]);
		if (ret)
			return ret;
		m->has_cold = true;
	}
	return 0;
}

static int decode_ref(uint32_t *id, char *name, size_t len, const struct mpool_reply *r)
{
	const char *s;

	if (!r->tb[MPOOL_A_POOL_ID] || !r->tb[MPOOL_A_POOL_NAME])
		return -EPROTO;
	if (attr_get_u32(r->tb[MPOOL_A_POOL_ID], id))
		return -EPROTO;
	s = attr_get_str(r->tb[MPOOL_A_POOL_NAME]);
	if (!s || strlen(s) >= len)
		return -EPROTO;
	memcpy(name, s, strlen(s) + 1);
	return 0;
}

int pool_decode(struct pool *p, const struct mpool_reply *r)
{
	int ret;

	memset(p, 0, sizeof(*p));
	if (r->maxattr < MPOOL_A_POOL_LIFETIME_HIST)
		return -EPROTO;
	ret = decode_ref(&p->id, p->name, sizeof(p->name), r);
	if (ret)
		return ret;
	if (r->tb[MPOOL_A_POOL_KIND]) {
		if (attr_get_u32(r->tb[MPOOL_A_POOL_KIND], &p->kind))
			return -EPROTO;
		p->has_kind = true;
	}
	if (r->tb[MPOOL_A_POOL_INFO]) {
		ret = decode_info(&p->info, r->tb[MPOOL_A_POOL_INFO]);
		if (ret)
			return ret;
		p->has_info = true;
	}
	if (r->tb[MPOOL_A_POOL_STATS]) {
		ret = decode_stats(p, r->tb[MPOOL_A_POOL_STATS]);
		if (ret)
			return ret;
		p->has_stats = true;
	}
	if (r->tb[MPOOL_A_POOL_LIFETIME_HIST]) {
		ret = decode_hist(p->hist, &p->nr_hist, r->tb[MPOOL_A_POOL_LIFETIME_HIST]);
		if (ret)
			return ret;
	}
	if (r->maxattr >= MPOOL_A_POOL_SIZE_HIST && r->tb[MPOOL_A_POOL_SIZE_HIST]) {
		ret = decode_hist(p->size_hist, &p->nr_size_hist, r->tb[MPOOL_A_POOL_SIZE_HIST]);
		if (ret)
			return ret;
		p->has_size_hist = true;
	}
	if (r->maxattr >= MPOOL_A_POOL_MANAGED && r->tb[MPOOL_A_POOL_MANAGED]) {
		ret = decode_managed(&p->managed, r->tb[MPOOL_A_POOL_MANAGED]);
		if (ret)
			return ret;
		p->has_managed = true;
	}
	return 0;
}

int compress_result_decode(struct compress_result *c, const struct mpool_reply *r)
{
	int ret;

	memset(c, 0, sizeof(*c));
	if (r->maxattr < MPOOL_A_POOL_COMPRESSED || !r->tb[MPOOL_A_POOL_COMPRESSED])
		return -EPROTO;
	ret = decode_ref(&c->id, c->name, sizeof(c->name), r);
	if (ret)
		return ret;
	return attr_get_u64(r->tb[MPOOL_A_POOL_COMPRESSED], &c->compressed) ? -EPROTO : 0;
}

int collect_result_decode(struct collect_result *c, const struct mpool_reply *r)
{
	int ret;

	memset(c, 0, sizeof(*c));
	if (r->maxattr < MPOOL_A_POOL_COLLECTED || !r->tb[MPOOL_A_POOL_COLLECTED])
		return -EPROTO;
	ret = decode_ref(&c->id, c->name, sizeof(c->name), r);
	if (ret)
		return ret;
	ret = decode_gen_stats(r->tb[MPOOL_A_POOL_COLLECTED], &c->generation, &c->done);
	if (ret)
		return ret;
	/* Only young and old are collected: anything else is not what was asked. */
	if (c->generation != MPOOL_GENERATION_YOUNG && c->generation != MPOOL_GENERATION_OLD)
		return -EPROTO;
	return 0;
}

static int decode_class(struct pool_class *c, const struct nlattr *nest)
{
	const struct nlattr *tb[MPOOL_A_CLASS_MAX + 1];
	struct pool *p = &c->p;
	int ret;

	memset(c, 0, sizeof(*c));
	if (attr_parse_nested(tb, MPOOL_A_CLASS_MAX, nest) < 0 || !tb[MPOOL_A_CLASS_SIZE] ||
	    attr_get_u32(tb[MPOOL_A_CLASS_SIZE], &c->size))
		return -EPROTO;
	/* A class is an object pool: one size. */
	p->has_kind = true;
	p->kind = MPOOL_POOL_KIND_OBJECT;
	if (tb[MPOOL_A_CLASS_INFO]) {
		ret = decode_info(&p->info, tb[MPOOL_A_CLASS_INFO]);
		if (ret)
			return ret;
		p->has_info = true;
	}
	if (tb[MPOOL_A_CLASS_STATS]) {
		ret = decode_stats(p, tb[MPOOL_A_CLASS_STATS]);
		if (ret)
			return ret;
		p->has_stats = true;
	}
	if (tb[MPOOL_A_CLASS_SIZE_HIST]) {
		ret = decode_hist(p->size_hist, &p->nr_size_hist, tb[MPOOL_A_CLASS_SIZE_HIST]);
		if (ret)
			return ret;
		p->has_size_hist = true;
	}
	return 0;
}

int class_list_decode(struct class_list *c, const struct mpool_reply *r)
{
	const struct nlattr *a;
	int ret;

	c->nr = 0;
	if (r->maxattr < MPOOL_A_POOL_CLASS)
		return -EPROTO;
	ret = decode_ref(&c->id, c->name, sizeof(c->name), r);
	if (ret)
		return ret;
	attr_for_each(a, r->attrs, r->len) {
		if (attr_type(a) != MPOOL_A_POOL_CLASS)
			continue;
		if (c->nr >= POOL_CLASSES_MAX)
			return -EPROTO;
		ret = decode_class(&c->cls[c->nr], a);
		if (ret)
			return ret;
		c->nr++;
	}
	return 0;
}

int node_matrix_decode(struct node_matrix *m, const struct mpool_reply *r)
{
	const struct nlattr *a;
	int ret;

	m->nr = 0;
	if (r->maxattr < MPOOL_A_POOL_NODE_PAIR)
		return -EPROTO;
	ret = decode_ref(&m->id, m->name, sizeof(m->name), r);
	if (ret)
		return ret;
	attr_for_each(a, r->attrs, r->len) {
		const struct nlattr *tb[MPOOL_A_NODE_PAIR_MAX + 1];
		struct node_pair *np;

		if (attr_type(a) != MPOOL_A_POOL_NODE_PAIR)
			continue;
		if (m->nr >= NODE_PAIRS_MAX)
			return -EPROTO;
		if (attr_parse_nested(tb, MPOOL_A_NODE_PAIR_MAX, a) < 0)
			return -EPROTO;
		np = &m->pair[m->nr];
		if (!tb[MPOOL_A_NODE_PAIR_CPU_NODE] || !tb[MPOOL_A_NODE_PAIR_OBJECT_NODE] ||
		    attr_get_u32(tb[MPOOL_A_NODE_PAIR_CPU_NODE], &np->cpu_node) ||
		    attr_get_u32(tb[MPOOL_A_NODE_PAIR_OBJECT_NODE], &np->object_node))
			return -EPROTO;
		np->allocs = 0;
		np->frees = 0;
		if (tb[MPOOL_A_NODE_PAIR_ALLOCS] &&
		    attr_get_u64(tb[MPOOL_A_NODE_PAIR_ALLOCS], &np->allocs))
			return -EPROTO;
		if (tb[MPOOL_A_NODE_PAIR_FREES] &&
		    attr_get_u64(tb[MPOOL_A_NODE_PAIR_FREES], &np->frees))
			return -EPROTO;
		m->nr++;
	}
	return 0;
}

static void flags_json(struct json *j, const char *key, uint32_t flags)
{
	char buf[16];
	unsigned int i;

	json_arr_begin(j, key);
	for (i = 0; i < 32; i++) {
		if (!(flags & (1u << i)))
			continue;
		if (i < sizeof(pool_flag_names) / sizeof(pool_flag_names[0])) {
			json_str(j, NULL, pool_flag_names[i]);
		} else {
			snprintf(buf, sizeof(buf), "0x%x", 1u << i);
			json_str(j, NULL, buf);
		}
	}
	json_arr_end(j);
}

static void info_json(struct json *j, const struct pool_info *in)
{
	json_obj_begin(j, "info");
	if (in->present & PI_OBJECT_SIZE)
		json_u64(j, "object_size", in->object_size);
	if (in->present & PI_OBJECT_STRIDE)
		json_u64(j, "object_stride", in->object_stride);
	if (in->present & PI_FLAGS)
		flags_json(j, "flags", in->flags);
	if (in->present & PI_MIN_OBJECTS)
		json_u64(j, "min_objects", in->min_objects);
	if (in->present & PI_MAX_OBJECTS)
		json_u64(j, "max_objects", in->max_objects);
	if (in->present & PI_MAGAZINE_SIZE)
		json_u64(j, "magazine_size", in->magazine_size);
	if (in->present & PI_NODE)
		json_i64(j, "node", in->node);
	if (in->present & PI_SLAB_ORDER)
		json_u64(j, "slab_order", in->slab_order);
	if (in->present & PI_OBJECTS_PER_SLAB)
		json_u64(j, "objects_per_slab", in->objects_per_slab);
	if (in->present & PI_ADAPTIVE)
		json_bool(j, "adaptive", in->adaptive);
	if (in->present & PI_ADAPT_INTERVAL)
		json_u64(j, "adapt_interval", in->adapt_interval);
	if (in->present & PI_ADAPT_REBALANCE)
		json_bool(j, "adapt_rebalance", in->adapt_rebalance);
	if (in->present & PI_LAST_ADAPTATION)
		json_str(j, "last_adaptation", in->last_adaptation);
	if (in->present & PI_LAST_ADAPTATION_TIME)
		json_u64(j, "last_adaptation_time", in->last_adaptation_time);
	if (in->present & PI_CLASSES)
		json_u64(j, "classes", in->classes);
	json_obj_end(j);
}

void pool_stats_json(struct json *j, const struct pool *p)
{
	unsigned int i;

	json_obj_begin(j, "stats");
	for (i = 0; i < ST_NR; i++)
		if (pool_has(p, i))
			json_u64(j, stat_descs[i].json, p->stat[i]);
	if (p->has_hit_rate)
		json_u64(j, "hit_rate", p->hit_rate);
	if (p->has_efficiency)
		json_u64(j, "efficiency", p->efficiency);
	if (p->has_fragmentation)
		json_u64(j, "fragmentation", p->fragmentation);
	json_obj_end(j);
}

static void hist_json(struct json *j, const char *key, const struct hist_bucket *h,
		      unsigned int nr)
{
	unsigned int i;

	json_arr_begin(j, key);
	for (i = 0; i < nr; i++) {
		json_obj_begin(j, NULL);
		json_u64(j, "low", h[i].low);
		json_u64(j, "count", h[i].count);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void gen_stats_json(struct json *j, const char *key, const struct gen_stats *g)
{
	unsigned int i;

	json_obj_begin(j, key);
	for (i = 0; i < GS_NR; i++)
		if (g->stat_present & (1u << i))
			json_u64(j, gen_stat_descs[i].json, g->stat[i]);
	json_obj_end(j);
}

void pool_cold_json(struct json *j, const struct pool_cold *c)
{
	unsigned int i;

	json_obj_begin(j, "cold");
	for (i = 0; i < CS_NR; i++)
		if (c->stat_present & (1u << i))
			json_u64(j, cold_stat_descs[i].json, c->stat[i]);
	if (c->present & PC_RATIO)
		json_u64(j, "ratio", c->ratio);
	if (c->present & PC_REFAULT_PPM)
		json_u64(j, "refault_ppm", c->refault_ppm);
	if (c->present & PC_COLD_AGE)
		json_u64(j, "cold_age", c->cold_age);
	if (c->present & PC_HIGH_PCT)
		json_u64(j, "high_pct", c->high_pct);
	if (c->present & PC_LOW_PCT)
		json_u64(j, "low_pct", c->low_pct);
	if (c->present & PC_MIN_SAVING_PCT)
		json_u64(j, "min_saving_pct", c->min_saving_pct);
	if (c->present & PC_INTERVAL)
		json_u64(j, "interval", c->interval);
	if (c->present & PC_CPU_PCT)
		json_u64(j, "cpu_pct", c->cpu_pct);
	if (c->present & PC_PERMANENT)
		json_bool(j, "permanent", c->permanent);
	hist_json(j, "map_latency_hist", c->hist, c->nr_hist);
	json_obj_end(j);
}

void pool_managed_json(struct json *j, const struct pool_managed *m)
{
	unsigned int g;

	json_obj_begin(j, "managed");
	if (m->present & PM_PROMOTE_AFTER)
		json_u64(j, "promote_after", m->promote_after);
	if (m->present & PM_YOUNG_INTERVAL)
		json_u64(j, "young_interval", m->young_interval);
	if (m->present & PM_OLD_INTERVAL)
		json_u64(j, "old_interval", m->old_interval);
	if (m->present & PM_OLD_SPARSE_PCT)
		json_u64(j, "old_sparse_pct", m->old_sparse_pct);
	if (m->present & PM_COLLECTOR)
		json_bool(j, "collector", m->collector);
	if (m->present & PM_MAX_SIZE)
		json_u64(j, "max_size", m->max_size);
	if (m->present & PM_MAX_HANDLES)
		json_u64(j, "max_handles", m->max_handles);
	if (m->present & PM_BUDGET)
		json_u64(j, "budget", m->budget);
	if (m->present & PM_HELD_BYTES)
		json_u64(j, "held_bytes", m->held_bytes);
	if (m->present & PM_SEGMENT_SIZE)
		json_u64(j, "segment_size", m->segment_size);
	if (m->present & PM_NODE)
		json_i64(j, "node", m->node);
	if (m->present & PM_STALE_REFUSALS)
		json_u64(j, "stale_refusals", m->stale_refusals);
	if (m->present & PM_BUSY_FREES)
		json_u64(j, "busy_frees", m->busy_frees);
	if (m->present & PM_ALLOC_FAIL)
		json_u64(j, "alloc_fail", m->alloc_fail);
	if (m->present & PM_TABLE_BYTES)
		json_u64(j, "table_bytes", m->table_bytes);
	if (m->present & PM_WARM_BYTES)
		json_u64(j, "warm_bytes", m->warm_bytes);
	json_obj_begin(j, "generations");
	for (g = 0; g < POOL_GENERATIONS; g++)
		if (m->gen[g].present)
			gen_stats_json(j, pool_generation_names[g], &m->gen[g]);
	json_obj_end(j);
	if (m->has_cold)
		pool_cold_json(j, &m->cold);
	json_obj_end(j);
}

void pool_json_begin(struct json *j, const char *key, const struct pool *p)
{
	char buf[24];

	json_obj_begin(j, key);
	json_u64(j, "id", p->id);
	json_str(j, "name", p->name);
	if (p->has_kind)
		json_str(j, "kind", pool_kind_name(p->kind, buf, sizeof(buf)));
	if (p->has_info)
		info_json(j, &p->info);
	if (p->has_stats)
		pool_stats_json(j, p);
	hist_json(j, "lifetime_hist", p->hist, p->nr_hist);
	if (p->has_size_hist)
		hist_json(j, "size_hist", p->size_hist, p->nr_size_hist);
	if (p->has_managed)
		pool_managed_json(j, &p->managed);
}

void class_list_json(struct json *j, const char *key, const struct class_list *c)
{
	unsigned int i;

	json_arr_begin(j, key);
	for (i = 0; i < c->nr; i++) {
		const struct pool *p = &c->cls[i].p;

		json_obj_begin(j, NULL);
		json_u64(j, "size", c->cls[i].size);
		if (p->has_info)
			info_json(j, &p->info);
		if (p->has_stats)
			pool_stats_json(j, p);
		hist_json(j, "size_hist", p->size_hist, p->nr_size_hist);
		json_obj_end(j);
	}
	json_arr_end(j);
}

void node_matrix_json(struct json *j, const char *key, const struct node_matrix *m)
{
	unsigned int i;

	json_arr_begin(j, key);
	for (i = 0; i < m->nr; i++) {
		json_obj_begin(j, NULL);
		json_u64(j, "cpu_node", m->pair[i].cpu_node);
		json_u64(j, "object_node", m->pair[i].object_node);
		json_u64(j, "allocs", m->pair[i].allocs);
		json_u64(j, "frees", m->pair[i].frees);
		json_obj_end(j);
	}
	json_arr_end(j);
}
