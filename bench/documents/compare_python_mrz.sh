#!/usr/bin/env bash
# Side-by-side MRZ benchmark: Corridor's `documents` crate against the Python `mrz` checker
# (PyPI mrz 0.6.2, GPL-3.0) on the same fixed-seed corpus, in one run. The Python package is
# installed into a throwaway virtualenv under /tmp and only ever runs as a separate process.
#
# Usage: bench/documents/compare_python_mrz.sh [RECORDS] [SEED]   (defaults: 1000000 9303)
set -euo pipefail

records="${1:-1000000}"
seed="${2:-9303}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$(mktemp -d /tmp/corridor-mrz-bench.XXXXXX)"
trap 'rm -rf "$work"' EXIT

python3 -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet "mrz==0.6.2"

cd "$root"
ours="$(cargo bench --quiet -p documents --bench mrz_throughput -- \
    --records "$records" --seed "$seed" \
    --write-corpus "$work/corpus.txt" --write-verdicts "$work/ours.txt")"
echo "$ours"
theirs="$("$work/venv/bin/python" "$here/python_mrz_checker.py" "$work/corpus.txt" "$work/theirs.txt")"
echo "$theirs"

# First figure: wall clock; second: thread CPU time (per core, independent of machine load).
rate() { sed -n 's/.* \([0-9][0-9]*\) records\/s.*/\1/p' <<<"$1" | sed -n "${2}p"; }
for which in 1 2; do
    label="$([ "$which" = 1 ] && echo "wall clock" || echo "CPU time per core")"
    awk -v ours="$(rate "$ours" "$which")" -v theirs="$(rate "$theirs" "$which")" -v label="$label" \
        'BEGIN { if (ours && theirs) printf "ratio (%s): corridor documents is %.0fx the Python mrz checker (%d vs %d records/s)\n", label, ours / theirs, ours, theirs }'
done

python3 "$here/compare_verdicts.py" "$work/corpus.txt" "$work/ours.txt" "$work/theirs.txt"
