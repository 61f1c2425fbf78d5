#!/usr/bin/env bash
# Runs a command on a supported Node.js: the machine's when it is 22.18 or newer, otherwise the Node 24
# that scripts/bootstrap.sh installed into .downcity-node/24 (installed now if it is missing).
#   bash scripts/with-node.sh pnpm --filter @downcity/reference-agent start
set -euo pipefail
source "$(dirname "$0")/node-env.sh"
use_supported_node
exec "$@"
