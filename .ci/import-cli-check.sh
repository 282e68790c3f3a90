#!/usr/bin/env bash
# The jar's command-line modes (README, "Import and export"): export the seed dialogue from one fresh
# database, import it into another that was migrated and then emptied, export again: byte-identical.
# Also: a re-import changes nothing, a bad document exits non-zero with one clear line and no stack
# trace, and no HTTP listener is opened. Databases are created on 127.0.0.1:5432 and dropped.
set -euo pipefail
cd "$(dirname "$0")/.."
source .ci/lib.sh

SOURCE_DB="communique_cli_src_$$"
TARGET_DB="communique_cli_dst_$$"
WORK=$(mktemp -d)
SEED=fifth-india-us-2-2-ministerial-dialogue
cleanup() {
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $SOURCE_DB" > /dev/null || true
  psql -h 127.0.0.1 -U postgres -d postgres -qc "drop database if exists $TARGET_DB" > /dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT
for db in "$SOURCE_DB" "$TARGET_DB"; do
  psql -h 127.0.0.1 -U postgres -d postgres -v ON_ERROR_STOP=1 -qc "create database $db" > /dev/null
done

# cli DB ARGS...: runs the jar's command against database DB.
cli() {
  local db=$1; shift
  QUARKUS_DATASOURCE_JDBC_URL="jdbc:postgresql://127.0.0.1:5432/$db" QUARKUS_DATASOURCE_USERNAME=postgres \
    QUARKUS_DATASOURCE_PASSWORD= java -jar "$JAR" "$@"
}

# 1. Export the seed from a fresh database (the command runs the migrations first).
cli "$SOURCE_DB" export "$SEED" "$WORK/first.json" 2> "$WORK/export.log"
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert len(d["statements"]) == 23 and len(d["commitments"]) == 9' "$WORK/first.json"

# 2. An empty database: migrate it (every migrated database holds the seed, V2), then truncate the graph.
cli "$TARGET_DB" export "$SEED" > /dev/null 2> "$WORK/migrate.log"
PGOPTIONS="-c client_min_messages=warning" psql -h 127.0.0.1 -U postgres -d "$TARGET_DB" -v ON_ERROR_STOP=1 -qc \
  "truncate nation, topic, subject, official, office, dialogue, source_document, external_source, audit_entry, node_change restart identity cascade"
[ "$(psql -h 127.0.0.1 -U postgres -d "$TARGET_DB" -tAc "select count(*) from statement")" = 0 ]

# 3. Import it there, with INFO logs to prove that no HTTP listener opens.
QUARKUS_LOG_LEVEL=INFO cli "$TARGET_DB" import "$WORK/first.json" > "$WORK/import.out" 2> "$WORK/import.log"
cat "$WORK/import.out"
grep -q "0 unchanged$" <(head -1 "$WORK/import.out") || { echo "the first import into an empty database found rows" >&2; exit 1; }
if grep -q "Listening on: http" "$WORK/import.log"; then
  echo "the import command opened an HTTP listener:" >&2; grep "Listening on: http" "$WORK/import.log" >&2; exit 1
fi

# 4. Export again: byte-identical to the first export.
cli "$TARGET_DB" export "$SEED" "$WORK/second.json" 2> /dev/null
cmp "$WORK/first.json" "$WORK/second.json"

# 5. Idempotent: the same document again writes nothing.
rows_before=$(psql -h 127.0.0.1 -U postgres -d "$TARGET_DB" -tAc "select (select count(*) from audit_entry) || '/' || (select count(*) from statement)")
cli "$TARGET_DB" import "$WORK/first.json" > "$WORK/again.out" 2> /dev/null
grep -q ": 0 created, 0 updated, " "$WORK/again.out" || { cat "$WORK/again.out" >&2; exit 1; }
[ "$rows_before" = "$(psql -h 127.0.0.1 -U postgres -d "$TARGET_DB" -tAc "select (select count(*) from audit_entry) || '/' || (select count(*) from statement)")" ]

# 6. A refused document: non-zero exit, one clear message naming the place, no stack trace, nothing written.
python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); d["statements"][4]["text"] = "tampered"; json.dump(d, open(sys.argv[2], "w"))' \
  "$WORK/first.json" "$WORK/bad.json"
status=0
cli "$TARGET_DB" import "$WORK/bad.json" > /dev/null 2> "$WORK/bad.log" || status=$?
[ "$status" = 1 ] || { echo "a refused import exited with $status, not 1" >&2; cat "$WORK/bad.log" >&2; exit 1; }
grep -q "import refused: .* at /statements/4/text: " "$WORK/bad.log" || { cat "$WORK/bad.log" >&2; exit 1; }
if grep -qE "^\s+at [a-z]|Exception" "$WORK/bad.log"; then
  echo "a refused import printed a stack trace:" >&2; cat "$WORK/bad.log" >&2; exit 1
fi
status=0
cli "$TARGET_DB" import "$WORK/missing.json" > /dev/null 2> "$WORK/missing.log" || status=$?
[ "$status" = 2 ] && grep -q "no such file" "$WORK/missing.log"

# 7. Not UTF-8: a refused document (1), naming the file. A directory: wrong usage (2), naming it.
printf '\xff\xfe{}' > "$WORK/latin.json"
status=0
cli "$TARGET_DB" import "$WORK/latin.json" > /dev/null 2> "$WORK/latin.log" || status=$?
[ "$status" = 1 ] && grep -q "import refused: $WORK/latin.json is not UTF-8 text" "$WORK/latin.log" \
  || { echo "a non-UTF-8 file exited with $status:" >&2; cat "$WORK/latin.log" >&2; exit 1; }
mkdir "$WORK/adir"
status=0
cli "$TARGET_DB" import "$WORK/adir" > /dev/null 2> "$WORK/adir.log" || status=$?
[ "$status" = 2 ] && grep -q "$WORK/adir: is a directory" "$WORK/adir.log" \
  || { echo "a directory exited with $status:" >&2; cat "$WORK/adir.log" >&2; exit 1; }

# 8. Any other first argument is not a server start: usage and 2 (help: stdout and 0), at once, no listener.
status=0
timeout 20 java -jar "$JAR" improt seed.json > "$WORK/typo.out" 2> "$WORK/typo.log" || status=$?
[ "$status" = 2 ] && grep -q "unknown command 'improt'" "$WORK/typo.log" && ! grep -q "Listening on" "$WORK/typo.out" "$WORK/typo.log" \
  || { echo "a mistyped command exited with $status:" >&2; cat "$WORK/typo.out" "$WORK/typo.log" >&2; exit 1; }
timeout 20 java -jar "$JAR" --help > "$WORK/help.out" 2> "$WORK/help.log"
grep -q "usage: java -jar quarkus-run.jar" "$WORK/help.out"

echo "import CLI OK: export, import into an empty database, export are identical; re-import wrote nothing"
