/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_INSTANCE_H
#define _VRRP_INSTANCE_H

#include <linux/atomic.h>
#include <linux/hrtimer.h>
#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/netdevice.h>
#include <linux/ratelimit.h>
#include <linux/spinlock.h>
#include <linux/workqueue.h>
#include "../include/uapi/linux/vrrp.h"

#include "af.h"
#include "fsm.h"
#include "netns.h"
#include "packet.h"
#include "route.h"
#include "timers.h"
#include "track.h"
#include "vmac.h"

/*
 * Where a VIP goes when that is not simply the instance's interface with
 * the defaults: keepalived's "dev", "label" and "scope". All zero is the
 * default.
 */
struct vrrp_vip_place {
	u32 ifindex;		/* 0: the instance's interface */
	u8 scope;		/* IPv4: RT_SCOPE_*, RT_SCOPE_UNIVERSE (0) by default */
	char label[IFNAMSIZ];	/* IPv4: "" for none */
};

/*
 * Virtual addresses, in the order adverts list them: @cap addresses of
 * @addr_len bytes (network order), then @cap prefix lengths, then, if
 * @placed, @cap struct vrrp_vip_place (4-byte aligned). Sized to what they
 * hold, so an instance with one VIP on its own interface costs a few bytes
 * here. The first @nr_adv are the ones adverts list; the rest are excluded
 * from them. An instance's unicast peers are such a list too (their prefix
 * lengths and @nr_adv unused).
 */
struct vrrp_vip_list {
	struct rcu_head rcu;
	u16 nr;
	u16 nr_adv;
	u16 cap;
	u8 addr_len;
	bool placed;
	u8 data[];
};

static inline const u8 *vrrp_vip_addr(const struct vrrp_vip_list *list,
				      int i)
{
	return list->data + i * list->addr_len;
}

static inline u8 vrrp_vip_prefixlen(const struct vrrp_vip_list *list, int i)
{
	return list->data[list->cap * list->addr_len + i];
}

/* VIP @i's place, NULL for the defaults. */
static inline const struct vrrp_vip_place *
vrrp_vip_place(const struct vrrp_vip_list *list, int i)
{
	size_t at = ALIGN(list->cap * (list->addr_len + 1), 4);

	if (!list->placed)
		return NULL;
	return (const struct vrrp_vip_place *)(list->data + at) + i;
}

/*
 * What userspace configures; the fsm gets its part of it. Written under
 * the lock; the receive path reads version, checksum, priority and
 * interval_ms without it (READ_ONCE: a packet judged by the settings of
 * just before a change is judged fairly).
 */
struct vrrp_config {
	u8 version;		/* 3, or 2 (IPv4) */
	u8 checksum;		/* enum vrrp_checksum, VRRPv3 over IPv4 */
	u8 priority;
	bool preempt;
	bool accept;
	bool vmac;		/* virtual MAC mode (vmac.c) */
	bool has_source;	/* adverts leave from source, not the primary */
	union vrrp_addr source;
	u32 interval_ms;
	u32 preempt_delay_ms;
	u32 garp_count;
	u32 garp_interval_ms;
	u32 garp_delay_ms;
	u32 garp_refresh_ms;
};

/* An instance's name (keepalived's "VI_1"), replaced under RTNL, read under RCU. */
struct vrrp_name {
	struct rcu_head rcu;
	char str[];
};

struct vrrp_instance {
	struct hlist_node hnode;	/* vrrp_net.table */
	struct list_head node;		/* vrrp_net.sorted */
	struct vrrp_net *vn;
	struct net_device *dev;
	netdevice_tracker dev_tracker;
	const struct vrrp_af *af;
	union {				/* RTNL: where we joined the group */
		struct in_device *in;
		struct inet6_dev *in6;
	} mc_dev;
	u64 key;
	int ifindex;
	u16 family;
	u8 vrid;

