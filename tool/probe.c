// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "health.h"
#include "parse.h"
#include "probe.h"
#include "vrrpadm.h"

static const char *const kind_names[] = {
	[PROBE_SCRIPT] = "script",
	[PROBE_PROCESS] = "process",
	[PROBE_FILE] = "file",
};

#define NKINDS (sizeof(kind_names) / sizeof(kind_names[0]))

const char *probe_kind_name(enum probe_kind kind)
{
	return kind_names[kind];
}

uint32_t probe_lease_ms(const struct probe *p)
{
	return 3 * p->interval_ms + p->timeout_ms;
}

/* The options after the check, and which kinds take them. */
enum {
	OPT_INTERVAL,
	OPT_TIMEOUT,
	OPT_RISE,
	OPT_FALL,
	NOPTS
};

static const struct option {
	const char *name;
	unsigned int kinds;		/* 1 << enum probe_kind */
} options[NOPTS] = {
	[OPT_INTERVAL] = { "interval", 1 << PROBE_SCRIPT | 1 << PROBE_PROCESS |
				       1 << PROBE_FILE },
	[OPT_TIMEOUT] = { "timeout", 1 << PROBE_SCRIPT },
	[OPT_RISE] = { "rise", 1 << PROBE_SCRIPT | 1 << PROBE_PROCESS },
	[OPT_FALL] = { "fall", 1 << PROBE_SCRIPT | 1 << PROBE_PROCESS },
};

static int parse_option(struct probe *p, int opt, const char *val)
{
	const char *why;
	uint32_t *ms;

	if (opt == OPT_RISE || opt == OPT_FALL) {
		if (!parse_uint(val, 1, PROBE_RISE_FALL_MAX,
				opt == OPT_RISE ? &p->rise : &p->fall))
			return 0;
		errorf("invalid %s \"%s\" (expected 1-%u)", options[opt].name,
		       val, PROBE_RISE_FALL_MAX);
		return -1;
	}
	ms = opt == OPT_INTERVAL ? &p->interval_ms : &p->timeout_ms;
	why = parse_duration_ms(val, ms);
	if (!why && *ms < PROBE_INTERVAL_MS_MIN)
		why = "at least 10ms";
	if (why) {
		errorf("invalid %s \"%s\": %s", options[opt].name, val, why);
		return -1;
	}
	return 0;
}

static int parse_what(struct probe *p, const char *what)
{
	if (!*what) {
		errorf("%s needs a %s", kind_names[p->kind],
		       p->kind == PROBE_SCRIPT ? "command" :
		       p->kind == PROBE_PROCESS ? "process name" : "path");
		return -1;
	}
	/* comm and a basename never hold one: such a name could never match. */
	if (p->kind == PROBE_PROCESS && strchr(what, '/')) {
		errorf("invalid process name \"%s\": a name, not a path (no \"/\")",
		       what);
		return -1;
	}
	p->what = what;
	return 0;
}

static int parse_kind(struct probe *p, const char *word)
{
	for (size_t k = 0; k < NKINDS; k++) {
		if (!strcmp(word, kind_names[k])) {
			p->kind = (enum probe_kind)k;
			return 0;
		}
	}
	errorf("unknown check \"%s\" (expected script, process or file)", word);
	return -1;
}

static int parse_options(struct probe *p, int argc, char **argv)
{
	bool given[NOPTS] = { false };

	for (int i = 0; i < argc; i++) {
		int opt;

		if (!strcmp(argv[i], "help"))
			return PROBE_HELP;
		for (opt = 0; opt < NOPTS; opt++)
			if (!strcmp(argv[i], options[opt].name))
				break;
		if (opt == NOPTS) {
			errorf("unknown argument \"%s\"", argv[i]);
			return -1;
		}
		if (!(options[opt].kinds & 1u << p->kind)) {
			errorf("\"%s\" is not for %s checks", argv[i],
			       kind_names[p->kind]);
			return -1;
		}
		if (given[opt]) {
			errorf("\"%s\" is given twice", argv[i]);
			return -1;
		}
		given[opt] = true;
		if (++i == argc) {
			errorf("\"%s\" needs a value", options[opt].name);
			return -1;
		}
		if (parse_option(p, opt, argv[i]))
			return -1;
	}
	if (!given[OPT_TIMEOUT])
		p->timeout_ms = p->interval_ms;
	return 0;
}

