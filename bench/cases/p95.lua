-- Prints the 95th percentile latency in milliseconds at the end of a wrk run.
done = function(summary, latency, requests)
  io.write(string.format("p95_ms %.2f\n", latency:percentile(95) / 1000))
end
