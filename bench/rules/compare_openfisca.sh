#!/usr/bin/env bash
# Side-by-side benchmark: the German spouse pathway (AufenthG §30(1) with §29, §5 and their
# exceptions) evaluated by Corridor's rules engine and by OpenFisca (vectorised, numpy) on the
# same generated people, in one run. Prints both throughputs, the ratio, and checks that both
# engines reach the same outcome counts.
#
# Usage: bench/rules/compare_openfisca.sh [PEOPLE]   (default 1000000)
set -euo pipefail

people="${1:-1000000}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${OPENFISCA_VENV:-/tmp/corridor-openfisca-venv}"
csv="$(mktemp /tmp/corridor-people-XXXXXX.csv)"
trap 'rm -f "$csv"' EXIT

if [[ ! -x "$venv/bin/python" ]]; then
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c "import openfisca_core" 2>/dev/null; then
  "$venv/bin/pip" install --quiet openfisca-core
fi
echo "openfisca-core $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("openfisca-core"))'), numpy $("$venv/bin/python" -c 'import numpy; print(numpy.__version__)')"

cd "$root"
rust_output="$(CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$root/target}" cargo bench --quiet -p rules --bench spouse -- --people "$people" --csv "$csv")"
echo "$rust_output"
python_output="$("$venv/bin/python" "$here/openfisca_spouse.py" "$csv")"
echo "$python_output"

rust_rate="$(echo "$rust_output" | sed -n 's/^corridor: .* = \([0-9]*\) people\/s per core.*/\1/p')"
python_rate="$(echo "$python_output" | sed -n 's/^openfisca: .* = \([0-9]*\) people\/s per core.*/\1/p')"
rust_counts="$(echo "$rust_output" | sed -n 's/^corridor outcomes: //p')"
python_counts="$(echo "$python_output" | sed -n 's/^openfisca outcomes: //p')"
if [[ "$rust_counts" != "$python_counts" ]]; then
  echo "MISMATCH: the two engines disagree on outcomes" >&2
  exit 1
fi
echo "same outcomes in both engines: $rust_counts"
awk -v r="$rust_rate" -v p="$python_rate" 'BEGIN { printf "ratio corridor/openfisca (people per CPU-second, one core each): %.2f\n", r / p }'
