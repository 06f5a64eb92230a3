//! Corroboration with independence: the claims that support a proposition, grouped by
//! independent origin, and circular reporting.

use crate::ClaimRef;

use super::compare::{Agreement, claims_overlap, compare_objects};
use super::origins::{Origin, OriginIndex};
use super::scc::components;
use super::sweep::{SMALL, agreeing_clusters, small_clusters};
use std::cmp::{Ordering, Reverse};

use crate::graph::Fact;
use crate::model::{Modality, Polarity, Stance};
use crate::{ActorId, ClaimGraph, ClaimId, PropositionKey, SourceId};

/// Supporting claims that share an origin.
#[derive(Clone, Debug, PartialEq)]
pub struct OriginGroup {
    /// The origins the claims lead back to, sorted.
    pub origins: Vec<Origin>,
    /// The claims, in id order.
    pub claims: Vec<ClaimId>,
}

/// The support of one proposition, from [`corroboration`] or [`corroborations`].
#[derive(Clone, Debug, PartialEq)]
pub struct Corroboration {
    /// The claims that state the proposition (same subject, predicate, qualifier, polarity, an
    /// agreeing object and an overlapping time), in id order.
    pub claims: Vec<ClaimId>,
    /// The claims grouped by independent origin, largest group first.
    pub groups: Vec<OriginGroup>,
    /// Citation cycles met among the sources of the claims (circular reporting).
    pub circular: Vec<Vec<SourceId>>,
    /// Claims that carry the proposition without endorsement ([`Stance::Carried`]), in id order:
    /// listed apart, never counted as support.
    pub carried: Vec<ClaimId>,
}

impl Corroboration {
    /// No support: what a claim the graph does not hold has.
    fn none() -> Corroboration {
        Corroboration { claims: Vec::new(), groups: Vec::new(), circular: Vec::new(), carried: Vec::new() }
    }

    /// How many independent origins support the proposition.
    pub fn independent(&self) -> usize {
        self.groups.len()
    }
}

/// Whether `b` states what `a` states (carried or not).
fn agrees(graph: &ClaimGraph, a: ClaimRef<'_>, b: ClaimRef<'_>) -> bool {
    if a.polarity() != b.polarity() || b.modality() == Modality::Question || !claims_overlap(a, b) {
        return false;
    }
    let Some(p) = graph.predicate(a.predicate()) else { return false };
    compare_objects(graph, p, a.object_ref(), b.object_ref()) != Agreement::Different
}

/// Reusable buffers for grouping claims by shared origin.
#[derive(Default)]
pub(crate) struct Grouping {
    /// Each origin of each claim ([`code`]), with the claim's position.
    pairs: Vec<(u64, u32)>,
    parent: Vec<u32>,
    /// The group of each claim.
    group_of: Vec<u32>,
    /// The claims and the distinct origins of each group.
    sizes: Vec<(u32, u32)>,
    /// The groups in the order they are given.
    order: Vec<u32>,
    /// The next free place of each group's claims and origins.
    at: Vec<(usize, usize)>,
}

/// An origin as a number that sorts as the origin does (sources, then speakers), for sorting
/// without comparing enums.
fn code(o: Origin) -> u64 {
    match o {
        Origin::Source(s) => u64::from(s.0),
        Origin::Speaker(a) => 1 << 32 | u64::from(a.0),
    }
}

/// The origin of a [`code`].
fn origin(code: u64) -> Origin {
    if code >> 32 == 0 { Origin::Source(SourceId(code as u32)) } else { Origin::Speaker(ActorId(code as u32)) }
}

fn find(parent: &mut [u32], mut i: u32) -> u32 {
    while parent[i as usize] != i {
        parent[i as usize] = parent[parent[i as usize] as usize];
        i = parent[i as usize];
    }
    i
}

impl Grouping {
    /// Groups `claims` by shared origin (claims sharing an origin are joined, transitively),
    /// each group's claims in the order of `claims`, its origins sorted; largest group first,
    /// then by claims.
    pub(crate) fn group(&mut self, index: &OriginIndex<'_>, claims: &[ClaimId]) -> Vec<OriginGroup> {
        let mut out = Lists::default();
        self.group_into(index, claims, &mut out.groups, &mut out.group_claims, &mut out.origins);
        (0..out.groups.len()).map(|g| out.group(g).to_group()).collect()
    }

