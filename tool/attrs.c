// SPDX-License-Identifier: GPL-2.0
/*
 * add and set share this builder: only what the user typed is sent, so
 * set leaves the rest alone and add gets the kernel's defaults. Values are
 * not range-checked here: the kernel does, and its extack says why.
 */
#include <net/if.h>
#include <netlink/attr.h>

#include <linux/vrrp.h>

#include "attrs.h"

size_t attrs_size(const struct vrrp_config *c)
{
	/*
	 * 256 bytes cover every scalar, then the instance's name; each vip
	 * is three small attributes, each track three, a name of at most 32
	 * bytes among them.
	 */
	return 256 + NLA_HDRLEN + VRRP_NAME_MAX + (c->nvips + c->npeers) * (6 * NLA_HDRLEN + VIP_ADDR_MAX +
					       IF_NAMESIZE + 12) +
	       c->ntracks * (3 * NLA_HDRLEN + VRRP_TRACK_NAME_MAX + 4) +
	       c->nroutes * (5 * NLA_HDRLEN + 2 * VIP_ADDR_MAX + 8);
}

int attrs_put_key(struct nl_msg *msg, const struct vrrp_config *c)
{
	NLA_PUT_U32(msg, VRRP_A_IFINDEX, c->ifindex);
	NLA_PUT_U8(msg, VRRP_A_VRID, c->vrid);
	/* Only when typed: the kernel defaults to inet anyway. */
	if (config_has(c, CFG_FAMILY))
		NLA_PUT_U16(msg, VRRP_A_FAMILY, c->family->af);
	return 0;

nla_put_failure:
	return -1;
}

/* NLA_F_NESTED is set by hand: strict kernel policies demand it. */
static int put_vips(struct nl_msg *msg, const struct vrrp_config *c)
{
	struct nlattr *list, *vip;

	list = nla_nest_start(msg, VRRP_A_VIPS | NLA_F_NESTED);
	if (!list)
		return -1;
	for (size_t i = 0; i < c->nvips; i++) {
		vip = nla_nest_start(msg, VRRP_VIP_A | NLA_F_NESTED);
		if (!vip)
			return -1;
		NLA_PUT(msg, VRRP_VIP_A_ADDR, (int)c->family->addr_len,
			c->vips[i].addr);
		NLA_PUT_U8(msg, VRRP_VIP_A_PREFIXLEN, c->vips[i].plen);
		if (c->vips[i].excluded)
			NLA_PUT_FLAG(msg, VRRP_VIP_A_EXCLUDED);
		if (c->vips[i].dev)
			NLA_PUT_U32(msg, VRRP_VIP_A_IFINDEX, c->vips[i].ifindex);
		if (c->vips[i].label)
			NLA_PUT_STRING(msg, VRRP_VIP_A_LABEL, c->vips[i].label);
		if (c->vips[i].scope >= 0)
			NLA_PUT_U8(msg, VRRP_VIP_A_SCOPE,
				   (uint8_t)c->vips[i].scope);
		nla_nest_end(msg, vip);
	}
	nla_nest_end(msg, list);
	return 0;

nla_put_failure:
	return -1;
}

/*
 * Names longer than the kernel takes are sent whole: it says what is
 * wrong. No entry ("notrack") is an empty nest, which nla_nest_end() would
 * drop from the message: put by hand.
 */
static int put_tracks(struct nl_msg *msg, const struct vrrp_config *c)
{
	struct nlattr *list, *track;

	if (!c->ntracks)
		return nla_put(msg, VRRP_A_TRACKS | NLA_F_NESTED, 0, NULL);
	list = nla_nest_start(msg, VRRP_A_TRACKS | NLA_F_NESTED);
	if (!list)
		return -1;
	for (size_t i = 0; i < c->ntracks; i++) {
		const struct config_track *t = &c->tracks[i];

		track = nla_nest_start(msg, VRRP_TRACK_A | NLA_F_NESTED);
		if (!track)
			return -1;
		if (t->dev)
			NLA_PUT_U32(msg, VRRP_TRACK_A_IFINDEX, t->ifindex);
		else
			NLA_PUT_STRING(msg, VRRP_TRACK_A_NAME, t->name);
		if (t->has_weight)
			NLA_PUT_S32(msg, VRRP_TRACK_A_WEIGHT, t->weight);
		nla_nest_end(msg, track);
	}
	nla_nest_end(msg, list);
	return 0;

nla_put_failure:
	return -1;
}

/* An empty VRRP_A_PEERS ("nopeer") goes back to multicast: put by hand. */
static int put_peers(struct nl_msg *msg, const struct vrrp_config *c)
{
	struct nlattr *list;

	if (!c->npeers)
		return nla_put(msg, VRRP_A_PEERS | NLA_F_NESTED, 0, NULL);
	list = nla_nest_start(msg, VRRP_A_PEERS | NLA_F_NESTED);
	if (!list)
		return -1;
	for (size_t i = 0; i < c->npeers; i++)
		NLA_PUT(msg, VRRP_PEER_A, (int)c->family->addr_len,
			c->peers[i].addr);
	nla_nest_end(msg, list);
	return 0;

nla_put_failure:
	return -1;
}

