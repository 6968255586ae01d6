#!/usr/bin/env bash
# Builds the two npm packages of agora-token-errors:
#   pkg-node  CommonJS for Node (`require`), with `buildToken` (feature `build`) for token servers;
#   pkg-web   an ES module for bundlers and <script type=module>, without the builder (an App
#             Certificate has no place in a browser).
# Everything comes from the registries: the wasm32 target through rustup, wasm-bindgen-cli from
# crates.io at exactly the version in Cargo.lock, and Binaryen's wasm-opt from npm.
set -euo pipefail
cd "$(dirname "$0")"
here=$(pwd)

rustup target add wasm32-unknown-unknown >/dev/null

# Where cargo puts what it builds (CARGO_TARGET_DIR and .cargo/config included), and where this
# script keeps the tools it installs: under the project, never in the user's global bins.
target_dir=$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')
tools="$here/target/tools"

# wasm-bindgen-cli must be the version of the wasm-bindgen crate the lock file holds: the one on
# PATH if it is that version, else one installed into $tools.
want=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/[^0-9.]/, ""); print; exit }' ../../Cargo.lock)
bindgen=wasm-bindgen
have=$("$bindgen" --version 2>/dev/null | awk '{ print $2 }' || true)
if [ "$have" != "$want" ]; then
  bindgen="$tools/bin/wasm-bindgen"
  have=$("$bindgen" --version 2>/dev/null | awk '{ print $2 }' || true)
fi
if [ "$have" != "$want" ]; then
  echo "installing wasm-bindgen-cli $want into $tools (found: ${have:-none})"
  # --locked first; a registry mirror that lacks one of its locked dependencies gets the same
  # version resolved afresh.
  cargo install --quiet --root "$tools" --locked wasm-bindgen-cli --version "=$want" ||
    cargo install --quiet --root "$tools" wasm-bindgen-cli --version "=$want"
fi

# wasm-opt from npm's binaryen, pinned; without it the packages are built unoptimised.
binaryen=132.0.0
if [ ! -x "$tools/node_modules/.bin/wasm-opt" ]; then
  mkdir -p "$tools"
  (cd "$tools" && npm install --silent --no-audit --no-fund --prefix . "binaryen@$binaryen" >/dev/null) ||
    echo "wasm-opt could not be installed: the packages are left unoptimised"
fi
wasm_opt="$tools/node_modules/.bin/wasm-opt"

version=$(awk -F'"' '/^version = / { print $2; exit }' ../../Cargo.toml)

package() { # package <dir> <wasm-bindgen target> <cargo features> <module type> <entry>
  local dir=$1 target=$2 features=$3 type=$4 entry=$5
  cargo build --locked --quiet -p agora-token-errors-wasm --profile wasm-release --target wasm32-unknown-unknown \
    ${features:+--features "$features"}
  rm -rf "$dir"
  "$bindgen" --target "$target" --out-dir "$dir" --out-name agora_token_errors \
    "$target_dir/wasm32-unknown-unknown/wasm-release/agora_token_errors_wasm.wasm"
  if [ -x "$wasm_opt" ]; then
    "$wasm_opt" -Oz --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-reference-types --enable-multivalue --strip-debug --strip-producers \
      "$dir/agora_token_errors_bg.wasm" -o "$dir/agora_token_errors_bg.wasm"
  fi
  cp README.npm.md "$dir/README.md"
  # The licences: the crate's own, and the notices of every crate compiled into the wasm.
  cp ../../LICENSE-MIT ../../LICENSE-APACHE "$dir/"
  python3 notices.py "$dir/THIRD_PARTY_NOTICES.md" ${features:+--features "$features"}
  cat >"$dir/package.json" <<JSON
{
  "name": "agora-token-errors",
  "version": "$version",
  "description": "Agora token errors explained, tokens diagnosed offline and logs scanned: the Rust crate agora-token-errors as WebAssembly",
  "license": "MIT OR Apache-2.0",
  "type": "$type",
  "main": "$entry",
  "types": "agora_token_errors.d.ts",
  "files": ["agora_token_errors.js", "agora_token_errors.d.ts", "agora_token_errors_bg.wasm", "agora_token_errors_bg.wasm.d.ts", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "THIRD_PARTY_NOTICES.md"],
  "sideEffects": false,
  "keywords": ["agora", "token", "rtc", "rtm", "error", "webassembly"]
}
JSON
  printf '%s: %s bytes\n' "$dir/agora_token_errors_bg.wasm" "$(wc -c <"$dir/agora_token_errors_bg.wasm")"
}

package pkg-node nodejs build commonjs agora_token_errors.js
package pkg-web web "" module agora_token_errors.js
