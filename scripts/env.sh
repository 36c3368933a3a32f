#!/usr/bin/env bash
# Sourced by platform.sh and migrate: the local .env (git-ignored), written with fresh random
# secrets when there is none. Values are read one by one (env_get); the file is never exported
# wholesale, so a service process gets only what it needs and never the owner's credentials.

ENV_FILE="${ENV_FILE:-$ROOT/.env}"

ensure_env_file() {
  [ -f "$ENV_FILE" ] && return 0
  local secret password
  secret="$(node -e "process.stdout.write(require('node:crypto').randomBytes(36).toString('base64url'))")"
  password="$(node -e "process.stdout.write(require('node:crypto').randomBytes(24).toString('base64url'))")"
  umask 077
  sed -e "s|^JWT_SECRET=$|JWT_SECRET=$secret|" -e "s|^ORG_REGISTRY_PGPASSWORD=$|ORG_REGISTRY_PGPASSWORD=$password|" \
    "$ROOT/.env.example" >"$ENV_FILE"
  echo "wrote $ENV_FILE with fresh secrets (git-ignored); PG_OWNER_PASSWORD is empty: set it where the server asks for one"
}

env_get() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }

# SERVICE_PREFIX org-registry -> ORG_REGISTRY
service_prefix() { echo "$1" | tr 'a-z-' 'A-Z_'; }

# The environment every process of the platform gets from .env (tokens, mode).
common_env() {
  local name
  for name in NODE_ENV JWT_SECRET JWT_ISSUER JWT_AUDIENCE JWT_MAX_AGE; do
    local value
    value="$(env_get "$name")"
    [ -n "$value" ] && printf '%s=%s\n' "$name" "$value"
  done
  return 0
}
