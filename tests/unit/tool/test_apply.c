// SPDX-License-Identifier: GPL-2.0
/*
 * The configuration file's reader (conffile.c) and apply's plan (plan.c).
 * The kernel's side of a plan is made of messages laid out as the kernel's
 * dump sends them: every setting explicit, defaults included, so that a
 * file which leaves defaults out is seen to match.
 */
#include <arpa/inet.h>
#include <stdlib.h>
#include <string.h>

#include "conffile.h"
#include "netlink.h"
#include "plan.h"
#include "test.h"
#include "vrrpadm.h"

static struct conffile cf;
static int cf_ret;
static char cf_err[4096];

/* Reads text as a file named "t.conf"; its messages in cf_err. */
static int read_conf(const char *text)
{
	char *copy = strdup(text);

	conffile_free(&cf);
	capture_start();
	cf_ret = conffile_parse(&cf, "t.conf", copy, true);
	snprintf(cf_err, sizeof(cf_err), "%s", capture_end());
	return cf_ret;
}

static void conf_blocks(void)
{
	EXPECT(read_conf("# a router\n"
			 "\n"
			 "instance dev lo vrid 51\n"
			 "    priority 150   # comment\n"
			 "\tinterval 100ms\n"
			 "    vip 192.0.2.10/24\n"
			 "\n"
			 "    vip 192.0.2.11/24\n"
			 "instance dev lo vrid 52 priority 120 vip 198.51.100.1/24\n"
			 "instance dev lo vrid 51 family inet6 vip fe80::1\n") == EXIT_OK);
	EXPECT(cf.ninst == 3);
	EXPECT(cf.inst[0].line == 3 && cf.inst[1].line == 9);
	EXPECT(cf.inst[0].c.priority == 150 && cf.inst[0].c.interval_ms == 100);
	EXPECT(cf.inst[0].c.nvips == 2 && cf.inst[1].c.nvips == 1);
	EXPECT(!cf.inst[0].no_dev && cf.inst[0].c.ifindex);
	EXPECT(!strcmp(cf.inst[2].c.family->name, "inet6"));
	EXPECT(!cf_err[0]);
	conffile_free(&cf);
}

static void conf_track_and_check(void)
{
	const struct conf_check *c;

	EXPECT(read_conf("track web lease 10s\n"
			 "track db down value 3\n"
			 "check nginx script \"pidof nginx >/dev/null\"\n"
			 "    interval 2s fall 3\n"
			 "check flag file '/run/a b'\n") == EXIT_OK);
	EXPECT(cf.ntrack == 2 && cf.ncheck == 2);
	EXPECT(!strcmp(cf.track[0].req.name, "web") &&
	       cf.track[0].req.has_lease && cf.track[0].req.lease_ms == 10000);
	EXPECT(cf.track[1].req.has_state && !cf.track[1].req.up &&
	       cf.track[1].req.value == 3);
	c = conffile_check(&cf, "nginx");
	EXPECT(c && !strcmp(c->p.what, "pidof nginx >/dev/null") &&
	       c->p.interval_ms == 2000 && c->p.fall == 3 && c->line == 3);
	c = conffile_check(&cf, "flag");
	EXPECT(c && !strcmp(c->p.what, "/run/a b"));
	EXPECT(!conffile_check(&cf, "web"));
	conffile_free(&cf);
}

/* The error names the line of the word at fault, not the block's first. */
static void conf_error_lines(void)
{
	EXPECT(read_conf("instance dev lo vrid 51\n"
			 "    priority 150\n"
			 "    interval 100ms\n"
			 "    preempt-delay soon\n"
			 "    vip 192.0.2.10/24\n") == EXIT_USAGE);
	EXPECT(strstr(cf_err, "Error: t.conf:4: ") && strstr(cf_err, "soon"));
	EXPECT(read_conf("instance dev lo vrid 51\n"
			 "    vip 192.0.2.10/24\n"
			 "    vip 192.0.2.300/24\n") == EXIT_USAGE);
	EXPECT(strstr(cf_err, "Error: t.conf:3: invalid vip"));
	/* A statement without its required words: its first line. */
	EXPECT(read_conf("\ninstance dev lo\n    vip 192.0.2.10\n") == EXIT_USAGE);
	EXPECT(strstr(cf_err, "Error: t.conf:2: ") && strstr(cf_err, "vrid"));
	conffile_free(&cf);
}

