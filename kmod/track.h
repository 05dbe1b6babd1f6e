/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_TRACK_H
#define _VRRP_TRACK_H

int vrrp_track_register(void);
void vrrp_track_unregister(void);

#endif /* _VRRP_TRACK_H */
