// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_pool: creating and destroying pools, and what every object must get:
 * alignment, distinctness, constructor and destructor exactly once, the get/put
 * hooks in order, zero-on-free, typed pools.
 */

#include <kunit/test.h>
#include <linux/cache.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pool_test.h"

/* ---- configuration checks ---- */

struct bad_config {
	const char *what;
	struct mpool_config cfg;
};

static int ctor_noop(void *obj, void *priv, gfp_t gfp)
{
	return 0;
}

static const struct bad_config bad_configs[] = {
	{ "no name", { .size = 8, .node = NUMA_NO_NODE } },
	{ "empty name", { .name = "", .size = 8, .node = NUMA_NO_NODE } },
	{ "name with a slash", { .name = "a/b", .size = 8, .node = NUMA_NO_NODE } },
	{ "name too long", { .name = "abcdefghijklmnopqrstuvwxyz0123456", .size = 8,
			     .node = NUMA_NO_NODE } },
	{ "size 0", { .name = "bad", .size = 0, .node = NUMA_NO_NODE } },
	{ "size too big", { .name = "bad", .size = MPOOL_MAX_OBJECT_SIZE + 1,
			    .node = NUMA_NO_NODE } },
	{ "align not a power of two", { .name = "bad", .size = 8, .align = 24,
					.node = NUMA_NO_NODE } },
	{ "align above a page", { .name = "bad", .size = 8, .align = 2 * PAGE_SIZE,
				  .node = NUMA_NO_NODE } },
	{ "unknown flag", { .name = "bad", .size = 8, .flags = BIT(12), .node = NUMA_NO_NODE } },
	{ "zero on free with ctor", { .name = "bad", .size = 8, .ctor = ctor_noop,
				      .flags = MPOOL_F_ZERO_ON_FREE, .node = NUMA_NO_NODE } },
	{ "poison with ctor", { .name = "bad", .size = 8, .ctor = ctor_noop,
				.flags = MPOOL_F_POISON, .node = NUMA_NO_NODE } },
	{ "min above max", { .name = "bad", .size = 8, .min_objects = 10, .max_objects = 5,
			     .node = NUMA_NO_NODE } },
	{ "magazine too big", { .name = "bad", .size = 8,
				.magazine_size = MPOOL_MAX_MAGAZINE + 1, .node = NUMA_NO_NODE } },
	{ "node out of range", { .name = "bad", .size = 8, .node = MAX_NUMNODES } },
	{ "negative node", { .name = "bad", .size = 8, .node = -5 } },
};

static void create_rejects_invalid_config(struct kunit *test)
{
	unsigned int i;

	KUNIT_EXPECT_EQ(test, PTR_ERR(mpool_create(NULL)), -EINVAL);
	for (i = 0; i < ARRAY_SIZE(bad_configs); i++) {
		struct mpool *pool = mpool_create(&bad_configs[i].cfg);

		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR_OR_ZERO(pool), -EINVAL, "%s",
				    bad_configs[i].what);
		if (!IS_ERR(pool))
			mpool_destroy(pool);
	}
}

static void name_unique_until_destroyed(struct kunit *test)
{
	struct mpool_config cfg = { .name = "dup", .size = 32, .node = NUMA_NO_NODE };
	struct mpool *a, *b;

	a = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(a));
	KUNIT_EXPECT_STREQ(test, mpool_name(a), "dup");
	b = mpool_create(&cfg);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(b), -EEXIST);
	mpool_destroy(a);
	b = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(b));
	mpool_destroy(b);
	mpool_destroy(NULL);
	mpool_destroy(ERR_PTR(-EINVAL));
}

/* ---- round trips over sizes and flags ---- */

struct round_trip_param {
	size_t size;
	unsigned int flags;
};

static const struct round_trip_param round_trip_params[] = {
	{ 8, 0 }, { 8, MPOOL_F_POISON }, { 24, MPOOL_F_ZERO_ON_FREE },
	{ 64, MPOOL_F_IRQSAFE }, { 100, MPOOL_F_TRACK }, { 256, 0 },
	{ 1000, MPOOL_F_POISON | MPOOL_F_TRACK }, { 4096, 0 },
	{ 4096, MPOOL_F_ZERO_ON_FREE | MPOOL_F_IRQSAFE }, { 16384, MPOOL_F_POISON },
	{ 65536, 0 }, { 65536, MPOOL_F_TRACK | MPOOL_F_ZERO_ON_FREE },
};

static void round_trip_desc(const struct round_trip_param *p, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "size %zu flags %#x", p->size, p->flags);
}

KUNIT_ARRAY_PARAM(round_trip, round_trip_params, round_trip_desc);

