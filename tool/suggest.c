// SPDX-License-Identifier: GPL-2.0
/* Tuning advice from a pool's counters; the rules are documented in mempoolctl.8. */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>

#include "format.h"
#include "parse.h"
#include "suggest.h"

struct out {
	struct suggestion *s;
	int n, max;
};

__attribute__((format(printf, 3, 4)))
static void add(struct out *o, const char *id, const char *fmt, ...)
{
	va_list ap;

	if (o->n >= o->max)
		return;
	o->s[o->n].id = id;
	va_start(ap, fmt);
	vsnprintf(o->s[o->n].text, sizeof(o->s[o->n].text), fmt, ap);
	va_end(ap);
	o->n++;
}

static unsigned int pct(uint64_t a, uint64_t b)
{
	return b ? (unsigned int)((double)a * 100.0 / (double)b + 0.5) : 0;
}

/* Limits of a buffer pool are per class: one piece of advice per class that needs it. */
static void class_caps(struct out *o, const struct pool *p, const struct class_list *c)
{
	unsigned int i;

	for (i = 0; i < c->nr; i++) {
		const struct pool *k = &c->cls[i].p;
		uint32_t size = c->cls[i].size;

		if (k->stat[ST_ALLOC_CAPPED]) {
			if (k->info.max_objects)
				add(o, "cap-hit",
				    "class %u hit its cap %" PRIu64 " times: raise it (now %u): mempoolctl resize %s --class %u --max %" PRIu64,
				    size, k->stat[ST_ALLOC_CAPPED], k->info.max_objects, p->name,
				    size, (uint64_t)k->info.max_objects * 2);
			else
				add(o, "cap-hit", "class %u hit its cap %" PRIu64 " times: raise it",
				    size, k->stat[ST_ALLOC_CAPPED]);
		}
	}
}

static void class_reserves(struct out *o, const struct pool *p, const struct class_list *c)
{
	unsigned int i;

	for (i = 0; i < c->nr; i++) {
		const struct pool *k = &c->cls[i].p;
		uint32_t size = c->cls[i].size;
		uint64_t next = (uint64_t)k->info.min_objects * 2;

		if (!k->stat[ST_ALLOC_RESERVE])
			continue;
		if (next < 16)
			next = 16;
		add(o, "reserve-dipped",
		    "class %u: reserve dipped %" PRIu64 " times: raise it (now %u): mempoolctl resize %s --class %u --min %" PRIu64,
		    size, k->stat[ST_ALLOC_RESERVE], k->info.min_objects, p->name, size, next);
	}
}

/*
 * Internal fragmentation of a buffer pool: the class that wastes the most bytes, and
 * the sizes most asked of it.
 */
static void fragmentation(struct out *o, const struct pool *p, const struct class_list *c)
{
	uint64_t worst_waste = 0, top = 0;
	const struct pool_class *worst = NULL;
	char lo[FMT_LEN], hi[FMT_LEN];
	unsigned int i, b = 0;

	for (i = 0; c && i < c->nr; i++) {
		const struct pool *k = &c->cls[i].p;
		uint64_t waste = k->stat[ST_GRANTED_BYTES] > k->stat[ST_REQUESTED_BYTES] ?
				 k->stat[ST_GRANTED_BYTES] - k->stat[ST_REQUESTED_BYTES] : 0;

		if (waste > worst_waste) {
			worst_waste = waste;
			worst = &c->cls[i];
		}
	}
	if (!worst) {
		add(o, "fragmentation-high",
		    "internal fragmentation %u%%: the classes are too coarse for the sizes asked",
		    (p->fragmentation + 5000) / 10000);
		return;
	}
	for (i = 0; i < worst->p.nr_size_hist; i++) {
		if (worst->p.size_hist[i].count > top) {
			top = worst->p.size_hist[i].count;
			b = i;
		}
	}
	if (!top) {
		add(o, "fragmentation-high",
		    "internal fragmentation %u%%: the classes are too coarse for the sizes asked (class %u wastes %u%%)",
		    (p->fragmentation + 5000) / 10000, worst->size,
		    (worst->p.fragmentation + 5000) / 10000);
		return;
	}
	fmt_size(lo, sizeof(lo), worst->p.size_hist[b].low, false);
	if (b + 1 < worst->p.nr_size_hist)
		fmt_size(hi, sizeof(hi), worst->p.size_hist[b + 1].low, false);
	else
		snprintf(hi, sizeof(hi), "more");
	add(o, "fragmentation-high",
	    "internal fragmentation %u%%: the classes are too coarse for the sizes asked (class %u wastes %u%%, mostly asked %s to %s bytes): a class between would fit them",
	    (p->fragmentation + 5000) / 10000, worst->size, (worst->p.fragmentation + 5000) / 10000,
	    lo, hi);
}

