// SPDX-License-Identifier: GPL-2.0
/*
 * A fake mpool kernel behind nl.h, for host tests of mempoolctl without a kernel or
 * libnl: tests/mempoolctl-fake is mempoolctl linked with this file instead of nl.c.
 * Replies are built as attribute streams the way kmod/netlink.c fills them (u64s with
 * pad attributes, the histogram as an indexed array, node pairs repeated) and parsed
 * by the tool's own attr.c, so everything above the socket runs for real.
 *
 * Pools (like mpool_demo.ko's, plus one whose numbers call for every suggestion):
 *   1 demo_conn   256 B, constructor, min 16, max 4096, 32 live
 *   2 demo_frame  1500 B, poison+track, max 1024, 8 live
 *   3 fake_busy   64 B, depot-heavy, reserve dips, cap hits, mostly idle pages
 *   4 kbuf, 5 fake_wide: buffer pools (init_kbuf(), init_wide())
 *   6 demo_archive, 7 fake_archive: managed pools with cold tiers (init_archive(),
 *     init_fake_archive())
 * Counters grow with time (alloc-magazine by 500 per second, ...) so rates are known.
 *
 * Environment:
 *   MEMPOOLCTL_FAKE_STATE=FILE     keep changes (set, warm, shrink, reset) in FILE
 *   MEMPOOLCTL_FAKE_NOMODULE=1     the family does not exist (module not loaded)
 *   MEMPOOLCTL_FAKE_DUMP_INTR=N    flag the first N dumps NLM_F_DUMP_INTR
 *   MEMPOOLCTL_FAKE_NOGROUP=1      no "monitor" multicast group
 *   MEMPOOLCTL_FAKE_UNPRIV=1       refuse changes with EPERM (also when euid != 0)
 *   MEMPOOLCTL_FAKE_LOG=FILE       append one line per request ("dump pool-get", ...)
 *   MEMPOOLCTL_FAKE_NOCOLD=1       no managed pool has a cold tier (no cold nest)
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <linux/mpool.h>

#include "../attr.h"
#include "../nl.h"

#define NR_POOLS 7
#define NR_NODES 2
#define HIST 32
#define STATS_MAX MPOOL_A_POOL_STATS_MAX
#define KBUF_CLASSES 16
#define WIDE_CLASSES 24
#define NR_GENS 3
/* The statistics of a generation, live-objects to move-failures (attribute order). */
#define GEN_FIELDS (MPOOL_A_GENERATION_STATS_MOVE_FAILURES - MPOOL_A_GENERATION_STATS_LIVE_OBJECTS + 1)
#define SEGMENT (32u << 10)	/* MPOOL_M_SEGMENT */

enum {
	G_LIVE, G_LIVE_BYTES, G_HELD, G_PROMOTED_IN, G_PROMOTED_OUT, G_COLLECTIONS,
	G_SEGMENTS_FREED, G_MOVED, G_MOVED_BYTES, G_PINNED, G_MOVE_FAILURES,
};

/* The counters of a cold tier, enabled to forced-runs (attribute order). */
#define COLD_FIELDS (MPOOL_A_COLD_TIER_FORCED_RUNS - MPOOL_A_COLD_TIER_ENABLED + 1)

enum {
	C_ENABLED, C_OBJECTS, C_ORIGINAL, C_STORED, C_BLOCKS, C_COMPRESSIONS, C_COMPRESSED_OBJECTS,
	C_COMPRESSED_BYTES, C_DECOMPRESSIONS, C_DECOMPRESSED_OBJECTS, C_REFAULTS,
	C_REJECTS_INCOMPRESSIBLE, C_REJECTS_NOMEM, C_REJECTS_RACED, C_PINNED, C_CORRUPT,
	C_IO_ERRORS, C_FAULT_FAILURES, C_NOWAIT_MISSES, C_WORKER_ON, C_WORKER_STARTS,
	C_WORKER_STOPS, C_WORKER_RUNS, C_CPU_BUDGET_HITS, C_SHRINKER_SCANS, C_FORCED_RUNS,
};

/* A cold tier as kmod/compress.c keeps one: policy (pool-set), counters, map latency. */
struct fake_cold {
	uint32_t cold_age, high_pct, low_pct, min_saving_pct, interval, cpu_pct;
	uint8_t permanent;
	uint64_t st[COLD_FIELDS];
	uint64_t latency[HIST];		/* ns, log2 buckets */
	uint32_t saving_pct;		/* what its data compresses by; 0: out of memory */
};

/* A managed pool, as kmod/managed.c keeps one: policy, sizes, generations. */
struct fake_managed {
	uint32_t promote_after, young_interval, old_interval, old_sparse_pct;
	uint8_t collector;
	uint32_t max_size, max_handles;
	uint64_t budget;
	int32_t node;
	uint64_t stale_refusals, busy_frees, alloc_fail;
	uint64_t table_bytes, warm_bytes;
	uint64_t gen[NR_GENS][GEN_FIELDS];
	uint64_t lifetime[HIST];
	uint64_t pinned_per_collection;	/* objects found mapped by each collection */
	bool cold_tier;
	struct fake_cold cold;
};

struct fake_pool {
	/* counters: base + per_sec * seconds since reset */
	uint64_t base[STATS_MAX + 1];
	uint64_t per_sec[STATS_MAX + 1];
	/* a buffer class: the sizes asked of it (log2 buckets, as counters) */
	uint64_t size_hist[HIST];
	uint64_t size, stride;
	uint64_t live, cached;
	uint64_t last_ns;
	uint64_t oversize[3];	/* a buffer pool: allocs, frees, live */
	double reset_at;
	const char *name;
	const char *last;	/* the adaptive controller's last decision */
	struct fake_pool *classes;	/* a buffer pool's */
	struct fake_managed *managed;	/* a managed pool's: no slabs, none of the above */
	uint32_t id;
	uint32_t flags, min, max, mag, order, per_slab;
	uint32_t interval;
	unsigned int nr_classes;
	bool ctor;
	uint8_t adaptive, rebalance;
	char class_name[40];
};

static struct fake_pool pools[NR_POOLS];
static struct fake_pool kbuf_classes[KBUF_CLASSES];
static struct fake_pool wide_classes[WIDE_CLASSES];
static struct fake_managed archive, fake_archive;

struct mpool_nl {
	char kernel_msg[256];
	int pipe[2];		/* monitor: one byte per pending event */
};

static const char *state_file;
/* Counters start at their base when the tool connects and grow at per_sec from there. */
static double t_open;
static unsigned int dump_intr_left;
static bool dump_intr_read;

