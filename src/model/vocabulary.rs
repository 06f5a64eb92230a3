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

impl Unit {
    /// A unit of `dimension` worth `factor` base units, with no note.
    ///
    /// ```
    /// let eur = claimgraph::Unit::new("EUR", "money", 1.053).note("ECB reference rate, 2022");
    /// assert_eq!(eur.dimension, "money");
    /// ```
    pub fn new(key: impl Into<String>, dimension: impl Into<String>, factor: f64) -> Unit {
        Unit { key: key.into(), dimension: dimension.into(), factor, note: None }
    }

    /// With a note (where the factor comes from).
    pub fn note(mut self, note: impl Into<String>) -> Unit {
        self.note = Some(note.into());
        self
    }
}

/// Settings that hold for a whole data set, declared once in its files (`defaults: (...)`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Defaults {
    /// The relative difference tolerated between quantities of a predicate that declares no
    /// tolerance of its own. The default of this default is [`Defaults::TOLERANCE`] (5%).
    pub tolerance: f64,
}

impl Defaults {
    /// The tolerance of a data set that declares none: 0.05, a relative gap of 5%.
    pub const TOLERANCE: f64 = 0.05;
}

impl Default for Defaults {
    fn default() -> Defaults {
        Defaults { tolerance: Defaults::TOLERANCE }
    }
}

/// Where the tolerance applied to a predicate's quantities comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ToleranceOrigin {
    /// The predicate declares it.
    Predicate,
    /// The data set's `defaults` declare it.
    DataSet,
    /// Nothing declares one: [`Defaults::TOLERANCE`].
    Crate,
}

impl ToleranceOrigin {
    /// Words for explanations: "the predicate's", "the data set's default", "the built-in default".
    pub fn describe(self) -> &'static str {
        match self {
            ToleranceOrigin::Predicate => "the predicate's",
            ToleranceOrigin::DataSet => "the data set's default",
            ToleranceOrigin::Crate => "the built-in default",
        }
    }
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

impl Predicate {
    /// A multi-valued predicate with no exclusions, no rebuttal and no tolerance of its own.
    ///
    /// ```
    /// use claimgraph::{ObjectType, Predicate};
    /// let population = Predicate::new("population", "has a population of", ObjectType::Quantity("count".into()))
    ///     .single()
    ///     .tolerance(0.01);
    /// assert_eq!(population.tolerance, Some(0.01));
    /// ```
    pub fn new(key: impl Into<String>, label: impl Into<String>, object: ObjectType) -> Predicate {
        Predicate {
            key: key.into(),
            label: label.into(),
            object,
            cardinality: Cardinality::Multi,
            excludes: Vec::new(),
            rebuts: false,
            tolerance: None,
            note: None,
        }
    }

    /// Single-valued: different values contradict each other.
    pub fn single(mut self) -> Predicate {
        self.cardinality = Cardinality::Single;
        self
    }

    /// Excluding `other` for the same subject, qualifier and object.
    pub fn excludes(mut self, other: PredicateId) -> Predicate {
        self.excludes.push(other);
        self
    }

    /// A claim-valued predicate that contradicts the claim it is about (`denies`).
    pub fn rebuts(mut self) -> Predicate {
        self.rebuts = true;
        self
    }

    /// The relative difference tolerated between quantities.
    pub fn tolerance(mut self, tolerance: f64) -> Predicate {
        self.tolerance = Some(tolerance);
        self
    }

    /// With a note.
    pub fn note(mut self, note: impl Into<String>) -> Predicate {
        self.note = Some(note.into());
        self
    }
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
