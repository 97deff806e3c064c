// SPDX-License-Identifier: GPL-2.0
/*
 * Pool statistics: per-CPU counters bumped without atomics (as SLUB's stat()), in two
 * sets per CPU: the hot one by whoever holds the CPU's magazines (the hit path: plain
 * adds, nothing else), the cold one by every other path with interrupts off (pool.h);
 * node counters kept under the node's slab lock; and one function that folds them
 * all into struct mpool_stats for every reader: debugfs, netlink and KUnit.
 */

#include <linux/ktime.h>
#include <linux/slab.h>
#include <linux/stddef.h>
#include <linux/string.h>

#include "pool.h"

/* Where each per-CPU counter lands in the snapshot. */
static const size_t mpool_cpu_stat_offset[MPOOL_NR_CPU_STATS] = {
	[MPOOL_STAT_ALLOC_MAGAZINE]	= offsetof(struct mpool_stats, alloc_magazine),
	[MPOOL_STAT_ALLOC_DEPOT]	= offsetof(struct mpool_stats, alloc_depot),
	[MPOOL_STAT_ALLOC_SLAB]		= offsetof(struct mpool_stats, alloc_slab),
	[MPOOL_STAT_ALLOC_PAGE]		= offsetof(struct mpool_stats, alloc_page),
	[MPOOL_STAT_ALLOC_RESERVE]	= offsetof(struct mpool_stats, alloc_reserve),
	[MPOOL_STAT_ALLOC_REMOTE]	= offsetof(struct mpool_stats, alloc_remote),
	[MPOOL_STAT_ALLOC_FAIL]		= offsetof(struct mpool_stats, alloc_fail),
	[MPOOL_STAT_ALLOC_CAPPED]	= offsetof(struct mpool_stats, alloc_capped),
	[MPOOL_STAT_FREE_MAGAZINE]	= offsetof(struct mpool_stats, free_magazine),
	[MPOOL_STAT_FREE_DEPOT]		= offsetof(struct mpool_stats, free_depot),
	[MPOOL_STAT_FREE_SLAB]		= offsetof(struct mpool_stats, free_slab),
	[MPOOL_STAT_FREE_RESERVE]	= offsetof(struct mpool_stats, free_reserve),
	[MPOOL_STAT_FREE_REMOTE]	= offsetof(struct mpool_stats, free_remote),
	[MPOOL_STAT_REQUESTED_BYTES]	= offsetof(struct mpool_stats, requested_bytes),
};

static bool stat_is_alloc(enum mpool_cpu_stat i)
{
	return i <= MPOOL_STAT_ALLOC_REMOTE;
}

static bool stat_is_free(enum mpool_cpu_stat i)
{
	return i >= MPOOL_STAT_FREE_MAGAZINE && i <= MPOOL_STAT_FREE_REMOTE;
}

/* One event on a path that does not hold the CPU's magazines. */
void mpool_count_event(struct mpool *pool, enum mpool_cpu_stat item)
{
	unsigned long irqflags;

	mpool_stat_add(mpool_count_begin(pool, &irqflags), item, 1);
	mpool_count_end(irqflags);
}

/* Add one counter set to @vals and the histograms of @stats. */
static void fold_counters(const struct mpool_counters *c, u64 *vals, struct mpool_stats *stats)
{
	unsigned int i;

	for (i = 0; i < MPOOL_NR_CPU_STATS; i++)
		vals[i] += READ_ONCE(c->stat[i]);
	if (!stats)
		return;
	for (i = 0; i < MPOOL_HIST_BUCKETS; i++) {
		stats->lifetime_hist[i] += READ_ONCE(c->lifetime_hist[i]);
		stats->size_hist[i] += READ_ONCE(c->size_hist[i]);
	}
}

/* Successful allocations minus frees in @vals. */
static s64 live_of(const u64 *vals)
{
	enum mpool_cpu_stat i;
	s64 live = 0;

	for (i = 0; i < MPOOL_NR_CPU_STATS; i++) {
		if (stat_is_alloc(i))
			live += vals[i];
		else if (stat_is_free(i))
			live -= vals[i];
	}
	return live;
}

/*
 * Every CPU's counters (both sets) summed into @vals, the histograms into @stats if
 * given. Read without the CPUs' locks: exact only when the pool is quiet.
 */
static void fold_cpus(struct mpool *pool, u64 *vals, struct mpool_stats *stats)
{
	int cpu;

	for_each_possible_cpu(cpu) {
		struct mpool_cpu *pc = per_cpu_ptr(pool->cpu, cpu);

		fold_counters(&pc->hot, vals, stats);
		fold_counters(&pc->cold, vals, stats);
	}
}

