// SPDX-License-Identifier: GPL-2.0
/*
 * keepalived.conf into vrrp.conf. The statements that carry over:
 *
 *   vrrp_instance NAME   instance dev IF vrid N, name NAME, and inside it
 *                        priority, advert_int (interval), version,
 *                        nopreempt, preempt_delay, accept/no_accept,
 *                        use_vmac (vmac), virtual_ipaddress (vip, with
 *                        dev, label and scope), virtual_ipaddress_excluded
 *                        (vip-excluded), virtual_routes (route), unicast_peer
 *                        (peer), unicast_src_ip and mcast_src_ip (source),
 *                        garp_master_delay/repeat/refresh and garp_interval,
 *                        track_interface (track-dev), track_script,
 *                        track_process and track_file (track)
 *   vrrp_script, vrrp_track_process, vrrp_track_file   check statements
 *   vrrp_sync_group      group on each member instance
 *   global_defs          vrrp_version and the garp defaults
 *
 * keepalived speaks VRRPv2 unless told otherwise (global_defs vrrp_version
 * 3, or version 3 in the instance), and IPv6 is always VRRPv3: the
 * version is written out when it is 2, as ours defaults to 3. Everything
 * else is reported with the reason, and so is anything the translation
 * had to change (a VIP listed twice, a name we cannot take).
 */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "import.h"

/* A check statement to write: a vrrp_script, track_process or track_file. */
struct check {
	const struct ka_node *n;
	const char *kind;		/* "script", "process" or "file" */
	int weight;			/* its default weight for trackers */
	bool has_weight;
};

struct importer {
	FILE *out, *err;
	unsigned int reports;
	unsigned int version;		/* keepalived's default VRRP version */
	const struct ka_node *garp_delay, *garp_repeat, *garp_refresh,
			     *garp_interval;
	struct check checks[256];
	size_t nchecks;
	const struct ka_node *groups[64];
	size_t ngroups;
};

static void report(struct importer *im, const struct ka_node *n,
		   const char *why)
{
	fprintf(im->err, "%s:%u: %s: %s\n", n->file, n->line, n->word, why);
	im->reports++;
}

static const char *arg(const struct ka_node *n, size_t i)
{
	return i < n->nargs ? n->args[i] : NULL;
}

/*
 * keepalived's seconds ("1", "0.1", "2.5") as a DURATION; NULL if the
 * value is no number of seconds (reported).
 */
static const char *duration(struct importer *im, const struct ka_node *n,
			    char *buf, size_t len)
{
	const char *v = arg(n, 0);
	char *end;
	double s;
	long ms;

	if (!v) {
		report(im, n, "needs a value; left out");
		return NULL;
	}
	s = strtod(v, &end);
	if (*end || s < 0 || s > 4e6) {
		report(im, n, "not a number of seconds; left out");
		return NULL;
	}
	ms = lround(s * 1000);
	if (ms % 1000)
		snprintf(buf, len, "%ldms", ms);
	else
		snprintf(buf, len, "%lds", ms / 1000);
	return buf;
}

static bool is_number(const char *s)
{
	if (!s || !*s)
		return false;
	if (*s == '-' || *s == '+')
		s++;
	for (; *s; s++)
		if (*s < '0' || *s > '9')
			return false;
	return true;
}

/* A name we can take for an instance, group or health object. */
static bool good_name(const char *s)
{
	size_t len = strlen(s);

	if (!len || len > 31)
		return false;
	for (; *s; s++)
		if (*s <= ' ' || *s > '~' || *s == '/')
			return false;
	return true;
}

static void read_global(struct importer *im, const struct ka_node *g)
{
	for (size_t i = 0; i < g->nkids; i++) {
		const struct ka_node *k = &g->kids[i];

		if (!strcmp(k->word, "vrrp_version") && arg(k, 0) &&
		    (!strcmp(arg(k, 0), "2") || !strcmp(arg(k, 0), "3")))
			im->version = (unsigned int)atoi(arg(k, 0));
		else if (!strcmp(k->word, "vrrp_garp_master_delay"))
			im->garp_delay = k;
		else if (!strcmp(k->word, "vrrp_garp_master_repeat"))
			im->garp_repeat = k;
		else if (!strcmp(k->word, "vrrp_garp_master_refresh"))
			im->garp_refresh = k;
		else if (!strcmp(k->word, "vrrp_garp_interval"))
			im->garp_interval = k;
		else
			report(im, k, "a keepalived daemon setting, nothing of VRRP's here; not translated");
	}
}

