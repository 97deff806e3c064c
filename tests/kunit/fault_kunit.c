// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_fault: what a pool does when memory runs out. Failures come from the
 * kernel's own fault injection (failslab, fail_page_alloc, fail-nth) and hit this
 * test's thread only (task-filter, make_it_fail): the reserve serves what the page
 * allocator cannot, failed allocations return NULL and are counted, a failed
 * mpool_create() leaves nothing behind, warming and bulk allocation stop short but
 * stay consistent, and frees that cannot get a magazine go straight to their slab.
 * Buffer pools likewise: a failed mpool_buf_create() leaves nothing behind, a class
 * that cannot grow serves its reserve and then fails (counted in that class), and an
 * oversize buffer whose kvmalloc() or whose registration fails is counted and leaves
 * no trace, and those in use when their pool is destroyed become the caller's. A
 * managed pool's collection that cannot get memory for its moves leaves every object
 * where it was, intact, and its cold tier's compressions and decompressions that
 * cannot get memory leave every object intact and reachable; an allocation whose
 * handle needs a new chunk of the handle table that cannot be had fails, counted.
 *
 * The fault attributes are debugfs files, written through a user page
 * (mpool_test_ufile), and a slab cache's failslab flag in sysfs. Every attribute is
 * read before it is changed and written back when the test ends, whatever its outcome.
 */

#include <kunit/test.h>
#include <kunit/test-bug.h>
#include <linux/fs.h>
#include <linux/kthread.h>
#include <linux/mman.h>
#include <linux/nodemask.h>
#include <linux/sched.h>
#include <linux/sched/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/stringify.h>
#include <linux/topology.h>
#include <linux/uaccess.h>

#include "managed.h"
#include "pool.h"
#include "pool_test.h"

MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);	/* mpool_adapt_step(), mpool_cold_is_cold() */

#define DEBUGFS		"/sys/kernel/debug/"
#define FAILSLAB	DEBUGFS "failslab/"
#define FAIL_PAGE	DEBUGFS "fail_page_alloc/"

/* 512-byte objects: eight to a 4 KiB slab, so a reserve of eight is one whole slab. */
#define BIG		512
#define PER_SLAB	8

#define KNOBS_MAX	20
#define KNOB_LEN	32

struct knob {
	char path[64];
	char old[KNOB_LEN];
};

struct fault_knobs {
	struct mpool_test_ufile *file;	/* a user page of the test thread's mm */
	unsigned int nr;
	struct knob saved[KNOBS_MAX];	/* in the order they were changed */
};

/*
 * A fault attribute: a debugfs file, whose methods take only user pointers (through
 * the test's user page), or a sysfs file (kernfs: kernel_read() and kernel_write()).
 */
static ssize_t knob_read(struct fault_knobs *k, const char *path, char *buf, size_t len)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t ret;

	if (!strncmp(path, DEBUGFS, strlen(DEBUGFS)))
		return mpool_test_ufile_read_path(k->file, path, buf, len);
	f = filp_open(path, O_RDONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = kernel_read(f, buf, len - 1, &pos);
	if (ret >= 0)
		buf[ret] = '\0';
	filp_close(f, NULL);
	return ret;
}

static ssize_t knob_write(struct fault_knobs *k, const char *path, const char *val)
{
	struct file *f;
	loff_t pos = 0;
	ssize_t ret;

	if (!strncmp(path, DEBUGFS, strlen(DEBUGFS)))
		return mpool_test_ufile_write_path(k->file, path, val);
	f = filp_open(path, O_WRONLY, 0);
	if (IS_ERR(f))
		return PTR_ERR(f);
	ret = kernel_write(f, val, strlen(val), &pos);
	filp_close(f, NULL);
	return ret;
}

/*
 * Undo every change, newest first: probability goes back before task-filter does.
 * Each value is read back; one that did not stick fails the test. KUnit runs this in
 * another thread: it borrows the test's mm for the user page.
 */
static void knobs_restore(void *data)
{
	struct fault_knobs *k = data;
	bool borrow = !current->mm;
	char now[KNOB_LEN];

	if (borrow)
		kthread_use_mm(k->file->mm);
	while (k->nr) {
		struct knob *kn = &k->saved[--k->nr];

		if (knob_write(k, kn->path, kn->old) < 0 ||
		    knob_read(k, kn->path, now, sizeof(now)) < 0 || strcmp(now, kn->old))
			kunit_fail_current_test("could not restore %s to %s", kn->path, kn->old);
	}
	if (borrow)
		kthread_unuse_mm(k->file->mm);
}

static struct fault_knobs *knobs_get(struct kunit *test)
{
	struct fault_knobs *k = kunit_kzalloc(test, sizeof(*k), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, k);
	/* Registered first, so the mm reference outlives the restore below. */
	k->file = mpool_test_ufile_get(test);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, knobs_restore, k), 0);
	return k;
}

/* Set attribute @name of fault type @dir to @val, remembering its value for later. */
static void knob_in(struct kunit *test, struct fault_knobs *k, const char *dir,
		    const char *name, const char *val)
{
	struct knob *kn;
	ssize_t ret;

	KUNIT_ASSERT_LT(test, k->nr, KNOBS_MAX);
	kn = &k->saved[k->nr];
	snprintf(kn->path, sizeof(kn->path), "%s%s", dir, name);
	ret = knob_read(k, kn->path, kn->old, sizeof(kn->old));
	KUNIT_ASSERT_GT_MSG(test, ret, 0, "read %s: %zd", kn->path, ret);
	k->nr++;
	ret = knob_write(k, kn->path, val);
	KUNIT_ASSERT_EQ_MSG(test, ret, (ssize_t)strlen(val), "write %s to %s: %zd", val,
			    kn->path, ret);
}

/*
 * What decides which allocations of @dir may fail, before any is made to. task-filter
 * comes first: from then on only tasks with make_it_fail fail, so a probability of
 * 100 set later cannot hit the rest of the system even for a moment.
 */
static void fail_filters(struct kunit *test, struct fault_knobs *k, const char *dir)
{
	knob_in(test, k, dir, "task-filter", "Y");
	/* Defaults to Y: sleeping (GFP_KERNEL) allocations would never fail. */
	knob_in(test, k, dir, "ignore-gfp-wait", "N");
	knob_in(test, k, dir, "verbose", "0");
	if (!strcmp(dir, FAIL_PAGE))
		knob_in(test, k, dir, "min-order", "0");	/* default 1: order 0 never fails */
	else
		knob_in(test, k, dir, "cache-filter", "N");	/* every cache */
}

/* Every allocation of @dir's kind by this thread fails once @space went by. */
static void fail_all(struct kunit *test, struct fault_knobs *k, const char *dir,
		     const char *space)
{
	fail_filters(test, k, dir);
	knob_in(test, k, dir, "interval", "1");
	knob_in(test, k, dir, "times", "-1");		/* default 1 */
	knob_in(test, k, dir, "space", space);
	knob_in(test, k, dir, "probability", "100");
}

/* Every page allocation of this thread fails, after @space order-0 pages (less one). */
static void fail_pages(struct kunit *test, struct fault_knobs *k, const char *space)
{
	fail_all(test, k, FAIL_PAGE, space);
}

/* Every slab allocation (kmalloc and friends) of this thread fails. */
static void fail_slab(struct kunit *test, struct fault_knobs *k)
{
	fail_all(test, k, FAILSLAB, "0");
}

