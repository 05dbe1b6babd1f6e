#!/bin/bash
# 51-going-down-prio0: a master whose interface is set down says goodbye
# with priority 0 (RFC 9568 6.4.3) while it still can (NETDEV_GOING_DOWN),
# so the backup takes over after Skew_Time for priority-zero instead of
# waiting out the down interval. r1 (150) master, r2 (100) backup, adverts
# every 100 ms; `ip link set eth0 down` in r1: r2 counts exactly one
# priority 0 advert (prio0_rx), r1 one sent (prio0_tx), and r2's monitor
# shows backup -> master (priority-zero), not (down-timer). When the link
# comes back r1 starts again and preempts r2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology
master_and_backup 100ms
# r2 has heard r1, so a silent r1 would be noticed by r2's down timer.
wait_for 5 stat_gt r2 adverts_rx 0 || fail "r2 never heard r1's adverts"

monitor r2 "$TMPD/mon"
rx0=$(stat r2 prio0_rx)
tx0=$(stat r1 prio0_tx)
t0=$(ms)
r1 ip link set eth0 down || fail "ip link set eth0 down in r1 failed"
wait_for 10 grep -q -- ' -> master' "$TMPD/mon" ||
	fail "r2 did not take over after r1's link went down (r2 is $(state r2))"
t1=$(event_ms "$TMPD/mon" ' -> master')
line=$(grep -m1 -- ' -> ' "$TMPD/mon" | cut -d' ' -f2-)
case $line in
"eth0 vrid 51 inet: backup -> master (priority-zero)"*) ;;
*) fail "r2's first state change should be backup -> master (priority-zero), was: $line" ;;
esac
wait_for 5 stat_gt r2 prio0_rx "$rx0"
rx=$(stat r2 prio0_rx)
[ "$rx" = $((rx0 + 1)) ] || fail "r2's prio0_rx should have grown by 1 (from $rx0), is $rx"
tx=$(stat r1 prio0_tx)
[ "$tx" = $((tx0 + 1)) ] || fail "r1's prio0_tx should have grown by 1 (from $tx0), is $tx"
wait_for 5 is_state r1 init || fail "r1 with its link down should be init, is $(state r1)"
no_vip r1 || fail "r1 with its link down still holds $VIP"
wait_for 5 has_vip r2 || fail "r2 is master without $VIP"

r1 ip link set eth0 up || fail "ip link set eth0 up in r1 failed"
wait_for 20 is_state r1 master || fail "r1's link back: r1 should preempt r2, is $(state r1)"
wait_for 10 is_state r2 backup || fail "r1's link back: r2 should be backup, is $(state r2)"
wait_for 5 has_vip r1 || fail "r1 is master again without $VIP"
wait_for 5 no_vip r2 || fail "r2 backup still holds $VIP"
pass "r2 master for priority-zero $((t1 - t0)) ms after r1's link went down (down interval 361 ms), prio0 sent 1, received 1"
