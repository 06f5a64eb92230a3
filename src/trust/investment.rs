//! Investment.

use super::kernel::{claim_counts, holders_to_values, map_each, values_to_holders};
use super::options::{iterate, normalise_by_max};
use super::{Stop, TrustError, TruthDiscovery, TruthProblem, TruthResult, Voices};

/// Investment (Pasternack and Roth, 2010): each holder invests its trust in its claims in equal
/// shares; a value's belief grows non-linearly with the total invested in it, and pays each
/// investor back in proportion to its share.
///
/// Trust starts at 1; beliefs start at the *voted* prior, a value's votes over the votes of its
/// variable (votes as in [`MajorityVote`](super::MajorityVote)). Each iteration computes
///
/// - stakes: `s(h) = T(h) / n(h)`, for the `n(h)` claims of `h`;
/// - pools: `P(b) = Σ v(c) · s(holder of c)` over `b`'s claims, plus
///   `Σ strength(a→b) · (the same sum for a)`;
/// - trust: `T'(h) = s(h) · Σ w(c) · R⁺(value of c)`, where `R(b) = B(b) / P(b)` (0 when
///   nobody invested in `b`) and `R⁺(a) = R(a) + Σ strength(a→b) · R(b)`;
/// - belief: `B'(b) = P'(b)^g`, with `P'` the pools of the new stakes `T'(h) / n(h)`;
///
/// then divides trust and belief each by its largest entry. This normalisation is the Python
/// `truthdiscovery` library's: its Investment divides both vectors by their maximum each
/// iteration, as for Sums (Pasternack and Roth leave the scale open), and the returns are
/// computed from the unnormalised new trust. Without weights, origins or support this is the
/// library's `Investment`, and reproduces it. Where a pool is 0 the library stops iterating; here
/// the pool pays nothing and the iteration goes on (a holder with no claims gets trust 0).
///
/// Defaults: `g` = 1.2, [`Stop::Fixed`]`(20)`.
///
/// # Complexity
///
/// O(claims + values + support pairs) per iteration.
///
/// # Examples
///
/// ```
/// use claimgraph::trust::{Investment, TruthProblemBuilder};
///
/// let mut b = TruthProblemBuilder::new();
/// let holders: Vec<_> = (0..3).map(|_| b.add_holder()).collect();
/// let x = b.add_variable();
/// let (yes, no) = (b.add_value(x)?, b.add_value(x)?);
/// b.add_claim(holders[0], yes)?;
/// b.add_claim(holders[1], yes)?;
/// b.add_claim(holders[2], no)?;
/// let result = Investment::new().g(1.2).run(&b.build())?;
/// assert_eq!(result.winner(x), Some(yes));
/// assert!(result.trust(holders[0]) > result.trust(holders[2]));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Investment {
    g: f64,
    stop: Stop,
    voices: Voices,
}

impl Default for Investment {
    fn default() -> Self {
        Investment { g: 1.2, stop: Stop::Fixed(20), voices: Voices::Holders }
    }
}

impl Investment {
    /// Investment with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// The exponent of belief growth (1.2 by default; a finite number > 0).
    pub fn g(mut self, g: f64) -> Self {
        self.g = g;
        self
    }

    /// When to stop ([`Stop::Fixed`]`(20)` by default).
    pub fn stop(mut self, stop: Stop) -> Self {
        self.stop = stop;
        self
    }

    /// How claims are counted ([`Voices::Holders`] by default).
    pub fn voices(mut self, voices: Voices) -> Self {
        self.voices = voices;
        self
    }

    /// Runs Investment on `problem`. Fails if `g` or the stop rule is invalid.
    pub fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        check_g(self.g)?;
        self.stop.check()?;
        let mut market = Market::new(problem, self.voices);
        let prior = voted_prior(problem, market.vote.as_deref());
        let g = self.g;
        let out =
            iterate(self.stop, vec![1.0; problem.holder_count()], prior, |trust, belief, new_trust, new_belief| {
                market.invest(trust, belief, new_trust, new_belief);
                map_each(new_belief, |b| b.powf(g));
                normalise_by_max(new_trust);
                normalise_by_max(new_belief);
            });
        Ok(TruthResult::new(problem, out.trust, out.belief, out.iterations, out.converged))
    }
}

impl TruthDiscovery for Investment {
    fn name(&self) -> &'static str {
        "Investment"
    }

    fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        Investment::run(self, problem)
    }
}

pub(crate) fn check_g(g: f64) -> Result<(), TrustError> {
    if g.is_finite() && g > 0.0 {
        Ok(())
    } else {
        Err(TrustError::InvalidOption { name: "g", value: g, expected: "a finite number > 0" })
    }
}

/// A value's votes over the votes of its variable (0 for a variable nobody claims).
fn voted_prior(problem: &TruthProblem, vote: Option<&[f64]>) -> Vec<f64> {
    let mut votes = vec![0.0; problem.value_count()];
    holders_to_values(problem, &vec![1.0; problem.holder_count()], vote, &mut votes);
    problem.support_forward(&mut votes, 1.0, &mut Vec::new());
    let mut totals = vec![0.0; problem.variable_count()];
    for (value, &n) in votes.iter().enumerate() {
        totals[problem.variable_of_index(value)] += n;
    }
    votes
        .iter()
        .enumerate()
        .map(|(value, &n)| {
            let total = totals[problem.variable_of_index(value)];
            if total > 0.0 { n / total } else { 0.0 }
        })
        .collect()
}

/// The investment step Investment and PooledInvestment share, with its buffers.
pub(crate) struct Market<'p> {
    problem: &'p TruthProblem,
    pub(crate) vote: Option<Vec<f64>>,
    counts: Vec<f64>,
    stakes: Vec<f64>,
    returns: Vec<f64>,
    scratch: Vec<f64>,
}

impl<'p> Market<'p> {
    pub(crate) fn new(problem: &'p TruthProblem, voices: Voices) -> Self {
        Market {
            problem,
            vote: problem.vote_weights(voices),
            counts: claim_counts(problem),
            stakes: vec![0.0; problem.holder_count()],
            returns: vec![0.0; problem.value_count()],
            scratch: Vec::new(),
        }
    }

    /// Computes the new (unnormalised) trust from `trust` and `belief`, and leaves in `pools` the
    /// pools of the new stakes.
    pub(crate) fn invest(&mut self, trust: &[f64], belief: &[f64], new_trust: &mut [f64], pools: &mut [f64]) {
        let problem = self.problem;
        self.stake(trust);
        holders_to_values(problem, &self.stakes, self.vote.as_deref(), pools);
        problem.support_forward(pools, 1.0, &mut self.scratch);
        for ((r, &b), &p) in self.returns.iter_mut().zip(belief).zip(pools.iter()) {
            *r = if p > 0.0 { b / p } else { 0.0 };
        }
        problem.support_backward(&mut self.returns, &mut self.scratch);
        values_to_holders(problem, &self.returns, new_trust);
        for (t, &s) in new_trust.iter_mut().zip(&self.stakes) {
            *t *= s;
        }
        self.stake(new_trust);
        holders_to_values(problem, &self.stakes, self.vote.as_deref(), pools);
        problem.support_forward(pools, 1.0, &mut self.scratch);
    }

    fn stake(&mut self, trust: &[f64]) {
        for ((s, &t), &n) in self.stakes.iter_mut().zip(trust).zip(&self.counts) {
            *s = if n > 0.0 { t / n } else { 0.0 };
        }
    }
}