static void add_check(struct importer *im, const struct ka_node *n,
		      const char *kind)
{
	struct check *c;

	if (!arg(n, 0) || !good_name(arg(n, 0))) {
		report(im, n, "needs a name of 1-31 printable bytes without \"/\"; left out");
		return;
	}
	for (size_t i = 0; i < im->nchecks; i++)
		if (!strcmp(arg(im->checks[i].n, 0), arg(n, 0))) {
			report(im, n, "a check of that name exists already (our health objects share one namespace); left out");
			return;
		}
	if (im->nchecks == sizeof(im->checks) / sizeof(im->checks[0])) {
		report(im, n, "too many checks; left out");
		return;
	}
	c = &im->checks[im->nchecks++];
	c->n = n;
	c->kind = kind;
	/* keepalived's track_file multiplies its value by a weight of 1. */
	c->has_weight = !strcmp(kind, "file");
	c->weight = 1;
	for (size_t i = 0; i < n->nkids; i++)
		if (!strcmp(n->kids[i].word, "weight") &&
		    is_number(arg(&n->kids[i], 0))) {
			c->weight = atoi(arg(&n->kids[i], 0));
			c->has_weight = c->weight != 0;
		}
}

static void write_check(struct importer *im, const struct check *c)
{
	const struct ka_node *n = c->n;
	const char *what = NULL;
	char buf[32];

	for (size_t i = 0; i < n->nkids; i++) {
		const char *w = n->kids[i].word;

		if ((!strcmp(c->kind, "script") && !strcmp(w, "script")) ||
		    (!strcmp(c->kind, "process") && !strcmp(w, "process")) ||
		    (!strcmp(c->kind, "file") && !strcmp(w, "file")))
			what = arg(&n->kids[i], 0);
	}
	if (!what) {
		report(im, n, "has no script, process or file to check; left out");
		return;
	}
	fprintf(im->out, "check %s %s \"", arg(n, 0), c->kind);
	for (const char *p = what; *p; p++)
		fprintf(im->out, *p == '"' || *p == '\\' ? "\\%c" : "%c", *p);
	fputc('"', im->out);
	for (size_t i = 0; i < n->nkids; i++) {
		const struct ka_node *k = &n->kids[i];

		if (!strcmp(k->word, c->kind) || !strcmp(k->word, "weight"))
			continue;
		if ((!strcmp(k->word, "interval") ||
		     (!strcmp(k->word, "timeout") &&
		      !strcmp(c->kind, "script"))) &&
		    duration(im, k, buf, sizeof(buf)))
			fprintf(im->out, " %s %s", k->word, buf);
		else if ((!strcmp(k->word, "rise") || !strcmp(k->word, "fall")) &&
			 strcmp(c->kind, "file") && is_number(arg(k, 0)))
			fprintf(im->out, " %s %s", k->word, arg(k, 0));
		else if (!strcmp(k->word, "interval") ||
			 !strcmp(k->word, "timeout"))
			;	/* reported by duration() */
		else if (!strcmp(k->word, "user"))
			report(im, k, "the check runs as the user that runs vrrpadm check (its systemd unit's User=); not translated");
		else
			report(im, k, "not translated");
	}
	fputc('\n', im->out);
}

static const char *group_of(const struct importer *im, const char *inst)
{
	for (size_t g = 0; g < im->ngroups; g++) {
		const struct ka_node *n = im->groups[g];

		for (size_t i = 0; i < n->nkids; i++) {
			const struct ka_node *k = &n->kids[i];

			if (strcmp(k->word, "group"))
				continue;
			for (size_t m = 0; m < k->nkids; m++) {
				if (!strcmp(k->kids[m].word, inst))
					return arg(n, 0);
				for (size_t a = 0; a < k->kids[m].nargs; a++)
					if (!strcmp(k->kids[m].args[a], inst))
						return arg(n, 0);
			}
		}
	}
	return NULL;
}

