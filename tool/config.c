// SPDX-License-Identifier: GPL-2.0
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include <linux/vrrp.h>

#include "config.h"
#include "parse.h"

#define ALL_CMDS (CONFIG_ADD | CONFIG_SET | CONFIG_DEL | CONFIG_SELECT)
#define CHANGE_CMDS (CONFIG_ADD | CONFIG_SET)

/*
 * The keywords, in the order the help lists them: this table is the one
 * source of the add/set synopsis and the PARAMS help; a unit test holds the
 * man page to it.
 */
struct keyword {
	const char *name;
	unsigned int cmds;		/* enum config_cmd bits accepting it */
	enum config_field field;
	unsigned int attr;		/* the VRRP_A_* it sets */
	const char *arg;		/* the value's name in the help, NULL: none */
	int (*parse)(struct vrrp_config *c, const char *kw, const char *val);
	bool params;			/* part of [PARAMS] in the synopsis */
	const char *help;		/* PARAMS help; NULL: the line above says it */
};

static int parse_u8(const char *kw, const char *val, uint32_t min,
		    uint8_t *out)
{
	uint32_t v;

	if (parse_uint(val, min, UINT8_MAX, &v)) {
		errorf("invalid %s \"%s\" (expected %u-255)", kw, val, min);
		return -1;
	}
	*out = (uint8_t)v;
	return 0;
}

static int parse_ms(const char *kw, const char *val, uint32_t *out)
{
	const char *why = parse_duration_ms(val, out);

	if (why)
		errorf("invalid %s \"%s\": %s", kw, val, why);
	return why ? -1 : 0;
}

static int kw_dev(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)kw;
	c->dev = val;
	return 0;
}

static int kw_vrid(struct vrrp_config *c, const char *kw, const char *val)
{
	return parse_u8(kw, val, 1, &c->vrid);
}

static int kw_family(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)kw;
	return family_parse(val, &c->family);
}

/* 0 fits the attribute; the kernel explains why it is refused. */
static int kw_priority(struct vrrp_config *c, const char *kw, const char *val)
{
	return parse_u8(kw, val, 0, &c->priority);
}

static int kw_interval(struct vrrp_config *c, const char *kw, const char *val)
{
	return parse_ms(kw, val, &c->interval_ms);
}

static int kw_version(struct vrrp_config *c, const char *kw, const char *val)
{
	if (strcmp(val, "2") && strcmp(val, "3")) {
		errorf("invalid %s \"%s\" (expected 2 or 3)", kw, val);
		return -1;
	}
	c->version = (uint8_t)(val[0] - '0');
	return 0;
}

/* The names of enum vrrp_checksum, as typed and as shown. */
static const char *const checksum_names[] = {
	[VRRP_CHECKSUM_EITHER] = "either",
	[VRRP_CHECKSUM_PSEUDO_HEADER] = "pseudo-header",
	[VRRP_CHECKSUM_RFC9568] = "rfc9568",
};

const char *config_checksum_name(unsigned int checksum)
{
	return checksum < sizeof(checksum_names) / sizeof(checksum_names[0]) ?
	       checksum_names[checksum] : NULL;
}

static int kw_checksum(struct vrrp_config *c, const char *kw, const char *val)
{
	for (uint8_t i = 0; i < __VRRP_CHECKSUM_MAX; i++) {
		if (!strcmp(val, checksum_names[i])) {
			c->checksum = i;
			return 0;
		}
	}
	errorf("invalid %s \"%s\" (expected either, pseudo-header or rfc9568)",
	       kw, val);
	return -1;
}

static int kw_preempt(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)val;
	c->preempt = !strcmp(kw, "preempt");
	return 0;
}

static int kw_preempt_delay(struct vrrp_config *c, const char *kw,
			    const char *val)
{
	return parse_ms(kw, val, &c->preempt_delay_ms);
}

static int kw_accept(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)val;
	c->accept = !strcmp(kw, "accept");
	return 0;
}

static int kw_vmac(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)val;
	c->vmac = !strcmp(kw, "vmac");
	return 0;
}

static int kw_garp_count(struct vrrp_config *c, const char *kw,
			 const char *val)
{
	if (parse_uint(val, 0, UINT32_MAX, &c->garp_count)) {
		errorf("invalid %s \"%s\" (expected a number)", kw, val);
		return -1;
	}
	return 0;
}

