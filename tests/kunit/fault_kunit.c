// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_fault: what a pool does when memory runs out. Failures come from the
 * kernel's own fault injection (failslab, fail_page_alloc, fail-nth) and hit this
 * test's thread only (task-filter, make_it_fail): the reserve serves what the page
 * allocator cannot, failed allocations return NULL and are counted, a failed
 * mpool_create() leaves nothing behind, warming and bulk allocation stop short but
 * stay consistent, and frees that cannot get a magazine go straight to their slab.
 *
 * The fault attributes are debugfs files, written through a user page
 * (mpool_test_ufile). Every attribute is read before it is changed and written back
 * when the test ends, whatever its outcome.
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
#include <linux/topology.h>
#include <linux/uaccess.h>

#include "pool_test.h"

#define FAILSLAB	"/sys/kernel/debug/failslab/"
#define FAIL_PAGE	"/sys/kernel/debug/fail_page_alloc/"

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

		if (mpool_test_ufile_write_path(k->file, kn->path, kn->old) < 0 ||
		    mpool_test_ufile_read_path(k->file, kn->path, now, sizeof(now)) < 0 ||
		    strcmp(now, kn->old))
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
	ret = mpool_test_ufile_read_path(k->file, kn->path, kn->old, sizeof(kn->old));
	KUNIT_ASSERT_GT_MSG(test, ret, 0, "read %s: %zd", kn->path, ret);
	k->nr++;
	ret = mpool_test_ufile_write_path(k->file, kn->path, val);
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

static struct kunit_case mpool_fault_cases[] = {
	KUNIT_CASE(reserve_serves_while_pages_fail),
	KUNIT_CASE(alloc_fails_cleanly_without_reserve),
	KUNIT_CASE_PARAM(create_fails_cleanly_at_every_allocation, create_gen_params),
	KUNIT_CASE(warm_stops_short_and_keeps_what_it_warmed),
	KUNIT_CASE(bulk_stops_short_with_exact_counts),
	KUNIT_CASE(frees_go_to_slab_when_magazines_fail),
	{}
};

static struct kunit_suite mpool_fault_suite = {
	.name = "mpool_fault",
	.init = fault_init,
	.test_cases = mpool_fault_cases,
};

kunit_test_suites(&mpool_fault_suite);
