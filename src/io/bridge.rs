//! Loading a whole data set given as one [`FileDoc`] (read from JSON or RDF) through the RON
//! loader, so that every rule is checked once, in one place, and every problem is reported.
//!
//! The document is written as RON text with one entity per line, and given to
//! [`load_str`](super::load_str). The line of each problem then says which entity it is about
//! (its [`Slot`]), and the text at its column which token (an id, a field name); the JSON and
//! RDF readers turn these back into a position in their own input.

use std::collections::HashMap;

use super::format::FileDoc;
use crate::ClaimGraph;
use crate::error::{EntityKind, LoadError, Location, Problem, ProblemKind};

/// The place of an element in a [`FileDoc`]: a section and the position in it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    /// The `defaults` section.
    Defaults,
    /// The `index`th entity of the section of `kind`.
    Entity(EntityKind, usize),
}

/// Where a problem of the RON transcript is, in terms of the document.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Place {
    /// The element the problem is about, if it is about one.
    pub(crate) slot: Option<Slot>,
    /// The token at the problem's column: a quoted string (with its quotes) or a field name.
    pub(crate) token: Option<String>,
}

/// The RON transcript of a document, with the first line of every element.
struct Transcript {
    text: String,
    /// (first line, slot), by line.
    starts: Vec<(usize, Slot)>,
    /// The number of newlines in `text`, kept as it grows.
    newlines: usize,
}

impl Transcript {
    fn new(doc: &FileDoc) -> Result<Transcript, String> {
        let mut t = Transcript { text: String::new(), starts: Vec::new(), newlines: 0 };
        t.push("(\n");
        t.section("units", EntityKind::Unit, &doc.units)?;
        t.section("predicates", EntityKind::Predicate, &doc.predicates)?;
        t.section("actors", EntityKind::Actor, &doc.actors)?;
        t.section("sources", EntityKind::Source, &doc.sources)?;
        t.section("claims", EntityKind::Claim, &doc.claims)?;
        t.section("conflicts", EntityKind::Conflict, &doc.conflicts)?;
        if doc.defaults.tolerance.is_some() {
            t.starts.push((t.line(), Slot::Defaults));
            t.push("defaults:\n");
            t.push(&ron::to_string(&doc.defaults).map_err(|e| e.to_string())?);
            t.push(",\n");
        }
        t.push(")\n");
        Ok(t)
    }

    fn push(&mut self, text: &str) {
        self.newlines += text.bytes().filter(|&b| b == b'\n').count();
        self.text.push_str(text);
    }

    /// The line the next text starts on, from 1.
    fn line(&self) -> usize {
        self.newlines + 1
    }

    fn section<T: serde::Serialize>(&mut self, name: &str, kind: EntityKind, items: &[T]) -> Result<(), String> {
        if items.is_empty() {
            return Ok(());
        }
        self.push(name);
        self.push(": [\n");
        for (i, item) in items.iter().enumerate() {
            self.starts.push((self.line(), Slot::Entity(kind, i)));
            self.push(&ron::to_string(item).map_err(|e| e.to_string())?);
            self.push(",\n");
        }
        self.push("],\n");
        Ok(())
    }

    /// The byte offset of every line's start.
    fn line_starts(&self) -> Vec<usize> {
        std::iter::once(0).chain(self.text.match_indices('\n').map(|(i, _)| i + 1)).collect()
    }

    fn place(&self, line_starts: &[usize], location: &Location) -> Place {
        let at = self.starts.partition_point(|&(line, _)| line <= location.line);
        let slot = at.checked_sub(1).map(|i| self.starts[i].1);
        let token = line_starts.get(location.line.wrapping_sub(1)).and_then(|&start| {
            let line = self.text[start..].lines().next().unwrap_or("");
            let rest: String = line.chars().skip(location.column.saturating_sub(1)).collect();
            token_at(&rest)
        });
        Place { slot, token }
    }
}

/// The token `rest` starts with: a RON string literal with its quotes, or a word.
fn token_at(rest: &str) -> Option<String> {
    if let Some(body) = rest.strip_prefix('"') {
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => return Some(rest[..i + 2].to_owned()),
                _ => escaped = false,
            }
        }
        return None;
    }
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(rest.len());
    (end > 0).then(|| rest[..end].to_owned())
}

/// One problem of a document: what the loader reported (with the transcript's line and column),
/// where it is, and for a duplicate id where the first declaration is.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Placed {
    pub(crate) problem: Problem,
    pub(crate) place: Place,
    pub(crate) first: Option<Place>,
}

