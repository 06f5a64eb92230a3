//! Positions in data files: ron reports spans for syntax errors only, so the loader finds the
//! places of entities and of the references inside them itself.
//!
//! One pass over the text lexes it the way RON does (comments, plain, escaped and raw strings,
//! identifiers) and indexes every string literal by its *decoded* value and every field name,
//! each by byte offset; an `id: "..."` declaration is a field `id` followed by a string. Every
//! later question (where is the `n`th declaration of this id, where in this entity is that
//! reference) is a hash lookup and a binary search, and turning an offset into a line and column
//! costs a binary search in the line starts plus a bounded count of characters, so locating every
//! problem of a file stays linear in its size, whatever the length of its lines.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use crate::error::Location;

/// How many bytes apart the character-count checkpoints are.
const CHECKPOINT: usize = 1024;

/// Lines, columns and excerpts of one text.
#[derive(Clone, Debug)]
pub(crate) struct Lines<'a> {
    text: &'a str,
    /// The byte offset where each line starts.
    line_starts: Vec<usize>,
    /// The number of characters before every multiple of [`CHECKPOINT`] bytes.
    chars_before: Vec<usize>,
}

impl<'a> Lines<'a> {
    pub(crate) fn new(text: &'a str) -> Lines<'a> {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        line_starts.extend(memchr_all(bytes, b'\n').map(|i| i + 1));
        let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut count = 0;
        for block in bytes.chunks(CHECKPOINT) {
            chars_before.push(count);
            count += char_starts(block);
        }
        chars_before.push(count);
        Lines { text, line_starts, chars_before }
    }

    /// The number of characters in `text[..offset]` (any byte offset; a byte inside a character
    /// counts with it).
    fn chars_to(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        let block = offset / CHECKPOINT;
        self.chars_before[block] + char_starts(&self.text.as_bytes()[block * CHECKPOINT..offset])
    }

    /// The 1-based line and column (in characters) of a byte offset.
    pub(crate) fn line_column(&self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset);
        let start = self.line_starts[line - 1];
        (line, self.chars_to(offset) - self.chars_to(start) + 1)
    }

    /// The byte offset of a 1-based line and column (in characters), if the line holds it.
    pub(crate) fn offset(&self, line: usize, column: usize) -> Option<usize> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let target = self.chars_to(start) + column.checked_sub(1)?;
        // The last checkpoint at or before the target character, then a bounded walk.
        let block = self.chars_before.partition_point(|&c| c <= target).saturating_sub(1);
        let mut at = (block * CHECKPOINT).max(start);
        let mut count = self.chars_to(at);
        let bytes = self.text.as_bytes();
        while at < end && (count < target || !self.text.is_char_boundary(at)) {
            count += usize::from((bytes[at] as i8) >= -0x40);
            at += 1;
        }
        (count == target && self.text.is_char_boundary(at)).then_some(at)
    }

    /// The text of a 1-based line, without its line break.
    pub(crate) fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        let end = self.line_starts.get(line).map_or(self.text.len(), |&e| e - 1);
        let text = self.text.get(start..end)?;
        Some(text.strip_suffix('\r').unwrap_or(text))
    }
}

/// The offsets of every `needle` byte.
fn memchr_all(bytes: &[u8], needle: u8) -> impl Iterator<Item = usize> + '_ {
    bytes.iter().enumerate().filter(move |&(_, &b)| b == needle).map(|(i, _)| i)
}

/// The number of bytes that start a character (all but UTF-8 continuation bytes).
fn char_starts(bytes: &[u8]) -> usize {
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// One file's text, with its declarations, string literals and field names indexed.
#[derive(Debug)]
pub(crate) struct Locator<'a> {
    pub(crate) path: &'a Path,
    pub(crate) lines: Lines<'a>,
    /// The byte offset of the string of every `id` field, in file order.
    ids: Vec<usize>,
    /// For each section (`claims`, `actors`...) and decoded id, the positions of its
    /// declarations in `ids`, in file order.
    by_key: HashMap<(&'a str, Cow<'a, str>), Vec<u32>>,
    /// The offsets of the string literals of each decoded value, in file order.
    strings: HashMap<Cow<'a, str>, Vec<usize>>,
    /// The offsets of the field names (an identifier followed by `:`) of each name, in file order.
    fields: HashMap<&'a str, Vec<usize>>,
}

