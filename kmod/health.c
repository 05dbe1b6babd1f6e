// SPDX-License-Identifier: GPL-2.0
/*
 * Health objects: the kernel keeps the state and does the failover,
 * userspace only reports health. A check (`vrrpadm check`, a script of the
 * user's) sets an object up or down; every instance that tracks it is
 * re-judged at once, under RTNL, as for an interface event.
 *
 * A checker that dies must not leave its object up forever, or the VIP
 * stays on a box whose service nobody checks any more: an object may have
 * a lease, and goes down when no SET renews it in time.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "health.h"
#include "instance.h"
#include "netlink.h"
#include "track.h"

/* Under RTNL. */
struct vrrp_health *vrrp_health_find(struct vrrp_net *vn, const char *name)
{
	struct vrrp_health *h;

	ASSERT_RTNL();
	list_for_each_entry(h, &vn->healths, node)
		if (!strcmp(h->name, name))
			return h;
	return NULL;
}

/* Under RTNL: the lease ran out without a renewal. */
static void lease_expired(struct vrrp_health *h)
{
	struct net *net = h->vn->net;

	h->up = false;
	if (net_eq(net, &init_net))
		pr_info("track %s: not renewed within %ums: down\n", h->name,
			h->lease_ms);
	else
		pr_info("track %s (netns %u): not renewed within %ums: down\n",
			h->name, net->ns.inum, h->lease_ms);
	vrrp_netlink_notify_health(h, VRRP_CMD_SET_TRACK);
	vrrp_track_health_changed(h->vn, h);
}

static void lease_work_fn(struct work_struct *work)
{
	struct vrrp_health *h = container_of(to_delayed_work(work),
					     struct vrrp_health, lease_work);

	rtnl_lock();
	/* A renewal that raced with us moved the deadline on. */
	if (!h->dead && h->up && h->lease_ms &&
	    time_after_eq(jiffies, h->expires))
		lease_expired(h);
	rtnl_unlock();
}

/* Under RTNL; the object starts up, without a lease. */
struct vrrp_health *vrrp_health_create(struct vrrp_net *vn, const char *name)
{
	struct vrrp_health *h, *pos;

	ASSERT_RTNL();
	h = kzalloc(sizeof(*h), GFP_KERNEL_ACCOUNT);
	if (!h)
		return NULL;
	h->vn = vn;
	strscpy(h->name, name, sizeof(h->name));
	h->up = true;
	INIT_DELAYED_WORK(&h->lease_work, lease_work_fn);
	list_for_each_entry(pos, &vn->healths, node)
		if (strcmp(pos->name, name) > 0)
			break;
	list_add_tail(&h->node, &pos->node);
	return h;
}

/* Under RTNL, after every SET: the lease starts again from now. */
void vrrp_health_renew(struct vrrp_health *h)
{
	unsigned long delay = msecs_to_jiffies(h->lease_ms);

	ASSERT_RTNL();
	if (!h->lease_ms) {
		cancel_delayed_work(&h->lease_work);
		return;
	}
	h->expires = jiffies + delay;
	mod_delayed_work(vrrp_wq, &h->lease_work, delay);
}

/* Under RTNL, with no user left; vrrp_health_free() after RTNL. */
void vrrp_health_unlink(struct vrrp_health *h)
{
	ASSERT_RTNL();
	WARN_ON(h->users);
	list_del(&h->node);
	h->dead = true;
}

/* Outside RTNL, which the lease work takes. */
void vrrp_health_free(struct vrrp_health *h)
{
	cancel_delayed_work_sync(&h->lease_work);
	kfree(h);
}

/* Once the namespace's instances are gone. */
void vrrp_health_net_exit(struct vrrp_net *vn)
{
	struct vrrp_health *h, *tmp;
	LIST_HEAD(gone);

	rtnl_lock();
	list_for_each_entry_safe(h, tmp, &vn->healths, node) {
		vrrp_health_unlink(h);
		list_add(&h->node, &gone);
	}
	rtnl_unlock();
	list_for_each_entry_safe(h, tmp, &gone, node)
		vrrp_health_free(h);
}
