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
    /// The file is not UTF-8: the location is that of the first byte that cannot be read.
    #[error("not UTF-8: byte {byte:#04x} cannot start or continue a character here")]
    NotUtf8 {
        /// The offending byte.
        byte: u8,
    },
    /// The data file's name cannot be a data file's name (the graph saves entities back to the
    /// file they came from): it must be a plain `.ron` name, without directory part.
    #[error("{0}")]
    FileName(String),
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
///
/// Its `Display` is one line, `file:line:column: what is wrong`; [`render`](Problem::render)
/// adds the offending line of the file with a caret under the column.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{location}: {kind}")]
pub struct Problem {
    /// Where it is.
    pub location: Location,
    /// What is wrong.
    pub kind: ProblemKind,
    /// The line of the file at the location, for [`render`](Problem::render).
    pub(crate) excerpt: Option<Excerpt>,
}

/// The part of a source line shown under a problem: at most [`Excerpt::WIDTH`] characters around
/// the column, so that a problem on a line of megabytes stays small.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Excerpt {
    /// The text shown, `...` marking a cut.
    text: String,
    /// Where the caret goes in `text`, in characters from 0.
    caret: usize,
}

impl Excerpt {
    /// How many characters of a line are shown at most (plus the cut marks).
    const WIDTH: usize = 100;

    /// The excerpt of `line` of a text at `column`, if the text has that place.
    pub(crate) fn of(lines: &crate::io::Lines<'_>, line: usize, column: usize) -> Option<Excerpt> {
        let full = lines.line(line)?;
        let start = lines.offset(line, 1)?;
        let at = lines.offset(line, column).map_or(full.len(), |o| o - start).min(full.len());
        // Up to half the width before the column, the rest after it; always whole characters.
        let before: usize = full[..at].chars().rev().take(Self::WIDTH / 2).map(char::len_utf8).sum();
        let from = at - before;
        let after: usize = full[from..].chars().take(Self::WIDTH).map(char::len_utf8).sum();
        let to = from + after;
        let mut text = String::new();
        if from > 0 {
            text.push_str("...");
        }
        let caret = text.chars().count() + full[from..at].chars().count();
        text.push_str(&full[from..to]);
        if to < full.len() {
            text.push_str("...");
        }
        Some(Excerpt { text, caret })
    }
}

impl Problem {
    pub(crate) fn new(location: Location, kind: ProblemKind) -> Problem {
        Problem { location, kind, excerpt: None }
    }

    /// The problem, then the offending line of the file (cut around the column when long) with
    /// a caret under the column:
    ///
    /// ```text
    /// bad.ron:2:12: dangling reference: no actor with id "nobody"
    ///     2 | (id: "c1", subject: "nobody", predicate: "says", object: Text("x"),
    ///       |                     ^
    /// ```
    ///
    /// Without a line to show (an unreadable file), it is the one line of `Display`.
    ///
    /// ```
    /// let err = claimgraph::load_str("bad.ron", "(actors: [\n  (id: \"x\", kind: Persn, name: \"X\"),\n])").unwrap_err();
    /// let shown = err.problems()[0].render();
    /// assert!(shown.contains("2 |   (id: \"x\", kind: Persn, name: \"X\"),"), "{shown}");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn render(&self) -> String {
        let mut out = self.to_string();
        if let Some(excerpt) = &self.excerpt {
            let number = self.location.line.to_string();
            let pad = " ".repeat(number.len());
            // Tabs are kept under the text so the caret lines up with what a terminal shows.
            let marker: String =
                excerpt.text.chars().take(excerpt.caret).map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
            out.push_str(&format!("\n    {number} | {}\n    {pad} | {marker}^", excerpt.text));
        }
        out
    }
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

    /// Every problem [rendered](Problem::render) with its source line, one after the other.
    pub fn render(&self) -> String {
        let n = self.problems.len();
        let mut out = format!("the data set has {n} problem{}", if n == 1 { "" } else { "s" });
        for p in &self.problems {
            out.push_str("\n\n");
            out.push_str(&p.render());
        }
        out
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
    /// A data file's name cannot be saved as it is (it would land outside the directory, be
    /// ignored when loading, or be too long); see [`ProblemKind::FileName`].
    #[error("cannot save to {name:?}: {reason}")]
    InvalidName {
        /// The file name the graph holds.
        name: String,
        /// Why it cannot be used.
        reason: String,
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
