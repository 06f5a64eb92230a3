use serde::{Deserialize, Serialize};

use crate::{ClaimId, PredicateId};

/// A unit of measure or a currency. One unit is `factor` base units of its dimension, so values
/// of one dimension compare after normalisation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    /// The id used in data files (`km`, `EUR`, `%`).
    pub key: String,
    /// The dimension (`length`, `money`, `count`, `ratio`).
    pub dimension: String,
    /// How many base units of the dimension one of this unit is.
    pub factor: f64,
    /// Where the factor comes from (an exchange rate's date and source).
    pub note: Option<String>,
}

/// How many objects a predicate admits for one subject (and qualifier) at one time.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Cardinality {
    /// At most one value at a time: different values contradict each other.
    Single,
    /// Any number of values.
    #[default]
    Multi,
}

/// The type of a predicate's object.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ObjectType {
    /// An actor.
    Actor,
    /// A quantity of the given dimension.
    Quantity(String),
    /// A date.
    Date,
    /// A text.
    Text,
    /// A truth value.
    Bool,
    /// Another claim.
    Claim,
}

impl ObjectType {
    /// A short name for messages.
    pub fn describe(&self) -> String {
        match self {
            ObjectType::Actor => "an actor".to_owned(),
            ObjectType::Quantity(d) => format!("a quantity of dimension {d:?}"),
            ObjectType::Date => "a date".to_owned(),
            ObjectType::Text => "a text".to_owned(),
            ObjectType::Bool => "a boolean".to_owned(),
            ObjectType::Claim => "a claim".to_owned(),
        }
    }
}

/// A predicate of the vocabulary: what a claim can say about its subject.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Predicate {
    /// The id used in data files.
    pub key: String,
    /// A human label ("shares a border of length").
    pub label: String,
    /// The type its objects must have.
    pub object: ObjectType,
    /// Single- or multi-valued.
    pub cardinality: Cardinality,
    /// Predicates that cannot hold together with this one for the same subject, qualifier and
    /// object (declared on either side; the relation is symmetric).
    pub excludes: Vec<PredicateId>,
    /// For claim-valued predicates: whether a claim with this predicate contradicts the claim it
    /// is about (a denial or rebuttal).
    pub rebuts: bool,
    /// For quantities: the relative difference tolerated before values disagree.
    pub tolerance: Option<f64>,
    /// A free-text note.
    pub note: Option<String>,
}

/// A contradiction an analyst records explicitly between claims.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// The id used in data files.
    pub key: String,
    /// The claims that cannot all hold (two or more).
    pub claims: Vec<ClaimId>,
    /// Why they conflict.
    pub note: String,
}
