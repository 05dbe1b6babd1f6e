#!/bin/bash
# 61-netlink-abuse: the generic netlink family answers anything with a clean
# error or a success, and its instance table stays what the successes say.
#
# 1. Hand-made abuse, each with the errno it must get: missing, unknown,
#    read-only, wrong-length, wrong-typed and duplicate attributes,
#    NLA_F_NESTED missing or set where it does not belong, 64 KiB
#    attributes, deep nesting, malformed attribute headers, VIP lists of 0,
#    255, 256 and ~3000 entries, unknown command numbers, a dump flag on a
#    command without a dump, a dump filtered by interface.
# 2. A seeded fuzz loop (VRRP_FUZZ_SEED, VRRP_FUZZ_N requests, default
#    3000) of NEW, SET, DEL, GET, GET dump, NETSTATS and unknown commands
#    made of a plausible request mutated at random (attributes dropped,
#    duplicated, resized, retyped, re-flagged, nested, junk added). Every
#    answer must be an NLMSG_ERROR with 0 or a negative errno (or a reply),
#    within 10 s. A python model applies each accepted NEW, SET and DEL
#    (netlink's rule: the last of duplicate attributes counts); an ENOENT
#    or EEXIST must agree with it, every successful GET must equal it, and
#    at the end the dump must equal it exactly, field by field.
# 3. Four processes add, set, delete, get and dump overlapping VRIDs 1-8 on
#    r1's eth0 for VRRP_RACE_SECS (20) while r2 runs the same VRIDs with
#    10 ms adverts (r1's instances too use 10 ms; 100 ms on the debug
#    kernel): no error but EEXIST and ENOENT, every dump sorted by VRID
#    without duplicates; then one
#    sequential pass deletes everything (the table must be empty) and adds
#    a known set (the dump must equal it).
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
SCEN_DIR=$(cd "$(dirname "$0")" && pwd)

load
topology
SEED=${VRRP_FUZZ_SEED:-6161}
NREQ=${VRRP_FUZZ_N:-$(scaled 3000)}
RACE_SECS=${VRRP_RACE_SECS:-$(scaled 20)}
# The advert interval of part 3's instances. On the debug kernel, where
# every packet costs KASAN's checks, 10 ms adverts of a dozen instances
# take the whole (emulated) CPU and the rest of the scenario crawls: 100 ms
# there still has the receive path busy beside the writers.
RACE_IVL_MS=10
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || RACE_IVL_MS=100

# x0: a second Ethernet interface in r1 (one end of a veth pair in r1).
r1 ip link add x0 type veth peer name x1 || fail "veth in r1"
r1 ip addr add 198.51.100.1/24 dev x0 || fail "address on x0"
r1 ip link set x0 up || fail "x0 up"
r1 ip link set x1 up || fail "x1 up"
# The peer for part 3: VRIDs 1-8 in r2, adverts every 10 ms.
for v in 1 2 3 4 5 6 7 8; do
	inst r2 $v 100 192.0.2.$((30 + v)) interval ${RACE_IVL_MS}ms || fail "add vrid $v in r2"
done

OUT=$(mktemp /tmp/vrrp-61.XXXXXX)
trap 'rm -f "$OUT"' EXIT
# The client's own backstop, well inside run.sh's (180 s; 540 s on the
# debug kernel, which is many times slower).
PY_TIMEOUT=150
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || PY_TIMEOUT=450
on r1 timeout -k 5 "$PY_TIMEOUT" "$PY" - "$SCEN_DIR" "$SEED" "$NREQ" "$RACE_SECS" "$RACE_IVL_MS" >"$OUT" 2>&1 <<'PYEOF'
import errno, os, random, socket, struct, sys, time
sys.path.insert(0, sys.argv[1])
import gnl
from gnl import attr, parse_attrs

SEED, NREQ, RACE_SECS = int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
RACE_IVL_MS = int(sys.argv[5])
NLA_F_NESTED, NLA_F_NET_BYTEORDER = 0x8000, 0x4000
NEW, SET, DEL, GET, NETSTATS = 1, 2, 3, 4, 5
A_IFINDEX, A_IFNAME, A_FAMILY, A_VRID, A_VERSION, A_STATE = 1, 2, 3, 4, 5, 6
A_PRIORITY, A_INTERVAL, A_ACTIVE_INTERVAL, A_PREEMPT = 9, 10, 11, 12
A_PREEMPT_DELAY, A_ACCEPT, A_GARP_COUNT, A_GARP_INTERVAL = 13, 14, 15, 16
A_ACTIVE_ADDR, A_PRIMARY_ADDR, A_VIPS, A_STATS, A_PAD = 17, 18, 19, 20, 21
A_GARP_DELAY, A_GARP_REFRESH = 22, 23
A_TRACKS, A_TRACK_NAME, A_TRACK_VALUE = 25, 26, 28
A_CHECKSUM, A_PEERS, A_SOURCE, A_VMAC = 32, 33, 34, 35
T_NEW, T_SET, T_DEL, T_GET = 7, 8, 9, 10
A_MAX = 23
# The settings a request can carry: attribute -> (model key, size)
SETTINGS = {A_PRIORITY: ("priority", 1), A_INTERVAL: ("interval", 4),
            A_PREEMPT: ("preempt", 1), A_PREEMPT_DELAY: ("preempt_delay", 4),
            A_ACCEPT: ("accept", 1), A_VMAC: ("vmac", 1), A_VERSION: ("version", 1),
            A_GARP_COUNT: ("garp_count", 4),
            A_GARP_INTERVAL: ("garp_interval", 4),
            A_GARP_DELAY: ("garp_delay", 4), A_GARP_REFRESH: ("garp_refresh", 4)}
