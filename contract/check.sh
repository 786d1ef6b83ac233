#!/usr/bin/env bash
# Contract checks of the committed OpenAPI documents (openapi/*.json), with Node from npm:
#   1. npm ci from package-lock.json (no install scripts: none of these tools needs one);
#   2. Spectral (spectral:oas + OWASP API Security Top 10 2023, see .spectral.yaml) on every
#      document: fails on any error, prints the counts;
#   3. openapi-typescript types from openapi/all.json into contract/.generated/ (git-ignored),
#      and `tsc --noEmit` of contract/usage.ts against them.
# Usage: bash contract/check.sh [--no-install]   (--no-install reuses node_modules as it is)
set -euo pipefail
cd "$(dirname "$0")/.."

export SCARF_ANALYTICS=false # Stoplight packages' install telemetry (scripts are off anyway)
bin=node_modules/.bin

if [[ "${1:-}" != "--no-install" ]]; then
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error >/dev/null
fi

report=$(mktemp -d)
trap 'rm -rf "$report"' EXIT

# Spectral: errors fail the check; results are printed, infos only counted.
status=0
"$bin/spectral" lint openapi/*.json --ruleset .spectral.yaml --fail-severity error --fail-on-unmatched-globs \
  --format json --output "$report/spectral.json" --quiet || status=$?
node - "$report/spectral.json" <<'EOF'
const results = JSON.parse(require("fs").readFileSync(process.argv[2], "utf8"));
const names = ["error", "warning", "info", "hint"];
const counts = [0, 0, 0, 0];
for (const r of results) {
  counts[r.severity] += 1;
  if (r.severity <= 1) {
    const file = require("path").relative(process.cwd(), r.source ?? "");
    const where = `${file}:${r.range.start.line + 1} ${r.path.join(".")}`;
    console.log(`  ${names[r.severity]}  ${r.code}  ${r.message}\n      ${where}`);
  }
}
console.log(
  `spectral: ${counts[0]} errors, ${counts[1]} warnings, ${counts[2]} infos (openapi/*.json)`,
);
EOF
if [[ $status -ne 0 ]]; then
  echo "spectral: failed (exit $status)" >&2
  exit "$status"
fi

# TypeScript client proof.
mkdir -p contract/.generated
"$bin/openapi-typescript" openapi/all.json --output contract/.generated/all.ts \
  --default-non-nullable false >/dev/null
"$bin/tsc" --project contract/tsconfig.json --noEmit
echo "typescript: contract/usage.ts type-checks against openapi/all.json"
