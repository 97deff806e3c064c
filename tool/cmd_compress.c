// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl compress POOL [BYTES]: compress a managed pool's unmapped objects into
 * its cold tier now (pool-compress, CAP_NET_ADMIN), whatever their age and the
 * watermarks, up to BYTES of them (0 or absent: no limit), then say what the cold
 * tier holds. Pools without a cold tier are refused by the kernel, with its message
 * and exit status 2.
 */
#include <inttypes.h>
#include <stdio.h>

#include <linux/mpool.h>

#include "format.h"
#include "mempoolctl.h"
#include "nl.h"

static const char usage[] = "compress POOL [BYTES]";

/* "compressed 48K of demo_archive; cold now 48 objects (48K) in 12K stored (3.90x), 3 blocks" */
static void print_human(const struct compress_result *res, const struct pool *p, bool raw)
{
	const struct pool_cold *c = &p->managed.cold;
	char done[FMT_LEN], orig[FMT_LEN], stored[FMT_LEN], ratio[FMT_LEN];

	printf("compressed %s of %s", fmt_size(done, sizeof(done), res->compressed, raw),
	       res->name);
	if (p->managed.has_cold)
		printf("; cold now %" PRIu64 " objects (%s) in %s stored (%s), %" PRIu64 " blocks",
		       c->stat[CS_COLD_OBJECTS],
		       fmt_size(orig, sizeof(orig), c->stat[CS_ORIGINAL_BYTES], raw),
		       fmt_size(stored, sizeof(stored), c->stat[CS_STORED_BYTES], raw),
		       fmt_ratio_x100(ratio, sizeof(ratio), c->ratio), c->stat[CS_BLOCKS]);
	printf("\n");
}

static void print_json(const struct compress_result *res, const struct pool *p)
{
	struct json j;

	json_init(&j, stdout);
	json_obj_begin(&j, NULL);
	json_u64(&j, "id", res->id);
	json_str(&j, "name", res->name);
	json_u64(&j, "compressed", res->compressed);
	if (p->managed.has_cold)
		pool_cold_json(&j, &p->managed.cold);
	json_obj_end(&j);
	json_end_doc(&j);
}

int cmd_compress(int argc, char **argv, struct options *opts)
{
	struct compress_result res = { 0 };
	struct mpool_nl *nl = NULL;
	struct pool_ref ref;
	struct pool p;
	uint64_t bytes = 0;
	int ret;

	ret = parse_plain_options(argc, argv, opts, usage);
	if (ret >= 0)
		return ret;
	if (argc - optind < 1 || argc - optind > 2)
		return usage_error(usage, "compress takes one pool and optionally a number of bytes");
	ret = pool_arg(argv[optind], &ref, usage);
	if (ret)
		return ret;
	if (argc - optind == 2) {
		ret = parse_u64(argv[optind + 1], &bytes, 0, UINT64_MAX, PARSE_ALLOW_SUFFIX);
		if (ret)
			return usage_error(usage, "invalid BYTES '%s': %s (0: no limit)",
					   argv[optind + 1], parse_strerror(ret));
	}

	ret = client_open(&nl);
	if (!ret)
		ret = client_pool_compress(nl, &ref, bytes, &res);
	/* What the cold tier holds now: the pool the kernel compressed, by its id. */
	if (!ret) {
		ref.id = res.id;
		ret = client_pool_get(nl, &ref, &p);
	}
	mpool_nl_close(nl);
	if (ret)
		return ret;
	if (opts->json)
		print_json(&res, &p);
	else
		print_human(&res, &p, opts->bytes);
	return EXIT_OK;
}