static void read_group(struct importer *im, const struct ka_node *n)
{
	if (!arg(n, 0) || !good_name(arg(n, 0))) {
		report(im, n, "needs a name of 1-31 printable bytes without \"/\"; left out");
		return;
	}
	if (im->ngroups < sizeof(im->groups) / sizeof(im->groups[0]))
		im->groups[im->ngroups++] = n;
	for (size_t i = 0; i < n->nkids; i++) {
		const struct ka_node *k = &n->kids[i];

		if (!strcmp(k->word, "group"))
			continue;
		if (!strncmp(k->word, "notify", 6))
			report(im, k, "group notify scripts: run vrrpadm monitor --exec, which passes every member's changes; not translated");
		else
			report(im, k, "not translated");
	}
}

/* What an instance statement becomes, gathered before it is written. */
struct inst {
	const struct ka_node *n;
	const char *dev, *vrid;
	bool inet6;
	FILE *lines;			/* the indented lines after its first */
	char *text;
	size_t len;
	const char *seen[255];		/* VIP addresses, against doubles */
	size_t nseen;
};

static bool is_inet6(const char *addr)
{
	return strchr(addr, ':');
}

/* "ADDR[/PLEN] [dev IF] [label L] [scope S] ..." as a vip line. */
static void write_vip(struct importer *im, struct inst *in,
		      const struct ka_node *v, const char *keyword)
{
	const char *addr = v->word;
	size_t len = strcspn(addr, "/");

	if (is_inet6(addr) != in->inet6) {
		report(im, v, in->inet6 ?
		       "an IPv4 address in an IPv6 instance: an instance has one family; add an inet instance of the same vrid for it; left out" :
		       "an IPv6 address in an IPv4 instance: an instance has one family; add an inet6 instance of the same vrid for it; left out");
		return;
	}
	for (size_t i = 0; i < in->nseen; i++)
		if (strlen(in->seen[i]) >= len &&
		    !strncmp(in->seen[i], addr, len) &&
		    (in->seen[i][len] == '/' || !in->seen[i][len])) {
			report(im, v, "listed twice: kept once");
			return;
		}
	if (in->nseen < sizeof(in->seen) / sizeof(in->seen[0]))
		in->seen[in->nseen++] = addr;
	fprintf(in->lines, "    %s %s", keyword, addr);
	for (size_t i = 0; i < v->nargs; i++) {
		const char *o = v->args[i];

		if ((!strcmp(o, "dev") || !strcmp(o, "label") ||
		     !strcmp(o, "scope")) && i + 1 < v->nargs) {
			fprintf(in->lines, " %s %s", o, v->args[++i]);
			continue;
		}
		if ((!strcmp(o, "brd") || !strcmp(o, "broadcast")) &&
		    i + 1 < v->nargs) {
			i++;
			report(im, v, "brd: the broadcast address the kernel derives is used; not translated");
			continue;
		}
		report(im, v, "an option of the address other than dev, label or scope; not translated");
		break;
	}
	fputc('\n', in->lines);
}

/* "[src A] DST [via|gw GW] [dev IF] ..." as a route line. */
static void write_route(struct importer *im, struct inst *in,
			const struct ka_node *r)
{
	const char *words[32];
	size_t n = 0, i = 0;
	const char *dst;

	words[n++] = r->word;
	for (size_t a = 0; a < r->nargs && n < 32; a++)
		words[n++] = r->args[a];
	if (!strcmp(words[0], "src") && n > 2) {
		report(im, r, "src: the route's preferred source is not kept; not translated");
		i = 2;
	}
	if (i < n && (!strcmp(words[i], "blackhole") ||
		      !strcmp(words[i], "unreachable") ||
		      !strcmp(words[i], "prohibit"))) {
		report(im, r, "only unicast routes are virtual routes here; left out");
		return;
	}
	dst = i < n ? words[i++] : NULL;
	if (!dst || (is_inet6(dst) != in->inet6)) {
		report(im, r, "no destination of the instance's family; left out");
		return;
	}
	fprintf(in->lines, "    route %s", !strcmp(dst, "default") ?
		(in->inet6 ? "::/0" : "0.0.0.0/0") : dst);
	for (; i < n; i++) {
		if ((!strcmp(words[i], "via") || !strcmp(words[i], "gw")) &&
		    i + 1 < n) {
			fprintf(in->lines, " via %s", words[++i]);
			continue;
		}
		if (!strcmp(words[i], "dev") && i + 1 < n) {
			fprintf(in->lines, " dev %s", words[++i]);
			continue;
		}
		report(im, r, "an option of the route other than via and dev (table, metric, scope, or...); not translated");
		break;
	}
	fputc('\n', in->lines);
}

