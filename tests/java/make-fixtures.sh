#!/usr/bin/env bash
# Regenerates tests/data/eventlogs/codecs/ with the Java libraries Spark uses (Debian packages:
#   apt-get install -y openjdk-17-jdk-headless liblz4-java libsnappy-java libcompress-lzf-java).
# The outputs are committed; run this only to remake them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="${root}/tests/data/eventlogs/codecs"
plain="${root}/tests/data/eventlogs/sparklens/local-1532512550423"
classpath="/usr/share/java/lz4-java.jar:/usr/share/java/snappy-java.jar:/usr/share/java/compress-lzf.jar"
work="$(mktemp -d)"
trap 'rm -rf "${work}"' EXIT
javac -d "${work}" -cp "${classpath}" "${root}/tests/java/MakeCompressedLogs.java"
mkdir -p "${out}"
java -cp "${work}:${classpath}" MakeCompressedLogs "${plain}" "${out}/local-1532512550423"
ls -l "${out}"
