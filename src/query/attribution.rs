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
    claim: Option<ClaimRef<'g>>,
    id: ClaimId,
    options: ChainOptions,
    /// For an insertion, the intermediary who inserted it.
    inserter: Option<ActorId>,
    /// The current path, the reading source first.
    frames: Vec<Frame<'g>>,
    /// The sources of the path, once it is too long for a linear scan.
    on_path: Marks,
    started: bool,
    yielded: usize,
    /// The relay and speaker hops after each root of the text, computed once per root, and
    /// where each root's hops are among them.
    tails: Vec<Tail>,
    tail_of: Marks,
    search: LinkSearch,
}

impl std::fmt::Debug for AttributionChains<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AttributionChains")
            .field("claim", &self.id)
            .field("options", &self.options)
            .field("depth", &self.frames.len())
            .field("yielded", &self.yielded)
            .finish_non_exhaustive()
    }
}

/// A source on the current path, the position of its next link, and the hop that reached it.
struct Frame<'g> {
    source: SourceId,
    links: &'g [Derivation],
    next: usize,
    hop: Option<Hop>,
}

/// The hops after a root of the text: relays, the source the words were said in.
struct Tail {
    hops: Vec<Hop>,
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

/// Above this depth the path's sources are kept in a set ([`Marks`]) too, not only scanned.
const SCAN_DEPTH: usize = 16;

fn links_of(graph: &ClaimGraph, s: SourceId) -> &[Derivation] {
    graph.source(s).map_or(&[][..], |s| s.derived_from())
}

fn derivation_hop(d: &Derivation) -> Hop {
    Hop { kind: HopKind::of_derivation(d.kind), to: Link::Source(d.source), by: d.by, mode: None }
}

impl<'g> AttributionChains<'g> {
    fn push(&mut self, source: SourceId, hop: Option<Hop>) {
        self.frames.push(Frame { source, links: links_of(self.graph, source), next: 0, hop });
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

    fn top_is_root(&self) -> bool {
        self.frames.last().is_some_and(|f| !f.links.iter().any(|d| d.kind.carries_text()))
    }

    /// Walks on to the end of the next path.
    fn advance(&mut self, c: ClaimRef<'g>) -> Option<AttributionChain> {
        if !self.started {
            self.started = true;
            self.push(c.source(), None);
            if self.top_is_root() {
                let chain = self.emit(c, End::Root);
                self.pop();
                return Some(chain);
            }
        }
        loop {
            let top = self.frames.last_mut()?;
            let (links, from) = (top.links, top.next);
            let Some(offset) = links[from..].iter().position(|d| d.kind.carries_text()) else {
                self.pop();
                continue;
            };
            top.next = from + offset + 1;
            let d = &links[from + offset];
            if self.inserter.is_some() && d.by == self.inserter {
                // The inserter made this source (its translation or republication): the remark
                // was inserted here, and the text behind this link is not the remark's origin.
                return Some(self.emit(c, End::Inserter));
            }
            if self.on_path(d.source) {
                return Some(self.emit(c, End::Cycle(d.source, derivation_hop(d))));
            }
            self.push(d.source, Some(derivation_hop(d)));
            if self.top_is_root() {
                let chain = self.emit(c, End::Root);
                self.pop();
                return Some(chain);
            }
        }
    }

    /// Whether the walk has paths left.
    fn has_more(&self) -> bool {
        if !self.started {
            return self.claim.is_some();
        }
        self.frames.iter().any(|f| f.links[f.next..].iter().any(|d| d.kind.carries_text()))
    }

    /// The chain of the current path.
    fn emit(&mut self, c: ClaimRef<'g>, end: End) -> AttributionChain {
        let last = self.frames.last().map_or(c.source(), |f| f.source);
        let mut hops: Vec<Hop> = Vec::with_capacity(self.frames.len() + 1);
        hops.extend(self.frames.iter().filter_map(|f| f.hop));
        let mut cycle = None;
        if let End::Cycle(s, hop) = end {
            let i = self.frames.iter().position(|f| f.source == s).expect("the repeated source is on the path");
            let mut path: Vec<SourceId> = self.frames[i..].iter().map(|f| f.source).collect();
            path.push(s);
            cycle = Some(path);
            hops.push(hop);
        }
        if self.inserter.is_some() {
            let stopped = matches!(end, End::Inserter);
            let at = if stopped { last } else { c.source() };
            if !stopped {
                hops.clear();
            }
            hops.push(Hop {
                kind: HopKind::InsertedBy,
                to: Link::Actor(c.said_by()),
                by: None,
                mode: Some(Mode::Inserted),
            });
            return finish(c, self.id, hops, cycle, at, true, false);
        }
        let (mut earliest, mut capped) = (last, false);
        if cycle.is_none() && (!c.relayed_by().is_empty() || c.said_in().is_some()) {
            let tail = self.tail(c, last);
            hops.extend_from_slice(&tail.hops);
            earliest = tail.last;
            capped = tail.capped;
        }
        hops.push(Hop { kind: HopKind::StatedBy, to: Link::Actor(c.said_by()), by: None, mode: Some(c.mode()) });
        finish(c, self.id, hops, cycle, earliest, false, capped)
    }

    /// The relay and speaker hops after `root`, computed once per root.
    fn tail(&mut self, c: ClaimRef<'g>, root: SourceId) -> &Tail {
        if let Some(i) = self.tail_of.get(root) {
            return &self.tails[i as usize];
        }
        let (mut hops, mut last, mut capped) = (Vec::new(), root, false);
        for relay in c.relayed_by() {
            if let Some(s) = relay.source {
                capped |= self.search.reach(self.graph, &mut hops, &mut last, s);
            }
            if let Some(by) = relay.by {
                hops.push(Hop { kind: HopKind::RelayedBy, to: Link::Actor(by), by: None, mode: Some(relay.mode) });
            }
        }
        if let Some(s) = c.said_in() {
            capped |= self.search.reach(self.graph, &mut hops, &mut last, s);
        }
        self.tail_of.insert(root, self.tails.len() as u32);
        self.tails.push(Tail { hops, last, capped });
        &self.tails[self.tails.len() - 1]
    }

    /// Whether chains were left out because [`ChainOptions::max_chains`] was reached.
    pub fn truncated(&self) -> bool {
        self.yielded >= self.options.max_chains && self.has_more()
    }
}

impl Iterator for AttributionChains<'_> {
    type Item = AttributionChain;

