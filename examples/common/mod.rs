//! Shared by the examples: where the data set is, and how to fail cleanly.

use std::path::PathBuf;
use std::process::ExitCode;

use claimgraph::ClaimGraph;

/// The command-line arguments after the program name, split into flags (`--json`) and the rest.
#[allow(dead_code, reason = "not every example takes every kind of argument")]
pub(crate) struct Args {
    /// `--json` was given: print JSON Lines.
    pub(crate) json: bool,
    /// The remaining arguments, in order.
    pub(crate) rest: Vec<String>,
}

#[allow(dead_code, reason = "not every example takes flags")]
pub(crate) fn args() -> Args {
    let mut json = false;
    let mut rest = Vec::new();
    for a in std::env::args().skip(1) {
        if a == "--json" {
            json = true;
        } else {
            rest.push(a);
        }
    }
    Args { json, rest }
}

/// Loads the data directory named by `dir`, or the bundled data set; on failure prints every
/// problem, with its source line and a caret under the column, to standard error and returns
/// the exit code to end with.
pub(crate) fn load(dir: Option<&str>) -> Result<ClaimGraph, ExitCode> {
    let dir = dir.map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan"), PathBuf::from);
    claimgraph::load_dir(&dir).map_err(|e| {
        eprintln!("error: cannot load {}: {}", dir.display(), e.render());
        ExitCode::FAILURE
    })
}

/// Prints one JSON object as a line (JSON Lines).
#[allow(dead_code, reason = "only the examples with --json use it")]
pub(crate) fn json_line(value: &impl serde::Serialize) {
    println!("{}", serde_json::to_string(value).expect("a JSON value or a record serializes"));
}

/// The display name of an actor, or its id if it is not in the graph.
#[allow(dead_code, reason = "not every example names actors")]
pub(crate) fn actor_name(graph: &ClaimGraph, id: claimgraph::ActorId) -> String {
    graph.actor(id).map_or_else(|| id.to_string(), |a| a.name().to_owned())
}

/// The data-file id of a claim.
#[allow(dead_code, reason = "not every example names claims")]
pub(crate) fn claim_key(graph: &ClaimGraph, id: claimgraph::ClaimId) -> String {
    graph.claim(id).map_or_else(|| id.to_string(), |c| c.key().to_owned())
}

/// The data-file id of a source.
#[allow(dead_code, reason = "not every example names sources")]
pub(crate) fn source_key(graph: &ClaimGraph, id: claimgraph::SourceId) -> String {
    graph.source(id).map_or_else(|| id.to_string(), |s| s.key().to_owned())
}
