/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_PRIORITY_H
#define _VRRP_PRIORITY_H

#include "core.h"

/*
 * One thing an instance tracks, as the priority rules see it: a health
 * object or an interface, its state, the weight the instance gave it, and
 * a health object's value (keepalived's track_file).
 */
struct vrrp_tracked {
	bool up;
	bool has_weight;
	bool has_value;
	s16 weight;		/* -253..253, not 0 */
	s16 value;		/* -254..254 */
};

/*
 * The priority adverts carry, and whether the instance is in fault:
 * @fault_by is the index of the first tracked thing that keeps it there,
 * or -1.
 */
struct vrrp_verdict {
	u8 priority;
	int fault_by;
};

void vrrp_priority_judge(u8 configured, const struct vrrp_tracked *t,
			 unsigned int n, struct vrrp_verdict *v);

#endif /* _VRRP_PRIORITY_H */
