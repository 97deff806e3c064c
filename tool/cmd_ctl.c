// SPDX-License-Identifier: GPL-2.0
/*
 * The commands that change a pool (CAP_NET_ADMIN): warm, shrink, set, reset, and for
 * the classes of buffer pools resize and rebalance. Every argument is checked before
 * the kernel is contacted; the kernel's refusals come back as "mempoolctl: kernel:
 * <its message>" and exit status 2.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>

#include <linux/mpool.h>

#include "attr.h"
#include "format.h"
#include "mempoolctl.h"
#include "nl.h"

static const char warm_usage[] = "warm POOL COUNT [--node N] [--class SIZE] | warm POOL --memory SIZE";
static const char shrink_usage[] = "shrink POOL";
static const char set_usage[] =
	"set POOL KEY=VALUE... (min-objects=N, max-objects=N|none, magazine-size=N, poison=on|off, adaptive=on|off, adapt-interval=SECONDS, adapt-rebalance=on|off; managed pools: promote-after=N, young-interval=MS, old-interval=MS, old-sparse-pct=P; their cold tier: cold-age=MS, cold-high-pct=P, cold-low-pct=P, cold-min-saving-pct=P, cold-interval=MS, cold-cpu-pct=P, cold-permanent=on|off)";
static const char reset_usage[] = "reset POOL";
static const char resize_usage[] = "resize POOL --class SIZE [--min N] [--max N|none]";
static const char rebalance_usage[] =
	"rebalance POOL --from N --to M [--count N] [--class SIZE]";

enum {
	OPT_NODE = OPT_FIRST_COMMAND_OPT,
	OPT_CLASS,
	OPT_MIN,
	OPT_MAX,
	OPT_FROM,
	OPT_TO,
	OPT_COUNT,
	OPT_MEMORY,
};

/* --class SIZE: 0, or EXIT_USAGE after a message. */
static int class_option(const char *arg, uint32_t *size, const char *usage)
{
	int ret = parse_class_size(arg, size);

	if (ret)
		return usage_error(usage, "invalid --class '%s': %s%s", arg, parse_strerror(ret),
				   ret == PARSE_RANGE ? " (1 to 4294967295 bytes)" : "");
	return 0;
}

/* A node option (--node, --from, --to): 0, or EXIT_USAGE after a message. */
static int node_option(const char *opt, const char *arg, uint32_t *node, const char *usage)
{
	int ret = parse_node(arg, node);

	if (ret)
		return usage_error(usage, "invalid %s '%s': %s%s", opt, arg, parse_strerror(ret),
				   ret == PARSE_RANGE ? " (0 to 2147483647)" : "");
	return 0;
}

/* An object count (warm's COUNT, --count), 1 or more: 0, or EXIT_USAGE after a message. */
static int count_option(const char *what, const char *arg, uint32_t *count, const char *usage)
{
	int ret = parse_u32(arg, count, 1, UINT32_MAX, PARSE_ALLOW_SUFFIX);

	if (ret)
		return usage_error(usage, "invalid %s '%s': %s%s", what, arg, parse_strerror(ret),
				   ret == PARSE_RANGE ? " (1 to 4294967295)" : "");
	return 0;
}

/* "POOL" or "POOL class SIZE", for the confirmation lines. */
static const char *target_str(const struct pool_ref *ref, bool has_class, uint32_t size,
			      char *buf, size_t len)
{
	char name[48];

	pool_ref_str(ref, name, sizeof(name));
	if (has_class)
		snprintf(buf, len, "%s class %u", name, size);
	else
		snprintf(buf, len, "%s", name);
	return buf;
}

/* Send pool-warm of @ref with the attributes in @b, and free @b: 0 or an exit status. */
static int send_warm(const struct pool_ref *ref, struct attr_buf *b)
{
	struct mpool_nl *nl = NULL;
	int ret;

	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_cmd(nl, MPOOL_CMD_POOL_WARM, "pool-warm", ref, b, 0, NULL);
	mpool_nl_close(nl);
	abuf_free(b);
	return ret;
}

