// SPDX-License-Identifier: GPL-2.0
/* mempoolctl version: the tool's version and the loaded module's, over netlink. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/mpool.h>

#include "mempoolctl.h"
#include "nl.h"
#include "output.h"

struct version_reply {
	char module[64];
};

static int version_reply(const struct nlattr *const *tb, void *ctx)
{
	struct version_reply *v = ctx;

	if (!tb[MPOOL_A_VERSION_MODULE])
		return -EPROTO;
	snprintf(v->module, sizeof(v->module), "%s",
		 mpool_attr_str(tb[MPOOL_A_VERSION_MODULE]));
	return 0;
}

int cmd_version(int argc, char **argv, const struct options *opts)
{
	struct version_reply v = { "" };
	struct mpool_nl *nl;
	int err;

	(void)argv;
	if (argc > 1) {
		fprintf(stderr, "usage: mempoolctl version\n");
		return EXIT_USAGE;
	}

	err = mpool_nl_open(&nl);
	if (!err) {
		err = mpool_nl_do(nl, MPOOL_CMD_VERSION_GET, MPOOL_A_VERSION_MAX,
				  version_reply, &v);
		if (err)
			err = report_kernel_error("version-get", err, nl);
		mpool_nl_close(nl);
	} else {
		err = report_kernel_error("connect", err, NULL);
	}

	if (opts->json) {
		if (err)
			return err;
		fputs("{\"tool\":", stdout);
		json_write_string(stdout, MEMPOOLCTL_VERSION);
		fputs(",\"module\":", stdout);
		json_write_string(stdout, v.module);
		fputs("}\n", stdout);
		return EXIT_OK;
	}
	printf("mempoolctl %s\n", MEMPOOLCTL_VERSION);
	if (err)
		return err;
	printf("mpool.ko %s\n", v.module);
	return EXIT_OK;
}
