//! Truth discovery: who to trust, and which value of each variable to believe, from who claims
//! what.
//!
//! The input is a [`TruthProblem`], independent of any graph: *holders* (the "sources" of the
//! truth-discovery literature: whoever takes a stance), *variables* (questions with mutually
//! exclusive answers; in claimgraph, proposition groups), the *values* of each variable (ids, so a
//! value may be a name, a date or a class of figures), and *claims*: holder `h` says variable `x`
//! has value `a`. Build one with [`TruthProblemBuilder`]; run any algorithm on it; read a
//! [`TruthResult`]: trust per holder, belief per value, the winning value of each variable, the
//! number of iterations and whether they converged.
//!
//! | algorithm | from | trust is | belief is |
//! |---|---|---|---|
//! | [`MajorityVote`] | baseline | 1 | votes / most votes |
//! | [`Sums`] | Kleinberg; Pasternack & Roth 2010 | Σ beliefs claimed | Σ trust of claimers |
//! | [`AverageLog`] | Pasternack & Roth 2010 | mean belief × ln(claims) | as Sums |
//! | [`Investment`] | Pasternack & Roth 2010 | returns on trust invested | (invested)^g |
//! | [`PooledInvestment`] | Pasternack & Roth 2010 | as Investment | invested, grown and shared per variable |
//! | [`TruthFinder`] | Yin, Han & Yu 2008 | mean confidence of claims | 1 − P(all claimers wrong), dampened |
//!
//! Every algorithm is a value holding its options, set by chained methods
//! (`Investment::new().g(1.2).stop(Stop::Fixed(20))`), and runs with `run(&problem)`; the
//! [`TruthDiscovery`] trait runs any of them. Iterative algorithms stop by a [`Stop`] rule: a
//! fixed number of iterations, or until the [`Distance`] between successive trust vectors falls
//! below a threshold (with a maximum number of iterations). Each iteration is one pass over the
//! claims, one over the values and one over the support pairs: O(claims + values + support), no
//! dense matrix.
//!
//! # Examples
//!
//! Three outlets give the death toll of an event; two of them are a wire story and its
//! republication, so they are one voice.
//!
//! ```
//! use claimgraph::trust::{MajorityVote, Sums, TruthDiscovery, TruthProblemBuilder, Voices};
//!
//! let mut b = TruthProblemBuilder::new();
//! let wire = b.add_origin();
//! let agency = b.add_holder_in(wire)?;
//! let reprint = b.add_holder_in(wire)?;
//! let (local, witness) = (b.add_holder(), b.add_holder());
//! let toll = b.add_variable();
//! let (twelve, forty) = (b.add_value(toll)?, b.add_value(toll)?);
//! b.add_claim(agency, forty)?;
//! b.add_claim(reprint, forty)?;
//! b.add_claim(local, twelve)?;
//! b.add_claim(witness, twelve)?;
//! let problem = b.build();
//!
//! // Counted by holder, 40 and 12 tie (the lower id wins ties); by origin, 12 has two voices.
//! let tie = MajorityVote::new().run(&problem)?;
//! assert_eq!(tie.belief(twelve), tie.belief(forty));
//! let by_origin = MajorityVote::new().voices(Voices::Origins).run(&problem)?;
//! assert_eq!(by_origin.winner(toll), Some(twelve));
//! assert_eq!(by_origin.belief(forty), 0.5);
//!
//! // Any algorithm through the trait.
//! let algorithms: [&dyn TruthDiscovery; 2] = [&MajorityVote::new(), &Sums::new()];
//! for algorithm in algorithms {
//!     assert_eq!(algorithm.run(&problem)?.trusts().len(), 4);
//! }
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```
//!
//! # Claim weights
//!
//! A claim has a weight, 1 unless given with [`TruthProblemBuilder::add_weighted_claim`] (a
//! finite number > 0; a claim relayed through hedged hops may weigh less). Each algorithm reads a
//! claim's weight where the unweighted algorithm reads 1 for a holder–claim edge: in the votes,
//! pools and confidence scores a value receives (the *vote weight* `v(c)`, see below), and in
//! what a holder earns back from its claims (`w(c)`): the sums of Sums and AverageLog, the
//! returns of Investment and PooledInvestment, and TruthFinder's average, which becomes a
//! weighted average. Counts of claims (AverageLog's `ln n / n`, the equal stakes of Investment)
//! count claims whatever their weight.
//!
//! # Voices
//!
//! Holders may be grouped into *origins* ([`TruthProblemBuilder::add_origin`],
//! [`add_holder_in`](TruthProblemBuilder::add_holder_in),
//! [`set_origin`](TruthProblemBuilder::set_origin)): reports that share an origin, such as the
//! outlets that republish one wire story, or the people quoting one spokesman. With
//! [`Voices::Origins`], the provenance-aware mode, a claim's vote weight is its weight divided by
//! the number of claims that the holders of its origin make on its variable, so an origin weighs
//! on each variable as one holder would, however many holders echo it. A holder's trust is still
//! earned from its claims at their own weight `w(c)`. With [`Voices::Holders`] (the default) the
//! vote weight is the claim's weight. A holder placed in no origin is an origin of its own.
//!
//! # Support between values
//!
//! [`TruthProblemBuilder::add_support`] states that a claim of value `a` of a variable also
//! supports value `b` of the same variable, with a strength in (0, 1] (two figures within the
//! predicate's tolerance, a date inside a wider one). Support is directed. It is used so:
//!
//! - [`MajorityVote`], [`Sums`], [`AverageLog`], [`Investment`], [`PooledInvestment`]:
//!   compatible values share votes. Whatever a value receives from its claims (votes, trust,
//!   stakes) it also passes on, times the strength, to each value it supports; and a claim of
//!   `a` earns back from each value `a` supports, times the strength, as if it had claimed it.
//!   In matrix terms the holder–value matrix `A` becomes `A (I + S)`, with `S[a][b]` the
//!   strength of `a→b`.
//! - [`TruthFinder`]: the paper's implication, `σ*(b) = σ(b) + ρ Σ imp(a→b) σ(a)`, with the
//!   strength as `imp` (so only positive implication), scaled by the influence `ρ`.
//!
//! # From a claim graph
//!
//! [`GraphProblem::build`] reads a [`ClaimGraph`](crate::ClaimGraph) as a problem (speakers or
//! sources as holders, proposition groups as variables, only stances voting) and
//! [`trust_report`] maps a run back to speakers, sources, claims and proposition groups, with
//! explanations; its provenance-aware mode groups holders by origin and weighs relayed claims by
//! their attribution chains. See [`GraphOptions`].
//!
//! # Conformance
//!
//! Without weights, origins and support, and with their default options, the six algorithms
//! reproduce the outputs of the Python `truthdiscovery` 1.0.4 library (its regression vectors are
//! in `tests/data/truthdiscovery/`) to 1e-6; TruthFinder with the library's implication as
//! support. The differences in corner cases are documented with each algorithm.

mod average_log;
mod graph;
mod investment;
mod kernel;
mod majority;
mod options;
mod pooled_investment;
mod problem;
mod record;
mod result;
mod sums;
mod truth_finder;

pub use average_log::AverageLog;
pub use graph::{
    Decision, GraphOptions, GraphProblem, GraphValue, HEDGED_HOP, Holder, HolderKind, HolderVote, INSERTED,
    TrustReport, ValueVerdict, algorithms, trust_report,
};
pub use investment::Investment;
pub use majority::MajorityVote;
pub use options::{Distance, Stop, Voices};
pub use pooled_investment::PooledInvestment;
pub use problem::{HolderId, OriginId, TrustError, TruthProblem, TruthProblemBuilder, ValueId, VariableId};
pub use record::{DecisionRecord, HolderRecord, TrustRecord, ValueRecord, VoteRecord};
pub use result::TruthResult;
pub use sums::Sums;
pub use truth_finder::TruthFinder;

/// A truth-discovery algorithm: what [`MajorityVote`], [`Sums`], [`AverageLog`],
/// [`Investment`], [`PooledInvestment`] and [`TruthFinder`] have in common, to run any of them.
pub trait TruthDiscovery: std::fmt::Debug {
    /// The algorithm's name, as in the literature (`"Sums"`, `"TruthFinder"`).
    fn name(&self) -> &'static str;

    /// Runs the algorithm on `problem`. Fails only if an option is out of its domain.
    fn run(&self, problem: &TruthProblem) -> Result<TruthResult, TrustError>;
}
