// SPDX-License-Identifier: GPL-2.0
/*
 * The virtual addresses: the master holds them on its interface, nobody
 * else does. Neither devinet_ioctl() nor the inet(6) address functions
 * are exported to modules, so the VIPs go through rtnetlink like `ip addr`
 * would, on a kernel socket of the namespace, from process context and
 * without RTNL held. Addresses we add carry IFA_PROTO VRRP_IFA_PROTO; we
 * only ever remove the ones we added. IPv6 VIPs skip duplicate address
 * detection: the address moves between routers by design, and a master
 * must answer for it at once.
 */

#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/if_addr.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "accept.h"
#include "instance.h"
#include "vip.h"

/* Under RTNL, with the namespace's first instance. */
int vrrp_vip_net_prepare(struct vrrp_net *vn)
{
	if (vn->rtnl_sock)
		return 0;
	return sock_create_kern(vn->net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE,
				&vn->rtnl_sock);
}

void vrrp_vip_net_exit(struct vrrp_net *vn)
{
	if (vn->rtnl_sock)
		sock_release(vn->rtnl_sock);
}

struct addr_request {
	struct nlmsghdr nlh;
	struct ifaddrmsg ifa;
	char attrs[64];
};

static void put_attr(struct nlmsghdr *nlh, int type, const void *data,
		     int len)
{
	struct nlattr *nla = (struct nlattr *)((char *)nlh +
					       NLMSG_ALIGN(nlh->nlmsg_len));

	nla->nla_type = type;
	nla->nla_len = nla_attr_size(len);
	memcpy(nla_data(nla), data, len);
	nlh->nlmsg_len = NLMSG_ALIGN(nlh->nlmsg_len) + nla_total_size(len);
}

/* Reads the kernel's answer to our request: 0 or a negative errno. */
static int read_ack(struct socket *sock, u32 seq)
{
	struct {
		struct nlmsghdr nlh;
		struct nlmsgerr err;
		char rest[128];
	} ack;
	struct kvec iov = { .iov_base = &ack, .iov_len = sizeof(ack) };
	struct msghdr msg = { .msg_flags = MSG_DONTWAIT };
	int len;

	for (;;) {
		len = kernel_recvmsg(sock, &msg, &iov, 1, sizeof(ack),
				     MSG_DONTWAIT | MSG_TRUNC);
		if (len < 0)
			return len;
		if (len < (int)(sizeof(ack.nlh) + sizeof(ack.err)))
			return -EPROTO;
		if (ack.nlh.nlmsg_type == NLMSG_ERROR &&
		    ack.nlh.nlmsg_seq == seq)
			return ack.err.error;
	}
}

/* RTM_NEWADDR or RTM_DELADDR of one VIP on the instance's interface. */
static int change_addr(struct vrrp_instance *inst, int type, const u8 *addr,
		       u8 prefixlen)
{
	const struct vrrp_af *af = inst->af;
	u32 flags = IFA_F_NODAD;
	struct vrrp_net *vn = inst->vn;
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct addr_request req = {};
	struct kvec iov = { .iov_base = &req };
	struct msghdr msg = {
		.msg_name = &kernel,
		.msg_namelen = sizeof(kernel),
	};
	u8 proto = VRRP_IFA_PROTO;
	int err;

	req.nlh.nlmsg_len = NLMSG_LENGTH(sizeof(req.ifa));
	req.nlh.nlmsg_type = type;
	req.nlh.nlmsg_flags = NLM_F_REQUEST | NLM_F_ACK;
	if (type == RTM_NEWADDR)
		req.nlh.nlmsg_flags |= NLM_F_CREATE | NLM_F_EXCL;
	req.ifa.ifa_family = af->family;
	req.ifa.ifa_prefixlen = prefixlen;
	req.ifa.ifa_scope = RT_SCOPE_UNIVERSE;
	req.ifa.ifa_index = inst->dev->ifindex;
	put_attr(&req.nlh, IFA_LOCAL, addr, af->addr_len);
	put_attr(&req.nlh, IFA_ADDRESS, addr, af->addr_len);
	if (type == RTM_NEWADDR) {
		put_attr(&req.nlh, IFA_PROTO, &proto, sizeof(proto));
		if (af->family == AF_INET6)
			put_attr(&req.nlh, IFA_FLAGS, &flags, sizeof(flags));
	}
	iov.iov_len = req.nlh.nlmsg_len;

	mutex_lock(&vn->rtnl_sock_lock);
	req.nlh.nlmsg_seq = ++vn->rtnl_seq;
	/* rtnetlink handles the request inside sendmsg(); the ack is queued. */
	err = kernel_sendmsg(vn->rtnl_sock, &msg, &iov, 1, iov.iov_len);
	if (err >= 0)
		err = read_ack(vn->rtnl_sock, req.nlh.nlmsg_seq);
	mutex_unlock(&vn->rtnl_sock_lock);
	return err;
}

