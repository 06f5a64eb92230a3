//! Typed identifiers.
//!
//! Every entity in a [`ClaimGraph`](crate::ClaimGraph) is named by a small copyable id. An id is
//! valid only in the graph that issued it; ids are never reused, even after removal, so a stale id
//! is reported as unknown rather than silently pointing at another entity.

use std::fmt;

macro_rules! typed_id {
    ($(#[$doc:meta])* $name:ident, $prefix:literal) => {
        $(#[$doc])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize, serde::Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub(crate) u32);

        impl $name {
            /// The dense position of this id in its graph (insertion order), for users who keep
            /// per-entity data in a `Vec`.
            pub fn index(self) -> usize {
                self.0 as usize
            }

            pub(crate) fn from_index(index: usize) -> Self {
                Self(u32::try_from(index).expect("more than u32::MAX entities of one kind"))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($prefix, "#{}"), self.0)
            }
        }
    };
}

typed_id!(
    /// Identifies an [`Actor`](crate::Actor): a person, state, organisation, outlet or any other
    /// named entity claims are about.
    ActorId,
    "actor"
);
typed_id!(
    /// Identifies a [`Source`](crate::Source): an article, interview, speech, translation...
    SourceId,
    "source"
);
typed_id!(
    /// Identifies a [`Claim`](crate::Claim).
    ClaimId,
    "claim"
);
typed_id!(
    /// Identifies a [`Predicate`](crate::Predicate) of the vocabulary.
    PredicateId,
    "predicate"
);
typed_id!(
    /// Identifies a [`Unit`](crate::Unit) of measure or currency.
    UnitId,
    "unit"
);
typed_id!(
    /// Identifies an analyst-recorded [`Conflict`](crate::Conflict) between claims.
    ConflictId,
    "conflict"
);
