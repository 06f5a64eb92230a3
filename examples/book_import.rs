//! Imports a real table of claims, the book-author data set of Yin, Han and Yu (`data/book/`:
//! 33,971 listings of computer-science books by 895 online stores), through the public CSV
//! import, then asks which books the stores disagree about and which author lists several
//! stores corroborate. Each row becomes one claim: the book (an actor created on the fly, keyed
//! by its ISBN and named by the first title listed) `authors` the author list as written
//! (a single-valued text predicate), said by the store in its listing (one source per store,
//! published by the store). Rows without an author list are skipped, and counted.
//!
//! ```text
//! cargo run --release --example book_import [-- BOOK_TXT] [--top N] [--json]
//! ```
//!
//! The text output shows the N books with the largest disputes and the N best-corroborated
//! author lists (10 by default); `--json` prints the summary and every dispute and
//! corroboration as JSON Lines.

#[path = "common/book.rs"]
mod book;
#[allow(dead_code, reason = "this example imports a table: it loads no data directory")]
mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use claimgraph::query::{contradictions, corroborations};
use claimgraph::{ActorId, ActorKind, ClaimGraph, ClaimId, ObjectType, Predicate, Value, fold_name};
use serde::Serialize;

const CAVEAT: &str = "Author lists are compared as the stores wrote them, after folding case, accents and \
punctuation only: \"Knuth, Donald E.\" and \"Donald Knuth\" count as a disagreement. That is expected \
of a raw import; normalising the names is a later step.";

/// One side of a dispute: an author list (as first written) and the stores that give it. With
/// `--json`, an element of a dispute line's `sides`.
#[derive(Serialize)]
struct Side {
    /// The author list, as the first store to give it wrote it.
    authors: String,
    /// The stores that give it.
    stores: Vec<String>,
}

/// With `--json`, the first line: what the import read and what the queries found.
#[derive(Serialize)]
struct Summary<'a> {
    /// Always `summary`.
    kind: &'static str,
    /// The table imported.
    file: String,
    /// Its rows.
    rows: usize,
    /// The rows skipped because they give no author list.
    skipped_without_authors: usize,
    /// The claims imported (one per other row).
    claims: usize,
    /// The books (actors created by the import).
    books: usize,
    /// The stores (one source each).
    stores: usize,
    /// The contradictions found.
    contradictions: usize,
    /// The books with a contradiction.
    disputed_books: usize,
    /// The author lists given by two or more listings.
    corroborations: usize,
    /// How the author lists are compared (see `CAVEAT`).
    note: &'a str,
}

/// With `--json`, one line per disputed book.
#[derive(Serialize)]
struct DisputeLine<'a> {
    /// Always `dispute`.
    kind: &'static str,
    /// The book's ISBN.
    isbn: &'a str,
    /// The book's title.
    title: &'a str,
    /// How many claims take part in its contradictions.
    claims: usize,
    /// The author lists in conflict, largest side first.
    sides: &'a [Side],
}

/// With `--json`, one line per author list given by two or more listings.
#[derive(Serialize)]
struct CorroborationLine<'a> {
    /// Always `corroboration`.
    kind: &'static str,
    /// The book's ISBN.
    isbn: &'a str,
    /// The book's title.
    title: &'a str,
    /// The author list, as the first listing wrote it.
    authors: String,
    /// How many independent stores give it.
    independent_stores: usize,
    /// How many listings give it.
    claims: usize,
    /// The stores of those listings.
    stores: Vec<String>,
}

/// A book whose stores disagree: every claim taking part in one of its contradictions, in
/// sides of one folded author list each, largest first.
struct Dispute {
    book: ActorId,
    claims: usize,
    sides: Vec<Side>,
}

fn text(graph: &ClaimGraph, id: ClaimId) -> String {
    match graph.claim(id).map(|c| c.object()) {
        Some(Value::Text(t)) => t,
        _ => String::new(),
    }
}

fn disputes(graph: &ClaimGraph) -> (usize, Vec<Dispute>) {
    let found = contradictions(graph);
    let mut by_book: BTreeMap<ActorId, Vec<ClaimId>> = BTreeMap::new();
    for c in &found {
        let Some(book) = c.claims.first().and_then(|&id| graph.claim(id)).map(|c| c.subject()) else { continue };
        by_book.entry(book).or_default().extend(&c.claims);
    }
    let mut out: Vec<Dispute> = by_book
        .into_iter()
        .map(|(book, mut claims)| {
            claims.sort();
            claims.dedup();
            // Claims in id order, so each side is named by the first store's spelling.
            let mut sides: Vec<(String, Side)> = Vec::new();
            for &id in &claims {
                let (value, store) = (text(graph, id), graph.claim(id).map(|c| c.said_by()));
                let store = store.map_or_else(String::new, |s| common::actor_name(graph, s));
                let folded = fold_name(&value);
                match sides.iter_mut().find(|(f, _)| *f == folded) {
                    Some((_, side)) => side.stores.push(store),
                    None => sides.push((folded, Side { authors: value, stores: vec![store] })),
                }
            }
            let mut sides: Vec<Side> = sides.into_iter().map(|(_, s)| s).collect();
            sides.sort_by_key(|s| std::cmp::Reverse(s.stores.len()));
            Dispute { book, claims: claims.len(), sides }
        })
        .collect();
    out.sort_by(|a, b| b.claims.cmp(&a.claims).then(b.sides.len().cmp(&a.sides.len())).then(a.book.cmp(&b.book)));
    (found.len(), out)
}

