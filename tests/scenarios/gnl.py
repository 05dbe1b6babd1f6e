#!/usr/bin/python3
# gnl.py: a tiny generic netlink client of the "vrrp" family, for scenarios
# that must talk to the kernel in ways vrrpadm (libnl) never does: a reader
# with a small buffer, hand-made or malformed attributes, raw extack.
#
#   gnl.py dump [--first-recv N]      one line per instance: ifindex vrid nvips
#   gnl.py request CMD ATTR...        send one request, print the ack:
#                                     "error ERRNO msg=... offs=... miss=..."
#       ATTR is NAME=TYPE:VALUE, TYPE one of u8 u16 u32 bin (hex) nest
#       (VALUE a number, or for nest a ';'-separated list of NAME=TYPE:VALUE,
#       where NAME is a number)
import os
import socket
import struct
import sys

NETLINK_GENERIC = 16
GENL_ID_CTRL = 0x10
CTRL_CMD_GETFAMILY = 3
CTRL_ATTR_FAMILY_ID = 1
CTRL_ATTR_FAMILY_NAME = 2
NLM_F_REQUEST, NLM_F_ACK, NLM_F_DUMP = 1, 4, 0x300
NLMSG_ERROR, NLMSG_DONE = 2, 3
NLM_F_ACK_TLVS = 0x200
NLMSGERR_ATTR_MSG, NLMSGERR_ATTR_OFFS = 1, 2
NLMSGERR_ATTR_MISS_TYPE = 5
NETLINK_EXT_ACK = 11
SOL_NETLINK = 270
NLA_F_NESTED = 0x8000

CMDS = {"new": 1, "set": 2, "del": 3, "get": 4, "netstats": 5}
VRRP_A_IFINDEX, VRRP_A_VRID, VRRP_A_VIPS = 1, 4, 19


def attr(atype, payload):
    length = 4 + len(payload)
    return struct.pack("=HH", length, atype) + payload + b"\0" * (-length % 4)


def parse_attrs(data):
    out = []
    while len(data) >= 4:
        length, atype = struct.unpack_from("=HH", data)
        if length < 4:
            break
        out.append((atype & 0x3fff, data[4:length]))
        data = data[(length + 3) & ~3:]
    return out


class Genl:
    def __init__(self):
        self.sock = socket.socket(socket.AF_NETLINK, socket.SOCK_RAW,
                                  NETLINK_GENERIC)
        self.sock.setsockopt(SOL_NETLINK, NETLINK_EXT_ACK, 1)
        self.sock.bind((0, 0))
        self.seq = 0

    def send(self, family, cmd, payload, flags):
        self.seq += 1
        hdr = struct.pack("=IHHII", 16 + 4 + len(payload), family,
                          flags, self.seq, 0)
        self.sock.send(hdr + struct.pack("=BBH", cmd, 1, 0) + payload)

    def recv(self, bufsize):
        data = self.sock.recv(bufsize)
        msgs = []
        while len(data) >= 16:
            length, mtype, flags, _, _ = struct.unpack_from("=IHHII", data)
            msgs.append((mtype, flags, data[16:length]))
            data = data[(length + 3) & ~3:]
        return msgs

    def family(self, name, bufsize=65536):
        self.send(GENL_ID_CTRL, CTRL_CMD_GETFAMILY,
                  attr(CTRL_ATTR_FAMILY_NAME, name.encode() + b"\0"),
                  NLM_F_REQUEST)
        for mtype, _, body in self.recv(bufsize):
            if mtype == NLMSG_ERROR:
                sys.exit("no family %s" % name)
            for atype, val in parse_attrs(body[4:]):
                if atype == CTRL_ATTR_FAMILY_ID:
                    return struct.unpack("=H", val[:2])[0]
        sys.exit("no family id")


def ack_line(flags, body):
    err = -struct.unpack_from("=i", body)[0]
    words = ["error", str(err)]
    if flags & NLM_F_ACK_TLVS:
        inner_len = struct.unpack_from("=I", body, 4)[0]
        off = 4 + (inner_len if not flags & 0x100 else 16)
        off = (off + 3) & ~3
        for atype, val in parse_attrs(body[off:]):
            if atype == NLMSGERR_ATTR_MSG:
                words.append("msg=" + val.rstrip(b"\0").decode())
            elif atype == NLMSGERR_ATTR_OFFS:
                words.append("offs=%d" % struct.unpack("=I", val[:4])[0])
            elif atype == NLMSGERR_ATTR_MISS_TYPE:
                words.append("miss=%d" % struct.unpack("=I", val[:4])[0])
    return " ".join(words)


def dump(args):
    first = 65536
    if args[:1] == ["--first-recv"]:
        first = int(args[1])
    g = Genl()
    # The family lookup is this socket's first read: its buffer size is
    # what the kernel sizes the dump's first skb from.
    fam = g.family("vrrp", first)
    g.send(fam, CMDS["get"], b"", NLM_F_REQUEST | NLM_F_DUMP)
    while True:
        for mtype, flags, body in g.recv(1 << 20):
            if mtype == NLMSG_DONE:
                err = struct.unpack_from("=i", body)[0] if body else 0
                if err:
                    print("done error %d" % -err)
                return
            if mtype == NLMSG_ERROR:
                print(ack_line(flags, body))
                return
            a = dict(parse_attrs(body[4:]))
            nvips = len(parse_attrs(a.get(VRRP_A_VIPS, b"")))
            print(struct.unpack("=I", a[VRRP_A_IFINDEX][:4])[0],
                  a[VRRP_A_VRID][0], nvips)


def encode(spec):
    name, rest = spec.split("=", 1)
    typ, val = rest.split(":", 1)
    atype = int(name)
    if typ == "u8":
        return attr(atype, struct.pack("=B", int(val, 0)))
    if typ == "u16":
        return attr(atype, struct.pack("=H", int(val, 0)))
    if typ == "u32":
        return attr(atype, struct.pack("=I", int(val, 0)))
    if typ == "bin":
        return attr(atype, bytes.fromhex(val))
    if typ == "nest":
        inner = b"".join(encode(s) for s in val.split(";") if s)
        return attr(atype | NLA_F_NESTED, inner)
    sys.exit("bad type " + typ)


def request(args):
    g = Genl()
    fam = g.family("vrrp")
    payload = b"".join(encode(a) for a in args[1:])
    g.send(fam, CMDS[args[0]], payload, NLM_F_REQUEST | NLM_F_ACK)
    for mtype, flags, body in g.recv(1 << 20):
        if mtype == NLMSG_ERROR:
            print(ack_line(flags, body))
            return
    print("reply")


if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in ("dump", "request"):
        sys.exit(__doc__ if __doc__ else "usage: gnl.py dump|request ...")
    (dump if sys.argv[1] == "dump" else request)(sys.argv[2:])
