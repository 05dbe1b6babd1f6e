// SPDX-License-Identifier: GPL-2.0
/* The keyword parser of add, set, del, show and stats. */
#include <arpa/inet.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "test.h"

#define MAX_ARGS 32

static struct vrrp_config c;
static const char *err;

/* Splits line at spaces and parses it; stderr lands in err. */
static int parse(enum config_cmd cmd, const char *line)
{
	static char buf[512];
	char *argv[MAX_ARGS], *tok;
	int argc = 0, ret;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok(buf, " "); tok && argc < MAX_ARGS;
	     tok = strtok(NULL, " "))
		argv[argc++] = tok;
	config_free(&c);
	capture_start();
	ret = config_parse(&c, cmd, argc, argv);
	err = capture_end();
	return ret;
}

static bool refused(enum config_cmd cmd, const char *line, const char *msg)
{
	return parse(cmd, line) == -1 && strstr(err, msg) != NULL;
}

static void add_minimal(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 51 vip 192.0.2.10/24") == 0);
	EXPECT(!strcmp(c.dev, "eth0") && c.vrid == 51 && c.nvips == 1);
	EXPECT(c.vips[0].plen == 24);
	EXPECT(!config_has(&c, CFG_PRIORITY) && !config_has(&c, CFG_FAMILY));
	EXPECT(!*err);
}

static void track_with_and_without_weight(void)
{
	EXPECT(parse(CONFIG_ADD,
		     "dev eth0 vrid 51 track nginx track-dev eth1 weight -30 "
		     "track disk weight 253 vip 192.0.2.10") == 0);
	EXPECT(c.ntracks == 3 && config_has(&c, CFG_TRACKS));
	EXPECT(!strcmp(c.tracks[0].name, "nginx") && !c.tracks[0].dev &&
	       !c.tracks[0].has_weight);
	EXPECT(!strcmp(c.tracks[1].name, "eth1") && c.tracks[1].dev &&
	       c.tracks[1].has_weight && c.tracks[1].weight == -30);
	EXPECT(c.tracks[2].has_weight && c.tracks[2].weight == 253);
	EXPECT(c.nvips == 1);
}

static void track_weight_checked(void)
{
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 51 track a weight 0 vip 192.0.2.1",
		       "invalid weight \"0\""));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 51 track a weight -254 vip 192.0.2.1",
		       "expected -253 to 253"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 51 track a weight 9x vip 192.0.2.1",
		       "invalid weight"));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 51 track a weight",
		       "\"weight\" needs a value"));
	/* "weight" belongs to a track: alone it is no keyword. */
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 51 weight 5",
		       "unknown argument \"weight\""));
}

static void notrack_set_only(void)
{
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 51 notrack") == 0);
	EXPECT(config_has(&c, CFG_NOTRACK) && !c.ntracks);
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 51 notrack track a",
		       "\"notrack\" conflicts with \"track\""));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 51 notrack vip 192.0.2.1",
		       "unknown argument \"notrack\""));
}

static void add_everything(void)
{
	EXPECT(parse(CONFIG_ADD,
		     "dev eth0 vrid 255 family inet priority 150 interval 100ms "
		     "nopreempt preempt-delay 2s noaccept garp-count 3 "
		     "garp-interval 0.1s garp-delay 2.5s garp-refresh 60 "
		     "vip 192.0.2.10 vip 192.0.2.11/24") == 0);
	EXPECT(c.vrid == 255 && c.priority == 150 && c.interval_ms == 100);
	EXPECT(!c.preempt && c.preempt_delay_ms == 2000 && !c.accept);
	EXPECT(c.garp_count == 3 && c.garp_interval_ms == 100);
	EXPECT(c.garp_delay_ms == 2500 && c.garp_refresh_ms == 60000);
	EXPECT(c.nvips == 2 && c.vips[0].plen == 32 && c.vips[1].plen == 24);
	EXPECT(config_has(&c, CFG_FAMILY) && config_has(&c, CFG_PREEMPT));
}

