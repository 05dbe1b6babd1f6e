#!/bin/bash
# 50-vip-restored: a master whose VIP is removed by hand puts it back. r1
# (150) is master of vrid 51 with r2 (100) backup. `ip addr del` of the VIP
# in r1: it is back within a few seconds, still ours (proto 112), counted
# in vip_restored and logged ("was removed by hand; restored"). A flush of
# only the secondary addresses (the VIP, not the primary) is undone the
# same way. Then a script that deletes the VIP as soon as it reappears,
# five times: restores are rate-limited to one a second (so the five take
# at least ~4 s), each is counted once, and the VIP is there at the end.
# Nothing of this moves the election: r1 stays master, r2 backup.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-failover.sh"
. "$(dirname "$0")/lib-robust.sh"

MSG="was removed by hand; restored"
# restored NS: the vip_restored counter of vrid 51 (empty if the module
# has no such counter).
restored() { stat "$1" vip_restored; }
restored_is() { [ "$(restored "$1")" = "$2" ]; }
log_count() { dmesg | grep -c -e "$MSG"; }
log_grew() { [ "$(log_count)" -gt "$1" ]; }

# deleter N: in r1, deletes $VIP/24 from eth0 N times, each time as soon
# as it is there (waiting for the kernel's RTM_NEWADDR, not polling), and
# prints "deleted T" and "restored T MS" lines: T on a millisecond clock,
# MS since the deletion. Gives up 10 s after a deletion not undone.
deleter() {
	on r1 "$PY" - "$VIP" 24 "$1" <<'PYEOF'
import socket, struct, sys, time
vip, plen, count = socket.inet_aton(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
RTM_NEWADDR, RTM_DELADDR, RTM_GETADDR = 20, 21, 22
IFA_ADDRESS, IFA_LOCAL = 1, 2
RTMGRP_IPV4_IFADDR = 0x10
ifindex = socket.if_nametoindex("eth0")
ev = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
ev.bind((0, RTMGRP_IPV4_IFADDR))
req = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW, socket.NETLINK_ROUTE)
req.bind((0, 0))
now = lambda: int(time.monotonic() * 1000)
def attr(t, v):
    return struct.pack("=HH", 4 + len(v), t) + v + b"\0" * (-len(v) % 4)
def addrs(buf):
    """(type, local address) of each address message in buf on eth0."""
    off = 0
    while off + 16 <= len(buf):
        ln, typ = struct.unpack_from("=LH", buf, off)
        if typ in (RTM_NEWADDR, RTM_DELADDR):
            fam, _, _, _, idx = struct.unpack_from("=BBBBL", buf, off + 16)
            a = off + 24
            while a + 4 <= off + ln:
                alen, atyp = struct.unpack_from("=HH", buf, a)
                if alen < 4:
                    break
                if atyp == IFA_LOCAL and idx == ifindex:
                    yield typ, buf[a + 4:a + alen]
                a += (alen + 3) & ~3
        if ln < 16:
            break
        off += (ln + 3) & ~3
def present():
    req.send(struct.pack("=LHHLL", 24, RTM_GETADDR, 0x301, 1, 0) +
             struct.pack("=BBBBL", socket.AF_INET, 0, 0, 0, 0))
    found = False
    while True:
        buf = req.recv(65536)
        for typ, a in addrs(buf):
            found = found or a == vip
        if struct.unpack_from("=H", buf, 4)[0] in (2, 3):  # ERROR, DONE
            return found
def delete():
    body = struct.pack("=BBBBL", socket.AF_INET, plen, 0, 0, ifindex)
    body += attr(IFA_LOCAL, vip) + attr(IFA_ADDRESS, vip)
    req.send(struct.pack("=LHHLL", 16 + len(body), RTM_DELADDR, 0x5, 2, 0) + body)
    buf = req.recv(65536)
    err = struct.unpack_from("=i", buf, 16)[0]
    if err:
        sys.exit("RTM_DELADDR: error %d" % -err)
def wait_new(deadline):
    ev.settimeout(0.2)
    while now() < deadline:
        try:
            buf = ev.recv(65536)
        except socket.timeout:
            continue
        for typ, a in addrs(buf):
            if typ == RTM_NEWADDR and a == vip:
                return True
    return False
if not present():
    sys.exit("the VIP is not there to begin with")
for i in range(count):
    t = now()
    delete()
    print("deleted", t, flush=True)
    if not wait_new(t + 10000):
        print("not restored", flush=True)
        sys.exit(0)
    r = now()
    print("restored", r, r - t, flush=True)
PYEOF
}

load
topology
master_and_backup 100ms
wait_for 5 stat_gt r2 adverts_rx 0 || fail "r2 never heard r1's adverts"

# (A module without the counter shows none: 0 here, and the checks of
# it below fail, after the restore itself has been checked.)
base=$(restored r1)
base=${base:-0}
logs0=$(log_count)