static int kw_garp_interval(struct vrrp_config *c, const char *kw,
			    const char *val)
{
	return parse_ms(kw, val, &c->garp_interval_ms);
}

static int kw_garp_delay(struct vrrp_config *c, const char *kw,
			 const char *val)
{
	return parse_ms(kw, val, &c->garp_delay_ms);
}

static int kw_garp_refresh(struct vrrp_config *c, const char *kw,
			   const char *val)
{
	return parse_ms(kw, val, &c->garp_refresh_ms);
}

/*
 * Only the text is kept here: "family" may still follow, and the address
 * syntax depends on it. config_parse_vips() converts at the end.
 */
static int kw_vip(struct vrrp_config *c, const char *kw, const char *val)
{
	c->vips[c->nvips].excluded = !strcmp(kw, "vip-excluded");
	c->vips[c->nvips].scope = -1;
	c->vip_text[c->nvips++] = val;
	return 0;
}

/* Address scopes by name, as `ip addr` takes and shows them. */
static const struct {
	const char *name;
	unsigned int scope;
} scopes[] = {
	{ "global", 0 }, { "site", 200 }, { "link", 253 }, { "host", 254 },
	{ "nowhere", 255 },
};

const char *config_scope_name(unsigned int scope)
{
	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++)
		if (scopes[i].scope == scope)
			return scopes[i].name;
	return NULL;
}

static int parse_scope(const char *val, int *out)
{
	uint32_t v;

	for (size_t i = 0; i < sizeof(scopes) / sizeof(scopes[0]); i++) {
		if (!strcmp(val, scopes[i].name)) {
			*out = (int)scopes[i].scope;
			return 0;
		}
	}
	if (parse_uint(val, 0, 255, &v)) {
		errorf("invalid scope \"%s\" (expected global, site, link, host, nowhere or 0-255)",
		       val);
		return -1;
	}
	*out = (int)v;
	return 0;
}

static int kw_route(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)kw;
	c->routes[c->nroutes++].text = val;
	return 0;
}

static int kw_track(struct vrrp_config *c, const char *kw, const char *val)
{
	struct config_track *t = &c->tracks[c->ntracks++];

	t->name = val;
	t->dev = !strcmp(kw, "track-dev");
	return 0;
}

static int kw_notrack(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)c;
	(void)kw;
	(void)val;
	return 0;
}

static int kw_peer(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)kw;
	c->peer_text[c->npeers++] = val;
	return 0;
}

static int kw_source(struct vrrp_config *c, const char *kw, const char *val)
{
	c->source_text = strcmp(kw, "nosource") ? val : "";
	return 0;
}

static int kw_name(struct vrrp_config *c, const char *kw, const char *val)
{
	if (!strcmp(kw, "noname")) {
		c->name = "";
		return 0;
	}
	if (!*val || strlen(val) >= VRRP_NAME_MAX) {
		errorf("invalid name \"%s\" (expected 1-%d bytes)", val,
		       VRRP_NAME_MAX - 1);
		return -1;
	}
	for (const char *p = val; *p; p++)
		if (*p <= ' ' || *p > '~') {
			errorf("invalid name \"%s\" (printable ASCII, no blanks)",
			       val);
			return -1;
		}
	c->name = val;
	return 0;
}

static int kw_group(struct vrrp_config *c, const char *kw, const char *val)
{
	c->group = strcmp(kw, "nogroup") ? val : "";
	return 0;
}

/* "weight W" after a track or track-dev belongs to it. */
static int parse_weight(struct config_track *t, const char *val)
{
	long w;
	char *end;

	w = strtol(val, &end, 10);
	if (!*val || *end || w < -253 || w > 253 || !w) {
		errorf("invalid weight \"%s\" (expected -253 to 253, not 0)", val);
		return -1;
	}
	t->has_weight = true;
	t->weight = (int32_t)w;
	return 0;
}

