/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What apply changes: the kernel's instances and health objects compared
 * with a configuration file, as a list of steps in the order they are
 * safe to make. Nothing here sends, so the unit tests cover it.
 */
#ifndef VRRPADM_PLAN_H
#define VRRPADM_PLAN_H

#include <net/if.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "conffile.h"
#include "health.h"
#include "instance.h"
#include "netlink.h"

/* An instance as the words of each of its settings (instance_settings[]). */
struct snapshot {
	unsigned int ifindex, vrid, state;
	char ifname[IF_NAMESIZE];
	const struct vrrp_family *family;
	char **setting;			/* instance_nsettings texts */
	char **addrs;			/* its VIPs' addresses, no prefix */
	size_t naddrs;
};

struct snapshots {
	struct snapshot *s;
	size_t n, cap;
};

/* 0, or -1 (out of memory, said). */
int snapshots_add(struct snapshots *ss, const struct instance *in);
void snapshots_free(struct snapshots *ss);

struct objects {
	struct health *h;
	size_t n, cap;
};

int objects_add(struct objects *o, const struct health *h);
void objects_free(struct objects *o);

enum step_kind {
	STEP_TRACK_ADD,
	STEP_TRACK_SET,
	STEP_TRACK_DEL,
	STEP_DEL,
	STEP_RELEASE,			/* a set that only gives VIPs up */
	STEP_SET,
	STEP_ADD,
};

struct step {
	enum step_kind kind;
	struct vrrp_config cfg;		/* instance steps: what is sent */
	struct vip *vips;		/* STEP_RELEASE: its own list */
	const char **vip_text;
	struct health_req req;		/* track steps */
	char *words;			/* the step as a vrrpadm command */
};

struct plan {
	struct step *steps;
	size_t nsteps, cap;
	size_t unchanged;		/* instances left alone */
};

/* "add", "set", "del", "release", "track add", "track set", "track del". */
const char *step_action(enum step_kind kind);

/*
 * The steps that make the kernel (now, objs) what cf says. nl names the
 * family in the messages built to compare. EXIT_OK or EXIT_FAIL.
 */
int plan_make(struct plan *p, const struct vnl *nl, const struct conffile *cf,
	      const struct snapshots *now, const struct objects *objs);
void plan_free(struct plan *p);

#endif
