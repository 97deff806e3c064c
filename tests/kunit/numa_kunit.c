// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_numa: objects come from the node asked for (page_to_nid proves it), a CPU's
 * magazines only ever hold its own node's objects, frees of another node's objects
 * go back to that node's depot, and the per node-pair counters say so. Every entry
 * point refuses a node without memory alike.
 *
 * Needs the harness's guest: CPUs 0-1 on node 0, CPUs 2-3 on node 1.
 */

#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/nodemask.h>
#include <linux/slab.h>

#include "pool.h"
#include "pool_test.h"

static int obj_nid(const void *obj)
{
	return page_to_nid(virt_to_page(obj));
}

/* Skip unless the guest has two nodes with CPUs; return the first CPU of each. */
static void two_nodes(struct kunit *test, int *cpu0, int *cpu1)
{
	*cpu0 = mpool_test_cpu_of_node(0);
	*cpu1 = mpool_test_cpu_of_node(1);
	if (*cpu0 < 0 || *cpu1 < 0 || !node_state(1, N_MEMORY))
		kunit_skip(test, "needs two NUMA nodes with CPUs and memory");
}

static void alloc_node_places_on_that_node(struct kunit *test)
{
	struct mpool_config cfg = { .name = "place", .size = 512, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *local, *remote;
	int cpu0, cpu1;

	two_nodes(test, &cpu0, &cpu1);
	mpool_test_pin(test, cpu0);
	local = mpool_alloc(pool, GFP_KERNEL);
	remote = mpool_alloc_node(pool, GFP_KERNEL, 1);
	KUNIT_ASSERT_NOT_NULL(test, local);
	KUNIT_ASSERT_NOT_NULL(test, remote);
	KUNIT_EXPECT_EQ(test, obj_nid(local), 0);
	KUNIT_EXPECT_EQ(test, obj_nid(remote), 1);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_remote, 1);
	KUNIT_EXPECT_EQ(test, st.alloc_page, 1);
	/* Asking for the CPU's own node is the ordinary path. */
	mpool_free(pool, mpool_alloc_node(pool, GFP_KERNEL, 0));
	mpool_free(pool, local);
	mpool_free(pool, remote);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.free_remote, 1);
	KUNIT_EXPECT_EQ(test, st.alloc_remote, 1);
	mpool_test_expect_live(test, pool, 0);
	KUNIT_EXPECT_NULL(test, mpool_alloc_node(pool, GFP_KERNEL, MAX_NUMNODES));
}

static void each_cpu_allocates_from_its_node(struct kunit *test)
{
	struct mpool_config cfg = { .name = "local", .size = 64, .magazine_size = 8,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	void *objs[40];
	int cpu, i;

	for_each_online_cpu(cpu) {
		mpool_test_pin(test, cpu);
		for (i = 0; i < ARRAY_SIZE(objs); i++) {
			objs[i] = mpool_alloc(pool, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, objs[i]);
			KUNIT_EXPECT_EQ(test, obj_nid(objs[i]), cpu_to_node(cpu));
		}
		for (i = 0; i < ARRAY_SIZE(objs); i++)
			mpool_free(pool, objs[i]);
	}
	mpool_test_expect_live(test, pool, 0);
}

/*
 * A node-0 CPU frees node-1 objects: they never enter its magazines; a full batch
 * goes to node 1's depot, where a node-1 CPU picks exactly them up again.
 */
static void remote_free_goes_home(struct kunit *test)
{
	struct mpool_config cfg = { .name = "home", .size = 64, .magazine_size = 4,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	void *remote[4], *local[16], *again[4];
	struct mpool_stats st;
	int cpu0, cpu1, i, j;

	two_nodes(test, &cpu0, &cpu1);
	mpool_test_pin(test, cpu0);
	for (i = 0; i < ARRAY_SIZE(remote); i++) {
		remote[i] = mpool_alloc_node(pool, GFP_KERNEL, 1);
		KUNIT_ASSERT_NOT_NULL(test, remote[i]);
	}
	for (i = 0; i < ARRAY_SIZE(remote); i++)
		mpool_free(pool, remote[i]);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.free_remote, ARRAY_SIZE(remote));
	KUNIT_EXPECT_EQ(test, pool->nodes[1]->depot_objects, ARRAY_SIZE(remote));

	/* Node 0's allocations never see them. */
	for (i = 0; i < ARRAY_SIZE(local); i++) {
		local[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, local[i]);
		KUNIT_EXPECT_EQ(test, obj_nid(local[i]), 0);
	}
	for (i = 0; i < ARRAY_SIZE(local); i++)
		mpool_free(pool, local[i]);

	/* A node-1 CPU with empty magazines refills from its depot: the same objects. */
	mpool_test_pin(test, cpu1);
	for (i = 0; i < ARRAY_SIZE(again); i++) {
		bool found = false;

		again[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, again[i]);
		for (j = 0; j < ARRAY_SIZE(remote); j++)
			found |= again[i] == remote[j];
		KUNIT_EXPECT_TRUE(test, found);
	}
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_depot, 1);
	for (i = 0; i < ARRAY_SIZE(again); i++)
		mpool_free(pool, again[i]);
	mpool_test_expect_live(test, pool, 0);
}

