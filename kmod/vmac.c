// SPDX-License-Identifier: GPL-2.0
/*
 * Virtual MAC mode (RFC 9568 7.3): while active, an instance in this mode
 * is reached at 00:00:5e:00:01:VRID (IPv6: 00:00:5e:00:02:VRID), as the
 * one router that owned that address would be. Clients resolve the VIPs
 * to it and keep that entry across a failover; switches learn it on the
 * port of whichever router is active. No extra device is needed: two
 * netdev netfilter hooks on each interface that has such instances do it.
 *
 *  - ingress: a frame to the virtual MAC of an active instance is for this
 *    host (the stack would drop it as another host's); a backup leaves
 *    such frames alone, so it never takes them.
 *  - egress: what speaks for the instance leaves from the virtual MAC:
 *    its adverts, and the ARP and neighbor discovery packets about its
 *    VIPs (the stack's answers and ours), their link-layer address fields
 *    included.
 *
 * While active, the virtual MAC is also in the interface's unicast
 * filter, so that a NIC that filters passes it up (one without a filter
 * goes promiscuous for it, as for macvlan).
 */

#include <linux/etherdevice.h>
#include <linux/if_arp.h>
#include <linux/if_ether.h>
#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/netfilter.h>
#include <linux/netfilter_netdev.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/ip6_checksum.h>
#include <net/ndisc.h>

#include "instance.h"
#include "vip.h"
#include "vmac.h"

struct vrrp_vmac_port {
	struct list_head node;		/* vrrp_net.vmac_ports */
	struct net_device *dev;
	struct list_head instances;	/* RCU: the vmac instances on dev */
	struct nf_hook_ops ops[2];	/* ingress, egress */
	struct rcu_head rcu;
};

/* 00:00:5e:00:01:VRID for IPv4, 00:00:5e:00:02:VRID for IPv6. */
static void vmac_of(const struct vrrp_instance *inst, u8 *mac)
{
	mac[0] = 0x00;
	mac[1] = 0x00;
	mac[2] = 0x5e;
	mac[3] = 0x00;
	mac[4] = inst->family == AF_INET ? 0x01 : 0x02;
	mac[5] = inst->vrid;
}

static bool is_active(const struct vrrp_instance *inst)
{
	return READ_ONCE(inst->vips_wanted);
}

/* Under RCU: the port's instance of @family and @vrid, or NULL. */
static struct vrrp_instance *by_vrid(struct vrrp_vmac_port *port, u16 family,
				     u8 vrid)
{
	struct vrrp_instance *inst;

	list_for_each_entry_rcu(inst, &port->instances, vmac_node)
		if (inst->family == family && inst->vrid == vrid)
			return inst;
	return NULL;
}

/* Under RCU: the active instance holding VIP @addr, or NULL. */
static struct vrrp_instance *by_vip(struct vrrp_vmac_port *port, u16 family,
				    const void *addr)
{
	struct vrrp_instance *inst;

	list_for_each_entry_rcu(inst, &port->instances, vmac_node)
		if (inst->family == family && is_active(inst) &&
		    vrrp_vip_list_find(rcu_dereference(inst->vips), addr) >= 0)
			return inst;
	return NULL;
}

static unsigned int vmac_ingress(void *priv, struct sk_buff *skb,
				 const struct nf_hook_state *state)
{
	struct vrrp_vmac_port *port = priv;
	const u8 *dest = eth_hdr(skb)->h_dest;
	struct vrrp_instance *inst;

	if (skb->pkt_type != PACKET_OTHERHOST || dest[0] || dest[1] ||
	    dest[2] != 0x5e || dest[3] || (dest[4] != 1 && dest[4] != 2))
		return NF_ACCEPT;
	rcu_read_lock();
	inst = by_vrid(port, dest[4] == 1 ? AF_INET : AF_INET6, dest[5]);
	if (inst && is_active(inst))
		skb->pkt_type = PACKET_HOST;
	rcu_read_unlock();
	return NF_ACCEPT;
}