/* Every wrong statement is reported, and the file is refused whole. */
static void conf_refused_whole(void)
{
	EXPECT(read_conf("instance dev lo vrid 51 vip 192.0.2.10\n"
			 "frobnicate dev lo\n"
			 "instance dev lo vrid 51 vip 192.0.2.11\n"
			 "track bad/name\n"
			 "track web\n"
			 "check web file /tmp/x\n"
			 "instance dev lo vrid 52 vip 192.0.2.12 help\n") == EXIT_USAGE);
	EXPECT(strstr(cf_err, "t.conf:2: unknown statement \"frobnicate\""));
	EXPECT(strstr(cf_err, "t.conf:3: instance dev lo vrid 51 family inet is also at line 1"));
	EXPECT(strstr(cf_err, "t.conf:4: "));
	EXPECT(strstr(cf_err, "t.conf:6: health object \"web\" is also at line 5"));
	EXPECT(strstr(cf_err, "t.conf:7: \"help\" in a file"));
	EXPECT(read_conf("    vip 192.0.2.1\n") == EXIT_USAGE);
	EXPECT(strstr(cf_err, "t.conf:1: an indented line continues a statement"));
	EXPECT(read_conf("check x script \"pidof x\n") == EXIT_USAGE);
	EXPECT(strstr(cf_err, "t.conf:1: a quote is not closed"));
	conffile_free(&cf);
}

static void conf_missing_interface(void)
{
	EXPECT(read_conf("instance dev nosuchif0 vrid 7 vip 192.0.2.7\n") == EXIT_OK);
	EXPECT(cf.ninst == 1 && cf.inst[0].no_dev);
	EXPECT(strstr(cf_err, "Warning: t.conf:1: instance dev nosuchif0 vrid 7"));
	EXPECT(read_conf("") == EXIT_OK && cf.ninst == 0);
	conffile_free(&cf);
}

/* --- the plan -------------------------------------------------------- */

static const struct vnl fake_nl = { .family = 0x20 };

struct kinst {
	unsigned int vrid, priority;
	const char *vips[4];
	const char *group;
};

/* An instance on lo as the kernel dumps it: every setting explicit. */
static void kernel_has(struct snapshots *ss, const struct kinst *k)
{
	struct nlattr *tb[VRRP_A_MAX + 1], *list, *v;
	struct nl_msg *msg = vnl_msg(&fake_nl, VRRP_CMD_GET_INSTANCE, 0, 1024);
	struct instance in;
	struct in_addr a;

	nla_put_u32(msg, VRRP_A_IFINDEX, 1);
	nla_put_string(msg, VRRP_A_IFNAME, "lo");
	nla_put_u16(msg, VRRP_A_FAMILY, AF_INET);
	nla_put_u8(msg, VRRP_A_VRID, (uint8_t)k->vrid);
	nla_put_u8(msg, VRRP_A_VERSION, 3);
	nla_put_u8(msg, VRRP_A_STATE, VRRP_STATE_ACTIVE);
	nla_put_u8(msg, VRRP_A_PRIORITY, (uint8_t)k->priority);
	nla_put_u32(msg, VRRP_A_INTERVAL_MS, 1000);
	nla_put_u8(msg, VRRP_A_PREEMPT, 1);
	nla_put_u32(msg, VRRP_A_PREEMPT_DELAY_MS, 0);
	nla_put_u8(msg, VRRP_A_ACCEPT, 1);
	nla_put_u8(msg, VRRP_A_VMAC, 0);
	nla_put_u32(msg, VRRP_A_GARP_COUNT, 5);
	nla_put_u32(msg, VRRP_A_GARP_INTERVAL_MS, 0);
	nla_put_u32(msg, VRRP_A_GARP_DELAY_MS, 5000);
	nla_put_u32(msg, VRRP_A_GARP_REFRESH_MS, 0);
	nla_put_u8(msg, VRRP_A_CHECKSUM, VRRP_CHECKSUM_EITHER);
	if (k->group)
		nla_put_string(msg, VRRP_A_GROUP, k->group);
	list = nla_nest_start(msg, VRRP_A_VIPS | NLA_F_NESTED);
	for (int i = 0; i < 4 && k->vips[i]; i++) {
		v = nla_nest_start(msg, VRRP_VIP_A | NLA_F_NESTED);
		inet_pton(AF_INET, k->vips[i], &a);
		nla_put(msg, VRRP_VIP_A_ADDR, 4, &a);
		nla_put_u8(msg, VRRP_VIP_A_PREFIXLEN, 24);
		nla_nest_end(msg, v);
	}
	nla_nest_end(msg, list);
	EXPECT(!vnl_parse(msg, tb));
	instance_get(tb, &in);
	EXPECT(!snapshots_add(ss, &in));
	nlmsg_free(msg);
}

