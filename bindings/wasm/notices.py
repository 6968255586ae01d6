#!/usr/bin/env python3
"""Writes the third-party notices of everything compiled into the WebAssembly packages: every
crate the wasm build links (normal dependencies, not build scripts or proc macros), each with its
licence expression and the licence texts it ships. Usage: notices.py OUT_FILE [--features F]."""
import json
import pathlib
import subprocess
import sys

out = pathlib.Path(sys.argv[1])
features = sys.argv[2:]
meta = json.loads(subprocess.run(
    ["cargo", "metadata", "--format-version", "1", "--locked"],
    check=True, capture_output=True, text=True).stdout)
by_name = {(p["name"], p["version"]): p for p in meta["packages"]}


def is_proc_macro(p):
    return any("proc-macro" in t["kind"] for t in p["targets"])


# `cargo tree` resolves features as a build of this one package does (cargo metadata would
# unify them across the workspace: the token server's builder would be listed for pkg-web too).
tree = subprocess.run(
    ["cargo", "tree", "--locked", "-p", "agora-token-errors-wasm", "--target", "wasm32-unknown-unknown",
     "-e", "normal", "--no-dedupe", "--prefix", "depth", "--format", "{p}"] + features,
    check=True, capture_output=True, text=True).stdout
linked, skip_below = {}, None
for line in tree.splitlines():
    depth = len(line) - len(line.lstrip("0123456789"))
    depth, (name, version) = int(line[:depth]), line[depth:].split()[:2]
    if skip_below is not None and depth > skip_below:
        continue  # compiled into a proc macro, which runs at build time only
    skip_below = None
    p = by_name[(name, version.lstrip("v"))]
    if is_proc_macro(p):
        skip_below = depth
        continue
    linked[p["id"]] = p
packages = linked

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
print(f"{out}: {sum(not p['name'].startswith('agora-token-errors') for p in linked.values())} crates")
