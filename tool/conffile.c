// SPDX-License-Identifier: GPL-2.0
/*
 * Reading vrrp.conf: the whole file is split into words first, each word
 * remembering its line, then each statement is parsed by the parser of the
 * command whose words it uses (config_parse() for instance, track_parse()
 * for track, probe_parse() for check). Their messages are held and printed
 * with the line of the word they are about, so an error in the third line
 * of a block says line three.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <net/if.h>

#include "conffile.h"
#include "parse.h"
#include "vrrpadm.h"

struct statement {
	size_t first, n;		/* its words: cf->words[first..] */
};

/* errorf() with "FILE:LINE:" in front. */
static void say_at(const struct conffile *cf, unsigned int line,
		   const char *msg)
{
	char where[PATH_MAX + 16];

	snprintf(where, sizeof(where), "%s:%u", cf->name, line);
	errorf_where(where);
	errorf("%s", msg);
	errorf_where(NULL);
}

/* The line of word w of statement st, or of its first word. */
static unsigned int line_of(const struct conffile *cf,
			    const struct statement *st, const char *w)
{
	for (size_t i = st->first; w && i < st->first + st->n; i++)
		if (cf->words[i] == w)
			return cf->word_line[i];
	return cf->word_line[st->first];
}

/* Splits every line into words; 0 or -1 after saying why. */
static int split_file(struct conffile *cf)
{
	size_t len = strlen(cf->text), max = len / 2 + 1;
	unsigned int lineno = 0;
	char *line = cf->text, *next;
	int n;

	cf->words = calloc(max, sizeof(*cf->words));
	cf->word_line = calloc(max, sizeof(*cf->word_line));
	if (!cf->words || !cf->word_line) {
		errorf("out of memory");
		return -1;
	}
	for (; *line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		else
			next = line + strlen(line);
		lineno++;
		n = split_words(line, cf->words + cf->nwords,
				(int)(max - cf->nwords));
		if (n < 0) {
			say_at(cf, lineno, split_error(n));
			return -1;
		}
		for (int i = 0; i < n; i++)
			cf->word_line[cf->nwords + i] = lineno;
		cf->nwords += (size_t)n;
	}
	return 0;
}

static bool starts_statement(const struct conffile *cf, size_t i)
{
	return i == 0 || cf->word_line[i] != cf->word_line[i - 1];
}

/*
 * Whether word i is the first of a line that is not indented: a word
 * starts where its text starts (unquoting moves only what follows).
 */
static bool at_column0(const struct conffile *cf, size_t i,
		       const char *const *line_start, size_t nlines)
{
	unsigned int line = cf->word_line[i];

	return line <= nlines && cf->words[i] == line_start[line - 1];
}

static const char *instance_key(const struct vrrp_config *c, char *buf,
				size_t len)
{
	snprintf(buf, len, "dev %s vrid %u family %s", c->dev, c->vrid,
		 c->family->name);
	return buf;
}

static int parse_instance(struct conffile *cf, const struct statement *st,
			  bool warn)
{
	struct conf_instance *ci = &cf->inst[cf->ninst];
	char msg[512], a[64], b[64];
	int ret;

	memset(ci, 0, sizeof(*ci));
	ci->line = cf->word_line[st->first];
	errorf_hold(msg, sizeof(msg));
	ret = config_parse(&ci->c, CONFIG_ADD, (int)st->n - 1,
			   cf->words + st->first + 1);
	errorf_hold(NULL, 0);
	cf->ninst++;			/* freed with the file from here on */
	if (ret == CONFIG_HELP) {
		say_at(cf, line_of(cf, st, config_failed_word()),
		       "\"help\" in a file");
		return -1;
	}
	if (ret) {
		say_at(cf, line_of(cf, st, config_failed_word()), msg);
		return -1;
	}
	for (size_t i = 0; i + 1 < cf->ninst; i++) {
		const struct vrrp_config *o = &cf->inst[i].c;

		if (o->vrid == ci->c.vrid && o->family == ci->c.family &&
		    !strcmp(o->dev, ci->c.dev)) {
			snprintf(msg, sizeof(msg), "instance %s is also at line %u",
				 instance_key(&ci->c, a, sizeof(a)),
				 cf->inst[i].line);
			say_at(cf, ci->line, msg);
			return -1;
		}
	}
	/* Interfaces come and go: one that is missing now is not an error. */
	errorf_hold(msg, sizeof(msg));
	ci->no_dev = config_resolve_dev(&ci->c) != 0;
	errorf_hold(NULL, 0);
	if (ci->no_dev && warn)
		fprintf(stderr, "Warning: %s:%u: instance %s: %s; left out until it exists\n",
			cf->name, ci->line, instance_key(&ci->c, b, sizeof(b)),
			msg);
	return 0;
}

