//! Attribution chains: from the source a claim was read in back to its original speaker and the
//! earliest source, every hop typed.

use std::fmt::Write as _;

use super::scc::{Marks, components};
use crate::model::{DerivationKind, Modality, Mode};
use crate::{ActorId, ClaimGraph, ClaimId, ClaimRef, Derivation, SourceId};

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
    /// it to the previous source: a gap the analyst may want to fill. (When
    /// [`AttributionChain::link_search_capped`] is set, a link may exist that the bounded
    /// search did not reach.)
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
    /// Whether the search for derivation links between the relays' and the speaker's sources
    /// reached [`ChainOptions::max_link_search`]: an [`HopKind::Unlinked`] hop of this chain
    /// may then stand where a recorded link was not searched for.
    pub link_search_capped: bool,
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

/// Options of [`attribution_chains_with`] and [`attribution_chain_iter`]: bounds that keep the
/// work finite on any graph.
///
/// ```
/// use claimgraph::query::ChainOptions;
/// let options = ChainOptions::new().max_chains(10);
/// assert_eq!(options.chains_cap(), 10);
/// assert_eq!(ChainOptions::default().chains_cap(), ChainOptions::DEFAULT_MAX_CHAINS);
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChainOptions {
    max_chains: usize,
    max_link_search: usize,
}

impl ChainOptions {
    /// The default cap on the chains of one claim: 1,024.
    pub const DEFAULT_MAX_CHAINS: usize = 1024;
    /// The default cap on the sources the link search visits for one claim: 1,048,576.
    pub const DEFAULT_MAX_LINK_SEARCH: usize = 1 << 20;

    /// The default options.
    pub fn new() -> ChainOptions {
        ChainOptions { max_chains: Self::DEFAULT_MAX_CHAINS, max_link_search: Self::DEFAULT_MAX_LINK_SEARCH }
    }

    /// At most `n` chains per claim. Sources that each translate or republish several others
    /// multiply the paths behind a claim (20 layers of two sources translating both sources of
    /// the layer behind give 2^20 paths); the chains past the cap are left out, and
    /// [`ChainList::truncated`] says so. `usize::MAX` lifts the cap (for an iterator consumed
    /// lazily).
    pub fn max_chains(self, n: usize) -> ChainOptions {
        ChainOptions { max_chains: n, ..self }
    }

    /// At most `n` sources visited, for one claim, by the search for derivation links between
    /// the reading source, the relays' sources and the source the words were said in. Past it,
    /// the gaps are given [`HopKind::Unlinked`] hops without a search, and
    /// [`AttributionChain::link_search_capped`] says so. Searches that failed before are
    /// remembered, so the search stays linear in the sources behind the claim on the shapes
    /// real data has; the cap bounds the rest.
    pub fn max_link_search(self, n: usize) -> ChainOptions {
        ChainOptions { max_link_search: n, ..self }
    }

    /// The cap on the chains of one claim.
    pub fn chains_cap(&self) -> usize {
        self.max_chains
    }

    /// The cap on the sources the link search visits for one claim.
    pub fn link_search_cap(&self) -> usize {
        self.max_link_search
    }
}

impl Default for ChainOptions {
    fn default() -> ChainOptions {
        ChainOptions::new()
    }
}

/// The chains of one claim, from [`attribution_chains_with`].
#[derive(Clone, Debug, PartialEq)]
pub struct ChainList {
    /// The chains, in the order [`attribution_chain_iter`] gives them.
    pub chains: Vec<AttributionChain>,
    /// Whether chains were left out because [`ChainOptions::max_chains`] was reached.
    pub truncated: bool,
}

/// The attribution chains of a claim, one at a time, created by [`attribution_chain_iter`].
///
/// A depth-first walk over the translations and republications behind the reading source keeps
/// only the current path: each chain is built once, in O(its hops), and no chain is built
/// before it is asked for.
pub struct AttributionChains<'g> {
    graph: &'g ClaimGraph,
    walk: Walk<'g>,
    walker: Walker,
}

impl std::fmt::Debug for AttributionChains<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttributionChains")
            .field("claim", &self.walk.id)
            .field("options", &self.walk.options)
            .field("depth", &self.walker.frames.len())
            .field("yielded", &self.walk.yielded)
            .finish_non_exhaustive()
    }
}

/// The walk over one claim's paths: what it started from and how far it went.
#[derive(Clone, Copy)]
struct Walk<'g> {
    /// The claim, `None` once its walk is over (or for an unknown claim).
    claim: Option<ClaimRef<'g>>,
    id: ClaimId,
    options: ChainOptions,
    /// For an insertion, the intermediary who inserted it.
    inserter: Option<ActorId>,
    started: bool,
    yielded: usize,
}

