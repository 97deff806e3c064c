// SPDX-License-Identifier: GPL-2.0
/* mempoolctl version: the tool's version and the loaded module's, over netlink. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <linux/mpool.h>

#include "attr.h"
#include "mempoolctl.h"
#include "nl.h"
#include "output.h"

static const char usage[] = "version";

struct version_reply {
	char module[64];
	int got;
};

static int version_reply(const struct mpool_reply *r, void *ctx)
{
	struct version_reply *v = ctx;
	const char *s;

	if (r->cmd != MPOOL_CMD_VERSION_GET || !r->tb[MPOOL_A_VERSION_MODULE] || v->got)
		return -EPROTO;
	s = attr_get_str(r->tb[MPOOL_A_VERSION_MODULE]);
	/* A version that does not fit is not shown cut short. */
	if (!s || strlen(s) >= sizeof(v->module))
		return -EPROTO;
	memcpy(v->module, s, strlen(s) + 1);
	v->got = 1;
	return 0;
}

int cmd_version(int argc, char **argv, struct options *opts)
{
	struct version_reply v = { "", 0 };
	struct mpool_nl *nl = NULL;
	int err;

	err = parse_plain_options(argc, argv, opts, usage);
	if (err >= 0)
		return err;
	if (optind < argc)
		return usage_error(usage, "version takes no arguments");

	err = client_open(&nl);
	if (!err) {
		err = mpool_nl_request(nl, MPOOL_CMD_VERSION_GET, false, NULL, 0,
				       MPOOL_A_VERSION_MAX, version_reply, &v);
		if (!err && !v.got)
			err = -EPROTO;
		if (err)
			err = report_kernel_error("version-get", err, nl);
		mpool_nl_close(nl);
	}

	if (opts->json) {
		struct json j;

		if (err)
			return err;
		json_init(&j, stdout);
		json_obj_begin(&j, NULL);
		json_str(&j, "tool", MEMPOOLCTL_VERSION);
		json_str(&j, "module", v.module);
		json_obj_end(&j);
		json_end_doc(&j);
		return EXIT_OK;
	}
	printf("mempoolctl %s\n", MEMPOOLCTL_VERSION);
	if (err)
		return err;
	printf("mpool.ko %s\n", v.module);
	return EXIT_OK;
}
