// SPDX-License-Identifier: GPL-2.0
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "attrs.h"
#include "parse.h"
#include "plan.h"
#include "vrrpadm.h"

#define BIT(f) (1u << (f))

/* Setting i of in, as " word value..." items; NULL if out of memory. */
static char *setting_text(const struct instance *in, size_t i)
{
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);

	if (!m)
		return NULL;
	instance_settings[i].print(m, in, " ");
	if (fclose(m)) {
		free(text);
		return NULL;
	}
	return text;
}

static size_t setting_index(enum config_field f)
{
	size_t i;

	for (i = 0; i < instance_nsettings; i++)
		if (instance_settings[i].field == f)
			break;
	return i;
}

/* The addresses of " vip A/P ... vip-excluded B/Q ...": A, B. */
static int collect_addrs(struct snapshot *s, const char *vips)
{
	char *copy = strdup(vips), *save = NULL, *w, *slash;
	bool next = false;

	if (!copy)
		return -1;
	s->addrs = calloc(strlen(vips) / 2 + 1, sizeof(*s->addrs));
	if (!s->addrs) {
		free(copy);
		return -1;
	}
	for (w = strtok_r(copy, " ", &save); w; w = strtok_r(NULL, " ", &save)) {
		if (next) {
			slash = strchr(w, '/');
			if (slash)
				*slash = '\0';
			s->addrs[s->naddrs] = strdup(w);
			if (!s->addrs[s->naddrs]) {
				free(copy);
				return -1;
			}
			s->naddrs++;
		}
		next = !strcmp(w, "vip") || !strcmp(w, "vip-excluded");
	}
	free(copy);
	return 0;
}

static void snapshot_free(struct snapshot *s)
{
	for (size_t i = 0; s->setting && i < instance_nsettings; i++)
		free(s->setting[i]);
	free(s->setting);
	for (size_t i = 0; i < s->naddrs; i++)
		free(s->addrs[i]);
	free(s->addrs);
	memset(s, 0, sizeof(*s));
}

static int snapshot_take(struct snapshot *s, const struct instance *in)
{
	memset(s, 0, sizeof(*s));
	s->ifindex = in->ifindex;
	s->vrid = in->vrid;
	s->state = in->state;
	snprintf(s->ifname, sizeof(s->ifname), "%s", in->ifname);
	if (family_parse(in->family, &s->family))
		s->family = family_default();
	s->setting = calloc(instance_nsettings, sizeof(*s->setting));
	if (!s->setting)
		goto oom;
	for (size_t i = 0; i < instance_nsettings; i++) {
		s->setting[i] = setting_text(in, i);
		if (!s->setting[i])
			goto oom;
	}
	if (collect_addrs(s, s->setting[setting_index(CFG_VIPS)]))
		goto oom;
	return 0;
oom:
	snapshot_free(s);
	errorf("out of memory");
	return -1;
}

int snapshots_add(struct snapshots *ss, const struct instance *in)
{
	struct snapshot *s = grow_array(ss->s, &ss->cap, ss->n, sizeof(*s));

	if (!s) {
		errorf("out of memory");
		return -1;
	}
	ss->s = s;
	if (snapshot_take(&ss->s[ss->n], in))
		return -1;
	ss->n++;
	return 0;
}

void snapshots_free(struct snapshots *ss)
{
	for (size_t i = 0; i < ss->n; i++)
		snapshot_free(&ss->s[i]);
	free(ss->s);
	memset(ss, 0, sizeof(*ss));
}

int objects_add(struct objects *o, const struct health *h)
{
	struct health *more = grow_array(o->h, &o->cap, o->n, sizeof(*h));

	if (!more) {
		errorf("out of memory");
		return -1;
	}
	o->h = more;
	o->h[o->n++] = *h;
	return 0;
}

void objects_free(struct objects *o)
{
	free(o->h);
	memset(o, 0, sizeof(*o));
}

/*
 * The file's instance as the kernel would show it once added: its
 * attributes, read back by the dump's parser, with the kernel's defaults
 * for what the statement leaves out.
 */
