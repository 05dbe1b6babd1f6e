// SPDX-License-Identifier: GPL-2.0
/*
 * Gratuitous ARP (IPv4) or unsolicited Neighbor Advertisements (IPv6) for
 * an active router's VIPs (RFC 9568 6.4.2), on keepalived's schedule:
 *
 * - first set: garp_count ARPs per VIP, garp_interval apart, once the VIPs
 *   are on the interface (never before: a client that answers at once must
 *   find the address);
 * - second set: garp_count more, garp_delay after the first (keepalived's
 *   garp_master_delay), for switches and clients that missed the first;
 * - refresh: one per VIP every garp_refresh while active (keepalived's
 *   garp_master_refresh).
 *
 * Everything runs from the workqueue, one round (one ARP per VIP) per run:
 * a set can be 100 rounds of 255 VIPs, which has no place in a timer or
 * the receive softirq.
 */

#include "announce.h"
#include "instance.h"
#include "tx.h"

enum {
	GARP_FIRST,
	GARP_SECOND,
	GARP_REFRESH,
};

/* Under the lock, after a round: the delay before the next, 0 if none. */
static unsigned long next_round(struct vrrp_instance *inst)
{
	const struct vrrp_config *cfg = &inst->cfg;

	if (--inst->garp_left)
		return msecs_to_jiffies(cfg->garp_interval_ms) ?: 1;
	if (inst->garp_set == GARP_FIRST && cfg->garp_delay_ms) {
		inst->garp_set = GARP_SECOND;
		inst->garp_left = cfg->garp_count;
		return msecs_to_jiffies(cfg->garp_delay_ms);
	}
	if (cfg->garp_refresh_ms) {
		inst->garp_set = GARP_REFRESH;
		inst->garp_left = 1;
		return msecs_to_jiffies(cfg->garp_refresh_ms);
	}
	return 0;
}

static bool due(struct vrrp_instance *inst)
{
	return !inst->dead && inst->garp_left &&
	       inst->fsm.state == VRRP_STATE_ACTIVE;
}

static void garp_work_fn(struct work_struct *work)
{
	struct vrrp_instance *inst = container_of(to_delayed_work(work),
						  struct vrrp_instance,
						  garp_work);
	unsigned long delay;
	unsigned int sent;
	u32 gen;

	spin_lock_bh(&inst->lock);
	gen = inst->garp_gen;
	if (!due(inst)) {
		spin_unlock_bh(&inst->lock);
		return;
	}
	spin_unlock_bh(&inst->lock);

	sent = vrrp_tx_announce(inst);
	atomic64_add(sent, &inst->stats[VRRP_STAT_GARP_TX]);

	spin_lock_bh(&inst->lock);
	/* A new announcement in the meantime has rescheduled us already. */
	if (gen == inst->garp_gen && due(inst)) {
		delay = next_round(inst);
		if (inst->garp_left)
			mod_delayed_work(vrrp_wq, &inst->garp_work, delay);
	}
	spin_unlock_bh(&inst->lock);
}

void vrrp_announce_init(struct vrrp_instance *inst)
{
	INIT_DELAYED_WORK(&inst->garp_work, garp_work_fn);
}

/* Under the lock, once the VIPs are on the interface: a first set. */
void vrrp_announce_start(struct vrrp_instance *inst)
{
	lockdep_assert_held(&inst->lock);
	inst->garp_gen++;
	inst->garp_set = GARP_FIRST;
	inst->garp_left = inst->cfg.garp_count;
	mod_delayed_work(vrrp_wq, &inst->garp_work, 0);
}

/* Under the lock, when the VIPs go: whatever was due is not any more. */
void vrrp_announce_stop(struct vrrp_instance *inst)
{
	lockdep_assert_held(&inst->lock);
	inst->garp_gen++;
	inst->garp_left = 0;
	inst->announce = false;
}
