//! Contradictions: claims that cannot all hold, with the rule that fired and a ranking.

use crate::ClaimRef;
use std::fmt::Write as _;

use super::compare::{modality_weight, relative_gap};
use super::corroboration::group_by_origin;
use super::sweep::{agree, agreeing_components, chains, items, meeting, meeting_in_time};
use super::words::{describe_time, describe_value, percent_pair};
use crate::graph::{Fact, FactValue, Group, layout_rank};
use crate::model::{Cardinality, Defaults, Modality, Polarity, Stance, ToleranceOrigin, Value};
use crate::{ActorId, ClaimGraph, ClaimId, ConflictId, PredicateId, PropositionKey, SourceId};

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
///
/// The scan records only the rule, the claims and the strength; the sides (who holds what, from
/// how many independent origins), the count of opposing pairs and the words are made on demand
/// from the graph ([`sides`](Self::sides), [`opposing_pairs`](Self::opposing_pairs),
/// [`reason`](Self::reason), [`explain`](Self::explain)), so that a scan of a large graph makes
/// none of them.
#[derive(Clone, Debug, PartialEq)]
pub struct Contradiction {
    /// The rule that fired.
    pub rule: Rule,
    /// The claims, in id order (for a rebuttal: the rebutted claim first): each conflicts with a
    /// claim of another side in an overlapping time scope.
    pub claims: Vec<ClaimId>,
    /// From 0 to 1: the rule's weight times the weaker modality weight of the strongest
    /// conflicting pair (a hedged or predicted claim makes a weaker conflict than two
    /// assertions); quantity conflicts grow with the gap between the extreme values.
    pub strength: f64,
    /// The analyst's record, for [`Rule::Recorded`].
    pub conflict: Option<ConflictId>,
}

/// One side of a [`Contradiction`]: claims that agree with each other, from
/// [`Contradiction::sides`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Side {
    /// The claims, in id order.
    pub claims: Vec<ClaimId>,
    /// Who holds the side: the distinct speakers of its claims, in id order.
    pub holders: Vec<ActorId>,
    /// How many independent origins the claims come from, grouped as
    /// [`corroboration`](super::corroboration) groups them (one speaker is one voice; reports of one
    /// source count once).
    pub independent: usize,
    /// Claims of the same proposition group and polarity that carry an agreeing value in an
    /// overlapping time without endorsement ([`Stance::Carried`]), in id order: listed apart,
    /// never counted in the side.
    pub carried: Vec<ClaimId>,
}

impl Side {
    /// How many claims hold the side.
    pub fn claim_count(&self) -> usize {
        self.claims.len()
    }

    /// How many distinct speakers hold the side.
    pub fn holder_count(&self) -> usize {
        self.holders.len()
    }

    /// The side in words: `3 claims from 2 speakers, 2 independent origins`.
    fn words(&self) -> String {
        let mut out = format!("{} from {}", count(self.claims.len(), "claim"), count(self.holders.len(), "speaker"));
        if self.claims.len() > 1 {
            let _ = write!(out, ", {}", count(self.independent, "independent origin"));
        }
        out
    }
}

/// `1 claim`, `3 claims`.
fn count(n: usize, what: &str) -> String {
    if n == 1 { format!("1 {what}") } else { format!("{n} {what}s") }
}

/// The fact of a claim, read from its group.
fn fact_of_claim(graph: &ClaimGraph, id: ClaimId) -> Option<Fact> {
    let c = graph.claim(id)?;
    let facts = graph.facts_for(c.proposition_key());
    facts.binary_search_by_key(&id, |f| f.claim).ok().map(|i| facts[i])
}

/// The tolerance of a claim's predicate and where it comes from.
fn tolerance_of(graph: &ClaimGraph, c: ClaimRef<'_>) -> (f64, ToleranceOrigin) {
    graph.predicate(c.predicate()).map_or((Defaults::TOLERANCE, ToleranceOrigin::Crate), |p| graph.tolerance_for(p))
}

/// How many pairs of `a` and `b` overlap in time and agree in value (by sweeps when every value
/// has a key interval, else pair by pair).
fn agreeing_pairs(tol: f64, a: &[Fact], b: &[Fact]) -> u64 {
    match items(tol, a).zip(items(tol, b)) {
        Some((x, y)) => meeting(&x, &y).iter().map(|&n| u64::from(n)).sum(),
        None => a.iter().map(|x| b.iter().filter(|y| x.overlaps(y) && agree(tol, x, y)).count() as u64).sum(),
    }
}

/// For each fact of `queries`, whether it overlaps a fact of `set` in time and agrees with it.
fn meets_any(tol: f64, queries: &[Fact], set: &[Fact]) -> Vec<bool> {
    match items(tol, queries).zip(items(tol, set)) {
        Some((x, y)) => meeting(&x, &y).into_iter().map(|n| n > 0).collect(),
        None => queries.iter().map(|x| set.iter().any(|y| x.overlaps(y) && agree(tol, x, y))).collect(),
    }
}

impl Contradiction {
    /// The sides of the contradiction, each a set of claims that agree: for a polarity conflict
    /// the affirming claims, then the denying ones; for an exclusion the claims of the lower
    /// predicate, then those of the other; for a rebuttal the rebutted claim, then the rebuttal;
    /// for a single value or a quantity one side per value claimed (identical after
    /// normalisation), in the order of their first claims. None for a recorded conflict.
    ///
    /// Each side lists its holders and independent origins, and the claims that carry its value
    /// without endorsement. O(n log n) in the contradiction's size, plus the origin walk of each
    /// claim.
    pub fn sides(&self, graph: &ClaimGraph) -> Vec<Side> {
        make_sides(graph, self.side_claims(graph))
    }

    /// The claims of each side, as [`sides`](Self::sides) orders them.
    pub(crate) fn side_claims(&self, graph: &ClaimGraph) -> Vec<Vec<ClaimId>> {
        let split = |first: &dyn Fn(ClaimRef<'_>) -> bool| {
            let (a, b): (Vec<ClaimId>, Vec<ClaimId>) =
                self.claims.iter().partition(|&&id| graph.claim(id).is_some_and(first));
            [a, b].into_iter().filter(|s| !s.is_empty()).collect()
        };
        match self.rule {
            Rule::Recorded => Vec::new(),
            Rule::Rebuttal => self.claims.iter().map(|&c| vec![c]).collect(),
            Rule::Polarity => split(&|c| c.polarity() == Polarity::Affirmed),
            Rule::Exclusion => {
                let low = self.claims.iter().filter_map(|&id| graph.claim(id)).map(|c| c.predicate()).min();
                split(&|c| Some(c.predicate()) == low)
            }
            Rule::SingleValue | Rule::Quantity => {
                let mut facts: Vec<Fact> = self.claims.iter().filter_map(|&id| fact_of_claim(graph, id)).collect();
                facts.sort_by(|a, b| a.value_key().cmp(&b.value_key()).then(a.claim.cmp(&b.claim)));
                let mut sides: Vec<Vec<ClaimId>> = Vec::new();
                for (i, f) in facts.iter().enumerate() {
                    match sides.last_mut() {
                        Some(side) if i > 0 && facts[i - 1].value() == f.value() => side.push(f.claim),
                        _ => sides.push(vec![f.claim]),
                    }
                }
                sides.sort();
                sides
            }
        }
    }

    /// How many pairs of claims from opposing sides overlap in time (and, for a polarity conflict
    /// or an exclusion, agree in value; for a single value or a quantity, differ in value): the
    /// pairs that cannot both hold. Counted by sorting time bounds and binary searches, O(n log n)
    /// in the contradiction's size; 1 for a rebuttal, 0 for a recorded conflict.
    pub fn opposing_pairs(&self, graph: &ClaimGraph) -> u64 {
        let Some(first) = self.claims.first().and_then(|&id| graph.claim(id)) else { return 0 };
        let tol = tolerance_of(graph, first).0;
        let facts = |ids: &[ClaimId]| -> Vec<Fact> { ids.iter().filter_map(|&id| fact_of_claim(graph, id)).collect() };
        match self.rule {
            Rule::Recorded => 0,
            Rule::Rebuttal => 1,
            Rule::Polarity | Rule::Exclusion => {
                let sides = self.side_claims(graph);
                match &sides[..] {
                    [a, b] => agreeing_pairs(tol, &facts(a), &facts(b)),
                    _ => 0,
                }
            }
            Rule::SingleValue | Rule::Quantity => {
                let all = facts(&self.claims);
                let overlapping = match items(tol, &all) {
                    Some(x) => meeting_in_time(&x, &x).iter().map(|&n| u64::from(n)).sum::<u64>(),
                    None => all.iter().map(|a| all.iter().filter(|b| a.overlaps(b)).count() as u64).sum(),
                };
                (overlapping - agreeing_pairs(tol, &all, &all)) / 2
            }
        }
    }

    /// Why the rule fired, in words: the values on each side and who holds them (claims,
    /// speakers, independent origins), the gap between quantities against the tolerance, the
    /// excluding predicates, or the analyst's note; then how many sources carry a side without
    /// endorsing it.
    pub fn reason(&self, graph: &ClaimGraph) -> String {
        let sides = self.sides(graph);
        self.reason_with(graph, &sides)
    }

