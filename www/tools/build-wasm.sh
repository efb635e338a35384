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
# Shrink with binaryen's wasm-opt, pinned in package.json (devDependency binaryen, installed by
# `npm ci`). Never Debian's binaryen 108: it exports the wrong table and the module fails to
# load. Keep `strip = false` in Cargo.toml: without the target_features section wasm-opt
# rejects the module. Size is measured gzipped (`npm run bench`).
node_modules/.bin/wasm-opt -Oz -ocimfs=0 pkg/kubedebug_bg.wasm -o pkg/kubedebug_bg.wasm
node www/tools/finish-pkg.mjs
ls -l pkg/kubedebug_bg.wasm | awk '{print "pkg/kubedebug_bg.wasm: " $5 " bytes"}'
