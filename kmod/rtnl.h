/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_RTNL_H
#define _VRRP_RTNL_H

#include <linux/netlink.h>
#include <linux/rtnetlink.h>

struct vrrp_net;

/*
 * An rtnetlink request: the message header, its body, and room for the
 * attributes that an address (local, address, proto, flags, label) or a
 * route (destination, gateway, interface, table, protocol) needs.
 */
struct vrrp_rtnl_req {
	struct nlmsghdr nlh;
	union {
		struct ifaddrmsg ifa;
		struct rtmsg rtm;
	};
	char attrs[128];
};

int vrrp_rtnl_net_prepare(struct vrrp_net *vn);
void vrrp_rtnl_net_exit(struct vrrp_net *vn);
void vrrp_rtnl_put(struct vrrp_rtnl_req *req, int type, const void *data,
		   int len);
int vrrp_rtnl_request(struct vrrp_net *vn, struct vrrp_rtnl_req *req);

#endif /* _VRRP_RTNL_H */
