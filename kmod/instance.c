// SPDX-License-Identifier: GPL-2.0
/*
 * Instance lifecycle and the one place where protocol events meet the
 * kernel: every event takes the instance lock, asks the state machine what
 * to do, gathers the side effects, and carries them out after unlocking.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>

#include "accept.h"
#include "announce.h"
#include "group.h"
#include "instance.h"
#include "netlink.h"
#include "timers.h"
#include "tx.h"
#include "vip.h"

/* State-change log lines: a peer flapping at 10 ms must not flood dmesg. */
#define LOG_INTERVAL	(5 * HZ)
#define LOG_BURST	10

static const char * const state_names[] = {
	[VRRP_STATE_INIT] = "init",
	[VRRP_STATE_BACKUP] = "backup",
	[VRRP_STATE_ACTIVE] = "master",
	[VRRP_STATE_FAULT] = "fault",
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
	[VRRP_REASON_TRACK] = "track",
	[VRRP_REASON_TRACK_DEV] = "track-dev",
	[VRRP_REASON_GROUP] = "group",
};

/*
 * Instances have a cache of their own: at about 1.1 KiB, kmalloc would
 * round each up to 2 KiB. Charged to the memory cgroup of whoever creates
 * them, as a namespace's root may create thousands.
 */
static struct kmem_cache *instance_cache;

int vrrp_instance_cache_create(void)
{
	instance_cache = KMEM_CACHE(vrrp_instance, SLAB_ACCOUNT);
	return instance_cache ? 0 : -ENOMEM;
}

/* After the last instance's RCU callback has run. */
void vrrp_instance_cache_destroy(void)
{
	kmem_cache_destroy(instance_cache);
}

/* Sort order of dumps: interface, then family, then VRID. */
static u64 instance_key(int ifindex, u16 family, u8 vrid)
{
	return (u64)(u32)ifindex << 24 | (u64)(family & 0xffff) << 8 | vrid;
}

static struct hlist_head *bucket(struct hlist_head *table, u64 key)
{
	return &table[hash_64(key, VRRP_HASH_BITS)];
}

struct vrrp_instance *vrrp_instance_lookup_rcu(struct vrrp_net *vn,
					       int ifindex, u16 family,
					       u8 vrid)
{
	u64 key = instance_key(ifindex, family, vrid);
	struct hlist_head *table = rcu_dereference_rtnl(vn->table);
	struct vrrp_instance *inst;

	if (!table)
		return NULL;
	hlist_for_each_entry_rcu(inst, bucket(table, key), hnode)
		if (inst->key == key)
			return inst;
	return NULL;
}

/* @priority: the effective one, which tracking derives from cfg's. */
static void fsm_config_from(struct vrrp_fsm_config *fc,
			    const struct vrrp_config *cfg, u8 priority)
{
	fc->version = cfg->version;
	fc->priority = priority;
	fc->preempt = cfg->preempt;
	fc->interval_cs = cfg->interval_ms / 10;
	fc->preempt_delay_ns = (u64)cfg->preempt_delay_ms * NSEC_PER_MSEC;
}

static void effects_init(struct vrrp_effects *fx)
{
	memset(fx, 0, sizeof(*fx));
	__skb_queue_head_init(&fx->xmit);
}

/* One advert counted, however many unicast peers it went to. */
static void queue_advert(struct vrrp_instance *inst, struct vrrp_effects *fx,
			 u8 priority)
{
	if (vrrp_tx_adverts(inst, priority, &fx->xmit))
		vrrp_count(inst, priority ? VRRP_STAT_ADVERT_TX :
					    VRRP_STAT_PRIO0_TX);
}

/* The VIP work makes the interface match vips_wanted, then announces. */
static void sync_vips_soon(struct vrrp_instance *inst)
{
	mod_delayed_work(vrrp_wq, &inst->vip_work, 0);
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
		inst->state_since = ktime_get_ns();
		fx->old_state = fsm->old_state;
		fx->state = fsm->state;
		fx->reason = fsm->reason;
		if (fsm->state == VRRP_STATE_ACTIVE)
			vrrp_count(inst, VRRP_STAT_BECAME_ACTIVE);
		if (fsm->state == VRRP_STATE_ACTIVE)
			inst->active_addr = inst->primary;
		else if (fsm->state != VRRP_STATE_BACKUP)
			memset(&inst->active_addr, 0, sizeof(inst->active_addr));
	}
	if (act & VRRP_ACT_SEND_PRIO0)
		queue_advert(inst, fx, 0);
	if (act & VRRP_ACT_SEND_ADVERT)
		queue_advert(inst, fx, fsm->cfg.priority);
	if (act & VRRP_ACT_VIPS_DOWN) {
		WRITE_ONCE(inst->vips_wanted, false);
		vrrp_announce_stop(inst);
		sync_vips_soon(inst);
	}
	if (act & VRRP_ACT_VIPS_UP)
		WRITE_ONCE(inst->vips_wanted, true);
	/* RFC 9568 6.4.2: announce, once the VIPs are there. */
	if (act & (VRRP_ACT_VIPS_UP | VRRP_ACT_ANNOUNCE) && inst->vips_wanted) {
		inst->announce = true;
		sync_vips_soon(inst);
	}
	fx->priority = fsm->cfg.priority;
	fx->active_addr = inst->active_addr;
	vrrp_group_note_ready(inst);
	vrrp_timers_sync(inst);
}

