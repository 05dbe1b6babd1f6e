// SPDX-License-Identifier: GPL-2.0
/*
 * import-keepalived: keepalived.conf's syntax (kaconf.c) and its
 * translation (import.c); what comes out must be a file apply takes
 * (conffile.c), for our own cases and for the examples Debian's keepalived
 * package ships.
 */
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conffile.h"
#include "import.h"
#include "kaconf.h"
#include "test.h"
#include "vrrpadm.h"

static char *out, *err;
static unsigned int reports;

static void on_report(const char *file, unsigned int line, const char *what,
		      const char *why)
{
	(void)file;
	(void)line;
	(void)what;
	(void)why;
	reports++;
}

/* Translates text; the output in out, the reports in err. */
static int translate(const char *text)
{
	struct ka_conf c = { 0 };
	size_t olen = 0, elen = 0;
	FILE *o, *e;
	int ret;

	free(out);
	free(err);
	out = err = NULL;
	reports = 0;
	o = open_memstream(&out, &olen);
	e = open_memstream(&err, &elen);
	capture_start();
	c.config_id = "high";
	ret = ka_parse(&c, "k.conf", text, on_report);
	if (!ret)
		reports += import_keepalived(&c, o, e);
	capture_end();
	fclose(o);
	fclose(e);
	ka_free(&c);
	return ret;
}

/* Whether out is a file apply takes (interfaces may be missing). */
static bool accepted(void)
{
	struct conffile cf;
	int ret;

	capture_start();
	ret = conffile_parse(&cf, "out", strdup(out), false);
	capture_end();
	conffile_free(&cf);
	return ret == EXIT_OK;
}

static const char nginx_pair[] =
	"! the classic nginx pair, the master's side\n"
	"global_defs {\n"
	"    router_id lb1\n"
	"}\n"
	"vrrp_script chk_nginx {\n"
	"    script \"/usr/bin/pgrep nginx\"\n"
	"    interval 2\n"
	"    timeout 1\n"
	"    weight -20\n"
	"    fall 2\n"
	"    rise 1\n"
	"}\n"
	"vrrp_instance VI_1 {\n"
	"    state MASTER\n"
	"    interface eth0\n"
	"    virtual_router_id 51\n"
	"    priority 101\n"
	"    advert_int 1\n"
	"    authentication {\n"
	"        auth_type PASS\n"
	"        auth_pass secret\n"
	"    }\n"
	"    virtual_ipaddress {\n"
	"        192.0.2.10/24 dev eth0 label eth0:vip\n"
	"    }\n"
	"    track_script {\n"
	"        chk_nginx\n"
	"    }\n"
	"    notify_master \"/etc/keepalived/master.sh\"\n"
	"}\n";

static void nginx_pair_translated(void)
{
	EXPECT(!translate(nginx_pair));
	EXPECT(strstr(out, "check chk_nginx script \"/usr/bin/pgrep nginx\" interval 2s timeout 1s fall 2 rise 1\n"));
	EXPECT(strstr(out, "instance dev eth0 vrid 51\n"
			   "    name VI_1\n"
			   "    version 2\n"
			   "    priority 101\n"
			   "    interval 1s\n"
			   "    vip 192.0.2.10/24 dev eth0 label eth0:vip\n"
			   "    track chk_nginx weight -20\n"));
	/* router_id, state, authentication, notify_master. */
	EXPECT(reports == 4);
	EXPECT(strstr(err, "k.conf:3: router_id: "));
	EXPECT(strstr(err, "k.conf:14: state: a hint"));
	EXPECT(strstr(err, "k.conf:19: authentication: "));
	EXPECT(strstr(err, "k.conf:29: notify_master: run vrrpadm monitor --exec"));
	EXPECT(accepted());
}

