// SPDX-License-Identifier: GPL-2.0
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "parse.h"
#include "test.h"

static uint32_t ms;

static bool dur_ok(const char *s, uint32_t want)
{
	ms = 12345;
	return !parse_duration_ms(s, &ms) && ms == want;
}

static bool dur_bad(const char *s, const char *why)
{
	const char *got = parse_duration_ms(s, &ms);

	return got && strstr(got, why);
}

static void duration_milliseconds(void)
{
	EXPECT(dur_ok("100ms", 100));
	EXPECT(dur_ok("0ms", 0));
	EXPECT(dur_ok("15ms", 15));
}

static void duration_seconds(void)
{
	EXPECT(dur_ok("1s", 1000));
	EXPECT(dur_ok("1.5s", 1500));
	EXPECT(dur_ok("0.1s", 100));
	EXPECT(dur_ok("0.001s", 1));
	EXPECT(dur_ok("2.250s", 2250));
}

/* keepalived's habit: a bare number is seconds. */
static void duration_bare_number_is_seconds(void)
{
	EXPECT(dur_ok("2", 2000));
	EXPECT(dur_ok("0.5", 500));
	EXPECT(dur_ok("0", 0));
}

static void duration_trailing_zeros_below_ms(void)
{
	EXPECT(dur_ok("1.5000s", 1500));
	EXPECT(dur_ok("3.000ms", 3));
}

static void duration_rejects_garbage(void)
{
	EXPECT(dur_bad("", "not a duration"));
	EXPECT(dur_bad("abc", "not a duration"));
	EXPECT(dur_bad("1x", "not a duration"));
	EXPECT(dur_bad("1 s", "not a duration"));
	EXPECT(dur_bad("1.s", "not a duration"));
	EXPECT(dur_bad(".5s", "not a duration"));
	EXPECT(dur_bad("1.5.1s", "not a duration"));
	EXPECT(dur_bad("1sec", "not a duration"));
	EXPECT(dur_bad("1S", "not a duration"));
	EXPECT(dur_bad("ms", "not a duration"));
	EXPECT(dur_bad(" 1s", "not a duration"));
	EXPECT(dur_bad("0x10", "not a duration"));
}

static void duration_rejects_negative(void)
{
	EXPECT(dur_bad("-1s", "not a duration"));
	EXPECT(dur_bad("-100ms", "not a duration"));
	EXPECT(dur_bad("+1s", "not a duration"));
}

static void duration_rejects_sub_millisecond(void)
{
	EXPECT(dur_bad("1.5ms", "finer than a millisecond"));
	EXPECT(dur_bad("0.0001s", "finer than a millisecond"));
	EXPECT(dur_bad("1.0005", "finer than a millisecond"));
}

static void duration_rejects_overflow(void)
{
	EXPECT(dur_ok("4294967295ms", UINT32_MAX));
	EXPECT(dur_bad("4294967296ms", "too large"));
	EXPECT(dur_ok("4294967.295s", UINT32_MAX));
	EXPECT(dur_bad("4294967.296s", "too large"));
	EXPECT(dur_bad("4294968s", "too large"));
	EXPECT(dur_bad("99999999999999999999999s", "too large"));
}

static void uint_accepts_range(void)
{
	uint32_t v;

	EXPECT(!parse_uint("0", 0, 255, &v) && v == 0);
	EXPECT(!parse_uint("255", 0, 255, &v) && v == 255);
	EXPECT(!parse_uint("4294967295", 0, UINT32_MAX, &v) &&
	       v == UINT32_MAX);
}

static void uint_rejects_out_of_range(void)
{
	uint32_t v;

	EXPECT(parse_uint("256", 0, 255, &v));
	EXPECT(parse_uint("0", 1, 255, &v));
	EXPECT(parse_uint("4294967296", 0, UINT32_MAX, &v));
}

