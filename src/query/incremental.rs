//! Contradictions kept up to date as claims are added or removed, by recomputing only the
//! proposition groups an edit touches.

use std::collections::HashMap;

use super::contradictions::{
    Contradiction, exclusion_for_claim, exclusion_pairs, group_contradictions, rebuttal_for_claim, recorded, sort,
};
use crate::{ClaimGraph, ClaimId, PredicateId, PropositionKey};

/// The contradictions of a graph, grouped by where they come from so that an edit recomputes
/// only what it touches.
///
/// Build it once with [`ContradictionIndex::new`]; after adding or removing claims, call
/// [`update`](Self::update) with the proposition keys of the claims added or removed (take the
/// key of a claim *before* removing it, with [`ClaimGraph::proposition_key`]). The cost of an
/// update is that of re-checking the touched groups and the groups of the predicates they
/// exclude, independent of the size of the graph.
///
/// ```
/// use claimgraph::query::{ContradictionIndex, contradictions};
/// use claimgraph::ClaimGraph;
/// let mut graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let mut index = ContradictionIndex::new(&graph);
/// assert_eq!(index.contradictions(&graph), contradictions(&graph));
///
/// // Deny a claim that another claim affirms: one more contradiction.
/// let (_, some) = graph.claims().find(|(_, c)| c.key == "c000_arrivals_100000").unwrap();
/// let mut denial = some.clone();
/// denial.key = "analyst_denial".into();
/// denial.polarity = claimgraph::Polarity::Denied;
/// let key = ClaimGraph::proposition_key(&denial);
/// graph.add_claim(denial)?;
/// index.update(&graph, [key]);
/// assert_eq!(index.contradictions(&graph), contradictions(&graph));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct ContradictionIndex {
    groups: HashMap<PropositionKey, Vec<Contradiction>>,
    /// Exclusion contradictions by the group of the lower predicate of the pair, and the higher.
    exclusions: HashMap<(PropositionKey, PredicateId), Vec<Contradiction>>,
    rebuttals: HashMap<ClaimId, Vec<Contradiction>>,
    /// For each predicate, the predicates it excludes (both directions).
    excluded: HashMap<PredicateId, Vec<PredicateId>>,
}

impl ContradictionIndex {
    /// Finds every contradiction of the graph.
    pub fn new(graph: &ClaimGraph) -> ContradictionIndex {
        let mut index = ContradictionIndex::default();
        for (p, q) in exclusion_pairs(graph) {
            index.excluded.entry(p).or_default().push(q);
            index.excluded.entry(q).or_default().push(p);
        }
        for (&key, claims) in graph.proposition_groups() {
            let mut found = Vec::new();
            group_contradictions(graph, claims, &mut found);
            if !found.is_empty() {
                index.groups.insert(key, found);
            }
        }
        for (p, q) in exclusion_pairs(graph) {
            let mut keys: Vec<PropositionKey> = graph
                .claims_with_predicate(p)
                .iter()
                .filter_map(|&c| graph.claim(c))
                .map(ClaimGraph::proposition_key)
                .collect();
            keys.sort();
            keys.dedup();
            for key in keys {
                index.refresh_exclusion(graph, key, q);
            }
        }
        for (p, pred) in graph.predicates() {
            if pred.rebuts {
                for &c in graph.claims_with_predicate(p) {
                    index.refresh_rebuttal(graph, c);
                }
            }
        }
        index
    }

    fn refresh_exclusion(&mut self, graph: &ClaimGraph, key: PropositionKey, q: PredicateId) {
        let mut found = Vec::new();
        for &c in graph.claims_for(key) {
            exclusion_for_claim(graph, c, q, &mut found);
        }
        if found.is_empty() {
            self.exclusions.remove(&(key, q));
        } else {
            self.exclusions.insert((key, q), found);
        }
    }

    fn refresh_rebuttal(&mut self, graph: &ClaimGraph, claim: ClaimId) {
        let mut found = Vec::new();
        rebuttal_for_claim(graph, claim, &mut found);
        if found.is_empty() {
            self.rebuttals.remove(&claim);
        } else {
            self.rebuttals.insert(claim, found);
        }
    }

    /// Re-checks the proposition groups with these keys (and the groups of predicates they
    /// exclude) after claims were added to or removed from them.
    pub fn update(&mut self, graph: &ClaimGraph, touched: impl IntoIterator<Item = PropositionKey>) {
        for key in touched {
            let claims = graph.claims_for(key);
            let mut found = Vec::new();
            group_contradictions(graph, claims, &mut found);
            if found.is_empty() {
                self.groups.remove(&key);
            } else {
                self.groups.insert(key, found);
            }
            let (subject, p, qualifier) = key;
            for q in self.excluded.get(&p).cloned().unwrap_or_default() {
                // Exclusion results live with the group of the lower predicate of the pair.
                if p < q {
                    self.refresh_exclusion(graph, key, q);
                } else {
                    self.refresh_exclusion(graph, (subject, q, qualifier), p);
                }
            }
            for &c in claims {
                self.refresh_rebuttal(graph, c);
            }
            // Rebuttals of a removed claim, or by one, are dropped with it.
            self.rebuttals.retain(|&c, found| {
                graph.claim(c).is_some() && found.iter().all(|k| k.claims.iter().all(|&x| graph.claim(x).is_some()))
            });
        }
    }

    /// Every contradiction, with the analyst-recorded conflicts of `graph`, in the order of
    /// [`contradictions`](super::contradictions).
    pub fn contradictions(&self, graph: &ClaimGraph) -> Vec<Contradiction> {
        let mut all: Vec<Contradiction> = self
            .groups
            .values()
            .chain(self.exclusions.values())
            .chain(self.rebuttals.values())
            .flatten()
            .cloned()
            .chain(recorded(graph))
            .collect();
        sort(&mut all);
        all
    }

    /// How many contradictions the rules found (recorded conflicts not included).
    pub fn len(&self) -> usize {
        self.groups.values().chain(self.exclusions.values()).chain(self.rebuttals.values()).map(Vec::len).sum()
    }

    /// Whether the rules found none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}
