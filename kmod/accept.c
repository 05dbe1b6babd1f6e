// SPDX-License-Identifier: GPL-2.0
/*
 * Accept mode (RFC 9568 6.1, 6.4.3): an active router that does not own
 * the addresses takes no packet addressed to its VIPs unless it is in
 * accept mode, ARP and Neighbor Discovery aside: without them nobody
 * would find the VIPs at all. The VIPs are local addresses of the
 * interface (which is how the stack answers ARP and NS for them), so the
 * stack would take everything: the receive hooks drop what is addressed
 * to a guarded VIP. A guard is a VIP a noaccept master holds; the hooks
 * look only while there is one in the namespace.
 */

#include <linux/jhash.h>
#include <linux/slab.h>

#include "accept.h"
#include "instance.h"

struct vrrp_guard {
	struct hlist_node node;
	const struct vrrp_instance *inst;	/* whose; never dereferenced */
	union vrrp_addr addr;
	u16 family;
	struct rcu_head rcu;
};

static struct hlist_head *guard_bucket(struct vrrp_net *vn, u16 family,
				       const void *addr, u8 addr_len)
{
	return &vn->guards[jhash(addr, addr_len, family) %
			   ARRAY_SIZE(vn->guards)];
}

/* Under RCU, from a receive hook: is @daddr a VIP a noaccept master holds? */
bool vrrp_accept_refused(struct vrrp_net *vn, u16 family, const void *daddr,
			 u8 addr_len)
{
	struct vrrp_guard *g;

	if (!atomic_read(&vn->nr_guards))
		return false;
	hlist_for_each_entry_rcu(g, guard_bucket(vn, family, daddr, addr_len),
				 node)
		if (g->family == family && !memcmp(&g->addr, daddr, addr_len))
			return true;
	return false;
}

/* Under guard_lock: the instance's guards, gone after a grace period. */
static void unguard(struct vrrp_instance *inst)
{
	struct vrrp_net *vn = inst->vn;
	struct hlist_node *tmp;
	struct vrrp_guard *g;
	unsigned int i;

	for (i = 0; i < ARRAY_SIZE(vn->guards); i++) {
		hlist_for_each_entry_safe(g, tmp, &vn->guards[i], node) {
			if (g->inst != inst)
				continue;
			hlist_del_rcu(&g->node);
			atomic_dec(&vn->nr_guards);
			kfree_rcu(g, rcu);
		}
	}
}

/*
 * From the VIP sync, under the VIP lock, or the release: the instance's
 * guards become the addresses of @vips, NULL for none. A guard that
 * cannot be allocated is left out: the VIP then takes everything, as in
 * accept mode. An instance in accept mode never takes the lock.
 */
void vrrp_accept_guard(struct vrrp_instance *inst,
		       const struct vrrp_vip_list *vips)
{
	const struct vrrp_af *af = inst->af;
	struct vrrp_net *vn = inst->vn;
	struct vrrp_guard *g;
	int i;

	if (!inst->guarded && (!vips || !vips->nr))
		return;
	inst->guarded = vips && vips->nr;
	spin_lock_bh(&vn->guard_lock);
	unguard(inst);
	for (i = 0; vips && i < vips->nr; i++) {
		g = kzalloc(sizeof(*g), GFP_ATOMIC);
		if (!g)
			break;
		g->inst = inst;
		g->family = af->family;
		memcpy(&g->addr, vrrp_vip_addr(vips, i), af->addr_len);
		hlist_add_head_rcu(&g->node,
				   guard_bucket(vn, af->family, &g->addr,
						af->addr_len));
		atomic_inc(&vn->nr_guards);
	}
	spin_unlock_bh(&vn->guard_lock);
}

void vrrp_accept_net_init(struct vrrp_net *vn)
{
	unsigned int i;

	spin_lock_init(&vn->guard_lock);
	for (i = 0; i < ARRAY_SIZE(vn->guards); i++)
		INIT_HLIST_HEAD(&vn->guards[i]);
}
