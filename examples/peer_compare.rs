//! claimgraph against a SPARQL peer: the same synthetic corpus (see `claimgraph::synth`) queried
//! through `ClaimGraph` and through Oxigraph's in-memory store.
//!
//! ```text
//! cargo run --release --features peer --example peer_compare -- --claims 100000
//! cargo run --release --features peer --example peer_compare -- --claims 10000 --seed 7 --sample 200 --prepared 5
//! ```
//!
//! The corpus is mapped to RDF (claims as resources with subject, predicate, qualifier, object,
//! polarity, modality, time bounds, speaker and source; source derivation edges), bulk-loaded
//! into Oxigraph, and queried with the SPARQL files of `benches/sparql/`:
//!
//! | query | answer compared |
//! |---|---|
//! | `contradictions.rq` | proposition groups with a polarity conflict, with a single-value conflict |
//! | `attribution.rq` | for a sample of claims: the sources their text passed through (translations, republications; the reading source included) and the origins among them |
//! | `corroboration.rq` | proposition groups, and their distinct independent origins (as `claimgraph::query::origins` defines them) summed over the groups |
//!
//! Our side answers with the `claimgraph::query` functions (`contradictions`,
//! `attribution_chains_into` for the sample's chains in one batch, `origins`), each reduced to the
//! counts compared. A time counts only when both
//! sides give the same answer. Each query runs at least once and is repeated (the best time
//! kept) while it takes under a second in all. The output ends with one line per query:
//! `ratio <query> <claims> <peer time / our time>` (or `disagree`), and the exit code is 1 if
//! any answer differs.
//!
//! Memory: resident-set growth (`VmRSS` from `/proc/self/status`) over each side's build, and
//! peaks (`VmHWM`, reset between the sides when the kernel allows it).

#[path = "common/peer.rs"]
mod peer;

use std::error::Error;
use std::fmt;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use claimgraph::synth::{self, Config};
use claimgraph::{Cardinality, ClaimGraph, ObjectType, Polarity, SourceId, Value, fold_name};
use oxigraph::model::{GraphName, Literal, NamedNode, Quad, Term, Variable};
use oxigraph::sparql::{QueryResults, QuerySolution, SparqlEvaluator};
use oxigraph::store::Store;
use peer::{
    Answer, attribution_sample, mib, ms, ours_attribution, ours_contradictions, ours_corroboration, range_of,
    reset_peak, status_bytes, time_bounds, timed,
};

type Result<T> = std::result::Result<T, Box<dyn Error>>;

struct Args {
    claims: usize,
    seed: u64,
    /// How many sources the attribution query starts from.
    sample: usize,
    /// How many of them to also run as a prepared query with the IRI substituted (0: none).
    prepared: usize,
    /// Other SPARQL texts to time against the same answer: (query name, file).
    variants: Vec<(String, PathBuf)>,
}

const USAGE: &str = "usage: peer_compare [--claims N (10000)] [--seed S (1)] [--sample K (1000)] [--prepared P (3)]
                    [--variant contradictions|corroboration=FILE.rq]...";

fn args() -> Result<Args> {
    let mut args = Args { claims: 10_000, seed: 1, sample: 1000, prepared: 3, variants: Vec::new() };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || value.replace('_', "").parse::<u64>().map_err(|e| format!("{flag} {value}: {e}"));
        match flag.as_str() {
            "--claims" => args.claims = usize::try_from(number()?)?,
            "--seed" => args.seed = number()?,
            "--sample" => args.sample = usize::try_from(number()?)?,
            "--prepared" => args.prepared = usize::try_from(number()?)?,
            "--variant" => {
                let (name, path) =
                    value.split_once('=').ok_or_else(|| format!("--variant {value}: NAME=FILE\n{USAGE}"))?;
                if !matches!(name, "contradictions" | "corroboration") {
                    return Err(format!("--variant {name}: only contradictions or corroboration").into());
                }
                args.variants.push((name.to_owned(), PathBuf::from(path)));
            }
            _ => return Err(format!("unknown argument {flag}\n{USAGE}").into()),
        }
    }
    Ok(args)
}

