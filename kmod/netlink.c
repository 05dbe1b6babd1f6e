// SPDX-License-Identifier: GPL-2.0
/*
 * The generic netlink family "vrrp": see include/uapi/linux/vrrp.h for the
 * API. Requests are checked whole before anything changes, and every
 * rejection names the attribute at fault in its extack message.
 */

#include <linux/if_arp.h>
#include <linux/rtnetlink.h>
#include <linux/slab.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "instance.h"
#include "netlink.h"
#include "netns.h"
#include "vip.h"

static const struct nla_policy vrrp_vip_policy[VRRP_VIP_A_MAX + 1] = {
	[VRRP_VIP_A_ADDR] = { .type = NLA_BINARY, .len = 16 },
	[VRRP_VIP_A_PREFIXLEN] = { .type = NLA_U8 },
};

static const struct nla_policy vrrp_policy[VRRP_A_MAX + 1] = {
	[VRRP_A_IFINDEX] = { .type = NLA_U32 },
	[VRRP_A_IFNAME] = { .type = NLA_REJECT },
	[VRRP_A_FAMILY] = { .type = NLA_U16 },
	[VRRP_A_VRID] = { .type = NLA_U8 },
	[VRRP_A_VERSION] = { .type = NLA_U8 },
	[VRRP_A_STATE] = { .type = NLA_REJECT },
	[VRRP_A_OLD_STATE] = { .type = NLA_REJECT },
	[VRRP_A_REASON] = { .type = NLA_REJECT },
	[VRRP_A_PRIORITY] = { .type = NLA_U8 },
	[VRRP_A_INTERVAL_MS] = { .type = NLA_U32 },
	[VRRP_A_ACTIVE_INTERVAL_MS] = { .type = NLA_REJECT },
	[VRRP_A_PREEMPT] = { .type = NLA_U8 },
	[VRRP_A_PREEMPT_DELAY_MS] = { .type = NLA_U32 },
	[VRRP_A_ACCEPT] = { .type = NLA_U8 },
	[VRRP_A_GARP_COUNT] = { .type = NLA_U32 },
	[VRRP_A_GARP_INTERVAL_MS] = { .type = NLA_U32 },
	[VRRP_A_ACTIVE_ADDR] = { .type = NLA_REJECT },
	[VRRP_A_PRIMARY_ADDR] = { .type = NLA_REJECT },
	[VRRP_A_VIPS] = NLA_POLICY_NESTED_ARRAY(vrrp_vip_policy),
	[VRRP_A_STATS] = { .type = NLA_REJECT },
};

static struct genl_family vrrp_family;

static const struct vrrp_config vrrp_defaults = {
	.priority = VRRP_PRIORITY_DEFAULT,
	.preempt = true,
	.accept = true,
	.interval_ms = VRRP_INTERVAL_MS_DEFAULT,
	.garp_count = VRRP_GARP_COUNT_DEFAULT,
};

/* The (interface, family, VRID) triple that names an instance. */
struct vrrp_id {
	int ifindex;
	u16 family;
	u8 vrid;
};

static int parse_id(struct genl_info *info, struct vrrp_id *id)
{
	struct nlattr **attrs = info->attrs;
	struct nlattr *a;

	if (!attrs[VRRP_A_IFINDEX]) {
		GENL_SET_ERR_MSG(info, "ifindex: an interface is required");
		return -EINVAL;
	}
	id->ifindex = nla_get_u32(attrs[VRRP_A_IFINDEX]);
	a = attrs[VRRP_A_VRID];
	if (!a) {
		GENL_SET_ERR_MSG(info, "vrid: a VRID (1-255) is required");
		return -EINVAL;
	}
	id->vrid = nla_get_u8(a);
	if (!id->vrid) {
		NL_SET_ERR_MSG_ATTR(info->extack, a, "vrid: must be 1-255");
		return -EINVAL;
	}
	id->family = AF_INET;
	a = attrs[VRRP_A_FAMILY];
	if (a && nla_get_u16(a) != AF_INET) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "family: only inet (AF_INET) is supported");
		return -EAFNOSUPPORT;
	}
	a = attrs[VRRP_A_VERSION];
	if (a && nla_get_u8(a) != 3) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "version: only VRRPv3 is supported");
		return -EOPNOTSUPP;
	}
	return 0;
}

