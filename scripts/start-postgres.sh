#!/usr/bin/env bash
# Start the local PostgreSQL 15 cluster (Debian, run as root) and make sure the
# pyprep role and test database exist. Safe to run any number of times.
# Prints the DATABASE_URL to use on stdout (and nothing else), so callers can do:
#   export DATABASE_URL="$(scripts/start-postgres.sh)"
set -euo pipefail

PG_VERSION="${PG_VERSION:-15}"
PG_CLUSTER="${PG_CLUSTER:-main}"
PG_PORT="${PG_PORT:-5432}"
DB_USER="${PYPREP_DB_USER:-pyprep}"
DB_PASSWORD="${PYPREP_DB_PASSWORD:-pyprep}"
DB_NAME="${PYPREP_DB_NAME:-pyprep_test}"

log() { echo "start-postgres: $*" >&2; }

if ! command -v pg_ctlcluster >/dev/null 2>&1; then
  log "pg_ctlcluster not found; install postgresql-${PG_VERSION} (apt-get install postgresql)"
  exit 1
fi

if ! pg_lsclusters --no-header 2>/dev/null | awk '{print $1" "$2}' | grep -qx "${PG_VERSION} ${PG_CLUSTER}"; then
  log "creating cluster ${PG_VERSION}/${PG_CLUSTER}"
  pg_createcluster "${PG_VERSION}" "${PG_CLUSTER}" --port "${PG_PORT}" >&2
fi

status="$(pg_lsclusters --no-header | awk -v v="${PG_VERSION}" -v c="${PG_CLUSTER}" '$1==v && $2==c {print $4}')"
if [ "${status}" != "online" ]; then
  log "starting cluster ${PG_VERSION}/${PG_CLUSTER}"
  pg_ctlcluster "${PG_VERSION}" "${PG_CLUSTER}" start >&2
fi

# Wait until the server accepts connections (a fresh start can take a moment).
for _ in $(seq 1 50); do
  if su postgres -c "pg_isready -q -p ${PG_PORT}" >/dev/null 2>&1; then break; fi
  sleep 0.2
done
su postgres -c "pg_isready -q -p ${PG_PORT}" >/dev/null 2>&1 || { log "server not ready"; exit 1; }

psql_admin() { su postgres -c "psql -p ${PG_PORT} -v ON_ERROR_STOP=1 -qtA $*"; }

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_roles WHERE rolname = '${DB_USER}'\"")" != "1" ]; then
  log "creating role ${DB_USER}"
  psql_admin "-c \"CREATE ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}'\"" >&2
else
  psql_admin "-c \"ALTER ROLE ${DB_USER} LOGIN PASSWORD '${DB_PASSWORD}'\"" >&2
fi

if [ "$(psql_admin "-c \"SELECT 1 FROM pg_database WHERE datname = '${DB_NAME}'\"")" != "1" ]; then
  log "creating database ${DB_NAME}"
  psql_admin "-c \"CREATE DATABASE ${DB_NAME} OWNER ${DB_USER}\"" >&2
fi

echo "postgres://${DB_USER}:${DB_PASSWORD}@127.0.0.1:${PG_PORT}/${DB_NAME}"
