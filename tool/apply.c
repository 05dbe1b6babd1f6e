// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpadm apply [--dry-run] [FILE]: make this namespace's instances and
 * health objects what FILE says, changing only what differs.
 *
 * A reload must never flap: an instance whose settings are unchanged gets
 * no request at all (a set, even of the same VIPs, announces them again).
 * Both sides are compared as the words add takes, setting by setting: the
 * file's statement goes through the same attributes and the same printers
 * as the kernel's dump (instance_settings[]), so a setting reads the same
 * whichever way it was written ("interval 0.1s", "interval 100ms"). A
 * changed instance gets one set carrying only the settings that differ.
 *
 * Order: health objects are created first (instances track them), then
 * instances missing from the file are deleted (the kernel sends priority 0
 * first for an active one), then the others are changed and created, and
 * objects nobody declares are deleted last. A VIP that moves between
 * instances is taken from its old one before the new one gets it, so it
 * is never held by two; it is off for the time between two requests of
 * one netlink conversation.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "attrs.h"
#include "conffile.h"
#include "health.h"
#include "instance.h"
#include "json.h"
#include "netlink.h"
#include "output.h"
#include "parse.h"
#include "plan.h"
#include "vrrpadm.h"

void apply_help(FILE *f)
{
	fputs("Usage: " PROG_NAME " [-j] apply [--dry-run | --watch] [FILE]\n"
	      "Makes this network namespace's instances and health objects what\n"
	      "FILE (default " CONFFILE_DEFAULT ", \"-\": stdin) says, changing\n"
	      "only what differs: an unchanged instance is left alone (no\n"
	      "transition, no gratuitous ARP); a changed one is changed in place;\n"
	      "one missing from FILE is deleted (priority 0 first if master); a\n"
	      "new one is created. Prints each change as the command it is.\n"
	      "A FILE with any error changes nothing.\n"
	      "  --dry-run  print the changes, make none\n"
	      "  --watch    then stay, and apply again when an interface FILE\n"
	      "             names is created anew (SIGHUP: now; SIGTERM: exit)\n"
	      "With -j, the changes as JSON. See vrrp.conf(5).\n", f);
}

void flush_help(FILE *f)
{
	fputs("Usage: " PROG_NAME " flush\n"
	      "Deletes every instance of this network namespace (a master sends\n"
	      "priority 0 first, so its backup takes over at once), then every\n"
	      "health object: apply of an empty file. Prints each change.\n", f);
}

void showconf_help(FILE *f)
{
	fputs("Usage: " PROG_NAME " showconf\n"
	      "Prints this network namespace's health objects and instances as a\n"
	      "configuration file for apply: \"showconf > f; apply f\" changes\n"
	      "nothing.\n", f);
}

/* The kernel's instances, as settings text. */
static int on_instance(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct snapshots *ss = arg;
	struct instance in;

	if (vnl_parse(msg, tb))
		return -1;
	instance_get(tb, &in);
	return snapshots_add(ss, &in);
}

static int on_object(struct nl_msg *msg, void *arg)
{
	struct objects *o = arg;
	struct health h;

	if (health_get(msg, &h))
		return -1;
	return objects_add(o, &h);
}

/* What the kernel has now. */
static int read_kernel(struct vnl *nl, struct snapshots *ss,
		       struct objects *objs)
{
	return dump_namespace(nl, on_object, objs, 0, on_instance, ss);
}

static int send_step(struct vnl *nl, const struct step *s)
{
	static const uint8_t track_cmds[] = {
		[STEP_TRACK_ADD] = VRRP_CMD_NEW_TRACK,
		[STEP_TRACK_SET] = VRRP_CMD_SET_TRACK,
		[STEP_TRACK_DEL] = VRRP_CMD_DEL_TRACK,
	};
	struct nl_msg *msg;
	struct ack ack;
	int err;

	switch (s->kind) {
	case STEP_ADD:
		return config_send(nl, VRRP_CMD_NEW_INSTANCE, &s->cfg);
	case STEP_SET:
	case STEP_RELEASE:
		return config_send(nl, VRRP_CMD_SET_INSTANCE, &s->cfg);
	case STEP_DEL:
		return config_send(nl, VRRP_CMD_DEL_INSTANCE, &s->cfg);
	default:
		break;
	}
	msg = health_msg(nl, track_cmds[s->kind], 0, &s->req);
	if (!msg)
		return EXIT_FAIL;
	err = vnl_exchange(nl, msg, NULL, NULL, &ack);
	if (err > 0)
		health_report(&ack, msg);
	nlmsg_free(msg);
	return err ? EXIT_FAIL : EXIT_OK;
}

