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

#include "group.h"
#include "health.h"
#include "instance.h"
#include "netlink.h"
#include "netns.h"
#include "vip.h"

static const struct nla_policy vrrp_vip_policy[VRRP_VIP_A_MAX + 1] = {
	/* 4 or 16 bytes, as the instance's family says (parse_vip()). */
	[VRRP_VIP_A_ADDR] = { .type = NLA_BINARY, .len = 16 },
	[VRRP_VIP_A_PREFIXLEN] = NLA_POLICY_RANGE(NLA_U8, 1, 128),
	[VRRP_VIP_A_EXCLUDED] = { .type = NLA_FLAG },
	[VRRP_VIP_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_VIP_A_LABEL] = { .type = NLA_NUL_STRING, .len = IFNAMSIZ - 1 },
	[VRRP_VIP_A_SCOPE] = { .type = NLA_U8 },
};

static const struct nla_policy vrrp_route_policy[VRRP_ROUTE_A_MAX + 1] = {
	/* 4 or 16 bytes, as the instance's family says (parse_route()). */
	[VRRP_ROUTE_A_DST] = { .type = NLA_BINARY, .len = 16 },
	[VRRP_ROUTE_A_PREFIXLEN] = NLA_POLICY_MAX(NLA_U8, 128),
	[VRRP_ROUTE_A_GATEWAY] = { .type = NLA_BINARY, .len = 16 },
	[VRRP_ROUTE_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
};

static const struct nla_policy vrrp_track_policy[VRRP_TRACK_A_MAX + 1] = {
	[VRRP_TRACK_A_NAME] = { .type = NLA_NUL_STRING,
				.len = VRRP_TRACK_NAME_MAX - 1 },
	[VRRP_TRACK_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_TRACK_A_IFNAME] = { .type = NLA_REJECT },
	[VRRP_TRACK_A_WEIGHT] = NLA_POLICY_RANGE(NLA_S32,
						 -VRRP_TRACK_WEIGHT_MAX,
						 VRRP_TRACK_WEIGHT_MAX),
	[VRRP_TRACK_A_STATE] = { .type = NLA_REJECT },
	[VRRP_TRACK_A_VALUE] = { .type = NLA_REJECT },
};

static struct netlink_range_validation interval_range = {
	.min = VRRP_INTERVAL_MS_MIN,
	.max = VRRP_INTERVAL_MS_MAX,
};

static struct netlink_range_validation preempt_delay_range = {
	.max = VRRP_PREEMPT_DELAY_MS_MAX,
};

static struct netlink_range_validation garp_interval_range = {
	.max = VRRP_GARP_INTERVAL_MS_MAX,
};

static struct netlink_range_validation garp_delay_range = {
	.max = VRRP_GARP_DELAY_MS_MAX,
};

static struct netlink_range_validation garp_refresh_range = {
	.max = VRRP_GARP_REFRESH_MS_MAX,
};

static struct netlink_range_validation lease_range = {
	.max = VRRP_TRACK_LEASE_MS_MAX,
};

static const struct nla_policy vrrp_policy[VRRP_A_MAX + 1] = {
	[VRRP_A_IFINDEX] = NLA_POLICY_MIN(NLA_U32, 1),
	[VRRP_A_IFNAME] = { .type = NLA_REJECT },
	[VRRP_A_FAMILY] = { .type = NLA_U16 },
	[VRRP_A_VRID] = NLA_POLICY_MIN(NLA_U8, 1),
	[VRRP_A_VERSION] = NLA_POLICY_RANGE(NLA_U8, 2, 3),
	[VRRP_A_STATE] = { .type = NLA_REJECT },
	[VRRP_A_OLD_STATE] = { .type = NLA_REJECT },
	[VRRP_A_REASON] = { .type = NLA_REJECT },
	[VRRP_A_PRIORITY] = NLA_POLICY_MIN(NLA_U8, 1),
	[VRRP_A_INTERVAL_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &interval_range),
	[VRRP_A_ACTIVE_INTERVAL_MS] = { .type = NLA_REJECT },
	[VRRP_A_PREEMPT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_PREEMPT_DELAY_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &preempt_delay_range),
	[VRRP_A_ACCEPT] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_GARP_COUNT] = NLA_POLICY_RANGE(NLA_U32, 1,
					       VRRP_GARP_COUNT_MAX),
	[VRRP_A_GARP_INTERVAL_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &garp_interval_range),
	[VRRP_A_ACTIVE_ADDR] = { .type = NLA_REJECT },
	[VRRP_A_PRIMARY_ADDR] = { .type = NLA_REJECT },
	[VRRP_A_VIPS] = NLA_POLICY_NESTED_ARRAY(vrrp_vip_policy),
	[VRRP_A_STATS] = { .type = NLA_REJECT },
	[VRRP_A_PAD] = { .type = NLA_REJECT },
	[VRRP_A_GARP_DELAY_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &garp_delay_range),
	[VRRP_A_GARP_REFRESH_MS] =
		NLA_POLICY_FULL_RANGE(NLA_U32, &garp_refresh_range),
	[VRRP_A_EFFECTIVE_PRIORITY] = { .type = NLA_REJECT },
	[VRRP_A_TRACKS] = NLA_POLICY_NESTED_ARRAY(vrrp_track_policy),
	[VRRP_A_TRACK_NAME] = { .type = NLA_NUL_STRING,
				.len = VRRP_TRACK_NAME_MAX - 1 },
	[VRRP_A_TRACK_STATE] = NLA_POLICY_MAX(NLA_U8, VRRP_TRACK_UP),
	[VRRP_A_TRACK_VALUE] = NLA_POLICY_RANGE(NLA_S32,
						-VRRP_TRACK_VALUE_MAX,
						VRRP_TRACK_VALUE_MAX),
	[VRRP_A_TRACK_LEASE_MS] = NLA_POLICY_FULL_RANGE(NLA_U32, &lease_range),
	[VRRP_A_TRACK_USERS] = { .type = NLA_REJECT },
	[VRRP_A_GROUP] = { .type = NLA_NUL_STRING,
			   .len = VRRP_TRACK_NAME_MAX - 1 },
	[VRRP_A_CHECKSUM] = NLA_POLICY_MAX(NLA_U8, __VRRP_CHECKSUM_MAX - 1),
	[VRRP_A_PEERS] = { .type = NLA_NESTED },
	/* 4 or 16 bytes, as the family says; none resets it (check_config()). */
	[VRRP_A_SOURCE] = { .type = NLA_BINARY, .len = 16 },
	[VRRP_A_VMAC] = NLA_POLICY_MAX(NLA_U8, 1),
	[VRRP_A_ROUTES] = NLA_POLICY_NESTED_ARRAY(vrrp_route_policy),
	[VRRP_A_NAME] = { .type = NLA_NUL_STRING, .len = VRRP_NAME_MAX - 1 },
	[VRRP_A_ACTIVE_PRIORITY] = { .type = NLA_REJECT },
	[VRRP_A_STATE_AGE_MS] = { .type = NLA_REJECT },
};

static const struct vrrp_config vrrp_defaults = {
	.version = 3,
	.checksum = VRRP_CHECKSUM_EITHER,
	.priority = VRRP_PRIORITY_DEFAULT,
	.preempt = true,
	.accept = true,
	.interval_ms = VRRP_INTERVAL_MS_DEFAULT,
	.garp_count = VRRP_GARP_COUNT_DEFAULT,
	.garp_delay_ms = VRRP_GARP_DELAY_MS_DEFAULT,
};

