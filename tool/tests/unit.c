// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of mempoolctl's pure C: number and argument parsing, human formatting,
 * tables, the JSON writer, attribute parsing and building, decoding of pool, class and
 * node replies (buffer pools included) and the suggestions. Built and run by
 * tests/host/tool-unit.sh; no libnl, no kernel.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mpool.h>

#include "../attr.h"
#include "../format.h"
#include "../output.h"
#include "../parse.h"
#include "../pool.h"
#include "../suggest.h"

static int failures, checks;

#define CHECK(cond) check((cond), __FILE__, __LINE__, #cond)
#define EXPECT_STR(got, want) expect_str((got), (want), __FILE__, __LINE__, #got)
#define EXPECT_INT(got, want) expect_int((long long)(got), (long long)(want), __FILE__, __LINE__, #got)

static void check(int ok, const char *file, int line, const char *what)
{
	checks++;
	if (!ok) {
		failures++;
		fprintf(stderr, "%s:%d: FAILED: %s\n", file, line, what);
	}
}

static void expect_str(const char *got, const char *want, const char *file, int line,
		       const char *what)
{
	checks++;
	if (!got || strcmp(got, want) != 0) {
		failures++;
		fprintf(stderr, "%s:%d: FAILED: %s: got '%s', want '%s'\n", file, line, what,
			got ? got : "(null)", want);
	}
}

static void expect_int(long long got, long long want, const char *file, int line,
		       const char *what)
{
	checks++;
	if (got != want) {
		failures++;
		fprintf(stderr, "%s:%d: FAILED: %s: got %lld, want %lld\n", file, line, what, got,
			want);
	}
}

/* ---- numbers ---- */

static int u64_of(const char *s, uint64_t *v, unsigned int flags)
{
	return parse_u64(s, v, 0, UINT64_MAX, flags);
}

