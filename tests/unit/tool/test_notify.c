// SPDX-License-Identifier: GPL-2.0
/*
 * monitor --exec: what a script is told (notify.c) and when it runs
 * (runner.c). The runner's spawn, kill and clock are fakes here but in
 * one test, which runs /bin/sh for real.
 */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "notify.h"
#include "runner.h"
#include "test.h"
#include "vrrpadm.h"

static struct notify_change change(const char *dev, unsigned int ifindex,
				   unsigned int state, unsigned int reason)
{
	struct notify_change c = {
		.ifindex = ifindex, .af = 2, .vrid = 51,
		.family = "inet", .state = state,
		.old_state = VRRP_STATE_BACKUP, .reason = reason,
		.has_priority = true, .priority = 150,
	};

	snprintf(c.dev, sizeof(c.dev), "%s", dev);
	snprintf(c.name, sizeof(c.name), "%s-51", dev);
	return c;
}

static const struct notify_change master =
	{ .ifindex = 2, .af = 2, .vrid = 51, .name = "eth0-51", .dev = "eth0",
	  .family = "inet", .state = VRRP_STATE_ACTIVE,
	  .old_state = VRRP_STATE_BACKUP, .reason = VRRP_REASON_DOWN_TIMER,
	  .has_priority = true, .priority = 150 };

static void state_words(void)
{
	EXPECT(!strcmp(notify_state_word(VRRP_STATE_ACTIVE, VRRP_REASON_DOWN_TIMER), "MASTER"));
	EXPECT(!strcmp(notify_state_word(VRRP_STATE_BACKUP, VRRP_REASON_PREEMPTED), "BACKUP"));
	EXPECT(!strcmp(notify_state_word(VRRP_STATE_FAULT, VRRP_REASON_TRACK), "FAULT"));
	EXPECT(!strcmp(notify_state_word(VRRP_STATE_INIT, VRRP_REASON_SHUTDOWN), "STOP"));
	/* keepalived's FAULT for an interface that cannot be used. */
	EXPECT(!strcmp(notify_state_word(VRRP_STATE_INIT, VRRP_REASON_LINK_DOWN), "FAULT"));
	EXPECT(!strcmp(notify_state_word(VRRP_STATE_INIT, VRRP_REASON_NONE), "FAULT"));
	EXPECT(!strcmp(notify_state_word(__VRRP_STATE_MAX, VRRP_REASON_NONE), "UNKNOWN"));
}

/* A state change as the kernel sends it, read as monitor reads it. */
static void change_from_event(void)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	struct notify_change c;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_STATE_CHANGE, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 7);
	nla_put_string(msg, VRRP_A_IFNAME, "eth1");
	nla_put_u16(msg, VRRP_A_FAMILY, 2);
	nla_put_u8(msg, VRRP_A_VRID, 200);
	nla_put_u8(msg, VRRP_A_OLD_STATE, VRRP_STATE_ACTIVE);
	nla_put_u8(msg, VRRP_A_STATE, VRRP_STATE_INIT);
	nla_put_u8(msg, VRRP_A_REASON, VRRP_REASON_SHUTDOWN);
	EXPECT(!vnl_parse(msg, tb));
	notify_change_get(tb, &c);
	nlmsg_free(msg);
	EXPECT(!strcmp(c.name, "eth1-200"));
	EXPECT(!strcmp(c.dev, "eth1") && !strcmp(c.family, "inet"));
	EXPECT(c.ifindex == 7 && c.af == 2 && c.vrid == 200);
	EXPECT(c.state == VRRP_STATE_INIT && c.old_state == VRRP_STATE_ACTIVE);
	EXPECT(c.reason == VRRP_REASON_SHUTDOWN && !c.has_priority);
}

/* A named instance's $2 is its name, keepalived's VI_1. */
static void change_with_name(void)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct nl_msg *msg = nlmsg_alloc();
	struct notify_change c;

	genlmsg_put(msg, 0, 0, 0x20, 0, 0, VRRP_CMD_STATE_CHANGE, 1);
	nla_put_u32(msg, VRRP_A_IFINDEX, 7);
	nla_put_string(msg, VRRP_A_IFNAME, "eth1");
	nla_put_u8(msg, VRRP_A_VRID, 200);
	nla_put_string(msg, VRRP_A_NAME, "VI_1");
	nla_put_u8(msg, VRRP_A_OLD_STATE, VRRP_STATE_BACKUP);
	nla_put_u8(msg, VRRP_A_STATE, VRRP_STATE_ACTIVE);
	nla_put_u8(msg, VRRP_A_REASON, VRRP_REASON_DOWN_TIMER);
	EXPECT(!vnl_parse(msg, tb));
	notify_change_get(tb, &c);
	nlmsg_free(msg);
	EXPECT(!strcmp(c.name, "VI_1") && !strcmp(c.dev, "eth1"));
}