    fn reason_with(&self, graph: &ClaimGraph, sides: &[Side]) -> String {
        if let Some(k) = self.conflict.and_then(|k| graph.conflict(k)) {
            return k.note.clone();
        }
        let claim_of = |s: &Side| s.claims.first().and_then(|&id| graph.claim(id));
        let Some(a) = sides.first().and_then(claim_of) else { return String::new() };
        let name = |id| graph.actor(id).map_or("?", |x| x.name());
        let predicate = |c: ClaimRef<'_>| graph.predicate(c.predicate()).map_or("?", |p| p.key.as_str());
        let qualifier = a.qualifier().map(|q| format!(" [{}]", name(q))).unwrap_or_default();
        let value = |s: &Side| claim_of(s).map_or_else(String::new, |c| describe_value(graph, &c.object()));
        // At most this many sides are worded; the rest are counted.
        const WORDED: usize = 6;
        let listed = |sides: &[Side]| {
            let mut out = sides
                .iter()
                .take(WORDED)
                .map(|s| format!("{} ({})", value(s), s.words()))
                .collect::<Vec<_>>()
                .join(" vs ");
            if sides.len() > WORDED {
                let _ = write!(out, " and {} more values", sides.len() - WORDED);
            }
            out
        };
        let mut out = match self.rule {
            Rule::Recorded => String::new(),
            Rule::Polarity => {
                let by = |s: Option<&Side>| {
                    s.map_or_else(
                        || "0 claims".to_owned(),
                        |s| {
                            let mut w = format!(
                                "{} from {}",
                                count(s.claims.len(), "claim"),
                                count(s.holders.len(), "speaker")
                            );
                            if s.claims.len() > 1 {
                                let _ = write!(w, " ({})", count(s.independent, "independent origin"));
                            }
                            w
                        },
                    )
                };
                format!(
                    "{} {}{qualifier} {}: affirmed by {}, denied by {}",
                    name(a.subject()),
                    predicate(a),
                    value(&sides[0]),
                    by(sides.first()),
                    by(sides.get(1))
                )
            }
            Rule::SingleValue => format!(
                "{} {}{qualifier} takes one value at a time, but claims of overlapping times give {}",
                name(a.subject()),
                predicate(a),
                listed(sides)
            ),
            Rule::Quantity => {
                let facts: Vec<Fact> =
                    sides.iter().filter_map(|s| s.claims.first()).filter_map(|&id| fact_of_claim(graph, id)).collect();
                let (tol, origin) = tolerance_of(graph, a);
                let (gap, tol) = percent_pair(extreme_gap(facts.iter()), tol);
                let up_to = if sides.len() > 2 { "up to " } else { "" };
                format!(
                    "{} {}{qualifier}: {} differ by {up_to}{gap} of the larger value after normalisation, beyond {} tolerance of {tol}",
                    name(a.subject()),
                    predicate(a),
                    listed(sides),
                    origin.describe(),
                )
            }
            Rule::Exclusion => {
                let b = sides.get(1).and_then(claim_of).unwrap_or(a);
                format!(
                    "{} cannot both {} and {} {}: the vocabulary declares the predicates mutually exclusive ({}: {}; {}: {})",
                    name(a.subject()),
                    predicate(a),
                    predicate(b),
                    value(&sides[0]),
                    predicate(a),
                    sides[0].words(),
                    predicate(b),
                    sides.get(1).map_or_else(String::new, Side::words),
                )
            }
            Rule::Rebuttal => {
                let b = sides.get(1).and_then(claim_of).unwrap_or(a);
                format!("{} {} claim {} by {}", name(b.said_by()), predicate(b), a.key(), name(a.said_by()))
            }
        };
        let mut carriers: Vec<SourceId> =
            sides.iter().flat_map(|s| &s.carried).filter_map(|&id| graph.claim(id)).map(|c| c.source()).collect();
        carriers.sort();
        carriers.dedup();
        if !carriers.is_empty() {
            let _ = write!(out, "; also carried without endorsement by {}", count(carriers.len(), "source"));
        }
        out
    }

    /// A multi-line explanation a person can check: the rule, the strength and the reason; the
    /// tolerance that applied and where it comes from (for quantities); how many pairs oppose;
    /// then each side with its claims (speaker, source, time scope and quote), and the claims that
    /// carry a side without endorsement, apart.
    pub fn explain(&self, graph: &ClaimGraph) -> String {
        let sides = self.sides(graph);
        let mut out =
            format!("[{}] strength {:.2}: {}", self.rule.name(), self.strength, self.reason_with(graph, &sides));
        let line = |out: &mut String, indent: &str, id: ClaimId| {
            if let Some(c) = graph.claim(id) {
                let _ = write!(out, "\n{indent}{}", describe_claim(graph, c));
            }
        };
        if sides.is_empty() {
            for &id in &self.claims {
                line(&mut out, "  ", id);
            }
            return out;
        }
        if let Some(first) = self.claims.first().and_then(|&id| graph.claim(id))
            && matches!(first.object(), Value::Quantity(_))
        {
            let (tol, origin) = tolerance_of(graph, first);
            let (_, tol) = percent_pair(0.0, tol);
            let _ = write!(out, "\n  tolerance: {tol} ({})", origin.describe());
        }
        let _ = write!(out, "\n  opposing pairs: {}", self.opposing_pairs(graph));
        for (i, side) in sides.iter().enumerate() {
            let Some(c) = side.claims.first().and_then(|&id| graph.claim(id)) else { continue };
            let value = describe_value(graph, &c.object());
            // What the side holds: its value, and for two-sided rules which side it is.
            let held = match self.rule {
                Rule::Polarity if c.polarity() == Polarity::Affirmed => format!("affirms {value}"),
                Rule::Polarity => format!("denies {value}"),
                Rule::Exclusion => {
                    format!("{} {value}", graph.predicate(c.predicate()).map_or("?", |p| p.key.as_str()))
                }
                Rule::Rebuttal if i == 0 => format!("the rebutted claim, {value}"),
                Rule::Rebuttal => "the rebuttal".to_owned(),
                _ => value,
            };
            let _ = write!(out, "\n  side {} ({held}): {}", i + 1, side.words());
            for &id in &side.claims {
                line(&mut out, "    ", id);
            }
        }
        if sides.iter().any(|s| !s.carried.is_empty()) {
            out.push_str("\n  carried without endorsement:");
            let mut carried: Vec<ClaimId> = sides.iter().flat_map(|s| s.carried.iter().copied()).collect();
            carried.sort();
            carried.dedup();
            for id in carried {
                line(&mut out, "    ", id);
            }
        }
        out
    }
}

/// The sides of these claim lists (each of one proposition group and polarity): holders,
/// origins and carriers. The carried claims of each group are read once, and kept only if they
/// meet some claim of the sides (one sweep), before they are matched side by side.
fn make_sides(graph: &ClaimGraph, lists: Vec<Vec<ClaimId>>) -> Vec<Side> {
    // The carried claims of each group and polarity met, with the facts of all sides' claims there.
    let mut carriers: Vec<(PropositionKey, Polarity, Vec<Fact>)> = Vec::new();
    let firsts: Vec<Option<ClaimRef<'_>>> = lists.iter().map(|l| l.first().and_then(|&id| graph.claim(id))).collect();
    for c in firsts.iter().flatten() {
        let (key, polarity) = (c.proposition_key(), c.polarity());
        if carriers.iter().any(|(k, p, _)| *k == key && *p == polarity) {
            continue;
        }
        let tol = tolerance_of(graph, *c).0;
        let candidates: Vec<Fact> = graph
            .facts_for(key)
            .iter()
            .filter(|f| f.carried && f.modality != Modality::Question && f.polarity == polarity)
            .copied()
            .collect();
        let held: Vec<Fact> = lists
            .iter()
            .zip(&firsts)
            .filter(|(_, f)| f.is_some_and(|f| f.proposition_key() == key && f.polarity() == polarity))
            .flat_map(|(l, _)| l.iter().filter_map(|&id| fact_of_claim(graph, id)))
            .collect();
        let met = meets_any(tol, &candidates, &held);
        carriers.push((key, polarity, candidates.into_iter().zip(met).filter(|(_, m)| *m).map(|(f, _)| f).collect()));
    }
    lists
        .into_iter()
        .zip(firsts)
        .map(|(claims, first)| {
            let mut holders: Vec<ActorId> =
                claims.iter().filter_map(|&id| graph.claim(id)).map(|c| c.said_by()).collect();
            holders.sort();
            holders.dedup();
            // One claim is one origin group, whatever its origins.
            let independent = if claims.len() == 1 { 1 } else { group_by_origin(graph, &claims).len() };
            let mut carried = Vec::new();
            if let Some(first) = first
                && let Some((_, _, candidates)) =
                    carriers.iter().find(|(k, p, _)| *k == first.proposition_key() && *p == first.polarity())
                && !candidates.is_empty()
            {
                let members: Vec<Fact> = claims.iter().filter_map(|&id| fact_of_claim(graph, id)).collect();
                let met = meets_any(tolerance_of(graph, first).0, candidates, &members);
                carried = candidates.iter().zip(met).filter(|(_, m)| *m).map(|(f, _)| f.claim).collect();
            }
            Side { claims, holders, independent, carried }
        })
        .collect()
}