static int snapshot_of_config(struct snapshot *s, const struct vnl *nl,
			      const struct vrrp_config *c)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct instance in;
	struct nl_msg *msg;
	int ret = -1;

	msg = vnl_msg(nl, VRRP_CMD_NEW_INSTANCE, 0, attrs_size(c));
	if (!msg)
		return -1;
	if (attrs_put_config(msg, c) || vnl_parse(msg, tb)) {
		errorf("cannot encode instance dev %s vrid %u", c->dev, c->vrid);
		goto out;
	}
	instance_get(tb, &in);
	in.ifindex = c->ifindex;
	snprintf(in.ifname, sizeof(in.ifname), "%s", c->dev);
	if (!tb[VRRP_A_PRIORITY])
		in.priority = VRRP_PRIORITY_DEFAULT;
	if (!tb[VRRP_A_INTERVAL_MS])
		in.interval_ms = VRRP_INTERVAL_MS_DEFAULT;
	if (!tb[VRRP_A_PREEMPT])
		in.preempt = true;
	if (!tb[VRRP_A_ACCEPT])
		in.accept = true;
	if (!tb[VRRP_A_GARP_COUNT])
		in.garp_count = VRRP_GARP_COUNT_DEFAULT;
	ret = snapshot_take(s, &in);
out:
	nlmsg_free(msg);
	return ret;
}

const char *step_action(enum step_kind kind)
{
	static const char *const names[] = {
		[STEP_TRACK_ADD] = "track add",
		[STEP_TRACK_SET] = "track set",
		[STEP_TRACK_DEL] = "track del",
		[STEP_DEL] = "del",
		[STEP_RELEASE] = "release",
		[STEP_SET] = "set",
		[STEP_ADD] = "add",
	};

	return names[kind];
}

static struct step *new_step(struct plan *p, enum step_kind kind)
{
	struct step *s = grow_array(p->steps, &p->cap, p->nsteps, sizeof(*s));

	if (!s) {
		errorf("out of memory");
		return NULL;
	}
	p->steps = s;
	s = &p->steps[p->nsteps++];
	s->kind = kind;
	return s;
}

/* printf into a new string; NULL if out of memory (said). */
static char *words_of(const char *fmt, ...)
	__attribute__((format(printf, 1, 2)));
static char *words_of(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vasprintf(&s, fmt, ap);
	va_end(ap);
	if (n < 0) {
		errorf("out of memory");
		return NULL;
	}
	return s;
}

static const char *family_words(const struct vrrp_family *f)
{
	return f == family_default() ? "" :
	       f->af == AF_INET6 ? " family inet6" : " family inet";
}

/* "dev eth0 vrid 51[ family inet6]" */
static char *key_words(const char *dev, unsigned int vrid,
		       const struct vrrp_family *f)
{
	return words_of("dev %s vrid %u%s", dev, vrid, family_words(f));
}

static char *track_add_words(const struct health_req *r)
{
	char state[8] = "", value[24] = "", lease[32] = "";

	if (r->has_state)
		snprintf(state, sizeof(state), " %s", r->up ? "up" : "down");
	if (r->has_value)
		snprintf(value, sizeof(value), " value %d", r->value);
	if (r->has_lease)
		snprintf(lease, sizeof(lease), " lease %ums", r->lease_ms);
	return words_of("track add %s%s%s%s", r->name, state, value, lease);
}

static int track_steps(struct plan *p, const struct conffile *cf,
		       const struct objects *objs)
{
	const struct health *o;
	struct step *s;

	for (size_t i = 0; i < cf->ntrack; i++) {
		const struct health_req *r = &cf->track[i].req;
		uint32_t lease = r->has_lease ? r->lease_ms : 0;

		o = NULL;
		for (size_t k = 0; k < objs->n; k++)
			if (!strcmp(objs->h[k].name, r->name))
				o = &objs->h[k];
		/* A state and value are the checkers' to set, not ours. */
		if (o && o->lease_ms == lease)
			continue;
		s = new_step(p, o ? STEP_TRACK_SET : STEP_TRACK_ADD);
		if (!s)
			return -1;
		if (o) {
			s->req = (struct health_req){ .name = r->name,
				.has_lease = true, .lease_ms = lease };
			s->words = words_of("track set %s lease %ums", r->name,
					    lease);
		} else {
			s->req = *r;
			s->words = track_add_words(r);
		}
		if (!s->words)
			return -1;
	}
	for (size_t i = 0; i < cf->ncheck; i++) {
		const char *name = cf->check[i].p.name;
		bool exists = false;

		for (size_t k = 0; k < objs->n; k++)
			exists |= !strcmp(objs->h[k].name, name);
		if (exists)
			continue;
		/* Down until its checker has looked. */
		s = new_step(p, STEP_TRACK_ADD);
		if (!s)
			return -1;
		s->req = (struct health_req){ .name = name, .has_state = true };
		s->words = words_of("track add %s down", name);
		if (!s->words)
			return -1;
	}
	return 0;
}

