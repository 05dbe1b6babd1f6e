// SPDX-License-Identifier: GPL-2.0
/*
 * IPv4: adverts to 224.0.0.18 from the interface's primary address, and
 * gratuitous ARP for the VIPs (RFC 9568 5.1.1, 6.4.2).
 *
 * Adverts leave the way the kernel's own IGMP reports do, through
 * ip_local_out() (OUTPUT, POSTROUTING), and ARP through arp_xmit()
 * (arptables OUTPUT): a firewall sees VRRP both ways, as it would a
 * userspace daemon's raw socket, and `iptables -A OUTPUT -p vrrp -j DROP`
 * silences a master just as an INPUT rule deafens a backup.
 */

#include <linux/if_arp.h>
#include <linux/igmp.h>
#include <linux/inetdevice.h>
#include <linux/ip.h>
#include <linux/netfilter_ipv4.h>
#include <net/arp.h>
#include <net/ip.h>
#include <net/route.h>

#include "accept.h"
#include "af.h"
#include "instance.h"
#include "packet.h"
#include "rx.h"

/*
 * RFC 9568 5.1.1.1: the first primary address of the interface that is
 * not one of ours.
 */
static bool inet_primary_addr(struct net_device *dev, union vrrp_addr *addr)
{
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;
	bool found = false;

	memset(addr, 0, sizeof(*addr));
	rcu_read_lock();
	in_dev = __in_dev_get_rcu(dev);
	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (ifa->ifa_flags & IFA_F_SECONDARY ||
			    ifa->ifa_proto == VRRP_IFA_PROTO)
				continue;
			addr->in = ifa->ifa_local;
			found = true;
			break;
		}
	}
	rcu_read_unlock();
	return found;
}

static bool inet_addr_present(struct net_device *dev, const u8 *addr)
{
	const struct in_ifaddr *ifa;
	struct in_device *in_dev;
	bool found = false;
	__be32 a;

	memcpy(&a, addr, sizeof(a));
	rcu_read_lock();
	in_dev = __in_dev_get_rcu(dev);
	if (in_dev) {
		in_dev_for_each_ifa_rcu(ifa, in_dev) {
			if (ifa->ifa_local == a) {
				found = true;
				break;
			}
		}
	}
	rcu_read_unlock();
	return found;
}

static bool inet_unicast(const u8 *addr)
{
	__be32 a;

	memcpy(&a, addr, sizeof(a));
	return !(ipv4_is_zeronet(a) || ipv4_is_loopback(a) ||
		 ipv4_is_multicast(a) || ipv4_is_lbcast(a));
}

/* Any IPv4 VIP may come first. */
static const char *inet_first_vip_invalid(const u8 *addr)
{
	return NULL;
}

/* Under RTNL: is @group in the in_device's multicast list? */
static bool mc_listed(struct in_device *in_dev, __be32 group)
{
	struct ip_mc_list *im;

	for (im = rtnl_dereference(in_dev->mc_list); im;
	     im = rtnl_dereference(im->next_rcu))
		if (im->multiaddr == group)
			return true;
	return false;
}

static void inet_leave(struct vrrp_instance *inst)
{
	struct in_device *in_dev = inst->mc_dev.in;

	if (!in_dev)
		return;
	/* A dead in_device took its memberships with it. */
	if (!in_dev->dead)
		ip_mc_dec_group(in_dev, vrrp_af_inet.group.in);
	in_dev_put(in_dev);
	inst->mc_dev.in = NULL;
}

/*
 * Keeps our 224.0.0.18 membership on the interface's current in_device.
 * The in_device, and every membership with it, is destroyed when the MTU
 * drops below 68 and created anew when it comes back; without a new join
 * ip_route_input() drops the master's adverts and a healthy backup takes
 * over (split brain).
 */
static int inet_join(struct vrrp_instance *inst)
{
	struct in_device *in_dev = __in_dev_get_rtnl(inst->dev);
	__be32 group = vrrp_af_inet.group.in;

	if (in_dev && in_dev->dead)
		in_dev = NULL;
	if (inst->mc_dev.in == in_dev)
		return in_dev ? 0 : -ENODEV;
	inet_leave(inst);
	if (!in_dev)
		return -ENODEV;
	ip_mc_inc_group(in_dev, group);
	/* It returns nothing: an allocation failure shows as no membership. */
	if (!mc_listed(in_dev, group))
		return -ENOMEM;
	in_dev_hold(in_dev);
	inst->mc_dev.in = in_dev;
	return 0;
}

