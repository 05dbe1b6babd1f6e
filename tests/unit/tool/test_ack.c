// SPDX-License-Identifier: GPL-2.0
/* Extended acks as the kernel lays them out (netlink_ack, netlink_dump_done). */
#include <errno.h>
#include <stdint.h>
#include <string.h>

#include "ack.h"
#include "test.h"

static uint32_t buf[256];

static size_t put_attr(size_t off, uint16_t type, const void *data,
		       size_t len)
{
	struct nlattr *a = (struct nlattr *)((char *)buf + off);

	a->nla_len = (uint16_t)(NLA_HDRLEN + len);
	a->nla_type = type;
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
	{ NULL, NULL },
};
