#!/bin/bash
# demo.sh: a live two-router demo, run inside the test VM by `make demo`.
# Two routers and a client are network namespaces on one bridge; the state
# machine runs in the kernel, vrrpadm configures it and prints its events.
# Part two is the nginx pair: nginx killed on the master, the client
# following the VIP to the backup, nginx back, the master reclaiming.
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

# Part two: the nginx pair. The VIP must follow the service, not only the
# box: a health check in each router keeps a health object current, and
# the instance tracks it.
. "$(dirname "$0")/scenarios/lib-failover.sh"
. "$(dirname "$0")/scenarios/lib-nginx.sh"
# answers SINCE: what the client got since SINCE, condensed: "r1 x12".
answers() {
	awk -v t="$1" '$1 >= t { w = $2 == "ok" ? substr($0, index($0, "ok ") + 3) : "failed"
		if (w != last) { if (n) printf "%s x%d, ", last, n; last = w; n = 0 } n++ }
		END { if (n) printf "%s x%d", last, n }' "$TMPD/probe"
}

step "The nginx pair: nginx in r1 and r2, each answering with its name"
topology
app_topology
for r in r1 r2; do
	nginx_conf $r own
	nginx_start $r
done
for r in r1 r2; do
	vrrpadm "$r" monitor | sed -u "s/^/  [$r event] /" &
	BG_PIDS+=($!)
done
sleep 0.5
for r in r1 r2; do
	echo "$r: vrrpadm check web script \"curl -fsS -o /dev/null --max-time $CHECK_WITHIN http://127.0.0.1/health\" interval $CHECK_EVERY timeout ${CHECK_WITHIN}s &"
	health_checker $r
done
wait_for 15 web_up r1
wait_for 15 web_up r2
echo "r1: vrrpadm add dev eth0 vrid 51 priority 150 interval 100ms track web vip $VIP/24"
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms track web vip $VIP/24
wait_for 10 is_state r1 master
echo "r2: vrrpadm add dev eth0 vrid 51 priority 100 interval 100ms track web vip $VIP/24"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms track web vip $VIP/24
wait_for 10 is_state r2 backup
sleep 0.5
echo "r1: vrrpadm track show"
vrrpadm r1 track show
step "The client fetches http://$VIP/ every 50 ms"
t=$(ms)
probe_start "http://$VIP/"
wait_for 20 answered "$t" r1
sleep 1
echo "client got: $(answers "$t")"

step "nginx crashes on r1 (SIGKILL to master and workers); the box stays up"
nginx_crash r1
t=$CRASH_MS
wait_for 20 answered "$t" r2
sleep 1
echo "client got: $(answers "$t")"
echo "first page from r2 $(( $(first_ok "$t" r2) - t )) ms after the crash, $(failed "$t" "$(first_ok "$t" r2)") requests failed"
echo "r1: vrrpadm show dev eth0 vrid 51"
vrrpadm r1 show dev eth0 vrid 51 | head -n 3

step "nginx starts again on r1: the check passes, r1 takes the VIP back"
t=$(ms)
nginx_start r1
wait_for 20 answered "$t" r1
sleep 1
echo "client got: $(answers "$t")"
show_all
bg_stop
teardown
unload
echo
echo "demo done"
