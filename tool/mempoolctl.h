/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MEMPOOLCTL_H
#define MEMPOOLCTL_H

#include <getopt.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "output.h"
#include "parse.h"
#include "pool.h"

/* Exit codes, documented in mempoolctl.8. */
enum {
	EXIT_OK		= 0,
	EXIT_USAGE	= 1,
	EXIT_KERNEL	= 2,
	EXIT_NOMEM	= 3,
};

struct options {
	bool json;
	bool bytes;			/* raw numbers instead of 4.0K */
	enum color_mode color;
};

struct command {
	const char *name;
	const char *usage;
	int (*run)(int argc, char **argv, struct options *opts);
};

int cmd_version(int argc, char **argv, struct options *opts);
int cmd_list(int argc, char **argv, struct options *opts);
int cmd_show(int argc, char **argv, struct options *opts);
int cmd_stats(int argc, char **argv, struct options *opts);
int cmd_top(int argc, char **argv, struct options *opts);
int cmd_warm(int argc, char **argv, struct options *opts);
int cmd_resize(int argc, char **argv, struct options *opts);
int cmd_rebalance(int argc, char **argv, struct options *opts);
int cmd_shrink(int argc, char **argv, struct options *opts);
int cmd_set(int argc, char **argv, struct options *opts);
int cmd_reset(int argc, char **argv, struct options *opts);
int cmd_monitor(int argc, char **argv, struct options *opts);
int cmd_collect(int argc, char **argv, struct options *opts);
int cmd_compress(int argc, char **argv, struct options *opts);

/*
 * Options every command takes, before or after the command name: -j/--json,
 * --bytes, --color=WHEN. Commands put GLOBAL_LONGOPTS in their getopt_long() table
 * and GLOBAL_SHORTOPTS in their short option string, and pass whatever getopt
 * returns that they do not know to global_option().
 */
enum {
	OPT_BYTES = 0x100,
	OPT_COLOR,
	OPT_FIRST_COMMAND_OPT,		/* commands number their long-only options from here */
};

#define GLOBAL_SHORTOPTS "jh"
#define GLOBAL_LONGOPTS							\
	{ "json", no_argument, NULL, 'j' },				\
	{ "bytes", no_argument, NULL, OPT_BYTES },			\
	{ "color", required_argument, NULL, OPT_COLOR },		\
	{ "colour", required_argument, NULL, OPT_COLOR },		\
	{ "help", no_argument, NULL, 'h' }

/*
 * Start a getopt_long() loop over @argv: a full reset of getopt, which reports
 * nothing itself (option strings start with ':'; global_option() says what was
 * wrong).
 */
void getopt_begin(int argc, char **argv);

enum {
	GOPT_HELP = 1,
	GOPT_BAD = 2,
};

/*
 * Handle a global option @c (optarg as getopt left it). Returns 0 when handled,
 * GOPT_HELP for -h (the caller prints its usage to stdout and exits 0), or GOPT_BAD
 * after a message for anything else (unknown options, missing values).
 */
int global_option(int c, struct options *opts);

/*
 * In a command's getopt loop, for an option it does not handle itself: -1 to go on,
 * or the exit status to return now (EXIT_OK after printing usage for -h, EXIT_USAGE
 * after a usage line on stderr). Commands start their loop with getopt_begin() and an
 * option string starting with ":" GLOBAL_SHORTOPTS, and permute, so options may follow the positional arguments.
 */
int command_option(int c, struct options *opts, const char *usage);

/* A command's getopt loop with only the global options; returns as command_option(). */
int parse_plain_options(int argc, char **argv, struct options *opts, const char *usage);

/* Print "mempoolctl: <msg>" and the usage line to stderr; returns EXIT_USAGE. */
__attribute__((format(printf, 2, 3)))
int usage_error(const char *usage, const char *fmt, ...);

/* Print "mempoolctl: out of memory" to stderr; returns EXIT_NOMEM. */
int out_of_memory(void);

