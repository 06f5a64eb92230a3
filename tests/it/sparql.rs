//! The SPARQL of `queries/sparql/` over the RDF export, in Oxigraph's in-memory store, against
//! `claimgraph::query` (feature `rdf-check`). Each answer must equal the library's whole answer,
//! on the bundled data, on a generated corpus and on a small hostile data set
//! (`tests/data/sparql/hostile.ron`: circles of translations, partial time overlaps, quantities in
//! several units...). Where SPARQL 1.1 cannot give the library's form (contradictions as chained
//! groups, attribution chains as paths), the library's answer is flattened to the form the
//! queries give, as `queries/sparql/README.md` says, or the query's rows are chained into the
//! library's form; both ways are checked.

use std::collections::{BTreeMap, BTreeSet};

use claimgraph::query::{
    Agreement, ChainOptions, Contradiction, HopKind, Link, Origin, Rule, attribution_chains_with, claims_overlap,
    compare_values, contradictions, origins,
};
use claimgraph::{
    ActorId, CLAIMGRAPH_NS, ClaimGraph, ClaimId, DEFAULT_BASE, DerivationKind, Mode, RdfOptions, RdfSyntax, SourceId,
    to_rdf,
};
use oxigraph::io::RdfFormat;
use oxigraph::model::Term;
use oxigraph::sparql::{QueryResults, SparqlEvaluator};
use oxigraph::store::Store;

use crate::bundled;

/// The hostile data set of `tests/data/sparql/`.
fn hostile() -> ClaimGraph {
    claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sparql")).unwrap_or_else(|e| panic!("{e}"))
}

