// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_capacity: how much memory a pool holds. Warming ahead of demand, shrinking
 * back, trimming, the shrinker, the reserve and the cap, each proven with the pool's own
 * counters (slabs grown, pages held) rather than timing.
 */

#include <kunit/test.h>
#include <linux/shrinker.h>
#include <linux/slab.h>

#include "pool.h"
#include "pool_test.h"

/* Snapshots live on the heap: a KASAN stack frame holds two of them badly. */
static struct mpool_stats *snapshot(struct kunit *test, struct mpool *pool)
{
	struct mpool_stats *st = kunit_kmalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	mpool_get_stats(pool, st);
	return st;
}

static void **alloc_many(struct kunit *test, struct mpool *pool, unsigned int n)
{
	void **objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < n; i++) {
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	return objs;
}

static void free_many(struct mpool *pool, void **objs, unsigned int n)
{
	unsigned int i;

	for (i = 0; i < n; i++)
		mpool_free(pool, objs[i]);
}

static void warm_then_alloc_needs_no_pages(struct kunit *test)
{
	struct mpool_config cfg = { .name = "warm", .size = 256, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats *before, *after;
	int cpu = raw_smp_processor_id();
	void **objs;

	mpool_test_pin(test, cpu);
	KUNIT_ASSERT_EQ(test, mpool_warm(pool, 200, cpu_to_mem(cpu)), 0);
	before = snapshot(test, pool);
	KUNIT_EXPECT_GE(test, before->cached, 200);
	KUNIT_EXPECT_GT(test, before->slabs_grown, 0);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(before), 0);

	objs = alloc_many(test, pool, 200);
	after = snapshot(test, pool);
	KUNIT_EXPECT_EQ(test, after->slabs_grown, before->slabs_grown);
	KUNIT_EXPECT_EQ(test, after->alloc_page, 0);
	KUNIT_EXPECT_EQ(test, after->pages, before->pages);
	free_many(pool, objs, 200);
}

static void warm_every_node(struct kunit *test)
{
	struct mpool_config cfg = { .name = "warmall", .size = 1024, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int nid;

	KUNIT_ASSERT_EQ(test, mpool_warm(pool, 50, NUMA_NO_NODE), 0);
	for_each_node_state(nid, N_MEMORY)
		KUNIT_EXPECT_GE(test, pool->nodes[nid]->slab_free, 50);
	/* Already warm: nothing more to do. */
	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 50, NUMA_NO_NODE), 0);
	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 1, MAX_NUMNODES), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 1, -2), -EINVAL);
}

static void warm_beyond_max_changes_nothing(struct kunit *test)
{
	struct mpool_config cfg = { .name = "warmcap", .size = 64, .max_objects = 100,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;

	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 101, numa_mem_id()), -ENOSPC);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.slabs, 0);
	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 100, numa_mem_id()), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.objects, 100);
}