static struct plan plan;
static char steps[4096];

/* The plan for text against the kernel's ss, its steps one a line. */
static const char *plan_for(const char *text, const struct snapshots *ss,
			    const struct objects *objs)
{
	static const struct objects none;

	plan_free(&plan);
	steps[0] = '\0';
	if (read_conf(text) != EXIT_OK ||
	    plan_make(&plan, &fake_nl, &cf, ss, objs ? objs : &none) != EXIT_OK)
		return "ERROR";
	for (size_t i = 0; i < plan.nsteps; i++) {
		strncat(steps, plan.steps[i].words,
			sizeof(steps) - strlen(steps) - 2);
		strcat(steps, "\n");
	}
	return steps;
}

static void plan_unchanged_with_defaults_left_out(void)
{
	struct snapshots ss = { 0 };

	kernel_has(&ss, &(struct kinst){ 51, 100, { "192.0.2.10" }, NULL });
	kernel_has(&ss, &(struct kinst){ 52, 150, { "192.0.2.20", "192.0.2.21" }, NULL });
	EXPECT(!strcmp(plan_for("instance dev lo vrid 51 vip 192.0.2.10/24\n"
				"instance dev lo vrid 52\n"
				"    priority 150 interval 1s preempt accept\n"
				"    vip 192.0.2.20/24 vip 192.0.2.21/24\n",
				&ss, NULL), ""));
	EXPECT(plan.unchanged == 2);
	snapshots_free(&ss);
}

static void plan_set_only_what_differs(void)
{
	struct snapshots ss = { 0 };

	kernel_has(&ss, &(struct kinst){ 51, 100, { "192.0.2.10" }, "g1" });
	EXPECT(!strcmp(plan_for("instance dev lo vrid 51 priority 150 vip 192.0.2.10/24\n",
				&ss, NULL),
		       "set dev lo vrid 51 priority 150 nogroup\n"));
	EXPECT(plan.nsteps == 1 && plan.steps[0].kind == STEP_SET);
	EXPECT(config_has(&plan.steps[0].cfg, CFG_PRIORITY) &&
	       config_has(&plan.steps[0].cfg, CFG_GROUP) &&
	       !*plan.steps[0].cfg.group &&
	       !config_has(&plan.steps[0].cfg, CFG_VIPS) &&
	       !config_has(&plan.steps[0].cfg, CFG_INTERVAL));
	snapshots_free(&ss);
}

static void plan_add_and_del(void)
{
	struct snapshots ss = { 0 };

	kernel_has(&ss, &(struct kinst){ 51, 100, { "192.0.2.10" }, NULL });
	EXPECT(!strcmp(plan_for("instance dev lo vrid 52 vip 192.0.2.20\n", &ss, NULL),
		       "del dev lo vrid 51\n"
		       "add dev lo vrid 52 priority 100 interval 1000ms vip 192.0.2.20/32\n"));
	EXPECT(plan.steps[0].kind == STEP_DEL && plan.steps[1].kind == STEP_ADD);
	snapshots_free(&ss);
}

