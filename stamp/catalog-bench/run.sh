#!/usr/bin/env bash
# Builds and runs the catalog benchmarks (not a test). Needs catalog-api and background-processor jars built.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$ROOT"
for jar in stamp/catalog-api/target/catalog-api.jar stamp/background-processor/target/background-processor.jar; do
  [ -f "$jar" ] || { echo "missing $jar: build it first (mvn -B -o -pl <module> -am package -DskipTests)" >&2; exit 2; }
done
mvn -B -q -f stamp/catalog-bench/pom.xml package
exec java -Xmx768m -Dcitadel.testkit.dir="$ROOT/stamp/catalog-bench/target/engines" \
  -cp "stamp/catalog-bench/target/catalog-bench.jar:stamp/catalog-bench/target/lib/*" \
  dev.citadel.catalogbench.BenchMain --root "$ROOT" "$@"
