//! Importing claims from tables: CSV (or tab-separated) files, one claim per row.
//!
//! A [`Mapping`] says which column gives which field of a claim (or a fixed value for a field
//! that has no column), how the file is laid out (delimiter, header row or not, quoting), and
//! what to do with entities the rows name but the graph lacks: create them (actors and sources of
//! a given kind, predicates of a given object type) or refuse them. [`import_csv`] reads a file
//! into an existing [`ClaimGraph`]; [`import_csv_str`] and [`import_csv_reader`] read text and
//! readers.
//!
//! The import is all or nothing: every row is read and checked before anything is added, and if
//! any row is bad the graph is left unchanged and the [`LoadError`] lists every problem, each
//! with its line and character column and, for a cell, the column's 1-based number and header
//! name ([`ProblemKind::Cell`]). Rows are never dropped silently: the only rows not imported are
//! those the mapping asks to skip ([`WhenEmpty::SkipRow`]), and the [`ImportReport`] lists them.
//!
//! Claims from a table have no verbatim quote unless the mapping names a quote column: they are
//! [unquoted](crate::Claim::unquoted) with the mapping's reason, "from a table" by default.
//!
//! ```
//! use claimgraph::table::{ActorField, Column, Field, Mapping, Object, SourceField, import_csv_str};
//! use claimgraph::{ActorKind, ClaimGraph, ObjectType, Polarity, Predicate, SourceKind, Stance};
//!
//! let mut graph = ClaimGraph::new();
//! graph.add_predicate(Predicate::new("capital", "has the capital", ObjectType::Text).single())?;
//! let csv = "\
//! country,capital,stance,outlet
//! kz,Astana,assert,agency_a
//! kz,Nur-Sultan,carry,agency_b
//! kz,Almaty,deny,agency_b
//! ";
//! let mapping = Mapping::builder()
//!     .subject(ActorField::new(Column::named("country")).create(ActorKind::State))
//!     .predicate(Field::fixed("capital"))
//!     .object(Object::text(Column::named("capital")))
//!     .stance(Column::named("stance"))
//!     .speaker(ActorField::new(Column::named("outlet")).create(ActorKind::MediaOutlet))
//!     .source(SourceField::new(Column::named("outlet")).create(SourceKind::Article))
//!     .build()?;
//! let report = import_csv_str(&mut graph, "capitals.csv", csv, &mapping)?;
//! assert_eq!((report.rows, report.claims.len(), report.actors.len()), (3, 3, 3));
//!
//! let second = graph.claim(graph.claim_id("capitals_3").unwrap()).unwrap();
//! assert_eq!(second.stance(), Stance::Carried);
//! assert_eq!(second.unquoted(), Some("from a table"));
//! let third = graph.claim(report.claims[2]).unwrap();
//! assert_eq!(third.polarity(), Polarity::Denied);
//!
//! // A bad row names its line, its column and what is wrong.
//! let err = import_csv_str(&mut graph, "more.csv", "country,capital,stance,outlet\n,Astana,assert,x\n", &mapping)
//!     .unwrap_err();
//! assert_eq!(err.problems()[0].to_string(), r#"more.csv:2:1: column 1 "country": empty cell, but the subject is required"#);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;

use indexmap::{IndexMap, IndexSet};

use crate::error::{CellError, EntityKind, GraphError, LoadError, Location, Problem, ProblemKind};
use crate::model::{
    Actor, ActorKind, Amount, Cardinality, Claim, Modality, Mode, ObjectType, Polarity, Predicate, Quantity, Source,
    SourceKind, Stance, Value,
};
use crate::{ActorId, ClaimGraph, ClaimId, PredicateId, SourceId, TimeSpec, UnitId};

// ----- the mapping ----------------------------------------------------------------------------

/// A column of a table: by its name in the header row, or by its number.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Column {
    /// The column whose header cell holds this name (surrounding spaces ignored).
    Named(String),
    /// The column with this number, from 1 (as spreadsheets and error messages count).
    Number(usize),
}

impl Column {
    /// The column whose header cell holds `name`.
    pub fn named(name: impl Into<String>) -> Column {
        Column::Named(name.into())
    }

    /// The column numbered `number`, from 1.
    pub fn number(number: usize) -> Column {
        Column::Number(number)
    }
}

/// Where a field of each row's claim comes from: a column, or one value for the whole table.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Field {
    /// The row's cell in this column.
    Column(Column),
    /// This value, for every row.
    Fixed(String),
}

impl Field {
    /// The row's cell in `column`.
    pub fn column(column: Column) -> Field {
        Field::Column(column)
    }

    /// `value` for every row (one predicate for the whole file, one speaker...).
    pub fn fixed(value: impl Into<String>) -> Field {
        Field::Fixed(value.into())
    }
}

impl From<Column> for Field {
    fn from(column: Column) -> Field {
        Field::Column(column)
    }
}

/// An actor a row names by its key (subject, qualifier, actor object, speaker, outlet), and what
/// to do when the graph has no actor with that key.
#[derive(Clone, Debug, PartialEq)]
pub struct ActorField {
    field: Field,
    create: Option<ActorKind>,
    named_by: Option<Column>,
}

impl ActorField {
    /// The actor whose key `field` gives; an unknown key is an error unless [`ActorField::create`]
    /// says to create it.
    pub fn new(field: impl Into<Field>) -> ActorField {
        ActorField { field: field.into(), create: None, named_by: None }
    }

    /// Creates the actors the graph lacks, of this kind, keyed and named by the key in the cell.
    ///
    /// An actor is created once, by the first field that names it, in row order and within a
    /// row in the order subject, qualifier, object, speaker, outlet; the other fields (creating
    /// or not) then find it.
    pub fn create(mut self, kind: ActorKind) -> ActorField {
        self.create = Some(kind);
        self
    }

    /// Names the actors this field creates by this column (a title, a full name) rather than by
    /// their key: the name in the first row that names the actor, the key if that cell is empty.
    pub fn named_by(mut self, column: Column) -> ActorField {
        self.named_by = Some(column);
        self
    }
}

impl From<Field> for ActorField {
    fn from(field: Field) -> ActorField {
        ActorField::new(field)
    }
}

impl From<Column> for ActorField {
    fn from(column: Column) -> ActorField {
        ActorField::new(column)
    }
}

/// The source a row's claim was read in, by its key, and what to do when the graph lacks it.
#[derive(Clone, Debug, PartialEq)]
pub struct SourceField {
    field: Field,
    create: Option<SourceKind>,
    language: String,
}

impl SourceField {
    /// The source whose key `field` gives; an unknown key is an error unless
    /// [`SourceField::create`] says to create it.
    pub fn new(field: impl Into<Field>) -> SourceField {
        SourceField { field: field.into(), create: None, language: "und".to_owned() }
    }

    /// Creates the sources the graph lacks, of this kind, keyed and titled by the key in the
    /// cell, published by the row's [outlet](MappingBuilder::outlet) if the mapping names one.
    pub fn create(mut self, kind: SourceKind) -> SourceField {
        self.create = Some(kind);
        self
    }

    /// The language of the sources this field creates (ISO 639-1: `en`, `fr`); `und`
    /// (undetermined) if not given.
    pub fn language(mut self, language: impl Into<String>) -> SourceField {
        self.language = language.into();
        self
    }
}

impl From<Field> for SourceField {
    fn from(field: Field) -> SourceField {
        SourceField::new(field)
    }
}

impl From<Column> for SourceField {
    fn from(column: Column) -> SourceField {
        SourceField::new(column)
    }
}

/// How a row gives its claim's object, and as what type.
#[derive(Clone, Debug, PartialEq)]
pub enum Object {
    /// An actor, by key.
    Actor(ActorField),
    /// A text, as written.
    Text(Field),
    /// A date (`2022-11-20`, `2022-11`, `2022~`, `2019/2022`: the format's dates).
    Date(Field),
    /// A truth value: `true`/`false`, `yes`/`no`, `1`/`0`.
    Bool(Field),
    /// A number with its unit (the key of a unit the graph declares). The number is exact
    /// (`6846`), or `~x` (about), `a..b` (a range), `>=x`, `>x`, `<=x`, `<x` (bounds).
    Amount {
        /// The number.
        number: Field,
        /// The unit.
        unit: Field,
    },
}

