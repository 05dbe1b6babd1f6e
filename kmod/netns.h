/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_NETNS_H
#define _VRRP_NETNS_H

#include <linux/list.h>
#include <linux/mutex.h>
#include <linux/spinlock.h>
#include <linux/netfilter.h>
#include <linux/netlink.h>
#include <linux/workqueue.h>
#include <net/net_namespace.h>
#include <net/netns/generic.h>

#define VRRP_HASH_BITS	10

/*
 * Everything VRRP keeps per network namespace. A namespace that never runs
 * an instance costs this struct only: the table and the socket come with
 * its first instance.
 */
struct vrrp_net {
	struct net *net;
	struct list_head all;		/* vrrp_nets, under vrrp_nets_lock */
	/* Instances by key for the receive path (RCU), changed under RTNL. */
	struct hlist_head __rcu *table;
	/* The same instances sorted by key, so dumps can resume (RCU). */
	struct list_head sorted;
	unsigned int nr_instances;	/* RTNL */
	/* The receive hooks, on from the first instance until we go (RTNL). */
	bool hooked;
	/* IPv4 and IPv6 LOCAL_IN, and the families' LOCAL_OUT hooks. */
	struct nf_hook_ops nf_ops[4];
	unsigned int nr_nf_ops;
	/* Kernel rtnetlink socket that adds and removes the VIPs. */
	struct socket *rtnl_sock;
	struct mutex rtnl_sock_lock;
	u32 rtnl_seq;
	/* Health objects, by name, and instances tracking interfaces (RTNL). */
	struct list_head healths;
	unsigned int nr_dev_trackers;
	struct list_head groups;	/* sync groups (RTNL) */
	struct list_head vmac_ports;	/* interfaces in vmac.c's care (RTNL) */
	/* IPv6 address events come in atomic context: handled from here. */
	struct work_struct addr6_work;
	/* VIPs held by noaccept masters, for the receive hooks (accept.c). */
	spinlock_t guard_lock;
	atomic_t nr_guards;
	struct hlist_head guards[16];
	/* Packets no instance could be found for, left to the stack. */
	atomic64_t unmatched_vrid;
	atomic64_t unmatched_length;
};

extern unsigned int vrrp_net_id;

static inline struct vrrp_net *vrrp_net(const struct net *net)
{
	return net_generic(net, vrrp_net_id);
}

int vrrp_net_prepare(struct vrrp_net *vn, struct netlink_ext_ack *extack);
bool vrrp_unloading(void);

#endif /* _VRRP_NETNS_H */
