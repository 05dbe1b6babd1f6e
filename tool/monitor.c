// SPDX-License-Identifier: GPL-2.0
/*
 * monitor: one line per event of the "events" group (a state change, an
 * instance added, changed or deleted), until SIGINT or SIGTERM, which end
 * it with status 0. The signals are
 * read from a signalfd next to the netlink socket, because libnl retries
 * a read interrupted by a signal and would never let us notice it.
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <unistd.h>

#include "instance.h"
#include "json.h"
#include "netlink.h"
#include "output.h"
#include "parse.h"
#include "vrrpadm.h"

void monitor_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " [-j] monitor\n"
		"Prints one line per state change, and per instance added, changed or\n"
		"deleted, until interrupted:\n"
		"  eth0 vrid 51 inet: backup -> master (down-timer) priority 150 master 192.0.2.1\n"
		"  eth0 vrid 51 inet: added priority 150 interval 100ms vip 192.0.2.10/24\n"
		"  eth0 vrid 51 inet: changed priority 50 interval 100ms vip 192.0.2.10/24\n"
		"  eth0 vrid 51 inet: deleted (shutdown)\n"
		"After added and changed come the settings as add takes them, defaults\n"
		"left out but for priority and interval.\n"
		"With -j, one JSON object per line; its \"event\" is \"state\", \"add\",\n"
		"\"set\" or \"del\".\n");
}

/* The identity every event carries, and its key "event" first in JSON. */
struct event {
	const char *name;		/* "state", "add", "set", "del" */
	const char *verb;		/* in text: "added", ... */
	char dev[IF_NAMESIZE];
	char family[FAMILY_STR_MAX];
	unsigned int ifindex, vrid;
	struct json j;
};

static void event_json_open(struct event *e)
{
	json_init(&e->j, stdout);
	json_obj_open(&e->j, NULL);
	json_str(&e->j, "event", e->name);
}

/* The keys that name the instance, as show's objects have them. */
static void event_json_identity(struct event *e)
{
	json_str(&e->j, "dev", e->dev);
	json_uint(&e->j, "ifindex", e->ifindex);
	json_uint(&e->j, "vrid", e->vrid);
	json_str(&e->j, "family", e->family);
}

static void print_state_change(struct event *e, struct nlattr **tb)
{
	char buf[ADDR_STR_MAX];
	const char *master = vnl_addr(tb[VRRP_A_ACTIVE_ADDR], buf, sizeof(buf));
	const char *old = state_name(nla_get_u8(tb[VRRP_A_OLD_STATE]));
	const char *state = state_name(nla_get_u8(tb[VRRP_A_STATE]));
	const char *reason = reason_name(nla_get_u8(tb[VRRP_A_REASON]));

	if (!json_output) {
		/* Scripts parse this line: its format stays as it is. */
		printf("%s vrid %u %s: %s -> %s (%s)", e->dev, e->vrid,
		       e->family, old, state, reason);
		if (tb[VRRP_A_PRIORITY])
			printf(" priority %u", nla_get_u8(tb[VRRP_A_PRIORITY]));
		if (master)
			printf(" master %s", master);
		putchar('\n');
		return;
	}
	event_json_open(e);
	event_json_identity(e);
	json_str(&e->j, "old_state", old);
	json_str(&e->j, "state", state);
	json_str(&e->j, "reason", reason);
	if (tb[VRRP_A_PRIORITY])
		json_uint(&e->j, "priority", nla_get_u8(tb[VRRP_A_PRIORITY]));
	else
		json_str(&e->j, "priority", NULL);
	json_str(&e->j, "master_addr", master);
	json_obj_close(&e->j);
}

/* NEW and SET carry what a GET reply does: described as show does. */
static void print_config(struct event *e, struct nlattr **tb)
{
	struct instance in;

	instance_get(tb, &in);
	if (!json_output) {
		printf("%s vrid %u %s: %s ", e->dev, e->vrid, e->family,
		       e->verb);
		instance_print_settings(stdout, &in);
		putchar('\n');
		return;
	}
	event_json_open(e);
	instance_json(&e->j, &in);
	json_obj_close(&e->j);
}

