#!/usr/bin/python3
"""report.py RAWDIR OUTDIR KERNEL: turn the benchmarks' JSON and intervals
files into OUTDIR/KERNEL.md (a Markdown table per benchmark that ran) and
plots: OUTDIR/KERNEL-precision-INTERVALms.png (the interval distribution
per load, both implementations side by side) and KERNEL-failover.png
(failover time against advert interval). Needs python3-matplotlib
(Debian's /usr/bin/python3)."""
import glob
import json
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LOADS = ["idle", "busy", "rt-runaway", "junk-flood", "rx-flood"]
IMPLS = ["vrrp", "keepalived"]
WAYS = ["cut", "stop", "ifdown"]


def load(raw):
    runs = {}
    for p in glob.glob(os.path.join(raw, "*.json")):
        if os.path.basename(p).startswith(("failover-", "scale-", "packetpath-")):
            continue
        with open(p) as f:
            r = json.load(f)
        impl, ivl, lname = r["name"].split("-", 2)
        with open(p[:-5] + ".intervals") as f:
            r["iv"] = [float(x) for x in f]
        runs[(impl, int(ivl[:-2]), lname)] = r
    return runs


def fmt(v, nd=2):
    return "-" if v is None else ("%.*f" % (nd, v))


def table(runs, kernel):
    out = ["# Timer precision (%s kernel)" % kernel, "",
           "The master's advert intervals as they arrive on its switch port "
           "(tcpdump --immediate-mode in the switch's namespace), %s s per run, "
           "a guest with 2 vCPUs under qemu TCG; this module (vrrp) and "
           "keepalived 2.2.7 in the same guest, same topology (master and "
           "backup run by the implementation under test), same settings. "
           "\"takeovers\": the backup started advertising (a spurious "
           "failover). \"late max\" and \"missed\": the module's own "
           "counters of how late its adverts left (`vrrpadm stats`); \"irq "
           "late max\": of that, how late the timer interrupt itself came "
           "(time the guest's vCPU did not run, which no handler makes up). "
           "Loads: "
           "see bench/precision.sh." % fmt(next(iter(runs.values()))["secs"], 0)
           if runs else "", "",
           "| interval | load | impl | adverts | median ms | p99 ms | max ms | max dev ms "
           "| gaps > 3 intervals | takeovers | late max ms | irq late max ms | missed |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for ivl in sorted({k[1] for k in runs}):
        for lname in LOADS:
            for impl in IMPLS:
                r = runs.get((impl, ivl, lname))
                if not r:
                    continue
                late = r.get("advert_late_max_us")
                irq = r.get("advert_irq_late_max_us")
                out.append("| %d ms | %s | %s | %d/%d | %s | %s | %s | %s | %d | %d | %s | %s | %s |" % (
                    ivl, lname, impl, r["adverts"], r["expected"], fmt(r["median_ms"]),
                    fmt(r["p99_ms"]), fmt(r["max_ms"], 1), fmt(r["max_dev_ms"], 1),
                    r["gaps_over_3"], r["takeovers"],
                    fmt(late / 1000 if late is not None else None, 1),
                    fmt(irq / 1000 if irq is not None else None, 1),
                    r.get("advert_missed", "-")))
    return "\n".join(out) + "\n"


def plot(runs, outdir, kernel):
    for ivl in sorted({k[1] for k in runs}):
        fig, ax = plt.subplots(figsize=(10, 5))
        data, labels, colors = [], [], []
        for lname in LOADS:
            for impl in IMPLS:
                r = runs.get((impl, ivl, lname))
                if not r or not r["iv"]:
                    continue
                data.append(r["iv"])
                labels.append("%s\n%s" % (lname, impl))
                colors.append("tab:blue" if impl == "vrrp" else "tab:orange")
        if not data:
            continue
        parts = ax.boxplot(data, labels=labels, whis=(1, 99), showfliers=True,
                           patch_artist=True, flierprops={"markersize": 2})
        for patch, c in zip(parts["boxes"], colors):
            patch.set_facecolor(c)
        ax.set_yscale("log")
        ax.axhline(ivl, color="grey", lw=0.5)
        ax.axhline(3 * ivl, color="red", lw=0.5, ls="--")
        ax.set_ylabel("interval between adverts, ms (log)")
        ax.set_title("Advert intervals at %d ms, %s kernel: vrrp (blue) vs keepalived "
                     "(orange); whiskers p1-p99, red: 3 intervals" % (ivl, kernel))
        plt.setp(ax.get_xticklabels(), fontsize=7)
        fig.tight_layout()
        fig.savefig(os.path.join(outdir, "%s-precision-%dms.png" % (kernel, ivl)), dpi=90)
        plt.close(fig)


def load_json(raw, prefix, key):
    """Every RAWDIR/PREFIX-*.json, by key(figures)."""
    runs = {}
    for p in glob.glob(os.path.join(raw, prefix + "-*.json")):
        with open(p) as f:
            r = json.load(f)
        runs[key(r)] = r
    return runs


def failover_key(r):
    _, impl, way, ivl = r["name"].split("-", 3)
    return (impl, way, int(ivl[:-2]))


def spread(s):
    """min / median / p99 / max of a failover.py summary."""
    if not s:
        return "-"
    return "%s / %s / %s / %s" % (fmt(s["min"], 1), fmt(s["median"], 1),
                                  fmt(s["p99"], 1), fmt(s["max"], 1))


def failover_table(runs, kernel):
    out = ["# Failover and handover time (%s kernel)" % kernel, "",
           "The master is taken away: \"cut\" without warning (the switch drops "
           "every frame from and to its port), \"stop\" cleanly (`vrrpadm del`, "
           "keepalived's SIGTERM: a priority 0 advert), \"ifdown\" (its "
           "interface goes down); times from the master's last advert that "
           "reached the backup to the backup's first advert, its first "
           "gratuitous ARP for the VIP, and its first reply to a client that "
           "pings the VIP every millisecond, captured on the backup's switch "
           "port. min / median / p99 / max in ms; \"ratio\": the first advert's "
           "median and p99 over the backup's Active_Down_Interval (3 intervals "
           "+ skew). Same guest, topology and settings for both "
           "implementations; see bench/failover.sh.", "",
           "| way | interval | impl | failovers | Active_Down_Interval ms | first advert ms "
           "| ratio median / p99 | first GARP ms | first client reply ms |",
           "|---|---|---|---|---|---|---|---|---|"]
    for way in WAYS:
        for ivl in sorted({k[2] for k in runs}):
            for impl in IMPLS:
                r = runs.get((impl, way, ivl))
                if r:
                    out.append(failover_row(way, ivl, impl, r))
    return "\n".join(out) + "\n"


def failover_row(way, ivl, impl, r):
    ratio = r.get("advert_ratio")
    return "| %s | %d ms | %s | %d (%d missed) | %s | %s | %s | %s | %s |" % (
        way, ivl, impl, r["failovers"], r["missed"], fmt(r["active_down_interval_ms"], 1),
        spread(r["advert_ms"]),
        "%s / %s" % (fmt(ratio["median"], 3), fmt(ratio["p99"], 3)) if ratio else "-",
        spread(r["garp_ms"]), spread(r["reply_ms"]))


def failover_plot(runs, outdir, kernel):
    fig, ax = plt.subplots(figsize=(7, 5))
    ivls = sorted({k[2] for k in runs if k[1] == "cut"})
    for impl, color in (("vrrp", "tab:blue"), ("keepalived", "tab:orange")):
        pts = [(ivl, runs[(impl, "cut", ivl)]) for ivl in ivls
               if (impl, "cut", ivl) in runs and runs[(impl, "cut", ivl)]["reply_ms"]]
        if not pts:
            continue
        x = [p[0] for p in pts]
        med = [p[1]["reply_ms"]["median"] for p in pts]
        lo = [m - p[1]["reply_ms"]["min"] for m, p in zip(med, pts)]
        hi = [p[1]["reply_ms"]["p99"] - m for m, p in zip(med, pts)]
        ax.errorbar(x, med, yerr=[lo, hi], marker="o", capsize=4, color=color,
                    label="%s: first client reply (median, min-p99)" % impl)
    if ivls:
        ax.plot(ivls, [3 * i + 156 * i / 256 for i in ivls], color="grey", ls="--",
                label="Active_Down_Interval")
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlabel("advert interval, ms")
    ax.set_ylabel("failover time, ms")
    ax.set_title("Failover time (master cut off) against advert interval, %s kernel"
                 % kernel, fontsize=10)
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(os.path.join(outdir, "%s-failover.png" % kernel), dpi=90)
    plt.close(fig)


def scale_table(runs, kernel):
    secs = next(iter(runs.values()))["secs"]
    out = ["# Scale (%s kernel)" % kernel, "",
           "N instances on 16 links (255 VRIDs each), one VIP each, all master on "
           "r1 (priority 200) with a backup on r2 (100), both run by the "
           "implementation under test. \"up\": seconds from starting r1's "
           "instances (one `vrrpadm -b` file; one keepalived config) until all N "
           "VIPs are on r1, the 3.6-interval wait of a new instance included. "
           "\"CPU\": the whole guest's CPU time over %s s once all are up, in %% "
           "of one CPU (both routers and the bridges). \"kernel\": kernel memory "
           "(unreclaimable slab + vmalloc + percpu) per instance, 2N instances "
           "(r1's and r2's), from 100 instances on (below, the noise of the "
           "rest of the kernel is larger than the figure). \"rss\": "
           "keepalived's resident memory per instance. "
           "\"dump\": `vrrpadm -j show` of r1's instances. See bench/scale.sh."
           % secs, "",
           "| interval | instances | impl | up s | CPU % | kernel B/instance "
           "| rss B/instance | dump s | adverts missed |",
           "|---|---|---|---|---|---|---|---|---|"]
    for ivl in sorted({k[1] for k in runs}, reverse=True):
        for n in sorted({k[2] for k in runs}):
            for impl in IMPLS:
                r = runs.get((impl, ivl, n))
                if not r:
                    continue
                out.append("| %d ms | %d | %s | %s | %s | %s | %s | %s | %s |" % (
                    ivl, n, impl, fmt(r["up_s"]), fmt(r["cpu_pct"], 1),
                    r["kernel_bytes_per_instance"] if n >= 100 else "-",
                    "-" if r["rss_bytes_per_instance"] is None else r["rss_bytes_per_instance"],
                    fmt(r["dump_s"]),
                    "-" if r["advert_missed"] is None else r["advert_missed"]))
    return "\n".join(out) + "\n"


def packetpath_table(runs, kernel):
    secs = next(iter(runs.values()))["secs"]
    out = ["# Receive path (%s kernel)" % kernel, "",
           "r1 is backup for vrid 51; r3 sends it a master's adverts (valid) or "
           "the same with a wrong checksum (invalid) as fast as a packet socket "
           "goes, from one vCPU, for %s s. \"processed\": adverts r1 counted "
           "(module: adverts_rx / drop_checksum; keepalived: its statistics' "
           "received advertisements, which leave out a wrong checksum). \"guest "
           "CPU\": busy time of every vCPU in %% of one, the sender's included "
           "(veth hands a frame to the receiver on the sender's CPU), and that "
           "time per advert sent. See bench/packetpath.sh." % secs, "",
           "| adverts | impl | sent /s | processed /s | guest CPU % "
           "| guest CPU us per advert | keepalived CPU % |",
           "|---|---|---|---|---|---|---|"]
    for kind in ("valid", "invalid"):
        for impl in IMPLS:
            r = runs.get((impl, kind))
            if r:
                per = (10000 * r["guest_cpu_pct"] / r["sent_per_s"]
                       if r["sent_per_s"] else None)
                out.append("| %s | %s | %d | %s | %s | %s | %s |" % (
                    kind, impl, r["sent_per_s"],
                    "-" if r["processed_per_s"] is None else r["processed_per_s"],
                    fmt(r["guest_cpu_pct"], 1), fmt(per, 1),
                    fmt(r["keepalived_cpu_pct"], 1)))
    return "\n".join(out) + "\n"


def main():
    raw, outdir, kernel = sys.argv[1:4]
    runs = load(raw)
    failovers = load_json(raw, "failover", failover_key)
    scale = load_json(raw, "scale", lambda r: (r["impl"], r["interval_ms"], r["instances"]))
    packetpath = load_json(raw, "packetpath", lambda r: (r["impl"], r["kind"]))
    text = []
    if runs:
        text.append(table(runs, kernel))
        plot(runs, outdir, kernel)
    if failovers:
        text.append(failover_table(failovers, kernel))
        failover_plot(failovers, outdir, kernel)
    if scale:
        text.append(scale_table(scale, kernel))
    if packetpath:
        text.append(packetpath_table(packetpath, kernel))
    with open(os.path.join(outdir, kernel + ".md"), "w") as f:
        f.write("\n".join(text))
    print("\n".join(text))


main()
