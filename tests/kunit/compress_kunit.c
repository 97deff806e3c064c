// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_compress: the compressed cold tier of managed pools. A forced compression
 * makes unmapped old objects cold and a map brings every byte back (the counters
 * follow); random bytes end up rejected as incompressible and stay as they were; a
 * mapped object, a young one and a %MPOOL_H_NOCOMPRESS one are never compressed; the
 * background worker starts above the high watermark, stops at the low one and does
 * not start again in between, and follows watermarks changed at run time; a no-wait
 * map of a cold object fails with -EAGAIN in atomic context and queues its
 * decompression; a corrupted block maps with -EIO
 * (KASAN watching the decompressor); memory pressure compresses through the
 * shrinker; a bad policy is refused; and a pool destroyed with cold objects gives
 * everything back (kmemleak checks at the end of the run).
 */

#include <kunit/test.h>
#include <linux/bottom_half.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/fs.h>
#include <linux/random.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "managed.h"
#include "pool.h"
#include "pool_test.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);	/* mpool_cold_block_bytes(), _is_cold() */

#define OBJS		96
#define OBJ_SIZE	500
/* Big enough to compress alone (a block of one 500-byte record saves too little). */
#define BIG		3000

static void destroy_action(void *mp)
{
	mpool_m_destroy(mp);
}

/* A pool with a cold tier, collected and compressed only when the test says so. */
static struct mpool_m_pool *cold_pool(struct kunit *test, struct mpool_m_config *cfg)
{
	struct mpool_m_pool *mp;

	cfg->name = cfg->name ?: "compress_test";
	cfg->max_size = cfg->max_size ?: 4096;
	cfg->max_handles = cfg->max_handles ?: 1024;
	cfg->node = NUMA_NO_NODE;
	cfg->policy.cold_tier = true;
	cfg->policy.promote_after = 1;
	mp = mpool_m_create(cfg);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mp), "mpool_m_create: %ld", PTR_ERR(mp));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, destroy_action, mp), 0);
	return mp;
}

/* @n old objects of log text (allocated young, then promoted). */
static mpool_handle_t *old_logs(struct kunit *test, struct mpool_m_pool *mp, unsigned int n,
				size_t size)
{
	mpool_handle_t *h = kunit_kcalloc(test, n, sizeof(*h), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, h);
	for (i = 0; i < n; i++)
		h[i] = mpool_test_h_alloc_log(test, mp, size, i, 0);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	KUNIT_ASSERT_EQ(test, mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_OLD].live_objects, n);
	return h;
}

static u64 hist_total(const u64 *hist)
{
	u64 total = 0;
	unsigned int i;

	for (i = 0; i < MPOOL_HIST_BUCKETS; i++)
		total += hist[i];
	return total;
}

