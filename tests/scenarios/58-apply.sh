#!/bin/bash
# 58-apply: vrrpadm apply makes the kernel match a configuration file and
# touches nothing that already does. r1 and r2 each apply a file (r1
# master of vrids 51 and 52, a health object). vrid 51 is named VI_51:
# show and the kernel's log line say so; show -j says the master's
# priority (on r1 and on r2) and since when. Applying r1's file again,
# and applying what showconf prints, change nothing: no request is sent
# (the monitor sees no event), and on the wire no priority 0 and no
# gratuitous ARP; the states and the became_master counters stay. A
# changed priority is one set in place (r1 stays master, no transition),
# and r2 sees the master's new priority.
# A VIP moved from vrid 51 to vrid 52 (both master on r1) is on eth0
# afterwards and stays: the old holder gives it up before the new one
# takes it. An instance left out of the file is deleted with priority 0
# on the wire, its object with it. --dry-run prints the plan and changes
# nothing; a file with an error is refused whole (exit 2, FILE:LINE);
# an instance on a missing interface is left out with a warning, and the
# next apply after the interface appears creates it. Then N instances
# from one file (one process, one netlink conversation), and the same
# file again: no change. Last, ip(8)'s habits: -n NETNS, "sh" for show,
# exit status 3 for no such instance or object (1 for other refusals);
# stats --prometheus, read by the Prometheus client's parser, and
# --textfile.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-robust.sh"

N=$(scaled 200)
F=$TMPD

load
topology

cat >"$F/r1.conf" <<'EOF'
# r1: master of both
track web lease 60s

instance dev eth0 vrid 51
    name VI_51
    priority 200 interval 100ms
    vip 192.0.2.10/24
    vip 192.0.2.11/24   # moves to vrid 52 later
    track web weight -50
instance dev eth0 vrid 52 priority 200 interval 100ms vip 198.51.100.52/24
EOF
sed -e 's/priority 200/priority 100/' -e '/^track/d' -e '/track web/d' \
	"$F/r1.conf" >"$F/r2.conf"

out=$(vrrpadm r1 apply "$F/r1.conf" 2>&1) || fail "apply on r1: $out"
[ "$(grep -c '^add ' <<<"$out")" = 2 ] && grep -q '^track add web lease 60000ms$' <<<"$out" ||
	fail "apply on r1 printed: $out"
out=$(vrrpadm r2 apply "$F/r2.conf" 2>&1) || fail "apply on r2: $out"
wait_for 15 is_state r1 master 51 && wait_for 15 is_state r1 master 52 ||
	fail "r1 not master of 51 and 52: $(state r1 51), $(state r1 52)"
wait_for 15 is_state r2 backup 51 && wait_for 15 is_state r2 backup 52 ||
	fail "r2 not backup of 51 and 52: $(state r2 51), $(state r2 52)"
wait_for 5 has_vip r1 192.0.2.11 || fail "r1 master without 192.0.2.11"
# The name, in show, in the kernel's log line; who is master, and since when.
[ "$(field r1 'i["name"]' 51)" = VI_51 ] || fail "r1's vrid 51 is named $(field r1 'i["name"]' 51)"
dmesg | grep -q 'eth0 vrid 51 inet \[VI_51\] (netns [0-9]*): backup -> master' ||
	fail "no log line with the name: $(dmesg | grep 'vrid 51' | tail -2)"
wait_for 5 eval '[ "$(field r2 "i[\"master_priority\"]" 51)" = 200 ]' ||
	fail "r2's master_priority is $(field r2 'i["master_priority"]' 51), not r1's 200"
[ "$(field r1 'i["master_priority"]' 51)" = 200 ] || fail "r1's own master_priority: $(field r1 'i["master_priority"]' 51)"
[ "$(field r1 'i["state_age_ms"] > 0 and i["state_since"][:2] == "20"' 51)" = True ] ||
	fail "state_since/state_age_ms: $(field r1 'i["state_since"], i["state_age_ms"]' 51)"
sleep 6	# the garp-delay's second round is over: any ARP now is a reload's

