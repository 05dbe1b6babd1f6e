// SPDX-License-Identifier: GPL-2.0
/*
 * The health object commands of the "vrrp" family (see the Tracking part
 * of include/uapi/linux/vrrp.h). Objects are few and change seldom, so
 * everything here runs under RTNL, dumps included, as the instances that
 * track them are judged under it too.
 */

#include <linux/rtnetlink.h>
#include <net/genetlink.h>
#include <net/sock.h>

#include "health.h"
#include "netlink.h"
#include "netns.h"
#include "track.h"

/* What a NEW or SET asks for; absent attributes change nothing. */
struct health_request {
	const char *name;
	struct nlattr *state, *value, *lease;
};

/*
 * Names of health objects and sync groups show in logs, `vrrpadm show`
 * and notify scripts' environments: printable, no spaces, no "/" (a
 * checker may use one in a file name).
 */
bool vrrp_nl_name_ok(const char *name)
{
	const char *c;

	if (!*name)
		return false;
	/* ASCII: the kernel's isgraph() would take Latin-1 too. */
	for (c = name; *c; c++)
		if (*c < '!' || *c > '~' || *c == '/')
			return false;
	return true;
}

static int parse_request(struct genl_info *info, struct health_request *req)
{
	struct nlattr **attrs = info->attrs;

	if (GENL_REQ_ATTR_CHECK(info, VRRP_A_TRACK_NAME))
		return -EINVAL;
	req->name = nla_data(attrs[VRRP_A_TRACK_NAME]);
	if (!vrrp_nl_name_ok(req->name)) {
		NL_SET_ERR_MSG_ATTR(info->extack, attrs[VRRP_A_TRACK_NAME],
				    "track: a name is 1 to 31 printable characters, no spaces or \"/\"");
		return -EINVAL;
	}
	req->state = attrs[VRRP_A_TRACK_STATE];
	req->value = attrs[VRRP_A_TRACK_VALUE];
	req->lease = attrs[VRRP_A_TRACK_LEASE_MS];
	return 0;
}

/* Under RTNL; returns whether the state or the value changed. */
static bool apply_request(struct vrrp_health *h,
			  const struct health_request *req)
{
	bool up = h->up, has_value = h->has_value;
	s16 value = h->value;

	if (req->state)
		h->up = nla_get_u8(req->state) == VRRP_TRACK_UP;
	if (req->value) {
		h->has_value = true;
		h->value = (s16)nla_get_s32(req->value);
	}
	if (req->lease)
		h->lease_ms = nla_get_u32(req->lease);
	vrrp_health_renew(h);
	return h->up != up || h->has_value != has_value || h->value != value;
}

static struct vrrp_health *find_or_complain(struct vrrp_net *vn,
					    const struct health_request *req,
					    struct genl_info *info)
{
	struct vrrp_health *h = vrrp_health_find(vn, req->name);

	if (!h)
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_TRACK_NAME],
				    "track: no such health object in this namespace");
	return h;
}

int vrrp_nl_new_track(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct health_request req;
	struct vrrp_health *h;
	int err;

	err = parse_request(info, &req);
	if (err)
		return err;
	rtnl_lock();
	if (vrrp_unloading()) {
		NL_SET_ERR_MSG(info->extack, "the vrrp module is being unloaded");
		err = -ESHUTDOWN;
		goto out;
	}
	if (vrrp_health_find(vn, req.name)) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_TRACK_NAME],
				    "track: a health object of that name exists");
		err = -EEXIST;
		goto out;
	}
	h = vrrp_health_create(vn, req.name);
	if (!h) {
		err = -ENOMEM;
		goto out;
	}
	apply_request(h, &req);
	vrrp_netlink_notify_health(h, VRRP_CMD_NEW_TRACK);
out:
	rtnl_unlock();
	return err;
}

int vrrp_nl_set_track(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct health_request req;
	struct vrrp_health *h;
	int err;

	err = parse_request(info, &req);
	if (err)
		return err;
	rtnl_lock();
	h = find_or_complain(vn, &req, info);
	if (!h) {
		err = -ENOENT;
	} else if (apply_request(h, &req)) {
		vrrp_netlink_notify_health(h, VRRP_CMD_SET_TRACK);
		vrrp_track_health_changed(vn, h);
	}
	rtnl_unlock();
	return err;
}

