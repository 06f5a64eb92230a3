//! Positions in data files: ron reports spans for syntax errors only, so the loader finds the
//! lines of entities and of the references inside them itself.

use std::path::Path;

use crate::error::Location;

/// One file's text, with the offsets of its `id: "..."` declarations.
pub(crate) struct Locator<'a> {
    pub(crate) path: &'a Path,
    text: &'a str,
    line_starts: Vec<usize>,
    /// Byte offset of the opening quote of every `id: "..."`, in file order.
    ids: Vec<(usize, &'a str)>,
    /// For each id, its positions in `ids`, in file order.
    by_key: std::collections::HashMap<&'a str, Vec<usize>>,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(path: &'a Path, text: &'a str) -> Locator<'a> {
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i + 1)).collect();
        let mut ids = Vec::new();
        let bytes = text.as_bytes();
        for (i, _) in text.match_indices("id") {
            let word_start = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
            if !word_start {
                continue;
            }
            let rest = &text[i + 2..];
            let after_colon = rest.trim_start();
            let Some(after_colon) = after_colon.strip_prefix(':') else { continue };
            let value = after_colon.trim_start();
            if !value.starts_with('"') {
                continue;
            }
            let quote_at = text.len() - value.len();
            if let Some(end) = value[1..].find('"') {
                ids.push((quote_at, &value[1..=end]));
            }
        }
        let mut by_key: std::collections::HashMap<&str, Vec<usize>> = std::collections::HashMap::new();
        for (i, (_, key)) in ids.iter().enumerate() {
            by_key.entry(key).or_default().push(i);
        }
        Locator { path, text, line_starts, ids, by_key }
    }

    /// The location of a byte offset.
    pub(crate) fn at(&self, offset: usize) -> Location {
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        let column = self.text.get(start..offset).map_or(1, |s| s.chars().count() + 1);
        Location { path: self.path.to_owned(), line, column }
    }

    /// The span of the `nth` (from 0) declaration `id: "key"` in the file: from its `id` to the
    /// next declaration.
    pub(crate) fn entity(&self, key: &str, nth: usize) -> Option<(usize, usize)> {
        let pos = *self.by_key.get(key)?.get(nth)?;
        let start = self.ids[pos].0;
        let end = self.ids.get(pos + 1).map_or(self.text.len(), |(o, _)| *o);
        Some((start, end))
    }

    /// Where `needle` first occurs within `span`, else the start of the span.
    /// Where `needle` first occurs in the file (its start if nowhere).
    pub(crate) fn first(&self, needle: &str) -> Location {
        self.at(self.text.find(needle).unwrap_or(0))
    }

    pub(crate) fn within(&self, span: (usize, usize), needle: &str) -> Location {
        let offset = self.text.get(span.0..span.1).and_then(|s| s.find(needle)).map_or(span.0, |o| span.0 + o);
        self.at(offset)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_references() {
        let text = "(\n  actors: [\n    (id: \"a\", kind: Person),\n    (id:\"b\", of: \"zz\"),\n  ],\n)";
        let loc = Locator::new(Path::new("f.ron"), text);
        let span = loc.entity("b", 0).unwrap();
        assert_eq!(loc.at(span.0).line, 4);
        let at = loc.within(span, "\"zz\"");
        assert_eq!((at.line, at.column), (4, 18));
        assert!(loc.entity("b", 1).is_none());
        assert_eq!(loc.at(0).column, 1);
    }
}
