// SPDX-License-Identifier: GPL-2.0
/*
 * Slabs: the bottom layer of an object pool.
 *
 * A slab is 2^order pages from one NUMA node, carved into equal objects. Its
 * descriptor is allocated beside it, so objects keep their full size, natural
 * alignment and constructed state, and is found from any object through the head
 * page's private field: objects carry no header. Free objects are tracked in a
 * bitmap in the descriptor, never inside the objects.
 *
 * A node keeps its slabs on partial lists bucketed by fullness, a full list and a
 * free list. Refills take from the fullest partial slab first, so sparse slabs drain
 * and become free, and only free slabs go back to the page allocator: all of them on
 * a shrink, and, soon after they go free, those beyond the node's warm level and
 * MPOOL_TRIM_KEEP_SLABS more (trimming, capacity.c), so that a pool gives back what
 * a peak of demand grew it by.
 *
 * Geometry: the smallest order holding at least MPOOL_SLAB_MIN_OBJECTS objects with
 * at most 1/8 of the slab wasted, searched up to PAGE_ALLOC_COSTLY_ORDER; objects too
 * big for that get the smallest order that holds them (one object per slab).
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/kmemleak.h>
#include <linux/mm.h>
#include <linux/reciprocal_div.h>
#include <linux/slab.h>

#include "compat.h"
#include "pool.h"

#define MPOOL_SLAB_MIN_OBJECTS	8

/* The gfp bits that carry over from a caller to our own nested allocations. */
#define MPOOL_GFP_NESTED	(__GFP_RECLAIM | __GFP_IO | __GFP_FS | __GFP_HIGH | \
				 __GFP_NORETRY | __GFP_RETRY_MAYFAIL | \
				 __GFP_MEMALLOC | __GFP_NOMEMALLOC)

enum {
	MPOOL_SLAB_ON_FULL = MPOOL_PARTIAL_BUCKETS,
	MPOOL_SLAB_ON_FREE,
};

gfp_t mpool_nested_gfp(gfp_t gfp)
{
	return (gfp & MPOOL_GFP_NESTED) | __GFP_NOWARN;
}

int mpool_slab_geometry(struct mpool *pool)
{
	unsigned int min_order = get_order(pool->stride);
	unsigned int top = max_t(unsigned int, min_order, PAGE_ALLOC_COSTLY_ORDER);
	unsigned int order, best = min_order;
	size_t best_waste = SIZE_MAX;

	if (min_order > MPOOL_MAX_PAGE_ORDER)
		return -EINVAL;
	top = min_t(unsigned int, top, MPOOL_MAX_PAGE_ORDER);
	for (order = min_order; order <= top; order++) {
		size_t bytes = PAGE_SIZE << order;
		unsigned int objs = bytes / pool->stride;
		size_t waste = bytes - (size_t)objs * pool->stride;

		if (objs >= MPOOL_SLAB_MIN_OBJECTS && waste * 8 <= bytes) {
			best = order;
			break;
		}
		/* Compare waste per byte of slab without dividing. */
		if (best_waste == SIZE_MAX ||
		    waste * (PAGE_SIZE << best) < best_waste * bytes) {
			best = order;
			best_waste = waste;
		}
	}
	if ((PAGE_SIZE << best) / pool->stride > MPOOL_SLAB_MAX_OBJECTS)
		return -EINVAL;
	pool->slab_order = best;
	pool->objs_per_slab = (PAGE_SIZE << best) / pool->stride;
	pool->stride_recip = reciprocal_value(pool->stride);
	return 0;
}

void mpool_slab_node_init(struct mpool_node *n)
{
	unsigned int i;

	spin_lock_init(&n->slab_lock);
	for (i = 0; i < MPOOL_PARTIAL_BUCKETS; i++)
		INIT_LIST_HEAD(&n->partial[i]);
	INIT_LIST_HEAD(&n->full_slabs);
	INIT_LIST_HEAD(&n->free_slabs);
}