static void environment(void)
{
	struct notify_change c = master;
	struct notify_env env;

	notify_env(&c, &env);
	EXPECT(!strcmp(env.var[0], "VRRP_DEV=eth0"));
	EXPECT(!strcmp(env.var[1], "VRRP_VRID=51"));
	EXPECT(!strcmp(env.var[2], "VRRP_FAMILY=inet"));
	EXPECT(!strcmp(env.var[3], "VRRP_STATE=master"));
	EXPECT(!strcmp(env.var[4], "VRRP_OLD_STATE=backup"));
	EXPECT(!strcmp(env.var[5], "VRRP_REASON=down-timer"));
	EXPECT(!strcmp(env.var[6], "VRRP_PRIORITY=150"));
	c.state = VRRP_STATE_FAULT;
	c.reason = VRRP_REASON_TRACK_DEV;
	c.has_priority = false;
	notify_env(&c, &env);
	EXPECT(!strcmp(env.var[3], "VRRP_STATE=fault"));
	EXPECT(!strcmp(env.var[5], "VRRP_REASON=track-dev"));
	EXPECT(!strcmp(env.var[6], "VRRP_PRIORITY="));
}

/* The monitor's own environment goes on, but for the names we set. */
static void environment_inherited(void)
{
	char *base[] = { "PATH=/usr/bin", "VRRP_STATE=stale", "VRRP_STATEX=1",
			 "HOME=/root", NULL };
	struct notify_env env;
	char **envp;
	int n = 0, states = 0;

	notify_env(&master, &env);
	envp = notify_envp(base, &env);
	EXPECT(envp);
	if (!envp)
		return;
	for (; envp[n]; n++)
		states += !strncmp(envp[n], "VRRP_STATE=", 11);
	EXPECT(n == 3 + NOTIFY_ENV_COUNT);
	EXPECT(states == 1);
	EXPECT(!strcmp(envp[0], "PATH=/usr/bin"));
	EXPECT(!strcmp(envp[1], "VRRP_STATEX=1"));
	EXPECT(!strcmp(envp[2], "HOME=/root"));
	EXPECT(!strcmp(envp[3 + 3], "VRRP_STATE=master"));
	free(envp);
}

/* keepalived's notify arguments, after the command's own. */
static void arguments(void)
{
	char *script = notify_script("/etc/vrrp/notify.sh --verbose");
	struct notify_change c = master;
	struct notify_argv a;
	static const char *const want[] = {
		"/bin/sh", "-c", "exec /etc/vrrp/notify.sh --verbose \"$@\"", "sh",
		"INSTANCE", "eth0-51", "MASTER", "150",
	};

	EXPECT(script);
	if (!script)
		return;
	notify_argv(script, &c, &a);
	for (int i = 0; i < NOTIFY_ARGC; i++)
		EXPECT(a.argv[i] && !strcmp(a.argv[i], want[i]));
	EXPECT(!a.argv[NOTIFY_ARGC]);
	c.state = VRRP_STATE_INIT;
	c.reason = VRRP_REASON_SHUTDOWN;
	c.has_priority = false;
	notify_argv(script, &c, &a);
	EXPECT(!strcmp(a.argv[6], "STOP") && !strcmp(a.argv[7], ""));
	free(script);
}

/* The fakes: what was started, what was signalled, and the time. */
static char started[16][80];
static int nstarted, nkills, kill_sig[8];
static pid_t kill_pid[8], next_pid;
static uint64_t fake_now;
static bool spawn_fails, group_lives;

static pid_t fake_spawn(struct runner *r, const struct notify_change *c)
{
	(void)r;
	if (spawn_fails)
		return -1;
	if (nstarted < 16)
		snprintf(started[nstarted], sizeof(started[0]), "%s %s",
			 c->name, notify_state_word(c->state, c->reason));
	nstarted++;
	return ++next_pid;
}

static int fake_kill(pid_t pgid, int sig)
{
	if (!sig)
		return group_lives ? 0 : -1;
	if (nkills < 8) {
		kill_pid[nkills] = pgid;
		kill_sig[nkills++] = sig;
	}
	return 0;
}

static uint64_t fake_clock(void)
{
	return fake_now;
}

