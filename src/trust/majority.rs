//! Majority vote: the baseline.

use super::kernel::holders_to_values;
use super::options::normalise_by_max;
use super::{TrustError, TruthDiscovery, TruthProblem, TruthResult, Voices};

/// Majority vote: every holder is equally trustworthy, and a value's belief is its votes.
///
/// A value's votes are the sum of its claims' weights (shared within an origin under
/// [`Voices::Origins`]), plus what supporting values pass on: a claim of `a` adds
/// `strength(a→b)` times its weight to `b`. Beliefs are divided by the largest, so the top
/// value of the problem has belief 1 (the normalisation of the Python `truthdiscovery`
/// library's `MajorityVoting`, which it reproduces). Every holder's trust is 1. It does not
/// iterate: [`TruthResult::iterations`] is 0 and [`TruthResult::converged`] is `true`.
///
/// # Complexity
///
/// O(claims + values + support pairs).
///
/// # Examples
///
/// ```
/// use claimgraph::trust::{MajorityVote, TruthProblemBuilder};
///
/// let mut b = TruthProblemBuilder::new();
/// let x = b.add_variable();
/// let (yes, no) = (b.add_value(x)?, b.add_value(x)?);
/// for _ in 0..3 {
///     let h = b.add_holder();
///     b.add_claim(h, yes)?;
/// }
/// let h = b.add_holder();
/// b.add_claim(h, no)?;
/// let result = MajorityVote::new().run(&b.build())?;
/// assert_eq!(result.winner(x), Some(yes));
/// assert_eq!((result.belief(yes), result.belief(no)), (1.0, 1.0 / 3.0));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct MajorityVote {
    voices: Voices,
}

impl MajorityVote {
    /// Majority vote with every claim its own voice.
    pub fn new() -> Self {
        Self::default()
    }

    /// How claims are counted ([`Voices::Holders`] by default).
    pub fn voices(mut self, voices: Voices) -> Self {
        self.voices = voices;
        self
    }

    /// Runs the vote on `problem`. It cannot fail; the `Result` keeps the signature of the other
    /// algorithms.
    pub fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        let vote = problem.vote_weights(self.voices);
        let ones = vec![1.0; problem.holder_count()];
        let mut belief = vec![0.0; problem.value_count()];
        holders_to_values(problem, &ones, vote.as_deref(), &mut belief);
        problem.support_forward(&mut belief, 1.0, &mut Vec::new());
        normalise_by_max(&mut belief);
        Ok(TruthResult::new(problem, ones, belief, 0, true))
    }
}

impl TruthDiscovery for MajorityVote {
    fn name(&self) -> &'static str {
        "MajorityVote"
    }

    fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError> {
        MajorityVote::run(self, problem)
    }
}
