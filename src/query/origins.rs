//! Where a claim comes from, for counting independent support: [`origins`] for one claim, and
//! [`OriginIndex`], which resolves the text origins of every source once so that the origins of
//! many claims cost a lookup each.

use std::iter::FusedIterator;

use super::attribution::text_origins;
use super::scc::{Marks, components_around};
use crate::model::Mode;
use crate::{ActorId, ClaimGraph, ClaimId, ClaimRef, SourceId};

/// Where a report comes from, for counting independent support.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// The earliest source behind the report: the source the words were said in, or the root
    /// of the translations and republications of the reporting source.
    Source(SourceId),
    /// A speaker whose words several reports relay without naming where they were said: all
    /// reports of that speaker's words count as one origin.
    Speaker(ActorId),
}

/// The origins of one claim: reports sharing any origin are not independent.
///
/// A claim's origins are its speaker (one speaker asserting a thing in several sources is one
/// voice, not several), and where the words come from: the source they were said in, if known;
/// else, for the source's own voice or an intermediary's insertion, the roots of the
/// translations and republications behind the reporting source (a quoted or paraphrased speaker
/// with no known source is their own origin). Sorted.
///
/// For the origins of many claims, build an [`OriginIndex`] once: it gives the same origins
/// without walking the links behind a source again for every claim read in it.
pub fn origins(graph: &ClaimGraph, claim: ClaimRef<'_>) -> Vec<Origin> {
    let speaker = Origin::Speaker(claim.said_by());
    if let Some(s) = claim.said_in() {
        return vec![Origin::Source(s), speaker];
    }
    if !walks_text(claim.mode()) {
        return vec![speaker];
    }
    let mut out: Vec<Origin> = text_origins(graph, claim.source()).into_iter().map(Origin::Source).collect();
    out.push(speaker);
    out
}

/// Whether a claim with no known source of its words leads back to the roots of the text it was
/// read in: the source's own voice, or an intermediary's insertion.
fn walks_text(mode: Mode) -> bool {
    mode == Mode::Authorial || mode == Mode::Inserted
}

/// A set of sources with more roots than this, other than a set it shares with a source it links
/// to, is not stored by an [`OriginIndex`]: its sources are walked when asked for. This bounds the
/// index's memory by this many roots per source, whatever the shape of the links.
const STORED_ROOTS: usize = 64;

/// Where the roots of a strongly connected set of sources are in [`OriginIndex::roots`].
#[derive(Clone, Copy, Debug)]
struct Span {
    start: u32,
    /// [`Span::WALKED`] for a set whose roots are not stored.
    len: u32,
}

impl Span {
    const WALKED: u32 = u32::MAX;
}

/// The text origins of sources, resolved once, and the origins of claims read from them.
///
/// [`text_origins`] walks the translations and republications behind one source, and
/// [`origins`] does so for every claim it is asked about, allocating its answer. An
/// `OriginIndex` walks the sources once, in one pass over their strongly connected sets in
/// reverse topological order: the roots of a set are its own sources if no text link leaves it,
/// else the union of the roots of the sets it links to. Sources whose roots are those of the one
/// set they lead to (a chain of translations, a republication of a translation...) share that
/// set's roots, stored once. Then [`OriginIndex::text_origins`] is a lookup, and
/// [`OriginIndex::origins`] gives a claim's origins as an iterator that allocates nothing.
///
/// The answers are exactly those of [`text_origins`] and [`origins`]. A set of sources behind
/// which the text comes from many roots (more than 64, other than the roots of a single set it
/// leads to) is not stored, and its sources are walked when asked for, so that the index's
/// memory stays linear in the sources whatever the shape of the links.
///
/// Complexity: [`OriginIndex::new`] is O(sources + links) for the walk, plus the merging of the
/// roots of sets with several sets behind them; a lookup is O(1) plus the roots returned (a
/// walk, as [`text_origins`] makes it, for a source whose roots are not stored).
///
/// ```
/// use claimgraph::query::{OriginIndex, origins, text_origins};
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let index = OriginIndex::new(&graph);
/// for (id, source) in graph.sources() {
///     assert_eq!(index.text_origins(id).as_ref(), text_origins(&graph, id).as_slice());
/// }
/// // The independent origins of each proposition group, without an allocation per claim.
/// let mut seen = Vec::new();
/// for (_, claims) in graph.proposition_groups() {
///     seen.clear();
///     for claim in claims.filter_map(|id| graph.claim(id)) {
///         assert!(index.origins(claim).eq(origins(&graph, claim)));
///         seen.extend(index.origins(claim));
///     }
///     seen.sort_unstable();
///     seen.dedup();
///     assert!(!seen.is_empty());
/// }
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub struct OriginIndex<'g> {
    graph: &'g ClaimGraph,
    /// The strongly connected set of each source the index walked, as an index into `spans`.
    set_of: Marks,
    /// The roots of each set, in `roots`.
    spans: Vec<Span>,
    /// The roots of the sets, each set's sorted, sets sharing their roots sharing the run.
    roots: Vec<SourceId>,
    /// What the origins of each claim are made of, and the source it was read in, by claim
    /// index ([`OriginIndex::new`] only).
    claims: Vec<ClaimEntry>,
}

