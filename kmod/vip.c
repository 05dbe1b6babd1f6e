// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual addresses: the master holds them on its interface (or on the
 * one a VIP names), nobody else does. They go through rtnetlink (rtnl.c).
 * Addresses we add carry IFA_PROTO VRRP_IFA_PROTO; we only ever remove the
 * ones we added. IPv6 VIPs skip duplicate address detection: the address
 * moves between routers by design, and a master must answer for it at
 * once.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_addr.h>
#include <linux/slab.h>

#include "accept.h"
#include "instance.h"
#include "route.h"
#include "rtnl.h"
#include "vip.h"

/* Under RCU: the interface a VIP goes on; NULL if it is gone. */
struct net_device *vrrp_vip_dev_rcu(const struct vrrp_instance *inst,
				    const struct vrrp_vip_place *place)
{
	if (!place || !place->ifindex)
		return inst->dev;
	return dev_get_by_index_rcu(inst->vn->net, place->ifindex);
}

/* RTM_NEWADDR or RTM_DELADDR of one VIP. */
static int change_addr(struct vrrp_instance *inst, int type, const u8 *addr,
		       u8 prefixlen, const struct vrrp_vip_place *place)
{
	const struct vrrp_af *af = inst->af;
	u32 flags = IFA_F_NODAD;
	struct vrrp_rtnl_req req = {};
	u8 proto = VRRP_IFA_PROTO;

	req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifa));
	req.nlh.nlmsg_type = type;
	if (type == RTM_NEWADDR)
		req.nlh.nlmsg_flags = NLM_F_CREATE | NLM_F_EXCL;
	req.ifa.ifa_family = af->family;
	req.ifa.ifa_prefixlen = prefixlen;
	req.ifa.ifa_scope = place ? place->scope : RT_SCOPE_UNIVERSE;
	req.ifa.ifa_index = place && place->ifindex ? place->ifindex :
			    inst->dev->ifindex;
	vrrp_rtnl_put(&req, IFA_LOCAL, addr, af->addr_len);
	vrrp_rtnl_put(&req, IFA_ADDRESS, addr, af->addr_len);
	if (type == RTM_NEWADDR) {
		vrrp_rtnl_put(&req, IFA_PROTO, &proto, sizeof(proto));
		if (af->family == AF_INET6)
			vrrp_rtnl_put(&req, IFA_FLAGS, &flags, sizeof(flags));
		if (place && place->label[0])
			vrrp_rtnl_put(&req, IFA_LABEL, place->label,
				      strlen(place->label) + 1);
	}
	return vrrp_rtnl_request(inst->vn, &req);
}

static size_t data_len(u8 addr_len, unsigned int cap, bool placed)
{
	size_t len = cap * (addr_len + 1);

	if (placed)
		len = ALIGN(len, 4) + cap * sizeof(struct vrrp_vip_place);
	return len;
}

/*
 * An empty list with room for @cap addresses of @addr_len bytes, and their
 * places if @placed.
 */
struct vrrp_vip_list *vrrp_vip_list_alloc(u8 addr_len, unsigned int cap,
					  bool placed, gfp_t gfp)
{
	struct vrrp_vip_list *list;

	list = kzalloc(struct_size(list, data, data_len(addr_len, cap, placed)),
		       gfp);
	if (list) {
		list->addr_len = addr_len;
		list->cap = cap;
		list->placed = placed;
	}
	return list;
}

size_t vrrp_vip_list_size(const struct vrrp_vip_list *list)
{
	return struct_size(list, data, data_len(list->addr_len, list->cap,
						list->placed));
}

/* @place: NULL for the defaults; ignored by a list without places. */
void vrrp_vip_list_add(struct vrrp_vip_list *list, const u8 *addr,
		       u8 prefixlen, const struct vrrp_vip_place *place)
{
	int i = list->nr++;

	memcpy(list->data + i * list->addr_len, addr, list->addr_len);
	list->data[list->cap * list->addr_len + i] = prefixlen;
	if (list->placed && place)
		memcpy((struct vrrp_vip_place *)vrrp_vip_place(list, i), place,
		       sizeof(*place));
}

