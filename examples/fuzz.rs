//! The seeded mutation fuzzer of `tests/it/fuzz.rs`, run for longer: mutated data files through
//! the RON loader, mutated snapshots through the snapshot reader, random edit sequences through
//! the API, each followed by the queries. No execution may panic; every load error must name a
//! location inside the data set.
//!
//! ```text
//! cargo run --release --example fuzz -- [--seconds N] [--seed S] [--target ron|snapshot|edits] [--from N]
//! ```
//!
//! Without `--target`, the time is split evenly between the three targets. Each execution is
//! drawn from `(seed, execution number)` alone: `--from N` with a budget of one execution
//! (`--executions 1`) replays a failure. Exits with status 1 if any execution failed.

#[path = "../tests/it/fuzz.rs"]
mod fuzz;

use std::time::{Duration, Instant};

use fuzz::{Target, run, scratch};

fn main() {
    let mut seconds = 60.0f64;
    let mut seed = 1u64;
    let mut first = 0u64;
    let mut executions = u64::MAX;
    let mut targets = vec![Target::Ron, Target::Snapshot, Target::Edits];
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut value = || args.next().unwrap_or_else(|| panic!("{arg} needs a value"));
        match arg.as_str() {
            "--seconds" => seconds = value().parse().expect("--seconds takes a number"),
            "--seed" => seed = value().parse().expect("--seed takes a number"),
            "--from" => first = value().parse().expect("--from takes a number"),
            "--executions" => executions = value().parse().expect("--executions takes a number"),
            "--target" => {
                targets = match value().as_str() {
                    "ron" => vec![Target::Ron],
                    "snapshot" => vec![Target::Snapshot],
                    "edits" => vec![Target::Edits],
                    other => panic!("unknown target {other:?} (ron, snapshot, edits)"),
                }
            }
            other => panic!("unknown argument {other:?}"),
        }
    }
    let share = Duration::from_secs_f64(seconds / targets.len() as f64);
    let mut failed = false;
    println!("| target | executions | accepted | refused | failures | time | executions/s |");
    println!("|---|---:|---:|---:|---:|---:|---:|");
    for target in targets {
        let started = Instant::now();
        let stats = run(target, seed, first, executions, Some(share), &scratch(target.name()));
        let time = started.elapsed().as_secs_f64();
        println!(
            "| {} | {} | {} | {} | {} | {time:.0} s | {:.0} |",
            target.name(),
            stats.executions,
            stats.accepted,
            stats.refused,
            stats.failures.len(),
            stats.executions as f64 / time
        );
        for (n, why) in stats.failures.iter().take(10) {
            eprintln!("{}: execution {n} (seed {seed}): {why}", target.name());
            failed = true;
        }
    }
    if failed {
        std::process::exit(1);
    }
}
