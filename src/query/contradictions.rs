//! Contradictions: claims that cannot all hold, with the rule that fired and a ranking.

use std::collections::HashMap;
use std::fmt::Write as _;

use super::compare::{Agreement, claims_overlap, compare_values, modality_weight, normalized_bounds, relative_gap};
use crate::model::{Cardinality, Claim, Modality, Polarity, Value};
use crate::{ClaimGraph, ClaimId, ConflictId, PredicateId};

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
    /// Why the rule fired, in words.
    pub reason: String,
    /// The analyst's record, for [`Rule::Recorded`].
    pub conflict: Option<ConflictId>,
}

impl Contradiction {
    /// A multi-line explanation a person can check: the rule, the reason, and for each claim its
    /// speaker, source, time scope and quote.
    pub fn explain(&self, graph: &ClaimGraph) -> String {
        let mut out = format!("[{}] strength {:.2}: {}", self.rule.name(), self.strength, self.reason);
        for &id in &self.claims {
            if let Some(c) = graph.claim(id) {
                let _ = write!(out, "\n  {}", describe_claim(graph, c));
            }
        }
        out
    }
}

/// One line on a claim: key, speaker, mode, source, time scope and quote.
pub fn describe_claim(graph: &ClaimGraph, c: &Claim) -> String {
    let speaker = graph.actor(c.said_by).map_or("?", |a| a.name.as_str());
    let source = graph.source(c.source).map_or("?", |s| s.key.as_str());
    let about = c.about.map(|t| format!(" about {t}")).unwrap_or_default();
    format!("{} ({:?}, {:?}) by {speaker} in {source}{about}: \"{}\"", c.key, c.polarity, c.modality, c.quote)
}

fn counts(c: &Claim) -> bool {
    c.modality != Modality::Question
}

fn strength(rule: Rule, a: &Claim, b: &Claim) -> f64 {
    rule.base_strength() * modality_weight(a.modality).min(modality_weight(b.modality))
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
        Value::Claim(c) => graph.claim(*c).map_or_else(|| c.to_string(), |c| format!("claim {}", c.key)),
    }
}

/// Every contradiction in the graph, strongest first (ties in rule, then claim order).
///
/// Claims are compared only within their proposition group (same subject, predicate and
/// qualifier), or with the groups of excluded predicates, so the cost is the sum of the squared
/// group sizes, not the square of the claim count. Claims whose time scopes do not overlap never
/// contradict; questions never contradict; approximate quantities are ranges, compared after unit
/// normalisation within the predicate's tolerance.
///
/// ```
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let found = claimgraph::query::contradictions(&graph);
/// assert!(!found.is_empty());
/// assert!(found.windows(2).all(|w| w[0].strength >= w[1].strength));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn contradictions(graph: &ClaimGraph) -> Vec<Contradiction> {
    let mut out = Vec::new();
    for (_, claims) in graph.proposition_groups() {
        group_contradictions(graph, claims, &mut out);
    }
    exclusion_contradictions(graph, &mut out);
    rebuttals(graph, &mut out);
    out.extend(recorded(graph));
    sort(&mut out);
    out
}

/// The analyst-recorded conflicts, as contradictions.
pub(crate) fn recorded(graph: &ClaimGraph) -> Vec<Contradiction> {
    graph
        .conflicts()
        .map(|(id, k)| {
            let mut claims = k.claims.clone();
            claims.sort();
            Contradiction { rule: Rule::Recorded, claims, strength: 1.0, reason: k.note.clone(), conflict: Some(id) }
        })
        .collect()
}

pub(crate) fn sort(out: &mut [Contradiction]) {
    out.sort_by(|a, b| {
        b.strength.total_cmp(&a.strength).then(a.rule.cmp(&b.rule)).then_with(|| a.claims.cmp(&b.claims))
    });
}

