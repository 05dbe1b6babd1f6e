// SPDX-License-Identifier: GPL-2.0
/*
 * show and stats printing, fed with messages laid out as the UAPI header
 * documents them. show.c is included to reach its static printers.
 */
#include <arpa/inet.h>
#include <unistd.h>

#include "../../../tool/show.c"
#include "test.h"

/* vrrpadm.c is not linked into the tests; these stand in for it. */
bool json_output;

void usage_hint(const char *cmd)
{
	(void)cmd;
}

int metrics_main(int argc, char **argv)
{
	(void)argc;
	(void)argv;
	return 0;
}

static void put_addr(struct nl_msg *msg, int type, const char *text)
{
	struct in_addr a;

	inet_pton(AF_INET, text, &a);
	nla_put(msg, type, 4, &a);
}

static void put_vip(struct nl_msg *msg, const char *addr, int plen,
		    bool excluded)
{
	struct nlattr *v = nla_nest_start(msg, VRRP_VIP_A | NLA_F_NESTED);

	put_addr(msg, VRRP_VIP_A_ADDR, addr);
	if (plen >= 0)
		nla_put_u8(msg, VRRP_VIP_A_PREFIXLEN, (uint8_t)plen);
	if (excluded)
		nla_put_flag(msg, VRRP_VIP_A_EXCLUDED);
	nla_nest_end(msg, v);
}

static uint32_t garp_refresh_ms = 60000;
/* Sent when not 0: how long ago the instance entered its state. */
static uint64_t state_age_ms;
/* Adds a vip on interface 1 (lo) with a label and a scope, and routes. */
static bool with_places;

/* Inside VRRP_A_VIPS: a vip with a place of its own, one with a scope. */
static void put_placed_vips(struct nl_msg *msg)
{
	struct nlattr *v;

	v = nla_nest_start(msg, VRRP_VIP_A | NLA_F_NESTED);
	put_addr(msg, VRRP_VIP_A_ADDR, "198.51.100.1");
	nla_put_u8(msg, VRRP_VIP_A_PREFIXLEN, 24);
	nla_put_u32(msg, VRRP_VIP_A_IFINDEX, 1);
	nla_put_string(msg, VRRP_VIP_A_LABEL, "lo:gw");
	nla_put_u8(msg, VRRP_VIP_A_SCOPE, 254);
	nla_nest_end(msg, v);
	v = nla_nest_start(msg, VRRP_VIP_A | NLA_F_NESTED);
	put_addr(msg, VRRP_VIP_A_ADDR, "192.0.2.20");
	nla_put_u8(msg, VRRP_VIP_A_PREFIXLEN, 32);
	nla_put_u8(msg, VRRP_VIP_A_SCOPE, 7);
	nla_nest_end(msg, v);
}

static void put_route(struct nl_msg *msg, const char *dst, uint8_t plen,
		      const char *via, uint32_t ifindex)
{
	struct nlattr *r = nla_nest_start(msg, VRRP_ROUTE_A | NLA_F_NESTED);

	put_addr(msg, VRRP_ROUTE_A_DST, dst);
	nla_put_u8(msg, VRRP_ROUTE_A_PREFIXLEN, plen);
	if (via)
		put_addr(msg, VRRP_ROUTE_A_GATEWAY, via);
	if (ifindex)
		nla_put_u32(msg, VRRP_ROUTE_A_IFINDEX, ifindex);
	nla_nest_end(msg, r);
}

/*
 * The example instance of the brief: eth0 vrid 51, master. Without full,
 * also as a module older than garp-delay and garp-refresh sends it.
 */
