// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the object pool suites; see pool_test.h. */

#include <kunit/resource.h>
#include <linux/cpumask.h>
#include <linux/sched.h>
#include <linux/topology.h>

#include "pool_test.h"

static void destroy_action(void *pool)
{
	mpool_destroy(pool);
}

struct mpool *mpool_test_create(struct kunit *test, const struct mpool_config *cfg)
{
	struct mpool *pool = mpool_create(cfg);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(pool), "mpool_create(%s): %ld", cfg->name,
			       PTR_ERR(pool));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, destroy_action, pool), 0);
	return pool;
}

static void unpin_action(void *unused)
{
	set_cpus_allowed_ptr(current, cpu_possible_mask);
}

void mpool_test_pin(struct kunit *test, int cpu)
{
	KUNIT_ASSERT_TRUE(test, cpu_online(cpu));
	KUNIT_ASSERT_EQ(test, set_cpus_allowed_ptr(current, cpumask_of(cpu)), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, unpin_action, NULL), 0);
	KUNIT_ASSERT_EQ(test, raw_smp_processor_id(), cpu);
}

int *mpool_test_count_errors(struct kunit *test)
{
	struct kunit_resource *res = kunit_kzalloc(test, sizeof(*res), GFP_KERNEL);
	int *count = kunit_kzalloc(test, sizeof(*count), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, res);
	KUNIT_ASSERT_NOT_NULL(test, count);
	KUNIT_ASSERT_EQ(test, kunit_add_named_resource(test, NULL, NULL, res, "mpool_errors",
						       count), 0);
	return count;
}

u64 mpool_test_allocs(const struct mpool_stats *st)
{
	return st->alloc_magazine + st->alloc_depot + st->alloc_slab + st->alloc_page +
	       st->alloc_reserve + st->alloc_remote;
}

u64 mpool_test_frees(const struct mpool_stats *st)
{
	return st->free_magazine + st->free_depot + st->free_slab + st->free_reserve +
	       st->free_remote;
}

void mpool_test_expect_live(struct kunit *test, struct mpool *pool, u64 live)
{
	struct mpool_stats st;

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.live, live);
	KUNIT_EXPECT_EQ(test, mpool_test_allocs(&st) - mpool_test_frees(&st), live);
	KUNIT_EXPECT_EQ(test, st.objects, st.live + st.cached);
	KUNIT_EXPECT_GE(test, st.peak_live, live);
}

int mpool_test_cpu_of_node(int node)
{
	int cpu;

	for_each_cpu(cpu, cpumask_of_node(node)) {
		if (cpu_online(cpu))
			return cpu;
	}
	return -1;
}
