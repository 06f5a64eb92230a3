//! What the pictures read from the results of the queries, in one place: the hops of an
//! attribution chain, the sides of a contradiction. The pictures depend on the query result types
//! only through this file.

use std::collections::HashSet;

use super::EdgeStyle;
use crate::model::{Mode, Polarity};
use crate::query::{Agreement, Contradiction, HopKind, Link, Rule, attribution_chains, compare_values};
use crate::{ActorId, ClaimGraph, ClaimId, SourceId};

/// Where a hop leads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Target {
    Source(SourceId),
    Actor(ActorId),
}

/// One hop of an attribution chain, as the picture draws it.
#[derive(Clone, Debug)]
pub(super) struct Step {
    /// `translated from`, `stated by`...
    pub(super) label: &'static str,
    pub(super) to: Target,
    pub(super) by: Option<ActorId>,
    pub(super) mode: Option<Mode>,
    pub(super) style: EdgeStyle,
}

/// An attribution chain: the source the claim was read in, then the hops.
#[derive(Clone, Debug)]
pub(super) struct Path {
    pub(super) start: SourceId,
    pub(super) steps: Vec<Step>,
}

/// At most `max` attribution chains of `claim`, in the order the query gives them.
pub(super) fn chains(graph: &ClaimGraph, claim: ClaimId, max: usize) -> Vec<Path> {
    attribution_chains(graph, claim)
        .into_iter()
        .take(max)
        .map(|chain| Path {
            start: chain.start,
            steps: chain
                .hops
                .iter()
                .map(|hop| Step {
                    label: hop.kind.label(),
                    to: match hop.to {
                        Link::Source(s) => Target::Source(s),
                        Link::Actor(a) => Target::Actor(a),
                    },
                    by: hop.by,
                    mode: hop.mode,
                    style: match (hop.kind, hop.mode) {
                        (HopKind::InsertedBy, _) | (_, Some(Mode::Inserted)) => EdgeStyle::Inserted,
                        (_, Some(Mode::Hedged)) => EdgeStyle::Hedged,
                        (HopKind::Unlinked, _) => EdgeStyle::Unlinked,
                        _ => EdgeStyle::Plain,
                    },
                })
                .collect(),
        })
        .collect()
}

/// A contradiction as the picture draws it.
#[derive(Clone, Debug)]
pub(super) struct Cluster {
    /// `[rule] strength 0.85: reason`.
    pub(super) title: String,
    /// Every claim of the contradiction, in its order.
    pub(super) claims: Vec<ClaimId>,
    /// The claims, split into sides that conflict with each other.
    pub(super) sides: Vec<Vec<ClaimId>>,
    /// A rebuttal: the first side is the rebutted claim, the other the claims rebutting it.
    pub(super) rebuttal: bool,
}

/// The sides of a contradiction and its title.
///
/// The sides are read back from the claims: by polarity, by value (values the predicate finds
/// different), by predicate for exclusions, the rebutted claim against its rebuttals; the claims
/// of a recorded conflict each stand alone.
pub(super) fn cluster(graph: &ClaimGraph, contradiction: &Contradiction) -> Cluster {
    let claims = &contradiction.claims;
    let title = format!(
        "[{}] strength {:.2}: {}",
        contradiction.rule.name(),
        contradiction.strength,
        contradiction.reason(graph)
    );
    let split = |same: &dyn Fn(ClaimId, ClaimId) -> bool| {
        let mut sides: Vec<Vec<ClaimId>> = Vec::new();
        for &c in claims {
            match sides.iter_mut().find(|side| same(side[0], c)) {
                Some(side) => side.push(c),
                None => sides.push(vec![c]),
            }
        }
        sides
    };
    let polarity = |c: ClaimId| graph.claim(c).map(|c| c.polarity()).unwrap_or(Polarity::Affirmed);
    let predicate = |c: ClaimId| graph.claim(c).map(|c| c.predicate());
    let sides = match contradiction.rule {
        Rule::Polarity => split(&|a, b| polarity(a) == polarity(b)),
        Rule::Exclusion => split(&|a, b| predicate(a) == predicate(b)),
        Rule::Rebuttal => match claims.split_first() {
            Some((&first, rest)) if !rest.is_empty() => vec![vec![first], rest.to_vec()],
            _ => vec![claims.clone()],
        },
        Rule::SingleValue | Rule::Quantity => split(&|a, b| {
            let (Some(a), Some(b)) = (graph.claim(a), graph.claim(b)) else { return false };
            graph
                .predicate(a.predicate())
                .is_some_and(|p| compare_values(graph, p, &a.object(), &b.object()) != Agreement::Different)
        }),
        Rule::Recorded => claims.iter().map(|&c| vec![c]).collect(),
    };
    Cluster { title, claims: claims.clone(), sides, rebuttal: contradiction.rule == Rule::Rebuttal }
}

/// The pairs of claims to join with conflict edges: every pair across two sides, or, when there
/// would be more than `max` of them, each claim with the first claim of the first other side.
pub(super) fn conflict_pairs(sides: &[Vec<ClaimId>], max: usize) -> Vec<(ClaimId, ClaimId)> {
    let mut pairs = Vec::new();
    for (i, side) in sides.iter().enumerate() {
        for other in &sides[i + 1..] {
            for &a in side {
                pairs.extend(other.iter().map(|&b| (a, b)));
            }
        }
    }
    if pairs.len() <= max || sides.len() < 2 {
        return pairs;
    }
    pairs.clear();
    for (i, side) in sides.iter().enumerate() {
        let other = if i == 0 { sides[1][0] } else { sides[0][0] };
        for &a in side {
            if i == 0 || a != other {
                let pair = if i == 0 { (a, other) } else { (other, a) };
                if !pairs.contains(&pair) {
                    pairs.push(pair);
                }
            }
        }
    }
    pairs
}

/// The pairs of claims of `shown` that contradict each other, across the sides of every
/// contradiction of the graph, each pair once, in the order of the contradictions.
pub(super) fn conflicts_among(graph: &ClaimGraph, shown: &HashSet<ClaimId>) -> Vec<(ClaimId, ClaimId)> {
    let mut pairs = Vec::new();
    for contradiction in crate::query::contradictions(graph) {
        if contradiction.claims.iter().filter(|c| shown.contains(c)).count() < 2 {
            continue;
        }
        for pair in conflict_pairs(&cluster(graph, &contradiction).sides, usize::MAX) {
            if shown.contains(&pair.0) && shown.contains(&pair.1) && !pairs.contains(&pair) {
                pairs.push(pair);
            }
        }
    }
    pairs
}
