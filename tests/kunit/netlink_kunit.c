// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_netlink: the "mpool" family through the real genetlink path (kernel socket,
 * strict policies, GENL_ADMIN_PERM): replies carry the numbers of mpool_get_stats(),
 * dumps span several messages and flag concurrent change, every mutating command
 * does what it says or refuses with the right errno, malformed requests are
 * rejected, and the monitor group announces what happens.
 */

#include <kunit/test.h>
#include <linux/prandom.h>
#include <linux/sizes.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <uapi/linux/mpool.h>

#include "nl_client.h"
#include "pool_test.h"

static int family(struct kunit *test, struct mpool_test_nl *nl)
{
	int id = mpool_test_nl_resolve(nl, MPOOL_FAMILY_NAME);

	KUNIT_ASSERT_GT(test, id, 0);
	return id;
}

/* A request of @cmd naming the pool by name (and by id when @id is not 0). */
static struct sk_buff *pool_request(struct kunit *test, struct mpool_test_nl *nl, u8 cmd,
				    const char *name, u32 id)
{
	struct sk_buff *req = mpool_test_nl_request(nl, family(test, nl), cmd);

	KUNIT_ASSERT_NOT_NULL(test, req);
	if (name)
		KUNIT_ASSERT_EQ(test, nla_put_string(req, MPOOL_A_POOL_NAME, name), 0);
	if (id)
		KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_ID, id), 0);
	return req;
}

/* Send @cmd naming a pool (see pool_request()); the reply, if any, lands in @tb. */
static int pool_cmd(struct kunit *test, struct mpool_test_nl *nl, u8 cmd, const char *name,
		    u32 id, struct nlattr **tb)
{
	return mpool_test_nl_transact(nl, pool_request(test, nl, cmd, name, id), tb,
				      MPOOL_A_POOL_MAX, NULL);
}

static u64 nested_u64(struct kunit *test, struct nlattr *nest, int maxattr, int attr)
{
	struct nlattr **tb = kunit_kcalloc(test, maxattr + 1, sizeof(*tb), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, tb);
	KUNIT_ASSERT_NOT_NULL(test, nest);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(tb, maxattr, nest, NULL, NULL), 0);
	KUNIT_ASSERT_NOT_NULL_MSG(test, tb[attr], "attribute %d missing", attr);
	return nla_len(tb[attr]) == sizeof(u32) ? nla_get_u32(tb[attr]) : nla_get_u64(tb[attr]);
}

struct held {
	struct mpool *pool;
	unsigned int nr;
	void *objs[];
};

static void free_held(void *data)
{
	struct held *h = data;

	mpool_free_bulk(h->pool, h->nr, h->objs);
}

/* A pool with @live objects in use until the test ends (then freed, then destroyed). */
static struct mpool *test_pool(struct kunit *test, const char *name, unsigned int live)
{
	struct mpool_config cfg = { .name = name, .size = 200, .max_objects = 1000,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct held *h = kunit_kzalloc(test, struct_size(h, objs, live), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->pool = pool;
	h->nr = mpool_alloc_bulk(pool, GFP_KERNEL, live, h->objs);
	KUNIT_ASSERT_EQ(test, h->nr, live);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, free_held, h), 0);
	return pool;
}

static void pool_get_reports_the_snapshot(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool_config cfg = { .name = "nl_get", .size = 200, .max_objects = 1000,
				    .min_objects = 5, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *objs[7];
	u32 id;
	u8 cmd;
	int i;

	for (i = 0; i < ARRAY_SIZE(objs); i++)
		objs[i] = mpool_alloc(pool, GFP_KERNEL);
	mpool_free(pool, objs[0]);

	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, pool_request(test, nl, MPOOL_CMD_POOL_GET,
								      "nl_get", 0),
						     tb, MPOOL_A_POOL_MAX, &cmd), 0);
	KUNIT_EXPECT_EQ(test, cmd, MPOOL_CMD_POOL_GET);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_POOL_ID]);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[MPOOL_A_POOL_NAME]), "nl_get");
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MPOOL_A_POOL_KIND]), MPOOL_POOL_KIND_OBJECT);
	id = nla_get_u32(tb[MPOOL_A_POOL_ID]);

	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_STATS], MPOOL_A_POOL_STATS_MAX,
					 MPOOL_A_POOL_STATS_LIVE), st.live);
	KUNIT_EXPECT_EQ(test, st.live, 6);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_STATS], MPOOL_A_POOL_STATS_MAX,
					 MPOOL_A_POOL_STATS_OBJECTS), st.objects);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_STATS], MPOOL_A_POOL_STATS_MAX,
					 MPOOL_A_POOL_STATS_RESERVE), 5);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_STATS], MPOOL_A_POOL_STATS_MAX,
					 MPOOL_A_POOL_STATS_HIT_RATE), mpool_stats_hit_rate(&st));
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_INFO], MPOOL_A_POOL_INFO_MAX,
					 MPOOL_A_POOL_INFO_OBJECT_SIZE), 200);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_INFO], MPOOL_A_POOL_INFO_MAX,
					 MPOOL_A_POOL_INFO_MAX_OBJECTS), 1000);
	KUNIT_EXPECT_NOT_NULL(test, tb[MPOOL_A_POOL_LIFETIME_HIST]);

	/* By id, and by both when they agree. */
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, NULL, id, tb), 0);
	KUNIT_EXPECT_STREQ(test, (char *)nla_data(tb[MPOOL_A_POOL_NAME]), "nl_get");
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_get", id, tb), 0);
	for (i = 1; i < ARRAY_SIZE(objs); i++)
		mpool_free(pool, objs[i]);
}

static void unknown_or_unnamed_pool_refused(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];

	test_pool(test, "nl_known", 0);
	test_pool(test, "nl_other", 0);
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "no_such_pool", 0, tb),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, NULL, 0x7fffffff, tb),
			-ENOENT);
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, NULL, 0, tb), -EINVAL);
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_SHRINK, "no_such_pool", 0, tb),
			-ENOENT);
}

/* The id a pool named @name answers to now. */
static u32 pool_id(struct kunit *test, struct mpool_test_nl *nl, const char *name)
{
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];

	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, name, 0, tb), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_POOL_ID]);
	return nla_get_u32(tb[MPOOL_A_POOL_ID]);
}

