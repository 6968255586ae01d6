#!/usr/bin/env python3
"""Writes the third-party notices of everything compiled into the WebAssembly packages: every
crate the wasm build links (normal dependencies, not build scripts or proc macros), each with its
licence expression and the licence texts it ships. Usage: notices.py OUT_FILE [--features F]."""
import json
import pathlib
import subprocess
import sys

out = pathlib.Path(sys.argv[1])
args = ["cargo", "metadata", "--format-version", "1", "--locked",
        "--filter-platform", "wasm32-unknown-unknown"] + sys.argv[2:]
meta = json.loads(subprocess.run(args, check=True, capture_output=True, text=True).stdout)
packages = {p["id"]: p for p in meta["packages"]}
nodes = {n["id"]: n for n in meta["resolve"]["nodes"]}
root = meta["resolve"]["root"]


def is_proc_macro(p):
    return any("proc-macro" in t["kind"] for t in p["targets"])


linked, stack = set(), [root]
while stack:
    i = stack.pop()
    if i in linked or is_proc_macro(packages[i]):
        continue
    linked.add(i)
    for d in nodes[i]["deps"]:
        if any(k["kind"] is None for k in d["dep_kinds"]):
            stack.append(d["pkg"])

lines = ["# Third-party notices", "",
         "The WebAssembly in this package is compiled from these crates. Each is listed with its",
         "licence, followed by the licence texts it ships.", ""]
for i in sorted(linked, key=lambda i: (packages[i]["name"], packages[i]["version"])):
    p = packages[i]
    if p["name"].startswith("agora-token-errors"):
        continue
    lines += [f"## {p['name']} {p['version']}", "", f"Licence: {p['license']}", ""]
    folder = pathlib.Path(p["manifest_path"]).parent
    texts = sorted(f for f in folder.iterdir()
                   if f.is_file() and f.name.upper().startswith(("LICENSE", "LICENCE", "COPYING", "UNLICENSE", "COPYRIGHT")))
    for f in texts:
        lines += [f"### {f.name}", "", "```", f.read_text(errors="replace").rstrip(), "```", ""]
    if not texts:
        lines += ["(The crate ships no licence file; its licence is the expression above.)", ""]
out.write_text("\n".join(lines) + "\n")
print(f"{out}: {len(linked) - 2} crates")