impl<'g> Walk<'g> {
    fn new(graph: &'g ClaimGraph, id: ClaimId, options: ChainOptions) -> Walk<'g> {
        let claim = graph.claim(id);
        Walk {
            claim,
            id,
            options,
            inserter: claim.filter(|c| c.mode() == Mode::Inserted).map(|c| c.said_by()),
            started: false,
            yielded: 0,
        }
    }
}

/// The buffers of a walk (the current path, the tails after each root, the link search), kept
/// from claim to claim by a [`ChainBatch`].
#[derive(Default)]
struct Walker {
    /// The current path, the reading source first.
    frames: Vec<Frame>,
    /// The sources of the path, once it is too long for a linear scan.
    on_path: Marks,
    /// The relay and speaker hops after each root of the text, computed once per root (their
    /// hops in `tail_hops`), and where each root's tail is among them.
    tails: Vec<Tail>,
    tail_hops: Vec<Hop>,
    tail_of: Marks,
    search: LinkSearch,
}

/// A source on the current path, the position of its next link, and the hop that reached it.
struct Frame {
    source: SourceId,
    next: usize,
    hop: Option<Hop>,
}

/// The hops after a root of the text (relays, the source the words were said in), as a range of
/// [`Walker::tail_hops`].
struct Tail {
    hops: std::ops::Range<usize>,
    last: SourceId,
    capped: bool,
}

/// How a path of the depth-first walk ended.
enum End {
    /// At a source with no translation or republication link.
    Root,
    /// At a link the inserter performed.
    Inserter,
    /// At a link back to a source on the path (the source, the hop).
    Cycle(SourceId, Hop),
}

/// A chain as the walk writes it: its hops and its cycle appended to buffers, the rest here.
#[derive(Clone, Copy, Debug)]
struct Head {
    claim: ClaimId,
    start: SourceId,
    speaker: ActorId,
    earliest_source: SourceId,
    hedged: bool,
    modality: Modality,
    inserted: bool,
    cycle: bool,
    link_search_capped: bool,
}

/// Where the walk appends the hops and the cycle of each chain.
struct Out<'a> {
    hops: &'a mut Vec<Hop>,
    cycle: &'a mut Vec<SourceId>,
}

/// Above this depth the path's sources are kept in a set ([`Marks`]) too, not only scanned.
const SCAN_DEPTH: usize = 16;

fn links_of(graph: &ClaimGraph, s: SourceId) -> &[Derivation] {
    graph.source(s).map_or(&[][..], |s| s.derived_from())
}

fn derivation_hop(d: &Derivation) -> Hop {
    Hop { kind: HopKind::of_derivation(d.kind), to: Link::Source(d.source), by: d.by, mode: None }
}

impl Walker {
    /// Ready for a new claim's walk under `options`.
    fn reset(&mut self, options: ChainOptions) {
        self.frames.clear();
        self.on_path.clear();
        self.tails.clear();
        self.tail_hops.clear();
        self.tail_of.clear();
        self.search.budget = options.max_link_search;
        self.search.closed.clear();
    }

    fn push(&mut self, source: SourceId, hop: Option<Hop>) {
        self.frames.push(Frame { source, next: 0, hop });
        // Once the set is in use it holds every source of the path, at any depth.
        if !self.on_path.is_empty() {
            self.on_path.insert(source, 1);
        } else if self.frames.len() > SCAN_DEPTH {
            for f in &self.frames {
                self.on_path.insert(f.source, 1);
            }
        }
    }

    fn pop(&mut self) {
        if let Some(f) = self.frames.pop()
            && !self.on_path.is_empty()
        {
            self.on_path.remove(f.source);
        }
    }

    fn on_path(&self, s: SourceId) -> bool {
        if self.on_path.is_empty() { self.frames.iter().any(|f| f.source == s) } else { self.on_path.contains(s) }
    }

    fn top_is_root(&self, graph: &ClaimGraph) -> bool {
        self.frames.last().is_some_and(|f| !links_of(graph, f.source).iter().any(|d| d.kind.carries_text()))
    }

