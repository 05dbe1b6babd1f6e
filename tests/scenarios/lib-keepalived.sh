# shellcheck shell=bash
# lib-keepalived.sh: keepalived 2.2.7 as a peer in r2, for the interop
# scenarios. Sourced after lib.sh. Its files are under $KA; each run logs
# to a file of its own ($LOG), so that a state read is never an earlier
# run's.

KA=/run/ka-r2
mkdir -p $KA
kapid=
LOG=$KA/log

# run_ka CONF-FILE: keepalived (VRRP only, in the foreground) in r2.
run_ka() {
	LOG=$KA/log.$RANDOM
	# ip netns exec, not the r2 function: $! must be keepalived itself
	# (ip execs it), so that stop_ka's SIGTERM reaches it.
	ip netns exec r2 keepalived -n -l -D -G -P -f "$1" -p $KA/ka.pid \
		-r $KA/vrrp.pid -c $KA/chk.pid >"$LOG" 2>&1 &
	kapid=$!
}

# stop_ka: keepalived and its VRRP child gone (SIGTERM: they say priority
# 0 and give the VIPs up), SIGKILL after 5 s.
ka_gone() { ! pgrep -f "keepalived.*$KA/" >/dev/null; }
stop_ka() {
	[ -n "$kapid" ] || return 0
	kill "$kapid" 2>/dev/null
	wait_for 5 ka_gone
	pkill -9 -f "keepalived.*$KA/" 2>/dev/null
	wait "$kapid" 2>/dev/null
	kapid=
}

# kalog: instance VI_51's state changes, one word each (BACKUP, MASTER...).
kalog() { sed -n 's/.*(VI_51) Entering \([A-Z]*\) STATE.*/\1/p' "$LOG" | tr '\n' ' '; }
ka_last() { [ "$(kalog | awk '{print $NF}')" = "$1" ]; }
ka_tail() { tail -5 "$LOG" | tr '\n' ' '; }
