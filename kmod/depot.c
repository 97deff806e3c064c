// SPDX-License-Identifier: GPL-2.0
/*
 * The node depot: magazines shared by the CPUs of one NUMA node.
 *
 * CPUs trade whole magazines with their node's depot (Bonwick's magazine exchange),
 * so the depot lock is taken once per magazine's worth of allocations or frees, not
 * per object. The depot keeps at most depot_max magazines with objects; beyond that
 * the oldest goes back to the slabs, which lets slabs empty and be released. Spare
 * empty magazines are kept up to the same number so exchanges need no allocation.
 *
 * Working set (Bonwick): the depot notes the fewest full magazines it held since the
 * last reap. That many of its oldest were not touched in the interval, and the
 * trim work (capacity.c) gives them back to the slabs: a depot that filled at the
 * end of a burst does not keep its objects once the burst is over.
 */

#include <linux/slab.h>

#include "pool.h"

void mpool_depot_init(struct mpool_node *n, unsigned int depot_max)
{
	spin_lock_init(&n->depot_lock);
	INIT_LIST_HEAD(&n->full);
	INIT_LIST_HEAD(&n->empty);
	n->depot_max = depot_max;
}

struct mpool_magazine *mpool_magazine_new(struct mpool *pool, int nid, gfp_t gfp)
{
	unsigned int capacity = READ_ONCE(pool->magazine_size);
	struct mpool_magazine *mag;

	mag = kmalloc_node(struct_size(mag, objs, capacity), gfp | __GFP_NOWARN, nid);
	if (mag) {
		mag->count = 0;
		mag->capacity = capacity;
	}
	return mag;
}

/*
 * Keep @mag (empty) as a spare, unless it has an outdated capacity or the depot has
 * spares enough. Caller holds n->depot_lock.
 */
static void depot_keep_empty(struct mpool *pool, struct mpool_node *n,
			     struct mpool_magazine *mag)
{
	if (mag->capacity != READ_ONCE(pool->magazine_size) || n->nr_empty >= n->depot_max) {
		kfree(mag);
		return;
	}
	list_add(&mag->link, &n->empty);
	n->nr_empty++;
}

static struct mpool_magazine *depot_pop_empty(struct mpool_node *n)
{
	struct mpool_magazine *mag;

	mag = list_first_entry_or_null(&n->empty, struct mpool_magazine, link);
	if (mag) {
		list_del(&mag->link);
		n->nr_empty--;
	}
	return mag;
}

struct mpool_magazine *mpool_depot_get_empty(struct mpool *pool, struct mpool_node *n)
{
	struct mpool_magazine *mag;
	unsigned long flags;

	spin_lock_irqsave(&n->depot_lock, flags);
	mag = depot_pop_empty(n);
	spin_unlock_irqrestore(&n->depot_lock, flags);
	return mag ?: mpool_magazine_new(pool, n->nid, GFP_NOWAIT);
}

/*
 * Trade @empty (may be NULL) for a magazine holding objects. Returns NULL, and the
 * caller keeps @empty, when the depot has none.
 */
struct mpool_magazine *mpool_depot_exchange_full(struct mpool *pool, struct mpool_node *n,
						 struct mpool_magazine *empty)
{
	struct mpool_magazine *mag;
	unsigned long flags;

	spin_lock_irqsave(&n->depot_lock, flags);
	mag = list_first_entry_or_null(&n->full, struct mpool_magazine, link);
	if (mag) {
		list_del(&mag->link);
		n->nr_full--;
		n->ws_min_full = min(n->ws_min_full, n->nr_full);
		n->depot_objects -= mag->count;
		if (empty)
			depot_keep_empty(pool, n, empty);
	}
	spin_unlock_irqrestore(&n->depot_lock, flags);
	return mag;
}

/*
 * Trade @full (may be NULL) for an empty magazine. The depot always takes @full; if
 * that puts it over depot_max, its oldest magazine goes back to the slabs. Returns
 * NULL only when no empty magazine could be had.
 */
struct mpool_magazine *mpool_depot_exchange_empty(struct mpool *pool, struct mpool_node *n,
						  struct mpool_magazine *full)
{
	struct mpool_magazine *empty, *oldest = NULL;
	unsigned long flags;

