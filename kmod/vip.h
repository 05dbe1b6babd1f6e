/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_VIP_H
#define _VRRP_VIP_H

#include <linux/netdevice.h>

struct vrrp_instance;
struct vrrp_net;
struct vrrp_vip_list;

int vrrp_vip_net_prepare(struct vrrp_net *vn);
void vrrp_vip_net_exit(struct vrrp_net *vn);
int vrrp_vip_sync(struct vrrp_instance *inst);
struct vrrp_vip_list *vrrp_vip_list_alloc(u8 addr_len, unsigned int cap,
					  gfp_t gfp);
size_t vrrp_vip_list_size(const struct vrrp_vip_list *list);
void vrrp_vip_list_add(struct vrrp_vip_list *list, const u8 *addr,
		       u8 prefixlen);
int vrrp_vip_list_find(const struct vrrp_vip_list *list, const u8 *addr);

#endif /* _VRRP_VIP_H */
