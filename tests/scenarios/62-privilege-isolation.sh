#!/bin/bash
# 62-privilege-isolation: who may see and change what.
#
# 1. Without CAP_NET_ADMIN (nobody, no capabilities, via setpriv) a caller
#    in r1 can read everything (show, -j show, stats, -j stats with the
#    namespace's unmatched counters, a raw generic netlink dump, monitor,
#    whose events it does receive) but changes nothing: add, set and del
#    exit 1 with "Operation not permitted", even for an instance that does
#    not exist when named whole (dev, vrid, family: the permission check
#    comes first; without a family del reads which instances there are), the raw NEW/SET/DEL get
#    EPERM, and r1's instances are exactly as before.
# 2. One namespace's instances are invisible to and untouchable from
#    another. r1 runs vrid 51 (master) on eth0 and vrid 52 on x0, an
#    interface whose ifindex does not exist in r2; r2 runs vrid 51 (backup)
#    on its own eth0 (which has the same ifindex as r1's, as a rule), and
#    vrid 62.
#    From r2: GET/SET/DEL of (x0's ifindex, 52) fail with ENOENT, NEW on
#    it with ENODEV; GET/SET/DEL of (eth0's ifindex, 52) fail with ENOENT;
#    a SET of (eth0's ifindex, 51) changes r2's instance only. Each
#    namespace's dump lists its own instances, nothing else.
# 3. Monitors in r1 and r2 while r1's instances are added, changed, pushed
#    through state changes and deleted: r1's monitor shows them, r2's shows
#    nothing of them; a change in r2 at the end shows up in r2's monitor
#    only (its monitor was listening all along).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
GNL=$(cd "$(dirname "$0")" && pwd)/gnl.py
ENOENT=2 EPERM=1 ENODEV=19

load
topology

NOBODY=(setpriv --reuid=65534 --regid=65534 --clear-groups --inh-caps=-all)
# as_nobody NS CMD...: CMD in NS as nobody without capabilities
as_nobody() { local ns=$1; shift; ip netns exec "$ns" "${NOBODY[@]}" "$@"; }

# ifindex NS DEV
ifindex() { on "$1" cat "/sys/class/net/$2/ifindex"; }

# snapshot NS: every instance's settings, state and VIPs (not counters),
# and the addresses of NS.
snapshot() {
	vrrpadm "$1" -j show | python3 -c '
import json, sys
for i in json.load(sys.stdin):
    for k in ("stats", "active_interval_ms", "state_since", "state_age_ms"):
        i.pop(k, None)
    print(sorted(i.items()))'
	on "$1" ip -4 -o addr show | awk '{print $2, $4}'
}

# gnl NS CMD ATTR...: one raw request as root in NS; prints its ack line
gnl() { local ns=$1; shift; on "$ns" "$PY" "$GNL" request "$@"; }

BG=()
TMPD=$(mktemp -d /tmp/vrrp-62.XXXXXX)
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
	local p
	for p in "${BG[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${BG[@]}"; do wait "$p" 2>/dev/null; done
	BG=()
	rm -rf "$TMPD"
}
trap cleanup EXIT

# start_monitor NAME NS [nobody]: vrrpadm monitor into $TMPD/NAME
start_monitor() {
	local name=$1 ns=$2
	if [ "${3:-}" = nobody ]; then
		ip netns exec "$ns" "${NOBODY[@]}" "$VRRPADM" monitor >"$TMPD/$name" 2>"$TMPD/$name.err" &
	else
		ip netns exec "$ns" "$VRRPADM" monitor >"$TMPD/$name" 2>"$TMPD/$name.err" &
	fi
	BG+=($!)
	eval "PID_$name=$!"
}
is_monitor() { tr '\0' ' ' <"/proc/$1/cmdline" | grep -q 'vrrpadm monitor'; }
stop_monitors() {
	local p
	for p in "${BG[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${BG[@]}"; do wait "$p" 2>/dev/null; done
	BG=()
}

