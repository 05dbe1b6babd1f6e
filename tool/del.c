// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpadm del: the instances show's selectors name (dev, vrid, family,
 * any of them). dev, vrid and family together name one instance: one
 * request; dev and vrid, a request per family, so that thousands of such
 * lines in a batch cost no more than before. Otherwise a dump says which
 * instances match. Each instance is deleted by its own request, so every
 * master among them sends its priority 0 advertisement.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "family.h"
#include "instance.h"
#include "netlink.h"
#include "parse.h"
#include "vrrpadm.h"

void del_help(FILE *f)
{
	fprintf(f,
		"Usage: " PROG_NAME " del [dev IF] [vrid N] [family inet|inet6]\n"
		"Deletes the instances show would list for the same words (at least\n"
		"one of them): instance N on IF of both families, or of the one given;\n"
		"every instance on IF; instance N on every interface. A master first\n"
		"sends an advertisement with priority 0 so a backup takes over at once.\n");
}

const struct config_command del_command = {
	"del", CONFIG_DEL, VRRP_CMD_DEL_INSTANCE, del_help
};

struct del_key {
	unsigned int ifindex, vrid;
	const struct vrrp_family *family;
};

struct matches {
	const struct vrrp_config *sel;
	struct del_key *keys;
	size_t n, cap;
};

static int on_instance(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct matches *m = arg;
	struct del_key *k;
	struct instance in;

	if (vnl_parse(msg, tb))
		return -1;
	instance_get(tb, &in);
	if (!instance_selected(m->sel, &in))
		return 0;
	k = grow_array(m->keys, &m->cap, m->n, sizeof(*k));
	if (!k) {
		errorf("out of memory");
		return -1;
	}
	m->keys = k;
	k = &m->keys[m->n];
	k->ifindex = in.ifindex;
	k->vrid = in.vrid;
	/* A family this tool does not know is not one it can name back. */
	if (family_parse(in.family, &k->family))
		return -1;
	m->n++;
	return 0;
}

/*
 * One instance, named whole: EXIT_OK with *gone set when it was not there
 * (gone since the dump, or never of that family).
 */
static int del_one(struct vnl *nl, const struct del_key *k, bool *gone)
{
	struct nl_msg *msg = vnl_msg(nl, VRRP_CMD_DEL_INSTANCE, 0, 32);
	struct ack ack;
	int err;

	if (!msg)
		return EXIT_FAIL;
	if (nla_put_u32(msg, VRRP_A_IFINDEX, k->ifindex) ||
	    nla_put_u8(msg, VRRP_A_VRID, (uint8_t)k->vrid) ||
	    nla_put_u16(msg, VRRP_A_FAMILY, (uint16_t)k->family->af)) {
		nlmsg_free(msg);
		errorf("out of memory");
		return EXIT_FAIL;
	}
	err = vnl_exchange(nl, msg, NULL, NULL, &ack);
	*gone = err > 0 && vnl_not_found(&ack, nlmsg_hdr(msg));
	if (err > 0 && !*gone)
		vnl_report(nl, &ack, nlmsg_hdr(msg));
	nlmsg_free(msg);
	return err && !*gone ? EXIT_FAIL : EXIT_OK;
}

/* dev IF vrid N: instance N on IF of each family, without a dump. */
static int del_families(struct vnl *nl, const struct vrrp_config *c)
{
	struct del_key k = { .ifindex = c->ifindex, .vrid = c->vrid };
	bool gone, any = false;
	int ret = EXIT_OK;

	for (size_t i = 0; !ret && (k.family = family_at(i)); i++) {
		ret = del_one(nl, &k, &gone);
		any |= !gone;
	}
	if (!ret && !any) {
		errorf("%s", instance_none_selected(c));
		ret = EXIT_NOT_FOUND;
	}
	return ret;
}

int del_selected(struct vnl *nl, const struct vrrp_config *c)
{
	struct matches m = { .sel = c };
	bool gone;
	int ret;

	if (config_has(c, CFG_DEV) && config_has(c, CFG_VRID))
		return config_has(c, CFG_FAMILY) ?
		       config_send(nl, VRRP_CMD_DEL_INSTANCE, c) :
		       del_families(nl, c);
	ret = vnl_dump_instances(nl, config_has(c, CFG_DEV) ? c->ifindex : 0,
				 on_instance, &m);
	if (!ret && !m.n) {
		errorf("%s", instance_none_selected(c));
		ret = EXIT_NOT_FOUND;
	}
	for (size_t i = 0; !ret && i < m.n; i++)
		ret = del_one(nl, &m.keys[i], &gone);
	free(m.keys);
	return ret;
}

int del_main(int argc, char **argv)
{
	struct vrrp_config c;
	struct vnl nl;
	int ret;

	ret = config_parse(&c, CONFIG_DEL, argc, argv);
	if (ret == CONFIG_HELP) {
		del_help(stdout);
		ret = EXIT_OK;
	} else if (ret) {
		usage_hint("del");
		ret = EXIT_USAGE;
	} else if (config_resolve_dev(&c) || vnl_open(&nl)) {
		ret = EXIT_FAIL;
	} else {
		ret = del_selected(&nl, &c);
		vnl_close(&nl);
	}
	config_free(&c);
	return ret;
}
