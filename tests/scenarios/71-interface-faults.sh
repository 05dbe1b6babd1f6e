#!/bin/bash
# 71-interface-faults: what happens to the master's interface, in turn, with
# r1 (150) master and r2 (100) backup of vrid 51 advertising every 10 ms.
# After each fault the end state is the README's ("How it behaves") and the
# VIP is on the master alone, in every namespace:
#   down/up        r2 takes over; r1 comes back through backup and preempts
#   rename         eth0 -> wan0 while down, then up: the instance (keyed by
#                  ifindex) follows, `vrrpadm show` names wan0; and back
#   MTU 1400/1500  nothing changes: no state change on r1
#   address flush  r1 goes init and gives up the VIP (not restored), r2
#                  master; the address back: r1 preempts
#   netns move     the instance goes with the interface (a "del" event,
#                  reason link-down, and a log line), r2 takes over
#   ip link del    the instance is gone (a "del" event), r2 master
# r1's became_master counts its takeovers exactly; r2's is at least its
# takeovers (with 10 ms adverts in an emulated VM a backup may see a gap and
# take over for an instant: that is counted and reported, not failed).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
. "$(dirname "$0")/lib-failover.sh"

X=x71	# the namespace r1's interface is moved to

# dstate NS DEV: the state of vrid 51 on DEV.
dstate() { vrrpadm "$1" show dev "$2" vrid 51 | awk 'NR == 1 { print $NF }'; }
dis() { [ "$(dstate "$1" "$2")" = "$3" ]; }
# holders: the namespaces where the VIP is configured, on any interface.
holders() {
	local ns h=
	for ns in r1 r2 r3 client $X; do
		[ -e "/run/netns/$ns" ] || continue
		on "$ns" ip -4 -o addr show 2>/dev/null | grep -q " $VIP/" && h+="$ns "
	done
	echo "${h% }"
}
held_by() { [ "$(holders)" = "$1" ]; }
# r1_back DEV WHAT: r1 master on DEV with the VIP, r2 backup, VIP on r1 only.
r1_back() {
	wait_for 20 dis r1 "$1" master || fail "$2: r1 should be master again, is $(dstate r1 "$1")"
	wait_for 10 is_state r2 backup || fail "$2: r2 should be backup again, is $(state r2)"
	wait_for 10 held_by r1 || fail "$2: the VIP should be on r1 alone, is on: $(holders)"
}
# r2_took WHAT: r2 master holding the VIP alone.
r2_took() {
	wait_for 10 is_state r2 master || fail "$1: r2 should take over, is $(state r2)"
	wait_for 10 held_by r2 || fail "$1: the VIP should be on r2 alone, is on: $(holders)"
}
bm() { vrrpadm r1 stats dev "${1:-eth0}" vrid 51 | awk '$1 == "became_master" { print $2 }'; }
# r1_events: state changes r1's monitor has seen so far.
r1_events() { grep -c '"event":"state"' "$TMPD/r1"; }
dels() { grep -c '"event":"del"' "$TMPD/r1"; }
dels_gt() { [ "$(dels)" -gt "$1" ]; }

load
topology
master_and_backup 10ms
monitor r1 "$TMPD/r1" -j
ifindex=$(r1 cat /sys/class/net/eth0/ifindex)
takeovers=0

# 1. down, up
b=$(bm)
r1 ip link set eth0 down
wait_for 10 dis r1 eth0 init || fail "down: r1 should be init, is $(dstate r1 eth0)"
r2_took "down"
takeovers=$((takeovers + 1))
r1 ip link set eth0 up
r1_back eth0 "up"
[ "$(bm)" -eq $((b + 1)) ] || fail "down/up: r1 became_master should be $((b + 1)), is $(bm)"

# 2. renamed while down, then up: the instance follows; then back to eth0
b=$(bm)
r1 ip link set eth0 down
r1 ip link set eth0 name wan0 || fail "rename to wan0 refused"
r2_took "rename"
takeovers=$((takeovers + 1))
wait_for 10 dis r1 wan0 init || fail "rename: r1's instance should be init on wan0, is '$(dstate r1 wan0)': $(vrrpadm r1 show)"
r1 ip link set wan0 up
r1_back wan0 "rename"
head=$(vrrpadm r1 show | head -n1)
[ "${head%%:*}" = "wan0 vrid 51 inet v3" ] || fail "rename: vrrpadm show should name wan0: $head"
js=$(vrrpadm r1 -j show)
[[ $js == *'"dev":"wan0","ifindex":'$ifindex,* ]] || fail "rename: vrrpadm -j show should show wan0 with ifindex $ifindex: $js"
[ "$(bm wan0)" -eq $((b + 1)) ] || fail "rename: r1 became_master should be $((b + 1)), is $(bm wan0)"
r1 ip link set wan0 down
r1 ip link set wan0 name eth0 || fail "rename back to eth0 refused"
r2_took "rename back"
takeovers=$((takeovers + 1))
r1 ip link set eth0 up
r1_back eth0 "rename back"
[ "$(bm)" -eq $((b + 2)) ] || fail "rename back: r1 became_master should be $((b + 2)), is $(bm)"

