#!/bin/bash
# 70-rmmod-under-load: unloading while instances send and receive adverts
# every 10 ms, then 100 load/unload cycles.
#
# Part 1: vrid 51 has r1 (150) master and r2 (100) backup; vrid 52 has r3
# (150) master and r1 (100) backup, so r1 is sending (51) and receiving
# (52) when `rmmod vrrp` runs. rmmod succeeds, every instance reports its
# shutdown in the kernel log, no VIP is left anywhere and the module is gone.
#
# Part 2: 100 cycles of insmod, three instances in two namespaces at 10 ms
# (r1 vrid 51 150, r2 vrid 51 100, r2 vrid 52 150 alone), wait until r1 and
# r2's vrid 52 are master and r2's vrid 51 backup, rmmod. The cycles run in
# one python process (finit_module, generic netlink, delete_module: a
# process per step would cost more than the step in the emulated VM). Part 1
# is the warm-up; the kernel's slab memory (Slab, SUnreclaim) measured after
# it and after the cycles must not grow by 1 MiB (SUnreclaim) or 2 MiB (Slab)
# in all, the margins of 37-load-unload-20: a leak of one instance (~1 kB)
# per cycle is below them, which is what kmemleak is for: on the debug
# kernel the harness's scan at the end of the run covers the cycles.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
. "$(dirname "$0")/lib-failover.sh"

CYCLES=$(scaled 100)

# every_vip: every address 192.0.2.10/.11 held in r1..r3, as "ns:addr".
every_vip() {
	local ns
	for ns in r1 r2 r3; do
		on "$ns" ip -4 -o addr show | awk -v ns="$ns" '$4 ~ /^192\.0\.2\.1[01]\// { print ns ":" $4 }'
	done
}

# cycles N: N load/configure/unload cycles; prints "ok SECONDS" or why not.
cycles() {
	"$PY" - "$KO" "$1" "$(r1 cat /sys/class/net/eth0/ifindex)" \
		"$(r2 cat /sys/class/net/eth0/ifindex)" "$REPO/tests/scenarios" <<'PYEOF'
import ctypes, errno, os, socket, struct, sys, time
ko, n, if1, if2, here = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
sys.path.insert(0, here)
import gnl

libc = ctypes.CDLL(None, use_errno=True)
SYS_finit_module, SYS_delete_module = 313, 176
CLONE_NEWNET = 0x40000000
A_IFINDEX, A_VRID, A_STATE, A_PRIORITY, A_INTERVAL, A_VIPS = 1, 4, 6, 9, 10, 19
INIT, BACKUP, ACTIVE = 0, 1, 2


def sock_in(ns):
    """A generic netlink socket in namespace ns (the socket keeps it)."""
    me = os.open("/proc/self/ns/net", os.O_RDONLY)
    fd = os.open("/run/netns/" + ns, os.O_RDONLY)
    try:
        if libc.setns(fd, CLONE_NEWNET):
            raise OSError(ctypes.get_errno(), "setns " + ns)
        return gnl.Genl()
    finally:
        libc.setns(me, CLONE_NEWNET)
        os.close(fd)
        os.close(me)


def family(g):
    g.send(gnl.GENL_ID_CTRL, gnl.CTRL_CMD_GETFAMILY,
           gnl.attr(gnl.CTRL_ATTR_FAMILY_NAME, b"vrrp\0"), gnl.NLM_F_REQUEST)
    for mtype, _, body in g.recv(65536):
        if mtype == gnl.NLMSG_ERROR:
            return None
        for atype, val in gnl.parse_attrs(body[4:]):
            if atype == gnl.CTRL_ATTR_FAMILY_ID:
                return struct.unpack("=H", val[:2])[0]
    return None


def key(ifindex, vrid):
    return (gnl.attr(A_IFINDEX, struct.pack("=I", ifindex)) +
            gnl.attr(A_VRID, struct.pack("=B", vrid)))


def call(g, fam, cmd, payload):
    """One request; the error (0 for success) and, for GET, the attributes."""
    g.send(fam, gnl.CMDS[cmd], payload, gnl.NLM_F_REQUEST | gnl.NLM_F_ACK)
    got = None
    while True:
        for mtype, flags, body in g.recv(1 << 16):
            if mtype == gnl.NLMSG_ERROR:
                err = -struct.unpack_from("=i", body)[0]
                return err, got
            got = dict(gnl.parse_attrs(body[4:]))


def new(g, fam, ifindex, vrid, prio, vip):
    vips = gnl.attr(A_VIPS | gnl.NLA_F_NESTED, gnl.attr(1 | gnl.NLA_F_NESTED,
           gnl.attr(1, socket.inet_aton(vip)) + gnl.attr(2, b"\x18")))
    err, _ = call(g, fam, "new", key(ifindex, vrid) +
                  gnl.attr(A_PRIORITY, struct.pack("=B", prio)) +
                  gnl.attr(A_INTERVAL, struct.pack("=I", 10)) + vips)
    if err:
        sys.exit("new %d/%d: error %d" % (ifindex, vrid, err))


def state(g, fam, ifindex, vrid):
    err, a = call(g, fam, "get", key(ifindex, vrid))
    if err or a is None:
        sys.exit("get %d/%d: error %d" % (ifindex, vrid, err))
    return a[A_STATE][0]


s1, s2 = sock_in("r1"), sock_in("r2")
kofd = os.open(ko, os.O_RDONLY)
names = {INIT: "init", BACKUP: "backup", ACTIVE: "master"}
t0 = time.monotonic()
for i in range(1, n + 1):
    if libc.syscall(SYS_finit_module, kofd, b"", 0):
        sys.exit("cycle %d: insmod: %s" % (i, os.strerror(ctypes.get_errno())))
    fam = family(s1)
    if fam is None:
        sys.exit("cycle %d: no vrrp family after insmod" % i)
    new(s1, fam, if1, 51, 150, "192.0.2.10")
    new(s2, fam, if2, 51, 100, "192.0.2.10")
    new(s2, fam, if2, 52, 150, "192.0.2.11")
    want = [(s1, if1, 51, ACTIVE), (s2, if2, 51, BACKUP), (s2, if2, 52, ACTIVE)]
    deadline = time.monotonic() + 10
    while True:
        now = [state(g, fam, ifi, v) for g, ifi, v, _ in want]
        if now == [w[3] for w in want]:
            break
        if time.monotonic() > deadline:
            sys.exit("cycle %d: states r1/51 r2/51 r2/52 %s, want master backup master"
                     % (i, " ".join(names[s] for s in now)))
        time.sleep(0.005)
    for tries in range(200):
        if not libc.syscall(SYS_delete_module, b"vrrp", os.O_NONBLOCK):
            break
        e = ctypes.get_errno()
        if e not in (errno.EAGAIN, errno.EBUSY):
            sys.exit("cycle %d: rmmod: %s" % (i, os.strerror(e)))
        time.sleep(0.05)
    else:
        sys.exit("cycle %d: rmmod: still busy after 10 s" % i)
print("ok %.2f" % (time.monotonic() - t0))
PYEOF
}

