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
		       "{\"dev\":\"eth0\",\"ifindex\":2,\"vrid\":51,"
		       "\"family\":\"inet\",\"old_state\":\"backup\","
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
	EXPECT(!*feed(event(VRRP_CMD_NEW_INSTANCE, true), false));
}

static void reason_names(void)
{
	static const char *const want[] = {
		"none", "startup", "owner", "down-timer", "priority-zero",
		"preempted", "link-down", "shutdown",
	};

	for (unsigned int i = 0; i < __VRRP_REASON_MAX; i++)
		EXPECT(!strcmp(reason_name(i), want[i]));
	EXPECT(!strcmp(reason_name(__VRRP_REASON_MAX), "unknown"));
	EXPECT(!strcmp(state_name(__VRRP_STATE_MAX), "unknown"));
}

const struct test monitor_tests[] = {
	{ "monitor: text line", event_text },
	{ "monitor: JSON line", event_json },
	{ "monitor: without a master address", event_without_master },
	{ "monitor: other commands ignored", other_commands_ignored },
	{ "monitor: every reason has its name", reason_names },
	{ NULL, NULL },
};
