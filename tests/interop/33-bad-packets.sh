#!/bin/bash
# RFC 9568 7.1 receive checks: adverts for vrid 51 that claim priority 254
# (above both routers) but are invalid in one way each are counted under the
# matching drop counter on r1 and r2 and change nothing (r1 stays master,
# r2 backup following r1). An advert for a VRID nobody runs is counted as
# unmatched. VRRPv2 (vrid 52, 1 s, RFC 3768 7.1) has checks of its own: an
# authentication type other than 0 (drop_auth) and another interval
# (interval_mismatch) are dropped the same way. A valid advert at priority
# 254 then does make r1 yield: the bogus ones would have been acted on had
# they been accepted.
. "$(dirname "$0")/../scenarios/lib.sh"
. "$(dirname "$0")/../scenarios/lib-robust.sh"
load
topology

N=3
T=/tmp/33 OUT=/tmp/33-scapy.out
rm -f $T.*
# The client's sender, one scapy process started early (its start takes
# long in the VM): once $T.bad exists, N adverts of each invalid kind, then
# $T.sent; once $T.good exists, the valid control.
client "$PY" - "$N" $T <<'PYEOF' >$OUT 2>&1 &
import os, sys, time
from scapy.all import Ether, IP, sendp, get_if_hwaddr
from scapy.layers.vrrp import VRRP, VRRPv3

n, t = int(sys.argv[1]), sys.argv[2]
def wait_file(path):
    deadline = time.monotonic() + 150
    while not os.path.exists(path):
        if time.monotonic() > deadline:
            sys.exit("timed out waiting for " + path)
        time.sleep(0.1)
mac = get_if_hwaddr("eth0")
def advert(ttl=255, **kw):
    v = dict(vrid=51, priority=254, ipcount=1, adv=100, addrlist=["192.0.2.10"])
    v.update(kw)
    return (Ether(src=mac, dst="01:00:5e:00:00:12") /
            IP(src="192.0.2.100", dst="224.0.0.18", ttl=ttl) / VRRPv3(**v))
def bad_checksum():
    good = Ether(bytes(advert()))[VRRPv3].chksum   # pseudo-header sum
    return advert(chksum=good ^ 0x5a5a)
def v2(**kw):
    v = dict(vrid=52, priority=254, ipcount=1, authtype=0, adv=1,
             addrlist=["192.0.2.11"])
    v.update(kw)
    return (Ether(src=mac, dst="01:00:5e:00:00:12") /
            IP(src="192.0.2.100", dst="224.0.0.18", ttl=255) / VRRP(**v))
bad = [
    advert(ttl=254),
    bad_checksum(),
    advert(version=2),
    advert(type=2),
    advert(ipcount=2),                  # one address present
    advert(ipcount=0, addrlist=[]),
    advert(adv=0),
    advert(vrid=99),                    # valid, for a VRID nobody runs
    v2(authtype=1, auth1=0x61626364, auth2=0x65666768),   # simple text
    v2(adv=2),
]
wait_file(t + ".bad")
sendp([p for p in bad for _ in range(n)], iface="eth0", inter=0.02, verbose=False)
open(t + ".sent", "w").close()
wait_file(t + ".good")
sendp(advert(), iface="eth0", count=n, inter=0.3, verbose=False)
PYEOF
SENDER=$!
trap 'kill $SENDER 2>/dev/null' EXIT

# counters NS: the drop counters of vrid 51, vrid 52's (prefixed v2_), and
# the unmatched drop_vrid.
counters() {
	local s u
	s=$(vrrpadm "$1" -j stats) && u=$(vrrpadm "$1" -j stats --unmatched) ||
		return 1
	printf '%s\n%s\n' "$s" "$u" | python3 -c '
import json, sys
j = json.loads(sys.stdin.readline())
st = {i["vrid"]: i["stats"] for i in j}
unmatched = json.loads(sys.stdin.readline())
names = ["drop_ttl", "drop_checksum", "drop_version", "drop_type",
         "drop_length", "drop_addr_list", "drop_interval", "adverts_rx",
         "became_master"]
v2 = ["drop_auth", "interval_mismatch", "adverts_rx", "became_master"]
print(" ".join("%s=%s" % (k, st[51][k]) for k in names),
      " ".join("v2_%s=%s" % (k, st[52][k]) for k in v2),
      "unmatched_vrid=%s" % unmatched["drop_vrid"])'
}