/// Where the rules put the contradictions they find.
pub(crate) trait Found {
    /// One contradiction; `claims` in id order.
    fn found(&mut self, rule: Rule, claims: impl ExactSizeIterator<Item = ClaimId>, strength: f64);
}

impl Found for Vec<Contradiction> {
    fn found(&mut self, rule: Rule, claims: impl ExactSizeIterator<Item = ClaimId>, strength: f64) {
        self.push(Contradiction { rule, claims: claims.collect(), strength, conflict: None });
    }
}

/// Contradictions packed into one buffer of words, for
/// [`ContradictionIndex`](super::ContradictionIndex): keeping a group's contradictions costs one
/// allocation, rather than one per contradiction plus one for the list.
///
/// The words: the number of contradictions, then for each its rule, its claim count, its strength
/// (two words, low first) and its claims.
#[derive(Clone, Default)]
pub(crate) struct Packed(Box<[u32]>);

/// The words of a packed contradiction before its claims.
const PACKED_HEADER: usize = 4;

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
            Contradiction { rule, claims: claims.iter().map(|&c| ClaimId(c)).collect(), strength, conflict: None }
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
    fn found(&mut self, rule: Rule, claims: impl ExactSizeIterator<Item = ClaimId>, strength: f64) {
        let strength = strength.to_bits();
        self.count += 1;
        self.words.reserve(PACKED_HEADER + claims.len());
        self.words.extend([rule as u32, claims.len() as u32, strength as u32, (strength >> 32) as u32]);
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
/// qualifier), or with the groups of excluded predicates. Within a group, the claims that
/// conflict under a rule are found by sorting and sweeping (O(n log n) in the group's size, never
/// the square of the claim count) and split into contradictions by how they chain together: k
/// values claimed at overlapping times for a single-valued predicate are one contradiction of k
/// sides (see [`Contradiction::sides`]). Claims whose time scopes do not overlap never contradict;
/// questions and claims carried without endorsement never contradict; approximate quantities are
/// ranges, compared after unit normalisation within the predicate's tolerance. From 100,000
/// claims on, the scan is split between the machine's cores.
///
/// ```
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let found = claimgraph::query::contradictions(&graph);
/// assert!(!found.is_empty());
/// assert!(found.windows(2).all(|w| w[0].strength >= w[1].strength));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn contradictions(graph: &ClaimGraph) -> Vec<Contradiction> {
    // Large graphs are scanned by several threads, each over a slice of the groups; each sorts
    // what it found, and the sorted lists are merged, so the result does not depend on the split.
    let threads = if graph.claim_count() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from).min(8)
    };
    scan(graph, threads)
}

/// [`contradictions`] by `threads` threads (one: no thread started).
fn scan(graph: &ClaimGraph, threads: usize) -> Vec<Contradiction> {
    let plan = ScanPlan::new(graph);
    let parts: Vec<ScanPart<'_>> = if threads == 1 {
        graph.fact_group_parts(1).map(|part| scan_part(graph, &plan, 0, part)).collect()
    } else {
        std::thread::scope(|s| {
            let plan = &plan;
            let mut parts = graph.fact_group_parts(threads).enumerate();
            let first = parts.next();
            // The other parts on threads of their own, the first on this one.
            let handles: Vec<_> =
                parts.map(|(i, part)| s.spawn(move || scan_part(graph, plan, i as u32, part))).collect();
            let first = first.map(|(_, part)| scan_part(graph, plan, 0, part));
            first
                .into_iter()
                .chain(handles.into_iter().map(|h| h.join().expect("a contradiction scan thread panicked")))
                .collect()
        })
    };
    let (mut lists, open): (Vec<Sorted>, Vec<Vec<ExclusionSide<'_>>>) =
        parts.into_iter().map(|p| (p.found, p.open)).unzip();
    // The exclusions between groups that different parts met.
    let mut across = Vec::new();
    let open = open.into_iter().fold(Vec::new(), |all, part| merge_by(all, part, |a, b| a.order <= b.order));
    plan.join(graph, &open, true, &mut Scratch::default(), &mut across);
    lists.push(sorted(across));
    lists.push(sorted(recorded(graph)));
    merge_sorted(lists)
}

/// What [`contradictions`] reads from the vocabulary once, by predicate index.
struct ScanPlan {
    /// The predicates with a higher id each predicate excludes.
    excluded_above: Vec<Vec<PredicateId>>,
    /// The predicates with a lower id each predicate excludes.
    excluded_below: Vec<Vec<PredicateId>>,
    /// Whether the predicate's claims rebut claims ([`REBUTS`]) and whether it is one of an
    /// exclusion pair ([`EXCLUDES`]).
    flags: Vec<u8>,
}

/// A predicate whose claims rebut claims, in [`ScanPlan::flags`].
const REBUTS: u8 = 1;
/// A predicate of an exclusion pair, in [`ScanPlan::flags`].
const EXCLUDES: u8 = 2;

/// A group of a predicate of an exclusion pair, met by a part of the scan, for the join of the
/// two groups of each pair ([`ScanPlan::join`]).
#[derive(Clone, Copy)]
struct ExclusionSide<'g> {
    /// The order of the join: groups of one subject and qualifier together, by predicate (the
    /// group's [`layout_rank`]).
    order: u128,
    key: PropositionKey,
    facts: &'g [Fact],
    /// The part of the scan that met it.
    part: u32,
}

impl<'g> ExclusionSide<'g> {
    fn new(key: PropositionKey, facts: &'g [Fact], part: u32) -> ExclusionSide<'g> {
        ExclusionSide { order: layout_rank(&key), key, facts, part }
    }

    /// Whether two sides are of the same subject and qualifier.
    fn beside(&self, other: &ExclusionSide<'_>) -> bool {
        self.order >> 32 == other.order >> 32
    }
}

/// What one part of the scan found: its contradictions (inside groups, rebuttals, exclusions
/// between groups it met), sorted; and the groups it met whose exclusion partner it did not meet,
/// in join order.
struct ScanPart<'g> {
    found: Sorted,
    open: Vec<ExclusionSide<'g>>,
}

/// How many groups a part of the scan reads at once (see [`scan_part`]).
const BATCH: usize = 16;

impl ScanPlan {
    fn new(graph: &ClaimGraph) -> ScanPlan {
        let n = graph.predicates.capacity();
        let excluded_above = excluded_above(graph);
        let mut excluded_below = vec![Vec::new(); n];
        for (p, above) in excluded_above.iter().enumerate() {
            for q in above {
                excluded_below[q.index()].push(PredicateId::from_index(p));
            }
        }
        let flags = (0..n)
            .map(|p| {
                let rebuts = graph.predicate(PredicateId::from_index(p)).is_some_and(|p| p.rebuts);
                let excludes = !(excluded_above[p].is_empty() && excluded_below[p].is_empty());
                (u8::from(rebuts) * REBUTS) | (u8::from(excludes) * EXCLUDES)
            })
            .collect();
        ScanPlan { excluded_above, excluded_below, flags }
    }

    /// The flags of predicate `p` ([`REBUTS`], [`EXCLUDES`]).
    #[inline]
    fn flags(&self, p: PredicateId) -> u8 {
        self.flags.get(p.index()).copied().unwrap_or(0)
    }

    /// The exclusion contradictions between `sides` (in join order): a merge join on subject and
    /// qualifier, then for each group of the lower predicate of a pair, [`exclusion_group`] with
    /// the group of the higher; `across`, only between groups that different parts met.
    fn join(
        &self,
        graph: &ClaimGraph,
        sides: &[ExclusionSide<'_>],
        across: bool,
        scratch: &mut Scratch,
        out: &mut impl Found,
    ) {
        // The pairs of a batch are read before any is compared (see `scan_part`).
        let mut pairs: Vec<(&ExclusionSide<'_>, PredicateId, &ExclusionSide<'_>)> = Vec::with_capacity(BATCH);
        let mut flush = |pairs: &mut Vec<(&ExclusionSide<'_>, PredicateId, &ExclusionSide<'_>)>| {
            touch(pairs.iter().flat_map(|(low, _, high)| [low.facts, high.facts]));
            for (low, q, high) in pairs.drain(..) {
                exclusion_group(graph, low.key, low.facts, q, high.facts, scratch, out);
            }
        };
        for run in sides.chunk_by(ExclusionSide::beside) {
            for low in run {
                for &q in &self.excluded_above[low.key.1.index()] {
                    if let Some(high) = run.iter().find(|g| g.key.1 == q && (g.part != low.part) == across) {
                        pairs.push((low, q, high));
                        if pairs.len() == BATCH {
                            flush(&mut pairs);
                        }
                    }
                }
            }
        }
        flush(&mut pairs);
    }

    /// Whether a group met by one part may have an exclusion partner that the part did not meet:
    /// a predicate it excludes that no group of `run` (the part's groups of its subject and
    /// qualifier) has, unless the part's groups are all the groups of ranks `within` (a sorted
    /// layout) and the partner's rank is among them.
    fn open(&self, side: &ExclusionSide<'_>, run: &[ExclusionSide<'_>], within: Option<(u128, u128)>) -> bool {
        let p = side.key.1.index();
        let met = |q: &PredicateId| {
            let rank = layout_rank(&(side.key.0, *q, side.key.2));
            within.is_some_and(|(lo, hi)| (lo..=hi).contains(&rank)) || run.iter().any(|g| g.key.1 == *q)
        };
        !(self.excluded_above[p].iter().all(met) && self.excluded_below[p].iter().all(met))
    }
}

