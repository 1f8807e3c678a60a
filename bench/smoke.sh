#!/usr/bin/env bash
# CI smoke: 50 subscribers, 20 broadcasts/s for 2 s against one target (signalr by default);
# fails if a single delivery is lost or a figure the benchmark must report is missing.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
TARGET=${1:-signalr}
URL="http://127.0.0.1:${PORT:-5320}"
LOG=$(mktemp)
RESULT=$(mktemp)
source "$BENCH/servers.sh"

case $TARGET in
  friday) dotnet build -c Release "$REPO/src/Friday.WebApi" -v q -nologo ;;
  signalr) dotnet build -c Release "$BENCH/Friday.Bench.SignalRBaseline" -v q -nologo ;;
  *) echo "usage: smoke.sh [friday|signalr]" >&2; exit 2 ;;
esac
dotnet build -c Release "$BENCH/Friday.Bench.LoadGenerator" -v q -nologo

trap 'stop_server; rm -f "$LOG" "$RESULT"' EXIT
start_server "$TARGET" "$LOG" || { cat "$LOG"; exit 1; }
dotnet "$GENERATOR" \
  --url "$URL" --target "$TARGET" --server-pid "$SERVER_PID" --out "$RESULT" --scenario fanout --clients 50 --seconds 2 --rate 20

# What the issue asks the generator to measure; a figure that could not be taken is left out of the
# result, so its absence is the failure. Timings and rates must also be above zero.
/usr/bin/python3 - "$RESULT" <<'CHECK'
import json, sys
metrics = {m["name"]: m["value"] for m in json.load(open(sys.argv[1]))["metrics"]}
positive = ["connect_total", "connect_p50", "connect_p99", "deliveries_per_second", "latency_p50",
            "latency_p90", "latency_p99", "latency_max", "server_cpu_per_delivery"]
present = ["rss_per_connection", "server_cpu_per_connect"]
missing = [name for name in positive + present if name not in metrics]
not_positive = [name for name in positive if name in metrics and not metrics[name] > 0]
if missing or not_positive:
    sys.exit(f"smoke result lacks {missing} and has non-positive {not_positive}")
CHECK
