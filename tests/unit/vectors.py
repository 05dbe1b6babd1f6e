#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0
#
# Prints the known-good adverts embedded in test_packet.c. They come from
# scapy, not from kmod/packet.c, so the two checksums are independent:
# scapy's VRRPv3 computes the checksum with the IPv4 / IPv6 pseudo-header.
# Regenerate with: /usr/bin/python3 vectors.py (needs python3-scapy).

from scapy.layers.inet import IP, in4_chksum
from scapy.layers.inet6 import IPv6
from scapy.layers.vrrp import VRRPv3
from scapy.utils import checksum


def carray(name, data, comment):
    print("/* %s */" % comment)
    print("static const u8 %s[] = {" % name)
    for i in range(0, len(data), 8):
        print("\t" + " ".join("0x%02x," % b for b in data[i:i + 8]))
    print("};\n")


def v4(src, **kw):
    pkt = IP(src=src, dst="224.0.0.18", ttl=255) / VRRPv3(**kw)
    return bytes(pkt[VRRPv3])


def with_csum(data, ck):
    return data[:6] + bytes([ck >> 8, ck & 0xff]) + data[8:]


one = v4("192.0.2.1", vrid=1, priority=100, adv=100,
         addrlist=["192.0.2.100"])
carray("pkt_one", one,
       "192.0.2.1 -> 224.0.0.18, VRID 1, prio 100, 100 cs, 192.0.2.100")

three = v4("192.0.2.2", vrid=51, priority=200, adv=4095,
           addrlist=["192.0.2.10", "198.51.100.20", "203.0.113.30"])
carray("pkt_three", three,
       "192.0.2.2 -> 224.0.0.18, VRID 51, prio 200, 4095 cs, 3 addresses")

res = v4("192.0.2.3", vrid=7, priority=254, adv=1, res=0xf,
         addrlist=["203.0.113.1"])
carray("pkt_reserved", res,
       "192.0.2.3 -> 224.0.0.18, VRID 7, prio 254, 1 cs, reserved bits set")

six = IPv6(src="2001:db8::1", dst="ff02::12", hlim=255) / \
      VRRPv3(vrid=9, priority=150, adv=300,
             addrlist=["2001:db8::100", "2001:db8::200"])
carray("pkt_six", bytes(six[VRRPv3]),
       "2001:db8::1 -> ff02::12, VRID 9, prio 150, 300 cs, 2 addresses")

# Three bytes of padding after the address, checksum over all 15 bytes.
raw = with_csum(one, 0) + b"\xa5\x5a\xff"
pad = with_csum(raw, in4_chksum(112, IP(src="192.0.2.1", dst="224.0.0.18"),
                                raw))
carray("pkt_padded", pad, "pkt_one plus 3 bytes of padding, pseudo-header")

msg = with_csum(one, checksum(with_csum(one, 0)))
carray("pkt_one_msg", msg, "pkt_one, message-only checksum")

msgpad = with_csum(raw, checksum(raw))
carray("pkt_padded_msg", msgpad, "pkt_padded, message-only checksum")
