//! Shared by the peer comparisons (`peer_compare`, `peer_tables`): what both sides agree a value
//! is, our side of each compared query reduced to the counts a peer computes, and the timing and
//! memory helpers. Included with `#[path]` by those examples only.

use std::fmt;
use std::time::{Duration, Instant};

use claimgraph::query::{
    ChainBatch, ChainOptions, Link, Origin, OriginIndex, Rule, attribution_chains_into, contradictions,
    corroboration_set,
};
use claimgraph::{ClaimGraph, ClaimId, ClaimRef, SourceId, Value};

// ----- answers, times, memory ----------------------------------------------------------------

/// A query's answer: named counts, compared between the two sides.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Answer(pub(crate) Vec<(&'static str, u64)>);

impl fmt::Display for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let parts: Vec<String> = self.0.iter().map(|(k, v)| format!("{k}={v}")).collect();
        f.write_str(&parts.join(", "))
    }
}

/// Runs `f` at least once, and again while all runs together take under a second (at most 10
/// runs); returns the last result and the best time.
pub(crate) fn timed<T>(mut f: impl FnMut() -> T) -> (T, Duration) {
    let start = Instant::now();
    let mut best = Duration::MAX;
    let mut runs = 0;
    loop {
        let t = Instant::now();
        let out = f();
        best = best.min(t.elapsed());
        runs += 1;
        if runs >= 10 || start.elapsed() >= Duration::from_secs(1) {
            return (out, best);
        }
    }
}

/// A duration in milliseconds, for display.
pub(crate) fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1e3)
}

/// A field of `/proc/self/status` in bytes (`VmRSS`, `VmHWM`); 0 where there is none.
pub(crate) fn status_bytes(field: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix(field)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kib| kib * 1024)
}

/// Resets the peak resident size (`VmHWM`) to the current one, if the kernel allows it.
#[allow(dead_code, reason = "only the comparison that runs its peer in-process resets the peak")]
pub(crate) fn reset_peak() -> bool {
    std::fs::write("/proc/self/clear_refs", "5").is_ok()
}

/// A byte count in MiB, for display.
pub(crate) fn mib(bytes: u64) -> String {
    format!("{:.1} MiB", bytes as f64 / (1024.0 * 1024.0))
}

// ----- what both sides agree a value is -------------------------------------------------------

/// A claim's object as a range: a quantity normalised to base units, or a date as day numbers;
/// with its magnitude (largest finite bound). Other objects compare as terms.
pub(crate) fn range_of(graph: &ClaimGraph, value: &Value) -> Option<(f64, f64, f64)> {
    let (lo, hi) = match value {
        Value::Quantity(q) => {
            let factor = graph.unit(q.unit)?.factor;
            let (a, b) = q.amount.bounds();
            (a * factor, b * factor)
        }
        Value::Date(d) => {
            let (a, b) = d.bounds();
            (a as f64, b as f64)
        }
        _ => return None,
    };
    let scale = [lo, hi].into_iter().filter(|x| x.is_finite()).map(f64::abs).fold(0.0, f64::max);
    Some((lo, hi, scale))
}

/// A claim's time scope as inclusive day numbers; unbounded without one.
pub(crate) fn time_bounds(claim: ClaimRef<'_>) -> (i64, i64) {
    claim.about().map_or((i64::MIN, i64::MAX), |t| t.bounds())
}

// ----- our side: the claimgraph::query functions ---------------------------------------------
//
// Each function runs the library's query and reduces its result to the counts the peer
// computes, so that the two answers can be compared before a time counts.

/// Proposition groups with a polarity conflict and with a single-value (or quantity) conflict:
/// `claimgraph::query::contradictions`, reduced to the distinct proposition keys per rule.
pub(crate) fn ours_contradictions(graph: &ClaimGraph) -> Answer {
    let found = contradictions(graph);
    // The first claim of each contradiction, by rule; then the key of each claim's group, read in
    // claim order (nearby claims lie nearby in memory), counted without repeats by sorting.
    let (mut polarity, mut value) = (Vec::new(), Vec::new());
    for c in &found {
        match c.rule {
            Rule::Polarity => polarity.push(c.claims[0]),
            Rule::SingleValue | Rule::Quantity => value.push(c.claims[0]),
            _ => {}
        }
    }
    let groups = |mut claims: Vec<ClaimId>| {
        claims.sort_unstable();
        claims.dedup();
        // The key in one number (subject, predicate, qualifier), so that sorting compares one.
        let mut keys: Vec<u128> = claims
            .iter()
            .map(|&id| {
                graph.claim(id).map_or(u128::MAX, |c| {
                    let (subject, predicate, qualifier) = c.proposition_key();
                    let qualifier = qualifier.map_or(0, |q| q.index() as u128 + 1);
                    (subject.index() as u128) << 72 | (predicate.index() as u128) << 40 | qualifier
                })
            })
            .collect();
        keys.sort_unstable();
        keys.dedup();
        keys.len() as u64
    };
    Answer(vec![("polarity", groups(polarity)), ("value", groups(value))])
}