DEFAULTS = dict(priority=100, interval=1000, preempt=1, preempt_delay=0,
                accept=1, vmac=0, version=3, garp_count=5, garp_interval=0, garp_delay=5000,
                garp_refresh=0)

def die(msg):
    print("FAIL " + msg)
    sys.exit(1)

def ifindex(name):
    return int(open("/sys/class/net/%s/ifindex" % name).read())
ETH0, X0, LO = ifindex("eth0"), ifindex("x0"), ifindex("lo")

class Conn(gnl.Genl):
    def __init__(self):
        super().__init__()
        s = self.sock
        s.settimeout(10)
        s.setsockopt(socket.SOL_SOCKET, 33, 4 << 20)   # SO_RCVBUFFORCE
        s.setsockopt(socket.SOL_SOCKET, 32, 4 << 20)   # SO_SNDBUFFORCE
        s.setsockopt(gnl.SOL_NETLINK, 10, 1)           # NETLINK_CAP_ACK
        self.fam = self.family("vrrp")

    def raw(self, cmd, payload, flags=gnl.NLM_F_REQUEST | gnl.NLM_F_ACK,
            genl_hdr=None):
        """One request: ("ok"|"err", errno or 0, [reply bodies], extack)."""
        self.seq += 1
        seq = self.seq
        g = genl_hdr if genl_hdr is not None else struct.pack("=BBH", cmd, 1, 0)
        msg = struct.pack("=IHHII", 16 + len(g) + len(payload), self.fam,
                          flags, seq, 0) + g + payload
        self.sock.send(msg)
        replies = []
        while True:
            try:
                data = self.sock.recv(8 << 20)
            except socket.timeout:
                die("no answer in 10 s to cmd %d flags %#x payload %s"
                    % (cmd, flags, payload[:64].hex()))
            while len(data) >= 16:
                length, mtype, mflags, mseq, _ = struct.unpack_from("=IHHII", data)
                if length < 16 or length > len(data):
                    die("malformed netlink message from the kernel: %s" % data[:64].hex())
                body = data[16:length]
                data = data[(length + 3) & ~3:]
                if mseq != seq:
                    die("answer with seq %d to request %d" % (mseq, seq))
                if mtype == gnl.NLMSG_ERROR:
                    err = struct.unpack_from("=i", body)[0]
                    if err > 0:
                        die("positive error %d (cmd %d)" % (err, cmd))
                    return (-err, replies, gnl.ack_line(mflags, body))
                if mtype == gnl.NLMSG_DONE:
                    err = struct.unpack_from("=i", body)[0] if body else 0
                    if err > 0:
                        die("positive error %d in NLMSG_DONE" % err)
                    return (-err, replies, "done")
                if mtype != self.fam:
                    die("unexpected message type %d" % mtype)
                replies.append(body)
            # a reply without NLM_F_ACK ends with itself
            if replies and not flags & gnl.NLM_F_ACK and not flags & gnl.NLM_F_DUMP:
                return (0, replies, "")

def a8(t, v): return attr(t, struct.pack("=B", v & 0xff))
def a16(t, v): return attr(t, struct.pack("=H", v & 0xffff))
def a32(t, v): return attr(t, struct.pack("=I", v & 0xffffffff))
def nest(t, inner, flag=True): return attr(t | (NLA_F_NESTED if flag else 0), inner)
# A health object's name, NUL-terminated (type: VRRP_A_TRACK_NAME, or 1
# for VRRP_TRACK_A_NAME inside a VRRP_A_TRACKS entry).
def tname(name, t=None): return attr(A_TRACK_NAME if t is None else t, name + b"\0")
def vip(addr, plen=None):
    inner = attr(1, socket.inet_aton(addr))
    if plen is not None:
        inner += a8(2, plen)
    return nest(1, inner)
def vips(*entries): return nest(A_VIPS, b"".join(entries))
def key(ifx, vrid): return a32(A_IFINDEX, ifx) + a8(A_VRID, vrid)

# --- decoding what the kernel says ---------------------------------------
def decode_vips(val):
    out = []
    for t, inner in parse_attrs(val):
        d = dict(parse_attrs(inner))
        out.append((socket.inet_ntoa(d[1][:4]), d[2][0] if 2 in d else 32))
    return out

def decode_instance(body):
    a = dict(parse_attrs(body[4:]))
    u8 = lambda t: a[t][0]
    u32 = lambda t: struct.unpack("=I", a[t][:4])[0]
    inst = dict(priority=u8(A_PRIORITY), interval=u32(A_INTERVAL),
                preempt=u8(A_PREEMPT), preempt_delay=u32(A_PREEMPT_DELAY),
                accept=u8(A_ACCEPT), vmac=u8(A_VMAC), version=u8(A_VERSION),
                garp_count=u32(A_GARP_COUNT),
                garp_interval=u32(A_GARP_INTERVAL),
                garp_delay=u32(A_GARP_DELAY), garp_refresh=u32(A_GARP_REFRESH),
                vips=decode_vips(a[A_VIPS]))
    if struct.unpack("=H", a[A_FAMILY][:2])[0] != socket.AF_INET:
        die("instance with family %s" % a[A_FAMILY].hex())
    return (u32(A_IFINDEX), u8(A_VRID)), inst

# --- decoding what we sent, as the kernel does (last duplicate wins) -----
def last_attrs(payload):
    d = {}
    for t, val in parse_attrs(payload):
        d[t] = val
    return d

def req_key(d):
    if A_IFINDEX in d and A_VRID in d:
        return (struct.unpack("=I", d[A_IFINDEX][:4])[0], d[A_VRID][0])
    return None

