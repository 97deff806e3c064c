/* SPDX-License-Identifier: ((GPL-2.0 WITH Linux-syscall-note) OR BSD-3-Clause) */
/* Do not edit directly, auto-generated from: */
/*	include/uapi/mpool.yaml */
/* YNL-GEN uapi header */

/*
 * Statistics and control of mpool, the per-CPU, NUMA-aware object pool module. Reads
 * are open to every user; every command that changes a pool needs CAP_NET_ADMIN. A pool
 * is named either by id or by name; when both are given they must agree. Counters are
 * 64-bit and monotonic until pool-reset-stats.
 *
 * Family "mpool", multicast group(s): monitor.
 *
 * MPOOL_CMD_VERSION_GET
 *   Report the version of the loaded module.
 *   do reply:
 *     MPOOL_A_VERSION_MODULE (string)
 *         Version string of mpool.ko (its MODULE_VERSION).
 *
 * MPOOL_CMD_POOL_GET
 *   Report one pool (do, by id or name) or every pool (dump).
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *   do reply:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_KIND (u32)
 *         What the pool hands out.
 *     MPOOL_A_POOL_INFO (nest)
 *         Configuration of the pool.
 *       MPOOL_A_POOL_INFO_OBJECT_SIZE (u64)
 *           Size of an object in bytes.
 *       MPOOL_A_POOL_INFO_OBJECT_STRIDE (u64)
 *           Bytes an object occupies in its slab (size rounded up to alignment).
 *       MPOOL_A_POOL_INFO_FLAGS (u32)
 *           Current flags.
 *       MPOOL_A_POOL_INFO_MIN_OBJECTS (u32)
 *           Reserve size.
 *       MPOOL_A_POOL_INFO_MAX_OBJECTS (u32)
 *           Cap on objects carved, 0 for none.
 *       MPOOL_A_POOL_INFO_MAGAZINE_SIZE (u32)
 *           Objects per magazine.
 *       MPOOL_A_POOL_INFO_NODE (s32)
 *           Home node of all the pool's memory, -1 for every node.
 *       MPOOL_A_POOL_INFO_SLAB_ORDER (u32)
 *           Slabs are 2^slab-order pages.
 *       MPOOL_A_POOL_INFO_OBJECTS_PER_SLAB (u32)
 *           Objects carved from one slab.
 *       MPOOL_A_POOL_INFO_ADAPTIVE (u8)
 *           1 when the adaptive controller runs.
 *       MPOOL_A_POOL_INFO_ADAPT_INTERVAL (u32)
 *           Seconds between its decisions.
 *       MPOOL_A_POOL_INFO_ADAPT_REBALANCE (u8)
 *           1 when it may move memory between nodes.
 *       MPOOL_A_POOL_INFO_LAST_ADAPTATION (string)
 *           What the adaptive controller last did, and why.
 *       MPOOL_A_POOL_INFO_LAST_ADAPTATION_TIME (u64)
 *           When, CLOCK_REALTIME nanoseconds (0 never).
 *       MPOOL_A_POOL_INFO_CLASSES (u32)
 *           Size classes of a buffer pool.
 *     MPOOL_A_POOL_STATS (nest)
 *         Counters and gauges, one consistent snapshot.
 *       MPOOL_A_POOL_STATS_ALLOC_MAGAZINE (u64)
 *           Allocations served by the CPU's magazines.
 *       MPOOL_A_POOL_STATS_ALLOC_DEPOT (u64)
 *           Allocations served after a magazine exchange with the node depot.
 *       MPOOL_A_POOL_STATS_ALLOC_SLAB (u64)
 *           Allocations served from free objects of the node's slabs.
 *       MPOOL_A_POOL_STATS_ALLOC_PAGE (u64)
 *           Allocations that needed a new slab from the page allocator.
 *       MPOOL_A_POOL_STATS_ALLOC_RESERVE (u64)
 *           Allocations served by the reserve when pages ran out (reserve dips).
 *       MPOOL_A_POOL_STATS_ALLOC_REMOTE (u64)
 *           Allocations served from another node than the caller's.
 *       MPOOL_A_POOL_STATS_ALLOC_FAIL (u64)
 *           Allocations that failed for lack of memory.
 *       MPOOL_A_POOL_STATS_ALLOC_CAPPED (u64)
 *           Allocations that failed because max-objects objects exist.
 *       MPOOL_A_POOL_STATS_FREE_MAGAZINE (u64)
 *           Frees into the CPU's magazines.
 *       MPOOL_A_POOL_STATS_FREE_DEPOT (u64)
 *           Frees after a magazine exchange with the node depot.
 *       MPOOL_A_POOL_STATS_FREE_SLAB (u64)
 *           Frees straight back to the object's slab.
 *       MPOOL_A_POOL_STATS_FREE_RESERVE (u64)
 *           Frees that refilled the reserve.
 *       MPOOL_A_POOL_STATS_FREE_REMOTE (u64)
 *           Frees of another node's objects, sent home.
 *       MPOOL_A_POOL_STATS_SLABS_GROWN (u64)
 *           Slabs allocated (expansions).
 *       MPOOL_A_POOL_STATS_SLABS_RELEASED (u64)
 *           Slabs given back to the page allocator (contractions).
 *       MPOOL_A_POOL_STATS_SHRINKER_SCANS (u64)
 *           Scan calls from the memory shrinker.
 *       MPOOL_A_POOL_STATS_SHRINKER_FREED (u64)
 *           Objects the shrinker released.
 *       MPOOL_A_POOL_STATS_POISON_ERRORS (u64)
 *           Idle objects found written (write after free).
 *       MPOOL_A_POOL_STATS_DOUBLE_FREES (u64)
 *           Frees of objects already free.
 *       MPOOL_A_POOL_STATS_INVALID_FREES (u64)
 *           Frees of pointers the pool never handed out.
 *       MPOOL_A_POOL_STATS_LIVE (u64)
 *           Objects in use.
 *       MPOOL_A_POOL_STATS_CACHED (u64)
 *           Objects ready for allocation (magazines, depots, slabs, reserve).
 *       MPOOL_A_POOL_STATS_OBJECTS (u64)
 *           Objects carved (live + cached).
 *       MPOOL_A_POOL_STATS_RESERVE (u64)
 *           Objects in the reserve.
 *       MPOOL_A_POOL_STATS_SLABS (u64)
 *           Slabs held.
 *       MPOOL_A_POOL_STATS_PAGES (u64)
 *           Pages held by the slabs.
 *       MPOOL_A_POOL_STATS_PEAK_LIVE (u64)
 *           Highest live count seen (sampled at every depot exchange; the true peak may
 *           be higher by at most two magazines per CPU).
 *       MPOOL_A_POOL_STATS_PEAK_LIVE_TIME (u64)
 *           When peak-live was seen, CLOCK_REALTIME nanoseconds.
 *       MPOOL_A_POOL_STATS_HIT_RATE (u32)
 *           Allocations served by the CPU's magazines, parts per million.
 *       MPOOL_A_POOL_STATS_EFFICIENCY (u32)
 *           Bytes of objects in use per byte of pages held, parts per million.
 *       MPOOL_A_POOL_STATS_REQUESTED_BYTES (u64)
 *           Bytes asked of a buffer pool or class by its allocations.
 *       MPOOL_A_POOL_STATS_GRANTED_BYTES (u64)
 *           Bytes of the classes that served them.
 *       MPOOL_A_POOL_STATS_FRAGMENTATION (u32)
 *           Internal fragmentation, (granted - requested) / granted, parts per million.
 *       MPOOL_A_POOL_STATS_OVERSIZE_ALLOCS (u64)
 *           Buffer requests above the largest class (served by kvmalloc).
 *       MPOOL_A_POOL_STATS_OVERSIZE_FREES (u64)
 *           Oversize buffers freed.
 *       MPOOL_A_POOL_STATS_OVERSIZE_LIVE (u64)
 *           Oversize buffers in use.
 *       MPOOL_A_POOL_STATS_ADAPT_EXPANSIONS (u64)
 *           Times the adaptive controller warmed the pool ahead of demand.
 *       MPOOL_A_POOL_STATS_ADAPT_SHRINKS (u64)
 *           Times it shrank the pool for lack of demand.
 *       MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_GROWS (u64)
 *           Times it grew the magazine size (many depot exchanges).
 *       MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_SHRINKS (u64)
 *           Times it shrank the magazine size (idle).
 *       MPOOL_A_POOL_STATS_ADAPT_REBALANCES (u64)
 *           Times it moved cached memory between nodes.
 *       MPOOL_A_POOL_STATS_LIVE_BYTES (u64)
 *           Bytes of the objects in use (live times the object size; a buffer pool sums
 *           its classes): what efficiency weighs against the pages held.
 *     MPOOL_A_POOL_LIFETIME_HIST (indexed-array of nest)
 *         Object lifetimes in microseconds (pools with the track flag), log2 buckets:
 *         bucket i counts lives from 2^i up to 2^(i+1); the first also holds shorter
 *         lives, the last longer ones.
 *       MPOOL_A_HIST_BUCKET_LOW (u64)
 *           Lower bound of the bucket (inclusive).
 *       MPOOL_A_HIST_BUCKET_COUNT (u64)
 *           Samples in the bucket.
 *     MPOOL_A_POOL_SIZE_HIST (indexed-array of nest)
 *         Requested sizes in bytes (buffer pools and their classes), log2 buckets as
 *         lifetime-hist.
 *       MPOOL_A_HIST_BUCKET_LOW (u64)
 *           Lower bound of the bucket (inclusive).
 *       MPOOL_A_HIST_BUCKET_COUNT (u64)
 *           Samples in the bucket.
 *     MPOOL_A_POOL_MANAGED (nest)
 *         A managed pool's policy, sizes and generations (pool-get).
 *       MPOOL_A_MANAGED_PROMOTE_AFTER (u32)
 *           Young collections an object survives before promotion.
 *       MPOOL_A_MANAGED_YOUNG_INTERVAL (u32)
 *           Period of the young collector, milliseconds.
 *       MPOOL_A_MANAGED_OLD_INTERVAL (u32)
 *           Period of the old compactor, milliseconds.
 *       MPOOL_A_MANAGED_OLD_SPARSE_PCT (u32)
 *           An old segment below this live share (percent) is compacted.
 *       MPOOL_A_MANAGED_COLLECTOR (u8)
 *           1 when the pool's worker collects on its own, 0 when only on demand.
 *       MPOOL_A_MANAGED_MAX_SIZE (u32)
 *           Largest object, bytes.
 *       MPOOL_A_MANAGED_MAX_HANDLES (u32)
 *           Handles that may be live at once.
 *       MPOOL_A_MANAGED_BUDGET (u64)
 *           Bytes of segments the pool may hold, 0 for no limit.
 *       MPOOL_A_MANAGED_HELD_BYTES (u64)
 *           Bytes of segments the pool holds now, all generations.
 *       MPOOL_A_MANAGED_SEGMENT_SIZE (u32)
 *           Bytes of one segment, the unit memory is taken and given back in.
 *       MPOOL_A_MANAGED_NODE (s32)
 *           NUMA node of the pool's pages, -1 for the allocating CPU's.
 *       MPOOL_A_MANAGED_STALE_REFUSALS (u64)
 *           Handles refused as freed (stale) or never issued.
 *       MPOOL_A_MANAGED_BUSY_FREES (u64)
 *           Frees refused because the object was mapped.
 *       MPOOL_A_MANAGED_ALLOC_FAIL (u64)
 *           Allocations that failed (budget, handles or memory).
 *       MPOOL_A_MANAGED_GENERATION (nest, repeated)
 *           One per generation, young first.
 *         MPOOL_A_GENERATION_STATS_GENERATION (u32)
 *
 *         MPOOL_A_GENERATION_STATS_LIVE_OBJECTS (u64)
 *             Objects allocated and not freed.
 *         MPOOL_A_GENERATION_STATS_LIVE_BYTES (u64)
 *             Their bytes.
 *         MPOOL_A_GENERATION_STATS_HELD_BYTES (u64)
 *             Bytes of the generation's segments.
 *         MPOOL_A_GENERATION_STATS_PROMOTED_IN (u64)
 *             Objects that came in by promotion.
 *         MPOOL_A_GENERATION_STATS_PROMOTED_OUT (u64)
 *             Objects that left by promotion.
 *         MPOOL_A_GENERATION_STATS_COLLECTIONS (u64)
 *
 *         MPOOL_A_GENERATION_STATS_SEGMENTS_FREED (u64)
 *             Segments given back.
 *         MPOOL_A_GENERATION_STATS_MOVED_OBJECTS (u64)
 *             Objects copied to another place by collections.
 *         MPOOL_A_GENERATION_STATS_MOVED_BYTES (u64)
 *
 *         MPOOL_A_GENERATION_STATS_PINNED_SKIPS (u64)
 *             Objects a collection would have moved but found mapped.
 *         MPOOL_A_GENERATION_STATS_MOVE_FAILURES (u64)
 *             Moves given up for want of memory (the object stays).
 *       MPOOL_A_MANAGED_COLD (nest)
 *           The compressed cold tier, when the pool has one.
 *         MPOOL_A_COLD_TIER_ENABLED (u64)
 *             1: the pool has a cold tier.
 *         MPOOL_A_COLD_TIER_COLD_OBJECTS (u64)
 *             Objects stored compressed now.
 *         MPOOL_A_COLD_TIER_ORIGINAL_BYTES (u64)
 *             Their bytes.
 *         MPOOL_A_COLD_TIER_STORED_BYTES (u64)
 *             Bytes of the compressed blocks holding them (headers and rounding
 *             included).
 *         MPOOL_A_COLD_TIER_BLOCKS (u64)
 *             Compressed blocks held.
 *         MPOOL_A_COLD_TIER_COMPRESSIONS (u64)
 *             Blocks compressed.
 *         MPOOL_A_COLD_TIER_COMPRESSED_OBJECTS (u64)
 *             Objects put into them.
 *         MPOOL_A_COLD_TIER_COMPRESSED_BYTES (u64)
 *             Their bytes, as the compressor read them.
 *         MPOOL_A_COLD_TIER_DECOMPRESSIONS (u64)
 *             Blocks decompressed because one of their objects was mapped.
 *         MPOOL_A_COLD_TIER_DECOMPRESSED_OBJECTS (u64)
 *             Objects made hot by them.
 *         MPOOL_A_COLD_TIER_REFAULTS (u64)
 *             Decompressions less than a cold age after the compression.
 *         MPOOL_A_COLD_TIER_REJECTS_INCOMPRESSIBLE (u64)
 *             Objects left as they were: their block saved too little.
 *         MPOOL_A_COLD_TIER_REJECTS_NOMEM (u64)
 *             Objects left as they were: no memory for the compressed block.
 *         MPOOL_A_COLD_TIER_REJECTS_RACED (u64)
 *             Objects left as they were: mapped or freed during the compression.
 *         MPOOL_A_COLD_TIER_PINNED_SKIPS (u64)
 *             Cold objects the compressor found mapped and skipped.
 *         MPOOL_A_COLD_TIER_CORRUPT_BLOCKS (u64)
 *             Blocks found corrupted; their objects map with EIO until freed.
 *         MPOOL_A_COLD_TIER_IO_ERRORS (u64)
 *             Maps refused with EIO.
 *         MPOOL_A_COLD_TIER_FAULT_FAILURES (u64)
 *             Maps of a cold object refused for want of memory (it stays intact).
 *         MPOOL_A_COLD_TIER_NOWAIT_MISSES (u64)
 *             No-wait maps that found their object cold (EAGAIN, decompression queued).
 *         MPOOL_A_COLD_TIER_WORKER_ON (u64)
 *             1 while the high watermark holds the background compressor on.
 *         MPOOL_A_COLD_TIER_WORKER_STARTS (u64)
 *             Times the segments held passed the high watermark.
 *         MPOOL_A_COLD_TIER_WORKER_STOPS (u64)
 *             Times they fell back under the low one.
 *         MPOOL_A_COLD_TIER_WORKER_RUNS (u64)
 *             Periods the background compressor ran.
 *         MPOOL_A_COLD_TIER_CPU_BUDGET_HITS (u64)
 *             Periods it stopped for its CPU budget.
 *         MPOOL_A_COLD_TIER_SHRINKER_SCANS (u64)
 *             Memory-pressure calls that compressed.
 *         MPOOL_A_COLD_TIER_FORCED_RUNS (u64)
 *             pool-compress requests (mpool_m_compress() calls).
 *         MPOOL_A_COLD_TIER_MAP_LATENCY_HIST (indexed-array of nest)
 *             Time a map of a cold object took, nanoseconds, log2 buckets.
 *           MPOOL_A_HIST_BUCKET_LOW (u64)
 *               Lower bound of the bucket (inclusive).
 *           MPOOL_A_HIST_BUCKET_COUNT (u64)
 *               Samples in the bucket.
 *         MPOOL_A_COLD_TIER_RATIO (u32)
 *             Original bytes per stored byte, in hundredths (350 is 3.5x); 0 when
 *             empty.
 *         MPOOL_A_COLD_TIER_REFAULT_PPM (u32)
 *             Decompressions that were refaults, parts per million.
 *         MPOOL_A_COLD_TIER_COLD_AGE (u32)
 *             An object not mapped for this many milliseconds is cold.
 *         MPOOL_A_COLD_TIER_HIGH_PCT (u32)
 *             The compressor starts when the segments held pass this share of the
 *             budget.
 *         MPOOL_A_COLD_TIER_LOW_PCT (u32)
 *             It stops once they are back under this share.
 *         MPOOL_A_COLD_TIER_MIN_SAVING_PCT (u32)
 *             A block that saves less than this share of its bytes is left
 *             uncompressed.
 *         MPOOL_A_COLD_TIER_INTERVAL (u32)
 *             Period of the background compressor, milliseconds.
 *         MPOOL_A_COLD_TIER_CPU_PCT (u32)
 *             Share of each period the compressor may spend compressing.
 *         MPOOL_A_COLD_TIER_PERMANENT (u8)
 *             1 when permanent objects may be compressed too.
 *       MPOOL_A_MANAGED_TABLE_BYTES (u64)
 *           Bytes of the handle table, not in held-bytes: the array of chunk pointers
 *           sized for max-handles and the chunks of entries allocated so far.
 *       MPOOL_A_MANAGED_WARM_BYTES (u64)
 *           The warm level mpool_m_warm() set: frees and collections leave the pool at
 *           least this many bytes of segments; 0 if it was never warmed.
 *   dump reply: as the do reply.
 *
 * MPOOL_CMD_POOL_SET (needs CAP_NET_ADMIN)
 *   Change the limits, magazine size, run-time flags or adaptive controller of a pool.
 *   On a buffer pool, the magazine size, flags and controller apply to every class;
 *   limits are per class (class-set). On a managed pool, only its generation policy
 *   (promote-after, young-interval, old-interval, old-sparse-pct) and, when it has a
 *   cold tier, the cold tier's policy (cold-age, cold-high-pct, cold-low-pct, cold-min-
 *   saving-pct, cold-interval, cold-cpu-pct, cold-permanent); EOPNOTSUPP for a cold key
 *   on a managed pool without a cold tier. All or nothing.
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_MIN_OBJECTS (u32)
 *         New reserve size (pool-set).
 *     MPOOL_A_POOL_MAX_OBJECTS (u32)
 *         Cap on objects carved, 0 for none: the new one (pool-set) or the one reached
 *         (pool-limit-ntf).
 *     MPOOL_A_POOL_MAGAZINE_SIZE (u32)
 *         New magazine size (pool-set).
 *     MPOOL_A_POOL_FLAGS (u32)
 *         New flags (pool-set); only poison may change on a live pool.
 *     MPOOL_A_POOL_ADAPTIVE (u8)
 *         Run the adaptive controller (pool-set), 0 or 1.
 *     MPOOL_A_POOL_ADAPT_INTERVAL (u32)
 *         Seconds between the adaptive controller's decisions (pool-set).
 *     MPOOL_A_POOL_ADAPT_REBALANCE (u8)
 *         Let the adaptive controller move memory between nodes (pool-set), 0 or 1.
 *     MPOOL_A_POOL_PROMOTE_AFTER (u32)
 *         New number of young collections an object survives before it is promoted to
 *         old (pool-set on a managed pool).
 *     MPOOL_A_POOL_YOUNG_INTERVAL (u32)
 *         New period of the young collector, milliseconds (pool-set).
 *     MPOOL_A_POOL_OLD_INTERVAL (u32)
 *         New period of the old compactor, milliseconds (pool-set).
 *     MPOOL_A_POOL_OLD_SPARSE_PCT (u32)
 *         New threshold below which an old segment's live share gets it compacted,
 *         percent (pool-set).
 *     MPOOL_A_POOL_COLD_AGE (u32)
 *         New cold age of a managed pool's cold tier: an object not mapped for this
 *         many milliseconds is cold (pool-set).
 *     MPOOL_A_POOL_COLD_HIGH_PCT (u32)
 *         New high watermark of the cold tier, percent of the budget: the compressor
 *         starts above it (pool-set). Above cold-low-pct.
 *     MPOOL_A_POOL_COLD_LOW_PCT (u32)
 *         New low watermark of the cold tier, percent of the budget: the compressor
 *         stops below it (pool-set). Below cold-high-pct.
 *     MPOOL_A_POOL_COLD_MIN_SAVING_PCT (u32)
 *         New least saving, percent of its bytes, for which a compressed block is kept
 *         (pool-set).
 *     MPOOL_A_POOL_COLD_INTERVAL (u32)
 *         New period of the background compressor, milliseconds (pool-set).
 *     MPOOL_A_POOL_COLD_CPU_PCT (u32)
 *         New share of each period the compressor may spend compressing, percent (pool-
 *         set).
 *     MPOOL_A_POOL_COLD_PERMANENT (u8)
 *         Whether permanent objects may be compressed too (pool-set), 0 or 1.
 *
 * MPOOL_CMD_POOL_WARM (needs CAP_NET_ADMIN)
 *   Get count objects ready on a node (or every node) ahead of demand; on a buffer
 *   pool, in the class serving class-size. A managed pool takes bytes instead: its
 *   objects vary in size.
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_COUNT (u32)
 *         Objects to get ready (pool-warm).
 *     MPOOL_A_POOL_NODE (u32)
 *         NUMA node to warm (pool-warm); absent for every node of the pool.
 *     MPOOL_A_POOL_CLASS_SIZE (u32)
 *         A size served by the class to act on (class-set, pool-warm and pool-rebalance
 *         on a buffer pool).
 *     MPOOL_A_POOL_BYTES (u64)
 *         Stop once this many bytes of objects were compressed (pool-compress); absent
 *         or 0 for no limit. The warm level of a managed pool (pool-warm): bytes of
 *         segments it holds ready, and keeps through frees and collections; 0 gives the
 *         level up.
 *
 * MPOOL_CMD_POOL_SHRINK (needs CAP_NET_ADMIN)
 *   Give every cached object above the reserve back to the system.
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *   do reply:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_RELEASED (u64)
 *         Bytes of pages released (pool-shrink reply).
 *
 * MPOOL_CMD_POOL_RESET_STATS (needs CAP_NET_ADMIN)
 *   Start the pool's counters and peak again from zero (gauges stay).
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *
 * MPOOL_CMD_NODE_STATS_GET
 *   Report the allocations and frees of a pool by (CPU node, object node).
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *   do reply:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_NODE_PAIR (nest, repeated)
 *         Traffic between one CPU node and one object node.
 *       MPOOL_A_NODE_PAIR_CPU_NODE (u32)
 *           Node of the CPUs that allocated or freed.
 *       MPOOL_A_NODE_PAIR_OBJECT_NODE (u32)
 *           Node the objects' memory is on.
 *       MPOOL_A_NODE_PAIR_ALLOCS (u64)
 *           Objects allocated.
 *       MPOOL_A_NODE_PAIR_FREES (u64)
 *           Objects freed.
 *
 * MPOOL_CMD_POOL_ADD_NTF
 *   A pool was created.
 *   Carries what MPOOL_CMD_POOL_GET replies.
 *
 * MPOOL_CMD_POOL_DEL_NTF
 *   A pool was destroyed.
 *   Attributes:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *
 * MPOOL_CMD_POOL_CHANGE_NTF
 *   A pool's configuration changed, or it was warmed, shrunk or reset.
 *   Carries what MPOOL_CMD_POOL_GET replies.
 *
 * MPOOL_CMD_POOL_LIMIT_NTF
 *   An allocation failed because the pool reached max-objects. At most one notification
 *   per pool per second.
 *   Attributes:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_MAX_OBJECTS (u32)
 *         Cap on objects carved, 0 for none: the new one (pool-set) or the one reached
 *         (pool-limit-ntf).
 *
 * MPOOL_CMD_CLASS_GET
 *   Report every size class of a buffer pool.
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *   do reply:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_CLASS (nest, repeated)
 *         One size class of a buffer pool (class-get).
 *       MPOOL_A_CLASS_SIZE (u32)
 *           Bytes of a buffer of this class.
 *       MPOOL_A_CLASS_INFO (nest)
 *           Configuration of the class (an object pool).
 *         MPOOL_A_POOL_INFO_OBJECT_SIZE (u64)
 *             Size of an object in bytes.
 *         MPOOL_A_POOL_INFO_OBJECT_STRIDE (u64)
 *             Bytes an object occupies in its slab (size rounded up to alignment).
 *         MPOOL_A_POOL_INFO_FLAGS (u32)
 *             Current flags.
 *         MPOOL_A_POOL_INFO_MIN_OBJECTS (u32)
 *             Reserve size.
 *         MPOOL_A_POOL_INFO_MAX_OBJECTS (u32)
 *             Cap on objects carved, 0 for none.
 *         MPOOL_A_POOL_INFO_MAGAZINE_SIZE (u32)
 *             Objects per magazine.
 *         MPOOL_A_POOL_INFO_NODE (s32)
 *             Home node of all the pool's memory, -1 for every node.
 *         MPOOL_A_POOL_INFO_SLAB_ORDER (u32)
 *             Slabs are 2^slab-order pages.
 *         MPOOL_A_POOL_INFO_OBJECTS_PER_SLAB (u32)
 *             Objects carved from one slab.
 *         MPOOL_A_POOL_INFO_ADAPTIVE (u8)
 *             1 when the adaptive controller runs.
 *         MPOOL_A_POOL_INFO_ADAPT_INTERVAL (u32)
 *             Seconds between its decisions.
 *         MPOOL_A_POOL_INFO_ADAPT_REBALANCE (u8)
 *             1 when it may move memory between nodes.
 *         MPOOL_A_POOL_INFO_LAST_ADAPTATION (string)
 *             What the adaptive controller last did, and why.
 *         MPOOL_A_POOL_INFO_LAST_ADAPTATION_TIME (u64)
 *             When, CLOCK_REALTIME nanoseconds (0 never).
 *         MPOOL_A_POOL_INFO_CLASSES (u32)
 *             Size classes of a buffer pool.
 *       MPOOL_A_CLASS_STATS (nest)
 *           Counters and gauges of the class.
 *         MPOOL_A_POOL_STATS_ALLOC_MAGAZINE (u64)
 *             Allocations served by the CPU's magazines.
 *         MPOOL_A_POOL_STATS_ALLOC_DEPOT (u64)
 *             Allocations served after a magazine exchange with the node depot.
 *         MPOOL_A_POOL_STATS_ALLOC_SLAB (u64)
 *             Allocations served from free objects of the node's slabs.
 *         MPOOL_A_POOL_STATS_ALLOC_PAGE (u64)
 *             Allocations that needed a new slab from the page allocator.
 *         MPOOL_A_POOL_STATS_ALLOC_RESERVE (u64)
 *             Allocations served by the reserve when pages ran out (reserve dips).
 *         MPOOL_A_POOL_STATS_ALLOC_REMOTE (u64)
 *             Allocations served from another node than the caller's.
 *         MPOOL_A_POOL_STATS_ALLOC_FAIL (u64)
 *             Allocations that failed for lack of memory.
 *         MPOOL_A_POOL_STATS_ALLOC_CAPPED (u64)
 *             Allocations that failed because max-objects objects exist.
 *         MPOOL_A_POOL_STATS_FREE_MAGAZINE (u64)
 *             Frees into the CPU's magazines.
 *         MPOOL_A_POOL_STATS_FREE_DEPOT (u64)
 *             Frees after a magazine exchange with the node depot.
 *         MPOOL_A_POOL_STATS_FREE_SLAB (u64)
 *             Frees straight back to the object's slab.
 *         MPOOL_A_POOL_STATS_FREE_RESERVE (u64)
 *             Frees that refilled the reserve.
 *         MPOOL_A_POOL_STATS_FREE_REMOTE (u64)
 *             Frees of another node's objects, sent home.
 *         MPOOL_A_POOL_STATS_SLABS_GROWN (u64)
 *             Slabs allocated (expansions).
 *         MPOOL_A_POOL_STATS_SLABS_RELEASED (u64)
 *             Slabs given back to the page allocator (contractions).
 *         MPOOL_A_POOL_STATS_SHRINKER_SCANS (u64)
 *             Scan calls from the memory shrinker.
 *         MPOOL_A_POOL_STATS_SHRINKER_FREED (u64)
 *             Objects the shrinker released.
 *         MPOOL_A_POOL_STATS_POISON_ERRORS (u64)
 *             Idle objects found written (write after free).
 *         MPOOL_A_POOL_STATS_DOUBLE_FREES (u64)
 *             Frees of objects already free.
 *         MPOOL_A_POOL_STATS_INVALID_FREES (u64)
 *             Frees of pointers the pool never handed out.
 *         MPOOL_A_POOL_STATS_LIVE (u64)
 *             Objects in use.
 *         MPOOL_A_POOL_STATS_CACHED (u64)
 *             Objects ready for allocation (magazines, depots, slabs, reserve).
 *         MPOOL_A_POOL_STATS_OBJECTS (u64)
 *             Objects carved (live + cached).
 *         MPOOL_A_POOL_STATS_RESERVE (u64)
 *             Objects in the reserve.
 *         MPOOL_A_POOL_STATS_SLABS (u64)
 *             Slabs held.
 *         MPOOL_A_POOL_STATS_PAGES (u64)
 *             Pages held by the slabs.
 *         MPOOL_A_POOL_STATS_PEAK_LIVE (u64)
 *             Highest live count seen (sampled at every depot exchange; the true peak
 *             may be higher by at most two magazines per CPU).
 *         MPOOL_A_POOL_STATS_PEAK_LIVE_TIME (u64)
 *             When peak-live was seen, CLOCK_REALTIME nanoseconds.
 *         MPOOL_A_POOL_STATS_HIT_RATE (u32)
 *             Allocations served by the CPU's magazines, parts per million.
 *         MPOOL_A_POOL_STATS_EFFICIENCY (u32)
 *             Bytes of objects in use per byte of pages held, parts per million.
 *         MPOOL_A_POOL_STATS_REQUESTED_BYTES (u64)
 *             Bytes asked of a buffer pool or class by its allocations.
 *         MPOOL_A_POOL_STATS_GRANTED_BYTES (u64)
 *             Bytes of the classes that served them.
 *         MPOOL_A_POOL_STATS_FRAGMENTATION (u32)
 *             Internal fragmentation, (granted - requested) / granted, parts per
 *             million.
 *         MPOOL_A_POOL_STATS_OVERSIZE_ALLOCS (u64)
 *             Buffer requests above the largest class (served by kvmalloc).
 *         MPOOL_A_POOL_STATS_OVERSIZE_FREES (u64)
 *             Oversize buffers freed.
 *         MPOOL_A_POOL_STATS_OVERSIZE_LIVE (u64)
 *             Oversize buffers in use.
 *         MPOOL_A_POOL_STATS_ADAPT_EXPANSIONS (u64)
 *             Times the adaptive controller warmed the pool ahead of demand.
 *         MPOOL_A_POOL_STATS_ADAPT_SHRINKS (u64)
 *             Times it shrank the pool for lack of demand.
 *         MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_GROWS (u64)
 *             Times it grew the magazine size (many depot exchanges).
 *         MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_SHRINKS (u64)
 *             Times it shrank the magazine size (idle).
 *         MPOOL_A_POOL_STATS_ADAPT_REBALANCES (u64)
 *             Times it moved cached memory between nodes.
 *         MPOOL_A_POOL_STATS_LIVE_BYTES (u64)
 *             Bytes of the objects in use (live times the object size; a buffer pool
 *             sums its classes): what efficiency weighs against the pages held.
 *       MPOOL_A_CLASS_SIZE_HIST (indexed-array of nest)
 *           Requested sizes served by the class.
 *         MPOOL_A_HIST_BUCKET_LOW (u64)
 *             Lower bound of the bucket (inclusive).
 *         MPOOL_A_HIST_BUCKET_COUNT (u64)
 *             Samples in the bucket.
 *
 * MPOOL_CMD_CLASS_SET (needs CAP_NET_ADMIN)
 *   Change the reserve and cap of one size class of a buffer pool.
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_CLASS_SIZE (u32)
 *         A size served by the class to act on (class-set, pool-warm and pool-rebalance
 *         on a buffer pool).
 *     MPOOL_A_POOL_MIN_OBJECTS (u32)
 *         New reserve size (pool-set).
 *     MPOOL_A_POOL_MAX_OBJECTS (u32)
 *         Cap on objects carved, 0 for none: the new one (pool-set) or the one reached
 *         (pool-limit-ntf).
 *
 * MPOOL_CMD_POOL_REBALANCE (needs CAP_NET_ADMIN)
 *   Release up to count cached objects held on from-node and warm as many on to-node
 *   (on a buffer pool, in the class serving class-size).
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_CLASS_SIZE (u32)
 *         A size served by the class to act on (class-set, pool-warm and pool-rebalance
 *         on a buffer pool).
 *     MPOOL_A_POOL_FROM_NODE (u32)
 *         Node to release cached memory from (pool-rebalance).
 *     MPOOL_A_POOL_TO_NODE (u32)
 *         Node to warm with it (pool-rebalance).
 *     MPOOL_A_POOL_COUNT (u32)
 *         Objects to get ready (pool-warm).
 *   do reply:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_MOVED (u32)
 *         Objects released on from-node and warmed on to-node (pool-rebalance reply).
 *
 * MPOOL_CMD_POOL_COLLECT (needs CAP_NET_ADMIN)
 *   Collect one generation of a managed pool now: young counts a survival for every
 *   object, promotes those that survived promote-after collections and frees empty
 *   segments; old compacts sparse segments. Mapped objects are skipped, never waited
 *   for.
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_GENERATION (u32)
 *         The generation to collect (pool-collect); young or old.
 *   do reply:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_COLLECTED (nest)
 *         What one pool-collect did: the counters are that collection's own, the gauges
 *         (live, held) are those after it.
 *       MPOOL_A_GENERATION_STATS_GENERATION (u32)
 *
 *       MPOOL_A_GENERATION_STATS_LIVE_OBJECTS (u64)
 *           Objects allocated and not freed.
 *       MPOOL_A_GENERATION_STATS_LIVE_BYTES (u64)
 *           Their bytes.
 *       MPOOL_A_GENERATION_STATS_HELD_BYTES (u64)
 *           Bytes of the generation's segments.
 *       MPOOL_A_GENERATION_STATS_PROMOTED_IN (u64)
 *           Objects that came in by promotion.
 *       MPOOL_A_GENERATION_STATS_PROMOTED_OUT (u64)
 *           Objects that left by promotion.
 *       MPOOL_A_GENERATION_STATS_COLLECTIONS (u64)
 *
 *       MPOOL_A_GENERATION_STATS_SEGMENTS_FREED (u64)
 *           Segments given back.
 *       MPOOL_A_GENERATION_STATS_MOVED_OBJECTS (u64)
 *           Objects copied to another place by collections.
 *       MPOOL_A_GENERATION_STATS_MOVED_BYTES (u64)
 *
 *       MPOOL_A_GENERATION_STATS_PINNED_SKIPS (u64)
 *           Objects a collection would have moved but found mapped.
 *       MPOOL_A_GENERATION_STATS_MOVE_FAILURES (u64)
 *           Moves given up for want of memory (the object stays).
 *
 * MPOOL_CMD_POOL_COMPRESS (needs CAP_NET_ADMIN)
 *   Compress a managed pool's unmapped objects now, whatever their age and the
 *   watermarks (young, no-compress and mapped objects excepted), up to bytes of them.
 *   EOPNOTSUPP for a pool without a cold tier.
 *   do request:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_BYTES (u64)
 *         Stop once this many bytes of objects were compressed (pool-compress); absent
 *         or 0 for no limit. The warm level of a managed pool (pool-warm): bytes of
 *         segments it holds ready, and keeps through frees and collections; 0 gives the
 *         level up.
 *   do reply:
 *     MPOOL_A_POOL_ID (u32)
 *         Pool id, unique while the module is loaded, never 0.
 *     MPOOL_A_POOL_NAME (string)
 *         Pool name, unique among live pools.
 *     MPOOL_A_POOL_COMPRESSED (u64)
 *         Bytes of objects pool-compress compressed.
 */

