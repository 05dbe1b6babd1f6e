// SPDX-License-Identifier: GPL-2.0
/* monitor's event lines; monitor.c is included to reach on_event(). */
#include <arpa/inet.h>

#include "../../../tool/monitor.c"
#include "test.h"

static struct nl_msg *event(int cmd, bool with_master)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct in_addr a;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, (uint8_t)cmd, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 2);
	nla_put_string(msg, VRRP_A_IFNAME, "eth0");
	nla_put_u16(msg, VRRP_A_FAMILY, AF_INET);
	nla_put_u8(msg, VRRP_A_VRID, 51);
	nla_put_u8(msg, VRRP_A_OLD_STATE, VRRP_STATE_BACKUP);
	nla_put_u8(msg, VRRP_A_STATE, VRRP_STATE_ACTIVE);
	nla_put_u8(msg, VRRP_A_REASON, VRRP_REASON_DOWN_TIMER);
	nla_put_u8(msg, VRRP_A_PRIORITY, 150);
	if (with_master) {
		inet_pton(AF_INET, "192.0.2.1", &a);
		nla_put(msg, VRRP_A_ACTIVE_ADDR, 4, &a);
	}
	return msg;
}

static const char *feed(struct nl_msg *msg, bool json)
{
	json_output = json;
	capture_start_fd(STDOUT_FILENO);
	on_event(msg, NULL);
	nlmsg_free(msg);
	json_output = false;
	return capture_end();
}

static void event_text(void)
{
	EXPECT(!strcmp(feed(event(VRRP_CMD_STATE_CHANGE, true), false),
		       "eth0 vrid 51 inet: backup -> master (down-timer) "
		       "priority 150 master 192.0.2.1\n"));
}

static void event_json(void)
{
	EXPECT(!strcmp(feed(event(VRRP_CMD_STATE_CHANGE, true), true),
		       "{\"event\":\"state\",\"dev\":\"eth0\",\"ifindex\":2,\"vrid\":51,"
		       "\"family\":\"inet\",\"name\":null,\"old_state\":\"backup\","
		       "\"state\":\"master\",\"reason\":\"down-timer\","
		       "\"priority\":150,\"master_addr\":\"192.0.2.1\"}\n"));
}

static void event_without_master(void)
{
	EXPECT(!strcmp(feed(event(VRRP_CMD_STATE_CHANGE, false), false),
		       "eth0 vrid 51 inet: backup -> master (down-timer) "
		       "priority 150\n"));
	EXPECT(strstr(feed(event(VRRP_CMD_STATE_CHANGE, false), true),
		      "\"master_addr\":null}"));
}

static void other_commands_ignored(void)
{
	EXPECT(!*feed(event(VRRP_CMD_GET_INSTANCE, true), false));
	EXPECT(!*feed(event(VRRP_CMD_GET_NETSTATS, true), true));
	EXPECT(!*feed(event(__VRRP_CMD_MAX, true), false));
}

static struct nl_msg *track_event(int cmd)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, (uint8_t)cmd, 1);
	nla_put_string(msg, VRRP_A_TRACK_NAME, "web");
	if (cmd != VRRP_CMD_DEL_TRACK) {
		nla_put_u8(msg, VRRP_A_TRACK_STATE, VRRP_TRACK_DOWN);
		nla_put_u32(msg, VRRP_A_TRACK_USERS, 1);
		nla_put_u32(msg, VRRP_A_TRACK_LEASE_MS, 4000);
	}
	return msg;
}

static void track_events(void)
{
	EXPECT(!strcmp(feed(track_event(VRRP_CMD_NEW_TRACK), false),
		       "track added web: down, lease 4000ms, users 1\n"));
	EXPECT(!strcmp(feed(track_event(VRRP_CMD_SET_TRACK), false),
		       "track changed web: down, lease 4000ms, users 1\n"));
	EXPECT(!strcmp(feed(track_event(VRRP_CMD_DEL_TRACK), false),
		       "track deleted web\n"));
	EXPECT(!strcmp(feed(track_event(VRRP_CMD_SET_TRACK), true),
		       "{\"event\":\"track-set\",\"name\":\"web\",\"state\":\"down\","
		       "\"users\":1,\"lease_ms\":4000,\"value\":null}\n"));
	EXPECT(!strcmp(feed(track_event(VRRP_CMD_DEL_TRACK), true),
		       "{\"event\":\"track-del\",\"name\":\"web\"}\n"));
	/* No GET_TRACK reply is an event. */
	EXPECT(!*feed(track_event(VRRP_CMD_GET_TRACK), false));
}

static void put_vip(struct nl_msg *msg, const char *addr, int plen)
{
	struct nlattr *v = nla_nest_start(msg, VRRP_VIP_A | NLA_F_NESTED);
	struct in_addr a;

	inet_pton(AF_INET, addr, &a);
	nla_put(msg, VRRP_VIP_A_ADDR, 4, &a);
	nla_put_u8(msg, VRRP_VIP_A_PREFIXLEN, (uint8_t)plen);
	nla_nest_end(msg, v);
}

