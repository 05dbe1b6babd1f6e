#!/bin/bash
# 93-keepalived-modes: interop with keepalived 2.2.7 (r2, priority 100) in
# the modes 38 does not cover: VRRPv3 over IPv6, VRRPv2 over IPv4, and
# VRRPv3 over IPv4 by unicast. In each:
#  - r1 (ours, 150) is master, and keepalived stays BACKUP for longer than
#    its down interval: it takes our adverts;
#  - r1 cut off (its bridge port disabled): keepalived takes over; r1 back:
#    keepalived goes back to BACKUP;
#  - r1 deleted: its priority 0 reaches keepalived (which logs it) and
#    makes it MASTER, with the VIP;
#  - r1 added again below keepalived (50): it stays backup for longer than
#    its down interval, taking keepalived's adverts (none dropped);
#  - keepalived stopped: its priority 0 makes r1 master (the reason says);
#  - keepalived started again preempts r1; cut off, r1 takes over by its
#    down timer; back, keepalived preempts r1 again; killed (SIGKILL), r1
#    takes over by its down timer.
# In unicast mode nothing goes to 224.0.0.18 from either side.
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/lib-robust.sh"
. "$(dirname "$0")/../scenarios/lib-keepalived.sh"
load
topology

trap stop_ka EXIT