# 3. MTU 1400 then 1500: nothing happens to r1.
b=$(bm) e=$(r1_events)
r1 ip link set eth0 mtu 1400 || fail "MTU 1400 refused"
sleep 1
r1 ip link set eth0 mtu 1500 || fail "MTU 1500 refused"
sleep 1
is_state r1 master || fail "mtu: r1 should stay master, is $(state r1)"
[ "$(r1_events)" -eq "$e" ] || fail "mtu: r1 should not change state, monitor saw: $(tail -n +$((e + 1)) "$TMPD/r1" | grep '"state"' | cut -c1-200)"
[ "$(bm)" -eq "$b" ] || fail "mtu: r1 became_master should stay $b, is $(bm)"
wait_for 10 is_state r2 backup || fail "mtu: r2 should be backup, is $(state r2)"
wait_for 10 held_by r1 || fail "mtu: the VIP should be on r1 alone, is on: $(holders)"

# 4. addresses flushed: init, no VIP (not restored), r2 master; back.
b=$(bm) rs=$(stat r1 vip_restored)
r1 ip addr flush dev eth0
wait_for 10 is_state r1 init || fail "flush: r1 without an address should be init, is $(state r1)"
r2_took "flush"
takeovers=$((takeovers + 1))
# A restore would be at once, or after at most a second.
sleep 2
held_by r2 || fail "flush: 2 s later the VIP should still be on r2 alone, is on: $(holders)"
is_state r1 init || fail "flush: r1 should stay init, is $(state r1)"
# ip flushes address by address: the VIP may go first, while r1 is still
# a master with its primary address, and be put back (as README says of a
# flush) before the primary goes. Only the end state is the README's.
restores=$(($(stat r1 vip_restored) - rs))
r1 ip addr add 192.0.2.1/24 dev eth0
r1_back eth0 "address back"
[ "$(bm)" -eq $((b + 1)) ] || fail "address back: r1 became_master should be $((b + 1)), is $(bm)"

# 5. moved to another namespace: the instance goes with it.
ino=$(command stat -L -c %i /run/netns/r1)
d=$(dels)
ip netns add $X
r1 ip link set eth0 netns $X || fail "moving eth0 to $X refused"
r2_took "netns move"
takeovers=$((takeovers + 1))
out=$(vrrpadm r1 show) || fail "netns move: vrrpadm show in r1 failed"
[ -z "$out" ] || fail "netns move: the instance should be gone from r1: $out"
out=$(vrrpadm $X show) || fail "netns move: vrrpadm show in $X failed"
[ -z "$out" ] || fail "netns move: no instance should appear in $X: $out"
wait_for 5 dels_gt "$d" || fail "netns move: no del event in r1: $(tail -3 "$TMPD/r1")"
grep '"event":"del"' "$TMPD/r1" | tail -n1 | grep -q '"reason":"link-down"' ||
	fail "netns move: the del event should say link-down: $(grep '"event":"del"' "$TMPD/r1" | tail -n1)"
dmesg | grep -qE "vrrp: eth0 vrid 51 inet \(netns $ino\): master -> init \(link-down\)" ||
	fail "netns move: no log line of r1's instance going down: $(dmesg | grep vrrp: | tail -3 | tr '\n' '|')"
# Back into r1 and configured again.
on $X ip link set eth0 netns r1 || fail "moving eth0 back to r1 refused"
ip netns del $X
r1 ip addr add 192.0.2.1/24 dev eth0
r1 ip link set eth0 up
inst r1 51 150 $VIP interval 10ms || fail "add on r1 after the move back"
r1_back eth0 "moved back"

# 6. deleted: the instance is gone.
d=$(dels)
r1 ip link del eth0 || fail "ip link del eth0 refused"
r2_took "link del"
takeovers=$((takeovers + 1))
out=$(vrrpadm r1 show) || fail "link del: vrrpadm show in r1 failed"
[ -z "$out" ] || fail "link del: the instance should be gone: $out"
wait_for 5 dels_gt "$d" || fail "link del: no del event in r1: $(tail -3 "$TMPD/r1")"
sleep 1
is_state r2 master || fail "link del: r2 should stay master, is $(state r2)"
held_by r2 || fail "link del: the VIP should be on r2 alone, is on: $(holders)"
b2=$(stat r2 became_master)
[ "$b2" -ge $takeovers ] || fail "r2 became_master $b2, fewer than its $takeovers takeovers"
pass "6 faults, r2 took over $takeovers times (became_master $b2: $((b2 - takeovers)) blips), r1 back each time; VIP restored $restores times during the flush"