/* An empty list with room for @cap addresses of @addr_len bytes. */
struct vrrp_vip_list *vrrp_vip_list_alloc(u8 addr_len, unsigned int cap,
					  gfp_t gfp)
{
	struct vrrp_vip_list *list;

	list = kzalloc(struct_size(list, data, cap * (addr_len + 1)), gfp);
	if (list) {
		list->addr_len = addr_len;
		list->cap = cap;
	}
	return list;
}

size_t vrrp_vip_list_size(const struct vrrp_vip_list *list)
{
	return struct_size(list, data, list->cap * (list->addr_len + 1));
}

void vrrp_vip_list_add(struct vrrp_vip_list *list, const u8 *addr,
		       u8 prefixlen)
{
	memcpy(list->data + list->nr * list->addr_len, addr, list->addr_len);
	list->data[list->cap * list->addr_len + list->nr++] = prefixlen;
}

/* Where @addr stands in @list, or -1; a NULL list is an empty one. */
int vrrp_vip_list_find(const struct vrrp_vip_list *list, const u8 *addr)
{
	int i;

	for (i = 0; list && i < list->nr; i++)
		if (!memcmp(vrrp_vip_addr(list, i), addr, list->addr_len))
			return i;
	return -1;
}

static bool listed(const struct vrrp_vip_list *list, const u8 *addr,
		   u8 prefixlen)
{
	int i = vrrp_vip_list_find(list, addr);

	return i >= 0 && vrrp_vip_prefixlen(list, i) == prefixlen;
}

/*
 * What the addresses on the interface should be right now: a copy, as the
 * requests below sleep. ERR_PTR(-ENOMEM) when the copy failed. *@guard:
 * whether they take only ARP and neighbor discovery (noaccept, not the
 * owner).
 */
static struct vrrp_vip_list *wanted_vips(struct vrrp_instance *inst,
					 bool *guard)
{
	const struct vrrp_vip_list *vips;
	struct vrrp_vip_list *want = NULL;

	spin_lock_bh(&inst->lock);
	*guard = !inst->cfg.accept &&
		 inst->cfg.priority != VRRP_PRIORITY_OWNER;
	if (inst->vips_wanted && !inst->dead) {
		vips = rcu_dereference_protected(inst->vips,
						 lockdep_is_held(&inst->lock));
		want = kmemdup(vips, vrrp_vip_list_size(vips), GFP_ATOMIC);
		if (!want)
			want = ERR_PTR(-ENOMEM);
	}
	spin_unlock_bh(&inst->lock);
	return want;
}

/* Removes what we added and is no longer wanted; keeps what failed. */
static void remove_unwanted(struct vrrp_instance *inst,
			    const struct vrrp_vip_list *old,
			    const struct vrrp_vip_list *want,
			    struct vrrp_vip_list *now)
{
	char str[VRRP_ADDR_STR_LEN];
	const u8 *addr;
	u8 plen;
	int i, err;

