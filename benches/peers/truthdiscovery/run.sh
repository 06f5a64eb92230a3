#!/usr/bin/env bash
# Compares claimgraph's truth-discovery algorithms with the Python `truthdiscovery` 1.0.4
# library: the same generated matrix on both sides, results checked equal (1e-6 on trust and
# belief, same iterations), then `ratio <algorithm> <claims> <peer/ours>` lines.
#
#   benches/peers/truthdiscovery/run.sh [CLAIMS...]      (default: 10000)
#
# Creates a virtual environment in target/truthdiscovery-venv. If the library cannot be
# installed, says so and exits 0. The library pins old versions of numpy, scipy and drawing
# packages (pycairo needs the cairo C library); when the plain install fails, the script
# installs the library without its dependencies and only what its algorithms import.
set -euo pipefail
cd "$(dirname "$0")/../../.."
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10000)

venv=target/truthdiscovery-venv
py=$venv/bin/python
# Install unless the library imports already (as installed, or with the stand-in for cairo).
if ! [ -x "$py" ] || ! "$py" -c 'import truthdiscovery' 2>/dev/null && ! "$py" - <<'PY' 2>/dev/null
import sys, types
sys.modules.setdefault("cairo", types.ModuleType("cairo"))
import truthdiscovery.algorithm
PY
then
    python3 -m venv "$venv" || { echo "skipped: cannot create a virtual environment"; exit 0; }
    if ! "$venv/bin/pip" install -q truthdiscovery==1.0.4 2>/dev/null; then
        echo "note: the full install of truthdiscovery 1.0.4 failed; installing its algorithms' dependencies only"
        "$venv/bin/pip" install -q --no-deps truthdiscovery==1.0.4 \
            && "$venv/bin/pip" install -q numpy==1.24.2 scipy==1.10.1 bidict pyyaml imageio \
            || { echo "skipped: pip could not install truthdiscovery==1.0.4"; exit 0; }
    fi
fi

cargo build --release --quiet --example truthdiscovery_peer
bin=target/release/examples/truthdiscovery_peer
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
for n in "${sizes[@]}"; do
    repeats=3
    [ "$n" -ge 1000000 ] && repeats=1
    "$bin" generate "$n" 42 "$work/m.csv"
    "$bin" run "$work/m.csv" "$work/ours.json" 5
    "$py" benches/peers/truthdiscovery/peer.py "$work/m.csv" "$work/ours.json" "$repeats"
done
