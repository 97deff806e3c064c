// SPDX-License-Identifier: GPL-2.0
/*
 * Per-CPU magazines: the fast path of mpool_alloc() and mpool_free().
 *
 * Each CPU has a loaded and a previous magazine (Bonwick). An allocation pops from
 * loaded, a free pushes onto it. When loaded runs dry (or full) and previous can
 * serve, the two swap; only when both are dry (full) does the CPU trade a whole
 * magazine with its node's depot, and only when the depot has nothing does it fill a
 * magazine from the slabs.
 *
 * Protection: preemption off and a per-CPU "held" byte, only ever tried (compat.h,
 * the pattern of SLUB's per-CPU sheaves and local_trylock_t). The hit path is a
 * preempt_count increment, a test and two stores of the byte, the pop or push, a plain
 * add to the CPU's hot counters and the decrement: no atomic instruction, no
 * interrupt or bottom-half masking, for ordinary and MPOOL_F_IRQSAFE pools alike. A
 * softirq or hard interrupt that arrives while its CPU holds the byte does not wait
 * and does not touch the magazines: it takes (or gives back) one object at the node's
 * depot and slabs, under their locks, which mask interrupts (the nested paths below),
 * and counts in the CPU's cold counters with interrupts off. Nothing is lost and
 * nothing spins.
 *
 * Why this and not magazines per context level (block/bio.c's per-CPU cache, perf's
 * recursion slots): both need preemption off; the marker adds a byte test and two
 * byte stores, the other a read of the preempt count and an index. `make bench`
 * measures the difference (the "floor" rows in README.md): 1.7 against 1.4 ns per
 * alloc+free pair in UML, 0.3 ns of a 5.3 ns pair. For that, per-context magazines
 * would triple what a pool caches per CPU and split one CPU's objects three ways,
 * while the marker's fallback is rare: an interrupt must land inside a window of a
 * few instructions. So one set of magazines per CPU, as before.
 *
 * PREEMPT_RT: the byte becomes a per-CPU spinlock_t (sleeping) and preemption-off
 * becomes migrate_disable(); a task that preempts the holder fails its trylock and
 * takes the depot path the same way. Hard interrupts cannot take sleeping locks, so
 * MPOOL_F_IRQSAFE pools are refused there (pool.c).
 *
 * CPU hotplug: when a CPU is dead, its magazines and remote batches go back to the
 * slabs of their nodes (mpool_cpu_dead(), a multi-instance cpuhp state, one instance
 * per pool), so nothing stays stranded on a CPU that may never come back.
 *
 * Magazines hold only objects of their CPU's node (mpool_cpu->node). Frees of other
 * nodes' objects are batched per home node (numa.c); allocations that must come from
 * another node bypass the magazines.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/cpuhotplug.h>
#include <linux/prefetch.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pool.h"

/* Objects move in chunks this big through the bulk calls' protected sections. */
#define MPOOL_BULK_CHUNK	64

static enum cpuhp_state mpool_cpuhp_state;

/* Whether an allocation or a free of @pool has anything to do beyond the magazines. */
void mpool_update_hooks(struct mpool *pool)
{
	unsigned int flags = READ_ONCE(pool->flags);

	assign_bit(MPOOL_HOOK_GET_BIT, &pool->hooks,
		   (flags & (MPOOL_IF_POISON_SEEN | MPOOL_F_TRACK)) || pool->on_get);
	assign_bit(MPOOL_HOOK_PUT_BIT, &pool->hooks,
		   (flags & (MPOOL_F_POISON | MPOOL_F_TRACK | MPOOL_F_ZERO_ON_FREE)) ||
		   pool->on_put);
}

/* What an allocation does after the magazines: poison check, tracking, zeroing, on_get. */
static noinline void after_get_hooks(struct mpool *pool, void *obj, gfp_t gfp,
				     unsigned long caller)
{
	unsigned int flags = READ_ONCE(pool->flags);

	if (flags & MPOOL_IF_POISON_SEEN)
		mpool_poison_check(pool, obj, flags);
	if (flags & MPOOL_F_TRACK)
		mpool_track_get(pool, obj, caller);
	if (gfp & __GFP_ZERO)
		memset(obj, 0, pool->size);
	if (pool->on_get)
		pool->on_get(obj, pool->priv);
}

/* One predictable branch: hooks of the pool or __GFP_ZERO of the call. */
static __always_inline void after_get(struct mpool *pool, void *obj, gfp_t gfp,
				      unsigned long caller)
{
	if (unlikely((READ_ONCE(pool->hooks) & MPOOL_HOOK_GET) |
		     (__force unsigned int)(gfp & __GFP_ZERO)))
		after_get_hooks(pool, obj, gfp, caller);
}

