/* SPDX-License-Identifier: GPL-2.0 */
/*
 * vrrpadm: what the subcommands share. Each subcommand lives in its own
 * file and is reached through the table in vrrpadm.c.
 */
#ifndef VRRPADM_H
#define VRRPADM_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "config.h"

#define PROG_NAME "vrrpadm"

/* The exit status is part of the command line contract scripts rely on. */
enum {
	EXIT_OK = 0,
	EXIT_FAIL = 1,	/* the kernel or the environment said no */
	EXIT_USAGE = 2,	/* the command line itself is wrong */
	EXIT_NOT_FOUND = 3,	/* no such instance or health object */
};

/* Set by -j before any subcommand runs. */
extern bool json_output;

struct command {
	const char *name;
	int (*run)(int argc, char **argv);
	void (*help)(FILE *f);
};

int add_main(int argc, char **argv);
int set_main(int argc, char **argv);
int del_main(int argc, char **argv);
int show_main(int argc, char **argv);
int stats_main(int argc, char **argv);
int monitor_main(int argc, char **argv);
int track_main(int argc, char **argv);
int check_main(int argc, char **argv);
int apply_main(int argc, char **argv);
int showconf_main(int argc, char **argv);
int flush_main(int argc, char **argv);
int import_main(int argc, char **argv);
void import_help(FILE *f);
/* stats --prometheus / --textfile DIR: argv[0] is the option. */
int metrics_main(int argc, char **argv);

void add_help(FILE *f);
void set_help(FILE *f);
void del_help(FILE *f);
void show_help(FILE *f);
void stats_help(FILE *f);
void monitor_help(FILE *f);
void track_help(FILE *f);
void check_help(FILE *f);
void apply_help(FILE *f);
void showconf_help(FILE *f);
void flush_help(FILE *f);
/*
 * apply's work: path's file (NULL: an empty one) made true, the changes
 * printed; with warn, missing interfaces said. Exit status.
 */
int apply_file(const char *path, bool dry_run, bool warn);
/* apply --watch: apply, then again on link changes and SIGHUP. */
int apply_watch(const char *path);

/* add, set and del differ only in these. */
struct config_command {
	const char *name;
	enum config_cmd kind;
	uint8_t cmd;			/* VRRP_CMD_* */
	void (*help)(FILE *f);
};

extern const struct config_command add_command, set_command, del_command;

struct vnl;

/* Parse, resolve the device, send one request, wait for the ack. */
int send_config(const struct config_command *cc, int argc, char **argv);
/* The request alone, over an open socket: EXIT_OK or EXIT_FAIL. */
int config_send(struct vnl *nl, uint8_t cmd, const struct vrrp_config *c);
/* Deletes the instances c selects (del's words); EXIT_NOT_FOUND if none. */
int del_selected(struct vnl *nl, const struct vrrp_config *c);

/* -b FILE: add, set and del lines over one socket (batch.c). */
int batch_main(const char *path);

/* Prints `Try "vrrpadm CMD help".` after a usage error. */
void usage_hint(const char *cmd);

#endif
