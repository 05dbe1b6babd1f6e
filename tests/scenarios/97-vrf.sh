#!/bin/bash
# 97-vrf: an instance on an interface enslaved to a VRF (l3mdev). r1 (150)
# and r2 (100) each put eth0 in VRF "blue" (table 10): r1 before adding its
# instances, r2 after (its instance keeps running through the change), for
# IPv4 (192.0.2.10) and IPv6 (fe80::1, 2001:db8::10):
#  - they elect r1; the VIPs are in table 10 (local routes there, none in
#    the main table), and so is the virtual route 203.0.113.0/24; the
#    client reaches them;
#  - r1 deleted: r2 takes over on its priority 0 and the client reaches
#    the VIPs on r2.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

V6=2001:db8::10
reach() { client ping -c 1 -W 1 "$VIP" >/dev/null 2>&1 && client ping -c 1 -W 1 "$V6" >/dev/null 2>&1; }
# in_vrf NS: both VIPs have their local route in table 10, none in main.
in_vrf() {
	on "$1" ip route show table 10 type local | grep -q "^local $VIP " &&
		on "$1" ip -6 route show table 10 type local | grep -q "^local $V6 " &&
		! on "$1" ip route show table main type local | grep -q "^local $VIP " &&
		on "$1" ip route show table 10 proto 112 | grep -q "^203.0.113.0/24 via 192.0.2.100 dev eth0" &&
		! on "$1" ip route show table main proto 112 | grep -q .
}
blue() { printf 'link add blue type vrf table 10\nlink set blue up\nlink set eth0 master blue\n' | ip -n "$1" -batch -; }
add() { # add NS PRIORITY
	vrrpadm "$1" add dev eth0 vrid 51 priority "$2" interval 100ms vip $VIP/24 \
		route 203.0.113.0/24 via 192.0.2.100 &&
		vrrpadm "$1" add dev eth0 vrid 51 family inet6 priority "$2" interval 100ms \
			vip fe80::1/64 vip $V6/64
}
why() { vrrpadm "$1" -j show dev eth0 vrid 51 family "$2" | sed -n 's/.*"reason":"\([^"]*\)".*/\1/p'; }

modprobe vrf || fail "this kernel has no VRF module"
load
topology
client ip -6 addr add 2001:db8::100/64 dev eth0 nodad
for r in r1 r2; do
	on $r ip -6 addr add 2001:db8::$((${r#r} + 0))/64 dev eth0 nodad
done
blue r1 || fail "VRF blue in r1"
add r1 150 || fail "add on r1 (a VRF port) failed"
add r2 100 || fail "add on r2 failed"
wait_for 10 both r2 backup || fail "r2 should be backup, is $(state r2)"
blue r2 || fail "VRF blue in r2"
wait_for 10 both r1 master || fail "r1 should be master, is $(state r1)"
# r2's instances went on through the enslaving: backup again, following r1.
wait_for 10 both r2 backup || fail "r2 (now a VRF port) should be backup again, is $(state r2)"
wait_for 5 in_vrf r1 || fail "r1's VIPs and route should be in table 10: $(r1 ip route show table all | grep -E "$VIP|$V6|203.0.113")"
wait_for 5 reach || fail "the client should reach the VIPs on r1"

vrrpadm r1 del dev eth0 vrid 51 ||
	fail "del on r1 (both families) failed"
wait_for 10 both r2 master || fail "r2 should take over, is $(state r2)"
for f in inet inet6; do
	[ "$(why r2 $f)" = priority-zero ] || fail "r2 took over $f for '$(why r2 $f)', not r1's priority 0"
done
wait_for 5 in_vrf r2 || fail "r2's VIPs should be in table 10"
wait_for 5 reach || fail "the client should reach the VIPs on r2"
wait_for 5 eval '! r1 ip route show table 10 proto 112 | grep -q .' || fail "r1's route stayed after del"
pass "IPv4 and IPv6 instances on VRF ports (one enslaved while running): elected, VIPs and a virtual route in the VRF's table, reached; priority 0 handover in the VRF"
