#!/usr/bin/env bash
# The reference load mix through the edge of a running `./citadel up` (CITADEL.md §8). A command, not a test.
#   ./citadel up && deploy/local/load-bench/run.sh
# Env: USERS (64 looping virtual users), ADDRESSES (32 client addresses), WARMUP (300 s, not counted: at first the JVMs run interpreted code),
#      MEASURE (60 s, the measured window), RUN_DIR (the citadel run directory, default .citadel), KEEP=1 keeps the
#      Gatling report.
#      CURVE=30: the warm-up curve instead. The whole run is measured from the first request (WARMUP 0, MEASURE 900 s
#      unless set) in buckets of CURVE seconds; the table is also written to $OUT/warmup-curve.csv and drawn in
#      $OUT/warmup-curve.png (OUT: the current directory unless set; LABEL names the series, default "this run").
# Prints the measured window's requests/s, mean, p50, p99 and error rate, per request type and for the mix (or per
# bucket), and the CPU seconds each citadel process spent during it.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
RUN_DIR="${RUN_DIR:-$ROOT/.citadel}"
CURVE="${CURVE:-0}"
if [ "$CURVE" -gt 0 ]; then WARMUP="${WARMUP:-0}"; SECONDS_MEASURED="${MEASURE:-900}"; fi
USERS="${USERS:-64}"; ADDRESSES="${ADDRESSES:-32}"; WARMUP="${WARMUP:-300}"; SECONDS_MEASURED="${MEASURE:-60}"
mkdir -p "${OUT:-.}"; OUT="$(cd "${OUT:-.}" && pwd)"
EDGE="https://127.0.0.1:8443"
CA="$RUN_DIR/pki/ca/ca.crt"

if [ ! -f "$CA" ] || ! curl -sf --cacert "$CA" -o /dev/null "$EDGE/api/1.0/catalogitem?limit=1"; then
  echo "no running citadel answers at $EDGE (run dir $RUN_DIR): start it with ./citadel up" >&2
  exit 2
fi

WORK="$(mktemp -d /tmp/load-bench.XXXXXX)"
cleanup() { [ "${KEEP:-0}" = 1 ] && echo "report kept in $WORK" || rm -rf "$WORK"; }
trap cleanup EXIT
PASS="$(openssl rand -hex 16)"
keytool -importcert -noprompt -alias citadel-ca -file "$CA" -keystore "$WORK/trust.p12" -storetype PKCS12 \
  -storepass "$PASS" >/dev/null 2>&1

export CITADEL_LOAD_BASE="$EDGE" CITADEL_LOAD_USERS="$USERS" CITADEL_LOAD_ADDRESSES="$ADDRESSES" \
  CITADEL_LOAD_WARMUP_SECONDS="$WARMUP" CITADEL_LOAD_SECONDS="$SECONDS_MEASURED" CITADEL_LOAD_CURVE_SECONDS="$CURVE" \
  CITADEL_LOAD_TRUSTSTORE="$WORK/trust.p12" CITADEL_LOAD_TRUSTSTORE_PASSWORD="$PASS"

# CPU of every process the citadel started (engines, services, edge, supervisor), from its state files, and of the
# load generator, sampled around the measured window: where the machine's two cores went.
cpu_ticks() {
  python3 - "$RUN_DIR" <<'PY' | while read -r pid name; do
import json, os, sys
for f in ("citadel-state.json", "services-state.json"):
    path = os.path.join(sys.argv[1], f)
    if os.path.exists(path):
        d = json.load(open(path))
        for p in d.get("processes", []) + d.get("services", []):
            print(p["pid"], p["name"])
        if "supervisorPid" in d:
            print(d["supervisorPid"], "supervisor")
PY
    echo "$name $(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null || echo 0)"
  done
  # The load generator shares the cores: its share says how much of the machine the system itself could use.
  local t=0 pid
  for pid in $(descendants "${GATLING:-0}"); do
    t=$((t + $(awk '{print $14+$15}' "/proc/$pid/stat" 2>/dev/null || echo 0)))
  done
  echo "load-generator(maven+gatling) $t"
}
descendants() { local c; for c in $(pgrep -P "$1" || true); do echo "$c"; descendants "$c"; done; }

echo "reference mix: $USERS users from $ADDRESSES addresses, ${WARMUP}s warm-up, ${SECONDS_MEASURED}s measured$( \
     [ "$CURVE" -gt 0 ] && echo " in ${CURVE}s buckets from the first request");" \
     "$(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
