#!/bin/bash
# Deleting a namespace under a running master: r2 takes over, the kernel
# stays quiet (run.sh's VM checks dmesg), vrrpadm in r2 still shows a sane
# instance, and the module still unloads.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

master_and_backup
# Armed hrtimers of the module, from /proc/timer_list: r1's advert timer
# and r2's down timer now; r2's advert timer alone once r1's instance is
# gone with its namespace.
[ "$(vrrp_timers)" = 2 ] || fail "expected 2 armed vrrp hrtimers before, found $(vrrp_timers): $(grep vrrp /proc/timer_list)"

ip netns del r1
wait_for 10 is_state r2 master || fail "after netns del r1: r2 expected master, is $(state r2)"
wait_for 10 has_vip r2 || fail "after netns del r1: r2 master without the VIP"
out=$(vrrpadm r2 -j show) || fail "vrrpadm show in r2 failed after netns del r1"
n=$(printf '%s' "$out" | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))') ||
	fail "vrrpadm -j show in r2: not JSON: $out"
[ "$n" = 1 ] || fail "vrrpadm show in r2: expected 1 instance, got $n"
[ "$(field r2 'i["vrid"], i["state"], i["priority"]')" = "(51, 'master', 100)" ] ||
	fail "vrrpadm show in r2 not sane: $(field r2 'i')"
wait_for 5 timers_are 1 ||
	fail "r1's instance and timers should be gone: $(vrrp_timers) armed vrrp hrtimers: $(grep vrrp /proc/timer_list)"

# With r2's instance still running: rmmod takes it down too.
err=$(rmmod vrrp 2>&1) || fail "rmmod vrrp failed after netns del: $err"
! lsmod | grep -qw '^vrrp' || fail "vrrp still loaded after rmmod"
no_vip r2 || fail "VIP left in r2 after rmmod"
pass
