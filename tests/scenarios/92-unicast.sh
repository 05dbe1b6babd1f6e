#!/bin/bash
# 92-unicast: unicast peers (peer ADDR) and the source address (source
# ADDR). r1 (150) sends from 192.0.2.21, an address of its own added for
# it, to r2; r2 (100) to 192.0.2.21. Checked:
#  - r1 master, r2 backup, and nothing goes to 224.0.0.18: r1's adverts
#    reach r2 by unicast, TTL 255, from 192.0.2.21;
#  - adverts from a host that is not a peer are dropped and counted
#    (drop_peer) whatever their priority, unicast or multicast: a forged
#    priority 250 advert from the client moves nobody;
#  - r1's source address deleted: r1 has nothing to send from (init) and
#    r2 takes over; put back, r1 preempts again;
#  - IPv6 (vrid 52) between the routers' link-local addresses works too;
#  - `nopeer` on both: multicast again, r2 still follows r1;
#  - r1 deleted while unicast: its priority 0 reaches r2, which takes over
#    for that reason (priority-zero), not by its down timer.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"

SRC=192.0.2.21
s52() { vrrpadm "$1" show dev eth0 vrid 52 family inet6 | awk 'NR == 1 { print $NF }'; }
is52() { [ "$(s52 "$1")" = "$2" ]; }
lladdr() { on "$1" ip -6 -o addr show dev eth0 scope link | awk '{ sub(/\/.*/, "", $4); print $4; exit }'; }
# mcast_seen NS: a packet to 224.0.0.18 on NS's switch port within 3 s
# (tcpdump itself takes a good part of that to start in the VM).
mcast_seen() { [ -n "$(on sw timeout 3 tcpdump -c 1 -ni "p-$1" dst 224.0.0.18 2>/dev/null)" ]; }

load
topology
r1 ip addr add $SRC/24 dev eth0
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms source $SRC peer 192.0.2.2 vip $VIP/24 ||
	fail "unicast add on r1 failed"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms peer $SRC vip $VIP/24 ||
	fail "unicast add on r2 failed"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
wait_for 10 is_state r2 backup || fail "r2 should be backup, is $(state r2)"
[ "$(master_of r2)" = $SRC ] || fail "r2 should name $SRC as master: $(master_of r2)"
vrrpadm r1 show dev eth0 vrid 51 | grep -q "^  peer 192.0.2.2$" ||
	fail "show should list the peer: $(vrrpadm r1 show dev eth0 vrid 51)"
json=$(vrrpadm r1 -j show dev eth0 vrid 51)
[[ $json == *'"peers":["192.0.2.2"],"source":"192.0.2.21"'* ]] || fail "JSON peers and source: $json"

adv=$(on sw timeout 30 tcpdump -c 1 -vv -ni p-r2 "ip proto 112 and dst 192.0.2.2" 2>/dev/null | head -n 1)
[[ $adv == *"ttl 255"* ]] || fail "r2's port should carry r1's unicast adverts with TTL 255: $adv"
! mcast_seen r1 || fail "a unicast instance sent to 224.0.0.18"

# A forged priority 250 advert from the client, to r2 by unicast and to
# the group: not a peer, so dropped.
peer0=$(stat r2 drop_peer)
client python3 - "$(dirname "$(readlink -f "$0")")" <<'EOF' || fail "sending the forged adverts failed"
import socket, struct, sys
sys.path.insert(0, sys.argv[1])
from frames import csum
def advert(dst):
    m = struct.pack("!BBBBHH", 0x31, 51, 250, 1, 10, 0) + socket.inet_aton("192.0.2.10")
    ph = socket.inet_aton("192.0.2.100") + socket.inet_aton(dst) + struct.pack("!BBH", 0, 112, len(m))
    return m[:6] + struct.pack("!H", csum(ph + m)) + m[8:]
