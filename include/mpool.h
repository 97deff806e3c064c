/* SPDX-License-Identifier: GPL-2.0 */
/*
 * mpool: per-CPU, NUMA-aware object pools for in-kernel consumers.
 *
 * An object pool hands out objects of one size from the calling CPU's magazines
 * (no atomics, no shared cache lines), refills and flushes them a whole magazine at
 * a time through a per-NUMA-node depot, and carves the objects from pages it
 * allocates on the right node. Objects keep their constructed state between uses.
 *
 *	static struct mpool *conn_pool;
 *
 *	conn_pool = mpool_create(&(struct mpool_config){
 *		.name = "conn", .size = sizeof(struct conn),
 *		.ctor = conn_ctor, .dtor = conn_dtor, .min_objects = 64,
 *	});
 *	c = mpool_alloc(conn_pool, GFP_KERNEL);
 *	...
 *	mpool_free(conn_pool, c);
 *	mpool_destroy(conn_pool);
 *
 * Build against this header with -I<mpool>/include and depend on mpool.ko.
 */
#ifndef _MPOOL_H
#define _MPOOL_H

#include <linux/bits.h>
#include <linux/gfp.h>
#include <linux/math64.h>
#include <linux/minmax.h>
#include <linux/mm.h>
#include <linux/numa.h>
#include <linux/types.h>
#include <uapi/linux/mpool.h>

/* Longest pool name, terminating NUL included. Names use [A-Za-z0-9_.-]. */
#define MPOOL_NAME_MAX		(MPOOL_NAME_LEN_MAX + 1)
/* Largest object an object pool takes (the largest buffer class is 2 MiB). */
#define MPOOL_MAX_OBJECT_SIZE	(4UL << 20)
/* Largest magazine, in objects. */
#define MPOOL_MAX_MAGAZINE	MPOOL_MAGAZINE_MAX
/* Buckets of the log2 lifetime histogram (bucket i: [2^i, 2^(i+1)) microseconds). */
#define MPOOL_HIST_BUCKETS	32

/**
 * enum mpool_flags - behaviour of an object pool
 * @MPOOL_F_ZERO_ON_FREE: scrub every object with memzero_explicit() when it is freed.
 *	Excludes a constructor, whose state it would wipe.
 * @MPOOL_F_IRQSAFE: the pool may be used from hard interrupt context. The hit path is
 *	the same for every pool (no interrupt or bottom-half masking: an interrupt that
 *	finds its CPU's magazines in use goes to the node's depot); refused on
 *	PREEMPT_RT, where the depot's locks sleep.
 * @MPOOL_F_POISON: fill idle objects with a pattern and check it on allocation, so a
 *	write after free or a double free is reported and counted instead of corrupting
 *	the next user; also rejects frees of pointers the pool never handed out. May be
 *	switched at run time with mpool_set_flags(). Excludes a constructor.
 * @MPOOL_F_TRACK: record the call site and time of every allocation, for the leak
 *	report of mpool_destroy() and the lifetime histogram.
 */
enum mpool_flags {
	MPOOL_F_ZERO_ON_FREE	= MPOOL_POOL_FLAGS_ZERO_ON_FREE,
	MPOOL_F_IRQSAFE		= MPOOL_POOL_FLAGS_IRQSAFE,
	MPOOL_F_POISON		= MPOOL_POOL_FLAGS_POISON,
	MPOOL_F_TRACK		= MPOOL_POOL_FLAGS_TRACK,
};

/* Flags mpool_set_flags() may change on a live pool. */
#define MPOOL_F_RUNTIME		(MPOOL_F_POISON)
#define MPOOL_F_ALL		(MPOOL_F_ZERO_ON_FREE | MPOOL_F_IRQSAFE | \
				 MPOOL_F_POISON | MPOOL_F_TRACK)

