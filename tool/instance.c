// SPDX-License-Identifier: GPL-2.0
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "config.h"
#include "family.h"
#include "instance.h"
#include "output.h"

static uint32_t get_u32(struct nlattr **tb, int type, uint32_t def)
{
	return tb[type] ? nla_get_u32(tb[type]) : def;
}

static uint8_t get_u8(struct nlattr **tb, int type, uint8_t def)
{
	return tb[type] ? nla_get_u8(tb[type]) : def;
}

void instance_get_stats(struct nlattr *nest, uint64_t *stats)
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

void instance_get(struct nlattr **tb, struct instance *in)
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
	in->vmac = get_u8(tb, VRRP_A_VMAC, 0);
	in->garp_count = get_u32(tb, VRRP_A_GARP_COUNT, 0);
	in->garp_interval_ms = get_u32(tb, VRRP_A_GARP_INTERVAL_MS, 0);
	/* A module older than the tool sends neither; say so, do not guess. */
	in->garp_delay = tb[VRRP_A_GARP_DELAY_MS];
	in->garp_refresh = tb[VRRP_A_GARP_REFRESH_MS];
	in->master = tb[VRRP_A_ACTIVE_ADDR];
	in->primary = tb[VRRP_A_PRIMARY_ADDR];
	in->vips = tb[VRRP_A_VIPS];
	in->routes = tb[VRRP_A_ROUTES];
	in->effective = tb[VRRP_A_EFFECTIVE_PRIORITY];
	in->reason = tb[VRRP_A_REASON];
	in->tracks = tb[VRRP_A_TRACKS];
	in->checksum = tb[VRRP_A_CHECKSUM];
	in->peers = tb[VRRP_A_PEERS];
	in->source = tb[VRRP_A_SOURCE];
	in->group = tb[VRRP_A_GROUP] ? nla_get_string(tb[VRRP_A_GROUP]) : NULL;
	in->name = tb[VRRP_A_NAME] ? nla_get_string(tb[VRRP_A_NAME]) : NULL;
	in->master_priority = tb[VRRP_A_ACTIVE_PRIORITY];
	in->state_age = tb[VRRP_A_STATE_AGE_MS];
	instance_get_stats(tb[VRRP_A_STATS], in->stats);
}

/* An interface's name, or "if<N>" for one that is gone. */
static const char *ifname_of(uint32_t ifindex, char *buf)
{
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%u", ifindex);
	return buf;
}

/* One VRRP_TRACK_A entry; false if it is not one this tool can read. */
struct track_entry {
	const char *keyword;		/* "track" or "track-dev" */
	const char *name;
	bool exists;			/* an interface: there now */
	bool up;
	struct nlattr *weight, *value;	/* NULL if not sent */
	char name_buf[IF_NAMESIZE];
};

static bool track_entry_get(struct nlattr *entry, struct track_entry *t)
{
	static struct nla_policy policy[VRRP_TRACK_A_MAX + 1] = {
		[VRRP_TRACK_A_NAME] = { .type = NLA_STRING },
		[VRRP_TRACK_A_IFINDEX] = { .type = NLA_U32 },
		[VRRP_TRACK_A_IFNAME] = { .type = NLA_STRING },
		[VRRP_TRACK_A_WEIGHT] = { .type = NLA_S32 },
		[VRRP_TRACK_A_STATE] = { .type = NLA_U8 },
		[VRRP_TRACK_A_VALUE] = { .type = NLA_S32 },
	};
	struct nlattr *tb[VRRP_TRACK_A_MAX + 1];

	if (nla_type(entry) != VRRP_TRACK_A ||
	    nla_parse_nested(tb, VRRP_TRACK_A_MAX, entry, policy))
		return false;
	if (tb[VRRP_TRACK_A_NAME]) {
		t->keyword = "track";
		t->name = nla_get_string(tb[VRRP_TRACK_A_NAME]);
	} else if (tb[VRRP_TRACK_A_IFNAME]) {
		t->keyword = "track-dev";
		t->name = nla_get_string(tb[VRRP_TRACK_A_IFNAME]);
	} else if (tb[VRRP_TRACK_A_IFINDEX]) {
		/* A request of ours (apply compares them): no name in it. */
		t->keyword = "track-dev";
		t->name = ifname_of(nla_get_u32(tb[VRRP_TRACK_A_IFINDEX]),
				    t->name_buf);
	} else {
		return false;
	}
	t->exists = tb[VRRP_TRACK_A_NAME] || tb[VRRP_TRACK_A_IFINDEX];
	t->up = tb[VRRP_TRACK_A_STATE] &&
		nla_get_u8(tb[VRRP_TRACK_A_STATE]) == VRRP_TRACK_UP;
	t->weight = tb[VRRP_TRACK_A_WEIGHT];
	t->value = tb[VRRP_TRACK_A_VALUE];
	return true;
}

