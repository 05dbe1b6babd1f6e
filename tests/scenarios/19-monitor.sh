#!/bin/bash
# 19-monitor: `vrrpadm monitor` prints one line per state change of the
# namespace it runs in, as text and (-j) as JSON. In r2 (100), with r1
# (150) coming and going, the lines are exactly:
#   init -> backup (startup)          r2 added
#   backup -> master (priority-zero)  r1 deleted
#   master -> backup (preempted)      r1 added again
#   backup -> master (down-timer)     r1's link cut
# Interval 1 s keeps spurious changes of an emulated VM out of the count.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

monitor r2 "$TMPD/text"
monitor r2 "$TMPD/json" -j
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 1s vip $VIP/24 || fail "add on r1 failed"
wait_for 15 is_state r1 master || fail "r1 should be master, is $(state r1)"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 1s vip $VIP/24 || fail "add on r2 failed"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
wait_for 10 is_state r2 master || fail "r2 should take over from the deleted r1, is $(state r2)"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 1s vip $VIP/24 || fail "second add on r1 failed"
wait_for 15 is_state r2 backup || fail "r1 should preempt r2, r2 is $(state r2)"
sw ip link set p-r1 down
wait_for 15 is_state r2 master || fail "r2 should take over from the cut r1, is $(state r2)"
sleep 1
bg_stop

want="init backup startup
backup master priority-zero
master backup preempted
backup master down-timer"
got=$(sed 's/^[0-9]* //' "$TMPD/text" |
	sed -n 's/^eth0 vrid 51 inet: \([a-z]*\) -> \([a-z]*\) (\([a-z-]*\)) priority 100\( master [0-9.]*\)\{0,1\}$/\1 \2 \3/p')
[ "$got" = "$want" ] || {
	cat "$TMPD/text" >&2
	fail "text monitor: expected 4 lines '${want//$'\n'/, }', parsed '${got//$'\n'/, }'"
}
[ "$(grep -c -- ' -> ' "$TMPD/text")" = 4 ] || fail "text monitor: expected 4 state lines, got $(grep -c -- ' -> ' "$TMPD/text"): $(cat "$TMPD/text")"
# r2's own add is a configuration event, not a state change.
grep -q '^[0-9]* eth0 vrid 51 inet: added priority 100 interval 1000ms' "$TMPD/text" ||
	fail "text monitor: no 'added' line for r2's add: $(cat "$TMPD/text")"
got=$(sed 's/^[0-9]* //' "$TMPD/json" | python3 -c '
import json, sys
for line in sys.stdin:
    e = json.loads(line)
    if e["event"] != "state":
        continue
    assert e["dev"] == "eth0" and e["vrid"] == 51 and e["priority"] == 100, line
    print(e["old_state"], e["state"], e["reason"])
') || fail "JSON monitor lines do not parse or lack dev/vrid/priority: $(cat "$TMPD/json")"
[ "$got" = "$want" ] || {
	cat "$TMPD/json" >&2
	fail "JSON monitor: expected '${want//$'\n'/, }', got '${got//$'\n'/, }'"
}
pass "4 text and 4 JSON state lines: startup, priority-zero, preempted, down-timer; add shown"
