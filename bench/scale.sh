#!/bin/bash
# scale.sh: benchmark 4, many instances, inside the test VM (bench/run
# boots it). r1 and r2 share 16 links, one bridge each (so the same VRID
# on two links never meets); N instances fill them 255 VRIDs at a time
# (4080 = 16 x 255), each with one VIP, r1 at priority 200 (all master),
# r2 at 100 (all backup), both run by the implementation under test at
# the same interval. Per run:
#   up       seconds from starting r1's instances (one vrrpadm -b file;
#            keepalived with one config file) until all N VIPs are on r1;
#            this includes the Active_Down_Interval a new instance waits
#            out as backup first (3.6 intervals), the same for both
#   cpu      the guest's CPU time (every vCPU, /proc/stat) over
#            BENCH_SCALE_SECS once all are up, as % of one CPU: both routers,
#            the bridges, and for keepalived its processes, the same way
#   kernel   what the kernel's memory (unreclaimable slab + vmalloc +
#            percpu, slab caches shrunk) grew by, per instance (2N of them:
#            r1's and r2's), VIP addresses included
#   rss      keepalived only: its processes' resident memory per instance
#   dump     seconds for `vrrpadm -j show` of r1's N instances (keepalived
#            has no such dump)
#   missed   vrrp only: adverts r1 missed (`vrrpadm stats`, all instances)
# Written to $VRRP_VM_OUT_DIR: scale-IMPL-INTERVALms-N.json. Prints one
# line per run.
# BENCH_SCALE_COUNTS (default "1 100 1000 4080"), BENCH_SCALE_INTERVALS
# (default "1000 100"), BENCH_SCALE_SECS (default 20), BENCH_IMPLS, all read
# as VRRP_BENCH_*. VRRP_BENCH_PROFILE=1: perf samples every CPU over the
# CPU window (which it slows a little) and NAME.profile says where the
# time went, by module or program and by function.
set -u
cd "$(dirname "$0")/../tests/scenarios" || exit 1
. ./lib.sh
. ./lib-robust.sh

COUNTS=${VRRP_BENCH_SCALE_COUNTS:-1 100 1000 4080}
INTERVALS=${VRRP_BENCH_SCALE_INTERVALS:-1000 100}
SECS=${VRRP_BENCH_SCALE_SECS:-20}
IMPLS=${VRRP_BENCH_IMPLS:-vrrp keepalived}
OUT=${VRRP_VM_OUT_DIR:-/tmp/bench-out}
BENCH=$REPO/bench
PY=/usr/bin/python3
LINKS=16
mkdir -p "$OUT"
. "$BENCH/lib-impl.sh"

