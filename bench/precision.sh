#!/bin/bash
# precision.sh: benchmark 1, timer precision, inside the test VM (bench/run
# boots it). For each implementation (vrrp: this module; keepalived) and
# advert interval, r1 is master (priority 200) and r2 its backup (100),
# both run by that implementation, while one load runs for BENCH_SECS:
#   idle        nothing
#   busy        two ordinary (SCHED_OTHER) busy loops per vCPU
#   rt-runaway  a SCHED_FIFO 50 busy loop per vCPU; RT throttling leaves
#               the rest of the system 5% of each second
#   junk-flood  invalid adverts for the VRID (bad checksum, priority 255)
#               from r3, as fast as a raw socket sends them
#   rx-flood    UDP to r1's address from r3 as fast as it goes: receive
#               softirq load that has nothing to do with VRRP
# The switch's namespace captures every advert on the routers' ports
# (tcpdump --immediate-mode -i any), with the stamp the kernel put on it
# inside the sender's transmit (stamp_on_send in lib-impl.sh), so the
# times are those the adverts left at, not those the guest's software
# bridge (softirq work, starved like the rest) got to them. The loads hit the whole guest: both
# routers and the bridge, for both implementations alike. Written to
# $VRRP_VM_OUT_DIR: NAME.intervals (r1's advert intervals in ms, one a
# line) and NAME.json (figures), NAME = IMPL-INTERVALms-LOAD. Prints one
# line per run.
# BENCH_SECS (default 60), BENCH_INTERVALS (default "10 100"),
# BENCH_LOADS, BENCH_IMPLS (default: all), all read as VRRP_BENCH_*.
set -u
cd "$(dirname "$0")/../tests/scenarios" || exit 1
. ./lib.sh

SECS=${VRRP_BENCH_SECS:-60}
INTERVALS=${VRRP_BENCH_INTERVALS:-10 100}
LOADS=${VRRP_BENCH_LOADS:-idle busy rt-runaway junk-flood rx-flood}
IMPLS=${VRRP_BENCH_IMPLS:-vrrp keepalived}
OUT=${VRRP_VM_OUT_DIR:-/tmp/bench-out}
BENCH=$REPO/bench
PY=/usr/bin/python3
NCPU=$(nproc)
mkdir -p "$OUT"
. "$BENCH/lib-impl.sh"

# --- loads: start in the background, each ends by itself after SECS ---

# Busy loops end by themselves (bench/spin.py): a SCHED_OTHER shell could
# not be trusted to stop a realtime one in time.
load_idle() { sleep "$1"; }
# (Each waits for its own children only: tcpdump runs in the background.)
load_busy() {
	local c pids=()
	for c in $(seq 0 $((NCPU - 1))); do
		taskset -c "$c" "$PY" "$BENCH/spin.py" "$1" &
		pids+=($!)
		taskset -c "$c" "$PY" "$BENCH/spin.py" "$1" &
		pids+=($!)
	done
	wait "${pids[@]}"
}
load_rt_runaway() {
	local c pids=()
	for c in $(seq 0 $((NCPU - 1))); do
		taskset -c "$c" chrt -f 50 "$PY" "$BENCH/spin.py" "$1" &
		pids+=($!)
	done
	wait "${pids[@]}"
}
load_junk_flood() { r3 "$PY" "$BENCH/flood.py" junk "$1"; }
load_rx_flood() { r3 "$PY" "$BENCH/flood.py" udp "$1"; }

# --- one run ---

run_one() { # IMPL INTERVAL_MS LOAD
	local impl=$1 ivl=$2 lname=$3 name pcap tcpd stats='' sent
	name=$impl-${ivl}ms-$lname
	pcap=/tmp/$name.pcap
	topology
	"start_$impl" "$ivl" || { say "$name: $impl did not start"; teardown; return 1; }
	if ! wait_for 20 "is_master_$impl"; then
		say "$name: r1 not master at start"
		"stop_$impl"; teardown; return 1
	fi
	sleep 1
	# A 64 MiB ring: the loads starve tcpdump too, and what the kernel
	# stamped must still be there when it gets to run.
	sw tcpdump -i any --immediate-mode -B 65536 -s 128 -n -U -w "$pcap" \
		'ip proto 112 and not src host 192.0.2.3' 2>/tmp/$name.tcpdump &
	tcpd=$!
	wait_for 10 [ -s "$pcap" ] || sleep 1
	# A flood prints how many packets it sent; the others nothing.
	sent=$("load_${lname//-/_}" "$SECS")
	sleep 0.5
	# (A background job ignores SIGINT; -U wrote every packet already.)
	pkill -TERM -x tcpdump
	wait $tcpd 2>/dev/null
	[ "$impl" != vrrp ] || stats=$(vrrpadm r1 stats dev eth0 vrid 51 | awk '{ printf "%s=%s ", $1, $2 }')
	"stop_$impl"
	# Read where it was captured: the port names come from the ifindex.
	sw tcpdump -r "$pcap" -tt -n >/tmp/$name.txt 2>/dev/null
	teardown
	sed -n 's/^\([0-9]*\) packets* dropped by kernel.*/\1/p' /tmp/$name.tcpdump | grep -v '^0$' |
		sed 's/^/bench: capture dropped /' >&2
	"$PY" "$BENCH/intervals.py" "$name" "$ivl" "$SECS" "$OUT" "$stats" "$sent" </tmp/$name.txt
	rm -f "$pcap" /tmp/$name.txt /tmp/$name.tcpdump
}

ka_init
stamp_on_send
for impl in $IMPLS; do
	for ivl in $INTERVALS; do
		for l in $LOADS; do
			run_one "$impl" "$ivl" "$l"
		done
	done
done
stamp_off
