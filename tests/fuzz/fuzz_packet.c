// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for kmod/packet.c: every byte of an advert is the
 * network's to choose, and the module decodes it in softirq context.
 *
 * Input: 1 byte of settings, 32 bytes of pseudo-header addresses (source,
 * then destination, 16 each; IPv4 uses the first 4), then the message.
 * Settings: bit 0 version (2 or 3), bit 1 address length (4 or 16), bits
 * 2-3 checksum mode (PSEUDO, MESSAGE, EITHER, EITHER). A shorter input is
 * padded with zeros.
 *
 * Checked on every input, against a reference written here from RFC 9568
 * 5.2 / 7.1, RFC 3768 5.3 / 7.1 and RFC 1071, not from packet.c:
 * - decode returns exactly the error the receive checks, in their order,
 *   call for, and reads nothing past the message (ASan: it gets a heap
 *   copy of exactly that many bytes);
 * - on OK every field is the buffer's, and encoding the decoded advert
 *   gives a message that decodes to the same fields, byte for byte the
 *   original one unless that had padding or reserved bits (or spelled
 *   a zero checksum 0xffff, which is the same number in one's complement);
 * - encode never writes past its buffer, refuses exactly what does not
 *   fit or has an interval over 4095 (v2: not whole seconds, or over
 *   255 s), and what it writes decodes;
 * - vrrp_pkt_peek_vrid() and vrrp_pkt_addrs_equal() agree with plain
 *   reading and set comparison.
 */

#include <stdio.h>
#include <stdlib.h>

#include "packet.h"

#define PREFIX		33

#define ASSERT(cond)							\
	do {								\
		if (!(cond)) {						\
			fprintf(stderr, "%s:%d: assertion failed: %s\n",	\
				__FILE__, __LINE__, #cond);		\
			abort();					\
		}							\
	} while (0)

/* RFC 1071, byte by byte: the folded sum, 0xffff when the data add up. */
static unsigned int ref_sum(const u8 *buf, size_t len,
			    const struct vrrp_pseudo *ph)
{
	unsigned long long sum = 0;
	size_t i;

	for (i = 0; i < len; i++)
		sum += i % 2 ? buf[i] : (unsigned int)buf[i] << 8;
	if (ph) {
		for (i = 0; i < ph->addr_len; i++) {
			sum += i % 2 ? ph->saddr[i] : ph->saddr[i] << 8;
			sum += i % 2 ? ph->daddr[i] : ph->daddr[i] << 8;
		}
		sum += (len >> 16) + (len & 0xffff) + VRRP_IPPROTO;
	}
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (unsigned int)sum;
}

/* Right in a form @mode takes; in the other one only; in neither. */
static enum vrrp_pkt_error ref_csum(const u8 *buf, size_t len,
				    enum vrrp_csum_mode mode,
				    const struct vrrp_pseudo *ph)
{
	bool msg = ref_sum(buf, len, NULL) == 0xffff;
	bool pseudo = ref_sum(buf, len, ph) == 0xffff;
	bool ok;

	switch (mode) {
	case VRRP_CSUM_MESSAGE:
		ok = msg;
		break;
	case VRRP_CSUM_PSEUDO:
		ok = pseudo;
		break;
	default:
		ok = msg || pseudo;
		break;
	}
	if (ok)
		return VRRP_PKT_OK;
	return msg || pseudo ? VRRP_PKT_ECSUMFORM : VRRP_PKT_ECHECKSUM;
}

/* v3: 12 bits of centiseconds; v2: seconds, after an auth type byte. */
static unsigned int ref_interval_cs(const u8 *buf, u8 version)
{
	return version == 2 ? buf[5] * 100u : (buf[4] & 0x0fu) << 8 | buf[5];
}

static size_t ref_len(u8 version, u8 naddrs, u8 addr_len)
{
	return 8 + (size_t)naddrs * addr_len + (version == 2 ? 8 : 0);
}

/* RFC 9568 7.1 in packet.c's documented order of checks. */
static enum vrrp_pkt_error ref_decode(const u8 *buf, size_t len, u8 version,
				      u8 addr_len, enum vrrp_csum_mode mode,
				      const struct vrrp_pseudo *ph)
{
	if (len < 8)
		return VRRP_PKT_ELENGTH;
	if (buf[0] >> 4 != version)
		return VRRP_PKT_EVERSION;
	if ((buf[0] & 0x0f) != 1)
		return VRRP_PKT_ETYPE;
	if (buf[3] == 0)
		return VRRP_PKT_EADDRCOUNT;
	if (len < ref_len(version, buf[3], addr_len))
		return VRRP_PKT_ELENGTH;
	if (ref_csum(buf, len, mode, ph) != VRRP_PKT_OK)
		return ref_csum(buf, len, mode, ph);
	if (version == 2 && buf[4])
		return VRRP_PKT_EAUTH;
	if (ref_interval_cs(buf, version) == 0)
		return VRRP_PKT_EINTERVAL;
	/* fe80::/10 first (RFC 9568 5.2.9, erratum 8300) */
	if (addr_len == 16 && (buf[8] != 0xfe || (buf[9] & 0xc0) != 0x80))
		return VRRP_PKT_ELINKLOCAL;
	return VRRP_PKT_OK;
}

/* Is every address of a listed in b, and the other way round? */
static bool ref_same_set(const u8 *a, const u8 *b, u8 n, u8 alen)
{
	unsigned int i, j, pass;
	const u8 *x, *y;

	for (pass = 0; pass < 2; pass++) {
		x = pass ? b : a;
		y = pass ? a : b;
		for (i = 0; i < n; i++) {
			for (j = 0; j < n; j++)
				if (!memcmp(x + i * alen, y + j * alen, alen))
					break;
			if (j == n)
				return false;
		}
	}
	return true;
}

static bool has_duplicates(const u8 *a, u8 n, u8 alen)
{
	unsigned int i, j;

	for (i = 0; i < n; i++)
		for (j = i + 1; j < n; j++)
			if (!memcmp(a + i * alen, a + j * alen, alen))
				return true;
	return false;
}

static void check_fields(const struct vrrp_advert *adv, const u8 *buf,
			 u8 version, u8 addr_len)
{
	ASSERT(adv->version == version);
	ASSERT(adv->vrid == buf[1]);
	ASSERT(adv->priority == buf[2]);
	ASSERT(adv->naddrs == buf[3] && adv->naddrs > 0);
	ASSERT(adv->interval_cs == ref_interval_cs(buf, version));
	ASSERT(adv->interval_cs >= 1 &&
	       adv->interval_cs <= (version == 2 ? 25500 :
				    VRRP_MAX_INTERVAL_CS));
	ASSERT(adv->addr_len == addr_len);
	ASSERT(adv->addrs == buf + VRRP_HDR_LEN);
}

/* A decoded advert re-encodes to itself, in the form @mode sends. */
static void check_reencode(const struct vrrp_advert *adv, const u8 *buf,
			   size_t len, enum vrrp_csum_mode mode,
			   const struct vrrp_pseudo *ph)
{
	size_t n = vrrp_pkt_len(adv->version, adv->naddrs, adv->addr_len);
	enum vrrp_csum_mode forms[2];
	struct vrrp_advert again;
	bool same = false;
	unsigned int i, nforms = 0;
	u8 *out = malloc(n);

	ASSERT(n <= vrrp_pkt_max_len(adv->version, adv->addr_len));
	if (mode == VRRP_CSUM_EITHER) {
		forms[nforms++] = VRRP_CSUM_PSEUDO;
		forms[nforms++] = VRRP_CSUM_MESSAGE;
	} else {
		forms[nforms++] = mode;
	}
	for (i = 0; i < nforms; i++) {
		ASSERT(vrrp_pkt_encode(out, n, adv, forms[i], ph) == n);
		memset(&again, 0, sizeof(again));
		ASSERT(vrrp_pkt_decode(out, n, adv->version, adv->addr_len,
				       forms[i], ph, &again) == VRRP_PKT_OK);
		ASSERT(vrrp_pkt_decode(out, n, adv->version, adv->addr_len,
				       mode, ph, &again) == VRRP_PKT_OK);
		ASSERT(again.vrid == adv->vrid);
		ASSERT(again.priority == adv->priority);
		ASSERT(again.naddrs == adv->naddrs);
		ASSERT(again.interval_cs == adv->interval_cs);
		ASSERT(!memcmp(again.addrs, adv->addrs,
			       (size_t)adv->naddrs * adv->addr_len));
		ASSERT(vrrp_pkt_addrs_equal(&again, adv->addrs, adv->naddrs));
		/* Only what encode writes can match byte for byte. */
		if (len != n || (adv->version == 3 && buf[4] & 0xf0) ||
		    memcmp(out + 8, buf + 8, n - 8))
			continue;
		if (!memcmp(out, buf, n))
			same = true;
		/* 0x0000 and 0xffff are both zero in one's complement. */
		else if (!memcmp(out, buf, 6) && buf[6] == 0xff &&
			 buf[7] == 0xff && !out[6] && !out[7])
			same = true;
	}
	/* (v2's auth bytes are written as zero, so only zero ones match.) */
	if (len == n && !(adv->version == 3 && buf[4] & 0xf0) &&
	    !memcmp(out + 8, buf + 8, n - 8))
		ASSERT(same);
	free(out);
}

static void fuzz_decode(const u8 *buf, size_t len, u8 version, u8 addr_len,
			enum vrrp_csum_mode mode,
			const struct vrrp_pseudo *ph)
{
	u8 *copy = malloc(len ? len : 1);
	struct vrrp_advert adv;
	enum vrrp_pkt_error err;

	memcpy(copy, buf, len);
	memset(&adv, 0x5a, sizeof(adv));
	err = vrrp_pkt_decode(copy, len, version, addr_len, mode, ph, &adv);
	ASSERT(err == ref_decode(copy, len, version, addr_len, mode, ph));
	ASSERT(vrrp_pkt_peek_vrid(copy, len) == (len < 2 ? -1 : copy[1]));
	if (err == VRRP_PKT_OK) {
		check_fields(&adv, copy, version, addr_len);
		check_reencode(&adv, copy, len, mode, ph);
	}
	free(copy);
}

/* The message part also serves as an advert to encode. */
static void fuzz_encode(const u8 *buf, size_t len, u8 version, u8 addr_len,
			enum vrrp_csum_mode mode,
			const struct vrrp_pseudo *ph)
{
	struct vrrp_advert adv, back;
	size_t want, size, got;
	const u8 *addrs;
	bool link_local;
	u8 *out;

	if (len < 6)
		return;
	adv.version = version;
	adv.vrid = buf[0];
	adv.priority = buf[1];
	adv.naddrs = buf[2];
	adv.interval_cs = (u16)(buf[3] << 8 | buf[4]);
	adv.addr_len = addr_len;
	size = buf[5] * 17;	/* 0 to 4335: around every length */
	addrs = buf + 6;
	if ((size_t)adv.naddrs * addr_len > len - 6)
		adv.naddrs = (u8)((len - 6) / addr_len);
	adv.addrs = addrs;
	want = ref_len(version, adv.naddrs, addr_len);

	/* v2 counts whole seconds: make most inputs sayable. */
	if (version == 2 && buf[3] & 0x80)
		adv.interval_cs = (u16)(buf[4] * 100);
	out = malloc(size ? size : 1);
	got = vrrp_pkt_encode(out, size, &adv, mode, ph);
	if (want > size || adv.interval_cs > VRRP_MAX_INTERVAL_CS ||
	    (version == 2 &&
	     (adv.interval_cs % 100 || adv.interval_cs > 25500))) {
		ASSERT(got == 0);
		free(out);
		return;
	}
	ASSERT(got == want);
	ASSERT(out[0] == (version << 4 | 1));
	memset(&back, 0, sizeof(back));
	link_local = addr_len == 4 ||
		     (out[8] == 0xfe && (out[9] & 0xc0) == 0x80);
	if (adv.naddrs == 0)
		ASSERT(vrrp_pkt_decode(out, got, version, addr_len, mode, ph,
				       &back) == VRRP_PKT_EADDRCOUNT);
	else if (adv.interval_cs == 0)
		ASSERT(vrrp_pkt_decode(out, got, version, addr_len, mode, ph,
				       &back) == VRRP_PKT_EINTERVAL);
	else if (!link_local)
		ASSERT(vrrp_pkt_decode(out, got, version, addr_len, mode, ph,
				       &back) == VRRP_PKT_ELINKLOCAL);
	else
		ASSERT(vrrp_pkt_decode(out, got, version, addr_len, mode, ph,
				       &back) == VRRP_PKT_OK);
	/* Encoded in any mode, EITHER accepts it. */
	if (adv.naddrs && adv.interval_cs && link_local) {
		ASSERT(vrrp_pkt_decode(out, got, version, addr_len,
				       VRRP_CSUM_EITHER, ph, &back) ==
		       VRRP_PKT_OK);
		ASSERT(back.vrid == adv.vrid && back.priority == adv.priority);
		ASSERT(back.interval_cs == adv.interval_cs);
		ASSERT(vrrp_pkt_addrs_equal(&back, addrs, adv.naddrs));
	}
	free(out);
}

/* vrrp_pkt_addrs_equal() against sets, on two lists cut from the input. */
static void fuzz_addrs_equal(const u8 *buf, size_t len, u8 addr_len)
{
	struct vrrp_advert adv = { .version = 3, .addr_len = addr_len };
	size_t n, half;
	bool eq;

	if (len < 1)
		return;
	n = buf[0] % 8;
	buf++;
	len--;
	half = n * addr_len;
	if (2 * half > len || !n)
		return;
	adv.naddrs = (u8)n;
	adv.addrs = buf;
	eq = vrrp_pkt_addrs_equal(&adv, buf + half, (u8)n);
	/*
	 * The configured list (the second) never repeats an address: the
	 * netlink side refuses that. With it so, equality is set equality.
	 */
	if (!has_duplicates(buf + half, (u8)n, addr_len))
		ASSERT(eq == ref_same_set(buf, buf + half, (u8)n, addr_len));
	ASSERT(vrrp_pkt_addrs_equal(&adv, buf, (u8)n));
	/* Lists of different lengths differ. */
	ASSERT(!vrrp_pkt_addrs_equal(&adv, buf + half, (u8)(n - 1)));
}

int LLVMFuzzerTestOneInput(const u8 *data, size_t size);

int LLVMFuzzerTestOneInput(const u8 *data, size_t size)
{
	u8 prefix[PREFIX] = { 0 };
	struct vrrp_pseudo ph;
	enum vrrp_csum_mode mode;
	u8 version, addr_len;
	const u8 *msg;
	size_t len;

	memcpy(prefix, data, size < PREFIX ? size : PREFIX);
	msg = size > PREFIX ? data + PREFIX : data + size;
	len = size > PREFIX ? size - PREFIX : 0;

	version = prefix[0] & 1 ? 2 : 3;
	addr_len = prefix[0] & 2 ? 16 : 4;
	switch (prefix[0] >> 2 & 3) {
	case 0:
		mode = VRRP_CSUM_PSEUDO;
		break;
	case 1:
		mode = VRRP_CSUM_MESSAGE;
		break;
	default:
		mode = VRRP_CSUM_EITHER;
		break;
	}
	ph.saddr = prefix + 1;
	ph.daddr = prefix + 17;
	ph.addr_len = addr_len;

	fuzz_decode(msg, len, version, addr_len, mode, &ph);
	fuzz_encode(msg, len, version, addr_len, mode, &ph);
	fuzz_addrs_equal(msg, len, addr_len);
	return 0;
}
