#!/bin/bash
# 20-split-brain-heal: CONFORMANCE.md "Split brain heals for the clients
# too". r1 (150) and r2 (100) are cut from each other (bridge port
# isolation: both still reach the client), so both are master and the
# client follows r2's gratuitous ARPs. When the partition heals, within
# 1 s (1.5 s allowed here) the client's entry for the VIP is r1's MAC again
# and r2 is backup, whichever router hears the other first:
#   A: r1 hears r2 first (r1 slowed to one advert per 10 s, r2 at 100 ms)
#   B: r2 hears r1 first (r2 slowed to one advert per 10 s, r1 at 100 ms)
# The healing is one command (isolation only holds between two isolated
# ports), so both directions open at the same instant.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load

# split_heal SLOW: run one round, SLOW (r1 or r2) being the router that
# advertises every 10 s when the partition heals; sets TOOK (ms).
split_heal() {
	local slow=$1 m1 m2 tx t0 t1
	topology
	m1=$(mac r1) m2=$(mac r2)
	# garp-delay 0: no second set of gratuitous ARPs 5 s after becoming
	# master; only the heal may bring the client back to r1.
	vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms garp-delay 0 vip $VIP/24 || fail "add on r1 failed"
	wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
	vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms garp-delay 0 vip $VIP/24 || fail "add on r2 failed"
	wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
	client ping -c 1 -W 2 $VIP >/dev/null || fail "the client cannot ping $VIP"
	neigh_is client $VIP "$m1" || fail "client should resolve $VIP to r1's $m1, has $(neigh_mac client $VIP)"

	sw bridge link set dev p-r1 isolated on
	sw bridge link set dev p-r2 isolated on
	wait_for 10 is_state r2 master || fail "round $slow: cut off from r1, r2 should be master, is $(state r2)"
	is_state r1 master || fail "round $slow: r1 should stay master during the partition, is $(state r1)"
	# r2's gratuitous ARPs took the client; make sure of it either way.
	wait_for 3 neigh_is client $VIP "$m2" ||
		client ip neigh replace $VIP lladdr "$m2" dev eth0 nud reachable
	neigh_is client $VIP "$m2" || fail "round $slow: could not point the client at r2"

	capture client "$TMPD/arp-$slow" -e -x -tt arp
	# Slow one side down; its next advert is due within 100 ms, and the
	# one after that only in 10 s: heal right after that next one.
	tx=$(stat $slow adverts_tx)
	vrrpadm $slow set dev eth0 vrid 51 interval 10s || fail "set interval on $slow failed"
	wait_for 3 stat_gt $slow adverts_tx "$tx" || fail "round $slow: $slow sent no advert after the set"
	is_state r1 master && is_state r2 master || fail "round $slow: both should be master before the heal, r1 $(state r1), r2 $(state r2)"
	neigh_is client $VIP "$m2" || fail "round $slow: the client left r2 before the heal: $(neigh_mac client $VIP)"

	# The client's entry changes when r1's gratuitous ARP arrives (the
	# client sends nothing): tcpdump's kernel timestamp of that ARP is the
	# moment, free of the polling delays of a loaded emulated VM.
	t0=$(ms)
	sw bridge link set dev p-r1 isolated off
	wait_for 10 neigh_is client $VIP "$m1" ||
		fail "round $slow: after the heal the client should resolve $VIP to r1's $m1 again, still has $(neigh_mac client $VIP)"
	wait_for 5 is_state r2 backup || fail "round $slow: r2 should be backup after the heal, is $(state r2)"
	is_state r1 master || fail "round $slow: r1 should be master after the heal, is $(state r1)"
	sleep 0.5
	capture_stop "$CAPTURE_PID"
	t1=$(arp_decode "$TMPD/arp-$slow" |
		awk -v m="$m1" -v v=$VIP '$3 == 1 && $4 == m && $5 == v && $6 == v { print $1; exit }')
	[ -n "$t1" ] || fail "round $slow: the client's entry moved to r1 without a gratuitous ARP from r1: $(cat "$TMPD/arp-$slow")"
	t1=${t1/./}
	t1=$((10#$t1 / 1000))
	[ $((t1 - t0)) -le 1500 ] ||
		fail "round $slow: r1 should win the client back within 1 s (+0.5 s margin) of the heal, its gratuitous ARP came after $((t1 - t0)) ms"
	teardown
	TOOK=$((t1 - t0))
}

split_heal r1
a=$TOOK
split_heal r2
b=$TOOK
pass "client back on r1 $a ms after the heal when r1 heard r2 first, $b ms when r2 heard r1 first"
