#!/bin/bash
# 98-vip-dev-routes: what keepalived users put around their VIPs, on a
# gateway pair. r1 (150) and r2 (100) route between the client's LAN
# (eth0, 192.0.2.0/24) and an inside network (eth1, 198.51.100.0/24, on a
# second bridge) where srv (198.51.100.100) holds 203.0.113.1. vrid 51 on
# eth0 carries:
#   vip 192.0.2.10/24                                the client's gateway
#   vip 198.51.100.1/24 dev eth1 label eth1:gw       srv's gateway, inside
#   vip 192.0.2.20/32 scope host
#   route 203.0.113.0/24 via 198.51.100.100          behind srv
#   route 198.51.100.128/25 dev eth1                 no gateway
# and an inet6 instance vip fe80::51 vip 2001:db8:1::1/64 dev eth1
# route 2001:db8:99::/48 via 2001:db8:1::100.
#  - the master holds each VIP where it belongs, with its label and scope,
#    and the routes with protocol 112; the backup holds none of them;
#  - the client reaches 203.0.113.1 through the pair (there and back through
#    the two gateway VIPs);
#  - r1 deleted: r2 takes over with all of it, srv hears a gratuitous ARP
#    for 198.51.100.1 from r2's eth1, and the client still reaches
#    203.0.113.1; r1's routes are gone, and a route r2 had before to the
#    destination of one of ours (someone else's, another metric) survives
#    r2's routes coming and going;
#  - set replaces the route list (old one removed, new one added) and
#    noroute removes them; show, show -j and the errors say what they
#    should.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

GW_IN=198.51.100.1 VIP_HOST=192.0.2.20 SRV=198.51.100.100 BEHIND=203.0.113.1
# ours NS [FAMILY]: NS's routes of protocol 112 (ours), one per line.
ours() { on "$1" ip "-${2:-4}" route show proto 112 | sed 's/ *$//'; }
eth1_addrs() { on "$1" ip -o addr show dev eth1; }
holds_all() { # the master's addresses and routes, where they belong
	has_vip "$1" && eth1_addrs "$1" | grep -q "inet $GW_IN/24 .* eth1:gw" &&
		on "$1" ip -o addr show dev eth0 | grep -q "inet $VIP_HOST/32 scope host" &&
		eth1_addrs "$1" | grep -q "inet6 2001:db8:1::1/64" &&
		ours "$1" | grep -qx "203.0.113.0/24 via $SRV dev eth1" &&
		ours "$1" | grep -qx "198.51.100.128/25 dev eth1 scope link" &&
		ours "$1" 6 | grep -q "^2001:db8:99::/48 via 2001:db8:1::100 dev eth1 metric 1024"
}
holds_none() {
	no_vip "$1" && ! eth1_addrs "$1" | grep -q "$GW_IN\|2001:db8:1::1/" &&
		! on "$1" ip -o addr show dev eth0 | grep -q "$VIP_HOST" &&
		[ -z "$(ours "$1")" ] && [ -z "$(ours "$1" 6)" ]
}
reach() { client ping -c 1 -W 1 "$BEHIND" >/dev/null 2>&1; }
add() { # add NS PRIORITY
	vrrpadm "$1" add dev eth0 vrid 51 priority "$2" interval 100ms \
		vip $VIP/24 vip $GW_IN/24 dev eth1 label eth1:gw \
		vip $VIP_HOST/32 scope host \
		route 203.0.113.0/24 via $SRV route 198.51.100.128/25 dev eth1 &&
		vrrpadm "$1" add dev eth0 vrid 51 family inet6 priority "$2" \
			interval 100ms vip fe80::51 vip 2001:db8:1::1/64 dev eth1 \
			route 2001:db8:99::/48 via 2001:db8:1::100
}

load
topology
# The inside network: a second bridge in sw, r1's and r2's eth1, srv.
{
	echo "netns add srv"
	echo "link add eth0 netns srv type veth peer name p-srv netns sw"
	for r in r1 r2; do
		echo "link add eth1 netns $r type veth peer name q-$r netns sw"
	done
} | ip -batch - || fail "inside links"
printf 'link add br1 type bridge\nlink set br1 up\nlink set p-srv master br1 up
link set q-r1 master br1 up\nlink set q-r2 master br1 up\n' | ip -n sw -batch - ||
	fail "inside bridge"
printf 'link set lo up\nlink set eth0 up\naddr add %s/24 dev eth0
addr add 2001:db8:1::100/64 dev eth0 nodad\naddr add %s/32 dev lo
route add 192.0.2.0/24 via %s\n' $SRV $BEHIND $GW_IN | ip -n srv -batch - ||
	fail "srv"
