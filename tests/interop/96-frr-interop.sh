#!/bin/bash
# 96-frr-interop: interop with FRR 8.4's vrrpd (r2, priority 100) in VRRPv3
# over IPv4 (192.0.2.10) and IPv6 (fe80::1, 2001:db8::10) at once. FRR
# needs, per family, a macvlan on eth0 with the virtual MAC and the VIPs
# (it turns the macvlan's protodown on as backup); r1 (ours) runs in
# virtual MAC mode, so the client sees one MAC per family whoever is
# master, and its entries are pinned to them from the start:
#  - FRR alone is master of both; r1 (150) comes and preempts it: FRR goes
#    to Backup in both families (its log names our adverts) and stays
#    there for longer than its down interval; the client reaches the VIPs
#    on r1;
#  - r1 deleted: FRR takes over at once on our priority 0 (its log says
#    so) and the client reaches the VIPs on FRR;
#  - r1 back at 50: it stays backup to FRR for longer than its down
#    interval, taking FRR's adverts (none dropped);
#  - FRR's virtual router shut down: its priority 0 makes r1 master in
#    both families (the reason says), and the client reaches the VIPs on
#    r1 again.
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/lib-failover.sh"

V6=2001:db8::10
VMAC4=00:00:5e:00:01:33
VMAC6=00:00:5e:00:02:33
FRR=/run/frr/r2

frr_stop() {
	local d
	for d in vrrpd zebra; do
		[ -s "$FRR/$d.pid" ] && kill "$(cat "$FRR/$d.pid")" 2>/dev/null
	done
	return 0
}
trap 'frr_stop; bg_stop' EXIT

# vty CMD...: one vtysh command line per argument, in r2's FRR.
vty() {
	local args=() c
	for c in "$@"; do
		args+=(-c "$c")
	done
	ip netns exec r2 vtysh -N r2 "${args[@]}" 2>/dev/null
}
# frr_status: FRR's state of vrid 51, IPv4 then IPv6: "Master Backup".
frr_status() {
	vty 'show vrrp 51 json' | sed -n 's/.*"status":"\([A-Za-z]*\)".*/\1/p' | tr '\n' ' ' | sed 's/ $//'
}
frr_is() { [ "$(frr_status)" = "$1 $1" ]; }
frr_logged() { grep -q "$1" "$FRR/vrrpd.log"; }
reach() { client ping -c 1 -W 1 "$VIP" >/dev/null 2>&1 && client ping -c 1 -W 1 "$V6" >/dev/null 2>&1; }
drops() {
	vrrpadm r1 stats dev eth0 vrid 51 |
		awk '$1 ~ /^drop_/ && $2 != 0 { printf "%s %s ", $1, $2 }'
}
counter() { # counter FAMILY NAME
	vrrpadm r1 stats dev eth0 vrid 51 family "$1" | awk -v n="$2" '$1 == n { print $2 }'
}
add() { # add PRIORITY
	vrrpadm r1 add dev eth0 vrid 51 priority "$1" interval 1s vmac vip $VIP/24 &&
		vrrpadm r1 add dev eth0 vrid 51 family inet6 priority "$1" interval 1s vmac \
			vip fe80::1/64 vip $V6/64
}

load
topology
client ip -6 addr add 2001:db8::100/64 dev eth0 nodad
client ip neigh replace $VIP lladdr $VMAC4 dev eth0 nud permanent
client ip -6 neigh replace $V6 lladdr $VMAC6 dev eth0 nud permanent

# FRR's side, as its documentation sets it up (without addrgenmode
# random, which this kernel refuses for macvlan: its link-local comes from
# the virtual MAC, and differs from ours).
{
	echo "link add vrrp4-51 link eth0 address $VMAC4 type macvlan mode bridge"
	echo "addr add $VIP/24 dev vrrp4-51"
	echo "link set vrrp4-51 up"
	echo "link add vrrp6-51 link eth0 address $VMAC6 type macvlan mode bridge"
	echo "addr add fe80::1/64 dev vrrp6-51 nodad"
	echo "addr add $V6/64 dev vrrp6-51 nodad"
	echo "link set vrrp6-51 up"
} | ip -n r2 -batch - || fail "the macvlans for FRR could not be made"
mkdir -p $FRR
printf 'hostname r2\n' >$FRR/zebra.conf
# debug vrrp protocol: it logs every advert it takes, priority included.
printf 'debug vrrp protocol\ninterface eth0\n vrrp 51 version 3\n vrrp 51 priority 100\n vrrp 51 advertisement-interval 1000\n vrrp 51 ip %s\n vrrp 51 ipv6 fe80::1\n vrrp 51 ipv6 %s\n' \
	"$VIP" "$V6" >$FRR/vrrpd.conf