    /// [`Grouping::group`], appending each group's span to `groups`, its claims to
    /// `group_claims` and its origins to `origins`, in the same order.
    fn group_into(
        &mut self,
        index: &OriginIndex<'_>,
        claims: &[ClaimId],
        groups: &mut Vec<GroupSpan>,
        group_claims: &mut Vec<ClaimId>,
        origins: &mut Vec<Origin>,
    ) {
        if let [only] = claims {
            origins.extend(index.origins_of(*only));
            group_claims.push(*only);
            groups.push(GroupSpan { claims_end: group_claims.len(), origins_end: origins.len() });
            return;
        }
        if let [a, b] = claims {
            self.group_two(index, [*a, *b], groups, group_claims, origins);
            return;
        }
        let Grouping { pairs, parent, group_of, sizes, order, at } = self;
        pairs.clear();
        for (i, &id) in (0u32..).zip(claims) {
            for o in index.origins_of(id) {
                pairs.push((code(o), i));
            }
        }
        pairs.sort_unstable_by_key(|p| p.0);
        parent.clear();
        parent.extend(0..claims.len() as u32);
        for w in pairs.windows(2) {
            if w[0].0 == w[1].0 {
                let (a, b) = (find(parent, w[0].1), find(parent, w[1].1));
                parent[a.max(b) as usize] = a.min(b);
            }
        }
        // Groups numbered by their first claim (a root is its group's first claim: unions keep
        // the smaller position), their claims and distinct origins counted.
        group_of.clear();
        sizes.clear();
        for i in 0..claims.len() as u32 {
            let root = find(parent, i);
            let g = if root == i {
                sizes.push((0, 0));
                sizes.len() as u32 - 1
            } else {
                group_of[root as usize]
            };
            group_of.push(g);
            sizes[g as usize].0 += 1;
        }
        // The pairs are in origin order, and all pairs of one origin are in one group.
        let mut last = None;
        for &(o, i) in pairs.iter() {
            if last != Some(o) {
                sizes[group_of[i as usize] as usize].1 += 1;
                last = Some(o);
            }
        }
        // Largest group first, then by claims: groups are disjoint and numbered in the order of
        // their first claims, so among groups of one size their numbers order their lists.
        order.clear();
        order.extend(0..sizes.len() as u32);
        order.sort_by_key(|&g| Reverse(sizes[g as usize].0));
        // Where each group's claims and origins go, filled in the order of `claims` and of
        // the origins.
        at.clear();
        at.resize(sizes.len(), (0, 0));
        let (mut c, mut o) = (group_claims.len(), origins.len());
        for &g in order.iter() {
            at[g as usize] = (c, o);
            c += sizes[g as usize].0 as usize;
            o += sizes[g as usize].1 as usize;
            groups.push(GroupSpan { claims_end: c, origins_end: o });
        }
        group_claims.resize(c, ClaimId(0));
        origins.resize(o, Origin::Speaker(ActorId(0)));
        for (&id, &g) in claims.iter().zip(group_of.iter()) {
            let slot = &mut at[g as usize].0;
            group_claims[*slot] = id;
            *slot += 1;
        }
        let mut last = None;
        for &(code, i) in pairs.iter() {
            if last != Some(code) {
                let slot = &mut at[group_of[i as usize] as usize].1;
                origins[*slot] = origin(code);
                *slot += 1;
                last = Some(code);
            }
        }
    }

