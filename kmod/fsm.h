/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_FSM_H
#define _VRRP_FSM_H

#include "core.h"
#include "../include/uapi/linux/vrrp.h"

#define VRRP_NSEC_PER_CS	10000000ULL

/*
 * What the glue must do after an event, in this order. The state machine
 * itself only moves between states and sets deadlines: it touches nothing.
 */
#define VRRP_ACT_STATE		(1u << 0) /* state changed: old_state, reason */
#define VRRP_ACT_SEND_ADVERT	(1u << 1) /* an advert with our priority */
#define VRRP_ACT_SEND_PRIO0	(1u << 2) /* an advert with priority 0 */
#define VRRP_ACT_VIPS_UP	(1u << 3) /* take the VIPs and announce them */
#define VRRP_ACT_VIPS_DOWN	(1u << 4) /* give the VIPs up */
#define VRRP_ACT_ANNOUNCE	(1u << 5) /* announce the VIPs again */
#define VRRP_ACT_OWNER_CONFLICT	(1u << 6) /* another router claims 255 */
#define VRRP_ACT_FOLLOW		(1u << 7) /* the sender is the master now */

struct vrrp_fsm_config {
	u8 version;		/* 2: RFC 3768's differences (see fsm.c) */
	u8 priority;		/* 1..255, 255: address owner */
	bool preempt;
	u16 interval_cs;	/* Advertisement_Interval */
	u64 preempt_delay_ns;
};

/* The parts of a valid advert the state machine decides on. */
struct vrrp_fsm_advert {
	u8 priority;
	u16 interval_cs;
	int addr_cmp;		/* sender's primary address vs ours, unsigned */
};

struct vrrp_fsm {
	struct vrrp_fsm_config cfg;
	enum vrrp_state state;
	enum vrrp_state old_state;
	enum vrrp_reason reason;	/* of the last state change */
	u16 active_interval_cs;		/* Active_Adver_Interval */
	u64 advert_at;			/* Adver_Timer deadline, 0: stopped */
	u64 down_at;			/* Active_Down_Timer deadline, 0: stopped */
	enum vrrp_reason down_reason;	/* what the down timer firing means */
	u64 preempt_after;		/* no preempting before this */
	u64 announce_after;		/* rate limit of VRRP_ACT_ANNOUNCE */
	bool announce_pending;		/* one was asked for inside the limit */
	u64 answer_after;		/* rate limit of answers to adverts */
	/*
	 * Sync groups. @following: a Backup that heeds a master's adverts,
	 * and so would not become active by itself. @held: set by the glue
	 * before each event: another member of the instance's group cannot
	 * be active, so neither may this one (its down timer starts again).
	 */
	bool following;
	bool held;
	/* How late a timer acted against its deadline, for the counters. */
	u64 advert_late_ns;		/* the last timed advert */
	u64 down_late_ns;		/* the last takeover by the down timer */
};

u64 vrrp_fsm_skew_ns(u8 version, u8 priority, u16 interval_cs);
u64 vrrp_fsm_down_interval_ns(u8 version, u8 priority, u16 interval_cs);

void vrrp_fsm_init(struct vrrp_fsm *fsm, const struct vrrp_fsm_config *cfg);
u32 vrrp_fsm_startup(struct vrrp_fsm *fsm, u64 now);
u32 vrrp_fsm_stop(struct vrrp_fsm *fsm, enum vrrp_state to,
		  enum vrrp_reason why, u64 now);
u32 vrrp_fsm_shutdown(struct vrrp_fsm *fsm, enum vrrp_reason why, u64 now);
u64 vrrp_fsm_advert_timer_at(const struct vrrp_fsm *fsm);
u32 vrrp_fsm_advert_timer(struct vrrp_fsm *fsm, u64 now);
u32 vrrp_fsm_down_timer(struct vrrp_fsm *fsm, u64 now);
u32 vrrp_fsm_rx(struct vrrp_fsm *fsm, const struct vrrp_fsm_advert *adv,
		u64 now);
u32 vrrp_fsm_configure(struct vrrp_fsm *fsm,
		       const struct vrrp_fsm_config *cfg, u64 now);
u32 vrrp_fsm_group_activate(struct vrrp_fsm *fsm, u64 now);
u32 vrrp_fsm_group_yield(struct vrrp_fsm *fsm, u64 now);

#endif /* _VRRP_FSM_H */
