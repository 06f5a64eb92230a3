//! Our side of the comparison with the Python `truthdiscovery` 1.0.4 library (`run.sh` drives
//! both). Two commands:
//!
//! ```text
//! cargo run --release --example truthdiscovery_peer -- generate CLAIMS SEED OUT.csv
//! cargo run --release --example truthdiscovery_peer -- run IN.csv OUT.json REPEATS
//! ```
//!
//! `generate` writes a source × variable matrix in the library's CSV format (a row per source,
//! a column per variable, a cell the value claimed as a number, empty for no claim): 100
//! sources, CLAIMS / 10 variables, each source claiming each variable with probability 0.1, one
//! of four values (0 to 3), the true one (0) with probability 0.4 + 0.5 × the source's
//! reliability. `run` reads such a matrix as the library does, runs the six algorithms with
//! their default options (the library's), and writes per algorithm the trust of every source,
//! the belief of every (variable, value), the iterations and the best time of REPEATS runs (the
//! algorithm only, as the library's `time_taken`).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::Instant;

use claimgraph::trust::{TruthProblemBuilder, ValueId, Voices, algorithms};

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

fn generate(claims: usize, seed: u64, out: &str) -> Result<(), String> {
    let sources = 100;
    let variables = (claims / 10).max(1);
    let mut rng = Rng(seed);
    let reliability: Vec<f64> = (0..sources).map(|_| rng.unit()).collect();
    let mut text = String::with_capacity(claims * 5 + sources * variables);
    for r in &reliability {
        for v in 0..variables {
            if v > 0 {
                text.push(',');
            }
            if rng.unit() < 0.1 {
                let value = if rng.unit() < 0.4 + 0.5 * r { 0 } else { 1 + rng.next() % 3 };
                let _ = write!(text, "{value}.0");
            }
        }
        text.push('\n');
    }
    std::fs::write(out, text).map_err(|e| format!("cannot write {out}: {e}"))
}

fn run(input: &str, out: &str, repeats: usize) -> Result<(), String> {
    let text = std::fs::read_to_string(input).map_err(|e| format!("cannot read {input}: {e}"))?;
    let rows: Vec<&str> = text.trim().lines().collect();
    let width = rows.first().map_or(0, |r| r.split(',').count());
    let mut b = TruthProblemBuilder::new();
    let holders: Vec<_> = rows.iter().map(|_| b.add_holder()).collect();
    let variables: Vec<_> = (0..width).map(|_| b.add_variable()).collect();
    // Per variable, value text (as a number) → value id; keyed by the number's bits.
    let mut values: Vec<BTreeMap<u64, ValueId>> = vec![BTreeMap::new(); width];
    let mut labels: Vec<(usize, f64)> = Vec::new();
    for (i, (row, &holder)) in rows.iter().zip(&holders).enumerate() {
        let cells: Vec<&str> = row.split(',').map(str::trim).collect();
        if cells.len() != width {
            return Err(format!("{input}:{}: expected {width} cells, got {}", i + 1, cells.len()));
        }
        for (col, cell) in cells.iter().enumerate() {
            if cell.is_empty() {
                continue;
            }
            let x: f64 =
                cell.parse().map_err(|_| format!("{input}:{}: column {}: {cell:?} is not a number", i + 1, col + 1))?;
            let value = match values[col].get(&x.to_bits()) {
                Some(&v) => v,
                None => {
                    let v = b.add_value(variables[col]).map_err(|e| e.to_string())?;
                    values[col].insert(x.to_bits(), v);
                    labels.push((col, x));
                    v
                }
            };
            b.add_claim(holder, value).map_err(|e| e.to_string())?;
        }
    }
    let problem = b.build();
    let mut json = serde_json::Map::new();
    json.insert("claims".into(), problem.claim_count().into());
    for algorithm in algorithms(Voices::Holders) {
        let mut best = f64::INFINITY;
        let mut result = None;
        for _ in 0..repeats.max(1) {
            let start = Instant::now();
            let r = algorithm.run(&problem).map_err(|e| e.to_string())?;
            best = best.min(start.elapsed().as_secs_f64());
            result = Some(r);
        }
        let result = result.expect("at least one run");
        let mut belief: BTreeMap<String, BTreeMap<String, f64>> = BTreeMap::new();
        for (i, &(col, x)) in labels.iter().enumerate() {
            belief.entry(col.to_string()).or_default().insert(format!("{x:?}"), result.beliefs()[i]);
        }
        json.insert(
            algorithm.name().into(),
            serde_json::json!({
                "trust": result.trusts(),
                "belief": belief,
                "iterations": result.iterations(),
                "seconds": best,
            }),
        );
    }
    std::fs::write(out, serde_json::Value::Object(json).to_string()).map_err(|e| format!("cannot write {out}: {e}"))
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let outcome = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        ["generate", claims, seed, out] => match (claims.parse(), seed.parse()) {
            (Ok(c), Ok(s)) => generate(c, s, out),
            _ => Err(format!("generate: {claims:?} and {seed:?} must be whole numbers")),
        },
        ["run", input, out, repeats] => match repeats.parse() {
            Ok(r) => run(input, out, r),
            Err(_) => Err(format!("run: {repeats:?} must be a whole number")),
        },
        _ => Err("usage: truthdiscovery_peer generate CLAIMS SEED OUT.csv | run IN.csv OUT.json REPEATS".into()),
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