/* The (interface, family, VRID) triple that names an instance. */
struct vrrp_id {
	int ifindex;
	u16 family;
	u8 vrid;
	const struct vrrp_af *af;
};

/* The policy has checked the ranges; what it cannot say is said here. */
static int parse_id(struct genl_info *info, struct vrrp_id *id)
{
	struct nlattr **attrs = info->attrs;
	struct nlattr *a;

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_IFINDEX) ||
	    GENL_REQ_ATTR_CHECK(info, VRRP_A_VRID))
		return -EINVAL;
	id->ifindex = nla_get_u32(attrs[VRRP_A_IFINDEX]);
	id->vrid = nla_get_u8(attrs[VRRP_A_VRID]);
	id->family = AF_INET;
	a = attrs[VRRP_A_FAMILY];
	if (a)
		id->family = nla_get_u16(a);
	id->af = vrrp_af_find(id->family);
	if (!id->af) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "family: inet (AF_INET) or inet6 (AF_INET6)");
		return -EAFNOSUPPORT;
	}
	return 0;
}

static void get_u32(struct nlattr **attrs, int type, u32 *val)
{
	if (attrs[type])
		*val = nla_get_u32(attrs[type]);
}

/* Absent attributes leave @cfg as it is; the policy checked the ranges. */
static int parse_config(struct nlattr **attrs, struct vrrp_config *cfg,
			struct netlink_ext_ack *extack)
{
	struct nlattr *a;

	a = attrs[VRRP_A_INTERVAL_MS];
	/* RFC 9568 5.2.7: adverts carry centiseconds. */
	if (a && nla_get_u32(a) % 10) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "interval: must be a multiple of 10ms from 10ms to 40950ms");
		return -EINVAL;
	}
	a = attrs[VRRP_A_GARP_REFRESH_MS];
	if (a && nla_get_u32(a) && nla_get_u32(a) < VRRP_GARP_REFRESH_MS_MIN) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "garp-refresh: must be 0 (off) or 1s to 3600s");
		return -EINVAL;
	}

	a = attrs[VRRP_A_SOURCE];
	if (a) {
		cfg->has_source = nla_len(a) > 0;
		memset(&cfg->source, 0, sizeof(cfg->source));
		nla_memcpy(cfg->source.bytes, a, sizeof(cfg->source));
	}
	if (attrs[VRRP_A_VERSION])
		cfg->version = nla_get_u8(attrs[VRRP_A_VERSION]);
	if (attrs[VRRP_A_CHECKSUM])
		cfg->checksum = nla_get_u8(attrs[VRRP_A_CHECKSUM]);
	if (attrs[VRRP_A_PRIORITY])
		cfg->priority = nla_get_u8(attrs[VRRP_A_PRIORITY]);
	if (attrs[VRRP_A_PREEMPT])
		cfg->preempt = nla_get_u8(attrs[VRRP_A_PREEMPT]);
	if (attrs[VRRP_A_ACCEPT])
		cfg->accept = nla_get_u8(attrs[VRRP_A_ACCEPT]);
	if (attrs[VRRP_A_VMAC])
		cfg->vmac = nla_get_u8(attrs[VRRP_A_VMAC]);
	get_u32(attrs, VRRP_A_INTERVAL_MS, &cfg->interval_ms);
	get_u32(attrs, VRRP_A_PREEMPT_DELAY_MS, &cfg->preempt_delay_ms);
	get_u32(attrs, VRRP_A_GARP_COUNT, &cfg->garp_count);
	get_u32(attrs, VRRP_A_GARP_INTERVAL_MS, &cfg->garp_interval_ms);
	get_u32(attrs, VRRP_A_GARP_DELAY_MS, &cfg->garp_delay_ms);
	get_u32(attrs, VRRP_A_GARP_REFRESH_MS, &cfg->garp_refresh_ms);
	return 0;
}

/*
 * What depends on the version and the family, judged on the settings as
 * they will be (a SET changes some, keeps the rest).
 */
static int check_config(const struct vrrp_af *af,
			const struct vrrp_config *cfg, struct nlattr **attrs,
			struct netlink_ext_ack *extack)
{
	struct nlattr *version = attrs[VRRP_A_VERSION];

	if (cfg->version == 2 && af->family != AF_INET) {
		NL_SET_ERR_MSG_ATTR(extack, version,
				    "version: VRRPv2 is for IPv4 only (RFC 3768)");
		return -EINVAL;
	}
	/* RFC 3768 5.3.7: the interval is a number of seconds. */
	if (cfg->version == 2 &&
	    (cfg->interval_ms % 1000)) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VRRP_A_INTERVAL_MS] ?: version,
				    "interval: VRRPv2 counts whole seconds, 1s to 40s");
		return -EINVAL;
	}
	if (attrs[VRRP_A_SOURCE] && nla_len(attrs[VRRP_A_SOURCE]) &&
	    (nla_len(attrs[VRRP_A_SOURCE]) != af->addr_len ||
	     !af->unicast(cfg->source.bytes))) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VRRP_A_SOURCE],
				    "source: not a unicast address of the instance's family");
		return -EINVAL;
	}
	if (attrs[VRRP_A_CHECKSUM] &&
	    (cfg->version == 2 || af->family != AF_INET)) {
		NL_SET_ERR_MSG_ATTR(extack, attrs[VRRP_A_CHECKSUM],
				    "checksum: only VRRPv3 over IPv4 has a choice (IPv6 always includes the pseudo-header, VRRPv2 never)");
		return -EINVAL;
	}
	return 0;
}

/* What a list attribute's entries can be wrong about, in its words. */
struct list_msgs {
	const char *type;		/* an entry of another type */
	const char *trailing;		/* bytes after the last entry */
	const char *too_many;
};

/* For messages chosen at run time; all are string literals. */
static void set_err(struct netlink_ext_ack *extack, const struct nlattr *a,
		    const char *msg)
{
	extack->_msg = msg;
	NL_SET_BAD_ATTR(extack, a);
}

/*
 * How many entries list attribute @list holds, all of type @type and at
 * most @max; a negative errno with the extack set if not.
 */
static int count_entries(const struct nlattr *list, int type, int max,
			 const struct list_msgs *msgs,
			 struct netlink_ext_ack *extack)
{
	const struct nlattr *a;
	int rem, n = 0;

	nla_for_each_nested(a, list, rem) {
		if (nla_type(a) != type) {
			set_err(extack, a, msgs->type);
			return -EINVAL;
		}
		n++;
	}
	/* A policy's array check lets bytes that are no entry through. */
	if (rem) {
		set_err(extack, list, msgs->trailing);
		return -EINVAL;
	}
	if (n > max) {
		set_err(extack, list, msgs->too_many);
		return -E2BIG;
	}
	return n;
}

/* Whether interface @ifindex is in @net now. */
static bool dev_exists(struct net *net, u32 ifindex)
{
	bool found;

	rcu_read_lock();
	found = dev_get_by_index_rcu(net, ifindex);
	rcu_read_unlock();
	return found;
}

/*
 * A VIP's place: "dev" (none if it names the instance's interface),
 * "label" and "scope". The first VIP of an IPv6 instance, the link-local
 * address its adverts are about, stays on the instance's interface.
 */
static int parse_place(const struct vrrp_id *id, struct net *net,
		       struct nlattr **tb, bool first,
		       struct vrrp_vip_place *place,
		       struct netlink_ext_ack *extack)
{
	struct nlattr *a = tb[VRRP_VIP_A_IFINDEX];