static struct nl_msg *instance_msg(bool full)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *n;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_GET_INSTANCE, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 2);
	nla_put_string(msg, VRRP_A_IFNAME, "eth0");
	nla_put_u16(msg, VRRP_A_FAMILY, AF_INET);
	nla_put_u8(msg, VRRP_A_VRID, 51);
	nla_put_u8(msg, VRRP_A_VERSION, 3);
	if (full) {
		nla_put_u8(msg, VRRP_A_CHECKSUM, VRRP_CHECKSUM_RFC9568);
		nla_put_string(msg, VRRP_A_NAME, "VI_1");
		nla_put_u8(msg, VRRP_A_ACTIVE_PRIORITY, 150);
		nla_put_u8(msg, VRRP_A_REASON, VRRP_REASON_DOWN_TIMER);
	}
	if (state_age_ms)
		nla_put_u64(msg, VRRP_A_STATE_AGE_MS, state_age_ms);
	nla_put_u8(msg, VRRP_A_STATE, full ? VRRP_STATE_ACTIVE : VRRP_STATE_INIT);
	nla_put_u8(msg, VRRP_A_PRIORITY, 150);
	nla_put_u32(msg, VRRP_A_INTERVAL_MS, 100);
	nla_put_u32(msg, VRRP_A_ACTIVE_INTERVAL_MS, 100);
	nla_put_u8(msg, VRRP_A_PREEMPT, 1);
	nla_put_u32(msg, VRRP_A_PREEMPT_DELAY_MS, full ? 2000 : 0);
	nla_put_u8(msg, VRRP_A_ACCEPT, 0);
	if (full)
		nla_put_u8(msg, VRRP_A_VMAC, 1);
	nla_put_u32(msg, VRRP_A_GARP_COUNT, 5);
	nla_put_u32(msg, VRRP_A_GARP_INTERVAL_MS, 0);
	if (full) {
		nla_put_u32(msg, VRRP_A_GARP_DELAY_MS, 5000);
		nla_put_u32(msg, VRRP_A_GARP_REFRESH_MS, garp_refresh_ms);
		put_addr(msg, VRRP_A_ACTIVE_ADDR, "192.0.2.1");
		put_addr(msg, VRRP_A_PRIMARY_ADDR, "192.0.2.1");
	}
	n = nla_nest_start(msg, VRRP_A_VIPS | NLA_F_NESTED);
	put_vip(msg, "192.0.2.10", 24, false);
	if (full)
		put_vip(msg, "192.0.2.11", -1, true);
	if (with_places)
		put_placed_vips(msg);
	nla_nest_end(msg, n);
	if (with_places) {
		n = nla_nest_start(msg, VRRP_A_ROUTES | NLA_F_NESTED);
		put_route(msg, "203.0.113.0", 24, "198.51.100.100", 0);
		put_route(msg, "0.0.0.0", 0, NULL, 1);
		nla_nest_end(msg, n);
	}
	n = nla_nest_start(msg, VRRP_A_STATS | NLA_F_NESTED);
	nla_put_u64(msg, VRRP_STAT_ADVERT_TX, 10);
	nla_put_u64(msg, VRRP_STAT_ADDR_LIST_MISMATCH, 18446744073709551615ULL);
	nla_put_u64(msg, VRRP_STAT_GARP_TX, 12);
	nla_put_u64(msg, 200, 7);	/* a counter from a newer kernel */
	nla_nest_end(msg, n);
	return msg;
}

/* Feeds messages to the reply handler as vnl_request would, then ends. */
static const char *run(bool stats, bool json, bool with_unmatched)
{
	struct show s = { .stats = stats };
	struct nl_msg *a = instance_msg(true), *b = instance_msg(false);

	json_output = json;
	capture_start_fd(STDOUT_FILENO);
	json_init(&s.j, stdout);
	if (with_unmatched) {
		s.have_unmatched = true;
		s.unmatched[VRRP_STAT_DROP_VRID] = 3;
		s.unmatched[VRRP_STAT_DROP_LENGTH] = 4;
	}
	on_instance(a, &s);
	on_instance(b, &s);
	show_begin(&s);
	if (s.have_unmatched)
		print_unmatched(&s);
	show_end(&s);
	nlmsg_free(a);
	nlmsg_free(b);
	json_output = false;
	return capture_end();
}

static bool same(const char *got, const char *want)
{
	if (!strcmp(got, want))
		return true;
	fprintf(stderr, "got:\n%s\nwant:\n%s\n", got, want);
	return false;
}

