#!/usr/bin/env bash
# The README's first command: set up, build, and run sparkfit on a shipped example.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh build
set -x
build/src/sparkfit explain examples/jobs/nightly-orders.yaml --instance r5.4xlarge --nodes 10
