//! Label text: shortening with an ellipsis, wrapping into lines, words for modes and kinds.

use crate::model::{AffiliationKind, DerivationKind, Mode};

/// `text` with its whitespace runs (newlines included) made single spaces, cut to at most `max`
/// characters on a character boundary, ending with `…` when cut.
pub(crate) fn shorten(text: &str, max: usize) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let flat = words.join(" ");
    if flat.chars().count() <= max {
        return flat;
    }
    let keep = max.saturating_sub(1);
    let end = flat.char_indices().nth(keep).map_or(flat.len(), |(i, _)| i);
    let mut out = flat[..end].trim_end().to_owned();
    out.push('…');
    out
}

/// `text` broken into lines of at most `width` characters at spaces (a longer word gets a line
/// of its own, and is split if it is longer than `width`), joined with `\n`.
pub(crate) fn wrap(text: &str, width: usize) -> String {
    let width = width.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let mut word = word;
        loop {
            let len = word.chars().count();
            if line_len > 0 && line_len + 1 + len <= width {
                line.push(' ');
                line.push_str(word);
                line_len += 1 + len;
                break;
            }
            if line_len > 0 {
                lines.push(std::mem::take(&mut line));
                line_len = 0;
            }
            if len <= width {
                line.push_str(word);
                line_len = len;
                break;
            }
            let cut = word.char_indices().nth(width).map_or(word.len(), |(i, _)| i);
            lines.push(word[..cut].to_owned());
            word = &word[cut..];
        }
    }
    if line_len > 0 {
        lines.push(line);
    }
    lines.join("\n")
}

/// How a mode carries the words, in a few words.
pub(crate) fn mode_words(mode: Mode) -> &'static str {
    match mode {
        Mode::Authorial => "own voice",
        Mode::DirectQuote => "direct quote",
        Mode::Paraphrase => "paraphrase",
        Mode::Hedged => "hedged",
        Mode::Inserted => "inserted",
    }
}

/// A derivation link, read from the derived source to the earlier one.
pub(crate) fn derivation_words(kind: DerivationKind) -> &'static str {
    match kind {
        DerivationKind::TranslationOf => "translation of",
        DerivationKind::RepublicationOf => "republication of",
        DerivationKind::Cites => "cites",
        DerivationKind::PublishesInterview => "publishes interview",
    }
}

/// An affiliation, read from the affiliated actor to its target.
pub(crate) fn affiliation_words(kind: AffiliationKind) -> &'static str {
    match kind {
        AffiliationKind::MemberOf => "member of",
        AffiliationKind::PartOf => "part of",
        AffiliationKind::WorksFor => "works for",
        AffiliationKind::Leads => "leads",
        AffiliationKind::OwnedBy => "owned by",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shorten_cuts_on_char_boundaries_with_an_ellipsis() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("  many \n spaces\there ", 40), "many spaces here");
        assert_eq!(shorten("Kasym-Žomart Tokaev said", 14), "Kasym-Žomart…");
        assert_eq!(shorten("Тоқаев сказал это", 8), "Тоқаев…");
        assert_eq!(shorten("日本語のテキスト", 4), "日本語…");
        assert_eq!(shorten("abcdef", 6), "abcdef");
        assert_eq!(shorten("abcdefg", 6), "abcde…");
    }

    #[test]
    fn wrap_breaks_at_spaces_and_splits_long_words() {
        assert_eq!(wrap("one two three four", 9), "one two\nthree\nfour");
        assert_eq!(wrap("abcdefghij", 4), "abcd\nefgh\nij");
        assert_eq!(wrap("Žž Žž Žž", 5), "Žž Žž\nŽž");
        assert_eq!(wrap("", 5), "");
    }
}
