# frames.py: VRRPv3 adverts as raw Ethernet frames, built by hand so that
# a sender starts fast in the emulated VM (scapy takes seconds to import).
# Scenarios import it with `sys.path.insert(0, <this folder>)`.
import socket
import struct


def csum(b):
    """RFC 1071 one's complement sum, folded and inverted."""
    if len(b) % 2:
        b += b"\0"
    s = sum(struct.unpack("!%dH" % (len(b) // 2), b))
    while s >> 16:
        s = (s & 0xffff) + (s >> 16)
    return ~s & 0xffff


def advert(src, vrid, priority, vips, interval_cs=100, form="pseudo",
           ttl=255, ifname="eth0"):
    """A frame from ifname's MAC to 224.0.0.18. form: "pseudo" (checksum
    with the IPv4 pseudo-header, what keepalived sends), "message" (RFC
    9568's message-only reading) or "bad" (neither)."""
    s, d = socket.inet_aton(src), socket.inet_aton("224.0.0.18")
    addrs = b"".join(socket.inet_aton(v) for v in vips)
    msg = struct.pack("!BBBBHH", 0x31, vrid, priority, len(vips),
                      interval_cs, 0) + addrs
    pseudo = s + d + struct.pack("!BBH", 0, 112, len(msg))
    right = {csum(pseudo + msg), csum(msg)}
    c = {"pseudo": csum(pseudo + msg), "message": csum(msg),
         "bad": next(x for x in (0x1234, 0x4321, 0xbeef) if x not in right)}
    msg = msg[:6] + struct.pack("!H", c[form]) + msg[8:]
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0xc0, 20 + len(msg), 0, 0x4000,
                     ttl, 112, 0, s, d)
    ip = ip[:10] + struct.pack("!H", csum(ip)) + ip[12:]
    with open("/sys/class/net/%s/address" % ifname) as f:
        mac = bytes.fromhex(f.read().strip().replace(":", ""))
    return bytes.fromhex("01005e000012") + mac + b"\x08\x00" + ip + msg


def sender(ifname="eth0"):
    s = socket.socket(socket.AF_PACKET, socket.SOCK_RAW)
    s.bind((ifname, 0))
    return s
