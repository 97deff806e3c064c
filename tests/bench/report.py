#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0
"""Turn mpool_bench results into tables and JSON (the last step of `make bench`).

    report.py --out DIR PLATFORM=RESULTS.txt...     PLATFORM: uml or qemu

RESULTS.txt is what tests/bench/guest.sh printed: "## run LABEL" sections holding the
lines of mpool_bench.ko (I facts, R values, S skipped, E errors) and a final "## done".
Writes DIR/results.txt (printed too), DIR/results.json and DIR/results.md (the tables
for README.md). Every figure is the median of the measured runs, with min and max.
Exits 1 when a run failed (an E line, a missing section, no "## done"); a missed speed
target is a finding printed with its ratio, not a failure.
"""

import argparse
import datetime
import json
import os
import platform as pyplatform
import statistics
import sys

PLATFORMS = {
    "uml": "User-Mode Linux, native speed, 1 CPU",
    "qemu": "QEMU TCG, Debian stock kernel, 4 vCPUs / 2 NUMA nodes (emulated: ratios only)",
}

# A figure whose slowest run took this much longer than its fastest is marked noisy.
NOISY = 1.25

# The reference each workload's ratios are taken against.
REFERENCE = {"bufmix": "mpool_buf", "cold": "managed"}

WORKLOAD_TITLES = {
    "hot": "hot pair (alloc+free, one CPU)",
    "burst": "burst (64 allocs, then 64 frees)",
    "bulk": "bulk API",
    "ctor": "constructed object (conn + 2x4 KiB)",
    "bufmix": "buffer mix (log server)",
    "xcpu": "cross-CPU hand-over (alloc here, free on the other node)",
    "scale": "scaling (all CPUs in parallel)",
    "mem": "memory after churn + shrink",
    "cold": "cold tier: a real log archived compressed, mapped back",
}

# The cold tier's figures that are not times per operation: unit -> (label, scale).
COLD_UNITS = {
    "ratio_x100": ("x smaller", 100.0),
    "mb_s": ("MB/s", 1.0),
    "p50_ns": ("us, median", 1000.0),
    "p99_ns": ("us, p99", 1000.0),
}


def parse(path):
    """Sections of one results file: {label: {"I": {}, "R": [], "S": [], "E": []}}."""
    runs = {}
    cur = runs.setdefault("-", {"I": {}, "R": [], "S": [], "E": []})
    done = False
    with open(path, encoding="utf-8", errors="replace") as f:
        for raw in f:
            line = raw.strip()
            if line.startswith("## run "):
                cur = runs.setdefault(line[7:].strip(),
                                      {"I": {}, "R": [], "S": [], "E": []})
                continue
            if line == "## done":
                done = True
                continue
            kind, _, rest = line.partition(" ")
            if kind == "I":
                key, _, val = rest.partition(" ")
                cur["I"].setdefault(key, []).append(val)
            elif kind == "R":
                f5 = rest.split()
                if len(f5) < 5:
                    cur["E"].append("malformed: " + line)
                    continue
                cur["R"].append({"workload": f5[0], "variant": f5[1], "peer": f5[2],
                                 "unit": f5[3], "values": [int(v) for v in f5[4:]]})
            elif kind == "S":
                f4 = rest.split(None, 3)
                cur["S"].append({"workload": f4[0], "variant": f4[1], "peer": f4[2],
                                 "reason": f4[3] if len(f4) > 3 else ""})
            elif kind == "E":
                cur["E"].append(rest)
    return runs, done


def summary(values):
    return {"median": statistics.median(values), "min": min(values), "max": max(values),
            "runs": len(values)}


def fmt_ns(ps):
    ns = ps / 1000.0
    if ns >= 100:
        return "%.0f" % ns
    if ns >= 10:
        return "%.1f" % ns
    return "%.2f" % ns


def fmt_ratio(r):
    return "%.2fx" % r if r is not None else "-"


