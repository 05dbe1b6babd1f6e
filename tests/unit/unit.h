/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A tiny test framework. A test is a void function; CHECK() records why it
 * failed and returns from it, so every test prints exactly one line:
 * "ok - name" or "FAIL - name: why". The last line, "# done", tells run.sh
 * that the binary was not cut short by a crash or a sanitizer.
 */
#ifndef _VRRP_UNIT_H
#define _VRRP_UNIT_H

#include <stdio.h>
#include <stdlib.h>

static char unit_why[256];

#define unit_fail(...)							\
	do {								\
		if (!unit_why[0])					\
			snprintf(unit_why, sizeof(unit_why), __VA_ARGS__); \
	} while (0)

#define CHECK(cond)							\
	do {								\
		if (!(cond)) {						\
			unit_fail("line %d: %s", __LINE__, #cond);	\
			return;						\
		}							\
	} while (0)

/* Integers, with both values in the failure text. */
#define CHECK_EQ(a, b)							\
	do {								\
		unsigned long long _a = (unsigned long long)(a);	\
		unsigned long long _b = (unsigned long long)(b);	\
		if (_a != _b) {						\
			unit_fail("line %d: %s == %s (%llu != %llu)",	\
				  __LINE__, #a, #b, _a, _b);		\
			return;						\
		}							\
	} while (0)

/* Action flags, in hex. */
#define CHECK_ACT(a, b)							\
	do {								\
		unsigned int _a = (a), _b = (b);			\
		if (_a != _b) {						\
			unit_fail("line %d: %s == %s (0x%x != 0x%x)",	\
				  __LINE__, #a, #b, _a, _b);		\
			return;						\
		}							\
	} while (0)

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

#define TEST(name) static void name(void)

struct unit_test {
	const char *name;
	void (*fn)(void);
};

#define T(name) { #name, name }

static inline int unit_run(const struct unit_test *tests, size_t n)
{
	int failed = 0;
	size_t i;

	for (i = 0; i < n; i++) {
		unit_why[0] = '\0';
		tests[i].fn();
		if (unit_why[0]) {
			printf("FAIL - %s: %s\n", tests[i].name, unit_why);
			failed++;
		} else {
			printf("ok - %s\n", tests[i].name);
		}
		fflush(stdout);
	}
	printf("# done\n");
	return failed ? 1 : 0;
}

#define UNIT_MAIN(tests)						\
	int main(void)							\
	{								\
		return unit_run(tests, ARRAY_SIZE(tests));		\
	}

#endif /* _VRRP_UNIT_H */
