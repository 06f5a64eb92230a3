//! Contradictions: claims that cannot all hold, with the rule that fired and a ranking.

use crate::ClaimRef;
use std::fmt::Write as _;

use super::compare::{Agreement, compare_facts, modality_weight, relative_gap};
use crate::graph::{Fact, FactValue};
use crate::model::{Cardinality, Modality, Polarity, Value};
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
struct Sides {
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
        let name = |id| graph.actor(id).map_or("?", |x| x.name.as_str());
        let predicate = |c: ClaimRef<'_>| graph.predicate(c.predicate()).map_or("?", |p| p.key.as_str());
        let qualifier = a.qualifier().map(|q| format!(" [{}]", name(q))).unwrap_or_default();
        let (va, vb) = (show_value(graph, a.object()), show_value(graph, b.object()));
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
                let gap = match (a.object(), b.object()) {
                    (Value::Quantity(x), Value::Quantity(y)) => super::compare::normalized_bounds(graph, x)
                        .zip(super::compare::normalized_bounds(graph, y))
                        .map_or(f64::INFINITY, |(x, y)| relative_gap(x, y)),
                    _ => f64::INFINITY,
                };
                let tol = graph.predicate(a.predicate()).map_or(super::compare::DEFAULT_TOLERANCE, tolerance);
                format!(
                    "{} {}{qualifier}: {va} ({na} claim(s)) vs {vb} ({nb} claim(s)) differ by {:.0}% of the larger value after normalisation (tolerance {:.0}%)",
                    name(a.subject()),
                    predicate(a),
                    gap.min(9.99) * 100.0,
                    tol * 100.0
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

/// One line on a claim: key, speaker, mode, source, time scope and quote.
pub fn describe_claim(graph: &ClaimGraph, c: ClaimRef<'_>) -> String {
    let speaker = graph.actor(c.said_by()).map_or("?", |a| a.name.as_str());
    let source = graph.source(c.source()).map_or("?", |s| s.key.as_str());
    let about = c.about().map(|t| format!(" about {t}")).unwrap_or_default();
    format!("{} ({:?}, {:?}) by {speaker} in {source}{about}: \"{}\"", c.key(), c.polarity(), c.modality(), c.quote())
}

fn show_value(graph: &ClaimGraph, v: &Value) -> String {
    match v {
        Value::Actor(a) => graph.actor(*a).map_or_else(|| a.to_string(), |a| a.name.clone()),
        Value::Quantity(q) => {
            let unit = graph.unit(q.unit).map_or("?", |u| u.key.as_str());
            format!("{:?} {unit}", q.amount)
        }
        Value::Date(d) => d.to_string(),
        Value::Text(t) => format!("{t:?}"),
        Value::Bool(b) => b.to_string(),
        Value::Claim(c) => graph.claim(*c).map_or_else(|| c.to_string(), |c| format!("claim {}", c.key())),
    }
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
    let scan = |groups: &mut dyn Iterator<Item = (&PropositionKey, &[Fact])>| {
        let mut out = Vec::new();
        let mut scratch = Scratch::default();
        for (&key, facts) in groups {
            group_contradictions(graph, key, facts, &mut scratch, &mut out);
            for &q in &excluded[key.1.index()] {
                exclusion_group(graph, key, facts, q, &mut out);
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

fn weight(f: &Fact) -> f64 {
    modality_weight(f.modality)
}

fn tolerance(predicate: &crate::Predicate) -> f64 {
    predicate.tolerance.unwrap_or(super::compare::DEFAULT_TOLERANCE)
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
    out: &mut Vec<Contradiction>,
) {
    if facts.len() < 2 {
        return;
    }
    let Some(predicate) = graph.predicate(key.1) else { return };
    let tol = tolerance(predicate);
    let single = predicate.cardinality == Cardinality::Single;
    // Most groups cannot conflict: a multi-valued predicate conflicts only on opposite
    // polarities, and a single-valued one not when every claim gives the same value one way.
    let mut counted = facts.iter().filter(|f| f.modality != Modality::Question);
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
        let counted = || facts.iter().filter(|f| f.modality != Modality::Question);
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
    let Scratch { cluster_of, reps, involved, starts, members } = scratch;
    cluster_of.clear();
    reps.clear();
    for (i, f) in facts.iter().enumerate() {
        if f.modality == Modality::Question {
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
                    let mut s = rule.base_strength() * weight(a).min(weight(b));
                    if let (FactValue::Quantity(a0, a1), FactValue::Quantity(b0, b1)) = (a.value(), b.value()) {
                        s += 0.4 * relative_gap((a0, a1), (b0, b1)).min(1.0) * weight(a).min(weight(b));
                    }
                    best = best.max(s);
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
            out.push(Contradiction::found(rule, involved.clone(), best, sides));
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
/// of predicate `q` for the same subject and qualifier: one per claim of the group, listing every
/// claim of `q` it clashes with (same object, overlapping time, both affirmed).
pub(crate) fn exclusion_group(
    graph: &ClaimGraph,
    key: PropositionKey,
    facts: &[Fact],
    q: PredicateId,
    out: &mut Vec<Contradiction>,
) {
    let others = graph.facts_for((key.0, q, key.2));
    if others.is_empty() {
        return;
    }
    let Some(pa) = graph.predicate(key.1) else { return };
    let tol = tolerance(pa);
    let counts = |f: &&Fact| f.modality != Modality::Question && f.polarity == Polarity::Affirmed;
    for a in facts.iter().filter(counts) {
        let mut involved = vec![a.claim];
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
        out.push(Contradiction::found(Rule::Exclusion, involved, best, sides));
    }
}

/// The rebuttals the claims of a group make, when its predicate rebuts.
pub(crate) fn rebuttal_group(graph: &ClaimGraph, key: PropositionKey, facts: &[Fact], out: &mut Vec<Contradiction>) {
    if !graph.predicate(key.1).is_some_and(|p| p.rebuts) {
        return;
    }
    for f in facts.iter().filter(|f| f.modality != Modality::Question && f.polarity == Polarity::Affirmed) {
        let FactValue::Id(target) = f.value() else { continue };
        let target = ClaimId(target);
        let Some(t) = graph.claim(target) else { continue };
        let strength = Rule::Rebuttal.base_strength() * modality_weight(t.modality()).min(weight(f));
        let sides = Sides { a: target, a_count: 1, b: f.claim, b_count: 1 };
        out.push(Contradiction::found(Rule::Rebuttal, vec![target, f.claim], strength, sides));
    }
}
