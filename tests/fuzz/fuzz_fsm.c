// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for kmod/fsm.c: the input is a sequence of events,
 * fed to the state machine the way the module's glue feeds it, and after
 * each one the outcome is held against RFC 9568 6.1 / 6.4 as written out
 * here (not copied from fsm.c).
 *
 * Input: the first 4 bytes configure the instance (as op 5), then each
 * event is an opcode byte and its arguments:
 *   0 startup
 *   1 shutdown          [0: instance deleted, 1: link down]
 *   2 advert received   [priority] [interval hi] [interval lo] [tie-break]
 *   3 time passes       [4 bytes: 2 bits of unit (ns, ms, cs, s), 30 of
 *                       count], and every timer due by then fires
 *   4 the next deadline's timer fires [lateness: bits 0-1 whole intervals,
 *                       then 0, +1 or -1 ns]
 *   5 reconfigure       [priority] [flags] [interval hi] [interval lo]
 *   6 a timer callback runs early or twice (the hrtimer raced)
 *   7 owner advert      [tie-break]
 * Values are brought into the ranges the module allows (netlink policy,
 * packet.c's decode): priority 1..255 configured, 0..255 received,
 * intervals 1..4095 cs, preempt delay up to 3600 s.
 *
 * Like the module, timers fire when due (late by however long the time
 * step was), never early, so between events no deadline is in the past.
 */

#include <stdio.h>
#include <stdlib.h>

#include "fsm.h"

#define ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: event %u: assertion failed: %s\n", \
				__FILE__, __LINE__, ev, #cond);		\
			abort();					\
		}							\
	} while (0)

#define SEC	1000000000ULL
#define CS	10000000ULL
#define VRRP_MAX_INTERVAL_CS	4095	/* the 12-bit Max Adver Int */

struct input {
	const u8 *p;
	size_t n;
};

static u8 next(struct input *in)
{
	if (!in->n)
		return 0;
	in->n--;
	return *in->p++;
}

static u16 interval(struct input *in)
{
	u16 v = (u16)(next(in) << 8);

	v |= next(in);
	return (u16)(v % VRRP_MAX_INTERVAL_CS + 1);
}

/*
 * RFC 9568 6.1, in exact arithmetic; RFC 3768 6.1 for VRRPv2, whose skew
 * is a fraction of one second.
 */
static u64 skew(const struct vrrp_fsm *f, u16 iv)
{
	u8 prio = f->cfg.priority;

	if (f->cfg.version == 2)
		return (u64)(256 - prio) * SEC / 256;
	return (u64)(256 - prio) * iv * CS / 256;
}

static u64 down_interval(const struct vrrp_fsm *f, u16 iv)
{
	return 3ULL * iv * CS + skew(f, iv);
}

static void config(struct input *in, struct vrrp_fsm_config *cfg)
{
	u8 prio = next(in), flags = next(in);

	cfg->version = next(in) & 1 ? 2 : 3;
	cfg->priority = prio ? prio : 1;
	cfg->preempt = !(flags & 1);
	cfg->interval_cs = interval(in);
	/* 0, a few intervals, or long. */
	switch (flags >> 1 & 3) {
	case 0:
		cfg->preempt_delay_ns = 0;
		break;
	case 1:
		cfg->preempt_delay_ns = (flags >> 3) * 100 * CS;
		break;
	default:
		cfg->preempt_delay_ns = (u64)(flags >> 3) * 3600 * SEC / 31;
		break;
	}
}

static unsigned int ev;
/*
 * The model of the two rate limits: announcements at most once a second
 * and, when asked for inside the second, deferred to its end (pending);
 * answers to worse adverts at most once an Advertisement_Interval.
 */
static u64 last_announce;
static bool announced;
static bool pending;
static u64 answer_until;
static bool answered;

static bool may_announce(u64 now)
{
	return !announced || now >= last_announce + SEC;
}

/* When the advert timer must fire next. */
static u64 advert_deadline(const struct vrrp_fsm *f)
{
	u64 due = last_announce + SEC;

	return pending && due < f->advert_at ? due : f->advert_at;
}