/*
 * A NEW or SET event: what a GET reply holds. With defaults, the kernel's
 * defaults but for priority and interval; otherwise everything differs.
 */
static struct nl_msg *config_event(int cmd, bool defaults)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct nlattr *n;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, (uint8_t)cmd, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 2);
	nla_put_string(msg, VRRP_A_IFNAME, "eth0");
	nla_put_u16(msg, VRRP_A_FAMILY, AF_INET);
	nla_put_u8(msg, VRRP_A_VRID, 51);
	nla_put_u8(msg, VRRP_A_VERSION, 3);
	nla_put_u8(msg, VRRP_A_CHECKSUM, defaults ? VRRP_CHECKSUM_EITHER :
						   VRRP_CHECKSUM_RFC9568);
	nla_put_u8(msg, VRRP_A_STATE, VRRP_STATE_INIT);
	nla_put_u8(msg, VRRP_A_PRIORITY, 150);
	nla_put_u32(msg, VRRP_A_INTERVAL_MS, 100);
	nla_put_u8(msg, VRRP_A_PREEMPT, defaults);
	nla_put_u32(msg, VRRP_A_PREEMPT_DELAY_MS, defaults ? 0 : 2000);
	nla_put_u8(msg, VRRP_A_ACCEPT, defaults);
	nla_put_u8(msg, VRRP_A_VMAC, !defaults);
	nla_put_u32(msg, VRRP_A_GARP_COUNT, defaults ? 5 : 2);
	nla_put_u32(msg, VRRP_A_GARP_INTERVAL_MS, defaults ? 0 : 200);
	nla_put_u32(msg, VRRP_A_GARP_DELAY_MS, defaults ? 5000 : 0);
	nla_put_u32(msg, VRRP_A_GARP_REFRESH_MS, defaults ? 0 : 60000);
	n = nla_nest_start(msg, VRRP_A_VIPS | NLA_F_NESTED);
	put_vip(msg, "192.0.2.10", 24);
	if (!defaults)
		put_vip(msg, "192.0.2.11", 32);
	nla_nest_end(msg, n);
	n = nla_nest_start(msg, VRRP_A_STATS | NLA_F_NESTED);
	nla_put_u64(msg, VRRP_STAT_ADVERT_TX, 0);
	nla_nest_end(msg, n);
	return msg;
}

static bool same(const char *got, const char *want)
{
	if (!strcmp(got, want))
		return true;
	fprintf(stderr, "got:  %swant: %s", got, want);
	return false;
}

static void added_text(void)
{
	EXPECT(same(feed(config_event(VRRP_CMD_NEW_INSTANCE, true), false),
		    "eth0 vrid 51 inet: added priority 150 interval 100ms "
		    "vip 192.0.2.10/24\n"));
}

/* What differs from the defaults, in add's own words. */
static void changed_text(void)
{
	EXPECT(same(feed(config_event(VRRP_CMD_SET_INSTANCE, false), false),
		    "eth0 vrid 51 inet: changed checksum rfc9568 priority 150 "
		    "interval 100ms "
		    "nopreempt preempt-delay 2000ms noaccept vmac garp-count 2 "
		    "garp-interval 200ms garp-delay 0ms garp-refresh 60000ms "
		    "vip 192.0.2.10/24 vip 192.0.2.11/32\n"));
}

/* The object show -j prints, led by "event". */
static void config_json(void)
{
	const char *show =
		"\"dev\":\"eth0\",\"ifindex\":2,\"vrid\":51,\"family\":\"inet\","
		"\"name\":null,"
		"\"version\":3,\"checksum\":\"either\",\"state\":\"init\","
		"\"priority\":150,"
		"\"effective_priority\":150,\"reason\":null,"
		"\"state_since\":null,\"state_age_ms\":null,\"master_priority\":null,"
		"\"interval_ms\":100,\"master_interval_ms\":null,\"preempt\":true,"
		"\"preempt_delay_ms\":0,\"accept\":true,\"vmac\":false,"
		"\"garp_count\":5,"
		"\"garp_interval_ms\":0,\"garp_delay_ms\":5000,"
		"\"garp_refresh_ms\":0,\"vips\":[\"192.0.2.10/24\"],"
		"\"excluded_vips\":[],\"placed_vips\":[],\"routes\":[],"
		"\"tracks\":[],\"group\":null,\"peers\":[],\"source\":null,"
		"\"master_addr\":null,\"primary_addr\":null,\"stats\":{";
	char want[1024];
	const char *got;

	snprintf(want, sizeof(want), "{\"event\":\"add\",%s", show);
	got = feed(config_event(VRRP_CMD_NEW_INSTANCE, true), true);
	EXPECT(!strncmp(got, want, strlen(want)));
	EXPECT(!strcmp(got + strlen(got) - 3, "}}\n"));
	snprintf(want, sizeof(want), "{\"event\":\"set\",%s", show);
	got = feed(config_event(VRRP_CMD_SET_INSTANCE, true), true);
	EXPECT(!strncmp(got, want, strlen(want)));
}