/* "eth0 vrid 51 inet [VI_1] (netns N): backup -> master (reason)" */
static void log_state(struct vrrp_instance *inst,
		      const struct vrrp_effects *fx, struct net *net)
{
	const struct vrrp_name *name;
	char ns[24] = "";

	if (!net_eq(net, &init_net))
		snprintf(ns, sizeof(ns), " (netns %u)", net->ns.inum);
	rcu_read_lock();
	name = rcu_dereference(inst->name);
	pr_info("%s vrid %u %s%s%s%s%s: %s -> %s (%s)\n",
		netdev_name(inst->dev), inst->vrid, inst->af->name,
		name ? " [" : "", name ? name->str : "", name ? "]" : "", ns,
		state_names[fx->old_state], state_names[fx->state],
		reason_names[fx->reason]);
	rcu_read_unlock();
}

static void report_state(struct vrrp_instance *inst,
			 const struct vrrp_effects *fx)
{
	struct net *net = inst->vn->net;

	/*
	 * An instance's last line, its deletion, comes once: it is never
	 * suppressed, however much the instance flapped just before.
	 */
	if (fx->reason != VRRP_REASON_SHUTDOWN &&
	    !__ratelimit(&inst->log_limit))
		vrrp_count(inst, VRRP_STAT_LOG_SUPPRESSED);
	else
		log_state(inst, fx, net);
	vrrp_netlink_notify_state(inst, fx);
}

/*
 * RFC 9568 6.4.2/6.4.3: mismatches are counted and logged, not dropped.
 * Logged once per sender while they last, from a log budget of the
 * instance's own: neither a noisy peer nor the rest of the stack can hide
 * them, and they take nothing from the state-change lines.
 */
static void report_mismatch(struct vrrp_instance *inst,
			    const struct vrrp_effects *fx,
			    const struct vrrp_advert *adv,
			    const union vrrp_addr *saddr)
{
	char from[VRRP_ADDR_STR_LEN];

	if (fx->addrs_differ)
		vrrp_count(inst, VRRP_STAT_ADDR_LIST_MISMATCH);
	if (fx->interval_differs)
		vrrp_count(inst, VRRP_STAT_INTERVAL_MISMATCH);
	if ((!fx->log_addrs && !fx->log_interval) ||
	    !__ratelimit(&inst->mismatch_log_limit))
		return;
	vrrp_addr_str(inst->af, saddr, from);
	if (fx->log_addrs)
		pr_info("%s vrid %u %s: %s advertises other addresses than ours\n",
			netdev_name(inst->dev), inst->vrid, inst->af->name,
			from);
	if (fx->log_interval)
		pr_info("%s vrid %u %s: %s advertises every %u0ms, we every %ums\n",
			netdev_name(inst->dev), inst->vrid, inst->af->name,
			from, adv->interval_cs, fx->interval_ms);
}

/* Under the lock: which mismatches to log (new ones, or a new sender). */
static void note_mismatch(struct vrrp_instance *inst, struct vrrp_effects *fx,
			  const struct vrrp_advert *adv,
			  const union vrrp_addr *saddr)
{
	const struct vrrp_vip_list *vips =
		rcu_dereference_protected(inst->vips,
					  lockdep_is_held(&inst->lock));
	static const union vrrp_addr none;
	const struct vrrp_af *af = inst->af;

	fx->addrs_differ = !vrrp_pkt_addrs_equal(adv, vips->data,
						 vips->nr_adv);
	fx->interval_differs = adv->priority &&
			       adv->interval_cs * 10 != inst->cfg.interval_ms;
	fx->interval_ms = inst->cfg.interval_ms;
	fx->log_addrs = fx->addrs_differ &&
			!vrrp_addr_equal(af, &inst->addrs_differ_from, saddr);
	fx->log_interval = fx->interval_differs &&
			   !vrrp_addr_equal(af, &inst->interval_differs_from,
					    saddr);
	inst->addrs_differ_from = fx->addrs_differ ? *saddr : none;
	/* A priority 0 advert's interval means nothing (RFC 9568 6.4.3). */
	if (adv->priority)
		inst->interval_differs_from = fx->interval_differs ? *saddr :
								     none;
}