# r1: x0 is one end of a veth pair that stays inside r1, so its ifindex is
# one r2 does not have.
r1 ip link add x0 type veth peer name x1 || fail "veth in r1"
r1 ip addr add 198.51.100.1/24 dev x0 || fail "address on x0"
r1 ip link set x0 up && r1 ip link set x1 up || fail "x0 up"
X0=$(ifindex r1 x0)
E1=$(ifindex r1 eth0)
E2=$(ifindex r2 eth0)
on r2 ip -o link | awk -F': ' '{print $1}' | grep -qx "$X0" &&
	fail "x0's ifindex $X0 exists in r2: $(on r2 ip -o link)"

# x0_is VRID STATE: r1's instance VRID on x0 is in STATE (asked anew at
# every look: wait_for runs it again).
x0_is() { [ "$(vrrpadm r1 show dev x0 vrid "$1" | awk 'NR == 1 { print $NF }')" = "$2" ]; }

inst r1 51 150 $VIP interval 100ms || fail "add vrid 51 in r1"
vrrpadm r1 add dev x0 vrid 52 priority 200 interval 100ms vip 198.51.100.10/24 ||
	fail "add vrid 52 on x0 in r1"
inst r2 51 100 $VIP interval 100ms || fail "add vrid 51 in r2"
inst r2 62 100 192.0.2.62 interval 100ms || fail "add vrid 62 in r2"
wait_for 15 is_state r1 master || fail "r1 should be master of 51, is $(state r1)"
wait_for 10 is_state r2 backup || fail "r2 should be backup of 51, is $(state r2)"
wait_for 10 is_state r2 master 62 || fail "r2 should be master of 62, is $(state r2 62)"
wait_for 10 x0_is 52 master ||
	fail "r1's vrid 52 on x0 should be master"
wait_for 10 has_vip r1 || fail "r1 master without $VIP"

# --- 1. unprivileged in r1 ---------------------------------------------
before=$(snapshot r1)
start_monitor nobody r1 nobody
start_monitor mon1 r1
start_monitor mon2 r2
for m in nobody mon1 mon2; do
	p=PID_$m
	wait_for 30 is_monitor "${!p}" || fail "monitor $m did not start: $(cat "$TMPD/$m.err")"
done
sleep 1

reads=0
for args in "show" "-j show" "show dev eth0 vrid 51" "stats" "-j stats" \
	"stats dev x0 vrid 52" "-j show dev x0 vrid 52"; do
	# shellcheck disable=SC2086
	out=$(as_nobody r1 "$VRRPADM" $args 2>&1) || fail "unprivileged '$args' failed: $out"
	[ -n "$out" ] || fail "unprivileged '$args' printed nothing"
	reads=$((reads + 1))
done
as_nobody r1 "$VRRPADM" -j stats | python3 -c '
import json, sys
j = json.load(sys.stdin)
assert sorted(i["vrid"] for i in j) == [51, 52], j' ||
	fail "unprivileged -j stats lacks the instances"
as_nobody r1 "$VRRPADM" -j stats --unmatched | python3 -c '
import json, sys
assert "drop_vrid" in json.load(sys.stdin)' ||
	fail "unprivileged -j stats --unmatched lacks the counters"
out=$(as_nobody r1 "$PY" "$GNL" dump 2>&1) || fail "unprivileged raw dump failed: $out"
[ "$(awk '{print $1, $2}' <<<"$out" | sort)" = "$(printf '%s 51\n%s 52\n' "$E1" "$X0" | sort)" ] ||
	fail "unprivileged raw dump: $out"
out=$(as_nobody r1 "$PY" "$GNL" request get 1=u32:"$X0" 4=u8:52 2>&1)
[ "$out" = reply ] || fail "unprivileged raw GET: $out"
out=$(as_nobody r1 "$PY" "$GNL" request netstats 2>&1)
[ "$out" = reply ] || fail "unprivileged raw NETSTATS: $out"

