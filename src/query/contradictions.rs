//! Contradictions: claims that cannot all hold, with the rule that fired and a ranking.

use crate::ClaimRef;
use std::fmt::Write as _;

use super::compare::{Agreement, compare_facts, modality_weight, relative_gap};
use super::words::{describe_time, describe_value, percent_pair};
use crate::graph::{Fact, FactValue};
use crate::model::{Cardinality, Defaults, Polarity, Stance, ToleranceOrigin, Value};
use crate::{ClaimGraph, ClaimId, ConflictId, PredicateId, PropositionKey};

/// The rule that found a contradiction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    /// An analyst recorded the conflict in the data.
    Recorded,
    /// The same proposition affirmed by one claim and denied by another.
    Polarity,
    /// A claim whose predicate rebuts claims (`denies`, `disputes`) is about another claim.
    Rebuttal,
    /// Different values of a single-valued predicate.
    SingleValue,
    /// Quantities that disagree beyond the predicate's tolerance after normalisation.
    Quantity,
    /// Predicates the vocabulary declares mutually exclusive, for the same subject and object.
    Exclusion,
}

impl Rule {
    /// A short name, as used in JSON output (`polarity`, `single-value`...).
    pub fn name(self) -> &'static str {
        match self {
            Rule::Recorded => "recorded",
            Rule::Polarity => "polarity",
            Rule::Rebuttal => "rebuttal",
            Rule::SingleValue => "single-value",
            Rule::Quantity => "quantity",
            Rule::Exclusion => "exclusion",
        }
    }

    fn base_strength(self) -> f64 {
        match self {
            Rule::Recorded => 1.0,
            Rule::Polarity => 0.95,
            Rule::Rebuttal => 0.9,
            Rule::SingleValue => 0.85,
            Rule::Exclusion => 0.8,
            Rule::Quantity => 0.6,
        }
    }
}

/// Claims that cannot all hold, found by [`contradictions`].
#[derive(Clone, Debug, PartialEq)]
pub struct Contradiction {
    /// The rule that fired.
    pub rule: Rule,
    /// The claims, in id order (for a rebuttal: the rebutted claim first).
    pub claims: Vec<ClaimId>,
    /// From 0 to 1: the rule's weight times the weakest claim's modality weight (a hedged or
    /// predicted claim makes a weaker conflict than two assertions); quantity conflicts grow with
    /// the gap.
    pub strength: f64,
    /// The analyst's record, for [`Rule::Recorded`].
    pub conflict: Option<ConflictId>,
    /// One claim of each side and the size of each side, from which [`Contradiction::reason`]
    /// words the conflict (the words are made on demand: a scan of a large graph makes none).
    sides: Option<Sides>,
}

/// The two sides of a contradiction: a representative claim and a count for each.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Sides {
    a: ClaimId,
    a_count: u32,
    b: ClaimId,
    b_count: u32,
}

impl Contradiction {
    fn found(rule: Rule, claims: Vec<ClaimId>, strength: f64, sides: Sides) -> Contradiction {
        Contradiction { rule, claims, strength, conflict: None, sides: Some(sides) }
    }