/*
 * A change the instance made by itself moves its sync group with it; one
 * the group made (VRRP_REASON_GROUP) moves nobody further.
 */
static void move_group(struct vrrp_instance *inst,
		       const struct vrrp_effects *fx)
{
	if (!(fx->act & VRRP_ACT_STATE) || fx->reason == VRRP_REASON_GROUP ||
	    !rcu_access_pointer(inst->group))
		return;
	if (fx->state == VRRP_STATE_ACTIVE)
		vrrp_group_follow(inst, true);
	else if (fx->old_state == VRRP_STATE_ACTIVE)
		vrrp_group_follow(inst, false);
}

/* Carries out what collect() gathered, without the lock. */
static void finish(struct vrrp_instance *inst, struct vrrp_effects *fx)
{
	struct sk_buff *skb;

	while ((skb = __skb_dequeue(&fx->xmit)))
		vrrp_tx_send(inst, skb);
	if (fx->act & VRRP_ACT_STATE)
		report_state(inst, fx);
	move_group(inst, fx);
	if (fx->act & VRRP_ACT_OWNER_CONFLICT)
		net_warn_ratelimited("%s vrid %u %s: another router claims priority 255 (address owner)\n",
				     netdev_name(inst->dev), inst->vrid,
				     inst->af->name);
}

/*
 * Under RTNL: keeps the instance a member of its family's group, on the
 * interface's current inet(6) device (the family's join() says why that
 * can change). Returns whether it is a member.
 */
static bool sync_membership(struct vrrp_instance *inst)
{
	char group[VRRP_ADDR_STR_LEN];
	int err = inst->af->join(inst);

	if (!err)
		return true;
	if (err != -ENODEV) {
		vrrp_count(inst, VRRP_STAT_MC_JOIN_FAILED);
		pr_warn_ratelimited("%s vrid %u %s: cannot join %s (error %d); staying in init\n",
				    netdev_name(inst->dev), inst->vrid,
				    inst->af->name,
				    vrrp_addr_str(inst->af, &inst->af->group,
						  group), err);
	}
	return false;
}

/*
 * Under RTNL: the address adverts leave from: the configured source while
 * it is on the interface, else the primary IPv4 address or the IPv6
 * link-local one. False without one.
 */
static bool find_primary(const struct vrrp_instance *inst,
			 const struct vrrp_config *cfg, union vrrp_addr *addr)
{
	if (!cfg->has_source)
		return inst->af->primary_addr(inst->dev, addr);
	*addr = cfg->source;
	return inst->af->addr_present(inst->dev, cfg->source.bytes);
}

/*
 * Under RTNL: can the instance hear and be heard? Carrier, an address to
 * send from, the group joined, and not a port of another device (a bridge
 * or bond port's packets reach LOCAL_IN on its master); a VRF's port is
 * fine: the instance and its VIPs live in that VRF.
 */
static bool link_usable(struct vrrp_instance *inst, union vrrp_addr *primary,
			bool *has_primary)
{
	struct net_device *dev = inst->dev;
	struct net_device *master;
	bool joined = sync_membership(inst);

	/* Only RTNL holders change cfg: it can be read without the lock. */
	*has_primary = find_primary(inst, &inst->cfg, primary);
	master = netdev_master_upper_dev_get(dev);
	if (master && !netif_is_l3_master(master)) {
		pr_warn_ratelimited("%s vrid %u %s: %s is a port of %s and cannot hear adverts; staying in init\n",
				    netdev_name(dev), inst->vrid, inst->af->name,
				    netdev_name(dev), netdev_name(master));
		return false;
	}
	return joined && netif_running(dev) && netif_carrier_ok(dev) &&
	       *has_primary;
}

/*
 * Under RTNL and the lock: the instance runs while its link is usable and
 * nothing it tracks keeps it in fault, with the effective priority that
 * tracking gives it. Stopping comes before the new settings, so that a
 * master going to fault says priority 0, not a lowered priority first.
 */
