//! Attribution chains: from the source a claim was read in back to its original speaker and the
//! earliest source, every hop typed.

use crate::ClaimRef;
use std::fmt::Write as _;

use crate::model::{DerivationKind, Modality, Mode};
use crate::{ActorId, ClaimGraph, ClaimId, SourceId};

/// The kind of one hop of an [`AttributionChain`], read from the reader's side back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HopKind {
    /// The source republishes the next one (`by` is the republisher).
    RepublishedFrom,
    /// The source translates the next one (`by` is the translator).
    TranslatedFrom,
    /// The source quotes or cites the next one.
    Cites,
    /// The source publishes or reports the next one, an interview, speech or broadcast.
    PublishesInterview,
    /// The next source is where the words were said, but no derivation link in the data joins
    /// it to the previous source: a gap the analyst may want to fill.
    Unlinked,
    /// An intermediary relayed the words (`mode` says how).
    RelayedBy,
    /// The original speaker (`mode` says how the words are attributed: quoted, paraphrased,
    /// attributed with a hedge).
    StatedBy,
    /// The claim is a remark the intermediary inserted at this point (a translator's note): it
    /// is the intermediary's own claim, and the chain ends here.
    InsertedBy,
}

impl HopKind {
    /// A short label for display and JSON (`republished from`, `stated by`...).
    pub fn label(self) -> &'static str {
        match self {
            HopKind::RepublishedFrom => "republished from",
            HopKind::TranslatedFrom => "translated from",
            HopKind::Cites => "cites",
            HopKind::PublishesInterview => "publishes interview",
            HopKind::Unlinked => "said in (no recorded link)",
            HopKind::RelayedBy => "relayed by",
            HopKind::StatedBy => "stated by",
            HopKind::InsertedBy => "inserted by",
        }
    }

    fn of_derivation(kind: DerivationKind) -> HopKind {
        match kind {
            DerivationKind::RepublicationOf => HopKind::RepublishedFrom,
            DerivationKind::TranslationOf => HopKind::TranslatedFrom,
            DerivationKind::Cites => HopKind::Cites,
            DerivationKind::PublishesInterview => HopKind::PublishesInterview,
        }
    }
}

/// What a hop leads to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Link {
    /// A source.
    Source(SourceId),
    /// An actor.
    Actor(ActorId),
}

/// One hop of an [`AttributionChain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Hop {
    /// What kind of hop.
    pub kind: HopKind,
    /// Where it leads.
    pub to: Link,
    /// Who performed it (translator, republisher), when known.
    pub by: Option<ActorId>,
    /// How the words were carried, for relays and the speaker.
    pub mode: Option<Mode>,
}

impl Hop {
    /// Whether the hop weakens the attribution with a hedge.
    pub fn is_hedged(&self) -> bool {
        self.mode.is_some_and(Mode::is_hedge)
    }
}

/// The path of a claim from the source it was read in back to its origin, from
/// [`attribution_chains`].
#[derive(Clone, Debug, PartialEq)]
pub struct AttributionChain {
    /// The claim.
    pub claim: ClaimId,
    /// The source the claim was read in, where the chain starts.
    pub start: SourceId,
    /// The hops, from the reading source back to the speaker.
    pub hops: Vec<Hop>,
    /// Who the words belong to: the original speaker, or the intermediary who inserted them.
    pub speaker: ActorId,
    /// The earliest source the chain reaches.
    pub earliest_source: SourceId,
    /// Whether any hop, or the claim itself, is hedged.
    pub hedged: bool,
    /// The claim's modality, carried along the chain.
    pub modality: Modality,
    /// Whether the claim is an intermediary's insertion rather than relayed words.
    pub inserted: bool,
    /// A derivation cycle met on this path, if any (the walk stopped where it closed).
    pub cycle: Option<Vec<SourceId>>,
}

impl AttributionChain {
    /// Number of hops.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    /// Whether the chain has no hops (never the case for a chain from [`attribution_chains`],
    /// which always ends at the speaker).
    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }

    /// The chain in one line: `start ⇐ hop ⇐ hop ...`.
    pub fn render(&self, graph: &ClaimGraph) -> String {
        let source = |s: SourceId| graph.source(s).map_or_else(|| s.to_string(), |s| s.key().to_owned());
        let actor = |a: ActorId| graph.actor(a).map_or_else(|| a.to_string(), |a| a.name().to_owned());
        let mut out = source(self.start);
        for hop in &self.hops {
            let to = match hop.to {
                Link::Source(s) => source(s),
                Link::Actor(a) => actor(a),
            };
            let _ = write!(out, " ⇐ {} {to}", hop.kind.label());
            if let Some(by) = hop.by {
                let _ = write!(out, " (by {})", actor(by));
            }
            if let Some(mode) = hop.mode {
                let _ = write!(out, " [{mode:?}]");
            }
        }
        if let Some(cycle) = &self.cycle {
            let keys: Vec<String> = cycle.iter().map(|&s| source(s)).collect();
            let _ = write!(out, " (cycle: {})", keys.join(" → "));
        }
        out
    }
}