static void node_matrix_counts_pairs(struct kunit *test)
{
	struct mpool_config cfg = { .name = "matrix", .size = 32, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_node_pair *m;
	void *objs[5];
	int cpu0, cpu1, n, i;

	two_nodes(test, &cpu0, &cpu1);
	n = mpool_get_node_matrix(pool, NULL, 0);
	KUNIT_ASSERT_GE(test, n, 2);
	m = kunit_kcalloc(test, n * n, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);

	mpool_test_pin(test, cpu0);
	for (i = 0; i < 3; i++)
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
	for (; i < 5; i++)
		objs[i] = mpool_alloc_node(pool, GFP_KERNEL, 1);
	for (i = 0; i < 5; i++) {
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		mpool_free(pool, objs[i]);
	}
	KUNIT_ASSERT_EQ(test, mpool_get_node_matrix(pool, m, n), n);
	KUNIT_EXPECT_EQ(test, m[0 * n + 0].allocs, 3);
	KUNIT_EXPECT_EQ(test, m[0 * n + 0].frees, 3);
	KUNIT_EXPECT_EQ(test, m[0 * n + 1].allocs, 2);
	KUNIT_EXPECT_EQ(test, m[0 * n + 1].frees, 2);
	KUNIT_EXPECT_EQ(test, m[1 * n + 0].allocs + m[1 * n + 1].allocs, 0);
	KUNIT_EXPECT_EQ(test, m[1 * n + 0].frees + m[1 * n + 1].frees, 0);
}

static void home_node_pool_stays_home(struct kunit *test)
{
	struct mpool_config cfg = { .name = "homed", .size = 256, .node = 1 };
	struct mpool *pool;
	struct mpool_stats st;
	void *a, *b;
	int cpu0, cpu1;

	two_nodes(test, &cpu0, &cpu1);
	pool = mpool_test_create(test, &cfg);
	mpool_test_pin(test, cpu0);
	a = mpool_alloc(pool, GFP_KERNEL);
	b = mpool_alloc_node(pool, GFP_KERNEL, 0);	/* the home node wins */
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, obj_nid(a), 1);
	KUNIT_EXPECT_EQ(test, obj_nid(b), 1);
	mpool_free(pool, a);
	mpool_free(pool, b);
	mpool_get_stats(pool, &st);
	/* Node 1 is where this pool lives: nothing here is remote to it. */
	KUNIT_EXPECT_EQ(test, st.alloc_remote + st.free_remote, 0);
	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 8, 0), -EINVAL);
	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 8, 1), 0);
	mpool_test_expect_live(test, pool, 0);
}

/*
 * Every entry point that takes a caller's node checks it the same way, whatever else
 * it is given: creation refuses it (-EINVAL), allocations return NULL (counted),
 * warming and rebalancing refuse it; nothing reaches the page allocator with it.
 */
static void every_entry_point_checks_its_node(struct kunit *test)
{
	struct mpool_config cfg = { .name = "nodecheck", .size = 64, .node = NUMA_NO_NODE };
	const struct mpool_buf_config buf_cfg = { .node = NUMA_NO_NODE };
	const int nodes[] = { -5, -2, nr_node_ids, 999, MAX_NUMNODES, INT_MAX, INT_MIN };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "nodecheck_buf", &buf_cfg);
	struct mpool_buf_config bad_buf_cfg = buf_cfg;
	struct mpool_config bad_cfg = cfg;
	struct mpool_buf_pool *bad_bp;
	struct mpool_stats st;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(nodes); i++) {
		int node = nodes[i];

		bad_cfg.name = "nodecheck_bad";
		bad_cfg.node = node;
		bad_buf_cfg.node = node;
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR_OR_ZERO(mpool_create(&bad_cfg)), -EINVAL,
				    "node %d", node);
		bad_bp = mpool_buf_create("nodecheck_bad", &bad_buf_cfg);
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR_OR_ZERO(bad_bp), -EINVAL, "node %d", node);
		KUNIT_EXPECT_NULL_MSG(test, mpool_alloc_node(pool, GFP_KERNEL, node),
				      "node %d", node);
		KUNIT_EXPECT_NULL_MSG(test, mpool_buf_alloc_node(bp, 64, GFP_KERNEL, node),
				      "node %d", node);
		KUNIT_EXPECT_NULL_MSG(test, mpool_buf_alloc_node(bp, MPOOL_BUF_MAX_CLASS + 1,
								 GFP_KERNEL, node),
				      "node %d", node);
		KUNIT_EXPECT_EQ_MSG(test, mpool_warm(pool, 1, node), -EINVAL, "node %d", node);
		KUNIT_EXPECT_EQ_MSG(test, mpool_rebalance(pool, node, 0, 1), -EINVAL,
				    "node %d", node);
		KUNIT_EXPECT_EQ_MSG(test, mpool_rebalance(pool, 0, node, 1), -EINVAL,
				    "node %d", node);
	}
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, ARRAY_SIZE(nodes));
	KUNIT_EXPECT_EQ(test, st.objects, 0);
	mpool_test_buf_stats(bp, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, 2 * ARRAY_SIZE(nodes));
	KUNIT_EXPECT_EQ(test, st.oversize_allocs, 0);
	KUNIT_EXPECT_EQ(test, st.objects, 0);
}

static struct kunit_case mpool_numa_cases[] = {
	KUNIT_CASE(alloc_node_places_on_that_node),
	KUNIT_CASE(each_cpu_allocates_from_its_node),
	KUNIT_CASE(remote_free_goes_home),
	KUNIT_CASE(node_matrix_counts_pairs),
	KUNIT_CASE(home_node_pool_stays_home),
	KUNIT_CASE(every_entry_point_checks_its_node),
	{}
};

static struct kunit_suite mpool_numa_suite = {
	.name = "mpool_numa",
	.test_cases = mpool_numa_cases,
};

kunit_test_suites(&mpool_numa_suite);