/**
 * struct mpool_config - what mpool_create() builds
 * @name: unique name shown by the tools; copied.
 * @size: object size in bytes, 1 to %MPOOL_MAX_OBJECT_SIZE.
 * @align: object alignment, a power of two up to PAGE_SIZE; 0 means the smallest the
 *	architecture gives slab objects (at least a pointer's), as kmem_cache_create()
 *	without SLAB_HWCACHE_ALIGN. Objects written by different CPUs at once want
 *	cache_line_size() here.
 * @flags: &enum mpool_flags.
 * @ctor: optional; runs once per object when the pool carves it from fresh pages, in
 *	the allocating context (@gfp says whether it may sleep). Returns 0 or a negative
 *	errno, in which case the objects of that slab already constructed are destroyed
 *	with @dtor and the allocation fails.
 * @dtor: optional; runs once per constructed object when its pages are released
 *	(shrink, shrinker, destroy), in process context or reclaim.
 * @on_get: optional; runs on every object handed out, after any constructor and
 *	outside every mpool lock, in the caller's context.
 * @on_put: optional; runs on every object given back, before it is cached.
 * @priv: passed to the four callbacks above.
 * @min_objects: the reserve: objects prefilled at creation and kept aside; they serve
 *	allocations the page allocator cannot, and are never reclaimed.
 * @max_objects: most objects the pool may carve (cached + in use); 0 for no cap.
 * @magazine_size: objects per magazine; 0 chooses from the object size.
 * @node: NUMA node all memory comes from, or %NUMA_NO_NODE for every node, each CPU
 *	using its own.
 */
struct mpool_config {
	const char *name;
	size_t size;
	size_t align;
	unsigned int flags;
	int (*ctor)(void *obj, void *priv, gfp_t gfp);
	void (*dtor)(void *obj, void *priv);
	void (*on_get)(void *obj, void *priv);
	void (*on_put)(void *obj, void *priv);
	void *priv;
	unsigned int min_objects;
	unsigned int max_objects;
	unsigned int magazine_size;
	int node;
};

/**
 * struct mpool_stats - one snapshot of a pool, the numbers every reader shows
 *
 * Every successful allocation is counted once, under the deepest layer it reached;
 * every free once, under where the object went. So at any quiet moment
 * live == (sum of alloc_*) - (sum of free_*) and objects == live + cached.
 *
 * @alloc_magazine: served from the CPU's loaded or previous magazine.
 * @alloc_depot: served after exchanging magazines with the node depot.
 * @alloc_slab: served from free objects of the node's slabs.
 * @alloc_page: needed a new slab from the page allocator.
 * @alloc_reserve: the page allocator failed and the reserve served it (reserve dip).
 * @alloc_remote: came from another node's slabs than the caller's (explicit node or
 *	fallback when the local node had no memory).
 * @alloc_fail: returned NULL for lack of memory, reserve empty.
 * @alloc_capped: returned NULL because @max_objects objects exist.
 * @free_magazine: went into the CPU's loaded or previous magazine.
 * @free_depot: went into a magazine after an exchange with the node depot.
 * @free_slab: went straight back to its slab.
 * @free_reserve: refilled the reserve.
 * @free_remote: belonged to another node and was sent home.
 * @slabs_grown: slabs allocated (expansions).
 * @slabs_released: slabs given back to the page allocator (contractions).
 * @shrinker_scans: scan callbacks from the memory shrinker.
 * @shrinker_freed: objects the shrinker released.
 * @poison_errors: idle objects found written (write after free), %MPOOL_F_POISON.
 * @double_frees: frees of objects already free, %MPOOL_F_POISON.
 * @invalid_frees: frees of pointers this pool never handed out, %MPOOL_F_POISON.
 * @requested_bytes: bytes asked of a buffer pool or class by its allocations.
 * @oversize_allocs: buffer requests above the largest class (kvmalloc'ed).
 * @oversize_frees: oversize buffers freed.
 * @adapt_expansions: times the adaptive controller warmed the pool ahead of demand.
 * @adapt_shrinks: times it shrank the pool for lack of demand.
 * @adapt_magazine_grows: times it grew the magazine size (many depot exchanges).
 * @adapt_magazine_shrinks: times it shrank the magazine size (idle).
 * @adapt_rebalances: times it moved cached memory between nodes.
 * @live: objects handed out and not yet freed.
 * @cached: objects ready for allocation (magazines, depot, slabs, reserve).
 * @objects: objects carved: @live + @cached.
 * @reserve: objects in the reserve now.
 * @slabs: slabs held.
 * @pages: pages held by those slabs.
 * @peak_live: highest @live seen; sampled at every depot exchange and every
 *	snapshot, so the true peak may exceed it by at most two magazines per CPU.
 * @peak_live_ns: CLOCK_REALTIME nanoseconds when @peak_live was seen.
 * @oversize_live: oversize buffers in use.
 * @live_bytes: bytes of the objects in use (@live times the object size; a buffer
 *	pool sums its classes).
 * @granted_bytes: bytes of the classes that served @requested_bytes (allocations
 *	times class size), for internal fragmentation.
 * @object_size: the configured object size.
 * @object_stride: bytes an object occupies in its slab (size rounded to alignment).
 * @magazine_size: objects per magazine now.
 * @min_objects: the reserve target now.
 * @max_objects: the cap now (0: none).
 * @flags: &enum mpool_flags now.
 * @lifetime_hist: log2 histogram of object lifetimes in microseconds, for pools with
 *	%MPOOL_F_TRACK.
 * @size_hist: log2 histogram of requested sizes in bytes (buffer pools and classes).
 *
 * The counters run from @alloc_magazine to @adapt_rebalances, plus the histograms:
 * mpool_reset_stats() restarts them. A buffer pool's snapshot is the sum of its
 * classes' (its peak_live is sampled at each snapshot).
 */
