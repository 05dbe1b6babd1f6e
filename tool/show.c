// SPDX-License-Identifier: GPL-2.0
/*
 * show and stats: both read instances with VRRP_CMD_GET_INSTANCE, as a
 * dump or, with "dev IF vrid N", as a single GET; they differ in what they
 * print. Replies are printed as they arrive.
 */
#include <net/if.h>
#include <stdio.h>
#include <string.h>

#include "config.h"
#include "family.h"
#include "json.h"
#include "netlink.h"
#include "output.h"
#include "parse.h"
#include "vrrpadm.h"

/* One instance as the kernel described it; pointers live in the reply. */
struct instance {
	unsigned int ifindex;
	char ifname[IF_NAMESIZE];
	char family[FAMILY_STR_MAX];
	unsigned int vrid, version, state, priority;
	uint32_t interval_ms;
	struct nlattr *master_interval;	/* NULL if not sent */
	bool preempt, accept;
	uint32_t preempt_delay_ms, garp_count, garp_interval_ms;
	struct nlattr *garp_delay, *garp_refresh;	/* NULL if not sent */
	struct nlattr *master, *primary, *vips;
	uint64_t stats[__VRRP_STAT_MAX];
};

struct show {
	bool stats;			/* stats, not show */
	bool started;			/* the JSON opening is out */
	unsigned int count;
	struct json j;
	uint64_t unmatched[__VRRP_STAT_MAX];
	bool have_unmatched;
};

void show_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " [-j] show [dev IF [vrid N]]\n"
		"Shows all instances, those on IF, or instance N on IF.\n"
		"With -j, a JSON array of one object per instance.\n");
}

void stats_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " [-j] stats [dev IF [vrid N]]\n"
		"Shows the counters of all instances, those on IF, or instance N on IF.\n"
		"Without dev, also the packets no instance matched (\"unmatched\").\n");
}

static uint32_t get_u32(struct nlattr **tb, int type, uint32_t def)
{
	return tb[type] ? nla_get_u32(tb[type]) : def;
}

static uint8_t get_u8(struct nlattr **tb, int type, uint8_t def)
{
	return tb[type] ? nla_get_u8(tb[type]) : def;
}

/* Counters are u64 by id; ids this tool does not know are skipped. */
static void get_stats(struct nlattr *nest, uint64_t *stats)
{
	struct nlattr *a;
	int rem;

	memset(stats, 0, sizeof(uint64_t) * __VRRP_STAT_MAX);
	if (!nest)
		return;
	nla_for_each_nested(a, nest, rem)
		if (nla_type(a) < __VRRP_STAT_MAX && nla_len(a) == 8)
			stats[nla_type(a)] = nla_get_u64(a);
}

static void get_instance(struct nlattr **tb, struct instance *in)
{
	in->ifindex = get_u32(tb, VRRP_A_IFINDEX, 0);
	vnl_ifname(tb, in->ifname);
	vnl_family(tb, in->family, sizeof(in->family));
	in->vrid = get_u8(tb, VRRP_A_VRID, 0);
	in->version = get_u8(tb, VRRP_A_VERSION, 3);
	in->state = get_u8(tb, VRRP_A_STATE, VRRP_STATE_INIT);
	in->priority = get_u8(tb, VRRP_A_PRIORITY, 0);
	in->interval_ms = get_u32(tb, VRRP_A_INTERVAL_MS, 0);
	in->master_interval = tb[VRRP_A_ACTIVE_INTERVAL_MS];
	in->preempt = get_u8(tb, VRRP_A_PREEMPT, 0);
	in->preempt_delay_ms = get_u32(tb, VRRP_A_PREEMPT_DELAY_MS, 0);
	in->accept = get_u8(tb, VRRP_A_ACCEPT, 0);
	in->garp_count = get_u32(tb, VRRP_A_GARP_COUNT, 0);
	in->garp_interval_ms = get_u32(tb, VRRP_A_GARP_INTERVAL_MS, 0);
	/* A module older than the tool sends neither; say so, do not guess. */
	in->garp_delay = tb[VRRP_A_GARP_DELAY_MS];
	in->garp_refresh = tb[VRRP_A_GARP_REFRESH_MS];
	in->master = tb[VRRP_A_ACTIVE_ADDR];
	in->primary = tb[VRRP_A_PRIMARY_ADDR];
	in->vips = tb[VRRP_A_VIPS];
	get_stats(tb[VRRP_A_STATS], in->stats);
}