for r in r1 r2; do
	n=${r#r}
	printf 'link set eth1 up\naddr add 198.51.100.%s/24 dev eth1
addr add 2001:db8:1::%s/64 dev eth1 nodad\n' $((n + 1)) $((n + 1)) |
		ip -n $r -batch - || fail "$r's eth1"
	on $r sysctl -qw net.ipv4.ip_forward=1 || fail "forwarding on $r"
done
client ip route add 203.0.113.0/24 via $VIP || fail "the client's route"
# Someone else's route on r2, to the destination of one of ours (another
# metric, or the two could not be there at once).
r2 ip route add 198.51.100.128/25 dev eth1 proto static metric 10 ||
	fail "r2's own route"

add r1 150 || fail "add on r1 failed"
add r2 100 || fail "add on r2 failed"
wait_for 10 both r1 master || fail "r1 should be master, is $(state r1)"
wait_for 10 both r2 backup || fail "r2 should be backup, is $(state r2)"
wait_for 10 holds_all r1 || fail "r1 should hold every VIP and route: $(r1 ip -o addr; ours r1; ours r1 6)"
holds_none r2 || fail "r2, backup, holds some: $(r2 ip -o addr; ours r2; ours r2 6)"
r2 ip route show 198.51.100.128/25 | grep -q "proto static" || fail "r2's own route should be there"
wait_for 10 reach || fail "the client should reach $BEHIND through r1"

# What show says can be pasted back.
text=$(vrrpadm r1 show dev eth0 vrid 51 family inet)
for want in "  vip $GW_IN/24 dev eth1 label eth1:gw" "  vip $VIP_HOST/32 scope host" \
	"  route 203.0.113.0/24 via $SRV" "  route 198.51.100.128/25 dev eth1"; do
	grep -qxF "$want" <<<"$text" || fail "show should have '$want': $text"
done
js=$(vrrpadm r1 -j show dev eth0 vrid 51 family inet)
[[ $js == *"\"placed_vips\":[{\"vip\":\"$GW_IN/24\",\"dev\":\"eth1\",\"label\":\"eth1:gw\",\"scope\":null},{\"vip\":\"$VIP_HOST/32\",\"dev\":null,\"label\":null,\"scope\":\"host\"}]"* ]] ||
	fail "show -j placed_vips: $js"
[[ $js == *"\"routes\":[{\"dst\":\"203.0.113.0/24\",\"via\":\"$SRV\",\"dev\":null},{\"dst\":\"198.51.100.128/25\",\"via\":null,\"dev\":\"eth1\"}]"* ]] ||
	fail "show -j routes: $js"

# Bad input: refused whole, nothing changes.
# The settings: show -j without what grows by itself (the state's age, counters).
settings() {
	vrrpadm r1 -j show dev eth0 vrid 51 family inet |
		sed -e 's/"stats".*//' -e 's/"state_since":[^,]*,"state_age_ms":[^,]*,//'
}
before=$(settings)
err=$(vrrpadm r1 set dev eth0 vrid 51 route 203.0.113.1/24 2>&1) &&
	fail "a route with host bits was taken"
[[ $err == *"route: the destination has bits set beyond its prefix length"* ]] ||
	fail "host bits: $err"
err=$(vrrpadm r1 set dev eth0 vrid 51 vip $VIP/24 vip $GW_IN/24 dev nosuch 2>&1) &&
	fail "a vip on a missing interface was taken"
[[ $err == *'Cannot find device "nosuch"'* ]] || fail "missing interface: $err"
err=$(vrrpadm r1 set dev eth0 vrid 51 vip $VIP/24 label eth1:x 2>&1) &&
	fail "a label of another interface was taken"
[[ $err == *'must be "eth0" or start with "eth0:"'* ]] || fail "label: $err"
[ "$(settings)" = "$before" ] ||
	fail "a refused set changed the instance"

# The srv side hears r2's eth1 announce the inside gateway.
m2=$(r2 cat /sys/class/net/eth1/address)
on srv timeout 30 tcpdump -c 1 -eni eth0 "arp and arp[14:4] = 0xc6336401 and ether src $m2" \
	>/tmp/98-garp.txt 2>/dev/null &
garp=$!
sleep 3
vrrpadm r1 del dev eth0 vrid 51 ||
	fail "del on r1 (both families) failed"
wait_for 10 both r2 master || fail "r2 should take over, is $(state r2)"
wait_for 10 holds_all r2 || fail "r2 should hold every VIP and route: $(r2 ip -o addr; ours r2; ours r2 6)"
wait_for 10 holds_none r1 || fail "r1, deleted, still holds some: $(r1 ip -o addr; ours r1; ours r1 6)"
wait "$garp" || fail "srv heard no gratuitous ARP for $GW_IN from r2's eth1 ($m2)"
wait_for 10 reach || fail "the client should reach $BEHIND through r2"

# set replaces the list; noroute empties it; someone else's route stays.
vrrpadm r2 set dev eth0 vrid 51 route 203.0.113.0/25 via $SRV dev eth1 ||
	fail "set route failed"
wait_for 10 eval '[ "$(ours r2)" = "203.0.113.0/25 via '$SRV' dev eth1" ]' ||
	fail "after set, r2's routes should be the new one: $(ours r2)"
vrrpadm r2 set dev eth0 vrid 51 noroute || fail "set noroute failed"
wait_for 10 eval '[ -z "$(ours r2)" ]' || fail "after noroute, r2 has routes: $(ours r2)"
r2 ip route show 198.51.100.128/25 | grep -q "proto static" ||
	fail "r2's own route went with ours: $(r2 ip route)"
pass "VIPs on eth0 and eth1 with label and scope, IPv4 and IPv6 routes through a gateway pair: on the master only, reached, taken over with a gratuitous ARP inside; set and noroute; someone else's route kept"
