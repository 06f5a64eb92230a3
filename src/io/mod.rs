//! Reading and writing data sets: a directory of RON files; importing claims from tables (CSV).
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
mod names;
#[cfg(feature = "rdf")]
mod rdf;
mod save;
mod snapshot;
pub mod table;

pub use json::{load_json, load_json_str, save_json, to_json};
pub use load::{load_dir, load_str};
pub(crate) use locate::Lines;
#[cfg(feature = "rdf")]
pub use rdf::{
    CLAIMGRAPH_NS, DEFAULT_BASE, PROV_NS, RdfError, RdfOptions, RdfProblem, RdfSyntax, Reification, from_rdf, to_rdf,
    write_rdf,
};
pub(crate) use save::canonical;
pub use save::save_dir;
pub use snapshot::{SnapshotError, from_snapshot_bytes, load_snapshot, save_snapshot, snapshot_bytes};
pub use table::{import_csv, import_csv_reader, import_csv_str};
