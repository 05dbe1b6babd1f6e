#!/bin/bash
# 48-userns: CAP_NET_ADMIN over a namespace is what changing it takes, in
# a user namespace too. An unprivileged user (nobody) creates a user and
# network namespace of its own (unshare -U -r -n), a veth pair in it, and
# runs an instance there: it becomes master. From there the caller sees
# nothing of the initial namespace's instances, and cannot change them.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology
inst r1 51 150 $VIP interval 100ms || fail "add on r1"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
vrrpadm r1 add dev eth0 vrid 52 vip 192.0.2.20/24 || fail "second add on r1"

out=$(setpriv --reuid=65534 --regid=65534 --clear-groups unshare -U -r -n sh -c "
	ip link add name va type veth peer name vb || exit 10
	ip addr add 203.0.113.1/24 dev va || exit 11
	ip link set va up && ip link set vb up || exit 12
	$VRRPADM add dev va vrid 7 priority 255 vip 203.0.113.1/24 || exit 13
	sleep 1
	$VRRPADM show dev va vrid 7 | head -1
	echo count \$($VRRPADM -j show | python3 -c 'import json,sys; print(len(json.load(sys.stdin)))')
	$VRRPADM del dev eth0 vrid 51 2>&1; echo del-rc \$?
" 2>&1)
rc=$?
[ $rc -eq 0 ] || fail "in a user namespace (exit $rc): $out"
grep -q 'master$' <<<"$out" || fail "the user namespace's instance should be master: $out"
grep -q '^count 1$' <<<"$out" || fail "the user namespace should see its one instance only: $out"
grep -q '^del-rc 1$' <<<"$out" || fail "deleting r1's instance from the user namespace should fail: $out"
is_state r1 master || fail "r1's instance changed (is $(state r1))"
pass "an instance in a user-owned namespace runs; the initial namespaces stay out of its reach"
