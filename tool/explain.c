// SPDX-License-Identifier: GPL-2.0
#include <ctype.h>
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include <linux/genetlink.h>
#include <linux/vrrp.h>

#include "config.h"
#include "explain.h"

/* What the ack blames: a keyword and, inside a vip, which part of it. */
struct blame {
	const char *keyword;		/* NULL: nothing we can name */
	bool duration;			/* the keyword's value is a DURATION */
	const char *part;		/* "address", "prefix length"... or NULL */
	char other[32];			/* room for "attribute N" */
};

/* Where an offset lands in the request: depth 1 top level, 2 a vip, 3 in it. */
struct where {
	int depth;
	unsigned int type[3];
};

/*
 * Our requests nest only VRRP_A_VIPS > VRRP_VIP_A > VRRP_VIP_A_*, so only
 * those are descended into.
 */
static bool find_offset(const unsigned char *base, size_t start, size_t end,
			uint32_t off, int depth, struct where *w)
{
	size_t o = start;

	while (o + NLA_HDRLEN <= end) {
		const struct nlattr *a = (const struct nlattr *)(base + o);
		size_t alen = a->nla_len;
		unsigned int type = a->nla_type & NLA_TYPE_MASK;

		if (alen < NLA_HDRLEN || alen > end - o)
			return false;
		w->type[depth] = type;
		if (off == o) {
			w->depth = depth + 1;
			return true;
		}
		if (off > o && off < o + alen &&
		    ((depth == 0 && type == VRRP_A_VIPS) ||
		     (depth == 1 && type == VRRP_VIP_A)))
			return find_offset(base, o + NLA_HDRLEN, o + alen, off,
					   depth + 1, w);
		o += NLA_ALIGN(alen);
	}
	return false;
}

static bool locate(const struct nlmsghdr *req, uint32_t off, struct where *w)
{
	size_t start = NLMSG_HDRLEN + GENL_HDRLEN;

	memset(w, 0, sizeof(*w));
	return req->nlmsg_len > start &&
	       find_offset((const unsigned char *)req, start, req->nlmsg_len,
			   off, 0, w);
}

static const char *vip_part(unsigned int type)
{
	switch (type) {
	case VRRP_VIP_A_ADDR:
		return "address";
	case VRRP_VIP_A_PREFIXLEN:
		return "prefix length";
	case VRRP_VIP_A_IFINDEX:
		return "dev";
	case VRRP_VIP_A_LABEL:
		return "label";
	case VRRP_VIP_A_SCOPE:
		return "scope";
	}
	return NULL;
}

static void blame_top(struct blame *b, unsigned int type)
{
	b->keyword = config_attr_keyword(type, &b->duration);
	if (!b->keyword) {
		snprintf(b->other, sizeof(b->other), "attribute %u", type);
		b->keyword = b->other;
	}
}

static void blame_vip(struct blame *b, unsigned int type)
{
	blame_top(b, VRRP_A_VIPS);
	b->part = vip_part(type);
	if (!b->part) {
		snprintf(b->other, sizeof(b->other), "attribute %u", type);
		b->part = b->other;
	}
}

/* The attribute at the ack's offset; false if it is not in req. */
static bool blame_offset(const struct ack *ack, const struct nlmsghdr *req,
			 struct blame *b)
{
	struct where w;

	if (!locate(req, ack->offs, &w))
		return false;
	if (w.depth == 3)
		blame_vip(b, w.type[2]);
	else
		blame_top(b, w.depth == 1 ? w.type[0] : VRRP_A_VIPS);
	return true;
}

/* The missing attribute, at the top level or inside the nest named. */
static bool blame_missing(const struct ack *ack, const struct nlmsghdr *req,
			  struct blame *b)
{
	struct where w;

	if (!(ack->has & ACK_MISS_NEST)) {
		blame_top(b, ack->miss_type);
		return true;
	}
	if (!locate(req, ack->miss_nest, &w))
		return false;
	if (w.depth == 2)
		blame_vip(b, ack->miss_type);	/* inside one vip */
	else
		blame_top(b, VRRP_A_VIPS);	/* the list, or what else */
	return true;
}

static void fmt_value(char *buf, size_t len, uint64_t v, bool duration)
{
	if (!duration || !v)
		snprintf(buf, len, "%" PRIu64, v);
	else if (v % 1000)
		snprintf(buf, len, "%" PRIu64 "ms", v);
	else
		snprintf(buf, len, "%" PRIu64 "s", v / 1000);
}

static uint64_t type_max(uint32_t type)
{
	switch (type) {
	case NL_ATTR_TYPE_U8:
		return UINT8_MAX;
	case NL_ATTR_TYPE_U16:
		return UINT16_MAX;
	case NL_ATTR_TYPE_U32:
		return UINT32_MAX;
	}
	return UINT64_MAX;
}

static unsigned int type_bits(uint32_t type)
{
	switch (type) {
	case NL_ATTR_TYPE_U8:
	case NL_ATTR_TYPE_S8:
		return 8;
	case NL_ATTR_TYPE_U16:
	case NL_ATTR_TYPE_S16:
		return 16;
	case NL_ATTR_TYPE_U32:
	case NL_ATTR_TYPE_S32:
		return 32;
	}
	return 64;
}

/*
 * "must be 1-255", "must be from 10ms to 40950ms", "must be at most 3600s";
 * "at least" only where the top of the type is a number nobody types.
 */
