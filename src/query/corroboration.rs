//! Corroboration with independence: the claims that support a proposition, grouped by
//! independent origin, and circular reporting.

use crate::ClaimRef;

use super::compare::{Agreement, claims_overlap, compare_objects};
use super::origins::{Origin, OriginIndex};
use super::scc::components;
use super::sweep::{SMALL, agreeing_clusters, small_clusters};
use std::cmp::Reverse;

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
        if let [only] = claims {
            return vec![OriginGroup { origins: index.origins_of(*only).collect(), claims: vec![*only] }];
        }
        let Grouping { pairs, parent, group_of, sizes } = self;
        pairs.clear();
        for (i, &id) in (0u32..).zip(claims) {
            pairs.extend(index.origins_of(id).map(|o| (code(o), i)));
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
        // the smaller position), counted before they are filled so that each list is allocated
        // once at its size.
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
        let mut groups: Vec<OriginGroup> = sizes
            .iter()
            .map(|&(c, o)| OriginGroup {
                origins: Vec::with_capacity(o as usize),
                claims: Vec::with_capacity(c as usize),
            })
            .collect();
        for (&id, &g) in claims.iter().zip(group_of.iter()) {
            groups[g as usize].claims.push(id);
        }
        let mut last = None;
        for &(o, i) in pairs.iter() {
            if last != Some(o) {
                groups[group_of[i as usize] as usize].origins.push(origin(o));
                last = Some(o);
            }
        }
        groups.sort_by(|a, b| b.claims.len().cmp(&a.claims.len()).then_with(|| a.claims.cmp(&b.claims)));
        groups
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
}

impl Cycles {
    fn new(cycles: Vec<Vec<SourceId>>) -> Cycles {
        let mut on: Vec<(SourceId, u32)> =
            cycles.iter().enumerate().flat_map(|(i, c)| c.iter().map(move |&s| (s, i as u32))).collect();
        on.sort_unstable();
        Cycles { cycles, on }
    }
}

/// What building the support of many propositions shares, and its scratch buffers.
struct Builder<'a, 'g> {
    index: &'a OriginIndex<'g>,
    cycles: &'a Cycles,
    grouping: Grouping,
    /// The cycles met by one proposition's claims.
    met: Vec<u32>,
}

impl<'a, 'g> Builder<'a, 'g> {
    fn new(index: &'a OriginIndex<'g>, cycles: &'a Cycles) -> Builder<'a, 'g> {
        Builder { index, cycles, grouping: Grouping::default(), met: Vec::new() }
    }

    fn build(&mut self, mut claims: Vec<ClaimId>, mut carried: Vec<ClaimId>) -> Corroboration {
        claims.sort_unstable();
        carried.sort_unstable();
        let groups = self.grouping.group(self.index, &claims);
        Corroboration { circular: self.circular(&claims), claims, groups, carried }
    }

    /// The cycles the sources of `claims` are on, in the order of the cycles.
    fn circular(&mut self, claims: &[ClaimId]) -> Vec<Vec<SourceId>> {
        let on = &self.cycles.on;
        if on.is_empty() {
            return Vec::new();
        }
        self.met.clear();
        for s in claims.iter().filter_map(|&c| self.index.source_of(c)) {
            let from = on.partition_point(|&(x, _)| x < s);
            self.met.extend(on[from..].iter().take_while(|&&(x, _)| x == s).map(|&(_, i)| i));
        }
        self.met.sort_unstable();
        self.met.dedup();
        self.met.iter().map(|&i| self.cycles.cycles[i as usize].clone()).collect()
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
    let Some(c) = graph.claim(claim) else {
        return Corroboration { claims: Vec::new(), groups: Vec::new(), circular: Vec::new(), carried: Vec::new() };
    };
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
    Builder::new(&OriginIndex::behind(graph, &sources), &cycles).build(claims, carried)
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
pub fn corroborations(graph: &ClaimGraph, min_claims: usize) -> Vec<Corroboration> {
    let threads = if graph.claim_count() < PARALLEL_FROM {
        1
    } else {
        std::thread::available_parallelism().map_or(1, usize::from).min(8)
    };
    corroborations_on_threads(graph, min_claims, threads)
}

/// [`corroborations`] on `threads` threads: large graphs are scanned by several threads, each
/// over a slice of the groups; the result is sorted afterwards, so it does not depend on the
/// split.
fn corroborations_on_threads(graph: &ClaimGraph, min_claims: usize, threads: usize) -> Vec<Corroboration> {
    let index = OriginIndex::on_threads(graph, threads);
    let cycles = Cycles::new(circular_reporting(graph));
    let scan = |groups: &mut dyn Iterator<Item = (PropositionKey, &[Fact])>| {
        let mut builder = Builder::new(&index, &cycles);
        let mut out = Vec::new();
        let (mut members, mut carried): (Vec<u32>, Vec<u32>) = (Vec::new(), Vec::new());
        for (key, facts) in groups {
            if facts.len() < min_claims {
                continue;
            }
            let Some(predicate) = graph.predicate(key.1) else { continue };
            let tolerance = graph.tolerance_for(predicate).0;
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
                let ids = |list: &[u32]| list.iter().map(|&i| facts[i as usize].claim).collect::<Vec<_>>();
                if carried.is_empty() && members.len() <= SMALL {
                    small_clusters(tolerance, facts, &members, |cluster| {
                        if cluster.len() >= min_claims {
                            out.push(builder.build(ids(cluster), Vec::new()));
                        }
                    });
                    continue;
                }
                for (cluster, carriers) in agreeing_clusters(tolerance, facts, &members, &carried) {
                    if cluster.len() >= min_claims {
                        out.push(builder.build(ids(&cluster), ids(&carriers)));
                    }
                }
            }
        }
        out
    };
    let mut out = if threads <= 1 {
        scan(&mut graph.fact_groups())
    } else {
        std::thread::scope(|s| {
            let handles: Vec<_> = graph
                .fact_group_parts(threads)
                .map(|part| s.spawn(move || scan(&mut part.map(|g| (g.key(), g.facts())))))
                .collect();
            let mut all = Vec::new();
            for h in handles {
                all.extend(h.join().expect("a corroboration scan thread panicked"));
            }
            all
        })
    };
    // Most independent origins first, then most claims, then claim order: the clusters are
    // disjoint and their claims sorted, so their first claims order them as their lists do.
    out.sort_unstable_by_key(|c| (Reverse(c.independent()), Reverse(c.claims.len()), c.claims.first().copied()));
    out
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
            }
            let (index, many) = (OriginIndex::on_threads(&graph, 1), OriginIndex::on_threads(&graph, 3));
            for (id, _) in graph.claims() {
                assert!(index.origins_of(id).eq(many.origins_of(id)));
            }
        }
    }
}