static double mono(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void logf_req(const char *what)
{
	const char *path = getenv("MEMPOOLCTL_FAKE_LOG");
	FILE *f;

	if (!path || !(f = fopen(path, "a")))
		return;
	fprintf(f, "%s\n", what);
	fclose(f);
}

/* A class of @size bytes as bufpool.c makes it: natural alignment, slabs of a page up. */
static void init_class(struct fake_pool *c, const char *pool, uint32_t size)
{
	uint32_t order = 0;

	memset(c, 0, sizeof(*c));
	snprintf(c->class_name, sizeof(c->class_name), "%s.%u", pool, size);
	c->name = c->class_name;
	c->size = c->stride = size;
	while ((4096u << order) < size)
		order++;
	c->order = order;
	c->per_slab = (uint32_t)((4096ull << order) / size);
	c->mag = 32;
	c->adaptive = 1;
	c->interval = 300;
	c->last = "";
}

/* @n allocations of @size bytes asked of class @c (all from its magazines). */
static void class_traffic(struct fake_pool *c, uint64_t n, uint64_t size)
{
	unsigned int bucket = 0;

	while (bucket + 1 < HIST && (2ull << bucket) <= size)
		bucket++;
	c->base[MPOOL_A_POOL_STATS_ALLOC_MAGAZINE] += n;
	c->base[MPOOL_A_POOL_STATS_FREE_MAGAZINE] += n;
	c->base[MPOOL_A_POOL_STATS_REQUESTED_BYTES] += n * size;
	c->size_hist[bucket] += n;
}

/*
 * kbuf, as mpool.ko creates it (16 classes, 64 B to 2 MiB, adaptive), with what
 * mpool_demo.ko holds: 16 log lines of 300 bytes in the 512 class.
 */
static void init_kbuf(struct fake_pool *p)
{
	unsigned int i;

	*p = (struct fake_pool){ .id = 4, .name = "kbuf", .classes = kbuf_classes,
				 .nr_classes = KBUF_CLASSES, .adaptive = 1, .interval = 300 };
	for (i = 0; i < KBUF_CLASSES; i++)
		init_class(&kbuf_classes[i], "kbuf", 64u << i);
	/* 128: 200 lines of about 100 bytes */
	class_traffic(&kbuf_classes[1], 200, 100);
	kbuf_classes[1].cached = 32;
	/* 256: 300 of 180 */
	class_traffic(&kbuf_classes[2], 300, 180);
	kbuf_classes[2].cached = 16;
	/* 512: the demo's 16 lines of 300 bytes, 1000 more before */
	class_traffic(&kbuf_classes[3], 1016, 300);
	kbuf_classes[3].base[MPOOL_A_POOL_STATS_FREE_MAGAZINE] -= 16;
	kbuf_classes[3].base[MPOOL_A_POOL_STATS_ALLOC_PAGE] = 8;
	kbuf_classes[3].base[MPOOL_A_POOL_STATS_SLABS_GROWN] = 8;
	kbuf_classes[3].live = 16;
	kbuf_classes[3].cached = 48;
	kbuf_classes[3].last = "grew the magazine size to 64: 75 depot exchanges a second (above 50)";
	kbuf_classes[3].last_ns = 1700000600ull * 1000000000ull;
	kbuf_classes[3].base[MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_GROWS] = 1;
	/* 4096 and 65536: the churn's big lines */
	class_traffic(&kbuf_classes[6], 50, 4096);
	kbuf_classes[6].cached = 2;
	class_traffic(&kbuf_classes[10], 50, 65536);
	kbuf_classes[10].cached = 1;
	p->oversize[0] = 3;
	p->oversize[1] = 3;
}

/*
 * fake_wide: 24 classes (the most the kernel allows), 64-byte steps then halfway
 * steps, whose numbers call for every buffer suggestion: sizes of 1025 to 1100 bytes
 * in the 1536 class, a capped class, a dipped reserve, many oversize buffers.
 */
static void init_wide(struct fake_pool *p)
{
	static const uint32_t sizes[WIDE_CLASSES] = {
		64, 128, 192, 256, 384, 512, 768, 1024, 1536, 2048, 3072, 4096, 6144, 8192,
		12288, 16384, 24576, 32768, 49152, 65536, 98304, 131072, 196608, 262144,
	};
	struct fake_pool *c;
	unsigned int i;

	*p = (struct fake_pool){ .id = 5, .name = "fake_wide", .classes = wide_classes,
				 .nr_classes = WIDE_CLASSES, .interval = 300 };
	for (i = 0; i < WIDE_CLASSES; i++) {
		init_class(&wide_classes[i], "fake_wide", sizes[i]);
		wide_classes[i].adaptive = 0;
	}
	c = &wide_classes[8];	/* 1536 */
	class_traffic(c, 900, 1050);
	c->cached = 20;
	c->live = 10;
	c->last = "shrank: the peak 10 is below a quarter of the supply 200; released 190 objects";
	c->last_ns = 1700000300ull * 1000000000ull;
	c->base[MPOOL_A_POOL_STATS_ADAPT_SHRINKS] = 1;
	c = &wide_classes[3];	/* 256 */
	class_traffic(c, 100, 200);
	c->min = 8;
	c->cached = 8;
	c->base[MPOOL_A_POOL_STATS_ALLOC_RESERVE] = 2;
	c = &wide_classes[11];	/* 4096 */
	class_traffic(c, 100, 2500);
	c->max = 100;
	c->live = 90;
	c->cached = 10;
	c->base[MPOOL_A_POOL_STATS_ALLOC_CAPPED] = 4;
	p->oversize[0] = 200;
	p->oversize[1] = 190;
	p->oversize[2] = 10;
}

/*
 * demo_archive as mpool_demo.ko makes it (max-size 1 KiB, 4096 handles, a 4 MiB
 * budget, the default policy, the worker on) holding 48 entries, every eighth
 * permanent, after a while of churn: 6 young, 36 old, 6 permanent, one 32 KiB
 * segment each; 60 promoted, one young segment freed, 24 replaced after about a second.
 */
static void init_archive(struct fake_pool *p)
{
	struct fake_managed *m = &archive;

	memset(m, 0, sizeof(*m));
	*m = (struct fake_managed){ .promote_after = 2, .young_interval = 100,
				    .old_interval = 1000, .old_sparse_pct = 50, .collector = 1,
				    .max_size = 1024, .max_handles = 4096, .budget = 4u << 20,
				    .node = -1, .table_bytes = 4472 };
	m->gen[MPOOL_GENERATION_YOUNG][G_LIVE] = 6;
	m->gen[MPOOL_GENERATION_YOUNG][G_LIVE_BYTES] = 3000;
	m->gen[MPOOL_GENERATION_YOUNG][G_HELD] = SEGMENT;
	m->gen[MPOOL_GENERATION_YOUNG][G_PROMOTED_OUT] = 60;
	m->gen[MPOOL_GENERATION_YOUNG][G_COLLECTIONS] = 120;
	m->gen[MPOOL_GENERATION_YOUNG][G_SEGMENTS_FREED] = 1;
	m->gen[MPOOL_GENERATION_YOUNG][G_MOVED] = 60;
	m->gen[MPOOL_GENERATION_YOUNG][G_MOVED_BYTES] = 32400;
	m->gen[MPOOL_GENERATION_OLD][G_LIVE] = 36;
	m->gen[MPOOL_GENERATION_OLD][G_LIVE_BYTES] = 19440;
	m->gen[MPOOL_GENERATION_OLD][G_HELD] = SEGMENT;
	m->gen[MPOOL_GENERATION_OLD][G_PROMOTED_IN] = 60;
	m->gen[MPOOL_GENERATION_OLD][G_COLLECTIONS] = 12;
	m->gen[MPOOL_GENERATION_PERMANENT][G_LIVE] = 6;
	m->gen[MPOOL_GENERATION_PERMANENT][G_LIVE_BYTES] = 3600;
	m->gen[MPOOL_GENERATION_PERMANENT][G_HELD] = SEGMENT;
	m->lifetime[19] = 10;	/* 0.5 to 1 s */
	m->lifetime[20] = 14;	/* 1 to 2 s */
	/* The default cold policy; nothing compressed yet (48 entries stay below 80%). */
	m->cold_tier = true;
	m->cold = (struct fake_cold){ .cold_age = 1000, .high_pct = 80, .low_pct = 60,
				      .min_saving_pct = 25, .interval = 1000, .cpu_pct = 10,
				      .saving_pct = 75 };
	m->cold.st[C_ENABLED] = 1;
	*p = (struct fake_pool){ .id = 6, .name = "demo_archive", .managed = m, .last = "" };
}

/*
 * fake_archive: a managed pool whose numbers call for every managed suggestion: stale
 * handles, busy frees, allocations failed at its 256 KiB budget, 400 of 500 young
 * objects promoted, a tenth of the moves skipped for maps, a sparse old generation.
 * No worker: it collects on demand only. Node 0.
 */
static void init_fake_archive(struct fake_pool *p)
{
	struct fake_managed *m = &fake_archive;

	memset(m, 0, sizeof(*m));
	*m = (struct fake_managed){ .promote_after = 3, .young_interval = 200,
				    .old_interval = 5000, .old_sparse_pct = 50, .collector = 0,
				    .max_size = 256, .max_handles = 1000, .budget = 256u << 10,
				    .node = 0, .stale_refusals = 3, .busy_frees = 2, .alloc_fail = 5,
				    .table_bytes = 64000, .warm_bytes = 64u << 10,
				    .pinned_per_collection = 5 };
	m->gen[MPOOL_GENERATION_YOUNG][G_LIVE] = 100;
	m->gen[MPOOL_GENERATION_YOUNG][G_LIVE_BYTES] = 12800;
	m->gen[MPOOL_GENERATION_YOUNG][G_HELD] = SEGMENT;
	m->gen[MPOOL_GENERATION_YOUNG][G_PROMOTED_OUT] = 400;
	m->gen[MPOOL_GENERATION_YOUNG][G_COLLECTIONS] = 300;
	m->gen[MPOOL_GENERATION_YOUNG][G_SEGMENTS_FREED] = 3;
	m->gen[MPOOL_GENERATION_YOUNG][G_MOVED] = 400;
	m->gen[MPOOL_GENERATION_YOUNG][G_MOVED_BYTES] = 51200;
	m->gen[MPOOL_GENERATION_YOUNG][G_PINNED] = 30;
	m->gen[MPOOL_GENERATION_OLD][G_LIVE] = 320;
	m->gen[MPOOL_GENERATION_OLD][G_LIVE_BYTES] = 40960;
	m->gen[MPOOL_GENERATION_OLD][G_HELD] = 6ull * SEGMENT;
	m->gen[MPOOL_GENERATION_OLD][G_PROMOTED_IN] = 400;
	m->gen[MPOOL_GENERATION_OLD][G_COLLECTIONS] = 10;
	m->gen[MPOOL_GENERATION_OLD][G_MOVED] = 50;
	m->gen[MPOOL_GENERATION_OLD][G_MOVED_BYTES] = 6400;
	m->gen[MPOOL_GENERATION_OLD][G_PINNED] = 20;
	m->gen[MPOOL_GENERATION_OLD][G_MOVE_FAILURES] = 1;
	m->gen[MPOOL_GENERATION_PERMANENT][G_LIVE] = 10;
	m->gen[MPOOL_GENERATION_PERMANENT][G_LIVE_BYTES] = 2560;
	m->gen[MPOOL_GENERATION_PERMANENT][G_HELD] = SEGMENT;
	/* 100 freed young (below 3 x 200 ms), 80 freed old (10 to 60 s). */
	m->lifetime[10] = 60;	/* about 1 ms */
	m->lifetime[15] = 40;	/* about 33 ms */
	m->lifetime[24] = 80;	/* 16 to 33 s */
	/*
	 * A cold tier calling for every cold suggestion: 40% refaults, incompressible data
	 * (300 rejected, 100 compressed), corrupt blocks, the CPU budget hit in 75% of
	 * the runs of a worker held on for 200 runs, memory pressure. Out of memory for
	 * another block: pool-compress fails.
	 */
	m->cold_tier = true;
	m->cold = (struct fake_cold){ .cold_age = 100, .high_pct = 70, .low_pct = 50,
				      .min_saving_pct = 25, .interval = 500, .cpu_pct = 5 };
	m->cold.st[C_ENABLED] = 1;
	m->cold.st[C_OBJECTS] = 80;
	m->cold.st[C_ORIGINAL] = 20480;
	m->cold.st[C_STORED] = 8192;
	m->cold.st[C_BLOCKS] = 2;
	m->cold.st[C_COMPRESSIONS] = 10;
	m->cold.st[C_COMPRESSED_OBJECTS] = 100;
	m->cold.st[C_COMPRESSED_BYTES] = 25600;
	m->cold.st[C_DECOMPRESSIONS] = 50;
	m->cold.st[C_DECOMPRESSED_OBJECTS] = 20;
	m->cold.st[C_REFAULTS] = 20;
	m->cold.st[C_REJECTS_INCOMPRESSIBLE] = 300;
	m->cold.st[C_REJECTS_NOMEM] = 5;
	m->cold.st[C_REJECTS_RACED] = 7;
	m->cold.st[C_PINNED] = 9;
	m->cold.st[C_CORRUPT] = 2;
	m->cold.st[C_IO_ERRORS] = 3;
	m->cold.st[C_FAULT_FAILURES] = 1;
	m->cold.st[C_NOWAIT_MISSES] = 4;
	m->cold.st[C_WORKER_ON] = 1;
	m->cold.st[C_WORKER_STARTS] = 1;
	m->cold.st[C_WORKER_RUNS] = 200;
	m->cold.st[C_CPU_BUDGET_HITS] = 150;
	m->cold.st[C_SHRINKER_SCANS] = 4;
	m->cold.latency[12] = 30;	/* 4 to 8 us */
	m->cold.latency[14] = 20;	/* 16 to 33 us */
	*p = (struct fake_pool){ .id = 7, .name = "fake_archive", .managed = m, .last = "" };
}

static void init_pools(void)
{
	struct fake_pool *p;

	memset(pools, 0, sizeof(pools));
	p = &pools[0];
	*p = (struct fake_pool){ .id = 1, .name = "demo_conn", .ctor = true, .size = 256,
				 .stride = 256, .flags = 0, .min = 16, .max = 4096, .mag = 32,
				 .order = 0, .per_slab = 16, .live = 32, .cached = 16, .last = "" };
	p->base[MPOOL_A_POOL_STATS_ALLOC_MAGAZINE] = 100000;
	p->base[MPOOL_A_POOL_STATS_ALLOC_DEPOT] = 500;
	p->base[MPOOL_A_POOL_STATS_ALLOC_PAGE] = 3;
	p->base[MPOOL_A_POOL_STATS_FREE_MAGAZINE] = 100471;
	p->base[MPOOL_A_POOL_STATS_SLABS_GROWN] = 3;
	p->per_sec[MPOOL_A_POOL_STATS_ALLOC_MAGAZINE] = 500;
	p->per_sec[MPOOL_A_POOL_STATS_FREE_MAGAZINE] = 500;

	p = &pools[1];
	*p = (struct fake_pool){ .id = 2, .name = "demo_frame", .size = 1500, .stride = 1536,
				 .flags = MPOOL_POOL_FLAGS_POISON | MPOOL_POOL_FLAGS_TRACK,
				 .min = 0, .max = 1024, .mag = 8, .order = 1, .per_slab = 5,
				 .live = 8, .cached = 2, .last = "" };
	p->base[MPOOL_A_POOL_STATS_ALLOC_MAGAZINE] = 40;
	p->base[MPOOL_A_POOL_STATS_ALLOC_PAGE] = 2;
	p->base[MPOOL_A_POOL_STATS_FREE_MAGAZINE] = 34;
	p->base[MPOOL_A_POOL_STATS_SLABS_GROWN] = 2;

	p = &pools[2];
	*p = (struct fake_pool){ .id = 3, .name = "fake_busy", .size = 64, .stride = 64,
				 .min = 64, .max = 2000, .mag = 16, .order = 0, .per_slab = 64,
				 .live = 100, .cached = 1900, .adaptive = 1, .interval = 600,
				 .last = "grew the magazine size to 16: 120 depot exchanges a second (above 50)",
				 .last_ns = 1700000100ull * 1000000000ull };
	p->base[MPOOL_A_POOL_STATS_ALLOC_MAGAZINE] = 6000;
	p->base[MPOOL_A_POOL_STATS_ALLOC_DEPOT] = 3000;
	p->base[MPOOL_A_POOL_STATS_ALLOC_SLAB] = 900;
	p->base[MPOOL_A_POOL_STATS_ALLOC_PAGE] = 32;
	p->base[MPOOL_A_POOL_STATS_ALLOC_RESERVE] = 7;
	p->base[MPOOL_A_POOL_STATS_ALLOC_CAPPED] = 5;
	p->base[MPOOL_A_POOL_STATS_FREE_MAGAZINE] = 9839;
	p->base[MPOOL_A_POOL_STATS_SLABS_GROWN] = 32;
	p->base[MPOOL_A_POOL_STATS_ADAPT_MAGAZINE_GROWS] = 1;
	p->per_sec[MPOOL_A_POOL_STATS_ALLOC_DEPOT] = 100;
	p->per_sec[MPOOL_A_POOL_STATS_FREE_DEPOT] = 100;

	init_kbuf(&pools[3]);
	init_wide(&pools[4]);
	init_archive(&pools[5]);
	init_fake_archive(&pools[6]);
	/* A kernel before the cold tier, or pools created without one. */
	if (getenv("MEMPOOLCTL_FAKE_NOCOLD")) {
		archive.cold_tier = false;
		fake_archive.cold_tier = false;
	}
}

/* Every pool and class, for the state file: NULL-terminated walk by index. */
static struct fake_pool *nth_pool(unsigned int i)
{
	if (i < NR_POOLS)
		return &pools[i];
	i -= NR_POOLS;
	if (i < KBUF_CLASSES)
		return &kbuf_classes[i];
	i -= KBUF_CLASSES;
	if (i < WIDE_CLASSES)
		return &wide_classes[i];
	return NULL;
}

/*
 * A managed pool's line: "@name promote-after young-interval old-interval
 * old-sparse-pct" then the statistics of its generations, young first, then the
 * counters of its cold tier, then its policy: "cold-age high low min-saving interval
 * cpu permanent", then its warm level.
 */
static void load_managed(char *line)
{
	char *save, *name = strtok_r(line, " \n", &save), *tok;
	uint64_t v[4 + NR_GENS * GEN_FIELDS + COLD_FIELDS + 7 + 1];
	const uint64_t *cold_policy = &v[4 + NR_GENS * GEN_FIELDS + COLD_FIELDS];
	unsigned int i, n;

	for (n = 0; n < sizeof(v) / sizeof(v[0]) && (tok = strtok_r(NULL, " \n", &save)); n++)
		v[n] = strtoull(tok, NULL, 10);
	if (!name || n < sizeof(v) / sizeof(v[0]))
		return;
	for (i = 0; i < NR_POOLS; i++) {
		struct fake_managed *m = pools[i].managed;

		if (!m || strcmp(pools[i].name, name) != 0)
			continue;
		m->promote_after = (uint32_t)v[0];
		m->young_interval = (uint32_t)v[1];
		m->old_interval = (uint32_t)v[2];
		m->old_sparse_pct = (uint32_t)v[3];
		memcpy(m->gen, &v[4], sizeof(m->gen));
		memcpy(m->cold.st, &v[4 + NR_GENS * GEN_FIELDS], sizeof(m->cold.st));
		m->cold.cold_age = (uint32_t)cold_policy[0];
		m->cold.high_pct = (uint32_t)cold_policy[1];
		m->cold.low_pct = (uint32_t)cold_policy[2];
		m->cold.min_saving_pct = (uint32_t)cold_policy[3];
		m->cold.interval = (uint32_t)cold_policy[4];
		m->cold.cpu_pct = (uint32_t)cold_policy[5];
		m->cold.permanent = (uint8_t)cold_policy[6];
		m->warm_bytes = cold_policy[7];
	}
}

static void save_managed(FILE *f, const struct fake_pool *p)
{
	const struct fake_managed *m = p->managed;
	unsigned int g, i;

	fprintf(f, "@%s %u %u %u %u", p->name, m->promote_after, m->young_interval,
		m->old_interval, m->old_sparse_pct);
	for (g = 0; g < NR_GENS; g++)
		for (i = 0; i < GEN_FIELDS; i++)
			fprintf(f, " %llu", (unsigned long long)m->gen[g][i]);
	for (i = 0; i < COLD_FIELDS; i++)
		fprintf(f, " %llu", (unsigned long long)m->cold.st[i]);
	fprintf(f, " %u %u %u %u %u %u %u %llu\n", m->cold.cold_age, m->cold.high_pct,
		m->cold.low_pct, m->cold.min_saving_pct, m->cold.interval, m->cold.cpu_pct,
		m->cold.permanent, (unsigned long long)m->warm_bytes);
}

/*
 * One line per pool and class: name min max magazine flags cached adaptive interval
 * rebalance reset_at (save_state()); managed pools add one of their own (load_managed()).
 */
static void load_state(void)
{
	char line[4096], *save, *name, *tok;
	unsigned long long v[8];
	struct fake_pool *p;
	double reset_at;
	unsigned int i;
	FILE *f;
	int n;

	if (!state_file || !(f = fopen(state_file, "r")))
		return;
	while (fgets(line, sizeof(line), f)) {
		if (line[0] == '@') {
			load_managed(line + 1);
			continue;
		}
		name = strtok_r(line, " \n", &save);
		for (n = 0; n < 8 && (tok = strtok_r(NULL, " \n", &save)); n++)
			v[n] = strtoull(tok, NULL, 10);
		tok = strtok_r(NULL, " \n", &save);
		if (!name || n < 8 || !tok)
			continue;
		reset_at = strtod(tok, NULL);
		for (i = 0; (p = nth_pool(i)); i++) {
			if (strcmp(p->name, name) != 0)
				continue;
			p->min = (uint32_t)v[0];
			p->max = (uint32_t)v[1];
			p->mag = (uint32_t)v[2];
			p->flags = (uint32_t)v[3];
			p->cached = v[4];
			p->adaptive = (uint8_t)v[5];
			p->interval = (uint32_t)v[6];
			p->rebalance = (uint8_t)v[7];
			p->reset_at = reset_at;
		}
	}
	fclose(f);
}

static void save_state(void)
{
	struct fake_pool *p;
	unsigned int i;
	FILE *f;

	if (!state_file || !(f = fopen(state_file, "w")))
		return;
	for (i = 0; (p = nth_pool(i)); i++) {
		fprintf(f, "%s %u %u %u %u %llu %u %u %u %.6f\n", p->name, p->min, p->max, p->mag,
			p->flags, (unsigned long long)p->cached, p->adaptive, p->interval,
			p->rebalance, p->reset_at);
		if (p->managed)
			save_managed(f, p);
	}
	fclose(f);
}

int mpool_nl_open(struct mpool_nl **nlp)
{
	const char *intr = getenv("MEMPOOLCTL_FAKE_DUMP_INTR");

	if (getenv("MEMPOOLCTL_FAKE_NOMODULE"))
		return -ENOENT;
	*nlp = calloc(1, sizeof(**nlp));
	if (!*nlp)
		return -ENOMEM;
	(*nlp)->pipe[0] = (*nlp)->pipe[1] = -1;
	if (!t_open)
		t_open = mono();
	init_pools();
	state_file = getenv("MEMPOOLCTL_FAKE_STATE");
	load_state();
	if (intr && !dump_intr_read)
		dump_intr_left = (unsigned int)strtoul(intr, NULL, 10);
	dump_intr_read = true;
	return 0;
}

void mpool_nl_close(struct mpool_nl *nl)
{
	if (!nl)
		return;
	if (nl->pipe[0] >= 0)
		close(nl->pipe[0]);
	if (nl->pipe[1] >= 0)
		close(nl->pipe[1]);
	free(nl);
}

const char *mpool_nl_kernel_msg(const struct mpool_nl *nl)
{
	return nl->kernel_msg[0] ? nl->kernel_msg : NULL;
}

static int fail(struct mpool_nl *nl, int err, const char *msg)
{
	snprintf(nl->kernel_msg, sizeof(nl->kernel_msg), "%s", msg);
	return err;
}

static uint64_t counter(const struct fake_pool *p, int attr)
{
	double since;

	if (p->reset_at > 0) {
		since = mono() - p->reset_at;
		return since > 0 ? (uint64_t)((double)p->per_sec[attr] * since) : 0;
	}
	since = mono() - t_open;
	return p->base[attr] + (since > 0 ? (uint64_t)((double)p->per_sec[attr] * since) : 0);
}

/* A snapshot, as mpool_get_stats() takes it: a buffer pool is the sum of its classes. */
struct snap {
	uint64_t st[STATS_MAX + 1];	/* u64 stats by attribute */
	uint64_t size_hist[HIST];
	uint64_t lifetime_hist[HIST];
	uint64_t min, max, mag, object_size;
	uint8_t adaptive, rebalance;
	uint32_t interval;
	const char *last;
	uint64_t last_ns;
};

static void snapshot(const struct fake_pool *p, struct snap *s)
{
	uint64_t objects, pages;
	int a, i;

	memset(s, 0, sizeof(*s));
	if (p->classes) {
		struct snap c;
		unsigned int k;

		for (k = 0; k < p->nr_classes; k++) {
			snapshot(&p->classes[k], &c);
			for (a = 1; a <= STATS_MAX; a++)
				s->st[a] += c.st[a];
			for (i = 0; i < HIST; i++)
				s->size_hist[i] += c.size_hist[i];
			s->min += c.min;
			s->max += c.max;
			s->mag = c.mag;
			/* Controller state and last decision: the class that decided last. */
			if (!k || c.last_ns > s->last_ns) {
				s->adaptive = c.adaptive;
				s->rebalance = c.rebalance;
				s->interval = c.interval;
				s->last = c.last;
				s->last_ns = c.last_ns;
			}
		}
		/* The pool's own peak, not a sum. */
		s->st[MPOOL_A_POOL_STATS_PEAK_LIVE] = s->st[MPOOL_A_POOL_STATS_LIVE];
		s->st[MPOOL_A_POOL_STATS_PEAK_LIVE_TIME] = 1700000000ull * 1000000000ull;
		s->st[MPOOL_A_POOL_STATS_OVERSIZE_ALLOCS] = p->reset_at > 0 ? 0 : p->oversize[0];
		s->st[MPOOL_A_POOL_STATS_OVERSIZE_FREES] = p->reset_at > 0 ? 0 : p->oversize[1];
		s->st[MPOOL_A_POOL_STATS_OVERSIZE_LIVE] = p->oversize[2];
		s->object_size = p->classes[p->nr_classes - 1].size;
		return;
	}
	for (a = MPOOL_A_POOL_STATS_ALLOC_MAGAZINE; a <= STATS_MAX; a++)
		s->st[a] = counter(p, a);
	objects = p->live + p->cached;
	pages = ((objects + p->per_slab - 1) / p->per_slab) << p->order;
	s->st[MPOOL_A_POOL_STATS_LIVE] = p->live;
	s->st[MPOOL_A_POOL_STATS_CACHED] = p->cached;
	s->st[MPOOL_A_POOL_STATS_OBJECTS] = objects;
	s->st[MPOOL_A_POOL_STATS_RESERVE] = p->min < p->cached ? p->min : p->cached;
	s->st[MPOOL_A_POOL_STATS_SLABS] = pages >> p->order;
	s->st[MPOOL_A_POOL_STATS_PAGES] = pages;
	s->st[MPOOL_A_POOL_STATS_PEAK_LIVE] = p->live + (p->live ? 4 : 0);
	s->st[MPOOL_A_POOL_STATS_PEAK_LIVE_TIME] = 1700000000ull * 1000000000ull;
	s->st[MPOOL_A_POOL_STATS_OVERSIZE_LIVE] = 0;
	for (i = 0; i < HIST; i++) {
		s->size_hist[i] = p->reset_at > 0 ? 0 : p->size_hist[i];
		if (p->flags & MPOOL_POOL_FLAGS_TRACK)
			s->lifetime_hist[i] = i == 3 ? 20 : i == 4 ? 10 : i == 10 ? 4 : 0;
	}
	/* A buffer class: what its allocations were granted. */
	if (p->class_name[0])
		s->st[MPOOL_A_POOL_STATS_GRANTED_BYTES] =
			(s->st[MPOOL_A_POOL_STATS_ALLOC_MAGAZINE] + s->st[MPOOL_A_POOL_STATS_ALLOC_DEPOT] +
			 s->st[MPOOL_A_POOL_STATS_ALLOC_SLAB] + s->st[MPOOL_A_POOL_STATS_ALLOC_PAGE] +
			 s->st[MPOOL_A_POOL_STATS_ALLOC_RESERVE] +
			 s->st[MPOOL_A_POOL_STATS_ALLOC_REMOTE]) * p->size;
	s->min = p->min;
	s->max = p->max;
	s->mag = p->mag;
	s->object_size = p->size;
	s->adaptive = p->adaptive;
	s->rebalance = p->rebalance;
	s->interval = p->interval;
	s->last = p->last ? p->last : "";
	s->last_ns = p->last_ns;
}

static void fill_hist(struct attr_buf *b, int type, const uint64_t *count)
{
	size_t arr = abuf_nest_start(b, type);
	int i;

	for (i = 0; i < HIST; i++) {
		size_t bucket = abuf_nest_start(b, i + 1);

		abuf_put_u64(b, MPOOL_A_HIST_BUCKET_LOW, i ? 1ull << i : 0, MPOOL_A_HIST_BUCKET_PAD);
		abuf_put_u64(b, MPOOL_A_HIST_BUCKET_COUNT, count[i], MPOOL_A_HIST_BUCKET_PAD);
		abuf_nest_end(b, bucket);
	}
	abuf_nest_end(b, arr);
}

/* The info and stats nests, as fill_info() and fill_stats() in kmod/netlink.c. */
static void fill_info_stats(struct attr_buf *b, int info_type, int stats_type,
			    const struct fake_pool *p, const struct snap *s)
{
	uint64_t allocs = 0, pages = s->st[MPOOL_A_POOL_STATS_PAGES];
	uint64_t granted = s->st[MPOOL_A_POOL_STATS_GRANTED_BYTES];
	uint64_t requested = s->st[MPOOL_A_POOL_STATS_REQUESTED_BYTES];
	uint64_t eff;
	size_t nest;
	int a;

	nest = abuf_nest_start(b, info_type);
	abuf_put_u8(b, MPOOL_A_POOL_INFO_ADAPTIVE, s->adaptive);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_ADAPT_INTERVAL, s->interval);
	abuf_put_u8(b, MPOOL_A_POOL_INFO_ADAPT_REBALANCE, s->rebalance);
	abuf_put_str(b, MPOOL_A_POOL_INFO_LAST_ADAPTATION, s->last ? s->last : "");
	abuf_put_u64(b, MPOOL_A_POOL_INFO_LAST_ADAPTATION_TIME, s->last_ns, MPOOL_A_POOL_INFO_PAD);
	if (p->classes)
		abuf_put_u32(b, MPOOL_A_POOL_INFO_CLASSES, p->nr_classes);
	abuf_put_u64(b, MPOOL_A_POOL_INFO_OBJECT_SIZE, s->object_size, MPOOL_A_POOL_INFO_PAD);
	abuf_put_u64(b, MPOOL_A_POOL_INFO_OBJECT_STRIDE, p->stride, MPOOL_A_POOL_INFO_PAD);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_FLAGS, p->flags);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MIN_OBJECTS, (uint32_t)s->min);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MAX_OBJECTS, (uint32_t)s->max);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MAGAZINE_SIZE, (uint32_t)s->mag);
	abuf_put_s32(b, MPOOL_A_POOL_INFO_NODE, -1);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_SLAB_ORDER, p->order);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_OBJECTS_PER_SLAB, p->per_slab);
	abuf_nest_end(b, nest);

	nest = abuf_nest_start(b, stats_type);
	for (a = MPOOL_A_POOL_STATS_ALLOC_MAGAZINE; a <= STATS_MAX; a++) {
		if (a == MPOOL_A_POOL_STATS_HIT_RATE || a == MPOOL_A_POOL_STATS_EFFICIENCY ||
		    a == MPOOL_A_POOL_STATS_PAD || a == MPOOL_A_POOL_STATS_FRAGMENTATION)
			continue;
		abuf_put_u64(b, a, s->st[a], MPOOL_A_POOL_STATS_PAD);
	}
	for (a = MPOOL_A_POOL_STATS_ALLOC_MAGAZINE; a <= MPOOL_A_POOL_STATS_ALLOC_REMOTE; a++)
		allocs += s->st[a];
	abuf_put_u32(b, MPOOL_A_POOL_STATS_HIT_RATE,
		     allocs ? (uint32_t)(s->st[MPOOL_A_POOL_STATS_ALLOC_MAGAZINE] * 1000000 / allocs) : 0);
	/* As mpool_stats_efficiency(): a buffer pool counts with its largest class. */
	eff = pages ? s->st[MPOOL_A_POOL_STATS_LIVE] * s->object_size * 1000000 / (pages * 4096) : 0;
	abuf_put_u32(b, MPOOL_A_POOL_STATS_EFFICIENCY, (uint32_t)(eff > 1000000 ? 1000000 : eff));
	abuf_put_u32(b, MPOOL_A_POOL_STATS_FRAGMENTATION,
		     granted && requested < granted ?
		     (uint32_t)((granted - requested) * 1000000 / granted) : 0);
	abuf_nest_end(b, nest);
}