#ifndef _UAPI_LINUX_MPOOL_H
#define _UAPI_LINUX_MPOOL_H

#define MPOOL_FAMILY_NAME	"mpool"
#define MPOOL_FAMILY_VERSION	1

#define MPOOL_NAME_LEN_MAX	31
#define MPOOL_MAGAZINE_MAX	1024

/**
 * enum mpool_pool_flags - Behaviour of a pool (enum mpool_flags in the kernel
 *   API).
 * @MPOOL_POOL_FLAGS_ZERO_ON_FREE: Objects are scrubbed with memzero_explicit()
 *   when freed.
 * @MPOOL_POOL_FLAGS_IRQSAFE: The pool may be used from hard interrupt context.
 * @MPOOL_POOL_FLAGS_POISON: Idle objects are poisoned and checked on
 *   allocation; double frees and foreign pointers are caught. May change at
 *   run time.
 * @MPOOL_POOL_FLAGS_TRACK: Allocation call sites and times are recorded.
 */
enum mpool_pool_flags {
	MPOOL_POOL_FLAGS_ZERO_ON_FREE = 1,
	MPOOL_POOL_FLAGS_IRQSAFE = 2,
	MPOOL_POOL_FLAGS_POISON = 4,
	MPOOL_POOL_FLAGS_TRACK = 8,
};