/* What a free does before the magazines. A free that must not proceed returns false. */
struct free_prep {
	void *obj;
	int nid;	/* object's node when the pool routes frees, else NUMA_NO_NODE */
	int hist;	/* lifetime histogram bucket, or -1 */
};

static bool before_put(struct mpool *pool, struct free_prep *fp)
{
	unsigned int flags = READ_ONCE(pool->flags);
	void *obj = fp->obj;

	fp->hist = -1;
	fp->nid = pool->numa_routing ? mpool_obj_node(obj) : NUMA_NO_NODE;
	if (!(READ_ONCE(pool->hooks) & MPOOL_HOOK_PUT))
		return true;
	if (unlikely(flags & MPOOL_F_POISON) && !mpool_poison_free_ok(pool, obj))
		return false;
	if (pool->on_put)
		pool->on_put(obj, pool->priv);
	if (flags & MPOOL_F_ZERO_ON_FREE)
		memzero_explicit(obj, pool->size);
	if (unlikely(flags & MPOOL_F_POISON))
		mpool_poison_object(pool, obj);
	if (unlikely(flags & MPOOL_F_TRACK))
		fp->hist = mpool_track_put(pool, obj);
	return true;
}

/* The next objects a refilled magazine hands out are about to be written. */
static void prefetch_next(struct mpool_magazine *mag)
{
	prefetchw(mag->objs[mag->count - 1]);
	if (mag->count > 1)
		prefetchw(mag->objs[mag->count - 2]);
}

/* loaded is dry: swap, trade with the depot, or fill from the slabs. Caller holds pc. */
static void *alloc_refill(struct mpool *pool, struct mpool_cpu *pc, enum mpool_cpu_stat *item)
{
	struct mpool_node *n = pool->nodes[pc->node];
	struct mpool_magazine *mag;
	void *obj;

	WRITE_ONCE(pc->reap_state, MPOOL_CPU_TOUCHED);
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

/* An allocation served by the CPU's caches, counted while pc is held. */
static __always_inline void count_alloc_hot(struct mpool_cpu *pc, enum mpool_cpu_stat item,
					    size_t req_size)
{
	mpool_stat_add(&pc->hot, item, 1);
	if (req_size)
		mpool_stat_requested(&pc->hot, req_size);
}

/*
 * The hit path missed with pc held: refill, count, let go of pc; what the caches
 * cannot give comes from the slow path (new pages, other nodes, the reserve).
 */
static noinline void *alloc_miss(struct mpool *pool, struct mpool_cpu *pc, gfp_t gfp,
				 size_t req_size)
{
	enum mpool_cpu_stat item;
	int node = pc->node;
	void *obj;

	obj = alloc_refill(pool, pc, &item);
	if (obj)
		count_alloc_hot(pc, item, req_size);
	mpool_cpu_unlock(pc);
	return obj ?: mpool_alloc_slow(pool, node, gfp, req_size);
}

/*
 * Not from the CPU's magazines: a context that interrupted their holder, or a
 * request for another node's object. The node's depot and slabs serve, under locks
 * that mask interrupts; so does the slow path after them.
 */
static noinline void *alloc_bypass(struct mpool *pool, gfp_t gfp, int node, size_t req_size)
{
	if (pool->home_node != NUMA_NO_NODE)
		node = pool->home_node;
	else if (node == NUMA_NO_NODE)
		node = numa_mem_id();
	return mpool_alloc_slow(pool, node, gfp, req_size);
}

/* @node: NUMA_NO_NODE or a node with memory (checked by the caller). */
static __always_inline void *do_alloc(struct mpool *pool, gfp_t gfp, int node,
				      unsigned long caller, size_t req_size)
{
	struct mpool_magazine *mag;
	struct mpool_cpu *pc;
	void *obj;

	/* Debug kernels catch sleeping allocations from atomic context on every call. */
	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))
		might_sleep_if(gfpflags_allow_blocking(gfp));
	if (unlikely(!mpool_cpu_trylock(pool, &pc)))
		goto bypass;
	if (unlikely(node != NUMA_NO_NODE && node != pc->node &&
		     pool->home_node == NUMA_NO_NODE)) {
		mpool_cpu_unlock(pc);
		goto bypass;
	}
	mag = pc->loaded;
	if (likely(mag && mag->count)) {
		obj = mag->objs[--mag->count];
		count_alloc_hot(pc, MPOOL_STAT_ALLOC_MAGAZINE, req_size);
		mpool_cpu_unlock(pc);
	} else {
		obj = alloc_miss(pool, pc, gfp, req_size);
		if (unlikely(!obj))
			return NULL;
	}
	after_get(pool, obj, gfp, caller);
	return obj;

