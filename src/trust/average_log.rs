//! AverageLog.

use super::kernel::{claim_counts, holders_to_values, values_to_holders};
use super::options::{iterate, normalise_by_max};
use super::{Stop, TrustError, TruthDiscovery, TruthProblem, TruthResult, Voices};

/// AverageLog (Pasternack and Roth, 2010): like [`Sums`](super::Sums), but a holder's trust is
/// the average belief of its claims times the logarithm of their number, so that a holder making
/// many claims is not trusted merely for their number, nor one making a single lucky claim for
/// its average.
///
/// Starting from belief 0.5 for every value, each iteration computes
///
/// - trust: `T(h) = ln(n(h)) / n(h) · Σ w(c) · B⁺(value of c)` over `h`'s `n(h)` claims, with
///   `B⁺` as in [`Sums`](super::Sums) (a holder with one claim gets trust 0, as ln 1 = 0; one
///   with none gets 0);
/// - belief: as in [`Sums`](super::Sums);
///
/// then divides trust and belief each by its largest entry, as the Python `truthdiscovery`
/// library does. `n(h)` counts claims whatever their weight. Without weights, origins or
/// support this is the library's `AverageLog`, and reproduces it.
///
/// Default stop: [`Stop::Fixed`]`(20)`.
///
/// # Complexity
///
/// O(claims + values + support pairs) per iteration.
///
/// # Examples
///
/// ```
/// use claimgraph::trust::{AverageLog, TruthProblemBuilder};
///
/// let mut b = TruthProblemBuilder::new();
/// let (careful, witness, sloppy) = (b.add_holder(), b.add_holder(), b.add_holder());
/// let mut winners = Vec::new();
/// for i in 0..4 {
///     let x = b.add_variable();
///     let (right, wrong) = (b.add_value(x)?, b.add_value(x)?);
///     b.add_claim(careful, right)?;
///     // The sloppy holder is wrong on every other variable, where a witness sides with the
///     // careful one.
///     if i % 2 == 0 {
///         b.add_claim(sloppy, right)?;
///     } else {
///         b.add_claim(sloppy, wrong)?;
///         b.add_claim(witness, right)?;
///     }
///     winners.push((x, right));
/// }
/// let result = AverageLog::new().run(&b.build())?;
/// assert!(result.trust(careful) > result.trust(sloppy));
/// assert!(winners.iter().all(|&(x, right)| result.winner(x) == Some(right)));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct AverageLog {
    stop: Stop,
    voices: Voices,
}

impl Default for AverageLog {
    fn default() -> Self {
        AverageLog { stop: Stop::Fixed(20), voices: Voices::Holders }
    }
}

impl AverageLog {
    /// AverageLog with the default options.
    pub fn new() -> Self {
        Self::default()
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

    /// Runs AverageLog on `problem`. Fails only if the stop rule is invalid.
    pub fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        self.stop.check()?;
        let vote = problem.vote_weights(self.voices);
        let factor: Vec<f64> =
            claim_counts(problem).into_iter().map(|n| if n > 0.0 { n.ln() / n } else { 0.0 }).collect();
        let mut returns = vec![0.0; problem.value_count()];
        let mut scratch = Vec::new();
        let out = iterate(
            self.stop,
            vec![0.0; problem.holder_count()],
            vec![0.5; problem.value_count()],
            |_, belief, new_trust, new_belief| {
                // What each claim earns: its value's belief, plus what the values it supports
                // believe (no copy when nothing is supported).
                let earned = if problem.support_count() == 0 {
                    belief
                } else {
                    returns.copy_from_slice(belief);
                    problem.support_backward(&mut returns, &mut scratch);
                    &returns
                };
                values_to_holders(problem, earned, new_trust);
                for (t, f) in new_trust.iter_mut().zip(&factor) {
                    *t *= f;
                }
                holders_to_values(problem, new_trust, vote.as_deref(), new_belief);
                problem.support_forward(new_belief, 1.0, &mut scratch);
                normalise_by_max(new_trust);
                normalise_by_max(new_belief);
            },
        );
        Ok(TruthResult::new(problem, out.trust, out.belief, out.iterations, out.converged))
    }
}

impl TruthDiscovery for AverageLog {
    fn name(&self) -> &'static str {
        "AverageLog"
    }

    fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        AverageLog::run(self, problem)
    }
}