	memset(place, 0, sizeof(*place));
	if (a && nla_get_u32(a) != id->ifindex) {
		if (first && id->family == AF_INET6) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "vip: the first IPv6 address (link-local) stays on the instance's interface");
			return -EINVAL;
		}
		if (!dev_exists(net, nla_get_u32(a))) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "vip: no such interface in this namespace");
			return -ENODEV;
		}
		place->ifindex = nla_get_u32(a);
	}
	a = tb[VRRP_VIP_A_LABEL] ?: tb[VRRP_VIP_A_SCOPE];
	if (a && id->family != AF_INET) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "vip: label and scope are IPv4 address settings");
		return -EINVAL;
	}
	if (tb[VRRP_VIP_A_LABEL])
		nla_strscpy(place->label, tb[VRRP_VIP_A_LABEL],
			    sizeof(place->label));
	if (tb[VRRP_VIP_A_SCOPE])
		place->scope = nla_get_u8(tb[VRRP_VIP_A_SCOPE]);
	return 0;
}

/*
 * One VRRP_VIP_A onto @list if it is @excluded (or not) from adverts; the
 * first advertised one is the one the family's rule is about.
 */
static int parse_vip(const struct vrrp_id *id, struct net *net,
		     struct nlattr *nest, bool excluded,
		     struct vrrp_vip_list *list,
		     struct netlink_ext_ack *extack)
{
	const struct vrrp_af *af = id->af;
	struct nlattr *tb[VRRP_VIP_A_MAX + 1];
	u8 prefixlen = af->max_prefixlen;
	struct vrrp_vip_place place;
	const char *invalid;
	struct nlattr *a;
	int err;

	err = nla_parse_nested(tb, VRRP_VIP_A_MAX, nest, vrrp_vip_policy,
			       extack);
	if (err)
		return err;
	if (nla_get_flag(tb[VRRP_VIP_A_EXCLUDED]) != excluded)
		return 0;
	a = tb[VRRP_VIP_A_ADDR];
	if (!a || nla_len(a) != af->addr_len) {
		if (af->family == AF_INET)
			NL_SET_ERR_MSG_ATTR(extack, a ?: nest,
					    "vip: an IPv4 address of 4 bytes is required");
		else
			NL_SET_ERR_MSG_ATTR(extack, a ?: nest,
					    "vip: an IPv6 address of 16 bytes is required");
		return -EINVAL;
	}
	if (!af->unicast(nla_data(a))) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vip: not a unicast address");
		return -EINVAL;
	}
	invalid = list->nr || excluded ? NULL :
		  af->first_vip_invalid(nla_data(a));
	if (invalid) {
		set_err(extack, a, invalid);
		return -EINVAL;
	}
	if (vrrp_vip_list_find(list, nla_data(a)) >= 0) {
		NL_SET_ERR_MSG_ATTR(extack, a, "vip: address listed twice");
		return -EINVAL;
	}
	if (tb[VRRP_VIP_A_PREFIXLEN])
		prefixlen = nla_get_u8(tb[VRRP_VIP_A_PREFIXLEN]);
	if (prefixlen > af->max_prefixlen) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_VIP_A_PREFIXLEN],
				    "vip: an IPv4 prefix is at most 32 bits long");
		return -EINVAL;
	}
	err = parse_place(id, net, tb, !list->nr && !excluded, &place, extack);
	if (err)
		return err;
	vrrp_vip_list_add(list, nla_data(a), prefixlen, &place);
	return 0;
}

/* Whether any VIP of the request has a place of its own. */
static bool any_placed(const struct nlattr *vips)
{
	const struct nlattr *nest;
	int rem;

	nla_for_each_nested(nest, vips, rem)
		if (nla_find_nested(nest, VRRP_VIP_A_IFINDEX) ||
		    nla_find_nested(nest, VRRP_VIP_A_LABEL) ||
		    nla_find_nested(nest, VRRP_VIP_A_SCOPE))
			return true;
	return false;
}

/*
 * A list sized to the request (an instance with one VIP stays small), the
 * advertised VIPs first, in the order given, then the excluded ones.
 */
static struct vrrp_vip_list *parse_vips(const struct vrrp_id *id,
					struct net *net, struct nlattr *vips,
					struct netlink_ext_ack *extack)
{
	static const struct list_msgs msgs = {
		.type = "vip: VRRP_A_VIPS holds only VRRP_VIP_A entries",
		.trailing = "vip: VRRP_A_VIPS ends with bytes that are no entry",
		.too_many = "vip: at most 255 addresses",
	};
	struct vrrp_vip_list *list;
	struct nlattr *nest;
	int rem, n, excluded, err = 0;

	/* The policy checked each entry's content; here, what it is. */
	n = count_entries(vips, VRRP_VIP_A, VRRP_MAX_VIPS, &msgs, extack);
	if (n < 0)
		return ERR_PTR(n);
	if (!n) {
		NL_SET_ERR_MSG_ATTR(extack, vips,
				    "vip: at least one virtual address is required");
		return ERR_PTR(-EINVAL);
	}
	list = vrrp_vip_list_alloc(id->af->addr_len, n, any_placed(vips),
				   GFP_KERNEL_ACCOUNT);
	if (!list)
		return ERR_PTR(-ENOMEM);
	/* Two passes: the advertised VIPs, then the excluded ones. */
	for (excluded = 0; !err && excluded <= 1; excluded++) {
		nla_for_each_nested(nest, vips, rem) {
			err = parse_vip(id, net, nest, excluded, list,
					extack);
			if (err)
				break;
		}
		if (!excluded)
			list->nr_adv = list->nr;
	}
	if (!err && !list->nr_adv) {
		NL_SET_ERR_MSG_ATTR(extack, vips,
				    "vip: at least one virtual address must be advertised (not excluded)");
		err = -EINVAL;
	}
	if (err) {
		kfree(list);
		return ERR_PTR(err);
	}
	return list;
}

/*
 * VRRP_A_PEERS: unicast addresses of the family, each once. An empty list
 * (multicast again) is a list of none.
 */
static struct vrrp_vip_list *parse_peers(const struct vrrp_af *af,
					 struct nlattr *peers,
					 struct netlink_ext_ack *extack)
{
	static const struct list_msgs msgs = {
		.type = "peer: VRRP_A_PEERS holds only VRRP_PEER_A entries",
		.trailing = "peer: VRRP_A_PEERS ends with bytes that are no entry",
		.too_many = "peer: at most 64 peers",
	};
	struct vrrp_vip_list *list;
	struct nlattr *a;
	int rem, n;

	n = count_entries(peers, VRRP_PEER_A, VRRP_MAX_PEERS, &msgs, extack);
	if (n < 0)
		return ERR_PTR(n);
	list = vrrp_vip_list_alloc(af->addr_len, n, false, GFP_KERNEL_ACCOUNT);
	if (!list)
		return ERR_PTR(-ENOMEM);
	nla_for_each_nested(a, peers, rem) {
		if (nla_len(a) != af->addr_len || !af->unicast(nla_data(a))) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "peer: not a unicast address of the instance's family");
			kfree(list);
			return ERR_PTR(-EINVAL);
		}
		if (vrrp_vip_list_find(list, nla_data(a)) >= 0) {
			NL_SET_ERR_MSG_ATTR(extack, a, "peer: address listed twice");
			kfree(list);
			return ERR_PTR(-EINVAL);
		}
		vrrp_vip_list_add(list, nla_data(a), af->max_prefixlen, NULL);
	}
	return list;
}

