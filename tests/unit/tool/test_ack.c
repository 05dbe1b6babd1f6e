// SPDX-License-Identifier: GPL-2.0
/* Extended acks as the kernel lays them out (netlink_ack, netlink_dump_done). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include <stdio.h>

#include <netlink/attr.h>
#include <netlink/genl/genl.h>

#include <linux/vrrp.h>

#include "ack.h"
#include "attrs.h"
#include "explain.h"
#include "test.h"

static uint32_t buf[256];

static size_t put_attr(size_t off, uint16_t type, const void *data,
		       size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)buf + off);

	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	a->nla_type = type;
	if (len)
		memcpy((char *)a + NLA_HDRLEN, data, len);
	return off + NLA_ALIGN(a->nla_len);
}

/* An NLMSG_ERROR; a copy of a request of req_len bytes unless capped. */
static struct nlmsghdr *error_msg(int error, bool capped, size_t req_len,
				  const char *text)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct nlmsgerr *e = NLMSG_DATA(nlh);
	size_t off, payload = sizeof(*e);
	uint32_t offs = 20;

	memset(buf, 0xaa, sizeof(buf));
	nlh->nlmsg_type = NLMSG_ERROR;
	nlh->nlmsg_flags = capped ? NLM_F_CAPPED : 0;
	e->error = -error;
	e->msg.nlmsg_len = (uint32_t)req_len;
	if (!capped)
		payload += req_len - NLMSG_HDRLEN;
	off = NLMSG_HDRLEN + NLMSG_ALIGN(payload);
	if (text) {
		nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
		off = put_attr(off, NLMSGERR_ATTR_OFFS, &offs, sizeof(offs));
		off = put_attr(off, NLMSGERR_ATTR_MSG, text, strlen(text) + 1);
	}
	nlh->nlmsg_len = (uint32_t)off;
	return nlh;
}

static void capped_with_message(void)
{
	struct ack a;

	EXPECT(!ack_parse(error_msg(EINVAL, true, 40, "interval too short"), &a));
	EXPECT(a.error == EINVAL);
	EXPECT(!strcmp(a.msg, "interval too short"));
}

/* 37 bytes: the copy is padded to 40 before the first TLV. */
static void uncapped_with_message(void)
{
	struct ack a;

	EXPECT(!ack_parse(error_msg(ENOENT, false, 37, "no such instance"), &a));
	EXPECT(a.error == ENOENT);
	EXPECT(!strcmp(a.msg, "no such instance"));
}

static void without_tlvs(void)
{
	struct ack a;

	EXPECT(!ack_parse(error_msg(EPERM, true, 40, NULL), &a));
	EXPECT(a.error == EPERM && !a.msg[0]);
}

static void success_ack(void)
{
	struct ack a;

	EXPECT(!ack_parse(error_msg(0, true, 40, NULL), &a));
	EXPECT(a.error == 0 && !a.msg[0]);
}

static void unterminated_message_ignored(void)
{
	struct nlmsghdr *nlh = error_msg(EINVAL, true, 40, NULL);
	size_t off = nlh->nlmsg_len;
	struct ack a;

	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	nlh->nlmsg_len = (uint32_t)put_attr(off, NLMSGERR_ATTR_MSG, "abcd", 4);
	EXPECT(!ack_parse(nlh, &a));
	EXPECT(a.error == EINVAL && !a.msg[0]);
}

static void attribute_past_end_ignored(void)
{
	struct nlmsghdr *nlh = error_msg(EINVAL, true, 40, "truncated");
	struct ack a;

	nlh->nlmsg_len -= 8;
	EXPECT(!ack_parse(nlh, &a));
	EXPECT(a.error == EINVAL && !a.msg[0]);
}

static void truncated_error_refused(void)
{
	struct nlmsghdr *nlh = error_msg(EINVAL, true, 40, NULL);
	struct ack a;

	nlh->nlmsg_len = NLMSG_HDRLEN + 8;
	EXPECT(ack_parse(nlh, &a) == -1);
}

