/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Health objects (VRRP_CMD_*_TRACK): named up/down states, with a value
 * if keepalived's track_file semantics are wanted, that health checks set
 * and instances track. What track and check share: the rules for names and
 * values, the track command line, the requests and the replies.
 */
#ifndef VRRPADM_HEALTH_H
#define VRRPADM_HEALTH_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "ack.h"
#include "json.h"
#include "netlink.h"

/* A NEW or SET request: the has_ flags say which attributes go. */
struct health_req {
	const char *name;
	bool has_state, up;
	bool has_value;
	int32_t value;
	bool has_lease;
	uint32_t lease_ms;		/* 0: none */
};

/* One object as a GET reply describes it. */
struct health {
	char name[VRRP_TRACK_NAME_MAX];
	bool up;
	bool has_value;
	int32_t value;
	uint32_t lease_ms;
	uint32_t users;
};

/* NULL if name is one the kernel takes, else why not. */
const char *health_name_invalid(const char *name);
/* A value for VRRP_A_TRACK_VALUE, -254..254; 0 or -1. */
int health_parse_value(const char *s, int32_t *v);

/* The track command line: "add NAME ...", "set NAME ...", "del", "show". */
enum track_op {
	TRACK_ADD,
	TRACK_SET,
	TRACK_DEL,
	TRACK_SHOW,
};

struct track_cmd {
	enum track_op op;
	struct health_req req;		/* req.name NULL: show them all */
};

#define TRACK_HELP 1

/* 0, TRACK_HELP for a "help" where a word was expected, or -1, printed. */
int track_parse(struct track_cmd *t, int argc, char **argv);
/* One line per form, each led by indent; the man page's SYNOPSIS too. */
void track_synopsis(FILE *f, const char *indent);

/* The request, NULL (printed) if out of memory. */
struct nl_msg *health_msg(const struct vnl *nl, uint8_t cmd, int flags,
			  const struct health_req *r);
/* A GET reply or event into h; 0, or -1 (printed) if it lacks the name or state. */
int health_get(struct nl_msg *msg, struct health *h);
/*
 * The namespace as it is: every health object to on_object, then every
 * instance (those on ifindex; 0: all) to on_instance, over nl. Objects
 * first, as what instances track is read before them. Exit status.
 */
int dump_namespace(struct vnl *nl, vnl_reply_fn on_object, void *obj_arg,
		   unsigned int ifindex, vnl_reply_fn on_instance,
		   void *inst_arg);

/* The line for a refusal vnl_exchange() returned, as vnl_request() says it. */
void health_report(const struct ack *ack, struct nl_msg *msg);

/* show's line, "web: up, value 5, lease 4000ms, users 2". */
void health_print_text(FILE *f, const struct health *h);
/*
 * The keys of show -j's object, for the caller to wrap in braces: name,
 * state ("up", "down"), users, lease_ms, value (null without one).
 */
void health_json(struct json *j, const struct health *h);

#endif
