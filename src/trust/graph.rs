//! The adapter from a [`ClaimGraph`] to a [`TruthProblem`] and back; documented on
//! [`GraphProblem`].

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;

use super::{
    AverageLog, HolderId, Investment, MajorityVote, PooledInvestment, Sums, TrustError, TruthDiscovery, TruthFinder,
    TruthProblem, TruthProblemBuilder, TruthResult, ValueId, VariableId, Voices,
};
use crate::query::{
    Agreement, OriginIndex, attribution_chains, claims_overlap, compare_values, describe_value, modality_weight,
};
use crate::{ActorId, Cardinality, ClaimGraph, ClaimId, Modality, Polarity, PropositionKey, SourceId, Stance, Value};

/// The factor of each hedged hop of an attribution chain in the provenance-aware mode.
pub const HEDGED_HOP: f64 = 0.5;

/// The factor of a remark an intermediary inserted, in the provenance-aware mode.
pub const INSERTED: f64 = 0.75;

/// Whose trust the problem estimates.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum HolderKind {
    /// The speakers (`said_by`): whoever holds the claim.
    #[default]
    Speakers,
    /// The sources the claims are read in.
    Sources,
}

/// A holder of a [`GraphProblem`]: a speaker or a source of the graph.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Holder {
    /// A speaker.
    Speaker(ActorId),
    /// A source.
    Source(SourceId),
}

impl Holder {
    /// How people read the holder: the speaker's name, or the source's key.
    pub fn name(self, graph: &ClaimGraph) -> String {
        match self {
            Holder::Speaker(a) => graph.actor(a).map_or_else(|| a.to_string(), |a| a.name().to_owned()),
            Holder::Source(s) => graph.source(s).map_or_else(|| s.to_string(), |s| s.key().to_owned()),
        }
    }
}

/// How [`GraphProblem::build`] reads a graph. See [`GraphProblem`] for what each option changes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct GraphOptions {
    holders: HolderKind,
    provenance: bool,
    compatible: f64,
}

impl Default for GraphOptions {
    fn default() -> Self {
        GraphOptions { holders: HolderKind::Speakers, provenance: false, compatible: 0.5 }
    }
}

impl GraphOptions {
    /// Speakers as holders, no provenance, compatible values supporting each other with 0.5.
    pub fn new() -> Self {
        Self::default()
    }

    /// Whose trust to estimate.
    pub fn holders(mut self, holders: HolderKind) -> Self {
        self.holders = holders;
        self
    }

    /// The provenance-aware mode: holders grouped by origin, claims weighted by their chains.
    pub fn provenance(mut self, on: bool) -> Self {
        self.provenance = on;
        self
    }

    /// The strength (in (0, 1]) with which compatible values support each other.
    pub fn compatible_support(mut self, strength: f64) -> Self {
        self.compatible = strength;
        self
    }

    /// The holder kind chosen.
    pub fn holder_kind(&self) -> HolderKind {
        self.holders
    }

    /// Whether the provenance-aware mode is on.
    pub fn is_provenance(&self) -> bool {
        self.provenance
    }
}

/// One value of a [`GraphProblem`]: an object (or its denial) and the claims that give it.
#[derive(Clone, Debug, PartialEq)]
pub struct GraphValue {
    /// The variable it answers.
    pub variable: VariableId,
    /// The object, as the first claim of the value writes it.
    pub object: Value,
    /// Whether the value is the denial of `object` ("not v").
    pub denied: bool,
    /// The voting claims of this value, in id order.
    pub claims: Vec<ClaimId>,
}

