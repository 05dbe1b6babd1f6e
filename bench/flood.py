#!/usr/bin/env python3
"""flood.py junk|udp SECS: send one frame over and over from eth0's raw
socket for SECS seconds, as fast as it goes; prints how many.

junk: a VRRPv3 advert for VRID 51, priority 255, with a bad checksum (every
      router must drop it); udp: a UDP datagram to 192.0.2.1 port 9, which
      nothing listens on (receive softirq load that is not VRRP)."""
import os
import socket
import struct
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests", "scenarios"))
import frames  # noqa: E402


def udp_frame():
    with open("/sys/class/net/eth0/address") as f:
        src_mac = bytes.fromhex(f.read().strip().replace(":", ""))
    payload = b"x" * 64
    udp = struct.pack("!HHHH", 40000, 9, 8 + len(payload), 0) + payload
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + len(udp), 0, 0, 64, 17, 0,
                     socket.inet_aton("192.0.2.3"), socket.inet_aton("192.0.2.1"))
    ip = ip[:10] + struct.pack("!H", frames.csum(ip)) + ip[12:]
    # Broadcast destination: no ARP needed, and the bridge floods it to r1.
    return b"\xff" * 6 + src_mac + b"\x08\x00" + ip + udp


def main():
    kind, secs = sys.argv[1], float(sys.argv[2])
    if kind == "junk":
        frame = frames.advert("192.0.2.3", 51, 255, ["192.0.2.10"], form="bad")
    else:
        frame = udp_frame()
    s = frames.sender()
    n, end = 0, time.monotonic() + secs
    while time.monotonic() < end:
        for _ in range(100):
            try:
                s.send(frame)
                n += 1
            except OSError:
                pass
    print(n)


main()
