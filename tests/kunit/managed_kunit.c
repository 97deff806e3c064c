// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_managed: managed pools. Handles round-trip, stale and forged ones are refused
 * without being followed, maps nest and pin (a mapped object is never moved, and
 * freeing it is refused), objects are promoted after the configured number of young
 * collections with every byte kept, permanent objects are never touched, empty
 * segments go back, old compaction keeps every byte, the worker collects by itself,
 * the handle table grows by chunks as handles are first used (and refuses those of
 * chunks never allocated), and a pool destroyed with live handles gives everything
 * back (kmemleak checks).
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/nodemask.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "managed.h"
#include "pool.h"
#include "pool_test.h"

/* A managed pool collected only when the test says so; destroyed when it ends. */
static struct mpool_m_pool *test_pool_named(struct kunit *test, const char *name,
					    unsigned int promote_after, size_t budget)
{
	struct mpool_m_config cfg = {
		.name = name, .max_size = 4096, .max_handles = 1024,
		.budget = budget, .node = NUMA_NO_NODE,
		.policy = { .promote_after = promote_after, .no_worker = true },
	};

	return mpool_test_m_create(test, &cfg);
}

static struct mpool_m_pool *test_pool(struct kunit *test, unsigned int promote_after,
				      size_t budget)
{
	return test_pool_named(test, "managed_test", promote_after, budget);
}

static void handles_round_trip(struct kunit *test)
{
	static const size_t sizes[] = { 1, 8, 100, 1000, 4096 };
	struct mpool_m_pool *mp = test_pool(test, 2, 0);
	mpool_handle_t h[ARRAY_SIZE(sizes)];
	struct mpool_m_stats *st;
	u64 total = 0, bytes = 0;
	unsigned int i;
	void *obj;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		h[i] = mpool_h_alloc(mp, sizes[i], GFP_KERNEL, 0);
		KUNIT_ASSERT_NE_MSG(test, h[i], 0, "size %zu", sizes[i]);
		KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h[i]), MPOOL_GEN_YOUNG);
		obj = mpool_h_map(mp, h[i]);
		KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)obj, 8));
		mpool_test_stamp(obj, sizes[i], i);	/* every byte: KASAN watches */
		mpool_h_unmap(mp, h[i]);
		bytes += sizes[i];
	}
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_intact(mp, h[i], sizes[i], i),
				      "size %zu", sizes[i]);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, ARRAY_SIZE(sizes));
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_bytes, bytes);
	KUNIT_EXPECT_GT(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, 0);

	/* Out of range, or unknown flags: no handle. */
	KUNIT_EXPECT_EQ(test, mpool_h_alloc(mp, 0, GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_alloc(mp, 4097, GFP_KERNEL, 0), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_alloc(mp, 8, GFP_KERNEL, BIT(7)), 0);

	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, 0), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, 0);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_bytes, 0);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 3);
	for (i = 0; i < MPOOL_HIST_BUCKETS; i++)
		total += st->lifetime_hist[i];
	KUNIT_EXPECT_EQ(test, total, ARRAY_SIZE(sizes));
}

static void stale_and_forged_handles_refused(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 2, 0);
	mpool_handle_t h, again, forged[4];
	struct mpool_m_stats *st;
	unsigned int i;

	h = mpool_h_alloc(mp, 64, GFP_KERNEL, 0);
	KUNIT_ASSERT_NE(test, h, 0);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), -ESTALE);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map(mp, h)), -ESTALE);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), -ESTALE);

	/* The entry serves a new allocation: the old handle stays stale. */
	again = mpool_h_alloc(mp, 64, GFP_KERNEL, 0);
	KUNIT_ASSERT_NE(test, again, 0);
	KUNIT_EXPECT_NE(test, again, h);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map(mp, h)), -ESTALE);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), -ESTALE);
	KUNIT_EXPECT_FALSE(test, IS_ERR(mpool_h_map(mp, again)));
	mpool_h_unmap(mp, again);

	/* Never issued: index 0 or outside the table, tag 0 or ahead of the entry's. */
	forged[0] = again & ~0xffffffffULL;
	forged[1] = (again & ~0xffffffffULL) | 1025;
	forged[2] = again & 0xffffffffULL;
	forged[3] = again + (1ULL << 32);
	for (i = 0; i < ARRAY_SIZE(forged); i++) {
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(mpool_h_map(mp, forged[i])), -EINVAL,
				    "forged %u: %#llx", i, forged[i]);
		KUNIT_EXPECT_EQ_MSG(test, mpool_h_free(mp, forged[i]), -EINVAL, "forged %u", i);
	}
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->stale_refusals, 4 + 2 * ARRAY_SIZE(forged));
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, 1);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, again), 0);
}

