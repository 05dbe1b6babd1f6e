// SPDX-License-Identifier: GPL-2.0
/*
 * Interface and address events. Carrier loss is not a partition: an
 * instance that cannot hear or be heard (no carrier, no address to send
 * from, no membership of the group, or its interface enslaved to a bridge
 * or bond)
 * goes to Initialize and gives up its VIPs, and starts again by itself when
 * it can. An interface that disappears (or leaves the namespace) takes its
 * instances with it. A VIP deleted by hand from a master is put back.
 * Instances that track an interface hear about it too (track.c).
 */

#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>

#include "instance.h"
#include "notifier.h"
#include "track.h"

/* Under RTNL, which also guards the instance tables against change. */
static void device_gone(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_instance *inst, *tmp;

	list_for_each_entry_safe(inst, tmp, &vn->sorted, node) {
		if (inst->dev != dev)
			continue;
		vrrp_instance_unlink(inst, VRRP_REASON_LINK_DOWN);
		vrrp_instance_destroy_later(inst);
	}
}

static void device_changed(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_instance *inst;

	list_for_each_entry(inst, &vn->sorted, node)
		if (inst->dev == dev)
			vrrp_instance_refresh(inst);
}

static void device_going_down(struct vrrp_net *vn, struct net_device *dev)
{
	struct vrrp_instance *inst;

	list_for_each_entry(inst, &vn->sorted, node)
		if (inst->dev == dev)
			vrrp_instance_going_down(inst);
}

/* Under RTNL or RCU: the instances of @dev and @family whose VIP it was. */
static void vip_gone(struct vrrp_net *vn, struct net_device *dev,
		     u16 family, const u8 *addr)
{
	struct vrrp_instance *inst;

	list_for_each_entry_rcu(inst, &vn->sorted, node, lockdep_rtnl_is_held())
		if (inst->dev == dev && inst->family == family)
			vrrp_instance_vip_gone(inst, addr);
}

static int netdev_event(struct notifier_block *nb, unsigned long event,
			void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);
	struct vrrp_net *vn = vrrp_net(dev_net(dev));

	if (!vn->nr_instances)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_GOING_DOWN:
		device_going_down(vn, dev);
		break;
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		device_changed(vn, dev);
		vrrp_track_dev_changed(vn, dev->name);
		break;
	/* The in_device goes with an MTU below 68 and comes back with it. */
	case NETDEV_CHANGEMTU:
	/* Enslaved to a bridge or bond, or set free again. */
	case NETDEV_CHANGEUPPER:
		device_changed(vn, dev);
		break;
	case NETDEV_UNREGISTER:
		device_gone(vn, dev);
		vrrp_track_dev_changed(vn, dev->name);
		break;
	/* Interfaces are tracked by name: the old one's and the new one's. */
	case NETDEV_CHANGENAME:
		vrrp_track_dev_changed(vn, NULL);
		break;
	}
	return NOTIFY_DONE;
}

static int inetaddr_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct in_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->ifa_dev->dev;
	struct vrrp_net *vn = vrrp_net(dev_net(dev));

	if (!vn->nr_instances)
		return NOTIFY_DONE;
	/* Our own VIPs come and go without changing the primary address. */
	if (ifa->ifa_proto == VRRP_IFA_PROTO) {
		if (event == NETDEV_DOWN)
			vip_gone(vn, dev, AF_INET, (const u8 *)&ifa->ifa_local);
		return NOTIFY_DONE;
	}
	device_changed(vn, dev);
	return NOTIFY_DONE;
}

/*
 * IPv6 address events come in atomic context (an address made from a
 * router advertisement is added in softirq): a VIP gone is handled here,
 * under RCU, anything else by a work that takes RTNL and looks again at
 * every IPv6 instance of the namespace, whose link-local address may
 * have come or gone.
 */
static int inet6addr_event(struct notifier_block *nb, unsigned long event,
			   void *ptr)
{
	struct inet6_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->idev->dev;
	struct vrrp_net *vn = vrrp_net(dev_net(dev));

	if (!READ_ONCE(vn->nr_instances))
		return NOTIFY_DONE;
	if (ifa->ifa_proto == VRRP_IFA_PROTO) {
		if (event == NETDEV_DOWN) {
			rcu_read_lock();
			vip_gone(vn, dev, AF_INET6, ifa->addr.s6_addr);
			rcu_read_unlock();
		}
		return NOTIFY_DONE;
	}
	queue_work(vrrp_wq, &vn->addr6_work);
	return NOTIFY_DONE;
}

/* The work inet6addr_event() queues. */
void vrrp_notifier_addr6_work(struct work_struct *work)
{
	struct vrrp_net *vn = container_of(work, struct vrrp_net, addr6_work);
	struct vrrp_instance *inst;

	rtnl_lock();
	list_for_each_entry(inst, &vn->sorted, node)
		if (inst->family == AF_INET6)
			vrrp_instance_refresh(inst);
	rtnl_unlock();
}

static struct notifier_block vrrp_netdev_nb = {
	.notifier_call = netdev_event,
};

static struct notifier_block vrrp_inetaddr_nb = {
	.notifier_call = inetaddr_event,
};

static struct notifier_block vrrp_inet6addr_nb = {
	.notifier_call = inet6addr_event,
};

int __init vrrp_notifier_register(void)
{
	int err;

	err = register_netdevice_notifier(&vrrp_netdev_nb);
	if (err)
		return err;
	err = register_inetaddr_notifier(&vrrp_inetaddr_nb);
	if (err)
		goto err_netdev;
	err = register_inet6addr_notifier(&vrrp_inet6addr_nb);
	if (err)
		goto err_inetaddr;
	return 0;

err_inetaddr:
	unregister_inetaddr_notifier(&vrrp_inetaddr_nb);
err_netdev:
	unregister_netdevice_notifier(&vrrp_netdev_nb);
	return err;
}

void vrrp_notifier_unregister(void)
{
	unregister_inet6addr_notifier(&vrrp_inet6addr_nb);
	unregister_inetaddr_notifier(&vrrp_inetaddr_nb);
	unregister_netdevice_notifier(&vrrp_netdev_nb);
}