static void show_text(void)
{
	EXPECT(same(run(false, false, false),
		    "eth0 vrid 51 inet v3: master\n"
		    "  master 192.0.2.1, primary 192.0.2.1, master's priority 150, master's interval 100ms, virtual MAC 00:00:5e:00:01:33, reason down-timer\n"
		    "  name VI_1 version 3 checksum rfc9568 priority 150 interval 100ms preempt preempt-delay 2000ms noaccept vmac\n"
		    "  garp-count 5 garp-interval 0 garp-delay 5s garp-refresh 60000ms\n"
		    "  vip 192.0.2.10/24\n"
		    "  vip-excluded 192.0.2.11/32\n"
		    "\n"
		    "eth0 vrid 51 inet v3: init\n"
		    "  master none, primary none, master's interval 100ms\n"
		    "  version 3 priority 150 interval 100ms preempt preempt-delay 0 noaccept novmac\n"
		    "  garp-count 5 garp-interval 0 garp-delay 5s garp-refresh 0\n"
		    "  vip 192.0.2.10/24\n"));
}

/*
 * What show prints after the status line can be pasted after "add dev IF
 * vrid N": add takes every word, and reads what the kernel sent.
 */
static void show_text_pastes_back(void)
{
	char *out = strdup(run(false, false, false)), *line, *save = NULL;
	char *argv[64] = { "dev", "eth0", "vrid", "51" };
	struct vrrp_config c;
	int argc = 4, n = 0;

	for (line = strtok_r(out, "\n", &save); line && n < 5;
	     line = strtok_r(NULL, "\n", &save), n++) {
		if (n < 2)	/* the state and the status */
			continue;
		for (char *w = strtok(line, " "); w && argc < 64;
		     w = strtok(NULL, " "))
			argv[argc++] = w;
	}
	memset(&c, 0, sizeof(c));
	EXPECT(!config_parse(&c, CONFIG_ADD, argc, argv));
	EXPECT(c.priority == 150 && c.interval_ms == 100 &&
	       c.preempt_delay_ms == 2000 && !c.accept && c.vmac &&
	       c.checksum == VRRP_CHECKSUM_RFC9568 && c.garp_count == 5);
	config_free(&c);
	free(out);
}

/* A state's age at a glance, from tenths of a second to days. */
static void show_state_age(void)
{
	static const struct {
		uint64_t ms;
		const char *text;
	} ages[] = {
		{ 12345, ", state age 12.3s\n" },
		{ 307000, ", state age 5m07s\n" },
		{ 11100000, ", state age 3h05m\n" },
		{ 183600000, ", state age 2d03h\n" },
	};

	for (size_t i = 0; i < sizeof(ages) / sizeof(ages[0]); i++) {
		state_age_ms = ages[i].ms;
		EXPECT(strstr(run(false, false, false), ages[i].text));
	}
	state_age_ms = 0;
}

/* "state_since": now less the age the kernel sent; "state_age_ms" as sent. */
static void show_state_since(void)
{
	const char *out, *p;

	state_age_ms = 61500;
	out = run(false, true, false);
	state_age_ms = 0;
	p = strstr(out, "\"state_since\":\"");
	EXPECT(p && strstr(out, "\"state_age_ms\":61500,"));
	if (!p)
		return;
	p += 15;
	/* "2026-12-04T10:00:00.123" */
	EXPECT(strlen(p) > 24 && p[4] == '-' && p[7] == '-' && p[10] == 'T' &&
	       p[13] == ':' && p[16] == ':' && p[19] == '.' && p[23] == '"');
}

/* 0 is "off", not a refresh every 0ms. */
static void show_refresh_off(void)
{
	garp_refresh_ms = 0;
	EXPECT(strstr(run(false, false, false),
		      "  garp-count 5 garp-interval 0 garp-delay 5s garp-refresh 0\n"));
	EXPECT(strstr(run(false, true, false), "\"garp_refresh_ms\":0,"));
	garp_refresh_ms = 60000;
}

