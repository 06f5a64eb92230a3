//! How claimgraph scales: building a graph, index lookups and queries on synthetic corpora
//! (`claimgraph::synth`) of 10,000 and 100,000 claims, and of 1,000,000 claims when
//! `CLAIMGRAPH_BENCH_1M=1` is set.
//!
//! ```text
//! cargo bench --bench scale                          # about two minutes on two cores
//! cargo bench --bench scale -- lookups               # one group
//! CLAIMGRAPH_BENCH_1M=1 cargo bench --bench scale    # adds the million-claim corpus
//! ```
//!
//! Sample counts and measurement times are kept small so that the whole run stays practical:
//! compare results between runs of the same machine, not across machines.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use claimgraph::query::{ContradictionIndex, attribution_chains, contradictions, corroboration, corroborations};
use claimgraph::synth::{self, Config};
use claimgraph::{ActorId, Claim, ClaimGraph, ClaimId, Polarity, PropositionKey, SourceId};
use criterion::{BatchSize, BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

/// Lookups per iteration of the lookup benchmarks (reported per lookup by the throughput).
const BATCH: usize = 1024;

const SEED: u64 = 2024;

fn sizes() -> Vec<usize> {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var("CLAIMGRAPH_BENCH_1M").is_ok_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

fn config(claims: usize) -> Config {
    Config { claims, seed: SEED, ..Config::default() }
}

/// One graph per size, built once and shared by the lookup and query benchmarks.
fn graphs() -> &'static [(usize, ClaimGraph)] {
    static GRAPHS: OnceLock<Vec<(usize, ClaimGraph)>> = OnceLock::new();
    GRAPHS.get_or_init(|| sizes().into_iter().map(|n| (n, synth::generate(&config(n)))).collect())
}

/// `BATCH` items of `items`, spread over it by a fixed multiplicative stride (the same on
/// every run).
fn spread<T: Clone>(items: &[T]) -> Vec<T> {
    (0..BATCH).map(|i| items[(i.wrapping_mul(0x9E37_79B9) + 7) % items.len()].clone()).collect()
}

fn build(c: &mut Criterion) {
    let mut group = c.benchmark_group("build");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    for n in sizes() {
        group.throughput(Throughput::Elements(n as u64));
        // Generation and `add_*` together: synth makes each claim just before adding it. The
        // graph is dropped outside the measurement.
        group.bench_with_input(BenchmarkId::new("generate", n), &n, |b, &n| {
            b.iter_with_large_drop(|| synth::generate(&config(n)));
        });
    }
    group.finish();
}

fn lookups(c: &mut Criterion) {
    let mut group = c.benchmark_group("lookups");
    group.sample_size(20).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(1));
    group.throughput(Throughput::Elements(BATCH as u64));
    for (n, graph) in graphs() {
        let actors: Vec<ActorId> = spread(&graph.actors().map(|(id, _)| id).collect::<Vec<_>>());
        let sources: Vec<SourceId> = spread(&graph.sources().map(|(id, _)| id).collect::<Vec<_>>());
        let names: Vec<String> =
            spread(&graph.actors().flat_map(|(_, a)| a.names().map(str::to_owned)).collect::<Vec<_>>());
        let keys: Vec<PropositionKey> = spread(&graph.proposition_groups().map(|(k, _)| k).collect::<Vec<_>>());
        // Each lookup touches its results (the sum of the claims' indexes) so that they are
        // not optimised away.
        group.bench_with_input(BenchmarkId::new("by_speaker", n), &actors, |b, keys| {
            b.iter(|| {
                keys.iter().map(|&a| graph.claims_by_speaker(a).iter().map(|c| c.index()).sum::<usize>()).sum::<usize>()
            });
        });
        group.bench_with_input(BenchmarkId::new("by_subject", n), &actors, |b, keys| {
            b.iter(|| {
                keys.iter().map(|&a| graph.claims_about(a).iter().map(|c| c.index()).sum::<usize>()).sum::<usize>()
            });
        });
        group.bench_with_input(BenchmarkId::new("by_source", n), &sources, |b, keys| {
            b.iter(|| {
                keys.iter().map(|&s| graph.claims_in_source(s).iter().map(|c| c.index()).sum::<usize>()).sum::<usize>()
            });
        });
        group.bench_with_input(BenchmarkId::new("by_proposition", n), &keys, |b, keys| {
            b.iter(|| keys.iter().map(|&k| graph.claims_for(k).map(|c| c.index()).sum::<usize>()).sum::<usize>());
        });
        group.bench_with_input(BenchmarkId::new("actor_by_name", n), &names, |b, names| {
            b.iter(|| names.iter().filter_map(|name| graph.actors_named(black_box(name)).next()).count());
        });
    }
    group.finish();
}

