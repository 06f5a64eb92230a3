//! Times loading a snapshot, alone: generates a synthetic corpus (`claimgraph::synth`, seed 1)
//! of N claims once, keeps its snapshot in a file, and loads it a few times, printing the best
//! time. With `--once`, loads it once and prints the resident growth of the process over the
//! load, per claim (the method of `scale_report`), and the heap each part of the graph holds
//! ([`ClaimGraph::memory_parts`](claimgraph::ClaimGraph::memory_parts)), per claim: the run to
//! give profilers (`perf stat`, `valgrind --tool=callgrind`).
//!
//! ```text
//! cargo run --release --example snapshot_load -- 1000000          # best of 5 loads
//! cargo run --release --example snapshot_load -- 1000000 --once   # one load, and its memory
//! ```
//!
//! The snapshot is kept as `claimgraph-load-N-vV.snapshot` (V the format version) in the
//! temporary directory.

use std::time::Instant;

use claimgraph::synth::{self, Config};

fn resident() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let n: usize = args.iter().find_map(|a| a.replace('_', "").parse().ok()).unwrap_or(1_000_000);
    let once = args.iter().any(|a| a == "--once");
    // The file is named by the format version (the four bytes after the magic), so that builds
    // of two versions keep a snapshot each; a full load here would count in the profiles.
    let empty = claimgraph::snapshot_bytes(&claimgraph::ClaimGraph::new());
    let version = empty.get(19..23).map_or(0, |v| u32::from_le_bytes(v.try_into().expect("four bytes")));
    let file = std::env::temp_dir().join(format!("claimgraph-load-{n}-v{version}.snapshot"));
    let mut bytes = std::fs::read(&file).unwrap_or_default();
    if bytes.get(..23) != empty.get(..23) {
        eprintln!("generating {n} claims...");
        let graph = synth::generate(&Config { claims: n, seed: 1, ..Config::default() });
        bytes = claimgraph::snapshot_bytes(&graph);
        std::fs::write(&file, &bytes).expect("the temporary directory is writable");
    }
    eprintln!("{}: {} bytes, {:.1} B per claim", file.display(), bytes.len(), bytes.len() as f64 / n as f64);
    if once {
        let before = resident();
        let t = Instant::now();
        let graph = claimgraph::from_snapshot_bytes(&bytes).expect("our snapshot loads");
        let took = t.elapsed();
        let grown = resident().saturating_sub(before);
        println!("load {:.1} ms, resident growth {:.1} B per claim", took.as_secs_f64() * 1e3, grown as f64 / n as f64);
        let parts = graph.memory_parts();
        for (name, bytes) in &parts {
            println!("| {name} | {:.1} |", *bytes as f64 / n as f64);
        }
        println!("| heap in all | {:.1} |", parts.iter().map(|p| p.1).sum::<usize>() as f64 / n as f64);
        drop(graph);
        return;
    }
    let times: Vec<f64> = (0..5)
        .map(|_| {
            let t = Instant::now();
            let graph = claimgraph::from_snapshot_bytes(&bytes).expect("our snapshot loads");
            let took = t.elapsed().as_secs_f64() * 1e3;
            drop(graph);
            took
        })
        .collect();
    let best = times.iter().copied().fold(f64::INFINITY, f64::min);
    println!("load: best {best:.1} ms of {:?}", times.iter().map(|t| format!("{t:.0}")).collect::<Vec<_>>());
}
