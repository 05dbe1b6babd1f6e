#!/bin/bash
# 95-vmac: virtual MAC mode (RFC 9568 7.3). r1 (150) and r2 (100) run
# vrid 51 over IPv4 (192.0.2.10) and IPv6 (fe80::1, 2001:db8::10), vmac:
#  - the client resolves both VIPs to the virtual MACs 00:00:5e:00:01:33
#    and 00:00:5e:00:02:33, and reaches them;
#  - on the wire (a capture in the client) every advert, gratuitous ARP,
#    ARP reply and neighbor advertisement about a VIP comes from the
#    virtual MAC, its link-layer address fields included: none names r1's
#    or r2's own MAC;
#  - the master has the virtual MAC in its unicast filter, the backup not;
#    a frame to the virtual MAC that reaches the backup (the bridge floods
#    it) is left as another host's, and once r2 is master it is its own;
#  - the client's entries are then pinned (it never resolves again): r1
#    deleted, r2 takes over and the client reaches both VIPs through the
#    same entries; r1 back, it preempts, and still;
#  - `set novmac` takes the address out of the filter, `set vmac` puts it
#    back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

V6=2001:db8::10
VMAC4=00:00:5e:00:01:33
VMAC6=00:00:5e:00:02:33
pings() { client ping -c 1 -W 1 "$1" >/dev/null 2>&1; }
neigh4() { client ip neigh show "$VIP" dev eth0 | awk '{ print $3 }'; }
neigh6() { client ip -6 neigh show "$V6" dev eth0 | awk '{ print $3 }'; }
# filtered NS MAC: MAC is in NS's eth0 unicast address list.
filtered() { on "$1" bridge fdb show dev eth0 | grep -q "^$2 "; }
unfiltered() { ! filtered "$@"; }
add() { # add NS PRIORITY
	vrrpadm "$1" add dev eth0 vrid 51 priority "$2" interval 100ms vmac vip $VIP/24 &&
		vrrpadm "$1" add dev eth0 vrid 51 family inet6 priority "$2" interval 100ms vmac \
			vip fe80::1/64 vip $V6/64
}

load
topology
client ip -6 addr add 2001:db8::100/64 dev eth0 nodad

capture client "$TMPD/capture" -U -w "$TMPD/wire.pcap" 'arp or icmp6 or ip proto 112 or ip6 proto 112'
add r1 150 || fail "vmac add on r1 failed"
add r2 100 || fail "vmac add on r2 failed"
wait_for 10 both r1 master || fail "r1 should be master of both, is $(state r1)"
wait_for 10 both r2 backup || fail "r2 should be backup of both, is $(state r2)"
vrrpadm r1 show dev eth0 vrid 51 family inet | grep -q "virtual MAC $VMAC4" ||
	fail "show should print the virtual MAC: $(vrrpadm r1 show dev eth0 vrid 51 family inet)"
vrrpadm r1 -j show dev eth0 vrid 51 family inet6 | grep -q '"vmac":true' ||
	fail "show -j should say vmac true"
wait_for 5 filtered r1 $VMAC4 && filtered r1 $VMAC6 ||
	fail "master r1 should have both virtual MACs in its filter: $(r1 bridge fdb show dev eth0)"
unfiltered r2 $VMAC4 && unfiltered r2 $VMAC6 ||
	fail "backup r2 should not have the virtual MACs: $(r2 bridge fdb show dev eth0)"

wait_for 5 pings $VIP || fail "the client should reach $VIP"
wait_for 5 pings $V6 || fail "the client should reach $V6"
[ "$(neigh4)" = $VMAC4 ] || fail "ARP should resolve $VIP to $VMAC4: $(client ip neigh)"
[ "$(neigh6)" = $VMAC6 ] || fail "ND should resolve $V6 to $VMAC6: $(client ip -6 neigh)"

# r2's address by way of the virtual MAC, flooded to every port (p-r1
# neither learns it nor keeps it): the backup leaves such frames as another
# host's, so nothing answers; the master r1 takes them, so the VIP does.
client ip neigh replace 192.0.2.2 lladdr $VMAC4 dev eth0 nud permanent
sw bridge link set dev p-r1 learning off
sw bridge fdb del $VMAC4 dev p-r1 master 2>/dev/null
pings $VIP || fail "the flooded ping should reach $VIP on r1"
pings 192.0.2.2 && fail "backup r2 took a frame to $VMAC4 as its own"
sw bridge link set dev p-r1 learning on