static void test_parse_numbers(void)
{
	uint64_t v = 0;
	uint32_t u = 0;

	EXPECT_INT(u64_of("0", &v, 0), PARSE_OK);
	EXPECT_INT(v, 0);
	EXPECT_INT(u64_of("42", &v, 0), PARSE_OK);
	EXPECT_INT(v, 42);
	EXPECT_INT(u64_of("007", &v, 0), PARSE_OK);
	EXPECT_INT(v, 7);
	EXPECT_INT(u64_of("18446744073709551615", &v, 0), PARSE_OK);
	CHECK(v == UINT64_MAX);
	EXPECT_INT(u64_of("18446744073709551616", &v, 0), PARSE_RANGE);
	EXPECT_INT(u64_of("99999999999999999999999", &v, 0), PARSE_RANGE);

	/* What the issue names: -1, 1e99, 12QB, empty. */
	EXPECT_INT(u64_of("-1", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("1e99", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("12QB", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("", &v, PARSE_ALLOW_SUFFIX), PARSE_EMPTY);
	EXPECT_INT(u64_of(NULL, &v, 0), PARSE_EMPTY);
	/* And their relatives. */
	EXPECT_INT(u64_of("+1", &v, 0), PARSE_SYNTAX);
	EXPECT_INT(u64_of(" 1", &v, 0), PARSE_SYNTAX);
	EXPECT_INT(u64_of("1 ", &v, 0), PARSE_SYNTAX);
	EXPECT_INT(u64_of("0x10", &v, 0), PARSE_SYNTAX);
	EXPECT_INT(u64_of("1.5", &v, 0), PARSE_SYNTAX);
	EXPECT_INT(u64_of("1.5K", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("K", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("1KK", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("1KB", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("1T", &v, PARSE_ALLOW_SUFFIX), PARSE_SYNTAX);
	EXPECT_INT(u64_of("١", &v, 0), PARSE_SYNTAX);

	/* Suffixes: binary, either case, only where allowed. */
	EXPECT_INT(u64_of("4K", &v, PARSE_ALLOW_SUFFIX), PARSE_OK);
	EXPECT_INT(v, 4096);
	EXPECT_INT(u64_of("4k", &v, PARSE_ALLOW_SUFFIX), PARSE_OK);
	EXPECT_INT(v, 4096);
	EXPECT_INT(u64_of("3M", &v, PARSE_ALLOW_SUFFIX), PARSE_OK);
	EXPECT_INT(v, 3 << 20);
	EXPECT_INT(u64_of("2g", &v, PARSE_ALLOW_SUFFIX), PARSE_OK);
	EXPECT_INT(v, 2ll << 30);
	EXPECT_INT(u64_of("0K", &v, PARSE_ALLOW_SUFFIX), PARSE_OK);
	EXPECT_INT(v, 0);
	EXPECT_INT(u64_of("4K", &v, 0), PARSE_SUFFIX);
	EXPECT_INT(u64_of("17179869184G", &v, PARSE_ALLOW_SUFFIX), PARSE_RANGE);
	EXPECT_INT(u64_of("17179869183G", &v, PARSE_ALLOW_SUFFIX), PARSE_OK);

	/* u32 bounds, and min/max. */
	EXPECT_INT(parse_u32("4294967295", &u, 0, UINT32_MAX, 0), PARSE_OK);
	CHECK(u == UINT32_MAX);
	EXPECT_INT(parse_u32("4294967296", &u, 0, UINT32_MAX, 0), PARSE_RANGE);
	EXPECT_INT(parse_u32("4G", &u, 0, UINT32_MAX, PARSE_ALLOW_SUFFIX), PARSE_RANGE);
	EXPECT_INT(parse_u32("3G", &u, 0, UINT32_MAX, PARSE_ALLOW_SUFFIX), PARSE_OK);
	EXPECT_INT(u, 3u << 30);
	u = 77;
	EXPECT_INT(parse_u32("0", &u, 1, 10, 0), PARSE_RANGE);
	EXPECT_INT(u, 77);	/* untouched on failure */
	EXPECT_INT(parse_u32("11", &u, 1, 10, 0), PARSE_RANGE);
	EXPECT_INT(parse_u32("10", &u, 1, 10, 0), PARSE_OK);
	EXPECT_INT(u, 10);

	EXPECT_STR(parse_strerror(PARSE_SYNTAX), "not a non-negative decimal number");
	EXPECT_STR(parse_strerror(PARSE_RANGE), "out of range");
}

static void test_parse_duration(void)
{
	uint32_t ms = 0;

	EXPECT_INT(parse_duration_ms("2", &ms, 0, UINT32_MAX), PARSE_OK);
	EXPECT_INT(ms, 2000);
	EXPECT_INT(parse_duration_ms("0.5", &ms, 0, UINT32_MAX), PARSE_OK);
	EXPECT_INT(ms, 500);
	EXPECT_INT(parse_duration_ms("1.25", &ms, 0, UINT32_MAX), PARSE_OK);
	EXPECT_INT(ms, 1250);
	EXPECT_INT(parse_duration_ms("0.001", &ms, 0, UINT32_MAX), PARSE_OK);
	EXPECT_INT(ms, 1);
	EXPECT_INT(parse_duration_ms("1.2345", &ms, 0, UINT32_MAX), PARSE_SYNTAX);
	EXPECT_INT(parse_duration_ms(".5", &ms, 0, UINT32_MAX), PARSE_SYNTAX);
	EXPECT_INT(parse_duration_ms("1.", &ms, 0, UINT32_MAX), PARSE_SYNTAX);
	EXPECT_INT(parse_duration_ms("-1", &ms, 0, UINT32_MAX), PARSE_SYNTAX);
	EXPECT_INT(parse_duration_ms("1e3", &ms, 0, UINT32_MAX), PARSE_SYNTAX);
	EXPECT_INT(parse_duration_ms("1s", &ms, 0, UINT32_MAX), PARSE_SYNTAX);
	EXPECT_INT(parse_duration_ms("", &ms, 0, UINT32_MAX), PARSE_EMPTY);
	EXPECT_INT(parse_duration_ms("0.05", &ms, 100, 1000), PARSE_RANGE);
	EXPECT_INT(parse_duration_ms("86401", &ms, 100, 86400000), PARSE_RANGE);
	EXPECT_INT(parse_duration_ms("99999999999", &ms, 0, UINT32_MAX), PARSE_RANGE);
	EXPECT_INT(parse_duration_ms("4294967", &ms, 0, UINT32_MAX), PARSE_OK);
	EXPECT_INT(parse_duration_ms("4294968", &ms, 0, UINT32_MAX), PARSE_RANGE);
}

static void test_parse_pool_ref(void)
{
	struct pool_ref r;
	char err[128], buf[48];

	CHECK(parse_pool_ref("demo_conn", &r, err, sizeof(err)) == 0);
	EXPECT_STR(r.name, "demo_conn");
	EXPECT_INT(r.id, 0);
	EXPECT_STR(pool_ref_str(&r, buf, sizeof(buf)), "demo_conn");
	CHECK(parse_pool_ref("id:3", &r, err, sizeof(err)) == 0);
	EXPECT_INT(r.id, 3);
	EXPECT_STR(r.name, "");
	EXPECT_STR(pool_ref_str(&r, buf, sizeof(buf)), "id:3");
	CHECK(parse_pool_ref("id:4294967295", &r, err, sizeof(err)) == 0);
	CHECK(parse_pool_ref("id:0", &r, err, sizeof(err)) == -1);
	CHECK(strstr(err, "out of range") != NULL);
	CHECK(parse_pool_ref("id:-1", &r, err, sizeof(err)) == -1);
	CHECK(parse_pool_ref("id:", &r, err, sizeof(err)) == -1);
	CHECK(parse_pool_ref("id:1K", &r, err, sizeof(err)) == -1);
	CHECK(parse_pool_ref("id:4294967296", &r, err, sizeof(err)) == -1);
	/* A name of digits is a name: ids need "id:". */
	CHECK(parse_pool_ref("123", &r, err, sizeof(err)) == 0);
	EXPECT_STR(r.name, "123");
	CHECK(parse_pool_ref("a.b-c_D9", &r, err, sizeof(err)) == 0);
	CHECK(parse_pool_ref("", &r, err, sizeof(err)) == -1);
	CHECK(parse_pool_ref("bad name", &r, err, sizeof(err)) == -1);
	CHECK(strstr(err, "invalid pool name") != NULL);
	CHECK(parse_pool_ref("a/b", &r, err, sizeof(err)) == -1);
	CHECK(parse_pool_ref("#3", &r, err, sizeof(err)) == -1);
	CHECK(parse_pool_ref("0123456789012345678901234567890", &r, err, sizeof(err)) == 0);
	CHECK(parse_pool_ref("01234567890123456789012345678901", &r, err, sizeof(err)) == -1);
	CHECK(strstr(err, "longer than 31") != NULL);
}

static void test_parse_set(void)
{
	struct set_req q;
	char err[SET_ERR_LEN];
	bool b = false;

	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("min-objects=16", &q, err, sizeof(err)) == 0);
	CHECK(q.has_min && q.min_objects == 16);
	CHECK(parse_set_arg("max-objects=4K", &q, err, sizeof(err)) == 0);
	CHECK(q.has_max && q.max_objects == 4096);
	CHECK(parse_set_arg("magazine-size=64", &q, err, sizeof(err)) == 0);
	CHECK(q.has_magazine && q.magazine_size == 64);
	CHECK(parse_set_arg("poison=on", &q, err, sizeof(err)) == 0);
	CHECK(q.has_poison && q.poison);
	/* Each key once. */
	CHECK(parse_set_arg("min-objects=1", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "'min-objects' given twice");

	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("max-objects=none", &q, err, sizeof(err)) == 0);
	CHECK(q.has_max && q.max_objects == 0);
	CHECK(parse_set_arg("poison=off", &q, err, sizeof(err)) == 0);
	CHECK(q.has_poison && !q.poison);

	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("min-objects=-1", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid min-objects '-1': not a non-negative decimal number");
	CHECK(parse_set_arg("min-objects=1e99", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("min-objects=12QB", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("min-objects=", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid min-objects '': empty");
	CHECK(parse_set_arg("max-objects=4294967296", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("magazine-size=0", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid magazine-size '0': 1 to 1024");
	CHECK(parse_set_arg("magazine-size=1025", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("magazine-size=1K", &q, err, sizeof(err)) == -1);
	CHECK(strstr(err, "no K/M/G suffix") != NULL);
	CHECK(parse_set_arg("poison=maybe", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("colour=red", &q, err, sizeof(err)) == -1);
	CHECK(strstr(err, "unknown key 'colour'") != NULL);
	CHECK(parse_set_arg("min-objects", &q, err, sizeof(err)) == -1);
	CHECK(strstr(err, "expected key=value") != NULL);
	CHECK(parse_set_arg("=5", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("min-objects-x=5", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("min=5", &q, err, sizeof(err)) == -1);
	CHECK(!q.has_min && !q.has_max && !q.has_magazine && !q.has_poison);

	/* The adaptive controller's keys. */
	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("adaptive=off", &q, err, sizeof(err)) == 0);
	CHECK(q.has_adaptive && !q.adaptive);
	CHECK(parse_set_arg("adapt-interval=60", &q, err, sizeof(err)) == 0);
	CHECK(q.has_adapt_interval && q.adapt_interval == 60);
	CHECK(parse_set_arg("adapt-rebalance=on", &q, err, sizeof(err)) == 0);
	CHECK(q.has_adapt_rebalance && q.adapt_rebalance);
	CHECK(parse_set_arg("adaptive=on", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "'adaptive' given twice");
	CHECK(!q.adaptive);	/* the first value stays */
	CHECK(parse_set_arg("adapt-interval=86400", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "'adapt-interval' given twice");
	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("adapt-interval=86400", &q, err, sizeof(err)) == 0);
	CHECK(q.adapt_interval == 86400);
	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("adapt-interval=59", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid adapt-interval '59': 60 to 86400 seconds");
	CHECK(parse_set_arg("adapt-interval=86401", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("adapt-interval=1K", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid adapt-interval '1K': no K/M/G suffix allowed here");
	CHECK(parse_set_arg("adapt-interval=5m", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("adapt-interval=-60", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("adapt-interval=", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid adapt-interval '': empty");
	CHECK(parse_set_arg("adaptive=maybe", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid adaptive 'maybe': on or off");
	CHECK(parse_set_arg("adapt-rebalance=", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid adapt-rebalance '': on or off");
	CHECK(parse_set_arg("adapt=on", &q, err, sizeof(err)) == -1);
	CHECK(strstr(err, "unknown key 'adapt' (") != NULL);
	CHECK(strstr(err, "adapt-interval, adapt-rebalance; managed pools: promote-after, young-interval, old-interval, old-sparse-pct; their cold tier: cold-age, cold-high-pct, cold-low-pct, cold-min-saving-pct, cold-interval, cold-cpu-pct, cold-permanent)") != NULL);
	CHECK(parse_set_arg("a-very-long-key-name-beyond-any-known=1", &q, err, sizeof(err)) == -1);
	CHECK(strstr(err, "unknown key 'a-very-long-key-name-beyond-any-known'") != NULL);
	CHECK(!q.has_adaptive && !q.has_adapt_interval && !q.has_adapt_rebalance);
	{
		int n = 0;

		while (set_keys[n])
			n++;
		EXPECT_INT(n, 18);
	}

	/* A managed pool's policy: digits only, within the kernel's ranges. */
	memset(&q, 0, sizeof(q));
	CHECK(!set_req_managed(&q) && !set_req_slab(&q));
	CHECK(parse_set_arg("promote-after=1", &q, err, sizeof(err)) == 0);
	CHECK(q.has_promote_after && q.promote_after == 1);
	CHECK(set_req_managed(&q) && !set_req_slab(&q));
	CHECK(parse_set_arg("young-interval=1", &q, err, sizeof(err)) == 0);
	CHECK(q.has_young_interval && q.young_interval == 1);
	CHECK(parse_set_arg("old-interval=3600000", &q, err, sizeof(err)) == 0);
	CHECK(q.has_old_interval && q.old_interval == 3600000);
	CHECK(parse_set_arg("old-sparse-pct=100", &q, err, sizeof(err)) == 0);
	CHECK(q.has_old_sparse_pct && q.old_sparse_pct == 100);
	CHECK(parse_set_arg("promote-after=2", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "'promote-after' given twice");
	CHECK(parse_set_arg("min-objects=1", &q, err, sizeof(err)) == 0);
	CHECK(set_req_managed(&q) && set_req_slab(&q));
	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("promote-after=0", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid promote-after '0': 1 to 255 young collections");
	CHECK(parse_set_arg("promote-after=256", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("promote-after=1K", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid promote-after '1K': no K/M/G suffix allowed here");
	CHECK(parse_set_arg("young-interval=0", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid young-interval '0': 1 to 3600000 milliseconds");
	CHECK(parse_set_arg("old-interval=3600001", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid old-interval '3600001': 1 to 3600000 milliseconds");
	CHECK(parse_set_arg("old-interval=-5", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("old-sparse-pct=101", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid old-sparse-pct '101': 1 to 100 percent");
	CHECK(parse_set_arg("old-sparse-pct=", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid old-sparse-pct '': empty");
	CHECK(parse_set_arg("young-interval=0.5", &q, err, sizeof(err)) == -1);
	CHECK(!set_req_managed(&q));

	/* The cold tier's policy: managed keys too, within the kernel's ranges. */
	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("cold-age=86400000", &q, err, sizeof(err)) == 0);
	CHECK(q.has_cold_age && q.cold_age == 86400000);
	CHECK(set_req_managed(&q) && !set_req_slab(&q));
	CHECK(parse_set_arg("cold-high-pct=100", &q, err, sizeof(err)) == 0);
	CHECK(q.has_cold_high_pct && q.cold_high_pct == 100);
	CHECK(parse_set_arg("cold-low-pct=99", &q, err, sizeof(err)) == 0);
	CHECK(q.has_cold_low_pct && q.cold_low_pct == 99);
	CHECK(parse_set_arg("cold-min-saving-pct=90", &q, err, sizeof(err)) == 0);
	CHECK(q.has_cold_min_saving_pct && q.cold_min_saving_pct == 90);
	CHECK(parse_set_arg("cold-interval=1", &q, err, sizeof(err)) == 0);
	CHECK(q.has_cold_interval && q.cold_interval == 1);
	CHECK(parse_set_arg("cold-cpu-pct=1", &q, err, sizeof(err)) == 0);
	CHECK(q.has_cold_cpu_pct && q.cold_cpu_pct == 1);
	CHECK(parse_set_arg("cold-permanent=on", &q, err, sizeof(err)) == 0);
	CHECK(q.has_cold_permanent && q.cold_permanent);
	CHECK(parse_set_arg("cold-permanent=off", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "'cold-permanent' given twice");
	CHECK(q.cold_permanent);	/* the first value stays */
	CHECK(parse_set_arg("cold-age=1", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "'cold-age' given twice");
	memset(&q, 0, sizeof(q));
	CHECK(parse_set_arg("cold-age=0", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-age '0': 1 to 86400000 milliseconds");
	CHECK(parse_set_arg("cold-age=86400001", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("cold-age=1K", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-age '1K': no K/M/G suffix allowed here");
	CHECK(parse_set_arg("cold-high-pct=101", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-high-pct '101': 1 to 100 percent");
	CHECK(parse_set_arg("cold-high-pct=0", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("cold-low-pct=100", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-low-pct '100': 1 to 99 percent");
	CHECK(parse_set_arg("cold-min-saving-pct=91", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-min-saving-pct '91': 1 to 90 percent");
	CHECK(parse_set_arg("cold-interval=3600001", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-interval '3600001': 1 to 3600000 milliseconds");
	CHECK(parse_set_arg("cold-cpu-pct=101", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-cpu-pct '101': 1 to 100 percent");
	CHECK(parse_set_arg("cold-cpu-pct=-1", &q, err, sizeof(err)) == -1);
	CHECK(parse_set_arg("cold-permanent=2", &q, err, sizeof(err)) == -1);
	EXPECT_STR(err, "invalid cold-permanent '2': on or off");
	CHECK(parse_set_arg("cold=on", &q, err, sizeof(err)) == -1);
	CHECK(strstr(err, "unknown key 'cold' (") != NULL);
	CHECK(!set_req_managed(&q));
	/* The longest message, whole: an unknown key of 40 characters and every key. */
	CHECK(parse_set_arg("cold-age-of-the-archive-in-milliseconds!=1", &q, err, sizeof(err)) == -1);
	CHECK(strstr(err, "cold-cpu-pct, cold-permanent)") != NULL);
	{
		uint32_t gen = 99;

		CHECK(parse_collect_generation("young", &gen) == 0 &&
		      gen == MPOOL_GENERATION_YOUNG);
		CHECK(parse_collect_generation("old", &gen) == 0 && gen == MPOOL_GENERATION_OLD);
		CHECK(parse_collect_generation("permanent", &gen) == -1);
		CHECK(parse_collect_generation("Young", &gen) == -1);
		CHECK(parse_collect_generation("", &gen) == -1);
		CHECK(parse_collect_generation("0", &gen) == -1);
		EXPECT_INT(gen, MPOOL_GENERATION_OLD);
	}

	CHECK(parse_bool("on", &b) == 0 && b);
	CHECK(parse_bool("0", &b) == 0 && !b);
	CHECK(parse_bool("ON", &b) == -1);
	CHECK(parse_bool("", &b) == -1);
}

static void test_parse_class_args(void)
{
	uint32_t v = 7;

	/* --class SIZE: bytes, K/M/G allowed, from 1. */
	EXPECT_INT(parse_class_size("512", &v), PARSE_OK);
	EXPECT_INT(v, 512);
	EXPECT_INT(parse_class_size("4K", &v), PARSE_OK);
	EXPECT_INT(v, 4096);
	EXPECT_INT(parse_class_size("2M", &v), PARSE_OK);
	EXPECT_INT(v, 2 << 20);
	EXPECT_INT(parse_class_size("3G", &v), PARSE_OK);
	EXPECT_INT(parse_class_size("4G", &v), PARSE_RANGE);
	EXPECT_INT(parse_class_size("0", &v), PARSE_RANGE);
	EXPECT_INT(parse_class_size("-512", &v), PARSE_SYNTAX);
	EXPECT_INT(parse_class_size("1e3", &v), PARSE_SYNTAX);
	EXPECT_INT(parse_class_size("512B", &v), PARSE_SYNTAX);
	EXPECT_INT(parse_class_size("", &v), PARSE_EMPTY);
	EXPECT_INT(parse_class_size("4294967296", &v), PARSE_RANGE);
	/* Nodes: digits only, 0 to INT32_MAX. */
	EXPECT_INT(parse_node("0", &v), PARSE_OK);
	EXPECT_INT(v, 0);
	EXPECT_INT(parse_node("2147483647", &v), PARSE_OK);
	EXPECT_INT(parse_node("2147483648", &v), PARSE_RANGE);
	EXPECT_INT(parse_node("1K", &v), PARSE_SUFFIX);
	EXPECT_INT(parse_node("-1", &v), PARSE_SYNTAX);
	EXPECT_INT(parse_node("", &v), PARSE_EMPTY);
	/* Limits: K/M/G, "none" only for a cap. */
	v = 9;
	EXPECT_INT(parse_limit("none", true, &v), PARSE_OK);
	EXPECT_INT(v, 0);
	EXPECT_INT(parse_limit("none", false, &v), PARSE_SYNTAX);
	EXPECT_INT(parse_limit("8", false, &v), PARSE_OK);
	EXPECT_INT(v, 8);
	EXPECT_INT(parse_limit("0", false, &v), PARSE_OK);
	EXPECT_INT(parse_limit("1K", true, &v), PARSE_OK);
	EXPECT_INT(v, 1024);
	EXPECT_INT(parse_limit("4G", true, &v), PARSE_RANGE);
	EXPECT_INT(parse_limit("None", true, &v), PARSE_SYNTAX);
	EXPECT_INT(parse_limit(NULL, true, &v), PARSE_EMPTY);
}

static void test_sort_keys(void)
{
	enum sort_key k = SORT_ID;
	int i;

	for (i = 0; i < SORT_NR; i++) {
		CHECK(sort_key_names[i] != NULL);
		CHECK(parse_sort_key(sort_key_names[i], &k) == 0 && (int)k == i);
	}
	CHECK(parse_sort_key("bogus", &k) == -1);
}

/* ---- formatting ---- */

static void test_format(void)
{
	char b[FMT_LEN], fl[96];

	EXPECT_STR(fmt_size(b, sizeof(b), 0, false), "0");
	EXPECT_STR(fmt_size(b, sizeof(b), 1023, false), "1023");
	EXPECT_STR(fmt_size(b, sizeof(b), 1024, false), "1.0K");
	EXPECT_STR(fmt_size(b, sizeof(b), 1500, false), "1.5K");
	EXPECT_STR(fmt_size(b, sizeof(b), 4096, false), "4.0K");
	EXPECT_STR(fmt_size(b, sizeof(b), 10137, false), "9.9K");
	EXPECT_STR(fmt_size(b, sizeof(b), 10189, false), "10K");	/* 9.95K would print 10.0K */
	EXPECT_STR(fmt_size(b, sizeof(b), 10240, false), "10K");
	EXPECT_STR(fmt_size(b, sizeof(b), 1048064, false), "1.0M");	/* 1023.5K */
	EXPECT_STR(fmt_size(b, sizeof(b), 1258291, false), "1.2M");
	EXPECT_STR(fmt_size(b, sizeof(b), 5ull << 30, false), "5.0G");
	EXPECT_STR(fmt_size(b, sizeof(b), UINT64_MAX, false), "16E");
	EXPECT_STR(fmt_size(b, sizeof(b), 4096, true), "4096");
	EXPECT_STR(fmt_size(b, sizeof(b), UINT64_MAX, true), "18446744073709551615");

	EXPECT_STR(fmt_ppm(b, sizeof(b), 0), "0.0%");
	EXPECT_STR(fmt_ppm(b, sizeof(b), 995000), "99.5%");
	EXPECT_STR(fmt_ppm(b, sizeof(b), 999999), "100.0%");
	EXPECT_STR(fmt_ppm(b, sizeof(b), 1000000), "100.0%");
	EXPECT_STR(fmt_ppm(b, sizeof(b), 1234), "0.1%");
	EXPECT_STR(fmt_ppm(b, sizeof(b), UINT32_MAX), "429496.7%");

	EXPECT_STR(fmt_pct(b, sizeof(b), 1, 3), "33.3%");
	EXPECT_STR(fmt_pct(b, sizeof(b), 2, 3), "66.7%");
	EXPECT_STR(fmt_pct(b, sizeof(b), 5, 0), "-");

	EXPECT_STR(fmt_usec(b, sizeof(b), 0), "0us");
	EXPECT_STR(fmt_usec(b, sizeof(b), 999), "999us");
	EXPECT_STR(fmt_usec(b, sizeof(b), 1024), "1.0ms");
	EXPECT_STR(fmt_usec(b, sizeof(b), 16384), "16ms");
	EXPECT_STR(fmt_usec(b, sizeof(b), 2100000), "2.1s");
	EXPECT_STR(fmt_usec(b, sizeof(b), 180000000), "3.0m");
	EXPECT_STR(fmt_usec(b, sizeof(b), 5400000000ull), "1.5h");
	EXPECT_STR(fmt_usec(b, sizeof(b), 1ull << 31), "36m");
	EXPECT_STR(fmt_nsec(b, sizeof(b), 0), "0ns");
	EXPECT_STR(fmt_nsec(b, sizeof(b), 999), "999ns");
	EXPECT_STR(fmt_nsec(b, sizeof(b), 1024), "1.0us");
	EXPECT_STR(fmt_nsec(b, sizeof(b), 16384), "16us");
	EXPECT_STR(fmt_nsec(b, sizeof(b), 999999), "1000us");
	EXPECT_STR(fmt_nsec(b, sizeof(b), 1048576), "1.0ms");
	EXPECT_STR(fmt_nsec(b, sizeof(b), 1ull << 33), "8.6s");
	EXPECT_STR(fmt_ratio_x100(b, sizeof(b), 0), "-");
	EXPECT_STR(fmt_ratio_x100(b, sizeof(b), 352), "3.52x");
	EXPECT_STR(fmt_ratio_x100(b, sizeof(b), 105), "1.05x");
	EXPECT_STR(fmt_ratio_x100(b, sizeof(b), 4294967295u), "42949672.95x");

	EXPECT_STR(fmt_rate(b, sizeof(b), 0), "0");
	EXPECT_STR(fmt_rate(b, sizeof(b), -3), "0");
	EXPECT_STR(fmt_rate(b, sizeof(b), 12.54), "12.5");
	EXPECT_STR(fmt_rate(b, sizeof(b), 1234.4), "1234");

	EXPECT_STR(fmt_flags(fl, sizeof(fl), 0), "none");
	EXPECT_STR(fmt_flags(fl, sizeof(fl), MPOOL_POOL_FLAGS_POISON | MPOOL_POOL_FLAGS_TRACK),
		   "poison,track");
	EXPECT_STR(fmt_flags(fl, sizeof(fl), 0x15), "zero-on-free,poison,0x10");
	EXPECT_STR(fmt_flags(fl, sizeof(fl), 0x2), "irqsafe");

	EXPECT_STR(fmt_time_ns(fl, sizeof(fl), 0), "never");
	setenv("TZ", "UTC", 1);
	EXPECT_STR(fmt_time_ns(fl, sizeof(fl), 1700000000ull * 1000000000ull),
		   "2023-11-14 22:13:20");
}

/* Run @fn with stdout captured; returns the text (static buffer). */
static const char *capture(void (*fn)(FILE *, void *), void *arg)
{
	static char *text;
	size_t len;
	FILE *f;

	free(text);
	text = NULL;
	f = open_memstream(&text, &len);
	CHECK(f != NULL);
	if (!f)
		return "";
	fn(f, arg);
	fclose(f);
	return text;
}

static void table_fn(FILE *f, void *arg)
{
	static const char *const hdr[] = { "ID", "NAME", "SIZE" };
	static const char *const r1[] = { "1", "demo_conn", "256" };
	static const char *const r2[] = { "12", "x", "1.5K" };
	struct table t;

	(void)arg;
	table_init(&t, 3, hdr, 1u << 1);
	table_row(&t, r1);
	table_row(&t, r2);
	table_print(&t, f);
	table_free(&t);
}

static void test_table(void)
{
	color_enable(false);
	EXPECT_STR(capture(table_fn, NULL),
		   "ID  NAME       SIZE\n"
		   " 1  demo_conn   256\n"
		   "12  x          1.5K\n");
	color_enable(true);
	CHECK(strncmp(capture(table_fn, NULL), "\033[1mID", 6) == 0);
	color_enable(false);
}

static void test_color(void)
{
	CHECK(color_decide(COLOR_AUTO, false, true, NULL, "xterm"));
	CHECK(!color_decide(COLOR_AUTO, false, false, NULL, "xterm"));
	CHECK(!color_decide(COLOR_AUTO, true, true, NULL, "xterm"));	/* never with JSON */
	CHECK(!color_decide(COLOR_ALWAYS, true, true, NULL, "xterm"));
	CHECK(!color_decide(COLOR_AUTO, false, true, "1", "xterm"));
	CHECK(color_decide(COLOR_AUTO, false, true, "", "xterm"));
	CHECK(!color_decide(COLOR_AUTO, false, true, NULL, "dumb"));
	CHECK(color_decide(COLOR_ALWAYS, false, false, "1", "dumb"));
	CHECK(!color_decide(COLOR_NEVER, false, true, NULL, "xterm"));
	color_enable(false);
	EXPECT_STR(col(C_RED), "");
	color_enable(true);
	EXPECT_STR(col(C_RED), "\033[31m");
	color_enable(false);
}

/* ---- JSON writer ---- */

static void json_fn(FILE *f, void *arg)
{
	struct json j;

	(void)arg;
	json_init(&j, f);
	json_obj_begin(&j, NULL);
	json_str(&j, "name", "a\"b\\c\n\t\x01\x7f\xc3");
	json_u64(&j, "big", UINT64_MAX);
	json_i64(&j, "neg", -1);
	json_bool(&j, "t", true);
	json_null(&j, "n");
	json_double(&j, "d", 1.5, 2);
	json_double(&j, "inf", 1.0 / 0.0, 2);
	json_arr_begin(&j, "a");
	json_u64(&j, NULL, 1);
	json_obj_begin(&j, NULL);
	json_obj_end(&j);
	json_arr_begin(&j, NULL);
	json_arr_end(&j);
	json_arr_end(&j);
	json_obj_end(&j);
	json_end_doc(&j);
}

static void test_json(void)
{
	EXPECT_STR(capture(json_fn, NULL),
		   "{\"name\":\"a\\\"b\\\\c\\n\\t\\u0001\\u007f\\u00c3\",\"big\":18446744073709551615,"
		   "\"neg\":-1,\"t\":true,\"n\":null,\"d\":1.50,\"inf\":null,\"a\":[1,{},[]]}\n");
}

/* ---- attributes ---- */

static void test_attr(void)
{
	const struct nlattr *tb[8], *ntb[4];
	struct attr_buf b;
	uint32_t u32 = 0;
	uint64_t u64 = 0;
	int32_t s32 = 0;
	size_t nest;
	unsigned char bad[16];
	struct nlattr hdr;

	abuf_init(&b);
	abuf_put_u32(&b, 1, 0xdeadbeef);
	abuf_put_u64(&b, 2, 0x1122334455667788ull, 7);
	abuf_put_str(&b, 3, "hello");
	abuf_put_s32(&b, 4, -5);
	abuf_put_u8(&b, 6, 1);
	nest = abuf_nest_start(&b, 5);
	abuf_put_u32(&b, 1, 9);
	abuf_nest_end(&b, nest);
	abuf_put_u32(&b, 200, 1);	/* above maxattr: skipped */
	CHECK(b.err == 0);
	/* u32 at 0 (8 bytes); the u64's data must land 8-aligned: pad first. */
	CHECK(((const struct nlattr *)(b.data + 8))->nla_type == 7);

	CHECK(attr_parse(tb, 7, b.data, b.len) == 0);
	CHECK(tb[1] && attr_get_u32(tb[1], &u32) == 0 && u32 == 0xdeadbeef);
	CHECK(tb[2] && attr_get_u64(tb[2], &u64) == 0 && u64 == 0x1122334455667788ull);
	CHECK(((size_t)((const unsigned char *)attr_data(tb[2]) - b.data)) % 8 == 0);
	{
		struct attr_buf r;
		uint64_t v = 0;

		/* A request's u64: no pad attribute, right at the start (unaligned data). */
		abuf_init(&r);
		abuf_put_u64_unpadded(&r, 2, 0x1122334455667788ull);
		EXPECT_INT(r.len, NLA_HDRLEN + 8);
		CHECK(((const struct nlattr *)r.data)->nla_type == 2);
		CHECK(attr_parse(tb, 7, r.data, r.len) == 0 && !tb[7]);
		CHECK(tb[2] && attr_get_u64(tb[2], &v) == 0 && v == 0x1122334455667788ull);
		abuf_free(&r);
		CHECK(attr_parse(tb, 7, b.data, b.len) == 0);
	}
	EXPECT_STR(attr_get_str(tb[3]), "hello");
	CHECK(tb[4] && attr_get_s32(tb[4], &s32) == 0 && s32 == -5);
	CHECK(tb[5] && (tb[5]->nla_type & NLA_F_NESTED) && attr_type(tb[5]) == 5);
	CHECK(attr_parse_nested(ntb, 3, tb[5]) == 0);
	CHECK(ntb[1] && attr_get_u32(ntb[1], &u32) == 0 && u32 == 9);
	{
		uint8_t u8 = 0;

		CHECK(tb[6] && tb[6]->nla_len == NLA_HDRLEN + 1);
		CHECK(attr_get_u8(tb[6], &u8) == 0 && u8 == 1);
		CHECK(attr_get_u8(tb[1], &u8) == -EPROTO);
	}
	/* Wrong sizes. */
	CHECK(attr_get_u64(tb[1], &u64) == -EPROTO);
	CHECK(attr_get_u32(tb[2], &u32) == -EPROTO);
	CHECK(attr_get_u32(tb[3], &u32) == -EPROTO);

	/* Malformed: length past the end, length below the header. */
	hdr.nla_len = 12;
	hdr.nla_type = 1;
	memcpy(bad, &hdr, sizeof(hdr));
	CHECK(attr_parse(tb, 7, bad, 8) == -EPROTO);
	hdr.nla_len = 2;
	memcpy(bad, &hdr, sizeof(hdr));
	CHECK(attr_parse(tb, 7, bad, 8) == -EPROTO);
	/* A string without its NUL. */
	hdr.nla_len = 7;
	hdr.nla_type = 3;
	memcpy(bad, &hdr, sizeof(hdr));
	memcpy(bad + 4, "abc", 3);
	CHECK(attr_parse(tb, 7, bad, 8) == 0);
	CHECK(tb[3] && attr_get_str(tb[3]) == NULL);
	/* Empty stream, and trailing bytes shorter than a header. */
	CHECK(attr_parse(tb, 7, bad, 0) == 0 && tb[3] == NULL);
	CHECK(attr_parse(tb, 7, bad, 3) == 0);

	/* abuf_append. */
	{
		struct attr_buf c;

		abuf_init(&c);
		abuf_put_u32(&c, 1, 1);
		abuf_append(&c, b.data, b.len);
		CHECK(c.len == 8 + b.len);
		CHECK(attr_parse(tb, 7, c.data, c.len) == 0 && tb[3]);
		abuf_free(&c);
	}
	abuf_free(&b);
}

/* ---- pool replies ---- */

static void build_pool(struct attr_buf *b, uint32_t id, const char *name, uint32_t flags,
		       const uint64_t *stats, uint32_t hit, uint32_t eff, bool hist)
{
	size_t nest, arr, bucket;
	int a, i;

	abuf_put_u32(b, MPOOL_A_POOL_ID, id);
	abuf_put_str(b, MPOOL_A_POOL_NAME, name);
	abuf_put_u32(b, MPOOL_A_POOL_KIND, MPOOL_POOL_KIND_OBJECT);
	nest = abuf_nest_start(b, MPOOL_A_POOL_INFO);
	abuf_put_u64(b, MPOOL_A_POOL_INFO_OBJECT_SIZE, 256, MPOOL_A_POOL_INFO_PAD);
	abuf_put_u64(b, MPOOL_A_POOL_INFO_OBJECT_STRIDE, 256, MPOOL_A_POOL_INFO_PAD);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_FLAGS, flags);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MIN_OBJECTS, 16);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MAX_OBJECTS, 4096);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MAGAZINE_SIZE, 32);
	abuf_put_s32(b, MPOOL_A_POOL_INFO_NODE, -1);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_SLAB_ORDER, 0);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_OBJECTS_PER_SLAB, 16);
	abuf_put_u32(b, 99, 7);	/* from a newer kernel: ignored */
	abuf_nest_end(b, nest);
	nest = abuf_nest_start(b, MPOOL_A_POOL_STATS);
	for (a = MPOOL_A_POOL_STATS_ALLOC_MAGAZINE; a <= MPOOL_A_POOL_STATS_PEAK_LIVE_TIME; a++)
		abuf_put_u64(b, a, stats[a], MPOOL_A_POOL_STATS_PAD);
	abuf_put_u32(b, MPOOL_A_POOL_STATS_HIT_RATE, hit);
	abuf_put_u32(b, MPOOL_A_POOL_STATS_EFFICIENCY, eff);
	abuf_nest_end(b, nest);
	if (hist) {
		arr = abuf_nest_start(b, MPOOL_A_POOL_LIFETIME_HIST);
		for (i = 0; i < 32; i++) {
			bucket = abuf_nest_start(b, i + 1);
			abuf_put_u64(b, MPOOL_A_HIST_BUCKET_LOW, i ? 1ull << i : 0,
				     MPOOL_A_HIST_BUCKET_PAD);
			abuf_put_u64(b, MPOOL_A_HIST_BUCKET_COUNT, (uint64_t)i * 3,
				     MPOOL_A_HIST_BUCKET_PAD);
			abuf_nest_end(b, bucket);
		}
		abuf_nest_end(b, arr);
	}
}

static int decode(struct pool *p, struct attr_buf *b)
{
	const struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool_reply r;

	if (attr_parse(tb, MPOOL_A_POOL_MAX, b->data, b->len))
		return -EPROTO;
	r.cmd = MPOOL_CMD_POOL_GET;
	r.maxattr = MPOOL_A_POOL_MAX;
	r.tb = tb;
	r.attrs = b->data;
	r.len = b->len;
	return pool_decode(p, &r);
}

static void pool_json_fn(FILE *f, void *arg)
{
	struct json j;

	json_init(&j, f);
	pool_json_begin(&j, NULL, arg);
	json_obj_end(&j);
	json_end_doc(&j);
}

static void test_pool_decode(void)
{
	uint64_t st[MPOOL_A_POOL_STATS_EFFICIENCY + 1] = { 0 };
	struct attr_buf b;
	struct pool *p = calloc(1, sizeof(*p));
	const char *js;
	int a;

	CHECK(p != NULL);	/* out of memory: counted, not skipped */
	if (!p)
		return;
	for (a = 1; a <= MPOOL_A_POOL_STATS_PEAK_LIVE_TIME; a++)
		st[a] = (uint64_t)a * 1000 + 1;
	st[MPOOL_A_POOL_STATS_LIVE] = 32;
	abuf_init(&b);
	build_pool(&b, 7, "demo_conn", MPOOL_POOL_FLAGS_TRACK, st, 995000, 500000, true);
	EXPECT_INT(decode(p, &b), 0);
	EXPECT_INT(p->id, 7);
	EXPECT_STR(p->name, "demo_conn");
	CHECK(p->has_kind && p->kind == MPOOL_POOL_KIND_OBJECT);
	CHECK(p->has_info && p->info.present == 0x1ff);
	EXPECT_INT(p->info.object_size, 256);
	EXPECT_INT(p->info.flags, MPOOL_POOL_FLAGS_TRACK);
	EXPECT_INT(p->info.node, -1);
	EXPECT_INT(p->info.max_objects, 4096);
	CHECK(p->has_stats);
	for (a = 0; a <= ST_PEAK_LIVE_TIME; a++) {
		CHECK(pool_has(p, a));
		EXPECT_INT(p->stat[a], st[stat_descs[a].attr]);
	}
	/* Not reported by this (older) kernel: absent, not zero. */
	for (; a < ST_NR; a++)
		CHECK(!pool_has(p, a));
	CHECK(!p->has_fragmentation && !p->has_size_hist);
	EXPECT_INT(p->stat[ST_LIVE], 32);
	EXPECT_INT(p->hit_rate, 995000);
	EXPECT_INT(p->efficiency, 500000);
	EXPECT_INT(p->nr_hist, 32);
	EXPECT_INT(p->hist[0].low, 0);
	EXPECT_INT(p->hist[5].low, 32);
	EXPECT_INT(p->hist[5].count, 15);
	/* Allocations: magazine through remote (attrs 1..6). */
	EXPECT_INT(pool_allocs(p), 1001 + 2001 + 3001 + 4001 + 5001 + 6001);
	EXPECT_INT(pool_frees(p), 9001 + 10001 + 11001 + 12001 + 13001);

	js = capture(pool_json_fn, p);
	CHECK(strncmp(js, "{\"id\":7,\"name\":\"demo_conn\",\"kind\":\"object\",\"info\":{\"object_size\":256,"
			  "\"object_stride\":256,\"flags\":[\"track\"],\"min_objects\":16,"
			  "\"max_objects\":4096,\"magazine_size\":32,\"node\":-1,\"slab_order\":0,"
			  "\"objects_per_slab\":16},\"stats\":{\"alloc_magazine\":1001,", 240) == 0);
	CHECK(strstr(js, "\"peak_live_time\":28001,\"hit_rate\":995000,\"efficiency\":500000},"
			 "\"lifetime_hist\":[{\"low\":0,\"count\":0},{\"low\":2,\"count\":3},") != NULL);
	abuf_free(&b);

	/* Without a histogram (pool without track): an empty array. */
	abuf_init(&b);
	build_pool(&b, 1, "x", 0, st, 0, 0, false);
	EXPECT_INT(decode(p, &b), 0);
	EXPECT_INT(p->nr_hist, 0);
	CHECK(strstr(capture(pool_json_fn, p), "\"lifetime_hist\":[]}") != NULL);
	abuf_free(&b);

	/* Missing id, missing name, an attribute of the wrong size. */
	abuf_init(&b);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "x");
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 1);
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_put(&b, MPOOL_A_POOL_NAME, "toolongname_toolongname_toolongname", 36);
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 1);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "x");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_STATS);

		abuf_put_u32(&b, MPOOL_A_POOL_STATS_LIVE, 5);	/* u64 expected */
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);
	/* Only id and name: decodes, nothing else present. */
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 4);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "bare");
	EXPECT_INT(decode(p, &b), 0);
	CHECK(!p->has_info && !p->has_stats && !p->has_kind && p->stat_present == 0);
	EXPECT_STR(capture(pool_json_fn, p), "{\"id\":4,\"name\":\"bare\",\"lifetime_hist\":[]}\n");
	abuf_free(&b);
	free(p);
}

static void test_node_matrix(void)
{
	struct node_matrix *m = calloc(1, sizeof(*m));
	const struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool_reply r;
	struct attr_buf b;
	unsigned int i;

	CHECK(m != NULL);	/* out of memory: counted, not skipped */
	if (!m)
		return;
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 2);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "demo_frame");
	for (i = 0; i < 4; i++) {
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_NODE_PAIR);

		abuf_put_u32(&b, MPOOL_A_NODE_PAIR_CPU_NODE, i / 2);
		abuf_put_u32(&b, MPOOL_A_NODE_PAIR_OBJECT_NODE, i % 2);
		abuf_put_u64(&b, MPOOL_A_NODE_PAIR_ALLOCS, 100 + i, MPOOL_A_NODE_PAIR_PAD);
		abuf_put_u64(&b, MPOOL_A_NODE_PAIR_FREES, 50 + i, MPOOL_A_NODE_PAIR_PAD);
		abuf_nest_end(&b, n);
	}
	CHECK(attr_parse(tb, MPOOL_A_POOL_MAX, b.data, b.len) == 0);
	r.cmd = MPOOL_CMD_NODE_STATS_GET;
	r.maxattr = MPOOL_A_POOL_MAX;
	r.tb = tb;
	r.attrs = b.data;
	r.len = b.len;
	EXPECT_INT(node_matrix_decode(m, &r), 0);
	EXPECT_INT(m->nr, 4);
	EXPECT_STR(m->name, "demo_frame");
	EXPECT_INT(m->pair[3].cpu_node, 1);
	EXPECT_INT(m->pair[3].object_node, 1);
	EXPECT_INT(m->pair[3].allocs, 103);
	EXPECT_INT(m->pair[2].frees, 52);
	abuf_free(&b);
	free(m);
}

/* ---- buffer pools: pool-get and class-get replies ---- */

static void put_hist(struct attr_buf *b, int type, const uint64_t *count, int nr)
{
	size_t arr = abuf_nest_start(b, type);
	int i;

	for (i = 0; i < nr; i++) {
		size_t bucket = abuf_nest_start(b, i + 1);

		abuf_put_u64(b, MPOOL_A_HIST_BUCKET_LOW, i ? 1ull << i : 0, MPOOL_A_HIST_BUCKET_PAD);
		abuf_put_u64(b, MPOOL_A_HIST_BUCKET_COUNT, count[i], MPOOL_A_HIST_BUCKET_PAD);
		abuf_nest_end(b, bucket);
	}
	abuf_nest_end(b, arr);
}

/* The info nest of a class or buffer pool, with the adaptive controller's fields. */
static void put_buffer_info(struct attr_buf *b, int type, uint64_t size, uint32_t min,
			    uint32_t max, const char *last, int classes)
{
	size_t nest = abuf_nest_start(b, type);

	abuf_put_u8(b, MPOOL_A_POOL_INFO_ADAPTIVE, 1);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_ADAPT_INTERVAL, 300);
	abuf_put_u8(b, MPOOL_A_POOL_INFO_ADAPT_REBALANCE, 0);
	abuf_put_str(b, MPOOL_A_POOL_INFO_LAST_ADAPTATION, last);
	abuf_put_u64(b, MPOOL_A_POOL_INFO_LAST_ADAPTATION_TIME, *last ? 1700000000ull * 1000000000ull : 0,
		     MPOOL_A_POOL_INFO_PAD);
	if (classes)
		abuf_put_u32(b, MPOOL_A_POOL_INFO_CLASSES, (uint32_t)classes);
	abuf_put_u64(b, MPOOL_A_POOL_INFO_OBJECT_SIZE, size, MPOOL_A_POOL_INFO_PAD);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MIN_OBJECTS, min);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MAX_OBJECTS, max);
	abuf_put_u32(b, MPOOL_A_POOL_INFO_MAGAZINE_SIZE, 32);
	abuf_nest_end(b, nest);
}

static void put_buffer_stats(struct attr_buf *b, int type, uint64_t allocs, uint64_t live,
			     uint64_t requested, uint64_t granted, uint32_t frag)
{
	size_t nest = abuf_nest_start(b, type);

	abuf_put_u64(b, MPOOL_A_POOL_STATS_ALLOC_MAGAZINE, allocs, MPOOL_A_POOL_STATS_PAD);
	abuf_put_u64(b, MPOOL_A_POOL_STATS_LIVE, live, MPOOL_A_POOL_STATS_PAD);
	abuf_put_u64(b, MPOOL_A_POOL_STATS_REQUESTED_BYTES, requested, MPOOL_A_POOL_STATS_PAD);
	abuf_put_u64(b, MPOOL_A_POOL_STATS_GRANTED_BYTES, granted, MPOOL_A_POOL_STATS_PAD);
	abuf_put_u32(b, MPOOL_A_POOL_STATS_FRAGMENTATION, frag);
	abuf_put_u64(b, MPOOL_A_POOL_STATS_OVERSIZE_ALLOCS, 3, MPOOL_A_POOL_STATS_PAD);
	abuf_put_u64(b, MPOOL_A_POOL_STATS_OVERSIZE_LIVE, 1, MPOOL_A_POOL_STATS_PAD);
	abuf_put_u64(b, MPOOL_A_POOL_STATS_ADAPT_REBALANCES, 2, MPOOL_A_POOL_STATS_PAD);
	abuf_nest_end(b, nest);
}

/* A class-get reply in @b, decoded into @c. */
static int decode_classes(struct attr_buf *b, struct class_list *c)
{
	const struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool_reply r;

	if (attr_parse(tb, MPOOL_A_POOL_MAX, b->data, b->len))
		return -EPROTO;
	r.cmd = MPOOL_CMD_CLASS_GET;
	r.maxattr = MPOOL_A_POOL_MAX;
	r.tb = tb;
	r.attrs = b->data;
	r.len = b->len;
	return class_list_decode(c, &r);
}

/* A class-get reply of @nr classes of 64 * (i + 1) bytes; class i has i objects in use. */
static void build_classes(struct attr_buf *b, int nr)
{
	int i;

	abuf_put_u32(b, MPOOL_A_POOL_ID, 4);
	abuf_put_str(b, MPOOL_A_POOL_NAME, "kbuf");
	for (i = 0; i < nr; i++) {
		size_t nest = abuf_nest_start(b, MPOOL_A_POOL_CLASS);
		uint64_t size = 64 * (uint64_t)(i + 1);

		abuf_put_u32(b, MPOOL_A_CLASS_SIZE, (uint32_t)size);
		put_buffer_info(b, MPOOL_A_CLASS_INFO, size, (uint32_t)i, i == 7 ? 0 : 1000,
				i == 3 ? "expanded: peak 40 above twice the supply 16" : "", 0);
		put_buffer_stats(b, MPOOL_A_CLASS_STATS, 100, (uint64_t)i, 100 * size / 2,
				 100 * size, 500000);
		{
			uint64_t hist[32] = { 0 };

			hist[i % 32] = 100;
			put_hist(b, MPOOL_A_CLASS_SIZE_HIST, hist, 32);
		}
		abuf_nest_end(b, nest);
	}
}

static void class_json_fn(FILE *f, void *arg)
{
	struct json j;

	json_init(&j, f);
	json_obj_begin(&j, NULL);
	class_list_json(&j, "classes", arg);
	json_obj_end(&j);
	json_end_doc(&j);
}

static void test_buffer_decode(void)
{
	struct pool *p = calloc(1, sizeof(*p));
	struct class_list *c = calloc(1, sizeof(*c));
	uint64_t hist[32] = { 0 };
	char kind[24], longlast[400];
	struct attr_buf b;
	const char *js;

	CHECK(p && c);	/* out of memory: counted, not skipped */
	if (!p || !c) {
		free(p);
		free(c);
		return;
	}
	EXPECT_STR(pool_kind_name(MPOOL_POOL_KIND_BUFFER, kind, sizeof(kind)), "buffer");
	EXPECT_STR(pool_kind_name(7, kind, sizeof(kind)), "kind-7");

	/* pool-get of a buffer pool: kind, classes, adaptive state, size histogram. */
	hist[8] = 16;
	hist[12] = 4;
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 4);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "kbuf");
	abuf_put_u32(&b, MPOOL_A_POOL_KIND, MPOOL_POOL_KIND_BUFFER);
	put_buffer_info(&b, MPOOL_A_POOL_INFO, 2 << 20, 0, 0, "grew the magazine size to 64", 16);
	put_buffer_stats(&b, MPOOL_A_POOL_STATS, 1000, 16, 300000, 512000, 414062);
	put_hist(&b, MPOOL_A_POOL_LIFETIME_HIST, hist, 0);
	put_hist(&b, MPOOL_A_POOL_SIZE_HIST, hist, 32);
	EXPECT_INT(decode(p, &b), 0);
	CHECK(pool_is_buffer(p));
	EXPECT_INT(p->info.classes, 16);
	CHECK(p->info.present & PI_CLASSES);
	CHECK(p->info.adaptive == 1 && p->info.adapt_interval == 300 && p->info.adapt_rebalance == 0);
	EXPECT_STR(p->info.last_adaptation, "grew the magazine size to 64");
	CHECK(p->info.last_adaptation_time == 1700000000ull * 1000000000ull);
	CHECK(p->has_fragmentation && p->fragmentation == 414062);
	EXPECT_INT(p->stat[ST_REQUESTED_BYTES], 300000);
	EXPECT_INT(p->stat[ST_GRANTED_BYTES], 512000);
	EXPECT_INT(p->stat[ST_OVERSIZE_ALLOCS], 3);
	EXPECT_INT(p->stat[ST_OVERSIZE_LIVE], 1);
	EXPECT_INT(p->stat[ST_ADAPT_REBALANCES], 2);
	CHECK(!pool_has(p, ST_OVERSIZE_FREES));
	CHECK(p->has_size_hist && p->nr_size_hist == 32 && p->size_hist[8].count == 16);
	EXPECT_INT(p->nr_hist, 0);
	js = capture(pool_json_fn, p);
	CHECK(strstr(js, "\"kind\":\"buffer\"") != NULL);
	CHECK(strstr(js, "\"adaptive\":true,\"adapt_interval\":300,\"adapt_rebalance\":false,"
			 "\"last_adaptation\":\"grew the magazine size to 64\","
			 "\"last_adaptation_time\":1700000000000000000,\"classes\":16}") != NULL);
	CHECK(strstr(js, "\"requested_bytes\":300000,\"granted_bytes\":512000,\"oversize_allocs\":3,"
			 "\"oversize_live\":1,\"adapt_rebalances\":2,\"fragmentation\":414062}") != NULL);
	CHECK(strstr(js, "\"lifetime_hist\":[],\"size_hist\":[{\"low\":0,\"count\":0},") != NULL);
	CHECK(strstr(js, "{\"low\":256,\"count\":16}") != NULL);
	abuf_free(&b);

	/* An object pool has no size histogram in its JSON. */
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 1);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "x");
	abuf_put_u32(&b, MPOOL_A_POOL_KIND, MPOOL_POOL_KIND_OBJECT);
	EXPECT_INT(decode(p, &b), 0);
	CHECK(!pool_is_buffer(p) && !p->has_size_hist);
	CHECK(strstr(capture(pool_json_fn, p), "size_hist") == NULL);
	abuf_free(&b);

	/* The last adaptation: longer than kept is cut; no NUL or a wrong u8 is refused. */
	memset(longlast, 'x', sizeof(longlast) - 1);
	longlast[sizeof(longlast) - 1] = '\0';
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 1);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "x");
	put_buffer_info(&b, MPOOL_A_POOL_INFO, 64, 0, 0, longlast, 0);
	EXPECT_INT(decode(p, &b), 0);
	EXPECT_INT(strlen(p->info.last_adaptation), POOL_ADAPTATION_LEN - 1);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 1);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "x");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_INFO);

		abuf_put(&b, MPOOL_A_POOL_INFO_LAST_ADAPTATION, "abc", 3);
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 1);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "x");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_INFO);

		abuf_put_u32(&b, MPOOL_A_POOL_INFO_ADAPTIVE, 1);	/* a u8 */
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);

	/* class-get with 24 classes, the most the kernel makes: every one decoded. */
	abuf_init(&b);
	build_classes(&b, 24);
	CHECK(b.len > 24000);
	EXPECT_INT(decode_classes(&b, c), 0);
	EXPECT_INT(c->nr, 24);
	EXPECT_INT(c->id, 4);
	EXPECT_STR(c->name, "kbuf");
	EXPECT_INT(c->cls[0].size, 64);
	EXPECT_INT(c->cls[23].size, 1536);
	EXPECT_INT(c->cls[23].p.stat[ST_LIVE], 23);
	EXPECT_INT(c->cls[5].p.info.min_objects, 5);
	EXPECT_INT(c->cls[7].p.info.max_objects, 0);
	EXPECT_INT(c->cls[9].p.fragmentation, 500000);
	EXPECT_INT(c->cls[9].p.stat[ST_GRANTED_BYTES], 64000);
	EXPECT_STR(c->cls[3].p.info.last_adaptation, "expanded: peak 40 above twice the supply 16");
	CHECK(c->cls[10].p.has_size_hist && c->cls[10].p.size_hist[10].count == 100);
	CHECK(!c->cls[0].p.info.classes);
	js = capture(class_json_fn, c);
	CHECK(strncmp(js, "{\"classes\":[{\"size\":64,\"info\":{\"object_size\":64,", 48) == 0);
	CHECK(strstr(js, "{\"size\":1536,\"info\":{\"object_size\":1536,\"min_objects\":23,"
			 "\"max_objects\":1000,\"magazine_size\":32,\"adaptive\":true,") != NULL);
	CHECK(strstr(js, "\"fragmentation\":500000},\"size_hist\":[{\"low\":0,\"count\":0},") != NULL);
	abuf_free(&b);

	/* Classes: none (an empty pool), a class without its size, too many, no id. */
	abuf_init(&b);
	build_classes(&b, 0);
	EXPECT_INT(decode_classes(&b, c), 0);
	EXPECT_INT(c->nr, 0);
	EXPECT_STR(capture(class_json_fn, c), "{\"classes\":[]}\n");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_CLASS);

		put_buffer_stats(&b, MPOOL_A_CLASS_STATS, 1, 1, 1, 1, 0);
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode_classes(&b, c), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	build_classes(&b, POOL_CLASSES_MAX + 1);
	CHECK(b.err == 0);
	EXPECT_INT(decode_classes(&b, c), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "kbuf");
	EXPECT_INT(decode_classes(&b, c), -EPROTO);
	abuf_free(&b);
	free(p);
	free(c);
}

/* ---- managed pools ---- */

/* Generation @gen's statistics: field i (live-objects first) is @base + i. */
static void build_generation(struct attr_buf *b, int type, uint32_t gen, uint64_t base)
{
	size_t nest = abuf_nest_start(b, type);
	int i;

	abuf_put_u32(b, MPOOL_A_GENERATION_STATS_GENERATION, gen);
	for (i = 0; i < GS_NR; i++)
		abuf_put_u64(b, MPOOL_A_GENERATION_STATS_LIVE_OBJECTS + i, base + (uint64_t)i,
			     MPOOL_A_GENERATION_STATS_PAD);
	abuf_nest_end(b, nest);
}

/* A managed pool as kmod/netlink.c sends it: @gens generation nests (young first). */
static void build_managed(struct attr_buf *b, uint32_t id, const char *name, unsigned int gens)
{
	size_t nest;
	unsigned int g;

	abuf_put_u32(b, MPOOL_A_POOL_ID, id);
	abuf_put_str(b, MPOOL_A_POOL_NAME, name);
	abuf_put_u32(b, MPOOL_A_POOL_KIND, MPOOL_POOL_KIND_MANAGED);
	nest = abuf_nest_start(b, MPOOL_A_POOL_MANAGED);
	abuf_put_u32(b, MPOOL_A_MANAGED_PROMOTE_AFTER, 2);
	abuf_put_u32(b, MPOOL_A_MANAGED_YOUNG_INTERVAL, 100);
	abuf_put_u32(b, MPOOL_A_MANAGED_OLD_INTERVAL, 1000);
	abuf_put_u32(b, MPOOL_A_MANAGED_OLD_SPARSE_PCT, 50);
	abuf_put_u8(b, MPOOL_A_MANAGED_COLLECTOR, 1);
	abuf_put_u32(b, MPOOL_A_MANAGED_MAX_SIZE, 1024);
	abuf_put_u32(b, MPOOL_A_MANAGED_MAX_HANDLES, 4096);
	abuf_put_u64(b, MPOOL_A_MANAGED_BUDGET, 4u << 20, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_HELD_BYTES, 98304, MPOOL_A_MANAGED_PAD);
	abuf_put_u32(b, MPOOL_A_MANAGED_SEGMENT_SIZE, 32768);
	abuf_put_s32(b, MPOOL_A_MANAGED_NODE, -1);
	abuf_put_u64(b, MPOOL_A_MANAGED_STALE_REFUSALS, 1, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_BUSY_FREES, 2, MPOOL_A_MANAGED_PAD);
	abuf_put_u64(b, MPOOL_A_MANAGED_ALLOC_FAIL, 3, MPOOL_A_MANAGED_PAD);
	for (g = 0; g < gens; g++)
		build_generation(b, MPOOL_A_MANAGED_GENERATION, g, 100ull * (g + 1));
	abuf_put_u32(b, 99, 7);	/* from a newer kernel: ignored */
	abuf_nest_end(b, nest);
}

static int decode_collect(struct collect_result *c, struct attr_buf *b)
{
	const struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	struct mpool_reply r;

	if (attr_parse(tb, MPOOL_A_POOL_MAX, b->data, b->len))
		return -EPROTO;
	r.cmd = MPOOL_CMD_POOL_COLLECT;
	r.maxattr = MPOOL_A_POOL_MAX;
	r.tb = tb;
	r.attrs = b->data;
	r.len = b->len;
	return collect_result_decode(c, &r);
}

static void collect_json_fn(FILE *f, void *arg)
{
	const struct collect_result *c = arg;
	struct json j;

	json_init(&j, f);
	gen_stats_json(&j, NULL, &c->done);
	json_end_doc(&j);
}

static void test_managed_decode(void)
{
	struct pool *p = calloc(1, sizeof(*p));
	struct collect_result c;
	struct attr_buf b;
	const struct pool_managed *m;
	const char *js;
	uint32_t ppm = 0;
	char buf[24];
	unsigned int g;
	int i;

	CHECK(p != NULL);
	if (!p)
		return;
	m = &p->managed;
	abuf_init(&b);
	build_managed(&b, 6, "demo_archive", 3);
	EXPECT_INT(decode(p, &b), 0);
	CHECK(pool_is_managed(p) && p->has_managed && !p->has_info && !p->has_stats);
	EXPECT_STR(pool_kind_name(p->kind, buf, sizeof(buf)), "managed");
	EXPECT_INT(m->present, 0x3fff);
	EXPECT_INT(m->promote_after, 2);
	EXPECT_INT(m->young_interval, 100);
	EXPECT_INT(m->old_interval, 1000);
	EXPECT_INT(m->old_sparse_pct, 50);
	EXPECT_INT(m->collector, 1);
	EXPECT_INT(m->max_size, 1024);
	EXPECT_INT(m->max_handles, 4096);
	EXPECT_INT(m->budget, 4u << 20);
	EXPECT_INT(m->held_bytes, 98304);
	EXPECT_INT(m->segment_size, 32768);
	EXPECT_INT(m->node, -1);
	EXPECT_INT(m->stale_refusals, 1);
	EXPECT_INT(m->busy_frees, 2);
	EXPECT_INT(m->alloc_fail, 3);
	for (g = 0; g < POOL_GENERATIONS; g++) {
		CHECK(m->gen[g].present);
		EXPECT_INT(m->gen[g].stat_present, (1u << GS_NR) - 1);
		for (i = 0; i < GS_NR; i++)
			EXPECT_INT(m->gen[g].stat[i], 100 * (g + 1) + (unsigned int)i);
	}
	/* Live objects: 100 + 200 + 300; bytes 101 + 201 + 301 of the 98304 held. */
	EXPECT_INT(pool_live(p), 600);
	EXPECT_INT(managed_sum(m, GS_HELD_BYTES), 102 + 202 + 302);
	EXPECT_INT(pool_pages(p, 4096), 24);
	EXPECT_INT(pool_pages(p, 65536), 2);	/* rounded up */
	CHECK(pool_efficiency(p, &ppm));
	EXPECT_INT(ppm, 6134);	/* 603 / 98304 */
	js = capture(pool_json_fn, p);
	CHECK(strstr(js, "\"kind\":\"managed\",\"lifetime_hist\":[],\"managed\":{\"promote_after\":2,"
			 "\"young_interval\":100,\"old_interval\":1000,\"old_sparse_pct\":50,"
			 "\"collector\":true,\"max_size\":1024,\"max_handles\":4096,"
			 "\"budget\":4194304,\"held_bytes\":98304,\"segment_size\":32768,"
			 "\"node\":-1,\"stale_refusals\":1,\"busy_frees\":2,\"alloc_fail\":3,"
			 "\"generations\":{\"young\":{\"live_objects\":100,\"live_bytes\":101,") != NULL);
	CHECK(strstr(js, "\"permanent\":{\"live_objects\":300,") != NULL);
	CHECK(strstr(js, "\"move_failures\":310}}}}\n") != NULL);
	CHECK(strstr(js, "\"stats\"") == NULL && strstr(js, "\"info\"") == NULL);
	abuf_free(&b);

	/* Only young reported (an older kernel, say): the others absent, not zero rows. */
	abuf_init(&b);
	build_managed(&b, 6, "m", 1);
	EXPECT_INT(decode(p, &b), 0);
	CHECK(m->gen[0].present && !m->gen[1].present && !m->gen[2].present);
	CHECK(strstr(capture(pool_json_fn, p), "\"generations\":{\"young\":{") != NULL);
	CHECK(strstr(capture(pool_json_fn, p), "\"old\"") == NULL);
	abuf_free(&b);

	/* A generation a newer kernel adds: skipped; nothing held: no efficiency. */
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 3);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "m");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_MANAGED);

		abuf_put_u64(&b, MPOOL_A_MANAGED_HELD_BYTES, 0, MPOOL_A_MANAGED_PAD);
		build_generation(&b, MPOOL_A_MANAGED_GENERATION, 3, 7);
		build_generation(&b, MPOOL_A_MANAGED_GENERATION, MPOOL_GENERATION_OLD, 9);
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), 0);
	CHECK(!m->gen[0].present && m->gen[1].present && !m->gen[2].present);
	EXPECT_INT(m->gen[1].stat[GS_LIVE_OBJECTS], 9);
	EXPECT_INT(pool_live(p), 9);
	CHECK(!pool_efficiency(p, &ppm));
	CHECK(!pool_is_managed(p));	/* no kind reported: not called managed */
	abuf_free(&b);

	/* Malformed: a generation without its number, a field of the wrong size, a policy
	 * attribute of the wrong size.
	 */
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 3);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "m");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_MANAGED);
		size_t gn = abuf_nest_start(&b, MPOOL_A_MANAGED_GENERATION);

		abuf_put_u64(&b, MPOOL_A_GENERATION_STATS_LIVE_OBJECTS, 1,
			     MPOOL_A_GENERATION_STATS_PAD);
		abuf_nest_end(&b, gn);
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 3);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "m");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_MANAGED);
		size_t gn = abuf_nest_start(&b, MPOOL_A_MANAGED_GENERATION);

		abuf_put_u32(&b, MPOOL_A_GENERATION_STATS_GENERATION, 0);
		abuf_put_u32(&b, MPOOL_A_GENERATION_STATS_LIVE_OBJECTS, 1);	/* u64 */
		abuf_nest_end(&b, gn);
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 3);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "m");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_MANAGED);

		abuf_put_u64(&b, MPOOL_A_MANAGED_PROMOTE_AFTER, 2, MPOOL_A_MANAGED_PAD);
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);

	/* pool-collect's reply. */
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 6);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "demo_archive");
	build_generation(&b, MPOOL_A_POOL_COLLECTED, MPOOL_GENERATION_OLD, 10);
	EXPECT_INT(decode_collect(&c, &b), 0);
	EXPECT_INT(c.id, 6);
	EXPECT_STR(c.name, "demo_archive");
	EXPECT_INT(c.generation, MPOOL_GENERATION_OLD);
	EXPECT_INT(c.done.stat[GS_MOVED_OBJECTS], 17);
	EXPECT_STR(capture(collect_json_fn, &c),
		   "{\"live_objects\":10,\"live_bytes\":11,\"held_bytes\":12,\"promoted_in\":13,"
		   "\"promoted_out\":14,\"collections\":15,\"segments_freed\":16,"
		   "\"moved_objects\":17,\"moved_bytes\":18,\"pinned_skips\":19,"
		   "\"move_failures\":20}\n");
	abuf_free(&b);
	/* Permanent is never collected, a missing nest or name is no answer. */
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 6);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "demo_archive");
	build_generation(&b, MPOOL_A_POOL_COLLECTED, MPOOL_GENERATION_PERMANENT, 10);
	EXPECT_INT(decode_collect(&c, &b), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 6);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "demo_archive");
	EXPECT_INT(decode_collect(&c, &b), -EPROTO);
	abuf_free(&b);
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 6);
	build_generation(&b, MPOOL_A_POOL_COLLECTED, MPOOL_GENERATION_YOUNG, 10);
	EXPECT_INT(decode_collect(&c, &b), -EPROTO);
	abuf_free(&b);
	EXPECT_STR(pool_generation_name(MPOOL_GENERATION_PERMANENT, buf, sizeof(buf)), "permanent");
	EXPECT_STR(pool_generation_name(5, buf, sizeof(buf)), "generation-5");
	free(p);
}

/* ---- suggestions ---- */

static bool has_suggestion(const struct pool *p, const char *id, const char *text)
{
	struct suggestion s[SUGGEST_MAX];
	int i, n = suggest(p, NULL, s, SUGGEST_MAX);

	for (i = 0; i < n; i++)
		if (!strcmp(s[i].id, id))
			return !text || strstr(s[i].text, text);
	return false;
}

static int nr_suggestions(const struct pool *p)
{
	struct suggestion s[SUGGEST_MAX];

	return suggest(p, NULL, s, SUGGEST_MAX);
}

static void healthy(struct pool *p)
{
	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "demo_conn");
	p->has_info = p->has_stats = p->has_efficiency = p->has_hit_rate = true;
	p->info.present = 0x1ff;
	p->info.min_objects = 16;
	p->info.max_objects = 4096;
	p->info.magazine_size = 32;
	p->stat[ST_ALLOC_MAGAZINE] = 10000;
	p->stat[ST_ALLOC_DEPOT] = 100;
	p->stat[ST_LIVE] = 900;
	p->stat[ST_CACHED] = 100;
	p->stat[ST_RESERVE] = 16;
	p->stat[ST_PAGES] = 63;
	p->stat[ST_SLABS] = 63;
	p->efficiency = 900000;
}

/* A managed pool whose managed nest carries a cold tier: counters 1000 + i, policy. */
static void build_cold_pool(struct attr_buf *b)
{
	size_t n, c, arr, bucket;
	int i;

	abuf_put_u32(b, MPOOL_A_POOL_ID, 6);
	abuf_put_str(b, MPOOL_A_POOL_NAME, "demo_archive");
	abuf_put_u32(b, MPOOL_A_POOL_KIND, MPOOL_POOL_KIND_MANAGED);
	n = abuf_nest_start(b, MPOOL_A_POOL_MANAGED);
	c = abuf_nest_start(b, MPOOL_A_MANAGED_COLD);
	for (i = 0; i < CS_NR; i++)
		abuf_put_u64(b, MPOOL_A_COLD_TIER_ENABLED + i, 1000 + (unsigned int)i,
			     MPOOL_A_COLD_TIER_PAD);
	arr = abuf_nest_start(b, MPOOL_A_COLD_TIER_MAP_LATENCY_HIST);
	for (i = 0; i < 3; i++) {
		bucket = abuf_nest_start(b, i + 1);
		abuf_put_u64(b, MPOOL_A_HIST_BUCKET_LOW, i ? 1ull << (i + 9) : 0,
			     MPOOL_A_HIST_BUCKET_PAD);
		abuf_put_u64(b, MPOOL_A_HIST_BUCKET_COUNT, 5ull * (unsigned int)i,
			     MPOOL_A_HIST_BUCKET_PAD);
		abuf_nest_end(b, bucket);
	}
	abuf_nest_end(b, arr);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_RATIO, 352);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_REFAULT_PPM, 400000);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_COLD_AGE, 1000);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_HIGH_PCT, 80);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_LOW_PCT, 60);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_MIN_SAVING_PCT, 25);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_INTERVAL, 1000);
	abuf_put_u32(b, MPOOL_A_COLD_TIER_CPU_PCT, 10);
	abuf_put_u8(b, MPOOL_A_COLD_TIER_PERMANENT, 1);
	abuf_nest_end(b, c);
	abuf_nest_end(b, n);
}

