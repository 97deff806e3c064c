/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Internal layout of an object pool, shared by the files of mpool.ko.
 *
 * Lock order (outermost first):
 *   1. mpool_registry_lock   (mutex, pool.c)         the list of pools and their names
 *   2. mpool_adapt->lock     (mutex, adapt.c)        the adaptive controller's state
 *   3. mpool->config_lock    (mutex)                 limits, magazine size, flags, drains
 *   4. mpool_cpu->lock       (per CPU, only ever tried: compat.h) the CPU's magazines;
 *                                                    a context that finds it taken uses
 *                                                    5 and 6 instead (magazine.c)
 *   5. mpool_node->depot_lock (spinlock, irqsave)    the node's full/empty magazines
 *   6. mpool_node->slab_lock  (spinlock, irqsave)    the node's slab lists and counts
 *   7. mpool->reserve_lock    (spinlock, irqsave)    the reserve stash
 *   7. mpool->stats_lock      (spinlock, irqsave)    the reset base of the counters
 * mpool->scratch_lock (spinlock, irqsave), the snapshot scratch, is taken under no
 * spinlock of mpool.ko; under it only 6 and 7 of the pool (of a buffer pool's classes,
 * for its head), never another pool's scratch_lock.
 * The CPU hotplug lock (cpus_read_lock()) is taken under 1-3, never the reverse: the
 * hotplug callback (magazine.c) takes only 6.
 * Nothing sleeps under 4-7 (!PREEMPT_RT). Depot and slab locks are always taken with
 * interrupts off: a hard interrupt that finds 4 taken goes to them.
 */
#ifndef _MPOOL_POOL_H
#define _MPOOL_POOL_H

#include <linux/atomic.h>
#include <linux/irqflags.h>
#include <linux/list.h>
#include <linux/log2.h>
#include <linux/math64.h>
#include <linux/mm.h>
#include <linux/mutex.h>
#include <linux/percpu.h>
#include <linux/reciprocal_div.h>
#include <linux/sched/clock.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include <linux/xarray.h>

#include <mpool.h>

#include "compat.h"

/* Per-CPU event counters; the indexes match the first fields of struct mpool_stats. */
enum mpool_cpu_stat {
	MPOOL_STAT_ALLOC_MAGAZINE,
	MPOOL_STAT_ALLOC_DEPOT,
	MPOOL_STAT_ALLOC_SLAB,
	MPOOL_STAT_ALLOC_PAGE,
	MPOOL_STAT_ALLOC_RESERVE,
	MPOOL_STAT_ALLOC_REMOTE,
	MPOOL_STAT_ALLOC_FAIL,
	MPOOL_STAT_ALLOC_CAPPED,
	MPOOL_STAT_FREE_MAGAZINE,
	MPOOL_STAT_FREE_DEPOT,
	MPOOL_STAT_FREE_SLAB,
	MPOOL_STAT_FREE_RESERVE,
	MPOOL_STAT_FREE_REMOTE,
	MPOOL_STAT_REQUESTED_BYTES,	/* buffer classes: bytes asked by allocations */
	MPOOL_NR_CPU_STATS
};

/* Distinct call sites (or buffers) a leak report lists; the rest are summed up. */
#define MPOOL_LEAK_SITES	8

/* Internal flag beside enum mpool_flags: poisoning was on at some point. */
#define MPOOL_IF_POISON_SEEN	BIT(16)

/*
 * mpool->hooks: whether allocations or frees have work beyond the magazines: one test
 * of one word on each hit path. Set and cleared with atomic bit operations, as two
 * lock domains write it (config_lock: GET, PUT; reserve_lock: RESERVE).
 */
enum {
	MPOOL_HOOK_GET_BIT,	/* poison seen, tracking or on_get */
	MPOOL_HOOK_PUT_BIT,	/* poisoning, tracking, zeroing or on_put */
	MPOOL_HOOK_RESERVE_BIT,	/* the reserve is short: frees refill it */
};

#define MPOOL_HOOK_GET		BIT(MPOOL_HOOK_GET_BIT)
#define MPOOL_HOOK_PUT		BIT(MPOOL_HOOK_PUT_BIT)
#define MPOOL_HOOK_RESERVE	BIT(MPOOL_HOOK_RESERVE_BIT)