/* Objects in use now: successful allocations minus frees over all CPUs. */
static s64 live_objects(struct mpool *pool)
{
	u64 vals[MPOOL_NR_CPU_STATS] = { };

	fold_cpus(pool, vals, NULL);
	return live_of(vals);
}

static void update_peak(struct mpool *pool, s64 live)
{
	s64 peak = atomic64_read(&pool->peak_live);

	while (live > peak) {
		if (atomic64_try_cmpxchg(&pool->peak_live, &peak, live)) {
			WRITE_ONCE(pool->peak_live_ns, ktime_get_real_ns());
			break;
		}
	}
}

/*
 * Called at every depot exchange: a CPU exchanges at most once per magazine of
 * allocations, so between two samples the count of objects in use can rise by at
 * most two magazines per CPU. That is the documented bound of peak_live.
 */
void mpool_sample_peak(struct mpool *pool)
{
	update_peak(pool, live_objects(pool));
}

/* Everything as the counters stand, before subtracting the last reset's base. */
static s64 fold_raw(struct mpool *pool, struct mpool_stats *stats)
{
	u64 vals[MPOOL_NR_CPU_STATS] = { };
	unsigned int i;
	s64 live;
	int nid;

	memset(stats, 0, sizeof(*stats));
	fold_cpus(pool, vals, stats);
	for (i = 0; i < MPOOL_NR_CPU_STATS; i++)
		*(u64 *)((char *)stats + mpool_cpu_stat_offset[i]) = vals[i];
	live = live_of(vals);

	for_each_node(nid) {
		struct mpool_node *n = pool->nodes[nid];
		unsigned long flags;

		spin_lock_irqsave(&n->slab_lock, flags);
		stats->slabs += n->nr_slabs;
		stats->pages += n->nr_pages;
		stats->objects += n->nr_objects;
		stats->slabs_grown += n->slabs_grown;
		stats->slabs_released += n->slabs_released;
		stats->shrinker_scans += n->shrinker_scans;
		stats->shrinker_freed += n->shrinker_freed;
		spin_unlock_irqrestore(&n->slab_lock, flags);
	}
	stats->poison_errors = atomic64_read(&pool->poison_errors);
	stats->double_frees = atomic64_read(&pool->double_frees);
	stats->invalid_frees = atomic64_read(&pool->invalid_frees);
	mpool_adapt_read(pool, stats);

	live = max_t(s64, live, 0);
	stats->live = live;
	stats->cached = stats->objects > stats->live ? stats->objects - stats->live : 0;
	stats->reserve = READ_ONCE(pool->reserve_count);
	stats->live_bytes = (u64)live * pool->size;
	stats->object_size = pool->size;
	stats->object_stride = pool->stride;
	stats->magazine_size = READ_ONCE(pool->magazine_size);
	stats->min_objects = READ_ONCE(pool->min_objects);
	stats->max_objects = READ_ONCE(pool->max_objects);
	stats->flags = READ_ONCE(pool->flags) & MPOOL_F_ALL;
	return live;
}

/* The counters a reset zeroes: alloc_magazine up to adapt_rebalances, and histograms. */
static void apply_to_counters(struct mpool_stats *to, const struct mpool_stats *from,
			      void (*fn)(u64 *to, u64 from))
{
	const u64 *f = &from->alloc_magazine;
	u64 *t = &to->alloc_magazine;
	unsigned int i;

	for (; t <= &to->adapt_rebalances; t++, f++)
		fn(t, *f);
	for (i = 0; i < MPOOL_HIST_BUCKETS; i++) {
		fn(&to->lifetime_hist[i], from->lifetime_hist[i]);
		fn(&to->size_hist[i], from->size_hist[i]);
	}
}

static void counter_sub(u64 *to, u64 base)
{
	*to -= base;
}

static void counter_copy(u64 *to, u64 from)
{
	*to = from;
}

static void counter_add(u64 *to, u64 from)
{
	*to += from;
}

