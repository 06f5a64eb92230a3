//! Comparing claim objects and time scopes: the one place that decides whether two values say
//! the same thing, are compatible, or differ.

use crate::ClaimRef;
use crate::graph::{FactValue, ObjectRef};
use crate::model::{Modality, Predicate, Quantity, Value};
use crate::{ClaimGraph, TimeSpec, fold_name};

/// How two objects of the same predicate relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Agreement {
    /// The same value (after folding text, normalising units, or overlapping dates).
    Same,
    /// Different as written, but compatible: approximate quantities whose ranges meet within
    /// the predicate's tolerance.
    Compatible,
    /// Values that cannot both be right for a single-valued predicate.
    Different,
}

/// The relative tolerance used for quantities when neither the predicate nor the data set
/// declares one: [`Defaults::TOLERANCE`](crate::Defaults::TOLERANCE).
pub const DEFAULT_TOLERANCE: f64 = crate::Defaults::TOLERANCE;

/// A quantity's admissible interval in base units of its dimension.
pub fn normalized_bounds(graph: &ClaimGraph, q: &Quantity) -> Option<(f64, f64)> {
    let factor = graph.unit(q.unit)?.factor;
    let (a, b) = q.amount.bounds();
    Some((a * factor, b * factor))
}

/// How far apart two intervals are, relative to the larger magnitude: 0 when they meet.
#[inline]
pub fn relative_gap(a: (f64, f64), b: (f64, f64)) -> f64 {
    let gap = if a.1 < b.0 {
        b.0 - a.1
    } else if b.1 < a.0 {
        a.0 - b.1
    } else {
        return 0.0;
    };
    let scale = [a.0, a.1, b.0, b.1].into_iter().filter(|x| x.is_finite()).map(f64::abs).fold(0.0, f64::max);
    if scale == 0.0 { f64::INFINITY } else { gap / scale }
}

/// Compares two objects of `predicate`. Values of different types are `Different`.
pub fn compare_values(graph: &ClaimGraph, predicate: &Predicate, a: &Value, b: &Value) -> Agreement {
    compare_objects(graph, predicate, a.into(), b.into())
}

/// [`compare_values`] for objects read from the claim store (texts borrowed).
pub(crate) fn compare_objects(
    graph: &ClaimGraph,
    predicate: &Predicate,
    a: ObjectRef<'_>,
    b: ObjectRef<'_>,
) -> Agreement {
    match (a, b) {
        (ObjectRef::Actor(x), ObjectRef::Actor(y)) => same_if(x == y),
        (ObjectRef::Claim(x), ObjectRef::Claim(y)) => same_if(x == y),
        (ObjectRef::Bool(x), ObjectRef::Bool(y)) => same_if(x == y),
        (ObjectRef::Text(x), ObjectRef::Text(y)) => same_if(same_text(x, y)),
        (ObjectRef::Date(x), ObjectRef::Date(y)) => {
            if x == y {
                Agreement::Same
            } else if x.overlaps(&y) {
                Agreement::Compatible
            } else {
                Agreement::Different
            }
        }
        (ObjectRef::Quantity(x), ObjectRef::Quantity(y)) => {
            let (Some(bx), Some(by)) = (normalized_bounds(graph, &x), normalized_bounds(graph, &y)) else {
                return Agreement::Different;
            };
            if bx == by {
                return Agreement::Same;
            }
            let tolerance = graph.tolerance_for(predicate).0;
            if relative_gap(bx, by) <= tolerance { Agreement::Compatible } else { Agreement::Different }
        }
        _ => Agreement::Different,
    }
}

