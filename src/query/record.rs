//! Query results as records for other tools: every entity named by its data-file id, every
//! value worded as people write it, and a stable shape, serialized with serde (the examples'
//! `--json` output is these records, one per line).
//!
//! The shapes, field by field, are the `pub` fields of each record type below; field names are
//! `snake_case`, enums are lower-case words (`"affirmed"`, `"carried"`), absent optional fields
//! are `null`. A field may be added in a later version; none is renamed or removed without a
//! major version.
//!
//! ```
//! use claimgraph::query::{ContradictionRecord, contradictions};
//! let graph = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/kazakhstan"))?;
//! let first = &contradictions(&graph)[0];
//! let record = ContradictionRecord::new(&graph, first);
//! let json = serde_json::to_string(&record)?;
//! assert!(json.starts_with(r#"{"kind":"contradiction","rule":"#));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use serde::Serialize;

use super::argumentation::{Framework, Status};
use super::attribution::{AttributionChain, Link};
use super::contradictions::Contradiction;
use super::corroboration::Corroboration;
use super::inconsistencies::SourceInconsistency;
use super::origins::Origin;
use super::words::{describe_time, describe_value};
use crate::{ActorId, ClaimGraph, ClaimId, SourceId};

fn actor_key(graph: &ClaimGraph, id: ActorId) -> String {
    graph.actor(id).map_or_else(|| id.to_string(), |a| a.key().to_owned())
}

fn source_key(graph: &ClaimGraph, id: SourceId) -> String {
    graph.source(id).map_or_else(|| id.to_string(), |s| s.key().to_owned())
}

fn claim_key(graph: &ClaimGraph, id: ClaimId) -> String {
    graph.claim(id).map_or_else(|| id.to_string(), |c| c.key().to_owned())
}

fn claim_keys(graph: &ClaimGraph, ids: &[ClaimId]) -> Vec<String> {
    ids.iter().map(|&id| claim_key(graph, id)).collect()
}

fn word<T: std::fmt::Debug>(value: T) -> String {
    format!("{value:?}").to_lowercase()
}

/// One claim, as a record names it: its id, the proposition in words, who said it where, and
/// its words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ClaimRecord {
    /// The claim's id.
    pub claim: String,
    /// The subject's id.
    pub subject: String,
    /// The predicate's id.
    pub predicate: String,
    /// The qualifier's id, if any.
    pub qualifier: Option<String>,
    /// The object as people write it.
    pub object: String,
    /// `affirmed` or `denied`.
    pub polarity: String,
    /// `own` (the speaker's stance) or `carried` (repeated without endorsement).
    pub stance: String,
    /// `asserted`, `reported`, `hedged`, `predicted`, `opinion` or `question`.
    pub modality: String,
    /// How the source carries the speaker's words: `authorial`, `directquote`, `paraphrase`,
    /// `hedged` or `inserted`.
    pub mode: String,
    /// The time the proposition is about, as people write it.
    pub about: Option<String>,
    /// The speaker's id.
    pub speaker: String,
    /// The speaker's name.
    pub speaker_name: String,
    /// The id of the source it was read in.
    pub source: String,
    /// The verbatim quote, or `null` for a claim from structured data.
    pub quote: Option<String>,
    /// Why the claim has no quote, if it has none.
    pub unquoted: Option<String>,
}

impl ClaimRecord {
    /// The record of a claim; `None` if the graph has no such claim.
    pub fn new(graph: &ClaimGraph, id: ClaimId) -> Option<ClaimRecord> {
        let c = graph.claim(id)?;
        Some(ClaimRecord {
            claim: c.key().to_owned(),
            subject: actor_key(graph, c.subject()),
            predicate: graph.predicate(c.predicate()).map_or_else(|| c.predicate().to_string(), |p| p.key.clone()),
            qualifier: c.qualifier().map(|q| actor_key(graph, q)),
            object: describe_value(graph, &c.object()),
            polarity: word(c.polarity()),
            stance: word(c.stance()),
            modality: word(c.modality()),
            mode: word(c.mode()),
            about: c.about().map(|t| describe_time(&t)),
            speaker: actor_key(graph, c.said_by()),
            speaker_name: graph.actor(c.said_by()).map_or_else(|| c.said_by().to_string(), |a| a.name().to_owned()),
            source: source_key(graph, c.source()),
            quote: c.unquoted().is_none().then(|| c.quote().to_owned()),
            unquoted: c.unquoted().map(str::to_owned),
        })
    }
}