#define STATS_JSON(tx, mismatch, garp)					\
	"\"stats\":{\"adverts_tx\":" tx ",\"adverts_rx\":0,"		\
	"\"became_master\":0,\"prio0_tx\":0,\"prio0_rx\":0,"		\
	"\"drop_ttl\":0,\"drop_version\":0,\"drop_type\":0,"		\
	"\"drop_length\":0,\"drop_checksum\":0,\"drop_vrid\":0,"	\
	"\"drop_addr_list\":0,\"drop_interval\":0,"			\
	"\"interval_mismatch\":0,\"addr_list_mismatch\":" mismatch ","	\
	"\"garp_tx\":" garp ",\"vip_restored\":0,\"mc_join_failed\":0,"	\
	"\"log_suppressed\":0,\"advert_late_max_us\":0,"			\
	"\"advert_late_lt_100us\":0,\"advert_late_lt_1ms\":0,"		\
	"\"advert_late_lt_10ms\":0,\"advert_late_lt_100ms\":0,"		\
	"\"advert_late_ge_100ms\":0,\"advert_missed\":0,"			\
	"\"down_late_max_us\":0,\"advert_irq_late_max_us\":0,"	\
	"\"timer_deferred\":0,\"drop_not_link_local\":0,\"drop_dest\":0,"	\
	"\"drop_checksum_form\":0,\"drop_auth\":0,\"drop_owner\":0,"	\
	"\"drop_peer\":0}"

static void show_json(void)
{
	EXPECT(same(run(false, true, false),
		    "[{\"dev\":\"eth0\",\"ifindex\":2,\"vrid\":51,\"family\":\"inet\","
		    "\"name\":\"VI_1\","
		    "\"version\":3,\"checksum\":\"rfc9568\",\"state\":\"master\","
		    "\"priority\":150,"
		    "\"effective_priority\":150,\"reason\":\"down-timer\","
		    "\"state_since\":null,\"state_age_ms\":null,\"master_priority\":150,"
		    "\"interval_ms\":100,\"master_interval_ms\":100,\"preempt\":true,"
		    "\"preempt_delay_ms\":2000,\"accept\":false,\"vmac\":true,"
		    "\"garp_count\":5,"
		    "\"garp_interval_ms\":0,\"garp_delay_ms\":5000,"
		    "\"garp_refresh_ms\":60000,"
		    "\"vips\":[\"192.0.2.10/24\"],\"excluded_vips\":[\"192.0.2.11/32\"],\"placed_vips\":[],\"routes\":[],"
		    "\"tracks\":[],\"group\":null,\"peers\":[],\"source\":null,"
		    "\"master_addr\":\"192.0.2.1\",\"primary_addr\":\"192.0.2.1\","
		    STATS_JSON("10", "18446744073709551615", "12") "},"
		    "{\"dev\":\"eth0\",\"ifindex\":2,\"vrid\":51,\"family\":\"inet\","
		    "\"name\":null,"
		    "\"version\":3,\"checksum\":null,\"state\":\"init\","
		    "\"priority\":150,"
		    "\"effective_priority\":150,\"reason\":null,"
		    "\"state_since\":null,\"state_age_ms\":null,\"master_priority\":null,"
		    "\"interval_ms\":100,\"master_interval_ms\":100,\"preempt\":true,"
		    "\"preempt_delay_ms\":0,\"accept\":false,\"vmac\":false,"
		    "\"garp_count\":5,"
		    "\"garp_interval_ms\":0,\"garp_delay_ms\":null,"
		    "\"garp_refresh_ms\":null,\"vips\":[\"192.0.2.10/24\"],"
		    "\"excluded_vips\":[],\"placed_vips\":[],\"routes\":[],"
		    "\"tracks\":[],\"group\":null,\"peers\":[],\"source\":null,"
		    "\"master_addr\":null,\"primary_addr\":null,"
		    STATS_JSON("10", "18446744073709551615", "12") "}]\n"));
}

