// SPDX-License-Identifier: GPL-2.0
/*
 * mpool_debugfs: the files people read show the numbers of mpool_get_stats(), come
 * and go with their pool, act when written, and a file held open while its pool is
 * destroyed fails cleanly instead of reading freed memory (KASAN watches).
 *
 * Needs debugfs mounted on /sys/kernel/debug, as the harness guest does.
 */

#include <kunit/test.h>
#include <linux/file.h>
#include <linux/fs.h>
#include <linux/slab.h>
#include <linux/string.h>

#include "pool_test.h"

#define DEBUGFS_DIR	"/sys/kernel/debug/mpool/"

static int need_debugfs(struct kunit *test)
{
	struct file *f = filp_open(DEBUGFS_DIR "pools", O_RDONLY, 0);

	if (IS_ERR(f))
		kunit_skip(test, "debugfs is not mounted on /sys/kernel/debug");
	filp_close(f, NULL);
	return 0;
}

/* Read all of @path into a NUL-terminated test buffer. */
static char *read_file(struct kunit *test, const char *path)
{
	struct mpool_test_ufile *u = mpool_test_ufile_get(test);
	char *buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	ssize_t len;

	KUNIT_ASSERT_NOT_NULL(test, buf);
	len = mpool_test_ufile_read_path(u, path, buf, PAGE_SIZE);
	KUNIT_ASSERT_GT_MSG(test, len, 0, "read %s", path);
	return buf;
}

static int write_file(struct kunit *test, const char *path, const char *text)
{
	ssize_t len = mpool_test_ufile_write_path(mpool_test_ufile_get(test), path, text);

	return len < 0 ? len : 0;
}

/* The value on the line "@key N" of a "name value" file. */
static u64 field(struct kunit *test, const char *text, const char *key)
{
	size_t klen = strlen(key);
	const char *line = text;
	u64 v;

	while (line && *line) {
		if (!strncmp(line, key, klen) && line[klen] == ' ') {
			int n = sscanf(line + klen + 1, "%llu", &v);

			KUNIT_ASSERT_EQ(test, n, 1);
			return v;
		}
		line = strchr(line, '\n');
		if (line)
			line++;
	}
	KUNIT_FAIL(test, "no line %s", key);
	return 0;
}

static void files_come_and_go_with_pool(struct kunit *test)
{
	static const char *const files[] = { "stats", "config", "nodes", "histograms",
					     "warm", "shrink" };
	struct mpool_config cfg = { .name = "dbg_files", .size = 64, .node = NUMA_NO_NODE };
	struct mpool *pool;
	char path[96];
	unsigned int i;

	need_debugfs(test);
	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	KUNIT_EXPECT_NOT_NULL(test, strstr(read_file(test, DEBUGFS_DIR "pools"), "dbg_files"));
	for (i = 0; i < ARRAY_SIZE(files); i++) {
		struct file *f;

		snprintf(path, sizeof(path), DEBUGFS_DIR "dbg_files/%s", files[i]);
		f = filp_open(path, O_RDONLY, 0);
		if (!IS_ERR(f))
			filp_close(f, NULL);
		/* warm and shrink are write-only: EACCES still proves they exist. */
		KUNIT_EXPECT_TRUE_MSG(test, !IS_ERR(f) || PTR_ERR(f) == -EACCES, "%s: %ld",
				      files[i], PTR_ERR(f));
	}
	mpool_destroy(pool);
	KUNIT_EXPECT_EQ(test, PTR_ERR(filp_open(DEBUGFS_DIR "dbg_files/stats", O_RDONLY, 0)),
			-ENOENT);
	KUNIT_EXPECT_NULL(test, strstr(read_file(test, DEBUGFS_DIR "pools"), "dbg_files"));
}

static void stats_file_shows_the_snapshot(struct kunit *test)
{
	struct mpool_config cfg = { .name = "dbg_stats", .size = 300, .min_objects = 4,
				    .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	void *objs[9];
	char *text;

	need_debugfs(test);
	KUNIT_ASSERT_EQ(test, mpool_alloc_bulk(pool, GFP_KERNEL, ARRAY_SIZE(objs), objs),
			ARRAY_SIZE(objs));
	text = read_file(test, DEBUGFS_DIR "dbg_stats/stats");
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, field(test, text, "live"), st.live);
	KUNIT_EXPECT_EQ(test, field(test, text, "live"), 9);
	KUNIT_EXPECT_EQ(test, field(test, text, "objects"), st.objects);
	KUNIT_EXPECT_EQ(test, field(test, text, "reserve"), 4);
	KUNIT_EXPECT_EQ(test, field(test, text, "pages"), st.pages);
	text = read_file(test, DEBUGFS_DIR "dbg_stats/config");
	KUNIT_EXPECT_EQ(test, field(test, text, "object-size"), 300);
	KUNIT_EXPECT_EQ(test, field(test, text, "min-objects"), 4);
	mpool_free_bulk(pool, ARRAY_SIZE(objs), objs);
}

