#!/bin/bash
# 18-prio0-rmmod: unloading the module is a shutdown too: the master sends
# an advert with priority 0 and takes its VIP away. r1 (150) master, r2
# (100) backup; the client captures VRRP while `rmmod vrrp` runs (which
# stops both routers: they share the kernel).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

master_and_backup

capture client "$TMPD/vrrp" -vv ip proto 112
# Adverts from r1 are coming through before the unload.
wait_for 10 grep -q '192\.0\.2\.1 > 224\.0\.0\.18: VRRPv3, Advertisement, vrid 51, prio 150,' "$TMPD/vrrp" ||
	fail "the client sees no adverts from r1: $(tail -3 "$TMPD/vrrp")"
rmmod vrrp || fail "rmmod vrrp failed"
vip_left=$(r1 ip -4 -o addr show dev eth0 | grep " $VIP/")
sleep 1
capture_stop "$CAPTURE_PID"

# tcpdump -vv: "    192.0.2.1 > 224.0.0.18: VRRPv3, Advertisement, vrid 51, prio 0, ..."
bye=$(grep -c '^ *192\.0\.2\.1 > 224\.0\.0\.18: VRRPv3, Advertisement, vrid 51, prio 0,' "$TMPD/vrrp")
[ "$bye" -ge 1 ] || {
	tail -6 "$TMPD/vrrp" >&2
	fail "the client should see a priority 0 advert from 192.0.2.1 on rmmod, saw none"
}
[ -z "$vip_left" ] || fail "r1's $VIP should be gone when rmmod returns: $vip_left"
pass "priority 0 advert from 192.0.2.1 seen, VIP gone on rmmod"