/* Turn this thread's failures on and off; never assert while they are on. */
static void inject(bool on)
{
#ifdef CONFIG_FAULT_INJECTION
	current->make_it_fail = on;
#endif
}

/* Fail this thread's @nth fault-injection point (0: none); returns what was left. */
static unsigned int fail_nth(unsigned int nth)
{
	unsigned int left = 0;

#ifdef CONFIG_FAULT_INJECTION
	left = current->fail_nth;
	current->fail_nth = nth;
#endif
	return left;
}

static int fault_init(struct kunit *test)
{
	if (!IS_ENABLED(CONFIG_FAILSLAB) || !IS_ENABLED(CONFIG_FAIL_PAGE_ALLOC) ||
	    !IS_ENABLED(CONFIG_FAULT_INJECTION_DEBUG_FS))
		kunit_skip(test, "needs FAILSLAB, FAIL_PAGE_ALLOC and FAULT_INJECTION_DEBUG_FS");
	return 0;
}

/* A node with memory other than @nid, or NUMA_NO_NODE. */
static int other_node(int nid)
{
	int other;

	for_each_node_state(other, N_MEMORY) {
		if (other != nid)
			return other;
	}
	return NUMA_NO_NODE;
}

/* ---- the reserve ---- */

static void reserve_serves_while_pages_fail(struct kunit *test)
{
	struct mpool_config cfg = { .name = "fault_reserve", .size = BIG,
				    .min_objects = PER_SLAB, .node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	void *objs[PER_SLAB], *extra;
	unsigned int i, got = 0;
	struct mpool_stats st;
	struct mpool *pool;

	/* Before creation: the reserve comes from this CPU's node, and frees refill it. */
	mpool_test_pin(test, raw_smp_processor_id());
	pool = mpool_test_create(test, &cfg);
	mpool_get_stats(pool, &st);
	KUNIT_ASSERT_EQ(test, st.reserve, PER_SLAB);
	/* The reserve took its slab whole: no object is cached anywhere else. */
	KUNIT_ASSERT_EQ_MSG(test, st.objects, PER_SLAB, "stride %llu", st.object_stride);

	fail_pages(test, k, "0");
	inject(true);
	for (i = 0; i < PER_SLAB; i++) {
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
		got += !!objs[i];
	}
	extra = mpool_alloc(pool, GFP_KERNEL);
	inject(false);

	KUNIT_EXPECT_EQ(test, got, PER_SLAB);
	KUNIT_EXPECT_NULL(test, extra);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_reserve, PER_SLAB);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, st.alloc_page, 0);
	KUNIT_EXPECT_EQ(test, st.slabs, 1);
	KUNIT_EXPECT_EQ(test, st.reserve, 0);
	mpool_test_expect_live(test, pool, got + !!extra);

	/* Pages again: the frees go to the reserve before any cache. */
	for (i = 0; i < PER_SLAB; i++)
		mpool_free(pool, objs[i]);
	mpool_free(pool, extra);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.free_reserve, PER_SLAB);
	KUNIT_EXPECT_EQ(test, st.reserve, PER_SLAB);
	mpool_test_expect_live(test, pool, 0);

	/* And ordinary allocations leave the refilled reserve alone. */
	extra = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, extra);
	mpool_free(pool, extra);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_page, 1);
	KUNIT_EXPECT_EQ(test, st.reserve, PER_SLAB);
	mpool_test_expect_live(test, pool, 0);
}

static void alloc_fails_cleanly_without_reserve(struct kunit *test)
{
	static const gfp_t gfps[] = { GFP_KERNEL, GFP_NOWAIT, GFP_ATOMIC };
	struct mpool_config cfg = { .name = "fault_noreserve", .size = 64,
				    .node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	struct mpool *pool = mpool_test_create(test, &cfg);
	void *objs[ARRAY_SIZE(gfps)], *obj;
	struct mpool_stats st;
	unsigned int i;

	mpool_test_pin(test, raw_smp_processor_id());
	fail_pages(test, k, "0");
	inject(true);
	for (i = 0; i < ARRAY_SIZE(gfps); i++)
		objs[i] = mpool_alloc(pool, gfps[i]);
	inject(false);

	for (i = 0; i < ARRAY_SIZE(gfps); i++) {
		KUNIT_EXPECT_NULL_MSG(test, objs[i], "gfp %pGg", &gfps[i]);
		mpool_free(pool, objs[i]);
	}
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, ARRAY_SIZE(gfps));
	KUNIT_EXPECT_EQ(test, st.alloc_capped, 0);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), 0);
	/* A failed growth left no slab, no claimed object behind. */
	KUNIT_EXPECT_EQ(test, st.slabs, 0);
	KUNIT_EXPECT_EQ(test, st.slabs_grown, 0);
	KUNIT_EXPECT_EQ(test, st.objects, 0);
	mpool_test_expect_live(test, pool, 0);

	/* The attributes are still set; only this thread's make_it_fail is off. */
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	mpool_free(pool, obj);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_page, 1);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, ARRAY_SIZE(gfps));
	mpool_test_expect_live(test, pool, 0);
}

/* ---- mpool_create() ---- */

struct create_param {
	const char *desc;
	size_t size;
	unsigned int min_objects;
	unsigned int flags;
	bool ctor;
};

static const struct create_param create_params[] = {
	{ "reserve of 40", 64, 40, 0, false },
	{ "tracked, ctor allocates, reserve of 8", BIG, PER_SLAB, MPOOL_F_TRACK, true },
	{ "irqsafe poisoned, no reserve", 256, 0, MPOOL_F_IRQSAFE | MPOOL_F_POISON, false },
};

