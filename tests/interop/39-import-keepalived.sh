#!/bin/bash
# The classic nginx master/backup pair, one side moved from keepalived to
# us with vrrpadm import-keepalived. Both sides' keepalived.conf are the
# usual pair (keepalived's default VRRPv2, advert_int 1, a vrrp_script
# with weight -20, state MASTER/BACKUP); r1's is imported and applied,
# r2 keeps running keepalived 2.2.7 with its own. The import reports the
# state keyword and comes out as version 2 with the check; r1 (ours,
# priority 101) is master and keepalived backup; r1's nginx check fails
# (its object goes down, priority 81) and keepalived takes over; the
# check passes again and r1 preempts; r1's service stops (vrrpadm flush,
# priority 0) and keepalived takes over at once.
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/lib-robust.sh"
. "$(dirname "$0")/../scenarios/lib-keepalived.sh"
load
topology

T=$(mktemp -d /tmp/vrrp-39.XXXXXX)
checker=
trap 'stop_ka; [ -z "$checker" ] || kill $checker 2>/dev/null; rm -rf "$T"' EXIT
# pair_conf STATE PRIORITY CHECK: one side of the pair.
pair_conf() {
	cat <<KAEOF
! the nginx pair: lb$2
global_defs {
	router_id lb-$2
}
vrrp_script chk_nginx {
	script "$3"
	interval 1
	weight -20
	fall 1
	rise 1
}
vrrp_instance VI_51 {
	state $1
	interface eth0
	virtual_router_id 51
	priority $2
	advert_int 1
	virtual_ipaddress {
		$VIP/24
	}
	track_script {
		chk_nginx
	}
}
KAEOF
}
# "nginx" is up while this file exists.
touch "$T/nginx-up"
pair_conf MASTER 101 "/usr/bin/test -e $T/nginx-up" >"$T/r1-keepalived.conf"
pair_conf BACKUP 100 /bin/true >$KA/keepalived.conf

out=$("$VRRPADM" import-keepalived --id lb-101 "$T/r1-keepalived.conf" 2>"$T/reports")
rc=$?
[ $rc = 1 ] || fail "import: exit $rc, not 1 (a keyword reported): $(cat "$T/reports")"
grep -q 'r1-keepalived.conf:13: state: a hint' "$T/reports" ||
	fail "import did not report state at its line: $(cat "$T/reports")"
printf '%s\n' "$out" >"$T/vrrp.conf"
grep -q '^    version 2$' "$T/vrrp.conf" && grep -q '^    track chk_nginx weight -20$' "$T/vrrp.conf" &&
	grep -q '^check chk_nginx script ' "$T/vrrp.conf" || fail "import gave: $out"

vrrpadm r1 apply "$T/vrrp.conf" >/dev/null || fail "apply of the imported file failed"
ip netns exec r1 "$VRRPADM" check chk_nginx from "$T/vrrp.conf" >/dev/null 2>"$T/check.err" &
checker=$!
wait_for 15 is_state r1 master || fail "r1 not master with the imported file (is $(state r1))"
run_ka $KA/keepalived.conf
wait_for 20 ka_last BACKUP || fail "keepalived did not enter BACKUP: $(ka_tail)"
sleep 5	# past keepalived's down interval: it heeds our VRRPv2 adverts
ka_last BACKUP || fail "keepalived left BACKUP while r1 is master: $(kalog)"
no_vip r2 || fail "keepalived holds the VIP as backup"

# nginx "crashes" on r1: the check takes the object down, 101 - 20 = 81.
rm "$T/nginx-up"
wait_for 15 ka_last MASTER || fail "keepalived did not take over when r1's check failed: $(kalog); r1 $(state r1) $(jval r1 effective_priority)"
wait_for 10 has_vip r2 || fail "keepalived master without the VIP"
wait_for 10 is_state r1 backup || fail "r1 is $(state r1) after keepalived took over"
touch "$T/nginx-up"
wait_for 15 is_state r1 master || fail "r1 did not preempt back when its check passed (is $(state r1))"
wait_for 10 ka_last BACKUP || fail "keepalived did not go back to BACKUP: $(kalog)"

# The service stops on r1: flush, priority 0, keepalived master at once.
t0=$(now_ms)
vrrpadm r1 flush >/dev/null || fail "flush in r1 failed"
wait_for 5 ka_last MASTER || fail "keepalived did not take over after flush: $(kalog)"
took=$(($(now_ms) - t0))
[ "$took" -lt 2500 ] || fail "keepalived took over ${took}ms after the flush (priority 0 should be well under its down interval)"
pass "imported pair: version 2, check and weight kept, state reported; keepalived backup, takes over on a failed check and ${took}ms after flush; r1 preempts back"
