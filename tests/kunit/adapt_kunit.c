// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_adapt: the adaptive controller, driven with a fake clock (one minute per
 * step) so nothing waits: it expands a pool whose demand passes twice its supply,
 * shrinks one whose demand falls under a quarter, never below min_objects nor above
 * max_objects, grows magazines under many depot exchanges and shrinks them when
 * idle, and (opted in) moves cached memory to the node that allocates remotely.
 * mpool_rebalance() itself is proven with page_to_nid().
 */

#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/mpool.h>

#include "nl_client.h"
#include "pool.h"
#include "pool_test.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);	/* mpool_adapt_step(), _control() */

#define MINUTE	60

static struct mpool_stats *snap(struct kunit *test, struct mpool *pool)
{
	struct mpool_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	mpool_get_stats(pool, st);
	return st;
}

/* A pool whose controller runs on the test's clock, deciding every minute. */
static struct mpool *adaptive_pool(struct kunit *test, struct mpool_config *cfg,
				   bool rebalance)
{
	struct mpool *pool = mpool_test_create(test, cfg);

	KUNIT_ASSERT_EQ(test, mpool_adapt_control(pool, true, MINUTE, rebalance, false), 0);
	return pool;
}

static void **hold(struct kunit *test, struct mpool *pool, unsigned int n)
{
	void **objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, objs);
	KUNIT_ASSERT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, n, objs), n);
	return objs;
}

/* The controller's last decision, as pool-get reports it. */
static char *last_adaptation(struct kunit *test, struct mpool *pool)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1], *info[MPOOL_A_POOL_INFO_MAX + 1];
	int family = mpool_test_nl_resolve(nl, MPOOL_FAMILY_NAME);
	struct sk_buff *req;

	KUNIT_ASSERT_GT(test, family, 0);
	req = mpool_test_nl_request(nl, family, MPOOL_CMD_POOL_GET);
	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_ASSERT_EQ(test, nla_put_string(req, MPOOL_A_POOL_NAME, mpool_name(pool)), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(info, MPOOL_A_POOL_INFO_MAX,
							  tb[MPOOL_A_POOL_INFO], NULL, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, info[MPOOL_A_POOL_INFO_LAST_ADAPTATION]);
	return kunit_kstrdup(test, nla_data(info[MPOOL_A_POOL_INFO_LAST_ADAPTATION]),
			     GFP_KERNEL);
}

static void expands_then_shrinks_with_demand(struct kunit *test)
{
	struct mpool_config cfg = { .name = "ad_demand", .size = 256, .node = NUMA_NO_NODE };
	struct mpool *pool = adaptive_pool(test, &cfg, false);
	struct mpool_stats *st;
	void **objs;

	objs = hold(test, pool, 300);
	st = snap(test, pool);
	KUNIT_ASSERT_LT(test, 2 * st->cached, 300);	/* demand > twice the supply */
	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_expansions, 1);
	KUNIT_EXPECT_GE(test, st->cached, 300);	/* warmed to the peak, over the nodes */
	KUNIT_EXPECT_NOT_NULL(test, strstr(last_adaptation(test, pool), "expanded"));

	/* Demand gone: under a quarter of the supply, everything cached goes back. */
	mpool_free_bulk(pool, 300, objs);
	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, 2 * MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_shrinks, 1);
	KUNIT_EXPECT_EQ(test, st->pages, 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(last_adaptation(test, pool), "shrank"));

	/* Nothing to do: no decision, nothing counted. */
	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, 3 * MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_expansions + st->adapt_shrinks, 2);
}

static void stays_within_min_and_max(struct kunit *test)
{
	struct mpool_config cfg = { .name = "ad_bounds", .size = 64, .min_objects = 32,
				    .max_objects = 400, .node = NUMA_NO_NODE };
	struct mpool *pool = adaptive_pool(test, &cfg, false);
	struct mpool_stats *st;
	void **objs;

	objs = hold(test, pool, 150);
	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_expansions, 1);
	KUNIT_EXPECT_LE(test, st->objects, 400);

	mpool_free_bulk(pool, 150, objs);
	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, 2 * MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_shrinks, 1);
	KUNIT_EXPECT_EQ(test, st->reserve, 32);
	KUNIT_EXPECT_GE(test, st->objects, 32);
}

/* Many magazine exchanges a second grow the magazine; an idle interval halves it. */
static void magazines_follow_depot_traffic(struct kunit *test)
{
	struct mpool_config cfg = { .name = "ad_mag", .size = 64, .magazine_size = 2,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = adaptive_pool(test, &cfg, false);
	struct mpool_stats *st;
	void *objs[6];
	int round;

	mpool_test_pin(test, raw_smp_processor_id());
	/* Six objects through magazines of two: every round trips via the depot. */
	for (round = 0; round < 1500; round++) {
		KUNIT_ASSERT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, 6, objs), 6);
		mpool_free_bulk(pool, 6, objs);
	}
	st = snap(test, pool);
	KUNIT_ASSERT_GE(test, st->alloc_depot + st->free_depot, 50 * MINUTE);
	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_magazine_grows, 1);
	KUNIT_EXPECT_EQ(test, st->magazine_size, 4);
	KUNIT_EXPECT_NOT_NULL(test, strstr(last_adaptation(test, pool), "magazine grown"));

	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, 2 * MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_magazine_shrinks, 1);
	KUNIT_EXPECT_EQ(test, st->magazine_size, 2);
}

static void off_means_no_decisions(struct kunit *test)
{
	struct mpool_config cfg = { .name = "ad_off", .size = 64, .node = NUMA_NO_NODE };
	struct mpool *pool = adaptive_pool(test, &cfg, false);

	KUNIT_ASSERT_EQ(test, mpool_adapt_control(pool, false, 0, false, false), 0);
	KUNIT_EXPECT_EQ(test, mpool_adapt_step(pool, MINUTE), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_set_adaptive(pool, true, 10, false), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_set_adaptive(pool, true, 0, false), 0);
	KUNIT_EXPECT_EQ(test, mpool_set_adaptive(pool, false, 0, false), 0);
}

