//! A seeded mutation fuzzer for the three ways data gets into a graph: the RON loader (the
//! bundled data files, mutated: byte flips, truncations, deletions, duplicated, dropped and
//! swapped lines, splices between files, swapped strings, inserted tokens), the snapshot reader
//! (snapshots of several graphs, mutated the same way at the byte level) and random edit
//! sequences through the API (claims, sources, actors, predicates, units, conflicts, defaults,
//! with stale and foreign ids), each followed by the queries.
//!
//! Every execution must end without a panic; a load error must name a location inside the data
//! set (a file of it, a line and a column within that file); an edit error must have a message;
//! a graph that loads must survive a snapshot round trip and every query.
//!
//! Each execution draws its input from `(seed, execution number)` alone, so a failure is
//! replayed by its pair. The integration tests run a few hundred executions of each target;
//! `cargo run --release --example fuzz -- --seconds 60` runs for longer (see `tests/FUZZING.md`).

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use claimgraph::query::{
    ChainOptions, attribution_chains_with, circular_reporting, contradictions, corroboration, corroborations,
    source_inconsistencies,
};
use claimgraph::*;

/// What to fuzz.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// The RON loader on mutated data sets.
    Ron,
    /// The snapshot reader on mutated snapshots.
    Snapshot,
    /// Random edit sequences against a graph.
    Edits,
}

impl Target {
    /// The target's name on the command line.
    pub(crate) fn name(self) -> &'static str {
        match self {
            Target::Ron => "ron",
            Target::Snapshot => "snapshot",
            Target::Edits => "edits",
        }
    }
}

/// The outcome of a run.
#[derive(Debug, Default)]
pub(crate) struct Stats {
    /// Executions run.
    pub(crate) executions: u64,
    /// Inputs that loaded (for the edit target: edits that succeeded).
    pub(crate) accepted: u64,
    /// Inputs refused with an error (for the edit target: edits refused).
    pub(crate) refused: u64,
    /// Failures: a panic, or an error without a proper location; with the execution number.
    pub(crate) failures: Vec<(u64, String)>,
}

/// A small deterministic generator (splitmix64), so that an execution can be replayed.
pub(crate) struct Rng(u64);

