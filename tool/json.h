/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny streaming JSON writer: values are written as they come, commas
 * are placed by remembering, per nesting level, whether a value was
 * already written there. Keys are passed as NULL inside arrays.
 */
#ifndef VRRPADM_JSON_H
#define VRRPADM_JSON_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#define JSON_MAX_DEPTH 8

struct json {
	FILE *f;
	int depth;
	bool need_comma[JSON_MAX_DEPTH];
};

/* -p: every value on a line of its own, indented (default: compact). */
extern bool json_pretty;

void json_init(struct json *j, FILE *f);
void json_obj_open(struct json *j, const char *key);
void json_obj_close(struct json *j);
void json_arr_open(struct json *j, const char *key);
void json_arr_close(struct json *j);
/* A NULL string is written as null. */
void json_str(struct json *j, const char *key, const char *s);
void json_uint(struct json *j, const char *key, uint64_t v);
void json_int(struct json *j, const char *key, int64_t v);
void json_bool(struct json *j, const char *key, bool v);
/* Writes s as a quoted JSON string, invalid UTF-8 replaced by U+FFFD. */
void json_quote(FILE *f, const char *s);

#endif