/**
 * enum mpool_pool_kind - What a pool hands out.
 * @MPOOL_POOL_KIND_OBJECT: Objects of one size.
 * @MPOOL_POOL_KIND_BUFFER: Buffers of any size, from size classes (each an
 *   object pool); its stats are the sums of its classes.
 * @MPOOL_POOL_KIND_MANAGED: Objects reached through handles, which the pool
 *   may move: no magazines or slabs, but lifetime generations (see managed).
 */
enum mpool_pool_kind {
	MPOOL_POOL_KIND_OBJECT,
	MPOOL_POOL_KIND_BUFFER,
	MPOOL_POOL_KIND_MANAGED,
};

/**
 * enum mpool_generation - The lifetime generations of a managed pool (enum
 *   mpool_gen).
 * @MPOOL_GENERATION_YOUNG: New objects; collected often, survivors promoted to
 *   old.
 * @MPOOL_GENERATION_OLD: Promoted objects; sparse segments compacted, rarely.
 * @MPOOL_GENERATION_PERMANENT: Allocated as permanent; never moved, scanned or
 *   collected.
 */
enum mpool_generation {
	MPOOL_GENERATION_YOUNG,
	MPOOL_GENERATION_OLD,
	MPOOL_GENERATION_PERMANENT,
};

enum {
	MPOOL_A_VERSION_MODULE = 1,

