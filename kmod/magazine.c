// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU magazines: the fast path of mpool_alloc() and mpool_free().
 *
 * Each CPU has a loaded and a previous magazine (Bonwick). An allocation pops from
 * loaded, a free pushes onto it. When loaded runs dry (or full) and previous can
 * serve, the two swap; only when both are dry (full) does the CPU trade a whole
 * magazine with its node's depot, and only when the depot has nothing does it fill a
 * magazine from the slabs. The common case touches the CPU's own cache lines under a
 * local lock: no atomics, no shared writes; the counters are per-CPU as well.
 *
 * Magazines hold only objects of their CPU's node (mpool_cpu->node). Frees of other
 * nodes' objects are batched per home node (numa.c); allocations that must come from
 * another node bypass the magazines.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/prefetch.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pool.h"

/* Objects move in chunks this big through mpool_free_bulk()'s locked section. */
#define MPOOL_FREE_BULK_CHUNK	16

static void after_get(struct mpool *pool, void *obj, gfp_t gfp, unsigned long caller)
{
	unsigned int flags = READ_ONCE(pool->flags);

	if (unlikely(flags & (MPOOL_IF_POISON_SEEN | MPOOL_F_TRACK))) {
		if (flags & MPOOL_IF_POISON_SEEN)
			mpool_poison_check(pool, obj, flags);
		if (flags & MPOOL_F_TRACK)
			mpool_track_get(pool, obj, caller);
	}
	if (unlikely(gfp & __GFP_ZERO))
		memset(obj, 0, pool->size);
	if (pool->on_get)
		pool->on_get(obj, pool->priv);
}

/* What a free does outside the lock. A free that must not proceed returns false. */
struct free_prep {
	void *obj;
	int nid;	/* object's node when the pool routes frees, else NUMA_NO_NODE */
	int hist;	/* lifetime histogram bucket, or -1 */
};

static bool before_put(struct mpool *pool, unsigned int flags, struct free_prep *fp)
{
	void *obj = fp->obj;

	if (unlikely(flags & MPOOL_F_POISON) && !mpool_poison_free_ok(pool, obj))
		return false;
	if (pool->on_put)
		pool->on_put(obj, pool->priv);
	if (flags & MPOOL_F_ZERO_ON_FREE)
		memzero_explicit(obj, pool->size);
	if (unlikely(flags & MPOOL_F_POISON))
		mpool_poison_object(pool, obj);
	fp->hist = unlikely(flags & MPOOL_F_TRACK) ? mpool_track_put(pool, obj) : -1;
	fp->nid = pool->numa_routing ? mpool_obj_node(obj) : NUMA_NO_NODE;
	return true;
}

/* The next objects a refilled magazine hands out are about to be written. */
static void prefetch_next(struct mpool_magazine *mag)
{
	prefetchw(mag->objs[mag->count - 1]);
	if (mag->count > 1)
		prefetchw(mag->objs[mag->count - 2]);
}

/* loaded is dry: swap, trade with the depot, or fill from the slabs. */
static noinline void *alloc_refill(struct mpool *pool, struct mpool_cpu *pc,
				   enum mpool_cpu_stat *item)
{
	struct mpool_node *n = pool->nodes[pc->node];
	struct mpool_magazine *mag;
	void *obj;

	if (pc->previous && pc->previous->count) {
		swap(pc->loaded, pc->previous);
		*item = MPOOL_STAT_ALLOC_MAGAZINE;
		return pc->loaded->objs[--pc->loaded->count];
	}

	/* Both dry: the depot takes the spare empty magazine and gives a loaded one. */
	mag = mpool_depot_exchange_full(pool, n, pc->previous);
	if (mag) {
		pc->previous = pc->loaded;
		pc->loaded = mag;
		prefetch_next(mag);
		mpool_sample_peak(pool);
		*item = MPOOL_STAT_ALLOC_DEPOT;
		return mag->objs[--mag->count];
	}

	/* The depot is dry too: fill a magazine from the node's slabs. */
	if (!pc->loaded) {
		pc->loaded = pc->previous;
		pc->previous = NULL;
	}
	if (!pc->loaded) {
		pc->loaded = mpool_depot_get_empty(pool, n);
		if (!pc->loaded) {
			/* No magazine to be had: serve this one object directly. */
			if (!mpool_slab_take(pool, n, 1, &obj))
				return NULL;
			*item = MPOOL_STAT_ALLOC_SLAB;
			return obj;
		}
	}
	mag = pc->loaded;
	mag->count = mpool_slab_take(pool, n, mag->capacity, mag->objs);
	if (!mag->count)
		return NULL;
	prefetch_next(mag);
	*item = MPOOL_STAT_ALLOC_SLAB;
	return mag->objs[--mag->count];
}

