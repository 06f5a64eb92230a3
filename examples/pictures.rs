//! Pictures of the bundled data set: the attribution chains of a few claims (one read through a
//! translation of a republication of a translation, one hedged, one a translator's insertion),
//! the strongest contradiction clusters and the strongest of each rule, the derivation tree of a translated source and the
//! neighbourhood of an actor, written as Graphviz DOT and, with the `svg` feature, as SVG drawn
//! in pure Rust.
//!
//! ```text
//! cargo run --example pictures [-- OUT_DIR]                  # DOT, into target/pictures/ by default
//! cargo run --features svg --example pictures [-- OUT_DIR]   # DOT and SVG
//! dot -Tpng target/pictures/attribution-c002_tokayev_rich_pay_debt.dot -o chain.png   # with Graphviz, if you have it
//! ```
//!
//! `docs/attribution.svg`, the picture in the README, is
//! `attribution-c002_no_state_before_nazarbayev.svg` from this example.

mod common;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimgraph::picture::{Painter, Picture};
use claimgraph::query::contradictions;

/// Claims whose attribution is worth a look.
const CLAIMS: [&str; 3] = [
    // Tokayev's speech, cited by Berg in Atlantico, translated by InoSMI, republished by VPK.name,
    // translated again for the scraped page.
    "c002_tokayev_rich_pay_debt",
    // A phrase "attributed to the owner of the Kremlin": hedged by Berg.
    "c002_no_state_before_nazarbayev",
    // InoSMI's own remark, inserted in its translation of Berg.
    "c002_inosmi_russia_did_not_condemn",
];
/// A translated source, and an actor.
const SOURCE: &str = "s002_inosmi";
const ACTOR: &str = "tokayev";
/// How many of the strongest contradictions are drawn (and then the strongest of each other rule).
const CONTRADICTIONS: usize = 3;

fn main() -> ExitCode {
    let args = common::args();
    let out = args.rest.first().map_or_else(|| PathBuf::from("target/pictures"), PathBuf::from);
    let graph = match common::load(None) {
        Ok(g) => g,
        Err(code) => return code,
    };
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("error: cannot create {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    // Whole quotes where they fit: the words of a hedge ("is attributed to") are often at the end.
    let painter = Painter::new(&graph).quote_chars(140);
    let mut pictures: Vec<(String, Picture)> = Vec::new();
    for key in CLAIMS {
        match graph.claim_id(key) {
            Some(id) => pictures.push((format!("attribution-{key}"), painter.attribution(id))),
            None => eprintln!("warning: no claim {key:?} in the data"),
        }
    }
    // The strongest contradictions, then the strongest of each rule not drawn yet.
    let found = contradictions(&graph);
    let mut rules = Vec::new();
    for (i, c) in found.iter().enumerate() {
        if i < CONTRADICTIONS || !rules.contains(&c.rule) {
            rules.push(c.rule);
            pictures.push((format!("contradiction-{}-{}", i + 1, c.rule.name()), painter.contradiction(c)));
        }
    }
    match graph.source_id(SOURCE) {
        Some(id) => pictures.push((format!("derivations-{SOURCE}"), painter.derivations(id))),
        None => eprintln!("warning: no source {SOURCE:?} in the data"),
    }
    match graph.actor_id(ACTOR) {
        Some(id) => pictures.push((format!("actor-{ACTOR}"), Painter::new(&graph).max_claims(12).actor(id))),
        None => eprintln!("warning: no actor {ACTOR:?} in the data"),
    }
    for (name, picture) in &pictures {
        if let Err(code) = write(&out, name, "dot", &picture.dot().to_string()) {
            return code;
        }
        #[cfg(feature = "svg")]
        if let Err(code) = write(&out, name, "svg", &picture.svg()) {
            return code;
        }
        println!("{name}: {} ({} nodes, {} edges)", picture.title(), picture.nodes().len(), picture.edges().len());
    }
    println!("written to {}", out.display());
    ExitCode::SUCCESS
}

/// Writes `text` to `dir/name.ext`, or says why it could not.
fn write(dir: &Path, name: &str, ext: &str, text: &str) -> Result<(), ExitCode> {
    let path = dir.join(format!("{name}.{ext}"));
    std::fs::write(&path, text).map_err(|e| {
        eprintln!("error: cannot write {}: {e}", path.display());
        ExitCode::FAILURE
    })
}
