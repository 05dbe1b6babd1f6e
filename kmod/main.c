// SPDX-License-Identifier: GPL-2.0
/*
 * vrrp.ko: the Virtual Router Redundancy Protocol (RFC 9568) in the kernel.
 * Module init and exit, and what every network namespace gets.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <net/genetlink.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "accept.h"
#include "health.h"
#include "instance.h"
#include "netlink.h"
#include "netns.h"
#include "rtnl.h"
#include "rx.h"
#include "notifier.h"

unsigned int vrrp_net_id __read_mostly;
struct workqueue_struct *vrrp_wq;

/*
 * Every vrrp_net, so that unloading can stop the instances of all
 * namespaces while the notifiers, the family and the namespaces' data are
 * all still there. Lock order: pernet_ops_rwsem, vrrp_nets_lock, RTNL.
 */
static LIST_HEAD(vrrp_nets);
static DEFINE_MUTEX(vrrp_nets_lock);
/* Set under RTNL once unloading has begun: no instance may be created. */
static bool going_away;

bool vrrp_unloading(void)
{
	ASSERT_RTNL();
	return going_away;
}

/*
 * Under RTNL, before each instance is created: the namespace's table, VIP
 * socket and receive hook come with its first instance and stay until the
 * namespace goes. The hook stays even when the last instance is deleted:
 * registering the first LOCAL_IN hook of the host flips a static key,
 * which patches kernel text on every CPU, and a script that deletes and
 * re-creates its only instance would do that each time.
 */
int vrrp_net_prepare(struct vrrp_net *vn, struct netlink_ext_ack *extack)
{
	struct hlist_head *table;
	int i, err;

	ASSERT_RTNL();
	if (!rtnl_dereference(vn->table)) {
		table = kvmalloc_array(1 << VRRP_HASH_BITS, sizeof(*table),
				       GFP_KERNEL_ACCOUNT);
		if (!table) {
			NL_SET_ERR_MSG(extack, "out of memory for the namespace's tables");
			return -ENOMEM;
		}
		for (i = 0; i < 1 << VRRP_HASH_BITS; i++)
			INIT_HLIST_HEAD(&table[i]);
		rcu_assign_pointer(vn->table, table);
	}
	err = vrrp_rtnl_net_prepare(vn);
	if (err) {
		NL_SET_ERR_MSG(extack, "out of memory for the namespace's tables");
		return err;
	}
	if (!vn->hooked) {
		err = vrrp_rx_register(vn);
		if (err) {
			NL_SET_ERR_MSG(extack, "could not register the receive hook");
			return err;
		}
		vn->hooked = true;
	}
	return 0;
}

static int __net_init vrrp_net_init(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);

	vn->net = net;
	INIT_LIST_HEAD(&vn->sorted);
	INIT_LIST_HEAD(&vn->healths);
	INIT_LIST_HEAD(&vn->groups);
	INIT_LIST_HEAD(&vn->vmac_ports);
	mutex_init(&vn->rtnl_sock_lock);
	INIT_WORK(&vn->addr6_work, vrrp_notifier_addr6_work);
	vrrp_accept_net_init(vn);
	mutex_lock(&vrrp_nets_lock);
	list_add(&vn->all, &vrrp_nets);
	mutex_unlock(&vrrp_nets_lock);
	return 0;
}

/* Stops every instance of the namespace: priority 0 out, VIPs removed. */
static void vrrp_net_stop(struct vrrp_net *vn)
{
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
}

static void __net_exit vrrp_net_exit(struct net *net)
{
	struct vrrp_net *vn = vrrp_net(net);

	mutex_lock(&vrrp_nets_lock);
	list_del(&vn->all);
	mutex_unlock(&vrrp_nets_lock);
	vrrp_net_stop(vn);
	cancel_work_sync(&vn->addr6_work);
	vrrp_health_net_exit(vn);
	vrrp_rtnl_net_exit(vn);
	if (vn->hooked)
		vrrp_rx_unregister(vn);
}

/*
 * The devices may still pass packets (they go after us), and on rmmod
 * the namespaces live on: a hook that was running when it was
 * unregistered may still read the table, and the pernet data it points
 * at is freed once we return. One grace period for the whole batch.
 */
static void __net_exit vrrp_net_exit_batch(struct list_head *net_exit_list)
{
	struct net *net;

	synchronize_net();
	list_for_each_entry(net, net_exit_list, exit_list)
		kvfree(rcu_dereference_protected(vrrp_net(net)->table, true));
}

static struct pernet_operations vrrp_net_ops = {
	.init = vrrp_net_init,
	.exit = vrrp_net_exit,
	.exit_batch = vrrp_net_exit_batch,
	.id = &vrrp_net_id,
	.size = sizeof(struct vrrp_net),
};

/*
 * Unloading stops every instance first, while everything it needs is
 * still registered: masters send priority 0 (RFC 9568 6.4.3), VIPs are
 * removed, and the shutdown events still reach `vrrpadm monitor`.
 */
static void vrrp_stop_all(void)
{
	struct vrrp_net *vn;

	rtnl_lock();
	going_away = true;
	rtnl_unlock();
	mutex_lock(&vrrp_nets_lock);
	list_for_each_entry(vn, &vrrp_nets, all)
		vrrp_net_stop(vn);
	mutex_unlock(&vrrp_nets_lock);
}

static int __init vrrp_init(void)
{
	int err;

	err = vrrp_instance_cache_create();
	if (err)
		return err;
	vrrp_wq = alloc_workqueue("vrrp", WQ_UNBOUND | WQ_HIGHPRI, 0);
	if (!vrrp_wq) {
		err = -ENOMEM;
		goto err_cache;
	}
	err = vrrp_timers_register();
	if (err)
		goto err_wq;
	err = register_pernet_subsys(&vrrp_net_ops);
	if (err)
		goto err_timers;
	err = vrrp_notifier_register();
	if (err)
		goto err_pernet;
	err = vrrp_netlink_register();
	if (err)
		goto err_notifier;
	pr_info("VRRPv3 (RFC 9568) loaded\n");
	return 0;

err_notifier:
	vrrp_notifier_unregister();
err_pernet:
	unregister_pernet_subsys(&vrrp_net_ops);
err_timers:
	vrrp_timers_unregister();
err_wq:
	destroy_workqueue(vrrp_wq);
err_cache:
	vrrp_instance_cache_destroy();
	return err;
}

/*
 * The reverse of init, once no instance is left: unregistering the
 * notifiers replays DOWN and UNREGISTER for every device, which must find
 * every namespace's data still there and nothing to do.
 */
static void __exit vrrp_exit(void)
{
	vrrp_stop_all();
	vrrp_netlink_unregister();
	vrrp_notifier_unregister();
	unregister_pernet_subsys(&vrrp_net_ops);
	destroy_workqueue(vrrp_wq);
	vrrp_timers_unregister();
	/* call_rcu() of the last instances must not outlive the module. */
	rcu_barrier();
	vrrp_instance_cache_destroy();
	pr_info("unloaded\n");
}

module_init(vrrp_init);
module_exit(vrrp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("Virtual Router Redundancy Protocol (RFC 9568)");
MODULE_ALIAS_GENL_FAMILY(VRRP_GENL_NAME);
