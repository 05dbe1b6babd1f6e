#!/bin/bash
# 60-packet-storm: VRRP_STORM_SECS (40) of mutated adverts from the client
# at the highest rate it can send, at routers with instances in every
# state: r1 master of vrid 51 and 53 (150, 100ms; 500ms on the debug
# kernel), r2 backup of 51 (100),
# r3 backup of 53 (100) and vrid 52 in init (on eth1, a veth without
# carrier). The sender precomputes ~3000 frames, one defect each or many:
# version, type, VRID, priority, address count (0, too many, 255), interval
# (0, reserved bits), checksum, lengths (truncated, padded, above the
# longest legal advert, IP total length short or long), IP header (checksum,
# version, IHL, options), fragments (first or later, never complete), TTL,
# sources (r1's, r2's, r3's own, the VIPs, 0.0.0.0, martians, off-link),
# unicast to r1, other groups and protocols, random garbage, and valid
# adverts of priority 1-99 (below every instance, so none is a reason to
# change state; priority 0 only unicast to the master, where it counts as
# not sent to the group, drop_dest). It cycles through
# them and knows, for each frame and router, where it must end up.
#
# Each category carries its own IP ID, so nft counters in every router
# count it where the IP layer first sees it (prerouting) and where our hook
# does (input, just before it). Checked, for each router:
#  - frames with a bad IP header never reach prerouting; fragments,
#    martian sources and groups not joined never reach input (the IP layer
#    drops them before our hook: they must not show in our counters);
#    everything else reaches input as often as prerouting;
#  - every counter of every instance, and the namespace's unmatched
#    counters, grew by exactly what the categories that reached input
#    predict (drop_ttl, drop_dest, drop_version, drop_type, drop_length,
#    drop_checksum, drop_addr_list, drop_interval, adverts_rx, prio0_rx,
#    unmatched drop_vrid and drop_length); frames with several defects
#    count once, in one of the drop counters. r1's real adverts, which r2
#    and r3 receive all along, are counted apart by nft, and the counters
#    they touch must lie within what nft saw before and after the reads;
#  - no state change: `vrrpadm monitor` in r1, r2 and r3 prints nothing,
#    became_master stays, and every instance ends in its first state;
#  - and the harness fails the scenario on any kernel splat.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/lib-robust.sh"
load
topology

SECS=${VRRP_STORM_SECS:-$(scaled 40)}
# The debug kernel (KASAN, lockdep) under emulation, busy with the storm,
# cannot carry a 100 ms cadence across the bridge in time; the property is
# the same at 500 ms (as in 34).
INTERVAL_MS=100
[ "${VRRP_VM_FLAVOUR:-}" != debug ] || INTERVAL_MS=500
VIP53=192.0.2.11
T=$(mktemp -d /tmp/vrrp-60.XXXXXX)
BG=()
# shellcheck disable=SC2317 # run by the EXIT trap
cleanup() {
	local p
	for p in "${BG[@]}"; do kill -TERM "$p" 2>/dev/null; done
	for p in "${BG[@]}"; do wait "$p" 2>/dev/null; done
	BG=()
	rm -rf "$T"
}
trap cleanup EXIT

for ns in r1 r2 r3; do
	on $ns sysctl -qw net.ipv4.conf.all.rp_filter=0 net.ipv4.conf.default.rp_filter=0 \
		net.ipv4.conf.eth0.rp_filter=0 || fail "sysctl in $ns"
done
# r3's eth1: up, with an address, but its peer is down: no carrier.
r3 ip link add eth1 type veth peer name eth1p || fail "veth in r3"
r3 ip addr add 198.51.100.3/24 dev eth1 || fail "address on r3's eth1"
r3 ip link set eth1 up || fail "eth1 up"
R1MAC=$(r1 cat /sys/class/net/eth0/address)

