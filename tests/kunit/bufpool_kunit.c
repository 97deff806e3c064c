// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_bufpool: buffer pools pick the smallest class that fits at every boundary,
 * align every class naturally, fall back to kvmalloc above the largest class (records
 * of oversize buffers go with their pool; bad nodes and sizes are refused), count
 * per class exactly (sizes asked, bytes granted), validate custom class lists,
 * serve the requested node, and the default pool kbuf exists from load on.
 */

#include <kunit/test.h>
#include <linux/mm.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <uapi/linux/mpool.h>

#include "nl_client.h"
#include "pool.h"
#include "pool_test.h"

static struct mpool_stats *class_stats(struct kunit *test, struct mpool_buf_pool *bp,
				       size_t size)
{
	struct mpool_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	KUNIT_ASSERT_NOT_NULL(test, mpool_buf_class(bp, size));
	mpool_get_stats(mpool_buf_class(bp, size), st);
	return st;
}

static struct mpool_stats *pool_stats(struct kunit *test, struct mpool_buf_pool *bp)
{
	struct mpool_stats *st = kunit_kzalloc(test, sizeof(*st), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, st);
	mpool_test_buf_stats(bp, st);
	return st;
}

static const struct mpool_buf_config default_cfg = { .node = NUMA_NO_NODE };

/* 1, 63, 64, 65, ..., 2 MiB - 1, 2 MiB, 2 MiB + 1: the smallest class that fits. */
static void smallest_fitting_class_at_every_boundary(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_sel", &default_cfg);
	size_t size, want;
	unsigned int c;
	void *buf;

	for (c = MPOOL_BUF_MIN_CLASS; c <= MPOOL_BUF_MAX_CLASS; c *= 2) {
		size_t asks[] = { c - 1, c, c + 1 };
		unsigned int i;

		for (i = 0; i < ARRAY_SIZE(asks); i++) {
			size = asks[i];
			want = size <= c ? c : size > MPOOL_BUF_MAX_CLASS ? size : 2 * c;
			buf = mpool_buf_alloc(bp, size, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL_MSG(test, buf, "size %zu", size);
			KUNIT_EXPECT_EQ_MSG(test, mpool_buf_size(buf), want, "size %zu", size);
			/* Every usable byte is ours: KASAN watches. */
			memset(buf, 0x42, mpool_buf_size(buf));
			mpool_buf_free(bp, buf);
		}
	}
	buf = mpool_buf_alloc(bp, 1, GFP_KERNEL);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(buf), MPOOL_BUF_MIN_CLASS);
	mpool_buf_free(bp, buf);
}

static void every_class_naturally_aligned(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_align", &default_cfg);
	unsigned int c, i;
	void *bufs[3];

	for (c = MPOOL_BUF_MIN_CLASS; c <= MPOOL_BUF_MAX_CLASS; c *= 2) {
		for (i = 0; i < ARRAY_SIZE(bufs); i++) {
			bufs[i] = mpool_buf_alloc(bp, c, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, bufs[i]);
			KUNIT_EXPECT_TRUE_MSG(test, IS_ALIGNED((unsigned long)bufs[i], c),
					      "class %u buffer %p", c, bufs[i]);
		}
		for (i = 0; i < ARRAY_SIZE(bufs); i++)
			mpool_buf_free(bp, bufs[i]);
	}
}

static void zero_size_and_null(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_zero", &default_cfg);

	KUNIT_EXPECT_PTR_EQ(test, mpool_buf_alloc(bp, 0, GFP_KERNEL), ZERO_SIZE_PTR);
	mpool_buf_free(bp, ZERO_SIZE_PTR);
	mpool_buf_free(bp, NULL);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(NULL), 0);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(ZERO_SIZE_PTR), 0);
	KUNIT_EXPECT_EQ(test, pool_stats(test, bp)->live, 0);
}

static void oversize_falls_back_and_is_counted(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_over", &default_cfg);
	size_t big = MPOOL_BUF_MAX_CLASS + 1, bigger = 5 << 20;
	struct mpool_stats *st;
	u8 *a, *b;

	a = mpool_buf_alloc(bp, big, GFP_KERNEL);
	b = mpool_buf_alloc(bp, bigger, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(a), big);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(b), bigger);
	a[big - 1] = 1;
	b[bigger - 1] = 1;
	st = pool_stats(test, bp);
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, 2);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 2);
	KUNIT_EXPECT_EQ(test, st->live, 0);	/* no class object */
	mpool_buf_free(bp, a);
	mpool_buf_free(bp, b);
	st = pool_stats(test, bp);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, 2);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 0);
}

