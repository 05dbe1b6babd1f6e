/* SPDX-License-Identifier: (GPL-2.0 WITH Linux-syscall-note) OR MIT */
/*
 * Documentation
 * =============
 *
 * The generic netlink family VRRP_GENL_NAME, version VRRP_GENL_VERSION,
 * configures VRRP instances inside the kernel (vrrp.ko) and reports their
 * state. It is network-namespace aware: every command acts on the namespace
 * of the socket that sent it. Commands that change anything need
 * CAP_NET_ADMIN in that namespace.
 *
 * An instance is named by the triple (VRRP_A_IFINDEX, VRRP_A_FAMILY,
 * VRRP_A_VRID). VRRP_A_FAMILY is AF_INET (the default) or AF_INET6: an
 * IPv4 and an IPv6 instance with the same VRID on one interface are two
 * independent virtual routers. Every rejection carries an extack message
 * and, where one attribute is to blame, points at it.
 *
 * Nested attributes sent to the kernel (VRRP_A_VIPS and each VRRP_VIP_A)
 * must carry NLA_F_NESTED. VRRP_STAT_PAD and VRRP_A_PAD only pad 64-bit
 * values and carry nothing.
 *
 * VRRP_CMD_NEW_INSTANCE (NLM_F_REQUEST)
 *    Required: VRRP_A_IFINDEX (NLA_U32), VRRP_A_VRID (NLA_U8, 1..255),
 *              VRRP_A_VIPS (NLA_NESTED, at least one VRRP_VIP_A entry)
 *    Optional: VRRP_A_FAMILY (NLA_U16, AF_INET or AF_INET6),
 *              VRRP_A_VERSION (NLA_U8, 3, or 2 for AF_INET: RFC 3768,
 *              intervals in whole seconds), VRRP_A_CHECKSUM (NLA_U8, enum
 *              vrrp_checksum, default VRRP_CHECKSUM_EITHER; VRRPv3 over
 *              IPv4 only: IPv6 always includes the pseudo-header, VRRPv2
 *              never), VRRP_A_PRIORITY (NLA_U8, 1..255, default 100; 255
 *              means the address owner), VRRP_A_INTERVAL_MS (NLA_U32,
 *              multiple of 10 in 10..40950, default 1000; VRRPv2: a
 *              multiple of 1000 up to 40000), VRRP_A_PREEMPT (NLA_U8 0/1,
 *              default 1), VRRP_A_PREEMPT_DELAY_MS (NLA_U32, <= 3600000,
 *              default 0), VRRP_A_ACCEPT (NLA_U8, default 1: the master
 *              accepts packets to its VIPs; 0: a master that is not the
 *              owner drops them, ARP and IPv6 neighbor discovery aside,
 *              RFC 9568 6.4.3),
 *              VRRP_A_GARP_COUNT (NLA_U32, 1..100, default 5: gratuitous
 *              ARPs per VIP on becoming active), VRRP_A_GARP_INTERVAL_MS
 *              (NLA_U32, <= 10000, default 0: time between two of them),
 *              VRRP_A_GARP_DELAY_MS (NLA_U32, <= 3600000, default 5000:
 *              a second set of VRRP_A_GARP_COUNT that long after the last
 *              ARP of the first, 0: none), VRRP_A_GARP_REFRESH_MS (NLA_U32, 0 or 1000..3600000,
 *              default 0: while active, one more gratuitous ARP per VIP
 *              this often), VRRP_A_TRACKS (NLA_NESTED, see Tracking),
 *              VRRP_A_GROUP (NLA_NUL_STRING, a sync group's name, see
 *              Sync groups; in SET, "" takes the instance out of its group),
 *              VRRP_A_PEERS (NLA_NESTED of VRRP_PEER_A, up to
 *              VRRP_MAX_PEERS unicast addresses of the family: see
 *              Unicast), VRRP_A_SOURCE (binary, 4 or 16 bytes: the
 *              address adverts leave from instead of the primary one; it
 *              must be on the interface for the instance to run; in SET,
 *              0 bytes go back to the primary address), VRRP_A_VMAC
 *              (NLA_U8, default 0; 1: virtual MAC mode, Ethernet
 *              interfaces only: while active, the instance is reached at
 *              00:00:5e:00:01:VRID, 00:00:5e:00:02:VRID for AF_INET6, its
 *              adverts and the ARP and neighbor discovery packets about
 *              its VIPs leave from that address, RFC 9568 7.3),
 *              VRRP_A_ROUTES (NLA_NESTED of VRRP_ROUTE_A, up to
 *              VRRP_MAX_ROUTES: see Virtual routes), VRRP_A_NAME
 *              (NLA_NUL_STRING, below VRRP_NAME_MAX bytes of printable
 *              ASCII without blanks: the instance's name, keepalived's
 *              "VI_1", in its log lines and events; "" in SET removes it)
 *    Fails with EEXIST if the instance exists, ENODEV for an unknown
 *    interface, EBUSY for an interface that is a port of another (a bridge
 *    or bond port: VRRP runs on the master device).
 *
 * Range checks are in the family's policy (introspectable with the genl
 * controller): a value out of range is refused by the policy, with the
 * extack pointing at the attribute (NLMSGERR_ATTR_OFFS) and its range
 * (NLMSGERR_ATTR_POLICY); a missing required attribute is named by
 * NLMSGERR_ATTR_MISS_TYPE, with no text. Checks a policy cannot express
 * carry a message that starts with the attribute's vrrpadm keyword
 * ("interval: ...", "dev: ..." for VRRP_A_IFINDEX, "vip: ...").
 *
 * VRRP_CMD_SET_INSTANCE (NLM_F_REQUEST)
 *    Required: VRRP_A_IFINDEX, VRRP_A_VRID. Optional: every optional
 *    attribute of NEW, and VRRP_A_VIPS, which replaces the whole list.
 *    Absent attributes keep their value. Fails with ENOENT if the instance
 *    does not exist. The request is checked whole before anything changes.
 *
 * VRRP_CMD_DEL_INSTANCE (NLM_F_REQUEST)
 *    Required: VRRP_A_IFINDEX, VRRP_A_VRID. An active (master) instance sends
 *    an advertisement with priority 0 and removes its virtual addresses
 *    before the reply is sent.
 *
 * VRRP_CMD_GET_INSTANCE (NLM_F_REQUEST, or NLM_F_REQUEST | NLM_F_DUMP)
 *    Without NLM_F_DUMP: VRRP_A_IFINDEX and VRRP_A_VRID are required and one
 *    message comes back. With NLM_F_DUMP: VRRP_A_IFINDEX optionally limits
 *    the dump to one interface; one message per instance, in order of
 *    (ifindex, family, vrid). Each message holds:
 *
 *    VRRP_A_IFINDEX: NLA_U32
 *    VRRP_A_IFNAME: NLA_NUL_STRING
 *    VRRP_A_FAMILY: NLA_U16
 *    VRRP_A_VRID: NLA_U8
 *    VRRP_A_VERSION: NLA_U8
 *    VRRP_A_STATE: NLA_U8, enum vrrp_state
 *    VRRP_A_PRIORITY: NLA_U8 (configured)
 *    VRRP_A_INTERVAL_MS: NLA_U32 (configured)
 *    VRRP_A_ACTIVE_INTERVAL_MS: NLA_U32 (learned from the master, RFC 9568
 *                               Active_Adver_Interval)
 *    VRRP_A_PREEMPT: NLA_U8
 *    VRRP_A_PREEMPT_DELAY_MS: NLA_U32
 *    VRRP_A_ACCEPT: NLA_U8
 *    VRRP_A_GARP_COUNT: NLA_U32
 *    VRRP_A_GARP_INTERVAL_MS: NLA_U32
 *    VRRP_A_GARP_DELAY_MS: NLA_U32
 *    VRRP_A_GARP_REFRESH_MS: NLA_U32
 *    VRRP_A_ACTIVE_ADDR: binary, 4 or 16 bytes (network order): the
 *                        master's address; absent until one is known
 *    VRRP_A_PRIMARY_ADDR: binary, 4 or 16 bytes: the address adverts are
 *                         sent from (IPv6: the interface's link-local
 *                         address); absent without one
 *    VRRP_A_CHECKSUM: NLA_U8, VRRPv3 over IPv4 only
 *    VRRP_A_VIPS: NLA_NESTED
 *        VRRP_VIP_A (NLA_NESTED), one per virtual address:
 *            VRRP_VIP_A_ADDR: binary, 4 bytes (network order), 16 for
 *                             AF_INET6, whose first VIP must be
 *                             link-local (fe80::/10, RFC 9568 5.2.9)
 *            VRRP_VIP_A_PREFIXLEN: NLA_U8, default 32 (128) on input
 *            VRRP_VIP_A_EXCLUDED: NLA_FLAG, the address is held by the
 *                                 master like the others but left out of
 *                                 the adverts (keepalived's
 *                                 virtual_ipaddress_excluded); at least
 *                                 one VIP must be advertised, and the
 *                                 dump lists the advertised ones first
 *            VRRP_VIP_A_IFINDEX: NLA_U32, the address goes on this
 *                                interface of the namespace instead of
 *                                the instance's (keepalived's "dev"); not
 *                                for the first VIP of AF_INET6; absent in
 *                                the dump for the instance's own
 *            VRRP_VIP_A_LABEL: NLA_NUL_STRING, AF_INET: the address's
 *                              label (IFA_LABEL, below IFNAMSIZ)
 *            VRRP_VIP_A_SCOPE: NLA_U8, AF_INET: the address's scope
 *                              (RT_SCOPE_*, default RT_SCOPE_UNIVERSE)
 *    VRRP_A_STATS: NLA_NESTED of NLA_U64, enum vrrp_stat
 *    VRRP_A_EFFECTIVE_PRIORITY: NLA_U8, the priority adverts carry (see
 *                               Tracking)
 *    VRRP_A_REASON: NLA_U8, why the instance is in its state (the reason
 *                   of its last state change)
 *    VRRP_A_TRACKS: NLA_NESTED, present when the instance tracks anything:
 *        VRRP_TRACK_A (NLA_NESTED), one per tracked object or interface:
 *            VRRP_TRACK_A_NAME: NLA_NUL_STRING, a health object's name, or
 *            VRRP_TRACK_A_IFNAME: NLA_NUL_STRING, an interface's name, and
 *            VRRP_TRACK_A_IFINDEX: NLA_U32, if it exists now
 *            VRRP_TRACK_A_WEIGHT: NLA_S32, absent without a weight
 *            VRRP_TRACK_A_STATE: NLA_U8, enum vrrp_track_state
 *            VRRP_TRACK_A_VALUE: NLA_S32, a health object's value, if set
 *    VRRP_A_GROUP: NLA_NUL_STRING, the sync group, if any
 *    VRRP_A_PEERS: NLA_NESTED of VRRP_PEER_A, if unicast
 *    VRRP_A_SOURCE: binary, if set
 *    VRRP_A_VMAC: NLA_U8
 *    VRRP_A_ROUTES: NLA_NESTED of VRRP_ROUTE_A, if any
 *    VRRP_A_NAME: NLA_NUL_STRING, if the instance has a name (also in
 *                 every event about it)
 *    VRRP_A_ACTIVE_PRIORITY: NLA_U8, the priority the master advertises:
 *                            our effective one when active, the last
 *                            advert's of the master we follow when backup;
 *                            absent otherwise
 *    VRRP_A_STATE_AGE_MS: NLA_U64, how long ago the instance entered its
 *                         state (VRRP_A_REASON says why)
 *
 * VRRP_CMD_GET_NETSTATS (NLM_F_REQUEST)
 *    No attributes. Returns VRRP_A_STATS with the counters of packets that
 *    no instance could be found for (VRRP_STAT_DROP_VRID,
 *    VRRP_STAT_DROP_LENGTH): such packets are counted and left to the rest
 *    of the stack, so other VRRP software on the same host still gets them.
 *
 * Unicast
 * -------
 *
 * With VRRP_A_PEERS (in SET it replaces the list; an empty one goes back
 * to multicast), adverts go to each peer by unicast instead of to the
 * group, and only adverts whose source is a peer are taken: any other is
 * dropped and counted (VRRP_STAT_DROP_PEER), whatever its priority. For
 * networks that carry no multicast (clouds). Without peers, adverts not
 * sent to the group are dropped (VRRP_STAT_DROP_DEST).
 *
 * Virtual routes
 * --------------
 *
 * VRRP_A_ROUTES (in SET it replaces the list; an empty one removes them
 * all) holds routes of the instance's family that the active router adds
 * to the main table (the VRF's, for an interface enslaved to one) after
 * its VIPs and removes before them: keepalived's virtual_routes. They
 * carry rtm_protocol VRRP_IFA_PROTO, and only such routes are removed.
 * Each VRRP_ROUTE_A nest:
 *    VRRP_ROUTE_A_DST: binary, 4 or 16 bytes, required: the destination,
 *                      its host bits zero
 *    VRRP_ROUTE_A_PREFIXLEN: NLA_U8, default 32 (128)
 *    VRRP_ROUTE_A_GATEWAY: binary, 4 or 16 bytes: the next hop, if any
 *    VRRP_ROUTE_A_IFINDEX: NLA_U32: the interface; without it and without
 *                          a gateway, the instance's
 * The dump gives each route as configured. A route the kernel refuses
 * (an unreachable gateway, an interface gone) is logged, rate-limited, and
 * tried again on the next state change.
 *
 * Tracking
 * --------
 *
 * An instance may track health objects (VRRP_CMD_NEW_TRACK: named states
 * that userspace health checks set up or down) and interfaces (up and with
 * carrier, or not). VRRP_A_TRACKS in NEW or SET holds up to VRRP_MAX_TRACKS
 * VRRP_TRACK_A nests, each with VRRP_TRACK_A_NAME (an existing health
 * object of the namespace) or VRRP_TRACK_A_IFINDEX (an existing interface,
 * tracked by its name from then on: one deleted is down, one created again
 * under the name is tracked again), and optionally VRRP_TRACK_A_WEIGHT
 * (NLA_S32, -253..253, not 0). In SET it replaces the whole list, and an
 * empty VRRP_A_TRACKS tracks nothing. keepalived's rules:
 *
 *  - without a weight, a down object or interface puts the instance in
 *    VRRP_STATE_FAULT: no VIPs, no adverts; an active one sends priority 0
 *    first. It starts again (RFC 9568 Startup) when nothing keeps it there;
 *  - a negative weight is added to the priority while the object is down,
 *    a positive one while it is up;
 *  - a health object with a value (VRRP_A_TRACK_VALUE, keepalived's
 *    track_file) counts, while up, value times weight, and puts the
 *    instance in fault if that is -254 or less; without a weight, while
 *    the value is not 0. A down object counts as down whatever its value.
 *
 * The effective priority is the configured one plus those weights, within
 * 1..254; an owner's 255 stays 255. It is in the next advert, and an
 * active router that lost priority sends one at once. The state-change
 * event and the kernel log give VRRP_REASON_TRACK or _TRACK_DEV for
 * changes that tracking caused.
 *
 * Sync groups
 * -----------
 *
 * Instances with the same VRRP_A_GROUP in a namespace (created when first
 * named, gone with its last member; names as for health objects) are
 * active together or not at all, keepalived's vrrp_sync_group: when one
 * leaves Active by itself (preempted, fault, link down), every other
 * active member becomes Backup and sends priority 0; no member becomes
 * active (down timer, owner) while another is in init or fault or heeds
 * a better master; when one becomes active, the other members that are
 * Backup follow. Changes a group makes carry VRRP_REASON_GROUP. Deleting a
 * member takes it out of its group first.
 *
 * VRRP_CMD_NEW_TRACK (NLM_F_REQUEST)
 *    Required: VRRP_A_TRACK_NAME (NLA_NUL_STRING, 1..VRRP_TRACK_NAME_MAX - 1
 *              bytes, printable, no space or "/").
 *    Optional: VRRP_A_TRACK_STATE (NLA_U8, default VRRP_TRACK_UP),
 *              VRRP_A_TRACK_VALUE (NLA_S32, -254..254: makes it a value
 *              object), VRRP_A_TRACK_LEASE_MS (NLA_U32, <= 3600000, default
 *              0: none; otherwise the object goes down unless a SET comes
 *              within that time, so that a health checker that dies takes
 *              its object down with it)
 *    Fails with EEXIST if the name is taken in this namespace.
 *
 * VRRP_CMD_SET_TRACK (NLM_F_REQUEST)
 *    Required: VRRP_A_TRACK_NAME. Optional: the same as NEW; absent ones
 *    keep their value. Every SET renews the lease. ENOENT if unknown.
 *
 * VRRP_CMD_DEL_TRACK (NLM_F_REQUEST)
 *    Required: VRRP_A_TRACK_NAME. EBUSY while an instance tracks it.
 *
 * VRRP_CMD_GET_TRACK (NLM_F_REQUEST, or NLM_F_REQUEST | NLM_F_DUMP)
 *    Without NLM_F_DUMP, VRRP_A_TRACK_NAME is required. Each message:
 *    VRRP_A_TRACK_NAME, VRRP_A_TRACK_STATE, VRRP_A_TRACK_USERS (NLA_U32:
 *    instances that track it), VRRP_A_TRACK_LEASE_MS, and
 *    VRRP_A_TRACK_VALUE if it has one. A dump is in order of name.
 *
 * VRRP_CMD_NEW_TRACK, VRRP_CMD_SET_TRACK, VRRP_CMD_DEL_TRACK (multicast,
 * group VRRP_MCGRP_EVENTS)
 *    A health object created, changed (its state or value: not a SET that
 *    only renewed the lease) or deleted: the attributes of a GET reply
 *    (DEL: VRRP_A_TRACK_NAME only).
 *
 * VRRP_CMD_STATE_CHANGE (multicast, group VRRP_MCGRP_EVENTS)
 *    Sent on every state change: VRRP_A_IFINDEX, VRRP_A_IFNAME,
 *    VRRP_A_FAMILY, VRRP_A_VRID, VRRP_A_OLD_STATE (NLA_U8),
 *    VRRP_A_STATE (NLA_U8), VRRP_A_REASON (NLA_U8, enum vrrp_reason),
 *    VRRP_A_PRIORITY (the effective priority), VRRP_A_ACTIVE_ADDR
 *    when known, and VRRP_A_NAME if it has one. On module unload
 *    every instance reports its last change (reason VRRP_REASON_SHUTDOWN)
 *    before the family goes away.
 *
 * VRRP_CMD_NEW_INSTANCE, VRRP_CMD_SET_INSTANCE (multicast, group
 * VRRP_MCGRP_EVENTS)
 *    Sent when an instance is created or reconfigured (every accepted SET,
 *    even one that changes nothing), by whoever did it: the same
 *    attributes as a VRRP_CMD_GET_INSTANCE reply, counters included. A
 *    NEW event follows the instance's first state change (init -> backup
 *    or master), which happens while it is created.
 *
 * VRRP_CMD_DEL_INSTANCE (multicast, group VRRP_MCGRP_EVENTS)
 *    Sent when an instance is gone (deleted, its interface unregistered or
 *    moved away, its namespace deleted, the module unloaded):
 *    VRRP_A_IFINDEX, VRRP_A_IFNAME, VRRP_A_FAMILY, VRRP_A_VRID,
 *    VRRP_A_NAME if it has one, and
 *    VRRP_A_REASON: VRRP_REASON_SHUTDOWN when deleted or unloaded,
 *    VRRP_REASON_LINK_DOWN when its interface went away or left the
 *    namespace (which is also what deleting the namespace does).
 */

