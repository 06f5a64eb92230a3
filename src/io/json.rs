//! JSON: a whole data set as one JSON document of the shape of a RON data file.
//!
//! The document is the canonical [`FileDoc`] (every section sorted by id), written with
//! serde_json; reading it goes through the RON loader (see `bridge.rs`), so a JSON data set
//! obeys every rule a RON one does and every problem is reported, with the line and column of
//! the JSON text. The JSON Schema of the document is `data/claimgraph.schema.json`.

use std::collections::HashMap;
use std::path::Path;

use super::bridge::{Place, Placed, Slot, load_doc};
use super::format::FileDoc;
use crate::ClaimGraph;
use crate::error::{EntityKind, LoadError, Location, Problem, ProblemKind, SaveError};

/// The whole graph as one pretty-printed JSON document: an object with the sections `units`,
/// `predicates`, `actors`, `sources`, `claims`, `conflicts` (each sorted by id, empty ones left
/// out) and `defaults`, every entity as in the RON files (`data/FORMAT.md`, section "JSON and
/// RDF"). Equal graphs give equal text.
///
/// ```
/// let graph = claimgraph::load_str("inline.ron", r#"(
///     actors: [(id: "tokayev", kind: Person, name: "Kassym-Jomart Tokayev")],
/// )"#)?;
/// let json = claimgraph::to_json(&graph);
/// assert!(json.contains(r#""kind": "Person""#));
/// assert_eq!(claimgraph::load_json_str("inline.json", &json)?, graph);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn to_json(graph: &ClaimGraph) -> String {
    let mut text = serde_json::to_string_pretty(&super::canonical(graph))
        .expect("a data document has string keys and finite numbers only");
    text.push('\n');
    text
}

/// Writes [`to_json`] to `path` atomically (a temporary file renamed over the old one).
pub fn save_json(graph: &ClaimGraph, path: impl AsRef<Path>) -> Result<(), SaveError> {
    let path = path.as_ref();
    super::save::write_atomically(path, to_json(graph).as_bytes())
        .map_err(|source| SaveError::Io { path: path.to_owned(), source })
}

/// Reads a JSON data set from a file; see [`load_json_str`].
pub fn load_json(path: impl AsRef<Path>) -> Result<ClaimGraph, LoadError> {
    let path = path.as_ref();
    match std::fs::read_to_string(path) {
        Ok(text) => load_json_str(&path.display().to_string(), &text),
        Err(e) => Err(LoadError {
            problems: vec![Problem::new(
                Location { path: path.to_owned(), line: 1, column: 1 },
                ProblemKind::Io(e.to_string()),
            )],
        }),
    }
}

/// Reads a data set from one JSON document of the shape [`to_json`] writes (sections in any
/// order, entities in any order); `name` is used in error locations.
///
/// Errors: a [`LoadError`] with every problem, each at its line and column in `text`: a JSON
/// syntax error or a field of the wrong shape (one problem, where serde_json stopped), or
/// every rule the RON loader checks (duplicate ids, dangling references, wrong value types,
/// malformed dates...), located at the offending reference within its entity.
///
/// ```
/// let err = claimgraph::load_json_str("bad.json", r#"{
///   "actors": [
///     {"id": "a", "kind": "Person", "name": "A",
///      "affiliations": [{"kind": "MemberOf", "target": "nobody"}]}
///   ]
/// }"#).unwrap_err();
/// assert!(err.to_string().contains("bad.json:4:54: dangling reference: no actor with id \"nobody\""), "{err}");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn load_json_str(name: &str, text: &str) -> Result<ClaimGraph, LoadError> {
    let positions = Positions::new(name, text);
    // serde reads a struct from an array of its fields too; a data document is an object.
    if let Some(at) = text.find(|c: char| !c.is_whitespace())
        && !text[at..].starts_with('{')
    {
        return Err(LoadError {
            problems: vec![Problem::new(
                positions.at(at),
                ProblemKind::Syntax("a data document is a JSON object (`{...}`)".to_owned()),
            )],
        });
    }
    let doc: FileDoc = serde_json::from_str(text).map_err(|e| LoadError {
        problems: vec![Problem::new(positions.line_column(e.line(), e.column()), syntax(&e))],
    })?;
    load_doc(name, &doc).map_err(|placed| {
        let mut problems: Vec<Problem> = placed
            .into_iter()
            .map(|Placed { mut problem, place, first }| {
                problem.location = positions.locate(&place);
                if let (ProblemKind::DuplicateId { first: at, .. }, Some(first)) = (&mut problem.kind, first) {
                    *at = positions.locate(&first);
                }
                problem
            })
            .collect();
        problems.sort_by(|a, b| a.location.cmp(&b.location));
        LoadError { problems }
    })
}

