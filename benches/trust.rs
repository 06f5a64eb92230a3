//! Truth discovery (`claimgraph::trust`): each algorithm on generated problems of 10,000 and
//! 100,000 claims, and of 1,000,000 claims when `CLAIMGRAPH_BENCH_1M=1` is set.
//!
//! ```text
//! cargo bench --bench trust                          # every algorithm, 10k and 100k claims
//! cargo bench --bench trust -- Sums/10000            # one algorithm at one size
//! CLAIMGRAPH_BENCH_1M=1 cargo bench --bench trust    # adds the million-claim problem
//! ```
//!
//! A problem has one variable per ten claims, four values per variable, and one holder per fifty
//! claims; each variable is claimed by ten consecutive holders from a random offset, each right
//! with its own accuracy (0.3 to 0.95). Every tenth holder echoes the holder before it and shares
//! its origin, and the first two values of each variable support each other, so the
//! `origins+support` runs exercise every input. Each run uses the algorithm's default stop rule
//! (20 iterations for Sums, AverageLog and Investment, 10 for PooledInvestment, cosine
//! convergence for TruthFinder): the throughput is claims per run, not per iteration.

use std::hint::black_box;
use std::sync::OnceLock;
use std::time::Duration;

use claimgraph::trust::{
    AverageLog, Investment, MajorityVote, PooledInvestment, Sums, TruthDiscovery, TruthFinder, TruthProblem,
    TruthProblemBuilder, Voices,
};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};

const SEED: u64 = 2024;

fn sizes() -> Vec<usize> {
    let mut sizes = vec![10_000, 100_000];
    if std::env::var("CLAIMGRAPH_BENCH_1M").is_ok_and(|v| v == "1") {
        sizes.push(1_000_000);
    }
    sizes
}

/// SplitMix64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// A problem of about `claims` claims (see the module docs).
fn generate(claims: usize) -> TruthProblem {
    let mut rng = Rng(SEED);
    let mut b = TruthProblemBuilder::new();
    let holders: Vec<_> = (0..(claims / 50).max(10))
        .map(|i| {
            if i % 10 == 9 {
                let origin = b.add_origin();
                let h = b.add_holder_in(origin).expect("a fresh origin");
                (h, Some(origin))
            } else {
                (b.add_holder(), None)
            }
        })
        .collect();
    // The holder before each echo joins the echo's origin.
    for w in holders.windows(2) {
        if let ((h, None), (_, Some(origin))) = (w[0], w[1]) {
            b.set_origin(h, origin).expect("ids of this builder");
        }
    }
    let accuracy: Vec<f64> = holders.iter().map(|_| 0.3 + 0.65 * rng.unit()).collect();
    for _ in 0..claims / 10 {
        let x = b.add_variable();
        let values: Vec<_> = (0..4).map(|_| b.add_value(x).expect("a fresh variable")).collect();
        b.add_support(values[0], values[1], 0.5).expect("two values of one variable");
        b.add_support(values[1], values[0], 0.5).expect("two values of one variable");
        let start = (rng.next() % holders.len() as u64) as usize;
        let mut last = None;
        for j in 0..10 {
            let i = (start + j) % holders.len();
            let value = match last {
                // The echo repeats its neighbour.
                Some(previous) if i % 10 == 9 => previous,
                _ if rng.unit() < accuracy[i] => values[0],
                _ => values[1 + (rng.next() % 3) as usize],
            };
            b.add_claim(holders[i].0, value).expect("distinct holders per variable");
            last = Some(value);
        }
    }
    b.build()
}

fn problems() -> &'static [(usize, TruthProblem)] {
    static PROBLEMS: OnceLock<Vec<(usize, TruthProblem)>> = OnceLock::new();
    PROBLEMS.get_or_init(|| sizes().into_iter().map(|n| (n, generate(n))).collect())
}

fn algorithms(voices: Voices) -> Vec<Box<dyn TruthDiscovery>> {
    vec![
        Box::new(MajorityVote::new().voices(voices)),
        Box::new(Sums::new().voices(voices)),
        Box::new(AverageLog::new().voices(voices)),
        Box::new(Investment::new().voices(voices)),
        Box::new(PooledInvestment::new().voices(voices)),
        Box::new(TruthFinder::new().voices(voices)),
    ]
}

fn run(c: &mut Criterion) {
    let mut group = c.benchmark_group("trust");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(2));
    for (n, problem) in problems() {
        group.throughput(Throughput::Elements(problem.claim_count() as u64));
        for (label, voices) in [("", Voices::Holders), ("+origins", Voices::Origins)] {
            for algorithm in algorithms(voices) {
                let id = BenchmarkId::new(format!("{}{label}", algorithm.name()), n);
                group.bench_with_input(id, problem, |b, problem| {
                    b.iter(|| algorithm.run(black_box(problem)).expect("default options are valid"));
                });
            }
        }
    }
    group.finish();
}

criterion_group!(benches, run);
criterion_main!(benches);
