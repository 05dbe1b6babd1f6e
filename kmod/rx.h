/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_RX_H
#define _VRRP_RX_H

struct vrrp_net;

int vrrp_rx_register(struct vrrp_net *vn);
void vrrp_rx_unregister(struct vrrp_net *vn);

#endif /* _VRRP_RX_H */
