// SPDX-License-Identifier: GPL-2.0
/*
 * Managed pools: objects reached through handles, so that the pool may move them.
 *
 * A handle is (tag << 32 | index + 1). The index names an entry of the pool's handle
 * table; the tag, the allocation that entry serves now (an entry's tags only grow and
 * 0 is never issued). A handle whose tag is behind its entry's, or whose object was
 * freed, is stale (-ESTALE); an index outside the table (above max_handles, or in a
 * chunk of it not yet allocated) or a tag ahead of the entry's was never issued
 * (-EINVAL). Nothing is followed before both are checked. The table grows with use:
 * only an array of chunk pointers is sized for max_handles at creation, and a chunk
 * of a page of entries is allocated when the first handle of its range is (managed.h),
 * so a pool costs for the handles it used at most at once, not for max_handles.
 *
 * Objects live in segments of MPOOL_M_SEGMENT bytes from the pool's node, carved by a
 * bump pointer, one generation each: new objects in the young segment of their CPU,
 * permanent ones in the permanent segment. A young collection counts a survival for
 * every young object and promotes those that survived policy.promote_after
 * collections, copying each behind its handle into the old generation. An old
 * collection compacts the old segments whose live bytes fell below
 * policy.old_sparse_pct of their size. Permanent objects are never scanned or moved.
 * A segment stays "open" while a CPU (young) or its generation carves from it; once
 * closed, it retires once nothing is left in it (at the free or compression that
 * took its last object, or at the end of the collection that moved it): a few are
 * kept as spares for the generation's next segment, the rest go back to the page
 * allocator (segment_retire()).
 *
 * Mapping pins: it raises the entry's pin count, and the object may then be used
 * across sleeps until mpool_h_unmap(). A mover (and a free) takes the count from 0 to
 * MPOOL_M_MOVING with a cmpxchg, so it never moves a mapped object: it skips it and
 * counts the skip. A map that comes during a move waits for the copy (a few hundred
 * nanoseconds, bottom halves off on the mover's CPU). Map and unmap take no lock.
 *
 * Lock order: see struct mpool_m_pool (managed.h). The pin count pairs: a mapper's
 * acquire cmpxchg with the release that ends a move or a free (it then sees the new
 * place, or that the object is gone); an unmap's release with the mover's cmpxchg
 * (the mover copies what the user wrote).
 *
 * With a cold tier (compress.c), an unmapped object may be compressed away: its
 * address then names its block (MPOOL_M_COLD), and a map decompresses it back first
 * (mpool_cold_map()).
 *
 * A collection walks the object lists of its generation's segments under mp->lock:
 * its time is proportional to the objects it looks at, not to max_handles. Movers
 * allocate new segments without sleeping; a move that cannot get memory is given up
 * (the object stays where it is) and counted.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/atomic.h>
#include <linux/kmemleak.h>
#include <linux/log2.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include <linux/topology.h>
#include <linux/workqueue.h>

#include "managed.h"
#include "pool.h"

static unsigned int segment_order(void)
{
	return get_order(MPOOL_M_SEGMENT);
}

/* The node a new segment of this CPU comes from. */
static int segment_node(const struct mpool_m_pool *mp)
{
	return mp->node != NUMA_NO_NODE ? mp->node : numa_mem_id();
}

static struct mpool_m_segment *segment_alloc(struct mpool_m_pool *mp, enum mpool_gen gen,
					     gfp_t gfp, int nid)
{
	struct mpool_m_segment *seg;
	struct page *page;

	gfp = mpool_nested_gfp(gfp);	/* the caller's reclaim bits, quiet */
	seg = kzalloc_node(sizeof(*seg), gfp, nid);
	if (!seg)
		return NULL;
	page = alloc_pages_node(nid, gfp | __GFP_COMP, segment_order());
	if (!page) {
		kfree(seg);
		return NULL;
	}
	seg->base = page_address(page);
	seg->gen = gen;
	mpool_m_list_init(&seg->objects);
	set_page_private(page, (unsigned long)seg);
	/* Objects may hold the only reference to memory: have the pages scanned. */
	kmemleak_alloc(seg->base, MPOOL_M_SEGMENT, 0, gfp);
	return seg;
}

static void segment_free(struct mpool_m_segment *seg)
{
	kmemleak_free(seg->base);
	set_page_private(virt_to_page(seg->base), 0);
	free_pages((unsigned long)seg->base, segment_order());
	kfree(seg);
}

/* Take a closed segment out of its generation and give it back. Caller holds lock. */
static void segment_release(struct mpool_m_pool *mp, struct mpool_m_segment *seg)
{
	list_del(&seg->link);
	mp->held -= MPOOL_M_SEGMENT;
	mp->stats.gen[seg->gen].held_bytes -= MPOOL_M_SEGMENT;
	mp->stats.gen[seg->gen].segments_freed++;
	segment_free(seg);
}

/*
 * Emptied segments of the young and old generations are kept, up to MPOOL_M_SPARES
 * per node with memory each (a CPU takes its own node's first, then the nearest
 * node's), for the next segment the generation needs: a steady stream of objects (a
 * log archive: lines in, the oldest out) then carves in the same pages again and again
 * instead of taking new ones from the page allocator, which zeroes each page
 * (init_on_alloc): that zeroing was 3 to 8% of the log server's samples at 16 lines
 * per datagram. A collection gives back the spares its generation did not take since the
 * one before, down to the pool's warm level (mpool_m_warm()), below which retiring
 * keeps every segment; a compression run gives back all of them. Permanent segments
 * go back at once: nothing collects them. Spares count in their generation's
 * held_bytes.
 */
/* @seg is closed and holds nothing: a spare, or given back. Caller holds lock. */
static void segment_retire(struct mpool_m_pool *mp, struct mpool_m_segment *seg)
{
	enum mpool_gen gen = seg->gen;

	/* Kept while giving it back would take the pool below its warm level. */
	if (gen == MPOOL_GEN_PERMANENT ||
	    (mp->nr_spares[gen] >= MPOOL_M_SPARES * num_node_state(N_MEMORY) &&
	     mp->held >= mp->warm_bytes + MPOOL_M_SEGMENT)) {
		segment_release(mp, seg);
		return;
	}
	list_move(&seg->link, &mp->spares[gen]);
	mp->nr_spares[gen]++;
}

/*
 * A spare of @gen, out of the spares and out of held_bytes (segment_install() counts
 * it again): one of the node a new segment would come from, else one of the nearest
 * node that has any. A remote spare beats new pages, which the page allocator zeroes:
 * mpool_m_warm() spreads its segments over the nodes, and the CPUs that allocate need
 * not be spread as evenly. NULL if there is none. Caller holds lock.
 */