// ----- the peer: RDF mapping ------------------------------------------------------------------

const NS: &str = "urn:cg:";

fn iri(local: impl fmt::Display) -> NamedNode {
    NamedNode::new_unchecked(format!("{NS}{local}"))
}

/// The vocabulary of the mapping.
struct Terms {
    rdf_type: NamedNode,
    source_class: NamedNode,
    subject: NamedNode,
    predicate: NamedNode,
    qualifier: NamedNode,
    object: NamedNode,
    lo: NamedNode,
    hi: NamedNode,
    scale: NamedNode,
    polarity: NamedNode,
    modality: NamedNode,
    start: NamedNode,
    end: NamedNode,
    speaker: NamedNode,
    source: NamedNode,
    said_in: NamedNode,
    relayed_by: NamedNode,
    mode: NamedNode,
    derived_from: NamedNode,
    single: NamedNode,
    tolerance: NamedNode,
    none: NamedNode,
    ranged: NamedNode,
    affirmed: NamedNode,
    denied: NamedNode,
}

impl Terms {
    fn new() -> Terms {
        Terms {
            rdf_type: NamedNode::new_unchecked("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
            source_class: iri("Source"),
            subject: iri("subject"),
            predicate: iri("predicate"),
            qualifier: iri("qualifier"),
            object: iri("object"),
            lo: iri("lo"),
            hi: iri("hi"),
            scale: iri("scale"),
            polarity: iri("polarity"),
            modality: iri("modality"),
            start: iri("start"),
            end: iri("end"),
            speaker: iri("speaker"),
            source: iri("source"),
            said_in: iri("saidIn"),
            relayed_by: iri("relayedBy"),
            mode: iri("mode"),
            derived_from: iri("derivedFrom"),
            single: iri("single"),
            tolerance: iri("tolerance"),
            none: iri("none"),
            ranged: iri("Ranged"),
            affirmed: iri("Affirmed"),
            denied: iri("Denied"),
        }
    }
}

fn quad(s: &NamedNode, p: &NamedNode, o: impl Into<Term>) -> Quad {
    Quad::new(s.clone(), p.clone(), o, GraphName::DefaultGraph)
}

fn actor_iri(id: claimgraph::ActorId) -> NamedNode {
    iri(format_args!("a{}", id.index()))
}

fn source_iri(id: SourceId) -> NamedNode {
    iri(format_args!("s{}", id.index()))
}

fn claim_iri(id: claimgraph::ClaimId) -> NamedNode {
    iri(format_args!("c{}", id.index()))
}

/// Every quad of the mapping, made on the fly.
fn quads<'a>(graph: &'a ClaimGraph, t: &'a Terms) -> impl Iterator<Item = Quad> + 'a {
    let predicates = graph.predicates().flat_map(move |(id, p)| {
        let node = iri(format_args!("p{}", id.index()));
        let tol = match p.object {
            ObjectType::Quantity(_) => graph.tolerance_for(p).0,
            _ => 0.0,
        };
        [
            quad(&node, &t.single, Literal::from(p.cardinality == Cardinality::Single)),
            quad(&node, &t.tolerance, Literal::from(tol)),
        ]
    });
    let sources = graph.sources().flat_map(move |(id, s)| {
        let node = source_iri(id);
        let mut out = vec![quad(&node, &t.rdf_type, t.source_class.clone())];
        for d in s.derived_from() {
            let earlier = source_iri(d.source);
            let kind = match d.kind {
                claimgraph::DerivationKind::TranslationOf => "translationOf",
                claimgraph::DerivationKind::RepublicationOf => "republicationOf",
                claimgraph::DerivationKind::Cites => "cites",
                claimgraph::DerivationKind::PublishesInterview => "publishesInterview",
            };
            out.push(quad(&node, &iri(kind), earlier.clone()));
            out.push(quad(&node, &t.derived_from, earlier));
        }
        out
    });
    let claims = graph.claims().flat_map(move |(id, c)| {
        let node = claim_iri(id);
        let value = c.object();
        let (object, (lo, hi, scale)): (Term, _) = match (&value, range_of(graph, &value)) {
            (_, Some(range)) => (t.ranged.clone().into(), range),
            (Value::Actor(a), None) => (actor_iri(*a).into(), (0.0, 0.0, 0.0)),
            (Value::Claim(k), None) => (claim_iri(*k).into(), (0.0, 0.0, 0.0)),
            (Value::Text(x), None) => (Literal::new_simple_literal(fold_name(x)).into(), (0.0, 0.0, 0.0)),
            (Value::Bool(b), None) => (Literal::from(*b).into(), (0.0, 0.0, 0.0)),
            (_, None) => (t.none.clone().into(), (0.0, 0.0, 0.0)),
        };
        let (start, end) = time_bounds(c);
        let mut out = vec![
            quad(&node, &t.subject, actor_iri(c.subject())),
            quad(&node, &t.predicate, iri(format_args!("p{}", c.predicate().index()))),
            quad(&node, &t.qualifier, c.qualifier().map_or_else(|| t.none.clone(), actor_iri)),
            quad(&node, &t.object, object),
            quad(&node, &t.lo, Literal::from(lo)),
            quad(&node, &t.hi, Literal::from(hi)),
            quad(&node, &t.scale, Literal::from(scale)),
            quad(
                &node,
                &t.polarity,
                if c.polarity() == Polarity::Affirmed { t.affirmed.clone() } else { t.denied.clone() },
            ),
            quad(&node, &t.modality, iri(format_args!("{:?}", c.modality()))),
            quad(&node, &t.start, Literal::from(start)),
            quad(&node, &t.end, Literal::from(end)),
            quad(&node, &t.speaker, actor_iri(c.said_by())),
            quad(&node, &t.source, source_iri(c.source())),
            quad(&node, &t.mode, iri(format_args!("{:?}", c.mode()))),
        ];
        out.extend(c.said_in().map(|s| quad(&node, &t.said_in, source_iri(s))));
        out.extend(c.relayed_by().iter().filter_map(|r| r.by).map(|a| quad(&node, &t.relayed_by, actor_iri(a))));
        out
    });
    predicates.chain(sources).chain(claims)
}

// ----- the peer: queries ----------------------------------------------------------------------

fn sparql(name: &str) -> Result<String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("benches/sparql").join(name);
    std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()).into())
}

