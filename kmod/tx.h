/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_TX_H
#define _VRRP_TX_H

#include <linux/skbuff.h>

/* 224.0.0.18, RFC 9568 5.1.1.2 */
#define VRRP_GROUP4	htonl(0xe0000012)

struct vrrp_instance;

struct sk_buff *vrrp_tx_advert(struct vrrp_instance *inst, u8 priority);
void vrrp_tx_send(struct sk_buff *skb);
unsigned int vrrp_tx_garp(struct vrrp_instance *inst);

#endif /* _VRRP_TX_H */