/* A stack of object pointers, moved whole between a CPU and its node depot. */
struct mpool_magazine {
	struct list_head link;		/* on a depot list */
	unsigned int count;
	unsigned int capacity;
	void *objs[];
};

/*
 * One set of a CPU's counters. Plain u64s, added to without atomics by one context at
 * a time (see struct mpool_cpu) and read with READ_ONCE() by the snapshot, which may
 * be a little behind: exact when the pool is quiet (on 32-bit a read racing an add
 * may see a torn value).
 */
struct mpool_counters {
	u64 stat[MPOOL_NR_CPU_STATS];
	u64 lifetime_hist[MPOOL_HIST_BUCKETS];
	u64 size_hist[MPOOL_HIST_BUCKETS];	/* buffer classes: sizes asked */
	/* Per object node, the allocations and frees that crossed nodes (NULL: one node). */
	u64 *node_allocs;
	u64 *node_frees;
};

struct mpool_cpu {
	struct mpool_local_trylock lock;	/* loaded, previous, remote, hot */
	struct mpool_magazine *loaded;	/* allocations pop, frees push */
	struct mpool_magazine *previous;	/* swapped in when loaded runs dry/full */
	/* Frees of other nodes' objects, batched per home node (numa.c). */
	struct mpool_magazine **remote;
	int node;			/* the node whose objects this CPU caches */
	/* Counted by the holder of lock: the hit path and everything under the lock. */
	struct mpool_counters hot;
	/* Counted by everyone else (slow paths, interrupted holders) with IRQs off. */
	struct mpool_counters cold;
	struct work_struct drain_work;
	struct mpool *pool;
	u8 reap_state;			/* MPOOL_CPU_*: misses since the last trim pass */
};

/*
 * pc->reap_state. A miss of the magazines (a refill or a spill, pc held) marks the CPU
 * TOUCHED; a trim pass turns TOUCHED into IDLE, and drains an IDLE CPU (DRAINED), as
 * SLAB's cache_reap() did with per-CPU arrays nobody had touched. Written by both
 * without a lock: a lost mark costs one early drain, which the next miss refills.
 */
enum {
	MPOOL_CPU_DRAINED,
	MPOOL_CPU_IDLE,
	MPOOL_CPU_TOUCHED,
};

/* Partial slabs are kept in buckets by how full they are; refills take the fullest. */
#define MPOOL_PARTIAL_BUCKETS	4
/* Free slabs a node keeps beyond its warm level when trimmed: against page churn. */
#define MPOOL_TRIM_KEEP_SLABS	2

struct mpool_node {
	spinlock_t depot_lock;		/* the depot fields below, up to slab_lock */
	struct list_head full;		/* magazines holding objects, newest first */
	struct list_head empty;		/* spare magazines */
	unsigned int nr_full;
	unsigned int nr_empty;
	unsigned int depot_objects;	/* objects in the full list */
	unsigned int depot_max;		/* magazines kept on each list */
	unsigned int ws_min_full;	/* fewest full magazines since the last reap */

	/* The slab fields below; its own cache line, away from the depot's. */
	spinlock_t slab_lock ____cacheline_aligned_in_smp;
	struct list_head partial[MPOOL_PARTIAL_BUCKETS];	/* [0]: fullest */
	struct list_head full_slabs;
	struct list_head free_slabs;
	unsigned long nr_slabs;
	unsigned long nr_free_slabs;
	unsigned long nr_pages;
	unsigned long nr_objects;	/* carved on this node */
	unsigned long slab_free;	/* free objects in this node's slabs */
	u64 slabs_grown;
	u64 slabs_released;
	u64 shrinker_scans;
	u64 shrinker_freed;
	unsigned long warm_objects;	/* the most mpool_warm() asked: trimming keeps it */

	int nid;
	int *fallback;			/* other nodes with memory, nearest first */
	unsigned int nr_fallback;
};

/* Call site and time of one allocation, MPOOL_F_TRACK. */
struct mpool_track {
	unsigned long caller;
	u64 alloc_ns;			/* mpool_lifetime_stamp(); 0: not through the API */
};

/*
 * A slab: 2^order pages from one node, carved into objects. The descriptor lives
 * outside the pages so that objects keep their alignment and constructed state;
 * the head page's private field points here (no per-object header).
 */
