/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_NOTIFIER_H
#define _VRRP_NOTIFIER_H

#include <linux/workqueue.h>

int vrrp_notifier_register(void);
void vrrp_notifier_unregister(void);
void vrrp_notifier_addr6_work(struct work_struct *work);

#endif /* _VRRP_NOTIFIER_H */