/* Absent attributes leave @cfg as it is. */
static int parse_config(struct nlattr **attrs, struct vrrp_config *cfg,
			struct netlink_ext_ack *extack)
{
	struct nlattr *a;
	u32 v;

	a = attrs[VRRP_A_PRIORITY];
	if (a) {
		cfg->priority = nla_get_u8(a);
		if (!cfg->priority) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "priority: must be 1-255 (255: address owner)");
			return -EINVAL;
		}
	}
	a = attrs[VRRP_A_INTERVAL_MS];
	if (a) {
		v = nla_get_u32(a);
		/* RFC 9568 5.2.7: 12 bits of centiseconds. */
		if (v < VRRP_INTERVAL_MS_MIN || v > VRRP_INTERVAL_MS_MAX ||
		    v % 10) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "interval: must be a multiple of 10ms from 10ms to 40950ms");
			return -EINVAL;
		}
		cfg->interval_ms = v;
	}
	a = attrs[VRRP_A_PREEMPT];
	if (a) {
		if (nla_get_u8(a) > 1) {
			NL_SET_ERR_MSG_ATTR(extack, a, "preempt: must be 0 or 1");
			return -EINVAL;
		}
		cfg->preempt = nla_get_u8(a);
	}
	a = attrs[VRRP_A_PREEMPT_DELAY_MS];
	if (a) {
		v = nla_get_u32(a);
		if (v > VRRP_PREEMPT_DELAY_MS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "preempt-delay: must be at most 3600s");
			return -EINVAL;
		}
		cfg->preempt_delay_ms = v;
	}
	a = attrs[VRRP_A_ACCEPT];
	if (a) {
		/*
		 * The master holds the VIPs as local addresses, so it accepts
		 * packets to them, as keepalived does outside strict mode.
		 */
		if (nla_get_u8(a) != 1) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "accept: only accept mode is supported for now (no noaccept)");
			return -EOPNOTSUPP;
		}
		cfg->accept = true;
	}
	a = attrs[VRRP_A_GARP_COUNT];
	if (a) {
		v = nla_get_u32(a);
		if (!v || v > VRRP_GARP_COUNT_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a, "garp-count: must be 1-100");
			return -EINVAL;
		}
		cfg->garp_count = v;
	}
	a = attrs[VRRP_A_GARP_INTERVAL_MS];
	if (a) {
		v = nla_get_u32(a);
		if (v > VRRP_GARP_INTERVAL_MS_MAX) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "garp-interval: must be at most 10000ms");
			return -EINVAL;
		}
		cfg->garp_interval_ms = v;
	}
	return 0;
}

static int parse_vip(struct nlattr *nest, struct vrrp_vip_list *list,
		     struct netlink_ext_ack *extack)
{
	struct nlattr *tb[VRRP_VIP_A_MAX + 1];
	struct nlattr *a;
	u8 prefixlen = 32;
	__be32 addr;
	int err;

	err = nla_parse_nested(tb, VRRP_VIP_A_MAX, nest, vrrp_vip_policy,
			       extack);
	if (err)
		return err;
	a = tb[VRRP_VIP_A_ADDR];
	if (!a || nla_len(a) != 4) {
		NL_SET_ERR_MSG_ATTR(extack, a ?: nest,
				    "vip: an IPv4 address of 4 bytes is required");
		return -EINVAL;
	}
	addr = nla_get_in_addr(a);
	if (ipv4_is_zeronet(addr) || ipv4_is_loopback(addr) ||
	    ipv4_is_multicast(addr) || ipv4_is_lbcast(addr)) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vip: not a unicast address");
		return -EINVAL;
	}
	if (vrrp_vip_list_find(list, (const u8 *)&addr) >= 0) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vip: address listed twice");
		return -EINVAL;
	}
	a = tb[VRRP_VIP_A_PREFIXLEN];
	if (a) {
		prefixlen = nla_get_u8(a);
		if (!prefixlen || prefixlen > 32) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "vip: prefix length must be 1-32");
			return -EINVAL;
		}
	}
	vrrp_vip_list_add(list, (const u8 *)&addr, prefixlen);
	return 0;
}

