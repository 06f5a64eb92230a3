//! Reading and writing data sets: a directory of RON files; importing claims from tables (CSV).
//!
//! **Architecture invariant:** this is the only module that touches files.
//!
//! The format is described in `data/FORMAT.md`; its serde types live in `format.rs`, separate
//! from the model, and the loader builds the model from them, checking every rule.

mod format;
mod load;
mod locate;
mod names;
mod save;
mod snapshot;
pub mod table;

pub use load::{load_dir, load_str};
pub(crate) use locate::Lines;
pub(crate) use save::canonical;
pub use save::save_dir;
pub use snapshot::{SnapshotError, from_snapshot_bytes, load_snapshot, save_snapshot, snapshot_bytes};
pub use table::{import_csv, import_csv_reader, import_csv_str};
