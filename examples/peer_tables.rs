//! claimgraph's corpus as tables for a SQL peer: generates the synthetic corpus (see
//! `claimgraph::synth`), writes what a relational engine needs to answer the compared queries as
//! CSV files, answers the same queries with `claimgraph::query`, and writes our answers and best
//! times as JSON. `benches/peers/duckdb/run.sh` loads the tables into DuckDB, runs the SQL of
//! `benches/peers/duckdb/`, checks that each answer equals ours, and prints the time ratios.
//!
//! ```text
//! cargo run --release --example peer_tables -- --claims 100000 --out target/peer_tables
//! cargo run --release --example peer_tables -- --claims 10000 --seed 7 --sample 200 --out /tmp/tables
//! ```
//!
//! The tables (CSV with a header line; `benches/peers/duckdb/README.md` has the schema):
//!
//! | file | one row per |
//! |---|---|
//! | `claims.csv` | claim: subject, predicate, qualifier (-1 for none), object term, object range (lo, hi, scale), polarity, modality, stance, time bounds, speaker, source, said_in (empty for none), mode |
//! | `predicates.csv` | predicate: single-valued or not, the tolerance its objects are compared with |
//! | `derivations.csv` | derivation link: the derived source, the source it derives from, the kind |
//! | `attribution_sample.csv` | claim of the attribution sample (as `peer_compare` draws it) |
//! | `ours.json` | compared query: our answer (named counts) and best time in seconds; the build time and memory; the load of the graph's snapshot (`claimgraph.snapshot`, kept beside the tables), best of three, and the resident growth of a fresh process over one such load |
//!
//! `--data DIR` writes the tables and answers of a data directory instead (the bundled data set
//! exercises relays, questions and text objects, which the synthetic corpus has few of).
//!
//! The compared answers are `peer_compare`'s (contradictions, attribution, corroboration) and
//! `corroborations(graph, 2)` reduced to the propositions found, their claims and their
//! independent origin groups, each summed.

#[path = "common/peer.rs"]
mod peer;

use std::error::Error;
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use claimgraph::synth::{self, Config};
use claimgraph::{Cardinality, ClaimGraph, ClaimId, DerivationKind, ObjectType, Value, fold_name};
use peer::{
    Answer, attribution_sample, mib, ms, ours_attribution, ours_contradictions, ours_corroboration,
    ours_corroborations, range_of, status_bytes, time_bounds, timed,
};
use serde_json::json;

type Result<T> = std::result::Result<T, Box<dyn Error>>;

struct Args {
    claims: usize,
    seed: u64,
    /// How many claims the attribution query starts from.
    sample: usize,
    /// Where the tables and our answers go.
    out: PathBuf,
    /// A data directory to load instead of generating the corpus.
    data: Option<PathBuf>,
}

const USAGE: &str =
    "usage: peer_tables [--claims N (10000)] [--seed S (1)] [--sample K (1000)] [--out DIR (target/peer_tables)]";

fn args() -> Result<Args> {
    let mut args = Args { claims: 10_000, seed: 1, sample: 1000, out: PathBuf::from("target/peer_tables"), data: None };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            println!("{USAGE}");
            std::process::exit(0);
        }
        let value = it.next().ok_or_else(|| format!("{flag} needs a value\n{USAGE}"))?;
        let number = || value.replace('_', "").parse::<u64>().map_err(|e| format!("{flag} {value}: {e}"));
        match flag.as_str() {
            "--claims" => args.claims = usize::try_from(number()?)?,
            "--seed" => args.seed = number()?,
            "--sample" => args.sample = usize::try_from(number()?)?,
            "--out" => args.out = PathBuf::from(value),
            "--data" => args.data = Some(PathBuf::from(value)),
            _ => return Err(format!("unknown argument {flag}\n{USAGE}").into()),
        }
    }
    Ok(args)
}

// ----- the tables -----------------------------------------------------------------------------

/// A CSV file being written; errors name the file.
struct Csv {
    path: PathBuf,
    out: BufWriter<File>,
}

impl Csv {
    fn create(dir: &Path, name: &str, header: &str) -> Result<Csv> {
        let path = dir.join(name);
        let file = File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut csv = Csv { path, out: BufWriter::with_capacity(1 << 20, file) };
        csv.line(format_args!("{header}"))?;
        Ok(csv)
    }

    fn line(&mut self, row: std::fmt::Arguments<'_>) -> Result<()> {
        writeln!(self.out, "{row}").map_err(|e| format!("{}: {e}", self.path.display()).into())
    }