impl Object {
    /// An actor object, by key.
    pub fn actor(field: impl Into<ActorField>) -> Object {
        Object::Actor(field.into())
    }
    /// A text object.
    pub fn text(field: impl Into<Field>) -> Object {
        Object::Text(field.into())
    }
    /// A date object.
    pub fn date(field: impl Into<Field>) -> Object {
        Object::Date(field.into())
    }
    /// A truth-value object.
    pub fn bool(field: impl Into<Field>) -> Object {
        Object::Bool(field.into())
    }
    /// A quantity: a number and a unit (a column of unit keys, or [`Field::fixed`] for one unit).
    pub fn amount(number: impl Into<Field>, unit: impl Into<Field>) -> Object {
        Object::Amount { number: number.into(), unit: unit.into() }
    }
}

/// The words a polarity or stance column takes, and what each says: the row asserts the claim,
/// denies it, or only carries it ([`Stance::Carried`]). Words are compared ignoring case and
/// surrounding spaces.
#[derive(Clone, Debug, PartialEq)]
pub struct StanceWords {
    words: Vec<(String, Polarity, Stance)>,
}

impl StanceWords {
    /// No words yet: add them with [`StanceWords::assert`], [`StanceWords::deny`] and
    /// [`StanceWords::carry`].
    ///
    /// ```
    /// // A rumour-stance corpus: observers and commenters only carry the rumour.
    /// let words = claimgraph::table::StanceWords::new()
    ///     .assert("supporting")
    ///     .deny("denying")
    ///     .carry("observing")
    ///     .carry("commenting");
    /// ```
    pub fn new() -> StanceWords {
        StanceWords { words: Vec::new() }
    }

    /// The words of a polarity column: `affirmed`, `true`, `yes` assert; `denied`, `false`, `no`
    /// deny.
    pub fn polarity() -> StanceWords {
        let mut w = StanceWords::new();
        for a in ["affirmed", "affirms", "affirm", "true", "yes"] {
            w = w.assert(a);
        }
        for d in ["denied", "denies", "deny", "false", "no"] {
            w = w.deny(d);
        }
        w
    }

    /// The words of a stance column: `assert`, `deny`, `carry` (and `asserts`, `asserted`,
    /// `denies`, `denied`, `carries`, `carried`).
    pub fn stance() -> StanceWords {
        let mut w = StanceWords::new();
        for a in ["assert", "asserts", "asserted"] {
            w = w.assert(a);
        }
        for d in ["deny", "denies", "denied"] {
            w = w.deny(d);
        }
        for c in ["carry", "carries", "carried"] {
            w = w.carry(c);
        }
        w
    }

    /// `word` means the row's speaker asserts the claim.
    pub fn assert(self, word: impl Into<String>) -> StanceWords {
        self.with(word, Polarity::Affirmed, Stance::Own)
    }

    /// `word` means the row's speaker denies the claim.
    pub fn deny(self, word: impl Into<String>) -> StanceWords {
        self.with(word, Polarity::Denied, Stance::Own)
    }

    /// `word` means the row's source only carries the claim, taking no side.
    pub fn carry(self, word: impl Into<String>) -> StanceWords {
        self.with(word, Polarity::Affirmed, Stance::Carried)
    }

    fn with(mut self, word: impl Into<String>, polarity: Polarity, stance: Stance) -> StanceWords {
        let word = word.into().trim().to_lowercase();
        self.words.retain(|(w, ..)| *w != word);
        self.words.push((word, polarity, stance));
        self
    }

    fn read(&self, cell: &str) -> Option<(Polarity, Stance)> {
        let cell = cell.to_lowercase();
        self.words.iter().find(|(w, ..)| *w == cell).map(|&(_, p, s)| (p, s))
    }

    fn describe(&self) -> String {
        let list: Vec<&str> = self.words.iter().map(|(w, ..)| w.as_str()).collect();
        list.join(", ")
    }
}

impl Default for StanceWords {
    fn default() -> StanceWords {
        StanceWords::new()
    }
}

/// Whether the first row of a table names its columns.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Headers {
    /// The first row names the columns; columns may be given by name.
    #[default]
    Present,
    /// Every row is data; columns are given by number.
    Absent,
}

/// How double quotes in cells are read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Quoting {
    /// A cell that starts with `"` runs to the matching `"` and may hold delimiters, line breaks
    /// and doubled quotes (`""`), as RFC 4180 says; a quote inside a cell is kept as written.
    #[default]
    Standard,
    /// Quotes are ordinary characters (common in tab-separated files).
    None,
}

/// What a row whose object cell is empty does.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum WhenEmpty {
    /// It is an error, reported like any other.
    #[default]
    Refuse,
    /// The row is not imported, and the [`ImportReport`] lists it in `skipped`: a row with no
    /// value says nothing.
    SkipRow,
}

/// Whose polarity and stance a row's claim takes.
#[derive(Clone, Debug, PartialEq)]
enum StanceSpec {
    Fixed(Polarity, Stance),
    Column(Column, StanceWords),
}

/// Which column gives which field of a claim, how the table is laid out, and what to do with the
/// entities the rows name that the graph lacks. Built with [`Mapping::builder`].
///
/// A table with a header row has as many columns as its header; one without has as many as its
/// first row. A row with fewer or more cells is reported (a ragged row).
///
/// A field with a column takes each row's cell in it, with surrounding spaces removed; a cell
/// equal to one of the [missing values](MappingBuilder::missing_values) counts as empty. Optional
/// fields (qualifier, outlet, time scope, date said, quote, note) are absent in a row whose cell
/// is empty; an empty required cell is an error.
#[derive(Clone, Debug, PartialEq)]
pub struct Mapping {
    headers: Headers,
    delimiter: u8,
    quoting: Quoting,
    key: Option<Field>,
    key_prefix: Option<String>,
    subject: ActorField,
    predicate: Field,
    create_predicates: Option<(ObjectType, Cardinality)>,
    qualifier: Option<ActorField>,
    object: Object,
    when_object_empty: WhenEmpty,
    stance: StanceSpec,
    modality: Modality,
    mode: Mode,
    speaker: ActorField,
    source: SourceField,
    outlet: Option<ActorField>,
    about: Option<Field>,
    said: Option<Field>,
    quote: Option<Column>,
    unquoted: String,
    note: Option<Field>,
    missing: Vec<String>,
}

impl Mapping {
    /// A builder: give at least the subject, predicate, object, speaker and source.
    pub fn builder() -> MappingBuilder {
        MappingBuilder::default()
    }
}

/// Builds a [`Mapping`]; created by [`Mapping::builder`].
///
/// Every row gives one claim: subject, predicate, object, speaker and source are required (a
/// column or a fixed value each); the rest is optional. By default the table is comma-separated
/// with a header row and standard quoting; claims are affirmed, the speaker's own stance,
/// asserted, in the source's own voice, keyed by the file's stem and the row's line
/// (`book_12`), and unquoted "from a table".
#[derive(Clone, Debug, Default)]
pub struct MappingBuilder {
    headers: Headers,
    delimiter: Option<u8>,
    quoting: Quoting,
    key: Option<Field>,
    key_prefix: Option<String>,
    subject: Option<ActorField>,
    predicate: Option<Field>,
    create_predicates: Option<(ObjectType, Cardinality)>,
    qualifier: Option<ActorField>,
    object: Option<Object>,
    when_object_empty: WhenEmpty,
    stance: Option<StanceSpec>,
    modality: Modality,
    mode: Mode,
    speaker: Option<ActorField>,
    source: Option<SourceField>,
    outlet: Option<ActorField>,
    about: Option<Field>,
    said: Option<Field>,
    quote: Option<Column>,
    unquoted: Option<String>,
    note: Option<Field>,
    missing: Vec<String>,
}