    /// [`Grouping::group_into`] for two claims, the commonest support, without the union-find:
    /// one group if their sorted origins meet (the origins merged), else a group each, in the
    /// order of the claims.
    fn group_two(
        &mut self,
        index: &OriginIndex<'_>,
        [a, b]: [ClaimId; 2],
        groups: &mut Vec<GroupSpan>,
        group_claims: &mut Vec<ClaimId>,
        origins: &mut Vec<Origin>,
    ) {
        // The origins' codes in the buffer of pairs (the claim's position in the second field
        // is not read here).
        let codes = &mut self.pairs;
        codes.clear();
        codes.extend(index.origins_of(a).map(|o| (code(o), 0)));
        let split = codes.len();
        codes.extend(index.origins_of(b).map(|o| (code(o), 1)));
        let (first, second) = codes.split_at(split);
        let (mut i, mut j, mut meet) = (0, 0, false);
        while i < first.len() && j < second.len() {
            match first[i].0.cmp(&second[j].0) {
                Ordering::Less => i += 1,
                Ordering::Greater => j += 1,
                Ordering::Equal => {
                    meet = true;
                    break;
                }
            }
        }
        if !meet {
            for (id, codes) in [(a, first), (b, second)] {
                group_claims.push(id);
                origins.extend(codes.iter().map(|&(c, _)| origin(c)));
                groups.push(GroupSpan { claims_end: group_claims.len(), origins_end: origins.len() });
            }
            return;
        }
        group_claims.extend([a, b]);
        codes.sort_unstable_by_key(|&(c, _)| c);
        codes.dedup_by_key(|&mut (c, _)| c);
        origins.extend(codes.iter().map(|&(c, _)| origin(c)));
        groups.push(GroupSpan { claims_end: group_claims.len(), origins_end: origins.len() });
    }
}

/// Groups claims by shared origin (union-find over their origins), resolving the origins of
/// the sources behind these claims only.
pub(crate) fn group_by_origin(graph: &ClaimGraph, claims: &[ClaimId]) -> Vec<OriginGroup> {
    let sources: Vec<SourceId> = claims.iter().filter_map(|&c| graph.claim(c)).map(|c| c.source()).collect();
    Grouping::default().group(&OriginIndex::behind(graph, &sources), claims)
}

/// The citation cycles, and the cycles each source is on, for finding those behind a
/// proposition's claims.
struct Cycles {
    cycles: Vec<Vec<SourceId>>,
    /// Each source on a cycle with the cycle's index, by source.
    on: Vec<(SourceId, u32)>,
    /// A bit per source index, set for the sources on a cycle: most sources are on none, and
    /// need no search of `on`.
    any: Vec<u64>,
}

impl Cycles {
    fn new(cycles: Vec<Vec<SourceId>>) -> Cycles {
        let mut on: Vec<(SourceId, u32)> =
            cycles.iter().enumerate().flat_map(|(i, c)| c.iter().map(move |&s| (s, i as u32))).collect();
        on.sort_unstable();
        let mut any = vec![0u64; on.last().map_or(0, |&(s, _)| s.index() / 64 + 1)];
        for &(s, _) in &on {
            any[s.index() / 64] |= 1 << (s.index() % 64);
        }
        Cycles { cycles, on, any }
    }

    /// Whether `s` is on a cycle.
    fn is_on(&self, s: SourceId) -> bool {
        self.any.get(s.index() / 64).is_some_and(|w| w >> (s.index() % 64) & 1 == 1)
    }
}

/// The end of an origin group's claims and origins in a [`Lists`]; it starts where the group
/// before it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct GroupSpan {
    claims_end: usize,
    origins_end: usize,
}

/// Where the support of one proposition lies in a [`Lists`]: its claims, then its carried claims
/// (from `claims` to `own_end`, then to `carried_end`), its origin groups and the cycles met.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Entry {
    claims: usize,
    own_end: usize,
    carried_end: usize,
    groups: usize,
    groups_end: usize,
    met: usize,
    met_end: usize,
}

impl Entry {
    /// The order of [`corroborations`]: most independent origins first, then most claims, then
    /// claim order (the clusters are disjoint and their claims sorted, so their first claims
    /// order them as their lists do). `claims` is the list the entry points into.
    fn key(&self, claims: &[ClaimId]) -> u128 {
        let count = |n: usize| u128::from(u32::MAX - u32::try_from(n).unwrap_or(u32::MAX));
        let first = claims.get(self.claims).map_or(0, |c| c.0);
        count(self.groups_end - self.groups) << 64 | count(self.own_end - self.claims) << 32 | u128::from(first)
    }
}

