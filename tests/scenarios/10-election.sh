#!/bin/bash
# 10-election: three routers on one VRID elect the highest priority. r1
# (150), r2 (100) and r3 (50) on vrid 51: r1 is master, r2 and r3 are
# backups, and all three name 192.0.2.1 as the master.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

vrrpadm r3 add dev eth0 vrid 51 priority 50 interval 100ms vip $VIP/24 || fail "add on r3 failed"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 || fail "add on r2 failed"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24 || fail "add on r1 failed"

wait_for 10 is_state r1 master || fail "r1 (150) should be master, is $(state r1)"
wait_for 5 is_state r2 backup || fail "r2 (100) should be backup, is $(state r2)"
wait_for 5 is_state r3 backup || fail "r3 (50) should be backup, is $(state r3)"

agree() {
	[ "$(master_of r1)" = 192.0.2.1 ] && [ "$(master_of r2)" = 192.0.2.1 ] &&
		[ "$(master_of r3)" = 192.0.2.1 ]
}
wait_for 5 agree ||
	fail "all should name master 192.0.2.1; r1: $(master_of r1), r2: $(master_of r2), r3: $(master_of r3)"

# Still so a moment later: the election is settled, not passing through.
sleep 1
s="$(state r1) $(state r2) $(state r3)"
[ "$s" = "master backup backup" ] || fail "expected r1..r3 master backup backup, saw $s"
pass "r1 master, r2 and r3 backup, all name 192.0.2.1"