/*
 * What an outgoing frame needs rewritten besides its source: a link-layer
 * address at @lladdr (0: none) and, for neighbor discovery, the ICMPv6
 * checksum that covers it.
 */
struct vmac_edit {
	struct vrrp_instance *inst;
	unsigned int lladdr;
	bool icmp6_csum;
};

/* An IPv4 frame: one of our adverts? */
static void speaker_inet(struct vrrp_vmac_port *port, struct sk_buff *skb,
			 struct vmac_edit *e)
{
	struct iphdr _iph;
	const struct iphdr *iph;
	u8 _hdr[2];
	const u8 *hdr;

	iph = skb_header_pointer(skb, ETH_HLEN, sizeof(_iph), &_iph);
	if (!iph || iph->protocol != VRRP_IPPROTO || iph->ihl != 5)
		return;
	hdr = skb_header_pointer(skb, ETH_HLEN + sizeof(*iph), sizeof(_hdr),
				 _hdr);
	if (hdr)
		e->inst = by_vrid(port, AF_INET, hdr[1]);
}

/* ARP for IPv4 over Ethernet sent from a VIP: say the virtual MAC has it. */
static void speaker_arp(struct vrrp_vmac_port *port, struct sk_buff *skb,
			struct vmac_edit *e)
{
	struct {
		struct arphdr arp;
		u8 sha[ETH_ALEN];
		__be32 sip;
	} __packed _a;
	const typeof(_a) *a;

	a = skb_header_pointer(skb, ETH_HLEN, sizeof(_a), &_a);
	if (!a || a->arp.ar_hrd != htons(ARPHRD_ETHER) ||
	    a->arp.ar_pro != htons(ETH_P_IP) || a->arp.ar_hln != ETH_ALEN ||
	    a->arp.ar_pln != 4)
		return;
	e->inst = by_vip(port, AF_INET, &a->sip);
	e->lladdr = ETH_HLEN + sizeof(struct arphdr);
}

/* Where the neighbor discovery option @type's address is, or 0. */
static unsigned int nd_option(struct sk_buff *skb, unsigned int off,
			      unsigned int end, u8 type)
{
	u8 _opt[2];
	const u8 *opt;

	while (off + sizeof(_opt) <= end) {
		opt = skb_header_pointer(skb, off, sizeof(_opt), _opt);
		if (!opt || !opt[1])
			return 0;
		if (opt[0] == type && opt[1] * 8 >= 2 + ETH_ALEN &&
		    off + opt[1] * 8 <= end)
			return off + 2;
		off += opt[1] * 8;
	}
	return 0;
}

/*
 * An IPv6 frame: one of our adverts, a neighbor advertisement for a VIP
 * (its target link-layer address) or a solicitation from one (its source
 * link-layer address)?
 */
static void speaker_inet6(struct vrrp_vmac_port *port, struct sk_buff *skb,
			  struct vmac_edit *e)
{
	unsigned int off = ETH_HLEN + sizeof(struct ipv6hdr), end;
	struct {
		struct icmp6hdr icmp;
		struct in6_addr target;
	} _nd;
	const typeof(_nd) *nd;
	struct ipv6hdr _ip6h;
	const struct ipv6hdr *ip6h;
	u8 _hdr[2];
	const u8 *hdr;

	ip6h = skb_header_pointer(skb, ETH_HLEN, sizeof(_ip6h), &_ip6h);
	if (!ip6h)
		return;
	if (ip6h->nexthdr == VRRP_IPPROTO) {
		hdr = skb_header_pointer(skb, off, sizeof(_hdr), _hdr);
		if (hdr)
			e->inst = by_vrid(port, AF_INET6, hdr[1]);
		return;
	}
	/* The stack's checksum is complete: ours will be too. */
	if (ip6h->nexthdr != IPPROTO_ICMPV6 || ip6h->hop_limit != 255 ||
	    skb->ip_summed == CHECKSUM_PARTIAL)
		return;
	nd = skb_header_pointer(skb, off, sizeof(_nd), &_nd);
	end = off + ntohs(ip6h->payload_len);
	if (!nd || end > skb->len)
		return;
	if (nd->icmp.icmp6_type == NDISC_NEIGHBOUR_ADVERTISEMENT) {
		e->inst = by_vip(port, AF_INET6, &nd->target);
		e->lladdr = nd_option(skb, off + sizeof(_nd), end,
				      ND_OPT_TARGET_LL_ADDR);
	} else if (nd->icmp.icmp6_type == NDISC_NEIGHBOUR_SOLICITATION) {
		e->inst = by_vip(port, AF_INET6, &ip6h->saddr);
		e->lladdr = nd_option(skb, off + sizeof(_nd), end,
				      ND_OPT_SOURCE_LL_ADDR);
	}
	e->icmp6_csum = e->lladdr;
}

