#!/bin/bash
# 86-notify-exec: `vrrpadm monitor --exec CMD` runs CMD on every state
# change of r2, with keepalived's arguments INSTANCE NAME STATE PRIORITY
# after CMD's own and the VRRP_* environment. NOTIFY (below) logs each run
# to a file in the tmpfs /tmp; its first argument, part of CMD, picks how
# it behaves:
#   log     r2 added, r1 deleted, r1 back, r2's link down and up, r2
#           deleted: exactly BACKUP, MASTER, BACKUP, FAULT, BACKUP, STOP
#   sleep   3 s per run (8 s on the debug kernel), vrid 51 and 52: r1
#           deleted, then r2 deleted as soon as it is master: each instance's STOP starts after its
#           MASTER ended, the two instances' runs overlap, the monitor
#           reads events meanwhile; SIGTERM while the STOPs run: the
#           monitor waits for them, then exits 0
#   faulty  --exec-timeout 1s (5 s on the debug kernel), -j; r2 added, r1 deleted, r1 back, r2
#           deleted, the runs queued behind each other: the 1st ignores
#           SIGTERM (SIGKILL 2 s after the timeout), the 2nd hangs (SIGTERM
#           at the timeout), the 3rd dies of SIGTERM but leaves a child
#           that ignores it (SIGKILL to the group 2 s later, and the 4th
#           waits for that), the 4th exits 3; each is reported, and the
#           next run still comes
# Interval 1 s keeps spurious changes of an emulated VM out of the count.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

NOTIFY=$TMPD/notify
# How long a "sleep" run takes: long enough for the deletions that follow
# to be read while it runs (the debug kernel takes seconds to get there);
# its --exec-timeout leaves room for bash to start.
export NOTIFY_SLEEP=3
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || NOTIFY_SLEEP=8
cat >"$NOTIFY" <<'EOF'
#!/bin/bash
# notify MODE INSTANCE NAME STATE PRIORITY: logs the run to $NOTIFY_LOG,
# which it has from the monitor's environment.
mode=$1
shift
t=${EPOCHREALTIME/[.,]/}
echo "$((t / 1000)) start $2 $3" >>"$NOTIFY_LOG"
# faulty: each run its own fault, by its number.
[ "$mode" != faulty ] || mode=faulty$(grep -c ' start ' "$NOTIFY_LOG")
case $mode in
sleep) sleep "$NOTIFY_SLEEP" ;;
faulty1) trap '' TERM; sleep 1000 ;;
faulty2) sleep 1000 ;;
faulty3) (trap '' TERM; exec sleep 1000) & wait ;;
esac
t=${EPOCHREALTIME/[.,]/}
echo "$((t / 1000)) end $* | $VRRP_DEV $VRRP_VRID $VRRP_FAMILY $VRRP_STATE" \
	"$VRRP_OLD_STATE $VRRP_REASON $VRRP_PRIORITY" >>"$NOTIFY_LOG"
[ "$mode" != faulty4 ] || exit 3
EOF
chmod +x "$NOTIFY"

# exec_monitor LOG OUT VRRPADM-ARGS...: vrrpadm in r2, NOTIFY_LOG=LOG, its
# lines in OUT prefixed with the ms they were read, stderr in OUT.err;
# running when this returns; sets MON_PID.
exec_monitor() {
	local log=$1 out=$2 l t
	shift 2
	: >"$log"
	mkfifo "$out.fifo"
	while IFS= read -r l; do
		t=${EPOCHREALTIME/[.,]/}
		echo "$((t / 1000)) $l"
	done <"$out.fifo" >"$out" &
	BG_PIDS+=($!)
	NOTIFY_LOG=$log ip netns exec r2 "$VRRPADM" "$@" >"$out.fifo" 2>"$out.err" &
	MON_PID=$!
	BG_PIDS=("$MON_PID" "${BG_PIDS[@]}")
	wait_for 30 is_monitor "$MON_PID" || fail "vrrpadm monitor did not start: $(cat "$out.err")"
	sleep 1
}

# stop_monitor OUT: SIGTERM, then its exit status must be 0.
stop_monitor() {
	local rc
	kill -TERM "$MON_PID"
	wait "$MON_PID"
	rc=$?
	[ $rc -eq 0 ] || fail "monitor exited $rc on SIGTERM: $(cat "$1.err")"
}

ends() { grep -c ' end ' "$1"; }
ends_are() { [ "$(ends "$1")" -eq "$2" ]; }
logged() { grep -q -- "$2" "$1"; }
# at LOG PATTERN: the ms of the first line of LOG matching PATTERN.
at() { grep -m1 -- "$2" "$1" | cut -d' ' -f1; }
gone() { ! pgrep -f 'sleep 1000' >/dev/null; }

load
topology

