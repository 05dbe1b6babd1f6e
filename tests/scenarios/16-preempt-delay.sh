#!/bin/bash
# 16-preempt-delay: preemption waits for preempt-delay after startup. r2
# (100) is master; r1 (150) is added with preempt-delay 2s: r1 is backup
# for at least ~1.5 s, then becomes master (2 s plus its down interval).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 || fail "add on r2 failed"
wait_for 10 is_state r2 master || fail "r2 alone should be master, is $(state r2)"
monitor r1 "$TMPD/mon"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms preempt-delay 2s vip $VIP/24 ||
	fail "add on r1 failed"
wait_for 10 grep -q 'init -> backup' "$TMPD/mon" || fail "r1 should start as backup: $(cat "$TMPD/mon")"
t0=$(event_ms "$TMPD/mon" 'init -> backup')

# RFC 9568 6.1 for r1: 3 * 100 ms + (256 - 150) * 100 ms / 256.
down=$((300 + 106 * 100 / 256))
wait_for 15 grep -q 'backup -> master' "$TMPD/mon" || fail "r1 should preempt after the delay, is $(state r1)"
t1=$(event_ms "$TMPD/mon" 'backup -> master')
took=$((t1 - t0))
[ "$took" -ge 1500 ] || fail "r1 should stay backup >= 1500 ms (preempt-delay 2s), became master after $took ms"
[ "$took" -le $((2000 + down + SLACK_MS)) ] ||
	fail "r1 should be master by 2000 + $down ms + $SLACK_MS ms margin, took $took ms"
wait_for 5 is_state r2 backup || fail "r2 should be backup after r1 preempted, is $(state r2)"
[ "$(grep -c ' -> ' "$TMPD/mon")" = 2 ] || fail "r1 should change state twice, did: $(cat "$TMPD/mon")"
pass "r1 became master $took ms after startup (preempt-delay 2000 ms, down interval $down ms)"
