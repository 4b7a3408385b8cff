#!/usr/bin/env bash
# Regenerates the rules table in README.md (between the rules-table markers) from rules/*.yaml,
# through `sparkfit rules list --format markdown`, the same text the drift test compares.
#   scripts/rules-table.sh [path/to/sparkfit]      (default: build/src/sparkfit)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
sparkfit="${1:-${root}/build/src/sparkfit}"
[ -x "${sparkfit}" ] || { echo "rules-table.sh: ${sparkfit} not built (cmake --build build)" >&2; exit 2; }
table="$("${sparkfit}" --data-dir "${root}" rules list --format markdown)"
readme="${root}/README.md"
grep -q '<!-- rules-table:begin -->' "${readme}" || { echo "rules-table.sh: README.md has no rules-table markers" >&2; exit 2; }
tmp="$(mktemp)"
TABLE="${table}" awk '
  /<!-- rules-table:begin -->/ { print; print ENVIRON["TABLE"]; skip = 1; next }
  /<!-- rules-table:end -->/ { skip = 0 }
  !skip { print }
' "${readme}" > "${tmp}"
mv "${tmp}" "${readme}"
echo "README.md rules table: $(printf '%s\n' "${table}" | tail -n +3 | wc -l) rules"
