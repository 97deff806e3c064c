/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal layout of a managed pool, shared by managed.c (handles, generations,
 * collections) and compress.c (the compressed cold tier). See managed.c for the design.
 */
#ifndef _MPOOL_MANAGED_H
#define _MPOOL_MANAGED_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>

#include <mpool.h>

#define MPOOL_M_SEGMENT		(32U << 10)
#define MPOOL_M_ALIGN		8
#define MPOOL_M_MOVING		(-1)
#define MPOOL_M_MAX_SURVIVALS	255

struct mpool_m_segment {
	struct list_head link;		/* on its generation's list */
	struct list_head objects;	/* the live entries it holds */
	void *base;
	unsigned int used;		/* bytes carved so far */
	unsigned int live_bytes;
	unsigned int live_objects;
	u8 gen;
	bool open;			/* a CPU or its generation still carves from it */
	bool evacuate;			/* an old collection empties it */
};

struct mpool_m_entry {
	void *addr;
	struct mpool_m_segment *seg;
	struct list_head link;		/* on seg->objects while live */
	u32 tag;			/* the allocation served now; 0: never used */
	u32 size;
	atomic_t pins;			/* maps, or MPOOL_M_MOVING */
	u32 next_free;			/* the free list: index + 1, 0 ends it */
	u8 gen;
	u8 survivals;			/* young collections survived */
	bool live;
	u64 born_ns;
};

struct mpool_m_pool {
	spinlock_t lock;		/* everything below but the works */
	struct mutex collect_lock;	/* outside lock: one collection at a time */
	struct mpool_m_entry *entries;
	unsigned int nr_entries;
	unsigned int next_unused;	/* entries never used start here */
	u32 free_head;			/* index + 1 of the first free entry, 0: none */
	struct list_head segments[MPOOL_NR_GENS];
	struct mpool_m_segment **young_open;	/* per CPU */
	struct mpool_m_segment *gen_open[MPOOL_NR_GENS];	/* old and permanent */
	size_t held;			/* bytes of all segments, reserved ones included */
	size_t budget;
	size_t max_size;
	int node;
	struct mpool_m_policy policy;
	struct mpool_m_stats stats;	/* stale_refusals: see below */
	atomic64_t stale_refusals;	/* map and unmap count without the lock */
	struct delayed_work young_work;
	struct delayed_work old_work;
	char name[MPOOL_NAME_MAX];
};

#endif /* _MPOOL_MANAGED_H */
