#!/usr/bin/env bash
# Dumps a module's static application class-data archive for its image: `java -Xshare:dump` from the module's
# committed class list (src/main/image/app.classlist), run by the image's own JRE as the image's user in a chroot that
# has the image's file layout — the archive records each classpath entry's path, size and modification time, and the
# JVM maps it only where all three match. Jib's layout is rebuilt here before Jib runs: the project jar in
# /app/classpath, the runtime dependencies in /app/libs under their file names, /app/jib-classpath-file listing them in
# the build's classpath order, every file dated 1970-01-01T00:00:01Z (Jib's fixed time). The image's verify step
# starts it with -Xshare:on, which refuses to start if this layout and Jib's ever differ.
# The same class list, JRE and jars give the same archive byte for byte, so the image digest stays reproducible. The
# dump fails the build when the list names a class the classpath no longer has: regenerate the list
# (`run-image.sh <tar> train <list>`, see deploy/k8s/README.md, Images).
# Without a class list the output directory stays empty (no archive); likewise, saying so, without root (no chroot) or
# when the JRE has no default archive of its own (image-root.sh: its dumps are not reproducible).
# Usage: app-cds.sh <class list> <image root: JRE and glibc> <project jar> <runtime classpath> <output directory>
set -euo pipefail
class_list=$1
image_root=$2
project_jar=$3
runtime_classpath=$4
out=$5
rm -rf "$out"
mkdir -p "$out"
[ -f "$class_list" ] || exit 0
if [ ! -f "$image_root/opt/jre/lib/server/classes.jsa" ]; then
  echo "app-cds: this JRE's class-data dumps are not reproducible (image.cds): the image gets no application archive" >&2
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "app-cds: not root, so no chroot: the image gets no application class-data archive" >&2
  exit 0
fi
# Jib puts the jar Spring Boot's repackaging set aside (<name>.jar.original) into the image as <name>.original.jar.
if [ -f "$project_jar.original" ]; then
  project_jar_name=$(basename "$project_jar" .jar).original.jar
  project_jar=$project_jar.original
else
  project_jar_name=$(basename "$project_jar")
fi
root=$(mktemp -d -p "$(dirname "$out")" app-cds-root.XXXXXX)
cleanup() { umount "$root/proc" 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT
chmod 755 "$root"
cp -a "$image_root/." "$root/"
mkdir -p "$root/app/classpath" "$root/app/libs"
cp "$project_jar" "$root/app/classpath/$project_jar_name"
entries=("/app/classpath/*")
IFS=: read -r -a classpath <<<"$runtime_classpath"
for entry in "${classpath[@]}"; do
  [ -f "$entry" ] || continue # the module's own classes directory: in the image it is the project jar
  name=$(basename "$entry")
  # Jib renames jars whose file names collide; that renaming is not rebuilt here.
  [ -e "$root/app/libs/$name" ] && { echo "app-cds: two dependencies named $name" >&2; exit 1; }
  cp "$entry" "$root/app/libs/$name"
  entries+=("/app/libs/$name")
done
(IFS=:; printf '%s' "${entries[*]}") >"$root/app/jib-classpath-file"
find "$root" -exec touch -h -d @1 {} +
mkdir -p "$root/proc" "$root/tmp" && chmod 1777 "$root/tmp"
install -m 644 "$class_list" "$root/tmp/app.classlist"
mount --bind /proc "$root/proc" || echo "app-cds: /proc not mounted (no permission); dumping without it" >&2
# Heap size and collector fixed: the archived heap objects and their layout must not depend on the build machine.
log=$out.log
if ! env -i PATH=/opt/jre/bin "$(command -v chroot)" --userspec=65532:65532 "$root" /opt/jre/bin/java \
    -Xshare:dump -Xmx1g -XX:+UseG1GC -XX:SharedClassListFile=/tmp/app.classlist -XX:SharedArchiveFile=/tmp/app.jsa \
    -cp @/app/jib-classpath-file >"$log" 2>&1; then
  echo "app-cds: the dump failed:" >&2
  tail -40 "$log" >&2
  exit 1
fi
if grep -q 'Preload Warning: Cannot find' "$log"; then
  echo "app-cds: $class_list names classes this classpath does not have; regenerate it:" >&2
  grep 'Preload Warning: Cannot find' "$log" | sed 's/.*Cannot find /  /' >&2
  exit 1
fi
mkdir -p "$out/app"
mv "$root/tmp/app.jsa" "$out/app/app.jsa"
echo "app-cds: $(grep -vc '^[@#]' "$class_list") classes listed, archive $(stat -c %s "$out/app/app.jsa") bytes"