impl Rng {
    /// The generator of execution `n` of a run seeded with `seed`.
    pub(crate) fn new(seed: u64, n: u64) -> Rng {
        let mut r = Rng(seed ^ n.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        r.next();
        r
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        if n == 0 { 0 } else { (self.next() % n as u64) as usize }
    }
    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// The bundled data files, by name.
pub(crate) fn corpus() -> Vec<(String, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan");
    let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(&dir)
        .expect("the bundled data set")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| (p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()))
        .collect();
    files.sort();
    files
}

const TOKENS: &[&str] = &[
    "\"",
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "Some(",
    "None",
    "\"s0\"",
    "-1",
    "1e999",
    "NaN",
    "-0.0",
    "\"2022-13-45\"",
    "\"2022-02-30\"",
    "\"../\"",
    "ü",
    "Қ",
    "\u{0}",
    "\u{feff}",
    "//",
    "/*",
    "r#\"",
    "99999999999999999999999",
    "true",
    "Exact(",
    "Range(1, 0)",
    "Around(-5)",
    "id: \"x\"",
    "derived_from: [(kind: Cites, source: \"x\")]",
    "excludes: [\"says\"]",
    "said_in: Some(\"x\")",
    "object: Claim(\"x\")",
];

/// One to four stacked mutations of `data`; `others` are the other inputs of the corpus, for
/// splices.
pub(crate) fn mutate(r: &mut Rng, data: &mut Vec<u8>, others: &[&[u8]]) {
    for _ in 0..1 + r.below(4) {
        let len = data.len();
        match r.below(11) {
            0 if len > 0 => {
                let i = r.below(len);
                data[i] ^= 1 << r.below(8);
            }
            1 if len > 0 => {
                let i = r.below(len);
                data[i] = [0u8, 0xff, b'"', b'(', b')', b',', b'\n', 0x80][r.below(8)];
            }
            2 => data.truncate(r.below(len + 1)),
            3 if len > 0 => {
                let i = r.below(len);
                let end = (i + 1 + r.below(64)).min(len);
                data.drain(i..end);
            }
            4..=6 => {
                // Lines: duplicate one, drop one, or swap two.
                let mut lines: Vec<Vec<u8>> = data.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let (i, j) = (r.below(lines.len()), r.below(lines.len()));
                match r.below(3) {
                    0 => {
                        let line = lines[i].clone();
                        lines.insert(j, line);
                    }
                    1 => {
                        lines.remove(i);
                    }
                    _ => lines.swap(i, j),
                }
                *data = lines.join(&b'\n');
            }
            7 if !others.is_empty() => {
                // A splice: the head of this input and the tail of another.
                let other = others[r.below(others.len())];
                let (i, j) = (r.below(len + 1), r.below(other.len() + 1));
                data.truncate(i);
                data.extend_from_slice(&other[j..]);
            }
            8 => {
                // Swap the contents of two quoted strings (an id for another id, a key for a
                // date...).
                let quotes: Vec<usize> = data.iter().enumerate().filter(|(_, b)| **b == b'"').map(|(i, _)| i).collect();
                if quotes.len() >= 4 {
                    let a = r.below(quotes.len() / 2) * 2;
                    let b = r.below(quotes.len() / 2) * 2;
                    let (a, b) = (a.min(b), a.max(b));
                    if a != b {
                        let sa = data[quotes[a] + 1..quotes[a + 1]].to_vec();
                        let sb = data[quotes[b] + 1..quotes[b + 1]].to_vec();
                        let mut out = data[..quotes[a] + 1].to_vec();
                        out.extend_from_slice(&sb);
                        out.extend_from_slice(&data[quotes[a + 1]..quotes[b] + 1]);
                        out.extend_from_slice(&sa);
                        out.extend_from_slice(&data[quotes[b + 1]..]);
                        *data = out;
                    }
                }
            }
            9 => {
                let i = r.below(len + 1);
                let token = TOKENS[r.below(TOKENS.len())].as_bytes();
                data.splice(i..i, token.iter().copied());
            }
            _ if len > 0 => {
                // Duplicate a chunk in place.
                let i = r.below(len);
                let end = (i + 1 + r.below(256)).min(len);
                let chunk = data[i..end].to_vec();
                let at = r.below(len + 1);
                data.splice(at..at, chunk);
            }
            _ => {}
        }
    }
}

/// The queries every accepted graph must survive.
fn query(graph: &ClaimGraph) {
    let _ = contradictions(graph);
    let _ = corroborations(graph, 2);
    let _ = circular_reporting(graph);
    let _ = source_inconsistencies(graph);
    let options = ChainOptions::new().max_chains(64).max_link_search(10_000);
    for (id, _) in graph.claims().take(64) {
        for chain in attribution_chains_with(graph, id, options).chains {
            let _ = chain.render(graph);
        }
        let _ = corroboration(graph, id);
    }
}

/// Checks that an accepted graph survives a snapshot round trip and the queries.
fn accepted(graph: &ClaimGraph) -> Result<(), String> {
    let back = from_snapshot_bytes(&snapshot_bytes(graph)).map_err(|e| format!("its own snapshot is refused: {e}"))?;
    if back != *graph {
        return Err("the snapshot round trip differs".into());
    }
    query(graph);
    Ok(())
}

/// One execution of the RON target: one or two files of the data set mutated, written to
/// `dir`, loaded.
fn ron_once(r: &mut Rng, corpus: &[(String, Vec<u8>)], dir: &Path) -> Result<(u64, u64), String> {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    let mut files: Vec<(String, Vec<u8>)> = corpus.to_vec();
    if r.chance(20) {
        // A data set of one or a few of its files only: references across files dangle.
        let keep = 1 + r.below(files.len());
        while files.len() > keep {
            files.remove(r.below(files.len()));
        }
    }
    let all: Vec<Vec<u8>> = corpus.iter().map(|(_, d)| d.clone()).collect();
    let others: Vec<&[u8]> = all.iter().map(Vec::as_slice).collect();
    for _ in 0..1 + r.below(2) {
        let i = r.below(files.len());
        mutate(r, &mut files[i].1, &others);
    }
    for (name, data) in &files {
        std::fs::write(dir.join(name), data).map_err(|e| e.to_string())?;
    }
    match load_dir(dir) {
        Ok(graph) => accepted(&graph).map(|()| (1, 0)),
        Err(e) => {
            if e.problems().is_empty() {
                return Err("an error with no problem".into());
            }
            for p in e.problems() {
                let loc = &p.location;
                if loc.line == 0 || loc.column == 0 {
                    return Err(format!("a location without a line or column: {p}"));
                }
                if loc.path == dir {
                    continue;
                }
                let name = loc.path.file_name().map(|n| n.to_string_lossy().into_owned());
                let Some((_, data)) = files.iter().find(|(n, _)| Some(n) == name.as_ref()) else {
                    return Err(format!("a location outside the data set: {p}"));
                };
                let lines = data.split(|&b| b == b'\n').count();
                if loc.line > lines {
                    return Err(format!("line {} of a file of {lines} lines: {p}", loc.line));
                }
                if p.to_string().is_empty() {
                    return Err("an empty message".into());
                }
            }
            Ok((0, 1))
        }
    }
}

/// Graphs whose snapshots the snapshot target mutates.
pub(crate) fn snapshot_corpus() -> Vec<Vec<u8>> {
    let bundled = load_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan")).expect("the bundled data");
    let synthetic = synth::generate(&synth::Config { claims: 300, seed: 7, ..synth::Config::default() });
    let mut edited = bundled.clone();
    let ids: Vec<ClaimId> = edited.claims().map(|(id, _)| id).step_by(3).collect();
    for id in ids {
        let _ = edited.remove_claim(id);
    }
    // A snapshot of format version 4, which the reader still reads.
    let version_4 = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/snapshot_v4/synthetic.snapshot");
    vec![
        snapshot_bytes(&bundled),
        snapshot_bytes(&synthetic),
        snapshot_bytes(&edited),
        snapshot_bytes(&ClaimGraph::new()),
        std::fs::read(version_4).expect("the version 4 snapshot"),
    ]
}

fn snapshot_once(r: &mut Rng, corpus: &[Vec<u8>]) -> Result<(u64, u64), String> {
    let mut data = corpus[r.below(corpus.len())].clone();
    let others: Vec<&[u8]> = corpus.iter().map(Vec::as_slice).collect();
    mutate(r, &mut data, &others);
    match from_snapshot_bytes(&data) {
        Ok(graph) => accepted(&graph).map(|()| (1, 0)),
        Err(e) if e.is_empty() => Err("an empty error".into()),
        Err(_) => Ok((0, 1)),
    }
}

/// An id of kind `T` at dense position `i` (ids have no public constructor: read from JSON).
fn nth<T: serde::de::DeserializeOwned>(i: usize) -> T {
    serde_json::from_str(&i.to_string()).expect("an id is a number")
}

const EDIT_BASE: &str = r#"(
    units: [(id: "person", dimension: "count", factor: 1.0), (id: "km", dimension: "length", factor: 1000.0)],
    predicates: [
        (id: "says", label: "says", object: Text),
        (id: "head", label: "head", object: Actor, cardinality: Single),
        (id: "arrivals", label: "arrivals", object: Quantity("count"), cardinality: Single),
        (id: "supports", label: "supports", object: Actor),
        (id: "denies", label: "denies", object: Claim, rebuts: true),
    ],
)"#;

