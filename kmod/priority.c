// SPDX-License-Identifier: GPL-2.0
/*
 * keepalived's rules for tracked objects and interfaces, which its users
 * have written their configurations for:
 *
 * - no weight: down means fault (no VIPs, no adverts);
 * - a negative weight counts while down, a positive one while up;
 * - a value (track_file) counts value x weight while up, and means fault
 *   at -254 or below; without a weight, any value but 0 means fault;
 * - the sum goes on the configured priority, kept within 1..254, so that
 *   tracking never makes a router the address owner nor takes it out of
 *   the election; an owner's 255 is left alone (RFC 9568 6.1: it owns the
 *   addresses, a weight cannot change that).
 *
 * Pure arithmetic, shared with the unit tests.
 */

#include "priority.h"

#define PRIORITY_OWNER		255
#define PRIORITY_MAX_TRACKED	254
#define FAULT_AT		(-254)

/* What @t adds to the priority; false if it puts the instance in fault. */
static bool tracked_weight(const struct vrrp_tracked *t, int *add)
{
	int w = t->has_weight ? t->weight : 0;

	*add = 0;
	if (!t->up) {
		if (!t->has_weight)
			return false;
		*add = w < 0 ? w : 0;
		return true;
	}
	if (t->has_value) {
		if (!t->has_weight)
			return t->value == 0;
		*add = t->value * w;
		return *add > FAULT_AT;
	}
	*add = w > 0 ? w : 0;
	return true;
}

void vrrp_priority_judge(u8 configured, const struct vrrp_tracked *t,
			 unsigned int n, struct vrrp_verdict *v)
{
	int sum = 0, add;
	unsigned int i;

	v->fault_by = -1;
	for (i = 0; i < n; i++) {
		if (!tracked_weight(&t[i], &add) && v->fault_by < 0)
			v->fault_by = (int)i;
		sum += add;
	}
	if (configured == PRIORITY_OWNER) {
		v->priority = PRIORITY_OWNER;
		return;
	}
	sum += configured;
	if (sum < 1)
		sum = 1;
	if (sum > PRIORITY_MAX_TRACKED)
		sum = PRIORITY_MAX_TRACKED;
	v->priority = (u8)sum;
}