# Pinned: from here the client never resolves the VIPs again.
client ip neigh replace $VIP lladdr $VMAC4 dev eth0 nud permanent
client ip -6 neigh replace $V6 lladdr $VMAC6 dev eth0 nud permanent
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 (both families) failed"
vrrpadm r1 show dev eth0 vrid 51 >/dev/null 2>&1
rc=$?
[ $rc = 3 ] || fail "del without family should delete both, show says (exit $rc): $(vrrpadm r1 show dev eth0 vrid 51 2>&1)"
wait_for 10 both r2 master || fail "r2 should take over, is $(state r2)"
wait_for 5 filtered r2 $VMAC4 || fail "master r2 should have $VMAC4 in its filter"
unfiltered r1 $VMAC4 || fail "r1, deleted, should have no virtual MAC left"
wait_for 5 pings $VIP || fail "the pinned client should reach $VIP on r2"
wait_for 5 pings $V6 || fail "the pinned client should reach $V6 on r2"
pings 192.0.2.2 || fail "master r2 should take frames to $VMAC4 as its own"
client ip neigh del 192.0.2.2 dev eth0
add r1 150 || fail "second add on r1 failed"
wait_for 10 both r1 master || fail "r1 should preempt, is $(state r1)"
wait_for 10 both r2 backup || fail "r2 should give way, is $(state r2)"
wait_for 5 unfiltered r2 $VMAC4 || fail "backup r2 should drop $VMAC4 from its filter"
wait_for 5 pings $VIP || fail "the pinned client should reach $VIP on r1 again"
wait_for 5 pings $V6 || fail "the pinned client should reach $V6 on r1 again"

capture_stop "$CAPTURE_PID"

# novmac: r1 answers from its own MAC again (the capture has ended).
vrrpadm r1 set dev eth0 vrid 51 novmac || fail "set novmac failed"
wait_for 5 unfiltered r1 $VMAC4 || fail "novmac should take $VMAC4 out of r1's filter"
vrrpadm r1 set dev eth0 vrid 51 vmac || fail "set vmac failed"
wait_for 5 filtered r1 $VMAC4 || fail "vmac again should put $VMAC4 back"

# The wire as tcpdump prints it: the frame's source MAC (-e) first.
wire() { tcpdump -r "$TMPD/wire.pcap" -e -nn "$@" 2>/dev/null; }
frames=$(wire)
m1=$(mac r1) m2=$(mac r2)
VIPRE='(192\.0\.2\.10|2001:db8::10|fe80::1)([^0-9a-f:]|$)'
grep -q "$VMAC4 > 01:00:5e:00:00:12, .*vrid 51" <<<"$frames" ||
	fail "no IPv4 advert from $VMAC4: $(head -c 1500 <<<"$frames")"
grep -q "$VMAC6 > 33:33:00:00:00:12, .*vrid 51" <<<"$frames" ||
	fail "no IPv6 advert from $VMAC6"
grep -Eq "$VMAC4 > ff:ff:ff:ff:ff:ff, .*Request who-has 192\.0\.2\.10 .*tell 192\.0\.2\.10," <<<"$frames" ||
	fail "no gratuitous ARP for $VIP from $VMAC4"
grep -q "$VMAC4 > .*Reply 192.0.2.10 is-at $VMAC4," <<<"$frames" ||
	fail "no ARP reply for $VIP naming $VMAC4"
leaks=$(grep -E "^[^ ]+ ($m1|$m2) > " <<<"$frames" | grep -E "ARP|VRRP|neighbor" |
	grep -E "vrid 51|$VIPRE" | head -3)
[ -z "$leaks" ] || fail "frames about the VIPs from a router's own MAC: $leaks"
# Neighbor advertisements for the VIPs: the target's link-layer address
# option names the virtual MAC, under a checksum computed again.
na=$(wire -v icmp6 | grep -A1 -E "neighbor advertisement, .*tgt is $VIPRE")
grep -q "link-address option .*: $VMAC6" <<<"$na" ||
	fail "no neighbor advertisement naming $VMAC6: $(head -c 1000 <<<"$na")"
grep "link-address option" <<<"$na" | grep -vq ": $VMAC6" &&
	fail "a neighbor advertisement for a VIP named another MAC: $na"
grep "tgt is" <<<"$na" | grep -vq "icmp6 sum ok" &&
	fail "a neighbor advertisement with a bad checksum: $na"
pass "VIPs resolved to $VMAC4 and $VMAC6 and reached; adverts, ARP and NA from them; filter on the master only, the backup leaves their frames; the pinned client followed r2 and r1 back; novmac and vmac"