static __always_inline void *alloc_locked(struct mpool *pool, struct mpool_cpu *pc,
					  enum mpool_cpu_stat *item)
{
	struct mpool_magazine *mag = pc->loaded;

	if (likely(mag && mag->count)) {
		*item = MPOOL_STAT_ALLOC_MAGAZINE;
		return mag->objs[--mag->count];
	}
	return alloc_refill(pool, pc, item);
}

static void *do_alloc(struct mpool *pool, gfp_t gfp, int node, unsigned long caller,
		      size_t req_size)
{
	enum mpool_cpu_stat item;
	unsigned long irqflags;
	struct mpool_cpu *pc;
	void *obj;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	if (pool->home_node != NUMA_NO_NODE)
		node = NUMA_NO_NODE;	/* all of this pool's memory is on its home node */

	pc = mpool_cpu_lock(pool, &irqflags);
	if (likely(node == NUMA_NO_NODE || node == pc->node)) {
		obj = alloc_locked(pool, pc, &item);
		if (likely(obj)) {
			mpool_stat_add(pc, item, 1);
			if (req_size)
				mpool_stat_requested(pc, req_size);
			mpool_cpu_unlock(pool, irqflags);
			goto got;
		}
		node = pc->node;
	}
	mpool_cpu_unlock(pool, irqflags);

	obj = mpool_alloc_slow(pool, node, gfp, req_size);
	if (!obj)
		return NULL;
got:
	after_get(pool, obj, gfp, caller);
	return obj;
}

/**
 * mpool_alloc() - allocate an object from the calling CPU's node
 * @pool: the pool.
 * @gfp: how hard to try for new pages when every cache is empty; __GFP_ZERO zeroes
 *	the object (constructed state included).
 *
 * Context: process or softirq context; hard interrupt context too for
 * %MPOOL_F_IRQSAFE pools. Sleeps only if @gfp allows it and new pages are needed.
 * Return: a pointer to the object, or NULL when the pool is at max_objects or memory
 * (reserve included) ran out.
 */
void *mpool_alloc(struct mpool *pool, gfp_t gfp)
{
	return do_alloc(pool, gfp, NUMA_NO_NODE, _RET_IP_, 0);
}
EXPORT_SYMBOL_GPL(mpool_alloc);

/**
 * mpool_alloc_node() - allocate an object from a given NUMA node
 * @pool: the pool.
 * @gfp: as for mpool_alloc().
 * @node: the node the object should come from, or %NUMA_NO_NODE for the caller's.
 *
 * Objects of another node than the caller's bypass the magazines: each costs a trip
 * to that node's depot or slabs. When @node has no memory left, the nearest node by
 * node_distance() serves. Ignored for pools created with a home node.
 *
 * Context: as mpool_alloc().
 * Return: the object, or NULL as for mpool_alloc() or when @node is not a node with
 * memory.
 */
void *mpool_alloc_node(struct mpool *pool, gfp_t gfp, int node)
{
	if (unlikely(!mpool_alloc_node_valid(pool, node))) {
		mpool_count_event(pool, MPOOL_STAT_ALLOC_FAIL);
		return NULL;
	}
	return mpool_alloc_from(pool, gfp, node, _RET_IP_, 0);
}
EXPORT_SYMBOL_GPL(mpool_alloc_node);

/*
 * mpool_alloc_node() for @caller, counting @req_size bytes asked (buffer classes);
 * @node already checked (mpool_alloc_node_valid()).
 */
void *mpool_alloc_from(struct mpool *pool, gfp_t gfp, int node, unsigned long caller,
		       size_t req_size)
{
	return do_alloc(pool, gfp, node, caller, req_size);
}

/* loaded is full (or missing): swap, trade with the depot, or spill to the slab. */
static noinline enum mpool_cpu_stat free_spill(struct mpool *pool, struct mpool_cpu *pc,
					       void *obj)
{
	struct mpool_node *n = pool->nodes[pc->node];
	struct mpool_magazine *mag;

	if (pc->previous && !pc->previous->count) {
		swap(pc->loaded, pc->previous);
		pc->loaded->objs[pc->loaded->count++] = obj;
		return MPOOL_STAT_FREE_MAGAZINE;
	}
	if (pc->loaded) {
		/* Both full: the depot takes previous and gives an empty magazine. */
		mag = mpool_depot_exchange_empty(pool, n, pc->previous);
		pc->previous = pc->loaded;
		mpool_sample_peak(pool);
	} else {
		mag = mpool_depot_get_empty(pool, n);
	}
	pc->loaded = mag;
	if (!mag) {
		mpool_slab_put(pool, n, 1, &obj);
		return MPOOL_STAT_FREE_SLAB;
	}
	mag->objs[mag->count++] = obj;
	return MPOOL_STAT_FREE_DEPOT;
}

