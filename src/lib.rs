#![doc = include_str!("../README.md")]
//!
//! # Overview
//!
//! - The model: [`Actor`], [`Source`] (with [`Derivation`]s), [`Claim`] (with [`Value`],
//!   [`Polarity`], [`Stance`], [`Modality`], [`Mode`], [`Relay`]), the vocabulary ([`Predicate`], [`Unit`])
//!   and analyst-recorded [`Conflict`]s. Dates of uneven precision are [`TimeSpec`]s.
//! - The store: [`ClaimGraph`], with typed ids ([`ActorId`], [`SourceId`], [`ClaimId`]...),
//!   claims, sources and actors read through [`ClaimRef`], [`SourceRef`] and [`ActorRef`]
//!   handles, indexes for O(result) lookups, and a petgraph mirror (built on first use) for your
//!   own algorithms.
//! - Files: [`load_dir`], [`load_str`] and [`save_dir`] read and write directories of RON files;
//!   every problem is reported with its file, line and column ([`LoadError`]).
//!   [`save_snapshot`] and [`load_snapshot`] write and read a compact binary snapshot.
//!   [`to_json`] and [`load_json`] exchange a whole data set as one JSON document; with the `rdf`
//!   feature, `to_rdf` and `from_rdf` as RDF on W3C PROV-O (Turtle, N-Triples, N-Quads, TriG).
//! - Queries: the [`query`] module.
//! - Synthetic corpora for benchmarks and tests: the [`synth`] module.
//!
//! # Crate features
//!
//! - `rdf`: RDF export and import (oxrdf, oxrdfio). Off by default.
//! - `rdf-check`: `rdf` and Oxigraph, for the tests that check `queries/sparql/` against the
//!   queries of this crate. Off by default.
//! - `peer`: builds the `peer_compare` example against Oxigraph. Off by default.
//!
//! See `ARCHITECTURE.md` for the map of the code and `data/FORMAT.md` for the file format.

#![forbid(unsafe_code)]

mod error;
mod graph;
mod id;
mod io;
mod model;
pub mod query;
pub mod synth;
mod time;

pub use error::{EntityKind, GraphError, LoadError, Location, Problem, ProblemKind, SaveError};
pub use graph::{ActorRef, ClaimGraph, ClaimRef, Edge, GroupClaims, Node, PropositionKey, SourceRef, fold_name};
pub use id::{ActorId, ClaimId, ConflictId, PredicateId, SourceId, UnitId};
#[cfg(feature = "rdf")]
pub use io::{
    CLAIMGRAPH_NS, DEFAULT_BASE, PROV_NS, RdfError, RdfOptions, RdfProblem, RdfSyntax, Reification, from_rdf, to_rdf,
    write_rdf,
};
pub use io::{
    SnapshotError, from_snapshot_bytes, load_dir, load_json, load_json_str, load_snapshot, load_str, save_dir,
    save_json, save_snapshot, snapshot_bytes, to_json,
};
pub use model::{
    Actor, ActorKind, Affiliation, AffiliationKind, Amount, Cardinality, Claim, Conflict, Defaults, Derivation,
    DerivationKind, Modality, Mode, ObjectType, Polarity, Predicate, Quantity, Relay, Role, Source, SourceKind, Stance,
    ToleranceOrigin, Unit, Value,
};
pub use time::{DatePoint, Precision, Season, TimeError, TimeSpec};