static const struct keyword keywords[] = {
	{ "dev", ALL_CMDS, CFG_DEV, VRRP_A_IFINDEX, "IF", kw_dev, false, NULL },
	{ "vrid", ALL_CMDS, CFG_VRID, VRRP_A_VRID, "N", kw_vrid, false, NULL },
	{ "family", CHANGE_CMDS | CONFIG_DEL | CONFIG_SELECT, CFG_FAMILY,
	  VRRP_A_FAMILY, "inet|inet6", kw_family, true,
	  "address family: inet (IPv4, the default) or inet6\n"
	  "(IPv6: the first vip must be link-local)" },
	{ "version", CHANGE_CMDS, CFG_VERSION, VRRP_A_VERSION, "2|3",
	  kw_version, true,
	  "VRRP version: 3 (default, RFC 9568) or 2 (RFC 3768,\n"
	  "inet only, interval in whole seconds)" },
	{ "checksum", CHANGE_CMDS, CFG_CHECKSUM, VRRP_A_CHECKSUM,
	  "either|pseudo-header|rfc9568", kw_checksum, true,
	  "what a VRRPv3 over IPv4 checksum covers: either\n"
	  "(default: send with the IPv4 pseudo-header as\n"
	  "keepalived and FRR do, accept both), pseudo-header,\n"
	  "or rfc9568 (the message only)" },
	{ "priority", CHANGE_CMDS, CFG_PRIORITY, VRRP_A_PRIORITY, "P",
	  kw_priority, true,
	  "priority, 1-255 (default 100; 255: the address owner)" },
	{ "interval", CHANGE_CMDS, CFG_INTERVAL, VRRP_A_INTERVAL_MS, "DURATION",
	  kw_interval, true,
	  "advertisement interval (default 1s)" },
	{ "preempt", CHANGE_CMDS, CFG_PREEMPT, VRRP_A_PREEMPT, NULL,
	  kw_preempt, true,
	  "take over from a lower priority master (default preempt)" },
	{ "nopreempt", CHANGE_CMDS, CFG_PREEMPT, VRRP_A_PREEMPT, NULL,
	  kw_preempt, true, NULL },
	{ "preempt-delay", CHANGE_CMDS, CFG_PREEMPT_DELAY,
	  VRRP_A_PREEMPT_DELAY_MS, "DURATION", kw_preempt_delay, true,
	  "wait this long after startup before preempting (default 0)" },
	{ "accept", CHANGE_CMDS, CFG_ACCEPT, VRRP_A_ACCEPT, NULL,
	  kw_accept, true,
	  "answer traffic to the vips as a non-owner master\n"
	  "(default accept; noaccept: only ARP and neighbor\n"
	  "discovery reach them)" },
	{ "noaccept", CHANGE_CMDS, CFG_ACCEPT, VRRP_A_ACCEPT, NULL,
	  kw_accept, true, NULL },
	{ "vmac", CHANGE_CMDS, CFG_VMAC, VRRP_A_VMAC, NULL, kw_vmac, true,
	  "while master, be reached at the virtual MAC\n"
	  "00:00:5e:00:01:VRID (inet6: 00:00:5e:00:02:VRID),\n"
	  "which adverts, ARP and ND come from (default novmac)" },
	{ "novmac", CHANGE_CMDS, CFG_VMAC, VRRP_A_VMAC, NULL, kw_vmac, true,
	  NULL },
	{ "garp-count", CHANGE_CMDS, CFG_GARP_COUNT, VRRP_A_GARP_COUNT, "N",
	  kw_garp_count, true,
	  "gratuitous ARPs per vip on becoming master (default 5)" },
	{ "garp-interval", CHANGE_CMDS, CFG_GARP_INTERVAL,
	  VRRP_A_GARP_INTERVAL_MS, "DURATION", kw_garp_interval, true,
	  "time between them (default 0: all at once)" },
	{ "garp-delay", CHANGE_CMDS, CFG_GARP_DELAY,
	  VRRP_A_GARP_DELAY_MS, "DURATION", kw_garp_delay, true,
	  "a second garp-count set this long after the first\n"
	  "(default 5s; 0: none)" },
	{ "garp-refresh", CHANGE_CMDS, CFG_GARP_REFRESH,
	  VRRP_A_GARP_REFRESH_MS, "DURATION", kw_garp_refresh, true,
	  "while master, one gratuitous ARP per vip this often\n"
	  "(default 0: off; otherwise 1s-3600s)" },
	{ "vip", CHANGE_CMDS, CFG_VIPS, VRRP_A_VIPS, "ADDR[/PLEN]",
	  kw_vip, false,
	  "a virtual address of the family, PLEN 1-32 (inet,\n"
	  "default 32) or 1-128 (inet6, default 128),\n"
	  "repeatable; after it (or a vip-excluded): dev IF puts\n"
	  "it on IF (once the instance's own dev is given),\n"
	  "label L and scope global|site|link|host|N set its\n"
	  "label and scope (inet)" },
	{ "vip-excluded", CHANGE_CMDS, CFG_VIPS, VRRP_A_VIPS, "ADDR[/PLEN]",
	  kw_vip, true,
	  "a virtual address the master holds but adverts do\n"
	  "not list (keepalived's virtual_ipaddress_excluded);\n"
	  "repeatable" },
	{ "track", CHANGE_CMDS, CFG_TRACKS, VRRP_A_TRACKS, "NAME [weight W]",
	  kw_track, true,
	  "track health object NAME (vrrpadm track): without a\n"
	  "weight, fault while it is down; W -253..253: a\n"
	  "negative W is added to the priority while it is down,\n"
	  "a positive W while it is up; repeatable" },
	{ "track-dev", CHANGE_CMDS, CFG_TRACK_DEVS, VRRP_A_TRACKS, "IF [weight W]",
	  kw_track, true,
	  "track interface IF (up, with carrier) the same way" },
	{ "notrack", CONFIG_SET, CFG_NOTRACK, VRRP_A_TRACKS, NULL, kw_notrack,
	  true, "track nothing any more (set; a track list replaces\n"
	  "the whole list)" },
	{ "group", CHANGE_CMDS, CFG_GROUP, VRRP_A_GROUP, "NAME", kw_group, true,
	  "sync group NAME: its instances are master together\n"
	  "or not at all" },
	{ "nogroup", CONFIG_SET, CFG_GROUP, VRRP_A_GROUP, NULL, kw_group, true,
	  NULL },
	{ "peer", CHANGE_CMDS, CFG_PEERS, VRRP_A_PEERS, "ADDR", kw_peer, true,
	  "unicast: send adverts to ADDR instead of the group,\n"
	  "and take adverts only from the peers; repeatable\n"
	  "(set: the list replaces the whole list)" },
	{ "nopeer", CONFIG_SET, CFG_NOPEER, VRRP_A_PEERS, NULL, kw_notrack,
	  true, "multicast again (set)" },
	{ "source", CHANGE_CMDS, CFG_SOURCE, VRRP_A_SOURCE, "ADDR", kw_source,
	  true,
	  "send adverts from ADDR (an address of the interface)\n"
	  "instead of the primary address" },
	{ "nosource", CONFIG_SET, CFG_SOURCE, VRRP_A_SOURCE, NULL, kw_source,
	  true, NULL },
	{ "route", CHANGE_CMDS, CFG_ROUTES, VRRP_A_ROUTES,
	  "PREFIX [via GW] [dev IF]", kw_route, true,
	  "while master, this route too (keepalived's\n"
	  "virtual_routes): added after the vips, removed\n"
	  "before them; without via or dev, on the instance's\n"
	  "interface; repeatable (set: the list replaces the\n"
	  "whole list)" },
	{ "noroute", CONFIG_SET, CFG_NOROUTE, VRRP_A_ROUTES, NULL, kw_notrack,
	  true, "no virtual routes any more (set)" },
	{ "name", CHANGE_CMDS, CFG_NAME, VRRP_A_NAME, "NAME", kw_name, true,
	  "a name for the instance (keepalived's VI_1), in its\n"
	  "log lines, events and notify scripts" },
	{ "noname", CONFIG_SET, CFG_NAME, VRRP_A_NAME, NULL, kw_name, true,
	  NULL },
};

