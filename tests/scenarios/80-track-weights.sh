#!/bin/bash
# 80-track-weights: health objects and tracked interfaces move the VIP the
# way keepalived's track_script and track_interface do. r1 (150) and r2
# (100) run vrid 51 at 100 ms.
#  - no weight: r1's object goes down, r1 goes to fault (priority 0 out,
#    r2 master at once, no VIP on r1) and comes back by itself;
#  - weight -60: r1 at 90 is preempted by r2; back up, r1 preempts again;
#  - weight +60 on r2: r2 at 160 takes over; clamping at 254 and 1; an
#    owner's 255 unchanged;
#  - track-dev: a dummy interface down, deleted (absent, still fault) and
#    created again under its name (tracked again); with weight -60, down
#    lowers r1 to 90 and r2 preempts, no fault;
#  - a used object cannot be deleted, an unknown one cannot be tracked.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology

# effective NS: the priority r1's or r2's adverts carry.
effective() {
	vrrpadm "$1" -j show dev eth0 vrid 51 |
		sed -n 's/.*"effective_priority":\([0-9]*\).*/\1/p'
}
is_effective() { [ "$(effective "$1")" = "$2" ]; }

vrrpadm r1 track add svc || fail "track add svc failed"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms track svc vip $VIP/24 ||
	fail "add with track svc failed"
wait_for 15 is_state r1 master || fail "r1 should be master, is $(state r1)"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 ||
	fail "add on r2 failed"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"

# No weight: fault, with priority 0 on the way out.
prio0=$(stat r1 prio0_tx)
vrrpadm r1 track set svc down || fail "track set svc down failed"
wait_for 5 is_state r1 fault || fail "r1 should be in fault with svc down, is $(state r1)"
wait_for 5 is_state r2 master || fail "r2 should take over from r1 in fault, is $(state r2)"
[ "$(stat r1 prio0_tx)" -gt "$prio0" ] || fail "r1 went to fault without a priority 0 advert"
wait_for 5 no_vip r1 || fail "r1 in fault kept $VIP"
vrrpadm r1 show dev eth0 vrid 51 | grep -q '^eth0 vrid 51 inet v3: fault (track)$' ||
	fail "show should say fault (track): $(vrrpadm r1 show dev eth0 vrid 51 | head -1)"
vrrpadm r1 show dev eth0 vrid 51 | grep -q '^  track svc: down$' ||
	fail "show should list track svc: down: $(vrrpadm r1 show dev eth0 vrid 51)"
dmesg | grep -q 'eth0 vrid 51 inet (netns [0-9]*): master -> fault (track)' ||
	fail "no kernel log line for master -> fault (track)"
out=$(vrrpadm r1 track del svc 2>&1) && fail "track del of a tracked object succeeded"
echo "$out" | grep -q "instances track this health object" ||
	fail "track del of a tracked object should say why: $out"
vrrpadm r1 track set svc up || fail "track set svc up failed"
wait_for 10 is_state r1 master || fail "r1 should leave fault and preempt r2, is $(state r1)"
dmesg | grep -q 'eth0 vrid 51 inet (netns [0-9]*): fault -> backup (track)' ||
	fail "leaving fault should log its reason, track: $(dmesg | grep 'fault ->' | tail -2)"
wait_for 5 has_vip r1 || fail "r1 is master again without $VIP"
wait_for 5 is_state r2 backup || fail "r2 should be backup again, is $(state r2)"

# weight -60: 150 - 60 = 90 < 100, in r1's next advert.
vrrpadm r1 set dev eth0 vrid 51 track svc weight -60 || fail "set track svc weight -60 failed"
is_effective r1 150 || fail "svc is up: effective priority should be 150, is $(effective r1)"
vrrpadm r1 track set svc down || fail "track set svc down failed"
is_effective r1 90 || fail "effective priority should be 90 with svc down, is $(effective r1)"
wait_for 10 is_state r2 master || fail "r2 (100) should preempt r1 at 90, is $(state r2)"
wait_for 5 is_state r1 backup || fail "r1 at 90 should be backup, is $(state r1)"
# The status line has the effective priority, the settings line the set one.
out=$(vrrpadm r1 show dev eth0 vrid 51)
grep -q '^  master .*, effective priority 90' <<<"$out" &&
	grep -q '^  .* priority 150 interval ' <<<"$out" ||
	fail "show should give both priorities: $(sed -n 2,3p <<<"$out")"
vrrpadm r1 track set svc up || fail "track set svc up failed"
wait_for 10 is_state r1 master || fail "r1 back at 150 should preempt r2, is $(state r1)"

