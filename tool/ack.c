// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>
#include <string.h>

#include "ack.h"

static void ack_find_msg(const unsigned char *tlv, size_t len, struct ack *ack)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *nla = (const struct nlattr *)tlv;
		size_t alen = nla->nla_len, plen;

		if (alen < NLA_HDRLEN || alen > len)
			return;
		plen = alen - NLA_HDRLEN;
		/* Only a string that ends inside its attribute is trusted. */
		if ((nla->nla_type & NLA_TYPE_MASK) == NLMSGERR_ATTR_MSG &&
		    plen && memchr(tlv + NLA_HDRLEN, '\0', plen)) {
			strncpy(ack->msg, (const char *)tlv + NLA_HDRLEN,
				sizeof(ack->msg) - 1);
			ack->msg[sizeof(ack->msg) - 1] = '\0';
			return;
		}
		if (NLA_ALIGN(alen) >= len)
			return;
		tlv += NLA_ALIGN(alen);
		len -= NLA_ALIGN(alen);
	}
}

/*
 * The TLVs follow the error code and, unless NLM_F_CAPPED, a copy of our
 * request; the kernel pads that to NLMSG_ALIGN before the first TLV.
 */
int ack_parse(const struct nlmsghdr *nlh, struct ack *ack)
{
	const unsigned char *base = (const unsigned char *)nlh;
	size_t payload, off;

	memset(ack, 0, sizeof(*ack));
	if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(int))
		return -1;
	ack->error = -*(const int *)NLMSG_DATA(nlh);
	if (nlh->nlmsg_type == NLMSG_ERROR) {
		const struct nlmsgerr *e = NLMSG_DATA(nlh);

		if (nlh->nlmsg_len < NLMSG_HDRLEN + sizeof(*e))
			return -1;
		payload = sizeof(*e);
		if (!(nlh->nlmsg_flags & NLM_F_CAPPED)) {
			if (e->msg.nlmsg_len < NLMSG_HDRLEN)
				return -1;
			payload += e->msg.nlmsg_len - NLMSG_HDRLEN;
		}
	} else {
		payload = sizeof(int);
	}
	if (!(nlh->nlmsg_flags & NLM_F_ACK_TLVS))
		return 0;
	off = NLMSG_HDRLEN + NLMSG_ALIGN(payload);
	if (off >= nlh->nlmsg_len)
		return 0;
	ack_find_msg(base + off, nlh->nlmsg_len - off, ack);
	return 0;
}