inst r1 51 150 $VIP interval 1s || fail "vrrpadm add in r1 failed"
inst r2 51 100 $VIP interval 1s || fail "vrrpadm add in r2 failed"
inst r1 52 150 192.0.2.11 version 2 interval 1s || fail "v2 add in r1 failed"
inst r2 52 100 192.0.2.11 version 2 interval 1s || fail "v2 add in r2 failed"
wait_for 20 is_state r1 master || fail "r1 not master at start (is $(state r1))"
wait_for 10 is_state r2 backup || fail "r2 not backup at start (is $(state r2))"
wait_for 10 is_state r2 backup 52 || fail "r2 not v2 backup at start (is $(state r2 52))"
wait_for 10 follows r2 192.0.2.1 ||
	fail "r2 does not follow r1 at start"

before1=$(counters r1) && before2=$(counters r2) || fail "cannot read counters"
touch $T.bad
wait_for 150 [ -e $T.sent ] || fail "scapy did not send the packets: $(tail -3 $OUT)"
sleep 1
after1=$(counters r1) && after2=$(counters r2) || fail "cannot read counters"

# delta "BEFORE" "AFTER" NAME: how much counter NAME grew.
delta() {
	local b a
	b=$(tr ' ' '\n' <<<"$1" | sed -n "s/^$3=//p")
	a=$(tr ' ' '\n' <<<"$2" | sed -n "s/^$3=//p")
	echo $((a - b))
}
for ns in r1 r2; do
	if [ $ns = r1 ]; then b=$before1 a=$after1; else b=$before2 a=$after2; fi
	for c in drop_ttl drop_checksum drop_version drop_type drop_length \
		drop_addr_list drop_interval unmatched_vrid; do
		d=$(delta "$b" "$a" $c)
		[ "$d" -eq $N ] || fail "$ns: $c expected +$N, got +$d (before: $b; after: $a)"
	done
	for c in v2_drop_auth v2_interval_mismatch; do
		d=$(delta "$b" "$a" $c)
		[ "$d" -eq $N ] || fail "$ns: $c expected +$N, got +$d (before: $b; after: $a)"
	done
	for c in became_master v2_became_master; do
		d=$(delta "$b" "$a" $c)
		[ "$d" -eq 0 ] || fail "$ns: $c changed by $d under invalid adverts"
	done
done
for c in adverts_rx v2_adverts_rx; do
	d=$(delta "$before1" "$after1" $c)
	[ "$d" -eq 0 ] || fail "r1: $c grew by $d: an invalid advert was accepted"
done
is_state r1 master || fail "r1 left master under invalid adverts (is $(state r1))"
is_state r2 backup || fail "r2 left backup under invalid adverts (is $(state r2))"
is_state r1 master 52 || fail "r1 left v2 master under invalid adverts (is $(state r1 52))"
is_state r2 backup 52 || fail "r2 left v2 backup under invalid adverts (is $(state r2 52))"
m=$(jval r2 master_addr)
[ "$m" = 192.0.2.1 ] || fail "r2 follows $m, not r1, after invalid adverts"
has_vip r1 || fail "r1 lost the VIP under invalid adverts"

# Positive control: the same advert, valid, is obeyed.
touch $T.good
wait_for 20 follows r1 192.0.2.100 ||
	fail "control: a valid priority 254 advert did not make r1 yield (state $(state r1), master $(jval r1 master_addr); $(tail -3 $OUT))"
pass
