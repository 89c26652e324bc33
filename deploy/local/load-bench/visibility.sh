#!/usr/bin/env bash
# How long an accepted comment takes to be readable in every stamp (CITADEL.md §8: 1 s), through the edge of a
# running `./citadel up`. A command, not a test.
#   ./citadel up && deploy/local/load-bench/visibility.sh
# Env: SAMPLES (50 comments, one at a time, after one unmeasured), POLL_MS (20: the read interval),
#      RUN_DIR (the citadel run directory, default .citadel), EDGE (https://127.0.0.1:8443).
# Prints per region n, p50, p90, p99, max and the share within 1 s.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/.citadel}"
EDGE="${EDGE:-https://127.0.0.1:8443}"
CA="$RUN_DIR/pki/ca/ca.crt"

if [ ! -f "$CA" ] || ! curl -sf --cacert "$CA" -o /dev/null "$EDGE/api/1.0/catalogitem?limit=1"; then
  echo "no running citadel answers at $EDGE (run dir $RUN_DIR): start it with ./citadel up" >&2
  exit 2
fi
echo "$(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
# The JDK's source launcher: the benchmark is plain JDK code, no build needed.
exec java "$HERE/src/test/java/dev/citadel/load/WriteVisibility.java" "$EDGE" "$CA" "${SAMPLES:-50}" "${POLL_MS:-20}"
