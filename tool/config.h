/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The keyword arguments of add, set, del, show and stats, parsed into one
 * structure. Nothing here talks to the kernel, so the unit tests cover it.
 */
#ifndef VRRPADM_CONFIG_H
#define VRRPADM_CONFIG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "family.h"

/* Which command is parsing: each accepts a different set of keywords. */
enum config_cmd {
	CONFIG_ADD = 1 << 0,
	CONFIG_SET = 1 << 1,
	CONFIG_DEL = 1 << 2,
	CONFIG_SELECT = 1 << 3,	/* show, stats */
};

/* One bit per setting, to know what was given and to catch repeats. */
enum config_field {
	CFG_DEV,
	CFG_VRID,
	CFG_FAMILY,
	CFG_VERSION,
	CFG_CHECKSUM,
	CFG_PRIORITY,
	CFG_INTERVAL,
	CFG_PREEMPT,
	CFG_PREEMPT_DELAY,
	CFG_ACCEPT,
	CFG_VMAC,
	CFG_GARP_COUNT,
	CFG_GARP_INTERVAL,
	CFG_GARP_DELAY,
	CFG_GARP_REFRESH,
	CFG_VIPS,
	CFG_TRACKS,
	CFG_TRACK_DEVS,
	CFG_NOTRACK,
	CFG_GROUP,
	CFG_PEERS,
	CFG_NOPEER,
	CFG_SOURCE,
	CFG_ROUTES,
	CFG_NOROUTE,
	CFG_NAME,
	CFG_NFIELDS
};

/* "track NAME [weight W]" or "track-dev IF [weight W]". */
struct config_track {
	const char *name;
	bool dev;
	bool has_weight;
	int32_t weight;
	unsigned int ifindex;		/* dev only, by config_resolve_dev() */
};

/* "route PREFIX [via GW] [dev IF]". */
struct config_route {
	const char *text;		/* PREFIX as typed */
	struct vip dst;
	const char *via;		/* NULL: none */
	struct vip gw;
	const char *dev;		/* NULL: none */
	unsigned int ifindex;		/* by config_resolve_dev() */
};

struct vrrp_config {
	uint32_t given;			/* bits of enum config_field */
	const char *dev;
	unsigned int ifindex;		/* set by config_resolve_dev() */
	const struct vrrp_family *family;
	uint8_t vrid;
	uint8_t version;
	uint8_t checksum;		/* enum vrrp_checksum */
	uint8_t priority;
	uint32_t interval_ms;
	bool preempt;
	uint32_t preempt_delay_ms;
	bool accept;
	bool vmac;
	uint32_t garp_count;
	uint32_t garp_interval_ms;
	uint32_t garp_delay_ms;
	uint32_t garp_refresh_ms;
	struct vip *vips;
	const char **vip_text;		/* as typed, for messages */
	size_t nvips;
	struct config_track *tracks;
	size_t ntracks;
	const char *group;		/* "": nogroup */
	struct vip *peers;		/* plen unused */
	const char **peer_text;
	size_t npeers;
	const char *source_text;	/* "": nosource */
	struct vip source;
	struct config_route *routes;
	size_t nroutes;
	const char *name;		/* "": noname */
};

#define CONFIG_HELP 1

/*
 * Returns 0, CONFIG_HELP when "help" stood where a keyword was expected,
 * or -1 after printing what is wrong. config_free() is needed in all
 * cases.
 */
int config_parse(struct vrrp_config *c, enum config_cmd cmd, int argc,
		 char **argv);
void config_free(struct vrrp_config *c);
/*
 * After a config_parse() that failed: the argument (one of argv) the
 * error is about, or the keyword it came with; NULL when the whole is
 * wrong (a required keyword missing). A file's reader says its line.
 */
const char *config_failed_word(void);
bool config_has(const struct vrrp_config *c, enum config_field f);
/*
 * The help, from the keyword table: head ("Usage: vrrpadm add dev IF vrid N")
 * and the [PARAMS] of add and set, wrapped at 80 columns with indent; and
 * the lines that explain each keyword of add and set.
 */
void config_synopsis(FILE *f, enum config_cmd cmd, const char *head,
		     const char *indent);
void config_params_help(FILE *f);
/*
 * The keyword that sets attribute attr (VRRP_A_*; "dev" for the ifindex),
 * NULL if none does; *duration, if asked, says its value is a DURATION.
 */
const char *config_attr_keyword(unsigned int attr, bool *duration);
/* A scope's name ("link"), or NULL for one without a name. */
const char *config_scope_name(unsigned int scope);
/* "either", "pseudo-header" or "rfc9568"; NULL for an unknown value. */
const char *config_checksum_name(unsigned int checksum);
/*
 * if_nametoindex() for dev and every other interface named (track-dev, a
 * vip's or a route's dev), with iproute2's message.
 */
int config_resolve_dev(struct vrrp_config *c);

#endif
