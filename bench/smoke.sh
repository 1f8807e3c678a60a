#!/usr/bin/env bash
# CI smoke: 50 subscribers, 20 broadcasts/s for 2 s against one target (signalr by default);
# fails if a single delivery is lost.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
TARGET=${1:-signalr}
URL="http://127.0.0.1:${PORT:-5320}"
LOG=$(mktemp)
source "$BENCH/servers.sh"

case $TARGET in
  friday) dotnet build -c Release "$REPO/src/Friday.WebApi" -v q -nologo ;;
  signalr) dotnet build -c Release "$BENCH/Friday.Bench.SignalRBaseline" -v q -nologo ;;
  *) echo "usage: smoke.sh [friday|signalr]" >&2; exit 2 ;;
esac
dotnet build -c Release "$BENCH/Friday.Bench.LoadGenerator" -v q -nologo

trap 'stop_server; rm -f "$LOG"' EXIT
start_server "$TARGET" "$LOG" || { cat "$LOG"; exit 1; }
dotnet "$GENERATOR" \
  --url "$URL" --target "$TARGET" --server-pid "$SERVER_PID" --scenario fanout --clients 50 --seconds 2 --rate 20
