//! The two passes over the claims that every iterative algorithm is made of, and the split of
//! a pass over two threads.
//!
//! A pass reads the claims in the order that makes its writes sequential: the sums into values
//! read the claims grouped by value, the sums into holders read them grouped by holder. Each
//! output entry is summed by one thread, in one fixed order, so a result does not depend on the
//! number of threads or on their timing: it is the same bits as a single-threaded pass.

use super::TruthProblem;

/// Below this many claims a pass runs on the calling thread: starting a thread costs more than
/// it saves.
const PARALLEL_CLAIMS: usize = 1 << 17;

/// `out[value] = Σ vote[c] * x[holder of c]` over the claims `c` of each value, summed in holder
/// order: what holders give to the values they claim. `vote` is in value-grouped order, `None`
/// for a weight of 1 on every claim. O(claims + values).
pub(crate) fn holders_to_values(problem: &TruthProblem, x: &[f64], vote: Option<&[f64]>, out: &mut [f64]) {
    let starts = problem.value_starts();
    let holders = problem.value_claim_holders();
    split_by_claims(out, starts, |first, out| {
        let mut start = starts[first] as usize;
        for (o, &end) in out.iter_mut().zip(&starts[first + 1..]) {
            let range = start..end as usize;
            *o = match vote {
                None => holders[range].iter().fold(0.0, |sum, &h| sum + x[h as usize]),
                Some(vote) => {
                    holders[range.clone()].iter().zip(&vote[range]).fold(0.0, |sum, (&h, &w)| sum + w * x[h as usize])
                }
            };
            start = end as usize;
        }
    });
}

/// `out[holder] = Σ weight[c] * r[value of c]` over the holder's claims, in the order they were
/// added: what values give back to the holders claiming them. O(claims + holders).
pub(crate) fn values_to_holders(problem: &TruthProblem, r: &[f64], out: &mut [f64]) {
    let starts = problem.holder_starts();
    let values = problem.claim_values();
    let weights = problem.claim_weights();
    let unit = problem.unit_weights();
    split_by_claims(out, starts, |first, out| {
        let mut start = starts[first] as usize;
        for (o, &end) in out.iter_mut().zip(&starts[first + 1..]) {
            let range = start..end as usize;
            *o = if unit {
                values[range].iter().map(|&v| r[v as usize]).sum()
            } else {
                values[range.clone()].iter().zip(&weights[range]).map(|(&v, &w)| w * r[v as usize]).sum()
            };
            start = end as usize;
        }
    });
}

/// Applies `f` to every entry of `x`, on two threads for a long vector. Each entry is computed
/// alone, so the result is the same as a sequential map.
pub(crate) fn map_each(x: &mut [f64], f: impl Fn(f64) -> f64 + Sync) {
    let apply = |x: &mut [f64]| {
        for v in x {
            *v = f(*v);
        }
    };
    if x.len() < PARALLEL_CLAIMS {
        apply(x);
    } else {
        let (left, right) = x.split_at_mut(x.len() / 2);
        std::thread::scope(|s| {
            s.spawn(|| apply(right));
            apply(left);
        });
    }
}

/// Runs `f(first, part)` over `out` cut in two parts holding about half the claims each (by the
/// offsets `starts`, one more than `out`), the second part on a scoped thread; over all of `out`
/// on the calling thread when the claims are few.
fn split_by_claims(out: &mut [f64], starts: &[u32], f: impl Fn(usize, &mut [f64]) + Sync) {
    let total = starts.last().map_or(0, |&n| n as usize);
    if total < PARALLEL_CLAIMS || out.len() < 2 {
        f(0, out);
        return;
    }
    // The first item whose claims end past the middle closes the first part.
    let middle = (total / 2) as u32;
    let cut = starts[1..].partition_point(|&end| end <= middle).clamp(1, out.len() - 1);
    let (left, right) = out.split_at_mut(cut);
    std::thread::scope(|s| {
        s.spawn(|| f(cut, right));
        f(0, left);
    });
}

/// The number of claims of each holder.
pub(crate) fn claim_counts(problem: &TruthProblem) -> Vec<f64> {
    (0..problem.holder_count()).map(|h| problem.claim_range(h).len() as f64).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::trust::{TruthProblemBuilder, Voices};

    /// A problem large enough for the passes to split over two threads: 400 holders, 60,000
    /// variables of 3 values, each holder claiming a pseudo-random value of 500 variables,
    /// with weights other than 1 when `weighted`.
    fn large(weighted: bool) -> TruthProblem {
        let mut b = TruthProblemBuilder::new();
        let holders: Vec<_> = (0..400).map(|_| b.add_holder()).collect();
        let values: Vec<_> = (0..60_000)
            .flat_map(|_| {
                let x = b.add_variable();
                [0; 3].map(|_| b.add_value(x).expect("a fresh variable"))
            })
            .collect();
        let mut state = 7u64;
        for (i, &h) in holders.iter().enumerate() {
            for k in 0..500usize {
                state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
                let variable = (i * 150 + k) % 60_000;
                let value = values[variable * 3 + (state >> 62) as usize % 3];
                let weight = if weighted { 0.25 + (state >> 40) as f64 / (1u64 << 24) as f64 } else { 1.0 };
                b.add_weighted_claim(h, value, weight).expect("each value once per holder");
            }
        }
        b.build()
    }

    #[test]
    fn split_passes_equal_the_sequential_sums_bit_for_bit() {
        for weighted in [false, true] {
            let p = large(weighted);
            assert!(p.claim_count() >= PARALLEL_CLAIMS, "the passes must split");
            let x: Vec<f64> = (0..p.holder_count()).map(|h| 1.0 / (h as f64 + 3.0)).collect();
            let r: Vec<f64> = (0..p.value_count()).map(|v| ((v * 7919) % 1000) as f64 / 997.0).collect();

            // The sums as the definitions read: holders in id order, claims in insertion order.
            let mut into_values = vec![0.0; p.value_count()];
            let mut into_holders = vec![0.0; p.holder_count()];
            for h in p.holders() {
                for (v, w) in p.claims_of(h) {
                    into_values[v.index()] += w * x[h.index()];
                    into_holders[h.index()] += w * r[v.index()];
                }
            }

            let mut out = vec![f64::NAN; p.value_count()];
            holders_to_values(&p, &x, p.vote_weights(Voices::Holders).as_deref(), &mut out);
            assert_eq!(out, into_values, "holders to values, weighted: {weighted}");
            let mut out = vec![f64::NAN; p.holder_count()];
            values_to_holders(&p, &r, &mut out);
            assert_eq!(out, into_holders, "values to holders, weighted: {weighted}");
        }
    }

    #[test]
    fn map_each_maps_every_entry_of_a_long_vector() {
        let mut v: Vec<f64> = (0..PARALLEL_CLAIMS + 3).map(|i| i as f64).collect();
        map_each(&mut v, |x| x * 2.0 + 1.0);
        assert!(v.iter().enumerate().all(|(i, &x)| x == i as f64 * 2.0 + 1.0));
    }
}