    /// Why the rule fired, in words: the values on each side and how many claims give them, the
    /// gap between quantities, the excluding predicates, or the analyst's note.
    pub fn reason(&self, graph: &ClaimGraph) -> String {
        if let Some(k) = self.conflict.and_then(|k| graph.conflict(k)) {
            return k.note.clone();
        }
        let Some(sides) = self.sides else { return String::new() };
        let (Some(a), Some(b)) = (graph.claim(sides.a), graph.claim(sides.b)) else { return String::new() };
        let name = |id| graph.actor(id).map_or("?", |x| x.name());
        let predicate = |c: ClaimRef<'_>| graph.predicate(c.predicate()).map_or("?", |p| p.key.as_str());
        let qualifier = a.qualifier().map(|q| format!(" [{}]", name(q))).unwrap_or_default();
        let (va, vb) = (describe_value(graph, &a.object()), describe_value(graph, &b.object()));
        let (na, nb) = (sides.a_count, sides.b_count);
        match self.rule {
            Rule::Recorded => String::new(),
            Rule::Polarity => {
                let (affirmed, denied) = if a.polarity() == Polarity::Affirmed { (na, nb) } else { (nb, na) };
                format!(
                    "{} {}{qualifier} {va}: affirmed by {affirmed} claim(s), denied by {denied} claim(s)",
                    name(a.subject()),
                    predicate(a)
                )
            }
            Rule::SingleValue => format!(
                "{} {}{qualifier} takes one value at a time, but {na} claim(s) give {va} and {nb} claim(s) give {vb}",
                name(a.subject()),
                predicate(a)
            ),
            Rule::Quantity => {
                let gap = match (&a.object(), &b.object()) {
                    (Value::Quantity(x), Value::Quantity(y)) => super::compare::normalized_bounds(graph, x)
                        .zip(super::compare::normalized_bounds(graph, y))
                        .map_or(f64::INFINITY, |(x, y)| relative_gap(x, y)),
                    _ => f64::INFINITY,
                };
                let (tol, origin) = graph
                    .predicate(a.predicate())
                    .map_or((Defaults::TOLERANCE, ToleranceOrigin::Crate), |p| graph.tolerance_for(p));
                let (gap, tol) = percent_pair(gap, tol);
                format!(
                    "{} {}{qualifier}: {va} ({na} claim(s)) vs {vb} ({nb} claim(s)) differ by {gap} of the larger value after normalisation, beyond {} tolerance of {tol}",
                    name(a.subject()),
                    predicate(a),
                    origin.describe(),
                )
            }
            Rule::Exclusion => format!(
                "{} cannot both {} and {} {va}: the vocabulary declares the predicates mutually exclusive",
                name(a.subject()),
                predicate(a),
                predicate(b)
            ),
            Rule::Rebuttal => {
                format!("{} {} claim {} by {}", name(b.said_by()), predicate(b), a.key(), name(a.said_by()))
            }
        }
    }

    /// A multi-line explanation a person can check: the rule, the reason, and for each claim its
    /// speaker, source, time scope and quote.
    pub fn explain(&self, graph: &ClaimGraph) -> String {
        let mut out = format!("[{}] strength {:.2}: {}", self.rule.name(), self.strength, self.reason(graph));
        for &id in &self.claims {
            if let Some(c) = graph.claim(id) {
                let _ = write!(out, "\n  {}", describe_claim(graph, c));
            }
        }
        out
    }
}

/// Where the rules put the contradictions they find.
pub(crate) trait Found {
    /// One contradiction; `claims` in id order.
    fn found(&mut self, rule: Rule, claims: impl ExactSizeIterator<Item = ClaimId>, strength: f64, sides: Sides);
}

impl Found for Vec<Contradiction> {
    fn found(&mut self, rule: Rule, claims: impl ExactSizeIterator<Item = ClaimId>, strength: f64, sides: Sides) {
        self.push(Contradiction::found(rule, claims.collect(), strength, sides));
    }
}

/// Contradictions packed into one buffer of words, for
/// [`ContradictionIndex`](super::ContradictionIndex): keeping a group's contradictions costs one
/// allocation, rather than one per contradiction plus one for the list.
///
/// The words: the number of contradictions, then for each its rule, its claim count, its strength
/// (two words, low first), its sides (`a`, `a_count`, `b`, `b_count`) and its claims.
#[derive(Clone, Default)]
pub(crate) struct Packed(Box<[u32]>);

/// The words of a packed contradiction before its claims.
const PACKED_HEADER: usize = 8;

impl Packed {
    /// How many contradictions are packed.
    pub(crate) fn len(&self) -> usize {
        self.0.first().map_or(0, |&n| n as usize)
    }

    /// The contradictions, in the order they were found.
    pub(crate) fn unpack(&self) -> impl Iterator<Item = Contradiction> + '_ {
        let mut rest = self.0.get(1..).unwrap_or_default();
        (0..self.len()).map(move |_| {
            let (header, tail) = rest.split_at(PACKED_HEADER);
            let (claims, tail) = tail.split_at(header[1] as usize);
            rest = tail;
            let rule = RULES[header[0] as usize];
            let strength = f64::from_bits(u64::from(header[2]) | u64::from(header[3]) << 32);
            let sides = Sides { a: ClaimId(header[4]), a_count: header[5], b: ClaimId(header[6]), b_count: header[7] };
            Contradiction::found(rule, claims.iter().map(|&c| ClaimId(c)).collect(), strength, sides)
        })
    }
}

impl std::fmt::Debug for Packed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.unpack()).finish()
    }
}

/// Contradictions packed as they are found, to be kept as a [`Packed`].
#[derive(Debug, Default)]
pub(crate) struct PackedFound {
    count: u32,
    words: Vec<u32>,
}