/// Claims of one proposition group that agree: same polarity, agreeing objects, and time scopes
/// that overlap the first member's.
fn clusters(graph: &ClaimGraph, predicate: &crate::Predicate, claims: &[ClaimId]) -> Vec<Vec<ClaimId>> {
    let mut out: Vec<Vec<ClaimId>> = Vec::new();
    for &id in claims {
        let Some(c) = graph.claim(id).filter(|c| counts(c)) else { continue };
        let home = out.iter_mut().find(|cluster| {
            let first = graph.claim(cluster[0]).expect("clustered claims are live");
            first.polarity == c.polarity
                && claims_overlap(first, c)
                && compare_values(graph, predicate, &first.object, &c.object) != Agreement::Different
        });
        match home {
            Some(cluster) => cluster.push(id),
            None => out.push(vec![id]),
        }
    }
    out
}

/// Contradictions inside one proposition group (polarity, single value, quantity).
///
/// Claims that agree are clustered first; each pair of conflicting clusters gives one
/// contradiction listing every claim of either cluster that conflicts with a claim of the other
/// in an overlapping time scope, so ten reports of one figure against two of another read as one
/// conflict, not twenty.
pub(crate) fn group_contradictions(graph: &ClaimGraph, claims: &[ClaimId], out: &mut Vec<Contradiction>) {
    if claims.len() < 2 {
        return;
    }
    let Some(first) = claims.first().and_then(|&c| graph.claim(c)) else { return };
    let Some(predicate) = graph.predicate(first.predicate) else { return };
    let single = predicate.cardinality == Cardinality::Single;
    let groups = clusters(graph, predicate, claims);
    for (i, ca) in groups.iter().enumerate() {
        for cb in &groups[i + 1..] {
            let (ra, rb) = (graph.claim(ca[0]).expect("live"), graph.claim(cb[0]).expect("live"));
            let agreement = compare_values(graph, predicate, &ra.object, &rb.object);
            let rule = if ra.polarity != rb.polarity {
                if agreement == Agreement::Different {
                    continue;
                }
                Rule::Polarity
            } else if single && ra.polarity == Polarity::Affirmed && agreement == Agreement::Different {
                match (&ra.object, &rb.object) {
                    (Value::Quantity(_), Value::Quantity(_)) => Rule::Quantity,
                    _ => Rule::SingleValue,
                }
            } else {
                continue;
            };
            let mut involved = Vec::new();
            let mut best = 0.0_f64;
            for &ia in ca {
                let a = graph.claim(ia).expect("live");
                for &ib in cb {
                    let b = graph.claim(ib).expect("live");
                    if !claims_overlap(a, b) {
                        continue;
                    }
                    let mut s = strength(rule, a, b);
                    if rule == Rule::Quantity {
                        s += 0.4
                            * quantity_gap(graph, a, b).min(1.0)
                            * modality_weight(a.modality).min(modality_weight(b.modality));
                    }
                    best = best.max(s);
                    involved.push(ia);
                    involved.push(ib);
                }
            }
            if involved.is_empty() {
                continue;
            }
            involved.sort();
            involved.dedup();
            let subject = graph.actor(ra.subject).map_or("?", |x| x.name.as_str());
            let qualifier =
                ra.qualifier.and_then(|q| graph.actor(q)).map(|q| format!(" [{}]", q.name)).unwrap_or_default();
            let (va, vb) = (show_value(graph, &ra.object), show_value(graph, &rb.object));
            let (na, nb) = (ca.len(), cb.len());
            let reason = match rule {
                Rule::Polarity => format!(
                    "{subject} {}{qualifier} {va}: affirmed by {} claim(s), denied by {} claim(s)",
                    predicate.key,
                    if ra.polarity == Polarity::Affirmed { na } else { nb },
                    if ra.polarity == Polarity::Affirmed { nb } else { na },
                ),
                Rule::Quantity => format!(
                    "{subject} {}{qualifier}: {va} ({na} claim(s)) vs {vb} ({nb} claim(s)) differ by {:.0}% of the larger value after normalisation (tolerance {:.0}%)",
                    predicate.key,
                    quantity_gap(graph, ra, rb).min(9.99) * 100.0,
                    predicate.tolerance.unwrap_or(super::compare::DEFAULT_TOLERANCE) * 100.0
                ),
                _ => format!(
                    "{subject} {}{qualifier} takes one value at a time, but {na} claim(s) give {va} and {nb} claim(s) give {vb}",
                    predicate.key
                ),
            };
            out.push(Contradiction { rule, claims: involved, strength: best, reason, conflict: None });
        }
    }
}

