// SPDX-License-Identifier: GPL-2.0
/* Helpers shared by the object pool suites; see pool_test.h. */

#include <kunit/resource.h>
#include <linux/cpumask.h>
#include <linux/fs.h>
#include <linux/mman.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/topology.h>
#include <linux/uaccess.h>

#include "pool.h"
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

void mpool_test_trim_now(struct mpool *pool)
{
	unsigned int pass;

	/*
	 * The work requeues itself while depots hold magazines and reaps them on its
	 * second pass: a few passes leave it idle, with nothing left for it to do.
	 */
	for (pass = 0; pass < 4 && delayed_work_pending(&pool->trim_work); pass++)
		flush_delayed_work(&pool->trim_work);
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

void mpool_test_expect_live(struct kunit *test, struct mpool *pool, u64 live)
{
	struct mpool_stats st;

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.live, live);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st) - mpool_stats_frees(&st), live);
	KUNIT_EXPECT_EQ(test, st.objects, st.live + st.cached);
	KUNIT_EXPECT_GE(test, st.peak_live, live);
}

static void ufile_put(void *data)
{
	struct mpool_test_ufile *u = data;

	mmput(u->mm);
}

struct mpool_test_ufile *mpool_test_ufile_get(struct kunit *test)
{
	struct mpool_test_ufile *u = kunit_kzalloc(test, sizeof(*u), GFP_KERNEL);
	unsigned long addr;

	KUNIT_ASSERT_NOT_NULL(test, u);
	addr = kunit_vm_mmap(test, NULL, 0, PAGE_SIZE, PROT_READ | PROT_WRITE,
			     MAP_ANONYMOUS | MAP_PRIVATE, 0);
	KUNIT_ASSERT_TRUE_MSG(test, addr && !IS_ERR_VALUE(addr), "no user page: %ld",
			      (long)addr);
	u->page = (char __user *)addr;
	u->mm = current->mm;
	mmget(u->mm);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, ufile_put, u), 0);
	return u;
}

ssize_t mpool_test_ufile_read(struct mpool_test_ufile *u, struct file *f, char *buf,
			      size_t len)
{
	loff_t pos = 0;
	ssize_t ret;

	len = min_t(size_t, len, PAGE_SIZE);
	ret = f->f_op->read ? f->f_op->read(f, u->page, len - 1, &pos) : -EINVAL;
	if (ret >= 0 && copy_from_user(buf, u->page, ret))
		ret = -EFAULT;
	if (ret >= 0)
		buf[ret] = '\0';
	return ret;
}

ssize_t mpool_test_ufile_write(struct mpool_test_ufile *u, struct file *f, const char *val)
{
	size_t len = strlen(val);
	loff_t pos = 0;

	if (len > PAGE_SIZE || copy_to_user(u->page, val, len))
		return -EFAULT;
	return f->f_op->write ? f->f_op->write(f, u->page, len, &pos) : -EINVAL;
}

ssize_t mpool_test_ufile_read_path(struct mpool_test_ufile *u, const char *path, char *buf,
				   size_t len)
{
	struct file *f = filp_open(path, O_RDONLY, 0);
	ssize_t ret;

	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = mpool_test_ufile_read(u, f, buf, len);
	filp_close(f, NULL);
	return ret;
}

ssize_t mpool_test_ufile_write_path(struct mpool_test_ufile *u, const char *path,
				    const char *val)
{
	struct file *f = filp_open(path, O_WRONLY, 0);
	ssize_t ret;

	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = mpool_test_ufile_write(u, f, val);
	filp_close(f, NULL);
	return ret;
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

static void buf_destroy_action(void *bp)
{
	mpool_buf_destroy(bp);
}

struct mpool_buf_pool *mpool_test_buf_create(struct kunit *test, const char *name,
					     const struct mpool_buf_config *cfg)
{
	struct mpool_buf_pool *bp = mpool_buf_create(name, cfg);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(bp), "mpool_buf_create(%s): %ld", name,
			       PTR_ERR(bp));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, buf_destroy_action, bp), 0);
	return bp;
}

unsigned int mpool_test_buf_nr_classes(struct mpool_buf_pool *bp)
{
	return bp->nr_classes;
}

struct mpool *mpool_test_buf_class_at(struct mpool_buf_pool *bp, unsigned int idx)
{
	return idx < bp->nr_classes ? bp->classes[idx].pool : NULL;
}

void mpool_test_buf_stats(struct mpool_buf_pool *bp, struct mpool_stats *st)
{
	mpool_get_stats(bp->head, st);
}

void mpool_test_expect_disowned(struct kunit *test, int *errors, void **bufs,
				unsigned int n)
{
	static const unsigned int sizes[] = { 64 };
	const struct mpool_buf_config cfg = {
		.sizes = sizes, .nr_sizes = ARRAY_SIZE(sizes), .flags = MPOOL_F_POISON,
		.node = NUMA_NO_NODE,
	};
	struct mpool_buf_pool *judge = mpool_test_buf_create(test, "disowned_judge", &cfg);
	int errors_before = *errors;
	struct mpool_stats st;
	unsigned int i;
	u8 *own;

	own = mpool_buf_alloc(judge, 3 * PAGE_SIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, own);
	memset(own, 0x5a, 3 * PAGE_SIZE);
	for (i = 0; i < n; i++)
		mpool_buf_free(judge, bufs[i]);
	mpool_test_buf_stats(judge, &st);
	KUNIT_EXPECT_EQ(test, *errors - errors_before, n);
	KUNIT_EXPECT_EQ(test, st.invalid_frees, n);
	KUNIT_EXPECT_EQ(test, st.oversize_frees, 0);
	KUNIT_EXPECT_EQ(test, st.oversize_live, 1);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(own), 3 * PAGE_SIZE);
	KUNIT_EXPECT_FALSE(test, memchr_inv(own, 0x5a, 3 * PAGE_SIZE));
	mpool_buf_free(judge, own);
	for (i = 0; i < n; i++)
		kvfree(bufs[i]);
}