static void maps_nest_and_a_mapped_object_is_not_freed(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 2, 0);
	mpool_handle_t h = mpool_h_alloc(mp, 256, GFP_KERNEL, 0);
	void *a, *b;

	KUNIT_ASSERT_NE(test, h, 0);
	a = mpool_h_map(mp, h);
	b = mpool_h_map(mp, h);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_EXPECT_PTR_EQ(test, a, b);
	mpool_test_stamp(a, 256, 7);
	/* Maps may be held across sleeps. */
	usleep_range(1000, 2000);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), -EBUSY);
	mpool_h_unmap(mp, h);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), -EBUSY);
	KUNIT_EXPECT_TRUE(test, mpool_test_stamped(a, 256, 7));
	mpool_h_unmap(mp, h);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->busy_frees, 2);
	KUNIT_EXPECT_TRUE(test, mpool_test_h_intact(mp, h, 256, 7));
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), 0);
}

static void pinned_object_never_moved(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 1, 0);
	mpool_handle_t h = mpool_h_alloc(mp, 512, GFP_KERNEL, 0);
	struct mpool_m_stats *st;
	unsigned int i;
	void *pinned, *now;

	KUNIT_ASSERT_NE(test, h, 0);
	pinned = mpool_h_map(mp, h);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pinned));
	mpool_test_stamp(pinned, 512, 3);
	for (i = 0; i < 3; i++)
		KUNIT_EXPECT_EQ(test, mpool_m_collect(mp, MPOOL_GEN_YOUNG), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_YOUNG);
	now = mpool_h_map(mp, h);
	KUNIT_EXPECT_PTR_EQ(test, now, pinned);
	mpool_h_unmap(mp, h);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].pinned_skips, 3);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].moved_objects, 0);

	/* Unpinned, it moves at the next collection, every byte with it. */
	mpool_h_unmap(mp, h);
	KUNIT_EXPECT_EQ(test, mpool_m_collect(mp, MPOOL_GEN_YOUNG), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_OLD);
	now = mpool_h_map(mp, h);
	KUNIT_ASSERT_FALSE(test, IS_ERR(now));
	KUNIT_EXPECT_PTR_NE(test, now, pinned);
	KUNIT_EXPECT_TRUE(test, mpool_test_stamped(now, 512, 3));
	mpool_h_unmap(mp, h);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), 0);
}

static void promoted_after_the_configured_collections(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 3, 0);
	mpool_handle_t h = mpool_test_h_alloc_stamped(test, mp, 300, 11);
	struct mpool_m_stats *st;

	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_YOUNG);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_OLD);
	KUNIT_EXPECT_TRUE(test, mpool_test_h_intact(mp, h, 300, 11));
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].collections, 3);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].promoted_out, 1);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].promoted_in, 1);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, 0);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].live_objects, 1);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].live_bytes, 300);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), 0);
	KUNIT_EXPECT_EQ(test, mpool_m_collect(mp, MPOOL_GEN_PERMANENT), -EINVAL);
}