static void create_param_desc(const struct create_param *p, char *desc)
{
	strscpy(desc, p->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(create, create_params, create_param_desc);

struct ctor_counts {
	unsigned int ctor;
	unsigned int dtor;
};

struct buffered {
	void *buffer;
};

/* A constructor that allocates, so failslab can make it fail too. */
static int buffered_ctor(void *obj, void *priv, gfp_t gfp)
{
	struct ctor_counts *c = priv;
	struct buffered *b = obj;

	b->buffer = kmalloc(32, gfp);
	if (!b->buffer)
		return -ENOMEM;
	c->ctor++;
	return 0;
}

static void buffered_dtor(void *obj, void *priv)
{
	struct ctor_counts *c = priv;
	struct buffered *b = obj;

	kfree(b->buffer);
	c->dtor++;
}

/* Far more than mpool_create() allocates; reaching it means the loop never ended. */
#define CREATE_MAX_NTH	2000

/*
 * Fail the first, then the second, ... allocation of mpool_create() until one goes
 * through. fail-nth (the kernel's /proc/<pid>/fail-nth, here current->fail_nth) picks
 * exactly the Nth fault-injection point of this thread; failslab only has to let
 * sleeping allocations count, and be quiet. Each failure must be a clean -ENOMEM: no
 * pool (the name is free again, so the next round can take it), every constructed
 * object destroyed, nothing leaked (kmemleak checks after the run).
 */
static void create_fails_cleanly_at_every_allocation(struct kunit *test)
{
	const struct create_param *p = test->param_value;
	struct ctor_counts *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct mpool_config cfg = {
		.name = "fault_create", .size = p->size, .flags = p->flags,
		.min_objects = p->min_objects, .node = NUMA_NO_NODE,
	};
	struct fault_knobs *k = knobs_get(test);
	unsigned int nth, left = 0, failures = 0;
	struct mpool_stats st;
	struct mpool *pool;

	KUNIT_ASSERT_NOT_NULL(test, c);
	if (p->ctor) {
		cfg.ctor = buffered_ctor;
		cfg.dtor = buffered_dtor;
		cfg.priv = c;
	}
	/* Probability stays 0: nothing but the Nth point fails. */
	fail_filters(test, k, FAILSLAB);
	/* fail-nth counts page allocations too; keep their failures as quiet. */
	knob_in(test, k, FAIL_PAGE, "verbose", "0");

	for (nth = 1; nth <= CREATE_MAX_NTH && !left; nth++) {
		fail_nth(nth);
		pool = mpool_create(&cfg);
		left = fail_nth(0);

		if (IS_ERR(pool)) {
			KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(pool), -ENOMEM, "allocation %u", nth);
			KUNIT_EXPECT_EQ_MSG(test, c->dtor, c->ctor, "allocation %u", nth);
			failures++;
			continue;
		}
		/*
		 * Succeeded: the failure (if one was injected) hit an allocation the kernel
		 * tolerates (kmemleak's metadata, a debugfs entry). The pool is whole.
		 */
		mpool_get_stats(pool, &st);
		KUNIT_EXPECT_EQ_MSG(test, st.reserve, p->min_objects, "allocation %u", nth);
		KUNIT_EXPECT_EQ_MSG(test, st.live, 0, "allocation %u", nth);
		mpool_destroy(pool);
		KUNIT_EXPECT_EQ_MSG(test, c->dtor, c->ctor, "allocation %u", nth);
	}
	/* The last round made fewer than nth allocations and succeeded. */
	KUNIT_EXPECT_GT_MSG(test, left, 0, "mpool_create() still failing after %u rounds",
			    CREATE_MAX_NTH);
	KUNIT_EXPECT_GT(test, failures, 0);
	kunit_info(test, "%u of %u injected failures made mpool_create() fail\n", failures,
		   nth - 2);
}

/* ---- warming and bulk ---- */

static void warm_stops_short_and_keeps_what_it_warmed(struct kunit *test)
{
	struct mpool_config cfg = { .name = "fault_warm", .size = BIG, .node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	unsigned int i, n;
	void **objs;
	int nid, ret;

	mpool_test_pin(test, raw_smp_processor_id());
	nid = cpu_to_mem(raw_smp_processor_id());
	KUNIT_ASSERT_EQ(test, mpool_warm(pool, 2 * PER_SLAB, nid), 0);
	mpool_get_stats(pool, &st);
	KUNIT_ASSERT_EQ_MSG(test, st.objects, 2 * PER_SLAB, "stride %llu", st.object_stride);

	/* A few pages go through (this warm makes progress), then every one fails. */
	fail_pages(test, k, "4");
	inject(true);
	ret = mpool_warm(pool, 8 * PER_SLAB, nid);
	inject(false);

	KUNIT_EXPECT_EQ(test, ret, -ENOMEM);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_GE(test, st.slabs_grown, 2);
	KUNIT_EXPECT_LT(test, st.slabs_grown, 8);
	KUNIT_EXPECT_EQ(test, st.slabs, st.slabs_grown);
	KUNIT_EXPECT_EQ(test, st.slabs_released, 0);
	KUNIT_EXPECT_EQ(test, st.pages, st.slabs);
	KUNIT_EXPECT_EQ(test, st.objects, st.slabs * PER_SLAB);
	KUNIT_EXPECT_EQ(test, st.cached, st.objects);
	mpool_test_expect_live(test, pool, 0);

	/* Every object warmed is there: all of them come without a new page. */
	n = st.objects;
	objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	for (i = 0; i < n; i++) {
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.alloc_page, 0);
	KUNIT_EXPECT_EQ(test, st.slabs, st.slabs_grown);
	for (i = 0; i < n; i++)
		mpool_free(pool, objs[i]);
	mpool_test_expect_live(test, pool, 0);

	/* With pages again, the same warm completes. */
	KUNIT_EXPECT_EQ(test, mpool_warm(pool, 8 * PER_SLAB, nid), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_GE(test, st.objects, 8 * PER_SLAB);
	mpool_test_expect_live(test, pool, 0);
}

static void bulk_stops_short_with_exact_counts(struct kunit *test)
{
	struct mpool_config cfg = { .name = "fault_bulk", .size = BIG,
				    .min_objects = PER_SLAB, .node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	unsigned int want = 5 * PER_SLAB, got;
	struct mpool_stats st;
	struct mpool *pool;
	void **objs;

	objs = kunit_kcalloc(test, want, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);
	mpool_test_pin(test, raw_smp_processor_id());
	pool = mpool_test_create(test, &cfg);
	/* Two slabs ready beside the reserve's one: 16 cached, 8 in reserve. */
	KUNIT_ASSERT_EQ(test, mpool_warm(pool, 2 * PER_SLAB, cpu_to_mem(raw_smp_processor_id())),
			0);
	mpool_get_stats(pool, &st);
	KUNIT_ASSERT_EQ_MSG(test, st.objects, 3 * PER_SLAB, "stride %llu", st.object_stride);

	fail_pages(test, k, "0");
	inject(true);
	got = mpool_alloc_bulk(pool, GFP_KERNEL, want, objs);
	inject(false);

	/* The caches, then the reserve, then one counted failure ends the bulk. */
	KUNIT_EXPECT_EQ(test, got, 3 * PER_SLAB);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), got);
	KUNIT_EXPECT_EQ(test, st.alloc_reserve, PER_SLAB);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, st.alloc_page, 0);
	KUNIT_EXPECT_EQ(test, st.reserve, 0);
	mpool_test_expect_live(test, pool, got);

	mpool_free_bulk(pool, got, objs);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), got);
	KUNIT_EXPECT_EQ(test, st.free_reserve, PER_SLAB);
	KUNIT_EXPECT_EQ(test, st.reserve, PER_SLAB);
	mpool_test_expect_live(test, pool, 0);

	/* Pages again: the whole bulk is served. */
	KUNIT_EXPECT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, want, objs), want);
	mpool_free_bulk(pool, want, objs);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), got + want);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, 1);
	mpool_test_expect_live(test, pool, 0);
}

/* ---- frees without magazines ---- */

#define MAG	8

static void frees_go_to_slab_when_magazines_fail(struct kunit *test)
{
	struct mpool_config cfg = { .name = "fault_free", .size = 64, .magazine_size = MAG,
				    .node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	struct mpool *pool = mpool_test_create(test, &cfg);
	unsigned int local = 5 * MAG, remote = 0, i;
	void *objs[5 * MAG + 10];
	struct mpool_stats st;
	int far;

	mpool_test_pin(test, raw_smp_processor_id());
	for (i = 0; i < local; i++) {
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
	}
	/* Objects of another node go home through a batch magazine: it fails too. */
	far = other_node(cpu_to_mem(raw_smp_processor_id()));
	if (far != NUMA_NO_NODE) {
		for (remote = 0; remote < ARRAY_SIZE(objs) - local; remote++) {
			objs[local + remote] = mpool_alloc_node(pool, GFP_KERNEL, far);
			KUNIT_ASSERT_NOT_NULL(test, objs[local + remote]);
		}
	}
	mpool_get_stats(pool, &st);
	KUNIT_ASSERT_EQ(test, mpool_stats_frees(&st), 0);

	/* Magazines come from kmalloc(GFP_NOWAIT): make every one of them fail. */
	fail_slab(test, k);
	inject(true);
	for (i = 0; i < local + remote; i++)
		mpool_free(pool, objs[i]);
	inject(false);

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.free_depot, 0);
	KUNIT_EXPECT_EQ(test, st.free_magazine + st.free_slab, local);
	/* Only the room left in the magazine the CPU already had. */
	KUNIT_EXPECT_GE(test, st.free_slab, local - MAG);
	KUNIT_EXPECT_EQ(test, st.free_remote, remote);
	KUNIT_EXPECT_EQ(test, st.free_reserve, 0);
	mpool_test_expect_live(test, pool, 0);

	/* None lost: once the caches are drained, every slab is free and goes. */
	mpool_shrink(pool);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.slabs, 0);
	KUNIT_EXPECT_EQ(test, st.objects, 0);
	KUNIT_EXPECT_EQ(test, st.slabs_released, st.slabs_grown);
}

