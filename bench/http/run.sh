#!/usr/bin/env bash
# HTTP throughput and latency of an authenticated JSON read and an authenticated HTML page,
# on SQLite and on PostgreSQL, with wrk on 127.0.0.1. Prints the median of three runs each.
#   bench/http/run.sh            (needs wrk and a PostgreSQL server at 127.0.0.1:5432)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release -q -p corridor
bin=${CARGO_TARGET_DIR:-target}/release/corridor
work=$(mktemp -d)
port=18089
duration=${DURATION:-10s}
trap 'kill $(jobs -p) 2>/dev/null || true; rm -rf "$work"' EXIT

median() { sort -n | sed -n '2p'; }

measure() { # label url header
  local label=$1 url=$2 header=$3 rates=() p99s=()
  for _ in 1 2 3; do
    out=$(wrk -t2 -c32 -d"$duration" --latency -H "$header" "$url")
    rates+=("$(awk '/Requests\/sec/ {print $2}' <<<"$out")")
    p99s+=("$(awk '$1=="99%" {print $2}' <<<"$out")")
  done
  printf '%-28s median %8s req/s   p99 runs: %s\n' "$label" "$(printf '%s\n' "${rates[@]}" | median)" "${p99s[*]}"
}

run_backend() { # name database-url
  local name=$1 url=$2 data="$work/$1"
  local args=(--data "$data")
  [ -n "$url" ] && args+=(--database-url "$url")
  "$bin" demo "${args[@]}" --listen 127.0.0.1:$port >"$work/$name.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 50); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
  token=$("$bin" user token caseworker --name bench "${args[@]}")
  cookie=$(curl -s -o /dev/null -D - -H 'Sec-Fetch-Site: same-origin' \
    --data 'username=caseworker&password=corridor-demo&next=%2F' http://127.0.0.1:$port/login \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /^corridor_session=/ {print $2}')
  echo "== $name"
  measure "GET /api/v1/me (Bearer)" "http://127.0.0.1:$port/api/v1/me" "Authorization: Bearer $token"
  measure "GET / (HTML, session)" "http://127.0.0.1:$port/" "Cookie: $cookie"
  echo "resident memory after the runs: $(ps -o rss= -p $pid | awk '{printf "%.1f MB", $1/1024}')"
  kill $pid; wait $pid 2>/dev/null || true
}

run_backend sqlite ""
if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
  db="corridor_bench_$$"
  psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
  run_backend postgres "postgres://postgres@127.0.0.1:5432/$db"
  psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
else
  echo "== postgres skipped: no server at 127.0.0.1:5432"
fi
