/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_HEALTH_H
#define _VRRP_HEALTH_H

#include <linux/list.h>
#include <linux/workqueue.h>
#include "../include/uapi/linux/vrrp.h"

#include "netns.h"

/*
 * A health object: a named up/down state (and optionally a value) that
 * userspace health checks keep current and instances track. Everything
 * here is under RTNL, which also orders it against the instances.
 */
struct vrrp_health {
	struct list_head node;		/* vrrp_net.healths, by name */
	struct vrrp_net *vn;
	char name[VRRP_TRACK_NAME_MAX];
	bool up;
	bool has_value;
	bool dead;			/* unlinked; freed once the work is off */
	s16 value;
	u32 lease_ms;			/* 0: none */
	unsigned long expires;		/* jiffies, with a lease */
	unsigned int users;		/* instances that track it */
	struct delayed_work lease_work;
};

struct vrrp_health *vrrp_health_find(struct vrrp_net *vn, const char *name);
struct vrrp_health *vrrp_health_create(struct vrrp_net *vn, const char *name);
void vrrp_health_renew(struct vrrp_health *h);
void vrrp_health_unlink(struct vrrp_health *h);
void vrrp_health_free(struct vrrp_health *h);
void vrrp_health_net_exit(struct vrrp_net *vn);

#endif /* _VRRP_HEALTH_H */
