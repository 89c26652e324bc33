#!/usr/bin/env bash
# Starts an image built by Jib the way a container runtime would, without one: its layers unpacked in order into an
# empty root, entered with chroot as the image's user, with only the image's environment, and its entrypoint run with
# `java --dry-run` (the JVM starts from the image's own JRE and libraries, loads the main class through the image's
# classpath, and exits before main runs). An image whose JRE carries its class-data archive (lib/server/classes.jsa) is
# started with -Xshare:on, so the archive must map or the JVM refuses to start. Needs root for chroot; without it, says
# so and checks nothing. With `spring-refresh`, a Spring Boot image is then started until its application context has
# refreshed (-Dspring.context.exit=onRefresh), which loads far more of the JRE than a dry run. An image whose
# entrypoint names an application class-data archive (-XX:SharedArchiveFile) must load its main class from it.
# With `train <file>`, the image is started the same way until its context refreshes (or fails to: a service whose
# Cassandra or Kafka is not there still loads its classes on the way) and the classes it loaded are written to
# <file> as the class list app-cds.sh dumps the image's archive from: class names, lambda proxies and lambda-form
# invokers, each sorted — the parts two trainings agree on — without the JVM's load-order ids and constant-pool
# entries, which differ from run to run.
# Usage: run-image.sh <module>/target/jib-image.tar [dry-run|spring-refresh|train <class list>]
set -euo pipefail
tar_file=$1
mode=${2:-dry-run}
class_list_out=${3:-}
[ "$mode" != train ] || [ -n "$class_list_out" ] || { echo "run-image: train needs an output file" >&2; exit 1; }
if [ "$(id -u)" != 0 ]; then
  echo "run-image: not root, so no chroot: $tar_file was not started (its config was checked)" >&2
  exit 0
fi
root=$(mktemp -d)
chmod 755 "$root" # the image's "/": the image's user must be able to enter it
cleanup() { umount "$root/proc" 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT
work=$(mktemp -d -p "$root")
tar --warning=no-unknown-keyword -xf "$tar_file" -C "$work"
# manifest.json names the config and the layers in order; config.json the user, environment and entrypoint.
mapfile -t spec < <(python3 - "$work" <<'PY'
import json, sys, os
work = sys.argv[1]
manifest = json.load(open(os.path.join(work, "manifest.json")))[0]
config = json.load(open(os.path.join(work, manifest["Config"])))["config"]
print(config["User"])
print("\x1f".join(config.get("Env", [])))
print("\x1f".join(config["Entrypoint"]))
for layer in manifest["Layers"]:
    print(os.path.join(work, layer))
PY
)
user=${spec[0]}
IFS=$'\x1f' read -r -a env <<<"${spec[1]}"
IFS=$'\x1f' read -r -a entrypoint <<<"${spec[2]}"
for layer in "${spec[@]:3}"; do
  tar --warning=no-unknown-keyword -xzf "$layer" -C "$root"
done
rm -rf "$work"
mkdir -p "$root/proc" "$root/tmp" && chmod 1777 "$root/tmp"
# The JVM reads /proc (its own limits, cgroups); a container runtime mounts it too.
mount --bind /proc "$root/proc" || echo "run-image: /proc not mounted (no permission); starting without it" >&2
[ "${entrypoint[0]}" = java ] || { echo "run-image: entrypoint is not java: ${entrypoint[*]}" >&2; exit 1; }
echo "run-image: $(basename "$(dirname "$(dirname "$tar_file")")") as $user: ${entrypoint[*]}"
chroot_bin=$(command -v chroot)
share=()
[ -f "$root/opt/jre/lib/server/classes.jsa" ] && share=(-Xshare:on)
main_class=${entrypoint[-1]}
app_archive=
for flag in "${entrypoint[@]}"; do
  case $flag in -XX:SharedArchiveFile=*) app_archive=${flag#*=} ;; esac
done
if [ -n "$app_archive" ] && [ ! -f "$root$app_archive" ]; then
  echo "run-image: the entrypoint names $app_archive, which this image does not carry (see app-cds.sh's message)" >&2
  app_archive=
fi
if [ "$mode" = train ]; then
  # -Xshare:off: what the list holds must not depend on what an archive of the image held.
  env -i "${env[@]}" "$(command -v timeout)" 600 "$chroot_bin" --userspec="$user" "$root" /opt/jre/bin/java \
    "${entrypoint[@]:1:${#entrypoint[@]}-2}" -Xshare:off -XX:DumpLoadedClassList=/tmp/loaded.classlist \
    -Dspring.context.exit=onRefresh "$main_class" >"$root/tmp/training.log" 2>&1 && outcome=refreshed || outcome="exited $?"
  loaded=$root/tmp/loaded.classlist
  [ -s "$loaded" ] || { echo "run-image: the training run wrote no class list:" >&2; tail -40 "$root/tmp/training.log" >&2; exit 1; }
  {
    echo "# The classes $(basename "$main_class") loads on the way to a refreshed application context, from"
    echo "# deploy/k8s/images/run-image.sh <this module>/target/jib-image.tar train <this file>; app-cds.sh dumps the"
    echo "# image's class-data archive from it."
    sed -n 's/^\([^@#][^ ]*\) id: [0-9]*$/\1/p' "$loaded" | LC_ALL=C sort -u
    grep -E '^@(lambda-proxy|lambda-form-invoker) ' "$loaded" | LC_ALL=C sort -u
  } >"$class_list_out"
  echo "run-image: trained ($outcome): $(grep -vc '^[@#]' "$class_list_out") classes listed in $class_list_out"
  [ "$outcome" = refreshed ] || grep -m2 -E "Exception encountered|Application run failed" "$root/tmp/training.log" | cut -c1-1200 >&2 || true
  exit 0
fi
log_load=()
[ -n "$app_archive" ] && log_load=(-Xlog:class+load=info)
if ! out=$(env -i "${env[@]}" "$chroot_bin" --userspec="$user" "$root" /opt/jre/bin/java "${share[@]}" "${log_load[@]}" --dry-run "${entrypoint[@]:1}" 2>&1); then
  echo "run-image: the image did not start:" >&2
  echo "$out" >&2
  exit 1
fi
if [ -n "$app_archive" ] && ! grep -q " $main_class source: shared objects file" <<<"$out"; then
  echo "run-image: the main class was not loaded from the application class-data archive $app_archive:" >&2
  grep " $main_class " <<<"$out" >&2 || true
  exit 1
fi
echo "run-image: started${share:+ from the class-data archive${app_archive:+ $app_archive}}, main class loaded"
if [ "$mode" = spring-refresh ]; then
  if ! out=$(env -i "${env[@]}" "$(command -v timeout)" 600 "$chroot_bin" --userspec="$user" "$root" /opt/jre/bin/java "${share[@]}" \
      -Dspring.context.exit=onRefresh "${entrypoint[@]:1}" 2>&1); then
    echo "run-image: the application context did not refresh:" >&2
    echo "$out" | tail -40 >&2
    exit 1
  fi
  echo "run-image: application context refreshed"
fi