    fn finish(mut self) -> Result<()> {
        self.out.flush().map_err(|e| format!("{}: {e}", self.path.display()).into())
    }
}

/// A text as one CSV field: quoted, inner quotes doubled.
fn quoted(text: &str) -> String {
    format!("\"{}\"", text.replace('"', "\"\""))
}

/// A number as a CSV field that DuckDB and Arrow read back as the same `f64` (`inf`, `-inf`).
fn number(x: f64) -> String {
    if x.is_nan() {
        "nan".to_owned()
    } else if x.is_infinite() {
        (if x > 0.0 { "inf" } else { "-inf" }).to_owned()
    } else {
        // Rust prints the shortest text that parses back to the same value.
        format!("{x:?}")
    }
}

/// A claim's object as a term that is equal for objects the library finds the same when they
/// are not ranges: `a<id>` (actor), `c<id>` (claim), `t:<folded text>`, `b:true`/`b:false`;
/// `range` for quantities and dates (compared by their bounds), `none` for anything else.
fn object_term(graph: &ClaimGraph, value: &Value) -> String {
    if range_of(graph, value).is_some() {
        return "range".to_owned();
    }
    match value {
        Value::Actor(a) => format!("a{}", a.index()),
        Value::Claim(c) => format!("c{}", c.index()),
        Value::Text(t) => format!("t:{}", fold_name(t)),
        Value::Bool(b) => format!("b:{b}"),
        _ => "none".to_owned(),
    }
}

fn write_tables(graph: &ClaimGraph, sample: &[ClaimId], dir: &Path) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;

    let mut predicates = Csv::create(dir, "predicates.csv", "id,single,tolerance")?;
    for (id, p) in graph.predicates() {
        // Dates and terms are compared exactly or by overlap; only quantities have a tolerance.
        let tolerance = match p.object {
            ObjectType::Quantity(_) => graph.tolerance_for(p).0,
            _ => 0.0,
        };
        let single = p.cardinality == Cardinality::Single;
        predicates.line(format_args!("{},{single},{}", id.index(), number(tolerance)))?;
    }
    predicates.finish()?;

    let mut derivations = Csv::create(dir, "derivations.csv", "source,target,kind")?;
    for (id, s) in graph.sources() {
        for d in s.derived_from() {
            let kind = match d.kind {
                DerivationKind::TranslationOf => "translation_of",
                DerivationKind::RepublicationOf => "republication_of",
                DerivationKind::Cites => "cites",
                DerivationKind::PublishesInterview => "publishes_interview",
            };
            derivations.line(format_args!("{},{},{kind}", id.index(), d.source.index()))?;
        }
    }
    derivations.finish()?;

    let mut claims = Csv::create(
        dir,
        "claims.csv",
        "id,subject,predicate,qualifier,object,lo,hi,scale,polarity,modality,stance,time_lo,time_hi,speaker,source,said_in,mode",
    )?;
    for (id, c) in graph.claims() {
        let value = c.object();
        let (lo, hi, scale) = range_of(graph, &value).unwrap_or((0.0, 0.0, 0.0));
        let (time_lo, time_hi) = time_bounds(c);
        let qualifier = c.qualifier().map_or(-1, |q| q.index() as i64);
        let said_in = c.said_in().map(|s| s.index().to_string()).unwrap_or_default();
        claims.line(format_args!(
            "{},{},{},{qualifier},{},{},{},{},{:?},{:?},{:?},{time_lo},{time_hi},{},{},{said_in},{:?}",
            id.index(),
            c.subject().index(),
            c.predicate().index(),
            quoted(&object_term(graph, &value)),
            number(lo),
            number(hi),
            number(scale),
            c.polarity(),
            c.modality(),
            c.stance(),
            c.said_by().index(),
            c.source().index(),
            c.mode(),
        ))?;
    }
    claims.finish()?;

    let mut chosen = Csv::create(dir, "attribution_sample.csv", "claim")?;
    for c in sample {
        chosen.line(format_args!("{}", c.index()))?;
    }
    chosen.finish()
}

// ----- our answers ------------------------------------------------------------------------------

fn answer_json(answer: &Answer, best: Duration) -> serde_json::Value {
    let counts: serde_json::Map<String, serde_json::Value> =
        answer.0.iter().map(|(k, v)| ((*k).to_owned(), json!(v))).collect();
    json!({ "answer": counts, "best_s": best.as_secs_f64() })
}