/* warm POOL --memory SIZE: a managed pool's warm level, in bytes of segments. */
static int warm_memory(const struct pool_ref *ref, uint64_t bytes, const struct options *opts)
{
	struct attr_buf b;
	char name[48], size[32];
	int ret;

	abuf_init(&b);
	/* Unpadded: the request policy has no pad attribute, and strict validation refuses one. */
	abuf_put_u64_unpadded(&b, MPOOL_A_POOL_BYTES, bytes);
	ret = send_warm(ref, &b);
	if (ret)
		return ret;
	if (!opts->json) {
		pool_ref_str(ref, name, sizeof(name));
		if (bytes)
			printf("%s: %s of segments ready\n", name,
			       fmt_size(size, sizeof(size), bytes, opts->bytes));
		else
			printf("%s: no warm level\n", name);
	}
	return EXIT_OK;
}

int cmd_warm(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "node", required_argument, NULL, OPT_NODE },
		{ "class", required_argument, NULL, OPT_CLASS },
		{ "memory", required_argument, NULL, OPT_MEMORY },
		{ NULL, 0, NULL, 0 },
	};
	struct pool_ref ref;
	struct attr_buf b;
	uint32_t count, node = 0, class_size = 0;
	uint64_t memory = 0;
	bool has_node = false, has_class = false, has_memory = false;
	char name[80];
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_NODE:
			if (node_option("--node", optarg, &node, warm_usage))
				return EXIT_USAGE;
			has_node = true;
			break;
		case OPT_CLASS:
			if (class_option(optarg, &class_size, warm_usage))
				return EXIT_USAGE;
			has_class = true;
			break;
		case OPT_MEMORY:
			ret = parse_u64(optarg, &memory, 0, UINT64_MAX, PARSE_ALLOW_SUFFIX);
			if (ret)
				return usage_error(warm_usage, "invalid --memory '%s': %s", optarg,
						   parse_strerror(ret));
			has_memory = true;
			break;
		default:
			ret = command_option(c, opts, warm_usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (has_memory) {
		if (argc - optind != 1)
			return usage_error(warm_usage,
					   "warm --memory takes a pool and no count (a managed pool is warmed in bytes)");
		if (has_node || has_class)
			return usage_error(warm_usage,
					   "--memory warms a managed pool on the nodes it allocates from: no --node or --class");
		ret = pool_arg(argv[optind], &ref, warm_usage);
		return ret ?: warm_memory(&ref, memory, opts);
	}
	if (argc - optind != 2)
		return usage_error(warm_usage, "warm takes a pool and a count");
	ret = pool_arg(argv[optind], &ref, warm_usage);
	if (ret)
		return ret;
	if (count_option("count", argv[optind + 1], &count, warm_usage))
		return EXIT_USAGE;

	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_COUNT, count);
	if (has_node)
		abuf_put_u32(&b, MPOOL_A_POOL_NODE, node);
	if (has_class)
		abuf_put_u32(&b, MPOOL_A_POOL_CLASS_SIZE, class_size);
	ret = send_warm(&ref, &b);
	if (ret)
		return ret;
	if (!opts->json) {
		target_str(&ref, has_class, class_size, name, sizeof(name));
		if (has_node)
			printf("%s: %u objects ready on node %u\n", name, count, node);
		else
			printf("%s: %u objects ready\n", name, count);
	}
	return EXIT_OK;
}

int cmd_shrink(int argc, char **argv, struct options *opts)
{
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	uint64_t released = 0;
	char name[48], size[FMT_LEN];
	int ret;

	ret = parse_plain_options(argc, argv, opts, shrink_usage);
	if (ret >= 0)
		return ret;
	if (argc - optind != 1)
		return usage_error(shrink_usage, "shrink takes one pool");
	ret = pool_arg(argv[optind], &ref, shrink_usage);
	if (ret)
		return ret;
	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_cmd(nl, MPOOL_CMD_POOL_SHRINK, "pool-shrink", &ref, NULL,
				      MPOOL_A_POOL_RELEASED, &released);
	mpool_nl_close(nl);
	if (ret)
		return ret;
	if (opts->json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j, NULL);
		json_str(&j, "pool", pool_ref_str(&ref, name, sizeof(name)));
		json_u64(&j, "released", released);
		json_obj_end(&j);
		json_end_doc(&j);
	} else {
		printf("%s: released %s\n", pool_ref_str(&ref, name, sizeof(name)),
		       fmt_size(size, sizeof(size), released, opts->bytes));
	}
	return EXIT_OK;
}

