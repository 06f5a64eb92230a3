//! The RON file format: plain serde types, separate from the in-memory model.
//!
//! A data set is a directory of `.ron` files. Each file is one [`FileDoc`]: a parenthesised
//! struct with any of the sections `units`, `predicates`, `actors`, `sources`, `claims`,
//! `conflicts` and `defaults` (all optional; `defaults` in one file at most). Entities refer to each other by their `id` strings, across files;
//! ids are unique per kind across the whole directory. References are resolved, and every rule
//! checked, after all files are parsed, so every problem in the directory is reported at once.
//!
//! Dates are strings in the [`TimeSpec`](crate::TimeSpec) syntax (`"2022"`, `"2022-11-20"`,
//! `"2022-22"` for summer 2022, `"2019-03-20/.."`, `"2022~"`).

use serde::{Deserialize, Serialize};

use crate::model::{
    ActorKind, AffiliationKind, Amount, Cardinality, DerivationKind, Modality, Mode, Polarity, SourceKind, Stance,
};

fn is_default<T: Default + PartialEq>(value: &T) -> bool {
    *value == T::default()
}

/// One data file.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub(crate) struct FileDoc {
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) units: Vec<UnitDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) predicates: Vec<PredicateDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) actors: Vec<ActorDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) sources: Vec<SourceDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) claims: Vec<ClaimDoc>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub(crate) conflicts: Vec<ConflictDoc>,
    #[serde(skip_serializing_if = "is_default")]
    pub(crate) defaults: DefaultsDoc,
}

/// `defaults: (tolerance: Some(0.02))`: settings for the whole data set, declared in one file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DefaultsDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) tolerance: Option<f64>,
}

/// `(id: "EUR", dimension: "money", factor: 1.05, note: Some("..."))`: one unit is `factor`
/// base units of its dimension.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct UnitDoc {
    pub(crate) id: String,
    pub(crate) dimension: String,
    pub(crate) factor: f64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

/// The type of a predicate's object.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum ObjectTypeDoc {
    Actor,
    Quantity(String),
    Date,
    Text,
    Bool,
    Claim,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PredicateDoc {
    pub(crate) id: String,
    pub(crate) label: String,
    pub(crate) object: ObjectTypeDoc,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(crate) cardinality: Cardinality,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) excludes: Vec<String>,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(crate) rebuts: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) tolerance: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RoleDoc {
    pub(crate) title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) of: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) during: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct AffiliationDoc {
    pub(crate) kind: AffiliationKind,
    pub(crate) target: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) during: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ActorDoc {
    pub(crate) id: String,
    pub(crate) kind: ActorKind,
    pub(crate) name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) aliases: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) roles: Vec<RoleDoc>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) affiliations: Vec<AffiliationDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DerivationDoc {
    pub(crate) kind: DerivationKind,
    pub(crate) source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) by: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SourceDoc {
    pub(crate) id: String,
    pub(crate) kind: SourceKind,
    pub(crate) title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) outlet: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) authors: Vec<String>,
    pub(crate) language: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) published: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) url: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) derived_from: Vec<DerivationDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) enum ValueDoc {
    Actor(String),
    Quantity { amount: Amount, unit: String },
    Date(String),
    Text(String),
    Bool(bool),
    Claim(String),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RelayDoc {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) by: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) source: Option<String>,
    #[serde(default = "Mode::relay_default", skip_serializing_if = "Mode::is_relay_default")]
    pub(crate) mode: Mode,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimDoc {
    pub(crate) id: String,
    pub(crate) subject: String,
    pub(crate) predicate: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) qualifier: Option<String>,
    pub(crate) object: ValueDoc,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(crate) polarity: Polarity,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(crate) stance: Stance,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(crate) modality: Modality,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) about: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) said: Option<String>,
    pub(crate) said_by: String,
    #[serde(default, skip_serializing_if = "is_default")]
    pub(crate) mode: Mode,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) relayed_by: Vec<RelayDoc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) said_in: Option<String>,
    pub(crate) source: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub(crate) quote: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) unquoted: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ConflictDoc {
    pub(crate) id: String,
    pub(crate) claims: Vec<String>,
    pub(crate) note: String,
}