/// Loads `doc` with every rule of the RON loader. On failure, every problem comes with the
/// [`Place`] it is about; a problem's `path` is `name`, its line and column those of the
/// transcript (callers replace them with positions in their own input).
///
/// Duplicate ids are found here, before the loader runs, and only the first declaration of an
/// id goes on to the loader (whose checks assume declarations of one file have distinct ids).
pub(crate) fn load_doc(name: &str, doc: &FileDoc) -> Result<ClaimGraph, Vec<Placed>> {
    let mut placed = Vec::new();
    let mut unique = FileDoc { defaults: doc.defaults, ..FileDoc::default() };
    // For each kind, the index in `doc` of each entity kept in `unique`.
    let mut kept: HashMap<EntityKind, Vec<usize>> = HashMap::new();
    macro_rules! dedup {
        ($field:ident, $kind:expr) => {{
            let mut first: HashMap<&str, usize> = HashMap::new();
            for (i, e) in doc.$field.iter().enumerate() {
                match first.get(e.id.as_str()) {
                    Some(&f) => placed.push(Placed {
                        problem: Problem::new(
                            Location { path: name.into(), line: 1, column: 1 },
                            ProblemKind::DuplicateId {
                                kind: $kind,
                                key: e.id.clone(),
                                first: Location { path: name.into(), line: 1, column: 1 },
                            },
                        ),
                        place: Place { slot: Some(Slot::Entity($kind, i)), token: None },
                        first: Some(Place { slot: Some(Slot::Entity($kind, f)), token: None }),
                    }),
                    None => {
                        first.insert(&e.id, i);
                        unique.$field.push(e.clone());
                        kept.entry($kind).or_default().push(i);
                    }
                }
            }
        }};
    }
    dedup!(units, EntityKind::Unit);
    dedup!(predicates, EntityKind::Predicate);
    dedup!(actors, EntityKind::Actor);
    dedup!(sources, EntityKind::Source);
    dedup!(claims, EntityKind::Claim);
    dedup!(conflicts, EntityKind::Conflict);
    let original = |place: Place| Place {
        slot: place.slot.map(|slot| match slot {
            Slot::Entity(kind, i) => Slot::Entity(kind, kept.get(&kind).and_then(|k| k.get(i)).copied().unwrap_or(i)),
            Slot::Defaults => Slot::Defaults,
        }),
        token: place.token,
    };
    let transcript = match Transcript::new(&unique) {
        Ok(t) => t,
        Err(message) => {
            let problem = Problem::new(
                Location { path: name.into(), line: 1, column: 1 },
                ProblemKind::Syntax(format!("cannot transcribe the document: {message}")),
            );
            placed.push(Placed { problem, place: Place { slot: None, token: None }, first: None });
            return Err(placed);
        }
    };
    // The graph remembers a data file for its entities (where `save_dir` writes them): the
    // document's name with `.ron`, or `data.ron` when that would not be a valid data file name.
    let stem = std::path::Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned());
    let file = stem.map(|s| format!("{s}.ron")).filter(|f| super::names::check(f).is_ok());
    match crate::io::load_str(file.as_deref().unwrap_or("data.ron"), &transcript.text) {
        Ok(graph) if placed.is_empty() => Ok(graph),
        Ok(_) => Err(placed),
        Err(LoadError { problems }) => {
            let lines = transcript.line_starts();
            placed.extend(problems.into_iter().map(|problem| {
                let place = original(transcript.place(&lines, &problem.location));
                let first = match &problem.kind {
                    ProblemKind::DuplicateId { first, .. } => Some(original(transcript.place(&lines, first))),
                    _ => None,
                };
                Placed { problem, place, first }
            }));
            Err(placed)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens() {
        assert_eq!(token_at(r#""a\"b", x"#).as_deref(), Some(r#""a\"b""#));
        assert_eq!(token_at("object:Actor").as_deref(), Some("object"));
        assert_eq!(token_at(":"), None);
        assert_eq!(token_at(r#""open"#), None);
    }

    #[test]
    fn problems_are_placed_on_their_entity() {
        let text = r#"(actors: [(id: "a", kind: Person, name: "A"), (id: "b", kind: Person, name: "B",
            affiliations: [(kind: MemberOf, target: "nobody")])])"#;
        let graph = crate::io::load_str("t.ron", text);
        assert!(graph.is_err());
        let doc: FileDoc = ron::from_str(text).unwrap();
        let problems = load_doc("t.json", &doc).unwrap_err();
        assert_eq!(problems.len(), 1);
        let Placed { problem, place, .. } = &problems[0];
        assert!(problem.to_string().contains("nobody"), "{problem}");
        assert_eq!(place.slot, Some(Slot::Entity(EntityKind::Actor, 1)));
        assert_eq!(place.token.as_deref(), Some("\"nobody\""));
    }
}
