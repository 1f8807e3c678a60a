#!/usr/bin/env bash
# Start Friday's private RabbitMQ node for tests and local runs.
#
#   scripts/rabbitmq-start.sh
#
# - installs the Debian 'rabbitmq-server' package when missing, with service
#   auto-start blocked (policy-rc.d) so the system node never starts;
# - runs node friday@localhost as the 'rabbitmq' user (when root) with all
#   state under $STATE/rabbitmq (STATE defaults to <repo>/.run, override with
#   FRIDAY_STATE_DIR): database, logs, config, PID file and a private Erlang
#   cookie (HOME=$STATE/rabbitmq/home);
# - AMQP on 127.0.0.1:${FRIDAY_RABBIT_PORT:-26672} only; Erlang distribution
#   on 127.0.0.1:PORT+1 (FRIDAY_RABBIT_DIST_PORT) and its own epmd on
#   127.0.0.1:PORT+2 (FRIDAY_RABBIT_EPMD_PORT); no plugins;
# - user friday/friday, administrator, full permissions on vhost /;
# - waits until the broker has booted (90 s at most);
# - writes $STATE/rabbitmq.env (FRIDAY_TEST_RABBITMQ=...) and prints the URI;
# - idempotent: when already running it says so and exits 0.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/rabbitmq.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/rabbitmq.sh"

BOOT_TIMEOUT="${FRIDAY_RABBIT_BOOT_TIMEOUT:-90}"
t_start="$(now_ms)"

for p in "$RMQ_PORT" "$RMQ_DIST_PORT" "$RMQ_EPMD_PORT"; do
    [[ "$p" =~ ^[0-9]+$ ]] && [ "$p" -ge 1 ] && [ "$p" -le 65535 ] \
        || die "port '$p' is not a TCP port (FRIDAY_RABBIT_PORT / _DIST_PORT / _EPMD_PORT)"
done

# --- install ---------------------------------------------------------------
if [ ! -x "$RMQ_BIN/rabbitmq-server" ] || [ ! -x "$RMQ_BIN/rabbitmqctl" ] || ! command -v epmd >/dev/null; then
    log "rabbitmq-server not installed; installing"
    apt_install rabbitmq-server
    [ -x "$RMQ_BIN/rabbitmq-server" ] || die "installed rabbitmq-server but $RMQ_BIN/rabbitmq-server is missing"
fi
if is_root; then
    id "$RMQ_OS_USER" >/dev/null 2>&1 || die "system user '$RMQ_OS_USER' missing (the rabbitmq-server package creates it)"
fi

write_env() {
    local tmp="$RMQ_ENVFILE.tmp.$$"
    printf "FRIDAY_TEST_RABBITMQ='%s'\n" "$RMQ_URI" >"$tmp"
    mv -f "$tmp" "$RMQ_ENVFILE"
}

# --- already running? ------------------------------------------------------
if pid="$(rmq_beam_pid)" && port_listening "$RMQ_PORT" "$RMQ_HOST"; then
    write_env
    log "already running (node $RMQ_NODE, beam PID $pid)"
    echo "$RMQ_URI"
    exit 0
fi

# --- state directory -------------------------------------------------------
mkdir -p "$RMQ_DIR"
ensure_traversable "$RMQ_DIR/mnesia" "$RMQ_OS_USER"
mkdir -p "$RMQ_HOME" "$RMQ_DIR/mnesia" "$RMQ_DIR/log"
: >"$RMQ_DIR/rabbitmq-env.conf"          # shadows /etc/rabbitmq/rabbitmq-env.conf
echo '[].' >"$RMQ_DIR/enabled_plugins"   # no plugins (no management UI needed)
echo '[].' >"$RMQ_DIR/advanced.config"
cat >"$RMQ_DIR/rabbitmq.conf" <<EOF
# Written by scripts/rabbitmq-start.sh; rewritten on every start.
# Listener address/port come from RABBITMQ_NODE_IP_ADDRESS/_PORT.
# The user below is created when the database is first made.
default_vhost = /
default_user = $RMQ_USER
default_pass = $RMQ_PASSWORD
default_user_tags.administrator = true
default_permissions.configure = .*
default_permissions.read = .*
default_permissions.write = .*
log.console = false
log.file.level = info
disk_free_limit.absolute = 50MB
EOF
cookie="$RMQ_HOME/.erlang.cookie"
if [ ! -s "$cookie" ]; then
    (umask 077; head -c 64 /dev/urandom | od -An -tx1 | tr -dc 'a-f0-9' | head -c 32 | tr 'a-f' 'A-F' >"$cookie")
fi
chmod 0400 "$cookie"
if is_root; then chown -R "$RMQ_OS_USER": "$RMQ_DIR"; fi

