// SPDX-License-Identifier: GPL-2.0
/* The address families an instance may have (VRRP_A_FAMILY). */

#include "af.h"

const struct vrrp_af *vrrp_af_find(u16 family)
{
	switch (family) {
	case AF_INET:
		return &vrrp_af_inet;
	case AF_INET6:
		return &vrrp_af_inet6;
	}
	return NULL;
}

/* For log lines, which print addresses of either family alike. */
const char *vrrp_addr_str(const struct vrrp_af *af, const void *addr,
			  char buf[VRRP_ADDR_STR_LEN])
{
	if (af->family == AF_INET)
		snprintf(buf, VRRP_ADDR_STR_LEN, "%pI4", addr);
	else
		snprintf(buf, VRRP_ADDR_STR_LEN, "%pI6c", addr);
	return buf;
}