/*
 * A destroyed pool's id is not handed to the next pool: a tool still holding it (from
 * a dump or a notification) is told there is no such pool, and never reaches another.
 */
static void destroyed_pool_id_finds_nothing(struct kunit *test)
{
	struct mpool_config cfg = { .name = "nl_gone", .size = 32, .node = NUMA_NO_NODE };
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool *pool;
	u32 old;

	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	old = pool_id(test, nl, "nl_gone");
	mpool_destroy(pool);
	cfg.name = "nl_next";
	mpool_test_create(test, &cfg);
	KUNIT_EXPECT_NE(test, pool_id(test, nl, "nl_next"), old);
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, NULL, old, tb), -ENOENT);
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_SHRINK, NULL, old, tb), -ENOENT);
}

struct dump_seen {
	unsigned int ours;	/* pools named nl_dumpNN seen */
	unsigned int twice;
	unsigned long seen_map;
	struct kunit *test;
	struct mpool *late;
};

static void count_dumped(struct nlattr **tb, u8 cmd, void *ctx)
{
	struct dump_seen *seen = ctx;
	unsigned int n;

	if (!tb[MPOOL_A_POOL_NAME] ||
	    sscanf(nla_data(tb[MPOOL_A_POOL_NAME]), "nl_dump%u", &n) != 1 || n >= 40)
		return;
	if (__test_and_set_bit(n, &seen->seen_map))
		seen->twice++;
	seen->ours++;
}

static void create_mid_dump(void *ctx)
{
	struct dump_seen *seen = ctx;

	seen->late = test_pool(seen->test, "nl_dump_late", 0);
}

static void dump_spans_messages_and_flags_changes(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct dump_seen seen = { .test = test };
	bool interrupted;
	char name[16];
	int i, batches;

	for (i = 0; i < 40; i++) {
		snprintf(name, sizeof(name), "nl_dump%02d", i);
		test_pool(test, name, 0);
	}
	batches = mpool_test_nl_dump(nl, pool_request(test, nl, MPOOL_CMD_POOL_GET, NULL, 0),
				     MPOOL_A_POOL_MAX, count_dumped, &seen, NULL, &interrupted);
	KUNIT_ASSERT_GT(test, batches, 1);	/* 40 pools do not fit one message */
	KUNIT_EXPECT_EQ(test, seen.ours, 40);
	KUNIT_EXPECT_EQ(test, seen.twice, 0);
	KUNIT_EXPECT_FALSE(test, interrupted);

	/* A pool created between two batches marks the rest of the dump. */
	memset(&seen, 0, sizeof(seen));
	seen.test = test;
	batches = mpool_test_nl_dump(nl, pool_request(test, nl, MPOOL_CMD_POOL_GET, NULL, 0),
				     MPOOL_A_POOL_MAX, count_dumped, &seen, create_mid_dump,
				     &interrupted);
	KUNIT_ASSERT_GT(test, batches, 1);
	KUNIT_EXPECT_NOT_NULL(test, seen.late);
	KUNIT_EXPECT_TRUE(test, interrupted);
	KUNIT_EXPECT_EQ(test, seen.twice, 0);
}

struct bad_attr {
	int type;
	int len;	/* payload bytes; 0: attribute absent */
	u64 value;
};

struct bad_request {
	const char *what;
	u8 cmd;
	struct bad_attr attrs[2];
	int err;
};

#define U32(type, v) { type, 4, v }

static const struct bad_request bad_requests[] = {
	{ "id of two bytes", MPOOL_CMD_POOL_GET, { { MPOOL_A_POOL_ID, 2, 1 } }, -EINVAL },
	{ "id zero", MPOOL_CMD_POOL_GET, { U32(MPOOL_A_POOL_ID, 0) }, -ERANGE },
	{ "unknown attribute", MPOOL_CMD_POOL_GET, { U32(MPOOL_A_POOL_MAX + 1, 1) }, -EINVAL },
	{ "count on pool-get", MPOOL_CMD_POOL_GET, { U32(MPOOL_A_POOL_COUNT, 1) }, -EINVAL },
	{ "magazine size 0", MPOOL_CMD_POOL_SET, { U32(MPOOL_A_POOL_MAGAZINE_SIZE, 0) },
	  -ERANGE },
	{ "magazine size 2000", MPOOL_CMD_POOL_SET, { U32(MPOOL_A_POOL_MAGAZINE_SIZE, 2000) },
	  -ERANGE },
	{ "unknown flag", MPOOL_CMD_POOL_SET, { U32(MPOOL_A_POOL_FLAGS, BIT(9)) }, -EINVAL },
	{ "nothing to set", MPOOL_CMD_POOL_SET, { }, -EINVAL },
	{ "warm count 0", MPOOL_CMD_POOL_WARM, { U32(MPOOL_A_POOL_COUNT, 0) }, -ERANGE },
	{ "warm without count", MPOOL_CMD_POOL_WARM, { }, -EINVAL },
	{ "warm on no node", MPOOL_CMD_POOL_WARM,
	  { U32(MPOOL_A_POOL_COUNT, 1), U32(MPOOL_A_POOL_NODE, 4096) }, -EINVAL },
};

static void malformed_requests_rejected(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	char long_name[64];
	unsigned int i, j;

	test_pool(test, "nl_bad", 0);
	for (i = 0; i < ARRAY_SIZE(bad_requests); i++) {
		const struct bad_request *b = &bad_requests[i];
		struct sk_buff *req = pool_request(test, nl, b->cmd, "nl_bad", 0);

		for (j = 0; j < ARRAY_SIZE(b->attrs) && b->attrs[j].len; j++)
			KUNIT_ASSERT_EQ(test, nla_put(req, b->attrs[j].type, b->attrs[j].len,
						      &b->attrs[j].value), 0);
		KUNIT_EXPECT_EQ_MSG(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX,
								 NULL), b->err, "%s", b->what);
	}

	/* A name longer than any pool's is refused by the policy. */
	memset(long_name, 'x', sizeof(long_name) - 1);
	long_name[sizeof(long_name) - 1] = '\0';
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, long_name, 0, tb), -EINVAL);
}

