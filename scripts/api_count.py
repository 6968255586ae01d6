#!/usr/bin/env python3
"""Counts the public API from rustdoc's JSON (all features): the public types (structs, enums,
unions, type aliases, traits), the public methods (inherent and trait methods the crate itself
writes on its own types, not derived or blanket ones) and free functions, each reachable from the
crate root. Usage:
  RUSTDOCFLAGS="-Z unstable-options --output-format json" cargo +nightly doc --no-deps --all-features
  python3 scripts/api_count.py target/doc/agora_token_errors.json [--list]"""
import json
import sys

doc = json.load(open(sys.argv[1]))
index, paths = doc["index"], doc["paths"]
root = doc["root"]
KINDS = ("struct", "enum", "union", "type_alias", "trait")


def inner_kind(item):
    return next(iter(item["inner"])) if isinstance(item["inner"], dict) else item["inner"]


# Walk the public module tree from the root (re-exports followed), collecting reachable items.
reachable, stack = {}, [(str(root), "")]
seen = set()
while stack:
    i, prefix = stack.pop()
    if i in seen or i not in index:
        continue
    seen.add(i)
    item = index[i]
    k = inner_kind(item)
    name = item.get("name") or ""
    path = f"{prefix}::{name}" if prefix else name
    if k == "module":
        for c in item["inner"]["module"]["items"]:
            c = str(c)
            if c in index and index[c]["visibility"] == "public":
                stack.append((c, path))
    elif k == "use":
        u = item["inner"]["use"]
        if u.get("id") is not None:
            stack.append((str(u["id"]), prefix))
    else:
        reachable[i] = path

types = {i: p for i, p in reachable.items() if inner_kind(index[i]) in KINDS}
functions = {i: p for i, p in reachable.items() if inner_kind(index[i]) == "function"}
methods = []
for i, p in types.items():
    t = index[i]
    k = inner_kind(t)
    impls = t["inner"][k].get("impls", []) if k in ("struct", "enum", "union") else []
    for imp in impls:
        imp_item = index.get(str(imp))
        if not imp_item:
            continue
        im = imp_item["inner"]["impl"]
        if im.get("is_synthetic") or im.get("blanket_impl") is not None:
            continue
        if imp_item.get("attrs") and any("automatically_derived" in str(a) for a in imp_item["attrs"]):
            continue
        trait = im.get("trait")
        for m in im["items"]:
            mi = index.get(str(m))
            if not mi or inner_kind(mi) != "function":
                continue
            if trait is None and mi["visibility"] != "public":
                continue
            methods.append(f"{p}::{mi['name']}" + (f" (impl {trait['path']})" if trait else ""))
    if k == "trait":
        for m in t["inner"]["trait"]["items"]:
            mi = index.get(str(m))
            if mi and inner_kind(mi) == "function":
                methods.append(f"{p}::{mi['name']}")
inherent = [m for m in methods if " (impl " not in m]
print(f"public types: {len(types)}")
print(f"public methods: {len(inherent)} inherent, {len(methods) - len(inherent)} in trait impls written by hand")
print(f"free functions: {len(functions)}")
print(f"methods and functions (inherent + free): {len(inherent) + len(functions)}")
if "--list" in sys.argv:
    for p in sorted(types.values()):
        print("type", p)
    for m in sorted(methods):
        print("method", m)
    for p in sorted(functions.values()):
        print("fn", p)
