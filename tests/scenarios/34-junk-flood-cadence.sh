#!/bin/bash
# A dropped packet touches nothing: while the client floods r1 with invalid
# adverts for its VRID (bad checksum, priority 255) as fast as it can, r1
# (interval 100ms) keeps its cadence: it stays master, r2 never takes over,
# and r1 sends the expected number of adverts (within 30%).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

SECS=3
INTERVAL_MS=100
# The debug kernel (KASAN, lockdep) under emulation cannot keep a 100 ms
# cadence under any load; the property is the same at 500 ms.
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || INTERVAL_MS=500
inst r1 51 150 $VIP interval ${INTERVAL_MS}ms || fail "vrrpadm add in r1 failed"
inst r2 51 100 $VIP interval ${INTERVAL_MS}ms || fail "vrrpadm add in r2 failed"
wait_for 10 is_state r1 master || fail "r1 not master at start (is $(state r1))"
wait_for 10 is_state r2 backup || fail "r2 not backup at start (is $(state r2))"
r2_became=$(stat r2 became_master)
r1_became=$(stat r1 became_master)

# r1's adverts as r2 sees them, for the gaps between them.
PCAP=/tmp/34-adverts.pcap
r2 tcpdump -i eth0 -n -w $PCAP -U 'ip proto 112 and src host 192.0.2.1' 2>/dev/null &
TCPDUMP=$!
trap 'kill $TCPDUMP 2>/dev/null' EXIT
wait_for 10 [ -s $PCAP ] || fail "tcpdump in r2 did not start"

# The flood: one frame built by hand (python without scapy starts fast),
# sent from a raw socket in a tight loop for SECS seconds (at most 2 million
# frames) once $T.go exists. Prints the count and the start and end times.
T=/tmp/34
rm -f $T.*
client "$PY" - $SECS $T "$REPO/tests/scenarios" <<'PYEOF' >$T.flood 2>&1 &
import os, sys, time
secs, t = float(sys.argv[1]), sys.argv[2]
sys.path.insert(0, sys.argv[3])
import frames

# VRRPv3: vrid 51, priority 255, the VIP, a checksum of neither form.
frame = frames.advert("192.0.2.100", 51, 255, ["192.0.2.10"], form="bad")
s = frames.sender()
open(t + ".ready", "w").close()
deadline = time.monotonic() + 150
while not os.path.exists(t + ".go"):
    if time.monotonic() > deadline:
        sys.exit("timed out waiting for " + t + ".go")
    time.sleep(0.05)
n, start, wall = 0, time.monotonic(), time.time()
end = start + secs
while n < 2000000:
    for _ in range(100):
        try:
            s.send(frame)
            n += 1
        except OSError:
            pass
    if time.monotonic() >= end:
        break
print(n, wall, time.time())
PYEOF
FLOOD=$!
wait_for 60 [ -e $T.ready ] || fail "the flood did not start: $(cat $T.flood)"
drops0=$(stat r1 drop_checksum)
touch $T.go
wait $FLOOD || fail "the flood failed: $(cat $T.flood)"
drops1=$(stat r1 drop_checksum)
read -r sent start end <$T.flood || fail "no flood figures: $(cat $T.flood)"
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null

# r1's adverts during the flood, from r2's capture: how many, largest gap;
# and the flood's figures.
read -r got exp gap took rate <<<"$(tcpdump -r $PCAP -tt -n 2>/dev/null |
	awk '{print $1}' | python3 -c "
import sys
start, end, sent, ms = $start, $end, $sent, $INTERVAL_MS
t = [float(l) for l in sys.stdin if l.strip()]
w = [x for x in t if start <= x <= end]
# The gaps include the ones across the window's edges.
e = [x for x in t if x < start][-1:] + w + [x for x in t if x > end][:1]
gap = max([b - a for a, b in zip(e, e[1:])] or [-1])
print(len(w), int((end - start) * 1000 / ms), int(gap * 1000),
      '%.1f' % (end - start), int(sent / (end - start)))")"
dropped=$((drops1 - drops0))
exp=$(python3 -c "print(int(($end - $start) * 1000 / $INTERVAL_MS))")
[ -n "$rate" ] || fail "cannot read r2's capture ($PCAP)"
figures="$sent packets in ${took}s ($rate/s, r1 dropped $dropped), r1 sent $got adverts meanwhile (expected $exp), max gap ${gap}ms"

[ "$dropped" -gt 0 ] || fail "the flood never reached r1 (drop_checksum +0): $figures"
is_state r1 master || fail "r1 left master during the flood (is $(state r1)): $figures"
is_state r2 backup || fail "r2 left backup during the flood (is $(state r2)): $figures"
[ "$(stat r2 became_master)" = "$r2_became" ] || fail "r2 took over during the flood: $figures"
[ "$(stat r1 became_master)" = "$r1_became" ] || fail "r1 lost master during the flood: $figures"
[ $((got * 10)) -ge $((exp * 7)) ] && [ $((got * 10)) -le $((exp * 13)) ] ||
	fail "r1's cadence: expected $exp adverts +-30%: $figures"
# Past 3 intervals without an advert a backup starts counting down: the
# flood must never open such a gap.
[ "$gap" -ge 0 ] && [ "$gap" -lt $((3 * INTERVAL_MS)) ] ||
	fail "r1's largest gap between adverts must stay under 3 intervals: $figures"
pass "$figures"
