#!/bin/bash
# 52-firewall: the module's packets go through netfilter like a daemon's,
# in both directions, and it leaves other VRRP software its packets.
#  - arptables: gratuitous ARP leaves through arp_xmit(), so an arptables
#    OUTPUT rule in r1 dropping ARP from the VIP keeps r1's announcement
#    off the wire (the client sees none); once the rule is gone, a new
#    announcement (a `set` of the VIP list) reaches the client.
#  - iptables OUTPUT: adverts leave through ip_local_out(), so
#    `iptables -A OUTPUT -p vrrp -j DROP` in r1 (master, 150) silences it:
#    r2 (100) takes over by its down timer while r1 still believes it is
#    master; without the rule r2 hears r1 again and yields.
#  - iptables INPUT: `iptables -A INPUT -p vrrp -j DROP` in r2 makes r2
#    deaf: it takes over although r1 is alive and master, and yields once
#    the rule is gone.
#  - Adverts for a VRID we do not run pass to the rest of the stack: in r1
#    (running vrid 51) a raw IPPROTO 112 socket receives the vrid 52
#    adverts r2 sends (scapy: TTL 255, valid checksum), and r1's unmatched
#    drop_vrid counts each.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-robust.sh"

N=3
T=$TMPD/t
RULE=(-p vrrp -j DROP)

load
topology
for ns in r1 r2; do
	on $ns iptables -L OUTPUT -n >/dev/null 2>&1 || fail "iptables does not work in $ns: $(on $ns iptables -L OUTPUT -n 2>&1 | tail -1)"
done
# A kernel without nftables' arp family (the debug kernel's config) cannot
# run the arptables part: it is skipped there, and the verdict says so.
arp_note=
if ! out=$(r1 arptables -A OUTPUT -s 198.51.100.99 -j DROP 2>&1); then
	case $out in
	*"Operation not supported"*) arp_note="arptables part skipped (the kernel has no nftables arp family)" ;;
	*) fail "arptables does not work in r1: $out" ;;
	esac
else
	r1 arptables -D OUTPUT -s 198.51.100.99 -j DROP || fail "arptables -D of the probe rule in r1 failed"
fi

# r2's sender of vrid 52 adverts, started now (scapy takes long to start
# in the VM); it sends once $T.go exists, then creates $T.sent.
# ip netns exec, not the r2 function: $! must be python itself.
ip netns exec r2 "$PY" - "$N" "$T" <<'PYEOF' >"$T.scapy" 2>&1 &
import os, sys, time
from scapy.all import Ether, IP, sendp, get_if_hwaddr
from scapy.layers.vrrp import VRRPv3
n, t = int(sys.argv[1]), sys.argv[2]
pkt = (Ether(src=get_if_hwaddr("eth0"), dst="01:00:5e:00:00:12") /
       IP(src="192.0.2.2", dst="224.0.0.18", ttl=255) /
       VRRPv3(vrid=52, priority=100, adv=100, addrlist=["198.51.100.52"]))
pkt = Ether(bytes(pkt))  # the checksum (with the pseudo-header) filled in
deadline = time.monotonic() + 170
while not os.path.exists(t + ".go"):
    if time.monotonic() > deadline:
        sys.exit("timed out waiting for " + t + ".go")
    time.sleep(0.1)
sendp(pkt, iface="eth0", count=n, inter=0.3, verbose=False)
open(t + ".sent", "w").close()
PYEOF
BG_PIDS+=($!)

# 1. arptables OUTPUT in r1 drops its gratuitous ARP.
if [ -n "$arp_note" ]; then
	master_and_backup 100ms
else
	capture client "$TMPD/arp" 'arp src host 192.0.2.10'
	GARP_PID=$CAPTURE_PID
	r1 arptables -A OUTPUT -s $VIP -j DROP || fail "arptables -A in r1 failed"
	master_and_backup 100ms
	# The announcement goes out (or not) once the VIP is on; a module without
	# the garp_tx counter gets 2 s.
	garp_sent() { local g; g=$(stat r1 garp_tx); [ -z "$g" ] || [ "$g" -ge 5 ]; }
	wait_for 10 garp_sent
	sleep 2
	capture_stop $GARP_PID
	seen=$(grep -c 'ARP' "$TMPD/arp")
	[ "$seen" -eq 0 ] ||
		fail "arptables OUTPUT DROP in r1, yet the client saw $seen ARP packets from $VIP: $(head -2 "$TMPD/arp")"
	g=$(stat r1 garp_tx)
	[ "${g:-0}" -ge 5 ] || fail "r1 should have sent (into the arptables rule) 5 gratuitous ARPs, garp_tx is $g"
	r1 arptables -D OUTPUT -s $VIP -j DROP || fail "arptables -D in r1 failed"
	capture client "$TMPD/arp2" -e 'arp src host 192.0.2.10'
	vrrpadm r1 set dev eth0 vrid 51 vip $VIP/24 || fail "set of the VIP list in r1 failed"
	wait_for 10 grep -q 'ARP' "$TMPD/arp2" ||
		fail "the arptables rule is gone, yet the client saw no gratuitous ARP from r1 after a new announcement"
	capture_stop $CAPTURE_PID
	grep -q "^[0-9:.]* $(mac r1) " "$TMPD/arp2" ||
		fail "the gratuitous ARP the client saw is not r1's: $(head -2 "$TMPD/arp2")"
