//! The input of truth discovery: holders, variables, values, claims, origins and support.

use std::collections::{HashMap, HashSet};
use std::fmt;

macro_rules! trust_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(u32);

        impl $name {
            /// The dense position of this id in its problem (insertion order, from 0), for users
            /// who keep per-item data in a `Vec`.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            pub(crate) fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).expect("more than u32::MAX items of one kind"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "#{}"), self.0)
            }
        }
    };
}

trust_id!(
    /// Identifies a stance holder (a "source" in the truth-discovery literature): whoever makes
    /// claims, and whose trustworthiness is estimated.
    HolderId,
    "holder"
);
trust_id!(
    /// Identifies a variable: a question with mutually exclusive answers (in claimgraph, a
    /// proposition group).
    VariableId,
    "variable"
);
trust_id!(
    /// Identifies one value of one variable. Value ids are dense over the whole problem, not per
    /// variable; [`TruthProblem::variable_of`] gives a value's variable.
    ValueId,
    "value"
);
trust_id!(
    /// Identifies an origin (a voice): a group of holders whose reports share one origin, such as
    /// outlets republishing one wire story. See [`Voices::Origins`](super::Voices::Origins).
    OriginId,
    "origin"
);

/// Why a problem could not be built or an algorithm could not run.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum TrustError {
    /// A holder id that this builder did not issue.
    #[error("unknown holder {0}")]
    UnknownHolder(HolderId),
    /// A variable id that this builder did not issue.
    #[error("unknown variable {0}")]
    UnknownVariable(VariableId),
    /// A value id that this builder did not issue.
    #[error("unknown value {0}")]
    UnknownValue(ValueId),
    /// An origin id that this builder did not issue.
    #[error("unknown origin {0}")]
    UnknownOrigin(OriginId),
    /// The holder already claims this value.
    #[error("{holder} already claims {value}")]
    DuplicateClaim {
        /// The holder.
        holder: HolderId,
        /// The value claimed twice.
        value: ValueId,
    },
    /// A claim weight that is not a finite number greater than 0.
    #[error("claim weight {0} is not a finite number greater than 0")]
    InvalidWeight(f64),
    /// Support between values of different variables.
    #[error("{from} and {to} belong to different variables, so one cannot support the other")]
    SupportAcrossVariables {
        /// The supporting value.
        from: ValueId,
        /// The supported value.
        to: ValueId,
    },
    /// A value declared to support itself.
    #[error("{0} cannot support itself")]
    SelfSupport(ValueId),
    /// The same support declared twice.
    #[error("{from} already supports {to}")]
    DuplicateSupport {
        /// The supporting value.
        from: ValueId,
        /// The supported value.
        to: ValueId,
    },
    /// A support strength outside (0, 1].
    #[error("support strength {0} is not in (0, 1]")]
    InvalidStrength(f64),
    /// An algorithm parameter outside its domain.
    #[error("option `{name}` = {value} is invalid: expected {expected}")]
    InvalidOption {
        /// The option.
        name: &'static str,
        /// The value given.
        value: f64,
        /// What the option takes.
        expected: &'static str,
    },
}

/// Builds a [`TruthProblem`]: add holders, variables, their values and claims, then
/// [`build`](Self::build).
///
/// Every `add_*` method checks its arguments and reports a [`TrustError`] instead of panicking;
/// a refused call changes nothing.
///
/// # Examples
///
/// ```
/// use claimgraph::trust::TruthProblemBuilder;
///
/// let mut b = TruthProblemBuilder::new();
/// let wire = b.add_origin();
/// let (a, c) = (b.add_holder(), b.add_holder_in(wire)?);
/// let capital = b.add_variable();
/// let (astana, almaty) = (b.add_value(capital)?, b.add_value(capital)?);
/// b.add_claim(a, astana)?;
/// b.add_weighted_claim(c, almaty, 0.5)?; // relayed through a hedge
/// b.add_support(astana, almaty, 0.2)?;
/// let problem = b.build();
/// assert_eq!((problem.holder_count(), problem.value_count(), problem.claim_count()), (2, 2, 2));
/// assert_eq!(problem.variable_of(almaty), capital);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct TruthProblemBuilder {
    holder_origin: Vec<Option<u32>>,
    origins: u32,
    variables: u32,
    value_variable: Vec<u32>,
    claims: Vec<(u32, u32, f64)>,
    claimed: HashSet<(u32, u32)>,
    support: Vec<(u32, u32, f64)>,
    supported: HashSet<(u32, u32)>,
}