#define NKEYWORDS (sizeof(keywords) / sizeof(keywords[0]))

/*
 * The keyword name is, or begins, as ip(8) takes "prio" for priority; a
 * beginning that several keywords share is refused (*ambiguous set), as a
 * guess there could change the wrong setting.
 */
static const struct keyword *find_keyword(const char *name,
					  enum config_cmd cmd,
					  bool *ambiguous)
{
	const struct keyword *found = NULL;
	size_t len = strlen(name);

	*ambiguous = false;
	for (size_t i = 0; i < NKEYWORDS; i++)
		if ((keywords[i].cmds & cmd) && !strcmp(keywords[i].name, name))
			return &keywords[i];
	for (size_t i = 0; len && i < NKEYWORDS; i++) {
		if (!(keywords[i].cmds & cmd) ||
		    strncmp(keywords[i].name, name, len))
			continue;
		if (found) {
			*ambiguous = true;
			return NULL;
		}
		found = &keywords[i];
	}
	return found;
}

/* "unknown argument", or which keywords an ambiguous beginning fits. */
static void unknown_keyword(const char *name, enum config_cmd cmd,
			    bool ambiguous)
{
	char list[256] = "";
	size_t len = strlen(name);

	if (!ambiguous) {
		errorf("unknown argument \"%s\"", name);
		return;
	}
	for (size_t i = 0; i < NKEYWORDS; i++)
		if ((keywords[i].cmds & cmd) &&
		    !strncmp(keywords[i].name, name, len) &&
		    strlen(list) + strlen(keywords[i].name) + 3 < sizeof(list)) {
			strcat(list, *list ? ", " : "");
			strcat(list, keywords[i].name);
		}
	errorf("\"%s\" is ambiguous: %s", name, list);
}

