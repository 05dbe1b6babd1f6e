# shellcheck shell=bash
# lib-robust.sh: extra helpers for scenarios 30-59 (robustness: links,
# namespaces, bad packets, netlink rejections, module unload, interop).
# Sourced after lib.sh.

# The python3 that has scapy (a pyenv one may come first in PATH).
PY=/usr/bin/python3

# inst NS VRID PRIO VIP [PARAMS...]: add instance VRID on eth0 in NS.
inst() {
	local ns=$1 vrid=$2 prio=$3 vip=$4; shift 4
	vrrpadm "$ns" add dev eth0 vrid "$vrid" priority "$prio" "$@" vip "$vip/24"
}

# jval NS KEY [VRID]: one scalar of the instance's `vrrpadm -j show` object
# (a string without its quotes, a number, or null), read with bash alone:
# every process started costs a few hundred ms in the emulated VM.
jval() {
	local out
	out=$(vrrpadm "$1" -j show dev eth0 vrid "${3:-51}") || return 1
	[[ $out =~ \"$2\":\"?([^,}\"]*) ]] && echo "${BASH_REMATCH[1]}"
}

# field NS EXPR [VRID]: a python expression over the instance object `i`
# from `vrrpadm -j show`, e.g. field r2 'i["master_addr"]'.
field() {
	vrrpadm "$1" -j show dev eth0 vrid "${3:-51}" |
		python3 -c 'import json,sys; i=json.load(sys.stdin)[0]; print(eval(sys.argv[1]))' "$2"
}

# unmatched NS NAME: a counter of packets no instance matched in NS.
unmatched() {
	vrrpadm "$1" -j stats --unmatched |
		python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$2"
}

# vips_in NS: the addresses on eth0 that the module added (proto 112).
vips_in() {
	on "$1" ip -4 -o addr show dev eth0 2>/dev/null |
		grep -E ' proto (112|0x70)( |$)' | awk '{print $4}'
}

# not_state NS STATE [VRID]
not_state() { [ "$(state "$1" "${3:-51}")" != "$2" ]; }

# mem_kb FIELD: a /proc/meminfo figure in kB.
mem_kb() { awk -v f="$1:" '$1 == f { print $2 }' /proc/meminfo; }

# shrink_slabs: every slab cache gives back its empty slabs (and on a
# KASAN kernel the freed objects it holds in quarantine).
shrink_slabs() {
	local f
	for f in /sys/kernel/slab/*/shrink; do
		echo 1 >"$f" 2>/dev/null
	done
}

# settle: before reading kernel memory, drop what can be dropped and let
# RCU callbacks and deferred frees run. Shrinking every slab cache frees
# its empty slabs and, on a KASAN kernel, the freed objects it holds in
# quarantine; without that the quarantine alone moved SUnreclaim by tens
# of MiB between two readings on the debug kernel (75: +5.9 MiB over a run
# with no leak, -45 MiB from one shrink). A leaked object stays allocated
# and still counts.
settle() {
	sync
	echo 3 >/proc/sys/vm/drop_caches
	sleep 2
	shrink_slabs
	echo 3 >/proc/sys/vm/drop_caches
	sleep 1
}

# vrrp_timers: how many of the module's hrtimers are armed, from
# /proc/timer_list, which names each timer's address, function and module.
# One reading can miss an armed timer: the file drops the base lock between
# entries and walks them by position, so a timer re-armed behind the
# cursor (the tick, every few ms) makes the next one skipped, and a timer
# between its expiry and its re-arm in the tasklet is in no queue at all.
# A timer can also be listed twice. So the count is of distinct timers,
# by (hashed) address, over three readings. tests/vm/run boots with
# random.trust_cpu=on: hashing waits for the random pool, and without it
# the debug kernel printed "(____ptrval____)" for every timer.
vrrp_timers() {
	local i
	for i in 1 2 3; do
		grep -o '<[0-9a-f]*>, [a-z_]* \[vrrp\], ' /proc/timer_list
	done | sort -u | wc -l
}
timers_are() { [ "$(vrrp_timers)" = "$1" ]; }

# kernel_kb: what the kernel holds that would grow with each instance, in
# KiB: unreclaimable slab + vmalloc + percpu, once RCU callbacks have run
# and the slab caches have given back their empty slabs; the least of
# three readings, as other kernel activity comes and goes.
kernel_kb() {
	local i m least=
	sleep 2
	for i in 1 2 3; do
		shrink_slabs
		m=$(awk '$1 == "SUnreclaim:" || $1 == "VmallocUsed:" || $1 == "Percpu:" { s += $2 } END { print s }' /proc/meminfo)
		[ -n "$least" ] && [ "$least" -le "$m" ] || least=$m
		sleep 0.5
	done
	echo "$least"
}

# slab_by_cache: "CACHE KB" per slab cache (KB: every slab of it, in use
# or not), the baseline slab_growers compares with.
slab_by_cache() { awk 'NR > 2 { print $1, $15 * $6 * 4 }' /proc/slabinfo; }

# slab_growers FILE: the three caches that grew most since FILE was
# written by slab_by_cache, to say where memory went when a limit is hit.
slab_growers() {
	slab_by_cache | awk 'NR == FNR { was[$1] = $2; next }
		{ printf "%d %s\n", $2 - was[$1], $1 }' "$1" - |
		sort -rn | head -n 3 | awk '{ printf "%s%s +%d kB", NR > 1 ? ", " : "", $2, $1 }'
}

# follows NS ADDR [VRID]: NS's instance names ADDR as the master.
follows() { [ "$(jval "$1" master_addr "${3:-51}")" = "$2" ]; }
