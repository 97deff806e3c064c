/* SPDX-License-Identifier: GPL-2.0 */
/* Helpers shared by the object pool suites. */
#ifndef _MPOOL_TEST_POOL_H
#define _MPOOL_TEST_POOL_H

#include <kunit/test.h>
#include <mpool.h>

/* mpool_create() that fails the test on error and destroys the pool when it ends. */
struct mpool *mpool_test_create(struct kunit *test, const struct mpool_config *cfg);

/* Run the rest of the test on @cpu only (restored when the test ends). */
void mpool_test_pin(struct kunit *test, int cpu);

/*
 * Count mpool's error reports (poison, double free, bad pointer) in the returned
 * counter instead of printing them, for the rest of the test (see kmod/poison.c).
 */
int *mpool_test_count_errors(struct kunit *test);

/* Successful allocations and frees in a snapshot. */
u64 mpool_test_allocs(const struct mpool_stats *st);
u64 mpool_test_frees(const struct mpool_stats *st);

/*
 * Check the invariants every quiet snapshot must satisfy: live = allocs - frees,
 * objects = live + cached, and @live objects in use.
 */
void mpool_test_expect_live(struct kunit *test, struct mpool *pool, u64 live);

/* First CPU of @node, or -1. */
int mpool_test_cpu_of_node(int node);

#endif /* _MPOOL_TEST_POOL_H */
