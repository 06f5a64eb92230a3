//! Three queries a user writes with the crate's views, filter and petgraph access:
//!
//! 1. What has Medvedev said about Kazakhstan, and who relayed it to the reader?
//! 2. Which claims are carried only by translated sources?
//! 3. Which claim has the longest attribution chain?
//!
//! ```text
//! cargo run --example custom_query [-- DATA_DIR] [--json]
//! ```

mod common;

use std::process::ExitCode;

use claimgraph::query::{ClaimFilter, HopKind, Link, attribution_chains};
use claimgraph::{ClaimGraph, DerivationKind, Edge, SourceId};
use petgraph::visit::EdgeRef;
use serde::Serialize;

/// With `--json`, one line per claim Medvedev made about Kazakhstan (query 1).
#[derive(Serialize)]
struct RelayedClaim<'a> {
    /// Always `medvedev-on-kazakhstan`.
    query: &'static str,
    /// The claim's id.
    claim: &'a str,
    /// How the source carries Medvedev's words (`Paraphrase`, `DirectQuote`...).
    mode: String,
    /// How the claim is put (`Asserted`, `Hedged`...).
    modality: String,
    /// The id of the source it was read in.
    source: &'a str,
    /// The name of that source's outlet, or empty.
    outlet: String,
    /// The hops between the reader and Medvedev, in words (`translated from s002_atlantico by
    /// InoSMI`, `relayed by Eugène Berg`).
    relayed_through: Vec<String>,
    /// The claim's words.
    quote: &'a str,
}

/// With `--json`, one line per claim carried only by translated sources (query 2).
#[derive(Serialize)]
struct TranslatedClaim<'a> {
    /// Always `translated-only`.
    query: &'static str,
    /// The claim's id.
    claim: &'a str,
    /// The id of the source it was read in.
    source: String,
    /// The speaker's name.
    speaker: String,
}

/// With `--json`, the line of the longest attribution chain (query 3).
#[derive(Serialize)]
struct LongestChain {
    /// Always `longest-chain`.
    query: &'static str,
    /// The claim's id.
    claim: String,
    /// How many hops the chain has.
    hops: usize,
    /// The chain in one line, as `AttributionChain::render` writes it.
    chain: String,
}

/// Whether the text of `source` reached the reader through a translation: the source, or one of
/// the sources it republishes, is a translation. Walks the petgraph's derivation edges.
fn through_translation(graph: &ClaimGraph, source: SourceId) -> bool {
    let g = graph.petgraph();
    let mut stack: Vec<_> = graph.source_node(source).into_iter().collect();
    let mut seen = std::collections::HashSet::new();
    while let Some(n) = stack.pop() {
        if !seen.insert(n) {
            continue;
        }
        for e in g.edges(n) {
            match e.weight() {
                Edge::Derived(DerivationKind::TranslationOf) => return true,
                Edge::Derived(DerivationKind::RepublicationOf) => stack.push(e.target()),
                _ => {}
            }
        }
    }
    false
}

fn main() -> ExitCode {
    let args = common::args();
    let graph = match common::load(args.rest.first().map(String::as_str)) {
        Ok(g) => g,
        Err(code) => return code,
    };

    // 1. Medvedev on Kazakhstan, with every intermediary between him and the reader.
    if !args.json {
        println!("== What has Medvedev said about Kazakhstan, and who relayed it?");
    }
    if let (Some(medvedev), Some(kazakhstan)) = (graph.actor_by_name("Medvedev"), graph.actor_by_name("Kazakhstan")) {
        for claim in ClaimFilter::new().speaker(medvedev).mentions(kazakhstan).iter(&graph) {
            let chains = attribution_chains(&graph, claim.id());
            let relays: Vec<String> = chains
                .iter()
                .flat_map(|c| c.hops.iter())
                .filter(|h| h.kind != HopKind::StatedBy)
                .map(|h| {
                    let to = match h.to {
                        Link::Actor(a) => common::actor_name(&graph, a),
                        Link::Source(s) => common::source_key(&graph, s),
                    };
                    let by = h.by.map(|a| format!(" by {}", common::actor_name(&graph, a))).unwrap_or_default();
                    format!("{} {to}{by}", h.kind.label())
                })
                .collect();
            let outlet = claim.source_view().outlet().map(|o| o.name().to_owned()).unwrap_or_default();
            if args.json {
                common::json_line(&RelayedClaim {
                    query: "medvedev-on-kazakhstan",
                    claim: claim.key(),
                    mode: format!("{:?}", claim.mode()),
                    modality: format!("{:?}", claim.modality()),
                    source: claim.source_view().key(),
                    outlet,
                    relayed_through: relays,
                    quote: claim.quote(),
                });
            } else {
                println!("{} [{:?}, {:?}] \"{}\"", claim.key(), claim.mode(), claim.modality(), claim.quote());
                println!("   read in {} ({outlet}), via: {}", claim.source_view().key(), relays.join(" ⇐ "));
            }
        }
    }

    // 2. Claims whose only carriers are translated sources.
    if !args.json {
        println!("\n== Claims carried only by translated sources");
    }
    let mut translated = 0;
    for (_, claim) in graph.claims() {
        if through_translation(&graph, claim.source()) {
            translated += 1;
            if args.json {
                common::json_line(&TranslatedClaim {
                    query: "translated-only",
                    claim: claim.key(),
                    source: common::source_key(&graph, claim.source()),
                    speaker: common::actor_name(&graph, claim.said_by()),
                });
            } else if translated <= 10 {
                println!(
                    "{} by {} in {}",
                    claim.key(),
                    common::actor_name(&graph, claim.said_by()),
                    common::source_key(&graph, claim.source())
                );
            }
        }
    }
    if !args.json {
        println!("... {translated} of {} claims reached the reader only through a translation", graph.claim_count());
    }

    // 3. The longest attribution chain (ties: the first claim in id order).
    let longest = graph.claims().flat_map(|(id, _)| attribution_chains(&graph, id)).fold(
        None,
        |best: Option<claimgraph::query::AttributionChain>, c| match best {
            Some(b) if b.len() >= c.len() => Some(b),
            _ => Some(c),
        },
    );
    if let Some(chain) = longest {
        let key = common::claim_key(&graph, chain.claim);
        if args.json {
            common::json_line(&LongestChain {
                query: "longest-chain",
                claim: key,
                hops: chain.len(),
                chain: chain.render(&graph),
            });
        } else {
            println!("\n== The longest attribution chain ({} hops): {key}", chain.len());
            println!("{}", chain.render(&graph));
        }
    }
    ExitCode::SUCCESS
}