static struct page *slab_page(const struct mpool_slab *slab)
{
	return virt_to_page(slab->base);
}

static void *slab_object(const struct mpool *pool, const struct mpool_slab *slab,
			 unsigned int idx)
{
	return slab->base + (size_t)idx * pool->stride;
}

unsigned int mpool_slab_index(const struct mpool *pool, const struct mpool_slab *slab,
			      const void *obj)
{
	return reciprocal_divide(obj - slab->base, pool->stride_recip);
}

struct mpool_slab *mpool_obj_to_slab(const void *obj)
{
	return (struct mpool_slab *)page_private(virt_to_head_page(obj));
}

/*
 * Like mpool_obj_to_slab() but safe on any pointer: NULL unless @obj is the start of
 * an object of one of @pool's slabs. Used where a bad pointer must be caught rather
 * than followed (MPOOL_F_POISON).
 */
struct mpool_slab *mpool_lookup_slab(struct mpool *pool, const void *obj)
{
	struct mpool_slab *slab;
	unsigned int idx;

	if (!virt_addr_valid(obj))
		return NULL;
	slab = xa_load(&pool->slab_index, page_to_pfn(virt_to_head_page(obj)));
	if (!slab)
		return NULL;
	idx = mpool_slab_index(pool, slab, obj);
	if (idx >= slab->nr_objects || slab_object(pool, slab, idx) != obj)
		return NULL;
	return slab;
}

/* Which list a slab belongs on: a partial bucket (0 is the fullest), full or free. */
static unsigned int slab_list_id(const struct mpool_slab *slab)
{
	if (!slab->nr_free)
		return MPOOL_SLAB_ON_FULL;
	if (slab->nr_free == slab->nr_objects)
		return MPOOL_SLAB_ON_FREE;
	return (slab->nr_free - 1) * MPOOL_PARTIAL_BUCKETS / slab->nr_objects;
}

static struct list_head *slab_list(struct mpool_node *n, unsigned int id)
{
	if (id == MPOOL_SLAB_ON_FULL)
		return &n->full_slabs;
	if (id == MPOOL_SLAB_ON_FREE)
		return &n->free_slabs;
	return &n->partial[id];
}

/* Move @slab to the list its free count calls for. Caller holds n->slab_lock. */
static void slab_relink(struct mpool_node *n, struct mpool_slab *slab)
{
	unsigned int id = slab_list_id(slab);

	if (id == slab->list_id)
		return;
	if (slab->list_id == MPOOL_SLAB_ON_FREE)
		n->nr_free_slabs--;
	if (id == MPOOL_SLAB_ON_FREE)
		n->nr_free_slabs++;
	slab->list_id = id;
	list_move(&slab->link, slab_list(n, id));
}

/* The slab refills should drain first: the fullest partial one, else a free one. */
static struct mpool_slab *slab_to_drain(struct mpool_node *n)
{
	unsigned int i;

	for (i = 0; i < MPOOL_PARTIAL_BUCKETS; i++) {
		if (!list_empty(&n->partial[i]))
			return list_first_entry(&n->partial[i], struct mpool_slab, link);
	}
	return list_first_entry_or_null(&n->free_slabs, struct mpool_slab, link);
}

unsigned int mpool_slab_take(struct mpool *pool, struct mpool_node *n, unsigned int nr,
			     void **objs)
{
	struct mpool_slab *slab;
	unsigned long flags;
	unsigned int got = 0;

	spin_lock_irqsave(&n->slab_lock, flags);
	while (got < nr && (slab = slab_to_drain(n))) {
		unsigned int idx, taken = 0;

		for_each_set_bit(idx, slab->free_map, slab->nr_objects) {
			__clear_bit(idx, slab->free_map);
			objs[got + taken++] = slab_object(pool, slab, idx);
			if (got + taken == nr)
				break;
		}
		slab->nr_free -= taken;
		got += taken;
		slab_relink(n, slab);
	}
	n->slab_free -= got;
	spin_unlock_irqrestore(&n->slab_lock, flags);
	return got;
}

