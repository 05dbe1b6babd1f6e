// SPDX-License-Identifier: GPL-2.0
/*
 * monitor: one line per event of the "events" group (a state change, an
 * instance added, changed or deleted), until SIGINT or SIGTERM, which end
 * it with status 0. The signals are
 * read from a signalfd next to the netlink socket, because libnl retries
 * a read interrupted by a signal and would never let us notice it.
 *
 * With --exec, every state change also runs a script (runner.c), and
 * SIGCHLD and the scripts' timeouts come through the same poll: reading
 * events never waits for a script. On SIGINT or SIGTERM no script starts
 * any more and the monitor waits for the running ones, which their
 * timeouts bound; a second signal times them out at once.
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/signalfd.h>
#include <time.h>
#include <unistd.h>

#include "health.h"
#include "instance.h"
#include "json.h"
#include "netlink.h"
#include "notify.h"
#include "output.h"
#include "parse.h"
#include "runner.h"
#include "vrrpadm.h"

void monitor_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " [-j] monitor [-t] [--current]\n"
		"           [--exec CMD [--exec-timeout DURATION]]\n"
		"Prints one line per state change, and per instance added, changed or\n"
		"deleted, until interrupted:\n"
		"  eth0 vrid 51 inet: backup -> master (down-timer) priority 150 master 192.0.2.1\n"
		"  eth0 vrid 51 inet: added priority 150 interval 100ms vip 192.0.2.10/24\n"
		"  eth0 vrid 51 inet: changed priority 50 interval 100ms vip 192.0.2.10/24\n"
		"  eth0 vrid 51 inet: deleted (shutdown)\n"
		"and per health object created, changed (state or value) or deleted:\n"
		"  track added web: up, lease 4000ms, users 0\n"
		"  track changed web: down, lease 4000ms, users 1\n"
		"  track deleted web\n"
		"After added and changed come the settings as add takes them, defaults\n"
		"left out but for priority and interval.\n"
		"-t puts the time each event was read first: [2026-12-04T10:00:00.123456].\n"
		"--current first prints every instance and health object as it is:\n"
		"  eth0 vrid 51 inet: is master, priority 150 interval 100ms vip 192.0.2.10/24\n"
		"  track is web: up, lease 4000ms, users 1\n"
		"When the receive buffer overran, events were lost, and a line says so:\n"
		"  events lost: read the state again (vrrpadm show)\n"
		"With -j, one JSON object per line; its \"event\" is \"state\", \"add\",\n"
		"\"set\", \"del\", \"track-add\", \"track-set\", \"track-del\", \"current\",\n"
		"\"track-current\" or \"lost\"; with -t, \"time\" follows it.\n"
		"\n"
		"--exec CMD runs CMD (a command and its arguments, split by the shell)\n"
		"on every state change with keepalived's notify arguments after its own,\n"
		"as sh -c 'exec CMD \"$@\"' sh INSTANCE NAME STATE PRIORITY does:\n"
		"NAME is the instance's name, or DEV-VRID (eth0-51) without one; STATE\n"
		"is MASTER, BACKUP, FAULT (also for a link down) or STOP (instance\n"
		"deleted). The environment has VRRP_DEV,\n"
		"VRRP_VRID, VRRP_FAMILY, VRRP_STATE, VRRP_OLD_STATE, VRRP_REASON and\n"
		"VRRP_PRIORITY, in the words the lines above use. Runs for one instance\n"
		"go one at a time, in order; other instances and the events do not wait\n"
		"for them. A run past --exec-timeout (default 10s) gets SIGTERM, and\n"
		"what is left of its process group SIGKILL 2s later; the instance's next\n"
		"run starts after that. A run that fails or is killed is reported on\n"
		"stderr, where the script's own output goes too.\n"
		"On SIGINT or SIGTERM, runs not yet started are dropped and running ones\n"
		"waited for (a second signal times them out at once).\n"
		"Example: " PROG_NAME " monitor --exec /etc/vrrp/notify.sh, with notify.sh:\n"
		"  #!/bin/sh\n"
		"  # $1 INSTANCE, $2 eth0-51, $3 MASTER|BACKUP|FAULT|STOP, $4 priority\n"
		"  case $3 in\n"
		"  MASTER) systemctl start haproxy ;;\n"
		"  *) systemctl stop haproxy ;;\n"
		"  esac\n");
}

/* -t: when each event was read, before its line or as its "time". */
static bool timestamps;

