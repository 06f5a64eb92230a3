//! Reading and writing data sets: a directory of RON files.
//!
//! **Architecture invariant:** this is the only module that touches files.
//!
//! The format is described in `data/FORMAT.md`; its serde types live in `format.rs`, separate
//! from the model, and the loader builds the model from them, checking every rule.

mod bridge;
mod format;
mod json;
mod load;
mod locate;
#[cfg(feature = "rdf")]
mod rdf;
mod save;
mod snapshot;

pub use json::{load_json, load_json_str, save_json, to_json};
pub use load::{load_dir, load_str};
#[cfg(feature = "rdf")]
pub use rdf::{
    CLAIMGRAPH_NS, DEFAULT_BASE, PROV_NS, RdfError, RdfOptions, RdfProblem, RdfSyntax, Reification, from_rdf, to_rdf,
    write_rdf,
};
pub(crate) use save::canonical;
pub use save::save_dir;
pub use snapshot::{SnapshotError, from_snapshot_bytes, load_snapshot, save_snapshot, snapshot_bytes};
