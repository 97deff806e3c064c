// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl list: every pool, one line each (a dump of pool-get). A buffer pool is
 * one line too, its numbers the sums of its classes (show lists the classes).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/mpool.h>

#include "format.h"
#include "mempoolctl.h"
#include "nl.h"

static const char usage[] = "list [--sort KEY] [--names]";

enum {
	OPT_SORT = OPT_FIRST_COMMAND_OPT,
	OPT_NAMES,
};

/*
 * The columns list and top share; top adds its rates. KIND is last, so the columns
 * before it stay where scripts expect them. A buffer pool's OBJSIZE is its largest
 * class, written "<=2.0M"; a managed pool's is its max-size, written the same way.
 * A managed pool caches nothing and has no magazines: CACHED and HIT% are "-".
 */
void pool_table_print(FILE *out, const struct pool_row *rows, unsigned int nr, bool raw,
		      bool rates)
{
	static const char *const list_header[] = {
		"ID", "NAME", "OBJSIZE", "LIVE", "CACHED", "PAGES", "HIT%", "EFF%", "KIND",
	};
	static const char *const top_header[] = {
		"ID", "NAME", "OBJSIZE", "LIVE", "CACHED", "PAGES", "HIT%", "EFF%",
		"ALLOC/s", "FREE/s", "KIND",
	};
	unsigned int cols = rates ? 11 : 9;
	struct table t;
	unsigned int i;

	table_init(&t, cols, rates ? top_header : list_header, 1u << 1 | 1u << (cols - 1));
	for (i = 0; i < nr; i++) {
		const struct pool *p = rows[i].p;
		char id[16], size[FMT_LEN], live[24], cached[24], pages[24], hit[FMT_LEN],
			eff[FMT_LEN], arate[FMT_LEN], frate[FMT_LEN], kind[24], sz[FMT_LEN];
		const char *kind_s = p->has_kind ? pool_kind_name(p->kind, kind, sizeof(kind)) : "-";
		const char *list_cells[9] = {
			id, p->name, size, live, cached, pages, hit, eff, kind_s,
		};
		const char *top_cells[11] = {
			id, p->name, size, live, cached, pages, hit, eff, arate, frate, kind_s,
		};

		uint32_t ppm;

		snprintf(id, sizeof(id), "%u", p->id);
		if (p->has_managed && (p->managed.present & PM_MAX_SIZE))
			snprintf(size, sizeof(size), "<=%s",
				 fmt_size(sz, sizeof(sz), p->managed.max_size, raw));
		else if (!(p->info.present & PI_OBJECT_SIZE))
			snprintf(size, sizeof(size), "-");
		else if (pool_is_buffer(p))
			snprintf(size, sizeof(size), "<=%s",
				 fmt_size(sz, sizeof(sz), p->info.object_size, raw));
		else
			fmt_size(size, sizeof(size), p->info.object_size, raw);
		snprintf(live, sizeof(live), "%llu", (unsigned long long)pool_live(p));
		if (p->has_managed)
			snprintf(cached, sizeof(cached), "-");
		else
			snprintf(cached, sizeof(cached), "%llu",
				 (unsigned long long)p->stat[ST_CACHED]);
		snprintf(pages, sizeof(pages), "%llu",
			 (unsigned long long)pool_pages(p, page_size()));
		if (p->has_hit_rate)
			fmt_ppm(hit, sizeof(hit), p->hit_rate);
		else
			snprintf(hit, sizeof(hit), "-");
		if (pool_efficiency(p, &ppm))
			fmt_ppm(eff, sizeof(eff), ppm);
		else
			snprintf(eff, sizeof(eff), "-");
		if (rows[i].has_rate) {
			fmt_rate(arate, sizeof(arate), rows[i].allocs_rate);
			fmt_rate(frate, sizeof(frate), rows[i].frees_rate);
		} else {
			snprintf(arate, sizeof(arate), "-");
			snprintf(frate, sizeof(frate), "-");
		}
		table_row(&t, rates ? top_cells : list_cells);
	}
	table_print(&t, out);
	table_free(&t);
}

int cmd_list(int argc, char **argv, struct options *opts)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ "sort", required_argument, NULL, OPT_SORT },
		{ "names", no_argument, NULL, OPT_NAMES },
		{ NULL, 0, NULL, 0 },
	};
	enum sort_key key = SORT_ID;
	struct pool_list list = { 0 };
	struct pool_row *rows;
	struct mpool_nl *nl = NULL;
	bool names = false;
	unsigned int i;
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		switch (c) {
		case OPT_SORT:
			if (sort_option(optarg, &key, usage))
				return EXIT_USAGE;
			break;
		case OPT_NAMES:
			names = true;
			break;
		default:
			ret = command_option(c, opts, usage);
			if (ret >= 0)
				return ret;
		}
	}
	if (optind < argc)
		return usage_error(usage, "list takes no arguments");
	setup_color(opts);

	ret = client_open(&nl);
	if (ret)
		return ret;
	ret = client_pool_dump(nl, &list);
	mpool_nl_close(nl);
	if (ret)
		return ret;

	rows = calloc(list.nr ? list.nr : 1, sizeof(*rows));
	if (!rows) {
		pool_list_free(&list);
		return out_of_memory();
	}
	for (i = 0; i < list.nr; i++)
		rows[i].p = &list.pools[i];
	pool_rows_sort(rows, list.nr, key);

	if (names) {
		for (i = 0; i < list.nr; i++)
			printf("%s\n", rows[i].p->name);
	} else if (opts->json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_begin(&j, NULL);
		json_arr_begin(&j, "pools");
		for (i = 0; i < list.nr; i++) {
			pool_json_begin(&j, NULL, rows[i].p);
			json_obj_end(&j);
		}
		json_arr_end(&j);
		json_obj_end(&j);
		json_end_doc(&j);
	} else {
		pool_table_print(stdout, rows, list.nr, opts->bytes, false);
	}
	free(rows);
	pool_list_free(&list);
	return EXIT_OK;
}
