/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading the kernel's answer: the errno and the extended ack (extack) of
 * an NLMSG_ERROR or NLMSG_DONE: the message, which attribute it blames
 * (its offset in our request), the policy that attribute failed, and which
 * required attribute is missing. libnl 3.7 keeps the extack to itself, so
 * the TLVs are walked here.
 */
#ifndef VRRPADM_ACK_H
#define VRRPADM_ACK_H

#include <stdint.h>

#include <linux/netlink.h>

#define ACK_MSG_MAX 256

/* Bits of struct ack_policy.has: which NL_POLICY_TYPE_ATTR_* came. */
enum {
	ACK_POL_TYPE = 1 << 0,
	ACK_POL_MIN_U = 1 << 1,
	ACK_POL_MAX_U = 1 << 2,
	ACK_POL_MIN_S = 1 << 3,
	ACK_POL_MAX_S = 1 << 4,
	ACK_POL_MIN_LEN = 1 << 5,
	ACK_POL_MAX_LEN = 1 << 6,
};

/* NLMSGERR_ATTR_POLICY: what the refused attribute had to be. */
struct ack_policy {
	unsigned int has;
	uint32_t type;			/* enum netlink_attribute_type */
	uint64_t min_u, max_u;
	int64_t min_s, max_s;
	uint32_t min_len, max_len;
};

/* Bits of struct ack.has. */
enum {
	ACK_OFFS = 1 << 0,
	ACK_POLICY = 1 << 1,
	ACK_MISS_TYPE = 1 << 2,
	ACK_MISS_NEST = 1 << 3,
};

struct ack {
	int error;			/* positive errno, 0 for success */
	char msg[ACK_MSG_MAX];		/* extack text, "" without one */
	unsigned int has;		/* which of the following came */
	uint32_t offs;			/* the blamed attribute in the request */
	uint32_t miss_type;		/* a required attribute that is missing */
	uint32_t miss_nest;		/* offset of the nest it is missing in */
	struct ack_policy policy;
};

/* 0, or -1 if the message is too short to hold what it claims. */
int ack_parse(const struct nlmsghdr *nlh, struct ack *ack);

#endif