/// A [`MappingBuilder`] that cannot make a [`Mapping`].
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MappingError {
    /// A required field has neither a column nor a fixed value.
    #[error("the mapping needs a {0} (a column or a fixed value)")]
    Missing(&'static str),
    /// A column is named, but the table has no header row to name it.
    #[error("column {0:?} is given by name, but the table has no header row: give it by number")]
    NamedWithoutHeaders(String),
    /// Column numbers start at 1.
    #[error("column numbers start at 1, not 0")]
    ColumnZero,
    /// The delimiter is a quote or a line break.
    #[error("{0:?} cannot be a delimiter")]
    Delimiter(char),
    /// The reason given for claims without a quote is empty.
    #[error("the reason for claims without a quote cannot be empty")]
    EmptyReason,
    /// A fixed value is empty: a field with no value is given by no column and no fixed value.
    #[error("a fixed value cannot be empty")]
    EmptyFixed,
}

impl MappingBuilder {
    /// Whether the first row names the columns ([`Headers::Present`], the default).
    pub fn headers(mut self, headers: Headers) -> Self {
        self.headers = headers;
        self
    }

    /// The byte between cells: `b','` (the default), `b'\t'`, `b';'`...
    pub fn delimiter(mut self, delimiter: u8) -> Self {
        self.delimiter = Some(delimiter);
        self
    }

    /// How double quotes are read ([`Quoting::Standard`], the default).
    pub fn quoting(mut self, quoting: Quoting) -> Self {
        self.quoting = quoting;
        self
    }

    /// The claims' ids: each row's cell in this column (or a fixed id, for a one-row table),
    /// instead of the generated `<prefix>_<line>`.
    pub fn key(mut self, key: impl Into<Field>) -> Self {
        self.key = Some(key.into());
        self
    }

    /// The prefix of generated claim ids, `<prefix>_<line>`: the file's stem if not given.
    pub fn key_prefix(mut self, prefix: impl Into<String>) -> Self {
        self.key_prefix = Some(prefix.into());
        self
    }

    /// What the claim is about: an actor, by key.
    pub fn subject(mut self, subject: impl Into<ActorField>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    /// The predicate, by key. It must be in the graph, unless
    /// [`MappingBuilder::create_predicates`] says to create it.
    pub fn predicate(mut self, predicate: impl Into<Field>) -> Self {
        self.predicate = Some(predicate.into());
        self
    }

    /// Creates the predicates the graph lacks, with this object type and cardinality, labelled
    /// by their key.
    pub fn create_predicates(mut self, object: ObjectType, cardinality: Cardinality) -> Self {
        self.create_predicates = Some((object, cardinality));
        self
    }

    /// The qualifier ("border length *with Russia*"), an actor by key; optional per row.
    pub fn qualifier(mut self, qualifier: impl Into<ActorField>) -> Self {
        self.qualifier = Some(qualifier.into());
        self
    }

    /// The object, and its type: it must be the type the predicate takes.
    pub fn object(mut self, object: Object) -> Self {
        self.object = Some(object);
        self
    }

    /// What a row whose object cell is empty does ([`WhenEmpty::Refuse`], the default).
    pub fn when_object_empty(mut self, when: WhenEmpty) -> Self {
        self.when_object_empty = when;
        self
    }

    /// A polarity column, with the words of [`StanceWords::polarity`] (`affirmed`/`denied`,
    /// `true`/`false`, `yes`/`no`).
    pub fn polarity(self, column: Column) -> Self {
        self.stance_words(column, StanceWords::polarity())
    }

    /// A stance column, with the words of [`StanceWords::stance`] (`assert`, `deny`, `carry`).
    pub fn stance(self, column: Column) -> Self {
        self.stance_words(column, StanceWords::stance())
    }

    /// A polarity or stance column with words of your own.
    pub fn stance_words(mut self, column: Column, words: StanceWords) -> Self {
        self.stance = Some(StanceSpec::Column(column, words));
        self
    }

    /// Every row's claim is denied (replacing a polarity or stance column).
    pub fn denied(mut self) -> Self {
        let stance = match self.stance {
            Some(StanceSpec::Fixed(_, s)) => s,
            _ => Stance::Own,
        };
        self.stance = Some(StanceSpec::Fixed(Polarity::Denied, stance));
        self
    }

    /// Every row's claim is carried without endorsement (replacing a polarity or stance column).
    pub fn carried(mut self) -> Self {
        let polarity = match self.stance {
            Some(StanceSpec::Fixed(p, _)) => p,
            _ => Polarity::Affirmed,
        };
        self.stance = Some(StanceSpec::Fixed(polarity, Stance::Carried));
        self
    }

    /// The modality of every claim ([`Modality::Asserted`], the default).
    pub fn modality(mut self, modality: Modality) -> Self {
        self.modality = modality;
        self
    }

    /// How the sources carry the speakers' words ([`Mode::Authorial`], the default).
    pub fn mode(mut self, mode: Mode) -> Self {
        self.mode = mode;
        self
    }

    /// Who said it: an actor, by key.
    pub fn speaker(mut self, speaker: impl Into<ActorField>) -> Self {
        self.speaker = Some(speaker.into());
        self
    }

    /// Where it was read: a source, by key.
    pub fn source(mut self, source: impl Into<SourceField>) -> Self {
        self.source = Some(source.into());
        self
    }

    /// The outlet that publishes the sources the import creates. A source the graph already has,
    /// or that an earlier row created, must have the same outlet: the import never edits a
    /// source.
    pub fn outlet(mut self, outlet: impl Into<ActorField>) -> Self {
        self.outlet = Some(outlet.into());
        self
    }

    /// The time the claim is about, a date; optional per row.
    pub fn about(mut self, about: impl Into<Field>) -> Self {
        self.about = Some(about.into());
        self
    }

    /// When it was said, a date; optional per row.
    pub fn said(mut self, said: impl Into<Field>) -> Self {
        self.said = Some(said.into());
        self
    }

    /// The verbatim quote; rows whose cell is empty give unquoted claims.
    pub fn quote(mut self, quote: Column) -> Self {
        self.quote = Some(quote);
        self
    }

    /// Why claims without a quote have none: "from a table" if not given.
    pub fn unquoted_reason(mut self, reason: impl Into<String>) -> Self {
        self.unquoted = Some(reason.into());
        self
    }

    /// A note; optional per row.
    pub fn note(mut self, note: impl Into<Field>) -> Self {
        self.note = Some(note.into());
        self
    }

    /// Cell values that mean "no value" (`"Not Available"`, `"N/A"`), compared ignoring case and
    /// surrounding spaces: such a cell counts as empty.
    pub fn missing_values<S: Into<String>>(mut self, values: impl IntoIterator<Item = S>) -> Self {
        self.missing.extend(values.into_iter().map(|v| v.into().trim().to_lowercase()));
        self
    }

    /// The mapping, or why it cannot be made: a required field missing, a column named in a
    /// table without a header row, a column numbered 0, an empty fixed value, a quote or line
    /// break as delimiter, an empty reason for unquoted claims.
    pub fn build(self) -> Result<Mapping, MappingError> {
        let delimiter = self.delimiter.unwrap_or(b',');
        if matches!(delimiter, b'"' | b'\n' | b'\r') || !delimiter.is_ascii() {
            return Err(MappingError::Delimiter(char::from(delimiter)));
        }
        let unquoted = self.unquoted.unwrap_or_else(|| "from a table".to_owned());
        if unquoted.trim().is_empty() {
            return Err(MappingError::EmptyReason);
        }
        let mapping = Mapping {
            headers: self.headers,
            delimiter,
            quoting: self.quoting,
            key: self.key,
            key_prefix: self.key_prefix,
            subject: self.subject.ok_or(MappingError::Missing("subject"))?,
            predicate: self.predicate.ok_or(MappingError::Missing("predicate"))?,
            create_predicates: self.create_predicates,
            qualifier: self.qualifier,
            object: self.object.ok_or(MappingError::Missing("object"))?,
            when_object_empty: self.when_object_empty,
            stance: self.stance.unwrap_or(StanceSpec::Fixed(Polarity::Affirmed, Stance::Own)),
            modality: self.modality,
            mode: self.mode,
            speaker: self.speaker.ok_or(MappingError::Missing("speaker"))?,
            source: self.source.ok_or(MappingError::Missing("source"))?,
            outlet: self.outlet,
            about: self.about,
            said: self.said,
            quote: self.quote,
            unquoted,
            note: self.note,
            missing: self.missing,
        };
        if mapping.fields().0.iter().any(|f| matches!(f, Field::Fixed(v) if v.trim().is_empty())) {
            return Err(MappingError::EmptyFixed);
        }
        for column in mapping.columns() {
            match column {
                Column::Number(0) => return Err(MappingError::ColumnZero),
                Column::Named(name) if mapping.headers == Headers::Absent => {
                    return Err(MappingError::NamedWithoutHeaders(name.clone()));
                }
                _ => {}
            }
        }
        Ok(mapping)
    }
}

impl Mapping {
    /// Every field the mapping gives (a column or a fixed value each), and the actor fields among
    /// them.
    fn fields(&self) -> (Vec<&Field>, Vec<&ActorField>) {
        let actors = [Some(&self.subject), self.qualifier.as_ref(), Some(&self.speaker), self.outlet.as_ref()];
        let object_actor = match &self.object {
            Object::Actor(a) => Some(a),
            _ => None,
        };
        let actors: Vec<&ActorField> = actors.into_iter().flatten().chain(object_actor).collect();
        let mut fields: Vec<&Field> = actors.iter().map(|a| &a.field).collect();
        fields.extend([&self.predicate, &self.source.field]);
        fields.extend(
            [self.key.as_ref(), self.about.as_ref(), self.said.as_ref(), self.note.as_ref()].into_iter().flatten(),
        );
        match &self.object {
            Object::Text(f) | Object::Date(f) | Object::Bool(f) => fields.push(f),
            Object::Amount { number, unit } => fields.extend([number, unit]),
            Object::Actor(_) => {}
        }
        (fields, actors)
    }

    /// Every column the mapping reads.
    fn columns(&self) -> Vec<&Column> {
        let (fields, actors) = self.fields();
        let mut out: Vec<&Column> = fields
            .into_iter()
            .filter_map(|f| match f {
                Field::Column(c) => Some(c),
                Field::Fixed(_) => None,
            })
            .collect();
        out.extend(actors.iter().filter_map(|a| a.named_by.as_ref()));
        out.extend(self.quote.as_ref());
        if let StanceSpec::Column(c, _) = &self.stance {
            out.push(c);
        }
        out
    }
}

// ----- the report -----------------------------------------------------------------------------

/// What an import did, from [`import_csv`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    /// The data rows read (the header row not counted).
    pub rows: usize,
    /// The claims added, in row order.
    pub claims: Vec<ClaimId>,
    /// The rows not imported, as the mapping asks ([`WhenEmpty::SkipRow`]), in row order.
    pub skipped: Vec<SkippedRow>,
    /// The actors created, in the order rows first named them.
    pub actors: Vec<ActorId>,
    /// The sources created, in the order rows first named them.
    pub sources: Vec<SourceId>,
    /// The predicates created, in the order rows first named them.
    pub predicates: Vec<PredicateId>,
}

/// A row an import did not turn into a claim, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedRow {
    /// The line the row starts on, from 1.
    pub line: usize,
    /// The column whose cell was empty, from 1.
    pub column: usize,
    /// The cell as written (empty, or a [missing value](MappingBuilder::missing_values)).
    pub cell: String,
}

