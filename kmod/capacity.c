// SPDX-License-Identifier: GPL-2.0
/*
 * How much memory a pool holds: the reserve, warming, shrinking, the shrinker and
 * the run-time limits.
 *
 * The reserve is a stash of min_objects objects kept apart from the caches (as in
 * mm/mempool.c): ordinary allocations never touch it, so it is still there when the
 * page allocator fails; frees refill it first while it is short. Warming grows slabs
 * ahead of demand; shrinking drains every cache down to the slabs and gives free
 * slabs back; the shrinker does the same per node under memory pressure, without
 * the per-CPU magazines (reclaim must not wait for other CPUs).
 *
 * Trimming gives back what a peak grew a pool by, with no pressure and no call. A
 * work item, queued when a depot takes a full magazine or a slab goes free, runs every
 * MPOOL_TRIM_PERIOD while there is something to look at: it drains the magazines of
 * CPUs that no miss touched for a whole period (magazine.c, as SLAB's cache_reap()
 * drained idle per-CPU arrays), gives the depot magazines untouched for a whole
 * period back to the slabs (depot.c, Bonwick's working set), then releases the free
 * slabs beyond the node's warm level and a couple more (slab.c). A work item, not the
 * free path, because destructors run in process context; a period, because frees
 * come in runs and a run ends in refills. A busy CPU misses once a magazine, so its
 * magazines stay: they are what makes its next allocations fast.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/cpu.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/workqueue.h>

#include "compat.h"
#include "pool.h"

/* Objects move into the reserve in batches this big. */
#define MPOOL_RESERVE_BATCH	32
/* The trim work's period: a depot magazine unused that long goes back to the slabs. */
#define MPOOL_TRIM_PERIOD	(HZ / 4)

/*
 * Tell the hit path of mpool_free() whether frees should refill the reserve: one bit of
 * pool->hooks, which it tests anyway. Caller holds reserve_lock.
 */
static void reserve_note(struct mpool *pool)
{
	assign_bit(MPOOL_HOOK_RESERVE_BIT, &pool->hooks,
		   pool->reserve_count < min(READ_ONCE(pool->min_objects), pool->reserve_capacity));
}

void *mpool_reserve_take(struct mpool *pool)
{
	unsigned long flags;
	void *obj = NULL;

	spin_lock_irqsave(&pool->reserve_lock, flags);
	if (pool->reserve_count)
		obj = pool->reserve[--pool->reserve_count];
	reserve_note(pool);
	spin_unlock_irqrestore(&pool->reserve_lock, flags);
	return obj;
}

/* Called by frees while the reserve is short: keep @obj if it still is. */
bool mpool_reserve_refill(struct mpool *pool, void *obj)
{
	unsigned long flags;
	bool kept = false;

	spin_lock_irqsave(&pool->reserve_lock, flags);
	if (pool->reserve_count < min(pool->min_objects, pool->reserve_capacity)) {
		pool->reserve[pool->reserve_count++] = obj;
		kept = true;
	}
	reserve_note(pool);
	spin_unlock_irqrestore(&pool->reserve_lock, flags);
	return kept;
}

/* Give reserve objects beyond @keep back to their slabs. */
static void reserve_trim(struct mpool *pool, unsigned int keep)
{
	unsigned long flags;
	void *obj;

	for (;;) {
		obj = NULL;
		spin_lock_irqsave(&pool->reserve_lock, flags);
		if (pool->reserve_count > keep)
			obj = pool->reserve[--pool->reserve_count];
		reserve_note(pool);
		spin_unlock_irqrestore(&pool->reserve_lock, flags);
		if (!obj)
			return;
		mpool_slab_put(pool, pool->nodes[mpool_obj_node(obj)], 1, &obj);
	}
}

void mpool_reserve_drain(struct mpool *pool)
{
	reserve_trim(pool, 0);
}

