#!/bin/bash
# 81-sync-group: a router with an inside and an outside VIP keeps both or
# neither. r1 (150) and r2 (100) each run vrid 51 on eth0 (192.0.2.10) and
# vrid 52 on a second link, eth1 (198.51.100.10), both in sync group "edge",
# at 100 ms. The group moves together in every direction:
#  - a fault of one member (its health object down): the other yields
#    (priority 0, reason group), r2 holds both, and r1's healthy member
#    stays backup although its priority is higher; back, r1 takes both;
#  - the other router better on one VRID only: nothing moves (a group goes
#    to the router that wins on every member); better on both: r2 preempts
#    and takes both, and nobody flaps; back;
#  - one member's link gone: r2 takes both; back.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

VIP2=198.51.100.10

load
topology
sw ip link add br1 type bridge mcast_snooping 0
sw ip link set br1 up
for r in r1:1 r2:2; do
	ns=${r%:*}
	ip link add eth1 netns "$ns" type veth peer name "p1-$ns" netns sw
	on "$ns" ip addr add "198.51.100.${r#*:}/24" dev eth1
	on "$ns" ip link set eth1 up
	sw ip link set "p1-$ns" master br1 up
done

st1() { state "$1" 51; }
st2() { vrrpadm "$1" show dev eth1 vrid 52 | awk 'NR == 1 { sub(/^[^:]*: /, ""); print $1 }'; }
is_st2() { [ "$(st2 "$1")" = "$2" ]; }
is_st1() { [ "$(st1 "$1")" = "$2" ]; }
both() { [ "$(st1 "$1")" = "$2" ] && [ "$(st2 "$1")" = "$2" ]; }
# became NS: how often NS's two instances became master, summed.
became() {
	echo $(( $(stat "$1" became_master 51) + $(vrrpadm "$1" stats dev eth1 vrid 52 |
		awk '$1 == "became_master" { print $2 }') ))
}
# steady WHAT: nobody became master for 2 s (ten down intervals).
steady() {
	local b1 b2
	b1=$(became r1) b2=$(became r2)
	sleep 2
	[ "$(became r1)" = "$b1" ] && [ "$(became r2)" = "$b2" ] ||
		fail "$1: the group flapped (became_master r1 $b1 -> $(became r1), r2 $b2 -> $(became r2))"
}
layout() { echo "r1 $(st1 r1)/$(st2 r1), r2 $(st1 r2)/$(st2 r2)"; }

vrrpadm r1 track add svc || fail "track add svc failed"
for r in r1:150 r2:100; do
	ns=${r%:*}
	vrrpadm "$ns" add dev eth0 vrid 51 priority "${r#*:}" interval 100ms group edge vip $VIP/24 ||
		fail "add vrid 51 on $ns failed"
	vrrpadm "$ns" add dev eth1 vrid 52 priority "${r#*:}" interval 100ms group edge vip $VIP2/24 ||
		fail "add vrid 52 on $ns failed"
done
vrrpadm r1 set dev eth1 vrid 52 track svc || fail "set track svc failed"
wait_for 15 both r1 master || fail "r1 should be master of both, $(layout)"
wait_for 10 both r2 backup || fail "r2 should be backup of both, $(layout)"
vrrpadm r1 show dev eth0 vrid 51 | grep -q '^  group edge$' ||
	fail "show should name the group: $(vrrpadm r1 show dev eth0 vrid 51)"
vrrpadm r1 -j show dev eth0 vrid 51 | grep -q '"group":"edge"' || fail "show -j should name the group"
on r1 "$VRRPADM" monitor >"$TMPD/monitor" 2>&1 &
BG_PIDS+=($!)
sleep 0.5

# A fault of one member takes the other down with it, and holds it there.
vrrpadm r1 track set svc down || fail "track set svc down failed"
wait_for 5 is_st2 r1 fault || fail "r1's vrid 52 should be in fault, $(layout)"
wait_for 5 is_st1 r1 backup || fail "r1's vrid 51 should follow its group to backup, $(layout)"
wait_for 10 both r2 master || fail "r2 should be master of both, $(layout)"
wait_for 5 no_vip r1 || fail "r1 kept $VIP after its group gave it up"
steady "with r1's vrid 52 in fault"
[ "$(st1 r1)" = backup ] || fail "r1's vrid 51 (150) must stay backup while vrid 52 is in fault, $(layout)"
grep -q "eth0 vrid 51 inet: master -> backup (group)" "$TMPD/monitor" ||
	fail "no group event for vrid 51: $(cat "$TMPD/monitor")"
vrrpadm r1 track set svc up || fail "track set svc up failed"
wait_for 15 both r1 master || fail "r1 should take both back, $(layout)"
wait_for 10 both r2 backup || fail "r2 should be backup of both again, $(layout)"
wait_for 5 has_vip r1 || fail "r1 master again without $VIP"
steady "with r1 master of both again"

# Better on one VRID only, r2 takes neither: its vrid 52 would lose to
# r1's, so the group waits (a group moves to the router that wins on
# every member), and nothing flaps.
vrrpadm r2 set dev eth0 vrid 51 priority 200 || fail "set priority 200 on r2 failed"
steady "with r2 better on vrid 51 only"
both r1 master || fail "r2 better on one VRID only should not take the group, $(layout)"
# Better on both (a health object both track, weight +100): r2 preempts.
vrrpadm r2 set dev eth0 vrid 51 priority 100 || fail "set priority 100 on r2 failed"
vrrpadm r2 track add boost down || fail "track add boost on r2 failed"
vrrpadm r2 set dev eth0 vrid 51 track boost weight 100 || fail "track boost on vrid 51 failed"
vrrpadm r2 set dev eth1 vrid 52 track boost weight 100 || fail "track boost on vrid 52 failed"
vrrpadm r2 track set boost up || fail "track set boost up failed"
wait_for 10 both r2 master || fail "r2 (200 on both) should take both, $(layout)"
wait_for 10 both r1 backup || fail "r1 should be backup of both, $(layout)"
steady "with r2 preempting"
vrrpadm r2 track set boost down || fail "track set boost down failed"
wait_for 15 both r1 master || fail "r1 should take both back from r2 at 100, $(layout)"
wait_for 10 both r2 backup || fail "r2 should be backup of both, $(layout)"
steady "with r1 master of both after r2 gave way"

# One member's link goes: the group moves.
sw ip link set p1-r1 down
wait_for 5 is_st2 r1 init || fail "r1's vrid 52 without carrier should be init, $(layout)"
wait_for 10 both r2 master || fail "r2 should be master of both with r1's eth1 down, $(layout)"
[ "$(st1 r1)" = backup ] || fail "r1's vrid 51 should be backup, $(layout)"
sw ip link set p1-r1 up
wait_for 15 both r1 master || fail "r1 should take both back with eth1 up, $(layout)"
wait_for 10 both r2 backup || fail "r2 should be backup of both, $(layout)"

# Out of the group (on both routers), vrid 51 is on its own again.
vrrpadm r1 set dev eth0 vrid 51 nogroup || fail "set nogroup on r1 failed"
vrrpadm r2 set dev eth0 vrid 51 nogroup || fail "set nogroup on r2 failed"
vrrpadm r1 -j show dev eth0 vrid 51 | grep -q '"group":null' || fail "nogroup should leave no group"
vrrpadm r1 track set svc down
wait_for 10 is_st2 r2 master || fail "r2 should take vrid 52, $(layout)"
sleep 1
[ "$(st1 r1)" = master ] || fail "out of the group, r1's vrid 51 should stay master, $(layout)"
pass "fault, preemption and link loss moved both VRIDs together, no flapping"