static u32 settle(struct vrrp_instance *inst,
		  const struct vrrp_track_verdict *tv, u64 now)
{
	struct vrrp_fsm *fsm = &inst->fsm;
	struct vrrp_fsm_config fc;
	u32 act;

	fsm->held = vrrp_group_holds(inst);
	fsm_config_from(&fc, &inst->cfg, tv->priority);
	if (inst->link_up && !tv->fault)
		return vrrp_fsm_configure(fsm, &fc, now) |
		       vrrp_fsm_startup(fsm, now);
	if (tv->fault)
		act = vrrp_fsm_stop(fsm, VRRP_STATE_FAULT, tv->reason, now);
	else
		act = vrrp_fsm_stop(fsm, VRRP_STATE_INIT,
				    VRRP_REASON_LINK_DOWN, now);
	return act | vrrp_fsm_configure(fsm, &fc, now);
}

/*
 * Under RTNL, when the interface, its addresses or anything the instance
 * tracks changed: Initialize while the link is unusable, fault while a
 * tracked object or interface says so, running otherwise.
 */
void vrrp_instance_refresh(struct vrrp_instance *inst)
{
	struct vrrp_track_verdict tv;
	union vrrp_addr primary;
	struct vrrp_effects fx;
	bool has_primary;
	bool up = link_usable(inst, &primary, &has_primary);

	vrrp_track_judge(inst->vn, inst->tracks, inst->cfg.priority, &tv);
	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead) {
		inst->link_up = up;
		inst->primary = primary;
		inst->has_primary = has_primary;
		collect(inst, settle(inst, &tv, ktime_get_ns()), &fx);
	}
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

/*
 * NETDEV_GOING_DOWN: the interface still sends. A master says goodbye with
 * priority 0 (RFC 9568 6.4.3), so the backup takes over after Skew_Time
 * rather than the whole down interval.
 */
void vrrp_instance_going_down(struct vrrp_instance *inst)
{
	struct vrrp_effects fx;
	bool was_active;
	u32 act;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead && inst->link_up) {
		inst->link_up = false;
		was_active = inst->fsm.state == VRRP_STATE_ACTIVE;
		act = vrrp_fsm_shutdown(&inst->fsm, VRRP_REASON_LINK_DOWN,
					ktime_get_ns());
		if (was_active)
			act |= VRRP_ACT_SEND_PRIO0;
		collect(inst, act, &fx);
	}
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

/*
 * One of our addresses left the interface. If it is a VIP a master should
 * hold, put it back: at once the first time, then at most once a second,
 * so a script that keeps deleting it cannot make us spin.
 */
void vrrp_instance_vip_gone(struct vrrp_instance *inst, const u8 *addr)
{
	const struct vrrp_vip_list *vips;
	unsigned long now = jiffies, delay = 0;

	spin_lock_bh(&inst->lock);
	vips = rcu_dereference_protected(inst->vips,
					 lockdep_is_held(&inst->lock));
	if (!inst->dead && inst->vips_wanted &&
	    vrrp_vip_list_find(vips, addr) >= 0) {
		if (time_before(now, inst->vip_restore_at))
			delay = inst->vip_restore_at - now;
		inst->vip_restore_at = now + delay + HZ;
		queue_delayed_work(vrrp_wq, &inst->vip_work, delay);
	}
	spin_unlock_bh(&inst->lock);
}

/*
 * Under RCU: whether @addr is a VIP that an active instance holds on @dev
 * (its own interface, or the one the VIP names).
 */
bool vrrp_instance_vip_active_rcu(struct vrrp_net *vn,
				  const struct net_device *dev, u16 family,
				  const u8 *addr)
{
	const struct vrrp_vip_place *place;
	const struct vrrp_vip_list *vips;
	struct vrrp_instance *inst;
	int i;

	list_for_each_entry_rcu(inst, &vn->sorted, node) {
		if (inst->family != family || !READ_ONCE(inst->vips_wanted))
			continue;
		vips = rcu_dereference(inst->vips);
		i = vrrp_vip_list_find(vips, addr);
		if (i < 0)
			continue;
		place = vrrp_vip_place(vips, i);
		if ((place && place->ifindex ? place->ifindex : inst->ifindex) ==
		    dev->ifindex)
			return true;
	}
	return false;
}