/* What holds between any two events. */
static void check_state(const struct vrrp_fsm *f, u64 now)
{
	switch (f->state) {
	case VRRP_STATE_INIT:
	case VRRP_STATE_FAULT:
		ASSERT(!f->advert_at && !f->down_at);
		break;
	case VRRP_STATE_BACKUP:
		ASSERT(!f->advert_at && f->down_at);
		ASSERT(f->down_at > now);
		/*
		 * Never longer than a full Active_Down_Interval away, at
		 * priority 1, whichever version armed it.
		 */
		ASSERT(f->down_at - now <=
		       3ULL * f->active_interval_cs * CS +
		       255 * (f->active_interval_cs > 100 ?
			      f->active_interval_cs * CS : SEC) / 256);
		break;
	case VRRP_STATE_ACTIVE:
		ASSERT(f->advert_at && !f->down_at);
		ASSERT(f->advert_at > now);
		/* A deferred announcement is not late either. */
		ASSERT(vrrp_fsm_advert_timer_at(f) == advert_deadline(f));
		ASSERT(advert_deadline(f) > now);
		/* The next advert is at most one interval away. */
		ASSERT(f->advert_at - now <= f->cfg.interval_cs * CS);
		break;
	default:
		ASSERT(0);
	}
	ASSERT(f->active_interval_cs >= 1 &&
	       f->active_interval_cs <= VRRP_MAX_INTERVAL_CS);
}

/* What any result's flags must agree with, whatever the event. */
static void check_act(const struct vrrp_fsm *f, const struct vrrp_fsm *b,
		      u32 act, u64 now)
{
	bool changed = f->state != b->state;
	bool up = changed && f->state == VRRP_STATE_ACTIVE;
	bool down = changed && b->state == VRRP_STATE_ACTIVE;

	ASSERT(!(act & ~0xffu));
	ASSERT(!!(act & VRRP_ACT_STATE) == changed);
	if (changed)
		ASSERT(f->old_state == b->state);
	else
		ASSERT(f->old_state == b->old_state && f->reason == b->reason);
	ASSERT(!!(act & VRRP_ACT_VIPS_UP) == up);
	ASSERT(!!(act & VRRP_ACT_VIPS_DOWN) == down);
	/* Leaving Active: to init or fault on a stop, to backup for a group. */
	if (act & VRRP_ACT_SEND_PRIO0)
		ASSERT(down && f->reason != VRRP_REASON_LINK_DOWN &&
		       (f->state == VRRP_STATE_INIT ||
			f->state == VRRP_STATE_FAULT ||
			f->reason == VRRP_REASON_GROUP));
	if (act & VRRP_ACT_SEND_ADVERT)
		ASSERT(f->state == VRRP_STATE_ACTIVE || down);
	if (act & VRRP_ACT_FOLLOW)
		ASSERT(f->state == VRRP_STATE_BACKUP);
	if (act & VRRP_ACT_ANNOUNCE) {
		ASSERT(f->state == VRRP_STATE_ACTIVE);
		ASSERT(may_announce(now));
		announced = true;
		last_announce = now;
		pending = false;
	}
	/* Nothing deferred outlives Active. */
	if (f->state != VRRP_STATE_ACTIVE) {
		pending = false;
		ASSERT(!vrrp_fsm_advert_timer_at(f));
	}
	if (act & VRRP_ACT_OWNER_CONFLICT)
		ASSERT(f->cfg.priority == VRRP_PRIORITY_OWNER);
	/* Only the owner's startup or configure skips Backup. */
	if (up && (b->state == VRRP_STATE_INIT ||
		   b->state == VRRP_STATE_FAULT))
		ASSERT(f->cfg.priority == VRRP_PRIORITY_OWNER &&
		       f->reason == VRRP_REASON_OWNER && !b->held);
	/* A sync group that holds the instance keeps it from Active. */
	if (up && b->held)
		ASSERT(f->reason == VRRP_REASON_GROUP);
}

static void startup(struct vrrp_fsm *f, u64 now)
{
	struct vrrp_fsm b = *f;
	u32 act = vrrp_fsm_startup(f, now);

	check_act(f, &b, act, now);
	if (b.state != VRRP_STATE_INIT && b.state != VRRP_STATE_FAULT) {
		ASSERT(!act && !memcmp(f, &b, sizeof(b)));
		return;
	}
	if (f->cfg.priority == VRRP_PRIORITY_OWNER && !b.held) {
		/* RFC 9568 6.4.1: the owner goes straight to Active. */
		ASSERT(f->state == VRRP_STATE_ACTIVE);
		ASSERT(f->reason == VRRP_REASON_OWNER);
		ASSERT(f->advert_at == now + f->cfg.interval_cs * CS);
		ASSERT(act == (VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT |
			       VRRP_ACT_VIPS_UP));
	} else {
		/* RFC 9568 6.4.1: the others wait Active_Down_Interval. */
		ASSERT(f->state == VRRP_STATE_BACKUP);
		/* Out of fault, what let it out: the fault's reason. */
		ASSERT(f->reason == (b.state == VRRP_STATE_FAULT ? b.reason :
				     VRRP_REASON_STARTUP));
		ASSERT(f->active_interval_cs == f->cfg.interval_cs);
		ASSERT(f->down_at == now + down_interval(f,
							 f->cfg.interval_cs));
		ASSERT(act == VRRP_ACT_STATE);
	}
}

