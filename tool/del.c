// SPDX-License-Identifier: GPL-2.0
#include <stdio.h>

#include "config.h"
#include "netlink.h"
#include "vrrpadm.h"

void del_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " del dev IF vrid N [family inet|inet6]\n"
		"Deletes instance N on interface IF. A master first sends an\n"
		"advertisement with priority 0 so a backup takes over at once.\n");
}

const struct config_command del_command = {
	"del", CONFIG_DEL, VRRP_CMD_DEL_INSTANCE, del_help
};

int del_main(int argc, char **argv)
{
	return send_config(&del_command, argc, argv);
}