V="vip 192.0.2.20/24"
denied=0
for args in "add dev eth0 vrid 53 $V" "add dev eth0 vrid 51 $V" \
	"set dev eth0 vrid 51 priority 10" "set dev x0 vrid 52 priority 1 $V" \
	"set dev eth0 vrid 99 priority 10" "del dev eth0 vrid 51" \
	"del dev x0 vrid 52" "del dev eth0 vrid 99 family inet"; do
	# shellcheck disable=SC2086
	err=$(as_nobody r1 "$VRRPADM" $args 2>&1 >/dev/null)
	rc=$?
	[ $rc -eq 1 ] || fail "unprivileged '$args': expected exit 1, got $rc ($err)"
	grep -q "Operation not permitted" <<<"$err" || fail "unprivileged '$args': $err"
	denied=$((denied + 1))
done
# Raw requests, well formed and not: EPERM comes before any parsing.
for req in "new 1=u32:$E1 4=u8:53 19=nest:1=nest:1=bin:c0000214" \
	"set 1=u32:$E1 4=u8:51 9=u8:1" "del 1=u32:$E1 4=u8:51" \
	"del 1=u32:$X0 4=u8:52" "del 1=u32:$E1 4=u8:99" "new" "set 9=u32:7" \
	"del 4=u16:0"; do
	# shellcheck disable=SC2086
	out=$(as_nobody r1 "$PY" "$GNL" request $req 2>&1)
	[ "${out%% msg=*}" = "error $EPERM" ] || fail "unprivileged raw '$req': expected error $EPERM, got: $out"
	denied=$((denied + 1))
done
after=$(snapshot r1)
[ "$after" = "$before" ] || fail "unprivileged requests changed r1: before: $before; after: $after"
is_state r1 master || fail "r1 left master (is $(state r1))"

# --- 2. r2 cannot reach r1's instances -----------------------------------
before1=$(snapshot r1)
before2=$(snapshot r2)
cross=0
# want ERRNO CMD ATTR...: a raw request from r2 fails with ERRNO
want() {
	local errno=$1 out; shift
	out=$(gnl r2 "$@" 2>&1)
	[ "${out%% msg=*}" = "error $errno" ] ||
		fail "from r2, '$*': expected error $errno, got: $out"
	cross=$((cross + 1))
}
want $ENOENT get 1=u32:"$X0" 4=u8:52
want $ENOENT set 1=u32:"$X0" 4=u8:52 9=u8:1
want $ENOENT del 1=u32:"$X0" 4=u8:52
want $ENODEV new 1=u32:"$X0" 4=u8:52 19=nest:1=nest:1=bin:c6336464
want $ENOENT get 1=u32:"$E1" 4=u8:52
want $ENOENT set 1=u32:"$E1" 4=u8:52 9=u8:1
want $ENOENT del 1=u32:"$E1" 4=u8:52
for args in "show dev x0 vrid 52" "set dev x0 vrid 52 priority 1" "del dev x0 vrid 52"; do
	# shellcheck disable=SC2086
	vrrpadm r2 $args >/dev/null 2>&1 && fail "from r2, 'vrrpadm $args' succeeded"
	cross=$((cross + 1))
done
[ "$(snapshot r1)" = "$before1" ] || fail "r1 changed by r2's requests: before: $before1; after: $(snapshot r1)"
[ "$(snapshot r2)" = "$before2" ] || fail "r2 changed by its failed requests"
# The same key in r2 names r2's own instance: a SET there leaves r1 alone.
out=$(gnl r2 set 1=u32:"$E2" 4=u8:51 9=u8:90 2>&1)
[ "$out" = "error 0" ] || fail "r2's SET of its own (eth0, 51): $out"
[ "$(jval r2 priority)" = 90 ] || fail "r2's priority should be 90, is $(jval r2 priority)"
[ "$(jval r1 priority)" = 150 ] || fail "r2's SET changed r1's priority to $(jval r1 priority)"
[ "$(snapshot r1)" = "$before1" ] || fail "r1 changed when r2 set its own vrid 51"
d1=$(on r1 "$PY" "$GNL" dump | awk '{print $1, $2}' | sort)
d2=$(on r2 "$PY" "$GNL" dump | awk '{print $1, $2}' | sort)
[ "$d1" = "$(printf '%s 51\n%s 52\n' "$E1" "$X0" | sort)" ] || fail "r1's dump: ${d1//$'\n'/, }"
[ "$d2" = "$(printf '%s 51\n%s 62\n' "$E2" "$E2" | sort)" ] || fail "r2's dump: ${d2//$'\n'/, }"
n2=$(vrrpadm r2 -j show | python3 -c 'import json,sys; print(sorted((i["dev"], i["vrid"]) for i in json.load(sys.stdin)))')
[ "$n2" = "[('eth0', 51), ('eth0', 62)]" ] || fail "r2's show lists: $n2"