/* One generation-stats nest, as fill_generation() in kmod/netlink.c. */
static void fill_generation(struct attr_buf *b, int type, uint32_t gen, const uint64_t *field)
{
	size_t nest = abuf_nest_start(b, type);
	int i;

	abuf_put_u32(b, MPOOL_A_GENERATION_STATS_GENERATION, gen);
	for (i = 0; i < GEN_FIELDS; i++)
		abuf_put_u64(b, MPOOL_A_GENERATION_STATS_LIVE_OBJECTS + i, field[i],
			     MPOOL_A_GENERATION_STATS_PAD);
	abuf_nest_end(b, nest);
}

/* The cold nest, as fill_cold() in kmod/netlink.c. */
static void fill_cold(struct attr_buf *b, const struct fake_cold *c)
{
	size_t nest = abuf_nest_start(b, MPOOL_A_MANAGED_COLD);
	uint64_t stored = c->st[C_STORED], dec = c->st[C_DECOMPRESSIONS];
	int i;

	for (i = 0; i < COLD_FIELDS; i++)
		abuf_put_u64(b, MPOOL_A_COLD_TIER_ENABLED + i, c->st[i], MPOOL_A_COLD_TIER_PAD);
	fill_hist(b, MPOOL_A_COLD_TIER_MAP_LATENCY_HIST, c->latency);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_RATIO,
		     stored ? (uint32_t)(c->st[C_ORIGINAL] * 100 / stored) : 0);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_REFAULT_PPM,
		     dec ? (uint32_t)(c->st[C_REFAULTS] * 1000000 / dec) : 0);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_COLD_AGE, c->cold_age);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_HIGH_PCT, c->high_pct);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_LOW_PCT, c->low_pct);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_MIN_SAVING_PCT, c->min_saving_pct);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_INTERVAL, c->interval);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_CPU_PCT, c->cpu_pct);
	abuf_put_u8(b, MPOOL_A_COLD_TIER_PERMANENT, c->permanent);
	abuf_nest_end(b, nest);
}

