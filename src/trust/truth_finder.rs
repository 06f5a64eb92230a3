//! TruthFinder.

use super::kernel::{holders_to_values, map_each, values_to_holders};
use super::options::iterate;
use super::{Distance, Stop, TrustError, TruthDiscovery, TruthProblem, TruthResult, Voices};

/// TruthFinder (Yin, Han and Yu, 2008): a holder's trust is the average confidence of its
/// claims; a value's confidence is the probability that not all of its holders are wrong,
/// raised by the values that support it and dampened for holders that are not independent.
///
/// Trust starts at `initial_trust` (0.9). Each iteration computes
///
/// - the trust score `τ(h) = -ln(1 - T(h))` (infinite for trust 1);
/// - the confidence score `σ(b) = Σ v(c) · τ(holder of c)` over `b`'s claims;
/// - the adjusted score `σ*(b) = σ(b) + ρ · Σ strength(a→b) · σ(a)`: support between values is
///   the paper's implication `imp(a→b)`, scaled by the influence `ρ` (0.5);
/// - belief (confidence) `B(b) = 1 / (1 + e^(-γ · σ*(b)))`, with the dampening `γ` (0.3);
/// - trust `T'(h) = Σ w(c) · B(value of c) / Σ w(c)` over `h`'s claims: the average confidence
///   of its claims, weighted by the claims' weights (0 for a holder with no claims).
///
/// Nothing is normalised. A value nobody claims and nothing supports has belief 1/2. Without
/// weights or origins this is the Python `truthdiscovery` library's `TruthFinder` (whose
/// implication matrix is our support), and reproduces it. The library stops when a trust reaches
/// 1; here the iteration goes on (τ is infinite and the beliefs it reaches are 1).
///
/// Defaults: `initial_trust` = 0.9, `influence` (ρ) = 0.5, `dampening` (γ) = 0.3, and
/// [`Stop::converged`]`(`[`Distance::Cosine`]`, 0.001)` (at most 1000 iterations), as in the
/// library.
///
/// # Complexity
///
/// O(claims + values + support pairs) per iteration.
///
/// # Examples
///
/// ```
/// use claimgraph::trust::{TruthFinder, TruthProblemBuilder};
///
/// let mut b = TruthProblemBuilder::new();
/// let holders: Vec<_> = (0..3).map(|_| b.add_holder()).collect();
/// let x = b.add_variable();
/// let (ten, eleven, forty) = (b.add_value(x)?, b.add_value(x)?, b.add_value(x)?);
/// // 10 and 11 are within tolerance of each other: each supports the other.
/// b.add_support(ten, eleven, 0.8)?;
/// b.add_support(eleven, ten, 0.8)?;
/// b.add_claim(holders[0], ten)?;
/// b.add_claim(holders[1], eleven)?;
/// b.add_claim(holders[2], forty)?;
/// let result = TruthFinder::new().influence(0.5).run(&b.build())?;
/// assert!(result.converged());
/// assert!(result.belief(ten) > result.belief(forty));
/// assert_ne!(result.winner(x), Some(forty));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TruthFinder {
    initial_trust: f64,
    influence: f64,
    dampening: f64,
    stop: Stop,
    voices: Voices,
}

impl Default for TruthFinder {
    fn default() -> Self {
        TruthFinder {
            initial_trust: 0.9,
            influence: 0.5,
            dampening: 0.3,
            stop: Stop::converged(Distance::Cosine, 0.001),
            voices: Voices::Holders,
        }
    }
}

impl TruthFinder {
    /// TruthFinder with the default options.
    pub fn new() -> Self {
        Self::default()
    }

    /// Every holder's trust before the first iteration (0.9 by default; in [0, 1)).
    pub fn initial_trust(mut self, trust: f64) -> Self {
        self.initial_trust = trust;
        self
    }

    /// ρ, how much supporting values add to a value's score (0.5 by default; in [0, 1]).
    pub fn influence(mut self, rho: f64) -> Self {
        self.influence = rho;
        self
    }

    /// γ, the dampening of the confidence (0.3 by default; in (0, 1]).
    pub fn dampening(mut self, gamma: f64) -> Self {
        self.dampening = gamma;
        self
    }

    /// When to stop (cosine distance below 0.001 by default).
    pub fn stop(mut self, stop: Stop) -> Self {
        self.stop = stop;
        self
    }

    /// How claims are counted ([`Voices::Holders`] by default).
    pub fn voices(mut self, voices: Voices) -> Self {
        self.voices = voices;
        self
    }

    /// Runs TruthFinder on `problem`. Fails if an option is out of its domain.
    pub fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        let invalid = |name, value, expected| Err(TrustError::InvalidOption { name, value, expected });
        if !(0.0..1.0).contains(&self.initial_trust) {
            return invalid("initial_trust", self.initial_trust, "a number in [0, 1)");
        }
        if !(0.0..=1.0).contains(&self.influence) {
            return invalid("influence", self.influence, "a number in [0, 1]");
        }
        if !(self.dampening > 0.0 && self.dampening <= 1.0) {
            return invalid("dampening", self.dampening, "a number in (0, 1]");
        }
        self.stop.check()?;
        let vote = problem.vote_weights(self.voices);
        let weight_sums: Vec<f64> =
            (0..problem.holder_count()).map(|h| problem.claim_weights()[problem.claim_range(h)].iter().sum()).collect();
        let mut tau = vec![0.0; problem.holder_count()];
        let mut scratch = Vec::new();
        let (rho, gamma) = (self.influence, self.dampening);
        let out = iterate(
            self.stop,
            vec![self.initial_trust; problem.holder_count()],
            vec![0.0; problem.value_count()],
            |trust, _, new_trust, new_belief| {
                for (t, &trust) in tau.iter_mut().zip(trust) {
                    *t = -(1.0 - trust).ln();
                }
                holders_to_values(problem, &tau, vote.as_deref(), new_belief);
                problem.support_forward(new_belief, rho, &mut scratch);
                map_each(new_belief, |b| 1.0 / (1.0 + (-gamma * b).exp()));
                values_to_holders(problem, new_belief, new_trust);
                for (t, &sum) in new_trust.iter_mut().zip(&weight_sums) {
                    *t = if sum > 0.0 { *t / sum } else { 0.0 };
                }
            },
        );
        Ok(TruthResult::new(problem, out.trust, out.belief, out.iterations, out.converged))
    }
}

impl TruthDiscovery for TruthFinder {
    fn name(&self) -> &'static str {
        "TruthFinder"
    }

    fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        TruthFinder::run(self, problem)
    }
}
