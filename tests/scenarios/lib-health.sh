# shellcheck shell=bash
# lib-health.sh: health objects (vrrpadm track) and checkers (vrrpadm
# check) for scenarios 83..85, sourced after lib.sh and lib-failover.sh.

# tstate NS NAME: up or down; empty if NAME does not exist.
tstate() {
	vrrpadm "$1" track show "$2" 2>/dev/null | awk '{ sub(/,$/, "", $2); print $2 }'
}
is_tstate() { [ "$(tstate "$1" "$2")" = "$3" ]; }

# tvalue NS NAME: the object's value; empty without one.
tvalue() {
	vrrpadm "$1" track show "$2" 2>/dev/null |
		awk '{ for (i = 1; i < NF; i++) if ($i == "value") { sub(/,$/, "", $(i + 1)); print $(i + 1) } }'
}
is_tvalue() { [ "$(tvalue "$1" "$2")" = "$3" ]; }

# checker NS LOG ARGS...: vrrpadm check ARGS in NS in the background, its
# stderr (the change lines) in LOG; sets CHECK_PID (vrrpadm itself: ip
# netns exec execs it), stopped with SIGTERM on exit like the other helpers.
checker() {
	local ns=$1 log=$2
	shift 2
	ip netns exec "$ns" "$VRRPADM" check "$@" 2>"$log" &
	CHECK_PID=$!
	BG_PIDS+=("$CHECK_PID")
}

# logged LOG LINE: LOG has LINE, whole.
logged() { grep -qxF -- "$2" "$1"; }