/// A walk along source derivations: the hops so far, the source reached, a cycle if met.
#[derive(Clone)]
struct Walk {
    hops: Vec<Hop>,
    last: SourceId,
    cycle: Option<Vec<SourceId>>,
}

impl Walk {
    fn last(&self) -> SourceId {
        self.last
    }

    /// Takes the hop to `d`'s source; records a cycle instead of moving on if the walk has been
    /// there already. Returns whether the walk may go on.
    fn step(&mut self, start: SourceId, d: &crate::Derivation) -> bool {
        let seen = d.source == start || self.hops.iter().any(|h| h.to == Link::Source(d.source));
        if seen {
            let path = straight_path(start, &self.hops);
            let i = path.iter().position(|&s| s == d.source).expect("the repeated source is on the path");
            let mut cycle = path[i..].to_vec();
            cycle.push(d.source);
            self.cycle = Some(cycle);
        }
        self.hops.push(Hop { kind: HopKind::of_derivation(d.kind), to: Link::Source(d.source), by: d.by, mode: None });
        if !seen {
            self.last = d.source;
        }
        !seen
    }
}

/// Follows translation and republication links back from `start` to every root, branching
/// where a source derives from several; stops at a cycle (recording it) and, for an insertion,
/// at the source the inserter made.
///
/// Each finished walk goes to `done`, with whether it stopped at the inserter; a straight line
/// (the usual case) allocates nothing beyond its hops.
fn text_walks(graph: &ClaimGraph, start: SourceId, inserter: Option<ActorId>, mut done: impl FnMut(Walk, bool)) {
    let links = |here: SourceId| {
        graph.source(here).into_iter().flat_map(|s| s.derived_from().iter()).filter(|d| d.kind.carries_text())
    };
    // Most chains are straight lines: follow single links without cloning walks.
    let mut walk = Walk { hops: Vec::with_capacity(4), last: start, cycle: None };
    loop {
        let mut next = links(walk.last);
        let (Some(d), None) = (next.next(), next.next()) else { break };
        if inserter.is_some() && d.by == inserter {
            return done(walk, true);
        }
        if !walk.step(start, d) {
            return done(walk, false);
        }
    }
    let mut stack = vec![walk];
    while let Some(walk) = stack.pop() {
        let here: Vec<_> = links(walk.last).collect();
        if walk.cycle.is_some() || here.is_empty() {
            done(walk, false);
            continue;
        }
        for d in here.into_iter().rev() {
            if inserter.is_some() && d.by == inserter {
                // The inserter made `here` (its translation or republication): the remark was
                // inserted here, and the text behind this link is not the remark's origin.
                done(walk.clone(), true);
                continue;
            }
            let mut next = walk.clone();
            if next.step(start, d) {
                stack.push(next);
            } else {
                done(next, false);
            }
        }
    }
}

/// The sources of a straight walk: the start, then each hop's source.
fn straight_path(start: SourceId, hops: &[Hop]) -> Vec<SourceId> {
    let mut path = Vec::with_capacity(hops.len() + 1);
    path.push(start);
    path.extend(hops.iter().filter_map(|h| match h.to {
        Link::Source(s) => Some(s),
        Link::Actor(_) => None,
    }));
    path
}

/// The shortest path of derivation links (any kind) from `from` to `to`, as hops.
///
/// A breadth-first search whose queue is also its visited set: the sources behind one source
/// are few, so a linear scan beats hashing.
fn link_path(graph: &ClaimGraph, from: SourceId, to: SourceId) -> Option<Vec<Hop>> {
    if from == to {
        return Some(Vec::new());
    }
    // (source, index of the entry it was reached from, the hop that reached it)
    let mut queue: Vec<(SourceId, usize, Option<Hop>)> = vec![(from, 0, None)];
    let mut next = 0;
    while next < queue.len() {
        let (s, _, _) = queue[next];
        for d in graph.source(s).map(|s| s.derived_from()).unwrap_or_default() {
            if queue.iter().any(|(seen, _, _)| *seen == d.source) {
                continue;
            }
            let hop = Hop { kind: HopKind::of_derivation(d.kind), to: Link::Source(d.source), by: d.by, mode: None };
            queue.push((d.source, next, Some(hop)));
            if d.source == to {
                let mut hops = Vec::new();
                let mut at = queue.len() - 1;
                while let (_, prev, Some(hop)) = queue[at] {
                    hops.push(hop);
                    at = prev;
                }
                hops.reverse();
                return Some(hops);
            }
        }
        next += 1;
    }
    None
}