int cmd_set(int argc, char **argv, struct options *opts)
{
	struct set_req req = { .has_min = false };
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	struct attr_buf b;
	char err[SET_ERR_LEN];
	int i, ret;

	ret = parse_plain_options(argc, argv, opts, set_usage);
	if (ret >= 0)
		return ret;
	if (argc - optind < 2)
		return usage_error(set_usage, "set takes a pool and at least one key=value");
	ret = pool_arg(argv[optind], &ref, set_usage);
	if (ret)
		return ret;
	for (i = optind + 1; i < argc; i++)
		if (parse_set_arg(argv[i], &req, err, sizeof(err)))
			return usage_error(set_usage, "%s", err);
	if (req.has_min && req.has_max && req.max_objects && req.min_objects > req.max_objects)
		return usage_error(set_usage, "min-objects %u above max-objects %u",
				   req.min_objects, req.max_objects);
	/* No pool takes both: a managed pool has no slabs, the others no generations. */
	if (set_req_managed(&req) && set_req_slab(&req))
		return usage_error(set_usage,
				   "promote-after, young-interval, old-interval, old-sparse-pct and the cold-* keys are a managed pool's, the other keys those of object and buffer pools: not both at once");

	ret = client_open(&nl);
	if (ret)
		return ret;
	abuf_init(&b);
	if (req.has_poison) {
		/* Flags are set whole: start from the pool's, switch poison. */
		struct pool p = { .id = 0 };

		ret = client_pool_get(nl, &ref, &p);
		if (ret)
			goto out;
		if (p.has_managed) {
			/* It has no flags: the kernel's refusal says what it has. */
			p.info.flags = 0;
		} else if (!(p.info.present & PI_FLAGS)) {
			ret = report_kernel_error("pool-get", -EPROTO, nl);
			goto out;
		}
		abuf_put_u32(&b, MPOOL_A_POOL_FLAGS,
			     req.poison ? p.info.flags | MPOOL_POOL_FLAGS_POISON
					: p.info.flags & ~(uint32_t)MPOOL_POOL_FLAGS_POISON);
		/* And by id: the flags were read from this very pool. */
		ref.id = p.id;
		ref.name[0] = '\0';
	}
	if (req.has_min)
		abuf_put_u32(&b, MPOOL_A_POOL_MIN_OBJECTS, req.min_objects);
	if (req.has_max)
		abuf_put_u32(&b, MPOOL_A_POOL_MAX_OBJECTS, req.max_objects);
	if (req.has_magazine)
		abuf_put_u32(&b, MPOOL_A_POOL_MAGAZINE_SIZE, req.magazine_size);
	if (req.has_adaptive)
		abuf_put_u8(&b, MPOOL_A_POOL_ADAPTIVE, req.adaptive);
	if (req.has_adapt_interval)
		abuf_put_u32(&b, MPOOL_A_POOL_ADAPT_INTERVAL, req.adapt_interval);
	if (req.has_adapt_rebalance)
		abuf_put_u8(&b, MPOOL_A_POOL_ADAPT_REBALANCE, req.adapt_rebalance);
	if (req.has_promote_after)
		abuf_put_u32(&b, MPOOL_A_POOL_PROMOTE_AFTER, req.promote_after);
	if (req.has_young_interval)
		abuf_put_u32(&b, MPOOL_A_POOL_YOUNG_INTERVAL, req.young_interval);
	if (req.has_old_interval)
		abuf_put_u32(&b, MPOOL_A_POOL_OLD_INTERVAL, req.old_interval);
	if (req.has_old_sparse_pct)
		abuf_put_u32(&b, MPOOL_A_POOL_OLD_SPARSE_PCT, req.old_sparse_pct);
	if (req.has_cold_age)
		abuf_put_u32(&b, MPOOL_A_POOL_COLD_AGE, req.cold_age);
	if (req.has_cold_high_pct)
		abuf_put_u32(&b, MPOOL_A_POOL_COLD_HIGH_PCT, req.cold_high_pct);
	if (req.has_cold_low_pct)
		abuf_put_u32(&b, MPOOL_A_POOL_COLD_LOW_PCT, req.cold_low_pct);
	if (req.has_cold_min_saving_pct)
		abuf_put_u32(&b, MPOOL_A_POOL_COLD_MIN_SAVING_PCT, req.cold_min_saving_pct);
	if (req.has_cold_interval)
		abuf_put_u32(&b, MPOOL_A_POOL_COLD_INTERVAL, req.cold_interval);
	if (req.has_cold_cpu_pct)
		abuf_put_u32(&b, MPOOL_A_POOL_COLD_CPU_PCT, req.cold_cpu_pct);
	if (req.has_cold_permanent)
		abuf_put_u8(&b, MPOOL_A_POOL_COLD_PERMANENT, req.cold_permanent);
	ret = client_pool_cmd(nl, MPOOL_CMD_POOL_SET, "pool-set", &ref, &b, 0, NULL);
out:
	abuf_free(&b);
	mpool_nl_close(nl);
	if (ret)
		return ret;
	if (!opts->json) {
		printf("%s:", argv[optind]);
		for (i = optind + 1; i < argc; i++)
			printf(" %s", argv[i]);
		printf("\n");
	}
	return EXIT_OK;
}

