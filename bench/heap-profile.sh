#!/usr/bin/env bash
# What an idle subscribed connection keeps on the server's managed heap: a full collection and a heap
# dump of a freshly started server before and after CLIENTS clients connect (idle scenario), and the
# difference per connection by layer and by type (Friday.Bench.HeapProfile, ClrMD).
# usage: bench/heap-profile.sh friday|signalr CLIENTS   (writes $OUT/heap-TARGET-CLIENTS.md)
# Needs a Release build of the generator and the servers (run-benchmarks.sh makes them).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
target=${1:?friday or signalr}
clients=${2:?number of clients}
PORT=${PORT:-5311}
URL="http://127.0.0.1:$PORT"
OUT=${OUT:-$BENCH/results/profiles}
name="heap-$target-$clients"

source "$BENCH/servers.sh"
[ -f "$GENERATOR" ] || { echo "no Release build of the generator: run bench/run-benchmarks.sh first" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$OUT"
dotnet build -c Release "$BENCH/Friday.Bench.HeapProfile" >"$OUT/$name.build.log"
heap() { dotnet "$BENCH/Friday.Bench.HeapProfile/bin/Release/net10.0/Friday.Bench.HeapProfile.dll" "$@"; }
rss() { awk '/^VmRSS/ { print $2 }' "/proc/$1/status"; }

dumps=$(mktemp -d)
trap 'stop_server; rm -rf "$dumps"' EXIT
start_server "$target" "$OUT/$name.server.log"
sleep 3
heap snapshot "$SERVER_PID" "$dumps/before.dmp"
rss_before=$(rss "$SERVER_PID")
sockets=$(ls "/proc/$SERVER_PID/fd" | wc -l)

# The clients stay connected long enough for the second snapshot, taken once all are in; the
# generator is stopped after it, so it writes no result of its own.
dotnet "$GENERATOR" --url "$URL" --target "$target" --server-pid "$SERVER_PID" \
  --scenario idle --clients "$clients" --seconds 60 >"$OUT/$name.generator.log" 2>&1 &
generator=$!
for _ in $(seq 600); do
  [ "$(ls "/proc/$SERVER_PID/fd" | wc -l)" -ge $((sockets + clients)) ] && break
  sleep 0.2
done
sleep 5
heap snapshot "$SERVER_PID" "$dumps/after.dmp"
rss_after=$(rss "$SERVER_PID")
kill "$generator" 2>/dev/null || true
wait "$generator" 2>/dev/null || true

{
  echo "$target: $clients idle subscribed clients, server RSS growth after a full collection: $(( (rss_after - rss_before) * 1024 / clients )) B per connection"
  echo
  heap compare "$dumps/before.dmp" "$dumps/after.dmp" "$clients"
} | tee "$OUT/$name.md"