/// One execution of the edit target: up to 120 random edits, some of them invalid, then the
/// queries.
fn edits_once(r: &mut Rng, bundled: &ClaimGraph) -> Result<(u64, u64), String> {
    let mut g = if r.chance(30) { bundled.clone() } else { load_str("base.ron", EDIT_BASE).expect("the base") };
    let (mut ok, mut refused) = (0, 0);
    let steps = 1 + r.below(120);
    for n in 0..steps {
        // Ids a little past the graph's, so that some are stale or unknown.
        let actor = |r: &mut Rng, g: &ClaimGraph| nth::<ActorId>(r.below(g.actor_count() + 3));
        let source = |r: &mut Rng, g: &ClaimGraph| nth::<SourceId>(r.below(g.source_count() + 3));
        let claim = |r: &mut Rng, g: &ClaimGraph| nth::<ClaimId>(r.below(g.claim_count() + 3));
        let predicate = |r: &mut Rng, g: &ClaimGraph| nth::<PredicateId>(r.below(g.predicates().count() + 2));
        let key = |r: &mut Rng, prefix: &str| {
            if r.chance(5) { String::new() } else { format!("{prefix}{}", r.below(n + 4)) }
        };
        let result: Result<(), GraphError> = match r.below(100) {
            0..=14 => {
                let mut a = Actor::new(
                    key(r, "a"),
                    [ActorKind::Person, ActorKind::State, ActorKind::MediaOutlet][r.below(3)],
                    ["A", "", "Ölgii", "Қ"][r.below(4)],
                );
                if r.chance(30) {
                    a.aliases.push(["a", "", "A ", "ü"][r.below(4)].into());
                }
                if r.chance(20) {
                    a.affiliations.push(Affiliation {
                        kind: AffiliationKind::WorksFor,
                        target: actor(r, &g),
                        during: None,
                    });
                }
                g.add_actor(a).map(drop)
            }
            15..=29 => {
                let mut s = Source::new(key(r, "s"), SourceKind::Article, "t", ["en", "", "xx-YY"][r.below(3)]);
                for _ in 0..r.below(4) {
                    let kind = [
                        DerivationKind::Cites,
                        DerivationKind::TranslationOf,
                        DerivationKind::RepublicationOf,
                        DerivationKind::PublishesInterview,
                    ][r.below(4)];
                    let by = r.chance(30).then(|| actor(r, &g));
                    s.derived_from.push(Derivation { kind, source: source(r, &g), by });
                }
                if r.chance(20) {
                    s.outlet = Some(actor(r, &g));
                }
                g.add_source(s).map(drop)
            }
            30..=64 => {
                let p = predicate(r, &g);
                let object = match r.below(7) {
                    0 => Value::Text("x".into()),
                    1 => Value::Actor(actor(r, &g)),
                    2 => Value::Quantity(Quantity {
                        amount: [
                            Amount::Exact(1.0),
                            Amount::Around(f64::NAN),
                            Amount::Range(2.0, 1.0),
                            Amount::Exact(-0.0),
                            Amount::Exact(f64::INFINITY),
                        ][r.below(5)],
                        unit: nth(r.below(3)),
                    }),
                    3 => Value::Date(["2022", "2022-02", "2022-01-05"][r.below(3)].parse().expect("a date")),
                    4 => Value::Claim(claim(r, &g)),
                    5 => Value::Bool(r.chance(50)),
                    _ => Value::Text(String::new()),
                };
                let mut c = Claim::new(key(r, "c"), actor(r, &g), p, object, actor(r, &g), source(r, &g));
                if r.chance(80) {
                    c = c.quote("q");
                }
                if r.chance(30) {
                    c = c.denied();
                }
                if r.chance(20) {
                    c = c.mode([Mode::DirectQuote, Mode::Paraphrase, Mode::Hedged, Mode::Inserted][r.below(4)]);
                }
                if r.chance(20) {
                    c = c.relayed_by(Relay {
                        by: Some(actor(r, &g)),
                        source: r.chance(50).then(|| source(r, &g)),
                        mode: Mode::DirectQuote,
                    });
                }
                if r.chance(10) {
                    c = c.said_in(source(r, &g));
                }
                if r.chance(10) {
                    c = c.carried();
                }
                g.add_claim(c).map(drop)
            }
            65..=79 => g.remove_claim(claim(r, &g)).map(drop),
            80..=86 => g.remove_actor(actor(r, &g)).map(drop),
            87..=91 => {
                let object = [
                    ObjectType::Actor,
                    ObjectType::Text,
                    ObjectType::Quantity("count".into()),
                    ObjectType::Quantity("nothing".into()),
                    ObjectType::Claim,
                ][r.below(5)]
                .clone();
                let mut p = Predicate::new(key(r, "p"), "p", object);
                if r.chance(50) {
                    p = p.excludes(predicate(r, &g));
                }
                if r.chance(30) {
                    p = p.single();
                }
                if r.chance(20) {
                    p = p.tolerance([0.1, -1.0, f64::NAN, 2.0][r.below(4)]);
                }
                if r.chance(10) {
                    p = p.rebuts();
                }
                g.add_predicate(p).map(drop)
            }
            92..=93 => g
                .add_unit(Unit::new(
                    key(r, "u"),
                    ["count", "length", ""][r.below(3)],
                    [1.0, 0.0, -2.0, f64::NAN][r.below(4)],
                ))
                .map(drop),
            94..=95 => g
                .add_conflict(Conflict {
                    key: key(r, "k"),
                    claims: (0..r.below(4)).map(|_| claim(r, &g)).collect(),
                    note: "n".into(),
                })
                .map(drop),
            96 => g.set_defaults(r.chance(50).then(|| Defaults { tolerance: [0.1, -0.5, f64::NAN][r.below(3)] })),
            _ => {
                g.compact();
                Ok(())
            }
        };
        match result {
            Ok(()) => ok += 1,
            Err(e) if e.to_string().is_empty() => return Err("an edit error with an empty message".into()),
            Err(_) => refused += 1,
        }
    }
    accepted(&g)?;
    Ok((ok, refused))
}