/// A [`TruthProblem`] read from a graph, with the maps back to the graph's claims, speakers and
/// sources: who to trust among the speakers and sources of a graph, and which claims to believe.
/// sources of a graph, and which claims to believe.
///
/// [`GraphProblem::build`] reads a graph as the truth-discovery literature reads a table of
/// claims, with the choices of [`GraphOptions`]:
///
/// - **Holders** are the speakers (`said_by`, [`HolderKind::Speakers`]) or the sources the
///   claims are read in ([`HolderKind::Sources`]). [`trust_report`] runs both and reports the
///   trust of every speaker and every source.
/// - **Only stances vote.** Carried claims ([`Stance::Carried`](crate::Stance::Carried)) and
///   questions ([`Modality::Question`]) are left out: they never change a belief.
/// - **Variables.** For a single-valued predicate, a variable is a proposition group (subject,
///   predicate, qualifier), split where the claims' time scopes do not overlap (claims are linked
///   when their scopes overlap; a claim without a scope overlaps every other): the population in
///   2010 and in 2020 are two questions. For a multi-valued predicate, values do not exclude each
///   other, so each value is a question of its own ("does it hold?").
/// - **Values** are the distinct objects, grouped by [`Agreement::Same`] with the first claim of
///   each group ([`compare_values`]). Two values that are [`Agreement::Compatible`] (quantities
///   within tolerance, a vague date and a precise one inside it) support each other with strength
///   [`GraphOptions::compatible_support`] (0.5 by default), both ways, so compatible values share
///   their votes as the contradiction query lets them coexist.
/// - **Denials.** A claim denying value `v` is a claim of the value *not v* of the same variable
///   (denials of one value grouped by `Same`). For a single-valued predicate, every affirmed value
///   that differs from `v` supports *not v* with strength 1 (saying "w" says "not v"); *not v*
///   supports nothing (denying `v` names no other value). For a multi-valued predicate, *v* and
///   *not v* are the two answers of the question.
/// - A holder that makes several claims of one value (a speaker quoted in several sources) makes
///   one claim, of the largest weight.
///
/// # The provenance-aware mode
///
/// With [`GraphOptions::provenance`] the problem records where the claims come from, and should
/// be run with [`Voices::Origins`](super::Voices::Origins) ([`algorithms`] gives all six so):
///
/// - **Origins.** Holders whose voting claims share an origin ([`origins`](crate::query::origins): the source
///   the words were said in, the roots of the translations and republications behind a source,
///   the speaker) are one voice: holders are joined by a union-find over the origins of all their
///   claims, as [`corroboration`](crate::query::corroboration) groups claims. A holder belongs to
///   one origin for all its claims, so two outlets that relay one speaker on one matter are one
///   voice on every matter.
/// - **Chain weights.** A claim weighs the product, along its best attribution chain
///   ([`attribution_chains`]), of [`modality_weight`] of its modality (0.5 hedged, 0.6 predicted,
///   0.7 opinion, 0.9 reported), [`HEDGED_HOP`] (0.5) for each hedged hop (a hedged attribution
///   on the speaker or a relay), and [`INSERTED`] (0.75) when an intermediary inserted the
///   remark. Without this mode every claim weighs 1, as in the literature.
///
/// # Examples
///
/// ```
/// use std::collections::BTreeSet;
/// use claimgraph::trust::{GraphOptions, HolderKind, Sums, trust_report};
/// use claimgraph::{Modality, Stance};
///
/// let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
/// let options = GraphOptions::new().holders(HolderKind::Sources);
/// let report = trust_report(&graph, &options, &Sums::new())?;
/// // Every source that a stance is read in has a trust.
/// let reading: BTreeSet<_> = graph
///     .claims()
///     .filter(|(_, c)| c.stance() == Stance::Own && c.modality() != Modality::Question)
///     .map(|(_, c)| c.source())
///     .collect();
/// assert_eq!(report.source_trust.len(), reading.len());
/// let contested = report.decisions.iter().filter(|d| d.values.len() > 1).count();
/// assert!(contested > 0);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug)]
pub struct GraphProblem {
    problem: TruthProblem,
    options: GraphOptions,
    holders: Vec<Holder>,
    variables: Vec<PropositionKey>,
    values: Vec<GraphValue>,
    /// Voting claim → (value, holder, weight), in claim id order.
    claims: Vec<(ClaimId, ValueId, HolderId, f64)>,
}

