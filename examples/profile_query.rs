//! One query of the peer comparisons, run a chosen number of times on the synthetic corpus, for a
//! profiler or an instruction count: the work of the query alone sits in `run_queries`, so that
//! callgrind can count it apart from generating the corpus.
//!
//! ```text
//! cargo run --release --example profile_query -- --claims 100000 --query corroborations --runs 3
//! valgrind --tool=callgrind --toggle-collect='*run_queries*' \
//!     target/release/examples/profile_query --claims 100000 --query corroboration --runs 1
//! ```
//!
//! Queries: `corroboration` (the independent origins of every proposition group, as
//! `peer_tables` answers it), `corroborations` (`corroborations(graph, 2)` reduced to counts),
//! `contradictions`, `attribution` (the chains of `peer_tables`' sample of 1,000 claims, in one
//! batch), `origin_index` (building an `OriginIndex` of the whole graph). Each run's best wall time is printed with the answer.

#[allow(dead_code, reason = "the peer helpers this example does not call")]
#[path = "common/peer.rs"]
mod peer;

use std::process::ExitCode;
use std::time::{Duration, Instant};

use claimgraph::ClaimGraph;
use claimgraph::query::OriginIndex;
use claimgraph::synth::{self, Config};
use peer::{
    Answer, attribution_sample, ms, ours_attribution, ours_contradictions, ours_corroboration, ours_corroborations,
};

const USAGE: &str = "usage: profile_query [--claims N (100000)] [--seed S (1)] [--query corroboration|corroborations|contradictions|attribution|origin_index] [--runs K (5)]";

/// Runs `query` `runs` times; returns its last answer and the best time.
#[inline(never)]
fn run_queries(graph: &ClaimGraph, query: &dyn Fn(&ClaimGraph) -> Answer, runs: usize) -> (Answer, Duration) {
    let mut best = Duration::MAX;
    let mut answer = Answer(Vec::new());
    for _ in 0..runs.max(1) {
        let t = Instant::now();
        answer = query(graph);
        best = best.min(t.elapsed());
    }
    (answer, best)
}

/// Builds an `OriginIndex` of the whole graph (the first step of both corroboration queries).
fn origin_index(graph: &ClaimGraph) -> Answer {
    let index = OriginIndex::new(graph);
    let sources = graph.sources().filter(|(id, _)| index.text_origins(*id).len() == 1).count();
    Answer(vec![("sources with one root", sources as u64)])
}

fn run() -> Result<(), String> {
    let (mut claims, mut seed, mut runs, mut name) = (100_000usize, 1u64, 5usize, "corroboration".to_owned());
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || value.replace('_', "").parse::<u64>().map_err(|e| format!("{flag} {value}: {e}"));
        match flag.as_str() {
            "--claims" => claims = number()? as usize,
            "--seed" => seed = number()?,
            "--runs" => runs = number()? as usize,
            "--query" => name = value.clone(),
            _ => return Err(format!("unknown argument {flag}\n{USAGE}")),
        }
    }
    let graph = synth::generate(&Config { claims, seed, ..Config::default() });
    // The attribution sample is drawn before any run, as the peer comparisons draw it.
    let sample = if name == "attribution" { attribution_sample(&graph, 1000) } else { Vec::new() };
    let attribution = |graph: &ClaimGraph| ours_attribution(graph, &sample);
    let query: &dyn Fn(&ClaimGraph) -> Answer = match name.as_str() {
        "corroboration" => &ours_corroboration,
        "corroborations" => &ours_corroborations,
        "contradictions" => &ours_contradictions,
        "attribution" => &attribution,
        "origin_index" => &origin_index,
        _ => return Err(format!("unknown query {name}\n{USAGE}")),
    };
    let (answer, best) = run_queries(&graph, query, runs);
    println!("{name}: {claims} claims, seed {seed}: best of {runs} {} [{answer}]", ms(best));
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