#ifndef _UAPI_LINUX_VRRP_H
#define _UAPI_LINUX_VRRP_H

#define VRRP_GENL_NAME		"vrrp"
#define VRRP_GENL_VERSION	1
#define VRRP_MCGRP_EVENTS	"events"

#define VRRP_MAX_VIPS			255
#define VRRP_PRIORITY_OWNER		255
#define VRRP_PRIORITY_DEFAULT		100
#define VRRP_INTERVAL_MS_DEFAULT	1000
#define VRRP_INTERVAL_MS_MIN		10
#define VRRP_INTERVAL_MS_MAX		40950
#define VRRP_PREEMPT_DELAY_MS_MAX	3600000
#define VRRP_GARP_COUNT_DEFAULT		5
#define VRRP_GARP_COUNT_MAX		100
#define VRRP_GARP_INTERVAL_MS_MAX	10000
#define VRRP_GARP_DELAY_MS_DEFAULT	5000
#define VRRP_GARP_DELAY_MS_MAX		3600000
#define VRRP_GARP_REFRESH_MS_MIN	1000
#define VRRP_GARP_REFRESH_MS_MAX	3600000
#define VRRP_TRACK_NAME_MAX		32	/* with the NUL */
#define VRRP_MAX_TRACKS			32	/* per instance */
#define VRRP_TRACK_WEIGHT_MAX		253
#define VRRP_TRACK_VALUE_MAX		254
#define VRRP_TRACK_LEASE_MS_MAX		3600000
#define VRRP_MAX_PEERS			64
#define VRRP_MAX_ROUTES			64
#define VRRP_NAME_MAX			32	/* with the NUL */