/// Whether two texts fold to the same name (see [`fold_name`]); ASCII texts are compared
/// without allocating.
fn same_text(x: &str, y: &str) -> bool {
    if x == y {
        return true;
    }
    if !(x.is_ascii() && y.is_ascii()) {
        return fold_name(x) == fold_name(y);
    }
    /// The bytes of `fold_name(s)` for an ASCII `s`, without allocating.
    struct Folded<'a> {
        bytes: &'a [u8],
        at: usize,
        started: bool,
    }
    impl Iterator for Folded<'_> {
        type Item = u8;
        fn next(&mut self) -> Option<u8> {
            let separator = |b: u8| b.is_ascii_whitespace() || matches!(b, b'-' | b'.' | b',' | b'\'');
            loop {
                let &b = self.bytes.get(self.at)?;
                if separator(b) {
                    while self.bytes.get(self.at).is_some_and(|&b| separator(b)) {
                        self.at += 1;
                    }
                    if self.started && self.at < self.bytes.len() {
                        return Some(b' ');
                    }
                    continue;
                }
                self.started = true;
                self.at += 1;
                return Some(b.to_ascii_lowercase());
            }
        }
    }
    fn folded(s: &str) -> Folded<'_> {
        Folded { bytes: s.as_bytes(), at: 0, started: false }
    }
    folded(x).eq(folded(y))
}

fn same_if(b: bool) -> Agreement {
    if b { Agreement::Same } else { Agreement::Different }
}

/// Compares two facts' objects of a predicate with the given tolerance: the compact twin of
/// [`compare_values`], which the scans use.
#[inline]
pub(crate) fn compare_facts(tolerance: f64, a: &FactValue, b: &FactValue) -> Agreement {
    match (*a, *b) {
        (FactValue::Id(x), FactValue::Id(y)) => same_if(x == y),
        (FactValue::Bool(x), FactValue::Bool(y)) => same_if(x == y),
        (FactValue::Text(x), FactValue::Text(y)) => same_if(x == y),
        (FactValue::Date(a0, a1), FactValue::Date(b0, b1)) => {
            if (a0, a1) == (b0, b1) {
                Agreement::Same
            } else if a0 <= b1 && b0 <= a1 {
                Agreement::Compatible
            } else {
                Agreement::Different
            }
        }
        (FactValue::Quantity(a0, a1), FactValue::Quantity(b0, b1)) => {
            if (a0, a1) == (b0, b1) {
                Agreement::Same
            } else if relative_gap((a0, a1), (b0, b1)) <= tolerance {
                Agreement::Compatible
            } else {
                Agreement::Different
            }
        }
        _ => Agreement::Different,
    }
}

/// Whether two optional time scopes may overlap: an unknown scope may overlap anything.
pub fn times_overlap(a: Option<&TimeSpec>, b: Option<&TimeSpec>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.overlaps(b),
        _ => true,
    }
}

/// Whether the claims' time scopes may overlap.
pub fn claims_overlap(a: ClaimRef<'_>, b: ClaimRef<'_>) -> bool {
    times_overlap(a.about().as_ref(), b.about().as_ref())
}

/// How much weight a modality carries in a contradiction or a corroboration (1 for a fact).
pub fn modality_weight(m: Modality) -> f64 {
    match m {
        Modality::Asserted => 1.0,
        Modality::Reported => 0.9,
        Modality::Opinion => 0.7,
        Modality::Predicted => 0.6,
        Modality::Hedged => 0.5,
        Modality::Question => 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ascii_fast_path_agrees_with_fold_name() {
        for (a, b) in [
            ("Astana", "ASTANA"),
            ("Nur-Sultan", "nur sultan"),
            ("multi-vector", "Multi Vector"),
            ("a  b", "a-b."),
            ("x", "y"),
            (" lead", "lead"),
            ("ab", "a b"),
            ("a b ", "a-b"),
            ("-a", "a"),
        ] {
            assert_eq!(same_text(a, b), fold_name(a) == fold_name(b), "{a:?} {b:?}");
        }
    }

    #[test]
    fn gaps() {
        assert_eq!(relative_gap((1.0, 2.0), (2.0, 3.0)), 0.0);
        assert!((relative_gap((100.0, 100.0), (110.0, 110.0)) - 10.0 / 110.0).abs() < 1e-12);
        assert_eq!(relative_gap((0.0, f64::INFINITY), (5.0, 5.0)), 0.0);
        assert!(relative_gap((f64::NEG_INFINITY, 10.0), (20.0, 20.0)) > 0.4);
    }
}
