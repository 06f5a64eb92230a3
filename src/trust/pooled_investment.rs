//! PooledInvestment.

use super::investment::{Market, check_g};
use super::kernel::map_each;
use super::options::{iterate, normalise_by_max};
use super::{Stop, TrustError, TruthDiscovery, TruthProblem, TruthResult, Voices};

/// PooledInvestment (Pasternack and Roth, 2010): [`Investment`](super::Investment), with the
/// growth of belief shared among the values of a variable, so that values compete for one pool.
///
/// Trust starts at 1; beliefs start uniform, 1 over the number of values of the variable. Each
/// iteration computes trust and the pools `P'` of the new stakes as in
/// [`Investment`](super::Investment), then
///
/// - belief: `B'(b) = P'(b) · P'(b)^g / Σ P'(b')^g` over the values `b'` of `b`'s variable
///   (0 if that sum is 0);
///
/// then divides trust and belief each by its largest entry, as the Python `truthdiscovery`
/// library does. Without weights, origins or support this is the library's `PooledInvestment`,
/// and reproduces it.
///
/// Defaults: `g` = 1.4, [`Stop::Fixed`]`(10)`.
///
/// # Complexity
///
/// O(claims + values + support pairs) per iteration.
///
/// # Examples
///
/// ```
/// use claimgraph::trust::{PooledInvestment, TruthProblemBuilder};
///
/// let mut b = TruthProblemBuilder::new();
/// let holders: Vec<_> = (0..3).map(|_| b.add_holder()).collect();
/// let x = b.add_variable();
/// let (yes, no) = (b.add_value(x)?, b.add_value(x)?);
/// b.add_claim(holders[0], yes)?;
/// b.add_claim(holders[1], yes)?;
/// b.add_claim(holders[2], no)?;
/// let result = PooledInvestment::new().run(&b.build())?;
/// assert_eq!(result.winner(x), Some(yes));
/// assert_eq!(result.iterations(), 10);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PooledInvestment {
    g: f64,
    stop: Stop,
    voices: Voices,
}

impl Default for PooledInvestment {
    fn default() -> Self {
        PooledInvestment { g: 1.4, stop: Stop::Fixed(10), voices: Voices::Holders }
    }
}

impl PooledInvestment {
    /// PooledInvestment with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// The exponent of belief growth (1.4 by default; a finite number > 0).
    pub fn g(mut self, g: f64) -> Self {
        self.g = g;
        self
    }

    /// When to stop ([`Stop::Fixed`]`(10)` by default).
    pub fn stop(mut self, stop: Stop) -> Self {
        self.stop = stop;
        self
    }

    /// How claims are counted ([`Voices::Holders`] by default).
    pub fn voices(mut self, voices: Voices) -> Self {
        self.voices = voices;
        self
    }

    /// Runs PooledInvestment on `problem`. Fails if `g` or the stop rule is invalid.
    pub fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        check_g(self.g)?;
        self.stop.check()?;
        let mut market = Market::new(problem, self.voices);
        let prior: Vec<f64> = (0..problem.value_count())
            .map(|value| 1.0 / problem.variable_value_range(problem.variable_of_index(value)).len() as f64)
            .collect();
        let g = self.g;
        let mut totals = vec![0.0; problem.variable_count()];
        let mut grown = vec![0.0; problem.value_count()];
        let variables = problem.value_variables();
        let out =
            iterate(self.stop, vec![1.0; problem.holder_count()], prior, |trust, belief, new_trust, new_belief| {
                market.invest(trust, belief, new_trust, new_belief);
                // Each pool grown to the power g, once: the totals per variable and the new
                // beliefs both read it.
                grown.copy_from_slice(new_belief);
                map_each(&mut grown, |p| p.powf(g));
                totals.fill(0.0);
                for (&p, &var) in grown.iter().zip(variables) {
                    totals[var as usize] += p;
                }
                for ((b, &p), &var) in new_belief.iter_mut().zip(&grown).zip(variables) {
                    let total = totals[var as usize];
                    *b = if total > 0.0 { *b * p / total } else { 0.0 };
                }
                normalise_by_max(new_trust);
                normalise_by_max(new_belief);
            });
        Ok(TruthResult::new(problem, out.trust, out.belief, out.iterations, out.converged))
    }
}

impl TruthDiscovery for PooledInvestment {
    fn name(&self) -> &'static str {
        "PooledInvestment"
    }

    fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        PooledInvestment::run(self, problem)
    }
}
