#!/usr/bin/env bash
# Edge vs nginx, side by side on this machine (CITADEL.md §8). A command, not a test.
#   global/edge-gateway/bench/run.sh            # WAF off: edge vs nginx reverse proxy
#   WAF=1 global/edge-gateway/bench/run.sh      # also WAF on: edge (prevention) vs nginx + ModSecurity v3 + CRS
#   WAF=1 QUALITY_ONLY=1 global/edge-gateway/bench/run.sh   # only the WAF quality comparison (no load rounds)
#   QUALITY_ONLY=1 CRS_TESTS=1 global/edge-gateway/bench/run.sh   # also the OWASP CRS regression tests (implies WAF=1)
# Env: DURATION per round (10s), ROUNDS (5), WARMUP (45s: the JVM's JIT needs it on a busy 2-core box), CONNS (64), THREADS (2), KEEP=1 keeps the work dir.
# With WAF=1 the corpora of src/test/resources/waf are also replayed byte for byte through both WAFs (quality:
# detection on the attack corpora, false positives on the benign one); VERBOSE=1 lists the misses.
# CRS_TESTS=1 also replays the CRS regression tests (go-ftw YAML, read from CRS_TESTS_DIR at run time; default
# shared/data/crs-regression-3.3.4 beside the clone) through both (CrsRegressionReplay, test sources).
# EDGE_WAF is the edge's `waf:` map for the WAF runs (YAML flow map; default '{enabled: true, mode: prevention}',
# i.e. the edge's defaults: OWASP CRS PL1 with the REST methods allowed, as the ModSecurity side is configured);
# EDGE_WAF=catalog uses the catalog API's tuning that `citadel up` writes (exclusions, JSON only, own rules).
# Both proxies get the same shape: TLS in (HTTP/1.1), mTLS to one fixed HTTPS backend with keep-alive upstream
# connections, one access-log line per request. The backend is a separate nginx that requires the client cert.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../../.." && pwd)"
DURATION="${DURATION:-10s}"; WARMUP="${WARMUP:-45s}"; ROUNDS="${ROUNDS:-5}"; CONNS="${CONNS:-64}"; THREADS="${THREADS:-2}"
WORK="$(mktemp -d /tmp/edge-bench.XXXXXX)"
PIDS=()
EDGE_WAF_DEFAULT='{enabled: true, mode: prevention}'
EDGE_WAF="${EDGE_WAF:-$EDGE_WAF_DEFAULT}"
[ "${CRS_TESTS:-0}" = 1 ] && WAF=1
CRS_TESTS_DIR="${CRS_TESTS_DIR:-$(dirname "$ROOT")/shared/data/crs-regression-3.3.4/tests/regression/tests}"
URL_PATH="/api/1.0/catalogitem/3fa85f64-5717-4562-b3fc-2c963f66afa6?limit=10"

