#!/bin/bash
# failover.sh: benchmarks 2 and 3, failover and graceful handover time,
# inside the test VM (bench/run boots it). For each implementation (vrrp:
# this module; keepalived) and advert interval, r1 is master (priority 200)
# and r2 its backup (100), and a client pings the VIP every millisecond.
# Each failover takes r1 away in one of these ways, then brings it back:
#   cut     without warning: the switch drops every frame from and to r1's
#           port (an nftables bridge rule); r1 itself notices nothing
#   stop    a clean stop of r1: vrrpadm del; keepalived's SIGTERM
#   ifdown  r1's interface goes down
# (rmmod cannot be measured here: the backup runs in the same kernel, and
# rmmod stops it too; 18-prio0-rmmod checks its priority 0 advert.)
# A capture on r2's switch port (-e: the Ethernet source tells r2's frames
# from r1's) gives, per failover, the last advert of r1 that reached r2
# (the priority 0 one after a clean stop), then r2's first advert, first
# gratuitous ARP for the VIP and first echo reply to the client. Then r1
# comes back and preempts, the client forgets its ARP entry (so every
# failover starts from a client that resolved the VIP to r1), and the next
# one starts. r2's frames carry the stamp of r2's own transmit
# (stamp_on_send); r1's, going out of the port, the time the switch
# forwarded them (a packet tap on transmit stamps afresh): nothing loads
# the guest here, so the two differ by the switch's few microseconds.
# Written to $VRRP_VM_OUT_DIR: failover-IMPL-WAY-INTERVALms.json (figures
# and every failover's times). Prints one line per run.
# BENCH_FAILOVERS (default 20), BENCH_FAILOVER_INTERVALS (cut; default
# "10 100 1000"), BENCH_HANDOVER_INTERVALS (stop and ifdown; default 100),
# BENCH_FAILOVER_WAYS (default "cut stop ifdown"), BENCH_IMPLS (default:
# all), all read as VRRP_BENCH_*. VRRP_BENCH_KEEP=1 also keeps each
# capture as text (NAME.txt) beside the figures.
set -u
cd "$(dirname "$0")/../tests/scenarios" || exit 1
. ./lib.sh
. ./lib-failover.sh

COUNT=${VRRP_BENCH_FAILOVERS:-20}
INTERVALS=${VRRP_BENCH_FAILOVER_INTERVALS:-10 100 1000}
HANDOVER_INTERVALS=${VRRP_BENCH_HANDOVER_INTERVALS:-100}
WAYS=${VRRP_BENCH_FAILOVER_WAYS:-cut stop ifdown}
IMPLS=${VRRP_BENCH_IMPLS:-vrrp keepalived}
OUT=${VRRP_VM_OUT_DIR:-/tmp/bench-out}
BENCH=$REPO/bench
PY=/usr/bin/python3
mkdir -p "$OUT"
. "$BENCH/lib-impl.sh"

# The switch's filter: empty while r1 is connected.
cut_setup() {
	sw nft -f - <<-'EOF'
	table bridge bench {
		chain forward {
			type filter hook forward priority 0; policy accept;
		}
	}
	EOF
}
cut() { sw nft -f - <<<'add rule bridge bench forward iifname "p-r1" drop
add rule bridge bench forward oifname "p-r1" drop'; }
heal() { sw nft flush chain bridge bench forward; }

# take_r1 WAY IMPL and bring_r1 WAY IMPL INTERVAL_MS: r1 away and back.
take_r1() {
	case $1 in
	cut) cut ;;
	stop) "stop_r1_$2" ;;
	ifdown) r1 ip link set eth0 down ;;
	esac
}
bring_r1() {
	case $1 in
	cut) heal ;;
	stop) "start_r1_$2" "$3" ;;
	ifdown) r1 ip link set eth0 up ;;
	esac
}

client_to_r1() { neigh_is client $VIP "$R1MAC"; }
client_to_r2() { neigh_is client $VIP "$R2MAC"; }

run_one() { # IMPL INTERVAL_MS WAY
	local impl=$1 ivl=$2 way=$3 name pcap tcpd ping i ok=0 settle cuts=/tmp/cuts
	name=failover-$impl-$way-${ivl}ms
	pcap=/tmp/$name.pcap
	# A failover takes about 3.6 intervals; room for each step to be slow.
	settle=$(((ivl * 10 + 999) / 1000 + 5))
	topology
	cut_setup
	R1MAC=$(mac r1) R2MAC=$(mac r2)
	"start_$impl" "$ivl" || { say "$name: $impl did not start"; teardown; return 1; }
	if ! wait_for 20 "is_master_$impl"; then
		say "$name: r1 not master at start"
		"stop_$impl"; teardown; return 1
	fi
	client ping -q -i 0.001 $VIP >/dev/null 2>&1 &
	ping=$!
	sw tcpdump -i p-r2 --immediate-mode -B 16384 -s 96 -n -e -U -w "$pcap" \
		"ip proto 112 or arp or icmp[icmptype] == icmp-echoreply" 2>/tmp/$name.tcpdump &
	tcpd=$!
	wait_for 10 [ -s "$pcap" ] || sleep 1
	: >$cuts
	for i in $(seq 1 "$COUNT"); do
		if ! wait_for "$settle" client_to_r1; then
			say "$name: failover $i: the client does not reach r1 ($(neigh_mac client $VIP))"
			break
		fi
		sleep "0.$((RANDOM % 10))"
		echo "$EPOCHREALTIME" >>$cuts
		take_r1 "$way" "$impl"
		# Done once the client follows r2's gratuitous ARP, and its
		# pings have had time to be answered.
		wait_for "$settle" client_to_r2 ||
			say "$name: failover $i: the client never followed r2"
		sleep 0.3
		bring_r1 "$way" "$impl" "$ivl"
		if ! wait_for "$settle" "is_master_$impl"; then
			say "$name: failover $i: r1 not master again once back"
			break
		fi
		client ip neigh flush dev eth0
		ok=$i
	done
	kill "$ping" 2>/dev/null
	pkill -TERM -x tcpdump
	wait "$tcpd" 2>/dev/null
	"stop_$impl"
	sw tcpdump -r "$pcap" -tt -n -e >/tmp/$name.txt 2>/dev/null
	teardown
	"$PY" "$BENCH/failover.py" "$name" "$ivl" "$OUT" "$R1MAC" "$R2MAC" "$cuts" "$ok" \
		</tmp/$name.txt
	[ -z "${VRRP_BENCH_KEEP:-}" ] || cp /tmp/$name.txt "$OUT/"
	rm -f "$pcap" /tmp/$name.txt /tmp/$name.tcpdump
}

ka_init
stamp_on_send
for impl in $IMPLS; do
	for way in $WAYS; do
		ivls=$INTERVALS
		[ "$way" = cut ] || ivls=$HANDOVER_INTERVALS
		for ivl in $ivls; do
			run_one "$impl" "$ivl" "$way"
		done
	done
done
stamp_off
