// SPDX-License-Identifier: GPL-2.0
/*
 * Runs `monitor --exec`'s script. An instance with a run going has a
 * runner_instance, and its changes that come meanwhile wait there, oldest
 * first. A run ends when CMD exits: what it leaves in the background is
 * its own business, unless the run timed out. CMD leads a process group of
 * its own: the timeout's SIGTERM, and SIGKILL RUNNER_KILL_GRACE_MS later
 * if the group is not empty by then, go to what it started too; and a
 * Ctrl-C meant for the monitor does not cut it short (the monitor waits).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "runner.h"

struct waiting_change {
	struct waiting_change *next;
	struct notify_change change;
};

struct runner_instance {
	struct runner_instance *next;
	struct notify_change change;	/* the running script's */
	pid_t pid;			/* 0 only between two runs */
	uint64_t deadline_ms;		/* of its next signal, or UINT64_MAX */
	int signals_sent;		/* 1: SIGTERM, 2: SIGKILL too */
	bool hurried;			/* signalled as the monitor exits */
	bool leader_gone;		/* CMD reaped, its group still there */
	int status;			/* CMD's wait status, once reaped */
	struct waiting_change *first, **last;
	unsigned int waiting;
};

static void warn_run(const struct notify_change *c, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

/* "Warning: --exec for eth0-51 MASTER: ...", the run named as $2 $3. */
static void warn_run(const struct notify_change *c, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "Warning: --exec for %s %s: ", c->name,
		notify_state_word(c->state, c->reason));
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static pid_t spawn_script(struct runner *r, const struct notify_change *c)
{
	posix_spawn_file_actions_t files;
	posix_spawnattr_t attr;
	struct notify_argv a;
	struct notify_env env;
	char **envp;
	pid_t pid;
	int err;

	notify_env(c, &env);
	envp = notify_envp(environ, &env);
	if (!envp) {
		errno = ENOMEM;
		return -1;
	}
	notify_argv(r->script, c, &a);
	posix_spawn_file_actions_init(&files);
	/*
	 * stdout carries the events, which a -j reader parses: the script
	 * writes to stderr. It reads nothing: stdin may be a terminal.
	 */
	posix_spawn_file_actions_addopen(&files, STDIN_FILENO, "/dev/null",
					 O_RDONLY, 0);
	posix_spawn_file_actions_adddup2(&files, STDERR_FILENO, STDOUT_FILENO);
	posix_spawnattr_init(&attr);
	posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP |
					POSIX_SPAWN_SETSIGMASK);
	posix_spawnattr_setpgroup(&attr, 0);
	posix_spawnattr_setsigmask(&attr, &r->child_mask);
	err = posix_spawn(&pid, a.argv[0], &files, &attr, a.argv, envp);
	posix_spawnattr_destroy(&attr);
	posix_spawn_file_actions_destroy(&files);
	free(envp);
	if (err) {
		errno = err;
		return -1;
	}
	return pid;
}

static int kill_group(pid_t pgid, int sig)
{
	return kill(-pgid, sig);
}

static uint64_t monotonic_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

int runner_init(struct runner *r, const char *cmd, uint32_t timeout_ms)
{
	memset(r, 0, sizeof(*r));
	r->script = notify_script(cmd);
	if (!r->script)
		return -1;
	r->timeout_ms = timeout_ms;
	r->spawn = spawn_script;
	r->kill = kill_group;
	r->now_ms = monotonic_ms;
	/* The monitor blocks these to read them from signalfds. */
	sigprocmask(SIG_SETMASK, NULL, &r->child_mask);
	sigdelset(&r->child_mask, SIGINT);
	sigdelset(&r->child_mask, SIGTERM);
	sigdelset(&r->child_mask, SIGCHLD);
	return 0;
}

static void drop_waiting(struct runner_instance *ri)
{
	while (ri->first) {
		struct waiting_change *w = ri->first;

		ri->first = w->next;
		free(w);
	}
	ri->last = &ri->first;
	ri->waiting = 0;
}

static void forget(struct runner *r, struct runner_instance *ri)
{
	struct runner_instance **p = &r->instances;

	while (*p != ri)
		p = &(*p)->next;
	*p = ri->next;
	drop_waiting(ri);
	free(ri);
}

void runner_free(struct runner *r)
{
	while (r->instances)
		forget(r, r->instances);
	free(r->script);
	r->script = NULL;
}

/*
 * Past RUNNER_WAITING_MAX (a script slower than the changes come), the
 * oldest waiting change goes: the latest state is the one that matters.
 */
static void wait_behind(struct runner_instance *ri,
			const struct notify_change *c)
{
	struct waiting_change *w;

	if (ri->waiting == RUNNER_WAITING_MAX) {
		w = ri->first;
		warn_run(&w->change, "dropped, %d later changes waiting",
			 RUNNER_WAITING_MAX);
		ri->first = w->next;
		if (!ri->first)
			ri->last = &ri->first;
	} else {
		w = malloc(sizeof(*w));
		if (!w) {
			warn_run(c, "dropped, out of memory");
			return;
		}
		ri->waiting++;
	}
	w->change = *c;
	w->next = NULL;
	*ri->last = w;
	ri->last = &w->next;
}

