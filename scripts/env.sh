# shellcheck shell=bash
# Source me (do not run me):   . scripts/env.sh
# Exports FRIDAY_TEST_POSTGRES and FRIDAY_TEST_RABBITMQ from the env files
# that postgres-start.sh / rabbitmq-start.sh write in the state directory
# (${FRIDAY_STATE_DIR:-<repo>/.run}). A missing file is reported on stderr
# and its variable left untouched; start the services first with
# scripts/services-start.sh. It does not check that the servers still run.
# Written for bash and zsh; it never exits the calling shell and sets no
# shell options.
if [ -n "${BASH_SOURCE[0]:-}" ]; then
    _friday_env_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
elif [ -n "${ZSH_VERSION:-}" ]; then
    # shellcheck disable=SC2296
    _friday_env_dir="$(cd "$(dirname "${(%):-%x}")" && pwd)"
else
    _friday_env_dir="$(pwd)/scripts"
fi
_friday_env_state="${FRIDAY_STATE_DIR:-$(dirname "$_friday_env_dir")/.run}"
for _friday_env_pair in postgres:FRIDAY_TEST_POSTGRES rabbitmq:FRIDAY_TEST_RABBITMQ; do
    _friday_env_file="$_friday_env_state/${_friday_env_pair%%:*}.env"
    _friday_env_var="${_friday_env_pair#*:}"
    if [ -r "$_friday_env_file" ]; then
        # the file holds one line VAR='value'; read it instead of sourcing it
        _friday_env_val="$(sed -n "s/^$_friday_env_var='\(.*\)'\$/\1/p" "$_friday_env_file" | head -n1)"
        if [ -n "$_friday_env_val" ]; then
            export "$_friday_env_var=$_friday_env_val"
        else
            echo "env.sh: no $_friday_env_var in $_friday_env_file" >&2
        fi
    else
        echo "env.sh: $_friday_env_file missing; run scripts/services-start.sh" >&2
    fi
done
unset _friday_env_dir _friday_env_state _friday_env_pair _friday_env_file _friday_env_var _friday_env_val
