#!/bin/bash
# Carrier loss is not a partition: when r1 (master) loses its link it goes
# to init and gives up the VIP, r2 takes over; when the link comes back r1
# starts again by itself, as backup, and preempts r2 (higher priority).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
. "$(dirname "$0")/lib-failover.sh"
load
topology

master_and_backup
became=$(stat r1 became_master)

r1 ip link set eth0 down
wait_for 10 is_state r1 init || fail "link down: r1 expected init, is $(state r1)"
wait_for 10 no_vip r1 || fail "link down: r1 still holds $VIP"
wait_for 10 is_state r2 master || fail "link down: r2 expected master, is $(state r2)"
wait_for 10 has_vip r2 || fail "link down: r2 master without the VIP"

monitor r1 "$TMPD/r1"
r1 ip link set eth0 up
# Back by itself, through backup (r2's adverts keep it there until the
# preemption by priority): became_master grows by exactly one.
wait_for 20 is_state r1 master || fail "link up: r1 expected master again, is $(state r1)"
wait_for 10 has_vip r1 || fail "link up: r1 master without the VIP"
wait_for 10 is_state r2 backup || fail "link up: r2 expected backup, is $(state r2)"
wait_for 10 no_vip r2 || fail "link up: r2 backup still holds $VIP"
now=$(stat r1 became_master)
[ "$now" -eq $((became + 1)) ] ||
	fail "link up: r1 became_master expected $((became + 1)), is $now"
bg_stop
got=$(sed -n 's/^[0-9]* eth0 vrid 51 inet: \([a-z]*\) -> \([a-z]*\) (\([a-z-]*\)).*/\1 \2 \3/p' "$TMPD/r1")
want="init backup startup
backup master down-timer"
[ "$got" = "$want" ] || fail "link up: r1 should go init -> backup -> master, went '${got//$'\n'/, }'"
pass "r1 back through backup, then master by its down timer"
