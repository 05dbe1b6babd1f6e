#!/bin/bash
# 11-vip-only-on-master: the virtual addresses live on the master only.
# r1 (150) master, r2 (100) and r3 (50) backups, VIPs 192.0.2.10/24 and
# 192.0.2.11/24: both are on r1's eth0 with IFA_PROTO 112 and on no backup;
# the client reaches the VIP and resolves it to r1's MAC. r1 also holds
# 192.0.2.12/24 as vip-excluded, which the backups do not have: adverts
# list two addresses (tcpdump), so the backups count no address list
# mismatch; it is on r1 only, and the client reaches it.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

VIP2=192.0.2.11 VIPX=192.0.2.12
load
topology

for r in r1:150 r2:100 r3:50; do
	x=
	[ "${r%:*}" != r1 ] || x="vip-excluded $VIPX/24"
	# shellcheck disable=SC2086 # x: two words or none
	vrrpadm "${r%:*}" add dev eth0 vrid 51 priority "${r#*:}" interval 100ms \
		vip $VIP/24 $x vip $VIP2/24 || fail "add on ${r%:*} failed"
done
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
wait_for 5 has_vip r1 || fail "r1 is master but has no $VIP: $(r1 ip -4 -o addr show dev eth0)"
wait_for 5 has_vip r1 $VIP2 || fail "r1 is master but has no $VIP2: $(r1 ip -4 -o addr show dev eth0)"

# iproute2 6.1 does not show IFA_PROTO in `ip -d addr`; read it directly.
for v in $VIP $VIP2; do
	p=$(addr_proto r1 $v)
	[ "$p" = 112 ] || fail "r1's $v should carry IFA_PROTO 112, has $p"
done
for r in r2 r3; do
	for v in $VIP $VIP2; do
		! has_vip $r $v || fail "$r is $(state $r) but holds $v: $($r ip -4 -o addr show dev eth0)"
	done
done

wait_for 5 has_vip r1 $VIPX || fail "r1 is master but has no excluded $VIPX"
for r in r2 r3; do
	! has_vip $r $VIPX || fail "$r holds the excluded $VIPX"
	[ "$(stat $r addr_list_mismatch)" = 0 ] ||
		fail "$r counts address list mismatches: the excluded VIP was advertised"
done
vrrpadm r1 show dev eth0 vrid 51 | grep -q "^  vip-excluded $VIPX/24$" ||
	fail "show should list vip-excluded $VIPX/24: $(vrrpadm r1 show dev eth0 vrid 51)"
vrrpadm r1 -j show dev eth0 vrid 51 | grep -q "\"vips\":\[\"$VIP/24\",\"$VIP2/24\"\],\"excluded_vips\":\[\"$VIPX/24\"\]" ||
	fail "show -j: vips and excluded_vips: $(vrrpadm r1 -j show dev eth0 vrid 51)"
adv=$(on r2 timeout 30 tcpdump -c 1 -v -ni eth0 'ip proto 112' 2>/dev/null | tail -1)
[[ $adv == *"addrs(2): $VIP,$VIP2"* || $adv == *"addrs: $VIP,$VIP2" ]] ||
	fail "adverts should list $VIP and $VIP2 only: $adv"
client ping -c 1 -W 2 $VIPX >/dev/null || fail "the client cannot ping the excluded $VIPX"

client ping -c 3 -i 0.2 -W 2 $VIP >/dev/null || fail "the client cannot ping $VIP"
client ping -c 1 -W 2 $VIP2 >/dev/null || fail "the client cannot ping $VIP2"
m1=$(mac r1)
for v in $VIP $VIP2; do
	n=$(neigh_mac client $v)
	[ "$n" = "$m1" ] || fail "the client should resolve $v to r1's $m1, has '$n' (r2 $(mac r2), r3 $(mac r3))"
done
# Nobody else gained them meanwhile.
for r in r2 r3; do
	! has_vip $r || fail "$r holds $VIP after the pings"
done
pass "$VIP and $VIP2 on r1 only (proto 112), client resolves them to r1; $VIPX excluded from adverts, on r1 only"
