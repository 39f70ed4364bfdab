-- wrk script: sends the pre-signed requests of the Lua table in $REQS (made by signed-requests.py) at random and
-- prints one line: RESULT op=<$OP> rps=… p50_ms=… p99_ms=… p999_ms=… non2xx=… (latencies from wrk's histogram).
local requests, count
init = function(args)
  requests = dofile(os.getenv("REQS")); count = #requests
end
request = function() return requests[math.random(count)] end
done = function(summary, latency, _)
  io.write(string.format("RESULT op=%s rps=%.0f p50_ms=%.2f p99_ms=%.2f p999_ms=%.2f non2xx=%d\n",
    os.getenv("OP") or "?", summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, summary.errors.status))
end
