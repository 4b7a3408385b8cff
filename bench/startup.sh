#!/usr/bin/env bash
# Wall time of a whole `sparkfit explain` process (start-up, catalog load, explain), mean of N runs.
# Usage: bench/startup.sh [build-dir] [runs]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
runs=${2:-30}
cmd=("$build/src/sparkfit" explain examples/jobs/nightly-orders.yaml --instance r5.4xlarge --nodes 10)
"${cmd[@]}" >/dev/null
start=$(date +%s%N)
for _ in $(seq "$runs"); do "${cmd[@]}" >/dev/null; done
end=$(date +%s%N)
echo "sparkfit explain (whole process): $(( (end - start) / runs / 1000000 )) ms per run (mean of $runs)"