/* Two small classes: from 257 bytes on, everything is oversize. */
static const unsigned int small_sizes[] = { 128, 256 };
static const struct mpool_buf_config small_cfg = {
	.sizes = small_sizes, .nr_sizes = ARRAY_SIZE(small_sizes), .node = NUMA_NO_NODE,
};

/*
 * A buffer pool destroyed with oversize buffers in use reports them and leaves no
 * record of them behind: the buffers are plain kvmalloc() memory of the caller's from
 * then on. Before, the records stayed, so another pool's free of the same address
 * took it for its own oversize buffer (and kvfree()d it, and counted it).
 */
static void oversize_records_go_with_their_pool(struct kunit *test)
{
	/* kmalloc()ed (small and large) and vmalloc()ed: every kind kvmalloc() returns. */
	static const size_t sizes[] = { 1000, 30000, 5 << 20 };
	int *errors = mpool_test_count_errors(test);
	struct mpool_buf_pool *bp;
	void *left[ARRAY_SIZE(sizes)];
	struct mpool_stats *st;
	unsigned int i;
	u8 *freed;

	bp = mpool_buf_create("bp_gone", &small_cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(bp));
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		left[i] = mpool_buf_alloc(bp, sizes[i], GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, left[i]);
		KUNIT_EXPECT_EQ(test, mpool_buf_size(left[i]), sizes[i]);
	}
	freed = mpool_buf_alloc(bp, 3000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, freed);
	mpool_buf_free(bp, freed);
	st = pool_stats(test, bp);
	KUNIT_EXPECT_EQ(test, st->oversize_live, ARRAY_SIZE(sizes));
	mpool_buf_destroy(bp);	/* reports three oversize buffers in use */

	/* Still the caller's: KASAN would catch a write to freed memory. */
	for (i = 0; i < ARRAY_SIZE(sizes); i++)
		memset(left[i], 0xee, sizes[i]);
	mpool_test_expect_disowned(test, errors, left, ARRAY_SIZE(left));
}

/* Another pool's oversize buffer is not freed, counted or forgotten by this one. */
static void oversize_of_another_pool_refused(struct kunit *test)
{
	struct mpool_buf_pool *mine = mpool_test_buf_create(test, "bp_mine", &small_cfg);
	struct mpool_buf_pool *theirs = mpool_test_buf_create(test, "bp_theirs", &small_cfg);
	int *errors = mpool_test_count_errors(test);
	void *own, *other;
	struct mpool_stats *st;

	own = mpool_buf_alloc(mine, 4000, GFP_KERNEL);
	other = mpool_buf_alloc(theirs, 6000, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, own);
	KUNIT_ASSERT_NOT_NULL(test, other);
	mpool_buf_free(mine, other);
	KUNIT_EXPECT_EQ(test, *errors, 1);
	st = pool_stats(test, mine);
	KUNIT_EXPECT_EQ(test, st->invalid_frees, 1);
	KUNIT_EXPECT_EQ(test, st->oversize_frees, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 1);
	st = pool_stats(test, theirs);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 1);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(other), 6000);
	memset(other, 0x11, 6000);
	mpool_buf_free(theirs, other);
	mpool_buf_free(mine, own);
	KUNIT_EXPECT_EQ(test, pool_stats(test, theirs)->oversize_frees, 1);
	KUNIT_EXPECT_EQ(test, pool_stats(test, mine)->oversize_frees, 1);
}

/*
 * A node that has no memory (or does not exist) is refused for every size, class or
 * oversize, and counted as a failure; before, oversize requests passed it on to
 * kvmalloc_node(), which returned memory for small ones and oopsed for large ones.
 */
