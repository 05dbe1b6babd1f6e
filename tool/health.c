// SPDX-License-Identifier: GPL-2.0
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <linux/genetlink.h>

#include "explain.h"
#include "health.h"
#include "json.h"
#include "parse.h"
#include "vrrpadm.h"

/*
 * The kernel's rule (include/uapi/linux/vrrp.h), in ASCII: a name is a
 * word that is safe in a file name, a log line and a shell command.
 */
const char *health_name_invalid(const char *name)
{
	size_t len = strlen(name);

	if (!len)
		return "a name cannot be empty";
	if (len > VRRP_TRACK_NAME_MAX - 1)
		return "a name has at most 31 bytes";
	for (const char *p = name; *p; p++) {
		if (*p == '/')
			return "a name cannot hold \"/\"";
		if (*p == ' ')
			return "a name cannot hold a space";
		if (*p < '!' || *p > '~')
			return "a name is printable ASCII only";
	}
	return NULL;
}

int health_parse_value(const char *s, int32_t *v)
{
	uint32_t mag;

	if (parse_uint(s + (*s == '-'), 0, VRRP_TRACK_VALUE_MAX, &mag))
		return -1;
	*v = *s == '-' ? -(int32_t)mag : (int32_t)mag;
	return 0;
}

static int parse_name(struct health_req *r, const char *name)
{
	const char *why = health_name_invalid(name);

	if (why) {
		errorf("invalid name \"%s\": %s", name, why);
		return -1;
	}
	r->name = name;
	return 0;
}

static int parse_lease(struct health_req *r, const char *val)
{
	const char *why = parse_duration_ms(val, &r->lease_ms);

	if (!why && r->lease_ms > VRRP_TRACK_LEASE_MS_MAX)
		why = "at most 3600s";
	if (why) {
		errorf("invalid lease \"%s\": %s", val, why);
		return -1;
	}
	r->has_lease = true;
	return 0;
}

/* The keywords after the name, the same for add and set. */
static int parse_settings(struct track_cmd *t, int argc, char **argv)
{
	struct health_req *r = &t->req;
	const char *state = NULL;

	for (int i = 0; i < argc; i++) {
		const char *kw = argv[i];
		bool is_state = !strcmp(kw, "up") || !strcmp(kw, "down");

		if (!strcmp(kw, "help"))
			return TRACK_HELP;
		if (!is_state && strcmp(kw, "lease") && strcmp(kw, "value")) {
			errorf("unknown argument \"%s\"", kw);
			return -1;
		}
		if (is_state && state) {
			if (!strcmp(state, kw))
				errorf("\"%s\" is given twice", kw);
			else
				errorf("\"%s\" conflicts with \"%s\"", kw, state);
			return -1;
		}
		if ((!strcmp(kw, "lease") && r->has_lease) ||
		    (!strcmp(kw, "value") && r->has_value)) {
			errorf("\"%s\" is given twice", kw);
			return -1;
		}
		if (is_state) {
			state = kw;
			r->has_state = true;
			r->up = !strcmp(kw, "up");
			continue;
		}
		if (++i == argc) {
			errorf("\"%s\" needs a value", kw);
			return -1;
		}
		if (!strcmp(kw, "lease")) {
			if (parse_lease(r, argv[i]))
				return -1;
		} else if (health_parse_value(argv[i], &r->value)) {
			errorf("invalid value \"%s\" (expected -254..254)",
			       argv[i]);
			return -1;
		} else {
			r->has_value = true;
		}
	}
	if (t->op == TRACK_SET && !r->has_state && !r->has_value &&
	    !r->has_lease) {
		errorf("set needs up, down, value or lease");
		return -1;
	}
	return 0;
}

static const char *const track_ops[] = {
	[TRACK_ADD] = "add",
	[TRACK_SET] = "set",
	[TRACK_DEL] = "del",
	[TRACK_SHOW] = "show",
};

int track_parse(struct track_cmd *t, int argc, char **argv)
{
	size_t op;

	memset(t, 0, sizeof(*t));
	if (!argc) {
		errorf("track needs add, set, del or show");
		return -1;
	}
	for (op = 0; op < sizeof(track_ops) / sizeof(track_ops[0]); op++)
		if (!strcmp(argv[0], track_ops[op]))
			break;
	if (!strcmp(argv[0], "help"))
		return TRACK_HELP;
	if (op == sizeof(track_ops) / sizeof(track_ops[0])) {
		errorf("unknown argument \"%s\" (expected add, set, del or show)",
		       argv[0]);
		return -1;
	}
	t->op = (enum track_op)op;
	argc--;
	argv++;
	if (argc && !strcmp(argv[0], "help"))
		return TRACK_HELP;
	if (!argc && t->op == TRACK_SHOW)
		return 0;
	if (!argc) {
		errorf("%s needs a name", track_ops[op]);
		return -1;
	}
	if (parse_name(&t->req, argv[0]))
		return -1;
	if (t->op == TRACK_ADD || t->op == TRACK_SET)
		return parse_settings(t, argc - 1, argv + 1);
	if (argc > 1 && !strcmp(argv[1], "help"))
		return TRACK_HELP;
	if (argc > 1) {
		errorf("unknown argument \"%s\"", argv[1]);
		return -1;
	}
	return 0;
}

void track_synopsis(FILE *f, const char *indent)
{
	fprintf(f,
		"%s" PROG_NAME " track add NAME [up | down] [value N] [lease DURATION]\n"
		"%s" PROG_NAME " track set NAME [up | down] [value N] [lease DURATION]\n"
		"%s" PROG_NAME " track del NAME\n"
		"%s" PROG_NAME " track show [NAME]\n",
		indent, indent, indent, indent);
}

