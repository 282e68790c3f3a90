#!/usr/bin/env bash
# Compares two builds of the server on this machine: see "Comparing two builds" in bench/README.md.
# Usage: bench/ab.sh DIR_A DIR_B [canonical|fresh-canonical|search|fresh-search|page1|page500|node]
#   DIR_A, DIR_B: quarkus-app directories of two builds (each with quarkus-run.jar) whose migrations agree.
# One fresh database with the benchmark dataset, both servers up at once, wrk slices alternated between
# them; prints every slice and the median B/A ratios. About 9 minutes with the defaults.
# BENCH_AB_OWN_DATABASE=1 gives B a database of its own, loaded the same way, for a change that lives
# in the database (an index, a migration A does not have): on a shared one A would run with it too.
set -euo pipefail

if [[ $# -lt 2 || ! -f $1/quarkus-run.jar || ! -f $2/quarkus-run.jar ]]; then
    sed -n '2,6p' "$0"
    exit 2
fi
JAR_A=$(cd "$1" && pwd)/quarkus-run.jar
JAR_B=$(cd "$2" && pwd)/quarkus-run.jar
SCENARIO=${3:-canonical}

cd "$(dirname "$0")/.."
PG_PORT=${BENCH_PG_PORT:-5432}
DB=communique_ab_$$
WORK=
# shellcheck source=bench/common.sh
source bench/common.sh
trap cleanup EXIT
trap 'exit 130' INT TERM

need_tools
WORK=$(mktemp -d /tmp/communique-ab.XXXXXX)
export BENCH_WORK=$WORK

pg -d postgres -c "create database $DB"
# A migrates the database; B then validates the same migrations (or, with BENCH_AB_OWN_DATABASE=1,
# migrates its own).
# BENCH_JAVA_OPTS_A and BENCH_JAVA_OPTS_B, when set, replace BENCH_JAVA_OPTS for one side: the same
# build under two JVM settings is an A/B too.
BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS_A-${BENCH_JAVA_OPTS:-}} start_server A "$JAR_A"
PID_A=$SERVER_PID URL_A=$SERVER_URL
load_dataset
if [[ ${BENCH_AB_OWN_DATABASE:-0} == 1 ]]; then
    EXTRA_DBS+=("$DB")
    DB=${DB}_b
    pg -d postgres -c "create database $DB"
    BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS_B-${BENCH_JAVA_OPTS:-}} start_server B "$JAR_B"
    load_dataset
else
    BENCH_JAVA_OPTS=${BENCH_JAVA_OPTS_B-${BENCH_JAVA_OPTS:-}} start_server B "$JAR_B"
fi
PID_B=$SERVER_PID URL_B=$SERVER_URL

say "A: $JAR_A"
say "B: $JAR_B"
BENCH_URL_A=$URL_A BENCH_PID_A=$PID_A BENCH_URL_B=$URL_B BENCH_PID_B=$PID_B python3 -u bench/bench.py ab "$SCENARIO"
