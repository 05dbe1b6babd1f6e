/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The configuration file, vrrp.conf(5): the words of vrrpadm add, track add
 * and check, in blocks. A line that starts in the first column begins a
 * statement, an indented line continues it, "#" starts a comment:
 *
 *     instance dev eth0 vrid 51
 *         priority 150 interval 100ms
 *         vip 192.0.2.10/24
 *     track nginx lease 10s
 *     check nginx script "pidof nginx" interval 2s
 *
 * Nothing here talks to the kernel, so the unit tests cover it.
 */
#ifndef VRRPADM_CONFFILE_H
#define VRRPADM_CONFFILE_H

#include <limits.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "config.h"
#include "health.h"
#include "probe.h"

#define CONFFILE_DEFAULT "/etc/vrrp/vrrp.conf"

struct conf_instance {
	struct vrrp_config c;
	unsigned int line;		/* where its statement starts */
	bool no_dev;			/* an interface it names is missing */
};

/* "track NAME [up|down] [value N] [lease DURATION]": a health object. */
struct conf_track {
	struct health_req req;
	unsigned int line;
};

/* "check NAME script CMD ...": its object, kept by vrrpadm check. */
struct conf_check {
	struct probe p;
	unsigned int line;
};

struct conffile {
	const char *name;		/* as messages show it */
	struct conf_instance *inst;
	size_t ninst;
	struct conf_track *track;
	size_t ntrack;
	struct conf_check *check;
	size_t ncheck;
	/* The file's text, split in place: every word points into it. */
	char *text;
	char **words;
	unsigned int *word_line;
	size_t nwords;
};

/*
 * Reads and checks path ("-": stdin) whole. Returns EXIT_OK, or EXIT_USAGE
 * after "FILE:LINE: why" for each statement that is wrong (the file is
 * then refused whole), or EXIT_FAIL if it cannot be read. An instance on
 * an interface that does not exist is no error, as interfaces come and
 * go: its no_dev is set, and a warning says so when warn is given.
 * conffile_free() is needed in every case.
 */
int conffile_read(struct conffile *cf, const char *path, bool warn);
/* The same from text in memory (the unit tests); text is taken over. */
int conffile_parse(struct conffile *cf, const char *name, char *text,
		   bool warn);
void conffile_free(struct conffile *cf);

/* The check block of the health object name, or NULL. */
const struct conf_check *conffile_check(const struct conffile *cf,
					const char *name);

#endif
