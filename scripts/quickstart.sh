#!/usr/bin/env bash
# The README's first command: set up, build, and run sparkfit on a shipped example: what a layout
# does (explain), then the recommended configuration as spark-submit flags (recommend).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
set -x
build/src/sparkfit explain examples/jobs/nightly-orders.yaml --instance r5.4xlarge --nodes 10
build/src/sparkfit recommend examples/jobs/nightly-orders.yaml --platform emr --format spark-submit
