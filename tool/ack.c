// SPDX-License-Identifier: GPL-2.0
#include <stddef.h>
#include <string.h>

#include "ack.h"

/*
 * Calls fn for each well-formed TLV in [tlv, tlv + len); stops at the
 * first one that claims more than is there.
 */
static void for_each_tlv(const unsigned char *tlv, size_t len,
			 void (*fn)(const struct nlattr *nla, const void *data,
				    size_t plen, void *arg),
			 void *arg)
{
	while (len >= NLA_HDRLEN) {
		const struct nlattr *nla = (const struct nlattr *)tlv;
		size_t alen = nla->nla_len;

		if (alen < NLA_HDRLEN || alen > len)
			return;
		fn(nla, tlv + NLA_HDRLEN, alen - NLA_HDRLEN, arg);
		if (NLA_ALIGN(alen) >= len)
			return;
		tlv += NLA_ALIGN(alen);
		len -= NLA_ALIGN(alen);
	}
}

/* Values of the wrong size are ignored, as if not sent. */
static int get_u32(const void *data, size_t plen, uint32_t *v)
{
	if (plen != sizeof(*v))
		return 0;
	memcpy(v, data, sizeof(*v));
	return 1;
}

/* The kernel aligns 64-bit values with PAD attributes only; copy them. */
static int get_u64(const void *data, size_t plen, uint64_t *v)
{
	if (plen != sizeof(*v))
		return 0;
	memcpy(v, data, sizeof(*v));
	return 1;
}

static void policy_tlv(const struct nlattr *nla, const void *data, size_t plen,
		       void *arg)
{
	struct ack_policy *p = arg;
	uint64_t v;

	switch (nla->nla_type & NLA_TYPE_MASK) {
	case NL_POLICY_TYPE_ATTR_TYPE:
		if (get_u32(data, plen, &p->type))
			p->has |= ACK_POL_TYPE;
		break;
	case NL_POLICY_TYPE_ATTR_MIN_VALUE_U:
		if (get_u64(data, plen, &p->min_u))
			p->has |= ACK_POL_MIN_U;
		break;
	case NL_POLICY_TYPE_ATTR_MAX_VALUE_U:
		if (get_u64(data, plen, &p->max_u))
			p->has |= ACK_POL_MAX_U;
		break;
	case NL_POLICY_TYPE_ATTR_MIN_VALUE_S:
		if (get_u64(data, plen, &v)) {
			p->min_s = (int64_t)v;
			p->has |= ACK_POL_MIN_S;
		}
		break;
	case NL_POLICY_TYPE_ATTR_MAX_VALUE_S:
		if (get_u64(data, plen, &v)) {
			p->max_s = (int64_t)v;
			p->has |= ACK_POL_MAX_S;
		}
		break;
	case NL_POLICY_TYPE_ATTR_MIN_LENGTH:
		if (get_u32(data, plen, &p->min_len))
			p->has |= ACK_POL_MIN_LEN;
		break;
	case NL_POLICY_TYPE_ATTR_MAX_LENGTH:
		if (get_u32(data, plen, &p->max_len))
			p->has |= ACK_POL_MAX_LEN;
		break;
	}
}

static void ack_tlv(const struct nlattr *nla, const void *data, size_t plen,
		    void *arg)
{
	struct ack *ack = arg;

	switch (nla->nla_type & NLA_TYPE_MASK) {
	case NLMSGERR_ATTR_MSG:
		/* Only a string that ends inside its attribute is trusted. */
		if (!ack->msg[0] && plen && memchr(data, '\0', plen)) {
			strncpy(ack->msg, data, sizeof(ack->msg) - 1);
			ack->msg[sizeof(ack->msg) - 1] = '\0';
		}
		break;
	case NLMSGERR_ATTR_OFFS:
		if (get_u32(data, plen, &ack->offs))
			ack->has |= ACK_OFFS;
		break;
	case NLMSGERR_ATTR_POLICY:
		ack->has |= ACK_POLICY;
		for_each_tlv(data, plen, policy_tlv, &ack->policy);
		break;
	case NLMSGERR_ATTR_MISS_TYPE:
		if (get_u32(data, plen, &ack->miss_type))
			ack->has |= ACK_MISS_TYPE;
		break;
	case NLMSGERR_ATTR_MISS_NEST:
		if (get_u32(data, plen, &ack->miss_nest))
			ack->has |= ACK_MISS_NEST;
		break;
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
	for_each_tlv(base + off, nlh->nlmsg_len - off, ack_tlv, ack);
	return 0;
}