static void permanent_objects_untouched(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 1, 0);
	mpool_handle_t h = mpool_h_alloc(mp, 128, GFP_KERNEL, MPOOL_H_PERMANENT);
	struct mpool_m_stats *st;
	unsigned int i;
	void *first, *now;

	KUNIT_ASSERT_NE(test, h, 0);
	first = mpool_h_map(mp, h);
	KUNIT_ASSERT_FALSE(test, IS_ERR(first));
	mpool_test_stamp(first, 128, 5);
	mpool_h_unmap(mp, h);
	for (i = 0; i < 4; i++) {
		mpool_m_collect(mp, MPOOL_GEN_YOUNG);
		mpool_m_collect(mp, MPOOL_GEN_OLD);
	}
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_PERMANENT);
	now = mpool_h_map(mp, h);
	KUNIT_EXPECT_PTR_EQ(test, now, first);
	KUNIT_EXPECT_TRUE(test, mpool_test_stamped(now, 128, 5));
	mpool_h_unmap(mp, h);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_PERMANENT].moved_objects, 0);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_PERMANENT].live_objects, 1);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), 0);
}

/*
 * A bulk allocation allocates in order under one lock and stops at the first that
 * fails (a size above max_size here, counted in alloc_fail), leaving the rest of the
 * handles alone; its flags apply to every object.
 */
static void bulk_alloc_stops_at_the_first_failure(struct kunit *test)
{
	static const u32 sizes[] = { 100, 200, 4096, 5000, 300 };
	struct mpool_m_pool *mp = test_pool(test, 2, 0);
	mpool_handle_t h[ARRAY_SIZE(sizes)] = {};
	struct mpool_m_stats *st;
	unsigned int i;
	u8 *obj;

	KUNIT_EXPECT_EQ(test, mpool_h_alloc_bulk(mp, GFP_KERNEL, 0, ARRAY_SIZE(sizes), sizes, h),
			3);
	KUNIT_EXPECT_EQ(test, h[3], 0);
	KUNIT_EXPECT_EQ(test, h[4], 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, 3);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_bytes, 100 + 200 + 4096);
	for (i = 0; i < 3; i++) {
		obj = mpool_h_map(mp, h[i]);
		KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
		memset(obj, i, sizes[i]);
		mpool_h_unmap(mp, h[i]);
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}

	KUNIT_EXPECT_EQ(test, mpool_h_alloc_bulk(mp, GFP_KERNEL, MPOOL_H_PERMANENT, 2, sizes, h),
			2);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h[0]), MPOOL_GEN_PERMANENT);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h[1]), MPOOL_GEN_PERMANENT);
	KUNIT_EXPECT_EQ(test, mpool_h_free_bulk(mp, 2, h), 2);
}

/*
 * A bulk free frees the good handles under one lock and skips 0s; stale, never issued
 * and mapped ones it refuses and counts as mpool_h_free() does.
 */
static void bulk_free_refuses_what_free_refuses(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 2, 0);
	mpool_handle_t h[4], batch[6];
	struct mpool_m_stats *st;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h); i++) {
		h[i] = mpool_h_alloc(mp, 64, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
	}
	KUNIT_ASSERT_EQ(test, mpool_h_free(mp, h[3]), 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mpool_h_map(mp, h[2])));
	batch[0] = h[0];
	batch[1] = 0;
	batch[2] = h[1];
	batch[3] = h[2];			/* mapped */
	batch[4] = h[3];			/* stale */
	batch[5] = 1ULL << 32 | 1000;		/* never issued: its chunk never was */

	KUNIT_EXPECT_EQ(test, mpool_h_free_bulk(mp, ARRAY_SIZE(batch), batch), 2);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->busy_frees, 1);
	KUNIT_EXPECT_EQ(test, st->stale_refusals, 2);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map(mp, h[0])), -ESTALE);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map(mp, h[1])), -ESTALE);
	mpool_h_unmap(mp, h[2]);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[2]), 0);
}

#define MANY		64
#define MANY_SIZE	2000