static struct vrrp_vip_list *parse_vips(struct nlattr *vips,
					struct netlink_ext_ack *extack)
{
	struct vrrp_vip_list *list;
	struct nlattr *nest;
	int rem, err;

	list = vrrp_vip_list_alloc(4);
	if (!list)
		return ERR_PTR(-ENOMEM);
	nla_for_each_nested(nest, vips, rem) {
		if (list->nr == VRRP_MAX_VIPS) {
			NL_SET_ERR_MSG_ATTR(extack, nest,
					    "vips: at most 255 addresses");
			err = -E2BIG;
			goto err;
		}
		err = parse_vip(nest, list, extack);
		if (err)
			goto err;
	}
	if (!list->nr) {
		NL_SET_ERR_MSG_ATTR(extack, vips,
				    "vips: at least one virtual address is required");
		err = -EINVAL;
		goto err;
	}
	return list;
err:
	kfree(list);
	return ERR_PTR(err);
}

static struct vrrp_instance *find(struct vrrp_net *vn,
				  const struct vrrp_id *id)
{
	struct vrrp_instance *inst;

	rcu_read_lock();
	inst = vrrp_instance_lookup_rcu(vn, id->ifindex, id->family, id->vrid);
	rcu_read_unlock();
	return inst;
}

static int vrrp_nl_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct vrrp_config cfg = vrrp_defaults;
	struct vrrp_instance *inst;
	struct vrrp_vip_list *vips;
	struct net_device *dev;
	struct vrrp_id id;
	int err;

	err = parse_id(info, &id);
	if (err)
		return err;
	err = parse_config(info->attrs, &cfg, info->extack);
	if (err)
		return err;
	if (!info->attrs[VRRP_A_VIPS]) {
		GENL_SET_ERR_MSG(info,
				 "vips: at least one virtual address is required");
		return -EINVAL;
	}
	vips = parse_vips(info->attrs[VRRP_A_VIPS], info->extack);
	if (IS_ERR(vips))
		return PTR_ERR(vips);

	rtnl_lock();
	dev = __dev_get_by_index(vn->net, id.ifindex);
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_IFINDEX],
				    "ifindex: no such interface in this namespace");
		err = -ENODEV;
		goto err;
	}
	if (dev->type != ARPHRD_ETHER || dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_IFINDEX],
				    "ifindex: VRRP needs an Ethernet interface");
		err = -EOPNOTSUPP;
		goto err;
	}
	if (find(vn, &id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_VRID],
				    "vrid: this VRID already runs on the interface");
		err = -EEXIST;
		goto err;
	}
	inst = vrrp_instance_create(vn, dev, id.family, id.vrid, &cfg, vips,
				    info->extack);
	rtnl_unlock();
	return PTR_ERR_OR_ZERO(inst);
err:
	rtnl_unlock();
	kfree(vips);
	return err;
}

static struct vrrp_instance *find_or_complain(struct vrrp_net *vn,
					      const struct vrrp_id *id,
					      struct genl_info *info)
{
	struct vrrp_instance *inst = find(vn, id);

	if (!inst)
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_VRID],
				    "vrid: no such instance on the interface");
	return inst;
}

