//! How each cost grows with the size of the corpus: builds synthetic corpora
//! (`claimgraph::synth`) of 10k, 100k and 1M claims and prints one Markdown table row per
//! operation, with its time at each size (the best of a few runs), as `benches/RESULTS.md`
//! records them. Criterion (`cargo bench`) gives the same operations with statistics; this is the
//! quick, single-command view.
//!
//! ```text
//! cargo run --release --example scale_report                    # 10k, 100k, 1M claims
//! cargo run --release --example scale_report -- 10000 100000    # chosen sizes
//! cargo run --release --example scale_report -- 100000 1000000 10000000   # to 10M (peak about 5.5 GiB)
//! ```
//!
//! The last column gives each row's growth from one size to the next: the ratio of the figures,
//! and of the sizes. For a total (a build, a load, a whole-graph query) ×10 for a tenfold step
//! is linear; for a figure per claim or per operation (a chain, a lookup, an update after 100
//! claims, bytes per claim) ×1 is. Above 1M claims the RON load (gigabytes
//! of text) and the hostile groups (a tenth of the corpus in one group) are not run.
//!
//! The last rows are hostile proposition groups: one group of `g` claims (a tenth of the
//! column's size) and of `4g`, each built to defeat a quadratic algorithm (every value different
//! at disjoint or at overlapping times; half the claims affirming and half denying one
//! proposition), with the time at `g`, at `4g` and their ratio (about 4 when the work grows as
//! `g log g`, 16 if it were quadratic).
//!
//! A second table times the provenance queries on adversarial source graphs (a citation ring,
//! long chains of citations and translations, layers of sources that each translate both sources
//! of the layer behind, claims with tens of thousands of relays) at n and 4n sources, with the
//! growth factor: 4 for linear work.
//!
//! ```text
//! cargo run --release --example scale_report -- --hostile         # the adversarial table only
//! cargo run --release --example scale_report -- --hostile 10000   # ... from n = 10,000
//! ```
//!
//! Memory is measured twice: as the growth of the resident set over generating and building the
//! graph (which also counts what the generator leaves behind), and as the growth of the resident
//! set of a fresh process over loading the graph's snapshot (the graph alone: the example runs
//! itself with `--resident-of FILE` for that).

use std::time::{Duration, Instant};

use claimgraph::query::{ContradictionIndex, attribution_chains, contradictions, corroborations};
use claimgraph::synth::{self, Config};
use claimgraph::{
    Actor, ActorKind, Amount, Claim, ClaimGraph, ObjectType, Predicate, Quantity, Source, SourceKind, TimeSpec, Unit,
    Value,
};

/// Best time of `runs` runs of `f` (at least one).
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}

fn show(d: Duration) -> String {
    let us = d.as_secs_f64() * 1e6;
    if us < 1.0 {
        format!("{:.0} ns", us * 1e3)
    } else if us < 1_000.0 {
        format!("{us:.1} µs")
    } else if us < 1_000_000.0 {
        format!("{:.1} ms", us / 1e3)
    } else {
        format!("{:.2} s", us / 1e6)
    }
}

/// The shapes of hostile groups.
#[derive(Clone, Copy, PartialEq)]
enum Hostile {
    /// Every claim a different count (tolerance 0), each on a day of its own.
    DifferentDisjoint,
    /// Every claim a different count, all at overlapping (unknown) times.
    DifferentOverlapping,
    /// One proposition, affirmed by every other claim and denied by the rest.
    HalfDenied,
}

