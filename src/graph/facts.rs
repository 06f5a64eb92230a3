//! Claims reduced to what the comparison rules need, stored contiguously per proposition group,
//! so that contradiction and corroboration scans read compact arrays instead of whole claims.

use crate::{ActorId, PredicateId};
use std::hash::{BuildHasher, Hash, Hasher};

use super::table::IndexTable;
use std::iter::FusedIterator;

use super::{Arena, ClaimRef, ObjectRef};
use crate::model::{Modality, Polarity, Stance, Unit};
use crate::{ClaimId, PropositionKey, TimeSpec, UnitId, fold_name};

/// The object of a claim in comparable form.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum FactValue {
    /// An actor or a claim, by index (the predicate fixes which).
    Id(u32),
    /// A truth value.
    Bool(bool),
    /// A text, by the hash of its folded form.
    Text(u64),
    /// A date, by its inclusive day bounds (saturated to `i32`).
    Date(i32, i32),
    /// A quantity, by its admissible interval in base units.
    Quantity(f64, f64),
}

/// One claim of a proposition group, in the form the rules compare: 32 bytes, so that a scan
/// reads two facts per cache line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Fact {
    /// The value's payload, as [`Fact::value`] reads it for `kind`.
    a: u64,
    b: u64,
    /// Day bounds of the time the claim is about, saturated to `i32`; unknown is the whole line.
    pub(crate) time: (i32, i32),
    pub(crate) claim: ClaimId,
    kind: Kind,
    pub(crate) polarity: Polarity,
    pub(crate) modality: Modality,
    /// Carried without endorsement ([`Stance::Carried`]): no side of a conflict, no support.
    pub(crate) carried: bool,
}

/// Which [`FactValue`] a [`Fact`] holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Id,
    Bool,
    Text,
    Date,
    Quantity,
}

impl Fact {
    pub(crate) fn new(
        claim: ClaimId,
        polarity: Polarity,
        modality: Modality,
        stance: Stance,
        value: FactValue,
        time: (i32, i32),
    ) -> Fact {
        let (kind, a, b) = match value {
            FactValue::Id(id) => (Kind::Id, u64::from(id), 0),
            FactValue::Bool(x) => (Kind::Bool, u64::from(x), 0),
            FactValue::Text(hash) => (Kind::Text, hash, 0),
            FactValue::Date(lo, hi) => (Kind::Date, lo as u32 as u64, hi as u32 as u64),
            FactValue::Quantity(lo, hi) => (Kind::Quantity, lo.to_bits(), hi.to_bits()),
        };
        Fact { a, b, time, claim, kind, polarity, modality, carried: stance == Stance::Carried }
    }

    /// Whether the claim takes a side: a stance (not carriage) that is not a question.
    #[inline]
    pub(crate) fn votes(&self) -> bool {
        !self.carried && self.modality != Modality::Question
    }

    /// The object in comparable form.
    #[inline]
    pub(crate) fn value(&self) -> FactValue {
        match self.kind {
            Kind::Id => FactValue::Id(self.a as u32),
            Kind::Bool => FactValue::Bool(self.a != 0),
            Kind::Text => FactValue::Text(self.a),
            Kind::Date => FactValue::Date(self.a as u32 as i32, self.b as u32 as i32),
            Kind::Quantity => FactValue::Quantity(f64::from_bits(self.a), f64::from_bits(self.b)),
        }
    }

    /// For an actor, a claim, a truth value or a text (values that agree only when equal), its
    /// kind and payload, equal exactly when the values are; `None` for dates and quantities.
    #[inline]
    pub(crate) fn exact(&self) -> Option<(u8, u64)> {
        match self.kind {
            Kind::Id | Kind::Bool | Kind::Text => Some((self.kind as u8, self.a)),
            Kind::Date | Kind::Quantity => None,
        }
    }

    /// A key that sorts equal values together: the kind, then the payload (a quantity's bounds
    /// by their bits, with -0 read as 0; undefined bounds sort apart and compare unequal).
    pub(crate) fn value_key(&self) -> (u8, u64, u64) {
        match self.kind {
            Kind::Quantity => {
                let bits = |w: u64| (f64::from_bits(w) + 0.0).to_bits();
                (4, bits(self.a), bits(self.b))
            }
            kind => (kind as u8, self.a, self.b),
        }
    }

    #[inline]
    pub(crate) fn overlaps(&self, other: &Fact) -> bool {
        self.time.0 <= other.time.1 && other.time.0 <= self.time.1
    }
}

fn saturate(day: i64) -> i32 {
    i32::try_from(day).unwrap_or(if day < 0 { i32::MIN } else { i32::MAX })
}

