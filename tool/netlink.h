/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The generic netlink side: socket setup, resolving the "vrrp" family,
 * and a request loop that reports the kernel's extack.
 */
#ifndef VRRPADM_NETLINK_H
#define VRRPADM_NETLINK_H

#include <stdbool.h>

#include <netlink/genl/genl.h>
#include <netlink/netlink.h>

#include <linux/vrrp.h>

#include "ack.h"

struct vnl {
	struct nl_sock *sk;
	int family;
};

/* These return EXIT_OK, or EXIT_FAIL after printing why. */
int vnl_open(struct vnl *nl);
/* The socket alone, without resolving the family (tests use nlctrl). */
int vnl_connect(struct vnl *nl);
int vnl_join_events(struct vnl *nl);

void vnl_close(struct vnl *nl);

/* A request for cmd with room for `payload` bytes of attributes. */
struct nl_msg *vnl_msg(const struct vnl *nl, uint8_t cmd, int flags,
		       size_t payload);

/*
 * Called with each reply; a non-zero return (after printing why) abandons
 * the request.
 */
typedef int (*vnl_reply_fn)(struct nl_msg *msg, void *arg);

/*
 * Sends msg, which it frees, and reads until the kernel's ack, error or
 * end of dump. Returns EXIT_OK or EXIT_FAIL after printing the error.
 */
int vnl_request(struct vnl *nl, struct nl_msg *msg, vnl_reply_fn fn,
		void *arg);

/*
 * The same, for callers that act on the kernel's refusal themselves:
 * msg stays theirs (the ack points into it). Returns 0; the positive
 * errno, with *ack filled in and nothing printed; or -1 after printing
 * why no answer came.
 */
int vnl_exchange(struct vnl *nl, struct nl_msg *msg, vnl_reply_fn fn,
		 void *arg, struct ack *ack);

/* Every instance, or (ifindex not 0) those on one interface. */
int vnl_dump_instances(struct vnl *nl, unsigned int ifindex, vnl_reply_fn fn,
		       void *arg);

/* Prints the kernel's refusal of req (as sent: the ack points into it). */
void vnl_report(const struct vnl *nl, const struct ack *ack,
		const struct nlmsghdr *req);

/* Parses a VRRP message into tb[VRRP_A_MAX + 1]; 0, or -1 and says so. */
int vnl_parse(struct nl_msg *msg, struct nlattr **tb);
/*
 * Whether ack refuses req because what it names is not there: ENOENT
 * blaming its top-level VRRP_A_VRID (no such instance) or
 * VRRP_A_TRACK_NAME (no such health object), exit status 3.
 */
bool vnl_not_found(const struct ack *ack, const struct nlmsghdr *req);

/* Decoding helpers shared by show and monitor. */
#define FAMILY_STR_MAX 16

/* VRRP_A_IFNAME, else if_indextoname(VRRP_A_IFINDEX); buf of IF_NAMESIZE. */
void vnl_ifname(struct nlattr **tb, char *buf);
/* The name of VRRP_A_FAMILY, inet if absent, always writing to buf. */
void vnl_family(struct nlattr **tb, char *buf, size_t len);
/* NULL for an absent address or one of no known length. */
const char *vnl_addr(const struct nlattr *a, char *buf, size_t len);

#endif
