#!/usr/bin/env bash
# Builds the token debugger page into web/dist: the whole site, static files only, servable by
# any static host (`cd web/dist && python3 -m http.server`). Three WebAssembly builds of
# bindings/wasm, each only what its tabs need and each under 300 KiB: core (feature `token`:
# decode, diagnose, repair, verify; loaded first), dict (features `explain,split`: explain and
# the dictionary; loaded when the page is idle) and scan (features `log,split`: the log scanner
# and the phrase tables, with which the worker also reads an error text for dict's explain; its
# search built for speed, with SIMD). Each is gzipped and embedded in a JavaScript module, so
# the page needs no fetch() at all (its Content-Security-Policy has connect-src 'none').
set -euo pipefail
cd "$(dirname "$0")"
web=$(pwd)
out="$web/dist"
tmp="$web/dist.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
wasm="$web/../bindings/wasm"
bash "$wasm/build.sh" --module "$tmp/core" --no-default-features --features token
bash "$wasm/build.sh" --module "$tmp/dict" --no-default-features --features explain,split
bash "$wasm/build.sh" --module "$tmp/scan" --profile wasm-scan --simd --no-default-features --features log,split
# Each module gzipped by Zopfli (from PyPI, pinned, installed under web/target: 5-6% smaller
# than gzip -9, and any gzip reader reads it), else by gzip -9.
tools="$web/target/tools"
zopfli=0.4.3
if ! PYTHONPATH="$tools" python3 -c "import zopfli.gzip" 2>/dev/null; then
  python3 -m pip install --quiet --disable-pip-version-check --no-warn-script-location --target "$tools" \
    "zopfli==$zopfli" >/dev/null 2>&1 || echo "Zopfli could not be installed: the modules are gzipped by gzip -9"
fi
pack() {
  PYTHONPATH="$tools" python3 -c 'import sys, zopfli.gzip; sys.stdout.buffer.write(zopfli.gzip.compress(sys.stdin.buffer.read()))' <"$1" 2>/dev/null ||
    gzip -9 -n -c "$1"
}
for m in core dict scan; do
  # The module's bytes as a string (gzip, then base64), read with DecompressionStream.
  pack "$tmp/$m/agora_token_errors_bg.wasm" | base64 -w0 | {
    printf '// %s: the WebAssembly module, gzipped and base64-encoded (made by web/build.sh).\nexport default "' "$m"
    cat
    printf '";\n'
  } >"$tmp/$m/wasm.js"
  size=$(wc -c <"$tmp/$m/agora_token_errors_bg.wasm")
  printf '%s wasm: %s bytes (%s gzipped)\n' "$m" "$size" "$(pack "$tmp/$m/agora_token_errors_bg.wasm" | wc -c)"
  # The page's budget (issue 29): each WebAssembly build at most 300 KiB.
  if [ "$size" -gt $((300 * 1024)) ]; then
    echo "error: the $m build is $size bytes, over the page's 300 KiB a build" >&2
    exit 1
  fi
  rm -f "$tmp/$m"/*.d.ts "$tmp/$m/package.json" "$tmp/$m/.gitignore"
  mv "$tmp/$m/agora_token_errors_bg.wasm" "$tmp/$m.wasm.unused"
done
rm -f "$tmp"/*.wasm.unused
cp src/* "$tmp/"
# The page's own scripts without their whole-line comments (what a visitor downloads; the
# comments stay in web/src). No such line stands inside a template literal.
for f in "$tmp"/*.js; do
  sed -E -i '/^[[:space:]]*\/\/( |$)/d' "$f"
done
rm -rf "$out"
mv "$tmp" "$out"
# What a visitor downloads, file by file, raw and gzipped.
total=0
gz_total=0
while IFS= read -r f; do
  raw=$(wc -c <"$f")
  gz=$(gzip -9 -n -c "$f" | wc -c)
  total=$((total + raw))
  gz_total=$((gz_total + gz))
done < <(find "$out" -type f | sort)
printf 'web/dist: %s files, %s bytes, %s bytes gzipped\n' "$(find "$out" -type f | wc -l)" "$total" "$gz_total"
# And everything it loads at most 350 KiB gzipped; measured so only where Zopfli packed the
# modules (gzip -9, the fallback, packs them some 5% larger).
if PYTHONPATH="$tools" python3 -c "import zopfli.gzip" 2>/dev/null && [ "$gz_total" -gt $((350 * 1024)) ]; then
  echo "error: the page loads $gz_total bytes gzipped, over its 350 KiB" >&2
  exit 1
fi
