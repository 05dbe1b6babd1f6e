// SPDX-License-Identifier: GPL-2.0
/* What add and set put on the wire for a command line. */
#include <stdio.h>
#include <string.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vrrp.h>

#include "attrs.h"
#include "test.h"

static struct nlattr *tb[VRRP_A_MAX + 1];
static struct nl_msg *msg;
static struct vrrp_config c;

/* Builds the message for a command line and parses it back. */
static int build(enum config_cmd cmd, const char *line)
{
	static char buf[512];
	char *argv[32], *tok;
	int argc = 0;

	snprintf(buf, sizeof(buf), "%s", line);
	for (tok = strtok(buf, " "); tok; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	config_free(&c);
	if (msg)
		nlmsg_free(msg);
	msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + 4096);
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_NEW_INSTANCE, 1);
	if (config_parse(&c, cmd, argc, argv))
		return -1;
	c.ifindex = 7;
	if (attrs_put_config(msg, &c))
		return -1;
	return genlmsg_parse(nlmsg_hdr(msg), 0, tb, VRRP_A_MAX, NULL);
}

static void only_given_attributes(void)
{
	EXPECT(build(CONFIG_SET, "dev lo vrid 9 priority 0") == 0);
	EXPECT(tb[VRRP_A_IFINDEX] && nla_get_u32(tb[VRRP_A_IFINDEX]) == 7);
	EXPECT(tb[VRRP_A_VRID] && nla_get_u8(tb[VRRP_A_VRID]) == 9);
	EXPECT(tb[VRRP_A_PRIORITY] && nla_get_u8(tb[VRRP_A_PRIORITY]) == 0);
	EXPECT(!tb[VRRP_A_FAMILY] && !tb[VRRP_A_VIPS] && !tb[VRRP_A_PREEMPT]);
	EXPECT(!tb[VRRP_A_INTERVAL_MS] && !tb[VRRP_A_ACCEPT]);
	EXPECT(!tb[VRRP_A_GARP_DELAY_MS] && !tb[VRRP_A_GARP_REFRESH_MS]);
}

/* Each track a nest: a name or an ifindex, and the weight if given. */
static void tracks_nested(void)
{
	struct nlattr *e, *t[VRRP_TRACK_A_MAX + 1];
	int rem, n = 0;

	EXPECT(build(CONFIG_SET, "dev lo vrid 9 track nginx weight -20 "
		     "track disk") == 0);
	EXPECT(tb[VRRP_A_TRACKS] && nla_is_nested(tb[VRRP_A_TRACKS]));
	nla_for_each_nested(e, tb[VRRP_A_TRACKS], rem) {
		EXPECT(nla_type(e) == VRRP_TRACK_A && nla_is_nested(e));
		EXPECT(!nla_parse_nested(t, VRRP_TRACK_A_MAX, e, NULL));
		EXPECT(t[VRRP_TRACK_A_NAME] && !t[VRRP_TRACK_A_IFINDEX]);
		EXPECT(!strcmp(nla_get_string(t[VRRP_TRACK_A_NAME]),
			       n ? "disk" : "nginx"));
		if (!n)
			EXPECT(t[VRRP_TRACK_A_WEIGHT] &&
			       (int32_t)nla_get_u32(t[VRRP_TRACK_A_WEIGHT]) == -20);
		else
			EXPECT(!t[VRRP_TRACK_A_WEIGHT]);
		n++;
	}
	EXPECT(n == 2);
}

/* notrack: an empty nest, which libnl's nla_nest_end() would drop. */
static void notrack_is_an_empty_list(void)
{
	EXPECT(build(CONFIG_SET, "dev lo vrid 9 notrack") == 0);
	EXPECT(tb[VRRP_A_TRACKS] && nla_len(tb[VRRP_A_TRACKS]) == 0);
	EXPECT(build(CONFIG_SET, "dev lo vrid 9 priority 5") == 0);
	EXPECT(!tb[VRRP_A_TRACKS]);
}