	__MPOOL_A_VERSION_MAX,
	MPOOL_A_VERSION_MAX = (__MPOOL_A_VERSION_MAX - 1)
};

enum {
	MPOOL_A_POOL_ID = 1,
	MPOOL_A_POOL_NAME,
	MPOOL_A_POOL_KIND,
	MPOOL_A_POOL_INFO,
	MPOOL_A_POOL_STATS,
	MPOOL_A_POOL_LIFETIME_HIST,
	MPOOL_A_POOL_NODE_PAIR,
	MPOOL_A_POOL_MIN_OBJECTS,
	MPOOL_A_POOL_MAX_OBJECTS,
	MPOOL_A_POOL_MAGAZINE_SIZE,
	MPOOL_A_POOL_FLAGS,
	MPOOL_A_POOL_COUNT,
	MPOOL_A_POOL_NODE,
	MPOOL_A_POOL_RELEASED,
	MPOOL_A_POOL_PAD,
	MPOOL_A_POOL_ADAPTIVE,
	MPOOL_A_POOL_ADAPT_INTERVAL,
	MPOOL_A_POOL_ADAPT_REBALANCE,
	MPOOL_A_POOL_CLASS_SIZE,
	MPOOL_A_POOL_FROM_NODE,
	MPOOL_A_POOL_TO_NODE,
	MPOOL_A_POOL_MOVED,
	MPOOL_A_POOL_SIZE_HIST,
	MPOOL_A_POOL_CLASS,
	MPOOL_A_POOL_MANAGED,
	MPOOL_A_POOL_GENERATION,
	MPOOL_A_POOL_PROMOTE_AFTER,
	MPOOL_A_POOL_YOUNG_INTERVAL,
	MPOOL_A_POOL_OLD_INTERVAL,
	MPOOL_A_POOL_OLD_SPARSE_PCT,
	MPOOL_A_POOL_COLLECTED,
	MPOOL_A_POOL_BYTES,
	MPOOL_A_POOL_COMPRESSED,
	MPOOL_A_POOL_COLD_AGE,
	MPOOL_A_POOL_COLD_HIGH_PCT,
	MPOOL_A_POOL_COLD_LOW_PCT,
	MPOOL_A_POOL_COLD_MIN_SAVING_PCT,
	MPOOL_A_POOL_COLD_INTERVAL,
	MPOOL_A_POOL_COLD_CPU_PCT,
	MPOOL_A_POOL_COLD_PERMANENT,

