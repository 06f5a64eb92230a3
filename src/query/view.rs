//! Typed views: handles on actors, sources and claims that navigate the graph.
//!
//! A handle pairs an id with the graph; it derefs to the entity (the [`ActorRef`] of an actor,
//! the [`SourceRef`] of a source, or the [`ClaimRef`] of a claim), so its fields read directly, and adds navigation
//! methods.
//!
//! ```
//! let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
//! let tokayev = graph.view_actor(graph.actor_by_name("Tokaev").unwrap()).unwrap();
//! for claim in tokayev.said() {
//!     let source = claim.source_view();
//!     assert!(source.claims().any(|c| c.id() == claim.id()));
//!     println!("{} in {}: {}", claim.speaker().name(), source.title(), claim.quote());
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::ops::Deref;

use super::attribution::{AttributionChain, attribution_chains};
use super::corroboration::{Corroboration, corroboration};
use crate::graph::ObjectRef;
use crate::model::{DerivationKind, Predicate};
use crate::{ActorId, ActorRef, ClaimGraph, ClaimId, ClaimRef, SourceId, SourceRef};

/// A handle on an actor, from [`ClaimGraph::view_actor`].
#[derive(Clone, Copy, Debug)]
pub struct ActorView<'g> {
    graph: &'g ClaimGraph,
    actor: ActorRef<'g>,
}

/// A handle on a source, from [`ClaimGraph::view_source`].
#[derive(Clone, Copy, Debug)]
pub struct SourceView<'g> {
    graph: &'g ClaimGraph,
    source: SourceRef<'g>,
}

/// A handle on a claim, from [`ClaimGraph::view_claim`].
#[derive(Clone, Copy, Debug)]
pub struct ClaimView<'g> {
    graph: &'g ClaimGraph,
    claim: ClaimRef<'g>,
}

impl ClaimGraph {
    /// A navigable handle on an actor.
    pub fn view_actor(&self, id: ActorId) -> Option<ActorView<'_>> {
        self.actor(id).map(|actor| ActorView { graph: self, actor })
    }
    /// A navigable handle on a source.
    pub fn view_source(&self, id: SourceId) -> Option<SourceView<'_>> {
        self.source(id).map(|source| SourceView { graph: self, source })
    }
    /// A navigable handle on a claim.
    pub fn view_claim(&self, id: ClaimId) -> Option<ClaimView<'_>> {
        self.claim(id).map(|claim| ClaimView { graph: self, claim })
    }
}

fn views<'g>(graph: &'g ClaimGraph, ids: &'g [ClaimId]) -> impl Iterator<Item = ClaimView<'g>> + 'g {
    ids.iter().filter_map(move |&c| graph.view_claim(c))
}

impl<'g> ActorView<'g> {
    /// The actor's id.
    pub fn id(&self) -> ActorId {
        self.actor.id()
    }
    /// The actor's data (the handle also derefs to it).
    pub fn actor(&self) -> ActorRef<'g> {
        self.actor
    }
    /// The graph the handle reads.
    pub fn graph(&self) -> &'g ClaimGraph {
        self.graph
    }
    /// Claims this actor originally said.
    pub fn said(&self) -> impl Iterator<Item = ClaimView<'g>> + 'g {
        views(self.graph, self.graph.claims_by_speaker(self.id()))
    }
    /// Claims about this actor (as subject).
    pub fn claims_about(&self) -> impl Iterator<Item = ClaimView<'g>> + 'g {
        views(self.graph, self.graph.claims_about(self.id()))
    }
    /// Claims with this actor as object.
    pub fn claims_as_object(&self) -> impl Iterator<Item = ClaimView<'g>> + 'g {
        views(self.graph, self.graph.claims_with_object(self.id()))
    }
    /// Sources this actor wrote.
    pub fn authored(&self) -> impl Iterator<Item = SourceView<'g>> + 'g {
        let (graph, id) = (self.graph, self.id());
        graph
            .sources()
            .filter(move |(_, s)| s.authors().contains(&id))
            .map(move |(_, source)| SourceView { graph, source })
    }
}