impl TruthProblemBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a holder that is its own voice (an origin of its own).
    pub fn add_holder(&mut self) -> HolderId {
        self.holder_origin.push(None);
        HolderId::from_index(self.holder_origin.len() - 1)
    }

    /// Adds an origin: a voice that several holders may share.
    pub fn add_origin(&mut self) -> OriginId {
        self.origins += 1;
        OriginId::from_index(self.origins as usize - 1)
    }

    /// Adds a holder whose reports share `origin` with the other holders of that origin.
    pub fn add_holder_in(&mut self, origin: OriginId) -> Result<HolderId, TrustError> {
        self.check_origin(origin)?;
        self.holder_origin.push(Some(origin.0));
        Ok(HolderId::from_index(self.holder_origin.len() - 1))
    }

    /// Places `holder` in `origin` (replacing its previous origin, if any).
    pub fn set_origin(&mut self, holder: HolderId, origin: OriginId) -> Result<(), TrustError> {
        self.check_holder(holder)?;
        self.check_origin(origin)?;
        self.holder_origin[holder.index()] = Some(origin.0);
        Ok(())
    }

    /// Adds a variable, with no values yet.
    pub fn add_variable(&mut self) -> VariableId {
        self.variables += 1;
        VariableId::from_index(self.variables as usize - 1)
    }

    /// Adds a value of `variable`. Values need not be numbers: keep your own map from your value
    /// (a text, an actor, a quantity class) to the id returned.
    pub fn add_value(&mut self, variable: VariableId) -> Result<ValueId, TrustError> {
        if variable.0 >= self.variables {
            return Err(TrustError::UnknownVariable(variable));
        }
        self.value_variable.push(variable.0);
        Ok(ValueId::from_index(self.value_variable.len() - 1))
    }

    /// Records that `holder` claims `value` (for the value's variable), with weight 1.
    pub fn add_claim(&mut self, holder: HolderId, value: ValueId) -> Result<(), TrustError> {
        self.add_weighted_claim(holder, value, 1.0)
    }

    /// Records that `holder` claims `value` with `weight` (finite, greater than 0): a claim
    /// relayed through hedged hops may count for less than 1. How each algorithm reads the weight
    /// is documented in the [module docs](super#claim-weights).
    ///
    /// A holder may claim several values of one variable (it contradicts itself), but each value
    /// once.
    pub fn add_weighted_claim(&mut self, holder: HolderId, value: ValueId, weight: f64) -> Result<(), TrustError> {
        self.check_holder(holder)?;
        self.check_value(value)?;
        if !(weight.is_finite() && weight > 0.0) {
            return Err(TrustError::InvalidWeight(weight));
        }
        if !self.claimed.insert((holder.0, value.0)) {
            return Err(TrustError::DuplicateClaim { holder, value });
        }
        self.claims.push((holder.0, value.0, weight));
        Ok(())
    }

    /// Declares that a claim of `from` also supports `to`, a value of the same variable, with
    /// `strength` in (0, 1] (for instance two figures within the predicate's tolerance). Support
    /// is directed: declare both directions for a symmetric relation. How each algorithm uses it
    /// is documented in the [module docs](super#support-between-values).
    pub fn add_support(&mut self, from: ValueId, to: ValueId, strength: f64) -> Result<(), TrustError> {
        self.check_value(from)?;
        self.check_value(to)?;
        if from == to {
            return Err(TrustError::SelfSupport(from));
        }
        if self.value_variable[from.index()] != self.value_variable[to.index()] {
            return Err(TrustError::SupportAcrossVariables { from, to });
        }
        if !(strength > 0.0 && strength <= 1.0) {
            return Err(TrustError::InvalidStrength(strength));
        }
        if !self.supported.insert((from.0, to.0)) {
            return Err(TrustError::DuplicateSupport { from, to });
        }
        self.support.push((from.0, to.0, strength));
        Ok(())
    }

    /// The problem, laid out for the algorithms: claims grouped by holder (in the order they
    /// were added), values grouped by variable, support sorted. O(claims + values + support).
    pub fn build(self) -> TruthProblem {
        let holders = self.holder_origin.len();
        let values = self.value_variable.len();
        let variables = self.variables as usize;

        // Claims grouped by holder, stable within a holder (a counting sort).
        let mut holder_start = vec![0u32; holders + 1];
        for &(h, _, _) in &self.claims {
            holder_start[h as usize + 1] += 1;
        }
        for h in 0..holders {
            holder_start[h + 1] += holder_start[h];
        }
        let mut next: Vec<u32> = holder_start[..holders].to_vec();
        let mut claim_value = vec![0u32; self.claims.len()];
        let mut claim_weight = vec![0f64; self.claims.len()];
        for &(h, v, w) in &self.claims {
            let slot = next[h as usize] as usize;
            next[h as usize] += 1;
            claim_value[slot] = v;
            claim_weight[slot] = w;
        }

        // A holder without an origin is a voice of its own: it gets a private origin number
        // after the declared ones.
        let holder_origin: Vec<u32> =
            self.holder_origin.iter().enumerate().map(|(h, o)| o.unwrap_or(self.origins + h as u32)).collect();

        // How many claims each (origin, variable) pair holds: one origin's weight is shared
        // among them in `Voices::Origins`.
        let mut per_voice: HashMap<(u32, u32), u32> = HashMap::new();
        for &(h, v, _) in &self.claims {
            let variable = self.value_variable[v as usize];
            *per_voice.entry((holder_origin[h as usize], variable)).or_insert(0) += 1;
        }
        let mut claim_share = vec![1u32; claim_value.len()];
        for (h, &origin) in holder_origin.iter().enumerate() {
            let range = holder_start[h] as usize..holder_start[h + 1] as usize;
            for (share, &v) in claim_share[range.clone()].iter_mut().zip(&claim_value[range]) {
                *share = per_voice[&(origin, self.value_variable[v as usize])];
            }
        }

        // Values grouped by variable, in id order.
        let mut variable_start = vec![0u32; variables + 1];
        for &var in &self.value_variable {
            variable_start[var as usize + 1] += 1;
        }
        for v in 0..variables {
            variable_start[v + 1] += variable_start[v];
        }
        let mut next: Vec<u32> = variable_start[..variables].to_vec();
        let mut variable_values = vec![0u32; values];
        for (value, &var) in self.value_variable.iter().enumerate() {
            variable_values[next[var as usize] as usize] = value as u32;
            next[var as usize] += 1;
        }
        let mut claimed = vec![false; variables];
        for &v in &claim_value {
            claimed[self.value_variable[v as usize] as usize] = true;
        }

        // The same claims grouped by value, by holder within a value (a stable counting sort of
        // the holder-grouped order): the layout of the passes that sum into values.
        let mut value_start = vec![0u32; values + 1];
        for &v in &claim_value {
            value_start[v as usize + 1] += 1;
        }
        for v in 0..values {
            value_start[v + 1] += value_start[v];
        }
        let mut next: Vec<u32> = value_start[..values].to_vec();
        let mut by_value = vec![0u32; claim_value.len()];
        // Holder-grouped slots are in holder order already.
        for (slot, &v) in claim_value.iter().enumerate() {
            by_value[next[v as usize] as usize] = slot as u32;
            next[v as usize] += 1;
        }
        let value_claim_holder: Vec<u32> = {
            let mut holder_of_slot = vec![0u32; claim_value.len()];
            for h in 0..holders {
                holder_of_slot[holder_start[h] as usize..holder_start[h + 1] as usize].fill(h as u32);
            }
            by_value.iter().map(|&slot| holder_of_slot[slot as usize]).collect()
        };
        let unit_weights = claim_weight.iter().all(|&w| w == 1.0);

        let mut support = self.support;
        support.sort_by_key(|&(from, to, _)| (to, from));

        TruthProblem {
            holder_origin,
            declared_origins: self.origins,
            holder_start,
            claim_value,
            claim_weight,
            claim_share,
            unit_weights,
            value_start,
            value_claim_slot: by_value,
            value_claim_holder,
            value_variable: self.value_variable,
            variable_start,
            variable_values,
            claimed,
            support,
        }
    }

    fn check_holder(&self, holder: HolderId) -> Result<(), TrustError> {
        if holder.index() < self.holder_origin.len() { Ok(()) } else { Err(TrustError::UnknownHolder(holder)) }
    }

    fn check_origin(&self, origin: OriginId) -> Result<(), TrustError> {
        if origin.0 < self.origins { Ok(()) } else { Err(TrustError::UnknownOrigin(origin)) }
    }

    fn check_value(&self, value: ValueId) -> Result<(), TrustError> {
        if value.index() < self.value_variable.len() { Ok(()) } else { Err(TrustError::UnknownValue(value)) }
    }
}

