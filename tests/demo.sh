#!/bin/bash
# demo.sh: a live two-router demo, run inside the test VM by `make demo`.
# Two routers and a client are network namespaces on one bridge; the state
# machine runs in the kernel, vrrpadm configures it and prints its events.
#
#     r1 192.0.2.1 (priority 150)   r2 192.0.2.2 (priority 100)
#                 \                    /
#                  +----- bridge -----+---- client 192.0.2.100
#
#                  VIP 192.0.2.10, adverts every 100ms
. "$(dirname "$0")/scenarios/lib.sh"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
# between FIRST PATTERN: ms of kernel time from the last kernel log line
# containing FIRST to the next line matching PATTERN.
between() {
	dmesg | awk -v m="$1" -v p="$2" '
		function t() { return substr($0, 2, index($0, "]") - 2) + 0 }
		index($0, m) { t0 = t(); seen = 1; next }
		seen && $0 ~ p { d = (t() - t0) * 1000; seen = 0 }
		END { printf "%d", d }'
}
show_all() {
	for r in r1 r2; do
		printf '%s: %s, VIP %s\n' "$r" "$(state "$r")" \
			"$(has_vip "$r" && echo held || echo not held)"
	done
}
ping_vip() {
	if client ping -c 1 -W 1 "$VIP" >/dev/null; then
		echo "client: $VIP answers, from $(client ip neigh show "$VIP" | awk '{print $5}')"
	else
		echo "client: $VIP does not answer"
	fi
}

load
topology
step "insmod vrrp.ko; both routers print their state changes as they happen"
for r in r1 r2; do
	vrrpadm "$r" monitor | sed -u "s/^/  [$r event] /" &
done
sleep 0.5
echo "r1 MAC $(r1 cat /sys/class/net/eth0/address), r2 MAC $(r2 cat /sys/class/net/eth0/address)"

step "r1: vrrpadm add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24
step "r2: vrrpadm add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24
wait_for 10 is_state r1 master
sleep 0.5
show_all
ping_vip
step "r1: vrrpadm show"
vrrpadm r1 show

step "The master's link dies (its switch port goes down)"
sw ip link set p-r1 down
wait_for 10 is_state r2 master
echo "r2 took over $(between "master -> init (link-down)" "backup -> master") ms after r1 lost its link (Active_Down_Interval: 3 x 100ms + 60ms skew)"
sleep 0.3
show_all
ping_vip

step "The link comes back: r1 has the higher priority and preempts"
sw ip link set p-r1 up
wait_for 10 is_state r1 master
sleep 0.5
show_all
ping_vip

step "r1: vrrpadm del dev eth0 vrid 51 (sends priority 0: r2 takes over at once)"
vrrpadm r1 del dev eth0 vrid 51
wait_for 10 is_state r2 master
echo "r2 took over $(between "master -> init (shutdown)" "backup -> master") ms after r1's priority 0 (Skew_Time: 60ms)"
sleep 0.3
ping_vip

step "r2: vrrpadm stats"
vrrpadm r2 stats
step "dmesg: every state change is a kernel log line"
dmesg | grep ' vrrp: ' | tail -n 8
kill %1 %2 2>/dev/null
wait 2>/dev/null
teardown
unload
echo
echo "demo done"
