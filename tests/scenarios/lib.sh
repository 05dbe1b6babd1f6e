# shellcheck shell=bash
# lib.sh: the topology and helpers every scenario shares. Sourced, inside
# the test VM, as root. Hosts are network namespaces on one bridge:
#
#      r1 (eth0 192.0.2.1)   r2 (eth0 192.0.2.2)   r3 (eth0 192.0.2.3)
#              \                    |                    /
#               +------------- sw: br0 ----------------+
#                                   |
#                          client (eth0 192.0.2.100)
#
# Documentation addresses only (RFC 5737); nothing leaves the VM.

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
VRRPADM=$REPO/tool/vrrpadm
KO=${VRRP_KO:-$REPO/kmod/vrrp.ko}
VIP=192.0.2.10
# The margin a failover window gets for the emulated VM: 1.5 s on Debian's
# kernels, 5 s on the debug kernel, which KASAN and lockdep slow down
# several times (and which shares the machine with another VM in CI).
SLACK_MS=1500
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || SLACK_MS=5000

r1() { ip netns exec r1 "$@"; }
r2() { ip netns exec r2 "$@"; }
r3() { ip netns exec r3 "$@"; }
client() { ip netns exec client "$@"; }
sw() { ip netns exec sw "$@"; }
# on NS CMD...: run in namespace NS
on() { local ns=$1; shift; ip netns exec "$ns" "$@"; }
vrrpadm() { local ns=$1; shift; ip netns exec "$ns" "$VRRPADM" "$@"; }

# host_up NS ADDR: lo and eth0 up in NS, eth0 with ADDR/24; one command
# (under TCG every command costs about 0.15 s, far more on the debug kernel).
host_up() {
	printf 'link set lo up\naddr add %s/24 dev eth0\nlink set eth0 up\n' "$2" |
		ip -n "$1" -batch -
}

# Host NS with address 192.0.2.N joined to the bridge by port NS-p.
add_host() {
	local ns=$1 addr=$2
	ip netns add "$ns"
	ip link add eth0 netns "$ns" type veth peer name "p-$ns" netns sw
	host_up "$ns" "$addr"
	sw ip link set "p-$ns" master br0 up
}

# add_host for r1, r2, r3 and client, batched: every scenario builds this
# (4.5 s one command at a time, 1.1 s so).
topology() {
	local hosts=(r1:1 r2:2 r3:3 client:100) h
	{
		echo "netns add sw"
		for h in "${hosts[@]}"; do
			echo "netns add ${h%:*}"
			echo "link add eth0 netns ${h%:*} type veth peer name p-${h%:*} netns sw"
		done
	} | ip -batch - || return 1
	{
		# No multicast snooping: adverts reach every port, like a plain switch.
		echo "link add br0 type bridge mcast_snooping 0"
		echo "link set br0 up"
		for h in "${hosts[@]}"; do
			echo "link set p-${h%:*} master br0 up"
		done
	} | ip -n sw -batch - || return 1
	for h in "${hosts[@]}"; do
		host_up "${h%:*}" "192.0.2.${h#*:}" || return 1
	done
}

# One process for all five (they may not exist: -force goes on), as
# every scenario tears down twice (its own pass or fail, then run.sh).
teardown() {
	printf 'netns del %s\n' r1 r2 r3 client sw | ip -force -batch - 2>/dev/null
	return 0
}

# /sys/module/vrrp is there while the module is loaded: no lsmod needed.
load() { [ -d /sys/module/vrrp ] || insmod "$KO"; }
unload() { [ ! -d /sys/module/vrrp ] || rmmod vrrp; }

# state NS [VRID]: init, backup, master or fault. Cheap on purpose (no
# python): scenarios poll it, and polling must not starve the guest's CPUs.
state() {
	vrrpadm "$1" show dev eth0 vrid "${2:-51}" |
		awk 'NR == 1 { sub(/^[^:]*: /, ""); print $1 }'
}

# stat NS NAME [VRID]: one counter
stat() {
	vrrpadm "$1" stats dev eth0 vrid "${3:-51}" |
		awk -v name="$2" '$1 == name { print $2 }'
}

has_vip() { on "$1" ip -4 -o addr show dev eth0 | grep -q " ${2:-$VIP}/"; }
no_vip() { ! has_vip "$@"; }

# wait_for SECONDS CMD...: poll CMD every 50ms until it succeeds
wait_for() {
	local deadline=$(( $(date +%s%N) + ${1%.*} * 1000000000 )); shift
	until "$@" >/dev/null 2>&1; do
		[ "$(date +%s%N)" -lt "$deadline" ] || return 1
		sleep 0.05
	done
}

is_state() { [ "$(state "$1" "${3:-51}")" = "$2" ]; }
# state6 NS [VRID] / is6 NS STATE: the same for the instance of family inet6.
state6() {
	vrrpadm "$1" show dev eth0 vrid "${2:-51}" family inet6 |
		awk 'NR == 1 { sub(/^[^:]*: /, ""); print $1 }'
}
is6() { [ "$(state6 "$1")" = "$2" ]; }
# both NS STATE: NS's inet and inet6 instances of vrid 51 are both in STATE.
both() { is_state "$1" "$2" && is6 "$1" "$2"; }

# master_and_backup [INTERVAL]: vrid 51 with r1 (priority 150) master and
# holding the VIP, r2 (100) backup; adverts every INTERVAL (default 100ms).
master_and_backup() {
	local interval=${1:-100ms}
	vrrpadm r1 add dev eth0 vrid 51 priority 150 interval "$interval" vip $VIP/24 ||
		fail "add on r1 failed"
	wait_for 15 is_state r1 master || fail "r1 should be master, is $(state r1)"
	vrrpadm r2 add dev eth0 vrid 51 priority 100 interval "$interval" vip $VIP/24 ||
		fail "add on r2 failed"
	wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
	wait_for 5 has_vip r1 || fail "r1 is master without $VIP"
}

now_ms() { echo $(( $(date +%s%N) / 1000000 )); }

# scaled N: how many rounds of a repeated action a scenario runs, N in full:
# N times VRRP_TEST_SCALE percent (default 100), at least 1. `make check`
# (tests/run-all) runs 50% on stock and RT and 15% on the debug kernel,
# where every round costs several times as much and one round through
# each path is what KASAN and lockdep need.
scaled() {
	local n=$(($1 * ${VRRP_TEST_SCALE:-100} / 100))
	echo $((n > 0 ? n : 1))
}

# A scenario prints exactly one line: ok - NAME, or FAIL - NAME: why.
NAME=$(basename "$0" .sh)
fail() { echo "FAIL - $NAME: $*"; teardown; exit 1; }
pass() { echo "ok - $NAME${1:+: $*}"; teardown; exit 0; }
