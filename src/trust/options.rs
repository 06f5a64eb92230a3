//! What the algorithms share: when to stop, how to count voices, and the iteration driver.

use super::TrustError;

/// A distance between two successive trust vectors, for [`Stop::Converged`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Distance {
    /// The sum of absolute differences (Manhattan).
    L1,
    /// The Euclidean distance.
    L2,
    /// The largest absolute difference.
    LInf,
    /// One minus the cosine similarity, clipped to [0, 1]; 1 if either vector is zero.
    Cosine,
}

impl Distance {
    /// The distance between `a` and `b` (vectors of one length). O(length).
    pub fn between(self, a: &[f64], b: &[f64]) -> f64 {
        let pairs = a.iter().zip(b);
        match self {
            Distance::L1 => pairs.map(|(x, y)| (x - y).abs()).sum(),
            Distance::L2 => pairs.map(|(x, y)| (x - y) * (x - y)).sum::<f64>().sqrt(),
            Distance::LInf => pairs.map(|(x, y)| (x - y).abs()).fold(0.0, f64::max),
            Distance::Cosine => {
                let (mut dot, mut na, mut nb) = (0.0, 0.0, 0.0);
                for (x, y) in pairs {
                    dot += x * y;
                    na += x * x;
                    nb += y * y;
                }
                if na == 0.0 || nb == 0.0 {
                    return 1.0;
                }
                (1.0 - dot / (na.sqrt() * nb.sqrt())).clamp(0.0, 1.0)
            }
        }
    }
}

/// When an iterative algorithm stops.
///
/// Each iteration computes a new trust vector from the previous one (and the beliefs). With
/// [`Stop::Converged`], the test runs before each iteration: stop, converged, once the distance
/// between the last two trust vectors is below `threshold`; stop, not converged, once
/// `max_iterations` iterations have run. This is the test of the Python `truthdiscovery`
/// library, except that reaching the maximum is reported in
/// [`TruthResult::converged`](super::TruthResult::converged) rather than raised as an error.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Stop {
    /// Exactly this many iterations ([`TruthResult::converged`](super::TruthResult::converged)
    /// is then `false`: no test was made).
    Fixed(u32),
    /// Until the distance between successive trust vectors falls below `threshold` (greater
    /// than 0), or `max_iterations` (at least 1) have run.
    Converged {
        /// How trust vectors are compared.
        distance: Distance,
        /// Stop when the distance is below this.
        threshold: f64,
        /// Stop after this many iterations in any case.
        max_iterations: u32,
    },
}

impl Stop {
    /// [`Stop::Converged`] with `max_iterations` = 1000.
    pub fn converged(distance: Distance, threshold: f64) -> Self {
        Stop::Converged { distance, threshold, max_iterations: 1000 }
    }

    pub(crate) fn check(self) -> Result<(), TrustError> {
        if let Stop::Converged { threshold, max_iterations, .. } = self {
            if !(threshold.is_finite() && threshold > 0.0) {
                return Err(TrustError::InvalidOption {
                    name: "threshold",
                    value: threshold,
                    expected: "a number > 0",
                });
            }
            if max_iterations == 0 {
                return Err(TrustError::InvalidOption { name: "max_iterations", value: 0.0, expected: "at least 1" });
            }
        }
        Ok(())
    }
}

/// How claims are counted toward a value's belief.
///
/// [`Voices::Origins`] is the provenance-aware mode. A holder without an origin is an origin of
/// its own, so on a problem without origins both modes give the same result.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Voices {
    /// Every claim counts with its own weight.
    #[default]
    Holders,
    /// The holders of one origin are one voice: a claim counts toward its value's belief with its
    /// weight divided by the number of claims the holders of its origin make on its variable.
    /// Ten outlets echoing one wire story on a variable give each echo 1/10, so together they
    /// weigh as one report; an origin whose holders split between two values gives each its share.
    /// A holder's own trust is still computed from its own claims at their full weight: a copier
    /// is judged by what it says, but does not multiply the voice it copies.
    Origins,
}

/// Divides `v` by its largest entry, when that is a positive finite number (as the Python
/// library does each iteration for Sums, AverageLog, Investment and PooledInvestment). A vector
/// of zeros is left as it is.
pub(crate) fn normalise_by_max(v: &mut [f64]) {
    let max = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if max.is_finite() && max > 0.0 {
        super::kernel::map_each(v, |x| x / max);
    }
}

/// The outcome of [`iterate`].
pub(crate) struct Iterated {
    pub(crate) trust: Vec<f64>,
    pub(crate) belief: Vec<f64>,
    pub(crate) iterations: u32,
    pub(crate) converged: bool,
}

/// Runs `step` until `stop` says so. `step(trust, belief, new_trust, new_belief)` computes the
/// next trust and belief from the current ones; the buffers are reused, so an iteration
/// allocates nothing.
pub(crate) fn iterate(
    stop: Stop,
    mut trust: Vec<f64>,
    mut belief: Vec<f64>,
    mut step: impl FnMut(&[f64], &[f64], &mut [f64], &mut [f64]),
) -> Iterated {
    let mut new_trust = trust.clone();
    let mut new_belief = belief.clone();
    let mut iterations = 0u32;
    let mut last_distance: Option<f64> = None;
    let converged = loop {
        match stop {
            Stop::Fixed(n) => {
                if iterations >= n {
                    break false;
                }
            }
            Stop::Converged { threshold, max_iterations, .. } => {
                if last_distance.is_some_and(|d| d < threshold) {
                    break true;
                }
                if iterations >= max_iterations {
                    break false;
                }
            }
        }
        step(&trust, &belief, &mut new_trust, &mut new_belief);
        iterations += 1;
        if let Stop::Converged { distance, .. } = stop {
            last_distance = Some(distance.between(&trust, &new_trust));
        }
        std::mem::swap(&mut trust, &mut new_trust);
        std::mem::swap(&mut belief, &mut new_belief);
    };
    Iterated { trust, belief, iterations, converged }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A step that halves the distance to 0 each iteration.
    fn halve(trust: &[f64], _: &[f64], new_trust: &mut [f64], _: &mut [f64]) {
        new_trust[0] = trust[0] / 2.0;
    }

    #[test]
    fn fixed_runs_exactly_n() {
        let out = iterate(Stop::Fixed(3), vec![1.0], vec![0.0], halve);
        assert_eq!((out.trust[0], out.iterations, out.converged), (0.125, 3, false));
        let none = iterate(Stop::Fixed(0), vec![1.0], vec![0.0], halve);
        assert_eq!((none.trust[0], none.iterations), (1.0, 0));
    }

    #[test]
    fn converged_stops_once_below_the_threshold() {
        // Successive distances: 1/2, 1/4, 1/8, 1/16...; the first below 0.1 is after 4 steps.
        let out = iterate(Stop::converged(Distance::L1, 0.1), vec![1.0], vec![0.0], halve);
        assert_eq!((out.iterations, out.converged), (4, true));
        let capped = Stop::Converged { distance: Distance::L1, threshold: 0.1, max_iterations: 2 };
        let out = iterate(capped, vec![1.0], vec![0.0], halve);
        assert_eq!((out.iterations, out.converged), (2, false));
    }

    #[test]
    fn normalising_leaves_zeros() {
        let mut v = [0.0, 0.0];
        normalise_by_max(&mut v);
        assert_eq!(v, [0.0, 0.0]);
        let mut v = [1.0, 4.0];
        normalise_by_max(&mut v);
        assert_eq!(v, [0.25, 1.0]);
    }
}
