//! Corroboration with independence: every proposition stated by two or more claims, with its
//! support grouped by independent origin (republications, translations and relays of one origin
//! count once), and the circular reporting found among sources.
//!
//! ```text
//! cargo run --example corroboration [-- DATA_DIR] [--json]
//! ```

mod common;

use std::process::ExitCode;

use claimgraph::query::{Origin, circular_reporting, corroborations};
use claimgraph::{ClaimGraph, Value};
use serde_json::json;

fn origin_name(graph: &ClaimGraph, o: Origin) -> String {
    match o {
        Origin::Source(s) => format!("source {}", common::source_key(graph, s)),
        Origin::Speaker(a) => format!("speaker {}", common::actor_name(graph, a)),
    }
}

fn proposition(graph: &ClaimGraph, id: claimgraph::ClaimId) -> String {
    let Some(c) = graph.claim(id) else { return id.to_string() };
    let object = match c.object() {
        Value::Actor(a) => common::actor_name(graph, a),
        Value::Quantity(q) => format!("{:?} {}", q.amount, graph.unit(q.unit).map_or("?", |u| u.key.as_str())),
        Value::Date(d) => d.to_string(),
        Value::Text(t) => format!("{t:?}"),
        Value::Bool(b) => b.to_string(),
        Value::Claim(k) => format!("claim {}", common::claim_key(graph, k)),
    };
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
        for c in &found {
            let groups: Vec<_> = c
                .groups
                .iter()
                .map(|g| {
                    json!({
                        "origins": g.origins.iter().map(|&o| origin_name(&graph, o)).collect::<Vec<_>>(),
                        "claims": g.claims.iter().map(|&k| common::claim_key(&graph, k)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            common::json_line(&json!({
                "kind": "corroboration",
                "proposition": proposition(&graph, c.claims[0]),
                "claims": c.claims.len(),
                "independent_origins": c.independent(),
                "groups": groups,
                "circular": !c.circular.is_empty(),
            }));
        }
        for cycle in &cycles {
            common::json_line(&json!({
                "kind": "circular-reporting",
                "sources": cycle.iter().map(|&s| common::source_key(&graph, s)).collect::<Vec<_>>(),
            }));
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
