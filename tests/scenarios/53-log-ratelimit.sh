#!/bin/bash
# 53-log-ratelimit: a flapping peer cannot flood the kernel log. r1 (150,
# 100 ms) is alone on vrid 51; from r2 a raw socket alternates adverts
# for vrid 51 at priority 200 and priority 0, one every 10 ms (advertised
# interval 10 ms) for 3 s: each 200 makes r1 yield (preempted), each 0
# makes it master again after Skew_Time (priority-zero), so r1 changes
# state about a hundred times a second. The kernel log gets at most 10
# state-change lines per 5 s for the instance, log_suppressed counts every
# change not logged (logged + suppressed = changes = 2 x became_master),
# and the lines name r1's namespace: "eth0 vrid 51 inet (netns N): ..."
# with N the inode number of /run/netns/r1.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-robust.sh"

T=$TMPD/t
FLOOD_S=3

# r1_lines: r1's state-change lines in the kernel log so far, in order.
# Counted rather than cut at a time stamp: the cut used to print the
# newest stamp with awk's 6 significant digits (316.451 for 316.451341),
# so when r1's startup line was the newest it counted as a flood line.
r1_lines() {
	dmesg | grep -E 'vrid 51 inet.*: [a-z]+ -> [a-z]+ \(' |
		grep -F "vrid 51 inet (netns $inum): "
}

load
topology

# The flooder, started now (scapy takes long to start in the VM) and only
# used to build the two frames; once $T.go exists it sends them
# alternately through a packet socket for FLOOD_S seconds.
ip netns exec r2 "$PY" - "$T" "$FLOOD_S" <<'PYEOF' >"$T.flood" 2>&1 &
import os, socket, sys, time
from scapy.all import Ether, IP, get_if_hwaddr
from scapy.layers.vrrp import VRRPv3
t, secs = sys.argv[1], float(sys.argv[2])
mac = get_if_hwaddr("eth0")
def frame(prio):
    return bytes(Ether(src=mac, dst="01:00:5e:00:00:12") /
                 IP(src="192.0.2.2", dst="224.0.0.18", ttl=255) /
                 VRRPv3(vrid=51, priority=prio, adv=1, addrlist=["192.0.2.10"]))
frames = [frame(200), frame(0)]
s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
s.bind(("eth0", 0))
deadline = time.monotonic() + 170
while not os.path.exists(t + ".go"):
    if time.monotonic() > deadline:
        sys.exit("timed out waiting for " + t + ".go")
    time.sleep(0.1)
start = time.monotonic()
n, slot = 0, start
while time.monotonic() - start < secs:
    s.send(frames[n % 2])
    n += 1
    slot += 0.01
    time.sleep(max(0.0, slot - time.monotonic()))
print("sent", n, "in", "%.2f" % (time.monotonic() - start), flush=True)
open(t + ".done", "w").close()
PYEOF
BG_PIDS+=($!)

inst r1 51 150 $VIP interval 100ms || fail "add on r1 failed"
wait_for 15 is_state r1 master || fail "r1 should be master, is $(state r1)"
inum=$(command stat -L -c %i /run/netns/r1) || fail "no inode number for /run/netns/r1"
# The startup lines' 5 s window must be over: the flood starts a new one.
sleep 6
became0=$(stat r1 became_master)
supp0=$(stat r1 log_suppressed)
supp0=${supp0:-0}
before=$(r1_lines | grep -c .)

touch "$T.go"
wait_for 120 [ -e "$T.done" ] || fail "the flooder in r2 did not run: $(tail -3 "$T.flood")"
read -r _ sent _ secs < <(grep '^sent' "$T.flood")
# Without adverts r1 ends master (down timer, or Skew_Time after a 0);
# then its counters stop moving.
wait_for 10 is_state r1 master || fail "r1 should be master once the flood is over, is $(state r1)"
snap() { vrrpadm r1 stats dev eth0 vrid 51 | awk '$1 == "became_master" || $1 == "log_suppressed" { printf "%s ", $2 }'; }
prev=$(snap)
for i in $(seq 20); do
	sleep 1
	now=$(snap)
	[ "$now" = "$prev" ] && break
	prev=$now
done
[ "$now" = "$prev" ] || fail "r1's counters still move 20 s after the flood ended: $now"
is_state r1 master || fail "r1 should stay master after the flood, is $(state r1)"
read -r b sp <<<"$now"
became=$((b - became0))
supp=$(( ${sp:-0} - supp0 ))
[ "$became" -ge 20 ] ||
	fail "r1 became master only $became times under $sent alternating adverts: the flood did not make it flap"

# r1's lines: those naming its namespace. A previous scenario's
# namespaces may still be going away, with lines of their own.
lines=$(r1_lines | tail -n +$((before + 1)))
logged=$(grep -c . <<<"$lines")
[ "$logged" -gt 0 ] ||
	fail "no state-change line naming r1's namespace (netns $inum) during the flood: $(dmesg | grep 'vrid 51 inet' | tail -2)"
# The lines' times, from the first, and the 5 s windows they fall in: a
# window opens with a line and takes the lines of the next 5 s, at most
# 10 of them (4.9 s here: the limiter counts in jiffies, dmesg stamps
# with another clock).
rel=$(sed 's/^\[ *\([0-9.]*\)\].*/\1/' <<<"$lines" | awk 'NR == 1 { t0 = $1 } { printf "%.3f ", $1 - t0 }')
# For messages: the first 12 of them.
relshort=$(awk '{ for (i = 1; i <= NF && i <= 12; i++) printf "%s ", $i; if (NF > 12) printf "..." }' <<<"$rel")
windows=$(awk '{ for (i = 1; i <= NF; i++) {
		if (i == 1 || $i >= start + 4.9) { if (i > 1) printf "%d ", n; start = $i; n = 0 }
		n++ }
	printf "%d\n", n }' <<<"$rel")
for n in $windows; do
	[ "$n" -le 10 ] ||
		fail "$logged state-change lines for vrid 51 ($((2 * became)) state changes; per 5 s window: $windows; at s: $relshort): more than 10 in 5 s"
done
[ "$((logged + supp))" -eq "$((2 * became))" ] ||
	fail "logged ($logged) + log_suppressed ($supp) should be every state change (2 x $became); lines at s: $relshort; first: $(head -2 <<<"$lines" | tr '\n' ';')"
grep -q -E "\] vrrp: eth0 vrid 51 inet \(netns $inum\): (master -> backup \(preempted\)|backup -> master \(priority-zero\))$" <<<"$lines" ||
	fail "no line reads 'eth0 vrid 51 inet (netns $inum): master -> backup (preempted)' or 'backup -> master (priority-zero)': $(head -2 <<<"$lines")"
pass "$sent adverts in ${secs}s: r1 master $became times, $((2 * became)) state changes, $logged logged (per 5 s window: $windows), $supp suppressed; lines name netns $inum"