static void long_message_truncated(void)
{
	char text[400];
	struct ack a;

	memset(text, 'x', sizeof(text) - 1);
	text[sizeof(text) - 1] = '\0';
	EXPECT(!ack_parse(error_msg(EINVAL, true, 40, text), &a));
	EXPECT(strlen(a.msg) == ACK_MSG_MAX - 1);
}

static void dump_done_with_error(void)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	int err = -ENODEV;
	size_t off;
	struct ack a;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI | NLM_F_ACK_TLVS;
	memcpy(NLMSG_DATA(nlh), &err, sizeof(err));
	off = put_attr(NLMSG_HDRLEN + sizeof(int), NLMSGERR_ATTR_MSG,
		       "interface gone", 15);
	nlh->nlmsg_len = (uint32_t)off;
	EXPECT(!ack_parse(nlh, &a));
	EXPECT(a.error == ENODEV && !strcmp(a.msg, "interface gone"));
}

static void dump_done_clean(void)
{
	struct nlmsghdr *nlh = (struct nlmsghdr *)buf;
	struct ack a;

	nlh->nlmsg_type = NLMSG_DONE;
	nlh->nlmsg_flags = NLM_F_MULTI;
	nlh->nlmsg_len = NLMSG_HDRLEN + sizeof(int);
	memset(NLMSG_DATA(nlh), 0, sizeof(int));
	EXPECT(!ack_parse(nlh, &a));
	EXPECT(a.error == 0 && !a.msg[0]);
}

/*
 * Hand-built extacks with what policy rejections carry, laid out as
 * netlink_ack() does: the TLVs after a capped error, the policy nested with
 * its 64-bit values after PAD attributes, as nla_put_u64_64bit() aligns them.
 */
static size_t ack_end;

static struct nlmsghdr *ack_begin(int error, const char *text)
{
	struct nlmsghdr *nlh = error_msg(error, true, 40, NULL);

	nlh->nlmsg_flags |= NLM_F_ACK_TLVS;
	ack_end = nlh->nlmsg_len;
	if (text)
		ack_end = put_attr(ack_end, NLMSGERR_ATTR_MSG, text,
				   strlen(text) + 1);
	nlh->nlmsg_len = (uint32_t)ack_end;
	return nlh;
}

static void ack_u32(uint16_t type, uint32_t v)
{
	ack_end = put_attr(ack_end, type, &v, sizeof(v));
	((struct nlmsghdr *)buf)->nlmsg_len = (uint32_t)ack_end;
}

/* NLMSGERR_ATTR_POLICY of an integer: min and max, then the type. */
static void ack_policy_range(uint32_t type, uint64_t min, uint64_t max)
{
	size_t start = ack_end, off = ack_end + NLA_HDRLEN;
	struct nlattr *nest = (struct nlattr *)((char *)buf + start);

	off = put_attr(off, NL_POLICY_TYPE_ATTR_PAD, NULL, 0);
	off = put_attr(off, NL_POLICY_TYPE_ATTR_MIN_VALUE_U, &min, sizeof(min));
	off = put_attr(off, NL_POLICY_TYPE_ATTR_PAD, NULL, 0);
	off = put_attr(off, NL_POLICY_TYPE_ATTR_MAX_VALUE_U, &max, sizeof(max));
	off = put_attr(off, NL_POLICY_TYPE_ATTR_TYPE, &type, sizeof(type));
	nest->nla_len = (uint16_t)(off - start);
	nest->nla_type = NLA_F_NESTED | NLMSGERR_ATTR_POLICY;
	ack_end = off;
	((struct nlmsghdr *)buf)->nlmsg_len = (uint32_t)ack_end;
}

