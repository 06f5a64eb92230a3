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
/// Edits of the vocabulary ([`ClaimGraph::add_predicate`], [`ClaimGraph::add_unit`]) are
/// noticed by the index itself: the graph counts them, and [`update`](Self::update) rebuilds the
/// exclusion pairs when the count moved and re-checks the groups of every predicate whose pairs
/// changed. [`contradictions`](Self::contradictions) on an index that has not seen the latest
/// vocabulary catches up on a copy (the index itself catches up at the next `update`).
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
    /// The exclusion pairs `excluded` was built from, each once, smaller id first.
    pairs: Vec<(PredicateId, PredicateId)>,
    /// The graph's vocabulary generation `excluded` was built at.
    generation: u64,
}

impl ContradictionIndex {
    /// Finds every contradiction of the graph.
    pub fn new(graph: &ClaimGraph) -> ContradictionIndex {
        let mut index = ContradictionIndex::default();
        index.set_pairs(graph);
        let keys: Vec<PropositionKey> = graph.fact_groups().map(|(k, _)| k).collect();
        index.refresh(graph, keys);
        index
    }

    /// Builds the exclusion table from the graph's vocabulary as it is now.
    fn set_pairs(&mut self, graph: &ClaimGraph) {
        self.pairs = exclusion_pairs(graph);
        self.excluded.clear();
        for &(p, q) in &self.pairs {
            let n = p.index().max(q.index()) + 1;
            if self.excluded.len() < n {
                self.excluded.resize(n, Vec::new());
            }
            self.excluded[p.index()].push(q);
            self.excluded[q.index()].push(p);
        }
        self.generation = graph.vocabulary_generation();
    }

    /// Brings the index up to the graph's vocabulary if it was edited since the index last saw
    /// it: the exclusion pairs are rebuilt, the results of pairs that no longer exist dropped,
    /// and the groups of every predicate of a new pair re-checked.
    fn catch_up(&mut self, graph: &ClaimGraph) {
        if self.generation == graph.vocabulary_generation() {
            return;
        }
        let old = std::mem::take(&mut self.pairs);
        self.set_pairs(graph);
        let gone: Vec<_> = old.iter().filter(|p| self.pairs.binary_search(p).is_err()).copied().collect();
        if !gone.is_empty() {
            self.exclusions.retain(|&(low, high), _| gone.binary_search(&(low.1, high)).is_err());
        }
        let mut predicates: Vec<PredicateId> =
            (self.pairs.iter()).filter(|p| old.binary_search(p).is_err()).flat_map(|&(p, q)| [p, q]).collect();
        predicates.sort();
        predicates.dedup();
        let mut keys: Vec<PropositionKey> = predicates
            .iter()
            .flat_map(|&p| graph.claims_with_predicate(p))
            .filter_map(|&c| graph.claim(c).map(|c| c.proposition_key()))
            .collect();
        keys.sort();
        keys.dedup();
        self.refresh(graph, keys);
    }

    /// Recomputes everything that depends on the given groups.
    fn refresh(&mut self, graph: &ClaimGraph, keys: impl IntoIterator<Item = PropositionKey>) {
        /// How many groups are looked up at once.
        const BATCH: usize = 16;
        let excluded = |p: PredicateId| self.excluded.get(p.index()).map_or(&[][..], Vec::as_slice);
        let mut keys = keys.into_iter();
        let mut scratch = Scratch::default();
        let mut found = PackedFound::default();
        let mut batch: Vec<(PropositionKey, &[Fact], bool)> = Vec::with_capacity(BATCH);
        let mut partners: Vec<&[Fact]> = Vec::new();
        loop {
            // Look up a batch of groups, and the groups of the same subject and qualifier whose
            // predicates their own exclude, before working on any: the lookups do not depend on
            // each other, so their cache misses overlap instead of each waiting for the work on
            // the group before.
            batch.clear();
            partners.clear();
            for key in keys.by_ref().take(BATCH) {
                let (facts, summary) = graph.facts_summarized(key);
                batch.push((key, facts, summary.paired));
                partners.extend(excluded(key.1).iter().map(|&q| graph.facts_for((key.0, q, key.2))));
            }
            if batch.is_empty() {
                break;
            }
            let mut partners = partners.iter();
            for &(key, facts, paired) in &batch {
                // A group where no two facts may conflict (the fact store counts them) has no
                // contradiction of the group rules.
                if paired {
                    group_contradictions(graph, key, facts, &mut scratch, &mut found);
                }
                rebuttal_group(graph, key, facts, &mut found);
                store(&mut self.groups, key, &mut found);
                let (subject, p, qualifier) = key;
                for &q in excluded(p) {
                    let &others = partners.next().expect("a partner group was looked up for each excluded predicate");
                    // Exclusion results live with the group of the lower predicate of the pair.
                    let (low, low_facts, high, high_facts) =
                        if p < q { (key, facts, q, others) } else { ((subject, q, qualifier), others, p, facts) };
                    exclusion_group(graph, low, low_facts, high, high_facts, &mut scratch, &mut found);
                    store(&mut self.exclusions, (low, high), &mut found);
                }
            }
        }
    }