static void empty_young_segments_freed(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 2, 0);
	struct mpool_m_stats *st;
	mpool_handle_t h[MANY];
	u64 held_before;
	unsigned int i;

	/* One CPU: one chain of young segments (about 16 objects each). */
	mpool_test_pin(test, raw_smp_processor_id());
	for (i = 0; i < MANY; i++) {
		h[i] = mpool_h_alloc(mp, MANY_SIZE, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
	}
	st = mpool_test_m_stats(test, mp);
	held_before = st->gen[MPOOL_GEN_YOUNG].held_bytes;
	KUNIT_EXPECT_GE(test, held_before, (u64)MANY * MANY_SIZE);
	for (i = 0; i < MANY; i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	st = mpool_test_m_stats(test, mp);
	/* Every segment but the one the CPU still carves from went back. */
	KUNIT_EXPECT_GE(test, st->gen[MPOOL_GEN_YOUNG].segments_freed, 3);
	KUNIT_EXPECT_LT(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, held_before);
	KUNIT_EXPECT_LE(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, 32768);
}

#define SEG_OBJS	(32768 / MANY_SIZE)	/* MANY_SIZE objects a young segment holds */
#define SEG_BYTES	32768ULL

/*
 * A closed segment emptied by frees retires at once: MPOOL_M_SPARES per node are kept
 * as spares, the next goes back; the next segments the generation needs are the
 * spares, not new pages. A collection gives back the spares not taken since the one
 * before.
 */
static void emptied_segments_carved_again(struct kunit *test)
{
	unsigned int cap = MPOOL_M_SPARES * num_node_state(N_MEMORY);
	unsigned int i, nr = (cap + 2) * SEG_OBJS;
	struct mpool_m_pool *mp = test_pool(test, 2, 0);
	struct mpool_m_stats *st;
	mpool_handle_t *h;

	h = kunit_kcalloc(test, nr, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	/* One CPU: cap + 1 segments full, the last open, all on the CPU's node. */
	mpool_test_pin(test, raw_smp_processor_id());
	for (i = 0; i < nr; i++) {
		h[i] = mpool_h_alloc(mp, MANY_SIZE, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
	}
	KUNIT_ASSERT_EQ(test, mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_YOUNG].held_bytes,
			(cap + 2) * SEG_BYTES);

	for (i = 0; i < (cap + 1) * SEG_OBJS; i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].segments_freed, 1);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, (cap + 1) * SEG_BYTES);

	/* The open segment's tail is too short: the spares, then one new segment. */
	for (i = 0; i < (cap + 1) * SEG_OBJS; i++) {
		h[i] = mpool_h_alloc(mp, MANY_SIZE, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
	}
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, (cap + 2) * SEG_BYTES);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].segments_freed, 1);

	/* All free: cap of the closed ones kept, one back, the open one stays. */
	for (i = 0; i < nr; i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, (cap + 1) * SEG_BYTES);
	/* Spares were taken since the last collection: this one keeps them... */
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, (cap + 1) * SEG_BYTES);
	/* ...the next gives them back. */
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, SEG_BYTES);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].segments_freed, cap + 2);
}

/*
 * Warming readies young spares the first allocations carve from, and sets a level
 * that collections do not give spares back below. More than the budget, or than the
 * machine's memory, is refused.
 */
static void warm_segments_carved_first(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "managed_warm", .max_size = 4096, .max_handles = 1024,
		.policy = { .promote_after = 2, .no_worker = true },
	};
	struct mpool_m_pool *tight = test_pool_named(test, "managed_tight", 2, SEG_BYTES);
	struct mpool_m_stats *st;
	struct mpool_m_pool *mp;
	mpool_handle_t h[MANY];
	unsigned int i;

	/* One CPU, and the pool on its node: every warmed segment is its to carve. */
	mpool_test_pin(test, raw_smp_processor_id());
	cfg.node = numa_mem_id();
	mp = mpool_test_m_create(test, &cfg);

	KUNIT_EXPECT_EQ(test, mpool_m_warm(tight, 2 * SEG_BYTES), -EINVAL);
	/* No budget, but more than the machine has: refused before any segment. */
	KUNIT_EXPECT_EQ(test, mpool_m_warm(mp, SIZE_MAX), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->warm_bytes, 0);
	KUNIT_EXPECT_EQ(test, mpool_m_warm(mp, 3 * SEG_BYTES - 100), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, 3 * SEG_BYTES);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, 0);

	/* Four segments' worth: the three warmed ones, then one new. */
	for (i = 0; i < MANY; i++) {
		h[i] = mpool_h_alloc(mp, MANY_SIZE, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
	}
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_YOUNG].held_bytes,
			4 * SEG_BYTES);
	for (i = 0; i < MANY; i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	/* Idle collections give spares back down to the warm level, not below. */
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, 3 * SEG_BYTES);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].segments_freed, 1);
}