/* A managed pool of @name, collected only on demand, with @young young objects live. */
static struct mpool_m_pool *managed_pool(struct kunit *test, const char *name,
					 unsigned int young, mpool_handle_t *h)
{
	struct mpool_m_config cfg = {
		.name = name, .max_size = 512, .max_handles = 64, .node = NUMA_NO_NODE,
		.policy = { .promote_after = 2, .no_worker = true },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	unsigned int i;

	for (i = 0; i < young; i++)
		h[i] = mpool_test_h_alloc_stamped(test, mp, 100 + i, i);
	return mp;
}

/* The generation-stats nest of @gen among the repeated ones of a managed nest. */
static struct nlattr *generation_nest(struct kunit *test, struct nlattr *managed, u32 gen)
{
	struct nlattr *nest;
	int rem;

	KUNIT_ASSERT_NOT_NULL(test, managed);
	nla_for_each_nested(nest, managed, rem) {
		if (nla_type(nest) == MPOOL_A_MANAGED_GENERATION &&
		    nested_u64(test, nest, MPOOL_A_GENERATION_STATS_MAX,
			       MPOOL_A_GENERATION_STATS_GENERATION) == gen)
			return nest;
	}
	KUNIT_FAIL(test, "generation %u missing", gen);
	return NULL;
}

static u64 gen_u64(struct kunit *test, struct nlattr *managed, u32 gen, int attr)
{
	return nested_u64(test, generation_nest(test, managed, gen),
			  MPOOL_A_GENERATION_STATS_MAX, attr);
}

/* Random attribute soup to every command: refused or answered, never a splat. */
static void random_requests_leave_kernel_clean(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool_m_pool *managed;
	struct rnd_state rnd;
	mpool_handle_t h[3];
	u8 junk[64];
	int i, j;

	test_pool(test, "nl_fuzz", 3);
	managed = managed_pool(test, "nl_fuzz_m", ARRAY_SIZE(h), h);
	prandom_seed_state(&rnd, 0x6d706f6f6cULL);
	for (i = 0; i < 300; i++) {
		u8 cmd = 1 + prandom_u32_state(&rnd) % (MPOOL_CMD_MAX + 1);
		struct sk_buff *req = mpool_test_nl_request(nl, family(test, nl), cmd);
		int nattrs = prandom_u32_state(&rnd) % 5;

		KUNIT_ASSERT_NOT_NULL(test, req);
		for (j = 0; j < nattrs; j++) {
			int type = 1 + prandom_u32_state(&rnd) % (MPOOL_A_POOL_MAX + 2);
			int len = prandom_u32_state(&rnd) % sizeof(junk);

			prandom_bytes_state(&rnd, junk, sizeof(junk));
			if (type == MPOOL_A_POOL_NAME && prandom_u32_state(&rnd) % 2)
				strscpy(junk, prandom_u32_state(&rnd) % 2 ? "nl_fuzz" : "nl_fuzz_m",
					sizeof(junk));
			if (nla_put(req, type, len, junk))
				break;
		}
		/* Any errno, or success for a valid combination: only survival counts. */
		mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL);
	}
	/* The family still answers. */
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_fuzz", 0, tb), 0);
	KUNIT_EXPECT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_fuzz_m", 0, tb), 0);
	for (i = 0; i < ARRAY_SIZE(h); i++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(managed, h[i]), 0);
}

static void mutating_commands_apply(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool *pool = test_pool(test, "nl_set", 10);
	struct mpool_stats st;
	struct sk_buff *req;
	u64 pages;

	req = pool_request(test, nl, MPOOL_CMD_POOL_SET, "nl_set", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_MAGAZINE_SIZE, 4), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_MIN_OBJECTS, 3), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_FLAGS, MPOOL_POOL_FLAGS_POISON), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.magazine_size, 4);
	KUNIT_EXPECT_EQ(test, st.min_objects, 3);
	KUNIT_EXPECT_EQ(test, st.reserve, 3);
	KUNIT_EXPECT_EQ(test, st.flags, MPOOL_F_POISON);

	/* Refusals: a create-time flag, a cap below what is in use, past the cap. */
	req = pool_request(test, nl, MPOOL_CMD_POOL_SET, "nl_set", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_FLAGS, MPOOL_POOL_FLAGS_TRACK), 0);
	KUNIT_EXPECT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL),
			-EINVAL);
	req = pool_request(test, nl, MPOOL_CMD_POOL_SET, "nl_set", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_MAX_OBJECTS, 5), 0);
	KUNIT_EXPECT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL),
			-EBUSY);
	req = pool_request(test, nl, MPOOL_CMD_POOL_WARM, "nl_set", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_COUNT, 5000), 0);
	KUNIT_EXPECT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL),
			-ENOSPC);

	/* Warm, then shrink gives back what warming took. */
	req = pool_request(test, nl, MPOOL_CMD_POOL_WARM, "nl_set", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_COUNT, 300), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_NODE, numa_mem_id()), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_GE(test, st.cached, 300);
	pages = st.pages;
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_SHRINK, "nl_set", 0, tb), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_POOL_RELEASED]);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, nla_get_u64(tb[MPOOL_A_POOL_RELEASED]),
			(pages - st.pages) * PAGE_SIZE);
	KUNIT_EXPECT_GT(test, nla_get_u64(tb[MPOOL_A_POOL_RELEASED]), 0);

	/* Reset: counters restart, gauges stay. */
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_RESET_STATS, "nl_set", 0, tb), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, mpool_stats_allocs(&st), 0);
	KUNIT_EXPECT_EQ(test, st.slabs_grown, 0);
	KUNIT_EXPECT_EQ(test, st.live, 10);
	KUNIT_EXPECT_EQ(test, st.peak_live, 10);
}