static void shrink_gives_pages_back(struct kunit *test)
{
	struct mpool_config cfg = { .name = "shrink", .size = 512, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats *before, *after;
	void **objs = alloc_many(test, pool, 300);
	long released;

	free_many(pool, objs, 300);
	mpool_test_trim_now(pool);
	before = snapshot(test, pool);
	KUNIT_EXPECT_GT(test, before->pages, 0);
	released = mpool_shrink(pool);
	after = snapshot(test, pool);
	KUNIT_EXPECT_EQ(test, after->pages, 0);
	KUNIT_EXPECT_EQ(test, after->objects, 0);
	KUNIT_EXPECT_EQ(test, released, (long)(before->pages * PAGE_SIZE));
	KUNIT_EXPECT_EQ(test, after->slabs_released - before->slabs_released, before->slabs);
	KUNIT_EXPECT_EQ(test, mpool_shrink(pool), 0);
	/* And the pool still works. */
	free_many(pool, alloc_many(test, pool, 10), 10);
	mpool_test_expect_live(test, pool, 0);
}

static void shrink_keeps_objects_in_use_and_reserve(struct kunit *test)
{
	struct mpool_config cfg = { .name = "shrinkres", .size = 128, .min_objects = 20,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void **objs = alloc_many(test, pool, 200);
	unsigned int i;

	free_many(pool, objs + 10, 190);
	mpool_shrink(pool);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.reserve, 20);
	KUNIT_EXPECT_EQ(test, st.live, 10);
	KUNIT_EXPECT_GE(test, st.objects, 30);
	for (i = 0; i < 10; i++)
		memset(objs[i], 0x3c, 128);	/* still ours: KASAN would object otherwise */
	free_many(pool, objs, 10);
	mpool_test_expect_live(test, pool, 0);
}

static void shrinker_releases_node_memory(struct kunit *test)
{
	struct mpool_config cfg = { .name = "shrinker", .size = 256, .magazine_size = 8,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int cpu = raw_smp_processor_id();
	struct shrink_control sc = { .gfp_mask = GFP_KERNEL };
	struct mpool_stats *before, *after;
	unsigned long count, freed;
	void **objs;

	mpool_test_pin(test, cpu);
	sc.nid = cpu_to_mem(cpu);
	objs = alloc_many(test, pool, 400);
	free_many(pool, objs, 400);
	mpool_test_trim_now(pool);
	/* Trimming drained this idle CPU: give it objects again (two magazines' worth). */
	free_many(pool, alloc_many(test, pool, 16), 16);
	before = snapshot(test, pool);

	count = pool->shrinker->count_objects(pool->shrinker, &sc);
	KUNIT_ASSERT_NE(test, count, SHRINK_EMPTY);
	KUNIT_EXPECT_GT(test, count, 0);
	sc.nr_to_scan = count;
	freed = pool->shrinker->scan_objects(pool->shrinker, &sc);
	KUNIT_EXPECT_NE(test, freed, SHRINK_STOP);
	KUNIT_EXPECT_GT(test, freed, 0);

	after = snapshot(test, pool);
	KUNIT_EXPECT_LT(test, after->pages, before->pages);
	KUNIT_EXPECT_EQ(test, after->shrinker_scans, 1);
	KUNIT_EXPECT_EQ(test, after->shrinker_freed, freed);
	KUNIT_EXPECT_EQ(test, before->objects - after->objects, freed);
	/* The shrinker leaves per-CPU magazines alone: this CPU still has cached objects. */
	KUNIT_EXPECT_GT(test, after->cached, 0);

	/* The other node has nothing of this pool. */
	if (node_state(1, N_MEMORY) && sc.nid == 0) {
		sc.nid = 1;
		KUNIT_EXPECT_EQ(test, pool->shrinker->count_objects(pool->shrinker, &sc),
				SHRINK_EMPTY);
	}
	mpool_test_expect_live(test, pool, 0);
}

/* Free slabs of @pool on every node. */
static unsigned long free_slabs(struct mpool *pool)
{
	unsigned long sum = 0;
	int nid;

	for_each_node(nid)
		sum += READ_ONCE(pool->nodes[nid]->nr_free_slabs);
	return sum;
}

/* What a peak of demand grew a pool by goes back once its slabs are free again. */
static void trim_gives_back_a_peak(struct kunit *test)
{
	struct mpool_config cfg = { .name = "trim", .size = 256, .magazine_size = 8,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats *peak, *after;
	void **objs;
	int nid;

	mpool_test_pin(test, raw_smp_processor_id());
	objs = alloc_many(test, pool, 1000);
	peak = snapshot(test, pool);
	free_many(pool, objs, 1000);
	mpool_test_trim_now(pool);
	after = snapshot(test, pool);
	KUNIT_EXPECT_GT(test, after->slabs_released, 0);
	KUNIT_EXPECT_LT(test, after->pages, peak->pages);
	/* What stays: the caches above the slabs and a couple of free slabs a node. */
	for_each_node(nid)
		KUNIT_EXPECT_LE(test, pool->nodes[nid]->nr_free_slabs, MPOOL_TRIM_KEEP_SLABS);
	/* And the pool still works. */
	free_many(pool, alloc_many(test, pool, 1000), 1000);
	mpool_test_expect_live(test, pool, 0);
}

/* A depot's magazines that no CPU takes for a trim period go back to the slabs. */
static void idle_depot_reaped(struct kunit *test)
{
	struct mpool_config cfg = { .name = "reap", .size = 64, .magazine_size = 8,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int cpu = raw_smp_processor_id();
	struct mpool_node *n = pool->nodes[cpu_to_mem(cpu)];
	unsigned int full;
	unsigned long in_slabs;
	void **objs;

	mpool_test_pin(test, cpu);
	/* Frees beyond the CPU's two magazines fill the depot, which queues the work. */
	objs = alloc_many(test, pool, 64);
	free_many(pool, objs, 64);
	KUNIT_ASSERT_GT(test, READ_ONCE(n->nr_full), 0);
	KUNIT_EXPECT_TRUE(test, delayed_work_pending(&pool->trim_work));
	in_slabs = READ_ONCE(n->slab_free);

	/* The first pass starts the interval: nothing was watched yet. */
	flush_delayed_work(&pool->trim_work);
	full = READ_ONCE(n->nr_full);
	KUNIT_EXPECT_GT(test, full, 0);
	/* One magazine taken and one given back meanwhile: the second stays, untouched ones go. */
	free_many(pool, alloc_many(test, pool, 24), 24);
	flush_delayed_work(&pool->trim_work);
	KUNIT_EXPECT_GT(test, READ_ONCE(n->nr_full), 0);
	KUNIT_EXPECT_LT(test, READ_ONCE(n->nr_full), full);
	/* Left alone, the rest goes on the next pass, and the work stops. */
	mpool_test_trim_now(pool);
	KUNIT_EXPECT_EQ(test, READ_ONCE(n->nr_full), 0);
	KUNIT_EXPECT_EQ(test, READ_ONCE(n->depot_objects), 0);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&pool->trim_work));
	/* The objects went to the slabs (and the free slabs beyond two to the system). */
	KUNIT_EXPECT_TRUE(test, READ_ONCE(n->slab_free) > in_slabs ||
			  snapshot(test, pool)->slabs_released > 0);
	free_many(pool, alloc_many(test, pool, 64), 64);
	mpool_test_expect_live(test, pool, 0);
}

/* Trimming never goes below what the pool was warmed to, nor releases a warm pool. */
/*
 * A CPU whose magazines no miss touched for a trim period gives their objects back to
 * the slabs, and a touched one keeps them.
 */
static void idle_cpu_magazines_drained(struct kunit *test)
{
	struct mpool_config cfg = { .name = "idlecpu", .size = 256, .magazine_size = 8,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int cpu = raw_smp_processor_id();
	struct mpool_cpu *pc = per_cpu_ptr(pool->cpu, cpu);
	void **objs;
	int nid;

	mpool_test_pin(test, cpu);
	/* Frees fill both magazines and pass the rest to the depot, which queues the work. */
	objs = alloc_many(test, pool, 64);
	free_many(pool, objs, 64);
	KUNIT_ASSERT_TRUE(test, delayed_work_pending(&pool->trim_work));
	/* The first pass finds the CPU touched: its magazines stay. */
	flush_delayed_work(&pool->trim_work);
	KUNIT_EXPECT_NOT_NULL(test, READ_ONCE(pc->loaded));
	KUNIT_EXPECT_EQ(test, READ_ONCE(pc->loaded)->count, 8);
	/* Untouched for a period: drained, and every object is back in a slab. */
	mpool_test_trim_now(pool);
	KUNIT_EXPECT_NULL(test, READ_ONCE(pc->loaded));
	KUNIT_EXPECT_NULL(test, READ_ONCE(pc->previous));
	KUNIT_EXPECT_EQ(test, READ_ONCE(pc->reap_state), MPOOL_CPU_DRAINED);
	KUNIT_EXPECT_FALSE(test, delayed_work_pending(&pool->trim_work));
	for_each_node(nid)
		KUNIT_EXPECT_EQ(test, READ_ONCE(pool->nodes[nid]->slab_free),
				READ_ONCE(pool->nodes[nid]->nr_objects));
	/* The next allocation refills and marks the CPU touched again. */
	free_many(pool, alloc_many(test, pool, 1), 1);
	KUNIT_EXPECT_EQ(test, READ_ONCE(pc->reap_state), MPOOL_CPU_TOUCHED);
	mpool_test_expect_live(test, pool, 0);
}

static void trim_keeps_the_warm_level(struct kunit *test)
{
	struct mpool_config cfg = { .name = "trimwarm", .size = 256, .magazine_size = 8,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	int cpu = raw_smp_processor_id(), nid = cpu_to_mem(cpu);
	struct mpool_stats *st;
	void **objs;

	mpool_test_pin(test, cpu);
	KUNIT_ASSERT_EQ(test, mpool_warm(pool, 600, nid), 0);
	/* Demand within the warm level: nothing to give back. */
	objs = alloc_many(test, pool, 500);
	free_many(pool, objs, 500);
	mpool_test_trim_now(pool);
	st = snapshot(test, pool);
	KUNIT_EXPECT_EQ(test, st->slabs_released, 0);
	KUNIT_EXPECT_GE(test, pool->nodes[nid]->nr_objects, 600);

	/* A peak beyond it: back down to the warm level, not below. */
	objs = alloc_many(test, pool, 2000);
	free_many(pool, objs, 2000);
	mpool_test_trim_now(pool);
	st = snapshot(test, pool);
	KUNIT_EXPECT_GT(test, st->slabs_released, 0);
	KUNIT_EXPECT_GE(test, pool->nodes[nid]->nr_objects, 600);
	KUNIT_EXPECT_LT(test, pool->nodes[nid]->nr_objects, 2000);
	KUNIT_EXPECT_LE(test, free_slabs(pool), (unsigned long)MPOOL_TRIM_KEEP_SLABS +
			DIV_ROUND_UP(600, pool->objs_per_slab));
	/* The next allocations up to the warm level need no new pages. */
	free_many(pool, alloc_many(test, pool, 600), 600);
	KUNIT_EXPECT_EQ(test, snapshot(test, pool)->slabs_grown, st->slabs_grown);
	mpool_test_expect_live(test, pool, 0);
}

static void max_objects_caps_allocation(struct kunit *test)
{
	struct mpool_config cfg = { .name = "cap", .size = 64, .max_objects = 40,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *objs[40], *extra;
	unsigned int i;

	mpool_test_pin(test, raw_smp_processor_id());
	for (i = 0; i < ARRAY_SIZE(objs); i++) {
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	KUNIT_EXPECT_NULL(test, mpool_alloc(pool, GFP_KERNEL));
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_capped, 1);
	KUNIT_EXPECT_EQ(test, st.objects, 40);
	mpool_free(pool, objs[7]);
	extra = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_EXPECT_PTR_EQ(test, extra, objs[7]);
	for (i = 0; i < ARRAY_SIZE(objs); i++)
		mpool_free(pool, objs[i]);
	mpool_test_expect_live(test, pool, 0);
}

static void reserve_prefilled_and_kept(struct kunit *test)
{
	struct mpool_config cfg = { .name = "reserve", .size = 100, .min_objects = 32,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.reserve, 32);
	KUNIT_EXPECT_EQ(test, st.live, 0);
	KUNIT_EXPECT_GE(test, st.objects, 32);
	mpool_shrink(pool);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.reserve, 32);
	KUNIT_EXPECT_GE(test, st.objects, 32);
}

static void set_limits_checks_and_applies(struct kunit *test)
{
	struct mpool_config cfg = { .name = "limits", .size = 64, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void **objs = alloc_many(test, pool, 30);

	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, 10, 5), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, 0, 20), -EBUSY);
	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, 16, 100), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.reserve, 16);
	KUNIT_EXPECT_EQ(test, st.min_objects, 16);
	KUNIT_EXPECT_EQ(test, st.max_objects, 100);
	KUNIT_EXPECT_LE(test, st.objects, 100);

	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, 4, 0), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.reserve, 4);
	free_many(pool, objs, 30);
	mpool_test_expect_live(test, pool, 0);
}