static bool take_first(struct runner_instance *ri, struct notify_change *c)
{
	struct waiting_change *w = ri->first;

	if (!w)
		return false;
	*c = w->change;
	ri->first = w->next;
	if (!ri->first)
		ri->last = &ri->first;
	ri->waiting--;
	free(w);
	return true;
}

/* Starts ri's oldest waiting change; false when none would start. */
static bool start_next(struct runner *r, struct runner_instance *ri)
{
	while (take_first(ri, &ri->change)) {
		pid_t pid = r->spawn(r, &ri->change);

		if (pid > 0) {
			ri->pid = pid;
			ri->deadline_ms = r->now_ms() + r->timeout_ms;
			ri->signals_sent = 0;
			ri->hurried = false;
			r->running++;
			return true;
		}
		warn_run(&ri->change, "cannot run: %s", strerror(errno));
	}
	return false;
}

static struct runner_instance *find(struct runner *r,
				    const struct notify_change *c)
{
	struct runner_instance *ri;

	for (ri = r->instances; ri; ri = ri->next)
		if (notify_same_instance(&ri->change, c))
			return ri;
	return NULL;
}

void runner_submit(struct runner *r, const struct notify_change *c)
{
	struct runner_instance *ri;

	if (r->stopping)
		return;
	ri = find(r, c);
	if (!ri) {
		ri = calloc(1, sizeof(*ri));
		if (!ri) {
			warn_run(c, "dropped, out of memory");
			return;
		}
		ri->change = *c;
		ri->last = &ri->first;
		ri->next = r->instances;
		r->instances = ri;
	}
	wait_behind(ri, c);
	if (!ri->pid && !start_next(r, ri))
		forget(r, ri);
}

/* Success says nothing; anything else one line, whatever stopped it. */
static void report_end(const struct runner *r,
		       const struct runner_instance *ri, int status)
{
	char why[64] = "";

	if (ri->hurried)
		snprintf(why, sizeof(why), "cut short as the monitor exits, ");
	else if (ri->signals_sent)
		snprintf(why, sizeof(why), "timed out after %ums, ",
			 r->timeout_ms);
	if (WIFEXITED(status) && (WEXITSTATUS(status) || *why))
		warn_run(&ri->change, "%sexit status %d", why,
			 WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		warn_run(&ri->change, "%skilled by signal %d (%s)", why,
			 WTERMSIG(status), strsignal(WTERMSIG(status)));
}

static void end_run(struct runner *r, struct runner_instance *ri, int status)
{
	report_end(r, ri, status);
	ri->pid = 0;
	ri->leader_gone = false;
	r->running--;
	if (!start_next(r, ri))
		forget(r, ri);
}

void runner_exited(struct runner *r, pid_t pid, int status)
{
	struct runner_instance *ri;

	for (ri = r->instances; ri; ri = ri->next)
		if (ri->pid == pid && !ri->leader_gone)
			break;
	if (!ri)
		return;
	/*
	 * What a timed-out CMD leaves in its group may ignore SIGTERM: it
	 * gets SIGKILL at the deadline, and the next run waits until then.
	 */
	if (ri->signals_sent == 1 && !r->kill(ri->pid, 0)) {
		ri->leader_gone = true;
		ri->status = status;
		return;
	}
	end_run(r, ri, status);
}

void runner_reap(struct runner *r)
{
	pid_t pid;
	int status;

	while ((pid = waitpid(-1, &status, WNOHANG)) > 0)
		runner_exited(r, pid, status);
}

void runner_expire(struct runner *r)
{
	uint64_t now = r->now_ms();
	struct runner_instance *ri, *next;

	for (ri = r->instances; ri; ri = next) {
		next = ri->next;
		if (!ri->pid || ri->deadline_ms > now)
			continue;
		if (!ri->signals_sent) {
			r->kill(ri->pid, SIGTERM);
			ri->signals_sent = 1;
			ri->deadline_ms = now + RUNNER_KILL_GRACE_MS;
			continue;
		}
		r->kill(ri->pid, SIGKILL);
		ri->signals_sent = 2;
		ri->deadline_ms = UINT64_MAX;	/* it cannot refuse */
		if (ri->leader_gone)
			end_run(r, ri, ri->status);
	}
}

int runner_timeout_ms(struct runner *r)
{
	uint64_t next = UINT64_MAX, now;
	struct runner_instance *ri;

	for (ri = r->instances; ri; ri = ri->next)
		if (ri->pid && ri->deadline_ms < next)
			next = ri->deadline_ms;
	if (next == UINT64_MAX)
		return -1;
	now = r->now_ms();
	if (next <= now)
		return 0;
	return next - now > INT_MAX ? INT_MAX : (int)(next - now);
}

void runner_stop(struct runner *r)
{
	struct runner_instance *ri;
	unsigned int dropped = 0;

	r->stopping = true;
	for (ri = r->instances; ri; ri = ri->next) {
		dropped += ri->waiting;
		drop_waiting(ri);
	}
	if (dropped)
		fprintf(stderr,
			"Warning: --exec: %u waiting runs dropped on exit\n",
			dropped);
}

void runner_hurry(struct runner *r)
{
	uint64_t now = r->now_ms();
	struct runner_instance *ri;

	for (ri = r->instances; ri; ri = ri->next) {
		if (ri->signals_sent < 2)
			ri->deadline_ms = now;
		ri->hurried = true;
	}
}

bool runner_idle(const struct runner *r)
{
	return !r->running;
}
