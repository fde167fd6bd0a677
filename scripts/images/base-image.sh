#!/usr/bin/env bash
# Builds the local base image of the SocketX images, offline-capable after the first run:
# a minimal Debian bookworm root filesystem with Debian's OpenJDK 17 headless JRE (mmdebstrap,
# variant "essential": no apt, no shell beyond busybox-free dash/coreutils), packed as a
# `docker save` style tarball that Jib reads as `tar://…`. Prints the tarball's path.
# Cached in ~/.cache/socketx-images (like scripts/k8s/install-tools.sh caches ~/.cache/k8s-tools):
# delete the cache to pick up Debian security updates.
set -euo pipefail
CACHE=${SOCKETX_IMAGE_CACHE:-$HOME/.cache/socketx-images}
OUT="$CACHE/debian-bookworm-jre17.tar"
if [ -s "$OUT" ]; then echo "$OUT"; exit 0; fi
if ! command -v mmdebstrap >/dev/null; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends mmdebstrap >&2
fi
mkdir -p "$CACHE"
W=$(mktemp -d "$CACHE/build.XXXXXX"); trap 'rm -rf "$W"' EXIT
# A fixed epoch: the same package set gives a byte-identical root filesystem tarball.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-1700000000}
# The machine's own Debian sources (no mirror named here); a file argument is copied into the chroot.
mmdebstrap --quiet --variant=essential --format=tar \
  --include=openjdk-17-jre-headless,ca-certificates \
  --dpkgopt='path-exclude=/usr/share/doc/*' --dpkgopt='path-include=/usr/share/doc/*/copyright' \
  --dpkgopt='path-exclude=/usr/share/man/*' --dpkgopt='path-exclude=/usr/share/locale/*' \
  --dpkgopt='path-exclude=/usr/share/info/*' \
  --setup-hook='mkdir -p "$1/usr/share/man/man1"' \
  --customize-hook='test -s "$1/etc/ssl/certs/java/cacerts"' \
  --customize-hook='echo "socketx:x:10001:10001:SocketX:/nonexistent:/usr/sbin/nologin" >> "$1/etc/passwd"' \
  --customize-hook='echo "socketx:x:10001:" >> "$1/etc/group"' \
  --customize-hook='rm -rf "$1"/var/cache/* "$1"/var/lib/apt/lists/* "$1"/var/log/* "$1"/etc/machine-id' \
  bookworm "$W/layer.tar" /etc/apt/sources.list.d/debian.sources >&2
diff_id=$(sha256sum "$W/layer.tar" | cut -d' ' -f1)
gzip -n -6 "$W/layer.tar"
java_home=/usr/lib/jvm/java-17-openjdk-amd64
jq -n --arg diff "sha256:$diff_id" --arg jh "$java_home" '{
  architecture: "amd64", os: "linux", created: "1970-01-01T00:00:00Z",
  config: {Env: ["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
                 ("JAVA_HOME=" + $jh), "LANG=C.UTF-8"]},
  rootfs: {type: "layers", diff_ids: [$diff]},
  history: [{created: "1970-01-01T00:00:00Z",
             created_by: "mmdebstrap --variant=essential --include=openjdk-17-jre-headless,ca-certificates bookworm"}]
}' > "$W/config.json"
jq -n '[{Config: "config.json", RepoTags: ["socketx-base/debian-bookworm-jre17:local"], Layers: ["layer.tar.gz"]}]' \
  > "$W/manifest.json"
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$W" -cf "$W/image.tar" manifest.json config.json layer.tar.gz
mv "$W/image.tar" "$OUT"
echo "$OUT"
