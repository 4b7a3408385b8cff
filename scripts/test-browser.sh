#!/usr/bin/env bash
# Browser tests of the HTML report: headless Chromium driven through WebDriver
# (tests/browser/test_report.py). Installs nothing: it needs Debian's chromium, chromium-driver and
# python3-selenium (the set-up scripts install them); without them it says so and exits 77, which
# ctest reports as skipped, never as passed.
#
#   scripts/test-browser.sh [BUILD_DIR]            # default: build
#   UPDATE_DOCS_SCREENSHOT=1 scripts/test-browser.sh build   # also rewrite docs/report.png
#
# Pages tested: the report of `sparkfit recommend examples/jobs/nightly-orders.yaml --platform emr` when the
# binary writes one (--report), and the fixed-data pages of report_sample. Screenshots (1280 px and
# 390 px, light and dark) and printed PDFs go to BUILD_DIR/browser-artifacts.
set -u
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-$root/build}"
case "$build" in /*) ;; *) build="$PWD/$build" ;; esac

chromium="${CHROMIUM:-/usr/bin/chromium}"
chromedriver="${CHROMEDRIVER:-/usr/bin/chromedriver}"
python=/usr/bin/python3   # Debian's python3-selenium lives in the system interpreter
missing=()
[ -x "$chromium" ] || missing+=("chromium ($chromium)")
[ -x "$chromedriver" ] || missing+=("chromium-driver ($chromedriver)")
if [ ! -x "$python" ] || ! "$python" -c 'import selenium' 2>/dev/null; then missing+=("python3-selenium"); fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "browser tests skipped: chromium, chromium-driver or python3-selenium not installed (missing: ${missing[*]})"
  echo "install them with: apt-get install chromium chromium-driver python3-selenium"
  exit 77
fi

artifacts="$build/browser-artifacts"
mkdir -p "$artifacts"
sample="$build/tests/report_sample"
if [ ! -x "$sample" ]; then
  echo "building report_sample"
  cmake --build "$build" --target report_sample >/dev/null || { echo "error: cannot build report_sample in $build"; exit 1; }
fi
"$sample" "$artifacts" || { echo "error: report_sample failed"; exit 1; }
pages=()

# The real thing, once the command writes reports.
sparkfit="$build/src/sparkfit"
if [ -x "$sparkfit" ]; then
  if "$sparkfit" recommend "$root/examples/jobs/nightly-orders.yaml" --platform emr --report "$artifacts/nightly-orders.html" \
       >"$artifacts/nightly-orders.txt" 2>"$artifacts/nightly-orders.err" && [ -s "$artifacts/nightly-orders.html" ]; then
    if [ -s "$artifacts/nightly-orders.err" ]; then
      echo "error: sparkfit recommend --report warned:"; cat "$artifacts/nightly-orders.err"; exit 1
    fi
    pages+=("$artifacts/nightly-orders.html")
  else
    echo "note: $sparkfit recommend --report wrote no page ($(head -n 1 "$artifacts/nightly-orders.err")); testing the sample pages only"
  fi
fi
pages+=("$artifacts/sample-recommend.html" "$artifacts/sample-analyze.html")

docs=()
if [ "${UPDATE_DOCS_SCREENSHOT:-0}" = 1 ]; then docs=(--docs-screenshot "$root/docs/report.png"); fi
exec "$python" "$root/tests/browser/test_report.py" --artifacts "$artifacts" "${docs[@]}" "${pages[@]}"
