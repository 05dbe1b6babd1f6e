// SPDX-License-Identifier: GPL-2.0
/*
 * VRRP advertisement codec and checksum: VRRPv3 (RFC 9568 5.2) and VRRPv2
 * (RFC 3768 5.3). Pure code: it sees bytes and lengths, never an skb, so
 * userspace tests and fuzzers run it as is.
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

/*
 * VRRP_PKT_OK if the checksum is right in a form @mode accepts,
 * VRRP_PKT_ECSUMFORM if it is right only in the other one (a peer set to
 * the other reading of RFC 5798), VRRP_PKT_ECHECKSUM if in neither.
 */
static enum vrrp_pkt_error csum_check(const u8 *buf, size_t len,
				      enum vrrp_csum_mode mode,
				      const struct vrrp_pseudo *ph)
{
	__wsum msg = vrrp_csum_partial(buf, len, 0);
	bool message = vrrp_csum_is_zero(vrrp_csum_fold(msg));
	bool pseudo = vrrp_csum_is_zero(csum_pseudo(msg, len, ph));

	if ((message && mode != VRRP_CSUM_PSEUDO) ||
	    (pseudo && mode != VRRP_CSUM_MESSAGE))
		return VRRP_PKT_OK;
	return message || pseudo ? VRRP_PKT_ECSUMFORM : VRRP_PKT_ECHECKSUM;
}

/* Bytes a message with @naddrs addresses takes; v2 adds 8 bytes of auth. */
size_t vrrp_pkt_len(u8 version, u8 naddrs, u8 addr_len)
{
	return VRRP_HDR_LEN + (size_t)naddrs * addr_len +
	       (version == 2 ? VRRP_AUTH_LEN : 0);
}

/* fe80::/10 */
static bool is_link_local6(const u8 *addr)
{
	return addr[0] == 0xfe && (addr[1] & 0xc0) == 0x80;
}

/* The VRID, to find the instance before anything else is read; -1: too short. */
int vrrp_pkt_peek_vrid(const u8 *buf, size_t len)
{
	return len < 2 ? -1 : buf[1];
}

/*
 * Bytes 4-5: v3 has 4 reserved bits (sent as 0, ignored on receive) and
 * the interval in centiseconds; v2 the authentication type, which must be
 * 0 (RFC 3768 5.3.6: none; the others are deprecated), and the interval
 * in seconds. Returned in centiseconds either way.
 */
static enum vrrp_pkt_error decode_interval(const u8 *buf, u8 version,
					   u16 *interval_cs)
{
	if (version == 2) {
		if (buf[4])
			return VRRP_PKT_EAUTH;
		*interval_cs = (u16)(buf[5] * 100);
	} else {
		*interval_cs = (u16)((buf[4] & 0x0f) << 8 | buf[5]);
	}
	return *interval_cs ? VRRP_PKT_OK : VRRP_PKT_EINTERVAL;
}

/*
 * RFC 9568 7.1 (RFC 3768 7.1 for v2) receive checks that need only the
 * message itself. @len is the IP payload length; the checksum covers all
 * of it, as senders compute it.
 */
enum vrrp_pkt_error vrrp_pkt_decode(const u8 *buf, size_t len, u8 version,
				    u8 addr_len, enum vrrp_csum_mode mode,
				    const struct vrrp_pseudo *ph,
				    struct vrrp_advert *adv)
{
	enum vrrp_pkt_error err;
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
	err = csum_check(buf, len, mode, ph);
	if (err != VRRP_PKT_OK)
		return err;
	err = decode_interval(buf, version, &interval);
	if (err != VRRP_PKT_OK)
		return err;
	/* RFC 9568 erratum 8300: IPv6 lists the link-local address first. */
	if (addr_len == 16 && !is_link_local6(buf + VRRP_HDR_LEN))
		return VRRP_PKT_ELINKLOCAL;

	adv->version = version;
	adv->vrid = buf[1];
	adv->priority = buf[2];
	adv->naddrs = buf[3];
	adv->interval_cs = interval;
	adv->addr_len = addr_len;
	adv->addrs = buf + VRRP_HDR_LEN;
	return VRRP_PKT_OK;
}

/*
 * Writes an advert into @buf; returns its length, or 0 if it does not fit
 * or its interval cannot be said in its version: v2 counts whole seconds,
 * 1-255, and ends with 8 bytes of zero authentication data.
 */
size_t vrrp_pkt_encode(u8 *buf, size_t size, const struct vrrp_advert *adv,
		       enum vrrp_csum_mode mode, const struct vrrp_pseudo *ph)
{
	size_t len = vrrp_pkt_len(adv->version, adv->naddrs, adv->addr_len);
	size_t alen = (size_t)adv->naddrs * adv->addr_len;
	__wsum msg;

	if (len > size || adv->interval_cs > VRRP_MAX_INTERVAL_CS)
		return 0;
	if (adv->version == 2 &&
	    (adv->interval_cs % 100 || adv->interval_cs > 255 * 100))
		return 0;
	buf[0] = (u8)(adv->version << 4 | VRRP_TYPE_ADVERT);
	buf[1] = adv->vrid;
	buf[2] = adv->priority;
	buf[3] = adv->naddrs;
	if (adv->version == 2) {
		buf[4] = 0;	/* no authentication */
		buf[5] = (u8)(adv->interval_cs / 100);
	} else {
		buf[4] = (u8)(adv->interval_cs >> 8);
		buf[5] = (u8)adv->interval_cs;
	}
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