static void every_attribute_typed(void)
{
	EXPECT(build(CONFIG_ADD,
		     "dev lo vrid 1 family inet priority 200 interval 1.5s "
		     "preempt preempt-delay 100ms accept vmac garp-count 7 "
		     "garp-interval 20ms garp-delay 0 garp-refresh 2s "
		     "vip 192.0.2.1") == 0);
	EXPECT(nla_len(tb[VRRP_A_FAMILY]) == 2 &&
	       nla_get_u16(tb[VRRP_A_FAMILY]) == AF_INET);
	EXPECT(nla_len(tb[VRRP_A_PRIORITY]) == 1);
	EXPECT(nla_get_u32(tb[VRRP_A_INTERVAL_MS]) == 1500);
	EXPECT(nla_len(tb[VRRP_A_PREEMPT]) == 1 &&
	       nla_get_u8(tb[VRRP_A_PREEMPT]) == 1);
	EXPECT(nla_get_u32(tb[VRRP_A_PREEMPT_DELAY_MS]) == 100);
	EXPECT(nla_get_u8(tb[VRRP_A_ACCEPT]) == 1);
	EXPECT(nla_len(tb[VRRP_A_VMAC]) == 1 &&
	       nla_get_u8(tb[VRRP_A_VMAC]) == 1);
	EXPECT(nla_get_u32(tb[VRRP_A_GARP_COUNT]) == 7);
	EXPECT(nla_get_u32(tb[VRRP_A_GARP_INTERVAL_MS]) == 20);
	EXPECT(nla_len(tb[VRRP_A_GARP_DELAY_MS]) == 4 &&
	       nla_get_u32(tb[VRRP_A_GARP_DELAY_MS]) == 0);
	EXPECT(nla_len(tb[VRRP_A_GARP_REFRESH_MS]) == 4 &&
	       nla_get_u32(tb[VRRP_A_GARP_REFRESH_MS]) == 2000);
}

/* Strict kernel policies refuse nests without NLA_F_NESTED. */
static void vips_nested_with_flag(void)
{
	struct nlattr *v, *in[VRRP_VIP_A_MAX + 1];
	unsigned char want[2][4] = { { 192, 0, 2, 1 }, { 10, 1, 2, 3 } };
	int rem, n = 0;

	EXPECT(build(CONFIG_ADD, "dev lo vrid 1 vip 192.0.2.1 vip-excluded 10.1.2.3/8") == 0);
	EXPECT(tb[VRRP_A_VIPS] && (tb[VRRP_A_VIPS]->nla_type & NLA_F_NESTED));
	if (!tb[VRRP_A_VIPS])
		return;
	nla_for_each_nested(v, tb[VRRP_A_VIPS], rem) {
		EXPECT(v->nla_type == (VRRP_VIP_A | NLA_F_NESTED));
		EXPECT(!nla_parse_nested(in, VRRP_VIP_A_MAX, v, NULL));
		EXPECT(n < 2 && nla_len(in[VRRP_VIP_A_ADDR]) == 4 &&
		       !memcmp(nla_data(in[VRRP_VIP_A_ADDR]), want[n], 4));
		EXPECT(nla_get_u8(in[VRRP_VIP_A_PREFIXLEN]) == (n ? 8 : 32));
		/* vip-excluded: the flag, and only there. */
		EXPECT(!!in[VRRP_VIP_A_EXCLUDED] == (n == 1));
		n++;
	}
	EXPECT(n == 2);
}

/* Peers a nest of addresses, nopeer an empty one; source its address, nosource none. */
static void peers_and_source(void)
{
	static const unsigned char p2[4] = { 192, 0, 2, 2 };
	static const unsigned char p3[4] = { 198, 51, 100, 3 };
	struct nlattr *e;
	int rem, n = 0;

	EXPECT(build(CONFIG_SET, "dev lo vrid 9 peer 192.0.2.2 "
		     "peer 198.51.100.3 source 192.0.2.1 version 2 "
		     "checksum rfc9568") == 0);
	EXPECT(tb[VRRP_A_PEERS] && nla_is_nested(tb[VRRP_A_PEERS]));
	if (tb[VRRP_A_PEERS])
		nla_for_each_nested(e, tb[VRRP_A_PEERS], rem) {
			EXPECT(nla_type(e) == VRRP_PEER_A && nla_len(e) == 4);
			EXPECT(!memcmp(nla_data(e), n ? p3 : p2, 4));
			n++;
		}
	EXPECT(n == 2);
	EXPECT(tb[VRRP_A_SOURCE] && nla_len(tb[VRRP_A_SOURCE]) == 4 &&
	       ((unsigned char *)nla_data(tb[VRRP_A_SOURCE]))[3] == 1);
	EXPECT(tb[VRRP_A_VERSION] && nla_get_u8(tb[VRRP_A_VERSION]) == 2);
	EXPECT(tb[VRRP_A_CHECKSUM] &&
	       nla_get_u8(tb[VRRP_A_CHECKSUM]) == VRRP_CHECKSUM_RFC9568);
	EXPECT(build(CONFIG_SET, "dev lo vrid 9 nopeer nosource novmac") == 0);
	EXPECT(tb[VRRP_A_PEERS] && nla_len(tb[VRRP_A_PEERS]) == 0);
	EXPECT(tb[VRRP_A_SOURCE] && nla_len(tb[VRRP_A_SOURCE]) == 0);
	EXPECT(tb[VRRP_A_VMAC] && nla_get_u8(tb[VRRP_A_VMAC]) == 0);
	EXPECT(build(CONFIG_SET, "dev lo vrid 9 family inet6 peer fe80::2") == 0);
	EXPECT(tb[VRRP_A_PEERS] &&
	       nla_len(nla_data(tb[VRRP_A_PEERS])) == 16);
}