/// Reads the first byte of every cache line of these fact lists, so that the misses of a batch
/// of groups overlap instead of each stalling the work on the group before it.
fn touch<'a>(lists: impl Iterator<Item = &'a [Fact]>) {
    // Facts are 32 bytes: every other one starts a new line or ends one that another began.
    let mut seen = false;
    for facts in lists {
        for f in facts.iter().step_by(2) {
            seen ^= f.carried;
        }
    }
    std::hint::black_box(seen);
}

/// One part of [`contradictions`]' scan: the groups whose summary says they may hold a
/// contradiction or a rebuttal are read, a batch at a time; the groups that may take part in an
/// exclusion are joined within the part, and those whose partner may lie in another part are
/// left open.
fn scan_part<'g>(
    graph: &'g ClaimGraph,
    plan: &ScanPlan,
    part: u32,
    groups: impl Iterator<Item = Group<'g>>,
) -> ScanPart<'g> {
    let in_rank_order = graph.fact_groups_sorted();
    let (mut first, mut last): (Option<Group<'g>>, Option<Group<'g>>) = (None, None);
    // What the part finds, packed (sorted and built into contradictions once, at the end).
    let mut found = PackedFound::default();
    let mut sides = Vec::new();
    let mut scratch = Scratch::default();
    // Groups to read, with whether to look for contradictions inside them and for rebuttals.
    let mut batch: Vec<(PropositionKey, &[Fact], bool, bool)> = Vec::with_capacity(BATCH);
    let mut flush = |batch: &mut Vec<(PropositionKey, &[Fact], bool, bool)>, found: &mut PackedFound| {
        touch(batch.iter().map(|b| b.1));
        // The claims the batch's rebuttals rebut are read the same way.
        let mut held = false;
        for &(_, facts, _, rebuttals) in batch.iter() {
            if rebuttals {
                for f in facts.iter().filter(|f| f.votes() && f.polarity == Polarity::Affirmed) {
                    if let FactValue::Id(target) = f.value() {
                        held ^= graph.claim(ClaimId(target)).is_some_and(|t| t.stance() == Stance::Own);
                    }
                }
            }
        }
        std::hint::black_box(held);
        for (key, facts, inside, rebuttals) in batch.drain(..) {
            if inside {
                group_contradictions(graph, key, facts, &mut scratch, found);
            }
            if rebuttals {
                rebuttal_group(graph, key, facts, found);
            }
        }
    };
    for group in groups {
        if in_rank_order {
            first = first.or(Some(group));
            last = Some(group);
        }
        // The fact store counts the pairs that may conflict: most groups have none, and nothing
        // more of them is read. Only claims that take a side and affirm rebut or exclude.
        let summary = group.summary();
        let flags = if summary.affirmed { plan.flags(group.predicate()) } else { 0 };
        if !summary.paired && flags == 0 {
            continue;
        }
        let (key, facts) = (group.key(), group.facts());
        let rebuttals = flags & REBUTS != 0;
        if summary.paired || rebuttals {
            batch.push((key, facts, summary.paired, rebuttals));
            if batch.len() == BATCH {
                flush(&mut batch, &mut found);
            }
        }
        if flags & EXCLUDES != 0 {
            sides.push(ExclusionSide::new(key, facts, part));
        }
    }
    flush(&mut batch, &mut found);
    sides.sort_unstable_by_key(|side| side.order);
    plan.join(graph, &sides, false, &mut scratch, &mut found);
    // In a sorted layout, the part holds every group between its first and last.
    let within = first.zip(last).map(|(a, b)| (a.rank(), b.rank()));
    let mut open = Vec::new();
    for run in sides.chunk_by(ExclusionSide::beside) {
        open.extend(run.iter().filter(|side| plan.open(side, run, within)).copied());
    }
    ScanPart { found: found.into_sorted(), open }
}

/// Two sorted lists merged, by `first` (whether an element of the first list goes before one of
/// the second): on a tie the first list's element first, as a stable sort of their
/// concatenation would have it.
fn merge_by<T>(a: Vec<T>, b: Vec<T>, first: impl Fn(&T, &T) -> bool) -> Vec<T> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut a, mut b) = (a.into_iter().peekable(), b.into_iter().peekable());
    while let (Some(x), Some(y)) = (a.peek(), b.peek()) {
        if first(x, y) {
            out.extend(a.next());
        } else {
            out.extend(b.next());
        }
    }
    out.extend(a);
    out.extend(b);
    out
}

/// The order of [`contradictions`]: strongest first, then by rule, then by claims.
fn order(a: &Contradiction, b: &Contradiction) -> std::cmp::Ordering {
    b.strength.total_cmp(&a.strength).then(a.rule.cmp(&b.rule)).then_with(|| a.claims.cmp(&b.claims))
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
            Contradiction { rule: Rule::Recorded, claims, strength: 1.0, conflict: Some(id) }
        })
        .collect()
}

/// What [`sort`] orders contradictions by before it reads their claim lists, in one number: the
/// strength's bits ordered as `total_cmp` orders the floats, inverted (strongest first); then the
/// rule and the first claim (a missing claim before any claim, as the shorter list goes first).
type SortKey = u128;

fn sort_key(c: &Contradiction) -> SortKey {
    sort_key_of(c.strength, c.rule, c.claims.first().map_or(0, |c| u64::from(c.0) + 1))
}

/// The [`SortKey`] of a contradiction of this strength and rule whose first claim, plus one (0
/// for none), is `first`.
fn sort_key_of(strength: f64, rule: Rule, first: u64) -> SortKey {
    let bits = strength.to_bits() as i64;
    let ordered = bits ^ ((((bits >> 63) as u64) >> 1) as i64);
    let descending = !(ordered as u64 ^ (1 << 63));
    u128::from(descending) << 64 | u128::from(rule as u64) << 40 | u128::from(first)
}

/// Contradictions in the order of [`contradictions`], with their sort keys (for merging).
#[derive(Default)]
struct Sorted {
    items: Vec<Contradiction>,
    keys: Vec<SortKey>,
}

/// Sorts contradictions in the order of [`contradictions`], stably (equal ones keep their
/// order): by keys made once, reading the claim lists only for ties, then moving each
/// contradiction once.
fn sorted(items: Vec<Contradiction>) -> Sorted {
    let mut keyed: Vec<(SortKey, u32)> = items.iter().enumerate().map(|(i, c)| (sort_key(c), i as u32)).collect();
    keyed.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| order(&items[a.1 as usize], &items[b.1 as usize])).then(a.1.cmp(&b.1))
    });
    let mut slots: Vec<Option<Contradiction>> = items.into_iter().map(Some).collect();
    let items = keyed.iter().map(|k| slots[k.1 as usize].take().expect("each contradiction is placed once")).collect();
    Sorted { items, keys: keyed.into_iter().map(|k| k.0).collect() }
}

impl PackedFound {
    /// The contradictions found, in the order of [`contradictions`] (stably: equal ones in the
    /// order they were found), each built once, in its place. Sorts records of the packed words
    /// by their keys (reading the claims only for ties), so that no contradiction is moved
    /// before it is built.
    fn into_sorted(self) -> Sorted {
        let words = &self.words;
        let mut records: Vec<(SortKey, u32)> = Vec::with_capacity(self.count as usize);
        let mut at = 0;
        while at < words.len() {
            let (rule, len) = (RULES[words[at] as usize], words[at + 1] as usize);
            let strength = f64::from_bits(u64::from(words[at + 2]) | u64::from(words[at + 3]) << 32);
            let first = if len > 0 { u64::from(words[at + PACKED_HEADER]) + 1 } else { 0 };
            records.push((sort_key_of(strength, rule, first), at as u32));
            at += PACKED_HEADER + len;
        }
        let claims = |at: u32| {
            let at = at as usize;
            &words[at + PACKED_HEADER..at + PACKED_HEADER + words[at + 1] as usize]
        };
        records.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| claims(a.1).cmp(claims(b.1))).then(a.1.cmp(&b.1)));
        let items = records
            .iter()
            .map(|&(_, at)| {
                let at = at as usize;
                Contradiction {
                    rule: RULES[words[at] as usize],
                    claims: claims(at as u32).iter().map(|&c| ClaimId(c)).collect(),
                    strength: f64::from_bits(u64::from(words[at + 2]) | u64::from(words[at + 3]) << 32),
                    conflict: None,
                }
            })
            .collect();
        Sorted { items, keys: records.into_iter().map(|r| r.0).collect() }
    }
}

/// Sorts contradictions in the order of [`contradictions`], stably.
pub(crate) fn sort(out: &mut Vec<Contradiction>) {
    *out = sorted(std::mem::take(out)).items;
}

