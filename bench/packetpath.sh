#!/bin/bash
# packetpath.sh: benchmark 5, the receive path, inside the test VM
# (bench/run boots it). r1 runs vrid 51 as a backup (priority 100, 1 s
# adverts), by the implementation under test; r3 sends it adverts as fast
# as a packet socket goes (bench/blast, pinned to the last vCPU), for
# BENCH_SECS:
#   valid    a master's advert (priority 200, right checksum): r1 checks it
#            and restarts its down timer, as for every advert of a master
#   invalid  the same with a wrong checksum: checked and dropped
# Figures: frames sent per second; adverts r1 counted as processed per
# second (this module: adverts_rx or drop_checksum; keepalived: the
# "Received" advertisements of its SIGUSR2 statistics, which do not count
# a wrong checksum); the guest's busy CPU time in % of one CPU, the
# sender's included, as veth hands a frame to the receiver on the
# sender's CPU; and for keepalived the CPU time of its processes.
# Written to $VRRP_VM_OUT_DIR: packetpath-IMPL-KIND.json. Prints one line
# per run. BENCH_SECS (default 60; 20 is plenty), BENCH_IMPLS.
set -u
cd "$(dirname "$0")/../tests/scenarios" || exit 1
. ./lib.sh

SECS=${VRRP_BENCH_SECS:-60}
IMPLS=${VRRP_BENCH_IMPLS:-vrrp keepalived}
OUT=${VRRP_VM_OUT_DIR:-/tmp/bench-out}
BENCH=$REPO/bench
PY=/usr/bin/python3
LAST_CPU=$(($(nproc) - 1))
mkdir -p "$OUT"
. "$BENCH/lib-impl.sh"

# frame KIND FILE: the advert r3 sends, as raw bytes.
frame() {
	r3 "$PY" - "$1" "$2" "$REPO/tests/scenarios" <<-'PYEOF'
	import sys
	sys.path.insert(0, sys.argv[3])
	import frames
	form = "pseudo" if sys.argv[1] == "valid" else "bad"
	open(sys.argv[2], "wb").write(frames.advert("192.0.2.3", 51, 200, ["192.0.2.10"], form=form))
	PYEOF
}

# processed IMPL KIND: r1's count of such adverts so far.
processed() {
	if [ "$1" = vrrp ]; then
		local name=adverts_rx
		[ "$2" = valid ] || name=drop_checksum
		stat r1 "$name"
	elif [ "$2" = valid ]; then
		rm -f /tmp/keepalived.stats
		# To keepalived itself: $KA/r1/pid is the subshell of its job.
		kill -USR2 "$(cat $KA/r1/ka.pid)"
		wait_for 10 [ -s /tmp/keepalived.stats ] && sleep 0.5
		awk '/Advertisements:/ { a = 1 } a && /Received:/ { print $2; exit }' /tmp/keepalived.stats
	else
		echo null
	fi
}

# ka_cpu_jiffies: utime + stime of r1's keepalived processes.
ka_cpu_jiffies() {
	local pid s=0
	for pid in $(pgrep -f "keepalived.*$KA/r1/"); do
		s=$((s + $(awk '{ print $14 + $15 }' /proc/$pid/stat 2>/dev/null || echo 0)))
	done
	echo $s
}

run_one() { # IMPL KIND
	local impl=$1 kind=$2 name p0 p1 j0 j1 c0=0 c1=0 sent hz
	name=packetpath-$impl-$kind
	topology
	frame "$kind" /tmp/$name.frame
	if [ "$impl" = vrrp ]; then
		load
		vrrpadm r1 add dev eth0 vrid 51 priority 100 interval 1s vip $VIP/24
	else
		ka_start r1 100 1000
	fi
	sleep 2
	p0=$(processed "$impl" "$kind")
	[ "$impl" = vrrp ] || c0=$(ka_cpu_jiffies)
	j0=$(busy_jiffies)
	sent=$(r3 taskset -c "$LAST_CPU" "$BENCH/blast" eth0 /tmp/$name.frame "$SECS")
	j1=$(busy_jiffies)
	[ "$impl" = vrrp ] || c1=$(ka_cpu_jiffies)
	sleep 1
	p1=$(processed "$impl" "$kind")
	if [ "$impl" = vrrp ]; then unload; else ka_stop r1; rm -rf $KA/r1; fi
	teardown
	hz=$(getconf CLK_TCK)
	"$PY" - "$OUT/$name.json" <<-PYEOF
	import json, sys
	secs, hz = $SECS, $hz
	p0, p1 = "$p0", "$p1"
	done = int(p1) - int(p0) if p0.isdigit() and p1.isdigit() else None
	fig = {"name": "$name", "impl": "$impl", "kind": "$kind", "secs": secs,
	       "sent_per_s": round(${sent:-0} / secs),
	       "processed_per_s": None if done is None else round(done / secs),
	       "guest_cpu_pct": round(100 * ($j1 - $j0) / hz / secs, 1),
	       "keepalived_cpu_pct": None if "$impl" == "vrrp" else round(100 * ($c1 - $c0) / hz / secs, 1)}
	json.dump(fig, open(sys.argv[1], "w"), indent=1)
	print("bench %s: sent %d/s, processed %s/s, guest CPU %.1f%% of one CPU, keepalived %s%%" % (
	      "$name", fig["sent_per_s"], fig["processed_per_s"], fig["guest_cpu_pct"],
	      fig["keepalived_cpu_pct"]))
	PYEOF
	rm -f /tmp/$name.frame
}

ka_init
for impl in $IMPLS; do
	for kind in valid invalid; do
		run_one "$impl" "$kind"
	done
done