struct mpool_stats {
	u64 alloc_magazine;
	u64 alloc_depot;
	u64 alloc_slab;
	u64 alloc_page;
	u64 alloc_reserve;
	u64 alloc_remote;
	u64 alloc_fail;
	u64 alloc_capped;
	u64 free_magazine;
	u64 free_depot;
	u64 free_slab;
	u64 free_reserve;
	u64 free_remote;
	u64 slabs_grown;
	u64 slabs_released;
	u64 shrinker_scans;
	u64 shrinker_freed;
	u64 poison_errors;
	u64 double_frees;
	u64 invalid_frees;
	u64 requested_bytes;
	u64 oversize_allocs;
	u64 oversize_frees;
	u64 adapt_expansions;
	u64 adapt_shrinks;
	u64 adapt_magazine_grows;
	u64 adapt_magazine_shrinks;
	u64 adapt_rebalances;
	u64 live;
	u64 cached;
	u64 objects;
	u64 reserve;
	u64 slabs;
	u64 pages;
	u64 peak_live;
	u64 peak_live_ns;
	u64 oversize_live;
	u64 live_bytes;
	u64 granted_bytes;
	u64 object_size;
	u64 object_stride;
	u64 magazine_size;
	u64 min_objects;
	u64 max_objects;
	u64 flags;
	u64 lifetime_hist[MPOOL_HIST_BUCKETS];
	u64 size_hist[MPOOL_HIST_BUCKETS];
};

/**
 * struct mpool_node_pair - traffic between a CPU node and an object node
 * @allocs: objects of the object node allocated by CPUs of the CPU node.
 * @frees: objects of the object node freed by CPUs of the CPU node.
 */
struct mpool_node_pair {
	u64 allocs;
	u64 frees;
};

/* Successful allocations in a snapshot (every path). */
static inline u64 mpool_stats_allocs(const struct mpool_stats *st)
{
	return st->alloc_magazine + st->alloc_depot + st->alloc_slab + st->alloc_page +
	       st->alloc_reserve + st->alloc_remote;
}