    /// Walks on to the end of the next path and writes its chain, or says the walk is over.
    fn advance<'g>(&mut self, graph: &'g ClaimGraph, walk: &mut Walk<'g>, out: &mut Out<'_>) -> Option<Head> {
        let c = walk.claim?;
        if !walk.started {
            walk.started = true;
            self.push(c.source(), None);
            if self.top_is_root(graph) {
                let chain = self.emit(graph, walk, c, End::Root, out);
                self.pop();
                return Some(chain);
            }
        }
        loop {
            let top = self.frames.last_mut()?;
            let links = links_of(graph, top.source);
            let from = top.next;
            let Some(offset) = links[from..].iter().position(|d| d.kind.carries_text()) else {
                self.pop();
                continue;
            };
            top.next = from + offset + 1;
            let d = &links[from + offset];
            if walk.inserter.is_some() && d.by == walk.inserter {
                // The inserter made this source (its translation or republication): the remark
                // was inserted here, and the text behind this link is not the remark's origin.
                return Some(self.emit(graph, walk, c, End::Inserter, out));
            }
            if self.on_path(d.source) {
                return Some(self.emit(graph, walk, c, End::Cycle(d.source, derivation_hop(d)), out));
            }
            self.push(d.source, Some(derivation_hop(d)));
            if self.top_is_root(graph) {
                let chain = self.emit(graph, walk, c, End::Root, out);
                self.pop();
                return Some(chain);
            }
        }
    }

    /// The next chain of the walk, unless it is over or its cap is reached.
    fn next<'g>(&mut self, graph: &'g ClaimGraph, walk: &mut Walk<'g>, out: &mut Out<'_>) -> Option<Head> {
        if walk.claim.is_none() || walk.yielded >= walk.options.max_chains {
            return None;
        }
        match self.advance(graph, walk, out) {
            Some(head) => {
                walk.yielded += 1;
                Some(head)
            }
            None => {
                walk.claim = None;
                None
            }
        }
    }

    /// Whether the walk has paths left.
    fn has_more(&self, graph: &ClaimGraph, walk: &Walk<'_>) -> bool {
        if !walk.started {
            return walk.claim.is_some();
        }
        self.frames.iter().any(|f| links_of(graph, f.source)[f.next..].iter().any(|d| d.kind.carries_text()))
    }

    /// Whether chains were left out because the cap on chains was reached.
    fn truncated(&self, graph: &ClaimGraph, walk: &Walk<'_>) -> bool {
        walk.yielded >= walk.options.max_chains && self.has_more(graph, walk)
    }

    /// Writes the chain of the current path.
    fn emit<'g>(
        &mut self,
        graph: &'g ClaimGraph,
        walk: &Walk<'g>,
        c: ClaimRef<'g>,
        end: End,
        out: &mut Out<'_>,
    ) -> Head {
        let last = self.frames.last().map_or(c.source(), |f| f.source);
        let base = out.hops.len();
        // The path's hops and the speaker's (most chains have no more).
        out.hops.reserve(self.frames.len() + 1);
        out.hops.extend(self.frames.iter().filter_map(|f| f.hop));
        let mut cycle = false;
        if let End::Cycle(s, hop) = end {
            let i = self.frames.iter().position(|f| f.source == s).expect("the repeated source is on the path");
            out.cycle.extend(self.frames[i..].iter().map(|f| f.source));
            out.cycle.push(s);
            cycle = true;
            out.hops.push(hop);
        }
        if walk.inserter.is_some() {
            let stopped = matches!(end, End::Inserter);
            let at = if stopped { last } else { c.source() };
            if !stopped {
                out.hops.truncate(base);
            }
            out.hops.push(Hop {
                kind: HopKind::InsertedBy,
                to: Link::Actor(c.said_by()),
                by: None,
                mode: Some(Mode::Inserted),
            });
            return head(c, walk.id, &out.hops[base..], cycle, at, true, false);
        }
        let (mut earliest, mut capped) = (last, false);
        if !cycle && (!c.relayed_by().is_empty() || c.said_in().is_some()) {
            let at = self.tail(graph, c, last);
            let tail = &self.tails[at];
            out.hops.extend_from_slice(&self.tail_hops[tail.hops.clone()]);
            earliest = tail.last;
            capped = tail.capped;
        }
        out.hops.push(Hop { kind: HopKind::StatedBy, to: Link::Actor(c.said_by()), by: None, mode: Some(c.mode()) });
        head(c, walk.id, &out.hops[base..], cycle, earliest, false, capped)
    }

    /// The relay and speaker hops after `root` (their index in `tails`), computed once per root.
    fn tail(&mut self, graph: &ClaimGraph, c: ClaimRef<'_>, root: SourceId) -> usize {
        if let Some(i) = self.tail_of.get(root) {
            return i as usize;
        }
        let (start, mut last, mut capped) = (self.tail_hops.len(), root, false);
        for relay in c.relayed_by() {
            if let Some(s) = relay.source {
                capped |= self.search.reach(graph, &mut self.tail_hops, &mut last, s);
            }
            if let Some(by) = relay.by {
                self.tail_hops.push(Hop {
                    kind: HopKind::RelayedBy,
                    to: Link::Actor(by),
                    by: None,
                    mode: Some(relay.mode),
                });
            }
        }
        if let Some(s) = c.said_in() {
            capped |= self.search.reach(graph, &mut self.tail_hops, &mut last, s);
        }
        self.tail_of.insert(root, self.tails.len() as u32);
        self.tails.push(Tail { hops: start..self.tail_hops.len(), last, capped });
        self.tails.len() - 1
    }
}