/* Whether @n holds free slabs that trimming would give back. Caller holds slab_lock. */
static bool slab_trimmable(const struct mpool *pool, const struct mpool_node *n)
{
	return n->nr_free_slabs > MPOOL_TRIM_KEEP_SLABS &&
	       n->nr_objects >= READ_ONCE(n->warm_objects) + pool->objs_per_slab;
}

void mpool_slab_put(struct mpool *pool, struct mpool_node *n, unsigned int nr,
		    void *const *objs)
{
	unsigned long flags, free_slabs;
	unsigned int i;
	bool trim;

	spin_lock_irqsave(&n->slab_lock, flags);
	free_slabs = n->nr_free_slabs;
	for (i = 0; i < nr; i++) {
		struct mpool_slab *slab = mpool_obj_to_slab(objs[i]);
		unsigned int idx = mpool_slab_index(pool, slab, objs[i]);

		/* Each layer only ever holds objects of its own node, each object once. */
		if (WARN_ON_ONCE(slab->nid != n->nid || test_bit(idx, slab->free_map)))
			continue;
		__set_bit(idx, slab->free_map);
		slab->nr_free++;
		n->slab_free++;
		slab_relink(n, slab);
	}
	trim = n->nr_free_slabs > free_slabs && slab_trimmable(pool, n);
	spin_unlock_irqrestore(&n->slab_lock, flags);
	if (trim)
		mpool_trim_schedule(pool);
}

/*
 * Reserve up to one slab's worth of objects against max_objects. Returns how many
 * the new slab may carve, 0 when the pool is at its cap.
 */
static unsigned int slab_claim_objects(struct mpool *pool)
{
	unsigned int max = READ_ONCE(pool->max_objects);
	long cur = atomic_long_read(&pool->nr_objects);
	long want;

	do {
		want = pool->objs_per_slab;
		if (max) {
			if (cur >= max)
				return 0;
			want = min_t(long, want, max - cur);
		}
	} while (!atomic_long_try_cmpxchg(&pool->nr_objects, &cur, cur + want));
	return want;
}

/* Destroy the first @nr objects of @slab: undoes a partial or a full construction. */
static void slab_destruct(struct mpool *pool, struct mpool_slab *slab, unsigned int nr)
{
	unsigned int i;

	if (!pool->dtor)
		return;
	for (i = 0; i < nr; i++)
		pool->dtor(slab_object(pool, slab, i), pool->priv);
}

static int slab_construct(struct mpool *pool, struct mpool_slab *slab, gfp_t gfp)
{
	unsigned int i;
	int ret;

	if (!pool->ctor)
		return 0;
	for (i = 0; i < slab->nr_objects; i++) {
		ret = pool->ctor(slab_object(pool, slab, i), pool->priv, gfp);
		if (ret) {
			slab_destruct(pool, slab, i);
			return ret;
		}
	}
	return 0;
}

/*
 * The slab index is updated wherever slabs grow, hard interrupts included
 * (MPOOL_F_IRQSAFE pools), so its lock is always taken with interrupts off.
 */
static int slab_index_add(struct mpool *pool, struct mpool_slab *slab, gfp_t gfp)
{
	unsigned long flags;
	int ret;

	xa_lock_irqsave(&pool->slab_index, flags);
	ret = xa_err(__xa_store(&pool->slab_index, page_to_pfn(slab_page(slab)), slab, gfp));
	xa_unlock_irqrestore(&pool->slab_index, flags);
	return ret;
}

static void slab_index_del(struct mpool *pool, struct mpool_slab *slab)
{
	unsigned long flags;

	xa_lock_irqsave(&pool->slab_index, flags);
	__xa_erase(&pool->slab_index, page_to_pfn(slab_page(slab)));
	xa_unlock_irqrestore(&pool->slab_index, flags);
}

static size_t slab_descriptor_size(const struct mpool *pool)
{
	/* free_map, then the poisoned map of the same length */
	return struct_size_t(struct mpool_slab, free_map,
			     2 * BITS_TO_LONGS(pool->objs_per_slab));
}

