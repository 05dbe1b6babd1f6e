/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Everything that depends on the address family. IPv6 support should only
 * need this file (and the kernel) to change.
 */
#ifndef VRRPADM_FAMILY_H
#define VRRPADM_FAMILY_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#define VIP_ADDR_MAX 16
/* Big enough for any address with "/128". */
#define ADDR_STR_MAX 64

struct vrrp_family {
	const char *name;
	uint16_t af;
	size_t addr_len;
	unsigned int max_plen;
};

struct vip {
	unsigned char addr[VIP_ADDR_MAX];
	uint8_t plen;
	bool excluded;		/* vip-excluded: held, not advertised */
	/* "dev IF", "label L", "scope S" after it; NULL / -1: not given. */
	const char *dev;
	unsigned int ifindex;	/* of dev, by config_resolve_dev() */
	const char *label;
	int scope;
};

const struct vrrp_family *family_default(void);
/* The families in turn, from 0; NULL past the last. */
const struct vrrp_family *family_at(size_t i);
/* Prints why a name is refused and returns -1. */
int family_parse(const char *name, const struct vrrp_family **out);
/* "inet" or, for a family this tool does not know, "af<N>". */
const char *family_name(unsigned int af, char *buf, size_t len);
/* ADDR[/PLEN]; returns NULL on success or why the text is refused. */
const char *family_parse_vip(const struct vrrp_family *f, const char *s,
			     struct vip *vip);
/* A plain address (no prefix length); NULL on success or why it is refused. */
const char *family_parse_addr(const struct vrrp_family *f, const char *s,
			      struct vip *addr);
/* Formats a raw network-order address; NULL if its length fits no family. */
const char *family_format_addr(const void *addr, size_t len, char *buf,
			       size_t buflen);

#endif
