/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the kernel's answer: the errno and the extended ack message
 * (extack) of an NLMSG_ERROR or NLMSG_DONE. libnl 3.7 keeps the extack to
 * itself, so the TLVs are walked here.
 */
#ifndef VRRPADM_ACK_H
#define VRRPADM_ACK_H

#include <linux/netlink.h>

#define ACK_MSG_MAX 256

struct ack {
	int error;			/* positive errno, 0 for success */
	char msg[ACK_MSG_MAX];		/* extack text, "" without one */
};

/* 0, or -1 if the message is too short to hold what it claims. */
int ack_parse(const struct nlmsghdr *nlh, struct ack *ack);

#endif