/* Into init (shutdown, link down) or fault (a tracked object down). */
static void stop(struct vrrp_fsm *f, enum vrrp_state to, enum vrrp_reason why,
		 u64 now)
{
	struct vrrp_fsm b = *f;
	u32 act = vrrp_fsm_stop(f, to, why, now);

	check_act(f, &b, act, now);
	if (b.state == to) {
		ASSERT(!act && !memcmp(f, &b, sizeof(b)));
		return;
	}
	ASSERT(f->state == to && f->reason == why);
	/* RFC 9568 6.4.3: Active says goodbye with priority 0, if it can. */
	ASSERT(!!(act & VRRP_ACT_SEND_PRIO0) ==
	       (b.state == VRRP_STATE_ACTIVE && why != VRRP_REASON_LINK_DOWN));
}

/*
 * Sync groups: another member moved (@op bit 0: became active, or left),
 * and whether the group holds this one from now on (bit 1).
 */
static void group(struct vrrp_fsm *f, u8 op, u64 now)
{
	struct vrrp_fsm b = *f;
	u32 act;

	f->held = op & 2;
	b.held = f->held;
	if (op & 1) {
		act = vrrp_fsm_group_activate(f, now);
		check_act(f, &b, act, now);
		ASSERT(!act == (b.state != VRRP_STATE_BACKUP));
		if (act)
			ASSERT(f->state == VRRP_STATE_ACTIVE &&
			       f->reason == VRRP_REASON_GROUP);
		return;
	}
	act = vrrp_fsm_group_yield(f, now);
	check_act(f, &b, act, now);
	ASSERT(!act == (b.state != VRRP_STATE_ACTIVE));
	if (act)
		ASSERT(f->state == VRRP_STATE_BACKUP &&
		       f->reason == VRRP_REASON_GROUP &&
		       (act & VRRP_ACT_SEND_PRIO0));
}

static void advert_timer(struct vrrp_fsm *f, u64 now)
{
	struct vrrp_fsm b = *f;
	bool due_announce = b.state == VRRP_STATE_ACTIVE && pending &&
			    may_announce(now);
	u32 act = vrrp_fsm_advert_timer(f, now);
	u64 iv = f->cfg.interval_cs * CS;

	check_act(f, &b, act, now);
	/* A deferred announcement goes out as soon as the second is over. */
	ASSERT(!!(act & VRRP_ACT_ANNOUNCE) == due_announce);
	if (b.state != VRRP_STATE_ACTIVE || now < b.advert_at) {
		/* Early, or not Active: a stale callback sends nothing. */
		ASSERT(!(act & ~VRRP_ACT_ANNOUNCE));
		ASSERT(f->advert_at == b.advert_at);
		if (!act)
			ASSERT(!memcmp(f, &b, sizeof(b)));
		return;
	}
	/* One expiry, one advert, and the cadence kept exact. */
	ASSERT((act & ~VRRP_ACT_ANNOUNCE) == VRRP_ACT_SEND_ADVERT);
	if (b.advert_at + iv > now)
		ASSERT(f->advert_at == b.advert_at + iv);
	else
		ASSERT(f->advert_at == now + iv);
	ASSERT(f->state == VRRP_STATE_ACTIVE);
}

static void down_timer(struct vrrp_fsm *f, u64 now)
{
	struct vrrp_fsm b = *f;
	u32 act = vrrp_fsm_down_timer(f, now);

	check_act(f, &b, act, now);
	if (b.state != VRRP_STATE_BACKUP || now < b.down_at) {
		ASSERT(!act && !memcmp(f, &b, sizeof(b)));
		return;
	}
	/* Held by its group: Backup still, and the timer starts again. */
	if (b.held) {
		ASSERT(!act && f->state == VRRP_STATE_BACKUP && !f->following);
		ASSERT(f->down_at == now + down_interval(f,
							 f->active_interval_cs));
		return;
	}
	/* RFC 9568 6.4.2: the master is gone; take over. */
	ASSERT(f->state == VRRP_STATE_ACTIVE);
	ASSERT(f->reason == b.down_reason);
	ASSERT(f->reason == VRRP_REASON_DOWN_TIMER ||
	       f->reason == VRRP_REASON_PRIORITY_ZERO);
	ASSERT(f->advert_at == now + f->cfg.interval_cs * CS);
	ASSERT(act == (VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT |
		       VRRP_ACT_VIPS_UP));
}

