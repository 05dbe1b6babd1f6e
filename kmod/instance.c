// SPDX-License-Identifier: GPL-2.0
/*
 * Instance lifecycle and the one place where protocol events meet the
 * kernel: every event takes the instance lock, asks the state machine what
 * to do, gathers the side effects, and carries them out after unlocking.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/inetdevice.h>
#include <linux/igmp.h>
#include <linux/slab.h>

#include "instance.h"
#include "netlink.h"
#include "rx.h"
#include "timers.h"
#include "tx.h"
#include "vip.h"

static const char * const state_names[] = {
	[VRRP_STATE_INIT] = "init",
	[VRRP_STATE_BACKUP] = "backup",
	[VRRP_STATE_ACTIVE] = "master",
};

static const char * const reason_names[] = {
	[VRRP_REASON_NONE] = "none",
	[VRRP_REASON_STARTUP] = "startup",
	[VRRP_REASON_OWNER] = "owner",
	[VRRP_REASON_DOWN_TIMER] = "down-timer",
	[VRRP_REASON_PRIORITY_ZERO] = "priority-zero",
	[VRRP_REASON_PREEMPTED] = "preempted",
	[VRRP_REASON_LINK_DOWN] = "link-down",
	[VRRP_REASON_SHUTDOWN] = "shutdown",
};

/* Sort order of dumps: interface, then family, then VRID. */
static u64 instance_key(int ifindex, u16 family, u8 vrid)
{
	return (u64)(u32)ifindex << 24 | (u64)(family & 0xffff) << 8 | vrid;
}

struct vrrp_instance *vrrp_instance_lookup_rcu(struct vrrp_net *vn,
					       int ifindex, u16 family,
					       u8 vrid)
{
	u64 key = instance_key(ifindex, family, vrid);
	struct vrrp_instance *inst;

	hash_for_each_possible_rcu(vn->table, inst, hnode, key)
		if (inst->key == key)
			return inst;
	return NULL;
}

static void fsm_config_from(struct vrrp_fsm_config *fc,
			    const struct vrrp_config *cfg)
{
	fc->priority = cfg->priority;
	fc->preempt = cfg->preempt;
	fc->interval_cs = cfg->interval_ms / 10;
	fc->preempt_delay_ns = (u64)cfg->preempt_delay_ms * NSEC_PER_MSEC;
}

static void effects_init(struct vrrp_effects *fx)
{
	memset(fx, 0, sizeof(*fx));
	__skb_queue_head_init(&fx->xmit);
}

static void queue_advert(struct vrrp_instance *inst, struct vrrp_effects *fx,
			 u8 priority)
{
	struct sk_buff *skb = vrrp_tx_advert(inst, priority);

	if (!skb)
		return;
	__skb_queue_tail(&fx->xmit, skb);
	vrrp_count(inst, priority ? VRRP_STAT_ADVERT_TX : VRRP_STAT_PRIO0_TX);
}

/* RFC 9568 6.4.2: announce every VIP; the rest of the bursts follow later. */
static void start_announcing(struct vrrp_instance *inst,
			     struct vrrp_effects *fx)
{
	u32 bursts = inst->cfg.garp_interval_ms ? 1 : inst->cfg.garp_count;

	while (bursts--)
		vrrp_tx_garp(inst, &fx->xmit);
	inst->garp_left = inst->cfg.garp_interval_ms ?
			  inst->cfg.garp_count - 1 : 0;
	if (inst->garp_left)
		mod_delayed_work(vrrp_wq, &inst->garp_work,
				 msecs_to_jiffies(inst->cfg.garp_interval_ms));
}

/*
 * Turns the state machine's answer into packets, timers and work; called
 * with the lock held, after every event.
 */
static void collect(struct vrrp_instance *inst, u32 act,
		    struct vrrp_effects *fx)
{
	struct vrrp_fsm *fsm = &inst->fsm;

	fx->act |= act;
	if (act & VRRP_ACT_STATE) {
		fx->old_state = fsm->old_state;
		fx->state = fsm->state;
		fx->reason = fsm->reason;
		if (fsm->state == VRRP_STATE_ACTIVE)
			vrrp_count(inst, VRRP_STAT_BECAME_ACTIVE);
		if (fsm->state != VRRP_STATE_BACKUP)
			inst->active_addr = fsm->state == VRRP_STATE_ACTIVE ?
					    vrrp_primary_addr4(inst->dev) : 0;
	}
	if (act & VRRP_ACT_SEND_PRIO0)
		queue_advert(inst, fx, 0);
	if (act & VRRP_ACT_SEND_ADVERT)
		queue_advert(inst, fx, inst->cfg.priority);
	if (act & VRRP_ACT_VIPS_DOWN) {
		inst->vips_wanted = false;
		inst->garp_left = 0;
		queue_work(vrrp_wq, &inst->vip_work);
	}
	if (act & VRRP_ACT_VIPS_UP) {
		inst->vips_wanted = true;
		queue_work(vrrp_wq, &inst->vip_work);
	}
	if (act & (VRRP_ACT_VIPS_UP | VRRP_ACT_ANNOUNCE))
		start_announcing(inst, fx);
	fx->priority = inst->cfg.priority;
	fx->active_addr = inst->active_addr;
	vrrp_timers_sync(inst);
}