/// The support of many propositions in flat lists: no vector per proposition or origin group.
#[derive(Clone, Debug, Default, PartialEq)]
struct Lists {
    entries: Vec<Entry>,
    /// Each proposition's claims, in id order, then its carried claims, in id order.
    claims: Vec<ClaimId>,
    /// Each origin group's end; the groups of one proposition in their order.
    groups: Vec<GroupSpan>,
    /// The claims of the origin groups, group after group.
    group_claims: Vec<ClaimId>,
    /// The origins of the origin groups, group after group.
    origins: Vec<Origin>,
    /// The citation cycles each proposition's sources are on, as positions in the cycle list.
    met: Vec<u32>,
}

impl Lists {
    /// Lists with room for the support of propositions stated by about `claims` claims in all,
    /// most of whose claims have two origins (a source and a speaker).
    fn with_capacity(claims: usize) -> Lists {
        Lists {
            entries: Vec::with_capacity(claims / 2),
            claims: Vec::with_capacity(claims),
            groups: Vec::with_capacity(claims),
            group_claims: Vec::with_capacity(claims),
            origins: Vec::with_capacity(2 * claims),
            met: Vec::new(),
        }
    }

    fn group(&self, g: usize) -> OriginGroupRef<'_> {
        let (c, o) = g.checked_sub(1).map_or((0, 0), |p| (self.groups[p].claims_end, self.groups[p].origins_end));
        let span = self.groups[g];
        OriginGroupRef { origins: &self.origins[o..span.origins_end], claims: &self.group_claims[c..span.claims_end] }
    }

    /// Orders the entries as [`corroborations`] gives them ([`Entry::key`], distinct for
    /// distinct entries): by a merging sort when they are already made of sorted runs.
    fn sort_entries(&mut self, runs: bool) {
        let mut order: Vec<(u128, u32)> = (0u32..).zip(&self.entries).map(|(i, e)| (e.key(&self.claims), i)).collect();
        if runs {
            order.sort();
        } else {
            order.sort_unstable();
        }
        self.entries = order.iter().map(|&(_, i)| self.entries[i as usize]).collect();
    }

    /// Moves the lists of `other` to the end of these.
    fn append(&mut self, mut other: Lists) {
        let (c, g, m) = (self.claims.len(), self.groups.len(), self.met.len());
        let (gc, o) = (self.group_claims.len(), self.origins.len());
        self.entries.extend(other.entries.iter().map(|e| Entry {
            claims: e.claims + c,
            own_end: e.own_end + c,
            carried_end: e.carried_end + c,
            groups: e.groups + g,
            groups_end: e.groups_end + g,
            met: e.met + m,
            met_end: e.met_end + m,
        }));
        self.claims.append(&mut other.claims);
        self.groups.extend(
            other.groups.iter().map(|s| GroupSpan { claims_end: s.claims_end + gc, origins_end: s.origins_end + o }),
        );
        self.group_claims.append(&mut other.group_claims);
        self.origins.append(&mut other.origins);
        self.met.append(&mut other.met);
    }
}

/// Every corroborated proposition of a graph, from [`corroboration_set`]: what
/// [`corroborations`] gives, in the same order, held in a few flat lists instead of vectors per
/// proposition and per origin group. Each proposition is read as a [`CorroborationRef`], whose
/// lists are borrowed from the set.
///
/// ```
/// use claimgraph::query::{corroboration_set, corroborations};
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let set = corroboration_set(&graph, 2);
/// assert!(!set.is_empty());
/// for support in &set {
///     assert!(support.claims.len() >= 2);
///     let in_groups: usize = support.groups().map(|g| g.claims.len()).sum();
///     assert_eq!(in_groups, support.claims.len());
/// }
/// let owned: Vec<_> = set.iter().map(|c| c.to_corroboration()).collect();
/// assert_eq!(owned, corroborations(&graph, 2));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorroborationSet {
    lists: Lists,
    /// The citation cycles the entries point into.
    cycles: Vec<Vec<SourceId>>,
}

