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

/*
 * From a receive hook, under RCU: the interface the packet came in on. On a
 * port of a VRF the stack has already handed the packet to the VRF device,
 * and keeps the port's index aside (@sdif, 0 otherwise).
 */
struct net_device *vrrp_af_rx_dev(const struct nf_hook_state *state,
				  int sdif)
{
	return sdif ? dev_get_by_index_rcu(state->net, sdif) : state->in;
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