/* A managed pool's nest and lifetimes, as fill_managed_pool() in kmod/netlink.c. */
static void fill_managed(struct attr_buf *b, const struct fake_managed *m)
{
	size_t nest = abuf_nest_start(b, MPOOL_A_POOL_MANAGED);
	uint64_t held = 0;
	uint32_t g;

	for (g = 0; g < NR_GENS; g++)
		held += m->gen[g][G_HELD];
	abuf_put_u32(b, MPOOL_A_MANAGED_PROMOTE_AFTER, m->promote_after);
	abuf_put_u32(b, MPOOL_A_MANAGED_YOUNG_INTERVAL, m->young_interval);
	abuf_put_u32(b, MPOOL_A_MANAGED_OLD_INTERVAL, m->old_interval);
	abuf_put_u32(b, MPOOL_A_MANAGED_OLD_SPARSE_PCT, m->old_sparse_pct);
	abuf_put_u8(b, MPOOL_A_MANAGED_COLLECTOR, m->collector);
	abuf_put_u32(b, MPOOL_A_MANAGED_MAX_SIZE, m->max_size);
	abuf_put_u32(b, MPOOL_A_MANAGED_MAX_HANDLES, m->max_handles);
	abuf_put_u64(b, MPOOL_A_MANAGED_BUDGET, m->budget, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_HELD_BYTES, held, MPOOL_A_MANAGED_PAD);
	abuf_put_u32(b, MPOOL_A_MANAGED_SEGMENT_SIZE, SEGMENT);
	abuf_put_s32(b, MPOOL_A_MANAGED_NODE, m->node);
	abuf_put_u64(b, MPOOL_A_MANAGED_STALE_REFUSALS, m->stale_refusals, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_BUSY_FREES, m->busy_frees, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_ALLOC_FAIL, m->alloc_fail, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_TABLE_BYTES, m->table_bytes, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_WARM_BYTES, m->warm_bytes, MPOOL_A_MANAGED_PAD);
	for (g = 0; g < NR_GENS; g++)
		fill_generation(b, MPOOL_A_MANAGED_GENERATION, g, m->gen[g]);
	if (m->cold_tier)
		fill_cold(b, &m->cold);
	abuf_nest_end(b, nest);
	fill_hist(b, MPOOL_A_POOL_LIFETIME_HIST, m->lifetime);
}

