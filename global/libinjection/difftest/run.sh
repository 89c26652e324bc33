#!/usr/bin/env bash
# Differential check of this module against C libinjection 3.9.2 as built into ModSecurity (Debian's
# libmodsecurity3): the same inputs through both, every disagreement printed. Not part of the build; needs
# apt-get (download only, no install), dpkg-deb, gcc and a JDK. Usage: run.sh [COUNT] [SEED]
set -euo pipefail
count=${1:-200000}
seed=${2:-1}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../../.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cd "$work"
# The library and the shared libraries it links, except the C runtime, which must stay the system's.
apt-get download -q libmodsecurity3 libcurl3-gnutls libfuzzy2 libgeoip1 liblua5.3-0 libmaxminddb0 libpcre2-8-0 \
  libxml2 libyajl2 >/dev/null 2>&1
for deb in *.deb; do dpkg-deb -x "$deb" sysroot; done
lib=$work/sysroot/usr/lib/x86_64-linux-gnu
missing=$(LD_LIBRARY_PATH=$lib ldd "$lib"/libmodsecurity.so.3 | grep 'not found' || true)
if [ -n "$missing" ]; then
  echo "libmodsecurity3 needs libraries this machine lacks:"; echo "$missing"; exit 1
fi
gcc -O1 -o oracle "$here/oracle.c" "$lib"/libmodsecurity.so.3

(cd "$root" && mvn -B -o -q -pl global/libinjection compile)
classes=$root/global/libinjection/target/classes
crs=$(cd "$root/.." && pwd)/shared/data/crs-regression-3.3.4/tests/regression/tests
[ -d "$crs" ] || crs=""

java -cp "$classes" "$here/Differential.java" generate "$count" "$seed" $crs > inputs.hex
LD_LIBRARY_PATH=$lib ./oracle < inputs.hex > oracle.out
java -cp "$classes" "$here/Differential.java" compare inputs.hex oracle.out