# log: the exact arguments and environment of each run.
L=$TMPD/log
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 1s vip $VIP/24 || fail "add on r1 failed"
wait_for 15 is_state r1 master || fail "r1 should be master, is $(state r1)"
exec_monitor "$L" "$L.out" monitor --exec "$NOTIFY log"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 1s vip $VIP/24 || fail "add on r2 failed"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
wait_for 10 is_state r2 master || fail "r2 should take over from the deleted r1, is $(state r2)"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 1s vip $VIP/24 || fail "second add on r1 failed"
wait_for 15 is_state r2 backup || fail "r1 should preempt r2, r2 is $(state r2)"
r2 ip link set eth0 down
wait_for 10 is_state r2 init || fail "link down: r2 should be init, is $(state r2)"
r2 ip link set eth0 up
wait_for 15 is_state r2 backup || fail "link up: r2 should be backup, is $(state r2)"
vrrpadm r2 del dev eth0 vrid 51 || fail "del on r2 failed"
wait_for 15 ends_are "$L" 6 || fail "log: expected 6 runs, got $(ends "$L"): $(cat "$L" "$L.out.err")"
stop_monitor "$L.out"
want="INSTANCE eth0-51 BACKUP 100 | eth0 51 inet backup init startup 100
INSTANCE eth0-51 MASTER 100 | eth0 51 inet master backup priority-zero 100
INSTANCE eth0-51 BACKUP 100 | eth0 51 inet backup master preempted 100
INSTANCE eth0-51 FAULT 100 | eth0 51 inet init backup link-down 100
INSTANCE eth0-51 BACKUP 100 | eth0 51 inet backup init startup 100
INSTANCE eth0-51 STOP 100 | eth0 51 inet init backup shutdown 100"
got=$(sed -n 's/^[0-9]* end //p' "$L")
[ "$got" = "$want" ] || {
	cat "$L" "$L.out" "$L.out.err" >&2
	fail "log: expected '${want//$'\n'/, }', got '${got//$'\n'/, }'"
}
[ "$(grep -c -- ' -> ' "$L.out")" = 6 ] ||
	fail "log: the monitor should still print 6 state lines: $(cat "$L.out")"
[ ! -s "$L.out.err" ] || fail "log: nothing should be reported: $(cat "$L.out.err")"
vrrpadm r1 del dev eth0 vrid 51 || fail "cleanup del on r1 failed"

# sleep: one at a time per instance, instances side by side.
S=$TMPD/sleep
for v in 51 52; do
	vrrpadm r1 add dev eth0 vrid $v priority 150 interval 1s vip 198.51.100.$v/24 ||
		fail "add $v on r1 failed"
done
for v in 51 52; do
	wait_for 15 is_state r1 master $v || fail "r1 should be master of $v, is $(state r1 $v)"
done
for v in 51 52; do
	vrrpadm r2 add dev eth0 vrid $v priority 100 interval 1s vip 198.51.100.$v/24 ||
		fail "add $v on r2 failed"
done
for v in 51 52; do
	wait_for 10 is_state r2 backup $v || fail "r2 should be backup of $v, is $(state r2 $v)"
done
exec_monitor "$S" "$S.out" monitor --exec "$NOTIFY sleep" --exec-timeout $((NOTIFY_SLEEP + 10))s
printf 'del dev eth0 vrid %s\n' 51 52 | vrrpadm r1 -b - || fail "del of 51 and 52 on r1 failed"
for v in 51 52; do
	wait_for 10 is_state r2 master $v || fail "r2 should be master of $v, is $(state r2 $v)"
done
printf 'del dev eth0 vrid %s\n' 51 52 | vrrpadm r2 -b - || fail "del of 51 and 52 on r2 failed"
wait_for 40 logged "$S" 'start eth0-51 STOP' || fail "sleep: no STOP run for 51: $(cat "$S")"
wait_for 40 logged "$S" 'start eth0-52 STOP' || fail "sleep: no STOP run for 52: $(cat "$S")"
# Both STOPs are running: the monitor must wait for them to end.
stop_monitor "$S.out"
[ "$(ends "$S")" -eq 4 ] || fail "sleep: the monitor exited before its 4 runs ended: $(cat "$S")"
[ ! -s "$S.out.err" ] || fail "sleep: nothing should be reported: $(cat "$S.out.err")"
for v in 51 52; do
	end_master=$(at "$S" "end INSTANCE eth0-$v MASTER")
	start_stop=$(at "$S" "start eth0-$v STOP")
	[ "$start_stop" -ge "$end_master" ] ||
		fail "sleep: $v's STOP started at $start_stop, before its MASTER ended at $end_master: $(cat "$S")"
	# The monitor read the deletion while the MASTER run slept.
	event=$(at "$S.out" "eth0 vrid $v inet: master -> init (shutdown)")
	[ -n "$event" ] && [ "$event" -lt "$end_master" ] ||
		fail "sleep: $v's deletion printed at '$event', not before its MASTER run ended at $end_master"
