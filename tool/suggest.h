/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Tuning advice derived from a pool's numbers, for `mempoolctl show`. Pure C.
 */
#ifndef MEMPOOLCTL_SUGGEST_H
#define MEMPOOLCTL_SUGGEST_H

#include "pool.h"

struct suggestion {
	const char *id;		/* stable, for JSON: "magazine-too-small", ... */
	char text[256];
};

#define SUGGEST_MAX 16

/* Allocations below this are too few to judge the magazine or NUMA placement by. */
#define SUGGEST_MIN_ALLOCS 100

/* Internal fragmentation of a buffer pool worth a word: 25% of the granted bytes. */
#define SUGGEST_FRAGMENTATION_PPM 250000

/*
 * Managed pools. Promotions or moves below this are too few to judge survival or
 * pinning by.
 */
#define SUGGEST_MANAGED_MIN_OBJECTS 100
/* Young objects mostly survive: at least this share of those leaving young, promoted. */
#define SUGGEST_SURVIVAL_PCT 50
/* Pinned skips worth a word: at least this many, and this share of the moves tried. */
#define SUGGEST_PINNED_MIN 10
#define SUGGEST_PINNED_PCT 10
/* Old generation judged sparse from this many segments held on. */
#define SUGGEST_OLD_MIN_SEGMENTS 4

/*
 * Cold tier of a managed pool. Refaults (decompressions within a cold age of the
 * compression) judged from this many decompressions on, worth a word from this share.
 */
#define SUGGEST_COLD_MIN_DECOMPRESSIONS 10
#define SUGGEST_COLD_REFAULT_PCT 20
/* Incompressible data: at least this many rejects, and most of the objects tried. */
#define SUGGEST_COLD_MIN_REJECTS 10
#define SUGGEST_COLD_INCOMPRESSIBLE_PCT 50
/* The worker's CPU budget: judged from this many runs, worth a word from this share. */
#define SUGGEST_COLD_MIN_RUNS 10
#define SUGGEST_COLD_BUDGET_PCT 50
/* The worker held on by the high watermark for this many runs since it last started. */
#define SUGGEST_COLD_RUNS_PER_START 100

/*
 * Fill @out with what the numbers of @p (and, for a buffer pool, of its classes @c;
 * NULL otherwise) suggest, most important first; returns how many. Each rule and its
 * threshold is in mempoolctl.8 (SUGGESTIONS).
 */
int suggest(const struct pool *p, const struct class_list *c, struct suggestion *out,
	    int max);

#endif /* MEMPOOLCTL_SUGGEST_H */
