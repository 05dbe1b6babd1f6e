// SPDX-License-Identifier: GPL-2.0
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>

#include "family.h"
#include "parse.h"

static const struct vrrp_family families[] = {
	{ "inet", AF_INET, 4, 32 },
	{ "inet6", AF_INET6, 16, 128 },
};

const struct vrrp_family *family_at(size_t i)
{
	return i < sizeof(families) / sizeof(families[0]) ? &families[i] : NULL;
}

const struct vrrp_family *family_default(void)
{
	return &families[0];
}

int family_parse(const char *name, const struct vrrp_family **out)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++) {
		if (strcmp(name, families[i].name))
			continue;
		*out = &families[i];
		return 0;
	}
	errorf("unknown family \"%s\" (expected inet or inet6)", name);
	return -1;
}

const char *family_name(unsigned int af, char *buf, size_t len)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (families[i].af == af)
			return families[i].name;
	snprintf(buf, len, "af%u", af);
	return buf;
}

const char *family_parse_vip(const struct vrrp_family *f, const char *s,
			     struct vip *vip)
{
	char addr[ADDR_STR_MAX];
	const char *slash = strchr(s, '/');
	size_t len = slash ? (size_t)(slash - s) : strlen(s);
	uint32_t plen = f->max_plen;

	if (len >= sizeof(addr))
		return "not an address";
	memcpy(addr, s, len);
	addr[len] = '\0';
	memset(vip, 0, sizeof(*vip));
	if (inet_pton(f->af, addr, vip->addr) != 1)
		return f->af == AF_INET ? "not an IPv4 address (family inet6 for IPv6)"
					: "not an IPv6 address";
	if (slash && parse_uint(slash + 1, 0, f->max_plen, &plen))
		return f->af == AF_INET ? "prefix length must be 0-32"
					: "prefix length must be 0-128";
	vip->plen = (uint8_t)plen;
	return NULL;
}

const char *family_parse_addr(const struct vrrp_family *f, const char *s,
			      struct vip *addr)
{
	memset(addr, 0, sizeof(*addr));
	if (inet_pton(f->af, s, addr->addr) != 1)
		return f->af == AF_INET ? "not an IPv4 address (family inet6 for IPv6)"
					: "not an IPv6 address";
	addr->plen = (uint8_t)f->max_plen;
	return NULL;
}

const char *family_format_addr(const void *addr, size_t len, char *buf,
			       size_t buflen)
{
	for (size_t i = 0; i < sizeof(families) / sizeof(families[0]); i++)
		if (families[i].addr_len == len)
			return inet_ntop(families[i].af, addr, buf,
					 (socklen_t)buflen);
	return NULL;
}