/* The priority adverts carry: the configured one if the kernel is older. */
static unsigned int effective_priority(const struct instance *in)
{
	return in->effective ? nla_get_u8(in->effective) : in->priority;
}

/* The keyword add takes a vip with. */
static const char *vip_keyword(bool excluded)
{
	return excluded ? "vip-excluded" : "vip";
}

/* One VRRP_VIP_A entry, as add takes it. */
struct vip_entry {
	char addr[ADDR_STR_MAX + 8];	/* "192.0.2.10/24" */
	bool excluded;			/* adverts leave it out */
	const char *dev;		/* NULL: the instance's */
	const char *label;		/* NULL: none */
	const char *scope;		/* NULL: global */
	char dev_buf[IF_NAMESIZE];
	char scope_buf[4];
};

/* False for an entry without a usable address. */
static bool vip_entry_get(struct nlattr *entry, struct vip_entry *v)
{
	static struct nla_policy policy[VRRP_VIP_A_MAX + 1] = {
		[VRRP_VIP_A_PREFIXLEN] = { .type = NLA_U8 },
		[VRRP_VIP_A_EXCLUDED] = { .type = NLA_FLAG },
		[VRRP_VIP_A_IFINDEX] = { .type = NLA_U32 },
		[VRRP_VIP_A_LABEL] = { .type = NLA_STRING },
		[VRRP_VIP_A_SCOPE] = { .type = NLA_U8 },
	};
	struct nlattr *tb[VRRP_VIP_A_MAX + 1];
	char addr[ADDR_STR_MAX];
	unsigned int plen, scope;

	memset(v, 0, sizeof(*v));
	if (nla_type(entry) != VRRP_VIP_A ||
	    nla_parse_nested(tb, VRRP_VIP_A_MAX, entry, policy) ||
	    !vnl_addr(tb[VRRP_VIP_A_ADDR], addr, sizeof(addr)))
		return false;
	/* The kernel's default is the full length: a host address. */
	plen = tb[VRRP_VIP_A_PREFIXLEN] ? nla_get_u8(tb[VRRP_VIP_A_PREFIXLEN])
					: (unsigned int)nla_len(tb[VRRP_VIP_A_ADDR]) * 8;
	snprintf(v->addr, sizeof(v->addr), "%s/%u", addr, plen);
	v->excluded = tb[VRRP_VIP_A_EXCLUDED];
	if (tb[VRRP_VIP_A_IFINDEX])
		v->dev = ifname_of(nla_get_u32(tb[VRRP_VIP_A_IFINDEX]),
				   v->dev_buf);
	if (tb[VRRP_VIP_A_LABEL])
		v->label = nla_get_string(tb[VRRP_VIP_A_LABEL]);
	if (tb[VRRP_VIP_A_SCOPE]) {
		scope = nla_get_u8(tb[VRRP_VIP_A_SCOPE]);
		v->scope = config_scope_name(scope);
		if (!v->scope) {
			snprintf(v->scope_buf, sizeof(v->scope_buf), "%u", scope);
			v->scope = v->scope_buf;
		}
	}
	return true;
}

/* sep, then "vip 192.0.2.10/24 dev eth1 label eth1:v scope link". */
static void print_vip(FILE *f, const char *sep, const struct vip_entry *v)
{
	fprintf(f, "%s%s %s", sep, vip_keyword(v->excluded), v->addr);
	if (v->dev)
		fprintf(f, " dev %s", v->dev);
	if (v->label)
		fprintf(f, " label %s", v->label);
	if (v->scope)
		fprintf(f, " scope %s", v->scope);
}

/* One VRRP_ROUTE_A entry, as add takes it. */
struct route_entry {
	char dst[ADDR_STR_MAX + 8];
	char via_buf[ADDR_STR_MAX];
	const char *via;		/* NULL: none */
	char dev_buf[IF_NAMESIZE];
	const char *dev;		/* NULL: none */
};

