// SPDX-License-Identifier: GPL-2.0
/*
 * check's decisions, away from processes and clocks: its command line,
 * the lease, the rise/fall counter, what a tracked file's text is worth,
 * and which processes are the one named.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vrrp.h>

#include "health.h"
#include "probe.h"
#include "test.h"

static struct probe p;
static const char *err;

/* Splits s on "|", so that a command may hold spaces. */
static int parse(const char *s)
{
	static char buf[256];
	char *argv[16];
	int argc = 0, ret;

	snprintf(buf, sizeof(buf), "%s", s);
	for (char *w = strtok(buf, "|"); w && argc < 16; w = strtok(NULL, "|"))
		argv[argc++] = w;
	capture_start();
	ret = probe_parse(&p, argc, argv);
	err = capture_end();
	return ret;
}

static bool refused(const char *s, const char *why)
{
	return parse(s) == -1 && strstr(err, why);
}

static void script_defaults(void)
{
	EXPECT(parse("web|script|curl -fs http://192.0.2.10/") == 0);
	EXPECT(!strcmp(p.name, "web") && p.kind == PROBE_SCRIPT);
	EXPECT(!strcmp(p.what, "curl -fs http://192.0.2.10/"));
	EXPECT(p.interval_ms == 1000 && p.timeout_ms == 1000);
	EXPECT(p.rise == 1 && p.fall == 1);
	EXPECT(probe_lease_ms(&p) == 4000);
}

static void script_options(void)
{
	EXPECT(parse("web|script|true|interval|200ms|timeout|2s|rise|3|fall|2") == 0);
	EXPECT(p.interval_ms == 200 && p.timeout_ms == 2000);
	EXPECT(p.rise == 3 && p.fall == 2);
	EXPECT(probe_lease_ms(&p) == 2600);
	/* The timeout follows the interval unless given. */
	EXPECT(parse("web|script|true|interval|500ms") == 0);
	EXPECT(p.timeout_ms == 500 && probe_lease_ms(&p) == 2000);
	EXPECT(parse("web|script|true|fall|4|interval|2") == 0);
	EXPECT(p.interval_ms == 2000 && p.fall == 4);
}

static void process_and_file(void)
{
	EXPECT(parse("web|process|nginx|rise|2") == 0);
	EXPECT(p.kind == PROBE_PROCESS && !strcmp(p.what, "nginx"));
	EXPECT(p.rise == 2 && p.timeout_ms == p.interval_ms);
	EXPECT(parse("web|file|/run/web.weight|interval|100ms") == 0);
	EXPECT(p.kind == PROBE_FILE && !strcmp(p.what, "/run/web.weight"));
	EXPECT(probe_lease_ms(&p) == 400);
}

static void options_by_kind(void)
{
	EXPECT(refused("web|process|nginx|timeout|1s",
		       "\"timeout\" is not for process checks"));
	EXPECT(refused("web|file|/x|rise|2", "\"rise\" is not for file checks"));
	EXPECT(refused("web|file|/x|fall|2", "\"fall\" is not for file checks"));
	EXPECT(refused("web|file|/x|timeout|1s", "\"timeout\" is not for file checks"));
}

static void usage_errors(void)
{
	EXPECT(refused("", "check needs a name"));
	EXPECT(refused("web", "check needs a name, then script"));
	EXPECT(refused("a/b|script|true", "invalid name \"a/b\""));
	EXPECT(refused("web|ping|192.0.2.1", "unknown check \"ping\""));
	EXPECT(refused("web|script", "\"script\" needs a value"));
	EXPECT(refused("web|process", "\"process\" needs a value"));
	EXPECT(refused("web|process|/usr/sbin/nginx", "a name, not a path"));
	EXPECT(refused("web|script|true|interval", "\"interval\" needs a value"));
	EXPECT(refused("web|script|true|interval|0", "invalid interval \"0\": at least 10ms"));
	EXPECT(refused("web|script|true|interval|9ms", "at least 10ms"));
	EXPECT(refused("web|script|true|interval|1x", "invalid interval \"1x\""));
	EXPECT(refused("web|script|true|timeout|5ms", "invalid timeout \"5ms\""));
	EXPECT(refused("web|script|true|rise|0", "invalid rise \"0\" (expected 1-1000000)"));
	EXPECT(refused("web|script|true|fall|-1", "invalid fall \"-1\""));
	EXPECT(refused("web|script|true|rise|1|rise|2", "\"rise\" is given twice"));
	EXPECT(refused("web|script|true|weight|2", "unknown argument \"weight\""));
	EXPECT(!strncmp(err, "Error: ", 7));
}