impl CorroborationSet {
    /// How many propositions the set holds.
    pub fn len(&self) -> usize {
        self.lists.entries.len()
    }

    /// Whether the set holds no proposition.
    pub fn is_empty(&self) -> bool {
        self.lists.entries.is_empty()
    }

    /// The support of the `i`-th proposition, in the order of [`corroborations`].
    pub fn get(&self, i: usize) -> Option<CorroborationRef<'_>> {
        let e = self.lists.entries.get(i)?;
        Some(CorroborationRef {
            claims: &self.lists.claims[e.claims..e.own_end],
            carried: &self.lists.claims[e.own_end..e.carried_end],
            set: self,
            groups: (e.groups, e.groups_end),
            met: (e.met, e.met_end),
        })
    }

    /// The propositions, in the order of [`corroborations`].
    pub fn iter(&self) -> CorroborationIter<'_> {
        CorroborationIter { set: self, at: 0..self.len() }
    }
}

impl<'a> IntoIterator for &'a CorroborationSet {
    type Item = CorroborationRef<'a>;
    type IntoIter = CorroborationIter<'a>;

    fn into_iter(self) -> CorroborationIter<'a> {
        self.iter()
    }
}

/// The propositions of a [`CorroborationSet`], from [`CorroborationSet::iter`].
#[derive(Clone, Debug)]
pub struct CorroborationIter<'a> {
    set: &'a CorroborationSet,
    at: std::ops::Range<usize>,
}

impl<'a> Iterator for CorroborationIter<'a> {
    type Item = CorroborationRef<'a>;

    fn next(&mut self) -> Option<CorroborationRef<'a>> {
        self.set.get(self.at.next()?)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.at.size_hint()
    }
}

impl DoubleEndedIterator for CorroborationIter<'_> {
    fn next_back(&mut self) -> Option<Self::Item> {
        self.set.get(self.at.next_back()?)
    }
}

impl ExactSizeIterator for CorroborationIter<'_> {}
impl std::iter::FusedIterator for CorroborationIter<'_> {}

/// The support of one proposition in a [`CorroborationSet`]: the fields of a [`Corroboration`],
/// borrowed from the set.
#[derive(Clone, Copy)]
pub struct CorroborationRef<'a> {
    /// The claims that state the proposition, in id order (see [`Corroboration::claims`]).
    pub claims: &'a [ClaimId],
    /// The claims that carry it without endorsement, in id order (see
    /// [`Corroboration::carried`]).
    pub carried: &'a [ClaimId],
    set: &'a CorroborationSet,
    groups: (usize, usize),
    met: (usize, usize),
}

impl<'a> CorroborationRef<'a> {
    /// How many independent origins support the proposition.
    pub fn independent(&self) -> usize {
        self.groups.1 - self.groups.0
    }

    /// The claims grouped by independent origin, largest group first (see
    /// [`Corroboration::groups`]).
    pub fn groups(&self) -> impl ExactSizeIterator<Item = OriginGroupRef<'a>> + DoubleEndedIterator + 'a {
        let lists = &self.set.lists;
        (self.groups.0..self.groups.1).map(move |g| lists.group(g))
    }

    /// The citation cycles met among the sources of the claims, each sorted, in the order of
    /// [`circular_reporting`] (see [`Corroboration::circular`]).
    pub fn circular(&self) -> impl ExactSizeIterator<Item = &'a [SourceId]> + DoubleEndedIterator + 'a {
        let set = self.set;
        set.lists.met[self.met.0..self.met.1].iter().map(move |&k| set.cycles[k as usize].as_slice())
    }

    /// The same support as an owned [`Corroboration`].
    pub fn to_corroboration(&self) -> Corroboration {
        Corroboration {
            claims: self.claims.to_vec(),
            groups: self.groups().map(|g| g.to_group()).collect(),
            circular: self.circular().map(<[SourceId]>::to_vec).collect(),
            carried: self.carried.to_vec(),
        }
    }
}