static int execute(struct vnl *nl, const struct plan *p)
{
	for (size_t i = 0; i < p->nsteps; i++) {
		if (send_step(nl, &p->steps[i]) == EXIT_OK)
			continue;
		fprintf(stderr, "%s: apply stopped at \"%s\"; the %zu changes before it were made\n",
			PROG_NAME, p->steps[i].words, i);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

static void print_plan(const struct plan *p)
{
	struct json j;

	if (!json_output) {
		for (size_t i = 0; i < p->nsteps; i++)
			printf("%s\n", p->steps[i].words);
		return;
	}
	json_init(&j, stdout);
	json_obj_open(&j, NULL);
	json_arr_open(&j, "changes");
	for (size_t i = 0; i < p->nsteps; i++) {
		const struct step *s = &p->steps[i];

		json_obj_open(&j, NULL);
		json_str(&j, "action", step_action(s->kind));
		if (s->kind == STEP_TRACK_ADD || s->kind == STEP_TRACK_SET ||
		    s->kind == STEP_TRACK_DEL) {
			json_str(&j, "track", s->req.name);
		} else {
			json_str(&j, "dev", s->cfg.dev);
			json_uint(&j, "vrid", s->cfg.vrid);
			json_str(&j, "family", s->cfg.family->name);
		}
		json_str(&j, "command", s->words);
		json_obj_close(&j);
	}
	json_arr_close(&j);
	json_uint(&j, "unchanged", p->unchanged);
	json_obj_close(&j);
}

int apply_file(const char *path, bool dry_run, bool warn)
{
	struct snapshots now = { 0 };
	struct objects objs = { 0 };
	struct plan plan = { 0 };
	struct conffile cf;
	struct vnl nl;
	int ret;

	if (path) {
		ret = conffile_read(&cf, path, warn);
	} else {
		char *empty = strdup("");

		if (!empty) {
			errorf("out of memory");
			return EXIT_FAIL;
		}
		ret = conffile_parse(&cf, "(nothing)", empty, warn);
	}
	if (ret) {
		conffile_free(&cf);
		return ret;
	}
	ret = EXIT_FAIL;
	if (vnl_open(&nl))
		goto out_file;
	ret = read_kernel(&nl, &now, &objs);
	if (ret)
		goto out;
	ret = plan_make(&plan, &nl, &cf, &now, &objs);
	if (ret)
		goto out;
	print_plan(&plan);
	fflush(stdout);
	if (!dry_run)
		ret = execute(&nl, &plan);
out:
	plan_free(&plan);
	snapshots_free(&now);
	objects_free(&objs);
	vnl_close(&nl);
out_file:
	conffile_free(&cf);
	return ret;
}

int apply_main(int argc, char **argv)
{
	const char *path = CONFFILE_DEFAULT;
	bool dry_run = false, watch = false, have_path = false;

	for (int i = 0; i < argc; i++) {
		if (is_help_word(argv[i])) {
			apply_help(stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--dry-run")) {
			dry_run = true;
		} else if (!strcmp(argv[i], "--watch")) {
			watch = true;
		} else if (!have_path && (argv[i][0] != '-' || !argv[i][1])) {
			path = argv[i];
			have_path = true;
		} else {
			errorf("unknown argument \"%s\"", argv[i]);
			usage_hint("apply");
			return EXIT_USAGE;
		}
	}
	if (watch && (dry_run || !strcmp(path, "-"))) {
		errorf("--watch reads FILE again on every change: not with %s",
		       dry_run ? "--dry-run" : "stdin");
		usage_hint("apply");
		return EXIT_USAGE;
	}
	if (watch)
		return apply_watch(path);
	return apply_file(path, dry_run, true);
}

int flush_main(int argc, char **argv)
{
	if (argc && is_help_word(argv[0])) {
		flush_help(stdout);
		return EXIT_OK;
	}
	if (argc) {
		errorf("unknown argument \"%s\"", argv[0]);
		usage_hint("flush");
		return EXIT_USAGE;
	}
	return apply_file(NULL, false, false);
}

static int on_config_object(struct nl_msg *msg, void *arg)
{
	struct health h;

	(void)arg;
	if (health_get(msg, &h))
		return -1;
	printf("track %s", h.name);
	if (h.lease_ms)
		printf(" lease %ums", h.lease_ms);
	putchar('\n');
	return 0;
}

static int on_config_instance(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct instance in;

	(void)arg;
	if (vnl_parse(msg, tb))
		return -1;
	instance_get(tb, &in);
	instance_print_config(stdout, &in);
	return 0;
}

int showconf_main(int argc, char **argv)
{
	struct vnl nl;
	int ret;

	if (argc && is_help_word(argv[0])) {
		showconf_help(stdout);
		return EXIT_OK;
	}
	if (argc) {
		errorf("unknown argument \"%s\"", argv[0]);
		usage_hint("showconf");
		return EXIT_USAGE;
	}
	if (vnl_open(&nl))
		return EXIT_FAIL;
	/* Objects first: a reader meets what instances track before them. */
	ret = dump_namespace(&nl, on_config_object, NULL, 0,
			     on_config_instance, NULL);
	vnl_close(&nl);
	return ret;
}