static void force_compress_then_map_returns_identical_bytes(struct kunit *test)
{
	struct mpool_m_config cfg = { .policy.no_worker = true };
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	struct mpool_m_stats *st;
	mpool_handle_t *h;
	u64 held_before;
	unsigned int i;

	mpool_test_pin(test, raw_smp_processor_id());
	h = old_logs(test, mp, OBJS, OBJ_SIZE);
	held_before = mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_OLD].held_bytes;
	/* Warm spares too go back when a compression run gives memory back. */
	KUNIT_ASSERT_EQ(test, mpool_m_warm(mp, 8 * 32768), 0);

	KUNIT_EXPECT_EQ(test, mpool_m_compress(mp, 0), (s64)OBJS * OBJ_SIZE);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.enabled, 1);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, OBJS);
	KUNIT_EXPECT_EQ(test, st->cold.original_bytes, OBJS * OBJ_SIZE);
	KUNIT_EXPECT_EQ(test, st->cold.compressed_objects, OBJS);
	KUNIT_EXPECT_GE(test, st->cold.compressions, OBJS * OBJ_SIZE / 4096);
	KUNIT_EXPECT_EQ(test, st->cold.blocks, st->cold.compressions);
	KUNIT_EXPECT_EQ(test, st->cold.forced_runs, 1);
	/* Log lines: at least twice smaller, headers and class rounding counted. */
	KUNIT_EXPECT_GE_MSG(test, mpool_m_cold_ratio_x100(&st->cold), 200,
			    "%llu bytes stored for %llu", st->cold.stored_bytes,
			    st->cold.original_bytes);
	/* Still live in their generation; their segments but the open one went back. */
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].live_objects, OBJS);
	KUNIT_EXPECT_LT(test, st->gen[MPOOL_GEN_OLD].held_bytes, held_before);
	KUNIT_EXPECT_LE(test, st->gen[MPOOL_GEN_OLD].held_bytes, 32768);
	KUNIT_EXPECT_LE(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, 32768);
	for (i = 0; i < OBJS; i++)
		KUNIT_EXPECT_TRUE_MSG(test, mpool_cold_is_cold(mp, h[i]), "object %u", i);

	for (i = 0; i < OBJS; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_log_intact(mp, h[i], OBJ_SIZE, i),
				      "object %u", i);
		KUNIT_EXPECT_FALSE(test, mpool_cold_is_cold(mp, h[i]));
	}
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, 0);
	KUNIT_EXPECT_EQ(test, st->cold.original_bytes, 0);
	KUNIT_EXPECT_EQ(test, st->cold.blocks, 0);
	KUNIT_EXPECT_EQ(test, st->cold.stored_bytes, 0);
	KUNIT_EXPECT_EQ(test, st->cold.decompressions, st->cold.compressions);
	KUNIT_EXPECT_EQ(test, st->cold.decompressed_objects, OBJS);
	/* Mapped at once after their compression: every decompression a refault. */
	KUNIT_EXPECT_EQ(test, st->cold.refaults, st->cold.decompressions);
	KUNIT_EXPECT_EQ(test, hist_total(st->cold.map_latency_hist), st->cold.decompressions);
	KUNIT_EXPECT_EQ(test, st->cold.io_errors + st->cold.fault_failures, 0);
	for (i = 0; i < OBJS; i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
}

static void random_data_ends_up_incompressible(struct kunit *test)
{
	struct mpool_m_config cfg = { .policy.no_worker = true };
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	u8 *copy = kunit_kmalloc(test, OBJS * OBJ_SIZE, GFP_KERNEL);
	mpool_handle_t h[OBJS];
	struct mpool_m_stats *st;
	unsigned int i;
	u8 *obj;

	KUNIT_ASSERT_NOT_NULL(test, copy);
	get_random_bytes(copy, OBJS * OBJ_SIZE);
	for (i = 0; i < OBJS; i++) {
		h[i] = mpool_h_alloc(mp, OBJ_SIZE, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
		obj = mpool_h_map(mp, h[i]);
		KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
		memcpy(obj, copy + i * OBJ_SIZE, OBJ_SIZE);
		mpool_h_unmap(mp, h[i]);
	}
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);

	KUNIT_EXPECT_EQ(test, mpool_m_compress(mp, 0), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.rejects[MPOOL_COLD_REJECT_INCOMPRESSIBLE], OBJS);
	KUNIT_EXPECT_EQ(test, st->cold.compressions, 0);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, 0);
	/* Left alone for a while: a second try does not pick them again. */
	KUNIT_EXPECT_EQ(test, mpool_m_compress(mp, 0), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.rejects[MPOOL_COLD_REJECT_INCOMPRESSIBLE], OBJS);
	for (i = 0; i < OBJS; i++) {
		obj = mpool_h_map(mp, h[i]);
		KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
		KUNIT_EXPECT_MEMEQ(test, obj, copy + i * OBJ_SIZE, OBJ_SIZE);
		mpool_h_unmap(mp, h[i]);
	}
}

