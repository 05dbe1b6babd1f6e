// SPDX-License-Identifier: GPL-2.0
/*
 * show and stats: both read instances with a VRRP_CMD_GET_INSTANCE dump
 * (of one interface's, with "dev IF"), and keep those of the VRID and
 * family asked for: "dev IF vrid N" without a family shows both the inet
 * and the inet6 instance N. They differ in what they print. Replies are
 * printed as they arrive.
 */
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "instance.h"
#include "json.h"
#include "netlink.h"
#include "output.h"
#include "parse.h"
#include "vrrpadm.h"

struct show {
	bool stats;			/* stats, not show */
	const struct vrrp_config *sel;	/* vrid and family, if given */
	bool started;			/* the JSON opening is out */
	unsigned int count;
	struct json j;
	uint64_t unmatched[__VRRP_STAT_MAX];
	bool have_unmatched;
};

void show_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " [-j] show [dev IF] [vrid N] [family inet|inet6]\n"
		"Shows the instances that match every word given: all of them, those\n"
		"on IF, those with VRID N (on IF, or on every interface), of both\n"
		"families or the one given.\n"
		"With -j, a JSON array of one object per instance.\n");
}

void stats_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " [-j] stats [dev IF] [vrid N] [family inet|inet6]\n"
		"       " PROG_NAME " [-j] stats --unmatched\n"
		"       " PROG_NAME " stats --prometheus | --textfile DIR [dev IF] [vrid N] ...\n"
		"Shows the counters of the instances show lists for the same words.\n"
		"Without dev, the text ends with the packets no instance matched\n"
		"(\"unmatched\"), which --unmatched shows alone.\n"
		"With -j, show -j's array: every object has its \"stats\".\n"
		"--prometheus prints them, the states and priorities, and the health\n"
		"objects in the Prometheus text format (labels dev, vrid, family, name);\n"
		"--textfile DIR writes that to DIR/vrrp.prom, replaced whole, for\n"
		"node_exporter's textfile collector.\n");
}

static void print_stats_text(const struct instance *in)
{
	instance_print_header(in);
	for (unsigned int id = 0; id < __VRRP_STAT_MAX; id++)
		if (stat_name(id))
			printf("  %s %llu\n", stat_name(id),
			       (unsigned long long)in->stats[id]);
}

/* The JSON array opens with the first instance, or at the very end. */
static void show_begin(struct show *s)
{
	if (s->started || !json_output)
		return;
	s->started = true;
	json_arr_open(&s->j, NULL);
}

static void show_end(struct show *s)
{
	if (s->started)
		json_arr_close(&s->j);
}

static int on_instance(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct show *s = arg;
	struct instance in;

	if (vnl_parse(msg, tb))
		return -1;
	instance_get(tb, &in);
	if (!instance_selected(s->sel, &in))
		return 0;
	show_begin(s);
	/* stats -j is show -j: every object carries its "stats". */
	if (json_output) {
		json_obj_open(&s->j, NULL);
		instance_json(&s->j, &in);
		json_obj_close(&s->j);
	} else if (s->stats) {
		print_stats_text(&in);
	} else {
		/* A blank line between blocks, as wg separates peers. */
		if (s->count)
			putchar('\n');
		instance_print_text(&in);
	}
	s->count++;
	return 0;
}

/* "unmatched: drop_vrid 3 drop_length 4", or its JSON object. */
static void print_unmatched(struct show *s)
{
	if (!json_output) {
		printf("unmatched: drop_vrid %llu drop_length %llu\n",
		       (unsigned long long)s->unmatched[VRRP_STAT_DROP_VRID],
		       (unsigned long long)s->unmatched[VRRP_STAT_DROP_LENGTH]);
		return;
	}
	json_obj_open(&s->j, NULL);
	json_uint(&s->j, "drop_vrid", s->unmatched[VRRP_STAT_DROP_VRID]);
	json_uint(&s->j, "drop_length", s->unmatched[VRRP_STAT_DROP_LENGTH]);
	json_obj_close(&s->j);
}

static int on_netstats(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct show *s = arg;

	if (vnl_parse(msg, tb))
		return -1;
	instance_get_stats(tb[VRRP_A_STATS], s->unmatched);
	s->have_unmatched = true;
	return 0;
}

static int get_instances(struct vnl *nl, const struct vrrp_config *c,
			 struct show *s)
{
	int ret;

	ret = vnl_dump_instances(nl, config_has(c, CFG_DEV) ? c->ifindex : 0,
				 on_instance, s);
	if (!ret && config_has(c, CFG_VRID) && !s->count) {
		errorf("%s", instance_none_selected(c));
		ret = EXIT_NOT_FOUND;
	}
	return ret;
}

/* Asked first, so a failure leaves no half-printed document behind. */
static int get_netstats(struct vnl *nl, struct show *s)
{
	struct nl_msg *msg = vnl_msg(nl, VRRP_CMD_GET_NETSTATS, 0, 0);

	if (!msg)
		return EXIT_FAIL;
	return vnl_request(nl, msg, on_netstats, s);
}

static int run_show(struct show *s, struct vrrp_config *c)
{
	struct vnl nl;
	int ret;

	if (config_has(c, CFG_DEV) && config_resolve_dev(c))
		return EXIT_FAIL;
	if (vnl_open(&nl))
		return EXIT_FAIL;
	json_init(&s->j, stdout);
	ret = EXIT_OK;
	if (s->stats && !json_output && !config_has(c, CFG_DEV))
		ret = get_netstats(&nl, s);
	if (!ret)
		ret = get_instances(&nl, c, s);
	vnl_close(&nl);
	if (!ret) {
		show_begin(s);
		if (s->have_unmatched)
			print_unmatched(s);
	}
	show_end(s);
	return ret;
}

static int show_or_stats(bool stats, int argc, char **argv)
{
	struct show s = { .stats = stats };
	const char *name = stats ? "stats" : "show";
	struct vrrp_config c;
	int ret;

	s.sel = &c;
	ret = config_parse(&c, CONFIG_SELECT, argc, argv);
	if (ret == CONFIG_HELP) {
		(stats ? stats_help : show_help)(stdout);
		ret = EXIT_OK;
	} else if (ret) {
		usage_hint(name);
		ret = EXIT_USAGE;
	} else {
		ret = run_show(&s, &c);
	}
	config_free(&c);
	return ret;
}

int show_main(int argc, char **argv)
{
	return show_or_stats(false, argc, argv);
}

/* stats --unmatched: the namespace's counters of packets no instance took. */
static int unmatched_main(int argc, char **argv)
{
	struct show s = { .stats = true };
	struct vnl nl;
	int ret;

	if (argc > 1) {
		errorf("unknown argument \"%s\" (--unmatched takes none)",
		       argv[1]);
		usage_hint("stats");
		return EXIT_USAGE;
	}
	if (vnl_open(&nl))
		return EXIT_FAIL;
	json_init(&s.j, stdout);
	ret = get_netstats(&nl, &s);
	vnl_close(&nl);
	if (!ret)
		print_unmatched(&s);
	return ret;
}

int stats_main(int argc, char **argv)
{
	if (argc && !strcmp(argv[0], "--unmatched"))
		return unmatched_main(argc, argv);
	if (argc && (!strcmp(argv[0], "--prometheus") ||
		     !strcmp(argv[0], "--textfile")))
		return metrics_main(argc, argv);
	return show_or_stats(true, argc, argv);
}