/* An empty VRRP_A_ROUTES ("noroute") removes them all: put by hand. */
static int put_routes(struct nl_msg *msg, const struct vrrp_config *c)
{
	struct nlattr *list, *route;

	if (!c->nroutes)
		return nla_put(msg, VRRP_A_ROUTES | NLA_F_NESTED, 0, NULL);
	list = nla_nest_start(msg, VRRP_A_ROUTES | NLA_F_NESTED);
	if (!list)
		return -1;
	for (size_t i = 0; i < c->nroutes; i++) {
		const struct config_route *r = &c->routes[i];

		route = nla_nest_start(msg, VRRP_ROUTE_A | NLA_F_NESTED);
		if (!route)
			return -1;
		NLA_PUT(msg, VRRP_ROUTE_A_DST, (int)c->family->addr_len,
			r->dst.addr);
		NLA_PUT_U8(msg, VRRP_ROUTE_A_PREFIXLEN, r->dst.plen);
		if (r->via)
			NLA_PUT(msg, VRRP_ROUTE_A_GATEWAY,
				(int)c->family->addr_len, r->gw.addr);
		if (r->dev)
			NLA_PUT_U32(msg, VRRP_ROUTE_A_IFINDEX, r->ifindex);
		nla_nest_end(msg, route);
	}
	nla_nest_end(msg, list);
	return 0;

nla_put_failure:
	return -1;
}

int attrs_put_config(struct nl_msg *msg, const struct vrrp_config *c)
{
	if (attrs_put_key(msg, c))
		return -1;
	if (config_has(c, CFG_VERSION))
		NLA_PUT_U8(msg, VRRP_A_VERSION, c->version);
	if (config_has(c, CFG_CHECKSUM))
		NLA_PUT_U8(msg, VRRP_A_CHECKSUM, c->checksum);
	if (config_has(c, CFG_PRIORITY))
		NLA_PUT_U8(msg, VRRP_A_PRIORITY, c->priority);
	if (config_has(c, CFG_INTERVAL))
		NLA_PUT_U32(msg, VRRP_A_INTERVAL_MS, c->interval_ms);
	if (config_has(c, CFG_PREEMPT))
		NLA_PUT_U8(msg, VRRP_A_PREEMPT, c->preempt);
	if (config_has(c, CFG_PREEMPT_DELAY))
		NLA_PUT_U32(msg, VRRP_A_PREEMPT_DELAY_MS, c->preempt_delay_ms);
	if (config_has(c, CFG_ACCEPT))
		NLA_PUT_U8(msg, VRRP_A_ACCEPT, c->accept);
	if (config_has(c, CFG_VMAC))
		NLA_PUT_U8(msg, VRRP_A_VMAC, c->vmac);
	if (config_has(c, CFG_GARP_COUNT))
		NLA_PUT_U32(msg, VRRP_A_GARP_COUNT, c->garp_count);
	if (config_has(c, CFG_GARP_INTERVAL))
		NLA_PUT_U32(msg, VRRP_A_GARP_INTERVAL_MS, c->garp_interval_ms);
	if (config_has(c, CFG_GARP_DELAY))
		NLA_PUT_U32(msg, VRRP_A_GARP_DELAY_MS, c->garp_delay_ms);
	if (config_has(c, CFG_GARP_REFRESH))
		NLA_PUT_U32(msg, VRRP_A_GARP_REFRESH_MS, c->garp_refresh_ms);
	if (config_has(c, CFG_VIPS) && put_vips(msg, c))
		return -1;
	if (config_has(c, CFG_NAME))
		NLA_PUT_STRING(msg, VRRP_A_NAME, c->name);
	if (config_has(c, CFG_GROUP))
		NLA_PUT_STRING(msg, VRRP_A_GROUP, c->group);
	/* None ("nosource"): back to the primary address. */
	if (config_has(c, CFG_SOURCE))
		NLA_PUT(msg, VRRP_A_SOURCE,
			*c->source_text ? (int)c->family->addr_len : 0,
			c->source.addr);
	if ((config_has(c, CFG_PEERS) || config_has(c, CFG_NOPEER)) &&
	    put_peers(msg, c))
		return -1;
	if ((config_has(c, CFG_ROUTES) || config_has(c, CFG_NOROUTE)) &&
	    put_routes(msg, c))
		return -1;
	/* An empty list ("notrack") tracks nothing. */
	if ((config_has(c, CFG_TRACKS) || config_has(c, CFG_TRACK_DEVS) ||
	     config_has(c, CFG_NOTRACK)) && put_tracks(msg, c))
		return -1;
	return 0;

nla_put_failure:
	return -1;
}