fn select(store: &Store, query: &str) -> Result<Vec<QuerySolution>> {
    let QueryResults::Solutions(solutions) = SparqlEvaluator::new().parse_query(query)?.on_store(store).execute()?
    else {
        return Err("expected a SELECT query".into());
    };
    Ok(solutions.collect::<std::result::Result<Vec<_>, _>>()?)
}

fn literal<'a>(row: &'a QuerySolution, var: &str) -> Option<&'a str> {
    match row.get(var) {
        Some(Term::Literal(l)) => Some(l.value()),
        _ => None,
    }
}

fn peer_contradictions(store: &Store, query: &str) -> Result<Answer> {
    let (mut polarity, mut value) = (0, 0);
    for row in select(store, query)? {
        match literal(&row, "rule") {
            Some("polarity") => polarity += 1,
            Some("value") => value += 1,
            other => return Err(format!("unexpected rule {other:?}").into()),
        }
    }
    Ok(Answer(vec![("polarity", polarity), ("value", value)]))
}

fn attribution_rows(rows: &[QuerySolution]) -> (u64, u64) {
    let origins = rows.iter().filter(|r| literal(r, "origin") == Some("true")).count();
    (rows.len() as u64, origins as u64)
}

/// The attribution query with the source's IRI written into its text.
fn peer_attribution(store: &Store, template: &str, sample: &[SourceId]) -> Result<Answer> {
    let (mut reached, mut origins) = (0, 0);
    for &s in sample {
        let query = template.replace("{{SOURCE}}", source_iri(s).as_str());
        let (r, o) = attribution_rows(&select(store, &query)?);
        reached += r;
        origins += o;
    }
    Ok(Answer(vec![("reached", reached), ("origins", origins)]))
}

