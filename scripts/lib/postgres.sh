# shellcheck shell=bash
# shellcheck disable=SC2034  # settings used by the scripts that source this
# PostgreSQL settings and helpers shared by postgres-start.sh / postgres-stop.sh.
# Sourced after lib/common.sh.

PG_PORT="${FRIDAY_PG_PORT:-25432}"
PG_HOST=127.0.0.1
PG_DATA="$STATE/postgres"
PG_SOCKDIR="$STATE/postgres-socket"
PG_LOG="$STATE/postgres.log"
PG_PIDFILE="$STATE/postgres.pid"          # the postmaster's PID (a copy)
PG_ENVFILE="$STATE/postgres.env"
PG_OS_USER=postgres                       # server process owner when we are root
PG_DB=friday
PG_ROLE=friday
PG_PASSWORD=friday
PG_CONN="Host=$PG_HOST;Port=$PG_PORT;Username=$PG_ROLE;Password=$PG_PASSWORD;Database=$PG_DB"

# pg_find_bindir [MAJOR]: the newest /usr/lib/postgresql/*/bin holding
# initdb and pg_ctl (or exactly MAJOR's).
pg_find_bindir() {
    local want="${1:-}" d
    if [ -n "$want" ]; then
        d="/usr/lib/postgresql/$want/bin"
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
        return 1
    fi
    for d in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
        [ -x "$d/initdb" ] && [ -x "$d/pg_ctl" ] && { echo "$d"; return 0; }
    done
    return 1
}

# pg_bindir: the bin dir matching an existing data directory's version, or
# the newest installed one.
pg_bindir() {
    if [ -f "$PG_DATA/PG_VERSION" ]; then
        local v
        v="$(cat "$PG_DATA/PG_VERSION")"
        pg_find_bindir "$v" || die "data directory $PG_DATA is PostgreSQL $v but /usr/lib/postgresql/$v/bin is not installed (apt-get install postgresql-$v, or remove $PG_DATA to start afresh)"
    else
        pg_find_bindir
    fi
}

# pg_postmaster_pid: PID of the postmaster serving $PG_DATA, or nothing.
# postmaster.pid alone is not proof: after a session is killed it stays
# behind and its PID may belong to some other process by now, so the
# process must be a postgres whose working directory is our data dir.
pg_postmaster_pid() {
    local pid
    [ -f "$PG_DATA/postmaster.pid" ] || return 1
    pid="$(head -n1 "$PG_DATA/postmaster.pid" 2>/dev/null || true)"
    pid_alive "$pid" || return 1
    [ "$(pid_comm "$pid")" = postgres ] || return 1
    [ "$(readlink "/proc/$pid/cwd" 2>/dev/null || true)" = "$(readlink -f "$PG_DATA")" ] || return 1
    echo "$pid"
}

# pg_ctl_as ARGS...: run pg_ctl as the server's owner.
pg_ctl_as() {
    local bindir
    bindir="$(pg_bindir)"
    as_user "$PG_OS_USER" "$bindir/pg_ctl" "$@"
}