impl std::fmt::Debug for OriginIndex<'_> {
    /// A summary: how many sets of sources and claims the index holds, not their contents.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OriginIndex")
            .field("sets", &self.spans.len())
            .field("stored_roots", &self.roots.len())
            .field("claims", &self.claims.len())
            .finish_non_exhaustive()
    }
}

/// What a claim's origins are made of, and the source it was read in, in 12 bytes, read once
/// from the claim store so that the origins of claims met in any order cost no visit to their
/// records, and (for 14 entries in 16, those that do not straddle a line) one cache line for
/// both.
#[derive(Clone, Copy, Debug)]
struct ClaimEntry {
    speaker: ActorId,
    /// The source the claim was read in.
    source: SourceId,
    /// Its sources of origin. Below [`ClaimEntry::SET`]: one source, the index of the source
    /// its words were said in or of the one root of the text of its source. From
    /// [`ClaimEntry::SET`] up to the special values: the set of its source (offset by `SET`),
    /// whose roots are stored. Then the special values: [`ClaimEntry::WALKED`] (the text origins
    /// of its source, walked when asked for), [`ClaimEntry::RECORD`] (read from its record: an
    /// index too large for these ranges), [`ClaimEntry::SPEAKER`] (no source: the speaker alone),
    /// [`ClaimEntry::ABSENT`] (no such claim).
    word: u32,
}

impl ClaimEntry {
    const SET: u32 = 1 << 31;
    const WALKED: u32 = u32::MAX - 3;
    const RECORD: u32 = u32::MAX - 2;
    const SPEAKER: u32 = u32::MAX - 1;
    const ABSENT: u32 = u32::MAX;
    const NONE: ClaimEntry = ClaimEntry { speaker: ActorId(0), source: SourceId(0), word: ClaimEntry::ABSENT };

    fn one(s: SourceId) -> u32 {
        if s.0 < Self::SET { s.0 } else { Self::RECORD }
    }

    fn set(k: u32) -> u32 {
        if k < Self::WALKED - Self::SET { Self::SET + k } else { Self::RECORD }
    }
}

/// The claim count from which [`OriginIndex::new`] reads the claims on several threads.
const PARALLEL_FROM: usize = 100_000;