const char *config_attr_keyword(unsigned int attr, bool *duration)
{
	for (size_t i = 0; i < NKEYWORDS; i++) {
		if (keywords[i].attr != attr)
			continue;
		if (duration)
			*duration = keywords[i].arg &&
				    !strcmp(keywords[i].arg, "DURATION");
		return keywords[i].name;
	}
	return NULL;
}

bool config_has(const struct vrrp_config *c, enum config_field f)
{
	return c->given & (1u << f);
}

/* "vip", "track" and "track-dev" may repeat. */
static int mark_given(struct vrrp_config *c, const struct keyword *kw,
		      const char **seen)
{
	if (config_has(c, kw->field) && kw->field != CFG_VIPS &&
	    kw->field != CFG_TRACKS && kw->field != CFG_TRACK_DEVS &&
	    kw->field != CFG_PEERS && kw->field != CFG_ROUTES) {
		if (!strcmp(seen[kw->field], kw->name))
			errorf("\"%s\" is given twice", kw->name);
		else
			errorf("\"%s\" conflicts with \"%s\"", kw->name,
			       seen[kw->field]);
		return -1;
	}
	c->given |= 1u << kw->field;
	seen[kw->field] = kw->name;
	return 0;
}

/*
 * The value after argv[*i], which is option @name of a vip or route;
 * NULL after saying that it is missing or given twice.
 */
static const char *option_value(int argc, char **argv, int *i,
				const char *seen)
{
	const char *name = argv[*i + 1];

	if (*i + 2 >= argc) {
		errorf("\"%s\" needs a value", name);
		return NULL;
	}
	if (seen) {
		errorf("\"%s\" is given twice for one %s", name, seen);
		return NULL;
	}
	*i += 2;
	return argv[*i];
}

/* Option value into *slot, which must not be set yet: -1 if refused. */
static int take_option(int argc, char **argv, int *i, const char **slot,
		       const char *owner)
{
	const char *val = option_value(argc, argv, i, *slot ? owner : NULL);

	if (!val)
		return -1;
	*slot = val;
	return 0;
}

/*
 * "dev IF", "label L" and "scope S" right after a vip. "dev" is the vip's
 * only once the instance's own dev is given: before, it is the instance's,
 * as it always was.
 */
static int parse_vip_options(struct vrrp_config *c, struct vip *v, int argc,
			     char **argv, int *i)
{
	while (*i + 1 < argc) {
		const char *opt = argv[*i + 1];

		if (!strcmp(opt, "dev") && config_has(c, CFG_DEV)) {
			if (take_option(argc, argv, i, &v->dev, "vip"))
				return -1;
		} else if (!strcmp(opt, "label")) {
			if (take_option(argc, argv, i, &v->label, "vip"))
				return -1;
		} else if (!strcmp(opt, "scope")) {
			const char *val = option_value(argc, argv, i,
						       v->scope >= 0 ? "vip" : NULL);

			if (!val || parse_scope(val, &v->scope))
				return -1;
		} else {
			break;
		}
	}
	return 0;
}