# The sender: builds its frames and the nft rules while the routers start.
client "$PY" - "$SECS" "$T/s" "$R1MAC" >"$T/sender.out" 2>&1 <<'PYEOF' &
import json, os, random, socket, struct, sys, time
# argv: SECS DIR R1MAC [SEED]
secs, t, r1mac = float(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 6060)
NFRAMES = 3000
CLIENT, GROUP = "192.0.2.100", "224.0.0.18"
VIPS = {51: "192.0.2.10", 53: "192.0.2.11"}
# What each router is (the scenario sets it up so): its local addresses
# (a source address that is local is a martian the IP layer drops), its
# instances on eth0, and which of them are backups.
ROUTERS = {
    "r1": dict(local={"192.0.2.1", VIPS[51], VIPS[53]}, vrids={51, 53}, mac=r1mac, backup=set()),
    "r2": dict(local={"192.0.2.2"}, vrids={51}, mac=None, backup={51}),
    "r3": dict(local={"192.0.2.3", "198.51.100.3"}, vrids={53}, mac=None, backup={53}),
}
PRIO = {("r1", 51): 150, ("r1", 53): 150, ("r2", 51): 100, ("r3", 53): 100}
# Sources the IP layer refuses everywhere (the subnet's broadcast address
# is not one of them: with rp_filter off, multicast from it is taken).
MARTIAN = {"224.0.0.5", "255.255.255.255", "127.0.0.1"}


def csum(b):
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def pseudo(src, dst, n):
    return socket.inet_aton(src) + socket.inet_aton(dst) + struct.pack("!BBH", 0, 112, n)


def csum_ok(p, src, dst):
    return csum(p) == 0 or csum(pseudo(src, dst, len(p)) + p) == 0


def set_csum(p, mode, src, dst):
    """p with its checksum field set: 'pseudo', 'msg' or 'bad' over all of p."""
    p = bytearray(p)
    p[6:8] = b"\0\0"
    good = {csum(bytes(p)), csum(pseudo(src, dst, len(p)) + bytes(p))}
    if mode == "msg":
        c = csum(bytes(p))
    elif mode == "pseudo":
        c = csum(pseudo(src, dst, len(p)) + bytes(p))
    else:
        c = next(x for x in (0x1234, 0xbeef, 0x5a5a, 0x0001) if x not in good)
    struct.pack_into("!H", p, 6, c)
    return bytes(p)


def vrrp(vrid, prio, addrs=None, count=None, interval=100, ver=3, typ=1,
         csum_mode="pseudo", src=CLIENT, dst=GROUP, extra=b"", reserved=0):
    if addrs is None:
        addrs = [VIPS.get(vrid, "203.0.113.%d" % (vrid % 250 + 1))]
    body = struct.pack("!BBBBHH", (ver & 15) << 4 | (typ & 15), vrid, prio,
                       len(addrs) if count is None else count,
                       (reserved & 15) << 12 | (interval & 0xfff), 0)
    body += b"".join(socket.inet_aton(a) for a in addrs) + extra
    return set_csum(body, csum_mode, src, dst)


def defects(p, src, dst, ttl):
    """RFC 9568 7.1 receive checks the advert fails, as a set."""
    d = set()
    n = len(p)
    if ttl != 255:
        d.add("ttl")
    if dst != GROUP:
        d.add("dest")
    if n < 8 or n > 8 + 255 * 4:
        d.add("length")
    if n >= 1:
        if p[0] >> 4 != 3:
            d.add("version")
        if p[0] & 15 != 1:
            d.add("type")
    if n >= 4:
        if p[3] == 0:
            d.add("addr_list")
        elif n < 8 + 4 * p[3]:
            d.add("length")
    if n >= 8 and not csum_ok(p, src, dst):
        d.add("checksum")
    if n >= 6 and ((p[4] & 15) << 8 | p[5]) == 0:
        d.add("interval")
    return d


