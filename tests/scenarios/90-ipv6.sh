#!/bin/bash
# 90-ipv6: VRRPv3 over IPv6 (family inet6), and an IPv4 instance with the
# same VRID beside it. r1 (150) and r2 (100) run vrid 51 inet6 with
# fe80::1/64 first (RFC 9568 5.2.9) and 2001:db8::10/64; the same vrid 51
# inet runs with the priorities the other way round. Checked:
#  - r1 is the inet6 master and alone holds both VIPs, without DAD; r2 is
#    the inet master: the two families are separate routers; `show dev
#    eth0 vrid 51` lists both, `family` picks one;
#  - adverts go to ff02::12 from r1's own link-local address, hop limit
#    255, listing fe80::1 first;
#  - the client reaches 2001:db8::10 on r1, its neighbour entry a router
#    though r1 does not forward (the Router flag is set by the module);
#  - r1 deleted: priority 0, r2 takes over and its unsolicited NAs move the
#    client's entry to r2's MAC without the client asking;
#  - what r2 refuses: a global first VIP, an IPv4 VIP, and adverts with a
#    hop limit below 255, a global first address, or sent to r2's own
#    address instead of the group (dropped and counted, state untouched);
#  - r2 as backup survives its inet6_dev being destroyed (MTU 1200) and
#    made again: it joins ff02::12 anew and keeps hearing r1.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

V6=2001:db8::10
VIPS6="vip fe80::1/64 vip $V6/64"
stat6() {
	vrrpadm "$1" stats dev eth0 vrid 51 family inet6 |
		awk -v n="$2" '$1 == n { print $2 }'
}
has6() { on "$1" ip -6 -o addr show dev eth0 | grep -q " $2/"; }
lladdr() { on "$1" ip -6 -o addr show dev eth0 scope link | grep -v nodad | awk '{ sub(/\/.*/, "", $4); print $4; exit }'; }
neigh6() { on client ip -6 neigh show "$V6" dev eth0 | awk '{ print $3 }'; }
neigh6_is() { [ "$(neigh6)" = "$1" ]; }
joined6() { on "$1" ip -6 maddr show dev eth0 | grep -q 'ff02::12$'; }

load
topology
# r1 and r2 do not forward: the kernel's answers to Neighbor
# Solicitations would not carry the Router flag; for a VIP, the module
# sets it.
for ns in r1 r2; do
	[ "$(on "$ns" sysctl -n net.ipv6.conf.eth0.forwarding)" = 0 ] ||
		fail "$ns forwards IPv6"
done
on client ip -6 addr add 2001:db8::100/64 dev eth0 nodad

vrrpadm r1 add dev eth0 vrid 51 family inet6 priority 150 interval 100ms $VIPS6 ||
	fail "inet6 add on r1 failed"
vrrpadm r2 add dev eth0 vrid 51 family inet6 priority 100 interval 100ms $VIPS6 ||
	fail "inet6 add on r2 failed"
vrrpadm r1 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 ||
	fail "inet add on r1 failed"
vrrpadm r2 add dev eth0 vrid 51 priority 200 interval 100ms vip $VIP/24 ||
	fail "inet add on r2 failed"
wait_for 10 is6 r1 master || fail "r1 should be inet6 master, is $(state6 r1)"
wait_for 10 is6 r2 backup || fail "r2 should be inet6 backup, is $(state6 r2)"
wait_for 10 is_state r2 master || fail "r2 should be inet master, is $(state r2)"
wait_for 10 is_state r1 backup || fail "r1 should be inet backup, is $(state r1)"
n=$(vrrpadm r1 show dev eth0 vrid 51 | grep -c '^eth0 vrid 51 inet6\? v3: ')
[ "$n" = 2 ] || fail "show dev eth0 vrid 51 should list both families, listed $n"

wait_for 5 has6 r1 $V6 || fail "r1 is inet6 master without $V6"
for a in fe80::1 $V6; do
	on r1 ip -6 -o addr show dev eth0 | grep " $a/64 .*nodad" >/dev/null ||
		fail "r1 should hold $a/64 without DAD: $(on r1 ip -6 -o addr show dev eth0)"
	! has6 r2 $a || fail "backup r2 holds $a"
done

# The adverts on the wire, seen from the client's port. tcpdump may take
# seconds to start on the debug kernel: its timeout only bounds a hang.
ll1=$(lladdr r1)
adv=$(on sw timeout 30 tcpdump -c 2 -vv -ni p-client ip6 proto 112 2>/dev/null | head -n 1)
case $adv in
*"hlim 255"*"$ll1 > ff02::12: VRRPv3, Advertisement, vrid 51, prio 150"*"addrs(2): fe80::1,$V6"*) ;;
*) fail "expected an advert from $ll1 to ff02::12, hop limit 255, listing fe80::1 first; saw: $adv" ;;
esac

on client ping -6 -c 1 -W 2 $V6 >/dev/null || fail "the client cannot reach $V6"
m1=$(mac r1)
[ "$(neigh6)" = "$m1" ] || fail "the client should find $V6 at r1 ($m1): $(on client ip -6 neigh)"
on client ip -6 neigh show "$V6" | grep -q router ||
	fail "r1's answer for $V6 should carry the Router flag: $(on client ip -6 neigh show $V6)"