static void test_cold_decode(void)
{
	struct pool *p = calloc(1, sizeof(*p));
	const struct pool_cold *c;
	struct attr_buf b;
	const char *js;
	int i;

	CHECK(p != NULL);
	if (!p)
		return;
	c = &p->managed.cold;
	abuf_init(&b);
	build_cold_pool(&b);
	EXPECT_INT(decode(p, &b), 0);
	CHECK(p->has_managed && p->managed.has_cold);
	EXPECT_INT(c->stat_present, (1u << CS_NR) - 1);
	for (i = 0; i < CS_NR; i++)
		EXPECT_INT(c->stat[i], 1000 + (unsigned int)i);
	EXPECT_INT(c->present, 0x1ff);
	EXPECT_INT(c->ratio, 352);
	EXPECT_INT(c->refault_ppm, 400000);
	EXPECT_INT(c->cold_age, 1000);
	EXPECT_INT(c->high_pct, 80);
	EXPECT_INT(c->low_pct, 60);
	EXPECT_INT(c->min_saving_pct, 25);
	EXPECT_INT(c->interval, 1000);
	EXPECT_INT(c->cpu_pct, 10);
	EXPECT_INT(c->permanent, 1);
	EXPECT_INT(c->nr_hist, 3);
	EXPECT_INT(c->hist[2].low, 2048);
	EXPECT_INT(c->hist[2].count, 10);
	/* The debugfs stats names: "cold-" and the spec name, cold-objects as it is. */
	EXPECT_STR(cold_stat_descs[CS_ENABLED].stats, "cold-enabled");
	EXPECT_STR(cold_stat_descs[CS_COLD_OBJECTS].stats, "cold-objects");
	EXPECT_STR(cold_stat_descs[CS_FORCED_RUNS].stats, "cold-forced-runs");
	js = capture(pool_json_fn, p);
	CHECK(strstr(js, "\"generations\":{},\"cold\":{\"enabled\":1000,\"cold_objects\":1001,") != NULL);
	CHECK(strstr(js, "\"forced_runs\":1025,\"ratio\":352,\"refault_ppm\":400000,\"cold_age\":1000,"
			 "\"high_pct\":80,\"low_pct\":60,\"min_saving_pct\":25,\"interval\":1000,"
			 "\"cpu_pct\":10,\"permanent\":true,\"map_latency_hist\":[{\"low\":0,\"count\":0},") != NULL);
	abuf_free(&b);

	/* A counter of the wrong size is malformed, not a zero. */
	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_ID, 6);
	abuf_put_str(&b, MPOOL_A_POOL_NAME, "m");
	{
		size_t n = abuf_nest_start(&b, MPOOL_A_POOL_MANAGED);
		size_t cn = abuf_nest_start(&b, MPOOL_A_MANAGED_COLD);

		abuf_put_u32(&b, MPOOL_A_COLD_TIER_STORED_BYTES, 1);
		abuf_nest_end(&b, cn);
		abuf_nest_end(&b, n);
	}
	EXPECT_INT(decode(p, &b), -EPROTO);
	abuf_free(&b);

	/* No cold nest: no cold tier, no "cold" member. */
	abuf_init(&b);
	build_managed(&b, 6, "m", 3);
	EXPECT_INT(decode(p, &b), 0);
	CHECK(!p->managed.has_cold && !c->stat_present);
	CHECK(strstr(capture(pool_json_fn, p), "\"cold\"") == NULL);
	abuf_free(&b);
	free(p);
}

