#!/usr/bin/env bash
# Installs what sparkfit needs from Debian's packages (only what is missing), then configures
# and builds. Idempotent. Usage: scripts/setup.sh [build-dir] [extra cmake args...]
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(g++ cmake make pkg-config libboost-program-options-dev libyaml-cpp-dev libeigen3-dev doctest-dev
          libzstd-dev liblz4-dev libsnappy-dev liblzf-dev zlib1g-dev libsimdjson-dev)
# The test set-up adds what the browser tests need (scripts/test.sh sets SPARKFIT_EXTRA_PACKAGES).
read -r -a extra <<< "${SPARKFIT_EXTRA_PACKAGES:-}"
packages+=("${extra[@]}")
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}"
  if [ "$(id -u)" -ne 0 ]; then
    echo "setup: run as root (or install these packages yourself): ${missing[*]}" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

build_dir=${1:-build}
shift || true
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