static void fake_runner(struct runner *r, uint32_t timeout_ms)
{
	nstarted = nkills = 0;
	next_pid = 100;
	fake_now = 1000;
	spawn_fails = group_lives = false;
	runner_init(r, "notify", timeout_ms);
	r->spawn = fake_spawn;
	r->kill = fake_kill;
	r->now_ms = fake_clock;
}

static bool started_is(int i, const char *want)
{
	return i < nstarted && i < 16 && !strcmp(started[i], want);
}

/*
 * eth0's changes run one after the other, in order; eth1's do not wait
 * for them.
 */
static void one_at_a_time_per_instance(void)
{
	struct notify_change a1 = change("eth0", 2, VRRP_STATE_BACKUP, VRRP_REASON_STARTUP);
	struct notify_change a2 = change("eth0", 2, VRRP_STATE_ACTIVE, VRRP_REASON_DOWN_TIMER);
	struct notify_change a3 = change("eth0", 2, VRRP_STATE_INIT, VRRP_REASON_SHUTDOWN);
	struct notify_change b1 = change("eth1", 3, VRRP_STATE_BACKUP, VRRP_REASON_STARTUP);
	struct runner r;

	fake_runner(&r, 10000);
	runner_submit(&r, &a1);		/* pid 101 */
	runner_submit(&r, &a2);
	runner_submit(&r, &b1);		/* pid 102 */
	runner_submit(&r, &a3);
	EXPECT(nstarted == 2);
	EXPECT(started_is(0, "eth0-51 BACKUP") && started_is(1, "eth1-51 BACKUP"));
	runner_exited(&r, 102, 0);
	EXPECT(nstarted == 2);		/* eth1 is done, eth0 still busy */
	runner_exited(&r, 101, 0);
	EXPECT(nstarted == 3 && started_is(2, "eth0-51 MASTER"));
	runner_exited(&r, 103, 0);
	EXPECT(nstarted == 4 && started_is(3, "eth0-51 STOP"));
	EXPECT(!runner_idle(&r));
	runner_exited(&r, 104, 0);
	EXPECT(runner_idle(&r) && !r.instances);
	runner_free(&r);
}

/* SIGTERM at the timeout, SIGKILL after the grace; the next run follows. */
static void timeout_kills_then_next(void)
{
	struct notify_change a1 = master;
	struct notify_change a2 = change("eth0", 2, VRRP_STATE_BACKUP, VRRP_REASON_PREEMPTED);
	const char *err;
	struct runner r;

	fake_runner(&r, 3000);
	runner_submit(&r, &a1);
	runner_submit(&r, &a2);
	EXPECT(runner_timeout_ms(&r) == 3000);
	fake_now += 2999;
	runner_expire(&r);
	EXPECT(nkills == 0 && runner_timeout_ms(&r) == 1);
	fake_now += 1;
	runner_expire(&r);
	EXPECT(nkills == 1 && kill_pid[0] == 101 && kill_sig[0] == SIGTERM);
	EXPECT(runner_timeout_ms(&r) == RUNNER_KILL_GRACE_MS);
	fake_now += RUNNER_KILL_GRACE_MS;
	runner_expire(&r);
	EXPECT(nkills == 2 && kill_pid[1] == 101 && kill_sig[1] == SIGKILL);
	EXPECT(runner_timeout_ms(&r) == -1);
	capture_start();
	runner_exited(&r, 101, SIGKILL);	/* a wait status: killed by 9 */
	err = capture_end();
	EXPECT(!strcmp(err, "Warning: --exec for eth0-51 MASTER: timed out after "
			    "3000ms, killed by signal 9 (Killed)\n"));
	EXPECT(nstarted == 2 && started_is(1, "eth0-51 BACKUP"));
	EXPECT(runner_timeout_ms(&r) == 3000);
	runner_exited(&r, 102, 0);
	runner_free(&r);
}

/*
 * CMD dies of SIGTERM, but left something in its group: that gets SIGKILL
 * at the deadline, and only then does the next run start.
 */
