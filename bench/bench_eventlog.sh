#!/usr/bin/env bash
# Event-log reading speed: sparkfit analyze on a generated 1M-task log (~4 GB) against `wc -l`
# (the floor: reading the bytes and finding the lines), and on a 200 MB slice against Python's
# json.loads per line and `jq -c .`. Prints one table; deletes what it wrote.
#   bench/bench_eventlog.sh [build-dir] [tasks] [work-dir]     (defaults: build-release 1000000 /tmp)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${1:-${root}/build-release}"
tasks="${2:-1000000}"
work="$(mktemp -d "${3:-/tmp}/sparkfit-bench-eventlog.XXXXXX")"
trap 'rm -rf "${work}"' EXIT
for tool in jq python3 /usr/bin/time; do
  command -v "${tool}" >/dev/null || { echo "bench_eventlog.sh: ${tool} is missing (apt-get install jq python3 time)" >&2; exit 2; }
done
[ -x "${build}/src/sparkfit" ] && [ -x "${build}/bench/eventlog_gen" ] || {
  echo "bench_eventlog.sh: build first: cmake -S . -B ${build} -DCMAKE_BUILD_TYPE=Release && cmake --build ${build}" >&2
  exit 2
}
need=$(( tasks * 4200 / 1024 / 1024 + 300 ))
avail=$(( $(df -Pm "${work}" | awk 'NR==2 {print $4}') ))
[ "${avail}" -gt "${need}" ] || { echo "bench_eventlog.sh: needs ${need} MiB free in ${work}, has ${avail}" >&2; exit 2; }

log="${work}/app.json"
"${build}/bench/eventlog_gen" "${tasks}" "${log}"
bytes=$(stat -c %s "${log}")
slice="${work}/slice.json"
head -c 200000000 "${log}" | head -n -1 > "${slice}"   # whole lines only
slice_bytes=$(stat -c %s "${slice}")

# seconds, max RSS (KiB) of a command, output discarded
measure() {
  /usr/bin/time -f "%e %M" -o "${work}/time" "$@" >/dev/null 2>&1
  cat "${work}/time"
}
row() {  # name bytes seconds rss
  awk -v n="$1" -v b="$2" -v s="$3" -v m="$4" 'BEGIN {
    printf "%-38s %9.1f MiB %8.2f s %9.0f MiB/s %8.0f MiB\n", n, b / 1048576, s, (s > 0 ? b / 1048576 / s : 0), m / 1024 }'
}
cat "${log}" >/dev/null  # warm the page cache
printf "%-38s %13s %10s %15s %12s\n" "command" "input" "time" "throughput" "max RSS"
read -r s m < <(measure wc -l "${log}");                                  row "wc -l (floor)" "${bytes}" "${s}" "${m}"
read -r s m < <(measure "${build}/src/sparkfit" analyze "${log}" --format json); row "sparkfit analyze (${tasks} tasks)" "${bytes}" "${s}" "${m}"
read -r s m < <(measure wc -l "${slice}");                                row "wc -l, 200 MB slice" "${slice_bytes}" "${s}" "${m}"
read -r s m < <(measure "${build}/src/sparkfit" analyze "${slice}" --format json); row "sparkfit analyze, 200 MB slice" "${slice_bytes}" "${s}" "${m}"
read -r s m < <(measure python3 -c 'import json, sys
for line in open(sys.argv[1], "rb"):
    json.loads(line)' "${slice}");                                        row "python3 json.loads per line, slice" "${slice_bytes}" "${s}" "${m}"
read -r s m < <(measure jq -c . "${slice}");                              row "jq -c ., slice" "${slice_bytes}" "${s}" "${m}"
zstd -q -3 -T1 "${slice}" -o "${slice}.zstd"
read -r s m < <(measure "${build}/src/sparkfit" analyze "${slice}.zstd" --format json); row "sparkfit analyze, slice as .zstd" "${slice_bytes}" "${s}" "${m}"
echo "(throughput is uncompressed bytes per second, one core; $(nproc) cores on this machine)"