/* "192.0.2.10/24"; NULL for an entry without a usable address. */
static const char *vip_str(struct nlattr *entry, char *buf, size_t len)
{
	static struct nla_policy policy[VRRP_VIP_A_MAX + 1] = {
		[VRRP_VIP_A_PREFIXLEN] = { .type = NLA_U8 },
	};
	struct nlattr *tb[VRRP_VIP_A_MAX + 1];
	char addr[ADDR_STR_MAX];
	unsigned int plen;

	if (nla_type(entry) != VRRP_VIP_A ||
	    nla_parse_nested(tb, VRRP_VIP_A_MAX, entry, policy) ||
	    !vnl_addr(tb[VRRP_VIP_A_ADDR], addr, sizeof(addr)))
		return NULL;
	/* The kernel's default is the full length: a host address. */
	plen = tb[VRRP_VIP_A_PREFIXLEN] ? nla_get_u8(tb[VRRP_VIP_A_PREFIXLEN])
					: (unsigned int)nla_len(tb[VRRP_VIP_A_ADDR]) * 8;
	snprintf(buf, len, "%s/%u", addr, plen);
	return buf;
}

static void print_stats_json(struct json *j, const uint64_t *stats)
{
	json_obj_open(j, "stats");
	for (unsigned int id = 0; id < __VRRP_STAT_MAX; id++)
		if (stat_name(id))
			json_uint(j, stat_name(id), stats[id]);
	json_obj_close(j);
}

/* The number, or null for an attribute the kernel did not send. */
static void json_u32_or_null(struct json *j, const char *key,
			     const struct nlattr *a)
{
	if (a)
		json_uint(j, key, nla_get_u32(a));
	else
		json_str(j, key, NULL);
}

static void print_show_json(struct json *j, const struct instance *in)
{
	char buf[ADDR_STR_MAX + 8];
	struct nlattr *v;
	int rem;

	json_obj_open(j, NULL);
	json_str(j, "dev", in->ifname);
	json_uint(j, "ifindex", in->ifindex);
	json_uint(j, "vrid", in->vrid);
	json_str(j, "family", in->family);
	json_uint(j, "version", in->version);
	json_str(j, "state", state_name(in->state));
	json_uint(j, "priority", in->priority);
	json_uint(j, "interval_ms", in->interval_ms);
	json_u32_or_null(j, "master_interval_ms", in->master_interval);
	json_bool(j, "preempt", in->preempt);
	json_uint(j, "preempt_delay_ms", in->preempt_delay_ms);
	json_bool(j, "accept", in->accept);
	json_uint(j, "garp_count", in->garp_count);
	json_uint(j, "garp_interval_ms", in->garp_interval_ms);
	json_u32_or_null(j, "garp_delay_ms", in->garp_delay);
	json_u32_or_null(j, "garp_refresh_ms", in->garp_refresh);
	json_arr_open(j, "vips");
	if (in->vips)
		nla_for_each_nested(v, in->vips, rem)
			if (vip_str(v, buf, sizeof(buf)))
				json_str(j, NULL, buf);
	json_arr_close(j);
	json_str(j, "master_addr", vnl_addr(in->master, buf, sizeof(buf)));
	json_str(j, "primary_addr", vnl_addr(in->primary, buf, sizeof(buf)));
	print_stats_json(j, in->stats);
	json_obj_close(j);
}

static const char *or_none(const char *s)
{
	return s ? s : "none";
}

static void print_show_text(const struct instance *in)
{
	char a[ADDR_STR_MAX + 8], b[ADDR_STR_MAX];
	struct nlattr *v;
	int rem;

	printf("%s vrid %u %s v%u: %s\n", in->ifname, in->vrid, in->family,
	       in->version, state_name(in->state));
	printf("  priority %u, interval %ums", in->priority, in->interval_ms);
	if (in->master_interval)
		printf(" (master's %ums)", nla_get_u32(in->master_interval));
	printf(", %s", in->preempt ? "preempt" : "nopreempt");
	if (in->preempt_delay_ms)
		printf(", preempt delay %ums", in->preempt_delay_ms);
	printf(", accept %s\n", in->accept ? "on" : "off");
	printf("  garp count %u, garp interval %ums", in->garp_count,
	       in->garp_interval_ms);
	if (in->garp_delay)
		printf(", garp delay %ums", nla_get_u32(in->garp_delay));
	if (in->garp_refresh && nla_get_u32(in->garp_refresh))
		printf(", garp refresh %ums", nla_get_u32(in->garp_refresh));
	else if (in->garp_refresh)
		printf(", garp refresh off");
	putchar('\n');
	printf("  master %s, primary %s\n",
	       or_none(vnl_addr(in->master, a, sizeof(a))),
	       or_none(vnl_addr(in->primary, b, sizeof(b))));
	if (in->vips)
		nla_for_each_nested(v, in->vips, rem)
			if (vip_str(v, a, sizeof(a)))
				printf("  vip %s\n", a);
}

