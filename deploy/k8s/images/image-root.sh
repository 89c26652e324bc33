#!/usr/bin/env bash
# Builds the directory every image adds on top of scratch: a jlink'd JRE at /opt/jre and the glibc files it links
# against. Module-independent, so built once per build root and shared by the build's images; rebuilt when the JDK,
# the archive choice or this script differ from what built it.
# The JRE comes from a Temurin 25 JDK when one is installed under /usr/lib/jvm (the services' bytecode is Java 17,
# which it runs), else from the build's own JDK. Its default class-data archive (lib/server/classes.jsa, which
# jlink leaves out) is dumped into it when the dump is reproducible: JDK 25 wrote the same archive byte for byte on
# every dump measured, JDK 17 a different one each time, which would change the image digest with every build
# (deploy/k8s/README.md, Images). cds=auto decides by JDK; true or false forces it.
# Usage: image-root.sh <root> <build's java.home> <auto|true|false>
set -euo pipefail
root=$1
jdk=$2
cds=$3
# Modules build in parallel (.mvn/maven.config): one builds the shared root while the others wait, then find it built.
mkdir -p "$(dirname "$root")"
exec 9>"$root.lock"
flock 9
for candidate in /usr/lib/jvm/temurin-25*; do
  [ -x "$candidate/bin/jlink" ] && { jdk=$candidate; break; }
done
version=$(sed -n 's/^JAVA_VERSION="\(.*\)"$/\1/p' "$jdk/release")
feature=${version%%.*}
[ "$cds" = auto ] && { [ "$feature" -ge 25 ] && cds=true || cds=false; }
recipe="$jdk $version cds=$cds $(sha256sum "$0" | cut -c1-16)"
marker="$root.built-by"
[ "$(cat "$marker" 2>/dev/null)" = "$recipe" ] && exit 0
rm -rf "$root" "$marker"
mkdir -p "$root/opt" "$root/lib/x86_64-linux-gnu" "$root/lib64"
# JDK 21 renamed the compression levels (2 became zip-6, the same zip compression).
if [ "$feature" -ge 21 ]; then compress=zip-6; else compress=2; fi
modules=java.base,java.desktop,java.logging,java.management,java.naming,java.net.http,java.security.jgss,java.sql
modules+=,java.xml,java.instrument,jdk.crypto.ec,jdk.unsupported,jdk.management,java.compiler,java.rmi
"$jdk/bin/jlink" --add-modules "$modules" \
  --strip-debug --no-header-files --no-man-pages --compress=$compress --output "$root/opt/jre"
if [ "$cds" = true ]; then
  "$root/opt/jre/bin/java" -Xshare:dump -Xlog:cds=warning >"$root.cds.log" 2>&1 || { cat "$root.cds.log" >&2; exit 1; }
fi
# The shared libraries the JRE's own libraries name (readelf NEEDED, java.desktop's AWT ones aside, which a headless
# service never loads): Debian's JDK 17 links libstdc++ and the system zlib, Temurin bundles zlib and names
# glibc's compatibility stubs libdl, libpthread and librt.
if [ "$feature" -ge 25 ]; then
  libs=(libc.so.6 libm.so.6 libdl.so.2 libpthread.so.0 librt.so.1)
else
  libs=(libc.so.6 libm.so.6 libstdc++.so.6 libgcc_s.so.1 libz.so.1)
fi
for f in "${libs[@]}"; do cp -L "/lib/x86_64-linux-gnu/$f" "$root/lib/x86_64-linux-gnu/"; done
cp -L /lib64/ld-linux-x86-64.so.2 "$root/lib64/"
echo "$recipe" >"$marker"