static void stats_text(void)
{
	const char *block =
		"  adverts_tx 10\n  adverts_rx 0\n  became_master 0\n"
		"  prio0_tx 0\n  prio0_rx 0\n  drop_ttl 0\n  drop_version 0\n"
		"  drop_type 0\n  drop_length 0\n  drop_checksum 0\n"
		"  drop_vrid 0\n  drop_addr_list 0\n  drop_interval 0\n"
		"  interval_mismatch 0\n  addr_list_mismatch 18446744073709551615\n"
		"  garp_tx 12\n  vip_restored 0\n  mc_join_failed 0\n"
		"  log_suppressed 0\n  advert_late_max_us 0\n"
		"  advert_late_lt_100us 0\n  advert_late_lt_1ms 0\n"
		"  advert_late_lt_10ms 0\n  advert_late_lt_100ms 0\n"
		"  advert_late_ge_100ms 0\n  advert_missed 0\n"
		"  down_late_max_us 0\n  advert_irq_late_max_us 0\n"
		"  timer_deferred 0\n"
		"  drop_not_link_local 0\n"
		"  drop_dest 0\n"
		"  drop_checksum_form 0\n"
		"  drop_auth 0\n"
		"  drop_owner 0\n"
		"  drop_peer 0\n";
	char want[4096];

	snprintf(want, sizeof(want),
		 "eth0 vrid 51 inet v3: master\n%seth0 vrid 51 inet v3: init\n%s"
		 "unmatched: drop_vrid 3 drop_length 4\n", block, block);
	EXPECT(same(run(true, false, true), want));
}

/* stats -j is show -j: the same array, the same objects with "stats". */
static void stats_json(void)
{
	char *shown = strdup(run(false, true, false));

	EXPECT(shown && same(run(true, true, false), shown));
	EXPECT(shown && strstr(shown, ",\"stats\":{\"adverts_tx\":10,"));
	free(shown);
}

/* stats --unmatched -j: the namespace's object alone. */
static void stats_unmatched_json(void)
{
	struct show s = { .stats = true };

	json_output = true;
	capture_start_fd(STDOUT_FILENO);
	json_init(&s.j, stdout);
	s.unmatched[VRRP_STAT_DROP_VRID] = 3;
	s.unmatched[VRRP_STAT_DROP_LENGTH] = 4;
	print_unmatched(&s);
	json_output = false;
	EXPECT(same(capture_end(), "{\"drop_vrid\":3,\"drop_length\":4}\n"));
}

static void empty_results(void)
{
	struct show s = { .stats = false };
	const char *got;

	json_output = true;
	capture_start_fd(STDOUT_FILENO);
	json_init(&s.j, stdout);
	show_begin(&s);
	show_end(&s);
	got = capture_end();
	json_output = false;
	EXPECT(!strcmp(got, "[]\n"));
}

/* Text and JSON use these names; scenarios read the text with awk. */
static void stat_names(void)
{
	static const char *const want[] = {
		[VRRP_STAT_GARP_TX] = "garp_tx",
		[VRRP_STAT_VIP_RESTORED] = "vip_restored",
		[VRRP_STAT_MC_JOIN_FAILED] = "mc_join_failed",
		[VRRP_STAT_LOG_SUPPRESSED] = "log_suppressed",
		[VRRP_STAT_ADVERT_LATE_MAX_US] = "advert_late_max_us",
		[VRRP_STAT_ADVERT_LATE_100US] = "advert_late_lt_100us",
		[VRRP_STAT_ADVERT_LATE_1MS] = "advert_late_lt_1ms",
		[VRRP_STAT_ADVERT_LATE_10MS] = "advert_late_lt_10ms",
		[VRRP_STAT_ADVERT_LATE_100MS] = "advert_late_lt_100ms",
		[VRRP_STAT_ADVERT_LATE_MORE] = "advert_late_ge_100ms",
		[VRRP_STAT_ADVERT_MISSED] = "advert_missed",
		[VRRP_STAT_DOWN_LATE_MAX_US] = "down_late_max_us",
		[VRRP_STAT_ADVERT_IRQ_LATE_MAX_US] = "advert_irq_late_max_us",
		[VRRP_STAT_TIMER_DEFERRED] = "timer_deferred",
		[VRRP_STAT_DROP_NOT_LINK_LOCAL] = "drop_not_link_local",
		[VRRP_STAT_DROP_DEST] = "drop_dest",
		[VRRP_STAT_DROP_CHECKSUM_FORM] = "drop_checksum_form",
		[VRRP_STAT_DROP_AUTH] = "drop_auth",
		[VRRP_STAT_DROP_OWNER] = "drop_owner",
		[VRRP_STAT_DROP_PEER] = "drop_peer",
	};

	EXPECT(!stat_name(VRRP_STAT_UNSPEC) && !stat_name(VRRP_STAT_PAD));
	EXPECT(!stat_name(__VRRP_STAT_MAX));
	for (unsigned int id = VRRP_STAT_GARP_TX; id < __VRRP_STAT_MAX; id++)
		EXPECT(stat_name(id) && !strcmp(stat_name(id), want[id]));
	for (unsigned int id = 1; id < __VRRP_STAT_MAX; id++)
		EXPECT(id == VRRP_STAT_PAD || stat_name(id));
}

