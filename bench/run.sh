#!/usr/bin/env bash
# The Communiqué benchmark, start to finish: see bench/README.md. Usage: bench/run.sh
# A fresh database on the PostgreSQL at 127.0.0.1:5432 (trust auth, user postgres), dropped at the
# end; the packaged jar on a free loopback port; wrk at 16 connections. About 10 minutes.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
PG_PORT=${BENCH_PG_PORT:-5432}
export BENCH_DURATION=${BENCH_DURATION:-30} BENCH_WARMUP=${BENCH_WARMUP:-10} BENCH_WARMUP_MAX=${BENCH_WARMUP_MAX:-360}
export BENCH_PG_PORT=$PG_PORT
JAR=$ROOT/target/quarkus-app/quarkus-run.jar
RESULTS=$ROOT/bench/results
DB=communique_bench_$$
WORK=
# shellcheck source=bench/common.sh
source bench/common.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- prerequisites ---------------------------------------------------------------------------------
need_tools
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
start_server counting "$JAR"
export BENCH_URL=$SERVER_URL BENCH_SERVER_PID=$SERVER_PID
python3 bench/bench.py count seed
load_dataset
python3 bench/bench.py count large
stop_server "$SERVER_PID"

# --- phase 2: timed server, nothing logged --------------------------------------------------------
pg -d postgres -c "alter database $DB reset log_statement"
start_server timed "$JAR"
export BENCH_URL=$SERVER_URL BENCH_SERVER_PID=$SERVER_PID
python3 bench/bench.py timed
stop_server "$SERVER_PID"

# --- report ----------------------------------------------------------------------------------------
python3 - "$WORK/machine.json" "$LOAD_SECONDS" <<EOF
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
    "load": "wrk -t ${BENCH_THREADS:-2} -c ${BENCH_CONNECTIONS:-16}, ${BENCH_DURATION} s per scenario after a warm-up of ${BENCH_WARMUP} s slices until the JIT is quiet (at most ${BENCH_WARMUP_MAX} s)",
    "dataset load": sys.argv[2] + " s",
    "load average at end": sh("cut -d' ' -f1-3 /proc/loadavg"),
}
json.dump(machine, open(sys.argv[1], "w"), indent=1)
EOF
python3 bench/bench.py report | tee "$RESULTS/latest.md"
cp "$WORK"/count-*.json "$WORK"/timed.json "$WORK"/machine.json "$RESULTS/"
say "results in bench/results/ (latest.md and the raw JSON)"