/* The same for a binary attribute's lengths; 0 leaves one out. */
static void ack_policy_len(uint32_t min, uint32_t max)
{
	size_t start = ack_end, off = ack_end + NLA_HDRLEN;
	struct nlattr *nest = (struct nlattr *)((char *)buf + start);
	uint32_t type = NL_ATTR_TYPE_BINARY;

	if (min)
		off = put_attr(off, NL_POLICY_TYPE_ATTR_MIN_LENGTH, &min,
			       sizeof(min));
	if (max)
		off = put_attr(off, NL_POLICY_TYPE_ATTR_MAX_LENGTH, &max,
			       sizeof(max));
	off = put_attr(off, NL_POLICY_TYPE_ATTR_TYPE, &type, sizeof(type));
	nest->nla_len = (uint16_t)(off - start);
	nest->nla_type = NLA_F_NESTED | NLMSGERR_ATTR_POLICY;
	ack_end = off;
	((struct nlmsghdr *)buf)->nlmsg_len = (uint32_t)ack_end;
}

static void policy_fields_parsed(void)
{
	struct nlmsghdr *nlh = ack_begin(EINVAL, "integer out of range");
	struct ack a;

	ack_u32(NLMSGERR_ATTR_OFFS, 36);
	ack_policy_range(NL_ATTR_TYPE_U32, 10, 40950);
	ack_u32(NLMSGERR_ATTR_MISS_TYPE, VRRP_A_VRID);
	ack_u32(NLMSGERR_ATTR_MISS_NEST, 44);
	EXPECT(!ack_parse(nlh, &a));
	EXPECT(a.error == EINVAL && !strcmp(a.msg, "integer out of range"));
	EXPECT(a.has == (ACK_OFFS | ACK_POLICY | ACK_MISS_TYPE | ACK_MISS_NEST));
	EXPECT(a.offs == 36 && a.miss_type == VRRP_A_VRID && a.miss_nest == 44);
	EXPECT(a.policy.has == (ACK_POL_TYPE | ACK_POL_MIN_U | ACK_POL_MAX_U));
	EXPECT(a.policy.type == NL_ATTR_TYPE_U32);
	EXPECT(a.policy.min_u == 10 && a.policy.max_u == 40950);
}

/* A value of the wrong size is as good as absent. */
static void policy_bad_sizes_ignored(void)
{
	struct nlmsghdr *nlh = ack_begin(EINVAL, NULL);
	uint16_t short_offs = 4;
	struct ack a;

	ack_end = put_attr(ack_end, NLMSGERR_ATTR_OFFS, &short_offs, 2);
	nlh->nlmsg_len = (uint32_t)ack_end;
	ack_policy_len(4, 4);
	EXPECT(!ack_parse(nlh, &a));
	EXPECT(!(a.has & ACK_OFFS) && (a.has & ACK_POLICY));
	EXPECT(a.policy.min_len == 4 && a.policy.max_len == 4);
	EXPECT(!(a.policy.has & (ACK_POL_MIN_U | ACK_POL_MAX_U)));
}

/* A request as add or set sends it, to point into. */
static struct nl_msg *req;
static struct vrrp_config req_cfg;

static const struct nlmsghdr *request(const char *line)
{
	static char text[256];
	char *argv[32], *tok;
	int argc = 0;

	snprintf(text, sizeof(text), "%s", line);
	for (tok = strtok(text, " "); tok; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	if (req)
		nlmsg_free(req);
	config_free(&req_cfg);
	req = nlmsg_alloc();
	genlmsg_put(req, 0, 0, 0x20, 0, 0, VRRP_CMD_NEW_INSTANCE, 1);
	if (config_parse(&req_cfg, CONFIG_ADD, argc, argv) ||
	    attrs_put_config(req, &req_cfg))
		test_fail(__FILE__, __LINE__, line);
	return nlmsg_hdr(req);
}

/* Offset of top-level attribute type, or of part inside the n-th vip. */
static uint32_t offset_of(int type, int vip, int part)
{
	struct nlmsghdr *nlh = nlmsg_hdr(req);
	struct nlattr *a = nlmsg_find_attr(nlh, GENL_HDRLEN, type), *v;
	int rem;

	if (a && vip >= 0) {
		nla_for_each_nested(v, a, rem)
			if (!vip--)
				break;
		a = part ? nla_find(nla_data(v), nla_len(v), part) : v;
	}
	return a ? (uint32_t)((char *)a - (char *)nlh) : 0;
}

static const char *explain(const struct nlmsghdr *request_hdr)
{
	static char line[512];
	struct ack a;

	if (ack_parse((struct nlmsghdr *)buf, &a))
		return "(unparsable)";
	explain_ack(&a, request_hdr, line, sizeof(line));
	return line;
}

static bool says(const char *got, const char *want)
{
	if (!strcmp(got, want))
		return true;
	fprintf(stderr, "got:  %s\nwant: %s\n", got, want);
	return false;
}

static void range_names_keyword(void)
{
	const struct nlmsghdr *r = request("dev lo vrid 9 priority 0 vip 192.0.2.1");

	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_PRIORITY, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U8, 1, 255);
	EXPECT(says(explain(r), "priority: must be 1-255 (integer out of range)"));
}