static bool route_entry_get(struct nlattr *entry, struct route_entry *r)
{
	static struct nla_policy policy[VRRP_ROUTE_A_MAX + 1] = {
		[VRRP_ROUTE_A_PREFIXLEN] = { .type = NLA_U8 },
		[VRRP_ROUTE_A_IFINDEX] = { .type = NLA_U32 },
	};
	struct nlattr *tb[VRRP_ROUTE_A_MAX + 1];
	char addr[ADDR_STR_MAX];

	memset(r, 0, sizeof(*r));
	if (nla_type(entry) != VRRP_ROUTE_A ||
	    nla_parse_nested(tb, VRRP_ROUTE_A_MAX, entry, policy) ||
	    !tb[VRRP_ROUTE_A_PREFIXLEN] ||
	    !vnl_addr(tb[VRRP_ROUTE_A_DST], addr, sizeof(addr)))
		return false;
	snprintf(r->dst, sizeof(r->dst), "%s/%u", addr,
		 nla_get_u8(tb[VRRP_ROUTE_A_PREFIXLEN]));
	r->via = vnl_addr(tb[VRRP_ROUTE_A_GATEWAY], r->via_buf,
			  sizeof(r->via_buf));
	if (tb[VRRP_ROUTE_A_IFINDEX])
		r->dev = ifname_of(nla_get_u32(tb[VRRP_ROUTE_A_IFINDEX]),
				   r->dev_buf);
	return true;
}

/* sep, then "route 198.51.100.0/24 via 192.0.2.254 dev eth1". */
static void print_route(FILE *f, const char *sep,
			const struct route_entry *r)
{
	fprintf(f, "%sroute %s", sep, r->dst);
	if (r->via)
		fprintf(f, " via %s", r->via);
	if (r->dev)
		fprintf(f, " dev %s", r->dev);
}

void instance_json_stats(struct json *j, const uint64_t *stats)
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

/* {"kind": "track" or "track-dev", "name", "state", "weight", "value"}. */
static void json_track(struct json *j, struct nlattr *entry)
{
	struct track_entry t;

	if (!track_entry_get(entry, &t))
		return;
	json_obj_open(j, NULL);
	json_str(j, "kind", t.keyword);
	json_str(j, "name", t.name);
	json_str(j, "state", t.up ? "up" : "down");
	json_bool(j, "exists", t.exists);
	if (t.weight)
		json_int(j, "weight", nla_get_s32(t.weight));
	else
		json_str(j, "weight", NULL);
	if (t.value)
		json_int(j, "value", nla_get_s32(t.value));
	else
		json_str(j, "value", NULL);
	json_obj_close(j);
}

/* "KEY": [the vips that adverts list, or those they leave out]. */
static void json_vips(struct json *j, const char *key, struct nlattr *vips,
		      bool excluded)
{
	struct vip_entry e;
	struct nlattr *v;
	int rem;

	json_arr_open(j, key);
	if (vips)
		nla_for_each_nested(v, vips, rem)
			if (vip_entry_get(v, &e) && e.excluded == excluded)
				json_str(j, NULL, e.addr);
	json_arr_close(j);
}

/*
 * "placed_vips": [{"vip", "dev", "label", "scope"}] for the vips that are
 * not simply on the instance's interface with the defaults.
 */
static void json_placed_vips(struct json *j, struct nlattr *vips)
{
	struct vip_entry e;
	struct nlattr *v;
	int rem;

	json_arr_open(j, "placed_vips");
	if (vips)
		nla_for_each_nested(v, vips, rem) {
			if (!vip_entry_get(v, &e) ||
			    (!e.dev && !e.label && !e.scope))
				continue;
			json_obj_open(j, NULL);
			json_str(j, "vip", e.addr);
			json_str(j, "dev", e.dev);
			json_str(j, "label", e.label);
			json_str(j, "scope", e.scope);
			json_obj_close(j);
		}
	json_arr_close(j);
}

/* "routes": [{"dst", "via", "dev"}]. */
static void json_routes(struct json *j, struct nlattr *routes)
{
	struct route_entry r;
	struct nlattr *v;
	int rem;

	json_arr_open(j, "routes");
	if (routes)
		nla_for_each_nested(v, routes, rem) {
			if (!route_entry_get(v, &r))
				continue;
			json_obj_open(j, NULL);
			json_str(j, "dst", r.dst);
			json_str(j, "via", r.via);
			json_str(j, "dev", r.dev);
			json_obj_close(j);
		}
	json_arr_close(j);
}