static bool allowed_unsigned(const struct ack_policy *p, bool duration,
			     char *buf, size_t len)
{
	char lo[32], hi[32];

	if ((p->has & (ACK_POL_MIN_U | ACK_POL_MAX_U)) !=
	    (ACK_POL_MIN_U | ACK_POL_MAX_U) || p->min_u > p->max_u)
		return false;
	fmt_value(lo, sizeof(lo), p->min_u, duration);
	fmt_value(hi, sizeof(hi), p->max_u, duration);
	if (p->min_u == p->max_u)
		snprintf(buf, len, "must be %s", lo);
	else if (!p->min_u && p->max_u == 1)
		snprintf(buf, len, "must be 0 or 1");
	else if (!p->min_u && p->max_u == type_max(p->type))
		snprintf(buf, len, "must fit in %u bits", type_bits(p->type));
	else if (!p->min_u)
		snprintf(buf, len, "must be at most %s", hi);
	else if (p->max_u == type_max(p->type) && type_bits(p->type) >= 32)
		snprintf(buf, len, "must be at least %s", lo);
	else if (duration)
		snprintf(buf, len, "must be from %s to %s", lo, hi);
	else
		snprintf(buf, len, "must be %s-%s", lo, hi);
	return true;
}

static bool allowed_signed(const struct ack_policy *p, char *buf, size_t len)
{
	if ((p->has & (ACK_POL_MIN_S | ACK_POL_MAX_S)) !=
	    (ACK_POL_MIN_S | ACK_POL_MAX_S) || p->min_s > p->max_s)
		return false;
	if (p->min_s == p->max_s)
		snprintf(buf, len, "must be %" PRId64, p->min_s);
	else
		snprintf(buf, len, "must be %" PRId64 " to %" PRId64,
			 p->min_s, p->max_s);
	return true;
}

static const char *bytes(uint32_t n)
{
	return n == 1 ? "byte" : "bytes";
}

static bool allowed_length(const struct ack_policy *p, char *buf, size_t len)
{
	bool min = p->has & ACK_POL_MIN_LEN, max = p->has & ACK_POL_MAX_LEN;

	if (min && max && p->min_len == p->max_len)
		snprintf(buf, len, "must be %" PRIu32 " %s", p->min_len,
			 bytes(p->min_len));
	else if (min && max)
		snprintf(buf, len, "must be %" PRIu32 "-%" PRIu32 " bytes",
			 p->min_len, p->max_len);
	else if (min)
		snprintf(buf, len, "must be at least %" PRIu32 " %s",
			 p->min_len, bytes(p->min_len));
	else if (max)
		snprintf(buf, len, "must be at most %" PRIu32 " %s",
			 p->max_len, bytes(p->max_len));
	return min || max;
}

/* What the policy allows, if it says; false if it says nothing we can use. */
static bool allowed(const struct ack *ack, bool duration, char *buf,
		    size_t len)
{
	const struct ack_policy *p = &ack->policy;

	if (!(ack->has & ACK_POLICY) || !(p->has & ACK_POL_TYPE))
		return false;
	switch (p->type) {
	case NL_ATTR_TYPE_U8:
	case NL_ATTR_TYPE_U16:
	case NL_ATTR_TYPE_U32:
	case NL_ATTR_TYPE_U64:
		return allowed_unsigned(p, duration, buf, len);
	case NL_ATTR_TYPE_S8:
	case NL_ATTR_TYPE_S16:
	case NL_ATTR_TYPE_S32:
	case NL_ATTR_TYPE_S64:
		return allowed_signed(p, buf, len);
	case NL_ATTR_TYPE_BINARY:
	case NL_ATTR_TYPE_STRING:
	case NL_ATTR_TYPE_NUL_STRING:
		return allowed_length(p, buf, len);
	}
	return false;
}

/* "interval: ...": the kernel's own messages lead with the keyword. */
static bool has_keyword(const char *s)
{
	const char *p = s;

	if (!islower((unsigned char)*p))
		return false;
	while (islower((unsigned char)*p) || isdigit((unsigned char)*p) ||
	       *p == '-')
		p++;
	return p[0] == ':' && (p[1] == ' ' || !p[1]);
}

/* The kernel's text or, without one, the errno's. */
static const char *reason(const struct ack *ack)
{
	if (ack->msg[0])
		return ack->msg;
	if (ack->error == EPERM)
		return "Operation not permitted (CAP_NET_ADMIN needed)";
	return strerror(ack->error);
}

void explain_ack(const struct ack *ack, const struct nlmsghdr *req, char *buf,
		 size_t len)
{
	struct blame b = { 0 };
	char what[96];
	bool missing = false, found = false;

	if (req && !has_keyword(ack->msg)) {
		if (ack->has & ACK_MISS_TYPE)
			found = missing = blame_missing(ack, req, &b);
		if (!found && (ack->has & ACK_OFFS))
			found = blame_offset(ack, req, &b);
	}
	if (!found) {
		snprintf(buf, len, "%s", reason(ack));
		return;
	}
	if (missing) {
		snprintf(buf, len, "%s: %s%smissing%s%s%s", b.keyword,
			 b.part ? b.part : "", b.part ? " " : "",
			 ack->msg[0] ? " (" : "", ack->msg,
			 ack->msg[0] ? ")" : "");
	} else if (allowed(ack, b.duration && !b.part, what, sizeof(what))) {
		snprintf(buf, len, "%s: %s%s%s (%s)", b.keyword,
			 b.part ? b.part : "", b.part ? " " : "", what,
			 reason(ack));
	} else {
		snprintf(buf, len, "%s: %s%s%s", b.keyword,
			 b.part ? b.part : "", b.part ? ": " : "", reason(ack));
	}
}