    fn next(&mut self) -> Option<AttributionChain> {
        let c = self.claim?;
        if self.yielded >= self.options.max_chains {
            return None;
        }
        match self.advance(c) {
            Some(chain) => {
                self.yielded += 1;
                Some(chain)
            }
            None => {
                self.claim = None;
                None
            }
        }
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
struct LinkSearch {
    budget: usize,
    closed: Marks,
}

impl LinkSearch {
    /// Extends `hops` from `last` to `target`: along the shortest path of recorded derivation
    /// links if there is one, else with an [`HopKind::Unlinked`] hop. Returns whether the budget
    /// ran out before the search could tell.
    fn reach(&mut self, graph: &ClaimGraph, hops: &mut Vec<Hop>, last: &mut SourceId, target: SourceId) -> bool {
        if *last == target {
            return false;
        }
        let (path, cut) = self.path(graph, *last, target);
        match path {
            Some(path) => hops.extend(path),
            None => hops.push(Hop { kind: HopKind::Unlinked, to: Link::Source(target), by: None, mode: None }),
        }
        *last = target;
        cut
    }

    fn path(&mut self, graph: &ClaimGraph, from: SourceId, to: SourceId) -> (Option<Vec<Hop>>, bool) {
        // Sources whose reach is known not to hold `to` need no visit.
        let prune = !self.closed.contains(to);
        // (source, index of the entry it was reached from, the hop that reached it)
        let mut queue: Vec<(SourceId, usize, Option<Hop>)> = vec![(from, 0, None)];
        let mut seen = Marks::default();
        seen.insert(from, 1);
        let mut next = 0;
        while next < queue.len() {
            if self.budget == 0 {
                return (None, true);
            }
            self.budget -= 1;
            let (s, _, _) = queue[next];
            for d in links_of(graph, s) {
                if seen.contains(d.source) {
                    continue;
                }
                seen.insert(d.source, 1);
                if d.source == to {
                    let mut hops = vec![derivation_hop(d)];
                    let mut at = next;
                    while let (_, prev, Some(hop)) = queue[at] {
                        hops.push(hop);
                        at = prev;
                    }
                    hops.reverse();
                    return (Some(hops), false);
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
        for &(s, _, _) in &queue {
            self.closed.insert(s, 1);
        }
        (None, false)
    }
}

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
    let c = graph.claim(claim);
    AttributionChains {
        graph,
        claim: c,
        id: claim,
        options,
        inserter: c.filter(|c| c.mode() == Mode::Inserted).map(|c| c.said_by()),
        frames: Vec::new(),
        on_path: Marks::default(),
        started: false,
        yielded: 0,
        tails: Vec::new(),
        tail_of: Marks::default(),
        search: LinkSearch { budget: options.max_link_search, closed: Marks::default() },
    }
}

fn finish(
    c: ClaimRef<'_>,
    claim: ClaimId,
    hops: Vec<Hop>,
    cycle: Option<Vec<SourceId>>,
    earliest: SourceId,
    inserted: bool,
    link_search_capped: bool,
) -> AttributionChain {
    let hedged = c.modality() == Modality::Hedged || hops.iter().any(Hop::is_hedged);
    AttributionChain {
        claim,
        start: c.source(),
        hops,
        speaker: c.said_by(),
        earliest_source: earliest,
        hedged,
        modality: c.modality(),
        inserted,
        cycle,
        link_search_capped,
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