/* Addresses the module adds carry this IFA_PROTO, so `ip addr` shows them. */
#define VRRP_IFA_PROTO			112

enum vrrp_cmd {
	VRRP_CMD_UNSPEC,
	VRRP_CMD_NEW_INSTANCE,
	VRRP_CMD_SET_INSTANCE,
	VRRP_CMD_DEL_INSTANCE,
	VRRP_CMD_GET_INSTANCE,
	VRRP_CMD_GET_NETSTATS,
	VRRP_CMD_STATE_CHANGE,
	VRRP_CMD_NEW_TRACK,
	VRRP_CMD_SET_TRACK,
	VRRP_CMD_DEL_TRACK,
	VRRP_CMD_GET_TRACK,
	__VRRP_CMD_MAX
};
#define VRRP_CMD_MAX (__VRRP_CMD_MAX - 1)

enum vrrp_attr {
	VRRP_A_UNSPEC,
	VRRP_A_IFINDEX,
	VRRP_A_IFNAME,
	VRRP_A_FAMILY,
	VRRP_A_VRID,
	VRRP_A_VERSION,
	VRRP_A_STATE,
	VRRP_A_OLD_STATE,
	VRRP_A_REASON,
	VRRP_A_PRIORITY,
	VRRP_A_INTERVAL_MS,
	VRRP_A_ACTIVE_INTERVAL_MS,
	VRRP_A_PREEMPT,
	VRRP_A_PREEMPT_DELAY_MS,
	VRRP_A_ACCEPT,
	VRRP_A_GARP_COUNT,
	VRRP_A_GARP_INTERVAL_MS,
	VRRP_A_ACTIVE_ADDR,
	VRRP_A_PRIMARY_ADDR,
	VRRP_A_VIPS,
	VRRP_A_STATS,
	VRRP_A_PAD,
	VRRP_A_GARP_DELAY_MS,
	VRRP_A_GARP_REFRESH_MS,
	VRRP_A_EFFECTIVE_PRIORITY,
	VRRP_A_TRACKS,
	VRRP_A_TRACK_NAME,
	VRRP_A_TRACK_STATE,
	VRRP_A_TRACK_VALUE,
	VRRP_A_TRACK_LEASE_MS,
	VRRP_A_TRACK_USERS,
	VRRP_A_GROUP,
	VRRP_A_CHECKSUM,
	VRRP_A_PEERS,
	VRRP_A_SOURCE,
	VRRP_A_VMAC,
	VRRP_A_ROUTES,
	VRRP_A_NAME,
	VRRP_A_ACTIVE_PRIORITY,
	VRRP_A_STATE_AGE_MS,
	__VRRP_A_MAX
};
#define VRRP_A_MAX (__VRRP_A_MAX - 1)

