// SPDX-License-Identifier: GPL-2.0
/*
 * The RFC 9568 6.4 state machine: Initialize, Backup, Active. Every entry
 * point takes the time in nanoseconds and returns VRRP_ACT_* flags; timers
 * are deadlines in struct vrrp_fsm that the glue programs into hrtimers.
 * No clock, lock or packet is seen here, so unit tests drive it with a fake
 * clock and get the same behaviour as the module.
 *
 * VRRPv2 (RFC 3768 6) differs in two places: Skew_Time is (256 -
 * Priority) / 256 of a second whatever the interval, and an Active
 * router discards a lower-priority advert instead of answering it. (Its
 * third difference, no interval learning, is the receive path's: an
 * advert with an interval other than ours never gets here.)
 */

#include "fsm.h"

#define NSEC_PER_SEC_U64	1000000000ULL

/*
 * RFC 9568 6.1: Skew_Time = ((256 - Priority) * Active_Adver_Interval) / 256.
 * RFC 3768 6.1: VRRPv2's is (256 - Priority) / 256 of a second, whatever
 * the interval.
 */
u64 vrrp_fsm_skew_ns(u8 version, u8 priority, u16 interval_cs)
{
	if (version == 2)
		interval_cs = 100;
	return (256 - priority) * interval_cs * VRRP_NSEC_PER_CS / 256;
}

/* RFC 9568 6.1: Active_Down_Interval = 3 * Active_Adver_Interval + Skew_Time */
u64 vrrp_fsm_down_interval_ns(u8 version, u8 priority, u16 interval_cs)
{
	return 3 * interval_cs * VRRP_NSEC_PER_CS +
	       vrrp_fsm_skew_ns(version, priority, interval_cs);
}

static u64 advert_interval_ns(const struct vrrp_fsm *fsm)
{
	return fsm->cfg.interval_cs * VRRP_NSEC_PER_CS;
}

static u32 change_state(struct vrrp_fsm *fsm, enum vrrp_state state,
			enum vrrp_reason reason)
{
	fsm->old_state = fsm->state;
	fsm->state = state;
	fsm->reason = reason;
	return VRRP_ACT_STATE;
}

static void arm_down_timer(struct vrrp_fsm *fsm, u64 now)
{
	fsm->down_at = now + vrrp_fsm_down_interval_ns(fsm->cfg.version,
						       fsm->cfg.priority,
						       fsm->active_interval_cs);
	fsm->down_reason = VRRP_REASON_DOWN_TIMER;
}

/*
 * Split brain heals for clients only if the winner re-announces its VIPs,
 * whichever side hears the other first. Once a second is plenty, but a
 * request inside that second is deferred, not dropped: a second split
 * brain that heals soon after the first must win the clients back too.
 */
static u32 announce(struct vrrp_fsm *fsm, u64 now)
{
	if (now < fsm->announce_after) {
		fsm->announce_pending = true;
		return 0;
	}
	fsm->announce_pending = false;
	fsm->announce_after = now + NSEC_PER_SEC_U64;
	return VRRP_ACT_ANNOUNCE;
}

/*
 * RFC 9568 6.4.3 answers a lower-priority or priority 0 advert at once.
 * One answer per Advertisement_Interval is enough for the sender to hear
 * us (our own cadence covers the rest), and keeps a flood of such adverts
 * from turning into a flood of ours.
 */
static bool may_answer(struct vrrp_fsm *fsm, u64 now)
{
	if (now < fsm->answer_after)
		return false;
	fsm->answer_after = now + advert_interval_ns(fsm);
	return true;
}

static void leave_active(struct vrrp_fsm *fsm)
{
	fsm->advert_at = 0;
	fsm->announce_pending = false;
}

/* RFC 9568 6.4.1 / 6.4.2: the down timer fired, or we own the addresses. */
static u32 become_active(struct vrrp_fsm *fsm, enum vrrp_reason reason,
			 u64 now)
{
	fsm->down_at = 0;
	fsm->advert_at = now + advert_interval_ns(fsm);
	return change_state(fsm, VRRP_STATE_ACTIVE, reason) |
	       VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_UP;
}

/* RFC 9568 6.4.3: a better router is active; it sets the pace from now on. */
static u32 become_backup(struct vrrp_fsm *fsm, const struct vrrp_fsm_advert *adv,
			 u64 now)
{
	leave_active(fsm);
	fsm->active_interval_cs = adv->interval_cs;
	arm_down_timer(fsm, now);
	fsm->following = true;
	/*
	 * One last advert of ours lets the winner hear that we were active
	 * too, so it re-announces the VIPs to clients that followed us.
	 */
	return change_state(fsm, VRRP_STATE_BACKUP, VRRP_REASON_PREEMPTED) |
	       VRRP_ACT_SEND_ADVERT | VRRP_ACT_VIPS_DOWN | VRRP_ACT_FOLLOW;
}

