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
//! - Tables: [`import_csv`] adds one claim per row of a CSV file, as a [`table::Mapping`] says,
//!   creating the actors and sources the rows name if asked; every bad row is reported.
//! - Queries: the [`query`] module.
//! - Truth discovery (which holders to trust and which values to believe; Sums, AverageLog,
//!   Investment, PooledInvestment, TruthFinder, majority vote): the [`trust`] module, on a
//!   [`TruthProblem`] of holders, variables, values and claims, optionally grouped by origin.
//! - Pictures of provenance (attribution chains, contradiction clusters, derivation trees,
//!   actors' neighbourhoods) as Graphviz DOT or, with the `svg` feature, SVG: the [`picture`]
//!   module.
//! - Synthetic corpora for benchmarks and tests: the [`synth`] module.
//!
//! # Crate features
//!
//! - `rdf`: RDF export and import (oxrdf, oxrdfio). Off by default.
//! - `rdf-check`: `rdf` and Oxigraph, for the tests that check `queries/sparql/` against the
//!   queries of this crate. Off by default.
//! - `peer`: builds the `peer_compare` example against Oxigraph. Off by default.
//! - `svg`: `picture::Picture::svg`, pictures laid out and drawn as SVG in pure Rust
//!   (`layout-rs`). Off by default.
//!
//! See `ARCHITECTURE.md` for the map of the code and `data/FORMAT.md` for the file format.

#![forbid(unsafe_code)]

mod error;
mod graph;
mod id;
mod io;
mod model;
pub mod picture;
pub mod query;
pub mod synth;
mod time;
pub mod trust;

pub use error::{CellError, EntityKind, GraphError, LoadError, Location, Problem, ProblemKind, SaveError};
pub use graph::{ActorRef, ClaimGraph, ClaimRef, Edge, GroupClaims, Node, PropositionKey, SourceRef, fold_name};
pub use id::{ActorId, ClaimId, ConflictId, PredicateId, SourceId, UnitId};
pub use io::table;
#[cfg(feature = "rdf")]
pub use io::{
    CLAIMGRAPH_NS, DEFAULT_BASE, PROV_NS, RdfError, RdfOptions, RdfProblem, RdfSyntax, Reification, from_rdf, to_rdf,
    write_rdf,
};
pub use io::{
    SnapshotError, from_snapshot_bytes, import_csv, import_csv_reader, import_csv_str, load_dir, load_json,
    load_json_str, load_snapshot, load_str, save_dir, save_json, save_snapshot, snapshot_bytes, to_json,
};
pub use model::{
    Actor, ActorKind, Affiliation, AffiliationKind, Amount, Cardinality, Claim, Conflict, Defaults, Derivation,
    DerivationKind, Modality, Mode, ObjectType, Polarity, Predicate, Quantity, Relay, Role, Source, SourceKind, Stance,
    ToleranceOrigin, Unit, Value,
};
pub use time::{DatePoint, Precision, Season, TimeError, TimeSpec};
pub use trust::{
    HolderId, OriginId, TrustError, TruthDiscovery, TruthProblem, TruthProblemBuilder, TruthResult, ValueId, VariableId,
};