/* eth0 vrid 51 inet6, backup of fe80::2, with a link-local and a global VIP. */
static struct nl_msg *instance6_msg(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct in6_addr a;
	struct nlattr *n, *v;
	static const char *const vips[] = { "fe80::1", "2001:db8::10" };
	static const uint8_t plens[] = { 64, 128 };

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_GET_INSTANCE, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 2);
	nla_put_string(msg, VRRP_A_IFNAME, "eth0");
	nla_put_u16(msg, VRRP_A_FAMILY, AF_INET6);
	nla_put_u8(msg, VRRP_A_VRID, 51);
	nla_put_u8(msg, VRRP_A_VERSION, 3);
	nla_put_u8(msg, VRRP_A_STATE, VRRP_STATE_BACKUP);
	nla_put_u8(msg, VRRP_A_PRIORITY, 100);
	nla_put_u32(msg, VRRP_A_INTERVAL_MS, 1000);
	nla_put_u32(msg, VRRP_A_ACTIVE_INTERVAL_MS, 1000);
	nla_put_u8(msg, VRRP_A_PREEMPT, 1);
	inet_pton(AF_INET6, "fe80::2", &a);
	nla_put(msg, VRRP_A_ACTIVE_ADDR, 16, &a);
	inet_pton(AF_INET6, "fe80::3", &a);
	nla_put(msg, VRRP_A_PRIMARY_ADDR, 16, &a);
	n = nla_nest_start(msg, VRRP_A_VIPS | NLA_F_NESTED);
	for (size_t i = 0; i < 2; i++) {
		v = nla_nest_start(msg, VRRP_VIP_A | NLA_F_NESTED);
		inet_pton(AF_INET6, vips[i], &a);
		nla_put(msg, VRRP_VIP_A_ADDR, 16, &a);
		nla_put_u8(msg, VRRP_VIP_A_PREFIXLEN, plens[i]);
		nla_nest_end(msg, v);
	}
	nla_nest_end(msg, n);
	return msg;
}

/* What "show [dev IF] [vrid N] [family F]" prints of these two instances. */
static const char *run_selected(const char *args)
{
	struct nl_msg *a = instance_msg(true), *b = instance6_msg();
	struct show s = { .stats = false };
	struct vrrp_config c;
	char buf[128], *argv[8];
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", args);
	for (char *t = strtok(buf, " "); t && argc < 8; t = strtok(NULL, " "))
		argv[argc++] = t;
	EXPECT(!config_parse(&c, CONFIG_SELECT, argc, argv));
	s.sel = &c;
	capture_start_fd(STDOUT_FILENO);
	json_init(&s.j, stdout);
	on_instance(a, &s);
	on_instance(b, &s);
	config_free(&c);
	nlmsg_free(a);
	nlmsg_free(b);
	return capture_end();
}

/* Nothing matched: the message leads with the selector that found nothing. */
static bool none_says(const char *args, const char *want)
{
	char buf[64], *argv[8];
	struct vrrp_config c;
	int argc = 0;
	bool ok;

	snprintf(buf, sizeof(buf), "%s", args);
	for (char *t = strtok(buf, " "); t && argc < 8; t = strtok(NULL, " "))
		argv[argc++] = t;
	if (config_parse(&c, CONFIG_DEL, argc, argv))
		return false;
	ok = !strcmp(instance_none_selected(&c), want);
	config_free(&c);
	return ok;
}