fi

# 2. iptables OUTPUT in r1: r1 goes silent.
wait_for 5 stat_gt r2 adverts_rx 0 || fail "r2 never heard r1's adverts"
r1 iptables -A OUTPUT "${RULE[@]}" || fail "iptables -A OUTPUT in r1 failed"
wait_for 10 is_state r2 master ||
	fail "iptables OUTPUT DROP in r1: r2 should take over, is $(state r2) (r1's adverts still reach it)"
is_state r1 master || fail "iptables OUTPUT DROP in r1: r1 should still believe it is master, is $(state r1)"
wait_for 5 has_vip r2 || fail "r2 is master without $VIP"
r1 iptables -D OUTPUT "${RULE[@]}" || fail "iptables -D OUTPUT in r1 failed"
wait_for 10 is_state r2 backup || fail "OUTPUT rule gone: r2 should yield to r1, is $(state r2)"
is_state r1 master || fail "OUTPUT rule gone: r1 should be master, is $(state r1)"
wait_for 5 no_vip r2 || fail "OUTPUT rule gone: r2 backup still holds $VIP"
wait_for 5 has_vip r1 || fail "OUTPUT rule gone: r1 master without $VIP"

# 3. iptables INPUT in r2: r2 goes deaf.
r2 iptables -A INPUT "${RULE[@]}" || fail "iptables -A INPUT in r2 failed"
wait_for 10 is_state r2 master ||
	fail "iptables INPUT DROP in r2: r2 should take over, is $(state r2) (it still hears r1)"
is_state r1 master || fail "iptables INPUT DROP in r2: r1 should stay master, is $(state r1)"
r2 iptables -D INPUT "${RULE[@]}" || fail "iptables -D INPUT in r2 failed"
wait_for 10 is_state r2 backup || fail "INPUT rule gone: r2 should yield to r1, is $(state r2)"
is_state r1 master || fail "INPUT rule gone: r1 should be master, is $(state r1)"

# 4. A raw socket in r1 gets the adverts of a VRID r1 does not run.
before=$(unmatched r1 drop_vrid) || fail "cannot read r1's unmatched counters"
ip netns exec r1 "$PY" - "$T" <<'PYEOF' >"$T.raw" 2>&1 &
import os, socket, struct, sys, time
t = sys.argv[1]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 112)
mreq = struct.pack("=4s4si", socket.inet_aton("224.0.0.18"),
                   socket.inet_aton("0.0.0.0"), socket.if_nametoindex("eth0"))
s.setsockopt(socket.IPPROTO_IP, socket.IP_ADD_MEMBERSHIP, mreq)
s.settimeout(0.2)
open(t + ".ready", "w").close()
got, sent_at, deadline = 0, None, time.monotonic() + 120
while time.monotonic() < deadline:
    if sent_at is None and os.path.exists(t + ".sent"):
        sent_at = time.monotonic()
    if sent_at is not None and time.monotonic() > sent_at + 2:
        break
    try:
        d = s.recv(4096)
    except socket.timeout:
        continue
    ihl = (d[0] & 15) * 4
    if d[12:16] == socket.inet_aton("192.0.2.2") and d[ihl + 1] == 52 and d[8] == 255:
        got += 1
print("received", got)
PYEOF
RAW_PID=$!
BG_PIDS+=($RAW_PID)
wait_for 60 [ -e "$T.ready" ] || fail "the raw socket in r1 did not start: $(cat "$T.raw")"
touch "$T.go"
wait_for 120 [ -e "$T.sent" ] || fail "scapy in r2 did not send: $(tail -3 "$T.scapy")"
wait $RAW_PID
got=$(awk '$1 == "received" { print $2 }' "$T.raw")
[ "$got" = "$N" ] || fail "r1's raw socket received ${got:-no} vrid 52 adverts of the $N r2 sent: $(tail -3 "$T.raw")"
after=$(unmatched r1 drop_vrid) || fail "cannot read r1's unmatched counters"
[ $((after - before)) -eq $N ] || fail "r1's unmatched drop_vrid grew by $((after - before)), expected $N"
is_state r1 master || fail "r1 should still be master, is $(state r1)"
is_state r2 backup || fail "r2 should still be backup, is $(state r2)"
arp_msg="arptables held back r1's gratuitous ARP"
pass "${arp_note:-$arp_msg}; OUTPUT DROP in r1 and INPUT DROP in r2 each made r2 take over, and undoing them healed; a raw socket in r1 got all $N vrid 52 adverts, counted as unmatched"
