#!/usr/bin/env bash
# The whole test suite: every .NET test project (real Kestrel sockets; the persistence tests on real
# SQLite and on a real PostgreSQL; email against a real SMTP server, Debian's python3-aiosmtpd), the
# TypeScript and React clients (Vitest), the TypeScript and Python clients against a real Friday
# process, a React page in headless Chromium, and a 50-client smoke run of the benchmark generator.
# PostgreSQL: FRIDAY_TEST_POSTGRES when set, otherwise the private server of scripts/postgres-start.sh
# (FRIDAY_PG_PORT, FRIDAY_STATE_DIR apply), stopped again at the end only if this script started it.
# RabbitMQ, for the scale-out tests, likewise: FRIDAY_TEST_RABBITMQ when set, otherwise the private
# node of scripts/rabbitmq-start.sh (FRIDAY_RABBIT_PORT applies), stopped again only if started here.
# Prints the totals on the last line as "N passed, N failed, N skipped"; exits non-zero on a failure.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo" || exit 1

work="$(mktemp -d)"
started_postgres=0 started_rabbitmq=0
stop_postgres() {
  if [ "$started_postgres" -eq 1 ]; then
    started_postgres=0
    scripts/postgres-stop.sh || count 0 1 0
  fi
}
stop_rabbitmq() {
  if [ "$started_rabbitmq" -eq 1 ]; then
    started_rabbitmq=0
    scripts/rabbitmq-stop.sh >/dev/null || count 0 1 0
  fi
}
trap 'stop_postgres; stop_rabbitmq; rm -rf "$work"' EXIT
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

rabbitmq_running() (
  # shellcheck source=lib/common.sh
  . scripts/lib/common.sh
  # shellcheck source=lib/rabbitmq.sh
  . scripts/lib/rabbitmq.sh
  rmq_beam_pid >/dev/null
)

echo "== RabbitMQ"
if [ -n "${FRIDAY_TEST_RABBITMQ:-}" ]; then
  echo "using FRIDAY_TEST_RABBITMQ from the environment"
else
  rabbitmq_running || started_rabbitmq=1
  if uri="$(scripts/rabbitmq-start.sh | tail -n 1)" && [ -n "$uri" ]; then
    export FRIDAY_TEST_RABBITMQ="$uri"
  else
    # The scale-out tests then report themselves skipped; the failure keeps that from passing unnoticed.
    echo "RabbitMQ did not start; the scale-out tests are skipped" >&2
    count 0 1 0
  fi
fi

