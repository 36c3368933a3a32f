#!/usr/bin/env bash
# Sourced by platform.sh and migrate: the local .env (git-ignored), written with fresh random
# secrets when there is none. Values are read one by one (env_get); the file is never exported
# wholesale, so a service process gets only what it needs and never the owner's credentials.

ENV_FILE="${ENV_FILE:-$ROOT/.env}"

ensure_env_file() {
  if [ ! -f "$ENV_FILE" ]; then
    local secret
    secret="$(random_secret 36)"
    umask 077
    sed -e "s|^JWT_SECRET=$|JWT_SECRET=$secret|" "$ROOT/.env.example" >"$ENV_FILE"
    echo "wrote $ENV_FILE with fresh secrets (git-ignored); PG_OWNER_PASSWORD is empty: set it where the server asks for one"
  fi
  # Every service's role password: filled in when empty, added when a newer .env.example names a
  # service the local .env predates (a new service must not start without its own password).
  local name
  for name in $(sed -n 's/^\([A-Z_]*_PGPASSWORD\)=.*/\1/p' "$ROOT/.env.example"); do
    if ! grep -q "^$name=" "$ENV_FILE"; then
      printf '%s=%s\n' "$name" "$(random_secret 24)" >>"$ENV_FILE"
    elif [ -z "$(env_get "$name")" ]; then
      sed -i "s|^$name=$|$name=$(random_secret 24)|" "$ENV_FILE"
    fi
  done
  # Case handling's petition key (SM4, 16 bytes): a first key `k1` when there is none. Rotation is
  # by hand: append `,k2:<32 hex digits>`, set PETITION_ACTIVE_KEY=k2, keep k1 listed.
  if [ -z "$(env_get PETITION_KEYS)" ]; then
    local key
    key="k1:$(node -e "process.stdout.write(require('node:crypto').randomBytes(16).toString('hex'))")"
    if grep -q '^PETITION_KEYS=' "$ENV_FILE"; then sed -i "s|^PETITION_KEYS=$|PETITION_KEYS=$key|" "$ENV_FILE"; else printf 'PETITION_KEYS=%s\n' "$key" >>"$ENV_FILE"; fi
    if grep -q '^PETITION_ACTIVE_KEY=' "$ENV_FILE"; then sed -i "s|^PETITION_ACTIVE_KEY=$|PETITION_ACTIVE_KEY=k1|" "$ENV_FILE"; else echo 'PETITION_ACTIVE_KEY=k1' >>"$ENV_FILE"; fi
  fi
}

random_secret() { node -e "process.stdout.write(require('node:crypto').randomBytes($1).toString('base64url'))"; }

env_get() { sed -n "s/^$1=//p" "$ENV_FILE" | tail -1; }

# SERVICE_PREFIX org-registry -> ORG_REGISTRY
service_prefix() { echo "$1" | tr 'a-z-' 'A-Z_'; }

# What one service alone gets from .env beside the common environment (case handling: its petition keys).
service_env() {
  local name
  case "$1" in
    cases) for name in PETITION_KEYS PETITION_ACTIVE_KEY; do printf '%s=%s\n' "$name" "$(env_get "$name")"; done ;;
  esac
  return 0
}

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