/* Where @addr stands in @list, or -1; a NULL list is an empty one. */
int vrrp_vip_list_find(const struct vrrp_vip_list *list, const u8 *addr)
{
	int i;

	for (i = 0; list && i < list->nr; i++)
		if (!memcmp(vrrp_vip_addr(list, i), addr, list->addr_len))
			return i;
	return -1;
}

static bool same_place(const struct vrrp_vip_place *a,
		       const struct vrrp_vip_place *b)
{
	static const struct vrrp_vip_place unplaced;

	return !memcmp(a ?: &unplaced, b ?: &unplaced, sizeof(*a));
}

/* Whether @list has @addr with that prefix length, in that place. */
static bool listed(const struct vrrp_vip_list *list, const u8 *addr,
		   u8 prefixlen, const struct vrrp_vip_place *place)
{
	int i = vrrp_vip_list_find(list, addr);

	return i >= 0 && vrrp_vip_prefixlen(list, i) == prefixlen &&
	       same_place(vrrp_vip_place(list, i), place);
}

/*
 * What the addresses on the interface should be right now: a copy, as the
 * requests below sleep. ERR_PTR(-ENOMEM) when the copy failed. *@guard:
 * whether they take only ARP and neighbor discovery (noaccept, not the
 * owner).
 */
static struct vrrp_vip_list *wanted_vips(struct vrrp_instance *inst,
					 bool *guard)
{
	const struct vrrp_vip_list *vips;
	struct vrrp_vip_list *want = NULL;

	spin_lock_bh(&inst->lock);
	*guard = !inst->cfg.accept &&
		 inst->cfg.priority != VRRP_PRIORITY_OWNER;
	if (inst->vips_wanted && !inst->dead) {
		vips = rcu_dereference_protected(inst->vips,
						 lockdep_is_held(&inst->lock));
		want = kmemdup(vips, vrrp_vip_list_size(vips), GFP_ATOMIC);
		if (!want)
			want = ERR_PTR(-ENOMEM);
	}
	spin_unlock_bh(&inst->lock);
	return want;
}

/* Removes what we added and is no longer wanted; keeps what failed. */
static void remove_unwanted(struct vrrp_instance *inst,
			    const struct vrrp_vip_list *old,
			    const struct vrrp_vip_list *want,
			    struct vrrp_vip_list *now)
{
	const struct vrrp_vip_place *place;
	char str[VRRP_ADDR_STR_LEN];
	const u8 *addr;
	u8 plen;
	int i, err;

	for (i = 0; old && i < old->nr; i++) {
		addr = vrrp_vip_addr(old, i);
		plen = vrrp_vip_prefixlen(old, i);
		place = vrrp_vip_place(old, i);
		if (listed(want, addr, plen, place)) {
			vrrp_vip_list_add(now, addr, plen, place);
			continue;
		}
		err = change_addr(inst, RTM_DELADDR, addr, plen, place);
		if (!err || err == -EADDRNOTAVAIL || err == -ENODEV)
			continue;
		/* Still ours and still there: the next sync tries again. */
		vrrp_vip_list_add(now, addr, plen, place);
		pr_warn_ratelimited("%s vrid %u %s: removing %s: error %d\n",
				    netdev_name(inst->dev), inst->vrid,
				    inst->af->name,
				    vrrp_addr_str(inst->af, addr, str), err);
	}
}

/* Whether VIP @i of @list is on its interface; false if that is gone. */
static bool present(struct vrrp_instance *inst,
		    const struct vrrp_vip_list *list, int i)
{
	struct net_device *dev;
	bool there;

	rcu_read_lock();
	dev = vrrp_vip_dev_rcu(inst, vrrp_vip_place(list, i));
	there = dev && inst->af->addr_present(dev, vrrp_vip_addr(list, i));
	rcu_read_unlock();
	return there;
}