/* Whether a track or check statement before this one names it. */
static int name_taken(const struct conffile *cf, const char *name,
		      unsigned int line)
{
	char msg[128];

	for (size_t i = 0; i < cf->ntrack; i++)
		if (!strcmp(cf->track[i].req.name, name)) {
			snprintf(msg, sizeof(msg),
				 "health object \"%s\" is also at line %u",
				 name, cf->track[i].line);
			say_at(cf, line, msg);
			return -1;
		}
	for (size_t i = 0; i < cf->ncheck; i++)
		if (!strcmp(cf->check[i].p.name, name)) {
			snprintf(msg, sizeof(msg),
				 "health object \"%s\" is also at line %u",
				 name, cf->check[i].line);
			say_at(cf, line, msg);
			return -1;
		}
	return 0;
}

static int parse_track(struct conffile *cf, const struct statement *st)
{
	static char add_word[] = "add";
	struct conf_track *ct = &cf->track[cf->ntrack];
	struct track_cmd t;
	char msg[512];
	int ret;

	ct->line = cf->word_line[st->first];
	/* "track NAME ..." is "track add NAME ...": the word is ours. */
	cf->words[st->first] = add_word;
	errorf_hold(msg, sizeof(msg));
	ret = track_parse(&t, (int)st->n, cf->words + st->first);
	errorf_hold(NULL, 0);
	if (ret == TRACK_HELP) {
		say_at(cf, ct->line, "\"help\" in a file");
		return -1;
	}
	if (ret) {
		say_at(cf, ct->line, msg);
		return -1;
	}
	if (name_taken(cf, t.req.name, ct->line))
		return -1;
	ct->req = t.req;
	cf->ntrack++;
	return 0;
}

static int parse_check(struct conffile *cf, const struct statement *st)
{
	struct conf_check *cc = &cf->check[cf->ncheck];
	char msg[512];
	int ret;

	cc->line = cf->word_line[st->first];
	errorf_hold(msg, sizeof(msg));
	ret = probe_parse(&cc->p, (int)st->n - 1, cf->words + st->first + 1);
	errorf_hold(NULL, 0);
	if (ret == PROBE_HELP) {
		say_at(cf, cc->line, "\"help\" in a file");
		return -1;
	}
	if (ret) {
		say_at(cf, cc->line, msg);
		return -1;
	}
	if (name_taken(cf, cc->p.name, cc->line))
		return -1;
	cf->ncheck++;
	return 0;
}

static int parse_statement(struct conffile *cf, const struct statement *st,
			   bool warn)
{
	const char *kw = cf->words[st->first];
	char msg[128];

	if (!strcmp(kw, "instance"))
		return parse_instance(cf, st, warn);
	if (!strcmp(kw, "track"))
		return parse_track(cf, st);
	if (!strcmp(kw, "check"))
		return parse_check(cf, st);
	snprintf(msg, sizeof(msg),
		 "unknown statement \"%.60s\" (expected instance, track or check)",
		 kw);
	say_at(cf, cf->word_line[st->first], msg);
	return -1;
}

