#!/usr/bin/env bash
# Builds the libFuzzer targets with clang in build-fuzz/ and runs each for a bounded time.
#   scripts/fuzz.sh [seconds-per-target]     (default 30)
# Seeds come from tests/fuzz/corpus/<target>/ (read only); inputs libFuzzer finds go to
# build-fuzz/corpus/<target>/, crashes to build-fuzz/artifacts/. Exits non-zero on any crash,
# leak, timeout or sanitizer report.
set -euo pipefail

seconds="${1:-30}"
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${root}/build-fuzz"
cxx="${SPARKFIT_FUZZ_CXX:-clang++-14}"
targets=(spark_submit spark_defaults emr_json rule_expr review k8s_app eventlog)

command -v "${cxx}" >/dev/null || { echo "fuzz.sh: ${cxx} not found (apt-get install clang-14 libclang-rt-14-dev)" >&2; exit 2; }

cmake -S "${root}" -B "${build}" -DCMAKE_CXX_COMPILER="${cxx}" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DSPARKFIT_FUZZ=ON -DSPARKFIT_BUILD_TESTS=OFF -DSPARKFIT_BUILD_BENCH=OFF >/dev/null
cmake --build "${build}" -j2 --target "${targets[@]/#/fuzz_}"

mkdir -p "${build}/artifacts"
status=0
for target in "${targets[@]}"; do
  work="${build}/corpus/${target}"
  mkdir -p "${work}"
  log="${build}/fuzz_${target}.log"
  echo "== fuzz_${target}: ${seconds} s"
  if "${build}/tests/fuzz/fuzz_${target}" "${work}" "${root}/tests/fuzz/corpus/${target}" \
      -max_total_time="${seconds}" -timeout=10 -rss_limit_mb=2048 -max_len=8192 \
      -artifact_prefix="${build}/artifacts/${target}-" -print_final_stats=1 >"${log}" 2>&1; then
    grep -E '^stat::number_of_executed_units|^Done' "${log}" || true
  else
    echo "fuzz_${target} FAILED; see ${log}" >&2
    tail -n 40 "${log}" >&2
    status=1
  fi
done
exit "${status}"
