#!/usr/bin/env bash
# The Communiqué benchmark, start to finish: see bench/README.md. Usage: bench/run.sh
# A fresh database on the PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres), dropped at the
# end; the packaged jar on a free loopback port; wrk at 16 connections. About 6 minutes.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PG_PORT=${BENCH_PG_PORT:-5432}
export BENCH_DURATION=${BENCH_DURATION:-30} BENCH_WARMUP=${BENCH_WARMUP:-10}
export BENCH_PG_PORT=$PG_PORT
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
RESULTS=$ROOT/bench/results
DB=communique_bench_$$
SERVER_PID=
WORK=

say() { printf '%s [bench] %s\n' "$(date +%H:%M:%S)" "$*"; }
pg() { psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -v ON_ERROR_STOP=1 -Atq "$@"; }

stop_server() {
    [[ -n $SERVER_PID ]] || return 0
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 60); do
        kill -0 "$SERVER_PID" 2>/dev/null || break
        sleep 0.5
    done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
        say "server $SERVER_PID did not stop on SIGTERM in 30 s; killing it"
        kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
    wait "$SERVER_PID" 2>/dev/null || true
    SERVER_PID=
}

cleanup() {
    local rc=$?
    stop_server
    pg -d postgres -c "drop database if exists $DB with (force)" >/dev/null 2>&1 || say "could not drop database $DB"
    [[ -n $WORK && -d $WORK ]] && rm -rf "$WORK"
    exit $rc
}
trap cleanup EXIT
trap 'exit 130' INT TERM

start_server() {
    local port
    port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
    export BENCH_URL=http://127.0.0.1:$port/graphql
    # shellcheck disable=SC2086
    QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:$PG_PORT/$DB \
    QUARKUS_DATASOURCE_USERNAME=postgres QUARKUS_DATASOURCE_PASSWORD= \
    QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT=$port \
        java ${BENCH_JAVA_OPTS:-} -jar "$JAR" >"$WORK/server-$1.log" 2>&1 &
    SERVER_PID=$!
    export BENCH_SERVER_PID=$SERVER_PID
    for _ in $(seq 240); do
        if curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "$BENCH_URL"; then
            say "server $1 (pid $SERVER_PID) answers on $BENCH_URL"
            return 0
        fi
        if ! kill -0 "$SERVER_PID" 2>/dev/null; then
            tail -50 "$WORK/server-$1.log"
            say "server $1 exited during start"
            exit 1
        fi
        sleep 0.5
    done
    tail -50 "$WORK/server-$1.log"
    say "server $1 did not answer within 120 s"
    exit 1
}

# --- prerequisites ---------------------------------------------------------------------------------
for tool in java psql python3 curl; do
    command -v "$tool" >/dev/null || { say "$tool is required"; exit 1; }
done
if ! command -v wrk >/dev/null; then
    say "installing wrk (Debian package)"
    apt-get install -y wrk >/dev/null || { apt-get update >/dev/null && apt-get install -y wrk >/dev/null; }
fi
if [[ ! -f $JAR ]]; then
    say "no $JAR: building it (./mvnw -B -q package -DskipTests)"
    ./mvnw -B -q package -DskipTests
else
    say "using the existing $JAR (built $(date -r "$JAR" '+%F %T')); rebuild with ./mvnw package -DskipTests"
fi
PG_MAJOR=$(pg -d postgres -c 'show server_version_num')
PG_MAJOR=$((PG_MAJOR / 10000))
export BENCH_PG_LOG=${BENCH_PG_LOG:-/var/log/postgresql/postgresql-$PG_MAJOR-main.log}
if [[ ! -r $BENCH_PG_LOG ]]; then
    say "cannot read the PostgreSQL log $BENCH_PG_LOG, needed to count SQL statements; set BENCH_PG_LOG"
    exit 1
fi
if [[ $(pg -d postgres -c 'show log_line_prefix') != '%m [%p] %q%u@%d ' ]]; then
    say "warning: log_line_prefix is not Debian's '%m [%p] %q%u@%d '; SQL statement counts may read 0"
fi

WORK=$(mktemp -d /tmp/communique-bench.XXXXXX)
export BENCH_WORK=$WORK BENCH_DB=$DB
mkdir -p "$RESULTS"

# --- phase 1: counting server, every statement of this database logged ---------------------------
pg -d postgres -c "create database $DB"
pg -d postgres -c "alter database $DB set log_statement = 'all'"
say "database $DB created; statements in it are logged while SQL statements are counted"
start_server counting
python3 bench/bench.py count seed

say "loading the benchmark dataset (bench/dataset.sql)"
load_start=$(date +%s.%N)
pg -d "$DB" -v dialogues=100 -v statements_per_dialogue=500 -v officials=2000 -v commitments_per_dialogue=100 \
    -f bench/dataset.sql >/dev/null
load_seconds=$(python3 -c "import time; print(round(time.time() - $load_start, 1))")
say "dataset loaded in ${load_seconds} s: $(pg -d "$DB" -c "select format('%s dialogues, %s officials, %s statements, %s commitments',
    (select count(*) from dialogue), (select count(*) from official), (select count(*) from statement),
    (select count(*) from commitment))")"
python3 bench/bench.py count large
stop_server

# --- phase 2: timed server, nothing logged --------------------------------------------------------
pg -d postgres -c "alter database $DB reset log_statement"
start_server timed
python3 bench/bench.py timed
stop_server

# --- report ----------------------------------------------------------------------------------------
python3 - "$WORK/machine.json" "$load_seconds" <<EOF
import json, os, subprocess, sys
def sh(c):
    return subprocess.run(c, shell=True, capture_output=True, text=True).stdout.strip()
machine = {
    "date": sh("date -u '+%F %H:%M UTC'"),
    "commit": sh("git rev-parse --short HEAD") + (" (uncommitted changes)" if sh("git status --porcelain -- src pom.xml db") else ""),
    "nproc": sh("nproc"),
    "memory": sh("awk '/MemTotal/ {printf \"%.1f GiB\", \$2 / 1048576}' /proc/meminfo"),
    "cpu": sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip(),
    "jvm": sh("java -version 2>&1 | sed -n 2p"),
    "postgresql": sh("psql -h 127.0.0.1 -p $PG_PORT -U postgres -Atc 'show server_version' postgres"),
    "wrk": sh("wrk -v 2>&1 | head -1").split(" [")[0],
    "load": "wrk -t ${BENCH_THREADS:-2} -c ${BENCH_CONNECTIONS:-16}, ${BENCH_DURATION} s per scenario after ${BENCH_WARMUP} s warm-up",
    "dataset load": sys.argv[2] + " s",
    "load average at end": sh("cut -d' ' -f1-3 /proc/loadavg"),
}
json.dump(machine, open(sys.argv[1], "w"), indent=1)
EOF
python3 bench/bench.py report | tee "$RESULTS/latest.md"
cp "$WORK"/count-*.json "$WORK"/timed.json "$WORK"/machine.json "$RESULTS/"
say "results in bench/results/ (latest.md and the raw JSON)"