	__MPOOL_A_POOL_MAX,
	MPOOL_A_POOL_MAX = (__MPOOL_A_POOL_MAX - 1)
};

enum {
	MPOOL_A_POOL_INFO_OBJECT_SIZE = 1,
	MPOOL_A_POOL_INFO_OBJECT_STRIDE,
	MPOOL_A_POOL_INFO_FLAGS,
	MPOOL_A_POOL_INFO_MIN_OBJECTS,
	MPOOL_A_POOL_INFO_MAX_OBJECTS,
	MPOOL_A_POOL_INFO_MAGAZINE_SIZE,
	MPOOL_A_POOL_INFO_NODE,
	MPOOL_A_POOL_INFO_SLAB_ORDER,
	MPOOL_A_POOL_INFO_OBJECTS_PER_SLAB,
	MPOOL_A_POOL_INFO_PAD,
	MPOOL_A_POOL_INFO_ADAPTIVE,
	MPOOL_A_POOL_INFO_ADAPT_INTERVAL,
	MPOOL_A_POOL_INFO_ADAPT_REBALANCE,
	MPOOL_A_POOL_INFO_LAST_ADAPTATION,
	MPOOL_A_POOL_INFO_LAST_ADAPTATION_TIME,
	MPOOL_A_POOL_INFO_CLASSES,

