#!/bin/bash
# 59-service: vrrp.service's own commands, read from systemd/vrrp.service.in
# (the guest has no systemd; systemd-analyze verify runs in tests/run-all's
# install stage), with the file and the binary where this tree has them.
# Start: ExecStart (apply --watch) says READY=1 on $NOTIFY_SOCKET after its
# apply (the instances are there): vrid 51 on eth0, vrid 52 on a VLAN,
# eth0.100, both to become master on r1. Reload
# with the file unchanged (both ExecReload lines): no event, no priority
# 0, no gratuitous ARP on the wire. Reload with a changed priority: set in
# place. The VLAN deleted and created again, as a network manager does:
# its instance is back, master, without a reload. A check statement runs
# as vrrp-check@NAME.service would run it (check NAME from FILE). Stop,
# in systemd's order: the checker first (its object goes down, r1's vrid
# 51 loses 100 of its priority and r2 preempts), then ExecStop (flush):
# priority 0 for vrid 52, r2 takes it at once, nothing left; SIGTERM ends
# the watcher with status 0.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-robust.sh"

UNIT=$REPO/systemd/vrrp.service.in
CONF=$TMPD/vrrp.conf
# exec_lines KEY: the unit's KEY= commands, one a line, for this tree.
exec_lines() {
	sed -n "s/^$1=//p" "$UNIT" |
		sed -e "s|@SBINDIR@|$REPO/tool|g" -e "s|/etc/vrrp/vrrp.conf|$CONF|g"
}
# run_exec KEY: runs them in r1 as systemd would ($MAINPID the watcher's).
# A "-" in front: its failure is ignored.
run_exec() {
	local line ignore
	while IFS= read -r line; do
		ignore=0
		[ "${line#-}" = "$line" ] || ignore=1
		line=${line#-}
		line=${line//\$MAINPID/$WATCHER}
		# shellcheck disable=SC2086  # the unit's words, split as systemd does
		on r1 $line || [ $ignore = 1 ] || return 1
	done < <(exec_lines "$1")
}
# vlan_master: r1's vrid 52 on eth0.100 is master.
vlan_master() { vrrpadm r1 show dev eth0.100 vrid 52 | grep -q ': master'; }
vlan_up() {
	on r1 ip link add link eth0 name eth0.100 type vlan id 100 &&
		on r1 ip addr add 198.51.100.1/24 dev eth0.100 &&
		on r1 ip link set eth0.100 up
}

load
topology
vlan_up || fail "VLAN eth0.100 in r1"
on r2 ip link add link eth0 name eth0.100 type vlan id 100 &&
	on r2 ip addr add 198.51.100.2/24 dev eth0.100 &&
	on r2 ip link set eth0.100 up || fail "VLAN eth0.100 in r2"
printf '#!/bin/sh\nexit 0\n' >"$TMPD/ok.sh"
chmod +x "$TMPD/ok.sh"
cat >"$CONF" <<EOF
check svc script $TMPD/ok.sh interval 200ms
instance dev eth0 vrid 51
    priority 150 interval 100ms
    vip 192.0.2.10/24
    track svc weight -100
instance dev eth0.100 vrid 52 priority 150 interval 100ms vip 198.51.100.10/24
EOF
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip 192.0.2.10/24 || fail "r2 vrid 51"
vrrpadm r2 add dev eth0.100 vrid 52 priority 100 interval 100ms vip 198.51.100.10/24 || fail "r2 vrid 52"

# --- start ------------------------------------------------------------------
"$PY" -c '
import socket, sys
s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
s.bind(sys.argv[1])
open(sys.argv[2], "w").close()
while True:
    m = s.recv(4096)
    with open(sys.argv[2], "a") as f:
        f.write(m.decode() + "\n")
' "$TMPD/notify" "$TMPD/notified" >/dev/null 2>&1 &
BG_PIDS+=($!)
wait_for 10 test -e "$TMPD/notified" || fail "the notify socket did not come up"
# modprobe fails here (vrrp.ko is not under /lib/modules); "-" lets it.
run_exec ExecStartPre 2>/dev/null || fail "ExecStartPre failed"
start=$(exec_lines ExecStart)
# shellcheck disable=SC2086
ip netns exec r1 env NOTIFY_SOCKET="$TMPD/notify" $start >"$TMPD/watch.out" 2>"$TMPD/watch.err" &
WATCHER=$!
BG_PIDS+=("$WATCHER")
wait_for 20 grep -qx 'READY=1' "$TMPD/notified" || fail "no READY=1: $(cat "$TMPD/watch.err")"
# READY=1 comes after the apply: the instances are there.
[ "$(vrrpadm r1 show | grep -c ': ')" -ge 2 ] || fail "READY=1 before the instances"
grep -q '^add dev eth0.100 vrid 52 ' "$TMPD/watch.out" || fail "ExecStart printed: $(cat "$TMPD/watch.out")"
# The check, as vrrp-check@svc.service runs it.
ip netns exec r1 "$VRRPADM" check svc from "$CONF" >/dev/null 2>"$TMPD/check.err" &
CHECKER=$!
BG_PIDS+=("$CHECKER")
wait_for 10 eval '[ "$(vrrpadm r1 -j track show svc | grep -o "\"state\":\"[a-z]*\"")" = "\"state\":\"up\"" ]' ||
	fail "check svc from FILE did not set svc up: $(cat "$TMPD/check.err")"
wait_for 15 is_state r1 master 51 && wait_for 15 vlan_master ||
	fail "r1 not master: 51 $(state r1 51), 52 $(vrrpadm r1 show dev eth0.100 vrid 52 | head -1)"
sleep 6	# past the second gratuitous ARP round (garp-delay 5s)

# --- reload, unchanged --------------------------------------------------------
# A stall of the whole (emulated) machine can let r2's 100 ms down timer
# run out: r2 advertises as master for a moment, and r1 rightly answers
# with gratuitous ARPs (split brain healed). Such a window says nothing
# about the reload, and is tried again; r2 holding still is the rule.
for try in 1 2 3; do
	r2_became=$(stat r2 became_master)
	rm -f "$TMPD/mon.fifo"
	monitor r1 "$TMPD/mon"
	capture r2 "$TMPD/wire" -vv '(vrrp or arp) and ether src '"$(mac r1)"
	run_exec ExecReload >"$TMPD/reload.out" 2>&1 || fail "ExecReload failed: $(cat "$TMPD/reload.out")"
	sleep 2
	capture_stop "$CAPTURE_PID"
	kill "$MONITOR_PID" 2>/dev/null
	[ "$(stat r2 became_master)" = "$r2_became" ] && break
	[ $try -lt 3 ] || fail "r2 took over during each of 3 unchanged reloads (stalls?)"
	wait_for 10 is_state r1 master 51 || fail "r1 not master again after r2's blip"
	sleep 1.5	# past the heal's announcement (at most one a second)
done
[ ! -s "$TMPD/reload.out" ] || fail "an unchanged reload printed changes: $(cat "$TMPD/reload.out")"
[ ! -s "$TMPD/mon" ] || fail "an unchanged reload made events: $(cat "$TMPD/mon")"
! grep -q 'prio 0' "$TMPD/wire" || fail "an unchanged reload sent priority 0"
! grep -qi 'arp' "$TMPD/wire" || fail "an unchanged reload sent ARP: $(grep -i arp "$TMPD/wire" | head -2)"
grep -q 'vrid 51, prio 150' "$TMPD/wire" || fail "no adverts of r1 captured"

# --- reload, a priority changed -------------------------------------------------
sed -i 's/priority 150 interval 100ms$/priority 140 interval 100ms/' "$CONF"
out=$(run_exec ExecReload 2>&1) || fail "ExecReload of priority 140: $out"
[ "$(jval r1 priority 51)" = 140 ] || fail "priority after reload: $(jval r1 priority 51)"
is_state r1 master 51 || fail "r1 is $(state r1 51) after the reload"

# --- the VLAN made again ----------------------------------------------------------
on r1 ip link del eth0.100 || fail "deleting eth0.100"
wait_for 10 eval '[ "$(vrrpadm r1 show | grep -c "vrid 52")" = 0 ]' ||
	fail "vrid 52 survived its VLAN"
vlan_up || fail "creating eth0.100 again"
wait_for 15 vlan_master ||
	fail "vrid 52 not back on the new eth0.100: $(vrrpadm r1 show 2>&1 | head -3); watcher: $(tail -3 "$TMPD/watch.err")"
grep -q 'an interface of .* is new' "$TMPD/watch.err" || fail "the watcher did not say why it applied"

# --- stop ---------------------------------------------------------------------------
# systemd stops vrrp-check@svc first (it is ordered after vrrp.service):
# svc goes down, r1's vrid 51 drops to 40 and r2 preempts it.
t0=$(ms)
kill -TERM "$CHECKER"
wait "$CHECKER"
rc=$?
[ $rc = 0 ] || fail "the checker exited $rc on SIGTERM"
wait_for 5 is_state r2 master 51 || fail "r2 did not take 51 when svc went down: $(state r2 51)"
took51=$(($(ms) - t0))
capture r2 "$TMPD/wire2" -vv 'ether src '"$(mac r1)"
t0=$(ms)
run_exec ExecStop >"$TMPD/stop.out" 2>&1 || fail "ExecStop failed: $(cat "$TMPD/stop.out")"
wait_for 5 eval 'vrrpadm r2 show dev eth0.100 vrid 52 | grep -q ": master"' ||
	fail "r2 did not take 52 over at once"
took52=$(($(ms) - t0))
sleep 0.5
capture_stop "$CAPTURE_PID"
# eth0.100's adverts are tagged: picked out of everything r1 sent.
grep -q 'vrid 52, prio 0' "$TMPD/wire2" ||
	fail "ExecStop sent no priority 0 for 52: $(grep -o 'vrid [0-9]*, prio [0-9]*' "$TMPD/wire2" | sort | uniq -c | tr '\n' ' ')"
[ -z "$(vrrpadm r1 show)" ] && [ -z "$(vrrpadm r1 track show)" ] || fail "instances or objects left after ExecStop"
kill -TERM "$WATCHER"
wait "$WATCHER"
rc=$?
[ $rc = 0 ] || fail "the watcher exited $rc on SIGTERM"
pass "start (READY=1 after apply), unchanged reload sends nothing, priority reloaded in place, VLAN re-created and its instance back; stop: the check's object down, r2 master of 51 after ${took51} ms; flush: priority 0, r2 master of 52 after ${took52} ms"