// ----- importing ------------------------------------------------------------------------------

/// Imports the claims of the CSV file at `path` into `graph`, as `mapping` says.
///
/// Every row is read and checked first; only if every row is good are the entities the rows
/// need created and the claims added, so a failed import leaves the graph unchanged.
///
/// Errors: a [`LoadError`] listing every problem, in line order: the file cannot be read or is
/// not UTF-8; a column the mapping names is not in the header; and for each bad row, with its
/// line, character column, column number and header name ([`ProblemKind::Cell`]): an empty
/// required cell, a ragged row (a missing or extra cell), an unknown actor, source, predicate or
/// unit that the mapping does not create, an unreadable number, truth value or stance word, a
/// malformed or impossible date, an object of the wrong type for its predicate, a claim id used
/// twice or already in the graph.
pub fn import_csv(
    graph: &mut ClaimGraph,
    path: impl AsRef<Path>,
    mapping: &Mapping,
) -> Result<ImportReport, LoadError> {
    let path = path.as_ref();
    let io = |message: String, line: usize, column: usize| LoadError {
        problems: vec![Problem::new(Location { path: path.to_owned(), line, column }, ProblemKind::Io(message))],
    };
    let bytes = std::fs::read(path).map_err(|e| io(e.to_string(), 1, 1))?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        let line_start = valid.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        let column = String::from_utf8_lossy(&valid[line_start..]).chars().count() + 1;
        io("the file is not UTF-8".to_owned(), line, column)
    })?;
    import(graph, path, &text, mapping)
}

/// Imports CSV text into `graph`, as [`import_csv`] does; `name` is the file name used in error
/// locations and, by its stem, in generated claim ids.
pub fn import_csv_str(
    graph: &mut ClaimGraph,
    name: impl AsRef<Path>,
    text: &str,
    mapping: &Mapping,
) -> Result<ImportReport, LoadError> {
    import(graph, name.as_ref(), text, mapping)
}

/// Imports CSV read from `reader` into `graph`, as [`import_csv`] does; `name` is the file name
/// used in error locations and generated claim ids.
pub fn import_csv_reader(
    graph: &mut ClaimGraph,
    name: impl AsRef<Path>,
    mut reader: impl Read,
    mapping: &Mapping,
) -> Result<ImportReport, LoadError> {
    let name = name.as_ref();
    let mut text = String::new();
    reader.read_to_string(&mut text).map_err(|e| LoadError {
        problems: vec![Problem::new(
            Location { path: name.to_owned(), line: 1, column: 1 },
            ProblemKind::Io(e.to_string()),
        )],
    })?;
    import(graph, name, &text, mapping)
}

/// A field resolved against the table: a 0-based cell index, or a fixed value.
#[derive(Clone, Debug)]
enum Src {
    Cell(usize),
    Fixed(String),
}

/// An entity the graph has, or one the import will create (its index among those created).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ent<I> {
    Old(I),
    New(usize),
}

#[derive(Clone, Debug)]
enum ObjectPlan {
    Actor(Ent<ActorId>),
    Text(String),
    Date(TimeSpec),
    Bool(bool),
    Quantity(Amount, UnitId),
}

/// One row's claim, checked, with references to entities that may not exist yet.
#[derive(Clone, Debug)]
struct RowPlan {
    key: String,
    subject: Ent<ActorId>,
    predicate: Ent<PredicateId>,
    qualifier: Option<Ent<ActorId>>,
    object: ObjectPlan,
    polarity: Polarity,
    stance: Stance,
    about: Option<TimeSpec>,
    said: Option<TimeSpec>,
    speaker: Ent<ActorId>,
    source: Ent<SourceId>,
    quote: Option<String>,
    note: Option<String>,
}

struct NewSource {
    kind: SourceKind,
    language: String,
    outlet: Option<Ent<ActorId>>,
    /// The line of the row that created it, for messages.
    line: usize,
}

/// A resolved actor field.
struct ActorSrc {
    src: Src,
    create: Option<ActorKind>,
    named_by: Option<usize>,
    field: &'static str,
}

/// The mapping with every column resolved to a cell index.
struct Resolved<'m> {
    key: Option<Src>,
    subject: ActorSrc,
    predicate: Src,
    qualifier: Option<ActorSrc>,
    object: ObjectSrc,
    stance: Option<(usize, &'m StanceWords)>,
    speaker: ActorSrc,
    source: Src,
    outlet: Option<ActorSrc>,
    about: Option<Src>,
    said: Option<Src>,
    quote: Option<usize>,
    note: Option<Src>,
}

enum ObjectSrc {
    Actor(ActorSrc),
    Text(Src),
    Date(Src),
    Bool(Src),
    Amount(Src, Src),
}

impl ObjectSrc {
    /// The cell or fixed value whose emptiness makes the object empty.
    fn main(&self) -> &Src {
        match self {
            ObjectSrc::Actor(a) => &a.src,
            ObjectSrc::Text(s) | ObjectSrc::Date(s) | ObjectSrc::Bool(s) | ObjectSrc::Amount(s, _) => s,
        }
    }
}