struct nl_msg *health_msg(const struct vnl *nl, uint8_t cmd, int flags,
			  const struct health_req *r)
{
	struct nl_msg *msg = vnl_msg(nl, cmd, flags, 128);

	if (!msg)
		return NULL;
	if ((r->name && nla_put_string(msg, VRRP_A_TRACK_NAME, r->name)) ||
	    (r->has_state &&
	     nla_put_u8(msg, VRRP_A_TRACK_STATE,
			r->up ? VRRP_TRACK_UP : VRRP_TRACK_DOWN)) ||
	    (r->has_value &&
	     nla_put_s32(msg, VRRP_A_TRACK_VALUE, r->value)) ||
	    (r->has_lease &&
	     nla_put_u32(msg, VRRP_A_TRACK_LEASE_MS, r->lease_ms))) {
		errorf("out of memory");
		nlmsg_free(msg);
		return NULL;
	}
	return msg;
}

int dump_namespace(struct vnl *nl, vnl_reply_fn on_object, void *obj_arg,
		   unsigned int ifindex, vnl_reply_fn on_instance,
		   void *inst_arg)
{
	struct health_req all = { .name = NULL };
	struct nl_msg *msg;
	int ret;

	msg = health_msg(nl, VRRP_CMD_GET_TRACK, NLM_F_DUMP, &all);
	if (!msg)
		return EXIT_FAIL;
	ret = vnl_request(nl, msg, on_object, obj_arg);
	if (ret)
		return ret;
	return vnl_dump_instances(nl, ifindex, on_instance, inst_arg);
}

int health_get(struct nl_msg *msg, struct health *h)
{
	struct nlattr *tb[VRRP_A_MAX + 1];

	memset(h, 0, sizeof(*h));
	if (vnl_parse(msg, tb))
		return -1;
	if (!tb[VRRP_A_TRACK_NAME] || !tb[VRRP_A_TRACK_STATE]) {
		errorf("malformed message from the kernel");
		return -1;
	}
	nla_strlcpy(h->name, tb[VRRP_A_TRACK_NAME], sizeof(h->name));
	h->up = nla_get_u8(tb[VRRP_A_TRACK_STATE]) == VRRP_TRACK_UP;
	if (tb[VRRP_A_TRACK_VALUE]) {
		h->has_value = true;
		h->value = nla_get_s32(tb[VRRP_A_TRACK_VALUE]);
	}
	if (tb[VRRP_A_TRACK_LEASE_MS])
		h->lease_ms = nla_get_u32(tb[VRRP_A_TRACK_LEASE_MS]);
	if (tb[VRRP_A_TRACK_USERS])
		h->users = nla_get_u32(tb[VRRP_A_TRACK_USERS]);
	return 0;
}

/* Our requests are flat: the keyword of the attribute at offset off. */
static const char *blamed(const struct nlmsghdr *req, uint32_t off)
{
	size_t o = NLMSG_HDRLEN + GENL_HDRLEN;

	while (o + NLA_HDRLEN <= req->nlmsg_len) {
		const struct nlattr *a =
			(const struct nlattr *)((const char *)req + o);

		if (a->nla_len < NLA_HDRLEN)
			return NULL;
		if (o == off) {
			switch (a->nla_type & NLA_TYPE_MASK) {
			case VRRP_A_TRACK_NAME:
				return "name";
			case VRRP_A_TRACK_STATE:
				return "state";
			case VRRP_A_TRACK_VALUE:
				return "value";
			case VRRP_A_TRACK_LEASE_MS:
				return "lease";
			}
			return NULL;
		}
		o += NLA_ALIGN(a->nla_len);
	}
	return NULL;
}

/* "lease: ...": the kernel's own messages lead with a keyword. */
static bool has_keyword(const char *s)
{
	const char *p = s;

	while ((*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
	       *p == '-')
		p++;
	return p > s && p[0] == ':' && (p[1] == ' ' || !p[1]);
}

/*
 * The kernel's text, or the errno's; led by the keyword of the attribute
 * it blames when the text does not already start with one.
 */
void health_report(const struct ack *ack, struct nl_msg *msg)
{
	char line[ACK_MSG_MAX + 128];
	const char *kw = NULL;

	explain_ack(ack, NULL, line, sizeof(line));
	if ((ack->has & ACK_OFFS) && !has_keyword(line))
		kw = blamed(nlmsg_hdr(msg), ack->offs);
	if (kw)
		errorf("%s: %s", kw, line);
	else
		errorf("%s", line);
}

void health_print_text(FILE *f, const struct health *h)
{
	fprintf(f, "%s: %s", h->name, h->up ? "up" : "down");
	if (h->has_value)
		fprintf(f, ", value %d", (int)h->value);
	if (h->lease_ms)
		fprintf(f, ", lease %ums", (unsigned int)h->lease_ms);
	else
		fputs(", lease off", f);
	fprintf(f, ", users %u\n", (unsigned int)h->users);
}

void health_json(struct json *j, const struct health *h)
{
	json_str(j, "name", h->name);
	json_str(j, "state", h->up ? "up" : "down");
	json_uint(j, "users", h->users);
	json_uint(j, "lease_ms", h->lease_ms);
	if (h->has_value)
		json_int(j, "value", h->value);
	else
		json_str(j, "value", NULL);
}
