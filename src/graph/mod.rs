//! [`ClaimGraph`]: the store of actors, sources and claims, the indexes that make lookups
//! O(result), and the petgraph mirror built on demand.
//!
//! **Architecture invariant:** every edit goes through [`ClaimGraph`]'s methods, which validate
//! it and keep every index (and the petgraph, once built) in step with the entities.

mod actors;
mod arena;
mod claims;
mod facts;
mod fold;
mod hash;
mod keys;
mod lists;
mod names;
mod petgraph_view;
mod rows;
mod sources;
mod store;
mod table;

use std::collections::HashSet;
use std::sync::OnceLock;

use petgraph::stable_graph::{NodeIndex, StableGraph};

pub use actors::ActorRef;
pub(crate) use actors::{
    ActorFields, ActorMeta, ActorMetaOwned, ActorPartsOwned, ActorStore, BLOCKS as ACTOR_BLOCKS,
    RECORD_BYTES as ACTOR_ROW,
};
pub(crate) use arena::{Arena, Keyed, Slot};
pub use claims::ClaimRef;
#[cfg(test)]
pub(crate) use claims::Corruption;
pub(crate) use claims::{
    BLOCKS as CLAIM_BLOCKS, ClaimFields, ClaimMeta, ClaimMetaOwned, ClaimStore, ObjectRef, RECORD_BYTES as CLAIM_ROW,
    StoreOwnedV4,
};
pub use facts::GroupClaims;
pub(crate) use facts::{Fact, FactStore, FactValue, Group, Summary, layout_rank};
pub use fold::fold_name;
pub(crate) use hash::IdMap;
pub(crate) use keys::Origins;
use lists::ClaimLists;
use names::NameIndex;
use petgraph_view::PetgraphView;
pub(crate) use rows::BlockProblem;
use sources::DerivedInto;
pub use sources::SourceRef;
pub(crate) use sources::{
    BLOCKS as SOURCE_BLOCKS, RECORD_BYTES as SOURCE_ROW, SourceFields, SourceMeta, SourceMetaOwned, SourceStore,
    SourceStoreOwned,
};

use crate::error::{EntityKind, GraphError};
use crate::model::{
    Actor, AffiliationKind, Claim, Conflict, Defaults, DerivationKind, Mode, ObjectType, Predicate, Source,
    ToleranceOrigin, Unit,
};
use crate::query::GroupRules;
use crate::{ActorId, ClaimId, ConflictId, PredicateId, SourceId, UnitId};

/// A node of the underlying petgraph: which entity it stands for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Node {
    /// An actor.
    Actor(ActorId),
    /// A source.
    Source(SourceId),
    /// A claim.
    Claim(ClaimId),
}

/// An edge of the underlying petgraph. Edges point from the dependent entity to what it refers
/// to: claim to actor, claim to source, later source to earlier source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Edge {
    /// Claim to its subject.
    Subject,
    /// Claim to its qualifier actor.
    Qualifier,
    /// Claim to its object, when the object is an actor or a claim.
    Object,
    /// Claim to its original speaker, with the mode of attribution.
    StatedBy(Mode),
    /// Claim to the source it was read in.
    ReportedIn,
    /// Claim to the source in which it was originally said.
    SaidIn,
    /// Claim to an intermediary (actor or source); `position` 0 is nearest the reporting source.
    RelayedBy {
        /// Order along the relay chain, from the reporting source inwards.
        position: u16,
        /// How the intermediary carried the words.
        mode: Mode,
    },
    /// Later source to the earlier source it derives from.
    Derived(DerivationKind),
    /// Source to the actor who performed a derivation (translator, republisher).
    PerformedBy(DerivationKind),
    /// Source to its outlet.
    Outlet,
    /// Source to an author.
    Author,
    /// Actor to an affiliated actor.
    Affiliation(AffiliationKind),
    /// Actor to the organisation or state one of its roles is in.
    RoleIn,
}

/// The key of a proposition group: claims with equal keys speak of the same subject, predicate
/// and qualifier, so contradiction and corroboration compare them with each other only.
pub type PropositionKey = (ActorId, PredicateId, Option<ActorId>);

/// A typed graph of actors, sources and claims joined by provenance edges.
///
/// Build one with [`load_dir`](crate::load_dir) from RON files or with the `add_*` methods; query
/// it with the methods here, the [`query`](crate::query) functions, or your own algorithms over
/// [`petgraph`](ClaimGraph::petgraph).
///
/// ```
/// use claimgraph::{Actor, ActorKind, ClaimGraph};
/// let mut graph = ClaimGraph::new();
/// let mut tokayev = Actor::new("tokayev", ActorKind::Person, "Kassym-Jomart Tokayev");
/// tokayev.aliases.push("Kasym-Žomart Tokaev".into());
/// let id = graph.add_actor(tokayev)?;
/// assert_eq!(graph.actor_by_name("kasym-zomart tokaev"), Some(id));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct ClaimGraph {
    pub(crate) units: Arena<Unit>,
    pub(crate) predicates: Arena<Predicate>,
    pub(crate) actors: ActorStore,
    pub(crate) sources: SourceStore,
    pub(crate) claims: ClaimStore,
    pub(crate) conflicts: Arena<Conflict>,
    /// Data files entities were loaded from, relative to the data directory.
    pub(crate) files: Vec<String>,
    /// The data set's declared defaults, if it declares any, and the file that declares them.
    pub(crate) defaults: Option<Defaults>,
    pub(crate) defaults_origin: Option<u32>,
    /// The petgraph, built on first use (see [`ClaimGraph::petgraph`]) and then kept in step.
    petgraph: OnceLock<PetgraphView>,
    names: NameIndex,
    /// For each source, the sources that derive from it.
    derived_into: DerivedInto,
    by_subject: ClaimLists,
    by_speaker: ClaimLists,
    by_object_actor: ClaimLists,
    by_source: ClaimLists,
    by_predicate: ClaimLists,
    /// Proposition groups, each a contiguous array of compact facts in claim-id order.
    by_proposition: FactStore,
    /// Counts the edits of the vocabulary (units, predicates), so that what was derived from it
    /// (a `ContradictionIndex`'s exclusion pairs) can tell it is out of date.
    vocabulary_generation: u64,
}

impl PartialEq for ClaimGraph {
    /// Two graphs are equal when they hold the same entities under the same data-file ids, with
    /// the same content; the typed ids they were issued and the files they came from may differ
    /// (a graph saved and loaded again is equal to the original).
    fn eq(&self, other: &Self) -> bool {
        self.units.len() == other.units.len()
            && self.claims.len() == other.claims.len()
            && self.actors.len() == other.actors.len()
            && crate::io::canonical(self) == crate::io::canonical(other)
    }
}