/// A voting claim during the build.
struct Vote {
    claim: ClaimId,
    holder: Holder,
    weight: f64,
}

impl GraphProblem {
    /// Reads `graph` as a truth-discovery problem with `options`. Deterministic: variables in
    /// proposition-key order, values in order of their first claim, holders in id order.
    ///
    /// Complexity: O(g²) per proposition group of g claims (time scopes and values are compared
    /// pairwise within a group), plus, in the provenance-aware mode, the attribution chains and
    /// origins of every voting claim.
    pub fn build(graph: &ClaimGraph, options: &GraphOptions) -> Result<GraphProblem, TrustError> {
        if !(options.compatible > 0.0 && options.compatible <= 1.0) {
            return Err(TrustError::InvalidOption {
                name: "compatible_support",
                value: options.compatible,
                expected: "a number in (0, 1]",
            });
        }
        let mut keys: Vec<PropositionKey> = graph.proposition_groups().map(|(k, _)| k).collect();
        keys.sort();

        // Every voting claim, with its holder and weight.
        let mut votes: Vec<Vote> = Vec::new();
        let mut by_group: Vec<Vec<usize>> = Vec::with_capacity(keys.len());
        for &key in &keys {
            let mut group = Vec::new();
            let mut ids: Vec<ClaimId> = graph.claims_for(key).collect();
            ids.sort();
            for id in ids {
                let Some(c) = graph.claim(id) else { continue };
                if c.stance() == Stance::Carried || c.modality() == Modality::Question {
                    continue;
                }
                let holder = match options.holders {
                    HolderKind::Speakers => Holder::Speaker(c.said_by()),
                    HolderKind::Sources => Holder::Source(c.source()),
                };
                let weight = if options.provenance { chain_weight(graph, id) } else { 1.0 };
                group.push(votes.len());
                votes.push(Vote { claim: id, holder, weight });
            }
            by_group.push(group);
        }

        // Holders in id order.
        let mut holders: Vec<Holder> = votes.iter().map(|v| v.holder).collect();
        holders.sort();
        holders.dedup();
        let holder_index: HashMap<Holder, usize> = holders.iter().enumerate().map(|(i, &h)| (h, i)).collect();

        let mut b = TruthProblemBuilder::new();
        let holder_ids: Vec<HolderId> = if options.provenance {
            let roots = origin_roots(graph, &votes, &holder_index, holders.len());
            let mut size = vec![0usize; holders.len()];
            for &r in &roots {
                size[r] += 1;
            }
            let mut origin_of_root = HashMap::new();
            let mut ids = Vec::with_capacity(holders.len());
            for &r in &roots {
                if size[r] > 1 {
                    let o = *origin_of_root.entry(r).or_insert_with(|| b.add_origin());
                    ids.push(b.add_holder_in(o)?);
                } else {
                    ids.push(b.add_holder());
                }
            }
            ids
        } else {
            holders.iter().map(|_| b.add_holder()).collect()
        };

        let mut variables: Vec<PropositionKey> = Vec::new();
        let mut values: Vec<GraphValue> = Vec::new();
        // (holder, value) → weight, the largest of the holder's claims of the value.
        let mut claimed: BTreeMap<(usize, usize), f64> = BTreeMap::new();
        let mut claims: Vec<(ClaimId, ValueId, HolderId, f64)> = Vec::with_capacity(votes.len());
        let mut support: Vec<(ValueId, ValueId, f64)> = Vec::new();

        for (&key, group) in keys.iter().zip(&by_group) {
            if group.is_empty() {
                continue;
            }
            let Some(predicate) = graph.predicate(key.1) else { continue };
            let single = predicate.cardinality == Cardinality::Single;
            let claim = |v: usize| graph.claim(votes[v].claim).expect("a claim of the graph");
            // Clusters of claims: by overlapping time scope for a single-valued predicate, by
            // object (either polarity) for a multi-valued one.
            let clusters: Vec<Vec<usize>> = if single {
                link_clusters(group, |a, b| claims_overlap(claim(a), claim(b)))
            } else {
                let mut out: Vec<(Value, Vec<usize>)> = Vec::new();
                for &v in group {
                    let object = claim(v).object();
                    match out.iter_mut().find(|(o, _)| compare_values(graph, predicate, o, &object) == Agreement::Same)
                    {
                        Some((_, members)) => members.push(v),
                        None => out.push((object, vec![v])),
                    }
                }
                out.into_iter().map(|(_, m)| m).collect()
            };
            for cluster in clusters {
                let variable = b.add_variable();
                variables.push(key);
                // Values of this variable: (object, denied) → members.
                let first_value = values.len();
                for &v in &cluster {
                    let c = claim(v);
                    let object = c.object();
                    let denied = c.polarity() == Polarity::Denied;
                    let found = values[first_value..].iter().position(|gv| {
                        gv.denied == denied && compare_values(graph, predicate, &gv.object, &object) == Agreement::Same
                    });
                    let index = match found {
                        Some(i) => first_value + i,
                        None => {
                            b.add_value(variable)?;
                            values.push(GraphValue { variable, object, denied, claims: Vec::new() });
                            values.len() - 1
                        }
                    };
                    values[index].claims.push(votes[v].claim);
                    let holder = holder_index[&votes[v].holder];
                    let w = claimed.entry((holder, index)).or_insert(0.0);
                    *w = w.max(votes[v].weight);
                    claims.push((votes[v].claim, ValueId::from_index(index), holder_ids[holder], votes[v].weight));
                }
                // Support between the values of this variable.
                let range = first_value..values.len();
                for i in range.clone() {
                    for j in range.clone() {
                        if i == j {
                            continue;
                        }
                        let (a, c) = (&values[i], &values[j]);
                        let agreement = compare_values(graph, predicate, &a.object, &c.object);
                        let strength = match (a.denied, c.denied) {
                            (false, false) if agreement == Agreement::Compatible => Some(options.compatible),
                            (false, true) if single && agreement == Agreement::Different => Some(1.0),
                            _ => None,
                        };
                        if let Some(s) = strength {
                            support.push((ValueId::from_index(i), ValueId::from_index(j), s));
                        }
                    }
                }
            }
        }
        for (&(h, v), &w) in &claimed {
            b.add_weighted_claim(holder_ids[h], ValueId::from_index(v), w)?;
        }
        for (from, to, s) in support {
            b.add_support(from, to, s)?;
        }
        claims.sort_by_key(|c| c.0);
        Ok(GraphProblem { problem: b.build(), options: *options, holders, variables, values, claims })
    }