static const char *now_text(char *buf, size_t len)
{
	struct timespec ts;
	struct tm tm;
	char sec[32];

	clock_gettime(CLOCK_REALTIME, &ts);
	localtime_r(&ts.tv_sec, &tm);
	strftime(sec, sizeof(sec), "%Y-%m-%dT%H:%M:%S", &tm);
	snprintf(buf, len, "%.20s.%06u", sec, (unsigned int)(ts.tv_nsec / 1000) % 1000000u);
	return buf;
}

/* A text line begins: its time first, with -t. */
static void line_start(void)
{
	char buf[48];

	if (timestamps)
		printf("[%s] ", now_text(buf, sizeof(buf)));
}

/* A JSON event begins: "event" first, then "time" with -t. */
static void json_event_start(struct json *j, const char *name)
{
	char buf[48];

	json_init(j, stdout);
	json_obj_open(j, NULL);
	json_str(j, "event", name);
	if (timestamps)
		json_str(j, "time", now_text(buf, sizeof(buf)));
}

/* The identity every event carries, and its key "event" first in JSON. */
struct event {
	const char *name;		/* "state", "add", "set", "del" */
	const char *verb;		/* in text: "added", ... */
	char dev[IF_NAMESIZE];
	char family[FAMILY_STR_MAX];
	unsigned int ifindex, vrid;
	const char *inst_name;		/* the instance's; NULL: none */
	struct json j;
};

static void event_json_open(struct event *e)
{
	json_event_start(&e->j, e->name);
}

/* The keys that name the instance, as show's objects have them. */
static void event_json_identity(struct event *e)
{
	json_str(&e->j, "dev", e->dev);
	json_uint(&e->j, "ifindex", e->ifindex);
	json_uint(&e->j, "vrid", e->vrid);
	json_str(&e->j, "family", e->family);
	json_str(&e->j, "name", e->inst_name);
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
		line_start();
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
		line_start();
		printf("%s vrid %u %s: %s ", e->dev, e->vrid, e->family,
		       e->verb);
		if (!strcmp(e->name, "current"))
			printf("%s, ", state_name(in.state));
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
		line_start();
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

/* Hands a state change to --exec's runner, after its line is out. */
static void run_script(struct runner *r, struct nlattr **tb)
{
	struct notify_change c;

	notify_change_get(tb, &c);
	runner_submit(r, &c);
}

/* arg: the runner of --exec, or NULL. */
/*
 * A health object created, changed (state or value) or deleted:
 * "track added web: up, lease off, users 0", "track deleted web";
 * JSON events "track-add", "track-set", "track-del" with track show's keys.
 */
static int on_track_event(struct nl_msg *msg, uint8_t cmd)
{
	static const char *const verbs[] = { "added", "changed", "deleted",
					     "is" };
	static const char *const names[] = { "track-add", "track-set",
					     "track-del", "track-current" };
	/* VRRP_CMD_GET_TRACK: a reply of --current's dump. */
	unsigned int i = cmd == VRRP_CMD_GET_TRACK ? 3 :
			 cmd - VRRP_CMD_NEW_TRACK;
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct health h = { 0 };
	struct json j;

	if (cmd == VRRP_CMD_DEL_TRACK) {
		if (vnl_parse(msg, tb) || !tb[VRRP_A_TRACK_NAME])
			return NL_SKIP;
		nla_strlcpy(h.name, tb[VRRP_A_TRACK_NAME], sizeof(h.name));
	} else if (health_get(msg, &h)) {
		return NL_SKIP;
	}
	if (!json_output) {
		line_start();
		printf("track %s ", verbs[i]);
		if (cmd == VRRP_CMD_DEL_TRACK)
			printf("%s\n", h.name);
		else
			health_print_text(stdout, &h);
		return NL_OK;
	}
	json_event_start(&j, names[i]);
	if (cmd == VRRP_CMD_DEL_TRACK)
		json_str(&j, "name", h.name);
	else
		health_json(&j, &h);
	json_obj_close(&j);
	return NL_OK;
}

/* An event, or (dump) a reply of --current's dump and nothing else. */
static int dispatch(struct nl_msg *msg, void *arg, bool dump)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct event e = { 0 };
	uint8_t cmd = genlmsg_hdr(nlmsg_hdr(msg))->cmd;

	if (dump != (cmd == VRRP_CMD_GET_INSTANCE || cmd == VRRP_CMD_GET_TRACK))
		return NL_SKIP;
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
	case VRRP_CMD_GET_INSTANCE:	/* --current's dump */
		e.name = "current";
		e.verb = "is";
		break;
	case VRRP_CMD_NEW_TRACK:
	case VRRP_CMD_SET_TRACK:
	case VRRP_CMD_DEL_TRACK:
	case VRRP_CMD_GET_TRACK:
		return on_track_event(msg, cmd);
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
	e.inst_name = tb[VRRP_A_NAME] ? nla_get_string(tb[VRRP_A_NAME]) :
					NULL;
	if (cmd == VRRP_CMD_STATE_CHANGE) {
		print_state_change(&e, tb);
		if (arg)
			run_script(arg, tb);
	} else if (cmd == VRRP_CMD_DEL_INSTANCE) {
		print_deleted(&e, tb);
	} else {
		print_config(&e, tb);
	}
	return NL_OK;
}