/// The hash of a text's folded form: equal for texts [`fold_name`] folds alike.
pub(crate) fn text_hash(text: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    fold_name(text).hash(&mut hasher);
    hasher.finish()
}

pub(crate) fn fact_of(units: &Arena<Unit>, claim: ClaimRef<'_>) -> Fact {
    let factor = |u: UnitId| units.get(u.index()).map_or(f64::NAN, |u| u.factor);
    fact_with(claim, factor, |t| claim.time_at(t).map_or((i32::MIN, i32::MAX), day_bounds))
}

/// A time's inclusive day bounds, saturated to `i32`.
pub(crate) fn day_bounds(t: &TimeSpec) -> (i32, i32) {
    let (lo, hi) = t.bounds();
    (saturate(lo), saturate(hi))
}

/// The fact of a claim, given the factor of each unit and the day bounds of each of the claim
/// store's times (by index).
fn fact_with(claim: ClaimRef<'_>, factor: impl Fn(UnitId) -> f64, bounds: impl Fn(u32) -> (i32, i32)) -> Fact {
    let value = match claim.object_ref() {
        ObjectRef::Actor(a) => FactValue::Id(a.0),
        ObjectRef::Claim(c) => FactValue::Id(c.0),
        ObjectRef::Bool(b) => FactValue::Bool(b),
        ObjectRef::Text(t) => FactValue::Text(text_hash(t)),
        ObjectRef::Date(_) => {
            let (lo, hi) = claim.date_at().map_or((i32::MIN, i32::MAX), &bounds);
            FactValue::Date(lo, hi)
        }
        ObjectRef::Quantity(q) => {
            let factor = factor(q.unit);
            let (lo, hi) = q.amount.bounds();
            FactValue::Quantity(lo * factor, hi * factor)
        }
    };
    let time = claim.about_at().map_or((i32::MIN, i32::MAX), bounds);
    Fact::new(claim.id(), claim.polarity(), claim.modality(), claim.stance(), value, time)
}

/// The facts of many claims, with the units' factors and the times' day bounds looked up once.
pub(crate) struct FactMaker {
    factors: Vec<f64>,
    bounds: Vec<(i32, i32)>,
}

impl FactMaker {
    /// Tables for the claims of a graph with these units and these claim times (by index).
    pub(crate) fn new<'a>(units: &Arena<Unit>, times: impl Iterator<Item = &'a TimeSpec>) -> FactMaker {
        let factors = (0..units.capacity()).map(|i| units.get(i).map_or(f64::NAN, |u| u.factor)).collect();
        FactMaker { factors, bounds: times.map(day_bounds).collect() }
    }

    /// The fact of `claim`: what [`fact_of`] gives.
    pub(crate) fn fact(&self, claim: ClaimRef<'_>) -> Fact {
        let factor = |u: UnitId| self.factors.get(u.index()).copied().unwrap_or(f64::NAN);
        let bounds = |t: u32| self.bounds.get(t as usize).copied().unwrap_or((i32::MIN, i32::MAX));
        fact_with(claim, factor, bounds)
    }
}

/// The claims of one proposition group, in id order; created by
/// [`ClaimGraph::claims_for`](crate::ClaimGraph::claims_for) and
/// [`ClaimGraph::proposition_groups`](crate::ClaimGraph::proposition_groups).
#[derive(Clone, Debug)]
pub struct GroupClaims<'a>(pub(crate) std::slice::Iter<'a, Fact>);

impl Iterator for GroupClaims<'_> {
    type Item = ClaimId;

    fn next(&mut self) -> Option<ClaimId> {
        self.0.next().map(|f| f.claim)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.0.size_hint()
    }
}

impl ExactSizeIterator for GroupClaims<'_> {}
impl FusedIterator for GroupClaims<'_> {}

fn key_hash(key: &PropositionKey) -> u64 {
    std::hash::BuildHasherDefault::<super::hash::IdHasher>::default().hash_one(key)
}

/// A proposition group's place in [`FactStore::facts`], in 32 bytes: the key's three ids, the
/// segment's start, length and room, and the group's summary (its count of related pairs, its
/// count of affirmed facts that take a side). A segment with no room is dead (its group moved or
/// emptied); a live one always has room for at least its facts.
#[derive(Clone, Copy, Debug)]
struct Segment {
    subject: u32,
    predicate: u32,
    /// [`NO_QUALIFIER`] when the group has no qualifier.
    qualifier: u32,
    start: u32,
    len: u32,
    cap: u32,
    /// How many pairs of the group's facts the group's pair relation holds for (see
    /// [`FactStore`]), or [`UNCOUNTED`].
    pairs: u32,
    /// How many of the group's facts take a side ([`Fact::votes`]) and affirm.
    affirmed: u32,
}