static void invalid_node_refused_for_every_size(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_badnode", &small_cfg);
	static const size_t sizes[] = { 100, 256, 1000, 5000, 100000, 3 << 20 };
	const int nodes[] = { -5, -2, nr_node_ids, 999, MAX_NUMNODES, INT_MAX, INT_MIN };
	struct mpool_stats *st;
	unsigned int i, k;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		for (k = 0; k < ARRAY_SIZE(nodes); k++)
			KUNIT_EXPECT_NULL_MSG(test, mpool_buf_alloc_node(bp, sizes[i], GFP_KERNEL,
									 nodes[k]),
					      "size %zu node %d", sizes[i], nodes[k]);
	}
	st = pool_stats(test, bp);
	KUNIT_EXPECT_EQ(test, st->alloc_fail, ARRAY_SIZE(sizes) * ARRAY_SIZE(nodes));
	KUNIT_EXPECT_EQ(test, st->oversize_allocs, 0);
	KUNIT_EXPECT_EQ(test, st->oversize_live, 0);
	KUNIT_EXPECT_EQ(test, st->live, 0);
	/* Class-sized refusals are their class's failures. */
	KUNIT_EXPECT_EQ(test, class_stats(test, bp, 100)->alloc_fail, ARRAY_SIZE(nodes));
	KUNIT_EXPECT_EQ(test, class_stats(test, bp, 256)->alloc_fail, ARRAY_SIZE(nodes));
}

/*
 * Above kvmalloc()'s limit: refused and counted, quietly (kvmalloc() would WARN, which
 * the test kernel's panic_on_warn turns into a panic).
 */
static void oversize_above_the_largest_request_refused(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_huge", &small_cfg);
	static const size_t sizes[] = { (size_t)MPOOL_BUF_MAX_SIZE + 1, SZ_4G, SIZE_MAX };
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		KUNIT_EXPECT_NULL_MSG(test, mpool_buf_alloc(bp, sizes[i], GFP_KERNEL),
				      "size %zu", sizes[i]);
		KUNIT_EXPECT_NULL_MSG(test, mpool_kbuf_alloc(sizes[i], GFP_KERNEL),
				      "size %zu", sizes[i]);
	}
	KUNIT_EXPECT_EQ(test, pool_stats(test, bp)->alloc_fail, ARRAY_SIZE(sizes));
	KUNIT_EXPECT_EQ(test, pool_stats(test, bp)->oversize_allocs, 0);
}

/* Sizes asked, bytes granted, histogram buckets: exact per class and summed. */
static void per_class_stats_exact(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_stats", &default_cfg);
	static const struct { size_t size; unsigned int n, class, bucket; } asks[] = {
		{ 100, 10, 128, 6 }, { 300, 5, 512, 8 }, { 4096, 3, 4096, 12 },
	};
	void *bufs[18];
	struct mpool_stats *st;
	unsigned int i, j, k = 0;
	u64 requested = 0, granted = 0;

	for (i = 0; i < ARRAY_SIZE(asks); i++) {
		for (j = 0; j < asks[i].n; j++) {
			bufs[k] = mpool_buf_alloc(bp, asks[i].size, GFP_KERNEL);
			KUNIT_ASSERT_NOT_NULL(test, bufs[k]);
			k++;
		}
	}
	for (i = 0; i < ARRAY_SIZE(asks); i++) {
		st = class_stats(test, bp, asks[i].size);
		KUNIT_EXPECT_EQ(test, mpool_stats_allocs(st), asks[i].n);
		KUNIT_EXPECT_EQ(test, st->live, asks[i].n);
		KUNIT_EXPECT_EQ(test, st->requested_bytes, asks[i].n * asks[i].size);
		KUNIT_EXPECT_EQ(test, st->granted_bytes, asks[i].n * asks[i].class);
		KUNIT_EXPECT_EQ(test, st->size_hist[asks[i].bucket], asks[i].n);
		requested += asks[i].n * asks[i].size;
		granted += asks[i].n * asks[i].class;
	}
	st = pool_stats(test, bp);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(st), k);
	KUNIT_EXPECT_EQ(test, st->live, k);
	KUNIT_EXPECT_EQ(test, st->requested_bytes, requested);
	KUNIT_EXPECT_EQ(test, st->granted_bytes, granted);
	/* (1280 + 2560 + 12288 - 14788) / 16128 */
	KUNIT_EXPECT_EQ(test, mpool_stats_fragmentation(st),
			div64_u64((granted - requested) * 1000000, granted));
	for (i = 0; i < k; i++)
		mpool_buf_free(bp, bufs[i]);
	st = pool_stats(test, bp);
	KUNIT_EXPECT_EQ(test, mpool_stats_frees(st), k);
	KUNIT_EXPECT_EQ(test, st->live, 0);
}