def apply(model, cmd, payload):
    d = last_attrs(payload)
    k = req_key(d)
    if cmd == DEL:
        model.pop(k, None)
        return
    inst = dict(DEFAULTS, vips=[]) if cmd == NEW else dict(model[k])
    for t, (name, size) in SETTINGS.items():
        if t in d:
            inst[name] = struct.unpack("=B" if size == 1 else "=I", d[t][:size])[0]
    if A_VIPS in d:
        inst["vips"] = decode_vips(d[A_VIPS])
    model[k] = inst

def dump(conn, filt=b""):
    err, bodies, why = conn.raw(GET, filt, gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP)
    if err:
        die("dump failed: %s" % why)
    return [decode_instance(b) for b in bodies]

def check_table(conn, model, when):
    got = dump(conn)
    keys = [k for k, _ in got]
    if keys != sorted(keys) or len(set(keys)) != len(keys):
        die("%s: dump not sorted or with duplicates: %s" % (when, keys))
    got = dict(got)
    if got != model:
        diff = []
        for k in sorted(set(got) | set(model)):
            if got.get(k) != model.get(k):
                diff.append("%s: kernel %s, model %s" % (k, got.get(k), model.get(k)))
        die("%s: table differs from the model: %s" % (when, "; ".join(diff[:4])))

errnos = {}
def note(err):
    errnos[err] = errnos.get(err, 0) + 1

# --- 1. hand-made abuse ----------------------------------------------------
T_START = time.monotonic()
conn = Conn()
model = {}
V1 = vips(vip("192.0.2.41", 24))
big = bytes(random.Random(SEED).getrandbits(8) for _ in range(65531))
deep = attr(1, b"\0\0\0\0")
for _ in range(60):
    deep = nest(1, deep)
bad_hdr = struct.pack("=HH", 2, A_PRIORITY) + b"\0\0"          # nla_len < 4
past_end = struct.pack("=HH", 200, A_PRIORITY) + b"\x05\0\0\0"  # beyond the message
EINVAL, ENOENT, EEXIST, ENODEV = errno.EINVAL, errno.ENOENT, errno.EEXIST, errno.ENODEV
EOPNOTSUPP, E2BIG, EAFNOSUPPORT = errno.EOPNOTSUPP, errno.E2BIG, errno.EAFNOSUPPORT
# A value outside a policy range is ERANGE (netlink's rule); other checks EINVAL.
ERANGE = errno.ERANGE
many = lambda n: vips(*[vip("198.51.100.%d" % (i % 250 + 2) if i < 250 else
                            "203.0.113.%d" % (i - 248), 24) for i in range(n)])
