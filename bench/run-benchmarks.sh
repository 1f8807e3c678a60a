#!/usr/bin/env bash
# Runs the standard scenarios against Friday and the SignalR baseline in one go: raw results
# (JSON per run, logs, commands) go to bench/results/, the report to docs/benchmarks.md with its
# charts in docs/benchmarks/ (REPORT=... writes it elsewhere, e.g. for a trial run).
# Each scenario gets a freshly started server, so memory baselines do not carry over.
# Sizes come from the environment; QUICK=1 shrinks everything for a trial run.
set -euo pipefail

BENCH=$(cd "$(dirname "$0")" && pwd)
REPO=$(dirname "$BENCH")
RESULTS=${RESULTS:-$BENCH/results}
REPORT=${REPORT:-$REPO/docs/benchmarks.md}
TARGETS=${TARGETS:-"friday signalr"}
PORT=${PORT:-5310}
URL="http://127.0.0.1:$PORT"

if [ "${QUICK:-0}" = 1 ]; then small=1; else small=0; fi
pick() { if [ "$small" = 1 ]; then echo "$2"; else echo "$1"; fi; }
FANOUT_BIG_CLIENTS=${FANOUT_BIG_CLIENTS:-$(pick 10000 500)}
FANOUT_BIG_RATE=${FANOUT_BIG_RATE:-10}
FANOUT_BIG_RUNS=${FANOUT_BIG_RUNS:-$(pick 3 1)}
FANOUT_MAX_CLIENTS=${FANOUT_MAX_CLIENTS:-$(pick 1000 100)}
FANOUT_SECONDS=${FANOUT_SECONDS:-$(pick 30 5)}
IDLE_CLIENTS=${IDLE_CLIENTS:-$(pick 10000 500)}
IDLE_SECONDS=${IDLE_SECONDS:-$(pick 10 3)}
NOTES_RATE=${NOTES_RATE:-200}
NOTES_SECONDS=${NOTES_SECONDS:-$(pick 30 5)}
RESUME_NOTES=${RESUME_NOTES:-$(pick 1000 100)}

# Each side of 10,000 connections needs a descriptor per socket.
ulimit -n "$(ulimit -Hn)" 2>/dev/null || true
# As many subscribers as the descriptor limit leaves room for: each side holds one socket per client.
CAPACITY_CLIENTS=${CAPACITY_CLIENTS:-$(pick $(($(ulimit -n) - 500)) 1000)}

source "$BENCH/servers.sh"

mkdir -p "$RESULTS/logs"
rm -rf "$RESULTS"/*.json "$RESULTS/commands.txt" "$RESULTS"/logs/* "$RESULTS/friday-unavailable.txt" "$RESULTS/micro"

dotnet build -c Release "$BENCH/Friday.Bench.SignalRBaseline" >"$RESULTS/logs/build-signalr.txt"
dotnet build -c Release "$BENCH/Friday.Bench.LoadGenerator" >"$RESULTS/logs/build-generator.txt"
if [[ " $TARGETS " == *" friday "* ]] && ! dotnet build -c Release "$REPO/src/Friday.WebApi" >"$RESULTS/logs/build-friday.txt"; then
  echo "Friday did not build (see logs/build-friday.txt); measuring the baseline only." | tee "$RESULTS/friday-unavailable.txt"
  TARGETS=${TARGETS//friday/}
fi

{
  echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)"
  echo "commit: $(git -C "$REPO" rev-parse --short HEAD)"
  echo "nproc: $(nproc)"
  echo "kernel: $(uname -r)"
  echo "dotnet: $(dotnet --version)"
  echo "open files limit: $(ulimit -n)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  free -m
} >"$RESULTS/machine.txt"

# run CASE TARGET GENERATOR-ARGS...: one scenario against one freshly started server.
run() {
  local case=$1 target=$2
  shift 2
  start_server "$target" "$RESULTS/logs/server-$case.$target.txt" || return 0
  local args=(--url "$URL" --target "$target" --server-pid "$SERVER_PID" --out "$RESULTS/$case.$target.json" "$@")
  # The server's extra settings are named, never their values: a connection string holds a password.
  local settings=""
  [ -n "${FRIDAY_SERVER_ENV:-}" ] && settings="(server with $(printf '%s\n' $FRIDAY_SERVER_ENV | sed 's/=.*//' | paste -sd' ')) "
  echo "$settings""dotnet ${GENERATOR#"$REPO"/} --url $URL --target $target --server-pid \$SERVER_PID --out $case.$target.json $*" >>"$RESULTS/commands.txt"
  echo "== $case against $target"
  dotnet "$GENERATOR" "${args[@]}" 2>&1 | tee "$RESULTS/logs/$case.$target.txt" || echo "(the generator reported a failure)"
  stop_server
}

