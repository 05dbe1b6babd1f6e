#!/bin/bash
# run.sh [NAME...]: runs the scenarios (all NN-*.sh here and in
# ../interop/, where those with peers we did not write live: keepalived,
# FRR, Wireshark, scapy; or the ones named) in the order of their numbers,
# one after another, inside the test VM, and ends with the line
# "N passed, N failed". Each scenario prints its own single line; one that
# hangs is stopped after VRRP_SCENARIO_TIMEOUT seconds (default 180, three
# times that on the debug kernel, whose checks slow everything down).
# With VRRP_DKMS_KO set, dkms-module.sh runs first.
#
# After each scenario, its teardown and the module's unload, the kernel is
# checked for trouble the scenario caused: new dmesg lines matching
# tests/vm/splat-regex (BUG, WARNING, KASAN, lockdep, UBSAN...) turn the
# scenario's line into a FAIL, with the first lines of the report indented
# below it. Where the kernel has kmemleak (debug), a last line, "kmemleak",
# tells whether any object was left unreferenced by all the scenarios: one
# scan for the run, as a scan takes about 13 s under TCG (a per-scenario
# scan doubled the debug kernel's run); its report names each object's
# allocation, and a run of the one scenario tells which left it. Lines are
# named <kernel>/<scenario> (VRRP_VM_FLAVOUR, set by tests/vm/run) so a run
# on several kernels tells them apart, and end with the seconds the
# scenario took, checks included.
cd "$(dirname "$0")" || exit 1
. ./lib.sh

SPLAT_RE=$(<../vm/splat-regex) || exit 1
KMEMLEAK=/sys/kernel/debug/kmemleak
# kmemleak never reports an object younger than this (its MSECS_MIN_AGE),
# so the scan waits until the last thing the last scenario (and its
# unload) allocated is this old.
KMEMLEAK_MIN_AGE=5
TAG=${VRRP_VM_FLAVOUR:+$VRRP_VM_FLAVOUR/}
TIMEOUT=${VRRP_SCENARIO_TIMEOUT:-180}
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || TIMEOUT=${VRRP_SCENARIO_TIMEOUT:-540}

# last_stamp: the dmesg time stamp of the newest kernel line looked at.
last_stamp=0

