// SPDX-License-Identifier: GPL-2.0
/* add and set: the same keywords, one builds an instance, one changes it. */
#include <stdio.h>

#include "attrs.h"
#include "config.h"
#include "netlink.h"
#include "parse.h"
#include "vrrpadm.h"

#define USAGE_INDENT "           "

void add_help(FILE *f)
{
	config_synopsis(f, CONFIG_ADD, "Usage: " PROG_NAME " add dev IF vrid N",
			USAGE_INDENT);
	fputs(USAGE_INDENT "vip ADDR[/PLEN] [vip ADDR[/PLEN] ...]\n"
	      "Creates instance N (1-255) on interface IF with at least one virtual address.\n"
	      "\n", f);
	config_params_help(f);
}

void set_help(FILE *f)
{
	config_synopsis(f, CONFIG_SET, "Usage: " PROG_NAME " set dev IF vrid N",
			USAGE_INDENT);
	fputs(USAGE_INDENT "[vip ADDR[/PLEN] [vip ADDR[/PLEN] ...]]\n"
	      "Changes instance N on interface IF; what is not given keeps its value.\n"
	      "A vip list, if given, replaces the whole list.\n"
	      "\n", f);
	config_params_help(f);
}

int config_send(struct vnl *nl, uint8_t cmd, const struct vrrp_config *c)
{
	struct nl_msg *msg;

	msg = vnl_msg(nl, cmd, 0, attrs_size(c));
	if (!msg)
		return EXIT_FAIL;
	if (attrs_put_config(msg, c)) {
		errorf("too many attributes for one message");
		nlmsg_free(msg);
		return EXIT_FAIL;
	}
	return vnl_request(nl, msg, NULL, NULL);
}

int send_config(const struct config_command *cc, int argc, char **argv)
{
	struct vrrp_config c;
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
	ret = config_send(&nl, cc->cmd, &c);
	vnl_close(&nl);
out:
	config_free(&c);
	return ret;
}

const struct config_command add_command = {
	"add", CONFIG_ADD, VRRP_CMD_NEW_INSTANCE, add_help
};

const struct config_command set_command = {
	"set", CONFIG_SET, VRRP_CMD_SET_INSTANCE, set_help
};

int add_main(int argc, char **argv)
{
	return send_config(&add_command, argc, argv);
}

int set_main(int argc, char **argv)
{
	return send_config(&set_command, argc, argv);
}
