//! How each cost grows with the size of the corpus: builds synthetic corpora
//! (`claimgraph::synth`) of 10k, 100k and 1M claims and prints one Markdown table row per
//! operation, with its time at each size (the best of a few runs), as `benches/RESULTS.md`
//! records them. Criterion (`cargo bench`) gives the same operations with statistics; this is the
//! quick, single-command view.
//!
//! ```text
//! cargo run --release --example scale_report                    # 10k, 100k, 1M claims
//! cargo run --release --example scale_report -- 10000 100000    # chosen sizes
//! ```
//!
//! The last rows are hostile proposition groups: one group of `g` claims (a tenth of the
//! column's size) and of `4g`, each built to defeat a quadratic algorithm (every value different
//! at disjoint or at overlapping times; half the claims affirming and half denying one
//! proposition), with the time at `g`, at `4g` and their ratio (about 4 when the work grows as
//! `g log g`, 16 if it were quadratic).
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
    cells: Vec<String>,
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
        claimgraph::save_dir(&graph, &dir).expect("temp dir is writable");
        let ron = best(1, || claimgraph::load_dir(&dir).expect("our RON loads"));
        let _ = std::fs::remove_dir_all(&dir);

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

        let cells = [
            show(build),
            show(snap),
            show(ron),
            format!("{} ({found} found)", show(full)),
            show(update),
            show(Duration::from_secs_f64(chains.as_secs_f64() / sample.len().max(1) as f64)),
            show(corr),
            show(Duration::from_secs_f64(lookups.as_secs_f64() / lookups_n)),
            format!("{:.0} B", grown as f64 / n as f64),
            format!("{:.0} B", loaded as f64 / n as f64),
            format!("{:.0} B", text as f64 / n as f64),
            format!("{:.0} B", (loaded as f64 - text as f64) / n as f64),
            growth(Hostile::DifferentDisjoint, n / 10, |g| best(runs, || contradictions(g))),
            growth(Hostile::DifferentOverlapping, n / 10, |g| best(runs, || contradictions(g))),
            growth(Hostile::DifferentOverlapping, n / 10, |g| {
                let found = contradictions(g);
                best(1, || found.iter().map(|c| c.sides(g).len() as u64 + c.opposing_pairs(g)).sum::<u64>())
            }),
            growth(Hostile::HalfDenied, n / 10, |g| best(runs, || contradictions(g))),
            growth(Hostile::HalfDenied, n / 10, |g| {
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
            growth(Hostile::HalfDenied, n / 10, |g| best(runs, || corroborations(g, 2))),
        ];
        for (row, cell) in rows.iter_mut().zip(cells) {
            row.cells.push(cell);
        }
        counts.push(n);
    }
    let header: Vec<String> = counts.iter().map(|n| format!("{n} claims")).collect();
    println!("| operation | {} |", header.join(" | "));
    println!("|---|{}", "---|".repeat(counts.len()));
    for row in rows {
        println!("| {} | {} |", row.name, row.cells.join(" | "));
    }
}
