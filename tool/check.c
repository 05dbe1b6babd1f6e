// SPDX-License-Identifier: GPL-2.0
/*
 * check: keeps a health object current from a check, in the foreground,
 * until SIGINT or SIGTERM: a script's exit status, whether a process runs,
 * or the number in a file. Written for systemd: no daemonizing, one line on
 * stderr per change of the object, exit status 0 when stopped.
 *
 * The object outlives this process, so every SET carries a lease (see
 * probe_lease_ms()): killed with SIGKILL or crashed, the checker stops
 * renewing it and the kernel takes the object down when the lease runs
 * out. Stopped by a signal, it takes the object down itself, at once: a
 * health check that stopped is no sign of a healthy service.
 *
 * Checks run on CLOCK_MONOTONIC at absolute deadlines, start + k *
 * interval, so a slow check does not drift the cadence. Every deadline
 * also renews the lease, with the state as it is: a SET that changes
 * nothing makes no event. Signals, children included, are read from a
 * signalfd, as monitor does.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "conffile.h"
#include "health.h"
#include "parse.h"
#include "probe.h"
#include "vrrpadm.h"

extern char **environ;

void check_help(FILE *f)
{
	fputs("Usage:\n", f);
	probe_synopsis(f, "  ", "      ");
	fputs("Keeps health object NAME (created if missing) current, every interval\n"
	      "(default 1s), until SIGINT or SIGTERM:\n"
	      "  script   up while CMD, run with /bin/sh -c, exits 0; one that runs past\n"
	      "           timeout (default: the interval) is killed, with its process\n"
	      "           group, and failed\n"
	      "  process  up while a process named PROCNAME runs (its comm, or the\n"
	      "           last part of its argv[0])\n"
	      "  file     up, with the number in PATH as its value (keepalived's\n"
	      "           track_file: none or no file is 0; clamped to -254..254)\n"
	      "After the first check, it takes fall failures in a row (default 1) to go\n"
	      "down and rise successes (default 1) to come up.\n"
	      "Every update carries a lease of 3 x interval + timeout: if the checker is\n"
	      "killed, NAME goes down when the lease runs out. SIGINT or SIGTERM set it\n"
	      "down at once, then the checker exits with status 0.\n"
	      "One line on stderr per change: \"NAME: down -> up (exit status 0)\".\n"
	      "from FILE: the words of the statement \"check NAME ...\" of FILE\n"
	      "(see vrrp.conf(5)).\n", f);
}

struct checker {
	struct probe p;
	struct vnl nl;
	int sfd;
	uint32_t lease_ms;
	struct rise_fall rf;
	bool set_once;			/* the kernel has our state */
	bool up;			/* what we set, once set_once */
	int32_t value;			/* file */
	bool ignored;			/* file: the last number was ignored */
	bool renewed;			/* by create(): the next deadline need not */
	int64_t next;			/* the next check, ns on CLOCK_MONOTONIC */
	pid_t child;			/* script: running, 0 if none */
	bool killed;			/* that child ran out of time */
	int64_t child_deadline;
};

#define NS_PER_MS 1000000LL