static void fill_pool(struct attr_buf *b, const struct fake_pool *p)
{
	struct snap s;

	abuf_put_u32(b, MPOOL_A_POOL_ID, p->id);
	abuf_put_str(b, MPOOL_A_POOL_NAME, p->name);
	if (p->managed) {
		abuf_put_u32(b, MPOOL_A_POOL_KIND, MPOOL_POOL_KIND_MANAGED);
		fill_managed(b, p->managed);
		return;
	}
	snapshot(p, &s);
	abuf_put_u32(b, MPOOL_A_POOL_KIND,
		     p->classes ? MPOOL_POOL_KIND_BUFFER : MPOOL_POOL_KIND_OBJECT);
	fill_info_stats(b, MPOOL_A_POOL_INFO, MPOOL_A_POOL_STATS, p, &s);
	fill_hist(b, MPOOL_A_POOL_LIFETIME_HIST, s.lifetime_hist);
	if (p->classes)
		fill_hist(b, MPOOL_A_POOL_SIZE_HIST, s.size_hist);
}

/* class-get's reply: every class in one message, as kmod/netlink.c sends it. */
static void fill_classes(struct attr_buf *b, const struct fake_pool *p)
{
	unsigned int i;

	abuf_put_u32(b, MPOOL_A_POOL_ID, p->id);
	abuf_put_str(b, MPOOL_A_POOL_NAME, p->name);
	for (i = 0; i < p->nr_classes; i++) {
		const struct fake_pool *c = &p->classes[i];
		size_t nest = abuf_nest_start(b, MPOOL_A_POOL_CLASS);
		struct snap s;

		snapshot(c, &s);
		abuf_put_u32(b, MPOOL_A_CLASS_SIZE, (uint32_t)c->size);
		fill_info_stats(b, MPOOL_A_CLASS_INFO, MPOOL_A_CLASS_STATS, c, &s);
		fill_hist(b, MPOOL_A_CLASS_SIZE_HIST, s.size_hist);
		abuf_nest_end(b, nest);
	}
}

static int deliver(struct attr_buf *b, uint8_t cmd, int maxattr, mpool_nl_reply_fn fn,
		   void *ctx)
{
	const struct nlattr *tb[maxattr + 1];
	struct mpool_reply r;
	int ret;

	if (b->err)
		return b->err;
	ret = attr_parse(tb, maxattr, b->data, b->len);
	if (ret)
		return ret;
	r.cmd = cmd;
	r.maxattr = maxattr;
	r.tb = tb;
	r.attrs = b->data;
	r.len = b->len;
	return fn(&r, ctx);
}

/* As request_pool() in kmod/netlink.c. */
static int find_pool(struct mpool_nl *nl, const struct nlattr *const *tb, struct fake_pool **pp)
{
	struct fake_pool *by_id = NULL, *by_name = NULL;
	uint32_t id;
	const char *name;
	int i;

	if (!tb[MPOOL_A_POOL_ID] && !tb[MPOOL_A_POOL_NAME])
		return fail(nl, -EINVAL, "mpool: pool: give its id or its name");
	if (tb[MPOOL_A_POOL_ID]) {
		if (attr_get_u32(tb[MPOOL_A_POOL_ID], &id) || !id)
			return fail(nl, -EINVAL, "id: invalid");
		for (i = 0; i < NR_POOLS; i++)
			if (pools[i].id == id)
				by_id = &pools[i];
		if (!by_id)
			return fail(nl, -ENOENT, "id: no pool with this id");
	}
	if (tb[MPOOL_A_POOL_NAME]) {
		name = attr_get_str(tb[MPOOL_A_POOL_NAME]);
		if (!name || strlen(name) > MPOOL_NAME_LEN_MAX)
			return fail(nl, -EINVAL, "name: invalid");
		for (i = 0; i < NR_POOLS; i++)
			if (!strcmp(pools[i].name, name))
				by_name = &pools[i];
		if (!by_name)
			return fail(nl, -ENOENT, "name: no pool with this name");
	}
	if (by_id && by_name && by_id != by_name)
		return fail(nl, -EINVAL, "name: not the pool the id names");
	*pp = by_id ? by_id : by_name;
	return 0;
}

/* What the kernel says of a command on slabs or magazines for a managed pool. */
#define NO_SLABS "mpool: a managed pool has no slabs or magazines: see pool-collect"

static bool unprivileged(void)
{
	return getenv("MEMPOOLCTL_FAKE_UNPRIV") || geteuid() != 0;
}

/*
 * As request_target() in kmod/netlink.c: @p itself, or for a buffer pool the class
 * serving class-size (required when @need_class).
 */
static int find_target(struct mpool_nl *nl, struct fake_pool *p, const struct nlattr *const *tb,
		       bool need_class, struct fake_pool **tp)
{
	uint32_t size;
	unsigned int i;

	if (!p->classes) {
		if (tb[MPOOL_A_POOL_CLASS_SIZE])
			return fail(nl, -EINVAL, "class-size: an object pool has no classes");
		*tp = p;
		return 0;
	}
	if (!tb[MPOOL_A_POOL_CLASS_SIZE]) {
		if (need_class)
			return fail(nl, -EINVAL,
				    "mpool: class-size: a buffer pool acts per class: say which");
		*tp = p;
		return 0;
	}
	if (attr_get_u32(tb[MPOOL_A_POOL_CLASS_SIZE], &size) || !size)
		return fail(nl, -EINVAL, "Attribute failed policy validation");
	for (i = 0; i < p->nr_classes; i++) {
		if (p->classes[i].size >= size) {
			*tp = &p->classes[i];
			return 0;
		}
	}
	return fail(nl, -EINVAL, "class-size: above the largest class");
}

/* As set_limits() in kmod/netlink.c and mpool_set_limits(). */
static int set_limits(struct mpool_nl *nl, struct fake_pool *p, const struct nlattr *const *tb)
{
	uint32_t min = p->min, max = p->max;

	if ((tb[MPOOL_A_POOL_MIN_OBJECTS] && attr_get_u32(tb[MPOOL_A_POOL_MIN_OBJECTS], &min)) ||
	    (tb[MPOOL_A_POOL_MAX_OBJECTS] && attr_get_u32(tb[MPOOL_A_POOL_MAX_OBJECTS], &max)))
		return fail(nl, -EINVAL, "Attribute failed policy validation");
	if (max && min > max)
		return fail(nl, -EINVAL, "min-objects: above max-objects");
	if (max && max < p->live)
		return fail(nl, -EBUSY, "max-objects: below the objects in use");
	p->min = min;
	p->max = max;
	if (p->cached < min)
		p->cached = min;
	if (max && p->live + p->cached > max)
		p->cached = max - p->live;
	return 0;
}