/// One side of a contradiction.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SideRecord {
    /// The claims holding the side.
    pub claims: Vec<String>,
    /// The distinct speakers holding it.
    pub holders: Vec<String>,
    /// How many independent origins the claims come from.
    pub independent_origins: usize,
    /// Claims carrying the side's value without endorsement (never counted in the side).
    pub carried: Vec<String>,
}

/// A contradiction: the rule, its strength, the reason in words, the sides, the opposing pairs
/// and every claim involved.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ContradictionRecord {
    /// Always `contradiction`.
    pub kind: &'static str,
    /// The rule's name ([`Rule::name`](super::Rule::name)).
    pub rule: &'static str,
    /// From 0 to 1, rounded to three decimals.
    pub strength: f64,
    /// Why the rule fired, in words.
    pub reason: String,
    /// The analyst's recorded conflict, for the `recorded` rule.
    pub conflict: Option<String>,
    /// The sides (empty for a recorded conflict).
    pub sides: Vec<SideRecord>,
    /// How many pairs of claims from opposing sides cannot both hold.
    pub opposing_pairs: u64,
    /// Every claim involved, in id order.
    pub claims: Vec<ClaimRecord>,
}

impl ContradictionRecord {
    /// The record of a contradiction of `graph`.
    pub fn new(graph: &ClaimGraph, c: &Contradiction) -> ContradictionRecord {
        ContradictionRecord {
            kind: "contradiction",
            rule: c.rule.name(),
            strength: (c.strength * 1000.0).round() / 1000.0,
            reason: c.reason(graph),
            conflict: c.conflict.and_then(|k| graph.conflict(k)).map(|k| k.key.clone()),
            sides: c
                .sides(graph)
                .into_iter()
                .map(|s| SideRecord {
                    claims: claim_keys(graph, &s.claims),
                    holders: s.holders.iter().map(|&a| actor_key(graph, a)).collect(),
                    independent_origins: s.independent,
                    carried: claim_keys(graph, &s.carried),
                })
                .collect(),
            opposing_pairs: c.opposing_pairs(graph),
            claims: c.claims.iter().filter_map(|&id| ClaimRecord::new(graph, id)).collect(),
        }
    }
}

/// An internal inconsistency of a source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct InconsistencyRecord {
    /// Always `source-inconsistency`.
    pub kind: &'static str,
    /// The source's id.
    pub source: String,
    /// What is wrong, in one word (`selfcontradiction`, `impossibledates`...).
    pub inconsistency: String,
    /// The claims involved.
    pub claims: Vec<String>,
    /// Why, in words.
    pub reason: String,
}

impl InconsistencyRecord {
    /// The record of an inconsistency of `graph`.
    pub fn new(graph: &ClaimGraph, i: &SourceInconsistency) -> InconsistencyRecord {
        InconsistencyRecord {
            kind: "source-inconsistency",
            source: source_key(graph, i.source),
            inconsistency: word(i.kind),
            claims: claim_keys(graph, &i.claims),
            reason: i.reason.clone(),
        }
    }
}

/// Claims that share an origin.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OriginGroupRecord {
    /// The origins, each `source <id>` or `speaker <id>`.
    pub origins: Vec<String>,
    /// The claims.
    pub claims: Vec<String>,
}

/// The support of one proposition.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CorroborationRecord {
    /// Always `corroboration`.
    pub kind: &'static str,
    /// The proposition, as its first claim states it.
    pub proposition: ClaimRecord,
    /// How many claims state it (carriage excluded).
    pub claims: usize,
    /// How many independent origins support it.
    pub independent_origins: usize,
    /// The claims grouped by shared origin, largest group first.
    pub groups: Vec<OriginGroupRecord>,
    /// Claims that carry it without endorsement.
    pub carried: Vec<String>,
    /// Citation cycles among its sources, each a list of source ids.
    pub circular: Vec<Vec<String>>,
}

impl CorroborationRecord {
    /// The record of a corroboration of `graph`; `None` when it has no claim.
    pub fn new(graph: &ClaimGraph, c: &Corroboration) -> Option<CorroborationRecord> {
        let origin = |o: &Origin| match *o {
            Origin::Source(s) => format!("source {}", source_key(graph, s)),
            Origin::Speaker(a) => format!("speaker {}", actor_key(graph, a)),
        };
        Some(CorroborationRecord {
            kind: "corroboration",
            proposition: ClaimRecord::new(graph, *c.claims.first()?)?,
            claims: c.claims.len(),
            independent_origins: c.independent(),
            groups: c
                .groups
                .iter()
                .map(|g| OriginGroupRecord {
                    origins: g.origins.iter().map(origin).collect(),
                    claims: claim_keys(graph, &g.claims),
                })
                .collect(),
            carried: claim_keys(graph, &c.carried),
            circular: c.circular.iter().map(|cycle| cycle.iter().map(|&s| source_key(graph, s)).collect()).collect(),
        })
    }
}