chmod 644 $FRR/*.conf
# The daemons drop root for the frr user, which must own its run directory.
chown -R frr:frr /run/frr
r2 /usr/lib/frr/zebra -d -N r2 -f $FRR/zebra.conf --log file:$FRR/zebra.log ||
	fail "zebra did not start: $(tail -3 $FRR/zebra.log)"
r2 /usr/lib/frr/vrrpd -d -N r2 -f $FRR/vrrpd.conf --log file:$FRR/vrrpd.log --log-level debug ||
	fail "vrrpd did not start: $(tail -3 $FRR/vrrpd.log)"
wait_for 30 frr_is Master || fail "FRR alone should become master of both: $(frr_status)"

add 150 || fail "add on r1 failed"
wait_for 15 both r1 master || fail "r1 (150) should preempt FRR (100): $(state r1)"
wait_for 10 frr_is Backup || fail "FRR should go to Backup: $(frr_status)"
frr_logged "Received advertisement from 192.0.2.1 w/ priority 150" ||
	fail "FRR's log should name r1's IPv4 adverts: $(tail -5 $FRR/vrrpd.log)"
# Longer than FRR's down interval (3.6 s): it takes our adverts.
sleep 4.5
frr_is Backup || fail "FRR left Backup while r1 is master: $(frr_status)"
wait_for 5 reach || fail "the client should reach the VIPs on r1"

vrrpadm r1 del dev eth0 vrid 51 ||
	fail "del on r1 (both families) failed"
wait_for 10 frr_is Master || fail "FRR should take over after our del: $(frr_status)"
frr_logged "\[IPv4\] Received VRRP Advertisement from 192.0.2.1: .*priority 0," &&
	frr_logged "\[IPv6\] Received VRRP Advertisement from fe80::.*priority 0," ||
	fail "FRR took over without our priority 0: $(grep 'Received VRRP' $FRR/vrrpd.log | tail -3)"
wait_for 5 reach || fail "the client should reach the VIPs on FRR"

add 50 || fail "add on r1 at 50 failed"
wait_for 10 both r1 backup || fail "r1 (50) should be backup to FRR: $(state r1)"
sleep 4.5
both r1 backup || fail "r1 (50) left backup while FRR (100) is master"
frr_is Master || fail "FRR left Master: $(frr_status)"
[ "$(counter inet adverts_rx)" -gt 0 ] && [ "$(counter inet6 adverts_rx)" -gt 0 ] ||
	fail "r1 should take FRR's adverts in both families: $(drops)"
[ -z "$(drops)" ] || fail "r1 dropped FRR's adverts: $(drops)"

vty 'configure terminal' 'interface eth0' 'vrrp 51 shutdown' >/dev/null
wait_for 10 both r1 master || fail "r1 should take over once FRR's router is shut down: $(state r1)"
frr_status | grep -q Master && fail "FRR still master after its shutdown: $(frr_status)"
for fam in inet inet6; do
	why=$(vrrpadm r1 -j show dev eth0 vrid 51 family $fam | sed -n 's/.*"reason":"\([^"]*\)".*/\1/p')
	[ "$why" = priority-zero ] || fail "r1 took over $fam for '$why', not FRR's priority 0"
done
wait_for 5 reach || fail "the client should reach the VIPs on r1 again"
pass "FRR preempted by r1 (150) in IPv4 and IPv6 and kept backup; took over on our priority 0; r1 (50) kept backup; r1 took over on FRR's priority 0; the pinned client reached the VIPs on each"
