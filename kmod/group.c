// SPDX-License-Identifier: GPL-2.0
/*
 * Sync groups, keepalived's vrrp_sync_group as our users rely on it: when
 * one member leaves Active (preempted, fault, its link gone), every member
 * does, and none becomes active again while a member could not; when one
 * becomes active, the others follow.
 *
 * Each member says, under its own lock, whether it could be active now
 * (vrrp_group_note_ready()): active, or a backup that would take over by
 * itself (it heeds no better master). The group counts the members that
 * could not, so a member whose down timer fires asks one atomic counter,
 * not its peers' locks, whether it may go (vrrp_group_holds()). A member
 * that changed state on its own then moves the others, one lock at a time
 * and never two at once (vrrp_group_follow()); the changes that causes
 * carry VRRP_REASON_GROUP and move nobody further.
 */

#include <linux/rtnetlink.h>
#include <linux/slab.h>

#include "group.h"
#include "instance.h"

/* Under RTNL: the group of that name, created if there is none. */
struct vrrp_group *vrrp_group_get(struct vrrp_net *vn, const char *name)
{
	struct vrrp_group *g;

	ASSERT_RTNL();
	list_for_each_entry(g, &vn->groups, node)
		if (!strcmp(g->name, name))
			return g;
	g = kzalloc(sizeof(*g), GFP_KERNEL_ACCOUNT);
	if (!g)
		return NULL;
	INIT_LIST_HEAD(&g->members);
	strscpy(g->name, name, sizeof(g->name));
	atomic_set(&g->not_ready, 0);
	list_add_tail(&g->node, &vn->groups);
	return g;
}

/* Under RTNL: a group with no member left (or none yet) goes. */
void vrrp_group_put(struct vrrp_group *g)
{
	ASSERT_RTNL();
	if (g->nr_members)
		return;
	list_del(&g->node);
	kfree_rcu(g, rcu);
}

static bool could_be_active(const struct vrrp_instance *inst)
{
	const struct vrrp_fsm *fsm = &inst->fsm;

	return fsm->state == VRRP_STATE_ACTIVE ||
	       (fsm->state == VRRP_STATE_BACKUP && !fsm->following);
}

/* Under the instance lock, after every event: its share of not_ready. */
void vrrp_group_note_ready(struct vrrp_instance *inst)
{
	struct vrrp_group *g = rcu_dereference_protected(inst->group,
				lockdep_is_held(&inst->lock));
	bool ready = could_be_active(inst);

	lockdep_assert_held(&inst->lock);
	if (ready == inst->group_ready)
		return;
	inst->group_ready = ready;
	if (g)
		atomic_add(ready ? -1 : 1, &g->not_ready);
}

/* Under the lock: may not become active, another member could not. */
bool vrrp_group_holds(struct vrrp_instance *inst)
{
	struct vrrp_group *g = rcu_dereference_protected(inst->group,
				lockdep_is_held(&inst->lock));

	if (!g)
		return false;
	return atomic_read(&g->not_ready) > (inst->group_ready ? 0 : 1);
}

/* Under RTNL; @inst is in no group. */
void vrrp_group_join(struct vrrp_instance *inst, struct vrrp_group *g)
{
	ASSERT_RTNL();
	spin_lock_bh(&inst->lock);
	rcu_assign_pointer(inst->group, g);
	if (!inst->group_ready)
		atomic_inc(&g->not_ready);
	spin_unlock_bh(&inst->lock);
	list_add_tail_rcu(&inst->group_node, &g->members);
	g->nr_members++;
}

/*
 * Under RTNL. A member moved on to another group soon after must not be
 * on its old list for readers still walking it: the caller waits a grace
 * period between leaving and joining (vrrp_instance_set_group()).
 */
void vrrp_group_leave(struct vrrp_instance *inst)
{
	struct vrrp_group *g = rtnl_dereference(inst->group);

	if (!g)
		return;
	spin_lock_bh(&inst->lock);
	if (!inst->group_ready)
		atomic_dec(&g->not_ready);
	RCU_INIT_POINTER(inst->group, NULL);
	spin_unlock_bh(&inst->lock);
	list_del_rcu(&inst->group_node);
	g->nr_members--;
	vrrp_group_put(g);
}

/*
 * Without any instance lock: @inst became active (@active) or left
 * Active by itself; the other members do the same.
 */
void vrrp_group_follow(struct vrrp_instance *inst, bool active)
{
	struct vrrp_instance *member;
	struct vrrp_group *g;

	rcu_read_lock();
	g = rcu_dereference(inst->group);
	if (g)
		list_for_each_entry_rcu(member, &g->members, group_node)
			if (member != inst)
				vrrp_instance_group_moved(member, active);
	rcu_read_unlock();
}
