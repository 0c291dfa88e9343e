#!/usr/bin/env bash
# The reports dashboard (`GET /reports`, last twelve months) on data that bench/cases/run.sh kept:
# as the demo supervisor (own offices) and the demo analyst (every office), on SQLite and on
# PostgreSQL, release build. Every view adds up the kept monthly tallies afresh (nothing is
# cached): first the time of each role's first view on a freshly started server (curl), then wrk
# on 127.0.0.1 with one connection (one person at a time) and with eight: median req/s and p95
# of three runs.
#   KEEP=1 WORK=/tmp/cases PG_DATABASE=corridor_cases_bench_keep bench/cases/run.sh   (once)
#   WORK=/tmp/cases PG_DATABASE=corridor_cases_bench_keep bench/reports/run.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
: "${WORK:?WORK must name the folder bench/cases/run.sh kept}"
cargo build --release -q -p corridor
bin=${CARGO_TARGET_DIR:-target}/release/corridor
port=18091
duration=${DURATION:-10s}
backends=${BACKENDS:-sqlite postgres}
trap 'kill $(jobs -p) 2>/dev/null || true' EXIT

median() { sort -n | sed -n '2p'; }

measure() { # label url cookie connections
  local label=$1 url=$2 cookie=$3 connections=$4 rates=() p95s=()
  local threads=$(( connections < 2 ? 1 : 2 ))
  for _ in 1 2 3; do
    out=$(wrk -t$threads -c"$connections" -d"$duration" -s bench/cases/p95.lua -H "Cookie: $cookie" "$url")
    rates+=("$(awk '/Requests\/sec/ {print $2}' <<<"$out")")
    p95s+=("$(awk '$1=="p95_ms" {print $2}' <<<"$out")")
  done
  printf '%-44s median %8s req/s   p95 median %s ms (runs: %s)\n' "$label" \
    "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${p95s[@]}" | median)" "${p95s[*]}"
}

sign_in() { # username
  curl -s -o /dev/null -D - -H 'Sec-Fetch-Site: same-origin' \
    --data "username=$1&password=corridor-demo&next=%2F" http://127.0.0.1:$port/login \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /^corridor_session=/ {print $2}'
}

run_backend() { # name args...
  local name=$1; shift
  echo "== $name"
  "$bin" demo "$@" --listen 127.0.0.1:$port >>"$WORK/reports-server.log" 2>&1 &
  local pid=$!
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
  local supervisor analyst
  supervisor=$(sign_in supervisor)
  analyst=$(sign_in analyst)
  for who in supervisor analyst; do
    local cookie=${!who}
    printf '%-44s %s s\n' "first view after start ($who)" \
      "$(curl -sf -o /dev/null -w '%{time_total}' -H "Cookie: $cookie" http://127.0.0.1:$port/reports)"
  done
  for connections in 1 8; do
    measure "GET /reports (supervisor, $connections conn.)" "http://127.0.0.1:$port/reports" "$supervisor" $connections
    measure "GET /reports (analyst, all offices, $connections conn.)" "http://127.0.0.1:$port/reports" "$analyst" $connections
  done
  kill $pid; wait $pid 2>/dev/null || true
}

for backend in $backends; do
  case $backend in
    sqlite) run_backend sqlite --data "$WORK/sqlite" ;;
    postgres)
      : "${PG_DATABASE:?PG_DATABASE must name the database bench/cases/run.sh kept}"
      run_backend postgres --data "$WORK/postgres" \
        --database-url "postgres://postgres@127.0.0.1:5432/$PG_DATABASE" ;;
  esac
done
