/* SPDX-License-Identifier: GPL-2.0 */
#ifndef MEMPOOLCTL_OUTPUT_H
#define MEMPOOLCTL_OUTPUT_H

#include <stdio.h>

/* Write @s as a JSON string literal, quotes included. */
void json_write_string(FILE *out, const char *s);

#endif /* MEMPOOLCTL_OUTPUT_H */
