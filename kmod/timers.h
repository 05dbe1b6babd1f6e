/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_TIMERS_H
#define _VRRP_TIMERS_H

struct vrrp_instance;

void vrrp_timers_init(struct vrrp_instance *inst);
void vrrp_timers_sync(struct vrrp_instance *inst);
void vrrp_timers_stop(struct vrrp_instance *inst);

#endif /* _VRRP_TIMERS_H */
