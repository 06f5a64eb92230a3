//! Integration tests: one binary, one module per concern.

mod argumentation;
mod batch;
mod bundled;
mod corroboration_set;
mod differential;
mod faults;
mod fuzz;
mod hostile;
mod hostile_groups;
mod interop;
mod loader_errors;
mod model;
mod origin_index;
mod pictures;
mod properties;
mod queries;
mod records;
mod round_trip;
#[cfg(feature = "rdf-check")]
mod sparql;
mod stance;
mod table;
mod trust;
mod trust_graph;

use std::path::{Path, PathBuf};

use claimgraph::ClaimGraph;

/// The bundled data set.
pub(crate) fn bundled_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("data/kazakhstan")
}

pub(crate) fn bundled() -> ClaimGraph {
    claimgraph::load_dir(bundled_dir()).unwrap_or_else(|e| panic!("{e}"))
}

/// A fresh empty directory under the system temp dir, unique to the test.
pub(crate) fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("claimgraph-test-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A small vocabulary, actors and sources that the rule tests build their claims on.
pub(crate) const BASE: &str = r#"
    units: [
        (id: "m", dimension: "length", factor: 1.0),
        (id: "km", dimension: "length", factor: 1000.0),
        (id: "person", dimension: "count", factor: 1.0),
        (id: "%", dimension: "ratio", factor: 0.01),
        (id: "USD", dimension: "money", factor: 1.0),
        (id: "EUR", dimension: "money", factor: 1.05),
    ],
    predicates: [
        (id: "arrivals", label: "received arrivals", object: Quantity("count"), cardinality: Single, tolerance: Some(0.1)),
        (id: "border", label: "border length", object: Quantity("length"), cardinality: Single, tolerance: Some(0.01)),
        (id: "trade", label: "trade volume", object: Quantity("money"), cardinality: Single, tolerance: Some(0.1)),
        (id: "share", label: "share", object: Quantity("ratio"), cardinality: Single, tolerance: Some(0.05)),
        (id: "capital", label: "capital name", object: Text, cardinality: Single),
        (id: "head", label: "head of state", object: Actor, cardinality: Single),
        (id: "occurred", label: "happened on", object: Date, cardinality: Single),
        (id: "supports", label: "supports", object: Actor),
        (id: "condemns", label: "condemns", object: Actor, excludes: ["supports"]),
        (id: "recognizes", label: "recognises", object: Actor),
        (id: "says", label: "says", object: Text),
        (id: "denies", label: "denies", object: Claim, rebuts: true),
    ],
    actors: [
        (id: "kz", kind: State, name: "Kazakhstan"),
        (id: "ru", kind: State, name: "Russia"),
        (id: "ua", kind: State, name: "Ukraine"),
        (id: "war", kind: Event, name: "War in Ukraine"),
        (id: "riots", kind: Event, name: "Riots"),
        (id: "tok", kind: Person, name: "Kassym-Jomart Tokayev", aliases: ["Tokaev", "Kasym-Žomart Tokaev"]),
        (id: "naz", kind: Person, name: "Nursultan Nazarbayev"),
        (id: "a", kind: Person, name: "Analyst A"),
        (id: "b", kind: Person, name: "Analyst B"),
        (id: "o1", kind: MediaOutlet, name: "Outlet One"),
        (id: "o2", kind: MediaOutlet, name: "Outlet Two"),
        (id: "tr", kind: MediaOutlet, name: "Translator"),
    ],
    sources: [
        (id: "s1", kind: Article, title: "One", outlet: Some("o1"), language: "fr", published: Some("2022-12")),
        (id: "s2", kind: Article, title: "Two", outlet: Some("o2"), language: "en", published: Some("2022-12")),
        (id: "s3", kind: Republication, title: "One again", outlet: Some("o2"), language: "fr",
            derived_from: [(kind: RepublicationOf, source: "s1", by: Some("o2"))]),
        (id: "s4", kind: Translation, title: "One translated", outlet: Some("tr"), language: "ru",
            derived_from: [(kind: TranslationOf, source: "s1", by: Some("tr"))]),
        (id: "s5", kind: Republication, title: "One translated, republished", language: "ru",
            derived_from: [(kind: RepublicationOf, source: "s4", by: Some("o2"))]),
        (id: "speech", kind: Speech, title: "Address to parliament", language: "ru", published: Some("2022-01-11")),
        (id: "old", kind: Article, title: "Stamped 2019", language: "en", published: Some("2019-10-24")),
        (id: "cy1", kind: Article, title: "Cites two", language: "en", derived_from: [(kind: Cites, source: "cy2")]),
        (id: "cy2", kind: Article, title: "Cites one", language: "en", derived_from: [(kind: Cites, source: "cy1")]),
        (id: "r1", kind: Republication, title: "Republishes r2", language: "en", derived_from: [(kind: RepublicationOf, source: "r2")]),
        (id: "r2", kind: Republication, title: "Republishes r1", language: "en", derived_from: [(kind: RepublicationOf, source: "r1")]),
    ],
"#;

/// One claim in RON: `extra` holds further fields (`polarity: Denied, about: Some("2022")`),
/// which may override the defaults `said_by: "a"` and `source: "s1"`.
pub(crate) fn claim(id: &str, subject: &str, predicate: &str, object: &str, extra: &str) -> String {
    let said_by = if extra.contains("said_by:") { "" } else { r#"said_by: "a", "# };
    let source = if extra.contains(r#"source: ""#) { "" } else { r#"source: "s1", "# };
    let extra = if extra.is_empty() { String::new() } else { format!("{extra}, ") };
    format!(
        r#"(id: "{id}", subject: "{subject}", predicate: "{predicate}", object: {object}, {extra}{said_by}{source}quote: "q {id}"),"#
    )
}

/// A graph of [`BASE`] plus the given claims and conflicts.
pub(crate) fn graph_with(claims: &[String], conflicts: &str) -> ClaimGraph {
    let text = format!("({BASE} claims: [{}], conflicts: [{conflicts}])", claims.join("\n"));
    claimgraph::load_str("test.ron", &text).unwrap_or_else(|e| panic!("{e}"))
}
