use serde::{Deserialize, Serialize};

use crate::{ActorId, SourceId, TimeSpec};

/// What kind of document a [`Source`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SourceKind {
    /// A news or analysis article.
    Article,
    /// An interview.
    Interview,
    /// A speech or address.
    Speech,
    /// A radio or television broadcast.
    Broadcast,
    /// A report (of observers, of an agency, of a think tank).
    Report,
    /// A post on a social network.
    SocialPost,
    /// An official statement, resolution or communiqué.
    Statement,
    /// A translation published as a document of its own.
    Translation,
    /// A republication of another document on another site.
    Republication,
}

/// How a source derives from an earlier one.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DerivationKind {
    /// A translation of the earlier source (the translator is `by`).
    TranslationOf,
    /// A republication of the earlier source, whole or nearly so (the republisher is `by`).
    RepublicationOf,
    /// Quotes or cites the earlier source.
    Cites,
    /// Publishes or reports an interview, speech or broadcast (the earlier source).
    PublishesInterview,
}

impl DerivationKind {
    /// Whether the derived text carries the earlier text itself (translation or republication),
    /// rather than quoting from it. Such a link must not point at its own source.
    pub fn carries_text(self) -> bool {
        matches!(self, DerivationKind::TranslationOf | DerivationKind::RepublicationOf)
    }
}

/// A link from a source to the earlier source it derives from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Derivation {
    /// How it derives.
    pub kind: DerivationKind,
    /// The earlier source.
    pub source: SourceId,
    /// Who performed it: the translator, republisher, or interviewer.
    pub by: Option<ActorId>,
}

/// A document: an article, interview, speech, translation, republication...
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// The id used in data files.
    pub key: String,
    /// What kind of document.
    pub kind: SourceKind,
    /// The title, as published.
    pub title: String,
    /// The outlet that published it.
    pub outlet: Option<ActorId>,
    /// Its authors.
    pub authors: Vec<ActorId>,
    /// Its language, as an ISO 639-1 code (`en`, `fr`, `ru`, `it`, `kk`).
    pub language: String,
    /// Its publication date, as the source states it (not corrected).
    pub published: Option<TimeSpec>,
    /// Where it was found.
    pub url: Option<String>,
    /// The earlier sources it derives from.
    pub derived_from: Vec<Derivation>,
    /// A free-text note.
    pub note: Option<String>,
}

impl Source {
    /// A new source with no outlet, authors, date, URL or derivations.
    pub fn new(
        key: impl Into<String>,
        kind: SourceKind,
        title: impl Into<String>,
        language: impl Into<String>,
    ) -> Source {
        Source {
            key: key.into(),
            kind,
            title: title.into(),
            outlet: None,
            authors: Vec::new(),
            language: language.into(),
            published: None,
            url: None,
            derived_from: Vec::new(),
            note: None,
        }
    }
}