	__MPOOL_A_POOL_INFO_MAX,
	MPOOL_A_POOL_INFO_MAX = (__MPOOL_A_POOL_INFO_MAX - 1)
};

enum {
	MPOOL_A_POOL_STATS_ALLOC_MAGAZINE = 1,
	MPOOL_A_POOL_STATS_ALLOC_DEPOT,
	MPOOL_A_POOL_STATS_ALLOC_SLAB,
	MPOOL_A_POOL_STATS_ALLOC_PAGE,
	MPOOL_A_POOL_STATS_ALLOC_RESERVE,
	MPOOL_A_POOL_STATS_ALLOC_REMOTE,
	MPOOL_A_POOL_STATS_ALLOC_FAIL,
	MPOOL_A_POOL_STATS_ALLOC_CAPPED,
	MPOOL_A_POOL_STATS_FREE_MAGAZINE,
	MPOOL_A_POOL_STATS_FREE_DEPOT,
	MPOOL_A_POOL_STATS_FREE_SLAB,
	MPOOL_A_POOL_STATS_FREE_RESERVE,
	MPOOL_A_POOL_STATS_FREE_REMOTE,
	MPOOL_A_POOL_STATS_SLABS_GROWN,
	MPOOL_A_POOL_STATS_SLABS_RELEASED,
	MPOOL_A_POOL_STATS_SHRINKER_SCANS,
	MPOOL_A_POOL_STATS_SHRINKER_FREED,
	MPOOL_A_POOL_STATS_POISON_ERRORS,
	MPOOL_A_POOL_STATS_DOUBLE_FREES,
	MPOOL_A_POOL_STATS_INVALID_FREES,
	MPOOL_A_POOL_STATS_LIVE,
	MPOOL_A_POOL_STATS_CACHED,
	MPOOL_A_POOL_STATS_OBJECTS,
	MPOOL_A_POOL_STATS_RESERVE,
	MPOOL_A_POOL_STATS_SLABS,
	MPOOL_A_POOL_STATS_PAGES,
	MPOOL_A_POOL_STATS_PEAK_LIVE,
	MPOOL_A_POOL_STATS_PEAK_LIVE_TIME,
	MPOOL_A_POOL_STATS_HIT_RATE,
	MPOOL_A_POOL_STATS_EFFICIENCY,
	MPOOL_A_POOL_STATS_PAD,
	MPOOL_A_POOL_STATS_REQUESTED_BYTES,
	MPOOL_A_POOL_STATS_GRANTED_BYTES,
	MPOOL_A_POOL_STATS_FRAGMENTATION,
	MPOOL_A_POOL_STATS_OVERSIZE_ALLOCS,
	MPOOL_A_POOL_STATS_OVERSIZE_FREES,
	MPOOL_A_POOL_STATS_OVERSIZE_LIVE,
	MPOOL_A_POOL_STATS_ADAPT_EXPANSIONS,
	MPOOL_A_POOL_STATS_ADAPT_SHRINKS,
	MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_GROWS,
	MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_SHRINKS,
	MPOOL_A_POOL_STATS_ADAPT_REBALANCES,
	MPOOL_A_POOL_STATS_LIVE_BYTES,

