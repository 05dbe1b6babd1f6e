/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_AF_H
#define _VRRP_AF_H

#include <linux/in6.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/skbuff.h>

struct vrrp_instance;
struct vrrp_net;

/* An IPv4 or IPv6 address; the instance's family says which. */
union vrrp_addr {
	__be32 in;
	struct in6_addr in6;
	u8 bytes[16];
};

/* What the address family's hook learned from a packet's IP header. */
struct vrrp_rx_info {
	union vrrp_addr saddr;
	union vrrp_addr daddr;
	unsigned int msg_off;	/* from skb->data: where the advert starts */
	unsigned int msg_len;	/* the IP payload */
	u8 ttl;			/* or hop limit */
};

/*
 * Everything that differs between IPv4 and IPv6 (af_inet.c, af_inet6.c):
 * the core (instance.c, rx.c, tx.c, vip.c) only ever asks one of these.
 */
struct vrrp_af {
	u16 family;
	u8 addr_len;
	u8 max_prefixlen;
	u16 ip_hdr_len;			/* of the adverts we send */
	const char *name;		/* as vrrpadm says it: inet, inet6 */
	union vrrp_addr group;		/* 224.0.0.18 or ff02::12 */
	struct nf_hook_ops hook;	/* LOCAL_IN, ours for VRRP */
	struct nf_hook_ops out_hook;	/* LOCAL_OUT, if .hook is set */

	/* The address adverts leave from; false without a usable one. */
	bool (*primary_addr)(struct net_device *dev, union vrrp_addr *addr);
	/* Is @addr a local address of @dev, whoever configured it? */
	bool (*addr_present)(struct net_device *dev, const u8 *addr);
	/* Can @addr be a host's unicast address (a VIP, a peer)? */
	bool (*unicast)(const u8 *addr);
	/* Why @addr cannot be the first VIP; NULL if it can. */
	const char *(*first_vip_invalid)(const u8 *addr);
	/*
	 * Under RTNL: keeps @inst a member of the group on its device's
	 * current inet(6) device: 0, -ENODEV without one (no address
	 * family on the interface), another error if joining failed.
	 */
	int (*join)(struct vrrp_instance *inst);
	void (*leave)(struct vrrp_instance *inst);
	/* The IP header in front of @len bytes of advert. */
	void (*push_header)(struct sk_buff *skb, const union vrrp_addr *saddr,
			    const union vrrp_addr *daddr, size_t len);
	/* Routes and sends what push_header() made; consumes @skb. */
	void (*xmit)(struct sk_buff *skb);
	/* A gratuitous ARP or unsolicited NA for @vip; false if none left. */
	bool (*announce)(struct net_device *dev, const u8 *vip);
};

extern const struct vrrp_af vrrp_af_inet;
extern const struct vrrp_af vrrp_af_inet6;

const struct vrrp_af *vrrp_af_find(u16 family);
struct net_device *vrrp_af_rx_dev(const struct nf_hook_state *state,
				  int sdif);

static inline bool vrrp_addr_equal(const struct vrrp_af *af,
				   const union vrrp_addr *a,
				   const union vrrp_addr *b)
{
	return !memcmp(a->bytes, b->bytes, af->addr_len);
}

/* RFC 9568 6.4.3 tie-break: addresses compared as unsigned numbers. */
static inline int vrrp_addr_cmp(const struct vrrp_af *af,
				const union vrrp_addr *a,
				const union vrrp_addr *b)
{
	int c = memcmp(a->bytes, b->bytes, af->addr_len);

	return c < 0 ? -1 : c > 0;
}

/* Room for any address vrrp_addr_str() writes, with its NUL. */
#define VRRP_ADDR_STR_LEN	48

const char *vrrp_addr_str(const struct vrrp_af *af, const void *addr,
			  char buf[VRRP_ADDR_STR_LEN]);

#endif /* _VRRP_AF_H */
