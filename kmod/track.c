// SPDX-License-Identifier: GPL-2.0
/*
 * Interface and address events. Carrier loss is not a partition: an
 * instance without carrier or without a primary address goes to Initialize
 * and gives up its VIPs, and starts again by itself when both are back. An
 * interface that disappears (or leaves the namespace) takes its instances
 * with it.
 */

#include <linux/inetdevice.h>
#include <linux/netdevice.h>
#include <linux/rtnetlink.h>

#include "instance.h"
#include "track.h"

/*
 * Under RTNL, which also guards the instance tables against change: the
 * instances on @dev re-read its state, or go away with it.
 */
static void update_instances_on(struct net_device *dev, bool dev_gone)
{
	struct vrrp_net *vn = vrrp_net(dev_net(dev));
	struct vrrp_instance *inst, *tmp;

	ASSERT_RTNL();
	list_for_each_entry_safe(inst, tmp, &vn->sorted, node) {
		if (inst->dev != dev)
			continue;
		if (!dev_gone) {
			vrrp_instance_link_changed(inst);
			continue;
		}
		vrrp_instance_unlink(inst, VRRP_REASON_LINK_DOWN);
		vrrp_instance_destroy_later(inst);
	}
}

static int netdev_event(struct notifier_block *nb, unsigned long event,
			void *ptr)
{
	struct net_device *dev = netdev_notifier_info_to_dev(ptr);

	if (!vrrp_net(dev_net(dev))->nr_instances)
		return NOTIFY_DONE;
	switch (event) {
	case NETDEV_UP:
	case NETDEV_DOWN:
	case NETDEV_CHANGE:
		update_instances_on(dev, false);
		break;
	case NETDEV_UNREGISTER:
		update_instances_on(dev, true);
		break;
	}
	return NOTIFY_DONE;
}

static int inetaddr_event(struct notifier_block *nb, unsigned long event,
			  void *ptr)
{
	struct in_ifaddr *ifa = ptr;
	struct net_device *dev = ifa->ifa_dev->dev;

	/* Our own VIPs come and go without changing the primary address. */
	if (ifa->ifa_proto == VRRP_IFA_PROTO ||
	    !vrrp_net(dev_net(dev))->nr_instances)
		return NOTIFY_DONE;
	update_instances_on(dev, false);
	return NOTIFY_DONE;
}

static struct notifier_block vrrp_netdev_nb = {
	.notifier_call = netdev_event,
};

static struct notifier_block vrrp_inetaddr_nb = {
	.notifier_call = inetaddr_event,
};

int __init vrrp_track_register(void)
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

void vrrp_track_unregister(void)
{
	unregister_inetaddr_notifier(&vrrp_inetaddr_nb);
	unregister_netdevice_notifier(&vrrp_netdev_nb);
}
