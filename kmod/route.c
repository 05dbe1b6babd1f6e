// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual routes (keepalived's virtual_routes): routes the active router
 * adds with its VIPs and removes with them, through rtnetlink like
 * `ip route` would. They carry rtm_protocol VRRP_IFA_PROTO, and a delete
 * names that protocol, so a route someone else added with the same
 * destination is never ours to remove. A route on an interface enslaved to
 * a VRF goes into the VRF's table.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/slab.h>
#include <net/l3mdev.h>

#include "instance.h"
#include "route.h"
#include "rtnl.h"

struct vrrp_route_list *vrrp_route_list_alloc(unsigned int n, gfp_t gfp)
{
	struct vrrp_route_list *list;

	list = kzalloc(struct_size(list, r, n), gfp);
	return list;
}

static size_t list_size(const struct vrrp_route_list *list)
{
	return struct_size(list, r, list->nr);
}

/* Where @r stands in @list (same destination and prefix), or -1. */
int vrrp_route_list_find(const struct vrrp_route_list *list,
			 const struct vrrp_route *r)
{
	int i;

	for (i = 0; list && i < list->nr; i++)
		if (list->r[i].prefixlen == r->prefixlen &&
		    !memcmp(list->r[i].dst, r->dst, sizeof(r->dst)))
			return i;
	return -1;
}

static bool listed(const struct vrrp_route_list *list,
		   const struct vrrp_route *r)
{
	int i = vrrp_route_list_find(list, r);

	return i >= 0 && !memcmp(&list->r[i], r, sizeof(*r));
}

/*
 * A copy of the configured routes, as the requests sleep: NULL for none,
 * ERR_PTR(-ENOMEM).
 */
struct vrrp_route_list *vrrp_routes_wanted(struct vrrp_instance *inst)
{
	struct vrrp_route_list *want = NULL;

	spin_lock_bh(&inst->lock);
	if (inst->routes) {
		want = kmemdup(inst->routes, list_size(inst->routes),
			       GFP_ATOMIC);
		if (!want)
			want = ERR_PTR(-ENOMEM);
	}
	spin_unlock_bh(&inst->lock);
	return want;
}

/* RTM_NEWROUTE or RTM_DELROUTE of one route. */
static int change_route(struct vrrp_instance *inst, int type,
			const struct vrrp_route *r)
{
	const struct vrrp_af *af = inst->af;
	u32 oif = r->ifindex ?: r->has_gw ? 0 : inst->dev->ifindex;
	struct vrrp_rtnl_req req = {};
	u32 table;

	table = l3mdev_fib_table_by_index(inst->vn->net,
					  oif ?: inst->dev->ifindex) ?:
		RT_TABLE_MAIN;
	req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(req.rtm));
	req.nlh.nlmsg_type = type;
	if (type == RTM_NEWROUTE)
		req.nlh.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	req.rtm.rtm_family = af->family;
	req.rtm.rtm_dst_len = r->prefixlen;
	req.rtm.rtm_table = table < 256 ? table : RT_TABLE_UNSPEC;
	req.rtm.rtm_protocol = VRRP_IFA_PROTO;
	req.rtm.rtm_scope = r->has_gw ? RT_SCOPE_UNIVERSE : RT_SCOPE_LINK;
	req.rtm.rtm_type = RTN_UNICAST;
	vrrp_rtnl_put(&req, RTA_TABLE, &table, sizeof(table));
	vrrp_rtnl_put(&req, RTA_DST, r->dst, af->addr_len);
	if (r->has_gw)
		vrrp_rtnl_put(&req, RTA_GATEWAY, r->gw, af->addr_len);
	if (oif)
		vrrp_rtnl_put(&req, RTA_OIF, &oif, sizeof(oif));
	return vrrp_rtnl_request(inst->vn, &req);
}

static void complain(struct vrrp_instance *inst, const char *what,
		     const struct vrrp_route *r, int err)
{
	char str[VRRP_ADDR_STR_LEN];

	pr_warn_ratelimited("%s vrid %u %s: %s route %s/%u: error %d\n",
			    netdev_name(inst->dev), inst->vrid, inst->af->name,
			    what, vrrp_addr_str(inst->af, r->dst, str),
			    r->prefixlen, err);
}

/*
 * In process context, under the VIP lock: removes the routes we added that
 * @want (NULL: none) does not list, adds those it lists, and keeps @want
 * as what is applied. A route that was removed by hand is added again; one
 * the kernel refuses is tried again on the next run.
 */
void vrrp_routes_sync(struct vrrp_instance *inst,
		      struct vrrp_route_list *want)
{
	struct vrrp_route_list *old = inst->applied_routes;
	int i, err;

	lockdep_assert_held(&inst->vip_lock);
	for (i = 0; old && i < old->nr; i++) {
		if (listed(want, &old->r[i]))
			continue;
		err = change_route(inst, RTM_DELROUTE, &old->r[i]);
		if (err && err != -ESRCH && err != -ENODEV)
			complain(inst, "removing", &old->r[i], err);
	}
	for (i = 0; want && i < want->nr; i++) {
		err = change_route(inst, RTM_NEWROUTE, &want->r[i]);
		if (err && err != -EEXIST && err != -ENODEV)
			complain(inst, "adding", &want->r[i], err);
	}
	inst->applied_routes = want;
	kfree(old);
}
