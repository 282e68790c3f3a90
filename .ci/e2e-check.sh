#!/usr/bin/env bash
# The client's view of the packaged server: typed client code generated from schema.graphql and the
# README's example operations must compile, GraphiQL must run those examples in a real browser, and
# Apollo Client's persisted-queries link must work against it (e2e/test/persisted-queries.test.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

[ -f "$JAR" ] || { echo "$JAR is missing: run ./mvnw package -DskipTests first" >&2; exit 1; }
command -v node > /dev/null && command -v npm > /dev/null || { echo "the e2e check needs Node 20+ and npm" >&2; exit 1; }
t0=$SECONDS
phase() { echo "-- $1 ($((SECONDS - t0)) s)"; }

phase "Chromium"
bash e2e/scripts/ensure-chromium.sh

phase "npm ci"
(cd e2e && npm ci --no-audit --no-fund --loglevel=error)

# No server needed: codegen validates the documented operations against the committed schema, and
# tsc checks the client that reads their results.
phase "codegen + tsc (client contract)"
(cd e2e && npm run --silent codegen && npm run --silent typecheck)

TMP=$(mktemp -d)
DATA=$TMP/pgdata
PORT=$(free_port)
cleanup() {
  stop_server
  # The server stops its PostgreSQL on SIGTERM; should it have died first, stop that one by its pid.
  if [ -f "$DATA/postmaster.pid" ]; then
    kill -TERM "$(head -n 1 "$DATA/postmaster.pid")" 2> /dev/null || true
    no_postgres_on "$DATA" || true
  fi
  rm -rf "$TMP"
}
trap cleanup EXIT
unset QUARKUS_DATASOURCE_JDBC_URL || true

phase "starting the packaged server"
start_server target/e2e-server.log COMMUNIQUE_DATA_DIR="$DATA"

phase "node --test: README operations, GraphiQL in headless Chromium, Apollo Client persisted queries"
(cd e2e && COMMUNIQUE_URL="http://127.0.0.1:$PORT" node --test test/*.test.mjs)

stop_server
no_postgres_on "$DATA"
phase "done"
echo "e2e OK: client contract compiles; GraphiQL ran the README examples (screenshots in e2e/artifacts/); Apollo Client ran persisted queries over POST and GET"