/*
 * A CPU whose node has no spare left carves the nearest node's spares before it takes
 * new pages: warming spreads the segments over the nodes, and the CPUs that allocate
 * need not be spread as evenly.
 */
static void remote_spares_before_new_pages(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "managed_spread", .max_size = 4096, .max_handles = 1024,
		.node = NUMA_NO_NODE, .policy = { .promote_after = 2, .no_worker = true },
	};
	unsigned int i, nodes = num_node_state(N_MEMORY), nr = 2 * nodes * SEG_OBJS;
	struct mpool_m_pool *mp;
	mpool_handle_t *h;

	if (nodes < 2)
		kunit_skip(test, "one node with memory: no remote spare");
	h = kunit_kcalloc(test, nr, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	mp = mpool_test_m_create(test, &cfg);
	KUNIT_ASSERT_EQ(test, mpool_m_warm(mp, 2 * nodes * SEG_BYTES), 0);
	/* Every warmed segment's worth from one CPU: two of its node's, the rest remote. */
	mpool_test_pin(test, raw_smp_processor_id());
	for (i = 0; i < nr; i++) {
		h[i] = mpool_h_alloc(mp, MANY_SIZE, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
	}
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_YOUNG].held_bytes,
			2 * nodes * SEG_BYTES);
	KUNIT_EXPECT_EQ(test, mpool_h_free_bulk(mp, nr, h), nr);
}

static void compaction_keeps_every_byte(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 1, 0);
	struct mpool_m_stats *st;
	mpool_handle_t h[MANY];
	u64 held_before;
	unsigned int i;

	mpool_test_pin(test, raw_smp_processor_id());
	for (i = 0; i < MANY; i++)
		h[i] = mpool_test_h_alloc_stamped(test, mp, MANY_SIZE, i);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);	/* all promoted, densely */
	st = mpool_test_m_stats(test, mp);
	KUNIT_ASSERT_EQ(test, st->gen[MPOOL_GEN_OLD].live_objects, MANY);
	/* Three of every four die: every old segment is sparse. */
	for (i = 0; i < MANY; i++) {
		if (i % 4)
			KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
	held_before = mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_OLD].held_bytes;
	mpool_m_collect(mp, MPOOL_GEN_OLD);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_GT(test, st->gen[MPOOL_GEN_OLD].moved_objects, 0);
	KUNIT_EXPECT_GT(test, st->gen[MPOOL_GEN_OLD].segments_freed, 0);
	KUNIT_EXPECT_LT(test, st->gen[MPOOL_GEN_OLD].held_bytes, held_before);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].live_objects, MANY / 4);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].live_bytes, MANY / 4 * MANY_SIZE);
	for (i = 0; i < MANY; i += 4) {
		KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_intact(mp, h[i], MANY_SIZE, i),
				      "object %u", i);
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
}

static void budget_and_handles_run_out_cleanly(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "managed_small", .max_size = 4096, .max_handles = 4,
		.node = NUMA_NO_NODE, .policy = { .no_worker = true },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	struct mpool_m_pool *tight = test_pool(test, 1, 32768);
	mpool_handle_t h[5], big[16];
	unsigned int i, got = 0;

	for (i = 0; i < ARRAY_SIZE(h); i++)
		h[i] = mpool_h_alloc(mp, 16, GFP_KERNEL, 0);
	KUNIT_EXPECT_EQ(test, h[4], 0);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[0]), 0);
	h[4] = mpool_h_alloc(mp, 16, GFP_KERNEL, 0);
	KUNIT_EXPECT_NE(test, h[4], 0);

	/* One segment of budget: eight 4 KiB objects, then no more. */
	mpool_test_pin(test, raw_smp_processor_id());
	for (i = 0; i < ARRAY_SIZE(big); i++) {
		big[i] = mpool_h_alloc(tight, 4096, GFP_KERNEL, 0);
		got += !!big[i];
	}
	KUNIT_EXPECT_EQ(test, got, 8);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, tight)->gen[MPOOL_GEN_YOUNG].held_bytes,
			32768);
	/* Promotion needs an old segment the budget does not allow: the objects stay. */
	mpool_m_collect(tight, MPOOL_GEN_YOUNG);
	KUNIT_EXPECT_EQ(test,
			mpool_test_m_stats(test, tight)->gen[MPOOL_GEN_YOUNG].move_failures, 8);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(tight, big[0]), MPOOL_GEN_YOUNG);
	KUNIT_EXPECT_FALSE(test, IS_ERR(mpool_h_map(tight, big[0])));
	mpool_h_unmap(tight, big[0]);
}

