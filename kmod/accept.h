/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_ACCEPT_H
#define _VRRP_ACCEPT_H

#include <linux/types.h>

struct vrrp_instance;
struct vrrp_net;
struct vrrp_vip_list;

bool vrrp_accept_refused(struct vrrp_net *vn, u16 family, const void *daddr,
			 u8 addr_len);
void vrrp_accept_guard(struct vrrp_instance *inst,
		       const struct vrrp_vip_list *vips);
void vrrp_accept_net_init(struct vrrp_net *vn);

#endif /* _VRRP_ACCEPT_H */