/* The kernel, not the tool, rejects these and explains why. */
static void kernel_ranges_left_to_kernel(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 priority 0 interval 15ms "
				 "garp-count 0 preempt-delay 99999s "
				 "garp-refresh 500ms garp-delay 2h vip 1.2.3.4") == -1);
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 priority 0 interval 15ms "
				 "garp-count 0 preempt-delay 99999s "
				 "garp-refresh 500ms garp-delay 7200 vip 1.2.3.4") == 0);
	EXPECT(c.garp_refresh_ms == 500 && c.garp_delay_ms == 7200000);
	EXPECT(c.priority == 0 && c.interval_ms == 15 && c.garp_count == 0);
}

static void vrid_must_fit(void)
{
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 0 vip 1.2.3.4",
		       "invalid vrid \"0\" (expected 1-255)"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 256 vip 1.2.3.4",
		       "invalid vrid"));
	EXPECT(refused(CONFIG_DEL, "dev eth0 vrid x", "invalid vrid"));
}

static void priority_must_fit_u8(void)
{
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 priority 256",
		       "invalid priority \"256\" (expected 0-255)"));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 priority -1",
		       "invalid priority"));
}

static void garp_count_must_fit_u32(void)
{
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 garp-count 4294967296",
		       "invalid garp-count"));
}

static void bad_duration_names_keyword(void)
{
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 interval 1.0005s",
		       "invalid interval \"1.0005s\": finer than a millisecond"));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 garp-interval -1",
		       "invalid garp-interval"));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 preempt-delay soon",
		       "invalid preempt-delay"));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 garp-delay 1us",
		       "invalid garp-delay \"1us\""));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 garp-refresh 0.0001",
		       "invalid garp-refresh \"0.0001\": finer than a millisecond"));
}

static void missing_value(void)
{
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 priority",
		       "\"priority\" needs a value"));
	EXPECT(refused(CONFIG_SELECT, "dev", "\"dev\" needs a value"));
}

static void unknown_keyword(void)
{
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 prioroty 5 vip 1.2.3.4",
		       "unknown argument \"prioroty\""));
}

static void instance_name(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 name VI_1 vip 1.2.3.4") == 0 &&
	       config_has(&c, CFG_NAME) && !strcmp(c.name, "VI_1"));
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1 noname") == 0 &&
	       config_has(&c, CFG_NAME) && !*c.name);
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 name a\tb vip 1.2.3.4",
		       "invalid name"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 name "
		       "a234567890123456789012345678901x vip 1.2.3.4",
		       "expected 1-31 bytes"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 noname vip 1.2.3.4",
		       "unknown argument \"noname\""));
}

/* As ip(8): a keyword's beginning will do, if no other keyword shares it. */
static void keyword_prefixes(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vr 1 prio 5 int 100ms nopre vip 1.2.3.4") == 0);
	EXPECT(c.vrid == 1 && c.priority == 5 && c.interval_ms == 100 &&
	       config_has(&c, CFG_PREEMPT) && !c.preempt);
	/* An exact keyword wins over a longer one it begins. */
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 vip 1.2.3.4 preempt") == 0 &&
	       c.nvips == 1 && c.preempt);
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 pre 5 vip 1.2.3.4",
		       "\"pre\" is ambiguous: preempt, preempt-delay"));
	/* Only among the keywords of the command. */
	EXPECT(parse(CONFIG_DEL, "dev eth0 vrid 1 fam inet6") == 0 &&
	       !strcmp(c.family->name, "inet6"));
}

static void keyword_not_for_this_command(void)
{
	EXPECT(refused(CONFIG_DEL, "dev eth0 vrid 1 priority 5",
		       "unknown argument \"priority\""));
	EXPECT(refused(CONFIG_DEL, "dev eth0 vrid 1 garp-refresh 1s",
		       "unknown argument \"garp-refresh\""));
	EXPECT(refused(CONFIG_SELECT, "dev eth0 vip 1.2.3.4",
		       "unknown argument \"vip\""));
}

static void repeated_keyword(void)
{
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 vrid 2",
		       "\"vrid\" is given twice"));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 accept noaccept",
		       "\"noaccept\" conflicts with \"accept\""));
}

