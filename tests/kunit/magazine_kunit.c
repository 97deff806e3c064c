// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_magazine: the per-CPU fast path does what Bonwick's design says, counted
 * exactly: pops and pushes on the loaded magazine, a swap with previous when it runs
 * dry or full, whole-magazine exchanges with the depot only when both are, and slab
 * refills only when the depot is dry too. Plus bulk calls and run-time resizing.
 */

#include <kunit/test.h>
#include <linux/slab.h>

#include "pool.h"
#include "pool_test.h"

#define MAG	8	/* magazine size of the scripted pool */

struct path_counts {
	u64 alloc_magazine, alloc_depot, alloc_slab, alloc_page;
	u64 free_magazine, free_depot, free_slab;
};

static void expect_paths(struct kunit *test, struct mpool *pool, const char *step,
			 struct path_counts want)
{
	struct mpool_stats st;

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ_MSG(test, st.alloc_magazine, want.alloc_magazine, "%s", step);
	KUNIT_EXPECT_EQ_MSG(test, st.alloc_depot, want.alloc_depot, "%s", step);
	KUNIT_EXPECT_EQ_MSG(test, st.alloc_slab, want.alloc_slab, "%s", step);
	KUNIT_EXPECT_EQ_MSG(test, st.alloc_page, want.alloc_page, "%s", step);
	KUNIT_EXPECT_EQ_MSG(test, st.free_magazine, want.free_magazine, "%s", step);
	KUNIT_EXPECT_EQ_MSG(test, st.free_depot, want.free_depot, "%s", step);
	KUNIT_EXPECT_EQ_MSG(test, st.free_slab, want.free_slab, "%s", step);
	KUNIT_EXPECT_EQ_MSG(test, st.alloc_remote + st.alloc_reserve + st.free_remote +
			    st.free_reserve, 0, "%s", step);
}

static void alloc_n(struct kunit *test, struct mpool *pool, void **objs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
}

static void free_n(struct mpool *pool, void **objs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		mpool_free(pool, objs[i]);
}

/* One CPU, magazines of 8, 64 objects per slab: every path, counted exactly. */
static void paths_follow_bonwick(struct kunit *test)
{
	struct mpool_config cfg = { .name = "paths", .size = 64, .magazine_size = MAG,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	void *objs[2 * MAG + 2];

	mpool_test_pin(test, raw_smp_processor_id());

	/* First object: no slab yet. Then a magazine filled from that slab. */
	alloc_n(test, pool, objs, 1);
	expect_paths(test, pool, "first", (struct path_counts){ .alloc_page = 1 });
	alloc_n(test, pool, objs + 1, MAG);
	expect_paths(test, pool, "refill", (struct path_counts){
		.alloc_page = 1, .alloc_slab = 1, .alloc_magazine = MAG - 1 });

	/* Eight frees fill loaded; the ninth moves it to previous and takes an empty. */
	free_n(pool, objs, MAG + 1);
	expect_paths(test, pool, "frees", (struct path_counts){
		.alloc_page = 1, .alloc_slab = 1, .alloc_magazine = MAG - 1,
		.free_magazine = MAG, .free_depot = 1 });

	/* Loaded (1) then a swap with previous (8): nine pops, then a slab refill. */
	alloc_n(test, pool, objs, MAG + 2);
	expect_paths(test, pool, "swap", (struct path_counts){
		.alloc_page = 1, .alloc_slab = 2, .alloc_magazine = 2 * MAG,
		.free_magazine = MAG, .free_depot = 1 });

	/* Ten frees: both magazines fill, the tenth sends previous to the depot. */
	free_n(pool, objs, MAG + 2);
	expect_paths(test, pool, "to depot", (struct path_counts){
		.alloc_page = 1, .alloc_slab = 2, .alloc_magazine = 2 * MAG,
		.free_magazine = 2 * MAG + 1, .free_depot = 2 });

	/* Loaded (1), previous (8), the depot's full magazine (8), then a refill. */
	alloc_n(test, pool, objs, 2 * MAG + 2);
	expect_paths(test, pool, "from depot", (struct path_counts){
		.alloc_page = 1, .alloc_slab = 3, .alloc_depot = 1,
		.alloc_magazine = 2 * MAG + 1 + MAG + MAG - 1,
		.free_magazine = 2 * MAG + 1, .free_depot = 2 });
	free_n(pool, objs, 2 * MAG + 2);
	mpool_test_expect_live(test, pool, 0);
}

static void bulk_of_zero_does_nothing(struct kunit *test)
{
	struct mpool_config cfg = { .name = "bulk0", .size = 32, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *obj = NULL;

	KUNIT_EXPECT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, 0, &obj), 0);
	KUNIT_EXPECT_NULL(test, obj);
	mpool_free_bulk(pool, 0, &obj);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st) + mpool_stats_frees(&st), 0);
	KUNIT_EXPECT_EQ(test, st.objects, 0);
}