/* track_script, track_process, track_file: "NAME [weight W]". */
static void write_tracks(struct importer *im, struct inst *in,
			 const struct ka_node *t, const char *kind)
{
	for (size_t i = 0; i < t->nkids; i++) {
		const struct ka_node *k = &t->kids[i];
		const struct check *c = NULL;

		for (size_t j = 0; j < im->nchecks; j++)
			if (!strcmp(arg(im->checks[j].n, 0), k->word) &&
			    !strcmp(im->checks[j].kind, kind))
				c = &im->checks[j];
		if (!c) {
			report(im, k, "no such check defined; left out");
			continue;
		}
		fprintf(in->lines, "    track %s", k->word);
		if (arg(k, 0) && !strcmp(arg(k, 0), "weight") &&
		    is_number(arg(k, 1)) && atoi(arg(k, 1)))
			fprintf(in->lines, " weight %s", arg(k, 1));
		else if (c->has_weight)
			fprintf(in->lines, " weight %d", c->weight);
		fputc('\n', in->lines);
	}
}

/* One keyword of a vrrp_instance; false if it was not one of ours. */
static bool instance_keyword(struct importer *im, struct inst *in,
			     const struct ka_node *k)
{
	const char *w = k->word;
	char buf[32];

	if (!strcmp(w, "priority") && is_number(arg(k, 0)))
		fprintf(in->lines, "    priority %s\n", arg(k, 0));
	else if (!strcmp(w, "advert_int") && duration(im, k, buf, sizeof(buf)))
		fprintf(in->lines, "    interval %s\n", buf);
	else if (!strcmp(w, "nopreempt"))
		fputs("    nopreempt\n", in->lines);
	else if (!strcmp(w, "preempt"))
		;	/* the default */
	else if (!strcmp(w, "preempt_delay") && duration(im, k, buf, sizeof(buf)))
		fprintf(in->lines, "    preempt-delay %s\n", buf);
	else if (!strcmp(w, "no_accept"))
		fputs("    noaccept\n", in->lines);
	else if (!strcmp(w, "accept"))
		;	/* the default */
	else if (!strcmp(w, "use_vmac"))
		fputs("    vmac\n", in->lines);
	else if ((!strcmp(w, "unicast_src_ip") || !strcmp(w, "mcast_src_ip")) &&
		 arg(k, 0))
		fprintf(in->lines, "    source %s\n", arg(k, 0));
	else if (!strcmp(w, "garp_master_delay") &&
		 duration(im, k, buf, sizeof(buf)))
		fprintf(in->lines, "    garp-delay %s\n", buf);
	else if (!strcmp(w, "garp_master_repeat") && is_number(arg(k, 0)))
		fprintf(in->lines, "    garp-count %s\n", arg(k, 0));
	else if (!strcmp(w, "garp_master_refresh") &&
		 duration(im, k, buf, sizeof(buf)))
		fprintf(in->lines, "    garp-refresh %s\n", buf);
	else if (!strcmp(w, "garp_interval") && duration(im, k, buf, sizeof(buf)))
		fprintf(in->lines, "    garp-interval %s\n", buf);
	else
		return false;
	return true;
}

