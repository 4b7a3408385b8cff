#!/usr/bin/env bash
# Browser tests of the HTML report: headless Chromium driven through WebDriver
# (tests/browser/test_report.py). Installs nothing: it needs Debian's chromium, chromium-driver and
# python3-selenium (the set-up scripts install them); without them it says so and exits 77, which
# ctest reports as skipped, never as passed.
#
#   scripts/test-browser.sh [BUILD_DIR]            # default: build
#   UPDATE_DOCS_SCREENSHOT=1 scripts/test-browser.sh build   # also rewrite docs/report.png
#
# Pages tested: the reports that `sparkfit recommend`, `review`, `analyze` and `explain` write (--report) for
# the README's examples, every job spec in examples/jobs on each platform it plans, and the fixed-data
# pages of report_sample. Screenshots (1280 px and
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

# The real pages, written by the commands as a user runs them from the repository: in a folder
# whose examples/ and tests/ link to the checkout's, so that the command line each page shows has
# the relative paths a user types, never this machine's. A page that is not written, or a command
# that says anything on stderr, fails the test.
sparkfit="$build/src/sparkfit"
[ -x "$sparkfit" ] || { echo "error: $sparkfit not built"; exit 1; }
run="$artifacts/run"
mkdir -p "$run"
ln -sfn "$root/examples" "$run/examples"
ln -sfn "$root/tests" "$run/tests"
failed=0
real_page() {  # NAME ARGS...: `sparkfit ARGS...` must write NAME.html (ARGS hold --report NAME.html)
  local name="$1"; shift
  rm -f "$run/$name.html"  # a page left by an earlier run must not pass for this one
  (cd "$run" && "$sparkfit" "$@" >"$name.txt" 2>"$name.err")
  local code=$?
  # review exits 1 for findings at or above --fail-on; that is its answer, not a failure. So is
  # recommend's exit 4 where a spec's platform has nothing that meets its objective: no pick, no page.
  if [ $code = 4 ] && [ "${allow_infeasible:-0}" = 1 ] && [ ! -e "$run/$name.html" ]; then
    echo "note: sparkfit $*: $(head -n 1 "$run/$name.err")"; return
  fi
  if [ $code -gt 1 ] || [ ! -s "$run/$name.html" ]; then
    echo "error: sparkfit $* exited $code and wrote no page: $(head -n 3 "$run/$name.err")"; failed=1; return
  fi
  if [ -s "$run/$name.err" ]; then
    echo "error: sparkfit $* warned:"; cat "$run/$name.err"; failed=1; return
  fi
  pages+=("$run/$name.html")
}
# The README's screenshot is of the first page.
real_page report recommend examples/jobs/nightly-orders.yaml --platform emr --report report.html
real_page review-report review --instance m5.2xlarge --nodes 5 --emr-release emr-7.1.0 \
  --emr-config examples/review/emr-configurations.json --conf-file examples/review/spark-defaults.conf \
  --submit-file examples/review/submit.sh --report review-report.html
real_page review-job-report review examples/jobs/nightly-orders.yaml --instance r5.4xlarge --nodes 10 \
  --report review-job-report.html -- spark-submit --deploy-mode cluster --num-executors 10 --executor-cores 15 \
  --executor-memory 100g orders.py
real_page review-glue-report review examples/jobs/marketing-sql-analytics.yaml --glue-job examples/review/glue-job.json \
  --report review-glue-report.html
real_page review-k8s-report review examples/jobs/nightly-orders.yaml --k8s-app examples/review/spark-application.yaml \
  --instance m5.4xlarge --nodes 6 --report review-k8s-report.html
real_page analyze-report analyze \
  tests/data/eventlogs/spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd \
  --what-if-executors 2,4,16 --report analyze-report.html
real_page analyze-spill-report analyze \
  tests/data/eventlogs/spark-rapids-tools/spark-events-qualification/aqeshuffle_eventlog.zstd \
  --report analyze-spill-report.html
real_page explain-report explain examples/jobs/nightly-orders.yaml --instance r5.4xlarge --nodes 10 \
  --report explain-report.html
# Every shipped job spec, on each platform it plans.
for spec in "$root"/examples/jobs/*.yaml; do
  name="$(basename "$spec" .yaml)"
  for platform in emr ec2 yarn glue; do
    grep -Eq "^  $platform:" "$spec" || continue
    allow_infeasible=1 real_page "recommend-$name-$platform" recommend "examples/jobs/$name.yaml" --platform "$platform" \
      --report "recommend-$name-$platform.html"
  done
done
[ $failed = 0 ] || exit 1
pages+=("$artifacts/sample-recommend.html" "$artifacts/sample-analyze.html")

docs=()
if [ "${UPDATE_DOCS_SCREENSHOT:-0}" = 1 ]; then docs=(--docs-screenshot "$root/docs/report.png"); fi
exec "$python" "$root/tests/browser/test_report.py" --artifacts "$artifacts" "${docs[@]}" "${pages[@]}"
