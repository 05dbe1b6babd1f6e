// SPDX-License-Identifier: GPL-2.0
/* Runs every table of tests; exit status 1 if any failed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "test.h"

static const struct test *const suites[] = {
	parse_tests, family_tests, config_tests, json_tests,
	ack_tests, attrs_tests, netlink_tests, show_tests, monitor_tests,
	notify_tests, track_tests, check_tests, apply_tests, prom_tests,
	import_tests,
};

static bool failed, skipped;
static char reason[512];

void test_fail(const char *file, int line, const char *what)
{
	if (failed)
		return;
	failed = true;
	snprintf(reason, sizeof(reason), "%s:%d: %s", file, line, what);
}

void test_skip(const char *why)
{
	skipped = true;
	snprintf(reason, sizeof(reason), "%s", why);
}

static int saved_fd = -1;
static FILE *capture_file;
static char captured[4096];

static int captured_fd;

void capture_start_fd(int fd)
{
	fflush(NULL);
	captured_fd = fd;
	capture_file = tmpfile();
	saved_fd = dup(fd);
	dup2(fileno(capture_file), fd);
}

void capture_start(void)
{
	capture_start_fd(STDERR_FILENO);
}

const char *capture_end(void)
{
	size_t n;

	fflush(NULL);
	dup2(saved_fd, captured_fd);
	close(saved_fd);
	rewind(capture_file);
	n = fread(captured, 1, sizeof(captured) - 1, capture_file);
	captured[n] = '\0';
	fclose(capture_file);
	return captured;
}

int main(void)
{
	int pass = 0, fail = 0, skip = 0;

	for (size_t s = 0; s < sizeof(suites) / sizeof(suites[0]); s++) {
		for (const struct test *t = suites[s]; t->name; t++) {
			failed = skipped = false;
			t->fn();
			if (failed) {
				printf("FAIL %s: %s\n", t->name, reason);
				fail++;
			} else if (skipped) {
				printf("SKIP %s: %s\n", t->name, reason);
				skip++;
			} else {
				printf("PASS %s\n", t->name);
				pass++;
			}
		}
	}
	if (skip)
		printf("%d passed, %d failed, %d skipped\n", pass, fail, skip);
	else
		printf("%d passed, %d failed\n", pass, fail);
	return fail ? 1 : 0;
}
