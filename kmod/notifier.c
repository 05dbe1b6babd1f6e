// SPDX-License-Identifier: GPL-2.0
/*
 * Interface and address events. Carrier loss is not a partition: an
 * instance that cannot hear or be heard (no carrier, no primary address,
 * no 224.0.0.18 membership, or its interface enslaved to a bridge or bond)
 * goes to Initialize and gives up its VIPs, and starts again by itself when
 * it can. An interface that disappears (or leaves the namespace) takes its
 * instances with it. A VIP deleted by hand from a master is put back.
 * Instances that track an interface hear about it too (track.c).
 */

#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

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

static void vip_gone(struct vrrp_net *vn, struct net_device *dev,
		     __be32 addr)
{
	struct vrrp_instance *inst;

	list_for_each_entry(inst, &vn->sorted, node)
		if (inst->dev == dev)
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
			vip_gone(vn, dev, ifa->ifa_local);
		return NOTIFY_DONE;
	}
	device_changed(vn, dev);
	return NOTIFY_DONE;
}

static struct notifier_block vrrp_netdev_nb = {
	.notifier_call = netdev_event,
};

static struct notifier_block vrrp_inetaddr_nb = {
	.notifier_call = inetaddr_event,
};

int __init vrrp_notifier_register(void)
{
	int err;

	err = register_netdevice_notifier(&vrrp_netdev_nb);
	if (err)
		return err;
	err = register_inetaddr_notifier(&vrrp_inetaddr_nb);
	if (err)
		unregister_netdevice_notifier(&vrrp_netdev_nb);
	return err;
}

void vrrp_notifier_unregister(void)
{
	unregister_inetaddr_notifier(&vrrp_inetaddr_nb);
	unregister_netdevice_notifier(&vrrp_netdev_nb);
}
