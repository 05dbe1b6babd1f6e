// SPDX-License-Identifier: GPL-2.0
/*
 * stats --prometheus [SELECTORS] and stats --textfile DIR [SELECTORS]:
 * read the instances (those the selectors keep), the health objects and
 * the unmatched counters, and write them as Prometheus metrics (prom.c),
 * to stdout or atomically to DIR/vrrp.prom for node_exporter's textfile
 * collector: a temporary file in DIR, renamed over the old one, so that a
 * scrape never reads half a file.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "config.h"
#include "health.h"
#include "instance.h"
#include "netlink.h"
#include "parse.h"
#include "prom.h"
#include "vrrpadm.h"

struct collect {
	const struct vrrp_config *sel;
	struct prom_data d;
};

static int on_instance(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct collect *c = arg;
	struct instance in;

	if (vnl_parse(msg, tb))
		return -1;
	instance_get(tb, &in);
	if (!instance_selected(c->sel, &in))
		return 0;
	if (prom_add_instance(&c->d, &in)) {
		errorf("out of memory");
		return -1;
	}
	return 0;
}

static int on_object(struct nl_msg *msg, void *arg)
{
	struct collect *c = arg;
	struct health h;

	if (health_get(msg, &h))
		return -1;
	if (prom_add_object(&c->d, &h)) {
		errorf("out of memory");
		return -1;
	}
	return 0;
}

static int on_netstats(struct nl_msg *msg, void *arg)
{
	struct nlattr *tb[VRRP_A_MAX + 1];
	struct collect *c = arg;

	if (vnl_parse(msg, tb))
		return -1;
	instance_get_stats(tb[VRRP_A_STATS], c->d.unmatched);
	c->d.has_unmatched = true;
	return 0;
}

static int collect(struct collect *c)
{
	struct nl_msg *msg;
	struct vnl nl;
	int ret;

	if (vnl_open(&nl))
		return EXIT_FAIL;
	ret = dump_namespace(&nl, on_object, c,
			     config_has(c->sel, CFG_DEV) ? c->sel->ifindex : 0,
			     on_instance, c);
	/* The namespace's own counters belong to no interface. */
	if (!ret && !config_has(c->sel, CFG_DEV)) {
		msg = vnl_msg(&nl, VRRP_CMD_GET_NETSTATS, 0, 0);
		ret = msg ? vnl_request(&nl, msg, on_netstats, c) : EXIT_FAIL;
	}
	vnl_close(&nl);
	return ret;
}

/* DIR/vrrp.prom, replaced whole. */
static int write_textfile(const char *dir, const struct prom_data *d)
{
	char tmp[PATH_MAX], final[PATH_MAX];
	FILE *f;
	int fd;

	if (snprintf(final, sizeof(final), "%s/vrrp.prom", dir) >=
	    (int)sizeof(final) ||
	    snprintf(tmp, sizeof(tmp), "%s/.vrrp.prom.XXXXXX", dir) >=
	    (int)sizeof(tmp)) {
		errorf("--textfile: path too long");
		return EXIT_USAGE;
	}
	fd = mkstemp(tmp);
	if (fd < 0) {
		errorf("--textfile: cannot create a file in %s: %s", dir,
		       strerror(errno));
		return EXIT_FAIL;
	}
	/* The collector reads files of any owner; mkstemp makes them 0600. */
	fchmod(fd, 0644);
	f = fdopen(fd, "w");
	if (!f) {
		close(fd);
		unlink(tmp);
		errorf("--textfile: %s", strerror(errno));
		return EXIT_FAIL;
	}
	prom_write(f, d);
	if (fflush(f) || fsync(fd) || fclose(f)) {
		errorf("--textfile: writing %s: %s", tmp, strerror(errno));
		unlink(tmp);
		return EXIT_FAIL;
	}
	if (rename(tmp, final)) {
		errorf("--textfile: renaming to %s: %s", final, strerror(errno));
		unlink(tmp);
		return EXIT_FAIL;
	}
	return EXIT_OK;
}

/* argv[0] is --prometheus or --textfile. */
int metrics_main(int argc, char **argv)
{
	struct collect c = { 0 };
	const char *dir = NULL;
	struct vrrp_config sel;
	int skip = 1, ret;

	if (!strcmp(argv[0], "--textfile")) {
		if (argc < 2) {
			errorf("\"--textfile\" needs a directory");
			usage_hint("stats");
			return EXIT_USAGE;
		}
		dir = argv[1];
		skip = 2;
	}
	ret = config_parse(&sel, CONFIG_SELECT, argc - skip, argv + skip);
	if (ret) {
		if (ret != CONFIG_HELP)
			usage_hint("stats");
		else
			stats_help(stdout);
		config_free(&sel);
		return ret == CONFIG_HELP ? EXIT_OK : EXIT_USAGE;
	}
	c.sel = &sel;
	ret = EXIT_FAIL;
	if (!config_has(&sel, CFG_DEV) || !config_resolve_dev(&sel))
		ret = collect(&c);
	if (!ret) {
		if (dir) {
			ret = write_textfile(dir, &c.d);
		} else {
			prom_write(stdout, &c.d);
			ret = fflush(stdout) ? EXIT_FAIL : EXIT_OK;
		}
	}
	prom_free(&c.d);
	config_free(&sel);
	return ret;
}