const _: () = assert!(std::mem::size_of::<Segment>() == 32);

/// Whether a fact counts in [`Segment::affirmed`].
fn affirms(f: &Fact) -> bool {
    f.votes() && f.polarity == Polarity::Affirmed
}

/// What the fact store keeps of a group beside its facts, for scans that skip groups without
/// reading their facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Summary {
    /// Whether the group's pair relation may hold for two of its facts: false only when the
    /// group is counted and no pair is related.
    pub(crate) paired: bool,
    /// Whether one of its facts takes a side ([`Fact::votes`]) and affirms.
    pub(crate) affirmed: bool,
}

/// The pair count of a group too large to be counted at each edit: its facts are always read.
const UNCOUNTED: u32 = u32::MAX;

/// The largest group whose pairs are counted: an edit then compares the fact added or removed
/// with at most this many others.
const COUNTED_UP_TO: u32 = 64;

/// The size to which an uncounted group must shrink before it is counted again (all its pairs at
/// once); below [`COUNTED_UP_TO`], so that edits to and fro across that size do not count a
/// whole group each time.
const RECOUNT_AT: u32 = COUNTED_UP_TO / 2;

/// The pairs of `facts` that `related` holds for.
fn count_pairs(facts: &[Fact], related: &impl Fn(&Fact, &Fact) -> bool) -> u32 {
    let mut n = 0;
    for (i, a) in facts.iter().enumerate() {
        n += facts[i + 1..].iter().filter(|b| related(a, b)).count() as u32;
    }
    n
}

/// The pair count of a group of `facts`: counted if the group is small enough.
fn pairs_of(facts: &[Fact], related: &impl Fn(&Fact, &Fact) -> bool) -> u32 {
    if facts.len() <= COUNTED_UP_TO as usize { count_pairs(facts, related) } else { UNCOUNTED }
}

/// The order of groups in a compacted layout, as one number: by subject, then qualifier (none
/// last), then predicate, so that the groups of one subject lie together, and the groups of two
/// predicates for the same subject and qualifier (such as the two sides of an exclusion) side
/// by side. Two groups have the same subject and qualifier when their ranks agree above the low
/// 32 bits.
pub(crate) fn layout_rank(key: &PropositionKey) -> u128 {
    rank(key.0.0, key.2.map_or(NO_QUALIFIER, |q| q.0), key.1.0)
}

fn rank(subject: u32, qualifier: u32, predicate: u32) -> u128 {
    u128::from(subject) << 64 | u128::from(qualifier) << 32 | u128::from(predicate)
}

/// The qualifier of a group that has none (actor ids stay below `u32::MAX`).
const NO_QUALIFIER: u32 = u32::MAX;

impl Segment {
    fn new(key: PropositionKey, start: u32, len: u32, cap: u32) -> Segment {
        let (subject, predicate, qualifier) = key;
        Segment {
            subject: subject.0,
            predicate: predicate.0,
            qualifier: qualifier.map_or(NO_QUALIFIER, |q| q.0),
            start,
            len,
            cap,
            pairs: 0,
            affirmed: 0,
        }
    }

    #[inline]
    fn summary(&self) -> Summary {
        Summary { paired: self.pairs != 0, affirmed: self.affirmed != 0 }
    }

    #[inline]
    fn key(&self) -> PropositionKey {
        let qualifier = (self.qualifier != NO_QUALIFIER).then_some(ActorId(self.qualifier));
        (ActorId(self.subject), PredicateId(self.predicate), qualifier)
    }

    #[inline]
    fn is(&self, key: &PropositionKey) -> bool {
        self.subject == key.0.0 && self.predicate == key.1.0 && self.qualifier == key.2.map_or(NO_QUALIFIER, |q| q.0)
    }

    #[inline]
    fn live(&self) -> bool {
        self.cap > 0
    }

    /// Where the group goes in a compacted layout (see [`layout_rank`]).
    fn rank(&self) -> u128 {
        rank(self.subject, self.qualifier, self.predicate)
    }

    #[inline]
    fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

/// A live group of a [`FactStore`], read field by field.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Group<'a> {
    store: &'a FactStore,
    seg: &'a Segment,
}

impl<'a> Group<'a> {
    #[inline]
    pub(crate) fn predicate(self) -> PredicateId {
        PredicateId(self.seg.predicate)
    }

    #[inline]
    pub(crate) fn summary(self) -> Summary {
        self.seg.summary()
    }

    #[inline]
    pub(crate) fn key(self) -> PropositionKey {
        self.seg.key()
    }

    /// Its place in a compacted layout ([`layout_rank`]).
    #[inline]
    pub(crate) fn rank(self) -> u128 {
        self.seg.rank()
    }

