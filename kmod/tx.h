/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_TX_H
#define _VRRP_TX_H

#include <linux/skbuff.h>

struct vrrp_instance;

unsigned int vrrp_tx_adverts(struct vrrp_instance *inst, u8 priority,
			     struct sk_buff_head *queue);
void vrrp_tx_send(struct vrrp_instance *inst, struct sk_buff *skb);
unsigned int vrrp_tx_announce(struct vrrp_instance *inst);

#endif /* _VRRP_TX_H */
