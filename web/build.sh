#!/usr/bin/env bash
# Builds the token debugger page into web/dist: the whole site, static files only, servable by
# any static host (`cd web/dist && python3 -m http.server`). Two WebAssembly builds of
# bindings/wasm, each only what its tabs need: core (feature `token`: decode, diagnose, repair,
# verify; loaded first) and full (feature `messages`: explain, the dictionary and the log
# scanner; loaded when the page is idle, and by the log's worker). Each is gzipped and embedded
# in a JavaScript module, so the page needs no fetch() at all (its Content-Security-Policy has
# connect-src 'none').
set -euo pipefail
cd "$(dirname "$0")"
web=$(pwd)
out="$web/dist"
tmp="$web/dist.tmp"
rm -rf "$tmp"
mkdir -p "$tmp"
wasm="$web/../bindings/wasm"
bash "$wasm/build.sh" --module "$tmp/core" --no-default-features --features token
bash "$wasm/build.sh" --module "$tmp/full" --no-default-features --features messages
for m in core full; do
  # The module's bytes as a string (gzip, then base64), read with DecompressionStream.
  gzip -9 -n -c "$tmp/$m/agora_token_errors_bg.wasm" | base64 -w0 | {
    printf '// %s: the WebAssembly module, gzipped and base64-encoded (made by web/build.sh).\nexport default "' "$m"
    cat
    printf '";\n'
  } >"$tmp/$m/wasm.js"
  printf '%s wasm: %s bytes (%s gzipped)\n' "$m" "$(wc -c <"$tmp/$m/agora_token_errors_bg.wasm")" \
    "$(gzip -9 -n -c "$tmp/$m/agora_token_errors_bg.wasm" | wc -c)"
  rm -f "$tmp/$m"/*.d.ts "$tmp/$m/package.json" "$tmp/$m/.gitignore"
  mv "$tmp/$m/agora_token_errors_bg.wasm" "$tmp/$m.wasm.unused"
done
rm -f "$tmp"/*.wasm.unused
cp src/* "$tmp/"
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
