#!/bin/bash
# Bad requests are refused whole: each fails with the documented exit status
# (1: refused by the kernel or the system, 2: usage error caught by the
# tool, 3: no such instance), a message naming what is wrong (the kernel's extack text where the
# kernel refuses), and leaves the namespace's instances and addresses as
# they were. An unprivileged caller gets "Operation not permitted".
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

# Everything `vrrpadm show` reports except counters and timing, plus the
# addresses on eth0.
snapshot() {
	vrrpadm r1 -j show | python3 -c '
import json, sys
for i in json.load(sys.stdin):
    for k in ("stats", "state_since", "state_age_ms"):
        i.pop(k, None)
    print(sorted(i.items()))'
	on r1 ip -4 -o addr show dev eth0 | awk '{print $4}'
}

inst r1 51 150 $VIP interval 100ms || fail "vrrpadm add in r1 failed"
wait_for 10 is_state r1 master || fail "r1 not master at start (is $(state r1))"
wait_for 10 has_vip r1 || fail "r1 master without the VIP at start"
before=$(snapshot)

V="vip 192.0.2.20/24"
# CASE NAME | EXIT | PATTERN (grep -E, in stderr) | ARGS
cases=(
	"unknown dev|1|nope0|add dev nope0 vrid 52 $V"
	"vrid 0|2|vrid|add dev eth0 vrid 0 $V"
	"vrid 256|2|vrid|add dev eth0 vrid 256 $V"
	"interval 15ms|1|interval: .*multiple of 10ms|add dev eth0 vrid 52 interval 15ms $V"
	"interval 5ms|1|interval: .*from 10ms|add dev eth0 vrid 52 interval 5ms $V"
	"interval 50s|1|interval: .*to 40950ms|add dev eth0 vrid 52 interval 50s $V"
	"no vip|2|vip|add dev eth0 vrid 52"
	"duplicate instance|1|vrid: .*already|add dev eth0 vrid 51 $V"
	"priority 0|1|priority: must be 1-255|add dev eth0 vrid 52 priority 0 $V"
	"garp-count 0|1|garp-count: must be 1-100|add dev eth0 vrid 52 garp-count 0 $V"
	"vip 224.0.0.1|1|vip: not a unicast|add dev eth0 vrid 52 vip 224.0.0.1"
	"vip listed twice|1|vip: address listed twice|add dev eth0 vrid 52 $V $V"
	"set nonexistent|3|vrid: no such instance|set dev eth0 vrid 52 priority 10"
	"del nonexistent|3|vrid: no such instance|del dev eth0 vrid 52"
	"set priority 0|1|priority: must be 1-255|set dev eth0 vrid 51 priority 0"
	"set interval 5ms|1|interval: |set dev eth0 vrid 51 priority 120 interval 5ms"
	"set vip listed twice|1|vip: address listed twice|set dev eth0 vrid 51 priority 120 $V $V"
	"route host bits|1|route: the destination has bits set beyond its prefix length|set dev eth0 vrid 51 route 198.51.100.1/24"
	"route listed twice|1|route: destination listed twice|set dev eth0 vrid 51 route 198.51.100.0/24 route 198.51.100.0/24 via 192.0.2.2"
	"route via multicast|1|route: the gateway is not a unicast address|set dev eth0 vrid 51 route 198.51.100.0/24 via 224.0.0.5"
	"route via inet6|2|invalid via|set dev eth0 vrid 51 route 198.51.100.0/24 via 2001:db8::1"
	"route unknown dev|1|nope0|set dev eth0 vrid 51 route 198.51.100.0/24 dev nope0"
	"vip unknown dev|1|nope0|set dev eth0 vrid 51 $V dev nope0"
	"vip label of another|2|must be \"eth0\" or start with \"eth0:\"|set dev eth0 vrid 51 $V label lo:1"
	"vip bad scope|2|invalid scope|set dev eth0 vrid 51 $V scope far"
	"first IPv6 vip elsewhere|1|vip: the first IPv6 address \\(link-local\\) stays on the instance's interface|add dev eth0 vrid 52 family inet6 vip fe80::1 dev lo"
)
for c in "${cases[@]}"; do
	IFS='|' read -r name want pattern args <<<"$c"
	# shellcheck disable=SC2086 # ARGS are words
	err=$(vrrpadm r1 $args 2>&1 >/dev/null)
	rc=$?
	[ $rc -eq "$want" ] || fail "$name: expected exit $want, got $rc ($err)"
	grep -qE "$pattern" <<<"$err" || fail "$name: message does not match /$pattern/: $err"
	now=$(snapshot)
	[ "$now" = "$before" ] || fail "$name: changed the namespace: before: $before; after: $now"
done

# Unprivileged: no CAP_NET_ADMIN, so the kernel refuses before parsing.
err=$(r1 setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	"$VRRPADM" add dev eth0 vrid 52 $V 2>&1 >/dev/null)
rc=$?
[ $rc -eq 1 ] || fail "unprivileged add: expected exit 1, got $rc ($err)"
grep -q "Operation not permitted" <<<"$err" || fail "unprivileged add: message: $err"
[ "$(snapshot)" = "$before" ] || fail "unprivileged add changed the namespace"
# ...while reading is allowed.
out=$(r1 setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all \
	"$VRRPADM" show dev eth0 vrid 51 2>&1) || fail "unprivileged show failed: $out"
is_state r1 master || fail "r1 left master during the rejections (is $(state r1))"
pass