cases = [
    # (name, cmd, payload, errno wanted, flags)
    ("new no ifindex", NEW, a8(A_VRID, 1) + V1, EINVAL),
    ("new no vrid", NEW, a32(A_IFINDEX, ETH0) + V1, EINVAL),
    ("new no vips", NEW, key(ETH0, 1), EINVAL),
    ("new empty vips", NEW, key(ETH0, 1) + vips(), EINVAL),
    ("new only excluded vips", NEW, key(ETH0, 1) + vips(nest(1, attr(1, socket.inet_aton("192.0.2.41")) + attr(3, b""))), EINVAL),
    ("new vip without addr", NEW, key(ETH0, 1) + vips(nest(1, a8(2, 24))), EINVAL),
    ("new vip entry type 2", NEW, key(ETH0, 1) + vips(nest(2, attr(1, socket.inet_aton("192.0.2.41")))), EINVAL),
    ("new vip addr 3 bytes", NEW, key(ETH0, 1) + vips(nest(1, attr(1, b"\xc0\0\x02"))), EINVAL),
    ("new vip addr 17 bytes", NEW, key(ETH0, 1) + vips(nest(1, attr(1, b"\xfe\x80" + b"\0" * 15))), ERANGE),
    ("new vip prefixlen 33", NEW, key(ETH0, 1) + vips(vip("192.0.2.41", 33)), EINVAL),
    ("new vip prefixlen 129", NEW, key(ETH0, 1) + vips(vip("192.0.2.41", 129)), ERANGE),
    ("new vip 0.0.0.0", NEW, key(ETH0, 1) + vips(vip("0.0.0.0")), EINVAL),
    ("new vip 127.0.0.1", NEW, key(ETH0, 1) + vips(vip("127.0.0.1")), EINVAL),
    ("new vip 224.0.0.18", NEW, key(ETH0, 1) + vips(vip("224.0.0.18")), EINVAL),
    ("new vip 255.255.255.255", NEW, key(ETH0, 1) + vips(vip("255.255.255.255")), EINVAL),
    ("new vip twice", NEW, key(ETH0, 1) + vips(vip("192.0.2.41"), vip("192.0.2.41", 24)), EINVAL),
    ("new 256 vips", NEW, key(ETH0, 1) + many(256), E2BIG),
    ("new 5000 vips (60 KB)", NEW, key(ETH0, 1) + nest(A_VIPS, b"".join(
        vip("198.51.100.%d" % (i % 250 + 2)) for i in range(5000))), E2BIG),
    ("new vips without NLA_F_NESTED", NEW, key(ETH0, 1) + nest(A_VIPS, vip("192.0.2.41"), False), EINVAL),
    ("new vip entry without NLA_F_NESTED", NEW, key(ETH0, 1) + vips(nest(1, attr(1, socket.inet_aton("192.0.2.41")), False)), EINVAL),
    ("new priority with NLA_F_NESTED", NEW, key(ETH0, 1) + V1 + attr(A_PRIORITY | NLA_F_NESTED, b"\x05"), EINVAL),
    ("new vips nested garbage", NEW, key(ETH0, 1) + nest(A_VIPS, b"\x01\x02\x03\x04garbage!"), EINVAL),
    # random bytes as array entries: an entry too short is ERANGE
    ("new vips 64 KiB garbage", NEW, key(ETH0, 1) + nest(A_VIPS, big), (EINVAL, errno.ERANGE)),
    ("new deep nesting in vips", NEW, key(ETH0, 1) + nest(A_VIPS, deep), EINVAL),
    ("new deep nesting top-level", NEW, key(ETH0, 1) + V1 + nest(A_MAX + 1, deep), EINVAL),
    ("new vrid as u32", NEW, a32(A_IFINDEX, ETH0) + a32(A_VRID, 1) + V1, EINVAL),
    ("new ifindex as u8", NEW, a8(A_IFINDEX, ETH0) + a8(A_VRID, 1) + V1, EINVAL),
    ("new priority as string", NEW, key(ETH0, 1) + V1 + attr(A_PRIORITY, b"high\0"), EINVAL),
    ("new interval as u8", NEW, key(ETH0, 1) + V1 + a8(A_INTERVAL, 100), EINVAL),
    ("new priority 64 KiB", NEW, key(ETH0, 1) + V1 + attr(A_PRIORITY, big), EINVAL),
    ("new interval 64 KiB", NEW, key(ETH0, 1) + V1 + attr(A_INTERVAL, big), EINVAL),
    ("new unknown attr 24", NEW, key(ETH0, 1) + V1 + a32(24, 1), EINVAL),
    ("new unknown attr 0x3fff 64 KiB", NEW, key(ETH0, 1) + V1 + attr(0x3fff, big), EINVAL),
    ("new attr type 0", NEW, key(ETH0, 1) + V1 + a32(0, 1), EINVAL),
    ("new ifname (read-only)", NEW, key(ETH0, 1) + V1 + attr(A_IFNAME, b"eth0\0"), EINVAL),
    ("new state (read-only)", NEW, key(ETH0, 1) + V1 + a8(A_STATE, 2), EINVAL),
    ("new stats (read-only)", NEW, key(ETH0, 1) + V1 + nest(A_STATS, attr(1, b"\0" * 8)), EINVAL),
    ("new pad", NEW, key(ETH0, 1) + V1 + attr(A_PAD, b""), EINVAL),
    ("new nla_len 2", NEW, key(ETH0, 1) + V1 + bad_hdr, EINVAL),
    ("new nla_len past the end", NEW, key(ETH0, 1) + V1 + past_end, EINVAL),
    ("new trailing 2 bytes", NEW, key(ETH0, 1) + V1 + b"\x01\x02", EINVAL),
    ("new vrid 0", NEW, key(ETH0, 0) + V1, ERANGE),
    ("new ifindex 0", NEW, key(0, 1) + V1, ERANGE),
    ("new ifindex 99999", NEW, key(99999, 1) + V1, ENODEV),
    ("new on lo", NEW, key(LO, 1) + V1, EOPNOTSUPP),
    ("new family 7", NEW, key(ETH0, 1) + V1 + a16(A_FAMILY, 7), EAFNOSUPPORT),
    ("new family inet6, an IPv4 vip", NEW, key(ETH0, 1) + V1 + a16(A_FAMILY, 10), EINVAL),
    ("new family inet6, a global first vip", NEW, key(ETH0, 1) + a16(A_FAMILY, 10)
        + vips(nest(1, attr(1, socket.inet_pton(socket.AF_INET6, "2001:db8::1")))), EINVAL),
    ("new version 4", NEW, key(ETH0, 1) + V1 + a8(A_VERSION, 4), ERANGE),
    ("new version 1", NEW, key(ETH0, 1) + V1 + a8(A_VERSION, 1), ERANGE),
    ("new version 2, 100 ms", NEW, key(ETH0, 1) + V1 + a8(A_VERSION, 2) + a32(A_INTERVAL, 100), EINVAL),
    ("new version 2, inet6", NEW, key(ETH0, 1) + a8(A_VERSION, 2) + a16(A_FAMILY, 10)
        + vips(nest(1, attr(1, socket.inet_pton(socket.AF_INET6, "fe80::1")))), EINVAL),
    ("new version 2, a checksum", NEW, key(ETH0, 1) + V1 + a8(A_VERSION, 2) + a8(A_CHECKSUM, 1), EINVAL),
    ("new checksum 3", NEW, key(ETH0, 1) + V1 + a8(A_CHECKSUM, 3), ERANGE),
    ("new peer 224.0.0.18", NEW, key(ETH0, 1) + V1 + nest(A_PEERS, attr(1, socket.inet_aton("224.0.0.18"))), EINVAL),
    ("new peer of 16 bytes for inet", NEW, key(ETH0, 1) + V1 + nest(A_PEERS, attr(1, b"\xfe\x80" + b"\0" * 14)), EINVAL),
    ("new peer entry type 2", NEW, key(ETH0, 1) + V1 + nest(A_PEERS, attr(2, socket.inet_aton("192.0.2.9"))), EINVAL),
    ("new peer twice", NEW, key(ETH0, 1) + V1 + nest(A_PEERS, attr(1, socket.inet_aton("192.0.2.9")) * 2), EINVAL),
    ("new 65 peers", NEW, key(ETH0, 1) + V1 + nest(A_PEERS, b"".join(
        attr(1, socket.inet_aton("198.51.100.%d" % (i + 1))) for i in range(65))), E2BIG),
    ("new peers trailing bytes", NEW, key(ETH0, 1) + V1 + nest(A_PEERS, attr(1, socket.inet_aton("192.0.2.9")) + b"\x01\x02"), EINVAL),
    ("new source 3 bytes", NEW, key(ETH0, 1) + V1 + attr(A_SOURCE, b"\xc0\0\x02"), EINVAL),
    ("new source 17 bytes", NEW, key(ETH0, 1) + V1 + attr(A_SOURCE, b"\0" * 17), ERANGE),
    ("new source 0.0.0.0", NEW, key(ETH0, 1) + V1 + attr(A_SOURCE, socket.inet_aton("0.0.0.0")), EINVAL),
    ("new accept 2", NEW, key(ETH0, 1) + V1 + a8(A_ACCEPT, 2), ERANGE),
    ("new vmac 2", NEW, key(ETH0, 1) + V1 + a8(A_VMAC, 2), ERANGE),
    ("new priority 0", NEW, key(ETH0, 1) + V1 + a8(A_PRIORITY, 0), ERANGE),
    ("new interval 15", NEW, key(ETH0, 1) + V1 + a32(A_INTERVAL, 15), EINVAL),
    ("new interval 40960", NEW, key(ETH0, 1) + V1 + a32(A_INTERVAL, 40960), ERANGE),
    ("new preempt 2", NEW, key(ETH0, 1) + V1 + a8(A_PREEMPT, 2), ERANGE),
    ("new garp count 101", NEW, key(ETH0, 1) + V1 + a32(A_GARP_COUNT, 101), ERANGE),
    ("new garp refresh 999", NEW, key(ETH0, 1) + V1 + a32(A_GARP_REFRESH, 999), EINVAL),
    ("new preempt delay 3600001", NEW, key(ETH0, 1) + V1 + a32(A_PREEMPT_DELAY, 3600001), ERANGE),
    # accepted ones: duplicates (the last counts), 255 VIPs, NET_BYTEORDER flag
    ("new duplicate vrid/priority", NEW, key(ETH0, 9) + a8(A_VRID, 2) + a8(A_PRIORITY, 7)
        + V1 + a8(A_PRIORITY, 77) + a32(A_INTERVAL, 20) + a32(A_INTERVAL, 1230), 0),
    ("new duplicate vips", NEW, key(ETH0, 3) + V1 + vips(vip("192.0.2.43"), vip("192.0.2.44", 25)), 0),
    ("new 255 vips on x0", NEW, key(X0, 4) + many(255), 0),
    ("new priority NET_BYTEORDER", NEW, key(X0, 5) + V1 + attr(A_PRIORITY | NLA_F_NET_BYTEORDER, b"\x2a"), 0),
    ("new exists", NEW, key(ETH0, 2) + V1, EEXIST),
    ("new exists, other settings", NEW, key(ETH0, 2) + V1 + a8(A_PRIORITY, 200), EEXIST),
    ("set missing", SET, key(ETH0, 100) + a8(A_PRIORITY, 5), ENOENT),
    ("set no vrid", SET, a32(A_IFINDEX, ETH0) + a8(A_PRIORITY, 5), EINVAL),
    ("set bad interval leaves all", SET, key(ETH0, 2) + a8(A_PRIORITY, 5) + a32(A_INTERVAL, 11), EINVAL),
    ("set bad vips leaves all", SET, key(ETH0, 2) + a8(A_PRIORITY, 5) + vips(vip("224.0.0.1")), EINVAL),
    ("set empty vips", SET, key(ETH0, 2) + vips(), EINVAL),
    ("set vips 64 KiB", SET, key(ETH0, 2) + nest(A_VIPS, big), (EINVAL, errno.ERANGE)),
    ("set duplicate priority", SET, key(ETH0, 2) + a8(A_PRIORITY, 1) + a8(A_PRIORITY, 254), 0),
    ("set vips replace", SET, key(ETH0, 3) + vips(vip("192.0.2.45", 32)), 0),
    ("set nothing", SET, key(ETH0, 3), 0),
    ("del missing", DEL, key(ETH0, 100), ENOENT),
    ("del no ifindex", DEL, a8(A_VRID, 3), EINVAL),
    ("del with junk attr", DEL, key(ETH0, 3) + a32(99, 1), EINVAL),
    ("del with 64 KiB attr", DEL, key(ETH0, 3) + attr(A_PRIORITY, big), EINVAL),
    ("del duplicate vrid", DEL, key(ETH0, 77) + a8(A_VRID, 3), 0),
    ("get no attrs", GET, b"", EINVAL),
    ("get missing", GET, key(ETH0, 3), ENOENT),
    ("get garbage", GET, key(ETH0, 2) + b"\xff" * 7, EINVAL),
    ("get 64 KiB", GET, key(ETH0, 2) + attr(A_PRIORITY, big), EINVAL),
    ("netstats junk", NETSTATS, a32(200, 1), EINVAL),
    ("netstats 64 KiB", NETSTATS, attr(A_IFNAME, big), EINVAL),
    ("track new no name", T_NEW, b"", EINVAL),
    ("track new bad name", T_NEW, tname(b"a/b"), EINVAL),
    ("track new empty name", T_NEW, tname(b""), EINVAL),
    ("track new long name", T_NEW, tname(b"x" * 40), (EINVAL, errno.ERANGE)),
    ("track new value 300", T_NEW, tname(b"v") + a32(A_TRACK_VALUE, 300),
     (EINVAL, errno.ERANGE)),
    ("track new", T_NEW, tname(b"ok1"), 0),
    ("track new again", T_NEW, tname(b"ok1"), EEXIST),
    ("new tracking a missing object", NEW,
     key(ETH0, 9) + V1 + nest(A_TRACKS, nest(1, tname(b"nosuch", 1))), ENOENT),
    ("new tracking junk", NEW, key(ETH0, 9) + V1 + nest(A_TRACKS, big[:64]),
     (EINVAL, errno.ERANGE)),
    ("track set missing", T_SET, tname(b"nosuch"), ENOENT),
    ("track del", T_DEL, tname(b"ok1"), 0),
    ("track del missing", T_DEL, tname(b"ok1"), ENOENT),
    ("track get no name", T_GET, b"", EINVAL),
    ("unknown cmd 0", 0, key(ETH0, 2), EOPNOTSUPP),
    ("unknown cmd 6 (event)", 6, key(ETH0, 2), EOPNOTSUPP),
    ("unknown cmd 11", 11, key(ETH0, 2), EOPNOTSUPP),
    ("unknown cmd 255", 255, big, EOPNOTSUPP),
]
done_cases = 0
for case in cases:
    name, cmd, payload, want = case[:4]
    err, replies, why = conn.raw(cmd, payload)
    note(err)
    if err not in (want if isinstance(want, tuple) else (want,)):
        die("case '%s': expected errno %s, got %d (%s)" % (name, want, err, why))
    if err == 0 and cmd in (NEW, SET, DEL):
        apply(model, cmd, payload)
    check_table(conn, model, "after case '%s'" % name)
    done_cases += 1