bypass:
	obj = alloc_bypass(pool, gfp, node, req_size);
	if (obj)
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
static enum mpool_cpu_stat free_spill(struct mpool *pool, struct mpool_cpu *pc, void *obj)
{
	struct mpool_node *n = pool->nodes[pc->node];
	struct mpool_magazine *mag;

	WRITE_ONCE(pc->reap_state, MPOOL_CPU_TOUCHED);
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

/* The reserve is short (capacity.c keeps the bit): a free should refill it. */
static bool reserve_low(const struct mpool *pool)
{
	return READ_ONCE(pool->hooks) & MPOOL_HOOK_RESERVE;
}

/* Every case of a free, pc held: another node's object, the reserve, a full magazine. */
static void free_locked(struct mpool *pool, struct mpool_cpu *pc, const struct free_prep *fp)
{
	struct mpool_magazine *mag = pc->loaded;
	enum mpool_cpu_stat item = MPOOL_STAT_FREE_MAGAZINE;

	if (unlikely(fp->hist >= 0))
		mpool_stat_lifetime(&pc->hot, fp->hist);
	if (unlikely(fp->nid != NUMA_NO_NODE && fp->nid != pc->node))
		item = mpool_free_remote(pool, pc, fp->obj, fp->nid);
	else if (unlikely(reserve_low(pool)) && mpool_reserve_refill(pool, fp->obj))
		item = MPOOL_STAT_FREE_RESERVE;
	else if (likely(mag && mag->count < mag->capacity))
		mag->objs[mag->count++] = fp->obj;
	else
		item = free_spill(pool, pc, fp->obj);
	mpool_stat_add(&pc->hot, item, 1);
}

/*
 * A free without the CPU's magazines (it interrupted their holder): the reserve if
 * it is short, else straight to the object's slab, counted in the cold set.
 */
static void free_bypass(struct mpool *pool, const struct free_prep *fp)
{
	int nid = mpool_obj_node(fp->obj);
	enum mpool_cpu_stat item;
	struct mpool_counters *c;
	unsigned long irqflags;
	void *obj = fp->obj;

	if (reserve_low(pool) && mpool_reserve_refill(pool, obj)) {
		item = MPOOL_STAT_FREE_RESERVE;
	} else {
		mpool_slab_put(pool, pool->nodes[nid], 1, &obj);
		item = MPOOL_STAT_FREE_SLAB;
	}
	c = mpool_count_begin(pool, &irqflags);
	if (fp->hist >= 0)
		mpool_stat_lifetime(c, fp->hist);
	if (fp->nid != NUMA_NO_NODE && fp->nid != this_cpu_read(pool->cpu->node)) {
		mpool_stat_node(c->node_frees, fp->nid);
		item = MPOOL_STAT_FREE_REMOTE;
	}
	mpool_stat_add(c, item, 1);
	mpool_count_end(irqflags);
}

/* A free with hooks (poison, tracking, zeroing, on_put): they run before any lock. */
static noinline void free_hooked(struct mpool *pool, void *obj)
{
	struct free_prep fp = { .obj = obj };
	struct mpool_cpu *pc;

	if (!before_put(pool, &fp))
		return;
	if (unlikely(!mpool_cpu_trylock(pool, &pc))) {
		free_bypass(pool, &fp);
		return;
	}
	free_locked(pool, pc, &fp);
	mpool_cpu_unlock(pc);
}

/* A free without hooks from a context that interrupted the holder of the magazines. */
static noinline void free_nested(struct mpool *pool, void *obj)
{
	struct free_prep fp = { .obj = obj, .hist = -1 };

	fp.nid = pool->numa_routing ? mpool_obj_node(obj) : NUMA_NO_NODE;
	free_bypass(pool, &fp);
}

/*
 * A free without hooks that did not hit (the reserve is short, another node's object,
 * loaded full): the rest of free_locked(), pc still held.
 */
static noinline void free_unhit(struct mpool *pool, struct mpool_cpu *pc, void *obj)
{
	struct free_prep fp = { .obj = obj, .hist = -1 };

	fp.nid = pool->numa_routing ? mpool_obj_node(obj) : NUMA_NO_NODE;
	free_locked(pool, pc, &fp);
}

/*
 * The hit of a free without hooks: the reserve full, an object of the CPU's node
 * (when the pool routes frees) and room in loaded. Caller holds pc.
 */
static __always_inline bool free_hits(struct mpool *pool, struct mpool_cpu *pc, void *obj)
{
	struct mpool_magazine *mag = pc->loaded;

	if (unlikely(READ_ONCE(pool->hooks) & MPOOL_HOOK_RESERVE))
		return false;
	if (pool->numa_routing && mpool_obj_node(obj) != pc->node)
		return false;
	if (unlikely(!mag || mag->count == mag->capacity))
		return false;
	mag->objs[mag->count++] = obj;
	mpool_stat_add(&pc->hot, MPOOL_STAT_FREE_MAGAZINE, 1);
	return true;
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
	struct mpool_cpu *pc;

	if (unlikely(!obj))
		return;
	/* One predictable branch for poison, tracking, zeroing and on_put. */
	if (unlikely(READ_ONCE(pool->hooks) & MPOOL_HOOK_PUT)) {
		free_hooked(pool, obj);
		return;
	}
	if (unlikely(!mpool_cpu_trylock(pool, &pc))) {
		free_nested(pool, obj);
		return;
	}
	if (unlikely(!free_hits(pool, pc, obj)))
		free_unhit(pool, pc, obj);
	mpool_cpu_unlock(pc);
}
EXPORT_SYMBOL_GPL(mpool_free);

/**
 * mpool_alloc_bulk() - allocate several objects at once
 * @pool: the pool.
 * @gfp: as for mpool_alloc().
 * @n: how many objects are wanted; 0 is allowed.
 * @objs: array of at least @n pointers that receives them.
 *
 * Copies whole runs out of the CPU's magazines and trades whole magazines with the
 * depot, one protected section per chunk of objects; only what the caches cannot
 * give goes to the page allocator, object by object.
 *
 * Context: as mpool_alloc().
 * Return: how many objects were stored in @objs[0..ret-1]; fewer than @n only when
 * the pool hit max_objects or memory ran out.
 */
unsigned int mpool_alloc_bulk(struct mpool *pool, gfp_t gfp, unsigned int n, void **objs)
{
	enum mpool_cpu_stat item;
	unsigned int got = 0, i;
	struct mpool_cpu *pc;
	int node = NUMA_NO_NODE;
	void *obj;

	if (IS_ENABLED(CONFIG_DEBUG_ATOMIC_SLEEP))
		might_sleep_if(gfpflags_allow_blocking(gfp));
	while (got < n) {
		unsigned int end = min(n, got + MPOOL_BULK_CHUNK);

		if (!mpool_cpu_trylock(pool, &pc))
			break;
		while (got < end) {
			struct mpool_magazine *mag = pc->loaded;

			if (mag && mag->count) {
				unsigned int take = min(mag->count, end - got);

				mag->count -= take;
				memcpy(objs + got, mag->objs + mag->count, take * sizeof(void *));
				got += take;
				mpool_stat_add(&pc->hot, MPOOL_STAT_ALLOC_MAGAZINE, take);
				continue;
			}
			obj = alloc_refill(pool, pc, &item);
			if (!obj)
				break;
			objs[got++] = obj;
			mpool_stat_add(&pc->hot, item, 1);
		}
		node = pc->node;
		mpool_cpu_unlock(pc);
		if (got < end)
			break;
	}

	/* Caches dry (or held by whoever this interrupted): the slow path, one by one. */
	while (got < n && (obj = alloc_bypass(pool, gfp, node, 0)))
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
 * Without hooks, copies straight into the CPU's magazines, one protected section per
 * chunk of objects.
 *
 * Context: as mpool_free().
 */
void mpool_free_bulk(struct mpool *pool, unsigned int n, void **objs)
{
	unsigned int i = 0;
	struct mpool_cpu *pc;

	if (unlikely(READ_ONCE(pool->hooks) & MPOOL_HOOK_PUT))
		goto one_by_one;
	while (i < n) {
		unsigned int end = min(n, i + MPOOL_BULK_CHUNK);

		if (!mpool_cpu_trylock(pool, &pc))
			goto one_by_one;
		for (; i < end; i++) {
			if (objs[i] && !free_hits(pool, pc, objs[i]))
				free_unhit(pool, pc, objs[i]);
		}
		mpool_cpu_unlock(pc);
	}
	return;

one_by_one:
	for (; i < n; i++)
		mpool_free(pool, objs[i]);
}
EXPORT_SYMBOL_GPL(mpool_free_bulk);

/* Give back everything @pc caches. Caller holds pc, or its CPU is dead, or the pool quiesced. */
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

	/* Bound per-CPU work runs on its CPU: this is pc. */
	WARN_ON_ONCE(mpool_cpu_lock(pool) != pc);
	drain_cpu(pool, pc);
	mpool_cpu_unlock(pc);
}

/*
 * Return every object cached in per-CPU magazines to the slabs, while the pool is in
 * use. Each online CPU drains itself from a work item, under its own lock; a CPU that
 * went offline was drained when it died (mpool_cpu_dead()), and cpus_read_lock() keeps
 * the set of online CPUs as it is meanwhile.
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
	cpus_read_unlock();
}

/*
 * Drain the CPUs whose magazines no miss touched since the last pass, each from a work
 * item on it, under its own lock (the trim work, capacity.c): what a burst left in the
 * magazines of CPUs now idle goes back to the slabs, which trimming then gives back.
 * Returns whether a CPU was touched meanwhile: it is looked at again next pass.
 * Context: process context; sleeps (waits for the drains).
 */
bool mpool_drain_idle_cpus(struct mpool *pool)
{
	bool touched = false, queued = false;
	int cpu;

	cpus_read_lock();
	for_each_online_cpu(cpu) {
		struct mpool_cpu *pc = per_cpu_ptr(pool->cpu, cpu);

		switch (READ_ONCE(pc->reap_state)) {
		case MPOOL_CPU_TOUCHED:
			WRITE_ONCE(pc->reap_state, MPOOL_CPU_IDLE);
			touched = true;
			break;
		case MPOOL_CPU_IDLE:
			WRITE_ONCE(pc->reap_state, MPOOL_CPU_DRAINED);
			queue_work_on(cpu, system_highpri_wq, &pc->drain_work);
			queued = true;
			break;
		}
	}
	/* Bound works must run before a CPU can go: the hotplug lock is held until then. */
	if (queued)
		for_each_online_cpu(cpu)
			flush_work(&per_cpu_ptr(pool->cpu, cpu)->drain_work);
	cpus_read_unlock();
	return touched;
}

/*
 * The same when no caller can touch the pool any more (mpool_destroy()): every CPU
 * drained from here. The hotplug lock keeps mpool_cpu_dead() off the same magazines.
 */
void mpool_drain_cpus_quiesced(struct mpool *pool)
{
	int cpu;

	cpus_read_lock();
	for_each_possible_cpu(cpu)
		drain_cpu(pool, per_cpu_ptr(pool->cpu, cpu));
	cpus_read_unlock();
}

/*
 * A CPU is dead: nothing runs there any more, and the hotplug lock keeps every other
 * drain away (mpool_drain_cpus() holds cpus_read_lock(), destroy removes the instance
 * first). Its magazines go back to the slabs of their nodes.
 */
static int mpool_cpu_dead(unsigned int cpu, struct hlist_node *node)
{
	struct mpool *pool = hlist_entry(node, struct mpool, cpuhp_node);

	drain_cpu(pool, per_cpu_ptr(pool->cpu, cpu));
	return 0;
}

/* Module load: the hotplug state whose instances are the pools (teardown only). */
int mpool_cpuhp_init(void)
{
	int ret;

	ret = cpuhp_setup_state_multi(CPUHP_BP_PREPARE_DYN, "mpool:dead", NULL, mpool_cpu_dead);
	if (ret < 0)
		return ret;
	mpool_cpuhp_state = ret;
	return 0;
}

void mpool_cpuhp_exit(void)
{
	cpuhp_remove_multi_state(mpool_cpuhp_state);
}

int mpool_cpu_init(struct mpool *pool)
{
	int cpu, ret;

	pool->cpu = alloc_percpu(struct mpool_cpu);
	if (!pool->cpu)
		return -ENOMEM;
	for_each_possible_cpu(cpu) {
		struct mpool_cpu *pc = per_cpu_ptr(pool->cpu, cpu);

		mpool_local_trylock_init(&pc->lock);
		pc->pool = pool;
		pc->node = mpool_cpu_home_node(pool, cpu);
		INIT_WORK(&pc->drain_work, drain_work_fn);
		ret = mpool_numa_cpu_init(pool, pc, cpu);
		if (ret)
			return ret;	/* mpool_cpu_exit() undoes the CPUs done so far */
	}
	mpool_update_hooks(pool);
	return cpuhp_state_add_instance_nocalls(mpool_cpuhp_state, &pool->cpuhp_node);
}

void mpool_cpu_exit(struct mpool *pool)
{
	int cpu;

	if (!pool->cpu)
		return;
	if (!hlist_unhashed(&pool->cpuhp_node))
		cpuhp_state_remove_instance_nocalls(mpool_cpuhp_state, &pool->cpuhp_node);
	for_each_possible_cpu(cpu)
		mpool_numa_cpu_exit(per_cpu_ptr(pool->cpu, cpu));
	free_percpu(pool->cpu);
	pool->cpu = NULL;
}