static void required_keywords(void)
{
	EXPECT(refused(CONFIG_ADD, "vrid 1 vip 1.2.3.4", "\"dev IF\" is required"));
	EXPECT(refused(CONFIG_SET, "dev eth0", "\"vrid N\" is required"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1",
		       "at least one \"vip ADDR[/PLEN]\" is required"));
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1") == 0);
}

static void select_forms(void)
{
	EXPECT(parse(CONFIG_SELECT, "") == 0 && !config_has(&c, CFG_DEV));
	EXPECT(parse(CONFIG_SELECT, "dev eth0") == 0 && !config_has(&c, CFG_VRID));
	EXPECT(parse(CONFIG_SELECT, "dev eth0 vrid 3") == 0 && c.vrid == 3);
	EXPECT(parse(CONFIG_SELECT, "vrid 3") == 0 && c.vrid == 3 &&
	       !config_has(&c, CFG_DEV));
	EXPECT(parse(CONFIG_SELECT, "family inet6") == 0 &&
	       config_has(&c, CFG_FAMILY));
}

/* del selects as show does, but something must be said. */
static void del_forms(void)
{
	EXPECT(parse(CONFIG_DEL, "dev eth0 vrid 3") == 0 &&
	       !config_has(&c, CFG_FAMILY));
	EXPECT(parse(CONFIG_DEL, "vrid 3") == 0 && !config_has(&c, CFG_DEV));
	EXPECT(parse(CONFIG_DEL, "dev eth0") == 0 && !config_has(&c, CFG_VRID));
	EXPECT(parse(CONFIG_DEL, "family inet6") == 0);
	EXPECT(refused(CONFIG_DEL, "",
		       "\"dev IF\", \"vrid N\" or \"family F\" is required (flush deletes every instance)"));
}

/* Unicast peers and the source, read for the family as the vips are. */
static void peers_and_source(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.10 peer 192.0.2.2 "
			       "peer 198.51.100.3 source 192.0.2.1") == 0 &&
	       c.npeers == 2 && c.peers[1].addr[0] == 198 &&
	       c.peers[1].addr[3] == 3 && !strcmp(c.source_text, "192.0.2.1") &&
	       c.source.addr[3] == 1 && config_has(&c, CFG_SOURCE));
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 family inet6 vip fe80::1 "
			       "peer fe80::2 source 2001:db8::1") == 0 &&
	       c.npeers == 1 && c.peers[0].addr[0] == 0xfe &&
	       c.source.addr[0] == 0x20);
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 family inet6 vip fe80::1 "
				   "peer 192.0.2.2",
		       "invalid peer \"192.0.2.2\": not an IPv6 address"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.10 source x",
		       "invalid source \"x\""));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.10 peer "
				   "192.0.2.2/24", "invalid peer"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.10 nopeer",
		       "unknown argument \"nopeer\""));
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1 nopeer nosource") == 0 &&
	       config_has(&c, CFG_NOPEER) && !c.npeers &&
	       !strcmp(c.source_text, ""));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 nopeer peer 192.0.2.2",
		       "\"nopeer\" conflicts with \"peer\""));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 source 192.0.2.1 nosource",
		       "\"nosource\" conflicts with \"source\""));
}

/* The vips are read for the family: IPv6 ones for inet6, and not IPv4. */
static void inet6_vips(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 family inet6 vip fe80::1/64 "
			       "vip 2001:db8::1") == 0 &&
	       c.nvips == 2 && c.vips[0].plen == 64 && c.vips[1].plen == 128);
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 family inet6 vip 1.2.3.4",
		       "invalid vip \"1.2.3.4\": not an IPv6 address"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip fe80::1",
		       "not an IPv4 address (family inet6 for IPv6)"));
	EXPECT(parse(CONFIG_SELECT, "dev eth0 vrid 3 family inet6") == 0 &&
	       config_has(&c, CFG_FAMILY));
}

/* Addresses are read for the final family, whatever the keyword order. */
static void vip_before_family(void)
{
	EXPECT(parse(CONFIG_ADD, "vip 192.0.2.1 dev eth0 family inet vrid 1") == 0);
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1/40",
		       "invalid vip \"192.0.2.1/40\""));
}