/* Where each line starts, to tell statements from continuations. */
static char **line_starts(char *text, size_t *nlines)
{
	size_t n = 1, i = 0;
	char **starts;

	for (const char *p = text; *p; p++)
		n += *p == '\n';
	starts = calloc(n, sizeof(*starts));
	if (!starts)
		return NULL;
	starts[i++] = text;
	for (char *p = text; *p; p++)
		if (*p == '\n' && i < n)
			starts[i++] = p + 1;
	*nlines = i;
	return starts;
}

int conffile_parse(struct conffile *cf, const char *name, char *text,
		   bool warn)
{
	struct statement st = { 0 };
	size_t nlines = 0;
	char **starts;
	int bad = 0;

	memset(cf, 0, sizeof(*cf));
	cf->name = name;
	cf->text = text;
	starts = line_starts(text, &nlines);
	if (!starts || split_file(cf)) {
		free(starts);
		if (!starts)
			errorf("out of memory");
		return starts ? EXIT_USAGE : EXIT_FAIL;
	}
	/* Statements are fewer than words. */
	cf->inst = calloc(cf->nwords + 1, sizeof(*cf->inst));
	cf->track = calloc(cf->nwords + 1, sizeof(*cf->track));
	cf->check = calloc(cf->nwords + 1, sizeof(*cf->check));
	if (!cf->inst || !cf->track || !cf->check) {
		free(starts);
		errorf("out of memory");
		return EXIT_FAIL;
	}
	for (size_t i = 0; i <= cf->nwords; i++) {
		bool begins = i < cf->nwords && starts_statement(cf, i) &&
			      at_column0(cf, i, (const char *const *)starts,
					 nlines);

		if (i < cf->nwords && !begins) {
			if (!st.n) {
				say_at(cf, cf->word_line[i],
				       "an indented line continues a statement, but none has begun");
				bad = 1;
				break;
			}
			st.n++;
			continue;
		}
		if (st.n && parse_statement(cf, &st, warn))
			bad = 1;
		st.first = i;
		st.n = 1;
	}
	free(starts);
	return bad ? EXIT_USAGE : EXIT_OK;
}

/* The whole of f, NUL-terminated; 0 or an errno. */
static int read_all(FILE *f, char **text, size_t *len)
{
	size_t cap = 4096, n;
	char *buf = malloc(cap), *more;

	*len = 0;
	if (!buf)
		return ENOMEM;
	while ((n = fread(buf + *len, 1, cap - *len - 1, f)) > 0) {
		*len += n;
		if (cap - *len > 1)
			continue;
		more = realloc(buf, cap * 2);
		if (!more) {
			free(buf);
			return ENOMEM;
		}
		buf = more;
		cap *= 2;
	}
	buf[*len] = '\0';
	*text = buf;
	if (ferror(f)) {
		free(buf);
		*text = NULL;
		return errno ? errno : EIO;
	}
	return 0;
}

int conffile_read(struct conffile *cf, const char *path, bool warn)
{
	char *text = NULL;
	size_t size = 0;
	const char *name;
	FILE *f;
	int ret;

	memset(cf, 0, sizeof(*cf));
	f = open_input(path, &name);
	if (!f)
		return EXIT_FAIL;
	ret = read_all(f, &text, &size);
	if (f != stdin)
		fclose(f);
	if (ret) {
		free(text);
		errorf("cannot read %s: %s", name, strerror(ret));
		return EXIT_FAIL;
	}
	if (strlen(text) != size) {
		free(text);
		errorf("%s: not a text file (a NUL byte)", name);
		return EXIT_USAGE;
	}
	return conffile_parse(cf, name, text, warn);
}

void conffile_free(struct conffile *cf)
{
	for (size_t i = 0; i < cf->ninst; i++)
		config_free(&cf->inst[i].c);
	free(cf->inst);
	free(cf->track);
	free(cf->check);
	free(cf->words);
	free(cf->word_line);
	free(cf->text);
	memset(cf, 0, sizeof(*cf));
}

const struct conf_check *conffile_check(const struct conffile *cf,
					const char *name)
{
	for (size_t i = 0; i < cf->ncheck; i++)
		if (!strcmp(cf->check[i].p.name, name))
			return &cf->check[i];
	return NULL;
}
