#!/bin/bash
# 45-garp-schedule: gratuitous ARPs follow keepalived's schedule and never
# precede the VIP. r2 (backup) has garp-count 2, garp-delay 1s and
# garp-refresh 1s; r1 (master) is deleted and r2 takes over. On r2's own
# interface: the first ARP leaves after the VIP was added (one process
# watching both the address notifications and the frames), then a second ARP at once, two more a second later (the second
# set), then one a second (refresh). Then a set of 20 rounds over 200 VIPs
# (4000 ARPs) goes out from the workqueue, counted by garp_tx: before, such
# bursts were built in softirq under a spinlock.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24 || fail "add on r1"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms garp-count 2 \
	garp-delay 1s garp-refresh 1s vip $VIP/24 || fail "add on r2"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"

# The order, seen by one process in r2: the kernel queues RTM_NEWADDR on
# the netlink socket while it adds the address, and an outgoing ARP on the
# packet socket when it is sent. So when the first gratuitous ARP can be
# read, the address notification must be readable already.
on r2 /usr/bin/python3 - "$VIP" "$TMPD/order" <<'PYEOF' &
import select, socket, struct, sys
vip, out = socket.inet_aton(sys.argv[1]), sys.argv[2]
nl = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
nl.bind((0, 0x10))  # RTMGRP_IPV4_IFADDR
# ETH_P_ALL: only such sockets see outgoing frames.
pk = socket.socket(socket.AF_PACKET, socket.SOCK_RAW, socket.htons(0x0003))
open(out + ".ready", "w").close()

def vip_added():
    nl.setblocking(False)
    try:
        while True:
            buf = nl.recv(65536)
            off = 0
            while off + 16 <= len(buf):
                ln, typ = struct.unpack_from("=LH", buf, off)
                a = off + 24
                while typ == 20 and a + 4 <= off + ln:  # RTM_NEWADDR
                    alen, atyp = struct.unpack_from("=HH", buf, a)
                    if alen < 4:
                        break
                    if atyp == 2 and buf[a + 4:a + alen] == vip:  # IFA_LOCAL
                        return True
                    a += (alen + 3) & ~3
                off += (ln + 3) & ~3
    except BlockingIOError:
        return False

added = False
while True:
    if select.select([pk], [], [], 60)[0] == []:
        open(out, "w").write("no ARP\n")
        break
    frame, addr = pk.recvfrom(2048)
    added = added or vip_added()
    # Outgoing (PACKET_OUTGOING, 4) request whose sender is the VIP.
    if addr[2] == 4 and frame[12:14] == b"\x08\x06" and frame[28:32] == vip:
        open(out, "w").write("ok\n" if added else "early\n")
        break
PYEOF
BG_PIDS+=($!)
wait_for 60 [ -e "$TMPD/order.ready" ] || fail "the order checker in r2 did not start"
capture r2 "$TMPD/arp" -e -x -tt arp
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1"
wait_for 10 is_state r2 master || fail "r2 should take over, is $(state r2)"
sleep 4.5
capture_stop "$CAPTURE_PID"
bg_stop

order=$(cat "$TMPD/order" 2>/dev/null)
[ "$order" = ok ] || fail "the first gratuitous ARP must follow the VIP's addition: ${order:-no verdict}"
# r2's own: r1's second set (5 s after it became master) may be in the
# capture on a slow kernel.
times=$(arp_decode "$TMPD/arp" |
	awk -v v=$VIP -v m="$(mac r2)" '$5 == v && $6 == v && $3 == 1 && $4 == m { print $1 }')
n=$(grep -c . <<<"$times")
verdict=$(awk '
	{ t[NR] = $1 }
	END {
		if (NR < 6) { print "only " NR " ARPs in 4.5 s"; exit }
		if (t[2] - t[1] > 0.5) { printf "second ARP of the first set %.3f s late\n", t[2] - t[1]; exit }
		d = t[3] - t[1]
		if (d < 0.7 || d > 1.6) { printf "second set %.3f s after the first, want about 1 s\n", d; exit }
		if (t[4] - t[3] > 0.5) { printf "second set spread over %.3f s\n", t[4] - t[3]; exit }
		for (i = 5; i <= NR; i++) {
			d = t[i] - t[i - 1]
			if (d < 0.7 || d > 1.6) { printf "refresh %d came %.3f s after the previous ARP\n", i - 4, d; exit }
		}
		print "ok"
	}' <<<"$times")
[ "$verdict" = ok ] || { echo "$times" >&2; fail "$verdict"; }
tx=$(stat r2 garp_tx)
[ "$tx" -ge "$n" ] || fail "garp_tx $tx, but $n ARPs were captured"

vips=
for i in $(seq 1 200); do vips+=" vip 198.51.100.$i/24"; done
before=$(stat r2 garp_tx)
# shellcheck disable=SC2086
vrrpadm r2 set dev eth0 vrid 51 garp-count 20 garp-delay 0 garp-refresh 0 $vips ||
	fail "set of 200 VIPs on r2"
done_burst() { [ "$(stat r2 garp_tx)" -ge $((before + 4000)) ]; }
wait_for 60 done_burst || fail "20 rounds over 200 VIPs: garp_tx went from $before to $(stat r2 garp_tx), want +4000"
pass "first ARP after the VIP, sets of 2 a second apart, then a refresh a second; $n ARPs; 4000-ARP burst sent"