static int64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static void say(const struct checker *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* One line on stderr, led by the object's name. */
static void say(const struct checker *c, const char *fmt, ...)
{
	char line[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	fprintf(stderr, "%s: %s\n", c->p.name, line);
}

/* The request every update sends: the state as we know it, and the lease. */
static struct health_req request(const struct checker *c, bool with_state)
{
	struct health_req r = {
		.name = c->p.name,
		.has_state = with_state,
		.up = c->up,
		.has_value = with_state && c->p.kind == PROBE_FILE,
		.value = c->value,
		.has_lease = true,
		.lease_ms = c->lease_ms,
	};

	return r;
}

/* 0, the kernel's errno (not printed), or -1 (printed). */
static int call(struct checker *c, uint8_t cmd, const struct health_req *r,
		int quiet_errno)
{
	struct nl_msg *msg = health_msg(&c->nl, cmd, 0, r);
	struct ack ack;
	int err;

	if (!msg)
		return -1;
	err = vnl_exchange(&c->nl, msg, NULL, NULL, &ack);
	if (err > 0 && err != quiet_errno)
		health_report(&ack, msg);
	nlmsg_free(msg);
	return err;
}

/*
 * A new object starts down (no check has said otherwise yet); one that
 * exists keeps its state until the first check, but has its lease now.
 */
static int create(struct checker *c)
{
	struct health_req r = request(c, true);
	int err;

	r.up = c->set_once && c->up;
	err = call(c, VRRP_CMD_NEW_TRACK, &r, EEXIST);
	if (err == EEXIST) {
		r = request(c, c->set_once);
		err = call(c, VRRP_CMD_SET_TRACK, &r, 0);
	}
	c->renewed = true;
	return err ? -1 : 0;
}

/* The update; an object someone deleted is created again. */
static int update(struct checker *c, bool with_state)
{
	struct health_req r = request(c, with_state);
	int err = call(c, VRRP_CMD_SET_TRACK, &r, ENOENT);

	if (err == ENOENT) {
		say(c, "deleted by someone; creating it again");
		return create(c);
	}
	return err ? -1 : 0;
}

static const char *updown(bool up)
{
	return up ? "up" : "down";
}

/*
 * A pass or fail of a script or process check, with what was seen; true
 * if it changed the state, which is then logged, and is the caller's to
 * send.
 */
static bool result(struct checker *c, bool ok, const char *seen)
{
	bool first = !c->rf.known;
	uint32_t run = c->rf.run + 1;

	if (!rise_fall_feed(&c->rf, ok))
		return false;
	if (first)
		say(c, "%s (%s)", updown(c->rf.up), seen);
	else if (run > 1)
		say(c, "%s -> %s (%u %s in a row, the last: %s)",
		    updown(c->up), updown(c->rf.up), run,
		    ok ? "successes" : "failures", seen);
	else
		say(c, "%s -> %s (%s)", updown(c->up), updown(c->rf.up), seen);
	c->up = c->rf.up;
	c->set_once = true;
	return true;
}

/* Script: /bin/sh -c CMD in a process group of its own, to kill it whole. */
static int spawn(struct checker *c)
{
	char *argv[] = { "sh", "-c", (char *)c->p.what, NULL };
	posix_spawn_file_actions_t fa;
	posix_spawnattr_t attr;
	sigset_t none, deflt;
	int err;

	sigemptyset(&none);
	sigemptyset(&deflt);
	sigaddset(&deflt, SIGINT);
	sigaddset(&deflt, SIGTERM);
	sigaddset(&deflt, SIGCHLD);
	sigaddset(&deflt, SIGPIPE);
	posix_spawn_file_actions_init(&fa);
	posix_spawnattr_init(&attr);
	/* Output is the script's business, not the log's; errors go there. */
	posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_addopen(&fa, STDOUT_FILENO, "/dev/null",
					 O_WRONLY, 0);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
				 POSIX_SPAWN_SETSIGMASK |
				 POSIX_SPAWN_SETSIGDEF);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &none);
	posix_spawnattr_setsigdefault(&attr, &deflt);
	err = posix_spawn(&c->child, "/bin/sh", &fa, &attr, argv, environ);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&fa);
	if (err) {
		char seen[128];

		c->child = 0;
		snprintf(seen, sizeof(seen), "cannot run /bin/sh: %s",
			 strerror(err));
		return result(c, false, seen) ? update(c, true) : 0;
	}
	c->killed = false;
	c->child_deadline = now_ns() + c->p.timeout_ms * NS_PER_MS;
	return 0;
}