static void set_controller(struct fake_pool *p, int on, uint32_t interval, int rebalance)
{
	unsigned int i;

	for (i = 0; p->classes && i < p->nr_classes; i++)
		set_controller(&p->classes[i], on, interval, rebalance);
	if (on >= 0)
		p->adaptive = (uint8_t)on;
	if (interval)
		p->interval = interval;
	else if (p->adaptive && !p->interval)
		p->interval = 300;	/* MPOOL_ADAPT_INTERVAL */
	if (rebalance >= 0)
		p->rebalance = (uint8_t)rebalance;
}

/* Magazine size (when @mag) and flags of a pool and every class of a buffer pool. */
static void set_magazine_flags(struct fake_pool *p, uint32_t mag, uint32_t flags)
{
	unsigned int i;

	for (i = 0; p->classes && i < p->nr_classes; i++)
		set_magazine_flags(&p->classes[i], mag, flags);
	if (mag)
		p->mag = mag;
	p->flags = flags;
}

static bool has_slab_settings(const struct nlattr *const *tb)
{
	return tb[MPOOL_A_POOL_MIN_OBJECTS] || tb[MPOOL_A_POOL_MAX_OBJECTS] ||
	       tb[MPOOL_A_POOL_MAGAZINE_SIZE] || tb[MPOOL_A_POOL_FLAGS] ||
	       tb[MPOOL_A_POOL_ADAPTIVE] || tb[MPOOL_A_POOL_ADAPT_INTERVAL] ||
	       tb[MPOOL_A_POOL_ADAPT_REBALANCE];
}

static bool has_cold_policy(const struct nlattr *const *tb)
{
	return tb[MPOOL_A_POOL_COLD_AGE] || tb[MPOOL_A_POOL_COLD_HIGH_PCT] ||
	       tb[MPOOL_A_POOL_COLD_LOW_PCT] || tb[MPOOL_A_POOL_COLD_MIN_SAVING_PCT] ||
	       tb[MPOOL_A_POOL_COLD_INTERVAL] || tb[MPOOL_A_POOL_COLD_CPU_PCT] ||
	       tb[MPOOL_A_POOL_COLD_PERMANENT];
}

static bool has_policy(const struct nlattr *const *tb)
{
	return tb[MPOOL_A_POOL_PROMOTE_AFTER] || tb[MPOOL_A_POOL_YOUNG_INTERVAL] ||
	       tb[MPOOL_A_POOL_OLD_INTERVAL] || tb[MPOOL_A_POOL_OLD_SPARSE_PCT] ||
	       has_cold_policy(tb);
}

/* The policy attributes of pool-set and their ranges, as the kernel's policy has them. */
static const struct {
	int attr;
	uint32_t min, max;
	size_t off;
} policy_fields[] = {
	{ MPOOL_A_POOL_PROMOTE_AFTER, 1, 255, offsetof(struct fake_managed, promote_after) },
	{ MPOOL_A_POOL_YOUNG_INTERVAL, 1, 3600000, offsetof(struct fake_managed, young_interval) },
	{ MPOOL_A_POOL_OLD_INTERVAL, 1, 3600000, offsetof(struct fake_managed, old_interval) },
	{ MPOOL_A_POOL_OLD_SPARSE_PCT, 1, 100, offsetof(struct fake_managed, old_sparse_pct) },
	{ MPOOL_A_POOL_COLD_AGE, 1, 86400000, offsetof(struct fake_managed, cold.cold_age) },
	{ MPOOL_A_POOL_COLD_HIGH_PCT, 1, 100, offsetof(struct fake_managed, cold.high_pct) },
	{ MPOOL_A_POOL_COLD_LOW_PCT, 1, 99, offsetof(struct fake_managed, cold.low_pct) },
	{ MPOOL_A_POOL_COLD_MIN_SAVING_PCT, 1, 90,
	  offsetof(struct fake_managed, cold.min_saving_pct) },
	{ MPOOL_A_POOL_COLD_INTERVAL, 1, 3600000, offsetof(struct fake_managed, cold.interval) },
	{ MPOOL_A_POOL_COLD_CPU_PCT, 1, 100, offsetof(struct fake_managed, cold.cpu_pct) },
};

/* Checks of the policy attributes made before the pool is looked for (the policy's). */
static int policy_args(struct mpool_nl *nl, const struct nlattr *const *tb)
{
	size_t i;
	uint32_t v;

	for (i = 0; i < sizeof(policy_fields) / sizeof(policy_fields[0]); i++) {
		const struct nlattr *a = tb[policy_fields[i].attr];

		if (!a)
			continue;
		if (attr_get_u32(a, &v))
			return fail(nl, -EINVAL, "Attribute failed policy validation");
		if (v < policy_fields[i].min || v > policy_fields[i].max)
			return fail(nl, -ERANGE, "integer out of range");
	}
	if (tb[MPOOL_A_POOL_COLD_PERMANENT]) {
		uint8_t on;

		if (attr_get_u8(tb[MPOOL_A_POOL_COLD_PERMANENT], &on))
			return fail(nl, -EINVAL, "Attribute failed policy validation");
		if (on > 1)
			return fail(nl, -ERANGE, "integer out of range");
	}
	return 0;
}

/* As set_managed_policy() in kmod/netlink.c: the attributes given over the policy. */
static int set_managed(struct mpool_nl *nl, struct fake_managed *m, const struct nlattr *const *tb)
{
	struct fake_managed next = *m;
	size_t i;

	if (has_slab_settings(tb))
		return fail(nl, -EOPNOTSUPP,
			    "a managed pool has no slabs or magazines: only its generation and cold-tier policy can be set");
	if (has_cold_policy(tb) && !m->cold_tier)
		return fail(nl, -EOPNOTSUPP, "this managed pool was created without a cold tier");
	for (i = 0; i < sizeof(policy_fields) / sizeof(policy_fields[0]); i++)
		if (tb[policy_fields[i].attr])
			attr_get_u32(tb[policy_fields[i].attr],
				     (uint32_t *)((char *)&next + policy_fields[i].off));
	if (tb[MPOOL_A_POOL_COLD_PERMANENT])
		attr_get_u8(tb[MPOOL_A_POOL_COLD_PERMANENT], &next.cold.permanent);
	/* mpool_cold_policy_problem(): the only one the ranges leave. All or nothing. */
	if (next.cold_tier && next.cold.low_pct >= next.cold.high_pct)
		return fail(nl, -EINVAL, "cold low watermark not below the high one");
	*m = next;
	return 0;
}

static int do_set(struct mpool_nl *nl, struct fake_pool *p, const struct nlattr *const *tb)
{
	uint32_t mag = 0, flags = p->flags, interval = 0;
	uint8_t adaptive = 0, rebalance = 0;

	if (p->managed)
		return set_managed(nl, p->managed, tb);
	if (has_policy(tb))
		return fail(nl, -EINVAL, "only a managed pool has a generation or cold-tier policy");
	if ((tb[MPOOL_A_POOL_MAGAZINE_SIZE] && attr_get_u32(tb[MPOOL_A_POOL_MAGAZINE_SIZE], &mag)) ||
	    (tb[MPOOL_A_POOL_FLAGS] && attr_get_u32(tb[MPOOL_A_POOL_FLAGS], &flags)) ||
	    (tb[MPOOL_A_POOL_ADAPTIVE] && attr_get_u8(tb[MPOOL_A_POOL_ADAPTIVE], &adaptive)) ||
	    (tb[MPOOL_A_POOL_ADAPT_INTERVAL] && attr_get_u32(tb[MPOOL_A_POOL_ADAPT_INTERVAL], &interval)) ||
	    (tb[MPOOL_A_POOL_ADAPT_REBALANCE] && attr_get_u8(tb[MPOOL_A_POOL_ADAPT_REBALANCE], &rebalance)))
		return fail(nl, -EINVAL, "Attribute failed policy validation");
	/* The policy's ranges. */
	if ((tb[MPOOL_A_POOL_MAGAZINE_SIZE] && (mag < 1 || mag > MPOOL_MAGAZINE_MAX)) ||
	    adaptive > 1 || rebalance > 1 ||
	    (tb[MPOOL_A_POOL_ADAPT_INTERVAL] && (interval < 60 || interval > 86400)))
		return fail(nl, -ERANGE, "integer out of range");
	if ((flags ^ p->flags) & ~(uint32_t)MPOOL_POOL_FLAGS_POISON)
		return fail(nl, -EINVAL, "flags: only poison may change on a live pool");
	if ((flags & MPOOL_POOL_FLAGS_POISON) && p->ctor)
		return fail(nl, -EINVAL, "flags: poison would wipe what the constructor builds");
	if (tb[MPOOL_A_POOL_MIN_OBJECTS] || tb[MPOOL_A_POOL_MAX_OBJECTS]) {
		int ret;

		if (p->classes)
			return fail(nl, -EINVAL,
				    "limits of a buffer pool are per class: use class-set");
		ret = set_limits(nl, p, tb);
		if (ret)
			return ret;
	}
	if (tb[MPOOL_A_POOL_ADAPTIVE] || tb[MPOOL_A_POOL_ADAPT_INTERVAL] ||
	    tb[MPOOL_A_POOL_ADAPT_REBALANCE])
		set_controller(p, tb[MPOOL_A_POOL_ADAPTIVE] ? adaptive : -1, interval,
			       tb[MPOOL_A_POOL_ADAPT_REBALANCE] ? rebalance : -1);
	set_magazine_flags(p, mag, flags);
	return 0;
}

static int node_ok(struct mpool_nl *nl, const struct nlattr *a, uint32_t *node, const char *msg)
{
	if (!a || attr_get_u32(a, node))
		return fail(nl, -EINVAL, "Missing attribute");
	if (*node >= NR_NODES)
		return fail(nl, -EINVAL, msg);
	return 0;
}

static int do_warm(struct mpool_nl *nl, struct fake_pool *p, const struct nlattr *const *tb)
{
	uint32_t count, node;
	int ret;

	if (tb[MPOOL_A_POOL_BYTES])
		return fail(nl, -EINVAL, "bytes: only a managed pool is warmed in bytes; give count");
	if (!tb[MPOOL_A_POOL_COUNT] || attr_get_u32(tb[MPOOL_A_POOL_COUNT], &count) || !count)
		return fail(nl, -EINVAL, "Missing attribute: count");
	if (tb[MPOOL_A_POOL_NODE]) {
		ret = node_ok(nl, tb[MPOOL_A_POOL_NODE], &node, "node: not a node with memory");
		if (ret)
			return ret;
	}
	ret = find_target(nl, p, tb, true, &p);
	if (ret)
		return ret;
	if (p->max && p->live + count > p->max)
		return fail(nl, -ENOSPC, "count: warming that many would pass max-objects");
	if (p->cached < count)
		p->cached = count;
	return 0;
}

