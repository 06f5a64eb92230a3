//! One test per kind of loader problem: each names the file, the line, the column and what is
//! wrong; all problems are reported; nothing panics.

use std::path::Path;

use claimgraph::{EntityKind, GraphError, LoadError, Problem, ProblemKind, TimeError};

use super::{BASE, claim, temp_dir};

/// Loads a directory holding the given files.
fn load_files(name: &str, files: &[(&str, &str)]) -> Result<claimgraph::ClaimGraph, LoadError> {
    let dir = temp_dir(name);
    for (file, text) in files {
        std::fs::write(dir.join(file), text).unwrap();
    }
    let result = claimgraph::load_dir(&dir);
    std::fs::remove_dir_all(&dir).unwrap();
    result
}

/// Loads [`BASE`] in `base.ron` and `text` in `bad.ron`; returns the single problem.
fn one_problem(name: &str, text: &str) -> Problem {
    let err = load_files(name, &[("base.ron", &format!("({BASE})")), ("bad.ron", text)]).unwrap_err();
    assert_eq!(err.problems().len(), 1, "{err}");
    let p = err.problems()[0].clone();
    assert_eq!(p.location.path.file_name().unwrap(), "bad.ron", "{p}");
    p
}

fn at(p: &Problem) -> (usize, usize) {
    (p.location.line, p.location.column)
}

#[test]
fn syntax_error() {
    let p = one_problem("syntax", "(\n  claims: [\n    (id: \"x\" subject: \"kz\"),\n  ],\n)");
    assert!(matches!(p.kind, ProblemKind::Syntax(_)), "{p}");
    assert_eq!(p.location.line, 3, "{p}");
    let text = p.to_string();
    assert!(text.contains("bad.ron:3:"), "{text}");
}

#[test]
fn unknown_field_is_a_syntax_error_not_a_silent_drop() {
    let p = one_problem("field", "(actors: [(id: \"x\", kind: Person, name: \"X\", nmae: \"typo\")])");
    assert!(matches!(&p.kind, ProblemKind::Syntax(m) if m.contains("nmae")), "{p}");
}

#[test]
fn unknown_enum_variant() {
    let p = one_problem("variant", "(actors: [\n(id: \"x\", kind: Persn, name: \"X\")])");
    assert!(matches!(&p.kind, ProblemKind::Syntax(m) if m.contains("Persn")), "{p}");
    assert_eq!(p.location.line, 2);
}