static void alloc_free_round_trip(struct kunit *test)
{
	const struct round_trip_param *p = test->param_value;
	struct mpool_config cfg = {
		.name = "round_trip", .size = p->size, .flags = p->flags,
		.node = NUMA_NO_NODE,
	};
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	unsigned int n, i, j;
	void **objs;

	mpool_get_stats(pool, &st);
	/* Several magazines' worth, so swaps, depot and slab paths all run. */
	n = 3 * st.magazine_size + 1;
	objs = kunit_kcalloc(test, n, sizeof(*objs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, objs);

	for (i = 0; i < n; i++) {
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, objs[i]);
		/* The default alignment, as SLUB's: a pointer's at least. */
		KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED((unsigned long)objs[i], sizeof(void *)),
				      "object %p not pointer aligned", objs[i]);
		/* The whole object is ours: KASAN checks every byte of this. */
		memset(objs[i], 0xa5, p->size);
		for (j = 0; j < i; j++)
			KUNIT_ASSERT_PTR_NE(test, objs[i], objs[j]);
	}
	mpool_test_expect_live(test, pool, n);
	for (i = 0; i < n; i++)
		mpool_free(pool, objs[i]);
	mpool_test_expect_live(test, pool, 0);

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), n);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), n);
	KUNIT_EXPECT_EQ(test, st.alloc_fail + st.alloc_capped, 0);
	KUNIT_EXPECT_EQ(test, st.poison_errors + st.double_frees + st.invalid_frees, 0);
	KUNIT_EXPECT_EQ(test, st.object_size, p->size);
	KUNIT_EXPECT_EQ(test, st.flags, p->flags);
	KUNIT_EXPECT_GE(test, st.pages * PAGE_SIZE, n * st.object_stride);
	KUNIT_EXPECT_EQ(test, st.peak_live, n);
	if (p->flags & MPOOL_F_TRACK) {
		u64 sum = 0;

		for (i = 0; i < MPOOL_HIST_BUCKETS; i++)
			sum += st.lifetime_hist[i];
		KUNIT_EXPECT_EQ(test, sum, n);
	}
}

/*
 * Objects are packed as SLUB packs them: by default a 200-byte object takes 200 bytes
 * (on an architecture whose slab objects need no more than 8-byte alignment), and
 * cache-line alignment is there on request.
 */
static void default_alignment_packs_like_slub(struct kunit *test)
{
	struct mpool_config cfg = { .name = "packed", .size = 200, .node = NUMA_NO_NODE };
	struct mpool *packed = mpool_test_create(test, &cfg);
	struct mpool *lined;
	struct mpool_stats st;
	void *a;

	mpool_get_stats(packed, &st);
	KUNIT_EXPECT_EQ(test, st.object_stride,
			ALIGN(200, max_t(size_t, ARCH_SLAB_MINALIGN, sizeof(void *))));
	cfg.name = "lined";
	cfg.align = cache_line_size();
	lined = mpool_test_create(test, &cfg);
	mpool_get_stats(lined, &st);
	KUNIT_EXPECT_EQ(test, st.object_stride, ALIGN(200, cache_line_size()));
	a = mpool_alloc(lined, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)a, cache_line_size()));
	mpool_free(lined, a);
}

static void explicit_alignment_respected(struct kunit *test)
{
	struct mpool_config cfg = { .name = "align", .size = 24, .align = 8,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *a, *b;

	a = mpool_alloc(pool, GFP_KERNEL);
	b = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.object_stride, 24);
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)a, 8));
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)b, 8));
	mpool_free(pool, a);
	mpool_free(pool, b);
}

/* ---- constructor, destructor, hooks ---- */

struct conn {
	u32 magic;
	u32 uses;
	void *buffer;		/* what the constructor attaches and reuse keeps */
};

#define CONN_MAGIC	0xc0ffee11

struct conn_counts {
	int ctor;
	int dtor;
	int get;
	int put;
	int fail_ctor_after;	/* >0: the Nth constructor call fails */
	char order[64];		/* 'c', 'g', 'p', 'd' as the callbacks run for one object */
	void *watch;
	int order_len;
};

static void note(struct conn_counts *c, void *obj, char what)
{
	if (obj == c->watch && c->order_len < sizeof(c->order) - 1)
		c->order[c->order_len++] = what;
}

static int conn_ctor(void *obj, void *priv, gfp_t gfp)
{
	struct conn_counts *c = priv;
	struct conn *conn = obj;

	if (c->fail_ctor_after && c->ctor + 1 == c->fail_ctor_after)
		return -ENOMEM;
	conn->buffer = kmalloc(128, gfp);
	if (!conn->buffer)
		return -ENOMEM;
	conn->magic = CONN_MAGIC;
	conn->uses = 0;
	c->ctor++;
	return 0;
}

