// SPDX-License-Identifier: GPL-2.0
/*
 * VRRP advertisement codec and checksum (RFC 9568 5.2). Pure code: it sees
 * bytes and lengths, never an skb, so userspace tests and fuzzers run it as is.
 */

#include "packet.h"

/*
 * RFC 9568 5.2.8: the checksum covers the whole message; for IPv6, and for
 * IPv4 as RFC 5798 and most peers send it, the pseudo-header too.
 */
static __sum16 csum_pseudo(__wsum msg, size_t len,
			   const struct vrrp_pseudo *ph)
{
	return vrrp_csum_magic(ph->saddr, ph->daddr, ph->addr_len, (u32)len,
			       VRRP_IPPROTO, msg);
}

static bool csum_valid(const u8 *buf, size_t len, enum vrrp_csum_mode mode,
		       const struct vrrp_pseudo *ph)
{
	__wsum msg = vrrp_csum_partial(buf, len, 0);

	if (mode != VRRP_CSUM_PSEUDO &&
	    vrrp_csum_is_zero(vrrp_csum_fold(msg)))
		return true;
	return mode != VRRP_CSUM_MESSAGE &&
	       vrrp_csum_is_zero(csum_pseudo(msg, len, ph));
}

/* Bytes a message with @naddrs addresses takes; v2 adds 8 bytes of auth. */
size_t vrrp_pkt_len(u8 version, u8 naddrs, u8 addr_len)
{
	return VRRP_HDR_LEN + (size_t)naddrs * addr_len +
	       (version == 2 ? VRRP_AUTH_LEN : 0);
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
	__wsum msg;

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

	msg = vrrp_csum_partial(buf, len, 0);
	vrrp_csum_put(buf + 6, mode == VRRP_CSUM_MESSAGE ?
			       vrrp_csum_fold(msg) : csum_pseudo(msg, len, ph));
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
