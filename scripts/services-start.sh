#!/usr/bin/env bash
# Start both local test services (PostgreSQL, RabbitMQ); idempotent.
#
#   scripts/services-start.sh
#
# Prints the two env assignments on stdout; afterwards
#   . scripts/env.sh
# exports FRIDAY_TEST_POSTGRES and FRIDAY_TEST_RABBITMQ.
set -euo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")"
pg="$("$dir/postgres-start.sh")" || { echo "services-start.sh: error: PostgreSQL failed to start" >&2; exit 1; }
rmq="$("$dir/rabbitmq-start.sh")" || { echo "services-start.sh: error: RabbitMQ failed to start" >&2; exit 1; }
printf 'FRIDAY_TEST_POSTGRES=%s\nFRIDAY_TEST_RABBITMQ=%s\n' "$pg" "$rmq"