/// Claims of the graph to start attribution chains and corroborations from: `BATCH` of them,
/// spread over the graph.
fn sample_claims(graph: &ClaimGraph) -> Vec<ClaimId> {
    spread(&graph.claims().map(|(id, _)| id).collect::<Vec<_>>())
}

/// 100 new claims for the incremental update: copies of spread claims with the polarity flipped
/// (so they touch existing groups and make conflicts), and the keys of the groups they touch.
fn new_claims(graph: &ClaimGraph) -> (Vec<Claim>, Vec<PropositionKey>) {
    let claims: Vec<Claim> = spread(&graph.claims().map(|(_, c)| c.to_claim()).collect::<Vec<_>>())
        .into_iter()
        .take(100)
        .enumerate()
        .map(|(i, mut c)| {
            c.key = format!("bench_new_{i}");
            c.polarity = match c.polarity {
                Polarity::Affirmed => Polarity::Denied,
                Polarity::Denied => Polarity::Affirmed,
            };
            c
        })
        .collect();
    let keys = claims.iter().map(ClaimGraph::proposition_key).collect();
    (claims, keys)
}

/// The queries of `claimgraph::query` on the same graphs.
fn queries(c: &mut Criterion) {
    let mut group = c.benchmark_group("queries");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (n, graph) in graphs() {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(BenchmarkId::new("contradictions", n), graph, |b, g| b.iter(|| contradictions(g)));
        group.bench_with_input(BenchmarkId::new("corroborations", n), graph, |b, g| b.iter(|| corroborations(g, 2)));

        // The incremental update after adding 100 claims: the index of the graph before, the
        // graph after; only `update` is timed.
        let before = ContradictionIndex::new(graph);
        let mut after = graph.clone();
        let (claims, keys) = new_claims(graph);
        for claim in claims {
            after.add_claim(claim).expect("a copy with a new key is valid");
        }
        group.bench_with_input(BenchmarkId::new("update_after_100_claims", n), &keys, |b, keys| {
            b.iter_batched(
                || before.clone(),
                |mut index| index.update(&after, keys.iter().copied()),
                BatchSize::SmallInput,
            );
        });
        drop(after);

        let sample = sample_claims(graph);
        group.throughput(Throughput::Elements(sample.len() as u64));
        group.bench_with_input(BenchmarkId::new("attribution_chains", n), &sample, |b, sample| {
            b.iter(|| sample.iter().map(|&c| attribution_chains(graph, c).len()).sum::<usize>());
        });
        group.bench_with_input(BenchmarkId::new("corroboration_of_claim", n), &sample, |b, sample| {
            b.iter(|| sample.iter().map(|&c| corroboration(graph, c).independent()).sum::<usize>());
        });
    }
    group.finish();
}

/// Loading: from the binary snapshot at every size, from RON at 10k and 100k (a 1M corpus in
/// RON takes tens of seconds per load; `examples/scale_report.rs` times it once).
fn loading(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(3));
    for (n, graph) in graphs() {
        group.throughput(Throughput::Elements(*n as u64));
        let bytes = claimgraph::snapshot_bytes(graph);
        group.bench_with_input(BenchmarkId::new("snapshot", n), &bytes, |b, bytes| {
            b.iter_with_large_drop(|| claimgraph::from_snapshot_bytes(bytes).expect("a snapshot we wrote loads"));
        });
        if *n <= 100_000 {
            let dir = std::env::temp_dir().join(format!("claimgraph-bench-ron-{}-{n}", std::process::id()));
            claimgraph::save_dir(graph, &dir).expect("the temp dir is writable");
            group.bench_with_input(BenchmarkId::new("ron", n), &dir, |b, dir| {
                b.iter_with_large_drop(|| claimgraph::load_dir(dir).expect("a data set we wrote loads"));
            });
            let _ = std::fs::remove_dir_all(&dir);
        }
    }
    group.finish();
}

criterion_group!(benches, build, lookups, queries, loading);
criterion_main!(benches);