impl Found for PackedFound {
    fn found(&mut self, rule: Rule, claims: impl ExactSizeIterator<Item = ClaimId>, strength: f64, sides: Sides) {
        let Sides { a, a_count, b, b_count } = sides;
        let strength = strength.to_bits();
        self.count += 1;
        self.words.reserve(PACKED_HEADER + claims.len());
        self.words.extend([rule as u32, claims.len() as u32, strength as u32, (strength >> 32) as u32]);
        self.words.extend([a.0, a_count, b.0, b_count]);
        self.words.extend(claims.map(|c| c.0));
    }
}

impl PackedFound {
    pub(crate) fn is_empty(&self) -> bool {
        self.count == 0
    }

    /// The contradictions found since the last call, packed; leaves none.
    pub(crate) fn take(&mut self) -> Packed {
        let mut words = Vec::with_capacity(1 + self.words.len());
        words.push(self.count);
        words.extend_from_slice(&self.words);
        self.count = 0;
        self.words.clear();
        Packed(words.into_boxed_slice())
    }
}

/// Every rule, in declaration order (`RULES[rule as usize] == rule`).
const RULES: [Rule; 6] =
    [Rule::Recorded, Rule::Polarity, Rule::Rebuttal, Rule::SingleValue, Rule::Quantity, Rule::Exclusion];

/// One line on a claim: key, speaker, mode, source, time scope and quote.
pub fn describe_claim(graph: &ClaimGraph, c: ClaimRef<'_>) -> String {
    let speaker = graph.actor(c.said_by()).map_or("?", |a| a.name());
    let source = graph.source(c.source()).map_or("?", |s| s.key());
    let about = c.about().map(|t| format!(" about {}", describe_time(&t))).unwrap_or_default();
    let words = match c.unquoted() {
        Some(reason) => format!("(no quote: {reason})"),
        None => format!("\"{}\"", c.quote()),
    };
    let stance = if c.stance() == Stance::Carried { ", carried without endorsement" } else { "" };
    format!("{} ({:?}, {:?}{stance}) by {speaker} in {source}{about}: {words}", c.key(), c.polarity(), c.modality())
}

/// Every contradiction in the graph, strongest first (ties in rule, then claim order).
///
/// Claims are compared only within their proposition group (same subject, predicate and
/// qualifier), or with the groups of excluded predicates, so the cost is one pass over the
/// groups plus, within a group, the work to cluster its claims by agreement: never the square of
/// the claim count. Claims whose time scopes do not overlap never contradict; questions never
/// contradict; approximate quantities are ranges, compared after unit normalisation within the
/// predicate's tolerance. From 100,000 claims on, the scan is split between the machine's cores.
///
/// ```
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let found = claimgraph::query::contradictions(&graph);
/// assert!(!found.is_empty());
/// assert!(found.windows(2).all(|w| w[0].strength >= w[1].strength));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn contradictions(graph: &ClaimGraph) -> Vec<Contradiction> {
    let excluded = excluded_above(graph);
    let scan = |groups: &mut dyn Iterator<Item = (PropositionKey, &[Fact])>| {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for (key, facts) in groups {
            group_contradictions(graph, key, facts, &mut scratch, &mut out);
            for &q in &excluded[key.1.index()] {
                exclusion_group(graph, key, facts, q, graph.facts_for((key.0, q, key.2)), &mut out);
            }
            rebuttal_group(graph, key, facts, &mut out);
        }
        out
    };
    // Large graphs are scanned by several threads, each over a slice of the groups; the result
    // is sorted afterwards, so it does not depend on the split.
    let threads = if graph.claim_count() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from).min(8)
    };
    let mut out = if threads == 1 {
        scan(&mut graph.fact_groups())
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> =
                graph.fact_group_parts(threads).map(|mut part| s.spawn(move || scan(&mut part))).collect();
            let mut all = Vec::new();
            for h in handles {
                all.extend(h.join().expect("a contradiction scan thread panicked"));
            }
            all
        })
    };
    out.extend(recorded(graph));
    sort(&mut out);
    out
}

/// The claim count from which [`contradictions`] splits its scan between threads.
const PARALLEL_FROM: usize = 100_000;

