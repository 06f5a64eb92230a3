//! The two passes over the claims that every iterative algorithm is made of.

use super::TruthProblem;

/// `out[value] = Σ vote[c] * x[holder of c]` over the claims `c` of each value: what holders
/// give to the values they claim. O(claims + values).
pub(crate) fn holders_to_values(problem: &TruthProblem, x: &[f64], vote: &[f64], out: &mut [f64]) {
    out.fill(0.0);
    let values = problem.claim_values();
    for (h, &xh) in x.iter().enumerate() {
        let range = problem.claim_range(h);
        for (&v, &w) in values[range.clone()].iter().zip(&vote[range]) {
            out[v as usize] += w * xh;
        }
    }
}

/// `out[holder] = Σ weight[c] * r[value of c]` over the holder's claims: what values give back
/// to the holders claiming them. O(claims + holders).
pub(crate) fn values_to_holders(problem: &TruthProblem, r: &[f64], out: &mut [f64]) {
    let values = problem.claim_values();
    let weights = problem.claim_weights();
    for (h, slot) in out.iter_mut().enumerate() {
        let range = problem.claim_range(h);
        *slot = values[range.clone()].iter().zip(&weights[range]).map(|(&v, &w)| w * r[v as usize]).sum();
    }
}

/// The number of claims of each holder.
pub(crate) fn claim_counts(problem: &TruthProblem) -> Vec<f64> {
    (0..problem.holder_count()).map(|h| problem.claim_range(h).len() as f64).collect()
}