/// One data row: its cells and where it is.
struct Row<'t> {
    line: usize,
    /// The byte where the row starts in the text.
    start: usize,
    cells: Vec<&'t str>,
    /// The line and character column of each cell, then of the row's end; worked out only for
    /// rows with a problem.
    positions: Option<Vec<(usize, usize)>>,
}

struct Importer<'a> {
    graph: &'a ClaimGraph,
    mapping: &'a Mapping,
    path: &'a Path,
    text: &'a str,
    headers: Vec<String>,
    problems: Vec<Problem>,
    /// Problems of fixed values, reported once each.
    fixed_reported: Vec<String>,
    new_actors: IndexMap<String, (ActorKind, String)>,
    new_sources: IndexMap<String, NewSource>,
    new_predicates: IndexSet<String>,
    /// The claim ids the rows take, and the line and first byte of the row that took each first.
    keys: HashMap<String, (usize, usize)>,
    plans: Vec<RowPlan>,
    skipped: Vec<SkippedRow>,
}

fn import(graph: &mut ClaimGraph, path: &Path, text: &str, mapping: &Mapping) -> Result<ImportReport, LoadError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(mapping.delimiter)
        .has_headers(false)
        .flexible(true)
        .quoting(mapping.quoting == Quoting::Standard)
        .from_reader(text.as_bytes());
    let mut records: Vec<(usize, usize, csv::StringRecord)> = Vec::new();
    let mut problems = Vec::new();
    // The reader's position of a record is where the previous record ended, before the line
    // break that ends it and any blank lines (which the reader skips), so its line is off after
    // a CRLF or a blank line. The start of each record is found from there, and lines are
    // counted here.
    let bytes = text.as_bytes();
    let (mut line, mut counted) = (1, 0);
    for record in reader.records() {
        let position = match &record {
            Ok(r) => r.position(),
            Err(e) => e.position(),
        };
        let mut start =
            position.map_or(counted, |p| usize::try_from(p.byte()).unwrap_or(usize::MAX)).clamp(counted, bytes.len());
        while matches!(bytes.get(start), Some(b'\r' | b'\n')) {
            start += 1;
        }
        line += bytes[counted..start].iter().filter(|&&b| b == b'\n').count();
        counted = start;
        match record {
            Ok(r) => records.push((line, start, r)),
            // Reading text with flexible rows leaves only I/O errors, which a string cannot
            // give; reported all the same rather than dropped.
            Err(e) => problems.push(Problem::new(
                Location { path: path.to_owned(), line, column: 1 },
                ProblemKind::Syntax(e.to_string()),
            )),
        }
    }
    let mut rows = records.iter().map(|(line, start, r)| Row {
        line: *line,
        start: *start,
        cells: r.iter().map(str::trim).collect(),
        positions: None,
    });
    let headers: Vec<String> = match mapping.headers {
        Headers::Present => rows.next().map(|r| r.cells.iter().map(|c| (*c).to_owned()).collect()).unwrap_or_default(),
        Headers::Absent => Vec::new(),
    };
    let rows: Vec<Row<'_>> = rows.collect();
    let width = match mapping.headers {
        Headers::Present => headers.len(),
        Headers::Absent => rows.first().map_or(0, |r| r.cells.len()),
    };
    let mut importer = Importer {
        graph,
        mapping,
        path,
        text,
        headers,
        problems,
        fixed_reported: Vec::new(),
        new_actors: IndexMap::new(),
        new_sources: IndexMap::new(),
        new_predicates: IndexSet::new(),
        keys: HashMap::new(),
        plans: Vec::new(),
        skipped: Vec::new(),
    };
    let row_count = rows.len();
    if let Some(resolved) = importer.resolve(width) {
        for mut row in rows {
            importer.row(&resolved, &mut row, width);
        }
    }
    let Importer { mut problems, new_actors, new_sources, new_predicates, plans, skipped, .. } = importer;
    if !problems.is_empty() {
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        return Err(LoadError { problems });
    }
    apply(graph, path, mapping, new_actors, new_sources, new_predicates, plans).map(|mut report| {
        report.rows = row_count;
        report.skipped = skipped;
        report
    })
}

/// Adds what the checked rows need, then their claims.
fn apply(
    graph: &mut ClaimGraph,
    path: &Path,
    mapping: &Mapping,
    new_actors: IndexMap<String, (ActorKind, String)>,
    new_sources: IndexMap<String, NewSource>,
    new_predicates: IndexSet<String>,
    plans: Vec<RowPlan>,
) -> Result<ImportReport, LoadError> {
    // Every rule an addition could break was checked with the rows, so none of these fails; if
    // one did, it is reported (at the head of the file) rather than dropped.
    let fail = |error: GraphError| LoadError {
        problems: vec![Problem::new(Location { path: path.to_owned(), line: 1, column: 1 }, ProblemKind::Rule(error))],
    };
    let mut report = ImportReport::default();
    let (object, cardinality) = mapping.create_predicates.clone().unwrap_or((ObjectType::Text, Cardinality::Multi));
    for key in &new_predicates {
        let mut p = Predicate::new(key.clone(), key.clone(), object.clone());
        p.cardinality = cardinality;
        report.predicates.push(graph.add_predicate(p).map_err(fail)?);
    }
    for (key, (kind, name)) in new_actors {
        report.actors.push(graph.add_actor(Actor::new(key, kind, name)).map_err(fail)?);
    }
    let actor = |report: &ImportReport, e: Ent<ActorId>| match e {
        Ent::Old(id) => id,
        Ent::New(i) => report.actors[i],
    };
    for (key, s) in new_sources {
        let mut source = Source::new(key.clone(), s.kind, key, s.language);
        source.outlet = s.outlet.map(|o| actor(&report, o));
        report.sources.push(graph.add_source(source).map_err(fail)?);
    }
    report.claims.reserve(plans.len());
    for plan in plans {
        let object = match plan.object {
            ObjectPlan::Actor(a) => Value::Actor(actor(&report, a)),
            ObjectPlan::Text(t) => Value::Text(t),
            ObjectPlan::Date(d) => Value::Date(d),
            ObjectPlan::Bool(b) => Value::Bool(b),
            ObjectPlan::Quantity(amount, unit) => Value::Quantity(Quantity { amount, unit }),
        };
        let predicate = match plan.predicate {
            Ent::Old(id) => id,
            Ent::New(i) => report.predicates[i],
        };
        let source = match plan.source {
            Ent::Old(id) => id,
            Ent::New(i) => report.sources[i],
        };
        let mut claim =
            Claim::new(plan.key, actor(&report, plan.subject), predicate, object, actor(&report, plan.speaker), source)
                .modality(mapping.modality)
                .mode(mapping.mode);
        claim.polarity = plan.polarity;
        claim.stance = plan.stance;
        claim.qualifier = plan.qualifier.map(|q| actor(&report, q));
        claim.about = plan.about;
        claim.said = plan.said;
        claim.note = plan.note;
        claim = match plan.quote {
            Some(q) => claim.quote(q),
            None => claim.unquoted(mapping.unquoted.clone()),
        };
        report.claims.push(graph.add_claim(claim).map_err(fail)?);
    }
    Ok(report)
}

/// Where each cell of the record starting at byte `start` (on line `line`) begins, as a line and
/// a character column from 1, then where the record ends; read the way the CSV reader reads.
fn cell_positions(text: &str, start: usize, line: usize, delimiter: u8, quoting: Quoting) -> Vec<(usize, usize)> {
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let mut column = text[line_start..start].chars().count() + 1;
    let mut line = line;
    let mut out = vec![(line, column)];
    #[derive(PartialEq)]
    enum State {
        Start,
        Unquoted,
        Quoted,
        AfterQuote,
    }
    let mut state = State::Start;
    let delimiter = char::from(delimiter);
    let mut chars = text[start..].chars().peekable();
    while let Some(c) = chars.next() {
        if state == State::Quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                    column += 1;
                } else {
                    state = State::AfterQuote;
                }
            } else if c == '\n' {
                line += 1;
                column = 0;
            }
        } else if c == delimiter {
            out.push((line, column + 1));
            state = State::Start;
        } else if c == '\n' || c == '\r' {
            break;
        } else if state == State::Start {
            state = if c == '"' && quoting == Quoting::Standard { State::Quoted } else { State::Unquoted };
        }
        column += 1;
    }
    out.push((line, column));
    out
}

