/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_RX_H
#define _VRRP_RX_H

#include <linux/netdevice.h>
#include <linux/skbuff.h>

#include "af.h"

struct vrrp_net;

unsigned int vrrp_rx(struct vrrp_net *vn, const struct vrrp_af *af,
		     struct net_device *dev, struct sk_buff *skb,
		     const struct vrrp_rx_info *info);
int vrrp_rx_register(struct vrrp_net *vn);
void vrrp_rx_unregister(struct vrrp_net *vn);

#endif /* _VRRP_RX_H */