/* pool-warm of a managed pool, as warm_managed() in kmod/netlink.c: bytes, not count. */
static int do_warm_managed(struct mpool_nl *nl, struct fake_managed *m,
			   const struct nlattr *const *tb)
{
	uint64_t bytes, held = 0;
	unsigned int g;

	if (tb[MPOOL_A_POOL_COUNT] || tb[MPOOL_A_POOL_NODE] || tb[MPOOL_A_POOL_CLASS_SIZE])
		return fail(nl, -EINVAL,
			    "a managed pool is warmed in bytes, on the nodes it allocates from");
	/* Strict validation: the request policy has no pad attribute. */
	if (tb[MPOOL_A_POOL_PAD])
		return fail(nl, -EINVAL, "Unsupported attribute");
	if (!tb[MPOOL_A_POOL_BYTES])
		return fail(nl, -EINVAL, "Missing attribute: bytes");
	if (attr_get_u64(tb[MPOOL_A_POOL_BYTES], &bytes))
		return fail(nl, -EINVAL, "Attribute failed policy validation");
	if (m->budget && bytes > m->budget)
		return fail(nl, -EINVAL, "bytes: above the pool's budget or the machine's memory");
	m->warm_bytes = bytes;
	/* Young spare segments until the pool holds the level. */
	for (g = 0; g < NR_GENS; g++)
		held += m->gen[g][G_HELD];
	while (held < bytes) {
		m->gen[MPOOL_GENERATION_YOUNG][G_HELD] += SEGMENT;
		held += SEGMENT;
	}
	return 0;
}

/* Move @n objects of @from (of their average size) to @to, as move_entry() counts them. */
static void fake_move(struct fake_managed *m, unsigned int from, unsigned int to, uint64_t n)
{
	uint64_t *f = m->gen[from], *t = m->gen[to];
	uint64_t bytes = f[G_LIVE] ? n * (f[G_LIVE_BYTES] / f[G_LIVE]) : 0;

	f[G_MOVED] += n;
	f[G_MOVED_BYTES] += bytes;
	if (from == to)
		return;
	f[G_PROMOTED_OUT] += n;
	t[G_PROMOTED_IN] += n;
	f[G_LIVE] -= n;
	f[G_LIVE_BYTES] -= bytes;
	t[G_LIVE] += n;
	t[G_LIVE_BYTES] += bytes;
}

/*
 * A collection of generation @gen, simplified: young promotes half its objects, old
 * moves a quarter of its own; each frees a segment while it holds more than one. The
 * objects found mapped are skipped. Its own counters (and the gauges after it) in @done.
 */
static void do_collect(struct fake_managed *m, uint32_t gen, uint64_t *done)
{
	uint64_t before[GEN_FIELDS], *g = m->gen[gen];
	uint64_t live = g[G_LIVE] > m->pinned_per_collection ? g[G_LIVE] - m->pinned_per_collection : 0;
	int i;

	memcpy(before, g, sizeof(before));
	g[G_COLLECTIONS]++;
	g[G_PINNED] += g[G_LIVE] - live;
	if (gen == MPOOL_GENERATION_YOUNG)
		fake_move(m, gen, MPOOL_GENERATION_OLD, live / 2);
	else
		fake_move(m, gen, gen, live / 4);
	if (g[G_HELD] > SEGMENT) {
		g[G_HELD] -= SEGMENT;
		g[G_SEGMENTS_FREED]++;
	}
	for (i = 0; i < GEN_FIELDS; i++)
		done[i] = g[i] - before[i];
	done[G_LIVE] = g[G_LIVE];
	done[G_LIVE_BYTES] = g[G_LIVE_BYTES];
	done[G_HELD] = g[G_HELD];
}

/*
 * As mpool_m_compress(): the old objects not yet cold (all of a size) are compressed
 * into 4 KiB blocks by the tier's saving, up to @limit bytes of them (0: all). A tier
 * without memory (saving_pct 0) fails before its first block. Returns the bytes of
 * objects compressed or -ENOMEM.
 */
static int64_t do_compress(struct fake_managed *m, uint64_t limit)
{
	struct fake_cold *c = &m->cold;
	uint64_t live = m->gen[MPOOL_GENERATION_OLD][G_LIVE];
	uint64_t size = live ? m->gen[MPOOL_GENERATION_OLD][G_LIVE_BYTES] / live : 0;
	uint64_t n = live > c->st[C_OBJECTS] ? live - c->st[C_OBJECTS] : 0;
	uint64_t bytes, blocks;

	c->st[C_FORCED_RUNS]++;
	if (!c->saving_pct)
		return -ENOMEM;
	if (limit && size && n > (limit + size - 1) / size)
		n = (limit + size - 1) / size;
	bytes = n * size;
	blocks = (bytes + 4095) / 4096;
	c->st[C_OBJECTS] += n;
	c->st[C_ORIGINAL] += bytes;
	c->st[C_STORED] += bytes * (100 - c->saving_pct) / 100 + 64 * blocks;
	c->st[C_BLOCKS] += blocks;
	c->st[C_COMPRESSIONS] += blocks;
	c->st[C_COMPRESSED_OBJECTS] += n;
	c->st[C_COMPRESSED_BYTES] += bytes;
	return (int64_t)bytes;
}

/* Checks of pool-collect made before the pool is looked for, as the kernel does. */
static int collect_args(struct mpool_nl *nl, const struct nlattr *const *tb, uint32_t *gen)
{
	if (!tb[MPOOL_A_POOL_GENERATION] || attr_get_u32(tb[MPOOL_A_POOL_GENERATION], gen))
		return fail(nl, -EINVAL, "Missing attribute: generation");
	if (*gen > MPOOL_GENERATION_PERMANENT)
		return fail(nl, -ERANGE, "integer out of range");
	if (*gen == MPOOL_GENERATION_PERMANENT)
		return fail(nl, -EINVAL, "generation: permanent objects are never collected");
	return 0;
}

/* A buffer pool shrinks every class; returns the bytes released. */
static uint64_t do_shrink(struct fake_pool *p)
{
	uint64_t released = 0;
	unsigned int i;

	for (i = 0; p->classes && i < p->nr_classes; i++)
		released += do_shrink(&p->classes[i]);
	if (p->classes)
		return released;
	if (p->cached > p->min)
		released = ((p->cached - p->min) / p->per_slab) * (4096ull << p->order);
	p->cached = p->min;
	return released;
}

static void do_reset(struct fake_pool *p)
{
	unsigned int i;

	for (i = 0; p->classes && i < p->nr_classes; i++)
		do_reset(&p->classes[i]);
	p->reset_at = mono();
}

/*
 * The cached objects are spread evenly over the two nodes: a rebalance releases the
 * whole free slabs of from-node's half, up to count, and warms to-node as much.
 */
/* Checks of pool-rebalance made before the pool is looked for, as the kernel does. */
static int rebalance_args(struct mpool_nl *nl, const struct nlattr *const *tb)
{
	uint32_t from, to, count;
	int ret;

	if (!tb[MPOOL_A_POOL_COUNT] || attr_get_u32(tb[MPOOL_A_POOL_COUNT], &count) || !count)
		return fail(nl, -EINVAL, "Missing attribute: count");
	ret = node_ok(nl, tb[MPOOL_A_POOL_FROM_NODE], &from, "not a node with memory");
	if (!ret)
		ret = node_ok(nl, tb[MPOOL_A_POOL_TO_NODE], &to, "not a node with memory");
	if (ret)
		return ret;
	if (from == to)
		return fail(nl, -EINVAL, "to-node: the same as from-node");
	return 0;
}

/*
 * The cached objects are spread evenly over the two nodes: a rebalance releases the
 * whole free slabs of from-node's half, up to count, and warms to-node as much.
 */
static int do_rebalance(struct mpool_nl *nl, struct fake_pool *p, const struct nlattr *const *tb,
			uint32_t *moved)
{
	uint32_t count = 0;
	uint64_t half;
	int ret;

	attr_get_u32(tb[MPOOL_A_POOL_COUNT], &count);
	ret = find_target(nl, p, tb, true, &p);
	if (ret)
		return ret;
	half = p->cached / 2;
	if (half > count)
		half = count;
	*moved = (uint32_t)(half - half % p->per_slab);
	return 0;
}

