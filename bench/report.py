#!/usr/bin/python3
"""report.py RAWDIR OUTDIR KERNEL: turn the benchmark's JSON and intervals
files into OUTDIR/KERNEL.md (a Markdown table) and OUTDIR/KERNEL-precision-
INTERVALms.png (the interval distribution per load, both implementations
side by side). Needs python3-matplotlib (Debian's /usr/bin/python3)."""
import glob
import json
import os
import sys

import matplotlib
matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

LOADS = ["idle", "busy", "rt-runaway", "junk-flood", "rx-flood"]
IMPLS = ["vrrp", "keepalived"]


def load(raw):
    runs = {}
    for p in glob.glob(os.path.join(raw, "*.json")):
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
           "counters of how late its adverts left (`vrrpadm stats`). Loads: "
           "see bench/precision.sh." % fmt(next(iter(runs.values()))["secs"], 0)
           if runs else "", "",
           "| interval | load | impl | adverts | median ms | p99 ms | max ms | max dev ms "
           "| gaps > 3 intervals | takeovers | late max ms | missed |",
           "|---|---|---|---|---|---|---|---|---|---|---|---|"]
    for ivl in sorted({k[1] for k in runs}):
        for lname in LOADS:
            for impl in IMPLS:
                r = runs.get((impl, ivl, lname))
                if not r:
                    continue
                late = r.get("advert_late_max_us")
                out.append("| %d ms | %s | %s | %d/%d | %s | %s | %s | %s | %d | %d | %s | %s |" % (
                    ivl, lname, impl, r["adverts"], r["expected"], fmt(r["median_ms"]),
                    fmt(r["p99_ms"]), fmt(r["max_ms"], 1), fmt(r["max_dev_ms"], 1),
                    r["gaps_over_3"], r["takeovers"],
                    fmt(late / 1000 if late is not None else None, 1),
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


def main():
    raw, outdir, kernel = sys.argv[1:4]
    runs = load(raw)
    with open(os.path.join(outdir, kernel + ".md"), "w") as f:
        f.write(table(runs, kernel))
    plot(runs, outdir, kernel)
    print(table(runs, kernel))


main()