/* Make room for @capacity reserve objects. Process context, config_lock held. */
static int reserve_resize(struct mpool *pool, unsigned int capacity)
{
	void **fresh, **old;
	unsigned long flags;

	if (capacity <= pool->reserve_capacity)
		return 0;
	/* A caller's number: too big is -ENOMEM, not a warning from kvmalloc(). */
	fresh = kvcalloc(capacity, sizeof(void *), GFP_KERNEL | __GFP_NOWARN);
	if (!fresh)
		return -ENOMEM;
	spin_lock_irqsave(&pool->reserve_lock, flags);
	memcpy(fresh, pool->reserve, pool->reserve_count * sizeof(void *));
	old = pool->reserve;
	pool->reserve = fresh;
	pool->reserve_capacity = capacity;
	reserve_note(pool);
	spin_unlock_irqrestore(&pool->reserve_lock, flags);
	kvfree(old);
	return 0;
}

/*
 * Fill the reserve up to min_objects from the creating CPU's node (nearest nodes
 * after it), growing slabs as needed.
 * Context: process context; config_lock held or the pool not yet published.
 */
int mpool_reserve_fill(struct mpool *pool)
{
	int nid = pool->home_node != NUMA_NO_NODE ? pool->home_node : numa_mem_id();
	struct mpool_node *n = pool->nodes[nid];
	void *batch[MPOOL_RESERVE_BATCH];
	unsigned int want, got, keep, i;
	unsigned long flags;
	int from, ret;

	ret = reserve_resize(pool, pool->min_objects);
	if (ret)
		return ret;
	for (;;) {
		want = min_t(unsigned int, MPOOL_RESERVE_BATCH,
			     pool->min_objects - min(READ_ONCE(pool->reserve_count),
						     pool->min_objects));
		if (!want)
			return 0;
		from = nid;
		got = mpool_slab_take(pool, n, want, batch);
		for (i = 0; !got && i <= n->nr_fallback; i++) {
			from = i ? n->fallback[i - 1] : nid;
			if (i && pool->home_node != NUMA_NO_NODE)
				break;
			ret = mpool_slab_grow(pool, from, GFP_KERNEL, NULL);
			if (!ret)
				got = mpool_slab_take(pool, pool->nodes[from], want, batch);
		}
		if (!got)
			return ret ?: -ENOMEM;

		/* Frees refill the reserve meanwhile: keep only what still fits. */
		spin_lock_irqsave(&pool->reserve_lock, flags);
		keep = min(pool->min_objects, pool->reserve_capacity);
		keep = min(got, keep - min(pool->reserve_count, keep));
		memcpy(pool->reserve + pool->reserve_count, batch, keep * sizeof(void *));
		pool->reserve_count += keep;
		reserve_note(pool);
		spin_unlock_irqrestore(&pool->reserve_lock, flags);
		if (keep < got)
			mpool_slab_put(pool, pool->nodes[from], got - keep, batch + keep);
	}
}

/* Objects node @n could hand out without new pages. */
static unsigned long node_cached(const struct mpool_node *n)
{
	return READ_ONCE(n->depot_objects) + READ_ONCE(n->slab_free);
}

/* Drain every cache to the slabs and release free slabs. Returns pages released. */
static unsigned long shrink_locked(struct mpool *pool)
{
	unsigned long pages = 0;
	int nid;

	lockdep_assert_held(&pool->config_lock);
	mpool_drain_cpus(pool);
	for_each_node(nid) {
		mpool_depot_flush(pool, pool->nodes[nid], ULONG_MAX);
		pages += mpool_slab_release_free(pool, pool->nodes[nid], ULONG_MAX).pages;
	}
	return pages;
}

/**
 * mpool_shrink() - give every cached object above the reserve back to the system
 * @pool: the pool.
 *
 * Drains the per-CPU magazines (each CPU from a work item), the depots and the
 * batched remote frees down to the slabs, then frees every slab without objects in
 * use. The reserve stays.
 *
 * Context: process context; sleeps.
 * Return: bytes of slab pages released.
 */
