/* SPDX-License-Identifier: GPL-2.0 */
/*
 * `monitor --exec`'s scripts: one run at a time per instance, in the order
 * of its state changes, each within a timeout. Nothing here waits: the
 * monitor's poll loop reads events while scripts run, and hands over
 * SIGCHLD and the timeouts (runner_timeout_ms) as they come.
 */
#ifndef VRRPADM_RUNNER_H
#define VRRPADM_RUNNER_H

#include <signal.h>
#include <stdbool.h>
#include <stdint.h>
#include <sys/types.h>

#include "notify.h"

#define RUNNER_TIMEOUT_MS_DEFAULT 10000
/* After SIGTERM at the timeout, SIGKILL this much later. */
#define RUNNER_KILL_GRACE_MS 2000
/* Changes of one instance that may wait behind its running script. */
#define RUNNER_WAITING_MAX 64

struct runner_instance;

struct runner {
	char *script;			/* notify_script(CMD) */
	uint32_t timeout_ms;
	struct runner_instance *instances;	/* with a run going */
	unsigned int running;
	bool stopping;
	sigset_t child_mask;
	/* What reaches the system; the unit tests put fakes here. */
	pid_t (*spawn)(struct runner *r, const struct notify_change *c);
	int (*kill)(pid_t pgid, int sig);
	uint64_t (*now_ms)(void);
};

/* 0, or -1 when out of memory. */
int runner_init(struct runner *r, const char *cmd, uint32_t timeout_ms);
/* Kills nothing: runner_stop() and waiting come first. */
void runner_free(struct runner *r);

/* Runs the script for c now, or after the instance's earlier changes. */
void runner_submit(struct runner *r, const struct notify_change *c);

/* Reaps every child that has ended (on SIGCHLD) and starts what waits. */
void runner_reap(struct runner *r);
/* A child ended with a waitpid() status: runner_reap()'s work per child. */
void runner_exited(struct runner *r, pid_t pid, int status);

/* Signals the runs past their time: SIGTERM, then SIGKILL. */
void runner_expire(struct runner *r);
/* Milliseconds until runner_expire() has work, -1 for never (poll's). */
int runner_timeout_ms(struct runner *r);

/* No run starts any more; waiting ones are dropped, running ones go on. */
void runner_stop(struct runner *r);
/* Running ones are timed out now (a second SIGINT or SIGTERM). */
void runner_hurry(struct runner *r);
bool runner_idle(const struct runner *r);

#endif