/// A graph holding one proposition group of `n` claims of the given shape (four speakers, four
/// sources).
fn hostile(shape: Hostile, n: usize) -> ClaimGraph {
    let mut g = ClaimGraph::new();
    let person = g.add_unit(Unit::new("person", "count", 1.0)).expect("a new unit");
    let count = g
        .add_predicate(Predicate::new("count", "count", ObjectType::Quantity("count".into())).single().tolerance(0.0))
        .expect("a new predicate");
    let recognizes = g.add_predicate(Predicate::new("recognizes", "recognises", ObjectType::Actor)).expect("new");
    let kz = g.add_actor(Actor::new("kz", ActorKind::State, "Kazakhstan")).expect("a new actor");
    let ua = g.add_actor(Actor::new("ua", ActorKind::State, "Ukraine")).expect("a new actor");
    let speakers: Vec<_> = (0..4)
        .map(|i| g.add_actor(Actor::new(format!("p{i}"), ActorKind::Person, format!("Person {i}"))).expect("new"))
        .collect();
    let sources: Vec<_> = (0..4)
        .map(|i| g.add_source(Source::new(format!("s{i}"), SourceKind::Article, "a", "en")).expect("new"))
        .collect();
    for i in 0..n {
        let (predicate, object) = match shape {
            Hostile::HalfDenied => (recognizes, Value::Actor(ua)),
            _ => (count, Value::Quantity(Quantity { amount: Amount::Exact(1.0 + i as f64), unit: person })),
        };
        let mut c =
            Claim::new(format!("c{i}"), kz, predicate, object, speakers[i % 4], sources[(i / 4) % 4]).quote("q");
        if shape == Hostile::DifferentDisjoint {
            let day: TimeSpec =
                format!("{}-{:02}-{:02}", 1000 + i / 336, (i % 336) / 28 + 1, i % 28 + 1).parse().expect("a valid day");
            c = c.about(day);
        }
        if shape == Hostile::HalfDenied && i % 2 == 1 {
            c = c.denied();
        }
        g.add_claim(c).expect("a valid claim");
    }
    g
}

/// The time of `op` on a hostile group of `g` claims and of `4g`, and the ratio.
fn growth(shape: Hostile, g: usize, op: impl Fn(&mut ClaimGraph) -> Duration) -> String {
    let (small, large) = (op(&mut hostile(shape, g)), op(&mut hostile(shape, 4 * g)));
    format!("{} → {} (×{:.1})", show(small), show(large), large.as_secs_f64() / small.as_secs_f64().max(1e-9))
}

struct Row {
    name: &'static str,
    cells: Vec<Cell>,
}

/// A cell of the table: its text, and the figure its growth is computed from (seconds or bytes
/// per claim), if it has one.
struct Cell {
    text: String,
    value: Option<f64>,
}

/// A timed cell.
fn timed(d: Duration) -> Cell {
    Cell { text: show(d), value: Some(d.as_secs_f64()) }
}

/// A cell of bytes per claim.
fn per_claim(bytes: f64, n: usize) -> Cell {
    let b = bytes / n as f64;
    Cell { text: format!("{b:.0} B"), value: Some(b) }
}

/// A cell with no growth of its own.
fn plain(text: String) -> Cell {
    Cell { text, value: None }
}

/// Up to this size every row runs; above it the RON load (gigabytes of text) and the hostile
/// groups (a tenth of the corpus in one group) are left out, and their cells say so.
const EVERY_ROW_UP_TO: usize = 1_000_000;

/// The growth of a row from each size to the next: the ratio of the figures, with the ratio of
/// the sizes (see the module's documentation for what is linear).
fn growth_of(cells: &[Cell], sizes: &[usize]) -> String {
    let steps: Vec<String> = cells
        .windows(2)
        .zip(sizes.windows(2))
        .filter_map(|(c, n)| {
            let (a, b) = (c[0].value?, c[1].value?);
            (a > 0.0).then(|| format!("×{:.1} for ×{:.1}", b / a, n[1] as f64 / n[0].max(1) as f64))
        })
        .collect();
    steps.join(", ")
}

/// The resident growth of a fresh process of this example over loading `snapshot`.
fn resident_of_snapshot(snapshot: &[u8]) -> u64 {
    let file = std::env::temp_dir().join(format!("claimgraph-scale-{}.snapshot", std::process::id()));
    std::fs::write(&file, snapshot).expect("temp dir is writable");
    let exe = std::env::current_exe().expect("the example's own path");
    let out = std::process::Command::new(exe).arg("--resident-of").arg(&file).output().expect("the example runs");
    let _ = std::fs::remove_file(&file);
    String::from_utf8_lossy(&out.stdout).trim().parse().expect("the child prints a byte count")
}