/// The same query prepared once with a variable, the IRI substituted for each source.
fn peer_attribution_prepared(store: &Store, template: &str, sample: &[SourceId]) -> Result<Answer> {
    // Substitution needs the variable in the projection; the rows stay the same.
    let text = template.replace("<{{SOURCE}}>", "?source").replacen("SELECT DISTINCT ", "SELECT DISTINCT ?source ", 1);
    let prepared = SparqlEvaluator::new().parse_query(&text)?;
    let (mut reached, mut origins) = (0, 0);
    for &s in sample {
        let bound = prepared.clone().substitute_variable(Variable::new("source")?, source_iri(s));
        let QueryResults::Solutions(solutions) = bound.on_store(store).execute()? else {
            return Err("expected a SELECT query".into());
        };
        let rows = solutions.collect::<std::result::Result<Vec<_>, _>>()?;
        let (r, o) = attribution_rows(&rows);
        reached += r;
        origins += o;
    }
    Ok(Answer(vec![("reached", reached), ("origins", origins)]))
}

fn peer_corroboration(store: &Store, query: &str) -> Result<Answer> {
    let rows = select(store, query)?;
    let mut total = 0;
    for row in &rows {
        total +=
            literal(row, "origins").and_then(|v| v.parse::<u64>().ok()).ok_or("corroboration row without a count")?;
    }
    Ok(Answer(vec![("groups", rows.len() as u64), ("origins", total)]))
}

// ----- the comparison -------------------------------------------------------------------------

struct Outcome {
    name: &'static str,
    ours: (Answer, Duration),
    peer: (Answer, Duration),
}

impl Outcome {
    fn agree(&self) -> bool {
        self.ours.0 == self.peer.0
    }

    fn print(&self) {
        let verdict = if self.agree() { "answers agree" } else { "ANSWERS DIFFER" };
        println!(
            "{}: ours {} [{}] | peer {} [{}] | {verdict}",
            self.name,
            ms(self.ours.1),
            self.ours.0,
            ms(self.peer.1),
            self.peer.0
        );
    }
}