/* VRRP_A_VIPS holds VRRP_VIP_A nests; inside each, enum vrrp_vip_attr. */
#define VRRP_VIP_A 1

enum vrrp_vip_attr {
	VRRP_VIP_A_UNSPEC,
	VRRP_VIP_A_ADDR,
	VRRP_VIP_A_PREFIXLEN,
	VRRP_VIP_A_EXCLUDED,
	VRRP_VIP_A_IFINDEX,
	VRRP_VIP_A_LABEL,
	VRRP_VIP_A_SCOPE,
	__VRRP_VIP_A_MAX
};
#define VRRP_VIP_A_MAX (__VRRP_VIP_A_MAX - 1)

/* VRRP_A_ROUTES holds VRRP_ROUTE_A nests; inside each, enum vrrp_route_attr. */
#define VRRP_ROUTE_A 1

enum vrrp_route_attr {
	VRRP_ROUTE_A_UNSPEC,
	VRRP_ROUTE_A_DST,
	VRRP_ROUTE_A_PREFIXLEN,
	VRRP_ROUTE_A_GATEWAY,
	VRRP_ROUTE_A_IFINDEX,
	__VRRP_ROUTE_A_MAX
};
#define VRRP_ROUTE_A_MAX (__VRRP_ROUTE_A_MAX - 1)

