// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <net/if.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include <linux/genetlink.h>
#include <netlink/genl/ctrl.h>

#include "ack.h"
#include "explain.h"
#include "family.h"
#include "netlink.h"
#include "parse.h"
#include "vrrpadm.h"

/* Lengths are checked here so the printers can trust what they read. */
static struct nla_policy vrrp_policy[VRRP_A_MAX + 1] = {
	[VRRP_A_IFINDEX] = { .type = NLA_U32 },
	[VRRP_A_IFNAME] = { .type = NLA_STRING },
	[VRRP_A_FAMILY] = { .type = NLA_U16 },
	[VRRP_A_VRID] = { .type = NLA_U8 },
	[VRRP_A_VERSION] = { .type = NLA_U8 },
	[VRRP_A_STATE] = { .type = NLA_U8 },
	[VRRP_A_OLD_STATE] = { .type = NLA_U8 },
	[VRRP_A_REASON] = { .type = NLA_U8 },
	[VRRP_A_PRIORITY] = { .type = NLA_U8 },
	[VRRP_A_INTERVAL_MS] = { .type = NLA_U32 },
	[VRRP_A_ACTIVE_INTERVAL_MS] = { .type = NLA_U32 },
	[VRRP_A_PREEMPT] = { .type = NLA_U8 },
	[VRRP_A_PREEMPT_DELAY_MS] = { .type = NLA_U32 },
	[VRRP_A_ACCEPT] = { .type = NLA_U8 },
	[VRRP_A_VMAC] = { .type = NLA_U8 },
	[VRRP_A_GARP_COUNT] = { .type = NLA_U32 },
	[VRRP_A_GARP_INTERVAL_MS] = { .type = NLA_U32 },
	[VRRP_A_GARP_DELAY_MS] = { .type = NLA_U32 },
	[VRRP_A_GARP_REFRESH_MS] = { .type = NLA_U32 },
	[VRRP_A_VIPS] = { .type = NLA_NESTED },
	[VRRP_A_STATS] = { .type = NLA_NESTED },
	[VRRP_A_EFFECTIVE_PRIORITY] = { .type = NLA_U8 },
	[VRRP_A_TRACKS] = { .type = NLA_NESTED },
	[VRRP_A_TRACK_NAME] = { .type = NLA_STRING },
	[VRRP_A_TRACK_STATE] = { .type = NLA_U8 },
	[VRRP_A_TRACK_VALUE] = { .type = NLA_S32 },
	[VRRP_A_TRACK_LEASE_MS] = { .type = NLA_U32 },
	[VRRP_A_TRACK_USERS] = { .type = NLA_U32 },
	[VRRP_A_GROUP] = { .type = NLA_STRING },
	[VRRP_A_ROUTES] = { .type = NLA_NESTED },
	[VRRP_A_NAME] = { .type = NLA_STRING },
	[VRRP_A_ACTIVE_PRIORITY] = { .type = NLA_U8 },
	[VRRP_A_STATE_AGE_MS] = { .type = NLA_U64 },
};

struct request {
	vnl_reply_fn fn;
	void *arg;
	bool done;
	bool failed;		/* already reported */
	struct ack ack;
};

/*
 * req is the request as sent: the ack points into it. The unit tests send
 * to the controller, whose attributes are not ours to name.
 */
void vnl_report(const struct vnl *nl, const struct ack *ack,
		   const struct nlmsghdr *req)
{
	char line[ACK_MSG_MAX + 128];

	explain_ack(ack, nl->family == GENL_ID_CTRL ? NULL : req, line,
		    sizeof(line));
	errorf("%s", line);
}

static void set_sockopt(struct nl_sock *sk, int opt)
{
	int one = 1;

	/* Older kernels lack these; errors then just come without text. */
	setsockopt(nl_socket_get_fd(sk), SOL_NETLINK, opt, &one, sizeof(one));
}

int vnl_connect(struct vnl *nl)
{
	int err;

	nl->sk = nl_socket_alloc();
	if (!nl->sk) {
		errorf("out of memory");
		return EXIT_FAIL;
	}
	err = genl_connect(nl->sk);
	if (err < 0) {
		errorf("cannot open a generic netlink socket: %s",
		       nl_geterror(err));
		vnl_close(nl);
		return EXIT_FAIL;
	}
	set_sockopt(nl->sk, NETLINK_EXT_ACK);
	set_sockopt(nl->sk, NETLINK_CAP_ACK);
	/* Replies with many addresses may exceed libnl's default buffer. */
	nl_socket_enable_msg_peek(nl->sk);
	return EXIT_OK;
}

