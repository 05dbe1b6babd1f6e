// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <string.h>

#include "family.h"
#include "test.h"

static bool vip_ok(const char *s, const char *addr, unsigned int plen)
{
	struct vip v;
	struct in_addr want;

	inet_pton(AF_INET, addr, &want);
	return !family_parse_vip(family_default(), s, &v) &&
	       !memcmp(v.addr, &want, 4) && v.plen == plen;
}

static bool vip_bad(const char *s)
{
	struct vip v;

	return family_parse_vip(family_default(), s, &v) != NULL;
}

static void vip_default_prefix_is_32(void)
{
	EXPECT(vip_ok("192.0.2.10", "192.0.2.10", 32));
}

static void vip_with_prefix(void)
{
	EXPECT(vip_ok("192.0.2.10/24", "192.0.2.10", 24));
	EXPECT(vip_ok("10.0.0.1/0", "10.0.0.1", 0));
	EXPECT(vip_ok("10.0.0.1/32", "10.0.0.1", 32));
}

static void vip_rejects_bad_prefix(void)
{
	EXPECT(vip_bad("192.0.2.10/33"));
	EXPECT(vip_bad("192.0.2.10/"));
	EXPECT(vip_bad("192.0.2.10/-1"));
	EXPECT(vip_bad("192.0.2.10/24x"));
	EXPECT(vip_bad("192.0.2.10/24/24"));
}

static void vip_rejects_bad_address(void)
{
	EXPECT(vip_bad(""));
	EXPECT(vip_bad("/24"));
	EXPECT(vip_bad("192.0.2"));
	EXPECT(vip_bad("192.0.2.256"));
	EXPECT(vip_bad("192.0.2.1.1"));
	EXPECT(vip_bad("host.example"));
	EXPECT(vip_bad("2001:db8::1"));
	EXPECT(vip_bad("0x7f.0.0.1"));
	EXPECT(vip_bad("1111111111111111111111111111111111111111111111111111111111111111111111"));
}

static void family_inet_accepted(void)
{
	const struct vrrp_family *f = NULL;

	EXPECT(!family_parse("inet", &f) && f && f->af == AF_INET);
}

static void family_inet6(void)
{
	const struct vrrp_family *f = NULL;
	struct vip vip;

	EXPECT(!family_parse("inet6", &f) && f && f->af == AF_INET6);
	EXPECT(!family_parse_vip(f, "fe80::1", &vip) && vip.plen == 128 &&
	       vip.addr[0] == 0xfe && vip.addr[1] == 0x80 && vip.addr[15] == 1);
	EXPECT(!family_parse_vip(f, "2001:db8::10/64", &vip) && vip.plen == 64);
	EXPECT(!strcmp(family_parse_vip(f, "192.0.2.1", &vip),
		       "not an IPv6 address"));
	EXPECT(!strcmp(family_parse_vip(f, "fe80::1/129", &vip),
		       "prefix length must be 0-128"));
}

static void family_unknown_refused(void)
{
	const struct vrrp_family *f = NULL;
	const char *err;
	int ret;

	capture_start();
	ret = family_parse("ipx", &f);
	err = capture_end();
	EXPECT(ret == -1);
	EXPECT(strstr(err, "unknown family \"ipx\""));
}

static void format_addr_by_length(void)
{
	unsigned char a4[4] = { 192, 0, 2, 1 };
	char buf[ADDR_STR_MAX];

	EXPECT(family_format_addr(a4, 4, buf, sizeof(buf)) &&
	       !strcmp(buf, "192.0.2.1"));
	EXPECT(!family_format_addr(a4, 3, buf, sizeof(buf)));
}

static void family_name_unknown(void)
{
	char buf[16];

	EXPECT(!strcmp(family_name(AF_INET, buf, sizeof(buf)), "inet"));
	EXPECT(!strcmp(family_name(99, buf, sizeof(buf)), "af99"));
}

const struct test family_tests[] = {
	{ "vip: default prefix is /32", vip_default_prefix_is_32 },
	{ "vip: prefix 0-32", vip_with_prefix },
	{ "vip: bad prefix refused", vip_rejects_bad_prefix },
	{ "vip: bad address refused", vip_rejects_bad_address },
	{ "family: inet accepted", family_inet_accepted },
	{ "family: inet6 refused as not supported yet", family_inet6 },
	{ "family: unknown name refused", family_unknown_refused },
	{ "family: addresses formatted by length", format_addr_by_length },
	{ "family: unknown number named af<N>", family_name_unknown },
	{ NULL, NULL },
};
