/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What "vrrpadm check" checks, and the decisions it makes from what it
 * sees, kept free of processes, clocks and sockets so the unit tests reach
 * them: the command line, the rise/fall counter, what a tracked file's
 * text is worth, and whether a process is the one named.
 */
#ifndef VRRPADM_PROBE_H
#define VRRPADM_PROBE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

enum probe_kind {
	PROBE_SCRIPT,
	PROBE_PROCESS,
	PROBE_FILE,
};

struct probe {
	const char *name;		/* the health object */
	enum probe_kind kind;
	const char *what;		/* the command, process name or path */
	uint32_t interval_ms;
	uint32_t timeout_ms;		/* script; the others: the interval */
	uint32_t rise, fall;		/* script and process */
};

#define PROBE_INTERVAL_MS_DEFAULT	1000
#define PROBE_INTERVAL_MS_MIN		10
#define PROBE_RISE_FALL_MAX		1000000

#define PROBE_HELP 1

/* 0, PROBE_HELP for a "help" where a word was expected, or -1, printed. */
int probe_parse(struct probe *p, int argc, char **argv);
/*
 * The three forms of check, each led by indent, its second line (if any)
 * by cont; the man page's SYNOPSIS has the same.
 */
void probe_synopsis(FILE *f, const char *indent, const char *cont);
const char *probe_kind_name(enum probe_kind kind);

/*
 * The lease every SET carries: three intervals and a timeout, so that one
 * slow check and two late wake-ups do not take the object down while the
 * checker lives, and a dead checker's object goes down soon after.
 */
uint32_t probe_lease_ms(const struct probe *p);

/*
 * The rise/fall counter (keepalived's vrrp_script): the first result sets
 * the state; after that it takes `fall` failures in a row to go down and
 * `rise` successes in a row to come up.
 */
struct rise_fall {
	uint32_t rise, fall;
	bool known;			/* a first result has come */
	bool up;
	uint32_t run;			/* results in a row against the state */
};

void rise_fall_init(struct rise_fall *rf, uint32_t rise, uint32_t fall);
/* Feeds one result; true if the state was set or changed by it. */
bool rise_fall_feed(struct rise_fall *rf, bool ok);

/* What probe_file_value() made of a file's text. */
enum file_value {
	FILE_NUMBER,			/* *value set, within -254..254 */
	FILE_NOT_NUMBER,		/* no number: *value is 0 */
	FILE_OUT_OF_RANGE,		/* beyond 32 bits: ignored, *value kept */
};

/*
 * keepalived's track_file: the text's leading number as strtol(3) with
 * base 0 reads it (blanks, a sign, 0x or 0 prefix, anything after
 * ignored); none is 0; one that does not fit in 32 bits is ignored.
 * Clamped to -254..254, which multiplied by any weight is as decisive as
 * keepalived's product: -254 or less is fault.
 */
enum file_value probe_file_value(const char *text, int32_t *value);

/*
 * From the text of /proc/PID/stat, which it changes: *comm, and true for a
 * process that runs (not a zombie, not dead); false for anything else.
 */
bool probe_stat_comm(char *stat, const char **comm);
/*
 * Whether a process with this comm and /proc/PID/cmdline (len bytes, NUL
 * separated, not necessarily terminated) is `name`: its comm is, or its
 * argv[0]'s last path component is (comm stops at 15 bytes and does not
 * follow exec -a; argv[0] does).
 */
bool probe_is_named(const char *comm, const char *cmdline, size_t len,
		    const char *name);

#endif