/* Every SET carries the lease: it must be one the kernel takes. */
static void lease_fits_the_kernel(void)
{
	EXPECT(parse("web|script|true|interval|900s") == 0);
	EXPECT(probe_lease_ms(&p) == VRRP_TRACK_LEASE_MS_MAX);
	EXPECT(refused("web|script|true|interval|900s|timeout|901s",
		       "the lease, 3 x interval + timeout, is at most 3600s"));
	EXPECT(refused("web|process|x|interval|901s", "at most 3600s"));
	/* Large enough to overflow 3 x interval in 32 bits. */
	EXPECT(refused("web|script|true|interval|2000000s", "at most 3600s"));
}

static void help_anywhere(void)
{
	EXPECT(parse("help") == PROBE_HELP);
	EXPECT(parse("web|help") == PROBE_HELP);
	EXPECT(parse("web|script|true|help") == PROBE_HELP);
	EXPECT(parse("web|script|true|rise|2|help") == PROBE_HELP);
	/* The command is a value, not a keyword. */
	EXPECT(parse("web|script|help") == 0 && !strcmp(p.what, "help"));
}

/* Feeds the results in s ("+" pass, "-" fail); the states after each. */
static const char *run(uint32_t rise, uint32_t fall, const char *s)
{
	static char out[64];
	struct rise_fall rf;
	size_t n = 0;

	rise_fall_init(&rf, rise, fall);
	for (; *s && n < sizeof(out) - 1; s++) {
		bool changed = rise_fall_feed(&rf, *s == '+');

		/* Upper case where the state was set or changed. */
		out[n++] = rf.up ? (changed ? 'U' : 'u') : (changed ? 'D' : 'd');
	}
	out[n] = '\0';
	return out;
}

static void rise_fall_first_result_decides(void)
{
	EXPECT(!strcmp(run(3, 3, "+"), "U"));
	EXPECT(!strcmp(run(3, 3, "-"), "D"));
}

static void rise_fall_one_one(void)
{
	EXPECT(!strcmp(run(1, 1, "++-+--+"), "UuDUDdU"));
}

static void rise_fall_needs_runs(void)
{
	/* fall 2: one failure is not enough, two in a row are. */
	EXPECT(!strcmp(run(1, 2, "+-+-+--"), "UuuuuuD"));
	/* rise 3: a failure in between starts the count again. */
	EXPECT(!strcmp(run(3, 1, "-++-+++"), "DdddddU"));
	EXPECT(!strcmp(run(2, 2, "+--++--"), "UuDdUuD"));
}

static void rise_fall_run_restarts_after_change(void)
{
	/* After going down, the failures that did it do not count for rise. */
	EXPECT(!strcmp(run(2, 2, "+---++"), "UuDddU"));
	/* Results that agree with the state clear a partial run. */
	EXPECT(!strcmp(run(1, 3, "+--+--+---"), "UuuuuuuuuD"));
}

static bool file_is(const char *text, enum file_value want, int32_t value)
{
	int32_t v = 99;

	return probe_file_value(text, &v) == want && v == value;
}

/* keepalived's process_track_file(): strtol(buf, NULL, 0). */
static void file_values(void)
{
	EXPECT(file_is("5\n", FILE_NUMBER, 5));
	EXPECT(file_is("0", FILE_NUMBER, 0));
	EXPECT(file_is("-10", FILE_NUMBER, -10));
	EXPECT(file_is("  +7 trailing words\n", FILE_NUMBER, 7));
	EXPECT(file_is("12abc", FILE_NUMBER, 12));
	EXPECT(file_is("0x10", FILE_NUMBER, 16));
	EXPECT(file_is("010", FILE_NUMBER, 8));
}

