#!/usr/bin/env bash
# pgbench's transactions per second for the server's batched statements against the one-statement
# JSON forms of the canonical traversal, alternated, on a database already loaded with
# bench/dataset.sql. Usage: bench/one-statement/compare.sh DATABASE [ROUNDS] [SECONDS]
set -euo pipefail
db=${1:?database loaded with bench/dataset.sql}
rounds=${2:-3}
seconds=${3:-8}
here=$(cd "$(dirname "$0")" && pwd)
pg=(-h 127.0.0.1 -p "${BENCH_PG_PORT:-5432}" -U postgres)
tps() { pgbench "${pg[@]}" -n -M prepared -c 2 -j 2 -T "$seconds" -f "$1" "$db" 2>&1 | awk '/^tps/ {print $3}'; }
# enable_seqscan is switched off for one form only, on this database only, and always switched back.
trap 'psql "${pg[@]}" -qc "alter database \"$db\" reset enable_seqscan" >/dev/null' EXIT
for ((r = 1; r <= rounds; r++)); do
  for f in batched canonical-naive canonical; do
    printf 'round %d  %-16s %8.1f tx/s\n' "$r" "$f" "$(tps "$here/$f.sql")"
  done
  psql "${pg[@]}" -qc "alter database \"$db\" set enable_seqscan = off" >/dev/null
  printf 'round %d  %-16s %8.1f tx/s\n' "$r" "canonical, index" "$(tps "$here/canonical.sql")"
  psql "${pg[@]}" -qc "alter database \"$db\" reset enable_seqscan" >/dev/null
done