/* ---- buffer pools ---- */

/* Above the largest default class: kvmalloc()ed, counted as oversize. */
#define OVERSIZE	(MPOOL_BUF_MAX_CLASS + 1)
/* Quiet: a vmalloc() that fails must not print (warn_alloc) under failure injection. */
#define OVERSIZE_GFP	(GFP_KERNEL | __GFP_NOWARN)

static struct mpool_stats *stats_buffer(struct kunit *test)
{
	struct mpool_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	return st;
}

/* A snapshot of the class that serves @size. */
static void class_stats(struct kunit *test, struct mpool_buf_pool *bp, size_t size,
			struct mpool_stats *st)
{
	struct mpool *class = mpool_buf_class(bp, size);

	KUNIT_ASSERT_NOT_NULL(test, class);
	mpool_get_stats(class, st);
}

static u64 hist_total(const struct mpool_stats *st)
{
	u64 n = 0;
	unsigned int i;

	for (i = 0; i < MPOOL_HIST_BUCKETS; i++)
		n += st->size_hist[i];
	return n;
}

/* Allocation failures counted by the classes alone (not the oversize ones). */
static u64 classes_alloc_fail(struct mpool_buf_pool *bp, struct mpool_stats *st)
{
	unsigned int i;
	u64 n = 0;

	for (i = 0; i < mpool_test_buf_nr_classes(bp); i++) {
		mpool_get_stats(mpool_test_buf_class_at(bp, i), st);
		n += st->alloc_fail;
	}
	return n;
}

struct buf_create_param {
	const char *desc;
	const unsigned int *sizes;
	unsigned int nr_sizes;
	const unsigned int *min_objects;
	const unsigned int *max_objects;
	unsigned int flags;
	bool adaptive;
	unsigned int tail;	/* fail only the last @tail fault points; 0: every one */
};

/*
 * Small pools: every class costs tens of milliseconds to build and tear down under TCG,
 * every fault point a round. Every point of a one-class pool (the buffer pool's own
 * allocations, a class with a reserve: page failures hit it, the registry entry); then
 * the last points of a two-class pool with reserves and the adaptive controller, which
 * starts last: its registry entry and controllers fail after both classes were built.
 * A class failing inside is an object pool failing (mpool_create() above).
 */
static const unsigned int bc_one_sizes[] = { 4096 };
static const unsigned int bc_one_min[] = { 4 };
static const unsigned int bc_one_max[] = { 64 };
static const unsigned int bc_two_sizes[] = { 192, 4096 };
static const unsigned int bc_two_min[] = { 16, 4 };

static const struct buf_create_param buf_create_params[] = {
	{ "one class: a reserve, a cap, poisoned", bc_one_sizes, ARRAY_SIZE(bc_one_sizes),
	  bc_one_min, bc_one_max, MPOOL_F_POISON, false, 0 },
	{ "two classes with reserves, adaptive: the last 24 points", bc_two_sizes,
	  ARRAY_SIZE(bc_two_sizes), bc_two_min, NULL, 0, true, 24 },
};