static void test_suggest(void)
{
	struct pool p;

	healthy(&p);
	EXPECT_INT(nr_suggestions(&p), 0);

	healthy(&p);
	p.stat[ST_ALLOC_DEPOT] = 2500;	/* 2500 of 12500: 20% */
	CHECK(has_suggestion(&p, "magazine-too-small",
			     "magazine too small: 20% of allocations needed the depot"));
	CHECK(has_suggestion(&p, "magazine-too-small", "magazine-size=64 (now 32)"));
	p.info.magazine_size = MPOOL_MAGAZINE_MAX;	/* nothing left to raise */
	CHECK(!has_suggestion(&p, "magazine-too-small", NULL));
	healthy(&p);
	p.stat[ST_ALLOC_MAGAZINE] = 50;	/* too few allocations to judge */
	p.stat[ST_ALLOC_DEPOT] = 40;
	CHECK(!has_suggestion(&p, "magazine-too-small", NULL));

	healthy(&p);
	p.stat[ST_ALLOC_RESERVE] = 3;
	CHECK(has_suggestion(&p, "reserve-dipped", "reserve dipped 3 times: raise min-objects (now 16)"));

	healthy(&p);
	p.stat[ST_ALLOC_CAPPED] = 5;
	CHECK(has_suggestion(&p, "cap-hit", "cap hit 5 times: raise max-objects (now 4096)"));
	CHECK(has_suggestion(&p, "cap-hit", "max-objects=8192"));

	healthy(&p);
	p.efficiency = 200000;
	p.stat[ST_LIVE] = 100;
	p.stat[ST_CACHED] = 900;
	CHECK(has_suggestion(&p, "efficiency-low", "efficiency low: 20%"));
	CHECK(has_suggestion(&p, "efficiency-low", "mempoolctl shrink demo_conn"));
	p.stat[ST_RESERVE] = 880;	/* idle objects are the reserve: nothing to shrink */
	CHECK(!has_suggestion(&p, "efficiency-low", NULL));

	healthy(&p);
	p.stat[ST_DOUBLE_FREES] = 1;
	CHECK(has_suggestion(&p, "memory-errors", "1 double frees"));

	healthy(&p);
	p.stat[ST_ALLOC_REMOTE] = 5000;
	CHECK(has_suggestion(&p, "remote-allocs", "33% of allocations came from another node"));

	healthy(&p);
	p.stat[ST_ALLOC_FAIL] = 2;
	CHECK(has_suggestion(&p, "alloc-failed", "2 allocations failed"));

	healthy(&p);
	p.stat[ST_SLABS_GROWN] = 500;
	p.stat[ST_SLABS_RELEASED] = 450;
	CHECK(has_suggestion(&p, "slab-churn", "500 slabs grown and 450 released"));

	/* Everything at once, capped by max. */
	healthy(&p);
	p.stat[ST_ALLOC_DEPOT] = 9000;
	p.stat[ST_ALLOC_RESERVE] = 1;
	p.stat[ST_ALLOC_CAPPED] = 1;
	p.stat[ST_POISON_ERRORS] = 1;
	{
		struct suggestion s[2];

		EXPECT_INT(suggest(&p, NULL, s, 2), 2);
		EXPECT_STR(s[0].id, "memory-errors");
		EXPECT_STR(s[1].id, "cap-hit");
	}
	p.has_stats = false;
	EXPECT_INT(nr_suggestions(&p), 0);
}

