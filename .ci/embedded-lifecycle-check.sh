#!/usr/bin/env bash
# With nothing configured the packaged server starts its own PostgreSQL; a restart keeps rows and
# ids; SIGTERM stops PostgreSQL too, leaving no process and no stale lock behind.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

DATA=$(mktemp -d)/pgdata
PORT=$(free_port)
DB_PORT=$(free_port)
trap 'stop_server; pkill -f -- "postgres -D $DATA" || true' EXIT
unset QUARKUS_DATASOURCE_JDBC_URL || true

start_server target/embedded-1.log COMMUNIQUE_DATA_DIR="$DATA" COMMUNIQUE_EMBEDDED_DB_PORT="$DB_PORT"
first=$(graphql "$TRAVERSAL")
expect_json "$first" 'r["data"]["officials"]["totalCount"] == 5'
# A row written between runs must survive the restart with its key.
psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d communique -v ON_ERROR_STOP=1 -qc \
  "insert into nation (code, name) values ('FR', 'France')"
stop_server
no_postgres_on "$DATA"
[ ! -e "$DATA/postmaster.pid" ] || { echo "stale postmaster.pid left in $DATA" >&2; exit 1; }

start_server target/embedded-2.log COMMUNIQUE_DATA_DIR="$DATA" COMMUNIQUE_EMBEDDED_DB_PORT="$DB_PORT"
second=$(graphql "$TRAVERSAL")
[ "$first" = "$second" ] || { echo "the restart changed the data or its ids" >&2; exit 1; }
france=$(graphql '{ nation(code: "FR") { id name } }')
expect_json "$france" 'r["data"]["nation"]["name"] == "France"'
stop_server
no_postgres_on "$DATA"
echo "embedded database OK: data and ids kept across a restart; no postgres left running"