/* VRRP_A_PEERS if given: NULL if not, the list, or an ERR_PTR. */
static struct vrrp_vip_list *parse_peers_of(const struct vrrp_id *id,
					    struct genl_info *info)
{
	struct nlattr *a = info->attrs[VRRP_A_PEERS];

	return a ? parse_peers(id->af, a, info->extack) : NULL;
}

/* Whether @addr has no bit set beyond its first @plen. */
static bool host_bits_zero(const u8 *addr, unsigned int len, u8 plen)
{
	unsigned int i;

	for (i = plen / 8; i < len; i++)
		if (addr[i] & (i == plen / 8 ? 0xff >> (plen % 8) : 0xff))
			return false;
	return true;
}

/* One VRRP_ROUTE_A onto @list. */
static int parse_route(const struct vrrp_id *id, struct net *net,
		       struct nlattr *nest, struct vrrp_route_list *list,
		       struct netlink_ext_ack *extack)
{
	const struct vrrp_af *af = id->af;
	struct nlattr *tb[VRRP_ROUTE_A_MAX + 1];
	struct vrrp_route *r = &list->r[list->nr];
	struct nlattr *a;
	int err;

	err = nla_parse_nested(tb, VRRP_ROUTE_A_MAX, nest, vrrp_route_policy,
			       extack);
	if (err)
		return err;
	a = tb[VRRP_ROUTE_A_DST];
	if (!a || nla_len(a) != af->addr_len) {
		NL_SET_ERR_MSG_ATTR(extack, a ?: nest,
				    "route: a destination of the instance's family is required");
		return -EINVAL;
	}
	memcpy(r->dst, nla_data(a), af->addr_len);
	r->prefixlen = af->max_prefixlen;
	if (tb[VRRP_ROUTE_A_PREFIXLEN])
		r->prefixlen = nla_get_u8(tb[VRRP_ROUTE_A_PREFIXLEN]);
	if (r->prefixlen > af->max_prefixlen) {
		NL_SET_ERR_MSG_ATTR(extack, tb[VRRP_ROUTE_A_PREFIXLEN],
				    "route: an IPv4 prefix is at most 32 bits long");
		return -EINVAL;
	}
	if (!host_bits_zero(r->dst, af->addr_len, r->prefixlen)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "route: the destination has bits set beyond its prefix length");
		return -EINVAL;
	}
	a = tb[VRRP_ROUTE_A_GATEWAY];
	if (a) {
		if (nla_len(a) != af->addr_len || !af->unicast(nla_data(a))) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "route: the gateway is not a unicast address of the instance's family");
			return -EINVAL;
		}
		memcpy(r->gw, nla_data(a), af->addr_len);
		r->has_gw = true;
	}
	a = tb[VRRP_ROUTE_A_IFINDEX];
	if (a) {
		if (!dev_exists(net, nla_get_u32(a))) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "route: no such interface in this namespace");
			return -ENODEV;
		}
		r->ifindex = nla_get_u32(a);
	}
	/*
	 * A link-local gateway is only reachable on a link: the instance's,
	 * unless one is named (the first-VIP rule of IPv6 is exactly
	 * "link-local").
	 */
	if (r->has_gw && !r->ifindex && id->family == AF_INET6 &&
	    !af->first_vip_invalid(r->gw))
		r->ifindex = id->ifindex;
	if (vrrp_route_list_find(list, r) >= 0) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "route: destination listed twice");
		return -EINVAL;
	}
	list->nr++;
	return 0;
}

/* VRRP_A_ROUTES if given: NULL if not, the list, or an ERR_PTR. */
static struct vrrp_route_list *parse_routes_of(const struct vrrp_id *id,
					       struct genl_info *info)
{
	static const struct list_msgs msgs = {
		.type = "route: VRRP_A_ROUTES holds only VRRP_ROUTE_A entries",
		.trailing = "route: VRRP_A_ROUTES ends with bytes that are no entry",
		.too_many = "route: at most 64 routes",
	};
	struct nlattr *routes = info->attrs[VRRP_A_ROUTES], *nest;
	struct vrrp_route_list *list;
	int rem, n, err;

	if (!routes)
		return NULL;
	n = count_entries(routes, VRRP_ROUTE_A, VRRP_MAX_ROUTES, &msgs,
			  info->extack);
	if (n < 0)
		return ERR_PTR(n);
	list = vrrp_route_list_alloc(n, GFP_KERNEL_ACCOUNT);
	if (!list)
		return ERR_PTR(-ENOMEM);
	nla_for_each_nested(nest, routes, rem) {
		err = parse_route(id, genl_info_net(info), nest, list,
				  info->extack);
		if (err) {
			kfree(list);
			return ERR_PTR(err);
		}
	}
	return list;
}

/* Under RTNL: is the object or interface of @ref already in @list? */
static bool track_listed(const struct vrrp_track_list *list,
			 const struct vrrp_track_ref *ref)
{
	unsigned int i;

	for (i = 0; i < list->nr; i++) {
		const struct vrrp_track_ref *r = &list->refs[i];

		if (ref->health ? r->health == ref->health :
		    !r->health && !strcmp(r->ifname, ref->ifname))
			return true;
	}
	return false;
}

/* Under RTNL: one VRRP_TRACK_A entry, a health object or an interface. */
static int parse_track(struct vrrp_net *vn, struct nlattr *nest,
		       struct vrrp_track_list *list,
		       struct netlink_ext_ack *extack)
{
	struct vrrp_track_ref *ref = &list->refs[list->nr];
	struct nlattr *tb[VRRP_TRACK_A_MAX + 1];
	struct net_device *dev;
	struct nlattr *a;
	int err;

	err = nla_parse_nested(tb, VRRP_TRACK_A_MAX, nest, vrrp_track_policy,
			       extack);
	if (err)
		return err;
	if (!tb[VRRP_TRACK_A_NAME] == !tb[VRRP_TRACK_A_IFINDEX]) {
		NL_SET_ERR_MSG_ATTR(extack, nest,
				    "track: each entry names a health object or an interface");
		return -EINVAL;
	}
	a = tb[VRRP_TRACK_A_NAME];
	if (a) {
		ref->health = vrrp_health_find(vn, nla_data(a));
		if (!ref->health) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "track: no such health object in this namespace (see vrrpadm track add)");
			return -ENOENT;
		}
	} else {
		a = tb[VRRP_TRACK_A_IFINDEX];
		dev = __dev_get_by_index(vn->net, nla_get_u32(a));
		if (!dev) {
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "track-dev: no such interface in this namespace");
			return -ENODEV;
		}
		strscpy(ref->ifname, dev->name, sizeof(ref->ifname));
	}
	if (track_listed(list, ref)) {
		if (ref->health)
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "track: health object listed twice");
		else
			NL_SET_ERR_MSG_ATTR(extack, a,
					    "track-dev: interface listed twice");
		return -EINVAL;
	}
	a = tb[VRRP_TRACK_A_WEIGHT];
	if (a && !nla_get_s32(a)) {
		NL_SET_ERR_MSG_ATTR(extack, a,
				    "weight: from -253 to 253 but not 0 (no weight: fault while down)");
		return -EINVAL;
	}
	if (a) {
		ref->has_weight = true;
		ref->weight = (s16)nla_get_s32(a);
	}
	if (!ref->health)
		list->nr_devs++;
	list->nr++;
	return 0;
}

/*
 * Under RTNL, as the health objects must stay while the list is built:
 * what the instance tracks, an empty list for none.
 */