/*
 * Objects freed before they could have been promoted: the lifetime buckets that end
 * below promote-after young intervals. (Young objects leave by free or promotion.)
 */
static uint64_t died_young(const struct pool *p)
{
	const struct pool_managed *m = &p->managed;
	uint64_t age_us = (uint64_t)m->promote_after * m->young_interval * 1000;
	uint64_t n = 0;
	unsigned int i;

	for (i = 0; i + 1 < p->nr_hist; i++)
		if (p->hist[i + 1].low <= age_us)
			n += p->hist[i].count;
	return n;
}

static void managed_survival(struct out *o, const struct pool *p)
{
	const struct pool_managed *m = &p->managed;
	uint64_t promoted = m->gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT];
	unsigned int share = pct(promoted, promoted + died_young(p));
	uint32_t next = m->promote_after * 2;

	if (promoted < SUGGEST_MANAGED_MIN_OBJECTS || share < SUGGEST_SURVIVAL_PCT ||
	    !(m->present & PM_PROMOTE_AFTER) || !(m->present & PM_YOUNG_INTERVAL))
		return;
	if (next > PROMOTE_AFTER_MAX)
		next = PROMOTE_AFTER_MAX;
	add(o, "young-survive",
	    "most young objects survive: %u%% of those leaving young were promoted (%" PRIu64 "): allocate long-lived ones permanent or raise promote-after (now %u): mempoolctl set %s promote-after=%u",
	    share, promoted, m->promote_after, p->name, next);
}

static void managed_pins(struct out *o, const struct pool_managed *m)
{
	uint64_t pinned = m->gen[MPOOL_GENERATION_YOUNG].stat[GS_PINNED_SKIPS] +
			  m->gen[MPOOL_GENERATION_OLD].stat[GS_PINNED_SKIPS];
	uint64_t moved = m->gen[MPOOL_GENERATION_YOUNG].stat[GS_MOVED_OBJECTS] +
			 m->gen[MPOOL_GENERATION_OLD].stat[GS_MOVED_OBJECTS];
	unsigned int share = pct(pinned, pinned + moved);

	if (pinned >= SUGGEST_PINNED_MIN && share >= SUGGEST_PINNED_PCT)
		add(o, "pinned-skips",
		    "objects stay mapped across collections: %" PRIu64 " moves skipped for a map (%u%% of the moves tried): unmap sooner",
		    pinned, share);
}

static void managed_old_sparse(struct out *o, const struct pool *p)
{
	const struct pool_managed *m = &p->managed;
	const struct gen_stats *old = &m->gen[MPOOL_GENERATION_OLD];
	uint64_t held = old->stat[GS_HELD_BYTES], live = old->stat[GS_LIVE_BYTES];
	char a[FMT_LEN], b[FMT_LEN];
	uint32_t next = m->old_interval / 2 ? m->old_interval / 2 : 1;

	if (!(m->present & PM_SEGMENT_SIZE) || !(m->present & PM_OLD_SPARSE_PCT) ||
	    !(m->present & PM_OLD_INTERVAL) || !m->segment_size ||
	    held < (uint64_t)SUGGEST_OLD_MIN_SEGMENTS * m->segment_size ||
	    live * 100 >= held * m->old_sparse_pct)
		return;
	add(o, "old-sparse",
	    "old generation sparse: %s live in %s held (%u%%, below old-sparse-pct %u%%): lower old-interval (now %u ms) or raise old-sparse-pct: mempoolctl set %s old-interval=%u",
	    fmt_size(a, sizeof(a), live, false), fmt_size(b, sizeof(b), held, false),
	    pct(live, held), m->old_sparse_pct, m->old_interval, p->name, next);
}