static struct mpool_m_segment *spare_take(struct mpool_m_pool *mp, enum mpool_gen gen)
{
	struct mpool_m_segment *seg, *nearest = NULL;
	int nid = segment_node(mp), distance = INT_MAX;

	list_for_each_entry(seg, &mp->spares[gen], link) {
		int seg_nid = page_to_nid(virt_to_page(seg->base));
		int d = seg_nid == nid ? 0 : node_distance(nid, seg_nid);

		if (d < distance) {
			nearest = seg;
			distance = d;
			if (!d)
				break;		/* the node's own */
		}
	}
	if (!nearest)
		return NULL;
	list_del(&nearest->link);
	mp->nr_spares[gen]--;
	mp->spare_taken[gen] = true;
	mp->stats.gen[gen].held_bytes -= MPOOL_M_SEGMENT;
	nearest->used = 0;
	nearest->evacuate = false;
	return nearest;
}

/*
 * Give back the spares of @gen, down to the pool's warm level if @keep_warm (a
 * collection) or all of them (a compression: memory is what it is for, as a shrink of
 * an object pool goes below its warm level). Caller holds lock.
 */
static void spares_release(struct mpool_m_pool *mp, enum mpool_gen gen, bool keep_warm)
{
	struct mpool_m_segment *seg, *tmp;

	list_for_each_entry_safe(seg, tmp, &mp->spares[gen], link) {
		if (keep_warm && mp->held < mp->warm_bytes + MPOOL_M_SEGMENT)
			break;
		segment_release(mp, seg);
		mp->nr_spares[gen]--;
	}
}

/* The open segment @gen carves from on this CPU. Caller holds lock. */
static struct mpool_m_segment **open_slot(struct mpool_m_pool *mp, enum mpool_gen gen)
{
	if (gen == MPOOL_GEN_YOUNG)
		return &mp->young_open[raw_smp_processor_id()];
	return &mp->gen_open[gen];
}

/* Make @seg the open segment of @slot, closing the one before. Caller holds lock. */
static void segment_install(struct mpool_m_pool *mp, struct mpool_m_segment **slot,
			    struct mpool_m_segment *seg)
{
	struct mpool_m_segment *old = *slot;

	if (old) {
		old->open = false;
		/* Nothing live in it and nobody carving: it goes now. */
		if (!old->live_objects)
			segment_retire(mp, old);
	}
	seg->open = true;
	list_add(&seg->link, &mp->segments[seg->gen]);
	mp->stats.gen[seg->gen].held_bytes += MPOOL_M_SEGMENT;
	*slot = seg;
	if (mp->cold)
		mpool_cold_held_grew(mp);
}

static bool budget_allows(struct mpool_m_pool *mp)
{
	return !mp->budget || mp->held + MPOOL_M_SEGMENT <= mp->budget;
}

/*
 * @size bytes at the end of the open segment of @gen, or NULL when it has no room;
 * not yet counted as live. Caller holds lock.
 */
static void *carve_space(struct mpool_m_pool *mp, enum mpool_gen gen, unsigned int size,
			 struct mpool_m_segment **segp)
{
	struct mpool_m_segment *seg = *open_slot(mp, gen);
	unsigned int need = ALIGN(size, MPOOL_M_ALIGN);
	void *addr;

	if (!seg || seg->used + need > MPOOL_M_SEGMENT)
		return NULL;
	addr = seg->base + seg->used;
	seg->used += need;
	*segp = seg;
	return addr;
}

/* A place for one object of @size bytes, as carve_space(). Caller holds lock. */
static void *carve(struct mpool_m_pool *mp, enum mpool_gen gen, unsigned int size,
		   struct mpool_m_segment **segp)
{
	void *addr = carve_space(mp, gen, size, segp);

	if (addr) {
		(*segp)->live_bytes += size;
		(*segp)->live_objects++;
	}
	return addr;
}

void *mpool_m_carve_region(struct mpool_m_pool *mp, enum mpool_gen gen, unsigned int size,
			   gfp_t gfp, struct mpool_m_segment **segp)
{
	struct mpool_m_segment *fresh;
	void *addr;

	while (!(addr = carve_space(mp, gen, size, segp))) {
		fresh = spare_take(mp, gen);
		if (fresh) {
			segment_install(mp, open_slot(mp, gen), fresh);
			continue;
		}
		mp->held += MPOOL_M_SEGMENT;
		if (gfpflags_allow_blocking(gfp)) {
			spin_unlock_bh(&mp->lock);
			fresh = segment_alloc(mp, gen, gfp, segment_node(mp));
			spin_lock_bh(&mp->lock);
		} else {
			fresh = segment_alloc(mp, gen, gfp, segment_node(mp));
		}
		if (!fresh) {
			mp->held -= MPOOL_M_SEGMENT;
			return NULL;
		}
		segment_install(mp, open_slot(mp, gen), fresh);
	}
	return addr;
}

/* A place for @size bytes of @gen, a new segment if need be, without sleeping. */
static void *carve_atomic(struct mpool_m_pool *mp, enum mpool_gen gen, unsigned int size,
			  struct mpool_m_segment **segp)
{
	struct mpool_m_segment *seg;
	void *addr = carve(mp, gen, size, segp);

	if (addr)
		return addr;
	seg = spare_take(mp, gen);
	if (!seg) {
		if (!budget_allows(mp))
			return NULL;
		seg = segment_alloc(mp, gen, GFP_NOWAIT, segment_node(mp));
		if (!seg)
			return NULL;
		mp->held += MPOOL_M_SEGMENT;
	}
	segment_install(mp, open_slot(mp, gen), seg);
	return carve(mp, gen, size, segp);
}

/* The entry @h names if it is live; else NULL and *err says why. */
static struct mpool_m_entry *entry_of(struct mpool_m_pool *mp, mpool_handle_t h, int *err)
{
	u32 tag = upper_32_bits(h);
	struct mpool_m_entry *e = mpool_m_entry_find(mp, lower_32_bits(h));
	u32 now;

	if (!e || !tag) {
		*err = -EINVAL;
		return NULL;
	}
	now = READ_ONCE(e->tag);
	if (tag == now && READ_ONCE(e->live))
		return e;
	*err = tag <= now ? -ESTALE : -EINVAL;
	return NULL;
}

static mpool_handle_t handle_of(struct mpool_m_entry *e)
{
	return (u64)e->tag << 32 | (e->idx + 1);
}

/* Entries in chunk @ci of the table: a whole chunk but maybe for the last. */
static unsigned int chunk_entries(const struct mpool_m_pool *mp, unsigned int ci)
{
	return min_t(unsigned int, MPOOL_M_CHUNK_ENTRIES,
		     mp->nr_entries - ci * MPOOL_M_CHUNK_ENTRIES);
}