fn quantity_gap(graph: &ClaimGraph, a: &Claim, b: &Claim) -> f64 {
    match (&a.object, &b.object) {
        (Value::Quantity(x), Value::Quantity(y)) => normalized_bounds(graph, x)
            .zip(normalized_bounds(graph, y))
            .map_or(f64::INFINITY, |(bx, by)| relative_gap(bx, by)),
        _ => 0.0,
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

fn exclusion_contradictions(graph: &ClaimGraph, out: &mut Vec<Contradiction>) {
    for (p, q) in exclusion_pairs(graph) {
        for &ia in graph.claims_with_predicate(p) {
            exclusion_for_claim(graph, ia, q, out);
        }
    }
}

/// The contradiction between claim `ia` and every claim of predicate `q` (which excludes its
/// own) for the same subject, qualifier and object in an overlapping time scope.
pub(crate) fn exclusion_for_claim(graph: &ClaimGraph, ia: ClaimId, q: PredicateId, out: &mut Vec<Contradiction>) {
    let Some(a) = graph.claim(ia).filter(|c| counts(c) && c.polarity == Polarity::Affirmed) else { return };
    let (Some(pa), Some(pq)) = (graph.predicate(a.predicate), graph.predicate(q)) else { return };
    let mut involved = vec![ia];
    let mut best = 0.0_f64;
    for &ib in graph.claims_for((a.subject, q, a.qualifier)) {
        let Some(b) = graph.claim(ib).filter(|c| counts(c) && c.polarity == Polarity::Affirmed) else { continue };
        if !claims_overlap(a, b) || compare_values(graph, pa, &a.object, &b.object) == Agreement::Different {
            continue;
        }
        best = best.max(strength(Rule::Exclusion, a, b));
        involved.push(ib);
    }
    if involved.len() < 2 {
        return;
    }
    involved.sort();
    let reason = format!(
        "{} cannot both {} and {} {}: the vocabulary declares the predicates mutually exclusive",
        graph.actor(a.subject).map_or("?", |x| x.name.as_str()),
        pa.key,
        pq.key,
        show_value(graph, &a.object)
    );
    out.push(Contradiction { rule: Rule::Exclusion, claims: involved, strength: best, reason, conflict: None });
}

fn rebuttals(graph: &ClaimGraph, out: &mut Vec<Contradiction>) {
    for (p, pred) in graph.predicates() {
        if !pred.rebuts {
            continue;
        }
        for &ic in graph.claims_with_predicate(p) {
            rebuttal_for_claim(graph, ic, out);
        }
    }
}

/// The rebuttal contradiction a claim makes, if its predicate rebuts and it is affirmed.
pub(crate) fn rebuttal_for_claim(graph: &ClaimGraph, ic: ClaimId, out: &mut Vec<Contradiction>) {
    let Some(c) = graph.claim(ic).filter(|c| counts(c) && c.polarity == Polarity::Affirmed) else { return };
    let Some(pred) = graph.predicate(c.predicate).filter(|p| p.rebuts) else { return };
    let Value::Claim(target) = c.object else { return };
    let Some(t) = graph.claim(target) else { return };
    let reason = format!(
        "{} {} claim {} by {}",
        graph.actor(c.said_by).map_or("?", |x| x.name.as_str()),
        pred.key,
        t.key,
        graph.actor(t.said_by).map_or("?", |x| x.name.as_str())
    );
    out.push(Contradiction {
        rule: Rule::Rebuttal,
        claims: vec![target, ic],
        strength: strength(Rule::Rebuttal, t, c),
        reason,
        conflict: None,
    });
}

/// Group sizes by rule, for summaries.
pub fn count_by_rule(found: &[Contradiction]) -> HashMap<Rule, usize> {
    let mut counts = HashMap::new();
    for c in found {
        *counts.entry(c.rule).or_default() += 1;
    }
    counts
}
