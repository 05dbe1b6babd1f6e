// SPDX-License-Identifier: GPL-2.0
/*
 * keepalived.conf's syntax, as keepalived's own reader takes it: the text
 * of every file (includes read where they stand) becomes tokens, words and
 * braces each knowing their file and line, and the tokens a tree.
 */
#include <errno.h>
#include <glob.h>
#include <libgen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kaconf.h"
#include "parse.h"

#define MAX_INCLUDE_DEPTH 8

enum tok_kind { TOK_WORD, TOK_OPEN, TOK_CLOSE };

struct token {
	enum tok_kind kind;
	const char *text;
	const char *file;
	unsigned int line;
};

struct reader {
	struct ka_conf *c;
	int skip_depth;			/* inside a block left out */
	struct token *t;
	size_t n, cap;
	void (*report)(const char *file, unsigned int line, const char *what,
		       const char *why);
};

static void say(const char *file, unsigned int line, const char *why)
{
	fprintf(stderr, "Error: %s:%u: %s\n", file, line, why);
}

/* A string the tree keeps; NULL if out of memory. */
static const char *keep(struct ka_conf *c, const char *s, size_t len)
{
	char *copy, **more;

	more = grow_array(c->strings, &c->cap, c->nstrings, sizeof(*more));
	if (!more)
		return NULL;
	c->strings = more;
	copy = strndup(s, len);
	if (copy)
		c->strings[c->nstrings++] = copy;
	return copy;
}

static int add_token(struct reader *r, enum tok_kind kind, const char *text,
		     size_t len, const char *file, unsigned int line)
{
	struct token *more;

	more = grow_array(r->t, &r->cap, r->n, sizeof(*more));
	if (!more)
		return -1;
	r->t = more;
	r->t[r->n].kind = kind;
	r->t[r->n].text = keep(r->c, text, len);
	r->t[r->n].file = file;
	r->t[r->n].line = line;
	if (!r->t[r->n].text)
		return -1;
	r->n++;
	return 0;
}

static bool is_blank(char c)
{
	return c == ' ' || c == '\t' || c == '\r';
}

static int read_text(struct reader *r, const char *file, const char *text,
		     int depth);

/* "include GLOB": every file it matches, in order, read in place. */
static int include(struct reader *r, const char *from, unsigned int line,
		   const char *pattern, int depth)
{
	char path[4096], *dir, *copy;
	glob_t g;
	int ret = 0;

	if (depth >= MAX_INCLUDE_DEPTH) {
		say(from, line, "include: nested too deep");
		return -1;
	}
	copy = strdup(from);
	if (!copy)
		return -1;
	dir = dirname(copy);
	if (pattern[0] == '/')
		snprintf(path, sizeof(path), "%s", pattern);
	else
		snprintf(path, sizeof(path), "%s/%s", dir, pattern);
	free(copy);
	if (glob(path, 0, NULL, &g)) {
		/* keepalived warns and goes on: so do we, in a report. */
		r->report(from, line, "include", "no file matches it");
		return 0;
	}
	for (size_t i = 0; i < g.gl_pathc && !ret; i++) {
		FILE *f = fopen(g.gl_pathv[i], "r");
		char *text = NULL;
		size_t size = 0;
		const char *name;

		if (!f) {
			say(from, line, "include: cannot open a file it matches");
			ret = -1;
			break;
		}
		if (getdelim(&text, &size, '\0', f) < 0 && ferror(f))
			ret = -1;
		fclose(f);
		name = keep(r->c, g.gl_pathv[i], strlen(g.gl_pathv[i]));
		if (!ret && name)
			ret = read_text(r, name, text ? text : "", depth + 1);
		free(text);
	}
	globfree(&g);
	return ret;
}

/* "{" less "}" on a line, outside quotes and comments. */
static int brace_balance(const char *p, const char *end)
{
	bool quoted = false;
	int n = 0;

	for (; p < end; p++) {
		if (*p == '"')
			quoted = !quoted;
		else if (!quoted && (*p == '#' || *p == '!'))
			break;
		else if (!quoted && *p == '{')
			n++;
		else if (!quoted && *p == '}')
			n--;
	}
	return n;
}

/* After "@": whether "ID" or "^ID" holds for keepalived -i @id. */
static bool conditional_holds(const char *id, const char *p, const char *end)
{
	bool negated = p < end && *p == '^';
	const char *s = p + negated;
	size_t len = 0;

	while (s + len < end && !is_blank(s[len]))
		len++;
	if (!id)
		return negated;
	return (strlen(id) == len && !strncmp(id, s, len)) != negated;
}

/* One line into tokens, or, for "include GLOB", the files it names. */
static int read_line(struct reader *r, const char *file, unsigned int line,
		     const char *p, const char *end, int depth)
{
	size_t first = r->n;
	const char *s;

	while (p < end && is_blank(*p))
		p++;
	if (p < end && *p == '$') {
		r->report(file, line, "$",
			  "definitions are not read: expand them first; line left out");
		return 0;
	}
	if (r->skip_depth > 0) {
		r->skip_depth += brace_balance(p, end);
		return 0;
	}
	/* "@ID line", "@^ID line": for keepalived -i ID, or all but it. */
	if (p < end && *p == '@') {
		if (!conditional_holds(r->c->config_id, p + 1, end)) {
			r->skip_depth = brace_balance(p, end);
			return 0;
		}
		while (p < end && !is_blank(*p))
			p++;
	}
	while (p < end) {
		if (is_blank(*p)) {
			p++;
			continue;
		}
		if (*p == '#' || *p == '!')
			break;
		if (*p == '{' || *p == '}') {
			if (add_token(r, *p == '{' ? TOK_OPEN : TOK_CLOSE, p, 1,
				      file, line))
				return -1;
			p++;
			continue;
		}
		if (*p == '"') {
			s = ++p;
			while (p < end && *p != '"')
				p++;
			if (add_token(r, TOK_WORD, s, (size_t)(p - s), file,
				      line))
				return -1;
			if (p < end)
				p++;
			continue;
		}
		s = p;
		while (p < end && !is_blank(*p) && *p != '{' && *p != '}')
			p++;
		if (add_token(r, TOK_WORD, s, (size_t)(p - s), file, line))
			return -1;
	}
	if (r->n - first == 2 && !strcmp(r->t[first].text, "include") &&
	    r->t[first].kind == TOK_WORD) {
		const char *pattern = r->t[first + 1].text;

		r->n = first;
		return include(r, file, line, pattern, depth);
	}
	return 0;
}

