// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpadm -b FILE: many add, set and del commands in one process and one
 * netlink conversation. Creating thousands of instances one vrrpadm
 * process at a time costs a process start, a socket and a family lookup
 * each; here that is paid once.
 *
 * Every line is parsed and its device resolved before anything is sent,
 * so a file with a mistake in it changes nothing. The kernel can still
 * refuse a request (an instance that exists already): then the batch
 * stops at that line, and says how many lines before it were applied.
 */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config.h"
#include "netlink.h"
#include "parse.h"
#include "vrrpadm.h"

struct batch_line {
	const struct config_command *cc;
	struct vrrp_config c;
	char *text;			/* the words and c point into it */
	char **words;
	unsigned int lineno;
};

struct batch {
	const char *name;		/* as messages show it */
	struct batch_line *lines;
	size_t n, cap;
	char where[PATH_MAX + 16];
};

static const struct config_command *batch_command(const char *word)
{
	static const struct config_command *const allowed[] = {
		&add_command, &set_command, &del_command,
	};

	for (size_t i = 0; i < sizeof(allowed) / sizeof(allowed[0]); i++)
		if (!strcmp(allowed[i]->name, word))
			return allowed[i];
	return NULL;
}

static void set_where(struct batch *b, unsigned int lineno)
{
	snprintf(b->where, sizeof(b->where), "%s:%u", b->name, lineno);
	errorf_where(b->where);
}

static struct batch_line *new_line(struct batch *b)
{
	struct batch_line *l;

	if (b->n == b->cap) {
		size_t cap = b->cap ? 2 * b->cap : 64;

		l = realloc(b->lines, cap * sizeof(*l));
		if (!l)
			return NULL;
		b->lines = l;
		b->cap = cap;
	}
	l = &b->lines[b->n];
	memset(l, 0, sizeof(*l));
	return l;
}

/*
 * Takes over text. Returns EXIT_OK (also for a blank or comment line),
 * EXIT_USAGE or EXIT_FAIL after saying why.
 */
static int parse_line(struct batch *b, char *text, unsigned int lineno)
{
	struct batch_line *l = new_line(b);
	size_t max = strlen(text) / 2 + 1;
	int n, ret;

	if (!l) {
		free(text);
		errorf("out of memory");
		return EXIT_FAIL;
	}
	l->text = text;
	l->lineno = lineno;
	l->words = calloc(max, sizeof(*l->words));
	if (!l->words) {
		free(text);
		errorf("out of memory");
		return EXIT_FAIL;
	}
	b->n++;			/* from here on, freed with the batch */
	n = split_words(text, l->words, max);
	if (n < 0) {
		errorf("%s", split_error(n));
		return EXIT_USAGE;
	}
	if (n == 0)
		return EXIT_OK;
	l->cc = batch_command(l->words[0]);
	if (!l->cc) {
		errorf("\"%s\" cannot be batched: a line is add, set or del",
		       l->words[0]);
		return EXIT_USAGE;
	}
	ret = config_parse(&l->c, l->cc->kind, n - 1, l->words + 1);
	if (ret == CONFIG_HELP) {
		errorf("\"help\" in a batch");
		return EXIT_USAGE;
	}
	if (ret) {
		usage_hint(l->cc->name);
		return EXIT_USAGE;
	}
	return config_resolve_dev(&l->c) ? EXIT_FAIL : EXIT_OK;
}

static int parse_file(struct batch *b, FILE *f)
{
	unsigned int lineno = 0;
	char *text = NULL;
	size_t size = 0;
	int ret = EXIT_OK;

	while (ret == EXIT_OK && getline(&text, &size, f) >= 0) {
		set_where(b, ++lineno);
		ret = parse_line(b, text, lineno);
		text = NULL;
		size = 0;
	}
	free(text);
	if (ret == EXIT_OK && ferror(f)) {
		errorf_where(NULL);
		errorf("cannot read %s: %s", b->name, strerror(errno));
		ret = EXIT_FAIL;
	}
	return ret;
}

static int send_lines(struct batch *b)
{
	size_t done = 0;
	struct vnl nl;
	int ret = EXIT_OK;

	errorf_where(NULL);
	if (vnl_open(&nl))
		return EXIT_FAIL;
	for (size_t i = 0; i < b->n && ret == EXIT_OK; i++) {
		struct batch_line *l = &b->lines[i];

		if (!l->cc)
			continue;
		set_where(b, l->lineno);
		ret = l->cc == &del_command ? del_selected(&nl, &l->c) :
		      config_send(&nl, l->cc->cmd, &l->c);
		if (ret == EXIT_OK)
			done++;
	}
	errorf_where(NULL);
	if (ret != EXIT_OK)
		fprintf(stderr, "%s: the batch stopped at %s; the %zu commands before it were applied\n",
			PROG_NAME, b->where, done);
	vnl_close(&nl);
	return ret;
}

int batch_main(const char *path)
{
	struct batch b = { .name = path };
	FILE *f;
	int ret;

	f = open_input(path, &b.name);
	if (!f)
		return EXIT_FAIL;
	ret = parse_file(&b, f);
	if (f != stdin)
		fclose(f);
	if (ret == EXIT_OK)
		ret = send_lines(&b);
	errorf_where(NULL);
	for (size_t i = 0; i < b.n; i++) {
		if (b.lines[i].cc)
			config_free(&b.lines[i].c);
		free(b.lines[i].words);
		free(b.lines[i].text);
	}
	free(b.lines);
	return ret;
}
