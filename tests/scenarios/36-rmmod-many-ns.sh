#!/bin/bash
# rmmod with live instances in several namespaces, each holding masters and
# backups: it succeeds, every VIP goes away everywhere, the namespaces keep
# working, and the module can be loaded and configured again.
#
#   vrid 51 vip .10: r1 150 (master)  r2 100  r3 50
#   vrid 52 vip .11: r2 150 (master)  r3 100  r1 50
#   vrid 53 vip .12: r3 150 (master)  r1 100  r2 50
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

NS=(r1 r2 r3)
# configure: the three VRIDs, rotated over r1..r3.
configure() {
	local v k ns prio
	for v in 0 1 2; do
		for k in 0 1 2; do
			ns=${NS[(v + k) % 3]}
			prio=$((150 - 50 * k))
			inst "$ns" $((51 + v)) $prio 192.0.2.$((10 + v)) interval 100ms ||
				return 1
		done
	done
}
# settled: each VRID's master is the expected namespace, with its VIP.
settled() {
	local v
	for v in 0 1 2; do
		is_state "${NS[v]}" master $((51 + v)) || return 1
		has_vip "${NS[v]}" 192.0.2.$((10 + v)) || return 1
		is_state "${NS[(v + 1) % 3]}" backup $((51 + v)) || return 1
		is_state "${NS[(v + 2) % 3]}" backup $((51 + v)) || return 1
	done
}
# all_vips: every VIP held anywhere, as "ns:addr".
all_vips() {
	local ns
	for ns in "${NS[@]}"; do
		on "$ns" ip -4 -o addr show dev eth0 | awk -v ns="$ns" \
			'$4 ~ /^192\.0\.2\.1[0-2]\// { print ns ":" $4 }'
	done
}
no_vips() { [ -z "$(all_vips)" ]; }
reachable() { r1 ping -c1 -W2 192.0.2.2 && r2 ping -c1 -W2 192.0.2.3 && r3 ping -c1 -W2 192.0.2.1; }

configure || fail "configuring the instances failed"
wait_for 20 settled || fail "instances did not settle: $(for n in "${NS[@]}"; do echo "$n: $(vrrpadm "$n" show | grep -E 'vrid|vip' | tr '\n' ' ')"; done)"

err=$(rmmod vrrp 2>&1) || fail "rmmod with instances in 3 namespaces failed: $err"
! lsmod | grep -qw '^vrrp' || fail "vrrp still loaded after rmmod"
no_vips || fail "VIPs left after rmmod: $(all_vips | tr '\n' ' ')"
wait_for 10 reachable || fail "namespaces do not reach each other after rmmod"

insmod "$KO" || fail "insmod after rmmod failed"
for ns in "${NS[@]}"; do
	out=$(vrrpadm "$ns" show) || fail "vrrpadm show in $ns after re-insmod failed"
	[ -z "$out" ] || fail "instances survived rmmod in $ns: $out"
done
configure || fail "re-adding the instances after re-insmod failed"
wait_for 20 settled || fail "instances did not settle after re-insmod"
pass
