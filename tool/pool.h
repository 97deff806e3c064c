/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What the kernel reports about a pool, decoded from pool-get, class-get and
 * node-stats-get replies into plain structs, and written back out as JSON. Pure C:
 * the host tests feed it attribute streams they build themselves.
 */
#ifndef MEMPOOLCTL_POOL_H
#define MEMPOOLCTL_POOL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/mpool.h>

#include "nl.h"
#include "output.h"

/* The 64-bit counters and gauges of pool-stats, in attribute order. */
enum pool_stat {
	ST_ALLOC_MAGAZINE,
	ST_ALLOC_DEPOT,
	ST_ALLOC_SLAB,
	ST_ALLOC_PAGE,
	ST_ALLOC_RESERVE,
	ST_ALLOC_REMOTE,
	ST_ALLOC_FAIL,
	ST_ALLOC_CAPPED,
	ST_FREE_MAGAZINE,
	ST_FREE_DEPOT,
	ST_FREE_SLAB,
	ST_FREE_RESERVE,
	ST_FREE_REMOTE,
	ST_SLABS_GROWN,
	ST_SLABS_RELEASED,
	ST_SHRINKER_SCANS,
	ST_SHRINKER_FREED,
	ST_POISON_ERRORS,
	ST_DOUBLE_FREES,
	ST_INVALID_FREES,
	ST_LIVE,
	ST_CACHED,
	ST_OBJECTS,
	ST_RESERVE,
	ST_SLABS,
	ST_PAGES,
	ST_PEAK_LIVE,
	ST_PEAK_LIVE_TIME,
	ST_REQUESTED_BYTES,
	ST_GRANTED_BYTES,
	ST_OVERSIZE_ALLOCS,
	ST_OVERSIZE_FREES,
	ST_OVERSIZE_LIVE,
	ST_ADAPT_EXPANSIONS,
	ST_ADAPT_SHRINKS,
	ST_ADAPT_MAGAZINE_GROWS,
	ST_ADAPT_MAGAZINE_SHRINKS,
	ST_ADAPT_REBALANCES,
	ST_NR,
};

struct stat_desc {
	int attr;		/* MPOOL_A_POOL_STATS_* */
	const char *name;	/* spec name, e.g. "alloc-magazine" */
	const char *json;	/* JSON key, e.g. "alloc_magazine" */
	bool counter;		/* monotonic (rates make sense) or a gauge */
};

extern const struct stat_desc stat_descs[ST_NR];

/* Presence bits of struct pool_info. */
enum {
	PI_OBJECT_SIZE		= 1u << 0,
	PI_OBJECT_STRIDE	= 1u << 1,
	PI_FLAGS		= 1u << 2,
	PI_MIN_OBJECTS		= 1u << 3,
	PI_MAX_OBJECTS		= 1u << 4,
	PI_MAGAZINE_SIZE	= 1u << 5,
	PI_NODE			= 1u << 6,
	PI_SLAB_ORDER		= 1u << 7,
	PI_OBJECTS_PER_SLAB	= 1u << 8,
	PI_ADAPTIVE		= 1u << 9,
	PI_ADAPT_INTERVAL	= 1u << 10,
	PI_ADAPT_REBALANCE	= 1u << 11,
	PI_LAST_ADAPTATION	= 1u << 12,
	PI_LAST_ADAPTATION_TIME	= 1u << 13,
	PI_CLASSES		= 1u << 14,
};

/* The kernel keeps 160 bytes of "what and why"; room for a longer one from a newer. */
#define POOL_ADAPTATION_LEN 256

struct pool_info {
	uint32_t present;
	uint64_t object_size;
	uint64_t object_stride;
	uint32_t flags;
	uint32_t min_objects;
	uint32_t max_objects;
	uint32_t magazine_size;
	int32_t node;
	uint32_t slab_order;
	uint32_t objects_per_slab;
	uint8_t adaptive;		/* 1: the adaptive controller runs */
	uint32_t adapt_interval;	/* seconds between its decisions */
	uint8_t adapt_rebalance;	/* 1: it may move memory between nodes */
	char last_adaptation[POOL_ADAPTATION_LEN];	/* "" when it never decided */
	uint64_t last_adaptation_time;	/* CLOCK_REALTIME ns, 0 never */
	uint32_t classes;		/* buffer pools: size classes */
};

#define POOL_HIST_MAX 64

struct hist_bucket {
	uint64_t low;
	uint64_t count;
};