static void buf_create_param_desc(const struct buf_create_param *p, char *desc)
{
	strscpy(desc, p->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(buf_create, buf_create_params, buf_create_param_desc);

/* A whole buffer pool, as @p asked for it; @round names the failure in messages. */
static void expect_whole_buf_pool(struct kunit *test, const struct buf_create_param *p,
				  struct mpool_buf_pool *bp, struct mpool_stats *st,
				  unsigned int round)
{
	unsigned int i;

	KUNIT_ASSERT_EQ_MSG(test, mpool_test_buf_nr_classes(bp), p->nr_sizes, "allocation %u",
			    round);
	for (i = 0; i < p->nr_sizes; i++) {
		struct mpool *class = mpool_test_buf_class_at(bp, i);

		mpool_get_stats(class, st);
		KUNIT_EXPECT_EQ_MSG(test, st->object_size, p->sizes[i], "allocation %u, class %u",
				    round, i);
		KUNIT_EXPECT_EQ_MSG(test, st->reserve, p->min_objects ? p->min_objects[i] : 0,
				    "allocation %u, class %u", round, i);
		KUNIT_EXPECT_EQ_MSG(test, st->max_objects, p->max_objects ? p->max_objects[i] : 0,
				    "allocation %u, class %u", round, i);
		KUNIT_EXPECT_EQ_MSG(test, st->flags, p->flags, "allocation %u, class %u", round, i);
		KUNIT_EXPECT_EQ_MSG(test, st->live, 0, "allocation %u, class %u", round, i);
		/* Asked for, the controller runs in every class: a step is taken (0). */
		if (p->adaptive)
			KUNIT_EXPECT_EQ_MSG(test, mpool_adapt_step(class, 0), 0,
					    "allocation %u: class %u has no adaptive controller",
					    round, i);
	}
}

/*
 * mpool_buf_create() under fail-nth, as mpool_create() above: the first, second, ...
 * fault point of the creation fails (slab and page allocations alike: class pools,
 * their reserves, the registry entry, the controllers) until one round goes through.
 * Each failure is a clean -ENOMEM: no pool, its name free again (the next round takes
 * it: -EEXIST would show), nothing leaked (kmemleak). A round that succeeds despite
 * its failure (one the kernel tolerates) built the whole pool asked for.
 */
static void buf_create_fails_cleanly_at_every_allocation(struct kunit *test)
{
	const struct buf_create_param *p = test->param_value;
	const struct mpool_buf_config cfg = {
		.sizes = p->sizes, .nr_sizes = p->nr_sizes, .min_objects = p->min_objects,
		.max_objects = p->max_objects, .flags = p->flags, .node = NUMA_NO_NODE,
		.adaptive = p->adaptive,
	};
	const struct mpool_config other_cfg = { .name = "fault_bufcreate", .size = 64,
						.node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	struct mpool_stats *st = stats_buffer(test);
	unsigned int nth, points, failures = 0, rounds = 0;
	struct mpool_buf_pool *bp;
	int step;
	struct mpool *other;

	/* Probability stays 0: nothing but the Nth point fails, pages included. */
	fail_filters(test, k, FAILSLAB);
	fail_filters(test, k, FAIL_PAGE);

	/* Count the points of a whole creation (nothing fails: UINT_MAX is never reached). */
	fail_nth(UINT_MAX);
	bp = mpool_buf_create("fault_bufcreate", &cfg);
	points = UINT_MAX - fail_nth(0);
	KUNIT_ASSERT_FALSE_MSG(test, IS_ERR(bp), "mpool_buf_create(): %ld", PTR_ERR(bp));
	expect_whole_buf_pool(test, p, bp, st, 0);
	mpool_buf_destroy(bp);
	KUNIT_ASSERT_LE(test, points, CREATE_MAX_NTH);

	/*
	 * Every point, or with @tail the last ones, walking back from the end: a later
	 * creation may pass fewer points (caches the first one filled), so the walk stops
	 * after @tail real failures rather than at a point count measured once.
	 */
	step = p->tail ? -1 : 1;
	for (nth = p->tail ? points : 1; nth >= 1 && nth <= points; nth += step) {
		if (p->tail && failures == p->tail)
			break;
		rounds++;
		fail_nth(nth);
		bp = mpool_buf_create("fault_bufcreate", &cfg);
		fail_nth(0);

		if (IS_ERR(bp)) {
			KUNIT_EXPECT_EQ_MSG(test, PTR_ERR(bp), -ENOMEM, "allocation %u", nth);
			failures++;
			continue;
		}
		/* Point not reached, or a failure the kernel tolerated: whole anyway. */
		expect_whole_buf_pool(test, p, bp, st, nth);
		mpool_buf_destroy(bp);
	}
	KUNIT_EXPECT_GT_MSG(test, failures, 0, "%u points, %u rounds", points, rounds);
	if (p->tail)
		KUNIT_EXPECT_EQ(test, failures, p->tail);

	/* Nothing of the failed rounds holds the name, as object pool or buffer pool. */
	other = mpool_create(&other_cfg);
	KUNIT_EXPECT_FALSE_MSG(test, IS_ERR(other), "name still taken: %ld", PTR_ERR(other));
	mpool_destroy(other);
	kunit_info(test, "%u of %u injected failures made mpool_buf_create() fail (%u points)\n",
		   failures, rounds, points);
}

/* 512-byte class: eight to a 4 KiB slab, so a reserve of eight is one whole slab. */
static const unsigned int bcls_sizes[] = { 128, BIG, 8192 };
static const unsigned int bcls_min[] = { 0, PER_SLAB, 0 };

/*
 * Page allocations fail: a class without a reserve returns NULL at once, counted as
 * alloc_fail of that class (and only there); the class with a reserve serves it
 * whole, counting sizes asked and bytes granted as usual, then fails. Frees refill
 * the reserve; with pages again, every class grows.
 */
static void buf_class_alloc_fails_under_page_failure(struct kunit *test)
{
	const struct mpool_buf_config cfg = {
		.sizes = bcls_sizes, .nr_sizes = ARRAY_SIZE(bcls_sizes),
		.min_objects = bcls_min, .node = NUMA_NO_NODE,
	};
	struct fault_knobs *k = knobs_get(test);
	struct mpool_stats *st = stats_buffer(test);
	void *small, *small_far, *res[PER_SLAB], *res_extra, *big;
	struct mpool_buf_pool *bp;
	unsigned int i, got = 0;
	u64 asked = 0;
	int far;

	/* Before creation: the reserve comes from this CPU's node, and frees refill it. */
	mpool_test_pin(test, raw_smp_processor_id());
	far = other_node(numa_node_id());
	bp = mpool_test_buf_create(test, "fault_bufclass", &cfg);
	class_stats(test, bp, BIG, st);
	KUNIT_ASSERT_EQ(test, st->reserve, PER_SLAB);
	KUNIT_ASSERT_EQ_MSG(test, st->objects, PER_SLAB, "stride %llu", st->object_stride);

	fail_pages(test, k, "0");
	inject(true);
	small = mpool_buf_alloc(bp, 100, GFP_KERNEL);
	small_far = mpool_buf_alloc_node(bp, 65, GFP_ATOMIC, far);
	for (i = 0; i < PER_SLAB; i++)
		res[i] = mpool_buf_alloc(bp, 300 + i, GFP_KERNEL);
	res_extra = mpool_buf_alloc(bp, BIG, GFP_KERNEL);
	big = mpool_buf_alloc(bp, 5000, GFP_NOWAIT);
	inject(false);

	KUNIT_EXPECT_NULL(test, small);
	KUNIT_EXPECT_NULL(test, small_far);
	KUNIT_EXPECT_NULL(test, res_extra);
	KUNIT_EXPECT_NULL(test, big);
	for (i = 0; i < PER_SLAB; i++) {
		KUNIT_EXPECT_NOT_NULL(test, res[i]);
		if (!res[i])
			continue;
		got++;
		asked += 300 + i;
		KUNIT_EXPECT_EQ(test, mpool_buf_size(res[i]), BIG);
		KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)res[i], BIG));
		memset(res[i], i, BIG);
	}

	/* No reserve: failed at once, in its own class only. */
	class_stats(test, bp, 128, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 2);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(st), 0);
	KUNIT_EXPECT_EQ(test, st->requested_bytes, 0);
	KUNIT_EXPECT_EQ(test, st->granted_bytes, 0);
	KUNIT_EXPECT_EQ(test, hist_total(st), 0);
	KUNIT_EXPECT_EQ(test, st->slabs, 0);
	KUNIT_EXPECT_EQ(test, st->objects, 0);
	class_stats(test, bp, 8192, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(st), 0);
	KUNIT_EXPECT_EQ(test, st->slabs, 0);

	/* The reserve served what it held, counted like any allocation, then failed. */
	class_stats(test, bp, BIG, st);
	KUNIT_EXPECT_EQ(test, st->alloc_reserve, got);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(st), got);
	KUNIT_EXPECT_EQ(test, st->alloc_page, 0);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, st->reserve, PER_SLAB - got);
	KUNIT_EXPECT_EQ(test, st->slabs, 1);
	KUNIT_EXPECT_EQ(test, st->requested_bytes, asked);
	KUNIT_EXPECT_EQ(test, st->granted_bytes, (u64)got * BIG);
	KUNIT_EXPECT_EQ(test, st->size_hist[ilog2(300)], got);
	KUNIT_EXPECT_EQ(test, hist_total(st), got);
	mpool_test_expect_live(test, mpool_buf_class(bp, BIG), got);

	/* The buffer pool as a whole: the sum, and no oversize anywhere. */
	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 4);
	KUNIT_EXPECT_EQ(test, st->live, got);
	KUNIT_EXPECT_EQ(test, st->requested_bytes, asked);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 0);

	/* Pages again: the frees refill the reserve first. */
	for (i = 0; i < PER_SLAB; i++)
		mpool_buf_free(bp, res[i]);
	mpool_buf_free(bp, res_extra);
	mpool_buf_free(bp, small);
	class_stats(test, bp, BIG, st);
	KUNIT_EXPECT_EQ(test, st->free_reserve, got);
	KUNIT_EXPECT_EQ(test, st->reserve, PER_SLAB);
	mpool_test_expect_live(test, mpool_buf_class(bp, BIG), 0);

	/* And every class grows again, leaving the reserve alone. */
	small = mpool_buf_alloc(bp, 100, GFP_KERNEL);
	res_extra = mpool_buf_alloc(bp, BIG, GFP_KERNEL);
	big = mpool_buf_alloc(bp, 5000, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, small);
	KUNIT_EXPECT_NOT_NULL(test, res_extra);
	KUNIT_EXPECT_NOT_NULL(test, big);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(big), 8192);
	mpool_buf_free(bp, small);
	mpool_buf_free(bp, res_extra);
	mpool_buf_free(bp, big);
	class_stats(test, bp, BIG, st);
	KUNIT_EXPECT_EQ(test, st->alloc_page, 1);
	KUNIT_EXPECT_EQ(test, st->reserve, PER_SLAB);
	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 4);
	KUNIT_EXPECT_EQ(test, st->live, 0);
}