    /// Re-checks the proposition groups with these keys (and the groups of predicates they
    /// exclude) after claims were added to or removed from them.
    /// If the vocabulary was edited since the index last saw it, the exclusion pairs are
    /// rebuilt first and the groups their changes touch re-checked too.
    pub fn update(&mut self, graph: &ClaimGraph, touched: impl IntoIterator<Item = PropositionKey>) {
        self.catch_up(graph);
        self.refresh(graph, touched);
    }

    /// Every contradiction, with the analyst-recorded conflicts of `graph`, in the order of
    /// [`contradictions`](super::contradictions).
    pub fn contradictions(&self, graph: &ClaimGraph) -> Vec<Contradiction> {
        if self.generation != graph.vocabulary_generation() {
            let mut current = self.clone();
            current.catch_up(graph);
            return current.contradictions(graph);
        }
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

    /// How many contradictions the rules found (recorded conflicts not included), as of the last
    /// [`update`](Self::update).
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cardinality, ObjectType, Predicate, Unit};
    use crate::query::contradictions;

    fn predicate(key: &str, excludes: Vec<PredicateId>) -> Predicate {
        Predicate {
            key: key.into(),
            label: key.into(),
            object: ObjectType::Actor,
            cardinality: Cardinality::Multi,
            excludes,
            rebuts: false,
            tolerance: None,
            note: None,
        }
    }

    /// After every vocabulary edit (a predicate excluding ones that have claims, a unit) and the
    /// claims that use it, the index equals a full scan, whether or not `update` ran since.
    #[test]
    fn the_index_follows_vocabulary_edits() {
        let mut graph = crate::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan")).unwrap();
        let mut index = ContradictionIndex::new(&graph);
        assert_eq!(index.contradictions(&graph), contradictions(&graph));
        // The actor-valued predicates with the most claims: new predicates exclude them.
        let mut targets: Vec<(usize, PredicateId)> = graph
            .predicates()
            .filter(|(_, p)| p.object == ObjectType::Actor)
            .map(|(id, _)| (graph.claims_with_predicate(id).len(), id))
            .collect();
        targets.sort_by(|a, b| b.cmp(a));
        let mut before = index.contradictions(&graph).len();
        for (round, &(_, target)) in targets.iter().take(4).enumerate() {
            let new = graph.add_predicate(predicate(&format!("against_{round}"), vec![target])).unwrap();
            // Read before any update: the copy catches up (nothing of the new predicate yet).
            assert_eq!(index.contradictions(&graph), contradictions(&graph), "round {round}, read");
            // Claims of the new predicate mirroring every claim of the excluded one.
            let mirrored: Vec<_> = graph.claims_with_predicate(target).to_vec();
            let mut touched = Vec::new();
            for (n, c) in mirrored.into_iter().enumerate() {
                let mut claim = graph.claim(c).unwrap().to_claim();
                claim.key = format!("mirror_{round}_{n}");
                claim.predicate = new;
                claim.polarity = crate::Polarity::Affirmed;
                touched.push(ClaimGraph::proposition_key(&claim));
                graph.add_claim(claim).unwrap();
            }
            graph.add_unit(Unit { key: format!("u{round}"), dimension: "d".into(), factor: 1.0, note: None }).unwrap();
            index.update(&graph, touched);
            let full = contradictions(&graph);
            assert_eq!(index.contradictions(&graph), full, "round {round}");
            assert!(full.len() > before, "round {round} adds exclusion contradictions");
            before = full.len();
        }
    }
}