/* A VIP that moves is taken from its old instance first. */
static void plan_vip_moves_in_order(void)
{
	struct snapshots ss = { 0 };

	kernel_has(&ss, &(struct kinst){ 51, 100, { "192.0.2.10", "192.0.2.11" }, NULL });
	kernel_has(&ss, &(struct kinst){ 52, 100, { "192.0.2.20" }, NULL });
	/* 52 comes first in the file, and still goes second. */
	EXPECT(!strcmp(plan_for("instance dev lo vrid 52 vip 192.0.2.20/24 vip 192.0.2.11/24\n"
				"instance dev lo vrid 51 vip 192.0.2.10/24\n", &ss, NULL),
		       "set dev lo vrid 51 vip 192.0.2.10/24\n"
		       "set dev lo vrid 52 vip 192.0.2.20/24 vip 192.0.2.11/24\n"));
	/* 51 gives one up and takes another: it first gives up. */
	EXPECT(!strcmp(plan_for("instance dev lo vrid 52 vip 192.0.2.20/24 vip 192.0.2.11/24\n"
				"instance dev lo vrid 51 vip 192.0.2.10/24 vip 192.0.2.12/24\n",
				&ss, NULL),
		       "set dev lo vrid 51 vip 192.0.2.10/24\n"
		       "set dev lo vrid 52 vip 192.0.2.20/24 vip 192.0.2.11/24\n"
		       "set dev lo vrid 51 vip 192.0.2.10/24 vip 192.0.2.12/24\n"));
	EXPECT(plan.steps[0].kind == STEP_RELEASE &&
	       plan.steps[0].cfg.nvips == 1 &&
	       config_has(&plan.steps[0].cfg, CFG_VIPS));
	snapshots_free(&ss);
}

static void plan_health_objects(void)
{
	struct snapshots ss = { 0 };
	struct objects objs = { 0 };
	struct health h = { .up = true };

	snprintf(h.name, sizeof(h.name), "web");
	h.lease_ms = 10000;
	EXPECT(!objects_add(&objs, &h));
	snprintf(h.name, sizeof(h.name), "old");
	h.lease_ms = 0;
	EXPECT(!objects_add(&objs, &h));
	kernel_has(&ss, &(struct kinst){ 51, 100, { "192.0.2.10" }, NULL });
	EXPECT(!strcmp(plan_for("track web lease 10s\n"
				"track db lease 5s\n"
				"check nginx process nginx\n"
				"instance dev lo vrid 51 vip 192.0.2.10/24\n",
				&ss, &objs),
		       "track add db lease 5000ms\n"
		       "track add nginx down\n"
		       "track del old\n"));
	EXPECT(!strcmp(plan_for("track web\n", &ss, &objs),
		       "track set web lease 0ms\n"
		       "del dev lo vrid 51\n"
		       "track del old\n"));
	snapshots_free(&ss);
	objects_free(&objs);
	plan_free(&plan);
	conffile_free(&cf);
}

const struct test apply_tests[] = {
	{ "conffile: blocks, continuations, comments", conf_blocks },
	{ "conffile: track and check statements, quotes", conf_track_and_check },
	{ "conffile: an error names its word's line", conf_error_lines },
	{ "conffile: every wrong statement said, file refused", conf_refused_whole },
	{ "conffile: a missing interface is a warning", conf_missing_interface },
	{ "apply: defaults left out match the kernel's", plan_unchanged_with_defaults_left_out },
	{ "apply: a set carries only what differs", plan_set_only_what_differs },
	{ "apply: deletions before additions", plan_add_and_del },
	{ "apply: a moving VIP leaves before it arrives", plan_vip_moves_in_order },
	{ "apply: health objects added, leases set, others deleted", plan_health_objects },
	{ NULL, NULL },
};
