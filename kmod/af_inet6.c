// SPDX-License-Identifier: GPL-2.0
/*
 * IPv6: adverts to ff02::12 from the interface's link-local address, and
 * an unsolicited Neighbor Advertisement for each VIP (RFC 9568 5.1.2,
 * 6.4.2). Adverts leave through ip6_local_out() and NAs through
 * ndisc_send_skb(), so ip6tables' OUTPUT sees both, as for the kernel's
 * own neighbor discovery.
 *
 * The active router's VIPs are addresses of the interface (added without
 * DAD, as they move between routers), so the stack joins their
 * solicited-node groups and answers Neighbor Solicitations for them; the
 * Router flag of its answers follows the interface's forwarding setting,
 * as for any address of a Linux router. A backup holds no VIP and answers
 * nothing for them.
 */

#include <linux/icmpv6.h>
#include <linux/ipv6.h>
#include <linux/netfilter_ipv6.h>
#include <net/addrconf.h>
#include <net/if_inet6.h>
#include <net/ip6_route.h>
#include <net/ipv6.h>
#include <net/ndisc.h>

#include "accept.h"
#include "af.h"
#include "instance.h"
#include "packet.h"
#include "rx.h"

static bool is_link_local(const struct in6_addr *addr)
{
	return ipv6_addr_type(addr) & IPV6_ADDR_LINKLOCAL;
}

/*
 * RFC 9568 5.1.2.1: the interface's link-local address; one still in
 * duplicate address detection only if there is no other (the kernel says
 * nothing when DAD ends, and an interface just brought up must not wait
 * for an event that never comes).
 */
static bool inet6_primary_addr(struct net_device *dev, union vrrp_addr *addr)
{
	struct inet6_ifaddr *ifp;
	struct inet6_dev *idev;
	bool found = false;

	memset(addr, 0, sizeof(*addr));
	rcu_read_lock();
	idev = __in6_dev_get(dev);
	if (idev) {
		read_lock_bh(&idev->lock);
		list_for_each_entry(ifp, &idev->addr_list, if_list) {
			if (!is_link_local(&ifp->addr) ||
			    ifp->ifa_proto == VRRP_IFA_PROTO ||
			    ifp->flags & IFA_F_DADFAILED)
				continue;
			if (found && ifp->flags & IFA_F_TENTATIVE)
				continue;
			addr->in6 = ifp->addr;
			found = true;
			if (!(ifp->flags & IFA_F_TENTATIVE))
				break;
		}
		read_unlock_bh(&idev->lock);
	}
	rcu_read_unlock();
	return found;
}

static bool inet6_addr_present(struct net_device *dev, const u8 *addr)
{
	struct in6_addr a;

	memcpy(&a, addr, sizeof(a));
	return ipv6_chk_addr_and_flags(dev_net(dev), &a, dev, false, 1, 0);
}

static bool inet6_unicast(const u8 *addr)
{
	struct in6_addr a;
	int type;

	memcpy(&a, addr, sizeof(a));
	type = ipv6_addr_type(&a);
	return type != IPV6_ADDR_ANY &&
	       !(type & (IPV6_ADDR_MULTICAST | IPV6_ADDR_LOOPBACK |
			 IPV6_ADDR_MAPPED));
}

/* RFC 9568 5.2.9: the virtual router's link-local address first. */
static const char *inet6_first_vip_invalid(const u8 *addr)
{
	struct in6_addr a;

	memcpy(&a, addr, sizeof(a));
	if (!is_link_local(&a))
		return "vip: the first IPv6 VIP must be link-local (fe80::/10)";
	return NULL;
}

static void inet6_leave(struct vrrp_instance *inst)
{
	struct inet6_dev *idev = inst->mc_dev.in6;

	if (!idev)
		return;
	/* A dead inet6_dev took its memberships with it. */
	if (!idev->dead && __in6_dev_get(inst->dev) == idev)
		ipv6_dev_mc_dec(inst->dev, &vrrp_af_inet6.group.in6);
	in6_dev_put(idev);
	inst->mc_dev.in6 = NULL;
}

/*
 * The inet6_dev goes when the MTU drops below 1280 (and with IPv6
 * disabled on the interface), and a new one comes back without our
 * membership: the same split brain as IPv4's, the same cure.
 */
