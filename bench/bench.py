#!/usr/bin/env python3
"""GraphQL side of the Communiqué benchmark; bench/run.sh owns the processes and the database.

Subcommands (all talk to the server at $BENCH_URL, keep their state in $BENCH_WORK):
  count seed|large  SQL statements per request of every scenario, counted from the PostgreSQL log
                    (the database runs with log_statement=all while the counting server is up)
  setup             obtains, through the API, the cursor of page 500 and real node ids of every type
  timed             warms up, then runs every scenario under wrk and samples the server's RSS
  report            prints the results table (Markdown)
  ab SCENARIO       two servers ($BENCH_URL_A/_B, $BENCH_PID_A/_B) on one database, wrk slices
                    alternated between them; prints each slice and the median B/A ratios (bench/ab.sh)
Only the Python standard library is used.
"""
import json
import os
import random
import re
import subprocess
import sys
import time
import urllib.request

WORK = os.environ.get("BENCH_WORK", ".")
URL = os.environ.get("BENCH_URL", "")
HERE = os.path.dirname(os.path.abspath(__file__))
QUERIES = os.path.join(os.path.dirname(HERE), "src", "test", "resources", "graphql")

PAGE_SIZE = 20
DEEP_PAGE = 500
SEARCH_TERMS = ["semiconductor", "jet engines", "maritime", "counter-terrorism", "critical minerals",
                "ceasefire", "quantum", "cyber security", "Quad", "Indo-Pacific", "Blinken", "undersea cables",
                "export control", "vaccine", "disaster relief", "drone"]

PAGE_QUERY = """query StatementsPage($first: Int!, $after: String) {
  statements(first: $first, after: $after) {
    edges { cursor node { id text kind source { ordinal } } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
  }
}"""


def path(name):
    return os.path.join(WORK, name)


def load(name, default=None):
    try:
        with open(path(name)) as f:
            return json.load(f)
    except FileNotFoundError:
        return default


def save(name, value):
    with open(path(name), "w") as f:
        json.dump(value, f, indent=1)


def body(query, variables=None):
    return json.dumps({"query": query, "variables": variables or {}}, separators=(",", ":"))


def post(raw, fresh=False):
    """fresh: with Cache-Control: no-cache, so that the server executes the query instead of answering it
    from its response cache."""
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if fresh:
        headers["Cache-Control"] = "no-cache"
    request = urllib.request.Request(URL, data=raw.encode(), method="POST", headers=headers)
    with urllib.request.urlopen(request, timeout=60) as response:
        return json.loads(response.read())


def gql(query, variables=None, fresh=False):
    result = post(body(query, variables), fresh)
    if result.get("errors"):
        raise RuntimeError("GraphQL errors for %s: %s" % (query[:80], json.dumps(result["errors"])[:500]))
    return result["data"]


def canonical_query():
    with open(os.path.join(QUERIES, "canonical-traversal.graphql")) as f:
        return f.read()


def node_query():
    with open(os.path.join(QUERIES, "node.graphql")) as f:
        return f.read()


# --- search: only when the served schema has it ------------------------------------------------

HAS_SEARCH = '{ __schema { queryType { fields { name } } } }'


def search_query():
    """The search request, or why there is none: bench/queries/search.graphql (or the file named by
    BENCH_SEARCH_QUERY, a query with a $term: String! variable), only if the served schema has
    Query.search and the query runs there without errors."""
    fields = [f["name"] for f in gql(HAS_SEARCH)["__schema"]["queryType"]["fields"]]
    if "search" not in fields:
        return None, "not available: the served schema has no Query.search field"
    name = os.environ.get("BENCH_SEARCH_QUERY") or os.path.join(HERE, "queries", "search.graphql")
    with open(name) as f:
        query = f.read()
    result = post(body(query, {"term": SEARCH_TERMS[0]}))
    if result.get("errors"):
        return None, "not run: %s fails on the served schema: %s" % (
            os.path.basename(name), json.dumps(result["errors"])[:300])
    return query, os.path.basename(name)


def search_bodies():
    query, how = search_query()
    if query is None:
        return None, how
    return [body(query, {"term": term}) for term in SEARCH_TERMS], how


# --- scenarios -----------------------------------------------------------------------------------