int vrrp_nl_del_track(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct health_request req;
	struct vrrp_health *h;
	int err;

	err = parse_request(info, &req);
	if (err)
		return err;
	rtnl_lock();
	h = find_or_complain(vn, &req, info);
	if (!h) {
		err = -ENOENT;
	} else if (h->users) {
		NL_SET_ERR_MSG_ATTR(info->extack,
				    info->attrs[VRRP_A_TRACK_NAME],
				    "track: instances track this health object; take it out of them first");
		err = -EBUSY;
	} else {
		vrrp_health_unlink(h);
		vrrp_netlink_notify_health(h, VRRP_CMD_DEL_TRACK);
	}
	rtnl_unlock();
	if (h && !err)
		vrrp_health_free(h);
	return err;
}

/* Under RTNL. */
static int fill_health(struct sk_buff *skb, const struct vrrp_health *h,
		       u32 portid, u32 seq, int flags, u8 cmd)
{
	void *hdr = genlmsg_put(skb, portid, seq, &vrrp_family, flags, cmd);

	if (!hdr)
		return -EMSGSIZE;
	if (nla_put_string(skb, VRRP_A_TRACK_NAME, h->name))
		goto err;
	if (cmd != VRRP_CMD_DEL_TRACK &&
	    (nla_put_u8(skb, VRRP_A_TRACK_STATE,
			h->up ? VRRP_TRACK_UP : VRRP_TRACK_DOWN) ||
	     nla_put_u32(skb, VRRP_A_TRACK_USERS, h->users) ||
	     nla_put_u32(skb, VRRP_A_TRACK_LEASE_MS, h->lease_ms) ||
	     (h->has_value &&
	      nla_put_s32(skb, VRRP_A_TRACK_VALUE, h->value))))
		goto err;
	genlmsg_end(skb, hdr);
	return 0;
err:
	genlmsg_cancel(skb, hdr);
	return -EMSGSIZE;
}

int vrrp_nl_get_track(struct sk_buff *skb, struct genl_info *info)
{
	struct vrrp_net *vn = vrrp_net(genl_info_net(info));
	struct health_request req;
	struct vrrp_health *h;
	struct sk_buff *msg;
	int err;

	err = parse_request(info, &req);
	if (err)
		return err;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return -ENOMEM;
	rtnl_lock();
	h = find_or_complain(vn, &req, info);
	err = h ? fill_health(msg, h, info->snd_portid, info->snd_seq, 0,
			      VRRP_CMD_GET_TRACK) : -ENOENT;
	rtnl_unlock();
	if (err) {
		nlmsg_free(msg);
		return err;
	}
	return genlmsg_reply(msg, info);
}

/* The cursor is how many objects went out, in order of name. */
int vrrp_nl_dump_track(struct sk_buff *skb, struct netlink_callback *cb)
{
	struct vrrp_net *vn = vrrp_net(sock_net(skb->sk));
	struct vrrp_health *h;
	long i = 0;
	int err = 0;

	rtnl_lock();
	list_for_each_entry(h, &vn->healths, node) {
		if (i++ < cb->args[0])
			continue;
		err = fill_health(skb, h, NETLINK_CB(cb->skb).portid,
				  cb->nlh->nlmsg_seq, NLM_F_MULTI,
				  VRRP_CMD_GET_TRACK);
		if (err)
			break;
		cb->args[0] = i;
	}
	rtnl_unlock();
	return err && !skb->len ? err : skb->len;
}

/* Under RTNL: NEW, SET (state or value changed) or DEL to "events". */
void vrrp_netlink_notify_health(struct vrrp_health *h, u8 cmd)
{
	struct net *net = h->vn->net;
	struct sk_buff *msg;

	if (!genl_has_listeners(&vrrp_family, net, 0))
		return;
	msg = genlmsg_new(NLMSG_GOODSIZE, GFP_KERNEL);
	if (!msg)
		return;
	if (fill_health(msg, h, 0, 0, 0, cmd)) {
		nlmsg_free(msg);
		return;
	}
	genlmsg_multicast_netns(&vrrp_family, net, msg, 0, 0, GFP_KERNEL);
}