/* A valid advert from @saddr, from the receive path. */
void vrrp_instance_rx(struct vrrp_instance *inst,
		      const struct vrrp_advert *adv,
		      const union vrrp_addr *saddr)
{
	struct vrrp_fsm_advert fa = {
		.priority = adv->priority,
		.interval_cs = adv->interval_cs,
	};
	struct vrrp_effects fx;
	u32 act;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	/* Dead, or our own advert, reflected back to us by the link. */
	if (inst->dead || (inst->has_primary &&
			   vrrp_addr_equal(inst->af, saddr, &inst->primary))) {
		spin_unlock_bh(&inst->lock);
		return;
	}
	vrrp_count(inst, adv->priority ? VRRP_STAT_ADVERT_RX :
					 VRRP_STAT_PRIO0_RX);
	fa.addr_cmp = vrrp_addr_cmp(inst->af, saddr, &inst->primary);
	note_mismatch(inst, &fx, adv, saddr);
	act = vrrp_fsm_rx(&inst->fsm, &fa, ktime_get_ns());
	if (act & VRRP_ACT_FOLLOW) {
		inst->active_addr = *saddr;
		inst->active_priority = adv->priority;
	}
	collect(inst, act, &fx);
	spin_unlock_bh(&inst->lock);
	report_mismatch(inst, &fx, adv, saddr);
	finish(inst, &fx);
}

/*
 * What the checksum of the adverts we send (@rx false) and take (@rx true)
 * covers: VRRPv2 the message (RFC 3768 5.3.8), IPv6 the message and the
 * pseudo-header (RFC 9568 5.2.8), VRRPv3 over IPv4 as configured.
 */
enum vrrp_csum_mode vrrp_instance_csum_mode(const struct vrrp_instance *inst,
					    bool rx)
{
	if (READ_ONCE(inst->cfg.version) == 2)
		return VRRP_CSUM_MESSAGE;
	if (inst->family == AF_INET6)
		return VRRP_CSUM_PSEUDO;
	switch (READ_ONCE(inst->cfg.checksum)) {
	case VRRP_CHECKSUM_RFC9568:
		return VRRP_CSUM_MESSAGE;
	case VRRP_CHECKSUM_PSEUDO_HEADER:
		return VRRP_CSUM_PSEUDO;
	default:
		return rx ? VRRP_CSUM_EITHER : VRRP_CSUM_PSEUDO;
	}
}

/* Under the lock (the only writer): a new maximum, in microseconds. */
static void note_max_us(struct vrrp_instance *inst, enum vrrp_stat s,
			u64 ns)
{
	u64 us = div_u64(ns, NSEC_PER_USEC);

	if (us > atomic64_read(&inst->stats[s]))
		atomic64_set(&inst->stats[s], us);
}

/*
 * Under the lock, for each advert the advert timer sent: how late it left,
 * so that starvation shows in `vrrpadm stats` on the user's own box.
 */
static void note_advert_lateness(struct vrrp_instance *inst)
{
	u64 late = inst->fsm.advert_late_ns;
	u64 interval = (u64)inst->cfg.interval_ms * NSEC_PER_MSEC;
	enum vrrp_stat bucket;

	if (late < 100 * NSEC_PER_USEC)
		bucket = VRRP_STAT_ADVERT_LATE_100US;
	else if (late < NSEC_PER_MSEC)
		bucket = VRRP_STAT_ADVERT_LATE_1MS;
	else if (late < 10 * NSEC_PER_MSEC)
		bucket = VRRP_STAT_ADVERT_LATE_10MS;
	else if (late < 100 * NSEC_PER_MSEC)
		bucket = VRRP_STAT_ADVERT_LATE_100MS;
	else
		bucket = VRRP_STAT_ADVERT_LATE_MORE;
	vrrp_count(inst, bucket);
	note_max_us(inst, VRRP_STAT_ADVERT_LATE_MAX_US, late);
	note_max_us(inst, VRRP_STAT_ADVERT_IRQ_LATE_MAX_US,
		    (u64)READ_ONCE(inst->advert_irq_late_us) * NSEC_PER_USEC);
	if (late >= interval)
		atomic64_add(div64_u64(late, interval),
			     &inst->stats[VRRP_STAT_ADVERT_MISSED]);
}

void vrrp_instance_advert_timer(struct vrrp_instance *inst)
{
	struct vrrp_effects fx;
	u32 act;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead) {
		act = vrrp_fsm_advert_timer(&inst->fsm, ktime_get_ns());
		if (act & VRRP_ACT_SEND_ADVERT)
			note_advert_lateness(inst);
		collect(inst, act, &fx);
	}
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

void vrrp_instance_down_timer(struct vrrp_instance *inst)
{
	struct vrrp_effects fx;
	u32 act;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead) {
		inst->fsm.held = vrrp_group_holds(inst);
		act = vrrp_fsm_down_timer(&inst->fsm, ktime_get_ns());
		if (act & VRRP_ACT_STATE)
			note_max_us(inst, VRRP_STAT_DOWN_LATE_MAX_US,
				    inst->fsm.down_late_ns);
		collect(inst, act, &fx);
	}
	spin_unlock_bh(&inst->lock);
	finish(inst, &fx);
}

