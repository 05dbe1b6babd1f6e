/* SPDX-License-Identifier: GPL-2.0 */
/*
 * One instance as the kernel describes it (a GET reply, or a NEW or SET
 * event, which carry the same attributes), and the ways the tool prints
 * it: show's block and JSON object, monitor's one-line summary.
 */
#ifndef VRRPADM_INSTANCE_H
#define VRRPADM_INSTANCE_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"
#include "json.h"
#include "netlink.h"

/* Pointers live in the message it was read from. */
struct instance {
	unsigned int ifindex;
	char ifname[IF_NAMESIZE];
	char family[FAMILY_STR_MAX];
	unsigned int vrid, version, state, priority;
	uint32_t interval_ms;
	struct nlattr *master_interval;	/* NULL if not sent */
	bool preempt, accept, vmac;
	uint32_t preempt_delay_ms, garp_count, garp_interval_ms;
	struct nlattr *garp_delay, *garp_refresh;	/* NULL if not sent */
	struct nlattr *master, *primary, *vips;
	struct nlattr *effective, *reason;	/* NULL if not sent */
	struct nlattr *tracks;			/* NULL: tracks nothing */
	struct nlattr *checksum;		/* VRRPv3 over IPv4 only */
	struct nlattr *peers, *source;		/* NULL: multicast, primary */
	struct nlattr *routes;			/* NULL: none */
	const char *group;			/* NULL: in none */
	const char *name;			/* NULL: none */
	struct nlattr *master_priority;		/* NULL: not known */
	struct nlattr *state_age;		/* NULL: not sent (older module) */
	uint64_t stats[__VRRP_STAT_MAX];
};

/* Reads tb (parsed by vnl_parse); what is absent reads as 0, or NULL. */
void instance_get(struct nlattr **tb, struct instance *in);
/* Counters by id; ids this tool does not know are skipped. */
void instance_get_stats(struct nlattr *nest, uint64_t *stats);

/* Whether sel's vrid and family (when given) match in; NULL: all do. */
bool instance_selected(const struct vrrp_config *sel,
		       const struct instance *in);
/*
 * "vrid: no such instance": led by the selector that found nothing (sel
 * gives at least one of dev, vrid, family).
 */
const char *instance_none_selected(const struct vrrp_config *sel);
/* "eth0 vrid 51 inet v3: master": the first line of show's and stats' blocks. */
void instance_print_header(const struct instance *in);
/* show's text block. */
void instance_print_text(const struct instance *in);
/* The keys of show -j's object, for the caller to wrap in braces. */
void instance_json(struct json *j, const struct instance *in);
/* "stats": {every counter by name}. */
void instance_json_stats(struct json *j, const uint64_t *stats);
/*
 * One setting as add takes it: print writes its words, sep before each
 * item (a vip, a route...), nothing for a default; reset is what set
 * takes to go back to the default (NULL: no default, always printed).
 * scalar: the setting always has a value, reset's words when it is the
 * default (show prints them); else absent is simply none (no route).
 */
struct instance_setting {
	enum config_field field;
	void (*print)(FILE *f, const struct instance *in, const char *sep);
	const char *reset;
	bool scalar;
};

extern const struct instance_setting instance_settings[];
extern const size_t instance_nsettings;

/*
 * The settings as add would take them, on one line: priority, interval,
 * what differs from the kernel's defaults, and the vips:
 * "priority 150 interval 100ms nopreempt vip 192.0.2.10/24".
 */
void instance_print_settings(FILE *f, const struct instance *in);
void instance_print_config(FILE *f, const struct instance *in);

#endif
