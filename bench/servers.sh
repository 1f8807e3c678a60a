# Sourced by run-benchmarks.sh, smoke.sh and profile.sh: where the Release builds are, and starting
# one server by PID on $URL and stopping only that one. Expects BENCH, REPO and URL.

FRIDAY_OUT="$REPO/src/Friday.WebApi/bin/Release/net10.0"
SIGNALR_OUT="$BENCH/Friday.Bench.SignalRBaseline/bin/Release/net10.0"
GENERATOR="$BENCH/Friday.Bench.LoadGenerator/bin/Release/net10.0/Friday.Bench.LoadGenerator.dll"

SERVER_PID=
SERVER_WORKDIR=

stop_server() {
  [ -n "$SERVER_PID" ] || return 0
  kill -TERM "$SERVER_PID" 2>/dev/null || true
  for _ in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
  kill -KILL "$SERVER_PID" 2>/dev/null || true
  wait "$SERVER_PID" 2>/dev/null || true
  rm -rf "$SERVER_WORKDIR"
  SERVER_PID=
}

# A fresh working directory per start gives Friday an empty SQLite database. Every generated client
# comes from 127.0.0.1, so Friday's per-IP connect limit (a connect-storm guard, 120/min by default)
# is raised to its maximum; nothing else is changed from the shipped configuration.
# FRIDAY_SERVER_ENV adds settings for one run (space-separated NAME=value, e.g. another database).
start_server() {
  local target=$1 log=$2
  # Something already answering there would pass the readiness check below and be measured instead.
  if curl -s -o /dev/null "$URL/"; then
    echo "something already listens on $URL: stop it or choose another PORT" >&2
    return 1
  fi
  SERVER_WORKDIR=$(mktemp -d)
  case $target in
    # shellcheck disable=SC2086  # FRIDAY_SERVER_ENV is a list of words by design
    friday) (cd "$SERVER_WORKDIR" && exec env ${FRIDAY_SERVER_ENV:-} ASPNETCORE_ENVIRONMENT=Development Security__ConnectionsPerIpPerMinute=1000000 dotnet "$FRIDAY_OUT/Friday.WebApi.dll" --contentRoot "$FRIDAY_OUT" --urls "$URL") >"$log" 2>&1 & ;;
    signalr) (cd "$SERVER_WORKDIR" && ASPNETCORE_ENVIRONMENT=Development exec dotnet "$SIGNALR_OUT/Friday.Bench.SignalRBaseline.dll" --contentRoot "$SIGNALR_OUT" --urls "$URL") >"$log" 2>&1 & ;;
  esac
  SERVER_PID=$!
  for _ in $(seq 600); do
    kill -0 "$SERVER_PID" 2>/dev/null || { echo "$target exited while starting, see $log" >&2; return 1; }
    [ "$(curl -s -o /dev/null -w '%{http_code}' "$URL/" || true)" != 000 ] && return 0
    sleep 0.1
  done
  echo "$target did not listen on $URL within 60 s" >&2
  return 1
}
