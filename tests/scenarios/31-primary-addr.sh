#!/bin/bash
# Without a primary IPv4 address an instance cannot advertise: removing
# r1's 192.0.2.1/24 sends r1 (master) to init and removes its VIP (r2 takes
# over); adding it back brings r1 back by itself, master again.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

master_and_backup

r1 ip addr del 192.0.2.1/24 dev eth0
wait_for 10 is_state r1 init || fail "address removed: r1 expected init, is $(state r1)"
wait_for 10 no_vip r1 || fail "address removed: r1 still holds $VIP ($(vips_in r1))"
wait_for 10 is_state r2 master || fail "address removed: r2 expected master, is $(state r2)"
# It must stay down, not come back on the VIP as a primary address.
sleep 1
is_state r1 init || fail "address removed: r1 left init without an address (is $(state r1))"
no_vip r1 || fail "address removed: r1 holds $VIP again"

r1 ip addr add 192.0.2.1/24 dev eth0
wait_for 20 is_state r1 master || fail "address back: r1 expected master, is $(state r1)"
wait_for 10 has_vip r1 || fail "address back: r1 master without the VIP"
wait_for 10 is_state r2 backup || fail "address back: r2 expected backup, is $(state r2)"
pass