struct oversize_param {
	const char *desc;
	bool pages;	/* fail every page allocation */
	bool slabs;	/* fail every slab allocation */
};

static const struct oversize_param oversize_params[] = {
	{ "pages fail", true, false },
	{ "slabs fail", false, true },
	{ "pages and slabs fail", true, true },
};

static void oversize_param_desc(const struct oversize_param *p, char *desc)
{
	strscpy(desc, p->desc, KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(oversize, oversize_params, oversize_param_desc);

/*
 * After failed oversize allocations: the failures counted, none registered (no
 * oversize buffer live), and the pool works as before: an oversize buffer of the
 * exact size, a class buffer beside it, both freed and counted.
 */
static void expect_oversize_recovers(struct kunit *test, struct mpool_buf_pool *bp,
				     struct mpool_stats *st, u64 oversize_failed,
				     u64 class_failed)
{
	u64 failed = oversize_failed + class_failed;
	u8 *over, *small;

	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, failed);
	KUNIT_EXPECT_EQ(test, classes_alloc_fail(bp, st), class_failed);
	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 0);
	KUNIT_EXPECT_EQ(test, st->live, 0);
	/* What a failed allocation returned is nothing: no size, and a free ignores it. */
	KUNIT_EXPECT_EQ(test, mpool_buf_size(NULL), 0);
	mpool_buf_free(bp, NULL);

	over = mpool_buf_alloc(bp, OVERSIZE, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, over);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(over), OVERSIZE);
	over[0] = 1;
	over[OVERSIZE - 1] = 1;
	small = mpool_buf_alloc(bp, 100, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, small);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(small), 128);
	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, 1);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 1);
	KUNIT_EXPECT_EQ(test, st->live, 1);
	/* The class buffer is freed while an oversize one is live: looked up, not kvfree'd. */
	mpool_buf_free(bp, small);
	mpool_buf_free(bp, over);
	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, 1);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 0);
	KUNIT_EXPECT_EQ(test, st->live, 0);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(st), 1);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, failed);
}

/*
 * kvmalloc() fails (its kmalloc and its vmalloc fallback; GFP_ATOMIC has no fallback),
 * or with only slabs failing, the registration after it may: every oversize request
 * returns NULL and is counted as a failure of the buffer pool, not of a class.
 */
static void buf_oversize_fails_cleanly(struct kunit *test)
{
	const struct oversize_param *p = test->param_value;
	const struct mpool_buf_config cfg = { .node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	struct mpool_stats *st = stats_buffer(test);
	int far = other_node(numa_node_id());
	struct mpool_buf_pool *bp;
	void *bufs[3];
	unsigned int i;

	bp = mpool_test_buf_create(test, "fault_bufover", &cfg);
	if (p->pages)
		fail_pages(test, k, "0");
	if (p->slabs)
		fail_slab(test, k);
	inject(true);
	bufs[0] = mpool_buf_alloc(bp, OVERSIZE, OVERSIZE_GFP);
	bufs[1] = mpool_buf_alloc_node(bp, 3 << 20, OVERSIZE_GFP, far);
	bufs[2] = mpool_buf_alloc(bp, OVERSIZE, GFP_ATOMIC | __GFP_NOWARN);
	inject(false);

	for (i = 0; i < ARRAY_SIZE(bufs); i++) {
		KUNIT_EXPECT_NULL_MSG(test, bufs[i], "request %u", i);
		mpool_buf_free(bp, bufs[i]);
	}
	expect_oversize_recovers(test, bp, st, ARRAY_SIZE(bufs), 0);
}

#define SLAB_SYSFS		"/sys/kernel/slab/"
/* The xarray's nodes: what registering an oversize buffer allocates. */
#define XA_NODE_CACHE		"radix_tree_node"
/* Failures allowed, to count how many were injected. */
#define XA_FAIL_TIMES		100

/* How many failures @dir injected since its "times" was set to XA_FAIL_TIMES. */
static int failures_injected(struct kunit *test, struct fault_knobs *k, const char *dir)
{
	char path[64], val[KNOB_LEN];
	int left;

	snprintf(path, sizeof(path), "%stimes", dir);
	KUNIT_ASSERT_GT(test, knob_read(k, path, val, sizeof(val)), 0);
	KUNIT_ASSERT_EQ(test, kstrtoint(strim(val), 0, &left), 0);
	return XA_FAIL_TIMES - left;
}

/*
 * kvmalloc() succeeds but recording the buffer (an xarray store) cannot allocate:
 * failslab hits the xarray's node cache only (cache-filter), so the buffer itself is
 * allocated and must be given back. The request returns NULL, counted, and nothing is
 * registered. Class slabs register in an xarray too: a class that cannot index its
 * new slab fails the same way, its page given back.
 */
static void buf_oversize_registration_fails_cleanly(struct kunit *test)
{
	const struct mpool_buf_config cfg = { .node = NUMA_NO_NODE };
	struct fault_knobs *k = knobs_get(test);
	struct mpool_stats *st = stats_buffer(test);
	char val[KNOB_LEN];
	void *over, *over_atomic, *small;
	struct mpool_buf_pool *bp;
	int injected;

	if (knob_read(k, SLAB_SYSFS XA_NODE_CACHE "/failslab", val, sizeof(val)) < 0)
		kunit_skip(test, "no " SLAB_SYSFS XA_NODE_CACHE "/failslab (SLUB_DEBUG)");
	bp = mpool_test_buf_create(test, "fault_bufxa", &cfg);
	mpool_test_pin(test, raw_smp_processor_id());

	knob_in(test, k, FAILSLAB, "task-filter", "Y");
	knob_in(test, k, FAILSLAB, "ignore-gfp-wait", "N");
	knob_in(test, k, FAILSLAB, "verbose", "0");
	knob_in(test, k, FAILSLAB, "cache-filter", "Y");
	knob_in(test, k, SLAB_SYSFS XA_NODE_CACHE "/", "failslab", "1");
	knob_in(test, k, FAILSLAB, "interval", "1");
	knob_in(test, k, FAILSLAB, "times", __stringify(XA_FAIL_TIMES));
	knob_in(test, k, FAILSLAB, "space", "0");
	knob_in(test, k, FAILSLAB, "probability", "100");

	inject(true);
	over = mpool_buf_alloc(bp, OVERSIZE, OVERSIZE_GFP);
	inject(false);
	KUNIT_EXPECT_NULL(test, over);
	mpool_buf_free(bp, over);
	/* Only xarray nodes may fail: one did, so kvmalloc() had succeeded. */
	injected = failures_injected(test, k, FAILSLAB);
	KUNIT_EXPECT_GT_MSG(test, injected, 0, "the registration never ran");

	inject(true);
	over_atomic = mpool_buf_alloc(bp, OVERSIZE, GFP_ATOMIC | __GFP_NOWARN);
	inject(false);
	KUNIT_EXPECT_NULL(test, over_atomic);
	mpool_buf_free(bp, over_atomic);
	KUNIT_EXPECT_GT(test, failures_injected(test, k, FAILSLAB), injected);
	injected = failures_injected(test, k, FAILSLAB);

	/* A class's first slab: its index entry cannot be stored, so no slab stays. */
	inject(true);
	small = mpool_buf_alloc(bp, 100, GFP_KERNEL);
	inject(false);
	KUNIT_EXPECT_NULL(test, small);
	mpool_buf_free(bp, small);
	KUNIT_EXPECT_GT(test, failures_injected(test, k, FAILSLAB), injected);
	class_stats(test, bp, 100, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 1);
	KUNIT_EXPECT_EQ(test, st->slabs, 0);
	KUNIT_EXPECT_EQ(test, st->slabs_grown, 0);
	KUNIT_EXPECT_EQ(test, st->objects, 0);
	KUNIT_EXPECT_EQ(test, st->requested_bytes, 0);

	/* Two oversize failures of the pool and one of the class: all counted. */
	expect_oversize_recovers(test, bp, st, 2, 1);
}

/* Rounds of a fail-nth sweep over one oversize request before it must succeed. */
#define OVER_SWEEP_MAX_NTH	256

/*
 * Oversize buffers across a destroy, with allocations failing: every fault point of an
 * oversize request (its record, kvmalloc()'s kmalloc() and vmalloc() attempts, the
 * table's nodes) fails in turn. A failed request returns NULL, is counted and leaves
 * nothing; the buffers that were allocated are still in use when the pool is
 * destroyed: reported, their records gone with the pool, the caller's to kvfree()
 * (kmemleak checks after the run that nothing was lost on the way).
 */
static void buf_oversize_across_destroy_under_failures(struct kunit *test)
{
	static const unsigned int sizes[] = { 64 };
	static const size_t asks[] = { 1000, 40000, 3 << 20 };
	const struct mpool_buf_config cfg = {
		.sizes = sizes, .nr_sizes = ARRAY_SIZE(sizes), .node = NUMA_NO_NODE,
	};
	struct fault_knobs *k = knobs_get(test);
	struct mpool_stats *st = stats_buffer(test);
	int *errors = mpool_test_count_errors(test);
	unsigned int i, nth, left, failures = 0, nr_live = 0;
	struct mpool_buf_pool *bp;
	void **live;

	live = kunit_kcalloc(test, ARRAY_SIZE(asks) * OVER_SWEEP_MAX_NTH, sizeof(*live),
			     GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, live);
	bp = mpool_buf_create("fault_overdestroy", &cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(bp));
	/* Probability stays 0: nothing but the Nth point fails. */
	fail_filters(test, k, FAILSLAB);
	knob_in(test, k, FAIL_PAGE, "verbose", "0");

	for (i = 0; i < ARRAY_SIZE(asks); i++) {
		left = 0;
		for (nth = 1; nth <= OVER_SWEEP_MAX_NTH && !left; nth++) {
			u8 *buf;

			fail_nth(nth);
			buf = mpool_buf_alloc(bp, asks[i], OVERSIZE_GFP);
			left = fail_nth(0);
			if (!buf) {
				failures++;
				continue;
			}
			/* Succeeded: the failure, if any, hit one the kernel tolerates. */
			KUNIT_EXPECT_EQ_MSG(test, mpool_buf_size(buf), asks[i], "point %u", nth);
			memset(buf, 0x3c, asks[i]);
			live[nr_live++] = buf;
		}
		KUNIT_EXPECT_GT_MSG(test, left, 0, "%zu bytes: still failing after %u rounds",
				    asks[i], OVER_SWEEP_MAX_NTH);
	}
	KUNIT_EXPECT_GT(test, failures, 0);
	mpool_test_buf_stats(bp, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, failures);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, nr_live);
	KUNIT_EXPECT_EQ(test, st->oversize_live, nr_live);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, 0);
	kunit_info(test, "%u oversize requests failed, %u in use across the destroy\n",
		   failures, nr_live);

	mpool_buf_destroy(bp);	/* reports nr_live oversize buffers in use */
	mpool_test_expect_disowned(test, errors, live, nr_live);
}

