#!/bin/bash
# 94-accept: accept mode (RFC 9568 6.4.3). r1 is master of vrid 51 (IPv4,
# 192.0.2.10) and of vrid 51 inet6 (fe80::1, 2001:db8::10), both noaccept:
#  - the client finds both VIPs (ARP, neighbor discovery: its entries name
#    r1's MAC) but its pings to them go unanswered;
#  - `set accept`: the pings are answered; `set noaccept` again: not;
#  - r1's own address is untouched by any of it (pings answered);
#  - as the owner (priority 255, the VIP a real address of r1), noaccept
#    takes everything: the owner's addresses are its own;
#  - a noaccept backup that takes over (r1 deleted) guards the VIP in turn,
#    and deleting it leaves nothing guarded (pings to r2's own address, and
#    the VIP once another master holds it in accept mode, are answered).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

V6=2001:db8::10
pings() { client ping -c 1 -W 1 "$1" >/dev/null 2>&1; }
no_pings() { ! client ping -c 2 -i 0.3 -W 1 "$1" >/dev/null 2>&1; }
neigh4() { client ip neigh show "$VIP" dev eth0 | awk '{ print $3 }'; }
neigh6() { client ip -6 neigh show "$V6" dev eth0 | awk '{ print $3 }'; }

load
topology
client ip -6 addr add 2001:db8::100/64 dev eth0 nodad
r1 ip -6 addr add 2001:db8::1/64 dev eth0 nodad
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms noaccept vip $VIP/24 ||
	fail "noaccept add on r1 failed"
vrrpadm r1 add dev eth0 vrid 51 family inet6 priority 150 interval 100ms noaccept \
	vip fe80::1/64 vip $V6/64 || fail "inet6 noaccept add on r1 failed"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms noaccept vip $VIP/24 ||
	fail "noaccept add on r2 failed"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
wait_for 10 is6 r1 master || fail "r1 should be inet6 master"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
vrrpadm r1 show dev eth0 vrid 51 family inet | grep -qw noaccept ||
	fail "show should say noaccept: $(vrrpadm r1 show dev eth0 vrid 51 family inet | sed -n 3p)"

m1=$(mac r1)
no_pings $VIP || fail "a noaccept master answered a ping to $VIP"
no_pings $V6 || fail "a noaccept master answered a ping to $V6"
[ "$(neigh4)" = "$m1" ] || fail "ARP for $VIP should still find r1 ($m1): $(client ip neigh)"
[ "$(neigh6)" = "$m1" ] || fail "neighbor discovery for $V6 should still find r1 ($m1): $(client ip -6 neigh)"
pings 192.0.2.1 || fail "r1's own address should answer"
pings 2001:db8::1 || fail "r1's own IPv6 address should answer"

vrrpadm r1 set dev eth0 vrid 51 accept || fail "set accept failed"
vrrpadm r1 set dev eth0 vrid 51 family inet6 accept || fail "set accept (inet6) failed"
wait_for 5 pings $VIP || fail "in accept mode r1 should answer pings to $VIP"
wait_for 5 pings $V6 || fail "in accept mode r1 should answer pings to $V6"
vrrpadm r1 set dev eth0 vrid 51 noaccept || fail "set noaccept failed"
sleep 0.5
no_pings $VIP || fail "noaccept again: r1 answered a ping to $VIP"
vrrpadm r1 del dev eth0 vrid 51 family inet6

# r2 takes over, noaccept: the guard moves with the VIP.
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
wait_for 10 is_state r2 master || fail "r2 should take over, is $(state r2)"
wait_for 5 has_vip r2 || fail "r2 master without $VIP"
no_pings $VIP || fail "noaccept r2 answered a ping to $VIP"
pings 192.0.2.2 || fail "r2's own address should answer"

# The owner: its VIP is its own address, noaccept or not.
vrrpadm r2 del dev eth0 vrid 51 || fail "del on r2 failed"
pings 192.0.2.2 || fail "nothing should stay guarded after the del"
r3 ip addr add $VIP/24 dev eth0
vrrpadm r3 add dev eth0 vrid 51 priority 255 interval 100ms noaccept vip $VIP/24 ||
	fail "owner add on r3 failed"
wait_for 10 is_state r3 master || fail "owner r3 should be master, is $(state r3)"
client ip neigh flush dev eth0
wait_for 5 pings $VIP || fail "the owner r3 should answer pings to its own $VIP"
pass "noaccept: ARP and ND answered, pings to the VIPs not; accept and back; the guard moved with the VIP to r2 and left with the del; the owner answers"
