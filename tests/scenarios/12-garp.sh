#!/bin/bash
# 12-garp: a new master announces its VIPs with gratuitous ARP. r1 (150)
# master, r2 (100) backup, VIPs 192.0.2.10 and .11; the client has resolved
# both to r1. r1 leaves: r2 sends, per VIP, garp-count gratuitous ARPs
# (sender IP = VIP, sender MAC = r2's): 5 at once by default, then with
# garp-count 2 garp-interval 200ms two of them at least 150 ms apart. The
# client's entries follow r2 while the client itself sends nothing.
# r1 runs with garp-delay 0: its default second set, 5 s after it became
# master, fell into the first capture on the debug kernel, where the setup
# takes that long (45-garp-schedule covers garp-delay).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

VIP2=192.0.2.11
VIPS="vip $VIP/24 vip $VIP2/24"
R1="priority 150 interval 100ms garp-delay 0"
load
topology
m1=$(mac r1) m2=$(mac r2) mc=$(mac client)

# shellcheck disable=SC2086
vrrpadm r1 add dev eth0 vrid 51 $R1 $VIPS || fail "add on r1 failed"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
# shellcheck disable=SC2086
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms $VIPS || fail "add on r2 failed"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
client ping -c 1 -W 2 $VIP >/dev/null && client ping -c 1 -W 2 $VIP2 >/dev/null ||
	fail "the client cannot ping the VIPs through r1"
neigh_is client $VIP "$m1" || fail "client should resolve $VIP to r1's $m1, has $(neigh_mac client $VIP)"

# garps FILE: the gratuitous ARPs in a capture, as TIME SHA SPA, checked
# to be requests with sender = target = a VIP, sent by r2 from r2's MAC.
garps() {
	arp_decode "$1" | awk -v m="$m2" '$5 == $6 && ($5 == "192.0.2.10" || $5 == "192.0.2.11") {
		if ($2 != m || $4 != m || $3 != 1) bad = bad " [" $0 "]"
		else print $1, $4, $5
	} END { if (bad != "") { print "BAD" bad; exit 1 } }'
}

# Default: 5 per VIP, all at once. Capture everything but IPv6 to see that
# the client stays silent.
capture client "$TMPD/garp5" -e -x -tt not ip6
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
wait_for 10 is_state r2 master || fail "r2 should take over, is $(state r2)"
both_moved() { neigh_is client $VIP "$m2" && neigh_is client $VIP2 "$m2"; }
wait_for 5 both_moved ||
	fail "client should now resolve the VIPs to r2's $m2, has $(neigh_mac client $VIP) / $(neigh_mac client $VIP2)"
sleep 1
capture_stop "$CAPTURE_PID"
g=$(garps "$TMPD/garp5") || fail "gratuitous ARPs not from r2 ($m2): $g"
# The first set only: the second (garp-delay, 5 s by default) may fall in
# the capture on a slow kernel.
g=$(awk 'NR == 1 { t0 = $1 } $1 < t0 + 3' <<<"$g")
n1=$(grep -c " $VIP\$" <<<"$g") n2=$(grep -c " $VIP2\$" <<<"$g")
[ "$n1" = 5 ] && [ "$n2" = 5 ] || {
	cat "$TMPD/garp5" >&2
	fail "expected 5 gratuitous ARPs per VIP with garp-count 5, saw $n1 for $VIP and $n2 for $VIP2"
}
# IGMP membership reports are the kernel's own business, and so are its
# answers to r1's unicast probe of the client's entry (r1 answered the
# pings); anything else from the client (an ARP request above all) would
# spoil the point.
sent=$(grep "^[0-9.]* $mc " "$TMPD/garp5" | grep -v -e ' igmp ' -e ': Reply 192\.0\.2\.100 is-at ')
[ -z "$sent" ] || fail "the client should send nothing while its entries move, sent: $sent"

# garp-count 2, garp-interval 200ms: r1 comes back and preempts, then leaves.
vrrpadm r2 set dev eth0 vrid 51 garp-count 2 garp-interval 200ms || fail "set on r2 failed"
# shellcheck disable=SC2086
vrrpadm r1 add dev eth0 vrid 51 $R1 $VIPS || fail "second add on r1 failed"
wait_for 10 is_state r1 master || fail "r1 should preempt r2, is $(state r1)"
wait_for 5 is_state r2 backup || fail "r2 should be backup again, is $(state r2)"
# r1's own first set (5 per VIP) is out before the capture starts.
wait_for 10 stat_gt r1 garp_tx 9 || fail "r1 sent $(stat r1 garp_tx) gratuitous ARPs as master, expected 10"
capture client "$TMPD/garp2" -e -x -tt arp
vrrpadm r1 del dev eth0 vrid 51 || fail "second del on r1 failed"
wait_for 10 is_state r2 master || fail "r2 should take over again, is $(state r2)"
sleep 2
capture_stop "$CAPTURE_PID"
g=$(garps "$TMPD/garp2") || fail "gratuitous ARPs not from r2 ($m2): $g"
# Again the first set only (garp-delay's second set may be in).
g=$(awk 'NR == 1 { t0 = $1 } $1 < t0 + 3' <<<"$g")
gaps=
for v in $VIP $VIP2; do
	t=$(awk -v v="$v" '$3 == v { print $1 }' <<<"$g")
	n=$(wc -l <<<"$t")
	[ -n "$t" ] && [ "$n" = 2 ] || {
		cat "$TMPD/garp2" >&2
		fail "expected 2 gratuitous ARPs for $v with garp-count 2, saw $(grep -c . <<<"$t")"
	}
	gap=$(awk 'NR == 1 { a = $1 } NR == 2 { printf "%d", ($1 - a) * 1000 }' <<<"$t")
	[ "$gap" -ge 150 ] || fail "garp-interval 200ms: the 2 ARPs for $v should be >= 150 ms apart, were $gap ms"
	gaps+=" $gap"
done
pass "5+5 gratuitous ARPs from r2 by default, client followed silently; garp-interval 200ms: 2 per VIP, gaps$gaps ms"