static void vip_work_fn(struct work_struct *work)
{
	struct vrrp_instance *inst = container_of(to_delayed_work(work),
						  struct vrrp_instance,
						  vip_work);

	int up;

	/* The virtual MAC is let in before the VIPs go on. */
	vrrp_vmac_sync_unlocked(inst);
	up = vrrp_vip_sync(inst);

	if (up < 0) {
		/* Out of memory: try again rather than leave a VIP off. */
		queue_delayed_work(vrrp_wq, &inst->vip_work, HZ / 10);
		return;
	}
	spin_lock_bh(&inst->lock);
	/*
	 * Only a run that put the VIPs on announces them. An instance that
	 * became active after this run looked (and maybe removed them) has
	 * queued the work again: the announcement is that run's, or the
	 * gratuitous ARPs would go out while the VIPs are not there.
	 */
	if (up && inst->announce && inst->vips_wanted && !inst->dead) {
		inst->announce = false;
		vrrp_announce_start(inst);
	}
	spin_unlock_bh(&inst->lock);
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
	hlist_add_head_rcu(&inst->hnode,
			   bucket(rtnl_dereference(vn->table), inst->key));
	list_for_each_entry(pos, &vn->sorted, node)
		if (pos->key > inst->key)
			break;
	list_add_tail_rcu(&inst->node, &pos->node);
	vn->nr_instances++;
}

static void instance_init(struct vrrp_instance *inst, struct vrrp_net *vn,
			  struct net_device *dev, u16 family, u8 vrid,
			  const struct vrrp_config *cfg,
			  struct vrrp_vip_list *vips)
{
	struct vrrp_fsm_config fc;
	int i;

	inst->vn = vn;
	inst->dev = dev;
	inst->ifindex = dev->ifindex;
	inst->family = family;
	inst->af = vrrp_af_find(family);
	inst->vrid = vrid;
	inst->key = instance_key(dev->ifindex, family, vrid);
	inst->cfg = *cfg;
	inst->state_since = ktime_get_ns();
	RCU_INIT_POINTER(inst->vips, vips);
	spin_lock_init(&inst->lock);
	mutex_init(&inst->vip_lock);
	inst->vip_restore_at = jiffies;
	ratelimit_state_init(&inst->log_limit, LOG_INTERVAL, LOG_BURST);
	/* Suppressed lines are counted, not reported by a line of their own. */
	ratelimit_set_flags(&inst->log_limit, RATELIMIT_MSG_ON_RELEASE);
	ratelimit_state_init(&inst->mismatch_log_limit, LOG_INTERVAL, LOG_BURST);
	ratelimit_set_flags(&inst->mismatch_log_limit,
			    RATELIMIT_MSG_ON_RELEASE);
	INIT_DELAYED_WORK(&inst->vip_work, vip_work_fn);
	INIT_WORK(&inst->destroy_work, destroy_work_fn);
	vrrp_announce_init(inst);
	for (i = 0; i < __VRRP_STAT_MAX; i++)
		atomic64_set(&inst->stats[i], 0);
	fsm_config_from(&fc, cfg, cfg->priority);
	vrrp_fsm_init(&inst->fsm, &fc);
	vrrp_timers_init(inst);
}

/*
 * Under RTNL: @tracks (NULL or empty: nothing) becomes what the instance
 * tracks; returns the list it replaces, to be put once no dump can read
 * it (after the lock), which the caller does.
 */
static struct vrrp_track_list *swap_tracks(struct vrrp_instance *inst,
					   struct vrrp_track_list *tracks)
{
	struct vrrp_track_list *old = inst->tracks;
	struct vrrp_net *vn = inst->vn;

	lockdep_assert_held(&inst->lock);
	if (tracks && !tracks->nr) {
		kfree(tracks);
		tracks = NULL;
	}
	if (old && old->nr_devs)
		vn->nr_dev_trackers--;
	if (tracks && tracks->nr_devs)
		vn->nr_dev_trackers++;
	inst->tracks = tracks;
	return old;
}

/* An empty peer list is multicast: no list at all. */
static struct vrrp_vip_list *peers_or_null(struct vrrp_vip_list *peers)
{
	if (peers && !peers->nr) {
		kfree(peers);
		return NULL;
	}
	return peers;
}