/* Chunk @ci of the table, its entries numbered and never used. */
static struct mpool_m_entry *chunk_alloc(struct mpool_m_pool *mp, unsigned int ci, gfp_t gfp)
{
	unsigned int i, n = chunk_entries(mp, ci);
	struct mpool_m_entry *chunk;

	chunk = kcalloc_node(n, sizeof(*chunk), mpool_nested_gfp(gfp), mp->node);
	if (!chunk)
		return NULL;
	for (i = 0; i < n; i++)
		chunk[i].idx = ci * MPOOL_M_CHUNK_ENTRIES + i;
	return chunk;
}

/*
 * Allocate the chunk that next_unused entered, unless another allocation did while
 * the lock was dropped. Caller holds lock; it is dropped while allocating if @gfp
 * allows sleeping. Returns false when no memory was had.
 */
static bool chunk_add(struct mpool_m_pool *mp, gfp_t gfp)
{
	unsigned int ci = mp->next_unused / MPOOL_M_CHUNK_ENTRIES;
	struct mpool_m_entry *chunk;

	if (gfpflags_allow_blocking(gfp)) {
		spin_unlock_bh(&mp->lock);
		chunk = chunk_alloc(mp, ci, gfp);
		spin_lock_bh(&mp->lock);
	} else {
		chunk = chunk_alloc(mp, ci, gfp);
	}
	if (!chunk)
		return false;
	if (mp->chunks[ci]) {
		kfree(chunk);
		return true;
	}
	/* Its numbered entries before it: pairs with the dependency in mpool_m_entry_find(). */
	smp_store_release(&mp->chunks[ci], chunk);
	mp->nr_chunks++;
	mp->table_bytes += chunk_entries(mp, ci) * sizeof(*chunk);
	return true;
}

/*
 * A free entry, or NULL when every handle is in use or no memory was had for a new
 * chunk of the table. Caller holds lock; dropped meanwhile if @gfp allows sleeping.
 */
static struct mpool_m_entry *entry_get(struct mpool_m_pool *mp, gfp_t gfp)
{
	struct mpool_m_entry *e;

	/* Another allocation or free may come while chunk_add() drops the lock. */
	for (;;) {
		if (mp->free_head) {
			e = mpool_m_entry_at(mp, mp->free_head - 1);
			mp->free_head = e->next_free;
			return e;
		}
		if (mp->next_unused >= mp->nr_entries)
			return NULL;
		if (mp->chunks[mp->next_unused / MPOOL_M_CHUNK_ENTRIES])
			return mpool_m_entry_at(mp, mp->next_unused++);
		if (!chunk_add(mp, gfp))
			return NULL;
	}
}

static void entry_put(struct mpool_m_pool *mp, struct mpool_m_entry *e)
{
	e->next_free = mp->free_head;
	mp->free_head = e->idx + 1;
}

static void young_work_fn(struct work_struct *work);
static void old_work_fn(struct work_struct *work);

/* The segments and tables of a pool no one reaches any more. */
static void pool_free(struct mpool_m_pool *mp)
{
	struct mpool_m_segment *seg, *tmp;
	unsigned int g, ci;

	for (g = 0; g < MPOOL_NR_GENS; g++) {
		list_for_each_entry_safe(seg, tmp, &mp->segments[g], link)
			segment_free(seg);
		list_for_each_entry_safe(seg, tmp, &mp->spares[g], link)
			segment_free(seg);
	}
	for (ci = 0; ci < mp->nr_chunks; ci++)
		kfree(mp->chunks[ci]);
	kvfree(mp->chunks);
	kfree(mp->young_open);
	kfree(mp);
}

static int policy_check(const struct mpool_m_policy *policy, const char *name)
{
	if (policy->promote_after > MPOOL_M_MAX_SURVIVALS) {
		pr_err("managed pool %s: promote_after: %u is above %u\n", name,
		       policy->promote_after, MPOOL_M_MAX_SURVIVALS);
		return -EINVAL;
	}
	if (policy->old_sparse_pct > 100) {
		pr_err("managed pool %s: old_sparse_pct: %u is above 100\n", name,
		       policy->old_sparse_pct);
		return -EINVAL;
	}
	return 0;
}

/* @policy with its zeros replaced by the defaults. */
static struct mpool_m_policy policy_or_defaults(const struct mpool_m_policy *policy)
{
	struct mpool_m_policy p = *policy;

	p.promote_after = p.promote_after ?: 2;
	p.young_interval_ms = p.young_interval_ms ?: 100;
	p.old_interval_ms = p.old_interval_ms ?: 1000;
	p.old_sparse_pct = p.old_sparse_pct ?: 50;
	return p;
}

static int config_check(const struct mpool_m_config *cfg)
{
	const char *name = cfg && cfg->name ? cfg->name : "?";

	/* The name itself is checked where it is registered (mpool_create_head()). */
	if (!cfg || !cfg->name) {
		pr_err("managed create %s: name: missing\n", name);
		return -EINVAL;
	}
	if (!cfg->max_size || cfg->max_size > MPOOL_M_MAX_SIZE) {
		pr_err("managed create %s: max_size: %zu is not within 1..%u\n", name,
		       cfg->max_size, MPOOL_M_MAX_SIZE);
		return -EINVAL;
	}
	if (!cfg->max_handles || cfg->max_handles > MPOOL_M_MAX_HANDLES) {
		pr_err("managed create %s: max_handles: %u is not within 1..%lu\n", name,
		       cfg->max_handles, MPOOL_M_MAX_HANDLES);
		return -EINVAL;
	}
	if (cfg->budget && cfg->budget < MPOOL_M_SEGMENT) {
		pr_err("managed create %s: budget: %zu is below one segment (%u)\n", name,
		       cfg->budget, MPOOL_M_SEGMENT);
		return -EINVAL;
	}
	if (policy_check(&cfg->policy, name))
		return -EINVAL;
	if (cfg->node != NUMA_NO_NODE && !mpool_node_has_memory(cfg->node)) {
		pr_err("managed create %s: node: %d is not a node with memory\n", name,
		       cfg->node);
		return -EINVAL;
	}
	return mpool_cold_config_check(name, &cfg->policy);
}

/**
 * mpool_m_create() - create a managed pool
 * @cfg: what to build; see struct mpool_m_config. Not referenced after return.
 *
 * The pool is registered under @cfg->name: tools list, show and collect it.
 * Unless @cfg->policy.no_worker, collections then run from a worker: the young
 * generation every young_interval_ms, the old one every old_interval_ms.
 *
 * Context: process context; sleeps.
 * Return: the pool, ERR_PTR(-EINVAL) for an invalid @cfg (a message names the
 * field), ERR_PTR(-EEXIST) when the name is taken, ERR_PTR(-EOPNOTSUPP) for a
 * cold tier on a kernel without LZ4, or ERR_PTR(-ENOMEM).
 */