def outcome(s, name):
    """Where frame spec s ends up in router `name`: a counter
    ('51:drop_ttl', '53:adverts_rx', 'U:drop_vrid', '51:drop_any'...) or
    what stops it before our hook ('none': not delivered to this router,
    'ip': bad IP header, 'frag': a fragment that never reassembles,
    'martian': source address refused, 'notmember': group not joined,
    'proto': not VRRP, never looked at)."""
    r = ROUTERS[name]
    if s["dmac"] != "mc" and s["dmac"] != r["mac"]:
        return "none"
    if not s["ip_ok"]:
        return "ip"
    if s["frag"]:
        return "frag"
    if s["src"] in r["local"] or s["src"] in MARTIAN:
        return "martian"
    if s["dst"] != GROUP and s["dst"] not in r["local"]:
        return "notmember"
    if s["proto"] != 112:
        return "proto"
    p = s["delivered"]
    if len(p) < 2:
        return "U:drop_length"
    if p[1] not in r["vrids"]:
        return "U:drop_vrid"
    d = defects(p, s["src"], s["dst"], s["ttl"])
    if not d:
        return "%d:%s" % (p[1], "prio0_rx" if p[2] == 0 else "adverts_rx")
    if len(d) == 1:
        return "%d:drop_%s" % (p[1], d.pop())
    return "%d:drop_any" % p[1]


def safe(s, name, out):
    """No valid advert may give a router a reason to change state."""
    if not out.endswith(("adverts_rx", "prio0_rx")):
        return True
    vrid, prio = int(out.split(":")[0]), s["delivered"][2]
    if vrid in ROUTERS[name]["backup"]:
        return 1 <= prio < PRIO[(name, vrid)]
    return prio < PRIO[(name, vrid)]


def spec(payload, **kw):
    s = dict(dmac="mc", src=CLIENT, dst=GROUP, ttl=255, proto=112, tos=0xc0,
             frag_off=0x4000, opts=b"", ipver=4, ihl=None, totlen_delta=0,
             ipcsum_bad=False, eth_pad=b"", payload=payload)
    s.update(kw)
    ihl = s["ihl"] if s["ihl"] is not None else 5 + len(s["opts"]) // 4
    s["ihl_eff"] = ihl
    s["frag"] = bool(s["frag_off"] & 0x3fff)
    s["ip_ok"] = (s["ipver"] == 4 and ihl >= 5 and not s["ipcsum_bad"]
                  and s["totlen_delta"] <= 0
                  and 20 + len(s["opts"]) + len(payload) + s["totlen_delta"] >= ihl * 4)
    n = len(payload) + s["totlen_delta"]
    s["delivered"] = payload[:max(n, 0)]
    return s


def frame(s, ident):
    opts = s["opts"]
    ihl = s["ihl_eff"]
    tot = 20 + len(opts) + len(s["payload"]) + s["totlen_delta"]
    hdr = struct.pack("!BBHHHBBH4s4s", (s["ipver"] & 15) << 4 | (ihl & 15), s["tos"],
                      tot & 0xffff, ident, s["frag_off"], s["ttl"], s["proto"], 0,
                      socket.inet_aton(s["src"]), socket.inet_aton(s["dst"])) + opts
    c = csum(hdr)
    if s["ipcsum_bad"]:
        c ^= 0x0f0f
    hdr = hdr[:10] + struct.pack("!H", c) + hdr[12:]
    if s["dmac"] == "mc":
        last = socket.inet_aton(s["dst"])
        dmac = bytes([1, 0, 0x5e, last[1] & 0x7f, last[2], last[3]])
    else:
        dmac = bytes.fromhex(s["dmac"].replace(":", ""))
    return dmac + MYMAC + b"\x08\x00" + hdr + s["payload"] + s["eth_pad"]


def pick_vrid():
    r = rng.random()
    if r < 0.4:
        return 51
    if r < 0.7:
        return 53
    if r < 0.75:
        return 52
    return rng.choice([v for v in range(1, 256) if v not in (51, 52, 53)])


def low():
    return rng.randint(1, 99)


def rnd(n):
    return bytes(rng.getrandbits(8) for _ in range(n))


# --- the mutations -----------------------------------------------------------
def m_valid_low():
    v = pick_vrid()
    return spec(vrrp(v, low() if v in VIPS else rng.randint(0, 255),
                     interval=rng.choice([1, 10, 100, 4095]),
                     csum_mode=rng.choice(["pseudo", "msg"])))
def m_ttl():
    return spec(vrrp(pick_vrid(), 255), ttl=rng.choice([0, 1, 64, 128, 254]))
