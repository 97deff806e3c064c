// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness of mempoolctl's argument and value parsing (parse.c), plus the
 * attribute decoder (attr.c, pool.c) that reads what the kernel sends:
 *
 *   make -C tool fuzz && tool/tests/fuzz_parse -runs=20000 CORPUS_DIR
 *
 * First byte even: the rest is split at NUL bytes into command-line arguments that
 * go through every parser (numbers, pool references, set's key=value pairs, the
 * --class sizes, --from/--to/--node nodes and --min/--max limits of resize, warm and
 * rebalance), with invariants checked (a value accepted is in range and reads back
 * the same; collect's --gen and set's managed-pool keys included). First byte odd:
 * the rest is an attribute stream decoded as a pool-get (managed pools' nests and
 * their cold tiers too), a class-get, a node-stats-get, a pool-collect and a
 * pool-compress reply. Any crash, sanitizer report or
 * abort() is a finding.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mpool.h>

#include "../attr.h"
#include "../parse.h"
#include "../pool.h"

#define MAX_ARGS 8

static void require(int cond, const char *what, const char *arg)
{
	if (!cond) {
		fprintf(stderr, "invariant broken: %s (input '%s')\n", what, arg);
		abort();
	}
}

static bool all_digits(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

static void numbers(const char *s)
{
	uint64_t v = 0, w = 0;
	uint32_t u = 0, ms = 0;
	char buf[32];
	int r;

	r = parse_u64(s, &v, 0, UINT64_MAX, 0);
	if (r == PARSE_OK) {
		require(all_digits(s), "plain number accepted with non-digits", s);
		snprintf(buf, sizeof(buf), "%" PRIu64, v);
		require(parse_u64(buf, &w, 0, UINT64_MAX, 0) == PARSE_OK && w == v,
			"number does not read back", s);
	} else {
		require(r == PARSE_EMPTY || r == PARSE_SYNTAX || r == PARSE_SUFFIX ||
			r == PARSE_RANGE, "unknown error code", s);
		require(strlen(parse_strerror(r)) > 0, "empty error text", s);
		require(r != PARSE_EMPTY || !*s, "non-empty input called empty", s);
	}
	if (s[0] == '-' || s[0] == '+' || s[0] == ' ')
		require(r != PARSE_OK, "signed or spaced number accepted", s);

	r = parse_u64(s, &v, 0, UINT64_MAX, PARSE_ALLOW_SUFFIX);
	if (r == PARSE_OK && !all_digits(s)) {
		size_t n = strlen(s);

		require(strchr("kKmMgG", s[n - 1]) != NULL, "bad suffix accepted", s);
		require(v % 1024 == 0, "suffixed value not a multiple of 1024", s);
	}

	r = parse_u32(s, &u, 1, MPOOL_MAGAZINE_MAX, 0);
	if (r == PARSE_OK)
		require(u >= 1 && u <= MPOOL_MAGAZINE_MAX, "u32 out of its range", s);
	r = parse_u32(s, &u, 0, UINT32_MAX, PARSE_ALLOW_SUFFIX);
	(void)r;

	r = parse_duration_ms(s, &ms, 100, 86400000);
	if (r == PARSE_OK)
		require(ms >= 100 && ms <= 86400000, "duration out of its range", s);
}

/* The values of resize, warm and rebalance: --class, --node/--from/--to, --min/--max. */
static void class_args(const char *s)
{
	uint32_t v = 0;
	uint64_t w = 0;
	int r;

	r = parse_class_size(s, &v);
	if (r == PARSE_OK) {
		require(v >= 1, "class size 0 accepted", s);
		require(parse_u64(s, &w, 0, UINT64_MAX, PARSE_ALLOW_SUFFIX) == PARSE_OK && w == v,
			"class size does not read back", s);
	}
	r = parse_node(s, &v);
	if (r == PARSE_OK)
		require(v <= INT32_MAX && all_digits(s), "node out of range or with a suffix", s);
	r = parse_limit(s, true, &v);
	if (r == PARSE_OK && !strcmp(s, "none"))
		require(v == 0, "none is not 0", s);
	r = parse_limit(s, false, &v);
	require(r != PARSE_OK || strcmp(s, "none") != 0, "none accepted for a minimum", s);
	if (!parse_collect_generation(s, &v))
		require((v == MPOOL_GENERATION_YOUNG && !strcmp(s, "young")) ||
			(v == MPOOL_GENERATION_OLD && !strcmp(s, "old")),
			"--gen accepted something but young or old", s);
}

static void pool_ref(const char *s)
{
	struct pool_ref ref, again;
	char err[128], buf[48];

	if (parse_pool_ref(s, &ref, err, sizeof(err))) {
		require(strlen(err) > 0 && strlen(err) < sizeof(err), "bad error text", s);
		return;
	}
	require(ref.id || (ref.name[0] && strlen(ref.name) <= MPOOL_NAME_LEN_MAX),
		"reference to nothing", s);
	pool_ref_str(&ref, buf, sizeof(buf));
	require(parse_pool_ref(buf, &again, err, sizeof(err)) == 0 && again.id == ref.id &&
		!strcmp(again.name, ref.name), "reference does not read back", s);
}

static void set_args(char **args, int n)
{
	struct set_req req;
	char err[SET_ERR_LEN];
	int i;
	bool b;

	memset(&req, 0, sizeof(req));
	for (i = 0; i < n; i++) {
		if (parse_set_arg(args[i], &req, err, sizeof(err))) {
			require(strlen(err) > 0, "empty error text", args[i]);
			break;
		}
	}
	if (req.has_magazine)
		require(req.magazine_size >= 1 && req.magazine_size <= MPOOL_MAGAZINE_MAX,
			"magazine-size out of range", args[0]);
	if (req.has_adapt_interval)
		require(req.adapt_interval >= ADAPT_INTERVAL_MIN &&
			req.adapt_interval <= ADAPT_INTERVAL_MAX, "adapt-interval out of range",
			args[0]);
	if (req.has_promote_after)
		require(req.promote_after >= 1 && req.promote_after <= PROMOTE_AFTER_MAX,
			"promote-after out of range", args[0]);
	if (req.has_young_interval)
		require(req.young_interval >= 1 && req.young_interval <= MANAGED_INTERVAL_MAX,
			"young-interval out of range", args[0]);
	if (req.has_old_interval)
		require(req.old_interval >= 1 && req.old_interval <= MANAGED_INTERVAL_MAX,
			"old-interval out of range", args[0]);
	if (req.has_old_sparse_pct)
		require(req.old_sparse_pct >= 1 && req.old_sparse_pct <= 100,
			"old-sparse-pct out of range", args[0]);
	if (req.has_cold_age)
		require(req.cold_age >= 1 && req.cold_age <= COLD_AGE_MAX, "cold-age out of range",
			args[0]);
	if (req.has_cold_high_pct)
		require(req.cold_high_pct >= 1 && req.cold_high_pct <= 100,
			"cold-high-pct out of range", args[0]);
	if (req.has_cold_low_pct)
		require(req.cold_low_pct >= 1 && req.cold_low_pct <= COLD_LOW_PCT_MAX,
			"cold-low-pct out of range", args[0]);
	if (req.has_cold_min_saving_pct)
		require(req.cold_min_saving_pct >= 1 &&
			req.cold_min_saving_pct <= COLD_MIN_SAVING_PCT_MAX,
			"cold-min-saving-pct out of range", args[0]);
	if (req.has_cold_interval)
		require(req.cold_interval >= 1 && req.cold_interval <= MANAGED_INTERVAL_MAX,
			"cold-interval out of range", args[0]);
	if (req.has_cold_cpu_pct)
		require(req.cold_cpu_pct >= 1 && req.cold_cpu_pct <= 100,
			"cold-cpu-pct out of range", args[0]);
	for (i = 0; i < n; i++) {
		enum sort_key k;

		if (!parse_bool(args[i], &b))
			require(strlen(args[i]) <= 5, "odd bool accepted", args[i]);
		if (!parse_sort_key(args[i], &k))
			require(k < SORT_NR && !strcmp(sort_key_names[k], args[i]), "sort key", args[i]);
	}
}

static void attributes(const uint8_t *data, size_t size)
{
	const struct nlattr *tb[MPOOL_A_POOL_MAX + 1];
	static struct pool p;
	static struct node_matrix m;
	static struct class_list c;
	static struct collect_result cr;
	static struct compress_result zr;
	struct mpool_reply r;
	void *copy = malloc(size ? size : 1);

	if (!copy)
		return;
	/* Netlink data is 4-aligned; malloc gives at least that. */
	memcpy(copy, data, size);
	if (attr_parse(tb, MPOOL_A_POOL_MAX, copy, size) == 0) {
		r.cmd = MPOOL_CMD_POOL_GET;
		r.maxattr = MPOOL_A_POOL_MAX;
		r.tb = tb;
		r.attrs = copy;
		r.len = size;
		if (pool_decode(&p, &r) == 0) {
			require(strlen(p.name) <= MPOOL_NAME_LEN_MAX, "name too long", "attrs");
			require(p.nr_hist <= POOL_HIST_MAX, "histogram overflow", "attrs");
			require(p.nr_size_hist <= POOL_HIST_MAX, "size histogram overflow", "attrs");
			require(strlen(p.info.last_adaptation) < POOL_ADAPTATION_LEN,
				"last adaptation too long", "attrs");
			if (p.has_managed) {
				unsigned int g;
				uint32_t ppm;

				for (g = 0; g < POOL_GENERATIONS; g++)
					require(p.managed.gen[g].stat_present < (1u << GS_NR),
						"generation field out of its range", "attrs");
				if (pool_efficiency(&p, &ppm))
					require(ppm <= 1000000, "efficiency above 100%", "attrs");
				require(pool_pages(&p, 4096) <= p.managed.held_bytes / 4096 + 1,
					"pages do not cover the bytes held", "attrs");
				require(p.managed.cold.stat_present < (1u << CS_NR),
					"cold field out of its range", "attrs");
				require(p.managed.cold.nr_hist <= POOL_HIST_MAX,
					"cold latency histogram overflow", "attrs");
				require(p.managed.has_cold || !p.managed.cold.stat_present,
					"cold counters without a cold nest", "attrs");
			}
		}
		r.cmd = MPOOL_CMD_CLASS_GET;
		if (class_list_decode(&c, &r) == 0) {
			unsigned int i;

			require(c.nr <= POOL_CLASSES_MAX, "classes overflow", "attrs");
			for (i = 0; i < c.nr; i++)
				require(c.cls[i].p.nr_size_hist <= POOL_HIST_MAX,
					"class histogram overflow", "attrs");
		}
		if (node_matrix_decode(&m, &r) == 0)
			require(m.nr <= NODE_PAIRS_MAX, "node pairs overflow", "attrs");
		r.cmd = MPOOL_CMD_POOL_COLLECT;
		if (collect_result_decode(&cr, &r) == 0)
			require(cr.generation == MPOOL_GENERATION_YOUNG ||
				cr.generation == MPOOL_GENERATION_OLD,
				"a collection of a generation never collected", "attrs");
		r.cmd = MPOOL_CMD_POOL_COMPRESS;
		if (compress_result_decode(&zr, &r) == 0)
			require(strlen(zr.name) <= MPOOL_NAME_LEN_MAX, "compress reply name too long",
				"attrs");
	}
	free(copy);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *buf, *args[MAX_ARGS];
	size_t i, start;
	int n = 0;

	if (!size)
		return 0;
	/* For tests/host/tool-fuzz-smoke.sh: proof that a finding fails the run. */
	if (getenv("FUZZ_PARSE_SELFTEST") && size == 9 && !memcmp(data, "\0selftest", 9))
		require(0, "self-test finding", "selftest");
	if (data[0] & 1) {
		attributes(data + 1, size - 1);
		return 0;
	}
	/* NUL-separated arguments, the last one terminated by us. */
	buf = malloc(size);
	if (!buf)
		return 0;
	memcpy(buf, data + 1, size - 1);
	buf[size - 1] = '\0';
	for (i = 0, start = 0; i < size && n < MAX_ARGS; i++) {
		if (buf[i] == '\0') {
			args[n++] = buf + start;
			start = i + 1;
			if (start >= size)
				break;
		}
	}
	for (i = 0; i < (size_t)n; i++) {
		numbers(args[i]);
		pool_ref(args[i]);
		class_args(args[i]);
	}
	set_args(args, n);
	free(buf);
	return 0;
}
