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

# The flood: scapy builds one packet, a raw socket sends it in a tight
# loop for SECS seconds (at most 2 million packets). Prints the count.
READY=/tmp/34-ready
rm -f $READY
client "$PY" - $SECS $READY <<'PYEOF' >/tmp/34-flood.out 2>&1 &
import socket, sys, time
from scapy.all import Ether, IP
from scapy.layers.vrrp import VRRPv3
secs, ready = float(sys.argv[1]), sys.argv[2]
adv = VRRPv3(vrid=51, priority=255, adv=100, addrlist=["192.0.2.10"])
good = VRRPv3(bytes(adv)).chksum
adv.chksum = good ^ 0x5a5a
pkt = bytes(Ether(dst="01:00:5e:00:00:12") /
            IP(src="192.0.2.100", dst="224.0.0.18", ttl=255) / adv)
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
open(ready, "w").close()
n, start = 0, time.monotonic()
end = start + secs
while n < 2000000:
    for _ in range(100):
        try:
            s.send(pkt)
            n += 1
        except OSError:
            pass
    if time.monotonic() >= end:
        break
print(n, time.monotonic() - start)
PYEOF
FLOOD=$!
wait_for 60 [ -e $READY ] || fail "the flood did not start: $(cat /tmp/34-flood.out)"
t0=$(now_ms); tx0=$(stat r1 adverts_tx); t0=$(( (t0 + $(now_ms)) / 2 ))
drops0=$(stat r1 drop_checksum)
wait $FLOOD || fail "the flood failed: $(cat /tmp/34-flood.out)"
t1=$(now_ms); tx1=$(stat r1 adverts_tx); t1=$(( (t1 + $(now_ms)) / 2 ))
drops1=$(stat r1 drop_checksum)
read -r sent took </tmp/34-flood.out || fail "no flood figures: $(cat /tmp/34-flood.out)"
sleep 0.5
kill $TCPDUMP; wait $TCPDUMP 2>/dev/null

rate=$(python3 -c "print(int($sent / $took))")
dropped=$((drops1 - drops0))
got=$((tx1 - tx0))
exp=$(( (t1 - t0) / INTERVAL_MS ))
# The largest gap between r1's adverts during the flood, from r2's capture.
gap=$(tshark -r $PCAP -T fields -e frame.time_epoch 2>/dev/null | python3 -c "
import sys
t = [float(l) * 1000 for l in sys.stdin if l.strip()]
t = [x for x in t if $t0 - 200 <= x <= $t1 + 200]
print(int(max(b - a for a, b in zip(t, t[1:]))) if len(t) > 1 else -1)")
figures="$sent packets in ${took%.*}s ($rate/s, r1 dropped $dropped), r1 sent $got adverts in $((t1 - t0))ms (expected $exp), max gap ${gap}ms"

[ "$dropped" -gt 0 ] || fail "the flood never reached r1 (drop_checksum +0): $figures"
is_state r1 master || fail "r1 left master during the flood (is $(state r1)): $figures"
is_state r2 backup || fail "r2 left backup during the flood (is $(state r2)): $figures"
[ "$(stat r2 became_master)" = "$r2_became" ] || fail "r2 took over during the flood: $figures"
[ "$(stat r1 became_master)" = "$r1_became" ] || fail "r1 lost master during the flood: $figures"
[ $((got * 10)) -ge $((exp * 7)) ] && [ $((got * 10)) -le $((exp * 13)) ] ||
	fail "r1's cadence: expected $exp adverts +-30%: $figures"
pass "$figures"