/* Parse POOL from the command line; 0, or EXIT_USAGE after a message. */
int pool_arg(const char *s, struct pool_ref *ref, const char *usage);

/* Decide colour once options are known (stdout a TTY, NO_COLOR, TERM). */
void setup_color(const struct options *opts);

/* ---- talking to the kernel (client.c), on top of nl.h ---- */

struct mpool_nl;
struct attr_buf;

/* Report a failed kernel request the one way every command does; returns EXIT_KERNEL. */
int report_kernel_error(const char *what, int err, const struct mpool_nl *nl);

/*
 * Connect; on failure report it (module not loaded: a plain message) and return
 * EXIT_KERNEL. Returns 0 on success.
 */
int client_open(struct mpool_nl **nl);
/* --sort KEY of list and top: 0, or EXIT_USAGE after a message listing the keys. */
int sort_option(const char *arg, enum sort_key *key, const char *usage);

/* Request one pool; returns 0 or EXIT_KERNEL after reporting. */
int client_pool_get(struct mpool_nl *nl, const struct pool_ref *ref, struct pool *p);

struct pool_list {
	unsigned int nr;
	unsigned int cap;
	struct pool *pools;
};

/* Dump every pool, asking again while the kernel flags the dump as interrupted. */
int client_pool_dump(struct mpool_nl *nl, struct pool_list *list);
void pool_list_free(struct pool_list *list);

/* node-stats-get; @m allocated by the caller. Returns 0 or EXIT_KERNEL. */
int client_node_stats(struct mpool_nl *nl, const struct pool_ref *ref, struct node_matrix *m);

/*
 * A mutating request on one pool with the extra attributes of @extra (NULL: none; one
 * that failed to build is reported, not sent): returns 0 or EXIT_KERNEL after
 * reporting. With @value, the reply must carry @reply_attr (a u64 or u32:
 * pool-shrink's released, pool-rebalance's moved), stored there.
 */
int client_pool_cmd(struct mpool_nl *nl, uint8_t cmd, const char *what,
		    const struct pool_ref *ref, const struct attr_buf *extra,
		    int reply_attr, uint64_t *value);

/*
 * pool-collect of generation @gen (MPOOL_GENERATION_YOUNG or _OLD) of a managed pool,
 * what it did in @c. Returns 0 or EXIT_KERNEL after reporting.
 */
int client_pool_collect(struct mpool_nl *nl, const struct pool_ref *ref, uint32_t gen,
			struct collect_result *c);

/*
 * pool-compress of a managed pool's cold tier, up to @bytes of objects (0: no limit);
 * the reply in @c. Returns 0 or EXIT_KERNEL after reporting.
 */
int client_pool_compress(struct mpool_nl *nl, const struct pool_ref *ref, uint64_t bytes,
			 struct compress_result *c);

/* class-get: every class of a buffer pool. Returns 0 or EXIT_KERNEL after reporting. */
int client_class_get(struct mpool_nl *nl, const struct pool_ref *ref, struct class_list *c);

/* How many times a dump is retried when the kernel says it was interrupted. */
#define DUMP_RETRIES 10

/* ---- shared by list and top ---- */

/* A pool as list and top show it: with rates once there are two samples. */
struct pool_row {
	const struct pool *p;
	bool has_rate;
	double allocs_rate;
	double frees_rate;
};

/* Sort by @key: names and ids ascending, everything else descending (then by name). */
void pool_rows_sort(struct pool_row *rows, unsigned int nr, enum sort_key key);

/* The pool table of list (and, with @rates, top): ID NAME OBJSIZE LIVE ... */
void pool_table_print(FILE *out, const struct pool_row *rows, unsigned int nr, bool raw,
		      bool rates);

/* Monotonic seconds. */
double now_sec(void);
/* Page size of this machine (the kernel's: pages are counted there). */
uint64_t page_size(void);

#endif /* MEMPOOLCTL_H */
