#!/usr/bin/env bash
# Builds the Parties container image from deploy/Dockerfile without a Docker engine or a reachable
# mcr.microsoft.com, then smoke-tests it. For a fresh Debian 12 machine with only its package registries
# (apt, NuGet) and a .NET 10 SDK installed. Needs root (debootstrap, buildah's storage); re-runs itself
# with sudo when started by another user.
#   1. installs buildah, runc, debootstrap, uidmap and fuse-overlayfs (and podman for the smoke test)
#      with apt-get when missing;
#   2. builds local base images standing in for mcr.microsoft.com/dotnet/{aspnet,sdk}:10.0:
#        localhost/mirror/debian:bookworm-slim  debootstrap --variant=minbase + the libraries .NET needs
#        localhost/mirror/dotnet/aspnet:10.0    + dotnet host, Microsoft.NETCore.App, Microsoft.AspNetCore.App
#        localhost/mirror/dotnet/sdk:10.0       + the SDK, this machine's CA bundle and NuGet.Config
#      all copied from this machine's .NET installation (`dotnet --info`). They are rebuilt only when
#      missing, when the installed .NET version changed, or with --rebuild-base;
#   3. buildah bud --layers --network host --build-arg BASE_REGISTRY=localhost/mirror -f deploy/Dockerfile -t $IMAGE .
#   4. runs the image with podman the way the chart runs it (UID 10001, read-only root, tmpfs /tmp, no
#      capabilities) against a throwaway PostgreSQL cluster: /health/ready, an organization, a party; stops both;
#   5. prints size, layers, user and entrypoint (buildah inspect) and how long each step took.
# Options: --rebuild-base, --no-smoke. Environment: IMAGE (default parties:dev), BASE_REGISTRY
# (localhost/mirror), WORK_DIR (/var/tmp/parties-image: debootstrap scratch and log), DEBIAN_MIRROR (the first
# deb.debian.org-style URI of /etc/apt), NUGET_CONFIG (default: the invoking user's NuGet.Config),
# BUILDAH_ISOLATION=chroot when runc cannot run; CONTAINERS_STORAGE_CONF=FILE for another image store, e.g.
# one with driver = "vfs" where overlay mounts are refused (STORAGE_DRIVER is ignored once a store exists).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
image="${IMAGE:-parties:dev}"
base_registry="${BASE_REGISTRY:-localhost/mirror}"
work_dir="${WORK_DIR:-/var/tmp/parties-image}"
rebuild_base=0
smoke=1
for arg in "$@"; do
  case "$arg" in
    --rebuild-base) rebuild_base=1 ;;
    --no-smoke) smoke=0 ;;
    *) echo "usage: $0 [--rebuild-base] [--no-smoke]" >&2; exit 2 ;;
  esac
done

say() { printf '[build-image] %s\n' "$*"; }
die() { say "error: $*" >&2; exit 1; }
timings=()
timed() { # timed LABEL COMMAND…: runs COMMAND, remembers how long it took
  local label="$1" start=$SECONDS
  shift
  "$@"
  timings+=("$(printf '%-34s %4ds' "$label" $((SECONDS - start)))")
}

# ---- root ---------------------------------------------------------------------------------------
# The invoking user's NuGet.Config, found before a sudo re-run changes the user; from the account's home
# rather than HOME, which callers such as check-deploy.sh point at a throwaway folder.
user_home="$(getent passwd "$(id -un)" | cut -d: -f6)"
nuget_config="${NUGET_CONFIG:-${user_home:-$HOME}/.nuget/NuGet/NuGet.Config}"
if [[ "$(id -u)" -ne 0 ]]; then
  command -v sudo >/dev/null || die "run as root (debootstrap and buildah's storage need it)"
  exec sudo --preserve-env=IMAGE,BASE_REGISTRY,WORK_DIR,DEBIAN_MIRROR,CONTAINERS_STORAGE_CONF,BUILDAH_ISOLATION,NUGET_CERT_REVOCATION_MODE \
    NUGET_CONFIG="$nuget_config" PATH="$PATH" "$0" "$@"