/* pool-get of a managed pool: kind, policy, sizes, and each generation's numbers. */
static void managed_pool_reported_per_generation(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	mpool_handle_t h[6];
	struct mpool_m_pool *mp = managed_pool(test, "nl_managed", ARRAY_SIZE(h), h);
	mpool_handle_t perm = mpool_h_alloc(mp, 64, GFP_KERNEL, MPOOL_H_PERMANENT);
	struct mpool_m_stats *st;
	struct nlattr *m;
	u32 g;

	KUNIT_ASSERT_NE(test, perm, 0);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[0]), 0);
	KUNIT_ASSERT_EQ(test, mpool_m_warm(mp, 100000), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_managed", 0, tb), 0);
	KUNIT_EXPECT_EQ(test, nla_get_u32(tb[MPOOL_A_POOL_KIND]), MPOOL_POOL_KIND_MANAGED);
	KUNIT_EXPECT_NULL(test, tb[MPOOL_A_POOL_STATS]);
	KUNIT_EXPECT_NOT_NULL(test, tb[MPOOL_A_POOL_LIFETIME_HIST]);
	m = tb[MPOOL_A_POOL_MANAGED];
	KUNIT_ASSERT_NOT_NULL(test, m);
	KUNIT_EXPECT_EQ(test, nested_u64(test, m, MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_PROMOTE_AFTER), 2);
	KUNIT_EXPECT_EQ(test, nested_u64(test, m, MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_COLLECTOR), 0);
	KUNIT_EXPECT_EQ(test, nested_u64(test, m, MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_MAX_HANDLES), 64);
	KUNIT_EXPECT_EQ(test, nested_u64(test, m, MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_MAX_SIZE), 512);
	KUNIT_EXPECT_EQ(test, nested_u64(test, m, MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_HELD_BYTES),
			st->gen[0].held_bytes + st->gen[1].held_bytes + st->gen[2].held_bytes);
	KUNIT_EXPECT_GT(test, st->table_bytes, 0);
	KUNIT_EXPECT_EQ(test, nested_u64(test, m, MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_TABLE_BYTES), st->table_bytes);
	KUNIT_EXPECT_EQ(test, nested_u64(test, m, MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_WARM_BYTES), 100000);
	for (g = 0; g < MPOOL_NR_GENS; g++) {
		KUNIT_EXPECT_EQ(test, gen_u64(test, m, g, MPOOL_A_GENERATION_STATS_LIVE_OBJECTS),
				st->gen[g].live_objects);
		KUNIT_EXPECT_EQ(test, gen_u64(test, m, g, MPOOL_A_GENERATION_STATS_LIVE_BYTES),
				st->gen[g].live_bytes);
		KUNIT_EXPECT_EQ(test, gen_u64(test, m, g, MPOOL_A_GENERATION_STATS_HELD_BYTES),
				st->gen[g].held_bytes);
	}
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].live_objects, ARRAY_SIZE(h) - 1);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_PERMANENT].live_objects, 1);
	for (g = 1; g < ARRAY_SIZE(h); g++)
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[g]), 0);
	KUNIT_EXPECT_EQ(test, mpool_h_free(mp, perm), 0);
}

/* pool-collect does what mpool_m_collect() does and reports what it did; pool-set policy. */
static void managed_pool_collected_and_its_policy_set(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	mpool_handle_t h[4];
	struct mpool_m_pool *mp = managed_pool(test, "nl_collect", ARRAY_SIZE(h), h);
	struct mpool_m_stats *st;
	struct sk_buff *req;
	unsigned int i;

	/* promote_after 1 by pool-set: one young collection promotes all four. */
	req = pool_request(test, nl, MPOOL_CMD_POOL_SET, "nl_collect", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_PROMOTE_AFTER, 1), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_OLD_SPARSE_PCT, 90), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);

	req = pool_request(test, nl, MPOOL_CMD_POOL_COLLECT, "nl_collect", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_GENERATION, MPOOL_GEN_YOUNG), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_POOL_COLLECTED]);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_COLLECTED],
					 MPOOL_A_GENERATION_STATS_MAX,
					 MPOOL_A_GENERATION_STATS_PROMOTED_OUT), ARRAY_SIZE(h));
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_COLLECTED],
					 MPOOL_A_GENERATION_STATS_MAX,
					 MPOOL_A_GENERATION_STATS_COLLECTIONS), 1);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_COLLECTED],
					 MPOOL_A_GENERATION_STATS_MAX,
					 MPOOL_A_GENERATION_STATS_LIVE_OBJECTS), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].live_objects, ARRAY_SIZE(h));
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].collections, 1);
	for (i = 0; i < ARRAY_SIZE(h); i++) {
		KUNIT_EXPECT_EQ(test, mpool_h_generation(mp, h[i]), MPOOL_GEN_OLD);
		KUNIT_EXPECT_TRUE(test, mpool_test_h_intact(mp, h[i], 100 + i, i));
	}

	/* Old: the segment holds 4 small objects, far below 90%: compacted by pool-collect. */
	req = pool_request(test, nl, MPOOL_CMD_POOL_COLLECT, "nl_collect", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_GENERATION, MPOOL_GEN_OLD), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].collections, 1);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_COLLECTED],
					 MPOOL_A_GENERATION_STATS_MAX,
					 MPOOL_A_GENERATION_STATS_LIVE_OBJECTS), ARRAY_SIZE(h));
	for (i = 0; i < ARRAY_SIZE(h); i++) {
		KUNIT_EXPECT_TRUE(test, mpool_test_h_intact(mp, h[i], 100 + i, i));
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
}

