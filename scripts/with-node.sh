#!/usr/bin/env bash
# Runs a command on the project's Node 24 (see node-runtime.sh), e.g. from package.json:
#   bash scripts/with-node.sh node -r ./scripts/register-paths.js dist/...
set -euo pipefail
# shellcheck source=scripts/node-runtime.sh
source "$(dirname "${BASH_SOURCE[0]}")/node-runtime.sh"
exec "$@"
