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

# A start that fails says why, and stops its postgres too. The exit handler that stops postgres once
# dropped the cause: a failed start exited with status 1 and no word of it. The failure here is a key
# for bearer tokens that cannot be read, which also used to start, then answer every request (reads
# and the readiness check too) with 500 and a stack trace.
set +e
timeout 120 env QUARKUS_HTTP_PORT="$PORT" COMMUNIQUE_DATA_DIR="$DATA" COMMUNIQUE_EMBEDDED_DB_PORT="$DB_PORT" \
  MP_JWT_VERIFY_PUBLICKEY_LOCATION=file:/nonexistent/communique/public.pem \
  java -jar "$JAR" > target/embedded-unreadable-key.log 2>&1
status=$?
set -e
if [ "$status" -eq 0 ] || [ "$status" -eq 124 ]; then
  echo "the server did not refuse to start with an unreadable token key (exit $status); its log:" >&2
  tail -40 target/embedded-unreadable-key.log >&2
  exit 1
fi
grep -q "The key that verifies bearer tokens cannot be read from mp.jwt.verify.publickey.location" \
  target/embedded-unreadable-key.log \
  || { echo "the failed start does not say why; its log:" >&2; tail -40 target/embedded-unreadable-key.log >&2; exit 1; }
no_postgres_on "$DATA"
echo "embedded database OK: data and ids kept across a restart; a failed start says why; no postgres left running"
