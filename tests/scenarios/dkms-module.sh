#!/bin/bash
# dkms-module: the module DKMS built and installed (tests/dkms.sh, path in
# VRRP_DKMS_KO) loads into the kernel it was built for and runs an election.
. "$(dirname "$0")/lib.sh"

[ -n "${VRRP_DKMS_KO:-}" ] || fail "VRRP_DKMS_KO is not set (run tests/dkms.sh first)"
[ -f "$VRRP_DKMS_KO" ] || fail "no module at $VRRP_DKMS_KO"
unload
insmod "$VRRP_DKMS_KO" || fail "insmod $VRRP_DKMS_KO failed"
[ "$(cat /sys/module/vrrp/srcversion)" = "$(modinfo -F srcversion "$VRRP_DKMS_KO")" ] ||
	fail "the loaded vrrp is not the DKMS build"
topology
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24 || fail "add on r1"
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24 || fail "add on r2"
wait_for 10 is_state r1 master || fail "r1 is $(state r1), expected master"
wait_for 5 has_vip r1 || fail "r1 does not hold the VIP"
is_state r2 backup || fail "r2 is $(state r2), expected backup"
pass "$(modinfo -F vermagic "$VRRP_DKMS_KO" | cut -d' ' -f1)"