/* pool-compress compresses and says how much; the cold nest reports the cold tier. */
static void cold_tier_compressed_and_reported(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "nl_cold", .max_size = 1024, .max_handles = 64, .node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .no_worker = true, .cold_tier = true,
			    .cold_age_ms = 5000 },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct nlattr *mtb[MPOOL_A_MANAGED_MAX + 1];
	struct mpool_m_stats *st;
	mpool_handle_t h[16];
	struct sk_buff *req;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(h); i++)
		h[i] = mpool_test_h_alloc_log(test, mp, 512, i, 0);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);

	/* A limit of one byte: at least one block, not necessarily all of them. */
	req = pool_request(test, nl, MPOOL_CMD_POOL_COMPRESS, "nl_cold", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u64_64bit(req, MPOOL_A_POOL_BYTES, 1, MPOOL_A_POOL_PAD), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_POOL_COMPRESSED]);
	KUNIT_EXPECT_GT(test, nla_get_u64(tb[MPOOL_A_POOL_COMPRESSED]), 0);
	/* No limit: the rest. */
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_COMPRESS, "nl_cold", 0, tb), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->cold.cold_objects, ARRAY_SIZE(h));
	KUNIT_EXPECT_EQ(test, st->cold.forced_runs, 2);

	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_cold", 0, tb), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_POOL_MANAGED]);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(mtb, MPOOL_A_MANAGED_MAX,
							  tb[MPOOL_A_POOL_MANAGED], NULL, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, mtb[MPOOL_A_MANAGED_COLD]);
	KUNIT_EXPECT_EQ(test, nested_u64(test, mtb[MPOOL_A_MANAGED_COLD], MPOOL_A_COLD_TIER_MAX,
					 MPOOL_A_COLD_TIER_ENABLED), 1);
	KUNIT_EXPECT_EQ(test, nested_u64(test, mtb[MPOOL_A_MANAGED_COLD], MPOOL_A_COLD_TIER_MAX,
					 MPOOL_A_COLD_TIER_COLD_OBJECTS), st->cold.cold_objects);
	KUNIT_EXPECT_EQ(test, nested_u64(test, mtb[MPOOL_A_MANAGED_COLD], MPOOL_A_COLD_TIER_MAX,
					 MPOOL_A_COLD_TIER_STORED_BYTES), st->cold.stored_bytes);
	KUNIT_EXPECT_EQ(test, nested_u64(test, mtb[MPOOL_A_MANAGED_COLD], MPOOL_A_COLD_TIER_MAX,
					 MPOOL_A_COLD_TIER_FORCED_RUNS), 2);
	KUNIT_EXPECT_EQ(test, nested_u64(test, mtb[MPOOL_A_MANAGED_COLD], MPOOL_A_COLD_TIER_MAX,
					 MPOOL_A_COLD_TIER_RATIO),
			mpool_m_cold_ratio_x100(&st->cold));
	KUNIT_EXPECT_GT(test, mpool_m_cold_ratio_x100(&st->cold), 100);
	KUNIT_EXPECT_EQ(test, nested_u64(test, mtb[MPOOL_A_MANAGED_COLD], MPOOL_A_COLD_TIER_MAX,
					 MPOOL_A_COLD_TIER_COLD_AGE), 5000);

	/* Mapped back intact. */
	for (i = 0; i < ARRAY_SIZE(h); i++) {
		KUNIT_EXPECT_TRUE(test, mpool_test_h_log_intact(mp, h[i], 512, i));
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
}

/* A managed pool with a cold tier, its worker off, its cold knobs the defaults. */
static struct mpool_m_pool *cold_pool(struct kunit *test, const char *name)
{
	struct mpool_m_config cfg = {
		.name = name, .max_size = 1024, .max_handles = 64, .node = NUMA_NO_NODE,
		.policy = { .promote_after = 2, .no_worker = true, .cold_tier = true },
	};

	return mpool_test_m_create(test, &cfg);
}

/* The cold-tier nest of @name's pool-get reply, parsed into @ctb. */
static void get_cold_nest(struct kunit *test, struct mpool_test_nl *nl, const char *name,
			  struct nlattr **ctb)
{
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct nlattr *mtb[MPOOL_A_MANAGED_MAX + 1];

	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, name, 0, tb), 0);
	KUNIT_ASSERT_NOT_NULL(test, tb[MPOOL_A_POOL_MANAGED]);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(mtb, MPOOL_A_MANAGED_MAX,
							  tb[MPOOL_A_POOL_MANAGED], NULL, NULL), 0);
	KUNIT_ASSERT_NOT_NULL(test, mtb[MPOOL_A_MANAGED_COLD]);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(ctb, MPOOL_A_COLD_TIER_MAX,
							  mtb[MPOOL_A_MANAGED_COLD], NULL,
							  NULL), 0);
}

/* pool-set changes every cold knob at once; pool-get and the pool itself agree. */
static void cold_policy_set_and_reported(struct kunit *test)
{
	static const struct {
		u16 set_attr, cold_attr;
		u32 value;
	} knobs[] = {
		{ MPOOL_A_POOL_COLD_AGE, MPOOL_A_COLD_TIER_COLD_AGE, 250 },
		{ MPOOL_A_POOL_COLD_HIGH_PCT, MPOOL_A_COLD_TIER_HIGH_PCT, 50 },
		{ MPOOL_A_POOL_COLD_LOW_PCT, MPOOL_A_COLD_TIER_LOW_PCT, 30 },
		{ MPOOL_A_POOL_COLD_MIN_SAVING_PCT, MPOOL_A_COLD_TIER_MIN_SAVING_PCT, 40 },
		{ MPOOL_A_POOL_COLD_INTERVAL, MPOOL_A_COLD_TIER_INTERVAL, 20 },
		{ MPOOL_A_POOL_COLD_CPU_PCT, MPOOL_A_COLD_TIER_CPU_PCT, 35 },
	};
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct nlattr *ctb[MPOOL_A_COLD_TIER_MAX + 1];
	struct sk_buff *req;
	unsigned int i;

	cold_pool(test, "nl_cold_set");
	get_cold_nest(test, nl, "nl_cold_set", ctb);
	KUNIT_ASSERT_NOT_NULL(test, ctb[MPOOL_A_COLD_TIER_PERMANENT]);
	KUNIT_EXPECT_EQ(test, nla_get_u8(ctb[MPOOL_A_COLD_TIER_PERMANENT]), 0);
	for (i = 0; i < ARRAY_SIZE(knobs); i++) {
		KUNIT_ASSERT_NOT_NULL(test, ctb[knobs[i].cold_attr]);
		KUNIT_EXPECT_NE(test, nla_get_u32(ctb[knobs[i].cold_attr]), knobs[i].value);
	}

	req = pool_request(test, nl, MPOOL_CMD_POOL_SET, "nl_cold_set", 0);
	for (i = 0; i < ARRAY_SIZE(knobs); i++)
		KUNIT_ASSERT_EQ(test, nla_put_u32(req, knobs[i].set_attr, knobs[i].value), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u8(req, MPOOL_A_POOL_COLD_PERMANENT, 1), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);

	get_cold_nest(test, nl, "nl_cold_set", ctb);
	for (i = 0; i < ARRAY_SIZE(knobs); i++)
		KUNIT_EXPECT_EQ_MSG(test, nla_get_u32(ctb[knobs[i].cold_attr]), knobs[i].value,
				    "cold-tier attribute %u", knobs[i].cold_attr);
	KUNIT_EXPECT_EQ(test, nla_get_u8(ctb[MPOOL_A_COLD_TIER_PERMANENT]), 1);
	/* The generation policy was not in the request: kept. */
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_cold_set", 0, tb), 0);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_MANAGED], MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_PROMOTE_AFTER), 2);

	/* One knob alone leaves the others as they are; permanent goes back off. */
	req = pool_request(test, nl, MPOOL_CMD_POOL_SET, "nl_cold_set", 0);
	KUNIT_ASSERT_EQ(test, nla_put_u32(req, MPOOL_A_POOL_COLD_LOW_PCT, 45), 0);
	KUNIT_ASSERT_EQ(test, nla_put_u8(req, MPOOL_A_POOL_COLD_PERMANENT, 0), 0);
	KUNIT_ASSERT_EQ(test, mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL), 0);
	get_cold_nest(test, nl, "nl_cold_set", ctb);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ctb[MPOOL_A_COLD_TIER_LOW_PCT]), 45);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ctb[MPOOL_A_COLD_TIER_HIGH_PCT]), 50);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ctb[MPOOL_A_COLD_TIER_COLD_AGE]), 250);
	KUNIT_EXPECT_EQ(test, nla_get_u8(ctb[MPOOL_A_COLD_TIER_PERMANENT]), 0);
}