static void slab_free(struct mpool *pool, struct mpool_slab *slab, bool run_dtor)
{
	if (run_dtor)
		slab_destruct(pool, slab, slab->nr_objects);
	kmemleak_free(slab->base);
	slab_index_del(pool, slab);
	set_page_private(slab_page(slab), 0);
	__free_pages(slab_page(slab), pool->slab_order);
	atomic_long_sub(slab->nr_objects, &pool->nr_objects);
	mpool_track_free(slab);
	kfree(slab);
}

int mpool_slab_grow(struct mpool *pool, int nid, gfp_t gfp, void **obj)
{
	struct mpool_node *n = pool->nodes[nid];
	gfp_t nested = mpool_nested_gfp(gfp);
	struct mpool_slab *slab;
	unsigned long flags;
	struct page *page;
	unsigned int carve;
	int ret = -ENOMEM;

	carve = slab_claim_objects(pool);
	if (!carve)
		return -ENOSPC;

	page = alloc_pages_node(nid, nested | __GFP_THISNODE | __GFP_COMP, pool->slab_order);
	if (!page)
		goto err_unclaim;
	slab = kzalloc_node(slab_descriptor_size(pool), nested, nid);
	if (!slab)
		goto err_pages;
	slab->pool = pool;
	slab->base = page_address(page);
	slab->nid = page_to_nid(page);
	slab->nr_objects = carve;
	slab->nr_free = carve;
	slab->list_id = MPOOL_SLAB_ON_FREE;
	bitmap_fill(slab->free_map, carve);

	ret = mpool_track_alloc(pool, slab, nested);
	if (ret)
		goto err_descriptor;
	ret = slab_construct(pool, slab, gfp);
	if (ret)
		goto err_track;
	if (READ_ONCE(pool->flags) & MPOOL_F_POISON)
		mpool_poison_slab(pool, slab);
	ret = slab_index_add(pool, slab, nested);
	if (ret)
		goto err_construct;
	set_page_private(page, (unsigned long)slab);
	/*
	 * Page-allocator memory is invisible to kmemleak; objects may hold the only
	 * reference to memory their constructor allocated, so have it scanned (and
	 * never reported itself: min_count 0).
	 */
	kmemleak_alloc(slab->base, PAGE_SIZE << pool->slab_order, 0, nested);

	spin_lock_irqsave(&n->slab_lock, flags);
	if (obj) {
		__clear_bit(0, slab->free_map);
		slab->nr_free--;
		*obj = slab->base;
	}
	list_add(&slab->link, &n->free_slabs);
	n->nr_free_slabs++;
	slab_relink(n, slab);
	n->nr_slabs++;
	n->nr_pages += 1UL << pool->slab_order;
	n->nr_objects += carve;
	n->slab_free += slab->nr_free;
	n->slabs_grown++;
	spin_unlock_irqrestore(&n->slab_lock, flags);
	return 0;

err_construct:
	slab_destruct(pool, slab, slab->nr_objects);
err_track:
	mpool_track_free(slab);
err_descriptor:
	kfree(slab);
err_pages:
	__free_pages(page, pool->slab_order);
err_unclaim:
	atomic_long_sub(carve, &pool->nr_objects);
	return ret;
}

/* Unlink @slab from @n's lists and counts. Caller holds n->slab_lock. */
static void slab_unlink(struct mpool *pool, struct mpool_node *n, struct mpool_slab *slab)
{
	list_del(&slab->link);
	if (slab->list_id == MPOOL_SLAB_ON_FREE)
		n->nr_free_slabs--;
	n->nr_slabs--;
	n->nr_pages -= 1UL << pool->slab_order;
	n->nr_objects -= slab->nr_objects;
	n->slab_free -= slab->nr_free;
}

/*
 * Free slabs of @n back to the page allocator, up to @max_objects objects (a slab
 * that would pass it stays), and while @trim_only, only those slab_trimmable() allows.
 */