impl<'a> Importer<'a> {
    fn fixed_problem(&mut self, what: &str, value: &str, error: GraphError) {
        let tag = format!("{what}\u{0}{value}");
        if self.fixed_reported.contains(&tag) {
            return;
        }
        self.fixed_reported.push(tag);
        self.problems.push(Problem::new(
            Location { path: self.path.to_owned(), line: 1, column: 1 },
            ProblemKind::Rule(GraphError::Invalid(format!("the mapping's fixed {what} {value:?}: {error}"))),
        ));
    }

    fn head_problem(&mut self, message: String) {
        self.problems.push(Problem::new(
            Location { path: self.path.to_owned(), line: 1, column: 1 },
            ProblemKind::Rule(GraphError::Invalid(message)),
        ));
    }

    /// The cell index of a column, or a problem.
    fn column(&mut self, column: &Column, width: usize) -> Option<usize> {
        match column {
            Column::Number(n) => {
                if *n > width && width > 0 {
                    let table = if self.mapping.headers == Headers::Present { "the header" } else { "the first row" };
                    self.head_problem(format!("the mapping reads column {n}, but {table} has {width} columns"));
                    return None;
                }
                Some(n - 1)
            }
            Column::Named(name) => {
                let found: Vec<usize> = self
                    .headers
                    .iter()
                    .enumerate()
                    .filter(|(_, h)| h.as_str() == name.trim())
                    .map(|(i, _)| i)
                    .collect();
                match found.as_slice() {
                    [i] => Some(*i),
                    [] if self.headers.is_empty() => {
                        self.head_problem(format!("no column named {name:?}: the file has no header row"));
                        None
                    }
                    [] => {
                        let names = self.headers.join(", ");
                        self.head_problem(format!("no column named {name:?} in the header (it has: {names})"));
                        None
                    }
                    [first, second, ..] => {
                        self.head_problem(format!(
                            "the header names two columns {name:?} (columns {} and {})",
                            first + 1,
                            second + 1
                        ));
                        None
                    }
                }
            }
        }
    }

    fn field(&mut self, field: &Field, width: usize) -> Option<Src> {
        match field {
            Field::Column(c) => self.column(c, width).map(Src::Cell),
            Field::Fixed(v) => Some(Src::Fixed(v.trim().to_owned())),
        }
    }

    fn actor_field(&mut self, a: &ActorField, width: usize, name: &'static str) -> Option<ActorSrc> {
        let src = self.field(&a.field, width);
        let named_by = match &a.named_by {
            Some(c) => Some(self.column(c, width)?),
            None => None,
        };
        Some(ActorSrc { src: src?, create: a.create, named_by, field: name })
    }

