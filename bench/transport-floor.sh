#!/usr/bin/env bash
# What an idle WebSocket costs the server below any application: the same CLIENTS idle sockets held by
# ASP.NET Core's WebSocket middleware alone, and by a Kestrel connection handler that does the upgrade
# itself (Friday.Bench.TransportFloor). For each: RSS growth, and the managed heap growth after a full
# collection by layer and type (Friday.Bench.HeapProfile). The floor under Friday's memory target.
# usage: bench/transport-floor.sh CLIENTS   (writes $OUT/floor-aspnetcore-CLIENTS.md, floor-connection-CLIENTS.md)
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
clients=${1:?number of clients}
PORT=${PORT:-5312}
OUT=${OUT:-$BENCH/results/profiles}

ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$OUT"
for project in Friday.Bench.TransportFloor Friday.Bench.HeapProfile; do
  dotnet build -c Release "$BENCH/$project" -v q -nologo >/dev/null
done
FLOOR="$BENCH/Friday.Bench.TransportFloor/bin/Release/net10.0/Friday.Bench.TransportFloor.dll"
source "$BENCH/heap-growth.sh"

work=$(mktemp -d)
server='' holder=''
stop() {
  for pid in $holder $server; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  server='' holder=''
}
trap 'stop; rm -rf "$work"' EXIT

# wait_for_line FILE TEXT: up to 120 s.
wait_for_line() {
  for _ in $(seq 600); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.2; done
  echo "transport-floor.sh: timed out waiting for '$2' in $1" >&2; cat "$1" >&2; return 1
}

# listening: up to 30 s for the server to accept on PORT.
listening() {
  for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null && return 0; sleep 0.2; done
  echo "transport-floor.sh: nothing listens on $PORT" >&2; cat "$work/server.log" >&2; return 1
}

for mode in aspnetcore connection; do
  dotnet "$FLOOR" "$mode" "$PORT" >"$work/server.log" 2>&1 & server=$!
  listening
  url="ws://127.0.0.1:$PORT/ws"
  # A few sockets first, so that what the first connection JITs and pools is in the baseline.
  dotnet "$FLOOR" clients "$url" 32 >"$work/warm.log" 2>&1 & holder=$!
  wait_for_line "$work/warm.log" "open 32"
  kill "$holder"; wait "$holder" 2>/dev/null || true; holder=''
  sleep 2
  heap_snapshot "$server" "$work" before
  dotnet "$FLOOR" clients "$url" "$clients" >"$work/clients.log" 2>&1 & holder=$!
  wait_for_line "$work/clients.log" "open $clients"
  sleep 5
  heap_snapshot "$server" "$work" after
  heap_growth "$mode: $clients idle sockets" "$clients" "$work" | tee "$OUT/floor-$mode-$clients.md"
  stop
done