/* Frees in a snapshot (every path). */
static inline u64 mpool_stats_frees(const struct mpool_stats *st)
{
	return st->free_magazine + st->free_depot + st->free_slab + st->free_reserve +
	       st->free_remote;
}

/* Allocations served by the CPU's magazines, in parts per million. */
static inline u32 mpool_stats_hit_rate(const struct mpool_stats *st)
{
	u64 allocs = mpool_stats_allocs(st);

	return allocs ? div64_u64(st->alloc_magazine * 1000000, allocs) : 0;
}

/* Bytes of objects in use per byte of pages held, in parts per million. */
static inline u32 mpool_stats_efficiency(const struct mpool_stats *st)
{
	u64 held = st->pages * PAGE_SIZE;

	if (!held)
		return 0;
	return min_t(u64, div64_u64(st->live_bytes * 1000000, held), 1000000);
}

/* Internal fragmentation of a buffer pool or class, in parts per million. */
static inline u32 mpool_stats_fragmentation(const struct mpool_stats *st)
{
	if (!st->granted_bytes || st->requested_bytes >= st->granted_bytes)
		return 0;
	return div64_u64((st->granted_bytes - st->requested_bytes) * 1000000,
			 st->granted_bytes);
}

struct mpool;

struct mpool *mpool_create(const struct mpool_config *cfg);
void mpool_destroy(struct mpool *pool);

void *mpool_alloc(struct mpool *pool, gfp_t gfp);
void *mpool_alloc_node(struct mpool *pool, gfp_t gfp, int node);
void mpool_free(struct mpool *pool, void *obj);
unsigned int mpool_alloc_bulk(struct mpool *pool, gfp_t gfp, unsigned int n, void **objs);
void mpool_free_bulk(struct mpool *pool, unsigned int n, void **objs);

int mpool_warm(struct mpool *pool, unsigned int nr, int node);
int mpool_rebalance(struct mpool *pool, int from_node, int to_node, unsigned int nr);
long mpool_shrink(struct mpool *pool);
int mpool_set_limits(struct mpool *pool, unsigned int min_objects, unsigned int max_objects);
int mpool_set_magazine_size(struct mpool *pool, unsigned int magazine_size);
int mpool_set_flags(struct mpool *pool, unsigned int flags);
int mpool_set_adaptive(struct mpool *pool, bool on, unsigned int interval_s, bool rebalance);

void mpool_get_stats(struct mpool *pool, struct mpool_stats *stats);
void mpool_reset_stats(struct mpool *pool);
int mpool_get_node_matrix(struct mpool *pool, struct mpool_node_pair *pairs,
			  unsigned int nr_nodes);
const char *mpool_name(const struct mpool *pool);

/* ---- buffer pools: variable sizes, served by a set of object pools ---- */

/* Default classes: powers of two from 64 B to 2 MiB. */
#define MPOOL_BUF_MIN_CLASS	64U
#define MPOOL_BUF_MAX_CLASS	(2U << 20)
#define MPOOL_BUF_MAX_CLASSES	24
/* The largest request a buffer pool serves (oversize included): kvmalloc()'s, INT_MAX. */
#define MPOOL_BUF_MAX_SIZE	0x7fffffffU
/* Default interval of the adaptive controller, in seconds. */
#define MPOOL_ADAPT_INTERVAL	300

/**
 * struct mpool_buf_config - what mpool_buf_create() builds
 * @sizes: class sizes in bytes, strictly ascending multiples of 64 up to
 *	%MPOOL_BUF_MAX_CLASS; NULL for the default 16 classes (64 B .. 2 MiB).
 *	Buffers are aligned to the largest power of two dividing their class size
 *	(their full size for power-of-two classes).
 * @nr_sizes: entries in @sizes (0 with @sizes NULL), at most %MPOOL_BUF_MAX_CLASSES.
 * @min_objects: per class reserve (@nr_sizes entries, or 16 for the default), or NULL.
 * @max_objects: per class cap, or NULL for none.
 * @flags: &enum mpool_flags for every class (no constructor here).
 * @node: as &struct mpool_config.node.
 * @adaptive: start the adaptive controller (mpool_buf_set_adaptive()).
 */