def m_version():
    return spec(vrrp(pick_vrid(), 255, ver=rng.choice([0, 1, 2, 4, 5, 15])))
def m_type():
    return spec(vrrp(pick_vrid(), 255, typ=rng.choice([0, 2, 3, 15])))
def m_count0():
    return spec(vrrp(pick_vrid(), 255, addrs=[], count=0))
def m_count_short():
    return spec(vrrp(pick_vrid(), 255, count=rng.choice([2, 3, 17, 128, 255])))
def m_huge_full():
    v = pick_vrid()
    addrs = ["198.51.100.%d" % i for i in range(1, 256)]
    return spec(vrrp(v, low(), addrs=addrs))
def m_huge_badsum():
    addrs = ["203.0.113.%d" % i for i in range(1, 256)]
    return spec(vrrp(pick_vrid(), 255, addrs=addrs, csum_mode="bad"))
def m_checksum():
    return spec(vrrp(pick_vrid(), rng.choice([255, 254, 200]), csum_mode="bad"))
def m_interval0():
    return spec(vrrp(pick_vrid(), 255, interval=0, reserved=rng.randint(0, 15)))
def m_reserved():
    v = pick_vrid()
    return spec(vrrp(v, low(), reserved=rng.randint(1, 15)))
def m_trunc_hdr():
    return spec(vrrp(pick_vrid(), 255)[:rng.randint(2, 7)])
def m_trunc_tiny():
    return spec(vrrp(pick_vrid(), 255)[:rng.randint(0, 1)])
def m_too_long():
    n = rng.randint(1029, 1400) - 12
    return spec(vrrp(pick_vrid(), 255, extra=b"\0" * n))
def m_ip_padded_valid():
    return spec(vrrp(pick_vrid(), low(), extra=b"\0" * rng.choice([4, 8, 20, 40])))
def m_ip_padded_badsum():
    v = pick_vrid()
    p = vrrp(v, 255)
    return spec(p + b"\x5a\xa5\x01\x02" * rng.randint(1, 5))
def m_eth_pad():
    return spec(vrrp(pick_vrid(), low()), eth_pad=rnd(rng.randint(1, 40)))
def m_totlen_short():
    # The IP total length cuts the address off; the checksum is right for
    # what is left, so the length is the only thing wrong.
    v = pick_vrid()
    cut = rng.randint(1, 4)
    p = vrrp(v, 255)
    p = set_csum(p[:len(p) - cut], "pseudo", CLIENT, GROUP) + p[len(p) - cut:]
    return spec(p, totlen_delta=-cut)
def m_totlen_long():
    return spec(vrrp(pick_vrid(), 255), totlen_delta=rng.randint(1, 100))
def m_ip_badsum():
    return spec(vrrp(pick_vrid(), 255), ipcsum_bad=True)
def m_ip_version():
    return spec(vrrp(pick_vrid(), 255), ipver=rng.choice([0, 5, 6, 15]))
def m_ip_ihl():
    return spec(vrrp(pick_vrid(), 255), ihl=rng.randint(0, 4))
def m_ip_opts():
    return spec(vrrp(pick_vrid(), low()), opts=b"\x01" * (4 * rng.randint(1, 10)))
def m_frag_first():
    return spec(vrrp(pick_vrid(), 255, extra=b"\0" * 4), frag_off=0x2000)
def m_frag_later():
    return spec(vrrp(pick_vrid(), 255), frag_off=rng.choice([0, 0x2000]) | rng.choice([1, 2, 100]))
def m_spoof(src):
    def m():
        v = pick_vrid()
        return spec(vrrp(v, low(), src=src), src=src)
    return m
def m_spoof_other():
    src = "203.0.113.%d" % rng.randint(1, 254)
    return spec(vrrp(pick_vrid(), low(), src=src), src=src)
def m_unicast_prio0():
    v = rng.choice([51, 53])
    return spec(vrrp(v, 0), dmac=r1mac)
def m_unicast_ip():
    v = rng.choice([51, 53, 99])
    return spec(vrrp(v, low(), dst="192.0.2.1"), dmac=r1mac, dst="192.0.2.1")
