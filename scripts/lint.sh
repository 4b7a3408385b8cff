#!/usr/bin/env bash
# Lint the tree: (a) every tracked C++ file is formatted as .clang-format says, (b) clang-tidy
# (.clang-tidy) finds nothing in the engine and CLI sources. Exits non-zero on any finding.
#
#   scripts/lint.sh [BUILD_DIR]      # BUILD_DIR holds compile_commands.json (default: build)
#   LINT_JOBS=N scripts/lint.sh      # clang-tidy processes (default: the machine's cores)
#   LINT_SKIP_TIDY=1 scripts/lint.sh # formatting only (seconds, no build needed)
#
# Configure the build first: cmake -S . -B build -DCMAKE_EXPORT_COMPILE_COMMANDS=ON.
set -euo pipefail

cd "$(dirname "$0")/.."
build_dir="${1:-build}"
jobs="${LINT_JOBS:-$(nproc)}"
clang_format="${CLANG_FORMAT:-clang-format-14}"
run_clang_tidy="${RUN_CLANG_TIDY:-run-clang-tidy-14}"
clang_tidy="${CLANG_TIDY:-clang-tidy-14}"
status=0

echo "lint: formatting ($clang_format)"
if ! git ls-files -z -- '*.cpp' '*.hpp' '*.cc' | xargs -0 -r "$clang_format" --dry-run --Werror; then
  echo "lint: formatting differs from .clang-format (fix with: $clang_format -i FILE)" >&2
  status=1
fi

if [[ "${LINT_SKIP_TIDY:-}" == 1 ]]; then
  exit "$status"
fi

if [[ ! -f "$build_dir/compile_commands.json" ]]; then
  echo "lint: $build_dir/compile_commands.json is missing; configure with -DCMAKE_EXPORT_COMPILE_COMMANDS=ON" >&2
  exit 2
fi

# The engine and the CLI: every file of src/ the build compiles. GCC-only warning flags in the
# compile commands (-Wno-restrict) mean nothing to clang, hence -Wno-unknown-warning-option.
echo "lint: clang-tidy ($clang_tidy, $jobs jobs)"
started=$(date +%s)
if ! "$run_clang_tidy" -quiet -p "$build_dir" -j "$jobs" -clang-tidy-binary "$(command -v "$clang_tidy")" \
    -extra-arg=-Wno-unknown-warning-option "$PWD/src/" >"$build_dir/clang-tidy.log" 2>&1; then
  # run-clang-tidy always colours its output; the log is for reading.
  sed -i 's/\x1b\[[0-9;]*m//g' "$build_dir/clang-tidy.log"
  grep -E '(warning|error): ' "$build_dir/clang-tidy.log" | sort -u >&2 || cat "$build_dir/clang-tidy.log" >&2
  echo "lint: clang-tidy found problems (full log: $build_dir/clang-tidy.log)" >&2
  status=1
fi
echo "lint: clang-tidy took $(( $(date +%s) - started )) s"
exit "$status"
