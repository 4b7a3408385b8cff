#!/usr/bin/env bash
# The README's second command: set up, build, and run the whole test suite with ctest.
# `scripts/test.sh --sanitize` does the same in a separate build with
# -fsanitize=address,undefined and warnings as errors (CI runs both).
set -euo pipefail
cd "$(dirname "$0")/.."
# Headless Chromium and Selenium for the report's browser tests (tests/browser/).
# clang-14 and its runtime build the libFuzzer targets that CI runs (scripts/fuzz.sh); clang-format-14
# and clang-tidy-14 are the linters (scripts/lint.sh).
# pre-commit and git run the hooks the way a repository does (tests/hooks/).
export SPARKFIT_EXTRA_PACKAGES="chromium chromium-driver python3-selenium clang-14 libclang-rt-14-dev clang-format-14 clang-tidy-14"
SPARKFIT_EXTRA_PACKAGES+=" pre-commit git"
if [ "${1:-}" = "--sanitize" ]; then
  scripts/setup.sh build-sanitize -DCMAKE_BUILD_TYPE=Debug -DSPARKFIT_SANITIZE=ON -DSPARKFIT_WERROR=ON \
    -DSPARKFIT_BUILD_BENCH=OFF
  export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
  ctest --test-dir build-sanitize --output-on-failure -j"$(nproc)"
else
  scripts/setup.sh build -DSPARKFIT_WERROR=ON
  ctest --test-dir build --output-on-failure -j"$(nproc)"
fi
