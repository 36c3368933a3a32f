#!/usr/bin/env bash
# PostgreSQL runs on this kind of machine before the session; start the cluster if it stopped.
set -euo pipefail
PGHOST="${PGHOST:-127.0.0.1}"
PGPORT="${PGPORT:-5432}"
if pg_isready -q -h "$PGHOST" -p "$PGPORT" 2>/dev/null; then exit 0; fi
if command -v pg_lsclusters >/dev/null && [ "$PGHOST" = "127.0.0.1" ]; then
  version="$(ls /etc/postgresql | sort -n | tail -1)"
  echo "PostgreSQL is down; starting cluster $version/main"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
  for _ in $(seq 1 30); do pg_isready -q -h "$PGHOST" -p "$PGPORT" && exit 0; sleep 1; done
fi
echo "PostgreSQL is not reachable at $PGHOST:$PGPORT" >&2
exit 1
