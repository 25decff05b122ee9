#!/usr/bin/env python3
"""Deterministic JIT counts of a worker's JFR recording (docs/performance.md, "Issue 14, session 7").

Usage: tools/jit-counts.py <recording.jfr> [more.jfr ...] [--top N]

Reads `jfr print --json --events jdk.Compilation,jdk.Deoptimization` and prints, per recording:
totals by tier (compilations, codeSize, inlinedBytes, compiler time) for all roots and for Trainset's
(io.trainset.*); per C2 root method the compilations, recompiles, OSR, codeSize and inlinedBytes; C2's
time split into first compilations of a root and recompilations of it, Trainset's roots and the rest; the
deoptimisations by reason, by trapping method/bci/reason, and by the compiled root they threw away.
Compiler *time* is noisy on a shared machine; the counts and bytes are what to compare.
"""
import collections
import json
import subprocess
import sys

OURS = "io.trainset."


def method_name(m):
    if not m:
        return "?"
    return m["type"]["name"].replace("/", ".") + "." + m["name"]


def duration_ms(d):
    # JFR JSON durations look like "PT0.012345S"
    if isinstance(d, (int, float)):
        return d / 1e6
    if isinstance(d, str) and d.startswith("PT") and d.endswith("S"):
        return float(d[2:-1]) * 1000
    return 0.0