fn main() {
    let mut args = std::env::args().skip(1);
    if args.next().as_deref() == Some("--resident-of") {
        // The child of `resident_of_snapshot`: the file is read before the first measure.
        let bytes = std::fs::read(args.next().expect("a snapshot file")).expect("the snapshot is readable");
        let before = resident();
        let graph = claimgraph::from_snapshot_bytes(&bytes).expect("our snapshot loads");
        println!("{}", resident().saturating_sub(before));
        drop(graph);
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("--hostile") {
        let n = std::env::args().nth(2).and_then(|a| a.replace('_', "").parse().ok()).unwrap_or(25_000);
        provenance::report(n);
        return;
    }
    let sizes: Vec<usize> = {
        let given: Vec<usize> = std::env::args().skip(1).filter_map(|a| a.replace('_', "").parse().ok()).collect();
        if given.is_empty() { vec![10_000, 100_000, 1_000_000] } else { given }
    };
    let names = [
        "generate + build (add_* API)",
        "load from snapshot",
        "load from RON",
        "contradictions, whole graph",
        "contradictions, update after adding 100 claims",
        "attribution chain (mean of 1,000)",
        "corroborations, whole graph",
        "lookup by speaker / subject / source (mean of 3,072)",
        "memory per claim (resident growth over build)",
        "memory per claim (resident growth of a fresh process over a snapshot load)",
        "of which claim text (key, quote, note, text object)",
        "memory per claim beyond its text (the graph alone)",
        "hostile group of N/10 → 4N/10 claims, all values different at disjoint times: contradictions",
        "hostile group, all values different at overlapping times: contradictions (one, of g sides)",
        "hostile group, all values different at overlapping times: its sides and opposing pairs",
        "hostile group, half affirmed, half denied: contradictions",
        "hostile group, half affirmed, half denied: index update after one more claim",
        "hostile group, half affirmed, half denied: corroborations",
    ];
    let mut rows: Vec<Row> = names.iter().map(|&name| Row { name, cells: Vec::new() }).collect();
    let mut counts = Vec::new();
    for &n in &sizes {
        eprintln!("{n} claims...");
        let config = Config { claims: n, seed: 1, ..Config::default() };
        let rss = resident();
        let t = Instant::now();
        let mut graph = synth::generate(&config);
        let build = t.elapsed();
        graph.compact();
        let grown = resident().saturating_sub(rss);
        let text: usize = graph
            .claims()
            .map(|(_, c)| {
                c.key().len() + c.quote().len() + c.note().map_or(0, str::len) + c.object_text().map_or(0, str::len)
            })
            .sum();
        let runs = if n >= 1_000_000 { 3 } else { 5 };

        let snapshot = claimgraph::snapshot_bytes(&graph);
        let snap = best(runs, || claimgraph::from_snapshot_bytes(&snapshot).expect("our snapshot loads"));
        let loaded = resident_of_snapshot(&snapshot);
        let dir = std::env::temp_dir().join(format!("claimgraph-scale-{}-{n}", std::process::id()));
        let every_row = n <= EVERY_ROW_UP_TO;
        let ron = if every_row {
            claimgraph::save_dir(&graph, &dir).expect("temp dir is writable");
            let ron = best(1, || claimgraph::load_dir(&dir).expect("our RON loads"));
            let _ = std::fs::remove_dir_all(&dir);
            timed(ron)
        } else {
            plain(format!("not run above {EVERY_ROW_UP_TO} claims"))
        };

        let full = best(runs, || contradictions(&graph));
        let found = contradictions(&graph).len();
        let index = ContradictionIndex::new(&graph);
        let mut after = graph.clone();
        let mut keys = Vec::new();
        for (i, (_, c)) in graph.claims().step_by(n / 100).take(100).enumerate() {
            let mut c = c.to_claim();
            c.key = format!("report_new_{i}");
            c.polarity = match c.polarity {
                claimgraph::Polarity::Affirmed => claimgraph::Polarity::Denied,
                claimgraph::Polarity::Denied => claimgraph::Polarity::Affirmed,
            };
            keys.push(ClaimGraph::proposition_key(&c));
            after.add_claim(c).expect("a copy with a new key is valid");
        }
        // The update is short and noisy: the best of many runs (each on a fresh copy of the index).
        let update = (0..15)
            .map(|_| {
                let mut index = index.clone();
                let t = Instant::now();
                index.update(&after, keys.iter().copied());
                t.elapsed()
            })
            .min()
            .unwrap_or_default();
        drop(after);

        let sample: Vec<_> = graph.claims().map(|(id, _)| id).step_by((n / 1000).max(1)).take(1000).collect();
        let chains = best(runs, || sample.iter().map(|&c| attribution_chains(&graph, c).len()).sum::<usize>());
        let corr = best(runs, || corroborations(&graph, 2));
        let actors: Vec<_> =
            graph.actors().map(|(id, _)| id).step_by((graph.actor_count() / 1024).max(1)).take(1024).collect();
        let sources: Vec<_> =
            graph.sources().map(|(id, _)| id).step_by((graph.source_count() / 1024).max(1)).take(1024).collect();
        let lookups = best(runs, || {
            actors.iter().map(|&a| graph.claims_by_speaker(a).len() + graph.claims_about(a).len()).sum::<usize>()
                + sources.iter().map(|&s| graph.claims_in_source(s).len()).sum::<usize>()
        });
        let lookups_n = (actors.len() * 2 + sources.len()).max(1) as f64;

        let hostile_row = |shape: Hostile, g: usize, op: &dyn Fn(&mut ClaimGraph) -> Duration| {
            plain(if every_row { growth(shape, g, op) } else { format!("not run above {EVERY_ROW_UP_TO} claims") })
        };
        let cells = [
            timed(build),
            timed(snap),
            ron,
            Cell { text: format!("{} ({found} found)", show(full)), value: Some(full.as_secs_f64()) },
            timed(update),
            timed(Duration::from_secs_f64(chains.as_secs_f64() / sample.len().max(1) as f64)),
            timed(corr),
            timed(Duration::from_secs_f64(lookups.as_secs_f64() / lookups_n)),
            per_claim(grown as f64, n),
            per_claim(loaded as f64, n),
            per_claim(text as f64, n),
            per_claim(loaded as f64 - text as f64, n),
            hostile_row(Hostile::DifferentDisjoint, n / 10, &|g| best(runs, || contradictions(g))),
            hostile_row(Hostile::DifferentOverlapping, n / 10, &|g| best(runs, || contradictions(g))),
            hostile_row(Hostile::DifferentOverlapping, n / 10, &|g| {
                let found = contradictions(g);
                best(1, || found.iter().map(|c| c.sides(g).len() as u64 + c.opposing_pairs(g)).sum::<u64>())
            }),
            hostile_row(Hostile::HalfDenied, n / 10, &|g| best(runs, || contradictions(g))),
            hostile_row(Hostile::HalfDenied, n / 10, &|g| {
                let index = ContradictionIndex::new(g);
                let mut c = g.claim(g.claims().next().expect("a claim").0).expect("a claim").to_claim();
                c.key = "one_more".into();
                let key = ClaimGraph::proposition_key(&c);
                g.add_claim(c).expect("a copy with a new key is valid");
                (0..runs)
                    .map(|_| {
                        let mut index = index.clone();
                        let t = Instant::now();
                        index.update(g, [key]);
                        t.elapsed()
                    })
                    .min()
                    .unwrap_or_default()
            }),
            hostile_row(Hostile::HalfDenied, n / 10, &|g| best(runs, || corroborations(g, 2))),
        ];
        for (row, cell) in rows.iter_mut().zip(cells) {
            row.cells.push(cell);
        }
        counts.push(n);
    }
    let header: Vec<String> = counts.iter().map(|n| format!("{n} claims")).collect();
    println!("| operation | {} | growth from each size to the next |", header.join(" | "));
    println!("|---|{}---|", "---|".repeat(counts.len()));
    for row in rows {
        let texts: Vec<&str> = row.cells.iter().map(|c| c.text.as_str()).collect();
        println!("| {} | {} | {} |", row.name, texts.join(" | "), growth_of(&row.cells, &counts));
    }
    println!();
    provenance::report(25_000);
}

/// The adversarial provenance shapes.
mod provenance {
    use std::time::{Duration, Instant};

    use claimgraph::query::{
        ChainOptions, attribution_chains, attribution_chains_with, circular_reporting, corroboration, text_origins,
    };
    use claimgraph::{
        Claim, ClaimGraph, ClaimId, Derivation, DerivationKind, Mode, Relay, Source, SourceId, SourceKind, Value,
    };

    fn vocabulary() -> ClaimGraph {
        claimgraph::load_str(
            "vocabulary.ron",
            r#"(predicates: [(id: "says", label: "says", object: Text)],
                actors: [(id: "a", kind: Person, name: "A"), (id: "t", kind: Person, name: "T")])"#,
        )
        .expect("the vocabulary loads")
    }

    fn chain(g: &mut ClaimGraph, n: usize, kind: DerivationKind) -> Vec<SourceId> {
        let mut ids: Vec<SourceId> = Vec::with_capacity(n);
        for i in 0..n {
            let mut s = Source::new(format!("s{i}"), SourceKind::Article, "t", "en");
            if let Some(&prev) = ids.last() {
                s.derived_from.push(Derivation { kind, source: prev, by: None });
            }
            ids.push(g.add_source(s).expect("a valid source"));
        }
        ids
    }

    fn layered(g: &mut ClaimGraph, layers: usize) -> SourceId {
        let mut behind: Vec<SourceId> = Vec::new();
        for k in 0..layers {
            let pair: Vec<SourceId> = (0..2)
                .map(|j| {
                    let mut s = Source::new(format!("l{k}_{j}"), SourceKind::Translation, "t", "en");
                    for &b in &behind {
                        s.derived_from.push(Derivation { kind: DerivationKind::TranslationOf, source: b, by: None });
                    }
                    g.add_source(s).expect("a valid source")
                })
                .collect();
            behind = pair;
        }
        behind[0]
    }

    fn ring(n: usize) -> ClaimGraph {
        let mut text = String::from("(sources: [");
        for i in 0..n {
            text.push_str(&format!(
                "(id: \"r{i}\", kind: Article, title: \"t\", language: \"en\", derived_from: [(kind: Cites, source: \"r{}\")]),",
                (i + 1) % n
            ));
        }
        text.push_str("])");
        claimgraph::load_str("ring.ron", &text).expect("the ring loads")
    }

    fn say(g: &mut ClaimGraph, source: SourceId) -> ClaimId {
        let (a, says) = (g.actor_id("a").expect("a"), g.predicate_id("says").expect("says"));
        g.add_claim(Claim::new("c", a, says, Value::Text("x".into()), a, source).quote("x")).expect("a valid claim")
    }

    /// A claim at the head of a citation chain of `n + 1` sources, relayed in each source behind
    /// it: nearest the reader first (`along`), or from the chain's root up.
    fn relayed(n: usize, along: bool) -> (ClaimGraph, ClaimId) {
        let mut g = vocabulary();
        let ids = chain(&mut g, n + 1, DerivationKind::Cites);
        let (a, t, says) = (g.actor_id("a").unwrap(), g.actor_id("t").unwrap(), g.predicate_id("says").unwrap());
        let mut c = Claim::new("c", a, says, Value::Text("x".into()), a, ids[n]).quote("x").mode(Mode::DirectQuote);
        let order: Vec<SourceId> = if along { ids[..n].iter().rev().copied().collect() } else { ids[..n].to_vec() };
        for s in order {
            c = c.relayed_by(Relay { by: Some(t), source: Some(s), mode: Mode::DirectQuote });
        }
        let id = g.add_claim(c).expect("a valid claim");
        (g, id)
    }

    /// The best of three runs of `f`, and its result.
    fn time<T>(mut f: impl FnMut() -> T) -> (Duration, T) {
        let mut best = Duration::MAX;
        let mut out = None;
        for _ in 0..3 {
            let t = Instant::now();
            let result = std::hint::black_box(f());
            best = best.min(t.elapsed());
            out = Some(result);
        }
        (best, out.expect("three runs"))
    }

    /// Prints the table at `n` and `4n` (relays: at most 65,534, the most a claim can have).
    pub(super) fn report(n: usize) {
        type Shape = (&'static str, fn(usize) -> (Duration, String));
        let shapes: [Shape; 9] = [
            ("circular_reporting, citation ring of n sources", |n| {
                let g = ring(n);
                let (t, cycles) = time(|| circular_reporting(&g));
                (t, format!("{} cycle of {}", cycles.len(), cycles[0].len()))
            }),
            ("circular_reporting, citation chain of n sources", |n| {
                let mut g = vocabulary();
                chain(&mut g, n, DerivationKind::Cites);
                let (t, cycles) = time(|| circular_reporting(&g));
                (t, format!("{} cycles", cycles.len()))
            }),
            ("corroboration, head of a translation chain of n", |n| {
                let mut g = vocabulary();
                let ids = chain(&mut g, n, DerivationKind::TranslationOf);
                let c = say(&mut g, *ids.last().unwrap());
                let (t, s) = time(|| corroboration(&g, c));
                (t, format!("{} origin", s.independent()))
            }),
            ("corroboration, head of a citation chain of n", |n| {
                let mut g = vocabulary();
                let ids = chain(&mut g, n, DerivationKind::Cites);
                let c = say(&mut g, *ids.last().unwrap());
                let (t, s) = time(|| corroboration(&g, c));
                (t, format!("{} origin", s.independent()))
            }),
            ("attribution_chains, head of a translation chain of n", |n| {
                let mut g = vocabulary();
                let ids = chain(&mut g, n, DerivationKind::TranslationOf);
                let c = say(&mut g, *ids.last().unwrap());
                let (t, chains) = time(|| attribution_chains(&g, c));
                (t, format!("{} chain of {} hops", chains.len(), chains[0].len()))
            }),
            ("text_origins + corroboration, n/2 layers of 2 translating both behind", |n| {
                let mut g = vocabulary();
                let top = layered(&mut g, n / 2);
                let c = say(&mut g, top);
                let (t, (roots, s)) = time(|| (text_origins(&g, top), corroboration(&g, c)));
                (t, format!("{} roots, {} origin", roots.len(), s.independent()))
            }),
            ("attribution_chains_with (1,024 of 2^(n/2-1)), the same layers", |n| {
                let mut g = vocabulary();
                let top = layered(&mut g, n / 2);
                let c = say(&mut g, top);
                let (t, list) = time(|| attribution_chains_with(&g, c, ChainOptions::new()));
                (t, format!("{} chains, truncated: {}", list.chains.len(), list.truncated))
            }),
            ("attribution_chains, claim with r relays along a citation chain", |n| {
                let (g, c) = relayed(n, true);
                let (t, chains) = time(|| attribution_chains(&g, c));
                (t, format!("{} hops", chains[0].len()))
            }),
            ("attribution_chains, claim with r relays against the citations", |n| {
                let (g, c) = relayed(n, false);
                let (t, chains) = time(|| attribution_chains(&g, c));
                (t, format!("{} hops", chains[0].len()))
            }),
        ];
        println!("| adversarial shape | n = {n} | 4n = {} | growth | result at 4n |", 4 * n);
        println!("|---|---:|---:|---:|---|");
        for (name, run) in shapes {
            // Layered sources: n stands for the number of sources, and is kept small (the paths
            // number 2^(n/2-1)): 64 and 256 sources.
            // Relays: at most 65,534 to a claim, so r = min(n, 16,383) and 4r.
            let (small, large) = if name.contains("layers") {
                (64, 256)
            } else if name.contains("relays") {
                (n.min(16_383), 4 * n.min(16_383))
            } else {
                (n, 4 * n)
            };
            let (a, _) = run(small);
            let (b, result) = run(large);
            eprintln!("{name}: done");
            println!(
                "| {name} | {} | {} | {:.1}× | {result} |",
                super::show(a),
                super::show(b),
                b.as_secs_f64() / a.as_secs_f64().max(1e-9)
            );
        }
        println!(
            "\nrelays: r = min(n, 16,383) relays and 4r; layered rows: n = 64 and 256 sources (32 and 128 layers)."
        );
    }
}
