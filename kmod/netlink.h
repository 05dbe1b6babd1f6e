/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_NETLINK_H
#define _VRRP_NETLINK_H

#include <linux/types.h>
#include "../include/uapi/linux/vrrp.h"

struct vrrp_instance;
struct vrrp_effects;

int vrrp_netlink_register(void);
void vrrp_netlink_unregister(void);
void vrrp_netlink_notify_state(struct vrrp_instance *inst,
			       const struct vrrp_effects *fx);
void vrrp_netlink_notify_config(struct vrrp_instance *inst, u8 cmd);
void vrrp_netlink_notify_gone(struct vrrp_instance *inst,
			      enum vrrp_reason why);

#endif /* _VRRP_NETLINK_H */