static void pinned_object_never_compressed(struct kunit *test)
{
	struct mpool_m_config cfg = { .policy.no_worker = true };
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	struct mpool_m_stats *st;
	mpool_handle_t *h;
	unsigned int i;
	void *pinned;

	h = old_logs(test, mp, 16, BIG);
	pinned = mpool_h_map(mp, h[5]);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pinned));
	for (i = 0; i < 3; i++)
		mpool_m_compress(mp, 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_FALSE(test, mpool_cold_is_cold(mp, h[5]));
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, 15);
	KUNIT_EXPECT_GE(test, st->cold.pinned_skips, 3);
	KUNIT_EXPECT_TRUE(test, mpool_test_log_filled(pinned, BIG, 5));
	KUNIT_EXPECT_PTR_EQ(test, mpool_h_map(mp, h[5]), pinned);
	mpool_h_unmap(mp, h[5]);
	mpool_h_unmap(mp, h[5]);

	/* Unmapped, it is compressed with the next run, and comes back intact. */
	KUNIT_EXPECT_EQ(test, mpool_m_compress(mp, 0), BIG);
	KUNIT_EXPECT_TRUE(test, mpool_cold_is_cold(mp, h[5]));
	KUNIT_EXPECT_TRUE(test, mpool_test_h_log_intact(mp, h[5], BIG, 5));
}

/* Young, %MPOOL_H_NOCOMPRESS and (by default) permanent objects stay hot. */
static void young_nocompress_and_permanent_stay_hot(struct kunit *test)
{
	struct mpool_m_config cfg = { .policy.no_worker = true };
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	mpool_handle_t keep, young, perm, plain;
	struct mpool_m_config off = {
		.name = "compress_off", .max_size = 64, .max_handles = 4,
		.node = NUMA_NO_NODE, .policy.no_worker = true,
	};
	struct mpool_m_pool *hot = mpool_m_create(&off);

	KUNIT_ASSERT_FALSE(test, IS_ERR(hot));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, destroy_action, hot), 0);
	keep = mpool_test_h_alloc_log(test, mp, BIG, 1, MPOOL_H_NOCOMPRESS);
	plain = mpool_test_h_alloc_log(test, mp, BIG, 2, 0);
	perm = mpool_test_h_alloc_log(test, mp, BIG, 3, MPOOL_H_PERMANENT);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	young = mpool_test_h_alloc_log(test, mp, BIG, 4, 0);

	KUNIT_EXPECT_EQ(test, mpool_m_compress(mp, 0), BIG);
	KUNIT_EXPECT_TRUE(test, mpool_cold_is_cold(mp, plain));
	KUNIT_EXPECT_FALSE(test, mpool_cold_is_cold(mp, keep));
	KUNIT_EXPECT_FALSE(test, mpool_cold_is_cold(mp, perm));
	KUNIT_EXPECT_FALSE(test, mpool_cold_is_cold(mp, young));
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, plain), MPOOL_GEN_OLD);
	KUNIT_EXPECT_TRUE(test, mpool_test_h_log_intact(mp, plain, BIG, 2));
	/* Without a cold tier there is nothing to force. */
	KUNIT_EXPECT_EQ(test, mpool_m_compress(hot, 0), -EOPNOTSUPP);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, hot)->cold.enabled, 0);
}

static void nowait_map_of_cold_object_queues_it(struct kunit *test)
{
	struct mpool_m_config cfg = { .policy.no_worker = true };
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	mpool_handle_t *h = old_logs(test, mp, 8, OBJ_SIZE);
	unsigned int waited;
	void *obj;

	KUNIT_ASSERT_EQ(test, mpool_m_compress(mp, 0), 8 * OBJ_SIZE);
	/* Atomic context: DEBUG_ATOMIC_SLEEP reports any sleep. */
	local_bh_disable();
	obj = mpool_h_map_nowait(mp, h[3]);
	local_bh_enable();
	KUNIT_EXPECT_EQ(test, PTR_ERR(obj), -EAGAIN);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->cold.nowait_misses, 1);
	for (waited = 0; waited < 5000 && mpool_cold_is_cold(mp, h[3]); waited += 10)
		msleep(20);
	KUNIT_ASSERT_FALSE_MSG(test, mpool_cold_is_cold(mp, h[3]), "not decompressed");
	/* Its whole block came back with it. */
	KUNIT_EXPECT_FALSE(test, mpool_cold_is_cold(mp, h[0]));
	local_bh_disable();
	obj = mpool_h_map_nowait(mp, h[3]);
	local_bh_enable();
	KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
	KUNIT_EXPECT_TRUE(test, mpool_test_log_filled(obj, OBJ_SIZE, 3));
	mpool_h_unmap(mp, h[3]);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->cold.decompressions, 1);
}