static void file_clamped(void)
{
	EXPECT(file_is("254", FILE_NUMBER, 254));
	EXPECT(file_is("255", FILE_NUMBER, 254));
	EXPECT(file_is("100000", FILE_NUMBER, 254));
	EXPECT(file_is("-254", FILE_NUMBER, -254));
	EXPECT(file_is("-2147483648", FILE_NUMBER, -254));
	EXPECT(file_is("2147483647", FILE_NUMBER, 254));
}

static void file_no_number_is_zero(void)
{
	EXPECT(file_is("", FILE_NOT_NUMBER, 0));
	EXPECT(file_is("\n", FILE_NOT_NUMBER, 0));
	EXPECT(file_is("up", FILE_NOT_NUMBER, 0));
	EXPECT(file_is("-", FILE_NOT_NUMBER, 0));
}

static void file_beyond_32_bits_ignored(void)
{
	/* The value is left as it was: 99 here. */
	EXPECT(file_is("2147483648", FILE_OUT_OF_RANGE, 99));
	EXPECT(file_is("-2147483649", FILE_OUT_OF_RANGE, 99));
	EXPECT(file_is("99999999999999999999999", FILE_OUT_OF_RANGE, 99));
}

static bool stat_comm(const char *text, const char *want)
{
	char buf[256];
	const char *comm = NULL;
	bool ok;

	snprintf(buf, sizeof(buf), "%s", text);
	ok = probe_stat_comm(buf, &comm);
	return want ? ok && !strcmp(comm, want) : !ok;
}

static void proc_stat(void)
{
	EXPECT(stat_comm("123 (nginx) S 1 123 123 0 -1", "nginx"));
	EXPECT(stat_comm("123 (Web Content) R 1 2", "Web Content"));
	EXPECT(stat_comm("123 (a) b) S 1 2", "a) b"));
	EXPECT(stat_comm("123 (nginx) D 1", "nginx"));
	EXPECT(stat_comm("123 (nginx) Z 1 123", NULL));
	EXPECT(stat_comm("123 (nginx) X 1 123", NULL));
	EXPECT(stat_comm("123 nginx S", NULL));
	EXPECT(stat_comm("123 (nginx)", NULL));
	EXPECT(stat_comm("", NULL));
}

static void process_names(void)
{
	static const char args[] = "/usr/sbin/nginx\0-g\0daemon off;";
	static const char renamed[] = "nginx: worker process";

	EXPECT(probe_is_named("nginx", args, sizeof(args), "nginx"));
	/* exec -a: argv[0] is the name, comm is the binary's. */
	EXPECT(probe_is_named("sleep", "vrrp-web\0" "100", 13, "vrrp-web"));
	EXPECT(probe_is_named("sleep", "/x/vrrp-web\0" "100", 16, "vrrp-web"));
	/* comm stops at 15 bytes; argv[0] does not. */
	EXPECT(probe_is_named("a-long-daemon-n", "a-long-daemon-name", 18,
			      "a-long-daemon-name"));
	EXPECT(!probe_is_named("nginx", args, sizeof(args), "ngin"));
	EXPECT(!probe_is_named("nginx", args, sizeof(args), "sbin"));
	EXPECT(!probe_is_named("nginx", renamed, sizeof(renamed), "nginx:"));
	EXPECT(probe_is_named("nginx", renamed, sizeof(renamed), "nginx"));
	/* Kernel threads and zombies: no command line. */
	EXPECT(probe_is_named("kworker", "", 0, "kworker"));
	EXPECT(!probe_is_named("kworker", "", 0, "nginx"));
	/* Not terminated: a truncated read. */
	EXPECT(probe_is_named("x", "/bin/haproxy", 12, "haproxy"));
	EXPECT(!probe_is_named("x", "/bin/haproxyd", 12, "haproxyd"));
}