/* What a managed pool cannot do, and policy attributes where they do not belong. */
static void managed_requests_checked(struct kunit *test)
{
	static const struct {
		const char *what;
		u8 cmd;
		bool managed;		/* sent to the managed pool, else to the object pool */
		struct bad_attr attr, attr2, attr3;
		int err;
		bool cold;		/* to the managed pool with a cold tier instead */
	} bad[] = {
		{ "collect without generation", MPOOL_CMD_POOL_COLLECT, true, { }, .err = -EINVAL },
		{ "collect generation 3", MPOOL_CMD_POOL_COLLECT, true,
		  U32(MPOOL_A_POOL_GENERATION, 3), .err = -ERANGE },
		{ "collect permanent", MPOOL_CMD_POOL_COLLECT, true,
		  U32(MPOOL_A_POOL_GENERATION, MPOOL_GEN_PERMANENT), .err = -EINVAL },
		{ "collect an object pool", MPOOL_CMD_POOL_COLLECT, false,
		  U32(MPOOL_A_POOL_GENERATION, MPOOL_GEN_YOUNG), .err = -EOPNOTSUPP },
		{ "collect with count", MPOOL_CMD_POOL_COLLECT, true,
		  U32(MPOOL_A_POOL_COUNT, 1), .err = -EINVAL },
		{ "promote-after 0", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_PROMOTE_AFTER, 0), .err = -ERANGE },
		{ "promote-after 256", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_PROMOTE_AFTER, 256), .err = -ERANGE },
		{ "young-interval 0", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_YOUNG_INTERVAL, 0), .err = -ERANGE },
		{ "old-interval above an hour", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_OLD_INTERVAL, 3600001), .err = -ERANGE },
		{ "old-sparse-pct 101", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_OLD_SPARSE_PCT, 101), .err = -ERANGE },
		{ "promote-after of two bytes", MPOOL_CMD_POOL_SET, true,
		  { MPOOL_A_POOL_PROMOTE_AFTER, 2, 1 }, .err = -EINVAL },
		{ "policy of an object pool", MPOOL_CMD_POOL_SET, false,
		  U32(MPOOL_A_POOL_PROMOTE_AFTER, 2), .err = -EINVAL },
		{ "magazine of a managed pool", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_MAGAZINE_SIZE, 8), .err = -EOPNOTSUPP },
		{ "warm a managed pool by count", MPOOL_CMD_POOL_WARM, true,
		  U32(MPOOL_A_POOL_COUNT, 8), .err = -EINVAL },
		{ "warm a managed pool on a node", MPOOL_CMD_POOL_WARM, true,
		  U32(MPOOL_A_POOL_NODE, 0), .err = -EINVAL },
		{ "warm a managed pool without bytes", MPOOL_CMD_POOL_WARM, true, { },
		  .err = -EINVAL },
		{ "warm an object pool in bytes", MPOOL_CMD_POOL_WARM, false,
		  { MPOOL_A_POOL_BYTES, 8, 4096 }, .err = -EINVAL },
		{ "warm bytes of four bytes", MPOOL_CMD_POOL_WARM, true,
		  U32(MPOOL_A_POOL_BYTES, 1), .err = -EINVAL },
		{ "shrink a managed pool", MPOOL_CMD_POOL_SHRINK, true, { }, .err = -EOPNOTSUPP },
		{ "reset a managed pool", MPOOL_CMD_POOL_RESET_STATS, true, { },
		  .err = -EOPNOTSUPP },
		{ "node stats of a managed pool", MPOOL_CMD_NODE_STATS_GET, true, { },
		  .err = -EOPNOTSUPP },
		{ "classes of a managed pool", MPOOL_CMD_CLASS_GET, true, { }, .err = -EOPNOTSUPP },
		{ "compress a managed pool without a cold tier", MPOOL_CMD_POOL_COMPRESS, true,
		  { }, .err = -EOPNOTSUPP },
		{ "compress an object pool", MPOOL_CMD_POOL_COMPRESS, false, { },
		  .err = -EOPNOTSUPP },
		{ "compress bytes of four bytes", MPOOL_CMD_POOL_COMPRESS, true,
		  U32(MPOOL_A_POOL_BYTES, 1), .err = -EINVAL },
		{ "rebalance a managed pool", MPOOL_CMD_POOL_REBALANCE, true,
		  U32(MPOOL_A_POOL_COUNT, 8), U32(MPOOL_A_POOL_FROM_NODE, 0),
		  U32(MPOOL_A_POOL_TO_NODE, 1), .err = -EOPNOTSUPP },
		{ "cold-age of a managed pool without a cold tier", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_COLD_AGE, 500), .err = -EOPNOTSUPP },
		{ "promote-after and cold-permanent without a cold tier", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_PROMOTE_AFTER, 5), { MPOOL_A_POOL_COLD_PERMANENT, 1, 1 },
		  .err = -EOPNOTSUPP },
		{ "cold-high-pct of an object pool", MPOOL_CMD_POOL_SET, false,
		  U32(MPOOL_A_POOL_COLD_HIGH_PCT, 70), .err = -EINVAL },
		{ "cold-age 0", MPOOL_CMD_POOL_SET, true, U32(MPOOL_A_POOL_COLD_AGE, 0),
		  .cold = true, .err = -ERANGE },
		{ "cold-high-pct 101", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_COLD_HIGH_PCT, 101), .cold = true, .err = -ERANGE },
		{ "cold-min-saving-pct 91", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_COLD_MIN_SAVING_PCT, 91), .cold = true, .err = -ERANGE },
		{ "cold-cpu-pct 101", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_COLD_CPU_PCT, 101), .cold = true, .err = -ERANGE },
		{ "cold-permanent 2", MPOOL_CMD_POOL_SET, true,
		  { MPOOL_A_POOL_COLD_PERMANENT, 1, 2 }, .cold = true, .err = -ERANGE },
		{ "cold-low-pct equal to cold-high-pct", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_COLD_HIGH_PCT, 70), U32(MPOOL_A_POOL_COLD_LOW_PCT, 70),
		  .cold = true, .err = -EINVAL },
		{ "cold-low-pct above the high watermark it keeps", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_COLD_LOW_PCT, 90), .cold = true, .err = -EINVAL },
		{ "promote-after with a cold-high-pct below the low one", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_PROMOTE_AFTER, 5), U32(MPOOL_A_POOL_COLD_HIGH_PCT, 50),
		  .cold = true, .err = -EINVAL },
		{ "cold-age with a magazine size", MPOOL_CMD_POOL_SET, true,
		  U32(MPOOL_A_POOL_COLD_AGE, 500), U32(MPOOL_A_POOL_MAGAZINE_SIZE, 8),
		  .cold = true, .err = -EOPNOTSUPP },
	};
	struct nlattr *ctb[MPOOL_A_COLD_TIER_MAX + 1];
	struct nlattr *mtb[MPOOL_A_MANAGED_MAX + 1];
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool_m_pool *mp = managed_pool(test, "nl_bad_m", 0, NULL);
	struct mpool_m_stats *st;
	unsigned int i;

	test_pool(test, "nl_bad_o", 0);
	cold_pool(test, "nl_bad_c");
	for (i = 0; i < ARRAY_SIZE(bad); i++) {
		const struct bad_attr *attrs[] = { &bad[i].attr, &bad[i].attr2, &bad[i].attr3 };
		struct sk_buff *req = pool_request(test, nl, bad[i].cmd,
						   bad[i].cold ? "nl_bad_c" :
						   bad[i].managed ? "nl_bad_m" : "nl_bad_o", 0);
		unsigned int j;

		for (j = 0; j < ARRAY_SIZE(attrs) && attrs[j]->len; j++)
			KUNIT_ASSERT_EQ(test, nla_put(req, attrs[j]->type, attrs[j]->len,
						      &attrs[j]->value), 0);
		KUNIT_EXPECT_EQ_MSG(test,
				    mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL),
				    bad[i].err, "%s", bad[i].what);
	}
	/* None of it changed or collected anything. */
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].collections, 0);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_OLD].collections, 0);
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_bad_m", 0, tb), 0);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_MANAGED], MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_PROMOTE_AFTER), 2);
	/* All or nothing: the refused cold requests left the defaults and promote-after. */
	get_cold_nest(test, nl, "nl_bad_c", ctb);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ctb[MPOOL_A_COLD_TIER_COLD_AGE]), 1000);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ctb[MPOOL_A_COLD_TIER_HIGH_PCT]), 80);
	KUNIT_EXPECT_EQ(test, nla_get_u32(ctb[MPOOL_A_COLD_TIER_LOW_PCT]), 60);
	KUNIT_EXPECT_EQ(test, nla_get_u8(ctb[MPOOL_A_COLD_TIER_PERMANENT]), 0);
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_bad_c", 0, tb), 0);
	KUNIT_EXPECT_EQ(test, nested_u64(test, tb[MPOOL_A_POOL_MANAGED], MPOOL_A_MANAGED_MAX,
					 MPOOL_A_MANAGED_PROMOTE_AFTER), 2);
	/* Nor did they give a cold tier to the pool created without one. */
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_GET, "nl_bad_m", 0, tb), 0);
	KUNIT_ASSERT_EQ(test, nla_parse_nested_deprecated(mtb, MPOOL_A_MANAGED_MAX,
							  tb[MPOOL_A_POOL_MANAGED], NULL, NULL), 0);
	KUNIT_EXPECT_NULL(test, mtb[MPOOL_A_MANAGED_COLD]);
}

