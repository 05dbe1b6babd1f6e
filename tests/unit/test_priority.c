// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/priority.c: keepalived's rules for weights and fault, worked out by
 * hand from those rules, not from priority.c.
 */

#include "priority.h"
#include "unit.h"

static struct vrrp_tracked obj(bool up)
{
	struct vrrp_tracked t = { .up = up };

	return t;
}

static struct vrrp_tracked weighted(bool up, s16 weight)
{
	struct vrrp_tracked t = { .up = up, .has_weight = true,
				  .weight = weight };

	return t;
}

static struct vrrp_tracked valued(bool up, s16 value, bool has_weight,
				  s16 weight)
{
	struct vrrp_tracked t = { .up = up, .has_value = true, .value = value,
				  .has_weight = has_weight, .weight = weight };

	return t;
}

static struct vrrp_verdict judge(u8 prio, const struct vrrp_tracked *t,
				 unsigned int n)
{
	struct vrrp_verdict v;

	vrrp_priority_judge(prio, t, n, &v);
	return v;
}

TEST(nothing_tracked)
{
	struct vrrp_verdict v = judge(100, NULL, 0);

	CHECK_EQ(v.priority, 100);
	CHECK_EQ(v.fault_by, -1);
}

TEST(no_weight_fault_while_down)
{
	struct vrrp_tracked t[2] = { obj(true), obj(false) };
	struct vrrp_verdict v = judge(100, t, 2);

	CHECK_EQ(v.fault_by, 1);
	/* The first of two is the one reported. */
	t[0].up = false;
	CHECK_EQ(judge(100, t, 2).fault_by, 0);
	t[0].up = true;
	t[1].up = true;
	v = judge(100, t, 2);
	CHECK_EQ(v.fault_by, -1);
	CHECK_EQ(v.priority, 100);
}

TEST(negative_weight_counts_while_down)
{
	struct vrrp_tracked t[1] = { weighted(true, -30) };

	CHECK_EQ(judge(150, t, 1).priority, 150);
	t[0].up = false;
	CHECK_EQ(judge(150, t, 1).priority, 120);
	CHECK_EQ(judge(150, t, 1).fault_by, -1);
}

TEST(positive_weight_counts_while_up)
{
	struct vrrp_tracked t[1] = { weighted(true, 20) };

	CHECK_EQ(judge(100, t, 1).priority, 120);
	t[0].up = false;
	CHECK_EQ(judge(100, t, 1).priority, 100);
}

TEST(weights_add_up)
{
	struct vrrp_tracked t[3] = { weighted(false, -10), weighted(true, 5),
				     weighted(false, -20) };

	CHECK_EQ(judge(100, t, 3).priority, 75);
}

TEST(clamped_to_1_254)
{
	struct vrrp_tracked lo[1] = { weighted(false, -253) };
	struct vrrp_tracked hi[2] = { weighted(true, 253), weighted(true, 10) };

	CHECK_EQ(judge(100, lo, 1).priority, 1);
	/* Exactly 0 is out of the election too: 1. */
	lo[0].weight = -100;
	CHECK_EQ(judge(100, lo, 1).priority, 1);
	lo[0].weight = -253;
	CHECK_EQ(judge(100, hi, 2).priority, 254);
	CHECK_EQ(judge(1, hi, 2).priority, 254);
}

TEST(owner_keeps_255)
{
	struct vrrp_tracked t[1] = { weighted(false, -100) };
	struct vrrp_tracked f[1] = { obj(false) };

	CHECK_EQ(judge(255, t, 1).priority, 255);
	/* An owner whose service is down still steps aside. */
	CHECK_EQ(judge(255, f, 1).fault_by, 0);
}

TEST(value_times_weight)
{
	struct vrrp_tracked t[1] = { valued(true, -5, true, 3) };

	CHECK_EQ(judge(100, t, 1).priority, 85);
	t[0] = valued(true, 10, true, 2);
	CHECK_EQ(judge(100, t, 1).priority, 120);
	/* -254 or less is a fault, -253 only lowers. */
	t[0] = valued(true, -127, true, 2);
	CHECK_EQ(judge(100, t, 1).fault_by, 0);
	t[0] = valued(true, -253, true, 1);
	CHECK_EQ(judge(100, t, 1).fault_by, -1);
	CHECK_EQ(judge(100, t, 1).priority, 1);
}

TEST(value_without_weight)
{
	struct vrrp_tracked t[1] = { valued(true, 0, false, 0) };

	CHECK_EQ(judge(100, t, 1).fault_by, -1);
	CHECK_EQ(judge(100, t, 1).priority, 100);
	t[0].value = 7;
	CHECK_EQ(judge(100, t, 1).fault_by, 0);
}

TEST(down_value_object_is_down)
{
	struct vrrp_tracked t[2] = { valued(false, 50, true, 1),
				     valued(false, 0, false, 0) };

	CHECK_EQ(judge(100, t, 1).priority, 100);
	CHECK_EQ(judge(100, t, 2).fault_by, 1);
}

static const struct unit_test tests[] = {
	T(nothing_tracked),
	T(no_weight_fault_while_down),
	T(negative_weight_counts_while_down),
	T(positive_weight_counts_while_up),
	T(weights_add_up),
	T(clamped_to_1_254),
	T(owner_keeps_255),
	T(value_times_weight),
	T(value_without_weight),
	T(down_value_object_is_down),
};

UNIT_MAIN(tests)