impl<'g> SourceView<'g> {
    /// The source's id.
    pub fn id(&self) -> SourceId {
        self.source.id()
    }
    /// The source's data (the handle also derefs to it).
    pub fn source(&self) -> SourceRef<'g> {
        self.source
    }
    /// The claims read in this source.
    pub fn claims(&self) -> impl Iterator<Item = ClaimView<'g>> + 'g {
        views(self.graph, self.graph.claims_in_source(self.id()))
    }
    /// The outlet.
    pub fn outlet(&self) -> Option<ActorView<'g>> {
        self.source.outlet().and_then(|a| self.graph.view_actor(a))
    }
    /// The earlier sources this one derives from, with how.
    pub fn derived_from(&self) -> impl Iterator<Item = (DerivationKind, SourceView<'g>)> + 'g {
        let graph = self.graph;
        self.source.derived_from().iter().filter_map(move |d| graph.view_source(d.source).map(|s| (d.kind, s)))
    }
    /// The later sources that derive from this one (translations, republications, citations).
    pub fn derivatives(&self) -> impl Iterator<Item = (DerivationKind, SourceView<'g>)> + 'g {
        let graph = self.graph;
        graph.derived_sources(self.id()).filter_map(move |(s, kind)| graph.view_source(s).map(|s| (kind, s)))
    }
}

impl<'g> ClaimView<'g> {
    /// The claim's data (the handle also derefs to it).
    pub fn claim(&self) -> ClaimRef<'g> {
        self.claim
    }
    /// The original speaker.
    pub fn speaker(&self) -> ActorView<'g> {
        self.graph.view_actor(self.claim.said_by()).expect("a claim's speaker is in its graph")
    }
    /// The subject.
    pub fn subject_view(&self) -> ActorView<'g> {
        self.graph.view_actor(self.claim.subject()).expect("a claim's subject is in its graph")
    }
    /// The object, when it is an actor.
    pub fn object_actor(&self) -> Option<ActorView<'g>> {
        match self.claim.object_ref() {
            ObjectRef::Actor(a) => self.graph.view_actor(a),
            _ => None,
        }
    }
    /// The claim this claim is about, when its object is a claim.
    pub fn object_claim(&self) -> Option<ClaimView<'g>> {
        match self.claim.object_ref() {
            ObjectRef::Claim(c) => self.graph.view_claim(c),
            _ => None,
        }
    }
    /// The predicate's vocabulary entry.
    pub fn predicate_entry(&self) -> &'g Predicate {
        self.graph.predicate(self.claim.predicate()).expect("a claim's predicate is in its graph")
    }
    /// The source the claim was read in.
    pub fn source_view(&self) -> SourceView<'g> {
        self.graph.view_source(self.claim.source()).expect("a claim's source is in its graph")
    }
    /// Its attribution chains (see [`attribution_chains`]).
    pub fn chains(&self) -> Vec<AttributionChain> {
        attribution_chains(self.graph, self.claim.id())
    }
    /// Its support by independent origins (see [`corroboration`]).
    pub fn corroboration(&self) -> Corroboration {
        corroboration(self.graph, self.claim.id())
    }
}

impl<'g> Deref for ActorView<'g> {
    type Target = ActorRef<'g>;
    fn deref(&self) -> &ActorRef<'g> {
        &self.actor
    }
}

impl<'g> Deref for SourceView<'g> {
    type Target = SourceRef<'g>;
    fn deref(&self) -> &SourceRef<'g> {
        &self.source
    }
}

impl<'g> Deref for ClaimView<'g> {
    type Target = ClaimRef<'g>;
    fn deref(&self) -> &ClaimRef<'g> {
        &self.claim
    }
}
