// SPDX-License-Identifier: GPL-2.0
/*
 * Parsing of the small value types on the command line. Nothing here
 * prints except errorf(): callers know which keyword a value belongs to and
 * say so in the message.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"

static const char *error_where;
static char *held;
static size_t held_size;

void errorf_where(const char *where)
{
	error_where = where;
}

FILE *open_input(const char *path, const char **name)
{
	FILE *f;

	if (!strcmp(path, "-")) {
		*name = "<stdin>";
		return stdin;
	}
	*name = path;
	f = fopen(path, "r");
	if (!f)
		errorf("cannot open %s: %s", path, strerror(errno));
	return f;
}

void *grow_array(void *array, size_t *cap, size_t n, size_t size)
{
	void *more;
	size_t c;

	if (n < *cap)
		return array;
	c = *cap ? 2 * *cap : 16;
	more = realloc(array, c * size);
	if (!more)
		return NULL;
	memset((char *)more + *cap * size, 0, (c - *cap) * size);
	*cap = c;
	return more;
}

bool is_help_word(const char *arg)
{
	return !strcmp(arg, "help") || !strcmp(arg, "-h") ||
	       !strcmp(arg, "--help");
}

void errorf_hold(char *buf, size_t size)
{
	held = buf;
	held_size = size;
	if (buf && size)
		buf[0] = '\0';
}

void errorf(const char *fmt, ...)
{
	va_list ap;

	if (held) {
		/* The first error is the one that matters. */
		if (!held[0]) {
			va_start(ap, fmt);
			vsnprintf(held, held_size, fmt, ap);
			va_end(ap);
		}
		return;
	}
	fputs("Error: ", stderr);
	if (error_where)
		fprintf(stderr, "%s: ", error_where);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

int split_words(char *line, char **words, int max)
{
	char *p = line, *out;
	char quote;

	for (int n = 0;; n++) {
		while (is_blank(*p))
			p++;
		if (!*p || *p == '#')
			return n;
		if (n == max)
			return SPLIT_TOO_MANY;
		/* Unquoted in place: the word never grows. */
		words[n] = out = p;
		while (*p && !is_blank(*p)) {
			if (*p != '"' && *p != '\'')  {
				*out++ = *p++;
				continue;
			}
			quote = *p++;
			while (*p && *p != quote) {
				if (quote == '"' && *p == '\\' &&
				    (p[1] == '"' || p[1] == '\\'))
					p++;
				*out++ = *p++;
			}
			if (!*p)
				return SPLIT_UNTERMINATED;
			p++;
		}
		if (*p)
			p++;
		*out = '\0';
	}
}

const char *split_error(int ret)
{
	return ret == SPLIT_UNTERMINATED ? "a quote is not closed" :
					   "too many words";
}

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * Reads a run of decimal digits into *val, failing on overflow past max.
 * strtoul is avoided on purpose: it takes signs, blanks and hex.
 */
static const char *read_digits(const char *s, uint64_t max, uint64_t *val)
{
	uint64_t v = 0;

	for (; is_digit(*s); s++) {
		v = v * 10 + (uint64_t)(*s - '0');
		if (v > max)
			return NULL;
	}
	*val = v;
	return s;
}

int parse_uint(const char *s, uint32_t min, uint32_t max, uint32_t *out)
{
	const char *end;
	uint64_t v;

	if (!is_digit(*s))
		return -1;
	end = read_digits(s, max, &v);
	if (!end || *end || v < min)
		return -1;
	*out = (uint32_t)v;
	return 0;
}

/*
 * The fraction is kept as text and folded in digit by digit, so "0.1s"
 * is exactly 100ms and never a floating point 99.999...
 */
const char *parse_duration_ms(const char *s, uint32_t *ms)
{
	const char *frac = NULL, *p;
	uint64_t whole, scale, total, frac_ms = 0;
	size_t nfrac = 0;

	if (!is_digit(*s))
		return "not a duration (expected e.g. 100ms, 1.5s or 2)";
	p = read_digits(s, UINT32_MAX, &whole);
	if (!p)
		return "too large";
	if (*p == '.') {
		frac = ++p;
		while (is_digit(*p))
			p++;
		nfrac = (size_t)(p - frac);
		if (!nfrac)
			return "not a duration (expected e.g. 100ms, 1.5s or 2)";
	}
	if (!strcmp(p, "ms"))
		scale = 0;
	else if (!strcmp(p, "s") || !*p)
		scale = 3;
	else
		return "not a duration (expected e.g. 100ms, 1.5s or 2)";

	/* The first `scale` fraction digits are whole milliseconds. */
	for (size_t i = 0; i < scale; i++)
		frac_ms = frac_ms * 10 + (i < nfrac ? (uint64_t)(frac[i] - '0') : 0);
	for (size_t i = scale; i < nfrac; i++)
		if (frac[i] != '0')
			return "finer than a millisecond";

	total = whole * (scale ? 1000 : 1) + frac_ms;
	if (total > UINT32_MAX)
		return "too large";
	*ms = (uint32_t)total;
	return NULL;
}