static const char *const instance_reasons[][2] = {
	{ "state", "a hint that RFC 9568 replaces with priorities: the highest priority is master; not translated" },
	{ "authentication", "VRRPv3 has none, and RFC 3768 removed it from VRRPv2: our adverts carry none, so the peers must not use it either; not translated" },
	{ "notify", "run vrrpadm monitor --exec SCRIPT: it passes keepalived's notify arguments; not translated" },
	{ "notify_master", "run vrrpadm monitor --exec SCRIPT and act on MASTER ($3); not translated" },
	{ "notify_backup", "run vrrpadm monitor --exec SCRIPT and act on BACKUP ($3); not translated" },
	{ "notify_fault", "run vrrpadm monitor --exec SCRIPT and act on FAULT ($3); not translated" },
	{ "notify_stop", "run vrrpadm monitor --exec SCRIPT and act on STOP ($3); not translated" },
	{ "smtp_alert", "no mail is sent; vrrpadm monitor --exec can; not translated" },
	{ "dont_track_primary", "the instance always follows its interface's link; not translated" },
	{ "native_ipv6", "the family follows the addresses; not translated" },
	{ "virtual_rules", "policy routing rules are not kept; not translated" },
	{ "garp_master_refresh_repeat", "one gratuitous ARP per refresh; not translated" },
	{ "lvs_sync_daemon_interface", "LVS is not part of this; not translated" },
};

static void other_instance_keyword(struct importer *im, const struct ka_node *k)
{
	for (size_t i = 0; i < sizeof(instance_reasons) /
			       sizeof(instance_reasons[0]); i++)
		if (!strcmp(k->word, instance_reasons[i][0])) {
			report(im, k, instance_reasons[i][1]);
			return;
		}
	report(im, k, "not translated");
}

static bool has_keyword(const struct ka_node *n, const char *word)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (!strcmp(n->kids[i].word, word))
			return true;
	return false;
}

/* global_defs' garp settings, for an instance without its own. */
static void global_defaults(struct importer *im, struct inst *in)
{
	const struct {
		const struct ka_node *global;
		const char *instance_word;
	} defaults[] = {
		{ im->garp_delay, "garp_master_delay" },
		{ im->garp_repeat, "garp_master_repeat" },
		{ im->garp_refresh, "garp_master_refresh" },
		{ im->garp_interval, "garp_interval" },
	};
	struct ka_node as_instance;

	for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++) {
		if (!defaults[i].global ||
		    has_keyword(in->n, defaults[i].instance_word))
			continue;
		/* Read as the instance's keyword would be. */
		as_instance = *defaults[i].global;
		as_instance.word = defaults[i].instance_word;
		instance_keyword(im, in, &as_instance);
	}
}

/* The family, from the first address of virtual_ipaddress. */
static bool instance_is_inet6(const struct ka_node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		if (!strcmp(n->kids[i].word, "virtual_ipaddress") &&
		    n->kids[i].nkids)
			return is_inet6(n->kids[i].kids[0].word);
	return false;
}

static void write_instance(struct importer *im, const struct ka_node *n)
{
	struct inst in = { .n = n, .inet6 = instance_is_inet6(n) };
	unsigned int version = in.inet6 ? 3 : im->version;
	const char *group = arg(n, 0) ? group_of(im, arg(n, 0)) : NULL;

	in.lines = open_memstream(&in.text, &in.len);
	if (!in.lines)
		return;
	if (arg(n, 0) && good_name(arg(n, 0)))
		fprintf(in.lines, "    name %s\n", arg(n, 0));
	else
		report(im, n, "its name is no name we can take (1-31 printable bytes); left out");
	for (size_t i = 0; i < n->nkids; i++)
		if (!strcmp(n->kids[i].word, "version") && arg(&n->kids[i], 0))
			version = (unsigned int)atoi(arg(&n->kids[i], 0));
	if (version == 2)
		fputs("    version 2\n", in.lines);
	global_defaults(im, &in);
	for (size_t i = 0; i < n->nkids; i++) {
		const struct ka_node *k = &n->kids[i];
		const char *w = k->word;

		if (!strcmp(w, "interface"))
			in.dev = arg(k, 0);
		else if (!strcmp(w, "virtual_router_id"))
			in.vrid = arg(k, 0);
		else if (!strcmp(w, "version"))
			;
		else if (instance_keyword(im, &in, k))
			;
		else if (!strcmp(w, "virtual_ipaddress"))
			for (size_t v = 0; v < k->nkids; v++)
				write_vip(im, &in, &k->kids[v], "vip");
		else if (!strcmp(w, "virtual_ipaddress_excluded"))
			for (size_t v = 0; v < k->nkids; v++)
				write_vip(im, &in, &k->kids[v], "vip-excluded");
		else if (!strcmp(w, "virtual_routes"))
			for (size_t v = 0; v < k->nkids; v++)
				write_route(im, &in, &k->kids[v]);
		else if (!strcmp(w, "unicast_peer"))
			for (size_t v = 0; v < k->nkids; v++)
				fprintf(in.lines, "    peer %s\n", k->kids[v].word);
		else if (!strcmp(w, "track_interface"))
			for (size_t v = 0; v < k->nkids; v++) {
				const struct ka_node *t = &k->kids[v];

				fprintf(in.lines, "    track-dev %s", t->word);
				if (arg(t, 0) && !strcmp(arg(t, 0), "weight") &&
				    arg(t, 1))
					fprintf(in.lines, " weight %s", arg(t, 1));
				fputc('\n', in.lines);
			}
		else if (!strcmp(w, "track_script"))
			write_tracks(im, &in, k, "script");
		else if (!strcmp(w, "track_process"))
			write_tracks(im, &in, k, "process");
		else if (!strcmp(w, "track_file"))
			write_tracks(im, &in, k, "file");
		else
			other_instance_keyword(im, k);
	}
	if (group)
		fprintf(in.lines, "    group %s\n", group);
	fclose(in.lines);
	if (!in.dev || !in.vrid || !in.nseen) {
		report(im, n, "needs interface, virtual_router_id and a virtual_ipaddress; left out");
	} else {
		fprintf(im->out, "\ninstance dev %s vrid %s%s\n%s", in.dev,
			in.vrid, in.inet6 ? " family inet6" : "", in.text);
		if (in.inet6 && strncmp(in.seen[0], "fe80:", 5))
			report(im, n, "IPv6: the first vip must be link-local (RFC 9568 5.2.9): apply refuses the instance until one is first");
	}
	free(in.text);
}