impl AttributionChains<'_> {
    /// Whether chains were left out because [`ChainOptions::max_chains`] was reached.
    pub fn truncated(&self) -> bool {
        self.walker.truncated(self.graph, &self.walk)
    }
}

impl Iterator for AttributionChains<'_> {
    type Item = AttributionChain;

    fn next(&mut self) -> Option<AttributionChain> {
        let (mut hops, mut cycle) = (Vec::new(), Vec::new());
        let head = self.walker.next(self.graph, &mut self.walk, &mut Out { hops: &mut hops, cycle: &mut cycle })?;
        Some(chain(head, hops, head.cycle.then_some(cycle)))
    }
}

impl std::iter::FusedIterator for AttributionChains<'_> {}

/// The search for derivation links between the sources a chain must pass through.
///
/// A breadth-first search per gap, which remembers what failed searches proved: every source a
/// failed search visited has all the sources it reaches among the visited ones (`closed`), so a
/// later search for a source outside that set never enters it again. Relays listed in an order
/// the derivation links do not follow thus cost O(1) each instead of a walk over everything
/// behind them. A budget of visits bounds what is left.
#[derive(Default)]
struct LinkSearch {
    budget: usize,
    closed: Marks,
    /// The search's queue: (source, index of the entry it was reached from, the hop that
    /// reached it); and the sources it met. Kept from search to search.
    queue: Vec<(SourceId, usize, Option<Hop>)>,
    seen: Marks,
}

impl LinkSearch {
    /// Extends `hops` from `last` to `target`: along the shortest path of recorded derivation
    /// links if there is one, else with an [`HopKind::Unlinked`] hop. Returns whether the budget
    /// ran out before the search could tell.
    fn reach(&mut self, graph: &ClaimGraph, hops: &mut Vec<Hop>, last: &mut SourceId, target: SourceId) -> bool {
        if *last == target {
            return false;
        }
        let (found, cut) = self.path(graph, *last, target, hops);
        if !found {
            hops.push(Hop { kind: HopKind::Unlinked, to: Link::Source(target), by: None, mode: None });
        }
        *last = target;
        cut
    }

    /// Appends to `hops` the hops of the shortest path from `from` to `to`, if there is one;
    /// returns whether there is, and whether the budget ran out first.
    fn path(&mut self, graph: &ClaimGraph, from: SourceId, to: SourceId, hops: &mut Vec<Hop>) -> (bool, bool) {
        // Sources whose reach is known not to hold `to` need no visit.
        let prune = !self.closed.contains(to);
        let (queue, seen) = (&mut self.queue, &mut self.seen);
        queue.clear();
        queue.push((from, 0, None));
        seen.clear();
        seen.insert(from, 1);
        let mut next = 0;
        while next < queue.len() {
            if self.budget == 0 {
                return (false, true);
            }
            self.budget -= 1;
            let (s, _, _) = queue[next];
            for d in links_of(graph, s) {
                if seen.contains(d.source) {
                    continue;
                }
                seen.insert(d.source, 1);
                if d.source == to {
                    let start = hops.len();
                    hops.push(derivation_hop(d));
                    let mut at = next;
                    while let (_, prev, Some(hop)) = queue[at] {
                        hops.push(hop);
                        at = prev;
                    }
                    hops[start..].reverse();
                    return (true, false);
                }
                if prune && self.closed.contains(d.source) {
                    continue;
                }
                queue.push((d.source, next, Some(derivation_hop(d))));
            }
            next += 1;
        }
        // The search was exhaustive: everything each visited source reaches was visited or is
        // closed already.
        for &(s, _, _) in queue.iter() {
            self.closed.insert(s, 1);
        }
        (false, false)
    }
}

