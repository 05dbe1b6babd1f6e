/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_NETLINK_H
#define _VRRP_NETLINK_H

struct vrrp_instance;
struct vrrp_effects;

int vrrp_netlink_register(void);
void vrrp_netlink_unregister(void);
void vrrp_netlink_notify_state(struct vrrp_instance *inst,
			       const struct vrrp_effects *fx);

#endif /* _VRRP_NETLINK_H */