static const char *const top_reasons[][2] = {
	{ "virtual_server", "LVS is not part of this: keep keepalived (or ipvsadm) for it; not translated" },
	{ "virtual_server_group", "LVS is not part of this; not translated" },
	{ "static_ipaddress", "not VRRP's: configure the address with ip(8) or the network manager; not translated" },
	{ "static_routes", "not VRRP's: configure the routes with ip(8) or the network manager; not translated" },
	{ "static_rules", "not VRRP's: configure the rules with ip(8) or the network manager; not translated" },
	{ "linkbeat_use_polling", "links are followed by their kernel events; not translated" },
};

unsigned int import_keepalived(const struct ka_conf *c, FILE *out, FILE *err)
{
	struct importer im = { .out = out, .err = err, .version = 2 };
	const struct ka_node *root = &c->root;

	for (size_t i = 0; i < root->nkids; i++) {
		const struct ka_node *k = &root->kids[i];

		if (!strcmp(k->word, "global_defs"))
			read_global(&im, k);
		else if (!strcmp(k->word, "vrrp_script"))
			add_check(&im, k, "script");
		else if (!strcmp(k->word, "vrrp_track_process"))
			add_check(&im, k, "process");
		else if (!strcmp(k->word, "vrrp_track_file"))
			add_check(&im, k, "file");
		else if (!strcmp(k->word, "vrrp_sync_group"))
			read_group(&im, k);
	}
	fprintf(out, "# vrrp.conf from keepalived.conf (vrrpadm import-keepalived); see vrrp.conf(5)\n");
	for (size_t i = 0; i < im.nchecks; i++)
		write_check(&im, &im.checks[i]);
	for (size_t i = 0; i < root->nkids; i++) {
		const struct ka_node *k = &root->kids[i];
		size_t r;

		if (!strcmp(k->word, "vrrp_instance")) {
			write_instance(&im, k);
			continue;
		}
		if (!strcmp(k->word, "global_defs") ||
		    !strcmp(k->word, "vrrp_script") ||
		    !strcmp(k->word, "vrrp_track_process") ||
		    !strcmp(k->word, "vrrp_track_file") ||
		    !strcmp(k->word, "vrrp_sync_group"))
			continue;
		for (r = 0; r < sizeof(top_reasons) / sizeof(top_reasons[0]); r++)
			if (!strcmp(k->word, top_reasons[r][0]))
				break;
		report(&im, k, r < sizeof(top_reasons) / sizeof(top_reasons[0]) ?
			       top_reasons[r][1] : "not translated");
	}
	return im.reports;
}