/// A lexeme the scanner keeps.
enum Token<'a> {
    Ident(&'a str),
    Str(Cow<'a, str>),
    Colon,
    Open,
    Close,
    Other,
}

impl<'a> Locator<'a> {
    pub(crate) fn new(path: &'a Path, text: &'a str) -> Locator<'a> {
        let mut loc = Locator {
            path,
            lines: Lines::new(text),
            ids: Vec::new(),
            by_key: HashMap::new(),
            strings: HashMap::new(),
            fields: HashMap::new(),
        };
        // The last two tokens kept, to recognise `ident :` and `id : "..."`; the nesting depth
        // and the top-level field (the section) the scan is in.
        let mut before: Option<(usize, Token<'a>)> = None;
        let mut last: Option<(usize, Token<'a>)> = None;
        let mut depth = 0usize;
        let mut section = "";
        let mut ids = Vec::new();
        for (at, token) in Scanner::new(text) {
            match (&before, &last, &token) {
                (_, Some((field_at, Token::Ident(name))), Token::Colon) => {
                    loc.fields.entry(name).or_default().push(*field_at);
                    if depth == 1 {
                        section = name;
                    }
                }
                (Some((_, Token::Ident("id"))), Some((_, Token::Colon)), Token::Str(value)) if depth > 1 => {
                    ids.push((at, section, value.clone()));
                }
                _ => {}
            }
            match token {
                Token::Open => depth += 1,
                Token::Close => depth = depth.saturating_sub(1),
                _ => {}
            }
            if let Token::Str(value) = &token {
                loc.strings.entry(value.clone()).or_default().push(at);
            }
            before = last.take();
            last = Some((at, token));
        }
        for (i, (at, section, key)) in ids.into_iter().enumerate() {
            loc.ids.push(at);
            // A declaration takes at least six bytes, so a file of fewer than 24 GiB has fewer
            // than `u32::MAX` of them.
            loc.by_key.entry((section, key)).or_default().push(u32::try_from(i).unwrap_or(u32::MAX));
        }
        loc
    }

    /// The location of a byte offset.
    pub(crate) fn at(&self, offset: usize) -> Location {
        let (line, column) = self.lines.line_column(offset);
        Location { path: self.path.to_owned(), line, column }
    }

    /// The span of the `nth` (from 0) declaration `id: "key"` in `section` (`claims`,
    /// `actors`...) of the file: from the opening quote of its id to the next declaration.
    pub(crate) fn entity(&self, section: &str, key: &str, nth: usize) -> Option<(usize, usize)> {
        let pos = *self.by_key.get(&(section, Cow::Borrowed(key)))?.get(nth)? as usize;
        let start = *self.ids.get(pos)?;
        let end = self.ids.get(pos + 1).map_or(self.lines.text.len(), |&o| o);
        Some((start, end))
    }

    /// Where the field `name` first occurs in the file (the file's start if nowhere).
    pub(crate) fn first_field(&self, name: &str) -> Location {
        self.at(self.fields.get(name).and_then(|offsets| offsets.first().copied()).unwrap_or(0))
    }

    /// The `nth` (from 0) offset of `offsets` within `span`.
    fn nth_within(offsets: Option<&Vec<usize>>, span: (usize, usize), nth: usize) -> Option<usize> {
        let offsets = offsets?;
        let first = offsets.partition_point(|&o| o < span.0);
        offsets.get(first + nth).copied().filter(|&o| o < span.1)
    }

    /// Where the `nth` (from 0) string literal whose value is `value` lies in the entity of
    /// `span` from its field `field` on (from its id on, if it has no such field), else the start
    /// of the span.
    pub(crate) fn string(&self, span: (usize, usize), field: &str, value: &str, nth: usize) -> Location {
        let from = Self::nth_within(self.fields.get(field), span, 0).unwrap_or(span.0 + 1);
        self.at(Self::nth_within(self.strings.get(value), (from, span.1), nth).unwrap_or(span.0))
    }

    /// Where the field `name` first lies within `span`, else the start of the span.
    pub(crate) fn field(&self, span: (usize, usize), name: &str) -> Location {
        self.at(Self::nth_within(self.fields.get(name), span, 0).unwrap_or(span.0))
    }
}

/// The lexemes of a RON text that locating needs, with their byte offsets. Anything it does not
/// understand is skipped a character at a time: the text may be invalid, and positions of a
/// file ron refused are never asked for.
struct Scanner<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Scanner<'a> {
    fn new(text: &'a str) -> Scanner<'a> {
        Scanner { text, at: 0 }
    }

    fn rest(&self) -> &'a [u8] {
        &self.text.as_bytes()[self.at..]
    }

    /// Skips a comment starting here, if any; whether it did.
    fn comment(&mut self) -> bool {
        let rest = self.rest();
        if rest.starts_with(b"//") {
            self.at += rest.iter().position(|&b| b == b'\n').unwrap_or(rest.len());
            true
        } else if rest.starts_with(b"/*") {
            // Block comments nest in RON.
            let mut depth = 0usize;
            let mut i = 0;
            while i < rest.len() {
                if rest[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if rest[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
            self.at += i;
            true
        } else {
            false
        }
    }

    /// A string literal starting at `start` with its quote at `quote` (plain or escaped).
    fn quoted(&mut self, start: usize, quote: usize) -> Token<'a> {
        let bytes = self.text.as_bytes();
        let mut i = quote + 1;
        let mut escaped = false;
        while i < bytes.len() && bytes[i] != b'"' {
            if bytes[i] == b'\\' {
                escaped = true;
                i += 1;
            }
            i += 1;
        }
        let end = (i + 1).min(bytes.len());
        self.at = end;
        if !escaped {
            return Token::Str(Cow::Borrowed(self.text.get(quote + 1..i.min(bytes.len())).unwrap_or("")));
        }
        // Escapes are decoded by ron itself, so a value here is the value the loader saw.
        match self.text.get(start..end).map(ron::from_str::<String>) {
            Some(Ok(value)) => Token::Str(Cow::Owned(value)),
            _ => Token::Other,
        }
    }

    /// A raw string `r#"..."#` whose `r` is at `start`, if one starts there.
    fn raw(&mut self, start: usize) -> Option<Token<'a>> {
        let bytes = self.text.as_bytes();
        let hashes = bytes[start + 1..].iter().take_while(|&&b| b == b'#').count();
        let quote = start + 1 + hashes;
        if bytes.get(quote) != Some(&b'"') {
            return None;
        }
        let mut closing = vec![b'"'];
        closing.extend(std::iter::repeat_n(b'#', hashes));
        let body = quote + 1;
        let end = bytes[body..].windows(closing.len()).position(|w| w == closing.as_slice()).map(|p| body + p);
        let Some(end) = end else {
            self.at = bytes.len();
            return Some(Token::Other);
        };
        self.at = end + closing.len();
        Some(Token::Str(Cow::Borrowed(self.text.get(body..end).unwrap_or(""))))
    }
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

impl<'a> Iterator for Scanner<'a> {
    type Item = (usize, Token<'a>);

    fn next(&mut self) -> Option<(usize, Token<'a>)> {
        loop {
            let &b = self.rest().first()?;
            if b.is_ascii_whitespace() {
                self.at += 1;
                continue;
            }
            if b == b'/' && self.comment() {
                continue;
            }
            let start = self.at;
            let bytes = self.text.as_bytes();
            let token = match b {
                b'"' => self.quoted(start, start),
                b':' | b'(' | b'[' | b'{' | b')' | b']' | b'}' => {
                    self.at += 1;
                    match b {
                        b':' => Token::Colon,
                        b'(' | b'[' | b'{' => Token::Open,
                        _ => Token::Close,
                    }
                }
                b'b' if bytes.get(start + 1) == Some(&b'"') => {
                    // A byte string: no id, but its contents must not be read as tokens.
                    self.quoted(start, start + 1);
                    Token::Other
                }
                b'r' if matches!(bytes.get(start + 1), Some(b'"' | b'#')) => {
                    if let Some(token) = self.raw(start) {
                        token
                    } else if bytes.get(start + 2).copied().is_some_and(is_ident_start) {
                        // A raw identifier, `r#name`.
                        let len = bytes[start + 2..].iter().take_while(|&&b| is_ident(b)).count();
                        self.at = start + 2 + len;
                        Token::Ident(&self.text[start + 2..start + 2 + len])
                    } else {
                        self.at += 1;
                        Token::Other
                    }
                }
                b'\'' => {
                    // A character literal: skip it whole, so that `'"'` opens no string.
                    let len = match bytes.get(start + 1) {
                        Some(b'\\') => bytes[start + 2..].iter().position(|&b| b == b'\'').map_or(2, |p| p + 3),
                        Some(_) => self.text[start + 1..].chars().next().map_or(1, char::len_utf8) + 2,
                        None => 1,
                    };
                    let end = (start + len).min(bytes.len());
                    // An unterminated literal: step over the quote alone.
                    self.at = if self.text.is_char_boundary(end) { end } else { start + 1 };
                    Token::Other
                }
                _ if is_ident_start(b) => {
                    let len = bytes[start..].iter().take_while(|&&b| is_ident(b)).count();
                    self.at = start + len;
                    Token::Ident(&self.text[start..start + len])
                }
                _ => {
                    // One character, whole: offsets stay on character boundaries.
                    self.at += self.text[start..].chars().next().map_or(1, char::len_utf8);
                    Token::Other
                }
            };
            return Some((start, token));
        }
    }
}

/// The line and column of the first byte that is not UTF-8 in `bytes`, with the byte, if any.
pub(crate) fn first_invalid_utf8(bytes: &[u8]) -> Option<(usize, usize, u8)> {
    let error = std::str::from_utf8(bytes).err()?;
    let valid = std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or("");
    let (line, column) = Lines::new(valid).line_column(valid.len());
    Some((line, column, bytes[error.valid_up_to()]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_ids_and_references() {
        let text = "(\n  actors: [\n    (id: \"a\", kind: Person),\n    (id:\"b\", of: \"zz\"),\n  ],\n)";
        let loc = Locator::new(Path::new("f.ron"), text);
        let span = loc.entity("actors", "b", 0).unwrap();
        assert_eq!(loc.at(span.0).line, 4);
        let at = loc.string(span, "of", "zz", 0);
        assert_eq!((at.line, at.column), (4, 18));
        assert!(loc.entity("actors", "b", 1).is_none() && loc.entity("claims", "b", 0).is_none());
        assert_eq!(loc.at(0).column, 1);
        let of = loc.field(span, "of");
        assert_eq!((of.line, of.column), (4, 14));
    }

    /// Ids written with escapes or as raw strings are found under their decoded value; strings
    /// inside comments, character literals and byte strings are not ids.
    #[test]
    fn escaped_and_raw_ids_are_decoded() {
        let text = "(claims: [\n (id: \"c\\u{31}\", x: \"\\\"q\\\"\"),\n (id: r\"c2\"),\n (id: r#\"c\"3\"#),\n \
                    // (id: \"c4\"),\n /* (id: \"c5\") /* nested */ (id: \"c6\") */ (id: 'x', y: b\"(id: \\\"c7\\\")\"),\n])";
        let loc = Locator::new(Path::new("f.ron"), text);
        let line = |key: &str| loc.entity("claims", key, 0).map(|s| loc.at(s.0).line);
        assert_eq!(line("c1"), Some(2));
        assert_eq!(line("c2"), Some(3));
        assert_eq!(line("c\"3"), Some(4));
        for absent in ["c4", "c5", "c6", "c7", "c\\u{31}"] {
            assert_eq!(line(absent), None, "{absent}");
        }
        let q = loc.string(loc.entity("claims", "c1", 0).unwrap(), "x", "\"q\"", 0);
        assert_eq!((q.line, q.column), (2, 21));
    }

    /// Any text, RON or not, is scanned without a panic, and every position it indexes lies on a
    /// character boundary.
    #[test]
    fn scanning_any_text_never_panics() {
        let alphabet = ['\'', '"', 'r', '#', 'é', '\\', '/', '*', 'a', ':', '(', ')', ' ', '\n', 'b', 'i', 'd', '{'];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..20_000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let mut r = seed;
            for _ in 0..(seed % 40) {
                text.push(alphabet[(r % alphabet.len() as u64) as usize]);
                r /= alphabet.len() as u64;
                if r == 0 {
                    r = seed.rotate_left(17);
                }
            }
            let loc = Locator::new(Path::new("f.ron"), &text);
            for offsets in loc.strings.values().chain(loc.fields.values()) {
                for &o in offsets {
                    assert!(text.is_char_boundary(o), "{text:?} at {o}");
                    let _ = loc.at(o);
                }
            }
            for line in 1..=text.lines().count() + 1 {
                let _ = loc.lines.offset(line, 2);
            }
        }
    }

    /// Columns count characters, not bytes, on long lines too (past many checkpoints).
    #[test]
    fn columns_count_characters() {
        let mut text = "é".repeat(3000);
        text.push_str("x\nab");
        let lines = Lines::new(&text);
        assert_eq!(lines.line_column(6000), (1, 3001));
        assert_eq!(lines.line_column(6003), (2, 2));
        assert_eq!(lines.line(2), Some("ab"));
        assert_eq!(first_invalid_utf8(b"ab\n\xc3\xa9z\xff"), Some((2, 3, 0xff)));
        assert_eq!(first_invalid_utf8(b"fine"), None);
    }
}