static void rx(struct vrrp_fsm *f, u8 prio, u16 iv, int addr_cmp, u64 now)
{
	struct vrrp_fsm_advert a = {
		.priority = prio, .interval_cs = iv, .addr_cmp = addr_cmp,
	};
	bool may_announce_before = may_announce(now);
	bool may_answer = !answered || now >= answer_until;
	struct vrrp_fsm b = *f;
	u32 act = vrrp_fsm_rx(f, &a, now);
	u8 mine = f->cfg.priority;
	bool v3 = f->cfg.version == 3;

	check_act(f, &b, act, now);
	ASSERT(!!(act & VRRP_ACT_OWNER_CONFLICT) ==
	       (b.state == VRRP_STATE_ACTIVE && prio == 255 && mine == 255));
	switch (b.state) {
	case VRRP_STATE_INIT:
	case VRRP_STATE_FAULT:
		ASSERT(!act && !memcmp(f, &b, sizeof(b)));
		break;
	case VRRP_STATE_BACKUP:
		/* RFC 9568 6.4.2: a Backup never takes over on an advert. */
		ASSERT(f->state == VRRP_STATE_BACKUP);
		if (prio == 0) {
			ASSERT(f->down_at == now + skew(f,
							b.active_interval_cs));
			ASSERT(f->down_reason == VRRP_REASON_PRIORITY_ZERO);
			ASSERT(!act && !f->following);
		} else if (b.cfg.preempt && now >= b.preempt_after &&
			   prio < mine) {
			/* Ignored, so the down timer preempts it; a sync
			 * group sees that this one would take over.
			 */
			b.following = false;
			ASSERT(!act && !memcmp(f, &b, sizeof(b)));
		} else {
			ASSERT(act == VRRP_ACT_FOLLOW && f->following);
			ASSERT(f->active_interval_cs == iv);
			ASSERT(f->down_at == now + down_interval(f, iv));
			ASSERT(f->down_reason == VRRP_REASON_DOWN_TIMER);
		}
		break;
	case VRRP_STATE_ACTIVE:
		/*
		 * Re-announcing the VIPs (split brain heals) when the advert
		 * does not win, at most once a second, and deferred to the
		 * end of that second rather than dropped.
		 */
		if (f->state == VRRP_STATE_ACTIVE) {
			ASSERT(!!(act & VRRP_ACT_ANNOUNCE) ==
			       may_announce_before);
			if (!may_announce_before)
				pending = true;
			/*
			 * RFC 9568 6.4.3 answers at once; a flood gets one
			 * answer per Advertisement_Interval.
			 */
			ASSERT(!!(act & VRRP_ACT_SEND_ADVERT) ==
			       (may_answer && (prio == 0 || v3)));
			/* RFC 3768 6.4.3: VRRPv2 discards a worse one. */
			if (may_answer && (prio == 0 || v3)) {
				answered = true;
				answer_until = now + f->cfg.interval_cs * CS;
			}
		}
		if (prio == 0) {
			/* RFC 9568 6.4.3: answer, restart the cadence. */
			ASSERT(f->state == VRRP_STATE_ACTIVE);
			ASSERT(f->advert_at == (may_answer ?
				now + f->cfg.interval_cs * CS : b.advert_at));
		} else if (prio > mine || (prio == mine && addr_cmp > 0)) {
			/* RFC 9568 6.4.3: a better router; follow it. */
			ASSERT(f->state == VRRP_STATE_BACKUP);
			ASSERT(f->reason == VRRP_REASON_PREEMPTED);
			ASSERT((act & ~VRRP_ACT_OWNER_CONFLICT) ==
			       (VRRP_ACT_STATE | VRRP_ACT_SEND_ADVERT |
				VRRP_ACT_VIPS_DOWN | VRRP_ACT_FOLLOW));
			ASSERT(f->active_interval_cs == iv);
			ASSERT(f->down_at == now + down_interval(f, iv));
			/* Owners yield only to another owner. */
			if (mine == 255)
				ASSERT(prio == 255 &&
				       act & VRRP_ACT_OWNER_CONFLICT);
		} else {
			/* A worse router: answer it, keep our cadence. */
			ASSERT(f->state == VRRP_STATE_ACTIVE);
			ASSERT(f->advert_at == b.advert_at);
		}
		break;
	default:
		ASSERT(0);
	}
}

