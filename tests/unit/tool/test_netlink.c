// SPDX-License-Identifier: GPL-2.0
/*
 * The request loop against a real kernel: the vrrp family is not on this
 * host, so nlctrl stands in. It shows that replies, acks, dumps and
 * extack messages are read the way vrrpadm relies on.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <netlink/genl/ctrl.h>
#include <linux/genetlink.h>

#include "netlink.h"
#include "test.h"
#include "vrrpadm.h"

static int replies;

static int count_reply(struct nl_msg *msg, void *arg)
{
	(void)msg;
	(void)arg;
	replies++;
	return 0;
}

/* ctrl_request()'s answer when the host has no generic netlink at all. */
#define SKIPPED (-1)

/*
 * GETFAMILY for name, as a dump if flags say so; returns the exit code, or
 * SKIPPED, having marked the test skipped: the caller must then stop, as
 * there is no reply to look at (*err is "" then, never garbage).
 */
static int ctrl_request(int flags, const char *name, const char **err)
{
	static char why[256];
	struct vnl nl;
	struct nl_msg *msg;
	int ret;

	replies = 0;
	*err = "";
	/* vnl_connect() explains a failure on stderr: that is the reason. */
	capture_start();
	ret = vnl_connect(&nl);
	snprintf(why, sizeof(why), "%s", capture_end());
	if (ret) {
		why[strcspn(why, "\n")] = '\0';
		test_skip(why[0] ? why : "no generic netlink socket");
		return SKIPPED;
	}
	nl.family = GENL_ID_CTRL;
	msg = vnl_msg(&nl, CTRL_CMD_GETFAMILY, flags, 128);
	if (name)
		nla_put_string(msg, CTRL_ATTR_FAMILY_NAME, name);
	capture_start();
	ret = vnl_request(&nl, msg, count_reply, NULL);
	*err = capture_end();
	vnl_close(&nl);
	return ret;
}

static void get_reply_then_ack(void)
{
	const char *err;
	int ret = ctrl_request(0, "nlctrl", &err);

	if (ret == SKIPPED)
		return;
	EXPECT(ret == EXIT_OK);
	EXPECT(replies == 1 && !*err);
}

static void dump_until_done(void)
{
	const char *err;
	int ret = ctrl_request(NLM_F_DUMP, NULL, &err);

	if (ret == SKIPPED)
		return;
	EXPECT(ret == EXIT_OK);
	EXPECT(replies >= 1 && !*err);
}

static void kernel_error_reported(void)
{
	const char *err;
	int ret = ctrl_request(0, "no-such-family", &err);

	if (ret == SKIPPED)
		return;
	EXPECT(ret == EXIT_FAIL);
	EXPECT(replies == 0 && !strncmp(err, "Error: ", 7));
}

/* A name longer than GENL_NAMSIZ fails policy validation, with extack. */
static void extack_message_reported(void)
{
	const char *err;
	int ret = ctrl_request(0, "a-name-much-longer-than-sixteen-bytes",
			       &err);

	if (ret == SKIPPED)
		return;
	EXPECT(ret == EXIT_FAIL);
	EXPECT(!strncmp(err, "Error: ", 7));
	EXPECT(strcmp(err, "Error: Invalid argument\n"));
}

/* ENOENT that blames the vrid or the object's name: exit status 3. */
static void not_found_blames_the_subject(void)
{
	struct vnl fake = { .family = 0x20 };
	struct nl_msg *req = vnl_msg(&fake, VRRP_CMD_SET_INSTANCE, 0, 64);
	struct ack ack = { .error = ENOENT, .has = ACK_OFFS };
	uint32_t base = NLMSG_HDRLEN + GENL_HDRLEN;

	nla_put_u32(req, VRRP_A_IFINDEX, 2);		/* at base */
	nla_put_u8(req, VRRP_A_VRID, 51);		/* at base + 8 */
	ack.offs = base + 8;
	EXPECT(vnl_not_found(&ack, nlmsg_hdr(req)));
	ack.offs = base;
	EXPECT(!vnl_not_found(&ack, nlmsg_hdr(req)));
	ack.offs = base + 8;
	ack.error = EINVAL;
	EXPECT(!vnl_not_found(&ack, nlmsg_hdr(req)));
	ack.error = ENOENT;
	ack.has = 0;
	EXPECT(!vnl_not_found(&ack, nlmsg_hdr(req)));
	nlmsg_free(req);
}

const struct test netlink_tests[] = {
	{ "netlink: ENOENT on the vrid is exit 3, nothing else",
	  not_found_blames_the_subject },
	{ "netlink: GET reads one reply and the ack", get_reply_then_ack },
	{ "netlink: dump reads until DONE", dump_until_done },
	{ "netlink: kernel error gives exit 1", kernel_error_reported },
	{ "netlink: extack text is what is printed", extack_message_reported },
	{ NULL, NULL },
};
