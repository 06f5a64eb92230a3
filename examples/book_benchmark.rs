//! The book-author benchmark of truth discovery (Yin, Han and Yu): which authors did each
//! computer-science book have, given the author lists of 895 online stores (`data/book/`)? The
//! listings come in through the public CSV import; author lists are normalised to sets of last
//! names; every truth-discovery algorithm picks a winner per book; the accuracy is the share of
//! the 100 books of `book_golden.txt` whose winning author set equals the gold set. Books are
//! matched by ISBN-13: the listings give ISBN-10s, the gold file mostly ISBN-10s and some
//! ISBN-13s; ISBN-10s are converted (978 prefix, EAN check digit).
//!
//! ```text
//! cargo run --release --example book_benchmark [-- DATA_DIR] [--json]
//! ```
//!
//! The text output is a table; `--json` prints one JSON line per algorithm with `algorithm`,
//! `accuracy`, `correct`, `books`, `iterations` and `converged`.
//!
//! # The normalisation of author lists
//!
//! Stores write one list in many ways: `Knuth, Donald E.`, `Donald E. Knuth`, `KNUTH, DONALD
//! E.`, `Donald Ervin Knuth`, `Shneiderman, Ben/ Plaisant, Catherine`, `Blackburn, Peter;
//! Vaughn, William R.`, `Andrew Binstock, John Rex`, `Henderson, Ken (Author)`, and middle names
//! come and go. The gold lists are `last, first;` lists. Two lists are the same when their sets
//! of last names are, with the last names read so:
//!
//! 1. `Not Available`, `N/A`, `None` and empty cells give no list (the import skips the row).
//! 2. Parenthesised remarks (`(Author)`, `(Editor)`, series names) end a name and are dropped;
//!    HTML entities (`&amp;`,
//!    `&#128;`) and role words (`editor`, `edt`, `foreword by`, `jr`, `phd`, `et al`) are dropped.
//! 3. The list is split into names on `;`, `/`, `&`, `|` and the word `and`.
//! 4. A name with commas is either `Last, First` pairs (when the part before the first comma is
//!    one word, initials aside: `Knuth, Donald E.`, `Lazar, Jonathan, Smith, John`) or names
//!    separated by commas (`Andrew Binstock, John Rex`): then each part is `First Last`.
//! 5. In `First Last` form the last name is the last word that is not an initial.
//! 6. Names are folded with [`claimgraph::fold_name`]: case, diacritics, hyphens and apostrophes
//!    (`O'Leary` and `OLeary` differ, `o'leary` and `O'Leary` do not).
//!
//! Comparing last names only keeps middle names and initials (`Donald E.` / `Donald Ervin`) from
//! splitting one list into several; it does not recover lists written without any separator
//! (`Donald E. Knuth John Fuller` reads as one author, Fuller), nor `Last First` without a comma.
//!
//! Stores list each book independently here (no derivation links between listings), so the
//! provenance-aware mode would give the plain results; only the plain algorithms run.

#[path = "common/book.rs"]
mod book;
#[allow(dead_code, reason = "this example imports a table: it loads no data directory")]
mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use claimgraph::trust::{TruthProblemBuilder, ValueId, Voices, algorithms};
use claimgraph::{ClaimGraph, ObjectType, Predicate, Value, fold_name};
use serde::Serialize;

/// Words that name a role or a title, not an author.
const ROLE_WORDS: [&str; 14] =
    ["editor", "editors", "edt", "ed", "eds", "foreword", "by", "author", "authors", "jr", "sr", "phd", "et", "al"];