long mpool_shrink(struct mpool *pool)
{
	unsigned long pages;
	unsigned int i;
	long bytes = 0;

	might_sleep();
	if (pool->buf) {
		for (i = 0; i < pool->buf->nr_classes; i++)
			bytes += mpool_shrink(pool->buf->classes[i].pool);
		return bytes;
	}
	mutex_lock(&pool->config_lock);
	pages = shrink_locked(pool);
	mutex_unlock(&pool->config_lock);
	return pages << PAGE_SHIFT;
}
EXPORT_SYMBOL_GPL(mpool_shrink);

static int warm_node(struct mpool *pool, int nid, unsigned int nr)
{
	struct mpool_node *n = pool->nodes[nid];
	int ret;

	/* Before growing: a trim that runs meanwhile must not give the new slabs back. */
	if (nr > n->warm_objects)
		WRITE_ONCE(n->warm_objects, nr);
	while (node_cached(n) < nr) {
		ret = mpool_slab_grow(pool, nid, GFP_KERNEL, NULL);
		if (ret)
			return ret;
	}
	return 0;
}

/**
 * mpool_warm() - get objects ready ahead of demand
 * @pool: the pool.
 * @nr: objects each target node should have ready in its depot and slabs.
 * @node: the node to warm, or %NUMA_NO_NODE for every node of the pool.
 *
 * Grows slabs on the node (constructing their objects and touching their memory)
 * until @nr objects are ready there, so that the next @nr allocations on that node
 * are served without the page allocator. Nothing is done if that would pass
 * max_objects. From then on the node keeps at least @nr objects: what a later peak
 * of demand grows it by goes back to the page allocator once free (trimming), down
 * to that level and no further; mpool_shrink() and the shrinker still go below it.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL for a node without memory; -ENOSPC when @nr more objects would
 * pass max_objects; -ENOMEM (what was warmed stays) when memory ran out.
 */
int mpool_warm(struct mpool *pool, unsigned int nr, int node)
{
	unsigned long need = 0;
	unsigned int max;
	int nid, ret = 0;

	might_sleep();
	if (pool->buf)
		return -EOPNOTSUPP;	/* warm a class: mpool_buf_class() */
	if (pool->home_node != NUMA_NO_NODE) {
		if (node != NUMA_NO_NODE && node != pool->home_node)
			return -EINVAL;
		node = pool->home_node;
	}
	if (node != NUMA_NO_NODE && !mpool_node_has_memory(node))
		return -EINVAL;

	mutex_lock(&pool->config_lock);
	for_each_node_state(nid, N_MEMORY) {
		if (node == NUMA_NO_NODE || nid == node)
			need += nr - min_t(unsigned long, nr, node_cached(pool->nodes[nid]));
	}
	max = READ_ONCE(pool->max_objects);
	if (max && atomic_long_read(&pool->nr_objects) + need > max) {
		ret = -ENOSPC;
		goto out;
	}
	for_each_node_state(nid, N_MEMORY) {
		if (node != NUMA_NO_NODE && nid != node)
			continue;
		ret = warm_node(pool, nid, nr);
		if (ret)
			break;
	}
out:
	mutex_unlock(&pool->config_lock);
	return ret;
}
EXPORT_SYMBOL_GPL(mpool_warm);

/**
 * mpool_rebalance() - move cached memory of a pool from one node to another
 * @pool: an object pool without a home node.
 * @from_node: node to release cached objects from.
 * @to_node: node to warm with as many.
 * @nr: most objects to move.
 *
 * Flushes up to @nr objects cached in @from_node's depot to its slabs, gives back
 * its free slabs up to @nr objects (whole slabs only), and warms @to_node by the
 * number of objects released. Objects in use and per-CPU magazines stay.
 *
 * Context: process context; sleeps.
 * Return: the objects moved (0 when @from_node had no whole free slab to give),
 * -EINVAL for nodes without memory, equal nodes or a pool with a home node,
 * -ENOSPC or -ENOMEM when warming @to_node failed (the release stays done).
 */
