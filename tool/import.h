/* SPDX-License-Identifier: GPL-2.0 */
/*
 * import-keepalived: a keepalived.conf read (kaconf.c) and written out as
 * our configuration file (vrrp.conf(5)). Every keyword that is not
 * translated is reported, "FILE:LINE: keyword: why", never dropped
 * silently. Nothing here talks to the kernel, so the unit tests cover it.
 */
#ifndef VRRPADM_IMPORT_H
#define VRRPADM_IMPORT_H

#include <stdio.h>

#include "kaconf.h"

#define KEEPALIVED_CONF_DEFAULT "/etc/keepalived/keepalived.conf"

/*
 * Writes the configuration to out and the reports to err; returns how
 * many keywords were reported.
 */
unsigned int import_keepalived(const struct ka_conf *c, FILE *out, FILE *err);

#endif
