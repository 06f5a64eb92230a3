//! Corroboration with independence: every proposition stated by two or more claims, with its
//! support grouped by independent origin (republications, translations and relays of one origin
//! count once), and the circular reporting found among sources.
//!
//! ```text
//! cargo run --example corroboration [-- DATA_DIR] [--json]
//! ```

mod common;

use std::process::ExitCode;

use claimgraph::ClaimGraph;
use claimgraph::query::{CorroborationRecord, Origin, circular_reporting, corroborations, describe_value};
use serde::Serialize;

/// With `--json`, one line per circle of sources deriving from each other (circular reporting).
#[derive(Serialize)]
struct CircularReporting {
    /// Always `circular-reporting`.
    kind: &'static str,
    /// The ids of the sources on the circle, sorted.
    sources: Vec<String>,
}

fn origin_name(graph: &ClaimGraph, o: Origin) -> String {
    match o {
        Origin::Source(s) => format!("source {}", common::source_key(graph, s)),
        Origin::Speaker(a) => format!("speaker {}", common::actor_name(graph, a)),
    }
}

fn proposition(graph: &ClaimGraph, id: claimgraph::ClaimId) -> String {
    let Some(c) = graph.claim(id) else { return id.to_string() };
    let object = describe_value(graph, &c.object());
    let qualifier = c.qualifier().map(|q| format!(" [{}]", common::actor_name(graph, q))).unwrap_or_default();
    let predicate = graph.predicate(c.predicate()).map_or("?", |p| p.key.as_str());
    format!("{} {:?} {predicate}{qualifier} {object}", common::actor_name(graph, c.subject()), c.polarity())
}

fn main() -> ExitCode {
    let args = common::args();
    let graph = match common::load(args.rest.first().map(String::as_str)) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let found = corroborations(&graph, 2);
    let cycles = circular_reporting(&graph);
    if args.json {
        // The records of `claimgraph::query::record`: keys for ids, values in words.
        for c in &found {
            if let Some(record) = CorroborationRecord::new(&graph, c) {
                common::json_line(&record);
            }
        }
        for cycle in &cycles {
            common::json_line(&CircularReporting {
                kind: "circular-reporting",
                sources: cycle.iter().map(|&s| common::source_key(&graph, s)).collect(),
            });
        }
        return ExitCode::SUCCESS;
    }
    println!("{} propositions stated by two or more claims\n", found.len());
    for c in &found {
        println!(
            "{}: {} claims, {} independent origin(s)",
            proposition(&graph, c.claims[0]),
            c.claims.len(),
            c.independent()
        );
        for g in &c.groups {
            let origins: Vec<String> = g.origins.iter().map(|&o| origin_name(&graph, o)).collect();
            println!("  origin {}:", origins.join(" + "));
            for &k in &g.claims {
                let claim = graph.claim(k).expect("listed claim");
                println!(
                    "    {} by {}: \"{}\"",
                    claim.key(),
                    common::actor_name(&graph, claim.said_by()),
                    claim.quote()
                );
            }
        }
        if !c.circular.is_empty() {
            println!("  warning: circular reporting among its sources");
        }
        println!();
    }
    println!("{} citation cycle(s) among sources", cycles.len());
    for cycle in &cycles {
        let keys: Vec<String> = cycle.iter().map(|&s| common::source_key(&graph, s)).collect();
        println!("  {}", keys.join(" ⇄ "));
    }
    ExitCode::SUCCESS
}
