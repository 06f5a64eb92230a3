//! Name folding for alias lookup.

use unicode_normalization::UnicodeNormalization;

/// Folds a name for lookup: Unicode compatibility decomposition with combining marks dropped
/// (so "Žomart" and "Zomart" meet), lower case, and every run of spaces, hyphens, dots, commas
/// and apostrophes made one space.
///
/// ```
/// use claimgraph::fold_name;
/// assert_eq!(fold_name("Kasym-Žomart  Tokaev"), fold_name("kasym zomart tokaev"));
/// assert_eq!(fold_name("Eugène"), "eugene");
/// ```
pub fn fold_name(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        if c.is_whitespace() || matches!(c, '-' | '‐' | '–' | '—' | '.' | ',' | '\'' | '’' | 'ʼ') {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.extend(c.to_lowercase());
    }
    out
}
