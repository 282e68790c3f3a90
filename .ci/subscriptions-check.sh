#!/usr/bin/env bash
# Live updates across instances: two packaged servers on one fresh database on 127.0.0.1:5432
# (created and dropped here). A graphql-ws client subscribes on B; a mutation sent to A and a
# statement inserted with psql must reach it (LISTEN/NOTIFY fan-out, README "Live updates").
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

command -v node > /dev/null && command -v npm > /dev/null \
  || { echo "the subscriptions check needs Node 20+ and npm on the PATH" >&2; exit 1; }
(cd .ci/subscriptions-client && npm ci --no-audit --no-fund --loglevel=error)

DB="communique_live_ci_$$"
psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "create database $DB" > /dev/null
PID_A=""
PID_B=""
cleanup() {
  SERVER_PID=$PID_B; stop_server
  SERVER_PID=$PID_A; stop_server
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $DB with (force)" > /dev/null || true
}
trap cleanup EXIT

DATABASE_ENV=(QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$DB"
  QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD=
  # The check writes with a development token, so these servers trust the development key.
  MP_JWT_VERIFY_PUBLICKEY_LOCATION="file:$PWD/src/main/resources/dev-keys/public.pem")

PORT=$(free_port)
start_server target/subscriptions-a.log "${DATABASE_ENV[@]}"
PID_A=$SERVER_PID
PORT_A=$PORT
PORT=$(free_port)
start_server target/subscriptions-b.log "${DATABASE_ENV[@]}"
PID_B=$SERVER_PID
PORT_B=$PORT

TOKEN=$(tools/mint-token.sh editor ci-subscriptions@communique.example 1) \
PSQL_STATEMENT="psql -h 127.0.0.1 -U postgres -d $DB -v ON_ERROR_STOP=1 -qtAc \"insert into statement (dialogue_id, document_id, ordinal, span_start, span_end, text, kind) select 1, 1, max(ordinal) + 1, 0, 24, (select substr(content, 1, 24) from source_document where id = 1), 'SUMMARY' from statement where document_id = 1 returning id\" | head -1" \
  node .ci/subscriptions-client/check.mjs "http://127.0.0.1:$PORT_A" "http://127.0.0.1:$PORT_B"
echo "subscriptions OK: events written through instance A and by psql reached instance B"

# Shutdown with a subscriber connected (README "Live updates"): instance B has served WebSockets
# since it started and holds one now. SIGTERM must close that socket at once and stop B without
# waiting out quarkus.shutdown.timeout (10 s; its log would say "Timed out"), as it did while
# Quarkus counted every WebSocket ever opened as a request in flight.
node .ci/subscriptions-client/held.mjs "http://127.0.0.1:$PORT_B" > target/subscriptions-held.log 2>&1 &
HELD=$!
for _ in $(seq 1 200); do
  grep -q subscribed target/subscriptions-held.log && break
  kill -0 "$HELD" 2> /dev/null || break
  sleep 0.1
done
grep -q subscribed target/subscriptions-held.log \
  || { echo "the held subscriber never subscribed:" >&2; cat target/subscriptions-held.log >&2; exit 1; }
started=$(date +%s%N)
SERVER_PID=$PID_B; stop_server; PID_B=""
elapsed_ms=$(( ($(date +%s%N) - started) / 1000000 ))
wait "$HELD" || { echo "the held subscriber was not closed:" >&2; cat target/subscriptions-held.log >&2; exit 1; }
grep -q "closed 1000" target/subscriptions-held.log \
  || { echo "the held subscriber's socket did not close normally:" >&2; cat target/subscriptions-held.log >&2; exit 1; }
if grep -q "Timed out waiting for graceful shutdown" target/subscriptions-b.log || [ "$elapsed_ms" -ge 9000 ]; then
  echo "instance B took ${elapsed_ms} ms to stop with a subscriber connected; its log:" >&2
  tail -20 target/subscriptions-b.log >&2
  exit 1
fi
echo "shutdown OK: instance B closed its subscriber's socket and stopped in ${elapsed_ms} ms"
