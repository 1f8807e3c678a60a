#!/usr/bin/env bash
# CI smoke: 50 subscribers, 20 broadcasts/s for 2 s against one target (signalr by default);
# fails if a single delivery is lost.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
TARGET=${1:-signalr}
URL="http://127.0.0.1:${PORT:-5320}"
FRIDAY_OUT="$REPO/src/Friday.WebApi/bin/Release/net10.0"
SIGNALR_OUT="$BENCH/Friday.Bench.SignalRBaseline/bin/Release/net10.0"
LOG=$(mktemp)

case $TARGET in
  friday) dotnet build -c Release "$REPO/src/Friday.WebApi" -v q -nologo ;;
  signalr) dotnet build -c Release "$BENCH/Friday.Bench.SignalRBaseline" -v q -nologo ;;
  *) echo "usage: smoke.sh [friday|signalr]" >&2; exit 2 ;;
esac
dotnet build -c Release "$BENCH/Friday.Bench.LoadGenerator" -v q -nologo

source "$BENCH/servers.sh"
trap 'stop_server; rm -f "$LOG"' EXIT
start_server "$TARGET" "$LOG" || { cat "$LOG"; exit 1; }
dotnet "$BENCH/Friday.Bench.LoadGenerator/bin/Release/net10.0/Friday.Bench.LoadGenerator.dll" \
  --url "$URL" --target "$TARGET" --server-pid "$SERVER_PID" --scenario fanout --clients 50 --seconds 2 --rate 20