int vnl_open(struct vnl *nl)
{
	if (vnl_connect(nl))
		return EXIT_FAIL;
	nl->family = genl_ctrl_resolve(nl->sk, VRRP_GENL_NAME);
	if (nl->family == -NLE_OBJ_NOTFOUND) {
		errorf("the vrrp module is not loaded (no generic netlink family \"%s\")",
		       VRRP_GENL_NAME);
		goto err_close;
	}
	if (nl->family < 0) {
		errorf("cannot resolve the generic netlink family \"%s\": %s",
		       VRRP_GENL_NAME, nl_geterror(nl->family));
		goto err_close;
	}
	return EXIT_OK;

err_close:
	vnl_close(nl);
	return EXIT_FAIL;
}

int vnl_join_events(struct vnl *nl)
{
	int grp, err;

	grp = genl_ctrl_resolve_grp(nl->sk, VRRP_GENL_NAME, VRRP_MCGRP_EVENTS);
	if (grp < 0) {
		errorf("cannot find the multicast group \"%s\": %s",
		       VRRP_MCGRP_EVENTS, nl_geterror(grp));
		return EXIT_FAIL;
	}
	err = nl_socket_add_membership(nl->sk, grp);
	if (err < 0) {
		errorf("cannot join the multicast group \"%s\": %s",
		       VRRP_MCGRP_EVENTS, nl_geterror(err));
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

void vnl_close(struct vnl *nl)
{
	nl_socket_free(nl->sk);
	nl->sk = NULL;
}

struct nl_msg *vnl_msg(const struct vnl *nl, uint8_t cmd, int flags,
		       size_t payload)
{
	struct nl_msg *msg;

	msg = nlmsg_alloc_size(NLMSG_HDRLEN + GENL_HDRLEN + payload);
	if (!msg) {
		errorf("out of memory");
		return NULL;
	}
	if (!genlmsg_put(msg, NL_AUTO_PORT, NL_AUTO_SEQ, nl->family, 0, flags,
			 cmd, VRRP_GENL_VERSION)) {
		errorf("out of memory");
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int vnl_parse(struct nl_msg *msg, struct nlattr **tb)
{
	if (genlmsg_parse(nlmsg_hdr(msg), 0, tb, VRRP_A_MAX, vrrp_policy)) {
		errorf("malformed message from the kernel");
		return -1;
	}
	return 0;
}

static int on_valid(struct nl_msg *msg, void *arg)
{
	struct request *r = arg;

	if (r->fn && r->fn(msg, r->arg)) {
		r->failed = true;
		return NL_STOP;
	}
	return NL_OK;
}

/* libnl hands us the payload; the header, with its flags, sits before it. */
static int on_error(struct sockaddr_nl *nla, struct nlmsgerr *e, void *arg)
{
	struct request *r = arg;
	const struct nlmsghdr *nlh = (const struct nlmsghdr *)e - 1;

	(void)nla;
	if (ack_parse(nlh, &r->ack))
		r->ack.error = -e->error;
	r->done = true;
	return NL_STOP;
}

/* A success may still carry an extack text: a warning, as iproute2 shows. */
static int on_ack(struct nl_msg *msg, void *arg)
{
	struct request *r = arg;
	struct ack ack;

	if (!ack_parse(nlmsg_hdr(msg), &ack) && ack.msg[0])
		fprintf(stderr, "Warning: %s\n", ack.msg);
	r->done = true;
	return NL_STOP;
}

/* A dump that fails midway says so in its NLMSG_DONE, extack included. */
static int on_finish(struct nl_msg *msg, void *arg)
{
	struct request *r = arg;

	if (ack_parse(nlmsg_hdr(msg), &r->ack))
		memset(&r->ack, 0, sizeof(r->ack));
	r->done = true;
	return NL_STOP;
}

static struct nl_cb *request_cb(struct request *r)
{
	struct nl_cb *cb = nl_cb_alloc(NL_CB_DEFAULT);

	if (!cb)
		return NULL;
	nl_cb_set(cb, NL_CB_VALID, NL_CB_CUSTOM, on_valid, r);
	nl_cb_set(cb, NL_CB_ACK, NL_CB_CUSTOM, on_ack, r);
	nl_cb_set(cb, NL_CB_FINISH, NL_CB_CUSTOM, on_finish, r);
	nl_cb_err(cb, NL_CB_CUSTOM, on_error, r);
	return cb;
}

int vnl_exchange(struct vnl *nl, struct nl_msg *msg, vnl_reply_fn fn,
		 void *arg, struct ack *ack)
{
	struct request r = { .fn = fn, .arg = arg };
	struct nl_cb *cb;
	int err;

	memset(ack, 0, sizeof(*ack));
	cb = request_cb(&r);
	if (!cb) {
		errorf("out of memory");
		return -1;
	}
	err = nl_send_auto(nl->sk, msg);
	if (err < 0) {
		errorf("cannot send to the kernel: %s", nl_geterror(err));
		r.failed = true;
	}
	while (!r.done && !r.failed) {
		err = nl_recvmsgs(nl->sk, cb);
		if (err < 0 && !r.done && !r.failed) {
			errorf("cannot read the kernel's answer: %s",
			       nl_geterror(err));
			r.failed = true;
		}
	}
	nl_cb_put(cb);
	if (r.failed)
		return -1;
	*ack = r.ack;
	return ack->error;
}

bool vnl_not_found(const struct ack *ack, const struct nlmsghdr *req)
{
	const struct nlattr *a;
	int rem;

	if (ack->error != ENOENT || !(ack->has & ACK_OFFS))
		return false;
	rem = (int)req->nlmsg_len - NLMSG_HDRLEN - GENL_HDRLEN;
	if (rem < 0)
		return false;
	a = (const struct nlattr *)((const char *)req + NLMSG_HDRLEN +
				    GENL_HDRLEN);
	for (; nla_ok(a, rem); a = nla_next(a, &rem))
		if ((const char *)a - (const char *)req == (long)ack->offs)
			return nla_type(a) == VRRP_A_VRID ||
			       nla_type(a) == VRRP_A_TRACK_NAME;
	return false;
}

int vnl_request(struct vnl *nl, struct nl_msg *msg, vnl_reply_fn fn,
		void *arg)
{
	struct ack ack;
	int err, ret;

	/* Kept until the ack, whose extack points into it. */
	err = vnl_exchange(nl, msg, fn, arg, &ack);
	if (err > 0)
		vnl_report(nl, &ack, nlmsg_hdr(msg));
	ret = !err ? EXIT_OK :
	      vnl_not_found(&ack, nlmsg_hdr(msg)) ? EXIT_NOT_FOUND : EXIT_FAIL;
	nlmsg_free(msg);
	return ret;
}

int vnl_dump_instances(struct vnl *nl, unsigned int ifindex, vnl_reply_fn fn,
		       void *arg)
{
	struct nl_msg *msg = vnl_msg(nl, VRRP_CMD_GET_INSTANCE, NLM_F_DUMP, 8);

	if (!msg)
		return EXIT_FAIL;
	/* With an interface, the kernel filters the dump itself. */
	if (ifindex && nla_put_u32(msg, VRRP_A_IFINDEX, ifindex)) {
		nlmsg_free(msg);
		errorf("out of memory");
		return EXIT_FAIL;
	}
	return vnl_request(nl, msg, fn, arg);
}

void vnl_ifname(struct nlattr **tb, char *buf)
{
	unsigned int ifindex;

	if (tb[VRRP_A_IFNAME]) {
		snprintf(buf, IF_NAMESIZE, "%s",
			 nla_get_string(tb[VRRP_A_IFNAME]));
		return;
	}
	ifindex = tb[VRRP_A_IFINDEX] ? nla_get_u32(tb[VRRP_A_IFINDEX]) : 0;
	/* The interface may be gone already; its number still tells. */
	if (!if_indextoname(ifindex, buf))
		snprintf(buf, IF_NAMESIZE, "if%u", ifindex);
}

void vnl_family(struct nlattr **tb, char *buf, size_t len)
{
	unsigned int af = tb[VRRP_A_FAMILY] ? nla_get_u16(tb[VRRP_A_FAMILY])
					    : family_default()->af;
	char tmp[FAMILY_STR_MAX];

	snprintf(buf, len, "%s", family_name(af, tmp, sizeof(tmp)));
}

const char *vnl_addr(const struct nlattr *a, char *buf, size_t len)
{
	if (!a)
		return NULL;
	return family_format_addr(nla_data(a), (size_t)nla_len(a), buf, len);
}