# --- the same file, and showconf's, change nothing -----------------------
bm51=$(stat r1 became_master 51) bm52=$(stat r1 became_master 52)
monitor r1 "$F/mon"
capture r2 "$F/wire" -vv '(vrrp or arp) and ether src '"$(mac r1)"
out=$(vrrpadm r1 apply "$F/r1.conf" 2>&1) || fail "apply again: $out"
[ -z "$out" ] || fail "apply again printed changes: $out"
vrrpadm r1 showconf >"$F/shown" || fail "showconf failed"
out=$(vrrpadm r1 -j apply "$F/shown" 2>&1) || fail "apply of showconf: $out"
[ "$out" = '{"changes":[],"unchanged":2}' ] ||
	fail "apply of showconf's output is no no-op: $out ($(cat "$F/shown"))"
sleep 1.5
capture_stop "$CAPTURE_PID"
[ ! -s "$F/mon" ] || fail "an unchanged apply made events: $(cat "$F/mon")"
! grep -q 'prio 0' "$F/wire" || fail "an unchanged apply sent priority 0: $(grep 'prio 0' "$F/wire")"
! grep -qi 'arp' "$F/wire" || fail "an unchanged apply sent ARP: $(grep -i arp "$F/wire" | head -3)"
grep -q 'vrid 51, prio 200' "$F/wire" || fail "no adverts of r1 in the capture: $(head -3 "$F/wire")"
[ "$(stat r1 became_master 51)" = "$bm51" ] && [ "$(stat r1 became_master 52)" = "$bm52" ] ||
	fail "became_master moved: 51 $bm51 -> $(stat r1 became_master 51), 52 $bm52 -> $(stat r1 became_master 52)"

# --- a changed priority is a set in place --------------------------------
sed -i 's/priority 200 interval 100ms$/priority 180 interval 100ms/' "$F/r1.conf"
out=$(vrrpadm r1 apply "$F/r1.conf" 2>&1) || fail "apply of priority 180: $out"
[ "$out" = 'set dev eth0 vrid 51 priority 180' ] || fail "priority 180: the plan was: $out"
[ "$(jval r1 priority 51)" = 180 ] || fail "priority is $(jval r1 priority 51), not 180"
wait_for 5 eval '[ "$(field r2 "i[\"master_priority\"]" 51)" = 180 ]' ||
	fail "r2's master_priority is $(field r2 'i["master_priority"]' 51) after the change, not 180"
sleep 0.5
grep -q ' -> ' "$F/mon" && fail "a priority change made a transition: $(cat "$F/mon")"
is_state r1 master 51 || fail "r1 is $(state r1 51) after a priority change"

# --- a VIP moves from 51 to 52 --------------------------------------------
sed -i -e '/192.0.2.11/d' -e 's|vip 198.51.100.52/24|vip 198.51.100.52/24 vip 192.0.2.11/24|' "$F/r1.conf"
on r1 ip -o monitor address dev eth0 >"$F/addr" 2>&1 &
BG_PIDS+=($!)
sleep 0.5
out=$(vrrpadm r1 apply "$F/r1.conf" 2>&1) || fail "apply of the move: $out"
first=$(head -n1 <<<"$out")
[ "$first" = 'set dev eth0 vrid 51 vip 192.0.2.10/24' ] || fail "the move did not take the VIP from 51 first: $out"
sleep 1
has_vip r1 192.0.2.11 || fail "192.0.2.11 is gone after the move (events: $(cat "$F/addr"))"
vips_of_52=$(vrrpadm r1 -j show dev eth0 vrid 52 | "$PY" -c 'import json,sys; print(" ".join(json.load(sys.stdin)[0]["vips"]))')
[[ " $vips_of_52 " == *" 192.0.2.11/24 "* ]] || fail "vrid 52's VIPs after the move: $vips_of_52"
grep -q 'Deleted.*192.0.2.11/' "$F/addr" || fail "the moved VIP was never taken off (events: $(cat "$F/addr"))"

# --- an instance left out: deleted, priority 0 on the wire ----------------
capture r2 "$F/wire2" -vv 'vrrp and ether src '"$(mac r1)"
sed -i '/vrid 52/d; /^track/d; /track web/d' "$F/r1.conf"
out=$(vrrpadm r1 apply "$F/r1.conf" 2>&1) || fail "apply without vrid 52: $out"
grep -q '^del dev eth0 vrid 52$' <<<"$out" && grep -q '^track del web$' <<<"$out" ||
	fail "apply without vrid 52 and web: $out"
sleep 1
capture_stop "$CAPTURE_PID"
grep -q 'vrid 52, prio 0' "$F/wire2" || fail "no priority 0 for the deleted vrid 52: $(grep -c . "$F/wire2") packets"
wait_for 5 is_state r2 master 52 || fail "r2 did not take vrid 52 over: $(state r2 52)"
vrrpadm r1 track show web >/dev/null 2>&1 && fail "health object web survived"