static void bulk_larger_than_a_magazine(struct kunit *test)
{
	struct mpool_config cfg = { .name = "bulk", .size = 48, .magazine_size = MAG,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	unsigned int n = 5 * MAG + 3, i, j;
	struct mpool_stats st;
	void **objs;

	objs = kunit_kcalloc(test, n + 1, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	KUNIT_ASSERT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, n, objs), n);
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		memset(objs[i], 0x11, 48);
		for (j = 0; j < i; j++)
			KUNIT_ASSERT_PTR_NE(test, objs[i], objs[j]);
	}
	mpool_test_expect_live(test, pool, n);
	/* Again, with the caches now warm, and back through the bulk free. */
	mpool_free_bulk(pool, n, objs);
	mpool_test_expect_live(test, pool, 0);
	KUNIT_ASSERT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, n, objs), n);
	mpool_free_bulk(pool, n, objs);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), 2 * n);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), 2 * n);
	KUNIT_EXPECT_EQ(test, st.live, 0);
}

static void free_bulk_skips_null(struct kunit *test)
{
	struct mpool_config cfg = { .name = "bulknull", .size = 16, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	void *objs[5] = { };

	objs[1] = mpool_alloc(pool, GFP_KERNEL);
	objs[3] = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs[1]);
	KUNIT_ASSERT_NOT_NULL(test, objs[3]);
	mpool_free(pool, NULL);
	mpool_free_bulk(pool, ARRAY_SIZE(objs), objs);
	mpool_test_expect_live(test, pool, 0);
}

static void magazine_resize_applies_at_once(struct kunit *test)
{
	struct mpool_config cfg = { .name = "resize", .size = 128, .magazine_size = MAG,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *objs[3 * MAG];
	u64 refills;

	alloc_n(test, pool, objs, ARRAY_SIZE(objs));
	free_n(pool, objs, ARRAY_SIZE(objs));
	KUNIT_EXPECT_EQ(test, mpool_set_magazine_size(pool, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_set_magazine_size(pool, MPOOL_MAX_MAGAZINE + 1), -EINVAL);
	KUNIT_ASSERT_EQ(test, mpool_set_magazine_size(pool, 2), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.magazine_size, 2);

	/*
	 * Every cache went back to the slabs: refills now bring 2 objects, not 8. (A
	 * refill counts as alloc_page if reclaim released the then free slab meanwhile.)
	 */
	mpool_test_pin(test, raw_smp_processor_id());
	refills = st.alloc_slab + st.alloc_page;
	alloc_n(test, pool, objs, 3);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_slab + st.alloc_page, refills + 2);
	free_n(pool, objs, 3);
	mpool_test_expect_live(test, pool, 0);
}

/*
 * A default magazine uses most of the kmalloc() bucket it is granted: less than a
 * quarter of it unused (64 objects took 536 bytes of 1024), and bigger objects get no
 * bigger magazines.
 */
static void default_magazine_uses_its_bucket(struct kunit *test)
{
	static const size_t sizes[] = { 8, 48, 256, 257, 1024, 4096, 32768, 65536 };
	unsigned int i, prev = UINT_MAX;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		struct mpool_config cfg = { .size = sizes[i], .node = NUMA_NO_NODE };
		struct mpool_magazine *mag;
		struct mpool_stats st;
		char name[16];
		size_t bytes;

		snprintf(name, sizeof(name), "fill%zu", sizes[i]);
		cfg.name = name;

		mpool_get_stats(mpool_test_create(test, &cfg), &st);
		bytes = struct_size(mag, objs, st.magazine_size);
		KUNIT_EXPECT_GE_MSG(test, st.magazine_size, 4, "size %zu", sizes[i]);
		KUNIT_EXPECT_LE_MSG(test, st.magazine_size, prev, "size %zu", sizes[i]);
		KUNIT_EXPECT_LT_MSG(test, 4 * (kmalloc_size_roundup(bytes) - bytes),
				    kmalloc_size_roundup(bytes),
				    "size %zu: %u objects, %zu bytes", sizes[i],
				    (unsigned int)st.magazine_size, bytes);
		prev = st.magazine_size;
	}
}

static struct kunit_case mpool_magazine_cases[] = {
	KUNIT_CASE(paths_follow_bonwick),
	KUNIT_CASE(bulk_of_zero_does_nothing),
	KUNIT_CASE(bulk_larger_than_a_magazine),
	KUNIT_CASE(free_bulk_skips_null),
	KUNIT_CASE(magazine_resize_applies_at_once),
	KUNIT_CASE(default_magazine_uses_its_bucket),
	{}
};

static struct kunit_suite mpool_magazine_suite = {
	.name = "mpool_magazine",
	.test_cases = mpool_magazine_cases,
};

kunit_test_suites(&mpool_magazine_suite);