fn run() -> Result<bool> {
    let args = args()?;
    println!("claimgraph vs Oxigraph (in-memory store), {} claims, seed {}", args.claims, args.seed);

    // Our side: build, then query.
    let rss_start = status_bytes("VmRSS");
    let config = Config { claims: args.claims, seed: args.seed, ..Config::default() };
    let t = Instant::now();
    let graph = synth::generate(&config);
    let build = t.elapsed();
    let (rss_ours, peak_ours) = (status_bytes("VmRSS"), status_bytes("VmHWM"));
    let per_claim = |bytes: u64| bytes as f64 / args.claims.max(1) as f64;
    println!(
        "ours: generate + build {:.3} s: {} actors, {} sources, {} claims in {} proposition groups",
        build.as_secs_f64(),
        graph.actor_count(),
        graph.source_count(),
        graph.claim_count(),
        graph.proposition_groups().count()
    );
    let grown = rss_ours.saturating_sub(rss_start);
    println!(
        "ours: memory +{} resident after build ({:.0} bytes/claim), peak {}",
        mib(grown),
        per_claim(grown),
        mib(peak_ours)
    );

    let sample_claims = attribution_sample(&graph, args.sample);
    // The peer walks from each sampled claim's reading source.
    let sample: Vec<SourceId> = sample_claims.iter().filter_map(|&c| graph.claim(c)).map(|c| c.source()).collect();
    let ours_c = timed(|| ours_contradictions(&graph));
    let ours_a = timed(|| ours_attribution(&graph, &sample_claims));
    let ours_o = timed(|| ours_corroboration(&graph));

    // The peer: map, load, query.
    let queries = (sparql("contradictions.rq")?, sparql("attribution.rq")?, sparql("corroboration.rq")?);
    let reset = reset_peak();
    let rss_before_peer = status_bytes("VmRSS");
    let t = Instant::now();
    let store = Store::new()?;
    let terms = Terms::new();
    let mut loader = store.bulk_loader();
    loader.load_quads(quads(&graph, &terms))?;
    loader.commit()?;
    let load = t.elapsed();
    let count = store.len()?;
    let (rss_peer, peak_peer) = (status_bytes("VmRSS"), status_bytes("VmHWM"));
    println!(
        "peer: map to RDF + bulk load {:.3} s: {count} quads ({:.1} per claim)",
        load.as_secs_f64(),
        count as f64 / args.claims.max(1) as f64
    );
    let grown = rss_peer.saturating_sub(rss_before_peer);
    println!(
        "peer: memory +{} resident after load ({:.0} bytes/claim, {:.0} bytes/quad), peak {}{}",
        mib(grown),
        per_claim(grown),
        grown as f64 / count.max(1) as f64,
        mib(peak_peer),
        if reset { "" } else { " (peak not reset: includes ours)" }
    );

    let (c, tc) = timed(|| peer_contradictions(&store, &queries.0));
    let (a, ta) = timed(|| peer_attribution(&store, &queries.1, &sample));
    let (o, to) = timed(|| peer_corroboration(&store, &queries.2));
    let outcomes = [
        Outcome { name: "contradictions", ours: ours_c, peer: (c?, tc) },
        Outcome { name: "attribution", ours: ours_a, peer: (a?, ta) },
        Outcome { name: "corroboration", ours: ours_o, peer: (o?, to) },
    ];
    println!(
        "attribution: the chains of {} claims read in a source, said nowhere else and relayed by no one",
        sample.len()
    );
    for o in &outcomes {
        o.print();
    }

    if args.prepared > 0 {
        let few = &sample[..args.prepared.min(sample.len())];
        let (inlined, ti) = timed(|| peer_attribution(&store, &queries.1, few));
        let t = Instant::now();
        let prepared = peer_attribution_prepared(&store, &queries.1, few)?;
        let tp = t.elapsed();
        let same = if inlined? == prepared { "same answers" } else { "ANSWERS DIFFER" };
        let per = |d: Duration| ms(d / few.len().max(1) as u32);
        println!(
            "peer: attribution, IRI substituted into a prepared query: {} per query vs {} inlined ({} sources, {same})",
            per(tp),
            per(ti),
            few.len()
        );
    }

    for (name, path) in &args.variants {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let (answer, t) = match name.as_str() {
            "contradictions" => timed(|| peer_contradictions(&store, &text)),
            _ => timed(|| peer_corroboration(&store, &text)),
        };
        let answer = answer?;
        let expected = &outcomes.iter().find(|o| o.name == name).expect("known query").peer.0;
        let verdict = if answer == *expected { "same answer" } else { "ANSWER DIFFERS" };
        println!("peer: variant {name} ({}): {} [{answer}] | {verdict}", path.display(), ms(t));
    }

    println!("peak memory (VmHWM): {}", mib(status_bytes("VmHWM").max(peak_ours)));
    let mut all_agree = true;
    for o in &outcomes {
        if o.agree() {
            println!(
                "ratio {} {} {:.1}",
                o.name,
                args.claims,
                o.peer.1.as_secs_f64() / o.ours.1.as_secs_f64().max(1e-9)
            );
        } else {
            all_agree = false;
            println!("ratio {} {} disagree", o.name, args.claims);
        }
    }
    Ok(all_agree)
}

fn main() -> ExitCode {
    match run() {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::FAILURE,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
