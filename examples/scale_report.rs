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
//! Memory is measured twice: as the growth of the resident set over generating and building the
//! graph (which also counts what the generator leaves behind), and as the growth of the resident
//! set of a fresh process over loading the graph's snapshot (the graph alone: the example runs
//! itself with `--resident-of FILE` for that).

use std::time::{Duration, Instant};

use claimgraph::ClaimGraph;
use claimgraph::query::{ContradictionIndex, attribution_chains, contradictions, corroborations};
use claimgraph::synth::{self, Config};

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
