#!/usr/bin/env bash
# claimgraph against DuckDB: builds and runs examples/peer_tables (the synthetic corpus as CSV
# tables, and our answers and times), installs DuckDB in a virtual environment, and runs
# compare.py (load, check every answer against ours, time). Exits 1 if an answer differs, 0 with
# a message if DuckDB cannot be installed here.
#
#   benches/peers/duckdb/run.sh [CLAIMS (10000)] [compare.py options: --repeat N --threads T --variants]
#
# Before the timed corpus, the answers are also checked on the bundled data set (relays,
# questions, text objects) and on a copy of it with every denial carried without endorsement
# (stance Carried), and on a copy with a cycle of translations and republications
# (testdata/text_cycle.ron), which the synthetic corpus does not have; there the portable
# queries are also run on SQLite (sqlite.py).
#
# Environment: SEED (1), PEER_WORK (target/peer_duckdb: tables and the virtual environment),
# PYTHON (python3).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
claims=${1:-10000}
shift || true
seed=${SEED:-1}
work=${PEER_WORK:-$root/target/peer_duckdb}
venv=$work/venv
python=${PYTHON:-python3}

mkdir -p "$work"
if ! "$venv/bin/python" -c 'import duckdb, pyarrow, sys; sys.exit(duckdb.__version__ != "2.0.0")' 2> /dev/null; then
    echo "installing duckdb==2.0.0 and pyarrow in $venv"
    if ! "$python" -m venv "$venv" > "$work/venv.log" 2>&1 \
        || ! "$venv/bin/pip" install --quiet duckdb==2.0.0 pyarrow >> "$work/venv.log" 2>&1; then
        echo "skipped: cannot install duckdb==2.0.0 and pyarrow with pip here (see $work/venv.log)"
        exit 0
    fi
fi

cd "$root"
cargo build --release --quiet --example peer_tables
tables=target/release/examples/peer_tables

echo "== answers on the bundled data set"
"$tables" --data data/kazakhstan --out "$work/kazakhstan" > /dev/null
"$venv/bin/python" "$here/compare.py" --tables "$work/kazakhstan" --repeat 0 | grep -E 'agree|DIFFER'
"$venv/bin/python" "$here/sqlite.py" --tables "$work/kazakhstan"

echo "== answers on the bundled data set, every denial carried without endorsement"
rm -rf "$work/carried-data"
cp -r data/kazakhstan "$work/carried-data"
sed -i 's/polarity: Denied,/polarity: Denied, stance: Carried,/' "$work/carried-data"/*.ron
grep -q 'stance: Carried' "$work/carried-data"/*.ron
"$tables" --data "$work/carried-data" --out "$work/carried" > /dev/null
"$venv/bin/python" "$here/compare.py" --tables "$work/carried" --repeat 0 | grep -E 'agree|DIFFER'
"$venv/bin/python" "$here/sqlite.py" --tables "$work/carried"

echo "== answers on the bundled data set with a cycle of translations and republications"
rm -rf "$work/cycle-data"
cp -r data/kazakhstan "$work/cycle-data"
cp "$here/testdata/text_cycle.ron" "$work/cycle-data/"
"$tables" --data "$work/cycle-data" --out "$work/cycle" > /dev/null
"$venv/bin/python" "$here/compare.py" --tables "$work/cycle" --repeat 0 | grep -E 'agree|DIFFER'
"$venv/bin/python" "$here/sqlite.py" --tables "$work/cycle"

echo "== $claims claims, seed $seed"
"$tables" --claims "$claims" --seed "$seed" --out "$work/$claims"
"$venv/bin/python" "$here/compare.py" --tables "$work/$claims" "$@"