# --- epmd (private port, loopback) -------------------------------------------
if epmd_pid="$(rmq_epmd_pid)"; then
    log "epmd already running (PID $epmd_pid, 127.0.0.1:$RMQ_EPMD_PORT)"
else
    port_listening "$RMQ_EPMD_PORT" && die "epmd port $RMQ_EPMD_PORT is in use by another process; set FRIDAY_RABBIT_EPMD_PORT"
    rmq_spawn "$RMQ_DIR/log/epmd.log" epmd -address "$RMQ_HOST" -port "$RMQ_EPMD_PORT"
    epmd_pid=$SPAWNED_PID
    echo "$epmd_pid" >"$RMQ_EPMD_PIDFILE"
    for _ in $(seq 1 50); do port_listening "$RMQ_EPMD_PORT" "$RMQ_HOST" && break; sleep 0.1; done
    port_listening "$RMQ_EPMD_PORT" "$RMQ_HOST" || die "epmd did not come up on $RMQ_HOST:$RMQ_EPMD_PORT (log: $RMQ_DIR/log/epmd.log)"
    log "started epmd (PID $epmd_pid, $RMQ_HOST:$RMQ_EPMD_PORT)"
fi

# --- broker ------------------------------------------------------------------
if pid="$(rmq_beam_pid)"; then
    log "node is booting (beam PID $pid); waiting for it"
    wrapper_pid=""
else
    for p in "$RMQ_PORT" "$RMQ_DIST_PORT"; do
        port_listening "$p" && die "port $p is in use by another process (ss -ltnp 'sport = :$p'); set FRIDAY_RABBIT_PORT / FRIDAY_RABBIT_DIST_PORT"
    done
    rm -f "$RMQ_PIDFILE"
    log "starting node $RMQ_NODE on $RMQ_HOST:$RMQ_PORT (logs: $RMQ_DIR/log)"
    rmq_spawn "$RMQ_STDOUT" "$RMQ_BIN/rabbitmq-server"
    wrapper_pid=$SPAWNED_PID
fi

# Wait for the boot to finish: the AMQP listener opens at its end. Polling
# the port is far cheaper than a rabbitmqctl per try (each one boots a VM).
t0="$(now_ms)"
deadline=$(( $(date +%s) + BOOT_TIMEOUT ))
until port_listening "$RMQ_PORT" "$RMQ_HOST"; do
    if [ -n "$wrapper_pid" ] && ! pid_alive "$wrapper_pid"; then
        tail -n 30 "$RMQ_STDOUT" >&2 || true
        die "rabbitmq-server exited during boot (logs: $RMQ_STDOUT, $RMQ_DIR/log/$RMQ_NODE.log)"
    fi
    if [ "$(date +%s)" -ge "$deadline" ]; then
        tail -n 30 "$RMQ_STDOUT" >&2 || true
        die "node did not open $RMQ_HOST:$RMQ_PORT within ${BOOT_TIMEOUT}s (logs: $RMQ_DIR/log); stop it with scripts/rabbitmq-stop.sh"
    fi
    sleep 0.2
done
# and confirm with the broker itself that the boot is complete
rmqctl -q await_startup --timeout "$BOOT_TIMEOUT" >/dev/null 2>"$RMQ_DIR/log/ctl.err" \
    || { cat "$RMQ_DIR/log/ctl.err" >&2; die "rabbitmqctl await_startup failed"; }
log "broker up in $(( $(now_ms) - t0 )) ms"
pid="$(rmq_beam_pid)" || die "broker is up but its PID file $RMQ_PIDFILE names no live beam"

# --- user ----------------------------------------------------------------------
# default_user only acts on a fresh database; make sure once per database.
marker="$RMQ_DIR/mnesia/$RMQ_NODE/.friday-user-ok"
if [ ! -f "$marker" ]; then
    if ! rmqctl -q list_users 2>/dev/null | awk '{print $1}' | grep -qx "$RMQ_USER"; then
        rmqctl -q add_user "$RMQ_USER" "$RMQ_PASSWORD" >/dev/null || die "could not add user $RMQ_USER"
    fi
    rmqctl -q set_user_tags "$RMQ_USER" administrator >/dev/null || die "could not tag user $RMQ_USER"
    rmqctl -q set_permissions -p / "$RMQ_USER" '.*' '.*' '.*' >/dev/null || die "could not set permissions for $RMQ_USER"
    rmq_as touch "$marker"
fi

write_env
log "running: node $RMQ_NODE, beam PID $pid ($RMQ_PIDFILE), epmd PID $epmd_pid, env in $RMQ_ENVFILE; total $(( $(now_ms) - t_start )) ms"
echo "$RMQ_URI"