# --- dry run, refused files, a missing interface --------------------------
before=$(vrrpadm r1 showconf)
printf 'instance dev eth0 vrid 51 priority 90 vip 192.0.2.10/24\n' >"$F/dry.conf"
out=$(vrrpadm r1 apply --dry-run "$F/dry.conf" 2>&1) || fail "dry run: $out"
[ "$out" = 'set dev eth0 vrid 51 noname priority 90 interval 1000ms' ] || fail "dry run plan: $out"
[ "$(vrrpadm r1 showconf)" = "$before" ] || fail "a dry run changed something"
printf 'instance dev eth0 vrid 51\n    priority 90\n    vip 192.0.2.10/24\ninstance dev eth0 vrid 53\n    vip 192.0.2.53\n    preempt-delay soon\n' >"$F/bad.conf"
out=$(vrrpadm r1 apply "$F/bad.conf" 2>&1)
rc=$?
[ $rc = 2 ] || fail "a wrong file: exit $rc, not 2 ($out)"
grep -q "^Error: $F/bad.conf:6: .*preempt-delay" <<<"$out" || fail "a wrong file: no FILE:LINE: $out"
[ "$(vrrpadm r1 showconf)" = "$before" ] || fail "a refused file changed something"
printf 'instance dev eth0 vrid 51 priority 180 interval 100ms vip 192.0.2.10/24\ninstance dev dum0 vrid 7 vip 203.0.113.7\n' >"$F/dum.conf"
out=$(vrrpadm r1 apply "$F/dum.conf" 2>&1) || fail "apply with a missing interface: $out"
grep -q "Warning: $F/dum.conf:2: .*dum0" <<<"$out" || fail "no warning for the missing dum0: $out"
on r1 ip link add dum0 up type dummy || fail "dummy dum0"
out=$(vrrpadm r1 apply "$F/dum.conf" 2>&1) || fail "apply with dum0 there: $out"
[ "$out" = 'add dev dum0 vrid 7 priority 100 interval 1000ms vip 203.0.113.7/32' ] || fail "apply with dum0: $out"

