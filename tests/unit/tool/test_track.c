// SPDX-License-Identifier: GPL-2.0
/*
 * track's command line, health objects as show prints them, and the
 * request loop that hands the kernel's refusal to check (against nlctrl,
 * as test_netlink.c does).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/genetlink.h>

#include "health.h"
#include "test.h"
#include "vrrpadm.h"

static struct track_cmd t;
static const char *err;

/* Parses the words of s (at most 16, split on spaces); stderr in err. */
static int parse(const char *s)
{
	static char buf[256];
	char *argv[16];
	int argc = 0, ret;

	snprintf(buf, sizeof(buf), "%s", s);
	for (char *w = strtok(buf, " "); w && argc < 16; w = strtok(NULL, " "))
		argv[argc++] = w;
	capture_start();
	ret = track_parse(&t, argc, argv);
	err = capture_end();
	return ret;
}

static bool refused(const char *s, const char *why)
{
	return parse(s) == -1 && strstr(err, why);
}

static void names(void)
{
	char longest[VRRP_TRACK_NAME_MAX];

	memset(longest, 'a', sizeof(longest) - 1);
	longest[sizeof(longest) - 1] = '\0';
	EXPECT(!health_name_invalid("web"));
	EXPECT(!health_name_invalid("a"));
	EXPECT(!health_name_invalid("chk_nginx-1.2:x~"));
	EXPECT(!health_name_invalid(longest));
	EXPECT(health_name_invalid(""));
	EXPECT(health_name_invalid("a/b"));
	EXPECT(health_name_invalid("a b"));
	EXPECT(health_name_invalid("a\tb"));
	EXPECT(health_name_invalid("caf\xc3\xa9"));
	EXPECT(health_name_invalid("a\x7f"));
	longest[0] = 'b';
	EXPECT(!health_name_invalid(longest));
	EXPECT(strstr(health_name_invalid("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"),
		      "31 bytes"));
}

static void values(void)
{
	int32_t v = 7;

	EXPECT(!health_parse_value("0", &v) && v == 0);
	EXPECT(!health_parse_value("254", &v) && v == 254);
	EXPECT(!health_parse_value("-254", &v) && v == -254);
	EXPECT(!health_parse_value("-0", &v) && v == 0);
	EXPECT(health_parse_value("255", &v));
	EXPECT(health_parse_value("-255", &v));
	EXPECT(health_parse_value("+5", &v));
	EXPECT(health_parse_value("--5", &v));
	EXPECT(health_parse_value("", &v));
	EXPECT(health_parse_value("-", &v));
	EXPECT(health_parse_value("1.5", &v));
	EXPECT(health_parse_value("0x10", &v));
}

static void add_defaults(void)
{
	EXPECT(parse("add web") == 0);
	EXPECT(t.op == TRACK_ADD && !strcmp(t.req.name, "web"));
	EXPECT(!t.req.has_state && !t.req.has_value && !t.req.has_lease);
}

static void add_everything(void)
{
	EXPECT(parse("add web down lease 1.5s value -20") == 0);
	EXPECT(t.req.has_state && !t.req.up);
	EXPECT(t.req.has_lease && t.req.lease_ms == 1500);
	EXPECT(t.req.has_value && t.req.value == -20);
	EXPECT(parse("add web value 3 up") == 0);
	EXPECT(t.req.has_state && t.req.up && t.req.value == 3);
	EXPECT(parse("add web lease 0") == 0);
	EXPECT(t.req.has_lease && !t.req.lease_ms);
	EXPECT(parse("add web lease 3600s") == 0);
}

static void set_what(void)
{
	EXPECT(parse("set web up") == 0);
	EXPECT(t.op == TRACK_SET && t.req.has_state && t.req.up);
	EXPECT(parse("set web down lease 3s") == 0);
	EXPECT(!t.req.up && t.req.lease_ms == 3000);
	EXPECT(parse("set web value 7") == 0);
	EXPECT(!t.req.has_state && t.req.has_value && t.req.value == 7);
	EXPECT(parse("set web lease 10s") == 0);
	EXPECT(refused("set web", "set needs up, down, value or lease"));
}

static void del_and_show(void)
{
	EXPECT(parse("del web") == 0 && t.op == TRACK_DEL);
	EXPECT(parse("show") == 0 && t.op == TRACK_SHOW && !t.req.name);
	EXPECT(parse("show web") == 0 && !strcmp(t.req.name, "web"));
	EXPECT(refused("del", "del needs a name"));
	EXPECT(refused("del web down", "unknown argument \"down\""));
	EXPECT(refused("show web x", "unknown argument \"x\""));
}