/* A buffer pool and its classes (64, 512, 4096), healthy. */
static void healthy_buffer(struct pool *p, struct class_list *c)
{
	static const uint32_t sizes[] = { 64, 512, 4096 };
	unsigned int i;

	healthy(p);
	snprintf(p->name, sizeof(p->name), "kbuf");
	p->has_kind = true;
	p->kind = MPOOL_POOL_KIND_BUFFER;
	p->has_fragmentation = true;
	p->fragmentation = 100000;
	p->info.object_size = 4096;
	memset(c, 0, sizeof(*c));
	c->nr = 3;
	for (i = 0; i < 3; i++) {
		struct pool *k = &c->cls[i].p;

		c->cls[i].size = sizes[i];
		k->has_info = k->has_stats = k->has_fragmentation = k->has_size_hist = true;
		k->nr_size_hist = 32;
		k->stat[ST_ALLOC_MAGAZINE] = 1000;
		k->stat[ST_GRANTED_BYTES] = 1000ull * sizes[i];
		k->stat[ST_REQUESTED_BYTES] = 900ull * sizes[i];
		k->fragmentation = 100000;
	}
}

static bool has_buffer_suggestion(const struct pool *p, const struct class_list *c,
				  const char *id, const char *text)
{
	struct suggestion s[SUGGEST_MAX];
	int i, n = suggest(p, c, s, SUGGEST_MAX);

	for (i = 0; i < n; i++)
		if (!strcmp(s[i].id, id) && (!text || strstr(s[i].text, text)))
			return true;
	return false;
}