    /// The truth-discovery problem, to run any algorithm on.
    pub fn problem(&self) -> &TruthProblem {
        &self.problem
    }

    /// The options it was built with.
    pub fn options(&self) -> &GraphOptions {
        &self.options
    }

    /// The speaker or source a holder stands for; `None` for an id this problem did not issue.
    pub fn holder(&self, holder: HolderId) -> Option<Holder> {
        self.holders.get(holder.index()).copied()
    }

    /// The holder id of a speaker or source; `None` if it holds no voting claim (or is of the
    /// other kind).
    pub fn holder_id(&self, holder: Holder) -> Option<HolderId> {
        self.holders.binary_search(&holder).ok().map(HolderId::from_index)
    }

    /// Every holder, indexed by [`HolderId::index`].
    pub fn holders(&self) -> &[Holder] {
        &self.holders
    }

    /// The proposition group a variable was read from.
    pub fn key_of(&self, variable: VariableId) -> Option<PropositionKey> {
        self.variables.get(variable.index()).copied()
    }

    /// Every value, indexed by [`ValueId::index`].
    pub fn values(&self) -> &[GraphValue] {
        &self.values
    }

    /// The value, holder and weight of a voting claim; `None` for a claim that does not vote
    /// (carried, a question, or not in the graph).
    pub fn vote_of(&self, claim: ClaimId) -> Option<(ValueId, HolderId, f64)> {
        let i = self.claims.binary_search_by_key(&claim, |c| c.0).ok()?;
        let (_, value, holder, weight) = self.claims[i];
        Some((value, holder, weight))
    }

