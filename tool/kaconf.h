/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Reading keepalived.conf: its syntax only, into a tree of statements. A
 * statement is a keyword, the words after it on its line, and a block in
 * braces if one follows. "#" and "!" start comments, "..." quotes,
 * "include GLOB" reads other files in place (relative to the including
 * file). What the statements mean is import.c's business.
 */
#ifndef VRRPADM_KACONF_H
#define VRRPADM_KACONF_H

#include <stdbool.h>
#include <stddef.h>

struct ka_node {
	const char *word;		/* the keyword */
	const char **args;		/* the words after it, on its line */
	size_t nargs;
	struct ka_node *kids;		/* its block, if it has one */
	size_t nkids;
	bool block;
	const char *file;		/* where it is, for messages */
	unsigned int line;
};

struct ka_conf {
	struct ka_node root;		/* the file's statements are its kids */
	/*
	 * keepalived -i ID: lines "@ID ..." and "@^OTHER ..." are read, the
	 * other conditional lines (and the blocks they open) left out. Set
	 * before reading; NULL reads none of them.
	 */
	const char *config_id;
	/* Storage, freed with the tree. */
	char **strings;
	size_t nstrings, cap;
};

/*
 * Reads path and its includes; 0, or -1 after "FILE:LINE: why" (a file
 * that cannot be read, a brace that does not match). report() is called
 * for what the reader itself leaves out ($ definitions). c->config_id is
 * kept; the rest of *c is set.
 */
int ka_read(struct ka_conf *c, const char *path,
	    void (*report)(const char *file, unsigned int line,
			   const char *what, const char *why));
/* The same from text in memory (the unit tests); text is copied. */
int ka_parse(struct ka_conf *c, const char *name, const char *text,
	     void (*report)(const char *file, unsigned int line,
			    const char *what, const char *why));
void ka_free(struct ka_conf *c);

#endif