def m_garbage():
    n = rng.randint(0, 80)
    p = bytearray(rnd(n))
    if n >= 2 and rng.random() < 0.6:
        p[1] = rng.choice([51, 53])
    return spec(bytes(p), ttl=rng.choice([255, 255, 255, rng.randint(0, 254)]))
def m_multi():
    v = pick_vrid()
    p = bytearray(vrrp(v, 255, count=rng.choice([1, 2, 0]), interval=rng.choice([0, 100]),
                       ver=rng.choice([2, 3]), typ=rng.choice([1, 2]),
                       csum_mode=rng.choice(["bad", "pseudo"])))
    return spec(bytes(p), ttl=rng.choice([255, 1]))
def m_other_proto():
    return spec(vrrp(pick_vrid(), 255), proto=rng.choice([17, 113, 6]))
def m_other_group():
    return spec(vrrp(pick_vrid(), 255), dst="224.0.0.19")


MUTATIONS = [
    ("valid_low", m_valid_low, 12), ("ttl", m_ttl, 6), ("version", m_version, 5),
    ("type", m_type, 5), ("count0", m_count0, 4), ("count_short", m_count_short, 5),
    ("huge_full", m_huge_full, 1), ("huge_badsum", m_huge_badsum, 1),
    ("checksum", m_checksum, 8), ("interval0", m_interval0, 4),
    ("reserved_bits", m_reserved, 3), ("trunc_hdr", m_trunc_hdr, 3),
    ("trunc_tiny", m_trunc_tiny, 2), ("too_long", m_too_long, 1),
    ("ip_padded_valid", m_ip_padded_valid, 3), ("ip_padded_badsum", m_ip_padded_badsum, 3),
    ("eth_padded", m_eth_pad, 3), ("totlen_short", m_totlen_short, 3),
    ("totlen_long", m_totlen_long, 2), ("ip_badsum", m_ip_badsum, 2),
    ("ip_version", m_ip_version, 2), ("ip_ihl", m_ip_ihl, 2), ("ip_options", m_ip_opts, 3),
    ("frag_first", m_frag_first, 2), ("frag_later", m_frag_later, 2),
    ("src_r1", m_spoof("192.0.2.1"), 3), ("src_r2", m_spoof("192.0.2.2"), 3),
    ("src_r3", m_spoof("192.0.2.3"), 2), ("src_vip51", m_spoof(VIPS[51]), 2),
    ("src_vip53", m_spoof(VIPS[53]), 1), ("src_zero", m_spoof("0.0.0.0"), 2),
    ("src_mcast", m_spoof("224.0.0.5"), 1), ("src_bcast", m_spoof("255.255.255.255"), 1),
    ("src_loopback", m_spoof("127.0.0.1"), 1), ("src_subnet_bcast", m_spoof("192.0.2.255"), 1), ("src_other", m_spoof_other, 2),
    ("unicast_prio0", m_unicast_prio0, 1), ("unicast_dst", m_unicast_ip, 2),
    ("garbage", m_garbage, 6), ("multi_defect", m_multi, 5),
    ("other_proto", m_other_proto, 2), ("other_group", m_other_group, 2),
]

MYMAC = bytes.fromhex(open("/sys/class/net/eth0/address").read().strip().replace(":", ""))
names = sorted(ROUTERS)
cats = {}      # (mutation, outcomes) -> id
frames, fcat = [], []
pool = [m for m in MUTATIONS for _ in range(m[2])]
# every mutation at least a few times, then by weight
order = [m for m in MUTATIONS for _ in range(4)]
while len(order) < NFRAMES:
    order.append(rng.choice(pool))
rejected = 0
for mname, fn, _ in order:
    while True:
        s = fn()
        outs = tuple(outcome(s, n) for n in names)
        if all(safe(s, n, o) for n, o in zip(names, outs)):
            break
        rejected += 1     # e.g. garbage that happens to be a valid advert
    k = (mname, outs)
    if k not in cats:
        cats[k] = 0x6000 + len(cats)
    frames.append(frame(s, cats[k]))
    fcat.append(cats[k])

