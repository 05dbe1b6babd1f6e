#!/bin/bash
# 13-master-failure: the master's link dies and the backup takes over.
# r1 (150) master, r2 (100) backup, interval 100ms. r1's switch port goes
# down, so r1 loses carrier: r2 is master within its down interval (plus
# a margin for the emulated VM), r1 goes to init and drops the VIP, and
# the client reaches the VIP through r2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

master_and_backup
client ping -c 1 -W 2 $VIP >/dev/null || fail "the client cannot ping $VIP through r1"

# RFC 9568 6.1 for r2: 3 * 100 ms + (256 - 100) * 100 ms / 256.
down=$((300 + 156 * 100 / 256))
monitor r2 "$TMPD/mon" -j
is_state r2 backup || fail "r2 should still be backup before the cut, is $(state r2)"
t0=$(ms)
sw ip link set p-r1 down
wait_for 10 is_state r2 master || fail "r2 should take over after r1's link died, is $(state r2)"
wait_for 5 grep -q '"state":"master"' "$TMPD/mon" || fail "no backup -> master event from r2: $(cat "$TMPD/mon")"
t1=$(event_ms "$TMPD/mon" '"state":"master"')
took=$((t1 - t0))
# Not before the down interval: r2's timer started with r1's last advert,
# at most one interval (100 ms) before the cut.
[ "$took" -ge $((down - 100 - 20)) ] ||
	fail "r2 took over $took ms after the cut, before its down interval ($down ms, less one interval) could expire"
[ "$took" -le $((down + SLACK_MS)) ] ||
	fail "r2 should take over within ${down} ms + $SLACK_MS ms margin of the cut, took $took ms"
grep -q '"reason":"down-timer"' "$TMPD/mon" || fail "r2's takeover should be by down-timer: $(cat "$TMPD/mon")"

wait_for 5 is_state r1 init || fail "r1 lost carrier and should be init, is $(state r1)"
wait_for 5 no_vip r1 || fail "r1 lost carrier and should drop $VIP: $(r1 ip -4 -o addr show dev eth0)"
wait_for 5 has_vip r2 || fail "r2 is master without $VIP"
client ip neigh flush dev eth0 >/dev/null 2>&1
client ping -c 1 -W 2 $VIP >/dev/null || fail "the client cannot ping $VIP through r2"
[ "$(neigh_mac client $VIP)" = "$(mac r2)" ] || fail "the client should reach $VIP at r2's $(mac r2), has $(neigh_mac client $VIP)"
pass "takeover after $took ms (down interval $down ms)"
