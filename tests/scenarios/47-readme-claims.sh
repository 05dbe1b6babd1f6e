#!/bin/bash
# 47-readme-claims: what README.md says about defaults and edge cases, each
# checked once:
#  - a fresh instance has keepalived's defaults;
#  - interval takes 10ms and 40950ms, refuses 40960ms;
#  - priority 255 (the owner) is master at once, reason owner, logged;
#  - an address configured by hand that equals a VIP stays when the
#    instance leaves master;
#  - address-list and interval mismatches are counted and logged;
#  - an advert whose checksum covers the message only (RFC 9568's reading
#    for IPv4) is accepted, as the pseudo-header form is;
#  - an interface that goes away takes its instance (and the log says
#    link-down).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
. "$(dirname "$0")/lib-failover.sh"
load
topology

# Defaults.
vrrpadm r3 add dev eth0 vrid 9 vip 192.0.2.90/24 || fail "add with defaults"
got=$(field r3 '(i["priority"], i["interval_ms"], i["preempt"], i["preempt_delay_ms"], i["accept"], i["garp_count"], i["garp_interval_ms"], i["garp_delay_ms"], i["garp_refresh_ms"])' 9)
[ "$got" = "(100, 1000, True, 0, True, 5, 0, 5000, 0)" ] ||
	fail "defaults: priority, interval, preempt, delay, accept, garp count/interval/delay/refresh: $got"
vrrpadm r3 del dev eth0 vrid 9 || fail "del vrid 9"

# Interval bounds.
vrrpadm r3 add dev eth0 vrid 10 interval 10ms vip 192.0.2.91/24 || fail "interval 10ms refused"
vrrpadm r3 add dev eth0 vrid 11 interval 40950ms vip 192.0.2.92/24 || fail "interval 40950ms refused"
vrrpadm r3 add dev eth0 vrid 12 interval 40960ms vip 192.0.2.93/24 2>/dev/null && fail "interval 40960ms accepted"
vrrpadm r3 del dev eth0 vrid 10 && vrrpadm r3 del dev eth0 vrid 11 || fail "del of the bound instances"

# The owner: master at once.
t0=$(date +%s%N)
vrrpadm r3 add dev eth0 vrid 12 priority 255 interval 1s vip 192.0.2.3/24 || fail "add owner"
wait_for 5 is_state r3 master 12 || fail "owner should be master, is $(state r3 12)"
took=$((($(date +%s%N) - t0) / 1000000))
# A backup would wait 3 s + skew and log down-timer; the owner does not
# wait for anyone (timing is only printed: the VM is shared and slow).
dmesg | grep -q "eth0 vrid 12 inet (netns [0-9]*): init -> master (owner)" ||
	fail "no '(owner)' log line: $(dmesg | grep 'vrid 12' | tail -3)"
vrrpadm r3 del dev eth0 vrid 12 || fail "del owner"
has_vip r3 192.0.2.3 || fail "r3's own address 192.0.2.3 (equal to the owner's VIP) was removed"

# An address equal to a VIP, configured by hand, stays.
r1 ip addr add $VIP/24 dev eth0 || fail "hand-made $VIP on r1"
inst r1 51 150 $VIP interval 100ms || fail "add on r1"
wait_for 10 is_state r1 master || fail "r1 should be master, is $(state r1)"
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1"
has_vip r1 || fail "the hand-made $VIP left r1 with the instance"
r1 ip addr del $VIP/24 dev eth0

# Mismatches: r2 advertises another VIP list and another interval.
inst r1 51 150 $VIP interval 100ms || fail "second add on r1"
inst r2 51 200 192.0.2.12 interval 200ms || fail "add on r2"
wait_for 10 is_state r1 backup || fail "r1 should follow r2 (200), is $(state r1)"
wait_for 5 stat_gt r1 addr_list_mismatch 0 || fail "addr_list_mismatch not counted on r1"
wait_for 5 stat_gt r1 interval_mismatch 0 || fail "interval_mismatch not counted on r1"
dmesg | grep -q "vrid 51 inet: 192.0.2.2 advertises other addresses than ours" ||
	fail "no log line for the address-list mismatch: $(dmesg | grep -E 'vrid 51|net_ratelimit' | tail -5)"
dmesg | grep -q "vrid 51 inet: 192.0.2.2 advertises every 200ms, we every 100ms" ||
	fail "no log line for the interval mismatch: $(dmesg | grep -E 'vrid 51|net_ratelimit' | tail -5)"
vrrpadm r2 del dev eth0 vrid 51 || fail "del on r2"
wait_for 10 is_state r1 master || fail "r1 should be master again, is $(state r1)"

# A message-only checksum: a priority 254 advert from the client makes r1
# yield, as only an accepted advert can.
rx0=$(stat r1 adverts_rx)
client "$PY" - "$REPO/tests/scenarios" <<'PYEOF' || fail "cannot send the message-only advert"
import sys
sys.path.insert(0, sys.argv[1])
import frames
frames.sender().send(frames.advert("192.0.2.100", 51, 254, ["192.0.2.10"],
                                   form="message"))
PYEOF
wait_for 5 is_state r1 backup || fail "r1 should yield to the message-only-checksum advert (254), is $(state r1)"
[ "$(stat r1 adverts_rx)" -gt "$rx0" ] || fail "adverts_rx did not count it"
[ "$(stat r1 drop_checksum)" = 0 ] || fail "drop_checksum counted a valid message-only checksum"

# The interface goes away, and its instance with it.
vrrpadm r3 add dev eth0 vrid 13 vip 192.0.2.94/24 || fail "add vrid 13 on r3"
on r3 ip link del eth0 || fail "ip link del eth0 in r3"
wait_for 5 [ -z "$(vrrpadm r3 show)" ] || fail "r3's instance survived its interface: $(vrrpadm r3 show)"
dmesg | grep -qE "eth0 vrid 13 inet \(netns [0-9]+\): (backup|master) -> init \(link-down\)" ||
	fail "no 'link-down' log line for the deleted interface: $(dmesg | grep 'vrid 13' | tail -3)"
pass "defaults, interval bounds, owner at once ($took ms), hand-made VIP kept, mismatches, message-only checksum, interface gone"
