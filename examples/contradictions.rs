//! Contradictions in a data set: claims that cannot all hold, strongest first, each with the rule
//! that fired and the evidence (speakers, sources, time scopes, quotes); then the internal
//! inconsistencies of sources.
//!
//! ```text
//! cargo run --example contradictions [-- DATA_DIR] [--json]
//! ```

mod common;

use std::process::ExitCode;

use claimgraph::query::{contradictions, source_inconsistencies};
use serde_json::json;

fn main() -> ExitCode {
    let args = common::args();
    let graph = match common::load(args.rest.first().map(String::as_str)) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let found = contradictions(&graph);
    let inconsistencies = source_inconsistencies(&graph);
    if args.json {
        for c in &found {
            let claims: Vec<_> = c
                .claims
                .iter()
                .filter_map(|&id| graph.claim(id))
                .map(|k| {
                    json!({
                        "claim": k.key(),
                        "speaker": common::actor_name(&graph, k.said_by()),
                        "source": common::source_key(&graph, k.source()),
                        "polarity": format!("{:?}", k.polarity()),
                        "modality": format!("{:?}", k.modality()),
                        "about": k.about().map(|t| t.to_string()),
                        "quote": k.quote(),
                    })
                })
                .collect();
            let keys =
                |ids: &[claimgraph::ClaimId]| ids.iter().map(|&c| common::claim_key(&graph, c)).collect::<Vec<_>>();
            let sides: Vec<_> = c
                .sides(&graph)
                .iter()
                .map(|s| {
                    json!({
                        "claims": keys(&s.claims),
                        "holders": s.holders.iter().map(|&a| common::actor_name(&graph, a)).collect::<Vec<_>>(),
                        "independent_origins": s.independent,
                        "carried": keys(&s.carried),
                    })
                })
                .collect();
            common::json_line(&json!({
                "kind": "contradiction",
                "rule": c.rule.name(),
                "strength": (c.strength * 1000.0).round() / 1000.0,
                "reason": c.reason(&graph),
                "sides": sides,
                "opposing_pairs": c.opposing_pairs(&graph),
                "claims": claims,
            }));
        }
        for i in &inconsistencies {
            common::json_line(&json!({
                "kind": "source-inconsistency",
                "source": common::source_key(&graph, i.source),
                "inconsistency": format!("{:?}", i.kind),
                "claims": i.claims.iter().map(|&c| common::claim_key(&graph, c)).collect::<Vec<_>>(),
                "reason": i.reason,
            }));
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