/// Sorted lists merged into one sorted list in one pass, equal elements in the order of the
/// lists: the stable sort of their concatenation. Heads are compared by their keys, and by their
/// claim lists only when the keys are equal.
fn merge_sorted(lists: Vec<Sorted>) -> Vec<Contradiction> {
    let total = lists.iter().map(|l| l.items.len()).sum();
    let mut lists: Vec<Sorted> = lists.into_iter().filter(|l| !l.items.is_empty()).collect();
    if lists.len() <= 1 {
        return lists.pop().map(|l| l.items).unwrap_or_default();
    }
    // Each list's head (its key and contradiction) and the rest.
    let mut cursors: Vec<_> = lists
        .into_iter()
        .map(|l| {
            let mut rest = l.keys.into_iter().zip(l.items);
            (rest.next(), rest)
        })
        .collect();
    let mut out = Vec::with_capacity(total);
    loop {
        // The list whose head goes first: on a tie, the earliest.
        let mut first: Option<usize> = None;
        for (i, (head, _)) in cursors.iter().enumerate() {
            let Some((key, c)) = head else { continue };
            let goes_first = first.is_none_or(|j| {
                let (other_key, other) = cursors[j].0.as_ref().expect("a chosen list has a head");
                key.cmp(other_key).then_with(|| order(c, other)).is_lt()
            });
            if goes_first {
                first = Some(i);
            }
        }
        let Some(i) = first else { break };
        let (head, rest) = &mut cursors[i];
        out.extend(std::mem::replace(head, rest.next()).map(|(_, c)| c));
    }
    out
}

/// Buffers reused from group to group.
#[derive(Default)]
pub(crate) struct Scratch {
    /// The facts a rule compares, in claim-id order.
    facts: Vec<Fact>,
    /// For a rule between two sides, whether each fact is on the second side.
    second: Vec<bool>,
}

/// How a rule pairs the facts it compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Pairing {
    /// A fact of one side against a fact of the other side that overlaps it in time and agrees
    /// with it in value (polarity, exclusion).
    Across,
    /// Any two facts that overlap in time and differ in value (single value, quantity).
    Within,
}

fn weight(f: &Fact) -> f64 {
    modality_weight(f.modality)
}

fn tolerance(graph: &ClaimGraph, predicate: &crate::Predicate) -> f64 {
    graph.tolerance_for(predicate).0
}

/// Whether facts `i` and `j` conflict under `pairing`: the definition the sweeps compute.
fn conflict(pairing: Pairing, tol: f64, facts: &[Fact], second: &[bool], i: usize, j: usize) -> bool {
    let (a, b) = (&facts[i], &facts[j]);
    a.overlaps(b)
        && match pairing {
            Pairing::Across => second[i] != second[j] && agree(tol, a, b),
            Pairing::Within => !agree(tol, a, b),
        }
}

/// Which facts conflict with another, both of weight at least `floor`, found pair by pair.
fn involved_pairwise(pairing: Pairing, tol: f64, facts: &[Fact], second: &[bool], floor: f64) -> Vec<bool> {
    let mut out = vec![false; facts.len()];
    for i in 0..facts.len() {
        if weight(&facts[i]) < floor {
            continue;
        }
        for j in i + 1..facts.len() {
            if weight(&facts[j]) >= floor && conflict(pairing, tol, facts, second, i, j) {
                out[i] = true;
                out[j] = true;
            }
        }
    }
    out
}

/// [`involved_pairwise`] by sweeps in O(n log n), or `None` when a value has no key interval.
fn involved_sweeping(pairing: Pairing, tol: f64, facts: &[Fact], second: &[bool], floor: f64) -> Option<Vec<bool>> {
    let mut out = vec![false; facts.len()];
    let kept: Vec<usize> = (0..facts.len()).filter(|&i| weight(&facts[i]) >= floor).collect();
    match pairing {
        Pairing::Within => {
            let all = items(tol, kept.iter().map(|&i| &facts[i]))?;
            // Each fact meets itself in both counts.
            let (time, both) = (meeting_in_time(&all, &all), meeting(&all, &all));
            for (k, &i) in kept.iter().enumerate() {
                out[i] = time[k] > both[k];
            }
        }
        Pairing::Across => {
            let (first, other): (Vec<usize>, Vec<usize>) = kept.iter().partition(|&&i| !second[i]);
            let a = items(tol, first.iter().map(|&i| &facts[i]))?;
            let b = items(tol, other.iter().map(|&i| &facts[i]))?;
            for (side, met) in [(&first, meeting(&a, &b)), (&other, meeting(&b, &a))] {
                for (k, &i) in side.iter().enumerate() {
                    out[i] = met[k] > 0;
                }
            }
        }
    }
    Some(out)
}

/// Splits the involved facts `members` into contradictions: for a rule across two sides, facts
/// whose values agree in a chain, then (for every rule) whose time scopes overlap in a chain. Any
/// two conflicting facts fall in one part.
fn parts(pairing: Pairing, tol: f64, facts: &[Fact], members: &[u32], small: bool) -> Vec<Vec<u32>> {
    let time = |i: u32| facts[i as usize].time;
    if pairing == Pairing::Within {
        let mut out = chains(members, time);
        out.sort_unstable();
        return out;
    }
    let by_value = match items(tol, members.iter().map(|&i| &facts[i as usize])).filter(|_| !small) {
        Some(keys) => {
            let at: Vec<usize> = (0..members.len()).collect();
            let spans = |k: u32| (keys[k as usize].e0, keys[k as usize].e1);
            chains(&at.iter().map(|&k| k as u32).collect::<Vec<_>>(), spans)
                .into_iter()
                .map(|run| run.into_iter().map(|k| members[k as usize]).collect())
                .collect()
        }
        None => agreeing_components(tol, facts, members),
    };
    let mut out: Vec<Vec<u32>> = by_value.iter().flat_map(|run| chains(run, time)).collect();
    // Parts are disjoint: ordered by their first member, the order does not depend on the way
    // they were found.
    out.sort_unstable();
    out
}

/// The contradictions one rule finds among `facts` (in claim-id order): one per part of the
/// conflicting facts (see [`parts`]), listing them; its strength the rule's weight times the
/// weaker modality weight of its strongest conflicting pair, plus for quantities a share that
/// grows with the gap between its extreme values. `small` groups are compared pair by pair (the
/// definition); others by sweeps, unless a value has no key interval.
fn rule_contradictions(
    rule: Rule,
    pairing: Pairing,
    tol: f64,
    facts: &[Fact],
    second: &[bool],
    small: bool,
    out: &mut impl Found,
) {
    if small && facts.len() <= SMALL_GROUP {
        // Bit sets sized to the group: most groups are a handful of claims.
        match facts.len() {
            0..=8 => small_rule_contradictions::<8>(rule, pairing, tol, facts, second, out),
            9..=16 => small_rule_contradictions::<16>(rule, pairing, tol, facts, second, out),
            _ => small_rule_contradictions::<SMALL_GROUP>(rule, pairing, tol, facts, second, out),
        }
        return;
    }
    let involved_at = |floor: f64| {
        let swept = if small { None } else { involved_sweeping(pairing, tol, facts, second, floor) };
        swept.unwrap_or_else(|| involved_pairwise(pairing, tol, facts, second, floor))
    };
    let involved = involved_at(0.0);
    let members: Vec<u32> = (0..facts.len() as u32).filter(|&i| involved[i as usize]).collect();
    if members.is_empty() {
        return;
    }
    let parts = parts(pairing, tol, facts, &members, small);
    // The weaker weight of each part's strongest pair: the highest floor at which it still
    // conflicts, trying the weights its facts have from the highest down.
    let mut levels: Vec<f64> = members.iter().map(|&i| weight(&facts[i as usize])).collect();
    levels.sort_by(|a, b| b.total_cmp(a));
    levels.dedup();
    let mut best: Vec<Option<f64>> = vec![None; parts.len()];
    if levels.len() == 1 {
        best.fill(Some(levels[0]));
    }
    for &floor in &levels {
        if best.iter().all(Option::is_some) {
            break;
        }
        let at = involved_at(floor);
        for (b, part) in best.iter_mut().zip(&parts) {
            if b.is_none() && part.iter().any(|&i| at[i as usize]) {
                *b = Some(floor);
            }
        }
    }
    for (part, w) in parts.iter().zip(best) {
        let w = w.unwrap_or(0.0);
        let mut strength = rule.base_strength() * w;
        if rule == Rule::Quantity {
            strength += 0.4 * extreme_gap(part.iter().map(|&i| &facts[i as usize])).min(1.0) * w;
        }
        out.found(rule, part.iter().map(|&i| facts[i as usize].claim), strength);
    }
}