/* A vip's place inside its nest; routes nested, noroute an empty list. */
static void vip_places_and_routes(void)
{
	struct nlattr *v, *in[VRRP_VIP_A_MAX + 1], *r[VRRP_ROUTE_A_MAX + 1];
	int rem, n = 0;

	EXPECT(build(CONFIG_SET, "dev lo vrid 9 vip 192.0.2.1 label lo:a "
		     "scope host vip 192.0.2.2 dev eth1 route 198.51.100.0/24 "
		     "via 192.0.2.254 dev eth1 route 203.0.113.0/25") == 0);
	if (!tb[VRRP_A_VIPS] || !tb[VRRP_A_ROUTES]) {
		EXPECT(tb[VRRP_A_VIPS] && tb[VRRP_A_ROUTES]);
		return;
	}
	nla_for_each_nested(v, tb[VRRP_A_VIPS], rem) {
		EXPECT(!nla_parse_nested(in, VRRP_VIP_A_MAX, v, NULL));
		EXPECT(!!in[VRRP_VIP_A_LABEL] == !n && !!in[VRRP_VIP_A_SCOPE] == !n);
		EXPECT(!!in[VRRP_VIP_A_IFINDEX] == !!n);
		if (!n)
			EXPECT(!strcmp(nla_get_string(in[VRRP_VIP_A_LABEL]), "lo:a") &&
			       nla_get_u8(in[VRRP_VIP_A_SCOPE]) == 254);
		n++;
	}
	EXPECT(n == 2);
	n = 0;
	EXPECT(tb[VRRP_A_ROUTES]->nla_type & NLA_F_NESTED);
	nla_for_each_nested(v, tb[VRRP_A_ROUTES], rem) {
		EXPECT(v->nla_type == (VRRP_ROUTE_A | NLA_F_NESTED));
		EXPECT(!nla_parse_nested(r, VRRP_ROUTE_A_MAX, v, NULL));
		EXPECT(r[VRRP_ROUTE_A_DST] && nla_len(r[VRRP_ROUTE_A_DST]) == 4);
		EXPECT(nla_get_u8(r[VRRP_ROUTE_A_PREFIXLEN]) == (n ? 25 : 24));
		EXPECT(!!r[VRRP_ROUTE_A_GATEWAY] == !n &&
		       !!r[VRRP_ROUTE_A_IFINDEX] == !n);
		n++;
	}
	EXPECT(n == 2);
	EXPECT(build(CONFIG_SET, "dev lo vrid 9 noroute") == 0);
	EXPECT(tb[VRRP_A_ROUTES] && nla_len(tb[VRRP_A_ROUTES]) == 0);
	EXPECT(build(CONFIG_SET, "dev lo vrid 9 priority 9") == 0);
	EXPECT(!tb[VRRP_A_ROUTES]);
}

static void del_sends_the_key(void)
{
	EXPECT(build(CONFIG_DEL, "dev lo vrid 4 family inet") == 0);
	EXPECT(tb[VRRP_A_IFINDEX] && tb[VRRP_A_VRID] && tb[VRRP_A_FAMILY]);
	nlmsg_free(msg);
	msg = NULL;
	config_free(&c);
}

const struct test attrs_tests[] = {
	{ "attrs: only what was given is sent", only_given_attributes },
	{ "attrs: every attribute has its UAPI type", every_attribute_typed },
	{ "attrs: vips nested with NLA_F_NESTED, vip-excluded flagged",
	  vips_nested_with_flag },
	{ "attrs: tracks nested, names and weights", tracks_nested },
	{ "attrs: notrack sends an empty list", notrack_is_an_empty_list },
	{ "attrs: vip dev, label, scope; routes; noroute",
	  vip_places_and_routes },
	{ "attrs: del sends ifindex, vrid, family", del_sends_the_key },
	{ "attrs: peers, nopeer, source, nosource, novmac, version, checksum",
	  peers_and_source },
	{ NULL, NULL },
};
