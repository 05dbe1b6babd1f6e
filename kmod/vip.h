/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_VIP_H
#define _VRRP_VIP_H

#include <linux/netdevice.h>

struct vrrp_instance;
struct vrrp_net;

__be32 vrrp_primary_addr4(struct net_device *dev);
int vrrp_vip_net_init(struct vrrp_net *vn);
void vrrp_vip_net_exit(struct vrrp_net *vn);
void vrrp_vip_sync(struct vrrp_instance *inst);

#endif /* _VRRP_VIP_H */