/* Compressed too soon: maps undo the compressions within a cold age. Twice as long. */
static void cold_refaults(struct out *o, const struct pool *p, const struct pool_cold *c)
{
	const uint64_t *v = c->stat;
	unsigned int share = pct(v[CS_REFAULTS], v[CS_DECOMPRESSIONS]);
	uint64_t next = (uint64_t)c->cold_age * 2;

	if (v[CS_DECOMPRESSIONS] < SUGGEST_COLD_MIN_DECOMPRESSIONS ||
	    share < SUGGEST_COLD_REFAULT_PCT || !(c->present & PC_COLD_AGE))
		return;
	add(o, "cold-refaults",
	    "cold age too short: %u%% refaults (%" PRIu64 " of %" PRIu64 " decompressions came within cold-age %u ms of the compression): mempoolctl set %s cold-age=%" PRIu64,
	    share, v[CS_REFAULTS], v[CS_DECOMPRESSIONS], c->cold_age, p->name,
	    next < COLD_AGE_MAX ? next : COLD_AGE_MAX);
}

/* Blocks that save too little: no cold tier, or a least saving half as large. */
static void cold_incompressible(struct out *o, const struct pool *p, const struct pool_cold *c)
{
	uint64_t rejected = c->stat[CS_REJECTS_INCOMPRESSIBLE];
	unsigned int share = pct(rejected, rejected + c->stat[CS_COMPRESSED_OBJECTS]);

	if (rejected < SUGGEST_COLD_MIN_REJECTS || share < SUGGEST_COLD_INCOMPRESSIBLE_PCT ||
	    !(c->present & PC_MIN_SAVING_PCT))
		return;
	add(o, "cold-incompressible",
	    "data does not compress: %" PRIu64 " objects rejected as incompressible (%u%% of those tried, cold-min-saving-pct %u%%): create the pool without a cold tier or accept less: mempoolctl set %s cold-min-saving-pct=%u",
	    rejected, share, c->min_saving_pct, p->name,
	    c->min_saving_pct / 2 ? c->min_saving_pct / 2 : 1);
}

/*
 * The background worker: starved of CPU (twice the share), or held on by a budget
 * too small (or a high watermark too low: halfway to 100%).
 */
static void cold_worker(struct out *o, const struct pool *p, const struct pool_cold *c)
{
	const uint64_t *v = c->stat;
	unsigned int share = pct(v[CS_CPU_BUDGET_HITS], v[CS_WORKER_RUNS]);
	uint32_t cpu = c->cpu_pct < 50 ? c->cpu_pct * 2 : 100;
	uint32_t high = c->high_pct < 100 ? c->high_pct + (101 - c->high_pct) / 2 : 100;
	char a[FMT_LEN];

	if (v[CS_WORKER_RUNS] >= SUGGEST_COLD_MIN_RUNS && share >= SUGGEST_COLD_BUDGET_PCT &&
	    (c->present & PC_CPU_PCT))
		add(o, "cold-cpu-budget",
		    "compressor hits its CPU budget in %u%% of runs (%" PRIu64 " of %" PRIu64 "): raise cold-cpu-pct (now %u%%): mempoolctl set %s cold-cpu-pct=%u",
		    share, v[CS_CPU_BUDGET_HITS], v[CS_WORKER_RUNS], c->cpu_pct, p->name, cpu);
	if (v[CS_WORKER_ON] && v[CS_WORKER_STARTS] &&
	    v[CS_WORKER_RUNS] >= SUGGEST_COLD_RUNS_PER_START * v[CS_WORKER_STARTS] &&
	    (c->present & PC_HIGH_PCT))
		add(o, "cold-worker-held",
		    "compressor held on: %" PRIu64 " runs per start, the pool still above cold-high-pct %u%% of its budget %s: raise the budget or cold-high-pct: mempoolctl set %s cold-high-pct=%u",
		    v[CS_WORKER_RUNS] / v[CS_WORKER_STARTS], c->high_pct,
		    fmt_size(a, sizeof(a), p->managed.budget, false), p->name, high);
}