static struct vrrp_track_list *parse_tracks(struct vrrp_net *vn,
					    struct nlattr *tracks,
					    struct netlink_ext_ack *extack)
{
	static const struct list_msgs msgs = {
		.type = "track: VRRP_A_TRACKS holds only VRRP_TRACK_A entries",
		.trailing = "track: VRRP_A_TRACKS ends with bytes that are no entry",
		.too_many = "track: at most 32 objects and interfaces",
	};
	struct vrrp_track_list *list;
	struct nlattr *nest;
	int rem, n, err;

	n = count_entries(tracks, VRRP_TRACK_A, VRRP_MAX_TRACKS, &msgs, extack);
	if (n < 0)
		return ERR_PTR(n);
	list = vrrp_track_list_alloc(n);
	if (!list)
		return ERR_PTR(-ENOMEM);
	nla_for_each_nested(nest, tracks, rem) {
		err = parse_track(vn, nest, list, extack);
		if (err) {
			kfree(list);
			return ERR_PTR(err);
		}
	}
	return list;
}

/* Under RTNL: NULL if the request says nothing about tracking. */
static struct vrrp_track_list *parse_tracks_of(struct vrrp_net *vn,
					       struct genl_info *info)
{
	struct nlattr *a = info->attrs[VRRP_A_TRACKS];

	return a ? parse_tracks(vn, a, info->extack) : NULL;
}

/*
 * Under RTNL: the sync group VRRP_A_GROUP names, created if new; NULL
 * with *err 0 for none (absent, or "" to leave one in SET).
 */
static struct vrrp_group *parse_group(struct vrrp_net *vn,
				      struct genl_info *info, int *err)
{
	struct nlattr *a = info->attrs[VRRP_A_GROUP];
	struct vrrp_group *g;

	*err = 0;
	if (!a || !*(char *)nla_data(a))
		return NULL;
	if (!vrrp_nl_name_ok(nla_data(a))) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "group: a name is 1 to 31 printable characters, no spaces or \"/\"");
		*err = -EINVAL;
		return NULL;
	}
	g = vrrp_group_get(vn, nla_data(a));
	if (!g)
		*err = -ENOMEM;
	return g;
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

/* Under RTNL: refuses what cannot carry an instance, with the reason. */
static int check_device(struct net_device *dev, struct genl_info *info)
{
	struct nlattr *a = info->attrs[VRRP_A_IFINDEX];
	struct net_device *master;

	if (dev->type != ARPHRD_ETHER || dev->flags & IFF_LOOPBACK) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "dev: VRRP needs an Ethernet interface");
		return -EOPNOTSUPP;
	}
	/*
	 * A bridge or bond port's packets reach LOCAL_IN on its master: we
	 * would be deaf. A VRF port's keep their port (the hooks read it).
	 */
	master = netdev_master_upper_dev_get(dev);
	if (master && !netif_is_l3_master(master)) {
		NL_SET_ERR_MSG_ATTR(info->extack, a,
				    "dev: the interface is a port of a bridge or bond; run VRRP on that device");
		return -EBUSY;
	}
	return 0;
}

/*
 * VRRP_A_NAME into *@name: NULL when absent (*@given false, for SET, which
 * keeps the name then) or "" (the name removed); the policy bounded its
 * length. NEW passes no @given: absent and "" both mean no name.
 */
static int parse_name(struct genl_info *info, struct vrrp_name **name,
		      bool *given)
{
	const struct nlattr *a = info->attrs[VRRP_A_NAME];
	const char *str;
	size_t len, i;

	*name = NULL;
	if (given)
		*given = a;
	if (!a)
		return 0;
	str = nla_data(a);
	len = strlen(str);
	for (i = 0; i < len; i++)
		if (str[i] <= ' ' || str[i] > '~') {
			NL_SET_ERR_MSG_ATTR(info->extack, a,
					    "name: printable ASCII without blanks");
			return -EINVAL;
		}
	if (!len)
		return 0;
	*name = kmalloc(struct_size(*name, str, len + 1), GFP_KERNEL);
	if (!*name)
		return -ENOMEM;
	memcpy((*name)->str, str, len + 1);
	return 0;
}

static int vrrp_nl_new(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct vrrp_config cfg = vrrp_defaults;
	struct vrrp_track_list *tracks = NULL;
	struct vrrp_group *group = NULL;
	struct vrrp_instance *inst;
	struct vrrp_vip_list *vips, *peers;
	struct vrrp_route_list *routes;
	struct vrrp_name *name;
	struct net_device *dev;
	struct vrrp_id id;
	int err;

	err = parse_id(info, &id);
	if (err)
		return err;
	err = parse_config(info->attrs, &cfg, info->extack);
	if (!err)
		err = check_config(id.af, &cfg, info->attrs, info->extack);
	if (err)
		return err;
	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_VIPS))
		return -EINVAL;
	err = parse_name(info, &name, NULL);
	if (err)
		return err;
	vips = parse_vips(&id, vn->net, info->attrs[VRRP_A_VIPS],
			  info->extack);
	if (IS_ERR(vips)) {
		kfree(name);
		return PTR_ERR(vips);
	}
	peers = parse_peers_of(&id, info);
	if (IS_ERR(peers)) {
		kfree(vips);
		kfree(name);
		return PTR_ERR(peers);
	}
	routes = parse_routes_of(&id, info);
	if (IS_ERR(routes)) {
		kfree(vips);
		kfree(peers);
		kfree(name);
		return PTR_ERR(routes);
	}

	rtnl_lock();
	if (vrrp_unloading()) {
		NL_SET_ERR_MSG(info->extack, "the vrrp module is being unloaded");
		err = -ESHUTDOWN;
		goto err;
	}
	dev = __dev_get_by_index(vn->net, id.ifindex);
	if (!dev) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_IFINDEX],
				    "dev: no such interface in this namespace");
		err = -ENODEV;
		goto err;
	}
	err = check_device(dev, info);
	if (!err && cfg.vmac)
		err = vrrp_vmac_supported(info->attrs[VRRP_A_VMAC],
					  info->extack);
	if (err)
		goto err;
	if (find(vn, &id)) {
		NL_SET_ERR_MSG_ATTR(info->extack, info->attrs[VRRP_A_VRID],
				    "vrid: this VRID already runs on the interface");
		err = -EEXIST;
		goto err;
	}
	tracks = parse_tracks_of(vn, info);
	if (IS_ERR(tracks)) {
		err = PTR_ERR(tracks);
		goto err;
	}
	group = parse_group(vn, info, &err);
	if (err) {
		kfree(tracks);
		goto err;
	}
	inst = vrrp_instance_create(vn, dev, id.family, id.vrid, &cfg, vips,
				    peers, routes, tracks, group, name,
				    info->extack);
	if (!IS_ERR(inst))
		vrrp_netlink_notify_config(inst, VRRP_CMD_NEW_INSTANCE);
	else if (group)
		vrrp_group_put(group);
	rtnl_unlock();
	return PTR_ERR_OR_ZERO(inst);
