// SPDX-License-Identifier: GPL-2.0
/*
 * What an instance tracks, health objects and interfaces, and what that
 * makes of it: an effective priority, or fault (priority.c has the
 * rules). Judged under RTNL, which orders health objects, interfaces and
 * instance configuration, whenever any of them changes.
 *
 * Interfaces are tracked by name, as keepalived does: one deleted counts
 * as down, and one created again under the name (a VLAN or bond that a
 * network manager re-creates) is tracked again.
 */

#include <linux/netdevice.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "health.h"
#include "instance.h"
#include "priority.h"
#include "track.h"

struct vrrp_track_list *vrrp_track_list_alloc(unsigned int n)
{
	return kzalloc(struct_size_t(struct vrrp_track_list, refs, n),
		       GFP_KERNEL_ACCOUNT);
}

/* Under RTNL: the health objects in @list cannot go while it lives. */
void vrrp_track_list_hold(struct vrrp_track_list *list)
{
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; list && i < list->nr; i++)
		if (list->refs[i].health)
			list->refs[i].health->users++;
}

/* Under RTNL: lets the objects go, and frees @list (NULL: nothing). */
void vrrp_track_list_put(struct vrrp_track_list *list)
{
	unsigned int i;

	ASSERT_RTNL();
	for (i = 0; list && i < list->nr; i++)
		if (list->refs[i].health)
			list->refs[i].health->users--;
	kfree(list);
}

/* Up, and with carrier: what keepalived's track_interface calls up. */
static bool dev_up(struct vrrp_net *vn, const char *ifname)
{
	struct net_device *dev = __dev_get_by_name(vn->net, ifname);

	return dev && netif_running(dev) && netif_carrier_ok(dev);
}

void vrrp_track_judge(struct vrrp_net *vn, struct vrrp_track_list *list,
		      u8 configured, struct vrrp_track_verdict *v)
{
	struct vrrp_tracked t[VRRP_MAX_TRACKS];
	struct vrrp_verdict pv;
	unsigned int i, n = list ? list->nr : 0;

	ASSERT_RTNL();
	for (i = 0; i < n; i++) {
		struct vrrp_track_ref *ref = &list->refs[i];
		struct vrrp_health *h = ref->health;

		t[i].up = h ? h->up : dev_up(vn, ref->ifname);
		t[i].has_weight = ref->has_weight;
		t[i].weight = ref->weight;
		t[i].has_value = h && h->has_value;
		t[i].value = h ? h->value : 0;
		/* Dumps read it under the instance lock, not RTNL. */
		WRITE_ONCE(ref->up, t[i].up);
	}
	vrrp_priority_judge(configured, t, n, &pv);
	v->priority = pv.priority;
	v->fault = pv.fault_by >= 0;
	v->reason = VRRP_REASON_NONE;
	if (v->fault)
		v->reason = list->refs[pv.fault_by].health ?
			    VRRP_REASON_TRACK : VRRP_REASON_TRACK_DEV;
}

static bool tracks_health(const struct vrrp_track_list *list,
			  const struct vrrp_health *h)
{
	unsigned int i;

	for (i = 0; list && i < list->nr; i++)
		if (list->refs[i].health == h)
			return true;
	return false;
}

/* @ifname NULL: any interface (one was renamed). */
static bool tracks_dev(const struct vrrp_track_list *list,
		       const char *ifname)
{
	unsigned int i;

	if (!list || !list->nr_devs)
		return false;
	for (i = 0; i < list->nr; i++)
		if (!list->refs[i].health &&
		    (!ifname || !strcmp(list->refs[i].ifname, ifname)))
			return true;
	return false;
}

/* Under RTNL: @h changed; every instance tracking it is judged again. */
void vrrp_track_health_changed(struct vrrp_net *vn,
			       const struct vrrp_health *h)
{
	struct vrrp_instance *inst;

	ASSERT_RTNL();
	list_for_each_entry(inst, &vn->sorted, node)
		if (tracks_health(inst->tracks, h))
			vrrp_instance_refresh(inst);
}

/* Under RTNL, on an interface event: the instances tracking it. */
void vrrp_track_dev_changed(struct vrrp_net *vn, const char *ifname)
{
	struct vrrp_instance *inst;

	ASSERT_RTNL();
	if (!vn->nr_dev_trackers)
		return;
	list_for_each_entry(inst, &vn->sorted, node)
		if (tracks_dev(inst->tracks, ifname))
			vrrp_instance_refresh(inst);
}
