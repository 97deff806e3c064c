/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal layout of a managed pool, shared by managed.c (handles, generations,
 * collections) and compress.c (the compressed cold tier). See managed.c for the design.
 */
#ifndef _MPOOL_MANAGED_H
#define _MPOOL_MANAGED_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <mpool.h>

#define MPOOL_M_SEGMENT		(32U << 10)	/* the unit of a managed pool's memory */
#define MPOOL_M_ALIGN		8
#define MPOOL_M_MOVING		(-1)
#define MPOOL_M_MAX_SURVIVALS	255
#define MPOOL_M_SPARES		2	/* per node and generation (segment_retire()) */

/*
 * The objects of a segment or of a cold block, oldest first: a list through the
 * entries' prev and next, which hold index + 1 (0: none). Caller holds mp->lock.
 */
struct mpool_m_list {
	u32 first;
	u32 last;
};

/* Its pages' head page names it in its private field (mpool_m_entry_seg()). */
struct mpool_m_segment {
	struct list_head link;		/* on its generation's list, or its spares */
	struct mpool_m_list objects;	/* the live entries it holds */
	void *base;
	unsigned int used;		/* bytes carved so far */
	unsigned int live_bytes;
	unsigned int live_objects;
	u8 gen;
	bool open;			/* a CPU or its generation still carves from it */
	bool evacuate;			/* an old collection empties it */
};

/* entry->cold_flags (written under mp->lock). */
#define MPOOL_COLD_F_NOCOMPRESS	BIT(0)	/* allocated with MPOOL_H_NOCOMPRESS */
#define MPOOL_COLD_F_REJECTED	BIT(1)	/* its block did not compress: wait longer */

/*
 * entry->addr of a cold object: its block's address with this bit set (blocks come
 * from a buffer pool, so are aligned), so that the one field a map reads tells it
 * both whether the object is hot and where it is.
 */
#define MPOOL_M_COLD		1UL

static inline bool mpool_m_addr_cold(const void *addr)
{
	return (unsigned long)addr & MPOOL_M_COLD;
}

/*
 * 48 bytes: beyond its objects, the handle table is most of what a pool of small
 * objects costs (the log server's archive of 350-byte lines: 64 bytes a line when an
 * entry had a list_head and a segment pointer). So the lists are of indices, and a
 * hot object's segment is found from its address (mpool_m_entry_seg()). What a map
 * reads comes first: its 18 bytes share a cache line unless the entry starts in the
 * last 16 bytes of one.
 */
struct mpool_m_entry {
	void *addr;			/* hot: the object; cold: block | MPOOL_M_COLD */
	atomic_t pins;			/* maps, or MPOOL_M_MOVING */
	u32 tag;			/* the allocation served now; 0: never used */
	bool live;
	u8 accessed;			/* maps set it (test before set), the sweep clears it */
	u8 gen;
	u8 survivals;			/* young collections survived */
	u32 idx;			/* its place in the table, for good: handle index - 1 */
	u32 prev;			/* live: on its segment's or block's mpool_m_list */
	u32 next;
	union {
		u32 next_free;		/* free: the free list, index + 1, 0 ends it */
		u32 seen_ms;		/* hot: when the cold sweep last found it mapped */
		struct {		/* cold: where it is in its block, decompressed */
			u16 cold_packed;	/* as compressed: objects end to end */
			u16 cold_at;		/* as placed: each aligned */
		};
	};
	u16 size;			/* MPOOL_M_MAX_SIZE fits (mpool_m_create() checks) */
	u8 cold_flags;			/* MPOOL_COLD_F_* */
	u64 born_ns;			/* mpool_lifetime_stamp() */
};

/*
 * The handle table: mp->chunks, sized for max_handles at creation, points to chunks
 * of one page of entries, each allocated when the first handle of its range is
 * (entry_get()) and kept until the pool goes. Handles are issued in index order, so
 * the chunks allocated are always the first mp->nr_chunks. A page does not hold a
 * power of two of entries: the map divides by a constant (a multiply).
 */
#define MPOOL_M_CHUNK_ENTRIES	(PAGE_SIZE / sizeof(struct mpool_m_entry))