/// A truth-discovery problem: who claims which value of which variable, built by
/// [`TruthProblemBuilder`] and read by every algorithm of [`trust`](super).
///
/// It stores claims grouped by holder (compressed rows) and values grouped by variable, so an
/// iteration of any algorithm is one pass over the claims, one over the values and one over the
/// support pairs: no dense matrix.
#[derive(Clone, Debug)]
pub struct TruthProblem {
    /// The origin number of each holder (declared origins first, then one per solo holder).
    holder_origin: Vec<u32>,
    /// The number of origins declared with [`TruthProblemBuilder::add_origin`].
    declared_origins: u32,
    /// Holder `h`'s claims are `holder_start[h]..holder_start[h + 1]`.
    holder_start: Vec<u32>,
    claim_value: Vec<u32>,
    claim_weight: Vec<f64>,
    /// The number of claims the claim's origin makes on the claim's variable.
    claim_share: Vec<u32>,
    /// Whether every claim weight is 1 (the passes then skip the weights).
    unit_weights: bool,
    /// Value `v`'s claims are `value_start[v]..value_start[v + 1]` in the value-grouped arrays.
    value_start: Vec<u32>,
    /// For each claim in value-grouped order, its position in the holder-grouped arrays.
    value_claim_slot: Vec<u32>,
    /// For each claim in value-grouped order, its holder.
    value_claim_holder: Vec<u32>,
    value_variable: Vec<u32>,
    /// Variable `v`'s values are `variable_values[variable_start[v]..variable_start[v + 1]]`.
    variable_start: Vec<u32>,
    variable_values: Vec<u32>,
    /// Whether any claim is about each variable.
    claimed: Vec<bool>,
    /// `(from, to, strength)`, sorted by `(to, from)`.
    support: Vec<(u32, u32, f64)>,
}