# --- 3. r1's events stay in r1 -------------------------------------------
# Changes in r1 that r2's instances cannot notice (x0 is r1's alone).
vrrpadm r1 set dev x0 vrid 52 priority 210 || fail "set x0 vrid 52 in r1"
vrrpadm r1 add dev x0 vrid 53 priority 255 interval 100ms vip 198.51.100.1/24 ||
	fail "add owner vrid 53 on x0 in r1"
wait_for 10 x0_is 53 master ||
	fail "r1's owner vrid 53 should be master"
vrrpadm r1 add dev x0 vrid 54 priority 100 interval 1s vip 198.51.100.54/24 || fail "add vrid 54 in r1"
r1 ip link set x1 down   # x0 loses carrier: 52, 53, 54 go to init
wait_for 10 x0_is 52 init ||
	fail "r1's vrid 52 should be in init without carrier"
r1 ip link set x1 up
wait_for 10 x0_is 53 master ||
	fail "r1's owner vrid 53 should be master again"
vrrpadm r1 del dev x0 vrid 54 || fail "del vrid 54 in r1"
vrrpadm r1 del dev x0 vrid 53 || fail "del vrid 53 in r1"
sleep 1
# r2's monitor has seen r2's own SET of part 2, and nothing else.
R2OWN='^eth0 vrid 51 inet: changed priority 90 interval 100ms vip 192.0.2.10/24$'
grep -q "$R2OWN" "$TMPD/mon2" || fail "r2's monitor missed r2's own SET: $(cat "$TMPD/mon2")"
grep -v "$R2OWN" "$TMPD/mon2" | grep -q . &&
	fail "r2's monitor saw events of r1: $(grep -v "$R2OWN" "$TMPD/mon2" | head -5)"
# r2's monitor was listening: its own change shows.
vrrpadm r2 set dev eth0 vrid 62 priority 101 || fail "set vrid 62 in r2"
wait_for 10 grep -q 'vrid 62 inet: changed priority 101' "$TMPD/mon2" ||
	fail "r2's monitor did not show r2's own change: $(cat "$TMPD/mon2" "$TMPD/mon2.err")"
sleep 0.5
stop_monitors
grep -v -e 'vrid 62 inet: changed priority 101' -e "$R2OWN" "$TMPD/mon2" | grep -q . &&
	fail "r2's monitor has other lines than r2's changes: $(head -5 "$TMPD/mon2")"
n1=$(grep -c 'x0 vrid 5[234] ' "$TMPD/mon1")
for pat in 'x0 vrid 52 inet: changed priority 210' 'x0 vrid 53 inet: added priority 255' \
	'x0 vrid 53 inet: init -> master (owner)' 'x0 vrid 52 inet: master -> init (link-down)' \
	'x0 vrid 54 inet: deleted' 'x0 vrid 53 inet: deleted'; do
	grep -q "$pat" "$TMPD/mon1" || fail "r1's monitor lacks '$pat': $(cat "$TMPD/mon1")"
	grep -q "$pat" "$TMPD/nobody" || fail "r1's unprivileged monitor lacks '$pat': $(cat "$TMPD/nobody")"
done
grep -q 'vrid 62' "$TMPD/mon1" && fail "r1's monitor saw r2's change: $(grep 'vrid 62' "$TMPD/mon1")"
is_state r1 master || fail "r1 left master of 51 (is $(state r1))"
pass "unprivileged: $reads reads ok, $denied changes refused with EPERM, events received; from r2: $cross requests on r1's instances refused; r1's monitor $n1 events, r2's none of them"