scale_topology() {
	local k
	ip netns add sw
	ip netns add r1
	ip netns add r2
	for k in $(seq 0 $((LINKS - 1))); do
		sw ip link add br$k type bridge
		sw ip link set br$k type bridge mcast_snooping 0
		sw ip link set br$k up
		for r in r1 r2; do
			ip link add eth$k netns $r type veth peer name p$r-$k netns sw
			sw ip link set p$r-$k master br$k up
			on $r ip addr add 198.51.100.${r#r}/24 dev eth$k
			on $r ip link set eth$k up
		done
	done
	on r1 ip link set lo up
	on r2 ip link set lo up
}
scale_teardown() { ip netns del r1; ip netns del r2; ip netns del sw; }

# each N: "LINK VRID" for the N instances, 255 VRIDs per link.
each() { seq 0 $(($1 - 1)) | awk '{ print int($1 / 255), $1 % 255 + 1 }'; }

vrrp_file() { # N PRIORITY INTERVAL_MS
	each "$1" | while read -r k v; do
		echo "add dev eth$k vrid $v priority $2 interval ${3}ms vip 203.0.113.$v/32"
	done
}
ka_file() { # N PRIORITY INTERVAL_MS NS
	local secs
	secs=$(awk -v ms="$3" 'BEGIN { printf "%g", ms / 1000 }')
	printf 'global_defs {\n\trouter_id ka-%s\n\tvrrp_version 3\n}\n' "$4"
	each "$1" | while read -r k v; do
		printf 'vrrp_instance VI_%d_%d {\n\tstate BACKUP\n\tinterface eth%d\n\tvirtual_router_id %d\n\tpriority %d\n\tadvert_int %s\n\tvirtual_ipaddress {\n\t\t203.0.113.%d/32\n\t}\n}\n' \
			"$k" "$v" "$k" "$v" "$2" "$secs" "$v"
	done
}

start_scale_vrrp() { # NS N PRIORITY INTERVAL_MS
	vrrp_file "$2" "$3" "$4" >/tmp/scale-$1
	vrrpadm "$1" -b /tmp/scale-$1
}
start_scale_keepalived() {
	mkdir -p $KA/$1
	ka_file "$2" "$3" "$4" "$1" >$KA/$1/keepalived.conf
	ka_run "$1"
}

vips_on() { on "$1" ip -4 -o addr show | grep -c ' inet 203\.0\.113\.'; }
all_vips() { [ "$(vips_on r1)" -ge "$1" ]; }

ka_rss_kb() {
	local pid s=0 r
	for pid in $(pgrep -x keepalived); do
		r=$(awk '$1 == "VmRSS:" { print $2 }' /proc/$pid/status 2>/dev/null)
		s=$((s + ${r:-0}))
	done
	echo $s
}

# profile FILE: perf (the host's, over 9p) samples every CPU for SECS; the
# guest has no PMU under TCG, so the clock drives the samples.
profile() {
	perf record -q -a -e cpu-clock -o /tmp/perf.data -- sleep "$SECS" 2>/dev/null
	{
		perf report -q -i /tmp/perf.data --stdio --sort dso 2>/dev/null | head -n 12
		echo
		perf report -q -i /tmp/perf.data --stdio --sort dso,sym 2>/dev/null | head -n 40
	} >"$1"
	rm -f /tmp/perf.data
}

run_one() { # IMPL INTERVAL_MS N
	local impl=$1 ivl=$2 n=$3 name k0 k1 t0 up=None j0 j1 hz cpu rss=None dump=None missed=None
	name=scale-$impl-${ivl}ms-$n
	scale_topology
	[ "$impl" = vrrp ] && load
	k0=$(kernel_kb)
	# r2 first: its instances wait as backup; r1's then take over.
	"start_scale_$impl" r2 "$n" 100 "$ivl" || { say "$name: r2 did not start"; }
	t0=$(now_ms)
	"start_scale_$impl" r1 "$n" 200 "$ivl" || { say "$name: r1 did not start"; }
	if wait_for $((ivl * 4 / 1000 + 600)) all_vips "$n"; then
		up=$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN { printf "%.2f", ms / 1000 }')
	else
		say "$name: $(vips_on r1) of $n VIPs on r1"
	fi
	sleep 2
	hz=$(getconf CLK_TCK)
	j0=$(busy_jiffies)
	if [ -n "${VRRP_BENCH_PROFILE:-}" ]; then
		profile "$OUT/$name.profile"
	else
		sleep "$SECS"
	fi
	j1=$(busy_jiffies)
	cpu=$(awk -v d=$((j1 - j0)) -v hz="$hz" -v s="$SECS" 'BEGIN { printf "%.1f", 100 * d / hz / s }')
	k1=$(kernel_kb)
	if [ "$impl" = vrrp ]; then
		t0=$(now_ms)
		vrrpadm r1 -j show >/dev/null
		dump=$(awk -v ms=$(($(now_ms) - t0)) 'BEGIN { printf "%.2f", ms / 1000 }')
		missed=$(vrrpadm r1 stats | awk '$1 == "advert_missed" { s += $2 } END { print s + 0 }')
		unload
	else
		rss=$(awk -v kb="$(ka_rss_kb)" -v n="$n" 'BEGIN { printf "%.0f", kb * 1024 / n }')
		ka_stop r1
		ka_stop r2
		rm -rf $KA/r1 $KA/r2
	fi
	scale_teardown
	"$PY" - "$OUT/$name.json" <<-PYEOF
	import json, sys
	fig = {"name": "$name", "impl": "$impl", "interval_ms": $ivl, "instances": $n,
	       "up_s": $up, "cpu_pct": $cpu, "secs": $SECS,
	       "kernel_bytes_per_instance": round(($k1 - $k0) * 1024 / (2 * $n)),
	       "rss_bytes_per_instance": $rss, "dump_s": $dump, "advert_missed": $missed}
	json.dump(fig, open(sys.argv[1], "w"), indent=1)
	print("bench %s: up %s s, cpu %s%% of one CPU, kernel %s B/instance, rss %s B/instance, "
	      "dump %s s, missed %s" % ("$name", fig["up_s"], fig["cpu_pct"],
	      fig["kernel_bytes_per_instance"], fig["rss_bytes_per_instance"], fig["dump_s"],
	      fig["advert_missed"]))
	PYEOF
}

ka_init
for impl in $IMPLS; do
	for ivl in $INTERVALS; do
		for n in $COUNTS; do
			run_one "$impl" "$ivl" "$n"
		done
	done
done