struct mpool_slab {
	struct list_head link;		/* on a partial bucket, full_slabs or free_slabs */
	struct mpool *pool;
	void *base;			/* its first page's address; the page: slab_page() */
	/* Small, so that the descriptor of a slab of small objects takes 64 bytes. */
	u16 nr_objects;			/* usable objects (fewer than fit when capped) */
	u16 nr_free;
	u16 list_id;			/* which list link is on (slab.c) */
	s16 nid;
	struct mpool_track *track;	/* per object, MPOOL_F_TRACK */
	/*
	 * Two maps of objs_per_slab bits: free_map (bit set: object free in the slab),
	 * then the poisoned map (mpool_slab_poisoned(): idle and poisoned, poison.c).
	 */
	unsigned long free_map[];
};

/* The objects of a slab are at most this many (slab.c checks the geometry). */
#define MPOOL_SLAB_MAX_OBJECTS	U16_MAX

/* What a release gave back. */
struct mpool_release {
	unsigned long objects;
	unsigned long pages;
};

/* ---- buffer pools (bufpool.c) ---- */

struct mpool_buf_class {
	unsigned int size;
	struct mpool *pool;		/* a hidden object pool */
};

/* Per CPU: what the classes do not count themselves. */
struct mpool_buf_cpu {
	u64 oversize_allocs;
	u64 oversize_frees;
	u64 oversize_fail;
};

struct mpool_buf_pool {
	struct mpool *head;		/* the registry entry: name, id, summed stats */
	struct mpool_buf_cpu __percpu *cpu;
	struct mpool_buf_cpu oversize_base;	/* at the last reset (head's stats_lock) */
	atomic_long_t oversize_live;
	int node;			/* every class's, and the oversize buffers' */
	unsigned int nr_classes;
	bool pow2;			/* classes are 64 << i: found with one log2 */
	struct mpool_buf_class classes[];
};

struct mpool_adapt;

struct mpool {
	/* Read on every allocation and free. */
	struct mpool_cpu __percpu *cpu;
	unsigned int flags;		/* READ_ONCE: MPOOL_F_POISON changes at run time */
	unsigned long hooks;		/* MPOOL_HOOK_*, READ_ONCE */
	unsigned int size;
	unsigned int stride;
	struct reciprocal_value stride_recip;
	unsigned int magazine_size;
	int home_node;			/* NUMA_NO_NODE: every node */
	bool numa_routing;		/* frees must check the object's node */
	unsigned int min_objects;	/* the free path refills the reserve up to it */
	unsigned int reserve_count;
	void (*on_get)(void *obj, void *priv);
	void (*on_put)(void *obj, void *priv);
	void *priv;

	/* Slab geometry and growth. */
	unsigned int slab_order;
	unsigned int objs_per_slab;
	unsigned int max_objects;
	atomic_long_t nr_objects;	/* carved on all nodes, for max_objects */
	int (*ctor)(void *obj, void *priv, gfp_t gfp);
	void (*dtor)(void *obj, void *priv);
	struct mpool_node **nodes;	/* [nr_node_ids], one per possible node */
	struct xarray slab_index;	/* head pfn -> slab, to validate frees */

	spinlock_t reserve_lock;	/* reserve, reserve_count, reserve_capacity */
	unsigned int reserve_capacity;
	void **reserve;

	atomic64_t peak_live;
	u64 peak_live_ns;
	spinlock_t stats_lock;		/* stats_base */
	struct mpool_stats stats_base;	/* counters at the last mpool_reset_stats() */
	/*
	 * Where a snapshot is folded without allocating (and so without failing):
	 * a reset's, or on a buffer pool's head each class's in turn.
	 */
	spinlock_t scratch_lock;
	struct mpool_stats scratch;
	atomic64_t poison_errors;
	atomic64_t double_frees;
	atomic64_t invalid_frees;

	struct hlist_node cpuhp_node;	/* drains the magazines of a dead CPU */
	struct mutex config_lock;	/* serialises limits, magazine size, flags, drains */
	struct shrinker *shrinker;
	struct delayed_work trim_work;	/* reaps idle depots, trims free slabs */
	struct dentry *debugfs;
	struct work_struct limit_work;	/* sends pool-limit-ntf (netlink.c) */
	unsigned long limit_ntf_jiffies;
	struct list_head registry_link;	/* registry, or graveyard after a leaky destroy */
	struct mpool_buf_pool *buf;	/* a buffer pool's registry entry (no objects) */
	struct mpool_m_pool *managed;	/* a managed pool's registry entry (no objects) */
	struct mpool_buf_pool *owner;	/* a buffer class: its buffer pool (not registered) */
	struct mpool_adapt *adapt;	/* adaptive controller, NULL when off (adapt.c) */
	u32 id;
	char name[MPOOL_NAME_MAX];
};