/// serde_json's message without its trailing " at line L column C" (the location says it).
fn syntax(e: &serde_json::Error) -> ProblemKind {
    let message = e.to_string();
    let cut = message.rfind(" at line ").map_or(message.as_str(), |i| &message[..i]);
    ProblemKind::Syntax(cut.to_owned())
}

/// The elements of a JSON data document and where they are.
struct Positions<'a> {
    name: &'a str,
    text: &'a str,
    line_starts: Vec<usize>,
    /// Each element's byte span and the offset of its `"id"` value.
    elements: HashMap<Slot, (usize, usize, Option<usize>)>,
}

/// A JSON token: its byte offset and first byte (`"` for a string, `0` for any other scalar).
fn tokens(text: &str) -> Vec<(usize, u8, usize)> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i += 1;
                out.push((start, b'"', i.min(bytes.len())));
            }
            c @ (b'{' | b'}' | b'[' | b']' | b':' | b',') => {
                out.push((i, c, i + 1));
                i += 1;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                let start = i;
                while i < bytes.len() && !b"{}[]:,\" \t\r\n".contains(&bytes[i]) {
                    i += 1;
                }
                out.push((start, 0, i));
            }
        }
    }
    out
}

fn section_kind(name: &str) -> Option<EntityKind> {
    Some(match name {
        "units" => EntityKind::Unit,
        "predicates" => EntityKind::Predicate,
        "actors" => EntityKind::Actor,
        "sources" => EntityKind::Source,
        "claims" => EntityKind::Claim,
        "conflicts" => EntityKind::Conflict,
        _ => return None,
    })
}

