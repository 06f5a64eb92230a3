//! A readable overview of a data set: actors by kind, sources with their derivation chains (and,
//! under a source, its note when the note says what is inferred from outside the text, i.e. it
//! begins "Inferred:"), and the claims of each source with their speakers and quotes.
//!
//! ```text
//! cargo run --release --example tour                 # the bundled Kazakhstan corpus
//! cargo run --release --example tour -- path/to/dir  # your own data directory
//! ```

mod common;

use std::collections::BTreeMap;
use std::process::ExitCode;

use claimgraph::{ClaimGraph, Polarity, SourceId, Value};

fn main() -> ExitCode {
    let args = common::args();
    let graph = match common::load(args.rest.first().map(String::as_str)) {
        Ok(g) => g,
        Err(code) => return code,
    };
    println!(
        "{} actors, {} sources, {} claims, {} predicates, {} recorded conflicts\n",
        graph.actor_count(),
        graph.source_count(),
        graph.claim_count(),
        graph.predicates().count(),
        graph.conflicts().count()
    );

    println!("== Actors by kind");
    let mut by_kind: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for (_, a) in graph.actors() {
        by_kind.entry(format!("{:?}", a.kind())).or_default().push(a.name());
    }
    for (kind, names) in by_kind {
        println!("{kind} ({}): {}", names.len(), names.join(", "));
    }

    println!("\n== Sources and their derivation chains");
    for (id, s) in graph.sources() {
        let date = s.published().map_or_else(|| "undated".to_owned(), |d| d.to_string());
        let mut about: Vec<String> =
            s.outlet().and_then(|o| graph.actor(o)).map(|a| a.name().to_owned()).into_iter().collect();
        about.extend(s.authors().iter().filter_map(|&a| graph.actor(a)).map(|a| format!("by {}", a.name())));
        about.push(s.language().to_owned());
        about.push(date);
        println!("[{}] {:?} \"{}\" ({})", s.key(), s.kind(), s.title(), about.join(", "));
        if let Some(note) = s.note().filter(|n| n.starts_with("Inferred:")) {
            print_wrapped(note, "    ", 100);
        }
        print_chain(&graph, id, 1, &mut vec![id]);
    }

    println!("\n== Claims by source");
    for (sid, s) in graph.sources() {
        let claims = graph.claims_in_source(sid);
        if claims.is_empty() {
            continue;
        }
        println!("\n-- [{}] {} ({} claims)", s.key(), s.title(), claims.len());
        for &cid in claims {
            let c = graph.claim(cid).expect("indexed claim");
            let name = |a| graph.actor(a).map_or("?", |a| a.name());
            let predicate = graph.predicate(c.predicate()).map_or("?", |p| p.key.as_str());
            let object = match c.object() {
                Value::Actor(a) => name(a).to_owned(),
                Value::Quantity(q) => format!("{:?} {}", q.amount, graph.unit(q.unit).map_or("?", |u| u.key.as_str())),
                Value::Date(d) => d.to_string(),
                Value::Text(t) => format!("{t:?}"),
                Value::Bool(b) => b.to_string(),
                Value::Claim(k) => format!("claim {}", graph.claim(k).map_or("?", |k| k.key())),
            };
            let not = if c.polarity() == Polarity::Denied { "NOT " } else { "" };
            let qualifier = c.qualifier().map(|q| format!(" [{}]", name(q))).unwrap_or_default();
            let about = c.about().map(|t| format!(" @{t}")).unwrap_or_default();
            println!(
                "  {}: {} {not}{predicate}{qualifier} {object}{about}  ({:?}, {:?} by {})",
                c.key(),
                name(c.subject()),
                c.modality(),
                c.mode(),
                name(c.said_by())
            );
            println!("      \"{}\"", c.quote());
        }
    }
    ExitCode::SUCCESS
}

/// Prints `text` word-wrapped to `width` columns, each line after `indent`.
fn print_wrapped(text: &str, indent: &str, width: usize) {
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && indent.len() + line.chars().count() + 1 + word.chars().count() > width {
            println!("{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        println!("{indent}{line}");
    }
}

fn print_chain(graph: &ClaimGraph, id: SourceId, depth: usize, seen: &mut Vec<SourceId>) {
    let Some(source) = graph.source(id) else { return };
    for d in source.derived_from() {
        let by = d.by.and_then(|a| graph.actor(a)).map(|a| format!(" by {}", a.name())).unwrap_or_default();
        let key = graph.source(d.source).map_or("?", |s| s.key());
        if seen.contains(&d.source) {
            println!("{}{:?} [{key}]{by} (cycle)", "  ".repeat(depth), d.kind);
            continue;
        }
        println!("{}{:?} [{key}]{by}", "  ".repeat(depth), d.kind);
        seen.push(d.source);
        print_chain(graph, d.source, depth + 1, seen);
        seen.pop();
    }
}