# weight +60 on r2: 160 > 150.
vrrpadm r2 track add bonus || fail "track add bonus on r2 failed"
vrrpadm r2 set dev eth0 vrid 51 track bonus weight 60 || fail "set track bonus weight 60 failed"
is_effective r2 160 || fail "r2's effective priority should be 160, is $(effective r2)"
wait_for 10 is_state r2 master || fail "r2 at 160 should preempt r1 at 150, is $(state r2)"
vrrpadm r2 track set bonus down || fail "track set bonus down failed"
is_effective r2 100 || fail "a positive weight counts only while up: $(effective r2)"
wait_for 10 is_state r1 master || fail "r1 at 150 should preempt r2 at 100, is $(state r1)"

# Clamping, and the owner.
vrrpadm r2 set dev eth0 vrid 51 priority 200 track bonus weight 100 ||
	fail "set priority 200 weight 100 failed"
vrrpadm r2 track set bonus up || fail "track set bonus up failed"
is_effective r2 254 || fail "200 + 100 should be clamped to 254, is $(effective r2)"
vrrpadm r2 set dev eth0 vrid 51 priority 20 track bonus weight -100 ||
	fail "set priority 20 weight -100 failed"
vrrpadm r2 track set bonus down || fail "track set bonus down failed"
is_effective r2 1 || fail "20 - 100 should be clamped to 1, is $(effective r2)"
vrrpadm r2 set dev eth0 vrid 51 priority 255 || fail "set priority 255 failed"
is_effective r2 255 || fail "an owner's 255 should not move, is $(effective r2)"
wait_for 10 is_state r2 master || fail "the owner r2 should be master, is $(state r2)"
vrrpadm r2 set dev eth0 vrid 51 priority 100 notrack || fail "set notrack failed"
vrrpadm r2 -j show dev eth0 vrid 51 | grep -q '"tracks":\[\]' ||
	fail "notrack should leave no tracks: $(vrrpadm r2 -j show dev eth0 vrid 51)"
vrrpadm r2 track del bonus || fail "track del of an object no longer tracked failed"
wait_for 10 is_state r1 master || fail "r1 should be master once r2 is back at 100, is $(state r1)"

# track-dev, by name.
on r1 ip link add dummy0 type dummy || fail "cannot create dummy0"
on r1 ip link set dummy0 up
vrrpadm r1 set dev eth0 vrid 51 track-dev dummy0 || fail "set track-dev dummy0 failed"
wait_for 5 is_state r1 master || fail "r1 with dummy0 up should stay master, is $(state r1)"
on r1 ip link set dummy0 down
wait_for 5 is_state r1 fault || fail "r1 should be in fault with dummy0 down, is $(state r1)"
vrrpadm r1 show dev eth0 vrid 51 | grep -q '^eth0 vrid 51 inet v3: fault (track-dev)$' ||
	fail "show should say fault (track-dev): $(vrrpadm r1 show dev eth0 vrid 51 | head -1)"
wait_for 10 is_state r2 master || fail "r2 should take over, is $(state r2)"
on r1 ip link del dummy0
vrrpadm r1 show dev eth0 vrid 51 | grep -q '^  track-dev dummy0: down (absent)$' ||
	fail "a deleted tracked interface should be down (absent): $(vrrpadm r1 show dev eth0 vrid 51)"
is_state r1 fault || fail "r1 should stay in fault with dummy0 gone, is $(state r1)"
on r1 ip link add dummy0 type dummy
on r1 ip link set dummy0 up
wait_for 10 is_state r1 master || fail "dummy0 created again and up: r1 should be master, is $(state r1)"

# Refusals.
out=$(vrrpadm r1 set dev eth0 vrid 51 track nosuch 2>&1) && fail "tracking an unknown object succeeded"
echo "$out" | grep -q "no such health object" || fail "tracking an unknown object should say why: $out"
out=$(vrrpadm r1 set dev eth0 vrid 51 track svc track svc 2>&1) && fail "tracking svc twice succeeded"
echo "$out" | grep -q "listed twice" || fail "tracking svc twice should say why: $out"
vrrpadm r1 show dev eth0 vrid 51 | grep -q '^  track-dev dummy0: up$' ||
	fail "a refused set should change nothing: $(vrrpadm r1 show dev eth0 vrid 51)"
# track-dev with a weight: lower, not fault.
vrrpadm r1 set dev eth0 vrid 51 track-dev dummy0 weight -60 || fail "set track-dev weight -60 failed"
on r1 ip link set dummy0 down
wait_for 5 is_effective r1 90 || fail "dummy0 down with weight -60: effective should be 90, is $(effective r1)"
wait_for 10 is_state r2 master || fail "r2 (100) should preempt r1 at 90, is $(state r2)"
is_state r1 backup || fail "a weighted track-dev should not put r1 in fault, is $(state r1)"
pass "fault and back, weights -60/+60 (objects and interfaces), clamps 254/1, owner 255, track-dev by name, refusals"
