# Shared by bench/run.sh and bench/ab.sh (sourced, not run): the database, the server processes and
# the cleanup that removes both, whatever way the script ends. The sourcing script sets PG_PORT, DB
# and WORK first.

SERVER_PIDS=()
EXTRA_DBS=()   # databases besides $DB that the cleanup drops

say() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*"; }
pg() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

# stop_server PID: SIGTERM, then SIGKILL after 30 s.
stop_server() {
    local pid=$1
    kill -TERM "$pid" 2>/dev/null || true
    for _ in $(seq 60); do
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$pid" 2>/dev/null; then
        say "server $pid did not stop on SIGTERM in 30 s; killing it"
        kill -KILL "$pid" 2>/dev/null || true
    fi
    wait "$pid" 2>/dev/null || true
    local kept=()
    for other in "${SERVER_PIDS[@]}"; do
        [[ $other == "$pid" ]] || kept+=("$other")
    done
    SERVER_PIDS=("${kept[@]}")
}

cleanup() {
    local rc=$?
    for pid in "${SERVER_PIDS[@]}"; do
        stop_server "$pid"
    done
    for db in "$DB" "${EXTRA_DBS[@]}"; do
        pg -d postgres -c "drop database if exists $db with (force)" >/dev/null 2>&1 || say "could not drop database $db"
    done
    [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
    exit $rc
}

# start_server NAME JAR: the jar on a free loopback port against $DB, with $BENCH_JAVA_OPTS; sets
# SERVER_PID and SERVER_URL once it answers a query.
start_server() {
    local name=$1 jar=$2 port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    SERVER_URL=http://127.0.0.1:$port/graphql
    # shellcheck disable=SC2086
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port \
        java ${BENCH_JAVA_OPTS:-} -jar "$jar" >"$WORK/server-$name.log" 2>&1 &
    SERVER_PID=$!
    SERVER_PIDS+=("$SERVER_PID")
    for _ in $(seq 240); do
        if curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$SERVER_URL"; then
            say "server $name (pid $SERVER_PID) answers on $SERVER_URL"
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -50 "$WORK/server-$name.log"
            say "server $name exited during start"
            exit 1
        fi
        sleep 0.5
    done
    tail -50 "$WORK/server-$name.log"
    say "server $name did not answer within 120 s"
    exit 1
}

# need_tools: java, psql, python3, curl present; wrk installed from Debian's packages when missing.
need_tools() {
    for tool in java psql python3 curl; do
        command -v "$tool" >/dev/null || { say "$tool is required"; exit 1; }
    done
    if ! command -v wrk >/dev/null; then
        say "installing wrk (Debian package)"
        apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
    fi
}

# load_dataset: bench/dataset.sql into $DB at the benchmark's size; sets LOAD_SECONDS.
load_dataset() {
    say "loading the benchmark dataset (bench/dataset.sql)"
    local start
    start=$(date +%s.%N)
    pg -d "$DB" -v dialogues=100 -v statements_per_dialogue=500 -v officials=2000 -v commitments_per_dialogue=100 \
        -f bench/dataset.sql >/dev/null
    LOAD_SECONDS=$(python3 -c "import time; print(round(time.time() - $start, 1))")
    say "dataset loaded in ${LOAD_SECONDS} s: $(pg -d "$DB" -c "select format('%s dialogues, %s officials, %s statements, %s commitments',
        (select count(*) from dialogue), (select count(*) from official), (select count(*) from statement),
        (select count(*) from commitment))")"
}
