#!/bin/bash
# 55-batch: vrrpadm -b FILE creates, changes and deletes many instances in
# one process. 200 adds (with comments and blank lines among them) create
# 200 instances, every one master with its VIP; a file whose last line is
# wrong is refused whole (exit 2, FILE:LINE in the message, nothing
# created, not even its valid first line); a file the kernel refuses at its
# second line (an instance that exists) stops there (exit 1): the first
# line is applied, the third is not, and the message says so; set and del
# lines from stdin ("-b -") change and then delete all of them. Then every
# VRID at once, in both families, on the one interface: 255 IPv4 and 255
# IPv6 instances (1 s), all master with their VIPs, and all deleted.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"

N=200
B=/tmp/55-batch
# with KEY VALUE: how many of r1's instances have KEY = VALUE; all: count.
with() { vrrpadm r1 -j show | "$PY" -c '
import json, sys
k, v = sys.argv[1:]
print(sum(k == "all" or str(i[k]) == v for i in json.load(sys.stdin)))' "$@"; }
count() { with all -; }
vips() { on r1 ip -4 -o addr show dev eth0 | grep -c ' 198\.51\.100\.'; }
all_master() { [ "$(with state master)" -eq $N ]; }
vips_are() { [ "$(vips)" -eq "$1" ]; }

load
topology
mkdir -p $B
{
	echo "# $N instances, one VIP each"
	for v in $(seq 1 $N); do
		echo "add dev eth0 vrid $v priority 150 interval 100ms vip 198.51.100.$v/24"
		[ $((v % 50)) -ne 0 ] || printf '\n   # every 50\n'
	done
} >$B/add

t0=$(now_ms)
err=$(vrrpadm r1 -b $B/add 2>&1) || fail "vrrpadm -b with $N adds failed: $err"
took=$(($(now_ms) - t0))
[ "$(count)" -eq $N ] || fail "$N adds made $(count) instances"
wait_for 20 all_master || fail "$(with state master) of $N instances master"
wait_for 20 vips_are $N || fail "$(vips) of $N VIPs on eth0"

# A usage error on the last line: nothing is sent.
printf 'add dev eth0 vrid 201 vip 203.0.113.1\nadd dev eth0 vrid 202 priority 300 vip 203.0.113.2\n' >$B/bad
err=$(vrrpadm r1 -b $B/bad 2>&1)
rc=$?
[ $rc -eq 2 ] || fail "a wrong line: expected exit 2, got $rc ($err)"
grep -q "$B/bad:2: .*priority" <<<"$err" || fail "a wrong line: no FILE:LINE and reason in: $err"
[ "$(count)" -eq $N ] || fail "a refused file changed the instances: $(count)"

# The kernel refuses line 2: line 1 stays applied, line 3 is never sent.
printf 'add dev eth0 vrid 201 vip 203.0.113.1\nadd dev eth0 vrid 5 vip 203.0.113.5\nadd dev eth0 vrid 202 vip 203.0.113.2\n' >$B/dup
err=$(vrrpadm r1 -b $B/dup 2>&1)
rc=$?
[ $rc -eq 1 ] || fail "a refused request: expected exit 1, got $rc ($err)"
grep -q "$B/dup:2: .*vrid: .*already" <<<"$err" || fail "a refused request: no FILE:LINE and extack in: $err"
grep -q "the 1 commands before it were applied" <<<"$err" || fail "a refused request: does not say what was applied: $err"
[ "$(count)" -eq $((N + 1)) ] || fail "after the refused request: $(count) instances, expected $((N + 1))"
vrrpadm r1 show dev eth0 vrid 202 >/dev/null 2>&1 && fail "line 3 was sent after line 2 was refused"

# set and del from stdin.
seq 1 $N | sed 's/.*/set dev eth0 vrid & priority 120/' | vrrpadm r1 -b - ||
	fail "set from stdin failed"
[ "$(with priority 120)" -eq $N ] ||
	fail "set from stdin did not change every priority"
{ seq 1 $N; echo 201; } | sed 's/.*/del dev eth0 vrid &/' | vrrpadm r1 -b - ||
	fail "del from stdin failed"
[ "$(count)" -eq 0 ] || fail "$(count) instances left after del from stdin"
wait_for 10 vips_are 0 || fail "$(vips) VIPs left after del from stdin"

# All 255 VRIDs of each family (VIPs 203.0.113.V/32 and fe80::V/64).
for v in $(seq 1 255); do
	echo "add dev eth0 vrid $v interval 1s vip 203.0.113.$v/32"
	printf 'add dev eth0 vrid %d family inet6 interval 1s vip fe80::%x/64\n' "$v" "$v"
done >$B/all
vrrpadm r1 -b $B/all || fail "adding 255 VRIDs in each family failed"
by_family() { vrrpadm r1 -j show | "$PY" -c '
import json, sys
c = {}
for i in json.load(sys.stdin):
    if i["state"] == "master":
        c[i["family"]] = c.get(i["family"], 0) + 1
print(c.get("inet", 0), c.get("inet6", 0))'; }
all_vrids() { [ "$(by_family)" = "255 255" ]; }
# fe80::V/64, one group after the ::, unlike eth0's own link-local address.
v6s() { on r1 ip -6 -o addr show dev eth0 | grep -c ' fe80::[0-9a-f]*/64 '; }
v6s_are() { [ "$(v6s)" -eq "$1" ]; }
wait_for 30 all_vrids || fail "255 VRIDs each: masters (inet inet6) $(by_family)"
[ "$(on r1 ip -4 -o addr show dev eth0 | grep -c ' 203\.0\.113\.')" -eq 255 ] ||
	fail "255 IPv4 VIPs expected on eth0"
wait_for 10 v6s_are 255 || fail "255 IPv6 VIPs expected on eth0, found $(v6s)"
# Each line names its family: "del dev eth0 vrid N" alone would delete both.
sed -e 's/^add \(dev eth0 vrid [0-9]*\) family inet6.*/del \1 family inet6/' \
	-e 's/^add \(dev eth0 vrid [0-9]*\) [^f].*/del \1 family inet/' $B/all | vrrpadm r1 -b - ||
	fail "deleting the 510 instances failed"
[ "$(count)" -eq 0 ] || fail "$(count) instances left after deleting the 510"
rm -rf $B
pass "$N adds in one vrrpadm -b: ${took} ms; all 255 VRIDs in both families on one interface"