	spinlock_t lock;		/* everything down to the timers */
	bool dead;			/* unlinked: no timer, work or send */
	bool link_up;			/* see link_usable() */
	bool has_primary;		/* RTNL and lock: primary is set */
	bool vips_wanted;		/* active: the VIPs belong on dev */
	bool announce;			/* announce once the VIPs are on */
	u8 garp_set;			/* enum in announce.c */
	u32 garp_left;			/* of the current set */
	u32 garp_gen;			/* bumped by every new announcement */
	u32 advert_irq_late_us;		/* set by the advert timer's interrupt */
	unsigned long vip_restore_at;	/* jiffies: rate limit of restores */
	struct vrrp_config cfg;
	struct vrrp_vip_list __rcu *vips;
	/* Unicast: adverts to these, taken only from them; NULL: multicast. */
	struct vrrp_vip_list __rcu *peers;
	struct vrrp_route_list *routes;	/* RTNL and lock; NULL: none */
	struct vrrp_track_list *tracks;	/* RTNL and lock; NULL: none */
	struct vrrp_group __rcu *group;	/* RTNL and lock; NULL: none */
	struct list_head group_node;	/* vrrp_group.members */
	bool group_ready;		/* see vrrp_group_note_ready() */
	struct vrrp_name __rcu *name;	/* NULL: none */
	struct vrrp_fsm fsm;		/* fsm.cfg.priority: the effective one */
	u64 state_since;		/* ktime_get_ns() of the last change */
	union vrrp_addr primary;	/* adverts leave from it */
	union vrrp_addr active_addr;	/* the master we follow, or us */
	u8 active_priority;		/* of that master's last advert */
	union vrrp_addr addrs_differ_from;	/* mismatches logged for it */
	union vrrp_addr interval_differs_from;
	struct vrrp_timer advert_timer;
	struct vrrp_timer down_timer;
	struct ratelimit_state log_limit;	/* state-change lines */
	struct ratelimit_state mismatch_log_limit;

	/* The VIPs we added ourselves, so we never remove anyone else's. */
	struct mutex vip_lock;
	struct vrrp_vip_list *applied;
	struct vrrp_route_list *applied_routes;	/* added by us, the same way */
	bool guarded;			/* has guards in accept.c */
	/* RTNL: virtual MAC mode's interface, and whether its filter has it. */
	struct vrrp_vmac_port *vmac_port;
	struct list_head vmac_node;	/* vrrp_vmac_port.instances */
	bool vmac_listed;
	struct delayed_work vip_work;
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
	union vrrp_addr active_addr;
	bool addrs_differ;		/* RFC 9568 6.4.2/6.4.3 mismatches */
	bool interval_differs;
	bool log_addrs;			/* ...the first from this sender */
	bool log_interval;
	u32 interval_ms;		/* ours, for the mismatch message */
};

extern struct workqueue_struct *vrrp_wq;

int vrrp_instance_cache_create(void);
void vrrp_instance_cache_destroy(void);
struct vrrp_instance *vrrp_instance_lookup_rcu(struct vrrp_net *vn,
					       int ifindex, u16 family,
					       u8 vrid);
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
					   struct netlink_ext_ack *extack);
void vrrp_instance_set_name(struct vrrp_instance *inst,
			    struct vrrp_name *name);
void vrrp_instance_configure(struct vrrp_instance *inst,
			     const struct vrrp_config *cfg,
			     struct vrrp_vip_list *vips,
			     struct vrrp_vip_list *peers,
			     struct vrrp_route_list *routes,
			     struct vrrp_track_list *tracks);
void vrrp_instance_set_group(struct vrrp_instance *inst,
			     struct vrrp_group *group);
void vrrp_instance_group_moved(struct vrrp_instance *inst, bool active);
void vrrp_instance_unlink(struct vrrp_instance *inst, enum vrrp_reason why);
void vrrp_instance_release(struct vrrp_instance *inst);
void vrrp_instance_destroy_later(struct vrrp_instance *inst);
void vrrp_instance_refresh(struct vrrp_instance *inst);
void vrrp_instance_going_down(struct vrrp_instance *inst);
void vrrp_instance_vip_gone(struct vrrp_instance *inst, const u8 *addr);
bool vrrp_instance_vip_active_rcu(struct vrrp_net *vn,
				  const struct net_device *dev, u16 family,
				  const u8 *addr);
void vrrp_instance_rx(struct vrrp_instance *inst,
		      const struct vrrp_advert *adv,
		      const union vrrp_addr *saddr);
void vrrp_instance_advert_timer(struct vrrp_instance *inst);
void vrrp_instance_down_timer(struct vrrp_instance *inst);
enum vrrp_csum_mode vrrp_instance_csum_mode(const struct vrrp_instance *inst,
					    bool rx);

static inline void vrrp_count(struct vrrp_instance *inst, enum vrrp_stat s)
{
	atomic64_inc(&inst->stats[s]);
}

#endif /* _VRRP_INSTANCE_H */