int mpool_rebalance(struct mpool *pool, int from_node, int to_node, unsigned int nr)
{
	struct mpool_release done;
	int ret;

	might_sleep();
	if (pool->buf || pool->home_node != NUMA_NO_NODE || from_node == to_node ||
	    !mpool_node_has_memory(from_node) || !mpool_node_has_memory(to_node))
		return -EINVAL;
	mutex_lock(&pool->config_lock);
	mpool_depot_flush(pool, pool->nodes[from_node], nr);
	done = mpool_slab_release_free(pool, pool->nodes[from_node], nr);
	ret = warm_node(pool, to_node, node_cached(pool->nodes[to_node]) + done.objects);
	mutex_unlock(&pool->config_lock);
	return ret ?: done.objects;
}
EXPORT_SYMBOL_GPL(mpool_rebalance);

/**
 * mpool_set_limits() - change the reserve and the cap of a live pool
 * @pool: the pool.
 * @min_objects: new reserve size; the reserve is filled (or trimmed) now.
 * @max_objects: new cap on carved objects, 0 for none. Caches above it are shrunk.
 *
 * Safe against concurrent allocations and frees.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL if @min_objects > @max_objects; -EBUSY if more than
 * @max_objects objects are in use; -ENOMEM with nothing changed if no reserve of
 * @min_objects pointers can be allocated; -ENOMEM or -ENOSPC if the reserve could
 * not be filled (then the new limits stay, and the reserve refills from frees).
 */
int mpool_set_limits(struct mpool *pool, unsigned int min_objects, unsigned int max_objects)
{
	struct mpool_stats *st;
	int ret = 0;

	might_sleep();
	if (pool->buf)
		return -EOPNOTSUPP;	/* limits are per class: mpool_buf_class() */
	if (max_objects && min_objects > max_objects)
		return -EINVAL;
	st = kmalloc(sizeof(*st), GFP_KERNEL);
	if (!st)
		return -ENOMEM;

	mutex_lock(&pool->config_lock);
	mpool_get_stats(pool, st);
	if (max_objects && st->live > max_objects) {
		ret = -EBUSY;
		goto out;
	}
	ret = reserve_resize(pool, min_objects);
	if (ret)
		goto out;
	WRITE_ONCE(pool->max_objects, max_objects);
	WRITE_ONCE(pool->min_objects, min_objects);
	reserve_trim(pool, min_objects);
	if (max_objects && atomic_long_read(&pool->nr_objects) > max_objects)
		shrink_locked(pool);
	ret = mpool_reserve_fill(pool);
out:
	mutex_unlock(&pool->config_lock);
	kfree(st);
	return ret;
}
EXPORT_SYMBOL_GPL(mpool_set_limits);

/**
 * mpool_set_magazine_size() - change how many objects a magazine holds
 * @pool: the pool.
 * @magazine_size: 1 to %MPOOL_MAX_MAGAZINE.
 *
 * Every CPU and depot gives its magazines back, so the new size applies at once.
 * Safe against concurrent allocations and frees.
 *
 * Context: process context; sleeps.
 * Return: 0, or -EINVAL for a size out of range.
 */
int mpool_set_magazine_size(struct mpool *pool, unsigned int magazine_size)
{
	unsigned int i;
	int nid;

	might_sleep();
	if (!magazine_size || magazine_size > MPOOL_MAX_MAGAZINE)
		return -EINVAL;
	if (pool->buf) {
		/* Validated above: no class can refuse it. */
		for (i = 0; i < pool->buf->nr_classes; i++)
			mpool_set_magazine_size(pool->buf->classes[i].pool, magazine_size);
		return 0;
	}
	mutex_lock(&pool->config_lock);
	WRITE_ONCE(pool->magazine_size, magazine_size);
	mpool_drain_cpus(pool);
	for_each_node(nid)
		mpool_depot_flush(pool, pool->nodes[nid], ULONG_MAX);
	mutex_unlock(&pool->config_lock);
	return 0;
}
EXPORT_SYMBOL_GPL(mpool_set_magazine_size);