    #[inline]
    pub(crate) fn facts(self) -> &'a [Fact] {
        &self.store.facts[self.seg.range()]
    }
}

/// Every group's facts in one array, each group a contiguous segment, segments in the order they
/// were laid out: a scan over all groups reads memory sequentially. A group that outgrows its
/// segment moves to the end of the array (leaving a hole); the store compacts itself when holes
/// take more than half of it. Building and compacting lay the groups out in [`layout_rank`]
/// order; a group added or moved since goes at the end, and the store remembers whether the live
/// groups are still in that order.
///
/// Each group also keeps a summary for scans: how many of its facts take a side and affirm, and
/// how many pairs of its facts a relation holds for. The caller passes the relation with every edit (the same one for
/// every edit of a group, symmetric; for the graph, whether two facts may conflict by the rules
/// of the group's predicate), so that a scan skips the groups where it holds for no pair without
/// reading their facts. Counting costs one comparison with each other fact of the group per edit,
/// so groups of more than [`COUNTED_UP_TO`] facts are not counted: they are always read.
#[derive(Clone, Debug, Default)]
pub(crate) struct FactStore {
    facts: Vec<Fact>,
    segments: Vec<Segment>,
    /// The live segment of each group, by key (the keys are those of the segments).
    by_key: IndexTable,
    live_groups: usize,
    holes: usize,
    /// Whether a live group may lie out of [`layout_rank`] order.
    unsorted: bool,
}

const FILLER: Fact = Fact {
    a: 0,
    b: 0,
    time: (0, 0),
    claim: ClaimId(u32::MAX),
    kind: Kind::Bool,
    polarity: Polarity::Affirmed,
    modality: Modality::Question,
    carried: false,
};

impl FactStore {
    /// The bytes of heap of the facts, and of the segments with their table.
    pub(crate) fn heap_bytes(&self) -> [usize; 2] {
        [
            self.facts.capacity() * std::mem::size_of::<Fact>(),
            self.segments.capacity() * std::mem::size_of::<Segment>() + self.by_key.heap_bytes(),
        ]
    }

    pub(crate) fn get(&self, key: &PropositionKey) -> &[Fact] {
        match self.segment_of(key) {
            Some(s) => &self.facts[self.segments[s as usize].range()],
            None => &[],
        }
    }

    /// The facts of group `key`, and its summary.
    pub(crate) fn get_summarized(&self, key: &PropositionKey) -> (&[Fact], Summary) {
        match self.segment_of(key) {
            Some(s) => {
                let seg = &self.segments[s as usize];
                (&self.facts[seg.range()], seg.summary())
            }
            None => (&[], Summary { paired: false, affirmed: false }),
        }
    }

