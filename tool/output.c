// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>

#include <linux/vrrp.h>

#include "output.h"

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

/* The RFC's "active" is "master" here: it is what operators search for. */
static const char *const state_names[] = {
	[VRRP_STATE_INIT] = "init",
	[VRRP_STATE_BACKUP] = "backup",
	[VRRP_STATE_ACTIVE] = "master",
	[VRRP_STATE_FAULT] = "fault",
};

static const char *const reason_names[] = {
	[VRRP_REASON_NONE] = "none",
	[VRRP_REASON_STARTUP] = "startup",
	[VRRP_REASON_OWNER] = "owner",
	[VRRP_REASON_DOWN_TIMER] = "down-timer",
	[VRRP_REASON_PRIORITY_ZERO] = "priority-zero",
	[VRRP_REASON_PREEMPTED] = "preempted",
	[VRRP_REASON_LINK_DOWN] = "link-down",
	[VRRP_REASON_SHUTDOWN] = "shutdown",
	[VRRP_REASON_TRACK] = "track",
	[VRRP_REASON_TRACK_DEV] = "track-dev",
	[VRRP_REASON_GROUP] = "group",
};

static const char *const stat_names[] = {
	[VRRP_STAT_ADVERT_TX] = "adverts_tx",
	[VRRP_STAT_ADVERT_RX] = "adverts_rx",
	[VRRP_STAT_BECAME_ACTIVE] = "became_master",
	[VRRP_STAT_PRIO0_TX] = "prio0_tx",
	[VRRP_STAT_PRIO0_RX] = "prio0_rx",
	[VRRP_STAT_DROP_TTL] = "drop_ttl",
	[VRRP_STAT_DROP_VERSION] = "drop_version",
	[VRRP_STAT_DROP_TYPE] = "drop_type",
	[VRRP_STAT_DROP_LENGTH] = "drop_length",
	[VRRP_STAT_DROP_CHECKSUM] = "drop_checksum",
	[VRRP_STAT_DROP_VRID] = "drop_vrid",
	[VRRP_STAT_DROP_ADDR_LIST] = "drop_addr_list",
	[VRRP_STAT_DROP_INTERVAL] = "drop_interval",
	[VRRP_STAT_INTERVAL_MISMATCH] = "interval_mismatch",
	[VRRP_STAT_ADDR_LIST_MISMATCH] = "addr_list_mismatch",
	[VRRP_STAT_GARP_TX] = "garp_tx",
	[VRRP_STAT_VIP_RESTORED] = "vip_restored",
	[VRRP_STAT_MC_JOIN_FAILED] = "mc_join_failed",
	[VRRP_STAT_LOG_SUPPRESSED] = "log_suppressed",
	[VRRP_STAT_ADVERT_LATE_MAX_US] = "advert_late_max_us",
	[VRRP_STAT_ADVERT_LATE_100US] = "advert_late_lt_100us",
	[VRRP_STAT_ADVERT_LATE_1MS] = "advert_late_lt_1ms",
	[VRRP_STAT_ADVERT_LATE_10MS] = "advert_late_lt_10ms",
	[VRRP_STAT_ADVERT_LATE_100MS] = "advert_late_lt_100ms",
	[VRRP_STAT_ADVERT_LATE_MORE] = "advert_late_ge_100ms",
	[VRRP_STAT_ADVERT_MISSED] = "advert_missed",
	[VRRP_STAT_DOWN_LATE_MAX_US] = "down_late_max_us",
	[VRRP_STAT_ADVERT_IRQ_LATE_MAX_US] = "advert_irq_late_max_us",
	[VRRP_STAT_TIMER_DEFERRED] = "timer_deferred",
	[VRRP_STAT_DROP_NOT_LINK_LOCAL] = "drop_not_link_local",
	[VRRP_STAT_DROP_DEST] = "drop_dest",
	[VRRP_STAT_DROP_CHECKSUM_FORM] = "drop_checksum_form",
	[VRRP_STAT_DROP_AUTH] = "drop_auth",
	[VRRP_STAT_DROP_OWNER] = "drop_owner",
	[VRRP_STAT_DROP_PEER] = "drop_peer",
};

static const char *lookup(const char *const *names, size_t n, unsigned int v)
{
	return v < n ? names[v] : NULL;
}

const char *state_name(unsigned int state)
{
	const char *s = lookup(state_names, ARRAY_SIZE(state_names), state);

	return s ? s : "unknown";
}

const char *reason_name(unsigned int reason)
{
	const char *s = lookup(reason_names, ARRAY_SIZE(reason_names), reason);

	return s ? s : "unknown";
}

const char *stat_name(unsigned int id)
{
	return lookup(stat_names, ARRAY_SIZE(stat_names), id);
}
