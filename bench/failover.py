#!/usr/bin/env python3
"""failover.py NAME INTERVAL_MS OUTDIR R1MAC R2MAC CUTS DONE: read `tcpdump
-tt -n -e` lines of a capture on r2's switch port on stdin, and the times
(epoch seconds, one a line) at which r1 was cut off from the file CUTS;
write OUTDIR/NAME.json and print one line.

Per failover, from the last advert of r1 (192.0.2.1) that reached r2's
port: r2's first advert, its first gratuitous ARP for the VIP, its first
echo reply to the client, in ms; and the first as a ratio to the backup's
Active_Down_Interval (3 intervals + skew, r2's priority 100). A failover
with no advert from r2 before the next cut is counted as missed."""
import json
import re
import sys

VIP = "192.0.2.10"
R2_PRIORITY = 100
HEAD = re.compile(r"^(\d+\.\d+) (\S+) > (\S+), ethertype (\S+) \(0x[0-9a-f]+\), length \d+: (.*)$")
ADVERT = re.compile(r"^(\S+) > 224\.0\.0\.18: VRRPv\d, Advertisement, vrid 51, prio (\d+)")
# keepalived's requests carry a target MAC, which tcpdump prints.
GARP = re.compile(r"^(?:Request who-has %s(?: \([0-9a-f:]+\))? tell %s|Reply %s is-at )" %
                  ((re.escape(VIP),) * 3))
REPLY = re.compile(r"^%s > \S+: ICMP echo reply" % re.escape(VIP))


def percentile(values, p):
    v = sorted(values)
    return v[min(len(v) - 1, int(round(p / 100 * (len(v) - 1))))] if v else None


def summary(values):
    if not values:
        return None
    return {"min": min(values), "median": percentile(values, 50),
            "p99": percentile(values, 99), "max": max(values)}


def first_after(times, t, end):
    return next((x for x in times if t < x < end), None)


def main():
    name, ivl, out = sys.argv[1], float(sys.argv[2]), sys.argv[3]
    r1mac, r2mac, cuts_file, done = sys.argv[4], sys.argv[5], sys.argv[6], int(sys.argv[7])
    cuts = [float(x) for x in open(cuts_file).read().split()][:done]
    r1_adverts, r2_adverts, garps, replies = [], [], [], []
    for line in sys.stdin:
        m = HEAD.match(line.strip())
        if not m:
            continue
        t, src, rest = float(m.group(1)), m.group(2), m.group(5)
        a = ADVERT.match(rest)
        if a and a.group(1) == "192.0.2.1" and src == r1mac:
            r1_adverts.append(t)
        elif a and a.group(1) == "192.0.2.2" and src == r2mac and int(a.group(2)) == R2_PRIORITY:
            r2_adverts.append(t)
        elif src == r2mac and m.group(4) == "ARP" and GARP.match(rest):
            garps.append(t)
        elif src == r2mac and REPLY.match(rest):
            replies.append(t)

    adi = 3 * ivl + (256 - R2_PRIORITY) * ivl / 256
    events, missed = [], 0
    for i, cut in enumerate(cuts):
        end = cuts[i + 1] if i + 1 < len(cuts) else float("inf")
        adv = first_after(r2_adverts, cut, end)
        before = [x for x in r1_adverts if x < (adv or end)]
        if adv is None or not before:
            missed += 1
            continue
        last = before[-1]
        ev = {"cut": cut, "last_r1_advert": last,
              "advert_ms": (adv - last) * 1000}
        garp = first_after(garps, last, end)
        reply = first_after(replies, last, end)
        ev["garp_ms"] = (garp - last) * 1000 if garp else None
        ev["reply_ms"] = (reply - last) * 1000 if reply else None
        events.append(ev)

    def metric(key):
        return summary([e[key] for e in events if e[key] is not None])

    fig = {"name": name, "interval_ms": ivl, "active_down_interval_ms": adi,
           "failovers": len(events), "missed": missed,
           "advert_ms": metric("advert_ms"), "garp_ms": metric("garp_ms"),
           "reply_ms": metric("reply_ms"), "events": events}
    if fig["advert_ms"]:
        fig["advert_ratio"] = {k: v / adi for k, v in fig["advert_ms"].items()}
    with open("%s/%s.json" % (out, name), "w") as f:
        json.dump(fig, f, indent=1)

    def fmt(key):
        s = fig[key]
        return "n/a" if not s else "%.1f/%.1f/%.1f/%.1f" % (s["min"], s["median"], s["p99"], s["max"])
    print("bench %s: %d failovers (%d missed), ADI %.1f ms; min/median/p99/max ms: "
          "advert %s, garp %s, reply %s" % (name, len(events), missed, adi, fmt("advert_ms"),
                                            fmt("garp_ms"), fmt("reply_ms")))


if __name__ == "__main__":
    main()