# Debian's packages for the email tests' SMTP server, the Python client and the browser test; CI
# machines start fresh. Before the .NET tests: they start the SMTP server.
missing=()
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || missing+=(python3-aiosmtpd)
/usr/bin/python3 -c 'import websockets' 2>/dev/null || missing+=(python3-websockets)
[ -x /usr/bin/chromium ] || missing+=(chromium)
if [ "${#missing[@]}" -gt 0 ]; then
  echo "== installing ${missing[*]}"
  sudo=""; [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null && $sudo apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

echo "== .NET tests"
if dotnet build Friday.sln --nologo -v quiet; then
  dotnet test Friday.sln --no-build --nologo --results-directory "$work/trx" --logger trx 2>&1 | tee "$work/dotnet.log"
  status=${PIPESTATUS[0]}
  # One summary line per test assembly, "Skipped!" instead of "Passed!" when all of it was skipped:
  # "Passed!  - Failed: 0, Passed: 36, Skipped: 0, ...".
  read -r p f s < <(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$work/dotnet.log" |
    awk -F'[:,] *' '{ f += $2; p += $4; s += $6 } END { print p + 0, f + 0, s + 0 }')
  # The console lists skipped tests without their reason; the TRX reports have it.
  python3 - "$work/trx" <<'PY'
import collections, glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
reasons = collections.Counter()
for report in glob.glob(sys.argv[1] + "/*.trx"):
    for result in ET.parse(report).getroot().iterfind(".//t:UnitTestResult[@outcome='NotExecuted']", ns):
        reasons[result.findtext("t:Output/t:ErrorInfo/t:Message", default="", namespaces=ns).strip() or "no reason given"] += 1
for reason, n in sorted(reasons.items()):
    print(f"skipped {n}: {reason}")
PY
  [ "$status" -ne 0 ] && [ "$f" -eq 0 ] && f=1
  count "$p" "$f" "$s"
else
  count 0 1 0
fi

# Only the .NET tests use them; stopped before the totals so that they stay the last line.
stop_postgres
stop_rabbitmq

# One Release build of the server for every suite that starts it.
if dotnet build src/Friday.WebApi -c Release --nologo -v quiet >/dev/null; then
  export FRIDAY_SERVER_DLL="$repo/src/Friday.WebApi/bin/Release/net10.0/Friday.WebApi.dll"
fi

# vitest_suite TITLE DIR COMMAND...: runs the Vitest command with a JSON report and counts it.
vitest_suite() {
  local title=$1 dir=$2; shift 2
  echo "== $title"
  (cd "$dir" && "$@" --reporter=default --reporter=json --outputFile="$work/vitest.json") || :
  if [ -f "$work/vitest.json" ]; then
    # numFailedTestSuites counts a failing test's file and every describe around it, so one failed
    # test read as three; a file counts only when it failed with no failed test (it did not load).
    read -r p f s < <(python3 -c '
import json, sys
r = json.load(open(sys.argv[1]))
unloaded = sum(1 for t in r["testResults"] if t["status"] == "failed" and not any(a["status"] == "failed" for a in t["assertionResults"]))
print(r["numPassedTests"], r["numFailedTests"] + unloaded, r["numPendingTests"] + r.get("numTodoTests", 0))' "$work/vitest.json")
    count "$p" "$f" "$s"
    rm -f "$work/vitest.json"
  else
    count 0 1 0
  fi
}

npm_ci() { (cd "$1" && npm ci --no-audit --no-fund --loglevel=error >/dev/null); }

npm_ci clients/typescript && npm_ci clients/react && npm_ci clients/browser-test || count 0 1 0
# Vitest strips types without checking them: the tests' own types are checked here.
for client in typescript react browser-test; do
  echo "== clients/$client type check (src and tests)"
  if (cd "clients/$client" && npm run --silent typecheck); then count 1 0 0; else count 0 1 0; fi
done
vitest_suite "clients/typescript (Vitest)" clients/typescript npx vitest run
vitest_suite "clients/react (Vitest)" clients/react npm test --
vitest_suite "clients/typescript against a real Friday" clients/typescript npx vitest run --config vitest.integration.config.ts
vitest_suite "React page in headless Chromium" clients/browser-test sh -c 'npx vite build --logLevel warn && npx vitest run "$@"' --

# unittest_suite TITLE DIR START: runs Python's unittest discovery in DIR from START and counts it.
unittest_suite() {
  echo "== $1"
  (cd "$2" && /usr/bin/python3 -m unittest discover -s "$3" -t . 2>&1) | grep -v '^Executing <' | tee "$work/python.log"
  # unittest ends with "Ran N tests" and "OK (skipped=S)" or "FAILED (failures=F, errors=E, skipped=S)".
  read -r p f s < <(python3 -c '
import re, sys
text = open(sys.argv[1]).read()
ran = re.search(r"^Ran (\d+) tests?", text, re.M)
if not ran:
    print(0, 1, 0)
else:
    n = lambda key: sum(int(v) for v in re.findall(key + r"=(\d+)", text.splitlines()[-1] if text.strip() else ""))
    failed, skipped = n("failures") + n("errors"), n("skipped")
    print(int(ran.group(1)) - failed - skipped, failed, skipped)' "$work/python.log")
  count "$p" "$f" "$s"
}

unittest_suite "clients/python (unittest, unit and against a real Friday)" clients/python tests
unittest_suite "bench/report.py (unittest)" bench/tests .

echo "== benchmark smoke (50 clients against Friday)"
if bench/smoke.sh friday; then count 1 0 0; else count 0 1 0; fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