/// [`rule_contradictions`] for at most [`SMALL_GROUP`] facts, pair by pair with bit sets and no
/// allocation: the same contradictions in the same order.
fn small_rule_contradictions<const N: usize>(
    rule: Rule,
    pairing: Pairing,
    tol: f64,
    facts: &[Fact],
    second: &[bool],
    out: &mut impl Found,
) {
    let n = facts.len();
    debug_assert!(n <= N && N <= SMALL_GROUP);
    // For each fact, the facts it overlaps in time and the facts it conflicts with: one value
    // comparison per pair that overlaps in time (and, across sides, lies across them).
    let (mut conflicts, mut times) = ([0u64; N], [0u64; N]);
    for i in 0..n {
        for j in i + 1..n {
            let (a, b) = (&facts[i], &facts[j]);
            if !a.overlaps(b) {
                continue;
            }
            times[i] |= 1 << j;
            times[j] |= 1 << i;
            let conflicting = match pairing {
                Pairing::Across => second[i] != second[j] && agree(tol, a, b),
                Pairing::Within => !agree(tol, a, b),
            };
            if conflicting {
                conflicts[i] |= 1 << j;
                conflicts[j] |= 1 << i;
            }
        }
    }
    let involved = conflicts[..n].iter().fold(0u64, |acc, &c| acc | c);
    if involved == 0 {
        return;
    }
    // Across sides, which involved facts agree in value (for splitting them by value).
    let mut values = [0u64; N];
    if pairing == Pairing::Across {
        for i in Ones(involved) {
            for j in Ones(involved & !bits_below(i + 1)) {
                if agree(tol, &facts[i], &facts[j]) {
                    values[i] |= 1 << j;
                    values[j] |= 1 << i;
                }
            }
        }
    }
    // The connected components of `links` within `among`, each as a bit set.
    let components = |links: &[u64; N], among: u64, found: &mut [u64; N], count: &mut usize| {
        let mut left = among;
        while left != 0 {
            let mut part = left & left.wrapping_neg();
            let mut frontier = part;
            while frontier != 0 {
                let mut next = 0;
                for i in Ones(frontier) {
                    next |= links[i] & among & !part;
                }
                part |= next;
                frontier = next;
            }
            found[*count] = part;
            *count += 1;
            left &= !part;
        }
    };
    let (mut parts, mut count) = ([0u64; N], 0);
    if pairing == Pairing::Across {
        let (mut by_value, mut values_count) = ([0u64; N], 0);
        components(&values, involved, &mut by_value, &mut values_count);
        for &run in &by_value[..values_count] {
            components(&times, run, &mut parts, &mut count);
        }
    } else {
        components(&times, involved, &mut parts, &mut count);
    }
    let parts = &mut parts[..count];
    parts.sort_unstable_by_key(|p| p.trailing_zeros());
    // The weaker weight of each part's strongest pair, as in `rule_contradictions`: the highest
    // level of weight at which a fact of the part still conflicts with one as heavy.
    let mut weights = [0.0f64; N];
    for (w, f) in weights.iter_mut().zip(facts) {
        *w = weight(f);
    }
    let mut levels = [0.0f64; 6];
    let mut level_count = 0;
    for i in Ones(involved) {
        if !levels[..level_count].contains(&weights[i]) {
            levels[level_count] = weights[i];
            level_count += 1;
        }
    }
    let levels = &mut levels[..level_count];
    levels.sort_by(|a, b| b.total_cmp(a));
    // The facts at least as heavy as each level.
    let mut heavy = [0u64; 6];
    for (h, &floor) in heavy.iter_mut().zip(levels.iter()) {
        *h = (0..n).filter(|&i| weights[i] >= floor).fold(0u64, |acc, i| acc | 1 << i);
    }
    for &part in parts.iter() {
        let w = levels
            .iter()
            .zip(&heavy)
            .find(|&(_, &strong)| Ones(part & strong).any(|i| conflicts[i] & strong != 0))
            .map_or(0.0, |(&floor, _)| floor);
        let mut strength = rule.base_strength() * w;
        if rule == Rule::Quantity {
            strength += 0.4 * extreme_gap(Ones(part).map(|i| &facts[i])).min(1.0) * w;
        }
        out.found(rule, Ones(part).map(|i| facts[i].claim), strength);
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

/// The relative gap between the quantity with the lowest upper bound and the one with the
/// highest lower bound; 0 without quantities. Of quantities with the same upper bound, the lowest
/// is the one with the highest lower bound, and of those with the same lower bound, the highest
/// is the one with the lowest upper bound (the narrowest), so that the gap does not depend on the
/// order of the claims.
fn extreme_gap<'a>(facts: impl Iterator<Item = &'a Fact>) -> f64 {
    let mut low: Option<(f64, f64)> = None;
    let mut high: Option<(f64, f64)> = None;
    for f in facts {
        let FactValue::Quantity(lo, hi) = f.value() else { continue };
        if low.is_none_or(|l| hi.total_cmp(&l.1).then(l.0.total_cmp(&lo)).is_lt()) {
            low = Some((lo, hi));
        }
        if high.is_none_or(|h| lo.total_cmp(&h.0).then(h.1.total_cmp(&hi)).is_gt()) {
            high = Some((lo, hi));
        }
    }
    low.zip(high).map_or(0.0, |(l, h)| relative_gap(l, h))
}

/// What the rules inside a proposition group (polarity, single value, quantity) read from its
/// predicate: whether it takes one value at a time, and the tolerance quantities are compared
/// with.
///
/// [`may_conflict`](Self::may_conflict) is the pair relation whose count the fact store keeps
/// for each group (see `FactStore`): the scans skip the groups where it holds for no pair.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GroupRules {
    /// `None` for a predicate the graph does not hold (its groups are always read).
    rules: Option<(bool, f64)>,
}

impl GroupRules {
    /// The rules of the groups of `predicate`.
    pub(crate) fn of(graph: &ClaimGraph, predicate: PredicateId) -> GroupRules {
        GroupRules {
            rules: graph.predicate(predicate).map(|p| (p.cardinality == Cardinality::Single, tolerance(graph, p))),
        }
    }

    /// Whether two facts of a group may make a contradiction of the group rules: both take a
    /// side, their times overlap, and either their polarities differ and their values agree, or
    /// the predicate takes one value at a time and two affirmed values differ. Symmetric (values
    /// compared both ways), and true of every pair that [`group_contradictions`] finds in
    /// conflict: a group where it holds for no pair has no contradiction of those rules.
    pub(crate) fn may_conflict(self, a: &Fact, b: &Fact) -> bool {
        let Some((single, tol)) = self.rules else { return true };
        if !(a.votes() && b.votes() && a.overlaps(b)) {
            return false;
        }
        if a.polarity != b.polarity {
            agree(tol, a, b) || agree(tol, b, a)
        } else {
            single && a.polarity == Polarity::Affirmed && !(agree(tol, a, b) && agree(tol, b, a))
        }
    }
}

/// Contradictions inside one proposition group (polarity, single value, quantity).
///
/// The claims that conflict under a rule are split into contradictions by how they chain
/// together (see [`parts`]): a single-valued group where k values are claimed at overlapping
/// times is one contradiction with k sides, not k(k-1)/2; ten reports of one figure against two
/// of another are one conflict listing twelve claims. O(n log n) in the group's size.
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
    if facts.len() <= SMALL_GROUP {
        small_group_contradictions(facts, tol, single, scratch, out);
    } else {
        clustered_contradictions(facts, tol, single, scratch, out);
    }
}

/// The contradictions of a group, found by sweeps (for any group size).
fn clustered_contradictions(facts: &[Fact], tol: f64, single: bool, scratch: &mut Scratch, out: &mut impl Found) {
    group_rules(facts, tol, single, false, scratch, out);
}

/// The size up to which a group is compared pair by pair ([`small_group_contradictions`]).
const SMALL_GROUP: usize = 64;

/// [`clustered_contradictions`] for a small group, pair by pair: the same result in the same
/// order, with less set-up.
fn small_group_contradictions(facts: &[Fact], tol: f64, single: bool, scratch: &mut Scratch, out: &mut impl Found) {
    group_rules(facts, tol, single, true, scratch, out);
}