static int read_text(struct reader *r, const char *file, const char *text,
		     int depth)
{
	unsigned int line = 0;
	const char *p = text, *nl;

	while (*p) {
		nl = strchr(p, '\n');
		if (!nl)
			nl = p + strlen(p);
		if (read_line(r, file, ++line, p, nl, depth))
			return -1;
		p = *nl ? nl + 1 : nl;
	}
	return 0;
}

static struct ka_node *new_kid(struct ka_node *parent)
{
	struct ka_node *more;

	more = realloc(parent->kids, (parent->nkids + 1) * sizeof(*more));
	if (!more)
		return NULL;
	parent->kids = more;
	more = &parent->kids[parent->nkids++];
	memset(more, 0, sizeof(*more));
	return more;
}

/*
 * The statements up to the "}" that closes the block opened by @open
 * (NULL: the file itself, which nothing closes).
 */
static int build(struct reader *r, size_t *i, struct ka_node *parent,
		 const struct token *open)
{
	while (*i < r->n) {
		const struct token *t = &r->t[*i];
		struct ka_node *k, block = { 0 };
		size_t a, idx;
		int ret;

		if (t->kind == TOK_CLOSE) {
			if (!open) {
				say(t->file, t->line, "a \"}\" closes nothing");
				return -1;
			}
			(*i)++;
			return 0;
		}
		if (t->kind == TOK_OPEN) {
			say(t->file, t->line, "a \"{\" without a keyword before it");
			return -1;
		}
		k = new_kid(parent);
		if (!k)
			return -1;
		k->word = t->text;
		k->file = t->file;
		k->line = t->line;
		for (a = *i + 1; a < r->n && r->t[a].kind == TOK_WORD &&
				 r->t[a].line == t->line &&
				 r->t[a].file == t->file; a++)
			;
		k->nargs = a - *i - 1;
		k->args = calloc(k->nargs + 1, sizeof(*k->args));
		if (!k->args)
			return -1;
		for (size_t w = 0; w < k->nargs; w++)
			k->args[w] = r->t[*i + 1 + w].text;
		*i = a;
		if (*i == r->n || r->t[*i].kind != TOK_OPEN)
			continue;
		/* Built aside: parent->kids may move meanwhile. */
		idx = (size_t)(k - parent->kids);
		t = &r->t[(*i)++];
		ret = build(r, i, &block, t);
		parent->kids[idx].block = true;
		parent->kids[idx].kids = block.kids;
		parent->kids[idx].nkids = block.nkids;
		if (ret)
			return ret;
	}
	if (open) {
		say(open->file, open->line, "this \"{\" is never closed");
		return -1;
	}
	return 0;
}

static int parse(struct ka_conf *c, const char *name, const char *text,
		 void (*report)(const char *, unsigned int, const char *,
				const char *))
{
	struct reader r = { .c = c, .report = report };
	const char *id = c->config_id;
	const char *file;
	size_t i = 0;
	int ret;

	memset(c, 0, sizeof(*c));
	c->config_id = id;
	file = keep(c, name, strlen(name));
	ret = file ? read_text(&r, file, text, 0) : -1;
	if (!ret)
		ret = build(&r, &i, &c->root, NULL);
	free(r.t);
	return ret;
}

int ka_parse(struct ka_conf *c, const char *name, const char *text,
	     void (*report)(const char *, unsigned int, const char *,
			    const char *))
{
	return parse(c, name, text, report);
}

int ka_read(struct ka_conf *c, const char *path,
	    void (*report)(const char *, unsigned int, const char *,
			   const char *))
{
	FILE *f = fopen(path, "r");
	const char *id = c->config_id;
	char *text = NULL;
	size_t size = 0;
	int ret;

	memset(c, 0, sizeof(*c));
	c->config_id = id;
	if (!f) {
		fprintf(stderr, "Error: cannot open %s: %s\n", path,
			strerror(errno));
		return -1;
	}
	if (getdelim(&text, &size, '\0', f) < 0 && ferror(f)) {
		fprintf(stderr, "Error: cannot read %s: %s\n", path,
			strerror(errno));
		fclose(f);
		free(text);
		return -1;
	}
	fclose(f);
	ret = parse(c, path, text ? text : "", report);
	free(text);
	return ret;
}

static void free_node(struct ka_node *n)
{
	for (size_t i = 0; i < n->nkids; i++)
		free_node(&n->kids[i]);
	free(n->kids);
	free(n->args);
}

void ka_free(struct ka_conf *c)
{
	free_node(&c->root);
	for (size_t i = 0; i < c->nstrings; i++)
		free(c->strings[i]);
	free(c->strings);
	memset(c, 0, sizeof(*c));
}