static void custom_classes(struct kunit *test)
{
	static const unsigned int sizes[] = { 64, 192, 1024 };
	struct mpool_buf_config cfg = { .sizes = sizes, .nr_sizes = ARRAY_SIZE(sizes),
					.node = NUMA_NO_NODE };
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_custom", &cfg);
	void *a, *b, *c;

	a = mpool_buf_alloc(bp, 100, GFP_KERNEL);
	b = mpool_buf_alloc(bp, 193, GFP_KERNEL);
	c = mpool_buf_alloc(bp, 1025, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, a);
	KUNIT_ASSERT_NOT_NULL(test, b);
	KUNIT_ASSERT_NOT_NULL(test, c);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(a), 192);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(b), 1024);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(c), 1025);	/* oversize */
	/* 192 = 3 x 64: aligned to 64, the largest power of two dividing it. */
	KUNIT_EXPECT_TRUE(test, IS_ALIGNED((unsigned long)a, 64));
	KUNIT_EXPECT_NULL(test, mpool_buf_class(bp, 1025));
	mpool_buf_free(bp, a);
	mpool_buf_free(bp, b);
	mpool_buf_free(bp, c);
}

static void invalid_class_lists_rejected(struct kunit *test)
{
	static const unsigned int descending[] = { 128, 64 };
	static const unsigned int odd[] = { 64, 100 };
	static const unsigned int tiny[] = { 32, 64 };
	static const unsigned int huge[] = { 64, MPOOL_BUF_MAX_CLASS * 2 };
	static const unsigned int twice[] = { 64, 64 };
	unsigned int many[MPOOL_BUF_MAX_CLASSES + 1], i;
	struct {
		const char *what;
		struct mpool_buf_config cfg;
	} bad[] = {
		{ "descending", { .sizes = descending, .nr_sizes = 2 } },
		{ "not a multiple of 64", { .sizes = odd, .nr_sizes = 2 } },
		{ "below 64", { .sizes = tiny, .nr_sizes = 2 } },
		{ "above 2 MiB", { .sizes = huge, .nr_sizes = 2 } },
		{ "repeated", { .sizes = twice, .nr_sizes = 2 } },
		{ "empty", { .sizes = descending, .nr_sizes = 0 } },
		{ "too many", { .sizes = many, .nr_sizes = ARRAY_SIZE(many) } },
		{ "count without sizes", { .nr_sizes = 3 } },
	};

	for (i = 0; i < ARRAY_SIZE(many); i++)
		many[i] = 64 * (i + 1);
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		struct mpool_buf_pool *bp;

		bad[i].cfg.node = NUMA_NO_NODE;
		bp = mpool_buf_create("bp_bad", &bad[i].cfg);
		KUNIT_EXPECT_EQ_MSG(test, PTR_ERR_OR_ZERO(bp), -EINVAL, "%s", bad[i].what);
		if (!IS_ERR(bp))
			mpool_buf_destroy(bp);
	}
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(mpool_buf_create("bad/name", &default_cfg)),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, PTR_ERR_OR_ZERO(mpool_buf_create("no_config", NULL)), -EINVAL);
}

static void buffers_come_from_the_requested_node(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_node", &default_cfg);
	size_t sizes[] = { 256, 4096, MPOOL_BUF_MAX_CLASS };
	unsigned int i;

	if (!node_state(1, N_MEMORY))
		kunit_skip(test, "needs node 1 with memory");
	for (i = 0; i < ARRAY_SIZE(sizes); i++) {
		void *buf = mpool_buf_alloc_node(bp, sizes[i], GFP_KERNEL, 1);

		KUNIT_ASSERT_NOT_NULL(test, buf);
		KUNIT_EXPECT_EQ_MSG(test, page_to_nid(virt_to_page(buf)), 1, "size %zu", sizes[i]);
		mpool_buf_free(bp, buf);
	}
}

static void class_limits_apply_per_class(struct kunit *test)
{
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_limits", &default_cfg);
	struct mpool *class = mpool_buf_class(bp, 300);
	struct mpool_stats *st;
	void *bufs[10];
	unsigned int i;

	KUNIT_ASSERT_EQ(test, mpool_set_limits(class, 4, 10), 0);
	KUNIT_EXPECT_EQ(test, class_stats(test, bp, 300)->reserve, 4);
	for (i = 0; i < ARRAY_SIZE(bufs); i++) {
		bufs[i] = mpool_buf_alloc(bp, 300, GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, bufs[i]);
	}
	KUNIT_EXPECT_NULL(test, mpool_buf_alloc(bp, 300, GFP_KERNEL));
	st = class_stats(test, bp, 300);
	KUNIT_EXPECT_EQ(test, st->alloc_capped, 1);
	KUNIT_EXPECT_EQ(test, st->objects, 10);
	/* The other classes are not capped. */
	KUNIT_EXPECT_EQ(test, class_stats(test, bp, 1000)->max_objects, 0);
	for (i = 0; i < ARRAY_SIZE(bufs); i++)
		mpool_buf_free(bp, bufs[i]);
}

