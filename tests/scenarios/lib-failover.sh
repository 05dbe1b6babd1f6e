# shellcheck shell=bash
# lib-failover.sh: helpers for scenarios 10..29, sourced after lib.sh.
# Light on processes on purpose: the VM is emulated and shared, so polling
# with a python3 per look would itself delay the routers' timers.

# master_of NS [VRID]: the master address NS believes in.
master_of() {
	vrrpadm "$1" show dev eth0 vrid "${2:-51}" | sed -n 's/^  master \([^,]*\),.*/\1/p'
}

mac() { on "$1" cat /sys/class/net/eth0/address; }

# neigh_mac NS IP: the lladdr of NS's neighbour entry for IP, if any.
neigh_mac() {
	on "$1" ip -4 neigh show "$2" dev eth0 |
		awk '{ for (i = 1; i < NF; i++) if ($i == "lladdr") print $(i + 1) }'
}
neigh_is() { [ "$(neigh_mac "$1" "$2")" = "$3" ]; }

# ms: wall clock in milliseconds, without a fork.
ms() { local t=${EPOCHREALTIME/[.,]/}; echo $((t / 1000)); }

# Background helpers are remembered and stopped on exit, whatever the verdict.
BG_PIDS=()
bg_stop() {
	local p
	for p in "${BG_PIDS[@]}"; do
		kill -TERM "$p" 2>/dev/null
	done
	for p in "${BG_PIDS[@]}"; do
		wait "$p" 2>/dev/null
	done
	BG_PIDS=()
}
trap bg_stop EXIT

TMPD=$(mktemp -d /tmp/vrrp-"$NAME".XXXXXX)

# capture NS FILE TCPDUMP-ARGS...: tcpdump -l in NS into FILE (its stderr in
# FILE.err), started and listening when this returns; sets CAPTURE_PID.
capture() {
	local ns=$1 file=$2; shift 2
	# ip netns exec, not the `on` function: $! must be tcpdump itself.
	ip netns exec "$ns" tcpdump -i eth0 -l -nn "$@" >"$file" 2>"$file.err" &
	CAPTURE_PID=$!
	BG_PIDS+=("$CAPTURE_PID")
	wait_for 60 grep -q 'listening on' "$file.err" ||
		fail "tcpdump in $ns did not start: $(cat "$file.err")"
}

# capture_stop PID: stop one capture and wait until its file is complete.
# SIGTERM, not SIGINT: a background job of a script ignores SIGINT.
capture_stop() {
	local i
	kill -TERM "$1" 2>/dev/null
	for i in $(seq 50); do
		kill -0 "$1" 2>/dev/null || break
		sleep 0.1
	done
	kill -KILL "$1" 2>/dev/null
	wait "$1" 2>/dev/null
	return 0
}

# monitor NS FILE [-j]: vrrpadm monitor in NS, each line prefixed with the
# time it was read in ms; running when this returns; sets MONITOR_PID.
monitor() {
	local ns=$1 file=$2 json=$3 t l
	# Through a fifo: the guest has no /dev/fd for process substitution.
	mkfifo "$file.fifo"
	while IFS= read -r l; do
		t=${EPOCHREALTIME/[.,]/}
		echo "$((t / 1000)) $l"
	done <"$file.fifo" >"$file" &
	BG_PIDS+=($!)
	# $! is vrrpadm itself (ip netns exec execs it); SIGTERM ends it.
	# shellcheck disable=SC2086
	ip netns exec "$ns" "$VRRPADM" $json monitor >"$file.fifo" 2>"$file.err" &
	MONITOR_PID=$!
	BG_PIDS=("$MONITOR_PID" "${BG_PIDS[@]}")
	wait_for 30 is_monitor "$MONITOR_PID" || fail "vrrpadm monitor did not start: $(cat "$file.err")"
	# It subscribes right after starting; give it time to get there.
	sleep 1
}
is_monitor() { tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'vrrpadm .*monitor'; }

# event_ms FILE PATTERN: the time of the first monitor line matching PATTERN.
event_ms() { grep -m1 -e "$2" "$1" | cut -d' ' -f1; }

# arp_decode FILE: turns `tcpdump -e -x -tt` ARP output into lines
#   TIME ETHSRC OP SHA SPA TPA
# with OP 1 (request) or 2 (reply), read from the ARP header itself.
arp_decode() {
	awk '
	function hx(s,   i, v) {
		v = 0
		for (i = 1; i <= length(s); i++)
			v = v * 16 + index("0123456789abcdef", substr(s, i, 1)) - 1
		return v
	}
	function ip(h) { return hx(substr(h, 1, 2)) "." hx(substr(h, 3, 2)) "." hx(substr(h, 5, 2)) "." hx(substr(h, 7, 2)) }
	function m(h,   s, i) { s = substr(h, 1, 2); for (i = 3; i < 12; i += 2) s = s ":" substr(h, i, 2); return s }
	/ethertype ARP/ { t = $1; src = $2; hex = ""; next }
	/^[ \t]+0x[0-9a-f]+:/ {
		for (i = 2; i <= NF; i++) hex = hex $i
		if (t != "" && length(hex) >= 56) {
			print t, src, hx(substr(hex, 13, 4)), m(substr(hex, 17, 12)),
				ip(substr(hex, 29, 8)), ip(substr(hex, 49, 8))
			t = ""
		}
	}' "$1"
}


# addr_proto NS ADDR: the IFA_PROTO of ADDR in NS ("none" without one).
# iproute2 6.1 does not print it, so this asks rtnetlink directly.
addr_proto() {
	on "$1" python3 - "$2" <<'PY'
import socket, struct, sys
want = socket.inet_aton(sys.argv[1])
s = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
# RTM_GETADDR (22), NLM_F_REQUEST | NLM_F_DUMP, ifaddrmsg for AF_INET
s.send(struct.pack("=LHHLL", 24, 22, 0x301, 1, 0) + struct.pack("=BBBBL", socket.AF_INET, 0, 0, 0, 0))
found = None
while True:
    buf = s.recv(65536)
    off, done = 0, False
    while off + 16 <= len(buf):
        ln, typ = struct.unpack_from("=LH", buf, off)
        if typ == 3:  # NLMSG_DONE
            done = True
            break
        if typ == 20:  # RTM_NEWADDR
            a, proto = off + 24, "none"
            local = None
            while a + 4 <= off + ln:
                alen, atyp = struct.unpack_from("=HH", buf, a)
                if alen < 4:
                    break
                data = buf[a + 4:a + alen]
                if atyp == 2:  # IFA_LOCAL
                    local = data
                elif atyp == 11:  # IFA_PROTO
                    proto = str(data[0])
                a += (alen + 3) & ~3
            if local == want:
                found = proto
        off += (ln + 3) & ~3
    if done:
        break
print(found if found is not None else "absent")
PY
}

# stat_gt NS NAME N: counter NAME of NS is above N (for wait_for).
stat_gt() { [ "$(stat "$1" "$2")" -gt "$3" ]; }
