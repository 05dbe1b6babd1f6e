#!/bin/bash
# 83-check-script: health objects by hand, and a script check keeping one.
#
#   vrrpadm track   add, set, show (text and -j), del in r1; a second add:
#                   exit 1; a set of an unknown name: exit 3 (no such
#                   object) with the kernel's "Error:"; a bad name: exit
#                   2; r2 sees none of r1's;
#                   del of an object an instance tracks is refused (exit 1,
#                   the kernel's message) until the instance is gone
#   check script    "test -e OK" rise 2 fall 2: created down by its first
#                   result, up after 2 successes, down after 2 failures,
#                   each change one line naming the run; a first success
#                   is up at once whatever rise says; the object exists
#                   and is down while the first check still runs; deleted
#                   by hand, it is created again
#   timeout         a script that hangs ("sleep 31; true") is killed with
#                   its process group at its timeout and counts as a
#                   failure: its sleeps do not pile up
#   SIGTERM         exit 0, the object down when it has exited, the
#                   running script killed
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-health.sh"

load
topology

# --- track by hand
vrrpadm r1 track add web || fail "track add web failed"
got=$(vrrpadm r1 track show web)
[ "$got" = "web: up, lease off, users 0" ] || fail "track show web after add: '$got'"
out=$(vrrpadm r1 track add web 2>&1)
rc=$?
[ $rc -eq 1 ] && [ "${out#Error: }" != "$out" ] ||
	fail "a second track add web: exit $rc, '$out' (expected 1 and the kernel's Error:)"
out=$(vrrpadm r1 track add a/b 2>&1)
rc=$?
[ $rc -eq 2 ] || fail "track add a/b: exit $rc, '$out' (expected 2)"
vrrpadm r1 track add db down value -20 lease 30s || fail "track add db down value -20 lease 30s failed"
got=$(vrrpadm r1 track show db)
[ "$got" = "db: down, value -20, lease 30000ms, users 0" ] || fail "track show db: '$got'"
vrrpadm r1 track set db up value 7 || fail "track set db up value 7 failed"
out=$(vrrpadm r1 track set nosuch up 2>&1)
rc=$?
[ $rc -eq 3 ] && [ "${out#Error: }" != "$out" ] ||
	fail "track set of an unknown name: exit $rc, '$out' (expected 3 and Error:)"
vrrpadm r1 -j track show | python3 -c '
import json, sys
got = json.load(sys.stdin)
want = [{"name": "db", "state": "up", "users": 0, "lease_ms": 30000, "value": 7},
        {"name": "web", "state": "up", "users": 0, "lease_ms": 0, "value": None}]
assert got == want, got' || fail "track -j show: $(vrrpadm r1 -j track show)"
got=$(vrrpadm r2 -j track show)
[ "$got" = "[]" ] || fail "r2 sees r1's objects: '$got'"

vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 1s vip $VIP/24 track web ||
	fail "add with track web failed"
got=$(vrrpadm r1 track show web)
[ "$got" = "web: up, lease off, users 1" ] || fail "track show web tracked by one instance: '$got'"
busy=$(vrrpadm r1 track del web 2>&1)
rc=$?
[ $rc -eq 1 ] && [ "${busy#Error: }" != "$busy" ] ||
	fail "track del of a tracked object: exit $rc, '$busy' (expected 1 and the kernel's Error:)"
[ -n "$(tstate r1 web)" ] || fail "a refused track del deleted web"
vrrpadm r1 del dev eth0 vrid 51 || fail "del of the instance failed"
vrrpadm r1 track del web || fail "track del web, no longer tracked, failed"
vrrpadm r1 track del db || fail "track del db failed"
vrrpadm r1 track show web >/dev/null 2>&1 && fail "track show of a deleted object succeeded"
got=$(vrrpadm r1 -j track show)
[ "$got" = "[]" ] || fail "objects left after del: '$got'"