static void everything_else(void)
{
	EXPECT(!translate(
		"global_defs { vrrp_version 3\n vrrp_garp_master_delay 2 }\n"
		"vrrp_track_process nginx { process nginx\n weight -30\n quorum 2 }\n"
		"vrrp_track_file flag { file /run/flag }\n"
		"vrrp_sync_group G { group { A B } }\n"
		"vrrp_instance A {\n"
		"  interface eth0 # the LAN\n"
		"  virtual_router_id 7\n"
		"  advert_int 0.1\n"
		"  nopreempt\n preempt_delay 2.5\n no_accept\n use_vmac\n"
		"  unicast_src_ip 192.0.2.1\n"
		"  unicast_peer {\n 192.0.2.2\n 192.0.2.3\n }\n"
		"  garp_master_delay 1\n"
		"  virtual_ipaddress { 192.0.2.7/24 }\n"
		"  virtual_ipaddress_excluded {\n 198.51.100.7/24\n 2001:db8::7\n }\n"
		"  virtual_routes {\n"
		"    src 192.0.2.1 203.0.113.0/24 via 192.0.2.254 dev eth0\n"
		"    default gw 192.0.2.254 table 100\n"
		"    blackhole 198.51.100.0/24\n"
		"  }\n"
		"  track_interface {\n eth1 weight -10\n eth2\n }\n"
		"  track_process { nginx }\n"
		"  track_file { flag weight 5\n nosuch }\n"
		"}\n"
		"vrrp_instance B {\n interface eth0\n virtual_router_id 8\n"
		"  virtual_ipaddress {\n fe80::8\n 2001:db8::8/64\n }\n}\n"
		"virtual_server 192.0.2.100 80 {\n lb_algo rr\n}\n"));
	EXPECT(strstr(out, "check nginx process \"nginx\"\n"));
	EXPECT(strstr(out, "check flag file \"/run/flag\"\n"));
	EXPECT(strstr(out, "instance dev eth0 vrid 7\n    name A\n    interval 100ms\n"));
	/* Its own garp_master_delay wins over global_defs'. */
	EXPECT(strstr(out, "    garp-delay 1s\n    vip 192.0.2.7/24\n"));
	EXPECT(strstr(out, "garp-delay 2s") > strstr(out, "vrid 8"));
	EXPECT(!strstr(out, "version 2"));
	EXPECT(strstr(out, "    interval 100ms\n    nopreempt\n    preempt-delay 2500ms\n"
			   "    noaccept\n    vmac\n    source 192.0.2.1\n"
			   "    peer 192.0.2.2\n    peer 192.0.2.3\n"));
	EXPECT(strstr(out, "    vip-excluded 198.51.100.7/24\n"));
	EXPECT(!strstr(out, "2001:db8::7"));
	EXPECT(strstr(out, "    route 203.0.113.0/24 via 192.0.2.254 dev eth0\n"));
	EXPECT(strstr(out, "    route 0.0.0.0/0 via 192.0.2.254\n"));
	EXPECT(strstr(out, "    track-dev eth1 weight -10\n    track-dev eth2\n"));
	EXPECT(strstr(out, "    track nginx weight -30\n    track flag weight 5\n"));
	EXPECT(strstr(out, "    group G\n"));
	EXPECT(strstr(out, "instance dev eth0 vrid 8 family inet6\n    name B\n    garp-delay 2s\n"
			   "    vip fe80::8\n    vip 2001:db8::8/64\n    group G\n"));
	EXPECT(strstr(err, "quorum: not translated"));
	EXPECT(strstr(err, "2001:db8::7: an IPv6 address in an IPv4 instance"));
	EXPECT(strstr(err, "src: the route's preferred source"));
	EXPECT(strstr(err, "table, metric"));
	EXPECT(strstr(err, "blackhole: only unicast routes"));
	EXPECT(strstr(err, "nosuch: no such check"));
	EXPECT(strstr(err, "virtual_server: LVS is not part of this"));
	EXPECT(accepted());
}