# Command/flag combinations.
flagcases = [
    ("dump flag on NEW", NEW, key(ETH0, 1) + V1, gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP | gnl.NLM_F_ACK, EOPNOTSUPP),
    ("dump flag on DEL", DEL, key(ETH0, 2), gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP | gnl.NLM_F_ACK, EOPNOTSUPP),
    ("dump of NETSTATS", NETSTATS, b"", gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP | gnl.NLM_F_ACK, EOPNOTSUPP),
    ("dump with ifindex u8", GET, a8(A_IFINDEX, ETH0), gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP, EINVAL),
    ("dump with junk", GET, a32(150, 1), gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP, EINVAL),
    ("dump with 64 KiB attr", GET, attr(A_PRIORITY, big), gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP, EINVAL),
]
for name, cmd, payload, flags, want in flagcases:
    err, replies, why = conn.raw(cmd, payload, flags)
    note(err)
    if err != want:
        die("case '%s': expected errno %s, got %d (%s)" % (name, want, err, why))
    done_cases += 1
# A genl header of 2 bytes, and one with odd version/reserved bytes.
err, _, why = conn.raw(GET, b"", genl_hdr=b"\x04\x01")
if err == 0:
    die("a 2-byte genl header was accepted")
note(err)
err, _, why = conn.raw(GET, key(ETH0, 2), genl_hdr=struct.pack("=BBH", GET, 77, 0xbeef))
note(err)
if err != 0:
    die("GET with genl version 77, reserved 0xbeef: %s" % why)