static void test_suggest_buffer(void)
{
	struct class_list *c = calloc(1, sizeof(*c));
	struct suggestion s[SUGGEST_MAX];
	struct pool p;
	unsigned int i;

	CHECK(c != NULL);	/* out of memory: counted, not skipped */
	if (!c)
		return;
	healthy_buffer(&p, c);
	EXPECT_INT(suggest(&p, c, s, SUGGEST_MAX), 0);

	/* Fragmentation: 25% of the granted bytes or more, with 100 allocations. */
	p.fragmentation = 400000;
	c->cls[1].p.stat[ST_REQUESTED_BYTES] = 1000ull * 300;	/* 300 bytes in 512 */
	c->cls[2].p.stat[ST_REQUESTED_BYTES] = 1000ull * 4096;	/* 4096 wastes nothing */
	c->cls[1].p.fragmentation = 414062;
	for (i = 0; i < 32; i++)
		c->cls[1].p.size_hist[i].low = i ? 1ull << i : 0;
	c->cls[1].p.size_hist[8].count = 1000;
	CHECK(has_buffer_suggestion(&p, c, "fragmentation-high",
				    "internal fragmentation 40%: the classes are too coarse for the sizes asked (class 512 wastes 41%, mostly asked 256 to 512 bytes)"));
	/* Without classes (list has none): the overall number alone. */
	CHECK(has_buffer_suggestion(&p, NULL, "fragmentation-high",
				    "internal fragmentation 40%: the classes are too coarse for the sizes asked"));
	p.fragmentation = 249999;
	CHECK(!has_buffer_suggestion(&p, c, "fragmentation-high", NULL));
	p.fragmentation = 400000;
	p.stat[ST_ALLOC_MAGAZINE] = 50;	/* too few allocations to judge */
	p.stat[ST_ALLOC_DEPOT] = 0;
	CHECK(!has_buffer_suggestion(&p, c, "fragmentation-high", NULL));
	/* An object pool never: its granted bytes are 0. */
	healthy_buffer(&p, c);
	p.kind = MPOOL_POOL_KIND_OBJECT;
	p.fragmentation = 900000;
	CHECK(!has_buffer_suggestion(&p, NULL, "fragmentation-high", NULL));

	/* Oversize: at least 10 and 10% of the buffers asked. */
	healthy_buffer(&p, c);
	p.stat[ST_OVERSIZE_ALLOCS] = 2000;	/* of 12100 */
	CHECK(has_buffer_suggestion(&p, c, "oversize",
				    "17% of the buffers asked (2000) were above the largest class (4.0K)"));
	p.stat[ST_OVERSIZE_ALLOCS] = 1000;	/* 8% */
	CHECK(!has_buffer_suggestion(&p, c, "oversize", NULL));
	p.stat[ST_ALLOC_MAGAZINE] = 10;
	p.stat[ST_ALLOC_DEPOT] = 0;
	p.stat[ST_OVERSIZE_ALLOCS] = 9;		/* 47%, but only 9 */
	CHECK(!has_buffer_suggestion(&p, c, "oversize", NULL));

	/* Limits are per class: advice names the class and resize. */
	healthy_buffer(&p, c);
	p.stat[ST_ALLOC_CAPPED] = 4;
	c->cls[2].p.stat[ST_ALLOC_CAPPED] = 4;
	c->cls[2].p.info.max_objects = 100;
	CHECK(has_buffer_suggestion(&p, c, "cap-hit",
				    "class 4096 hit its cap 4 times: raise it (now 100): mempoolctl resize kbuf --class 4096 --max 200"));
	CHECK(!has_buffer_suggestion(&p, c, "cap-hit", "mempoolctl set"));
	CHECK(has_buffer_suggestion(&p, NULL, "cap-hit", "raise the classes' max-objects (mempoolctl resize)"));
	healthy_buffer(&p, c);
	p.stat[ST_ALLOC_RESERVE] = 2;
	c->cls[0].p.stat[ST_ALLOC_RESERVE] = 2;
	c->cls[0].p.info.min_objects = 8;
	CHECK(has_buffer_suggestion(&p, c, "reserve-dipped",
				    "class 64: reserve dipped 2 times: raise it (now 8): mempoolctl resize kbuf --class 64 --min 16"));
	CHECK(has_buffer_suggestion(&p, NULL, "reserve-dipped", "(mempoolctl resize)"));
	/* Magazines and shrinking work on the whole buffer pool: the advice stays. */
	healthy_buffer(&p, c);
	p.stat[ST_ALLOC_DEPOT] = 2500;
	CHECK(has_buffer_suggestion(&p, c, "magazine-too-small", "mempoolctl set kbuf magazine-size=64"));
	healthy_buffer(&p, c);
	p.stat[ST_SLABS_GROWN] = 500;
	p.stat[ST_SLABS_RELEASED] = 450;
	CHECK(has_buffer_suggestion(&p, c, "slab-churn", "mempoolctl warm kbuf N --class SIZE"));
	free(c);
}