/* Put bytes in a pool-warm request for @name and send it: the kernel's answer. */
static int warm_bytes_request(struct kunit *test, struct mpool_test_nl *nl, const char *name,
			      u64 bytes)
{
	struct sk_buff *req = pool_request(test, nl, MPOOL_CMD_POOL_WARM, name, 0);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];

	KUNIT_ASSERT_EQ(test, nla_put_u64_64bit(req, MPOOL_A_POOL_BYTES, bytes,
						MPOOL_A_POOL_PAD), 0);
	return mpool_test_nl_transact(nl, req, tb, MPOOL_A_POOL_MAX, NULL);
}

static u64 held_bytes(const struct mpool_m_stats *st)
{
	return st->gen[MPOOL_GEN_YOUNG].held_bytes + st->gen[MPOOL_GEN_OLD].held_bytes +
	       st->gen[MPOOL_GEN_PERMANENT].held_bytes;
}

/*
 * pool-warm of a managed pool is in bytes: it sets the warm level and readies young
 * segments, as mpool_m_warm() does; past the budget or the machine's memory it is
 * refused and changes nothing; 0 gives the level up.
 */
static void managed_pool_warmed_in_bytes(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "nl_warm_m", .max_size = 512, .max_handles = 64, .budget = SZ_1M,
		.node = NUMA_NO_NODE, .policy = { .promote_after = 2, .no_worker = true },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct mpool_m_stats *st;
	u64 held;

	managed_pool(test, "nl_warm_unbudgeted", 0, NULL);
	KUNIT_ASSERT_EQ(test, warm_bytes_request(test, nl, "nl_warm_m", 100000), 0);
	st = mpool_test_m_stats(test, mp);
	held = held_bytes(st);
	KUNIT_EXPECT_EQ(test, st->warm_bytes, 100000);
	KUNIT_EXPECT_GE(test, held, 100000);
	KUNIT_EXPECT_LT(test, held, SZ_1M);
	KUNIT_EXPECT_EQ(test, st->gen[MPOOL_GEN_YOUNG].held_bytes, held);

	KUNIT_EXPECT_EQ(test, warm_bytes_request(test, nl, "nl_warm_m", SZ_1M + 1), -EINVAL);
	KUNIT_EXPECT_EQ(test, warm_bytes_request(test, nl, "nl_warm_unbudgeted", U64_MAX),
			-EINVAL);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->warm_bytes, 100000);
	KUNIT_EXPECT_EQ(test, held_bytes(st), held);

	KUNIT_ASSERT_EQ(test, warm_bytes_request(test, nl, "nl_warm_m", 0), 0);
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, st->warm_bytes, 0);
}

