// SPDX-License-Identifier: GPL-2.0
/*
 * The two timers of RFC 9568 6.2, and nothing else:
 *
 * - advert timer: an active router sends its next advertisement;
 * - down timer: a backup has not heard from the master for
 *   Active_Down_Interval (or Skew_Time after a priority 0) and takes over.
 *
 * Both run on absolute CLOCK_MONOTONIC deadlines that the state machine
 * computes, so the advert cadence does not drift.
 *
 * They are hard hrtimers, because keeping time while userspace hogs the
 * CPUs is the point of doing VRRP in the kernel. A soft hrtimer expires in
 * the timer softirq, and once ksoftirqd is runnable the kernel leaves that
 * softirq to it: a SCHED_OTHER thread, which a runaway realtime task
 * starves for all but the 5% that RT throttling leaves. Measured with soft
 * hrtimers and such a task on each vCPU: expiries in ksoftirqd, gaps of
 * about 950 ms between 10 ms adverts, the backup taking over.
 *
 * A hard hrtimer expires in the timer interrupt, but a packet cannot be
 * sent from there, so the expiry only hands the instance on:
 *
 * - to a tasklet: HI and TASKLET softirqs are the ones the kernel runs as
 *   the interrupt returns even while ksoftirqd is runnable, so the advert
 *   leaves at once whatever runs on the CPU. The advert timer uses a HI
 *   tasklet, first in line. The down timer uses an ordinary one, which
 *   runs after the receive softirq of the same pass: adverts this CPU
 *   received but had not processed yet (a starved receive path) reach the
 *   state machine before it decides that the master is gone.
 *
 * - on PREEMPT_RT, where softirqs are threads, to a kthread worker at
 *   SCHED_FIFO 50 (sched_set_fifo(): the priority of threaded interrupt
 *   handlers, the NIC's among them). Realtime tasks below it cannot delay
 *   adverts; one at or above it would starve the NIC's interrupt thread
 *   too, and the administrator may raise ours with chrt. At equal priority
 *   FIFO order lets an interrupt thread already runnable with the master's
 *   advert go before our down timer.
 */

#include <linux/sched.h>

#include "instance.h"
#include "timers.h"

/* PREEMPT_RT: the thread every expiry is handled in. */
static struct kthread_worker *expiry_worker;

/* From the hard interrupt: hand on, nothing else. */
static void hand_on(struct vrrp_timer *t, bool urgent)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		kthread_queue_work(expiry_worker, &t->work);
	else if (urgent)
		tasklet_hi_schedule(&t->tasklet);
	else
		tasklet_schedule(&t->tasklet);
}

static enum hrtimer_restart advert_due(struct hrtimer *hrtimer)
{
	struct vrrp_instance *inst = container_of(hrtimer, struct vrrp_instance,
						  advert_timer.hrtimer);
	s64 late = ktime_us_delta(hrtimer_cb_get_time(hrtimer),
				  hrtimer_get_expires(hrtimer));

	/*
	 * How late the interrupt itself came: a handler cannot make that up,
	 * and `vrrpadm stats` shows it beside the advert's whole lateness so
	 * that a user can tell a starved kernel from a starved (virtual) CPU.
	 */
	WRITE_ONCE(inst->advert_irq_late_us, clamp_t(s64, late, 0, U32_MAX));
	hand_on(&inst->advert_timer, true);
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart down_due(struct hrtimer *hrtimer)
{
	struct vrrp_instance *inst = container_of(hrtimer, struct vrrp_instance,
						  down_timer.hrtimer);

	hand_on(&inst->down_timer, false);
	return HRTIMER_NORESTART;
}

static void advert_tasklet(struct tasklet_struct *tasklet)
{
	struct vrrp_instance *inst = from_tasklet(inst, tasklet,
						  advert_timer.tasklet);

	vrrp_instance_advert_timer(inst);
}

static void down_tasklet(struct tasklet_struct *tasklet)
{
	struct vrrp_instance *inst = from_tasklet(inst, tasklet,
						  down_timer.tasklet);

	vrrp_instance_down_timer(inst);
}

static void advert_work(struct kthread_work *work)
{
	vrrp_instance_advert_timer(container_of(work, struct vrrp_instance,
						advert_timer.work));
}

static void down_work(struct kthread_work *work)
{
	vrrp_instance_down_timer(container_of(work, struct vrrp_instance,
					      down_timer.work));
}

static void timer_init(struct vrrp_timer *t,
		       enum hrtimer_restart (*due)(struct hrtimer *),
		       void (*tasklet_fn)(struct tasklet_struct *),
		       kthread_work_func_t work_fn)
{
	hrtimer_init(&t->hrtimer, CLOCK_MONOTONIC, HRTIMER_MODE_ABS_HARD);
	t->hrtimer.function = due;
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		kthread_init_work(&t->work, work_fn);
	else
		tasklet_setup(&t->tasklet, tasklet_fn);
}

void vrrp_timers_init(struct vrrp_instance *inst)
{
	timer_init(&inst->advert_timer, advert_due, advert_tasklet,
		   advert_work);
	timer_init(&inst->down_timer, down_due, down_tasklet, down_work);
}

/*
 * With the instance lock held. An expiry already on its way cannot be
 * waited for here; its handler takes the lock after us and finds nothing
 * due.
 */
static void program(struct vrrp_timer *t, u64 deadline, bool dead)
{
	if (!deadline || dead) {
		hrtimer_try_to_cancel(&t->hrtimer);
		return;
	}
	if (hrtimer_is_queued(&t->hrtimer) &&
	    ktime_to_ns(hrtimer_get_expires(&t->hrtimer)) == deadline)
		return;
	hrtimer_start(&t->hrtimer, ns_to_ktime(deadline),
		      HRTIMER_MODE_ABS_HARD);
}

/* Makes the hrtimers match the state machine's deadlines. */
void vrrp_timers_sync(struct vrrp_instance *inst)
{
	lockdep_assert_held(&inst->lock);
	program(&inst->advert_timer, vrrp_fsm_advert_timer_at(&inst->fsm),
		inst->dead);
	program(&inst->down_timer, inst->fsm.down_at, inst->dead);
}

static void timer_stop(struct vrrp_timer *t)
{
	hrtimer_cancel(&t->hrtimer);
	/* The hrtimer was the only one to queue it. */
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
		kthread_cancel_work_sync(&t->work);
	else
		tasklet_kill(&t->tasklet);
}

/*
 * In process context, after the instance is dead: nothing can re-arm the
 * timers any more, and no expiry is left running when this returns.
 */
void vrrp_timers_stop(struct vrrp_instance *inst)
{
	timer_stop(&inst->advert_timer);
	timer_stop(&inst->down_timer);
}

int vrrp_timers_register(void)
{
	struct kthread_worker *worker;

	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
		return 0;
	worker = kthread_create_worker(0, "vrrp");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	sched_set_fifo(worker->task);
	expiry_worker = worker;
	return 0;
}

/* Once every instance's timers are stopped. */
void vrrp_timers_unregister(void)
{
	if (expiry_worker)
		kthread_destroy_worker(expiry_worker);
	expiry_worker = NULL;
}