/* The node an object's page lives on (inline: mpool_free() asks it on NUMA machines). */
static __always_inline int mpool_obj_node(const void *obj)
{
	return page_to_nid(virt_to_page(obj));
}

/* ---- per-CPU access (magazine.c) ---- */

/*
 * Take the calling CPU's magazines into *@pc; false when a context this one interrupted
 * (or, on PREEMPT_RT, preempted) holds them. Never waits, never masks interrupts. On
 * success the caller stays on the CPU until mpool_cpu_unlock().
 */
static __always_inline bool mpool_cpu_trylock(struct mpool *pool, struct mpool_cpu **pc)
{
	mpool_local_pin();
	*pc = this_cpu_ptr(pool->cpu);
	if (likely(mpool_local_trylock(&(*pc)->lock)))
		return true;
	mpool_local_unpin();
	return false;
}

static __always_inline void mpool_cpu_unlock(struct mpool_cpu *pc)
{
	mpool_local_unlock(&pc->lock);
	mpool_local_unpin();
}

/* A task bound to the CPU (the drain work) takes it whatever it takes. */
static inline struct mpool_cpu *mpool_cpu_lock(struct mpool *pool)
{
	struct mpool_cpu *pc;

	mpool_local_pin();
	pc = this_cpu_ptr(pool->cpu);
	mpool_local_lock(&pc->lock);
	return pc;
}

/* The log2 histogram bucket of @v (bucket i: [2^i, 2^(i+1)), the last open-ended). */
static inline unsigned int mpool_hist_bucket(u64 v)
{
	return v ? min_t(unsigned int, ilog2(v), MPOOL_HIST_BUCKETS - 1) : 0;
}

/*
 * Lifetimes (tracked objects, a managed pool's objects) are stamped with local_clock(),
 * the CPU's own clock, not ktime_get_ns(): that one reads the clocksource, and where
 * the clocksource is the HPET (a kernel that found the TSC unstable; QEMU TCG guests)
 * each read is an emulated MMIO access. Two per archived line took 3% of the log
 * server's time. Another CPU's clock may run a little behind the stamping CPU's: a
 * negative span counts in the first bucket.
 */
static inline u64 mpool_lifetime_stamp(void)
{
	return local_clock();
}

/* The lifetime histogram bucket (microseconds) of an object stamped @born, at @now. */
static inline unsigned int mpool_lifetime_bucket_at(u64 born, u64 now)
{
	s64 ns = now - born;

	return mpool_hist_bucket(ns > 0 ? div_u64(ns, NSEC_PER_USEC) : 0);
}

/* The same, now. */
static inline unsigned int mpool_lifetime_bucket(u64 born)
{
	return mpool_lifetime_bucket_at(born, mpool_lifetime_stamp());
}

/*
 * For the benchmark only, not a product option: `make bench` (tests/bench) also builds
 * mpool.ko with -DMPOOL_BENCH_NO_STATS, under which the per-CPU counters of the helpers
 * below compile to nothing, to measure what they cost. That build's statistics read 0.
 */
#ifdef MPOOL_BENCH_NO_STATS
#define MPOOL_BENCH_STATS	0
#else
#define MPOOL_BENCH_STATS	1
#endif

static __always_inline void mpool_stat_add(struct mpool_counters *c, enum mpool_cpu_stat item,
					   unsigned int n)
{
	if (MPOOL_BENCH_STATS)
		c->stat[item] += n;
}

static __always_inline void mpool_stat_lifetime(struct mpool_counters *c, int bucket)
{
	if (MPOOL_BENCH_STATS)
		c->lifetime_hist[bucket]++;
}

static __always_inline void mpool_stat_node(u64 *per_node, int nid)
{
	if (MPOOL_BENCH_STATS)
		per_node[nid]++;
}

