// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl: list, inspect and tune mpool pools through the "mpool" generic netlink
 * family. Subcommands live in a plain table; each one is a cmd_*.c file.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <string.h>

#include "mempoolctl.h"
#include "nl.h"

static const struct command commands[] = {
	{ "version", "version", cmd_version },
};

int report_kernel_error(const char *what, int err, const struct mpool_nl *nl)
{
	const char *msg = nl ? mpool_nl_kernel_msg(nl) : NULL;

	if (err == -ENOENT && !nl) {
		fprintf(stderr,
			"mempoolctl: the mpool module is not loaded (no generic netlink family \"mpool\"); load it with 'modprobe mpool'\n");
		return EXIT_KERNEL;
	}
	if (msg)
		fprintf(stderr, "mempoolctl: kernel: %s\n", msg);
	fprintf(stderr, "mempoolctl: %s: %s\n", what, strerror(-err));
	return EXIT_KERNEL;
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out, "usage: mempoolctl [-j|--json] <command> [args]\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n", commands[i].usage);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "json", no_argument, NULL, 'j' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct options opts = { .json = false };
	size_t i;
	int c;

	/* '+': stop at the subcommand, its own options are its business. */
	while ((c = getopt_long(argc, argv, "+jh", longopts, NULL)) != -1) {
		switch (c) {
		case 'j':
			opts.json = true;
			break;
		case 'h':
			usage(stdout);
			return EXIT_OK;
		default:
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[optind], commands[i].name))
			return commands[i].run(argc - optind, argv + optind, &opts);
	}
	fprintf(stderr, "mempoolctl: unknown command '%s'\n", argv[optind]);
	usage(stderr);
	return EXIT_USAGE;
}
