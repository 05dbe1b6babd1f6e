/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_TIMERS_H
#define _VRRP_TIMERS_H

#include <linux/hrtimer.h>
#include <linux/interrupt.h>
#include <linux/kthread.h>

struct vrrp_instance;

/*
 * A hard hrtimer and where its expiry is handled (see timers.c): a tasklet,
 * or a kthread work (always on PREEMPT_RT; elsewhere when the CPU is over
 * its budget). Each of the two timers has handlers of its own that find
 * the instance by the timer's place in it.
 */
struct vrrp_timer {
	struct hrtimer hrtimer;
	struct tasklet_struct tasklet;
	struct kthread_work work;
};

int vrrp_timers_register(void);
void vrrp_timers_unregister(void);
void vrrp_timers_init(struct vrrp_instance *inst);
void vrrp_timers_sync(struct vrrp_instance *inst);
void vrrp_timers_stop(struct vrrp_instance *inst);

#endif /* _VRRP_TIMERS_H */
