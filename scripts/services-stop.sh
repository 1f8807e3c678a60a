#!/usr/bin/env bash
# Stop both local test services (only the instances these scripts started);
# idempotent. Tries both even if one fails.
#
#   scripts/services-stop.sh
set -euo pipefail
dir="$(dirname "${BASH_SOURCE[0]}")"
rc=0
"$dir/rabbitmq-stop.sh" || { echo "services-stop.sh: error: stopping RabbitMQ failed" >&2; rc=1; }
"$dir/postgres-stop.sh" || { echo "services-stop.sh: error: stopping PostgreSQL failed" >&2; rc=1; }
exit "$rc"
