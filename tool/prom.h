/* SPDX-License-Identifier: GPL-2.0 */
/*
 * stats --prometheus: the instances, health objects and unmatched packets
 * in the Prometheus text exposition format (version 0.0.4), for
 * node_exporter's textfile collector or any scraper of a file. Nothing
 * here talks to the kernel, so the unit tests cover it.
 */
#ifndef VRRPADM_PROM_H
#define VRRPADM_PROM_H

#include <net/if.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include <linux/vrrp.h>

#include "health.h"
#include "instance.h"

/* What the metrics of one instance need, copied out of its message. */
struct prom_instance {
	char dev[IF_NAMESIZE];
	char family[FAMILY_STR_MAX];
	char name[VRRP_NAME_MAX];
	unsigned int vrid, state, priority, effective;
	bool has_master_priority;
	unsigned int master_priority;
	uint64_t stats[__VRRP_STAT_MAX];
};

struct prom_data {
	struct prom_instance *inst;
	size_t ninst, cap;
	struct health *obj;
	size_t nobj, objcap;
	bool has_unmatched;
	uint64_t unmatched[__VRRP_STAT_MAX];
};

/* 0, or -1 if out of memory. */
int prom_add_instance(struct prom_data *d, const struct instance *in);
int prom_add_object(struct prom_data *d, const struct health *h);
void prom_free(struct prom_data *d);

void prom_write(FILE *f, const struct prom_data *d);

#endif
