#!/usr/bin/env bash
# Start Friday's private PostgreSQL for tests and local runs.
#
#   scripts/postgres-start.sh
#
# - installs the Debian 'postgresql' package when no initdb/pg_ctl exists
#   under /usr/lib/postgresql/*/bin (without starting the Debian cluster);
# - keeps its own data directory $STATE/postgres (STATE defaults to
#   <repo>/.run, override with FRIDAY_STATE_DIR); never touches the Debian
#   cluster on 5432;
# - listens on 127.0.0.1:${FRIDAY_PG_PORT:-25432} only, unix socket in
#   $STATE/postgres-socket, trust authentication from 127.0.0.1 and the socket;
# - creates role friday/friday (CREATEDB) and database friday;
# - writes $STATE/postgres.env (FRIDAY_TEST_POSTGRES=...) and $STATE/postgres.pid,
#   prints the connection string on stdout;
# - idempotent: when already running it says so and exits 0.
set -euo pipefail
# shellcheck source=lib/common.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/common.sh"
# shellcheck source=lib/postgres.sh
. "$(dirname "${BASH_SOURCE[0]}")/lib/postgres.sh"

t_start="$(now_ms)"

[[ "$PG_PORT" =~ ^[0-9]+$ ]] && [ "$PG_PORT" -ge 1 ] && [ "$PG_PORT" -le 65535 ] \
    || die "FRIDAY_PG_PORT='$PG_PORT' is not a TCP port"

# --- install ---------------------------------------------------------------
if ! pg_find_bindir >/dev/null; then
    log "PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; installing"
    # The package creates the Debian cluster 'main'; the policy-rc.d in
    # apt_install keeps it from being started.
    apt_install postgresql
    pg_find_bindir >/dev/null || die "installed 'postgresql' but still no initdb/pg_ctl under /usr/lib/postgresql/*/bin"
fi
if is_root; then
    id "$PG_OS_USER" >/dev/null 2>&1 || die "system user '$PG_OS_USER' missing (the postgresql package creates it); cannot run the server as root"
fi
BINDIR="$(pg_bindir)"

write_env() {
    local tmp="$PG_ENVFILE.tmp.$$"
    printf "FRIDAY_TEST_POSTGRES='%s'\n" "$PG_CONN" >"$tmp"
    mv -f "$tmp" "$PG_ENVFILE"
    echo "$1" >"$PG_PIDFILE"
}

# --- already running? ------------------------------------------------------
if pid="$(pg_postmaster_pid)"; then
    if port_listening "$PG_PORT" "$PG_HOST"; then
        mkdir -p "$STATE"
        write_env "$pid"
        log "already running (postmaster PID $pid, $PG_DATA/postmaster.pid)"
        echo "$PG_CONN"
        exit 0
    fi
    die "a postmaster (PID $pid) runs on $PG_DATA but nothing listens on $PG_HOST:$PG_PORT (started with another FRIDAY_PG_PORT?); run scripts/postgres-stop.sh first"
fi

if port_listening "$PG_PORT"; then
    die "port $PG_PORT is already in use by another process (ss -ltnp 'sport = :$PG_PORT'); set FRIDAY_PG_PORT to a free port"
fi

# The socket path must fit in sun_path (107 bytes).
sock_path="$PG_SOCKDIR/.s.PGSQL.$PG_PORT"
if [ "${#sock_path}" -gt 100 ]; then
    die "unix socket path '$sock_path' is too long for the OS (max ~100 chars); use a shorter FRIDAY_STATE_DIR"
fi

# --- data directory ----------------------------------------------------------
mkdir -p "$STATE"
ensure_traversable "$PG_DATA" "$PG_OS_USER"
mkdir -p "$PG_SOCKDIR"
if is_root; then chown "$PG_OS_USER": "$PG_SOCKDIR"; fi
chmod 0755 "$PG_SOCKDIR"

if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    if [ -d "$PG_DATA" ] && [ -n "$(ls -A "$PG_DATA" 2>/dev/null)" ]; then
        die "$PG_DATA exists, is not empty and is no PostgreSQL data directory; move it away"
    fi
    mkdir -p "$PG_DATA"
    if is_root; then chown "$PG_OS_USER": "$PG_DATA"; fi
    chmod 0700 "$PG_DATA"
    log "initdb $PG_DATA ($("$BINDIR/postgres" --version))"
    t0="$(now_ms)"
    as_user "$PG_OS_USER" "$BINDIR/initdb" -D "$PG_DATA" -U postgres \
        --auth-local=trust --auth-host=trust -E UTF8 --locale=C.UTF-8 \
        >"$STATE/postgres-initdb.log" 2>&1 \
        || { tail -n 20 "$STATE/postgres-initdb.log" >&2; die "initdb failed (full log: $STATE/postgres-initdb.log)"; }
    log "initdb took $(( $(now_ms) - t0 )) ms"
    # Settings of our own go in a file included from postgresql.conf so that
    # they are rewritten on every start (port changes take effect).
    printf "\n# Friday: settings written by scripts/postgres-start.sh on every start\ninclude 'friday.conf'\n" \
        >>"$PG_DATA/postgresql.conf"