static void print_stats_json_instance(struct json *j, const struct instance *in)
{
	json_obj_open(j, NULL);
	json_str(j, "dev", in->ifname);
	json_uint(j, "ifindex", in->ifindex);
	json_uint(j, "vrid", in->vrid);
	json_str(j, "family", in->family);
	json_str(j, "state", state_name(in->state));
	print_stats_json(j, in->stats);
	json_obj_close(j);
}

static void print_stats_text(const struct instance *in)
{
	printf("%s vrid %u %s: %s\n", in->ifname, in->vrid, in->family,
	       state_name(in->state));
	for (unsigned int id = 0; id < __VRRP_STAT_MAX; id++)
		if (stat_name(id))
			printf("  %s %llu\n", stat_name(id),
			       (unsigned long long)in->stats[id]);
}

/* The JSON document opens with the first instance, or at the very end. */
static void show_begin(struct show *s)
{
	if (s->started || !json_output)
		return;
	s->started = true;
	if (s->stats) {
		json_obj_open(&s->j, NULL);
		json_arr_open(&s->j, "instances");
	} else {
		json_arr_open(&s->j, NULL);
	}
}

static void show_end(struct show *s)
{
	if (!s->started)
		return;
	if (!s->stats) {
		json_arr_close(&s->j);
		return;
	}
	json_arr_close(&s->j);
	if (s->have_unmatched) {
		json_obj_open(&s->j, "unmatched");
		json_uint(&s->j, "drop_vrid", s->unmatched[VRRP_STAT_DROP_VRID]);
		json_uint(&s->j, "drop_length",
			  s->unmatched[VRRP_STAT_DROP_LENGTH]);
		json_obj_close(&s->j);
	}
	json_obj_close(&s->j);
}

static int on_instance(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct show *s = arg;
	struct instance in;

	if (vnl_parse(msg, tb))
		return -1;
	get_instance(tb, &in);
	show_begin(s);
	if (json_output && s->stats)
		print_stats_json_instance(&s->j, &in);
	else if (json_output)
		print_show_json(&s->j, &in);
	else if (s->stats)
		print_stats_text(&in);
	else {
		/* A blank line between blocks, as wg separates peers. */
		if (s->count)
			putchar('\n');
		print_show_text(&in);
	}
	s->count++;
	return 0;
}

static int on_netstats(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct show *s = arg;

	if (vnl_parse(msg, tb))
		return -1;
	get_stats(tb[VRRP_A_STATS], s->unmatched);
	s->have_unmatched = true;
	return 0;
}

static int get_instances(struct vnl *nl, const struct vrrp_config *c,
			 struct show *s)
{
	bool one = config_has(c, CFG_VRID);
	struct nl_msg *msg;

	msg = vnl_msg(nl, VRRP_CMD_GET_INSTANCE, one ? 0 : NLM_F_DUMP, 64);
	if (!msg)
		return EXIT_FAIL;
	/* With a dev, the kernel filters the dump by interface. */
	if ((config_has(c, CFG_DEV) &&
	     nla_put_u32(msg, VRRP_A_IFINDEX, c->ifindex)) ||
	    (one && nla_put_u8(msg, VRRP_A_VRID, c->vrid))) {
		nlmsg_free(msg);
		errorf("out of memory");
		return EXIT_FAIL;
	}
	return vnl_request(nl, msg, on_instance, s);
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
	if (s->stats && !config_has(c, CFG_DEV))
		ret = get_netstats(&nl, s);
	if (!ret)
		ret = get_instances(&nl, c, s);
	vnl_close(&nl);
	if (!ret) {
		show_begin(s);
		if (s->stats && s->have_unmatched && !json_output)
			printf("unmatched: drop_vrid %llu drop_length %llu\n",
			       (unsigned long long)s->unmatched[VRRP_STAT_DROP_VRID],
			       (unsigned long long)s->unmatched[VRRP_STAT_DROP_LENGTH]);
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

int stats_main(int argc, char **argv)
{
	return show_or_stats(true, argc, argv);
}
