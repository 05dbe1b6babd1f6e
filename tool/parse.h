/* SPDX-License-Identifier: GPL-2.0 */
#ifndef VRRPADM_PARSE_H
#define VRRPADM_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Prints "Error: ..." on stderr, the one format every failure uses. */
void errorf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/*
 * Until called again with NULL, errorf() says where: "Error: FILE:LINE:
 * ...". The text is not copied.
 */
void errorf_where(const char *where);
/*
 * Until called again with NULL, errorf() keeps its first message in buf
 * (without "Error: ") instead of printing it: for a caller that learns
 * only afterwards where the error was.
 */
void errorf_hold(char *buf, size_t size);
/* path, or stdin for "-" (*name then "<stdin>"); NULL after saying why. */
FILE *open_input(const char *path, const char **name);
/*
 * array (of *cap elements of size bytes), with room for element n: the
 * same, or twice as large and zeroed beyond; NULL if out of memory (array
 * is then still valid).
 */
void *grow_array(void *array, size_t *cap, size_t n, size_t size);
/* "help", "-h" or "--help": what asks a command for its help. */
bool is_help_word(const char *arg);

/*
 * Splits line in place into at most max words, separated by blanks; a "#"
 * that starts a word starts a comment. As in the shell, "..." (where \"
 * and \\ stand for " and \) and '...' quote blanks and "#" into a word.
 * Returns the number of words, or SPLIT_TOO_MANY if there are more than
 * max (a line of n characters has at most (n + 1) / 2), or
 * SPLIT_UNTERMINATED; split_error() says which in words.
 */
#define SPLIT_TOO_MANY		(-1)
#define SPLIT_UNTERMINATED	(-2)
int split_words(char *line, char **words, int max);
const char *split_error(int ret);

/*
 * "100ms", "1.5s", "0.1s", or a bare number of seconds. Returns NULL and
 * stores milliseconds, or returns why the text is not a duration.
 */
const char *parse_duration_ms(const char *s, uint32_t *ms);

/* A plain decimal number in [min, max]; 0 on success, -1 otherwise. */
int parse_uint(const char *s, uint32_t min, uint32_t max, uint32_t *out);

#endif
