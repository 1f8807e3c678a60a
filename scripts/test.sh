#!/usr/bin/env bash
# The whole test suite: every .NET test project (real Kestrel sockets; the persistence tests on real
# SQLite and on a real PostgreSQL), the TypeScript and React clients (Vitest), and a 50-client smoke
# run of the benchmark generator against Friday.
# PostgreSQL: FRIDAY_TEST_POSTGRES when set, otherwise the private server of scripts/postgres-start.sh
# (FRIDAY_PG_PORT, FRIDAY_STATE_DIR apply), stopped again at the end only if this script started it.
# Prints the totals on the last line as "N passed, N failed, N skipped"; exits non-zero on a failure.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1

work="$(mktemp -d)"
started_postgres=0
stop_postgres() {
  if [ "$started_postgres" -eq 1 ]; then
    started_postgres=0
    scripts/postgres-stop.sh || count 0 1 0
  fi
}
trap 'stop_postgres; rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0

count() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

postgres_running() (
  # shellcheck source=lib/common.sh
  . scripts/lib/common.sh
  # shellcheck source=lib/postgres.sh
  . scripts/lib/postgres.sh
  pg_postmaster_pid >/dev/null
)

echo "== PostgreSQL"
if [ -n "${FRIDAY_TEST_POSTGRES:-}" ]; then
  echo "using FRIDAY_TEST_POSTGRES from the environment"
else
  postgres_running || started_postgres=1
  if connection="$(scripts/postgres-start.sh | tail -n 1)" && [ -n "$connection" ]; then
    export FRIDAY_TEST_POSTGRES="$connection"
  else
    # The PostgreSQL tests then report themselves skipped; the failure keeps that from passing unnoticed.
    echo "PostgreSQL did not start; its tests are skipped" >&2
    count 0 1 0
  fi
fi

echo "== .NET tests"
if dotnet build Friday.sln --nologo -v quiet; then
  dotnet test Friday.sln --no-build --nologo 2>&1 | tee "$work/dotnet.log"
  status=${PIPESTATUS[0]}
  # One summary line per test assembly: "Passed!  - Failed: 0, Passed: 36, Skipped: 0, ..."
  read -r p f s < <(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$work/dotnet.log" |
    awk -F'[:,] *' '{ f += $2; p += $4; s += $6 } END { print p + 0, f + 0, s + 0 }')
  [ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  count "$p" "$f" "$s"
else
  count 0 1 0
fi

# Only the .NET tests use it; stopped before the totals so that they stay the last line.
stop_postgres

for package in clients/typescript clients/react; do
  echo "== $package (Vitest)"
  if (cd "$package" && npm ci --no-audit --no-fund --loglevel=error >/dev/null &&
      npx vitest run --reporter=default --reporter=json --outputFile="$work/vitest.json"); then :; fi
  if [ -f "$work/vitest.json" ]; then
    read -r p f s < <(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(r["numPassedTests"], r["numFailedTests"], r["numPendingTests"]+r.get("numTodoTests",0))' "$work/vitest.json")
    count "$p" "$f" "$s"
    rm -f "$work/vitest.json"
  else
    count 0 1 0
  fi
done

echo "== benchmark smoke (50 clients against Friday)"
if bench/smoke.sh friday; then count 1 0 0; else count 0 1 0; fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
