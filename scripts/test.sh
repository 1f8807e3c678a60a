#!/usr/bin/env bash
# The whole test suite: every .NET test project (real SQLite, real Kestrel sockets). Prints the totals
# on the last line as "N passed, N failed, N skipped" and exits non-zero when anything failed.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"

log="$(mktemp)"
trap 'rm -f "$log"' EXIT

dotnet build Friday.sln --nologo -v quiet || { echo "0 passed, 1 failed, 0 skipped"; exit 1; }
dotnet test Friday.sln --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}

# One summary line per test assembly: "Passed!  - Failed: 0, Passed: 36, Skipped: 0, Total: 36, ..."
read -r passed failed skipped < <(grep -oE 'Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" |
  awk -F'[:,] *' '{ f += $2; p += $4; s += $6 } END { print p + 0, f + 0, s + 0 }')

if [ "$status" -ne 0 ] && [ "$failed" -eq 0 ]; then
  failed=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