	spin_lock_irqsave(&n->depot_lock, flags);
	if (full) {
		/* Newest first: the next exchange gets the cache-warm objects. */
		list_add(&full->link, &n->full);
		n->nr_full++;
		n->depot_objects += full->count;
		if (n->nr_full > n->depot_max) {
			oldest = list_last_entry(&n->full, struct mpool_magazine, link);
			list_del(&oldest->link);
			n->nr_full--;
			n->depot_objects -= oldest->count;
			/* It was the oldest of those untouched since the last reap. */
			if (n->ws_min_full)
				n->ws_min_full--;
		}
	}
	empty = depot_pop_empty(n);
	spin_unlock_irqrestore(&n->depot_lock, flags);

	if (full)
		mpool_trim_schedule(pool);
	if (oldest) {
		mpool_slab_put(pool, n, oldest->count, oldest->objs);
		oldest->count = 0;
		if (!empty)
			return oldest;
		spin_lock_irqsave(&n->depot_lock, flags);
		depot_keep_empty(pool, n, oldest);
		spin_unlock_irqrestore(&n->depot_lock, flags);
	}
	return empty ?: mpool_magazine_new(pool, n->nid, GFP_NOWAIT);
}

unsigned int mpool_depot_take(struct mpool *pool, struct mpool_node *n, unsigned int nr,
			      void **objs)
{
	struct mpool_magazine *mag, *tmp;
	unsigned int got = 0;
	unsigned long flags;

	spin_lock_irqsave(&n->depot_lock, flags);
	list_for_each_entry_safe(mag, tmp, &n->full, link) {
		unsigned int take = min(mag->count, nr - got);

		mag->count -= take;
		memcpy(objs + got, mag->objs + mag->count, take * sizeof(void *));
		got += take;
		n->depot_objects -= take;
		if (!mag->count) {
			list_del(&mag->link);
			n->nr_full--;
			depot_keep_empty(pool, n, mag);
		}
		if (got == nr)
			break;
	}
	/* A magazine taken from, even in part, was in use. */
	n->ws_min_full = min(n->ws_min_full, n->nr_full - (got && n->nr_full ? 1 : 0));
	spin_unlock_irqrestore(&n->depot_lock, flags);
	return got;
}

/*
 * Move up to @max_mags of the oldest full magazines, holding up to about @max_objects
 * (the one that passes it goes too), onto @victims. Returns their objects. Caller
 * holds n->depot_lock.
 */
static unsigned long depot_take_oldest(struct mpool_node *n, unsigned int max_mags,
				       unsigned long max_objects, struct list_head *victims)
{
	struct mpool_magazine *mag, *tmp;
	unsigned long taken = 0;

	/* Oldest first: the newest magazines are the cache-warm ones. */
	list_for_each_entry_safe_reverse(mag, tmp, &n->full, link) {
		if (!max_mags-- || taken >= max_objects)
			break;
		list_move(&mag->link, victims);
		n->nr_full--;
		n->depot_objects -= mag->count;
		taken += mag->count;
	}
	return taken;
}

/* The objects of the magazines on @victims back to the slabs, the magazines freed. */
static void depot_free_victims(struct mpool *pool, struct mpool_node *n,
			       struct list_head *victims)
{
	struct mpool_magazine *mag, *tmp;

	list_for_each_entry_safe(mag, tmp, victims, link) {
		mpool_slab_put(pool, n, mag->count, mag->objs);
		kfree(mag);
	}
}

/*
 * Give the full magazines the depot did not touch since the last reap back to the
 * slabs; the interval starts anew. Returns objects reaped.
 */
unsigned long mpool_depot_reap(struct mpool *pool, struct mpool_node *n)
{
	unsigned long reaped, flags;
	LIST_HEAD(victims);

	spin_lock_irqsave(&n->depot_lock, flags);
	/* The oldest are those no exchange reached: exchanges take the newest. */
	reaped = depot_take_oldest(n, n->ws_min_full, ULONG_MAX, &victims);
	n->ws_min_full = n->nr_full;
	spin_unlock_irqrestore(&n->depot_lock, flags);
	depot_free_victims(pool, n, &victims);
	return reaped;
}

unsigned long mpool_depot_flush(struct mpool *pool, struct mpool_node *n,
				unsigned long max_objects)
{
	unsigned long flushed, flags;
	LIST_HEAD(victims);

	spin_lock_irqsave(&n->depot_lock, flags);
	flushed = depot_take_oldest(n, UINT_MAX, max_objects, &victims);
	n->ws_min_full = min(n->ws_min_full, n->nr_full);
	/* A full flush (shrink) gives back the spare magazines too. */
	if (max_objects == ULONG_MAX) {
		list_splice_init(&n->empty, &victims);
		n->nr_empty = 0;
	}
	spin_unlock_irqrestore(&n->depot_lock, flags);
	depot_free_victims(pool, n, &victims);
	return flushed;
}
