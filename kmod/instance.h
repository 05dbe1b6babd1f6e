/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_INSTANCE_H
#define _VRRP_INSTANCE_H

#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "../include/uapi/linux/vrrp.h"

#include "fsm.h"
#include "netns.h"

/* The virtual addresses of an instance, in the order adverts list them. */
struct vrrp_vip_list {
	u8 nr;
	u8 addr_len;
	u8 prefixlen[VRRP_MAX_VIPS];
	u8 addrs[];		/* nr * addr_len bytes, network order */
};

/* What userspace configures; the fsm gets its part of it. */
struct vrrp_config {
	u8 priority;
	bool preempt;
	bool accept;
	u32 interval_ms;
	u32 preempt_delay_ms;
	u32 garp_count;
	u32 garp_interval_ms;
};

struct vrrp_instance {
	struct hlist_node hnode;	/* vrrp_net.table */
	struct list_head node;		/* vrrp_net.sorted */
	struct vrrp_net *vn;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	u64 key;
	int ifindex;
	u16 family;
	u8 vrid;
	u8 version;
	bool mc_joined;			/* RTNL */

	spinlock_t lock;		/* everything down to the timers */
	bool dead;			/* unlinked: no timer, work or send */
	bool link_up;			/* carrier and a primary address */
	bool vips_wanted;		/* active: the VIPs belong on dev */
	u32 garp_left;			/* announcement bursts still to send */
	struct vrrp_config cfg;
	struct vrrp_vip_list *vips;
	struct vrrp_fsm fsm;
	__be32 active_addr;		/* the master we follow, or us */
	struct hrtimer advert_timer;
	struct hrtimer down_timer;

	/* The VIPs we added ourselves, so we never remove anyone else's. */
	struct mutex vip_lock;
	struct vrrp_vip_list *applied;
	struct work_struct vip_work;
	struct delayed_work garp_work;
	struct work_struct destroy_work;

	atomic64_t stats[__VRRP_STAT_MAX];
	struct rcu_head rcu;
};

/* Side effects gathered under the lock and carried out after it. */
struct vrrp_effects {
	u32 act;
	struct sk_buff_head xmit;
	enum vrrp_state old_state;
	enum vrrp_state state;
	enum vrrp_reason reason;
	u8 priority;
	__be32 active_addr;
};

extern struct workqueue_struct *vrrp_wq;

struct vrrp_instance *vrrp_instance_lookup_rcu(struct vrrp_net *vn,
					       int ifindex, u16 family,
					       u8 vrid);
struct vrrp_instance *vrrp_instance_create(struct vrrp_net *vn,
					   struct net_device *dev, u16 family,
					   u8 vrid,
					   const struct vrrp_config *cfg,
					   struct vrrp_vip_list *vips,
					   struct netlink_ext_ack *extack);
void vrrp_instance_configure(struct vrrp_instance *inst,
			     const struct vrrp_config *cfg,
			     struct vrrp_vip_list *vips);
void vrrp_instance_unlink(struct vrrp_instance *inst, enum vrrp_reason why);
void vrrp_instance_release(struct vrrp_instance *inst);
void vrrp_instance_destroy_later(struct vrrp_instance *inst);
void vrrp_instance_link_changed(struct vrrp_instance *inst);
void vrrp_instance_rx(struct vrrp_instance *inst,
		      const struct vrrp_fsm_advert *adv, __be32 saddr);
void vrrp_instance_advert_timer(struct vrrp_instance *inst);
void vrrp_instance_down_timer(struct vrrp_instance *inst);

static inline void vrrp_count(struct vrrp_instance *inst, enum vrrp_stat s)
{
	atomic64_inc(&inst->stats[s]);
}

#endif /* _VRRP_INSTANCE_H */