fi

# ---- 1. tools -----------------------------------------------------------------------------------
install_tools() {
  local wanted=(buildah runc debootstrap uidmap fuse-overlayfs jq) missing=() pkg
  [[ "$smoke" -eq 1 ]] && wanted+=(podman curl)
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed' || missing+=("$pkg")
  done
  if [[ "${#missing[@]}" -eq 0 ]]; then
    say "tools present: ${wanted[*]}"
    return
  fi
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}
timed "install tools" install_tools

# ---- 2. base images ---------------------------------------------------------------------------
command -v dotnet >/dev/null || die "dotnet is not installed: the base images copy this machine's .NET 10 SDK"
# "Base Path: /usr/share/dotnet/sdk/10.0.401/" → dotnet root /usr/share/dotnet, SDK 10.0.401
sdk_dir="$(dotnet --info | sed -n 's/^ *Base Path: *//p' | head -1)"
sdk_dir="${sdk_dir%/}"
[[ -d "$sdk_dir" ]] || die "cannot find the SDK's base path in 'dotnet --info'"
dotnet_root="$(dirname "$(dirname "$sdk_dir")")"
sdk_version="$(basename "$sdk_dir")"
runtime_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.NETCore.App" && $2 ~ /^10\./ {v = $2} END {print v}')"
aspnet_version="$(dotnet --list-runtimes | awk '$1 == "Microsoft.AspNetCore.App" && $2 ~ /^10\./ {v = $2} END {print v}')"
[[ -n "$runtime_version" && -n "$aspnet_version" ]] || die "no .NET 10 and ASP.NET Core 10 runtimes in $dotnet_root"
say ".NET from $dotnet_root: SDK $sdk_version, runtime $runtime_version, ASP.NET Core $aspnet_version"

debian_image="$base_registry/debian:bookworm-slim"
aspnet_image="$base_registry/dotnet/aspnet:10.0"
sdk_image="$base_registry/dotnet/sdk:10.0"
# A base image is current when it carries the label of the .NET it was made from.
label_key="io.parties.mirror.dotnet"
label_value="sdk-$sdk_version+runtime-$runtime_version+aspnet-$aspnet_version"
image_label() { buildah inspect --type image --format "{{index .OCIv1.Config.Labels \"$label_key\"}}" "$1" 2>/dev/null || true; }

debian_mirror() {
  if [[ -n "${DEBIAN_MIRROR:-}" ]]; then echo "$DEBIAN_MIRROR"; return; fi
  # The URI of this machine's Debian main archive (deb822 or one-line format); deb.debian.org otherwise.
  local uri
  uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ && $2 !~ /security/ {print $2; exit}')"
  [[ -z "$uri" ]] && uri="$(grep -hs '^deb ' /etc/apt/sources.list /etc/apt/sources.list.d/*.list | awk '$2 !~ /security/ && $3 == "bookworm" {print $2; exit}')"
  echo "${uri:-http://deb.debian.org/debian}"
}

