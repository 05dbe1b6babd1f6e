// SPDX-License-Identifier: GPL-2.0
/*
 * What an instance puts on the wire: advertisements (RFC 9568 5.1) and
 * gratuitous ARP for its VIPs (RFC 9568 6.4.2). Packets are built under the
 * instance lock, from one consistent view of its settings, and sent after.
 */

#include <linux/if_arp.h>
#include <linux/ip.h>
#include <linux/pkt_sched.h>
#include <net/arp.h>
#include <net/ip.h>

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
	ip_send_check(iph);
}

/* With the instance lock held; NULL when there is nothing to send from. */
struct sk_buff *vrrp_tx_advert(struct vrrp_instance *inst, u8 priority)
{
	const struct vrrp_vip_list *vips = inst->vips;
	struct net_device *dev = inst->dev;
	struct vrrp_advert adv = {
		.version = inst->version,
		.vrid = inst->vrid,
		.priority = priority,
		.naddrs = vips->nr,
		.interval_cs = inst->cfg.interval_ms / 10,
		.addr_len = vips->addr_len,
		.addrs = vips->addrs,
	};
	__be32 group = VRRP_GROUP4;
	struct vrrp_pseudo ph = {
		.daddr = (const u8 *)&group,
		.addr_len = 4,
	};
	size_t len = vrrp_pkt_len(adv.version, adv.naddrs, adv.addr_len);
	unsigned char mac[ETH_ALEN];
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
	if (!vrrp_pkt_encode(msg, len, &adv, VRRP_CSUM_PSEUDO, &ph))
		goto err;
	fill_iphdr(iph, saddr, group, len);

	skb->dev = dev;
	skb->protocol = htons(ETH_P_IP);
	skb->priority = TC_PRIO_CONTROL;
	ip_eth_mc_map(iph->daddr, mac);
	if (dev_hard_header(skb, dev, ETH_P_IP, mac, NULL, skb->len) < 0)
		goto err;
	return skb;
err:
	kfree_skb(skb);
	return NULL;
}

/* One gratuitous ARP request per VIP (RFC 5227 3), with the lock held. */
void vrrp_tx_garp(struct vrrp_instance *inst, struct sk_buff_head *queue)
{
	const struct vrrp_vip_list *vips = inst->vips;
	struct net_device *dev = inst->dev;
	struct sk_buff *skb;
	__be32 vip;
	int i;

	for (i = 0; i < vips->nr; i++) {
		memcpy(&vip, vips->addrs + i * 4, 4);
		skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, vip, dev, vip, NULL,
				 dev->dev_addr, NULL);
		if (skb)
			__skb_queue_tail(queue, skb);
	}
}

void vrrp_tx_send(struct sk_buff *skb)
{
	dev_queue_xmit(skb);
}
