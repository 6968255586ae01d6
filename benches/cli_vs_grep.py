#!/usr/bin/env python3
"""The command-line tool's `scan` against ripgrep, whole process, CPU time, in the same run.

Builds a mixed app log from the test fixtures of the size asked for: the real Agora SDK log
excerpts of tests/fixtures/sdk-logs (native, iris, Web, logcat; their own share of errors and
events), ordinary app and SDK lines and other vendors' lines; with `--dense`, also every
token-error text of the corpora (a log that is nearly all errors, the worst case for the tool).
It writes the catalog's own
words (identifiers, phrases and event names of catalog/identifiers.md, phrases.md and events.md)
to a word list, then runs, alternating, each round:

  agora-token-errors scan LOG          (precision, events, tokens, summary)
  rg -F -f words.txt LOG               (case-sensitive literal search)
  rg -i -F -f words.txt LOG            (the same, case-insensitive)

and prints each one's median CPU time (user + system) and peak memory, and the ratios.

Usage (from the repository root, after `cargo build --release -p agora-token-errors-cli`):
  python3 benches/cli_vs_grep.py [--mb 60] [--rounds 5] [--rg PATH] [--only-scan] [--dense]
                                 [--before PATH]
`--mb 2048 --only-scan --rounds 1` measures the tool alone on a 2 GB log. `--before PATH` runs
another build of the tool too (an earlier commit's), alternated with the others, so that a change
is measured before and after in one run.
"""
import argparse
import os
import pathlib
import re
import resource
import statistics
import subprocess
import sys
import tempfile

root = pathlib.Path(__file__).resolve().parent.parent
fixtures = root / "tests" / "fixtures"


def words():
    out = []
    for name, column in (("identifiers.md", 0), ("phrases.md", 0), ("events.md", 0)):
        for line in (root / "catalog" / name).read_text().splitlines():
            if not line.startswith("| `"):
                continue
            cell = line.split("|")[1 + column].strip()
            m = re.fullmatch(r"`([^`]+)`", cell)
            if m:
                out.append(m.group(1))
    return sorted(set(out))


def lines(dense):
    out = []
    for name in ("ordinary-logs.txt", "other-vendors.txt"):
        out += [l for l in (fixtures / name).read_text(errors="replace").splitlines() if l and not l.startswith("#")]
    for p in sorted((fixtures / "sdk-logs").glob("*.log")):
        out += p.read_text(errors="replace").splitlines()
    if dense:
        for name in ("messages.tsv", "sdk-texts.tsv"):
            for l in (fixtures / name).read_text(errors="replace").splitlines():
                parts = l.split("\t")
                if len(parts) >= 3 and not l.startswith("#"):
                    out.append(parts[-1].replace("\\n", " "))
    return [l for l in out if l.strip()]


def make_log(path, mb, dense=False):
    block = ("\n".join(lines(dense)) + "\n").encode()
    want = mb << 20
    with open(path, "wb") as f:
        written = 0
        while written < want:
            n = min(len(block), want - written)
            f.write(block[:n])
            written += n


def run(cmd):
    """CPU seconds (user + system) and peak memory (KiB) of one whole process."""
    with open(os.devnull, "wb") as null:
        p = subprocess.Popen(cmd, stdout=null, stderr=null)
        _, status, usage = os.wait4(p.pid, 0)
    return usage.ru_utime + usage.ru_stime, usage.ru_maxrss, os.waitstatus_to_exitcode(status)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=60)
    ap.add_argument("--rounds", type=int, default=5)
    ap.add_argument("--rg", default="rg")
    ap.add_argument("--tool", default=str(root / "target" / "release" / "agora-token-errors"))
    ap.add_argument("--only-scan", action="store_true")
    ap.add_argument("--dense", action="store_true")
    ap.add_argument("--before", help="another build of the tool, run alternated as `scan (before)`")
    a = ap.parse_args()
    tmp = pathlib.Path(tempfile.mkdtemp())
    log, wordfile = tmp / "mixed.log", tmp / "words.txt"
    make_log(log, a.mb, a.dense)
    w = words()
    wordfile.write_text("\n".join(w) + "\n")
    cmds = {"scan": [a.tool, "scan", str(log)]}
    if a.before:
        cmds["scan (before)"] = [a.before, "scan", str(log)]
    if not a.only_scan:
        cmds["rg -F -f"] = [a.rg, "-F", "-f", str(wordfile), str(log)]
        cmds["rg -i -F -f"] = [a.rg, "-i", "-F", "-f", str(wordfile), str(log)]
    times = {k: [] for k in cmds}
    peaks = {k: 0 for k in cmds}
    for _ in range(a.rounds):
        for k, cmd in cmds.items():
            t, rss, code = run(cmd)
            if code not in (0, 1):
                sys.exit(f"{k} exited {code}")
            times[k].append(t)
            peaks[k] = max(peaks[k], rss)
    size = log.stat().st_size
    kind = "dense (every corpus error text)" if a.dense else "mixed (real SDK logs, app lines, other vendors)"
    print(f"log: {size / 2**20:.0f} MiB {kind}, {len(w)} catalog words, {a.rounds} rounds alternated")
    base = statistics.median(times["scan"])
    for k in cmds:
        med = statistics.median(times[k])
        print(f"{k:<14} CPU {med:7.3f} s (median; {min(times[k]):.3f} to {max(times[k]):.3f})"
              f"  {size / 2**20 / med:7.1f} MiB/s  peak {peaks[k] / 1024:6.1f} MiB"
              + ("" if k == "scan" else f"  scan takes {base / med:.2f}x its time"))
    if a.before and not a.only_scan:
        before = statistics.median(times["scan (before)"])
        rg = statistics.median(times["rg -F -f"])
        print(f"scan (before) took {before / rg:.2f}x `rg -F -f`, scan takes {base / rg:.2f}x")
    log.unlink()
    wordfile.unlink()
    tmp.rmdir()


if __name__ == "__main__":
    main()