# 1. ip addr del of the VIP.
deleter 1 >"$TMPD/del1" 2>&1 || fail "the deleter in r1 failed: $(tail -3 "$TMPD/del1")"
took1=$(awk '$1 == "restored" { print $3 }' "$TMPD/del1")
[ -n "$took1" ] || fail "r1 did not restore $VIP within 10 s of its deletion (state $(state r1), vip_restored $(restored r1)): $(cat "$TMPD/del1")"
[ "$took1" -lt 2000 ] || fail "r1 restored $VIP only $took1 ms after its deletion (expected at once, < 2000 ms)"
has_vip r1 || fail "$VIP not on r1 after its restore"
p=$(addr_proto r1 $VIP)
[ "$p" = 112 ] || fail "the restored $VIP should carry proto 112, has $p"
wait_for 5 restored_is r1 $((base + 1)) ||
	fail "vip_restored should be $((base + 1)) after one deletion, is $(restored r1)"
wait_for 5 log_grew "$logs0" ||
	fail "no kernel log line containing '$MSG': $(dmesg | grep 'vrid 51' | tail -3)"
line=$(dmesg | grep -e "$MSG" | tail -1)
grep -q "$VIP/24" <<<"$line" || fail "the log line does not name $VIP/24: $line"
is_state r1 master || fail "r1 should still be master, is $(state r1)"
is_state r2 backup || fail "r2 should still be backup, is $(state r2)"

# 2. A flush of the secondary addresses only: the VIP, not the primary.
# `ip addr flush` repeats its dump-and-delete rounds while it finds
# something, so it may delete the VIP again once it is back: an address
# monitor counts its deletions, and each is restored once.
sleep 1.2	# past the one-a-second limit of the first restore
ip netns exec r1 ip -o monitor address >"$TMPD/addrmon" 2>&1 &
ADDRMON=$!
BG_PIDS+=($ADDRMON)
sleep 1
r1 ip -4 addr flush dev eth0 secondary || fail "ip addr flush secondary in r1 failed"
t0=$(ms)
r1 ip -4 -o addr show dev eth0 | grep -q " 192.0.2.1/24" || fail "the flush removed r1's primary address"
wait_for 5 has_vip r1 || fail "r1 did not restore $VIP within 5 s of the flush (state $(state r1), vip_restored $(restored r1))"
took2=$(($(ms) - t0))
sleep 1.5	# a second deletion by the flush is restored a second after the first
wait_for 5 has_vip r1 || fail "$VIP not on r1 1.5 s after the flush"
capture_stop $ADDRMON
flushed=$(grep -c "^Deleted .* inet $VIP/24 " "$TMPD/addrmon")
[ "$flushed" -ge 1 ] || fail "the address monitor saw no deletion of $VIP by the flush: $(head -3 "$TMPD/addrmon")"
n=$(restored r1)
[ "$n" = $((base + 1 + flushed)) ] ||
	fail "the flush deleted $VIP $flushed times: vip_restored should be $((base + 1 + flushed)), is $n"
base=$((base + flushed - 1))	# the checks below count as if one
is_state r1 master || fail "r1 should still be master after the flush, is $(state r1)"

# 3. Deleted again as soon as it is back (within a millisecond or so:
# the deleter waits for the kernel's RTM_NEWADDR), five times.
sleep 1.2
deleter 5 >"$TMPD/del5" 2>&1 || fail "the deleter in r1 failed: $(tail -3 "$TMPD/del5")"
n=$(grep -c '^restored' "$TMPD/del5")
[ "$n" -eq 5 ] || fail "5 deletions, $n restores seen within 10 s each: $(tr '\n' ' ' <"$TMPD/del5")"
# The restores' times, from the first: restores 2..5 each come a second
# after the one before (the limit), so ~4 s in all; without the limit
# the five would take a few ms.
read -r -a at < <(awk '$1 == "restored" { print $2 }' "$TMPD/del5" | tr '\n' ' ')
loop=$((at[4] - at[0]))
gaps=
for i in 1 2 3 4; do
	g=$((at[i] - at[i - 1]))
	gaps="$gaps${gaps:+ }$g"
	[ "$g" -ge 700 ] ||
		fail "restore $((i + 1)) came $g ms after restore $i: restores are not limited to one a second (gaps: $gaps)"
done
[ "$loop" -ge 3500 ] || fail "five restores within $loop ms: not limited to one a second (gaps: $gaps)"
wait_for 5 has_vip r1 || fail "$VIP not on r1 after the fifth restore"
wait_for 5 restored_is r1 $((base + 7)) ||
	fail "vip_restored should be $((base + 7)) after 5 more deletions, is $(restored r1)"
sleep 1.5
has_vip r1 || fail "$VIP gone again after the loop"
n=$(restored r1)
[ "$n" = $((base + 7)) ] || fail "vip_restored kept moving after the loop: $n, expected $((base + 7))"
is_state r1 master || fail "r1 should still be master after the loop, is $(state r1)"
is_state r2 backup || fail "r2 should still be backup after the loop, is $(state r2)"
no_vip r2 || fail "r2 (backup) holds $VIP"

# Still the module's address: deleting the instance takes it away.
vrrpadm r1 del dev eth0 vrid 51 || fail "del on r1 failed"
no_vip r1 || fail "$VIP still on r1 after del: the restored address is not tracked as ours"
pass "restored $took1 ms after ip addr del, seen back $took2 ms after a flush (which deleted it $flushed times, each restored); 5 deletions as soon as it reappeared: restores $gaps ms apart; vip_restored counted each, logged"