static void node_stats_match_matrix(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool *pool = test_pool(test, "nl_nodes", 4);
	struct mpool_node_pair *m;
	struct nlattr *pair;
	int n, rem, len, pairs = 0;

	n = mpool_get_node_matrix(pool, NULL, 0);
	m = kunit_kcalloc(test, n * n, sizeof(*m), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, m);
	mpool_get_node_matrix(pool, m, n);
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_NODE_STATS_GET, "nl_nodes", 0, tb), 0);
	/* node-pair repeats: walk every attribute of the reply. */
	nla_for_each_attr(pair, mpool_test_nl_reply_attrs(nl, &len), len, rem) {
		u64 from, to;

		if (nla_type(pair) != MPOOL_A_POOL_NODE_PAIR)
			continue;
		from = nested_u64(test, pair, MPOOL_A_NODE_PAIR_MAX, MPOOL_A_NODE_PAIR_CPU_NODE);
		to = nested_u64(test, pair, MPOOL_A_NODE_PAIR_MAX, MPOOL_A_NODE_PAIR_OBJECT_NODE);
		KUNIT_ASSERT_LT(test, from, n);
		KUNIT_ASSERT_LT(test, to, n);
		KUNIT_EXPECT_EQ(test, nested_u64(test, pair, MPOOL_A_NODE_PAIR_MAX,
						 MPOOL_A_NODE_PAIR_ALLOCS),
				m[from * n + to].allocs);
		KUNIT_EXPECT_EQ(test, nested_u64(test, pair, MPOOL_A_NODE_PAIR_MAX,
						 MPOOL_A_NODE_PAIR_FREES),
				m[from * n + to].frees);
		pairs++;
	}
	KUNIT_EXPECT_EQ(test, pairs, num_possible_nodes() * num_possible_nodes());
}

struct heard {
	unsigned int add, change, del, limit;
	const char *name;
};

static void count_notification(struct nlattr **tb, u8 cmd, void *ctx)
{
	struct heard *h = ctx;

	if (!tb[MPOOL_A_POOL_NAME] || strcmp(nla_data(tb[MPOOL_A_POOL_NAME]), h->name))
		return;
	h->add += cmd == MPOOL_CMD_POOL_ADD_NTF;
	h->change += cmd == MPOOL_CMD_POOL_CHANGE_NTF;
	h->del += cmd == MPOOL_CMD_POOL_DEL_NTF;
	h->limit += cmd == MPOOL_CMD_POOL_LIMIT_NTF && tb[MPOOL_A_POOL_MAX_OBJECTS] &&
		    nla_get_u32(tb[MPOOL_A_POOL_MAX_OBJECTS]) == 2;
}

static void monitor_group_announces(struct kunit *test)
{
	struct mpool_test_nl *nl = mpool_test_nl_open(test);
	struct mpool_test_nl *monitor = mpool_test_nl_open(test);
	struct mpool_config cfg = { .name = "nl_ntf", .size = 64, .max_objects = 2,
				    .node = NUMA_NO_NODE };
	struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct heard heard = { .name = "nl_ntf" };
	struct mpool *pool;
	void *a, *b;

	KUNIT_ASSERT_EQ(test, mpool_test_nl_subscribe(monitor, MPOOL_FAMILY_NAME,
						      MPOOL_MCGRP_MONITOR), 0);
	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	KUNIT_ASSERT_EQ(test, pool_cmd(test, nl, MPOOL_CMD_POOL_RESET_STATS, "nl_ntf", 0, tb), 0);
	a = mpool_alloc(pool, GFP_KERNEL);
	b = mpool_alloc(pool, GFP_KERNEL);
	KUNIT_EXPECT_NULL(test, mpool_alloc(pool, GFP_KERNEL));	/* the cap: a limit ntf */
	KUNIT_EXPECT_NULL(test, mpool_alloc(pool, GFP_KERNEL));	/* rate-limited away */
	mpool_free(pool, a);
	mpool_free(pool, b);
	mpool_destroy(pool);

	mpool_test_nl_read_notifications(monitor, MPOOL_A_POOL_MAX, count_notification, &heard);
	KUNIT_EXPECT_EQ(test, heard.add, 1);
	KUNIT_EXPECT_EQ(test, heard.change, 1);
	KUNIT_EXPECT_EQ(test, heard.limit, 1);
	KUNIT_EXPECT_EQ(test, heard.del, 1);
}

static struct kunit_case mpool_netlink_cases[] = {
	KUNIT_CASE(pool_get_reports_the_snapshot),
	KUNIT_CASE(unknown_or_unnamed_pool_refused),
	KUNIT_CASE(destroyed_pool_id_finds_nothing),
	KUNIT_CASE(dump_spans_messages_and_flags_changes),
	KUNIT_CASE(malformed_requests_rejected),
	KUNIT_CASE(random_requests_leave_kernel_clean),
	KUNIT_CASE(mutating_commands_apply),
	KUNIT_CASE(node_stats_match_matrix),
	KUNIT_CASE(managed_pool_reported_per_generation),
	KUNIT_CASE(managed_pool_collected_and_its_policy_set),
	KUNIT_CASE(managed_requests_checked),
	KUNIT_CASE(managed_pool_warmed_in_bytes),
	KUNIT_CASE(cold_tier_compressed_and_reported),
	KUNIT_CASE(cold_policy_set_and_reported),
	KUNIT_CASE(monitor_group_announces),
	{}
};

static struct kunit_suite mpool_netlink_suite = {
	.name = "mpool_netlink",
	.test_cases = mpool_netlink_cases,
};

kunit_test_suites(&mpool_netlink_suite);