/*
 * A managed pool with nothing to say: 200 promoted of 1000 leaving young, no pins,
 * a dense old generation.
 */
static void healthy_managed(struct pool *p)
{
	struct pool_managed *m = &p->managed;
	unsigned int g;

	memset(p, 0, sizeof(*p));
	snprintf(p->name, sizeof(p->name), "demo_archive");
	p->has_kind = p->has_managed = true;
	p->kind = MPOOL_POOL_KIND_MANAGED;
	m->present = 0x3fff;
	m->promote_after = 2;
	m->young_interval = 100;
	m->old_interval = 1000;
	m->old_sparse_pct = 50;
	m->max_size = 1024;
	m->max_handles = 4096;
	m->budget = 4u << 20;
	m->segment_size = 32768;
	m->held_bytes = 10 * 32768ull;
	for (g = 0; g < POOL_GENERATIONS; g++)
		m->gen[g].present = true;
	m->gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT] = 200;
	m->gen[MPOOL_GENERATION_YOUNG].stat[GS_MOVED_OBJECTS] = 200;
	m->gen[MPOOL_GENERATION_OLD].stat[GS_HELD_BYTES] = 8 * 32768ull;
	m->gen[MPOOL_GENERATION_OLD].stat[GS_LIVE_BYTES] = 6 * 32768ull;
	/* Lifetimes: 800 below 200 ms (bucket 2^17 us ends at 262 ms: not counted). */
	p->nr_hist = 32;
	for (g = 0; g < 32; g++)
		p->hist[g].low = g ? 1ull << g : 0;
	p->hist[10].count = 800;	/* about 1 ms */
	p->hist[17].count = 5000;	/* 131 to 262 ms: maybe survived, not counted */
}

