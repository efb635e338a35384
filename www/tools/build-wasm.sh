#!/usr/bin/env bash
# Build the Wasm package into pkg/: one wasm-bindgen `web` build that loads in browsers
# (init with a URL) and in Node (initSync with the bytes), plus TypeScript declarations.
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release --target wasm32-unknown-unknown --lib
rm -rf pkg
wasm-bindgen target/wasm32-unknown-unknown/release/kubedebug.wasm \
  --target web --out-dir pkg --out-name kubedebug \
  --remove-name-section --remove-producers-section
node www/tools/finish-pkg.mjs
ls -l pkg/kubedebug_bg.wasm | awk '{print "pkg/kubedebug_bg.wasm: " $5 " bytes"}'