static void corrupt_block_gives_eio(struct kunit *test)
{
	struct mpool_m_config cfg = { .policy.no_worker = true };
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	mpool_handle_t *h = old_logs(test, mp, 4, OBJ_SIZE);
	struct mpool_m_stats *st;
	unsigned int len, i;
	u8 *bytes;

	KUNIT_ASSERT_EQ(test, mpool_m_compress(mp, 0), 4 * OBJ_SIZE);
	bytes = mpool_cold_block_bytes(mp, h[0], &len);
	KUNIT_ASSERT_NOT_NULL(test, bytes);
	KUNIT_ASSERT_GT(test, len, 16);
	/* Garbage in the middle of the stream: lengths and offsets that point anywhere. */
	for (i = len / 3; i < len / 3 + 8; i++)
		bytes[i] ^= 0xa5;
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map(mp, h[1])), -EIO);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map(mp, h[2])), -EIO);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map_nowait(mp, h[2])), -EIO);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.corrupt_blocks, 1);
	KUNIT_EXPECT_EQ(test, st->cold.io_errors, 3);
	KUNIT_EXPECT_EQ(test, st->cold.decompressions, 0);
	/* Still freed cleanly, block and all. */
	for (i = 0; i < 4; i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.blocks, 0);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, 0);
	KUNIT_EXPECT_EQ(test, st->cold.stored_bytes, 0);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].live_objects, 0);
}

#define WM_SEGMENT	32768
#define WM_SIZE		1000

/* Permanent objects until the permanent segments hold @bytes. */
static unsigned int fill_to(struct kunit *test, struct mpool_m_pool *mp, u64 bytes,
			    unsigned int seed)
{
	while (mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_PERMANENT].held_bytes < bytes)
		mpool_test_h_alloc_log(test, mp, WM_SIZE, seed++, MPOOL_H_PERMANENT);
	return seed;
}

/* Permanent objects until the worker has started @starts times. */
static unsigned int fill_to_start(struct kunit *test, struct mpool_m_pool *mp, u64 starts,
				  unsigned int seed)
{
	while (mpool_test_m_stats(test, mp)->cold.worker_starts < starts)
		mpool_test_h_alloc_log(test, mp, WM_SIZE, seed++, MPOOL_H_PERMANENT);
	return seed;
}

static bool wait_stops(struct kunit *test, struct mpool_m_pool *mp, u64 stops)
{
	unsigned int waited;

	for (waited = 0; waited < 10000; waited += 20) {
		if (mpool_test_m_stats(test, mp)->cold.worker_stops >= stops)
			return true;
		msleep(20);
	}
	return false;
}

/*
 * Budget of 8 segments, watermarks at 4 (high) and 2 (low): nothing happens at 3, the
 * worker starts at 4 and compresses down to 2 or less, and at 3 again it stays off.
 */
