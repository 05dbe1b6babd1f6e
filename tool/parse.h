/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VRRPADM_PARSE_H
#define VRRPADM_PARSE_H

#include <stdint.h>

/* Prints "Error: ..." on stderr, the one format every failure uses. */
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Until called again with NULL, errorf() says where: "Error: FILE:LINE:
 * ...". The text is not copied.
 */
void errorf_where(const char *where);

/*
 * Splits line in place into at most max words, separated by blanks; a "#"
 * that starts a word starts a comment. Returns the number of words, or -1
 * if there are more than max: a line of n characters has at most
 * (n + 1) / 2.
 */
int split_words(char *line, char **words, int max);

/*
 * "100ms", "1.5s", "0.1s", or a bare number of seconds. Returns NULL and
 * stores milliseconds, or returns why the text is not a duration.
 */
const char *parse_duration_ms(const char *s, uint32_t *ms);

/* A plain decimal number in [min, max]; 0 on success, -1 otherwise. */
int parse_uint(const char *s, uint32_t min, uint32_t max, uint32_t *out);

#endif
