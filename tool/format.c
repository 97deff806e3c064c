// SPDX-License-Identifier: GPL-2.0
/* Human formatting and tables; see format.h. */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "format.h"
#include "output.h"
#include "pool.h"

const char *fmt_size(char *buf, size_t len, uint64_t bytes, bool raw)
{
	static const char units[] = "KMGTPE";
	unsigned int u = 0;
	double v;

	if (raw || bytes < 1024) {
		snprintf(buf, len, "%" PRIu64, bytes);
		return buf;
	}
	v = (double)bytes / 1024.0;
	/* Move up a unit whenever rounding would print 1024 of this one. */
	while (u < sizeof(units) - 2 && v >= 1023.5) {
		v /= 1024.0;
		u++;
	}
	if (v < 9.95)
		snprintf(buf, len, "%.1f%c", v, units[u]);
	else
		snprintf(buf, len, "%.0f%c", v, units[u]);
	return buf;
}

const char *fmt_ppm(char *buf, size_t len, uint32_t ppm)
{
	/* Round to nearest tenth of a percent: 1000 ppm per tenth. */
	uint64_t tenths = ((uint64_t)ppm + 500) / 1000;

	snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "%%", tenths / 10, tenths % 10);
	return buf;
}

const char *fmt_pct(char *buf, size_t len, uint64_t a, uint64_t b)
{
	double pct;
	uint64_t tenths;

	if (!b) {
		snprintf(buf, len, "-");
		return buf;
	}
	pct = (double)a * 100.0 / (double)b;
	tenths = (uint64_t)(pct * 10.0 + 0.5);
	snprintf(buf, len, "%" PRIu64 ".%" PRIu64 "%%", tenths / 10, tenths % 10);
	return buf;
}

const char *fmt_usec(char *buf, size_t len, uint64_t usec)
{
	static const struct {
		double scale;
		const char *unit;
	} units[] = {
		{ 1e3, "ms" }, { 1e6, "s" }, { 60e6, "m" }, { 3600e6, "h" }, { 86400e6, "d" },
	};
	unsigned int u;
	double v;

	if (usec < 1000) {
		snprintf(buf, len, "%" PRIu64 "us", usec);
		return buf;
	}
	for (u = 0; u + 1 < sizeof(units) / sizeof(units[0]); u++)
		if ((double)usec < units[u + 1].scale)
			break;
	v = (double)usec / units[u].scale;
	if (v < 9.95)
		snprintf(buf, len, "%.1f%s", v, units[u].unit);
	else
		snprintf(buf, len, "%.0f%s", v, units[u].unit);
	return buf;
}

const char *fmt_nsec(char *buf, size_t len, uint64_t nsec)
{
	double v = (double)nsec / 1e3;

	if (nsec < 1000)
		snprintf(buf, len, "%" PRIu64 "ns", nsec);
	else if (nsec < 1000000 && v < 9.95)
		snprintf(buf, len, "%.1fus", v);
	else if (nsec < 1000000)
		snprintf(buf, len, "%.0fus", v);
	else
		fmt_usec(buf, len, nsec / 1000);
	return buf;
}

const char *fmt_ratio_x100(char *buf, size_t len, uint32_t x100)
{
	if (!x100)
		snprintf(buf, len, "-");
	else
		snprintf(buf, len, "%u.%02ux", x100 / 100, x100 % 100);
	return buf;
}

const char *fmt_rate(char *buf, size_t len, double rate)
{
	if (rate < 0)
		rate = 0;
	if (rate == 0)
		snprintf(buf, len, "0");
	else if (rate < 999.95)
		snprintf(buf, len, "%.1f", rate);
	else
		snprintf(buf, len, "%.0f", rate);
	return buf;
}

const char *fmt_time_ns(char *buf, size_t len, uint64_t ns)
{
	time_t t = (time_t)(ns / 1000000000u);
	struct tm tm;

	if (!ns || !localtime_r(&t, &tm) || !strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm))
		snprintf(buf, len, "%s", ns ? "?" : "never");
	return buf;
}

const char *fmt_flags(char *buf, size_t len, uint32_t flags)
{
	size_t used = 0;
	unsigned int i;

	buf[0] = '\0';
	if (!flags) {
		snprintf(buf, len, "none");
		return buf;
	}
	for (i = 0; i < 32; i++) {
		char hex[16];
		const char *name;
		int n;

		if (!(flags & (1u << i)))
			continue;
		if (i < sizeof(pool_flag_names) / sizeof(pool_flag_names[0])) {
			name = pool_flag_names[i];
		} else {
			snprintf(hex, sizeof(hex), "0x%x", 1u << i);
			name = hex;
		}
		n = snprintf(buf + used, len - used, "%s%s", used ? "," : "", name);
		if (n < 0 || (size_t)n >= len - used)
			break;
		used += (size_t)n;
	}
	return buf;
}

void table_init(struct table *t, unsigned int cols, const char *const *header,
		unsigned int left)
{
	unsigned int i;

	memset(t, 0, sizeof(*t));
	t->cols = cols > TABLE_MAX_COLS ? TABLE_MAX_COLS : cols;
	for (i = 0; i < t->cols; i++)
		t->left[i] = left & (1u << i);
	table_row(t, header);
}

void table_row(struct table *t, const char *const *cells)
{
	unsigned int i;

	if (t->err || !t->cols)
		return;
	if (t->rows == t->cap) {
		unsigned int cap = t->cap ? t->cap * 2 : 16;
		char **p = realloc(t->cells, sizeof(*p) * cap * t->cols);

		if (!p) {
			t->err = 1;
			return;
		}
		t->cells = p;
		t->cap = cap;
	}
	for (i = 0; i < t->cols; i++) {
		char *c = strdup(cells[i] ? cells[i] : "");
		size_t w;

		if (!c) {
			t->err = 1;
			c = NULL;
		}
		t->cells[t->rows * t->cols + i] = c;
		w = c ? strlen(c) : 0;
		if (w > t->width[i])
			t->width[i] = (unsigned int)w;
	}
	t->rows++;
}

void table_print(const struct table *t, FILE *out)
{
	unsigned int r, i;

	for (r = 0; r < t->rows; r++) {
		if (r == 0)
			fputs(col(C_BOLD), out);
		for (i = 0; i < t->cols; i++) {
			const char *c = t->cells[r * t->cols + i];
			int w = (int)t->width[i];

			if (!c)
				c = "";
			if (i)
				fputs("  ", out);
			if (t->left[i] && i + 1 == t->cols)
				fputs(c, out);
			else if (t->left[i])
				fprintf(out, "%-*s", w, c);
			else
				fprintf(out, "%*s", w, c);
		}
		if (r == 0)
			fputs(col(C_RESET), out);
		fputc('\n', out);
	}
}

void table_free(struct table *t)
{
	unsigned int i;

	if (t->cells)
		for (i = 0; i < t->rows * t->cols; i++)
			free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}
