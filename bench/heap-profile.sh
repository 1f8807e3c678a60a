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
source "$BENCH/heap-growth.sh"
[ -f "$GENERATOR" ] || { echo "no Release build of the generator: run bench/run-benchmarks.sh first" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$OUT"
dotnet build -c Release "$BENCH/Friday.Bench.HeapProfile" >"$OUT/$name.build.log"

dumps=$(mktemp -d)
trap 'stop_server; rm -rf "$dumps"' EXIT
start_server "$target" "$OUT/$name.server.log"
sleep 3
heap_snapshot "$SERVER_PID" "$dumps" before
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
heap_snapshot "$SERVER_PID" "$dumps" after
kill "$generator" 2>/dev/null || true
wait "$generator" 2>/dev/null || true

heap_growth "$target: $clients idle subscribed clients" "$clients" "$dumps" | tee "$OUT/$name.md"