static void durations_in_units(void)
{
	const struct nlmsghdr *r = request("dev lo vrid 9 interval 5ms preempt-delay 9000 "
		    "garp-refresh 0.5 garp-delay 3601 vip 192.0.2.1");
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_INTERVAL_MS, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U32, 10, 40950);
	EXPECT(says(explain(r), "interval: must be from 10ms to 40950ms "
				"(integer out of range)"));
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_PREEMPT_DELAY_MS, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U32, 0, 3600000);
	EXPECT(says(explain(r), "preempt-delay: must be at most 3600s "
				"(integer out of range)"));
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_GARP_REFRESH_MS, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U32, 1000, 3600000);
	EXPECT(says(explain(r), "garp-refresh: must be from 1s to 3600s "
				"(integer out of range)"));
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_GARP_DELAY_MS, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U32, 0, 3600000);
	EXPECT(says(explain(r), "garp-delay: must be at most 3600s "
				"(integer out of range)"));
}

/* The other shapes a range takes. */
static void range_shapes(void)
{
	const struct nlmsghdr *r =
		request("dev lo vrid 9 garp-count 0 preempt vip 192.0.2.1");

	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_GARP_COUNT, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U32, 1, UINT32_MAX);
	EXPECT(says(explain(r), "garp-count: must be at least 1 (integer out of range)"));
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_PREEMPT, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U8, 1, 1);
	EXPECT(says(explain(r), "preempt: must be 1 (integer out of range)"));
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_PREEMPT, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U8, 0, 1);
	EXPECT(says(explain(r), "preempt: must be 0 or 1 (integer out of range)"));
	ack_begin(EINVAL, "invalid attribute length");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_PREEMPT, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U8, 0, 255);
	EXPECT(says(explain(r), "preempt: must fit in 8 bits (invalid attribute length)"));
}

static void vip_parts_named(void)
{
	const struct nlmsghdr *r =
		request("dev lo vrid 9 vip 192.0.2.1 vip 192.0.2.2/0");

	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_VIPS, 1, VRRP_VIP_A_PREFIXLEN));
	ack_policy_range(NL_ATTR_TYPE_U8, 1, 32);
	EXPECT(says(explain(r), "vip: prefix length must be 1-32 (integer out of range)"));
	ack_begin(EINVAL, "Attribute failed policy validation");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_VIPS, 0, VRRP_VIP_A_ADDR));
	ack_policy_len(4, 4);
	EXPECT(says(explain(r), "vip: address must be 4 bytes "
				"(Attribute failed policy validation)"));
	/* The list, or one entry, without a policy to quote. */
	ack_begin(EINVAL, "NLA_F_NESTED is missing");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_VIPS, -1, 0));
	EXPECT(says(explain(r), "vip: NLA_F_NESTED is missing"));
	ack_begin(E2BIG, NULL);
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_VIPS, 1, 0));
	EXPECT(says(explain(r), "vip: Argument list too long"));
}