/// Runs `target` from execution `first` for at most `executions` executions or until
/// `deadline`, whichever comes first; `scratch` is a directory the RON target may use.
pub(crate) fn run(
    target: Target,
    seed: u64,
    first: u64,
    executions: u64,
    deadline: Option<Duration>,
    scratch: &Path,
) -> Stats {
    let started = Instant::now();
    let corpus = corpus();
    let snapshots = if target == Target::Snapshot { snapshot_corpus() } else { Vec::new() };
    let bundled = load_dir(Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan")).expect("the bundled data");
    let mut stats = Stats::default();
    let prev = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    for n in first..first.saturating_add(executions) {
        if deadline.is_some_and(|d| started.elapsed() >= d) {
            break;
        }
        let mut r = Rng::new(seed, n);
        let outcome = catch_unwind(AssertUnwindSafe(|| match target {
            Target::Ron => ron_once(&mut r, &corpus, scratch),
            Target::Snapshot => snapshot_once(&mut r, &snapshots),
            Target::Edits => edits_once(&mut r, &bundled),
        }));
        stats.executions += 1;
        match outcome {
            Ok(Ok((accepted, refused))) => {
                stats.accepted += accepted;
                stats.refused += refused;
            }
            Ok(Err(why)) => stats.failures.push((n, why)),
            Err(panic) => {
                let why = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
                stats.failures.push((n, format!("panic: {why}")));
            }
        }
    }
    std::panic::set_hook(prev);
    let _ = std::fs::remove_dir_all(scratch);
    stats
}

/// A scratch directory for the RON target, unique to the process and the name.
pub(crate) fn scratch(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("claimgraph-fuzz-{}-{name}", std::process::id()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(target: Target, executions: u64) {
        let stats = run(target, 0xC1A1_6A4F, 0, executions, None, &scratch(target.name()));
        assert_eq!(stats.executions, executions);
        assert!(
            stats.failures.is_empty(),
            "{}: {} failures, first: {:?}",
            target.name(),
            stats.failures.len(),
            stats.failures.first()
        );
        // The mutations must exercise both outcomes, or the target tests nothing.
        assert!(stats.refused > 0, "{}: nothing was refused", target.name());
        assert!(stats.accepted > 0, "{}: nothing was accepted", target.name());
    }

    #[test]
    fn mutated_data_files_load_or_fail_with_locations() {
        check(Target::Ron, 16);
    }

    #[test]
    fn mutated_snapshots_load_or_fail() {
        check(Target::Snapshot, 150);
    }

    #[test]
    fn random_edit_sequences_never_panic() {
        check(Target::Edits, 60);
    }

    #[test]
    fn mutation_is_deterministic() {
        let corpus = corpus();
        let input = |n| {
            let mut data = corpus[0].1.clone();
            mutate(&mut Rng::new(9, n), &mut data, &[&corpus[1].1]);
            data
        };
        assert_eq!(input(3), input(3));
        assert_ne!(input(3), input(4));
    }
}