build_debian_image() {
  local rootfs="$work_dir/rootfs" mirror ctr
  mirror="$(debian_mirror)"
  rm -rf "$rootfs"
  mkdir -p "$work_dir"
  say "debootstrap --variant=minbase bookworm from $mirror (log: $work_dir/debootstrap.log)"
  # The libraries .NET needs on Linux (ICU for globalization, OpenSSL for TLS), as the mcr images have.
  debootstrap --variant=minbase \
    --include=ca-certificates,libc6,libgcc-s1,libicu72,libssl3,libstdc++6,tzdata,zlib1g \
    bookworm "$rootfs" "$mirror" > "$work_dir/debootstrap.log" 2>&1 \
    || { tail -20 "$work_dir/debootstrap.log" >&2; die "debootstrap failed"; }
  # Slim like debian:bookworm-slim: no documentation, manuals or translations, no apt caches.
  cat > "$rootfs/etc/dpkg/dpkg.cfg.d/docker-slim" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/groff/*
path-exclude /usr/share/info/*
path-exclude /usr/share/lintian/*
path-exclude /usr/share/locale/*
EOF
  find "$rootfs/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete
  find "$rootfs/usr/share/doc" -mindepth 1 -type d -empty -delete
  rm -rf "$rootfs"/usr/share/{man,groff,info,lintian,locale}/* "$rootfs"/var/cache/apt/*.bin \
    "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* "$rootfs"/var/log/* \
    "$rootfs"/tmp/* "$rootfs"/var/tmp/*
  echo "deb http://deb.debian.org/debian bookworm main" > "$rootfs/etc/apt/sources.list"
  # The host's name and resolver are not part of an image: the runtime provides them.
  : > "$rootfs/etc/resolv.conf"
  : > "$rootfs/etc/hostname"
  tar --numeric-owner -C "$rootfs" -cf "$work_dir/rootfs.tar" .
  ctr="$(buildah from scratch)"
  buildah add "$ctr" "$work_dir/rootfs.tar" / >/dev/null
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
    --cmd bash --label "$label_key=$label_value" "$ctr"
  buildah commit --quiet --rm "$ctr" "$debian_image" >/dev/null
  rm -rf "$rootfs" "$work_dir/rootfs.tar"
}

build_aspnet_image() {
  local ctr mnt
  ctr="$(buildah from --pull-never "$debian_image")"
  mnt="$(buildah mount "$ctr")"
  # The layout of the mcr images: /usr/share/dotnet, /usr/bin/dotnet → it, and an "app" user (1654).
  mkdir -p "$mnt/usr/share/dotnet/shared"
  cp -a "$dotnet_root/dotnet" "$dotnet_root/LICENSE.txt" "$dotnet_root/ThirdPartyNotices.txt" "$mnt/usr/share/dotnet/"
  mkdir -p "$mnt/usr/share/dotnet/host" "$mnt/usr/share/dotnet/shared/Microsoft.NETCore.App" "$mnt/usr/share/dotnet/shared/Microsoft.AspNetCore.App"
  cp -a "$dotnet_root/host/fxr" "$mnt/usr/share/dotnet/host/"
  cp -a "$dotnet_root/shared/Microsoft.NETCore.App/$runtime_version" "$mnt/usr/share/dotnet/shared/Microsoft.NETCore.App/"
  cp -a "$dotnet_root/shared/Microsoft.AspNetCore.App/$aspnet_version" "$mnt/usr/share/dotnet/shared/Microsoft.AspNetCore.App/"
  ln -sf /usr/share/dotnet/dotnet "$mnt/usr/bin/dotnet"
  chroot "$mnt" groupadd --gid 1654 app
  chroot "$mnt" useradd --uid 1654 --gid 1654 --no-create-home --shell /bin/false app
  buildah umount "$ctr" >/dev/null
  buildah config --env APP_UID=1654 --env ASPNETCORE_HTTP_PORTS=8080 \
    --env DOTNET_RUNNING_IN_CONTAINER=true --env DOTNET_VERSION="$runtime_version" \
    --env ASPNET_VERSION="$aspnet_version" --label "$label_key=$label_value" "$ctr"
  buildah commit --quiet --rm "$ctr" "$aspnet_image" >/dev/null
}

build_sdk_image() {
  local ctr mnt item
  ctr="$(buildah from --pull-never "$aspnet_image")"
  mnt="$(buildah mount "$ctr")"
  for item in sdk sdk-manifests packs templates; do
    [[ -e "$dotnet_root/$item" ]] && cp -a "$dotnet_root/$item" "$mnt/usr/share/dotnet/"
  done
  # The build stage restores from NuGet through this machine's network: it trusts what this machine
  # trusts (a TLS-inspecting egress proxy's CA, say) and uses this machine's package sources. Only the
  # build stage sees them: the runtime image keeps Debian's CA bundle.
  cp /etc/ssl/certs/ca-certificates.crt "$mnt/etc/ssl/certs/ca-certificates.crt"
  if [[ -f "$nuget_config" ]]; then
    say "NuGet sources for the build stage: $nuget_config"
    mkdir -p "$mnt/root/.nuget/NuGet"
    cp "$nuget_config" "$mnt/root/.nuget/NuGet/NuGet.Config"
  fi
  buildah umount "$ctr" >/dev/null
  local env=(--env DOTNET_GENERATE_ASPNET_CERTIFICATE=false --env DOTNET_NOLOGO=true
    --env DOTNET_SDK_VERSION="$sdk_version" --env DOTNET_USE_POLLING_FILE_WATCHER=true
    --env NUGET_XMLDOC_MODE=skip --env DOTNET_CLI_TELEMETRY_OPTOUT=1)
  # Signature revocation checks reach the certificate authorities' servers: "offline" where they cannot.
  [[ -n "${NUGET_CERT_REVOCATION_MODE:-}" ]] && env+=(--env NUGET_CERT_REVOCATION_MODE="$NUGET_CERT_REVOCATION_MODE")
  buildah config "${env[@]}" --label "$label_key=$label_value" "$ctr"
  buildah commit --quiet --rm "$ctr" "$sdk_image" >/dev/null
}

base_stale=$rebuild_base
for name in "$debian_image" "$aspnet_image" "$sdk_image"; do
  [[ "$(image_label "$name")" == "$label_value" ]] || base_stale=1
done
if [[ "$base_stale" -eq 1 ]]; then
  timed "base: debian:bookworm-slim" build_debian_image
  timed "base: dotnet/aspnet:10.0" build_aspnet_image
  timed "base: dotnet/sdk:10.0" build_sdk_image
else
  say "base images are current ($label_value); --rebuild-base rebuilds them"
fi

# ---- 3. the image -------------------------------------------------------------------------------
build_image() {
  local revision version
  revision="$(git -C "$repo_root" rev-parse HEAD 2>/dev/null || echo unknown)"
  version="${image##*:}"
  say "buildah bud --build-arg BASE_REGISTRY=$base_registry -f deploy/Dockerfile -t $image ."
  # --layers: the restore layer is reused until a project file changes, as with docker.
  # --network host: the build reaches NuGet like this machine does, no container network needed.
  (cd "$repo_root" && buildah bud --layers --pull-never --network host \
    ${BUILDAH_ISOLATION:+--isolation "$BUILDAH_ISOLATION"} \
    --build-arg BASE_REGISTRY="$base_registry" --build-arg VERSION="$version" --build-arg REVISION="$revision" \
    -f deploy/Dockerfile -t "$image" .)
}
timed "buildah bud" build_image

# ---- 4. smoke test ----------------------------------------------------------------------------
name="parties-smoke-$$" pg_bin="" pg_dir=""
cleanup_smoke() { # on exit, also after a failure: the container and the cluster go
  podman rm -f "$name" >/dev/null 2>&1 || true
  if [[ -n "$pg_dir" ]]; then
    as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pg_dir"
  fi
}
smoke_test() {
  # shellcheck source=../local/postgres.sh
  source "$repo_root/deploy/local/postgres.sh"
  ensure_postgres
  local pg_port app_port admin_key url ok=0 body org_key party_id
  pg_bin="$(pg_bin_dir)"
  pg_dir="$(mktemp -d /tmp/parties-smoke-pg.XXXXXX)"
  trap cleanup_smoke EXIT
  chown postgres:postgres "$pg_dir" 2>/dev/null || true
  pg_port=$((20000 + RANDOM % 20000))
  app_port=$((40000 + RANDOM % 20000))
  admin_key="smoke-$(head -c 18 /dev/urandom | od -An -tx1 | tr -d ' \n')"
  url="http://127.0.0.1:$app_port"
  as_pg_user "$pg_bin/initdb" -D "$pg_dir/data" -U postgres --auth=trust --encoding=UTF8 >/dev/null
  as_pg_user "$pg_bin/pg_ctl" -D "$pg_dir/data" -l "$pg_dir/log" -w \
    -o "-p $pg_port -k $pg_dir -c listen_addresses=127.0.0.1" start >/dev/null
  say "PostgreSQL on 127.0.0.1:$pg_port; podman run $image on $url (UID 10001, read-only root, tmpfs /tmp)"
  # As the chart runs it: runAsUser 10001, readOnlyRootFilesystem, an emptyDir at /tmp, no capabilities.
  # Explicit ulimits: podman's defaults raise nofile and nproc above this shell's limits, which needs
  # CAP_SYS_RESOURCE (runc fails with "error setting rlimit type 7: operation not permitted" without it).
  podman run -d --name "$name" --network host --read-only --read-only-tmpfs=false --tmpfs /tmp \
    --user 10001:10001 --cap-drop ALL --security-opt no-new-privileges \
    --ulimit nofile="$(ulimit -Hn):$(ulimit -Hn)" --ulimit nproc=4096:4096 \
    -e ConnectionStrings__Parties="Host=127.0.0.1;Port=$pg_port;Username=postgres;Database=postgres" \
    -e Parties__AdminKey="$admin_key" -e ASPNETCORE_URLS="http://127.0.0.1:$app_port" \
    "$image" >/dev/null
  for _ in $(seq 1 60); do
    if curl -fs "$url/health/ready" >/dev/null 2>&1; then ok=1; break; fi
    [[ "$(podman inspect -f '{{.State.Running}}' "$name" 2>/dev/null)" == "true" ]] || break
    sleep 1
  done
  if [[ "$ok" -ne 1 ]]; then
    podman logs "$name" 2>&1 | tail -40 >&2
    die "the container did not become ready"
  fi
  say "GET /health/ready: $(curl -s "$url/health/ready")"
  body="$(curl -fsS -X POST "$url/admin/organizations" -H "Authorization: Api-Key $admin_key" \
    -H 'Content-Type: application/json' \
    -d '{"name":"Smoke","admin":{"id":"alice","name":"Alice","email":"alice@smoke.test"}}')" \
    || die "POST /admin/organizations failed"
  org_key="$(jq -r .apiKey <<<"$body")"
  say "POST /admin/organizations: 201, accountId $(jq -r .accountId <<<"$body")"
  body="$(curl -fsS -X POST "$url/api/parties/" -H "Authorization: Api-Key $org_key" \
    -H 'Content-Type: application/json' \
    -d '{"number":"1001","party_type":"individual","first_name":"Sara","last_name":"Ahmadi","role":"vendor"}')" \
    || die "POST /api/parties/ failed"
  party_id="$(jq -r .id <<<"$body")"
  curl -fsS "$url/api/parties/$party_id/" -H "Authorization: Api-Key $org_key" >/dev/null \
    || die "GET /api/parties/$party_id/ failed"
  say "POST /api/parties/: 201, id $party_id; GET it back: 200"
  podman stop -t 10 "$name" >/dev/null
  say "stopped: exit code $(podman inspect -f '{{.State.ExitCode}}' "$name")"
}
if [[ "$smoke" -eq 1 ]]; then
  timed "smoke test (podman, PostgreSQL)" smoke_test
fi

# ---- 5. report --------------------------------------------------------------------------------
report() {
  local config size base_size
  config="$(buildah inspect --type image "$image" | jq -c '.OCIv1 | {user: .config.User, entrypoint: .config.Entrypoint, layers: (.rootfs.diff_ids | length)}')"
  size="$(buildah images --format '{{.Size}}' "$image" | head -1)"
  base_size="$(buildah images --format '{{.Size}}' "$aspnet_image" | head -1)"
  printf '\n==> %s\n' "$image"
  printf '  size        %s uncompressed (of which the base %s: %s)\n' "$size" "$aspnet_image" "$base_size"
  printf '  layers      %s\n' "$(jq -r .layers <<<"$config")"
  printf '  user        %s\n' "$(jq -r .user <<<"$config")"
  printf '  entrypoint  %s\n' "$(jq -c .entrypoint <<<"$config")"
  printf '\n==> time\n'
  printf '  %s\n' "${timings[@]}"
}
report
