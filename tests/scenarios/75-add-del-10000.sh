#!/bin/bash
# 75-add-del-10000: 10,000 cycles of adding and deleting an instance with
# one VIP (vrid 51, priority 150, 10 ms adverts) in r1, while r2 runs vrid
# 51 (priority 100, 10 ms) all along. Every cycle goes init -> backup; every
# 50th waits until r1 is master (down timer: r1 outranks r2) and holds the
# VIP, so the delete is a master's (priority 0 advert, VIP removed, r2 takes
# over); one in 7 waits 0-20 ms before the delete, so adverts, timers and
# the announcement work meet it at every point. The cycles run in one
# python process over generic netlink (tests/scenarios/gnl.py): 20,000
# vrrpadm processes would take hours in the emulated VM.
# Afterwards r1 has no instance and no VIP, r2 is master with the VIP, and
# the kernel's slab memory (Slab, SUnreclaim), measured after 200 warm-up
# cycles and after the run, grew by less than 1 MiB / 2 MiB (the margins of
# 37-load-unload-20; an instance leaked per cycle would be 10,000 of them,
# megabytes). The harness's kmemleak scan covers the debug kernel.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
. "$(dirname "$0")/lib-failover.sh"

CYCLES=${VRRP_ADD_DEL_CYCLES:-$(scaled 10000)}

# cycles N: N add/del cycles in r1; prints "ok SECONDS MASTERS" or why not.
cycles() {
	r1 "$PY" - "$1" "$(r1 cat /sys/class/net/eth0/ifindex)" "$REPO/tests/scenarios" <<'PYEOF'
import random, socket, struct, sys, time
n, ifindex, here = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
sys.path.insert(0, here)
import gnl

A_IFINDEX, A_VRID, A_STATE, A_PRIORITY, A_INTERVAL, A_VIPS = 1, 4, 6, 9, 10, 19
ACTIVE = 2
g = gnl.Genl()
fam = g.family("vrrp")
key = gnl.attr(A_IFINDEX, struct.pack("=I", ifindex)) + gnl.attr(A_VRID, b"\x33")
new = (key + gnl.attr(A_PRIORITY, b"\x96") + gnl.attr(A_INTERVAL, struct.pack("=I", 10)) +
       gnl.attr(A_VIPS | gnl.NLA_F_NESTED, gnl.attr(1 | gnl.NLA_F_NESTED,
                gnl.attr(1, socket.inet_aton("192.0.2.10")) + gnl.attr(2, b"\x18"))))


def call(cmd, payload):
    g.send(fam, gnl.CMDS[cmd], payload, gnl.NLM_F_REQUEST | gnl.NLM_F_ACK)
    got = None
    while True:
        for mtype, flags, body in g.recv(1 << 16):
            if mtype == gnl.NLMSG_ERROR:
                return -struct.unpack_from("=i", body)[0], got
            got = dict(gnl.parse_attrs(body[4:]))


rnd = random.Random(75)
masters = 0
t0 = time.monotonic()
for i in range(1, n + 1):
    err, _ = call("new", new)
    if err:
        sys.exit("cycle %d: new: error %d" % (i, err))
    if i % 50 == 0:
        deadline = time.monotonic() + 10
        while True:
            err, a = call("get", key)
            if err:
                sys.exit("cycle %d: get: error %d" % (i, err))
            if a[A_STATE][0] == ACTIVE:
                break
            if time.monotonic() > deadline:
                sys.exit("cycle %d: r1 not master after 10 s (state %d)" % (i, a[A_STATE][0]))
            time.sleep(0.005)
        masters += 1
    elif i % 7 == 0:
        time.sleep(rnd.random() * 0.02)
    err, _ = call("del", key)
    if err:
        sys.exit("cycle %d: del: error %d" % (i, err))
print("ok %.2f %d" % (time.monotonic() - t0, masters))
PYEOF
}

load
topology
inst r2 51 100 $VIP interval 10ms || fail "add on r2"
wait_for 10 is_state r2 master || fail "r2 alone should be master, is $(state r2)"

out=$(cycles 200 2>&1)
[ "${out#ok }" != "$out" ] || fail "warm-up cycles: $(tail -3 <<<"$out" | tr '\n' ' ')"
wait_for 10 is_state r2 master || fail "r2 should be master after the warm-up, is $(state r2)"
settle
slab0=$(mem_kb Slab) sunr0=$(mem_kb SUnreclaim)
slab_by_cache >/tmp/slab0
out=$(cycles "$CYCLES" 2>&1)
[ "${out#ok }" != "$out" ] || fail "add/del cycles: $(tail -3 <<<"$out" | tr '\n' ' ')"
read -r _ secs masters <<<"$out"

rest=$(vrrpadm r1 show) || fail "vrrpadm show in r1 failed after the cycles"
[ -z "$rest" ] || fail "an instance is left in r1: $rest"
no_vip r1 || fail "the VIP is left on r1: $(r1 ip -4 -o addr show dev eth0)"
wait_for 10 is_state r2 master || fail "r2 should be master after the cycles, is $(state r2)"
wait_for 10 has_vip r2 || fail "r2 is master without the VIP"
settle
slab1=$(mem_kb Slab) sunr1=$(mem_kb SUnreclaim)
dsunr=$((sunr1 - sunr0)) dslab=$((slab1 - slab0))
rate=$(awk -v n="$CYCLES" -v s="$secs" 'BEGIN { printf "%.0f", n / s }')
bm=$(stat r2 became_master)
figures="$CYCLES cycles in ${secs}s ($rate/s, $masters as master; r2 became master $bm times), SUnreclaim ${dsunr} kB, Slab ${dslab} kB"
[ "$dsunr" -lt 1024 ] || fail "SUnreclaim grew by $dsunr kB: $figures; grew most: $(slab_growers /tmp/slab0)"
[ "$dslab" -lt 2048 ] || fail "Slab grew by $dslab kB: $figures; grew most: $(slab_growers /tmp/slab0)"
pass "$figures"