/* Reclaimable on the node: depot objects (they free slabs) plus free slabs' objects. */
static unsigned long mpool_shrinker_count(struct shrinker *s, struct shrink_control *sc)
{
	struct mpool *pool = mpool_shrinker_private(s);
	struct mpool_node *n = pool->nodes[sc->nid];
	unsigned long nr;

	nr = READ_ONCE(n->depot_objects) +
	     READ_ONCE(n->nr_free_slabs) * (unsigned long)pool->objs_per_slab;
	return nr ?: SHRINK_EMPTY;
}

static unsigned long mpool_shrinker_scan(struct shrinker *s, struct shrink_control *sc)
{
	struct mpool *pool = mpool_shrinker_private(s);
	struct mpool_node *n = pool->nodes[sc->nid];
	struct mpool_release done;
	unsigned long flushed, flags;

	flushed = mpool_depot_flush(pool, n, sc->nr_to_scan);
	done = mpool_slab_release_free(pool, n, sc->nr_to_scan);

	spin_lock_irqsave(&n->slab_lock, flags);
	n->shrinker_scans++;
	n->shrinker_freed += done.objects;
	spin_unlock_irqrestore(&n->slab_lock, flags);

	if (!flushed && !done.objects)
		return SHRINK_STOP;
	return done.objects;
}

int mpool_shrinker_init(struct mpool *pool)
{
	struct shrinker *s;
	int ret;

	s = mpool_shrinker_alloc(SHRINKER_NUMA_AWARE, pool->name, pool);
	if (!s)
		return -ENOMEM;
	s->count_objects = mpool_shrinker_count;
	s->scan_objects = mpool_shrinker_scan;
	s->seeks = DEFAULT_SEEKS;
	ret = mpool_shrinker_register(s, pool->name);
	if (ret) {
		mpool_shrinker_free(s, false);
		return ret;
	}
	pool->shrinker = s;
	return 0;
}

void mpool_shrinker_exit(struct mpool *pool)
{
	if (pool->shrinker)
		mpool_shrinker_free(pool->shrinker, true);
	pool->shrinker = NULL;
}

static void trim_work_fn(struct work_struct *work)
{
	struct mpool *pool = container_of(to_delayed_work(work), struct mpool, trim_work);
	bool again;
	int nid;

	/* First the magazines of idle CPUs, so that their slabs can go free below. */
	again = mpool_drain_idle_cpus(pool);
	for_each_node(nid) {
		struct mpool_node *n = pool->nodes[nid];

		mpool_depot_reap(pool, n);
		mpool_slab_trim(pool, n);
		again |= READ_ONCE(n->nr_full) > 0;
	}
	/*
	 * What a depot holds now is reaped next time unless it is used meanwhile; a CPU
	 * touched in this period is drained next time unless it is touched again.
	 */
	if (again)
		mpool_trim_schedule(pool);
}

void mpool_trim_init(struct mpool *pool)
{
	INIT_DELAYED_WORK(&pool->trim_work, trim_work_fn);
}

/* A depot took a magazine or a slab went free: trim within a period. Any context. */
void mpool_trim_schedule(struct mpool *pool)
{
	/* One bit read when a trim is queued already, as it mostly is while busy. */
	if (!delayed_work_pending(&pool->trim_work))
		queue_delayed_work(system_unbound_wq, &pool->trim_work, MPOOL_TRIM_PERIOD);
}

/* No trim runs on return; one that slab puts queue later must be cancelled again. */
void mpool_trim_exit(struct mpool *pool)
{
	cancel_delayed_work_sync(&pool->trim_work);
}
