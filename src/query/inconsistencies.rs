//! Internal inconsistencies of sources: claims about events after the source's own publication
//! date, and dates within one source that cannot fit together.

use super::compare::{Agreement, compare_objects};
use crate::model::{Cardinality, Modality, ObjectType, Polarity};
use crate::{ClaimGraph, ClaimId, SourceId};

/// What is inconsistent in a source.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum InconsistencyKind {
    /// Claims (not predictions) are about, or were said at, times wholly after the source's
    /// publication date: one inconsistency per source lists them all.
    AfterPublication,
    /// Two claims of the source give dates for the same single-valued fact that cannot both hold.
    DatesCannotFit,
}

/// An internal inconsistency of one source, found by [`source_inconsistencies`].
#[derive(Clone, Debug, PartialEq)]
pub struct SourceInconsistency {
    /// The source.
    pub source: SourceId,
    /// What is wrong.
    pub kind: InconsistencyKind,
    /// The claims involved, in id order.
    pub claims: Vec<ClaimId>,
    /// Why, in words.
    pub reason: String,
}

/// Every internal inconsistency of every source, by source then kind then claims.
///
/// Cost: one pass over the claims of each dated source, plus, per source, the claims of each
/// single-valued date predicate grouped by subject.
pub fn source_inconsistencies(graph: &ClaimGraph) -> Vec<SourceInconsistency> {
    let mut out = Vec::new();
    for (sid, source) in graph.sources() {
        let claims = graph.claims_in_source(sid);
        if let Some(&published) = source.published() {
            let mut late = Vec::new();
            let mut latest: Option<crate::TimeSpec> = None;
            for &cid in claims {
                let Some(c) = graph.claim(cid) else { continue };
                if c.modality() == Modality::Predicted {
                    continue;
                }
                // The object of a date predicate may be a planned date (an election due later), so
                // only the time the claim is about and the time it was said are checked.
                if let Some(t) = [c.about(), c.said()].into_iter().flatten().find(|t| t.is_after(&published)) {
                    late.push(cid);
                    if latest.is_none_or(|l| t.bounds().0 > l.bounds().0) {
                        latest = Some(t);
                    }
                }
            }
            if let Some(latest) = latest {
                out.push(SourceInconsistency {
                    source: sid,
                    kind: InconsistencyKind::AfterPublication,
                    reason: format!(
                        "{} of its {} claims speak of times after its publication date {published} (the latest: {latest}); the date stamp cannot fit the content",
                        late.len(),
                        claims.len()
                    ),
                    claims: late,
                });
            }
        }
        for (i, &ia) in claims.iter().enumerate() {
            let Some(a) = graph.claim(ia) else { continue };
            let Some(p) = graph.predicate(a.predicate()) else { continue };
            if p.object != ObjectType::Date || p.cardinality != Cardinality::Single || a.polarity() == Polarity::Denied
            {
                continue;
            }
            for &ib in &claims[i + 1..] {
                let Some(b) = graph.claim(ib) else { continue };
                if a.proposition_key() != b.proposition_key() || b.polarity() == Polarity::Denied {
                    continue;
                }
                if compare_objects(graph, p, a.object_ref(), b.object_ref()) == Agreement::Different {
                    out.push(SourceInconsistency {
                        source: sid,
                        kind: InconsistencyKind::DatesCannotFit,
                        claims: vec![ia, ib],
                        reason: format!(
                            "{} and {} date the same fact ({}) differently in one source",
                            a.key(),
                            b.key(),
                            p.key
                        ),
                    });
                }
            }
        }
    }
    out.sort_by(|a, b| a.source.cmp(&b.source).then(a.kind.cmp(&b.kind)).then_with(|| a.claims.cmp(&b.claims)));
    out
}
