// SPDX-License-Identifier: GPL-2.0
/*
 * mempoolctl: list, inspect and tune mpool pools through the "mpool" generic netlink
 * family. Subcommands live in a plain table; each one is a cmd_*.c file.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "mempoolctl.h"

static const struct command commands[] = {
	{ "list", "list [--sort KEY] [--names]", cmd_list },
	{ "show", "show POOL", cmd_show },
	{ "stats", "stats POOL [--watch SECONDS [--count N]]", cmd_stats },
	{ "top", "top [--sort KEY] [--delay SECONDS] [--iterations N | --once]", cmd_top },
	{ "warm", "warm POOL COUNT [--node N] [--class SIZE] | warm POOL --memory SIZE", cmd_warm },
	{ "shrink", "shrink POOL", cmd_shrink },
	{ "set", "set POOL KEY=VALUE... (min-objects, max-objects, magazine-size, poison, adaptive, adapt-interval, adapt-rebalance; managed: promote-after, young-interval, old-interval, old-sparse-pct, cold-age, cold-high-pct, cold-low-pct, cold-min-saving-pct, cold-interval, cold-cpu-pct, cold-permanent)",
	  cmd_set },
	{ "resize", "resize POOL --class SIZE [--min N] [--max N|none]", cmd_resize },
	{ "rebalance", "rebalance POOL --from N --to M [--count N] [--class SIZE]",
	  cmd_rebalance },
	{ "reset", "reset POOL", cmd_reset },
	{ "collect", "collect POOL [--gen young|old]", cmd_collect },
	{ "compress", "compress POOL [BYTES]", cmd_compress },
	{ "monitor", "monitor [POOL] [--count N] [--timeout SECONDS]", cmd_monitor },
	{ "version", "version", cmd_version },
};

/* The arguments getopt is working on, for messages about them. */
static int cur_argc;
static char **cur_argv;

void getopt_begin(int argc, char **argv)
{
	cur_argc = argc;
	cur_argv = argv;
	optind = 0;	/* a full reset, for each command's own parse */
	opterr = 0;	/* global_option() says what was wrong */
}

static const char *argv_at(int i)
{
	return i > 0 && i < cur_argc ? cur_argv[i] : "?";
}

int global_option(int c, struct options *opts)
{
	const char *arg;

	switch (c) {
	case 'j':
		opts->json = true;
		return 0;
	case OPT_BYTES:
		opts->bytes = true;
		return 0;
	case OPT_COLOR:
		if (!strcmp(optarg, "auto")) {
			opts->color = COLOR_AUTO;
		} else if (!strcmp(optarg, "always")) {
			opts->color = COLOR_ALWAYS;
		} else if (!strcmp(optarg, "never")) {
			opts->color = COLOR_NEVER;
		} else {
			fprintf(stderr, "mempoolctl: --color: auto, always or never, not '%s'\n",
				optarg);
			return GOPT_BAD;
		}
		return 0;
	case 'h':
		return GOPT_HELP;
	case ':':
		fprintf(stderr, "mempoolctl: option '%s' needs a value\n", argv_at(optind - 1));
		return GOPT_BAD;
	default:
		arg = argv_at(optind - 1);
		if (arg[0] == '-' && arg[1] >= '0' && arg[1] <= '9')
			fprintf(stderr, "mempoolctl: '%s': numbers cannot be negative\n", arg);
		else
			fprintf(stderr, "mempoolctl: unknown option '%s'\n", arg);
		return GOPT_BAD;
	}
}

int usage_error(const char *usage, const char *fmt, ...)
{
	va_list ap;

	fputs("mempoolctl: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nusage: mempoolctl %s\n", usage);
	return EXIT_USAGE;
}

int out_of_memory(void)
{
	fputs("mempoolctl: out of memory\n", stderr);
	return EXIT_NOMEM;
}

int parse_plain_options(int argc, char **argv, struct options *opts, const char *usage)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	int c, ret;

	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, ":" GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		ret = command_option(c, opts, usage);
		if (ret >= 0)
			return ret;
	}
	return -1;
}

int command_option(int c, struct options *opts, const char *usage)
{
	int ret = global_option(c, opts);

	if (ret == GOPT_HELP) {
		printf("usage: mempoolctl %s\n", usage);
		return EXIT_OK;
	}
	if (ret) {
		fprintf(stderr, "usage: mempoolctl %s\n", usage);
		return EXIT_USAGE;
	}
	return -1;
}

int pool_arg(const char *s, struct pool_ref *ref, const char *usage)
{
	char err[128];

	if (parse_pool_ref(s, ref, err, sizeof(err)))
		return usage_error(usage, "%s", err);
	return 0;
}

void setup_color(const struct options *opts)
{
	color_enable(color_decide(opts->color, opts->json, isatty(STDOUT_FILENO),
				  getenv("NO_COLOR"), getenv("TERM")));
}

static void usage(FILE *out)
{
	size_t i;

	fprintf(out,
		"usage: mempoolctl [-j|--json] [--bytes] [--color=WHEN] <command> [args]\n\n"
		"POOL is a pool name or id:N.\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(out, "  %s\n", commands[i].usage);
	fprintf(out, "\nSee mempoolctl(8).\n");
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		GLOBAL_LONGOPTS,
		{ NULL, 0, NULL, 0 },
	};
	struct options opts = { .json = false, .bytes = false, .color = COLOR_AUTO };
	size_t i;
	int c, ret;

	/* '+': stop at the subcommand, its own options are its business. */
	getopt_begin(argc, argv);
	while ((c = getopt_long(argc, argv, "+:" GLOBAL_SHORTOPTS, longopts, NULL)) != -1) {
		ret = global_option(c, &opts);
		if (ret == GOPT_HELP) {
			usage(stdout);
			return EXIT_OK;
		}
		if (ret) {
			usage(stderr);
			return EXIT_USAGE;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return EXIT_USAGE;
	}

	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++) {
		if (!strcmp(argv[optind], commands[i].name)) {
			argc -= optind;
			argv += optind;
			return commands[i].run(argc, argv, &opts);
		}
	}
	fprintf(stderr, "mempoolctl: unknown command '%s'\n", argv[optind]);
	usage(stderr);
	return EXIT_USAGE;
}