fn group_rules(facts: &[Fact], tol: f64, single: bool, small: bool, scratch: &mut Scratch, out: &mut impl Found) {
    let Scratch { facts: kept, second } = scratch;
    kept.clear();
    second.clear();
    kept.extend(facts.iter().filter(|f| f.votes()));
    second.extend(kept.iter().map(|f| f.polarity == Polarity::Denied));
    if second.iter().any(|&d| d) && second.iter().any(|&d| !d) {
        rule_contradictions(Rule::Polarity, Pairing::Across, tol, kept, second, small, out);
    }
    if single {
        kept.retain(|f| f.polarity == Polarity::Affirmed);
        second.clear();
        second.resize(kept.len(), false);
        let rule = match kept.first().map(Fact::value) {
            Some(FactValue::Quantity(..)) => Rule::Quantity,
            _ => Rule::SingleValue,
        };
        // Identical values agree: only a group with two different values may conflict.
        if kept.iter().any(|f| f.value() != kept[0].value()) {
            rule_contradictions(rule, Pairing::Within, tol, kept, second, small, out);
        }
    }
}

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
/// `others` of predicate `q` for the same subject and qualifier: affirmed claims of the two
/// predicates with agreeing objects in overlapping times, as contradictions of two sides (split
/// as [`parts`] splits them). O(n log n) in the two groups' sizes.
pub(crate) fn exclusion_group(
    graph: &ClaimGraph,
    key: PropositionKey,
    facts: &[Fact],
    q: PredicateId,
    others: &[Fact],
    scratch: &mut Scratch,
    out: &mut impl Found,
) {
    debug_assert!(others.iter().map(|f| f.claim).eq(graph.facts_for((key.0, q, key.2)).iter().map(|f| f.claim)));
    let counts = |f: &&Fact| f.votes() && f.polarity == Polarity::Affirmed;
    if !(facts.iter().any(|f| counts(&f)) && others.iter().any(|f| counts(&f))) {
        return;
    }
    let Some(pa) = graph.predicate(key.1) else { return };
    let tol = tolerance(graph, pa);
    // Most pairs of groups have no two claims that meet: small ones are looked at pair by pair
    // first (values compared both ways, so that nothing the rule would find is missed).
    if facts.len() * others.len() <= SMALL_GROUP * SMALL_GROUP {
        let meet = |x: &Fact, y: &Fact| x.overlaps(y) && (agree(tol, x, y) || agree(tol, y, x));
        if !facts.iter().filter(counts).any(|x| others.iter().filter(counts).any(|y| meet(x, y))) {
            return;
        }
    }
    // The counted claims of both groups in id order (each group is in id order, and a claim is
    // in one group), each marked with its side.
    let Scratch { facts: kept, second } = scratch;
    kept.clear();
    second.clear();
    let (mut a, mut b) = (facts.iter().filter(counts).peekable(), others.iter().filter(counts).peekable());
    loop {
        let from_b = match (a.peek(), b.peek()) {
            (Some(x), Some(y)) => y.claim < x.claim,
            (Some(_), None) => false,
            (None, Some(_)) => true,
            (None, None) => break,
        };
        let next = if from_b { b.next() } else { a.next() };
        kept.extend(next.copied());
        second.push(from_b);
    }
    let small = kept.len() <= SMALL_GROUP;
    rule_contradictions(Rule::Exclusion, Pairing::Across, tol, kept, second, small, out);
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
        out.found(Rule::Rebuttal, [target, f.claim].into_iter(), strength);
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

    /// Every contradiction by the plainest scan: every group read, whatever the fact store's
    /// pair counts say, its exclusion partners looked up by key, one thread, one sort.
    pub(crate) fn reference_contradictions(graph: &ClaimGraph) -> Vec<Contradiction> {
        let excluded = excluded_above(graph);
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for (key, facts) in graph.fact_groups() {
            group_contradictions(graph, key, facts, &mut scratch, &mut out);
            for &q in &excluded[key.1.index()] {
                reference_exclusion_group(graph, key, facts, graph.facts_for((key.0, q, key.2)), &mut out);
            }
            rebuttal_group(graph, key, facts, &mut out);
        }
        out.extend(recorded(graph));
        sort(&mut out);
        out
    }

    /// [`exclusion_group`] as it was first written: both groups' counted claims collected,
    /// sorted by id and split.
    fn reference_exclusion_group(
        graph: &ClaimGraph,
        key: PropositionKey,
        facts: &[Fact],
        others: &[Fact],
        out: &mut Vec<Contradiction>,
    ) {
        if others.is_empty() {
            return;
        }
        let Some(pa) = graph.predicate(key.1) else { return };
        let tol = tolerance(graph, pa);
        let counts = |f: &&Fact| f.votes() && f.polarity == Polarity::Affirmed;
        let mut both: Vec<(Fact, bool)> = facts
            .iter()
            .filter(counts)
            .map(|&f| (f, false))
            .chain(others.iter().filter(counts).map(|&f| (f, true)))
            .collect();
        if both.iter().all(|x| x.1) || both.iter().all(|x| !x.1) {
            return;
        }
        both.sort_unstable_by_key(|(f, _)| f.claim);
        let (kept, second): (Vec<Fact>, Vec<bool>) = both.into_iter().unzip();
        let small = kept.len() <= SMALL_GROUP;
        rule_contradictions(Rule::Exclusion, Pairing::Across, tol, &kept, &second, small, out);
    }

    /// The scan (with its skipped groups, its parts and its join, split in 1 to 5 parts) and the
    /// index give what the plainest scan gives, in the same order; the fact store's summaries
    /// are exact.
    pub(crate) fn check_scan(graph: &ClaimGraph, what: &str) {
        assert!(graph.fact_summaries_are_exact(), "{what}: summaries");
        let reference = reference_contradictions(graph);
        for threads in [1, 2, 3, 5] {
            let found = scan(graph, threads);
            assert_eq!(found.len(), reference.len(), "{what}, {threads} threads");
            for (i, (a, b)) in found.iter().zip(&reference).enumerate() {
                assert_eq!(a, b, "{what}, {threads} threads: contradiction {i}");
            }
        }
        assert_eq!(contradictions(graph), reference, "{what}");
        assert_eq!(super::super::ContradictionIndex::new(graph).contradictions(graph), reference, "{what}: index");
    }

    const HOSTILE_VOCABULARY: &str = r#"(
        units: [(id: "person", dimension: "count", factor: 1.0), (id: "thousand", dimension: "count", factor: 1000.0)],
        predicates: [
            (id: "capital", label: "capital", object: Text, cardinality: Single),
            (id: "count", label: "count", object: Quantity("count"), cardinality: Single),
            (id: "exact", label: "exact", object: Quantity("count"), cardinality: Single, tolerance: Some(0.0)),
            (id: "supports", label: "supports", object: Actor),
            (id: "condemns", label: "condemns", object: Actor, excludes: ["supports"]),
            (id: "denies", label: "denies", object: Claim, rebuts: true),
        ],
        actors: [
            (id: "kz", kind: State, name: "Kazakhstan"),
            (id: "ru", kind: State, name: "Russia"),
            (id: "a", kind: Person, name: "A"),
            (id: "b", kind: Person, name: "B"),
        ],
        sources: [(id: "s", kind: Article, title: "t", language: "en")],
    )"#;

    /// Day `i` as a time scope, every `i` a different day.
    fn day(i: usize) -> crate::TimeSpec {
        format!("{}-{:02}-{:02}", 1900 + i / 336, (i % 336) / 28 + 1, i % 28 + 1).parse().unwrap()
    }

    /// Groups of `n` claims each, built to defeat a quadratic scan (as the integration tests'
    /// hostile groups): values all different at disjoint or overlapping times, half affirmed and
    /// half denied (at one time, or by day), and exclusions and rebuttals across them.
    fn hostile(n: usize) -> ClaimGraph {
        use crate::{Amount, Claim, Quantity, Value};
        let mut g = crate::load_str("hostile.ron", HOSTILE_VOCABULARY).unwrap();
        let id = |g: &ClaimGraph, key: &str| g.actor_id(key).unwrap();
        let (kz, ru, s) = (id(&g, "kz"), id(&g, "ru"), g.source_id("s").unwrap());
        let person = g.unit_id("person").unwrap();
        let count = |x: f64| Value::Quantity(Quantity { amount: Amount::Exact(x), unit: person });
        for i in 0..n {
            let speaker = if i % 2 == 0 { id(&g, "a") } else { id(&g, "b") };
            let predicates = &g;
            let claim = |key: String, subject, predicate: &str, object| {
                Claim::new(key, subject, predicates.predicate_id(predicate).unwrap(), object, speaker, s).quote("q")
            };
            let mut claims = vec![
                claim(format!("disjoint{i}"), kz, "exact", count(1.0 + i as f64)).about(day(i)),
                claim(format!("overlapping{i}"), ru, "exact", count(1.0 + i as f64)),
                claim(format!("text{i}"), kz, "capital", Value::Text(format!("city {}", i % 7))).about(day(i / 3)),
                claim(format!("half{i}"), kz, "supports", Value::Actor(ru)),
                claim(format!("byday{i}"), ru, "supports", Value::Actor(kz)).about(day(i / 2)),
                claim(format!("condemns{i}"), kz, "condemns", Value::Actor(ru)).about(day(i)),
                claim(format!("band{i}"), ru, "count", count(if i % 2 == 0 { 1e6 } else { 5e6 } + i as f64)),
            ];
            if i % 2 == 1 {
                claims[3] = claims[3].clone().denied();
                claims[4] = claims[4].clone().denied();
            }
            let denies = g.predicate_id("denies").unwrap();
            for c in claims {
                g.add_claim(c).unwrap();
            }
            if i % 50 == 0 {
                let target = g.claim_id(&format!("half{i}")).unwrap();
                g.add_claim(
                    Claim::new(format!("rebuttal{i}"), kz, denies, Value::Claim(target), speaker, s).quote("q"),
                )
                .unwrap();
            }
        }
        g
    }

    #[test]
    fn the_scan_equals_the_plainest_scan_on_bundled_synthetic_and_hostile_data() {
        let bundled = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        check_scan(&bundled, "bundled");
        for (claims, seed) in [(2_000, 1), (6_000, 7), (20_000, 3)] {
            let graph = crate::synth::generate(&crate::synth::Config { claims, seed, ..Default::default() });
            check_scan(&graph, &format!("synth {claims}, seed {seed}"));
            assert!(!contradictions(&graph).is_empty());
            // Loading a snapshot builds the fact store in bulk, in the layout the scan reads.
            let loaded = crate::io::from_snapshot_bytes(&crate::io::snapshot_bytes(&graph)).unwrap();
            assert!(loaded.fact_groups_sorted(), "synth {claims}, seed {seed}: a loaded layout is sorted");
            check_scan(&loaded, &format!("synth {claims}, seed {seed}, loaded"));
            assert_eq!(contradictions(&loaded), contradictions(&graph));
        }
        let mut graph = hostile(400);
        check_scan(&graph, "hostile");
        let loaded = crate::io::from_snapshot_bytes(&crate::io::snapshot_bytes(&graph)).unwrap();
        check_scan(&loaded, "hostile, loaded");
        assert!(contradictions(&graph).iter().any(|c| c.rule == Rule::Exclusion));
        // Groups shrink below the counted size and grow past it again.
        for i in (0..400).filter(|i| i % 20 != 0) {
            for key in [format!("overlapping{i}"), format!("half{i}"), format!("disjoint{i}")] {
                let id = graph.claim_id(&key).unwrap();
                if graph.remove_claim(id).is_err() {
                    continue;
                }
            }
            if i % 97 == 0 {
                check_scan(&graph, &format!("hostile, removed up to {i}"));
            }
        }
        check_scan(&graph, "hostile, shrunk");
        graph.compact();
        check_scan(&graph, "hostile, shrunk and compacted");
        let grown = hostile(100);
        for (_, c) in grown.claims() {
            let mut c = c.to_claim();
            c.key = format!("again_{}", c.key);
            if !matches!(c.object, crate::Value::Claim(_)) {
                graph.add_claim(c).unwrap();
            }
        }
        check_scan(&graph, "hostile, grown again");
    }

    /// Random edits of a synthetic graph, each followed by a check of the summaries, and every
    /// few by the whole scan: claims copied into existing groups with another polarity, value,
    /// time or modality, claims removed, the default tolerance changed, exclusions added,
    /// compaction.
    #[test]
    fn the_scan_equals_the_plainest_scan_through_random_edits() {
        use crate::{Amount, Defaults, Modality, Predicate, Quantity, Value};
        let mut graph = crate::synth::generate(&crate::synth::Config { claims: 3_000, seed: 11, ..Default::default() });
        let mut state = 5u64;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        for step in 0..1_500 {
            let ids: Vec<ClaimId> = graph.claims().map(|(id, _)| id).collect();
            let pick = ids[next(ids.len() as u64) as usize];
            match next(20) {
                0..=11 => {
                    let mut c = graph.claim(pick).unwrap().to_claim();
                    c.key = format!("edit{step}");
                    for _ in 0..1 + next(3) {
                        match next(6) {
                            0 => {
                                c.polarity =
                                    if c.polarity == Polarity::Affirmed { Polarity::Denied } else { Polarity::Affirmed }
                            }
                            1 => c.about = [None, Some(day(next(40) as usize))][next(2) as usize],
                            2 => {
                                c.modality =
                                    [Modality::Asserted, Modality::Hedged, Modality::Question][next(3) as usize]
                            }
                            3 => {
                                if let Value::Quantity(q) = &mut c.object {
                                    q.amount = Amount::Around(match q.amount {
                                        Amount::Exact(x) | Amount::Around(x) => x * (1.0 + next(30) as f64 / 100.0),
                                        _ => 7.0,
                                    });
                                }
                            }
                            4 => {
                                // Another claim's object of the same type.
                                let other = graph.claim(ids[next(ids.len() as u64) as usize]).unwrap();
                                let same = graph.predicate(other.predicate()).map(|p| &p.object)
                                    == graph.predicate(c.predicate).map(|p| &p.object);
                                if same {
                                    c.object = other.object();
                                }
                            }
                            _ => c.stance = crate::Stance::Carried,
                        }
                    }
                    let _ = graph.add_claim(c);
                }
                12..=16 => {
                    let _ = graph.remove_claim(pick);
                }
                17 => {
                    let tolerance = [0.0, 0.01, 0.3, 2.0][next(4) as usize];
                    graph.set_defaults([None, Some(Defaults { tolerance })][next(2) as usize]).unwrap();
                }
                18 => {
                    let of = graph.claim(pick).unwrap().predicate();
                    let object = graph.predicate(of).unwrap().object.clone();
                    let mut predicate = Predicate::new(format!("p{step}"), "p", object).excludes(of);
                    // Sometimes single-valued, with a tolerance of its own (none, or any).
                    if next(2) == 0 {
                        predicate = predicate.single();
                    }
                    if next(2) == 0 {
                        predicate = predicate.tolerance([0.0, 0.3, 2.0][next(3) as usize]);
                    }
                    let p = graph.add_predicate(predicate).unwrap();
                    // Claims of the new predicate mirroring some of the excluded one's.
                    for &c in graph.claims_with_predicate(of).to_vec().iter().take(40) {
                        let mut claim = graph.claim(c).unwrap().to_claim();
                        claim.key = format!("mirror{step}_{}", c.index());
                        claim.predicate = p;
                        graph.add_claim(claim).unwrap();
                    }
                }
                _ => graph.compact(),
            }
            assert!(graph.fact_summaries_are_exact(), "step {step}");
            if step % 150 == 149 {
                check_scan(&graph, &format!("step {step}"));
            }
        }
        let _ = Quantity { amount: Amount::Exact(0.0), unit: crate::UnitId::from_index(0) };
    }

    /// The sort of contradictions by keys equals the stable sort by [`order`], ties and
    /// strengths of every sign included.
    #[test]
    fn the_sort_by_keys_is_the_stable_sort() {
        let mut state = 9u64;
        let mut next = move |n: u64| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            (state >> 33) % n
        };
        let strengths = [0.95, 0.85, 0.6, 0.0, -0.0, 1.0, f64::NAN, -1.0, f64::INFINITY, 0.6 + 1e-16];
        for round in 0..200 {
            let all: Vec<Contradiction> = (0..next(300))
                .map(|i| Contradiction {
                    rule: RULES[next(6) as usize],
                    claims: (0..1 + next(4)).map(|_| ClaimId([0, 1, 2, u32::MAX, 7][next(5) as usize])).collect(),
                    strength: strengths[next(strengths.len() as u64) as usize],
                    conflict: (round % 2 == 0).then_some(ConflictId::from_index(i as usize)),
                })
                .collect();
            let (mut stable, mut keyed) = (all.clone(), all);
            stable.sort_by(order);
            sort(&mut keyed);
            assert_eq!(format!("{stable:?}"), format!("{keyed:?}"), "round {round}");
        }
    }

    #[test]
    #[ignore = "a million claims: run in release"]
    fn the_scan_equals_the_plainest_scan_at_a_million_claims() {
        let graph = crate::synth::generate(&crate::synth::Config { claims: 1_000_000, seed: 1, ..Default::default() });
        check_scan(&graph, "1M");
    }

    #[test]
    fn small_groups_get_the_same_contradictions_as_any_group() {
        let (mut scratch, mut small, mut general) = (Scratch::default(), Vec::new(), Vec::new());
        let (mut conflicts, mut sides) = (0, 0);
        for seed in 0..2_500u64 {
            let facts = random_group(seed, 1 + (seed % 64) as usize, seed % 4);
            for (tol, single) in [(0.05, true), (0.05, false), (0.6, true)] {
                small.clear();
                general.clear();
                small_group_contradictions(&facts, tol, single, &mut scratch, &mut small);
                clustered_contradictions(&facts, tol, single, &mut scratch, &mut general);
                assert_eq!(small, general, "seed {seed}, tolerance {tol}, single {single}");
                conflicts += small.len();
                sides += small.iter().filter(|c| c.claims.len() > 2).count();
            }
        }
        assert!(conflicts > 10_000, "the random groups conflict ({conflicts})");
        assert!(sides > 5_000, "many contradictions list more than two claims ({sides})");
    }

    #[test]
    fn large_groups_get_the_same_contradictions_by_sweeps_as_pair_by_pair() {
        let (mut scratch, mut pairwise, mut swept) = (Scratch::default(), Vec::new(), Vec::new());
        for seed in 0..120u64 {
            let facts = random_group(seed, 100 + (seed as usize * 7) % 300, seed % 4);
            for (tol, single) in [(0.05, true), (0.05, false), (0.6, true)] {
                pairwise.clear();
                swept.clear();
                group_rules(&facts, tol, single, true, &mut scratch, &mut pairwise);
                group_rules(&facts, tol, single, false, &mut scratch, &mut swept);
                assert_eq!(pairwise, swept, "seed {seed}, tolerance {tol}, single {single}");
            }
        }
    }

    #[test]
    fn the_extreme_gap_does_not_depend_on_the_order_of_the_claims() {
        let q = |lo: f64, hi: f64| {
            Fact::new(
                ClaimId(0),
                Polarity::Affirmed,
                Modality::Asserted,
                Stance::Own,
                FactValue::Quantity(lo, hi),
                (0, 0),
            )
        };
        // The lowest upper bound is 100, held by two: the narrowest is [100, 100]; the highest
        // lower bound is 200, held by two: the narrowest is [200, 200]. The gap is 100 of 200.
        let facts = [q(-50.0, 100.0), q(200.0, 300.0), q(100.0, 100.0), q(200.0, 200.0)];
        let n = facts.len();
        for order in 0..n * n * n * n {
            let at: Vec<usize> = (0..n).map(|k| order / n.pow(k as u32) % n).collect();
            if (0..n).any(|i| !at.contains(&i)) {
                continue;
            }
            assert_eq!(extreme_gap(at.iter().map(|&i| &facts[i])), 0.5, "{at:?}");
        }
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