/* The checksum setting's name, NULL where there is no choice. */
static const char *checksum_name(const struct instance *in)
{
	return in->checksum ? config_checksum_name(nla_get_u8(in->checksum)) :
			      NULL;
}

/*
 * "state_since": when the instance entered its state, in local time as
 * monitor -t writes it, and "state_age_ms"; null for an older module.
 */
static void json_state_since(struct json *j, const struct nlattr *age)
{
	struct timespec now;
	char buf[48], sec[32];
	time_t t;
	struct tm tm;
	uint64_t ms;

	if (!age) {
		json_str(j, "state_since", NULL);
		json_str(j, "state_age_ms", NULL);
		return;
	}
	ms = nla_get_u64(age);
	clock_gettime(CLOCK_REALTIME, &now);
	t = now.tv_sec - (time_t)(ms / 1000);
	ms %= 1000;
	if (now.tv_nsec / 1000000 < (long)ms)
		t--;
	localtime_r(&t, &tm);
	strftime(sec, sizeof(sec), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, sizeof(buf), "%.20s.%03u", sec,
		 (unsigned int)((now.tv_nsec / 1000000 + 1000 - (long)ms) % 1000));
	json_str(j, "state_since", buf);
	json_uint(j, "state_age_ms", nla_get_u64(age));
}

void instance_json(struct json *j, const struct instance *in)
{
	char buf[ADDR_STR_MAX + 8];
	struct nlattr *v;
	int rem;

	json_str(j, "dev", in->ifname);
	json_uint(j, "ifindex", in->ifindex);
	json_uint(j, "vrid", in->vrid);
	json_str(j, "family", in->family);
	json_str(j, "name", in->name);
	json_uint(j, "version", in->version);
	json_str(j, "checksum", checksum_name(in));
	json_str(j, "state", state_name(in->state));
	json_uint(j, "priority", in->priority);
	json_uint(j, "effective_priority", effective_priority(in));
	json_str(j, "reason", in->reason ? reason_name(nla_get_u8(in->reason))
					 : NULL);
	json_state_since(j, in->state_age);
	if (in->master_priority)
		json_uint(j, "master_priority", nla_get_u8(in->master_priority));
	else
		json_str(j, "master_priority", NULL);
	json_uint(j, "interval_ms", in->interval_ms);
	json_u32_or_null(j, "master_interval_ms", in->master_interval);
	json_bool(j, "preempt", in->preempt);
	json_uint(j, "preempt_delay_ms", in->preempt_delay_ms);
	json_bool(j, "accept", in->accept);
	json_bool(j, "vmac", in->vmac);
	json_uint(j, "garp_count", in->garp_count);
	json_uint(j, "garp_interval_ms", in->garp_interval_ms);
	json_u32_or_null(j, "garp_delay_ms", in->garp_delay);
	json_u32_or_null(j, "garp_refresh_ms", in->garp_refresh);
	json_vips(j, "vips", in->vips, false);
	json_vips(j, "excluded_vips", in->vips, true);
	json_placed_vips(j, in->vips);
	json_routes(j, in->routes);
	json_arr_open(j, "tracks");
	if (in->tracks)
		nla_for_each_nested(v, in->tracks, rem)
			json_track(j, v);
	json_arr_close(j);
	json_str(j, "group", in->group);
	json_arr_open(j, "peers");
	if (in->peers)
		nla_for_each_nested(v, in->peers, rem)
			json_str(j, NULL, vnl_addr(v, buf, sizeof(buf)));
	json_arr_close(j);
	json_str(j, "source", vnl_addr(in->source, buf, sizeof(buf)));
	json_str(j, "master_addr", vnl_addr(in->master, buf, sizeof(buf)));
	json_str(j, "primary_addr", vnl_addr(in->primary, buf, sizeof(buf)));
	instance_json_stats(j, in->stats);
}

static const char *or_none(const char *s)
{
	return s ? s : "none";
}