    /// How people read a value: the object as [`describe_value`] words it, with "not " before a
    /// denial.
    pub fn describe(&self, graph: &ClaimGraph, value: ValueId) -> String {
        let Some(v) = self.values.get(value.index()) else { return value.to_string() };
        let words = describe_value(graph, &v.object);
        if v.denied { format!("not {words}") } else { words }
    }

    /// Every variable's decision under `result` (a run of `algorithm` on [`problem`](Self::problem)),
    /// with the explanation a person can check.
    pub fn decisions(&self, graph: &ClaimGraph, algorithm: &str, result: &TruthResult) -> Vec<Decision> {
        let mut by_value: Vec<Vec<(HolderId, f64)>> = vec![Vec::new(); self.values.len()];
        for &(_, value, holder, weight) in &self.claims {
            let list = &mut by_value[value.index()];
            match list.iter_mut().find(|(h, _)| *h == holder) {
                Some((_, w)) => *w = w.max(weight),
                None => list.push((holder, weight)),
            }
        }
        let mut out: Vec<Decision> = (0..self.variables.len())
            .map(|v| Decision {
                key: self.variables[v],
                variable: VariableId::from_index(v),
                winner: result.winner(VariableId::from_index(v)),
                values: Vec::new(),
                explanation: String::new(),
            })
            .collect();
        for (i, gv) in self.values.iter().enumerate() {
            let value = ValueId::from_index(i);
            let mut holders: Vec<HolderVote> = by_value[i]
                .iter()
                .map(|&(h, weight)| HolderVote { holder: self.holders[h.index()], trust: result.trust(h), weight })
                .collect();
            holders.sort_by(|a, b| b.trust.total_cmp(&a.trust).then(a.holder.cmp(&b.holder)));
            out[gv.variable.index()].values.push(ValueVerdict {
                value,
                description: self.describe(graph, value),
                belief: result.belief(value),
                claims: gv.claims.clone(),
                holders,
            });
        }
        for d in &mut out {
            d.values.sort_by(|a, b| b.belief.total_cmp(&a.belief).then(a.value.cmp(&b.value)));
            d.explanation = explain(graph, d, algorithm, result);
        }
        out
    }
}

/// The weight of a claim from its attribution chains: the best chain's product of the modality
/// weight, [`HEDGED_HOP`] per hedged hop and [`INSERTED`] for an insertion.
fn chain_weight(graph: &ClaimGraph, claim: ClaimId) -> f64 {
    let modality = graph.claim(claim).map_or(1.0, |c| modality_weight(c.modality()));
    let best = attribution_chains(graph, claim)
        .iter()
        .map(|chain| {
            let hedged = chain.hops.iter().filter(|h| h.is_hedged()).count();
            let mut w = HEDGED_HOP.powi(i32::try_from(hedged).unwrap_or(i32::MAX));
            if chain.inserted {
                w *= INSERTED;
            }
            w
        })
        .fold(None, |best: Option<f64>, w| Some(best.map_or(w, |b| b.max(w))))
        .unwrap_or(1.0);
    // A weight is > 0: a question (weight 0) never gets here.
    (modality * best).max(f64::MIN_POSITIVE)
}