static void syntax(void)
{
	const char *dir = "/tmp/vrrp-import-test";
	char path[256];
	FILE *f;

	/* Included files are read where the include stands, by glob. */
	EXPECT(!system("mkdir -p /tmp/vrrp-import-test/conf.d"));
	snprintf(path, sizeof(path), "%s/conf.d/a.conf", dir);
	f = fopen(path, "w");
	EXPECT(f);
	if (!f)
		return;
	fputs("vrrp_instance INC { interface lo\n virtual_router_id 9\n"
	      " virtual_ipaddress { 192.0.2.9 } }\n", f);
	fclose(f);
	snprintf(path, sizeof(path), "%s/keepalived.conf", dir);
	f = fopen(path, "w");
	EXPECT(f);
	if (!f)
		return;
	fputs("include conf.d/*.conf\ninclude nothing/*.conf\n", f);
	fclose(f);
	{
		struct ka_conf c = { 0 };

		reports = 0;
		capture_start();
		EXPECT(!ka_read(&c, path, on_report));
		capture_end();
		EXPECT(c.root.nkids == 1 && !strcmp(c.root.kids[0].word, "vrrp_instance"));
		EXPECT(c.root.nkids == 1 && strstr(c.root.kids[0].file, "conf.d/a.conf"));
		EXPECT(reports == 1);	/* the include that matched nothing */
		ka_free(&c);
	}
	EXPECT(!system("rm -rf /tmp/vrrp-import-test"));
	/* Braces that do not match; conditional lines are reported. */
	EXPECT(translate("vrrp_instance X {\n interface lo\n") != 0);
	EXPECT(translate("}\n") != 0);
	/* keepalived -i high: @high lines, @^low lines; the others left out. */
	EXPECT(!translate("@low vrrp_instance X {\n interface lo\n}\n$PRIO=100\n"
			  "vrrp_instance Y { interface lo\n virtual_router_id 1\n"
			  "@high priority 170\n@low priority 85\n@^low advert_int 2\n"
			  "@^high advert_int 3\n virtual_ipaddress { 192.0.2.1 } }\n"));
	EXPECT(strstr(out, "    priority 170\n    interval 2s\n"));
	EXPECT(!strstr(out, "85") && !strstr(out, "3s") && !strstr(out, "name X"));
	EXPECT(reports == 1);	/* $PRIO */
}

/* Every example of Debian's package translates into a file apply takes. */
static void debian_samples(void)
{
	const char *dir = "/usr/share/doc/keepalived/samples";
	struct dirent *d;
	unsigned int n = 0;
	DIR *dd = opendir(dir);

	if (!dd) {
		test_skip("no /usr/share/doc/keepalived/samples (install keepalived)");
		return;
	}
	while ((d = readdir(dd))) {
		char path[512];
		struct ka_conf c = { .config_id = "high" };
		size_t olen = 0, elen = 0;
		FILE *o, *e;

		if (strncmp(d->d_name, "keepalived.conf.", 16))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, d->d_name);
		free(out);
		free(err);
		out = err = NULL;
		o = open_memstream(&out, &olen);
		e = open_memstream(&err, &elen);
		capture_start();
		if (ka_read(&c, path, on_report)) {
			capture_end();
			fprintf(stderr, "%s: not read\n", path);
			EXPECT(!"a sample is read");
		} else {
			import_keepalived(&c, o, e);
			capture_end();
		}
		ka_free(&c);
		fclose(o);
		fclose(e);
		if (!accepted())
			fprintf(stderr, "%s: not accepted:\n%s", path, out);
		EXPECT(accepted());
		n++;
	}
	closedir(dd);
	EXPECT(n >= 10);
	free(out);
	free(err);
	out = err = NULL;
}

const struct test import_tests[] = {
	{ "import: the nginx pair, reports by line", nginx_pair_translated },
	{ "import: every translated keyword, the rest reported", everything_else },
	{ "import: includes, braces, conditional lines", syntax },
	{ "import: Debian's samples all translate", debian_samples },
	{ NULL, NULL },
};