static void print_deleted(struct event *e, struct nlattr **tb)
{
	const char *reason = tb[VRRP_A_REASON] ?
			     reason_name(nla_get_u8(tb[VRRP_A_REASON])) : NULL;

	if (!json_output) {
		printf("%s vrid %u %s: deleted", e->dev, e->vrid, e->family);
		if (reason)
			printf(" (%s)", reason);
		putchar('\n');
		return;
	}
	event_json_open(e);
	event_json_identity(e);
	json_str(&e->j, "reason", reason);
	json_obj_close(&e->j);
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct event e = { 0 };
	uint8_t cmd = genlmsg_hdr(nlmsg_hdr(msg))->cmd;

	(void)arg;
	switch (cmd) {
	case VRRP_CMD_STATE_CHANGE:
		e.name = "state";
		break;
	case VRRP_CMD_NEW_INSTANCE:
		e.name = "add";
		e.verb = "added";
		break;
	case VRRP_CMD_SET_INSTANCE:
		e.name = "set";
		e.verb = "changed";
		break;
	case VRRP_CMD_DEL_INSTANCE:
		e.name = "del";
		break;
	default:
		return NL_SKIP;		/* newer than this tool */
	}
	if (vnl_parse(msg, tb))
		return NL_SKIP;
	/* Without these the line would say nothing; skip, do not guess. */
	if (!tb[VRRP_A_IFINDEX] || !tb[VRRP_A_VRID])
		return NL_SKIP;
	if (cmd == VRRP_CMD_STATE_CHANGE &&
	    (!tb[VRRP_A_STATE] || !tb[VRRP_A_OLD_STATE] || !tb[VRRP_A_REASON]))
		return NL_SKIP;
	vnl_ifname(tb, e.dev);
	vnl_family(tb, e.family, sizeof(e.family));
	e.ifindex = nla_get_u32(tb[VRRP_A_IFINDEX]);
	e.vrid = nla_get_u8(tb[VRRP_A_VRID]);
	if (cmd == VRRP_CMD_STATE_CHANGE)
		print_state_change(&e, tb);
	else if (cmd == VRRP_CMD_DEL_INSTANCE)
		print_deleted(&e, tb);
	else
		print_config(&e, tb);
	return NL_OK;
}

/* Events carry no sequence number of ours. */
static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* Blocks SIGINT and SIGTERM and returns a descriptor that reads them. */
static int signal_fd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC);
}

/* EXIT_OK on a signal; EXIT_FAIL, printed, if the socket fails. */
static int event_loop(struct vnl *nl, struct nl_cb *cb, int sfd)
{
	struct pollfd pfd[2] = {
		{ .fd = nl_socket_get_fd(nl->sk), .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	int err;

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			errorf("poll: %s", strerror(errno));
			return EXIT_FAIL;
		}
		if (pfd[1].revents)
			return EXIT_OK;
		if (!pfd[0].revents)
			continue;
		err = nl_recvmsgs(nl->sk, cb);
		/* An overrun loses events, but later ones are still worth it. */
		if (err == -NLE_NOMEM)
			fprintf(stderr, "Warning: events were lost (receive buffer overrun)\n");
		else if (err < 0 && err != -NLE_AGAIN) {
			errorf("cannot read events: %s", nl_geterror(err));
			return EXIT_FAIL;
		}
	}
}

static int monitor(void)
{
	struct nl_cb *cb = NULL;
	struct vnl nl;
	int sfd, ret = EXIT_FAIL;

	sfd = signal_fd();
	if (sfd < 0) {
		errorf("signalfd: %s", strerror(errno));
		return EXIT_FAIL;
	}
	if (vnl_open(&nl))
		goto err_sfd;
	if (vnl_join_events(&nl))
		goto err_nl;
	cb = nl_cb_alloc(NL_CB_DEFAULT);
	if (!cb) {
		errorf("out of memory");
		goto err_nl;
	}
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, NULL);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_socket_set_nonblocking(nl.sk);
	/* A script reading through a pipe must see each line at once. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	ret = event_loop(&nl, cb, sfd);
	nl_cb_put(cb);
err_nl:
	vnl_close(&nl);
err_sfd:
	close(sfd);
	return ret;
}

int monitor_main(int argc, char **argv)
{
	if (argc && !strcmp(argv[0], "help")) {
		monitor_help(stdout);
		return EXIT_OK;
	}
	if (argc) {
		errorf("unknown argument \"%s\"", argv[0]);
		usage_hint("monitor");
		return EXIT_USAGE;
	}
	return monitor();
}