static void warm_and_shrink_files_act(struct kunit *test)
{
	struct mpool_config cfg = { .name = "dbg_act", .size = 128, .node = NUMA_NO_NODE };
	struct mpool *pool = mpool_test_create(test, &cfg);
	struct mpool_stats st;
	char cmd[32];

	need_debugfs(test);
	snprintf(cmd, sizeof(cmd), "200 %d\n", numa_mem_id());
	KUNIT_ASSERT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_act/warm", cmd), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_GE(test, st.cached, 200);
	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_act/warm", "zero\n"), -EINVAL);
	KUNIT_ASSERT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_act/shrink", "1\n"), 0);
	mpool_get_stats(pool, &st);
	KUNIT_EXPECT_EQ(test, st.pages, 0);
}

/* A managed pool's files: per-generation stats, its policy; collect and warm act. */
static void managed_pool_files_show_and_collect(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "dbg_managed", .max_size = 256, .max_handles = 32, .node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .no_worker = true },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	mpool_handle_t h[5];
	struct mpool_m_stats *st;
	unsigned int i;
	char *text;

	need_debugfs(test);
	for (i = 0; i < ARRAY_SIZE(h); i++)
		h[i] = mpool_test_h_alloc_stamped(test, mp, 200, i);
	text = read_file(test, DEBUGFS_DIR "pools");
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "dbg_managed"));
	text = read_file(test, DEBUGFS_DIR "dbg_managed/stats");
	st = mpool_test_m_stats(test, mp);
	KUNIT_EXPECT_EQ(test, field(test, text, "young-live-objects"), 5);
	KUNIT_EXPECT_EQ(test, field(test, text, "young-live-bytes"), 1000);
	KUNIT_EXPECT_EQ(test, field(test, text, "young-held-bytes"),
			st->gen[MPOOL_GEN_YOUNG].held_bytes);
	KUNIT_EXPECT_EQ(test, field(test, text, "old-live-objects"), 0);
	KUNIT_EXPECT_GT(test, st->table_bytes, 0);
	KUNIT_EXPECT_EQ(test, field(test, text, "table-bytes"), st->table_bytes);
	KUNIT_EXPECT_EQ(test, field(test, text, "warm-bytes"), 0);
	text = read_file(test, DEBUGFS_DIR "dbg_managed/config");
	KUNIT_EXPECT_EQ(test, field(test, text, "promote-after"), 1);
	KUNIT_EXPECT_EQ(test, field(test, text, "max-handles"), 32);
	KUNIT_EXPECT_NOT_NULL(test, strstr(read_file(test, DEBUGFS_DIR "dbg_managed/histograms"),
					   "lifetime"));

	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/collect", "permanent\n"),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/collect", "elder\n"),
			-EINVAL);
	KUNIT_ASSERT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/collect", "young\n"), 0);
	text = read_file(test, DEBUGFS_DIR "dbg_managed/stats");
	KUNIT_EXPECT_EQ(test, field(test, text, "young-collections"), 1);
	KUNIT_EXPECT_EQ(test, field(test, text, "old-live-objects"), 5);
	KUNIT_EXPECT_EQ(test, field(test, text, "young-promoted-out"), 5);
	for (i = 0; i < ARRAY_SIZE(h); i++) {
		KUNIT_EXPECT_TRUE(test, mpool_test_h_intact(mp, h[i], 200, i));
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}

	/* warm takes bytes, K/M/G suffixed: the level, and the segments to hold it. */
	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/warm", "64k\n"), 0);
	text = read_file(test, DEBUGFS_DIR "dbg_managed/stats");
	KUNIT_EXPECT_EQ(test, field(test, text, "warm-bytes"), 65536);
	KUNIT_EXPECT_GE(test, field(test, text, "young-held-bytes") +
			field(test, text, "old-held-bytes") +
			field(test, text, "permanent-held-bytes"), 65536);
	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/warm", "lots\n"),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/warm", "64kb\n"),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/warm", "1000000G\n"),
			-EINVAL);
	KUNIT_EXPECT_EQ(test, field(test, read_file(test, DEBUGFS_DIR "dbg_managed/stats"),
				    "warm-bytes"), 65536);
	KUNIT_EXPECT_EQ(test, write_file(test, DEBUGFS_DIR "dbg_managed/warm", "0\n"), 0);
	KUNIT_EXPECT_EQ(test, field(test, read_file(test, DEBUGFS_DIR "dbg_managed/stats"),
				    "warm-bytes"), 0);
}