/* VRRP_A_PEERS holds VRRP_PEER_A attributes: addresses, 4 or 16 bytes. */
#define VRRP_PEER_A 1

/* VRRP_A_TRACKS holds VRRP_TRACK_A nests; inside each, enum vrrp_track_attr. */
#define VRRP_TRACK_A 1

enum vrrp_track_attr {
	VRRP_TRACK_A_UNSPEC,
	VRRP_TRACK_A_NAME,
	VRRP_TRACK_A_IFINDEX,
	VRRP_TRACK_A_IFNAME,
	VRRP_TRACK_A_WEIGHT,
	VRRP_TRACK_A_STATE,
	VRRP_TRACK_A_VALUE,
	__VRRP_TRACK_A_MAX
};
#define VRRP_TRACK_A_MAX (__VRRP_TRACK_A_MAX - 1)

/*
 * VRRP_A_CHECKSUM: what the checksum of a VRRPv3 advert over IPv4 covers.
 * RFC 5798 was read by keepalived, FRR, Wireshark and scapy as "the
 * message and the IPv4 pseudo-header", by others as "the message";
 * RFC 9568 5.2.8 settles on the message only.
 */
enum vrrp_checksum {
	VRRP_CHECKSUM_EITHER,		/* send with the pseudo-header, take both */
	VRRP_CHECKSUM_PSEUDO_HEADER,	/* send and take only that form */
	VRRP_CHECKSUM_RFC9568,		/* the message only, both ways */
	__VRRP_CHECKSUM_MAX
};