done
[ "$(at "$S" 'start eth0-52 MASTER')" -lt "$(at "$S" 'end INSTANCE eth0-51 MASTER')" ] &&
	[ "$(at "$S" 'start eth0-51 MASTER')" -lt "$(at "$S" 'end INSTANCE eth0-52 MASTER')" ] ||
	fail "sleep: the MASTER runs of 51 and 52 should overlap: $(cat "$S")"

# faulty: timeouts, SIGKILL, a failure, and the runs behind them. A script
# must have set its traps before its timeout: 1 s is plenty on Debian's
# kernels, not on the debug kernel, where every process costs ~0.4 s.
# A run's start line comes after its bash has started: when a machine is
# busy that alone can take a few hundred ms (far more on debug), so the
# lower bounds allow JITTER ms. A run that did not wait for the group's
# SIGKILL would start about 2 s early, still well below them.
TO=1000 JITTER=600
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || TO=5000 JITTER=1500
F=$TMPD/faulty
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 1s vip $VIP/24 || fail "third add on r1 failed"
wait_for 15 is_state r1 master || fail "r1 should be master again, is $(state r1)"
exec_monitor "$F" "$F.out" -j monitor --exec "$NOTIFY faulty" --exec-timeout ${TO}ms
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 1s vip $VIP/24 || fail "third add on r2 failed"
wait_for 10 is_state r2 backup || fail "faulty: r2 should be backup, is $(state r2)"
vrrpadm r1 del dev eth0 vrid 51 || fail "third del on r1 failed"
wait_for 10 is_state r2 master || fail "faulty: r2 should take over, is $(state r2)"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 1s vip $VIP/24 || fail "fourth add on r1 failed"
wait_for 15 is_state r2 backup || fail "faulty: r1 should preempt r2, r2 is $(state r2)"
vrrpadm r2 del dev eth0 vrid 51 || fail "third del on r2 failed"
wait_for $((30 + 4 * TO / 1000)) logged "$F" 'end INSTANCE eth0-51 STOP' || fail "faulty: no STOP run: $(cat "$F" "$F.out.err")"
wait_for 5 logged "$F.out.err" 'STOP: exit status 3' || fail "faulty: the STOP run's exit 3 not reported: $(cat "$F.out.err")"
stop_monitor "$F.out"
want="Warning: --exec for eth0-51 BACKUP: timed out after ${TO}ms, killed by signal 9 (Killed)
Warning: --exec for eth0-51 MASTER: timed out after ${TO}ms, killed by signal 15 (Terminated)
Warning: --exec for eth0-51 BACKUP: timed out after ${TO}ms, killed by signal 15 (Terminated)
Warning: --exec for eth0-51 STOP: exit status 3"
[ "$(cat "$F.out.err")" = "$want" ] ||
	fail "faulty: expected '${want//$'\n'/, }' on stderr, got '$(cat "$F.out.err")'"
got=$(sed -n 's/^[0-9]* \(start\|end\) .*\(eth0-51 [A-Z]*\).*/\1 \2/p' "$F")
want="start eth0-51 BACKUP
start eth0-51 MASTER
start eth0-51 BACKUP
start eth0-51 STOP
end eth0-51 STOP"
[ "$got" = "$want" ] || fail "faulty: expected runs '${want//$'\n'/, }', got '${got//$'\n'/, }'"
# starts: the ms each run started, in order.
read -r -a starts <<<"$(sed -n 's/^\([0-9]*\) start .*/\1/p' "$F" | tr '\n' ' ')"
# after N MIN MAX: run N+1 started MIN..MAX+SLACK_MS ms after run N.
after() {
	local d=$((starts[$1] - starts[$1 - 1]))
	[ $d -ge "$2" ] && [ $d -le $(($3 + SLACK_MS)) ] ||
		fail "faulty: run $(($1 + 1)) started $d ms after run $1, not $2..$3 ms: $4"
}
after 1 $((TO + 2000 - JITTER)) $((TO + 2000)) "SIGKILL timeout + 2 s into the deaf run 1"
after 2 $((TO - JITTER)) $((TO + 3000)) "SIGTERM at the timeout of run 2, or r1's preemption"
after 3 $((TO + 2000 - JITTER)) $((TO + 2000)) "SIGKILL to run 3's group timeout + 2 s into it"
wait_for 5 gone || fail "faulty: a killed script's sleep 1000 lives on: $(pgrep -af 'sleep 1000')"
[ "$(grep -c '^[0-9]* {"event":"state",' "$F.out")" = 4 ] ||
	fail "faulty: -j monitor should print 4 state objects: $(cat "$F.out")"

pass "exact arguments and environment for 6 changes; one run at a time per instance, instances side by side; timeouts, SIGKILL and failures reported; SIGTERM waits for running scripts"