# A dump filtered by interface lists that interface's instances only.
got = [k for k, _ in dump(conn, a32(A_IFINDEX, X0))]
if got != sorted(k for k in model if k[0] == X0):
    die("dump filtered on x0: %s, model %s" % (got, sorted(model)))
done_cases += 3
# A GET equals the model.
for k in model:
    err, replies, why = conn.raw(GET, key(*k))
    if err or len(replies) != 1 or decode_instance(replies[0]) != (k, model[k]):
        die("GET %s: %s %s, model %s" % (k, why, replies and decode_instance(replies[0]), model[k]))
check_table(conn, model, "after the hand-made cases")
hand = len(model)

T_HAND = time.monotonic()
# --- 2. fuzz -------------------------------------------------------------
rng = random.Random(SEED)
IFX = [ETH0] * 6 + [X0] * 3 + [LO, 0, 99999]
VRIDS = [1, 2, 3, 4, 5, 6, 1, 2, 3, 0, 200]
ADDRS = ["192.0.2.%d" % i for i in range(50, 58)] + ["198.51.100.%d" % i for i in range(50, 54)] \
    + ["0.0.0.0", "127.0.0.1", "224.0.0.18", "255.255.255.255", "203.0.113.9"]
VALUES = {A_PRIORITY: (1, [0, 1, 2, 99, 100, 150, 254, 255]),
          A_INTERVAL: (4, [0, 5, 10, 15, 20, 100, 1000, 1005, 40950, 40960, 0xffffffff]),
          A_PREEMPT: (1, [0, 1, 2, 255]),
          A_PREEMPT_DELAY: (4, [0, 1, 3600000, 3600001]),
          A_ACCEPT: (1, [0, 1, 1, 2]),
          A_VMAC: (1, [0, 1, 1, 2]),
          A_GARP_COUNT: (4, [0, 1, 5, 100, 101]),
          A_GARP_INTERVAL: (4, [0, 10, 10000, 10001]),
          A_GARP_DELAY: (4, [0, 5000, 3600000, 3600001]),
          A_GARP_REFRESH: (4, [0, 1, 999, 1000, 3600000, 3600001]),
          A_FAMILY: (2, [2, 2, 2, 10, 0]),
          A_VERSION: (1, [3, 3, 3, 2, 0])}

def rand_vips():
    entries = []
    for _ in range(rng.choice([0, 1, 1, 1, 2, 3, 4])):
        a = rng.choice(ADDRS)
        plen = rng.choice([None, None, 24, 32, 1, 0, 33])
        entries.append(vip(a, plen))
    return vips(*entries)

def rand_attr():
    t = rng.choice(list(VALUES))
    size, vals = VALUES[t]
    v = rng.choice(vals)
    return attr(t, v.to_bytes(size, sys.byteorder))

def split(payload):
    out = []
    while len(payload) >= 4:
        length = struct.unpack_from("=H", payload)[0]
        step = max(4, (length + 3) & ~3)
        out.append(payload[:step])
        payload = payload[step:]
    return out

