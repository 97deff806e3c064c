/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MEMPOOLCTL_H
#define MEMPOOLCTL_H

#include <stdbool.h>

/* Exit codes, documented in mempoolctl.8. */
enum {
	EXIT_OK		= 0,
	EXIT_USAGE	= 1,
	EXIT_KERNEL	= 2,
};

struct options {
	bool json;
};

struct command {
	const char *name;
	const char *usage;
	int (*run)(int argc, char **argv, const struct options *opts);
};

int cmd_version(int argc, char **argv, const struct options *opts);

/* Report a failed kernel request the one way every command does; returns EXIT_KERNEL. */
struct mpool_nl;
int report_kernel_error(const char *what, int err, const struct mpool_nl *nl);

#endif /* MEMPOOLCTL_H */