static void inet_push_header(struct sk_buff *skb,
			     const union vrrp_addr *saddr,
			     const union vrrp_addr *daddr, size_t len)
{
	struct iphdr *iph;

	skb_push(skb, sizeof(*iph));
	skb_reset_network_header(skb);
	iph = ip_hdr(skb);
	iph->version = 4;
	iph->ihl = sizeof(*iph) / 4;
	iph->tos = IPTOS_PREC_INTERNETCONTROL;
	iph->tot_len = htons(sizeof(*iph) + len);
	iph->id = 0;
	iph->frag_off = htons(IP_DF);
	/* RFC 9568 5.1.1.3: receivers drop anything with a TTL below 255. */
	iph->ttl = VRRP_TTL;
	iph->protocol = VRRP_IPPROTO;
	iph->check = 0;
	iph->saddr = saddr->in;
	iph->daddr = daddr->in;
	skb->protocol = htons(ETH_P_IP);
}

/*
 * To the group, the route is the link-local multicast one out of the
 * instance's interface (no FIB lookup for 224.0.0.x with an output
 * interface); ip_local_out() then maps the group to its Ethernet address
 * and, as for any local multicast sender, loops a copy back (the hook
 * lets it pass to raw sockets). To a unicast peer, the FIB's route out of
 * that interface.
 */
static void inet_xmit(struct sk_buff *skb)
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

/* A gratuitous ARP request (RFC 5227 3); process context. */
static bool inet_announce(struct net_device *dev, const u8 *addr)
{
	struct sk_buff *skb;
	__be32 vip;

	memcpy(&vip, addr, sizeof(vip));
	skb = arp_create(ARPOP_REQUEST, ETH_P_ARP, vip, dev, vip, NULL,
			 dev->dev_addr, NULL);
	if (!skb)
		return false;
	arp_xmit(skb);
	return true;
}

static unsigned int inet_local_in(void *priv, struct sk_buff *skb,
				  const struct nf_hook_state *state)
{
	const struct iphdr *iph = ip_hdr(skb);
	struct vrrp_rx_info info;
	struct net_device *dev;

	/* ARP is not IP: only the rest is refused to a noaccept master. */
	if (vrrp_accept_refused(priv, AF_INET, &iph->daddr, 4))
		return NF_DROP;
	if (iph->protocol != VRRP_IPPROTO)
		return NF_ACCEPT;
	memset(&info, 0, sizeof(info));
	info.saddr.in = iph->saddr;
	info.daddr.in = iph->daddr;
	info.msg_off = skb_network_offset(skb) + ip_hdrlen(skb);
	info.msg_len = ntohs(iph->tot_len) - ip_hdrlen(skb);
	info.ttl = iph->ttl;
	dev = vrrp_af_rx_dev(state, inet_sdif(skb));
	if (!dev)
		return NF_ACCEPT;
	return vrrp_rx(priv, &vrrp_af_inet, dev, skb, &info);
}

const struct vrrp_af vrrp_af_inet = {
	.family = AF_INET,
	.addr_len = 4,
	.max_prefixlen = 32,
	.ip_hdr_len = sizeof(struct iphdr),
	.name = "inet",
	.group.in = htonl(0xe0000012),	/* RFC 9568 5.1.1.2 */
	.hook = {
		.hook = inet_local_in,
		.pf = NFPROTO_IPV4,
		.hooknum = NF_INET_LOCAL_IN,
		.priority = NF_IP_PRI_FILTER + 1,
	},
	.primary_addr = inet_primary_addr,
	.addr_present = inet_addr_present,
	.unicast = inet_unicast,
	.first_vip_invalid = inet_first_vip_invalid,
	.join = inet_join,
	.leave = inet_leave,
	.push_header = inet_push_header,
	.xmit = inet_xmit,
	.announce = inet_announce,
};
