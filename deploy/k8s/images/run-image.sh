#!/usr/bin/env bash
# Starts an image built by Jib the way a container runtime would, without one: its layers unpacked in order into an
# empty root, entered with chroot as the image's user, with only the image's environment, and its entrypoint run with
# `java --dry-run` (the JVM starts from the image's own JRE and libraries, loads the main class through the image's
# classpath, and exits before main runs). An image whose JRE carries its class-data archive (lib/server/classes.jsa) is
# started with -Xshare:on, so the archive must map or the JVM refuses to start. Needs root for chroot; without it, says
# so and checks nothing. With `spring-refresh`, a Spring Boot image is then started until its application context has
# refreshed (-Dspring.context.exit=onRefresh), which loads far more of the JRE than a dry run.
# Usage: run-image.sh <module>/target/jib-image.tar [dry-run|spring-refresh]
set -euo pipefail
tar_file=$1
mode=${2:-dry-run}
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
if ! out=$(env -i "${env[@]}" "$chroot_bin" --userspec="$user" "$root" /opt/jre/bin/java "${share[@]}" --dry-run "${entrypoint[@]:1}" 2>&1); then
  echo "run-image: the image did not start:" >&2
  echo "$out" >&2
  exit 1
fi
echo "run-image: started${share:+ from the class-data archive}, main class loaded"
if [ "$mode" = spring-refresh ]; then
  if ! out=$(env -i "${env[@]}" "$(command -v timeout)" 600 "$chroot_bin" --userspec="$user" "$root" /opt/jre/bin/java "${share[@]}" \
      -Dspring.context.exit=onRefresh "${entrypoint[@]:1}" 2>&1); then
    echo "run-image: the application context did not refresh:" >&2
    echo "$out" | tail -40 >&2
    exit 1
  fi
  echo "run-image: application context refreshed"
fi
