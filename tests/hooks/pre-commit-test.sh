#!/usr/bin/env bash
# sparkfit's pre-commit hooks as a repository uses them: `pre-commit try-repo` (Debian's pre-commit
# package) runs each hook of .pre-commit-hooks.yaml on a test repository that holds a clean
# spark-defaults.conf, the examples/review files (each with findings) and a .sparkfit.yaml naming
# the cluster. Usage: pre-commit-test.sh SOURCE_DIR SPARKFIT_BINARY
set -euo pipefail
source_dir=$(cd "$1" && pwd)
sparkfit_dir=$(cd "$(dirname "$2")" && pwd)

for tool in pre-commit git; do
  command -v "$tool" >/dev/null || { echo "pre-commit-test: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export PRE_COMMIT_HOME=$scratch/cache PATH=$sparkfit_dir:$PATH
export GIT_AUTHOR_NAME=test GIT_AUTHOR_EMAIL=test@localhost GIT_COMMITTER_NAME=test GIT_COMMITTER_EMAIL=test@localhost
export GIT_CONFIG_NOSYSTEM=1 HOME=$scratch

# The hook repository: exactly the files a user's pre-commit clones from sparkfit.
hooks=$scratch/hooks
mkdir -p "$hooks/scripts"
cp "$source_dir/.pre-commit-hooks.yaml" "$hooks/"
cp "$source_dir/scripts/pre-commit-review" "$hooks/scripts/"
git -C "$hooks" init -q
git -C "$hooks" add -A
git -C "$hooks" commit -q -m hooks

work=$scratch/work
mkdir -p "$work/bad"
cp -R "$source_dir/tests/hooks/repo/." "$work/"
cp "$source_dir"/examples/review/* "$work/bad/"
# The clean file with dynamic allocation on: one warning (SF4026), no error.
mkdir "$work/warn"
sed 's/^spark.dynamicAllocation.enabled false$/spark.dynamicAllocation.enabled true/' \
  "$work/conf/spark-defaults.conf" > "$work/warn/spark-defaults.conf"
git -C "$work" init -q
git -C "$work" add -A

failures=0
# expect HOOK FILE STATUS [TEXT]: the hook on FILE passes (0) or fails (1), and its output holds TEXT.
expect() {
  local hook=$1 file=$2 want=$3 text=${4:-} status=0 output
  output=$(cd "$work" && pre-commit try-repo "$hooks" "$hook" --files "$file" 2>&1) || status=$?
  if [ "$status" -ne "$want" ] || [[ $output != *"$text"* ]]; then
    echo "FAIL: $hook on $file: exit $status (want $want), output should hold '$text':" >&2
    echo "$output" >&2
    failures=$((failures + 1))
  else
    echo "ok: $hook on $file exits $status"
  fi
}

expect sparkfit-spark-defaults conf/spark-defaults.conf 0 "Passed"
expect sparkfit-spark-defaults warn/spark-defaults.conf 1 "[SF4026]"
# The example is checked against .sparkfit.yaml's 12 x m5.2xlarge (SF4028 counts what its nodes hold).
expect sparkfit-spark-defaults bad/spark-defaults.conf 1 "on 12 x m5.2xlarge (emr)"
expect sparkfit-spark-defaults bad/spark-defaults.conf 1 "these 12 nodes hold 23 executors"
expect sparkfit-spark-submit bad/submit.sh 1 "[SF4011]"
expect sparkfit-emr-configurations bad/emr-configurations.json 1 "bad/emr-configurations.json:"
expect sparkfit-glue-job bad/glue-job.json 1 "[SF4014]"
expect sparkfit-spark-application bad/spark-application.yaml 1 "bad/spark-application.yaml:"

# A hook skips the files its pattern does not match: the Glue hook never sees spark-defaults.conf.
expect sparkfit-glue-job conf/spark-defaults.conf 0 "(no files to check)Skipped"

# A value the hook's args give without '=' is refused, not taken for a file.
cat > "$work/.pre-commit-config.yaml" <<CONFIG
repos:
  - repo: $hooks
    rev: $(git -C "$hooks" rev-parse HEAD)
    hooks:
      - id: sparkfit-spark-defaults
        args: [--fail-on, error]
CONFIG
status=0
output=$(cd "$work" && pre-commit run sparkfit-spark-defaults --files conf/spark-defaults.conf 2>&1) || status=$?
if [ "$status" -ne 1 ] || [[ $output != *"needs its value after '='"* ]]; then
  echo "FAIL: args [--fail-on, error] should be refused: exit $status" >&2
  echo "$output" >&2
  failures=$((failures + 1))
fi
sed -i 's/args: \[--fail-on, error\]/args: [--fail-on=error]/' "$work/.pre-commit-config.yaml"
status=0
output=$(cd "$work" && pre-commit run --verbose sparkfit-spark-defaults --files warn/spark-defaults.conf 2>&1) || status=$?
# --fail-on=error: a warning no longer fails the commit, and is still shown.
if [ "$status" -ne 0 ] || [[ $output != *"[SF4026]"* ]]; then
  echo "FAIL: args [--fail-on=error] should pass a warning and show it: exit $status" >&2
  echo "$output" >&2
  failures=$((failures + 1))
fi

[ "$failures" -eq 0 ] || { echo "pre-commit-test: $failures failed" >&2; exit 1; }
echo "pre-commit-test: all hooks behave"
