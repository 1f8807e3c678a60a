# shellcheck shell=bash
# shellcheck disable=SC2034  # settings used by the scripts that source this
# Shared helpers for the local-infrastructure scripts. Sourced, never run.
#
# Sets: REPO (repository root, derived from this file's location) and
#       STATE (${FRIDAY_STATE_DIR:-$REPO/.run}).

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STATE="${FRIDAY_STATE_DIR:-$REPO/.run}"

_friday_script="$(basename "${0:-friday}")"

log() { printf '%s: %s\n' "$_friday_script" "$*" >&2; }
die() { printf '%s: error: %s\n' "$_friday_script" "$*" >&2; exit 1; }

# now_ms: milliseconds since the epoch (for the timing messages).
now_ms() { date +%s%3N; }

is_root() { [ "$(id -u)" -eq 0 ]; }

# pid_alive PID: the process exists (and is not a zombie).
pid_alive() {
    local pid="$1" st
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    [ -r "/proc/$pid/stat" ] || return 1
    st="$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null || true)"
    [ -n "$st" ] && [ "$st" != "Z" ]
}

# pid_comm PID: the process's short command name ('' when gone).
pid_comm() { cat "/proc/$1/comm" 2>/dev/null || true; }

# port_listening PORT [ADDR]: something listens on TCP ADDR:PORT (any address
# when ADDR is omitted).
port_listening() {
    local port="$1" addr="${2:-}"
    if [ -n "$addr" ]; then
        ss -Hltn "sport = :$port" 2>/dev/null | awk '{print $4}' | grep -qx "$addr:$port"
    else
        [ -n "$(ss -Hltn "sport = :$port" 2>/dev/null)" ]
    fi
}

# apt_install PKG...: install Debian packages without letting their
# maintainer scripts start system services. A policy-rc.d that exits 101
# makes invoke-rc.d / deb-systemd-invoke refuse every start; ours is put in
# place only for the duration of the install, and only when none exists
# (an existing one, e.g. a container's, is left exactly as it was).
# 'apt-get update' runs once, right before the install (installs are rare:
# only when the package is missing), so the lists are never stale. Both wait
# for the dpkg lock: another install (the test command's, say) may hold it.
apt_install() {
    is_root || die "need to install '$*' but not running as root; install it by hand (apt-get install $*)"
    command -v apt-get >/dev/null || die "apt-get not found: install '$*' by hand"

    local policy=/usr/sbin/policy-rc.d placed_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\n# temporary, placed by Friday scripts/lib/common.sh\nexit 101\n' >"$policy"
        chmod 0755 "$policy"
        placed_policy=1
        # shellcheck disable=SC2064  # expand now: remove exactly this file
        trap "rm -f '$policy'" EXIT
    fi

    local t0 rc=0
    t0="$(now_ms)"
    log "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 update -q >&2 || rc=$?
    if [ "$rc" -eq 0 ]; then
        log "apt-get install $*"
        DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "$@" >&2 || rc=$?
    fi

    if [ "$placed_policy" = 1 ]; then
        rm -f "$policy"
        trap - EXIT
    fi
    [ "$rc" -eq 0 ] || die "apt-get failed (exit $rc) installing: $*"
    log "installed $* in $(( ($(now_ms) - t0) / 1000 ))s"
}

# as_user_argv USER: set AS_USER_ARGV to the command prefix that runs a
# command as USER (and its primary group) when we are root, else nothing.
# setpriv execs (no fork, unlike runuser/su) and leaves the environment
# alone (HOME etc. stay as the caller set them).
as_user_argv() {
    if is_root; then
        AS_USER_ARGV=(setpriv --reuid="$1" --regid="$(id -g "$1")" --init-groups --)
    else
        AS_USER_ARGV=()
    fi
}

# as_user USER CMD...: run CMD as USER, from / so that the target user never
# trips over an unreadable cwd. To background a server and get its real PID
# in $!, do not background this function (bash would keep a subshell in
# between); use: as_user_argv U; ( cd / && exec "${AS_USER_ARGV[@]}" cmd ) &
as_user() {
    local user="$1"; shift
    as_user_argv "$user"
    (cd / && exec "${AS_USER_ARGV[@]}" "$@")
}

# ensure_traversable DIR USER: every ancestor of DIR must be searchable by
# USER, or a server running as USER cannot reach its own data directory.
ensure_traversable() {
    local dir="$1" user="$2" d="" part
    is_root || return 0
    local -a parts
    IFS=/ read -r -a parts <<<"$(dirname "$dir")"
    # top-down, so the message names the first directory that blocks
    for part in "${parts[@]}"; do
        [ -n "$part" ] || continue
        d="$d/$part"
        if ! as_user "$user" test -x "$d" 2>/dev/null; then
            die "user '$user' cannot enter '$d' (needed to reach $dir); set FRIDAY_STATE_DIR to a path it can traverse, or chmod o+x '$d'"
        fi
    done
}