/* ---- managed pools ---- */

static void managed_destroy_action(void *mp)
{
	mpool_m_destroy(mp);
}

#define MANAGED_OBJS	8
#define MANAGED_SIZE	1000

/*
 * A collection whose moves cannot get memory (neither the segment descriptor nor its
 * pages): every object stays where it was, intact and reachable through its handle,
 * and each given-up move is counted. Without the failures the next one promotes all.
 */
static void managed_move_fails_cleanly(struct kunit *test)
{
	const struct mpool_m_config cfg = {
		.name = "fault_managed", .max_size = MANAGED_SIZE, .max_handles = 64,
		.node = NUMA_NO_NODE, .policy = { .promote_after = 1, .no_worker = true },
	};
	struct mpool_m_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct fault_knobs *k = knobs_get(test);
	mpool_handle_t h[MANAGED_OBJS];
	struct mpool_m_pool *mp;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	mp = mpool_m_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mp));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, managed_destroy_action, mp), 0);
	for (i = 0; i < MANAGED_OBJS; i++)
		h[i] = mpool_test_h_alloc_stamped(test, mp, MANAGED_SIZE, i);

	fail_pages(test, k, "0");
	fail_slab(test, k);
	inject(true);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	inject(false);

	mpool_m_get_stats(mp, st);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].move_failures, MANAGED_OBJS);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, MANAGED_OBJS);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].held_bytes, 0);
	for (i = 0; i < MANAGED_OBJS; i++) {
		KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h[i]), MPOOL_GEN_YOUNG);
		KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_intact(mp, h[i], MANAGED_SIZE, i),
				      "object %u", i);
	}

	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	for (i = 0; i < MANAGED_OBJS; i++) {
		KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h[i]), MPOOL_GEN_OLD);
		KUNIT_EXPECT_TRUE(test, mpool_test_h_intact(mp, h[i], MANAGED_SIZE, i));
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
}

/*
 * A handle that needs a new chunk of the handle table, which cannot be allocated
 * (sleeping or not): no handle, counted in alloc_fail, the table as it was. A freed
 * entry still serves meanwhile, and once memory is back the table grows.
 * Permanent objects: their segment is the pool's, whatever CPU the test runs on.
 */
