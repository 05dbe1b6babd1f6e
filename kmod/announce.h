/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_ANNOUNCE_H
#define _VRRP_ANNOUNCE_H

struct vrrp_instance;

void vrrp_announce_init(struct vrrp_instance *inst);
void vrrp_announce_start(struct vrrp_instance *inst);
void vrrp_announce_stop(struct vrrp_instance *inst);

#endif /* _VRRP_ANNOUNCE_H */