/* Computes the whole ICMPv6 checksum again; the message is writable. */
static void icmp6_csum(struct sk_buff *skb)
{
	struct ipv6hdr *ip6h = (struct ipv6hdr *)(skb->data + ETH_HLEN);
	struct icmp6hdr *icmp = (struct icmp6hdr *)(ip6h + 1);
	unsigned int len = ntohs(ip6h->payload_len);

	icmp->icmp6_cksum = 0;
	icmp->icmp6_cksum = csum_ipv6_magic(&ip6h->saddr, &ip6h->daddr, len,
					    IPPROTO_ICMPV6,
					    csum_partial(icmp, len, 0));
}

static unsigned int vmac_egress(void *priv, struct sk_buff *skb,
				const struct nf_hook_state *state)
{
	struct vrrp_vmac_port *port = priv;
	struct vmac_edit e = {};
	struct ethhdr *eth;
	unsigned int len;
	u8 mac[ETH_ALEN];

	/* Only what this host itself sends, before any VLAN tag. */
	if (skb->len < ETH_HLEN)
		return NF_ACCEPT;
	eth = (struct ethhdr *)skb->data;
	if (!ether_addr_equal(eth->h_source, skb->dev->dev_addr))
		return NF_ACCEPT;
	rcu_read_lock();
	if (eth->h_proto == htons(ETH_P_IP))
		speaker_inet(port, skb, &e);
	else if (eth->h_proto == htons(ETH_P_ARP))
		speaker_arp(port, skb, &e);
	else if (eth->h_proto == htons(ETH_P_IPV6))
		speaker_inet6(port, skb, &e);
	if (e.inst)
		vmac_of(e.inst, mac);
	rcu_read_unlock();
	if (!e.inst)
		return NF_ACCEPT;
	len = e.icmp6_csum ? skb->len : max_t(unsigned int, ETH_HLEN,
					      e.lladdr + ETH_ALEN);
	/* Shared with a tap or a looped-back copy: ours to change now. */
	if (skb_ensure_writable(skb, len))
		return NF_ACCEPT;
	eth = (struct ethhdr *)skb->data;
	ether_addr_copy(eth->h_source, mac);
	if (e.lladdr)
		memcpy(skb->data + e.lladdr, mac, ETH_ALEN);
	if (e.icmp6_csum)
		icmp6_csum(skb);
	return NF_ACCEPT;
}

/* Under RTNL. */
static struct vrrp_vmac_port *port_find(struct vrrp_net *vn,
					const struct net_device *dev)
{
	struct vrrp_vmac_port *port;

	list_for_each_entry(port, &vn->vmac_ports, node)
		if (port->dev == dev)
			return port;
	return NULL;
}

static struct vrrp_vmac_port *port_create(struct vrrp_net *vn,
					  struct net_device *dev)
{
	static const struct {
		nf_hookfn *fn;
		unsigned int hooknum;
	} hooks[] = {
		{ vmac_ingress, NF_NETDEV_INGRESS },
		{ vmac_egress, NF_NETDEV_EGRESS },
	};
	struct vrrp_vmac_port *port;
	int i, err;