/// Clusters `items` by the transitive closure of `linked` (O(n²) comparisons), each cluster in
/// the order of `items`, clusters by their first member.
fn link_clusters(items: &[usize], linked: impl Fn(usize, usize) -> bool) -> Vec<Vec<usize>> {
    let mut parent: Vec<usize> = (0..items.len()).collect();
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            if linked(items[i], items[j]) {
                let (ri, rj) = (find(&mut parent, i), find(&mut parent, j));
                parent[ri.max(rj)] = ri.min(rj);
            }
        }
    }
    let mut clusters: Vec<Vec<usize>> = Vec::new();
    let mut slot: HashMap<usize, usize> = HashMap::new();
    for (i, &item) in items.iter().enumerate() {
        let root = find(&mut parent, i);
        let k = *slot.entry(root).or_insert_with(|| {
            clusters.push(Vec::new());
            clusters.len() - 1
        });
        clusters[k].push(item);
    }
    clusters
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// The union-find root of each holder, joined by the origins of their voting claims.
fn origin_roots(
    graph: &ClaimGraph,
    votes: &[Vote],
    holder_index: &HashMap<Holder, usize>,
    holders: usize,
) -> Vec<usize> {
    let mut parent: Vec<usize> = (0..holders).collect();
    let mut owner = HashMap::new();
    let sources: Vec<SourceId> = votes.iter().filter_map(|v| graph.claim(v.claim)).map(|c| c.source()).collect();
    let index = OriginIndex::behind(graph, &sources);
    for vote in votes {
        let h = holder_index[&vote.holder];
        let Some(c) = graph.claim(vote.claim) else { continue };
        for o in index.origins(c) {
            let first = *owner.entry(o).or_insert(h);
            let (a, b) = (find(&mut parent, first), find(&mut parent, h));
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..holders).map(|h| find(&mut parent, h)).collect()
}

/// A holder's part in a value: who, their trust, and the weight of their claim.
#[derive(Clone, Debug, PartialEq)]
pub struct HolderVote {
    /// The speaker or source.
    pub holder: Holder,
    /// Their trust in the run.
    pub trust: f64,
    /// The weight of their claim (1 unless the provenance-aware mode weighed it down).
    pub weight: f64,
}

/// One value of a variable, in a [`Decision`].
#[derive(Clone, Debug, PartialEq)]
pub struct ValueVerdict {
    /// The value.
    pub value: ValueId,
    /// The value in words ([`describe_value`], "not ..." for a denial).
    pub description: String,
    /// Its belief in the run.
    pub belief: f64,
    /// The voting claims that give it, in id order.
    pub claims: Vec<ClaimId>,
    /// Who holds it, most trusted first.
    pub holders: Vec<HolderVote>,
}

/// What a run decided about one variable, from [`GraphProblem::decisions`].
#[derive(Clone, Debug, PartialEq)]
pub struct Decision {
    /// The proposition group (subject, predicate, qualifier).
    pub key: PropositionKey,
    /// The variable.
    pub variable: VariableId,
    /// The winning value.
    pub winner: Option<ValueId>,
    /// Every value, highest belief first.
    pub values: Vec<ValueVerdict>,
    /// Why, in words: the values, their beliefs and holders, the iterations.
    pub explanation: String,
}

fn explain(graph: &ClaimGraph, d: &Decision, algorithm: &str, result: &TruthResult) -> String {
    let mut out = String::new();
    if let Some(top) = d.values.first() {
        let _ = write!(out, "{} wins with belief {:.3}", top.description, top.belief);
        if d.values.len() > 1 {
            let others: Vec<String> =
                d.values[1..].iter().map(|v| format!("{} ({:.3})", v.description, v.belief)).collect();
            let _ = write!(out, " over {}", others.join(", "));
        }
        out.push_str(". ");
    }
    for (i, v) in d.values.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        let holders: Vec<String> = v
            .holders
            .iter()
            .map(|h| {
                let mut s = format!("{} (trust {:.3}", h.holder.name(graph), h.trust);
                if h.weight != 1.0 {
                    let _ = write!(s, ", weight {:.2}", h.weight);
                }
                s.push(')');
                s
            })
            .collect();
        let _ = write!(out, "{} held by {}", v.description, holders.join(", "));
    }
    let _ = write!(
        out,
        ". {algorithm}, {} iteration{}, {}.",
        result.iterations(),
        if result.iterations() == 1 { "" } else { "s" },
        if result.converged() { "converged" } else { "not converged" }
    );
    out
}