/* "via GW" and "dev IF" right after a route. */
static int parse_route_options(struct config_route *r, int argc, char **argv,
			       int *i)
{
	while (*i + 1 < argc) {
		const char *opt = argv[*i + 1];

		if (!strcmp(opt, "via")) {
			if (take_option(argc, argv, i, &r->via, "route"))
				return -1;
		} else if (!strcmp(opt, "dev")) {
			if (take_option(argc, argv, i, &r->dev, "route"))
				return -1;
		} else {
			break;
		}
	}
	return 0;
}

/* How many vips adverts will list. */
static size_t advertised(const struct vrrp_config *c)
{
	size_t n = 0;

	for (size_t i = 0; i < c->nvips; i++)
		n += !c->vips[i].excluded;
	return n;
}

/*
 * As `ip addr` has it: a label is the interface's name, or starts with it
 * and a colon; it is an IPv4 thing, and so is a scope.
 */
static int check_label(const struct vrrp_config *c, const struct vip *v,
		       const char *text)
{
	const char *dev = v->dev ? v->dev : c->dev;
	size_t n = strlen(dev);

	if ((v->label || v->scope >= 0) && c->family->af != AF_INET) {
		errorf("vip \"%s\": label and scope are for inet addresses",
		       text);
		return -1;
	}
	if (!v->label)
		return 0;
	if (strncmp(v->label, dev, n) || (v->label[n] && v->label[n] != ':')) {
		errorf("vip \"%s\": label \"%s\" must be \"%s\" or start with \"%s:\"",
		       text, v->label, dev, dev);
		return -1;
	}
	if (strlen(v->label) >= IF_NAMESIZE) {
		errorf("vip \"%s\": label \"%s\" is longer than %d characters",
		       text, v->label, IF_NAMESIZE - 1);
		return -1;
	}
	return 0;
}

static int parse_route_addrs(const struct vrrp_config *c,
			     struct config_route *r)
{
	const char *why = NULL;

	/* As `ip route` has it: 0.0.0.0/0 or ::/0. */
	if (!strcmp(r->text, "default"))
		memset(&r->dst, 0, sizeof(r->dst));
	else
		why = family_parse_vip(c->family, r->text, &r->dst);
	if (why) {
		errorf("invalid route \"%s\": %s", r->text, why);
		return -1;
	}
	if (r->via) {
		why = family_parse_addr(c->family, r->via, &r->gw);
		if (why) {
			errorf("invalid via \"%s\": %s", r->via, why);
			return -1;
		}
	}
	return 0;
}

/* The addresses, once the family is known, wherever "family" stood. */
/* Where the last config_parse() stopped, for config_failed_word(). */
static const char *failed_word;

const char *config_failed_word(void)
{
	return failed_word;
}

static int config_parse_addrs(struct vrrp_config *c)
{
	const char *why;

	for (size_t i = 0; i < c->nvips; i++) {
		bool excluded = c->vips[i].excluded;

		struct vip typed = c->vips[i];

		why = family_parse_vip(c->family, c->vip_text[i], &c->vips[i]);
		c->vips[i].excluded = excluded;
		c->vips[i].dev = typed.dev;
		c->vips[i].label = typed.label;
		c->vips[i].scope = typed.scope;
		if (why) {
			failed_word = c->vip_text[i];
			errorf("invalid vip \"%s\": %s", c->vip_text[i], why);
			return -1;
		}
	}
	for (size_t i = 0; i < c->nvips; i++) {
		failed_word = c->vip_text[i];
		if (check_label(c, &c->vips[i], c->vip_text[i]))
			return -1;
	}
	for (size_t i = 0; i < c->nroutes; i++) {
		failed_word = c->routes[i].text;
		if (parse_route_addrs(c, &c->routes[i]))
			return -1;
	}
	for (size_t i = 0; i < c->npeers; i++) {
		why = family_parse_addr(c->family, c->peer_text[i], &c->peers[i]);
		if (why) {
			failed_word = c->peer_text[i];
			errorf("invalid peer \"%s\": %s", c->peer_text[i], why);
			return -1;
		}
	}
	if (c->source_text && *c->source_text) {
		why = family_parse_addr(c->family, c->source_text, &c->source);
		if (why) {
			failed_word = c->source_text;
			errorf("invalid source \"%s\": %s", c->source_text, why);
			return -1;
		}
	}
	failed_word = NULL;
	return 0;
}