/// Extends a walk to `target`: along recorded derivation links if there are any, else with an
/// [`HopKind::Unlinked`] hop.
fn reach(graph: &ClaimGraph, walk: &mut Walk, target: SourceId) {
    if walk.last == target {
        return;
    }
    match link_path(graph, walk.last, target) {
        Some(hops) => walk.hops.extend(hops),
        None => walk.hops.push(Hop { kind: HopKind::Unlinked, to: Link::Source(target), by: None, mode: None }),
    }
    walk.last = target;
}

/// Every attribution chain of a claim, from the source it was read in back to its origin.
///
/// Arguments: the graph and a claim id. Returns one chain per path through the translations and
/// republications behind the reading source (usually one), each continuing through the relays
/// (nearest the reader first) and the source the words were said in, and ending at the speaker,
/// with the attribution mode on the speaker and relay hops. For a claim an intermediary inserted
/// (mode [`Mode::Inserted`]), the chain ends at the hop that intermediary performed, with an
/// [`HopKind::InsertedBy`] hop: the remark is kept apart from the text it relayed. Derivation
/// cycles end the path where they close and are reported in [`AttributionChain::cycle`]. An
/// unknown claim has no chains.
///
/// Complexity: O(hops) per chain, plus a breadth-first search over derivation links where a
/// relay's or speaker's source is not on the translation path.
///
/// ```
/// use claimgraph::query::{attribution_chains, HopKind};
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let (id, _) = graph.claims().next().unwrap();
/// let chains = attribution_chains(&graph, id);
/// assert!(!chains.is_empty());
/// let last = chains[0].hops.last().unwrap();
/// assert!(matches!(last.kind, HopKind::StatedBy | HopKind::InsertedBy));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn attribution_chains(graph: &ClaimGraph, claim: ClaimId) -> Vec<AttributionChain> {
    let Some(c) = graph.claim(claim) else { return Vec::new() };
    let inserted = c.mode() == Mode::Inserted;
    let mut chains = Vec::with_capacity(1);
    text_walks(graph, c.source(), inserted.then_some(c.said_by()), |mut walk, stopped_at_inserter| {
        if inserted {
            let at = if stopped_at_inserter { walk.last() } else { c.source() };
            if !stopped_at_inserter {
                walk.hops.clear();
                walk.last = c.source();
            }
            walk.hops.push(Hop {
                kind: HopKind::InsertedBy,
                to: Link::Actor(c.said_by()),
                by: None,
                mode: Some(Mode::Inserted),
            });
            chains.push(finish(c, claim, walk, at, true));
            return;
        }
        if walk.cycle.is_none() {
            for relay in c.relayed_by() {
                if let Some(s) = relay.source {
                    reach(graph, &mut walk, s);
                }
                if let Some(by) = relay.by {
                    walk.hops.push(Hop {
                        kind: HopKind::RelayedBy,
                        to: Link::Actor(by),
                        by: None,
                        mode: Some(relay.mode),
                    });
                }
            }
            if let Some(s) = c.said_in() {
                reach(graph, &mut walk, s);
            }
        }
        walk.hops.push(Hop { kind: HopKind::StatedBy, to: Link::Actor(c.said_by()), by: None, mode: Some(c.mode()) });
        let earliest = walk.last();
        chains.push(finish(c, claim, walk, earliest, false));
    });
    chains
}

fn finish(c: ClaimRef<'_>, claim: ClaimId, walk: Walk, earliest: SourceId, inserted: bool) -> AttributionChain {
    let hedged = c.modality() == Modality::Hedged || walk.hops.iter().any(Hop::is_hedged);
    AttributionChain {
        claim,
        start: c.source(),
        hops: walk.hops,
        speaker: c.said_by(),
        earliest_source: earliest,
        hedged,
        modality: c.modality(),
        inserted,
        cycle: walk.cycle,
    }
}

/// The roots a source's text comes from: the sources reached by following translation and
/// republication links back from it (itself if it has none). Sorted, without duplicates.
pub fn text_origins(graph: &ClaimGraph, source: SourceId) -> Vec<SourceId> {
    let mut roots = Vec::new();
    text_walks(graph, source, None, |walk, _| roots.push(walk.last()));
    roots.sort();
    roots.dedup();
    roots
}