/* The cold tier: lost data first, then policy that does not fit, then information. */
static void suggest_cold(struct out *o, const struct pool *p)
{
	const struct pool_cold *c = &p->managed.cold;

	if (c->stat[CS_CORRUPT_BLOCKS])
		add(o, "cold-corrupt",
		    "cold tier corrupt blocks: %" PRIu64 " (%" PRIu64 " maps failed with EIO): memory corruption, the objects in them are lost",
		    c->stat[CS_CORRUPT_BLOCKS], c->stat[CS_IO_ERRORS]);
	cold_refaults(o, p, c);
	cold_incompressible(o, p, c);
	cold_worker(o, p, c);
	if (c->stat[CS_SHRINKER_SCANS])
		add(o, "cold-pressure",
		    "memory pressure compressed cold objects (shrinker scans that did: %" PRIu64 ")",
		    c->stat[CS_SHRINKER_SCANS]);
}

/* A managed pool: misuse of handles first, then failures, then the collector's work. */
static int suggest_managed(const struct pool *p, struct out *o)
{
	const struct pool_managed *m = &p->managed;
	char a[FMT_LEN], b[FMT_LEN];

	if (m->stale_refusals)
		add(o, "stale-handles",
		    "%" PRIu64 " maps or frees of freed or never issued handles: a use after free in the pool's user",
		    m->stale_refusals);
	if (m->busy_frees)
		add(o, "busy-frees",
		    "%" PRIu64 " frees of mapped objects refused (the objects stay allocated): unmap before freeing",
		    m->busy_frees);
	if (m->alloc_fail && m->budget && m->held_bytes + m->segment_size > m->budget)
		add(o, "budget-reached",
		    "budget reached: %" PRIu64 " allocations failed with %s of the budget %s held: raise the budget or free sooner",
		    m->alloc_fail, fmt_size(a, sizeof(a), m->held_bytes, false),
		    fmt_size(b, sizeof(b), m->budget, false));
	else if (m->alloc_fail)
		add(o, "alloc-failed",
		    "%" PRIu64 " allocations failed for lack of handles (%" PRIu64 " of max-handles %u live) or of memory",
		    m->alloc_fail, managed_sum(m, GS_LIVE_OBJECTS), m->max_handles);
	managed_survival(o, p);
	managed_pins(o, m);
	managed_old_sparse(o, p);
	if (m->has_cold)
		suggest_cold(o, p);
	return o->n;
}