/* A buffer pool: the sum of its classes, plus its oversize buffers. */
static void get_buf_stats(struct mpool *head, struct mpool_stats *stats)
{
	struct mpool_buf_pool *bp = head->buf;
	struct mpool_stats *class = &head->scratch;
	struct mpool_buf_cpu over;
	unsigned long flags;
	unsigned int i;

	memset(stats, 0, sizeof(*stats));
	spin_lock_irqsave(&head->scratch_lock, flags);
	for (i = 0; i < bp->nr_classes; i++) {
		mpool_get_stats(bp->classes[i].pool, class);
		apply_to_counters(stats, class, counter_add);
		stats->live += class->live;
		stats->cached += class->cached;
		stats->objects += class->objects;
		stats->reserve += class->reserve;
		stats->slabs += class->slabs;
		stats->pages += class->pages;
		stats->live_bytes += class->live_bytes;
		stats->granted_bytes += class->granted_bytes;
		stats->min_objects += class->min_objects;
		stats->max_objects += class->max_objects;
		stats->magazine_size = class->magazine_size;
	}
	spin_unlock_irqrestore(&head->scratch_lock, flags);
	mpool_buf_oversize(bp, &over);
	spin_lock_irqsave(&head->stats_lock, flags);
	stats->oversize_allocs = over.oversize_allocs - bp->oversize_base.oversize_allocs;
	stats->oversize_frees = over.oversize_frees - bp->oversize_base.oversize_frees;
	stats->alloc_fail += over.oversize_fail - bp->oversize_base.oversize_fail;
	spin_unlock_irqrestore(&head->stats_lock, flags);
	stats->oversize_live = atomic_long_read(&bp->oversize_live);
	/* Pointers no class owns are the buffer pool's own finding (bufpool.c). */
	stats->invalid_frees += atomic64_read(&head->invalid_frees);
	stats->object_size = bp->classes[bp->nr_classes - 1].size;
	stats->flags = READ_ONCE(head->flags) & MPOOL_F_ALL;
	update_peak(head, stats->live);
	stats->peak_live = atomic64_read(&head->peak_live);
	stats->peak_live_ns = READ_ONCE(head->peak_live_ns);
}

/**
 * mpool_get_stats() - snapshot of a pool's counters and gauges
 * @pool: the pool.
 * @stats: filled in; see struct mpool_stats for what each number means.
 *
 * Folds the per-CPU and per-node counters. Exact when the pool is quiet; under
 * concurrent use each counter is a recent value, and the derived gauges (live,
 * cached) are consistent to within the operations in flight. Counters count from
 * the last mpool_reset_stats(); gauges are never reset.
 *
 * Context: any context that may take spinlocks; does not sleep.
 */
void mpool_get_stats(struct mpool *pool, struct mpool_stats *stats)
{
	unsigned long flags;
	s64 live;

	if (pool->buf) {
		get_buf_stats(pool, stats);
		return;
	}
	live = fold_raw(pool, stats);
	update_peak(pool, live);
	spin_lock_irqsave(&pool->stats_lock, flags);
	apply_to_counters(stats, &pool->stats_base, counter_sub);
	spin_unlock_irqrestore(&pool->stats_lock, flags);
	stats->peak_live = atomic64_read(&pool->peak_live);
	stats->peak_live_ns = READ_ONCE(pool->peak_live_ns);
	/* A buffer class: what its allocations were granted, to weigh what they asked. */
	if (pool->owner)
		stats->granted_bytes = mpool_stats_allocs(stats) * pool->size;
}
EXPORT_SYMBOL_GPL(mpool_get_stats);

static void reset_peak(struct mpool *pool, s64 live)
{
	atomic64_set(&pool->peak_live, live);
	WRITE_ONCE(pool->peak_live_ns, ktime_get_real_ns());
}

/**
 * mpool_reset_stats() - start a pool's counters and peak again from zero
 * @pool: the pool.
 *
 * Counters (allocations, frees, errors, slab, shrinker and controller events,
 * histograms) and the peak restart; gauges (objects in use, cached, pages) and the
 * node matrix of mpool_get_node_matrix() do not. On a buffer pool, every class too.
 *
 * Context: any context that may take spinlocks; does not sleep.
 */
void mpool_reset_stats(struct mpool *pool)
{
	unsigned long flags, scratch_flags;
	unsigned int i;
	s64 live = 0;

	if (pool->buf) {
		struct mpool_buf_cpu over;

		for (i = 0; i < pool->buf->nr_classes; i++) {
			mpool_reset_stats(pool->buf->classes[i].pool);
			live += max_t(s64, live_objects(pool->buf->classes[i].pool), 0);
		}
		mpool_buf_oversize(pool->buf, &over);
		spin_lock_irqsave(&pool->stats_lock, flags);
		pool->buf->oversize_base = over;
		reset_peak(pool, live);
		spin_unlock_irqrestore(&pool->stats_lock, flags);
		return;
	}
	spin_lock_irqsave(&pool->scratch_lock, scratch_flags);
	live = fold_raw(pool, &pool->scratch);
	spin_lock_irqsave(&pool->stats_lock, flags);
	apply_to_counters(&pool->stats_base, &pool->scratch, counter_copy);
	reset_peak(pool, live);
	spin_unlock_irqrestore(&pool->stats_lock, flags);
	spin_unlock_irqrestore(&pool->scratch_lock, scratch_flags);
}
EXPORT_SYMBOL_GPL(mpool_reset_stats);