/// The analyst-recorded conflicts, as contradictions.
pub(crate) fn recorded(graph: &ClaimGraph) -> Vec<Contradiction> {
    graph
        .conflicts()
        .map(|(id, k)| {
            let mut claims = k.claims.clone();
            claims.sort();
            Contradiction { rule: Rule::Recorded, claims, strength: 1.0, conflict: Some(id), sides: None }
        })
        .collect()
}

pub(crate) fn sort(out: &mut [Contradiction]) {
    out.sort_by(|a, b| {
        b.strength.total_cmp(&a.strength).then(a.rule.cmp(&b.rule)).then_with(|| a.claims.cmp(&b.claims))
    });
}

/// Buffers reused from group to group.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The cluster of each fact of the group (`u32::MAX` for questions).
    cluster_of: Vec<u32>,
    /// The index of the first fact of each cluster.
    reps: Vec<u32>,
    involved: Vec<ClaimId>,
    /// Where each cluster's members start in `members`.
    starts: Vec<u32>,
    /// Fact indices, grouped by cluster.
    members: Vec<u32>,
}

/// The strength of the conflict between two facts under `rule`: the rule's weight times the
/// weaker modality, plus, for quantities, a share that grows with their gap.
fn pair_strength(rule: Rule, a: &Fact, b: &Fact) -> f64 {
    let w = weight(a).min(weight(b));
    let mut s = rule.base_strength() * w;
    if let (FactValue::Quantity(a0, a1), FactValue::Quantity(b0, b1)) = (a.value(), b.value()) {
        s += 0.4 * relative_gap((a0, a1), (b0, b1)).min(1.0) * w;
    }
    s
}

fn weight(f: &Fact) -> f64 {
    modality_weight(f.modality)
}

fn tolerance(graph: &ClaimGraph, predicate: &crate::Predicate) -> f64 {
    graph.tolerance_for(predicate).0
}

/// Contradictions inside one proposition group (polarity, single value, quantity).
///
/// Facts that say the same thing (same polarity, identical objects after normalisation, time
/// scopes that overlap the cluster's first member) are clustered first; each pair of conflicting clusters gives one contradiction
/// listing every claim of either cluster that conflicts with a claim of the other in an
/// overlapping time scope, so ten reports of one figure against two of another read as one
/// conflict, not twenty.
pub(crate) fn group_contradictions(
    graph: &ClaimGraph,
    key: PropositionKey,
    facts: &[Fact],
    scratch: &mut Scratch,
    out: &mut impl Found,
) {
    if facts.len() < 2 {
        return;
    }
    let Some(predicate) = graph.predicate(key.1) else { return };
    let tol = tolerance(graph, predicate);
    let single = predicate.cardinality == Cardinality::Single;
    // Most groups cannot conflict: a multi-valued predicate conflicts only on opposite
    // polarities, and a single-valued one not when every claim gives the same value one way.
    let mut counted = facts.iter().filter(|f| f.votes());
    let Some(first) = counted.next() else { return };
    let uniform = if single {
        counted.all(|f| f.polarity == first.polarity && f.value() == first.value())
    } else {
        counted.all(|f| f.polarity == first.polarity)
    };
    if uniform {
        return;
    }
    if !single {
        // Only an affirmed and a denied claim of agreeing objects in overlapping times conflict.
        let counted = || facts.iter().filter(|f| f.votes());
        let clash = counted().filter(|a| a.polarity == Polarity::Affirmed).any(|a| {
            counted().any(|d| {
                d.polarity == Polarity::Denied
                    && a.overlaps(d)
                    && compare_facts(tol, &a.value(), &d.value()) != Agreement::Different
            })
        });
        if !clash {
            return;
        }
    }
    if facts.len() <= SMALL_GROUP {
        small_group_contradictions(facts, tol, single, out);
    } else {
        clustered_contradictions(facts, tol, single, scratch, out);
    }
}