/* No virtual routes: no list at all. */
static struct vrrp_route_list *routes_or_null(struct vrrp_route_list *routes)
{
	if (routes && !routes->nr) {
		kfree(routes);
		return NULL;
	}
	return routes;
}

/*
 * Called under RTNL; takes ownership of @vips, @peers (NULL or empty:
 * multicast), @routes (NULL or empty: none) and @tracks, whose health
 * objects the caller has found (and holds with RTNL).
 */
struct vrrp_instance *vrrp_instance_create(struct vrrp_net *vn,
					   struct net_device *dev, u16 family,
					   u8 vrid,
					   const struct vrrp_config *cfg,
					   struct vrrp_vip_list *vips,
					   struct vrrp_vip_list *peers,
					   struct vrrp_route_list *routes,
					   struct vrrp_track_list *tracks,
					   struct vrrp_group *group,
					   struct vrrp_name *name,
					   struct netlink_ext_ack *extack)
{
	struct vrrp_instance *inst;
	int err;

	ASSERT_RTNL();
	inst = kmem_cache_zalloc(instance_cache, GFP_KERNEL);
	if (!inst) {
		err = -ENOMEM;
		goto err_lists;
	}
	instance_init(inst, vn, dev, family, vrid, cfg, vips);
	/* Named before its first state change, which logs the name. */
	RCU_INIT_POINTER(inst->name, name);
	RCU_INIT_POINTER(inst->peers, peers_or_null(peers));
	inst->routes = routes_or_null(routes);

	err = vrrp_net_prepare(vn, extack);
	if (!err && cfg->vmac)
		err = vrrp_vmac_attach(inst, extack);
	if (err)
		goto err_free;
	netdev_hold(dev, &inst->dev_tracker, GFP_KERNEL);
	vrrp_track_list_hold(tracks);
	spin_lock_bh(&inst->lock);
	swap_tracks(inst, tracks);
	spin_unlock_bh(&inst->lock);
	link_in(inst);
	if (group)
		vrrp_group_join(inst, group);
	vrrp_instance_refresh(inst);
	return inst;

err_free:
	kfree(rcu_dereference_protected(inst->peers, true));
	kfree(inst->routes);
	kmem_cache_free(instance_cache, inst);
	kfree(vips);
	kfree(tracks);
	kfree(name);
	return ERR_PTR(err);
err_lists:
	kfree(vips);
	kfree(peers);
	kfree(routes);
	kfree(tracks);
	kfree(name);
	return ERR_PTR(err);
}

/*
 * Called under RTNL; takes ownership of @vips, @peers, @routes and @tracks
 * (NULL: keep the list; an empty @peers: multicast; an empty @routes:
 * none; an empty @tracks: track nothing).
 */
void vrrp_instance_configure(struct vrrp_instance *inst,
			     const struct vrrp_config *cfg,
			     struct vrrp_vip_list *vips,
			     struct vrrp_vip_list *peers,
			     struct vrrp_route_list *routes,
			     struct vrrp_track_list *tracks)
{
	bool new_source = cfg->has_source != inst->cfg.has_source ||
			  memcmp(&cfg->source, &inst->cfg.source,
				 sizeof(cfg->source));
	/* Accept mode, or ownership, changed: the VIPs' guards follow. */
	bool new_guard = cfg->accept != inst->cfg.accept ||
			 (cfg->priority == VRRP_PRIORITY_OWNER) !=
			 (inst->cfg.priority == VRRP_PRIORITY_OWNER);
	struct vrrp_vip_list *old = NULL, *old_peers = NULL;
	struct vrrp_route_list *old_routes = NULL;
	struct vrrp_track_list *old_tracks = NULL;
	struct vrrp_track_verdict tv;
	struct vrrp_effects fx;
	u32 act;

	ASSERT_RTNL();
	vrrp_track_list_hold(tracks);
	vrrp_track_judge(inst->vn, tracks ? tracks : inst->tracks,
			 cfg->priority, &tv);
	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	inst->cfg = *cfg;
	if (vips)
		old = rcu_replace_pointer(inst->vips, vips,
					  lockdep_is_held(&inst->lock));
	if (peers)
		old_peers = rcu_replace_pointer(inst->peers,
						peers_or_null(peers),
						lockdep_is_held(&inst->lock));
	if (routes) {
		old_routes = inst->routes;
		inst->routes = routes_or_null(routes);
	}
	if (tracks)
		old_tracks = swap_tracks(inst, tracks);
	act = settle(inst, &tv, ktime_get_ns());
	/* A new VIP list on the master: apply it and announce it. */
	if (vips && inst->fsm.state == VRRP_STATE_ACTIVE)
		act |= VRRP_ACT_ANNOUNCE;
	/* The VIP work applies the routes, and the guards. */
	if (new_guard || routes)
		sync_vips_soon(inst);
	collect(inst, act, &fx);
	spin_unlock_bh(&inst->lock);
	/* The receive path and the ARP work read the lists under RCU. */
	if (old)
		kfree_rcu(old, rcu);
	if (old_peers)
		kfree_rcu(old_peers, rcu);
	kfree(old_routes);
	vrrp_track_list_put(old_tracks);
	finish(inst, &fx);
	/* Another address to send from: look at the interface again. */
	if (new_source)
		vrrp_instance_refresh(inst);
}

