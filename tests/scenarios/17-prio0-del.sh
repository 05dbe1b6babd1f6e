#!/bin/bash
# 17-prio0-del: a master that is deleted says goodbye with priority 0, and
# the backup takes over after Skew_Time instead of the down interval.
# Interval 1 s: r2 (100) would wait 3.6 s for a silent master, but only
# ~0.6 s after a priority 0 advert. r1's VIP is gone when `del` returns.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

master_and_backup 1s
# r2 has heard r1, so its down timer runs on r1's adverts.
wait_for 5 stat_gt r2 adverts_rx 0 || fail "r2 never heard r1's adverts"

monitor r2 "$TMPD/mon" -j
t0=$(ms)
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
vip_left=$(r1 ip -4 -o addr show dev eth0 | grep " $VIP/")
[ -z "$vip_left" ] || fail "r1's $VIP should be gone when del returns, is still there: $vip_left"

wait_for 10 grep -q '"state":"master"' "$TMPD/mon" || fail "r2 should take over, is $(state r2)"
t1=$(event_ms "$TMPD/mon" '"state":"master"')
took=$((t1 - t0))
grep -q '"reason":"priority-zero"' "$TMPD/mon" ||
	fail "r2's takeover should be for priority-zero: $(cat "$TMPD/mon")"
[ "$took" -lt 2500 ] || fail "r2 should take over well before its 3609 ms down interval (< 2500 ms), took $took ms"
p0=$(stat r2 prio0_rx)
[ "$p0" = 1 ] || fail "r2's prio0_rx should be 1, is $p0"
wait_for 5 has_vip r2 || fail "r2 is master without $VIP"
pass "r2 master $took ms after del (Skew_Time 609 ms, down interval 3609 ms), prio0_rx 1"
