// SPDX-License-Identifier: GPL-2.0
/*
 * VRRP advertisement codec and checksum (RFC 9568 5.2). Pure code: it sees
 * bytes and lengths, never an skb, so userspace tests and fuzzers run it as is.
 */

#include "packet.h"

/* RFC 1071 one's complement sum of big-endian 16-bit words. */
static u64 csum_add(u64 sum, const u8 *p, size_t len)
{
	size_t i;

	for (i = 0; i + 1 < len; i += 2)
		sum += (u32)p[i] << 8 | p[i + 1];
	if (len & 1)
		sum += (u32)p[len - 1] << 8;
	return sum;
}

static u16 csum_fold(u64 sum)
{
	while (sum >> 16)
		sum = (sum & 0xffff) + (sum >> 16);
	return (u16)sum;
}

/*
 * The IPv4 (RFC 791) and IPv6 (RFC 8200 8.1) pseudo-headers differ in layout
 * but add up to the same sum: both addresses, the length, next header 112.
 */
static u64 csum_pseudo(const struct vrrp_pseudo *ph, size_t len)
{
	u64 sum = 0;

	sum = csum_add(sum, ph->saddr, ph->addr_len);
	sum = csum_add(sum, ph->daddr, ph->addr_len);
	return sum + (len >> 16) + (len & 0xffff) + VRRP_IPPROTO;
}

static bool csum_valid(const u8 *buf, size_t len, enum vrrp_csum_mode mode,
		       const struct vrrp_pseudo *ph)
{
	u64 msg = csum_add(0, buf, len);

	if (mode != VRRP_CSUM_PSEUDO && csum_fold(msg) == 0xffff)
		return true;
	return mode != VRRP_CSUM_MESSAGE &&
	       csum_fold(msg + csum_pseudo(ph, len)) == 0xffff;
}

/* Bytes a message with @naddrs addresses takes; v2 adds 8 bytes of auth. */
size_t vrrp_pkt_len(u8 version, u8 naddrs, u8 addr_len)
{
	return VRRP_HDR_LEN + (size_t)naddrs * addr_len + (version == 2 ? 8 : 0);
}

/* The VRID, to find the instance before anything else is read; -1: too short. */
int vrrp_pkt_peek_vrid(const u8 *buf, size_t len)
{
	return len < 2 ? -1 : buf[1];
}

/*
 * RFC 9568 7.1 receive checks that need only the message itself. @len is
 * the IP payload length; the checksum covers all of it, as senders compute it.
 */
enum vrrp_pkt_error vrrp_pkt_decode(const u8 *buf, size_t len, u8 version,
				    u8 addr_len, enum vrrp_csum_mode mode,
				    const struct vrrp_pseudo *ph,
				    struct vrrp_advert *adv)
{
	u16 interval;

	if (len < VRRP_HDR_LEN)
		return VRRP_PKT_ELENGTH;
	if (buf[0] >> 4 != version)
		return VRRP_PKT_EVERSION;
	if ((buf[0] & 0x0f) != VRRP_TYPE_ADVERT)
		return VRRP_PKT_ETYPE;
	/* RFC 9568 erratum 8299: a v3 advert lists at least one address. */
	if (buf[3] == 0)
		return VRRP_PKT_EADDRCOUNT;
	if (len < vrrp_pkt_len(version, buf[3], addr_len))
		return VRRP_PKT_ELENGTH;
	if (!csum_valid(buf, len, mode, ph))
		return VRRP_PKT_ECHECKSUM;
	/* The top 4 bits are reserved: sent as 0, ignored on receive. */
	interval = (u16)((buf[4] & 0x0f) << 8 | buf[5]);
	if (interval == 0)
		return VRRP_PKT_EINTERVAL;

	adv->version = version;
	adv->vrid = buf[1];
	adv->priority = buf[2];
	adv->naddrs = buf[3];
	adv->interval_cs = interval;
	adv->addr_len = addr_len;
	adv->addrs = buf + VRRP_HDR_LEN;
	return VRRP_PKT_OK;
}

/* Writes a v3 advert into @buf; returns its length, or 0 if it does not fit. */
size_t vrrp_pkt_encode(u8 *buf, size_t size, const struct vrrp_advert *adv,
		       enum vrrp_csum_mode mode, const struct vrrp_pseudo *ph)
{
	size_t len = vrrp_pkt_len(adv->version, adv->naddrs, adv->addr_len);
	size_t alen = (size_t)adv->naddrs * adv->addr_len;
	u64 sum;
	u16 csum;

	if (len > size || adv->interval_cs > VRRP_MAX_INTERVAL_CS)
		return 0;
	buf[0] = (u8)(adv->version << 4 | VRRP_TYPE_ADVERT);
	buf[1] = adv->vrid;
	buf[2] = adv->priority;
	buf[3] = adv->naddrs;
	buf[4] = (u8)(adv->interval_cs >> 8);
	buf[5] = (u8)adv->interval_cs;
	buf[6] = 0;
	buf[7] = 0;
	memcpy(buf + VRRP_HDR_LEN, adv->addrs, alen);
	memset(buf + VRRP_HDR_LEN + alen, 0, len - VRRP_HDR_LEN - alen);

	sum = csum_add(0, buf, len);
	if (mode != VRRP_CSUM_MESSAGE)
		sum += csum_pseudo(ph, len);
	csum = (u16)~csum_fold(sum);
	buf[6] = (u8)(csum >> 8);
	buf[7] = (u8)csum;
	return len;
}

static bool addr_listed(const u8 *list, u8 n, const u8 *addr, u8 addr_len)
{
	u8 i;

	for (i = 0; i < n; i++)
		if (!memcmp(list + (size_t)i * addr_len, addr, addr_len))
			return true;
	return false;
}

/*
 * RFC 9568 6.4.2/6.4.3: does the advert list the same addresses we are
 * configured with? Order is not significant; the same order is the fast path.
 */
bool vrrp_pkt_addrs_equal(const struct vrrp_advert *adv, const u8 *addrs,
			  u8 naddrs)
{
	size_t len = (size_t)naddrs * adv->addr_len;
	u8 i;

	if (adv->naddrs != naddrs)
		return false;
	if (!memcmp(adv->addrs, addrs, len))
		return true;
	for (i = 0; i < naddrs; i++)
		if (!addr_listed(adv->addrs, naddrs,
				 addrs + (size_t)i * adv->addr_len,
				 adv->addr_len))
			return false;
	return true;
}