# nft: per category, a counter where the IP layer first sees it
# (prerouting) and one where our hook does (input, just before it).
cmac = ":".join("%02x" % b for b in MYMAC)
with open(t + ".nft", "w") as f:
    f.write("table ip storm {\n")
    for i in sorted(cats.values()):
        f.write("  counter p%d {\n  }\n  counter i%d {\n  }\n" % (i, i))
    f.write("  counter l51 {\n  }\n  counter l53 {\n  }\n")
    pm = ", ".join('%d : "p%d"' % (i, i) for i in sorted(cats.values()))
    im = ", ".join('%d : "i%d"' % (i, i) for i in sorted(cats.values()))
    f.write("  chain pre {\n    type filter hook prerouting priority -300;\n"
            "    ether saddr %s counter name ip id map { %s }\n  }\n" % (cmac, pm))
    f.write("  chain in {\n    type filter hook input priority 0;\n"
            "    ether saddr %s counter name ip id map { %s }\n" % (cmac, im))
    for v in (51, 53):
        f.write('    ether saddr %s ip protocol 112 @th,8,8 %d counter name "l%d"\n' % (r1mac, v, v))
    f.write("  }\n}\n")

sock = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
sock.bind(("eth0", 0))
open(t + ".ready", "w").close()
deadline = time.monotonic() + 200
while not os.path.exists(t + ".go"):
    if time.monotonic() > deadline:
        sys.exit("timed out waiting for " + t + ".go")
    time.sleep(0.05)
errs = [0] * len(frames)
send = sock.send
passes = part = 0
start = time.monotonic()
end = start + secs
while True:
    i = 0
    try:
        for f in frames:
            send(f)
            i += 1
    except OSError:
        errs[i] += 1
        # finish this pass one by one
        for j in range(i + 1, len(frames)):
            try:
                send(frames[j])
            except OSError:
                errs[j] += 1
    passes += 1
    if time.monotonic() >= end:
        break
took = time.monotonic() - start
sent = {}
for i, c in enumerate(fcat):
    sent[c] = sent.get(c, 0) + passes - errs[i]
total = sum(sent.values())
meta = dict(secs=took, passes=passes, frames=len(frames), sent=total,
            errors=sum(errs), rate=total / took, rejected=rejected,
            cats={str(i): dict(name=m, out=dict(zip(names, o)), sent=sent[i])
                  for (m, o), i in cats.items()})
with open(t + ".json", "w") as f:
    json.dump(meta, f)
print("sent %d frames in %.1fs (%d/s), %d categories" % (total, took, total / took, len(cats)))
PYEOF
SENDER=$!
BG+=("$SENDER")

inst r1 51 150 $VIP interval ${INTERVAL_MS}ms || fail "add vrid 51 in r1"
inst r1 53 150 $VIP53 interval ${INTERVAL_MS}ms || fail "add vrid 53 in r1"
wait_for 15 is_state r1 master 51 || fail "r1 should be master of 51, is $(state r1 51)"
wait_for 15 is_state r1 master 53 || fail "r1 should be master of 53, is $(state r1 53)"
inst r2 51 100 $VIP interval ${INTERVAL_MS}ms || fail "add vrid 51 in r2"
inst r3 53 100 $VIP53 interval ${INTERVAL_MS}ms || fail "add vrid 53 in r3"
vrrpadm r3 add dev eth1 vrid 52 priority 100 interval ${INTERVAL_MS}ms vip 198.51.100.10/24 ||
	fail "add vrid 52 on eth1 in r3"
wait_for 10 is_state r2 backup 51 || fail "r2 should be backup of 51, is $(state r2 51)"
wait_for 10 is_state r3 backup 53 || fail "r3 should be backup of 53, is $(state r3 53)"
s52() { vrrpadm r3 show dev eth1 vrid 52 | awk 'NR == 1 { print $NF }'; }
[ "$(s52)" = init ] || fail "r3's vrid 52 on eth1 (no carrier) should be in init, is $(s52)"
wait_for 10 has_vip r1 $VIP || fail "r1 master without $VIP"
wait_for 10 has_vip r1 $VIP53 || fail "r1 master without $VIP53"