/// The attribution chains of many claims in shared buffers, filled by
/// [`attribution_chains_into`]: one list of chains, one of hops and one of cycles for the whole
/// batch, each claim's chains a run of the first and each chain's hops a run of the second.
///
/// [`attribution_chains`] returns a vector per claim with a vector of hops per chain; a batch
/// allocates nothing per claim or chain, and nothing at all once its buffers have grown to the
/// size of the batch ([`clear`](Self::clear) keeps them): for tools that walk the chains of many
/// claims and keep only what they compute from them. The chains of the `i`th claim added are
/// [`chains_of(i)`](Self::chains_of), as [`ChainRef`]s (the fields of an [`AttributionChain`],
/// borrowing its hops and cycle from the batch), in the order of [`attribution_chain_iter`] and
/// equal to its chains ([`ChainRef::to_chain`]).
///
/// ```
/// use claimgraph::query::{ChainBatch, ChainOptions, attribution_chains, attribution_chains_into};
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let claims: Vec<_> = graph.claims().map(|(id, _)| id).take(10).collect();
/// let mut batch = ChainBatch::new();
/// attribution_chains_into(&graph, claims.iter().copied(), ChainOptions::new(), &mut batch);
/// assert_eq!(batch.len(), 10);
/// for (i, &claim) in claims.iter().enumerate() {
///     let chains: Vec<_> = batch.chains_of(i).map(|c| c.to_chain()).collect();
///     assert_eq!(chains, attribution_chains(&graph, claim));
///     assert!(!batch.truncated(i));
/// }
/// // Filled again for other claims: the buffers are reused.
/// batch.clear();
/// attribution_chains_into(&graph, claims[..3].iter().copied(), ChainOptions::new(), &mut batch);
/// assert_eq!(batch.len(), 3);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Default)]
pub struct ChainBatch {
    claims: Vec<BatchClaim>,
    chains: Vec<BatchChain>,
    hops: Vec<Hop>,
    cycles: Vec<SourceId>,
    walker: Walker,
}

/// A claim of a [`ChainBatch`]: where its chains end among the batch's.
#[derive(Clone, Copy, Debug)]
struct BatchClaim {
    claim: ClaimId,
    chains_end: usize,
    truncated: bool,
}

/// A chain of a [`ChainBatch`]: where its hops and its cycle end among the batch's.
#[derive(Clone, Copy, Debug)]
struct BatchChain {
    head: Head,
    hops_end: usize,
    cycle_end: usize,
}

impl std::fmt::Debug for ChainBatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChainBatch")
            .field("claims", &self.claims.len())
            .field("chains", &self.chains.len())
            .field("hops", &self.hops.len())
            .finish_non_exhaustive()
    }
}

impl Clone for ChainBatch {
    /// The same chains, with buffers of their own (the walk's scratch space is not copied).
    fn clone(&self) -> ChainBatch {
        ChainBatch {
            claims: self.claims.clone(),
            chains: self.chains.clone(),
            hops: self.hops.clone(),
            cycles: self.cycles.clone(),
            walker: Walker::default(),
        }
    }
}

impl ChainBatch {
    /// An empty batch.
    pub fn new() -> ChainBatch {
        ChainBatch::default()
    }

    /// Forgets every claim and chain, keeping the buffers' room for the next batch.
    pub fn clear(&mut self) {
        self.claims.clear();
        self.chains.clear();
        self.hops.clear();
        self.cycles.clear();
    }

    /// Adds the chains of `claim` (none for an unknown claim), up to `options.max_chains`, as
    /// [`attribution_chains_with`] finds them. O(hops) per chain, as [`attribution_chains`].
    #[inline]
    pub fn push(&mut self, graph: &ClaimGraph, claim: ClaimId, options: ChainOptions) {
        if options.max_chains > 0
            && let Some(c) = graph.claim(claim)
            && self.push_line(graph, claim, c)
        {
            return;
        }
        self.push_walked(graph, claim, options);
    }

    /// [`ChainBatch::push`] by the depth-first walk, whatever the claim's shape.
    fn push_walked(&mut self, graph: &ClaimGraph, claim: ClaimId, options: ChainOptions) {
        let ChainBatch { claims, chains, hops, cycles, walker } = self;
        walker.reset(options);
        let mut walk = Walk::new(graph, claim, options);
        let mut out = Out { hops, cycle: cycles };
        while let Some(head) = walker.next(graph, &mut walk, &mut out) {
            chains.push(BatchChain { head, hops_end: out.hops.len(), cycle_end: out.cycle.len() });
        }
        let truncated = walker.truncated(graph, &walk);
        claims.push(BatchClaim { claim, chains_end: chains.len(), truncated });
    }