/// Replaces parenthesised remarks by a name separator and removes HTML entities.
fn strip_remarks(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut depth = 0usize;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '(' | '[' => depth += 1,
            // A remark ends a name: `Henderson, Ken (Author) Soukup, Ron`.
            ')' | ']' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    out.push(';');
                }
            }
            '&' if chars.peek().is_some_and(|n| n.is_ascii_alphanumeric() || *n == '#') => {
                // An entity: skip to its ';' (or the end of the word).
                while let Some(&n) = chars.peek() {
                    chars.next();
                    if n == ';' || n == ' ' {
                        break;
                    }
                }
            }
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The words of a name that are not initials nor role words, folded.
fn words(name: &str) -> Vec<String> {
    name.split(|c: char| c.is_whitespace() || c == '.')
        .map(fold_name)
        .filter(|w| w.chars().filter(|c| c.is_alphanumeric()).count() > 1 && !ROLE_WORDS.contains(&w.as_str()))
        .collect()
}

/// The set of last names of an author list, or `None` when the cell gives none. See the module
/// docs for the rules.
fn last_names(cell: &str) -> Option<BTreeSet<String>> {
    let cell = cell.trim();
    if cell.is_empty() || book::NO_AUTHOR.iter().any(|n| n.eq_ignore_ascii_case(cell)) {
        return None;
    }
    let cleaned = strip_remarks(cell);
    let mut names: Vec<String> = Vec::new();
    let split =
        cleaned.split([';', '/', '&', '|']).flat_map(|part| part.split(" and ").map(str::to_owned).collect::<Vec<_>>());
    for part in split {
        let commas: Vec<&str> = part.split(',').map(str::trim).filter(|p| !words(p).is_empty()).collect();
        match commas.as_slice() {
            [] => {}
            [one] => names.extend(words(one).last().cloned()),
            [first, ..] if words(first).len() == 1 => {
                // Last, First pairs: the even parts are last names.
                for pair in commas.chunks(2) {
                    names.extend(words(pair[0]).first().cloned());
                }
            }
            _ => {
                for p in &commas {
                    names.extend(words(p).last().cloned());
                }
            }
        }
    }
    let set: BTreeSet<String> = names.into_iter().collect();
    (!set.is_empty()).then_some(set)
}

/// The ISBN-13 of an ISBN-10 (978 prefix and the EAN check digit), or `None` if `isbn` is not
/// 10 characters of digits (the last may be `X`).
fn isbn13(isbn: &str) -> Option<String> {
    let isbn = isbn.trim();
    let b = isbn.as_bytes();
    if b.len() != 10
        || !b[..9].iter().all(u8::is_ascii_digit)
        || !(b[9].is_ascii_digit() || b[9] == b'X' || b[9] == b'x')
    {
        return None;
    }
    let body = format!("978{}", &isbn[..9]);
    let sum: u32 = body.bytes().enumerate().map(|(i, d)| u32::from(d - b'0') * if i % 2 == 0 { 1 } else { 3 }).sum();
    Some(format!("{body}{}", (10 - sum % 10) % 10))
}

/// The gold author sets, by ISBN-13 (the file gives most books by ISBN-10, some by ISBN-13);
/// lines that give no list or no ISBN are errors naming the line.
fn gold(path: &Path) -> Result<BTreeMap<String, BTreeSet<String>>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let mut out = BTreeMap::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let Some((isbn, authors)) = line.split_once('\t') else {
            return Err(format!("{}:{}:1: expected `isbn<TAB>authors`", path.display(), i + 1));
        };
        let Some(set) = last_names(authors) else {
            return Err(format!("{}:{}: no author in {authors:?}", path.display(), i + 1));
        };
        let isbn = isbn.trim();
        let Some(isbn) = (if isbn.len() == 13 && isbn.bytes().all(|b| b.is_ascii_digit()) {
            Some(isbn.to_owned())
        } else {
            isbn13(isbn)
        }) else {
            return Err(format!("{}:{}:1: {isbn:?} is not an ISBN-10 or ISBN-13", path.display(), i + 1));
        };
        out.insert(isbn, set);
    }
    Ok(out)
}