/* "  track nginx: down, value 3" or "  track-dev eth1: down (absent)". */
static void print_track_state(struct nlattr *entry)
{
	struct track_entry t;

	if (!track_entry_get(entry, &t))
		return;
	printf("  %s %s: %s", t.keyword, t.name, t.up ? "up" : "down");
	if (!t.exists)
		fputs(" (absent)", stdout);
	if (t.value)
		printf(", value %d", nla_get_s32(t.value));
	putchar('\n');
}

/* The virtual MAC (RFC 9568 7.3): 00:00:5e:00:01:VRID, 02 for IPv6. */
static const char *vmac_str(const struct instance *in, char *buf, size_t len)
{
	snprintf(buf, len, "00:00:5e:00:%02x:%02x",
		 strcmp(in->family, "inet6") ? 1 : 2, in->vrid);
	return buf;
}

/* "12.3s", "5m07s", "3h05m", "2d03h": how long, at a glance. */
static void print_age(uint64_t ms)
{
	uint64_t s = ms / 1000;

	if (s < 60)
		printf("%u.%us", (unsigned int)s, (unsigned int)(ms % 1000 / 100));
	else if (s < 3600)
		printf("%um%02us", (unsigned int)(s / 60), (unsigned int)(s % 60));
	else if (s < 86400)
		printf("%uh%02um", (unsigned int)(s / 3600),
		       (unsigned int)(s % 3600 / 60));
	else
		printf("%llud%02uh", (unsigned long long)(s / 86400),
		       (unsigned int)(s % 86400 / 3600));
}

/*
 * What the instance sees, as opposed to what it was told: the master and
 * its advert, the priority tracking left, how long the state has lasted.
 * "  master ADDR," comes first: scripts read the master from it.
 */
static void print_status(const struct instance *in)
{
	char a[ADDR_STR_MAX + 8], b[ADDR_STR_MAX];
	struct nlattr *v;
	int rem;

	printf("  master %s, primary %s",
	       or_none(vnl_addr(in->master, a, sizeof(a))),
	       or_none(vnl_addr(in->primary, b, sizeof(b))));
	if (in->master_priority)
		printf(", master's priority %u",
		       nla_get_u8(in->master_priority));
	if (in->master_interval)
		printf(", master's interval %ums",
		       nla_get_u32(in->master_interval));
	if (effective_priority(in) != in->priority)
		printf(", effective priority %u", effective_priority(in));
	if (in->vmac)
		printf(", virtual MAC %s", vmac_str(in, a, sizeof(a)));
	if (in->state_age) {
		fputs(", state age ", stdout);
		print_age(nla_get_u64(in->state_age));
	}
	/* Why the state is what it is; a fault's is on the line above. */
	if (in->reason && in->state != VRRP_STATE_FAULT)
		printf(", reason %s", reason_name(nla_get_u8(in->reason)));
	putchar('\n');
	if (in->tracks)
		nla_for_each_nested(v, in->tracks, rem)
			print_track_state(v);
}

/* A setting, or for a default the words that set it (" preempt"). */
static void print_setting_or_default(FILE *f, const struct instance *in,
				     const struct instance_setting *s)
{
	long before = ftell(f);

	s->print(f, in, " ");
	/* Only VRRPv3 over IPv4 has a checksum (the kernel sends none else). */
	if (s->field == CFG_CHECKSUM && !in->checksum)
		return;
	if (ftell(f) == before && s->scalar)
		fprintf(f, " %s", s->reset);
}

/*
 * Every setting in add's words, defaults included, so that the lines after
 * the status can be pasted after "vrrpadm add dev IF vrid N": the plain
 * settings on one line, the garp ones on the next, then each vip, route,
 * track, group, source or peer on its own line.
 */
static void print_all_settings(const struct instance *in)
{
	char *text = NULL;
	size_t len = 0, i = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return;
	for (; instance_settings[i].field != CFG_GARP_COUNT; i++)
		print_setting_or_default(m, in, &instance_settings[i]);
	fputs("\n ", m);
	for (; instance_settings[i].field != CFG_VIPS; i++)
		print_setting_or_default(m, in, &instance_settings[i]);
	for (; i < instance_nsettings; i++)
		instance_settings[i].print(m, in, "\n  ");
	if (!fclose(m))
		printf(" %s\n", text);
	free(text);
}

bool instance_selected(const struct vrrp_config *c, const struct instance *in)
{
	if (!c)
		return true;
	return (!config_has(c, CFG_VRID) || in->vrid == c->vrid) &&
	       (!config_has(c, CFG_FAMILY) ||
		!strcmp(in->family, c->family->name));
}

