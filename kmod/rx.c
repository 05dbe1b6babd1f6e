// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving advertisements: a netfilter LOCAL_IN hook per namespace, on
 * from the namespace's first instance until the namespace goes (see
 * vrrp_net_prepare() for why not only while it has instances). It runs
 * after the filter table, so `iptables -A INPUT -p vrrp -j DROP` still
 * cuts a router off.
 *
 * Why a hook and not inet_add_protocol(): a protocol handler is global and
 * exclusive (one per protocol number for all namespaces), costs every
 * namespace whether it runs VRRP or not, and would take protocol 112 from
 * anything else on the host. The hook exists only where instances do,
 * takes only the adverts of VRIDs we run, and leaves the rest to the stack:
 * raw sockets (keepalived, FRR) on the same host keep getting theirs.
 *
 * Every RFC 9568 7.1 check happens before the instance lock is taken or a
 * timer touched: a packet that fails one is counted and dropped and has no
 * other effect, so junk at line rate cannot disturb a master's cadence.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ip.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <net/ip.h>

#include "instance.h"
#include "packet.h"
#include "rx.h"
#include "vip.h"

static const enum vrrp_stat pkt_error_stat[] = {
	[VRRP_PKT_ELENGTH] = VRRP_STAT_DROP_LENGTH,
	[VRRP_PKT_EVERSION] = VRRP_STAT_DROP_VERSION,
	[VRRP_PKT_ETYPE] = VRRP_STAT_DROP_TYPE,
	[VRRP_PKT_EADDRCOUNT] = VRRP_STAT_DROP_ADDR_LIST,
	[VRRP_PKT_ECHECKSUM] = VRRP_STAT_DROP_CHECKSUM,
	[VRRP_PKT_EINTERVAL] = VRRP_STAT_DROP_INTERVAL,
};

/* RFC 9568 6.4.3 tie-break: the primary addresses, compared unsigned. */
static int addr_cmp(__be32 a, __be32 b)
{
	u32 ha = ntohl(a), hb = ntohl(b);

	return ha < hb ? -1 : ha > hb;
}

/* Under RCU, for a packet the instance owns: validate, then act. */
static unsigned int rx_advert(struct vrrp_instance *inst,
			      struct net_device *dev, struct sk_buff *skb)
{
	const struct iphdr *iph = ip_hdr(skb);
	unsigned int off = skb_network_offset(skb) + ip_hdrlen(skb);
	size_t len = ntohs(iph->tot_len) - ip_hdrlen(skb);
	struct vrrp_advert adv;
	struct vrrp_pseudo ph;
	enum vrrp_pkt_error err;
	__be32 ours;

	/* RFC 9568 7.1: a router past the link would have lowered the TTL. */
	if (iph->ttl != VRRP_TTL) {
		vrrp_count(inst, VRRP_STAT_DROP_TTL);
		return NF_DROP;
	}
	/* Nothing longer is a legal advert: never linearize more. */
	if (len > vrrp_pkt_max_len(inst->version, 4) ||
	    !pskb_may_pull(skb, off + len)) {
		vrrp_count(inst, VRRP_STAT_DROP_LENGTH);
		return NF_DROP;
	}
	iph = ip_hdr(skb);
	ph.saddr = (const u8 *)&iph->saddr;
	ph.daddr = (const u8 *)&iph->daddr;
	ph.addr_len = 4;
	err = vrrp_pkt_decode(skb->data + off, len, inst->version,
			      4, VRRP_CSUM_EITHER, &ph, &adv);
	if (err != VRRP_PKT_OK) {
		vrrp_count(inst, pkt_error_stat[err]);
		return NF_DROP;
	}
	ours = vrrp_primary_addr4(dev);
	/* Our own advert, reflected back to us by the link. */
	if (iph->saddr == ours)
		return NF_DROP;

	vrrp_count(inst, adv.priority ? VRRP_STAT_ADVERT_RX :
					VRRP_STAT_PRIO0_RX);
	vrrp_instance_rx(inst, &adv, iph->saddr, addr_cmp(iph->saddr, ours));
	consume_skb(skb);
	return NF_STOLEN;
}

static unsigned int vrrp_nf_local_in(void *priv, struct sk_buff *skb,
				     const struct nf_hook_state *state)
{
	struct vrrp_net *vn = priv;
	struct vrrp_instance *inst;
	u8 buf[2];
	const u8 *hdr;
	int vrid;

	if (ip_hdr(skb)->protocol != VRRP_IPPROTO)
		return NF_ACCEPT;
	/* Our own adverts, looped back by ip_mc_output() to local sockets. */
	if (skb->pkt_type == PACKET_LOOPBACK)
		return NF_ACCEPT;

	hdr = skb_header_pointer(skb, skb_network_offset(skb) + ip_hdrlen(skb),
				 sizeof(buf), buf);
	vrid = hdr ? vrrp_pkt_peek_vrid(hdr, sizeof(buf)) : -1;
	if (vrid < 0) {
		atomic64_inc(&vn->unmatched_length);
		return NF_ACCEPT;
	}
	/* The hook runs under RCU; instances are freed after a grace period. */
	inst = vrrp_instance_lookup_rcu(vn, state->in->ifindex, AF_INET, vrid);
	if (!inst) {
		atomic64_inc(&vn->unmatched_vrid);
		return NF_ACCEPT;
	}
	return rx_advert(inst, state->in, skb);
}

static const struct nf_hook_ops vrrp_nf_ops = {
	.hook = vrrp_nf_local_in,
	.pf = NFPROTO_IPV4,
	.hooknum = NF_INET_LOCAL_IN,
	.priority = NF_IP_PRI_FILTER + 1,
};

/* Under RTNL, with the namespace's first instance. */
int vrrp_rx_register(struct vrrp_net *vn)
{
	struct nf_hook_ops ops = vrrp_nf_ops;

	ops.priv = vn;
	vn->nf_ops = ops;
	return nf_register_net_hook(vn->net, &vn->nf_ops);
}

void vrrp_rx_unregister(struct vrrp_net *vn)
{
	nf_unregister_net_hook(vn->net, &vn->nf_ops);
}