impl TruthProblem {
    /// The number of holders.
    pub fn holder_count(&self) -> usize {
        self.holder_origin.len()
    }

    /// The number of variables.
    pub fn variable_count(&self) -> usize {
        self.variable_start.len() - 1
    }

    /// The number of values, over all variables.
    pub fn value_count(&self) -> usize {
        self.value_variable.len()
    }

    /// The number of claims (holder–value edges).
    pub fn claim_count(&self) -> usize {
        self.claim_value.len()
    }

    /// The number of support pairs.
    pub fn support_count(&self) -> usize {
        self.support.len()
    }

    /// Every holder, in id order.
    pub fn holders(&self) -> impl ExactSizeIterator<Item = HolderId> + '_ {
        (0..self.holder_count()).map(HolderId::from_index)
    }

    /// Every variable, in id order.
    pub fn variables(&self) -> impl ExactSizeIterator<Item = VariableId> + '_ {
        (0..self.variable_count()).map(VariableId::from_index)
    }

    /// The variable `value` belongs to.
    ///
    /// # Panics
    ///
    /// If `value` was not issued by the builder of this problem.
    #[track_caller]
    pub fn variable_of(&self, value: ValueId) -> VariableId {
        VariableId(self.value_variable[value.index()])
    }

    /// The values of `variable`, in id order (empty for an id this problem did not issue).
    pub fn values_of(&self, variable: VariableId) -> impl ExactSizeIterator<Item = ValueId> + '_ {
        let range = match self.variable_start.get(variable.index()..variable.index() + 2) {
            Some(&[start, end]) => start as usize..end as usize,
            _ => 0..0,
        };
        self.variable_values[range].iter().map(|&v| ValueId(v))
    }

    /// The claims of `holder` as `(value, weight)`, in the order they were added (empty for an
    /// id this problem did not issue).
    pub fn claims_of(&self, holder: HolderId) -> impl ExactSizeIterator<Item = (ValueId, f64)> + '_ {
        let range = self.claim_range(holder.index());
        self.claim_value[range.clone()].iter().zip(&self.claim_weight[range]).map(|(&v, &w)| (ValueId(v), w))
    }

    /// The origin `holder` was placed in, or `None` if it is a voice of its own (or an id this
    /// problem did not issue).
    pub fn origin_of(&self, holder: HolderId) -> Option<OriginId> {
        let origin = *self.holder_origin.get(holder.index())?;
        (origin < self.declared_origins).then_some(OriginId(origin))
    }

    pub(crate) fn claim_range(&self, holder: usize) -> std::ops::Range<usize> {
        match self.holder_start.get(holder..holder + 2) {
            Some(&[start, end]) => start as usize..end as usize,
            _ => 0..0,
        }
    }

    pub(crate) fn claim_values(&self) -> &[u32] {
        &self.claim_value
    }

    pub(crate) fn claim_weights(&self) -> &[f64] {
        &self.claim_weight
    }

    pub(crate) fn variable_of_index(&self, value: usize) -> usize {
        self.value_variable[value] as usize
    }

    pub(crate) fn value_variables(&self) -> &[u32] {
        &self.value_variable
    }

    pub(crate) fn variable_value_range(&self, variable: usize) -> &[u32] {
        &self.variable_values[self.variable_start[variable] as usize..self.variable_start[variable + 1] as usize]
    }

    pub(crate) fn is_claimed(&self, variable: usize) -> bool {
        self.claimed[variable]
    }

    /// Each claim's weight toward its value's belief, in value-grouped order: its own weight,
    /// shared among the claims of its origin on its variable when `voices` is
    /// [`Voices::Origins`](super::Voices::Origins). `None` when every such weight is 1, so the
    /// passes need not read any.
    pub(crate) fn vote_weights(&self, voices: super::Voices) -> Option<Vec<f64>> {
        let shared = voices == super::Voices::Origins && self.claim_share.iter().any(|&n| n != 1);
        if self.unit_weights && !shared {
            return None;
        }
        let slots = self.value_claim_slot.iter().map(|&slot| slot as usize);
        Some(if shared {
            slots.map(|slot| self.claim_weight[slot] / f64::from(self.claim_share[slot])).collect()
        } else {
            slots.map(|slot| self.claim_weight[slot]).collect()
        })
    }

    /// Whether every claim weight is 1.
    pub(crate) fn unit_weights(&self) -> bool {
        self.unit_weights
    }

    /// The offsets of each value's claims in the value-grouped arrays (one more than values).
    pub(crate) fn value_starts(&self) -> &[u32] {
        &self.value_start
    }

    /// The offsets of each holder's claims in the holder-grouped arrays (one more than holders).
    pub(crate) fn holder_starts(&self) -> &[u32] {
        &self.holder_start
    }

    /// The holder of each claim, in value-grouped order.
    pub(crate) fn value_claim_holders(&self) -> &[u32] {
        &self.value_claim_holder
    }

    /// `out[b] = x[b] + factor * Σ strength(a→b) * x[a]`: what each value receives from the
    /// values supporting it. `scratch` is overwritten.
    pub(crate) fn support_forward(&self, x: &mut [f64], factor: f64, scratch: &mut Vec<f64>) {
        // A factor of 0 adds nothing (and must not turn an infinite score into 0 * inf = NaN).
        if self.support.is_empty() || factor == 0.0 {
            return;
        }
        scratch.clear();
        scratch.extend_from_slice(x);
        for &(from, to, s) in &self.support {
            x[to as usize] += factor * s * scratch[from as usize];
        }
    }

    /// `out[a] = y[a] + Σ strength(a→b) * y[b]`: the transpose of
    /// [`support_forward`](Self::support_forward) (with factor 1), what a claim of `a` earns
    /// from the values it supports. `scratch` is overwritten.
    pub(crate) fn support_backward(&self, y: &mut [f64], scratch: &mut Vec<f64>) {
        if self.support.is_empty() {
            return;
        }
        scratch.clear();
        scratch.extend_from_slice(y);
        for &(from, to, s) in &self.support {
            y[from as usize] += s * scratch[to as usize];
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem() -> TruthProblem {
        let mut b = TruthProblemBuilder::new();
        let o = b.add_origin();
        let (h0, h1, h2) = (b.add_holder_in(o).unwrap(), b.add_holder(), b.add_holder_in(o).unwrap());
        let x = b.add_variable();
        let y = b.add_variable();
        let (a, c, d) = (b.add_value(x).unwrap(), b.add_value(y).unwrap(), b.add_value(x).unwrap());
        b.add_claim(h2, c).unwrap();
        b.add_claim(h0, a).unwrap();
        b.add_weighted_claim(h2, d, 0.5).unwrap();
        b.add_claim(h1, d).unwrap();
        b.add_claim(h0, c).unwrap();
        b.add_support(a, d, 0.25).unwrap();
        b.add_support(d, a, 0.5).unwrap();
        b.build()
    }

    #[test]
    fn claims_are_grouped_by_holder_in_insertion_order() {
        let p = problem();
        assert_eq!(p.holder_start, vec![0, 2, 3, 5]);
        assert_eq!(p.claim_value, vec![0, 1, 2, 1, 2]);
        assert_eq!(p.claim_weight, vec![1.0, 1.0, 1.0, 1.0, 0.5]);
        // Origin `o` (holders 0 and 2) makes two claims on x (a, d) and two on y (c, c).
        assert_eq!(p.claim_share, vec![2, 2, 1, 2, 2]);
        assert_eq!(p.variable_values, vec![0, 2, 1]);
        assert_eq!(p.values_of(VariableId(0)).collect::<Vec<_>>(), vec![ValueId(0), ValueId(2)]);
        assert_eq!(p.values_of(VariableId(9)).count(), 0);
        assert_eq!(p.claims_of(HolderId(7)).count(), 0);
        assert_eq!(p.origin_of(HolderId(1)), None);
        assert_eq!(p.origin_of(HolderId(2)), Some(OriginId(0)));
    }

    #[test]
    fn support_backward_is_the_transpose_of_forward() {
        let p = problem();
        let x = [0.3, 1.7, -2.0];
        let y = [1.1, 0.4, 2.5];
        let mut sx = x;
        p.support_forward(&mut sx, 1.0, &mut Vec::new());
        let mut sty = y;
        p.support_backward(&mut sty, &mut Vec::new());
        let dot = |u: &[f64], v: &[f64]| u.iter().zip(v).map(|(a, b)| a * b).sum::<f64>();
        assert!((dot(&sx, &y) - dot(&x, &sty)).abs() < 1e-12);
        // a (0) and d (2) exchange support; c (1) is untouched.
        assert_eq!(sx, [0.3 + 0.5 * -2.0, 1.7, -2.0 + 0.25 * 0.3]);
    }

    #[test]
    fn vote_weights_share_an_origin() {
        let p = problem();
        // Value-grouped order: a (h0), c (h0, h2), d (h1, h2).
        assert_eq!(p.value_start, vec![0, 1, 3, 5]);
        assert_eq!(p.value_claim_holder, vec![0, 0, 2, 1, 2]);
        assert_eq!(p.vote_weights(super::super::Voices::Holders), Some(vec![1.0, 1.0, 1.0, 1.0, 0.5]));
        assert_eq!(p.vote_weights(super::super::Voices::Origins), Some(vec![0.5, 0.5, 0.5, 1.0, 0.25]));
    }
}