err:
	rtnl_unlock();
	kfree(vips);
	kfree(peers);
	kfree(routes);
	kfree(name);
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
	struct vrrp_vip_list *vips = NULL, *peers;
	struct vrrp_track_list *tracks = NULL;
	struct vrrp_route_list *routes;
	struct vrrp_group *group;
	struct vrrp_instance *inst;
	struct vrrp_config cfg;
	struct vrrp_name *name;
	struct vrrp_id id;
	bool has_name;
	int err;

	err = parse_id(info, &id);
	if (err)
		return err;
	err = parse_name(info, &name, &has_name);
	if (err)
		return err;
	if (info->attrs[VRRP_A_VIPS]) {
		vips = parse_vips(&id, vn->net, info->attrs[VRRP_A_VIPS],
				  info->extack);
		if (IS_ERR(vips)) {
			kfree(name);
			return PTR_ERR(vips);
		}
	}
	peers = parse_peers_of(&id, info);
	if (IS_ERR(peers)) {
		kfree(vips);
		kfree(name);
		return PTR_ERR(peers);
	}
	routes = parse_routes_of(&id, info);
	if (IS_ERR(routes)) {
		kfree(vips);
		kfree(peers);
		kfree(name);
		return PTR_ERR(routes);
	}

	rtnl_lock();
	inst = find_or_complain(vn, &id, info);
	if (!inst) {
		err = -ENOENT;
		goto err;
	}
	/* Only RTNL holders change cfg, so it can be read without the lock. */
	cfg = inst->cfg;
	err = parse_config(info->attrs, &cfg, info->extack);
	if (!err)
		err = check_config(id.af, &cfg, info->attrs, info->extack);
	if (err)
		goto err;
	tracks = parse_tracks_of(vn, info);
	if (IS_ERR(tracks)) {
		err = PTR_ERR(tracks);
		goto err;
	}
	group = parse_group(vn, info, &err);
	if (err) {
		kfree(tracks);
		goto err;
	}
	if (cfg.vmac) {
		err = vrrp_vmac_supported(info->attrs[VRRP_A_VMAC],
					  info->extack);
		if (!err)
			err = vrrp_vmac_attach(inst, info->extack);
		if (err) {
			kfree(tracks);
			if (group)
				vrrp_group_put(group);
			goto err;
		}
	}
	/* Joined first: the new settings are judged with the group's say. */
	if (info->attrs[VRRP_A_GROUP])
		vrrp_instance_set_group(inst, group);
	if (has_name)
		vrrp_instance_set_name(inst, name);
	vrrp_instance_configure(inst, &cfg, vips, peers, routes, tracks);
	if (!cfg.vmac)
		vrrp_vmac_detach(inst);
	vrrp_netlink_notify_config(inst, VRRP_CMD_SET_INSTANCE);
	rtnl_unlock();
	return 0;
err:
	rtnl_unlock();
	kfree(vips);
	kfree(peers);
	kfree(routes);
	kfree(name);
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
	VRRP_STAT_GARP_TX, VRRP_STAT_VIP_RESTORED, VRRP_STAT_MC_JOIN_FAILED,
	VRRP_STAT_LOG_SUPPRESSED, VRRP_STAT_ADVERT_LATE_MAX_US,
	VRRP_STAT_ADVERT_LATE_100US, VRRP_STAT_ADVERT_LATE_1MS,
	VRRP_STAT_ADVERT_LATE_10MS, VRRP_STAT_ADVERT_LATE_100MS,
	VRRP_STAT_ADVERT_LATE_MORE, VRRP_STAT_ADVERT_MISSED,
	VRRP_STAT_DOWN_LATE_MAX_US, VRRP_STAT_ADVERT_IRQ_LATE_MAX_US,
	VRRP_STAT_TIMER_DEFERRED, VRRP_STAT_DROP_NOT_LINK_LOCAL,
	VRRP_STAT_DROP_DEST, VRRP_STAT_DROP_CHECKSUM_FORM, VRRP_STAT_DROP_AUTH,
	VRRP_STAT_DROP_OWNER, VRRP_STAT_DROP_PEER,
};

/* A VIP's place, where it is not the default. */
static int put_place(struct sk_buff *skb, const struct vrrp_vip_place *place)
{
	if (!place)
		return 0;
	if ((place->ifindex &&
	     nla_put_u32(skb, VRRP_VIP_A_IFINDEX, place->ifindex)) ||
	    (place->label[0] &&
	     nla_put_string(skb, VRRP_VIP_A_LABEL, place->label)) ||
	    (place->scope && nla_put_u8(skb, VRRP_VIP_A_SCOPE, place->scope)))
		return -EMSGSIZE;
	return 0;
}

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
			    vrrp_vip_addr(vips, i)) ||
		    nla_put_u8(skb, VRRP_VIP_A_PREFIXLEN,
			       vrrp_vip_prefixlen(vips, i)) ||
		    (i >= vips->nr_adv &&
		     nla_put_flag(skb, VRRP_VIP_A_EXCLUDED)) ||
		    put_place(skb, vrrp_vip_place(vips, i)))
			return -EMSGSIZE;
		nla_nest_end(skb, vip);
	}
	nla_nest_end(skb, list);
	return 0;
}

static int put_routes(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	const struct vrrp_route_list *routes = inst->routes;
	const struct vrrp_route *r;
	struct nlattr *list, *nest;
	int i;

	if (!routes)
		return 0;
	list = nla_nest_start(skb, VRRP_A_ROUTES);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < routes->nr; i++) {
		r = &routes->r[i];
		nest = nla_nest_start(skb, VRRP_ROUTE_A);
		if (!nest ||
		    nla_put(skb, VRRP_ROUTE_A_DST, inst->af->addr_len, r->dst) ||
		    nla_put_u8(skb, VRRP_ROUTE_A_PREFIXLEN, r->prefixlen) ||
		    (r->has_gw && nla_put(skb, VRRP_ROUTE_A_GATEWAY,
					  inst->af->addr_len, r->gw)) ||
		    (r->ifindex &&
		     nla_put_u32(skb, VRRP_ROUTE_A_IFINDEX, r->ifindex)))
			return -EMSGSIZE;
		nla_nest_end(skb, nest);
	}
	nla_nest_end(skb, list);
	return 0;
}

