/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_VMAC_H
#define _VRRP_VMAC_H

#include <linux/netdevice.h>
#include <linux/netlink.h>

struct vrrp_instance;

/* What an interface with instances in virtual MAC mode carries (RTNL). */
struct vrrp_vmac_port;

int vrrp_vmac_supported(const struct nlattr *attr,
			struct netlink_ext_ack *extack);
int vrrp_vmac_attach(struct vrrp_instance *inst,
		     struct netlink_ext_ack *extack);
void vrrp_vmac_detach(struct vrrp_instance *inst);
void vrrp_vmac_sync(struct vrrp_instance *inst);
void vrrp_vmac_sync_unlocked(struct vrrp_instance *inst);

#endif /* _VRRP_VMAC_H */