static void worker_collects_by_itself(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "managed_worker", .max_size = 64, .max_handles = 16,
		.node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .young_interval_ms = 5, .old_interval_ms = 5 },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	mpool_handle_t h;
	unsigned int waited;

	h = mpool_h_alloc(mp, 64, GFP_KERNEL, 0);
	KUNIT_ASSERT_NE(test, h, 0);
	for (waited = 0; waited < 5000 && mpool_h_generation(mp, h) != MPOOL_GEN_OLD;
	     waited += 20)
		msleep(20);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_OLD);
	KUNIT_EXPECT_GT(test, mpool_test_m_stats(test, mp)->gen[MPOOL_GEN_OLD].collections, 0);
}

static void invalid_config_refused(struct kunit *test)
{
	static const struct {
		const char *name;
		size_t max_size;
		unsigned int max_handles;
		size_t budget;
		unsigned int old_sparse_pct;
		int node;
	} bad[] = {
		{ NULL, 64, 16, 0, 0, NUMA_NO_NODE },
		{ "managed_bad", 0, 16, 0, 0, NUMA_NO_NODE },
		{ "managed_bad", MPOOL_M_MAX_SIZE + 1, 16, 0, 0, NUMA_NO_NODE },
		{ "managed_bad", 64, 0, 0, 0, NUMA_NO_NODE },
		{ "managed_bad", 64, MPOOL_M_MAX_HANDLES + 1, 0, 0, NUMA_NO_NODE },
		{ "managed_bad", 64, 16, 100, 0, NUMA_NO_NODE },
		{ "managed_bad", 64, 16, 0, 101, NUMA_NO_NODE },
		{ "managed_bad", 64, 16, 0, 0, 999 },
	};
	struct mpool_m_config cfg;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		cfg = (struct mpool_m_config){
			.name = bad[i].name, .max_size = bad[i].max_size,
			.max_handles = bad[i].max_handles, .budget = bad[i].budget,
			.policy = { .old_sparse_pct = bad[i].old_sparse_pct },
			.node = bad[i].node,
		};
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR_OR_ZERO(mpool_m_create(&cfg)), -EINVAL,
				    "config %u", i);
	}
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(mpool_m_create(NULL)), -EINVAL);
}

/* The name is the pool's name in the registry: checked as every pool's, and unique. */
static void names_follow_the_registry_rules(struct kunit *test)
{
	static const char *const bad[] = {
		"", "has space", "slash/", "x1234567890123456789012345678901",
	};
	struct mpool_config ocfg = { .name = "managed_name", .size = 64, .node = NUMA_NO_NODE };
	struct mpool_m_config cfg = {
		.max_size = 64, .max_handles = 16, .node = NUMA_NO_NODE,
		.policy = { .no_worker = true },
	};
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		cfg.name = bad[i];
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR_OR_ZERO(mpool_m_create(&cfg)), -EINVAL,
				    "name \"%s\"", bad[i]);
	}
	test_pool_named(test, "managed_name", 1, 0);
	cfg.name = "managed_name";
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(mpool_m_create(&cfg)), -EEXIST);
	/* Object pools and managed pools share one namespace. */
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(mpool_create(&ocfg)), -EEXIST);
}