impl std::fmt::Debug for CorroborationRef<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CorroborationRef")
            .field("claims", &self.claims)
            .field("groups", &self.groups().collect::<Vec<_>>())
            .field("circular", &self.circular().collect::<Vec<_>>())
            .field("carried", &self.carried)
            .finish()
    }
}

impl PartialEq for CorroborationRef<'_> {
    /// The same claims, origin groups, cycles and carried claims.
    fn eq(&self, other: &Self) -> bool {
        self.claims == other.claims
            && self.carried == other.carried
            && self.groups().eq(other.groups())
            && self.circular().eq(other.circular())
    }
}

/// An origin group of a [`CorroborationRef`]: the fields of an [`OriginGroup`], borrowed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OriginGroupRef<'a> {
    /// The origins the claims lead back to, sorted.
    pub origins: &'a [Origin],
    /// The claims, in id order.
    pub claims: &'a [ClaimId],
}

impl OriginGroupRef<'_> {
    /// The same group as an owned [`OriginGroup`].
    pub fn to_group(&self) -> OriginGroup {
        OriginGroup { origins: self.origins.to_vec(), claims: self.claims.to_vec() }
    }
}

/// What building the support of many propositions shares, and its scratch buffers.
struct Builder<'a, 'g> {
    index: &'a OriginIndex<'g>,
    cycles: &'a Cycles,
    grouping: Grouping,
}

impl<'a, 'g> Builder<'a, 'g> {
    fn new(index: &'a OriginIndex<'g>, cycles: &'a Cycles) -> Builder<'a, 'g> {
        Builder { index, cycles, grouping: Grouping::default() }
    }

    /// Appends to `out` the support of the proposition `claims` state (any order), with the
    /// claims that carry it.
    fn push(
        &mut self,
        out: &mut Lists,
        claims: impl IntoIterator<Item = ClaimId>,
        carried: impl IntoIterator<Item = ClaimId>,
    ) {
        let start = out.claims.len();
        out.claims.extend(claims);
        let own_end = out.claims.len();
        out.claims[start..].sort_unstable();
        out.claims.extend(carried);
        out.claims[own_end..].sort_unstable();
        let (groups, met) = (out.groups.len(), out.met.len());
        let own = &out.claims[start..own_end];
        self.grouping.group_into(self.index, own, &mut out.groups, &mut out.group_claims, &mut out.origins);
        self.circular(own, &mut out.met);
        out.entries.push(Entry {
            claims: start,
            own_end,
            carried_end: out.claims.len(),
            groups,
            groups_end: out.groups.len(),
            met,
            met_end: out.met.len(),
        });
    }

    /// Appends to `met` the cycles the sources of `claims` are on, in the order of the cycles.
    fn circular(&self, claims: &[ClaimId], met: &mut Vec<u32>) {
        let on = &self.cycles.on;
        if on.is_empty() {
            return;
        }
        let start = met.len();
        for s in claims.iter().filter_map(|&c| self.index.source_of(c)).filter(|&s| self.cycles.is_on(s)) {
            let from = on.partition_point(|&(x, _)| x < s);
            met.extend(on[from..].iter().take_while(|&&(x, _)| x == s).map(|&(_, i)| i));
        }
        met[start..].sort_unstable();
        let mut kept = start;
        for i in start..met.len() {
            if kept == start || met[i] != met[kept - 1] {
                met[kept] = met[i];
                kept += 1;
            }
        }
        met.truncate(kept);
    }
}

