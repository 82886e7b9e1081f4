#!/usr/bin/env bash
# Checks the container image definition and the Helm chart without a cluster or a Docker engine:
#   1. deploy/tools/install.sh (pinned npm tools and helm)
#   2. dockerfilelint deploy/Dockerfile: no issue allowed
#   3. helm lint --strict on the chart, with the default values and with each ci/*-values.yaml
#   4. the values schema rejects a value of the wrong type
#   5. helm template --kube-version 1.30.0 with the default values and with each ci/*-values.yaml
#   6. every rendered manifest validated against the Kubernetes schemas (validate-manifests.mjs)
#   7. optional: OPENAPI_FILE=path/to/openapi.json lints an OpenAPI document with Spectral
#      (deploy/.spectral.yaml, spectral:oas); errors fail, warnings are printed
#   8. the image, built from deploy/Dockerfile and smoke-tested by deploy/tools/build-image.sh (buildah and
#      podman from Debian, base images built locally; ~20 s when its caches are warm, 2-5 min cold).
#      PARTIES_BUILD_IMAGE=1: always (fails when it cannot be built); 0: never; unset: wherever it can
#      work (Debian with apt-get, root or password-less sudo, Linux namespaces allowed), skipped elsewhere.
# Prints a summary and exits non-zero when any step fails. Run from anywhere.
set -uo pipefail

deploy_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
repo_root="$(cd "$deploy_dir/.." && pwd)"
chart_dir="$deploy_dir/helm/parties"
kube_version="${KUBE_VERSION:-1.30.0}"
helm="$deploy_dir/bin/helm"
bin_dir="$deploy_dir/node_modules/.bin"

work_dir="$(mktemp -d)"
trap 'rm -rf "$work_dir"' EXIT
# helm keeps config and cache under HOME: a writable throwaway one.
export HOME="$work_dir/home"
mkdir -p "$HOME"

results=()
failed=0
step() { printf '\n==> %s\n' "$1"; }
record() { # record NAME EXIT_CODE
  if [[ "$2" -eq 0 ]]; then
    results+=("PASS  $1")
  else
    results+=("FAIL  $1")
    failed=$((failed + 1))
  fi
}
summary() {
  printf '\n==> Summary\n'
  printf '  %s\n' "${results[@]}"
  local passed=0 r
  for r in "${results[@]}"; do [[ "$r" == PASS* ]] && passed=$((passed + 1)); done
  if [[ "$failed" -eq 0 ]]; then
    printf 'check-deploy: all %d checks passed\n' "$passed"
  else
    printf 'check-deploy: %d check(s) FAILED, %d passed\n' "$failed" "$passed"
  fi
}

step "install tools"
"$deploy_dir/tools/install.sh"
rc=$?
record "install tools (npm ci, helm)" "$rc"
if [[ "$rc" -ne 0 ]]; then
  summary
  exit 1
fi

step "dockerfilelint deploy/Dockerfile"
# dockerfilelint's exit code is its issue count.
(cd "$repo_root" && "$bin_dir/dockerfilelint" deploy/Dockerfile)
record "dockerfilelint deploy/Dockerfile (0 issues)" $?