/// The contradictions between the clusters of a group, for any group size.
fn clustered_contradictions(facts: &[Fact], tol: f64, single: bool, scratch: &mut Scratch, out: &mut impl Found) {
    let Scratch { cluster_of, reps, involved, starts, members } = scratch;
    cluster_of.clear();
    reps.clear();
    for (i, f) in facts.iter().enumerate() {
        if !f.votes() {
            cluster_of.push(u32::MAX);
            continue;
        }
        // Clusters hold identical values only: a vague value (`AtLeast(5)`) compatible with two
        // conflicting ones must not bridge them into one cluster and hide their conflict.
        let home = reps.iter().position(|&r| {
            let r = &facts[r as usize];
            r.polarity == f.polarity && r.overlaps(f) && compare_facts(tol, &r.value(), &f.value()) == Agreement::Same
        });
        match home {
            Some(c) => cluster_of.push(c as u32),
            None => {
                cluster_of.push(reps.len() as u32);
                reps.push(i as u32);
            }
        }
    }
    if reps.len() < 2 {
        return;
    }
    // Members of each cluster, listed once: `members[starts[c]..starts[c + 1]]`.
    starts.clear();
    starts.resize(reps.len() + 1, 0);
    for &c in cluster_of.iter().filter(|&&c| c != u32::MAX) {
        starts[c as usize + 1] += 1;
    }
    for c in 0..reps.len() {
        starts[c + 1] += starts[c];
    }
    members.clear();
    members.resize(starts[reps.len()] as usize, 0);
    let mut fill = starts.clone();
    for (i, &c) in cluster_of.iter().enumerate().filter(|(_, c)| **c != u32::MAX) {
        members[fill[c as usize] as usize] = i as u32;
        fill[c as usize] += 1;
    }
    let cluster = |c: usize| &members[starts[c] as usize..starts[c + 1] as usize];
    for ci in 0..reps.len() {
        for cj in ci + 1..reps.len() {
            let (ra, rb) = (&facts[reps[ci] as usize], &facts[reps[cj] as usize]);
            let agreement = compare_facts(tol, &ra.value(), &rb.value());
            let rule = if ra.polarity != rb.polarity {
                if agreement == Agreement::Different {
                    continue;
                }
                Rule::Polarity
            } else if single && ra.polarity == Polarity::Affirmed && agreement == Agreement::Different {
                match ra.value() {
                    FactValue::Quantity(..) => Rule::Quantity,
                    _ => Rule::SingleValue,
                }
            } else {
                continue;
            };
            involved.clear();
            let mut best = 0.0_f64;
            let (na, nb) = (cluster(ci).len() as u32, cluster(cj).len());
            for &ia in cluster(ci) {
                let a = &facts[ia as usize];
                for &ib in cluster(cj) {
                    let b = &facts[ib as usize];
                    if !a.overlaps(b) {
                        continue;
                    }
                    best = best.max(pair_strength(rule, a, b));
                    involved.push(a.claim);
                    involved.push(b.claim);
                }
            }
            if involved.is_empty() {
                continue;
            }
            involved.sort();
            involved.dedup();
            let sides = Sides { a: ra.claim, a_count: na, b: rb.claim, b_count: nb as u32 };
            out.found(rule, involved.iter().copied(), best, sides);
        }
    }
}

/// The size up to which a group is clustered with bit sets ([`small_group_contradictions`]).
const SMALL_GROUP: usize = 64;

/// [`clustered_contradictions`] for a group of at most [`SMALL_GROUP`] facts, with the same
/// result in the same order. Clusters are bit sets of facts (listing their members in id order
/// without sorting; a cluster's first member is its lowest bit), and a bit set of the affirmed
/// clusters lets each cluster visit only the clusters it may conflict with.
fn small_group_contradictions(facts: &[Fact], tol: f64, single: bool, out: &mut impl Found) {
    debug_assert!(facts.len() <= SMALL_GROUP && facts.windows(2).all(|w| w[0].claim < w[1].claim));
    let mut clusters = [0u64; SMALL_GROUP];
    let mut count = 0;
    // The affirmed clusters, by cluster index.
    let mut affirmed = 0u64;
    for (i, f) in facts.iter().enumerate() {
        if !f.votes() {
            continue;
        }
        // As in `clustered_contradictions` (`compare_facts` finds values the `Same` exactly when
        // they are equal).
        let home = clusters[..count].iter().position(|&bits| {
            let r = &facts[bits.trailing_zeros() as usize];
            r.polarity == f.polarity && r.value() == f.value() && r.overlaps(f)
        });
        match home {
            Some(c) => clusters[c] |= 1 << i,
            None => {
                affirmed |= u64::from(f.polarity == Polarity::Affirmed) << count;
                clusters[count] = 1 << i;
                count += 1;
            }
        }
    }
    for ci in 0..count {
        let bits_a = clusters[ci];
        let ra = &facts[bits_a.trailing_zeros() as usize];
        let after = bits_below(count) & !bits_below(ci + 1);
        // Clusters of opposite polarities may conflict, and two affirmed ones of a single-valued
        // predicate.
        let candidates = match ra.polarity {
            Polarity::Affirmed if single => after,
            Polarity::Affirmed => after & !affirmed,
            Polarity::Denied => after & affirmed,
        };
        for cj in Ones(candidates) {
            let bits_b = clusters[cj];
            let rb = &facts[bits_b.trailing_zeros() as usize];
            let agreement = compare_facts(tol, &ra.value(), &rb.value());
            let rule = if ra.polarity != rb.polarity {
                if agreement == Agreement::Different {
                    continue;
                }
                Rule::Polarity
            } else if agreement == Agreement::Different {
                match ra.value() {
                    FactValue::Quantity(..) => Rule::Quantity,
                    _ => Rule::SingleValue,
                }
            } else {
                continue;
            };
            let mut involved = 0u64;
            let mut best = 0.0_f64;
            for ia in Ones(bits_a) {
                let a = &facts[ia];
                for ib in Ones(bits_b) {
                    let b = &facts[ib];
                    if !a.overlaps(b) {
                        continue;
                    }
                    best = best.max(pair_strength(rule, a, b));
                    involved |= 1 << ia | 1 << ib;
                }
            }
            if involved == 0 {
                continue;
            }
            let sides = Sides { a: ra.claim, a_count: bits_a.count_ones(), b: rb.claim, b_count: bits_b.count_ones() };
            // Facts are in claim-id order, so the claims come out sorted.
            out.found(rule, Ones(involved).map(|i| facts[i].claim), best, sides);
        }
    }
}