wait_for 120 [ -e "$T/s.ready" ] || fail "the sender did not get ready: $(tail -3 "$T/sender.out")"
for ns in r1 r2 r3; do
	on $ns nft -f "$T/s.nft" || fail "nft rules in $ns"
done
for ns in r1 r2 r3; do
	ip netns exec $ns "$VRRPADM" monitor >"$T/mon.$ns" 2>"$T/mon.$ns.err" &
	BG+=($!)
done
sleep 1

# snap WHEN: nft counters, vrrpadm -j stats (and --unmatched), nft counters
# again, per router
snap() {
	local ns
	for ns in r1 r2 r3; do
		on $ns nft -j list counters table ip storm >"$T/$1.$ns.nft1" &&
			vrrpadm $ns -j stats >"$T/$1.$ns.stats" &&
			vrrpadm $ns -j stats --unmatched >"$T/$1.$ns.unmatched" &&
			on $ns nft -j list counters table ip storm >"$T/$1.$ns.nft2" ||
			fail "cannot read the counters of $ns"
	done
}
snap before
touch "$T/s.go"
wait_for $((SECS + 100)) [ -e "$T/s.json" ] || fail "the sender did not finish: $(tail -3 "$T/sender.out")"
wait "$SENDER" || fail "the sender failed: $(tail -3 "$T/sender.out")"
# Let the last frames through the routers' queues.
sleep 2
snap after
sleep 0.5
for p in "${BG[@]}"; do kill -TERM "$p" 2>/dev/null; done
for p in "${BG[@]}"; do wait "$p" 2>/dev/null; done
BG=()

for ns in r1 r2 r3; do
	[ ! -s "$T/mon.$ns" ] || fail "$ns's monitor saw events during the storm: $(head -5 "$T/mon.$ns")"
done
is_state r1 master 51 || fail "r1 left master of 51 (is $(state r1 51))"
is_state r1 master 53 || fail "r1 left master of 53 (is $(state r1 53))"
is_state r2 backup 51 || fail "r2 left backup of 51 (is $(state r2 51))"
is_state r3 backup 53 || fail "r3 left backup of 53 (is $(state r3 53))"
[ "$(s52)" = init ] || fail "r3's vrid 52 left init (is $(s52))"

