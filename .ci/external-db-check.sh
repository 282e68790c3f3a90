#!/usr/bin/env bash
# The packaged server against an external PostgreSQL (this machine's server, trust auth) on a fresh
# database that this script creates and drops: no embedded database may start.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

DB="communique_ci_$$"
PORT=$(free_port)
psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "create database $DB" > /dev/null
cleanup() {
  stop_server
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB" > /dev/null || true
}
trap cleanup EXIT

start_server target/external-db.log \
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB" \
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=

if grep -q "starting the embedded PostgreSQL" target/external-db.log; then
  echo "an embedded database started although QUARKUS_DATASOURCE_JDBC_URL was set" >&2
  exit 1
fi
body=$(graphql "$TRAVERSAL")
expect_json "$body" 'r["data"]["officials"]["totalCount"] == 5'
expect_json "$body" 'any(s["text"].startswith("\"We are bolstering") for o in r["data"]["officials"]["nodes"] for s in o["statements"]["nodes"])'
rows=$(psql -h 127.0.0.1 -U postgres -d "$DB" -tAc "select count(*) from statement")
[ "$rows" = 23 ] || { echo "expected 23 statements in $DB, found $rows" >&2; exit 1; }
echo "external database OK: served the traversal from $DB"
