// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_poison: the debugging aids. MPOOL_F_POISON catches a write after free, a
 * double free and foreign pointers, counts them, and never hands an object out twice;
 * it can be switched on and off on a live pool. MPOOL_F_TRACK feeds the lifetime
 * histogram, and a pool destroyed with objects in use keeps their memory.
 *
 * Errors are counted through the "mpool_errors" test resource, so nothing here
 * prints a splat under panic_on_warn.
 */

#include <kunit/test.h>
#include <linux/delay.h>
#include <linux/slab.h>

#include "pool_test.h"

static void write_after_free_caught(struct kunit *test)
{
	struct mpool_config cfg = { .name = "waf", .size = 96, .flags = MPOOL_F_POISON,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int *errors = mpool_test_count_errors(test);
	struct mpool_stats st;
	u8 *obj;

	mpool_test_pin(test, raw_smp_processor_id());
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	mpool_free(pool, obj);
	obj[50] = 0;		/* the bug under test: a write to a freed object */
	KUNIT_ASSERT_PTR_EQ(test, (u8 *)mpool_alloc(pool, GFP_KERNEL), obj);
	KUNIT_EXPECT_EQ(test, *errors, 1);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.poison_errors, 1);
	/* A clean reuse is not reported. */
	mpool_free(pool, obj);
	KUNIT_ASSERT_PTR_EQ(test, (u8 *)mpool_alloc(pool, GFP_KERNEL), obj);
	KUNIT_EXPECT_EQ(test, *errors, 1);
	mpool_free(pool, obj);
}

static void double_free_caught_and_object_given_once(struct kunit *test)
{
	struct mpool_config cfg = { .name = "dfree", .size = 40, .flags = MPOOL_F_POISON,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int *errors = mpool_test_count_errors(test);
	struct mpool_stats st;
	void *a, *x, *y;

	mpool_test_pin(test, raw_smp_processor_id());
	a = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	mpool_free(pool, a);
	mpool_free(pool, a);
	KUNIT_EXPECT_EQ(test, *errors, 1);
	x = mpool_alloc(pool, GFP_KERNEL);
	y = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, x);
	KUNIT_ASSERT_NOT_NULL(test, y);
	KUNIT_EXPECT_PTR_NE(test, x, y);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.double_frees, 1);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), 1);
	mpool_free(pool, x);
	mpool_free(pool, y);
	mpool_test_expect_live(test, pool, 0);
}

static void foreign_pointers_rejected(struct kunit *test)
{
	struct mpool_config cfg = { .name = "mine", .size = 64, .flags = MPOOL_F_POISON,
				    .node = NUMA_NO_NODE };
	struct mpool_config other_cfg = { .name = "theirs", .size = 64,
					  .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool *other = mpool_test_create(test, &other_cfg);
	int *errors = mpool_test_count_errors(test);
	struct mpool_stats st;
	void *heap, *theirs;
	u8 *mine;

	heap = kunit_kmalloc(test, 64, GFP_KERNEL);
	theirs = mpool_alloc(other, GFP_KERNEL);
	mine = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, heap);
	KUNIT_ASSERT_NOT_NULL(test, theirs);
	KUNIT_ASSERT_NOT_NULL(test, mine);

	mpool_free(pool, heap);
	mpool_free(pool, theirs);
	mpool_free(pool, mine + 8);
	KUNIT_EXPECT_EQ(test, *errors, 3);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.invalid_frees, 3);
	KUNIT_EXPECT_EQ(test, st.live, 1);
	/* Nothing was taken from their owners. */
	memset(theirs, 1, 64);
	mpool_free(other, theirs);
	mpool_free(pool, mine);
	mpool_test_expect_live(test, pool, 0);
}