int cmd_reset(int argc, char **argv, struct options *opts)
{
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	char name[48];
	int ret;

	ret = parse_plain_options(argc, argv, opts, reset_usage);
	if (ret >= 0)
		return ret;
	if (argc - optind != 1)
		return usage_error(reset_usage, "reset takes one pool");
	ret = pool_arg(argv[optind], &ref, reset_usage);
	if (ret)
		return ret;
	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_cmd(nl, MPOOL_CMD_POOL_RESET_STATS, "pool-reset-stats", &ref,
				      NULL, 0, NULL);
	mpool_nl_close(nl);
	if (ret)
		return ret;
	if (!opts->json)
		printf("%s: statistics reset\n", pool_ref_str(&ref, name, sizeof(name)));
	return EXIT_OK;
}

int cmd_resize(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "class", required_argument, NULL, OPT_CLASS },
		{ "min", required_argument, NULL, OPT_MIN },
		{ "max", required_argument, NULL, OPT_MAX },
		{ NULL, 0, NULL, 0 },
	};
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	struct attr_buf b;
	uint32_t class_size = 0, min = 0, max = 0;
	bool has_class = false, has_min = false, has_max = false;
	char name[80];
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CLASS:
			if (class_option(optarg, &class_size, resize_usage))
				return EXIT_USAGE;
			has_class = true;
			break;
		case OPT_MIN:
		case OPT_MAX:
			ret = parse_limit(optarg, c == OPT_MAX, c == OPT_MAX ? &max : &min);
			if (ret)
				return usage_error(resize_usage, "invalid %s '%s': %s",
						   c == OPT_MAX ? "--max" : "--min", optarg,
						   parse_strerror(ret));
			if (c == OPT_MAX)
				has_max = true;
			else
				has_min = true;
			break;
		default:
			ret = command_option(c, opts, resize_usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (argc - optind != 1)
		return usage_error(resize_usage, "resize takes one pool");
	ret = pool_arg(argv[optind], &ref, resize_usage);
	if (ret)
		return ret;
	if (!has_class)
		return usage_error(resize_usage, "resize needs --class SIZE: the class serving SIZE bytes");
	if (!has_min && !has_max)
		return usage_error(resize_usage, "resize needs --min, --max or both");
	if (has_min && has_max && max && min > max)
		return usage_error(resize_usage, "--min %u above --max %u", min, max);

	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_CLASS_SIZE, class_size);
	if (has_min)
		abuf_put_u32(&b, MPOOL_A_POOL_MIN_OBJECTS, min);
	if (has_max)
		abuf_put_u32(&b, MPOOL_A_POOL_MAX_OBJECTS, max);
	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_cmd(nl, MPOOL_CMD_CLASS_SET, "class-set", &ref, &b, 0, NULL);
	mpool_nl_close(nl);
	abuf_free(&b);
	if (ret)
		return ret;
	if (!opts->json) {
		printf("%s:", target_str(&ref, true, class_size, name, sizeof(name)));
		if (has_min)
			printf(" min-objects=%u", min);
		if (has_max && max)
			printf(" max-objects=%u", max);
		else if (has_max)
			printf(" max-objects=none");
		printf("\n");
	}
	return EXIT_OK;
}