static __always_inline void free_locked(struct mpool *pool, struct mpool_cpu *pc,
					const struct free_prep *fp)
{
	struct mpool_magazine *mag = pc->loaded;
	enum mpool_cpu_stat item = MPOOL_STAT_FREE_MAGAZINE;

	if (unlikely(fp->hist >= 0))
		mpool_stat_lifetime(pc, fp->hist);
	if (unlikely(fp->nid != NUMA_NO_NODE && fp->nid != pc->node))
		item = mpool_free_remote(pool, pc, fp->obj, fp->nid);
	else if (unlikely(READ_ONCE(pool->reserve_count) < READ_ONCE(pool->min_objects)) &&
		 mpool_reserve_refill(pool, fp->obj))
		item = MPOOL_STAT_FREE_RESERVE;
	else if (likely(mag && mag->count < mag->capacity))
		mag->objs[mag->count++] = fp->obj;
	else
		item = free_spill(pool, pc, fp->obj);
	mpool_stat_add(pc, item, 1);
}

/**
 * mpool_free() - give an object back to its pool
 * @pool: the pool it came from.
 * @obj: the object; NULL is ignored.
 *
 * Objects of another node than the freeing CPU's go back to their home node's
 * depot. With %MPOOL_F_POISON, double frees and pointers the pool never handed out
 * are reported, counted and ignored.
 *
 * Context: as mpool_alloc(); never sleeps.
 */
void mpool_free(struct mpool *pool, void *obj)
{
	struct free_prep fp = { .obj = obj };
	unsigned long irqflags;
	struct mpool_cpu *pc;

	if (unlikely(!obj))
		return;
	if (!before_put(pool, READ_ONCE(pool->flags), &fp))
		return;
	pc = mpool_cpu_lock(pool, &irqflags);
	free_locked(pool, pc, &fp);
	mpool_cpu_unlock(pool, irqflags);
}
EXPORT_SYMBOL_GPL(mpool_free);

/**
 * mpool_alloc_bulk() - allocate several objects at once
 * @pool: the pool.
 * @gfp: as for mpool_alloc().
 * @n: how many objects are wanted; 0 is allowed.
 * @objs: array of at least @n pointers that receives them.
 *
 * Takes whole runs from the CPU's magazines and trades whole magazines with the
 * depot under one lock acquisition; only what the caches cannot give goes to the
 * page allocator, object by object.
 *
 * Context: as mpool_alloc().
 * Return: how many objects were stored in @objs[0..ret-1]; fewer than @n only when
 * the pool hit max_objects or memory ran out.
 */
unsigned int mpool_alloc_bulk(struct mpool *pool, gfp_t gfp, unsigned int n, void **objs)
{
	enum mpool_cpu_stat item;
	unsigned int got = 0, i;
	unsigned long irqflags;
	struct mpool_cpu *pc;
	int node;
	void *obj;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	if (!n)
		return 0;

	pc = mpool_cpu_lock(pool, &irqflags);
	while (got < n) {
		struct mpool_magazine *mag = pc->loaded;

		if (mag && mag->count) {
			unsigned int take = min(mag->count, n - got);

			mag->count -= take;
			memcpy(objs + got, mag->objs + mag->count, take * sizeof(void *));
			got += take;
			mpool_stat_add(pc, MPOOL_STAT_ALLOC_MAGAZINE, take);
			continue;
		}
		obj = alloc_refill(pool, pc, &item);
		if (!obj)
			break;
		objs[got++] = obj;
		mpool_stat_add(pc, item, 1);
	}
	node = pc->node;
	mpool_cpu_unlock(pool, irqflags);

	while (got < n && (obj = mpool_alloc_slow(pool, node, gfp, 0)))
		objs[got++] = obj;

	for (i = 0; i < got; i++)
		after_get(pool, objs[i], gfp, _RET_IP_);
	return got;
}
EXPORT_SYMBOL_GPL(mpool_alloc_bulk);

/**
 * mpool_free_bulk() - give several objects back at once
 * @pool: the pool they came from.
 * @n: how many; 0 is allowed.
 * @objs: the objects; NULL entries are ignored. The array is not modified.
 *
 * Context: as mpool_free().
 */
