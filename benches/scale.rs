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

use claimgraph::synth::{self, Config};
use claimgraph::{ActorId, ClaimGraph, PropositionKey, SourceId};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

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

/// Placeholder for the queries of `claimgraph::query`, to be filled by their author (issue 4):
/// add one `bench_with_input` per query (contradictions, attribution chains, corroboration),
/// on the same graphs. For now: a full scan of the proposition groups, the floor any
/// contradiction or corroboration query pays.
fn queries(c: &mut Criterion) {
    let mut group = c.benchmark_group("queries");
    group.sample_size(10).warm_up_time(Duration::from_millis(300)).measurement_time(Duration::from_secs(2));
    for (n, graph) in graphs() {
        group.throughput(Throughput::Elements(*n as u64));
        group.bench_with_input(BenchmarkId::new("scan_proposition_groups", n), graph, |b, graph| {
            b.iter(|| graph.proposition_groups().map(|(_, claims)| claims.len()).sum::<usize>());
        });
        // TODO(lead): e.g.
        // group.bench_with_input(BenchmarkId::new("contradictions", n), graph, |b, g| b.iter(|| claimgraph::query::contradictions(g)));
    }
    group.finish();
}

criterion_group!(benches, build, lookups, queries);
criterion_main!(benches);
