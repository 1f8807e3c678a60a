#!/usr/bin/env bash
# Stop Friday's private RabbitMQ node (friday@localhost) and the epmd that
# rabbitmq-start.sh started for it, by PID; nothing else. Idempotent.
#
#   scripts/rabbitmq-stop.sh
#
# $STATE/rabbitmq.env is kept: it holds configuration, not liveness.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/rabbitmq.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/rabbitmq.sh"

t0="$(now_ms)"
if pid="$(rmq_beam_pid)"; then
    log "stopping node $RMQ_NODE (beam PID $pid)"
    # not 'stop PIDFILE': that one waits forever if the node is unreachable;
    # the loop below waits for the VM to exit instead.
    if ! FRIDAY_RABBITCTL_TIMEOUT=20 rmqctl -q stop >/dev/null 2>"$RMQ_DIR/log/ctl.err"; then
        log "rabbitmqctl stop failed ($(tr '\n' ' ' <"$RMQ_DIR/log/ctl.err")); sending SIGTERM to $pid"
        kill -TERM "$pid" 2>/dev/null || true
    fi
    for i in $(seq 1 150); do
        pid_alive "$pid" || break
        if [ "$i" -eq 100 ]; then log "beam $pid still alive after 10 s; SIGKILL"; kill -KILL "$pid" 2>/dev/null || true; fi
        sleep 0.1
    done
    pid_alive "$pid" && die "beam $pid did not exit"
    log "node stopped in $(( $(now_ms) - t0 )) ms"
else
    log "node $RMQ_NODE not running"
fi
rm -f "$RMQ_PIDFILE"

if epmd_pid="$(rmq_epmd_pid)"; then
    kill -TERM "$epmd_pid" 2>/dev/null || true
    for _ in $(seq 1 30); do pid_alive "$epmd_pid" || break; sleep 0.1; done
    pid_alive "$epmd_pid" && die "epmd $epmd_pid did not exit"
    log "stopped epmd (PID $epmd_pid)"
fi
rm -f "$RMQ_EPMD_PIDFILE"
log "done in $(( $(now_ms) - t0 )) ms"