static void timed_out_group_killed(void)
{
	struct notify_change a1 = master;
	struct notify_change a2 = change("eth0", 2, VRRP_STATE_BACKUP, VRRP_REASON_PREEMPTED);
	const char *err;
	struct runner r;

	fake_runner(&r, 1000);
	runner_submit(&r, &a1);
	runner_submit(&r, &a2);
	fake_now += 1000;
	runner_expire(&r);
	group_lives = true;
	capture_start();
	runner_exited(&r, 101, SIGTERM);
	EXPECT(!*capture_end());
	EXPECT(nstarted == 1 && !runner_idle(&r));
	EXPECT(runner_timeout_ms(&r) == RUNNER_KILL_GRACE_MS);
	fake_now += RUNNER_KILL_GRACE_MS;
	capture_start();
	runner_expire(&r);
	err = capture_end();
	EXPECT(nkills == 2 && kill_pid[1] == 101 && kill_sig[1] == SIGKILL);
	EXPECT(!strcmp(err, "Warning: --exec for eth0-51 MASTER: timed out after "
			    "1000ms, killed by signal 15 (Terminated)\n"));
	EXPECT(nstarted == 2 && started_is(1, "eth0-51 BACKUP"));
	runner_exited(&r, 102, 0);
	EXPECT(runner_idle(&r));
	runner_free(&r);
}

static void failures_reported(void)
{
	struct notify_change c = master;
	const char *err;
	struct runner r;

	fake_runner(&r, 10000);
	runner_submit(&r, &c);
	capture_start();
	runner_exited(&r, 101, 3 << 8);
	err = capture_end();
	EXPECT(!strcmp(err, "Warning: --exec for eth0-51 MASTER: exit status 3\n"));
	runner_submit(&r, &c);
	capture_start();
	runner_exited(&r, 102, 0);
	EXPECT(!*capture_end());
	spawn_fails = true;
	capture_start();
	runner_submit(&r, &c);
	err = capture_end();
	EXPECT(!strncmp(err, "Warning: --exec for eth0-51 MASTER: cannot run: ", 48));
	EXPECT(runner_idle(&r) && !r.instances);
	runner_free(&r);
}

/* A script slower than the changes: the oldest waiting one goes. */
static void waiting_bounded(void)
{
	struct notify_change c = master;
	const char *err;
	struct runner r;

	fake_runner(&r, 10000);
	for (int i = 0; i <= RUNNER_WAITING_MAX; i++) {
		c.priority = (unsigned int)i;
		runner_submit(&r, &c);
	}
	c.priority = 200;
	capture_start();
	runner_submit(&r, &c);
	err = capture_end();
	EXPECT(!strcmp(err, "Warning: --exec for eth0-51 MASTER: dropped, "
			    "64 later changes waiting\n"));
	/* 0 ran; 1 was dropped; 2..64 and 200 wait. */
	for (int i = 2; i <= RUNNER_WAITING_MAX + 1; i++)
		runner_exited(&r, 100 + i - 1, 0);
	EXPECT(nstarted == 1 + RUNNER_WAITING_MAX);
	runner_exited(&r, 100 + RUNNER_WAITING_MAX + 1, 0);
	EXPECT(runner_idle(&r));
	runner_free(&r);
}

/* On exit: nothing new starts, running ones are waited for. */
static void stop_drops_waiting(void)
{
	struct notify_change a = master;
	struct notify_change b = change("eth1", 3, VRRP_STATE_BACKUP, VRRP_REASON_STARTUP);
	const char *err;
	struct runner r;

	fake_runner(&r, 10000);
	runner_submit(&r, &a);
	runner_submit(&r, &a);
	runner_submit(&r, &a);
	capture_start();
	runner_stop(&r);
	err = capture_end();
	EXPECT(!strcmp(err, "Warning: --exec: 2 waiting runs dropped on exit\n"));
	runner_submit(&r, &b);
	EXPECT(nstarted == 1 && !runner_idle(&r));
	/* A second signal: SIGTERM now, SIGKILL after the grace. */
	fake_now += 10;
	runner_hurry(&r);
	EXPECT(runner_timeout_ms(&r) == 0);
	runner_expire(&r);
	EXPECT(nkills == 1 && kill_sig[0] == SIGTERM);
	capture_start();
	runner_exited(&r, 101, SIGTERM);
	err = capture_end();
	EXPECT(strstr(err, "cut short as the monitor exits, killed by signal 15"));
	EXPECT(nstarted == 1 && runner_idle(&r));
	runner_free(&r);
}

