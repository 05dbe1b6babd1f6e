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
 *
 * Work done as an interrupt returns is work no scheduler can hold back, so
 * it needs a bound: more instances at shorter intervals than a CPU can
 * send for (4080 at 100 ms in the emulated test VM) once kept both vCPUs in
 * softirqs for over 20 s, RCU grace periods stalled and the guest ran out of
 * memory. So each CPU keeps a budget: once its expiry handlers have run for
 * a quarter of the current 10 ms window, further expiries in that window
 * go to the kthread worker instead, an ordinary SCHED_OTHER thread there
 * that the scheduler weighs against everything else. Adverts then leave
 * late, which the lateness counters show, and `timer_deferred` counts the
 * expiries handed over; the machine stays usable. A CPU that sends a few
 * thousand adverts a second spends well under a quarter on them.
 *
 * Only the tasklets' own time counts. The softirqs that run behind them
 * (packets the adverts sent through a veth, in a test topology) could be
 * counted too, through the CPU's interrupt time, but a flood of packets
 * would then send the adverts to the thread, where they would wait behind
 * the flood's own processing in ksoftirqd: a master must keep its cadence
 * under a flood, so that is not done.
 */

#include <linux/sched.h>

#include "instance.h"
#include "timers.h"

/* Every expiry on PREEMPT_RT; elsewhere those over a CPU's budget. */
static struct kthread_worker *expiry_worker;

#define BUDGET_WINDOW_NS	(10 * NSEC_PER_MSEC)
#define BUDGET_NS		(BUDGET_WINDOW_NS / 4)

/* A CPU's time in expiry tasklets since the start of its window. */
struct expiry_budget {
	u64 window_start;	/* local_clock(); written in hard irq only */
	u64 used_ns;
};

static DEFINE_PER_CPU(struct expiry_budget, expiry_budget);

/* In the hard interrupt: has this CPU spent its share of the window? */
static bool over_budget(void)
{
	struct expiry_budget *b = this_cpu_ptr(&expiry_budget);
	u64 now = local_clock();

	if (now - b->window_start >= BUDGET_WINDOW_NS) {
		b->window_start = now;
		this_cpu_write(expiry_budget.used_ns, 0);
		return false;
	}
	return this_cpu_read(expiry_budget.used_ns) >= BUDGET_NS;
}

/* A tasklet's running time, on the CPU it ran on. */
static void charge(u64 since)
{
	this_cpu_add(expiry_budget.used_ns, local_clock() - since);
}

/*
 * From the hard interrupt: hand on, nothing else. Returns false when the
 * expiry went to the thread for want of budget.
 */
static bool hand_on(struct vrrp_timer *t, bool urgent)
{
	if (IS_ENABLED(CONFIG_PREEMPT_RT)) {
		kthread_queue_work(expiry_worker, &t->work);
		return true;
	}
	if (over_budget()) {
		kthread_queue_work(expiry_worker, &t->work);
		return false;
	}
	if (urgent)
		tasklet_hi_schedule(&t->tasklet);
	else
		tasklet_schedule(&t->tasklet);
	return true;
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
	if (!hand_on(&inst->advert_timer, true))
		vrrp_count(inst, VRRP_STAT_TIMER_DEFERRED);
	return HRTIMER_NORESTART;
}

static enum hrtimer_restart down_due(struct hrtimer *hrtimer)
{
	struct vrrp_instance *inst = container_of(hrtimer, struct vrrp_instance,
						  down_timer.hrtimer);

	if (!hand_on(&inst->down_timer, false))
		vrrp_count(inst, VRRP_STAT_TIMER_DEFERRED);
	return HRTIMER_NORESTART;
}

static void advert_tasklet(struct tasklet_struct *tasklet)
{
	struct vrrp_instance *inst = from_tasklet(inst, tasklet,
						  advert_timer.tasklet);
	u64 start = local_clock();

	vrrp_instance_advert_timer(inst);
	charge(start);
}

static void down_tasklet(struct tasklet_struct *tasklet)
{
	struct vrrp_instance *inst = from_tasklet(inst, tasklet,
						  down_timer.tasklet);
	u64 start = local_clock();

	vrrp_instance_down_timer(inst);
	charge(start);
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
	kthread_init_work(&t->work, work_fn);
	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
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
	/* The hrtimer was the only one to queue them. */
	kthread_cancel_work_sync(&t->work);
	if (!IS_ENABLED(CONFIG_PREEMPT_RT))
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

	worker = kthread_create_worker(0, "vrrp");
	if (IS_ERR(worker))
		return PTR_ERR(worker);
	if (IS_ENABLED(CONFIG_PREEMPT_RT))
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