# read_kernel_log: NEW_LINES = the dmesg lines stamped after $last_stamp,
# and moves it on. (Time stamps, not line counts: the ring buffer may drop
# old lines.) Sets globals: callers must not run it in a $(...) subshell.
read_kernel_log() {
	local log
	NEW_LINES=
	log=$(dmesg 2>/dev/null) || return 0
	NEW_LINES=$(awk -v t="$last_stamp" '
		/^\[ *[0-9]+\.[0-9]+\]/ { s = substr($0, 2, index($0, "]") - 2) + 0; new = s > t }
		new' <<<"$log")
	last_stamp=$(awk '/^\[ *[0-9]+\.[0-9]+\]/ { s = substr($0, 2, index($0, "]") - 2) }
		END { printf "%.6f\n", s + 0 }' <<<"$log")
}

# splat_in LINES: the kernel trouble among LINES, from its first matching
# line on (the trace that follows explains it), empty when there is none.
splat_in() {
	local first
	first=$(grep -n -m1 -E "$SPLAT_RE" <<<"$1" | cut -d: -f1)
	[ -z "$first" ] || tail -n +"$first" <<<"$1"
}

# kmemleak_report: unreferenced objects allocated since the last clear,
# confirmed by a second scan (a pointer only held in a register or in flight
# during the first can make an object look leaked once). Prints them, empty
# when clean or when the kernel has no kmemleak.
kmemleak_report() {
	local report
	[ -w $KMEMLEAK ] || return 0
	echo scan >$KMEMLEAK
	report=$(cat $KMEMLEAK)
	if [ -n "$report" ]; then
		sleep 1
		echo scan >$KMEMLEAK
		report=$(cat $KMEMLEAK)
	fi
	# Reported objects are not reported again: the next scenario starts clean.
	echo clear >$KMEMLEAK
	printf '%s' "$report"
}

# check_kernel: TROUBLE = what the last scenario left in the kernel's log:
# "WHY" on its first line, the evidence below; empty when clean.
check_kernel() {
	local splat
	read_kernel_log
	splat=$(splat_in "$NEW_LINES")
	TROUBLE=
	[ -z "$splat" ] ||
		TROUBLE="kernel trouble: $(head -n1 <<<"$splat" | sed 's/^\[ *[0-9.]*\] //')"$'\n'"$splat"
}

# check_kmemleak: the line for objects the scenarios left unreferenced,
# counted like a scenario's; called as the last one has been unloaded.
check_kmemleak() {
	local leaks
	sleep "$KMEMLEAK_MIN_AGE.2"
	leaks=$(kmemleak_report)
	if [ -z "$leaks" ]; then
		passed=$((passed + 1))
		echo "ok - ${TAG}kmemleak: no unreferenced object after ${#scenarios[@]} scenarios"
		return
	fi
	failed=$((failed + 1))
	echo "FAIL - ${TAG}kmemleak: $(grep -c '^unreferenced object' <<<"$leaks") unreferenced objects after ${#scenarios[@]} scenarios"
	head -n 60 <<<"$leaks" | sed 's/^/    | /'
}

# Whatever happened before the first scenario (boot, earlier tests in the
# same VM) is not the first scenario's doing: skip the log, and mark what
# kmemleak finds now as seen.
read_kernel_log
if [ -w $KMEMLEAK ]; then
	# Scans only when asked: kmemleak's own thread scans every 10 minutes,
	# 13 s of CPU each in the emulated VM, in the middle of scenarios.
	echo scan=off >$KMEMLEAK
	echo scan >$KMEMLEAK
	echo clear >$KMEMLEAK
fi

passed=0
failed=0
OUT_FILE=$(mktemp /tmp/vrrp-scenario.XXXXXX)
trap 'rm -f "$OUT_FILE"' EXIT

# reap_leftovers: kills what a scenario left running in the background (a
# checker, a capture, a daemon), which would otherwise run on into the next
# one: orphans, now children of init, as this script never is.
reap_leftovers() {
	pkill -KILL -P 1 -x 'vrrpadm|tcpdump|tshark|dumpcap|python3|ip|keepalived|nginx|zebra|vrrpd|sleep|curl' 2>/dev/null
	return 0
}
scenarios=("$@")
if [ ${#scenarios[@]} -eq 0 ]; then
	mapfile -t scenarios < <(printf '%s\n' [0-9][0-9]-*.sh ../interop/[0-9][0-9]-*.sh |
		sed 's|.*/||' | sort)
fi
# tests/run-all sets this after building through DKMS: load that build too.
[ -z "${VRRP_DKMS_KO:-}" ] || scenarios=(dkms-module "${scenarios[@]}")
for s in "${scenarios[@]}"; do
	s=${s%.sh}.sh
	path=./$s
	[ -f "$path" ] || [ ! -f "../interop/$s" ] || path=../interop/$s
	t0=$SECONDS
	# Into a file, not $(...): a background process the scenario left
	# behind would hold a pipe open, and the wait for it never end.
	timeout -k 5 "$TIMEOUT" bash "$path" >"$OUT_FILE" 2>&1
	rc=$?
	out=$(cat "$OUT_FILE")
	teardown
	reap_leftovers
	unload 2>/dev/null
	check_kernel
	trouble=$TROUBLE
	took="($((SECONDS - t0)) s)"
	line=$(printf '%s\n' "$out" | grep -E '^(ok|FAIL) - ' | tail -1)
	[ $rc -eq 124 ] && line="FAIL - ${s%.sh}: timed out after ${TIMEOUT}s"
	[ -n "$line" ] || line="FAIL - ${s%.sh}: exit $rc without a verdict"
	if [ $rc -eq 0 ] && [ "${line#ok - }" != "$line" ] && [ -z "$trouble" ]; then
		passed=$((passed + 1))
		echo "ok - $TAG${line#ok - } $took"
		continue
	fi
	failed=$((failed + 1))
	line=${line#ok - }
	line=${line#FAIL - }
	if [ -n "$trouble" ] && [ $rc -eq 0 ]; then
		# The scenario itself passed: the kernel's report is the verdict.
		echo "FAIL - $TAG${s%.sh}: $(head -n1 <<<"$trouble") $took"
	else
		echo "FAIL - $TAG$line $took"
		# The scenario's own output explains the failure.
		printf '%s\n' "$out" | tail -25 | sed 's/^/    | /'
		[ -z "$trouble" ] || echo "    and $(head -n1 <<<"$trouble")"
	fi
	# The first lines of the report; the whole of it is in dmesg, which
	# the VM's backstop scan prints at the end of the run.
	[ -z "$trouble" ] || tail -n +2 <<<"$trouble" | head -n 40 | sed 's/^/    | /'
done
[ ! -w $KMEMLEAK ] || check_kmemleak
echo "$passed passed, $failed failed"
[ $failed -eq 0 ]
