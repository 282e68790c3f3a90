# Helpers shared by the CI checks that run the packaged server.
JAR=target/quarkus-app/quarkus-run.jar
SERVER_PID=""

free_port() {
  python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}

# start_server LOG [ENV=VALUE...]: starts the jar on $PORT and waits up to 60 s for readiness.
start_server() {
  local log=$1; shift
  env "$@" QUARKUS_HTTP_PORT="$PORT" java -jar "$JAR" > "$log" 2>&1 &
  SERVER_PID=$!
  for _ in $(seq 1 120); do
    if curl -sf "http://127.0.0.1:$PORT/q/health/ready" > /dev/null; then return 0; fi
    if ! kill -0 "$SERVER_PID" 2> /dev/null; then break; fi
    sleep 0.5
  done
  echo "server did not become ready; its log:" >&2
  cat "$log" >&2
  return 1
}

stop_server() {
  if [ -n "$SERVER_PID" ] && kill -0 "$SERVER_PID" 2> /dev/null; then
    kill -TERM "$SERVER_PID"
    wait "$SERVER_PID" || true
  fi
  SERVER_PID=""
}

# graphql QUERY: posts QUERY and prints the response body.
graphql() {
  python3 -c 'import json, sys; print(json.dumps({"query": sys.argv[1]}))' "$1" \
    | curl -sf -H 'Content-Type: application/json' --data-binary @- "http://127.0.0.1:$PORT/graphql"
}

# expect_json BODY PYTHON_EXPR: fails unless the expression (over the parsed body `r`) is true.
expect_json() {
  python3 -c 'import json, sys; r = json.loads(sys.argv[1]); ok = eval(sys.argv[2]); sys.exit(0 if ok else 1)' "$1" "$2" \
    || { echo "unexpected response for [$2]: $1" >&2; return 1; }
}

TRAVERSAL='{ officials(first: 10) { totalCount nodes { id name statements(first: 50) { nodes { text commitments { title status } } } } } }'

# no_postgres_on DIR: true once no postgres process serves DIR (waits up to 10 s for it to exit).
no_postgres_on() {
  for _ in $(seq 1 40); do
    pgrep -f -- "postgres -D $1" > /dev/null || return 0
    sleep 0.25
  done
  echo "postgres still serving $1:" >&2
  pgrep -af -- "postgres -D $1" >&2
  return 1
}
