#!/usr/bin/env python3
"""Prints each criterion benchmark's time as a ratio of its group's baseline, from one run.

Run after `cargo bench` (criterion writes target/criterion/<group>/<function>/new/estimates.json).
The baseline of a group is the function whose name contains "baseline".
"""
import json
import pathlib
import sys

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "target/criterion")
for group in sorted(p for p in root.iterdir() if p.is_dir() and p.name != "report"):
    rows = {}
    for est in group.glob("*/new/estimates.json"):
        bench = json.loads((est.parent / "benchmark.json").read_text())
        mean = json.loads(est.read_text())["mean"]["point_estimate"]
        rows[bench["function_id"]] = (mean, bench.get("throughput"))
    base = next((v for k, v in rows.items() if "baseline" in k), None)
    if not base:
        continue
    print(f"{group.name}:")
    for name, (mean, tp) in sorted(rows.items(), key=lambda kv: kv[1][0]):
        per = ""
        if tp and "Elements" in tp:
            per = f"{mean / tp['Elements']:8.2f} ns/lookup"
        elif tp and "Bytes" in tp:
            per = f"{tp['Bytes'] / mean:8.2f} GB/s"
        print(f"  {name:<36} {per}  {mean / base[0]:6.2f}x baseline")