static void help_anywhere(void)
{
	EXPECT(parse(CONFIG_ADD, "help") == CONFIG_HELP);
	EXPECT(parse(CONFIG_ADD, "dev eth0 help") == CONFIG_HELP);
	EXPECT(parse(CONFIG_SELECT, "help") == CONFIG_HELP);
}

/* The synopsis of add and set as the keyword table makes it, on one line. */
static void table_synopsis(char *out, size_t len)
{
	char *buf = NULL, *p;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	config_synopsis(f, CONFIG_SET, "", "");
	fclose(f);
	for (p = buf; *p; p++)
		if (*p == '\n')
			*p = ' ';
	while (p > buf && p[-1] == ' ')
		*--p = '\0';
	snprintf(out, len, "%s", buf + strspn(buf, " "));
	free(buf);
}

/*
 * The PARAMS := lines of the man page, macros and quotes dropped and "\-"
 * read as "-": "[family inet] [priority P] ...".
 */
static bool man_synopsis(char *out, size_t len)
{
	char line[256];
	size_t n = 0;
	bool in = false;
	FILE *f = fopen(VRRPADM_MAN, "r");

	if (!f)
		return false;
	out[0] = '\0';
	while (fgets(line, sizeof(line), f)) {
		char *w;

		if (!strncmp(line, ".IR PARAMS ", 11)) {
			in = true;
			continue;
		}
		if (!in)
			continue;
		if (!strncmp(line, ".SH", 3))
			break;
		/* The macro, then its words. */
		strtok(line, " \n");
		while ((w = strtok(NULL, " \"\n"))) {
			const char *sep = !n || !strcmp(w, "]") ||
					  out[n - 1] == '[' ? "" : " ";

			for (char *r = w, *d = w; ; r++) {
				if (r[0] == '\\' && r[1] == '-')
					r++;
				*d++ = *r;
				if (!*r)
					break;
			}
			n += (size_t)snprintf(out + n, len - n, "%s%s", sep, w);
		}
	}
	fclose(f);
	return in;
}

static void man_page_synopsis(void)
{
	char want[1024], got[1024];

	table_synopsis(want, sizeof(want));
	EXPECT(man_synopsis(got, sizeof(got)));
	if (strcmp(got, want))
		fprintf(stderr, "man:   %s\nhelp:  %s\n", got, want);
	EXPECT(!strcmp(got, want));
}

/* Every keyword of the synopsis, and vip, has its entry under PARAMETERS. */
static void man_page_parameters(void)
{
	char syn[1024], section[65536], name[64];
	size_t n;
	FILE *f = fopen(VRRPADM_MAN, "r");
	const char *p;

	EXPECT(f);
	if (!f)
		return;
	n = fread(section, 1, sizeof(section) - 1, f);
	fclose(f);
	section[n] = '\0';
	p = strstr(section, "\n.SH PARAMETERS\n");
	EXPECT(p);
	if (!p)
		return;
	table_synopsis(syn, sizeof(syn));
	strcat(syn, " [vip X]");
	/* A keyword follows "[" or "| ". */
	for (const char *k = syn; *k; k++) {
		char *d = name, entry[80];

		if (*k != '[' && !(k[0] == '|' && k[1] == ' '))
			continue;
		/* The "[" of an argument's optional part: ADDR[/PLEN]. */
		if (*k == '[' && k > syn && k[-1] != ' ')
			continue;
		k += *k == '[' ? 1 : 2;
		for (; *k && *k != ' ' && *k != ']'; k++) {
			if (*k == '-')
				*d++ = '\\';
			*d++ = *k;
		}
		*d = '\0';
		snprintf(entry, sizeof(entry), "\n.BI %s \"", name);
		if (!strstr(p, entry)) {
			snprintf(entry, sizeof(entry), "\n.B %s ", name);
			if (!strstr(p, entry)) {
				snprintf(entry, sizeof(entry), "\" | \" %s\n", name);
				if (!strstr(p, entry)) {
					snprintf(entry, sizeof(entry), "\n.BR %s ", name);
					EXPECT(strstr(p, entry));
				}
			}
		}
		k--;
	}
}

