/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_GROUP_H
#define _VRRP_GROUP_H

#include <linux/atomic.h>
#include <linux/list.h>
#include <linux/rcupdate.h>
#include "../include/uapi/linux/vrrp.h"

#include "netns.h"

struct vrrp_instance;

/*
 * A sync group: instances that are active together or not at all, as the
 * inside and outside addresses of one router must be. Created when an
 * instance first names it, freed with its last member.
 */
struct vrrp_group {
	struct list_head node;		/* vrrp_net.groups (RTNL) */
	struct list_head members;	/* RCU; changed under RTNL */
	char name[VRRP_TRACK_NAME_MAX];
	unsigned int nr_members;	/* RTNL */
	/* Members that could not be active now: init, fault, or a backup
	 * that heeds a better master. Each member keeps its own share.
	 */
	atomic_t not_ready;
	struct rcu_head rcu;
};

struct vrrp_group *vrrp_group_get(struct vrrp_net *vn, const char *name);
void vrrp_group_put(struct vrrp_group *g);
void vrrp_group_join(struct vrrp_instance *inst, struct vrrp_group *g);
void vrrp_group_leave(struct vrrp_instance *inst);
bool vrrp_group_holds(struct vrrp_instance *inst);
void vrrp_group_note_ready(struct vrrp_instance *inst);
void vrrp_group_follow(struct vrrp_instance *inst, bool active);

#endif /* _VRRP_GROUP_H */