/*
 * Under RTNL: @group (NULL: none) becomes the instance's sync group. One
 * that moves between groups waits a grace period in between, so that no
 * reader walking the old group's members follows it into the new one.
 */
void vrrp_instance_set_group(struct vrrp_instance *inst,
			     struct vrrp_group *group)
{
	struct vrrp_group *old = rtnl_dereference(inst->group);

	if (old == group)
		return;
	vrrp_group_leave(inst);
	if (!group)
		return;
	if (old)
		synchronize_net();
	vrrp_group_join(inst, group);
}

/*
 * Another member of the instance's group became active (@active) or
 * left Active; from any context, with no instance lock held.
 */
void vrrp_instance_group_moved(struct vrrp_instance *inst, bool active)
{
	struct vrrp_effects fx;
	u64 now = ktime_get_ns();
	u32 act;

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	if (!inst->dead) {
		act = active ? vrrp_fsm_group_activate(&inst->fsm, now) :
			       vrrp_fsm_group_yield(&inst->fsm, now);
		collect(inst, act, &fx);
	}
	spin_unlock_bh(&inst->lock);
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
	struct vrrp_track_list *tracks;
	struct vrrp_effects fx;

	ASSERT_RTNL();
	hlist_del_rcu(&inst->hnode);
	list_del_rcu(&inst->node);
	vn->nr_instances--;
	/* A member deleted does not take the others down with it. */
	vrrp_group_leave(inst);

	effects_init(&fx);
	spin_lock_bh(&inst->lock);
	collect(inst, vrrp_fsm_shutdown(&inst->fsm, why, ktime_get_ns()), &fx);
	inst->dead = true;
	WRITE_ONCE(inst->vips_wanted, false);
	tracks = swap_tracks(inst, NULL);
	spin_unlock_bh(&inst->lock);
	vrrp_track_list_put(tracks);
	finish(inst, &fx);
	/* After the priority 0 advert, which leaves from the virtual MAC. */
	vrrp_vmac_detach(inst);
	vrrp_timers_stop(inst);
	inst->af->leave(inst);
	vrrp_netlink_notify_gone(inst, why);
}

static void free_instance_rcu(struct rcu_head *head)
{
	struct vrrp_instance *inst = container_of(head, struct vrrp_instance,
						  rcu);

	kfree(rcu_dereference_protected(inst->vips, true));
	kfree(rcu_dereference_protected(inst->peers, true));
	kfree(rcu_dereference_protected(inst->name, true));
	kfree(inst->routes);
	kmem_cache_free(instance_cache, inst);
}

/* Under RTNL: @name (NULL: none) replaces the instance's name. */
void vrrp_instance_set_name(struct vrrp_instance *inst,
			    struct vrrp_name *name)
{
	struct vrrp_name *old;

	ASSERT_RTNL();
	old = rcu_replace_pointer(inst->name, name, lockdep_rtnl_is_held());
	if (old)
		kfree_rcu(old, rcu);
}

/*
 * Outside RTNL, after vrrp_instance_unlink(): VIPs gone, work stopped. A
 * softirq that found the instance before it was unhashed may still be
 * reading it and its VIP list: both are freed after a grace period.
 */
void vrrp_instance_release(struct vrrp_instance *inst)
{
	cancel_delayed_work_sync(&inst->garp_work);
	cancel_delayed_work_sync(&inst->vip_work);
	vrrp_vip_sync(inst);
	/* Even if that sync ran out of memory: no guard outlives us. */
	vrrp_accept_guard(inst, NULL);
	kfree(inst->applied);
	kfree(inst->applied_routes);
	netdev_put(inst->dev, &inst->dev_tracker);
	call_rcu(&inst->rcu, free_instance_rcu);
}

/* For callers under RTNL that cannot wait for the VIP work. */
void vrrp_instance_destroy_later(struct vrrp_instance *inst)
{
	queue_work(vrrp_wq, &inst->destroy_work);
}