static int vrrp_nl_set(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct vrrp_vip_list *vips = NULL;
	struct vrrp_instance *inst;
	struct vrrp_config cfg;
	struct vrrp_id id;
	int err;

	err = parse_id(info, &id);
	if (err)
		return err;
	if (info->attrs[VRRP_A_VIPS]) {
		vips = parse_vips(info->attrs[VRRP_A_VIPS], info->extack);
		if (IS_ERR(vips))
			return PTR_ERR(vips);
	}

	rtnl_lock();
	inst = find_or_complain(vn, &id, info);
	if (!inst) {
		err = -ENOENT;
		goto err;
	}
	spin_lock_bh(&inst->lock);
	cfg = inst->cfg;
	spin_unlock_bh(&inst->lock);
	err = parse_config(info->attrs, &cfg, info->extack);
	if (err)
		goto err;
	vrrp_instance_configure(inst, &cfg, vips);
	rtnl_unlock();
	return 0;
err:
	rtnl_unlock();
	kfree(vips);
	return err;
}

static int vrrp_nl_del(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct vrrp_instance *inst;
	struct vrrp_id id;
	int err;

	err = parse_id(info, &id);
	if (err)
		return err;
	rtnl_lock();
	inst = find_or_complain(vn, &id, info);
	if (inst)
		vrrp_instance_unlink(inst, VRRP_REASON_SHUTDOWN);
	rtnl_unlock();
	if (!inst)
		return -ENOENT;
	/* The VIPs are gone when the reply arrives. */
	vrrp_instance_release(inst);
	return 0;
}

static int put_stats(struct sk_buff *skb, atomic64_t *stats, const u8 *which,
		     int n)
{
	struct nlattr *nest = nla_nest_start(skb, VRRP_A_STATS);
	int i;

	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < n; i++)
		if (nla_put_u64_64bit(skb, which[i],
				      atomic64_read(&stats[which[i]]),
				      VRRP_STAT_PAD))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static const u8 instance_stats[] = {
	VRRP_STAT_ADVERT_TX, VRRP_STAT_ADVERT_RX, VRRP_STAT_BECAME_ACTIVE,
	VRRP_STAT_PRIO0_TX, VRRP_STAT_PRIO0_RX, VRRP_STAT_DROP_TTL,
	VRRP_STAT_DROP_VERSION, VRRP_STAT_DROP_TYPE, VRRP_STAT_DROP_LENGTH,
	VRRP_STAT_DROP_CHECKSUM, VRRP_STAT_DROP_VRID,
	VRRP_STAT_DROP_ADDR_LIST, VRRP_STAT_DROP_INTERVAL,
	VRRP_STAT_INTERVAL_MISMATCH, VRRP_STAT_ADDR_LIST_MISMATCH,
};

static int put_vips(struct sk_buff *skb, const struct vrrp_vip_list *vips)
{
	struct nlattr *list, *vip;
	int i;

	list = nla_nest_start(skb, VRRP_A_VIPS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < vips->nr; i++) {
		vip = nla_nest_start(skb, VRRP_VIP_A);
		if (!vip ||
		    nla_put(skb, VRRP_VIP_A_ADDR, vips->addr_len,
			    vips->addrs + i * vips->addr_len) ||
		    nla_put_u8(skb, VRRP_VIP_A_PREFIXLEN, vips->prefixlen[i]))
			return -EMSGSIZE;
		nla_nest_end(skb, vip);
	}
	nla_nest_end(skb, list);
	return 0;
}

static int put_addr(struct sk_buff *skb, int type, __be32 addr)
{
	return addr ? nla_put_in_addr(skb, type, addr) : 0;
}

static int put_identity(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	if (nla_put_u32(skb, VRRP_A_IFINDEX, inst->dev->ifindex) ||
	    nla_put_string(skb, VRRP_A_IFNAME, inst->dev->name) ||
	    nla_put_u16(skb, VRRP_A_FAMILY, inst->family) ||
	    nla_put_u8(skb, VRRP_A_VRID, inst->vrid))
		return -EMSGSIZE;
	return 0;
}

