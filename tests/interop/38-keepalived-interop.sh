#!/bin/bash
# Interop with keepalived 2.2.7 (VRRPv3, IPv4) as r2's backup: it accepts
# our adverts (checksum with the IPv4 pseudo-header) and stays backup; when
# we delete our instance, our priority 0 advert hands over at once (well
# under keepalived's 3.6s down interval); when we come back at priority 150
# we accept keepalived's adverts and preempt it.
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/lib-robust.sh"
. "$(dirname "$0")/../scenarios/lib-keepalived.sh"
load
topology

cat >$KA/keepalived.conf <<KAEOF
global_defs {
	router_id ka-r2
	vrrp_version 3
}
vrrp_instance VI_51 {
	state BACKUP
	interface eth0
	virtual_router_id 51
	priority 100
	advert_int 1
	virtual_ipaddress {
		$VIP/24
	}
}
KAEOF
tcpdump=
trap 'stop_ka; [ -z "$tcpdump" ] || kill $tcpdump 2>/dev/null' EXIT

inst r1 51 150 $VIP || fail "vrrpadm add in r1 failed"
wait_for 10 is_state r1 master || fail "r1 not master at start (is $(state r1))"

run_ka $KA/keepalived.conf
wait_for 20 ka_last BACKUP || fail "keepalived did not enter BACKUP: $(ka_tail)"
# Longer than keepalived's down interval (3 * 1s + skew): it would have
# taken over by now had it dropped our adverts.
sleep 6
kill -0 $kapid 2>/dev/null || fail "keepalived died: $(ka_tail)"
ka_last BACKUP || fail "keepalived left BACKUP while we are master: states $(kalog)"
grep -qi 'checksum' "$LOG" && fail "keepalived complains about checksums: $(grep -i -m1 checksum "$LOG")"
no_vip r2 || fail "r2 (keepalived backup) holds the VIP"
is_state r1 master || fail "r1 left master with keepalived as backup (is $(state r1))"

# The handover as the client sees it on the wire: from our priority 0
# advert to keepalived's first advert.
PCAP=/tmp/38-handover.pcap
client tcpdump -i eth0 -n -U -w $PCAP 'ip proto 112' 2>/dev/null &
tcpdump=$!
wait_for 20 [ -s $PCAP ] || fail "tcpdump in the client did not start"
vrrpadm r1 del dev eth0 vrid 51 || fail "vrrpadm del in r1 failed"
wait_for 10 has_vip r2 || fail "keepalived did not take the VIP after our del: states $(kalog)"
wait_for 10 ka_last MASTER || fail "keepalived not MASTER after our del: states $(kalog)"
# keepalived logs MASTER and adds the VIP before its first advert leaves:
# the capture is read once that advert is in it.
ka_advert_captured() { tcpdump -r $PCAP -n 2>/dev/null | grep -q ' 192\.0\.2\.2 > '; }
wait_for 10 ka_advert_captured || fail "no advert from keepalived in the capture after our del"
kill $tcpdump; wait $tcpdump 2>/dev/null
handover=$(tcpdump -r $PCAP -tt -n 2>/dev/null | awk '
	/ 192\.0\.2\.1 > .* prio 0,/ && !t0 { t0 = $1 }
	/ 192\.0\.2\.2 > / && t0 && !t1 { t1 = $1 }
	END { if (t0 && t1) printf "%d\n", (t1 - t0) * 1000 }')
[ -n "$handover" ] || fail "no priority 0 advert from r1 followed by keepalived's in the capture: $(tcpdump -r $PCAP -n 2>/dev/null | head -5 | tr '\n' ' ')"
[ "$handover" -lt 2000 ] || fail "handover took ${handover}ms on the wire (expected well under keepalived's 3609ms down interval: priority 0)"

inst r1 51 150 $VIP || fail "vrrpadm re-add in r1 failed"
wait_for 15 is_state r1 master || fail "r1 did not preempt keepalived (is $(state r1))"
wait_for 10 ka_last BACKUP || fail "keepalived did not go back to BACKUP: states $(kalog)"
wait_for 10 no_vip r2 || fail "keepalived kept the VIP after going BACKUP"
wait_for 10 has_vip r1 || fail "r1 master without the VIP"
rx=$(stat r1 adverts_rx) csum=$(stat r1 drop_checksum)
[ "$rx" -gt 0 ] || fail "r1 accepted none of keepalived's adverts (adverts_rx 0, drop_checksum $csum)"
[ "$csum" -eq 0 ] || fail "r1 dropped $csum of keepalived's adverts for their checksum"
stop_ka
pass "handover to keepalived in ${handover}ms, $rx keepalived adverts accepted"