struct mpool_buf_config {
	const unsigned int *sizes;
	unsigned int nr_sizes;
	const unsigned int *min_objects;
	const unsigned int *max_objects;
	unsigned int flags;
	int node;
	bool adaptive;
};

struct mpool_buf_pool;

struct mpool_buf_pool *mpool_buf_create(const char *name, const struct mpool_buf_config *cfg);
void mpool_buf_destroy(struct mpool_buf_pool *bp);
void *mpool_buf_alloc(struct mpool_buf_pool *bp, size_t size, gfp_t gfp);
void *mpool_buf_alloc_node(struct mpool_buf_pool *bp, size_t size, gfp_t gfp, int node);
void mpool_buf_free(struct mpool_buf_pool *bp, const void *buf);
size_t mpool_buf_size(const void *buf);
struct mpool *mpool_buf_class(struct mpool_buf_pool *bp, size_t size);
int mpool_buf_set_adaptive(struct mpool_buf_pool *bp, bool on, unsigned int interval_s,
			   bool rebalance);

/* The default buffer pool "kbuf", created when mpool.ko loads. */
void *mpool_kbuf_alloc(size_t size, gfp_t gfp);
void mpool_kbuf_free(const void *buf);

/* ---- managed pools: objects reached through handles, so the pool may move them ---- */

/*
 * An opaque handle: names one allocation of one managed pool. 0 is never valid; a
 * handle whose object was freed is refused (-ESTALE), one the pool never issued too
 * (-EINVAL), never followed.
 */
typedef u64 mpool_handle_t;

/* mpool_h_alloc() flags: never moved, never collected. */
#define MPOOL_H_PERMANENT	BIT(0)
/* mpool_h_alloc() flags: never compressed into the cold tier (mapped without delay). */
#define MPOOL_H_NOCOMPRESS	BIT(1)

/**
 * enum mpool_gen - the lifetime generations of a managed pool
 * @MPOOL_GEN_YOUNG: new objects; collected often, survivors promoted.
 * @MPOOL_GEN_OLD: promoted objects; sparse segments compacted, rarely.
 * @MPOOL_GEN_PERMANENT: allocated with %MPOOL_H_PERMANENT; never moved or scanned.
 * @MPOOL_NR_GENS: how many.
 */
enum mpool_gen {
	MPOOL_GEN_YOUNG,
	MPOOL_GEN_OLD,
	MPOOL_GEN_PERMANENT,
	MPOOL_NR_GENS
};

/**
 * struct mpool_m_policy - when a managed pool collects and promotes
 * @promote_after: young collections an object survives before it is promoted to
 *	old (0: 2).
 * @young_interval_ms: period of the young collector (0: 100 ms).
 * @old_interval_ms: period of the old compactor (0: 1000 ms).
 * @old_sparse_pct: an old segment whose live bytes are below this share of its
 *	size is compacted (0: 50; at most 100).
 * @no_worker: collect only when mpool_m_collect() is called (tests, tools); the
 *	cold tier's worker then never starts either.
 * @cold_tier: keep unmapped objects that go unused for @cold_age_ms compressed
 *	(LZ4, in blocks of about 4 KiB) and decompress them when they are mapped
 *	again. Young objects and those allocated with %MPOOL_H_NOCOMPRESS never are.
 *	With it, mpool_h_map() may sleep (see there).
 * @cold_age_ms: an object not mapped for this long is cold (0: 1000 ms).
 * @cold_high_pct: the background compressor starts when the segments held pass
 *	this share of the budget (0: 80; needs a budget) ...
 * @cold_low_pct: ... and stops once they are back under this share (0: 60; below
 *	@cold_high_pct).
 * @cold_min_saving_pct: a block that saves less than this share of its bytes is
 *	left uncompressed, and its objects left alone for eight cold ages (0: 25; at
 *	most 90).
 * @cold_interval_ms: period of the background compressor while it runs (0: 100 ms).
 * @cold_cpu_pct: share of each period the compressor may spend compressing
 *	(0: 10; at most 100).
 * @cold_permanent: permanent objects may be compressed too.
 */