s = socket.socket(socket.AF_INET, socket.SOCK_RAW, 112)
s.setsockopt(socket.IPPROTO_IP, socket.IP_TTL, 255)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_TTL, 255)
s.setsockopt(socket.IPPROTO_IP, socket.IP_MULTICAST_IF, socket.inet_aton("192.0.2.100"))
for _ in range(5):
    s.sendto(advert("192.0.2.2"), ("192.0.2.2", 0))
    s.sendto(advert("224.0.0.18"), ("224.0.0.18", 0))
EOF
dropped() { [ "$(stat r2 drop_peer)" -ge $((peer0 + 10)) ]; }
wait_for 5 dropped || fail "r2 should drop the 10 forged adverts as drop_peer: $peer0 -> $(stat r2 drop_peer)"
sleep 0.5
is_state r2 backup || fail "forged adverts moved r2 to $(state r2)"
is_state r1 master || fail "forged adverts moved r1 to $(state r1)"
[ "$(master_of r2)" = $SRC ] || fail "r2 follows $(master_of r2), not $SRC"

# Without its source address r1 cannot send: init, and r2 takes over.
r1 ip addr del $SRC/24 dev eth0
wait_for 5 is_state r1 init || fail "r1 without $SRC should be init, is $(state r1)"
wait_for 5 is_state r2 master || fail "r2 should take over, is $(state r2)"
r1 ip addr add $SRC/24 dev eth0
wait_for 10 is_state r1 master || fail "r1 should preempt again, is $(state r1)"
wait_for 5 is_state r2 backup || fail "r2 should be backup again, is $(state r2)"

# IPv6 between the link-local addresses.
ll1=$(lladdr r1) ll2=$(lladdr r2)
vrrpadm r1 add dev eth0 vrid 52 family inet6 priority 150 interval 100ms peer "$ll2" vip fe80::52/64 ||
	fail "inet6 unicast add on r1 failed"
vrrpadm r2 add dev eth0 vrid 52 family inet6 priority 100 interval 100ms peer "$ll1" vip fe80::52/64 ||
	fail "inet6 unicast add on r2 failed"
wait_for 10 is52 r1 master || fail "r1 should be inet6 master, is $(s52 r1)"
wait_for 10 is52 r2 backup || fail "r2 should be inet6 backup, is $(s52 r2)"
vrrpadm r1 del dev eth0 vrid 52 family inet6
vrrpadm r2 del dev eth0 vrid 52 family inet6

# Multicast again.
vrrpadm r1 set dev eth0 vrid 51 nopeer nosource || fail "set nopeer on r1 failed"
vrrpadm r2 set dev eth0 vrid 51 nopeer || fail "set nopeer on r2 failed"
mcast_seen r1 || fail "r1 should advertise to 224.0.0.18 again"
follows_primary() { [ "$(master_of r2)" = 192.0.2.1 ]; }
wait_for 5 follows_primary || fail "r2 should follow r1's primary 192.0.2.1: $(master_of r2)"
is_state r2 backup || fail "r2 should still be backup, is $(state r2)"

# Unicast again, then r1 deleted: priority 0 by unicast.
vrrpadm r1 set dev eth0 vrid 51 peer 192.0.2.2 || fail "set peer on r1 failed"
vrrpadm r2 set dev eth0 vrid 51 peer 192.0.2.1 || fail "set peer on r2 failed"
sleep 0.5
is_state r2 backup || fail "r2 should follow r1 by unicast, is $(state r2)"
t0=$(now_ms)
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
wait_for 10 is_state r2 master || fail "r2 should take over, is $(state r2)"
took=$(($(now_ms) - t0))
[ "$(stat r2 prio0_rx)" -ge 1 ] || fail "r2 should have heard r1's priority 0 by unicast"
# Taken over on the priority 0 (after Skew_Time), not by the down timer.
why=$(vrrpadm r2 -j show dev eth0 vrid 51 | sed -n 's/.*"reason":"\([a-z-]*\)".*/\1/p')
[ "$why" = priority-zero ] || fail "r2 became master for '$why', not for r1's priority 0"
pass "unicast from $SRC, nothing to the group; 10 forged adverts dropped as drop_peer; source gone -> init; IPv6 link-local peers; nopeer back to multicast; priority 0 by unicast, r2 master after ${took} ms"
