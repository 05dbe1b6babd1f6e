// SPDX-License-Identifier: GPL-2.0
/*
 * Advertisements (RFC 9568 5.1), whatever the address family: the message
 * is the same, the IP header and the way out are the family's (af_inet.c,
 * af_inet6.c).
 */

#include <linux/pkt_sched.h>

#include "instance.h"
#include "packet.h"
#include "tx.h"
#include "vip.h"

/* One advert to @daddr, with the lock held; NULL if out of memory. */
static struct sk_buff *build_advert(struct vrrp_instance *inst, u8 priority,
				    const union vrrp_addr *daddr)
{
	const struct vrrp_vip_list *vips =
		rcu_dereference_protected(inst->vips,
					  lockdep_is_held(&inst->lock));
	const struct vrrp_af *af = inst->af;
	struct net_device *dev = inst->dev;
	struct vrrp_advert adv = {
		.version = inst->cfg.version,
		.vrid = inst->vrid,
		.priority = priority,
		.naddrs = vips->nr_adv,
		.interval_cs = inst->cfg.interval_ms / 10,
		.addr_len = vips->addr_len,
		.addrs = vips->data,
	};
	struct vrrp_pseudo ph = {
		.saddr = inst->primary.bytes,
		.daddr = daddr->bytes,
		.addr_len = af->addr_len,
	};
	size_t len = vrrp_pkt_len(adv.version, adv.naddrs, adv.addr_len);
	struct sk_buff *skb;
	u8 *msg;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + af->ip_hdr_len + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev) + af->ip_hdr_len);
	msg = skb_put(skb, len);
	if (!vrrp_pkt_encode(msg, len, &adv,
			     vrrp_instance_csum_mode(inst, false), &ph)) {
		kfree_skb(skb);
		return NULL;
	}
	af->push_header(skb, &inst->primary, daddr, len);
	skb->dev = dev;
	skb->priority = TC_PRIO_CONTROL;
	return skb;
}

/*
 * With the instance lock held, from one consistent view of its settings:
 * the advert, to the group or to each unicast peer, onto @queue for
 * vrrp_tx_send() after the lock. Returns how many; none without an
 * address to send from.
 */
unsigned int vrrp_tx_adverts(struct vrrp_instance *inst, u8 priority,
			     struct sk_buff_head *queue)
{
	const struct vrrp_vip_list *peers =
		rcu_dereference_protected(inst->peers,
					  lockdep_is_held(&inst->lock));
	unsigned int i, n = peers ? peers->nr : 1, queued = 0;
	union vrrp_addr daddr = inst->af->group;
	struct sk_buff *skb;

	if (!inst->has_primary)
		return 0;
	for (i = 0; i < n; i++) {
		if (peers)
			memcpy(daddr.bytes, vrrp_vip_addr(peers, i),
			       peers->addr_len);
		skb = build_advert(inst, priority, &daddr);
		if (!skb)
			continue;
		__skb_queue_tail(queue, skb);
		queued++;
	}
	return queued;
}

/* Without the lock: through the family's OUTPUT and POSTROUTING. */
void vrrp_tx_send(struct vrrp_instance *inst, struct sk_buff *skb)
{
	inst->af->xmit(skb);
}

/*
 * A gratuitous ARP or unsolicited NA for every VIP that is on its
 * interface now, on that interface, from process context; returns how
 * many went out.
 */
unsigned int vrrp_tx_announce(struct vrrp_instance *inst)
{
	const struct vrrp_af *af = inst->af;
	const struct vrrp_vip_list *vips;
	struct net_device *dev;
	unsigned int sent = 0;
	const u8 *vip;
	int i;

	rcu_read_lock();
	vips = rcu_dereference(inst->vips);
	for (i = 0; i < vips->nr; i++) {
		vip = vrrp_vip_addr(vips, i);
		dev = vrrp_vip_dev_rcu(inst, vrrp_vip_place(vips, i));
		if (dev && af->addr_present(dev, vip) && af->announce(dev, vip))
			sent++;
	}
	rcu_read_unlock();
	return sent;
}
