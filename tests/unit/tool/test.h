/* SPDX-License-Identifier: GPL-2.0 */
/*
 * A minimal test harness: one line per test, then "N passed, N failed".
 * Each test file exports a NULL-terminated table of tests.
 */
#ifndef VRRPADM_TEST_H
#define VRRPADM_TEST_H

#include <stdbool.h>

struct test {
	const char *name;
	void (*fn)(void);
};

/* Marks the running test failed; the first reason is printed. */
void test_fail(const char *file, int line, const char *what);
/* Marks the running test skipped (something the host lacks). */
void test_skip(const char *why);

#define EXPECT(cond)							\
	do {								\
		if (!(cond))						\
			test_fail(__FILE__, __LINE__, #cond);		\
	} while (0)

/* stderr goes to a buffer between these, so messages can be checked. */
void capture_start(void);
/* The same for any descriptor, e.g. STDOUT_FILENO for printed output. */
void capture_start_fd(int fd);
const char *capture_end(void);

extern const struct test parse_tests[];
extern const struct test family_tests[];
extern const struct test config_tests[];
extern const struct test json_tests[];
extern const struct test ack_tests[];
extern const struct test attrs_tests[];
extern const struct test netlink_tests[];
extern const struct test show_tests[];
extern const struct test monitor_tests[];
extern const struct test notify_tests[];
extern const struct test track_tests[];
extern const struct test check_tests[];
extern const struct test apply_tests[];
extern const struct test prom_tests[];
extern const struct test import_tests[];

#endif
