//! Contradictions kept up to date as claims are added or removed, by recomputing only the
//! proposition groups an edit touches.

use super::contradictions::{
    Contradiction, Packed, PackedFound, Scratch, exclusion_group, exclusion_pairs, group_contradictions,
    rebuttal_group, recorded, sort,
};
use crate::graph::{Fact, IdMap};
use crate::{ClaimGraph, PredicateId, PropositionKey};

/// The contradictions of a graph, grouped by where they come from so that an edit recomputes
/// only what it touches.
///
/// Build it once with [`ContradictionIndex::new`]; after adding or removing claims, call
/// [`update`](Self::update) with the proposition keys of the claims added or removed (take the
/// key of a claim *before* removing it, with [`ClaimGraph::proposition_key`]). The cost of an
/// update is that of re-checking the touched groups and the groups of the predicates they
/// exclude: O(n log n) in their sizes, independent of the size of the graph (one claim added to a
/// group of 100,000 costs milliseconds).
///
/// ```
/// use claimgraph::query::{ContradictionIndex, contradictions};
/// use claimgraph::ClaimGraph;
/// let mut graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let mut index = ContradictionIndex::new(&graph);
/// assert_eq!(index.contradictions(&graph), contradictions(&graph));
///
/// // Deny a claim that another claim affirms: one more contradiction.
/// let some = graph.claim(graph.claim_id("c000_arrivals_100000").unwrap()).unwrap();
/// let mut denial = some.to_claim();
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
    /// The contradictions inside each group, and the rebuttals its claims make.
    groups: IdMap<PropositionKey, Packed>,
    /// Exclusion contradictions by the group of the lower predicate of the pair, and the higher.
    exclusions: IdMap<(PropositionKey, PredicateId), Packed>,
    /// For each predicate (by index), the predicates it excludes (both directions).
    excluded: Vec<Vec<PredicateId>>,
}

impl ContradictionIndex {
    /// Finds every contradiction of the graph.
    pub fn new(graph: &ClaimGraph) -> ContradictionIndex {
        let mut index = ContradictionIndex::default();
        for (p, q) in exclusion_pairs(graph) {
            let n = p.index().max(q.index()) + 1;
            if index.excluded.len() < n {
                index.excluded.resize(n, Vec::new());
            }
            index.excluded[p.index()].push(q);
            index.excluded[q.index()].push(p);
        }
        let keys: Vec<PropositionKey> = graph.fact_groups().map(|(k, _)| k).collect();
        index.refresh(graph, keys);
        index
    }

    /// Recomputes everything that depends on the given groups.
    fn refresh(&mut self, graph: &ClaimGraph, keys: impl IntoIterator<Item = PropositionKey>) {
        /// How many groups are looked up at once.
        const BATCH: usize = 16;
        let excluded = |p: PredicateId| self.excluded.get(p.index()).map_or(&[][..], Vec::as_slice);
        let mut keys = keys.into_iter();
        let mut scratch = Scratch::default();
        let mut found = PackedFound::default();
        let mut batch: Vec<(PropositionKey, &[Fact])> = Vec::with_capacity(BATCH);
        let mut partners: Vec<&[Fact]> = Vec::new();
        loop {
            // Look up a batch of groups, and the groups of the same subject and qualifier whose
            // predicates their own exclude, before working on any: the lookups do not depend on
            // each other, so their cache misses overlap instead of each waiting for the work on
            // the group before.
            batch.clear();
            partners.clear();
            for key in keys.by_ref().take(BATCH) {
                batch.push((key, graph.facts_for(key)));
                partners.extend(excluded(key.1).iter().map(|&q| graph.facts_for((key.0, q, key.2))));
            }
            if batch.is_empty() {
                break;
            }
            let mut partners = partners.iter();
            for &(key, facts) in &batch {
                group_contradictions(graph, key, facts, &mut scratch, &mut found);
                rebuttal_group(graph, key, facts, &mut found);
                store(&mut self.groups, key, &mut found);
                let (subject, p, qualifier) = key;
                for &q in excluded(p) {
                    let &others = partners.next().expect("a partner group was looked up for each excluded predicate");
                    // Exclusion results live with the group of the lower predicate of the pair.
                    let (low, low_facts, high, high_facts) =
                        if p < q { (key, facts, q, others) } else { ((subject, q, qualifier), others, p, facts) };
                    exclusion_group(graph, low, low_facts, high, high_facts, &mut found);
                    store(&mut self.exclusions, (low, high), &mut found);
                }
            }
        }
    }

    /// Re-checks the proposition groups with these keys (and the groups of predicates they
    /// exclude) after claims were added to or removed from them.
    pub fn update(&mut self, graph: &ClaimGraph, touched: impl IntoIterator<Item = PropositionKey>) {
        self.refresh(graph, touched);
    }

    /// Every contradiction, with the analyst-recorded conflicts of `graph`, in the order of
    /// [`contradictions`](super::contradictions).
    pub fn contradictions(&self, graph: &ClaimGraph) -> Vec<Contradiction> {
        let mut all: Vec<Contradiction> = self
            .groups
            .values()
            .chain(self.exclusions.values())
            .flat_map(Packed::unpack)
            .chain(recorded(graph))
            .collect();
        sort(&mut all);
        all
    }

    /// How many contradictions the rules found (recorded conflicts not included).
    pub fn len(&self) -> usize {
        self.groups.values().chain(self.exclusions.values()).map(Packed::len).sum()
    }

    /// Whether the rules found none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// Keeps `found` as `map[key]`, or removes the entry when nothing was found; leaves `found` empty.
fn store<K: std::hash::Hash + Eq>(map: &mut IdMap<K, Packed>, key: K, found: &mut PackedFound) {
    if found.is_empty() {
        map.remove(&key);
    } else {
        map.insert(key, found.take());
    }
}