/// The support of the proposition `claim` states: every claim of its group that agrees with it,
/// grouped by independent origin. Reports whose chains lead back to one source (republications
/// and translations of one article, reports of one interview) or that relay one speaker's words
/// count once.
///
/// Complexity: O(g) for a group of g claims, plus one walk over the sources behind the
/// supporting claims for their text origins ([`OriginIndex::behind`]) and one for the citation
/// cycles among them.
///
/// ```
/// use claimgraph::query::corroboration;
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let (id, _) = graph.claims().next().unwrap();
/// let support = corroboration(&graph, id);
/// assert!(support.claims.contains(&id));
/// assert!(support.independent() >= 1);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn corroboration(graph: &ClaimGraph, claim: ClaimId) -> Corroboration {
    let Some(c) = graph.claim(claim) else { return Corroboration::none() };
    let (mut claims, mut carried) = (Vec::new(), Vec::new());
    for o in graph.claims_for(c.proposition_key()).filter_map(|o| graph.claim(o)) {
        if o.id() == claim || agrees(graph, c, o) {
            match o.stance() {
                Stance::Own => claims.push(o.id()),
                Stance::Carried => carried.push(o.id()),
            }
        }
    }
    let sources: Vec<SourceId> = claims.iter().filter_map(|&c| graph.claim(c)).map(|c| c.source()).collect();
    let cycles = Cycles::new(cycles_reachable_from(graph, &sources));
    let mut lists = Lists::default();
    Builder::new(&OriginIndex::behind(graph, &sources), &cycles).push(&mut lists, claims, carried);
    let set = CorroborationSet { lists, cycles: cycles.cycles };
    set.get(0).map_or_else(Corroboration::none, |c| c.to_corroboration())
}

/// The citation cycles reachable from `starts` along derivation links: the work is bounded by
/// the part of the source graph behind these sources, not by the whole graph.
fn cycles_reachable_from(graph: &ClaimGraph, starts: &[SourceId]) -> Vec<Vec<SourceId>> {
    let mut cycles: Vec<Vec<SourceId>> = Vec::new();
    components(
        graph,
        starts,
        |_| true,
        |c| {
            if c.members.len() > 1 {
                let mut ids = c.members.to_vec();
                ids.sort();
                cycles.push(ids);
            }
            for &s in c.members {
                if graph.source(s).is_some_and(|x| x.derived_from().iter().any(|d| d.source == s)) {
                    cycles.push(vec![s]);
                }
            }
        },
    );
    cycles.sort();
    cycles.dedup();
    cycles
}

/// Every proposition stated by at least `min_claims` claims, with its support grouped by
/// independent origin; most independent origins first, then most claims, then claim order.
///
/// Within a proposition group, the claims of each polarity are clustered: claims whose objects
/// agree in a chain (each agrees with one before it: the same value, or approximate values within
/// the predicate's tolerance, or overlapping dates), then whose time scopes overlap in a chain.
/// A claim carried without endorsement joins, apart, every cluster whose span of values and of
/// times it meets. The clustering sorts values and time bounds: O(g log g) per group of g claims
/// (pair by pair in a group holding a quantity with a negative bound), never the square of the
/// claim count. The origins of every source and claim are resolved once ([`OriginIndex::new`]:
/// O(sources + links + claims)), so that grouping a cluster by origin costs a lookup per claim.
/// From 100,000 claims the groups are split between threads.
///
/// [`corroboration_set`] gives the same answer in a few flat lists, without the vectors each
/// [`Corroboration`] and [`OriginGroup`] allocates: the form to prefer on large graphs.
pub fn corroborations(graph: &ClaimGraph, min_claims: usize) -> Vec<Corroboration> {
    corroboration_set(graph, min_claims).iter().map(|c| c.to_corroboration()).collect()
}

/// [`corroborations`] as a [`CorroborationSet`]: the same propositions in the same order, each
/// read as a [`CorroborationRef`] whose lists are borrowed from the set. Building it allocates a
/// few lists, not vectors per proposition and per origin group.
///
/// Complexity: as [`corroborations`].
pub fn corroboration_set(graph: &ClaimGraph, min_claims: usize) -> CorroborationSet {
    let threads = if graph.claim_count() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from).min(8)
    };
    corroborations_on_threads(graph, min_claims, threads)
}