# --- N instances from one file, then the same file again ------------------
{
	for v in $(seq 1 "$N"); do
		printf 'instance dev eth0 vrid %d family inet6\n    priority 150 interval 1s\n    vip fe80::%x\n' "$v" "$v"
	done
} >"$F/many.conf"
t0=$(ms)
out=$(vrrpadm r1 apply "$F/many.conf" 2>&1) || fail "apply of $N: $(tail -3 <<<"$out")"
took=$(($(ms) - t0))
[ "$(grep -c '^add ' <<<"$out")" = "$N" ] || fail "apply of $N added $(grep -c '^add ' <<<"$out")"
[ "$(grep -c '^del ' <<<"$out")" = 2 ] || fail "apply of $N did not delete the 2 others: $out"
t0=$(ms)
out=$(vrrpadm r1 -j apply "$F/many.conf" 2>&1) || fail "apply of $N again: $out"
again=$(($(ms) - t0))
[ "$out" = "{\"changes\":[],\"unchanged\":$N}" ] || fail "apply of $N again: $out"
# --- iproute2 habits: -n, prefixes, exit status 3 ----------------------------
# -n r1: r1's eth0 and its instances, not the VM's own.
got=$("$VRRPADM" -n r1 -j sh dev eth0 vrid 1 family inet6 | "$PY" -c '
import json, sys
print(" ".join("%s/%s/%s" % (i["dev"], i["vrid"], i["family"]) for i in json.load(sys.stdin)))')
[ "$got" = "eth0/1/inet6" ] || fail "-n r1 -j sh dev eth0 vrid 1 family inet6 gave: $got"
vrrpadm r1 del dev eth0 vrid 250 2>/dev/null
rc=$?
[ $rc = 3 ] || fail "del of no such instance: exit $rc, not 3"
vrrpadm r1 show dev eth0 vrid 250 2>/dev/null
rc=$?
[ $rc = 3 ] || fail "show of no such instance: exit $rc, not 3"
vrrpadm r1 track del nosuch 2>/dev/null
rc=$?
[ $rc = 3 ] || fail "track del of no such object: exit $rc, not 3"
vrrpadm r1 set dev eth0 vrid 1 family inet6 track nosuch 2>/dev/null
rc=$?
[ $rc = 1 ] || fail "set tracking no such object: exit $rc, not 1"
# --- stats --prometheus, parsed by the Prometheus client's own parser ----------
vrrpadm r1 stats --textfile "$F" || fail "stats --textfile failed"
[ -f "$F/vrrp.prom" ] && [ -z "$(ls "$F"/.vrrp.prom.* 2>/dev/null)" ] ||
	fail "--textfile left no vrrp.prom, or a temporary file: $(ls -a "$F")"
master1() { [ "$(state6 r1 1)" = master ]; }
wait_for 15 master1 || fail "r1's inet6 vrid 1 is $(state6 r1 1), not master"
prom=$(vrrpadm r1 stats --prometheus dev eth0 vrid 1 | "$PY" -c '
import sys
from prometheus_client.parser import text_string_to_metric_families
fams = {f.name: f for f in text_string_to_metric_families(sys.stdin.read())}
def value(fam, **labels):
    for s in fams[fam].samples:
        if all(s.labels.get(k) == v for k, v in labels.items()):
            return s.value
state = value("vrrp_instance_state", dev="eth0", vrid="1", family="inet6", state="master")
sent = value("vrrp_instance_adverts_sent", dev="eth0", vrid="1", family="inet6")
print(len(fams), state, sent > 0, fams["vrrp_instance_adverts_sent"].type)
') || fail "the Prometheus parser refused stats --prometheus: $prom"
[[ $prom == *" 1.0 True counter" ]] || fail "stats --prometheus, parsed: $prom (families, master, adverts sent, type)"
# --- show, stats and del: the same selectors, vrid alone too ----------------
vrrpadm r1 add dev eth0 vrid 2 vip 192.0.2.102/32 || fail "add inet vrid 2 on eth0"
vrrpadm r1 add dev dum0 vrid 2 vip 203.0.113.2/32 || fail "add vrid 2 on dum0"
keys() { # keys ARGS...: dev/vrid/family of what vrrpadm -j ARGS lists, sorted
	vrrpadm r1 -j "$@" | "$PY" -c '
import json, sys
print(" ".join(sorted("%s/%s/%s" % (i["dev"], i["vrid"], i["family"]) for i in json.load(sys.stdin))))'
}
want="dum0/2/inet eth0/2/inet eth0/2/inet6"
got=$(keys show vrid 2) && [ "$got" = "$want" ] || fail "show vrid 2: $got"
got=$(keys stats vrid 2) && [ "$got" = "$want" ] || fail "stats vrid 2: $got"
got=$(keys show vrid 2 family inet) && [ "$got" = "dum0/2/inet eth0/2/inet" ] ||
	fail "show vrid 2 family inet: $got"
[ "$(vrrpadm r1 -j show dev eth0 vrid 2 | "$PY" -c 'import json,sys; j=json.load(sys.stdin); print(sorted(j[0]))')" = \
  "$(vrrpadm r1 -j stats dev eth0 vrid 2 | "$PY" -c 'import json,sys; j=json.load(sys.stdin); print(sorted(j[0]))')" ] ||
	fail "stats -j and show -j objects have different keys"
vrrpadm r1 del >/dev/null 2>&1
rc=$?
[ $rc = 2 ] || fail "del without a selector: exit $rc, not 2"
vrrpadm r1 del dev eth0 vrid 2 || fail "del dev eth0 vrid 2 (both families)"
got=$(keys show vrid 2) && [ "$got" = "dum0/2/inet" ] || fail "after del dev eth0 vrid 2: $got"
vrrpadm r1 del vrid 2 || fail "del vrid 2"
vrrpadm r1 show vrid 2 >/dev/null 2>&1
rc=$?
[ $rc = 3 ] || fail "show vrid 2 after del vrid 2: exit $rc, not 3"
vrrpadm r1 del vrid 2 2>/dev/null
rc=$?
[ $rc = 3 ] || fail "del vrid 2 again: exit $rc, not 3"
[ "$(vrrpadm r1 -j show dev eth0 vrid 1 family inet6 | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)))')" = 1 ] ||
	fail "del vrid 2 took vrid 1 too"
pass "reload: no event, no priority 0, no ARP; priority set in place; VIP moved; del with priority 0; $N instances in ${took} ms, again (no change) in ${again} ms"
