/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Human formatting of numbers (sizes, percentages, durations, times, flags) and
 * aligned tables. Pure C, unit-tested on the host.
 */
#ifndef MEMPOOLCTL_FORMAT_H
#define MEMPOOLCTL_FORMAT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define FMT_LEN 32

/*
 * Bytes in binary units as ls -h writes them: "0", "1023", "4.0K", "1.5K", "12K",
 * "1.2M", ... up to "E"; one decimal below 10 of a unit, rounded to nearest. With
 * @raw, the plain decimal number.
 */
const char *fmt_size(char *buf, size_t len, uint64_t bytes, bool raw);
/* Parts per million as a percentage with one decimal: "99.5%". */
const char *fmt_ppm(char *buf, size_t len, uint32_t ppm);
/* A ratio a/b as a percentage with one decimal, "-" when b is 0. */
const char *fmt_pct(char *buf, size_t len, uint64_t a, uint64_t b);
/* Microseconds as "0us", "512us", "1.0ms", "16ms", "2.1s", "3.0m", "1.5h", "2.0d". */
const char *fmt_usec(char *buf, size_t len, uint64_t usec);
/* Nanoseconds: "0ns", "512ns", "1.0us", "16us", then as fmt_usec() from 1 ms. */
const char *fmt_nsec(char *buf, size_t len, uint64_t nsec);
/* A ratio in hundredths as "3.52x"; "-" for 0 (nothing to compare). */
const char *fmt_ratio_x100(char *buf, size_t len, uint32_t x100);
/* A rate per second: "0", "12.5", "1234" (no decimals from 1000 on). */
const char *fmt_rate(char *buf, size_t len, double rate);
/* CLOCK_REALTIME nanoseconds as local "YYYY-MM-DD HH:MM:SS", or "never" for 0. */
const char *fmt_time_ns(char *buf, size_t len, uint64_t ns);
/* Pool flags as "poison,track", "none" for 0; unknown bits as hex ("0x10"). */
const char *fmt_flags(char *buf, size_t len, uint32_t flags);

/*
 * A table: cells are copied in row by row; print pads each column to its widest
 * cell (left-aligned where the header says so, right otherwise). A header row is
 * printed in bold when colour is on.
 */
#define TABLE_MAX_COLS 16

struct table {
	unsigned int cols;
	unsigned int rows;		/* header included */
	unsigned int cap;
	char **cells;			/* rows * cols strings */
	bool left[TABLE_MAX_COLS];
	unsigned int width[TABLE_MAX_COLS];
	int err;
};

/* Begins with the header row; @left: bit i set for left-aligned column i. */
void table_init(struct table *t, unsigned int cols, const char *const *header,
		unsigned int left);
/* Adds one row of t->cols cells. */
void table_row(struct table *t, const char *const *cells);
void table_print(const struct table *t, FILE *out);
void table_free(struct table *t);

#endif /* MEMPOOLCTL_FORMAT_H */