static int config_check_required(const struct vrrp_config *c,
				 enum config_cmd cmd)
{
	if (cmd == CONFIG_SELECT)
		return 0;
	/* del selects as show does, but never everything by accident. */
	if (cmd == CONFIG_DEL) {
		if (config_has(c, CFG_DEV) || config_has(c, CFG_VRID) ||
		    config_has(c, CFG_FAMILY))
			return 0;
		errorf("\"dev IF\", \"vrid N\" or \"family F\" is required (flush deletes every instance)");
		return -1;
	}
	if (!config_has(c, CFG_DEV)) {
		errorf("\"dev IF\" is required");
		return -1;
	}
	if (!config_has(c, CFG_VRID)) {
		errorf("\"vrid N\" is required");
		return -1;
	}
	if ((cmd == CONFIG_ADD || c->nvips) && !advertised(c)) {
		errorf("at least one \"vip ADDR[/PLEN]\" is required");
		return -1;
	}
	if (config_has(c, CFG_NOTRACK) && c->ntracks) {
		errorf("\"notrack\" conflicts with \"%s\"",
		       c->tracks[0].dev ? "track-dev" : "track");
		return -1;
	}
	if (config_has(c, CFG_NOPEER) && c->npeers) {
		errorf("\"nopeer\" conflicts with \"peer\"");
		return -1;
	}
	if (config_has(c, CFG_NOROUTE) && c->nroutes) {
		errorf("\"noroute\" conflicts with \"route\"");
		return -1;
	}
	return 0;
}

int config_parse(struct vrrp_config *c, enum config_cmd cmd, int argc,
		 char **argv)
{
	const char *seen[CFG_NFIELDS] = { NULL };

	memset(c, 0, sizeof(*c));
	c->family = family_default();
	/* One slot per argument is more than the "vip"s can ever need. */
	c->vips = calloc((size_t)argc + 1, sizeof(*c->vips));
	c->vip_text = calloc((size_t)argc + 1, sizeof(*c->vip_text));
	c->tracks = calloc((size_t)argc + 1, sizeof(*c->tracks));
	c->peers = calloc((size_t)argc + 1, sizeof(*c->peers));
	c->peer_text = calloc((size_t)argc + 1, sizeof(*c->peer_text));
	c->routes = calloc((size_t)argc + 1, sizeof(*c->routes));
	if (!c->vips || !c->vip_text || !c->tracks || !c->peers ||
	    !c->peer_text || !c->routes) {
		errorf("out of memory");
		return -1;
	}
	for (int i = 0; i < argc; i++) {
		const struct keyword *kw;
		const char *val = NULL;
		bool ambiguous;

		failed_word = argv[i];
		if (!strcmp(argv[i], "help"))
			return CONFIG_HELP;
		kw = find_keyword(argv[i], cmd, &ambiguous);
		if (!kw) {
			unknown_keyword(argv[i], cmd, ambiguous);
			return -1;
		}
		if (kw->arg) {
			if (i + 1 >= argc) {
				errorf("\"%s\" needs a value", kw->name);
				return -1;
			}
			val = argv[++i];
		}
		if (mark_given(c, kw, seen) || kw->parse(c, kw->name, val))
			return -1;
		if (kw->field == CFG_VIPS &&
		    parse_vip_options(c, &c->vips[c->nvips - 1], argc, argv,
				      &i))
			return -1;
		if (kw->field == CFG_ROUTES &&
		    parse_route_options(&c->routes[c->nroutes - 1], argc, argv,
					&i))
			return -1;
		if ((kw->field == CFG_TRACKS || kw->field == CFG_TRACK_DEVS) &&
		    i + 1 < argc &&
		    !strcmp(argv[i + 1], "weight")) {
			if (i + 2 >= argc) {
				errorf("\"weight\" needs a value");
				return -1;
			}
			if (parse_weight(&c->tracks[c->ntracks - 1],
					 argv[i + 2]))
				return -1;
			i += 2;
		}
	}
	failed_word = NULL;
	if (config_check_required(c, cmd))
		return -1;
	return config_parse_addrs(c);
}

