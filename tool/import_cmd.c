// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpadm import-keepalived [FILE]: prints FILE (default
 * /etc/keepalived/keepalived.conf) as our configuration file on stdout,
 * and on stderr every keyword it did not translate, "FILE:LINE: keyword:
 * why". Exit status 0 when everything was translated, 1 when something
 * was reported (the output is still written), 2 when FILE cannot be read.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "import.h"
#include "kaconf.h"
#include "parse.h"
#include "vrrpadm.h"

void import_help(FILE *f)
{
	fputs("Usage: " PROG_NAME " import-keepalived [--id ID] [FILE]\n"
	      "Prints FILE (default " KEEPALIVED_CONF_DEFAULT ", with its includes)\n"
	      "as a configuration file for apply (see vrrp.conf(5)): vrrp_instance,\n"
	      "vrrp_script, vrrp_track_process, vrrp_track_file, vrrp_sync_group and\n"
	      "global_defs' VRRP settings. keepalived speaks VRRPv2 by default: such\n"
	      "instances get \"version 2\". Every keyword not translated is reported\n"
	      "on stderr as FILE:LINE: keyword: why, and the exit status is then 1.\n"
	      "Conditional lines (@ID, @^ID) are read as keepalived -i ID reads them;\n"
	      "ID is this host's name unless --id gives it, as keepalived's is.\n"
	      "  vrrpadm import-keepalived > /etc/vrrp/vrrp.conf\n", f);
}

static unsigned int read_reports;

static void reader_report(const char *file, unsigned int line,
			  const char *what, const char *why)
{
	fprintf(stderr, "%s:%u: %.40s: %s\n", file, line, what, why);
	read_reports++;
}

int import_main(int argc, char **argv)
{
	const char *path = KEEPALIVED_CONF_DEFAULT, *id = NULL;
	char host[256];
	struct ka_conf c = { 0 };
	unsigned int reports;
	bool have_path = false;

	for (int i = 0; i < argc; i++) {
		if (is_help_word(argv[i])) {
			import_help(stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--id") && i + 1 < argc) {
			id = argv[++i];
		} else if (!have_path && argv[i][0] != '-') {
			path = argv[i];
			have_path = true;
		} else {
			errorf("unknown argument \"%s\"", argv[i]);
			usage_hint("import-keepalived");
			return EXIT_USAGE;
		}
	}
	/* keepalived's own default: the host name, up to its first dot. */
	if (!id && !gethostname(host, sizeof(host))) {
		host[sizeof(host) - 1] = '\0';
		host[strcspn(host, ".")] = '\0';
		id = host;
	}
	c.config_id = id;
	if (ka_read(&c, path, reader_report)) {
		ka_free(&c);
		return EXIT_USAGE;
	}
	reports = import_keepalived(&c, stdout, stderr) + read_reports;
	ka_free(&c);
	if (reports)
		fprintf(stderr, "%s: %u keywords not translated (above)\n",
			PROG_NAME, reports);
	return reports ? EXIT_FAIL : EXIT_OK;
}
