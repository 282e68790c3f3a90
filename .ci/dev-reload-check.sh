#!/usr/bin/env bash
# The README's run command in dev mode (./mvnw quarkus:dev), nothing configured: a live reload
# keeps the one embedded PostgreSQL and its data, and stopping dev mode stops that PostgreSQL.
# (A reload once ran the packaged server's exit handler, which stopped the database and broke
# the restart; nothing else exercises dev mode.)
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

DATA=$(mktemp -d)/pgdata
PORT=$(free_port)
DB_PORT=$(free_port)
PROBE=src/main/java/io/communique/graphql/QueryApi.java
DEV_PID=""
stop_dev() {
  if [ -n "$DEV_PID" ] && kill -0 "$DEV_PID" 2> /dev/null; then
    # Maven and the dev-mode JVM it forked share the process group started by setsid.
    kill -TERM -- "-$DEV_PID" 2> /dev/null || true
    wait "$DEV_PID" 2> /dev/null || true
  fi
  DEV_PID=""
}
trap 'stop_dev; git checkout -q -- "$PROBE"; pkill -f -- "postgres -D $DATA" || true' EXIT
unset QUARKUS_DATASOURCE_JDBC_URL || true

COMMUNIQUE_DATA_DIR="$DATA" COMMUNIQUE_EMBEDDED_DB_PORT="$DB_PORT" \
  setsid ./mvnw -B --no-transfer-progress quarkus:dev -Dquarkus.http.port="$PORT" -Dquarkus.console.enabled=false \
  > target/dev-reload.log 2>&1 &
DEV_PID=$!
ready() {
  for _ in $(seq 1 360); do
    if curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; then return 0; fi
    kill -0 "$DEV_PID" 2> /dev/null || break
    sleep 0.5
  done
  echo "dev mode did not become ready; its log:" >&2
  tail -80 target/dev-reload.log >&2
  return 1
}
ready
first=$(graphql "$TRAVERSAL")
expect_json "$first" 'r["data"]["officials"]["totalCount"] == 5'
psql -h 127.0.0.1 -p "$DB_PORT" -U postgres -d communique -v ON_ERROR_STOP=1 -qc \
  "insert into nation (code, name) values ('FR', 'France')"
postgres_before=$(pgrep -f -- "postgres -D $DATA" | sort | head -1)

# A source change; dev mode restarts the application on the next request that notices it. A change
# was once not noticed at all (cause not found), so the file is changed again until a
# restart shows in the log (bounded).
reloaded=""
for attempt in $(seq 1 30); do
  echo "// live-reload probe $attempt" >> "$PROBE"
  reloaded=$(graphql '{ nation(code: "FR") { name } }' || true)
  grep -q "Restarting quarkus due to changes in QueryApi" target/dev-reload.log && break
  sleep 1
done
git checkout -q -- "$PROBE"
grep -q "Restarting quarkus due to changes in QueryApi" target/dev-reload.log \
  || { echo "dev mode did not reload; its log:" >&2; tail -80 target/dev-reload.log >&2; exit 1; }
# The request that noticed the change waits for the restart; a failed restart answers with an error page.
for _ in $(seq 1 120); do
  [ -n "$reloaded" ] && break
  sleep 0.5
  reloaded=$(graphql '{ nation(code: "FR") { name } }' || true)
done
[ -n "$reloaded" ] || { echo "no answer after the live reload; dev mode's log:" >&2; tail -80 target/dev-reload.log >&2; exit 1; }
expect_json "$reloaded" 'r["data"]["nation"]["name"] == "France"'
# The reloaded classes serve nested (batched) fields exactly as before.
[ "$(graphql "$TRAVERSAL")" = "$first" ] || { echo "the traversal changed after the live reload" >&2; exit 1; }
[ "$(pgrep -f -- "postgres -D $DATA" | sort | head -1)" = "$postgres_before" ] \
  || { echo "the reload restarted PostgreSQL" >&2; exit 1; }

stop_dev
no_postgres_on "$DATA"
[ ! -e "$DATA/postmaster.pid" ] || { echo "stale postmaster.pid left in $DATA" >&2; exit 1; }
echo "dev mode OK: a live reload kept the embedded database and its rows; stopping dev mode stopped it"
