// SPDX-License-Identifier: GPL-2.0
/*
 * A notify script's arguments and environment. The arguments are
 * keepalived's, so that a script written for its notify keeps working:
 * INSTANCE NAME STATE PRIORITY. The environment says the rest in the words
 * monitor prints.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "notify.h"
#include "output.h"

/*
 * $2: the instance's name (keepalived's VI_1), or for one without a name
 * DEV-VRID ("eth0-51").
 */
static void instance_name(struct nlattr **tb, struct notify_change *c)
{
	if (tb[VRRP_A_NAME])
		snprintf(c->name, sizeof(c->name), "%s",
			 nla_get_string(tb[VRRP_A_NAME]));
	else
		snprintf(c->name, sizeof(c->name), "%s-%u", c->dev, c->vrid);
}

void notify_change_get(struct nlattr **tb, struct notify_change *c)
{
	memset(c, 0, sizeof(*c));
	c->ifindex = nla_get_u32(tb[VRRP_A_IFINDEX]);
	c->af = tb[VRRP_A_FAMILY] ? nla_get_u16(tb[VRRP_A_FAMILY]) : 0;
	c->vrid = nla_get_u8(tb[VRRP_A_VRID]);
	vnl_ifname(tb, c->dev);
	vnl_family(tb, c->family, sizeof(c->family));
	c->state = nla_get_u8(tb[VRRP_A_STATE]);
	c->old_state = nla_get_u8(tb[VRRP_A_OLD_STATE]);
	c->reason = nla_get_u8(tb[VRRP_A_REASON]);
	c->has_priority = tb[VRRP_A_PRIORITY];
	if (c->has_priority)
		c->priority = nla_get_u8(tb[VRRP_A_PRIORITY]);
	instance_name(tb, c);
}

/* By ifindex, not name: a renamed interface still runs the same instance. */
bool notify_same_instance(const struct notify_change *a,
			  const struct notify_change *b)
{
	return a->ifindex == b->ifindex && a->af == b->af &&
	       a->vrid == b->vrid;
}

/*
 * init is the instance going away (STOP) or its interface being unusable:
 * no carrier, no address. keepalived reports the latter as FAULT.
 */
const char *notify_state_word(unsigned int state, unsigned int reason)
{
	switch (state) {
	case VRRP_STATE_ACTIVE:
		return "MASTER";
	case VRRP_STATE_BACKUP:
		return "BACKUP";
	case VRRP_STATE_FAULT:
		return "FAULT";
	case VRRP_STATE_INIT:
		return reason == VRRP_REASON_SHUTDOWN ? "STOP" : "FAULT";
	}
	return "UNKNOWN";		/* a state newer than this tool */
}

static const char *const env_names[NOTIFY_ENV_COUNT] = {
	"VRRP_DEV", "VRRP_VRID", "VRRP_FAMILY", "VRRP_STATE",
	"VRRP_OLD_STATE", "VRRP_REASON", "VRRP_PRIORITY",
};

void notify_env(const struct notify_change *c, struct notify_env *env)
{
	char prio[4] = "";
	const char *values[NOTIFY_ENV_COUNT];
	char vrid[4];

	snprintf(vrid, sizeof(vrid), "%u", c->vrid);
	if (c->has_priority)
		snprintf(prio, sizeof(prio), "%u", c->priority);
	values[0] = c->dev;
	values[1] = vrid;
	values[2] = c->family;
	values[3] = state_name(c->state);
	values[4] = state_name(c->old_state);
	values[5] = reason_name(c->reason);
	values[6] = prio;
	for (int i = 0; i < NOTIFY_ENV_COUNT; i++)
		snprintf(env->var[i], sizeof(env->var[i]), "%s=%s",
			 env_names[i], values[i]);
}

/* Whether var ("NAME=value") is one that notify_env() sets. */
static bool ours(const char *var)
{
	for (int i = 0; i < NOTIFY_ENV_COUNT; i++) {
		size_t n = strlen(env_names[i]);

		if (!strncmp(var, env_names[i], n) && var[n] == '=')
			return true;
	}
	return false;
}

char **notify_envp(char *const *base, struct notify_env *env)
{
	size_t n = 0, i = 0;
	char **envp;

	while (base && base[n])
		n++;
	envp = calloc(n + NOTIFY_ENV_COUNT + 1, sizeof(*envp));
	if (!envp)
		return NULL;
	for (size_t b = 0; b < n; b++)
		if (!ours(base[b]))
			envp[i++] = base[b];
	for (int v = 0; v < NOTIFY_ENV_COUNT; v++)
		envp[i++] = env->var[v];
	return envp;
}

/*
 * sh -c 'exec CMD "$@"' sh ARGS...: the shell splits CMD as it would a
 * command line, and ARGS follow its own arguments. exec, because the
 * shell would not always: CMD itself must be what the timeout signals
 * and what is waited for, or a script that cleans up on SIGTERM would
 * still run, orphaned, when the next one starts.
 */
#define RUN_PREFIX "exec "
#define RUN_SUFFIX " \"$@\""

char *notify_script(const char *cmd)
{
	size_t len = sizeof(RUN_PREFIX) + strlen(cmd) + sizeof(RUN_SUFFIX);
	char *s = malloc(len);

	if (s)
		snprintf(s, len, RUN_PREFIX "%s" RUN_SUFFIX, cmd);
	return s;
}

void notify_argv(char *script, const struct notify_change *c,
		 struct notify_argv *a)
{
	char *const argv[NOTIFY_ARGC + 1] = {
		"/bin/sh", "-c", script,
		"sh",		/* $0, which names the shell in its errors */
		"INSTANCE", a->name,
		(char *)notify_state_word(c->state, c->reason),
		a->priority, NULL,
	};

	snprintf(a->name, sizeof(a->name), "%s", c->name);
	a->priority[0] = '\0';
	if (c->has_priority)
		snprintf(a->priority, sizeof(a->priority), "%u", c->priority);
	memcpy(a->argv, argv, sizeof(argv));
}