static void help_lists_every_keyword(void)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	config_params_help(f);
	fclose(f);
	EXPECT(strstr(buf, "\n  garp-delay DURATION      a second garp-count set"));
	EXPECT(strstr(buf, "\n  garp-refresh DURATION    while master,"));
	EXPECT(strstr(buf, "\n  preempt | nopreempt      take over"));
	EXPECT(strstr(buf, "\n                           (default 5s; 0: none)\n"));
	EXPECT(strstr(buf, "\n  vip ADDR[/PLEN]          a virtual"));
	EXPECT(!strstr(buf, "  dev ") && !strstr(buf, "  vrid "));
	free(buf);
}

/* The add usage wraps at 80 columns under "Usage: vrrpadm add ". */
static void synopsis_wraps(void)
{
	char *buf = NULL, *line;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	config_synopsis(f, CONFIG_ADD, "Usage: vrrpadm add dev IF vrid N",
			"           ");
	fclose(f);
	/* add has nothing to undo: no notrack, nogroup, noname... */
	EXPECT(!strstr(buf, "nogroup") && !strstr(buf, "noname") &&
	       !strstr(buf, "nosource") && !strstr(buf, "[notrack]") &&
	       strstr(buf, "[preempt | nopreempt]"));
	EXPECT(!strncmp(buf, "Usage: vrrpadm add dev IF vrid N "
			     "[family inet|inet6] [version 2|3]\n"
			     "           [checksum either|pseudo-header|rfc9568] "
			     "[priority P]\n", 126));
	EXPECT(strstr(buf, " [source ADDR]"));
	for (line = strtok(buf, "\n"); line; line = strtok(NULL, "\n"))
		EXPECT(strlen(line) <= 80);
	free(buf);
}

static void set_vip_list(void)
{
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1 vip 10.0.0.1 vip 10.0.0.2/8") == 0);
	EXPECT(config_has(&c, CFG_VIPS) && c.nvips == 2);
	config_free(&c);
}

/* Adverts must list one: excluded vips alone are refused, add or set. */
static void excluded_vips_alone(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 vip-excluded 10.0.0.1") == -1);
	config_free(&c);
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1 vip-excluded 10.0.0.1") == -1);
	config_free(&c);
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1 vip-excluded 10.0.0.1 vip 10.0.0.2") == 0);
	EXPECT(c.nvips == 2 && c.vips[0].excluded && !c.vips[1].excluded);
	config_free(&c);
}

/* dev, label and scope after a vip are the vip's, once dev is given. */
static void vip_options(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1/24 dev eth1 "
		     "label eth1:v scope link vip 192.0.2.2 vip-excluded "
		     "192.0.2.3 scope 7") == 0);
	EXPECT(c.nvips == 3 && !strcmp(c.dev, "eth0"));
	EXPECT(c.vips[0].dev && !strcmp(c.vips[0].dev, "eth1"));
	EXPECT(c.vips[0].label && !strcmp(c.vips[0].label, "eth1:v"));
	EXPECT(c.vips[0].scope == 253 && c.vips[0].plen == 24);
	EXPECT(!c.vips[1].dev && !c.vips[1].label && c.vips[1].scope == -1);
	EXPECT(c.vips[2].excluded && c.vips[2].scope == 7);
	/* Before the instance's dev, dev is the instance's, as always. */
	EXPECT(parse(CONFIG_ADD, "vrid 1 vip 192.0.2.1 dev eth0") == 0);
	EXPECT(!strcmp(c.dev, "eth0") && !c.vips[0].dev);
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 label eth0") == 0);
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 label eth1:x",
		       "label \"eth1:x\" must be \"eth0\" or start with \"eth0:\""));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 label eth0x",
		       "must be \"eth0\""));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 label "
		       "eth0:0123456789abc", "longer than 15"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 scope moon",
		       "invalid scope \"moon\""));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 scope link "
		       "scope host", "\"scope\" is given twice for one vip"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 label",
		       "\"label\" needs a value"));
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 family inet6 vip fe80::1 "
		       "scope link", "label and scope are for inet addresses"));
	config_free(&c);
}