/* A child that ended: its result, unless it was failed for its time. */
static int reap(struct checker *c)
{
	char seen[64];
	int status;
	pid_t pid;

	if (!c->child)
		return 0;
	pid = waitpid(c->child, &status, WNOHANG);
	if (pid <= 0)
		return 0;
	c->child = 0;
	if (c->killed)
		return 0;
	if (WIFEXITED(status))
		snprintf(seen, sizeof(seen), "exit status %d",
			 WEXITSTATUS(status));
	else
		snprintf(seen, sizeof(seen), "killed by signal %d (%s)",
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
	if (!result(c, WIFEXITED(status) && !WEXITSTATUS(status), seen))
		return 0;
	return update(c, true);
}

/*
 * Fails the script at its timeout; its exit is reaped later. A child that
 * does not die (stuck in the kernel) keeps the next check from starting,
 * and the object stays down.
 */
static int expire(struct checker *c)
{
	char seen[64];

	kill(-c->child, SIGKILL);
	c->killed = true;
	snprintf(seen, sizeof(seen), "timed out after %ums, killed",
		 (unsigned int)c->p.timeout_ms);
	return result(c, false, seen) ? update(c, true) : 0;
}

/* Whether any process named p->what runs; how many, in *n. */
static int count_processes(const struct checker *c, unsigned int *n)
{
	char path[64], stat[512], cmdline[4096];
	pid_t self = getpid();
	struct dirent *e;
	DIR *d = opendir("/proc");

	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		const char *comm;
		ssize_t len;
		char *end;
		long pid;
		int fd;

		pid = strtol(e->d_name, &end, 10);
		if (pid <= 0 || *end || pid == self)
			continue;
		snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
		fd = open(path, O_RDONLY | O_CLOEXEC);
		if (fd < 0)
			continue;
		len = read(fd, stat, sizeof(stat) - 1);
		close(fd);
		if (len <= 0)
			continue;
		stat[len] = '\0';
		if (!probe_stat_comm(stat, &comm))
			continue;
		len = 0;
		if (strcmp(comm, c->p.what)) {
			snprintf(path, sizeof(path), "/proc/%ld/cmdline", pid);
			fd = open(path, O_RDONLY | O_CLOEXEC);
			if (fd < 0)
				continue;
			len = read(fd, cmdline, sizeof(cmdline));
			close(fd);
			if (len < 0)
				len = 0;
		}
		if (probe_is_named(comm, cmdline, (size_t)len, c->p.what))
			(*n)++;
	}
	closedir(d);
	return 0;
}

static int check_process(struct checker *c)
{
	char seen[128];
	unsigned int n;

	if (count_processes(c, &n)) {
		snprintf(seen, sizeof(seen), "cannot read /proc: %s",
			 strerror(errno));
		n = 0;
	} else if (!n) {
		snprintf(seen, sizeof(seen), "no process named %s", c->p.what);
	} else {
		snprintf(seen, sizeof(seen), "%u process%s named %s", n,
			 n == 1 ? "" : "es", c->p.what);
	}
	result(c, n > 0, seen);
	return update(c, true);
}

/* File: up, and the value read, every time. */
static int check_file(struct checker *c)
{
	char text[128], why[160];
	int32_t value = c->value;
	ssize_t len = -1;
	int fd, err;

	why[0] = '\0';
	fd = open(c->p.what, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd >= 0) {
		len = read(fd, text, sizeof(text) - 1);
		err = errno;
		close(fd);
	} else {
		err = errno;
	}
	if (len < 0) {
		snprintf(why, sizeof(why), " (%s: %s)", c->p.what,
			 strerror(err));
		value = 0;
		c->ignored = false;
	} else {
		text[len] = '\0';
		switch (probe_file_value(text, &value)) {
		case FILE_NUMBER:
			c->ignored = false;
			break;
		case FILE_NOT_NUMBER:
			c->ignored = false;
			snprintf(why, sizeof(why), " (%s: not a number)",
				 c->p.what);
			break;
		case FILE_OUT_OF_RANGE:
			if (!c->ignored)
				say(c, "%s: a number beyond 32 bits, ignored",
				    c->p.what);
			c->ignored = true;
			break;
		}
	}
	if (!c->set_once)
		say(c, "up, value %d%s", (int)value, why);
	else if (!c->up)
		say(c, "down -> up, value %d%s", (int)value, why);
	else if (value != c->value)
		say(c, "value %d -> %d%s", (int)c->value, (int)value, why);
	c->value = value;
	c->up = true;
	c->set_once = true;
	return update(c, true);
}

/* A deadline: renew and run the check (a script only if none runs). */
static int tick(struct checker *c)
{
	switch (c->p.kind) {
	case PROBE_SCRIPT:
		if (!c->renewed && update(c, c->set_once))
			return -1;
		c->renewed = false;
		return c->child ? 0 : spawn(c);
	case PROBE_PROCESS:
		return check_process(c);
	case PROBE_FILE:
		return check_file(c);
	}
	return 0;
}

/* SIGINT or SIGTERM: the script goes, the object goes down. */
static int stop(struct checker *c, int sig)
{
	struct health_req r = {
		.name = c->p.name,
		.has_state = true,
		.up = false,
		.has_lease = true,
		.lease_ms = 0,		/* down needs no lease; ours is over */
	};
	int err;

	if (c->child) {
		kill(-c->child, SIGKILL);
		waitpid(c->child, NULL, 0);
		c->child = 0;
	}
	say(c, "%s (stopped by SIG%s)",
	    c->set_once && c->up ? "up -> down" : "down", sigabbrev_np(sig));
	/* An object someone deleted is as down as it gets. */
	err = call(c, VRRP_CMD_SET_TRACK, &r, ENOENT);
	return err && err != ENOENT ? EXIT_FAIL : EXIT_OK;
}