/* Under the instance lock, which keeps @ref's health object alive. */
static int put_track(struct sk_buff *skb, struct net *net,
		     const struct vrrp_track_ref *ref)
{
	const struct vrrp_health *h = ref->health;
	struct nlattr *nest = nla_nest_start(skb, VRRP_TRACK_A);
	struct net_device *dev;
	int ifindex = 0;

	if (!nest)
		return -EMSGSIZE;
	if (h) {
		if (nla_put_string(skb, VRRP_TRACK_A_NAME, h->name) ||
		    (READ_ONCE(h->has_value) &&
		     nla_put_s32(skb, VRRP_TRACK_A_VALUE, READ_ONCE(h->value))))
			return -EMSGSIZE;
	} else {
		rcu_read_lock();
		dev = dev_get_by_name_rcu(net, ref->ifname);
		if (dev)
			ifindex = dev->ifindex;
		rcu_read_unlock();
		if (nla_put_string(skb, VRRP_TRACK_A_IFNAME, ref->ifname) ||
		    (ifindex && nla_put_u32(skb, VRRP_TRACK_A_IFINDEX, ifindex)))
			return -EMSGSIZE;
	}
	if ((ref->has_weight &&
	     nla_put_s32(skb, VRRP_TRACK_A_WEIGHT, ref->weight)) ||
	    nla_put_u8(skb, VRRP_TRACK_A_STATE,
		       READ_ONCE(ref->up) ? VRRP_TRACK_UP : VRRP_TRACK_DOWN))
		return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

static int put_tracks(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	const struct vrrp_track_list *list = inst->tracks;
	struct nlattr *nest;
	unsigned int i;

	if (!list)
		return 0;
	nest = nla_nest_start(skb, VRRP_A_TRACKS);
	if (!nest)
		return -EMSGSIZE;
	for (i = 0; i < list->nr; i++)
		if (put_track(skb, inst->vn->net, &list->refs[i]))
			return -EMSGSIZE;
	nla_nest_end(skb, nest);
	return 0;
}

/* Under the instance lock, which keeps its group alive. */
static int put_group(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	const struct vrrp_group *g =
		rcu_dereference_protected(inst->group,
					  lockdep_is_held(&inst->lock));

	return g ? nla_put_string(skb, VRRP_A_GROUP, g->name) : 0;
}

/* With the instance lock held: the unicast peers, if any, and the source. */
static int put_unicast(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	const struct vrrp_vip_list *peers =
		rcu_dereference_protected(inst->peers,
					  lockdep_is_held(&inst->lock));
	struct nlattr *list;
	int i;

	if (inst->cfg.has_source &&
	    nla_put(skb, VRRP_A_SOURCE, inst->af->addr_len,
		    inst->cfg.source.bytes))
		return -EMSGSIZE;
	if (!peers)
		return 0;
	list = nla_nest_start(skb, VRRP_A_PEERS);
	if (!list)
		return -EMSGSIZE;
	for (i = 0; i < peers->nr; i++)
		if (nla_put(skb, VRRP_PEER_A, peers->addr_len,
			    vrrp_vip_addr(peers, i)))
			return -EMSGSIZE;
	nla_nest_end(skb, list);
	return 0;
}

/* Only VRRPv3 over IPv4 has a checksum setting to show. */
static int put_checksum(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	if (inst->cfg.version == 2 || inst->family != AF_INET)
		return 0;
	return nla_put_u8(skb, VRRP_A_CHECKSUM, inst->cfg.checksum);
}

/* An address of the instance's family; none (all zero) is left out. */
static const union vrrp_addr no_addr;

static int put_addr(struct sk_buff *skb, int type,
		    const struct vrrp_instance *inst, const union vrrp_addr *addr)
{
	if (vrrp_addr_equal(inst->af, addr, &no_addr))
		return 0;
	return nla_put(skb, type, inst->af->addr_len, addr->bytes);
}

static int put_name(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	const struct vrrp_name *name;
	int err = 0;

	rcu_read_lock();
	name = rcu_dereference(inst->name);
	if (name)
		err = nla_put_string(skb, VRRP_A_NAME, name->str);
	rcu_read_unlock();
	return err;
}

static int put_identity(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	if (nla_put_u32(skb, VRRP_A_IFINDEX, inst->dev->ifindex) ||
	    nla_put_string(skb, VRRP_A_IFNAME, inst->dev->name) ||
	    nla_put_u16(skb, VRRP_A_FAMILY, inst->family) ||
	    nla_put_u8(skb, VRRP_A_VRID, inst->vrid) ||
	    put_name(skb, inst))
		return -EMSGSIZE;
	return 0;
}

/* With the instance lock held: whom adverts say is master, and since when. */
static int put_active(struct sk_buff *skb, const struct vrrp_instance *inst)
{
	u64 age = ktime_get_ns() - inst->state_since;

	if (inst->fsm.state == VRRP_STATE_ACTIVE &&
	    nla_put_u8(skb, VRRP_A_ACTIVE_PRIORITY, inst->fsm.cfg.priority))
		return -EMSGSIZE;
	if (inst->fsm.state == VRRP_STATE_BACKUP &&
	    !vrrp_addr_equal(inst->af, &inst->active_addr, &no_addr) &&
	    nla_put_u8(skb, VRRP_A_ACTIVE_PRIORITY, inst->active_priority))
		return -EMSGSIZE;
	return nla_put_u64_64bit(skb, VRRP_A_STATE_AGE_MS,
				 div_u64(age, NSEC_PER_MSEC), VRRP_A_PAD);
}

/* With the instance lock held. */
static int put_instance(struct sk_buff *skb, struct vrrp_instance *inst)
{
	const struct vrrp_config *cfg = &inst->cfg;
	const struct vrrp_vip_list *vips =
		rcu_dereference_protected(inst->vips,
					  lockdep_is_held(&inst->lock));

	if (put_identity(skb, inst) ||
	    nla_put_u8(skb, VRRP_A_VERSION, cfg->version) ||
	    put_checksum(skb, inst) ||
	    nla_put_u8(skb, VRRP_A_STATE, inst->fsm.state) ||
	    nla_put_u8(skb, VRRP_A_PRIORITY, cfg->priority) ||
	    nla_put_u8(skb, VRRP_A_EFFECTIVE_PRIORITY,
		       inst->fsm.cfg.priority) ||
	    nla_put_u8(skb, VRRP_A_REASON, inst->fsm.reason) ||
	    nla_put_u32(skb, VRRP_A_INTERVAL_MS, cfg->interval_ms) ||
	    nla_put_u32(skb, VRRP_A_ACTIVE_INTERVAL_MS,
			inst->fsm.active_interval_cs * 10) ||
	    nla_put_u8(skb, VRRP_A_PREEMPT, cfg->preempt) ||
	    nla_put_u32(skb, VRRP_A_PREEMPT_DELAY_MS, cfg->preempt_delay_ms) ||
	    nla_put_u8(skb, VRRP_A_ACCEPT, cfg->accept) ||
	    nla_put_u8(skb, VRRP_A_VMAC, cfg->vmac) ||
	    nla_put_u32(skb, VRRP_A_GARP_COUNT, cfg->garp_count) ||
	    nla_put_u32(skb, VRRP_A_GARP_INTERVAL_MS, cfg->garp_interval_ms) ||
	    nla_put_u32(skb, VRRP_A_GARP_DELAY_MS, cfg->garp_delay_ms) ||
	    nla_put_u32(skb, VRRP_A_GARP_REFRESH_MS, cfg->garp_refresh_ms) ||
	    put_addr(skb, VRRP_A_ACTIVE_ADDR, inst, &inst->active_addr) ||
	    put_active(skb, inst) ||
	    put_addr(skb, VRRP_A_PRIMARY_ADDR, inst, &inst->primary) ||
	    put_vips(skb, vips) ||
	    put_routes(skb, inst) ||
	    put_unicast(skb, inst) ||
	    put_tracks(skb, inst) ||
	    put_group(skb, inst) ||
	    put_stats(skb, inst->stats, instance_stats,
		      ARRAY_SIZE(instance_stats)))
		return -EMSGSIZE;
	return 0;
}

/* -ENOENT if the instance died in the meantime. */
static int fill_instance(struct sk_buff *skb, struct vrrp_instance *inst,
			 u32 portid, u32 seq, int flags, u8 cmd)
{
	void *hdr;
	int err = -ENOENT;

	hdr = genlmsg_put(skb, portid, seq, &vrrp_family, flags, cmd);
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

/* One VRRP_TRACK_A: a name or an ifname, a value or an ifindex. */
static size_t track_size(void)
{
	return nla_total_size(0) +
		nla_total_size(max(VRRP_TRACK_NAME_MAX, IFNAMSIZ)) +
		nla_total_size(4) +			/* VALUE or IFINDEX */
		nla_total_size(4) +			/* WEIGHT */
		nla_total_size(1);			/* STATE */
}

/* One VRRP_ROUTE_A. */
static size_t route_size(void)
{
	return nla_total_size(0) + 2 * nla_total_size(16) +	/* DST GATEWAY */
		nla_total_size(1) + nla_total_size(4);	/* PREFIXLEN IFINDEX */
}

/*
 * A GET reply, dump entry or NEW/SET event for an instance with @nr VIPs,
 * @nr_tracks tracked objects and interfaces and @nr_routes routes.
 */
static size_t instance_msg_size(unsigned int nr, unsigned int nr_tracks,
				unsigned int nr_routes)
{
	return nlmsg_total_size(GENL_HDRLEN +
		nla_total_size(4) +			/* IFINDEX */
		nla_total_size(IFNAMSIZ) +		/* IFNAME */
		nla_total_size(2) +			/* FAMILY */
		nla_total_size(VRRP_NAME_MAX) +		/* NAME */
		nla_total_size(1) + nla_total_size_64bit(8) +	/* ACTIVE_* */
		5 * nla_total_size(1) +	/* VRID VERSION STATE PRIORITY PREEMPT */
		3 * nla_total_size(1) +		/* ACCEPT CHECKSUM VMAC */
		2 * nla_total_size(1) +	/* EFFECTIVE_PRIORITY REASON */
		nla_total_size(VRRP_TRACK_NAME_MAX) +		/* GROUP */
		nla_total_size(0) + nr_tracks * track_size() +	/* TRACKS */
		/* INTERVAL ACTIVE_INTERVAL PREEMPT_DELAY GARP_* */
		7 * nla_total_size(4) +
		3 * nla_total_size(16) +	/* ACTIVE_ADDR PRIMARY_ADDR SOURCE */
		nla_total_size(0) + VRRP_MAX_PEERS * nla_total_size(16) +
		nla_total_size(0) + nr * (nla_total_size(0) +	/* VIPS */
			nla_total_size(16) + nla_total_size(1) +
			nla_total_size(0) +		/* EXCLUDED */
			nla_total_size(4) + nla_total_size(IFNAMSIZ) +
			nla_total_size(1)) +	/* IFINDEX LABEL SCOPE */
		nla_total_size(0) + nr_routes * route_size() +	/* ROUTES */
		nla_total_size(0) + ARRAY_SIZE(instance_stats) *
			nla_total_size_64bit(8));
}

static size_t instance_msg_size_max(void)
{
	return instance_msg_size(VRRP_MAX_VIPS, VRRP_MAX_TRACKS,
				 VRRP_MAX_ROUTES);
}

static size_t instance_msg_size_of(struct vrrp_instance *inst)
{
	unsigned int nr, nr_tracks, nr_routes;

	spin_lock_bh(&inst->lock);
	nr = rcu_dereference_protected(inst->vips,
				       lockdep_is_held(&inst->lock))->nr;
	nr_tracks = inst->tracks ? inst->tracks->nr : 0;
	nr_routes = inst->routes ? inst->routes->nr : 0;
	spin_unlock_bh(&inst->lock);
	return instance_msg_size(nr, nr_tracks, nr_routes);
}

/*
 * Under RCU: a reply sized to the instance, not to the largest one; if a
 * SET grew its VIP list in between, once more at the largest size.
 */
static int reply_instance(struct vrrp_instance *inst, struct genl_info *info,
			  struct sk_buff **msg)
{
	size_t size = instance_msg_size_of(inst);
	int err;

	for (;;) {
		*msg = nlmsg_new(size, GFP_ATOMIC);
		if (!*msg)
			return -ENOMEM;
		err = fill_instance(*msg, inst, info->snd_portid,
				    info->snd_seq, 0, VRRP_CMD_GET_INSTANCE);
		if (err != -EMSGSIZE || size == instance_msg_size_max())
			return err;
		nlmsg_free(*msg);
		size = instance_msg_size_max();
	}
}

static int vrrp_nl_get(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct vrrp_instance *inst;
	struct sk_buff *msg = NULL;
	struct vrrp_id id;
	int err;

	err = parse_id(info, &id);
	if (err)
		return err;
	rcu_read_lock();
	inst = vrrp_instance_lookup_rcu(vn, id.ifindex, id.family, id.vrid);
	err = inst ? reply_instance(inst, info, &msg) : -ENOENT;
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
 * Every dump skb, the first included, must hold the largest instance:
 * netlink sizes the first one from the reader's buffer (4 KiB for a
 * plain recv()), and an instance that fits no skb ends the dump with
 * EMSGSIZE and hides every instance after it.
 */
static int vrrp_nl_dump_start(struct netlink_callback *cb)
{
	cb->min_dump_alloc = instance_msg_size_max();
	return 0;
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
				    cb->nlh->nlmsg_seq, NLM_F_MULTI,
				    VRRP_CMD_GET_INSTANCE);
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
	    put_addr(msg, VRRP_A_ACTIVE_ADDR, inst, &fx->active_addr)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&vrrp_family, net, msg, 0, 0, GFP_ATOMIC);
}

