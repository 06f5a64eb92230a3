//! The output of every algorithm.

use super::{HolderId, TruthProblem, ValueId, VariableId};

/// What a truth-discovery algorithm found: a trust score per holder, a belief score per value,
/// the winning value of each variable, and how the iteration went.
///
/// Scores are comparable within one result, not across algorithms: each algorithm has its own
/// scale (documented with it).
#[derive(Clone, Debug, PartialEq)]
pub struct TruthResult {
    trust: Vec<f64>,
    belief: Vec<f64>,
    winners: Vec<Option<ValueId>>,
    iterations: u32,
    converged: bool,
}

impl TruthResult {
    pub(crate) fn new(
        problem: &TruthProblem,
        trust: Vec<f64>,
        belief: Vec<f64>,
        iterations: u32,
        converged: bool,
    ) -> Self {
        let winners = (0..problem.variable_count())
            .map(|v| {
                if !problem.is_claimed(v) {
                    return None;
                }
                // The highest belief; ties go to the lowest value id.
                let mut best: Option<(u32, f64)> = None;
                for &value in problem.variable_value_range(v) {
                    let b = belief[value as usize];
                    if best.is_none_or(|(_, top)| b > top) {
                        best = Some((value, b));
                    }
                }
                best.map(|(value, _)| ValueId::from_index(value as usize))
            })
            .collect();
        TruthResult { trust, belief, winners, iterations, converged }
    }

    /// The trust score of `holder`.
    ///
    /// # Panics
    ///
    /// If `holder` was not issued for the problem this result comes from.
    #[track_caller]
    pub fn trust(&self, holder: HolderId) -> f64 {
        self.trust[holder.index()]
    }

    /// The trust score of every holder, indexed by [`HolderId::index`].
    pub fn trusts(&self) -> &[f64] {
        &self.trust
    }

    /// The belief score of `value`.
    ///
    /// # Panics
    ///
    /// If `value` was not issued for the problem this result comes from.
    #[track_caller]
    pub fn belief(&self, value: ValueId) -> f64 {
        self.belief[value.index()]
    }

    /// The belief score of every value, indexed by [`ValueId::index`].
    pub fn beliefs(&self) -> &[f64] {
        &self.belief
    }

    /// The value of `variable` with the highest belief (ties go to the lowest value id), or
    /// `None` if no claim is about `variable` (or the id was not issued for this problem).
    pub fn winner(&self, variable: VariableId) -> Option<ValueId> {
        self.winners.get(variable.index()).copied().flatten()
    }

    /// The winner of every variable, indexed by [`VariableId::index`].
    pub fn winners(&self) -> &[Option<ValueId>] {
        &self.winners
    }

    /// How many iterations ran (0 for [`MajorityVote`](super::MajorityVote), which does not
    /// iterate).
    pub fn iterations(&self) -> u32 {
        self.iterations
    }

    /// Whether the run stopped because successive trust vectors came closer than the threshold
    /// of [`Stop::Converged`](super::Stop::Converged). `false` under
    /// [`Stop::Fixed`](super::Stop::Fixed) and when the maximum number of iterations was reached
    /// first; `true` for [`MajorityVote`](super::MajorityVote), whose answer is exact.
    pub fn converged(&self) -> bool {
        self.converged
    }
}