struct mpool_m_policy {
	unsigned int promote_after;
	unsigned int young_interval_ms;
	unsigned int old_interval_ms;
	unsigned int old_sparse_pct;
	bool no_worker;
	bool cold_tier;
	unsigned int cold_age_ms;
	unsigned int cold_high_pct;
	unsigned int cold_low_pct;
	unsigned int cold_min_saving_pct;
	unsigned int cold_interval_ms;
	unsigned int cold_cpu_pct;
	bool cold_permanent;
};

#define MPOOL_M_MAX_SIZE	(16U << 10)
#define MPOOL_M_MAX_HANDLES	BIT(24)

/**
 * struct mpool_m_config - what mpool_m_create() builds
 * @name: the pool's name in the registry (tools, debugfs), unique among pools:
 *	1 to 31 characters of [A-Za-z0-9_.-]; copied.
 * @max_size: largest object, bytes, 1 to %MPOOL_M_MAX_SIZE.
 * @max_handles: handles live at once, 1 to %MPOOL_M_MAX_HANDLES.
 * @budget: bytes of segments the pool may hold (0: no limit); allocations that
 *	would need more fail.
 * @policy: see &struct mpool_m_policy.
 * @node: NUMA node of the pool's pages, or %NUMA_NO_NODE for the allocating CPU's.
 */
struct mpool_m_config {
	const char *name;
	size_t max_size;
	unsigned int max_handles;
	size_t budget;
	struct mpool_m_policy policy;
	int node;
};

/**
 * struct mpool_m_gen_stats - one generation of a managed pool
 * @live_objects: objects allocated and not freed.
 * @live_bytes: their bytes.
 * @held_bytes: bytes of the segments of the generation.
 * @promoted_in: objects that came in by promotion.
 * @promoted_out: objects that left by promotion.
 * @collections: collections of the generation.
 * @segments_freed: segments given back by collections.
 * @moved_objects: objects copied to another place by collections.
 * @moved_bytes: their bytes.
 * @pinned_skips: objects a collection would have moved but found mapped.
 * @move_failures: moves given up for want of memory (the object stays).
 */
struct mpool_m_gen_stats {
	u64 live_objects;
	u64 live_bytes;
	u64 held_bytes;
	u64 promoted_in;
	u64 promoted_out;
	u64 collections;
	u64 segments_freed;
	u64 moved_objects;
	u64 moved_bytes;
	u64 pinned_skips;
	u64 move_failures;
};

/**
 * enum mpool_cold_reject - why objects picked for compression stayed as they were
 * @MPOOL_COLD_REJECT_INCOMPRESSIBLE: their block saved less than cold_min_saving_pct;
 *	they are left alone for eight cold ages.
 * @MPOOL_COLD_REJECT_NOMEM: no memory for the compressed block.
 * @MPOOL_COLD_REJECT_RACED: mapped or freed while their block was compressed.
 * @MPOOL_COLD_NR_REJECTS: how many reasons.
 */
enum mpool_cold_reject {
	MPOOL_COLD_REJECT_INCOMPRESSIBLE,
	MPOOL_COLD_REJECT_NOMEM,
	MPOOL_COLD_REJECT_RACED,
	MPOOL_COLD_NR_REJECTS
};