static void test_suggest_managed(void)
{
	struct pool p;

	healthy_managed(&p);
	EXPECT_INT(nr_suggestions(&p), 0);

	healthy_managed(&p);
	p.managed.stale_refusals = 4;
	CHECK(has_suggestion(&p, "stale-handles", "4 maps or frees of freed or never issued handles: a use after free"));
	healthy_managed(&p);
	p.managed.busy_frees = 1;
	CHECK(has_suggestion(&p, "busy-frees", "1 frees of mapped objects refused"));

	/* Failures at the budget (held + a segment above it), or elsewhere. */
	healthy_managed(&p);
	p.managed.alloc_fail = 7;
	p.managed.held_bytes = (4u << 20) - 32768 + 1;
	CHECK(has_suggestion(&p, "budget-reached", "budget reached: 7 allocations failed with 4.0M of the budget 4.0M held"));
	CHECK(!has_suggestion(&p, "alloc-failed", NULL));
	p.managed.held_bytes = (4u << 20) - 32768;
	CHECK(has_suggestion(&p, "alloc-failed", "7 allocations failed for lack of handles (0 of max-handles 4096 live)"));
	CHECK(!has_suggestion(&p, "budget-reached", NULL));
	p.managed.budget = 0;	/* no budget: never reached */
	p.managed.held_bytes = 1u << 30;
	CHECK(has_suggestion(&p, "alloc-failed", NULL) && !has_suggestion(&p, "budget-reached", NULL));

	/* Survival: promoted against the frees below promote-after x young-interval. */
	healthy_managed(&p);
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT] = 800;	/* 50% */
	CHECK(has_suggestion(&p, "young-survive", "most young objects survive: 50% of those leaving young were promoted (800)"));
	CHECK(has_suggestion(&p, "young-survive", "mempoolctl set demo_archive promote-after=4"));
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT] = 780;	/* 49% */
	CHECK(!has_suggestion(&p, "young-survive", NULL));
	p.managed.young_interval = 200;	/* 400 ms: the 131-262 ms bucket died young too */
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT] = 5800;
	CHECK(has_suggestion(&p, "young-survive", "50% of those"));
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT] = 5600;
	CHECK(!has_suggestion(&p, "young-survive", NULL));
	healthy_managed(&p);
	p.hist[10].count = 0;
	p.hist[17].count = 0;
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT] = 99;	/* too few */
	CHECK(!has_suggestion(&p, "young-survive", NULL));
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_PROMOTED_OUT] = 100;
	CHECK(has_suggestion(&p, "young-survive", "100% of those"));
	p.managed.promote_after = 200;	/* doubled, at most 255 */
	CHECK(has_suggestion(&p, "young-survive", "promote-after=255"));

	/* Pins: at least 10 skips and 10% of the moves tried, young and old together. */
	healthy_managed(&p);
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_PINNED_SKIPS] = 12;
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_PINNED_SKIPS] = 10;
	CHECK(has_suggestion(&p, "pinned-skips", "objects stay mapped across collections: 22 moves skipped for a map (10% of the moves tried): unmap sooner"));
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_MOVED_OBJECTS] = 50;
	CHECK(!has_suggestion(&p, "pinned-skips", NULL));
	healthy_managed(&p);
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_PINNED_SKIPS] = 9;
	p.managed.gen[MPOOL_GENERATION_YOUNG].stat[GS_MOVED_OBJECTS] = 0;
	CHECK(!has_suggestion(&p, "pinned-skips", NULL));	/* 100%, but only 9 */

	/* Old sparse: live below old-sparse-pct of what old holds, from 4 segments on. */
	healthy_managed(&p);
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_LIVE_BYTES] = 4 * 32768ull - 1;
	CHECK(has_suggestion(&p, "old-sparse", "old generation sparse: 128K live in 256K held (50%, below old-sparse-pct 50%)"));
	CHECK(has_suggestion(&p, "old-sparse", "lower old-interval (now 1000 ms) or raise old-sparse-pct: mempoolctl set demo_archive old-interval=500"));
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_LIVE_BYTES] = 4 * 32768ull;
	CHECK(!has_suggestion(&p, "old-sparse", NULL));
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_LIVE_BYTES] = 0;
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_HELD_BYTES] = 3 * 32768ull;
	CHECK(!has_suggestion(&p, "old-sparse", NULL));	/* too little held to judge */
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_HELD_BYTES] = 4 * 32768ull;
	p.managed.old_interval = 1;
	CHECK(has_suggestion(&p, "old-sparse", "old-interval=1"));

	/* Misuse first; a managed pool never gets the slab pools' advice. */
	healthy_managed(&p);
	p.managed.stale_refusals = 1;
	p.managed.busy_frees = 1;
	p.managed.gen[MPOOL_GENERATION_OLD].stat[GS_LIVE_BYTES] = 0;
	p.stat[ST_ALLOC_CAPPED] = 5;
	{
		struct suggestion s[SUGGEST_MAX];

		EXPECT_INT(suggest(&p, NULL, s, SUGGEST_MAX), 3);
		EXPECT_STR(s[0].id, "stale-handles");
		EXPECT_STR(s[1].id, "busy-frees");
		EXPECT_STR(s[2].id, "old-sparse");
	}
}

static void healthy_cold(struct pool *p)
{
	struct pool_cold *c = &p->managed.cold;

	healthy_managed(p);
	p->managed.has_cold = true;
	c->stat_present = (1u << CS_NR) - 1;
	c->stat[CS_ENABLED] = 1;
	c->stat[CS_COMPRESSED_OBJECTS] = 1000;
	c->stat[CS_DECOMPRESSIONS] = 100;
	c->stat[CS_REFAULTS] = 5;
	c->stat[CS_WORKER_STARTS] = 3;
	c->stat[CS_WORKER_STOPS] = 3;
	c->stat[CS_WORKER_RUNS] = 60;
	c->stat[CS_CPU_BUDGET_HITS] = 2;
	c->present = 0x1ff;
	c->cold_age = 1000;
	c->high_pct = 80;
	c->low_pct = 60;
	c->min_saving_pct = 25;
	c->interval = 1000;
	c->cpu_pct = 10;
}

static void test_suggest_cold(void)
{
	struct pool p;
	uint64_t *v;

	healthy_cold(&p);
	v = p.managed.cold.stat;
	EXPECT_INT(nr_suggestions(&p), 0);

	/* Refaults: 20% of at least 10 decompressions. */
	healthy_cold(&p);
	v[CS_REFAULTS] = 20;
	CHECK(has_suggestion(&p, "cold-refaults", "cold age too short: 20% refaults (20 of 100 decompressions came within cold-age 1000 ms"));
	v[CS_REFAULTS] = 19;
	CHECK(!has_suggestion(&p, "cold-refaults", NULL));
	v[CS_DECOMPRESSIONS] = 9;
	v[CS_REFAULTS] = 9;
	CHECK(!has_suggestion(&p, "cold-refaults", NULL));	/* 100%, but too few */
	v[CS_DECOMPRESSIONS] = 10;
	CHECK(has_suggestion(&p, "cold-refaults", "90% refaults"));
	/* The command, with twice the cold age, at most the kernel's longest. */
	CHECK(has_suggestion(&p, "cold-refaults", "of the compression): mempoolctl set demo_archive cold-age=2000"));
	p.managed.cold.cold_age = 50000000;
	CHECK(has_suggestion(&p, "cold-refaults", "cold-age=86400000"));
	p.managed.cold.present &= ~(uint32_t)PC_COLD_AGE;
	CHECK(!has_suggestion(&p, "cold-refaults", NULL));	/* no cold age to double */
	/* The longest: every number at its widest, a name of 31 characters; not cut. */
	snprintf(p.name, sizeof(p.name), "%s", "a_pool_name_of_31_characters_xx");
	p.managed.cold.present = 0x1ff;
	p.managed.cold.cold_age = UINT32_MAX;
	v[CS_DECOMPRESSIONS] = v[CS_REFAULTS] = UINT64_MAX;
	CHECK(has_suggestion(&p, "cold-refaults", "mempoolctl set a_pool_name_of_31_characters_xx cold-age=86400000"));

	/* Incompressible: at least 10, and half of the objects tried. */
	healthy_cold(&p);
	v[CS_REJECTS_INCOMPRESSIBLE] = 1000;
	CHECK(has_suggestion(&p, "cold-incompressible", "data does not compress: 1000 objects rejected as incompressible (50% of those tried, cold-min-saving-pct 25%)"));
	v[CS_REJECTS_INCOMPRESSIBLE] = 979;
	CHECK(!has_suggestion(&p, "cold-incompressible", NULL));
	v[CS_COMPRESSED_OBJECTS] = 0;
	v[CS_REJECTS_INCOMPRESSIBLE] = 9;
	CHECK(!has_suggestion(&p, "cold-incompressible", NULL));
	v[CS_REJECTS_INCOMPRESSIBLE] = 10;
	CHECK(has_suggestion(&p, "cold-incompressible", "10 objects rejected"));
	CHECK(has_suggestion(&p, "cold-incompressible", "create the pool without a cold tier or accept less: mempoolctl set demo_archive cold-min-saving-pct=12"));
	p.managed.cold.min_saving_pct = 1;
	CHECK(has_suggestion(&p, "cold-incompressible", "cold-min-saving-pct=1"));
	snprintf(p.name, sizeof(p.name), "%s", "a_pool_name_of_31_characters_xx");
	v[CS_REJECTS_INCOMPRESSIBLE] = UINT64_MAX;
	p.managed.cold.min_saving_pct = 90;
	CHECK(has_suggestion(&p, "cold-incompressible", "mempoolctl set a_pool_name_of_31_characters_xx cold-min-saving-pct=45"));

	/* Any corrupt block. */
	healthy_cold(&p);
	v[CS_CORRUPT_BLOCKS] = 1;
	v[CS_IO_ERRORS] = 4;
	CHECK(has_suggestion(&p, "cold-corrupt", "cold tier corrupt blocks: 1 (4 maps failed with EIO)"));

	/* CPU budget: half of at least 10 runs. */
	healthy_cold(&p);
	v[CS_CPU_BUDGET_HITS] = 30;
	CHECK(has_suggestion(&p, "cold-cpu-budget", "compressor hits its CPU budget in 50% of runs (30 of 60): raise cold-cpu-pct (now 10%): mempoolctl set demo_archive cold-cpu-pct=20"));
	p.managed.cold.cpu_pct = 60;
	CHECK(has_suggestion(&p, "cold-cpu-budget", "cold-cpu-pct=100"));
	p.managed.cold.cpu_pct = UINT32_MAX;	/* out of the kernel's range: no wrap */
	CHECK(has_suggestion(&p, "cold-cpu-budget", "cold-cpu-pct=100"));
	p.managed.cold.cpu_pct = 10;
	v[CS_CPU_BUDGET_HITS] = 29;
	CHECK(!has_suggestion(&p, "cold-cpu-budget", NULL));
	v[CS_WORKER_RUNS] = 9;
	v[CS_CPU_BUDGET_HITS] = 9;
	CHECK(!has_suggestion(&p, "cold-cpu-budget", NULL));

	/* Held on: on now, 100 runs per start. */
	healthy_cold(&p);
	v[CS_WORKER_ON] = 1;
	v[CS_WORKER_RUNS] = 300;
	CHECK(has_suggestion(&p, "cold-worker-held", "compressor held on: 100 runs per start, the pool still above cold-high-pct 80% of its budget 4.0M: raise the budget or cold-high-pct: mempoolctl set demo_archive cold-high-pct=90"));
	/* Halfway to 100%, and 100% stays. */
	p.managed.cold.high_pct = 99;
	CHECK(has_suggestion(&p, "cold-worker-held", "cold-high-pct=100"));
	p.managed.cold.high_pct = 100;
	CHECK(has_suggestion(&p, "cold-worker-held", "cold-high-pct=100"));
	p.managed.cold.high_pct = 80;
	v[CS_WORKER_RUNS] = 299;
	CHECK(!has_suggestion(&p, "cold-worker-held", NULL));
	v[CS_WORKER_RUNS] = 300;
	v[CS_WORKER_ON] = 0;
	CHECK(!has_suggestion(&p, "cold-worker-held", NULL));

	/* Memory pressure: information, from one scan. */
	healthy_cold(&p);
	v[CS_SHRINKER_SCANS] = 1;
	CHECK(has_suggestion(&p, "cold-pressure", "memory pressure compressed cold objects (shrinker scans that did: 1)"));

	/* No cold tier: its numbers are not looked at. */
	healthy_cold(&p);
	v[CS_CORRUPT_BLOCKS] = 1;
	p.managed.has_cold = false;
	EXPECT_INT(nr_suggestions(&p), 0);
}

int main(void)
{
	test_parse_numbers();
	test_parse_duration();
	test_parse_pool_ref();
	test_parse_set();
	test_parse_class_args();
	test_sort_keys();
	test_format();
	test_table();
	test_color();
	test_json();
	test_attr();
	test_pool_decode();
	test_node_matrix();
	test_buffer_decode();
	test_suggest();
	test_suggest_buffer();
	test_managed_decode();
	test_suggest_managed();
	test_cold_decode();
	test_suggest_cold();
	printf("%d checks, %d failed\n", checks, failures);
	return failures ? 1 : 0;
}