/// One hop of an attribution chain.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct HopRecord {
    /// The kind of hop, as [`HopKind::label`](super::HopKind::label) words it (`translated from`,
    /// `stated by`...).
    pub hop: &'static str,
    /// The source it leads to, if it leads to a source.
    pub source: Option<String>,
    /// The actor it leads to, if it leads to an actor.
    pub actor: Option<String>,
    /// Who performed it, if known.
    pub by: Option<String>,
    /// How the words were carried, for relays and the speaker (`paraphrase`, `hedged`...).
    pub mode: Option<String>,
    /// Whether the hop is hedged.
    pub hedged: bool,
}

/// The path of a claim from the source it was read in back to its speaker.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ChainRecord {
    /// Always `attribution`.
    pub kind: &'static str,
    /// The claim's id.
    pub claim: String,
    /// The source it was read in.
    pub start: String,
    /// Whose words they are.
    pub speaker: String,
    /// The earliest source the chain reaches.
    pub earliest_source: String,
    /// The claim's modality.
    pub modality: String,
    /// Whether any hop, or the claim, is hedged.
    pub hedged: bool,
    /// Whether the claim is an intermediary's insertion.
    pub inserted: bool,
    /// A derivation cycle met on the path, as source ids.
    pub cycle: Option<Vec<String>>,
    /// The hops, from the reading source back to the speaker.
    pub hops: Vec<HopRecord>,
    /// The claim's verbatim quote, `null` for a claim from structured data.
    pub quote: Option<String>,
}

impl ChainRecord {
    /// The record of an attribution chain of `graph`.
    pub fn new(graph: &ClaimGraph, chain: &AttributionChain) -> ChainRecord {
        ChainRecord {
            kind: "attribution",
            claim: claim_key(graph, chain.claim),
            start: source_key(graph, chain.start),
            speaker: actor_key(graph, chain.speaker),
            earliest_source: source_key(graph, chain.earliest_source),
            modality: word(chain.modality),
            hedged: chain.hedged,
            inserted: chain.inserted,
            cycle: chain.cycle.as_ref().map(|c| c.iter().map(|&s| source_key(graph, s)).collect()),
            hops: chain
                .hops
                .iter()
                .map(|h| HopRecord {
                    hop: h.kind.label(),
                    source: match h.to {
                        Link::Source(s) => Some(source_key(graph, s)),
                        Link::Actor(_) => None,
                    },
                    actor: match h.to {
                        Link::Actor(a) => Some(actor_key(graph, a)),
                        Link::Source(_) => None,
                    },
                    by: h.by.map(|a| actor_key(graph, a)),
                    mode: h.mode.map(word),
                    hedged: h.is_hedged(),
                })
                .collect(),
            quote: graph.claim(chain.claim).filter(|c| c.unquoted().is_none()).map(|c| c.quote().to_owned()),
        }
    }
}

/// Where a claim stands in the argumentation view.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct VerdictRecord {
    /// Always `verdict`.
    pub kind: &'static str,
    /// The claim's id.
    pub claim: String,
    /// `in`, `out` or `undecided`.
    pub status: String,
    /// The claims attacking it that stand or are shown for their side.
    pub attackers: Vec<String>,
    /// The claims on its own side.
    pub supporters: Vec<String>,
    /// Why, in words.
    pub reason: String,
}

impl VerdictRecord {
    /// The verdicts of every claim of a framework, in claim order.
    pub fn all(graph: &ClaimGraph, framework: &Framework) -> Vec<VerdictRecord> {
        framework
            .claims()
            .iter()
            .filter_map(|&c| framework.explain(graph, c))
            .map(|v| VerdictRecord {
                kind: "verdict",
                claim: claim_key(graph, v.claim),
                status: match v.status {
                    Status::In => "in",
                    Status::Out => "out",
                    Status::Undecided => "undecided",
                }
                .to_owned(),
                attackers: claim_keys(graph, &v.attackers),
                supporters: claim_keys(graph, &v.supporters),
                reason: v.reason,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Modality, Mode, Polarity, Stance};

    #[test]
    fn enum_words_are_stable() {
        assert_eq!(word(Polarity::Denied), "denied");
        assert_eq!(word(Stance::Carried), "carried");
        assert_eq!(word(Modality::Question), "question");
        assert_eq!(word(Mode::DirectQuote), "directquote");
    }
}