    /// Resolves every column of the mapping; `None` (with the problems recorded) if any is not
    /// in the table.
    fn resolve(&mut self, width: usize) -> Option<Resolved<'a>> {
        let m: &'a Mapping = self.mapping;
        let before = self.problems.len();
        let key = m.key.as_ref().and_then(|f| self.field(f, width));
        let subject = self.actor_field(&m.subject, width, "subject");
        let predicate = self.field(&m.predicate, width);
        let qualifier = m.qualifier.as_ref().and_then(|q| self.actor_field(q, width, "qualifier"));
        let object = match &m.object {
            Object::Actor(a) => self.actor_field(a, width, "object").map(ObjectSrc::Actor),
            Object::Text(f) => self.field(f, width).map(ObjectSrc::Text),
            Object::Date(f) => self.field(f, width).map(ObjectSrc::Date),
            Object::Bool(f) => self.field(f, width).map(ObjectSrc::Bool),
            Object::Amount { number, unit } => {
                let (n, u) = (self.field(number, width), self.field(unit, width));
                n.zip(u).map(|(n, u)| ObjectSrc::Amount(n, u))
            }
        };
        let stance = match &m.stance {
            StanceSpec::Column(c, words) => self.column(c, width).map(|i| (i, words)),
            StanceSpec::Fixed(..) => None,
        };
        let speaker = self.actor_field(&m.speaker, width, "speaker");
        let source = self.field(&m.source.field, width);
        let outlet = m.outlet.as_ref().and_then(|o| self.actor_field(o, width, "outlet"));
        let about = m.about.as_ref().and_then(|f| self.field(f, width));
        let said = m.said.as_ref().and_then(|f| self.field(f, width));
        let quote = m.quote.as_ref().and_then(|c| self.column(c, width));
        let note = m.note.as_ref().and_then(|f| self.field(f, width));
        if self.problems.len() > before {
            return None;
        }
        Some(Resolved {
            key,
            subject: subject?,
            predicate: predicate?,
            qualifier,
            object: object?,
            stance,
            speaker: speaker?,
            source: source?,
            outlet,
            about,
            said,
            quote,
            note,
        })
    }

    /// The line and character column of cell `index` of the row (or where the row ends, for a
    /// cell it lacks).
    fn position(&self, row: &mut Row<'_>, index: usize) -> (usize, usize) {
        let (text, mapping) = (self.text, self.mapping);
        let positions = row
            .positions
            .get_or_insert_with(|| cell_positions(text, row.start, row.line, mapping.delimiter, mapping.quoting));
        positions.get(index).or(positions.last()).copied().unwrap_or((row.line, 1))
    }

    fn cell_problem(&mut self, row: &mut Row<'_>, index: usize, error: CellError) {
        let (line, column) = self.position(row, index);
        let kind = ProblemKind::Cell { column: index + 1, header: self.headers.get(index).cloned(), error };
        self.problems.push(Problem::new(Location { path: self.path.to_owned(), line, column }, kind));
    }

    /// A problem with a field's value: at its cell, or once for a fixed value.
    fn value_problem(&mut self, row: &mut Row<'_>, src: &Src, what: &'static str, error: GraphError) {
        match src {
            Src::Cell(i) => self.cell_problem(row, *i, CellError::Rule(error)),
            Src::Fixed(v) => {
                let v = v.clone();
                self.fixed_problem(what, &v, error);
            }
        }
    }

    /// The value of a field in a row ("" for an empty or missing-value cell).
    fn value<'r, 't: 'r>(&self, row: &Row<'t>, src: &'r Src) -> &'r str {
        let v = match src {
            Src::Cell(i) => row.cells.get(*i).copied().unwrap_or(""),
            Src::Fixed(v) => v.as_str(),
        };
        if !v.is_empty() && !self.mapping.missing.is_empty() && self.mapping.missing.contains(&v.to_lowercase()) {
            ""
        } else {
            v
        }
    }

    /// A required value, or a problem if it is empty.
    fn required<'r, 't: 'r>(&mut self, row: &mut Row<'t>, src: &'r Src, field: &'static str) -> Option<&'r str> {
        let v = self.value(row, src);
        if !v.is_empty() {
            return Some(v);
        }
        match src {
            Src::Cell(i) if *i < row.cells.len() => self.cell_problem(row, *i, CellError::Empty { field }),
            // A cell the row lacks is reported once, as a ragged row.
            Src::Cell(_) => {}
            // Only a fixed value the mapping also lists as missing can be empty here.
            Src::Fixed(v) => {
                let v = v.clone();
                self.fixed_problem(
                    field,
                    &v,
                    GraphError::Invalid("the mapping lists it as a missing value".to_owned()),
                );
            }
        }
        None
    }

    fn optional<'r, 't: 'r>(&self, row: &Row<'t>, src: Option<&'r Src>) -> Option<&'r str> {
        src.map(|s| self.value(row, s)).filter(|v| !v.is_empty())
    }

    fn actor(&mut self, row: &mut Row<'_>, a: &ActorSrc, required: bool) -> Option<Ent<ActorId>> {
        let key = if required { self.required(row, &a.src, a.field)? } else { self.optional(row, Some(&a.src))? };
        if let Some(id) = self.graph.actor_id(key) {
            return Some(Ent::Old(id));
        }
        if let Some(i) = self.new_actors.get_index_of(key) {
            return Some(Ent::New(i));
        }
        match a.create {
            Some(kind) => {
                let name = a.named_by.map(|i| self.value(row, &Src::Cell(i)).to_owned()).filter(|n| !n.is_empty());
                let name = name.unwrap_or_else(|| key.to_owned());
                let (i, _) = self.new_actors.insert_full(key.to_owned(), (kind, name));
                Some(Ent::New(i))
            }
            None => {
                let error = GraphError::DanglingReference { kind: EntityKind::Actor, key: key.to_owned() };
                self.value_problem(row, &a.src, a.field, error);
                None
            }
        }
    }

    fn predicate(&mut self, row: &mut Row<'_>, src: &Src) -> Option<(Ent<PredicateId>, ObjectType)> {
        let key = self.required(row, src, "predicate")?;
        if let Some(id) = self.graph.predicate_id(key) {
            let object = self.graph.predicate(id).map(|p| p.object.clone())?;
            return Some((Ent::Old(id), object));
        }
        match &self.mapping.create_predicates {
            Some((object, _)) => {
                let (i, _) = self.new_predicates.insert_full(key.to_owned());
                Some((Ent::New(i), object.clone()))
            }
            None => {
                self.value_problem(row, src, "predicate", GraphError::UnknownPredicate { key: key.to_owned() });
                None
            }
        }
    }

    fn date(&mut self, row: &mut Row<'_>, src: &Src, field: &'static str, required: bool) -> Option<TimeSpec> {
        let text = if required { self.required(row, src, field)? } else { self.optional(row, Some(src))? };
        match text.parse::<TimeSpec>() {
            Ok(t) => Some(t),
            Err(error) => {
                self.value_problem(row, src, field, GraphError::Date { field, error });
                None
            }
        }
    }

    /// Checks one row and plans its claim.
    fn row(&mut self, r: &Resolved<'_>, row: &mut Row<'_>, width: usize) {
        let bad_before = self.problems.len();
        if row.cells.len() < width {
            let error = CellError::Missing { expected: width, found: row.cells.len() };
            self.cell_problem(row, row.cells.len(), error);
        } else if row.cells.len() > width {
            let error = CellError::Extra { expected: width, found: row.cells.len() };
            self.cell_problem(row, width, error);
        }
        if self.mapping.when_object_empty == WhenEmpty::SkipRow
            && let Src::Cell(i) = r.object.main()
            && *i < row.cells.len()
            && self.value(row, r.object.main()).is_empty()
        {
            let cell = row.cells[*i].to_owned();
            self.skipped.push(SkippedRow { line: row.line, column: i + 1, cell });
            return;
        }
        let key = match &r.key {
            Some(src) => self.required(row, src, "claim id").map(str::to_owned),
            None => {
                let prefix = self.mapping.key_prefix.clone().unwrap_or_else(|| {
                    self.path.file_stem().map_or_else(|| "row".to_owned(), |s| s.to_string_lossy().into_owned())
                });
                Some(format!("{prefix}_{}", row.line))
            }
        };
        if let Some(key) = &key {
            self.claim_key(row, r, key);
        }
        let subject = self.actor(row, &r.subject, true);
        let predicate = self.predicate(row, &r.predicate);
        let qualifier = match &r.qualifier {
            Some(q) if self.optional(row, Some(&q.src)).is_some() => self.actor(row, q, false).map(Some),
            _ => Some(None),
        };
        let object = self.object(row, r, predicate.as_ref());
        let (polarity, stance) = match (&self.mapping.stance, r.stance) {
            (StanceSpec::Fixed(p, s), _) => (Some(*p), *s),
            (_, Some((i, words))) => match self.required(row, &Src::Cell(i), "stance") {
                Some(word) => match words.read(word) {
                    Some((p, s)) => (Some(p), s),
                    None => {
                        let error = CellError::Stance { text: word.to_owned(), expected: words.describe() };
                        self.cell_problem(row, i, error);
                        (None, Stance::Own)
                    }
                },
                None => (None, Stance::Own),
            },
            (StanceSpec::Column(..), None) => (None, Stance::Own),
        };
        let speaker = self.actor(row, &r.speaker, true);
        let outlet = match &r.outlet {
            Some(o) if self.optional(row, Some(&o.src)).is_some() => self.actor(row, o, false).map(Some),
            _ => Some(None),
        };
        let source = outlet.and_then(|outlet| self.source(row, r, outlet));
        let about = r.about.as_ref().map(|s| self.date(row, s, "about", false));
        let said = r.said.as_ref().map(|s| self.date(row, s, "said", false));
        let quote = r.quote.and_then(|i| row.cells.get(i)).filter(|q| !q.is_empty()).map(|q| (*q).to_owned());
        let note = self.optional(row, r.note.as_ref()).map(str::to_owned);
        if self.problems.len() > bad_before {
            return;
        }
        // Every part was read when no problem was recorded.
        let (Some(key), Some(subject), Some((predicate, _)), Some(qualifier), Some(object), Some(polarity)) =
            (key, subject, predicate, qualifier, object, polarity)
        else {
            return;
        };
        let (Some(speaker), Some(source)) = (speaker, source) else { return };
        let (about, said) = (about.flatten(), said.flatten());
        self.plans.push(RowPlan {
            key,
            subject,
            predicate,
            qualifier,
            object,
            polarity,
            stance,
            about,
            said,
            speaker,
            source,
            quote,
            note,
        });
    }

    fn claim_key(&mut self, row: &mut Row<'_>, r: &Resolved<'_>, key: &str) {
        let index = match &r.key {
            Some(Src::Cell(i)) => Some(*i),
            _ => None,
        };
        let error = if self.graph.claim_id(key).is_some() {
            Some(ProblemKind::Rule(GraphError::DuplicateKey { kind: EntityKind::Claim, key: key.to_owned() }))
        } else if let Some(&(line, start)) = self.keys.get(key) {
            // Where the first row took the id is worked out only now that it is needed.
            let positions = cell_positions(self.text, start, line, self.mapping.delimiter, self.mapping.quoting);
            let column = positions.get(index.unwrap_or(0)).map_or(1, |p| p.1);
            let first = Location { path: self.path.to_owned(), line, column };
            Some(ProblemKind::DuplicateId { kind: EntityKind::Claim, key: key.to_owned(), first })
        } else {
            self.keys.insert(key.to_owned(), (row.line, row.start));
            None
        };
        if let Some(kind) = error {
            let (line, column) = self.position(row, index.unwrap_or(0));
            let kind = match (index, kind) {
                (Some(i), ProblemKind::Rule(e)) => {
                    ProblemKind::Cell { column: i + 1, header: self.headers.get(i).cloned(), error: CellError::Rule(e) }
                }
                (_, kind) => kind,
            };
            self.problems.push(Problem::new(Location { path: self.path.to_owned(), line, column }, kind));
        }
    }

    fn object(
        &mut self,
        row: &mut Row<'_>,
        r: &Resolved<'_>,
        predicate: Option<&(Ent<PredicateId>, ObjectType)>,
    ) -> Option<ObjectPlan> {
        let (plan, found, at) = match &r.object {
            ObjectSrc::Actor(a) => (ObjectPlan::Actor(self.actor(row, a, true)?), ObjectType::Actor, &a.src),
            ObjectSrc::Text(s) => (ObjectPlan::Text(self.required(row, s, "object")?.to_owned()), ObjectType::Text, s),
            ObjectSrc::Date(s) => (ObjectPlan::Date(self.date(row, s, "object", true)?), ObjectType::Date, s),
            ObjectSrc::Bool(s) => {
                let text = self.required(row, s, "object")?;
                let b = match text.to_lowercase().as_str() {
                    "true" | "yes" | "1" => true,
                    "false" | "no" | "0" => false,
                    _ => {
                        match s {
                            Src::Cell(i) => self.cell_problem(row, *i, CellError::Bool(text.to_owned())),
                            Src::Fixed(v) => {
                                let error = GraphError::Invalid(CellError::Bool(v.clone()).to_string());
                                self.fixed_problem("object", &v.clone(), error);
                            }
                        }
                        return None;
                    }
                };
                (ObjectPlan::Bool(b), ObjectType::Bool, s)
            }
            ObjectSrc::Amount(n, u) => {
                let number = self.required(row, n, "object");
                let unit_key = self.required(row, u, "unit");
                let unit = unit_key.and_then(|k| match self.graph.unit_id(k) {
                    Some(id) => Some(id),
                    None => {
                        self.value_problem(row, u, "unit", GraphError::UnknownUnit { key: k.to_owned() });
                        None
                    }
                });
                let amount = match number.map(parse_amount) {
                    Some(Ok(a)) => Some(a),
                    Some(Err(e)) => {
                        match (n, e) {
                            (Src::Cell(i), e) => self.cell_problem(row, *i, e),
                            (Src::Fixed(v), e) => {
                                let v = v.clone();
                                self.fixed_problem("object", &v, GraphError::Invalid(e.to_string()));
                            }
                        }
                        None
                    }
                    None => None,
                };
                let (amount, unit) = (amount?, unit?);
                let dimension = self.graph.unit(unit).map(|u| u.dimension.clone())?;
                // A dimension mismatch is the unit's fault when units vary by row.
                let at = if matches!(u, Src::Cell(_)) { u } else { n };
                (ObjectPlan::Quantity(amount, unit), ObjectType::Quantity(dimension), at)
            }
        };
        let (_, expected) = predicate?;
        if *expected != found {
            let key = match predicate {
                Some((Ent::Old(id), _)) => self.graph.predicate(*id).map(|p| p.key.clone()).unwrap_or_default(),
                Some((Ent::New(i), _)) => self.new_predicates.get_index(*i).cloned().unwrap_or_default(),
                None => String::new(),
            };
            let error =
                GraphError::WrongValueType { predicate: key, expected: expected.describe(), found: found.describe() };
            // With a fixed object, the predicate's cell is the one at fault.
            let at = match (at, &r.predicate) {
                (Src::Fixed(_), Src::Cell(_)) => &r.predicate,
                _ => at,
            };
            let at = at.clone();
            self.value_problem(row, &at, "object", error);
            return None;
        }
        Some(plan)
    }

    fn source(&mut self, row: &mut Row<'_>, r: &Resolved<'_>, outlet: Option<Ent<ActorId>>) -> Option<Ent<SourceId>> {
        let key = self.required(row, &r.source, "source")?;
        let outlet_key = |this: &Self, o: Ent<ActorId>| match o {
            Ent::Old(id) => this.graph.actor(id).map_or_else(String::new, |a| a.key().to_owned()),
            Ent::New(i) => this.new_actors.get_index(i).map_or_else(String::new, |(k, _)| k.clone()),
        };
        let clash = |this: &Self, had: Option<Ent<ActorId>>, since: String| {
            let had = had.map_or_else(|| "no outlet".to_owned(), |h| format!("outlet {:?}", outlet_key(this, h)));
            let given = outlet.map_or_else(String::new, |o| outlet_key(this, o));
            GraphError::Invalid(format!("source {key:?} {since} has {had}, but this row gives outlet {given:?}"))
        };
        if let Some(id) = self.graph.source_id(key) {
            let had = self.graph.source(id).and_then(|s| s.outlet()).map(Ent::Old);
            if outlet.is_some() && had != outlet {
                let error = clash(self, had, "in the graph".to_owned());
                self.outlet_problem(row, r, error);
                return None;
            }
            return Some(Ent::Old(id));
        }
        if let Some((i, _, s)) = self.new_sources.get_full(key) {
            if outlet.is_some() && s.outlet != outlet {
                let error = clash(self, s.outlet, format!("(created on line {})", s.line));
                self.outlet_problem(row, r, error);
                return None;
            }
            return Some(Ent::New(i));
        }
        let source = &self.mapping.source;
        match source.create {
            Some(kind) => {
                let plan = NewSource { kind, language: source.language.clone(), outlet, line: row.line };
                let (i, _) = self.new_sources.insert_full(key.to_owned(), plan);
                Some(Ent::New(i))
            }
            None => {
                let error = GraphError::DanglingReference { kind: EntityKind::Source, key: key.to_owned() };
                self.value_problem(row, &r.source, "source", error);
                None
            }
        }
    }

    fn outlet_problem(&mut self, row: &mut Row<'_>, r: &Resolved<'_>, error: GraphError) {
        let at = match (&r.outlet, &r.source) {
            (Some(ActorSrc { src: Src::Cell(i), .. }), _) | (_, Src::Cell(i)) => Src::Cell(*i),
            _ => r.source.clone(),
        };
        self.value_problem(row, &at, "source", error);
    }
}

