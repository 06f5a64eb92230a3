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
    if name.is_ascii() { fold_ascii(name) } else { fold_unicode(name) }
}

/// [`fold_name`] by its definition: decompose, drop combining marks, turn separators into one
/// space, lower the case.
fn fold_unicode(name: &str) -> String {
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

/// [`fold_name`] of an ASCII name, without the Unicode decomposition: an ASCII character
/// decomposes to itself, is no combining mark, and lowers to its ASCII lower case.
fn fold_ascii(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut pending_space = false;
    for c in name.chars() {
        if c.is_whitespace() || matches!(c, '-' | '.' | ',' | '\'') {
            pending_space = !out.is_empty();
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c.to_ascii_lowercase());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ascii_shortcut_folds_as_the_unicode_path_does() {
        let ascii: String = (0u8..128).map(char::from).collect();
        assert_eq!(fold_ascii(&ascii), fold_unicode(&ascii));
        for c in (0u8..128).map(char::from) {
            let name = format!("a{c}B {c}{c}z-{c}");
            assert_eq!(fold_ascii(&name), fold_unicode(&name), "{:?}", c);
        }
        let mut x = 7u64;
        for _ in 0..2_000 {
            let name: String = (0..12)
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    char::from((x >> 57) as u8)
                })
                .collect();
            assert_eq!(fold_name(&name), fold_unicode(&name), "{name:?}");
        }
        assert_eq!(fold_name("Kasym-Žomart  Tokaev"), fold_unicode("Kasym-Žomart  Tokaev"));
    }
}
