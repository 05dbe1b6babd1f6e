// SPDX-License-Identifier: GPL-2.0
/*
 * blast IFNAME FRAMEFILE SECS: send the Ethernet frame in FRAMEFILE out of
 * IFNAME over and over for SECS seconds, as fast as a packet socket and
 * sendmmsg() go; print how many were sent. The packet-path benchmark needs
 * a sender faster than the receiver it measures, which python's one
 * send() per frame is not in the emulated guest.
 */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <linux/if_packet.h>
#include <net/ethernet.h>
#include <net/if.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#define BATCH 64

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct sockaddr_ll sll = { .sll_family = AF_PACKET };
	struct mmsghdr msgs[BATCH];
	struct iovec iov;
	unsigned char frame[2048];
	unsigned long long sent = 0;
	double end;
	size_t len;
	FILE *f;
	int s;

	if (argc != 4) {
		fprintf(stderr, "usage: blast IFNAME FRAMEFILE SECS\n");
		return 2;
	}
	f = fopen(argv[2], "rb");
	if (!f) {
		perror(argv[2]);
		return 1;
	}
	len = fread(frame, 1, sizeof(frame), f);
	fclose(f);
	if (len < ETH_HLEN) {
		fprintf(stderr, "blast: %s holds no frame\n", argv[2]);
		return 1;
	}
	s = socket(AF_PACKET, SOCK_RAW, 0);
	sll.sll_ifindex = if_nametoindex(argv[1]);
	if (s < 0 || !sll.sll_ifindex ||
	    bind(s, (struct sockaddr *)&sll, sizeof(sll))) {
		perror("blast: socket");
		return 1;
	}
	iov.iov_base = frame;
	iov.iov_len = len;
	memset(msgs, 0, sizeof(msgs));
	for (int i = 0; i < BATCH; i++) {
		msgs[i].msg_hdr.msg_iov = &iov;
		msgs[i].msg_hdr.msg_iovlen = 1;
	}
	end = now() + atof(argv[3]);
	while (now() < end) {
		int n = sendmmsg(s, msgs, BATCH, 0);

		if (n > 0)
			sent += n;
	}
	printf("%llu\n", sent);
	return 0;
}
