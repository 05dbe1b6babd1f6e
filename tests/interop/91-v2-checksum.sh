#!/bin/bash
# 91-v2-checksum: VRRPv2 (RFC 3768) and the three checksum settings of
# VRRPv3 over IPv4, with Wireshark's dissector as the judge of the wire
# (of a VRRPv3 over IPv6 advert too).
#  - v2: r1 (150) and r2 (100) at 1s; r1 is master; its adverts are
#    VRRPv2 with auth type 0 and the interval in seconds, and tshark finds
#    their checksum good; r3 at 2s with priority 200 is dropped by both
#    (interval_mismatch) and changes nothing; r3 as owner (255) takes no
#    advert (drop_owner) and wins; r1 deleted: r2 takes over on its
#    priority 0 (reason priority-zero);
#  - refusals: v2 with inet6, v2 with 1500ms, a checksum setting on v2;
#  - checksum: r1 rfc9568 (message only: tshark finds it good only with
#    its v3_checksum_as_in_v2 preference), r2 either: r2 follows r1;
#    r2 pseudo-header: r1's adverts counted as drop_checksum_form and r2
#    takes over; r2 rfc9568: backup again. Default adverts (either) carry
#    the pseudo-header checksum, good for tshark's default reading.
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/lib-failover.sh"

# tshark_status PCAP [PREF]: "VERSION:STATUS ..." per packet, status 1 =
# checksum good, and "malformed" for a packet the dissector could not
# read. (tshark takes seconds to start in the VM: the captures are judged
# together at the end, in two runs.)
tshark_status() {
	local pref=()
	[ -z "${2:-}" ] || pref=(-o "$2")
	tshark -n -r "$1" "${pref[@]}" -T fields -E separator=: \
		-e vrrp.version -e vrrp.checksum.status -e _ws.malformed 2>/dev/null |
		sed 's/:[^:]*[^:]$/:malformed/; s/:$//' | tr '\n' ' '
}
# capture NS FILE N: N adverts of vrid 51 sent by NS, as seen on its port.
capture() {
	on sw timeout 30 tcpdump -c "$3" -w "$2" -ni "p-$1" "ip proto 112 and src 192.0.2.${1#r}" 2>/dev/null
}
OUT=$(mktemp -d)
cleanup_out() { rm -rf "$OUT"; }
trap cleanup_out EXIT

load
topology

vrrpadm r1 add dev eth0 vrid 51 version 2 priority 150 interval 1s vip $VIP/24 ||
	fail "v2 add on r1 failed"
vrrpadm r2 add dev eth0 vrid 51 version 2 priority 100 interval 1s vip $VIP/24 ||
	fail "v2 add on r2 failed"
wait_for 10 is_state r1 master || fail "r1 should be v2 master, is $(state r1)"
wait_for 10 is_state r2 backup || fail "r2 should be v2 backup, is $(state r2)"
vrrpadm r1 show dev eth0 vrid 51 | grep -q "^eth0 vrid 51 inet v2: master" ||
	fail "show should say v2: $(vrrpadm r1 show dev eth0 vrid 51 | head -1)"
capture r1 "$OUT/v2.pcap" 2
line=$(tcpdump -vv -nr "$OUT/v2.pcap" 2>/dev/null | grep -m1 VRRPv)
case $line in
*"VRRPv2, Advertisement, vrid 51, prio 150, authtype none, intvl 1s"*) ;;
*) fail "expected a VRRPv2 advert with authtype none and 1s: $line" ;;
esac

# r3 at 2s, priority 200: RFC 3768 drops it, on both.
mm1=$(stat r1 interval_mismatch) mm2=$(stat r2 interval_mismatch)
vrrpadm r3 add dev eth0 vrid 51 version 2 priority 200 interval 2s vip $VIP/24 ||
	fail "v2 add on r3 failed"
more_mismatches() { [ "$(stat r1 interval_mismatch)" -gt "$mm1" ] && [ "$(stat r2 interval_mismatch)" -gt "$mm2" ]; }
wait_for 10 more_mismatches || fail "r1 and r2 should drop r3's 2s adverts as interval_mismatch"
is_state r1 master || fail "r3's dropped adverts should not move r1, which is $(state r1)"
is_state r2 backup || fail "r3's dropped adverts should not move r2, which is $(state r2)"
vrrpadm r3 del dev eth0 vrid 51 || fail "del on r3 failed"

# r3 as the owner: it takes no advert, and wins.
vrrpadm r3 add dev eth0 vrid 51 version 2 priority 255 interval 1s vip $VIP/24 ||
	fail "v2 owner add on r3 failed"
wait_for 10 is_state r3 master || fail "owner r3 should be master, is $(state r3)"
wait_for 10 is_state r1 backup || fail "r1 should yield to the owner, is $(state r1)"
owner_dropped() { [ "$(stat r3 drop_owner)" -gt 0 ]; }
wait_for 10 owner_dropped || fail "owner r3 should count r1's adverts as drop_owner"
[ "$(stat r3 adverts_rx)" = 0 ] || fail "owner r3 should take no advert: adverts_rx $(stat r3 adverts_rx)"
vrrpadm r3 del dev eth0 vrid 51 || fail "del of the owner failed"
wait_for 10 is_state r1 master || fail "r1 should be master again, is $(state r1)"