const char *instance_none_selected(const struct vrrp_config *sel)
{
	if (config_has(sel, CFG_VRID))
		return config_has(sel, CFG_DEV) ?
		       "vrid: no such instance on the interface" :
		       "vrid: no such instance";
	if (config_has(sel, CFG_DEV))
		return "dev: no instance on the interface";
	return "family: no instance of the family";
}

void instance_print_header(const struct instance *in)
{
	printf("%s vrid %u %s v%u: %s", in->ifname, in->vrid, in->family,
	       in->version, state_name(in->state));
	/* Fault says why: tracking, which the track lines below detail. */
	if (in->state == VRRP_STATE_FAULT && in->reason)
		printf(" (%s)", reason_name(nla_get_u8(in->reason)));
	putchar('\n');
}

void instance_print_text(const struct instance *in)
{
	instance_print_header(in);
	print_status(in);
	print_all_settings(in);
}

/* " track nginx weight -30", as add takes it. */
static void print_track_setting(FILE *f, struct nlattr *entry, const char *sep)
{
	struct track_entry t;

	if (!track_entry_get(entry, &t))
		return;
	fprintf(f, "%s%s %s", sep, t.keyword, t.name);
	if (t.weight)
		fprintf(f, " weight %d", nla_get_s32(t.weight));
}

/*
 * One printer per setting, each printing its words as add takes them
 * (sep before each item): show's text line, showconf's block and apply's
 * comparison of the kernel with the file are all made of these. Defaults
 * are left out, as the user would leave them out of add; priority and
 * interval are always there, as they are what one looks for.
 */
static void print_name(FILE *f, const struct instance *in, const char *sep)
{
	if (in->name)
		fprintf(f, "%sname %s", sep, in->name);
}

static void print_version(FILE *f, const struct instance *in, const char *sep)
{
	if (in->version != 3)
		fprintf(f, "%sversion %u", sep, in->version);
}

static void print_checksum(FILE *f, const struct instance *in, const char *sep)
{
	if (in->checksum && nla_get_u8(in->checksum) != VRRP_CHECKSUM_EITHER &&
	    checksum_name(in))
		fprintf(f, "%schecksum %s", sep, checksum_name(in));
}

static void print_priority(FILE *f, const struct instance *in, const char *sep)
{
	fprintf(f, "%spriority %u", sep, in->priority);
}

static void print_interval(FILE *f, const struct instance *in, const char *sep)
{
	fprintf(f, "%sinterval %ums", sep, in->interval_ms);
}

static void print_preempt(FILE *f, const struct instance *in, const char *sep)
{
	if (!in->preempt)
		fprintf(f, "%snopreempt", sep);
}

static void print_preempt_delay(FILE *f, const struct instance *in,
				const char *sep)
{
	if (in->preempt_delay_ms)
		fprintf(f, "%spreempt-delay %ums", sep, in->preempt_delay_ms);
}

static void print_accept(FILE *f, const struct instance *in, const char *sep)
{
	if (!in->accept)
		fprintf(f, "%snoaccept", sep);
}

static void print_vmac(FILE *f, const struct instance *in, const char *sep)
{
	if (in->vmac)
		fprintf(f, "%svmac", sep);
}

static void print_garp_count(FILE *f, const struct instance *in,
			     const char *sep)
{
	if (in->garp_count != VRRP_GARP_COUNT_DEFAULT)
		fprintf(f, "%sgarp-count %u", sep, in->garp_count);
}

static void print_garp_interval(FILE *f, const struct instance *in,
				const char *sep)
{
	if (in->garp_interval_ms)
		fprintf(f, "%sgarp-interval %ums", sep, in->garp_interval_ms);
}

static void print_garp_delay(FILE *f, const struct instance *in,
			     const char *sep)
{
	if (in->garp_delay &&
	    nla_get_u32(in->garp_delay) != VRRP_GARP_DELAY_MS_DEFAULT)
		fprintf(f, "%sgarp-delay %ums", sep,
			nla_get_u32(in->garp_delay));
}

static void print_garp_refresh(FILE *f, const struct instance *in,
			       const char *sep)
{
	if (in->garp_refresh && nla_get_u32(in->garp_refresh))
		fprintf(f, "%sgarp-refresh %ums", sep,
			nla_get_u32(in->garp_refresh));
}