static int two_nodes(struct kunit *test, int *cpu0, int *cpu1)
{
	*cpu0 = mpool_test_cpu_of_node(0);
	*cpu1 = mpool_test_cpu_of_node(1);
	if (*cpu0 < 0 || *cpu1 < 0 || !node_state(1, N_MEMORY))
		kunit_skip(test, "needs two NUMA nodes with CPUs and memory");
	return 0;
}

/* Cached memory moves from node 0 to node 1: pages there, objects served from them. */
static void rebalance_moves_pages_between_nodes(struct kunit *test)
{
	struct mpool_config cfg = { .name = "ad_move", .size = 512, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	unsigned long pages0, pages1;
	struct mpool_stats *st;
	int cpu0, cpu1, moved, i;
	void **objs;

	two_nodes(test, &cpu0, &cpu1);
	KUNIT_ASSERT_EQ(test, mpool_warm(pool, 256, 0), 0);
	pages0 = pool->nodes[0]->nr_pages;
	pages1 = pool->nodes[1]->nr_pages;
	KUNIT_ASSERT_GT(test, pages0, 0);
	KUNIT_EXPECT_EQ(test, pages1, 0);

	moved = mpool_rebalance(pool, 0, 1, 128);
	KUNIT_ASSERT_GT(test, moved, 0);
	KUNIT_EXPECT_LE(test, moved, 128);
	KUNIT_EXPECT_LT(test, pool->nodes[0]->nr_pages, pages0);
	KUNIT_EXPECT_GT(test, pool->nodes[1]->nr_pages, 0);

	/* A node-1 CPU gets node-1 objects, without growing a slab. */
	st = snap(test, pool);
	mpool_test_pin(test, cpu1);
	objs = hold(test, pool, moved);
	for (i = 0; i < moved; i++)
		KUNIT_EXPECT_EQ(test, page_to_nid(virt_to_page(objs[i])), 1);
	KUNIT_EXPECT_EQ(test, snap(test, pool)->slabs_grown, st->slabs_grown);
	mpool_free_bulk(pool, moved, objs);

	KUNIT_EXPECT_EQ(test, mpool_rebalance(pool, 0, 0, 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_rebalance(pool, 0, MAX_NUMNODES, 1), -EINVAL);
}

/* Opted in: node-1 CPUs allocating node-0 objects pull cached memory to node 1. */
static void controller_rebalances_remote_demand(struct kunit *test)
{
	struct mpool_config cfg = { .name = "ad_remote", .size = 512, .node = NUMA_NO_NODE };
	struct mpool *pool;
	struct mpool_stats *st;
	int cpu0, cpu1, i;
	void **objs;

	two_nodes(test, &cpu0, &cpu1);
	objs = kunit_kcalloc(test, 200, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	pool = adaptive_pool(test, &cfg, true);
	KUNIT_ASSERT_EQ(test, mpool_warm(pool, 512, 0), 0);
	/*
	 * Node-1 CPUs hold 200 node-0 objects: enough demand that the controller keeps
	 * what is cached (4 x 200 > the rest), all of it remote.
	 */
	mpool_test_pin(test, cpu1);
	for (i = 0; i < 200; i++) {
		objs[i] = mpool_alloc_node(pool, GFP_KERNEL, 0);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	KUNIT_ASSERT_EQ(test, mpool_adapt_step(pool, MINUTE), 0);
	st = snap(test, pool);
	KUNIT_EXPECT_EQ(test, st->adapt_shrinks, 0);
	KUNIT_EXPECT_EQ(test, st->adapt_rebalances, 1);
	KUNIT_EXPECT_GT(test, pool->nodes[1]->nr_pages, 0);
	KUNIT_EXPECT_NOT_NULL(test, strstr(last_adaptation(test, pool), "rebalanced"));
	mpool_free_bulk(pool, 200, objs);
}

static void buffer_pool_switches_every_class(struct kunit *test)
{
	struct mpool_buf_config cfg = { .node = NUMA_NO_NODE, .adaptive = true };
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "ad_buf", &cfg);
	struct mpool *class;

	class = mpool_buf_class(bp, 4096);
	KUNIT_EXPECT_EQ(test, mpool_adapt_step(class, MINUTE), 0);	/* on */
	KUNIT_EXPECT_EQ(test, mpool_buf_set_adaptive(bp, false, 0, false), 0);
	KUNIT_EXPECT_EQ(test, mpool_adapt_step(class, 2 * MINUTE), -EINVAL);	/* off */
	KUNIT_EXPECT_EQ(test, mpool_buf_set_adaptive(bp, true, 600, false), 0);
	KUNIT_EXPECT_EQ(test, mpool_adapt_step(mpool_buf_class(bp, 64), 3 * MINUTE), 0);
}

static struct kunit_case mpool_adapt_cases[] = {
	KUNIT_CASE(expands_then_shrinks_with_demand),
	KUNIT_CASE(stays_within_min_and_max),
	KUNIT_CASE(magazines_follow_depot_traffic),
	KUNIT_CASE(off_means_no_decisions),
	KUNIT_CASE(rebalance_moves_pages_between_nodes),
	KUNIT_CASE(controller_rebalances_remote_demand),
	KUNIT_CASE(buffer_pool_switches_every_class),
	{}
};

static struct kunit_suite mpool_adapt_suite = {
	.name = "mpool_adapt",
	.test_cases = mpool_adapt_cases,
};

kunit_test_suites(&mpool_adapt_suite);