# start_ka VERSION ADDRESSES [EXTRA]: keepalived in r2 for vrid 51, adverts
# every $INT seconds.
start_ka() {
	{
		printf 'global_defs {\n\trouter_id ka-r2\n\tvrrp_version %s\n}\n' "$1"
		printf 'vrrp_instance VI_51 {\n\tstate BACKUP\n\tinterface eth0\n'
		printf '\tvirtual_router_id 51\n\tpriority 100\n\tadvert_int %s\n%s\n' "$INT" "${3:-}"
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

# reason NS FAMILY: why our instance is in its state (show -j).
reason() {
	vrrpadm "$1" -j show dev eth0 vrid 51 family "$2" |
		sed -n 's/.*"reason":"\([^"]*\)".*/\1/p'
}
# cut NS / heal NS: NS's bridge port disabled (its link stays up, as in a
# partition further away), and forwarding again.
cut() { sw bridge link set dev "p-$1" state 0; }
heal() { sw bridge link set dev "p-$1" state 3; }

# round NAME FAMILY VIP OURS KA_VERSION KA_ADDRS [KA_EXTRA]
round() {
	local name=$1 fam=$2 vip=$3 ours=$4 t0 took rx
	# shellcheck disable=SC2086 # one word per keyword
	vrrpadm r1 add dev eth0 vrid 51 family "$fam" priority 150 $ours ||
		fail "$name: add on r1 failed"
	wait_for 10 is_st r1 "$fam" master || fail "$name: r1 not master (is $(st r1 "$fam"))"
	start_ka "$5" "$6" "${7:-}"
	wait_for 20 ka_last BACKUP || fail "$name: keepalived did not enter BACKUP: $(ka_tail)"
	# Longer than keepalived's down interval (3 intervals and a skew).
	sleep "$LONGER"
	kill -0 $kapid 2>/dev/null || fail "$name: keepalived died: $(ka_tail)"
	ka_last BACKUP || fail "$name: keepalived left BACKUP while r1 is master: $(kalog)"
	! held "$vip" || fail "$name: keepalived holds $vip as backup"
	if [[ $ours == *peer* ]] && group_seen; then
		fail "$name: a packet went to 224.0.0.18 in unicast mode"
	fi
	# Our master cut off: keepalived takes over by its down timer; back,
	# r1's priority sends keepalived back to BACKUP.
	cut r1
	wait_for 10 ka_last MASTER || fail "$name: keepalived not MASTER with r1 cut off: $(kalog)"
	heal r1
	wait_for 10 ka_last BACKUP || fail "$name: keepalived not BACKUP once r1 is back: $(kalog)"
	is_st r1 "$fam" master || fail "$name: r1 should have stayed master, is $(st r1 "$fam")"
	t0=$(now_ms)
	vrrpadm r1 del dev eth0 vrid 51 family "$fam" || fail "$name: del on r1 failed"
	wait_for 10 ka_last MASTER || fail "$name: keepalived not MASTER after our del: $(kalog)"
	took=$(($(now_ms) - t0))
	# Our priority 0 made it take over, not its down timer.
	grep -q "(VI_51) Backup received priority 0 advertisement" "$LOG" ||
		fail "$name: keepalived took over ${took} ms after our del without our priority 0"
	wait_for 5 held "$vip" || fail "$name: keepalived MASTER without $vip"
	# Below keepalived: r1 stays backup for longer than its down interval.
	# shellcheck disable=SC2086
	vrrpadm r1 add dev eth0 vrid 51 family "$fam" priority 50 $ours ||
		fail "$name: add on r1 below keepalived failed"
	wait_for 10 is_st r1 "$fam" backup || fail "$name: r1 (50) not backup to keepalived (is $(st r1 "$fam"))"
	sleep "$LONGER"
	is_st r1 "$fam" backup || fail "$name: r1 (50) left backup while keepalived (100) is master"
	ka_last MASTER || fail "$name: keepalived left MASTER: $(kalog)"
	# keepalived stopped: its priority 0 hands over to r1.
	stop_ka
	wait_for 10 is_st r1 "$fam" master || fail "$name: r1 not master after keepalived stopped"
	[ "$(reason r1 "$fam")" = priority-zero ] ||
		fail "$name: r1 took over for '$(reason r1 "$fam")', not keepalived's priority 0 (prio0_rx $(counter r1 "$fam" prio0_rx); $(drops r1 "$fam"); keepalived: $(ka_tail))"
	wait_for 5 not_held "$vip" || fail "$name: keepalived stopped, $vip still on r2"
	# keepalived back preempts r1; cut off, r1 takes over by its down
	# timer; back, keepalived preempts again; killed, the same.
	start_ka "$5" "$6" "${7:-}"
	wait_for 15 is_st r1 "$fam" backup || fail "$name: keepalived (100) did not preempt r1 (50): $(kalog)"
	wait_for 10 ka_last MASTER || fail "$name: keepalived not MASTER again: $(kalog)"
	cut r2
	wait_for 10 is_st r1 "$fam" master || fail "$name: r1 not master with keepalived cut off"
	[ "$(reason r1 "$fam")" = down-timer ] ||
		fail "$name: r1 took over from a cut-off keepalived for '$(reason r1 "$fam")'"
	heal r2
	wait_for 10 is_st r1 "$fam" backup || fail "$name: r1 not backup once keepalived is back"
	pkill -9 -f "keepalived.*$KA/"
	wait_for 10 is_st r1 "$fam" master || fail "$name: r1 not master after keepalived was killed"
	[ "$(reason r1 "$fam")" = down-timer ] ||
		fail "$name: r1 took over from a killed keepalived for '$(reason r1 "$fam")'"
	rx=$(counter r1 "$fam" adverts_rx)
	[ "$rx" -gt 0 ] || fail "$name: r1 took none of keepalived's adverts: $(drops r1 "$fam")"
	[ -z "$(drops r1 "$fam")" ] || fail "$name: r1 dropped keepalived's adverts: $(drops r1 "$fam")"
	RESULT+="$name ${took}ms; "
	stop_ka
	vrrpadm r1 del dev eth0 vrid 51 family "$fam"
	# keepalived killed left its VIP behind.
	r2 ip addr flush dev eth0 scope global to "$vip" 2>/dev/null
}

RESULT=
# VRRPv3 at 100 ms (keepalived takes advert_int 0.1 with version 3), so a
# down interval is 0.4 s; VRRPv2 counts in whole seconds: 3.6 s.
INT=0.1 LONGER=1.5
round "v3 inet6" inet6 2001:db8::10 \
	"interval 100ms vip fe80::1/64 vip 2001:db8::10/64" 3 \
	"$(printf '\t\tfe80::1/64\n\t\t2001:db8::10/64')"
round "unicast inet" inet "$VIP" "interval 100ms peer 192.0.2.2 vip $VIP/24" 3 \
	"$(printf '\t\t%s/24' "$VIP")" \
	"$(printf '\tunicast_src_ip 192.0.2.2\n\tunicast_peer {\n\t\t192.0.2.1\n\t}')"
INT=1 LONGER=4.5
round "v2 inet" inet "$VIP" "version 2 interval 1s vip $VIP/24" 2 "$(printf '\t\t%s/24' "$VIP")"
pass "election both ways, takeover from a cut-off or killed master both ways, priority 0 both ways, preemption back; our priority 0 handed over in: ${RESULT%; }"