static void conn_dtor(void *obj, void *priv)
{
	struct conn_counts *c = priv;
	struct conn *conn = obj;

	note(c, obj, 'd');
	kfree(conn->buffer);
	conn->magic = 0;
	c->dtor++;
}

static void conn_get(void *obj, void *priv)
{
	struct conn_counts *c = priv;

	note(c, obj, 'g');
	c->get++;
}

static void conn_put(void *obj, void *priv)
{
	struct conn_counts *c = priv;

	note(c, obj, 'p');
	c->put++;
}

static struct mpool_config conn_config(struct conn_counts *c)
{
	return (struct mpool_config){
		.name = "conn", .size = sizeof(struct conn), .ctor = conn_ctor,
		.dtor = conn_dtor, .on_get = conn_get, .on_put = conn_put, .priv = c,
		.magazine_size = 4, .node = NUMA_NO_NODE,
	};
}

static void ctor_once_dtor_once(struct kunit *test)
{
	struct conn_counts *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct mpool_config cfg = conn_config(c);
	struct mpool_stats st;
	struct mpool *pool;
	struct conn *objs[20];
	int round, i, carved;

	KUNIT_ASSERT_NOT_NULL(test, c);
	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));

	for (round = 0; round < 10; round++) {
		for (i = 0; i < ARRAY_SIZE(objs); i++) {
			objs[i] = mpool_alloc(pool, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, objs[i]);
			KUNIT_EXPECT_EQ(test, objs[i]->magic, CONN_MAGIC);
			KUNIT_EXPECT_NOT_NULL(test, objs[i]->buffer);
			objs[i]->uses++;
		}
		for (i = 0; i < ARRAY_SIZE(objs); i++)
			mpool_free(pool, objs[i]);
		if (!round) {
			mpool_get_stats(pool, &st);
			carved = st.objects;
		}
	}
	/* Constructed once per carved object, not per use; state survived reuse. */
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, c->ctor, carved);
	KUNIT_EXPECT_EQ(test, st.objects, carved);
	KUNIT_EXPECT_EQ(test, c->get, 10 * ARRAY_SIZE(objs));
	KUNIT_EXPECT_EQ(test, c->put, 10 * ARRAY_SIZE(objs));
	KUNIT_EXPECT_EQ(test, c->dtor, 0);

	/* Shrink destroys what it releases; destroy does the rest, once each. */
	mpool_shrink(pool);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, c->dtor, carved - st.objects);
	mpool_destroy(pool);
	KUNIT_EXPECT_EQ(test, c->dtor, c->ctor);
}

static void constructed_state_survives_reuse(struct kunit *test)
{
	struct conn_counts *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct mpool_config cfg = conn_config(c);
	struct mpool *pool;
	struct conn *a, *b;
	void *buffer;

	KUNIT_ASSERT_NOT_NULL(test, c);
	pool = mpool_test_create(test, &cfg);
	mpool_test_pin(test, raw_smp_processor_id());
	a = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	buffer = a->buffer;
	a->uses = 41;
	mpool_free(pool, a);
	/* The magazine is LIFO: the same object comes back, as its user left it. */
	b = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_PTR_EQ(test, b, a);
	KUNIT_EXPECT_PTR_EQ(test, b->buffer, buffer);
	KUNIT_EXPECT_EQ(test, b->uses, 41);
	mpool_free(pool, b);
}

static void hooks_run_in_order(struct kunit *test)
{
	struct conn_counts *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct mpool_config cfg = conn_config(c);
	struct mpool *pool;
	void *obj;

	KUNIT_ASSERT_NOT_NULL(test, c);
	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	mpool_test_pin(test, raw_smp_processor_id());
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	c->watch = obj;
	mpool_free(pool, obj);
	KUNIT_ASSERT_PTR_EQ(test, mpool_alloc(pool, GFP_KERNEL), obj);
	mpool_free(pool, obj);
	mpool_destroy(pool);
	/* Watching started after the first get: put, get, put, then the destructor. */
	KUNIT_EXPECT_STREQ(test, c->order, "pgpd");
}

static void failing_ctor_fails_allocation_cleanly(struct kunit *test)
{
	struct conn_counts *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	struct mpool_config cfg = conn_config(c);
	struct mpool_stats st;
	struct mpool *pool;
	void *obj;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->fail_ctor_after = 3;	/* the third object of the first slab fails */
	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_EXPECT_NULL(test, obj);
	/* The two objects built before the failure were destroyed; no slab stayed. */
	KUNIT_EXPECT_EQ(test, c->ctor, 2);
	KUNIT_EXPECT_EQ(test, c->dtor, 2);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.slabs, 0);
	KUNIT_EXPECT_EQ(test, st.objects, 0);
	KUNIT_EXPECT_EQ(test, st.alloc_fail, 1);

	c->fail_ctor_after = 0;
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_EXPECT_NOT_NULL(test, obj);
	mpool_free(pool, obj);
	mpool_destroy(pool);
	/* Every successful construction, the two undone ones included, was undone once. */
	KUNIT_EXPECT_EQ(test, c->dtor, c->ctor);
}

