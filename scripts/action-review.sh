#!/usr/bin/env bash
# action.yml's review step: reviews every file the INPUT_* globs match, each on its own, in the
# current folder (so ./.sparkfit.yaml gives the cluster). The findings go to the log and the job
# summary as Markdown, and into one SARIF file with one run for code scanning. Writes `sarif-file`
# and `status` (the worst exit code: 0, 1 or 2) to $GITHUB_OUTPUT and exits 0 itself, so that the
# upload runs before the action fails the check.
set -euo pipefail
shopt -s globstar nullglob
sparkfit=${SPARKFIT:-sparkfit}
fail_on=${INPUT_FAIL_ON:-warning}
out=${RUNNER_TEMP:-${TMPDIR:-/tmp}}/sparkfit-review
rm -rf "$out"
mkdir -p "$out"

# input name, its review flag
inputs=("SPARK_DEFAULTS --conf-file" "SPARK_SUBMIT --submit-file" "EMR_CONFIGURATIONS --emr-config"
        "GLUE_JOBS --glue-job" "SPARK_APPLICATIONS --k8s-app")
reviews=()  # "flag file", in the order given
for entry in "${inputs[@]}"; do
  read -r name flag <<< "$entry"
  variable=INPUT_$name
  read -r -a patterns <<< "$(echo "${!variable:-}" | tr '\n' ' ')"
  for pattern in "${patterns[@]}"; do
    # The pattern is meant to be expanded: a glob, never split further (it has no spaces).
    # shellcheck disable=SC2206
    matched=($pattern)
    if [ ${#matched[@]} -eq 0 ]; then
      input=$(echo "$name" | tr 'A-Z_' 'a-z-')
      echo "sparkfit action: $input: '$pattern' matches no file" >&2
      exit 2
    fi
    for file in "${matched[@]}"; do reviews+=("$flag $file"); done
  done
done
if [ ${#reviews[@]} -eq 0 ]; then
  echo "sparkfit action: nothing to review: give spark-defaults, spark-submit, emr-configurations, glue-jobs or spark-applications" >&2
  exit 2
fi

worst=0
index=0
for review in "${reviews[@]}"; do
  read -r flag file <<< "$review"
  index=$((index + 1))
  status=0
  "$sparkfit" review --fail-on "$fail_on" --format markdown "$flag" "$file" > "$out/$index.md" 2> "$out/$index.err" ||
    status=$?
  cat "$out/$index.md" "$out/$index.err"
  { echo "### $file"; cat "$out/$index.md"; sed 's/^/    /' "$out/$index.err"; echo; } >> "${GITHUB_STEP_SUMMARY:-/dev/null}"
  "$sparkfit" review --fail-on "$fail_on" --format sarif --output "$out/$index.sarif" "$flag" "$file" >/dev/null 2>&1 ||
    true
  [ "$status" -gt "$worst" ] && worst=$status
done

# One run for code scanning: the first review's tool (every review lists the same rules) and every
# review's results. A file sparkfit could not read has no SARIF; its error is in the log.
sarifs=("$out"/*.sarif)
sarif_file=
if [ ${#sarifs[@]} -gt 0 ]; then
  sarif_file=$out/sparkfit.sarif
  python3 - "$sarif_file" "${sarifs[@]}" <<'PY'
import json, sys
target, sources = sys.argv[1], sys.argv[2:]
merged = None
for source in sorted(sources, key=lambda p: int(p.rsplit('/', 1)[1].split('.')[0])):
    with open(source, encoding='utf-8') as f:
        document = json.load(f)
    if merged is None:
        merged = document
    else:
        merged['runs'][0]['results'].extend(document['runs'][0]['results'])
with open(target, 'w', encoding='utf-8') as f:
    json.dump(merged, f, indent=2)
    f.write('\n')
PY
fi
{
  echo "sarif-file=$sarif_file"
  echo "status=$worst"
} >> "${GITHUB_OUTPUT:-/dev/null}"
files="files"
[ ${#reviews[@]} -eq 1 ] && files="file"
echo "sparkfit action: ${#reviews[@]} $files reviewed, worst exit $worst"
