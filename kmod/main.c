// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp.ko: the Virtual Router Redundancy Protocol (RFC 9568) in the kernel.
 * Module init and exit, and what every network namespace gets.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/rtnetlink.h>

#include "instance.h"
#include "netlink.h"
#include "netns.h"
#include "track.h"
#include "vip.h"

unsigned int vrrp_net_id __read_mostly;
struct workqueue_struct *vrrp_wq;

static int __net_init vrrp_net_init(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);

	vn->net = net;
	hash_init(vn->table);
	INIT_LIST_HEAD(&vn->sorted);
	return vrrp_vip_net_init(vn);
}

/* Stops every instance of the namespace: priority 0 out, VIPs removed. */
static void __net_exit vrrp_net_exit(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);
	struct vrrp_instance *inst;

	for (;;) {
		rtnl_lock();
		inst = list_first_entry_or_null(&vn->sorted,
						struct vrrp_instance, node);
		if (inst)
			vrrp_instance_unlink(inst, VRRP_REASON_SHUTDOWN);
		rtnl_unlock();
		if (!inst)
			break;
		vrrp_instance_release(inst);
	}
	/* Instances whose interface went away are released from vrrp_wq. */
	flush_workqueue(vrrp_wq);
	vrrp_vip_net_exit(vn);
}

static struct pernet_operations vrrp_net_ops = {
	.init = vrrp_net_init,
	.exit = vrrp_net_exit,
	.id = &vrrp_net_id,
	.size = sizeof(struct vrrp_net),
};

static int __init vrrp_init(void)
{
	int err;

	vrrp_wq = alloc_workqueue("vrrp", WQ_UNBOUND | WQ_HIGHPRI, 0);
	if (!vrrp_wq)
		return -ENOMEM;
	err = register_pernet_subsys(&vrrp_net_ops);
	if (err)
		goto err_wq;
	err = vrrp_track_register();
	if (err)
		goto err_pernet;
	err = vrrp_netlink_register();
	if (err)
		goto err_track;
	pr_info("VRRPv3 (RFC 9568) loaded\n");
	return 0;

err_track:
	vrrp_track_unregister();
err_pernet:
	unregister_pernet_subsys(&vrrp_net_ops);
err_wq:
	destroy_workqueue(vrrp_wq);
	return err;
}

static void __exit vrrp_exit(void)
{
	vrrp_netlink_unregister();
	unregister_pernet_subsys(&vrrp_net_ops);
	vrrp_track_unregister();
	destroy_workqueue(vrrp_wq);
	/* kfree_rcu() of the last instances must not outlive the module. */
	rcu_barrier();
	pr_info("unloaded\n");
}

module_init(vrrp_init);
module_exit(vrrp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Virtual Router Redundancy Protocol (RFC 9568)");
MODULE_ALIAS_GENL_FAMILY(VRRP_GENL_NAME);