/* A buffer class's allocation also counts the size asked; 0 for object pools. */
static __always_inline void mpool_stat_requested(struct mpool_counters *c, size_t req_size)
{
	if (!MPOOL_BENCH_STATS)
		return;
	c->stat[MPOOL_STAT_REQUESTED_BYTES] += req_size;
	c->size_hist[mpool_hist_bucket(req_size)]++;
}

/*
 * The calling CPU's cold counters, for a path that does not hold its magazines: with
 * interrupts off, as an interrupt may count there too. Ends with mpool_count_end().
 */
static __always_inline struct mpool_counters *mpool_count_begin(struct mpool *pool,
								unsigned long *irqflags)
{
	local_irq_save(*irqflags);
	return &this_cpu_ptr(pool->cpu)->cold;
}

static __always_inline void mpool_count_end(unsigned long irqflags)
{
	local_irq_restore(irqflags);
}

void *mpool_alloc_from(struct mpool *pool, gfp_t gfp, int node, unsigned long caller,
		       size_t req_size);
void mpool_update_hooks(struct mpool *pool);
int mpool_cpuhp_init(void);
void mpool_cpuhp_exit(void);
int mpool_cpu_init(struct mpool *pool);
void mpool_cpu_exit(struct mpool *pool);
void mpool_drain_cpus(struct mpool *pool);
bool mpool_drain_idle_cpus(struct mpool *pool);
void mpool_drain_cpus_quiesced(struct mpool *pool);

/* ---- depot.c ---- */
void mpool_depot_init(struct mpool_node *n, unsigned int depot_max);
struct mpool_magazine *mpool_magazine_new(struct mpool *pool, int nid, gfp_t gfp);
struct mpool_magazine *mpool_depot_get_empty(struct mpool *pool, struct mpool_node *n);
struct mpool_magazine *mpool_depot_exchange_full(struct mpool *pool, struct mpool_node *n,
						 struct mpool_magazine *empty);
struct mpool_magazine *mpool_depot_exchange_empty(struct mpool *pool, struct mpool_node *n,
						  struct mpool_magazine *full);
unsigned int mpool_depot_take(struct mpool *pool, struct mpool_node *n, unsigned int nr,
			      void **objs);
unsigned long mpool_depot_reap(struct mpool *pool, struct mpool_node *n);
unsigned long mpool_depot_flush(struct mpool *pool, struct mpool_node *n,
				unsigned long max_objects);

/* ---- slab.c ---- */
gfp_t mpool_nested_gfp(gfp_t gfp);
int mpool_slab_geometry(struct mpool *pool);
void mpool_slab_node_init(struct mpool_node *n);
unsigned int mpool_slab_take(struct mpool *pool, struct mpool_node *n, unsigned int nr,
			     void **objs);
void mpool_slab_put(struct mpool *pool, struct mpool_node *n, unsigned int nr,
		    void *const *objs);
int mpool_slab_grow(struct mpool *pool, int nid, gfp_t gfp, void **obj);
struct mpool_release mpool_slab_release_free(struct mpool *pool, struct mpool_node *n,
					     unsigned long max_objects);
struct mpool_release mpool_slab_trim(struct mpool *pool, struct mpool_node *n);
struct mpool_slab *mpool_obj_to_slab(const void *obj);
struct mpool_slab *mpool_lookup_slab(struct mpool *pool, const void *obj);
unsigned int mpool_slab_index(const struct mpool *pool, const struct mpool_slab *slab,
			      const void *obj);
/* Called for each object in use: object @idx of @slab. */
typedef void (*mpool_live_fn)(struct mpool *pool, struct mpool_slab *slab, unsigned int idx,
			      void *ctx);
unsigned long mpool_slab_visit_live(struct mpool *pool, mpool_live_fn fn, void *ctx);
unsigned long mpool_slab_retire(struct mpool *pool);
void mpool_slab_free_kept(struct mpool *pool);

/* ---- numa.c ---- */
int mpool_nodes_init(struct mpool *pool);
void mpool_nodes_exit(struct mpool *pool);
int mpool_numa_cpu_init(struct mpool *pool, struct mpool_cpu *pc, int cpu);
void mpool_numa_cpu_exit(struct mpool_cpu *pc);
int mpool_cpu_home_node(const struct mpool *pool, int cpu);
bool mpool_node_has_memory(int nid);
bool mpool_alloc_node_valid(struct mpool *pool, int node);
void *mpool_alloc_slow(struct mpool *pool, int nid, gfp_t gfp, size_t req_size);
void mpool_count_alloc(struct mpool *pool, enum mpool_cpu_stat item, void *obj,
		       size_t req_size);
