#!/bin/bash
# 41-del-while-receiving: deleting and reconfiguring an instance while its
# adverts arrive frees nothing a softirq still reads. The client floods
# valid adverts for vrid 51 (priority 50, one VIP, checksum right) as fast
# as it can while r1 adds its instance, replaces its VIP list and deletes
# it, 40 times. Before the VIP list was freed after a grace period, a
# receive softirq that had found the instance could read the freed list
# (KASAN on the debug kernel reports it); here nothing may splat, every
# cycle must work, and r1 must have received adverts.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

CYCLES=$(scaled 40)
T=/tmp/41
rm -f $T.*
client "$PY" - $T "$REPO/tests/scenarios" <<'PYEOF' >$T.flood 2>&1 &
import os, sys, time
t = sys.argv[1]
sys.path.insert(0, sys.argv[2])
import frames

frame = frames.advert("192.0.2.100", 51, 50, ["192.0.2.10"])
s = frames.sender()
n, deadline = 0, time.monotonic() + 170
while not os.path.exists(t + ".stop") and time.monotonic() < deadline:
    for _ in range(200):
        try:
            s.send(frame)
            n += 1
        except OSError:  # a full queue: the flood goes on
            pass
print(n)
PYEOF
FLOOD=$!
trap 'touch $T.stop; wait $FLOOD 2>/dev/null' EXIT

rx=0
for i in $(seq $CYCLES); do
	inst r1 51 100 $VIP interval 100ms || fail "cycle $i: add failed"
	vrrpadm r1 set dev eth0 vrid 51 vip 192.0.2.11/24 vip 192.0.2.12/24 ||
		fail "cycle $i: set of the VIP list failed"
	n=$(stat r1 adverts_rx)
	rx=$((rx + ${n:-0}))
	vrrpadm r1 del dev eth0 vrid 51 || fail "cycle $i: del failed"
done
touch $T.stop
wait $FLOOD
sent=$(cat $T.flood)
[[ $sent =~ ^[0-9]+$ ]] || fail "the flood sender failed: $sent"
[ "$rx" -gt 0 ] || fail "r1 received no advert in $CYCLES cycles (flood sent ${sent:-?}: $(cat $T.flood))"
[ -z "$(vrrpadm r1 show)" ] || fail "instances left after the last del: $(vrrpadm r1 show)"
pass "$CYCLES add/set/del cycles under a flood of $sent valid adverts, $rx received"