static int untrack_steps(struct plan *p, const struct conffile *cf,
			 const struct objects *objs)
{
	for (size_t k = 0; k < objs->n; k++) {
		const char *name = objs->h[k].name;
		bool declared = conffile_check(cf, name);
		struct step *s;

		for (size_t i = 0; i < cf->ntrack; i++)
			declared |= !strcmp(cf->track[i].req.name, name);
		if (declared)
			continue;
		s = new_step(p, STEP_TRACK_DEL);
		if (!s)
			return -1;
		s->req = (struct health_req){ .name = name };
		s->words = words_of("track del %s", name);
		if (!s->words)
			return -1;
	}
	return 0;
}

static bool same_key(const struct snapshot *a, const struct snapshot *b)
{
	return a->ifindex == b->ifindex && a->vrid == b->vrid &&
	       a->family == b->family;
}

static bool has_addr(const struct snapshot *s, const char *addr)
{
	for (size_t i = 0; i < s->naddrs; i++)
		if (!strcmp(s->addrs[i], addr))
			return true;
	return false;
}

/*
 * Adds f to what set s sends, with the value d gives it or, if d leaves it
 * out, the default: set changes only what it is given.
 */
static void want_setting(struct vrrp_config *s, const struct vrrp_config *d,
			 enum config_field f)
{
	bool has = config_has(d, f);
	unsigned int version = config_has(d, CFG_VERSION) ? d->version : 3;

	switch (f) {
	case CFG_TRACKS:
		s->given |= d->ntracks ?
			    d->given & (BIT(CFG_TRACKS) | BIT(CFG_TRACK_DEVS)) :
			    BIT(CFG_NOTRACK);
		return;
	case CFG_ROUTES:
		s->given |= d->nroutes ? BIT(CFG_ROUTES) : BIT(CFG_NOROUTE);
		return;
	case CFG_PEERS:
		s->given |= d->npeers ? BIT(CFG_PEERS) : BIT(CFG_NOPEER);
		return;
	case CFG_CHECKSUM:
		/* Only VRRPv3 over IPv4 has one to go back to. */
		if (!has && (version != 3 || d->family->af != AF_INET))
			return;
		if (!has)
			s->checksum = VRRP_CHECKSUM_EITHER;
		break;
	case CFG_GROUP:
		if (!has)
			s->group = "";
		break;
	case CFG_NAME:
		if (!has)
			s->name = "";
		break;
	case CFG_SOURCE:
		if (!has)
			s->source_text = "";
		break;
	case CFG_VERSION:
		if (!has)
			s->version = 3;
		break;
	case CFG_PRIORITY:
		if (!has)
			s->priority = VRRP_PRIORITY_DEFAULT;
		break;
	case CFG_INTERVAL:
		if (!has)
			s->interval_ms = VRRP_INTERVAL_MS_DEFAULT;
		break;
	case CFG_PREEMPT:
		if (!has)
			s->preempt = true;
		break;
	case CFG_PREEMPT_DELAY:
		if (!has)
			s->preempt_delay_ms = 0;
		break;
	case CFG_ACCEPT:
		if (!has)
			s->accept = true;
		break;
	case CFG_VMAC:
		if (!has)
			s->vmac = false;
		break;
	case CFG_GARP_COUNT:
		if (!has)
			s->garp_count = VRRP_GARP_COUNT_DEFAULT;
		break;
	case CFG_GARP_INTERVAL:
		if (!has)
			s->garp_interval_ms = 0;
		break;
	case CFG_GARP_DELAY:
		if (!has)
			s->garp_delay_ms = VRRP_GARP_DELAY_MS_DEFAULT;
		break;
	case CFG_GARP_REFRESH:
		if (!has)
			s->garp_refresh_ms = 0;
		break;
	default:
		break;
	}
	s->given |= BIT(f);
}

/* The key of a set or del: which instance. */
static void key_only(struct vrrp_config *s, const struct vrrp_config *d)
{
	*s = *d;
	s->given = d->given & (BIT(CFG_DEV) | BIT(CFG_VRID) | BIT(CFG_FAMILY));
}

/* One instance of the file that the kernel does not have, or has otherwise. */
struct change {
	const struct conf_instance *ci;
	struct snapshot want;
	const struct snapshot *now;	/* NULL: a new one */
	uint32_t changed;		/* bits of instance_settings[] */
	bool done;
};

