/* SPDX-License-Identifier: GPL-2.0 */
/*
 * What `monitor --exec` tells a script about one state change: keepalived's
 * notify arguments, INSTANCE NAME STATE PRIORITY, and VRRP_* variables.
 * Building them runs nothing; runner.c runs the scripts.
 */
#ifndef VRRPADM_NOTIFY_H
#define VRRPADM_NOTIFY_H

#include <net/if.h>
#include <stdbool.h>

#include "netlink.h"

#define NOTIFY_NAME_MAX 64

/* One state change, as a script hears of it. */
struct notify_change {
	/* The instance: runs for the same one wait for each other. */
	unsigned int ifindex, af, vrid;
	char name[NOTIFY_NAME_MAX];	/* $2 */
	char dev[IF_NAMESIZE];
	char family[FAMILY_STR_MAX];
	unsigned int state, old_state;	/* enum vrrp_state */
	unsigned int reason;		/* enum vrrp_reason */
	bool has_priority;
	unsigned int priority;
};

/*
 * Reads a VRRP_CMD_STATE_CHANGE (parsed by vnl_parse) that carries
 * VRRP_A_IFINDEX, VRRP_A_VRID, both states and the reason.
 */
void notify_change_get(struct nlattr **tb, struct notify_change *c);

bool notify_same_instance(const struct notify_change *a,
			  const struct notify_change *b);

/* keepalived's word for the new state: MASTER, BACKUP, FAULT or STOP. */
const char *notify_state_word(unsigned int state, unsigned int reason);

/* VRRP_DEV, VRRP_VRID, VRRP_FAMILY, VRRP_STATE, VRRP_OLD_STATE, ... */
#define NOTIFY_ENV_COUNT 7
#define NOTIFY_VAR_MAX 96

struct notify_env {
	char var[NOTIFY_ENV_COUNT][NOTIFY_VAR_MAX];	/* "NAME=value" */
};

void notify_env(const struct notify_change *c, struct notify_env *env);

/*
 * The script's whole environment: base (the monitor's own) less the
 * variables env sets, then env's. A NULL-terminated array to free(), its
 * strings those of base and env; NULL when out of memory.
 */
char **notify_envp(char *const *base, struct notify_env *env);

/*
 * The shell text that runs cmd, a command and its arguments, in place of
 * the shell, with the script's arguments appended: as keepalived's notify
 * "/path/script arg" gets its own arguments and then the four. To free().
 */
char *notify_script(const char *cmd);

#define NOTIFY_ARGC 8

/* /bin/sh -c SCRIPT sh INSTANCE NAME STATE PRIORITY */
struct notify_argv {
	char name[NOTIFY_NAME_MAX];
	char priority[4];
	char *argv[NOTIFY_ARGC + 1];
};

void notify_argv(char *script, const struct notify_change *c,
		 struct notify_argv *a);

#endif