/*
 * Lock order (outermost first):
 *   1. cold->fault_lock     (mutex, compress.c)  one decompression at a time
 *   2. cold->compress_lock  (mutex, compress.c)  one compression run at a time; the
 *                                                shrinker, which reclaim under 1 may
 *                                                enter, only tries it
 *   3. mp->collect_lock     (mutex)              one collection at a time
 *   4. mp->lock             (spinlock, bottom halves off) the free list, the segments,
 *                           the entries' places, the cold blocks and the counters
 * Nothing sleeps under 4; a path that must allocate with GFP_KERNEL drops it.
 */
struct mpool_m_pool {
	spinlock_t lock;		/* everything below but the works */
	struct mutex collect_lock;	/* outside lock: one collection at a time */
	struct mpool_m_entry **chunks;	/* published with release, read without lock */
	unsigned int nr_chunks;		/* allocated so far: chunks[0 .. nr_chunks - 1] */
	unsigned int nr_entries;	/* max_handles */
	unsigned int next_unused;	/* entries never used start here */
	u32 free_head;			/* index + 1 of the first free entry, 0: none */
	struct list_head segments[MPOOL_NR_GENS];
	struct list_head spares[MPOOL_NR_GENS];	/* emptied segments to carve from next */
	unsigned int nr_spares[MPOOL_NR_GENS];
	bool spare_taken[MPOOL_NR_GENS];	/* since the generation's last collection */
	struct mpool_m_segment **young_open;	/* per CPU */
	struct mpool_m_segment *gen_open[MPOOL_NR_GENS];	/* old and permanent */
	size_t held;			/* bytes of all segments, reserved ones included */
	size_t warm_bytes;		/* spares go back only while held is above it */
	size_t table_bytes;		/* mp->chunks and the chunks allocated */
	size_t budget;
	size_t max_size;
	int node;
	struct mpool_m_policy policy;
	struct mpool_m_stats stats;	/* stale_refusals: see below */
	atomic64_t stale_refusals;	/* map and unmap count without the lock */
	struct delayed_work young_work;
	struct delayed_work old_work;
	struct mpool_cold *cold;	/* the compressed cold tier, or NULL (compress.c) */
	struct mpool *head;		/* the registry entry: name, id (pool.c) */
	char name[MPOOL_NAME_MAX];	/* for messages once the head is gone */
};

/*
 * The entry of handle index @idx (index + 1, as in a handle), or NULL when no handle
 * with it was ever issued: 0, above max_handles, or in a chunk not yet allocated.
 * Without mp->lock too (the map path): the entry is reached through the chunk
 * pointer, an address dependency that orders the reads of the entry after this one,
 * which pairs with the smp_store_release() publishing the chunk (chunk_add()).
 */
static __always_inline struct mpool_m_entry *mpool_m_entry_find(struct mpool_m_pool *mp,
								u32 idx)
{
	struct mpool_m_entry *chunk;

	if (!idx || idx > mp->nr_entries)
		return NULL;
	idx--;
	chunk = READ_ONCE(mp->chunks[idx / MPOOL_M_CHUNK_ENTRIES]);
	if (!chunk)
		return NULL;
	return &chunk[idx % MPOOL_M_CHUNK_ENTRIES];
}

/* The entry at @idx (index, not + 1) of a handle issued before. Caller holds mp->lock. */
static inline struct mpool_m_entry *mpool_m_entry_at(struct mpool_m_pool *mp, u32 idx)
{
	return &mp->chunks[idx / MPOOL_M_CHUNK_ENTRIES][idx % MPOOL_M_CHUNK_ENTRIES];
}

/* The segment a hot object is in: named by its head page (segment_alloc()). */
static inline struct mpool_m_segment *mpool_m_entry_seg(const struct mpool_m_entry *e)
{
	return (struct mpool_m_segment *)page_private(virt_to_head_page(e->addr));
}

/* ---- the lists of struct mpool_m_list; the caller holds mp->lock ---- */

/*
 * The entry a link names, or NULL for 0: a list's first or last, an entry's next or
 * prev. Walks go first to next (oldest first) or last to prev (newest first).
 */