/*
 * VRRP_CMD_NEW_INSTANCE or VRRP_CMD_SET_INSTANCE to the "events" group,
 * under RTNL after the change: who changed what, for `vrrpadm monitor`.
 */
void vrrp_netlink_notify_config(struct vrrp_instance *inst, u8 cmd)
{
	struct net *net = inst->vn->net;
	struct sk_buff *msg;

	if (!genl_has_listeners(&vrrp_family, net, 0))
		return;
	msg = nlmsg_new(instance_msg_size_of(inst), GFP_KERNEL);
	if (!msg)
		return;
	if (fill_instance(msg, inst, 0, 0, 0, cmd)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&vrrp_family, net, msg, 0, 0, GFP_KERNEL);
}

/* VRRP_CMD_DEL_INSTANCE to the "events" group: the instance is gone. */
void vrrp_netlink_notify_gone(struct vrrp_instance *inst,
			      enum vrrp_reason why)
{
	struct net *net = inst->vn->net;
	struct sk_buff *msg;
	void *hdr;

	if (!genl_has_listeners(&vrrp_family, net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	hdr = genlmsg_put(msg, 0, 0, &vrrp_family, 0, VRRP_CMD_DEL_INSTANCE);
	if (!hdr || put_identity(msg, inst) ||
	    nla_put_u8(msg, VRRP_A_REASON, why)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_end(msg, hdr);
	genlmsg_multicast_netns(&vrrp_family, net, msg, 0, 0, GFP_KERNEL);
}

/*
 * parallel_ops: no global genl mutex around a DEL that waits for up to 255
 * rtnetlink round trips; changes serialize on RTNL, reads use RCU.
 */
static const struct genl_ops vrrp_ops[] = {
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
		.start = vrrp_nl_dump_start,
		.dumpit = vrrp_nl_dump,
	}, {
		.cmd = VRRP_CMD_GET_NETSTATS,
		.doit = vrrp_nl_netstats,
	}, {
		.cmd = VRRP_CMD_NEW_TRACK,
		.doit = vrrp_nl_new_track,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VRRP_CMD_SET_TRACK,
		.doit = vrrp_nl_set_track,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VRRP_CMD_DEL_TRACK,
		.doit = vrrp_nl_del_track,
		.flags = GENL_UNS_ADMIN_PERM,
	}, {
		.cmd = VRRP_CMD_GET_TRACK,
		.doit = vrrp_nl_get_track,
		.dumpit = vrrp_nl_dump_track,
	},
};

static const struct genl_multicast_group vrrp_mcgrps[] = {
	{ .name = VRRP_MCGRP_EVENTS },
};

struct genl_family vrrp_family __ro_after_init = {
	.name = VRRP_GENL_NAME,
	.version = VRRP_GENL_VERSION,
	.maxattr = VRRP_A_MAX,
	.policy = vrrp_policy,
	.netnsok = true,
	.parallel_ops = true,
	.module = THIS_MODULE,
	.ops = vrrp_ops,
	.n_ops = ARRAY_SIZE(vrrp_ops),
	.resv_start_op = __VRRP_CMD_MAX,
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