/// The claims whose chains the attribution query compares: claims read in a source, said
/// nowhere else and relayed by no one, so that their chain is the walk through the translations
/// and republications behind their source (the part a peer can express as a path query).
pub(crate) fn attribution_sample(graph: &ClaimGraph, size: usize) -> Vec<ClaimId> {
    let eligible =
        |c: &ClaimRef<'_>| c.said_in().is_none() && c.relayed_by().is_empty() && c.mode() != claimgraph::Mode::Inserted;
    let all: Vec<ClaimId> = graph.claims().filter(|(_, c)| eligible(c)).map(|(id, _)| id).collect();
    let step = (all.len() / size.max(1)).max(1);
    all.into_iter().step_by(step).take(size).collect()
}

/// For each claim of the sample: the sources on its attribution chains (the reading source
/// included) and the distinct earliest sources of its acyclic chains; summed over the sample.
/// `claimgraph::query::attribution_chains_into`, the chains of the whole sample in one
/// `ChainBatch` (the chains of `attribution_chains`, without a vector per claim and per chain).
pub(crate) fn ours_attribution(graph: &ClaimGraph, sample: &[ClaimId]) -> Answer {
    let mut batch = ChainBatch::new();
    attribution_chains_into(graph, sample.iter().copied(), ChainOptions::new(), &mut batch);
    let (mut reached, mut origins) = (0, 0);
    let (mut sources, mut earliest) = (Vec::new(), Vec::new());
    for i in 0..batch.len() {
        sources.clear();
        earliest.clear();
        for chain in batch.chains_of(i) {
            sources.push(chain.start);
            sources.extend(chain.hops.iter().filter_map(|h| match h.to {
                Link::Source(s) => Some(s),
                Link::Actor(_) => None,
            }));
            if chain.cycle.is_none() {
                earliest.push(chain.earliest_source);
            }
        }
        reached += distinct(&mut sources);
        origins += distinct(&mut earliest);
    }
    Answer(vec![("reached", reached), ("origins", origins)])
}

/// How many distinct sources a list holds: a short list (a claim has a chain or a few, of a
/// few hops) pair by pair, a longer one by sorting.
fn distinct(list: &mut [SourceId]) -> u64 {
    if list.len() <= 8 {
        return (0..list.len()).filter(|&i| !list[..i].contains(&list[i])).count() as u64;
    }
    list.sort_unstable();
    1 + list.windows(2).filter(|w| w[0] != w[1]).count() as u64
}

/// For every proposition group, the number of distinct independent origins of its claims, as
/// `claimgraph::query::origins` defines them (the speaker; the source the words were said in, if
/// known; else, for the source's own voice, the roots of the translations and republications
/// behind the reporting source); groups counted and origins summed.
///
/// The text origins of every source, and what each claim's origins are made of, are resolved
/// once (`OriginIndex::new`). Then the groups are split between the threads the machine offers
/// (as the library's contradiction scan does), and each thread counts the distinct origins of
/// its groups with marks stamped by the group's number, one per actor and one per source:
/// nothing is allocated or sorted per claim or per group.
pub(crate) fn ours_corroboration(graph: &ClaimGraph) -> Answer {
    let index = OriginIndex::new(graph);
    let actors = graph.actors().next_back().map_or(0, |(id, _)| id.index() + 1);
    let sources = graph.sources().next_back().map_or(0, |(id, _)| id.index() + 1);
    let count = |first: usize, len: usize| {
        let (mut speaker_marks, mut source_marks) = (vec![0u32; actors], vec![0u32; sources]);
        let (mut groups, mut total) = (0u64, 0u64);
        for (stamp, (_, ids)) in (1u32..).zip(graph.proposition_groups().skip(first).take(len)) {
            let mut found = 0;
            for id in ids {
                for o in index.origins_of(id) {
                    let mark = match o {
                        Origin::Speaker(a) => &mut speaker_marks[a.index()],
                        Origin::Source(s) => &mut source_marks[s.index()],
                    };
                    if *mark != stamp {
                        *mark = stamp;
                        found += 1;
                    }
                }
            }
            groups += u64::from(found > 0);
            total += found;
        }
        (groups, total)
    };
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(8);
    let (groups, total) = if threads == 1 || graph.claim_count() < 100_000 {
        count(0, usize::MAX)
    } else {
        let part = graph.proposition_groups().count().div_ceil(threads);
        std::thread::scope(|s| {
            let handles: Vec<_> = (0..threads).map(|t| s.spawn(move || count(t * part, part))).collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("a counting thread panicked"))
                .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        })
    };
    Answer(vec![("groups", groups), ("origins", total)])
}

/// `claimgraph::query::corroboration_set(graph, 2)` (the answer of `corroborations(graph, 2)` in
/// flat lists): the propositions stated by at least two agreeing claims, the claims that state
/// them, and their independent origin groups (claims sharing an origin joined), each summed.
#[allow(dead_code, reason = "the SPARQL comparison does not express the clustering")]
pub(crate) fn ours_corroborations(graph: &ClaimGraph) -> Answer {
    let found = corroboration_set(graph, 2);
    let claims = found.iter().map(|c| c.claims.len() as u64).sum();
    let independent = found.iter().map(|c| c.independent() as u64).sum();
    Answer(vec![("propositions", found.len() as u64), ("claims", claims), ("independent", independent)])
}
