// SPDX-License-Identifier: GPL-2.0
/*
 * vrrpadm apply --watch FILE: apply, then stay and apply again whenever an
 * interface that FILE names is created anew. The kernel deletes an
 * instance with its interface (a VLAN or a bond that a network manager
 * deletes and creates again), and holds a VIP's or a route's interface by
 * its index; applying again once the name has a new index brings them
 * back. SIGHUP applies again at once (a reload: the file may have
 * changed); SIGINT and SIGTERM end it, leaving the instances as they are.
 * Under systemd (Type=notify) it says READY=1 once the first apply is done.
 *
 * This is no daemon the instances depend on: they run in the kernel, and
 * if the watcher dies, all that is lost is the next re-creation.
 */
#include <errno.h>
#include <net/if.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/signalfd.h>
#include <stddef.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <linux/netlink.h>
#include <linux/rtnetlink.h>

#include "conffile.h"
#include "parse.h"
#include "vrrpadm.h"

/* An interface FILE names, and its index when we last applied. */
struct watched {
	char name[IF_NAMESIZE];
	unsigned int ifindex;		/* 0: missing */
};

struct watch {
	const char *path;
	struct watched *w;
	size_t n, cap;
};

static void watch_name(struct watch *wt, const char *name)
{
	struct watched *more;

	if (!name)
		return;
	for (size_t i = 0; i < wt->n; i++)
		if (!strcmp(wt->w[i].name, name))
			return;
	if (wt->n == wt->cap) {
		more = realloc(wt->w, (wt->cap ? 2 * wt->cap : 8) * sizeof(*more));
		if (!more)
			return;		/* that one goes unwatched */
		wt->w = more;
		wt->cap = wt->cap ? 2 * wt->cap : 8;
	}
	snprintf(wt->w[wt->n].name, IF_NAMESIZE, "%s", name);
	wt->w[wt->n++].ifindex = if_nametoindex(name);
}

/*
 * The interfaces the file names now, and their indexes now. Only after an
 * apply that read it without a word to say, so it says nothing either.
 */
static void learn_names(struct watch *wt)
{
	struct conffile cf;

	wt->n = 0;
	if (conffile_read(&cf, wt->path, false) == EXIT_OK) {
		for (size_t i = 0; i < cf.ninst; i++) {
			const struct vrrp_config *c = &cf.inst[i].c;

			watch_name(wt, c->dev);
			for (size_t k = 0; k < c->nvips; k++)
				watch_name(wt, c->vips[k].dev);
			for (size_t k = 0; k < c->nroutes; k++)
				watch_name(wt, c->routes[k].dev);
			for (size_t k = 0; k < c->ntracks; k++)
				if (c->tracks[k].dev)
					watch_name(wt, c->tracks[k].name);
		}
	}
	conffile_free(&cf);
}

/* Whether one of the names has another index than when we applied. */
static bool renewed(const struct watch *wt)
{
	for (size_t i = 0; i < wt->n; i++) {
		unsigned int now = if_nametoindex(wt->w[i].name);

		if (now && now != wt->w[i].ifindex)
			return true;
	}
	return false;
}

static int reapply(struct watch *wt)
{
	int ret = apply_file(wt->path, false, true);

	/* A file broken meanwhile changes nothing: keep watching. */
	if (ret == EXIT_OK)
		learn_names(wt);
	return ret;
}

static int link_socket(void)
{
	struct sockaddr_nl sa = {
		.nl_family = AF_NETLINK,
		.nl_groups = RTMGRP_LINK,
	};
	int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK,
			NETLINK_ROUTE);

	if (fd < 0)
		return -1;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa))) {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads what is queued; true if it was more than the buffer could hold. */
static bool drain_links(int fd)
{
	char buf[8192];
	bool lost = false;
	ssize_t n;

	while ((n = recv(fd, buf, sizeof(buf), 0)) != 0) {
		if (n > 0)
			continue;
		if (errno == ENOBUFS) {
			lost = true;
			continue;
		}
		break;			/* EAGAIN: all read */
	}
	return lost;
}

static int signal_fd(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGHUP);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	if (sigprocmask(SIG_BLOCK, &set, NULL))
		return -1;
	return signalfd(-1, &set, SFD_CLOEXEC);
}

static int loop(struct watch *wt, int lfd, int sfd)
{
	struct pollfd pfd[2] = {
		{ .fd = lfd, .events = POLLIN },
		{ .fd = sfd, .events = POLLIN },
	};
	struct signalfd_siginfo si;

	for (;;) {
		if (poll(pfd, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			errorf("poll: %s", strerror(errno));
			return EXIT_FAIL;
		}
		if (pfd[1].revents) {
			if (read(sfd, &si, sizeof(si)) != sizeof(si))
				continue;
			if (si.ssi_signo != SIGHUP)
				return EXIT_OK;
			fprintf(stderr, "%s: SIGHUP: applying %s\n", PROG_NAME,
				wt->path);
			reapply(wt);
			continue;
		}
		/* Events lost: an interface may have come back unseen. */
		if (drain_links(lfd) || renewed(wt)) {
			fprintf(stderr, "%s: an interface of %s is new: applying it\n",
				PROG_NAME, wt->path);
			reapply(wt);
		}
	}
}

/*
 * systemd's Type=notify: "READY=1" once the first apply is done, so that
 * "systemctl start" returns with the instances there (or fails with it).
 */
static void notify_ready(void)
{
	const char *path = getenv("NOTIFY_SOCKET");
	struct sockaddr_un sa = { .sun_family = AF_UNIX };
	size_t len;
	int fd;

	if (!path || (path[0] != '/' && path[0] != '@'))
		return;
	len = strlen(path);
	if (len >= sizeof(sa.sun_path))
		return;
	memcpy(sa.sun_path, path, len);
	if (path[0] == '@')
		sa.sun_path[0] = '\0';	/* an abstract socket */
	fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return;
	if (sendto(fd, "READY=1", 7, 0, (struct sockaddr *)&sa,
		   (socklen_t)(offsetof(struct sockaddr_un, sun_path) + len)) < 0)
		fprintf(stderr, "Warning: cannot notify systemd: %s\n",
			strerror(errno));
	close(fd);
}

int apply_watch(const char *path)
{
	struct watch wt = { .path = path };
	int lfd, sfd, ret;

	sfd = signal_fd();
	lfd = link_socket();
	if (sfd < 0 || lfd < 0) {
		errorf("cannot watch links: %s", strerror(errno));
		if (sfd >= 0)
			close(sfd);
		if (lfd >= 0)
			close(lfd);
		return EXIT_FAIL;
	}
	/* Subscribed first: nothing that happens after the apply is missed. */
	ret = apply_file(path, false, true);
	if (ret == EXIT_OK) {
		learn_names(&wt);
		notify_ready();
		ret = loop(&wt, lfd, sfd);
	}
	free(wt.w);
	close(lfd);
	close(sfd);
	return ret;
}