struct mpool_m_pool *mpool_m_create(const struct mpool_m_config *cfg)
{
	struct mpool_m_pool *mp;
	unsigned int g, nr_chunks;
	int ret;

	/* The table's cost per handle (managed.h). */
	BUILD_BUG_ON(sizeof(struct mpool_m_entry) != 48);
	BUILD_BUG_ON(MPOOL_M_MAX_SIZE > U16_MAX);	/* entry->size */
	might_sleep();
	ret = config_check(cfg);
	if (ret)
		return ERR_PTR(ret);
	mp = kzalloc(sizeof(*mp), GFP_KERNEL);
	if (!mp)
		return ERR_PTR(-ENOMEM);
	for (g = 0; g < MPOOL_NR_GENS; g++) {
		INIT_LIST_HEAD(&mp->segments[g]);
		INIT_LIST_HEAD(&mp->spares[g]);
	}
	/* The chunks themselves come with the handles that need them (entry_get()). */
	nr_chunks = DIV_ROUND_UP(cfg->max_handles, MPOOL_M_CHUNK_ENTRIES);
	mp->chunks = kvcalloc(nr_chunks, sizeof(*mp->chunks), GFP_KERNEL | __GFP_NOWARN);
	mp->table_bytes = nr_chunks * sizeof(*mp->chunks);
	mp->young_open = kcalloc(nr_cpu_ids, sizeof(*mp->young_open), GFP_KERNEL);
	if (!mp->chunks || !mp->young_open) {
		pool_free(mp);
		return ERR_PTR(-ENOMEM);
	}
	strscpy(mp->name, cfg->name, sizeof(mp->name));
	spin_lock_init(&mp->lock);
	mutex_init(&mp->collect_lock);
	mp->nr_entries = cfg->max_handles;
	mp->budget = cfg->budget;
	mp->max_size = cfg->max_size;
	mp->node = cfg->node;
	mp->policy = policy_or_defaults(&cfg->policy);
	atomic64_set(&mp->stale_refusals, 0);
	INIT_DELAYED_WORK(&mp->young_work, young_work_fn);
	INIT_DELAYED_WORK(&mp->old_work, old_work_fn);
	ret = mpool_cold_init(mp);
	if (ret) {
		pool_free(mp);
		return ERR_PTR(ret);
	}
	/* Last: once registered, tools see it and may collect it. */
	mp->head = mpool_create_head(cfg->name, 0, NULL, mp);
	if (IS_ERR(mp->head)) {
		ret = PTR_ERR(mp->head);
		mpool_cold_exit(mp);
		pool_free(mp);
		return ERR_PTR(ret);
	}
	if (!mp->policy.no_worker) {
		queue_delayed_work(system_unbound_wq, &mp->young_work,
				   msecs_to_jiffies(mp->policy.young_interval_ms));
		queue_delayed_work(system_unbound_wq, &mp->old_work,
				   msecs_to_jiffies(mp->policy.old_interval_ms));
	}
	return mp;
}
EXPORT_SYMBOL_GPL(mpool_m_create);

/**
 * mpool_m_destroy() - destroy a managed pool
 * @mp: the pool; NULL and error pointers are ignored.
 *
 * Stops the collectors (and the cold tier's worker) and gives every segment and
 * compressed block back. Handles still live are reported (how many, how many
 * mapped); their objects go with the pool, so no pointer from mpool_h_map() may be
 * used after this.
 *
 * Context: process context; sleeps. No other call on @mp may run concurrently.
 */
void mpool_m_destroy(struct mpool_m_pool *mp)
{
	if (IS_ERR_OR_NULL(mp))
		return;
	might_sleep();
	/* First: no tool reaches it any more, and no tool's collection still runs. */
	mpool_destroy_head(mp->head);
	mp->head = NULL;
	mpool_m_release(mp);
}
EXPORT_SYMBOL_GPL(mpool_m_destroy);

/*
 * Everything of a managed pool whose head is already unpublished: mpool_m_destroy(),
 * and module exit for a pool its owner never destroyed.
 */
void mpool_m_release(struct mpool_m_pool *mp)
{
	unsigned int i, live = 0, mapped = 0;

	cancel_delayed_work_sync(&mp->young_work);
	cancel_delayed_work_sync(&mp->old_work);
	mpool_cold_exit(mp);
	/* Every entry ever used, in the chunks allocated. */
	for (i = 0; i < mp->next_unused; i++) {
		struct mpool_m_entry *e = mpool_m_entry_at(mp, i);

		live += e->live;
		mapped += e->live && atomic_read(&e->pins) > 0;
	}
	if (live)
		pr_err("managed pool %s destroyed with %u handles in use (%u mapped); their objects go with it\n",
		       mp->name, live, mapped);
	pool_free(mp);
}

/*
 * mpool_h_alloc() of @size bytes of @gen under the lock, which is dropped meanwhile to
 * allocate a segment; @now is its birth (mpool_lifetime_stamp(), read before the lock
 * was taken: every CPU that allocates or frees takes this lock, and a clock read
 * inside it made each one wait for that too). Returns the handle, or 0 (counted in
 * alloc_fail).
 */
static mpool_handle_t alloc_locked(struct mpool_m_pool *mp, size_t size, gfp_t gfp,
				   enum mpool_gen gen, unsigned int flags, u64 now)
{
	struct mpool_m_segment *seg, *fresh;
	struct mpool_m_entry *e;
	void *addr;

	e = entry_get(mp, gfp);
	if (!e)
		goto fail;
	while (!(addr = carve(mp, gen, size, &seg))) {
		fresh = spare_take(mp, gen);
		if (fresh) {
			segment_install(mp, open_slot(mp, gen), fresh);
			continue;
		}
		if (!budget_allows(mp))
			goto fail_entry;
		/* Room for a new segment, reserved while the lock is dropped. */
		mp->held += MPOOL_M_SEGMENT;
		spin_unlock_bh(&mp->lock);
		fresh = segment_alloc(mp, gen, gfp, segment_node(mp));
		spin_lock_bh(&mp->lock);
		if (!fresh) {
			mp->held -= MPOOL_M_SEGMENT;
			goto fail_entry;
		}
		segment_install(mp, open_slot(mp, gen), fresh);
	}
	e->addr = addr;
	mpool_m_list_add_tail(mp, &seg->objects, e);
	e->size = size;
	e->gen = gen;
	e->survivals = 0;
	e->born_ns = now;
	e->seen_ms = jiffies_to_msecs(jiffies);
	e->accessed = 0;
	e->cold_flags = flags & MPOOL_H_NOCOMPRESS ? MPOOL_COLD_F_NOCOMPRESS : 0;
	/* pins stays as it is: a stale map may hold it a moment (mpool_h_map()). */
	WRITE_ONCE(e->tag, e->tag + 1 ?: 1);
	/* The new tag before live: a stale map that sees live sees it; pairs with its rmb. */
	smp_wmb();
	WRITE_ONCE(e->live, true);
	mp->stats.gen[gen].live_objects++;
	mp->stats.gen[gen].live_bytes += size;
	return handle_of(e);

fail_entry:
	entry_put(mp, e);
fail:
	mp->stats.alloc_fail++;
	return 0;
}