static void zero_on_free_zeroes(struct kunit *test)
{
	struct mpool_config cfg = { .name = "zero", .size = 200,
				    .flags = MPOOL_F_ZERO_ON_FREE, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	u8 *obj;

	mpool_test_pin(test, raw_smp_processor_id());
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	memset(obj, 0x5a, 200);
	mpool_free(pool, obj);
	/* Still the pool's memory, cached in this CPU's magazine: read it back. */
	KUNIT_EXPECT_NULL(test, memchr_inv(obj, 0, 200));
	KUNIT_EXPECT_PTR_EQ(test, (u8 *)mpool_alloc(pool, GFP_KERNEL), obj);
	mpool_free(pool, obj);
}

static void gfp_zero_zeroes_object(struct kunit *test)
{
	struct mpool_config cfg = { .name = "gfpzero", .size = 100, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	u8 *obj;

	mpool_test_pin(test, raw_smp_processor_id());
	obj = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	memset(obj, 0x77, 100);
	mpool_free(pool, obj);
	obj = mpool_alloc(pool, GFP_KERNEL | __GFP_ZERO);
	KUNIT_ASSERT_NOT_NULL(test, obj);
	KUNIT_EXPECT_NULL(test, memchr_inv(obj, 0, 100));
	mpool_free(pool, obj);
}

static void reset_stats_restarts_counters(struct kunit *test)
{
	struct mpool_config cfg = { .name = "reset", .size = 64, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *objs[20];

	KUNIT_ASSERT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, 20, objs), 20);
	mpool_free_bulk(pool, 15, objs);
	mpool_reset_stats(pool);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st) + mpool_stats_frees(&st), 0);
	KUNIT_EXPECT_EQ(test, st.slabs_grown, 0);
	/* Gauges are not counters: five objects are still in use. */
	KUNIT_EXPECT_EQ(test, st.live, 5);
	KUNIT_EXPECT_EQ(test, st.peak_live, 5);
	mpool_free_bulk(pool, 5, objs + 15);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(&st), 5);
	KUNIT_EXPECT_EQ(test, st.live, 0);
}

/* ---- typed pools ---- */

struct mpool_test_frame {
	u64 seq;
	char payload[120];
};

DEFINE_MPOOL_TYPE(struct mpool_test_frame, test_frame);

static void typed_pool_round_trip(struct kunit *test)
{
	struct mpool_config cfg = { .name = "frames", .size = 1, .node = NUMA_NO_NODE };
	struct test_frame_pool *frames = test_frame_pool_create(&cfg);
	struct mpool_test_frame *f;
	struct mpool_stats st;

	KUNIT_ASSERT_FALSE(test, IS_ERR(frames));
	f = test_frame_pool_get(frames, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, f);
	f->seq = 7;
	memset(f->payload, 1, sizeof(f->payload));
	mpool_get_stats(test_frame_pool_mpool(frames), &st);
	KUNIT_EXPECT_EQ(test, st.object_size, sizeof(struct mpool_test_frame));
	KUNIT_EXPECT_EQ(test, st.live, 1);
	test_frame_pool_put(frames, f);
	test_frame_pool_destroy(frames);
}

static struct kunit_case mpool_pool_cases[] = {
	KUNIT_CASE(create_rejects_invalid_config),
	KUNIT_CASE(name_unique_until_destroyed),
	KUNIT_CASE_PARAM(alloc_free_round_trip, round_trip_gen_params),
	KUNIT_CASE(explicit_alignment_respected),
	KUNIT_CASE(default_alignment_packs_like_slub),
	KUNIT_CASE(ctor_once_dtor_once),
	KUNIT_CASE(constructed_state_survives_reuse),
	KUNIT_CASE(hooks_run_in_order),
	KUNIT_CASE(failing_ctor_fails_allocation_cleanly),
	KUNIT_CASE(zero_on_free_zeroes),
	KUNIT_CASE(gfp_zero_zeroes_object),
	KUNIT_CASE(reset_stats_restarts_counters),
	KUNIT_CASE(typed_pool_round_trip),
	{}
};

static struct kunit_suite mpool_pool_suite = {
	.name = "mpool_pool",
	.test_cases = mpool_pool_cases,
};

kunit_test_suites(&mpool_pool_suite);