int mpool_nl_request(struct mpool_nl *nl, uint8_t cmd, bool dump,
		     const void *attrs, size_t len, int maxattr,
		     mpool_nl_reply_fn fn, void *ctx)
{
	const struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct fake_pool *p = NULL, *target;
	struct attr_buf b;
	uint32_t moved = 0, gen = 0;
	char what[64];
	int ret = 0, err = 0, i;

	nl->kernel_msg[0] = '\0';
	snprintf(what, sizeof(what), "%s %d", dump ? "dump" : "do", cmd);
	logf_req(what);
	if (attr_parse(tb, MPOOL_A_POOL_MAX, attrs, len))
		return fail(nl, -EINVAL, "malformed request");
	abuf_init(&b);

	switch (cmd) {
	case MPOOL_CMD_VERSION_GET:
		abuf_put_str(&b, MPOOL_A_VERSION_MODULE, "fake");
		ret = deliver(&b, cmd, maxattr, fn, ctx);
		break;
	case MPOOL_CMD_POOL_GET:
		if (dump) {
			bool intr = dump_intr_left > 0;

			if (intr)
				dump_intr_left--;
			for (i = 0; i < NR_POOLS; i++) {
				b.len = 0;
				fill_pool(&b, &pools[i]);
				err = deliver(&b, cmd, maxattr, fn, ctx);
				if (err && !ret)
					ret = err;
			}
			if (!ret && intr)
				ret = MPOOL_NL_DUMP_INTR;
			break;
		}
		ret = find_pool(nl, tb, &p);
		if (!ret) {
			fill_pool(&b, p);
			ret = deliver(&b, cmd, maxattr, fn, ctx);
		}
		break;
	case MPOOL_CMD_CLASS_GET:
		ret = find_pool(nl, tb, &p);
		if (ret)
			break;
		if (p->managed) {
			ret = fail(nl, -EOPNOTSUPP, NO_SLABS);
			break;
		}
		if (!p->classes) {
			ret = fail(nl, -EINVAL, "mpool: an object pool has no classes");
			break;
		}
		fill_classes(&b, p);
		ret = deliver(&b, cmd, maxattr, fn, ctx);
		break;
	case MPOOL_CMD_NODE_STATS_GET:
		ret = find_pool(nl, tb, &p);
		if (ret)
			break;
		if (p->managed) {
			ret = fail(nl, -EOPNOTSUPP, NO_SLABS);
			break;
		}
		abuf_put_u32(&b, MPOOL_A_POOL_ID, p->id);
		abuf_put_str(&b, MPOOL_A_POOL_NAME, p->name);
		for (i = 0; i < NR_NODES * NR_NODES; i++) {
			size_t nest = abuf_nest_start(&b, MPOOL_A_POOL_NODE_PAIR);
			uint32_t from = (uint32_t)i / NR_NODES, to = (uint32_t)i % NR_NODES;

			abuf_put_u32(&b, MPOOL_A_NODE_PAIR_CPU_NODE, from);
			abuf_put_u32(&b, MPOOL_A_NODE_PAIR_OBJECT_NODE, to);
			abuf_put_u64(&b, MPOOL_A_NODE_PAIR_ALLOCS, from == to ? 1000 * (from + 1) : 7,
				     MPOOL_A_NODE_PAIR_PAD);
			abuf_put_u64(&b, MPOOL_A_NODE_PAIR_FREES, from == to ? 990 * (from + 1) : 5,
				     MPOOL_A_NODE_PAIR_PAD);
			abuf_nest_end(&b, nest);
		}
		ret = deliver(&b, cmd, maxattr, fn, ctx);
		break;
	case MPOOL_CMD_POOL_SET:
	case MPOOL_CMD_POOL_WARM:
	case MPOOL_CMD_POOL_SHRINK:
	case MPOOL_CMD_POOL_RESET_STATS:
	case MPOOL_CMD_CLASS_SET:
	case MPOOL_CMD_POOL_REBALANCE:
	case MPOOL_CMD_POOL_COLLECT:
	case MPOOL_CMD_POOL_COMPRESS:
		if (unprivileged()) {
			ret = -EPERM;
			break;
		}
		if (cmd == MPOOL_CMD_POOL_SET && !has_slab_settings(tb) && !has_policy(tb)) {
			ret = fail(nl, -EINVAL,
				   "mpool: nothing to set: give limits, magazine-size, flags, adaptive settings or a managed pool's policy");
			break;
		}
		if (cmd == MPOOL_CMD_POOL_SET) {
			ret = policy_args(nl, tb);
			if (ret)
				break;
		}
		if (cmd == MPOOL_CMD_POOL_COLLECT) {
			ret = collect_args(nl, tb, &gen);
			if (ret)
				break;
		}
		/* Checks the kernel makes before it looks for the pool. */
		if (cmd == MPOOL_CMD_CLASS_SET && !tb[MPOOL_A_POOL_MIN_OBJECTS] &&
		    !tb[MPOOL_A_POOL_MAX_OBJECTS]) {
			ret = fail(nl, -EINVAL, "mpool: nothing to set: give min-objects or max-objects");
			break;
		}
		if (cmd == MPOOL_CMD_POOL_REBALANCE) {
			ret = rebalance_args(nl, tb);
			if (ret)
				break;
		}
		ret = find_pool(nl, tb, &p);
		if (ret)
			break;
		/* request_unmanaged_pool(): what needs slabs or magazines. */
		if (p->managed && cmd != MPOOL_CMD_POOL_SET && cmd != MPOOL_CMD_POOL_COLLECT &&
		    cmd != MPOOL_CMD_POOL_COMPRESS && cmd != MPOOL_CMD_POOL_WARM) {
			ret = fail(nl, -EOPNOTSUPP, NO_SLABS);
			break;
		}
		if (cmd == MPOOL_CMD_POOL_COLLECT) {
			uint64_t done[GEN_FIELDS];

			if (!p->managed) {
				ret = fail(nl, -EOPNOTSUPP,
					   "mpool: only a managed pool is collected: see pool-shrink");
				break;
			}
			do_collect(p->managed, gen, done);
			abuf_put_u32(&b, MPOOL_A_POOL_ID, p->id);
			abuf_put_str(&b, MPOOL_A_POOL_NAME, p->name);
			fill_generation(&b, MPOOL_A_POOL_COLLECTED, gen, done);
			ret = deliver(&b, cmd, maxattr, fn, ctx);
		} else if (cmd == MPOOL_CMD_POOL_COMPRESS) {
			uint64_t limit = 0;
			int64_t done;

			if (!p->managed) {
				ret = fail(nl, -EOPNOTSUPP, "mpool: only a managed pool has a cold tier");
				break;
			}
			if (!p->managed->cold_tier) {
				ret = fail(nl, -EOPNOTSUPP,
					   "mpool: this managed pool was created without a cold tier");
				break;
			}
			/* Strict validation: the request policy has no pad attribute. */
			if (tb[MPOOL_A_POOL_PAD]) {
				ret = fail(nl, -EINVAL, "Unsupported attribute");
				break;
			}
			if (tb[MPOOL_A_POOL_BYTES] && attr_get_u64(tb[MPOOL_A_POOL_BYTES], &limit)) {
				ret = fail(nl, -EINVAL, "Attribute failed policy validation");
				break;
			}
			done = do_compress(p->managed, limit);
			if (done < 0) {
				ret = fail(nl, (int)done,
					   "mpool: out of memory before one block was compressed");
				break;
			}
			abuf_put_u32(&b, MPOOL_A_POOL_ID, p->id);
			abuf_put_str(&b, MPOOL_A_POOL_NAME, p->name);
			abuf_put_u64(&b, MPOOL_A_POOL_COMPRESSED, (uint64_t)done, MPOOL_A_POOL_PAD);
			ret = deliver(&b, cmd, maxattr, fn, ctx);
		} else if (cmd == MPOOL_CMD_POOL_SET) {
			ret = do_set(nl, p, tb);
		} else if (cmd == MPOOL_CMD_POOL_WARM && p->managed) {
			ret = do_warm_managed(nl, p->managed, tb);
		} else if (cmd == MPOOL_CMD_POOL_WARM) {
			ret = do_warm(nl, p, tb);
		} else if (cmd == MPOOL_CMD_POOL_RESET_STATS) {
			do_reset(p);
		} else if (cmd == MPOOL_CMD_CLASS_SET) {
			if (!tb[MPOOL_A_POOL_CLASS_SIZE])
				ret = fail(nl, -EINVAL, "Missing attribute: class-size");
			if (!ret)
				ret = find_target(nl, p, tb, true, &target);
			if (!ret)
				ret = set_limits(nl, target, tb);
		} else if (cmd == MPOOL_CMD_POOL_REBALANCE) {
			ret = do_rebalance(nl, p, tb, &moved);
			if (!ret) {
				abuf_put_u32(&b, MPOOL_A_POOL_ID, p->id);
				abuf_put_u32(&b, MPOOL_A_POOL_MOVED, moved);
				ret = deliver(&b, cmd, maxattr, fn, ctx);
			}
		} else {
			uint64_t released = do_shrink(p);

			abuf_put_u32(&b, MPOOL_A_POOL_ID, p->id);
			abuf_put_u64(&b, MPOOL_A_POOL_RELEASED, released, MPOOL_A_POOL_PAD);
			ret = deliver(&b, cmd, maxattr, fn, ctx);
		}
		if (!ret)
			save_state();
		break;
	default:
		ret = fail(nl, -EOPNOTSUPP, "unknown command");
	}
	abuf_free(&b);
	return ret;
}

/* ---- monitor: a scripted sequence of notifications ---- */

int mpool_nl_monitor_open(struct mpool_nl **nlp, const char *group)
{
	int ret;

	ret = mpool_nl_open(nlp);
	if (ret)
		return ret;
	if (strcmp(group, MPOOL_MCGRP_MONITOR) != 0 || getenv("MEMPOOLCTL_FAKE_NOGROUP")) {
		mpool_nl_close(*nlp);
		return -ESRCH;
	}
	if (pipe((*nlp)->pipe)) {
		mpool_nl_close(*nlp);
		return -EIO;
	}
	fcntl((*nlp)->pipe[0], F_SETFL, O_NONBLOCK);
	/* Four events are ready at once. */
	if (write((*nlp)->pipe[1], "abcd", 4) != 4) {
		mpool_nl_close(*nlp);
		return -EIO;
	}
	return 0;
}

int mpool_nl_monitor_fd(const struct mpool_nl *nl)
{
	return nl->pipe[0];
}

int mpool_nl_monitor_read(struct mpool_nl *nl, int maxattr, mpool_nl_reply_fn fn, void *ctx)
{
	static const struct fake_pool tmp = {
		.id = 9, .name = "fake_tmp", .size = 32, .stride = 64, .mag = 64,
		.per_slab = 64,
	};
	struct attr_buf b;
	char ev;
	int ret = 0;

	while (!ret && read(nl->pipe[0], &ev, 1) == 1) {
		abuf_init(&b);
		switch (ev) {
		case 'a':
			fill_pool(&b, &tmp);
			ret = deliver(&b, MPOOL_CMD_POOL_ADD_NTF, maxattr, fn, ctx);
			break;
		case 'b':
			fill_pool(&b, &pools[0]);
			ret = deliver(&b, MPOOL_CMD_POOL_CHANGE_NTF, maxattr, fn, ctx);
			break;
		case 'c':
			abuf_put_u32(&b, MPOOL_A_POOL_ID, pools[1].id);
			abuf_put_str(&b, MPOOL_A_POOL_NAME, pools[1].name);
			abuf_put_u32(&b, MPOOL_A_POOL_MAX_OBJECTS, pools[1].max);
			ret = deliver(&b, MPOOL_CMD_POOL_LIMIT_NTF, maxattr, fn, ctx);
			break;
		default:
			abuf_put_u32(&b, MPOOL_A_POOL_ID, tmp.id);
			abuf_put_str(&b, MPOOL_A_POOL_NAME, tmp.name);
			ret = deliver(&b, MPOOL_CMD_POOL_DEL_NTF, maxattr, fn, ctx);
			break;
		}
		abuf_free(&b);
	}
	return ret;
}