/// One algorithm's score: a row of the table, and with `--json` one JSON line, its fields by
/// these names (`{"algorithm":"Sums","accuracy":0.62,"correct":62,"books":100,...}`).
#[derive(Serialize)]
struct Score {
    /// The algorithm's name (`MajorityVote`, `Sums`...).
    algorithm: &'static str,
    /// The share of the gold books it got right, from 0 to 1: `correct / books`.
    accuracy: f64,
    /// How many gold books its winning author set matches.
    correct: usize,
    /// How many gold books there are.
    books: usize,
    /// How many iterations it ran.
    iterations: u32,
    /// Whether it converged before the iteration cap.
    converged: bool,
}

/// Imports the listings, runs every algorithm and scores it against the gold books.
fn benchmark(dir: &Path) -> Result<(Vec<Score>, usize), String> {
    let book = dir.join("book.txt");
    let mut graph = ClaimGraph::new();
    let authors = Predicate::new("authors", "was written by", ObjectType::Text).single();
    graph.add_predicate(authors).map_err(|e| e.to_string())?;
    let mapping = book::mapping();
    claimgraph::import_csv(&mut graph, &book, &mapping)
        .map_err(|e| format!("cannot import {}: {e}", book.display()))?;
    let gold = gold(&dir.join("book_golden.txt"))?;

    // Books (ISBN-13) as variables, normalised author sets as values, stores as holders.
    let mut b = TruthProblemBuilder::new();
    let mut holders = HashMap::new();
    let mut variables = BTreeMap::new();
    let mut values: HashMap<(String, BTreeSet<String>), ValueId> = HashMap::new();
    let mut value_sets: Vec<BTreeSet<String>> = Vec::new();
    let mut claimed = BTreeSet::new();
    for (_, c) in graph.claims() {
        let Value::Text(text) = c.object() else { continue };
        let Some(set) = last_names(&text) else { continue };
        let Some(isbn) = graph.actor(c.subject()).and_then(|a| isbn13(a.key())) else { continue };
        let holder = *holders.entry(c.said_by()).or_insert_with(|| b.add_holder());
        let variable = *variables.entry(isbn.clone()).or_insert_with(|| b.add_variable());
        let value = match values.get(&(isbn.clone(), set.clone())) {
            Some(&v) => v,
            None => {
                let v = b.add_value(variable).map_err(|e| e.to_string())?;
                values.insert((isbn, set.clone()), v);
                value_sets.push(set);
                v
            }
        };
        // A store listing a book twice with one author set makes one claim.
        if claimed.insert((holder, value)) {
            b.add_claim(holder, value).map_err(|e| e.to_string())?;
        }
    }
    let problem = b.build();
    let mut scores = Vec::new();
    for algorithm in algorithms(Voices::Holders) {
        let result = algorithm.run(&problem).map_err(|e| e.to_string())?;
        let correct = gold
            .iter()
            .filter(|(isbn, set)| {
                let winner = variables.get(*isbn).and_then(|&v| result.winner(v));
                winner.is_some_and(|w| value_sets[w.index()] == **set)
            })
            .count();
        scores.push(Score {
            algorithm: algorithm.name(),
            accuracy: correct as f64 / gold.len() as f64,
            correct,
            books: gold.len(),
            iterations: result.iterations(),
            converged: result.converged(),
        });
    }
    Ok((scores, problem.claim_count()))
}