	port = kzalloc(sizeof(*port), GFP_KERNEL);
	if (!port)
		return ERR_PTR(-ENOMEM);
	port->dev = dev;
	INIT_LIST_HEAD(&port->instances);
	for (i = 0; i < ARRAY_SIZE(hooks); i++) {
		port->ops[i].hook = hooks[i].fn;
		port->ops[i].hooknum = hooks[i].hooknum;
		port->ops[i].pf = NFPROTO_NETDEV;
		port->ops[i].dev = dev;
		port->ops[i].priv = port;
	}
	err = nf_register_net_hooks(vn->net, port->ops, ARRAY_SIZE(port->ops));
	if (err) {
		kfree(port);
		return ERR_PTR(err);
	}
	list_add(&port->node, &vn->vmac_ports);
	return port;
}

/*
 * Whether this kernel can do it; sets the extack if not. (Instances run on
 * Ethernet interfaces only: every one can carry a virtual MAC.)
 */
int vrrp_vmac_supported(const struct nlattr *attr,
			struct netlink_ext_ack *extack)
{
	if (IS_ENABLED(CONFIG_NETFILTER_INGRESS) &&
	    IS_ENABLED(CONFIG_NETFILTER_EGRESS))
		return 0;
	NL_SET_ERR_MSG_ATTR(extack, attr,
			    "vmac: this kernel has no netfilter ingress and egress hooks");
	return -EOPNOTSUPP;
}

/* Under RTNL: the instance is in virtual MAC mode from now on. */
int vrrp_vmac_attach(struct vrrp_instance *inst,
		     struct netlink_ext_ack *extack)
{
	struct vrrp_vmac_port *port;

	ASSERT_RTNL();
	if (inst->vmac_port)
		return 0;
	port = port_find(inst->vn, inst->dev);
	if (!port) {
		port = port_create(inst->vn, inst->dev);
		if (IS_ERR(port)) {
			NL_SET_ERR_MSG(extack,
				       "vmac: the interface's netfilter hooks could not be set up");
			return PTR_ERR(port);
		}
	}
	list_add_tail_rcu(&inst->vmac_node, &port->instances);
	WRITE_ONCE(inst->vmac_port, port);
	vrrp_vmac_sync(inst);
	return 0;
}

/* Under RTNL: out of virtual MAC mode; the last one out takes the hooks. */
void vrrp_vmac_detach(struct vrrp_instance *inst)
{
	struct vrrp_vmac_port *port = inst->vmac_port;

	ASSERT_RTNL();
	if (!port)
		return;
	list_del_rcu(&inst->vmac_node);
	WRITE_ONCE(inst->vmac_port, NULL);
	vrrp_vmac_sync(inst);
	if (!list_empty(&port->instances))
		return;
	list_del(&port->node);
	nf_unregister_net_hooks(dev_net(port->dev), port->ops,
				ARRAY_SIZE(port->ops));
	kfree_rcu(port, rcu);
}

/*
 * Under RTNL: the interface's unicast filter has the virtual MAC while
 * the instance is active in virtual MAC mode, and only then.
 */
void vrrp_vmac_sync(struct vrrp_instance *inst)
{
	u8 mac[ETH_ALEN];
	bool want;

	ASSERT_RTNL();
	spin_lock_bh(&inst->lock);
	want = inst->vmac_port && inst->vips_wanted && !inst->dead;
	spin_unlock_bh(&inst->lock);
	if (want == inst->vmac_listed)
		return;
	vmac_of(inst, mac);
	/* Not added (out of memory): the next change of state tries again. */
	if (want && dev_uc_add(inst->dev, mac))
		return;
	if (!want)
		dev_uc_del(inst->dev, mac);
	WRITE_ONCE(inst->vmac_listed, want);
}

/* From the VIP work, which holds no lock. */
void vrrp_vmac_sync_unlocked(struct vrrp_instance *inst)
{
	/* Neither in the mode nor listed: nothing to take RTNL for. */
	if (!READ_ONCE(inst->vmac_port) && !READ_ONCE(inst->vmac_listed))
		return;
	rtnl_lock();
	vrrp_vmac_sync(inst);
	rtnl_unlock();
}
