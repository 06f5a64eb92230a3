//! The model: actors, sources, claims, provenance and the vocabulary, as plain data.
//!
//! **Architecture invariant:** the model does not depend on petgraph or on any file format. Its
//! types refer to each other through typed ids issued by a [`ClaimGraph`](crate::ClaimGraph).

mod actor;
mod claim;
mod source;
mod vocabulary;

pub use actor::{Actor, ActorKind, Affiliation, AffiliationKind, Role};
pub use claim::{Amount, Claim, Modality, Mode, Polarity, Quantity, Relay, Stance, Value};
pub use source::{Derivation, DerivationKind, Source, SourceKind};
pub use vocabulary::{Cardinality, Conflict, Defaults, ObjectType, Predicate, ToleranceOrigin, Unit};