/* For real: the script gets its own argument, the four, the environment. */
static void runs_a_script(void)
{
	char dir[] = "/tmp/vrrpadm-test-XXXXXX", script[64], log[64];
	char cmd[160], got[512] = "";
	struct notify_change c = master;
	struct runner r;
	sigset_t chld, old;
	FILE *f;
	size_t n;

	if (!mkdtemp(dir)) {
		test_skip("no temporary directory");
		return;
	}
	snprintf(script, sizeof(script), "%s/notify", dir);
	snprintf(log, sizeof(log), "%s/log", dir);
	f = fopen(script, "w");
	EXPECT(f);
	if (!f)
		return;
	fprintf(f, "#!/bin/sh\n"
		   "echo \"$# $*\" \"$VRRP_DEV $VRRP_VRID $VRRP_STATE "
		   "$VRRP_OLD_STATE $VRRP_REASON $VRRP_PRIORITY\" >\"$1\"\n");
	fclose(f);
	chmod(script, 0700);
	snprintf(cmd, sizeof(cmd), "%s %s", script, log);
	/* As the monitor does: SIGCHLD blocked, the child's mask clean. */
	sigemptyset(&chld);
	sigaddset(&chld, SIGCHLD);
	sigprocmask(SIG_BLOCK, &chld, &old);
	runner_init(&r, cmd, 5000);
	runner_submit(&r, &c);
	for (int i = 0; i < 500 && !runner_idle(&r); i++) {
		struct timespec ms10 = { 0, 10000000 };

		nanosleep(&ms10, NULL);
		runner_reap(&r);
	}
	EXPECT(runner_idle(&r));
	runner_free(&r);
	sigprocmask(SIG_SETMASK, &old, NULL);
	f = fopen(log, "r");
	EXPECT(f);
	if (f) {
		n = fread(got, 1, sizeof(got) - 1, f);
		got[n] = '\0';
		fclose(f);
	}
	snprintf(cmd, sizeof(cmd), "5 %s INSTANCE eth0-51 MASTER 150 "
		 "eth0 51 master backup down-timer 150\n", log);
	EXPECT(!strcmp(got, cmd));
	unlink(log);
	unlink(script);
	rmdir(dir);
}

static int run_monitor(const char *a, const char *b, const char *c)
{
	char *argv[] = { (char *)a, (char *)b, (char *)c, NULL };
	int argc = c ? 3 : b ? 2 : 1;

	return monitor_main(argc, argv);
}

/* Usage errors come before any socket is opened. */
static void exec_options(void)
{
	const char *err;

	capture_start();
	EXPECT(run_monitor("--exec", NULL, NULL) == EXIT_USAGE);
	EXPECT(run_monitor("--exec-timeout", "5s", NULL) == EXIT_USAGE);
	EXPECT(run_monitor("--exec", "", NULL) == EXIT_USAGE);
	EXPECT(run_monitor("--exec", "x", "--exec-timeout") == EXIT_USAGE);
	err = capture_end();
	EXPECT(strstr(err, "Error: \"--exec\" needs a value\n"));
	EXPECT(strstr(err, "Error: --exec-timeout without --exec\n"));
	EXPECT(strstr(err, "Error: --exec: the command is empty\n"));
	EXPECT(strstr(err, "Error: \"--exec-timeout\" needs a value\n"));
	capture_start();
	{
		char *argv[] = { "--exec", "x", "--exec-timeout", "0", NULL };

		EXPECT(monitor_main(4, argv) == EXIT_USAGE);
	}
	{
		char *argv[] = { "--exec", "x", "--exec-timeout", "1.5m", NULL };

		EXPECT(monitor_main(4, argv) == EXIT_USAGE);
	}
	err = capture_end();
	EXPECT(strstr(err, "Error: --exec-timeout: must be at least 1ms\n"));
	EXPECT(strstr(err, "Error: --exec-timeout: not a duration"));
}

const struct test notify_tests[] = {
	{ "notify: a named instance's $2 is its name", change_with_name },
	{ "notify: keepalived's state words", state_words },
	{ "notify: a state change event read", change_from_event },
	{ "notify: VRRP_* environment", environment },
	{ "notify: environment inherited, ours replacing", environment_inherited },
	{ "notify: arguments appended to the command", arguments },
	{ "notify: one run at a time per instance, in order", one_at_a_time_per_instance },
	{ "notify: timeout sends SIGTERM, SIGKILL, then the next run", timeout_kills_then_next },
	{ "notify: what a timed-out run leaves is killed before the next", timed_out_group_killed },
	{ "notify: failures reported, success silent", failures_reported },
	{ "notify: waiting changes bounded, oldest dropped", waiting_bounded },
	{ "notify: on exit waiting runs dropped, running ones end", stop_drops_waiting },
	{ "notify: a script run for real: arguments, environment", runs_a_script },
	{ "notify: --exec and --exec-timeout usage errors", exec_options },
	{ NULL, NULL },
};