static void configure(struct vrrp_fsm *f, const struct vrrp_fsm_config *cfg,
		      u64 now)
{
	struct vrrp_fsm b = *f;
	u32 act = vrrp_fsm_configure(f, cfg, now);

	check_act(f, &b, act, now);
	ASSERT(!memcmp(&f->cfg, cfg, sizeof(*cfg)));
	switch (b.state) {
	case VRRP_STATE_INIT:
	case VRRP_STATE_FAULT:
		ASSERT(!act && f->state == b.state);
		break;
	case VRRP_STATE_BACKUP:
		if (cfg->priority == 255 && b.cfg.priority != 255 && !b.held) {
			ASSERT(f->state == VRRP_STATE_ACTIVE);
			ASSERT(f->reason == VRRP_REASON_OWNER);
		} else {
			ASSERT(!act && f->state == VRRP_STATE_BACKUP);
			ASSERT(f->down_at == b.down_at);
		}
		break;
	case VRRP_STATE_ACTIVE:
		ASSERT(f->state == VRRP_STATE_ACTIVE);
		/* A lower priority is told at once (a better Backup wins). */
		ASSERT(act == (cfg->priority < b.cfg.priority ?
			       VRRP_ACT_SEND_ADVERT : 0));
		ASSERT(f->advert_at <= b.advert_at);
		break;
	default:
		ASSERT(0);
	}
}

/* Every timer due at @now fires, earliest first, as hrtimers do. */
static void fire_due(struct vrrp_fsm *f, u64 now)
{
	unsigned int i;

	for (i = 0; i < 4; i++) {
		if (f->down_at && f->down_at <= now)
			down_timer(f, now);
		else if (f->advert_at && vrrp_fsm_advert_timer_at(f) <= now)
			advert_timer(f, now);
		else
			return;
	}
	ASSERT(0);	/* a timer that keeps being due: an advert storm */
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	struct input in = { data, size };
	struct vrrp_fsm_config cfg;
	struct vrrp_fsm f;
	u64 now = SEC;	/* 0 means "stopped" to the deadlines */
	u32 step, count;
	u8 op;

	ev = 0;
	announced = false;
	pending = false;
	answered = false;
	config(&in, &cfg);
	vrrp_fsm_init(&f, &cfg);
	check_state(&f, now);
	while (in.n) {
		ev++;
		op = next(&in);
		switch (op % 8) {
		case 0:
			startup(&f, now);
			break;
		case 1:
			op = next(&in);
			switch (op % 4) {
			case 0:
				stop(&f, VRRP_STATE_INIT,
				     VRRP_REASON_LINK_DOWN, now);
				break;
			case 1:
				stop(&f, VRRP_STATE_INIT,
				     VRRP_REASON_SHUTDOWN, now);
				break;
			case 2:
				stop(&f, VRRP_STATE_FAULT, op & 4 ?
				     VRRP_REASON_TRACK :
				     VRRP_REASON_TRACK_DEV, now);
				break;
			default:
				/* What a sync group does and decides. */
				group(&f, op >> 2, now);
				break;
			}
			break;
		case 2: {
			u8 prio = next(&in);
			u16 iv = interval(&in);

			rx(&f, prio, iv, (int)(next(&in) % 3) - 1, now);
			break;
		}
		case 3:
			step = (u32)next(&in) << 24 | (u32)next(&in) << 16 |
			       (u32)next(&in) << 8 | next(&in);
			/*
			 * Any instant up to 100 s on, and round numbers of
			 * the units the RFC counts in, so that exact
			 * boundaries (a second, an interval) are easy to hit.
			 */
			count = step & 0x3fffffff;
			switch (step >> 30) {
			case 0:
				now += count % SEC;
				break;
			case 1:
				now += (u64)(count % 100000) * 1000000;
				break;
			case 2:
				now += (u64)(count % 10000) * CS;
				break;
			default:
				now += (u64)(count % 100) * SEC;
				break;
			}
			fire_due(&f, now);
			break;
		case 4: {
			u8 late = next(&in);
			u64 at = f.down_at ? f.down_at :
						 vrrp_fsm_advert_timer_at(&f);

			/* An hrtimer runs late by whole intervals, or nearly. */
			if (!at)
				break;
			at += (late & 3) * f.cfg.interval_cs * CS;
			switch ((late >> 2) % 3) {
			case 1:
				at++;
				break;
			case 2:
				at--;	/* early: nothing fires yet */
				break;
			}
			now = at > now ? at : now;
			fire_due(&f, now);
			break;
		}
		case 5:
			config(&in, &cfg);
			configure(&f, &cfg, now);
			break;
		case 6:
			advert_timer(&f, now);
			down_timer(&f, now);
			break;
		case 7:
			rx(&f, 255, f.cfg.interval_cs,
			   (int)(next(&in) % 3) - 1, now);
			break;
		}
		check_state(&f, now);
	}
	return 0;
}