class Platform:
    def __init__(self, name, path):
        self.name = name
        self.path = path
        self.runs, self.done = parse(path)
        self.errors = []
        if not self.done:
            self.errors.append("the guest did not finish (no '## done')")
        if "main" not in self.runs:
            self.errors.append("no main run")
        for label, run in self.runs.items():
            for e in run["E"]:
                self.errors.append("%s: %s" % (label, e))
        main = self.runs.get("main", {"I": {}, "R": [], "S": [], "E": []})
        self.info = {k: v[-1] for k, v in main["I"].items()}
        for k, v in self.runs.get("-", {"I": {}})["I"].items():
            self.info[k] = v[-1]
        self.figures = {}
        for r in main["R"]:
            self.figures[(r["workload"], r["variant"], r["peer"], r["unit"])] = r["values"]
        self.skips = main["S"]
        self.paths = main["I"].get("mpool_paths", [])
        # Host load average before and after the platform ran (bench.sh).
        self.load = []
        try:
            with open(os.path.join(os.path.dirname(path), "host-load"),
                      encoding="utf-8") as f:
                self.load = [float(x) for x in f.read().split()]
        except (OSError, ValueError):
            pass

    def fig(self, wl, var, peer, unit="ps_op"):
        v = self.figures.get((wl, var, peer, unit))
        return summary(v) if v else None

    def rows(self):
        """Rows of the time-based workloads, in the order they ran."""
        seen = []
        for (wl, var, peer, unit) in self.figures:
            if unit == "ps_op" and (wl, var) not in seen:
                seen.append((wl, var))
        out = []
        for wl, var in seen:
            ref = self.fig(wl, var, REFERENCE.get(wl, "mpool"))
            for (w, v, peer, unit), vals in self.figures.items():
                if (w, v, unit) != (wl, var, "ps_op"):
                    continue
                s = summary(vals)
                ratio = s["median"] / ref["median"] if ref and ref["median"] else None
                fastest = s["min"] / ref["min"] if ref and ref["min"] else None
                out.append({"workload": wl, "variant": var, "peer": peer, "unit": "ns/op",
                            "median": s["median"] / 1000, "min": s["min"] / 1000,
                            "max": s["max"] / 1000, "runs": s["runs"],
                            "ref_faster_x": ratio, "ref_faster_x_fastest": fastest,
                            "reference": REFERENCE.get(wl, "mpool")})
            for s in self.skips:
                if (s["workload"], s["variant"]) == (wl, var):
                    out.append({"workload": wl, "variant": var, "peer": s["peer"],
                                "na": s["reason"]})
        for s in self.skips:
            if s["peer"] == "all" or (s["workload"], s["variant"]) not in seen:
                if not any(r.get("na") == s["reason"] and r["peer"] == s["peer"] and
                           r["workload"] == s["workload"] for r in out):
                    out.append({"workload": s["workload"], "variant": s["variant"],
                                "peer": s["peer"], "na": s["reason"]})
        return out

    def scaling(self):
        """Per-CPU throughput by width. Efficiency against 1 CPU is taken round by round
        (a round runs every width, so it shares the host's load of the moment), then
        the median; 'normalised' divides it by the control loop's, run alongside."""
        out = []
        kinds, peers = [], []
        for (wl, var, peer, unit) in self.figures:
            if wl == "scale" and unit == "ps_op_cpu":
                kind = var.rsplit("_", 1)[0]
                if kind not in kinds:
                    kinds.append(kind)
                if peer not in peers:
                    peers.append(peer)
        for kind in kinds:
            widths = sorted({int(v.rsplit("_", 1)[1][:-3]) for (w, v, p, u) in self.figures
                             if w == "scale" and v.rsplit("_", 1)[0] == kind})
            for p in peers + ["control"]:
                peer, unit = (p, "ps_op_cpu") if p != "control" else ("mpool",
                                                                       "control_ps_op_cpu")
                base = self.figures.get(("scale", "%s_1cpu" % kind, peer, unit))
                cbase = self.figures.get(("scale", "%s_1cpu" % kind, peer,
                                          "control_ps_op_cpu"))
                for wdt in widths:
                    var = "%s_%dcpu" % (kind, wdt)
                    vals = self.figures.get(("scale", var, peer, unit))
                    cvals = self.figures.get(("scale", var, peer, "control_ps_op_cpu"))
                    if not vals or not base or 0 in vals or 0 in base:
                        continue
                    eff = [b / v for b, v in zip(base, vals)]
                    norm = None
                    if cvals and cbase and 0 not in cvals and 0 not in cbase:
                        norm = statistics.median(
                            e / (cb / cv) for e, cb, cv in zip(eff, cbase, cvals))
                    m = self.fig("scale", var, "mpool", "ps_op_cpu")
                    s = summary(vals)
                    out.append({
                        "workload": "scale", "variant": var, "cpus": wdt,
                        "peer": p if p != "control" else "control (CPU work only)",
                        "unit": "Mops/s per CPU",
                        "median": 1e6 / s["median"], "min": 1e6 / s["max"],
                        "max": 1e6 / s["min"], "runs": s["runs"],
                        "mpool_faster_x": (s["median"] / m["median"])
                        if m and p != "control" else None,
                        "vs_1cpu": statistics.median(eff),
                        "vs_1cpu_min": min(eff), "vs_1cpu_max": max(eff),
                        "vs_1cpu_control_normalised": norm if p != "control" else None,
                    })
        return out

    def memory(self):
        out = []
        variants = []
        for (wl, var, peer, unit) in self.figures:
            if wl == "mem" and var not in variants:
                variants.append(var)
        for var in variants:
            ref = self.fig("mem", var, "mpool", "held_per_live_ppm")
            for peer in ("mpool", "mpool_cacheline", "kmem_cache", "kmalloc", "mpool_buf",
                         "managed"):
                s = self.fig("mem", var, peer, "held_per_live_ppm")
                if not s:
                    continue
                held = self.fig("mem", var, peer, "held_bytes")
                live = self.fig("mem", var, peer, "live_bytes")
                out.append({"workload": "mem", "variant": var, "peer": peer,
                            "unit": "bytes held / live bytes",
                            "median": s["median"] / 1e6, "min": s["min"] / 1e6,
                            "max": s["max"] / 1e6, "runs": s["runs"],
                            "held_bytes": held["median"] if held else None,
                            "live_bytes": live["median"] if live else None,
                            "vs_mpool": (s["median"] / ref["median"]) if ref else None})
        return out

    def cold(self):
        """The cold tier's ratio, throughput and cold-map latency rows (ps_op rows, the
        hot map side by side, are in rows())."""
        out = []
        for (wl, var, peer, unit), vals in self.figures.items():
            if wl != "cold" or unit not in COLD_UNITS:
                continue
            label, scale = COLD_UNITS[unit]
            s = summary(vals)
            out.append({"workload": wl, "variant": var, "peer": peer, "unit": label,
                        "median": s["median"] / scale, "min": s["min"] / scale,
                        "max": s["max"] / scale, "runs": s["runs"]})
        return out

    def stats_overhead(self):
        """mpool with counters vs compiled out. Loads alternate (nostatsK, statsK): each
        round K gives the ratio of the two medians, and the median over the rounds is
        the overhead, so that a change of the host's load between rounds cancels."""
        rounds = {}
        for label, run in self.runs.items():
            flavour = label.rstrip("0123456789")
            if flavour not in ("stats", "nostats") or label == flavour:
                continue
            k = int(label[len(flavour):])
            for r in run["R"]:
                if r["peer"] == "mpool" and r["unit"] == "ps_op":
                    key = (r["workload"], r["variant"])
                    rounds.setdefault(key, {}).setdefault(k, {})[flavour] = r["values"]
        out = []
        for key, by_round in rounds.items():
            pairs = [(statistics.median(v["stats"]), statistics.median(v["nostats"]))
                     for v in by_round.values() if "stats" in v and "nostats" in v]
            if not pairs:
                continue
            ratios = [a / b for a, b in pairs if b]
            fastest_on = min(min(v["stats"]) for v in by_round.values() if "stats" in v)
            fastest_off = min(min(v["nostats"]) for v in by_round.values() if "nostats" in v)
            out.append({"workload": key[0], "variant": key[1],
                        "fastest_overhead_pct": (fastest_on / fastest_off - 1) * 100,
                        "stats_ns": statistics.median(a for a, _ in pairs) / 1000,
                        "nostats_ns": statistics.median(b for _, b in pairs) / 1000,
                        "overhead_pct": (statistics.median(ratios) - 1) * 100,
                        "overhead_min_pct": (min(ratios) - 1) * 100,
                        "overhead_max_pct": (max(ratios) - 1) * 100,
                        "rounds": len(pairs)})
        return out


