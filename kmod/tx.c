// SPDX-License-Identifier: GPL-2.0
/*
 * What an instance puts on the wire: advertisements (RFC 9568 5.1) and
 * gratuitous ARP for its VIPs (RFC 9568 6.4.2).
 *
 * Both leave the way the kernel's own IGMP reports and ARP do, through the
 * netfilter hooks: adverts through ip_local_out() (OUTPUT, POSTROUTING),
 * ARP through arp_xmit() (arptables OUTPUT). A firewall therefore sees
 * both directions of VRRP, as it would for a userspace daemon's raw socket:
 * `iptables -A OUTPUT -p vrrp -j DROP` silences a master just as an INPUT
 * rule deafens a backup.
 */

#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/pkt_sched.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/route.h>

#include "instance.h"
#include "packet.h"
#include "tx.h"
#include "vip.h"

static void fill_iphdr(struct iphdr *iph, __be32 saddr, __be32 daddr,
		       size_t payload_len)
{
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(sizeof(*iph) + payload_len);
	iph->id = 0;
	iph->frag_off = htons(IP_DF);
	/* RFC 9568 5.1.1.3: receivers drop anything with a TTL below 255. */
	iph->ttl = VRRP_TTL;
	iph->protocol = VRRP_IPPROTO;
	iph->saddr = saddr;
	iph->daddr = daddr;
}

/*
 * With the instance lock held, from one consistent view of its settings;
 * NULL when there is nothing to send from. vrrp_tx_send() sends it after.
 */
struct sk_buff *vrrp_tx_advert(struct vrrp_instance *inst, u8 priority)
{
	const struct vrrp_vip_list *vips =
		rcu_dereference_protected(inst->vips,
					  lockdep_is_held(&inst->lock));
	struct net_device *dev = inst->dev;
	struct vrrp_advert adv = {
		.version = inst->version,
		.vrid = inst->vrid,
		.priority = priority,
		.naddrs = vips->nr,
		.interval_cs = inst->cfg.interval_ms / 10,
		.addr_len = vips->addr_len,
		.addrs = vips->data,
	};
	__be32 group = VRRP_GROUP4;
	struct vrrp_pseudo ph = {
		.daddr = (const u8 *)&group,
		.addr_len = 4,
	};
	size_t len = vrrp_pkt_len(adv.version, adv.naddrs, adv.addr_len);
	struct sk_buff *skb;
	struct iphdr *iph;
	__be32 saddr;
	u8 *msg;

	saddr = vrrp_primary_addr4(dev);
	if (!saddr)
		return NULL;
	ph.saddr = (const u8 *)&saddr;

	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(*iph) + len +
			dev->needed_tailroom, GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev));
	skb_reset_network_header(skb);
	iph = skb_put(skb, sizeof(*iph));
	msg = skb_put(skb, len);
	if (!vrrp_pkt_encode(msg, len, &adv, VRRP_CSUM_PSEUDO, &ph)) {
		kfree_skb(skb);
		return NULL;
	}
	fill_iphdr(iph, saddr, group, len);
	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	skb->priority = TC_PRIO_CONTROL;
	return skb;
}

/*
 * Without the lock. The route is the link-local multicast one out of the
 * instance's interface (no FIB lookup for 224.0.0.x with an output
 * interface); ip_local_out() then runs OUTPUT and POSTROUTING, maps the
 * group to its Ethernet address and, as for any local multicast sender,
 * loops a copy back (rx.c lets it pass to raw sockets).
 */
void vrrp_tx_send(struct sk_buff *skb)
{
	struct net_device *dev = skb->dev;
	const struct iphdr *iph = ip_hdr(skb);
	struct net *net = dev_net(dev);
	struct flowi4 fl4;
	struct rtable *rt;

	flowi4_init_output(&fl4, dev->ifindex, 0, iph->tos, RT_SCOPE_UNIVERSE,
			   VRRP_IPPROTO, 0, iph->daddr, iph->saddr, 0, 0,
			   sock_net_uid(net, NULL));
	rt = ip_route_output_key(net, &fl4);
	if (IS_ERR(rt)) {
		kfree_skb(skb);
		return;
	}
	skb_dst_set(skb, &rt->dst);
	ip_local_out(net, NULL, skb);
}

/*
 * One gratuitous ARP request (RFC 5227 3) for every VIP that is on the
 * interface now; from process context. Returns how many went out.
 */
unsigned int vrrp_tx_garp(struct vrrp_instance *inst)
{
	const struct vrrp_vip_list *vips;
	struct net_device *dev = inst->dev;
	unsigned int sent = 0;
	struct sk_buff *skb;
	__be32 vip;
	int i;

	rcu_read_lock();
	vips = rcu_dereference(inst->vips);
	for (i = 0; i < vips->nr; i++) {
		memcpy(&vip, vrrp_vip_addr(vips, i), 4);
		if (!vrrp_vip_present4(dev, vip))
			continue;
		skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, vip, dev, vip, NULL,
				 dev->dev_addr, NULL);
		if (!skb)
			continue;
		arp_xmit(skb);
		sent++;
	}
	rcu_read_unlock();
	return sent;
}
