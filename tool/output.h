/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Output shared by all commands: a small JSON writer (compact, one document per
 * line) and terminal colour. No netlink here, so host tests link it.
 */
#ifndef MEMPOOLCTL_OUTPUT_H
#define MEMPOOLCTL_OUTPUT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

/* Write @s as a JSON string literal, quotes included. */
void json_write_string(FILE *out, const char *s);

#define JSON_MAX_DEPTH 16

/*
 * A JSON writer: keys are given for members of objects and NULL for elements of
 * arrays; commas are placed by the writer.
 */
struct json {
	FILE *out;
	int depth;
	bool first[JSON_MAX_DEPTH];
};

void json_init(struct json *j, FILE *out);
void json_obj_begin(struct json *j, const char *key);
void json_obj_end(struct json *j);
void json_arr_begin(struct json *j, const char *key);
void json_arr_end(struct json *j);
void json_str(struct json *j, const char *key, const char *v);
void json_u64(struct json *j, const char *key, uint64_t v);
void json_i64(struct json *j, const char *key, int64_t v);
void json_bool(struct json *j, const char *key, bool v);
void json_null(struct json *j, const char *key);
/* A finite number with @decimals digits after the point (NaN and infinities: null). */
void json_double(struct json *j, const char *key, double v, int decimals);
/* Ends the document: a newline, and a flush so pipes see each line at once. */
void json_end_doc(struct json *j);

/* Colour, decided once at start-up (mempoolctl.8: --color). */
enum color {
	C_RESET,
	C_BOLD,
	C_DIM,
	C_RED,
	C_YELLOW,
	C_GREEN,
	C_CYAN,
};

enum color_mode {
	COLOR_AUTO,
	COLOR_ALWAYS,
	COLOR_NEVER,
};

/*
 * Whether colour is on: never with JSON; always/never as asked; auto: when @is_tty
 * and NO_COLOR is unset or empty and TERM is not "dumb".
 */
bool color_decide(enum color_mode mode, bool json, bool is_tty, const char *no_color,
		  const char *term);
void color_enable(bool on);
/* The escape sequence for @c, or "" while colour is off. */
const char *col(enum color c);

#endif /* MEMPOOLCTL_OUTPUT_H */