/* The counters and gauges of one generation of a managed pool, in attribute order. */
enum gen_stat {
	GS_LIVE_OBJECTS,
	GS_LIVE_BYTES,
	GS_HELD_BYTES,
	GS_PROMOTED_IN,
	GS_PROMOTED_OUT,
	GS_COLLECTIONS,
	GS_SEGMENTS_FREED,
	GS_MOVED_OBJECTS,
	GS_MOVED_BYTES,
	GS_PINNED_SKIPS,
	GS_MOVE_FAILURES,
	GS_NR,
};

struct gen_stat_desc {
	int attr;		/* MPOOL_A_GENERATION_STATS_* */
	const char *name;	/* spec name, e.g. "promoted-out" */
	const char *json;	/* JSON key, e.g. "promoted_out" */
	bool counter;		/* monotonic (rates make sense) or a gauge */
};

extern const struct gen_stat_desc gen_stat_descs[GS_NR];

/* young, old, permanent: enum mpool_generation. */
#define POOL_GENERATIONS 3

extern const char *const pool_generation_names[POOL_GENERATIONS];

/* One generation-stats nest: a generation of pool-get, or what pool-collect did. */
struct gen_stats {
	bool present;			/* the kernel reported this generation */
	uint32_t stat_present;		/* bit i: stat[i] was reported */
	uint64_t stat[GS_NR];
};

/* The u64 counters and gauges of a cold-tier nest, in attribute order. */
enum cold_stat {
	CS_ENABLED,
	CS_COLD_OBJECTS,
	CS_ORIGINAL_BYTES,
	CS_STORED_BYTES,
	CS_BLOCKS,
	CS_COMPRESSIONS,
	CS_COMPRESSED_OBJECTS,
	CS_COMPRESSED_BYTES,
	CS_DECOMPRESSIONS,
	CS_DECOMPRESSED_OBJECTS,
	CS_REFAULTS,
	CS_REJECTS_INCOMPRESSIBLE,
	CS_REJECTS_NOMEM,
	CS_REJECTS_RACED,
	CS_PINNED_SKIPS,
	CS_CORRUPT_BLOCKS,
	CS_IO_ERRORS,
	CS_FAULT_FAILURES,
	CS_NOWAIT_MISSES,
	CS_WORKER_ON,
	CS_WORKER_STARTS,
	CS_WORKER_STOPS,
	CS_WORKER_RUNS,
	CS_CPU_BUDGET_HITS,
	CS_SHRINKER_SCANS,
	CS_FORCED_RUNS,
	CS_NR,
};

struct cold_stat_desc {
	int attr;		/* MPOOL_A_COLD_TIER_* */
	const char *name;	/* spec name, e.g. "stored-bytes" */
	const char *stats;	/* its line in debugfs stats, e.g. "cold-stored-bytes" */
	const char *json;	/* JSON key, e.g. "stored_bytes" */
	bool counter;		/* monotonic (rates make sense) or a gauge */
};

extern const struct cold_stat_desc cold_stat_descs[CS_NR];

/* Presence bits of struct pool_cold's ratios and policy. */
enum {
	PC_RATIO		= 1u << 0,
	PC_REFAULT_PPM		= 1u << 1,
	PC_COLD_AGE		= 1u << 2,
	PC_HIGH_PCT		= 1u << 3,
	PC_LOW_PCT		= 1u << 4,
	PC_MIN_SAVING_PCT	= 1u << 5,
	PC_INTERVAL		= 1u << 6,
	PC_CPU_PCT		= 1u << 7,
	PC_PERMANENT		= 1u << 8,
};

/* The compressed cold tier of a managed pool (the cold nest of its managed nest). */
struct pool_cold {
	uint32_t stat_present;		/* bit i: stat[i] was reported */
	uint64_t stat[CS_NR];
	unsigned int nr_hist;		/* map latency, nanoseconds, log2 buckets */
	struct hist_bucket hist[POOL_HIST_MAX];
	uint32_t present;		/* PC_* */
	uint32_t ratio;			/* original per stored byte, hundredths; 0 empty */
	uint32_t refault_ppm;		/* decompressions that were refaults */
	uint32_t cold_age;		/* ms unmapped before an object is cold */
	uint32_t high_pct;		/* share of the budget that starts the worker */
	uint32_t low_pct;		/* share that stops it */
	uint32_t min_saving_pct;	/* a block saving less stays uncompressed */
	uint32_t interval;		/* ms, the worker's period */
	uint32_t cpu_pct;		/* share of each period it may compress */
	uint8_t permanent;		/* 1: permanent objects are compressed too */
};

