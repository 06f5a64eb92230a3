//! Sums (Hubs and Authorities).

use super::kernel::{holders_to_values, values_to_holders};
use super::options::{iterate, normalise_by_max};
use super::{Stop, TrustError, TruthDiscovery, TruthProblem, TruthResult, Voices};

/// Sums, Kleinberg's Hubs and Authorities adapted to truth discovery by Pasternack and Roth
/// (2010): a holder's trust is the sum of the beliefs of the values it claims, a value's belief
/// the sum of the trust of the holders claiming it.
///
/// Starting from belief 0.5 for every value, each iteration computes
///
/// - trust: `T(h) = Σ w(c) · B⁺(value of c)` over `h`'s claims, where
///   `B⁺(a) = B(a) + Σ strength(a→b) · B(b)` adds what the values `a` supports believe;
/// - belief: `B(b) = Σ v(c) · T(holder of c)` over `b`'s claims, plus
///   `Σ strength(a→b) · (the same sum for a)`: compatible values share votes;
///
/// then divides trust and belief each by its largest entry, as the Python `truthdiscovery`
/// library does (otherwise both grow without bound). `w(c)` is the claim's weight and `v(c)` its
/// vote weight (the weight shared within its origin under [`Voices::Origins`]). Without weights,
/// origins or support this is the library's `Sums`, and reproduces it.
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
/// use claimgraph::trust::{Distance, Stop, Sums, TruthProblemBuilder};
///
/// let mut b = TruthProblemBuilder::new();
/// let (s1, s2) = (b.add_holder(), b.add_holder());
/// let x = b.add_variable();
/// let (one, two) = (b.add_value(x)?, b.add_value(x)?);
/// let y = b.add_variable();
/// let seven = b.add_value(y)?;
/// b.add_claim(s1, one)?;
/// b.add_claim(s1, seven)?;
/// b.add_claim(s2, two)?;
/// let result = Sums::new().stop(Stop::converged(Distance::L1, 1e-9)).run(&b.build())?;
/// assert!(result.converged());
/// assert_eq!(result.winner(x), Some(one));
/// assert_eq!(result.trust(s1), 1.0);
/// assert!(result.trust(s2) < 1e-6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Sums {
    stop: Stop,
    voices: Voices,
}

impl Default for Sums {
    fn default() -> Self {
        Sums { stop: Stop::Fixed(20), voices: Voices::Holders }
    }
}

impl Sums {
    /// Sums with the default options.
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

    /// Runs Sums on `problem`. Fails only if the stop rule is invalid.
    pub fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        self.stop.check()?;
        let vote = problem.vote_weights(self.voices);
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
                holders_to_values(problem, new_trust, vote.as_deref(), new_belief);
                problem.support_forward(new_belief, 1.0, &mut scratch);
                normalise_by_max(new_trust);
                normalise_by_max(new_belief);
            },
        );
        Ok(TruthResult::new(problem, out.trust, out.belief, out.iterations, out.converged))
    }
}

impl TruthDiscovery for Sums {
    fn name(&self) -> &'static str {
        "Sums"
    }

    fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        Sums::run(self, problem)
    }
}
