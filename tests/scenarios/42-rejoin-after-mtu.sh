#!/bin/bash
# 42-rejoin-after-mtu: a backup whose IPv4 in_device is destroyed and
# created again stays able to hear the master. The instances run on a
# VLAN (eth0.5, 198.51.100.0/24) because a VLAN, unlike a veth, takes an
# MTU below 68, and an MTU below 68 is what destroys the in_device with
# its multicast memberships. On r2 (the backup): MTU 60, MTU 1500, the
# address back. r2 must join 224.0.0.18 again and stay backup, hearing
# r1's adverts; before the rejoin was explicit it went deaf and took over
# while r1 was alive (split brain).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

V=198.51.100.10
vlan() { # vlan NS ADDR
	on "$1" ip link add link eth0 name eth0.5 type vlan id 5 &&
		on "$1" ip addr add "$2/24" dev eth0.5 &&
		on "$1" ip link set eth0.5 up
}
vstate() { vrrpadm "$1" show dev eth0.5 vrid 61 | awk 'NR == 1 { print $NF }'; }
vis() { [ "$(vstate "$1")" = "$2" ]; }
vstat() { vrrpadm "$1" stats dev eth0.5 vrid 61 | awk -v n="$2" '$1 == n { print $2 }'; }
joined() { on "$1" ip maddr show dev eth0.5 | grep -q '224\.0\.0\.18'; }

load
topology
vlan r1 198.51.100.1 || fail "vlan on r1"
vlan r2 198.51.100.2 || fail "vlan on r2"
vrrpadm r1 add dev eth0.5 vrid 61 priority 150 interval 100ms vip $V/24 || fail "add on r1"
wait_for 10 vis r1 master || fail "r1 should be master, is $(vstate r1)"
vrrpadm r2 add dev eth0.5 vrid 61 priority 100 interval 100ms vip $V/24 || fail "add on r2"
wait_for 10 vis r2 backup || fail "r2 should be backup, is $(vstate r2)"
joined r2 || fail "r2 has not joined 224.0.0.18 on eth0.5: $(on r2 ip maddr show dev eth0.5)"

on r2 ip link set eth0.5 mtu 60 || fail "MTU 60 refused on the VLAN"
[ -z "$(on r2 ip -4 addr show dev eth0.5)" ] || fail "MTU 60 should have destroyed r2's IPv4 in_device"
wait_for 5 vis r2 init || fail "r2 without an address should be init, is $(vstate r2)"
on r2 ip link set eth0.5 mtu 1500
on r2 ip addr add 198.51.100.2/24 dev eth0.5
wait_for 10 vis r2 backup || fail "r2 should be backup again, is $(vstate r2)"
joined r2 || fail "r2 did not join 224.0.0.18 again: $(on r2 ip maddr show dev eth0.5)"
rx0=$(vstat r2 adverts_rx)
# 2 s is more than five down intervals (360 ms): a deaf r2 takes over.
sleep 2
vis r2 backup || fail "r2 should still be backup hearing r1, is $(vstate r2) (deaf: no rejoin?)"
rx1=$(vstat r2 adverts_rx)
[ "$((rx1 - rx0))" -ge 5 ] || fail "r2 should keep receiving r1's adverts: adverts_rx $rx0 -> $rx1"
vis r1 master || fail "r1 should still be master, is $(vstate r1)"
pass "r2 rejoined 224.0.0.18 after MTU 60/1500 and kept hearing r1 ($((rx1 - rx0)) adverts in 2 s)"
