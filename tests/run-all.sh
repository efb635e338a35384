#!/usr/bin/env bash
# Every test of the project, in order: lints, native Rust tests (unit, conformance,
# upstream tables, property tests), the Wasm build, Wasm tests in Node and headless
# Chromium, the JS host tests, the browser end-to-end tests, and the npm package as a user
# installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
export CARGO_TERM_COLOR=never

step() { printf '\n=== %s\n' "$*"; }

step "file-level import cycles (at most skim's own)"
python3 tools/import_cycles.py --max 1
step "cargo fmt --check"
cargo fmt --all -- --check
step "cargo clippy (native)"
cargo clippy --workspace --all-targets -- -D warnings
step "cargo clippy (wasm32)"
cargo clippy --workspace --target wasm32-unknown-unknown --lib -- -D warnings
step "cargo doc (no broken links)"
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --quiet
step "cargo test (native: unit, conformance, upstream tables, property tests)"
cargo test --workspace
git diff --exit-code --stat -- tests/conformance/SUMMARY.md || {
  echo "tests/conformance/SUMMARY.md is out of date: commit the regenerated file"; exit 1; }
step "build the Wasm package (pkg/) and the client-node bundle"
npm run --silent build
step "TypeScript declarations of pkg/ (tsc, strict)"
node_modules/.bin/tsc -p tests/types
step "type check of the JS host and the JS tests (// @ts-check, strict)"
node_modules/.bin/tsc -p tests/types/www.tsconfig.json
node_modules/.bin/tsc -p tests/types/tests.tsconfig.json
step "wasm-bindgen tests in Node"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
  cargo test --target wasm32-unknown-unknown --test wasm
step "wasm-bindgen tests in headless Chromium"
CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
WASM_BINDGEN_USE_BROWSER=1 CHROMEDRIVER="$(command -v chromedriver)" \
WASM_BINDGEN_TEST_WEBDRIVER_JSON="$PWD/tests/webdriver.json" \
  cargo test --target wasm32-unknown-unknown --test wasm
step "native plans of every golden, for the Wasm == native JS test"
cargo run --quiet --example dump_plans -- target/native-plans.json
step "JS tests (node --test)"
node --test tests/js/
step "browser end-to-end tests (Chromium)"
node --test tests/e2e/
step "consumer tests: npm pack, install the tarball into a fresh project, use it (CLI, Node, tsc, Vite/webpack/esbuild, embed, serve)"
node --test tests/consumer/
