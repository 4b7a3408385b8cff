#!/usr/bin/env bash
# action.yml's first step: the sparkfit to run. INPUT_SPARKFIT names an installed one; else this
# action's source is built with scripts/setup.sh (Debian's or Ubuntu's packages, through sudo on a
# hosted runner). Writes `sparkfit=PATH` to $GITHUB_OUTPUT.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
if [ -n "${INPUT_SPARKFIT:-}" ]; then
  sparkfit=$(command -v "$INPUT_SPARKFIT") || { echo "action-build: sparkfit '$INPUT_SPARKFIT' not found" >&2; exit 2; }
else
  as_root=()
  [ "$(id -u)" -eq 0 ] || as_root=(sudo)
  "${as_root[@]}" "$root/scripts/setup.sh" "$root/build-action"
  sparkfit=$root/build-action/src/sparkfit
fi
"$sparkfit" --version
echo "sparkfit=$sparkfit" >> "${GITHUB_OUTPUT:-/dev/null}"