# --- check script, rise 2 fall 2 (a generous timeout: processes start
# slowly in the emulated VM)
OK=$TMPD/ok
LOG=$TMPD/web.log
checker r1 "$LOG" web script "test -e $OK" interval 300ms timeout 3s rise 2 fall 2
WEB_PID=$CHECK_PID
wait_for 30 logged "$LOG" "web: down (exit status 1)" || fail "web's first check: $(cat "$LOG")"
is_tstate r1 web down || fail "web after a first failure: $(tstate r1 web)"
got=$(vrrpadm r1 track show web)
[ "$got" = "web: down, lease 3900ms, users 0" ] ||
	fail "web's lease should be 3 x 300ms + 3s: '$got'"
touch "$OK"
wait_for 30 is_tstate r1 web up || fail "web did not come up: $(cat "$LOG")"
logged "$LOG" "web: down -> up (2 successes in a row, the last: exit status 0)" ||
	fail "rise 2: expected the change after 2 successes: $(cat "$LOG")"
rm "$OK"
wait_for 30 is_tstate r1 web down || fail "web did not go down: $(cat "$LOG")"
logged "$LOG" "web: up -> down (2 failures in a row, the last: exit status 1)" ||
	fail "fall 2: expected the change after 2 failures: $(cat "$LOG")"
[ "$(grep -c . "$LOG")" -eq 3 ] || fail "expected 3 change lines: $(cat "$LOG")"

# Deleted by hand: the checker creates it again, in the state it knows.
vrrpadm r1 track del web || fail "track del web under a checker failed"
wait_for 30 logged "$LOG" "web: deleted by someone; creating it again" ||
	fail "web deleted: not created again: $(cat "$LOG")"
wait_for 10 is_tstate r1 web down || fail "web created again: $(tstate r1 web)"

# --- the first check decides, and nothing is up before it: rise 3 is
# not waited for, and the object is down while the check runs.
SLOW=$TMPD/slow.log
checker r1 "$SLOW" slow script "sleep 3" interval 1s timeout 10s rise 3
wait_for 30 is_tstate r1 slow down || fail "slow was not created down"
[ ! -s "$SLOW" ] || fail "slow reported before its first check ended: $(cat "$SLOW")"
wait_for 30 is_tstate r1 slow up || fail "slow did not come up: $(cat "$SLOW")"
logged "$SLOW" "slow: up (exit status 0)" || fail "slow's first result: $(cat "$SLOW")"

# --- a script that hangs: killed with its group at the timeout, a failure
HANG=$TMPD/hang.log
sleeps() { pgrep -c -f '^sleep 31$'; }
no_sleeps() { [ "$(sleeps)" -eq 0 ]; }
checker r1 "$HANG" hang script "sleep 31; true" interval 300ms timeout 600ms
HANG_PID=$CHECK_PID
wait_for 30 logged "$HANG" "hang: down (timed out after 600ms, killed)" ||
	fail "hang's first check: $(cat "$HANG")"
sleep 4
kill -0 $HANG_PID 2>/dev/null || fail "the checker of hang died: $(cat "$HANG")"
n=$(sleeps)
[ "$n" -le 1 ] || fail "$n 'sleep 31' running: the timeout killed the shell, not its group"
is_tstate r1 hang down || fail "hang is $(tstate r1 hang)"

# --- SIGTERM: exit 0, down once it has exited, its script killed
touch "$OK"
wait_for 30 is_tstate r1 web up || fail "web did not come up again: $(cat "$LOG")"
kill -TERM $WEB_PID
wait $WEB_PID
rc=$?
[ $rc -eq 0 ] || fail "check ended by SIGTERM: exit $rc"
is_tstate r1 web down || fail "web after SIGTERM: $(tstate r1 web)"
[ "$(tail -n1 "$LOG")" = "web: up -> down (stopped by SIGTERM)" ] ||
	fail "web's last line: $(tail -n1 "$LOG")"
got=$(vrrpadm r1 track show web)
[ "$got" = "web: down, lease off, users 0" ] || fail "web after SIGTERM: '$got'"
kill -TERM $HANG_PID
wait $HANG_PID
rc=$?
[ $rc -eq 0 ] || fail "hang's check ended by SIGTERM: exit $rc"
wait_for 5 no_sleeps || fail "SIGTERM left $(sleeps) 'sleep 31' running"

pass "track add/set/del/show (-j) and errors, del refused while tracked ($busy); rise 2 fall 2; first result decides; re-created; timeout kills the group; SIGTERM: exit 0, down"