/// The bits below bit `n` (`n` at most 64).
fn bits_below(n: usize) -> u64 {
    if n >= 64 { u64::MAX } else { (1 << n) - 1 }
}

/// The positions of the set bits of a word, lowest first.
struct Ones(u64);

impl Iterator for Ones {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        if self.0 == 0 {
            return None;
        }
        let i = self.0.trailing_zeros() as usize;
        self.0 &= self.0 - 1;
        Some(i)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let n = self.0.count_ones() as usize;
        (n, Some(n))
    }
}

impl ExactSizeIterator for Ones {}

/// Exclusion pairs of predicates, each once, smaller id first.
pub(crate) fn exclusion_pairs(graph: &ClaimGraph) -> Vec<(PredicateId, PredicateId)> {
    let mut pairs: Vec<(PredicateId, PredicateId)> = graph
        .predicates()
        .flat_map(|(p, pred)| pred.excludes.iter().map(move |&q| if p < q { (p, q) } else { (q, p) }))
        .collect();
    pairs.sort();
    pairs.dedup();
    pairs
}

/// For each predicate (by index), the predicates with a higher id it excludes: exclusion
/// contradictions are found from the group of the lower predicate of each pair.
pub(crate) fn excluded_above(graph: &ClaimGraph) -> Vec<Vec<PredicateId>> {
    let mut above = vec![Vec::new(); graph.predicates.capacity()];
    for (p, q) in exclusion_pairs(graph) {
        above[p.index()].push(q);
    }
    above
}

/// The exclusion contradictions between the claims of group `key` (predicate p) and the claims
/// `others` of predicate `q` for the same subject and qualifier: one per claim of the group,
/// listing every claim of `q` it clashes with (same object, overlapping time, both affirmed).
pub(crate) fn exclusion_group(
    graph: &ClaimGraph,
    key: PropositionKey,
    facts: &[Fact],
    q: PredicateId,
    others: &[Fact],
    out: &mut impl Found,
) {
    debug_assert!(others.iter().map(|f| f.claim).eq(graph.facts_for((key.0, q, key.2)).iter().map(|f| f.claim)));
    if others.is_empty() {
        return;
    }
    let Some(pa) = graph.predicate(key.1) else { return };
    let tol = tolerance(graph, pa);
    let counts = |f: &&Fact| f.votes() && f.polarity == Polarity::Affirmed;
    let mut involved = Vec::new();
    for a in facts.iter().filter(counts) {
        involved.clear();
        involved.push(a.claim);
        let mut best = 0.0_f64;
        for b in others.iter().filter(counts) {
            if a.overlaps(b) && compare_facts(tol, &a.value(), &b.value()) != Agreement::Different {
                best = best.max(Rule::Exclusion.base_strength() * weight(a).min(weight(b)));
                involved.push(b.claim);
            }
        }
        if involved.len() < 2 {
            continue;
        }
        let sides = Sides { a: a.claim, a_count: 1, b: involved[1], b_count: involved.len() as u32 - 1 };
        involved.sort();
        out.found(Rule::Exclusion, involved.iter().copied(), best, sides);
    }
}

