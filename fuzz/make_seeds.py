#!/usr/bin/env python3
"""Writes the seed corpus of each fuzz target into fuzz/seeds/<target>/ from the crate's test
fixtures: real error texts and log excerpts for `scan` and `from_message`, SDK names for
`from_name`, official builder tokens for `token_parse`. Run from fuzz/: python3 make_seeds.py"""
import hashlib
import json
import pathlib

fixtures = pathlib.Path(__file__).resolve().parent.parent / "tests" / "fixtures"
seeds = pathlib.Path(__file__).resolve().parent / "seeds"


def put(target, data):
    d = seeds / target
    d.mkdir(parents=True, exist_ok=True)
    (d / hashlib.sha1(data).hexdigest()[:16]).write_bytes(data)


texts = []
for name in ["messages.tsv", "products-messages.tsv", "sdk-texts.tsv", "products-texts.tsv"]:
    for line in (fixtures / name).read_text(errors="replace").splitlines():
        if line and not line.startswith("#"):
            texts.append(line.split("\t", 2)[-1].replace("\\n", "\n"))
for t in texts[::7]:
    put("from_message", t.encode())
for log in sorted((fixtures / "sdk-logs").glob("*.log")):
    put("scan", log.read_bytes()[:4096])
for t in texts[::23]:
    put("scan", t.encode())
# scan_reader: a count of piece sizes, the sizes, then the log.
for i, log in enumerate(sorted((fixtures / "sdk-logs").glob("*.log"))):
    sizes = bytes([1 + (i * 37 + k * 11) % 250 for k in range(3 + i % 5)])
    put("scan_reader", bytes([len(sizes)]) + sizes + log.read_bytes()[:4096])
ids = sorted({l.split("|")[1].strip().strip("`") for l in (fixtures.parent.parent / "catalog" / "identifiers.md").read_text().splitlines() if l.startswith("| `")})
for i in ids[::5]:
    put("from_name", i.encode())
tokens = json.loads((fixtures / "tokens.json").read_text())
for v in tokens["vectors"]:
    put("token_parse", v["token"].encode())
print(sum(1 for _ in seeds.rglob("*") if _.is_file()), "seeds")