static void report_state(struct vrrp_instance *inst,
			 const struct vrrp_effects *fx)
{
	pr_info("%s vrid %u inet: %s -> %s (%s)\n", netdev_name(inst->dev),
		inst->vrid, state_names[fx->old_state], state_names[fx->state],
		reason_names[fx->reason]);
	vrrp_netlink_notify_state(inst, fx);
}

/* Carries out what collect() gathered, without the lock. */
static void finish(struct vrrp_instance *inst, struct vrrp_effects *fx)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&fx->xmit)))
		vrrp_tx_send(skb);
	if (fx->act & VRRP_ACT_STATE)
		report_state(inst, fx);
	if (fx->act & VRRP_ACT_OWNER_CONFLICT)
		net_warn_ratelimited("%s vrid %u: another router claims priority 255 (address owner)\n",
				     netdev_name(inst->dev), inst->vrid);
}

/* Carrier and a primary IPv4 address: what sending adverts needs. */
static bool link_usable(struct net_device *dev)
{
	return netif_running(dev) && netif_carrier_ok(dev) &&
	       vrrp_primary_addr4(dev);
}

/* Interface or address events: Initialize while the link is unusable. */
void vrrp_instance_link_changed(struct vrrp_instance *inst)
{
	bool up = link_usable(inst->dev);
	struct vrrp_effects fx;
	u64 now = ktime_get_ns();
	u32 act = 0;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead && up != inst->link_up) {
		inst->link_up = up;
		act = up ? vrrp_fsm_startup(&inst->fsm, now) :
			   vrrp_fsm_shutdown(&inst->fsm, VRRP_REASON_LINK_DOWN,
					     now);
		collect(inst, act, &fx);
	}
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

