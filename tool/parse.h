/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Parsing of command-line values: numbers, pool references, set's key=value pairs.
 * Pure C, no netlink: everything here is decided before the kernel is contacted,
 * unit-tested on the host and fuzzed (tests/fuzz_parse.c).
 */
#ifndef MEMPOOLCTL_PARSE_H
#define MEMPOOLCTL_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <linux/mpool.h>

enum parse_err {
	PARSE_OK = 0,
	PARSE_EMPTY,		/* "" */
	PARSE_SYNTAX,		/* not a plain decimal number (with a suffix, if allowed) */
	PARSE_SUFFIX,		/* a K/M/G suffix where none is allowed */
	PARSE_RANGE,		/* outside the allowed range, or overflow */
};

/* Flags of parse_u64()/parse_u32(). */
#define PARSE_ALLOW_SUFFIX	0x1	/* K, M, G (either case): times 1024, 1024^2, 1024^3 */

/*
 * A non-negative decimal number: digits only (no sign, no spaces, no 0x, no
 * exponent), optionally followed by one suffix letter when @flags allows, and within
 * [@min, @max] once multiplied. Returns PARSE_OK and sets *@v, or an error.
 */
int parse_u64(const char *s, uint64_t *v, uint64_t min, uint64_t max, unsigned int flags);
int parse_u32(const char *s, uint32_t *v, uint32_t min, uint32_t max, unsigned int flags);
/* Why a parse failed, for "mempoolctl: invalid COUNT 'x': <why>". */
const char *parse_strerror(int err);

/*
 * A duration in seconds with up to three decimals ("2", "0.5", "1.250"), as
 * milliseconds within [@min_ms, @max_ms]. Returns PARSE_OK or an error.
 */
int parse_duration_ms(const char *s, uint32_t *ms, uint32_t min_ms, uint32_t max_ms);

/* A pool named on the command line: "id:N" (N >= 1) or its name. */
struct pool_ref {
	uint32_t id;			/* 0 when named by name */
	char name[MPOOL_NAME_LEN_MAX + 1];
};

/*
 * Parse a pool reference. A name is 1 to MPOOL_NAME_LEN_MAX characters of
 * [A-Za-z0-9_.-]. Returns 0 or -1 with a reason in @err.
 */
int parse_pool_ref(const char *s, struct pool_ref *ref, char *err, size_t errlen);
/* The reference as the user wrote it: "id:3" or the name. */
const char *pool_ref_str(const struct pool_ref *ref, char *buf, size_t len);

/* on/off (also 1/0, yes/no, true/false). Returns 0 or -1. */
int parse_bool(const char *s, bool *v);

/*
 * A count of objects for a limit: N with an optional K/M/G suffix, 0 to
 * 4294967295; with @none_ok also "none" (0, no cap). Returns PARSE_OK or an error.
 */
int parse_limit(const char *s, bool none_ok, uint32_t *v);

/*
 * A size in bytes naming a class of a buffer pool (--class): 1 to 4294967295 with an
 * optional K/M/G suffix ("4K" is 4096). Returns PARSE_OK or an error.
 */
int parse_class_size(const char *s, uint32_t *size);

/* A NUMA node number (--node, --from, --to): 0 to 2147483647, digits only. */
int parse_node(const char *s, uint32_t *node);

/* The adaptive controller's interval, in seconds: the kernel takes 60 to 86400. */
#define ADAPT_INTERVAL_MIN 60
#define ADAPT_INTERVAL_MAX 86400

/* A managed pool's policy, as the kernel takes it (pool-set). */
#define PROMOTE_AFTER_MAX 255
#define MANAGED_INTERVAL_MAX 3600000	/* ms */
/* ... and of its cold tier. */
#define COLD_AGE_MAX 86400000		/* ms */
#define COLD_LOW_PCT_MAX 99		/* below the high watermark, at most 100 */
#define COLD_MIN_SAVING_PCT_MAX 90

/* What `mempoolctl set` changes. */
struct set_req {
	bool has_min, has_max, has_magazine, has_poison;
	bool has_adaptive, has_adapt_interval, has_adapt_rebalance;
	bool has_promote_after, has_young_interval, has_old_interval, has_old_sparse_pct;
	bool has_cold_age, has_cold_high_pct, has_cold_low_pct, has_cold_min_saving_pct;
	bool has_cold_interval, has_cold_cpu_pct, has_cold_permanent;
	uint32_t min_objects;
	uint32_t max_objects;		/* 0: no cap */
	uint32_t magazine_size;
	bool poison;
	bool adaptive;
	uint32_t adapt_interval;	/* seconds */
	bool adapt_rebalance;
	uint32_t promote_after;
	uint32_t young_interval;	/* ms */
	uint32_t old_interval;		/* ms */
	uint32_t old_sparse_pct;
	uint32_t cold_age;		/* ms */
	uint32_t cold_high_pct;
	uint32_t cold_low_pct;
	uint32_t cold_min_saving_pct;
	uint32_t cold_interval;		/* ms */
	uint32_t cold_cpu_pct;
	bool cold_permanent;
};

/* Room for parse_set_arg()'s longest message: the unknown-key one lists every key. */
#define SET_ERR_LEN 512

/*
 * Add one "key=value" argument of `set` to @req: min-objects=N, max-objects=N|none,
 * magazine-size=N (1..MPOOL_MAGAZINE_MAX, no suffix), poison=on|off,
 * adaptive=on|off, adapt-interval=SECONDS (60..86400, no suffix),
 * adapt-rebalance=on|off; for managed pools promote-after=N (1..255),
 * young-interval=MS and old-interval=MS (1..3600000), old-sparse-pct=P (1..100); for
 * managed pools with a cold tier cold-age=MS (1..86400000), cold-high-pct=P (1..100),
 * cold-low-pct=P (1..99), cold-min-saving-pct=P (1..90), cold-interval=MS
 * (1..3600000), cold-cpu-pct=P (1..100), cold-permanent=on|off; no suffixes. Each key
 * at most once. Returns 0 or -1 with a reason in @err.
 */
int parse_set_arg(const char *arg, struct set_req *req, char *err, size_t errlen);

/* Whether @req sets a managed pool's policy, or something of object and buffer pools. */
bool set_req_managed(const struct set_req *req);
bool set_req_slab(const struct set_req *req);

/*
 * The generation `collect --gen` names: "young" or "old" (MPOOL_GENERATION_*).
 * Returns 0, or -1 ("permanent" too: permanent objects are never collected).
 */
int parse_collect_generation(const char *s, uint32_t *gen);

/* The keys parse_set_arg() knows, NULL-terminated (for completion and usage). */
extern const char *const set_keys[];

/* Sort keys of list/top. */
enum sort_key {
	SORT_ID,
	SORT_NAME,
	SORT_SIZE,
	SORT_LIVE,
	SORT_CACHED,
	SORT_PAGES,
	SORT_HIT,
	SORT_EFF,
	SORT_ALLOCS,
	SORT_FREES,
	SORT_NR,
};

extern const char *const sort_key_names[SORT_NR];

/* A sort key by name. Returns 0 or -1. */
int parse_sort_key(const char *s, enum sort_key *key);

#endif /* MEMPOOLCTL_PARSE_H */
