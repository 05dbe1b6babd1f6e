// SPDX-License-Identifier: GPL-2.0
/* add and set: the same keywords, one builds an instance, one changes it. */
#include <stdio.h>

#include "attrs.h"
#include "config.h"
#include "netlink.h"
#include "parse.h"
#include "vrrpadm.h"

const char params_help[] =
	"  family inet              address family (default; inet6 is not supported yet)\n"
	"  priority 1-255           priority (default 100; 255: the address owner)\n"
	"  interval DURATION        advertisement interval (default 1s)\n"
	"  preempt | nopreempt      take over from a lower priority master (default preempt)\n"
	"  preempt-delay DURATION   wait this long after startup before preempting (default 0)\n"
	"  accept | noaccept        answer traffic to the vips as a non-owner master\n"
	"                           (default accept; the kernel refuses noaccept for now)\n"
	"  garp-count N             gratuitous ARPs sent on becoming master (default 5)\n"
	"  garp-interval DURATION   time between them (default 0: all at once)\n"
	"  vip ADDR[/PLEN]          a virtual IPv4 address, PLEN 0-32 (default 32)\n"
	"\n"
	"DURATION is e.g. 100ms, 1.5s or 0.1s; a bare number means seconds.\n"
	"Values are checked by the kernel, which says what is wrong.\n";

void add_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " add dev IF vrid N [family inet] [priority P] [interval DURATION]\n"
		"           [preempt | nopreempt] [preempt-delay DURATION] [accept | noaccept]\n"
		"           [garp-count N] [garp-interval DURATION]\n"
		"           vip ADDR[/PLEN] [vip ADDR[/PLEN] ...]\n"
		"Creates instance N (1-255) on interface IF with at least one virtual address.\n"
		"\n%s", params_help);
}

void set_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " set dev IF vrid N [family inet] [priority P] [interval DURATION]\n"
		"           [preempt | nopreempt] [preempt-delay DURATION] [accept | noaccept]\n"
		"           [garp-count N] [garp-interval DURATION]\n"
		"           [vip ADDR[/PLEN] [vip ADDR[/PLEN] ...]]\n"
		"Changes instance N on interface IF; what is not given keeps its value.\n"
		"A vip list, if given, replaces the whole list.\n"
		"\n%s", params_help);
}

int send_config(const struct config_command *cc, int argc, char **argv)
{
	struct vrrp_config c;
	struct nl_msg *msg;
	struct vnl nl;
	int ret;

	ret = config_parse(&c, cc->kind, argc, argv);
	if (ret == CONFIG_HELP) {
		cc->help(stdout);
		ret = EXIT_OK;
		goto out;
	}
	if (ret) {
		usage_hint(cc->name);
		ret = EXIT_USAGE;
		goto out;
	}
	ret = EXIT_FAIL;
	if (config_resolve_dev(&c) || vnl_open(&nl))
		goto out;
	msg = vnl_msg(&nl, cc->cmd, 0, attrs_size(&c));
	if (msg && attrs_put_config(msg, &c)) {
		errorf("too many attributes for one message");
		nlmsg_free(msg);
		msg = NULL;
	}
	if (msg)
		ret = vnl_request(&nl, msg, NULL, NULL);
	vnl_close(&nl);
out:
	config_free(&c);
	return ret;
}

int add_main(int argc, char **argv)
{
	static const struct config_command cc = {
		"add", CONFIG_ADD, VRRP_CMD_NEW_INSTANCE, add_help
	};

	return send_config(&cc, argc, argv);
}

int set_main(int argc, char **argv)
{
	static const struct config_command cc = {
		"set", CONFIG_SET, VRRP_CMD_SET_INSTANCE, set_help
	};

	return send_config(&cc, argc, argv);
}