def mutate(attrs):
    m = rng.randrange(14)
    if m in (1, 3, 4, 5, 8, 10, 12):
        # these change one well-formed attribute (not inserted junk)
        whole = [i for i, a in enumerate(attrs) if len(a) >= 4]
        if not whole:
            return attrs
        i = rng.choice(whole)
    if m == 0 and attrs:                      # drop one
        attrs.pop(rng.randrange(len(attrs)))
    elif m == 1:                              # duplicate one
        attrs.insert(rng.randrange(len(attrs) + 1), attrs[i])
    elif m == 2:                              # an extra setting, maybe a duplicate
        attrs.insert(rng.randrange(len(attrs) + 1), rand_attr())
    elif m == 3:                              # resize one: shorter or longer
        t = struct.unpack_from("=H", attrs[i], 2)[0]
        body = attrs[i][4:struct.unpack_from("=H", attrs[i])[0]]
        n = rng.choice([0, 1, 2, 3, 5, 8, 16, 300, 65531])
        attrs[i] = attr(t, (body * (n // max(1, len(body)) + 1))[:n] if body else b"\0" * n)
    elif m == 4:                              # flip NLA_F_NESTED
        b = bytearray(attrs[i]); b[3] ^= 0x80; attrs[i] = bytes(b)
    elif m == 5:                              # set NLA_F_NET_BYTEORDER
        b = bytearray(attrs[i]); b[3] |= 0x40; attrs[i] = bytes(b)
    elif m == 6:                              # unknown or read-only type
        t = rng.choice([0, A_IFNAME, A_STATE, 7, 8, A_ACTIVE_INTERVAL, A_ACTIVE_ADDR,
                        A_PRIMARY_ADDR, A_STATS, A_PAD, 24, 25, 255, 0x3fff])
        attrs.insert(rng.randrange(len(attrs) + 1), attr(t, bytes(rng.getrandbits(8) for _ in range(rng.choice([0, 1, 4, 8])))))
    elif m == 7:                              # junk bytes somewhere
        junk = bytes(rng.getrandbits(8) for _ in range(rng.choice([1, 2, 3, 4, 7, 12])))
        attrs.insert(rng.randrange(len(attrs) + 1), junk)
    elif m == 8:                              # wrap one in nests
        x = attrs[i]
        for _ in range(rng.choice([1, 2, 10, 40])):
            if len(x) > 65531:
                break
            x = nest(rng.choice([1, A_VIPS, 2]), x)
        attrs[i] = x
    elif m == 9:                              # nested garbage as the VIP list
        attrs.append(nest(A_VIPS, bytes(rng.getrandbits(8) for _ in range(rng.choice([4, 8, 20, 64])))))
    elif m == 10:                             # retype one as u8/u16/u32/string
        t = struct.unpack_from("=H", attrs[i], 2)[0]
        attrs[i] = rng.choice([a8(t, 7), a16(t, 7), a32(t, 7), attr(t, b"eth0\0")])
    elif m == 11:                             # a huge attribute
        attrs.append(attr(rng.choice([A_PRIORITY, A_VIPS | NLA_F_NESTED, 30]), b"\x01" * 65531))
    elif m == 12:                             # a lying nla_len
        b = bytearray(attrs[i])
        struct.pack_into("=H", b, 0, rng.choice([0, 1, 3, len(b) + 4, 65535]))
        attrs[i] = bytes(b)
    else:                                     # shuffle
        rng.shuffle(attrs)
    return attrs

stats = {"ok": 0, "err": 0}
for n in range(NREQ):
    r = rng.random()
    flags = gnl.NLM_F_REQUEST | gnl.NLM_F_ACK
    if r < 0.30: cmd = NEW
    elif r < 0.55: cmd = SET
    elif r < 0.70: cmd = DEL
    elif r < 0.82: cmd = GET
    elif r < 0.87: cmd, flags = GET, gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP
    elif r < 0.92: cmd = NETSTATS
    else: cmd = rng.choice([0, 6, 7, 8, 42, 128, 255])
    attrs = [a32(A_IFINDEX, rng.choice(IFX)), a8(A_VRID, rng.choice(VRIDS))]
    if cmd == GET and flags & gnl.NLM_F_DUMP:
        attrs = [] if rng.random() < 0.5 else attrs[:1]
    if cmd in (NEW, SET):
        for _ in range(rng.choice([0, 1, 2, 3, 5])):
            attrs.append(rand_attr())
        if cmd == NEW or rng.random() < 0.4:
            attrs.append(rand_vips())
    if cmd == NETSTATS:
        attrs = []
    for _ in range(rng.choice([0, 0, 0, 1, 1, 2, 3])):
        attrs = mutate(attrs)
    payload = b"".join(attrs)
    err, replies, why = conn.raw(cmd, payload, flags)
    note(err)
    stats["ok" if err == 0 else "err"] += 1
    d = last_attrs(payload) if err in (0, ENOENT, EEXIST) else {}
    k = req_key(d)
    if err == EEXIST and (cmd != NEW or k not in model):
        die("fuzz %d: EEXIST for cmd %d %s, model has %s" % (n, cmd, k, sorted(model)))
    if err == ENOENT and cmd in (SET, DEL, GET) and k in model:
        die("fuzz %d: ENOENT for cmd %d %s, which the model has" % (n, cmd, k))
    if err == 0 and cmd in (NEW, SET, DEL):
        if (cmd == NEW) == (k in model):
            die("fuzz %d: cmd %d on %s succeeded, model has %s" % (n, cmd, k, sorted(model)))
        apply(model, cmd, payload)
    if err == 0 and cmd == GET and not flags & gnl.NLM_F_DUMP:
        if len(replies) != 1 or decode_instance(replies[0]) != (k, model.get(k)):
            die("fuzz %d: GET %s: %s, model %s" % (n, k, replies and decode_instance(replies[0]), model.get(k)))
    if n % 500 == 499:
        check_table(conn, model, "fuzz request %d" % n)
check_table(conn, model, "after the fuzz")
fuzz_left = len(model)
for k in list(model):
    err, _, why = conn.raw(DEL, key(*k))
    if err:
        die("DEL %s after the fuzz: %s" % (k, why))
    model.pop(k)
check_table(conn, model, "after deleting everything")

T_FUZZ = time.monotonic()
# --- 3. four writers at once ---------------------------------------------
RACE_VIPS = [[("192.0.2.%d" % (30 + v), 24)] for v in range(1, 9)]
RACE_IVLS = [RACE_IVL_MS, 2 * RACE_IVL_MS, 3 * RACE_IVL_MS]
def worker_fail(msg):
    print(msg)
    sys.stdout.flush()  # os._exit() flushes nothing
    os._exit(1)

def worker(wid):
    rng = random.Random(SEED * 10 + wid)
    c = Conn()
    end = time.monotonic() + RACE_SECS
    ops = bad = 0
    while time.monotonic() < end:
        v = rng.randint(1, 8)
        r = rng.random()
        own = vips(vip("192.0.2.%d" % (30 + v), 24))
        if r < 0.3:
            cmd, p, flags = NEW, key(ETH0, v) + own + a32(A_INTERVAL, RACE_IVL_MS) + a8(A_PRIORITY, rng.choice([50, 150, 200])), None
        elif r < 0.55:
            p = key(ETH0, v) + a8(A_PRIORITY, rng.randint(1, 254)) + a32(A_INTERVAL, rng.choice(RACE_IVLS))
            if rng.random() < 0.3:
                p += vips(vip("192.0.2.%d" % (30 + v), 24), vip("198.51.100.%d" % (100 + v), 24))
            cmd, flags = SET, None
        elif r < 0.75:
            cmd, p, flags = DEL, key(ETH0, v), None
        elif r < 0.9:
            cmd, p, flags = GET, key(ETH0, v), None
        else:
            cmd, p, flags = GET, b"", gnl.NLM_F_REQUEST | gnl.NLM_F_DUMP
        err, replies, why = c.raw(cmd, p, *( [flags] if flags else []))
        ops += 1
        if err not in (0, EEXIST, ENOENT) or (err == EEXIST and cmd != NEW) \
                or (err == ENOENT and cmd == NEW):
            worker_fail("FAIL worker %d: cmd %d vrid %d: %s" % (wid, cmd, v, why))
        if err == 0 and cmd == GET:
            try:
                got = [decode_instance(b) for b in replies]
            except Exception as e:
                worker_fail("FAIL worker %d: undecodable reply: %r" % (wid, e))
            keys = [k for k, _ in got]
            if keys != sorted(keys) or len(set(keys)) != len(keys) or \
                    any(k[0] != ETH0 or not 1 <= k[1] <= 8 for k in keys):
                worker_fail("FAIL worker %d: dump keys %s" % (wid, keys))
            for k, i in got:
                if i["vips"][0] != ("192.0.2.%d" % (30 + k[1]), 24) or i["interval"] not in RACE_IVLS:
                    worker_fail("FAIL worker %d: instance %s is %s" % (wid, k, i))
    print("worker %d %d" % (wid, ops))
    sys.stdout.flush()
    os._exit(0)

pids = []
for wid in range(4):
    pid = os.fork()
    if pid == 0:
        worker(wid)
    pids.append(pid)
bad = 0
for pid in pids:
    _, status = os.waitpid(pid, 0)
    if status != 0:
        bad += 1
if bad:
    die("%d of 4 workers failed" % bad)
conn = Conn()
for v in range(1, 9):
    err, _, why = conn.raw(DEL, key(ETH0, v))
    if err not in (0, ENOENT):
        die("final DEL of vrid %d: %s" % (v, why))
model = {}
check_table(conn, model, "after the final deletes")
for v, prio in ((2, 150), (5, 50), (7, 200)):
    p = key(ETH0, v) + vips(vip("192.0.2.%d" % (30 + v), 24)) + a32(A_INTERVAL, RACE_IVL_MS) + a8(A_PRIORITY, prio)
    err, _, why = conn.raw(NEW, p)
    if err:
        die("final NEW of vrid %d: %s" % (v, why))
    apply(model, NEW, p)
check_table(conn, model, "after the final adds")
T_END = time.monotonic()
print("RESULT cases=%d hand_left=%d fuzz=%d fuzz_ok=%d fuzz_left=%d errnos=%s; %.0fs hand-made, %.0fs fuzz, %.0fs race" % (
    done_cases, hand, NREQ, stats["ok"], fuzz_left,
    ",".join("%d:%d" % kv for kv in sorted(errnos.items())),
    T_HAND - T_START, T_FUZZ - T_HAND, T_END - T_FUZZ))
PYEOF
rc=$?
res=$(grep '^RESULT ' "$OUT")
[ $rc -eq 0 ] && [ -n "$res" ] || fail "exit $rc: $(grep -m3 -E '^FAIL|Error|Traceback|line ' "$OUT" | tr '\n' ' ') $(tail -3 "$OUT" | tr '\n' ' ')"
ops=$(grep '^worker ' "$OUT" | awk '{ s += $3 } END { print s }')
# r2's peers ran all along, and r1's final instances are alive.
for v in 2 5 7; do
	st=$(state r1 $v)
	[ "$st" = master ] || [ "$st" = backup ] || fail "r1's vrid $v is $st after the race"
done
pass "${res#RESULT }; race: 4 workers, $ops requests in ${RACE_SECS}s"
