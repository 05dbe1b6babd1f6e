#!/bin/bash
# 93-keepalived-modes: interop with keepalived 2.2.7 (r2, priority 100) in
# the modes 38 does not cover: VRRPv3 over IPv6, VRRPv2 over IPv4, and
# VRRPv3 over IPv4 by unicast. In each, r1 (ours, 150):
#  - is master, and keepalived stays BACKUP for longer than its down
#    interval: it takes our adverts;
#  - is deleted: its priority 0 reaches keepalived (which logs it) and
#    makes it MASTER, with the VIP;
#  - is added again: it takes keepalived's adverts (counted, none dropped)
#    and preempts it; keepalived goes back to BACKUP and gives up the VIP.
# In unicast mode nothing goes to 224.0.0.18 from either side.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
. "$(dirname "$0")/lib-keepalived.sh"
load
topology

trap stop_ka EXIT

# start_ka VERSION ADDRESSES [EXTRA]: keepalived in r2 for vrid 51.
start_ka() {
	{
		printf 'global_defs {\n\trouter_id ka-r2\n\tvrrp_version %s\n}\n' "$1"
		printf 'vrrp_instance VI_51 {\n\tstate BACKUP\n\tinterface eth0\n'
		printf '\tvirtual_router_id 51\n\tpriority 100\n\tadvert_int 1\n%s\n' "${3:-}"
		printf '\tvirtual_ipaddress {\n%s\n\t}\n}\n' "$2"
	} >$KA/keepalived.conf
	run_ka $KA/keepalived.conf
}

# st NS FAMILY: our instance's state; counter NS FAMILY NAME: one counter.
st() { vrrpadm "$1" show dev eth0 vrid 51 family "$2" | awk 'NR == 1 { print $NF }'; }
is_st() { [ "$(st "$1" "$2")" = "$3" ]; }
counter() {
	vrrpadm "$1" stats dev eth0 vrid 51 family "$2" | awk -v n="$3" '$1 == n { print $2 }'
}
drops() {
	vrrpadm "$1" stats dev eth0 vrid 51 family "$2" |
		awk '$1 ~ /^drop_/ && $2 != 0 { printf "%s %s ", $1, $2 }'
}
held() { on r2 ip -o addr show dev eth0 | grep -q " $1/"; }
not_held() { ! held "$1"; }
# A packet to the group on the switch within 3 s (tcpdump's start included).
group_seen() { [ -n "$(on sw timeout 3 tcpdump -c 1 -ni br0 dst 224.0.0.18 2>/dev/null)" ]; }

# round NAME FAMILY VIP OURS KA_VERSION KA_ADDRS [KA_EXTRA]
round() {
	local name=$1 fam=$2 vip=$3 ours=$4 t0 took rx
	# shellcheck disable=SC2086 # one word per keyword
	vrrpadm r1 add dev eth0 vrid 51 family "$fam" priority 150 $ours ||
		fail "$name: add on r1 failed"
	wait_for 10 is_st r1 "$fam" master || fail "$name: r1 not master (is $(st r1 "$fam"))"
	start_ka "$5" "$6" "${7:-}"
	wait_for 20 ka_last BACKUP || fail "$name: keepalived did not enter BACKUP: $(ka_tail)"
	# Longer than keepalived's down interval (3 s and a skew).
	sleep 4.5
	kill -0 $kapid 2>/dev/null || fail "$name: keepalived died: $(ka_tail)"
	ka_last BACKUP || fail "$name: keepalived left BACKUP while r1 is master: $(kalog)"
	! held "$vip" || fail "$name: keepalived holds $vip as backup"
	if [[ $ours == *peer* ]] && group_seen; then
		fail "$name: a packet went to 224.0.0.18 in unicast mode"
	fi
	t0=$(now_ms)
	vrrpadm r1 del dev eth0 vrid 51 family "$fam" || fail "$name: del on r1 failed"
	wait_for 10 ka_last MASTER || fail "$name: keepalived not MASTER after our del: $(kalog)"
	took=$(($(now_ms) - t0))
	# Our priority 0 made it take over, not its down timer.
	grep -q "(VI_51) Backup received priority 0 advertisement" "$LOG" ||
		fail "$name: keepalived took over ${took} ms after our del without our priority 0"
	wait_for 5 held "$vip" || fail "$name: keepalived MASTER without $vip"
	# shellcheck disable=SC2086
	vrrpadm r1 add dev eth0 vrid 51 family "$fam" priority 150 $ours ||
		fail "$name: add on r1 again failed"
	wait_for 15 is_st r1 "$fam" master || fail "$name: r1 did not preempt keepalived (is $(st r1 "$fam"))"
	wait_for 10 ka_last BACKUP || fail "$name: keepalived not BACKUP again: $(kalog)"
	wait_for 10 not_held "$vip" || fail "$name: keepalived kept $vip"
	rx=$(counter r1 "$fam" adverts_rx)
	[ "$rx" -gt 0 ] || fail "$name: r1 took none of keepalived's adverts: $(drops r1 "$fam")"
	[ -z "$(drops r1 "$fam")" ] || fail "$name: r1 dropped keepalived's adverts: $(drops r1 "$fam")"
	RESULT+="$name ${took}ms; "
	stop_ka
	vrrpadm r1 del dev eth0 vrid 51 family "$fam"
}

RESULT=
round "v3 inet6" inet6 2001:db8::10 \
	"interval 1s vip fe80::1/64 vip 2001:db8::10/64" 3 \
	"$(printf '\t\tfe80::1/64\n\t\t2001:db8::10/64')"
round "v2 inet" inet "$VIP" "version 2 interval 1s vip $VIP/24" 2 "$(printf '\t\t%s/24' "$VIP")"
round "unicast inet" inet "$VIP" "interval 1s peer 192.0.2.2 vip $VIP/24" 3 \
	"$(printf '\t\t%s/24' "$VIP")" \
	"$(printf '\tunicast_src_ip 192.0.2.2\n\tunicast_peer {\n\t\t192.0.2.1\n\t}')"
pass "keepalived took over on our priority 0 and gave way again: ${RESULT%; }"