    /// Adds the one chain of `claim` if its text came along a line of sources (each translating
    /// or republishing at most one other, the line at most [`SCAN_DEPTH`] long, without a cycle)
    /// and its words were said nowhere else and relayed by no one, as most claims' are; returns
    /// false, adding nothing, for any other claim. The chain is the one the depth-first walk
    /// finds (the walk is a line), without the walk's bookkeeping.
    fn push_line(&mut self, graph: &ClaimGraph, claim: ClaimId, c: ClaimRef<'_>) -> bool {
        if c.mode() == Mode::Inserted || c.is_relayed() || c.said_in().is_some() {
            return false;
        }
        let (base, start) = (self.hops.len(), c.source());
        let mut at = start;
        loop {
            let mut text = links_of(graph, at).iter().filter(|d| d.kind.carries_text());
            match (text.next(), text.next()) {
                (None, _) => break,
                (Some(d), None)
                    if self.hops.len() - base < SCAN_DEPTH
                        && d.source != start
                        && !self.hops[base..].iter().any(|h| h.to == Link::Source(d.source)) =>
                {
                    self.hops.push(derivation_hop(d));
                    at = d.source;
                }
                // A fork, a cycle or a long line: the walk takes it.
                _ => {
                    self.hops.truncate(base);
                    return false;
                }
            }
        }
        self.hops.push(Hop { kind: HopKind::StatedBy, to: Link::Actor(c.said_by()), by: None, mode: Some(c.mode()) });
        let head = head(c, claim, &self.hops[base..], false, at, false, false);
        self.chains.push(BatchChain { head, hops_end: self.hops.len(), cycle_end: self.cycles.len() });
        self.claims.push(BatchClaim { claim, chains_end: self.chains.len(), truncated: false });
        true
    }

    /// How many claims were added.
    #[inline]
    pub fn len(&self) -> usize {
        self.claims.len()
    }

    /// Whether no claim was added.
    pub fn is_empty(&self) -> bool {
        self.claims.is_empty()
    }

    /// How many chains the batch holds, over all its claims.
    pub fn chain_count(&self) -> usize {
        self.chains.len()
    }

    /// The `i`th claim added, if there are that many.
    pub fn claim(&self, i: usize) -> Option<ClaimId> {
        self.claims.get(i).map(|c| c.claim)
    }

    /// The chains of the `i`th claim added (none if there are not that many), in the order of
    /// [`attribution_chain_iter`].
    #[inline]
    pub fn chains_of(&self, i: usize) -> BatchChains<'_> {
        let Some(claim) = self.claims.get(i) else { return self.run(0..0) };
        let start = if i == 0 { 0 } else { self.claims[i - 1].chains_end };
        self.run(start..claim.chains_end)
    }

    /// The chains `range` of the batch.
    #[inline]
    fn run(&self, range: std::ops::Range<usize>) -> BatchChains<'_> {
        let (hops_at, cycle_at) = match range.start.checked_sub(1) {
            Some(j) => (self.chains[j].hops_end, self.chains[j].cycle_end),
            None => (0, 0),
        };
        BatchChains { batch: self, chains: self.chains[range].iter(), hops_at, cycle_at }
    }

    /// Whether chains of the `i`th claim were left out because
    /// [`ChainOptions::max_chains`] was reached (false if there are not that many claims).
    pub fn truncated(&self, i: usize) -> bool {
        self.claims.get(i).is_some_and(|c| c.truncated)
    }

    /// Every chain of the batch: the chains of the first claim added, then of the second...
    pub fn chains(&self) -> BatchChains<'_> {
        self.run(0..self.chains.len())
    }

    /// A chain of the batch, whose hops and cycle start at `hops_start` and `cycle_start`.
    #[inline]
    fn chain(&self, c: &BatchChain, hops_start: usize, cycle_start: usize) -> ChainRef<'_> {
        let h = c.head;
        ChainRef {
            claim: h.claim,
            start: h.start,
            hops: &self.hops[hops_start..c.hops_end],
            speaker: h.speaker,
            earliest_source: h.earliest_source,
            hedged: h.hedged,
            modality: h.modality,
            inserted: h.inserted,
            cycle: h.cycle.then(|| &self.cycles[cycle_start..c.cycle_end]),
            link_search_capped: h.link_search_capped,
        }
    }
}

/// Adds the attribution chains of each of `claims` to `batch`, in order, up to
/// `options.max_chains` per claim: [`ChainBatch::push`] for each. The chains are those of
/// [`attribution_chains_with`], without a vector per claim or per chain.
///
/// Complexity: O(hops) per chain, as [`attribution_chains`]; no allocation once the batch's
/// buffers have grown to its size.
pub fn attribution_chains_into(
    graph: &ClaimGraph,
    claims: impl IntoIterator<Item = ClaimId>,
    options: ChainOptions,
    batch: &mut ChainBatch,
) {
    let mut claims = claims.into_iter();
    // Most claims have one chain, of a few hops.
    let (n, _) = claims.size_hint();
    batch.claims.reserve(n);
    batch.chains.reserve(n);
    batch.hops.reserve(3 * n);
    let mut ahead = [ClaimId(0); READ_AHEAD];
    loop {
        let mut len = 0;
        for claim in claims.by_ref().take(READ_AHEAD) {
            ahead[len] = claim;
            len += 1;
        }
        if len == 0 {
            break;
        }
        read_ahead(graph, &ahead[..len]);
        for &claim in &ahead[..len] {
            batch.push(graph, claim, options);
        }
    }
}

