#!/bin/bash
# 85-checker-dies: a health checker's death takes its object, and the VIP
# of the instance that tracks it, with it.
#
#   r1 (150) tracks "web" (no weight: fault while down), kept up by
#   `vrrpadm check web script true interval 500ms` (lease 3 x 500ms +
#   500ms = 2 s); r2 (100) is backup.
#
#   alive    the object stays up for 6 s, three leases: every interval
#            renews it, and r1 stays master
#   SIGKILL  the object goes down when the lease runs out: between 1 s
#            (the last renewal was at most an interval before) and the
#            lease plus the VM's slack after the kill; r1 goes to fault
#            and r2 takes the VIP
#   again    a new checker finds the object down and sets it up with its
#            first check; r1 preempts
#   SIGTERM  exit 0, the object down as soon as the checker has exited,
#            without a lease; r2 takes the VIP (r1 left with priority 0)
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-health.sh"

LEASE_MS=2000

load
topology

LOG=$TMPD/web.log
checker r1 "$LOG" web script true interval 500ms
wait_for 30 is_tstate r1 web up || fail "web did not come up: $(cat "$LOG")"
got=$(vrrpadm r1 track show web)
[ "$got" = "web: up, lease ${LEASE_MS}ms, users 0" ] || fail "web: '$got'"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24 track web ||
	fail "add on r1 failed"
wait_for 15 is_state r1 master || fail "r1 should be master, is $(state r1)"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 ||
	fail "add on r2 failed"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
wait_for 5 has_vip r1 || fail "r1 is master without $VIP"

# --- alive: three leases long, never down
end=$(($(ms) + 3 * LEASE_MS))
while [ "$(ms)" -lt $end ]; do
	is_tstate r1 web up || fail "web went $(tstate r1 web) while its checker runs: $(cat "$LOG")"
	sleep 0.2
done
is_state r1 master || fail "r1 left master while web was up: $(state r1)"

# --- SIGKILL: down when the lease runs out
t0=$(ms)
kill -KILL $CHECK_PID
wait $CHECK_PID 2>/dev/null
wait_for 30 is_tstate r1 web down || fail "web still $(tstate r1 web) 30 s after its checker was killed"
took=$(($(ms) - t0))
[ $took -ge 1000 ] || fail "web went down ${took}ms after the kill, before its lease could run out"
[ $took -le $((LEASE_MS + SLACK_MS)) ] || fail "web went down ${took}ms after the kill (lease ${LEASE_MS}ms)"
wait_for 10 is_state r1 fault || fail "r1 should be in fault, is $(state r1)"
wait_for 10 has_vip r2 || fail "r2 did not take $VIP"
no_vip r1 || fail "r1 in fault still holds $VIP"

# --- again: the existing object, down, goes up with the first check
LOG2=$TMPD/web2.log
checker r1 "$LOG2" web script true interval 500ms
wait_for 30 is_tstate r1 web up || fail "a new checker did not set web up: $(cat "$LOG2")"
logged "$LOG2" "web: up (exit status 0)" || fail "the new checker's first line: $(cat "$LOG2")"
wait_for 15 is_state r1 master || fail "r1 should be master again, is $(state r1)"
wait_for 5 has_vip r1 || fail "r1 is master again without $VIP"

# --- SIGTERM: down at once, exit 0
t0=$(ms)
kill -TERM $CHECK_PID
wait $CHECK_PID
rc=$?
[ $rc -eq 0 ] || fail "check ended by SIGTERM: exit $rc"
got=$(vrrpadm r1 track show web)
[ "$got" = "web: down, lease off, users 1" ] || fail "web right after SIGTERM: '$got'"
[ "$(tail -n1 "$LOG2")" = "web: up -> down (stopped by SIGTERM)" ] ||
	fail "the last line: $(tail -n1 "$LOG2")"
wait_for 10 has_vip r2 || fail "r2 did not take $VIP after SIGTERM"
handover=$(($(ms) - t0))
wait_for 10 is_state r1 fault || fail "r1 should be in fault, is $(state r1)"

pass "alive 6 s on a 2 s lease; SIGKILL: down after ${took}ms, VIP to r2; SIGTERM: exit 0, down at once, VIP on r2 after ${handover}ms"
