-- wrk script of the raw-HTTP benchmark (io.jynamo.bench.WrkBench): replays requests signed ahead, read from the Lua
-- table in $REQS (one list per kind of request), choosing the kind by the shares in $MIX ("GET:95,UPDATE:5") and a
-- request of that kind at random. Prints one line: RESULT rps=… p50_ms=… p90_ms=… p99_ms=… p999_ms=… non2xx=…
-- errors=… (latencies from wrk's histogram, over all requests).
local requests, kinds, cumulative
init = function(args)
  requests = dofile(os.getenv("REQS"))
  kinds, cumulative = {}, {}
  local total = 0
  for kind, share in string.gmatch(os.getenv("MIX"), "([%w_]+):(%d+)") do
    total = total + tonumber(share)
    kinds[#kinds + 1] = requests[kind]
    cumulative[#cumulative + 1] = total
  end
end
request = function()
  local roll, list = math.random(100), kinds[#kinds]
  for i = 1, #cumulative do
    if roll <= cumulative[i] then list = kinds[i]; break end
  end
  return list[math.random(#list)]
end
done = function(summary, latency, _)
  local e = summary.errors
  io.write(string.format("RESULT rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f p999_ms=%.3f non2xx=%d errors=%d\n",
    summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency:percentile(99.9) / 1000, e.status,
    e.connect + e.read + e.write + e.timeout))
end