/*
 * The SYNOPSIS forms of the man page that start with lead ("vrrpadm
 * check"), one per line in out: macros and quotes dropped, "\-" read as
 * "-", "[ " and " ]" closed up.
 */
static void man_forms(const char *lead, char *out, size_t len)
{
	char line[256], form[256] = "";
	size_t n = 0;
	bool in = false;
	FILE *f = fopen(VRRPADM_MAN, "r");

	out[0] = '\0';
	if (!f)
		return;
	while (fgets(line, sizeof(line), f)) {
		char *w;

		if (!strncmp(line, ".SH DESCRIPTION", 15))
			break;
		if (!strncmp(line, ".br", 3) || !strncmp(line, ".PP", 3)) {
			if (in)
				n += (size_t)snprintf(out + n, len - n, "%s\n", form);
			in = false;
			continue;
		}
		if (!strncmp(line, ".B ", 3) && !strncmp(line + 3, lead, strlen(lead))) {
			in = true;
			form[0] = '\0';
		}
		if (!in)
			continue;
		strtok(line, " \n");
		while ((w = strtok(NULL, " \"\n"))) {
			size_t l = strlen(form);
			const char *sep = !l || form[l - 1] == '[' ||
					  !strcmp(w, "]") ? "" : " ";

			for (char *r = w, *d = w; ; r++) {
				if (r[0] == '\\' && r[1] == '-')
					r++;
				*d++ = *r;
				if (!*r)
					break;
			}
			snprintf(form + l, sizeof(form) - l, "%s%s", sep, w);
		}
	}
	fclose(f);
}

/* What a synopsis function printed, continuation lines ("\t") joined. */
static void joined(char *buf, char *out, size_t len)
{
	size_t n = 0;

	for (char *p = buf; *p && n < len - 1; p++) {
		if (p[0] == '\n' && p[1] == '\t') {
			out[n++] = ' ';
			p++;
		} else {
			out[n++] = *p;
		}
	}
	out[n] = '\0';
}

static void synopsis_is_the_man_pages(void)
{
	char man[1024], ours[1024], *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	probe_synopsis(f, "", "\t");
	fclose(f);
	joined(buf, ours, sizeof(ours));
	free(buf);
	man_forms("vrrpadm check", man, sizeof(man));
	EXPECT(strstr(man, "check NAME file PATH [interval DURATION]\n"));
	EXPECT(!strcmp(ours, man));
	buf = NULL;
	f = open_memstream(&buf, &n);
	track_synopsis(f, "");
	fclose(f);
	man_forms("vrrpadm track", man, sizeof(man));
	EXPECT(strstr(man, "track show [NAME]\n"));
	EXPECT(!strcmp(buf, man));
	free(buf);
}

const struct test check_tests[] = {
	{ "check: script defaults: 1s, timeout the interval, rise and fall 1", script_defaults },
	{ "check: script options", script_options },
	{ "check: process and file", process_and_file },
	{ "check: options only where they mean something", options_by_kind },
	{ "check: usage errors name the word", usage_errors },
	{ "check: the lease 3 x interval + timeout fits the kernel", lease_fits_the_kernel },
	{ "check: help where a word is expected", help_anywhere },
	{ "check: rise/fall: the first result sets the state", rise_fall_first_result_decides },
	{ "check: rise/fall 1/1 follows every result", rise_fall_one_one },
	{ "check: rise/fall count results in a row", rise_fall_needs_runs },
	{ "check: rise/fall runs start again", rise_fall_run_restarts_after_change },
	{ "check: file: strtol base 0, as keepalived", file_values },
	{ "check: file: clamped to -254..254", file_clamped },
	{ "check: file: no number is 0", file_no_number_is_zero },
	{ "check: file: beyond 32 bits is ignored", file_beyond_32_bits_ignored },
	{ "check: process: comm from /proc/PID/stat, zombies skipped", proc_stat },
	{ "check: process: comm or argv[0]'s basename", process_names },
	{ "check, track: the synopsis is the man page's", synopsis_is_the_man_pages },
	{ NULL, NULL },
};