static bool alloc_args_ok(const struct mpool_m_pool *mp, size_t size, unsigned int flags)
{
	return size && size <= mp->max_size &&
	       !(flags & ~(MPOOL_H_PERMANENT | MPOOL_H_NOCOMPRESS));
}

static enum mpool_gen alloc_gen(unsigned int flags)
{
	return flags & MPOOL_H_PERMANENT ? MPOOL_GEN_PERMANENT : MPOOL_GEN_YOUNG;
}

/**
 * mpool_h_alloc() - allocate an object of a managed pool
 * @mp: the pool.
 * @size: bytes, 1 to the pool's max_size.
 * @gfp: for new segments; GFP_KERNEL may sleep, GFP_ATOMIC does not.
 * @flags: %MPOOL_H_PERMANENT for an object that is never moved or collected; else
 *	the object starts young. %MPOOL_H_NOCOMPRESS: never compressed by the cold tier.
 *
 * The object is not zeroed. Reach it with mpool_h_map().
 *
 * Context: process or softirq context; sleeps only if @gfp allows it.
 * Return: a handle, or 0 when @size is out of range, every handle is in use, the
 * budget is spent or memory ran out (counted in alloc_fail).
 */
mpool_handle_t mpool_h_alloc(struct mpool_m_pool *mp, size_t size, gfp_t gfp,
			     unsigned int flags)
{
	u64 now = mpool_lifetime_stamp();
	mpool_handle_t h = 0;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	spin_lock_bh(&mp->lock);
	if (alloc_args_ok(mp, size, flags))
		h = alloc_locked(mp, size, gfp, alloc_gen(flags), flags, now);
	else
		mp->stats.alloc_fail++;
	spin_unlock_bh(&mp->lock);
	return h;
}
EXPORT_SYMBOL_GPL(mpool_h_alloc);

/**
 * mpool_h_alloc_bulk() - allocate many objects of a managed pool at once
 * @mp: the pool.
 * @gfp: as for mpool_h_alloc().
 * @flags: as for mpool_h_alloc(), for every object.
 * @n: how many objects.
 * @sizes: the size of each, as mpool_h_alloc()'s @size.
 * @handles: receives the handle of each.
 *
 * mpool_h_alloc() of each, in order, under one acquisition of the pool's lock (it is
 * dropped only to allocate a segment), until one fails: a
 * caller that allocates in batches (an archiver moving a batch of records) contends
 * for the lock once a batch, not once an object.
 *
 * Context: as mpool_h_alloc().
 * Return: how many were allocated, in @handles[0] on; the one that failed is counted
 * in alloc_fail, and the rest of @handles is left as it was.
 */
unsigned int mpool_h_alloc_bulk(struct mpool_m_pool *mp, gfp_t gfp, unsigned int flags,
				unsigned int n, const u32 *sizes, mpool_handle_t *handles)
{
	u64 now = mpool_lifetime_stamp();	/* one birth for the batch */
	unsigned int i;

	might_sleep_if(gfpflags_allow_blocking(gfp));
	spin_lock_bh(&mp->lock);
	for (i = 0; i < n; i++) {
		if (!alloc_args_ok(mp, sizes[i], flags)) {
			mp->stats.alloc_fail++;
			break;
		}
		handles[i] = alloc_locked(mp, sizes[i], gfp, alloc_gen(flags), flags, now);
		if (!handles[i])
			break;
	}
	spin_unlock_bh(&mp->lock);
	return i;
}
EXPORT_SYMBOL_GPL(mpool_h_alloc_bulk);

void mpool_m_entry_unplace(struct mpool_m_pool *mp, struct mpool_m_entry *e)
{
	struct mpool_m_segment *seg = mpool_m_entry_seg(e);

	mpool_m_list_del(mp, &seg->objects, e);
	seg->live_bytes -= e->size;
	seg->live_objects--;
	/* The last object out of a closed segment retires it now, not at a collection. */
	if (!seg->open && !seg->live_objects)
		segment_retire(mp, seg);
}

/* mpool_h_free() of @h at @now (read before the lock, as alloc_locked()'s). Caller holds lock. */
static int free_locked(struct mpool_m_pool *mp, mpool_handle_t h, u64 now)
{
	struct mpool_m_entry *e;
	int expect = 0, err = 0;

	e = entry_of(mp, h, &err);
	if (!e) {
		atomic64_inc(&mp->stale_refusals);
		return err;
	}
	/* Mappers now wait, and then see the object gone; pairs with their cmpxchg. */
	if (!atomic_try_cmpxchg(&e->pins, &expect, MPOOL_M_MOVING)) {
		mp->stats.busy_frees++;
		pr_warn_ratelimited("managed pool %s: free of a mapped object (%d maps): refused\n",
				    mp->name, expect);
		return -EBUSY;
	}
	WRITE_ONCE(e->live, false);
	if (!mpool_m_addr_cold(e->addr))
		mpool_m_entry_unplace(mp, e);
	else
		mpool_cold_forget(mp, e);
	mp->stats.gen[e->gen].live_objects--;
	mp->stats.gen[e->gen].live_bytes -= e->size;
	mp->stats.lifetime_hist[mpool_lifetime_bucket_at(e->born_ns, now)]++;
	entry_put(mp, e);
	atomic_set_release(&e->pins, 0);
	return 0;
}

/**
 * mpool_h_free() - free the object a handle names
 * @mp: the pool.
 * @h: the handle; 0 is ignored.
 *
 * Freeing a mapped object is a bug of the caller: it is reported, counted and refused,
 * and the object stays as it was.
 *
 * Context: process or softirq context.
 * Return: 0; -ESTALE for a handle already freed, -EINVAL for one never issued,
 * -EBUSY for a mapped object.
 */
int mpool_h_free(struct mpool_m_pool *mp, mpool_handle_t h)
{
	u64 now;
	int err;

	if (!h)
		return 0;
	now = mpool_lifetime_stamp();
	spin_lock_bh(&mp->lock);
	err = free_locked(mp, h, now);
	spin_unlock_bh(&mp->lock);
	return err;
}
EXPORT_SYMBOL_GPL(mpool_h_free);