static void usage_errors(void)
{
	EXPECT(refused("", "track needs add, set, del or show"));
	EXPECT(refused("new web", "unknown argument \"new\""));
	EXPECT(refused("add", "add needs a name"));
	EXPECT(refused("add a/b", "invalid name \"a/b\""));
	EXPECT(refused("add web up down", "\"down\" conflicts with \"up\""));
	EXPECT(refused("add web down down", "\"down\" is given twice"));
	EXPECT(refused("add web value 1 value 2", "\"value\" is given twice"));
	EXPECT(refused("add web lease 1s lease 2s", "\"lease\" is given twice"));
	EXPECT(refused("add web value", "\"value\" needs a value"));
	EXPECT(refused("add web lease", "\"lease\" needs a value"));
	EXPECT(refused("add web value 255", "invalid value \"255\""));
	EXPECT(refused("add web value x", "invalid value \"x\""));
	EXPECT(refused("add web lease 3601s", "invalid lease \"3601s\": at most 3600s"));
	EXPECT(refused("add web lease -1", "invalid lease \"-1\""));
	EXPECT(refused("add web weight 5", "unknown argument \"weight\""));
	EXPECT(!strncmp(err, "Error: ", 7));
}

static void help_anywhere(void)
{
	EXPECT(parse("help") == TRACK_HELP);
	EXPECT(parse("add help") == TRACK_HELP);
	EXPECT(parse("add web help") == TRACK_HELP);
	EXPECT(parse("set web up help") == TRACK_HELP);
	EXPECT(parse("del web help") == TRACK_HELP);
	EXPECT(parse("show help") == TRACK_HELP);
}

static struct nl_msg *reply(bool with_value, int32_t value)
{
	struct nl_msg *msg = nlmsg_alloc();

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_GET_TRACK, 1);
	nla_put_string(msg, VRRP_A_TRACK_NAME, "web");
	nla_put_u8(msg, VRRP_A_TRACK_STATE, VRRP_TRACK_UP);
	nla_put_u32(msg, VRRP_A_TRACK_USERS, 2);
	nla_put_u32(msg, VRRP_A_TRACK_LEASE_MS, 4000);
	if (with_value)
		nla_put_s32(msg, VRRP_A_TRACK_VALUE, value);
	return msg;
}

static const char *printed(struct nl_msg *msg, bool json)
{
	struct health h;
	int ret = health_get(msg, &h);

	nlmsg_free(msg);
	if (ret)
		return "(not parsed)";
	capture_start_fd(STDOUT_FILENO);
	if (json) {
		struct json j;

		json_init(&j, stdout);
		json_obj_open(&j, NULL);
		health_json(&j, &h);
		json_obj_close(&j);
	} else {
		health_print_text(stdout, &h);
	}
	return capture_end();
}

static void show_text(void)
{
	EXPECT(!strcmp(printed(reply(true, -5), false),
		       "web: up, value -5, lease 4000ms, users 2\n"));
	EXPECT(!strcmp(printed(reply(false, 0), false),
		       "web: up, lease 4000ms, users 2\n"));
}

static void show_json(void)
{
	EXPECT(!strcmp(printed(reply(true, -5), true),
		       "{\"name\":\"web\",\"state\":\"up\",\"users\":2,"
		       "\"lease_ms\":4000,\"value\":-5}\n"));
	EXPECT(!strcmp(printed(reply(false, 0), true),
		       "{\"name\":\"web\",\"state\":\"up\",\"users\":2,"
		       "\"lease_ms\":4000,\"value\":null}\n"));
}

static void show_without_lease_or_state(void)
{
	struct nl_msg *msg = nlmsg_alloc();
	struct health h;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_GET_TRACK, 1);
	nla_put_string(msg, VRRP_A_TRACK_NAME, "db");
	nla_put_u8(msg, VRRP_A_TRACK_STATE, VRRP_TRACK_DOWN);
	EXPECT(!strcmp(printed(msg, false), "db: down, lease off, users 0\n"));
	msg = nlmsg_alloc();
	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_GET_TRACK, 1);
	nla_put_string(msg, VRRP_A_TRACK_NAME, "db");
	capture_start();
	EXPECT(health_get(msg, &h) == -1);
	EXPECT(strstr(capture_end(), "malformed"));
	nlmsg_free(msg);
}

