#!/usr/bin/env bash
# The one test command: ensures PostgreSQL's binaries and the deploy tools, then runs every test project.
# The test run starts its own throwaway PostgreSQL (or uses PARTIES_TEST_CONNECTION when set).
# Ends with a plain "N passed, N failed[, N skipped]" line computed from the run.
set -uo pipefail
cd "$(dirname "$0")/../.."
source deploy/local/postgres.sh
ensure_postgres
# postgres.sh turns on `set -e` for its own steps; from here on a failing test run must still reach the summary line
# (with -e the failed `dotnet test | tee` ended the script before it, so a red run printed no "N passed, N failed").
set +e
# The browser test drives Debian's Chromium (Playwright never downloads a browser here).
if ! command -v chromium >/dev/null; then
  echo "Installing Debian's chromium for the browser test…"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi
if [ -x deploy/tools/install.sh ]; then deploy/tools/install.sh >/dev/null || { echo "deploy tools install failed" >&2; exit 1; }; fi

results="$(mktemp -d)"
dotnet test Parties.slnx --logger "trx" --results-directory "${results}" "$@" 2>&1 | tee "${results}/console.log"
status=${PIPESTATUS[0]}

python3 - "${results}" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
passed = failed = skipped = 0
for path in glob.glob(sys.argv[1] + "/**/*.trx", recursive=True):
    counters = ET.parse(path).getroot().find(".//{*}Counters")
    if counters is None: continue
    passed += int(counters.get("passed", 0))
    failed += int(counters.get("failed", 0)) + int(counters.get("error", 0)) + int(counters.get("timeout", 0)) + int(counters.get("aborted", 0))
    skipped += int(counters.get("notExecuted", 0))
line = f"{passed} passed, {failed} failed"
if skipped: line += f", {skipped} skipped"
print(line)
PY
rm -rf "${results}"
exit "${status}"
