#!/bin/bash
# 72-namespace-deleted: the master's namespace and the backup's, deleted in
# turn, 10 times, with adverts every 10 ms; each deleted namespace is made
# again and configured as before. r1 (150) master, r2 (100) backup of vrid
# 51.
#   odd rounds:  r1 (master) deleted: r2 takes over with the VIP
#   even rounds: r2 (backup) deleted: r1 stays master, no takeover
# Each time the survivor's `vrrpadm show` is sane (one instance, vrid 51,
# master, its own address as master, the VIP), the dead instance's timer is
# gone (one armed vrrp hrtimer left, /proc/timer_list), and after the
# namespace is back the election is as before. The module unloads at the end.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
. "$(dirname "$0")/lib-failover.sh"

ROUNDS=$(scaled 10)
addr_of() { case $1 in r1) echo 192.0.2.1 ;; r2) echo 192.0.2.2 ;; esac; }
prio_of() { case $1 in r1) echo 150 ;; r2) echo 100 ;; esac; }

port_gone() { ! sw ip link show "p-$1" >/dev/null 2>&1; }
bm() { stat "$1" became_master; }

# sane NS: NS's `vrrpadm show` is the one instance, master of vrid 51 with
# its own address as master and the VIP; says what is wrong otherwise.
sane() {
	local ns=$1 addr js text
	addr=$(addr_of "$ns")
	js=$(vrrpadm "$ns" -j show) || { echo "vrrpadm -j show failed"; return 1; }
	[ "$(grep -o '"vrid":' <<<"$js" | wc -l)" = 1 ] || { echo "not one instance: $js"; return 1; }
	[[ $js == *'"vrid":51,'* && $js == *'"state":"master",'* &&
		$js == *"\"master_addr\":\"$addr\""* && $js == *"\"vips\":[\"$VIP/24\"]"* ]] ||
		{ echo "not master of 51 at $addr with $VIP/24: $js"; return 1; }
	text=$(vrrpadm "$ns" show) || { echo "vrrpadm show failed"; return 1; }
	[ "$(head -n1 <<<"$text")" = "eth0 vrid 51 inet v3: master" ] || { echo "vrrpadm show: $text"; return 1; }
}

# back NS: NS made again, with its instance; the election as before.
back() {
	local ns=$1
	wait_for 20 port_gone "$ns" || fail "round $i: the switch port of the deleted $ns is still there"
	add_host "$ns" "$(addr_of "$ns")" || fail "round $i: could not make $ns again"
	inst "$ns" 51 "$(prio_of "$ns")" $VIP interval 10ms || fail "round $i: add on the new $ns failed"
	wait_for 15 is_state r1 master || fail "round $i: after $ns came back r1 should be master, is $(state r1)"
	wait_for 15 is_state r2 backup || fail "round $i: after $ns came back r2 should be backup, is $(state r2)"
	wait_for 10 has_vip r1 || fail "round $i: r1 is master without the VIP"
	wait_for 10 no_vip r2 || fail "round $i: r2 is backup with the VIP"
	wait_for 10 timers_are 2 ||
		fail "round $i: expected 2 armed vrrp hrtimers, found $(vrrp_timers): $(grep '\[vrrp\]' /proc/timer_list | tr -s ' \n' ' ')"
}

load
topology
master_and_backup 10ms
t0=$(now_ms)
takeovers=0
for i in $(seq 1 $ROUNDS); do
	if [ $((i % 2)) = 1 ]; then
		ip netns del r1
		wait_for 10 is_state r2 master || fail "round $i: r1's namespace deleted, r2 should be master, is $(state r2)"
		wait_for 10 has_vip r2 || fail "round $i: r2 master without the VIP"
		takeovers=$((takeovers + 1))
		why=$(sane r2) || fail "round $i: r2 after r1's namespace went: $why"
		wait_for 10 timers_are 1 || fail "round $i: r1's timer should be gone: $(vrrp_timers) armed vrrp hrtimers"
		back r1
	else
		b=$(bm r1)
		ip netns del r2
		wait_for 10 port_gone r2 || fail "round $i: r2's namespace was not cleaned up"
		why=$(sane r1) || fail "round $i: r1 after r2's namespace went: $why"
		wait_for 10 timers_are 1 || fail "round $i: r2's timer should be gone: $(vrrp_timers) armed vrrp hrtimers"
		[ "$(bm r1)" = "$b" ] || fail "round $i: r1 should not have left master: became_master $b -> $(bm r1)"
		back r2
	fi
done
secs=$((($(now_ms) - t0) / 1000))
err=$(rmmod vrrp 2>&1) || fail "rmmod after the rounds failed: $err"
! lsmod | grep -qw '^vrrp' || fail "vrrp still loaded after rmmod"
{ no_vip r1 && no_vip r2; } || fail "VIP left after rmmod"
pass "$ROUNDS namespaces deleted ($takeovers masters, $((ROUNDS - takeovers)) backups) in ${secs}s, module unloaded"
