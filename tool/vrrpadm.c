// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpadm: configure and watch the kernel's VRRP instances.
 * main() handles the global options and hands over to a subcommand.
 */
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include <linux/vrrp.h>

#include "json.h"

#include "parse.h"
#include "vrrpadm.h"

#ifndef VRRPADM_VERSION
#define VRRPADM_VERSION "0.1"
#endif

bool json_output;

/*
 * As ip(8) does, a command's beginning names the first command in this
 * order that it begins ("s" set, "sh" show, "st" stats); the aliases come
 * last, so they never shadow a command.
 */
static const struct command commands[] = {
	{ "add", add_main, add_help },
	{ "del", del_main, del_help },
	{ "set", set_main, set_help },
	{ "show", show_main, show_help },
	{ "stats", stats_main, stats_help },
	{ "monitor", monitor_main, monitor_help },
	{ "track", track_main, track_help },
	{ "check", check_main, check_help },
	{ "apply", apply_main, apply_help },
	{ "showconf", showconf_main, showconf_help },
	{ "flush", flush_main, flush_help },
	{ "import-keepalived", import_main, import_help },
	{ "delete", del_main, del_help },
	{ "list", show_main, show_help },
	{ "ls", show_main, show_help },
};

#define NCOMMANDS (sizeof(commands) / sizeof(commands[0]))

static void usage(FILE *f)
{
	fputs("Usage: " PROG_NAME " [-j|--json [-p|--pretty]] [-n|--netns NAME] [-h|--help]\n"
	      "               [-V|--version] COMMAND ...\n"
	      "       " PROG_NAME " -b|--batch FILE\n"
	      "\n"
	      "Commands:\n"
	      "  add dev IF vrid N [PARAMS] vip ADDR[/PLEN] [vip ADDR[/PLEN] ...]\n"
	      "                           create an instance\n"
	      "  set dev IF vrid N [PARAMS] [vip ADDR[/PLEN] ...]\n"
	      "                           change an instance; a vip list replaces the whole list\n"
	      "  del SELECTORS            delete the instances show lists for them\n"
	      "  show [SELECTORS]         show instances: all, or those matching\n"
	      "                           SELECTORS: [dev IF] [vrid N] [family inet|inet6]\n"
	      "  stats [SELECTORS | --unmatched | --prometheus | --textfile DIR]\n"
	      "                           show counters\n"
	      "  monitor [--exec CMD]     print state changes and instances added, changed\n"
	      "                           or deleted, until SIGINT or SIGTERM; --exec runs\n"
	      "                           CMD on every state change\n"
	      "  track add|set|del|show   health objects that instances track\n"
	      "  check NAME script CMD|process NAME|file PATH [OPTIONS]\n"
	      "                           keep health object NAME up or down from a check,\n"
	      "                           until SIGINT or SIGTERM\n"
	      "  apply [--dry-run | --watch] [FILE]\n"
	      "                           make the instances and health objects what FILE\n"
	      "                           (default /etc/vrrp/vrrp.conf) says, changing only\n"
	      "                           what differs; --watch: again when an interface\n"
	      "                           of FILE is created anew\n"
	      "  showconf                 print them as such a file\n"
	      "  flush                    delete every instance (priority 0 first) and\n"
	      "                           health object\n"
	      "  import-keepalived [FILE] print a keepalived.conf as such a file; report\n"
	      "                           what does not translate\n"
	      "  help                     print this help; \"COMMAND help\" for one command\n"
	      "A command's beginning will do (sh: show), as will delete for del and list\n"
	      "or ls for show; so will a keyword's, if no other keyword begins so.\n"
	      "\n"
	      "PARAMS:\n", f);
	config_params_help(f);
	fputs(
	      "\n"
	      "Options:\n"
	      "  -b, --batch FILE         run the add, set and del lines of FILE (\"-\": stdin)\n"
	      "                           in one process over one netlink socket; a file\n"
	      "                           with a wrong line changes nothing; \"#\" comments\n"
	      "  -j, --json               JSON output for show, stats, monitor, track show\n"
	      "                           and apply\n"
	      "  -p, --pretty             with -j, indented JSON\n"
	      "  -n, --netns NAME         run in network namespace NAME (ip netns add NAME)\n"
	      "  -h, --help               print this help\n"
	      "  -V, --version            print the version\n"
	      "\n"
	      "Exit status: 0 success, 1 error from the kernel or the system, 2 usage error,\n"
	      "3 no such instance or health object.\n"
	      "See vrrpadm(8).\n", f);
}

void usage_hint(const char *cmd)
{
	fprintf(stderr, "Try \"" PROG_NAME " %s help\".\n", cmd);
}