static int on_event(struct nl_msg *msg, void *arg)
{
	return dispatch(msg, arg, false);
}

/* A reply that is not one to print is skipped, not a failed dump. */
static int on_current(struct nl_msg *msg, void *arg)
{
	dispatch(msg, arg, true);
	return 0;
}

/* Events carry no sequence number of ours. */
static int no_seq_check(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	return NL_OK;
}

/* Blocks the signals of set and returns a descriptor that reads them. */
static int signal_fd(const sigset_t *set)
{
	if (sigprocmask(SIG_BLOCK, set, NULL))
		return -1;
	return signalfd(-1, set, SFD_CLOEXEC | SFD_NONBLOCK);
}

static int stop_signal_fd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	return signal_fd(&set);
}

/* Blocked before the first script starts, so that no SIGCHLD is missed. */
static int child_signal_fd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGCHLD);
	return signal_fd(&set);
}

/* Empties a signalfd; how many signals came says nothing: they coalesce. */
static void drain(int fd)
{
	struct signalfd_siginfo si;

	while (read(fd, &si, sizeof(si)) == sizeof(si))
		;
}

enum { POLL_EVENTS, POLL_STOP, POLL_CHILD, POLL_FDS };

/* poll() for the loops below: -1 after printing why. */
static int poll_fds(struct pollfd *pfd, struct runner *r)
{
	while (poll(pfd, POLL_FDS, r ? runner_timeout_ms(r) : -1) < 0) {
		if (errno != EINTR) {
			errorf("poll: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* Children that ended and scripts past their time, on every wake-up. */
static void tend_scripts(struct runner *r, struct pollfd *pfd)
{
	if (!r)
		return;
	if (pfd[POLL_CHILD].revents) {
		drain(pfd[POLL_CHILD].fd);
		runner_reap(r);
	}
	runner_expire(r);
}

/*
 * The receive buffer overran and events were dropped: said in the stream
 * ("lost" in JSON), so that a consumer knows to read the state again.
 */
static void print_lost(void)
{
	struct json j;

	if (!json_output) {
		line_start();
		puts("events lost: read the state again (vrrpadm show)");
		return;
	}
	json_event_start(&j, "lost");
	json_obj_close(&j);
}

/* EXIT_OK on a signal; EXIT_FAIL, printed, if the socket fails. */
static int event_loop(struct vnl *nl, struct nl_cb *cb, struct pollfd *pfd,
		      struct runner *r)
{
	int err;

	for (;;) {
		if (poll_fds(pfd, r))
			return EXIT_FAIL;
		tend_scripts(r, pfd);
		if (pfd[POLL_STOP].revents) {
			drain(pfd[POLL_STOP].fd);
			return EXIT_OK;
		}
		if (!pfd[POLL_EVENTS].revents)
			continue;
		err = nl_recvmsgs(nl->sk, cb);
		/* An overrun loses events, but later ones are still worth it. */
		if (err == -NLE_NOMEM)
			print_lost();
		else if (err < 0 && err != -NLE_AGAIN) {
			errorf("cannot read events: %s", nl_geterror(err));
			return EXIT_FAIL;
		}
	}
}

/*
 * After the events: no script starts any more, the running ones are
 * waited for, as long as their timeouts allow.
 */
static void finish_scripts(struct pollfd *pfd, struct runner *r)
{
	runner_stop(r);
	pfd[POLL_EVENTS].fd = -1;
	while (!runner_idle(r)) {
		if (poll_fds(pfd, r))
			return;
		if (pfd[POLL_STOP].revents) {
			drain(pfd[POLL_STOP].fd);
			runner_hurry(r);
		}
		tend_scripts(r, pfd);
	}
}

/*
 * --current: every instance and health object as it is, before the events,
 * from a socket of its own. The events socket has joined the group
 * already: a change during the dump is printed after it, never lost.
 */
static int print_current(void)
{
	struct vnl nl;
	int ret;

	if (vnl_open(&nl))
		return EXIT_FAIL;
	ret = dump_namespace(&nl, on_current, NULL, 0, on_current, NULL);
	vnl_close(&nl);
	return ret;
}

/* exec: --exec's CMD, or NULL. */
static int monitor(const char *exec, uint32_t exec_timeout_ms, bool current)
{
	struct pollfd pfd[POLL_FDS] = {
		[POLL_EVENTS] = { .fd = -1, .events = POLLIN },
		[POLL_STOP] = { .fd = -1, .events = POLLIN },
		[POLL_CHILD] = { .fd = -1, .events = POLLIN },
	};
	struct runner runner, *r = NULL;
	struct nl_cb *cb = NULL;
	struct vnl nl;
	int ret = EXIT_FAIL;

	if (exec) {
		if (runner_init(&runner, exec, exec_timeout_ms)) {
			errorf("out of memory");
			return EXIT_FAIL;
		}
		r = &runner;
		pfd[POLL_CHILD].fd = child_signal_fd();
		if (pfd[POLL_CHILD].fd < 0) {
			errorf("signalfd: %s", strerror(errno));
			goto err_runner;
		}
	}
	pfd[POLL_STOP].fd = stop_signal_fd();
	if (pfd[POLL_STOP].fd < 0) {
		errorf("signalfd: %s", strerror(errno));
		goto err_child;
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
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_event, r);
	nl_cb_set(cb, NL_CB_SEQ_CHECK, NL_CB_CUSTOM, no_seq_check, NULL);
	nl_socket_set_nonblocking(nl.sk);
	/* A script reading through a pipe must see each line at once. */
	setvbuf(stdout, NULL, _IOLBF, 0);
	if (current && print_current())
		goto err_cb;
	pfd[POLL_EVENTS].fd = nl_socket_get_fd(nl.sk);
	ret = event_loop(&nl, cb, pfd, r);
	if (r)
		finish_scripts(pfd, r);
err_cb:
	nl_cb_put(cb);
err_nl:
	vnl_close(&nl);
err_sfd:
	close(pfd[POLL_STOP].fd);
err_child:
	if (r)
		close(pfd[POLL_CHILD].fd);
err_runner:
	if (r)
		runner_free(r);
	return ret;
}

/*
 * Takes -t, --current, --exec CMD and --exec-timeout DURATION; EXIT_USAGE,
 * printed, else.
 */
static int parse_args(int argc, char **argv, const char **exec,
		      uint32_t *timeout_ms, bool *current)
{
	bool timeout_given = false;

	*exec = NULL;
	*timeout_ms = RUNNER_TIMEOUT_MS_DEFAULT;
	for (int i = 0; i < argc; i++) {
		const char *why;

		if (!strcmp(argv[i], "-t") || !strcmp(argv[i], "--timestamp")) {
			timestamps = true;
			continue;
		}
		if (!strcmp(argv[i], "--current")) {
			*current = true;
			continue;
		}
		if (strcmp(argv[i], "--exec") &&
		    strcmp(argv[i], "--exec-timeout")) {
			errorf("unknown argument \"%s\"", argv[i]);
			return EXIT_USAGE;
		}
		if (i + 1 == argc) {
			errorf("\"%s\" needs a value", argv[i]);
			return EXIT_USAGE;
		}
		if (!strcmp(argv[i], "--exec")) {
			*exec = argv[++i];
			continue;
		}
		why = parse_duration_ms(argv[++i], timeout_ms);
		if (!why && !*timeout_ms)
			why = "must be at least 1ms";
		if (why) {
			errorf("--exec-timeout: %s", why);
			return EXIT_USAGE;
		}
		timeout_given = true;
	}
	if (*exec && !**exec) {
		errorf("--exec: the command is empty");
		return EXIT_USAGE;
	}
	if (timeout_given && !*exec) {
		errorf("--exec-timeout without --exec");
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

int monitor_main(int argc, char **argv)
{
	uint32_t exec_timeout_ms;
	bool current = false;
	const char *exec;

	if (argc && !strcmp(argv[0], "help")) {
		monitor_help(stdout);
		return EXIT_OK;
	}
	if (parse_args(argc, argv, &exec, &exec_timeout_ms, &current)) {
		usage_hint("monitor");
		return EXIT_USAGE;
	}
	return monitor(exec, exec_timeout_ms, current);
}