static inline struct mpool_m_entry *mpool_m_link(struct mpool_m_pool *mp, u32 link)
{
	return link ? mpool_m_entry_at(mp, link - 1) : NULL;
}

static inline void mpool_m_list_init(struct mpool_m_list *l)
{
	l->first = 0;
	l->last = 0;
}

static inline void mpool_m_list_add_tail(struct mpool_m_pool *mp, struct mpool_m_list *l,
					 struct mpool_m_entry *e)
{
	e->prev = l->last;
	e->next = 0;
	if (l->last)
		mpool_m_entry_at(mp, l->last - 1)->next = e->idx + 1;
	else
		l->first = e->idx + 1;
	l->last = e->idx + 1;
}

static inline void mpool_m_list_del(struct mpool_m_pool *mp, struct mpool_m_list *l,
				    struct mpool_m_entry *e)
{
	if (e->prev)
		mpool_m_entry_at(mp, e->prev - 1)->next = e->next;
	else
		l->first = e->next;
	if (e->next)
		mpool_m_entry_at(mp, e->next - 1)->prev = e->prev;
	else
		l->last = e->prev;
}

/* ---- managed.c, for the registry (pool.c) and the tools (netlink.c, debugfs.c) ---- */

/* Everything of a pool whose registry head is already unpublished. */
void mpool_m_release(struct mpool_m_pool *mp);
int mpool_m_collect_counted(struct mpool_m_pool *mp, enum mpool_gen gen,
			    struct mpool_m_gen_stats *done);
void mpool_m_describe(struct mpool_m_pool *mp, struct mpool_m_config *cfg);

/* ---- managed.c, for compress.c; the caller holds mp->lock ---- */

/*
 * @size bytes, contiguous, in the open segment of @gen, beyond the budget (a cold
 * object must be reachable). May drop and retake mp->lock to allocate a segment when
 * @gfp allows sleeping. The caller accounts the objects it puts there.
 */
void *mpool_m_carve_region(struct mpool_m_pool *mp, enum mpool_gen gen, unsigned int size,
			   gfp_t gfp, struct mpool_m_segment **segp);
/* Take @e out of its segment; a closed permanent segment left empty goes back. */
void mpool_m_entry_unplace(struct mpool_m_pool *mp, struct mpool_m_entry *e);
/* Give back the closed old segments left empty. Takes mp->lock. */
void mpool_m_release_empty(struct mpool_m_pool *mp);

/* ---- compress.c: the cold tier's hooks ---- */

int mpool_cold_config_check(const char *name, const struct mpool_m_policy *policy);
/* What is wrong with the cold knobs of @policy, or NULL (pool-set's extack). */
const char *mpool_cold_policy_problem(const struct mpool_m_policy *policy);
/* mpool_m_set_policy()'s cold knobs (cold_tier itself is fixed): 0 or -EINVAL. */
int mpool_cold_set_policy(struct mpool_m_pool *mp, const struct mpool_m_policy *policy);
int mpool_cold_init(struct mpool_m_pool *mp);
void mpool_cold_exit(struct mpool_m_pool *mp);
/* @e is pinned and cold: decompress it (@wait) or queue that; its address or ERR_PTR. */
void *mpool_cold_map(struct mpool_m_pool *mp, struct mpool_m_entry *e, bool wait);
/* Free of a cold @e: its block loses it. Caller holds mp->lock. */
void mpool_cold_forget(struct mpool_m_pool *mp, struct mpool_m_entry *e);
/* mp->held grew: start the compressor above the high watermark. Caller holds mp->lock. */
void mpool_cold_held_grew(struct mpool_m_pool *mp);
/* Fill st->cold. Caller holds mp->lock. */
void mpool_cold_read_stats(struct mpool_m_pool *mp, struct mpool_m_stats *st);
#if IS_ENABLED(CONFIG_KUNIT)
/* For KUnit (VISIBLE_IF_KUNIT): a cold object's compressed block, and whether it is. */
u8 *mpool_cold_block_bytes(struct mpool_m_pool *mp, mpool_handle_t h, unsigned int *len);
bool mpool_cold_is_cold(struct mpool_m_pool *mp, mpool_handle_t h);
#endif

#endif /* _MPOOL_MANAGED_H */
