/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_TRACK_H
#define _VRRP_TRACK_H

#include <linux/if.h>
#include "../include/uapi/linux/vrrp.h"

#include "netns.h"

struct vrrp_health;
struct vrrp_instance;

/* One thing an instance tracks: a health object, or an interface. */
struct vrrp_track_ref {
	struct vrrp_health *health;	/* NULL: the interface @ifname */
	char ifname[IFNAMSIZ];
	bool has_weight;
	bool up;			/* as last judged, for dumps */
	s16 weight;
};

/* Set under RTNL and the instance lock; read under either. */
struct vrrp_track_list {
	u16 nr;
	u16 nr_devs;
	struct vrrp_track_ref refs[];
};

/* What tracking makes of an instance. */
struct vrrp_track_verdict {
	u8 priority;			/* effective */
	bool fault;
	enum vrrp_reason reason;	/* of the fault */
};

struct vrrp_track_list *vrrp_track_list_alloc(unsigned int n);
void vrrp_track_list_hold(struct vrrp_track_list *list);
void vrrp_track_list_put(struct vrrp_track_list *list);
void vrrp_track_judge(struct vrrp_net *vn, struct vrrp_track_list *list,
		      u8 configured, struct vrrp_track_verdict *v);
void vrrp_track_health_changed(struct vrrp_net *vn,
			       const struct vrrp_health *h);
void vrrp_track_dev_changed(struct vrrp_net *vn, const char *ifname);

#endif /* _VRRP_TRACK_H */
