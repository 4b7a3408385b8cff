#!/usr/bin/env bash
# Installs into a scratch prefix and checks that the installed binary finds its data without
# flags, from another working directory.
set -euo pipefail
cd "$(dirname "$0")/.."
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT
cmake --install build --prefix "$prefix" >/dev/null
cd /
"$prefix/bin/sparkfit" paths | grep -q "using: $prefix/share/sparkfit"
"$prefix/bin/sparkfit" explain --instance m5.4xlarge --nodes 6 --executor-cores 5 >/dev/null
echo "check-install: the installed sparkfit found its data in $prefix/share/sparkfit"
