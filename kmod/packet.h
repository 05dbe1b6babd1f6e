/* SPDX-License-Identifier: GPL-2.0 */
#ifndef _VRRP_PACKET_H
#define _VRRP_PACKET_H

#include "core.h"

#define VRRP_IPPROTO		112
#define VRRP_TTL		255
#define VRRP_HDR_LEN		8
#define VRRP_TYPE_ADVERT	1
#define VRRP_MAX_INTERVAL_CS	4095
#define VRRP_MAX_ADDRS		255	/* Count IPvX Addr is 8 bits */
#define VRRP_AUTH_LEN		8	/* v2 only (RFC 3768 5.3.10) */

/*
 * The longest legal advert message: 255 addresses (8 + 255 * 16 = 4088
 * bytes for IPv6). A receiver need look at no more than this, padding
 * aside; a constant expression, so it can size a buffer.
 */
#define VRRP_PKT_MAX_LEN(version, addr_len)				\
	(VRRP_HDR_LEN + VRRP_MAX_ADDRS * (addr_len) +			\
	 ((version) == 2 ? VRRP_AUTH_LEN : 0))

/*
 * What the checksum covers. v2 (RFC 3768 5.3.8): the message. v3 over
 * IPv6: message and pseudo-header. v3 over IPv4 is ambiguous: RFC 5798
 * was read by most implementations as including the IPv4 pseudo-header,
 * RFC 9568 5.2.8 says the message only.
 */
enum vrrp_csum_mode {
	VRRP_CSUM_PSEUDO,	/* message and pseudo-header */
	VRRP_CSUM_MESSAGE,	/* message only (RFC 9568 for IPv4) */
	VRRP_CSUM_EITHER,	/* send with pseudo-header, accept both */
};

/* The addresses a checksum's pseudo-header is made of, 4 or 16 bytes each. */
struct vrrp_pseudo {
	const u8 *saddr;
	const u8 *daddr;
	u8 addr_len;
};

/* One advertisement, decoded or to encode; addrs points into the packet. */
struct vrrp_advert {
	u8 version;
	u8 vrid;
	u8 priority;
	u8 naddrs;
	u16 interval_cs;
	u8 addr_len;
	const u8 *addrs;
};

/* Why vrrp_pkt_decode() refused a packet; each one is a drop counter. */
enum vrrp_pkt_error {
	VRRP_PKT_OK,
	VRRP_PKT_ELENGTH,
	VRRP_PKT_EVERSION,
	VRRP_PKT_ETYPE,
	VRRP_PKT_EADDRCOUNT,
	VRRP_PKT_ECHECKSUM,
	VRRP_PKT_EINTERVAL,
	VRRP_PKT_ELINKLOCAL,
	VRRP_PKT_ECSUMFORM,	/* right in the form the mode refuses */
	VRRP_PKT_EAUTH,		/* v2: an authentication type */
};

size_t vrrp_pkt_len(u8 version, u8 naddrs, u8 addr_len);
int vrrp_pkt_peek_vrid(const u8 *buf, size_t len);
enum vrrp_pkt_error vrrp_pkt_decode(const u8 *buf, size_t len, u8 version,
				    u8 addr_len, enum vrrp_csum_mode mode,
				    const struct vrrp_pseudo *ph,
				    struct vrrp_advert *adv);
size_t vrrp_pkt_encode(u8 *buf, size_t size, const struct vrrp_advert *adv,
		       enum vrrp_csum_mode mode, const struct vrrp_pseudo *ph);
bool vrrp_pkt_addrs_equal(const struct vrrp_advert *adv, const u8 *addrs,
			  u8 naddrs);

static inline size_t vrrp_pkt_max_len(u8 version, u8 addr_len)
{
	return VRRP_PKT_MAX_LEN(version, (size_t)addr_len);
}

#endif /* _VRRP_PACKET_H */