/* A new policy applies from the next collection; a bad one changes nothing. */
static void policy_change_takes_effect(struct kunit *test)
{
	struct mpool_m_pool *mp = test_pool(test, 3, 0);
	struct mpool_m_policy bad_promote = { .promote_after = 256 };
	struct mpool_m_policy bad_sparse = { .old_sparse_pct = 101 };
	struct mpool_m_policy once = { .promote_after = 1 };
	mpool_handle_t h = mpool_test_h_alloc_stamped(test, mp, 100, 7);

	KUNIT_EXPECT_EQ(test, mpool_m_collect(mp, MPOOL_GEN_YOUNG), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_YOUNG);
	KUNIT_EXPECT_EQ(test, mpool_m_set_policy(mp, &once), 0);
	KUNIT_EXPECT_EQ(test, mpool_m_set_policy(mp, &bad_promote), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_m_set_policy(mp, &bad_sparse), -EINVAL);
	/* Survived 2 now: promoted under promote_after 1, not under 3. */
	KUNIT_EXPECT_EQ(test, mpool_m_collect(mp, MPOOL_GEN_YOUNG), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h), MPOOL_GEN_OLD);
	KUNIT_EXPECT_TRUE(test, mpool_test_h_intact(mp, h, 100, 7));
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h), 0);
}

#define TABLE_CHUNKS	4
#define TABLE_TAIL	3	/* entries of the last chunk, a partial one */
#define TABLE_HANDLES	(TABLE_CHUNKS * MPOOL_M_CHUNK_ENTRIES + TABLE_TAIL)

/* What the table of a TABLE_HANDLES pool holds with its first @chunks chunks. */
static u64 table_bytes(unsigned int chunks)
{
	u64 bytes = (TABLE_CHUNKS + 1) * sizeof(void *);

	if (chunks > TABLE_CHUNKS)
		return bytes + (TABLE_CHUNKS * MPOOL_M_CHUNK_ENTRIES + TABLE_TAIL) *
		       sizeof(struct mpool_m_entry);
	return bytes + chunks * MPOOL_M_CHUNK_ENTRIES * sizeof(struct mpool_m_entry);
}

/*
 * The handle table takes a chunk (a page of entries) only when a handle of its range
 * is first issued, sleeping allocations or not; freed entries are used again before
 * a new chunk is taken; a handle of a chunk never allocated was never issued
 * (-EINVAL, counted); max_handles still caps, the last chunk holding just the rest.
 */
static void handle_table_grows_with_use(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "managed_table", .max_size = 64, .max_handles = TABLE_HANDLES,
		.node = NUMA_NO_NODE, .policy = { .no_worker = true },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	mpool_handle_t *h, unissued;
	struct mpool_m_stats *st;
	unsigned int i;

	h = kunit_kcalloc(test, TABLE_HANDLES, sizeof(*h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->table_bytes, table_bytes(0));

	/* A whole first chunk, then one handle of the second, which does not sleep. */
	for (i = 0; i < MPOOL_M_CHUNK_ENTRIES; i++) {
		h[i] = mpool_h_alloc(mp, 8, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE(test, h[i], 0);
		KUNIT_EXPECT_EQ(test, lower_32_bits(h[i]), i + 1);
	}
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->table_bytes, table_bytes(1));
	h[i] = mpool_h_alloc(mp, 8, GFP_ATOMIC, 0);
	KUNIT_ASSERT_NE(test, h[i], 0);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->table_bytes, table_bytes(2));
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h[i]), MPOOL_GEN_YOUNG);

	/* A freed entry serves the next handle: no new chunk. */
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[3]), 0);
	h[3] = mpool_h_alloc(mp, 8, GFP_KERNEL, 0);
	KUNIT_EXPECT_EQ(test, lower_32_bits(h[3]), 4);
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->table_bytes, table_bytes(2));

	/* Within max_handles, in the third chunk, which does not exist: never issued. */
	unissued = 1ULL << 32 | (2 * MPOOL_M_CHUNK_ENTRIES + 1);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map_nowait(mp, unissued)), -EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_h_map(mp, unissued)), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, unissued), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, unissued), -EINVAL);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->stale_refusals, 3);
	KUNIT_EXPECT_EQ(test, st->table_bytes, table_bytes(2));

	/* Every handle: every chunk, the last one partial; then no more. */
	for (i = MPOOL_M_CHUNK_ENTRIES + 1; i < TABLE_HANDLES; i++) {
		h[i] = mpool_h_alloc(mp, 8, GFP_KERNEL, 0);
		KUNIT_ASSERT_NE_MSG(test, h[i], 0, "handle %u", i);
	}
	KUNIT_EXPECT_EQ(test, lower_32_bits(h[TABLE_HANDLES - 1]), TABLE_HANDLES);
	KUNIT_EXPECT_EQ(test, mpool_h_alloc(mp, 8, GFP_KERNEL, 0), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, st->table_bytes, table_bytes(TABLE_CHUNKS + 1));
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, TABLE_HANDLES);

	/* Each handle reaches its own object, the first and last of every chunk too. */
	for (i = 0; i < TABLE_HANDLES; i++) {
		u64 *obj = mpool_h_map_nowait(mp, h[i]);

		KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(obj), "handle %u", i);
		*obj = h[i];
		mpool_h_unmap(mp, h[i]);
	}
	for (i = 0; i < TABLE_HANDLES; i++) {
		u64 *obj = mpool_h_map_nowait(mp, h[i]);

		KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
		KUNIT_EXPECT_EQ_MSG(test, *obj, h[i], "handle %u", i);
		mpool_h_unmap(mp, h[i]);
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
	/* Chunks stay until the pool goes (kmemleak sees them freed then). */
	KUNIT_EXPECT_EQ(test, mpool_test_m_stats(test, mp)->table_bytes,
			table_bytes(TABLE_CHUNKS + 1));
}