/// Trust, beliefs and decisions of one algorithm on a graph, from [`trust_report`].
#[derive(Clone, Debug, PartialEq)]
pub struct TrustReport {
    /// The algorithm's name.
    pub algorithm: &'static str,
    /// The trust of every speaker who takes a stance, in id order (from the run with speakers
    /// as holders).
    pub speaker_trust: Vec<(ActorId, f64)>,
    /// The trust of every source with a voting claim, in id order (from the run with sources as
    /// holders).
    pub source_trust: Vec<(SourceId, f64)>,
    /// The belief of every voting claim's value, in claim id order (from the run with the
    /// options' holders). Carried claims and questions have none.
    pub claim_belief: Vec<(ClaimId, f64)>,
    /// Every variable's decision (from the run with the options' holders).
    pub decisions: Vec<Decision>,
    /// Iterations of the run with the options' holders.
    pub iterations: u32,
    /// Whether that run converged.
    pub converged: bool,
}

/// Runs `algorithm` on `graph` read with `options`, once with speakers and once with sources as
/// holders, and maps the results back: trust per speaker and per source, belief per claim, and
/// the decision of every variable (from the run with the holders `options` chooses).
///
/// In the provenance-aware mode, pass an algorithm set to
/// [`Voices::Origins`](super::Voices::Origins) (as [`algorithms`] gives them).
pub fn trust_report(
    graph: &ClaimGraph,
    options: &GraphOptions,
    algorithm: &dyn TruthDiscovery,
) -> Result<TrustReport, TrustError> {
    let run = |kind: HolderKind| -> Result<(GraphProblem, TruthResult), TrustError> {
        let gp = GraphProblem::build(graph, &options.holders(kind))?;
        let result = algorithm.run(gp.problem())?;
        Ok((gp, result))
    };
    let (speakers, by_speaker) = run(HolderKind::Speakers)?;
    let (sources, by_source) = run(HolderKind::Sources)?;
    let speaker_trust = speakers
        .holders
        .iter()
        .zip(by_speaker.trusts())
        .filter_map(|(h, &t)| match h {
            Holder::Speaker(a) => Some((*a, t)),
            Holder::Source(_) => None,
        })
        .collect();
    let source_trust = sources
        .holders
        .iter()
        .zip(by_source.trusts())
        .filter_map(|(h, &t)| match h {
            Holder::Source(s) => Some((*s, t)),
            Holder::Speaker(_) => None,
        })
        .collect();
    let (main, result) = match options.holders {
        HolderKind::Speakers => (&speakers, &by_speaker),
        HolderKind::Sources => (&sources, &by_source),
    };
    let claim_belief = main.claims.iter().map(|&(c, v, _, _)| (c, result.belief(v))).collect();
    Ok(TrustReport {
        algorithm: algorithm.name(),
        speaker_trust,
        source_trust,
        claim_belief,
        decisions: main.decisions(graph, algorithm.name(), result),
        iterations: result.iterations(),
        converged: result.converged(),
    })
}

/// The six algorithms with their default options, counting `voices` so: [`Voices::Holders`]
/// for the plain algorithms, [`Voices::Origins`] for the provenance-aware mode.
pub fn algorithms(voices: Voices) -> Vec<Box<dyn TruthDiscovery>> {
    vec![
        Box::new(MajorityVote::new().voices(voices)),
        Box::new(Sums::new().voices(voices)),
        Box::new(AverageLog::new().voices(voices)),
        Box::new(Investment::new().voices(voices)),
        Box::new(PooledInvestment::new().voices(voices)),
        Box::new(TruthFinder::new().voices(voices)),
    ]
}