def host_facts():
    model = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return {"cpu": model, "cores": os.cpu_count(), "host_kernel": pyplatform.release(),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")}


def targets(plats):
    """Each target of the issue with the measured ratio against it."""
    uml, qemu = plats.get("uml"), plats.get("qemu")
    out = []

    def ratio(p, wl, var, peer, ref="mpool", key="median"):
        if not p:
            return None
        a, b = p.fig(wl, var, peer), p.fig(wl, var, ref)
        return a[key] / b[key] if a and b and b[key] else None

    def add(name, where, measured, want, better_high=True, unit="x", fastest=None):
        met = None
        if measured is not None:
            met = measured >= want if better_high else measured <= want
        out.append({"target": name, "platform": where, "measured": measured,
                    "measured_fastest": fastest,
                    "want": ("≥ " if better_high else "≤ ") + ("%g%s" % (want, unit)),
                    "met": met})

    def add_ratio(name, wl, var, peer, want, ref="mpool", where="uml"):
        p = uml if where == "uml" else qemu
        add(name, where, ratio(p, wl, var, peer, ref), want,
            fastest=ratio(p, wl, var, peer, ref, "min"))

    for var in ("64B", "256B", "64B_softirq", "256B_softirq"):
        for peer in ("kmem_cache", "kmalloc"):
            add_ratio("hot pair %s: mpool faster than %s" % (var, peer), "hot", var, peer, 3)
    for var in ("64B", "256B", "64B_mag16"):
        add_ratio("burst %s: mpool faster than kmem_cache" % var, "burst", var,
                  "kmem_cache", 2.5)
    for var in ("64B_x16", "64B_x64"):
        add_ratio("bulk %s: mpool faster than kmem_cache" % var, "bulk", var,
                  "kmem_cache", 1.5)
    add_ratio("constructed objects: mpool faster than kmalloc + init", "ctor",
              "conn_2x4KiB", "kmalloc", 10)
    add_ratio("buffer mix: mpool buffer pool faster than kmalloc", "bufmix", "log_server",
              "kmalloc", 2, "mpool_buf")
    add_ratio("hot pair 64B: mpool faster than kmem_cache", "hot", "64B", "kmem_cache", 2,
              where="qemu")
    if qemu:
        xvar = next((v for (w, v, _, _) in qemu.figures if w == "xcpu"), None)
        add_ratio("cross-CPU hand-over: mpool faster than kmem_cache", "xcpu", xvar,
                  "kmem_cache", 1.5, where="qemu")
    if qemu:
        for row in qemu.scaling():
            if row["peer"] == "mpool" and row["cpus"] == 4:
                add("scaling %s: mpool per-CPU throughput at 4 CPUs / 1 CPU" %
                    row["variant"].rsplit("_", 1)[0], "qemu", row["vs_1cpu"], 0.9)
                add("scaling %s: the same, normalised by the CPU-only control" %
                    row["variant"].rsplit("_", 1)[0], "qemu",
                    row["vs_1cpu_control_normalised"], 0.9)
    else:
        add("scaling: mpool per-CPU throughput at 4 CPUs / 1 CPU", "qemu", None, 0.9)
    for name, p in (("uml", uml), ("qemu", qemu)):
        if not p:
            continue
        for row in p.memory():
            if row["peer"] == "kmem_cache":
                add("memory %s: mpool held/live relative to the slab cache's" %
                    row["variant"], name, 1 / row["vs_mpool"] if row["vs_mpool"] else None,
                    1.02, better_high=False)
    for name, p in (("uml", uml), ("qemu", qemu)):
        if not p:
            continue
        mixed = {r["peer"]: r["median"] for r in p.memory() if r["variant"] == "mixed"}
        if "kmalloc" in mixed and "managed" in mixed and mixed["kmalloc"] > 1:
            add("mixed lifetimes: managed pool's overhead (held - live) below kmalloc's by",
                name, 100 * (1 - (mixed["managed"] - 1) / (mixed["kmalloc"] - 1)), 90,
                unit="%")
    if uml:
        mu = uml.fig("managed", "map_unmap", "managed")
        add("managed pool: map+unmap of a hot object, ns", "uml",
            mu["median"] / 1000 if mu else None, 10, better_high=False, unit=" ns",
            fastest=mu["min"] / 1000 if mu else None)
    for name, p in (("uml", uml), ("qemu", qemu)):
        if not p:
            continue
        r = p.fig("cold", "archive", "managed_cold", "ratio_x100")
        add("cold tier: archived log entries stored smaller by", name,
            r["median"] / 100 if r else None, 3,
            fastest=r["min"] / 100 if r else None)
    if uml:
        p99 = uml.fig("cold", "cold_map", "managed_cold", "p99_ns")
        add("cold tier: map of a cold entry, p99, us", "uml",
            p99["median"] / 1000 if p99 else None, 20, better_high=False, unit=" us",
            fastest=p99["min"] / 1000 if p99 else None)
        hm = uml.fig("cold", "hot_map_unmap", "managed_cold")
        add("cold tier on: map+unmap of a hot object, ns", "uml",
            hm["median"] / 1000 if hm else None, 10, better_high=False, unit=" ns",
            fastest=hm["min"] / 1000 if hm else None)
    if uml:
        for row in uml.stats_overhead():
            if row["workload"] == "hot":
                add("statistics overhead, hot pair %s" % row["variant"], "uml",
                    row["overhead_pct"], 3, better_high=False, unit="%",
                    fastest=row["fastest_overhead_pct"])
    return out


def table(headers, rows):
    widths = [max(len(str(h)), *(len(str(r[i])) for r in rows)) if rows else len(h)
              for i, h in enumerate(headers)]
    lines = ["  ".join(str(h).ljust(w) for h, w in zip(headers, widths)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    for r in rows:
        lines.append("  ".join(str(c).ljust(w) for c, w in zip(r, widths)).rstrip())
    return lines


def md_table(headers, rows):
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    for r in rows:
        lines.append("| " + " | ".join(str(c) for c in r) + " |")
    return lines


def render(plats, tgts, facts, md=False):
    out = []
    mk = md_table if md else table
    for name, p in plats.items():
        emulated = name == "qemu"
        title = "%s: %s" % (name.upper(), PLATFORMS[name])
        out += ["", ("### " if md else "== ") + title + ("" if md else " ==")]
        out.append("guest kernel %s (%s), %s CPU(s), %s node(s); objpool %s; "
                   "init_on_alloc=%s; %s runs per figure after %s warm-up, ~%s ms each" % (
                       p.info.get("kernel", "?"), p.info.get("machine", "?"),
                       p.info.get("cpus", "?"), p.info.get("nodes", "?"),
                       p.info.get("objpool", "?"), p.info.get("init_on_alloc", "?"),
                       p.info.get("runs", "?"), p.info.get("warmup", "?"),
                       p.info.get("run_ms", "?")))
        if p.load:
            if md:
                out.append("")
            out.append("host load average %s (before, after) on %s cores%s" % (
                " / ".join("%.1f" % x for x in p.load), facts["cores"],
                "" if emulated else "; * marks figures whose runs spread over %d%%: "
                "other work on the host; rerun on an idle machine" % ((NOISY - 1) * 100)))
        if md:
            out.append("")
        rows = []
        for r in p.rows():
            if "na" in r:
                rows.append([r["workload"], r["variant"], r["peer"], "n/a", "", "", "",
                             r["na"]])
                continue
            noisy = r["min"] and r["max"] / r["min"] > NOISY
            ns = "" if emulated else "%s%s" % (fmt_ns(r["median"] * 1000),
                                               "*" if noisy else "")
            rng = "" if emulated else "%s-%s" % (fmt_ns(r["min"] * 1000),
                                                 fmt_ns(r["max"] * 1000))
            rows.append([r["workload"], r["variant"], r["peer"], ns, rng,
                         fmt_ratio(r["ref_faster_x"]), fmt_ratio(r["ref_faster_x_fastest"]),
                         r["runs"]])
        hdr = ["workload", "variant", "peer", "" if emulated else "ns/op",
               "" if emulated else "min-max", "mpool faster by", "(fastest runs)", "runs"]
        out += mk(hdr, rows)
        sc = p.scaling()
        if sc:
            out += ["", "scaling: per-CPU throughput against 1 CPU (1.00 = perfect), median "
                    "(min-max) of per-round ratios; 'normalised' divides by the curve of "
                    "a CPU-only control loop run alongside (what the emulator and the "
                    "host's cores give)"]
            if emulated and (facts["cores"] or 0) < 4:
                out.append("NOTE: this host has %s cores for 4 vCPUs: at 4 CPUs the vCPUs share "
                           "cores, which only the normalised column corrects for" %
                           facts["cores"])
            if md:
                out.append("")
            rows = []
            for r in sc:
                rows.append([r["variant"], r["peer"],
                             "" if emulated else "%.1f" % r["median"],
                             "%.2f (%.2f-%.2f)" % (r["vs_1cpu"], r["vs_1cpu_min"],
                                                   r["vs_1cpu_max"]),
                             "%.2f" % r["vs_1cpu_control_normalised"]
                             if r["vs_1cpu_control_normalised"] else "-",
                             fmt_ratio(r["mpool_faster_x"]), r["runs"]])
            out += mk(["variant", "peer", "" if emulated else "Mops/s/CPU", "vs 1 CPU",
                       "normalised", "mpool faster by", "runs"], rows)
        mem = p.memory()
        if mem:
            out += ["", "memory: bytes held (slab pages; mpool also its slab descriptors) "
                    "per live byte, after the churn and mpool_shrink()/kmem_cache_shrink()"]
            if md:
                out.append("")
            rows = [[r["variant"], r["peer"], "%.3f" % r["median"],
                     "%.3f-%.3f" % (r["min"], r["max"]),
                     "%.0f KiB" % (r["held_bytes"] / 1024),
                     "%.0f KiB" % (r["live_bytes"] / 1024), r["runs"]] for r in mem]
            out += mk(["variant", "peer", "held/live", "min-max", "held", "live", "runs"],
                      rows)
        cold = p.cold()
        if cold:
            out += ["", "cold tier: %s lines (%s bytes) of dpkg's own log, one managed object "
                    "each, compressed in ~4 KiB blocks (LZ4) and mapped back; "
                    "lz4_per_entry: each line compressed alone, for comparison; "
                    "cold map: one map of a cold line, timed alone (%s per run)%s" % (
                        p.info.get("cold_lines", "?"), p.info.get("cold_bytes", "?"),
                        p.info.get("cold_map_samples", "?"),
                        "; under TCG only the ratio means anything" if emulated else "")]
            if md:
                out.append("")
            rows = [[r["variant"], r["peer"], r["unit"], "%.2f" % r["median"],
                     "%.2f-%.2f" % (r["min"], r["max"]), r["runs"]] for r in cold]
            out += mk(["variant", "peer", "unit", "median", "min-max", "runs"], rows)
        so = p.stats_overhead()
        if so:
            out += ["", "statistics: mpool with its per-CPU counters against the same "
                    "build with them compiled out (-DMPOOL_BENCH_NO_STATS); loads alternate, "
                    "overhead = median over rounds of the ratio of each round's medians; "
                    "'fastest runs' compares the fastest run of each build, which other "
                    "work on the host cannot make faster"
                    + ("; under TCG this is noise, the UML figure is the measurement"
                       if emulated else "")]
            if md:
                out.append("")
            rows = [[r["workload"], r["variant"],
                     "" if emulated else fmt_ns(r["stats_ns"] * 1000),
                     "" if emulated else fmt_ns(r["nostats_ns"] * 1000),
                     "%+.1f%%" % r["overhead_pct"],
                     "%+.1f%% to %+.1f%%" % (r["overhead_min_pct"], r["overhead_max_pct"]),
                     "%+.1f%%" % r["fastest_overhead_pct"], r["rounds"]] for r in so]
            out += mk(["workload", "variant", "" if emulated else "ns with",
                       "" if emulated else "ns without", "overhead", "rounds: min to max",
                       "fastest runs", "rounds"], rows)
        if p.paths:
            out += ["", "mpool paths taken (allocations by layer):"]
            out += [("    " if md else "  ") + x for x in p.paths]
    out += ["", ("### " if md else "== ") + "Targets" + ("" if md else " ==")]
    if md:
        out.append("")
    rows = []
    for t in tgts:
        pct = t["want"].endswith("%")

        def show(m):
            return "-" if m is None else ("%+.1f%%" % m if pct else "%.2f" % m)
        ms = "not measured" if t["measured"] is None else show(t["measured"])
        rows.append([t["target"], t["platform"], ms, show(t["measured_fastest"]), t["want"],
                     "-" if t["met"] is None else ("met" if t["met"] else "MISSED")])
    out += mk(["target", "platform", "measured (medians)", "fastest runs", "want", "verdict"],
              rows)
    out += ["", "host: %s, %s cores, Linux %s, %s" % (facts["cpu"], facts["cores"],
                                                       facts["host_kernel"], facts["date"])]
    return out


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--out", required=True)
    ap.add_argument("results", nargs="+", help="PLATFORM=FILE")
    a = ap.parse_args()
    plats = {}
    for spec in a.results:
        name, _, path = spec.partition("=")
        if name not in PLATFORMS or not path:
            ap.error("expected uml=FILE or qemu=FILE, got %r" % spec)
        plats[name] = Platform(name, path)
    facts = host_facts()
    tgts = targets(plats)
    text = "\n".join(render(plats, tgts, facts)).lstrip("\n") + "\n"
    md = "\n".join(render(plats, tgts, facts, md=True)).lstrip("\n") + "\n"
    doc = {"host": facts, "command": "make bench", "targets": tgts, "platforms": {}}
    for name, p in plats.items():
        doc["platforms"][name] = {
            "description": PLATFORMS[name], "emulated": name == "qemu", "info": p.info,
            "figures": p.rows(), "scaling": p.scaling(), "memory": p.memory(),
            "cold": p.cold(),
            "stats_overhead": p.stats_overhead(), "mpool_paths": p.paths,
            "host_load": p.load,
            "errors": p.errors,
            "raw": [{"workload": k[0], "variant": k[1], "peer": k[2], "unit": k[3],
                     "values": v} for k, v in p.figures.items()],
        }
    os.makedirs(a.out, exist_ok=True)
    with open(os.path.join(a.out, "results.txt"), "w", encoding="utf-8") as f:
        f.write(text)
    with open(os.path.join(a.out, "results.md"), "w", encoding="utf-8") as f:
        f.write(md)
    with open(os.path.join(a.out, "results.json"), "w", encoding="utf-8") as f:
        json.dump(doc, f, indent=1)
    sys.stdout.write(text)
    print("\nbench: tables in %s/results.{txt,md}, JSON in %s/results.json" % (a.out, a.out))
    failed = False
    for name, p in plats.items():
        for e in p.errors:
            print("bench: %s: FAILED: %s" % (name, e), file=sys.stderr)
            failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
