//! Corroboration with independence: the claims that support a proposition, grouped by
//! independent origin, and circular reporting.

use crate::ClaimRef;
use std::collections::HashMap;

use super::attribution::text_origins;
use super::compare::{Agreement, claims_overlap, compare_objects};
use super::scc::components;
use super::sweep::agreeing_clusters;
use crate::model::{Modality, Mode, Polarity, Stance};
use crate::{ActorId, ClaimGraph, ClaimId, SourceId};

/// Where a report comes from, for counting independent support.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Origin {
    /// The earliest source behind the report: the source the words were said in, or the root
    /// of the translations and republications of the reporting source.
    Source(SourceId),
    /// A speaker whose words several reports relay without naming where they were said: all
    /// reports of that speaker's words count as one origin.
    Speaker(ActorId),
}

/// The origins of one claim: reports sharing any origin are not independent.
///
/// A claim's origins are its speaker (one speaker asserting a thing in several sources is one
/// voice, not several), and where the words come from: the source they were said in, if known;
/// else, for the source's own voice or an intermediary's insertion, the roots of the
/// translations and republications behind the reporting source (a quoted or paraphrased speaker
/// with no known source is their own origin). Sorted.
pub fn origins(graph: &ClaimGraph, claim: ClaimRef<'_>) -> Vec<Origin> {
    let speaker = Origin::Speaker(claim.said_by());
    if let Some(s) = claim.said_in() {
        return vec![Origin::Source(s), speaker];
    }
    if claim.mode() != Mode::Authorial && claim.mode() != Mode::Inserted {
        return vec![speaker];
    }
    let mut out: Vec<Origin> = text_origins(graph, claim.source()).into_iter().map(Origin::Source).collect();
    out.push(speaker);
    out
}

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

/// Groups claims by shared origin (union-find over their origins).
pub(crate) fn group_by_origin(graph: &ClaimGraph, claims: &[ClaimId]) -> Vec<OriginGroup> {
    let mut parent: Vec<usize> = (0..claims.len()).collect();
    fn find(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        i
    }
    let mut owner: HashMap<Origin, usize> = HashMap::new();
    let mut all: Vec<Vec<Origin>> = Vec::with_capacity(claims.len());
    for (i, &id) in claims.iter().enumerate() {
        let os = graph.claim(id).map(|c| origins(graph, c)).unwrap_or_default();
        for &o in &os {
            match owner.get(&o) {
                Some(&j) => {
                    let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                    parent[ri.max(rj)] = ri.min(rj);
                }
                None => {
                    owner.insert(o, i);
                }
            }
        }
        all.push(os);
    }
    let mut groups: Vec<OriginGroup> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for (i, &id) in claims.iter().enumerate() {
        let root = find(&mut parent, i);
        let g = *slot.entry(root).or_insert_with(|| {
            groups.push(OriginGroup { origins: Vec::new(), claims: Vec::new() });
            groups.len() - 1
        });
        groups[g].claims.push(id);
        groups[g].origins.extend(all[i].iter().copied());
    }
    for g in &mut groups {
        g.origins.sort();
        g.origins.dedup();
    }
    groups.sort_by(|a, b| b.claims.len().cmp(&a.claims.len()).then_with(|| a.claims.cmp(&b.claims)));
    groups
}

fn build(
    graph: &ClaimGraph,
    mut claims: Vec<ClaimId>,
    mut carried: Vec<ClaimId>,
    cycles: &[Vec<SourceId>],
) -> Corroboration {
    claims.sort();
    carried.sort();
    let groups = group_by_origin(graph, &claims);
    let sources: Vec<SourceId> = claims.iter().filter_map(|&c| graph.claim(c)).map(|c| c.source()).collect();
    let circular = cycles.iter().filter(|cycle| cycle.iter().any(|s| sources.contains(s))).cloned().collect();
    Corroboration { claims, groups, circular, carried }
}

/// The support of the proposition `claim` states: every claim of its group that agrees with it,
/// grouped by independent origin. Reports whose chains lead back to one source (republications
/// and translations of one article, reports of one interview) or that relay one speaker's words
/// count once.
///
/// Complexity: O(g) for a group of g claims, plus the origin walk of each supporting claim and a
/// cycle search over the sources behind them.
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
    build(graph, claims, carried, &cycles_reachable_from(graph, &sources))
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
/// claim count; then the origin walk of each clustered claim.
pub fn corroborations(graph: &ClaimGraph, min_claims: usize) -> Vec<Corroboration> {
    let cycles = circular_reporting(graph);
    let mut out = Vec::new();
    for (key, facts) in graph.fact_groups() {
        if facts.len() < min_claims {
            continue;
        }
        let Some(predicate) = graph.predicate(key.1) else { continue };
        let tolerance = graph.tolerance_for(predicate).0;
        for polarity in [Polarity::Affirmed, Polarity::Denied] {
            let members: Vec<u32> = (0..facts.len() as u32)
                .filter(|&i| facts[i as usize].votes() && facts[i as usize].polarity == polarity)
                .collect();
            if members.is_empty() || members.len() < min_claims {
                continue;
            }
            let carried: Vec<u32> = (0..facts.len() as u32)
                .filter(|&i| {
                    let f = &facts[i as usize];
                    f.carried && f.modality != Modality::Question && f.polarity == polarity
                })
                .collect();
            let ids = |list: &[u32]| list.iter().map(|&i| facts[i as usize].claim).collect::<Vec<_>>();
            for (cluster, carriers) in agreeing_clusters(tolerance, facts, &members, &carried) {
                if cluster.len() >= min_claims {
                    out.push(build(graph, ids(&cluster), ids(&carriers), &cycles));
                }
            }
        }
    }
    out.sort_by(|a, b| {
        b.independent()
            .cmp(&a.independent())
            .then(b.claims.len().cmp(&a.claims.len()))
            .then_with(|| a.claims.cmp(&b.claims))
    });
    out
}

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