static int set_step(struct plan *p, struct change *c)
{
	const struct vrrp_config *d = &c->ci->c;
	struct step *s = new_step(p, STEP_SET);
	char *key, *words = NULL;
	size_t len = 0;
	FILE *m;

	if (!s)
		return -1;
	key_only(&s->cfg, d);
	key = key_words(d->dev, d->vrid, d->family);
	m = open_memstream(&words, &len);
	if (!key || !m) {
		free(key);
		if (m)
			fclose(m);
		errorf("out of memory");
		return -1;
	}
	fprintf(m, "set %s", key);
	for (size_t i = 0; i < instance_nsettings; i++) {
		if (!(c->changed & BIT(i)))
			continue;
		want_setting(&s->cfg, d, instance_settings[i].field);
		if (*c->want.setting[i])
			fputs(c->want.setting[i], m);
		else
			fprintf(m, " %s", instance_settings[i].reset);
	}
	free(key);
	if (fclose(m)) {
		errorf("out of memory");
		return -1;
	}
	s->words = words;
	return 0;
}

static int add_step(struct plan *p, struct change *c)
{
	const struct vrrp_config *d = &c->ci->c;
	struct step *s = new_step(p, STEP_ADD);
	char *key;

	if (!s)
		return -1;
	s->cfg = *d;
	key = key_words(d->dev, d->vrid, d->family);
	if (!key)
		return -1;
	s->words = words_of("add %s", key);
	if (s->words) {
		char *all = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&all, &len);

		if (m) {
			fputs(s->words, m);
			for (size_t i = 0; i < instance_nsettings; i++)
				fputs(c->want.setting[i], m);
			if (!fclose(m)) {
				free(s->words);
				s->words = all;
			}
		}
	}
	free(key);
	return s->words ? 0 : -1;
}

static int del_step(struct plan *p, const struct snapshot *now)
{
	struct step *s = new_step(p, STEP_DEL);
	char *key;

	if (!s)
		return -1;
	s->cfg.dev = now->ifname;
	s->cfg.ifindex = now->ifindex;
	s->cfg.vrid = (uint8_t)now->vrid;
	s->cfg.family = now->family;
	s->cfg.given = BIT(CFG_DEV) | BIT(CFG_VRID) | BIT(CFG_FAMILY);
	key = key_words(now->ifname, now->vrid, now->family);
	if (!key)
		return -1;
	s->words = words_of("del %s", key);
	free(key);
	return s->words ? 0 : -1;
}

/*
 * An instance that hands VIPs over to another one of the file first gives
 * them up: a set of the VIPs it keeps (in the file's order, so that an
 * IPv6 instance's link-local one stays first). Then whichever way the two
 * are ordered, no VIP is held twice.
 */
static int release_step(struct plan *p, const struct vnl *nl, struct change *c,
			const struct change *all, size_t n)
{
	const struct vrrp_config *d = &c->ci->c;
	struct snapshot kept;
	bool handed = false;
	struct step *s;
	size_t nkeep = 0;
	char *key;
	char addr[ADDR_STR_MAX];

	if (!c->now || !(c->changed & BIT(setting_index(CFG_VIPS))))
		return 0;
	/* One that only gives VIPs up is ordered before those taking them. */
	for (size_t i = 0; i < c->want.naddrs && !handed; i++)
		handed = !has_addr(c->now, c->want.addrs[i]);
	if (!handed)
		return 0;
	handed = false;
	for (size_t i = 0; i < c->now->naddrs; i++) {
		const char *a = c->now->addrs[i];

		if (has_addr(&c->want, a))
			continue;
		for (size_t k = 0; k < n; k++)
			handed |= &all[k] != c && has_addr(&all[k].want, a);
	}
	if (!handed)
		return 0;
	s = new_step(p, STEP_RELEASE);
	if (!s)
		return -1;
	key_only(&s->cfg, d);
	s->cfg.given |= BIT(CFG_VIPS);
	s->vips = calloc(d->nvips, sizeof(*s->vips));
	s->vip_text = calloc(d->nvips, sizeof(*s->vip_text));
	if (!s->vips || !s->vip_text) {
		errorf("out of memory");
		return -1;
	}
	for (size_t i = 0; i < d->nvips; i++) {
		family_format_addr(d->vips[i].addr, d->family->addr_len, addr,
				   sizeof(addr));
		if (!has_addr(c->now, addr))
			continue;
		s->vips[nkeep] = d->vips[i];
		s->vip_text[nkeep++] = d->vip_text[i];
	}
	/* Nothing kept, or the first one not: the ordering has to do. */
	if (!nkeep || s->vips[0].plen != d->vips[0].plen ||
	    memcmp(s->vips[0].addr, d->vips[0].addr, sizeof(d->vips[0].addr))) {
		free(s->vips);
		free(s->vip_text);
		memset(s, 0, sizeof(*s));
		p->nsteps--;
		return 0;
	}
	s->cfg.vips = s->vips;
	s->cfg.vip_text = s->vip_text;
	s->cfg.nvips = nkeep;
	if (snapshot_of_config(&kept, nl, &s->cfg))
		return -1;
	key = key_words(d->dev, d->vrid, d->family);
	s->words = key ? words_of("set %s%s", key,
				  kept.setting[setting_index(CFG_VIPS)]) : NULL;
	free(key);
	/* From now on it holds only these. */
	for (size_t i = 0; i < c->now->naddrs; i++)
		if (!has_addr(&kept, c->now->addrs[i]))
			c->now->addrs[i][0] = '\0';
	snapshot_free(&kept);
	return s->words ? 0 : -1;
}