/// The graph's snapshot written to `dir/claimgraph.snapshot`, loaded from the file three times
/// (the best time kept), and loaded once more by a fresh process of this example, whose resident
/// growth over the load is the graph alone (no generator's leftovers): the load and memory that
/// `compare.py` sets against DuckDB's load of the Parquet tables.
fn snapshot_load(graph: &ClaimGraph, dir: &Path) -> Result<(Duration, u64)> {
    let path = dir.join("claimgraph.snapshot");
    claimgraph::save_snapshot(graph, &path)?;
    let mut best = Duration::MAX;
    for _ in 0..3 {
        let t = Instant::now();
        let loaded = claimgraph::load_snapshot(&path)?;
        best = best.min(t.elapsed());
        drop(loaded);
    }
    let out = std::process::Command::new(std::env::current_exe()?).arg("--resident-of").arg(&path).output()?;
    if !out.status.success() {
        let why = String::from_utf8_lossy(&out.stderr);
        return Err(
            format!("the process measuring a snapshot load of {} failed: {}", path.display(), why.trim()).into()
        );
    }
    let text = String::from_utf8_lossy(&out.stdout);
    let grown = text.trim().parse().map_err(|e| format!("the snapshot's memory process printed {text:?}: {e}"))?;
    Ok((best, grown))
}

/// The child of [`snapshot_load`]: reads the file, then prints the resident growth over
/// decoding it.
fn resident_of(path: &Path) -> Result<()> {
    let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let before = status_bytes("VmRSS");
    let graph = claimgraph::from_snapshot_bytes(&bytes).map_err(|e| format!("{}: {e}", path.display()))?;
    // The bytes stay until after the measure: freeing them would hide part of the growth.
    println!("{}", status_bytes("VmRSS").saturating_sub(before));
    drop((graph, bytes));
    Ok(())
}

fn run() -> Result<()> {
    if std::env::args().nth(1).as_deref() == Some("--resident-of") {
        let path = std::env::args().nth(2).ok_or("--resident-of needs a snapshot file")?;
        return resident_of(Path::new(&path));
    }
    let args = args()?;
    let rss_start = status_bytes("VmRSS");
    let t = Instant::now();
    let graph = match &args.data {
        Some(dir) => claimgraph::load_dir(dir).map_err(|e| format!("cannot load {}: {e}", dir.display()))?,
        None => synth::generate(&Config { claims: args.claims, seed: args.seed, ..Config::default() }),
    };
    let build = t.elapsed();
    let grown = status_bytes("VmRSS").saturating_sub(rss_start);
    let per_claim = grown as f64 / graph.claim_count().max(1) as f64;
    println!(
        "ours: {} {:.3} s: {} claims, {} sources, {} proposition groups; +{} resident ({per_claim:.0} bytes/claim)",
        if args.data.is_some() { "load" } else { "generate + build" },
        build.as_secs_f64(),
        graph.claim_count(),
        graph.source_count(),
        graph.proposition_groups().count(),
        mib(grown),
    );

    let sample = attribution_sample(&graph, args.sample);
    let t = Instant::now();
    write_tables(&graph, &sample, &args.out)?;
    println!("tables: written to {} in {:.3} s", args.out.display(), t.elapsed().as_secs_f64());

    let outcomes = [
        ("contradictions", timed(|| ours_contradictions(&graph))),
        ("attribution", timed(|| ours_attribution(&graph, &sample))),
        ("corroboration", timed(|| ours_corroboration(&graph))),
        ("corroborations", timed(|| ours_corroborations(&graph))),
    ];
    let mut queries = serde_json::Map::new();
    for (name, (answer, best)) in &outcomes {
        println!("ours: {name}: {} [{answer}]", ms(*best));
        queries.insert((*name).to_owned(), answer_json(answer, *best));
    }
    let (snapshot_s, snapshot_grown) = snapshot_load(&graph, &args.out)?;
    println!(
        "ours: snapshot load {:.3} s (best of 3); a fresh process +{} resident over one ({:.0} bytes/claim)",
        snapshot_s.as_secs_f64(),
        mib(snapshot_grown),
        snapshot_grown as f64 / graph.claim_count().max(1) as f64
    );
    let report = json!({
        "claims": graph.claim_count(),
        "seed": args.seed,
        "data": args.data.as_ref().map(|d| d.display().to_string()),
        "sample": sample.len(),
        "build_s": build.as_secs_f64(),
        "resident_growth_bytes": grown,
        "snapshot_load_s": snapshot_s.as_secs_f64(),
        "snapshot_resident_growth_bytes": snapshot_grown,
        "queries": queries,
    });
    let path = args.out.join("ours.json");
    std::fs::write(&path, format!("{report:#}\n")).map_err(|e| format!("{}: {e}", path.display()))?;
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
