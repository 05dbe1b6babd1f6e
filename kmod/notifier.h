/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_NOTIFIER_H
#define _VRRP_NOTIFIER_H

int vrrp_notifier_register(void);
void vrrp_notifier_unregister(void);

#endif /* _VRRP_NOTIFIER_H */
