#!/usr/bin/env bash
# The case queue and the case page with COUNT generated cases (default 1,000,000), on SQLite and
# on PostgreSQL, release build, wrk on 127.0.0.1. Prints the generation time, then per endpoint
# the median req/s and p95 of three runs, and the query plans (bench/cases/plans.sh).
#   bench/cases/run.sh                 (needs wrk; PostgreSQL at 127.0.0.1:5432 for the second half)
#   COUNT=100000 BACKENDS=sqlite bench/cases/run.sh
#   KEEP=1 bench/cases/run.sh          (keeps the data folder and the PostgreSQL database)
#   WORK=/tmp/tmp.X PG_DATABASE=corridor_cases_bench_N bench/cases/run.sh
#                                      (measures again on kept data, without generating)
set -euo pipefail
cd "$(dirname "$0")/../.."
command -v wrk >/dev/null || { echo "install wrk (apt-get install wrk)"; exit 1; }
cargo build --release -q -p corridor
bin=${CARGO_TARGET_DIR:-target}/release/corridor
work=${WORK:-$(mktemp -d)}
port=18090
count=${COUNT:-1000000}
duration=${DURATION:-10s}
backends=${BACKENDS:-sqlite postgres}
keep=${KEEP:-${WORK:-}}
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  if [ -n "$keep" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT

median() { sort -n | sed -n '2p'; }
json() { python3 -c "import json,sys; d=json.load(sys.stdin); print($1)"; }

measure() { # label url header
  local label=$1 url=$2 header=$3 rates=() p95s=()
  for _ in 1 2 3; do
    out=$(wrk -t2 -c16 -d"$duration" -s bench/cases/p95.lua -H "$header" "$url")
    rates+=("$(awk '/Requests\/sec/ {print $2}' <<<"$out")")
    p95s+=("$(awk '$1=="p95_ms" {print $2}' <<<"$out")")
  done
  printf '%-44s median %8s req/s   p95 median %s ms (runs: %s)\n' "$label" \
    "$(printf '%s\n' "${rates[@]}" | median)" "$(printf '%s\n' "${p95s[@]}" | median)" "${p95s[*]}"
}

start() { # args...
  "$bin" demo "$@" --listen 127.0.0.1:$port >>"$work/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && return; sleep 0.2; done
  echo "server did not start"; cat "$work/server.log"; exit 1
}

run_backend() { # name database-url
  local name=$1 url=$2 data="$work/$1"
  local args=(--data "$data")
  [ -n "$url" ] && args+=(--database-url "$url")
  echo "== $name"
  if [ ! -e "$data/generated" ]; then
    start "${args[@]}"        # seeds the demo (offices, users, ~200 cases)
    kill $pid; wait $pid 2>/dev/null || true
    /usr/bin/time -f "generate: %e s wall, %M KB max RSS" "$bin" generate cases --count "$count" "${args[@]}" 2>&1 | tail -2
    touch "$data/generated"
  fi
  start "${args[@]}"
  token=$("$bin" user token caseworker --name bench "${args[@]}" | tail -1)
  cookie=$(curl -s -o /dev/null -D - -H 'Sec-Fetch-Site: same-origin' \
    --data 'username=caseworker&password=corridor-demo&next=%2F' http://127.0.0.1:$port/login \
    | awk -F'[ ;]' 'tolower($1)=="set-cookie:" && $2 ~ /^corridor_session=/ {print $2}')
  office=$(curl -s -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/offices \
    | json "[o['id'] for o in d if o['code']=='TR-IST'][0]")
  queue="office_id=$office&status=submitted&limit=50"
  case_id=$(curl -s -H "Authorization: Bearer $token" "http://127.0.0.1:$port/api/v1/cases?$queue" \
    | json "d['items'][0]['case']['id']")
  user_id=$(curl -s -H "Authorization: Bearer $token" http://127.0.0.1:$port/api/v1/me | json "d['id']")
  bench/cases/plans.sh "$name" "${url:-$data/corridor.db}" "$office" "$user_id" "$case_id"
  measure "GET /api/v1/cases (office+status)" "http://127.0.0.1:$port/api/v1/cases?$queue" "Authorization: Bearer $token"
  measure "GET /cases (HTML, office+status)" "http://127.0.0.1:$port/cases?office=$office&status=submitted" "Cookie: $cookie"
  measure "GET /cases/{id} (HTML case page)" "http://127.0.0.1:$port/cases/$case_id" "Cookie: $cookie"
  echo "resident memory: $(ps -o rss= -p $pid | awk '{printf "%.1f MB", $1/1024}')"
  kill $pid; wait $pid 2>/dev/null || true
}

for backend in $backends; do
  case $backend in
    sqlite) run_backend sqlite "" ;;
    postgres)
      if pg_isready -h 127.0.0.1 -p 5432 -q 2>/dev/null; then
        db=${PG_DATABASE:-corridor_cases_bench_$$}
        [ -n "${PG_DATABASE:-}" ] || psql -q -h 127.0.0.1 -U postgres -c "CREATE DATABASE $db" postgres
        run_backend postgres "postgres://postgres@127.0.0.1:5432/$db"
        if [ -n "$keep" ]; then echo "kept database $db"; else
          psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE $db WITH (FORCE)" postgres
        fi
      else
        echo "== postgres skipped: no server at 127.0.0.1:5432"
      fi ;;
  esac
done