static void print_vips(FILE *f, const struct instance *in, const char *sep)
{
	struct vip_entry e;
	struct nlattr *v;
	int rem;

	if (in->vips)
		nla_for_each_nested(v, in->vips, rem)
			if (vip_entry_get(v, &e))
				print_vip(f, sep, &e);
}

static void print_routes(FILE *f, const struct instance *in, const char *sep)
{
	struct route_entry r;
	struct nlattr *v;
	int rem;

	if (in->routes)
		nla_for_each_nested(v, in->routes, rem)
			if (route_entry_get(v, &r))
				print_route(f, sep, &r);
}

static void print_tracks(FILE *f, const struct instance *in, const char *sep)
{
	struct nlattr *v;
	int rem;

	if (in->tracks)
		nla_for_each_nested(v, in->tracks, rem)
			print_track_setting(f, v, sep);
}

static void print_group(FILE *f, const struct instance *in, const char *sep)
{
	if (in->group)
		fprintf(f, "%sgroup %s", sep, in->group);
}

static void print_source(FILE *f, const struct instance *in, const char *sep)
{
	char buf[ADDR_STR_MAX];

	if (in->source && vnl_addr(in->source, buf, sizeof(buf)))
		fprintf(f, "%ssource %s", sep, buf);
}

static void print_peers(FILE *f, const struct instance *in, const char *sep)
{
	char buf[ADDR_STR_MAX];
	struct nlattr *v;
	int rem;

	if (in->peers)
		nla_for_each_nested(v, in->peers, rem)
			if (vnl_addr(v, buf, sizeof(buf)))
				fprintf(f, "%speer %s", sep, buf);
}

/* In show's order. reset: the words that undo the setting in set. */
const struct instance_setting instance_settings[] = {
	{ CFG_NAME, print_name, "noname", false },
	{ CFG_VERSION, print_version, "version 3", true },
	{ CFG_CHECKSUM, print_checksum, "checksum either", true },
	{ CFG_PRIORITY, print_priority, NULL, false },
	{ CFG_INTERVAL, print_interval, NULL, false },
	{ CFG_PREEMPT, print_preempt, "preempt", true },
	{ CFG_PREEMPT_DELAY, print_preempt_delay, "preempt-delay 0", true },
	{ CFG_ACCEPT, print_accept, "accept", true },
	{ CFG_VMAC, print_vmac, "novmac", true },
	{ CFG_GARP_COUNT, print_garp_count, "garp-count 5", true },
	{ CFG_GARP_INTERVAL, print_garp_interval, "garp-interval 0", true },
	{ CFG_GARP_DELAY, print_garp_delay, "garp-delay 5s", true },
	{ CFG_GARP_REFRESH, print_garp_refresh, "garp-refresh 0", true },
	{ CFG_VIPS, print_vips, NULL, false },
	{ CFG_ROUTES, print_routes, "noroute", false },
	{ CFG_TRACKS, print_tracks, "notrack", false },
	{ CFG_GROUP, print_group, "nogroup", false },
	{ CFG_SOURCE, print_source, "nosource", false },
	{ CFG_PEERS, print_peers, "nopeer", false },
};

const size_t instance_nsettings =
	sizeof(instance_settings) / sizeof(instance_settings[0]);

void instance_print_settings(FILE *f, const struct instance *in)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return;
	for (size_t i = 0; i < instance_nsettings; i++)
		instance_settings[i].print(m, in, " ");
	fclose(m);
	/* Without the first separator. */
	fputs(text + (len ? 1 : 0), f);
	free(text);
}

/*
 * showconf's block: "instance dev IF vrid N", then the settings indented,
 * the plain ones on one line and each vip, route, track or peer on its own;
 * a blank line before it.
 */
void instance_print_config(FILE *f, const struct instance *in)
{
	size_t i;

	fprintf(f, "\ninstance dev %s vrid %u", in->ifname, in->vrid);
	if (strcmp(in->family, family_default()->name))
		fprintf(f, " family %s", in->family);
	fputs("\n   ", f);
	for (i = 0; instance_settings[i].field != CFG_VIPS; i++)
		instance_settings[i].print(f, in, " ");
	for (; i < instance_nsettings; i++)
		instance_settings[i].print(f, in, "\n    ");
	fputc('\n', f);
}