static struct mpool_release release_free(struct mpool *pool, struct mpool_node *n,
					 unsigned long max_objects, bool trim_only)
{
	struct mpool_release done = { };
	struct mpool_slab *slab, *tmp;
	unsigned long flags;
	LIST_HEAD(victims);

	spin_lock_irqsave(&n->slab_lock, flags);
	list_for_each_entry_safe(slab, tmp, &n->free_slabs, link) {
		if (done.objects + slab->nr_objects > max_objects ||
		    (trim_only && !slab_trimmable(pool, n)))
			break;
		slab_unlink(pool, n, slab);
		list_add(&slab->link, &victims);
		done.objects += slab->nr_objects;
		done.pages += 1UL << pool->slab_order;
		n->slabs_released++;
	}
	spin_unlock_irqrestore(&n->slab_lock, flags);

	list_for_each_entry_safe(slab, tmp, &victims, link)
		slab_free(pool, slab, true);
	return done;
}

struct mpool_release mpool_slab_release_free(struct mpool *pool, struct mpool_node *n,
					     unsigned long max_objects)
{
	return release_free(pool, n, max_objects, false);
}

/* Free slabs of @n beyond its warm level and MPOOL_TRIM_KEEP_SLABS. Process context. */
struct mpool_release mpool_slab_trim(struct mpool *pool, struct mpool_node *n)
{
	return release_free(pool, n, ULONG_MAX, true);
}

unsigned long mpool_slab_visit_live(struct mpool *pool, mpool_live_fn fn, void *ctx)
{
	struct mpool_slab *slab;
	unsigned long live = 0;
	unsigned int id, idx;
	int nid;

	for_each_node(nid) {
		struct mpool_node *n = pool->nodes[nid];
		unsigned long flags;

		spin_lock_irqsave(&n->slab_lock, flags);
		for (id = 0; id <= MPOOL_SLAB_ON_FREE; id++) {
			list_for_each_entry(slab, slab_list(n, id), link) {
				for_each_clear_bit(idx, slab->free_map, slab->nr_objects) {
					if (fn)
						fn(pool, slab, idx, ctx);
					live++;
				}
			}
		}
		spin_unlock_irqrestore(&n->slab_lock, flags);
	}
	return live;
}

/*
 * At destroy, with every cache drained into the slabs: release every slab without
 * live objects, and destroy the free objects of the others, which stay (their
 * objects are still in use). Returns how many slabs stay.
 */
unsigned long mpool_slab_retire(struct mpool *pool)
{
	struct mpool_slab *slab, *tmp;
	unsigned long kept = 0;
	unsigned int id, idx;
	int nid;

	for_each_node(nid) {
		struct mpool_node *n = pool->nodes[nid];

		/* Quiesced: no other user, and dtor may sleep, so no lock here. */
		for (id = 0; id <= MPOOL_SLAB_ON_FREE; id++) {
			list_for_each_entry_safe(slab, tmp, slab_list(n, id), link) {
				if (slab->nr_free == slab->nr_objects) {
					slab_unlink(pool, n, slab);
					n->slabs_released++;
					slab_free(pool, slab, true);
					continue;
				}
				if (pool->dtor) {
					for_each_set_bit(idx, slab->free_map, slab->nr_objects)
						pool->dtor(slab_object(pool, slab, idx),
							   pool->priv);
				}
				kept++;
			}
		}
	}
	return kept;
}

/* Free the slabs mpool_slab_retire() kept, without destructors: their owner is gone. */
void mpool_slab_free_kept(struct mpool *pool)
{
	struct mpool_slab *slab, *tmp;
	unsigned int id;
	int nid;

	for_each_node(nid) {
		struct mpool_node *n = pool->nodes[nid];

		for (id = 0; id <= MPOOL_SLAB_ON_FREE; id++) {
			list_for_each_entry_safe(slab, tmp, slab_list(n, id), link) {
				slab_unlink(pool, n, slab);
				slab_free(pool, slab, false);
			}
		}
	}
}