/// How many claims [`attribution_chains_into`] reads before walking them.
const READ_AHEAD: usize = 32;

/// Reads the record of each of these claims before any walk: the reads do not depend on each
/// other, so their cache misses overlap, instead of each walk waiting for its own in turn. The
/// records are what a large graph misses most (60 bytes a claim, met in any order); the
/// sources' records and links, ten times fewer, mostly stay in the cache.
fn read_ahead(graph: &ClaimGraph, claims: &[ClaimId]) {
    let mut seen = 0u32;
    for &claim in claims {
        if let Some(c) = graph.claim(claim) {
            seen ^= c.source().0;
        }
    }
    std::hint::black_box(seen);
}

/// An attribution chain read from a [`ChainBatch`]: the fields of an [`AttributionChain`], its
/// hops and cycle borrowed from the batch.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ChainRef<'a> {
    /// The claim.
    pub claim: ClaimId,
    /// The source the claim was read in, where the chain starts.
    pub start: SourceId,
    /// The hops, from the reading source back to the speaker.
    pub hops: &'a [Hop],
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
    pub cycle: Option<&'a [SourceId]>,
    /// Whether the search for derivation links reached [`ChainOptions::max_link_search`] (see
    /// [`AttributionChain::link_search_capped`]).
    pub link_search_capped: bool,
}

impl ChainRef<'_> {
    /// Number of hops.
    pub fn len(&self) -> usize {
        self.hops.len()
    }

    /// Whether the chain has no hops (never the case: a chain ends at the speaker).
    pub fn is_empty(&self) -> bool {
        self.hops.is_empty()
    }

    /// The chain in owned form.
    pub fn to_chain(&self) -> AttributionChain {
        AttributionChain {
            claim: self.claim,
            start: self.start,
            hops: self.hops.to_vec(),
            speaker: self.speaker,
            earliest_source: self.earliest_source,
            hedged: self.hedged,
            modality: self.modality,
            inserted: self.inserted,
            cycle: self.cycle.map(<[SourceId]>::to_vec),
            link_search_capped: self.link_search_capped,
        }
    }
}

/// Chains of a [`ChainBatch`], created by [`ChainBatch::chains_of`] and [`ChainBatch::chains`].
#[derive(Clone, Debug)]
pub struct BatchChains<'a> {
    batch: &'a ChainBatch,
    chains: std::slice::Iter<'a, BatchChain>,
    /// Where the hops and the cycle of the next chain start.
    hops_at: usize,
    cycle_at: usize,
}

impl<'a> Iterator for BatchChains<'a> {
    type Item = ChainRef<'a>;

    #[inline]
    fn next(&mut self) -> Option<ChainRef<'a>> {
        let c = self.chains.next()?;
        let chain = self.batch.chain(c, self.hops_at, self.cycle_at);
        (self.hops_at, self.cycle_at) = (c.hops_end, c.cycle_end);
        Some(chain)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.chains.size_hint()
    }
}

impl DoubleEndedIterator for BatchChains<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        let c = self.chains.next_back()?;
        // The chain before the last one left ends where the last begins.
        let (hops_start, cycle_start) =
            self.chains.as_slice().last().map_or((self.hops_at, self.cycle_at), |b| (b.hops_end, b.cycle_end));
        Some(self.batch.chain(c, hops_start, cycle_start))
    }
}

impl ExactSizeIterator for BatchChains<'_> {}
impl std::iter::FusedIterator for BatchChains<'_> {}