	__MPOOL_A_POOL_STATS_MAX,
	MPOOL_A_POOL_STATS_MAX = (__MPOOL_A_POOL_STATS_MAX - 1)
};

enum {
	MPOOL_A_CLASS_SIZE = 1,
	MPOOL_A_CLASS_INFO,
	MPOOL_A_CLASS_STATS,
	MPOOL_A_CLASS_SIZE_HIST,

	__MPOOL_A_CLASS_MAX,
	MPOOL_A_CLASS_MAX = (__MPOOL_A_CLASS_MAX - 1)
};

enum {
	MPOOL_A_MANAGED_PROMOTE_AFTER = 1,
	MPOOL_A_MANAGED_YOUNG_INTERVAL,
	MPOOL_A_MANAGED_OLD_INTERVAL,
	MPOOL_A_MANAGED_OLD_SPARSE_PCT,
	MPOOL_A_MANAGED_COLLECTOR,
	MPOOL_A_MANAGED_MAX_SIZE,
	MPOOL_A_MANAGED_MAX_HANDLES,
	MPOOL_A_MANAGED_BUDGET,
	MPOOL_A_MANAGED_HELD_BYTES,
	MPOOL_A_MANAGED_SEGMENT_SIZE,
	MPOOL_A_MANAGED_NODE,
	MPOOL_A_MANAGED_STALE_REFUSALS,
	MPOOL_A_MANAGED_BUSY_FREES,
	MPOOL_A_MANAGED_ALLOC_FAIL,
	MPOOL_A_MANAGED_GENERATION,
	MPOOL_A_MANAGED_PAD,
	MPOOL_A_MANAGED_COLD,
	MPOOL_A_MANAGED_TABLE_BYTES,
	MPOOL_A_MANAGED_WARM_BYTES,

