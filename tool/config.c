// SPDX-License-Identifier: GPL-2.0
#include <net/if.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "parse.h"

#define ALL_CMDS (CONFIG_ADD | CONFIG_SET | CONFIG_DEL | CONFIG_SELECT)
#define CHANGE_CMDS (CONFIG_ADD | CONFIG_SET)

struct keyword {
	const char *name;
	unsigned int cmds;		/* enum config_cmd bits accepting it */
	enum config_field field;
	bool has_value;
	int (*parse)(struct vrrp_config *c, const char *kw, const char *val);
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

/*
 * Only the text is kept here: "family" may still follow, and the address
 * syntax depends on it. config_parse_vips() converts at the end.
 */
static int kw_vip(struct vrrp_config *c, const char *kw, const char *val)
{
	(void)kw;
	c->vip_text[c->nvips++] = val;
	return 0;
}

static const struct keyword keywords[] = {
	{ "dev", ALL_CMDS, CFG_DEV, true, kw_dev },
	{ "vrid", ALL_CMDS, CFG_VRID, true, kw_vrid },
	{ "family", CHANGE_CMDS | CONFIG_DEL, CFG_FAMILY, true, kw_family },
	{ "priority", CHANGE_CMDS, CFG_PRIORITY, true, kw_priority },
	{ "interval", CHANGE_CMDS, CFG_INTERVAL, true, kw_interval },
	{ "preempt", CHANGE_CMDS, CFG_PREEMPT, false, kw_preempt },
	{ "nopreempt", CHANGE_CMDS, CFG_PREEMPT, false, kw_preempt },
	{ "preempt-delay", CHANGE_CMDS, CFG_PREEMPT_DELAY, true,
	  kw_preempt_delay },
	{ "accept", CHANGE_CMDS, CFG_ACCEPT, false, kw_accept },
	{ "noaccept", CHANGE_CMDS, CFG_ACCEPT, false, kw_accept },
	{ "garp-count", CHANGE_CMDS, CFG_GARP_COUNT, true, kw_garp_count },
	{ "garp-interval", CHANGE_CMDS, CFG_GARP_INTERVAL, true,
	  kw_garp_interval },
	{ "vip", CHANGE_CMDS, CFG_VIPS, true, kw_vip },
};

static const struct keyword *find_keyword(const char *name,
					  enum config_cmd cmd)
{
	for (size_t i = 0; i < sizeof(keywords) / sizeof(keywords[0]); i++)
		if ((keywords[i].cmds & cmd) && !strcmp(keywords[i].name, name))
			return &keywords[i];
	return NULL;
}

bool config_has(const struct vrrp_config *c, enum config_field f)
{
	return c->given & (1u << f);
}

/* "vip" is the one keyword that may repeat. */
static int mark_given(struct vrrp_config *c, const struct keyword *kw,
		      const char **seen)
{
	if (config_has(c, kw->field) && kw->field != CFG_VIPS) {
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

static int config_parse_vips(struct vrrp_config *c)
{
	for (size_t i = 0; i < c->nvips; i++) {
		const char *why;

		why = family_parse_vip(c->family, c->vip_text[i], &c->vips[i]);
		if (why) {
			errorf("invalid vip \"%s\": %s", c->vip_text[i], why);
			return -1;
		}
	}
	return 0;
}

static int config_check_required(const struct vrrp_config *c,
				 enum config_cmd cmd)
{
	if (cmd == CONFIG_SELECT) {
		if (config_has(c, CFG_VRID) && !config_has(c, CFG_DEV)) {
			errorf("\"vrid\" needs \"dev IF\" too");
			return -1;
		}
		return 0;
	}
	if (!config_has(c, CFG_DEV)) {
		errorf("\"dev IF\" is required");
		return -1;
	}
	if (!config_has(c, CFG_VRID)) {
		errorf("\"vrid N\" is required");
		return -1;
	}
	if (cmd == CONFIG_ADD && !c->nvips) {
		errorf("at least one \"vip ADDR[/PLEN]\" is required");
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
	if (!c->vips || !c->vip_text) {
		errorf("out of memory");
		return -1;
	}
	for (int i = 0; i < argc; i++) {
		const struct keyword *kw = find_keyword(argv[i], cmd);
		const char *val = NULL;

		if (!strcmp(argv[i], "help"))
			return CONFIG_HELP;
		if (!kw) {
			errorf("unknown argument \"%s\"", argv[i]);
			return -1;
		}
		if (kw->has_value) {
			if (i + 1 >= argc) {
				errorf("\"%s\" needs a value", kw->name);
				return -1;
			}
			val = argv[++i];
		}
		if (mark_given(c, kw, seen) || kw->parse(c, kw->name, val))
			return -1;
	}
	if (config_check_required(c, cmd))
		return -1;
	return config_parse_vips(c);
}

void config_free(struct vrrp_config *c)
{
	free(c->vips);
	free(c->vip_text);
	c->vips = NULL;
	c->vip_text = NULL;
	c->nvips = 0;
}

int config_resolve_dev(struct vrrp_config *c)
{
	c->ifindex = if_nametoindex(c->dev);
	if (!c->ifindex) {
		errorf("Cannot find device \"%s\"", c->dev);
		return -1;
	}
	return 0;
}
