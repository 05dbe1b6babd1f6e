/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_NETLINK_H
#define _VRRP_NETLINK_H

#include <linux/types.h>
#include "../include/uapi/linux/vrrp.h"

struct genl_info;
struct netlink_callback;
struct sk_buff;
struct vrrp_effects;
struct vrrp_health;
struct vrrp_instance;

extern struct genl_family vrrp_family;

int vrrp_netlink_register(void);
void vrrp_netlink_unregister(void);
void vrrp_netlink_notify_state(struct vrrp_instance *inst,
			       const struct vrrp_effects *fx);
void vrrp_netlink_notify_config(struct vrrp_instance *inst, u8 cmd);
void vrrp_netlink_notify_gone(struct vrrp_instance *inst,
			      enum vrrp_reason why);

/* Health objects (netlink_health.c). */
int vrrp_nl_new_track(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_set_track(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_del_track(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_get_track(struct sk_buff *skb, struct genl_info *info);
int vrrp_nl_dump_track(struct sk_buff *skb, struct netlink_callback *cb);
void vrrp_netlink_notify_health(struct vrrp_health *h, u8 cmd);
bool vrrp_nl_name_ok(const char *name);

#endif /* _VRRP_NETLINK_H */