static int inet6_join(struct vrrp_instance *inst)
{
	struct inet6_dev *idev = __in6_dev_get(inst->dev);
	int err;

	if (idev && idev->dead)
		idev = NULL;
	if (inst->mc_dev.in6 == idev)
		return idev ? 0 : -ENODEV;
	inet6_leave(inst);
	if (!idev)
		return -ENODEV;
	err = ipv6_dev_mc_inc(inst->dev, &vrrp_af_inet6.group.in6);
	if (err)
		return err;
	in6_dev_hold(idev);
	inst->mc_dev.in6 = idev;
	return 0;
}

static void inet6_push_header(struct sk_buff *skb,
			      const union vrrp_addr *saddr,
			      const union vrrp_addr *daddr, size_t len)
{
	struct ipv6hdr *ip6h;

	skb_push(skb, sizeof(*ip6h));
	skb_reset_network_header(skb);
	ip6h = ipv6_hdr(skb);
	/* Traffic class CS6, network control, as IPv4's TOS. */
	ip6_flow_hdr(ip6h, IPTOS_PREC_INTERNETCONTROL, 0);
	ip6h->payload_len = htons(len);
	ip6h->nexthdr = VRRP_IPPROTO;
	/* RFC 9568 5.1.2.3: receivers drop anything below 255. */
	ip6h->hop_limit = VRRP_TTL;
	ip6h->saddr = saddr->in6;
	ip6h->daddr = daddr->in6;
	skb->protocol = htons(ETH_P_IPV6);
}

static void inet6_xmit(struct sk_buff *skb)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct net *net = dev_net(skb->dev);
	struct flowi6 fl6 = {
		.flowi6_oif = skb->dev->ifindex,
		.flowi6_proto = VRRP_IPPROTO,
		.daddr = ip6h->daddr,
		.saddr = ip6h->saddr,
	};
	struct dst_entry *dst;

	dst = ip6_route_output(net, NULL, &fl6);
	if (dst->error) {
		dst_release(dst);
		kfree_skb(skb);
		return;
	}
	skb_dst_set(skb, dst);
	ip6_local_out(net, NULL, skb);
}

/*
 * RFC 4861 7.2.6: an unsolicited NA for @target to all nodes, Override
 * set, Router set (RFC 9568 6.4.2), with our link-layer address.
 */
static struct sk_buff *na_create(struct net_device *dev,
				 const struct in6_addr *target)
{
	int optlen = dev->addr_len ?
		     ndisc_opt_addr_space(dev, NDISC_NEIGHBOUR_ADVERTISEMENT) : 0;
	struct sk_buff *skb;
	struct nd_msg *msg;
	u8 *opt;

	/* Under the VIP list's RCU read lock, as ndisc_alloc_skb() would. */
	skb = alloc_skb(LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr) +
			sizeof(*msg) + optlen + dev->needed_tailroom,
			GFP_ATOMIC);
	if (!skb)
		return NULL;
	skb_reserve(skb, LL_RESERVED_SPACE(dev) + sizeof(struct ipv6hdr));
	skb_reset_transport_header(skb);
	skb->protocol = htons(ETH_P_IPV6);
	skb->dev = dev;
	msg = skb_put_zero(skb, sizeof(*msg));
	msg->icmph.icmp6_type = NDISC_NEIGHBOUR_ADVERTISEMENT;
	msg->icmph.icmp6_router = 1;
	msg->icmph.icmp6_override = 1;
	msg->target = *target;
	if (optlen) {
		opt = skb_put_zero(skb, optlen);
		opt[0] = ND_OPT_TARGET_LL_ADDR;
		opt[1] = optlen >> 3;
		memcpy(opt + 2, dev->dev_addr, dev->addr_len);
	}
	return skb;
}

/* An unsolicited NA, sent as the stack sends its own; process context. */
static bool inet6_announce(struct net_device *dev, const u8 *addr)
{
	struct in6_addr vip;
	struct sk_buff *skb;

	memcpy(&vip, addr, sizeof(vip));
	skb = na_create(dev, &vip);
	if (!skb)
		return false;
	ndisc_send_skb(skb, &in6addr_linklocal_allnodes, &vip);
	return true;
}

/*
 * RFC 9568 6.4.2: a master's Neighbor Advertisements for its VIPs carry the
 * Router flag. The kernel answers Neighbor Solicitations itself and sets
 * it only when the interface forwards; a client that heard R=1 in our
 * unsolicited NA and then R=0 in an answer takes the router off its
 * default router list (RFC 4861 7.2.5). So the answers get the flag here,
 * on their way out; the checksum was computed before LOCAL_OUT.
 */