void config_free(struct vrrp_config *c)
{
	free(c->vips);
	free(c->vip_text);
	free(c->tracks);
	free(c->peers);
	free(c->peer_text);
	free(c->routes);
	c->routes = NULL;
	c->nroutes = 0;
	c->vips = NULL;
	c->vip_text = NULL;
	c->tracks = NULL;
	c->peers = NULL;
	c->peer_text = NULL;
	c->npeers = 0;
	c->nvips = 0;
	c->ntracks = 0;
}

static int resolve(const char *name, unsigned int *ifindex)
{
	*ifindex = if_nametoindex(name);
	if (!*ifindex) {
		errorf("Cannot find device \"%s\"", name);
		return -1;
	}
	return 0;
}

int config_resolve_dev(struct vrrp_config *c)
{
	if (config_has(c, CFG_DEV) && resolve(c->dev, &c->ifindex))
		return -1;
	for (size_t i = 0; i < c->ntracks; i++)
		if (c->tracks[i].dev &&
		    resolve(c->tracks[i].name, &c->tracks[i].ifindex))
			return -1;
	for (size_t i = 0; i < c->nvips; i++)
		if (c->vips[i].dev && resolve(c->vips[i].dev, &c->vips[i].ifindex))
			return -1;
	for (size_t i = 0; i < c->nroutes; i++)
		if (c->routes[i].dev &&
		    resolve(c->routes[i].dev, &c->routes[i].ifindex))
			return -1;
	return 0;
}

/* "[name ARG]", or "[a | b]" for the keywords of one field; the end index. */
/* Only cmd's keywords: add has no "nogroup", nothing to undo. */
static size_t synopsis_item(enum config_cmd cmd, size_t i, char *buf,
			    size_t len)
{
	size_t n = 0, j = i;
	bool first = true;

	n += (size_t)snprintf(buf, len, "[");
	for (; j < NKEYWORDS && keywords[j].field == keywords[i].field; j++) {
		if (!(keywords[j].cmds & cmd))
			continue;
		n += (size_t)snprintf(buf + n, len - n, "%s%s%s%s",
				      first ? "" : " | ", keywords[j].name,
				      keywords[j].arg ? " " : "",
				      keywords[j].arg ? keywords[j].arg : "");
		first = false;
	}
	snprintf(buf + n, len - n, "]");
	return j;
}

void config_synopsis(FILE *f, enum config_cmd cmd, const char *head,
		     const char *indent)
{
	size_t col = strlen(head), i = 0;
	char item[80];

	fputs(head, f);
	while (i < NKEYWORDS) {
		size_t next;

		if (!keywords[i].params || !(keywords[i].cmds & cmd)) {
			i++;
			continue;
		}
		next = synopsis_item(cmd, i, item, sizeof(item));
		if (col + 1 + strlen(item) > 80) {
			fprintf(f, "\n%s", indent);
			col = strlen(indent);
		} else {
			fputc(' ', f);
			col++;
		}
		fputs(item, f);
		col += strlen(item);
		i = next;
	}
	fputc('\n', f);
}

/* Continuation lines of a help text line up under its first line. */
#define HELP_COLUMN 27

void config_params_help(FILE *f)
{
	for (size_t i = 0; i < NKEYWORDS; i++) {
		const struct keyword *kw = &keywords[i];
		char lhs[64];
		size_t n = 0;

		if (!kw->help)
			continue;
		/* Alternatives without a help text of their own join it. */
		for (size_t j = i; j < NKEYWORDS &&
		     keywords[j].field == kw->field &&
		     (j == i || !keywords[j].help); j++)
			n += (size_t)snprintf(lhs + n, sizeof(lhs) - n, "%s%s%s%s",
					      j > i ? " | " : "", keywords[j].name,
					      keywords[j].arg ? " " : "",
					      keywords[j].arg ? keywords[j].arg : "");
		fprintf(f, "  %-*s ", HELP_COLUMN - 3, lhs);
		for (const char *p = kw->help; *p; p++) {
			fputc(*p, f);
			if (*p == '\n')
				fprintf(f, "%*s", HELP_COLUMN, "");
		}
		fputc('\n', f);
	}
	fputs("\n"
	      "DURATION is e.g. 100ms, 1.5s or 0.1s; a bare number means seconds.\n"
	      "Values are checked by the kernel, which says what is wrong.\n", f);
}
