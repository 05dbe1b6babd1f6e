#!/bin/bash
# 44-dump-large-instance: one instance with 250 VIPs (a message of about
# 5.7 KiB) does not break the dump of the others. The reader is a plain
# generic netlink client (gnl.py) whose first read used a 4 KiB buffer, so
# the kernel sizes the first dump skb at its smallest; before the dump
# asked for room for the largest instance, that first instance did not fit
# and the dump ended with EMSGSIZE, every instance lost. Also a GET of it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
GNL=$(dirname "$0")/gnl.py

load
topology
vips=
for i in $(seq 1 250); do
	vips+=" vip 198.51.$((100 + i / 250)).$((i % 250 + 1))/24"
done
# shellcheck disable=SC2086
vrrpadm r1 add dev eth0 vrid 1 priority 100 $vips || fail "add of the 250-VIP instance failed"
inst r1 51 100 $VIP || fail "add vrid 51"
inst r1 52 100 192.0.2.11 || fail "add vrid 52"
out=$(on r1 "$PY" "$GNL" dump --first-recv 4096) || fail "gnl.py dump failed: $out"
want="1 250
51 1
52 1"
got=$(awk '{ print $2, $3 }' <<<"$out")
[ "$got" = "$want" ] || fail "dump with a 4 KiB first read: expected vrid/VIP counts '${want//$'\n'/, }', got '${out//$'\n'/, }'"
n=$(vrrpadm r1 -j show dev eth0 vrid 1 | python3 -c 'import json,sys; print(len(json.load(sys.stdin)[0]["vips"]))') ||
	fail "GET of the 250-VIP instance failed"
[ "$n" = 250 ] || fail "GET of the 250-VIP instance: $n VIPs"
pass "all 3 instances dumped after a 4 KiB first read, the first with 250 VIPs; GET returns 250"
