#!/usr/bin/env bash
# Starts, stops and shows the platform on this machine: Kafka, the databases and every service.
#   scripts/platform.sh start | stop | status
# start runs the migration step (scripts/migrate, as the owner) and then each service under a
# supervisor that restarts it with backoff when it exits; status shows the restarts.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
RUN="$ROOT/.run"
mkdir -p "$RUN/logs"

# name:port — every service that exists, in start order.
SERVICES=("org-registry:${ORG_REGISTRY_PORT:-3001}" "responsibility:${RESPONSIBILITY_PORT:-3002}" "cases:${CASES_PORT:-3003}")

source "$ROOT/scripts/env.sh"

# Node flags of every service (libs/eventstore/bench/commands.bench.ts starts the registry with the
# same): old space capped well under the 200 MB RSS aim but with room for a burst of requests in
# flight (at 160 MB a backlog drove GC to 41 % of CPU); the young generation capped at 2 × 16 MB
# (V8's default grows it to 2 × 64 MB, most of it resident) while still letting a request's
# short-lived objects die there.
SERVICE_NODE_FLAGS="--max-old-space-size=192 --max-semi-space-size=16"

rss_mb() { awk '/VmRSS/ {printf "%.0f MB", $2/1024}' "/proc/$1/status" 2>/dev/null || echo "-"; }

status() {
  printf '%-16s %-8s %-8s %-9s %s\n' PROCESS PID RSS RESTARTS URL
  local kpid
  kpid="$(cat "$ROOT/deploy/kafka/data/kafka.pid" 2>/dev/null || true)"
  if [ -n "$kpid" ] && kill -0 "$kpid" 2>/dev/null; then
    printf '%-16s %-8s %-8s %-9s %s\n' kafka "$kpid" "$(rss_mb "$kpid")" - "127.0.0.1:${KAFKA_PORT:-9092}"
  else
    printf '%-16s %-8s %-8s %-9s %s\n' kafka - - - "(not started by this project)"
  fi
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" port="${entry##*:}" pid
    local supervisor restarts
    pid="$(cat "$RUN/$name.pid" 2>/dev/null || true)"
    supervisor="$(cat "$RUN/$name.supervisor.pid" 2>/dev/null || true)"
    restarts="$(cat "$RUN/$name.restarts" 2>/dev/null || echo -)"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      printf '%-16s %-8s %-8s %-9s %s\n' "$name" "$pid" "$(rss_mb "$pid")" "$restarts" "http://127.0.0.1:$port  (docs: /api-docs)"
    elif [ -n "$supervisor" ] && kill -0 "$supervisor" 2>/dev/null; then
      printf '%-16s %-8s %-8s %-9s %s\n' "$name" - - "$restarts" "restarting (supervisor $supervisor; see .run/logs/$name.log)"
    else
      printf '%-16s %-8s %-8s %-9s %s\n' "$name" - - "$restarts" stopped
    fi
  done
}

# Runs one service and starts it again when it exits, after 1, 2, 4 … 30 s (back to 1 s after a
# minute of running). The service gets its own role's password and the token settings from .env,
# never the owner's credentials. Stopped by `stop` (SIGTERM to the supervisor).
supervise() {
  local name="$1" port="$2" delay=1 restarts=0 child="" started code
  local prefix
  prefix="$(service_prefix "$name")"
  mapfile -t common < <(common_env; service_env "$name")
  trap 'touch "$RUN/$name.stopping"; [ -n "$child" ] && kill "$child" 2>/dev/null; wait "$child" 2>/dev/null; exit 0' TERM INT
  echo 0 >"$RUN/$name.restarts"
  while [ ! -f "$RUN/$name.stopping" ]; do
    started="$(date +%s)"
    env -u PGUSER -u PGPASSWORD -u PG_OWNER_USER -u PG_OWNER_PASSWORD "${common[@]}" \
      PORT="$port" PGPASSWORD="$(env_get "${prefix}_PGPASSWORD")" \
      node $SERVICE_NODE_FLAGS -r ./scripts/register-paths.js "dist/apps/$name/src/main.js" &
    child=$!
    echo "$child" >"$RUN/$name.pid"
    code=0
    wait "$child" || code=$?
    [ -f "$RUN/$name.stopping" ] && break
    if [ $(($(date +%s) - started)) -ge 60 ]; then delay=1; fi
    restarts=$((restarts + 1))
    echo "$restarts" >"$RUN/$name.restarts"
    echo "{\"supervisor\":\"$name\",\"msg\":\"exited with $code; restart $restarts in ${delay}s\"}"
    sleep "$delay"
    delay=$((delay * 2 > 30 ? 30 : delay * 2))
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
  ensure_env_file
  npm run --silent build
  bash scripts/migrate
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" port="${entry##*:}" supervisor
    supervisor="$(cat "$RUN/$name.supervisor.pid" 2>/dev/null || true)"
    if [ -n "$supervisor" ] && kill -0 "$supervisor" 2>/dev/null; then echo "$name already supervised (pid $supervisor)"; continue; fi
    echo "starting $name on port $port under a supervisor (log: .run/logs/$name.log)"
    rm -f "$RUN/$name.stopping"
    nohup bash scripts/platform.sh supervise "$name" "$port" >>"$RUN/logs/$name.log" 2>&1 &
    echo $! >"$RUN/$name.supervisor.pid"
  done
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" port="${entry##*:}" ok=""
    for _ in $(seq 1 60); do
      if curl -sf "http://127.0.0.1:$port/health/ready" >/dev/null; then ok=1; break; fi
      kill -0 "$(cat "$RUN/$name.supervisor.pid")" 2>/dev/null || break
      sleep 1
    done
    if [ -z "$ok" ]; then echo "$name did not become ready; last log lines:" >&2; tail -20 "$RUN/logs/$name.log" >&2; exit 1; fi
  done
  echo
  status
  echo
  echo "Get a token:  TOKEN=\$(npm run --silent token -- --sub p-admin --roles registry_admin,auditor)  (settings from .env)"
  echo "Then:         curl -H \"Authorization: Bearer \$TOKEN\" http://127.0.0.1:${ORG_REGISTRY_PORT:-3001}/units"
}

stop() {
  for entry in "${SERVICES[@]}"; do
    local name="${entry%%:*}" pid supervisor
    touch "$RUN/$name.stopping"
    supervisor="$(cat "$RUN/$name.supervisor.pid" 2>/dev/null || true)"
    pid="$(cat "$RUN/$name.pid" 2>/dev/null || true)"
    if [ -n "$supervisor" ] && kill -0 "$supervisor" 2>/dev/null; then kill "$supervisor"; fi
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill "$pid"; for _ in $(seq 1 20); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -9 "$pid" 2>/dev/null || true
      echo "stopped $name"
    fi
    rm -f "$RUN/$name.pid" "$RUN/$name.supervisor.pid" "$RUN/$name.stopping"
  done
  bash deploy/kafka/kafka.sh stop
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  supervise) supervise "$2" "$3" ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
