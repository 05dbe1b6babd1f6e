#!/bin/bash
# 20 cycles of insmod, a master and a backup with VIPs, rmmod: no VIP is
# left behind and the kernel's unreclaimable slab memory comes back (under
# 1 MiB growth between before the first and after the last cycle, after
# one warm-up cycle). On the debug kernel the harness's kmemleak scan at the
# end of the run covers the cycles (tests/scenarios/run.sh).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

CYCLES=$(scaled 20)

# cycle: one load/configure/unload round, as few processes as possible
# (each costs a few hundred ms in the emulated VM). Says why it failed.
cycle() {
	insmod "$KO" || { echo "insmod failed"; return 1; }
	inst r1 51 150 $VIP interval 100ms vip 192.0.2.11/24 & a1=$!
	inst r2 51 100 $VIP interval 100ms vip 192.0.2.11/24 & a2=$!
	wait $a1 || { echo "add in r1 failed"; return 1; }
	wait $a2 || { echo "add in r2 failed"; return 1; }
	wait_for 10 is_state r1 master || { echo "r1 not master (is $(state r1))"; return 1; }
	rmmod vrrp || { echo "rmmod failed"; return 1; }
}

# leftovers: VIPs (192.0.2.10 and .11) still on r1 or r2.
leftovers() {
	local ns
	for ns in r1 r2; do
		on $ns ip -4 -o addr show dev eth0 | awk -v ns=$ns '$4 ~ /^192\.0\.2\.1[01]\// { print ns ":" $4 }'
	done
}

unload
why=$(cycle) || fail "warm-up cycle: $why"
settle
slab0=$(mem_kb Slab) sunr0=$(mem_kb SUnreclaim)
slab_by_cache >/tmp/slab0
t0=$(now_ms)
for i in $(seq 1 $CYCLES); do
	why=$(cycle) || fail "cycle $i: $why"
done
secs=$(( ($(now_ms) - t0) / 1000 ))
settle
slab1=$(mem_kb Slab) sunr1=$(mem_kb SUnreclaim)
dsunr=$((sunr1 - sunr0)) dslab=$((slab1 - slab0))
left=$(leftovers)
[ -z "$left" ] || fail "VIPs left after $CYCLES cycles: $left"
figures="$CYCLES cycles in ${secs}s, SUnreclaim ${dsunr} kB, Slab ${dslab} kB"

[ "$dsunr" -lt 1024 ] || fail "SUnreclaim grew by $dsunr kB over $CYCLES cycles (limit 1024 kB): $figures; grew most: $(slab_growers /tmp/slab0)"
[ "$dslab" -lt 2048 ] || fail "Slab grew by $dslab kB over $CYCLES cycles (limit 2048 kB): $figures; grew most: $(slab_growers /tmp/slab0)"
pass "$figures"