/*
 * A reserve bigger than any pointer array kvmalloc() would give: -ENOMEM and nothing
 * changed, quietly (kvmalloc() would WARN, a panic under panic_on_warn).
 */
static void huge_reserve_refused_quietly(struct kunit *test)
{
	struct mpool_config cfg = { .name = "hugeres", .size = 64, .min_objects = 4,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_config huge = cfg;
	struct mpool_stats *st;
	void *obj;

	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, UINT_MAX, 0), -ENOMEM);
	KUNIT_EXPECT_EQ(test, mpool_set_limits(pool, INT_MAX, 0), -ENOMEM);
	st = snapshot(test, pool);
	KUNIT_EXPECT_EQ(test, st->min_objects, 4);
	KUNIT_EXPECT_EQ(test, st->reserve, 4);
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	mpool_free(pool, obj);

	huge.name = "hugeres2";
	huge.min_objects = UINT_MAX;
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(mpool_create(&huge)), -ENOMEM);
}

static struct kunit_case mpool_capacity_cases[] = {
	KUNIT_CASE(warm_then_alloc_needs_no_pages),
	KUNIT_CASE(warm_every_node),
	KUNIT_CASE(warm_beyond_max_changes_nothing),
	KUNIT_CASE(shrink_gives_pages_back),
	KUNIT_CASE(shrink_keeps_objects_in_use_and_reserve),
	KUNIT_CASE(shrinker_releases_node_memory),
	KUNIT_CASE(trim_gives_back_a_peak),
	KUNIT_CASE(trim_keeps_the_warm_level),
	KUNIT_CASE(idle_depot_reaped),
	KUNIT_CASE(idle_cpu_magazines_drained),
	KUNIT_CASE(max_objects_caps_allocation),
	KUNIT_CASE(reserve_prefilled_and_kept),
	KUNIT_CASE(set_limits_checks_and_applies),
	KUNIT_CASE(huge_reserve_refused_quietly),
	{}
};

static struct kunit_suite mpool_capacity_suite = {
	.name = "mpool_capacity",
	.test_cases = mpool_capacity_cases,
};

kunit_test_suites(&mpool_capacity_suite);