int suggest(const struct pool *p, const struct class_list *c, struct suggestion *out, int max)
{
	struct out o = { out, 0, max };
	uint64_t allocs = pool_allocs(p);
	uint64_t corrupt;
	const char *n = p->name;
	bool buffer = pool_is_buffer(p);

	if (p->has_managed)
		return suggest_managed(p, &o);
	if (!p->has_stats)
		return 0;

	corrupt = p->stat[ST_POISON_ERRORS] + p->stat[ST_DOUBLE_FREES] + p->stat[ST_INVALID_FREES];
	if (corrupt)
		add(&o, "memory-errors",
		    "memory errors caught: %" PRIu64 " poison errors, %" PRIu64
		    " double frees, %" PRIu64 " invalid frees: a bug in the pool's user",
		    p->stat[ST_POISON_ERRORS], p->stat[ST_DOUBLE_FREES],
		    p->stat[ST_INVALID_FREES]);

	if (buffer && c)
		class_caps(&o, p, c);
	if (buffer && p->stat[ST_ALLOC_CAPPED] && !c)
		add(&o, "cap-hit", "cap hit %" PRIu64 " times: raise the classes' max-objects (mempoolctl resize)",
		    p->stat[ST_ALLOC_CAPPED]);
	else if (!buffer && p->stat[ST_ALLOC_CAPPED]) {
		if (p->has_info && p->info.max_objects)
			add(&o, "cap-hit",
			    "cap hit %" PRIu64 " times: raise max-objects (now %u): mempoolctl set %s max-objects=%" PRIu64,
			    p->stat[ST_ALLOC_CAPPED], p->info.max_objects, n,
			    (uint64_t)p->info.max_objects * 2);
		else
			add(&o, "cap-hit", "cap hit %" PRIu64 " times: raise max-objects",
			    p->stat[ST_ALLOC_CAPPED]);
	}

	if (p->stat[ST_ALLOC_FAIL])
		add(&o, "alloc-failed",
		    "%" PRIu64 " allocations failed for lack of memory with the reserve empty: raise min-objects%s",
		    p->stat[ST_ALLOC_FAIL], buffer ? " of the classes (mempoolctl resize)" : "");

	if (buffer && c)
		class_reserves(&o, p, c);
	if (buffer && p->stat[ST_ALLOC_RESERVE] && !c) {
		add(&o, "reserve-dipped",
		    "reserve dipped %" PRIu64 " times: raise the classes' min-objects (mempoolctl resize)",
		    p->stat[ST_ALLOC_RESERVE]);
	} else if (!buffer && p->stat[ST_ALLOC_RESERVE]) {
		if (p->has_info)
			add(&o, "reserve-dipped",
			    "reserve dipped %" PRIu64 " times: raise min-objects (now %u)",
			    p->stat[ST_ALLOC_RESERVE], p->info.min_objects);
		else
			add(&o, "reserve-dipped", "reserve dipped %" PRIu64 " times: raise min-objects",
			    p->stat[ST_ALLOC_RESERVE]);
	}

	/* Beyond the magazine: depot exchanges and deeper, in percent of allocations. */
	if (allocs >= SUGGEST_MIN_ALLOCS) {
		uint64_t deeper = allocs - p->stat[ST_ALLOC_MAGAZINE];
		unsigned int share = pct(deeper, allocs);

		if (share >= 10 && p->has_info && p->info.magazine_size &&
		    p->info.magazine_size < MPOOL_MAGAZINE_MAX) {
			uint64_t next = (uint64_t)p->info.magazine_size * 2;

			if (next > MPOOL_MAGAZINE_MAX)
				next = MPOOL_MAGAZINE_MAX;
			add(&o, "magazine-too-small",
			    "magazine too small: %u%% of allocations needed the depot: mempoolctl set %s magazine-size=%" PRIu64 " (now %u)",
			    share, n, next, p->info.magazine_size);
		} else if (share >= 10 && !p->has_info) {
			add(&o, "magazine-too-small",
			    "magazine too small: %u%% of allocations needed the depot: raise magazine-size",
			    share);
		}

		share = pct(p->stat[ST_ALLOC_REMOTE], allocs);
		if (share >= 20)
			add(&o, "remote-allocs",
			    "%u%% of allocations came from another node: check where the pool's users run (show's node matrix)",
			    share);
	}

	/* Buffers: sizes the classes fit badly, and sizes above every class. */
	if (buffer && allocs >= SUGGEST_MIN_ALLOCS && p->has_fragmentation &&
	    p->fragmentation >= SUGGEST_FRAGMENTATION_PPM)
		fragmentation(&o, p, c);
	if (buffer && p->stat[ST_OVERSIZE_ALLOCS] >= 10 &&
	    pct(p->stat[ST_OVERSIZE_ALLOCS], allocs + p->stat[ST_OVERSIZE_ALLOCS]) >= 10) {
		char big[FMT_LEN];

		add(&o, "oversize",
		    "%u%% of the buffers asked (%" PRIu64 ") were above the largest class (%s) and came from kvmalloc: a larger class would pool them",
		    pct(p->stat[ST_OVERSIZE_ALLOCS], allocs + p->stat[ST_OVERSIZE_ALLOCS]),
		    p->stat[ST_OVERSIZE_ALLOCS],
		    fmt_size(big, sizeof(big), p->info.object_size, false));
	}

	/* Slab churn: pages given back and taken again. */
	if (p->stat[ST_SLABS_RELEASED] >= 16 &&
	    p->stat[ST_SLABS_GROWN] >= 2 * p->stat[ST_SLABS] + 16 &&
	    p->stat[ST_SLABS_RELEASED] * 2 >= p->stat[ST_SLABS_GROWN])
		add(&o, "slab-churn",
		    "slab churn: %" PRIu64 " slabs grown and %" PRIu64
		    " released: raise min-objects or warm the pool (mempoolctl warm %s N%s)",
		    p->stat[ST_SLABS_GROWN], p->stat[ST_SLABS_RELEASED], n,
		    buffer ? " --class SIZE" : "");

	/* Much idle memory: more than half the pages hold no live object. */
	if (p->has_efficiency && p->efficiency < 500000 && p->stat[ST_PAGES] >= 4 &&
	    p->stat[ST_CACHED] > p->stat[ST_RESERVE] &&
	    p->stat[ST_CACHED] - p->stat[ST_RESERVE] > p->stat[ST_LIVE])
		add(&o, "efficiency-low",
		    "efficiency low: %u%% of the pages hold live objects: try mempoolctl shrink %s",
		    (p->efficiency + 5000) / 10000, n);
	return o.n;
}
