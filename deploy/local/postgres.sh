#!/usr/bin/env bash
# Helpers shared by run.sh and test.sh: make sure PostgreSQL's server binaries exist, and find them.
set -euo pipefail

pg_bin_dir() {
  for dir in $(echo "${PATH}" | tr ':' ' ') /usr/lib/postgresql/*/bin; do
    if [ -x "${dir}/initdb" ] && [ -x "${dir}/pg_ctl" ]; then echo "${dir}"; return 0; fi
  done
  return 1
}

ensure_postgres() {
  if pg_bin_dir >/dev/null; then return 0; fi
  echo "PostgreSQL server binaries not found: installing them (apt-get install -y postgresql)…"
  if [ "$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi
  ${SUDO} apt-get update -qq
  DEBIAN_FRONTEND=noninteractive ${SUDO} apt-get install -y -qq postgresql >/dev/null
  pg_bin_dir >/dev/null || { echo "PostgreSQL installation failed" >&2; exit 1; }
}

# Runs a PostgreSQL binary as the postgres user when we are root (initdb refuses to run as root).
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