/* With the instance lock held. */
static int put_instance(struct sk_buff *skb, struct vrrp_instance *inst)
{
	const struct vrrp_config *cfg = &inst->cfg;
	__be32 primary = vrrp_primary_addr4(inst->dev);

	if (put_identity(skb, inst) ||
	    nla_put_u8(skb, VRRP_A_VERSION, inst->version) ||
	    nla_put_u8(skb, VRRP_A_STATE, inst->fsm.state) ||
	    nla_put_u8(skb, VRRP_A_PRIORITY, cfg->priority) ||
	    nla_put_u32(skb, VRRP_A_INTERVAL_MS, cfg->interval_ms) ||
	    nla_put_u32(skb, VRRP_A_ACTIVE_INTERVAL_MS,
			inst->fsm.active_interval_cs * 10) ||
	    nla_put_u8(skb, VRRP_A_PREEMPT, cfg->preempt) ||
	    nla_put_u32(skb, VRRP_A_PREEMPT_DELAY_MS, cfg->preempt_delay_ms) ||
	    nla_put_u8(skb, VRRP_A_ACCEPT, cfg->accept) ||
	    nla_put_u32(skb, VRRP_A_GARP_COUNT, cfg->garp_count) ||
	    nla_put_u32(skb, VRRP_A_GARP_INTERVAL_MS, cfg->garp_interval_ms) ||
	    put_addr(skb, VRRP_A_ACTIVE_ADDR, inst->active_addr) ||
	    put_addr(skb, VRRP_A_PRIMARY_ADDR, primary) ||
	    put_vips(skb, inst->vips) ||
	    put_stats(skb, inst->stats, instance_stats,
		      ARRAY_SIZE(instance_stats)))
		return -EMSGSIZE;
	return 0;
}

/* -ENOENT if the instance died in the meantime. */
static int fill_instance(struct sk_buff *skb, struct vrrp_instance *inst,
			 u32 portid, u32 seq, int flags)
{
	void *hdr;
	int err = -ENOENT;

	hdr = genlmsg_put(skb, portid, seq, &vrrp_family, flags,
			  VRRP_CMD_GET_INSTANCE);
	if (!hdr)
		return -EMSGSIZE;
	spin_lock_bh(&inst->lock);
	if (!inst->dead)
		err = put_instance(skb, inst);
	spin_unlock_bh(&inst->lock);
	if (err) {
		genlmsg_cancel(skb, hdr);
		return err;
	}
	genlmsg_end(skb, hdr);
	return 0;
}

static size_t instance_msg_size(void)
{
	return NLMSG_GOODSIZE + VRRP_MAX_VIPS * nla_total_size(
		nla_total_size(16) + nla_total_size(1));
}

