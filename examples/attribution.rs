//! Attribution chains: for every claim (or the claim whose id is given), the path from the
//! source it was read in back to the original speaker and the earliest source, every hop typed,
//! hedges and insertions shown.
//!
//! ```text
//! cargo run --example attribution [-- DATA_DIR] [--claim CLAIM_ID] [--json]
//! ```

mod common;

use std::process::ExitCode;

use claimgraph::query::{Link, attribution_chains};
use serde_json::json;

fn main() -> ExitCode {
    let args = common::args();
    let mut dir = None;
    let mut wanted = None;
    let mut rest = args.rest.iter();
    while let Some(a) = rest.next() {
        if a == "--claim" {
            wanted = rest.next().cloned();
        } else {
            dir = Some(a.as_str());
        }
    }
    let graph = match common::load(dir) {
        Ok(g) => g,
        Err(code) => return code,
    };
    let ids: Vec<_> = match &wanted {
        Some(key) => match graph.claim_id(key) {
            Some(id) => vec![id],
            None => {
                eprintln!("error: no claim with id {key:?}");
                return ExitCode::FAILURE;
            }
        },
        None => graph.claims().map(|(id, _)| id).collect(),
    };
    for id in ids {
        let claim = graph.claim(id).expect("listed claim");
        for chain in attribution_chains(&graph, id) {
            if args.json {
                let hops: Vec<_> = chain
                    .hops
                    .iter()
                    .map(|h| {
                        let to = match h.to {
                            Link::Source(s) => json!({"source": common::source_key(&graph, s)}),
                            Link::Actor(a) => json!({"actor": common::actor_name(&graph, a)}),
                        };
                        json!({
                            "hop": h.kind.label(),
                            "to": to,
                            "by": h.by.map(|a| common::actor_name(&graph, a)),
                            "mode": h.mode.map(|m| format!("{m:?}")),
                        })
                    })
                    .collect();
                common::json_line(&json!({
                    "claim": claim.key(),
                    "start": common::source_key(&graph, chain.start),
                    "speaker": common::actor_name(&graph, chain.speaker),
                    "earliest_source": common::source_key(&graph, chain.earliest_source),
                    "modality": format!("{:?}", chain.modality),
                    "hedged": chain.hedged,
                    "inserted": chain.inserted,
                    "cycle": chain.cycle.as_ref().map(|c| c.iter().map(|&s| common::source_key(&graph, s)).collect::<Vec<_>>()),
                    "hops": hops,
                    "quote": claim.quote(),
                }));
            } else {
                let flags = [(chain.hedged, "hedged"), (chain.inserted, "inserted by an intermediary")]
                    .iter()
                    .filter(|(on, _)| *on)
                    .map(|(_, s)| *s)
                    .collect::<Vec<_>>()
                    .join(", ");
                println!(
                    "{} ({:?}{}{flags}): \"{}\"",
                    claim.key(),
                    chain.modality,
                    if flags.is_empty() { "" } else { ", " },
                    claim.quote()
                );
                println!("  {}", chain.render(&graph));
                println!("  earliest source: {}\n", common::source_key(&graph, chain.earliest_source));
            }
        }
    }
    ExitCode::SUCCESS
}