/* Presence bits of struct pool_managed. */
enum {
	PM_PROMOTE_AFTER	= 1u << 0,
	PM_YOUNG_INTERVAL	= 1u << 1,
	PM_OLD_INTERVAL		= 1u << 2,
	PM_OLD_SPARSE_PCT	= 1u << 3,
	PM_COLLECTOR		= 1u << 4,
	PM_MAX_SIZE		= 1u << 5,
	PM_MAX_HANDLES		= 1u << 6,
	PM_BUDGET		= 1u << 7,
	PM_HELD_BYTES		= 1u << 8,
	PM_SEGMENT_SIZE		= 1u << 9,
	PM_NODE			= 1u << 10,
	PM_STALE_REFUSALS	= 1u << 11,
	PM_BUSY_FREES		= 1u << 12,
	PM_ALLOC_FAIL		= 1u << 13,
	PM_TABLE_BYTES		= 1u << 14,
	PM_WARM_BYTES		= 1u << 15,
};

/* A managed pool's policy, sizes and generations (the managed nest of pool-get). */
struct pool_managed {
	uint32_t present;
	uint32_t promote_after;		/* young collections survived before promotion */
	uint32_t young_interval;	/* ms */
	uint32_t old_interval;		/* ms */
	uint32_t old_sparse_pct;
	uint8_t collector;		/* 1: a worker collects on its own */
	uint32_t max_size;		/* bytes of the largest object */
	uint32_t max_handles;
	uint64_t budget;		/* bytes, 0: no limit */
	uint64_t held_bytes;		/* every generation */
	uint32_t segment_size;
	int32_t node;			/* -1: the allocating CPU's */
	uint64_t stale_refusals;
	uint64_t busy_frees;
	uint64_t alloc_fail;
	uint64_t table_bytes;		/* the handle table, beside held_bytes */
	uint64_t warm_bytes;		/* the warm level, 0: never warmed */
	struct gen_stats gen[POOL_GENERATIONS];
	bool has_cold;			/* the pool has a cold tier */
	struct pool_cold cold;
};

struct pool {
	uint32_t id;
	char name[MPOOL_NAME_LEN_MAX + 1];
	bool has_kind;
	uint32_t kind;
	bool has_info;
	struct pool_info info;
	bool has_stats;
	uint64_t stat[ST_NR];
	uint64_t stat_present;		/* bit i: stat[i] was reported */
	bool has_hit_rate;
	uint32_t hit_rate;		/* ppm */
	bool has_efficiency;
	uint32_t efficiency;		/* ppm */
	bool has_fragmentation;
	uint32_t fragmentation;		/* ppm */
	unsigned int nr_hist;		/* 0: no histogram (pool without track) */
	struct hist_bucket hist[POOL_HIST_MAX];
	bool has_size_hist;		/* buffer pools (and their classes) */
	unsigned int nr_size_hist;
	struct hist_bucket size_hist[POOL_HIST_MAX];
	bool has_managed;		/* managed pools: no info or stats, this instead */
	struct pool_managed managed;
};

/* A pool-collect reply: the pool and what that one collection did. */
struct collect_result {
	uint32_t id;
	char name[MPOOL_NAME_LEN_MAX + 1];
	uint32_t generation;		/* enum mpool_generation */
	struct gen_stats done;		/* its own counters; gauges after it */
};

/* One size class of a buffer pool (class-get): an object pool of its own. */
struct pool_class {
	uint32_t size;
	struct pool p;		/* info, stats and size histogram; no id or name */
};

/* The kernel allows 24 classes; room for more from a newer one. */
#define POOL_CLASSES_MAX 64

struct class_list {
	uint32_t id;
	char name[MPOOL_NAME_LEN_MAX + 1];
	unsigned int nr;
	struct pool_class cls[POOL_CLASSES_MAX];
};

struct node_pair {
	uint32_t cpu_node;
	uint32_t object_node;
	uint64_t allocs;
	uint64_t frees;
};

#define NODE_PAIRS_MAX 4096

struct node_matrix {
	uint32_t id;
	char name[MPOOL_NAME_LEN_MAX + 1];
	unsigned int nr;
	struct node_pair pair[NODE_PAIRS_MAX];
};

