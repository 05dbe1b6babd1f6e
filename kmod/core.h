/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The protocol core (packet.c, fsm.c) builds both into the module and into
 * userspace unit tests and fuzzers. This shim is all it sees of either world:
 * fixed-width types, bool, memcpy/memcmp, size_t and the RFC 1071 checksum.
 */
#ifndef _VRRP_CORE_H
#define _VRRP_CORE_H

#ifdef __KERNEL__
#include <linux/types.h>
#include <linux/string.h>
#include <linux/in6.h>
#include <net/checksum.h>
#include <net/ip6_checksum.h>
#else
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef uint8_t u8;
typedef uint16_t u16;
typedef uint32_t u32;
typedef uint64_t u64;
typedef int16_t s16;
typedef int64_t s64;
#endif

/*
 * Checksums, as the kernel computes them: vrrp_csum_partial() sums a buffer
 * into a 32-bit unfolded sum, vrrp_csum_fold() folds and complements it,
 * vrrp_csum_magic() does the same with the IPv4 or IPv6 pseudo-header
 * (@addr_len 4 or 16) added. A folded result of 0 means the checksum in the
 * summed data was right; vrrp_csum_put() stores one into a packet.
 *
 * The module uses the architecture's helpers, which sum 8 bytes at a time
 * rather than 1 (an advert can be 4 KB, and every one is checked; a flood
 * of junk ones too). Userspace gets a
 * portable copy: its 32-bit sums may differ from the kernel's (those are
 * in host byte order), but the 16 bits that reach the wire do not.
 */
#ifdef __KERNEL__
static inline __wsum vrrp_csum_partial(const void *buf, size_t len,
				       __wsum sum)
{
	return csum_partial(buf, (int)len, sum);
}

static inline __sum16 vrrp_csum_fold(__wsum sum)
{
	return csum_fold(sum);
}

/* The addresses are copied: a u8 pointer promises no alignment. */
static inline __sum16 vrrp_csum_magic(const u8 *saddr, const u8 *daddr,
				      u8 addr_len, u32 len, u8 proto,
				      __wsum sum)
{
	struct in6_addr s6, d6;
	__be32 s4, d4;

	if (addr_len == 4) {
		memcpy(&s4, saddr, sizeof(s4));
		memcpy(&d4, daddr, sizeof(d4));
		return csum_tcpudp_magic(s4, d4, len, proto, sum);
	}
	memcpy(&s6, saddr, sizeof(s6));
	memcpy(&d6, daddr, sizeof(d6));
	return csum_ipv6_magic(&s6, &d6, len, proto, sum);
}

static inline bool vrrp_csum_is_zero(__sum16 csum)
{
	return !(__force u16)csum;
}

/* A __sum16 is already in network byte order. */
static inline void vrrp_csum_put(u8 *p, __sum16 csum)
{
	memcpy(p, &csum, sizeof(csum));
}
#else
/*
 * The kernel's names, but plain integers: sums of big-endian 16-bit words,
 * so the result is the same on any host. <linux/types.h> has the same
 * typedefs, which C11 allows to be repeated.
 */
typedef u32 __wsum;
typedef u16 __sum16;

/* End-around carry: a one's complement sum keeps every carry out. */
static inline __wsum vrrp_csum_from64(u64 sum)
{
	sum = (sum & 0xffffffff) + (sum >> 32);
	sum = (sum & 0xffffffff) + (sum >> 32);
	return (__wsum)sum;
}

static inline __wsum vrrp_csum_partial(const void *buf, size_t len,
				       __wsum sum)
{
	const u8 *p = buf;
	u64 acc = sum;
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		acc += (u32)p[i] << 8 | p[i + 1];
	/* An odd last byte is the high half of a word padded with zero. */
	if (len & 1)
		acc += (u32)p[len - 1] << 8;
	return vrrp_csum_from64(acc);
}

/* Two steps: the first can carry into bit 16 again (0xffff + 0xffff). */
static inline __sum16 vrrp_csum_fold(__wsum sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (__sum16)~sum;
}

/*
 * RFC 791 and RFC 8200 8.1 pseudo-headers differ in layout but add up to
 * the same: both addresses, the 32-bit length and the protocol.
 */
static inline __sum16 vrrp_csum_magic(const u8 *saddr, const u8 *daddr,
				      u8 addr_len, u32 len, u8 proto,
				      __wsum sum)
{
	size_t n = addr_len == 4 ? 4 : 16;
	u64 acc = sum;

	acc += vrrp_csum_partial(saddr, n, 0);
	acc += vrrp_csum_partial(daddr, n, 0);
	acc += (len >> 16) + (len & 0xffff) + proto;
	return vrrp_csum_fold(vrrp_csum_from64(acc));
}

static inline bool vrrp_csum_is_zero(__sum16 csum)
{
	return !csum;
}

static inline void vrrp_csum_put(u8 *p, __sum16 csum)
{
	p[0] = (u8)(csum >> 8);
	p[1] = (u8)csum;
}
#endif

#endif /* _VRRP_CORE_H */