static void managed_table_growth_fails_cleanly(struct kunit *test)
{
	const struct mpool_m_config cfg = {
		.name = "fault_table", .max_size = 64, .max_handles = 2 * MPOOL_M_CHUNK_ENTRIES,
		.node = NUMA_NO_NODE, .policy = { .no_worker = true },
	};
	struct mpool_m_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct fault_knobs *k = knobs_get(test);
	mpool_handle_t *h = kunit_kcalloc(test, MPOOL_M_CHUNK_ENTRIES, sizeof(*h), GFP_KERNEL);
	mpool_handle_t more[3];
	struct mpool_m_pool *mp;
	u64 table;
	unsigned int i;

	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_ASSERT_NOT_NULL(test, h);
	mp = mpool_m_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mp));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, managed_destroy_action, mp), 0);
	for (i = 0; i < MPOOL_M_CHUNK_ENTRIES; i++) {
		h[i] = mpool_h_alloc(mp, 64, GFP_KERNEL, MPOOL_H_PERMANENT);
		KUNIT_ASSERT_NE(test, h[i], 0);
	}
	mpool_m_get_stats(mp, st);
	table = st->table_bytes;

	fail_slab(test, k);
	inject(true);
	more[0] = mpool_h_alloc(mp, 64, GFP_KERNEL, MPOOL_H_PERMANENT);
	more[1] = mpool_h_alloc(mp, 64, GFP_ATOMIC, MPOOL_H_PERMANENT);
	inject(false);
	KUNIT_EXPECT_EQ(test, more[0], 0);
	KUNIT_EXPECT_EQ(test, more[1], 0);
	mpool_m_get_stats(mp, st);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 2);
	KUNIT_EXPECT_EQ(test, st->table_bytes, table);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_PERMANENT].live_objects, MPOOL_M_CHUNK_ENTRIES);

	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[0]), 0);
	inject(true);
	h[0] = mpool_h_alloc(mp, 64, GFP_KERNEL, MPOOL_H_PERMANENT);
	inject(false);
	KUNIT_EXPECT_NE(test, h[0], 0);

	more[2] = mpool_h_alloc(mp, 64, GFP_KERNEL, MPOOL_H_PERMANENT);
	KUNIT_EXPECT_NE(test, more[2], 0);
	KUNIT_EXPECT_EQ(test, lower_32_bits(more[2]), MPOOL_M_CHUNK_ENTRIES + 1);
	mpool_m_get_stats(mp, st);
	KUNIT_EXPECT_EQ(test, st->table_bytes,
			table + MPOOL_M_CHUNK_ENTRIES * sizeof(struct mpool_m_entry));
	KUNIT_EXPECT_EQ(test, st->alloc_fail, 2);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, more[2]), 0);
	for (i = 0; i < MPOOL_M_CHUNK_ENTRIES; i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
}

#define COLD_OBJS	4
#define COLD_SIZE	16000	/* one object per block, two blocks per segment at most */

/* Every allocation of this thread fails while inject(true), whatever fail-nth says. */
static void fail_every_allocation(struct kunit *test, struct fault_knobs *k)
{
	unsigned int i;

	for (i = 0; i < 2; i++) {
		const char *dir = i ? FAIL_PAGE : FAILSLAB;

		fail_filters(test, k, dir);
		knob_in(test, k, dir, "interval", "1");
		knob_in(test, k, dir, "times", "-1");
		knob_in(test, k, dir, "space", "0");
		knob_in(test, k, dir, "probability", "100");
	}
}

/*
 * The cold tier under allocation failures. A compression whose compressed store
 * cannot grow (every allocation failing) leaves its objects hot and counts them;
 * then each allocation of a compression is failed in turn (fail-nth, until one goes
 * through untouched: the store's pools fall back to other nodes, so most still
 * succeed); and with every allocation failing, a map of a cold object that needs a
 * segment to decompress into returns -ENOMEM and leaves the object compressed. After
 * each step every object is intact and reachable, and the failures are counted.
 */
static void managed_cold_paths_fail_cleanly(struct kunit *test)
{
	const struct mpool_m_config cfg = {
		.name = "fault_cold", .max_size = COLD_SIZE, .max_handles = 16,
		.node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .no_worker = true, .cold_tier = true },
	};
	struct mpool_m_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);
	struct fault_knobs *k = knobs_get(test);
	unsigned int i, nth, left = 0, failed_maps = 0;
	mpool_handle_t h[COLD_OBJS];
	struct mpool_m_pool *mp;
	s64 ret;
	void *obj;

	KUNIT_ASSERT_NOT_NULL(test, st);
	mp = mpool_m_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(mp));
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, managed_destroy_action, mp), 0);
	for (i = 0; i < COLD_OBJS; i++)
		h[i] = mpool_test_h_alloc_log(test, mp, COLD_SIZE, i, 0);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	fail_every_allocation(test, k);

	/* The store was created with this pool, empty: it cannot grow. */
	inject(true);
	ret = mpool_m_compress(mp, 0);
	inject(false);
	KUNIT_EXPECT_EQ(test, ret, -ENOMEM);
	mpool_m_get_stats(mp, st);
	KUNIT_EXPECT_GT(test, st->cold.rejects[MPOOL_COLD_REJECT_NOMEM], 0);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, 0);
	for (i = 0; i < COLD_OBJS; i++) {
		KUNIT_EXPECT_FALSE(test, mpool_cold_is_cold(mp, h[i]));
		KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_log_intact(mp, h[i], COLD_SIZE, i),
				      "object %u", i);
	}

	for (nth = 1; nth <= 64 && !left; nth++) {
		fail_nth(nth);
		mpool_m_compress(mp, 0);
		left = fail_nth(0);
		for (i = 0; i < COLD_OBJS; i++)
			KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_log_intact(mp, h[i], COLD_SIZE, i),
					      "point %u, object %u", nth, i);
	}
	KUNIT_EXPECT_GT_MSG(test, left, 0, "compression still reaching points after 64");

	/* Every object cold; then no segment to decompress into. */
	KUNIT_ASSERT_EQ(test, mpool_m_compress(mp, 0), COLD_OBJS * COLD_SIZE);
	mpool_m_get_stats(mp, st);
	KUNIT_ASSERT_EQ(test, st->cold.fault_failures, 0);
	for (i = 0; i < COLD_OBJS; i++) {
		inject(true);
		obj = mpool_h_map(mp, h[i]);
		inject(false);
		if (IS_ERR(obj)) {
			KUNIT_EXPECT_EQ(test, PTR_ERR(obj), -ENOMEM);
			KUNIT_EXPECT_TRUE(test, mpool_cold_is_cold(mp, h[i]));
			failed_maps++;
			continue;
		}
		KUNIT_EXPECT_TRUE(test, mpool_test_log_filled(obj, COLD_SIZE, i));
		mpool_h_unmap(mp, h[i]);
	}
	/* Two regions of 16000 bytes fill a segment: two maps at least needed a new one. */
	KUNIT_EXPECT_GE(test, failed_maps, 2);
	mpool_m_get_stats(mp, st);
	KUNIT_EXPECT_EQ(test, st->cold.fault_failures, failed_maps);
	for (i = 0; i < COLD_OBJS; i++) {
		KUNIT_EXPECT_TRUE_MSG(test, mpool_test_h_log_intact(mp, h[i], COLD_SIZE, i),
				      "object %u", i);
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
}

static struct kunit_case mpool_fault_cases[] = {
	KUNIT_CASE(reserve_serves_while_pages_fail),
	KUNIT_CASE(alloc_fails_cleanly_without_reserve),
	KUNIT_CASE_PARAM(create_fails_cleanly_at_every_allocation, create_gen_params),
	KUNIT_CASE(warm_stops_short_and_keeps_what_it_warmed),
	KUNIT_CASE(bulk_stops_short_with_exact_counts),
	KUNIT_CASE(frees_go_to_slab_when_magazines_fail),
	KUNIT_CASE_PARAM_ATTR(buf_create_fails_cleanly_at_every_allocation, buf_create_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE(buf_class_alloc_fails_under_page_failure),
	KUNIT_CASE_PARAM(buf_oversize_fails_cleanly, oversize_gen_params),
	KUNIT_CASE(buf_oversize_registration_fails_cleanly),
	KUNIT_CASE(buf_oversize_across_destroy_under_failures),
	KUNIT_CASE(managed_move_fails_cleanly),
	KUNIT_CASE(managed_table_growth_fails_cleanly),
	KUNIT_CASE_SLOW(managed_cold_paths_fail_cleanly),
	{}
};

static struct kunit_suite mpool_fault_suite = {
	.name = "mpool_fault",
	.init = fault_init,
	.test_cases = mpool_fault_cases,
};

kunit_test_suites(&mpool_fault_suite);