/// Every attribution chain of a claim, from the source it was read in back to its origin, up to
/// [`ChainOptions::DEFAULT_MAX_CHAINS`]: [`attribution_chains_with`] with the default options.
///
/// Arguments: the graph and a claim id. Returns one chain per path through the translations and
/// republications behind the reading source (usually one), each continuing through the relays
/// (nearest the reader first) and the source the words were said in, and ending at the speaker,
/// with the attribution mode on the speaker and relay hops. For a claim an intermediary inserted
/// (mode [`Mode::Inserted`]), the chain ends at the hop that intermediary performed, with an
/// [`HopKind::InsertedBy`] hop: the remark is kept apart from the text it relayed. Derivation
/// cycles end the path where they close and are reported in [`AttributionChain::cycle`]. An
/// unknown claim has no chains. Paths are taken depth first, links in the order the sources
/// declare them.
///
/// Complexity: O(hops) per chain, plus a breadth-first search over derivation links where a
/// relay's or speaker's source is not on the translation path (once per root of the text, and
/// bounded by [`ChainOptions::max_link_search`]). At most
/// [`ChainOptions::DEFAULT_MAX_CHAINS`] chains are built; [`attribution_chains_with`] says
/// whether some were left out, and [`attribution_chain_iter`] gives them lazily.
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
    attribution_chain_iter(graph, claim, ChainOptions::new()).collect()
}

/// The attribution chains of a claim (as [`attribution_chains`]) with explicit bounds, and
/// whether chains were left out.
///
/// Complexity: O(hops) per chain built, at most `options.max_chains` chains.
///
/// ```
/// use claimgraph::query::{ChainOptions, attribution_chains_with};
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let (id, _) = graph.claims().next().unwrap();
/// let list = attribution_chains_with(&graph, id, ChainOptions::new().max_chains(16));
/// assert!(!list.chains.is_empty() && !list.truncated);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn attribution_chains_with(graph: &ClaimGraph, claim: ClaimId, options: ChainOptions) -> ChainList {
    let mut iter = attribution_chain_iter(graph, claim, options);
    let chains = iter.by_ref().collect();
    ChainList { chains, truncated: iter.truncated() }
}

/// The attribution chains of a claim (as [`attribution_chains`]), built one at a time as the
/// iterator is advanced, at most `options.max_chains` of them.
///
/// Complexity: O(hops) per chain, and memory for the current path and the hops after each root
/// of the text: a claim with exponentially many paths behind it costs only what is taken.
///
/// ```
/// use claimgraph::query::{ChainOptions, attribution_chain_iter};
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let (id, _) = graph.claims().next().unwrap();
/// let first = attribution_chain_iter(&graph, id, ChainOptions::new().max_chains(usize::MAX)).next();
/// assert!(first.is_some());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn attribution_chain_iter(graph: &ClaimGraph, claim: ClaimId, options: ChainOptions) -> AttributionChains<'_> {
    let mut walker = Walker::default();
    walker.reset(options);
    AttributionChains { graph, walk: Walk::new(graph, claim, options), walker }
}

/// The head of a chain of claim `c` whose hops are `hops`.
fn head(
    c: ClaimRef<'_>,
    claim: ClaimId,
    hops: &[Hop],
    cycle: bool,
    earliest: SourceId,
    inserted: bool,
    link_search_capped: bool,
) -> Head {
    let hedged = c.modality() == Modality::Hedged || hops.iter().any(Hop::is_hedged);
    Head {
        claim,
        start: c.source(),
        speaker: c.said_by(),
        earliest_source: earliest,
        hedged,
        modality: c.modality(),
        inserted,
        cycle,
        link_search_capped,
    }
}

/// A chain in owned form.
fn chain(head: Head, hops: Vec<Hop>, cycle: Option<Vec<SourceId>>) -> AttributionChain {
    AttributionChain {
        claim: head.claim,
        start: head.start,
        hops,
        speaker: head.speaker,
        earliest_source: head.earliest_source,
        hedged: head.hedged,
        modality: head.modality,
        inserted: head.inserted,
        cycle,
        link_search_capped: head.link_search_capped,
    }
}

/// The roots a source's text comes from: the sources reached by following translation and
/// republication links back from it that have no such link themselves (itself if it has none).
/// Text that goes round a circle of translations or republications with no link out of it has
/// the whole circle as its roots. Sorted, without duplicates.
///
/// Complexity: O(sources + links) behind the source, whatever the number of paths among them
/// (each source is visited once).
pub fn text_origins(graph: &ClaimGraph, source: SourceId) -> Vec<SourceId> {
    // Most text is a short straight line back to its root: follow it without a search.
    let mut here = source;
    for _ in 0..SCAN_DEPTH {
        let mut links = links_of(graph, here).iter().filter(|d| d.kind.carries_text());
        match (links.next(), links.next()) {
            (None, _) => return vec![here],
            (Some(d), None) if d.source != source && d.source != here => here = d.source,
            _ => break,
        }
    }
    let mut roots = Vec::new();
    components(
        graph,
        &[source],
        |d| d.kind.carries_text(),
        |c| {
            if !c.exits {
                roots.extend_from_slice(c.members);
            }
        },
    );
    roots.sort();
    roots
}
