//! The petgraph of a [`ClaimGraph`](super::ClaimGraph): every entity a node, every reference an
//! edge, for users' own graph algorithms.
//!
//! The graph's queries do not need it (they run on the claim store and the indexes), and at
//! about a hundred bytes per claim it would be the largest part of a graph; so it is built on
//! first use and then kept in step with every edit.

use petgraph::stable_graph::{NodeIndex, StableGraph};

use super::actors::ActorRef;
use super::claims::{ClaimRef, ObjectRef};
use super::sources::SourceRef;
use super::{Edge, Node};
use crate::{ActorId, ClaimId, SourceId};

/// The petgraph and the node of each entity.
#[derive(Clone, Debug, Default)]
pub(crate) struct PetgraphView {
    pub(crate) graph: StableGraph<Node, Edge>,
    actor_nodes: Vec<Option<NodeIndex>>,
    source_nodes: Vec<Option<NodeIndex>>,
    claim_nodes: Vec<Option<NodeIndex>>,
}

fn get(v: &[Option<NodeIndex>], i: usize) -> Option<NodeIndex> {
    v.get(i).copied().flatten()
}

fn node_of(graph: &mut StableGraph<Node, Edge>, v: &mut Vec<Option<NodeIndex>>, i: usize, node: Node) -> NodeIndex {
    if let Some(n) = get(v, i) {
        return n;
    }
    if v.len() <= i {
        v.resize(i + 1, None);
    }
    let n = graph.add_node(node);
    v[i] = Some(n);
    n
}

impl PetgraphView {
    /// Room for this many nodes and edges.
    pub(crate) fn with_capacity(nodes: usize, edges: usize) -> PetgraphView {
        PetgraphView { graph: StableGraph::with_capacity(nodes, edges), ..PetgraphView::default() }
    }

    pub(crate) fn actor_node(&self, id: ActorId) -> Option<NodeIndex> {
        get(&self.actor_nodes, id.index())
    }
    pub(crate) fn source_node(&self, id: SourceId) -> Option<NodeIndex> {
        get(&self.source_nodes, id.index())
    }
    pub(crate) fn claim_node(&self, id: ClaimId) -> Option<NodeIndex> {
        get(&self.claim_nodes, id.index())
    }

    pub(crate) fn actor(&mut self, id: ActorId) -> NodeIndex {
        node_of(&mut self.graph, &mut self.actor_nodes, id.index(), Node::Actor(id))
    }
    pub(crate) fn source(&mut self, id: SourceId) -> NodeIndex {
        node_of(&mut self.graph, &mut self.source_nodes, id.index(), Node::Source(id))
    }
    pub(crate) fn claim(&mut self, id: ClaimId) -> NodeIndex {
        node_of(&mut self.graph, &mut self.claim_nodes, id.index(), Node::Claim(id))
    }

    /// Adds an actor's node and its edges to affiliated actors and role organisations.
    pub(crate) fn add_actor(&mut self, id: ActorId, actor: ActorRef<'_>) {
        let node = self.actor(id);
        let links = actor
            .affiliations()
            .iter()
            .map(|a| (a.target, Edge::Affiliation(a.kind)))
            .chain(actor.roles().iter().filter_map(|r| r.of.map(|of| (of, Edge::RoleIn))));
        for (target, edge) in links {
            let t = self.actor(target);
            self.graph.add_edge(node, t, edge);
        }
    }

    /// Adds a source's node and its edges to authors, outlet, performers and earlier sources.
    pub(crate) fn add_source(&mut self, id: SourceId, source: SourceRef<'_>) {
        let node = self.source(id);
        let actors = source
            .authors()
            .iter()
            .map(|&a| (a, Edge::Author))
            .chain(source.outlet().map(|o| (o, Edge::Outlet)))
            .chain(source.derived_from().iter().filter_map(|d| d.by.map(|by| (by, Edge::PerformedBy(d.kind)))));
        for (a, edge) in actors {
            let t = self.actor(a);
            self.graph.add_edge(node, t, edge);
        }
        for d in source.derived_from() {
            let t = self.source(d.source);
            self.graph.add_edge(node, t, Edge::Derived(d.kind));
        }
    }

    /// Adds a claim's node and its edges to actors, sources and the claim it is about.
    pub(crate) fn add_claim(&mut self, claim: ClaimRef<'_>) {
        let node = self.claim(claim.id());
        let mut actors = vec![(claim.subject(), Edge::Subject), (claim.said_by(), Edge::StatedBy(claim.mode()))];
        actors.extend(claim.qualifier().map(|q| (q, Edge::Qualifier)));
        if let ObjectRef::Actor(a) = claim.object_ref() {
            actors.push((a, Edge::Object));
        }
        let mut sources = vec![(claim.source(), Edge::ReportedIn)];
        sources.extend(claim.said_in().map(|s| (s, Edge::SaidIn)));
        for (position, relay) in claim.relayed_by().iter().enumerate() {
            let edge = Edge::RelayedBy { position: u16::try_from(position).unwrap_or(u16::MAX), mode: relay.mode };
            actors.extend(relay.by.map(|by| (by, edge)));
            sources.extend(relay.source.map(|s| (s, edge)));
        }
        for (a, edge) in actors {
            let t = self.actor(a);
            self.graph.add_edge(node, t, edge);
        }
        for (s, edge) in sources {
            let t = self.source(s);
            self.graph.add_edge(node, t, edge);
        }
        if let ObjectRef::Claim(other) = claim.object_ref() {
            let t = self.claim(other);
            self.graph.add_edge(node, t, Edge::Object);
        }
    }

    pub(crate) fn remove_actor(&mut self, id: ActorId) {
        if let Some(n) = self.actor_nodes.get_mut(id.index()).and_then(Option::take) {
            self.graph.remove_node(n);
        }
    }

    pub(crate) fn remove_claim(&mut self, id: ClaimId) {
        if let Some(n) = self.claim_nodes.get_mut(id.index()).and_then(Option::take) {
            self.graph.remove_node(n);
        }
    }
}