static void worker_follows_the_watermarks(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.budget = 8 * WM_SEGMENT, .max_handles = 4096,
		.policy = { .cold_permanent = true, .cold_age_ms = 1, .cold_high_pct = 50,
			    .cold_low_pct = 25, .cold_interval_ms = 5, .cold_cpu_pct = 100,
			    .young_interval_ms = 3600000, .old_interval_ms = 3600000 },
	};
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	struct mpool_m_stats *st;
	unsigned int seed;

	seed = fill_to(test, mp, 3 * WM_SEGMENT, 0);
	msleep(30);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.worker_starts, 0);
	KUNIT_EXPECT_EQ(test, st->cold.worker_on, 0);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, 0);

	seed = fill_to_start(test, mp, 1, seed);
	KUNIT_ASSERT_TRUE_MSG(test, wait_stops(test, mp, 1), "the worker never stopped");
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.worker_starts, 1);
	KUNIT_EXPECT_EQ(test, st->cold.worker_on, 0);
	KUNIT_EXPECT_GT(test, st->cold.cold_objects, 0);
	KUNIT_EXPECT_GE(test, st->cold.worker_runs, 1);
	KUNIT_EXPECT_LE(test, st->gen[MPOOL_GEN_PERMANENT].held_bytes, 2 * WM_SEGMENT);

	/* Between the watermarks: no restart. */
	seed = fill_to(test, mp, 3 * WM_SEGMENT, seed);
	msleep(50);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.worker_starts, 1);
	KUNIT_EXPECT_EQ(test, st->cold.worker_on, 0);
	KUNIT_EXPECT_LT(test, st->gen[MPOOL_GEN_PERMANENT].held_bytes, 4 * WM_SEGMENT);

	/* Above the high one again: it starts again. */
	fill_to_start(test, mp, 2, seed);
	KUNIT_ASSERT_TRUE(test, wait_stops(test, mp, 2));
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->cold.worker_starts, 2);
}

/*
 * The cold knobs change at run time through mpool_m_set_policy(): a bad one changes
 * nothing; a high watermark lowered under what the pool holds starts the worker at
 * once, which compresses down to the new low one.
 */
static void cold_policy_changes_at_run_time(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.budget = 8 * WM_SEGMENT, .max_handles = 4096,
		.policy = { .cold_permanent = true, .cold_age_ms = 1, .cold_interval_ms = 5,
			    .cold_cpu_pct = 100, .young_interval_ms = 3600000,
			    .old_interval_ms = 3600000 },
	};
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	const struct mpool_m_policy *now = &mp->policy;	/* managed.h */
	struct mpool_m_policy p;

	fill_to(test, mp, 3 * WM_SEGMENT, 0);
	msleep(30);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->cold.worker_starts, 0);

	p = *now;
	p.cold_low_pct = 30;		/* not below the high one (25) */
	p.cold_high_pct = 25;
	KUNIT_EXPECT_EQ(test, mpool_m_set_policy(mp, &p), -EINVAL);
	KUNIT_EXPECT_EQ(test, now->cold_high_pct, 80);
	KUNIT_EXPECT_EQ(test, now->cold_low_pct, 60);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->cold.worker_starts, 0);

	/* 3 of 8 segments held: above 25%, and 20% leaves room for the open one. */
	p.cold_low_pct = 20;
	p.cold_min_saving_pct = 30;
	KUNIT_EXPECT_EQ(test, mpool_m_set_policy(mp, &p), 0);
	KUNIT_EXPECT_EQ(test, now->cold_high_pct, 25);
	KUNIT_EXPECT_EQ(test, now->cold_low_pct, 20);
	KUNIT_EXPECT_EQ(test, now->cold_min_saving_pct, 30);
	KUNIT_EXPECT_EQ(test, now->cold_age_ms, 1);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->cold.worker_starts, 1);
	KUNIT_ASSERT_TRUE_MSG(test, wait_stops(test, mp, 1), "the worker never stopped");
	KUNIT_EXPECT_LE(test, mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_PERMANENT].held_bytes,
			8 * WM_SEGMENT / 5);
}

/* drop_caches runs every shrinker, ours included. */
static void drop_slab_caches(struct kunit *test)
{
	struct file *f = filp_open("/proc/sys/vm/drop_caches", O_WRONLY, 0);
	loff_t pos = 0;

	KUNIT_ASSERT_FALSE(test, IS_ERR(f));
	KUNIT_EXPECT_EQ(test, kernel_write(f, "2", 1, &pos), 1);
	filp_close(f, NULL);
}