enum mpool_cpu_stat mpool_free_remote(struct mpool *pool, struct mpool_cpu *pc, void *obj,
				      int nid);
void mpool_flush_remote(struct mpool *pool, struct mpool_cpu *pc);

/* ---- capacity.c ---- */
int mpool_reserve_fill(struct mpool *pool);
void *mpool_reserve_take(struct mpool *pool);
bool mpool_reserve_refill(struct mpool *pool, void *obj);
void mpool_reserve_drain(struct mpool *pool);
int mpool_shrinker_init(struct mpool *pool);
void mpool_shrinker_exit(struct mpool *pool);
void mpool_trim_init(struct mpool *pool);
void mpool_trim_schedule(struct mpool *pool);
void mpool_trim_exit(struct mpool *pool);

/* ---- stats.c ---- */
void mpool_sample_peak(struct mpool *pool);
void mpool_count_event(struct mpool *pool, enum mpool_cpu_stat item);

/* ---- poison.c ---- */
/* A slab's map of idle, poisoned objects: after its free map (struct mpool_slab). */
static inline unsigned long *mpool_slab_poisoned(const struct mpool *pool,
						 struct mpool_slab *slab)
{
	return slab->free_map + BITS_TO_LONGS(pool->objs_per_slab);
}

void mpool_poison_object(struct mpool *pool, void *obj);
void mpool_poison_slab(struct mpool *pool, struct mpool_slab *slab);
bool mpool_poison_free_ok(struct mpool *pool, void *obj);
void mpool_poison_check(struct mpool *pool, void *obj, unsigned int flags);
void mpool_report_invalid_free(struct mpool *pool, const void *obj);

/* ---- track.c ---- */
int mpool_track_alloc(struct mpool *pool, struct mpool_slab *slab, gfp_t gfp);
void mpool_track_free(struct mpool_slab *slab);
void mpool_track_get(struct mpool *pool, void *obj, unsigned long caller);
int mpool_track_put(struct mpool *pool, void *obj);
void mpool_track_report_leaks(struct mpool *pool);

/* ---- bufpool.c ---- */
struct mpool *mpool_buf_class_at(struct mpool_buf_pool *bp, unsigned int idx);
void mpool_buf_oversize(struct mpool_buf_pool *bp, struct mpool_buf_cpu *sum);
void mpool_buf_release(struct mpool_buf_pool *bp);
int mpool_kbuf_init(void);
void mpool_kbuf_exit(void);

/* ---- adapt.c ---- */
struct mpool_adapt_info {
	bool on;
	bool rebalance;
	unsigned int interval_s;
	u64 last_ns;		/* when the last decision was taken, 0 never */
	char last[160];		/* what it was and why */
};

void mpool_adapt_read(struct mpool *pool, struct mpool_stats *stats);
void mpool_adapt_describe(struct mpool *pool, struct mpool_adapt_info *info);
void mpool_adapt_free(struct mpool *pool);
#if IS_ENABLED(CONFIG_KUNIT)
/* For KUnit: drive the controller with a fake clock (VISIBLE_IF_KUNIT). */
int mpool_adapt_step(struct mpool *pool, u64 now_s);
int mpool_adapt_control(struct mpool *pool, bool on, unsigned int interval_s,
			bool rebalance, bool timer);
#endif

/* ---- pool.c ---- */
struct mpool *mpool_create_hidden(const struct mpool_config *cfg, struct mpool_buf_pool *owner);
struct mpool *mpool_create_head(const char *name, unsigned int flags,
				struct mpool_buf_pool *bp, struct mpool_m_pool *mp);
void mpool_destroy_head(struct mpool *head);
extern struct mutex mpool_registry_lock;
struct mpool *mpool_find_locked(const char *name);
struct mpool *mpool_find_by_id_locked(u32 id);
struct mpool *mpool_next_locked(unsigned long *id);
unsigned int mpool_registry_generation_locked(void);
void mpool_release_graveyard(void);

#endif /* _MPOOL_POOL_H */