/* VRRP_A_TRACK_STATE and VRRP_TRACK_A_STATE. */
enum vrrp_track_state {
	VRRP_TRACK_DOWN,
	VRRP_TRACK_UP,
};

/*
 * RFC 9568 6.4, and fault: tracking keeps the instance out of the
 * protocol, as Initialize does, for a reason of this router's own.
 * "active" is what the tool calls master.
 */
enum vrrp_state {
	VRRP_STATE_INIT,
	VRRP_STATE_BACKUP,
	VRRP_STATE_ACTIVE,
	VRRP_STATE_FAULT,
	__VRRP_STATE_MAX
};

/* Why a state change happened, reported with every VRRP_CMD_STATE_CHANGE. */
enum vrrp_reason {
	VRRP_REASON_NONE,
	VRRP_REASON_STARTUP,		/* instance created or link back */
	VRRP_REASON_OWNER,		/* priority 255: active at once */
	VRRP_REASON_DOWN_TIMER,		/* no advert within Active_Down_Interval */
	VRRP_REASON_PRIORITY_ZERO,	/* the master left (priority 0) */
	VRRP_REASON_PREEMPTED,		/* an advert from a better router */
	VRRP_REASON_LINK_DOWN,		/* no carrier, no primary address, or deaf */
	VRRP_REASON_SHUTDOWN,		/* instance deleted or module unloaded */
	VRRP_REASON_TRACK,		/* a tracked health object: fault or back */
	VRRP_REASON_TRACK_DEV,		/* a tracked interface: fault or back */
	VRRP_REASON_GROUP,		/* its sync group moved it */
	__VRRP_REASON_MAX
};