/**
 * struct mpool_m_cold_stats - the compressed cold tier of a managed pool
 * @enabled: 1 when the pool has a cold tier (&struct mpool_m_policy.cold_tier).
 * @cold_objects: objects stored compressed now.
 * @original_bytes: their bytes.
 * @stored_bytes: bytes of the compressed blocks that hold them (block headers and
 *	size-class rounding included): @original_bytes / @stored_bytes is the ratio.
 * @blocks: compressed blocks held.
 * @compressions: blocks compressed.
 * @compressed_objects: objects put into them.
 * @compressed_bytes: their bytes (what the compressor read).
 * @decompressions: blocks decompressed because one of their objects was mapped
 *	(every live object of the block becomes hot again).
 * @decompressed_objects: objects made hot by them.
 * @refaults: decompressions of a block less than a cold age after it was
 *	compressed: the cold age is too short for the pool's access pattern.
 * @rejects: objects left uncompressed, by &enum mpool_cold_reject.
 * @pinned_skips: cold objects the compressor found mapped and skipped.
 * @corrupt_blocks: blocks found corrupted (checksum or LZ4 stream); their objects
 *	map with -EIO until freed.
 * @io_errors: maps refused with -EIO.
 * @fault_failures: maps of a cold object refused for lack of memory (-ENOMEM); the
 *	object stays compressed and intact.
 * @nowait_misses: mpool_h_map_nowait() calls that found their object cold
 *	(-EAGAIN) and queued its decompression.
 * @worker_on: 1 while the high watermark holds the background compressor on.
 * @worker_starts: times the segments held passed the high watermark.
 * @worker_stops: times they fell back under the low one.
 * @worker_runs: periods the compressor ran.
 * @cpu_budget_hits: periods it stopped for its CPU budget.
 * @shrinker_scans: memory-pressure calls that compressed.
 * @forced_runs: mpool_m_compress() calls.
 * @map_latency_hist: log2 histogram of the time a map of a cold object took, in
 *	nanoseconds (bucket i: [2^i, 2^(i+1)) ns).
 */
struct mpool_m_cold_stats {
	u64 enabled;
	u64 cold_objects;
	u64 original_bytes;
	u64 stored_bytes;
	u64 blocks;
	u64 compressions;
	u64 compressed_objects;
	u64 compressed_bytes;
	u64 decompressions;
	u64 decompressed_objects;
	u64 refaults;
	u64 rejects[MPOOL_COLD_NR_REJECTS];
	u64 pinned_skips;
	u64 corrupt_blocks;
	u64 io_errors;
	u64 fault_failures;
	u64 nowait_misses;
	u64 worker_on;
	u64 worker_starts;
	u64 worker_stops;
	u64 worker_runs;
	u64 cpu_budget_hits;
	u64 shrinker_scans;
	u64 forced_runs;
	u64 map_latency_hist[MPOOL_HIST_BUCKETS];
};

/* Cold tier: original bytes per stored byte, in hundredths (350: 3.5x); 0 if empty. */
static inline u32 mpool_m_cold_ratio_x100(const struct mpool_m_cold_stats *c)
{
	return c->stored_bytes ? div64_u64(c->original_bytes * 100, c->stored_bytes) : 0;
}

/* Cold tier: decompressions that were refaults, in parts per million. */
static inline u32 mpool_m_cold_refault_ppm(const struct mpool_m_cold_stats *c)
{
	return c->decompressions ? div64_u64(c->refaults * 1000000, c->decompressions) : 0;
}

/**
 * struct mpool_m_stats - a snapshot of a managed pool
 * @gen: per generation (an object counts in its generation's live figures whether
 *	it is hot or cold; held_bytes are the hot segments only, the generation's spare
 *	segments included).
 * @stale_refusals: handles refused as stale (freed) or never issued.
 * @busy_frees: frees refused because the object was mapped.
 * @alloc_fail: allocations that failed (budget, handles or memory).
 * @table_bytes: bytes of the handle table, not in any generation's held_bytes: an
 *	array of chunk pointers sized for max_handles, and the chunks of 48-byte entries
 *	allocated so far (a page each, the last one maybe less), which the table grows
 *	by as handles are first used and keeps until the pool is destroyed.
 * @warm_bytes: the warm level that mpool_m_warm() set: frees and collections leave
 *	the pool at least this many bytes of segments. 0: never warmed.
 * @lifetime_hist: log2 histogram of object lifetimes at free, in microseconds.
 * @cold: the compressed cold tier.
 */
