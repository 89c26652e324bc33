#!/usr/bin/env bash
# Allowed-CONNECT throughput and latency of the egress firewall vs tinyproxy (Debian), same TLS upstream, same load,
# same run. Each "request" = CONNECT + TLS handshake + one small GET on a fresh connection; the keep-alive variant
# sends GETs back to back over one tunnel per client. Usage: bench/run.sh [concurrency] [seconds]
# KEEP_WORK=1 keeps the work directory (configs, both proxies' logs, the decision log).
set -euo pipefail
cd "$(dirname "$0")/.."
MODULE_DIR=$(pwd)
ROOT=$(cd ../.. && pwd)
CONCURRENCY=${1:-16}
SECONDS_PER_RUN=${2:-15}
JAR=$MODULE_DIR/target/egress-firewall.jar

if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -o -q -pl stamp/egress-firewall -am install -DskipTests -DskipImages)
fi
if ! command -v tinyproxy >/dev/null; then
  apt-get install -y tinyproxy >/dev/null
fi

WORK=$(mktemp -d /tmp/egress-bench.XXXXXX)
PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [ -z "${KEEP_WORK:-}" ]; then rm -rf "$WORK"; else echo "kept $WORK"; fi
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
wait_port() { for _ in $(seq 1 600); do (exec 3<>/dev/tcp/127.0.0.1/"$1") 2>/dev/null && return 0; sleep 0.1; done; echo "port $1 never opened" >&2; exit 1; }

UP_PORT=$(free_port); FW_PORT=$(free_port); MG_PORT=$(free_port); TP_PORT=$(free_port)
PASS=bench-$(head -c 12 /dev/urandom | base64 | tr -dc a-zA-Z0-9)

# Upstream TLS key (self-signed; the load generator trusts exactly this keystore) and the firewall's management PEMs.
keytool -genkeypair -alias up -keyalg EC -groupname secp256r1 -dname CN=localhost -ext san=dns:localhost \
  -validity 2 -storetype PKCS12 -keystore "$WORK/up.p12" -storepass changeit -keypass changeit >/dev/null 2>&1
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$WORK/mg.key" -out "$WORK/mg.crt" \
  -subj /CN=bench-management -days 2 >/dev/null 2>&1
printf '%s\n' "$PASS" > "$WORK/password"; chmod 600 "$WORK/password"

javac -d "$WORK" bench/ConnectBench.java

cat > "$WORK/egress.yaml" <<YAML
stamp: bench
listener: {address: 127.0.0.1, port: $FW_PORT}
management: {address: 127.0.0.1, port: $MG_PORT, certificate: $WORK/mg.crt, privateKey: $WORK/mg.key,
             clientCa: $WORK/mg.crt, allowedClients: [operator]}
decisionLog: {file: $WORK/decisions.log, maxFileSizeMb: 50, maxFiles: 2}
limits: {maxConnections: 4096}
resolver: {hosts: {localhost: [127.0.0.1]}}
sources:
  - name: bench
    passwordFile: $WORK/password
    allow: [{host: localhost, port: $UP_PORT, allowSpecialAddresses: true}]
YAML

cat > "$WORK/tinyproxy.conf" <<CONF
Port $TP_PORT
Listen 127.0.0.1
Timeout 60
MaxClients 1024
LogLevel Warning
LogFile "$WORK/tinyproxy.log"
PidFile "$WORK/tinyproxy.pid"
Allow 127.0.0.1
BasicAuth bench $PASS
ConnectPort $UP_PORT
DisableViaHeader Yes
CONF

java -Xmx256m -cp "$WORK" ConnectBench upstream "$UP_PORT" "$WORK/up.p12" changeit > "$WORK/upstream.out" 2>&1 &
PIDS+=($!)
java -Xmx256m -jar "$JAR" --config "$WORK/egress.yaml" > "$WORK/firewall.out" 2>&1 &
PIDS+=($!)
tinyproxy -d -c "$WORK/tinyproxy.conf" > "$WORK/tinyproxy.out" 2>&1 &
PIDS+=($!)
wait_port "$UP_PORT"; wait_port "$FW_PORT"; wait_port "$TP_PORT"

load() { java -Xmx512m -cp "$WORK" ConnectBench load "$1" localhost "$UP_PORT" bench "$PASS" "$WORK/up.p12" changeit \
  "$CONCURRENCY" "$SECONDS_PER_RUN" "$2"; }

# One discarded round per proxy first: the firewall's JIT compiles its hot paths here, not in the measured runs.
load "$FW_PORT" new >/dev/null; load "$TP_PORT" new >/dev/null

echo "concurrency $CONCURRENCY, ${SECONDS_PER_RUN}s measured after 3s warm-up per run; $(nproc) cores (shared)"
declare -A R
for mode in new keepalive; do
  for proxy in firewall tinyproxy; do
    port=$FW_PORT; [ "$proxy" = tinyproxy ] && port=$TP_PORT
    R[$proxy-$mode]=$(load "$port" "$mode")
    printf '%-10s %-9s %s\n' "$proxy" "$mode" "${R[$proxy-$mode]}"
  done
done

rps() { sed -E 's/.*rps=([0-9.]+).*/\1/' <<<"$1"; }
p99() { sed -E 's/.*p99=([0-9.]+)ms.*/\1/' <<<"$1"; }
echo
printf '%-10s %12s %12s %12s %12s %10s %10s\n' mode fw-req/s tp-req/s fw-p99-ms tp-p99-ms req/s-ratio p99-ratio
for mode in new keepalive; do
  f=${R[firewall-$mode]}; t=${R[tinyproxy-$mode]}
  printf '%-10s %12s %12s %12s %12s %10.2f %10.2f\n' "$mode" "$(rps "$f")" "$(rps "$t")" "$(p99 "$f")" "$(p99 "$t")" \
    "$(echo "$(rps "$f") / $(rps "$t")" | bc -l)" "$(echo "$(p99 "$f") / $(p99 "$t")" | bc -l)"
done
echo "decision-log lines written by the firewall: $(wc -l < "$WORK/decisions.log")"
