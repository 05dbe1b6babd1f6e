#!/bin/bash
. "$(dirname "$0")/lib.sh"
set -x
load
topology
vrrpadm r1 add dev eth0 vrid 51 priority 150 interval 100ms vip $VIP/24
vrrpadm r2 add dev eth0 vrid 51 priority 100 interval 100ms vip $VIP/24
sleep 1
vrrpadm r1 show; vrrpadm r2 show
r1 ip addr show dev eth0
r2 ip addr show dev eth0
client ping -c 2 -W 1 $VIP
vrrpadm r1 -j show
sw ip link set p-r1 down
sleep 1
vrrpadm r2 show
r2 ip addr show dev eth0
sw ip link set p-r1 up
sleep 1
vrrpadm r1 show; vrrpadm r2 stats
vrrpadm r1 del dev eth0 vrid 51
sleep 0.5
vrrpadm r2 show
dmesg | grep vrrp
unload
