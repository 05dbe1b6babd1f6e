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

CYCLES=40
T=/tmp/41
rm -f $T.*
client "$PY" - $T <<'PYEOF' >$T.flood 2>&1 &
import os, socket, struct, sys, time
t = sys.argv[1]

def csum(b):
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff

src, dst = socket.inet_aton("192.0.2.100"), socket.inet_aton("224.0.0.18")
msg = struct.pack("!BBBBHH4s", 0x31, 51, 50, 1, 100, 0, socket.inet_aton("192.0.2.10"))
c = csum(src + dst + struct.pack("!BBH", 0, 112, len(msg)) + msg)
msg = msg[:6] + struct.pack("!H", c) + msg[8:]
ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(msg), 0, 0x4000, 255, 112, 0, src, dst)
ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
mac = bytes.fromhex(open("/sys/class/net/eth0/address").read().strip().replace(":", ""))
frame = bytes.fromhex("01005e000012") + mac + b"\x08\x00" + ip + msg
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
n, deadline = 0, time.monotonic() + 170
while not os.path.exists(t + ".stop") and time.monotonic() < deadline:
    for _ in range(200):
        s.send(frame)
    n += 200
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
[ "$rx" -gt 0 ] || fail "r1 received no advert in $CYCLES cycles (flood sent ${sent:-?}: $(cat $T.flood))"
[ -z "$(vrrpadm r1 show)" ] || fail "instances left after the last del: $(vrrpadm r1 show)"
pass "$CYCLES add/set/del cycles under a flood of $sent valid adverts, $rx received"