/*
 * Adds every wanted VIP its interface does not have. One that we had added
 * and is gone was removed by hand (`ip addr del`, a flush, its primary
 * deleted): a master puts it back, rate-limited by the caller.
 */
static void add_missing(struct vrrp_instance *inst,
			const struct vrrp_vip_list *want,
			struct vrrp_vip_list *now)
{
	const struct vrrp_vip_place *place;
	char str[VRRP_ADDR_STR_LEN];
	const u8 *addr;
	bool ours;
	u8 plen;
	int i, err;

	for (i = 0; i < want->nr; i++) {
		addr = vrrp_vip_addr(want, i);
		plen = vrrp_vip_prefixlen(want, i);
		place = vrrp_vip_place(want, i);
		if (present(inst, want, i))
			continue;
		ours = listed(now, addr, plen, place);
		err = change_addr(inst, RTM_NEWADDR, addr, plen, place);
		if (err) {
			/* -ENODEV: the interface is going away with its namespace. */
			if (err != -EEXIST && err != -ENODEV)
				pr_warn_ratelimited("%s vrid %u %s: adding %s/%u: error %d\n",
						    netdev_name(inst->dev),
						    inst->vrid, inst->af->name,
						    vrrp_addr_str(inst->af, addr,
								  str),
						    plen, err);
			continue;
		}
		if (!ours) {
			vrrp_vip_list_add(now, addr, plen, place);
			continue;
		}
		vrrp_count(inst, VRRP_STAT_VIP_RESTORED);
		pr_info_ratelimited("%s vrid %u %s: %s/%u was removed by hand; restored\n",
				    netdev_name(inst->dev), inst->vrid,
				    inst->af->name,
				    vrrp_addr_str(inst->af, addr, str), plen);
	}
}

/*
 * Makes the interfaces hold exactly the VIPs the state machine wants, as
 * they are now, not as we left them, and the routing table the virtual
 * routes: added after the VIPs (a gateway may be reachable through one),
 * removed before them. An address someone else configured is left as
 * theirs. Returns -ENOMEM when it must run again, else 1 if the VIPs were
 * wanted (and put on) and 0 if not: what this run saw, which the state
 * machine may have changed since.
 */
int vrrp_vip_sync(struct vrrp_instance *inst)
{
	struct vrrp_vip_list *want, *old, *now;
	struct vrrp_route_list *routes = NULL;
	unsigned int cap;
	int ret = -ENOMEM;
	bool guard;

	mutex_lock(&inst->vip_lock);
	want = wanted_vips(inst, &guard);
	if (IS_ERR(want))
		goto out_unlock;
	if (want) {
		routes = vrrp_routes_wanted(inst);
		if (IS_ERR(routes))
			goto out;
	}
	/* Before the VIPs go, and without memory to allocate. */
	if (!want)
		vrrp_routes_sync(inst, NULL);
	old = inst->applied;
	cap = (old ? old->nr : 0) + (want ? want->nr : 0);
	now = vrrp_vip_list_alloc(inst->af->addr_len, cap,
				  (old && old->placed) || (want && want->placed),
				  GFP_KERNEL_ACCOUNT);
	if (!now)
		goto out_routes;
	/* Guarded before they are added: nothing slips in meanwhile. */
	if (guard && want)
		vrrp_accept_guard(inst, want);
	remove_unwanted(inst, old, want, now);
	if (want)
		add_missing(inst, want, now);
	inst->applied = now;
	/* Only ours: an address someone else configured stays theirs. */
	vrrp_accept_guard(inst, guard && want ? now : NULL);
	if (want) {
		vrrp_routes_sync(inst, routes);
		routes = NULL;
	}
	kfree(old);
	ret = !!want;
out_routes:
	kfree(routes);
out:
	kfree(want);
out_unlock:
	mutex_unlock(&inst->vip_lock);
	return ret;
}
