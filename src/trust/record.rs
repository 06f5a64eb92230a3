//! Truth-discovery results as records for other tools, in the shape of the query records
//! ([`query::ContradictionRecord`](crate::query::ContradictionRecord) and the others): entities
//! by their data-file ids, values in words, serialized with serde.

use serde::Serialize;

use super::graph::{Decision, Holder, TrustReport};
use crate::query::Status;
use crate::{ClaimGraph, ClaimId};

fn holder_key(graph: &ClaimGraph, holder: Holder) -> String {
    match holder {
        Holder::Speaker(a) => graph.actor(a).map_or_else(|| a.to_string(), |a| a.key().to_owned()),
        Holder::Source(s) => graph.source(s).map_or_else(|| s.to_string(), |s| s.key().to_owned()),
    }
}

/// The trust of one speaker or source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TrustRecord {
    /// `speaker_trust` or `source_trust`.
    pub kind: &'static str,
    /// The algorithm's name.
    pub algorithm: &'static str,
    /// Whether the run was provenance-aware.
    pub provenance: bool,
    /// The speaker's or the source's id.
    pub holder: String,
    /// The speaker's name or the source's id, as people read it.
    pub name: String,
    /// The trust, on the algorithm's own scale.
    pub trust: f64,
}

impl TrustRecord {
    /// The trust of every speaker, then every source, of a report, most trusted first (ties in
    /// id order).
    pub fn all(graph: &ClaimGraph, report: &TrustReport, provenance: bool) -> Vec<TrustRecord> {
        let record = |kind, holder: Holder, trust| TrustRecord {
            kind,
            algorithm: report.algorithm,
            provenance,
            holder: holder_key(graph, holder),
            name: holder.name(graph),
            trust,
        };
        let mut speakers: Vec<TrustRecord> =
            report.speaker_trust.iter().map(|&(a, t)| record("speaker_trust", Holder::Speaker(a), t)).collect();
        let mut sources: Vec<TrustRecord> =
            report.source_trust.iter().map(|&(s, t)| record("source_trust", Holder::Source(s), t)).collect();
        for list in [&mut speakers, &mut sources] {
            list.sort_by(|a, b| b.trust.total_cmp(&a.trust));
        }
        speakers.extend(sources);
        speakers
    }
}

/// A voting claim of a value, with its status in the argumentation view if one was given.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VoteRecord {
    /// The claim's id.
    pub claim: String,
    /// `in`, `out` or `undecided` in the grounded labelling, `in` for a claim no contradiction
    /// involves; `null` when no labelling was given.
    pub grounded: Option<&'static str>,
}

/// A holder's part in a value.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HolderRecord {
    /// The speaker's or the source's id.
    pub holder: String,
    /// Their trust in the run.
    pub trust: f64,
    /// The weight of their claim.
    pub weight: f64,
}

/// One value of a decision.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ValueRecord {
    /// The value in words.
    pub value: String,
    /// Its belief.
    pub belief: f64,
    /// The claims that give it.
    pub claims: Vec<VoteRecord>,
    /// Who holds it, most trusted first.
    pub holders: Vec<HolderRecord>,
}

/// What a run decided about one proposition.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct DecisionRecord {
    /// Always `decision`.
    pub kind: &'static str,
    /// The algorithm's name.
    pub algorithm: &'static str,
    /// Whether the run was provenance-aware.
    pub provenance: bool,
    /// The subject's id.
    pub subject: String,
    /// The predicate's id.
    pub predicate: String,
    /// The qualifier's id, if any.
    pub qualifier: Option<String>,
    /// The winning value in words.
    pub winner: Option<String>,
    /// Every value, highest belief first.
    pub values: Vec<ValueRecord>,
    /// Why, in words.
    pub explanation: String,
    /// The iterations of the run.
    pub iterations: u32,
    /// Whether the run converged.
    pub converged: bool,
}

impl DecisionRecord {
    /// The record of a decision of `report`; `grounded` is a grounded labelling sorted by claim
    /// ([`Framework::grounded`](crate::query::Framework::grounded)), if the statuses are wanted.
    pub fn new(
        graph: &ClaimGraph,
        report: &TrustReport,
        decision: &Decision,
        provenance: bool,
        grounded: Option<&[(ClaimId, Status)]>,
    ) -> DecisionRecord {
        let actor = |a: crate::ActorId| graph.actor(a).map_or_else(|| a.to_string(), |a| a.key().to_owned());
        let (subject, predicate, qualifier) = decision.key;
        let status = |c: ClaimId| {
            grounded.map(|g| match g.binary_search_by_key(&c, |&(id, _)| id) {
                Ok(i) => match g[i].1 {
                    Status::In => "in",
                    Status::Out => "out",
                    Status::Undecided => "undecided",
                },
                Err(_) => "in",
            })
        };
        DecisionRecord {
            kind: "decision",
            algorithm: report.algorithm,
            provenance,
            subject: actor(subject),
            predicate: graph.predicate(predicate).map_or_else(|| predicate.to_string(), |p| p.key.clone()),
            qualifier: qualifier.map(actor),
            winner: decision.values.iter().find(|v| Some(v.value) == decision.winner).map(|v| v.description.clone()),
            values: decision
                .values
                .iter()
                .map(|v| ValueRecord {
                    value: v.description.clone(),
                    belief: v.belief,
                    claims: v
                        .claims
                        .iter()
                        .map(|&c| VoteRecord {
                            claim: graph.claim(c).map_or_else(|| c.to_string(), |k| k.key().to_owned()),
                            grounded: status(c),
                        })
                        .collect(),
                    holders: v
                        .holders
                        .iter()
                        .map(|h| HolderRecord { holder: holder_key(graph, h.holder), trust: h.trust, weight: h.weight })
                        .collect(),
                })
                .collect(),
            explanation: decision.explanation.clone(),
            iterations: report.iterations,
            converged: report.converged,
        }
    }
}