void vrrp_fsm_init(struct vrrp_fsm *fsm, const struct vrrp_fsm_config *cfg)
{
	memset(fsm, 0, sizeof(*fsm));
	fsm->cfg = *cfg;
	fsm->state = VRRP_STATE_INIT;
	fsm->old_state = VRRP_STATE_INIT;
	fsm->active_interval_cs = cfg->interval_cs;
}

/*
 * RFC 9568 6.4.1: Startup event, from Initialize or fault. Out of fault,
 * the reason stays the fault's (track, track-dev): what let it out.
 */
u32 vrrp_fsm_startup(struct vrrp_fsm *fsm, u64 now)
{
	enum vrrp_reason why = VRRP_REASON_STARTUP;

	if (fsm->state == VRRP_STATE_FAULT)
		why = fsm->reason;
	else if (fsm->state != VRRP_STATE_INIT)
		return 0;
	if (fsm->cfg.priority == VRRP_PRIORITY_OWNER && !fsm->held)
		return become_active(fsm, VRRP_REASON_OWNER, now);

	fsm->following = false;
	fsm->active_interval_cs = fsm->cfg.interval_cs;
	fsm->preempt_after = now + fsm->cfg.preempt_delay_ns;
	arm_down_timer(fsm, now);
	return change_state(fsm, VRRP_STATE_BACKUP, why);
}

/*
 * RFC 9568 6.4.2 / 6.4.3: Shutdown event, into Initialize or (a tracked
 * object or interface down) fault, which differs only in name. An active
 * router says goodbye with priority 0 unless it cannot send
 * (VRRP_REASON_LINK_DOWN).
 */
u32 vrrp_fsm_stop(struct vrrp_fsm *fsm, enum vrrp_state to,
		  enum vrrp_reason why, u64 now)
{
	u32 act = 0;

	(void)now;
	if (fsm->state == to)
		return 0;
	if (fsm->state == VRRP_STATE_ACTIVE) {
		act |= VRRP_ACT_VIPS_DOWN;
		if (why != VRRP_REASON_LINK_DOWN)
			act |= VRRP_ACT_SEND_PRIO0;
	}
	leave_active(fsm);
	fsm->down_at = 0;
	return act | change_state(fsm, to, why);
}

u32 vrrp_fsm_shutdown(struct vrrp_fsm *fsm, enum vrrp_reason why, u64 now)
{
	return vrrp_fsm_stop(fsm, VRRP_STATE_INIT, why, now);
}

/*
 * When the advert timer must fire: Adver_Timer's deadline, or earlier when
 * a deferred announcement becomes due first.
 */
u64 vrrp_fsm_advert_timer_at(const struct vrrp_fsm *fsm)
{
	if (fsm->announce_pending && fsm->advert_at &&
	    fsm->announce_after < fsm->advert_at)
		return fsm->announce_after;
	return fsm->advert_at;
}

/* RFC 9568 6.4.3: Adver_Timer fired (or a deferred announcement is due). */
u32 vrrp_fsm_advert_timer(struct vrrp_fsm *fsm, u64 now)
{
	u32 act = 0;

	if (fsm->state != VRRP_STATE_ACTIVE || !fsm->advert_at)
		return 0;
	if (fsm->announce_pending && now >= fsm->announce_after)
		act |= announce(fsm, now);
	if (now < fsm->advert_at)
		return act;
	fsm->advert_late_ns = now - fsm->advert_at;
	/* Keep the cadence exact: the next deadline follows the last one. */
	fsm->advert_at += advert_interval_ns(fsm);
	if (fsm->advert_at <= now)
		fsm->advert_at = now + advert_interval_ns(fsm);
	return act | VRRP_ACT_SEND_ADVERT;
}

/* RFC 9568 6.4.2: Active_Down_Timer fired. */
u32 vrrp_fsm_down_timer(struct vrrp_fsm *fsm, u64 now)
{
	if (fsm->state != VRRP_STATE_BACKUP || !fsm->down_at ||
	    now < fsm->down_at)
		return 0;
	/* Nobody to follow; the group says not yet: look again later. */
	fsm->following = false;
	if (fsm->held) {
		arm_down_timer(fsm, now);
		return 0;
	}
	fsm->down_late_ns = now - fsm->down_at;
	return become_active(fsm, fsm->down_reason, now);
}

static u32 backup_rx(struct vrrp_fsm *fsm, const struct vrrp_fsm_advert *adv,
		     u64 now)
{
	bool may_preempt = fsm->cfg.preempt && now >= fsm->preempt_after;

	if (adv->priority == 0) {
		fsm->down_at = now + vrrp_fsm_skew_ns(fsm->cfg.version,
						      fsm->cfg.priority,
						      fsm->active_interval_cs);
		fsm->down_reason = VRRP_REASON_PRIORITY_ZERO;
		fsm->following = false;
		return 0;
	}
	/*
	 * A lower-priority master is ignored, so the down timer preempts it;
	 * an equal one is kept (no address tie-break between a backup and a
	 * master).
	 */
	if (may_preempt && adv->priority < fsm->cfg.priority) {
		fsm->following = false;
		return 0;
	}
	fsm->active_interval_cs = adv->interval_cs;
	arm_down_timer(fsm, now);
	fsm->following = true;
	return VRRP_ACT_FOLLOW;
}