/// [`corroboration_set`] on `threads` threads: large graphs are scanned by several threads, each
/// over a slice of the groups; the result is sorted afterwards, so it does not depend on the
/// split.
fn corroborations_on_threads(graph: &ClaimGraph, min_claims: usize, threads: usize) -> CorroborationSet {
    let index = OriginIndex::on_threads(graph, threads);
    let cycles = Cycles::new(circular_reporting(graph));
    let scan = |groups: &mut dyn Iterator<Item = (PropositionKey, &[Fact])>, facts: usize| {
        let mut builder = Builder::new(&index, &cycles);
        let mut out = Lists::with_capacity(facts);
        let (mut members, mut carried): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
        for (key, facts) in groups {
            if facts.len() < min_claims {
                continue;
            }
            let Some(predicate) = graph.predicate(key.1) else { continue };
            let tolerance = graph.tolerance_for(predicate).0;
            let ids = |list: &[u32]| list.iter().map(|&i| facts[i as usize].claim).collect::<Vec<_>>();
            for polarity in [Polarity::Affirmed, Polarity::Denied] {
                members.clear();
                members.extend(
                    (0..facts.len() as u32)
                        .filter(|&i| facts[i as usize].votes() && facts[i as usize].polarity == polarity),
                );
                if members.is_empty() || members.len() < min_claims {
                    continue;
                }
                carried.clear();
                carried.extend((0..facts.len() as u32).filter(|&i| {
                    let f = &facts[i as usize];
                    f.carried && f.modality != Modality::Question && f.polarity == polarity
                }));
                if carried.is_empty() && members.len() <= SMALL {
                    small_clusters(tolerance, facts, &members, |cluster| {
                        if cluster.len() >= min_claims {
                            builder.push(&mut out, cluster.iter().map(|&i| facts[i as usize].claim), []);
                        }
                    });
                    continue;
                }
                for (cluster, carriers) in agreeing_clusters(tolerance, facts, &members, &carried) {
                    if cluster.len() >= min_claims {
                        builder.push(&mut out, ids(&cluster), ids(&carriers));
                    }
                }
            }
        }
        out.sort_entries(false);
        out
    };
    let mut lists = if threads <= 1 {
        scan(&mut graph.fact_groups(), graph.claim_count())
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = graph
                .fact_group_parts(threads)
                .map(|part| {
                    s.spawn(move || scan(&mut part.map(|g| (g.key(), g.facts())), graph.claim_count() / threads))
                })
                .collect();
            let mut all = Lists::default();
            for h in handles {
                all.append(h.join().expect("a corroboration scan thread panicked"));
            }
            all
        })
    };
    // Each thread sorted its own entries: the joined list is a run per thread, which a merging
    // sort joins in linear time.
    if threads > 1 {
        lists.sort_entries(true);
    }
    CorroborationSet { lists, cycles: cycles.cycles }
}

/// The claim count from which [`corroborations`] splits its scan between threads.
const PARALLEL_FROM: usize = 100_000;

/// Citation cycles among sources (A cites B cites A): every strongly connected set of two or
/// more sources along derivation links, or a source citing itself. Each cycle is sorted; the
/// list is sorted.
///
/// Complexity: O(sources + derivation links) (Tarjan's algorithm, with an explicit stack: a ring
/// or chain of any length is fine).
pub fn circular_reporting(graph: &ClaimGraph) -> Vec<Vec<SourceId>> {
    let all: Vec<SourceId> = graph.sources().map(|(id, _)| id).collect();
    cycles_reachable_from(graph, &all)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::synth::{self, Config};

    #[test]
    fn the_threads_do_not_change_the_answer() {
        for seed in [1, 2] {
            let graph = synth::generate(&Config { claims: 4_000, seed, ..Config::default() });
            let one = corroborations_on_threads(&graph, 2, 1);
            assert!(one.len() > 100, "seed {seed}: {} propositions", one.len());
            for threads in [2, 3] {
                assert_eq!(corroborations_on_threads(&graph, 2, threads), one, "seed {seed}, {threads} threads");
                let owned: Vec<Corroboration> = one.iter().map(|c| c.to_corroboration()).collect();
                assert!(owned.iter().all(|c| c.independent() >= 1 && c.claims.len() >= 2));
            }
            let (index, many) = (OriginIndex::on_threads(&graph, 1), OriginIndex::on_threads(&graph, 3));
            for (id, _) in graph.claims() {
                assert!(index.origins_of(id).eq(many.origins_of(id)));
            }
        }
    }
}