(cd "$HERE" && mvn -B -q test-compile gatling:test -Dgatling.resultsFolder="$WORK/results") > "$WORK/gatling.log" 2>&1 &
GATLING=$!
# Sleeps while Gatling runs; a Gatling that ended early (bad configuration, no edge) is reported at once.
await() { for _ in $(seq 1 "$1"); do kill -0 "$GATLING" 2>/dev/null || return 0; sleep 1; done; }
await $((10 + WARMUP))
cpu_ticks | sort > "$WORK/cpu0"
await "$SECONDS_MEASURED"
cpu_ticks | sort > "$WORK/cpu1"
if ! wait "$GATLING"; then
  echo "gatling failed:"; tail -40 "$WORK/gatling.log"; exit 1
fi

# Gatling 3.13 keeps its figures in the report's js/stats.js (a JavaScript object literal, not JSON).
STATS="$(ls "$WORK"/results/*/js/stats.js)"
python3 - "$STATS" "$SECONDS_MEASURED" "$CURVE" "$OUT/warmup-curve.csv" <<'PY'
import json, re, sys
text = open(sys.argv[1]).read()
text = text[text.index("{"):text.index("function fillStats")].rstrip().rstrip(";")
stats = json.loads(re.sub(r"^(\s*)([A-Za-z_]\w*):", r'\1"\2":', text, flags=re.M))
seconds = float(sys.argv[2])
def find(node, name):
    if node.get("name") == name and node.get("type") == "GROUP":
        return node
    for child in node.get("contents", {}).values():
        hit = find(child, name)
        if hit:
            return hit
def num(v):
    return float(v) if v not in ("-", "") else 0.0
def row(label, s):
    n = int(num(s["numberOfRequests"]["total"])); ko = int(num(s["numberOfRequests"]["ko"]))
    print(f"{label:<14} {n:>8} {n / seconds:>9.1f} {num(s['meanResponseTime']['total']):>8.0f}"
          f" {num(s['percentiles1']['total']):>8.0f} {num(s['percentiles4']['total']):>8.0f} {100.0 * ko / max(n, 1):>8.3f}")
curve = int(sys.argv[3])
if curve > 0:
    # One group per bucket ("t+00030 s"); a last bucket cut short by the end of the run is left out.
    buckets = sorted((int(g["name"][2:-2]), g) for g in stats.get("contents", {}).values()
                     if g.get("type") == "GROUP" and g["name"].startswith("t+"))
    buckets = [(t, g) for t, g in buckets if t + curve <= seconds]
    if not buckets:
        sys.exit("no whole bucket of the curve was measured")
    print(f"{'from s':>6} {'requests':>8} {'req/s':>9} {'mean ms':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors %':>8}")
    with open(sys.argv[4], "w") as csv:
        csv.write("from_s,requests,req_per_s,mean_ms,p50_ms,p99_ms,errors_pct\n")
        for t, g in buckets:
            s = g["stats"]; n = int(num(s["numberOfRequests"]["total"])); ko = int(num(s["numberOfRequests"]["ko"]))
            fields = (t, n, n / curve, num(s["meanResponseTime"]["total"]), num(s["percentiles1"]["total"]),
                      num(s["percentiles4"]["total"]), 100.0 * ko / max(n, 1))
            print("%6d %8d %9.1f %8.0f %8.0f %8.0f %8.3f" % fields)
            csv.write("%d,%d,%.1f,%.0f,%.0f,%.0f,%.3f\n" % fields)
    print("target 2 and 15 minutes after a warm up: >= 600 req/s, mean <= 100 ms, p99 <= 500 ms, 0 errors"
          " (CITADEL.md §8: >= 1200 req/s)")
    sys.exit(0)
measured = find(stats, "measured")
if measured is None:
    sys.exit("no request was made in the measured window")
print(f"{'':<14} {'requests':>8} {'req/s':>9} {'mean ms':>8} {'p50 ms':>8} {'p99 ms':>8} {'errors %':>8}")
for child in measured["contents"].values():
    row(child["name"], child["stats"])
row("mix", measured["stats"])
print("target (CITADEL.md §8): >= 1200 req/s, mean <= 100 ms, errors < 0.1 %")
PY

if [ "$CURVE" -gt 0 ]; then
  java "$HERE/src/test/java/dev/citadel/load/WarmupCurveChart.java" "$OUT/warmup-curve.png" \
    "${LABEL:-this run}=$OUT/warmup-curve.csv"
  echo "curve: $OUT/warmup-curve.csv, $OUT/warmup-curve.png"
fi
echo "CPU seconds per process during the measured window:"
join "$WORK/cpu0" "$WORK/cpu1" | awk '{ d = ($3 - $2) / 100; t += d; printf "%8.1f  %s\n", d, $1 } END { printf "%8.1f  total (of %d available)\n", t, '"$(nproc)"' * '"$SECONDS_MEASURED"' }' | sort -rn
