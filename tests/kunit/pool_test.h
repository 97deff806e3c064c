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

/*
 * Run the pool's pending trim work now, pass after pass until it stops requeueing
 * (kmod/capacity.c): idle depots reaped, free slabs beyond the warm level released,
 * and no trim left to run into a snapshot that follows.
 */
void mpool_test_trim_now(struct mpool *pool);

/*
 * Check the invariants every quiet snapshot must satisfy: live = allocs - frees,
 * objects = live + cached, and @live objects in use.
 */
void mpool_test_expect_live(struct kunit *test, struct mpool *pool, u64 live);

/*
 * Files whose methods take only user pointers (debugfs attributes and seq_files):
 * kernel_read()/kernel_write() refuse them, so tests borrow one user page of their
 * own mm (kunit_vm_mmap()) and call the methods with it. The mm stays referenced
 * until the test's cleanups have run, which may borrow it (kthread_use_mm()).
 */
struct mpool_test_ufile {
	struct mm_struct *mm;
	char __user *page;
};

struct mpool_test_ufile *mpool_test_ufile_get(struct kunit *test);
/* Read up to @len - 1 bytes of an open file at @pos into @buf, NUL-terminated. */
ssize_t mpool_test_ufile_read(struct mpool_test_ufile *u, struct file *f, char *buf,
			      size_t len);
ssize_t mpool_test_ufile_write(struct mpool_test_ufile *u, struct file *f, const char *val);
/* The same on a path: open, read or write from the start, close. */
ssize_t mpool_test_ufile_read_path(struct mpool_test_ufile *u, const char *path, char *buf,
				   size_t len);
ssize_t mpool_test_ufile_write_path(struct mpool_test_ufile *u, const char *path,
				    const char *val);

/* First CPU of @node, or -1. */
int mpool_test_cpu_of_node(int node);

/* ---- buffer pools ---- */

/* mpool_buf_create() that fails the test on error and destroys the pool when it ends. */
struct mpool_buf_pool *mpool_test_buf_create(struct kunit *test, const char *name,
					     const struct mpool_buf_config *cfg);

/* The classes of a buffer pool, smallest first: how many, and the pool of each. */
unsigned int mpool_test_buf_nr_classes(struct mpool_buf_pool *bp);
struct mpool *mpool_test_buf_class_at(struct mpool_buf_pool *bp, unsigned int idx);

/*
 * Snapshot of a whole buffer pool, as the tools show it: its classes summed, plus what
 * no class counts (oversize_allocs, oversize_frees, oversize_live, and the failed
 * oversize allocations in alloc_fail). Its head is internal: this reads it.
 */
void mpool_test_buf_stats(struct mpool_buf_pool *bp, struct mpool_stats *st);

/*
 * Check that no buffer pool knows the oversize buffers in @bufs any more (their pool
 * was destroyed): a pool that has a live oversize buffer of its own, and so looks
 * every freed pointer up, refuses each as a pointer it never handed out, counts
 * nothing else, and its own buffer is untouched. Then kvfree()s them, as their owner
 * must. Call with error counting on (mpool_test_count_errors()), @errors its counter.
 */
void mpool_test_expect_disowned(struct kunit *test, int *errors, void **bufs,
				unsigned int n);

/* Fill @size bytes with a pattern that names @seed; check it later. */
void mpool_test_stamp(void *obj, size_t size, u32 seed);
bool mpool_test_stamped(const void *obj, size_t size, u32 seed);

/* ---- managed pools ---- */

/* mpool_m_create() that fails the test on error and destroys the pool when it ends. */
struct mpool_m_pool *mpool_test_m_create(struct kunit *test, const struct mpool_m_config *cfg);
/* A snapshot of @mp, freed when the test ends (too big for a KASAN stack frame). */
struct mpool_m_stats *mpool_test_m_stats(struct kunit *test, struct mpool_m_pool *mp);

/* A managed object of @size bytes, stamped with @seed; fails the test if it cannot be. */
mpool_handle_t mpool_test_h_alloc_stamped(struct kunit *test, struct mpool_m_pool *mp,
					  size_t size, u32 seed);
/* Map @h, check its stamp, unmap: false if any of it fails. */
bool mpool_test_h_intact(struct mpool_m_pool *mp, mpool_handle_t h, size_t size, u32 seed);

/*
 * Fill @size bytes with lines like a package manager's log, which compress as text
 * does (the cold tier's suites), named by @seed; check them later.
 */
void mpool_test_log_fill(void *obj, size_t size, u32 seed);
bool mpool_test_log_filled(const void *obj, size_t size, u32 seed);
/* A managed object of @size bytes filled so; fails the test if it cannot be. */
mpool_handle_t mpool_test_h_alloc_log(struct kunit *test, struct mpool_m_pool *mp,
				      size_t size, u32 seed, unsigned int flags);
/* Map @h, check its log lines, unmap: false if any of it fails. */
bool mpool_test_h_log_intact(struct mpool_m_pool *mp, mpool_handle_t h, size_t size,
			     u32 seed);

#endif /* _MPOOL_TEST_POOL_H */
