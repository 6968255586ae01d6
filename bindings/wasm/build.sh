#!/usr/bin/env bash
# Builds the npm package agora-token-errors into pkg/, one package with two entry points chosen
# by package.json's conditional exports:
#   pkg/node  CommonJS for Node (`require`, and `import` through Node's CommonJS interop), with
#             `buildToken` (feature `build`) for token servers;
#   pkg/web   an ES module for browsers and bundlers (`browser`), without the builder (an App
#             Certificate has no place in a browser).
# Both have `diagnoseAgent` (feature `convoai`). `npm pack pkg` makes the tarball.
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

# build <out dir> <wasm-bindgen target> [cargo feature flags...]: one entry point's module and wasm,
# with the cargo profile $profile (wasm-release unless --module says otherwise) and $rustflags.
profile=wasm-release
rustflags=
build() {
  local dir=$1 target=$2
  shift 2
  RUSTFLAGS="${RUSTFLAGS:-}${rustflags:+ $rustflags}" cargo build --locked --quiet -p agora-token-errors-wasm --profile "$profile" \
    --target wasm32-unknown-unknown "$@"
  rm -rf "$dir"
  "$bindgen" --target "$target" --out-dir "$dir" --out-name agora_token_errors \
    "$target_dir/wasm32-unknown-unknown/$profile/agora_token_errors_wasm.wasm"
  # A trailing parameter declared `T | undefined` may be left out: `name?: T` (TypeScript would
  # otherwise ask for it, TS2554).
  sed -E -i ':a; s/^(export function .*[(,] ?)([A-Za-z]+): ([^,()]*) \| undefined([,)])/\1\2?: \3\4/; ta' "$dir/agora_token_errors.d.ts"
  if [ -x "$wasm_opt" ]; then
    "$wasm_opt" -Oz --enable-bulk-memory --enable-mutable-globals --enable-nontrapping-float-to-int \
      --enable-sign-ext --enable-reference-types --enable-multivalue --enable-simd --strip-debug --strip-producers \
      "$dir/agora_token_errors_bg.wasm" -o "$dir/agora_token_errors_bg.wasm"
  fi
  printf '%s: %s bytes\n' "$dir/agora_token_errors_bg.wasm" "$(wc -c <"$dir/agora_token_errors_bg.wasm")"
}

# The web page (web/build.sh) asks for an ES module of its own:
#   build.sh --module DIR [--profile NAME] [--simd] [cargo flags]
# --profile: a cargo profile of the root Cargo.toml (wasm-scan: the log scanner's hot crates
# built for speed); --simd: WebAssembly SIMD (simd128, in every browser since 2021), which
# memchr's searches use.
if [ "${1:-}" = "--module" ]; then
  dir=$2
  shift 2
  if [ "${1:-}" = "--profile" ]; then
    profile=$2
    shift 2
  fi
  if [ "${1:-}" = "--simd" ]; then
    rustflags="-C target-feature=+simd128"
    shift
  fi
  build "$dir" web "$@"
  exit 0
fi

rm -rf pkg pkg-node pkg-web
build pkg/node nodejs --features convoai,build
build pkg/web web --features convoai
# Each folder says how its .js is read: CommonJS for Node, ES modules for browsers.
printf '{ "type": "commonjs" }\n' >pkg/node/package.json
printf '{ "type": "module" }\n' >pkg/web/package.json
rm -f pkg/node/.gitignore pkg/web/.gitignore
cp README.npm.md pkg/README.md
# The licences: the crate's own, and the notices of every crate compiled into the wasm.
cp ../../LICENSE-MIT ../../LICENSE-APACHE pkg/
python3 notices.py pkg/THIRD_PARTY_NOTICES.md --features convoai,build
cat >pkg/package.json <<JSON
{
  "name": "agora-token-errors",
  "version": "$version",
  "description": "Agora token errors explained, tokens decoded, diagnosed and verified offline, logs scanned: the Rust crate agora-token-errors as WebAssembly",
  "license": "MIT OR Apache-2.0",
  "main": "./node/agora_token_errors.js",
  "types": "./node/agora_token_errors.d.ts",
  "browser": "./web/agora_token_errors.js",
  "exports": {
    ".": {
      "browser": {
        "types": "./web/agora_token_errors.d.ts",
        "default": "./web/agora_token_errors.js"
      },
      "node": {
        "types": "./node/agora_token_errors.d.ts",
        "default": "./node/agora_token_errors.js"
      },
      "import": {
        "types": "./web/agora_token_errors.d.ts",
        "default": "./web/agora_token_errors.js"
      },
      "require": {
        "types": "./node/agora_token_errors.d.ts",
        "default": "./node/agora_token_errors.js"
      },
      "default": "./web/agora_token_errors.js"
    },
    "./web": {
      "types": "./web/agora_token_errors.d.ts",
      "default": "./web/agora_token_errors.js"
    },
    "./web/agora_token_errors_bg.wasm": "./web/agora_token_errors_bg.wasm",
    "./package.json": "./package.json"
  },
  "files": ["node/", "web/", "README.md", "LICENSE-MIT", "LICENSE-APACHE", "THIRD_PARTY_NOTICES.md"],
  "sideEffects": false,
  "engines": { "node": ">=18" },
  "keywords": ["agora", "token", "rtc", "rtm", "error", "webassembly"]
}
JSON