fi

# Rewritten on every start: only loopback TCP and the local socket, trust.
as_user "$PG_OS_USER" tee "$PG_DATA/pg_hba.conf" >/dev/null <<EOF
# Written by scripts/postgres-start.sh; rewritten on every start.
# TYPE  DATABASE  USER  ADDRESS        METHOD
local   all       all                  trust
host    all       all   127.0.0.1/32   trust
EOF
as_user "$PG_OS_USER" tee "$PG_DATA/friday.conf" >/dev/null <<EOF
# Written by scripts/postgres-start.sh; rewritten on every start.
listen_addresses = '$PG_HOST'
port = $PG_PORT
unix_socket_directories = '$PG_SOCKDIR'
unix_socket_permissions = 0777
max_connections = 200
# A throw-away test server: no need to wait for the disk on commit.
# (Unlike fsync=off this cannot corrupt the cluster, only lose the last
# few hundred ms of commits on an OS crash.)
synchronous_commit = off
logging_collector = off
log_min_messages = warning
EOF

# --- start -------------------------------------------------------------------
# Leftovers of a postmaster that was killed (e.g. the session ended):
# orphaned backends of this data directory exit by themselves once they
# notice; give them a moment, then SIGQUIT exactly those PIDs.
pg_orphans() {
    local p
    for p in $(ps -eo pid=,comm= | awk '$2 == "postgres" {print $1}'); do
        pid_alive "$p" || continue
        [ "$(readlink "/proc/$p/cwd" 2>/dev/null || true)" = "$(readlink -f "$PG_DATA")" ] && echo "$p"
    done
    return 0
}
for i in $(seq 1 50); do
    [ -z "$(pg_orphans)" ] && break
    if [ "$i" -eq 30 ]; then
        log "leftover server processes of $PG_DATA: $(pg_orphans | tr '\n' ' ')- sending SIGQUIT"
        for p in $(pg_orphans); do kill -QUIT "$p" 2>/dev/null || true; done
    fi
    sleep 0.1
done
[ -z "$(pg_orphans)" ] || die "leftover server processes of $PG_DATA will not exit: $(pg_orphans | tr '\n' ' ')"
# Lock files whose PID is no live postgres (a killed postmaster may even
# linger as an unreaped zombie, which the server itself takes as alive).
for lock in "$PG_DATA/postmaster.pid" "$PG_SOCKDIR/.s.PGSQL.$PG_PORT.lock"; do
    [ -f "$lock" ] || continue
    lpid="$(head -n1 "$lock" 2>/dev/null | tr -d ' -' || true)"
    if ! pid_alive "$lpid" || [ "$(pid_comm "$lpid")" != postgres ]; then
        log "removing stale $lock (PID ${lpid:-?} is gone)"
        rm -f "$lock"
        [ "$lock" = "$PG_DATA/postmaster.pid" ] || rm -f "${lock%.lock}"
    else
        die "$lock belongs to live postgres PID $lpid, which serves another data directory on this socket/port; stop it or change FRIDAY_PG_PORT"
    fi
done
touch "$PG_LOG"
if is_root; then chown "$PG_OS_USER": "$PG_LOG"; fi
log "starting PostgreSQL on $PG_HOST:$PG_PORT (log: $PG_LOG)"
t0="$(now_ms)"
if ! as_user "$PG_OS_USER" "$BINDIR/pg_ctl" -D "$PG_DATA" -l "$PG_LOG" -w -t 60 -s start; then
    tail -n 20 "$PG_LOG" >&2 || true
    die "pg_ctl start failed (log: $PG_LOG)"
fi
log "server up in $(( $(now_ms) - t0 )) ms"
pid="$(pg_postmaster_pid)" || die "pg_ctl reported success but no postmaster found for $PG_DATA"

# --- role and database -------------------------------------------------------
psql_admin() {
    "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$PG_HOST" -p "$PG_PORT" -U postgres -d postgres "$@"
}
psql_admin >/dev/null <<SQL || die "could not create role '$PG_ROLE'"
DO \$\$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  ELSE
    ALTER ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END
\$\$;
SQL
if [ "$(psql_admin -tAc "SELECT 1 FROM pg_database WHERE datname = '$PG_DB'")" != 1 ]; then
    psql_admin -c "CREATE DATABASE $PG_DB OWNER $PG_ROLE" >/dev/null || die "could not create database '$PG_DB'"
    log "created database $PG_DB"
fi

write_env "$pid"
log "running: postmaster PID $pid ($PG_DATA/postmaster.pid; copy in $PG_PIDFILE), env in $PG_ENVFILE; total $(( $(now_ms) - t_start )) ms"
echo "$PG_CONN"
