#!/usr/bin/env bash
# Retention purge throughput: COUNT generated cases (default 200,000), every one closed ten years
# before --as-of so that ~all have expired, then `corridor privacy purge` (release build) erases
# them. Prints the dry-run report, the purge's own cases/s figure and the wall time, and checks
# the audit chain afterwards.
#   bench/privacy/run.sh
#   COUNT=1000000 BACKENDS="sqlite postgres" bench/privacy/run.sh   (PostgreSQL at 127.0.0.1:5432)
#   KEEP=1 WORK=/tmp/purge COUNT=1000000 bench/privacy/run.sh
#                   (keeps a copy of the expired data, <backend>.expired in WORK and the PostgreSQL
#                    database corridor_purge_bench_expired; a later run with the same WORK
#                    purges a fresh copy of it instead of generating again)
set -euo pipefail
cd "$(dirname "$0")/../.."
cargo build --release -q -p corridor
bin=${CARGO_TARGET_DIR:-target}/release/corridor
work=${WORK:-$(mktemp -d)}
mkdir -p "$work"
port=18091
count=${COUNT:-200000}
backends=${BACKENDS:-sqlite}
keep=${KEEP:-}
as_of=2040-01-01
pg_kept=corridor_purge_bench_expired
cleanup() {
  kill $(jobs -p) 2>/dev/null || true
  if [ -n "$keep" ]; then echo "kept $work"; else rm -rf "$work"; fi
  [ -n "${pg_db:-}" ] && psql -q -h 127.0.0.1 -U postgres -c "DROP DATABASE IF EXISTS $pg_db WITH (FORCE)" postgres || true
}
psql_admin() { psql -q -h 127.0.0.1 -U postgres -c "$1" postgres; }
trap cleanup EXIT

# Every case closed one day after it was opened: with the default five years, all have expired
# on $as_of.
expire_all='UPDATE cases SET status = '"'closed'"';
INSERT INTO case_events (id, case_id, at, kind, from_status, to_status)
  SELECT id || '"'-closed'"', id, opened_at + 86400000, '"'status'"', '"'travel'"', '"'closed'"' FROM cases;'

run_backend() { # name database-url
  local name=$1 url=$2 data="$work/$1"
  local args=(--data "$data")
  [ -n "$url" ] && args+=(--database-url "$url")
  if [ -e "$work/$name.expired" ]; then
    echo "== $name, the expired data kept in $work/$name.expired"
    rm -rf "$data"
    cp -a "$work/$name.expired" "$data"
    [ -n "$url" ] && psql_admin "CREATE DATABASE $pg_db TEMPLATE $pg_kept"
  else
    echo "== $name, $count generated cases"
    [ -n "$url" ] && psql_admin "CREATE DATABASE $pg_db"
    "$bin" demo "${args[@]}" --listen 127.0.0.1:$port >>"$work/server.log" 2>&1 &
    local pid=$!
    for _ in $(seq 1 150); do curl -sf http://127.0.0.1:$port/healthz >/dev/null && break; sleep 0.2; done
    kill $pid; wait $pid 2>/dev/null || true
    "$bin" generate cases --count "$count" "${args[@]}" 2>&1 | tail -1
    if [ -n "$url" ]; then
      psql -q -h 127.0.0.1 -U postgres -c "$expire_all" "$pg_db"
      psql -q -h 127.0.0.1 -U postgres -c "VACUUM ANALYZE" "$pg_db"
    else
      sqlite3 "$data/corridor.db" "$expire_all"
    fi
    if [ -n "$keep" ]; then
      cp -a "$data" "$work/$name.expired"
      [ -n "$url" ] && psql_admin "DROP DATABASE IF EXISTS $pg_kept" && psql_admin "CREATE DATABASE $pg_kept TEMPLATE $pg_db"
    fi
  fi
  "$bin" privacy purge --dry-run --as-of $as_of "${args[@]}"
  /usr/bin/time -f "purge: %e s wall, %M KB max RSS" "$bin" privacy purge --as-of $as_of "${args[@]}" 2>&1 | tail -2
  "$bin" audit verify "${args[@]}" | tail -1
}

for backend in $backends; do
  case $backend in
    sqlite) run_backend sqlite "" ;;
    postgres)
      pg_db=corridor_purge_bench_$$
      run_backend postgres "postgres://postgres@127.0.0.1:5432/$pg_db" ;;
  esac
done
