#!/usr/bin/env bash
# GraphQL over HTTP conformance: the packaged server (embedded database on a throw-away data
# directory) audited by the graphql-http package's serverAudits. Fails on any MUST failure.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

DATA=$(mktemp -d)/pgdata
PORT=$(free_port)
DB_PORT=$(free_port)
trap 'stop_server; pkill -f -- "postgres -D $DATA" || true' EXIT
unset QUARKUS_DATASOURCE_JDBC_URL || true

command -v node > /dev/null && command -v npm > /dev/null \
  || { echo "the graphql-http audit needs Node 20+ and npm on the PATH" >&2; exit 1; }
(cd .ci/graphql-http-audit && npm ci --no-audit --no-fund --loglevel=error)

start_server target/graphql-http-audit.log COMMUNIQUE_DATA_DIR="$DATA" COMMUNIQUE_EMBEDDED_DB_PORT="$DB_PORT"
node .ci/graphql-http-audit/audit.mjs "http://127.0.0.1:$PORT/graphql"
# Stopping cleanly is the lifecycle check's subject; here the trap stops the server and this run's postgres.
