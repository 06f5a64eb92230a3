//! Attribution chains: for every claim (or the claim whose id is given), the path from the
//! source it was read in back to the original speaker and the earliest source, every hop typed,
//! hedges and insertions shown.
//!
//! ```text
//! cargo run --example attribution [-- DATA_DIR] [--claim CLAIM_ID] [--json]
//! ```

mod common;

use std::process::ExitCode;

use claimgraph::query::{ChainRecord, attribution_chains};

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
                // The record of `claimgraph::query::record`: keys for ids, typed hops.
                common::json_line(&ChainRecord::new(&graph, &chain));
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