/* EXIT_OK when stopped by a signal; EXIT_FAIL if the kernel refused. */
static int loop(struct checker *c)
{
	struct pollfd pfd = { .fd = c->sfd, .events = POLLIN };
	int64_t interval = c->p.interval_ms * NS_PER_MS;

	c->next = now_ns();
	for (;;) {
		struct signalfd_siginfo si;
		int64_t now = now_ns(), wake;
		int timeout;

		if (c->child && !c->killed && now >= c->child_deadline &&
		    expire(c))
			return EXIT_FAIL;
		if (now >= c->next) {
			if (tick(c))
				return EXIT_FAIL;
			/* Deadlines missed (a suspended machine) are skipped. */
			while (c->next <= now)
				c->next += interval;
			continue;
		}
		wake = c->next;
		if (c->child && !c->killed && c->child_deadline < wake)
			wake = c->child_deadline;
		timeout = (int)((wake - now + NS_PER_MS - 1) / NS_PER_MS);
		if (poll(&pfd, 1, timeout) < 0 && errno != EINTR) {
			errorf("poll: %s", strerror(errno));
			return EXIT_FAIL;
		}
		if (!(pfd.revents & POLLIN))
			continue;
		if (read(c->sfd, &si, sizeof(si)) != sizeof(si))
			continue;
		if (si.ssi_signo != SIGCHLD)
			return stop(c, (int)si.ssi_signo);
		if (reap(c))
			return EXIT_FAIL;
	}
}

/*
 * SIGCHLD too: a script's end wakes the loop. A SIGCHLD ignored by whoever
 * started us would reap our children before we could.
 */
static int signal_fd(void)
{
	sigset_t set;

	signal(SIGCHLD, SIG_DFL);
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGCHLD);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC);
}

static int run(struct checker *c)
{
	int ret = EXIT_FAIL;

	c->lease_ms = probe_lease_ms(&c->p);
	rise_fall_init(&c->rf, c->p.rise, c->p.fall);
	c->sfd = signal_fd();
	if (c->sfd < 0) {
		errorf("signalfd: %s", strerror(errno));
		return EXIT_FAIL;
	}
	if (vnl_open(&c->nl))
		goto err_sfd;
	/* Scripts must not inherit the socket. */
	fcntl(nl_socket_get_fd(c->nl.sk), F_SETFD, FD_CLOEXEC);
	if (create(c))
		goto err_nl;
	ret = loop(c);
	if (c->child) {
		kill(-c->child, SIGKILL);
		waitpid(c->child, NULL, 0);
	}
err_nl:
	vnl_close(&c->nl);
err_sfd:
	close(c->sfd);
	return ret;
}

/*
 * "check NAME from FILE": the check statement NAME of a configuration file
 * (vrrp-check@NAME.service), run as if its words were given here.
 */
static int check_from_file(const char *name, const char *path)
{
	struct checker c = { 0 };
	const struct conf_check *cc;
	struct conffile cf;
	int ret;

	ret = conffile_read(&cf, path, false);
	if (ret) {
		conffile_free(&cf);
		return ret;
	}
	cc = conffile_check(&cf, name);
	if (!cc) {
		errorf("%s: no \"check %s\" statement", path, name);
		conffile_free(&cf);
		return EXIT_USAGE;
	}
	c.p = cc->p;			/* its strings stay in cf's text */
	ret = run(&c);
	conffile_free(&cf);
	return ret;
}

int check_main(int argc, char **argv)
{
	struct checker c = { 0 };
	int ret;

	if (argc >= 2 && !strcmp(argv[1], "from")) {
		if (argc == 3)
			return check_from_file(argv[0], argv[2]);
		if (argc == 2)
			errorf("\"from\" needs a file");
		else
			errorf("unknown argument \"%s\"", argv[3]);
		usage_hint("check");
		return EXIT_USAGE;
	}
	ret = probe_parse(&c.p, argc, argv);
	if (ret == PROBE_HELP) {
		check_help(stdout);
		return EXIT_OK;
	}
	if (ret) {
		usage_hint("check");
		return EXIT_USAGE;
	}
	return run(&c);
}