/*
 * Decode a pool-get reply or a pool-add/pool-change notification (attribute set
 * "pool", parsed up to MPOOL_A_POOL_MAX). Returns 0 or -EPROTO (id or name missing,
 * or a malformed attribute).
 */
int pool_decode(struct pool *p, const struct mpool_reply *r);
/* Decode a node-stats-get reply. Returns 0 or -EPROTO. */
int node_matrix_decode(struct node_matrix *m, const struct mpool_reply *r);
/*
 * Decode a class-get reply: every class nest, in the kernel's order (ascending
 * sizes). Returns 0 or -EPROTO (id, name or a class size missing, more than
 * POOL_CLASSES_MAX classes, a malformed attribute).
 */
int class_list_decode(struct class_list *c, const struct mpool_reply *r);
/* A pool-compress reply: the pool and the bytes of objects it compressed. */
struct compress_result {
	uint32_t id;
	char name[MPOOL_NAME_LEN_MAX + 1];
	uint64_t compressed;
};

/* Decode a pool-compress reply. Returns 0 or -EPROTO (id, name or compressed missing). */
int compress_result_decode(struct compress_result *c, const struct mpool_reply *r);
/*
 * Decode a pool-collect reply. Returns 0 or -EPROTO (id, name or the collected nest
 * missing, a generation this tool does not know, a malformed attribute).
 */
int collect_result_decode(struct collect_result *c, const struct mpool_reply *r);

static inline bool pool_is_buffer(const struct pool *p)
{
	return p->has_kind && p->kind == MPOOL_POOL_KIND_BUFFER;
}

static inline bool pool_is_managed(const struct pool *p)
{
	return p->has_kind && p->kind == MPOOL_POOL_KIND_MANAGED;
}

static inline bool pool_has(const struct pool *p, enum pool_stat s)
{
	return p->stat_present & (1ull << s);
}

/* Sum of the alloc-* counters that count successful allocations. */
uint64_t pool_allocs(const struct pool *p);
/* Sum of the free-* counters. */
uint64_t pool_frees(const struct pool *p);

/*
 * What list, top and sort compare across kinds. A managed pool has no stats nest:
 * its objects in use are the live objects of its generations, its memory the bytes
 * of its segments, its efficiency their live bytes per byte held.
 */
uint64_t pool_live(const struct pool *p);
/* Pages held, a managed pool's held bytes in pages of @page bytes (rounded up). */
uint64_t pool_pages(const struct pool *p, uint64_t page);
/* Efficiency in parts per million; false when the pool reports none (nothing held). */
bool pool_efficiency(const struct pool *p, uint32_t *ppm);
/* A managed pool: the sum of one statistic over its generations. */
uint64_t managed_sum(const struct pool_managed *m, enum gen_stat s);

/* "object", "buffer", "managed", or "kind-N" for kinds this tool does not know. */
const char *pool_kind_name(uint32_t kind, char *buf, size_t len);
/* "young", "old", "permanent", or "generation-N" for ones this tool does not know. */
const char *pool_generation_name(uint32_t gen, char *buf, size_t len);

/* Flag names as in the spec: "zero-on-free", "irqsafe", "poison", "track". */
extern const char *const pool_flag_names[4];

/*
 * The JSON object of a pool (mempoolctl.8 lists its members). @key: its member name,
 * or NULL inside an array. The caller may add members before closing it.
 */
void pool_json_begin(struct json *j, const char *key, const struct pool *p);
void node_matrix_json(struct json *j, const char *key, const struct node_matrix *m);
/* The classes of a buffer pool: an array of {size, info, stats, size_hist}. */
void class_list_json(struct json *j, const char *key, const struct class_list *c);
/* The "stats" object of @p. */
void pool_stats_json(struct json *j, const struct pool *p);
/* The "managed" object of a managed pool: policy, sizes, "generations" by name. */
void pool_managed_json(struct json *j, const struct pool_managed *m);
/* The "cold" object of a managed pool's cold tier. */
void pool_cold_json(struct json *j, const struct pool_cold *c);
/* One generation-stats object (@key: its member name). */
void gen_stats_json(struct json *j, const char *key, const struct gen_stats *g);
/* A counter's growth between two samples; a reset in between restarts from zero. */
static inline uint64_t counter_delta(uint64_t prev, uint64_t cur)
{
	return cur >= prev ? cur - prev : cur;
}

#endif /* MEMPOOLCTL_POOL_H */