static void poison_switches_at_run_time(struct kunit *test)
{
	struct mpool_config cfg = { .name = "switch", .size = 64, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int *errors = mpool_test_count_errors(test);
	struct mpool_stats st;
	u8 *obj;

	mpool_test_pin(test, raw_smp_processor_id());
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	mpool_free(pool, obj);
	KUNIT_ASSERT_EQ(test, mpool_set_flags(pool, MPOOL_F_POISON), 0);
	/* Cached before the switch, so never poisoned: not checked, not reported. */
	KUNIT_ASSERT_PTR_EQ(test, (u8 *)mpool_alloc(pool, GFP_KERNEL), obj);
	KUNIT_EXPECT_EQ(test, *errors, 0);
	mpool_free(pool, obj);
	obj[3] = 1;
	KUNIT_ASSERT_PTR_EQ(test, (u8 *)mpool_alloc(pool, GFP_KERNEL), obj);
	KUNIT_EXPECT_EQ(test, *errors, 1);

	KUNIT_ASSERT_EQ(test, mpool_set_flags(pool, 0), 0);
	mpool_free(pool, obj);
	obj[3] = 2;
	KUNIT_ASSERT_PTR_EQ(test, (u8 *)mpool_alloc(pool, GFP_KERNEL), obj);
	KUNIT_EXPECT_EQ(test, *errors, 1);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.flags, 0);
	KUNIT_EXPECT_EQ(test, st.poison_errors, 1);
	mpool_free(pool, obj);

	/* Only poisoning may change at run time. */
	KUNIT_EXPECT_EQ(test, mpool_set_flags(pool, MPOOL_F_TRACK), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_set_flags(pool, BIT(20)), -EINVAL);
}

static int ctor_noop(void *obj, void *priv, gfp_t gfp)
{
	return 0;
}

static void poison_refused_with_ctor(struct kunit *test)
{
	struct mpool_config cfg = { .name = "ctorpoison", .size = 64, .ctor = ctor_noop,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);

	KUNIT_EXPECT_EQ(test, mpool_set_flags(pool, MPOOL_F_POISON), -EINVAL);
}

static void lifetimes_land_in_histogram(struct kunit *test)
{
	struct mpool_config cfg = { .name = "life", .size = 64, .flags = MPOOL_F_TRACK,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	u64 slow = 0, total = 0;
	unsigned int i;
	void *obj;

	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	msleep(20);		/* at least 20000 us: bucket ilog2(20000) = 14 or above */
	mpool_free(pool, obj);
	mpool_get_stats(pool, &st);
	for (i = 0; i < MPOOL_HIST_BUCKETS; i++) {
		total += st.lifetime_hist[i];
		if (i >= 14)
			slow += st.lifetime_hist[i];
	}
	KUNIT_EXPECT_EQ(test, total, 1);
	KUNIT_EXPECT_EQ(test, slow, 1);
}

static void destroy_with_objects_in_use_keeps_them(struct kunit *test)
{
	struct mpool_config cfg = { .name = "leaky", .size = 128, .flags = MPOOL_F_TRACK,
				    .node = NUMA_NO_NODE };
	struct mpool *pool, *again;
	u8 *kept[2];
	void *freed;

	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	kept[0] = mpool_alloc(pool, GFP_KERNEL);
	kept[1] = mpool_alloc(pool, GFP_KERNEL);
	freed = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, kept[0]);
	KUNIT_ASSERT_NOT_NULL(test, kept[1]);
	KUNIT_ASSERT_NOT_NULL(test, freed);
	mpool_free(pool, freed);
	mpool_destroy(pool);	/* reports two objects in use, with their call site */

	/* Their memory stays: KASAN would catch a write to pages given back. */
	memset(kept[0], 0xee, 128);
	memset(kept[1], 0xee, 128);
	/* And the name is free again. */
	again = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(again));
	mpool_destroy(again);
}

static struct kunit_case mpool_poison_cases[] = {
	KUNIT_CASE(write_after_free_caught),
	KUNIT_CASE(double_free_caught_and_object_given_once),
	KUNIT_CASE(foreign_pointers_rejected),
	KUNIT_CASE(poison_switches_at_run_time),
	KUNIT_CASE(poison_refused_with_ctor),
	KUNIT_CASE(lifetimes_land_in_histogram),
	KUNIT_CASE(destroy_with_objects_in_use_keeps_them),
	{}
};

static struct kunit_suite mpool_poison_suite = {
	.name = "mpool_poison",
	.test_cases = mpool_poison_cases,
};

kunit_test_suites(&mpool_poison_suite);