shutdown_lines() { dmesg | grep -cE 'vrrp: eth0 vrid 5[12] inet \(netns [0-9]+\): [a-z]+ -> init \(shutdown\)'; }

# Part 1: rmmod under load.
load
topology
inst r1 51 150 $VIP interval 10ms || fail "add vrid 51 on r1"
inst r3 52 150 192.0.2.11 interval 10ms || fail "add vrid 52 on r3"
wait_for 10 is_state r1 master 51 || fail "r1 should be master of vrid 51, is $(state r1 51)"
wait_for 10 is_state r3 master 52 || fail "r3 should be master of vrid 52, is $(state r3 52)"
inst r2 51 100 $VIP interval 10ms || fail "add vrid 51 on r2"
inst r1 52 100 192.0.2.11 interval 10ms || fail "add vrid 52 on r1"
wait_for 10 is_state r2 backup 51 || fail "r2 should be backup of vrid 51, is $(state r2 51)"
wait_for 10 is_state r1 backup 52 || fail "r1 should be backup of vrid 52, is $(state r1 52)"
wait_for 10 is_state r1 master 51 || fail "r1 should still be master of vrid 51, is $(state r1 51)"
wait_for 10 is_state r3 master 52 || fail "r3 should still be master of vrid 52, is $(state r3 52)"
wait_for 5 has_vip r1 $VIP || fail "r1 is master of vrid 51 without $VIP"
wait_for 5 has_vip r3 192.0.2.11 || fail "r3 is master of vrid 52 without 192.0.2.11"
# r1 is both sending (51) and receiving (52) right now.
tx=$(stat r1 adverts_tx 51) rx=$(stat r1 adverts_rx 52)
wait_for 5 stat_gt r1 adverts_tx "$tx" || fail "r1 sends no adverts for vrid 51"
rx_more() { [ "$(stat r1 adverts_rx 52)" -gt "$rx" ]; }
wait_for 5 rx_more || fail "r1 receives no adverts for vrid 52"

before=$(shutdown_lines)
t0=$(ms)
err=$(rmmod vrrp 2>&1) || fail "rmmod under load failed: $err"
took=$(($(ms) - t0))
! lsmod | grep -qw '^vrrp' || fail "vrrp still loaded after rmmod"
left=$(every_vip)
[ -z "$left" ] || fail "VIPs left after rmmod under load: ${left//$'\n'/ }"
got=$(($(shutdown_lines) - before))
[ "$got" -eq 4 ] || fail "rmmod should log the shutdown of 4 instances, logged $got: $(dmesg | tail -8 | tr '\n' '|')"

# Part 2: the cycles. Part 1 was the warm-up.
settle
slab0=$(mem_kb Slab) sunr0=$(mem_kb SUnreclaim)
slab_by_cache >/tmp/slab0
out=$(cycles $CYCLES 2>&1)
case $out in
ok\ *) secs=${out#ok } ;;
*) fail "load/unload cycles: $(tail -3 <<<"$out" | tr '\n' ' ')" ;;
esac
! lsmod | grep -qw '^vrrp' || fail "vrrp loaded after the cycles"
left=$(every_vip)
[ -z "$left" ] || fail "VIPs left after $CYCLES cycles: ${left//$'\n'/ }"
settle
slab1=$(mem_kb Slab) sunr1=$(mem_kb SUnreclaim)
dsunr=$((sunr1 - sunr0)) dslab=$((slab1 - slab0))
rate=$(awk -v n=$CYCLES -v s="$secs" 'BEGIN { printf "%.1f", n / s }')
figures="rmmod under load ${took} ms; $CYCLES cycles in ${secs}s ($rate/s), SUnreclaim ${dsunr} kB, Slab ${dslab} kB"
[ "$dsunr" -lt 1024 ] || fail "SUnreclaim grew by $dsunr kB over $CYCLES cycles (limit 1024 kB): $figures; grew most: $(slab_growers /tmp/slab0)"
[ "$dslab" -lt 2048 ] || fail "Slab grew by $dslab kB over $CYCLES cycles (limit 2048 kB): $figures; grew most: $(slab_growers /tmp/slab0)"
pass "$figures"