static const struct command *find_command(const char *name)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < NCOMMANDS; i++)
		if (!strcmp(commands[i].name, name))
			return &commands[i];
	for (size_t i = 0; len && i < NCOMMANDS; i++)
		if (!strncmp(commands[i].name, name, len))
			return &commands[i];
	return NULL;
}

/* -n NAME: into the network namespace "ip netns add NAME" made. */
static int enter_netns(const char *name)
{
	char path[256];
	int fd;

	if (strchr(name, '/') || snprintf(path, sizeof(path), "/run/netns/%s",
					  name) >= (int)sizeof(path)) {
		errorf("invalid network namespace name \"%s\"", name);
		return EXIT_USAGE;
	}
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0) {
		errorf("Cannot open network namespace \"%s\": %s", name,
		       strerror(errno));
		return EXIT_FAIL;
	}
	if (setns(fd, CLONE_NEWNET)) {
		errorf("setting the network namespace \"%s\": %s", name,
		       strerror(errno));
		close(fd);
		return EXIT_FAIL;
	}
	close(fd);
	return EXIT_OK;
}

/* "help" alone, or "help COMMAND" like "COMMAND help". */
static int help_main(int argc, char **argv)
{
	const struct command *cmd;

	if (!argc) {
		usage(stdout);
		return EXIT_OK;
	}
	cmd = find_command(argv[0]);
	if (!cmd) {
		errorf("unknown command \"%s\"", argv[0]);
		fputs("Try \"" PROG_NAME " help\".\n", stderr);
		return EXIT_USAGE;
	}
	if (argc > 1) {
		errorf("unknown argument \"%s\"", argv[1]);
		return EXIT_USAGE;
	}
	cmd->help(stdout);
	return EXIT_OK;
}

/*
 * Returns the index of the command word, or -1 with *ret set to exit;
 * *batch is the file of -b, then there is no command word.
 */
static int parse_options(int argc, char **argv, const char **batch, int *ret)
{
	int i;

	for (i = 1; i < argc && argv[i][0] == '-' && argv[i][1]; i++) {
		const char *o = argv[i];

		if (!strcmp(o, "-j") || !strcmp(o, "--json")) {
			json_output = true;
		} else if (!strcmp(o, "-p") || !strcmp(o, "--pretty")) {
			json_pretty = true;
		} else if (!strcmp(o, "-n") || !strcmp(o, "--netns")) {
			if (++i == argc) {
				errorf("\"%s\" needs a network namespace", o);
				*ret = EXIT_USAGE;
				return -1;
			}
			*ret = enter_netns(argv[i]);
			if (*ret)
				return -1;
		} else if (!strcmp(o, "-b") || !strcmp(o, "--batch")) {
			if (++i == argc) {
				errorf("\"%s\" needs a file (\"-\" for stdin)", o);
				*ret = EXIT_USAGE;
				return -1;
			}
			*batch = argv[i];
		} else if (!strcmp(o, "-h") || !strcmp(o, "--help")) {
			usage(stdout);
			*ret = EXIT_OK;
			return -1;
		} else if (!strcmp(o, "-V") || !strcmp(o, "--version")) {
			printf(PROG_NAME " " VRRPADM_VERSION
			       " (generic netlink \"%s\" version %d)\n",
			       VRRP_GENL_NAME, VRRP_GENL_VERSION);
			*ret = EXIT_OK;
			return -1;
		} else {
			errorf("unknown option \"%s\"", o);
			fputs("Try \"" PROG_NAME " --help\".\n", stderr);
			*ret = EXIT_USAGE;
			return -1;
		}
	}
	if (*batch && i < argc) {
		errorf("a batch takes no command: \"%s\"", argv[i]);
		*ret = EXIT_USAGE;
		return -1;
	}
	if (*batch) {
		*ret = batch_main(*batch);
		return -1;
	}
	if (i == argc) {
		usage(stderr);
		*ret = EXIT_USAGE;
		return -1;
	}
	return i;
}

int main(int argc, char **argv)
{
	const struct command *cmd;
	const char *batch = NULL;
	int ret = EXIT_OK, i;

	i = parse_options(argc, argv, &batch, &ret);
	if (i < 0)
		return ret;
	if (!strcmp(argv[i], "help"))
		return help_main(argc - i - 1, argv + i + 1);
	cmd = find_command(argv[i]);
	if (!cmd) {
		errorf("unknown command \"%s\"", argv[i]);
		fputs("Try \"" PROG_NAME " help\".\n", stderr);
		return EXIT_USAGE;
	}
	/* "show -h" as "show help". */
	if (i + 1 < argc && is_help_word(argv[i + 1])) {
		cmd->help(stdout);
		return EXIT_OK;
	}
	return cmd->run(argc - i - 1, argv + i + 1);
}