/**
 * mpool_h_free_bulk() - free the objects of many handles at once
 * @mp: the pool.
 * @n: how many handles.
 * @handles: the handles; 0s are skipped.
 *
 * mpool_h_free() of each, under one acquisition of the pool's lock: a caller that
 * frees in batches (a log dropping its oldest lines) contends for the lock once a
 * batch, not once an object. Handles that mpool_h_free() would refuse are refused
 * (and counted) the same way; the others are freed regardless.
 *
 * Context: process or softirq context.
 * Return: how many objects were freed, 0s not counted.
 */
unsigned int mpool_h_free_bulk(struct mpool_m_pool *mp, unsigned int n,
			       const mpool_handle_t *handles)
{
	u64 now = mpool_lifetime_stamp();	/* one death for the batch */
	unsigned int i, freed = 0;

	spin_lock_bh(&mp->lock);
	for (i = 0; i < n; i++)
		freed += handles[i] && !free_locked(mp, handles[i], now);
	spin_unlock_bh(&mp->lock);
	return freed;
}
EXPORT_SYMBOL_GPL(mpool_h_free_bulk);

/* Pin the object @h names; its address, decompressed first if it was cold (@wait). */
static __always_inline void *map(struct mpool_m_pool *mp, mpool_handle_t h, bool wait)
{
	struct mpool_m_entry *e = mpool_m_entry_find(mp, lower_32_bits(h));
	u32 tag = upper_32_bits(h);
	int pins, err = -EINVAL;
	void *addr;

	if (unlikely(!e || !tag))
		goto refused;
	pins = atomic_read(&e->pins);
	do {
		while (unlikely(pins == MPOOL_M_MOVING)) {
			cpu_relax();
			pins = atomic_read(&e->pins);
		}
		/* Pairs with the release that ends a move, a free or a compression. */
	} while (!atomic_try_cmpxchg_acquire(&e->pins, &pins, pins + 1));
	if (likely(READ_ONCE(e->live))) {
		/* Live, then its tag: pairs with the wmb of mpool_h_alloc(). */
		smp_rmb();
		if (likely(READ_ONCE(e->tag) == tag)) {
			/* For the cold sweep; test before set: one store per sweep, not per map. */
			if (unlikely(!READ_ONCE(e->accessed)))
				WRITE_ONCE(e->accessed, 1);
			addr = READ_ONCE(e->addr);
			if (likely(!mpool_m_addr_cold(addr)))
				return addr;
			addr = mpool_cold_map(mp, e, wait);
			if (IS_ERR(addr))
				atomic_dec(&e->pins);
			return addr;
		}
	}
	err = tag <= READ_ONCE(e->tag) ? -ESTALE : -EINVAL;
	atomic_dec(&e->pins);
refused:
	atomic64_inc(&mp->stale_refusals);
	return ERR_PTR(err);
}

/**
 * mpool_h_map() - the address of a managed object, pinned there
 * @mp: the pool.
 * @h: the handle.
 *
 * Until the matching mpool_h_unmap() the object does not move and may be used across
 * sleeps. Maps nest: each needs its unmap. An object the cold tier compressed is
 * decompressed first (with every object of its block), into memory allocated with
 * GFP_KERNEL beyond the pool's budget.
 *
 * Context: process context in a pool with a cold tier (&struct
 * mpool_m_policy.cold_tier): may sleep; elsewhere use mpool_h_map_nowait(). Without
 * one, process or softirq context (a map that comes during a move waits for the copy,
 * which runs with bottom halves off). A hot object's map takes no lock.
 * Return: the object, ERR_PTR(-ESTALE) for a freed handle, ERR_PTR(-EINVAL) for one
 * never issued; for a cold object ERR_PTR(-ENOMEM) when no memory could be had for
 * it, ERR_PTR(-EIO) when its compressed block is corrupted (it stays so).
 */
void *mpool_h_map(struct mpool_m_pool *mp, mpool_handle_t h)
{
	return map(mp, h, true);
}
EXPORT_SYMBOL_GPL(mpool_h_map);

/**
 * mpool_h_map_nowait() - mpool_h_map() that never sleeps
 * @mp: the pool.
 * @h: the handle.
 *
 * As mpool_h_map(), but an object of the cold tier is not decompressed here: its
 * decompression is queued to a worker and the call fails with -EAGAIN; a later map
 * finds it hot.
 *
 * Context: process or softirq context, also under spinlocks. A hot object's map
 * takes no lock.
 * Return: as mpool_h_map(), or ERR_PTR(-EAGAIN) for a cold object.
 */
void *mpool_h_map_nowait(struct mpool_m_pool *mp, mpool_handle_t h)
{
	return map(mp, h, false);
}
EXPORT_SYMBOL_GPL(mpool_h_map_nowait);

/**
 * mpool_h_unmap() - end one mpool_h_map() of a handle
 * @mp: the pool.
 * @h: the handle the map was made with.
 *
 * An unmap without a map is reported (WARN) and ignored.
 *
 * Context: any context that may call mpool_h_map(). Takes no lock.
 */
void mpool_h_unmap(struct mpool_m_pool *mp, mpool_handle_t h)
{
	struct mpool_m_entry *e = mpool_m_entry_find(mp, lower_32_bits(h));

	if (WARN_ON_ONCE(!e)) {
		atomic64_inc(&mp->stale_refusals);
		return;
	}
	if (WARN_ON_ONCE(atomic_read(&e->pins) <= 0 || READ_ONCE(e->tag) != upper_32_bits(h)))
		return;
	/* What the user wrote is in place before a mover can copy it. */
	atomic_dec_return_release(&e->pins);
}
EXPORT_SYMBOL_GPL(mpool_h_unmap);

/**
 * mpool_h_generation() - the generation a handle's object is in now
 * @mp: the pool.
 * @h: the handle.
 *
 * Context: process or softirq context.
 * Return: an &enum mpool_gen, or -ESTALE / -EINVAL as mpool_h_free().
 */