# A scenario named with this prefix sends the same bodies with Cache-Control: no-cache: every request
# is executed, none answered from the server's response cache (README, "Response cache"). It measures
# the execution path, which the as-shipped scenario hardly reaches once its few bodies are cached.
FRESH = "fresh-"


def fresh(name):
    return name.startswith(FRESH)


def scenario_bodies(phase):
    """Request bodies per scenario, from the ids and cursors setup obtained through the API."""
    state = load("setup-%s.json" % phase)
    scenarios = {"canonical": [body(canonical_query(), {"first": PAGE_SIZE})]}
    scenarios[FRESH + "canonical"] = scenarios["canonical"]
    search, why = search_bodies()
    scenarios["search"] = search
    scenarios[FRESH + "search"] = search
    scenarios["page1"] = [body(PAGE_QUERY, {"first": PAGE_SIZE})]
    scenarios["page500"] = [body(PAGE_QUERY, {"first": PAGE_SIZE, "after": state["deep_cursor"]})]
    rng = random.Random(500)
    node = node_query()
    bodies = []
    for type_name, ids in sorted(state["ids"].items()):
        for node_id in rng.sample(ids, min(len(ids), 60)):
            bodies.append(body(node, {"id": node_id}))
    rng.shuffle(bodies)
    scenarios["node"] = bodies
    return scenarios, why, state


def collect(query, key, variables, pages, extract):
    """Walks a root connection by pageInfo.endCursor, at most `pages` pages."""
    after, out = None, []
    for _ in range(pages):
        data = gql(query, dict(variables, after=after), fresh=True)[key]
        extract(data["nodes"], out)
        if not data["pageInfo"]["hasNextPage"]:
            break
        after = data["pageInfo"]["endCursor"]
    return out


def setup(phase):
    """Reads, through the API and outside any timed part, the cursor of the deep page and real ids."""
    started = time.time()
    deep_page = DEEP_PAGE if phase == "large" else 2
    after, statement_ids, pages = None, [], 0
    for _ in range(deep_page - 1):
        # Executed (no-cache), as every read of the setup: the dataset was written a moment ago, and a
        # server still holding an answer from before would hear of it only when its notice arrives.
        data = gql(PAGE_QUERY, {"first": PAGE_SIZE, "after": after}, fresh=True)["statements"]
        pages += 1
        statement_ids.extend(edge["node"]["id"] for edge in data["edges"])
        after = data["pageInfo"]["endCursor"]
        if not data["pageInfo"]["hasNextPage"]:
            raise RuntimeError("only %d pages of statements; page %d does not exist" % (pages, deep_page))

    def ids(nodes, out):
        out.extend(n["id"] for n in nodes)

    def commitment_ids(nodes, out):
        out.extend(("Commitment", n["id"]) for n in nodes)
        out.extend(("CommitmentStatusChange", s["id"]) for n in nodes for s in n["statusHistory"])

    connection = "query Ids($after: String) { %s(first: 100, after: $after) { nodes { id } pageInfo { hasNextPage endCursor } } }"
    id_sets = {"Statement": statement_ids}
    for type_name, field, pages_max in [("Official", "officials", 25), ("Dialogue", "dialogues", 5),
                                        ("Nation", "nations", 5), ("Topic", "topics", 5), ("Subject", "subjects", 5),
                                        ("SourceDocument", "sourceDocuments", 5)]:
        id_sets[type_name] = collect(connection % field, field, {}, pages_max, ids)
    pairs = collect("query Ids($after: String) { commitments(first: 100, after: $after) { nodes { id statusHistory { id } }"
                    " pageInfo { hasNextPage endCursor } } }", "commitments", {}, 20, commitment_ids)
    for type_name, node_id in pairs:
        id_sets.setdefault(type_name, []).append(node_id)
    save("setup-%s.json" % phase, {"deep_page": deep_page, "deep_cursor": after, "ids": id_sets,
                                   "seconds": round(time.time() - started, 1)})
    print("setup %s: cursor of page %d after %d requests; ids: %s (%.1f s)" % (
        phase, deep_page, pages, ", ".join("%s %d" % (k, len(v)) for k, v in sorted(id_sets.items())),
        time.time() - started))


# --- SQL statements per request, from the PostgreSQL log ---------------------------------------