#[test]
fn dangling_reference() {
    let text = format!("(claims: [\n{}\n])", claim("c", "kz", "says", r#"Text("x")"#, r#"said_by: "nobody""#));
    let p = one_problem("dangling", &text);
    assert_eq!(
        p.kind,
        ProblemKind::Rule(GraphError::DanglingReference { kind: EntityKind::Actor, key: "nobody".into() })
    );
    let column = text.lines().nth(1).unwrap().find("\"nobody\"").unwrap() + 1;
    assert_eq!(at(&p), (2, column));
    assert_eq!(
        p.to_string(),
        format!("{}:2:{column}: dangling reference: no actor with id \"nobody\"", p.location.path.display())
    );
}

#[test]
fn duplicate_id_across_files() {
    let err = load_files(
        "duplicate",
        &[
            ("a.ron", "(actors: [(id: \"x\", kind: Person, name: \"X\")])"),
            ("b.ron", "(\n  actors: [\n    (id: \"x\", kind: State, name: \"Y\"),\n  ],\n)"),
        ],
    )
    .unwrap_err();
    assert_eq!(err.problems().len(), 1);
    let p = &err.problems()[0];
    assert_eq!(p.location.path.file_name().unwrap(), "b.ron");
    assert_eq!(at(p), (3, 10), "points at the id");
    match &p.kind {
        ProblemKind::DuplicateId { kind, key, first } => {
            assert_eq!((*kind, key.as_str()), (EntityKind::Actor, "x"));
            assert_eq!(first.path.file_name().unwrap(), "a.ron");
            assert_eq!((first.line, first.column), (1, 16));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn unknown_predicate() {
    let p = one_problem("predicate", &format!("(claims: [{}])", claim("c", "kz", "sayz", r#"Text("x")"#, "")));
    assert_eq!(p.kind, ProblemKind::Rule(GraphError::UnknownPredicate { key: "sayz".into() }));
}

#[test]
fn unknown_unit() {
    let text = format!("(claims: [{}])", claim("c", "kz", "border", r#"Quantity(amount: Exact(1), unit: "mile")"#, ""));
    let p = one_problem("unit", &text);
    assert_eq!(p.kind, ProblemKind::Rule(GraphError::UnknownUnit { key: "mile".into() }));
}

#[test]
fn value_of_the_wrong_type() {
    let p = one_problem("type", &format!("(claims: [{}])", claim("c", "kz", "capital", r#"Actor("ru")"#, "")));
    assert!(
        matches!(&p.kind, ProblemKind::Rule(GraphError::WrongValueType { predicate, .. }) if predicate == "capital"),
        "{p}"
    );
    assert!(p.to_string().contains("takes a text, but the object is an actor"), "{p}");
    let p = one_problem(
        "dimension",
        &format!("(claims: [{}])", claim("c", "kz", "border", r#"Quantity(amount: Exact(1), unit: "USD")"#, "")),
    );
    assert!(p.to_string().contains("dimension \"length\""), "{p}");
}

#[test]
fn malformed_and_impossible_dates() {
    let p = one_problem(
        "malformed",
        &format!("(claims: [{}])", claim("c", "kz", "says", r#"Text("x")"#, r#"about: Some("11/2022")"#)),
    );
    assert!(
        matches!(&p.kind, ProblemKind::Rule(GraphError::Date { field: "about", error: TimeError::Malformed { .. } })),
        "{p}"
    );
    assert!(p.to_string().contains("malformed date \"11/2022\""), "{p}");
    let p = one_problem(
        "impossible",
        &format!("(claims: [{}])", claim("c", "riots", "occurred", r#"Date("2022-02-30")"#, "")),
    );
    assert!(matches!(&p.kind, ProblemKind::Rule(GraphError::Date { error: TimeError::Impossible { .. }, .. })), "{p}");
    assert!(p.to_string().contains("2022-02 has 28 days, not 30"), "{p}");
    let p = one_problem(
        "published",
        "(sources: [(id: \"s\", kind: Article, title: \"t\", language: \"en\", published: Some(\"2022-13\"))])",
    );
    assert!(p.to_string().contains("published: impossible date \"2022-13\""), "{p}");
}

#[test]
fn a_source_cannot_translate_or_republish_itself() {
    for kind in ["TranslationOf", "RepublicationOf"] {
        let text = format!(
            "(sources: [(id: \"self\", kind: Translation, title: \"t\", language: \"en\", derived_from: [(kind: {kind}, source: \"self\")])])"
        );
        let p = one_problem("self", &text);
        assert!(matches!(p.kind, ProblemKind::Rule(GraphError::SelfDerivation { .. })), "{p}");
    }
}

#[test]
fn citation_cycles_are_legal() {
    let text = "(sources: [
        (id: \"a\", kind: Article, title: \"A\", language: \"en\", derived_from: [(kind: Cites, source: \"b\")]),
        (id: \"b\", kind: Article, title: \"B\", language: \"en\", derived_from: [(kind: Cites, source: \"a\")]),
        (id: \"c\", kind: Article, title: \"C\", language: \"en\", derived_from: [(kind: Cites, source: \"c\")]),
    ])";
    let g = load_files("cycle", &[("x.ron", text)]).unwrap();
    assert_eq!(g.source_count(), 3);
}

#[test]
fn every_problem_is_reported_sorted_by_place() {
    let text = format!(
        "(claims: [\n{}\n{}\n{}\n], conflicts: [(id: \"k\", claims: [\"c1\"], note: \"one claim only\")])",
        claim("c1", "nobody", "says", r#"Text("x")"#, ""),
        claim("c2", "kz", "nopredicate", r#"Text("x")"#, r#"about: Some("2022-00")"#),
        claim("c1", "kz", "says", r#"Text("x")"#, ""),
    );
    let err = load_files("many", &[("base.ron", &format!("({BASE})")), ("bad.ron", &text)]).unwrap_err();
    let lines: Vec<usize> = err.problems().iter().map(|p| p.location.line).collect();
    assert_eq!(lines, [2, 3, 3, 4, 5], "{err}");
    assert!(err.to_string().starts_with("the data set has 5 problems"), "{err}");
}

#[test]
fn missing_or_empty_directory() {
    let err = claimgraph::load_dir("/nonexistent/claimgraph").unwrap_err();
    assert!(matches!(err.problems()[0].kind, ProblemKind::Io(_)));
    assert!(err.to_string().contains("/nonexistent/claimgraph"));
    let err = load_files("empty", &[("notes.txt", "not data")]).unwrap_err();
    assert!(err.to_string().contains("no .ron files"), "{err}");
}

#[test]
fn truncated_files_never_panic() {
    let dir = super::bundled_dir();
    let text = std::fs::read_to_string(dir.join("seed_000.ron")).unwrap();
    let base = std::fs::read_to_string(dir.join("vocabulary.ron")).unwrap();
    let actors = std::fs::read_to_string(dir.join("actors.ron")).unwrap();
    let mut cut = 0;
    let mut errors = 0;
    while cut < text.len() {
        if text.is_char_boundary(cut) {
            let files =
                [("actors.ron", actors.as_str()), ("vocabulary.ron", base.as_str()), ("seed.ron", &text[..cut])];
            if load_files("truncated", &files).is_err() {
                errors += 1;
            }
        }
        cut += 997;
    }
    assert!(errors > 10);
    assert!(Path::new(&dir).exists());
}