int cmd_rebalance(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "from", required_argument, NULL, OPT_FROM },
		{ "to", required_argument, NULL, OPT_TO },
		{ "count", required_argument, NULL, OPT_COUNT },
		{ "class", required_argument, NULL, OPT_CLASS },
		{ NULL, 0, NULL, 0 },
	};
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	struct attr_buf b;
	/* By default every cached object of the node: the kernel moves whole slabs. */
	uint32_t from = 0, to = 0, count = UINT32_MAX, class_size = 0;
	bool has_from = false, has_to = false, has_class = false;
	uint64_t moved = 0;
	char name[80];
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_FROM:
			if (node_option("--from", optarg, &from, rebalance_usage))
				return EXIT_USAGE;
			has_from = true;
			break;
		case OPT_TO:
			if (node_option("--to", optarg, &to, rebalance_usage))
				return EXIT_USAGE;
			has_to = true;
			break;
		case OPT_COUNT:
			if (count_option("--count", optarg, &count, rebalance_usage))
				return EXIT_USAGE;
			break;
		case OPT_CLASS:
			if (class_option(optarg, &class_size, rebalance_usage))
				return EXIT_USAGE;
			has_class = true;
			break;
		default:
			ret = command_option(c, opts, rebalance_usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (argc - optind != 1)
		return usage_error(rebalance_usage, "rebalance takes one pool");
	ret = pool_arg(argv[optind], &ref, rebalance_usage);
	if (ret)
		return ret;
	if (!has_from || !has_to)
		return usage_error(rebalance_usage, "rebalance needs --from and --to");
	if (from == to)
		return usage_error(rebalance_usage, "--from and --to are the same node (%u)", from);

	abuf_init(&b);
	abuf_put_u32(&b, MPOOL_A_POOL_FROM_NODE, from);
	abuf_put_u32(&b, MPOOL_A_POOL_TO_NODE, to);
	abuf_put_u32(&b, MPOOL_A_POOL_COUNT, count);
	if (has_class)
		abuf_put_u32(&b, MPOOL_A_POOL_CLASS_SIZE, class_size);
	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_cmd(nl, MPOOL_CMD_POOL_REBALANCE, "pool-rebalance", &ref, &b,
				      MPOOL_A_POOL_MOVED, &moved);
	mpool_nl_close(nl);
	abuf_free(&b);
	if (ret)
		return ret;
	if (opts->json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j, NULL);
		json_str(&j, "pool", pool_ref_str(&ref, name, sizeof(name)));
		if (has_class)
			json_u64(&j, "class_size", class_size);
		json_u64(&j, "from_node", from);
		json_u64(&j, "to_node", to);
		json_u64(&j, "moved", moved);
		json_obj_end(&j);
		json_end_doc(&j);
	} else {
		printf("%s: %" PRIu64 " objects moved from node %u to node %u%s\n",
		       target_str(&ref, has_class, class_size, name, sizeof(name)), moved, from, to,
		       moved ? "" : " (only whole free slabs move)");
	}
	return EXIT_OK;
}
