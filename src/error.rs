//! Errors: one enum per concern.
//!
//! - [`GraphError`]: an edit of a [`ClaimGraph`](crate::ClaimGraph) through its API broke a rule.
//! - [`LoadError`]: a data directory has problems; it lists every [`Problem`] found, each with
//!   its file, line and column.
//! - [`SaveError`]: a data set could not be written.

use std::fmt;
use std::path::PathBuf;

use crate::time::TimeError;

/// The kinds of entity a data set holds, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EntityKind {
    /// A unit of measure.
    Unit,
    /// A predicate of the vocabulary.
    Predicate,
    /// An actor.
    Actor,
    /// A source.
    Source,
    /// A claim.
    Claim,
    /// An analyst-recorded conflict.
    Conflict,
}

impl fmt::Display for EntityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            EntityKind::Unit => "unit",
            EntityKind::Predicate => "predicate",
            EntityKind::Actor => "actor",
            EntityKind::Source => "source",
            EntityKind::Claim => "claim",
            EntityKind::Conflict => "conflict",
        })
    }
}

/// A rule an entity breaks, whether it came from a file or through the API.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum GraphError {
    /// Another entity of the same kind already has this key.
    #[error("duplicate {kind} id {key:?}")]
    DuplicateKey {
        /// The kind of entity.
        kind: EntityKind,
        /// The key used twice.
        key: String,
    },
    /// A reference names an entity the graph does not hold.
    #[error("dangling reference: no {kind} with id {key:?}")]
    DanglingReference {
        /// The kind of entity referred to.
        kind: EntityKind,
        /// The key or id referred to.
        key: String,
    },
    /// A claim uses a predicate the vocabulary does not declare.
    #[error("unknown predicate {key:?} (declare it in a `predicates` section)")]
    UnknownPredicate {
        /// The predicate named.
        key: String,
    },
    /// A quantity uses a unit the vocabulary does not declare.
    #[error("unknown unit {key:?} (declare it in a `units` section)")]
    UnknownUnit {
        /// The unit named.
        key: String,
    },
    /// A claim's object does not have the type its predicate declares.
    #[error("predicate {predicate:?} takes {expected}, but the object is {found}")]
    WrongValueType {
        /// The predicate.
        predicate: String,
        /// What the predicate takes.
        expected: String,
        /// What was given.
        found: String,
    },
    /// A date that cannot be read or cannot exist.
    #[error("{field}: {error}")]
    Date {
        /// The field that holds the date.
        field: &'static str,
        /// What is wrong with it.
        error: TimeError,
    },
    /// A source is declared a translation or republication of itself.
    #[error("source {key:?} is a {kind} itself")]
    SelfDerivation {
        /// The source.
        key: String,
        /// "translation of" or "republication of".
        kind: &'static str,
    },
    /// Any other rule: an empty quote, an inverted range, a conflict of fewer than two claims...
    #[error("{0}")]
    Invalid(String),
}

/// A position in a data file: path, and 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Location {
    /// The file.
    pub path: PathBuf,
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// What is wrong at a [`Location`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum ProblemKind {
    /// The file or directory could not be read.
    #[error("cannot read: {0}")]
    Io(String),
    /// The file is not valid RON for the data format.
    #[error("syntax error: {0}")]
    Syntax(String),
    /// An id declared twice; `first` is where it was declared first.
    #[error("duplicate {kind} id {key:?} (first declared at {first})")]
    DuplicateId {
        /// The kind of entity.
        kind: EntityKind,
        /// The id.
        key: String,
        /// The first declaration.
        first: Location,
    },
    /// An entity breaks a rule of the model.
    #[error(transparent)]
    Rule(#[from] GraphError),
    /// A cell of a table (a CSV file) cannot become part of a claim; the [`Location`] is the
    /// cell's line and character column.
    #[error("column {column}{}: {error}", header_suffix(.header))]
    Cell {
        /// The column, from 1.
        column: usize,
        /// The column's name in the header row, if the table has one.
        header: Option<String>,
        /// What is wrong with the cell.
        error: CellError,
    },
}

fn header_suffix(header: &Option<String>) -> String {
    header.as_ref().map(|h| format!(" {h:?}")).unwrap_or_default()
}

/// What is wrong with one cell of a table, in a [`ProblemKind::Cell`].
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum CellError {
    /// The cell is empty (or holds a value the mapping reads as missing), but the field it gives
    /// is required.
    #[error("empty cell, but the {field} is required")]
    Empty {
        /// The field the column gives (`subject`, `object`...).
        field: &'static str,
    },
    /// The row ends before this column: a ragged row.
    #[error("missing cell: the row has {found} cells, the table {expected}")]
    Missing {
        /// The cells a row of the table has.
        expected: usize,
        /// The cells this row has.
        found: usize,
    },
    /// The row goes on past the table's last column (this is its first extra cell): a ragged row.
    #[error("extra cell: the row has {found} cells, the table {expected}")]
    Extra {
        /// The cells a row of the table has.
        expected: usize,
        /// The cells this row has.
        found: usize,
    },
    /// A number that cannot be read.
    #[error("cannot read {0:?} as a number")]
    Number(String),
    /// A truth value that cannot be read.
    #[error("cannot read {0:?} as a truth value (true/false, yes/no, 1/0)")]
    Bool(String),
    /// A word a polarity or stance column does not know.
    #[error("unknown stance {text:?} (this column takes {expected})")]
    Stance {
        /// The cell's text.
        text: String,
        /// The words the column takes, for the message.
        expected: String,
    },
    /// The cell breaks a rule of the model: an unknown actor, source, predicate or unit, a value
    /// of the wrong type for the predicate, a malformed date, a duplicate claim id...
    #[error(transparent)]
    Rule(#[from] GraphError),
}

/// One problem found in a data set.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What is wrong.
    pub kind: ProblemKind,
}

/// A data set could not be loaded; holds every problem found, in file order.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadError {
    pub(crate) problems: Vec<Problem>,
}

impl LoadError {
    /// Every problem found, sorted by file, line and column.
    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.problems.len();
        write!(f, "the data set has {n} problem{}", if n == 1 { "" } else { "s" })?;
        for p in &self.problems {
            write!(f, "\n  {p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

/// A data set could not be written.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SaveError {
    /// A file could not be written; nothing was replaced.
    #[error("cannot write {path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        source: std::io::Error,
    },
    /// An entity could not be serialised.
    #[error("cannot serialise {path}: {message}")]
    Serialize {
        /// The file.
        path: PathBuf,
        /// The cause.
        message: String,
    },
}
