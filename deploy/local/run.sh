#!/usr/bin/env bash
# Runs Parties locally: a PostgreSQL cluster under .local/ (kept between runs), the API on
# http://127.0.0.1:5080, and (once) a demo organization. Ctrl-C stops both. --reset starts afresh.
set -euo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/postgres.sh
ROOT="$(pwd)"
LOCAL="${ROOT}/.local"
PGDATA="${LOCAL}/pg/data"
PGPORT="${PARTIES_PG_PORT:-55432}"
URL="http://127.0.0.1:5080"

if [ "${1:-}" = "--reset" ]; then
  if [ -d "${PGDATA}" ]; then as_pg_user "$(pg_bin_dir)/pg_ctl" -D "${PGDATA}" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "${LOCAL}"
fi

ensure_postgres
command -v python3 >/dev/null || { apt-get update -qq && apt-get install -y -qq python3 >/dev/null; }
command -v curl >/dev/null || { apt-get update -qq && apt-get install -y -qq curl >/dev/null; }
BIN="$(pg_bin_dir)"
mkdir -p "${LOCAL}/pg"
[ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "${LOCAL}/pg"

if [ ! -f "${PGDATA}/PG_VERSION" ]; then
  echo "Creating a PostgreSQL cluster in ${PGDATA}…"
  as_pg_user "${BIN}/initdb" -D "${PGDATA}" -U postgres --auth=trust --encoding=UTF8 >/dev/null
fi
if ! as_pg_user "${BIN}/pg_ctl" -D "${PGDATA}" status >/dev/null 2>&1; then
  as_pg_user "${BIN}/pg_ctl" -D "${PGDATA}" -l "${LOCAL}/pg/log" -w \
    -o "-p ${PGPORT} -k ${LOCAL}/pg -c listen_addresses=127.0.0.1" start >/dev/null
fi

[ -f "${LOCAL}/admin-key" ] || python3 -c 'import secrets; print(secrets.token_hex(24))' > "${LOCAL}/admin-key"
export ConnectionStrings__Parties="Host=127.0.0.1;Port=${PGPORT};Username=postgres;Database=postgres"
export Parties__AdminKey="$(cat "${LOCAL}/admin-key")"
export ASPNETCORE_ENVIRONMENT="${ASPNETCORE_ENVIRONMENT:-Development}"

stop() {
  echo; echo "Stopping…"
  [ -n "${API_PID:-}" ] && kill "${API_PID}" 2>/dev/null && wait "${API_PID}" 2>/dev/null
  as_pg_user "${BIN}/pg_ctl" -D "${PGDATA}" -m fast stop >/dev/null 2>&1 || true
  exit 0
}
trap stop INT TERM

dotnet build src/Parties.Api -c Release -v quiet -nologo >/dev/null
dotnet run --project src/Parties.Api -c Release --no-build --urls "${URL}" > "${LOCAL}/api.log" 2>&1 &
API_PID=$!
for _ in $(seq 1 120); do
  curl -fs "${URL}/health/ready" >/dev/null 2>&1 && break
  kill -0 "${API_PID}" 2>/dev/null || { echo "The API did not start; see ${LOCAL}/api.log" >&2; tail -30 "${LOCAL}/api.log" >&2; exit 1; }
  sleep 1
done

if [ ! -s "${LOCAL}/demo.env" ]; then
  PARTIES_URL="${URL}" PARTIES_ADMIN_KEY="${Parties__AdminKey}" python3 deploy/local/seed_demo.py > "${LOCAL}/demo.env.tmp"
  mv "${LOCAL}/demo.env.tmp" "${LOCAL}/demo.env"
fi
# shellcheck disable=SC1091
source "${LOCAL}/demo.env"
cat <<MSG

Parties is running.
  API:        ${URL}
  Scalar:     ${URL}/scalar
  OpenAPI:    ${URL}/openapi/v1.json
  Demo key:   ${PARTIES_API_KEY}   (alice, admin of "Demo Trading")
  Account id: ${PARTIES_ACCOUNT_ID}
  Try:        curl -H "Authorization: Api-Key ${PARTIES_API_KEY}" ${URL}/api/parties/
  Settings:   .local/demo.env (PARTIES_URL, PARTIES_API_KEY, PARTIES_ACCOUNT_ID, PARTIES_ADMIN_KEY)
  Logs:       .local/api.log
Ctrl-C stops it; the data stays for the next run (--reset starts afresh).
MSG
wait "${API_PID}"