ENTRY_START = re.compile(r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d")
# log_line_prefix '%m [%p] %q%u@%d ' (Debian's default): "2026-11-27 23:21:00.123 UTC [1234] postgres@db LOG:  ..."
LOG_LINE = re.compile(r"^\S+ \S+ \S+ \[(\d+)\] (\S*)@(\S+) LOG:  (?:statement|execute [^:]*): ?(.*)$", re.S)
DATA_SQL = re.compile(r"^\s*(select|with|insert|update|delete|values)\b", re.I)
# The pool's validation of idle connections is not a statement of any request: in the background
# every 10 s, and before a connection idle for over a second is handed out. It once landed inside a
# counting window and made node:Commitment read as 1.2 statements per request. It was "select 1"
# (validation-query-sql); it is now the driver's Connection.isValid, an empty query.
POOL_VALIDATION = re.compile(r"^\s*(select 1\s*;?)?\s*$", re.I)


def psql(sql):
    return subprocess.run(["psql", "-h", "127.0.0.1", "-p", os.environ.get("BENCH_PG_PORT", "5432"), "-U", "postgres",
                           "-d", os.environ["BENCH_DB"], "-Atqc", sql], check=True, capture_output=True, text=True).stdout


def log_entries_since(log, offset, marker):
    """Log entries (a prefixed line and its continuation lines) appended after offset and before the
    entry of the marker query; waits, bounded, for the marker to be written."""
    deadline = time.time() + 20
    while True:
        with open(log, "rb") as f:
            f.seek(offset)
            text = f.read().decode("utf-8", "replace")
        at = text.find(marker)
        if at >= 0:
            text = text[:text.rfind("\n", 0, at) + 1]
            break
        if time.time() > deadline:
            raise RuntimeError("marker %s never reached %s" % (marker, log))
        time.sleep(0.05)
    entries = []
    for line in text.splitlines():
        if ENTRY_START.match(line) or not entries:
            entries.append(line)
        else:
            entries[-1] += "\n" + line
    return entries


def list_levels(value, at=(), seen=None):
    """The index-free paths of the lists in a response's data: each list field the data reached, even
    an empty one, is a level the server had to read. The server reads one statement per such level,
    whatever the number of rows, so per-request SQL may differ between two datasets only by the
    levels one of them never reaches (the seed's canonical traversal finds no commitment, so it never
    asks for parties)."""
    seen = set() if seen is None else seen
    if isinstance(value, dict):
        for key, child in value.items():
            list_levels(child, at + (key,), seen)
    elif isinstance(value, list):
        seen.add(at)
        for item in value:
            list_levels(item, at, seen)
    return seen


def count(phase):
    log, db = os.environ["BENCH_PG_LOG"], os.environ["BENCH_DB"]
    setup(phase)
    scenarios, why, state = scenario_bodies(phase)
    repeats = int(os.environ.get("BENCH_COUNT_REPEATS", "5"))
    results = {}
    # node lookups are counted per type, as each type is read by its own statement
    split = {name: bodies for name, bodies in scenarios.items() if not fresh(name)}
    with open(os.path.join(QUERIES, "dialogue-traversal.graphql")) as f:
        split["dialogue-traversal (counted only)"] = [body(f.read())]
    node = node_query()
    del split["node"]
    for type_name, ids in sorted(state["ids"].items()):
        split["node:" + type_name] = [body(node, {"id": i}) for i in ids[:repeats]]
    for name, bodies in split.items():
        if bodies is None:
            results[name] = None
            continue
        offset = os.path.getsize(log)
        sent, levels = 0, set()
        for i in range(repeats):
            response = post(bodies[i % len(bodies)], fresh=True)  # every one executed, none from the cache
            if response.get("errors"):
                raise RuntimeError("%s: %s" % (name, json.dumps(response["errors"])[:500]))
            list_levels(response.get("data"), seen=levels)
            sent += 1
        marker = "bench_marker_%s_%d" % (re.sub(r"\W", "_", name), time.time_ns())
        psql("select '%s'" % marker)
        data, other, pool = 0, 0, 0
        for entry in log_entries_since(log, offset, marker):
            m = LOG_LINE.match(entry)
            if not m or m.group(3) != db:
                continue
            if POOL_VALIDATION.match(m.group(4)):
                pool += 1
            elif DATA_SQL.match(m.group(4)):
                data += 1
            else:
                other += 1
        results[name] = {"per_request": data / sent, "other_per_request": other / sent, "requests": sent,
                         "pool_validation": pool, "list_levels": len(levels)}
        print("count %-28s %s: %.2f SQL statements per request (+%.2f transaction/other; %d pool validation apart)" % (
            name, phase, data / sent, other / sent, pool))
    save("count-%s.json" % phase, {"results": results, "search": why})


# --- timed runs -----------------------------------------------------------------------------------

def status_kb(pid, key="VmRSS"):
    with open("/proc/%s/status" % pid) as f:
        for line in f:
            if line.startswith(key + ":"):
                return int(line.split()[1])
    return None


def rss_kb(pid):
    return status_kb(pid, "VmRSS")


def cpu_seconds(pid):
    """User + system CPU time of the server process, all its threads (JIT and GC included)."""
    with open("/proc/%s/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def loadavg():
    with open("/proc/loadavg") as f:
        return " ".join(f.read().split()[:3])


def wrk(bodies, seconds, seed, fresh=False):
    bodies_file = path("bodies-%d.jsonl" % seed)
    with open(bodies_file, "w") as f:
        f.write("\n".join(bodies) + "\n")
    command = ["wrk", "-t", os.environ.get("BENCH_THREADS", "2"), "-c", os.environ.get("BENCH_CONNECTIONS", "16"),
               "-d", "%ds" % seconds, "--timeout", "10s", "-s", os.path.join(HERE, "graphql.lua"), URL, "--",
               bodies_file, str(seed)] + (["fresh"] if fresh else [])
    out = subprocess.run(command, check=True, capture_output=True, text=True, timeout=seconds + 60).stdout
    line = next(l for l in out.splitlines() if l.startswith("BENCH_RESULT "))
    return json.loads(line[len("BENCH_RESULT "):])


def jit_seconds(pid):
    """Seconds HotSpot's JIT compilers have spent so far (jstat's Time); None without jstat (a JRE)."""
    try:
        out = subprocess.run(["jstat", "-compiler", str(pid)], capture_output=True, text=True, timeout=30,
                             check=True).stdout
        return float(out.splitlines()[1].split()[3])
    except (OSError, subprocess.SubprocessError, IndexError, ValueError):
        return None


def jit_since(pid, before):
    """Seconds the JIT compiled since jit_seconds gave `before`; None when either reading is missing."""
    after = jit_seconds(pid)
    return None if before is None or after is None else after - before


def warm_up(pid, runnable):
    """Cycles through every scenario, BENCH_WARMUP s each, until the JIT has gone quiet: a cycle in which
    the compilers worked less than BENCH_JIT_QUIET s, at least one cycle and at most BENCH_WARMUP_MAX s
    in all. Under the canonical traversal the compilers work for about three minutes on this machine
    (26 s of compiling in the first 30 s, 0.2 s in the sixth 30 s); a timed run inside that window
    measures the JIT as much as the server. Without jstat it warms up for BENCH_WARMUP_MAX s."""
    slice_seconds = int(os.environ.get("BENCH_WARMUP", "10"))
    most = int(os.environ.get("BENCH_WARMUP_MAX", "360"))
    quiet = float(os.environ.get("BENCH_JIT_QUIET", "1.0"))
    started, cycles, seed = time.time(), 0, 1
    while True:
        jit_before = jit_seconds(pid)
        for name, bodies in runnable:
            warm = wrk(bodies, slice_seconds, seed, fresh(name))
            seed += 1
            print("warm-up %-10s %6d requests in %ds" % (name, warm["requests"], slice_seconds))
        cycles += 1
        jit = jit_since(pid, jit_before)
        elapsed = time.time() - started
        print("warm-up cycle %d: %s" % (cycles, "JIT time unknown (no jstat)" if jit is None
                                       else "the JIT compiled for %.1f s" % jit))
        if jit is not None and jit < quiet:
            return {"seconds": round(elapsed), "cycles": cycles, "last_cycle_jit_s": round(jit, 2), "quiet": True}
        if elapsed >= most:
            print("warm-up: stopped after %d s, the JIT still %s" % (elapsed, "busy" if jit is not None else "unmeasured"))
            return {"seconds": round(elapsed), "cycles": cycles, "last_cycle_jit_s": None if jit is None else round(jit, 2),
                    "quiet": False}


def timed():
    pid = os.environ["BENCH_SERVER_PID"]
    duration = int(os.environ.get("BENCH_DURATION", "30"))
    scenarios, why, _ = scenario_bodies("large")
    results = {"search_note": why, "rss_before_kb": rss_kb(pid), "scenarios": {}}
    runnable = [(name, bodies) for name, bodies in scenarios.items() if bodies is not None]
    results["warmup"] = warm_up(pid, runnable)
    results["rss_after_warmup_kb"] = rss_kb(pid)
    for seed, (name, bodies) in enumerate(runnable, start=101):
        cpu_before, jit_before = cpu_seconds(pid), jit_seconds(pid)
        r = wrk(bodies, duration, seed, fresh(name))
        r["server_cpu_ms_per_request"] = (cpu_seconds(pid) - cpu_before) * 1000 / max(r["requests"], 1)
        jit = jit_since(pid, jit_before)
        r["jit_s"] = None if jit is None else round(jit, 2)
        r["loadavg"] = loadavg()
        r["rss_kb"] = rss_kb(pid)
        r["rss_peak_kb"] = status_kb(pid, "VmHWM")
        r["bodies"] = len(bodies)
        results["scenarios"][name] = r
        print("timed   %-10s %8.1f req/s  p50 %7.1f ms  p99 %7.1f ms  errors %d  CPU %.1f ms/req  JIT %s s  RSS %d MiB  load %s" % (
            name, r["requests"] / (r["duration_us"] / 1e6), r["p50_us"] / 1000, r["p99_us"] / 1000, errors(r),
            r["server_cpu_ms_per_request"], r["jit_s"], r["rss_kb"] // 1024, r["loadavg"]))
    if scenarios.get("page1") and scenarios.get("page500"):
        results["pages_interleaved"] = pages_interleaved(scenarios["page1"], scenarios["page500"])
    save("timed.json", results)


def median(values):
    values = sorted(values)
    middle = len(values) // 2
    return values[middle] if len(values) % 2 else (values[middle - 1] + values[middle]) / 2


def pages_interleaved(page1, page500):
    """Page 500 against page 1 in alternated short slices (1-500, 500-1, ...) on the same server:
    a ratio of two runs made one after the other also measures how the machine drifted between
    them (1.30x and 1.94x read that way on 2026-12-06, against 1.05x and 0.93x interleaved)."""
    rounds = int(os.environ.get("BENCH_PAGE_ROUNDS", "8"))
    seconds = int(os.environ.get("BENCH_PAGE_SLICE", "5"))
    slices = []
    for i in range(rounds):
        order = ("page1", "page500") if i % 2 == 0 else ("page500", "page1")
        # Executed (no-cache): the comparison is of what keyset paging costs, not of two cache hits.
        got = {name: wrk(page1 if name == "page1" else page500, seconds, 200 + 2 * i + k, fresh=True)
               for k, name in enumerate(order)}
        slices.append({name: {"p50_us": r["p50_us"], "p99_us": r["p99_us"], "errors": errors(r), "checked": r["checked"]}
                       for name, r in got.items()})
    result = {"rounds": rounds, "slice_seconds": seconds, "slices": slices,
              "p50_ratio": median([x["page500"]["p50_us"] / x["page1"]["p50_us"] for x in slices]),
              "p99_ratio": median([x["page500"]["p99_us"] / x["page1"]["p99_us"] for x in slices])}
    print("pages   interleaved: page 500 / page 1 median p50 %.2fx, p99 %.2fx over %d rounds of %d s" % (
        result["p50_ratio"], result["p99_ratio"], rounds, seconds))
    return result


def errors(r):
    return (r["bad_status"] + r["graphql_errors"] + r["no_data"] + r["connect_errors"] + r["read_errors"]
            + r["write_errors"] + r["timeouts"])


# --- report -----------------------------------------------------------------------------------------

LABELS = [("canonical", "(a) canonical traversal officials→statements→commitments→parties, first: 20"),
          (FRESH + "canonical", "(a) the same, executed every time (Cache-Control: no-cache)"),
          ("search", "(b) search"),
          (FRESH + "search", "(b) the same, executed every time (Cache-Control: no-cache)"),
          ("page1", "(c) statements page 1 (first: 20)"),
          ("page500", "(c) statements page 500 (first: 20, after: cursor of page 499)"),
          ("node", "(d) node(id:) over random ids of 9 types")]


def levels_explain(s, l):
    """How many more list levels the large dataset reaches, when that accounts exactly for its extra
    statements per request (see list_levels); None when it does not (or older counts lack levels)."""
    if "list_levels" not in s or "list_levels" not in l:
        return None
    extra = l["list_levels"] - s["list_levels"]
    return extra if extra > 0 and l["per_request"] - s["per_request"] == extra else None


def sql_cell(name, seed, large):
    if fresh(name):
        name = name[len(FRESH):]  # counted once, every request executed

    def fmt(v):
        return ("%.2f" % v).rstrip("0").rstrip(".")
    if name == "node":
        types = sorted(k[5:] for k in large if k.startswith("node:"))
        per_type = {t: (seed.get("node:" + t), large.get("node:" + t)) for t in types}
        seeds = {fmt(s["per_request"]) for s, _ in per_type.values() if s}
        larges = {fmt(l["per_request"]) for _, l in per_type.values() if l}
        same = all(s and l and s["per_request"] == l["per_request"] for s, l in per_type.values())
        return "%s (seed %s)%s" % ("/".join(sorted(larges)), "/".join(sorted(seeds)), "" if same else " CHANGED")
    s, l = seed.get(name), large.get(name)
    if not l:
        return "n/a"
    if not s:
        return "%s (seed n/a)" % fmt(l["per_request"])
    label = "seed page 2" if name == "page500" else "seed"
    extra = levels_explain(s, l)
    note = "" if s["per_request"] == l["per_request"] else (
        " CHANGED" if extra is None else ", +%d list level%s" % (extra, "" if extra == 1 else "s"))
    return "%s (%s %s%s)" % (fmt(l["per_request"]), label, fmt(s["per_request"]), note)


def report():
    timed_results = load("timed.json", {})
    seed = (load("count-seed.json", {}) or {}).get("results", {})
    large = (load("count-large.json", {}) or {}).get("results", {})
    machine = load("machine.json", {})
    lines = []
    lines.append("| Scenario | req/s | p50 ms | p99 ms | max ms | errors / responses checked | SQL statements / request"
                 " (large, seed) | server CPU ms / request | JIT s | RSS after | load avg after |")
    lines.append("| --- | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | --- |")
    for name, label in LABELS:
        r = timed_results.get("scenarios", {}).get(name)
        if r is None:
            lines.append("| %s | %s | | | | | | | | | |" % (label, timed_results.get("search_note", "not run")))
            continue
        lines.append("| %s | %.1f | %.1f | %.1f | %.1f | %d / %d | %s | %.1f | %s | %d MiB | %s |" % (
            label, r["requests"] / (r["duration_us"] / 1e6), r["p50_us"] / 1000, r["p99_us"] / 1000,
            r["max_us"] / 1000, errors(r), r["checked"], sql_cell(name, seed, large),
            r["server_cpu_ms_per_request"], "n/a" if r.get("jit_s") is None else "%.1f" % r["jit_s"],
            r["rss_kb"] // 1024, r["loadavg"]))
    lines.append("")
    warm = timed_results.get("warmup")
    if warm:
        lines.append("Warm-up: %d s, %d cycle(s) through every scenario; %s." % (
            warm["seconds"], warm["cycles"],
            "the JIT compiled for %.1f s in the last one" % warm["last_cycle_jit_s"] if warm["quiet"]
            else "stopped at BENCH_WARMUP_MAX with the JIT %s" % (
                "still compiling (%.1f s in the last cycle)" % warm["last_cycle_jit_s"]
                if warm["last_cycle_jit_s"] is not None else "unmeasured (no jstat)")))
        lines.append("")
    lines.append("Server RSS (VmRSS): %s MiB before warm-up, %s MiB after warm-up, peak (VmHWM) %s MiB." % (
        (timed_results.get("rss_before_kb") or 0) // 1024, (timed_results.get("rss_after_warmup_kb") or 0) // 1024,
        max([r.get("rss_peak_kb", 0) for r in timed_results.get("scenarios", {}).values()] or [0]) // 1024))
    scen = timed_results.get("scenarios", {})
    checks = []
    if "canonical" in scen:
        p99 = scen["canonical"]["p99_us"] / 1000
        checks.append("canonical traversal p99 < 50 ms: %s (%.1f ms)" % ("met" if p99 < 50 else "MISSED", p99))
    if FRESH + "canonical" in scen:
        p99 = scen[FRESH + "canonical"]["p99_us"] / 1000
        checks.append("canonical traversal executed every time, p99 < 50 ms: %s (%.1f ms)" % (
            "met" if p99 < 50 else "MISSED", p99))
    if "search" in scen:
        p99 = scen["search"]["p99_us"] / 1000
        checks.append("search p99 < 100 ms: %s (%.1f ms)" % ("met" if p99 < 100 else "MISSED", p99))
        if FRESH + "search" in scen:
            p99 = scen[FRESH + "search"]["p99_us"] / 1000
            checks.append("search executed every time, p99 < 100 ms: %s (%.1f ms)" % (
                "met" if p99 < 100 else "MISSED", p99))
    else:
        note = timed_results.get("search_note", "not run")
        checks.append("search p99 < 100 ms: %s (%s)" % ("MISSED" if note.startswith("not run") else "not measured", note))
    interleaved = timed_results.get("pages_interleaved")
    if "page1" in scen and "page500" in scen:
        ratio = scen["page500"]["p50_us"] / scen["page1"]["p50_us"]
        ratio99 = scen["page500"]["p99_us"] / scen["page1"]["p99_us"]
        how = "p50 %.2fx, p99 %.2fx in the timed runs above, one after the other" % (ratio, ratio99)
        if interleaved:
            ratio, ratio99 = interleaved["p50_ratio"], interleaved["p99_ratio"]
            how = "medians of %d alternated %d s slices: p50 %.2fx, p99 %.2fx; %s" % (
                interleaved["rounds"], interleaved["slice_seconds"], ratio, ratio99, how)
        checks.append("page 500 within 1.5x of page 1: %s (%s)" % ("met" if ratio <= 1.5 and ratio99 <= 1.5 else "MISSED", how))
    total_errors = sum(errors(r) for r in scen.values())
    if interleaved:
        total_errors += sum(side["errors"] for x in interleaved["slices"] for side in x.values())
    checks.append("zero errors: %s (%d)" % ("met" if total_errors == 0 else "MISSED", total_errors))
    both = [k for k in sorted(set(seed) & set(large)) if seed[k] and large[k]]
    changed, explained = [], []
    for k in both:
        s, l = seed[k], large[k]
        if s["per_request"] == l["per_request"]:
            continue
        extra = levels_explain(s, l)
        if extra is not None:
            explained.append("%s %g, seed %g: %d list level(s) the seed never reaches, one statement each"
                             % (k, l["per_request"], s["per_request"], extra))
        else:
            changed.append("%s (seed %.2f, large %.2f)" % (k, s["per_request"], l["per_request"]))
    if not both:
        checks.append("SQL statements per request unchanged from the seed: not measured")
    else:
        checks.append("SQL statements per request unchanged from the seed: %s" % (
            ("met (%d queries compared%s)" % (len(both), "; " + "; ".join(explained) if explained else ""))
            if not changed else "MISSED for " + "; ".join(changed)))
    lines.append("")
    lines.extend("- " + c for c in checks)
    if seed or large:
        lines.append("")
        lines.append("SQL statements per request, counted from the PostgreSQL log (seed / large):")
        lines.append("")
        for key in sorted(set(seed) | set(large)):
            s, l = seed.get(key), large.get(key)
            lines.append("- %s: %s / %s" % (key, "n/a" if not s else ("%.2f" % s["per_request"]),
                                            "n/a" if not l else ("%.2f" % l["per_request"])))
    if machine:
        lines.append("")
        lines.append("Machine: " + "; ".join("%s: %s" % (k, v) for k, v in machine.items()))
    print("\n".join(lines))


# --- A/B: two builds at once, slices alternated ----------------------------------------------------

def postgres_cpu_seconds():
    """CPU time of each postgres process on the machine, by pid (the benchmark's database is the only busy one)."""
    times = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % pid) as f:
                raw = f.read()
        except OSError:
            continue
        if raw[raw.index("(") + 1:raw.rindex(")")] == "postgres":
            fields = raw.rsplit(")", 1)[1].split()
            times[pid] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return times


def postgres_cpu_since(before):
    """PostgreSQL CPU since `before` (a postgres_cpu_seconds()), per process still running. A process
    that exited meanwhile (an autovacuum worker) is left out, with what it used in the slice: summing
    totals subtracted its whole lifetime instead, and one 10 s slice read -1.61 ms per request."""
    return sum(now - before.get(pid, 0) for pid, now in postgres_cpu_seconds().items())


def ab(scenario):
    """Both servers are up the whole time, so a slower minute of the machine falls on both; the
    order within a round alternates (AB, BA, ...) so neither always runs right after the other."""
    global URL
    sides = {"A": (os.environ["BENCH_URL_A"], os.environ["BENCH_PID_A"]),
             "B": (os.environ["BENCH_URL_B"], os.environ["BENCH_PID_B"])}
    rounds = int(os.environ.get("BENCH_AB_ROUNDS", "12"))
    slice_seconds = int(os.environ.get("BENCH_AB_SLICE", "10"))
    warmup_max = int(os.environ.get("BENCH_AB_WARMUP", "360"))
    quiet = float(os.environ.get("BENCH_JIT_QUIET", "1.0"))
    URL = sides["A"][0]
    setup("large")
    scenarios, search_note, _ = scenario_bodies("large")
    if scenario not in scenarios:
        sys.exit("scenario must be one of " + ", ".join(scenarios))
    bodies = scenarios[scenario]
    if bodies is None:
        sys.exit(scenario + ": " + search_note)

    def run(side, seconds, seed):
        global URL
        URL, pid = sides[side]
        cpu, pg = cpu_seconds(pid), postgres_cpu_seconds()
        r = wrk(bodies, seconds, seed, fresh(scenario))
        n = max(r["requests"], 1)
        return {"server": (cpu_seconds(pid) - cpu) * 1000 / n, "pg": postgres_cpu_since(pg) * 1000 / n,
                "rps": r["requests"] / (r["duration_us"] / 1e6), "p99": r["p99_us"] / 1000, "errors": errors(r)}

    # Both warmed in turns of 20 s until neither JIT compiled for BENCH_JIT_QUIET s in its last turn (see
    # warm_up): rounds taken while one build is still compiling compare the JITs, not the builds.
    started, seed = time.time(), 1
    while True:
        jit = {}
        for side in "AB":
            before = jit_seconds(sides[side][1])
            run(side, 20, seed)
            seed += 1
            jit[side] = jit_since(sides[side][1], before)
        elapsed = time.time() - started
        settled = all(v is not None and v < quiet for v in jit.values())
        if settled or elapsed >= warmup_max:
            break
    print("%d rounds of %d s per side after %d s of warm-up in turns (JIT in the last turn: A %s s, B %s s%s);"
          " CPU in ms per request" % (rounds, slice_seconds, elapsed,
                                      *("n/a" if jit[k] is None else "%.1f" % jit[k] for k in "AB"),
                                      "" if settled else ", not yet quiet"))
    print("round | A server · PostgreSQL · req/s · p99 | B server · PostgreSQL · req/s · p99")
    results = {"A": [], "B": []}
    for i in range(rounds):
        for side in ("AB" if i % 2 == 0 else "BA"):
            results[side].append(run(side, slice_seconds, 100 + i))
        a, b = results["A"][-1], results["B"][-1]
        print("%5d | %6.2f · %5.2f · %6.1f · %6.1f | %6.2f · %5.2f · %6.1f · %6.1f" % (
            i + 1, a["server"], a["pg"], a["rps"], a["p99"], b["server"], b["pg"], b["rps"], b["p99"]))

    for key, label in (("server", "server CPU per request"), ("pg", "PostgreSQL CPU per request"),
                       ("rps", "req/s"), ("p99", "p99")):
        ratios = [b[key] / a[key] for a, b in zip(results["A"], results["B"]) if a[key] > 0]
        lower = sum(1 for r in ratios if r < 1)
        print("B/A %-27s median ratio %.3f (B lower in %d of %d rounds; medians A %.2f, B %.2f)" % (
            label, median(ratios), lower, len(ratios), median([a[key] for a in results["A"]]),
            median([b[key] for b in results["B"]])))
    failed = sum(r["errors"] for side in results.values() for r in side)
    print("errors: %d" % failed)
    if failed:
        sys.exit(1)


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "count":
        count(sys.argv[2])
    elif command == "setup":
        setup(sys.argv[2])
    elif command == "timed":
        timed()
    elif command == "report":
        report()
    elif command == "ab":
        ab(sys.argv[2] if len(sys.argv) > 2 else "canonical")
    else:
        sys.exit(__doc__)