/* route PREFIX [via GW] [dev IF], repeatable; noroute in set, alone. */
static void routes(void)
{
	EXPECT(parse(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 route "
		     "198.51.100.0/24 via 192.0.2.254 dev eth1 route default "
		     "via 192.0.2.254 route 203.0.113.7 priority 50") == 0);
	EXPECT(c.nroutes == 3 && config_has(&c, CFG_ROUTES) &&
	       config_has(&c, CFG_PRIORITY));
	EXPECT(c.routes[0].dst.plen == 24 && c.routes[0].via &&
	       c.routes[0].dev && !strcmp(c.routes[0].dev, "eth1"));
	EXPECT(c.routes[0].gw.addr[3] == 254 && c.routes[0].dst.addr[0] == 198);
	EXPECT(c.routes[1].dst.plen == 0 && c.routes[1].dst.addr[0] == 0 &&
	       !c.routes[1].dev);
	EXPECT(c.routes[2].dst.plen == 32 && !c.routes[2].via);
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1 noroute") == 0 &&
	       config_has(&c, CFG_NOROUTE) && !c.nroutes);
	EXPECT(refused(CONFIG_ADD, "dev eth0 vrid 1 vip 192.0.2.1 noroute",
		       "unknown argument \"noroute\""));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 noroute route 10.0.0.0/8",
		       "\"noroute\" conflicts with \"route\""));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 route 10.0.0.0/33",
		       "invalid route \"10.0.0.0/33\""));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 route 10.0.0.0/8 via x",
		       "invalid via \"x\""));
	EXPECT(refused(CONFIG_SET, "dev eth0 vrid 1 route 10.0.0.0/8 via",
		       "\"via\" needs a value"));
	EXPECT(parse(CONFIG_SET, "dev eth0 vrid 1 family inet6 route "
		     "2001:db8:1::/48 via fe80::1") == 0);
	EXPECT(c.routes[0].dst.plen == 48 && c.routes[0].gw.addr[0] == 0xfe);
	config_free(&c);
}

const struct test config_tests[] = {
	{ "args: vip dev, label and scope", vip_options },
	{ "args: route, via, dev, noroute", routes },
	{ "args: add with the minimum", add_minimal },
	{ "args: peer, nopeer, source and nosource", peers_and_source },
	{ "args: add with every keyword", add_everything },
	{ "args: track and track-dev, with and without weight",
	  track_with_and_without_weight },
	{ "args: a weight is -253..253, not 0, after a track",
	  track_weight_checked },
	{ "args: notrack, set only, alone", notrack_set_only },
	{ "args: kernel ranges left to the kernel", kernel_ranges_left_to_kernel },
	{ "args: vrid must fit 1-255", vrid_must_fit },
	{ "args: priority must fit a u8", priority_must_fit_u8 },
	{ "args: garp-count must fit a u32", garp_count_must_fit_u32 },
	{ "args: bad duration names its keyword", bad_duration_names_keyword },
	{ "args: missing value", missing_value },
	{ "args: unknown keyword", unknown_keyword },
	{ "args: name and noname", instance_name },
	{ "args: unambiguous beginnings of keywords", keyword_prefixes },
	{ "args: keyword of another command", keyword_not_for_this_command },
	{ "args: repeated or conflicting keyword", repeated_keyword },
	{ "args: required keywords", required_keywords },
	{ "args: show/stats selectors", select_forms },
	{ "args: del selects as show, never all", del_forms },
	{ "args: family inet6 refused", inet6_vips },
	{ "args: vip may come before family", vip_before_family },
	{ "args: help where a keyword goes", help_anywhere },
	{ "args: set takes a vip list", set_vip_list },
	{ "args: excluded vips alone are refused", excluded_vips_alone },
	{ "help: PARAMS explains every keyword", help_lists_every_keyword },
	{ "help: synopsis wraps at 80 columns", synopsis_wraps },
	{ "help: man page PARAMS synopsis is the table's", man_page_synopsis },
	{ "help: man page has every keyword under PARAMETERS",
	  man_page_parameters },
	{ NULL, NULL },
};
