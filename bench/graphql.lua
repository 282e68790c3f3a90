-- wrk script: POSTs GraphQL request bodies read from a file (one JSON document per line), picking
-- one at random per request, and checks every response: a non-200 status or a body carrying a
-- GraphQL "errors" member is an error even though HTTP said 200.
-- Usage: wrk ... -s bench/graphql.lua URL -- BODIES_FILE SEED [fresh]
-- "fresh" adds Cache-Control: no-cache, so that the server executes every request instead of answering
-- it from its response cache.

local bodies = {}
local threads = {}
local thread_count = 0

function setup(thread)
    thread_count = thread_count + 1
    thread:set("thread_number", thread_count)
    table.insert(threads, thread)
end

function init(args)
    local file = assert(io.open(args[1], "r"), "cannot open " .. tostring(args[1]))
    for line in file:lines() do
        if #line > 0 then
            table.insert(bodies, line)
        end
    end
    file:close()
    assert(#bodies > 0, "no request bodies in " .. args[1])
    math.randomseed((tonumber(args[2]) or 1) * 7919 + thread_number)
    wrk.method = "POST"
    wrk.headers["Content-Type"] = "application/json"
    wrk.headers["Accept"] = "application/json"
    if args[3] == "fresh" then
        wrk.headers["Cache-Control"] = "no-cache"
    end
    responses = 0
    bad_status = 0
    graphql_errors = 0
    no_data = 0
end

function request()
    return wrk.format(nil, nil, nil, bodies[math.random(#bodies)])
end

function response(status, headers, body)
    responses = responses + 1
    if status ~= 200 then
        bad_status = bad_status + 1
    elseif body:find('"errors"', 1, true) then
        graphql_errors = graphql_errors + 1
    elseif not body:find('"data"', 1, true) then
        no_data = no_data + 1
    end
end

function done(summary, latency, requests)
    local checked, status, gql, nodata = 0, 0, 0, 0
    for _, thread in ipairs(threads) do
        checked = checked + thread:get("responses")
        status = status + thread:get("bad_status")
        gql = gql + thread:get("graphql_errors")
        nodata = nodata + thread:get("no_data")
    end
    local e = summary.errors
    io.write(string.format(
        'BENCH_RESULT {"requests":%d,"duration_us":%d,"p50_us":%d,"p90_us":%d,"p99_us":%d,"max_us":%d,'
            .. '"mean_us":%.1f,"checked":%d,"bad_status":%d,"graphql_errors":%d,"no_data":%d,'
            .. '"connect_errors":%d,"read_errors":%d,"write_errors":%d,"timeouts":%d,"wrk_status_errors":%d}\n',
        summary.requests, summary.duration, latency:percentile(50), latency:percentile(90),
        latency:percentile(99), latency.max, latency.mean, checked, status, gql, nodata,
        e.connect, e.read, e.write, e.timeout, e.status))
end