static int vrrp_nl_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct vrrp_instance *inst;
	struct sk_buff *msg;
	struct vrrp_id id;
	int err;

	err = parse_id(info, &id);
	if (err)
		return err;
	msg = genlmsg_new(instance_msg_size(), GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rcu_read_lock();
	inst = vrrp_instance_lookup_rcu(vn, id.ifindex, id.family, id.vrid);
	err = inst ? fill_instance(msg, inst, info->snd_portid, info->snd_seq,
				   0) : -ENOENT;
	rcu_read_unlock();
	if (err) {
		if (err == -ENOENT)
			NL_SET_ERR_MSG_ATTR(info->extack,
					    info->attrs[VRRP_A_VRID],
					    "vrid: no such instance on the interface");
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/*
 * The cursor is the key of the next instance to send: instances are kept
 * sorted by key, so a dump resumes correctly across additions and
 * removals and never holds a lock while userspace reads.
 */
static int vrrp_nl_dump(struct sk_buff *skb, struct netlink_callback *cb)
{
	const struct genl_dumpit_info *info = genl_dumpit_info(cb);
	struct vrrp_net *vn = vrrp_net(sock_net(skb->sk));
	u64 next = (u64)cb->args[0] << 32 | (u32)cb->args[1];
	struct nlattr *filter = info->attrs[VRRP_A_IFINDEX];
	int ifindex = filter ? nla_get_u32(filter) : 0;
	struct vrrp_instance *inst;
	int err = 0;

	rcu_read_lock();
	list_for_each_entry_rcu(inst, &vn->sorted, node) {
		if (inst->key < next)
			continue;
		if (ifindex && inst->ifindex != ifindex)
			continue;
		err = fill_instance(skb, inst, NETLINK_CB(cb->skb).portid,
				    cb->nlh->nlmsg_seq, NLM_F_MULTI);
		if (err == -EMSGSIZE)
			break;
		next = inst->key + 1;
		err = 0;
	}
	rcu_read_unlock();
	cb->args[0] = next >> 32;
	cb->args[1] = (u32)next;
	return err == -EMSGSIZE && !skb->len ? err : skb->len;
}

static int vrrp_nl_netstats(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct nlattr *nest;
	struct sk_buff *msg;
	void *hdr;

	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	hdr = genlmsg_put_reply(msg, info, &vrrp_family, 0,
				VRRP_CMD_GET_NETSTATS);
	if (!hdr)
		goto err;
	nest = nla_nest_start(msg, VRRP_A_STATS);
	if (!nest ||
	    nla_put_u64_64bit(msg, VRRP_STAT_DROP_VRID,
			      atomic64_read(&vn->unmatched_vrid),
			      VRRP_STAT_PAD) ||
	    nla_put_u64_64bit(msg, VRRP_STAT_DROP_LENGTH,
			      atomic64_read(&vn->unmatched_length),
			      VRRP_STAT_PAD))
		goto err;
	nla_nest_end(msg, nest);
	genlmsg_end(msg, hdr);
	return genlmsg_reply(msg, info);
err:
	nlmsg_free(msg);
	return -EMSGSIZE;
}

/* VRRP_CMD_STATE_CHANGE to the "events" group; from any context. */
void vrrp_netlink_notify_state(struct vrrp_instance *inst,
			       const struct vrrp_effects *fx)
{
	struct net *net = inst->vn->net;
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&vrrp_family, net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_ATOMIC);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vrrp_family, 0, VRRP_CMD_STATE_CHANGE);
	if (!hdr ||
	    put_identity(msg, inst) ||
	    nla_put_u8(msg, VRRP_A_OLD_STATE, fx->old_state) ||
	    nla_put_u8(msg, VRRP_A_STATE, fx->state) ||
	    nla_put_u8(msg, VRRP_A_REASON, fx->reason) ||
	    nla_put_u8(msg, VRRP_A_PRIORITY, fx->priority) ||
	    put_addr(msg, VRRP_A_ACTIVE_ADDR, fx->active_addr)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&vrrp_family, net, msg, 0, 0, GFP_ATOMIC);
}

static const struct genl_small_ops vrrp_ops[] = {
	{
		.cmd = VRRP_CMD_NEW_INSTANCE,
		.doit = vrrp_nl_new,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VRRP_CMD_SET_INSTANCE,
		.doit = vrrp_nl_set,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VRRP_CMD_DEL_INSTANCE,
		.doit = vrrp_nl_del,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VRRP_CMD_GET_INSTANCE,
		.doit = vrrp_nl_get,
		.dumpit = vrrp_nl_dump,
	}, {
		.cmd = VRRP_CMD_GET_NETSTATS,
		.doit = vrrp_nl_netstats,
	},
};

static const struct genl_multicast_group vrrp_mcgrps[] = {
	{ .name = VRRP_MCGRP_EVENTS },
};

static struct genl_family vrrp_family __ro_after_init = {
	.name = VRRP_GENL_NAME,
	.version = VRRP_GENL_VERSION,
	.maxattr = VRRP_A_MAX,
	.policy = vrrp_policy,
	.netnsok = true,
	.module = THIS_MODULE,
	.small_ops = vrrp_ops,
	.n_small_ops = ARRAY_SIZE(vrrp_ops),
	.mcgrps = vrrp_mcgrps,
	.n_mcgrps = ARRAY_SIZE(vrrp_mcgrps),
};

int __init vrrp_netlink_register(void)
{
	return genl_register_family(&vrrp_family);
}

void vrrp_netlink_unregister(void)
{
	genl_unregister_family(&vrrp_family);
}