/// The claim count from which [`ClaimGraph::reindex`] builds its parts on several threads.
const PARALLEL_REINDEX_FROM: usize = 50_000;

/// The indexes [`ClaimGraph::entity_indexes`] builds.
struct EntityIndexes {
    names: NameIndex,
    derived_into: DerivedInto,
    by_subject: ClaimLists,
    by_speaker: ClaimLists,
    by_source: ClaimLists,
    by_predicate: ClaimLists,
    by_object_actor: ClaimLists,
}

impl ClaimGraph {
    /// An empty graph.
    pub fn new() -> ClaimGraph {
        ClaimGraph::default()
    }

    // ----- reading entities -------------------------------------------------------------------

    /// The actor with this id: a handle with one accessor per field of [`Actor`].
    pub fn actor(&self, id: ActorId) -> Option<ActorRef<'_>> {
        self.actors.get(id.index())
    }
    /// The source with this id: a handle with one accessor per field of [`Source`].
    pub fn source(&self, id: SourceId) -> Option<SourceRef<'_>> {
        self.sources.get(id.index())
    }
    /// The claim with this id: a handle with one accessor per field of [`Claim`].
    #[inline]
    pub fn claim(&self, id: ClaimId) -> Option<ClaimRef<'_>> {
        self.claims.get(id.index())
    }
    /// The predicate with this id.
    pub fn predicate(&self, id: PredicateId) -> Option<&Predicate> {
        self.predicates.get(id.index())
    }
    /// The data set's defaults: those it declares, else [`Defaults::default`].
    pub fn defaults(&self) -> Defaults {
        self.defaults.unwrap_or_default()
    }
    /// Whether the data set declares its own defaults.
    pub fn declares_defaults(&self) -> bool {
        self.defaults.is_some()
    }
    /// The tolerance applied to the quantities of `predicate`, and where it comes from: the
    /// predicate's own, else the data set's default, else [`Defaults::TOLERANCE`].
    pub fn tolerance_for(&self, predicate: &Predicate) -> (f64, ToleranceOrigin) {
        match (predicate.tolerance, self.defaults) {
            (Some(t), _) => (t, ToleranceOrigin::Predicate),
            (None, Some(d)) => (d.tolerance, ToleranceOrigin::DataSet),
            (None, None) => (Defaults::TOLERANCE, ToleranceOrigin::Crate),
        }
    }
    /// The unit with this id.
    pub fn unit(&self, id: UnitId) -> Option<&Unit> {
        self.units.get(id.index())
    }
    /// The conflict with this id.
    pub fn conflict(&self, id: ConflictId) -> Option<&Conflict> {
        self.conflicts.get(id.index())
    }

    /// The actor whose data-file id is `key`.
    pub fn actor_id(&self, key: &str) -> Option<ActorId> {
        self.actors.index_of(key).map(ActorId::from_index).filter(|&id| self.actor(id).is_some())
    }
    /// The source whose data-file id is `key`.
    pub fn source_id(&self, key: &str) -> Option<SourceId> {
        self.sources.index_of(key).map(SourceId::from_index).filter(|&id| self.source(id).is_some())
    }
    /// The claim whose data-file id is `key`.
    pub fn claim_id(&self, key: &str) -> Option<ClaimId> {
        self.claims.index_of(key).map(ClaimId::from_index).filter(|&id| self.claim(id).is_some())
    }
    /// The predicate whose data-file id is `key`.
    pub fn predicate_id(&self, key: &str) -> Option<PredicateId> {
        self.predicates.index_of(key).map(PredicateId::from_index).filter(|&id| self.predicate(id).is_some())
    }
    /// The unit whose data-file id is `key`.
    pub fn unit_id(&self, key: &str) -> Option<UnitId> {
        self.units.index_of(key).map(UnitId::from_index).filter(|&id| self.unit(id).is_some())
    }

    /// Every actor, in id order.
    pub fn actors(&self) -> impl DoubleEndedIterator<Item = (ActorId, ActorRef<'_>)> + '_ {
        self.actors.iter().map(|a| (a.id(), a))
    }
    /// Every source, in id order.
    pub fn sources(&self) -> impl DoubleEndedIterator<Item = (SourceId, SourceRef<'_>)> + '_ {
        self.sources.iter().map(|s| (s.id(), s))
    }
    /// Every claim, in id order.
    pub fn claims(&self) -> impl DoubleEndedIterator<Item = (ClaimId, ClaimRef<'_>)> + '_ {
        self.claims.iter().map(|c| (c.id(), c))
    }
    /// Every predicate, in id order.
    pub fn predicates(&self) -> impl DoubleEndedIterator<Item = (PredicateId, &Predicate)> + '_ {
        self.predicates.iter().map(|(i, p)| (PredicateId::from_index(i), p))
    }
    /// Every unit, in id order.
    pub fn units(&self) -> impl DoubleEndedIterator<Item = (UnitId, &Unit)> + '_ {
        self.units.iter().map(|(i, u)| (UnitId::from_index(i), u))
    }
    /// Every analyst-recorded conflict, in id order.
    pub fn conflicts(&self) -> impl DoubleEndedIterator<Item = (ConflictId, &Conflict)> + '_ {
        self.conflicts.iter().map(|(i, c)| (ConflictId::from_index(i), c))
    }

    /// Number of actors.
    pub fn actor_count(&self) -> usize {
        self.actors.len()
    }
    /// Number of sources.
    pub fn source_count(&self) -> usize {
        self.sources.len()
    }
    /// Number of claims.
    pub fn claim_count(&self) -> usize {
        self.claims.len()
    }

    // ----- lookups ----------------------------------------------------------------------------

    /// Actors one of whose names (canonical or alias) folds to the same text as `name`: case,
    /// diacritics, hyphens and repeated spaces are ignored ("Kasym-Žomart Tokaev" finds
    /// "kasym zomart tokaev"). O(result).
    pub fn actors_named(&self, name: &str) -> impl Iterator<Item = ActorId> + '_ {
        self.names.get(&fold_name(name))
    }

    /// The one actor named `name` (see [`actors_named`](Self::actors_named)); `None` if no actor
    /// or several actors bear that name.
    pub fn actor_by_name(&self, name: &str) -> Option<ActorId> {
        let mut named = self.names.get(&fold_name(name));
        match (named.next(), named.next()) {
            (Some(one), None) => Some(one),
            _ => None,
        }
    }

    /// Claims whose subject is `actor`, in id order. O(result).
    pub fn claims_about(&self, actor: ActorId) -> &[ClaimId] {
        self.by_subject.get(actor.index())
    }
    /// Claims whose object is `actor`, in id order. O(result).
    pub fn claims_with_object(&self, actor: ActorId) -> &[ClaimId] {
        self.by_object_actor.get(actor.index())
    }
    /// Claims originally said by `actor`, in id order. O(result).
    pub fn claims_by_speaker(&self, actor: ActorId) -> &[ClaimId] {
        self.by_speaker.get(actor.index())
    }
    /// Claims read in `source`, in id order. O(result).
    pub fn claims_in_source(&self, source: SourceId) -> &[ClaimId] {
        self.by_source.get(source.index())
    }
    /// Claims with `predicate`, in id order. O(result).
    pub fn claims_with_predicate(&self, predicate: PredicateId) -> &[ClaimId] {
        self.by_predicate.get(predicate.index())
    }
    /// Claims of one proposition group (same subject, predicate and qualifier), in id order.
    /// O(result).
    pub fn claims_for(&self, key: PropositionKey) -> GroupClaims<'_> {
        GroupClaims(self.facts_for(key).iter())
    }
    /// Every proposition group with its claims, in no particular order.
    pub fn proposition_groups(&self) -> impl Iterator<Item = (PropositionKey, GroupClaims<'_>)> + '_ {
        self.by_proposition.groups().map(|(k, v)| (k, GroupClaims(v.iter())))
    }
    /// The facts of one proposition group.
    pub(crate) fn facts_for(&self, key: PropositionKey) -> &[Fact] {
        self.by_proposition.get(&key)
    }
    /// Every proposition group with its facts, in no particular order.
    pub(crate) fn fact_groups(&self) -> impl Iterator<Item = (PropositionKey, &[Fact])> + '_ {
        self.by_proposition.groups()
    }
    /// The facts of one proposition group, and its summary: whether two of them may conflict by
    /// the rules of the group's predicate ([`GroupRules::may_conflict`]; false only when no
    /// pair does), whether one takes a side and affirms.
    pub(crate) fn facts_summarized(&self, key: PropositionKey) -> (&[Fact], Summary) {
        self.by_proposition.get_summarized(&key)
    }
    /// The proposition groups split into `parts` slices of about equal size, for parallel scans;
    /// each group with its summary (as [`facts_summarized`](Self::facts_summarized) gives it).
    pub(crate) fn fact_group_parts(
        &self,
        parts: usize,
    ) -> impl Iterator<Item = impl Iterator<Item = Group<'_>> + '_> + '_ {
        let n = self.by_proposition.segment_count();
        let parts = parts.max(1);
        (0..parts).map(move |i| self.by_proposition.groups_in(n * i / parts..n * (i + 1) / parts))
    }

    /// Whether the proposition groups lie in the order of their [`layout_rank`](facts::layout_rank)
    /// (as loading and compacting lay them out), so that the parts of
    /// [`fact_group_parts`](Self::fact_group_parts) are ranges of ranks.
    pub(crate) fn fact_groups_sorted(&self) -> bool {
        self.by_proposition.sorted()
    }

    /// Whether the fact store's summary of every group is exact (for tests).
    #[cfg(test)]
    pub(crate) fn fact_summaries_are_exact(&self) -> bool {
        self.by_proposition.summaries_are_exact(|key| {
            let rules = GroupRules::of(self, key.1);
            move |a: &Fact, b: &Fact| rules.may_conflict(a, b)
        })
    }

    /// The proposition key of a claim (of a stored one: [`ClaimRef::proposition_key`]).
    pub fn proposition_key(claim: &Claim) -> PropositionKey {
        (claim.subject, claim.predicate, claim.qualifier)
    }

    /// How many times the vocabulary (units, predicates) was edited since the graph was built.
    pub(crate) fn vocabulary_generation(&self) -> u64 {
        self.vocabulary_generation
    }

    /// Whether the vocabulary declares the two predicates mutually exclusive (on either side).
    pub fn excludes(&self, a: PredicateId, b: PredicateId) -> bool {
        let declares = |x: PredicateId, y: PredicateId| self.predicate(x).is_some_and(|p| p.excludes.contains(&y));
        declares(a, b) || declares(b, a)
    }

    /// The bytes of heap each part of the graph holds, named, for measuring where its memory
    /// goes: the capacities of its arrays and tables (with the slack of their growth), not what
    /// the allocator adds to each allocation. Claims and their indexes come part by part; the
    /// sources, the actors and the vocabulary in one entry each.
    ///
    /// ```
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let parts = graph.memory_parts();
    /// let records = parts.iter().find(|(name, _)| *name == "claim records").unwrap().1;
    /// assert!(records >= graph.claim_count() * 64);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn memory_parts(&self) -> Vec<(&'static str, usize)> {
        let mut out = Vec::new();
        self.claims.memory_parts(&mut out);
        let [facts, groups] = self.by_proposition.heap_bytes();
        out.push(("facts", facts));
        out.push(("proposition groups", groups));
        let lists = [&self.by_subject, &self.by_speaker, &self.by_object_actor, &self.by_source, &self.by_predicate];
        out.push(("claim lists by entity", lists.iter().map(|l| l.heap_bytes()).sum()));
        out.push(("sources", self.sources.heap_bytes()));
        out.push(("derived sources", self.derived_into.heap_bytes()));
        out.push(("actors", self.actors.heap_bytes()));
        out.push(("actor names", self.names.heap_bytes()));
        let vocabulary = self.units.capacity() * std::mem::size_of::<Unit>()
            + self.predicates.capacity() * std::mem::size_of::<Predicate>()
            + self.conflicts.capacity() * std::mem::size_of::<Conflict>();
        out.push(("vocabulary and conflicts", vocabulary));
        out
    }

    /// The sources that derive from `source` (translations, republications, citations of it).
    /// In the order the deriving sources were added. O(result).
    pub fn derived_sources(&self, source: SourceId) -> impl Iterator<Item = (SourceId, DerivationKind)> + '_ {
        self.derived_into.of(source)
    }

    // ----- the petgraph -----------------------------------------------------------------------

    /// The underlying petgraph, read-only, for your own algorithms. Node weights name the entity
    /// by its typed id; see [`Edge`] for the edges. Start from an entity with
    /// [`actor_node`](Self::actor_node), [`source_node`](Self::source_node) or
    /// [`claim_node`](Self::claim_node).
    ///
    /// The graph's own queries do not need the petgraph, and it would be the largest part of a
    /// graph (about a hundred bytes per claim), so it is built on the first call, in time linear
    /// in the size of the graph, and from then on kept up to date by every edit.
    ///
    /// Here, every source whose text reaches the reader of the scraped page of seed 002, with
    /// petgraph's depth-first search over derivation edges only:
    ///
    /// ```
    /// use claimgraph::{Edge, Node};
    /// use petgraph::visit::{Dfs, EdgeFiltered};
    /// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
    /// let derivations = EdgeFiltered::from_fn(graph.petgraph(), |e| matches!(e.weight(), Edge::Derived(_)));
    /// let start = graph.source_node(graph.source_id("s002_page").unwrap()).unwrap();
    /// let mut dfs = Dfs::new(&derivations, start);
    /// let mut behind = Vec::new();
    /// while let Some(n) = dfs.next(&derivations) {
    ///     if let Node::Source(s) = graph.petgraph()[n] {
    ///         behind.push(graph.source(s).unwrap().key());
    ///     }
    /// }
    /// assert!(behind.contains(&"s002_atlantico") && behind.contains(&"s002_tokayev_speech"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn petgraph(&self) -> &StableGraph<Node, Edge> {
        &self.petgraph_view().graph
    }
    /// The petgraph node of an actor (building the petgraph if needed).
    pub fn actor_node(&self, id: ActorId) -> Option<NodeIndex> {
        self.petgraph_view().actor_node(id)
    }
    /// The petgraph node of a source (building the petgraph if needed).
    pub fn source_node(&self, id: SourceId) -> Option<NodeIndex> {
        self.petgraph_view().source_node(id)
    }
    /// The petgraph node of a claim (building the petgraph if needed).
    pub fn claim_node(&self, id: ClaimId) -> Option<NodeIndex> {
        self.petgraph_view().claim_node(id)
    }

    fn petgraph_view(&self) -> &PetgraphView {
        self.petgraph.get_or_init(|| {
            let claims = self.claims.len();
            let nodes = self.actors.len() + self.sources.len() + claims;
            let mut view = PetgraphView::with_capacity(nodes, claims * 5 + self.sources.len() * 3);
            // Every node first, in id order, then the edges.
            for (id, _) in self.actors() {
                view.actor(id);
            }
            for (id, _) in self.sources() {
                view.source(id);
            }
            for (id, _) in self.claims() {
                view.claim(id);
            }
            for (id, a) in self.actors() {
                view.add_actor(id, a);
            }
            for (id, s) in self.sources() {
                view.add_source(id, s);
            }
            for (_, c) in self.claims() {
                view.add_claim(c);
            }
            view
        })
    }

    // ----- validation -------------------------------------------------------------------------

    fn check_actor_ref(&self, id: ActorId, out: &mut Vec<GraphError>) {
        if !self.actors.is_issued(id.index()) {
            out.push(GraphError::DanglingReference { kind: EntityKind::Actor, key: id.to_string() });
        }
    }
    fn check_source_ref(&self, id: SourceId, out: &mut Vec<GraphError>) {
        if !self.sources.is_issued(id.index()) {
            out.push(GraphError::DanglingReference { kind: EntityKind::Source, key: id.to_string() });
        }
    }
    fn check_claim_ref(&self, id: ClaimId, out: &mut Vec<GraphError>) {
        if !self.claims.is_issued(id.index()) {
            out.push(GraphError::DanglingReference { kind: EntityKind::Claim, key: id.to_string() });
        }
    }

    pub(crate) fn unit_problems(unit: &Unit) -> Vec<GraphError> {
        let mut out = Vec::new();
        if !(unit.factor.is_finite() && unit.factor > 0.0) {
            out.push(GraphError::Invalid(format!(
                "unit {:?} needs a positive finite factor, not {}",
                unit.key, unit.factor
            )));
        }
        if unit.dimension.trim().is_empty() {
            out.push(GraphError::Invalid(format!("unit {:?} needs a dimension", unit.key)));
        }
        out
    }

    /// The rules a predicate breaks; `own` is the id it has or will have (a predicate may not
    /// exclude itself: every claim of it would contradict itself).
    pub(crate) fn predicate_problems(&self, p: &Predicate, own: PredicateId) -> Vec<GraphError> {
        let mut out = Vec::new();
        for &q in &p.excludes {
            if q == own {
                out.push(GraphError::Invalid(format!("predicate {:?} excludes itself", p.key)));
            } else if !self.predicates.is_issued(q.index()) {
                out.push(GraphError::UnknownPredicate { key: q.to_string() });
            }
        }
        if p.rebuts && p.object != ObjectType::Claim {
            out.push(GraphError::Invalid(format!("predicate {:?} rebuts claims, so its object must be Claim", p.key)));
        }
        if let Some(t) = p.tolerance
            && !(t.is_finite() && t >= 0.0)
        {
            out.push(GraphError::Invalid(format!("predicate {:?} needs a tolerance of 0 or more, not {t}", p.key)));
        }
        out
    }

    pub(crate) fn actor_problems(&self, a: ActorFields<'_>) -> Vec<GraphError> {
        let mut out = Vec::new();
        if a.name.trim().is_empty() {
            out.push(GraphError::Invalid(format!("actor {:?} needs a name", a.key)));
        }
        for role in a.roles {
            if let Some(of) = role.of {
                self.check_actor_ref(of, &mut out);
            }
        }
        for aff in a.affiliations {
            self.check_actor_ref(aff.target, &mut out);
        }
        if a.longest_text >= u32::MAX as usize {
            out.push(GraphError::Invalid(format!("actor {:?} has a text of 4 GiB or more", a.key)));
        }
        out
    }

    pub(crate) fn source_problems(&self, s: SourceFields<'_>, own: Option<SourceId>) -> Vec<GraphError> {
        let mut out = Vec::new();
        if let Some(o) = s.outlet {
            self.check_actor_ref(o, &mut out);
        }
        for &a in s.authors {
            self.check_actor_ref(a, &mut out);
        }
        for d in s.derived_from {
            self.check_source_ref(d.source, &mut out);
            if let Some(by) = d.by {
                self.check_actor_ref(by, &mut out);
            }
            if own == Some(d.source) && d.kind.carries_text() {
                let kind = if d.kind == DerivationKind::TranslationOf { "translation of" } else { "republication of" };
                out.push(GraphError::SelfDerivation { key: s.key.to_owned(), kind });
            }
        }
        // The source store keeps these counts in 16 bits and text lengths in 32.
        for (what, n) in [("authors", s.authors.len()), ("derivations", s.derived_from.len())] {
            if n > usize::from(u16::MAX) {
                out.push(GraphError::Invalid(format!("source {:?} has more than {} {what}", s.key, u16::MAX)));
            }
        }
        if s.texts.iter().flatten().chain([&s.key]).any(|t| t.len() >= u32::MAX as usize) {
            out.push(GraphError::Invalid(format!("source {:?} has a text of 4 GiB or more", s.key)));
        }
        out
    }

    pub(crate) fn claim_problems(&self, c: ClaimFields<'_>, own: Option<ClaimId>) -> Vec<GraphError> {
        let mut out = Vec::new();
        self.check_actor_ref(c.subject, &mut out);
        self.check_actor_ref(c.said_by, &mut out);
        if let Some(q) = c.qualifier {
            self.check_actor_ref(q, &mut out);
        }
        self.check_source_ref(c.source, &mut out);
        if let Some(s) = c.said_in {
            self.check_source_ref(s, &mut out);
        }
        for r in c.relayed_by {
            if let Some(by) = r.by {
                self.check_actor_ref(by, &mut out);
            }
            if let Some(s) = r.source {
                self.check_source_ref(s, &mut out);
            }
            if r.by.is_none() && r.source.is_none() {
                out.push(GraphError::Invalid("a relay needs an intermediary actor (`by`) or source".to_owned()));
            }
        }
        if c.relayed_by.len() > usize::from(u16::MAX) {
            out.push(GraphError::Invalid(format!("claim {:?} has more than {} relays", c.key, u16::MAX)));
        }
        let object_text = if let ObjectRef::Text(t) = c.object { t.len() } else { 0 };
        let unquoted = c.unquoted.map_or(0, str::len);
        if [c.key.len(), c.quote.len() + unquoted, c.note.map_or(0, str::len), object_text]
            .into_iter()
            .any(|n| n >= u32::MAX as usize)
        {
            out.push(GraphError::Invalid(format!("claim {:?} has a text of 4 GiB or more", c.key)));
        }
        match c.unquoted {
            None if c.quote.trim().is_empty() => out.push(GraphError::Invalid(format!(
                "claim {:?} needs the verbatim quote that carries it, or `unquoted` saying why it has none",
                c.key
            ))),
            Some(_) if !c.quote.is_empty() => out.push(GraphError::Invalid(format!(
                "claim {:?} has a quote and says it is unquoted: give one or the other",
                c.key
            ))),
            Some(reason) if reason.trim().is_empty() => out.push(GraphError::Invalid(format!(
                "claim {:?} is unquoted but does not say why (\"from a table\")",
                c.key
            ))),
            _ => {}
        }
        let found = match c.object {
            ObjectRef::Actor(a) => {
                self.check_actor_ref(a, &mut out);
                ObjectType::Actor
            }
            ObjectRef::Claim(k) => {
                self.check_claim_ref(k, &mut out);
                if own == Some(k) {
                    out.push(GraphError::Invalid(format!("claim {:?} is about itself", c.key)));
                }
                ObjectType::Claim
            }
            ObjectRef::Quantity(q) => {
                if let Some(problem) = q.amount.problem() {
                    out.push(GraphError::Invalid(problem));
                }
                match self.unit(q.unit) {
                    Some(u) => ObjectType::Quantity(u.dimension.clone()),
                    None => {
                        // A unit reserved but not stored already has its own problem reported.
                        if !self.units.is_issued(q.unit.index()) {
                            out.push(GraphError::UnknownUnit { key: q.unit.to_string() });
                        }
                        return out;
                    }
                }
            }
            ObjectRef::Date(_) => ObjectType::Date,
            ObjectRef::Text(_) => ObjectType::Text,
            ObjectRef::Bool(_) => ObjectType::Bool,
        };
        match self.predicate(c.predicate) {
            None if self.predicates.is_issued(c.predicate.index()) => {}
            None => out.push(GraphError::UnknownPredicate { key: c.predicate.to_string() }),
            Some(p) if p.object != found => out.push(GraphError::WrongValueType {
                predicate: p.key.clone(),
                expected: p.object.describe(),
                found: found.describe(),
            }),
            Some(_) => {}
        }
        out
    }

    pub(crate) fn conflict_problems(&self, k: &Conflict) -> Vec<GraphError> {
        let mut out = Vec::new();
        for &c in &k.claims {
            self.check_claim_ref(c, &mut out);
        }
        let mut distinct = HashSet::with_capacity(k.claims.len());
        for &c in &k.claims {
            if !distinct.insert(c) {
                let claim = self.claim(c).map_or_else(|| c.to_string(), |c| c.key().to_owned());
                out.push(GraphError::Invalid(format!("conflict {:?} lists claim {claim:?} twice", k.key)));
            }
        }
        if distinct.len() < 2 {
            out.push(GraphError::Invalid(format!("conflict {:?} needs at least two different claims", k.key)));
        }
        out
    }

    // ----- editing ----------------------------------------------------------------------------

    /// `Err` if `time` could not be written in a data file (an interval that ends before it
    /// starts, which `TimeSpec`'s public variants can build): what is added must load again.
    fn check_time(field: &'static str, time: crate::TimeSpec) -> Result<(), GraphError> {
        time.to_string().parse::<crate::TimeSpec>().map(drop).map_err(|error| GraphError::Date { field, error })
    }

    fn first(problems: Vec<GraphError>) -> Result<(), GraphError> {
        problems.into_iter().next().map_or(Ok(()), Err)
    }

    /// Declares the data set's defaults (`None` to declare none, so that the built-in ones apply).
    /// Fails on a tolerance that is negative or not finite.
    ///
    /// Contradictions and corroborations read the tolerance when they run; a
    /// [`ContradictionIndex`](crate::query::ContradictionIndex) kept across this edit must be
    /// rebuilt.
    pub fn set_defaults(&mut self, defaults: Option<Defaults>) -> Result<(), GraphError> {
        if let Some(d) = defaults {
            Self::first(Self::defaults_problems(&d))?;
        }
        let before = self.defaults.map(|d| d.tolerance);
        self.defaults = defaults;
        // Groups whose predicate takes its tolerance from the defaults compare quantities anew.
        if self.defaults.map(|d| d.tolerance).map(f64::to_bits) != before.map(f64::to_bits) {
            let graph = &*self;
            let relations: Vec<Option<GroupRules>> = (0..graph.predicates.capacity())
                .map(|p| {
                    let id = PredicateId::from_index(p);
                    graph.predicate(id).filter(|p| p.tolerance.is_none()).map(|_| GroupRules::of(graph, id))
                })
                .collect();
            self.by_proposition.recount(|key| {
                let rules = relations.get(key.1.index()).copied().flatten()?;
                Some(move |a: &Fact, b: &Fact| rules.may_conflict(a, b))
            });
        }
        Ok(())
    }

    pub(crate) fn defaults_problems(d: &Defaults) -> Vec<GraphError> {
        if d.tolerance.is_finite() && d.tolerance >= 0.0 {
            Vec::new()
        } else {
            vec![GraphError::Invalid(format!("the default tolerance must be 0 or more, not {}", d.tolerance))]
        }
    }

    /// Adds a unit. Fails on a duplicate key or a non-positive factor.
    pub fn add_unit(&mut self, unit: Unit) -> Result<UnitId, GraphError> {
        Self::first(Self::unit_problems(&unit))?;
        let i = self
            .units
            .reserve(&unit.key, None)
            .map_err(|_| GraphError::DuplicateKey { kind: EntityKind::Unit, key: unit.key.clone() })?;
        self.units.fill(i, unit);
        self.vocabulary_generation += 1;
        Ok(UnitId::from_index(i))
    }

    /// Adds a predicate. Fails on a duplicate key, an unknown excluded predicate, or a predicate
    /// that excludes itself (its own id is the one this call would issue).
    pub fn add_predicate(&mut self, predicate: Predicate) -> Result<PredicateId, GraphError> {
        // The id it gets if it is accepted: ids are dense and never reused.
        let own = PredicateId::from_index(self.predicates.capacity());
        Self::first(self.predicate_problems(&predicate, own))?;
        let i = self
            .predicates
            .reserve(&predicate.key, None)
            .map_err(|_| GraphError::DuplicateKey { kind: EntityKind::Predicate, key: predicate.key.clone() })?;
        self.predicates.fill(i, predicate);
        self.vocabulary_generation += 1;
        Ok(PredicateId::from_index(i))
    }

    /// Adds an actor. Fails on a duplicate key or a reference to an actor not in the graph.
    pub fn add_actor(&mut self, actor: Actor) -> Result<ActorId, GraphError> {
        Self::first(self.actor_problems((&actor).into()))?;
        let during = actor.roles.iter().map(|r| r.during).chain(actor.affiliations.iter().map(|a| a.during));
        during.flatten().try_for_each(|t| Self::check_time("during", t))?;
        let i = self
            .actors
            .reserve(&actor.key, None)
            .map_err(|_| GraphError::DuplicateKey { kind: EntityKind::Actor, key: actor.key.clone() })?;
        self.actors.fill(i, actor);
        let id = ActorId::from_index(i);
        self.index_actor(id);
        Ok(id)
    }

    /// Adds a source. Fails on a duplicate key or a dangling reference.
    pub fn add_source(&mut self, source: Source) -> Result<SourceId, GraphError> {
        Self::first(self.source_problems((&source).into(), None))?;
        source.published.map_or(Ok(()), |t| Self::check_time("published", t))?;
        let i = self
            .sources
            .reserve(&source.key, None)
            .map_err(|_| GraphError::DuplicateKey { kind: EntityKind::Source, key: source.key.clone() })?;
        self.sources.fill(i, source);
        let id = SourceId::from_index(i);
        self.index_source(id);
        Ok(id)
    }

    /// Adds a claim. Fails on a duplicate key, a dangling reference, an unknown predicate or
    /// unit, or an object of the wrong type for its predicate.
    pub fn add_claim(&mut self, claim: Claim) -> Result<ClaimId, GraphError> {
        Self::first(self.claim_problems((&claim).into(), None))?;
        let object = if let crate::Value::Date(t) = claim.object { Some(t) } else { None };
        for (field, time) in [("about", claim.about), ("said", claim.said), ("object", object)] {
            time.map_or(Ok(()), |t| Self::check_time(field, t))?;
        }
        let i = self
            .claims
            .reserve(&claim.key, None)
            .map_err(|_| GraphError::DuplicateKey { kind: EntityKind::Claim, key: claim.key.clone() })?;
        self.claims.fill(i, claim);
        let id = ClaimId::from_index(i);
        self.index_claim(id);
        Ok(id)
    }

    /// Records a conflict between claims. Fails on a duplicate key, unknown claims, a claim listed
    /// twice, or fewer than two different claims.
    pub fn add_conflict(&mut self, conflict: Conflict) -> Result<ConflictId, GraphError> {
        Self::first(self.conflict_problems(&conflict))?;
        let i = self
            .conflicts
            .reserve(&conflict.key, None)
            .map_err(|_| GraphError::DuplicateKey { kind: EntityKind::Conflict, key: conflict.key.clone() })?;
        self.conflicts.fill(i, conflict);
        Ok(ConflictId::from_index(i))
    }

    /// Removes a claim and returns it. Other ids stay valid; the id is never reused. Fails if
    /// another claim or a conflict refers to it (finding out reads every claim: O(claims)).
    pub fn remove_claim(&mut self, id: ClaimId) -> Result<Claim, GraphError> {
        let Some(claim) = self.claim(id) else {
            return Err(GraphError::DanglingReference { kind: EntityKind::Claim, key: id.to_string() });
        };
        let referring =
            self.claims().find(|(_, c)| c.object_ref() == ObjectRef::Claim(id)).map(|(_, c)| c.key().to_owned());
        let referring =
            referring.or_else(|| self.conflicts().find(|(_, k)| k.claims.contains(&id)).map(|(_, k)| k.key.clone()));
        if let Some(other) = referring {
            return Err(GraphError::Invalid(format!("claim {:?} is still referred to by {other:?}", claim.key())));
        }
        self.unindex_claim(id);
        let claim = self.claims.remove(id.index()).expect("claim is live");
        // The texts and relays removed claims leave behind are reclaimed once they are half the store.
        self.claims.compact(false);
        Ok(claim)
    }

    /// Removes an actor that no claim, source or other actor refers to. Finding out reads every
    /// claim, source and actor: O(size of the graph).
    pub fn remove_actor(&mut self, id: ActorId) -> Result<Actor, GraphError> {
        let Some(actor) = self.actor(id) else {
            return Err(GraphError::DanglingReference { kind: EntityKind::Actor, key: id.to_string() });
        };
        if let Some(other) = self.referrer_of_actor(id) {
            return Err(GraphError::Invalid(format!("actor {:?} is still referred to by {other}", actor.key())));
        }
        let folded: Vec<String> = actor.names().map(fold_name).collect();
        for name in folded {
            self.names.remove(&name, id);
        }
        if let Some(view) = self.petgraph.get_mut() {
            view.remove_actor(id);
        }
        let actor = self.actors.remove(id.index()).expect("actor is live");
        self.actors.compact(false);
        Ok(actor)
    }

    /// Some entity that refers to the actor, named for an error message.
    fn referrer_of_actor(&self, id: ActorId) -> Option<String> {
        let claim = |c: ClaimId| self.claim(c).map(|c| format!("claim {:?}", c.key()));
        let listed = [self.claims_about(id), self.claims_by_speaker(id), self.claims_with_object(id)];
        if let Some(&c) = listed.iter().find_map(|l| l.first()) {
            return claim(c);
        }
        let named = |c: &ClaimRef<'_>| c.qualifier() == Some(id) || c.relayed_by().iter().any(|r| r.by == Some(id));
        if let Some((_, c)) = self.claims().find(|(_, c)| named(c)) {
            return Some(format!("claim {:?}", c.key()));
        }
        let in_source = |s: &SourceRef<'_>| {
            s.outlet() == Some(id) || s.authors().contains(&id) || s.derived_from().iter().any(|d| d.by == Some(id))
        };
        if let Some((_, s)) = self.sources().find(|(_, s)| in_source(s)) {
            return Some(format!("source {:?}", s.key()));
        }
        let in_actor = |a: &ActorRef<'_>| {
            a.affiliations().iter().any(|x| x.target == id) || a.roles().iter().any(|r| r.of == Some(id))
        };
        self.actors().find(|(other, a)| *other != id && in_actor(a)).map(|(_, a)| format!("actor {:?}", a.key()))
    }

    // ----- indexes ----------------------------------------------------------------------------

    fn index_actor(&mut self, id: ActorId) {
        let actor = self.actors.get(id.index()).expect("live actor");
        for name in actor.names().map(fold_name) {
            self.names.add(&name, id);
        }
        if let Some(view) = self.petgraph.get_mut() {
            view.add_actor(id, actor);
        }
    }

    fn index_source(&mut self, id: SourceId) {
        let source = self.sources.get(id.index()).expect("live source");
        self.derived_into.add(source);
        if let Some(view) = self.petgraph.get_mut() {
            view.add_source(id, source);
        }
    }

    /// Indexes a claim just added.
    fn index_claim(&mut self, id: ClaimId) {
        let claim = self.claims.get(id.index()).expect("live claim");
        self.by_subject.push(claim.subject().index(), id);
        self.by_speaker.push(claim.said_by().index(), id);
        self.by_source.push(claim.source().index(), id);
        self.by_predicate.push(claim.predicate().index(), id);
        if let ObjectRef::Actor(a) = claim.object_ref() {
            self.by_object_actor.push(a.index(), id);
        }
        let fact = facts::fact_of(&self.units, claim);
        let rules = GroupRules::of(self, claim.predicate());
        self.by_proposition.insert(claim.proposition_key(), fact, |a, b| rules.may_conflict(a, b));
        if let Some(view) = self.petgraph.get_mut() {
            view.add_claim(claim);
        }
    }

    /// The first claim (in id order) that breaks a rule of
    /// [`claim_problems`](Self::claim_problems), with its first problem: what calling it for
    /// every claim finds, in a fraction of the time. Which actors and sources are issued, and
    /// the object type each predicate takes, are looked up once into tables; a claim passes when
    /// every rule holds on them, and any other claim is checked in full.
    pub(crate) fn first_claim_problem(&self) -> Option<(ClaimId, GraphError)> {
        let actors: Vec<bool> = (0..self.actors.capacity()).map(|i| self.actors.is_issued(i)).collect();
        let sources: Vec<bool> = (0..self.sources.capacity()).map(|i| self.sources.is_issued(i)).collect();
        let actor = |a: ActorId| actors.get(a.index()).copied().unwrap_or(false);
        let source = |s: SourceId| sources.get(s.index()).copied().unwrap_or(false);
        let objects: Vec<Option<&ObjectType>> = (0..self.predicates.capacity())
            .map(|i| self.predicate(PredicateId::from_index(i)).map(|p| &p.object))
            .collect();
        let long = |n: usize| n >= u32::MAX as usize;
        let passes = |id: ClaimId, c: &ClaimRef<'_>| -> bool {
            let Some(Some(expected)) = objects.get(c.predicate().index()) else { return false };
            let object_fits = match c.object_ref() {
                ObjectRef::Actor(a) => actor(a) && **expected == ObjectType::Actor,
                ObjectRef::Claim(k) => k != id && self.claims.is_issued(k.index()) && **expected == ObjectType::Claim,
                ObjectRef::Quantity(q) => {
                    q.amount.problem().is_none()
                        && matches!((self.unit(q.unit), expected), (Some(u), ObjectType::Quantity(d)) if u.dimension == *d)
                }
                ObjectRef::Date(_) => **expected == ObjectType::Date,
                ObjectRef::Text(t) => !long(t.len()) && **expected == ObjectType::Text,
                ObjectRef::Bool(_) => **expected == ObjectType::Bool,
            };
            let quoted = match c.unquoted() {
                None => !c.quote().trim().is_empty(),
                Some(reason) => c.quote().is_empty() && !reason.trim().is_empty() && !long(reason.len()),
            };
            let relays = c.relayed_by();
            object_fits
                && quoted
                && actor(c.subject())
                && actor(c.said_by())
                && c.qualifier().is_none_or(actor)
                && source(c.source())
                && c.said_in().is_none_or(source)
                && relays.len() <= usize::from(u16::MAX)
                && relays.iter().all(|r| {
                    (r.by.is_some() || r.source.is_some()) && r.by.is_none_or(actor) && r.source.is_none_or(source)
                })
                && !long(c.key().len())
                && !long(c.quote().len())
                && c.note().is_none_or(|n| !long(n.len()))
        };
        self.claims().find_map(|(id, c)| {
            if passes(id, &c) {
                return None;
            }
            self.claim_problems(c.into(), Some(id)).into_iter().next().map(|e| (id, e))
        })
    }

    fn unindex_claim(&mut self, id: ClaimId) {
        let claim = self.claims.get(id.index()).expect("live claim");
        self.by_subject.remove(claim.subject().index(), id);
        self.by_speaker.remove(claim.said_by().index(), id);
        self.by_source.remove(claim.source().index(), id);
        self.by_predicate.remove(claim.predicate().index(), id);
        if let ObjectRef::Actor(a) = claim.object_ref() {
            self.by_object_actor.remove(a.index(), id);
        }
        let rules = GroupRules::of(self, claim.predicate());
        self.by_proposition.remove(claim.proposition_key(), id, |a, b| rules.may_conflict(a, b));
        if let Some(view) = self.petgraph.get_mut() {
            view.remove_claim(id);
        }
    }

    /// Builds every index from the stored entities (after a load).
    pub(crate) fn reindex(&mut self) {
        self.reindex_checked(|_| Ok::<(), std::convert::Infallible>(())).unwrap_or_else(|never| match never {});
    }

    /// Runs `check` on the stored entities while building every index from them, and keeps the
    /// indexes only if the check passes. From [`PARALLEL_REINDEX_FROM`] claims, the check, the
    /// per-entity indexes and the fact store are built on separate threads.
    pub(crate) fn reindex_checked<E: Send>(
        &mut self,
        check: impl FnOnce(&ClaimGraph) -> Result<(), E> + Send,
    ) -> Result<(), E> {
        self.petgraph = OnceLock::new();
        self.claims.compact(false);
        self.sources.compact(false);
        // A load writes every actor's key twice (reserved, then beside its other texts); actors
        // are few, so their store is always rewritten without the first copies.
        self.actors.compact(true);
        let this = &*self;
        let (indexes, facts) = if this.claims.len() < PARALLEL_REINDEX_FROM {
            check(this)?;
            (this.entity_indexes(), this.fact_store())
        } else {
            let (indexes, facts, checked) = std::thread::scope(|s| {
                let facts = s.spawn(|| this.fact_store());
                let indexes = s.spawn(|| this.entity_indexes());
                let checked = check(this);
                let join = "an index-building thread panicked";
                (indexes.join().expect(join), facts.join().expect(join), checked)
            });
            checked?;
            (indexes, facts)
        };
        self.by_proposition = facts;
        let EntityIndexes { names, derived_into, by_subject, by_speaker, by_source, by_predicate, by_object_actor } =
            indexes;
        (self.names, self.derived_into) = (names, derived_into);
        (self.by_subject, self.by_speaker, self.by_source) = (by_subject, by_speaker, by_source);
        (self.by_predicate, self.by_object_actor) = (by_predicate, by_object_actor);
        Ok(())
    }

    /// The fact store of the stored claims.
    fn fact_store(&self) -> FactStore {
        let maker = facts::FactMaker::new(&self.units, self.claims.times());
        let claims = || self.claims.iter().map(|c| (c, c.proposition_key()));
        FactStore::build(
            self.actors.capacity(),
            claims,
            |c| maker.fact(c),
            |key| {
                let rules = GroupRules::of(self, key.1);
                move |a: &Fact, b: &Fact| rules.may_conflict(a, b)
            },
        )
    }

    /// The name index, the derivation index and the per-entity claim lists of the stored
    /// entities; each list allocated at its final size.
    fn entity_indexes(&self) -> EntityIndexes {
        let (count, bytes) =
            self.actors().flat_map(|(_, a)| a.names()).fold((0, 0), |(n, b), name| (n + 1, b + name.len()));
        let mut names = NameIndex::with_capacity(count, bytes);
        for (id, actor) in self.actors() {
            for name in actor.names().map(fold_name) {
                names.add(&name, id);
            }
        }
        let derived_into = DerivedInto::build(&self.sources);
        let (actors, sources, predicates) =
            (self.actors.capacity(), self.sources.capacity(), self.predicates.capacity());
        // With room for the total each list build appends (see `ClaimLists::counted`).
        let zeros = |n: usize| {
            let mut counts = Vec::with_capacity(n + 1);
            counts.resize(n, 0u32);
            counts
        };
        let mut counts = [zeros(actors), zeros(actors), zeros(sources), zeros(predicates), zeros(actors)];
        // The checks of a snapshot run beside this, so an id may name nothing yet: such a
        // claim is skipped (the checks then refuse the graph) instead of indexing out of bounds.
        let count = |v: &mut [u32], i: usize| {
            if let Some(n) = v.get_mut(i) {
                *n += 1;
            }
        };
        for (_, c) in self.claims() {
            count(&mut counts[0], c.subject().index());
            count(&mut counts[1], c.said_by().index());
            count(&mut counts[2], c.source().index());
            count(&mut counts[3], c.predicate().index());
            if let Some(a) = c.object_actor() {
                count(&mut counts[4], a.index());
            }
        }
        let [mut subjects, mut speakers, mut sources, mut predicates, mut objects] = counts.map(ClaimLists::counted);
        for (id, c) in self.claims().rev() {
            subjects.push(c.subject().index(), id);
            speakers.push(c.said_by().index(), id);
            sources.push(c.source().index(), id);
            predicates.push(c.predicate().index(), id);
            if let Some(a) = c.object_actor() {
                objects.push(a.index(), id);
            }
        }
        EntityIndexes {
            names,
            derived_into,
            by_subject: subjects.finish(),
            by_speaker: speakers.finish(),
            by_source: sources.finish(),
            by_predicate: predicates.finish(),
            by_object_actor: objects.finish(),
        }
    }

    /// Lays the proposition groups out back to back in memory, for the fastest scans, and
    /// rewrites the texts of claims, sources and actors without what removed ones left behind,
    /// giving their spare room back; worth calling after many edits (the graph also compacts
    /// itself when edits leave it half empty).
    pub fn compact(&mut self) {
        self.by_proposition.compact(true);
        for lists in [
            &mut self.by_subject,
            &mut self.by_speaker,
            &mut self.by_object_actor,
            &mut self.by_source,
            &mut self.by_predicate,
        ] {
            lists.compact(true);
        }
        self.claims.compact(true);
        self.sources.compact(true);
        self.actors.compact(true);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Polarity, Stance, Value};

    /// A snapshot is checked while its indexes are built: a claim naming entities that do not
    /// exist must make the checks fail, not the index building panic.
    #[test]
    fn indexes_of_unchecked_claims_never_panic() {
        let mut g = ClaimGraph::new();
        let i = g.claims.reserve("stray", None).unwrap();
        g.claims.fill(
            i,
            Claim {
                key: "stray".into(),
                subject: ActorId(999),
                predicate: PredicateId(7),
                qualifier: None,
                object: Value::Actor(ActorId(1000)),
                polarity: Polarity::Affirmed,
                stance: Stance::Own,
                modality: Modality::Asserted,
                about: None,
                said: None,
                said_by: ActorId(998),
                mode: Mode::Authorial,
                relayed_by: Vec::new(),
                said_in: None,
                source: SourceId(5),
                quote: "q".into(),
                unquoted: None,
                note: None,
            },
        );
        let indexes = g.entity_indexes();
        assert!(indexes.by_subject.is_empty() && indexes.by_source.is_empty());
        let facts = g.fact_store();
        assert_eq!(facts.groups().count(), 1);
        let checked = g.reindex_checked(|g| {
            let (_, c) = g.claims().next().expect("one claim");
            match g.claim_problems(c.into(), Some(c.id())).into_iter().next() {
                Some(e) => Err(e),
                None => Ok(()),
            }
        });
        assert!(matches!(checked, Err(GraphError::DanglingReference { .. })));
    }
}