struct mpool_m_stats {
	struct mpool_m_gen_stats gen[MPOOL_NR_GENS];
	u64 stale_refusals;
	u64 busy_frees;
	u64 alloc_fail;
	u64 table_bytes;
	u64 warm_bytes;
	u64 lifetime_hist[MPOOL_HIST_BUCKETS];
	struct mpool_m_cold_stats cold;
};

struct mpool_m_pool;

struct mpool_m_pool *mpool_m_create(const struct mpool_m_config *cfg);
void mpool_m_destroy(struct mpool_m_pool *mp);
mpool_handle_t mpool_h_alloc(struct mpool_m_pool *mp, size_t size, gfp_t gfp,
			     unsigned int flags);
unsigned int mpool_h_alloc_bulk(struct mpool_m_pool *mp, gfp_t gfp, unsigned int flags,
				unsigned int n, const u32 *sizes, mpool_handle_t *handles);
int mpool_h_free(struct mpool_m_pool *mp, mpool_handle_t h);
unsigned int mpool_h_free_bulk(struct mpool_m_pool *mp, unsigned int n,
			       const mpool_handle_t *handles);
void *mpool_h_map(struct mpool_m_pool *mp, mpool_handle_t h);
void *mpool_h_map_nowait(struct mpool_m_pool *mp, mpool_handle_t h);
void mpool_h_unmap(struct mpool_m_pool *mp, mpool_handle_t h);
int mpool_h_generation(struct mpool_m_pool *mp, mpool_handle_t h);
int mpool_m_collect(struct mpool_m_pool *mp, enum mpool_gen gen);
int mpool_m_warm(struct mpool_m_pool *mp, size_t bytes);
int mpool_m_set_policy(struct mpool_m_pool *mp, const struct mpool_m_policy *policy);
void mpool_m_get_stats(struct mpool_m_pool *mp, struct mpool_m_stats *st);
s64 mpool_m_compress(struct mpool_m_pool *mp, u64 bytes);

/**
 * DEFINE_MPOOL_TYPE() - type-checked pool of @type, functions named @prefix_pool_*
 * @type: the object type, e.g. struct conn.
 * @prefix: name prefix of the generated functions.
 *
 * Generates struct @prefix_pool (opaque) and:
 *   @prefix_pool_create(cfg): mpool_create() with size sizeof(@type) (cfg->size is
 *	ignored) and, when cfg->align is 0, the default alignment;
 *   @prefix_pool_get(p, gfp) returning @type *, @prefix_pool_put(p, @type *obj),
 *   @prefix_pool_destroy(p) and @prefix_pool_mpool(p) for the untyped calls.
 * Passing another type, or another typed pool, is a compile error.
 */
#define DEFINE_MPOOL_TYPE(type, prefix)						\
struct prefix##_pool;								\
static inline struct prefix##_pool *						\
prefix##_pool_create(const struct mpool_config *cfg)				\
{										\
	struct mpool_config typed = *cfg;					\
										\
	typed.size = sizeof(type);						\
	return (struct prefix##_pool *)mpool_create(&typed);			\
}										\
static inline struct mpool *prefix##_pool_mpool(struct prefix##_pool *p)	\
{										\
	return (struct mpool *)p;						\
}										\
static inline type *prefix##_pool_get(struct prefix##_pool *p, gfp_t gfp)	\
{										\
	return mpool_alloc(prefix##_pool_mpool(p), gfp);			\
}										\
static inline void prefix##_pool_put(struct prefix##_pool *p, type *obj)	\
{										\
	mpool_free(prefix##_pool_mpool(p), obj);				\
}										\
static inline void prefix##_pool_destroy(struct prefix##_pool *p)		\
{										\
	mpool_destroy(prefix##_pool_mpool(p));					\
}

#endif /* _MPOOL_H */