t0=$(now_ms)
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
wait_for 10 is_state r2 master || fail "r2 should take over, is $(state r2)"
took=$(($(now_ms) - t0))
# On the priority 0 (after a VRRPv2 Skew_Time), not by the down timer.
why=$(vrrpadm r2 -j show dev eth0 vrid 51 | sed -n 's/.*"reason":"\([a-z-]*\)".*/\1/p')
[ "$why" = priority-zero ] || fail "r2 became master for '$why', not for r1's priority 0"
[ "$(stat r2 prio0_rx)" -ge 1 ] || fail "r2 should have heard priority 0"
vrrpadm r2 del dev eth0 vrid 51

err=$(vrrpadm r1 add dev eth0 vrid 52 version 2 family inet6 vip fe80::1 2>&1) &&
	fail "VRRPv2 over IPv6 should be refused"
[[ $err == *"version: VRRPv2 is for IPv4 only"* ]] || fail "v2 inet6: $err"
err=$(vrrpadm r1 add dev eth0 vrid 52 version 2 interval 1500ms vip $VIP 2>&1) &&
	fail "a VRRPv2 interval of 1500ms should be refused"
[[ $err == *"interval: VRRPv2 counts whole seconds"* ]] || fail "v2 1500ms: $err"
err=$(vrrpadm r1 add dev eth0 vrid 52 version 2 checksum rfc9568 vip $VIP 2>&1) &&
	fail "a checksum setting on VRRPv2 should be refused"
[[ $err == *"checksum: only VRRPv3 over IPv4 has a choice"* ]] || fail "v2 checksum: $err"
[ -z "$(vrrpadm r1 show)" ] || fail "refused adds left an instance: $(vrrpadm r1 show)"

# VRRPv3 over IPv4: the default sends the pseudo-header form.
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24 ||
	fail "v3 add on r1 failed"
wait_for 10 is_state r1 master || fail "r1 should be v3 master, is $(state r1)"
capture r1 "$OUT/either.pcap" 3
vrrpadm r1 set dev eth0 vrid 51 checksum rfc9568 || fail "set checksum rfc9568 on r1 failed"
vrrpadm r1 show dev eth0 vrid 51 | grep -q "^  .* checksum rfc9568 " ||
	fail "show should say checksum rfc9568: $(vrrpadm r1 show dev eth0 vrid 51 | sed -n 3p)"
capture r1 "$OUT/rfc9568.pcap" 3

vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 ||
	fail "v3 add on r2 failed"
wait_for 10 is_state r2 backup || fail "r2 (either) should follow r1 (rfc9568), is $(state r2)"
form0=$(stat r2 drop_checksum_form)
vrrpadm r2 set dev eth0 vrid 51 checksum pseudo-header || fail "set checksum pseudo-header on r2 failed"
wait_for 10 is_state r2 master || fail "r2 (pseudo-header) should not hear r1 (rfc9568), is $(state r2)"
[ "$(stat r2 drop_checksum_form)" -gt "$form0" ] ||
	fail "r2 should count r1's adverts as drop_checksum_form: $(stat r2 drop_checksum_form)"
vrrpadm r2 set dev eth0 vrid 51 checksum rfc9568 || fail "set checksum rfc9568 on r2 failed"
wait_for 10 is_state r2 backup || fail "r2 (rfc9568) should follow r1 again, is $(state r2)"

# And VRRPv3 over IPv6, for Wireshark to judge too.
vrrpadm r1 add dev eth0 vrid 61 family inet6 priority 150 interval 100ms vip fe80::61/64 ||
	fail "inet6 add on r1 failed"
six() { vrrpadm r1 show dev eth0 vrid 61 family inet6 | awk 'NR == 1 { print $NF }'; }
six_master() { [ "$(six)" = master ]; }
wait_for 10 six_master || fail "r1 should be inet6 master of vrid 61, is $(six)"
on sw timeout 30 tcpdump -c 2 -w "$OUT/v6.pcap" -ni p-r1 "ip6 proto 112" 2>/dev/null

# Wireshark's verdicts: its default reads v3/IPv4 checksums with the
# pseudo-header (v2's, the default form's and IPv6's good, rfc9568's
# bad); its v3_checksum_as_in_v2 preference reads them as the message
# alone. No packet is malformed.
mergecap -w "$OUT/all.pcap" "$OUT/v2.pcap" "$OUT/either.pcap" "$OUT/rfc9568.pcap" \
	"$OUT/v6.pcap" || fail "mergecap failed"
want="2:1 2:1 3:1 3:1 3:1 3:0 3:0 3:0 3:1 3:1 "
got=$(tshark_status "$OUT/all.pcap")
[ "$got" = "$want" ] ||
	fail "tshark's default reading of v2, either, rfc9568 adverts: expected $want, got $got"
got=$(tshark_status "$OUT/rfc9568.pcap" vrrp.v3_checksum_as_in_v2:TRUE)
[ "$got" = "3:1 3:1 3:1 " ] ||
	fail "tshark (message-only reading) should find rfc9568 checksums good: $got"
pass "VRRPv2 elected, dropped a 2s peer, its owner took none, handed over in ${took} ms; checksum rfc9568/either/pseudo-header as tshark reads them"
