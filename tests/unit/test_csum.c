// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/core.h's userspace checksum: the module uses the kernel's helpers
 * instead, so this copy is only right if it gives the same 16 bits. It is
 * held against two references on random buffers, odd and even lengths,
 * odd and even addresses: RFC 1071 written out byte by byte, and a model
 * of the kernel's own generic helpers (lib/checksum.c, asm-generic and
 * net/ipv6/ip6_checksum.c of Linux 6.1), which sum host-order words.
 */

#include "core.h"
#include "unit.h"

/* RFC 1071, the slow way: big-endian words, folded until nothing carries. */
static u16 rfc1071(const u8 *buf, size_t len, const u8 *saddr,
		   const u8 *daddr, size_t alen, u32 plen, u8 proto)
{
	unsigned long long sum = 0;
	size_t i;

	for (i = 0; i < len; i++)
		sum += i % 2 ? buf[i] : (unsigned int)buf[i] << 8;
	for (i = 0; saddr && i < alen; i++) {
		sum += i % 2 ? saddr[i] : (unsigned int)saddr[i] << 8;
		sum += i % 2 ? daddr[i] : (unsigned int)daddr[i] << 8;
	}
	if (saddr)
		sum += (plen >> 16) + (plen & 0xffff) + proto;
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

/*
 * The kernel's generic helpers, as they run on this host: loads in host
 * byte order (memcpy stands in for the kernel's unaligned loads), and an
 * odd start address handled by swapping the result's bytes.
 */
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define K_LE 1
#else
#define K_LE 0
#endif

static u32 k_from32to16(u32 x)
{
	x = (x & 0xffff) + (x >> 16);
	x = (x & 0xffff) + (x >> 16);
	return x;
}

static u32 k_do_csum(const u8 *buff, int len)
{
	u32 result = 0;
	int odd;
	u16 h;
	u32 w;

	if (len <= 0)
		return 0;
	odd = 1 & (unsigned long)buff;
	if (odd) {
		result = K_LE ? (u32)*buff << 8 : *buff;
		len--;
		buff++;
	}
	if (len >= 2) {
		if (2 & (unsigned long)buff) {
			memcpy(&h, buff, 2);
			result += h;
			len -= 2;
			buff += 2;
		}
		if (len >= 4) {
			const u8 *end = buff + ((unsigned int)len & ~3u);
			u32 carry = 0;

			do {
				memcpy(&w, buff, 4);
				buff += 4;
				result += carry;
				result += w;
				carry = (w > result);
			} while (buff < end);
			result += carry;
			result = (result & 0xffff) + (result >> 16);
		}
		if (len & 2) {
			memcpy(&h, buff, 2);
			result += h;
			buff += 2;
		}
	}
	if (len & 1)
		result += K_LE ? *buff : (u32)*buff << 8;
	result = k_from32to16(result);
	if (odd)
		result = ((result >> 8) & 0xff) | ((result & 0xff) << 8);
	return result;
}

static u32 k_csum_partial(const void *buff, int len, u32 sum)
{
	u32 result = k_do_csum(buff, len);

	result += sum;
	if (sum > result)
		result += 1;
	return result;
}

static u16 k_csum_fold(u32 sum)
{
	sum = (sum & 0xffff) + (sum >> 16);
	sum = (sum & 0xffff) + (sum >> 16);
	return (u16)~sum;
}

static u32 k_from64to32(u64 x)
{
	x = (x & 0xffffffff) + (x >> 32);
	x = (x & 0xffffffff) + (x >> 32);
	return (u32)x;
}

static u32 k_be32(u32 x)
{
	return K_LE ? __builtin_bswap32(x) : x;
}

static u16 k_tcpudp_magic(const u8 *saddr, const u8 *daddr, u32 len, u8 proto,
			  u32 sum)
{
	u64 s = sum;
	u32 a, b;

	memcpy(&a, saddr, 4);
	memcpy(&b, daddr, 4);
	s += a;
	s += b;
	/* In 32 bits, as the kernel does: fine for IPv4 lengths. */
	s += K_LE ? (u32)((proto + len) << 8) : (u32)(proto + len);
	return k_csum_fold(k_from64to32(s));
}

static u32 k_add(u32 sum, u32 x)
{
	sum += x;
	return sum + (sum < x);
}

static u16 k_ipv6_magic(const u8 *saddr, const u8 *daddr, u32 len, u8 proto,
			u32 sum)
{
	u32 w;
	int i;

	for (i = 0; i < 4; i++) {
		memcpy(&w, saddr + 4 * i, 4);
		sum = k_add(sum, w);
	}
	for (i = 0; i < 4; i++) {
		memcpy(&w, daddr + 4 * i, 4);
		sum = k_add(sum, w);
	}
	sum = k_add(sum, k_be32(len));
	sum = k_add(sum, k_be32(proto));
	return k_csum_fold(sum);
}

/* A __sum16 as the kernel stores it: its bytes are the wire bytes. */
static u16 k_wire(u16 sum16)
{
	u8 b[2];

	memcpy(b, &sum16, 2);
	return (u16)(b[0] << 8 | b[1]);
}

/* The shim's result, as the bytes it puts on the wire. */
static u16 shim_wire(__sum16 csum)
{
	u8 b[2];

	vrrp_csum_put(b, csum);
	return (u16)(b[0] << 8 | b[1]);
}

/* xorshift64*, fixed seed: the same buffers every run. */
static u64 rng_state = 0x2545f4914f6cdd1dULL;

static u64 rnd(u64 n)
{
	rng_state ^= rng_state >> 12;
	rng_state ^= rng_state << 25;
	rng_state ^= rng_state >> 27;
	return (rng_state * 0x2545f4914f6cdd1dULL >> 11) % n;
}

/* Mostly random bytes, sometimes runs of 0xff or 0x00 to force carries. */
static void fill(u8 *buf, size_t len)
{
	int kind = (int)rnd(4);
	size_t i;

	for (i = 0; i < len; i++)
		buf[i] = kind == 0 ? 0xff : kind == 1 && rnd(2) ? 0 :
			 (u8)rnd(256);
}

#define MAXBUF	4200

/* Length, then start offset 0..3 into the allocation; 0 to 4200 bytes. */
static size_t rnd_len(void)
{
	switch (rnd(4)) {
	case 0:
		return (size_t)rnd(32);
	case 1:
		return (size_t)rnd(MAXBUF);
	default:
		return (size_t)rnd(600);
	}
}

TEST(fold_edges)
{
	static const u32 sums[] = {
		0, 1, 0xfffe, 0xffff, 0x10000, 0x1fffe, 0x1ffff, 0x2fffe,
		0xfffeffff, 0xffff0000, 0xffffffff, 0x8000ffff,
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(sums); i++) {
		unsigned long long s = sums[i];

		while (s >> 16)
			s = (s & 0xffff) + (s >> 16);
		CHECK_EQ(vrrp_csum_fold(sums[i]), (u16)~s);
		CHECK_EQ(shim_wire(vrrp_csum_fold(sums[i])),
			 k_wire(k_csum_fold(K_LE ? __builtin_bswap32(sums[i])
					    : sums[i])));
	}
}

TEST(fold_random)
{
	unsigned int i;
	u32 x;

	for (i = 0; i < 200000; i++) {
		unsigned long long s;

		x = (u32)rnd(1ULL << 32);
		s = x;
		while (s >> 16)
			s = (s & 0xffff) + (s >> 16);
		CHECK_EQ(vrrp_csum_fold(x), (u16)~s);
	}
}

TEST(message_matches_rfc1071)
{
	u8 *mem = malloc(MAXBUF + 4);
	unsigned int i;

	for (i = 0; i < 3000; i++) {
		size_t len = rnd_len(), off = (size_t)rnd(4);
		u8 *buf = mem + off;
		__sum16 got;

		fill(buf, len);
		got = vrrp_csum_fold(vrrp_csum_partial(buf, len, 0));
		if (shim_wire(got) != rfc1071(buf, len, NULL, NULL, 0, 0, 0)) {
			unit_fail("len %zu: %04x != %04x", len, shim_wire(got),
				  rfc1071(buf, len, NULL, NULL, 0, 0, 0));
			break;
		}
	}
	free(mem);
}

TEST(message_matches_kernel)
{
	u8 *mem = malloc(MAXBUF + 4);
	unsigned int i;

	for (i = 0; i < 3000; i++) {
		size_t len = rnd_len(), off = (size_t)rnd(4);
		u8 *buf = mem + off;
		u16 want;
		__sum16 got;

		fill(buf, len);
		got = vrrp_csum_fold(vrrp_csum_partial(buf, len, 0));
		want = k_wire(k_csum_fold(k_csum_partial(buf, (int)len, 0)));
		if (shim_wire(got) != want) {
			unit_fail("len %zu at +%zu: %04x != %04x", len, off,
				  shim_wire(got), want);
			break;
		}
	}
	free(mem);
}

/* The pseudo-header forms, with the length of the summed buffer. */
TEST(pseudo_matches_rfc1071_and_kernel)
{
	u8 *mem = malloc(MAXBUF + 4);
	u8 sa[16], da[16];
	unsigned int i;

	for (i = 0; i < 4000; i++) {
		size_t len = rnd_len(), off = (size_t)rnd(4);
		u8 alen = rnd(2) ? 4 : 16;
		u8 proto = rnd(2) ? 112 : (u8)rnd(256);
		u8 *buf = mem + off;
		__wsum msg;
		u16 got, ref, kern;

		fill(buf, len);
		fill(sa, sizeof(sa));
		fill(da, sizeof(da));
		msg = vrrp_csum_partial(buf, len, 0);
		got = shim_wire(vrrp_csum_magic(sa, da, alen, (u32)len, proto,
						msg));
		ref = rfc1071(buf, len, sa, da, alen, (u32)len, proto);
		msg = k_csum_partial(buf, (int)len, 0);
		kern = k_wire(alen == 4 ?
			      k_tcpudp_magic(sa, da, (u32)len, proto, msg) :
			      k_ipv6_magic(sa, da, (u32)len, proto, msg));
		if (got != ref || got != kern) {
			unit_fail("len %zu, alen %u: %04x, rfc %04x, kernel %04x",
				  len, alen, got, ref, kern);
			break;
		}
	}
	free(mem);
}

/* IPv6 lengths are 32 bits (jumbograms): both halves count. */
TEST(pseudo_length_32_bits)
{
	static const u32 lens[] = { 0x10000, 0x12345678, 0xffffffff, 0x404 };
	u8 sa[16], da[16];
	size_t i;

	fill(sa, sizeof(sa));
	fill(da, sizeof(da));
	for (i = 0; i < ARRAY_SIZE(lens); i++)
		CHECK_EQ(shim_wire(vrrp_csum_magic(sa, da, 16, lens[i], 112, 0)),
			 rfc1071(NULL, 0, sa, da, 16, lens[i], 112));
}

/* A running sum near 2^32 carries out of 32 bits; that carry is kept. */
TEST(partial_carries_out_of_32_bits)
{
	static const u32 seeds[] = { 0xffffffff, 0xfffffffe, 0xffff0000 };
	u8 buf[64];
	size_t i, len;

	for (i = 0; i < ARRAY_SIZE(seeds); i++) {
		for (len = 0; len < sizeof(buf); len++) {
			fill(buf, len);
			CHECK_EQ(shim_wire(vrrp_csum_fold(
					vrrp_csum_partial(buf, len, seeds[i]))),
				 k_wire(k_csum_fold(k_csum_partial(buf, (int)len,
					K_LE ? __builtin_bswap32(seeds[i]) :
					seeds[i]))));
			CHECK_EQ(shim_wire(vrrp_csum_magic(buf, buf, 4, 0, 0,
							   seeds[i])),
				 k_wire(k_tcpudp_magic(buf, buf, 0, 0,
					K_LE ? __builtin_bswap32(seeds[i]) :
					seeds[i])));
		}
	}
}

/* Even-length pieces chain: the sum of a then b is the sum of ab. */
TEST(partial_chains)
{
	u8 buf[300];
	unsigned int i;

	for (i = 0; i < 2000; i++) {
		size_t len = (size_t)rnd(sizeof(buf));
		size_t cut = (size_t)rnd(len + 1) & ~(size_t)1;

		fill(buf, len);
		CHECK_EQ(vrrp_csum_fold(vrrp_csum_partial(buf + cut, len - cut,
				vrrp_csum_partial(buf, cut, 0))),
			 vrrp_csum_fold(vrrp_csum_partial(buf, len, 0)));
	}
}

/* Putting the checksum in makes the whole sum check out as zero. */
TEST(put_then_verify)
{
	u8 buf[600], sa[16], da[16];
	unsigned int i;
	u8 alen;

	CHECK(vrrp_csum_is_zero(vrrp_csum_fold(0xffff)));
	CHECK(!vrrp_csum_is_zero(vrrp_csum_fold(0xfffe)));
	CHECK(!vrrp_csum_is_zero(vrrp_csum_fold(0)));
	for (i = 0; i < 2000; i++) {
		size_t len = 8 + (size_t)rnd(sizeof(buf) - 8);

		fill(buf, len);
		fill(sa, sizeof(sa));
		fill(da, sizeof(da));
		alen = rnd(2) ? 4 : 16;
		memset(buf + 6, 0, 2);
		vrrp_csum_put(buf + 6,
			      vrrp_csum_fold(vrrp_csum_partial(buf, len, 0)));
		CHECK(vrrp_csum_is_zero(vrrp_csum_fold(
				vrrp_csum_partial(buf, len, 0))));
		memset(buf + 6, 0, 2);
		vrrp_csum_put(buf + 6,
			      vrrp_csum_magic(sa, da, alen, (u32)len, 112,
					      vrrp_csum_partial(buf, len, 0)));
		CHECK(vrrp_csum_is_zero(
			vrrp_csum_magic(sa, da, alen, (u32)len, 112,
					vrrp_csum_partial(buf, len, 0))));
	}
}

static const struct unit_test tests[] = {
	T(fold_edges),
	T(fold_random),
	T(message_matches_rfc1071),
	T(message_matches_kernel),
	T(pseudo_matches_rfc1071_and_kernel),
	T(pseudo_length_32_bits),
	T(partial_carries_out_of_32_bits),
	T(partial_chains),
	T(put_then_verify),
};

UNIT_MAIN(tests)
