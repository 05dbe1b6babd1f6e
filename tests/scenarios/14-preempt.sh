#!/bin/bash
# 14-preempt: a better router that comes back takes over again. As in 13,
# r1 (150) loses its link and r2 (100) takes over; then r1's link comes
# back: r1 preempts r2, r2 is backup, and the VIP is back on r1 only.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

master_and_backup

sw ip link set p-r1 down
wait_for 10 is_state r2 master || fail "r2 should take over after r1's link died, is $(state r2)"
wait_for 5 is_state r1 init || fail "r1 without carrier should be init, is $(state r1)"
wait_for 5 has_vip r2 || fail "r2 is master without $VIP"

t0=$(ms)
sw ip link set p-r1 up
wait_for 10 is_state r1 master || fail "r1 (150) should preempt r2 once its link is back, is $(state r1)"
t1=$(ms)
wait_for 5 is_state r2 backup || fail "r2 should be backup after r1 preempted, is $(state r2)"
wait_for 5 has_vip r1 || fail "r1 is master again without $VIP"
wait_for 5 no_vip r2 || fail "r2 is backup but kept $VIP"
[ "$(master_of r2)" = 192.0.2.1 ] || fail "r2 should name 192.0.2.1 as master, names $(master_of r2)"
client ip neigh flush dev eth0 >/dev/null 2>&1
client ping -c 1 -W 2 $VIP >/dev/null || fail "the client cannot ping $VIP"
[ "$(neigh_mac client $VIP)" = "$(mac r1)" ] || fail "the client should reach $VIP at r1's $(mac r1), has $(neigh_mac client $VIP)"
pass "r1 master again $((t1 - t0)) ms after its link came back, VIP back on r1"
