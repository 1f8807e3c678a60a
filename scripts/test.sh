#!/usr/bin/env bash
# The whole test suite: every .NET test project (real SQLite, real Kestrel sockets), the TypeScript
# and React clients (Vitest), and a 50-client smoke run of the benchmark generator against Friday.
# Prints the totals on the last line as "N passed, N failed, N skipped"; exits non-zero on a failure.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
passed=0 failed=0 skipped=0

count() { passed=$((passed + $1)); failed=$((failed + $2)); skipped=$((skipped + $3)); }

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
