# shellcheck shell=bash
# lib-impl.sh: the implementations the benchmarks compare, sourced by
# bench/*.sh after tests/scenarios/lib.sh. For IMPL in vrrp (this module)
# and keepalived: start_IMPL INTERVAL_MS runs vrid 51 with VIP on r1
# (priority 200) and r2 (100); is_master_IMPL says r1 is master and r2
# backup; stop_IMPL stops both. start_r1_IMPL INTERVAL_MS and stop_r1_IMPL
# start and cleanly stop r1 alone (vrrpadm del; keepalived's SIGTERM). The
# settings are the same for both: VRRPv3, preemption on, no preempt delay,
# the VIP on eth0.

KA=/run/bench-ka

say() { echo "bench: $*" >&2; }

start_vrrp() {
	load
	start_r1_vrrp "$1" &&
		vrrpadm r2 add dev eth0 vrid 51 priority 100 interval "${1}ms" vip $VIP/24
}
start_r1_vrrp() { vrrpadm r1 add dev eth0 vrid 51 priority 200 interval "${1}ms" vip $VIP/24; }
stop_r1_vrrp() { vrrpadm r1 del dev eth0 vrid 51; }
is_master_vrrp() { [ "$(state r1)" = master ] && [ "$(state r2)" = backup ]; }
stop_vrrp() { unload; }

ka_init() { mkdir -p $KA; }

ka_conf() { # NS PRIORITY INTERVAL_MS
	local secs
	secs=$(awk -v ms="$3" 'BEGIN { printf "%g", ms / 1000 }')
	mkdir -p $KA/$1
	cat >$KA/$1/keepalived.conf <<KAEOF
global_defs {
	router_id ka-$1
	vrrp_version 3
}
vrrp_instance VI_51 {
	state BACKUP
	interface eth0
	virtual_router_id 51
	priority $2
	advert_int $secs
	virtual_ipaddress {
		$VIP/24
	}
}
KAEOF
}
ka_start() { # NS PRIORITY INTERVAL_MS
	ka_conf "$1" "$2" "$3"
	ka_run "$1"
}
# ka_run NS: keepalived in NS with $KA/NS/keepalived.conf, in the foreground
# of a background job, logging to $KA/NS/log.
ka_run() {
	local ns=$1
	on "$ns" keepalived -n -l -D -G -P -f $KA/$ns/keepalived.conf -p $KA/$ns/ka.pid \
		-r $KA/$ns/vrrp.pid -c $KA/$ns/chk.pid >>$KA/$ns/log 2>&1 &
	echo $! >$KA/$ns/pid
}
# The job is a subshell running `on`, keepalived its child: the signal goes
# to keepalived's own pid (its pid file), and the job ends with it.
ka_stop() { # NS
	local job pid
	job=$(cat $KA/$1/pid 2>/dev/null) || return 0
	pid=$(cat $KA/$1/ka.pid 2>/dev/null) || pid=$job
	kill "$pid" 2>/dev/null
	for _ in $(seq 1 50); do kill -0 "$job" 2>/dev/null || break; sleep 0.1; done
	kill -9 "$pid" "$job" 2>/dev/null
	wait "$job" 2>/dev/null
	rm -f $KA/$1/pid
}
start_keepalived() { ka_start r1 200 "$1" && ka_start r2 100 "$1"; }
start_r1_keepalived() { ka_start r1 200 "$1"; }
stop_r1_keepalived() { ka_stop r1; }
ka_state() { sed -n 's/.*(VI_51) Entering \([A-Z]*\) STATE.*/\1/p' $KA/$1/log | tail -n1; }
is_master_keepalived() { [ "$(ka_state r1)" = MASTER ] && [ "$(ka_state r2)" = BACKUP ]; }
stop_keepalived() {
	ka_stop r1
	ka_stop r2
	rm -rf $KA/r1 $KA/r2
}

# stamp_on_send: from now on the kernel stamps every packet as a veth
# hands it to its peer, in the sender's own transmit, and the captures in
# the switch read that stamp: without it a packet is stamped when the
# switch port processes it, in the receive softirq, which the loads delay
# (ksoftirqd starved by a realtime task), and an advert sent on time would
# look late. The stamp is taken at enqueue (netdev_tstamp_prequeue, on by
# default) only while some socket anywhere asks for receive timestamps;
# a python process holds one such socket until stamp_off.
stamp_on_send() {
	"$PY" -c 'import signal, socket
s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
s.setsockopt(socket.SOL_SOCKET, 35, 1)  # SO_TIMESTAMPNS: not in Python 3.11
signal.pause()' &
	STAMP_PID=$!
	# The kernel turns stamping on from a work item.
	sleep 1
}
stamp_off() { kill "$STAMP_PID" 2>/dev/null || true; }

# busy_jiffies: the guest's non-idle CPU time so far, every CPU.
busy_jiffies() { awk '$1 == "cpu" { print $2 + $3 + $4 + $7 + $8 + $9 }' /proc/stat; }