impl<'a> Positions<'a> {
    /// Scans a document serde_json has accepted (or not: the scan never fails, it may only
    /// find less).
    fn new(name: &'a str, text: &'a str) -> Positions<'a> {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut elements = HashMap::new();
        let toks = tokens(text);
        let mut depth = 0usize;
        let mut section: Option<(&str, usize)> = None;
        let mut open: Option<(Slot, usize, Option<usize>)> = None;
        let mut count = 0usize;
        for (t, &(start, kind, end)) in toks.iter().enumerate() {
            let is_key = kind == b'"' && toks.get(t + 1).is_some_and(|n| n.1 == b':');
            match kind {
                b'{' | b'[' => {
                    depth += 1;
                    match (depth, kind, section) {
                        (2, _, _) => count = 0,
                        (3, b'{', Some((name, _))) => {
                            if let Some(k) = section_kind(name) {
                                open = Some((Slot::Entity(k, count), start, None));
                            }
                        }
                        _ => {}
                    }
                }
                b'}' | b']' => {
                    if depth == 3 && kind == b'}' {
                        if let Some((slot, s, id)) = open.take() {
                            elements.insert(slot, (s, end, id));
                        }
                        count += 1;
                    }
                    depth = depth.saturating_sub(1);
                }
                b'"' if is_key && depth == 1 => {
                    let key = &text[start + 1..end.saturating_sub(1).max(start + 1)];
                    section = Some((key, start));
                    if key == "defaults" {
                        elements.insert(Slot::Defaults, (start, start, None));
                    }
                }
                b'"' if is_key && depth == 3 && &text[start..end] == "\"id\"" => {
                    if let (Some(o), Some(&(v, b'"', _))) = (open.as_mut(), toks.get(t + 2)) {
                        o.2 = Some(v);
                    }
                }
                _ => {}
            }
        }
        Positions { name, text, line_starts, elements }
    }

    /// The location of a byte offset.
    fn at(&self, offset: usize) -> Location {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Location { path: self.name.into(), line, column }
    }

    /// serde_json's line and byte column as a location counted in characters.
    fn line_column(&self, line: usize, column: usize) -> Location {
        match self.line_starts.get(line.wrapping_sub(1)) {
            Some(&start) => {
                let offset = (start + column.saturating_sub(1)).min(self.text.len());
                let offset = (0..=offset).rev().find(|&o| self.text.is_char_boundary(o)).unwrap_or(0);
                self.at(offset)
            }
            None => Location { path: self.name.into(), line: line.max(1), column: column.max(1) },
        }
    }

    /// Where a problem placed by the transcript is in the JSON text: at its token within its
    /// element, else at the element's `"id"` value, else at the element.
    fn locate(&self, place: &Place) -> Location {
        let Some(&(start, end, id)) = place.slot.as_ref().and_then(|s| self.elements.get(s)) else {
            return Location { path: self.name.into(), line: 1, column: 1 };
        };
        let needle = place.token.as_deref().and_then(|token| {
            if token.starts_with('"') {
                let value: String = ron::from_str(token).ok()?;
                serde_json::to_string(&value).ok()
            } else {
                Some(format!("\"{token}\""))
            }
        });
        let found = needle.and_then(|n| self.text.get(start..end)?.find(&n).map(|o| start + o));
        self.at(found.or(id).unwrap_or(start))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_elements_and_ids() {
        let text = "{\n  \"actors\": [\n    {\"id\": \"a\"},\n    {\"name\": \"x\", \"id\": \"b\"}\n  ],\n  \"defaults\": {}\n}";
        let p = Positions::new("t.json", text);
        let (_, _, id) = p.elements[&Slot::Entity(EntityKind::Actor, 1)];
        let at = p.at(id.unwrap());
        assert_eq!((at.line, at.column), (4, 25));
        assert!(p.elements.contains_key(&Slot::Defaults));
        assert!(!p.elements.contains_key(&Slot::Entity(EntityKind::Actor, 2)));
    }

    #[test]
    fn syntax_errors_have_line_and_column() {
        let err =
            load_json_str("t.json", "{\n  \"actors\": [\n    {\"id\": \"a\", \"kind\": \"Persn\", \"name\": \"A\"}]}")
                .unwrap_err();
        let p = &err.problems()[0];
        assert_eq!((p.location.line, p.location.column), (3, 31), "{err}");
        assert!(p.to_string().contains("unknown variant `Persn`"), "{err}");
        assert!(!p.to_string().contains(" at line "), "{err}");
    }

    #[test]
    fn empty_documents_and_defaults() {
        assert_eq!(load_json_str("e.json", "{}").unwrap().claim_count(), 0);
        let err = load_json_str("d.json", "{\n  \"units\": [],\n  \"defaults\": {\"tolerance\": -1.0}\n}").unwrap_err();
        let p = &err.problems()[0];
        assert_eq!((p.location.line, p.location.column), (3, 3), "{err}");
        assert!(p.to_string().contains("tolerance"), "{err}");
        let err = load_json_str("a.json", " []").unwrap_err();
        assert!(matches!(err.problems()[0].kind, ProblemKind::Syntax(_)), "{err}");
        assert_eq!(err.problems()[0].location.column, 2);
        assert!(load_json_str("n.json", "").is_err());
    }
}
