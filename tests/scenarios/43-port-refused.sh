#!/bin/bash
# 43-port-refused: VRRP on a bridge or bond port would never hear a peer
# (the port's packets reach LOCAL_IN on the master device), so it is
# refused with a message saying why, and an interface enslaved later
# sends its instance to init (and back when it is freed).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

load
topology
on r1 ip link add br1 type bridge || fail "bridge"
on r1 ip link add p0 type veth peer name p1 || fail "veth"
on r1 ip addr add 203.0.113.1/24 dev p0
on r1 ip link set p0 master br1 || fail "enslave p0"
on r1 ip link set p0 up
on r1 ip link set p1 up
on r1 ip link set br1 up
err=$(vrrpadm r1 add dev p0 vrid 7 vip 203.0.113.10/24 2>&1 >/dev/null)
rc=$?
[ $rc -eq 1 ] || fail "add on a bridge port: expected exit 1, got $rc ($err)"
grep -q "port of a bridge" <<<"$err" || fail "add on a bridge port: message: $err"
[ -z "$(vrrpadm r1 show)" ] || fail "the refused add left an instance: $(vrrpadm r1 show)"

# Enslaved later: r1's master instance on eth0 goes to init, then back.
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24 || fail "add on eth0"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
on r1 ip link add br2 type bridge
on r1 ip link set eth0 master br2 || fail "enslave eth0"
wait_for 5 is_state r1 init || fail "r1's eth0 enslaved: instance should be init, is $(state r1)"
no_vip r1 || fail "r1 in init should not hold $VIP"
on r1 ip link set eth0 nomaster
wait_for 10 is_state r1 master || fail "r1's eth0 freed: instance should be master again, is $(state r1)"
dmesg | grep -q "eth0 is a port of br2" || fail "no log line saying eth0 is a port of br2"
pass "bridge port refused with a reason; enslaving eth0 sent its instance to init and back"
