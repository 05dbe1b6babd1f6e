// SPDX-License-Identifier: GPL-2.0
/*
 * Receiving advertisements: a netfilter LOCAL_IN hook per address family
 * and namespace (af_inet.c, af_inet6.c), on from the namespace's first
 * instance until the namespace goes (see vrrp_net_prepare() for why not
 * only while it has instances). They run after the filter table, so
 * `iptables -A INPUT -p vrrp -j DROP` still cuts a router off.
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
	[VRRP_PKT_ELINKLOCAL] = VRRP_STAT_DROP_NOT_LINK_LOCAL,
	[VRRP_PKT_ECSUMFORM] = VRRP_STAT_DROP_CHECKSUM_FORM,
	[VRRP_PKT_EAUTH] = VRRP_STAT_DROP_AUTH,
};

/*
 * RFC 3768 7.1: VRRPv2's checks that need our settings: the address owner
 * takes no adverts, and an interval other than ours is dropped (v2 has no
 * learning: every router must be configured alike).
 */
static enum vrrp_stat v2_refusal(const struct vrrp_instance *inst,
				 const struct vrrp_advert *adv)
{
	if (READ_ONCE(inst->cfg.priority) == VRRP_PRIORITY_OWNER)
		return VRRP_STAT_DROP_OWNER;
	if (adv->interval_cs * 10 != READ_ONCE(inst->cfg.interval_ms))
		return VRRP_STAT_INTERVAL_MISMATCH;
	return VRRP_STAT_UNSPEC;
}

/* Under RCU, for a packet the instance owns: validate, then act. */
static unsigned int rx_advert(struct vrrp_instance *inst, struct sk_buff *skb,
			      const struct vrrp_rx_info *info)
{
	const struct vrrp_af *af = inst->af;
	struct vrrp_pseudo ph = {
		.saddr = info->saddr.bytes,
		.daddr = info->daddr.bytes,
		.addr_len = af->addr_len,
	};
	const struct vrrp_vip_list *peers = rcu_dereference(inst->peers);
	u8 version = READ_ONCE(inst->cfg.version);
	struct vrrp_advert adv;
	enum vrrp_pkt_error err;
	enum vrrp_stat refused;

	/* RFC 9568 7.1: a router past the link would have lowered the TTL. */
	if (info->ttl != VRRP_TTL) {
		vrrp_count(inst, VRRP_STAT_DROP_TTL);
		return NF_DROP;
	}
	/*
	 * Unicast: only the peers speak for this virtual router, whatever
	 * else claims to. Multicast: an advert sent elsewhere than the group
	 * is not one of its adverts.
	 */
	if (peers) {
		if (vrrp_vip_list_find(peers, info->saddr.bytes) < 0) {
			vrrp_count(inst, VRRP_STAT_DROP_PEER);
			return NF_DROP;
		}
	} else if (!vrrp_addr_equal(af, &info->daddr, &af->group)) {
		vrrp_count(inst, VRRP_STAT_DROP_DEST);
		return NF_DROP;
	}
	/* Nothing longer is a legal advert: never linearize more. */
	if (info->msg_len > vrrp_pkt_max_len(version, af->addr_len) ||
	    !pskb_may_pull(skb, info->msg_off + info->msg_len)) {
		vrrp_count(inst, VRRP_STAT_DROP_LENGTH);
		return NF_DROP;
	}
	err = vrrp_pkt_decode(skb->data + info->msg_off, info->msg_len,
			      version, af->addr_len,
			      vrrp_instance_csum_mode(inst, true), &ph, &adv);
	if (err != VRRP_PKT_OK) {
		vrrp_count(inst, pkt_error_stat[err]);
		return NF_DROP;
	}
	refused = version == 2 ? v2_refusal(inst, &adv) : VRRP_STAT_UNSPEC;
	if (refused != VRRP_STAT_UNSPEC) {
		vrrp_count(inst, refused);
		return NF_DROP;
	}
	vrrp_instance_rx(inst, &adv, &info->saddr);
	consume_skb(skb);
	return NF_STOLEN;
}

/* From an address family's hook, under RCU, for a VRRP packet. */
unsigned int vrrp_rx(struct vrrp_net *vn, const struct vrrp_af *af,
		     struct net_device *dev, struct sk_buff *skb,
		     const struct vrrp_rx_info *info)
{
	struct vrrp_instance *inst;
	u8 buf[2];
	const u8 *hdr;
	int vrid;

	/* Our own adverts, looped back to local sockets by multicast output. */
	if (skb->pkt_type == PACKET_LOOPBACK)
		return NF_ACCEPT;
	hdr = skb_header_pointer(skb, info->msg_off, sizeof(buf), buf);
	vrid = hdr ? vrrp_pkt_peek_vrid(hdr, sizeof(buf)) : -1;
	if (vrid < 0) {
		atomic64_inc(&vn->unmatched_length);
		return NF_ACCEPT;
	}
	/* The hook runs under RCU; instances are freed after a grace period. */
	inst = vrrp_instance_lookup_rcu(vn, dev->ifindex, af->family, vrid);
	if (!inst) {
		atomic64_inc(&vn->unmatched_vrid);
		return NF_ACCEPT;
	}
	return rx_advert(inst, skb, info);
}

static void add_hook(struct vrrp_net *vn, const struct nf_hook_ops *ops)
{
	if (!ops->hook)
		return;
	vn->nf_ops[vn->nr_nf_ops] = *ops;
	vn->nf_ops[vn->nr_nf_ops++].priv = vn;
}

/* Under RTNL, with the namespace's first instance: both families' hooks. */
int vrrp_rx_register(struct vrrp_net *vn)
{
	vn->nr_nf_ops = 0;
	add_hook(vn, &vrrp_af_inet.hook);
	add_hook(vn, &vrrp_af_inet.out_hook);
	add_hook(vn, &vrrp_af_inet6.hook);
	add_hook(vn, &vrrp_af_inet6.out_hook);
	return nf_register_net_hooks(vn->net, vn->nf_ops, vn->nr_nf_ops);
}

void vrrp_rx_unregister(struct vrrp_net *vn)
{
	nf_unregister_net_hooks(vn->net, vn->nf_ops, vn->nr_nf_ops);
}
