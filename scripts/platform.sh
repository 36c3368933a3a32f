#!/usr/bin/env bash
# Starts, stops and shows the platform on this machine: Kafka, the databases and every service.
#   scripts/platform.sh start | stop | status
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
RUN="$ROOT/.run"
mkdir -p "$RUN/logs"

# name:port — every service that exists, in start order.
SERVICES=("org-registry:${ORG_REGISTRY_PORT:-3001}")

rss_mb() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }

status() {
  printf '%-16s %-8s %-8s %s\n' PROCESS PID RSS URL
  local kpid
  kpid="$(cat "$ROOT/deploy/kafka/data/kafka.pid" 2>/dev/null || true)"
  if [ -n "$kpid" ] && kill -0 "$kpid" 2>/dev/null; then
    printf '%-16s %-8s %-8s %s\n' kafka "$kpid" "$(rss_mb "$kpid")" "127.0.0.1:${KAFKA_PORT:-9092}"
  else
    printf '%-16s %-8s %-8s %s\n' kafka - - "(not started by this project)"
  fi
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" port="${entry##*:}" pid
    pid="$(cat "$RUN/$name.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      printf '%-16s %-8s %-8s %s\n' "$name" "$pid" "$(rss_mb "$pid")" "http://127.0.0.1:$port  (docs: /api-docs)"
    else
      printf '%-16s %-8s %-8s %s\n' "$name" - - stopped
    fi
  done
}

start() {
  # Node 24 first on PATH (fetched into .tools/ when the system node is older): install, build, services.
  source "$ROOT/scripts/node-runtime.sh"
  if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund
  fi
  bash scripts/ensure-postgres.sh
  bash deploy/kafka/kafka.sh start
  npm run --silent build
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" port="${entry##*:}" pid
    pid="$(cat "$RUN/$name.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then echo "$name already running (pid $pid)"; continue; fi
    echo "starting $name on port $port (log: .run/logs/$name.log)"
    nohup node --max-old-space-size=160 -r ./scripts/register-paths.js "dist/apps/$name/src/main.js" >>"$RUN/logs/$name.log" 2>&1 &
    echo $! >"$RUN/$name.pid"
  done
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" port="${entry##*:}" ok=""
    for _ in $(seq 1 60); do
      if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then ok=1; break; fi
      kill -0 "$(cat "$RUN/$name.pid")" 2>/dev/null || break
      sleep 1
    done
    if [ -z "$ok" ]; then echo "$name did not become ready; last log lines:" >&2; tail -20 "$RUN/logs/$name.log" >&2; exit 1; fi
  done
  echo
  status
  echo
  echo "Get a token:  npm run --silent token -- --sub p-admin --roles registry_admin,auditor"
  echo "Then:         curl -H \"Authorization: Bearer \$TOKEN\" http://127.0.0.1:3001/units"
}

stop() {
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" pid
    pid="$(cat "$RUN/$name.pid" 2>/dev/null || true)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"; for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $name"
    fi
    rm -f "$RUN/$name.pid"
  done
  bash deploy/kafka/kafka.sh stop
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