/*
 * Destroyed with objects live, one mapped, in two chunks of the handle table:
 * reported, and nothing leaks.
 */
static void destroy_with_live_handles(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "managed_leaky", .max_size = 256, .max_handles = 2 * MPOOL_M_CHUNK_ENTRIES,
		.node = NUMA_NO_NODE, .policy = { .no_worker = true },
	};
	struct mpool_m_pool *mp = mpool_m_create(&cfg);
	mpool_handle_t h;
	unsigned int i;

	KUNIT_ASSERT_FALSE(test, IS_ERR(mp));
	for (i = 0; i < MPOOL_M_CHUNK_ENTRIES + 10; i++) {
		h = mpool_h_alloc(mp, 200, GFP_KERNEL, i % 3 ? 0 : MPOOL_H_PERMANENT);
		KUNIT_EXPECT_NE(test, h, 0);
	}
	KUNIT_EXPECT_FALSE(test, IS_ERR(mpool_h_map(mp, h)));
	mpool_m_destroy(mp);	/* reports a chunk and 10 handles in use, 1 mapped */
	mpool_m_destroy(NULL);
	mpool_m_destroy(ERR_PTR(-EINVAL));
}

static struct kunit_case mpool_managed_cases[] = {
	KUNIT_CASE(handles_round_trip),
	KUNIT_CASE(stale_and_forged_handles_refused),
	KUNIT_CASE(maps_nest_and_a_mapped_object_is_not_freed),
	KUNIT_CASE(pinned_object_never_moved),
	KUNIT_CASE(promoted_after_the_configured_collections),
	KUNIT_CASE(permanent_objects_untouched),
	KUNIT_CASE(bulk_alloc_stops_at_the_first_failure),
	KUNIT_CASE(bulk_free_refuses_what_free_refuses),
	KUNIT_CASE(empty_young_segments_freed),
	KUNIT_CASE(emptied_segments_carved_again),
	KUNIT_CASE(warm_segments_carved_first),
	KUNIT_CASE(remote_spares_before_new_pages),
	KUNIT_CASE(compaction_keeps_every_byte),
	KUNIT_CASE(budget_and_handles_run_out_cleanly),
	KUNIT_CASE(worker_collects_by_itself),
	KUNIT_CASE(invalid_config_refused),
	KUNIT_CASE(names_follow_the_registry_rules),
	KUNIT_CASE(policy_change_takes_effect),
	KUNIT_CASE(handle_table_grows_with_use),
	KUNIT_CASE(destroy_with_live_handles),
	{}
};

static struct kunit_suite mpool_managed_suite = {
	.name = "mpool_managed",
	.test_cases = mpool_managed_cases,
};

kunit_test_suites(&mpool_managed_suite);
