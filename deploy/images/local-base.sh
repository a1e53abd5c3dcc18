#!/usr/bin/env bash
# Builds the local base image for machines that cannot pull eclipse-temurin:21-jre: a minimal
# Debian bookworm root (debootstrap, from the configured Debian mirror) with a JRE linked
# (jlink) from the local JDK >= 21 at /opt/java/openjdk, the path eclipse-temurin images use.
# Cached: does nothing when the image exists (--force rebuilds); the Debian root is kept as a
# tarball under ~/.cache/smallfirst/local-base, so a rebuild needs no mirror.
#
# Usage: deploy/images/local-base.sh [--force]      (root; needs debootstrap and a Docker engine)
# Env:   SMALLFIRST_LOCAL_BASE (image tag, default smallfirst/local-base:bookworm-jre)
#        JAVA_HOME (the JDK to link the JRE from; default: newest JDK >= 21 under /usr/lib/jvm)
#        DEBIAN_MIRROR (default http://deb.debian.org/debian)
set -euo pipefail

TAG="${SMALLFIRST_LOCAL_BASE:-smallfirst/local-base:bookworm-jre}"
CACHE="${XDG_CACHE_HOME:-$HOME/.cache}/smallfirst/local-base"
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"

if [[ "${1:-}" != "--force" ]] && docker image inspect "$TAG" >/dev/null 2>&1; then
  echo "local-base: $TAG exists (--force rebuilds it)"
  exit 0
fi

jdk_feature() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null || true; }
JDK="${JAVA_HOME:-}"
v="$(jdk_feature "$JDK")"
if [[ -z "$v" || "$v" -lt 21 ]]; then
  JDK=""
  for d in /usr/lib/jvm/*/; do
    d="${d%/}"; v="$(jdk_feature "$d")"
    if [[ -n "$v" && "$v" -ge 21 ]]; then JDK="$d"; fi
  done
fi
[[ -n "$JDK" && -x "$JDK/bin/jlink" ]] || { echo "local-base: no JDK >= 21 with jlink found" >&2; exit 2; }

mkdir -p "$CACHE"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if [[ ! -f "$CACHE/rootfs.tar" ]]; then
  command -v debootstrap >/dev/null || { echo "local-base: debootstrap missing (apt-get install -y debootstrap)" >&2; exit 2; }
  echo "local-base: debootstrap bookworm from $MIRROR (once; cached in $CACHE)"
  debootstrap --variant=minbase --include=ca-certificates bookworm "$work/rootfs" "$MIRROR" >"$CACHE/debootstrap.log"
  rm -rf "$work/rootfs"/var/cache/apt/archives/*.deb "$work/rootfs"/var/lib/apt/lists/* \
    "$work/rootfs"/usr/share/doc/* "$work/rootfs"/usr/share/man/*
  tar -C "$work/rootfs" -cf "$CACHE/rootfs.tar.tmp" . && mv "$CACHE/rootfs.tar.tmp" "$CACHE/rootfs.tar"
  rm -rf "$work/rootfs"
fi

mkdir -p "$work/rootfs"
tar -C "$work/rootfs" -xf "$CACHE/rootfs.tar"
modules="$("$JDK/bin/java" --list-modules | sed 's/@.*//' | grep -v -e '^jdk.internal.vm.ci' -e '^jdk.graal' -e '^jdk.jlink' -e '^jdk.jpackage' | paste -sd, -)"
mkdir -p "$work/rootfs/opt/java"
"$JDK/bin/jlink" --add-modules "$modules" --strip-debug --no-header-files --no-man-pages \
  --output "$work/rootfs/opt/java/openjdk"
echo "local-base: JRE $(jdk_feature "$JDK") from $JDK"

tar -C "$work/rootfs" -c . | docker import \
  --change 'ENV JAVA_HOME=/opt/java/openjdk' \
  --change 'ENV PATH=/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  --change 'ENV LANG=C.UTF-8' \
  --change 'CMD ["/bin/bash"]' \
  - "$TAG" >/dev/null
echo "local-base: built $TAG ($(docker image inspect -f '{{.Size}}' "$TAG" | awk '{printf "%.0f MB", $1/1e6}'))"