    /// Every live group, in layout order.
    pub(crate) fn groups(&self) -> impl Iterator<Item = (PropositionKey, &[Fact])> + '_ {
        self.groups_in(0..self.segments.len()).map(|g| (g.key(), g.facts()))
    }

    /// The live groups among segments `range` (for splitting a scan between threads), read
    /// lazily: a scan that skips a group by its predicate and summary reads nothing else of it.
    pub(crate) fn groups_in(&self, range: std::ops::Range<usize>) -> impl Iterator<Item = Group<'_>> + '_ {
        self.segments[range].iter().filter(|s| s.live()).map(|seg| Group { store: self, seg })
    }

    /// How many segments the store holds (live or not): the bound for [`groups_in`](Self::groups_in).
    pub(crate) fn segment_count(&self) -> usize {
        self.segments.len()
    }

    /// The live segment of group `key`.
    #[inline]
    fn segment_of(&self, key: &PropositionKey) -> Option<u32> {
        self.by_key.find(key_hash(key), |s| self.segments[s as usize].is(key))
    }

    /// Adds a live segment and indexes it by its key.
    fn push_segment(&mut self, segment: Segment) {
        if self.segments.last().is_some_and(|last| last.rank() >= segment.rank()) {
            self.unsorted = true;
        }
        let index = self.segments.len() as u32;
        self.segments.push(segment);
        let segments = &self.segments;
        self.by_key.insert_unique(key_hash(&segment.key()), index, |s| key_hash(&segments[s as usize].key()));
        self.live_groups += 1;
    }

    /// Forgets the live segment of `key`.
    fn forget_segment(&mut self, key: &PropositionKey) {
        let segments = &self.segments;
        if self.by_key.remove(key_hash(key), |s| segments[s as usize].is(key)).is_some() {
            self.live_groups -= 1;
        }
    }

    /// Adds a fact to its group, keeping the group in claim-id order; `related` is the group's
    /// pair relation (see [`FactStore`]).
    pub(crate) fn insert(&mut self, key: PropositionKey, fact: Fact, related: impl Fn(&Fact, &Fact) -> bool) {
        let Some(si) = self.segment_of(&key) else {
            let start = self.facts.len() as u32;
            self.facts.push(fact);
            self.push_segment(Segment { affirmed: u32::from(affirms(&fact)), ..Segment::new(key, start, 1, 1) });
            return;
        };
        let mut seg = self.segments[si as usize];
        let pairs = if seg.pairs == UNCOUNTED || seg.len >= COUNTED_UP_TO {
            UNCOUNTED
        } else {
            seg.pairs + self.facts[seg.range()].iter().filter(|other| related(&fact, other)).count() as u32
        };
        if seg.len == seg.cap && (seg.start + seg.cap) as usize == self.facts.len() {
            // The group ends the array: it grows in place.
            let cap = (seg.cap * 2).max(2);
            self.facts.resize(seg.start as usize + cap as usize, FILLER);
            self.segments[si as usize].cap = cap;
        } else if seg.len == seg.cap {
            // Move the group to the end with room to grow.
            let (old, cap) = (seg.start as usize, (seg.cap * 2).max(2));
            let start = self.facts.len();
            self.facts.extend_from_within(old..old + seg.len as usize);
            self.facts.resize(start + cap as usize, FILLER);
            self.holes += seg.cap as usize;
            self.forget_segment(&key);
            self.segments[si as usize].cap = 0;
            seg = Segment { start: start as u32, cap, ..seg };
            self.push_segment(seg);
        }
        let si = self.segment_of(&key).expect("the group was just found or moved") as usize;
        self.segments[si].pairs = pairs;
        self.segments[si].affirmed += u32::from(affirms(&fact));
        let range = self.segments[si].start as usize..(self.segments[si].start + self.segments[si].len) as usize;
        let at = range.start + self.facts[range.clone()].partition_point(|f| f.claim < fact.claim);
        self.facts.copy_within(at..range.end, at + 1);
        self.facts[at] = fact;
        self.segments[si].len += 1;
        self.maybe_compact();
    }

    /// Removes a claim's fact from its group; `related` is the group's pair relation (see
    /// [`FactStore`]).
    pub(crate) fn remove(&mut self, key: PropositionKey, claim: ClaimId, related: impl Fn(&Fact, &Fact) -> bool) {
        let Some(si) = self.segment_of(&key) else { return };
        let seg = self.segments[si as usize];
        let range = seg.start as usize..(seg.start + seg.len) as usize;
        let Some(pos) = self.facts[range.clone()].iter().position(|f| f.claim == claim) else { return };
        let removed = self.facts[range.start + pos];
        self.facts.copy_within(range.start + pos + 1..range.end, range.start + pos);
        self.segments[si as usize].len -= 1;
        self.segments[si as usize].affirmed -= u32::from(affirms(&removed));
        let rest = &self.facts[range.start..range.end - 1];
        self.segments[si as usize].pairs = match seg.pairs {
            UNCOUNTED if rest.len() <= RECOUNT_AT as usize => count_pairs(rest, &related),
            UNCOUNTED => UNCOUNTED,
            n => n - rest.iter().filter(|other| related(&removed, other)).count() as u32,
        };
        if seg.len == 1 {
            self.holes += seg.cap as usize;
            self.forget_segment(&key);
            self.segments[si as usize].cap = 0;
        }
        self.maybe_compact();
    }

    fn maybe_compact(&mut self) {
        if self.holes > 1024 && self.holes * 2 > self.facts.len() {
            // Each group keeps its room: a tight layout would make every next insert move a group.
            self.compact(false);
        }
    }

    /// A store holding the facts of `claims` (the live claims with their proposition keys, in
    /// claim-id order; `fact` makes a claim's fact, whose id orders claims of one group), laid
    /// out group by group, groups by key, for
    /// loading. Subjects are below `subjects` (but for claims not checked yet: see below).
    /// `relation` gives each group's pair relation (see [`FactStore`]).
    ///
    /// The claims are counted by subject and their facts placed straight into the store's array,
    /// bucket by bucket, each with the rest of its key (predicate and qualifier) in a side array
    /// of 8 bytes a claim; each bucket (a few dozen claims) is then sorted by key and id. Linear
    /// work but for the small sorts, and nothing allocated but the store and the side array.
    pub(crate) fn build<C: Copy, I, R: Fn(&Fact, &Fact) -> bool>(
        subjects: usize,
        claims: impl Fn() -> I,
        fact: impl Fn(C) -> Fact,
        relation: impl Fn(&PropositionKey) -> R,
    ) -> FactStore
    where
        I: Iterator<Item = (C, PropositionKey)>,
    {
        // Each subject's count, then (in place) where its bucket ends, then (as the facts are
        // placed from the last) where it starts; the last entry is where the last bucket ends.
        let mut bounds = vec![0u32; subjects + 1];
        let mut strays = false;
        for (_, key) in claims() {
            match bounds.get_mut(key.0.index()).filter(|_| key.0.index() < subjects) {
                Some(count) => *count += 1,
                None => strays = true,
            }
        }
        if strays {
            // A claim whose subject is no actor: the checks beside this refuse the graph, so the
            // store only has to be built without failing.
            return Self::by_sorting(claims().map(|(claim, key)| (key, fact(claim))).collect(), relation);
        }
        let mut at = 0;
        for b in &mut bounds {
            at += *b;
            *b = at;
        }
        let n = at as usize;
        let mut facts = vec![FILLER; n];
        // The predicate and qualifier of each placed fact (its subject is its bucket's).
        let mut rest = vec![0u64; n];
        for (claim, key) in claims() {
            let end = &mut bounds[key.0.index()];
            *end -= 1;
            facts[*end as usize] = fact(claim);
            // The low 64 bits of the layout rank: qualifier (none last), then predicate.
            rest[*end as usize] = layout_rank(&key) as u64;
        }
        // Each bucket in key and id order, through a permutation of its places; and its groups.
        let mut order: Vec<(u64, u32, u32)> = Vec::new();
        let mut sorted: Vec<Fact> = Vec::new();
        let mut groups = 0;
        for b in 0..subjects {
            let run = bounds[b] as usize..bounds[b + 1] as usize;
            if run.len() > 1 {
                order.clear();
                order.extend(run.clone().map(|i| (rest[i], facts[i].claim.0, i as u32)));
                order.sort_unstable();
                sorted.clear();
                sorted.extend(order.iter().map(|&(_, _, i)| facts[i as usize]));
                facts[run.clone()].copy_from_slice(&sorted);
                for (slot, &(key, _, _)) in rest[run.clone()].iter_mut().zip(&order) {
                    *slot = key;
                }
            }
            groups += run.clone().filter(|&i| i == run.start || rest[i] != rest[i - 1]).count();
        }
        drop((order, sorted));
        let mut segments: Vec<Segment> = Vec::with_capacity(groups);
        for b in 0..subjects {
            for i in bounds[b] as usize..bounds[b + 1] as usize {
                match segments.last_mut() {
                    Some(seg) if i > bounds[b] as usize && rest[i] == rest[i - 1] => {
                        seg.len += 1;
                        seg.cap += 1;
                    }
                    _ => {
                        let qualifier = (rest[i] >> 32) as u32;
                        let qualifier = (qualifier != NO_QUALIFIER).then_some(ActorId(qualifier));
                        let key = (ActorId(b as u32), PredicateId(rest[i] as u32), qualifier);
                        segments.push(Segment::new(key, i as u32, 1, 1));
                    }
                }
            }
        }
        drop(rest);
        Self::with_segments(facts, segments, relation)
    }

    /// A store of these facts with their keys, sorted by layout rank and claim id.
    fn by_sorting<R: Fn(&Fact, &Fact) -> bool>(
        mut all: Vec<(PropositionKey, Fact)>,
        relation: impl Fn(&PropositionKey) -> R,
    ) -> FactStore {
        all.sort_unstable_by_key(|(k, f)| (layout_rank(k), f.claim));
        let mut facts = Vec::with_capacity(all.len());
        let mut segments: Vec<Segment> = Vec::new();
        for (key, fact) in all {
            match segments.last_mut() {
                Some(seg) if seg.is(&key) => {
                    seg.len += 1;
                    seg.cap += 1;
                }
                _ => segments.push(Segment::new(key, facts.len() as u32, 1, 1)),
            }
            facts.push(fact);
        }
        segments.shrink_to_fit();
        Self::with_segments(facts, segments, relation)
    }

    /// A store of these facts, laid out in these segments (every one live, without room), each
    /// group summarised by `relation` (see [`FactStore`]).
    fn with_segments<R: Fn(&Fact, &Fact) -> bool>(
        facts: Vec<Fact>,
        mut segments: Vec<Segment>,
        relation: impl Fn(&PropositionKey) -> R,
    ) -> FactStore {
        for seg in &mut segments {
            let group = &facts[seg.range()];
            seg.pairs = pairs_of(group, &relation(&seg.key()));
            seg.affirmed = group.iter().filter(|f| affirms(f)).count() as u32;
        }
        let mut by_key = IndexTable::with_capacity(segments.len());
        for (i, s) in segments.iter().enumerate() {
            by_key.insert_unique(key_hash(&s.key()), i as u32, |j| key_hash(&segments[j as usize].key()));
        }
        let unsorted = !segments.windows(2).all(|w| w[0].rank() < w[1].rank());
        FactStore { facts, live_groups: segments.len(), segments, by_key, holes: 0, unsorted }
    }

    /// Counts again the pairs of every live group for which `relation` gives a pair relation
    /// (after the relation of those groups changed); the other groups keep their counts.
    pub(crate) fn recount<R: Fn(&Fact, &Fact) -> bool>(&mut self, relation: impl Fn(&PropositionKey) -> Option<R>) {
        for seg in self.segments.iter_mut().filter(|s| s.live()) {
            if let Some(related) = relation(&seg.key()) {
                seg.pairs = pairs_of(&self.facts[seg.range()], &related);
            }
        }
    }

    /// Whether every live group's summary is what counting its facts now gives (for tests).
    #[cfg(test)]
    pub(crate) fn summaries_are_exact<R: Fn(&Fact, &Fact) -> bool>(
        &self,
        relation: impl Fn(&PropositionKey) -> R,
    ) -> bool {
        self.segments.iter().filter(|s| s.live()).all(|seg| {
            let facts = &self.facts[seg.range()];
            let pairs = (seg.pairs == UNCOUNTED && facts.len() > RECOUNT_AT as usize)
                || seg.pairs == count_pairs(facts, &relation(&seg.key()));
            pairs && seg.affirmed == facts.iter().filter(|f| affirms(f)).count() as u32
        })
    }

    /// Lays the live groups out again back to back, without holes; `tight`, without spare room
    /// either (after a bulk of edits), else each group keeping its room to grow.
    pub(crate) fn compact(&mut self, tight: bool) {
        let room = |s: &Segment| if tight { s.len } else { s.cap };
        let size: usize = self.segments.iter().filter(|s| s.live()).map(|s| room(s) as usize).sum();
        let mut facts = Vec::with_capacity(size);
        let mut segments = Vec::with_capacity(self.live_groups);
        let mut live: Vec<&Segment> = self.segments.iter().filter(|s| s.live()).collect();
        live.sort_unstable_by_key(|s| s.rank());
        for s in live {
            let start = facts.len() as u32;
            let cap = room(s);
            facts.extend_from_slice(&self.facts[s.range()]);
            facts.resize(start as usize + cap as usize, FILLER);
            segments.push(Segment { start, cap, ..*s });
        }
        let mut by_key = IndexTable::with_capacity(segments.len());
        for (i, s) in segments.iter().enumerate() {
            by_key.insert_unique(key_hash(&s.key()), i as u32, |j| key_hash(&segments[j as usize].key()));
        }
        self.facts = facts;
        self.segments = segments;
        self.by_key = by_key;
        self.holes = 0;
        self.unsorted = false;
    }

    /// Whether the live groups lie in [`layout_rank`] order (as building and compacting lay
    /// them out): then the groups between two groups in the layout are all the groups between
    /// them in rank.
    pub(crate) fn sorted(&self) -> bool {
        !self.unsorted
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;

    /// A pair relation for the tests: facts whose claim ids sum to a multiple of 3.
    fn related(a: &Fact, b: &Fact) -> bool {
        (a.claim.0 + b.claim.0).is_multiple_of(3)
    }

    fn fact(claim: u32) -> Fact {
        Fact::new(ClaimId(claim), Polarity::Affirmed, Modality::Asserted, Stance::Own, FactValue::Id(claim), (0, 0))
    }

    /// Whether the live groups lie in rank order, when the store says they do.
    fn sorted_if_said(store: &FactStore) -> bool {
        let ranks: Vec<u128> = store.groups().map(|(k, _)| layout_rank(&k)).collect();
        !store.sorted() || ranks.windows(2).all(|w| w[0] < w[1])
    }

    /// The store's groups as a sorted map, for comparing with a model.
    fn groups(store: &FactStore) -> BTreeMap<PropositionKey, Vec<u32>> {
        store.groups().map(|(k, facts)| (k, facts.iter().map(|f| f.claim.0).collect())).collect()
    }

    /// The summary of a group stays exact as it grows past the counted size, shrinks back to be
    /// counted again, and grows again; and a scan skips a group exactly when no pair is related.
    #[test]
    fn summaries_follow_a_group_across_the_counted_size() {
        let key = (ActorId(1), PredicateId(2), None);
        let mut store = FactStore::default();
        let denied = |claim: u32| {
            let f = fact(claim);
            Fact::new(f.claim, Polarity::Denied, Modality::Asserted, Stance::Own, FactValue::Id(claim), (0, 0))
        };
        let mut live = Vec::new();
        let mut claim = 0u32;
        for round in 0..3 {
            while live.len() < 100 {
                claim += 1;
                store.insert(key, if claim.is_multiple_of(4) { denied(claim) } else { fact(claim) }, related);
                live.push(claim);
                assert!(store.summaries_are_exact(|_| related), "round {round}, {} facts", live.len());
            }
            while live.len() > 3 {
                let victim = live.remove((claim as usize * 7 + live.len()) % live.len());
                store.remove(key, ClaimId(victim), related);
                assert!(store.summaries_are_exact(|_| related), "round {round}, {} facts", live.len());
            }
        }
        // Three facts left: whether the scan reads them is whether two are related.
        let (facts, summary) = store.get_summarized(&key);
        let related_pairs = (0..3).any(|i| (i + 1..3).any(|j| related(&facts[i], &facts[j])));
        assert_eq!(summary.paired, related_pairs);
        assert_eq!(summary.affirmed, facts.iter().any(|f| f.polarity == Polarity::Affirmed));
        assert_eq!(
            store.get_summarized(&(ActorId(9), PredicateId(9), None)).1,
            Summary { paired: false, affirmed: false }
        );
    }

    #[test]
    fn inserts_and_removals_match_a_map_of_groups_through_growth_and_compaction() {
        let keys: Vec<PropositionKey> =
            (0..40u32).map(|i| (ActorId(i % 7), PredicateId(i % 3), (i % 2 == 0).then_some(ActorId(i)))).collect();
        let mut store = FactStore::default();
        let mut model: BTreeMap<PropositionKey, Vec<u32>> = BTreeMap::new();
        let mut x = 7u32;
        for claim in 0..30_000u32 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let key = keys[(x >> 16) as usize % keys.len()];
            let group = model.entry(key).or_default();
            if claim % 3 == 2 && !group.is_empty() {
                let victim = group.remove((x as usize >> 4) % group.len());
                if group.is_empty() {
                    model.remove(&key);
                }
                store.remove(key, ClaimId(victim), related);
            } else {
                group.push(claim);
                store.insert(key, fact(claim), related);
            }
            if claim == 20_000 {
                store.compact(true);
                assert!(store.sorted());
            }
            if claim % 997 == 0 {
                assert!(sorted_if_said(&store), "after {claim} edits");
            }
        }
        assert_eq!(groups(&store), model);
        assert!(store.summaries_are_exact(|_| related));
        for (key, claims) in &model {
            let got: Vec<u32> = store.get(key).iter().map(|f| f.claim.0).collect();
            assert_eq!(&got, claims);
        }
        store.compact(false);
        assert_eq!(groups(&store), model);
        assert!(store.sorted() && sorted_if_said(&store));
        store.compact(true);
        assert_eq!(groups(&store), model);
        assert!(store.sorted() && sorted_if_said(&store));
        assert_eq!(store.facts.len(), model.values().map(Vec::len).sum::<usize>());
        assert!(store.summaries_are_exact(|_| related));
        // A group added after the last one in rank keeps the layout sorted; one before it does not.
        store.insert((ActorId(1000), PredicateId(0), None), fact(50_000), related);
        assert!(store.sorted() && sorted_if_said(&store));
        store.insert((ActorId(0), PredicateId(0), Some(ActorId(5))), fact(50_001), related);
        assert!(!store.sorted());
        assert!(store.get(&(ActorId(99), PredicateId(0), None)).is_empty());
    }

    /// The bulk build of loading (by subject buckets, and by sorting when a subject is out of
    /// range) lays the groups out in rank order, with the groups and summaries of inserting the
    /// facts one by one.
    #[test]
    fn bulk_builds_lay_groups_out_in_rank_order() {
        let keys: Vec<PropositionKey> = (0..60u32)
            .map(|i| (ActorId(i % 5), PredicateId((i * 7) % 4), (i % 3 != 0).then_some(ActorId(i % 4))))
            .collect();
        let claims: Vec<(u32, PropositionKey)> =
            (0..5_000u32).map(|c| (c, keys[(c as usize * 31 + c as usize / 7) % keys.len()])).collect();
        let mut one_by_one = FactStore::default();
        for &(c, key) in &claims {
            one_by_one.insert(key, fact(c), related);
        }
        for subjects in [5, 3] {
            // Three subjects leave claims out of range: the build falls back to sorting.
            let store = FactStore::build(subjects, || claims.iter().copied(), fact, |_| related);
            assert!(store.sorted() && sorted_if_said(&store), "{subjects} subjects");
            assert_eq!(groups(&store), groups(&one_by_one));
            assert!(store.summaries_are_exact(|_| related));
        }
    }
}
