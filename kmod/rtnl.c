// SPDX-License-Identifier: GPL-2.0
/*
 * Requests to rtnetlink, like `ip addr` and `ip route` would make them.
 * Neither devinet_ioctl() nor the functions behind RTM_NEWADDR and
 * RTM_NEWROUTE are exported to modules, so the VIPs and the virtual routes
 * go through a kernel netlink socket of the namespace, from process
 * context and without RTNL held.
 */

#include <linux/net.h>
#include <net/netlink.h>
#include <net/sock.h>

#include "netns.h"
#include "rtnl.h"

/* Under RTNL, with the namespace's first instance. */
int vrrp_rtnl_net_prepare(struct vrrp_net *vn)
{
	if (vn->rtnl_sock)
		return 0;
	return sock_create_kern(vn->net, AF_NETLINK, SOCK_RAW, NETLINK_ROUTE,
				&vn->rtnl_sock);
}

void vrrp_rtnl_net_exit(struct vrrp_net *vn)
{
	if (vn->rtnl_sock)
		sock_release(vn->rtnl_sock);
}

/* The callers' attributes fit in attrs[] by its size; a bug if not. */
void vrrp_rtnl_put(struct vrrp_rtnl_req *req, int type, const void *data,
		   int len)
{
	struct nlmsghdr *nlh = &req->nlh;
	struct nlattr *nla = (struct nlattr *)((char *)nlh +
					       NLMSG_ALIGN(nlh->nlmsg_len));

	if (WARN_ON_ONCE(NLMSG_ALIGN(nlh->nlmsg_len) + nla_total_size(len) >
			 sizeof(*req)))
		return;
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

/* Sends @req (NLM_F_ACK is added) and returns the kernel's answer. */
int vrrp_rtnl_request(struct vrrp_net *vn, struct vrrp_rtnl_req *req)
{
	struct sockaddr_nl kernel = { .nl_family = AF_NETLINK };
	struct kvec iov = { .iov_base = req, .iov_len = req->nlh.nlmsg_len };
	struct msghdr msg = {
		.msg_name = &kernel,
		.msg_namelen = sizeof(kernel),
	};
	int err;

	req->nlh.nlmsg_flags |= NLM_F_REQUEST | NLM_F_ACK;
	mutex_lock(&vn->rtnl_sock_lock);
	req->nlh.nlmsg_seq = ++vn->rtnl_seq;
	/* rtnetlink handles the request inside sendmsg(); the ack is queued. */
	err = kernel_sendmsg(vn->rtnl_sock, &msg, &iov, 1, iov.iov_len);
	if (err >= 0)
		err = read_ack(vn->rtnl_sock, req->nlh.nlmsg_seq);
	mutex_unlock(&vn->rtnl_sock_lock);
	return err;
}