void mpool_test_stamp(void *obj, size_t size, u32 seed)
{
	u8 *p = obj;
	size_t i;

	for (i = 0; i < size; i++)
		p[i] = (u8)(seed * 31 + i);
}

bool mpool_test_stamped(const void *obj, size_t size, u32 seed)
{
	const u8 *p = obj;
	size_t i;

	for (i = 0; i < size; i++) {
		if (p[i] != (u8)(seed * 31 + i))
			return false;
	}
	return true;
}

static void m_destroy_action(void *mp)
{
	mpool_m_destroy(mp);
}

struct mpool_m_pool *mpool_test_m_create(struct kunit *test, const struct mpool_m_config *cfg)
{
	struct mpool_m_pool *mp = mpool_m_create(cfg);

	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(mp), "mpool_m_create(%s): %ld", cfg->name,
			       PTR_ERR(mp));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, m_destroy_action, mp), 0);
	return mp;
}

struct mpool_m_stats *mpool_test_m_stats(struct kunit *test, struct mpool_m_pool *mp)
{
	struct mpool_m_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	mpool_m_get_stats(mp, st);
	return st;
}

mpool_handle_t mpool_test_h_alloc_stamped(struct kunit *test, struct mpool_m_pool *mp,
					  size_t size, u32 seed)
{
	mpool_handle_t h = mpool_h_alloc(mp, size, GFP_KERNEL, 0);
	void *obj;

	KUNIT_ASSERT_NE_MSG(test, h, 0, "size %zu", size);
	obj = mpool_h_map(mp, h);
	KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
	mpool_test_stamp(obj, size, seed);
	mpool_h_unmap(mp, h);
	return h;
}

bool mpool_test_h_intact(struct mpool_m_pool *mp, mpool_handle_t h, size_t size, u32 seed)
{
	void *obj = mpool_h_map(mp, h);
	bool ok;

	if (IS_ERR(obj))
		return false;
	ok = mpool_test_stamped(obj, size, seed);
	mpool_h_unmap(mp, h);
	return ok;
}

static const char *const mpool_test_log_words[] = {
	"status installed", "status half-configured", "status unpacked", "configure",
	"upgrade", "trigproc", "status triggers-pending",
};

static const char *const mpool_test_log_pkgs[] = {
	"libc6:amd64", "man-db:amd64", "libssl3:amd64", "python3.11:amd64",
	"linux-image-6.12.118+deb12-amd64:amd64", "openssh-server:amd64",
};

/* Line @n of the log named @seed, at most @len bytes with its NUL; its length. */
static int log_line(char *buf, size_t len, u32 seed, u32 n)
{
	u32 x = seed * 2654435761U + n * 40503U;

	return scnprintf(buf, len, "2026-12-%02u %02u:%02u:%02u %s %s %u.%u-%u\n",
			 1 + x % 28, (x >> 5) % 24, (x >> 9) % 60, (x >> 15) % 60,
			 mpool_test_log_words[(x >> 3) % ARRAY_SIZE(mpool_test_log_words)],
			 mpool_test_log_pkgs[(x >> 7) % ARRAY_SIZE(mpool_test_log_pkgs)],
			 x % 7, (x >> 11) % 40, (x >> 21) % 12);
}

/* The log named @seed, one line at a time, against (@check) or into @obj. */
static bool log_walk(u8 *obj, size_t size, u32 seed, bool check)
{
	char line[128];
	size_t at = 0, take;
	u32 n;
	int len;

	for (n = 0; at < size; n++) {
		len = log_line(line, sizeof(line), seed, n);
		take = min_t(size_t, len, size - at);
		if (check && memcmp(obj + at, line, take))
			return false;
		if (!check)
			memcpy(obj + at, line, take);
		at += take;
	}
	return true;
}

void mpool_test_log_fill(void *obj, size_t size, u32 seed)
{
	log_walk(obj, size, seed, false);
}

bool mpool_test_log_filled(const void *obj, size_t size, u32 seed)
{
	return log_walk((u8 *)obj, size, seed, true);
}

mpool_handle_t mpool_test_h_alloc_log(struct kunit *test, struct mpool_m_pool *mp,
				      size_t size, u32 seed, unsigned int flags)
{
	mpool_handle_t h = mpool_h_alloc(mp, size, GFP_KERNEL, flags);
	void *obj;

	KUNIT_ASSERT_NE_MSG(test, h, 0, "size %zu", size);
	obj = mpool_h_map(mp, h);
	KUNIT_ASSERT_FALSE(test, IS_ERR(obj));
	mpool_test_log_fill(obj, size, seed);
	mpool_h_unmap(mp, h);
	return h;
}

bool mpool_test_h_log_intact(struct mpool_m_pool *mp, mpool_handle_t h, size_t size,
			     u32 seed)
{
	void *obj = mpool_h_map(mp, h);
	bool ok;

	if (IS_ERR(obj))
		return false;
	ok = mpool_test_log_filled(obj, size, seed);
	mpool_h_unmap(mp, h);
	return ok;
}
