//! Lookups: a composable filter over claims, who said what about whom, and timelines.

use crate::ClaimRef;
use std::iter::FusedIterator;

use super::view::ClaimView;
use crate::graph::ObjectRef;
use crate::model::{Modality, Polarity};
use crate::{ActorId, ClaimGraph, ClaimId, PredicateId, SourceId, TimeSpec};

/// A composable filter over claims: set the conditions you need, then [`iter`](Self::iter).
///
/// The filter starts from the smallest index among the conditions set (speaker, subject,
/// object, source, predicate), so a selective condition makes the whole query O(result).
///
/// ```
/// use claimgraph::query::ClaimFilter;
/// use claimgraph::Polarity;
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let medvedev = graph.actor_by_name("Dmitrij Medvedev").unwrap();
/// let kazakhstan = graph.actor_id("kazakhstan").unwrap();
/// let said = ClaimFilter::new().speaker(medvedev).mentions(kazakhstan).polarity(Polarity::Affirmed);
/// for claim in said.iter(&graph) {
///     assert_eq!(claim.said_by(), medvedev);
/// }
/// assert!(said.iter(&graph).count() > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ClaimFilter {
    subject: Option<ActorId>,
    object: Option<ActorId>,
    mentions: Option<ActorId>,
    speaker: Option<ActorId>,
    relayed_by: Option<ActorId>,
    source: Option<SourceId>,
    predicate: Option<PredicateId>,
    polarity: Option<Polarity>,
    modality: Option<Modality>,
    window: Option<TimeSpec>,
}

impl ClaimFilter {
    /// A filter that lets every claim through.
    pub fn new() -> ClaimFilter {
        ClaimFilter::default()
    }
    /// Claims whose subject is `actor`.
    pub fn subject(mut self, actor: ActorId) -> Self {
        self.subject = Some(actor);
        self
    }
    /// Claims whose object is `actor`.
    pub fn object(mut self, actor: ActorId) -> Self {
        self.object = Some(actor);
        self
    }
    /// Claims that name `actor` as subject, qualifier or object.
    pub fn mentions(mut self, actor: ActorId) -> Self {
        self.mentions = Some(actor);
        self
    }
    /// Claims originally said by `actor`.
    pub fn speaker(mut self, actor: ActorId) -> Self {
        self.speaker = Some(actor);
        self
    }
    /// Claims `actor` relayed as an intermediary.
    pub fn relayed_by(mut self, actor: ActorId) -> Self {
        self.relayed_by = Some(actor);
        self
    }
    /// Claims read in `source`.
    pub fn source(mut self, source: SourceId) -> Self {
        self.source = Some(source);
        self
    }
    /// Claims with `predicate`.
    pub fn predicate(mut self, predicate: PredicateId) -> Self {
        self.predicate = Some(predicate);
        self
    }
    /// Claims of this polarity.
    pub fn polarity(mut self, polarity: Polarity) -> Self {
        self.polarity = Some(polarity);
        self
    }
    /// Claims of this modality.
    pub fn modality(mut self, modality: Modality) -> Self {
        self.modality = Some(modality);
        self
    }
    /// Claims about a time that overlaps `window` (claims without a time scope are left out).
    pub fn during(mut self, window: TimeSpec) -> Self {
        self.window = Some(window);
        self
    }

    /// Whether `claim` passes every condition.
    pub fn matches(&self, claim: ClaimRef<'_>) -> bool {
        let mentions = |a: ActorId| {
            claim.subject() == a || claim.qualifier() == Some(a) || claim.object_ref() == ObjectRef::Actor(a)
        };
        self.subject.is_none_or(|a| claim.subject() == a)
            && self.object.is_none_or(|a| claim.object_ref() == ObjectRef::Actor(a))
            && self.mentions.is_none_or(mentions)
            && self.speaker.is_none_or(|a| claim.said_by() == a)
            && self.relayed_by.is_none_or(|a| claim.relayed_by().iter().any(|r| r.by == Some(a)))
            && self.source.is_none_or(|s| claim.source() == s)
            && self.predicate.is_none_or(|p| claim.predicate() == p)
            && self.polarity.is_none_or(|p| claim.polarity() == p)
            && self.modality.is_none_or(|m| claim.modality() == m)
            && self.window.is_none_or(|w| claim.about().is_some_and(|t| t.overlaps(&w)))
    }

    /// The claims that pass, in id order.
    pub fn iter<'g>(&self, graph: &'g ClaimGraph) -> Claims<'g> {
        let candidates = [
            self.speaker.map(|a| graph.claims_by_speaker(a)),
            self.subject.map(|a| graph.claims_about(a)),
            self.object.map(|a| graph.claims_with_object(a)),
            self.source.map(|s| graph.claims_in_source(s)),
            self.predicate.map(|p| graph.claims_with_predicate(p)),
        ];
        let smallest = candidates.into_iter().flatten().min_by_key(|list| list.len());
        let candidates = match smallest {
            Some(list) => Candidates::Listed(list.iter()),
            None => Candidates::All(0..graph.claims.capacity()),
        };
        Claims { graph, filter: self.clone(), candidates }
    }
}

#[derive(Clone, Debug)]
enum Candidates<'g> {
    Listed(std::slice::Iter<'g, ClaimId>),
    All(std::ops::Range<usize>),
}

/// The claims passing a [`ClaimFilter`], created by [`ClaimFilter::iter`]; yields
/// [`ClaimView`]s in id order.
#[derive(Clone, Debug)]
pub struct Claims<'g> {
    graph: &'g ClaimGraph,
    filter: ClaimFilter,
    candidates: Candidates<'g>,
}

impl<'g> Iterator for Claims<'g> {
    type Item = ClaimView<'g>;

    fn next(&mut self) -> Option<ClaimView<'g>> {
        loop {
            let id = match &mut self.candidates {
                Candidates::Listed(it) => *it.next()?,
                Candidates::All(range) => ClaimId::from_index(range.next()?),
            };
            if let Some(c) = self.graph.view_claim(id)
                && self.filter.matches(c.claim())
            {
                return Some(c);
            }
        }
    }
}

impl FusedIterator for Claims<'_> {}

/// Who said what about `actor`: every claim with the actor as subject or object, as
/// `(speaker, claim)`, sorted by speaker then claim. O(result log result).
pub fn who_said_about(graph: &ClaimGraph, actor: ActorId) -> Vec<(ActorId, ClaimId)> {
    let mut out: Vec<(ActorId, ClaimId)> = graph
        .claims_about(actor)
        .iter()
        .chain(graph.claims_with_object(actor))
        .filter_map(|&id| graph.claim(id).map(|c| (c.said_by(), id)))
        .collect();
    out.sort();
    out.dedup();
    out
}

/// An actor's timeline: the claims about the actor (as subject or object) or said by it that
/// have a time scope, ordered by the start of that scope, then by claim id.
pub fn timeline(graph: &ClaimGraph, actor: ActorId) -> Vec<ClaimId> {
    let mut out: Vec<(i64, ClaimId)> = graph
        .claims_about(actor)
        .iter()
        .chain(graph.claims_with_object(actor))
        .chain(graph.claims_by_speaker(actor))
        .filter_map(|&id| graph.claim(id).and_then(|c| c.about()).map(|t| (t.bounds().0, id)))
        .collect();
    out.sort();
    out.dedup();
    out.into_iter().map(|(_, id)| id).collect()
}