/* A managed pool's cold tier in its files, after a compression. */
static void cold_tier_in_the_managed_files(struct kunit *test)
{
	struct mpool_m_config cfg = {
		.name = "dbg_cold", .max_size = 1024, .max_handles = 32, .node = NUMA_NO_NODE,
		.policy = { .promote_after = 1, .no_worker = true, .cold_tier = true },
	};
	struct mpool_m_pool *mp = mpool_test_m_create(test, &cfg);
	mpool_handle_t h[8];
	struct mpool_m_stats *st;
	unsigned int i;
	char *text;

	need_debugfs(test);
	for (i = 0; i < ARRAY_SIZE(h); i++)
		h[i] = mpool_test_h_alloc_log(test, mp, 600, i, 0);
	mpool_m_collect(mp, MPOOL_GEN_YOUNG);
	KUNIT_ASSERT_GT(test, mpool_m_compress(mp, 0), 0);
	st = mpool_test_m_stats(test, mp);
	text = read_file(test, DEBUGFS_DIR "dbg_cold/stats");
	KUNIT_EXPECT_EQ(test, field(test, text, "cold-enabled"), 1);
	KUNIT_EXPECT_EQ(test, field(test, text, "cold-objects"), 8);
	KUNIT_EXPECT_EQ(test, field(test, text, "cold-stored-bytes"), st->cold.stored_bytes);
	KUNIT_EXPECT_EQ(test, field(test, text, "cold-forced-runs"), 1);
	text = read_file(test, DEBUGFS_DIR "dbg_cold/config");
	KUNIT_EXPECT_NOT_NULL(test, strstr(text, "cold-tier on"));
	KUNIT_EXPECT_EQ(test, field(test, text, "cold-age-ms"), 1000);
	KUNIT_EXPECT_NOT_NULL(test, strstr(read_file(test, DEBUGFS_DIR "dbg_cold/histograms"),
					   "cold map latency"));
	for (i = 0; i < ARRAY_SIZE(h); i++) {
		KUNIT_EXPECT_TRUE(test, mpool_test_h_log_intact(mp, h[i], 600, i));
		KUNIT_EXPECT_EQ(test, mpool_h_free(mp, h[i]), 0);
	}
}

static void open_file_outlives_its_pool(struct kunit *test)
{
	struct mpool_config cfg = { .name = "dbg_gone", .size = 64, .node = NUMA_NO_NODE };
	char *buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);
	struct mpool_test_ufile *u;
	struct file *stats, *warm;
	struct mpool *pool;

	need_debugfs(test);
	KUNIT_ASSERT_NOT_NULL(test, buf);
	u = mpool_test_ufile_get(test);
	pool = mpool_create(&cfg);
	KUNIT_ASSERT_FALSE(test, IS_ERR(pool));
	stats = filp_open(DEBUGFS_DIR "dbg_gone/stats", O_RDONLY, 0);
	warm = filp_open(DEBUGFS_DIR "dbg_gone/warm", O_WRONLY, 0);
	KUNIT_ASSERT_FALSE(test, IS_ERR(stats));
	KUNIT_ASSERT_FALSE(test, IS_ERR(warm));
	/* Open and working while the pool lives. */
	KUNIT_EXPECT_GT(test, mpool_test_ufile_read(u, stats, buf, PAGE_SIZE), 0);
	mpool_destroy(pool);

	/* The pool is freed; its files answer with an error, never with its memory. */
	KUNIT_EXPECT_LT(test, mpool_test_ufile_read(u, stats, buf, PAGE_SIZE), 0);
	KUNIT_EXPECT_LT(test, mpool_test_ufile_write(u, warm, "10"), 0);
	filp_close(stats, NULL);
	filp_close(warm, NULL);
}

static struct kunit_case mpool_debugfs_cases[] = {
	KUNIT_CASE(files_come_and_go_with_pool),
	KUNIT_CASE(stats_file_shows_the_snapshot),
	KUNIT_CASE(warm_and_shrink_files_act),
	KUNIT_CASE(open_file_outlives_its_pool),
	KUNIT_CASE(managed_pool_files_show_and_collect),
	KUNIT_CASE(cold_tier_in_the_managed_files),
	{}
};

static struct kunit_suite mpool_debugfs_suite = {
	.name = "mpool_debugfs",
	.test_cases = mpool_debugfs_cases,
};

kunit_test_suites(&mpool_debugfs_suite);