vrrpadm r1 del dev eth0 vrid 51 family inet6 || fail "inet6 del on r1 failed"
wait_for 5 is6 r2 master || fail "r2 should take over, is $(state6 r2)"
[ "$(stat6 r2 prio0_rx)" -ge 1 ] || fail "r2 should have heard priority 0"
m2=$(mac r2)
# No ping: only r2's unsolicited NAs can have moved the entry.
wait_for 5 neigh6_is "$m2" || fail "the client's entry for $V6 should move to r2 ($m2): $(on client ip -6 neigh)"
[ "$(stat6 r2 garp_tx)" -ge 2 ] || fail "r2 should count its NAs in garp_tx: $(stat6 r2 garp_tx)"
is_state r2 master || fail "the inet instance should not have moved: r2 is $(state r2)"

# r1 back as the inet6 master, r2 its backup, for what r2 refuses.
vrrpadm r1 add dev eth0 vrid 51 family inet6 priority 150 interval 100ms $VIPS6 ||
	fail "inet6 add on r1 again failed"
wait_for 10 is6 r2 backup || fail "r2 should be inet6 backup again, is $(state6 r2)"
err=$(vrrpadm r2 add dev eth0 vrid 52 family inet6 vip $V6/64 vip fe80::1/64 2>&1) &&
	fail "a global first VIP should be refused"
[[ $err == *"the first IPv6 VIP must be link-local"* ]] || fail "global first VIP: $err"
err=$(vrrpadm r2 add dev eth0 vrid 52 family inet6 vip 192.0.2.10 2>&1) &&
	fail "an IPv4 VIP in an inet6 instance should be refused"
[[ $err == *"not an IPv6 address"* ]] || fail "IPv4 VIP for inet6: $err"

# From r3, three adverts r2 must drop: hop limit 64, a global first
# address, and sent to r2's own address. The kernel adds the checksum.
ll2=$(lladdr r2)
before="$(stat6 r2 drop_ttl) $(stat6 r2 drop_not_link_local) $(stat6 r2 drop_dest)"
on r3 python3 - "$ll2" <<'EOF' || fail "sending the bad adverts failed"
import socket, struct, sys
def advert(prio, first):
    addrs = socket.inet_pton(socket.AF_INET6, first) + \
        socket.inet_pton(socket.AF_INET6, "2001:db8::10")
    return struct.pack("!BBBBHH", 0x31, 51, prio, 2, 10, 0) + addrs
s = socket.socket(socket.AF_INET6, socket.SOCK_RAW, 112)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_CHECKSUM, 6)
idx = socket.if_nametoindex("eth0")
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_IF, idx)
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 64)
s.sendto(advert(254, "fe80::1"), ("ff02::12", 0, 0, idx))
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_MULTICAST_HOPS, 255)
s.sendto(advert(254, "2001:db8::10"), ("ff02::12", 0, 0, idx))
s.setsockopt(socket.IPPROTO_IPV6, socket.IPV6_UNICAST_HOPS, 255)
s.sendto(advert(254, "fe80::1"), (sys.argv[1], 0, 0, idx))
EOF
counts() { [ "$(stat6 r2 drop_ttl) $(stat6 r2 drop_not_link_local) $(stat6 r2 drop_dest)" = "$1" ]; }
read -r t l d <<<"$before"
wait_for 5 counts "$((t + 1)) $((l + 1)) $((d + 1))" ||
	fail "r2 should count one each of drop_ttl, drop_not_link_local, drop_dest: $before -> $(stat6 r2 drop_ttl) $(stat6 r2 drop_not_link_local) $(stat6 r2 drop_dest); $(vrrpadm r2 stats dev eth0 vrid 51 family inet6 | grep drop | grep -v " 0$" | tr -s "\n " " ") ll2=$ll2"
is6 r2 backup || fail "priority-254 junk should not move r2, which is $(state6 r2)"

# MTU 1200 destroys r2's inet6_dev with its memberships; 1500 makes a new one.
on r2 ip link set eth0 mtu 1200
wait_for 5 is6 r2 init || fail "r2 without IPv6 should be init, is $(state6 r2)"
on r2 ip link set eth0 mtu 1500
wait_for 10 is6 r2 backup || fail "r2 should be backup again, is $(state6 r2)"
joined6 r2 || fail "r2 did not join ff02::12 again: $(on r2 ip -6 maddr show dev eth0)"
rx0=$(stat6 r2 adverts_rx)
sleep 2
is6 r2 backup || fail "r2 should still be backup hearing r1, is $(state6 r2) (deaf: no rejoin?)"
rx1=$(stat6 r2 adverts_rx)
[ "$((rx1 - rx0))" -ge 5 ] || fail "r2 should keep receiving r1's adverts: adverts_rx $rx0 -> $rx1"
pass "inet6 beside inet on vrid 51; adverts from $ll1 to ff02::12, hop limit 255; NAs moved the client to r2 after del; 3 bad adverts counted; rejoined after MTU 1200/1500"
