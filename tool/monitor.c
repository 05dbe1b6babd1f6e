// SPDX-License-Identifier: GPL-2.0
/*
 * monitor: one line per VRRP_CMD_STATE_CHANGE from the "events" group,
 * until SIGINT or SIGTERM, which end it with status 0. The signals are
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

#include "json.h"
#include "netlink.h"
#include "output.h"
#include "parse.h"
#include "vrrpadm.h"

void monitor_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " [-j] monitor\n"
		"Prints one line per state change until interrupted:\n"
		"  eth0 vrid 51 inet: backup -> master (down-timer) priority 150 master 192.0.2.1\n"
		"With -j, one JSON object per line.\n");
}

static void print_event_json(struct nlattr **tb, const char *dev,
			     const char *family, const char *master)
{
	struct json j;

	json_init(&j, stdout);
	json_obj_open(&j, NULL);
	json_str(&j, "dev", dev);
	json_uint(&j, "ifindex", nla_get_u32(tb[VRRP_A_IFINDEX]));
	json_uint(&j, "vrid", nla_get_u8(tb[VRRP_A_VRID]));
	json_str(&j, "family", family);
	json_str(&j, "old_state", state_name(nla_get_u8(tb[VRRP_A_OLD_STATE])));
	json_str(&j, "state", state_name(nla_get_u8(tb[VRRP_A_STATE])));
	json_str(&j, "reason", reason_name(nla_get_u8(tb[VRRP_A_REASON])));
	if (tb[VRRP_A_PRIORITY])
		json_uint(&j, "priority", nla_get_u8(tb[VRRP_A_PRIORITY]));
	else
		json_str(&j, "priority", NULL);
	json_str(&j, "master_addr", master);
	json_obj_close(&j);
}

static void print_event_text(struct nlattr **tb, const char *dev,
			     const char *family, const char *master)
{
	printf("%s vrid %u %s: %s -> %s (%s)", dev,
	       nla_get_u8(tb[VRRP_A_VRID]), family,
	       state_name(nla_get_u8(tb[VRRP_A_OLD_STATE])),
	       state_name(nla_get_u8(tb[VRRP_A_STATE])),
	       reason_name(nla_get_u8(tb[VRRP_A_REASON])));
	if (tb[VRRP_A_PRIORITY])
		printf(" priority %u", nla_get_u8(tb[VRRP_A_PRIORITY]));
	if (master)
		printf(" master %s", master);
	putchar('\n');
}

static int on_event(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	char dev[IF_NAMESIZE], family[FAMILY_STR_MAX], buf[ADDR_STR_MAX];
	const char *master;

	(void)arg;
	if (genlmsg_hdr(nlmsg_hdr(msg))->cmd != VRRP_CMD_STATE_CHANGE ||
	    vnl_parse(msg, tb))
		return NL_SKIP;
	/* Without these the line would say nothing; skip, do not guess. */
	if (!tb[VRRP_A_IFINDEX] || !tb[VRRP_A_VRID] || !tb[VRRP_A_STATE] ||
	    !tb[VRRP_A_OLD_STATE] || !tb[VRRP_A_REASON])
		return NL_SKIP;
	vnl_ifname(tb, dev);
	vnl_family(tb, family, sizeof(family));
	master = vnl_addr(tb[VRRP_A_ACTIVE_ADDR], buf, sizeof(buf));
	if (json_output)
		print_event_json(tb, dev, family, master);
	else
		print_event_text(tb, dev, family, master);
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
