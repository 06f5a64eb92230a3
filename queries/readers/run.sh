#!/usr/bin/env bash
# Reads claimgraph's exports of the bundled data with independent implementations from PyPI:
# rdflib (Turtle and N-Triples, RDF 1.1) and pyoxigraph (RDF 1.2 Turtle with triple terms),
# Python's json module for the JSON document, and requires them to agree with each other; runs the
# plain SPARQL 1.1 queries of queries/sparql/ in both rdflib and pyoxigraph and requires the same rows.
#
#   queries/readers/run.sh
#
# Creates a virtual environment in target/readers-venv. If the packages cannot be installed,
# says so and exits 0.
set -euo pipefail
cd "$(dirname "$0")/../.."

venv=target/readers-venv
py=$venv/bin/python
if ! [ -x "$py" ] || ! "$py" -c 'import rdflib, pyoxigraph' 2>/dev/null; then
    python3 -m venv "$venv" || { echo "skipped: cannot create a virtual environment"; exit 0; }
    "$venv/bin/pip" install -q rdflib==7.6.0 pyoxigraph==0.5.13 2>/dev/null \
        || "$venv/bin/pip" install -q rdflib pyoxigraph \
        || { echo "skipped: pip could not install rdflib and pyoxigraph"; exit 0; }
fi

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
cargo run --release --quiet --features rdf --example export -- data/kazakhstan "$out" > /dev/null
"$py" queries/readers/read.py "$out"
