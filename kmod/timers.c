// SPDX-License-Identifier: GPL-2.0
/*
 * The two timers of RFC 9568 6.2, and nothing else:
 *
 * - advert timer: an active router sends its next advertisement;
 * - down timer: a backup has not heard from the master for
 *   Active_Down_Interval (or Skew_Time after a priority 0) and takes over.
 *
 * Both are soft hrtimers on CLOCK_MONOTONIC with absolute deadlines that
 * the state machine computes; softirq context lets the expiry send packets
 * directly, and absolute deadlines keep the advert cadence exact.
 */

#include "instance.h"
#include "timers.h"

static enum hrtimer_restart advert_timer_expired(struct hrtimer *timer)
{
	vrrp_instance_advert_timer(container_of(timer, struct vrrp_instance,
						advert_timer));
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart down_timer_expired(struct hrtimer *timer)
{
	vrrp_instance_down_timer(container_of(timer, struct vrrp_instance,
					      down_timer));
	return HRTIMER_NORESTART;
}

void vrrp_timers_init(struct vrrp_instance *inst)
{
	hrtimer_init(&inst->advert_timer, CLOCK_MONOTONIC,
		     HRTIMER_MODE_ABS_SOFT);
	inst->advert_timer.function = advert_timer_expired;
	hrtimer_init(&inst->down_timer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_SOFT);
	inst->down_timer.function = down_timer_expired;
}

/*
 * With the instance lock held. A callback already running cannot be waited
 * for here; it takes the lock after us and finds nothing due.
 */
static void program(struct hrtimer *timer, u64 deadline, bool dead)
{
	if (!deadline || dead) {
		hrtimer_try_to_cancel(timer);
		return;
	}
	if (hrtimer_is_queued(timer) &&
	    ktime_to_ns(hrtimer_get_expires(timer)) == deadline)
		return;
	hrtimer_start(timer, ns_to_ktime(deadline), HRTIMER_MODE_ABS_SOFT);
}

/* Makes the hrtimers match the state machine's deadlines. */
void vrrp_timers_sync(struct vrrp_instance *inst)
{
	lockdep_assert_held(&inst->lock);
	program(&inst->advert_timer, vrrp_fsm_advert_timer_at(&inst->fsm),
		inst->dead);
	program(&inst->down_timer, inst->fsm.down_at, inst->dead);
}

/* After the instance is dead: nothing can re-arm them any more. */
void vrrp_timers_stop(struct vrrp_instance *inst)
{
	hrtimer_cancel(&inst->advert_timer);
	hrtimer_cancel(&inst->down_timer);
}