static bool sender_wins(const struct vrrp_fsm *fsm,
			const struct vrrp_fsm_advert *adv)
{
	return adv->priority > fsm->cfg.priority ||
	       (adv->priority == fsm->cfg.priority && adv->addr_cmp > 0);
}

static u32 active_rx(struct vrrp_fsm *fsm, const struct vrrp_fsm_advert *adv,
		     u64 now)
{
	u32 act = 0;

	if (adv->priority == VRRP_PRIORITY_OWNER &&
	    fsm->cfg.priority == VRRP_PRIORITY_OWNER)
		act |= VRRP_ACT_OWNER_CONFLICT;

	if (adv->priority && sender_wins(fsm, adv))
		return act | become_backup(fsm, adv, now);
	act |= announce(fsm, now);
	/* RFC 3768 6.4.3: VRRPv2 discards it, RFC 9568 6.4.3 answers. */
	if (adv->priority && fsm->cfg.version == 2)
		return act;
	if (!may_answer(fsm, now))
		return act;
	/*
	 * RFC 9568 6.4.3: priority 0: answer at once and restart the
	 * cadence. A lower-priority router thinks it is active: answer at
	 * once so it yields, and win its clients back; the cadence of our
	 * own adverts is left alone.
	 */
	if (!adv->priority)
		fsm->advert_at = now + advert_interval_ns(fsm);
	return act | VRRP_ACT_SEND_ADVERT;
}

/* A valid advertisement arrived (every receive check has passed). */
u32 vrrp_fsm_rx(struct vrrp_fsm *fsm, const struct vrrp_fsm_advert *adv,
		u64 now)
{
	switch (fsm->state) {
	case VRRP_STATE_BACKUP:
		return backup_rx(fsm, adv, now);
	case VRRP_STATE_ACTIVE:
		return active_rx(fsm, adv, now);
	default:
		return 0;
	}
}

/*
 * New settings take effect from the next event; an active router that
 * lowered its priority tells the others at once, so a better backup can
 * preempt it now rather than after its next advert.
 */
u32 vrrp_fsm_configure(struct vrrp_fsm *fsm,
		       const struct vrrp_fsm_config *cfg, u64 now)
{
	bool lowered = cfg->priority < fsm->cfg.priority;
	bool now_owner = cfg->priority == VRRP_PRIORITY_OWNER &&
			 fsm->cfg.priority != VRRP_PRIORITY_OWNER;
	u32 act = 0;

	if (cfg->preempt_delay_ns != fsm->cfg.preempt_delay_ns &&
	    fsm->state == VRRP_STATE_BACKUP)
		fsm->preempt_after = now + cfg->preempt_delay_ns;
	fsm->cfg = *cfg;

	switch (fsm->state) {
	case VRRP_STATE_ACTIVE:
		if (lowered)
			act |= VRRP_ACT_SEND_ADVERT;
		if (fsm->advert_at > now + advert_interval_ns(fsm))
			fsm->advert_at = now + advert_interval_ns(fsm);
		break;
	case VRRP_STATE_BACKUP:
		/* An owner does not wait for anyone (RFC 9568 6.4.1). */
		if (now_owner && !fsm->held)
			act |= become_active(fsm, VRRP_REASON_OWNER, now);
		break;
	default:
		break;
	}
	return act;
}

/*
 * Sync groups: another member became active, so this Backup follows it,
 * whatever its own timers say. The caller has checked that every member
 * could be active.
 */
u32 vrrp_fsm_group_activate(struct vrrp_fsm *fsm, u64 now)
{
	if (fsm->state != VRRP_STATE_BACKUP)
		return 0;
	return become_active(fsm, VRRP_REASON_GROUP, now);
}

/*
 * Sync groups: another member left Active, so this one does too. Priority
 * 0 makes the other router's backup take over after Skew_Time rather than
 * the whole down interval; this one stays Backup while its group is held.
 */
u32 vrrp_fsm_group_yield(struct vrrp_fsm *fsm, u64 now)
{
	if (fsm->state != VRRP_STATE_ACTIVE)
		return 0;
	leave_active(fsm);
	fsm->active_interval_cs = fsm->cfg.interval_cs;
	arm_down_timer(fsm, now);
	fsm->following = false;
	return change_state(fsm, VRRP_STATE_BACKUP, VRRP_REASON_GROUP) |
	       VRRP_ACT_SEND_PRIO0 | VRRP_ACT_VIPS_DOWN;
}