	__MPOOL_A_MANAGED_MAX,
	MPOOL_A_MANAGED_MAX = (__MPOOL_A_MANAGED_MAX - 1)
};

enum {
	MPOOL_A_GENERATION_STATS_GENERATION = 1,
	MPOOL_A_GENERATION_STATS_LIVE_OBJECTS,
	MPOOL_A_GENERATION_STATS_LIVE_BYTES,
	MPOOL_A_GENERATION_STATS_HELD_BYTES,
	MPOOL_A_GENERATION_STATS_PROMOTED_IN,
	MPOOL_A_GENERATION_STATS_PROMOTED_OUT,
	MPOOL_A_GENERATION_STATS_COLLECTIONS,
	MPOOL_A_GENERATION_STATS_SEGMENTS_FREED,
	MPOOL_A_GENERATION_STATS_MOVED_OBJECTS,
	MPOOL_A_GENERATION_STATS_MOVED_BYTES,
	MPOOL_A_GENERATION_STATS_PINNED_SKIPS,
	MPOOL_A_GENERATION_STATS_MOVE_FAILURES,
	MPOOL_A_GENERATION_STATS_PAD,

	__MPOOL_A_GENERATION_STATS_MAX,
	MPOOL_A_GENERATION_STATS_MAX = (__MPOOL_A_GENERATION_STATS_MAX - 1)
};

enum {
	MPOOL_A_COLD_TIER_ENABLED = 1,
	MPOOL_A_COLD_TIER_COLD_OBJECTS,
	MPOOL_A_COLD_TIER_ORIGINAL_BYTES,
	MPOOL_A_COLD_TIER_STORED_BYTES,
	MPOOL_A_COLD_TIER_BLOCKS,
	MPOOL_A_COLD_TIER_COMPRESSIONS,
	MPOOL_A_COLD_TIER_COMPRESSED_OBJECTS,
	MPOOL_A_COLD_TIER_COMPRESSED_BYTES,
	MPOOL_A_COLD_TIER_DECOMPRESSIONS,
	MPOOL_A_COLD_TIER_DECOMPRESSED_OBJECTS,
	MPOOL_A_COLD_TIER_REFAULTS,
	MPOOL_A_COLD_TIER_REJECTS_INCOMPRESSIBLE,
	MPOOL_A_COLD_TIER_REJECTS_NOMEM,
	MPOOL_A_COLD_TIER_REJECTS_RACED,
	MPOOL_A_COLD_TIER_PINNED_SKIPS,
	MPOOL_A_COLD_TIER_CORRUPT_BLOCKS,
	MPOOL_A_COLD_TIER_IO_ERRORS,
	MPOOL_A_COLD_TIER_FAULT_FAILURES,
	MPOOL_A_COLD_TIER_NOWAIT_MISSES,
	MPOOL_A_COLD_TIER_WORKER_ON,
	MPOOL_A_COLD_TIER_WORKER_STARTS,
	MPOOL_A_COLD_TIER_WORKER_STOPS,
	MPOOL_A_COLD_TIER_WORKER_RUNS,
	MPOOL_A_COLD_TIER_CPU_BUDGET_HITS,
	MPOOL_A_COLD_TIER_SHRINKER_SCANS,
	MPOOL_A_COLD_TIER_FORCED_RUNS,
	MPOOL_A_COLD_TIER_MAP_LATENCY_HIST,
	MPOOL_A_COLD_TIER_RATIO,
	MPOOL_A_COLD_TIER_REFAULT_PPM,
	MPOOL_A_COLD_TIER_COLD_AGE,
	MPOOL_A_COLD_TIER_HIGH_PCT,
	MPOOL_A_COLD_TIER_LOW_PCT,
	MPOOL_A_COLD_TIER_MIN_SAVING_PCT,
	MPOOL_A_COLD_TIER_INTERVAL,
	MPOOL_A_COLD_TIER_CPU_PCT,
	MPOOL_A_COLD_TIER_PERMANENT,
	MPOOL_A_COLD_TIER_PAD,

	__MPOOL_A_COLD_TIER_MAX,
	MPOOL_A_COLD_TIER_MAX = (__MPOOL_A_COLD_TIER_MAX - 1)
};

enum {
	MPOOL_A_HIST_BUCKET_LOW = 1,
	MPOOL_A_HIST_BUCKET_COUNT,
	MPOOL_A_HIST_BUCKET_PAD,

	__MPOOL_A_HIST_BUCKET_MAX,
	MPOOL_A_HIST_BUCKET_MAX = (__MPOOL_A_HIST_BUCKET_MAX - 1)
};

enum {
	MPOOL_A_NODE_PAIR_CPU_NODE = 1,
	MPOOL_A_NODE_PAIR_OBJECT_NODE,
	MPOOL_A_NODE_PAIR_ALLOCS,
	MPOOL_A_NODE_PAIR_FREES,
	MPOOL_A_NODE_PAIR_PAD,

	__MPOOL_A_NODE_PAIR_MAX,
	MPOOL_A_NODE_PAIR_MAX = (__MPOOL_A_NODE_PAIR_MAX - 1)
};

enum {
	MPOOL_CMD_VERSION_GET = 1,
	MPOOL_CMD_POOL_GET,
	MPOOL_CMD_POOL_SET,
	MPOOL_CMD_POOL_WARM,
	MPOOL_CMD_POOL_SHRINK,
	MPOOL_CMD_POOL_RESET_STATS,
	MPOOL_CMD_NODE_STATS_GET,
	MPOOL_CMD_POOL_ADD_NTF,
	MPOOL_CMD_POOL_DEL_NTF,
	MPOOL_CMD_POOL_CHANGE_NTF,
	MPOOL_CMD_POOL_LIMIT_NTF,
	MPOOL_CMD_CLASS_GET,
	MPOOL_CMD_CLASS_SET,
	MPOOL_CMD_POOL_REBALANCE,
	MPOOL_CMD_POOL_COLLECT,
	MPOOL_CMD_POOL_COMPRESS,

	__MPOOL_CMD_MAX,
	MPOOL_CMD_MAX = (__MPOOL_CMD_MAX - 1)
};

#define MPOOL_MCGRP_MONITOR	"monitor"

#endif /* _UAPI_LINUX_MPOOL_H */
