// SPDX-License-Identifier: GPL-2.0
/* Output formatting shared by all commands; no netlink here, so host tests can link it. */
#include <inttypes.h>
#include <math.h>
#include <string.h>

#include "output.h"

void json_write_string(FILE *out, const char *s)
{
	const unsigned char *p;

	fputc('"', out);
	for (p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '"':
			fputs("\\\"", out);
			break;
		case '\\':
			fputs("\\\\", out);
			break;
		case '\n':
			fputs("\\n", out);
			break;
		case '\t':
			fputs("\\t", out);
			break;
		default:
			/*
			 * Controls, and bytes above ASCII too: names are ASCII, and a
			 * stray byte would not be valid UTF-8.
			 */
			if (*p < 0x20 || *p >= 0x7f)
				fprintf(out, "\\u%04x", *p);
			else
				fputc(*p, out);
		}
	}
	fputc('"', out);
}

void json_init(struct json *j, FILE *out)
{
	memset(j, 0, sizeof(*j));
	j->out = out;
	j->first[0] = true;
}

/* Comma and key before a value. */
static void json_member(struct json *j, const char *key)
{
	if (!j->first[j->depth])
		fputc(',', j->out);
	j->first[j->depth] = false;
	if (key) {
		json_write_string(j->out, key);
		fputc(':', j->out);
	}
}

static void json_open(struct json *j, const char *key, char c)
{
	json_member(j, key);
	fputc(c, j->out);
	if (j->depth < JSON_MAX_DEPTH - 1)
		j->depth++;
	j->first[j->depth] = true;
}

static void json_close(struct json *j, char c)
{
	fputc(c, j->out);
	if (j->depth > 0)
		j->depth--;
}

void json_obj_begin(struct json *j, const char *key)
{
	json_open(j, key, '{');
}

void json_obj_end(struct json *j)
{
	json_close(j, '}');
}

void json_arr_begin(struct json *j, const char *key)
{
	json_open(j, key, '[');
}

void json_arr_end(struct json *j)
{
	json_close(j, ']');
}

void json_str(struct json *j, const char *key, const char *v)
{
	json_member(j, key);
	json_write_string(j->out, v);
}

void json_u64(struct json *j, const char *key, uint64_t v)
{
	json_member(j, key);
	fprintf(j->out, "%" PRIu64, v);
}

void json_i64(struct json *j, const char *key, int64_t v)
{
	json_member(j, key);
	fprintf(j->out, "%" PRId64, v);
}

void json_bool(struct json *j, const char *key, bool v)
{
	json_member(j, key);
	fputs(v ? "true" : "false", j->out);
}

void json_null(struct json *j, const char *key)
{
	json_member(j, key);
	fputs("null", j->out);
}

void json_double(struct json *j, const char *key, double v, int decimals)
{
	json_member(j, key);
	if (!isfinite(v))
		fputs("null", j->out);
	else
		fprintf(j->out, "%.*f", decimals, v);
}

void json_end_doc(struct json *j)
{
	fputc('\n', j->out);
	fflush(j->out);
	json_init(j, j->out);
}

static bool color_on;

bool color_decide(enum color_mode mode, bool json, bool is_tty, const char *no_color,
		  const char *term)
{
	if (json || mode == COLOR_NEVER)
		return false;
	if (mode == COLOR_ALWAYS)
		return true;
	if (no_color && *no_color)
		return false;
	if (term && !strcmp(term, "dumb"))
		return false;
	return is_tty;
}

void color_enable(bool on)
{
	color_on = on;
}

const char *col(enum color c)
{
	static const char *const seq[] = {
		[C_RESET] = "\033[0m",
		[C_BOLD] = "\033[1m",
		[C_DIM] = "\033[2m",
		[C_RED] = "\033[31m",
		[C_YELLOW] = "\033[33m",
		[C_GREEN] = "\033[32m",
		[C_CYAN] = "\033[36m",
	};

	return color_on ? seq[c] : "";
}