static void request_attributes(void)
{
	struct health_req r = {
		.name = "web", .has_state = true, .up = false,
		.has_value = true, .value = -3, .has_lease = true,
		.lease_ms = 0,
	};
	struct vnl nl = { .family = 0x20 };
	struct nl_msg *msg = health_msg(&nl, VRRP_CMD_SET_TRACK, 0, &r);
	struct nlattr *tb[VRRP_A_MAX + 1];

	EXPECT(msg);
	if (!msg)
		return;
	EXPECT(genlmsg_hdr(nlmsg_hdr(msg))->cmd == VRRP_CMD_SET_TRACK);
	EXPECT(!genlmsg_parse(nlmsg_hdr(msg), 0, tb, VRRP_A_MAX, NULL));
	EXPECT(tb[VRRP_A_TRACK_NAME] &&
	       !strcmp(nla_get_string(tb[VRRP_A_TRACK_NAME]), "web"));
	EXPECT(tb[VRRP_A_TRACK_STATE] &&
	       nla_get_u8(tb[VRRP_A_TRACK_STATE]) == VRRP_TRACK_DOWN);
	EXPECT(tb[VRRP_A_TRACK_VALUE] &&
	       nla_get_s32(tb[VRRP_A_TRACK_VALUE]) == -3);
	EXPECT(tb[VRRP_A_TRACK_LEASE_MS] &&
	       nla_get_u32(tb[VRRP_A_TRACK_LEASE_MS]) == 0);
	nlmsg_free(msg);
	/* What is not given is not sent: the kernel keeps its value. */
	r.has_state = r.has_value = false;
	msg = health_msg(&nl, VRRP_CMD_SET_TRACK, 0, &r);
	EXPECT(!genlmsg_parse(nlmsg_hdr(msg), 0, tb, VRRP_A_MAX, NULL));
	EXPECT(!tb[VRRP_A_TRACK_STATE] && !tb[VRRP_A_TRACK_VALUE]);
	nlmsg_free(msg);
}

/* A refusal that blames the lease without saying so is led by "lease: ". */
static void refusal_names_the_attribute(void)
{
	struct health_req r = {
		.name = "web", .has_lease = true, .lease_ms = 5000,
	};
	struct vnl nl = { .family = 0x20 };
	struct nl_msg *msg = health_msg(&nl, VRRP_CMD_SET_TRACK, 0, &r);
	struct ack ack = { .error = ERANGE, .has = ACK_OFFS };
	const char *out;

	/* The name, "web\0" padded to 8, then the lease. */
	ack.offs = NLMSG_HDRLEN + GENL_HDRLEN + NLA_HDRLEN + 4;
	capture_start();
	health_report(&ack, msg);
	out = capture_end();
	EXPECT(!strcmp(out, "Error: lease: Numerical result out of range\n"));
	snprintf(ack.msg, sizeof(ack.msg), "name: in use by eth0 vrid 51");
	ack.offs = NLMSG_HDRLEN + GENL_HDRLEN;
	capture_start();
	health_report(&ack, msg);
	out = capture_end();
	EXPECT(!strcmp(out, "Error: name: in use by eth0 vrid 51\n"));
	snprintf(ack.msg, sizeof(ack.msg), "in use by eth0 vrid 51");
	capture_start();
	health_report(&ack, msg);
	out = capture_end();
	EXPECT(!strcmp(out, "Error: name: in use by eth0 vrid 51\n"));
	nlmsg_free(msg);
}

/* check needs the errno (EEXIST, ENOENT) and decides what to print. */
static void send_returns_errno_quietly(void)
{
	struct nl_msg *msg;
	struct ack ack;
	struct vnl nl;
	const char *out;
	int ret;

	capture_start();
	ret = vnl_connect(&nl);
	out = capture_end();
	if (ret) {
		test_skip(out[0] ? out : "no generic netlink socket");
		return;
	}
	nl.family = GENL_ID_CTRL;
	msg = vnl_msg(&nl, CTRL_CMD_GETFAMILY, 0, 64);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "no-such-family");
	capture_start();
	ret = vnl_exchange(&nl, msg, NULL, NULL, &ack);
	out = capture_end();
	EXPECT(ret == ENOENT && ack.error == ENOENT);
	EXPECT(!*out);
	nlmsg_free(msg);
	msg = vnl_msg(&nl, CTRL_CMD_GETFAMILY, 0, 64);
	nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, "nlctrl");
	capture_start();
	ret = vnl_exchange(&nl, msg, NULL, NULL, &ack);
	out = capture_end();
	EXPECT(ret == 0 && !*out);
	nlmsg_free(msg);
	vnl_close(&nl);
}

const struct test track_tests[] = {
	{ "track: names are 1-31 bytes of printable ASCII without / or space", names },
	{ "track: values are -254..254, plain decimal", values },
	{ "track: add sends only what is given", add_defaults },
	{ "track: add takes up/down, lease and value", add_everything },
	{ "track: set takes up, down, value, lease, at least one", set_what },
	{ "track: del and show take a name, show also none", del_and_show },
	{ "track: usage errors name the word", usage_errors },
	{ "track: help where a word is expected", help_anywhere },
	{ "track: show's text line", show_text },
	{ "track: show -j's object, value null without one", show_json },
	{ "track: no lease is \"lease off\"; no state is no object", show_without_lease_or_state },
	{ "track: requests carry what is given", request_attributes },
	{ "track: a refusal is led by the blamed keyword", refusal_names_the_attribute },
	{ "track: vnl_exchange returns the errno, prints nothing", send_returns_errno_quietly },
	{ NULL, NULL },
};
