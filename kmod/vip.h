/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_VIP_H
#define _VRRP_VIP_H

#include <linux/netdevice.h>

struct vrrp_instance;
struct vrrp_vip_list;
struct vrrp_vip_place;

int vrrp_vip_sync(struct vrrp_instance *inst);
struct net_device *vrrp_vip_dev_rcu(const struct vrrp_instance *inst,
				    const struct vrrp_vip_place *place);
struct vrrp_vip_list *vrrp_vip_list_alloc(u8 addr_len, unsigned int cap,
					  bool placed, gfp_t gfp);
size_t vrrp_vip_list_size(const struct vrrp_vip_list *list);
void vrrp_vip_list_add(struct vrrp_vip_list *list, const u8 *addr,
		       u8 prefixlen, const struct vrrp_vip_place *place);
int vrrp_vip_list_find(const struct vrrp_vip_list *list, const u8 *addr);

#endif /* _VRRP_VIP_H */