def events(path):
    out = subprocess.run(
        ["jfr", "print", "--json", "--events", "jdk.Compilation,jdk.Deoptimization", path],
        check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def report(path, top):
    comps, deopts = [], []
    for e in events(path):
        (comps if e["type"] == "jdk.Compilation" else deopts).append(e["values"])
    by_id = {}
    tiers = collections.defaultdict(lambda: collections.Counter())
    roots = collections.defaultdict(collections.Counter)
    for c in sorted(comps, key=lambda c: c.get("startTime", "")):  # a root's first C2 compilation comes first
        name = method_name(c["method"])
        level = c.get("compileLevel", 0)
        by_id[c.get("compileId")] = (name, level)
        for scope in ("all", "ours") if name.startswith(OURS) else ("all",):
            t = tiers[(scope, level)]
            t["compilations"] += 1
            t["codeSize"] += c.get("codeSize", 0)
            t["inlinedBytes"] += c.get("inlinedBytes", 0)
            t["ms"] += duration_ms(c.get("duration"))
        if level == 4:
            r = roots[name]
            r["compilations"] += 1
            r["osr"] += 1 if c.get("isOsr") else 0
            r["codeSize"] += c.get("codeSize", 0)
            r["maxCodeSize"] = max(r["maxCodeSize"], c.get("codeSize", 0))
            r["inlinedBytes"] += c.get("inlinedBytes", 0)
            ms = duration_ms(c.get("duration"))
            r["ms"] += ms
            r["firstMs" if r["compilations"] == 1 else "reMs"] += ms
    print(f"== {path}")
    print("scope tier compilations codeSize(KB) inlinedBytes(KB) compilerTime(s)")
    for (scope, level), t in sorted(tiers.items()):
        print(f"{scope:4} {level} {t['compilations']:6} {t['codeSize'] / 1024:10.1f} {t['inlinedBytes'] / 1024:10.1f}"
              f" {t['ms'] / 1000:8.2f}")
    ours_c2 = {k: v for k, v in roots.items() if k.startswith(OURS)}
    print(f"C2 roots: {len(roots)}, of them Trainset's {len(ours_c2)};"
          f" C2 recompiles (compilations beyond the first of a root): all"
          f" {sum(r['compilations'] - 1 for r in roots.values())}, Trainset's"
          f" {sum(r['compilations'] - 1 for r in ours_c2.values())}")
    rest = [r for k, r in roots.items() if not k.startswith(OURS)]
    print(f"C2 time, s: Trainset's roots first-time {sum(r['firstMs'] for r in ours_c2.values()) / 1000:.2f},"
          f" recompiled {sum(r['reMs'] for r in ours_c2.values()) / 1000:.2f};"
          f" the rest first-time {sum(r['firstMs'] for r in rest) / 1000:.2f},"
          f" recompiled {sum(r['reMs'] for r in rest) / 1000:.2f}")
    recompiled = sorted(((k, r) for k, r in ours_c2.items() if r["reMs"]), key=lambda kv: -kv[1]["reMs"])[:top]
    print("-- Trainset's recompiled C2 roots by recompile time (top " + str(top) + "): "
          + ", ".join(f"{k[len('io.trainset.connect.'):]} {r['reMs'] / 1000:.2f}" for k, r in recompiled))
    print(f"-- C2 roots by codeSize (top {top}): compilations osr codeSize(KB) max(KB) inlinedBytes(KB) time(s) method")
    for name, r in sorted(roots.items(), key=lambda kv: -kv[1]["codeSize"])[:top]:
        mark = "*" if name.startswith(OURS) else " "
        print(f"{mark} {r['compilations']:3} {r['osr']:2} {r['codeSize'] / 1024:7.1f} {r['maxCodeSize'] / 1024:6.1f}"
              f" {r['inlinedBytes'] / 1024:7.1f} {r['ms'] / 1000:6.2f} {name}")
    print(f"-- Trainset's C2 roots (all {len(ours_c2)}) by codeSize")
    for name, r in sorted(ours_c2.items(), key=lambda kv: -kv[1]["codeSize"]):
        print(f"  {r['compilations']:3} {r['osr']:2} {r['codeSize'] / 1024:7.1f} {r['maxCodeSize'] / 1024:6.1f}"
              f" {r['inlinedBytes'] / 1024:7.1f} {r['ms'] / 1000:6.2f} {name}")
    packages = collections.defaultdict(collections.Counter)
    for name, r in roots.items():
        package = ".".join(name.split(".")[:4])
        packages[package]["roots"] += 1
        packages[package]["compilations"] += r["compilations"]
        packages[package]["codeSize"] += r["codeSize"]
        packages[package]["inlinedBytes"] += r["inlinedBytes"]
    print(f"-- C2 by root package (top {top}): roots compilations codeSize(KB) inlinedBytes(KB) package")
    for package, p in sorted(packages.items(), key=lambda kv: -kv[1]["codeSize"])[:top]:
        print(f"  {p['roots']:4} {p['compilations']:4} {p['codeSize'] / 1024:7.1f} {p['inlinedBytes'] / 1024:7.1f}"
              f" {package}")
    writer = [r for name, r in roots.items() if "parquet" in name]
    print(f"-- C2 of the Parquet path (roots naming parquet: ours, parquet-java, its shaded libraries): {len(writer)} roots,"
          f" {sum(r['compilations'] for r in writer)} compilations, {sum(r['codeSize'] for r in writer) / 1024:.1f} KB"
          f" code, {sum(r['inlinedBytes'] for r in writer) / 1024:.1f} KB inlined bytecode")
    reasons = collections.Counter(d.get("reason") for d in deopts)
    print(f"-- deoptimisations: {len(deopts)}; by reason: {dict(reasons.most_common())}")
    sites = collections.Counter(
        (method_name(d.get("method")), d.get("bci"), d.get("reason"), d.get("instruction")) for d in deopts)
    print(f"-- by trapping method/bci/reason (top {top})")
    for (m, bci, reason, ins), n in sites.most_common(top):
        print(f"  {n:3} {reason} {ins} bci {bci} {m}")
    thrown = collections.Counter()
    for d in deopts:
        name, level = by_id.get(d.get("compileId"), ("?", "?"))
        thrown[(name, level, d.get("reason"))] += 1
    print(f"-- by compiled root thrown away (name, tier, reason) (top {top}); * = Trainset's")
    for (name, level, reason), n in thrown.most_common(top):
        mark = "*" if name.startswith(OURS) else " "
        print(f"{mark} {n:3} tier {level} {reason} {name}")


def main(argv):
    top = 30
    files = []
    args = iter(argv)
    for a in args:
        if a == "--top":
            top = int(next(args))
        else:
            files.append(a)
    for f in files:
        report(f, top)


if __name__ == "__main__":
    main(sys.argv[1:])
