#!/usr/bin/env bash
# Where a fan-out's server CPU goes: runs one fan-out scenario against a freshly started server
# and samples that server with perf (software clock, call graphs, JIT symbols from the runtime's
# perf map), then prints the share of each layer (profile-layers.py) and the hottest symbols.
# With SCOPE=machine it samples every process instead and splits the samples between the server
# and the load generator, kernel TCP paths included (profile-machine.py).
# usage: [SCOPE=machine] bench/profile.sh friday|signalr CLIENTS RATE [SECONDS]   (RATE 0 = as fast as accepted)
# Needs perf (apt-get install linux-perf) and a Release build (run-benchmarks.sh makes one).
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
target=${1:?friday or signalr}
clients=${2:?number of clients}
rate=${3:?broadcasts per second, 0 for the maximum}
seconds=${4:-30}
PORT=${PORT:-5311}
URL="http://127.0.0.1:$PORT"
OUT=${OUT:-$BENCH/results/profiles}
scope=${SCOPE:-server}
case $scope in
  server) name="fanout-$clients-$rate.$target" ;;
  machine) name="machine-$clients-$rate.$target" ;;
  *) echo "SCOPE is server or machine" >&2; exit 2 ;;
esac

source "$BENCH/servers.sh"
command -v perf >/dev/null || { echo "perf is not installed (apt-get install linux-perf)" >&2; exit 1; }
[ -f "$GENERATOR" ] || { echo "no Release build of the generator: run bench/run-benchmarks.sh first" >&2; exit 1; }
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
mkdir -p "$OUT"

trap stop_server EXIT
# Only the server gets the perf map (JIT symbols); W^X off and no ReadyToRun code let perf
# resolve every managed frame, at the price of more JIT work early in the run.
DOTNET_PerfMapEnabled=1 DOTNET_EnableWriteXorExecute=0 DOTNET_ReadyToRun=0 start_server "$target" "$OUT/$name.server.log"
server=$SERVER_PID

dotnet "$GENERATOR" --url "$URL" --target "$target" --server-pid "$SERVER_PID" --out "$OUT/$name.json" \
  --scenario fanout --clients "$clients" --rate "$rate" --seconds "$seconds" >"$OUT/$name.generator.log" 2>&1 &
generator=$!
# Sample the steady part: after connecting (about 800 clients a second here) and the warmup.
sleep $((clients / 800 + 12))
if [ "$scope" = machine ]; then
  perf record -a -F 999 -g -o "$OUT/$name.perf.data" -- sleep $((seconds / 3)) 2>"$OUT/$name.perf.log" >/dev/null
else
  perf record -F 499 -g -p "$SERVER_PID" -o "$OUT/$name.perf.data" -- sleep $((seconds / 2)) 2>"$OUT/$name.perf.log"
fi
wait "$generator" || echo "(the generator reported a failure, see $OUT/$name.generator.log)"
stop_server

if [ "$scope" = machine ]; then
  echo "== $name: the machine's CPU, server and generator"
  /usr/bin/python3 "$BENCH/profile-machine.py" "$OUT/$name.perf.data" "$server" "$generator" | tee "$OUT/$name.txt"
  exit 0
fi

perf report -i "$OUT/$name.perf.data" --no-children -g none --sort dso,sym --stdio 2>/dev/null \
  | grep '%' >"$OUT/$name.symbols.txt"
echo "== $name: server CPU by layer"
/usr/bin/python3 "$BENCH/profile-layers.py" "$OUT/$name.symbols.txt"
echo "== hottest symbols (full list in $OUT/$name.symbols.txt)"
head -n 15 "$OUT/$name.symbols.txt" | cut -c1-180