int mpool_h_generation(struct mpool_m_pool *mp, mpool_handle_t h)
{
	struct mpool_m_entry *e;
	int ret;

	spin_lock_bh(&mp->lock);
	e = entry_of(mp, h, &ret);
	if (e)
		ret = e->gen;
	spin_unlock_bh(&mp->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(mpool_h_generation);

/*
 * Copy @e into generation @to, behind its handle, unless it is mapped (skipped) or no
 * memory is to be had (given up; it stays). Caller holds lock. Returns 0 or -EBUSY /
 * -ENOMEM.
 */
static int move_entry(struct mpool_m_pool *mp, struct mpool_m_entry *e, enum mpool_gen to)
{
	struct mpool_m_gen_stats *from_st = &mp->stats.gen[e->gen], *to_st = &mp->stats.gen[to];
	struct mpool_m_segment *seg, *from;
	int expect = 0;
	void *dst;

	/* Mappers wait until the release below; pairs with their cmpxchg and unmap's. */
	if (!atomic_try_cmpxchg(&e->pins, &expect, MPOOL_M_MOVING)) {
		from_st->pinned_skips++;
		return -EBUSY;
	}
	dst = carve_atomic(mp, to, e->size, &seg);
	if (!dst) {
		from_st->move_failures++;
		atomic_set_release(&e->pins, 0);
		return -ENOMEM;
	}
	memcpy(dst, e->addr, e->size);
	from = mpool_m_entry_seg(e);
	mpool_m_list_del(mp, &from->objects, e);
	from->live_bytes -= e->size;
	from->live_objects--;
	from_st->moved_objects++;
	from_st->moved_bytes += e->size;
	if (to != e->gen) {
		from_st->promoted_out++;
		to_st->promoted_in++;
		from_st->live_objects--;
		from_st->live_bytes -= e->size;
		to_st->live_objects++;
		to_st->live_bytes += e->size;
	}
	WRITE_ONCE(e->addr, dst);
	mpool_m_list_add_tail(mp, &seg->objects, e);
	e->gen = to;
	e->survivals = 0;
	atomic_set_release(&e->pins, 0);
	return 0;
}

/* Retire the closed segments of @gen that hold nothing. Caller holds lock. */
static void release_empty(struct mpool_m_pool *mp, enum mpool_gen gen)
{
	struct mpool_m_segment *seg, *tmp;

	list_for_each_entry_safe(seg, tmp, &mp->segments[gen], link) {
		if (!seg->open && !seg->live_objects)
			segment_retire(mp, seg);
	}
}

void mpool_m_release_empty(struct mpool_m_pool *mp)
{
	spin_lock_bh(&mp->lock);
	release_empty(mp, MPOOL_GEN_OLD);
	spares_release(mp, MPOOL_GEN_OLD, false);
	spares_release(mp, MPOOL_GEN_YOUNG, false);
	spin_unlock_bh(&mp->lock);
}

static void collect_young(struct mpool_m_pool *mp)
{
	struct mpool_m_entry *e, *tmp;
	struct mpool_m_segment *seg;

	/* Promotions go to old segments: the young lists only lose entries. */
	list_for_each_entry(seg, &mp->segments[MPOOL_GEN_YOUNG], link) {
		/* Read next first: a promotion takes @e to another list. */
		for (e = mpool_m_link(mp, seg->objects.first); e; e = tmp) {
			tmp = mpool_m_link(mp, e->next);
			if (e->survivals < MPOOL_M_MAX_SURVIVALS)
				e->survivals++;
			if (e->survivals >= mp->policy.promote_after)
				move_entry(mp, e, MPOOL_GEN_OLD);
		}
	}
	release_empty(mp, MPOOL_GEN_YOUNG);
}

static bool segment_sparse(const struct mpool_m_pool *mp, const struct mpool_m_segment *seg)
{
	return !seg->open &&
	       (u64)seg->live_bytes * 100 < (u64)MPOOL_M_SEGMENT * mp->policy.old_sparse_pct;
}

static void collect_old(struct mpool_m_pool *mp)
{
	struct mpool_m_entry *e, *tmp;
	struct mpool_m_segment *seg;

	/*
	 * Mark the sparse ones first: the moves open new segments as they go, at the head
	 * of the list, unmarked, so the walk below does not come to them.
	 */
	list_for_each_entry(seg, &mp->segments[MPOOL_GEN_OLD], link)
		seg->evacuate = segment_sparse(mp, seg);
	list_for_each_entry(seg, &mp->segments[MPOOL_GEN_OLD], link) {
		if (!seg->evacuate)
			continue;
		for (e = mpool_m_link(mp, seg->objects.first); e; e = tmp) {
			tmp = mpool_m_link(mp, e->next);
			move_entry(mp, e, MPOOL_GEN_OLD);
		}
		seg->evacuate = false;
	}
	release_empty(mp, MPOOL_GEN_OLD);
}

/**
 * mpool_m_collect() - collect one generation now
 * @mp: the pool.
 * @gen: %MPOOL_GEN_YOUNG (count survivals, promote, free empty segments) or
 *	%MPOOL_GEN_OLD (compact sparse segments, free empty ones).
 *
 * Mapped objects are skipped (pinned_skips), never waited for.
 *
 * Context: process context; sleeps (waits for a collection already running).
 * Return: 0, or -EINVAL for %MPOOL_GEN_PERMANENT or an unknown generation.
 */
int mpool_m_collect(struct mpool_m_pool *mp, enum mpool_gen gen)
{
	return mpool_m_collect_counted(mp, gen, NULL);
}
EXPORT_SYMBOL_GPL(mpool_m_collect);

/**
 * mpool_m_warm() - ready segments for a managed pool's objects ahead of demand
 * @mp: the pool.
 * @bytes: the memory of segments the pool should hold at least.
 *
 * Allocates segments as spares of the young generation, where new objects go, until
 * the pool holds @bytes (rounded up to whole segments): its first allocations then
 * carve there instead of taking pages from the page allocator, which zeroes each one.
 * With the pool's node %NUMA_NO_NODE the segments are spread over the nodes with
 * memory (a CPU carves from its own node's first, then from the nearest node's, before
 * it takes new pages). @bytes becomes the pool's warm level: frees and collections
 * give segments back only while the pool holds more; a compression
 * (mpool_m_compress(), memory pressure) gives back every spare.
 *
 * Context: process context; sleeps.
 * Return: 0; -EINVAL when @bytes is above the pool's budget or the machine's memory
 * (warming that much could only end in the OOM killer); -ENOMEM when memory ran out
 * (the level is set, and what was warmed stays).
 */
int mpool_m_warm(struct mpool_m_pool *mp, size_t bytes)
{
	int nid = mp->node;
	struct mpool_m_segment *seg;
	int ret = 0;

	might_sleep();
	if ((mp->budget && bytes > mp->budget) || bytes > (u64)totalram_pages() << PAGE_SHIFT)
		return -EINVAL;
	spin_lock_bh(&mp->lock);
	mp->warm_bytes = bytes;
	while (mp->held < bytes) {
		/* Reserved while the lock is dropped, as mpool_h_alloc() does. */
		mp->held += MPOOL_M_SEGMENT;
		spin_unlock_bh(&mp->lock);
		if (mp->node == NUMA_NO_NODE)
			nid = next_node_in(nid, node_states[N_MEMORY]);
		seg = segment_alloc(mp, MPOOL_GEN_YOUNG, GFP_KERNEL, nid);
		spin_lock_bh(&mp->lock);
		if (!seg) {
			mp->held -= MPOOL_M_SEGMENT;
			ret = -ENOMEM;
			break;
		}
		list_add_tail(&seg->link, &mp->spares[MPOOL_GEN_YOUNG]);
		mp->nr_spares[MPOOL_GEN_YOUNG]++;
		mp->stats.gen[MPOOL_GEN_YOUNG].held_bytes += MPOOL_M_SEGMENT;
		if (mp->cold)
			mpool_cold_held_grew(mp);
	}
	spin_unlock_bh(&mp->lock);
	return ret;
}
EXPORT_SYMBOL_GPL(mpool_m_warm);

/* Each counter of @after less its value in @before. */
static void gen_stats_sub(struct mpool_m_gen_stats *after, const struct mpool_m_gen_stats *before)
{
	u64 *a = (u64 *)after;
	const u64 *b = (const u64 *)before;
	unsigned int i;

	BUILD_BUG_ON(sizeof(*after) % sizeof(u64));
	for (i = 0; i < sizeof(*after) / sizeof(u64); i++)
		a[i] -= b[i];
}

/*
 * mpool_m_collect(), and into *@done (when not NULL) what this collection did: its own
 * counters, and the gauges (live, held) after it. For the tools (netlink.c).
 */
int mpool_m_collect_counted(struct mpool_m_pool *mp, enum mpool_gen gen,
			    struct mpool_m_gen_stats *done)
{
	struct mpool_m_gen_stats before;

	if (gen != MPOOL_GEN_YOUNG && gen != MPOOL_GEN_OLD)
		return -EINVAL;
	might_sleep();
	mutex_lock(&mp->collect_lock);
	spin_lock_bh(&mp->lock);
	before = mp->stats.gen[gen];
	mp->stats.gen[gen].collections++;
	if (gen == MPOOL_GEN_YOUNG)
		collect_young(mp);
	else
		collect_old(mp);
	if (!mp->spare_taken[gen])
		spares_release(mp, gen, true);
	mp->spare_taken[gen] = false;
	if (done) {
		*done = mp->stats.gen[gen];
		gen_stats_sub(done, &before);
		done->live_objects = mp->stats.gen[gen].live_objects;
		done->live_bytes = mp->stats.gen[gen].live_bytes;
		done->held_bytes = mp->stats.gen[gen].held_bytes;
	}
	spin_unlock_bh(&mp->lock);
	mutex_unlock(&mp->collect_lock);
	return 0;
}

static void young_work_fn(struct work_struct *work)
{
	struct mpool_m_pool *mp = container_of(work, struct mpool_m_pool, young_work.work);

	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	queue_delayed_work(system_unbound_wq, &mp->young_work,
			   msecs_to_jiffies(READ_ONCE(mp->policy.young_interval_ms)));
}

static void old_work_fn(struct work_struct *work)
{
	struct mpool_m_pool *mp = container_of(work, struct mpool_m_pool, old_work.work);

	mpool_m_collect(mp, MPOOL_GEN_OLD);
	queue_delayed_work(system_unbound_wq, &mp->old_work,
			   msecs_to_jiffies(READ_ONCE(mp->policy.old_interval_ms)));
}

/* Run @dwork within @ms from now, unless it is due sooner (or running: it requeues). */
static void reschedule(struct delayed_work *dwork, unsigned int ms)
{
	unsigned long delay = msecs_to_jiffies(ms);

	if (timer_pending(&dwork->timer) && time_after(dwork->timer.expires, jiffies + delay))
		mod_delayed_work(system_unbound_wq, dwork, delay);
}

/**
 * mpool_m_set_policy() - change when a managed pool collects and promotes
 * @mp: the pool.
 * @policy: the new policy, zeros meaning the defaults as at mpool_m_create();
 *	@policy->no_worker and @policy->cold_tier are fixed at creation and ignored
 *	here (a pool without a cold tier ignores the cold knobs too).
 *
 * New intervals take effect from the collector's next run, which is brought
 * forward when the new interval is shorter than the time left.
 *
 * Context: process or softirq context.
 * Return: 0, or -EINVAL (nothing changed) for a promote_after above 255, an
 * old_sparse_pct above 100 or invalid cold knobs (as at mpool_m_create()).
 */
int mpool_m_set_policy(struct mpool_m_pool *mp, const struct mpool_m_policy *policy)
{
	struct mpool_m_policy p;

	if (policy_check(policy, mp->name) || mpool_cold_set_policy(mp, policy))
		return -EINVAL;
	p = policy_or_defaults(policy);
	spin_lock_bh(&mp->lock);
	p.no_worker = mp->policy.no_worker;
	/* The workers read the intervals without the lock. */
	WRITE_ONCE(mp->policy.promote_after, p.promote_after);
	WRITE_ONCE(mp->policy.young_interval_ms, p.young_interval_ms);
	WRITE_ONCE(mp->policy.old_interval_ms, p.old_interval_ms);
	WRITE_ONCE(mp->policy.old_sparse_pct, p.old_sparse_pct);
	spin_unlock_bh(&mp->lock);
	if (!p.no_worker) {
		/* Never later than the old schedule, and at most one new interval away. */
		reschedule(&mp->young_work, p.young_interval_ms);
		reschedule(&mp->old_work, p.old_interval_ms);
	}
	return 0;
}
EXPORT_SYMBOL_GPL(mpool_m_set_policy);

/* What @mp runs with now, as a config (name: the registered one). For the tools. */
void mpool_m_describe(struct mpool_m_pool *mp, struct mpool_m_config *cfg)
{
	spin_lock_bh(&mp->lock);
	cfg->name = mp->name;
	cfg->max_size = mp->max_size;
	cfg->max_handles = mp->nr_entries;
	cfg->budget = mp->budget;
	cfg->policy = mp->policy;
	cfg->node = mp->node;
	spin_unlock_bh(&mp->lock);
}

/**
 * mpool_m_get_stats() - a snapshot of a managed pool
 * @mp: the pool.
 * @st: receives it.
 *
 * Context: process or softirq context.
 */
void mpool_m_get_stats(struct mpool_m_pool *mp, struct mpool_m_stats *st)
{
	spin_lock_bh(&mp->lock);
	*st = mp->stats;
	st->table_bytes = mp->table_bytes;
	st->warm_bytes = mp->warm_bytes;
	mpool_cold_read_stats(mp, st);
	spin_unlock_bh(&mp->lock);
	st->stale_refusals = atomic64_read(&mp->stale_refusals);
}
EXPORT_SYMBOL_GPL(mpool_m_get_stats);