# Values sets: the defaults, then every CI values file of the chart.
value_sets=("default")
for f in "$chart_dir"/ci/*-values.yaml; do
  [[ -e "$f" ]] && value_sets+=("$f")
done
values_args() { [[ "$1" == "default" ]] || printf '%s\n' "-f" "$1"; }
label() { [[ "$1" == "default" ]] && echo "default values" || echo "${1#"$deploy_dir"/}"; }

for set in "${value_sets[@]}"; do
  mapfile -t args < <(values_args "$set")
  step "helm lint --strict ($(label "$set"))"
  "$helm" lint --strict --kube-version "$kube_version" "${args[@]}" "$chart_dir"
  record "helm lint --strict, $(label "$set")" $?
done

step "values.schema.json rejects a value of the wrong type"
if out="$("$helm" template parties "$chart_dir" --kube-version "$kube_version" --set replicaCount=three 2>&1)"; then
  echo "helm template accepted replicaCount=three: values.schema.json does not enforce types"
  record "values schema rejects wrong types" 1
else
  echo "$out" | grep -E 'replicaCount' || true
  if echo "$out" | grep -q 'replicaCount'; then
    record "values schema rejects wrong types" 0
  else
    echo "$out"
    record "values schema rejects wrong types" 1
  fi
fi

rendered=()
n=0
for set in "${value_sets[@]}"; do
  mapfile -t args < <(values_args "$set")
  n=$((n + 1))
  out_file="$work_dir/rendered-$n-$(basename "$set" .yaml).yaml"
  step "helm template --kube-version $kube_version ($(label "$set"))"
  "$helm" template parties "$chart_dir" --namespace parties --kube-version "$kube_version" "${args[@]}" > "$out_file"
  rc=$?
  record "helm template, $(label "$set")" "$rc"
  if [[ "$rc" -eq 0 ]]; then
    echo "$(grep -c '^kind:' "$out_file") manifests rendered"
    rendered+=("$out_file")
  fi
done

step "validate rendered manifests against the Kubernetes $kube_version schemas"
if [[ "${#rendered[@]}" -gt 0 ]]; then
  node "$deploy_dir/tools/validate-manifests.mjs" --kube-version "$kube_version" "${rendered[@]}"
  record "Kubernetes schema validation of ${#rendered[@]} rendering(s)" $?
else
  echo "nothing was rendered"
  record "Kubernetes schema validation" 1
fi

if [[ -n "${OPENAPI_FILE:-}" ]]; then
  step "spectral lint $OPENAPI_FILE"
  if [[ -f "$OPENAPI_FILE" ]]; then
    "$bin_dir/spectral" lint --ruleset "$deploy_dir/.spectral.yaml" --fail-severity error "$OPENAPI_FILE"
    record "spectral lint (spectral:oas) $OPENAPI_FILE" $?
  else
    echo "OPENAPI_FILE=$OPENAPI_FILE does not exist"
    record "spectral lint $OPENAPI_FILE" 1
  fi
else
  results+=("SKIP  spectral lint (set OPENAPI_FILE=path/to/openapi.json to lint an OpenAPI document)")
fi

# Why this machine cannot build the image, or nothing when it can.
image_build_blocker() {
  local sudo_cmd=()
  command -v apt-get >/dev/null 2>&1 || { echo "no apt-get (build-image.sh installs buildah and podman from Debian)"; return; }
  command -v dotnet >/dev/null 2>&1 || { echo "no dotnet (the base images copy this machine's .NET)"; return; }
  if [[ "$(id -u)" -ne 0 ]]; then
    sudo -n true 2>/dev/null || { echo "not root and no password-less sudo"; return; }
    sudo_cmd=(sudo -n)
  fi
  # runc needs these namespaces; an unprivileged container (a CI job inside Docker, say) refuses them.
  "${sudo_cmd[@]}" unshare --mount --pid --net --ipc --uts --fork true 2>/dev/null \
    || echo "Linux namespaces are not allowed here (unshare failed)"
}

case "${PARTIES_BUILD_IMAGE:-auto}" in
  0) results+=("SKIP  image build (PARTIES_BUILD_IMAGE=0)") ;;
  1 | auto)
    blocker="$(image_build_blocker)"
    if [[ -n "$blocker" && "${PARTIES_BUILD_IMAGE:-auto}" == auto ]]; then
      results+=("SKIP  image build: $blocker (PARTIES_BUILD_IMAGE=1 forces it)")
    else
      step "deploy/tools/build-image.sh (buildah bud deploy/Dockerfile, smoke test with podman)"
      "$deploy_dir/tools/build-image.sh"
      record "image built from deploy/Dockerfile and smoke-tested (build-image.sh)" $?
    fi
    ;;
  *)
    echo "PARTIES_BUILD_IMAGE must be 0 or 1, not ${PARTIES_BUILD_IMAGE}"
    record "PARTIES_BUILD_IMAGE" 1
    ;;
esac

summary
[[ "$failed" -eq 0 ]]
