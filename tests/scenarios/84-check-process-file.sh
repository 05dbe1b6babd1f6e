#!/bin/bash
# 84-check-process-file: vrrpadm check's process and file checks, in r1.
#
#   process  up while a process of the name runs, down when it is gone:
#            by argv[0] ("exec -a vrrp-chk-84 sleep", whose comm is
#            sleep) and by comm (a copy of sleep named vrrpchk84bin,
#            started under another argv[0])
#   file     keepalived's track_file, the object up with the file's
#            number as its value: 5; -300 clamped to -254; "abc" is 0;
#            0x10 is 16; a missing file is 0; 7; a number beyond 32 bits
#            is ignored (the value stays 7); each change one line
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-health.sh"

load
topology

# --- process, by argv[0]
P1=$TMPD/p1.log
checker r1 "$P1" p1 process vrrp-chk-84 interval 200ms
wait_for 30 logged "$P1" "p1: down (no process named vrrp-chk-84)" ||
	fail "p1's first check: $(cat "$P1")"
is_tstate r1 p1 down || fail "p1 without its process: $(tstate r1 p1)"
bash -c 'exec -a vrrp-chk-84 sleep 1000' &
SLEEP1=$!
BG_PIDS+=("$SLEEP1")
wait_for 30 is_tstate r1 p1 up || fail "p1 did not come up with its process: $(cat "$P1")"
logged "$P1" "p1: down -> up (1 process named vrrp-chk-84)" || fail "p1's log: $(cat "$P1")"
kill $SLEEP1
wait $SLEEP1 2>/dev/null
wait_for 30 is_tstate r1 p1 down || fail "p1 did not go down without its process: $(cat "$P1")"
logged "$P1" "p1: up -> down (no process named vrrp-chk-84)" || fail "p1's log: $(cat "$P1")"

# --- process, by comm: argv[0] says otherwise
cp /bin/sleep "$TMPD/vrrpchk84bin" || fail "cannot copy sleep"
P2=$TMPD/p2.log
checker r1 "$P2" p2 process vrrpchk84bin interval 200ms
wait_for 30 is_tstate r1 p2 down || fail "p2 was not created down: $(cat "$P2")"
bash -c "exec -a other-name $TMPD/vrrpchk84bin 1000" &
SLEEP2=$!
BG_PIDS+=("$SLEEP2")
wait_for 30 is_tstate r1 p2 up || fail "p2 did not come up by comm: $(cat "$P2")"
kill $SLEEP2
wait $SLEEP2 2>/dev/null
wait_for 30 is_tstate r1 p2 down || fail "p2 did not go down: $(cat "$P2")"

# --- file; written by rename, so no check reads it half written
F=$TMPD/weight
put() { printf '%s\n' "$1" >"$F.new" && mv "$F.new" "$F"; }
FL=$TMPD/f.log
put 5
checker r1 "$FL" wf file "$F" interval 200ms
wait_for 30 is_tvalue r1 wf 5 || fail "wf should be 5: '$(tvalue r1 wf)': $(cat "$FL")"
is_tstate r1 wf up || fail "wf is $(tstate r1 wf)"
logged "$FL" "wf: up, value 5" || fail "wf's first line: $(cat "$FL")"
got=$(vrrpadm r1 track show wf)
[ "$got" = "wf: up, value 5, lease 800ms, users 0" ] || fail "wf: '$got'"
put -300
wait_for 30 is_tvalue r1 wf -254 || fail "-300 should be clamped to -254: '$(tvalue r1 wf)'"
put abc
wait_for 30 is_tvalue r1 wf 0 || fail "'abc' should be 0: '$(tvalue r1 wf)'"
logged "$FL" "wf: value -254 -> 0 ($F: not a number)" || fail "wf's log: $(cat "$FL")"
put 0x10
wait_for 30 is_tvalue r1 wf 16 || fail "0x10 should be 16: '$(tvalue r1 wf)'"
rm "$F"
wait_for 30 is_tvalue r1 wf 0 || fail "a missing file should be 0: '$(tvalue r1 wf)'"
logged "$FL" "wf: value 16 -> 0 ($F: No such file or directory)" || fail "wf's log: $(cat "$FL")"
put 7
wait_for 30 is_tvalue r1 wf 7 || fail "7: '$(tvalue r1 wf)'"
put 99999999999
wait_for 30 logged "$FL" "wf: $F: a number beyond 32 bits, ignored" ||
	fail "a number beyond 32 bits: $(cat "$FL")"
sleep 1
is_tvalue r1 wf 7 || fail "a number beyond 32 bits should leave 7: '$(tvalue r1 wf)'"
is_tstate r1 wf up || fail "wf is $(tstate r1 wf)"

pass "process by argv[0] and by comm, up and down; file 5, -300 -> -254, abc -> 0, 0x10 -> 16, missing -> 0, 7, 99999999999 ignored"