cleanup() {
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for d in backend proxy modsec; do
    [ -f "$WORK/$d/nginx.pid" ] && kill "$(cat "$WORK/$d/nginx.pid")" 2>/dev/null || true
  done
  [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT

need() { command -v "$1" >/dev/null 2>&1; }
if ! need wrk || ! need nginx; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk nginx >/dev/null
fi
if [ "${WAF:-0}" = 1 ] && [ ! -f /usr/lib/nginx/modules/ngx_http_modsecurity_module.so ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libnginx-mod-http-modsecurity modsecurity-crs >/dev/null
fi

# --- certificates: one CA for everything; EC P-256, PKCS#8 keys (what Netty reads) -------------------------
cd "$WORK"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -subj /CN=bench-ca -days 2 -out ca.crt 2>/dev/null
issue() { # name san eku
  openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1.key" 2>/dev/null
  openssl req -new -key "$1.key" -subj "/CN=$1" -out "$1.csr" 2>/dev/null
  printf 'subjectAltName=%s\nextendedKeyUsage=%s\nbasicConstraints=CA:FALSE\nkeyUsage=digitalSignature\n' "$2" "$3" > "$1.ext"
  openssl x509 -req -in "$1.csr" -CA ca.crt -CAkey ca.key -CAcreateserial -days 2 -extfile "$1.ext" -out "$1.crt" 2>/dev/null
}
issue backend "DNS:backend.bench" serverAuth
issue front "DNS:localhost,IP:127.0.0.1" serverAuth
issue client "DNS:client.bench" clientAuth
chmod 600 ./*.key

USER_LINE=""; [ "$(id -u)" = 0 ] && USER_LINE="user root;"
nginx_conf() { # dir workers http-block
  mkdir -p "$WORK/$1"
  cat > "$WORK/$1/nginx.conf" <<CONF
$USER_LINE
worker_processes $2;
pid $WORK/$1/nginx.pid;
error_log $WORK/$1/error.log warn;
${4:-}
events { worker_connections 4096; }
http {
  client_body_temp_path $WORK/$1/tmp; proxy_temp_path $WORK/$1/tmp; fastcgi_temp_path $WORK/$1/tmp;
  uwsgi_temp_path $WORK/$1/tmp; scgi_temp_path $WORK/$1/tmp;
  keepalive_requests 1000000;
  $3
}
CONF
  mkdir -p "$WORK/$1/tmp"
  nginx -p "$WORK/$1" -c "$WORK/$1/nginx.conf"
}

# --- the fixed backend (like a stamp: TLS with the client certificate REQUIRED) ----------------------------
nginx_conf backend 1 "access_log off;
  server { listen 127.0.0.1:19443 ssl; ssl_certificate $WORK/backend.crt; ssl_certificate_key $WORK/backend.key;
    ssl_client_certificate $WORK/ca.crt; ssl_verify_client on;
    location / { default_type application/json; return 200 '{\"id\":\"3fa85f64\",\"name\":\"Zoe cafe\",\"price\":9.5}'; } }"

PROXY_COMMON="upstream backend { server 127.0.0.1:19443; keepalive 64; }
  access_log $WORK/ACCESS.log;
  ssl_certificate $WORK/front.crt; ssl_certificate_key $WORK/front.key;
  proxy_http_version 1.1; proxy_set_header Connection \"\"; proxy_set_header Host backend.bench;
  proxy_set_header X-Edge-Id bench; proxy_set_header X-Forwarded-For \$remote_addr; proxy_set_header X-Forwarded-Proto https;
  proxy_ssl_certificate $WORK/client.crt; proxy_ssl_certificate_key $WORK/client.key;
  proxy_ssl_trusted_certificate $WORK/ca.crt; proxy_ssl_verify on; proxy_ssl_name backend.bench;
  proxy_ssl_server_name on; proxy_ssl_session_reuse on;"
nginx_conf proxy 2 "${PROXY_COMMON/ACCESS/proxy-access}
  server { listen 127.0.0.1:18443 ssl; location / { proxy_pass https://backend; } }"

# --- the edge ------------------------------------------------------------------------------------------------
JAR="${JAR:-$ROOT/global/edge-gateway/target/edge-gateway.jar}"
if [ ! -f "$JAR" ]; then
  (cd "$ROOT" && mvn -B -q -pl global/edge-gateway -am package -DskipTests -DskipImages)
fi
CATALOG_WAF="$ROOT/deploy/local/citadel-cli/src/main/resources/dev/citadel/cli/services/edge-waf.yaml"
edge_conf() { # file port mgmt waf-map
  cat > "$1" <<YAML
edgeId: bench
listeners: {https: {host: 127.0.0.1, port: $2}, http: {port: -1}, management: {host: 127.0.0.1, port: $3}}
tls: {certificate: $WORK/front.crt, privateKey: $WORK/front.key, clientCertificate: $WORK/client.crt,
      clientPrivateKey: $WORK/client.key, originCa: $WORK/ca.crt, operatorCa: $WORK/ca.crt}
probes: {path: /health/stamp}
cache: {maxBytes: 0}
originGroups: [{name: apis, origins: [{name: backend, host: 127.0.0.1, port: 19443, tlsServerName: backend.bench}]}]
routes: [{pattern: /*, originGroup: apis}]
$(if [ "$4" = catalog ]; then grep -v '^#' "$CATALOG_WAF"; else echo "waf: $4"; fi)
rateLimit: {enabled: false}
YAML
}
start_edge() { # name port mgmt waf
  edge_conf "$WORK/$1.yaml" "$2" "$3" "$4"
  java -Xms512m -Xmx512m -Dedge.log.dir="$WORK/$1-logs" -jar "$JAR" --config "$WORK/$1.yaml" > "$WORK/$1.out" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 100); do
    curl -sk -o /dev/null "https://127.0.0.1:$2/" && return 0; sleep 0.2
  done
  echo "edge $1 did not start:"; cat "$WORK/$1.out"; exit 1
}

# --- measurement: warm both, then alternate A/B rounds and report medians (the box is shared and noisy) ------
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v/=1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v*=1000 } printf "%.3f", v }'; }
WRK_HEADERS=(-H 'User-Agent: citadel-bench/1.0' -H 'Accept: application/json')
once() { # port seconds -> "rps p50 p99 errors"
  local out
  out=$(wrk -t"$THREADS" -c"$CONNS" -d"$2" --latency "${WRK_HEADERS[@]}" "https://127.0.0.1:$1$URL_PATH")
  echo "$(echo "$out" | awk '/Requests\/sec/ {print $2}') $(echo "$out" | awk '$1=="50%" {print $2}' | to_ms)" \
       "$(echo "$out" | awk '$1=="99%" {print $2}' | to_ms) $(echo "$out" | awk '/Non-2xx|Socket errors/' | wc -l)"
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
compare() { # labelA portA labelB portB -> sets A_RPS A_P99 B_RPS B_P99
  local ra="" rb="" r
  once "$2" "$WARMUP" > /dev/null; once "$4" "$WARMUP" > /dev/null
  for r in $(seq 1 "$ROUNDS"); do ra+="$(once "$2" "$DURATION")"$'\n'; rb+="$(once "$4" "$DURATION")"$'\n'; done
  for side in A B; do
    local rows label; if [ $side = A ]; then rows="$ra"; label="$1"; else rows="$rb"; label="$3"; fi
    rows=$(echo "$rows" | sed '/^$/d')
    local rps p50 p99 err
    rps=$(echo "$rows" | awk '{print $1}' | median); p50=$(echo "$rows" | awk '{print $2}' | median)
    p99=$(echo "$rows" | awk '{print $3}' | median); err=$(echo "$rows" | awk '{s+=$4} END {print s}')
    printf '%-28s %12s %10s %10s  %s\n' "$label" "$rps" "$p50" "$p99" "$([ "$err" = 0 ] && echo ok || echo "errors in $err rounds")"
    eval "${side}_RPS=$rps; ${side}_P99=$p99"
  done
}

if [ "${QUALITY_ONLY:-0}" != 1 ]; then
start_edge edge-plain 28443 29443 '{enabled: false}'
echo "medians of $ROUNDS alternating rounds of $DURATION (after $WARMUP warm-up each); $CONNS connections," \
     "$THREADS wrk threads, $(nproc) cores, load average $(cut -d' ' -f1 /proc/loadavg)"
printf '%-28s %12s %10s %10s\n' "proxy" "req/s" "p50 ms" "p99 ms"
compare "nginx reverse proxy" 18443 "edge (WAF off)" 28443
awk -v a="$B_RPS" -v b="$A_RPS" -v c="$B_P99" -v d="$A_P99" \
  'BEGIN { printf "ratio edge/nginx: throughput %.2fx, p99 %.2fx (target: >= 1.00x, <= 1.00x)\n", a/b, c/d }'
fi

if [ "${WAF:-0}" = 1 ]; then
  # Debian's recommended base config, made blocking; response inspection off (the edge does not inspect
  # responses either) and no audit log (the edge logs only refusals).
  sed -e 's/^SecRuleEngine .*/SecRuleEngine On/' -e 's/^SecAuditEngine .*/SecAuditEngine Off/' \
      -e 's/^SecResponseBodyAccess .*/SecResponseBodyAccess Off/' \
      -e 's|^SecUnicodeMapFile unicode.mapping|SecUnicodeMapFile /etc/nginx/unicode.mapping|' \
      /etc/nginx/modsecurity.conf > "$WORK/modsec.conf"
  # libmodsecurity3 has no IncludeOptional (an Apache-ism in Debian's CRS loader): keep the plain Includes.
  # The catalog API is REST: allow the methods it serves (CRS's default list, GET HEAD POST OPTIONS, would refuse
  # every PUT and DELETE), as any operator putting CRS in front of it would. Set after crs-setup, before the rules.
  grep '^Include .*crs-setup' /usr/share/modsecurity-crs/owasp-crs.load >> "$WORK/modsec.conf"
  echo "SecAction \"id:900200,phase:1,nolog,pass,t:none,setvar:'tx.allowed_methods=GET HEAD POST OPTIONS PUT PATCH DELETE'\"" \
    >> "$WORK/modsec.conf"
  grep '^Include ' /usr/share/modsecurity-crs/owasp-crs.load | grep -v crs-setup >> "$WORK/modsec.conf"
  nginx_conf modsec 2 "${PROXY_COMMON/ACCESS/modsec-access}
  modsecurity on; modsecurity_rules_file $WORK/modsec.conf;
  server { listen 127.0.0.1:18444 ssl; location / { proxy_pass https://backend; } }" \
    "load_module /usr/lib/nginx/modules/ngx_http_modsecurity_module.so;"
  start_edge edge-waf 28444 29444 "$EDGE_WAF"
  for side in modsec edge; do
    port=18444; [ $side = edge ] && port=28444
    code=$(curl -sk -o /dev/null -w '%{http_code}' "https://127.0.0.1:$port/x?q=1%20union%20select%20pw%20from%20users")
    echo "sanity: $side answers a UNION SELECT probe with $code"
  done
  if [ "${QUALITY_ONLY:-0}" != 1 ]; then
    compare "nginx + ModSecurity + CRS" 18444 "edge (waf: $EDGE_WAF)" 28444
    awk -v a="$B_RPS" -v b="$A_RPS" \
      'BEGIN { printf "ratio edge-WAF/nginx-ModSecurity: throughput %.2fx (target: >= 3.00x)\n", a/b }'
  fi
  # WAF quality: the same bytes through both (CRS as Debian ships it: paranoia level 1, anomaly threshold 5).
  if [ ! -f "$ROOT/global/edge-gateway/target/test-classes/dev/citadel/edge/waf/CrsRegressionReplay.class" ]; then
    (cd "$ROOT" && mvn -B -q -pl global/edge-gateway test-compile)
  fi
  (cd "$ROOT/global/edge-gateway" && mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$WORK/cp.txt" >/dev/null)
  CP="$ROOT/global/edge-gateway/target/test-classes:$ROOT/global/edge-gateway/target/classes:$(cat "$WORK/cp.txt")"
  echo "WAF quality (refused = any 4xx from the proxy except 404/429, or a dropped connection):"
  java -cp "$CP" dev.citadel.edge.waf.WafCorpusReplay "nginx + ModSecurity + CRS" 18444
  java -cp "$CP" dev.citadel.edge.waf.WafCorpusReplay "edge (waf: $EDGE_WAF)" 28444
  if [ "${CRS_TESTS:-0}" = 1 ]; then
    if [ -d "$CRS_TESTS_DIR" ]; then
      echo "CRS regression tests from $CRS_TESTS_DIR (edge waf: $EDGE_WAF; blocked = 4xx except 404/429, or a drop):"
      java -cp "$CP" dev.citadel.edge.waf.CrsRegressionReplay "$CRS_TESTS_DIR" /usr/share/modsecurity-crs/rules \
        "nginx + ModSecurity + CRS PL1=18444" "edge (waf: $EDGE_WAF)=28444"
    else
      echo "CRS regression tests ABSENT at $CRS_TESTS_DIR (set CRS_TESTS_DIR): not replayed"
    fi
  fi
fi
