# shellcheck shell=bash
# shellcheck disable=SC2034  # settings used by the scripts that source this
# RabbitMQ settings and helpers shared by rabbitmq-start.sh / rabbitmq-stop.sh.
# Sourced after lib/common.sh.
#
# A private node: its own name, ports, epmd, cookie, database, logs and
# config, all under $STATE/rabbitmq, so it neither sees nor disturbs a system
# install (/etc/rabbitmq, /var/lib/rabbitmq, the 'rabbit' node, epmd on 4369).

# Below Linux's ephemeral range (32768-60999): the scale-out tests stop and restart the broker, and
# while it is down any outgoing connection on the box may be given its port as a local one.
RMQ_PORT="${FRIDAY_RABBIT_PORT:-26672}"
RMQ_DIST_PORT="${FRIDAY_RABBIT_DIST_PORT:-$((RMQ_PORT + 1))}"   # default would be PORT+20000 (> 65535)
RMQ_EPMD_PORT="${FRIDAY_RABBIT_EPMD_PORT:-$((RMQ_PORT + 2))}"   # a private epmd, not the shared 4369
RMQ_HOST=127.0.0.1
RMQ_NODE=friday@localhost
RMQ_USER=friday
RMQ_PASSWORD=friday
RMQ_URI="amqp://$RMQ_USER:$RMQ_PASSWORD@$RMQ_HOST:$RMQ_PORT/"

RMQ_DIR="$STATE/rabbitmq"
RMQ_HOME="$RMQ_DIR/home"                 # holds the private .erlang.cookie
RMQ_PIDFILE="$RMQ_DIR/rabbitmq.pid"      # beam's PID, written by RabbitMQ itself
RMQ_EPMD_PIDFILE="$RMQ_DIR/epmd.pid"     # written by rabbitmq-start.sh when it starts epmd
RMQ_STDOUT="$RMQ_DIR/log/stdout.log"
RMQ_ENVFILE="$STATE/rabbitmq.env"
RMQ_OS_USER=rabbitmq                     # server process owner when we are root

# The package's /usr/sbin wrappers cd to /var/lib/rabbitmq and su to the
# rabbitmq user (resetting HOME, hence the cookie): use the real scripts.
RMQ_BIN=/usr/lib/rabbitmq/bin

RMQ_ENV=(
    "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"
    "HOME=$RMQ_HOME"
    "LANG=C.UTF-8" "LC_ALL=C.UTF-8"
    "RABBITMQ_NODENAME=$RMQ_NODE"
    "RABBITMQ_NODE_IP_ADDRESS=$RMQ_HOST"
    "RABBITMQ_NODE_PORT=$RMQ_PORT"
    "RABBITMQ_DIST_PORT=$RMQ_DIST_PORT"
    "ERL_EPMD_ADDRESS=$RMQ_HOST"
    "ERL_EPMD_PORT=$RMQ_EPMD_PORT"
    "RABBITMQ_CONF_ENV_FILE=$RMQ_DIR/rabbitmq-env.conf"
    "RABBITMQ_CONFIG_FILE=$RMQ_DIR/rabbitmq.conf"
    "RABBITMQ_ADVANCED_CONFIG_FILE=$RMQ_DIR/advanced.config"
    "RABBITMQ_ENABLED_PLUGINS_FILE=$RMQ_DIR/enabled_plugins"
    "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia"
    "RABBITMQ_LOG_BASE=$RMQ_DIR/log"
    "RABBITMQ_PID_FILE=$RMQ_PIDFILE"
    # distribution listeners (server and CLI) on loopback only
    "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
    "RABBITMQ_CTL_ERL_ARGS=-kernel inet_dist_use_interface {127,0,0,1}"
)

# rmq_as CMD...: run CMD as the broker's user with the private node's env.
rmq_as() { as_user "$RMQ_OS_USER" env -i "${RMQ_ENV[@]}" "$@"; }

# rmq_spawn LOG CMD...: start CMD like rmq_as, detached in its own session,
# stdin from /dev/null, output appended to LOG; its PID is left in
# SPAWNED_PID (every step execs, so it is CMD's own PID).
rmq_spawn() {
    local out="$1"; shift
    as_user_argv "$RMQ_OS_USER"
    ( cd / && exec "${AS_USER_ARGV[@]}" env -i "${RMQ_ENV[@]}" setsid "$@" </dev/null >>"$out" 2>&1 ) &
    SPAWNED_PID=$!
}

# rmqctl ARGS...: rabbitmqctl against our node, never for longer than
# FRIDAY_RABBITCTL_TIMEOUT seconds (default 30): some commands, like
# 'stop PIDFILE', wait forever when the node cannot be reached (e.g. its
# epmd was killed).
# The user's prefix is worked out per call: on a fresh machine the 'rabbitmq' user only exists once
# rabbitmq-start.sh has installed the package, after this file was sourced.
rmqctl() {
    as_user_argv "$RMQ_OS_USER"
    (cd / && exec timeout -k 5 "${FRIDAY_RABBITCTL_TIMEOUT:-30}" "${AS_USER_ARGV[@]}" env -i "${RMQ_ENV[@]}" "$RMQ_BIN/rabbitmqctl" -n "$RMQ_NODE" "$@")
}

# rmq_beam_pid: PID of our node's Erlang VM, or nothing. The PID file alone
# is not proof (a killed session leaves it behind): the process must be a
# beam whose command line names our mnesia directory.
rmq_beam_pid() {
    local pid
    [ -f "$RMQ_PIDFILE" ] || return 1
    pid="$(tr -dc 0-9 <"$RMQ_PIDFILE" 2>/dev/null || true)"
    pid_alive "$pid" || return 1
    case "$(pid_comm "$pid")" in beam*) ;; *) return 1 ;; esac
    # its environment carries our RABBITMQ_MNESIA_BASE (root or the owner can read it)
    tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "RABBITMQ_MNESIA_BASE=$RMQ_DIR/mnesia" || return 1
    echo "$pid"
}

# rmq_epmd_pid: PID of the epmd on our private port that runs with our
# environment (started by rabbitmq-start.sh, or auto-started by an Erlang
# VM of ours — e.g. rabbitmqctl — when ours was gone), or nothing.
rmq_epmd_pid() {
    local pid cand=()
    if [ -f "$RMQ_EPMD_PIDFILE" ]; then cand+=("$(tr -dc 0-9 <"$RMQ_EPMD_PIDFILE" 2>/dev/null || true)"); fi
    # shellcheck disable=SC2207
    cand+=($(ps -eo pid=,comm= | awk '$2 == "epmd" {print $1}'))
    for pid in "${cand[@]}"; do
        pid_alive "$pid" || continue
        [ "$(pid_comm "$pid")" = epmd ] || continue
        tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "HOME=$RMQ_HOME" || continue
        tr '\0' '\n' <"/proc/$pid/environ" 2>/dev/null | grep -qxF "ERL_EPMD_PORT=$RMQ_EPMD_PORT" || continue
        echo "$pid"
        return 0
    done
    return 1
}