static void missing_named(void)
{
	const struct nlmsghdr *r = request("dev lo vrid 9 vip 192.0.2.1");

	ack_begin(EINVAL, NULL);
	ack_u32(NLMSGERR_ATTR_MISS_TYPE, VRRP_A_VRID);
	EXPECT(says(explain(r), "vrid: missing"));
	ack_begin(EINVAL, "Missing attribute");
	ack_u32(NLMSGERR_ATTR_MISS_TYPE, VRRP_A_IFINDEX);
	EXPECT(says(explain(r), "dev: missing (Missing attribute)"));
	ack_begin(EINVAL, NULL);
	ack_u32(NLMSGERR_ATTR_MISS_TYPE, VRRP_A_VIPS);
	EXPECT(says(explain(r), "vip: missing"));
	ack_begin(EINVAL, NULL);
	ack_u32(NLMSGERR_ATTR_MISS_TYPE, VRRP_VIP_A_ADDR);
	ack_u32(NLMSGERR_ATTR_MISS_NEST, offset_of(VRRP_A_VIPS, 0, 0));
	EXPECT(says(explain(r), "vip: address missing"));
	ack_begin(EINVAL, NULL);
	ack_u32(NLMSGERR_ATTR_MISS_TYPE, 42);
	EXPECT(says(explain(r), "attribute 42: missing"));
}

/* The kernel's own checks already lead with the keyword. */
static void keyword_text_kept(void)
{
	const struct nlmsghdr *r = request("dev lo vrid 9 interval 15ms vip 192.0.2.1");

	ack_begin(EINVAL, "interval: must be a multiple of 10ms from 10ms to 40950ms");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_INTERVAL_MS, -1, 0));
	ack_policy_range(NL_ATTR_TYPE_U32, 10, 40950);
	EXPECT(says(explain(r), "interval: must be a multiple of 10ms from 10ms to 40950ms"));
}

static void unnamed_falls_back(void)
{
	const struct nlmsghdr *r = request("dev lo vrid 9 vip 192.0.2.1");

	/* Another family's request: nothing to name. */
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_VRID, -1, 0));
	EXPECT(says(explain(NULL), "integer out of range"));
	/* An offset that is no attribute of ours. */
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_VRID, -1, 0) + 2);
	EXPECT(says(explain(r), "integer out of range"));
	ack_begin(EINVAL, "integer out of range");
	ack_u32(NLMSGERR_ATTR_OFFS, 4000);
	EXPECT(says(explain(r), "integer out of range"));
	ack_begin(EPERM, NULL);
	EXPECT(says(explain(r), "Operation not permitted (CAP_NET_ADMIN needed)"));
	ack_begin(ENOENT, NULL);
	EXPECT(says(explain(r), "No such file or directory"));
	/* Named, but neither text nor policy: the errno. */
	ack_begin(EINVAL, NULL);
	ack_u32(NLMSGERR_ATTR_OFFS, offset_of(VRRP_A_VRID, -1, 0));
	EXPECT(says(explain(r), "vrid: Invalid argument"));
	nlmsg_free(req);
	req = NULL;
	config_free(&req_cfg);
}

const struct test ack_tests[] = {
	{ "extack: capped error with message", capped_with_message },
	{ "extack: uncapped error, padded request copy", uncapped_with_message },
	{ "extack: error without TLVs", without_tlvs },
	{ "extack: success ack", success_ack },
	{ "extack: unterminated message ignored", unterminated_message_ignored },
	{ "extack: attribute past the end ignored", attribute_past_end_ignored },
	{ "extack: truncated error refused", truncated_error_refused },
	{ "extack: long message truncated safely", long_message_truncated },
	{ "extack: dump DONE carrying an error", dump_done_with_error },
	{ "extack: dump DONE without error", dump_done_clean },
	{ "extack: offset, policy, missing type and nest", policy_fields_parsed },
	{ "extack: values of the wrong size ignored", policy_bad_sizes_ignored },
	{ "error: a range names the keyword", range_names_keyword },
	{ "error: durations in ms or s", durations_in_units },
	{ "error: at least, exactly, type width", range_shapes },
	{ "error: inside a vip, its part", vip_parts_named },
	{ "error: missing attributes named", missing_named },
	{ "error: kernel text with a keyword kept", keyword_text_kept },
	{ "error: nothing to name, text as before", unnamed_falls_back },
	{ NULL, NULL },
};