/// The bundled data, a generated corpus and the hostile data set, by name.
fn graphs() -> [(&'static str, ClaimGraph); 3] {
    let synth =
        claimgraph::synth::generate(&claimgraph::synth::Config { claims: 2_000, seed: 7, ..Default::default() });
    [("bundled", bundled()), ("synth", synth), ("hostile", hostile())]
}

/// A graph's RDF export (Turtle, RDF 1.2) loaded into a store.
fn store(graph: &ClaimGraph) -> Store {
    let store = Store::new().unwrap();
    let turtle = to_rdf(graph, RdfSyntax::Turtle, &RdfOptions::new());
    store.load_from_slice(RdfFormat::Turtle, turtle.as_bytes()).unwrap();
    store
}

/// The text of a query file.
fn query_text(file: &str) -> String {
    std::fs::read_to_string(format!("{}/queries/sparql/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The rows of a query, each cell an IRI as `<iri>`, a literal as its lexical form, or empty
/// when unbound.
fn run(store: &Store, name: &str, text: &str, vars: &[&str]) -> Vec<Vec<String>> {
    let query = SparqlEvaluator::new().parse_query(text).unwrap_or_else(|e| panic!("{name}: {e}"));
    let QueryResults::Solutions(solutions) = query.on_store(store).execute().unwrap() else {
        panic!("{name} is not a SELECT")
    };
    solutions
        .map(|s| {
            let s = s.unwrap_or_else(|e| panic!("{name}: {e}"));
            vars.iter()
                .map(|v| match s.get(*v) {
                    Some(Term::Literal(l)) => l.value().to_owned(),
                    Some(t) => t.to_string(),
                    None => String::new(),
                })
                .collect()
        })
        .collect()
}

fn rows(store: &Store, file: &str, vars: &[&str]) -> Vec<Vec<String>> {
    run(store, file, &query_text(file), vars)
}

/// An `xsd:double` as the query wrote it.
fn double(lexical: &str) -> f64 {
    match lexical {
        "INF" => f64::INFINITY,
        "-INF" => f64::NEG_INFINITY,
        other => other.parse().unwrap_or_else(|_| panic!("not a double: {other:?}")),
    }
}

/// An entity's IRI, its id percent-encoded as the export does, written `<iri>`.
fn iri(kind: &str, id: &str) -> String {
    let mut encoded = String::new();
    for b in id.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            encoded.push(b as char);
        } else {
            encoded.push_str(&format!("%{b:02X}"));
        }
    }
    format!("<{DEFAULT_BASE}{kind}/{encoded}>")
}

fn claim_iri(graph: &ClaimGraph, id: ClaimId) -> String {
    iri("claim", graph.claim(id).unwrap().key())
}

fn source_iri(graph: &ClaimGraph, id: SourceId) -> String {
    iri("source", graph.source(id).unwrap().key())
}

fn actor_iri(graph: &ClaimGraph, id: ActorId) -> String {
    iri("actor", graph.actor(id).unwrap().key())
}

fn cg(local: &str) -> String {
    format!("<{CLAIMGRAPH_NS}{local}>")
}

fn mode(m: Mode) -> String {
    cg(&format!("Mode-{m:?}"))
}

/// An IRI as `STR()` gives it, without the angle brackets.
fn plain(iri: &str) -> String {
    iri.trim_start_matches('<').trim_end_matches('>').to_owned()
}

// ---- Contradictions ----

/// A pair of conflicting claims: the rule's name, the context, the two claims.
type Pair = (String, String, String, String);

/// What keeps apart contradictions of one rule that share claims, as `contradictions.rq` writes
/// it: the two predicates of an exclusion, the rebutting claim, the recorded conflict.
fn context(graph: &ClaimGraph, c: &Contradiction) -> String {
    match c.rule {
        Rule::Exclusion => {
            let mut predicates: Vec<String> = c
                .claims
                .iter()
                .map(|&id| {
                    plain(&iri("predicate", &graph.predicate(graph.claim(id).unwrap().predicate()).unwrap().key))
                })
                .collect();
            predicates.sort();
            predicates.dedup();
            assert_eq!(predicates.len(), 2, "an exclusion is between two predicates");
            predicates.join(" ")
        }
        Rule::Rebuttal => plain(&claim_iri(graph, c.claims[1])),
        Rule::Recorded => plain(&iri("conflict", &graph.conflict(c.conflict.unwrap()).unwrap().key)),
        _ => String::new(),
    }
}

/// Two claims in IRI order, unless the order means something (a rebuttal).
fn pair(rule: Rule, context: &str, a: String, b: String) -> Pair {
    let (a, b) = if rule != Rule::Rebuttal && b < a { (b, a) } else { (a, b) };
    (rule.name().to_owned(), context.to_owned(), a, b)
}

/// The library's contradictions flattened to the pairs that cannot both hold: for a rule between
/// sides, the pairs of claims from different sides that overlap in time and agree in value
/// (polarity, exclusion) or differ (single value, quantity), which must be as many as
/// `opposing_pairs` counts; the rebutted and the rebutting claim; any two claims of a recorded
/// conflict.
fn library_pairs(graph: &ClaimGraph, found: &[Contradiction]) -> BTreeSet<Pair> {
    let mut out = BTreeSet::new();
    for c in found {
        let context = context(graph, c);
        let iri = |id: ClaimId| claim_iri(graph, id);
        match c.rule {
            Rule::Recorded => {
                for (i, &a) in c.claims.iter().enumerate() {
                    for &b in &c.claims[i + 1..] {
                        out.insert(pair(c.rule, &context, iri(a), iri(b)));
                    }
                }
            }
            Rule::Rebuttal => {
                out.insert(pair(c.rule, &context, iri(c.claims[0]), iri(c.claims[1])));
            }
            Rule::Polarity | Rule::Exclusion | Rule::SingleValue | Rule::Quantity => {
                let sides = c.sides(graph);
                let first = graph.claim(sides[0].claims[0]).unwrap();
                let predicate = graph.predicate(first.predicate()).unwrap();
                let across = matches!(c.rule, Rule::Polarity | Rule::Exclusion);
                let mut count = 0;
                for (i, side) in sides.iter().enumerate() {
                    for other in &sides[i + 1..] {
                        for &a in &side.claims {
                            for &b in &other.claims {
                                let (x, y) = (graph.claim(a).unwrap(), graph.claim(b).unwrap());
                                let agree =
                                    compare_values(graph, predicate, &x.object(), &y.object()) != Agreement::Different;
                                if claims_overlap(x, y) && agree == across {
                                    out.insert(pair(c.rule, &context, iri(a), iri(b)));
                                    count += 1;
                                }
                            }
                        }
                    }
                }
                assert_eq!(count, c.opposing_pairs(graph), "{}", c.explain(graph));
            }
        }
    }
    out
}

/// A contradiction as the test compares it: the rule's name, the context, the claims (sorted).
type Group = (String, String, Vec<String>);

/// Union-find over claims named by strings.
#[derive(Default)]
struct Sets {
    index: BTreeMap<String, usize>,
    parent: Vec<usize>,
}

impl Sets {
    fn add(&mut self, x: &str) -> usize {
        let next = self.parent.len();
        let i = *self.index.entry(x.to_owned()).or_insert(next);
        if i == next {
            self.parent.push(i);
        }
        i
    }

    fn find(&mut self, mut i: usize) -> usize {
        while self.parent[i] != i {
            self.parent[i] = self.parent[self.parent[i]];
            i = self.parent[i];
        }
        i
    }

    fn join(&mut self, a: &str, b: &str) {
        let (a, b) = (self.add(a), self.add(b));
        let (a, b) = (self.find(a), self.find(b));
        self.parent[a.max(b)] = a.min(b);
    }

    fn root(&mut self, x: &str) -> usize {
        let i = self.add(x);
        self.find(i)
    }
}

/// The contradictions the queries give: the pairs of `contradictions.rq` of each rule and
/// context, chained by the links of `contradiction-links.rq` as the library chains them (for
/// polarity and exclusion, by values that agree, then by time scopes that overlap; for a single
/// value and quantities, by time scopes that overlap; a rebuttal or a recorded conflict is one
/// contradiction), each with its strength: the rule's weight times the weight of its strongest
/// pair, plus for quantities the gap share of `contradiction-gap.rq`.
fn sparql_contradictions(store: &Store, pairs: &[Vec<String>]) -> BTreeMap<Group, f64> {
    let links = rows(store, "contradiction-links.rq", &["claim1", "claim2", "relation", "between"]);
    let mut by_rule: BTreeMap<(String, String), Vec<&Vec<String>>> = BTreeMap::new();
    for p in pairs {
        by_rule.entry((p[0].clone(), p[1].clone())).or_default().push(p);
    }
    let gap_query = query_text("contradiction-gap.rq");
    let mut out = BTreeMap::new();
    for ((rule, context), pairs) in by_rule {
        let involved: BTreeSet<&str> = pairs.iter().flat_map(|p| [p[2].as_str(), p[3].as_str()]).collect();
        let mut parts = Sets::default();
        for p in &pairs {
            parts.join(&p[2], &p[3]);
        }
        if matches!(rule.as_str(), "polarity" | "exclusion" | "single-value" | "quantity") {
            let usable = |l: &&Vec<String>| {
                involved.contains(l[0].as_str())
                    && involved.contains(l[1].as_str())
                    && (rule == "exclusion" || l[3] == "group")
            };
            let mut values = Sets::default();
            if matches!(rule.as_str(), "polarity" | "exclusion") {
                for l in links.iter().filter(usable).filter(|l| l[2] == "value") {
                    values.join(&l[0], &l[1]);
                }
            }
            for l in links.iter().filter(usable).filter(|l| l[2] == "time") {
                if values.root(&l[0]) == values.root(&l[1]) {
                    parts.join(&l[0], &l[1]);
                }
            }
        }
        let mut members: BTreeMap<usize, Vec<String>> = BTreeMap::new();
        for &c in &involved {
            let root = parts.root(c);
            members.entry(root).or_default().push(c.to_owned());
        }
        for (_, claims) in members {
            let inside: Vec<&&Vec<String>> =
                pairs.iter().filter(|p| claims.contains(&p[2]) && claims.contains(&p[3])).collect();
            let weight = inside.iter().map(|p| double(&p[4])).fold(f64::NEG_INFINITY, f64::max);
            let mut strength = inside.iter().map(|p| double(&p[5])).fold(f64::NEG_INFINITY, f64::max);
            if rule == "quantity" {
                let values = format!("VALUES ?claim {{ {} }}", claims.join(" "));
                let text = gap_query.replace("VALUES ?claim { }", &values);
                let gap = run(store, "contradiction-gap.rq", &text, &["share"]);
                assert_eq!(gap.len(), 1, "{claims:?}");
                strength += double(&gap[0][0]) * weight;
            }
            out.insert((rule.clone(), context.clone(), claims), strength);
        }
    }
    out
}

#[test]
fn contradictions_agree() {
    for (name, graph) in graphs() {
        let store = store(&graph);
        let found = contradictions(&graph);
        let pairs = rows(&store, "contradictions.rq", &["rule", "context", "claim1", "claim2", "weight", "strength"]);

        // Pair by pair: the library's contradictions flattened to the pairs that cannot both hold.
        let ours = library_pairs(&graph, &found);
        let theirs: BTreeSet<Pair> = pairs
            .iter()
            .map(|p| {
                let rule = if p[0] == "rebuttal" { Rule::Rebuttal } else { Rule::Polarity };
                let (_, context, a, b) = pair(rule, &p[1], p[2].clone(), p[3].clone());
                (p[0].clone(), context, a, b)
            })
            .collect();
        assert_eq!(theirs.len(), pairs.len(), "{name}: a pair twice");
        let missing: Vec<&Pair> = ours.difference(&theirs).collect();
        let extra: Vec<&Pair> = theirs.difference(&ours).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{name}: missing {missing:#?}\nextra {extra:#?}");

        // As contradictions: the query's pairs chained into the library's groups, with their strength.
        let ours: BTreeMap<Group, f64> = found
            .iter()
            .map(|c| {
                let mut claims: Vec<String> = c.claims.iter().map(|&id| claim_iri(&graph, id)).collect();
                claims.sort();
                ((c.rule.name().to_owned(), context(&graph, c), claims), c.strength)
            })
            .collect();
        assert_eq!(ours.len(), found.len(), "{name}: two contradictions of the same claims");
        let theirs = sparql_contradictions(&store, &pairs);
        assert_eq!(theirs.keys().collect::<Vec<_>>(), ours.keys().collect::<Vec<_>>(), "{name}");
        for (group, strength) in &ours {
            assert_eq!(theirs[group], *strength, "{name}: the strength of {group:?}");
        }

        let rules: BTreeSet<Rule> = found.iter().map(|c| c.rule).collect();
        let expected: &[Rule] = match name {
            "bundled" => &[Rule::Recorded, Rule::Polarity, Rule::Rebuttal, Rule::SingleValue, Rule::Exclusion],
            "synth" => &[Rule::Polarity, Rule::Rebuttal, Rule::SingleValue, Rule::Quantity, Rule::Exclusion],
            _ => &[Rule::Recorded, Rule::Polarity, Rule::Rebuttal, Rule::SingleValue, Rule::Quantity, Rule::Exclusion],
        };
        assert!(expected.iter().all(|r| rules.contains(r)), "{name}: {rules:?}");
    }
}

// ---- Origins ----

#[test]
fn origins_agree() {
    for (name, graph) in graphs() {
        let theirs: BTreeSet<Vec<String>> =
            rows(&store(&graph), "corroboration-origins.rq", &["claim", "origin"]).into_iter().collect();
        let mut ours = BTreeSet::new();
        for (_, c) in graph.claims() {
            for o in origins(&graph, c) {
                let origin = match o {
                    Origin::Source(s) => source_iri(&graph, s),
                    Origin::Speaker(a) => actor_iri(&graph, a),
                };
                ours.insert(vec![iri("claim", c.key()), origin]);
            }
        }
        assert!(ours.len() > graph.claim_count(), "{name}");
        let missing: Vec<_> = ours.difference(&theirs).collect();
        let extra: Vec<_> = theirs.difference(&ours).collect();
        assert!(missing.is_empty() && extra.is_empty(), "{name}: missing {missing:#?}\nextra {extra:#?}");
    }
}

// ---- Attribution chains ----

fn derivation_kind(kind: HopKind) -> String {
    let kind = match kind {
        HopKind::TranslatedFrom => DerivationKind::TranslationOf,
        HopKind::RepublishedFrom => DerivationKind::RepublicationOf,
        other => panic!("{other:?} is not a text hop"),
    };
    cg(&format!("DerivationKind-{kind:?}"))
}

/// The library's attribution chains flattened as the two queries give them: the text hops of
/// every chain (`attribution-text.rq`), and how each chain ends and goes on
/// (`attribution.rq`): the hops between the relays' sources and the source the words were said
/// in become one "linked" row each (the query tells that a path of derivation links exists, not
/// which path the chain takes), an "unlinked" hop one "unlinked" row.
fn library_chains(graph: &ClaimGraph) -> (BTreeSet<Vec<String>>, BTreeSet<Vec<String>>) {
    let (mut text, mut ends) = (BTreeSet::new(), BTreeSet::new());
    for (id, c) in graph.claims() {
        let claim = iri("claim", c.key());
        let list = attribution_chains_with(graph, id, ChainOptions::new());
        assert!(!list.truncated && !list.chains.is_empty());
        for chain in &list.chains {
            let hops = &chain.hops;
            let (mut at, mut i) = (chain.start, 0);
            while let Some(hop) =
                hops.get(i).filter(|h| matches!(h.kind, HopKind::TranslatedFrom | HopKind::RepublishedFrom))
            {
                let Link::Source(to) = hop.to else { panic!("a text hop to a source") };
                let by = hop.by.map(|a| actor_iri(graph, a)).unwrap_or_default();
                text.insert(vec![
                    claim.clone(),
                    source_iri(graph, at),
                    derivation_kind(hop.kind),
                    source_iri(graph, to),
                    by,
                ]);
                at = to;
                i += 1;
            }
            let mut end = |end: String, step: u64, hop: &str, node: String, mode: String| {
                ends.insert(vec![claim.clone(), end, step.to_string(), hop.to_owned(), node, mode]);
            };
            let speaker = actor_iri(graph, c.said_by());
            if chain.inserted {
                assert_eq!(i, hops.len() - 1, "{}", chain.render(graph));
                assert_eq!(hops[i].kind, HopKind::InsertedBy);
                end(source_iri(graph, chain.earliest_source), 1_000_001, "inserted-by", speaker, mode(Mode::Inserted));
                continue;
            }
            if chain.cycle.is_some() {
                assert_eq!(i, hops.len() - 1, "{}", chain.render(graph));
                end("cycle".to_owned(), 1_000_001, "stated-by", speaker, mode(c.mode()));
                continue;
            }
            let root = source_iri(graph, at);
            let mut last = at;
            // The hops from `last` to `target`: one "unlinked" hop, or derivation hops up to it.
            let reach = |i: &mut usize, last: &mut SourceId, target: SourceId| -> Option<&'static str> {
                if *last == target {
                    return None;
                }
                *last = target;
                if hops[*i].kind == HopKind::Unlinked {
                    assert_eq!(hops[*i].to, Link::Source(target));
                    *i += 1;
                    return Some("unlinked");
                }
                loop {
                    let hop = hops[*i];
                    assert!(!matches!(
                        hop.kind,
                        HopKind::RelayedBy | HopKind::StatedBy | HopKind::Unlinked | HopKind::InsertedBy
                    ));
                    *i += 1;
                    if hop.to == Link::Source(target) {
                        return Some("linked");
                    }
                }
            };
            for (r, relay) in c.relayed_by().iter().enumerate() {
                if let Some(s) = relay.source
                    && let Some(hop) = reach(&mut i, &mut last, s)
                {
                    end(root.clone(), 2 * r as u64, hop, source_iri(graph, s), String::new());
                }
                if let Some(by) = relay.by {
                    assert_eq!((hops[i].kind, hops[i].to), (HopKind::RelayedBy, Link::Actor(by)));
                    end(root.clone(), 2 * r as u64 + 1, "relayed-by", actor_iri(graph, by), mode(relay.mode));
                    i += 1;
                }
            }
            if let Some(s) = c.said_in()
                && let Some(hop) = reach(&mut i, &mut last, s)
            {
                end(root.clone(), 1_000_000, hop, source_iri(graph, s), String::new());
            }
            assert_eq!((i, hops[i].kind), (hops.len() - 1, HopKind::StatedBy), "{}", chain.render(graph));
            end(root, 1_000_001, "stated-by", speaker, mode(c.mode()));
        }
    }
    (text, ends)
}

#[test]
fn attribution_chains_agree() {
    for (name, graph) in graphs() {
        let store = store(&graph);
        let (text, ends) = library_chains(&graph);
        if name == "hostile" {
            // Every way a chain goes on and ends occurs.
            for hop in ["linked", "unlinked", "relayed-by", "stated-by", "inserted-by"] {
                assert!(ends.iter().any(|r| r[3] == hop), "{hop}");
            }
            assert!(ends.iter().any(|r| r[1] == "cycle"));
            let inserted_stops = ends.iter().filter(|r| r[3] == "inserted-by" && r[1] == iri("source", "i1")).count();
            assert_eq!(inserted_stops, 1, "the remark in a republished translation stops at the translation");
        }
        for (file, ours, vars) in [
            ("attribution-text.rq", text, &["claim", "from", "kind", "to", "by"][..]),
            ("attribution.rq", ends, &["claim", "end", "step", "hop", "node", "mode"][..]),
        ] {
            let rows = rows(&store, file, vars);
            let theirs: BTreeSet<Vec<String>> = rows.iter().cloned().collect();
            assert_eq!(theirs.len(), rows.len(), "{name} {file}: a row twice");
            let missing: Vec<_> = ours.difference(&theirs).collect();
            let extra: Vec<_> = theirs.difference(&ours).collect();
            assert!(missing.is_empty() && extra.is_empty(), "{name} {file}: missing {missing:#?}\nextra {extra:#?}");
        }
    }
}
