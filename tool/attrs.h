/* SPDX-License-Identifier: GPL-2.0 */
/* Turning a parsed command line into VRRP_A_* attributes. */
#ifndef VRRPADM_ATTRS_H
#define VRRPADM_ATTRS_H

#include <netlink/msg.h>

#include "config.h"

/* Room the attributes of c need, for vnl_msg(). */
size_t attrs_size(const struct vrrp_config *c);

/* IFINDEX, VRID and, if given, FAMILY: what names an instance. */
int attrs_put_key(struct nl_msg *msg, const struct vrrp_config *c);

/* The key plus every setting that was given; 0 or -1 if msg is full. */
int attrs_put_config(struct nl_msg *msg, const struct vrrp_config *c);

#endif