static unsigned int inet6_local_out(void *priv, struct sk_buff *skb,
				    const struct nf_hook_state *state)
{
	unsigned int off = skb_network_offset(skb) + sizeof(struct ipv6hdr);
	struct nd_msg *msg, buf;
	__be16 *flags, old;

	if (ipv6_hdr(skb)->nexthdr != IPPROTO_ICMPV6)
		return NF_ACCEPT;
	msg = skb_header_pointer(skb, off, sizeof(buf), &buf);
	if (!msg || msg->icmph.icmp6_type != NDISC_NEIGHBOUR_ADVERTISEMENT ||
	    msg->icmph.icmp6_router ||
	    !vrrp_instance_vip_active_rcu(priv, state->out, AF_INET6,
					  msg->target.s6_addr) ||
	    skb_ensure_writable(skb, off + sizeof(*msg)))
		return NF_ACCEPT;
	msg = (struct nd_msg *)(skb->data + off);
	/* The flags are the first 16 bits after the checksum. */
	flags = (__be16 *)&msg->icmph.icmp6_dataun;
	old = *flags;
	msg->icmph.icmp6_router = 1;
	csum_replace2(&msg->icmph.icmp6_cksum, old, *flags);
	return NF_ACCEPT;
}

/* Neighbor Solicitations and Advertisements reach even a noaccept master. */
static bool neighbor_discovery(const struct sk_buff *skb)
{
	u8 buf, *type;

	if (ipv6_hdr(skb)->nexthdr != IPPROTO_ICMPV6)
		return false;
	type = skb_header_pointer(skb, skb_network_offset(skb) +
				  sizeof(struct ipv6hdr), 1, &buf);
	return type && (*type == NDISC_NEIGHBOUR_SOLICITATION ||
			*type == NDISC_NEIGHBOUR_ADVERTISEMENT);
}

static unsigned int inet6_local_in(void *priv, struct sk_buff *skb,
				   const struct nf_hook_state *state)
{
	const struct ipv6hdr *ip6h = ipv6_hdr(skb);
	struct vrrp_rx_info info;
	struct net_device *dev;

	if (vrrp_accept_refused(priv, AF_INET6, &ip6h->daddr, 16) &&
	    !neighbor_discovery(skb))
		return NF_DROP;

	/* No extension header comes between (RFC 9568 5.1.2.4). */
	if (ip6h->nexthdr != VRRP_IPPROTO)
		return NF_ACCEPT;
	info.saddr.in6 = ip6h->saddr;
	info.daddr.in6 = ip6h->daddr;
	info.msg_off = skb_network_offset(skb) + sizeof(*ip6h);
	info.msg_len = ntohs(ip6h->payload_len);
	info.ttl = ip6h->hop_limit;
	dev = vrrp_af_rx_dev(state, inet6_sdif(skb));
	if (!dev)
		return NF_ACCEPT;
	return vrrp_rx(priv, &vrrp_af_inet6, dev, skb, &info);
}

const struct vrrp_af vrrp_af_inet6 = {
	.family = AF_INET6,
	.addr_len = 16,
	.max_prefixlen = 128,
	.ip_hdr_len = sizeof(struct ipv6hdr),
	.name = "inet6",
	/* ff02::12, RFC 9568 5.1.2.2 */
	.group.in6 = { { { 0xff, 0x02, 0, 0, 0, 0, 0, 0,
			   0, 0, 0, 0, 0, 0, 0, 0x12 } } },
	.hook = {
		.hook = inet6_local_in,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP6_PRI_FILTER + 1,
	},
	.out_hook = {
		.hook = inet6_local_out,
		.pf = NFPROTO_IPV6,
		.hooknum = NF_INET_LOCAL_OUT,
		.priority = NF_IP6_PRI_LAST,
	},
	.primary_addr = inet6_primary_addr,
	.addr_present = inet6_addr_present,
	.unicast = inet6_unicast,
	.first_vip_invalid = inet6_first_vip_invalid,
	.join = inet6_join,
	.leave = inet6_leave,
	.push_header = inet6_push_header,
	.xmit = inet6_xmit,
	.announce = inet6_announce,
};