res=$(python3 - "$T" "$INTERVAL_MS" <<'PYEOF'
import json, sys
t, interval_ms = sys.argv[1], int(sys.argv[2])
meta = json.load(open(t + "/s.json"))
DROPS = ["drop_ttl", "drop_dest", "drop_version", "drop_type", "drop_length", "drop_checksum",
         "drop_addr_list", "drop_interval"]
VRIDS = {"r1": [51, 53], "r2": [51], "r3": [53]}
problems = []

def nft(path):
    return {x["counter"]["name"]: x["counter"]["packets"]
            for x in json.load(open(path))["nftables"] if "counter" in x}

def stats(path):
    u = json.load(open(path[:-len("stats")] + "unmatched"))
    return {i["vrid"]: i["stats"] for i in json.load(open(path))}, u

figures = []
for n in ("r1", "r2", "r3"):
    b1, b2 = nft("%s/before.%s.nft1" % (t, n)), nft("%s/before.%s.nft2" % (t, n))
    a1, a2 = nft("%s/after.%s.nft1" % (t, n)), nft("%s/after.%s.nft2" % (t, n))
    (si, su), (ai, au) = stats("%s/before.%s.stats" % (t, n)), stats("%s/after.%s.stats" % (t, n))
    exact, arrived, lost = {}, 0, 0
    for cid, cat in meta["cats"].items():
        out, sent = cat["out"][n], cat["sent"]
        pre, inp = a1["p" + cid] - b2["p" + cid], a1["i" + cid] - b2["i" + cid]
        if (a2["p" + cid], a2["i" + cid]) != (a1["p" + cid], a1["i" + cid]):
            problems.append("%s: storm frames still arriving after it ended (%s)" % (n, cat["name"]))
        what = "%s: %s (%s, id %s, sent %d): prerouting %d, input %d" % (n, cat["name"], out, cid, sent, pre, inp)
        if out in ("none", "ip"):
            if pre or inp:
                problems.append(what + ": should not reach the IP layer")
            continue
        if out in ("frag", "martian", "notmember"):
            if inp or (sent and not pre):
                problems.append(what + ": should reach prerouting only")
            lost += sent - pre
            continue
        if inp != pre or (sent and not pre):
            problems.append(what + ": should reach input as often as prerouting")
        lost += sent - pre
        arrived += inp
        if out != "proto":
            exact[out] = exact.get(out, 0) + inp
    # r1's own adverts as this router's input saw them: [low, high] across the reads
    legit = {v: (a1["l%d" % v] - b2["l%d" % v], a2["l%d" % v] - b1["l%d" % v]) for v in (51, 53)}
    for v in VRIDS[n]:
        d = {k: ai[v][k] - si[v][k] for k in ai[v]}
        for c in ("became_master", "drop_vrid"):
            if d[c]:
                problems.append("%s vrid %d: %s +%d" % (n, v, c, d[c]))
        for c in ("adverts_rx", "prio0_rx"):
            want = exact.get("%d:%s" % (v, c), 0)
            lo, hi = (want + legit[v][0], want + legit[v][1]) if c == "adverts_rx" else (want, want)
            if not lo <= d[c] <= hi:
                problems.append("%s vrid %d: %s +%d, expected %s" % (n, v, c, d[c], want if lo == hi else "%d-%d (%d from the storm)" % (lo, hi, want)))
        anyd = exact.get("%d:drop_any" % v, 0)
        extra = 0
        for c in DROPS:
            want = exact.get("%d:%s" % (v, c), 0)
            if d[c] < want:
                problems.append("%s vrid %d: %s +%d, expected %d" % (n, v, c, d[c], want))
            extra += d[c] - want
        if extra != anyd:
            problems.append("%s vrid %d: drop counters exceed their own categories by %d, frames with several defects: %d (%s)"
                            % (n, v, extra, anyd, ", ".join("%s +%d/%d" % (c, d[c], exact.get("%d:%s" % (v, c), 0)) for c in DROPS)))
        if n == "r1":
            figures.append("r1 vrid %d: %s" % (v, " ".join("%s %d" % (c.replace("drop_", ""), d[c]) for c in DROPS + ["adverts_rx", "prio0_rx"] if d[c])))
            figures.append("r1 answered with %d adverts" % d["adverts_tx"])
            # Its cadence and one answer per interval at most, however
            # many worse adverts arrive (10 s for the reads).
            cap = 2 * (1000 // interval_ms) * (int(meta["secs"]) + 10)
            if d["adverts_tx"] > cap:
                problems.append("r1 vrid %d sent %d adverts, more than its cadence and one answer an interval allow (%d)"
                                % (v, d["adverts_tx"], cap))
    other = [v for v in (51, 53) if v not in VRIDS[n]]
    for c in ("drop_vrid", "drop_length"):
        want = exact.get("U:" + c, 0)
        lo = want + (sum(legit[v][0] for v in other) if c == "drop_vrid" else 0)
        hi = want + (sum(legit[v][1] for v in other) if c == "drop_vrid" else 0)
        got = au[c] - su[c]
        if not lo <= got <= hi:
            problems.append("%s: unmatched %s +%d, expected %d-%d (%d from the storm)" % (n, c, got, lo, hi, want))
    if n == "r3":
        d = {k: ai[52][k] - si[52][k] for k in ai[52]}
        if any(d[k] for k in DROPS + ["adverts_rx", "prio0_rx", "became_master", "adverts_tx"]):
            problems.append("r3 vrid 52 (init, eth1) counted something: %s" % d)
    figures.append("%s took %d at its hook, lost %d" % (n, arrived, lost))
if problems:
    print("FAIL %d problems: %s" % (len(problems), " | ".join(problems[:6])))
else:
    print("sent %d frames (%d different, %d categories) in %.0fs, %d/s; %s" % (
        meta["sent"], meta["frames"], len(meta["cats"]), meta["secs"], meta["rate"], "; ".join(figures)))
PYEOF
) || fail "the checker failed: $res"
case $res in FAIL*) fail "${res#FAIL }" ;; esac
pass "$res"
