//! Queries over a [`ClaimGraph`](crate::ClaimGraph): free functions, named iterators and views.
//!
//! | question | function |
//! |---|---|
//! | which claims cannot all hold? | [`contradictions`], kept up to date by [`ContradictionIndex`] |
//! | is a source inconsistent with itself? | [`source_inconsistencies`] |
//! | where did a claim come from? | [`attribution_chains`], lazily [`attribution_chain_iter`], for many claims into shared buffers [`attribution_chains_into`] |
//! | how many independent origins back a claim? | [`corroboration`], [`corroborations`], [`corroboration_set`] |
//! | where do the words of many claims come from? | [`OriginIndex`] (each source's text origins resolved once), [`origins`] for one claim |
//! | where do sources cite each other in a circle? | [`circular_reporting`] |
//! | who said what about whom? claims by speaker, source, time...? | [`who_said_about`], [`ClaimFilter`], [`timeline`] |
//! | how do people write this value, date or gap? | [`describe_value`], [`describe_time`], [`percent_pair`] |
//! | which claims stand, given what attacks and supports them? | [`Framework`] (grounded and preferred extensions) |
//! | results for other tools (JSON) | [`ContradictionRecord`], [`CorroborationRecord`], [`VerdictRecord`]... (`Serialize`) |
//! | my own query | views ([`ClaimView`], [`ActorView`], [`SourceView`]) and [`ClaimGraph::petgraph`](crate::ClaimGraph::petgraph) |
//!
//! **Architecture invariant:** queries never mutate the graph, and return results in a
//! deterministic order.

mod argumentation;
mod attribution;
mod compare;
mod contradictions;
mod corroboration;
mod inconsistencies;
mod incremental;
mod lookup;
mod origins;
mod record;
mod scc;
mod sweep;
mod view;
mod words;

pub use argumentation::{Framework, Status, Verdict};
pub use attribution::{
    AttributionChain, AttributionChains, BatchChains, ChainBatch, ChainList, ChainOptions, ChainRef, Hop, HopKind,
    Link, attribution_chain_iter, attribution_chains, attribution_chains_into, attribution_chains_with, text_origins,
};
pub use compare::{
    Agreement, DEFAULT_TOLERANCE, claims_overlap, compare_values, modality_weight, normalized_bounds, relative_gap,
    times_overlap,
};
pub(crate) use contradictions::GroupRules;
pub use contradictions::{Contradiction, Rule, Side, contradictions, describe_claim};
pub use corroboration::{
    Corroboration, CorroborationIter, CorroborationRef, CorroborationSet, OriginGroup, OriginGroupRef,
    circular_reporting, corroboration, corroboration_set, corroborations,
};
pub use inconsistencies::{InconsistencyKind, SourceInconsistency, source_inconsistencies};
pub use incremental::ContradictionIndex;
pub use lookup::{ClaimFilter, Claims, timeline, who_said_about};
pub use origins::{ClaimOrigins, Origin, OriginIndex, origins};
pub use record::{
    ChainRecord, ClaimRecord, ContradictionRecord, CorroborationRecord, HopRecord, InconsistencyRecord,
    OriginGroupRecord, SideRecord, VerdictRecord,
};
pub use view::{ActorView, ClaimView, SourceView};
pub use words::{
    describe_amount, describe_date, describe_quantity, describe_time, describe_value, format_number, percent_pair,
};