static void none_selected(void)
{
	EXPECT(none_says("dev lo vrid 9", "vrid: no such instance on the interface"));
	EXPECT(none_says("vrid 9 family inet6", "vrid: no such instance"));
	EXPECT(none_says("dev lo", "dev: no instance on the interface"));
	EXPECT(none_says("family inet6", "family: no instance of the family"));
}

static void show_inet6_and_selectors(void)
{
	const char *got = run_selected("dev lo vrid 51 family inet6");

	EXPECT(same(got, "eth0 vrid 51 inet6 v3: backup\n"
			 "  master fe80::2, primary fe80::3, master's interval 1000ms\n"
			 "  version 3 priority 100 interval 1000ms preempt preempt-delay 0 noaccept novmac\n"
			 "  garp-count 0 garp-interval 0 garp-delay 5s garp-refresh 0\n"
			 "  vip fe80::1/64\n"
			 "  vip 2001:db8::10/128\n"));
	got = run_selected("dev lo vrid 51");
	EXPECT(strstr(got, "eth0 vrid 51 inet v3: master\n") &&
	       strstr(got, "\n\neth0 vrid 51 inet6 v3: backup\n"));
	got = run_selected("dev lo family inet");
	EXPECT(strstr(got, " inet v3: ") && !strstr(got, "inet6"));
	EXPECT(!strcmp(run_selected("dev lo vrid 52"), ""));
}

/* dev, label, scope and routes: in add's words, and in JSON. */
static void show_places_and_routes(void)
{
	const char *text, *js;

	with_places = true;
	text = run(false, false, false);
	EXPECT(strstr(text, "  vip 192.0.2.10/24\n"
			    "  vip-excluded 192.0.2.11/32\n"
			    "  vip 198.51.100.1/24 dev lo label lo:gw scope host\n"
			    "  vip 192.0.2.20/32 scope 7\n"
			    "  route 203.0.113.0/24 via 198.51.100.100\n"
			    "  route 0.0.0.0/0 dev lo\n"));
	js = run(false, true, false);
	EXPECT(strstr(js, "\"vips\":[\"192.0.2.10/24\",\"198.51.100.1/24\",\"192.0.2.20/32\"],"
			  "\"excluded_vips\":[\"192.0.2.11/32\"],"
			  "\"placed_vips\":[{\"vip\":\"198.51.100.1/24\",\"dev\":\"lo\","
			  "\"label\":\"lo:gw\",\"scope\":\"host\"},"
			  "{\"vip\":\"192.0.2.20/32\",\"dev\":null,\"label\":null,"
			  "\"scope\":\"7\"}],"
			  "\"routes\":[{\"dst\":\"203.0.113.0/24\",\"via\":\"198.51.100.100\","
			  "\"dev\":null},{\"dst\":\"0.0.0.0/0\",\"via\":null,\"dev\":\"lo\"}],"));
	with_places = false;
}

const struct test show_tests[] = {
	{ "show: state_since from the kernel's age", show_state_since },
	{ "show: vip dev, label, scope and routes", show_places_and_routes },
	{ "show: text blocks", show_text },
	{ "show: text settings paste back into add", show_text_pastes_back },
	{ "show: state age at a glance", show_state_age },
	{ "show: JSON keys and values", show_json },
	{ "show: garp refresh 0 is off", show_refresh_off },
	{ "stats: text with unmatched line", stats_text },
	{ "stats: JSON is show's JSON", stats_json },
	{ "stats: --unmatched JSON", stats_unmatched_json },
	{ "show: no instance is an empty array", empty_results },
	{ "stats: every counter has its name", stat_names },
	{ "show, del: nothing selected names the selector", none_selected },
	{ "show: inet6 instances, vrid and family selectors",
	  show_inet6_and_selectors },
	{ NULL, NULL },
};
