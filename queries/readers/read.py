"""Reads the exports of the bundled data (written by `examples/export.rs`) with rdflib and
pyoxigraph, and checks that independent readers see the same data.

- The N-Triples file (RDF 1.1, standard reification) is parsed by both; they must find the same
  triples (compared as sets of N-Triples lines, blank nodes aside).
- The Turtle file (RDF 1.2, claims reify triple terms) is parsed by pyoxigraph; every claim must
  reify a triple term, and the claims must be those of the N-Triples file.
- The JSON document is read by Python's json module; its claims must be those of the RDF files.
- The queries of `queries/sparql/` written in plain SPARQL 1.1 (no triple-term pattern) are run by
  rdflib over the N-Triples file and by pyoxigraph over the Turtle file; they must give the same
  rows.
"""
import json
import sys
from pathlib import Path

import pyoxigraph
import rdflib

RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
CG = "https://claimgraph.example/ns#"

out = Path(sys.argv[1])
nt = out / "dataset-statements.nt"
ttl = out / "dataset.ttl"

NUMBERS = {"http://www.w3.org/2001/XMLSchema#" + t for t in ("double", "decimal", "integer", "float")}


def term(value, datatype):
    """A literal by its value (numbers as floats: the readers write them differently), else its text."""
    return float(value) if datatype in NUMBERS else value


# N-Triples: rdflib and pyoxigraph read the same ground triples.
g = rdflib.Graph()
g.parse(nt, format="nt")
ours = {
    (str(s), str(p), term(str(o), str(o.datatype)) if isinstance(o, rdflib.Literal) else str(o))
    for s, p, o in g
    if not isinstance(s, rdflib.BNode) and not isinstance(o, rdflib.BNode)
}
store = pyoxigraph.Store()
store.bulk_load(path=str(nt), format=pyoxigraph.RdfFormat.N_TRIPLES)
theirs = set()
for q in store:
    if isinstance(q.subject, pyoxigraph.BlankNode) or isinstance(q.object, pyoxigraph.BlankNode):
        continue
    o = q.object
    value = term(o.value, o.datatype.value) if isinstance(o, pyoxigraph.Literal) else o.value
    theirs.add((q.subject.value, q.predicate.value, value))
assert ours == theirs, f"rdflib and pyoxigraph disagree on {len(ours ^ theirs)} triples"
claims_nt = {str(s) for s in g.subjects(rdflib.RDF.type, rdflib.URIRef(CG + "Claim"))}
assert claims_nt, "the N-Triples export has claims"

# Turtle with RDF 1.2 triple terms: every claim reifies one.
store12 = pyoxigraph.Store()
store12.bulk_load(path=str(ttl), format=pyoxigraph.RdfFormat.TURTLE)
rows = list(store12.query(
    f"SELECT ?c ?t WHERE {{ ?c a <{CG}Claim> . OPTIONAL {{ ?c <{RDF}reifies> ?t }} }}"
))
claims_ttl = {r["c"].value for r in rows}
assert claims_ttl == claims_nt, "the Turtle and N-Triples exports hold the same claims"
missing = [r["c"].value for r in rows if r["t"] is None or not isinstance(r["t"], pyoxigraph.Triple)]
assert not missing, f"claims without a triple term: {missing[:3]}"

# JSON: the same claims.
doc = json.loads((out / "dataset.json").read_text())
keys = {c["id"] for c in doc["claims"]}
assert len(keys) == len(claims_nt), f"{len(keys)} claims in JSON, {len(claims_nt)} in RDF"

# SPARQL 1.1 queries: two engines, two reifications, the same rows.
def cell(term):
    return "" if term is None else str(term.value if isinstance(term, pyoxigraph.Literal | pyoxigraph.NamedNode) else term)


queries = sorted(Path(__file__).resolve().parent.parent.joinpath("sparql").glob("*.rq"))
plain = [q for q in queries if "<<(" not in q.read_text()]
assert plain, "some queries are plain SPARQL 1.1"
for q in plain:
    text = q.read_text()
    by_rdflib = {tuple("" if x is None else str(x) for x in row) for row in g.query(text)}
    result = store12.query(text)
    names = [v.value for v in result.variables]
    by_oxigraph = {tuple(cell(row[n]) for n in names) for row in result}
    assert by_rdflib, f"{q.name}: no rows"
    assert by_rdflib == by_oxigraph, (
        f"{q.name}: rdflib and pyoxigraph disagree on {len(by_rdflib ^ by_oxigraph)} rows, "
        f"such as {sorted(by_rdflib ^ by_oxigraph)[:2]}"
    )

print(f"readers agree: {len(ours)} ground triples (rdflib = pyoxigraph), {len(claims_nt)} claims "
      f"in N-Triples, Turtle (each reifying a triple term) and JSON; "
      f"{len(plain)} SPARQL 1.1 queries give the same rows in rdflib and pyoxigraph "
      f"({', '.join(q.name for q in plain)})")
