// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl collect POOL [--gen young|old]: collect one generation of a managed pool
 * now (pool-collect, CAP_NET_ADMIN) and say what that collection did. A young
 * collection promotes the objects that survived promote-after collections and frees
 * the young segments left empty; an old one compacts the sparse old segments. Other
 * kinds of pools are refused by the kernel, with its message and exit status 2.
 */
#include <inttypes.h>
#include <stdio.h>

#include <linux/mpool.h>

#include "format.h"
#include "mempoolctl.h"
#include "nl.h"

static const char usage[] = "collect POOL [--gen young|old]";

enum {
	OPT_GEN = OPT_FIRST_COMMAND_OPT,
};

/* "1 segment freed", "2 segments freed": @n and the noun, plural when @n is not 1. */
static const char *count_str(char *buf, size_t len, uint64_t n, const char *noun)
{
	snprintf(buf, len, "%" PRIu64 " %s%s", n, noun, n == 1 ? "" : "s");
	return buf;
}

static void print_human(const struct collect_result *c, bool raw)
{
	const uint64_t *v = c->done.stat;
	char segs[48], live[FMT_LEN], held[FMT_LEN], moved[FMT_LEN];
	const char *gen = pool_generation_names[c->generation];

	printf("collected %s of %s: ", gen, c->name);
	/* A young collection moves only to promote: its moves are its promotions. */
	if (c->generation == MPOOL_GENERATION_YOUNG)
		printf("%" PRIu64 " promoted to old", v[GS_PROMOTED_OUT]);
	else
		printf("%" PRIu64 " moved (%s)", v[GS_MOVED_OBJECTS],
		       fmt_size(moved, sizeof(moved), v[GS_MOVED_BYTES], raw));
	printf(", %s freed, %" PRIu64 " pinned skipped, %" PRIu64 " move failures; ",
	       count_str(segs, sizeof(segs), v[GS_SEGMENTS_FREED], "segment"),
	       v[GS_PINNED_SKIPS], v[GS_MOVE_FAILURES]);
	printf("%s now %" PRIu64 " live (%s) in %s\n", gen, v[GS_LIVE_OBJECTS],
	       fmt_size(live, sizeof(live), v[GS_LIVE_BYTES], raw),
	       fmt_size(held, sizeof(held), v[GS_HELD_BYTES], raw));
}

static void print_json(const struct collect_result *c)
{
	struct json j;

	json_init(&j, stdout);
	json_obj_begin(&j, NULL);
	json_u64(&j, "id", c->id);
	json_str(&j, "name", c->name);
	json_str(&j, "generation", pool_generation_names[c->generation]);
	gen_stats_json(&j, "collected", &c->done);
	json_obj_end(&j);
	json_end_doc(&j);
}

int cmd_collect(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "gen", required_argument, NULL, OPT_GEN },
		{ NULL, 0, NULL, 0 },
	};
	uint32_t gen = MPOOL_GENERATION_YOUNG;
	struct collect_result res;
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_GEN:
			if (parse_collect_generation(optarg, &gen))
				return usage_error(usage,
						   "invalid --gen '%s': young or old (permanent objects are never collected)",
						   optarg);
			break;
		default:
			ret = command_option(c, opts, usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (argc - optind != 1)
		return usage_error(usage, "collect takes one pool");
	ret = pool_arg(argv[optind], &ref, usage);
	if (ret)
		return ret;

	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_collect(nl, &ref, gen, &res);
	mpool_nl_close(nl);
	if (ret)
		return ret;
	if (opts->json)
		print_json(&res);
	else
		print_human(&res, opts->bytes);
	return EXIT_OK;
}