/* Whether another change still to be made holds a VIP that c gains. */
static bool blocked(const struct change *c, const struct change *all, size_t n)
{
	for (size_t i = 0; i < c->want.naddrs; i++) {
		const char *a = c->want.addrs[i];

		if (c->now && has_addr(c->now, a))
			continue;
		for (size_t k = 0; k < n; k++)
			if (&all[k] != c && !all[k].done && all[k].now &&
			    has_addr(all[k].now, a))
				return true;
	}
	return false;
}

static int change_steps(struct plan *p, const struct vnl *nl,
			struct change *all, size_t n)
{
	size_t left = n;

	for (size_t i = 0; i < n; i++)
		if (release_step(p, nl, &all[i], all, n))
			return -1;
	while (left) {
		struct change *next = NULL;

		for (size_t i = 0; i < n && !next; i++)
			if (!all[i].done && !blocked(&all[i], all, n))
				next = &all[i];
		/* VIPs that swap places: no order keeps them single. */
		for (size_t i = 0; i < n && !next; i++)
			if (!all[i].done)
				next = &all[i];
		if (next->now ? set_step(p, next) : add_step(p, next))
			return -1;
		next->done = true;
		left--;
	}
	return 0;
}

/* The file's instances against the kernel's: deletions, then changes. */
static int instance_steps(struct plan *p, const struct vnl *nl,
			  const struct conffile *cf,
			  const struct snapshots *now)
{
	struct change *all = calloc(cf->ninst + 1, sizeof(*all));
	size_t n = 0;
	int ret = -1;

	if (!all) {
		errorf("out of memory");
		return -1;
	}
	for (size_t i = 0; i < cf->ninst; i++) {
		struct change *c = &all[n];

		if (cf->inst[i].no_dev)
			continue;
		c->ci = &cf->inst[i];
		if (snapshot_of_config(&c->want, nl, &c->ci->c))
			goto out;
		n++;
		for (size_t k = 0; k < now->n; k++)
			if (same_key(&now->s[k], &c->want))
				c->now = &now->s[k];
		for (size_t k = 0; c->now && k < instance_nsettings; k++)
			if (strcmp(c->now->setting[k], c->want.setting[k]))
				c->changed |= BIT(k);
		if (c->now && !c->changed) {
			c->done = true;
			p->unchanged++;
		}
	}
	for (size_t k = 0; k < now->n; k++) {
		bool kept = false;

		for (size_t i = 0; i < n; i++)
			kept |= same_key(&now->s[k], &all[i].want);
		if (!kept && del_step(p, &now->s[k]))
			goto out;
	}
	{
		/* Only what changes takes part in the ordering. */
		size_t m = 0;

		for (size_t i = 0; i < n; i++) {
			if (all[i].done) {
				snapshot_free(&all[i].want);
				continue;
			}
			all[m++] = all[i];
		}
		n = m;
	}
	ret = change_steps(p, nl, all, n);
out:
	for (size_t i = 0; i < n; i++)
		snapshot_free(&all[i].want);
	free(all);
	return ret;
}

int plan_make(struct plan *p, const struct vnl *nl, const struct conffile *cf,
	      const struct snapshots *now, const struct objects *objs)
{
	if (track_steps(p, cf, objs) || instance_steps(p, nl, cf, now) ||
	    untrack_steps(p, cf, objs))
		return EXIT_FAIL;
	return EXIT_OK;
}

void plan_free(struct plan *p)
{
	for (size_t i = 0; i < p->nsteps; i++) {
		free(p->steps[i].words);
		free(p->steps[i].vips);
		free(p->steps[i].vip_text);
	}
	free(p->steps);
	memset(p, 0, sizeof(*p));
}
