#!/usr/bin/env bash
# Query plans of the case queue and of the case page, with the values of a real request.
#   bench/cases/plans.sh sqlite   DATA_DIR/corridor.db   OFFICE_ID USER_ID CASE_ID
#   bench/cases/plans.sh postgres postgres://…/db         OFFICE_ID USER_ID CASE_ID
# SQLite prints EXPLAIN QUERY PLAN; PostgreSQL prints EXPLAIN ANALYZE (with buffers), and for the
# queue also the generic plan that a prepared statement falls back to after five executions.
# The SQL is the text the application sends (crates/app/src/cases), with literals for $n.
set -euo pipefail
backend=$1 target=$2 office=$3 user=$4 case_id=$5
month=$(date -u +%Y-%m)

columns="c.id, c.reference, c.office_id, c.pack_id, c.pack_hash, c.pathway_id, c.status, \
c.held_status, c.priority, c.suggested_priority, c.has_vulnerability, c.assigned_to, c.opened_at, c.due_at, c.version"
# One office asked for: the caseworker's membership is checked before the query, not in it.
queue_where="c.office_id = \$1 AND c.status = \$2"
queue="SELECT $columns, c.priority_rank, p.names AS applicant_names, p.id AS applicant_id FROM cases c \
LEFT JOIN case_members m ON m.case_id = c.id AND m.role = 'principal_applicant' \
LEFT JOIN people p ON p.id = m.person_id WHERE $queue_where \
ORDER BY c.priority_rank, c.due_at, c.opened_at, c.id LIMIT \$3"

literal() { # SQL with $1… replaced by the quoted arguments
  local sql=$1 n=0
  shift
  for value in "$@"; do
    n=$((n + 1))
    sql=${sql//\$$n/$value}
  done
  printf '%s' "$sql"
}

queries=(
  "queue: office + status, first page (caseworker)|$(literal "$queue" "'$office'" "'submitted'" 51)"
  "case: the row|SELECT $columns FROM cases c WHERE c.id = '$case_id'"
  "case: offices with access|SELECT to_office_id FROM case_referrals WHERE case_id = '$case_id' AND kind = 'referral' AND status = 'accepted'"
  "case: members|SELECT p.id, p.office_id, p.names, p.birth_date, p.sex, p.nationality, p.version, m.role FROM case_members m JOIN people p ON p.id = m.person_id WHERE m.case_id = '$case_id' ORDER BY CASE m.role WHEN 'principal_applicant' THEN 0 WHEN 'sponsor' THEN 1 ELSE 2 END, p.id"
  "case: timeline|SELECT id, at, actor_id, kind, from_status, to_status, reason FROM case_events WHERE case_id = '$case_id' ORDER BY at, id"
  "case: latest assessment|SELECT id, codes, codes_version, narrative, suggested, assessed_at FROM vulnerability_assessments WHERE case_id = '$case_id' ORDER BY assessed_at DESC, id DESC LIMIT 1"
  "case: consents|SELECT c.id, c.person_id, c.purpose FROM consents c JOIN case_members m ON m.person_id = c.person_id WHERE m.case_id = '$case_id' ORDER BY c.recorded_at DESC, c.id DESC"
  "case: appointments|SELECT a.id FROM appointments a JOIN cases c ON c.id = a.case_id WHERE a.case_id = '$case_id' ORDER BY a.starts_at, a.id"
  "case: notes|SELECT id, author_id, visibility, body, created_at FROM case_notes WHERE case_id = '$case_id' AND (0 = 0 OR visibility = 'shared') ORDER BY created_at, id"
  "case: messages|SELECT id, sender_id, side, body, sent_at FROM case_messages WHERE case_id = '$case_id' ORDER BY sent_at, id"
  "case: referrals|SELECT r.id FROM case_referrals r JOIN cases c ON c.id = r.case_id WHERE r.case_id = '$case_id' ORDER BY r.requested_at DESC, r.id DESC"
  "queue page: quota use this month|SELECT approved FROM approvals_by_month WHERE pack_id = 'de' AND pathway_id = 'de.family.subsidiary_protection' AND month = '$month'"
)

for entry in "${queries[@]}"; do
  label=${entry%%|*} sql=${entry#*|}
  echo "-- $label"
  case $backend in
    sqlite) sqlite3 "$target" "EXPLAIN QUERY PLAN $sql" ;;
    postgres) psql -X -q -At "$target" -c "EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) $sql" ;;
  esac
done

if [ "$backend" = postgres ]; then
  echo "-- queue: generic plan of the prepared statement"
  psql -X -q -At "$target" <<SQL
SET plan_cache_mode = force_generic_plan;
PREPARE q(text, text, bigint) AS $queue;
EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) EXECUTE q('$office', 'submitted', 51);
SQL
fi