/* Counters, each an NLA_U64 inside VRRP_A_STATS, typed by the enum. */
enum vrrp_stat {
	VRRP_STAT_UNSPEC,
	VRRP_STAT_ADVERT_TX,
	VRRP_STAT_ADVERT_RX,
	VRRP_STAT_BECAME_ACTIVE,
	VRRP_STAT_PRIO0_TX,
	VRRP_STAT_PRIO0_RX,
	VRRP_STAT_DROP_TTL,
	VRRP_STAT_DROP_VERSION,
	VRRP_STAT_DROP_TYPE,
	VRRP_STAT_DROP_LENGTH,
	VRRP_STAT_DROP_CHECKSUM,
	VRRP_STAT_DROP_VRID,
	VRRP_STAT_DROP_ADDR_LIST,	/* address count 0 (RFC 9568 erratum) */
	VRRP_STAT_DROP_INTERVAL,	/* max advert interval 0 */
	VRRP_STAT_INTERVAL_MISMATCH,	/* logged and counted, processed */
	VRRP_STAT_ADDR_LIST_MISMATCH,	/* logged and counted, processed */
	VRRP_STAT_PAD,
	VRRP_STAT_GARP_TX,		/* gratuitous ARPs sent */
	VRRP_STAT_VIP_RESTORED,		/* a VIP removed by hand, put back */
	VRRP_STAT_MC_JOIN_FAILED,	/* could not join 224.0.0.18 */
	VRRP_STAT_LOG_SUPPRESSED,	/* state-change log lines rate-limited */
	/*
	 * Timekeeping. Each advert sent by the advert timer is counted in one
	 * of five buckets by how long after its deadline it left; the _MAX_US
	 * entries are the largest lateness seen, in microseconds (maxima, not
	 * counters). ADVERT_MISSED counts deadlines that passed with no advert
	 * at all (a timer late by a whole interval or more). ADVERT_IRQ_LATE_MAX_US
	 * is the part of that lateness before the timer's interrupt came at
	 * all: time no handler can make up (interrupts off, a hypervisor that
	 * did not run the CPU); the rest is the kernel's own.
	 */
	VRRP_STAT_ADVERT_LATE_MAX_US,
	VRRP_STAT_ADVERT_LATE_100US,	/* under 100 us late */
	VRRP_STAT_ADVERT_LATE_1MS,	/* 100 us to under 1 ms */
	VRRP_STAT_ADVERT_LATE_10MS,	/* 1 ms to under 10 ms */
	VRRP_STAT_ADVERT_LATE_100MS,	/* 10 ms to under 100 ms */
	VRRP_STAT_ADVERT_LATE_MORE,	/* 100 ms or more */
	VRRP_STAT_ADVERT_MISSED,
	VRRP_STAT_DOWN_LATE_MAX_US,	/* a backup's takeover, vs its deadline */
	VRRP_STAT_ADVERT_IRQ_LATE_MAX_US,
	VRRP_STAT_TIMER_DEFERRED,	/* expiries left to a thread: CPU over budget */
	VRRP_STAT_DROP_NOT_LINK_LOCAL,	/* IPv6: first address not link-local */
	VRRP_STAT_DROP_DEST,		/* not sent to the group */
	VRRP_STAT_DROP_CHECKSUM_FORM,	/* right, in the form we do not take */
	VRRP_STAT_DROP_AUTH,		/* v2: an authentication type */
	VRRP_STAT_DROP_OWNER,		/* v2: we own the addresses */
	VRRP_STAT_DROP_PEER,		/* unicast: not from a peer */
	__VRRP_STAT_MAX
};
#define VRRP_STAT_MAX (__VRRP_STAT_MAX - 1)

#endif /* _UAPI_LINUX_VRRP_H */