# notes-e2e-pg: Friday on a private PostgreSQL (scripts/postgres-start.sh), stopped again only if
# started here.
postgres_started=0
with_postgres() {
  if [ -z "${FRIDAY_BENCH_POSTGRES:-}" ]; then
    ( . "$REPO/scripts/lib/common.sh" && . "$REPO/scripts/lib/postgres.sh" && pg_postmaster_pid >/dev/null ) || postgres_started=1
    FRIDAY_BENCH_POSTGRES=$("$REPO/scripts/postgres-start.sh" 2>>"$RESULTS/logs/postgres.txt" | tail -n 1) || return 1
  fi
  FRIDAY_SERVER_ENV="Database__Provider=Postgres Database__ConnectionString=$FRIDAY_BENCH_POSTGRES" "$@"
}
stop_postgres() {
  [ "$postgres_started" = 1 ] && "$REPO/scripts/postgres-stop.sh" >>"$RESULTS/logs/postgres.txt" 2>&1
  postgres_started=0
}
trap 'stop_server; stop_postgres' EXIT

for target in $TARGETS; do
  # The 10,000-subscriber fan-out saturates both cores, and its tail moves by 100 ms or more from one
  # run to the next: it runs FANOUT_BIG_RUNS times, each on a fresh server, and the report takes the
  # run with the median p99 (report.py).
  for i in $(seq "$FANOUT_BIG_RUNS"); do
    run "fanout-big-run$i" "$target" --scenario fanout --clients "$FANOUT_BIG_CLIENTS" --rate "$FANOUT_BIG_RATE" --seconds "$FANOUT_SECONDS"
  done
  run fanout-max "$target" --scenario fanout --clients "$FANOUT_MAX_CLIENTS" --rate 0 --seconds "$FANOUT_SECONDS"
  run idle "$target" --scenario idle --clients "$IDLE_CLIENTS" --seconds "$IDLE_SECONDS"
  # Every subscriber must receive every broadcast; a handful of broadcasts is enough to show it.
  run capacity "$target" --scenario fanout --clients "$CAPACITY_CLIENTS" --rate 1 --seconds 5 --warmup 0
  if [ "$target" = friday ]; then
    run notes-e2e "$target" --scenario notes-e2e --rate "$NOTES_RATE" --seconds "$NOTES_SECONDS"
    with_postgres run notes-e2e-pg "$target" --scenario notes-e2e --rate "$NOTES_RATE" --seconds "$NOTES_SECONDS" \
      || echo "PostgreSQL did not start (see logs/postgres.txt); notes-e2e-pg not run"
    run resume "$target" --scenario resume --notes "$RESUME_NOTES"
  fi
done
stop_postgres

# Hot-path micro-benchmarks (BenchmarkDotNet, on Friday's own serializer and broadcast path); MICRO=0 skips them.
if [ "${MICRO:-1}" = 1 ]; then
  echo "== micro-benchmarks"
  micro_job=()
  [ "$small" = 1 ] && micro_job=(--job short)
  (cd "$BENCH/Friday.Bench.Micro" && dotnet run -c Release -- --filter '*' --exporters github "${micro_job[@]}" --artifacts "$RESULTS/micro") \
    >"$RESULTS/logs/micro.txt" 2>&1 || echo "micro-benchmarks failed (see logs/micro.txt)"
  # The report takes the GitHub tables; the rest of BenchmarkDotNet's artifacts is not kept.
  find "$RESULTS/micro" -type f ! -name '*-report-github.md' -delete 2>/dev/null || true
  echo "cd bench/Friday.Bench.Micro && dotnet run -c Release -- --filter '*' --exporters github ${micro_job[*]}" >>"$RESULTS/commands.txt"
fi

# The charts need matplotlib from Debian; without it the report is written with tables only.
/usr/bin/python3 -c 'import matplotlib' 2>/dev/null || { [ "$(id -u)" = 0 ] && apt-get install -y -qq python3-matplotlib >/dev/null 2>&1; } || true
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS/machine.txt"
/usr/bin/python3 "$BENCH/report.py" "$RESULTS" "$REPORT"
echo "Report: $REPORT"