static struct nl_msg *del_event(bool with_reason)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_DEL_INSTANCE, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 2);
	nla_put_string(msg, VRRP_A_IFNAME, "eth0");
	nla_put_u16(msg, VRRP_A_FAMILY, AF_INET);
	nla_put_u8(msg, VRRP_A_VRID, 51);
	if (with_reason)
		nla_put_u8(msg, VRRP_A_REASON, VRRP_REASON_SHUTDOWN);
	return msg;
}

static void deleted(void)
{
	EXPECT(same(feed(del_event(true), false),
		    "eth0 vrid 51 inet: deleted (shutdown)\n"));
	EXPECT(same(feed(del_event(true), true),
		    "{\"event\":\"del\",\"dev\":\"eth0\",\"ifindex\":2,"
		    "\"vrid\":51,\"family\":\"inet\",\"name\":null,\"reason\":\"shutdown\"}\n"));
	EXPECT(same(feed(del_event(false), false),
		    "eth0 vrid 51 inet: deleted\n"));
	EXPECT(strstr(feed(del_event(false), true), "\"reason\":null}"));
}

/* An event without its identity says nothing: skipped. */
static void anonymous_skipped(void)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_DEL_INSTANCE, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 2);
	nla_put_u8(msg, VRRP_A_REASON, VRRP_REASON_SHUTDOWN);
	EXPECT(!*feed(msg, false));
}

static void reason_names(void)
{
	static const char *const want[] = {
		"none", "startup", "owner", "down-timer", "priority-zero",
		"preempted", "link-down", "shutdown", "track", "track-dev",
		"group",
	};

	for (unsigned int i = 0; i < __VRRP_REASON_MAX; i++)
		EXPECT(!strcmp(reason_name(i), want[i]));
	EXPECT(!strcmp(reason_name(__VRRP_REASON_MAX), "unknown"));
	EXPECT(!strcmp(state_name(__VRRP_STATE_MAX), "unknown"));
}

static bool starts(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* --current's dump: what is, before the events. */
static const char *feed_current(struct nl_msg *msg, bool json)
{
	json_output = json;
	capture_start_fd(STDOUT_FILENO);
	EXPECT(on_current(msg, NULL) == 0);
	nlmsg_free(msg);
	json_output = false;
	return capture_end();
}

static void current_first(void)
{
	const char *out;

	out = feed_current(config_event(VRRP_CMD_GET_INSTANCE, true), false);
	EXPECT(starts(out, "eth0 vrid 51 inet: is init, ") &&
	       strstr(out, ", priority 150 interval 100ms vip 192.0.2.10/24\n"));
	out = feed_current(config_event(VRRP_CMD_GET_INSTANCE, true), true);
	EXPECT(starts(out, "{\"event\":\"current\",\"dev\":\"eth0\",") &&
	       strstr(out, "\"state\":"));
	out = feed_current(track_event(VRRP_CMD_GET_TRACK), false);
	EXPECT(starts(out, "track is web: "));
	EXPECT(strstr(feed_current(track_event(VRRP_CMD_GET_TRACK), true),
		      "{\"event\":\"track-current\",\"name\":\"web\""));
	/* Only dump replies: an event there is not one of them. */
	EXPECT(!*feed_current(event(VRRP_CMD_STATE_CHANGE, true), false));
}

/* -t: "[YYYY-MM-DDTHH:MM:SS.uuuuuu] " first; "time" after "event". */
static void timestamps_first(void)
{
	const char *out;

	timestamps = true;
	out = feed(event(VRRP_CMD_STATE_CHANGE, true), false);
	EXPECT(strlen(out) > 29 && out[0] == '[' && out[5] == '-' &&
	       out[11] == 'T' && out[20] == '.' && out[27] == ']' &&
	       !strncmp(out + 29, "eth0 vrid 51 inet: backup -> master", 35));
	out = feed(event(VRRP_CMD_STATE_CHANGE, true), true);
	EXPECT(starts(out, "{\"event\":\"state\",\"time\":\"20"));
	timestamps = false;
}

static void lost_events_said(void)
{
	capture_start_fd(STDOUT_FILENO);
	print_lost();
	EXPECT(!strcmp(capture_end(), "events lost: read the state again (vrrpadm show)\n"));
	json_output = true;
	capture_start_fd(STDOUT_FILENO);
	print_lost();
	EXPECT(!strcmp(capture_end(), "{\"event\":\"lost\"}\n"));
	json_output = false;
}

const struct test monitor_tests[] = {
	{ "monitor: --current prints what is", current_first },
	{ "monitor: -t puts the time first", timestamps_first },
	{ "monitor: lost events are said in the stream", lost_events_said },
	{ "monitor: text line", event_text },
	{ "monitor: JSON line", event_json },
	{ "monitor: without a master address", event_without_master },
	{ "monitor: other commands ignored", other_commands_ignored },
	{ "monitor: added, in add's words", added_text },
	{ "monitor: changed, non-defaults listed", changed_text },
	{ "monitor: add and set as show's JSON object", config_json },
	{ "monitor: deleted, with or without reason", deleted },
	{ "monitor: event without vrid skipped", anonymous_skipped },
	{ "monitor: every reason has its name", reason_names },
	{ "monitor: health objects added, changed, deleted", track_events },
	{ NULL, NULL },
};