impl<'g> OriginIndex<'g> {
    /// Resolves the text origins of every source of `graph`, and reads what the origins of
    /// every claim are made of (and its source) into a table of 12 bytes a claim (one pass over the claims, in
    /// store order, split between threads for large graphs), so that
    /// [`OriginIndex::origins_of`] needs no visit to a claim's record.
    ///
    /// Complexity: O(sources + links + claims), plus the merging of the roots of sources that
    /// lead to several sets of sources.
    pub fn new(graph: &'g ClaimGraph) -> OriginIndex<'g> {
        let n = graph.claims().next_back().map_or(0, |(id, _)| id.index() + 1);
        let threads =
            if n < PARALLEL_FROM { 1 } else { std::thread::available_parallelism().map_or(1, usize::from).min(8) };
        OriginIndex::on_threads(graph, threads)
    }

    /// [`OriginIndex::new`], reading the claims on `threads` threads.
    pub(crate) fn on_threads(graph: &'g ClaimGraph, threads: usize) -> OriginIndex<'g> {
        let all: Vec<SourceId> = graph.sources().map(|(id, _)| id).collect();
        let mut index = OriginIndex::behind(graph, &all);
        let n = graph.claims().next_back().map_or(0, |(id, _)| id.index() + 1);
        let mut table = vec![ClaimEntry::NONE; n];
        let part = n.div_ceil(threads).max(1);
        let fill = |first: usize, entries: &mut [ClaimEntry]| {
            for (i, e) in entries.iter_mut().enumerate() {
                if let Some(c) = graph.claim(ClaimId::from_index(first + i)) {
                    *e = index.entry(c);
                }
            }
        };
        if threads <= 1 {
            fill(0, &mut table);
        } else {
            std::thread::scope(|s| {
                for (k, entries) in table.chunks_mut(part).enumerate() {
                    let fill = &fill;
                    s.spawn(move || fill(k * part, entries));
                }
            });
        }
        index.claims = table;
        index
    }

    /// What the origins of `c` are made of.
    fn entry(&self, c: ClaimRef<'_>) -> ClaimEntry {
        let word = match c.said_in() {
            Some(s) => ClaimEntry::one(s),
            None if !walks_text(c.mode()) => ClaimEntry::SPEAKER,
            None => match self.set_of.get(c.source()).map(|k| (k, self.spans[k as usize])) {
                // One root, the common case, is kept in the entry itself.
                Some((_, span)) if span.len == 1 => ClaimEntry::one(self.roots[span.start as usize]),
                Some((k, span)) if span.len != Span::WALKED => ClaimEntry::set(k),
                _ => ClaimEntry::WALKED,
            },
        };
        ClaimEntry { speaker: c.said_by(), source: c.source(), word }
    }

    /// Resolves the text origins of `sources` and of the sources behind them only: the work is
    /// bounded by the part of the source graph these sources lead to. Other sources are walked
    /// when asked for.
    ///
    /// Complexity: O(sources + links) behind `sources`, plus the merging of roots as in
    /// [`OriginIndex::new`].
    pub fn behind(graph: &'g ClaimGraph, sources: &[SourceId]) -> OriginIndex<'g> {
        let mut index = OriginIndex {
            graph,
            set_of: Marks::for_many(sources),
            spans: Vec::new(),
            roots: Vec::new(),
            claims: Vec::new(),
        };
        let links = |s: SourceId| graph.source(s).map_or(&[][..], |s| s.derived_from());
        let carries = |s: SourceId| links(s).iter().any(|d| d.kind.carries_text());
        // Most sources carry no text of another: each is its own root, settled without a walk.
        let mut starts: Vec<SourceId> = Vec::new();
        for &s in sources {
            if carries(s) {
                starts.push(s);
            } else {
                index.root(s);
            }
        }
        let mut behind: Vec<u32> = Vec::new();
        let mut merged: Vec<SourceId> = Vec::new();
        components_around(
            graph,
            &starts,
            |d| d.kind.carries_text(),
            |s| !carries(s),
            |set| {
                // The set's span is reserved first: settling a root behind it adds spans.
                let me = index.spans.len() as u32;
                index.spans.push(Span { start: 0, len: 0 });
                for &m in set.members {
                    index.set_of.insert(m, me);
                }
                if !set.exits {
                    let start = index.roots.len();
                    index.roots.extend_from_slice(set.members);
                    index.roots[start..].sort_unstable();
                    index.spans[me as usize] = Span { start: start as u32, len: set.members.len() as u32 };
                    return;
                }
                // Every set a link leaves to was visited before this one, or is a settled root.
                behind.clear();
                for &m in set.members {
                    for d in links(m).iter().filter(|d| d.kind.carries_text()) {
                        let k = match index.set_of.get(d.source) {
                            Some(k) => k,
                            None => index.root(d.source),
                        };
                        if k != me {
                            behind.push(k);
                        }
                    }
                }
                behind.sort_unstable();
                behind.dedup();
                index.spans[me as usize] = index.merge(&behind, &mut merged);
            },
        );
        index
    }

    /// The set of a source that carries no text of another, made on first meeting: the source
    /// alone, its own root.
    fn root(&mut self, s: SourceId) -> u32 {
        if let Some(k) = self.set_of.get(s) {
            return k;
        }
        let k = self.spans.len() as u32;
        self.set_of.insert(s, k);
        self.spans.push(Span { start: self.roots.len() as u32, len: 1 });
        self.roots.push(s);
        k
    }

    /// The roots of a set whose links lead to the sets `behind`: the union of theirs, shared
    /// with the largest of them when it holds the union.
    fn merge(&mut self, behind: &[u32], merged: &mut Vec<SourceId>) -> Span {
        let span = |k: &u32| self.spans[*k as usize];
        if let [only] = behind {
            return span(only);
        }
        if behind.iter().any(|k| span(k).len == Span::WALKED) {
            return Span { start: 0, len: Span::WALKED };
        }
        let largest = behind.iter().map(span).max_by_key(|s| s.len).expect("a set with a link out links to a set");
        merged.clear();
        for s in behind.iter().map(span) {
            merged.extend_from_slice(&self.roots[s.start as usize..(s.start + s.len) as usize]);
        }
        merged.sort_unstable();
        merged.dedup();
        if merged.len() == largest.len as usize {
            largest
        } else if merged.len() <= STORED_ROOTS {
            let start = self.roots.len() as u32;
            self.roots.extend_from_slice(merged);
            Span { start, len: merged.len() as u32 }
        } else {
            Span { start: 0, len: Span::WALKED }
        }
    }

    /// The stored roots of `source`, or `None` when the index did not walk it or does not store
    /// its roots.
    fn stored(&self, source: SourceId) -> Option<&[SourceId]> {
        let span = self.spans[self.set_of.get(source)? as usize];
        if span.len == Span::WALKED {
            return None;
        }
        Some(&self.roots[span.start as usize..(span.start + span.len) as usize])
    }

    /// The roots the text of `source` comes from, as [`text_origins`] gives them: sorted,
    /// without duplicates.
    ///
    /// Complexity: O(1) plus the roots returned, for a source the index resolved.
    pub fn text_origins(&self, source: SourceId) -> std::borrow::Cow<'_, [SourceId]> {
        match self.stored(source) {
            Some(roots) => std::borrow::Cow::Borrowed(roots),
            None => std::borrow::Cow::Owned(text_origins(self.graph, source)),
        }
    }

    /// The origins of `claim`, as [`origins`] gives them (sorted), as an iterator that
    /// allocates nothing for a source the index resolved.
    pub fn origins(&self, claim: ClaimRef<'_>) -> ClaimOrigins<'_> {
        self.origins_from(self.entry(claim), claim.id())
    }

    /// The origins of the claim `claim`, as [`origins`] gives them (sorted); none for a claim
    /// the graph does not hold. An index made by [`OriginIndex::new`] answers from its table of
    /// the claims, without visiting the claim's record; others read the record.
    pub fn origins_of(&self, claim: ClaimId) -> ClaimOrigins<'_> {
        match self.claims.get(claim.index()) {
            Some(&e) => self.origins_from(e, claim),
            None => match self.graph.claim(claim) {
                Some(c) => self.origins(c),
                None => ClaimOrigins::EMPTY,
            },
        }
    }

    /// The source `claim` was read in, from the table of [`OriginIndex::new`] or the record.
    pub(crate) fn source_of(&self, claim: ClaimId) -> Option<SourceId> {
        match self.claims.get(claim.index()) {
            Some(e) if e.word != ClaimEntry::ABSENT => Some(e.source),
            Some(_) => None,
            None => self.graph.claim(claim).map(|c| c.source()),
        }
    }

    fn origins_from(&self, e: ClaimEntry, claim: ClaimId) -> ClaimOrigins<'_> {
        let mut out = ClaimOrigins { speaker: Some(e.speaker), ..ClaimOrigins::EMPTY };
        match e.word {
            ClaimEntry::ABSENT => out.speaker = None,
            ClaimEntry::SPEAKER => {}
            ClaimEntry::WALKED | ClaimEntry::RECORD => {
                return self.graph.claim(claim).map_or(ClaimOrigins::EMPTY, |c| match c.said_in() {
                    Some(s) => ClaimOrigins { first: Some(s), ..out },
                    None => ClaimOrigins { walked: text_origins(self.graph, c.source()), ..out },
                });
            }
            w if w < ClaimEntry::SET => out.first = Some(SourceId(w)),
            w => {
                let span = self.spans[(w - ClaimEntry::SET) as usize];
                out.stored = &self.roots[span.start as usize..(span.start + span.len) as usize];
            }
        }
        out
    }
}

/// The origins of one claim, sorted (its sources, then its speaker): created by
/// [`OriginIndex::origins`] and [`OriginIndex::origins_of`].
#[derive(Clone, Debug)]
pub struct ClaimOrigins<'a> {
    /// The source the words were said in.
    first: Option<SourceId>,
    /// Roots stored by the index, those not yet given.
    stored: &'a [SourceId],
    /// Roots walked when asked for, and the position of the next.
    walked: Vec<SourceId>,
    at: usize,
    speaker: Option<ActorId>,
}

impl ClaimOrigins<'_> {
    const EMPTY: ClaimOrigins<'static> =
        ClaimOrigins { first: None, stored: &[], walked: Vec::new(), at: 0, speaker: None };
}

impl Iterator for ClaimOrigins<'_> {
    type Item = Origin;

    fn next(&mut self) -> Option<Origin> {
        if let Some(s) = self.first.take() {
            return Some(Origin::Source(s));
        }
        if let [s, rest @ ..] = self.stored {
            self.stored = rest;
            return Some(Origin::Source(*s));
        }
        if let Some(&s) = self.walked.get(self.at) {
            self.at += 1;
            return Some(Origin::Source(s));
        }
        self.speaker.take().map(Origin::Speaker)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = usize::from(self.first.is_some())
            + self.stored.len()
            + (self.walked.len() - self.at)
            + usize::from(self.speaker.is_some());
        (n, Some(n))
    }
}

impl ExactSizeIterator for ClaimOrigins<'_> {}
impl FusedIterator for ClaimOrigins<'_> {}