int probe_parse(struct probe *p, int argc, char **argv)
{
	const char *why;
	int ret;

	memset(p, 0, sizeof(*p));
	p->interval_ms = PROBE_INTERVAL_MS_DEFAULT;
	p->rise = 1;
	p->fall = 1;
	if (argc && !strcmp(argv[0], "help"))
		return PROBE_HELP;
	if (argc < 2) {
		errorf("check needs a name, then script CMD, process NAME or file PATH");
		return -1;
	}
	why = health_name_invalid(argv[0]);
	if (why) {
		errorf("invalid name \"%s\": %s", argv[0], why);
		return -1;
	}
	p->name = argv[0];
	if (!strcmp(argv[1], "help"))
		return PROBE_HELP;
	if (parse_kind(p, argv[1]))
		return -1;
	if (argc < 3) {
		errorf("\"%s\" needs a value", kind_names[p->kind]);
		return -1;
	}
	if (parse_what(p, argv[2]))
		return -1;
	ret = parse_options(p, argc - 3, argv + 3);
	if (ret)
		return ret;
	if (3ULL * p->interval_ms + p->timeout_ms > VRRP_TRACK_LEASE_MS_MAX) {
		errorf("interval and timeout too long: the lease, 3 x interval + timeout, is at most 3600s");
		return -1;
	}
	return 0;
}

void probe_synopsis(FILE *f, const char *indent, const char *cont)
{
	fprintf(f,
		"%s" PROG_NAME " check NAME script CMD [interval DURATION] [timeout DURATION]\n"
		"%s[rise N] [fall N]\n"
		"%s" PROG_NAME " check NAME process PROCNAME [interval DURATION] [rise N]\n"
		"%s[fall N]\n"
		"%s" PROG_NAME " check NAME file PATH [interval DURATION]\n"
		"%s" PROG_NAME " check NAME from FILE\n",
		indent, cont, indent, cont, indent, indent);
}

void rise_fall_init(struct rise_fall *rf, uint32_t rise, uint32_t fall)
{
	memset(rf, 0, sizeof(*rf));
	rf->rise = rise;
	rf->fall = fall;
}

bool rise_fall_feed(struct rise_fall *rf, bool ok)
{
	if (!rf->known) {
		rf->known = true;
		rf->up = ok;
		rf->run = 0;
		return true;
	}
	if (ok == rf->up) {
		rf->run = 0;
		return false;
	}
	if (++rf->run < (ok ? rf->rise : rf->fall))
		return false;
	rf->up = ok;
	rf->run = 0;
	return true;
}

enum file_value probe_file_value(const char *text, int32_t *value)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(text, &end, 0);
	if (end == text) {
		*value = 0;
		return FILE_NOT_NUMBER;
	}
	if (errno == ERANGE || v < INT32_MIN || v > INT32_MAX)
		return FILE_OUT_OF_RANGE;
	if (v > VRRP_TRACK_VALUE_MAX)
		v = VRRP_TRACK_VALUE_MAX;
	if (v < -VRRP_TRACK_VALUE_MAX)
		v = -VRRP_TRACK_VALUE_MAX;
	*value = (int32_t)v;
	return FILE_NUMBER;
}

/*
 * "PID (COMM) S ...": COMM may hold spaces and ")", so it ends at the last
 * ")". States Z (zombie) and X (dead) are processes that no longer run;
 * keepalived's track_process skips zombies too.
 */
bool probe_stat_comm(char *stat, const char **comm)
{
	char *open = strchr(stat, '('), *close = strrchr(stat, ')');

	if (!open || !close || close < open || close[1] != ' ' || !close[2])
		return false;
	if (close[2] == 'Z' || close[2] == 'X')
		return false;
	*close = '\0';
	*comm = open + 1;
	return true;
}

bool probe_is_named(const char *comm, const char *cmdline, size_t len,
		    const char *name)
{
	const char *end = memchr(cmdline, '\0', len), *base = cmdline;
	size_t n = strlen(name);

	if (comm && !strcmp(comm, name))
		return true;
	if (!end)
		end = cmdline + len;
	for (const char *p = cmdline; p < end; p++)
		if (*p == '/')
			base = p + 1;
	return (size_t)(end - base) == n && !memcmp(base, name, n);
}
