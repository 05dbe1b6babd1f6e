#!/bin/bash
# 46-equal-priority: RFC 9568 6.4.3's tie-break. r1 (192.0.2.1) and r2
# (192.0.2.2) both run priority 100; the bridge isolates their ports, so
# each becomes master. When the isolation ends, the one with the higher
# primary address (r2) stays master and r1 yields (preempted).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology
sw bridge link set dev p-r1 isolated on || fail "cannot isolate p-r1"
sw bridge link set dev p-r2 isolated on
vrrpadm r1 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 || fail "add on r1"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 || fail "add on r2"
wait_for 10 is_state r1 master || fail "isolated r1 should be master, is $(state r1)"
wait_for 10 is_state r2 master || fail "isolated r2 should be master, is $(state r2)"
monitor r1 "$TMPD/r1"
sw bridge link set dev p-r1 isolated off
sw bridge link set dev p-r2 isolated off
wait_for 10 is_state r1 backup || fail "r1 (lower address) should yield, is $(state r1)"
sleep 1
is_state r2 master || fail "r2 (higher address) should stay master, is $(state r2)"
is_state r1 backup || fail "r1 should stay backup, is $(state r1)"
[ "$(master_of r1)" = 192.0.2.2 ] || fail "r1 should follow 192.0.2.2, follows $(master_of r1)"
bg_stop
grep -q 'master -> backup (preempted)' "$TMPD/r1" || fail "r1's change should be 'preempted': $(cat "$TMPD/r1")"
pass "equal priority: 192.0.2.2 stays master, 192.0.2.1 yields"