void vrrp_instance_rx(struct vrrp_instance *inst,
		      const struct vrrp_fsm_advert *adv, __be32 saddr)
{
	struct vrrp_effects fx;
	u32 act;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (inst->dead) {
		spin_unlock_bh(&inst->lock);
		return;
	}
	act = vrrp_fsm_rx(&inst->fsm, adv, ktime_get_ns());
	if (act & VRRP_ACT_FOLLOW)
		inst->active_addr = saddr;
	collect(inst, act, &fx);
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

void vrrp_instance_advert_timer(struct vrrp_instance *inst)
{
	struct vrrp_effects fx;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead)
		collect(inst, vrrp_fsm_advert_timer(&inst->fsm, ktime_get_ns()),
			&fx);
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

void vrrp_instance_down_timer(struct vrrp_instance *inst)
{
	struct vrrp_effects fx;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead)
		collect(inst, vrrp_fsm_down_timer(&inst->fsm, ktime_get_ns()),
			&fx);
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

/* The spaced announcement bursts after the first (garp-interval). */
static void send_garp_burst(struct vrrp_instance *inst)
{
	struct sk_buff_head xmit;
	struct sk_buff *skb;

	__skb_queue_head_init(&xmit);
	spin_lock_bh(&inst->lock);
	if (!inst->dead && inst->garp_left &&
	    inst->fsm.state == VRRP_STATE_ACTIVE) {
		vrrp_tx_garp(inst, &xmit);
		if (--inst->garp_left)
			mod_delayed_work(vrrp_wq, &inst->garp_work,
					 msecs_to_jiffies(inst->cfg.garp_interval_ms));
	}
	spin_unlock_bh(&inst->lock);
	while ((skb = __skb_dequeue(&xmit)))
		vrrp_tx_send(skb);
}

static void vip_work_fn(struct work_struct *work)
{
	vrrp_vip_sync(container_of(work, struct vrrp_instance, vip_work));
}

static void garp_work_fn(struct work_struct *work)
{
	struct delayed_work *dw = to_delayed_work(work);

	send_garp_burst(container_of(dw, struct vrrp_instance, garp_work));
}

static void destroy_work_fn(struct work_struct *work)
{
	vrrp_instance_release(container_of(work, struct vrrp_instance,
					   destroy_work));
}

static void link_in(struct vrrp_instance *inst)
{
	struct vrrp_net *vn = inst->vn;
	struct vrrp_instance *pos;

	ASSERT_RTNL();
	hash_add_rcu(vn->table, &inst->hnode, inst->key);
	list_for_each_entry(pos, &vn->sorted, node)
		if (pos->key > inst->key)
			break;
	list_add_tail_rcu(&inst->node, &pos->node);
	vn->nr_instances++;
}

static int join_group(struct vrrp_instance *inst,
		      struct netlink_ext_ack *extack)
{
	struct in_device *in_dev = __in_dev_get_rtnl(inst->dev);

	if (!in_dev) {
		NL_SET_ERR_MSG(extack, "ifindex: the interface has IPv4 disabled");
		return -EADDRNOTAVAIL;
	}
	ip_mc_inc_group(in_dev, VRRP_GROUP4);
	inst->mc_joined = true;
	return 0;
}

static void leave_group(struct vrrp_instance *inst)
{
	struct in_device *in_dev = __in_dev_get_rtnl(inst->dev);

	if (inst->mc_joined && in_dev)
		__ip_mc_dec_group(in_dev, VRRP_GROUP4, GFP_KERNEL);
	inst->mc_joined = false;
}

/* Called under RTNL; takes ownership of @vips. */
struct vrrp_instance *vrrp_instance_create(struct vrrp_net *vn,
					   struct net_device *dev, u16 family,
					   u8 vrid,
					   const struct vrrp_config *cfg,
					   struct vrrp_vip_list *vips,
					   struct netlink_ext_ack *extack)
{
	struct vrrp_fsm_config fc;
	struct vrrp_instance *inst;
	int i, err;

	ASSERT_RTNL();
	inst = kzalloc(sizeof(*inst), GFP_KERNEL);
	if (!inst) {
		kfree(vips);
		return ERR_PTR(-ENOMEM);
	}
	inst->vn = vn;
	inst->dev = dev;
	inst->ifindex = dev->ifindex;
	inst->family = family;
	inst->vrid = vrid;
	inst->version = 3;
	inst->key = instance_key(dev->ifindex, family, vrid);
	inst->cfg = *cfg;
	inst->vips = vips;
	spin_lock_init(&inst->lock);
	mutex_init(&inst->vip_lock);
	INIT_WORK(&inst->vip_work, vip_work_fn);
	INIT_DELAYED_WORK(&inst->garp_work, garp_work_fn);
	INIT_WORK(&inst->destroy_work, destroy_work_fn);
	for (i = 0; i < __VRRP_STAT_MAX; i++)
		atomic64_set(&inst->stats[i], 0);
	fsm_config_from(&fc, cfg);
	vrrp_fsm_init(&inst->fsm, &fc);
	vrrp_timers_init(inst);

	err = join_group(inst, extack);
	if (err)
		goto err_free;
	if (!vn->nr_instances) {
		err = vrrp_rx_register(vn);
		if (err) {
			NL_SET_ERR_MSG(extack, "could not register the receive hook");
			goto err_leave;
		}
	}
	netdev_hold(dev, &inst->dev_tracker, GFP_KERNEL);
	link_in(inst);
	vrrp_instance_link_changed(inst);
	return inst;

err_leave:
	leave_group(inst);
err_free:
	kfree(inst->vips);
	kfree(inst);
	return ERR_PTR(err);
}

/* Called under RTNL; takes ownership of @vips (NULL: keep the list). */
void vrrp_instance_configure(struct vrrp_instance *inst,
			     const struct vrrp_config *cfg,
			     struct vrrp_vip_list *vips)
{
	struct vrrp_vip_list *old = NULL;
	struct vrrp_fsm_config fc;
	struct vrrp_effects fx;
	u32 act;

	effects_init(&fx);
	fsm_config_from(&fc, cfg);
	spin_lock_bh(&inst->lock);
	inst->cfg = *cfg;
	if (vips) {
		old = inst->vips;
		inst->vips = vips;
	}
	act = vrrp_fsm_configure(&inst->fsm, &fc, ktime_get_ns());
	/* A new VIP list on the master: apply it and announce it. */
	if (vips && inst->fsm.state == VRRP_STATE_ACTIVE) {
		queue_work(vrrp_wq, &inst->vip_work);
		act |= VRRP_ACT_ANNOUNCE;
	}
	collect(inst, act, &fx);
	spin_unlock_bh(&inst->lock);
	kfree(old);
	finish(inst, &fx);
}

/*
 * Under RTNL: takes the instance out of every table and stops it. A master
 * says goodbye with priority 0 (RFC 9568 6.4.3) unless the link is gone.
 * vrrp_instance_release() finishes the job outside RTNL.
 */
void vrrp_instance_unlink(struct vrrp_instance *inst, enum vrrp_reason why)
{
	struct vrrp_net *vn = inst->vn;
	struct vrrp_effects fx;

	ASSERT_RTNL();
	hash_del_rcu(&inst->hnode);
	list_del_rcu(&inst->node);
	if (!--vn->nr_instances)
		vrrp_rx_unregister(vn);

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	collect(inst, vrrp_fsm_shutdown(&inst->fsm, why, ktime_get_ns()), &fx);
	inst->dead = true;
	inst->vips_wanted = false;
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
	vrrp_timers_stop(inst);
	leave_group(inst);
}

/* Outside RTNL, after vrrp_instance_unlink(): VIPs gone, memory freed. */
void vrrp_instance_release(struct vrrp_instance *inst)
{
	cancel_delayed_work_sync(&inst->garp_work);
	cancel_work_sync(&inst->vip_work);
	vrrp_vip_sync(inst);
	kfree(inst->applied);
	kfree(inst->vips);
	netdev_put(inst->dev, &inst->dev_tracker);
	kfree_rcu(inst, rcu);
}

/* For callers under RTNL that cannot wait for the VIP work. */
void vrrp_instance_destroy_later(struct vrrp_instance *inst)
{
	queue_work(vrrp_wq, &inst->destroy_work);
}
