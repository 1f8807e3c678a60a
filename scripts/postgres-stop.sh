#!/usr/bin/env bash
# Stop Friday's private PostgreSQL (the one in $STATE/postgres) and nothing
# else. Idempotent: when it is not running it says so and exits 0.
#
#   scripts/postgres-stop.sh
#
# $STATE/postgres.env is kept: it holds configuration, not liveness.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/postgres.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"

if ! pid="$(pg_postmaster_pid)"; then
    log "not running ($PG_DATA)"
    rm -f "$PG_PIDFILE"
    exit 0
fi

t0="$(now_ms)"
log "stopping postmaster PID $pid ($PG_DATA)"
if ! pg_ctl_as -D "$PG_DATA" -w -t 60 -s stop -m fast; then
    # pg_ctl could not do it; fall back to SIGQUIT (immediate shutdown) on
    # exactly that PID.
    if pid_alive "$pid"; then
        log "pg_ctl stop failed; sending SIGQUIT to $pid"
        kill -QUIT "$pid" 2>/dev/null || true
        for _ in $(seq 1 50); do pid_alive "$pid" || break; sleep 0.1; done
    fi
    pid_alive "$pid" && die "postmaster $pid did not stop"
fi
rm -f "$PG_PIDFILE"
log "stopped in $(( $(now_ms) - t0 )) ms"
