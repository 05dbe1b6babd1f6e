// SPDX-License-Identifier: GPL-2.0
/*
 * track: the health objects of this network namespace, by hand. add, set
 * and del are one request each; show is a GET, or a dump in order of name.
 */
#include <stdio.h>

#include "health.h"
#include "parse.h"
#include "vrrpadm.h"

void track_help(FILE *f)
{
	fputs("Usage:\n", f);
	track_synopsis(f, "  ");
	fputs("A health object is a named state, up or down, that instances track\n"
	      "(\"track NAME\" in add and set) and that \"" PROG_NAME " check\" or a\n"
	      "script keeps current. It lives in this network namespace.\n"
	      "  add      create NAME, up unless \"down\"\n"
	      "  set      change NAME; every set also renews its lease\n"
	      "  del      delete NAME; refused while an instance tracks it\n"
	      "  show     all objects, or NAME: state, value, lease, users\n"
	      "  up, down     the state\n"
	      "  value N      -254..254: keepalived's track_file value, which tracking\n"
	      "               instances multiply by their weight\n"
	      "  lease DURATION  up to 3600s, 0 for none: NAME goes down unless a set\n"
	      "               comes within that time\n"
	      "NAME: 1-31 bytes of printable ASCII, no \"/\".\n"
	      "With -j, show prints a JSON array of objects with the keys name, state,\n"
	      "users, lease_ms and value (null without one).\n", f);
}

/* The JSON array opens with the first object, or at the very end. */
struct show {
	bool started;
	struct json j;
};

static void show_begin(struct show *s)
{
	if (s->started || !json_output)
		return;
	s->started = true;
	json_arr_open(&s->j, NULL);
}

static int on_object(struct nl_msg *msg, void *arg)
{
	struct show *s = arg;
	struct health h;

	if (health_get(msg, &h))
		return -1;
	if (!json_output) {
		health_print_text(stdout, &h);
		return 0;
	}
	show_begin(s);
	json_obj_open(&s->j, NULL);
	health_json(&s->j, &h);
	json_obj_close(&s->j);
	return 0;
}

static int run(const struct track_cmd *t)
{
	static const uint8_t cmds[] = {
		[TRACK_ADD] = VRRP_CMD_NEW_TRACK,
		[TRACK_SET] = VRRP_CMD_SET_TRACK,
		[TRACK_DEL] = VRRP_CMD_DEL_TRACK,
		[TRACK_SHOW] = VRRP_CMD_GET_TRACK,
	};
	bool dump = t->op == TRACK_SHOW && !t->req.name;
	struct show s = { .started = false };
	bool not_found = false;
	struct nl_msg *msg;
	struct ack ack;
	struct vnl nl;
	int err;

	if (vnl_open(&nl))
		return EXIT_FAIL;
	json_init(&s.j, stdout);
	msg = health_msg(&nl, cmds[t->op], dump ? NLM_F_DUMP : 0, &t->req);
	if (!msg) {
		vnl_close(&nl);
		return EXIT_FAIL;
	}
	err = vnl_exchange(&nl, msg, t->op == TRACK_SHOW ? on_object : NULL,
			  &s, &ack);
	if (err > 0)
		health_report(&ack, msg);
	not_found = err > 0 && vnl_not_found(&ack, nlmsg_hdr(msg));
	nlmsg_free(msg);
	vnl_close(&nl);
	/* A document that was begun is ended, even after a failed dump. */
	if (t->op == TRACK_SHOW && !err)
		show_begin(&s);
	if (s.started)
		json_arr_close(&s.j);
	return !err ? EXIT_OK : not_found ? EXIT_NOT_FOUND : EXIT_FAIL;
}

int track_main(int argc, char **argv)
{
	struct track_cmd t;
	int ret = track_parse(&t, argc, argv);

	if (ret == TRACK_HELP) {
		track_help(stdout);
		return EXIT_OK;
	}
	if (ret) {
		usage_hint("track");
		return EXIT_USAGE;
	}
	return run(&t);
}