static void foreign_pointer_rejected_with_poison(struct kunit *test)
{
	struct mpool_buf_config cfg = { .flags = MPOOL_F_POISON, .node = NUMA_NO_NODE };
	struct mpool_buf_pool *bp = mpool_test_buf_create(test, "bp_poison", &cfg);
	struct mpool_buf_pool *other = mpool_test_buf_create(test, "bp_other", &default_cfg);
	int *errors = mpool_test_count_errors(test);
	void *heap = kunit_kmalloc(test, 256, GFP_KERNEL);
	void *theirs = mpool_buf_alloc(other, 256, GFP_KERNEL);
	u8 *mine = mpool_buf_alloc(bp, 256, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, heap);
	KUNIT_ASSERT_NOT_NULL(test, theirs);
	KUNIT_ASSERT_NOT_NULL(test, mine);
	mpool_buf_free(bp, heap);
	mpool_buf_free(bp, theirs);
	mpool_buf_free(bp, mine + 64);
	KUNIT_EXPECT_EQ(test, *errors, 3);
	KUNIT_EXPECT_EQ(test, pool_stats(test, bp)->invalid_frees, 3);
	KUNIT_EXPECT_EQ(test, pool_stats(test, bp)->live, 1);
	mpool_buf_free(other, theirs);
	mpool_buf_free(bp, mine);
}

static void kbuf_is_there_from_load(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1], *info[MPOOL_A_POOL_INFO_MAX + 1];
	struct sk_buff *req;
	void *buf;
	int family = mpool_test_nl_resolve(nl, MPOOL_FAMILY_NAME);

	buf = mpool_kbuf_alloc(300, GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	KUNIT_EXPECT_EQ(test, mpool_buf_size(buf), 512);
	mpool_kbuf_free(buf);

	KUNIT_ASSERT_GT(test, family, 0);
	req = mpool_test_nl_request(nl, family, MPOOL_CMD_POOL_GET);
	KUNIT_ASSERT_NOT_NULL(test, req);
	KUNIT_ASSERT_EQ(test, nla_put_string(req, MPOOL_A_POOL_NAME, "kbuf"), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MPOOL_A_POOL_KIND]), MPOOL_POOL_KIND_BUFFER);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(info, MPOOL_A_POOL_INFO_MAX,
							  tb[MPOOL_A_POOL_INFO], NULL, NULL), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(info[MPOOL_A_POOL_INFO_CLASSES]), 16);
	KUNIT_EXPECT_EQ(test, nla_get_u8(info[MPOOL_A_POOL_INFO_ADAPTIVE]), 1);
}

static struct kunit_case mpool_bufpool_cases[] = {
	KUNIT_CASE(smallest_fitting_class_at_every_boundary),
	KUNIT_CASE(every_class_naturally_aligned),
	KUNIT_CASE(zero_size_and_null),
	KUNIT_CASE(oversize_falls_back_and_is_counted),
	KUNIT_CASE(oversize_records_go_with_their_pool),
	KUNIT_CASE(oversize_of_another_pool_refused),
	KUNIT_CASE(invalid_node_refused_for_every_size),
	KUNIT_CASE(oversize_above_the_largest_request_refused),
	KUNIT_CASE(per_class_stats_exact),
	KUNIT_CASE(custom_classes),
	KUNIT_CASE(invalid_class_lists_rejected),
	KUNIT_CASE(buffers_come_from_the_requested_node),
	KUNIT_CASE(class_limits_apply_per_class),
	KUNIT_CASE(foreign_pointer_rejected_with_poison),
	KUNIT_CASE(kbuf_is_there_from_load),
	{}
};

static struct kunit_suite mpool_bufpool_suite = {
	.name = "mpool_bufpool",
	.test_cases = mpool_bufpool_cases,
};

kunit_test_suites(&mpool_bufpool_suite);
