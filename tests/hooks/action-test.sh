#!/usr/bin/env bash
# The GitHub composite action (action.yml) as far as a machine without GitHub can run it: its
# structure (every input it reads is declared, every script it runs exists, the SARIF upload gets
# the review's file), then its review step (scripts/action-review.sh) on the test repository of
# tests/hooks/repo with GitHub's environment files. Usage: action-test.sh SOURCE_DIR SPARKFIT_BINARY
set -euo pipefail
source_dir=$(cd "$1" && pwd)
sparkfit=$(cd "$(dirname "$2")" && pwd)/$(basename "$2")
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
failures=0
fail() {
  echo "FAIL: $*" >&2
  failures=$((failures + 1))
}

python3 - "$source_dir" <<'PY' || fail "action.yml's structure"
import os, re, sys, yaml
root = sys.argv[1]
with open(os.path.join(root, 'action.yml'), encoding='utf-8') as f:
    action = yaml.safe_load(f)
problems = []
declared = set(action['inputs'])
if action['runs']['using'] != 'composite':
    problems.append('runs.using is not composite')
steps = action['runs']['steps']
ids = {step.get('id') for step in steps}
text = open(os.path.join(root, 'action.yml'), encoding='utf-8').read()
for name in re.findall(r'inputs\.([a-z-]+)', text):
    if name not in declared:
        problems.append('reads undeclared input ' + name)
for name in re.findall(r'steps\.([a-z-]+)\.outputs', text):
    if name not in ids:
        problems.append('reads the outputs of no step ' + name)
for step in steps:
    if 'run' in step and 'shell' not in step:
        problems.append('a composite run step needs shell: ' + step['name'])
    for script in re.findall(r'\$GITHUB_ACTION_PATH/([\w./-]+)', step.get('run', '')):
        path = os.path.join(root, script)
        if not os.access(path, os.X_OK):
            problems.append('runs a script that is missing or not executable: ' + script)
upload = [s for s in steps if s.get('uses', '').startswith('github/codeql-action/upload-sarif@')]
if len(upload) != 1 or 'steps.review.outputs.sarif-file' not in upload[0]['with']['sarif_file']:
    problems.append('no upload-sarif step of the review\'s file')
for problem in problems:
    print('action.yml: ' + problem, file=sys.stderr)
sys.exit(1 if problems else 0)
PY

# The review step on a repository with one clean and two flawed files.
work=$scratch/work
mkdir -p "$work/bad" "$scratch/runner"
cp -R "$source_dir/tests/hooks/repo/." "$work/"
cp "$source_dir/examples/review/spark-defaults.conf" "$source_dir/examples/review/glue-job.json" "$work/bad/"
run_review() {
  (cd "$work" && env SPARKFIT="$sparkfit" RUNNER_TEMP="$scratch/runner" GITHUB_OUTPUT="$scratch/output" \
    GITHUB_STEP_SUMMARY="$scratch/summary" "$@" bash "$source_dir/scripts/action-review.sh")
}
: > "$scratch/output"
run_review INPUT_SPARK_DEFAULTS="**/spark-defaults.conf" INPUT_GLUE_JOBS="bad/*.json" > "$scratch/log" 2>&1 ||
  fail "the review step exits $? (it should leave failing to the last step)"
grep -qx "status=1" "$scratch/output" || fail "status should be 1 (findings): $(cat "$scratch/output")"
sarif=$(sed -n 's/^sarif-file=//p' "$scratch/output")
[ -f "$sarif" ] || fail "no SARIF file: $(cat "$scratch/output")"
python3 - "$sarif" <<'PY' || fail "the merged SARIF"
import json, sys
doc = json.load(open(sys.argv[1], encoding='utf-8'))
assert doc['version'] == '2.1.0' and len(doc['runs']) == 1, 'one SARIF 2.1.0 run'
uris = {loc['physicalLocation']['artifactLocation']['uri']
        for r in doc['runs'][0]['results'] for loc in r.get('locations', [])}
assert uris == {'bad/spark-defaults.conf', 'bad/glue-job.json'}, uris
ids = {r['ruleId'] for r in doc['runs'][0]['results']}
assert 'SF4014' in ids and 'SF1002' in ids, ids
PY
grep -q "### conf/spark-defaults.conf" "$scratch/summary" || fail "the job summary has no section per file"
grep -q "SF4014" "$scratch/summary" || fail "the job summary lacks the Glue finding"

# fail-on=error: the Glue job's warnings pass; the spark-defaults example's errors still fail.
: > "$scratch/output"
run_review INPUT_GLUE_JOBS="bad/glue-job.json" INPUT_FAIL_ON=error > "$scratch/log" 2>&1 || fail "review step exit $?"
grep -qx "status=0" "$scratch/output" || fail "fail-on error over warnings should give status 0: $(cat "$scratch/output")"

# A glob that matches nothing, and no input at all, are errors that name the input.
status=0
run_review INPUT_SPARK_SUBMIT="jobs/*.sh" > "$scratch/log" 2>&1 || status=$?
if ! { [ "$status" -eq 2 ] && grep -q "spark-submit: 'jobs/\*.sh' matches no file" "$scratch/log"; }; then
  fail "an empty glob: exit $status, $(cat "$scratch/log")"
fi
status=0
run_review > "$scratch/log" 2>&1 || status=$?
if ! { [ "$status" -eq 2 ] && grep -q "nothing to review" "$scratch/log"; }; then fail "no input: exit $status"; fi

[ "$failures" -eq 0 ] || { echo "action-test: $failures failed" >&2; exit 1; }
echo "action-test: the action's structure and review step behave"