void mpool_free_bulk(struct mpool *pool, unsigned int n, void **objs)
{
	struct free_prep batch[MPOOL_FREE_BULK_CHUNK];
	unsigned int flags = READ_ONCE(pool->flags);
	unsigned int i = 0, nr, k;
	unsigned long irqflags;
	struct mpool_cpu *pc;

	while (i < n) {
		for (nr = 0; i < n && nr < MPOOL_FREE_BULK_CHUNK; i++) {
			batch[nr].obj = objs[i];
			if (batch[nr].obj && before_put(pool, flags, &batch[nr]))
				nr++;
		}
		pc = mpool_cpu_lock(pool, &irqflags);
		for (k = 0; k < nr; k++)
			free_locked(pool, pc, &batch[k]);
		mpool_cpu_unlock(pool, irqflags);
	}
}
EXPORT_SYMBOL_GPL(mpool_free_bulk);

/* Give back everything @pc caches. Caller holds its lock or the pool is quiesced. */
static void drain_cpu(struct mpool *pool, struct mpool_cpu *pc)
{
	struct mpool_node *n = pool->nodes[pc->node];
	struct mpool_magazine *mags[] = { pc->loaded, pc->previous };
	unsigned int i;

	pc->loaded = NULL;
	pc->previous = NULL;
	for (i = 0; i < ARRAY_SIZE(mags); i++) {
		if (!mags[i])
			continue;
		mpool_slab_put(pool, n, mags[i]->count, mags[i]->objs);
		kfree(mags[i]);
	}
	mpool_flush_remote(pool, pc);
}

static void drain_work_fn(struct work_struct *work)
{
	struct mpool_cpu *pc = container_of(work, struct mpool_cpu, drain_work);
	struct mpool *pool = pc->pool;
	unsigned long irqflags;

	/* Bound per-CPU work runs on its CPU: this is pc. */
	WARN_ON_ONCE(mpool_cpu_lock(pool, &irqflags) != pc);
	drain_cpu(pool, pc);
	mpool_cpu_unlock(pool, irqflags);
}

/*
 * Return every object cached in per-CPU magazines to the slabs, while the pool is in
 * use. Each online CPU drains itself from a work item, under its own lock; offline
 * CPUs run nothing, and cpus_read_lock() keeps them offline meanwhile.
 * Context: process context; caller holds pool->config_lock.
 */
void mpool_drain_cpus(struct mpool *pool)
{
	int cpu;

	lockdep_assert_held(&pool->config_lock);
	cpus_read_lock();
	for_each_online_cpu(cpu)
		queue_work_on(cpu, system_highpri_wq, &per_cpu_ptr(pool->cpu, cpu)->drain_work);
	for_each_online_cpu(cpu)
		flush_work(&per_cpu_ptr(pool->cpu, cpu)->drain_work);
	for_each_possible_cpu(cpu) {
		if (!cpu_online(cpu))
			drain_cpu(pool, per_cpu_ptr(pool->cpu, cpu));
	}
	cpus_read_unlock();
}

/* The same when nobody else can touch the pool (mpool_destroy()). */
void mpool_drain_cpus_quiesced(struct mpool *pool)
{
	int cpu;

	for_each_possible_cpu(cpu)
		drain_cpu(pool, per_cpu_ptr(pool->cpu, cpu));
}

int mpool_cpu_init(struct mpool *pool)
{
	int cpu, ret;

	pool->cpu = alloc_percpu(struct mpool_cpu);
	if (!pool->cpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct mpool_cpu *pc = per_cpu_ptr(pool->cpu, cpu);

		/*
		 * Two call sites, two lockdep classes: IRQ-safe pools take their lock in
		 * hard irq, ordinary pools with interrupts on.
		 */
		if (pool->flags & MPOOL_F_IRQSAFE)
			local_lock_init(&pc->lock);
		else
			local_lock_init(&pc->lock);
		u64_stats_init(&pc->syncp);
		pc->pool = pool;
		pc->node = mpool_cpu_home_node(pool, cpu);
		INIT_WORK(&pc->drain_work, drain_work_fn);
		ret = mpool_numa_cpu_init(pool, pc, cpu);
		if (ret)
			return ret;	/* mpool_cpu_exit() undoes the CPUs done so far */
	}
	return 0;
}

void mpool_cpu_exit(struct mpool *pool)
{
	int cpu;

	if (!pool->cpu)
		return;
	for_each_possible_cpu(cpu)
		mpool_numa_cpu_exit(per_cpu_ptr(pool->cpu, cpu));
	free_percpu(pool->cpu);
	pool->cpu = NULL;
}
