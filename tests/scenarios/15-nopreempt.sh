#!/bin/bash
# 15-nopreempt: a better router with preemption off does not take over a
# working master. r2 (100) is master; r1 (150, nopreempt) is added: r1
# stays backup and r2 master through several seconds of 100 ms adverts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 || fail "add on r2 failed"
wait_for 10 is_state r2 master || fail "r2 alone should be master, is $(state r2)"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms nopreempt vip $VIP/24 ||
	fail "add on r1 failed"
wait_for 10 is_state r1 backup || fail "r1 should start as backup, is $(state r1)"

# Long enough for r1 to have taken over many times were it preempting.
rx0=$(stat r1 adverts_rx)
t0=$(ms)
while [ $(($(ms) - t0)) -lt 5000 ]; do
	s="$(state r1) $(state r2)"
	[ "$s" = "backup master" ] || fail "with nopreempt, r1 should stay backup and r2 master; saw r1/r2 $s"
	sleep 0.5
done
rx=$(($(stat r1 adverts_rx) - rx0))
[ "$rx" -ge 20 ] || fail "r1 should have heard r2's adverts meanwhile (~50 in 5 s), heard $rx"
[ "$(stat r1 became_master)" = 0 ] || fail "r1 became master $(stat r1 became_master) times"
[ "$(master_of r1)" = 192.0.2.2 ] || fail "r1 should name 192.0.2.2 as master, names $(master_of r1)"
has_vip r2 && no_vip r1 || fail "the VIP should be on r2 only"
pass "r1 (150, nopreempt) stayed backup through $rx adverts from r2 (100)"
