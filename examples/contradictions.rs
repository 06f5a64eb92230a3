//! Contradictions in a data set: claims that cannot all hold, strongest first, each with the rule
//! that fired and the evidence (speakers, sources, time scopes, quotes); then the internal
//! inconsistencies of sources.
//!
//! ```text
//! cargo run --example contradictions [-- DATA_DIR] [--json]
//! ```

mod common;

use std::process::ExitCode;

use claimgraph::query::{ContradictionRecord, InconsistencyRecord, contradictions, source_inconsistencies};

fn main() -> ExitCode {
    let args = common::args();
    let graph = match common::load(args.rest.first().map(String::as_str)) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let found = contradictions(&graph);
    let inconsistencies = source_inconsistencies(&graph);
    if args.json {
        // The records of `claimgraph::query::record`: keys for ids, values in words.
        for c in &found {
            common::json_line(&ContradictionRecord::new(&graph, c));
        }
        for i in &inconsistencies {
            common::json_line(&InconsistencyRecord::new(&graph, i));
        }
        return ExitCode::SUCCESS;
    }
    println!("{} contradictions\n", found.len());
    for (n, c) in found.iter().enumerate() {
        println!("{}. {}\n", n + 1, c.explain(&graph));
    }
    println!("{} internal inconsistencies of sources\n", inconsistencies.len());
    for i in &inconsistencies {
        println!("[{}] {:?}: {}", common::source_key(&graph, i.source), i.kind, i.reason);
    }
    ExitCode::SUCCESS
}