/// The rebuttals the claims of a group make, when its predicate rebuts.
pub(crate) fn rebuttal_group(graph: &ClaimGraph, key: PropositionKey, facts: &[Fact], out: &mut impl Found) {
    if !graph.predicate(key.1).is_some_and(|p| p.rebuts) {
        return;
    }
    for f in facts.iter().filter(|f| f.votes() && f.polarity == Polarity::Affirmed) {
        let FactValue::Id(target) = f.value() else { continue };
        let target = ClaimId(target);
        // A rebutted claim that nobody holds (carried without endorsement) has no side to take.
        let Some(t) = graph.claim(target).filter(|t| t.stance() == Stance::Own) else { continue };
        let strength = Rule::Rebuttal.base_strength() * modality_weight(t.modality()).min(weight(f));
        let sides = Sides { a: target, a_count: 1, b: f.claim, b_count: 1 };
        out.found(Rule::Rebuttal, [target, f.claim].into_iter(), strength, sides);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Modality;

    /// Facts drawn from few values and time spans, so that clusters, compatible quantities,
    /// questions and disjoint times all occur.
    fn random_group(seed: u64, len: usize, kind: u64) -> Vec<Fact> {
        let mut state = seed;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        (0..len)
            .map(|i| {
                let value = match kind {
                    0 => FactValue::Id(next(3) as u32),
                    1 => FactValue::Bool(next(2) == 0),
                    2 => FactValue::Date(next(3) as i32, 2 + next(3) as i32),
                    _ => {
                        let lo = [100.0, 102.0, 150.0, 0.0, -0.0, f64::NAN][next(6) as usize];
                        FactValue::Quantity(lo, lo + [0.0, 1.0, f64::INFINITY][next(3) as usize])
                    }
                };
                let start = [i32::MIN, 0, 5, 10][next(4) as usize];
                let time = (start, start.saturating_add([0, 4, i32::MAX][next(3) as usize]));
                let modality =
                    [Modality::Asserted, Modality::Reported, Modality::Hedged, Modality::Question][next(4) as usize];
                let polarity = if next(3) == 0 { Polarity::Denied } else { Polarity::Affirmed };
                let stance = if next(8) == 0 { Stance::Carried } else { Stance::Own };
                Fact::new(ClaimId(3 * i as u32 + next(3) as u32), polarity, modality, stance, value, time)
            })
            .collect()
    }

    #[test]
    fn small_groups_get_the_same_contradictions_as_any_group() {
        let (mut scratch, mut small, mut general) = (Scratch::default(), Vec::new(), Vec::new());
        let mut conflicts = 0;
        for seed in 0..5_000u64 {
            let facts = random_group(seed, 1 + (seed % 64) as usize, seed % 4);
            for (tol, single) in [(0.05, true), (0.05, false), (0.6, true)] {
                small.clear();
                general.clear();
                small_group_contradictions(&facts, tol, single, &mut small);
                clustered_contradictions(&facts, tol, single, &mut scratch, &mut general);
                assert_eq!(small, general, "seed {seed}, tolerance {tol}, single {single}");
                conflicts += small.len();
            }
        }
        assert!(conflicts > 2_500, "the random groups conflict ({conflicts})");
    }

    #[test]
    fn packed_contradictions_unpack_as_they_were() {
        assert!(RULES.iter().enumerate().all(|(i, &rule)| rule as usize == i));
        let (mut scratch, mut found, mut packed) = (Scratch::default(), Vec::new(), PackedFound::default());
        for seed in 0..2_000u64 {
            let facts = random_group(seed, 2 + (seed % 100) as usize, seed % 4);
            found.clear();
            clustered_contradictions(&facts, 0.05, true, &mut scratch, &mut found);
            clustered_contradictions(&facts, 0.05, true, &mut scratch, &mut packed);
            assert_eq!(packed.is_empty(), found.is_empty());
            let kept = packed.take();
            assert!(packed.is_empty());
            assert_eq!(kept.len(), found.len());
            assert_eq!(kept.unpack().collect::<Vec<_>>(), found, "seed {seed}");
        }
        assert_eq!(Packed::default().len(), 0);
        assert_eq!(Packed::default().unpack().count(), 0);
    }
}
