/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_ROUTE_H
#define _VRRP_ROUTE_H

#include <linux/types.h>

struct vrrp_instance;

/* One virtual route, as configured; zero-filled, so memcmp() compares. */
struct vrrp_route {
	u8 dst[16];
	u8 gw[16];
	u32 ifindex;	/* 0: the kernel's pick with a gateway, else dev's */
	u8 prefixlen;
	bool has_gw;
};

struct vrrp_route_list {
	u16 nr;
	struct vrrp_route r[];
};

struct vrrp_route_list *vrrp_route_list_alloc(unsigned int n, gfp_t gfp);
int vrrp_route_list_find(const struct vrrp_route_list *list,
			 const struct vrrp_route *r);
struct vrrp_route_list *vrrp_routes_wanted(struct vrrp_instance *inst);
void vrrp_routes_sync(struct vrrp_instance *inst,
		      struct vrrp_route_list *want);

#endif /* _VRRP_ROUTE_H */