static void uint_rejects_garbage(void)
{
	uint32_t v;

	EXPECT(parse_uint("", 0, 255, &v));
	EXPECT(parse_uint("-1", 0, 255, &v));
	EXPECT(parse_uint("+1", 0, 255, &v));
	EXPECT(parse_uint(" 1", 0, 255, &v));
	EXPECT(parse_uint("1 ", 0, 255, &v));
	EXPECT(parse_uint("0x10", 0, 255, &v));
	EXPECT(parse_uint("1.0", 0, 255, &v));
}

/* words: split line (a copy) and join the words with "|", or "ERR". */
static const char *words(const char *line, int max)
{
	static char copy[256], out[256];
	char *w[16];
	int n;

	snprintf(copy, sizeof(copy), "%s", line);
	n = split_words(copy, w, max);
	if (n < 0)
		return "ERR";
	out[0] = '\0';
	for (int i = 0; i < n; i++) {
		strcat(out, i ? "|" : "");
		strcat(out, w[i]);
	}
	return out;
}

static void split_blanks_and_comments(void)
{
	EXPECT(!strcmp(words("add dev eth0 vrid 51\n", 16), "add|dev|eth0|vrid|51"));
	EXPECT(!strcmp(words("  del\tdev  eth0 \r\n", 16), "del|dev|eth0"));
	EXPECT(!strcmp(words("", 16), ""));
	EXPECT(!strcmp(words("   \n", 16), ""));
	EXPECT(!strcmp(words("# add dev eth0", 16), ""));
	EXPECT(!strcmp(words("  # comment", 16), ""));
	EXPECT(!strcmp(words("set vrid 1 # priority 5", 16), "set|vrid|1"));
	/* Only a word that starts with # is a comment. */
	EXPECT(!strcmp(words("dev eth#0", 16), "dev|eth#0"));
}

static void split_quotes(void)
{
	EXPECT(!strcmp(words("script \"pidof nginx\" interval 2s", 16),
		       "script|pidof nginx|interval|2s"));
	EXPECT(!strcmp(words("file '/run/a b' # c", 16), "file|/run/a b"));
	EXPECT(!strcmp(words("x \"a \\\"q\\\" \\\\ b\"", 16), "x|a \"q\" \\ b"));
	EXPECT(!strcmp(words("\"#not a comment\"", 16), "#not a comment"));
	EXPECT(!strcmp(words("a\"b c\"d ''", 16), "ab cd|"));
	EXPECT(!strcmp(words("script \"open", 16), "ERR"));
	EXPECT(!strcmp(words("'open", 16), "ERR"));
}

static void split_counts_words(void)
{
	EXPECT(!strcmp(words("a b c", 3), "a|b|c"));
	EXPECT(!strcmp(words("a b c d", 3), "ERR"));
	EXPECT(!strcmp(words("a b c # d", 3), "a|b|c"));
	/* The bound split_words promises: (n + 1) / 2 words in n characters. */
	EXPECT(!strcmp(words("a b c d e", 5), "a|b|c|d|e"));
}

const struct test parse_tests[] = {
	{ "split: quotes keep blanks and # in a word", split_quotes },
	{ "duration: milliseconds", duration_milliseconds },
	{ "duration: seconds", duration_seconds },
	{ "duration: bare number is seconds", duration_bare_number_is_seconds },
	{ "duration: zeros below a millisecond are fine",
	  duration_trailing_zeros_below_ms },
	{ "duration: garbage is refused", duration_rejects_garbage },
	{ "duration: negative is refused", duration_rejects_negative },
	{ "duration: sub-millisecond is refused",
	  duration_rejects_sub_millisecond },
	{ "duration: overflow is refused", duration_rejects_overflow },
	{ "uint: accepts its range", uint_accepts_range },
	{ "uint: refuses out of range", uint_rejects_out_of_range },
	{ "uint: refuses signs, blanks, hex", uint_rejects_garbage },
	{ "split: blanks and comments", split_blanks_and_comments },
	{ "split: refuses more words than room", split_counts_words },
	{ NULL, NULL },
};