/// Reads a number as the [`Object::Amount`] docs say.
fn parse_amount(text: &str) -> Result<Amount, CellError> {
    let bad = || CellError::Number(text.to_owned());
    let number = |t: &str| -> Result<f64, CellError> {
        let t = t.trim();
        // Rust also reads "inf", "NaN" and "1e400" (as infinity): none is a quantity.
        t.parse::<f64>().ok().filter(|x| x.is_finite() && t.bytes().any(|b| b.is_ascii_digit())).ok_or_else(bad)
    };
    let amount = if let Some((a, b)) = text.split_once("..") {
        Amount::Range(number(a)?, number(b)?)
    } else if let Some(rest) = text.strip_prefix('~') {
        Amount::Around(number(rest)?)
    } else if let Some(rest) = text.strip_prefix(">=") {
        Amount::AtLeast(number(rest)?)
    } else if let Some(rest) = text.strip_prefix("<=") {
        Amount::AtMost(number(rest)?)
    } else if let Some(rest) = text.strip_prefix('>') {
        Amount::MoreThan(number(rest)?)
    } else if let Some(rest) = text.strip_prefix('<') {
        Amount::LessThan(number(rest)?)
    } else {
        Amount::Exact(number(text)?)
    };
    match amount.problem() {
        Some(problem) => Err(CellError::Rule(GraphError::Invalid(problem))),
        None => Ok(amount),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts() {
        assert_eq!(parse_amount("6846"), Ok(Amount::Exact(6846.0)));
        assert_eq!(parse_amount("-1.5e3"), Ok(Amount::Exact(-1500.0)));
        assert_eq!(parse_amount("~100000"), Ok(Amount::Around(100000.0)));
        assert_eq!(parse_amount("200..999"), Ok(Amount::Range(200.0, 999.0)));
        assert_eq!(parse_amount(">=5"), Ok(Amount::AtLeast(5.0)));
        assert_eq!(parse_amount(">40"), Ok(Amount::MoreThan(40.0)));
        assert_eq!(parse_amount("<=5"), Ok(Amount::AtMost(5.0)));
        assert_eq!(parse_amount("<20"), Ok(Amount::LessThan(20.0)));
        for bad in ["6,846", "12x", "", "inf", "NaN", "1e400", "~", "..3"] {
            assert_eq!(parse_amount(bad), Err(CellError::Number(bad.to_owned())), "{bad}");
        }
        assert!(matches!(parse_amount("9..3"), Err(CellError::Rule(GraphError::Invalid(_)))));
    }

    #[test]
    fn cell_positions_follow_quotes_and_lines() {
        let text = "a,b\nx,\"q,\"\"r\"\"\ns\",t\nu,v";
        // The second record starts at byte 4, line 2; its third cell is on line 3.
        assert_eq!(cell_positions(text, 4, 2, b',', Quoting::Standard), vec![(2, 1), (2, 3), (3, 4), (3, 5)]);
        // Without quoting, quotes are characters and the record ends at the line break.
        assert_eq!(cell_positions(text, 4, 2, b',', Quoting::None), vec![(2, 1), (2, 3), (2, 6), (2, 11)]);
        let tsv = "é\tb\tc\r\n";
        assert_eq!(cell_positions(tsv, 0, 1, b'\t', Quoting::None), vec![(1, 1), (1, 3), (1, 5), (1, 6)]);
    }
}