fn book_title(graph: &ClaimGraph, book: ActorId) -> (String, String) {
    graph.actor(book).map_or_else(Default::default, |a| (a.key().to_owned(), a.name().to_owned()))
}

/// The first `n` distinct names, with how many times each occurs when more than once, and how
/// many more names there are.
fn some(names: &[String], n: usize) -> String {
    let mut distinct: Vec<(&str, usize)> = Vec::new();
    for name in names {
        match distinct.iter_mut().find(|(d, _)| d == name) {
            Some((_, k)) => *k += 1,
            None => distinct.push((name, 1)),
        }
    }
    let shown: Vec<String> =
        distinct.iter().take(n).map(|&(d, k)| if k > 1 { format!("{d} ({k})") } else { d.to_owned() }).collect();
    match distinct.len().saturating_sub(n) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

/// How many sides of a dispute the text output shows.
const SIDES_SHOWN: usize = 6;

fn main() -> ExitCode {
    let args = common::args();
    let mut path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("data/book/book.txt");
    let mut top = 10;
    let mut rest = args.rest.iter();
    while let Some(a) = rest.next() {
        if a == "--top" {
            match rest.next().and_then(|n| n.parse().ok()) {
                Some(n) => top = n,
                None => {
                    eprintln!("error: --top takes a number");
                    return ExitCode::FAILURE;
                }
            }
        } else {
            path = PathBuf::from(a);
        }
    }

    let mut graph = ClaimGraph::new();
    let authors = Predicate::new("authors", "was written by", ObjectType::Text).single();
    if let Err(e) = graph.add_predicate(authors) {
        eprintln!("error: {e}");
        return ExitCode::FAILURE;
    }
    let mapping = book::mapping();
    let report = match claimgraph::import_csv(&mut graph, &path, &mapping) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot import {}: {e}", path.display());
            return ExitCode::FAILURE;
        }
    };
    let books = report.actors.iter().filter(|&&a| graph.actor(a).is_some_and(|a| a.kind() == ActorKind::Other));
    let books = books.count();
    let stores = report.sources.len();
    let (contradiction_count, disputes) = disputes(&graph);
    let support = corroborations(&graph, 2);

    if args.json {
        common::json_line(&Summary {
            kind: "summary",
            file: path.display().to_string(),
            rows: report.rows,
            skipped_without_authors: report.skipped.len(),
            claims: report.claims.len(),
            books,
            stores,
            contradictions: contradiction_count,
            disputed_books: disputes.len(),
            corroborations: support.len(),
            note: CAVEAT,
        });
        for d in &disputes {
            let (isbn, title) = book_title(&graph, d.book);
            common::json_line(&DisputeLine {
                kind: "dispute",
                isbn: &isbn,
                title: &title,
                claims: d.claims,
                sides: &d.sides,
            });
        }
        for c in &support {
            let Some(first) = graph.claim(c.claims[0]) else { continue };
            let (isbn, title) = book_title(&graph, first.subject());
            let stores: Vec<String> = c
                .claims
                .iter()
                .filter_map(|&k| graph.claim(k))
                .map(|k| common::actor_name(&graph, k.said_by()))
                .collect();
            common::json_line(&CorroborationLine {
                kind: "corroboration",
                isbn: &isbn,
                title: &title,
                authors: text(&graph, c.claims[0]),
                independent_stores: c.independent(),
                claims: c.claims.len(),
                stores,
            });
        }
        return ExitCode::SUCCESS;
    }

    println!("Book-author listings imported from {}\n", path.display());
    println!("{CAVEAT}\n");
    println!("rows:                {:>6}", report.rows);
    println!("  without authors:   {:>6} (skipped)", report.skipped.len());
    println!("claims:              {:>6}", report.claims.len());
    println!("books:               {books:>6}");
    println!("stores:              {stores:>6}");
    println!("contradictions:      {contradiction_count:>6} between {} books", disputes.len());
    println!("corroborations:      {:>6} author lists given by two or more listings", support.len());

    println!("\nThe {} largest disputes (books whose stores disagree on the authors):", top.min(disputes.len()));
    for d in disputes.iter().take(top) {
        let (isbn, title) = book_title(&graph, d.book);
        println!("\n  {title} (ISBN {isbn}): {} listings in {} sides", d.claims, d.sides.len());
        for s in d.sides.iter().take(SIDES_SHOWN) {
            println!("    {:>3} x {:?}: {}", s.stores.len(), s.authors, some(&s.stores, 4));
        }
        if d.sides.len() > SIDES_SHOWN {
            println!("    ... and {} more sides", d.sides.len() - SIDES_SHOWN);
        }
    }

    println!("\nThe {} best-corroborated author lists:", top.min(support.len()));
    for c in support.iter().take(top) {
        let Some(first) = graph.claim(c.claims[0]) else { continue };
        let (isbn, title) = book_title(&graph, first.subject());
        println!(
            "  {title} (ISBN {isbn}): {:?}, by {} independent stores in {} listings",
            text(&graph, c.claims[0]),
            c.independent(),
            c.claims.len()
        );
    }
    ExitCode::SUCCESS
}