fn main() -> ExitCode {
    let args = common::args();
    let dir =
        args.rest.first().map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/book"), PathBuf::from);
    let (scores, claims) = match benchmark(&dir) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    if args.json {
        for s in &scores {
            common::json_line(s);
        }
        return ExitCode::SUCCESS;
    }
    println!("book-author benchmark: {claims} claims (store, book, last-name set), {} gold books", scores[0].books);
    println!();
    println!("| algorithm | accuracy | correct | iterations | converged |");
    println!("|---|---|---|---|---|");
    for s in &scores {
        println!(
            "| {} | {:.3} | {}/{} | {} | {} |",
            s.algorithm,
            s.accuracy,
            s.correct,
            s.books,
            s.iterations,
            if s.converged { "yes" } else { "no" }
        );
    }
    ExitCode::SUCCESS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(names: &[&str]) -> Option<BTreeSet<String>> {
        Some(names.iter().map(|s| (*s).to_owned()).collect())
    }

    #[test]
    fn normalisation_reads_the_variants_of_the_data() {
        for (cell, expected) in [
            ("Knuth, Donald E.", set(&["knuth"])),
            ("KNUTH, DONALD E.", set(&["knuth"])),
            ("Donald E. Knuth", set(&["knuth"])),
            ("Donald Ervin Knuth", set(&["knuth"])),
            ("Knuth, Donald Ervin", set(&["knuth"])),
            ("Knuth", set(&["knuth"])),
            ("Shneiderman, Ben/ Plaisant, Catherine", set(&["shneiderman", "plaisant"])),
            ("Blackburn, Peter; Vaughn, William R.", set(&["blackburn", "vaughn"])),
            ("William R. Vaughn, Peter Blackburn", set(&["blackburn", "vaughn"])),
            ("Andrew Binstock, John Rex", set(&["binstock", "rex"])),
            ("Henderson, Ken (Author) Soukup, Ron (Foreword by)", set(&["henderson", "soukup"])),
            ("Salus, Peter H. (Author)", set(&["salus"])),
            ("Smith, Richard E.,", set(&["smith"])),
            ("Date, C. J./ Darwen, Hugh", set(&["date", "darwen"])),
            ("C.J. Date", set(&["date"])),
            ("Scollard, Lafayette; Scollard, Sharon; Adams, Tyrone", set(&["scollard", "adams"])),
            ("Day & Van Slyke", set(&["day", "slyke"])),
            ("Kernighan and Ritchie", set(&["kernighan", "ritchie"])),
            ("o'leary, timothy j.;  o'leary, linda i.;  ", set(&["o leary"])),
            ("Thierry D&acirc;&#128;&#153;Hers", set(&["dhers"])),
            ("Felke-Morris, Terry", set(&["felke morris"])),
            ("Lazar, Jonathan, Smith, John", set(&["lazar", "smith"])),
            ("Not Available", None),
            ("", None),
            ("  ", None),
        ] {
            assert_eq!(last_names(cell), expected, "{cell:?}");
        }
    }

    #[test]
    fn isbn_10_to_13() {
        // The Art of Computer Programming 4, fascicle 3; and an X check digit.
        assert_eq!(isbn13("0201853949").as_deref(), Some("9780201853940"));
        assert_eq!(isbn13("080442957X").as_deref(), Some("9780804429573"));
        assert_eq!(isbn13("12345"), None);
        assert_eq!(isbn13("02018539a9"), None);
    }

    /// The accuracies on the bundled data, as `cargo run --example book_benchmark` prints them.
    #[test]
    fn accuracies_on_the_bundled_data() {
        let (scores, _) = benchmark(&Path::new(env!("CARGO_MANIFEST_DIR")).join("data/book")).unwrap();
        let by_name: BTreeMap<&str, usize> = scores.iter().map(|s| (s.algorithm, s.correct)).collect();
        assert_eq!(scores.iter().map(|s| s.books).collect::<BTreeSet<_>>(), BTreeSet::from([100]));
        let expected = BTreeMap::from([
            ("MajorityVote", 69),
            ("Sums", 62),
            ("AverageLog", 69),
            ("Investment", 76),
            ("PooledInvestment", 80),
            ("TruthFinder", 68),
        ]);
        assert_eq!(by_name, expected);
        // The best algorithm beats majority vote by 11 books in 100.
        let best = scores.iter().map(|s| s.correct).max().unwrap();
        assert!(best >= by_name["MajorityVote"] + 10);
    }
}