static void shrinker_compresses_cold_objects(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.policy = { .no_worker = true, .cold_age_ms = 1 },
	};
	struct mpool_m_pool *mp = cold_pool(test, &cfg);
	mpool_handle_t *h = old_logs(test, mp, OBJS, OBJ_SIZE);
	struct mpool_m_stats *st;
	unsigned int i;

	/* The first pass clears the marks the fill left, the next finds them cold. */
	drop_slab_caches(test);
	usleep_range(5000, 6000);
	drop_slab_caches(test);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_GE(test, st->cold.shrinker_scans, 1);
	KUNIT_EXPECT_GT(test, st->cold.cold_objects, 0);
	KUNIT_EXPECT_EQ(test, st->cold.forced_runs, 0);
	for (i = 0; i < OBJS; i++)
		KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_log_intact(mp, h[i], OBJ_SIZE, i),
				      "object %u", i);
}

static void invalid_cold_policy_refused(struct kunit *test)
{
	static const struct {
		unsigned int high, low, saving, cpu;
	} bad[] = {
		{ 101, 0, 0, 0 },
		{ 50, 50, 0, 0 },
		{ 0, 90, 0, 0 },
		{ 0, 0, 91, 0 },
		{ 0, 0, 0, 101 },
	};
	struct mpool_m_config cfg;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		cfg = (struct mpool_m_config){
			.name = "compress_bad", .max_size = 64, .max_handles = 16,
			.node = NUMA_NO_NODE,
			.policy = { .cold_tier = true, .cold_high_pct = bad[i].high,
				    .cold_low_pct = bad[i].low,
				    .cold_min_saving_pct = bad[i].saving,
				    .cold_cpu_pct = bad[i].cpu },
		};
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR_OR_ZERO(mpool_m_create(&cfg)), -EINVAL,
				    "policy %u", i);
	}
}

/* Destroyed with cold, hot and corrupt objects live: reported, nothing leaks. */
static void destroy_with_cold_objects(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "compress_leaky", .max_size = 1024, .max_handles = 256,
		.node = NUMA_NO_NODE,
		.policy = { .cold_tier = true, .promote_after = 1, .no_worker = true },
	};
	struct mpool_m_pool *mp = mpool_m_create(&cfg);
	struct mpool_m_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	unsigned int i, len;
	mpool_handle_t h;
	u8 *bytes;

	KUNIT_ASSERT_FALSE(test, IS_ERR(mp));
	KUNIT_ASSERT_NOT_NULL(test, st);
	for (i = 0; i < 64; i++)
		h = mpool_test_h_alloc_log(test, mp, 700, i, 0);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	KUNIT_EXPECT_GT(test, mpool_m_compress(mp, 0), 0);
	bytes = mpool_cold_block_bytes(mp, h, &len);
	KUNIT_EXPECT_NOT_NULL(test, bytes);
	if (bytes)
		memset(bytes, 0xff, len);
	mpool_h_alloc(mp, 100, GFP_KERNEL, 0);
	mpool_m_get_stats(mp, st);
	KUNIT_EXPECT_GT(test, st->cold.blocks, 1);
	mpool_m_destroy(mp);	/* reports 65 handles in use */
}

static struct kunit_case mpool_compress_cases[] = {
	KUNIT_CASE(force_compress_then_map_returns_identical_bytes),
	KUNIT_CASE(random_data_ends_up_incompressible),
	KUNIT_CASE(pinned_object_never_compressed),
	KUNIT_CASE(young_nocompress_and_permanent_stay_hot),
	KUNIT_CASE(nowait_map_of_cold_object_queues_it),
	KUNIT_CASE(corrupt_block_gives_eio),
	KUNIT_CASE(worker_follows_the_watermarks),
	KUNIT_CASE(cold_policy_changes_at_run_time),
	KUNIT_CASE(shrinker_compresses_cold_objects),
	KUNIT_CASE(invalid_cold_policy_refused),
	KUNIT_CASE(destroy_with_cold_objects),
	{}
};

static struct kunit_suite mpool_compress_suite = {
	.name = "mpool_compress",
	.test_cases = mpool_compress_cases,
};

kunit_test_suites(&mpool_compress_suite);