	for (i = 0; old && i < old->nr; i++) {
		addr = vrrp_vip_addr(old, i);
		plen = vrrp_vip_prefixlen(old, i);
		if (listed(want, addr, plen)) {
			vrrp_vip_list_add(now, addr, plen);
			continue;
		}
		err = change_addr(inst, RTM_DELADDR, addr, plen);
		if (!err || err == -EADDRNOTAVAIL || err == -ENODEV)
			continue;
		/* Still ours and still there: the next sync tries again. */
		vrrp_vip_list_add(now, addr, plen);
		pr_warn_ratelimited("%s vrid %u %s: removing %s: error %d\n",
				    netdev_name(inst->dev), inst->vrid,
				    inst->af->name,
				    vrrp_addr_str(inst->af, addr, str), err);
	}
}

/*
 * Adds every wanted VIP the interface does not have. One that we had added
 * and is gone was removed by hand (`ip addr del`, a flush, its primary
 * deleted): a master puts it back, rate-limited by the caller.
 */
static void add_missing(struct vrrp_instance *inst,
			const struct vrrp_vip_list *want,
			struct vrrp_vip_list *now)
{
	char str[VRRP_ADDR_STR_LEN];
	const u8 *addr;
	bool ours;
	u8 plen;
	int i, err;

	for (i = 0; i < want->nr; i++) {
		addr = vrrp_vip_addr(want, i);
		plen = vrrp_vip_prefixlen(want, i);
		if (inst->af->addr_present(inst->dev, addr))
			continue;
		ours = listed(now, addr, plen);
		err = change_addr(inst, RTM_NEWADDR, addr, plen);
		if (err) {
			/* -ENODEV: the interface is going away with its namespace. */
			if (err != -EEXIST && err != -ENODEV)
				pr_warn_ratelimited("%s vrid %u %s: adding %s/%u: error %d\n",
						    netdev_name(inst->dev),
						    inst->vrid, inst->af->name,
						    vrrp_addr_str(inst->af, addr,
								  str),
						    plen, err);
			continue;
		}
		if (!ours) {
			vrrp_vip_list_add(now, addr, plen);
			continue;
		}
		vrrp_count(inst, VRRP_STAT_VIP_RESTORED);
		pr_info_ratelimited("%s vrid %u %s: %s/%u was removed by hand; restored\n",
				    netdev_name(inst->dev), inst->vrid,
				    inst->af->name,
				    vrrp_addr_str(inst->af, addr, str), plen);
	}
}

/*
 * Makes the interface hold exactly the VIPs the state machine wants, as
 * it is now, not as we left it. An address someone else configured is
 * left as theirs. Returns -ENOMEM when it must run again, else 1 if the
 * VIPs were wanted (and put on) and 0 if not: what this run saw, which
 * the state machine may have changed since.
 */
int vrrp_vip_sync(struct vrrp_instance *inst)
{
	struct vrrp_vip_list *want, *old, *now;
	unsigned int cap;
	int ret = -ENOMEM;
	bool guard;

	mutex_lock(&inst->vip_lock);
	want = wanted_vips(inst, &guard);
	if (IS_ERR(want))
		goto out_unlock;
	old = inst->applied;
	cap = (old ? old->nr : 0) + (want ? want->nr : 0);
	now = vrrp_vip_list_alloc(inst->af->addr_len, cap, GFP_KERNEL_ACCOUNT);
	if (!now)
		goto out;
	/* Guarded before they are added: nothing slips in meanwhile. */
	if (guard && want)
		vrrp_accept_guard(inst, want);
	remove_unwanted(inst, old, want, now);
	if (want)
		add_missing(inst, want, now);
	inst->applied = now;
	/* Only ours: an address someone else configured stays theirs. */
	vrrp_accept_guard(inst, guard && want ? now : NULL);
	kfree(old);
	ret = !!want;
out:
	kfree(want);
out_unlock:
	mutex_unlock(&inst->vip_lock);
	return ret;
}
