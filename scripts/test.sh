#!/usr/bin/env bash
# Runs every test: type check, architecture rules, unit and integration tests against the real
# PostgreSQL and a real Kafka broker (started here when none is reachable).
set -euo pipefail
cd "$(dirname "$0")/.."
# Node 24 first on PATH (fetched into .tools/ when the system node is older): npm ci, tsc, Jest run on it.
source scripts/node-runtime.sh

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
bash scripts/ensure-postgres.sh
bash deploy/kafka/kafka.sh start
echo "== type check"
npx tsc -p tsconfig.json --noEmit
echo "== format and lint"
npx prettier --check --log-level warn .
npx eslint . --max-warnings 0
echo "== unit, architecture and integration tests"
npx jest --ci --maxWorkers=2 "$@"
