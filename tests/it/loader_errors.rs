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

/// Where `needle` occurs in `text` (its `nth` occurrence, from 0), as a 1-based line and column in
/// characters.
fn place(text: &str, needle: &str, nth: usize) -> (usize, usize) {
    let offset = text.match_indices(needle).nth(nth).unwrap_or_else(|| panic!("{needle} #{nth}")).0;
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    (text[..offset].matches('\n').count() + 1, text[line_start..offset].chars().count() + 1)
}

#[test]
fn a_predicate_excluding_itself_is_refused_where_it_says_so() {
    let text =
        "(predicates: [\n  (id: \"selfish\", label: \"s\", object: Actor, excludes: [\"supports\", \"selfish\"]),\n])";
    let p = one_problem("selfish", text);
    assert!(matches!(&p.kind, ProblemKind::Rule(GraphError::Invalid(m)) if m.contains("excludes itself")), "{p}");
    assert_eq!(at(&p), place(text, "\"selfish\"", 1), "{p}");
}

#[test]
fn the_api_refuses_a_predicate_excluding_itself() {
    use claimgraph::{Cardinality, ObjectType, Predicate};
    let predicate = |key: &str, excludes| Predicate {
        key: key.into(),
        label: key.into(),
        object: ObjectType::Actor,
        cardinality: Cardinality::Multi,
        excludes,
        rebuts: false,
        tolerance: None,
        note: None,
    };
    // Ids are dense: the second predicate of another graph has the id the second of this one gets.
    let mut other = claimgraph::ClaimGraph::new();
    other.add_predicate(predicate("a", vec![])).unwrap();
    let second = other.add_predicate(predicate("b", vec![])).unwrap();
    let mut graph = claimgraph::ClaimGraph::new();
    graph.add_predicate(predicate("a", vec![])).unwrap();
    let err = graph.add_predicate(predicate("selfish", vec![second])).unwrap_err();
    assert!(err.to_string().contains("\"selfish\" excludes itself"), "{err}");
    assert_eq!(graph.predicates().count(), 1);
}

#[test]
fn a_conflict_listing_a_claim_twice_is_refused_at_the_second_mention() {
    let claims = [claim("c1", "kz", "says", r#"Text("x")"#, ""), claim("c2", "kz", "says", r#"Text("y")"#, "")];
    let text = format!(
        "(claims: [\n{}\n{}\n],\nconflicts: [\n  (id: \"k\", claims: [\"c1\", \"c1\", \"c2\"], note: \"n\"),\n])",
        claims[0], claims[1]
    );
    let p = one_problem("twice", &text);
    assert!(
        matches!(&p.kind, ProblemKind::Rule(GraphError::Invalid(m)) if m.contains("lists claim \"c1\" twice")),
        "{p}"
    );
    assert_eq!(at(&p), place(&text, "\"c1\"", 2), "{p}");
}

#[test]
fn the_api_refuses_a_conflict_listing_a_claim_twice() {
    let mut graph = super::graph_with(
        &[claim("c1", "kz", "says", r#"Text("x")"#, ""), claim("c2", "kz", "says", r#"Text("y")"#, "")],
        "",
    );
    let (c1, c2) = (graph.claim_id("c1").unwrap(), graph.claim_id("c2").unwrap());
    let conflict = claimgraph::Conflict { key: "k".into(), claims: vec![c1, c1, c2], note: "n".into() };
    let err = graph.add_conflict(conflict).unwrap_err();
    assert!(err.to_string().contains("twice"), "{err}");
    assert_eq!(graph.conflicts().count(), 0);
}

/// An id written with an escape or as a raw string is the same id: its problems are reported at
/// its own declaration, not at 1:1 or at another entity's.
#[test]
fn escaped_and_raw_ids_locate_their_problems() {
    for id in [r#""c\u{31}""#, r#""\x63\x31""#, r#"r"c1""#, r##"r#"c1"#"##] {
        let good = claim("c0", "kz", "says", r#"Text("x")"#, "");
        let bad = claim("c1", "kz", "says", r#"Text("x")"#, r#"said_by: "nobody""#).replace(r#""c1""#, id);
        let text = format!("(claims: [\n{good}\n{bad}\n])");
        let p = one_problem("escaped", &text);
        assert_eq!(at(&p), place(&text, "\"nobody\"", 0), "{id}: {p}");
        // A duplicate written another way is found and located too.
        let again = claim("c1", "kz", "says", r#"Text("x")"#, "");
        let text = format!("(claims: [\n{again}\n{}\n])", again.replace(r#""c1""#, id));
        let p = one_problem("escaped-duplicate", &text);
        match &p.kind {
            ProblemKind::DuplicateId { key, first, .. } => {
                assert_eq!(key, "c1");
                assert_eq!((first.line, first.column), place(&text, "\"c1\"", 0), "{id}");
            }
            other => panic!("{id}: {other:?}"),
        }
        assert_eq!(at(&p), (3, text.lines().nth(2).unwrap().find(id).unwrap() + 1), "{id}: {p}");
    }
}

#[test]
fn a_byte_that_is_not_utf8_is_located() {
    let dir = temp_dir("not-utf8");
    std::fs::write(dir.join("base.ron"), format!("({BASE})")).unwrap();
    std::fs::write(dir.join("bad.ron"), b"(actors: [\n  (id: \"x\", kind: Person,\n  n\xc3\xa9 \xff: \"X\")])")
        .unwrap();
    let err = claimgraph::load_dir(&dir).unwrap_err();
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(err.problems().len(), 1, "{err}");
    let p = &err.problems()[0];
    assert_eq!(at(p), (3, 6), "{p}");
    assert!(p.to_string().contains("0xff"), "{p}");
}

/// The same id twice in one file is a duplicate with both places, as across files (and the
/// second declaration is never stored over the first).
#[test]
fn duplicate_id_in_one_file() {
    let first = claim("c1", "kz", "says", r#"Text("first")"#, "");
    let second = claim("c1", "ru", "says", r#"Text("second")"#, "");
    let text = format!("(claims: [\n{first}\n  {second}\n])");
    let p = one_problem("duplicate-one-file", &text);
    match &p.kind {
        ProblemKind::DuplicateId { kind, key, first } => {
            assert_eq!((*kind, key.as_str()), (EntityKind::Claim, "c1"));
            assert_eq!(first.path.file_name().unwrap(), "bad.ron");
            assert_eq!((first.line, first.column), (2, 6));
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(at(&p), (3, 8));
}

/// An actor and a claim may share an id; each one's problems are reported at its own declaration.
#[test]
fn ids_shared_across_kinds_locate_their_own_entity() {
    let text = format!(
        "(actors: [\n  (id: \"same\", kind: Person, name: \"S\"),\n],\nclaims: [\n{}\n])",
        claim("same", "kz", "says", r#"Text("x")"#, r#"said_by: "nobody""#)
    );
    let p = one_problem("shared", &text);
    assert_eq!(at(&p), place(&text, "\"nobody\"", 0), "{p}");
}

/// `n` claims on one line, each with a dangling reference unless `valid`.
fn one_line_of_claims(n: usize, valid: bool) -> String {
    let speaker = |i: usize| if valid { r#"said_by: "a""#.to_owned() } else { format!(r#"said_by: "gone{i}""#) };
    let claims: String = (0..n).map(|i| claim(&format!("c{i}"), "kz", "says", r#"Text("x")"#, &speaker(i))).collect();
    format!("(claims: [{claims}])")
}

/// One claim relayed through `n` actors that do not exist.
fn one_claim_with_relays(n: usize) -> String {
    let relays: Vec<String> = (0..n).map(|i| format!(r#"(by: Some("gone{i}"), mode: Paraphrase)"#)).collect();
    let extra = format!("relayed_by: [{}]", relays.join(", "));
    format!("(claims: [\n{}\n])", claim("c", "kz", "says", r#"Text("x")"#, &extra))
}

/// Many problems on one long line: each at its own column.
#[test]
fn problems_on_one_long_line_are_each_located() {
    let text = one_line_of_claims(300, false);
    let err = load_files("one-line", &[("base.ron", &format!("({BASE})")), ("bad.ron", &text)]).unwrap_err();
    assert_eq!(err.problems().len(), 300);
    for (i, p) in err.problems().iter().enumerate() {
        assert_eq!(at(p), place(&text, &format!("\"gone{i}\""), 0), "{p}");
    }
    let text = one_claim_with_relays(300);
    let err = load_files("relays", &[("base.ron", &format!("({BASE})")), ("bad.ron", &text)]).unwrap_err();
    assert_eq!(err.problems().len(), 300);
    for (i, p) in err.problems().iter().enumerate() {
        assert_eq!(at(p), place(&text, &format!("\"gone{i}\""), 0), "{p}");
    }
}

/// The same missing actor relayed through twice: two problems, at the first and second mention.
#[test]
fn a_value_mentioned_twice_is_located_at_each_mention() {
    let extra = r#"relayed_by: [(by: Some("gone"), mode: Paraphrase), (by: Some("gone"), mode: Paraphrase)]"#;
    let text = format!("(claims: [\n{}\n])", claim("c", "kz", "says", r#"Text("x")"#, extra));
    let err = load_files("twice", &[("base.ron", &format!("({BASE})")), ("bad.ron", &text)]).unwrap_err();
    let places: Vec<_> = err.problems().iter().map(at).collect();
    assert_eq!(places, [place(&text, "\"gone\"", 0), place(&text, "\"gone\"", 1)], "{err}");
}

/// The shapes that took tens of seconds when locating was quadratic in the length of a line or
/// of an entity (100,000 claims on one line, about 10 MB; one claim relayed 100,000 times), at
/// full size. Ignored by default for their size, not their time: run with `--ignored` (in a
/// release build) to see that loading them takes about as long as parsing them.
#[test]
#[ignore = "large inputs (about 10 MB); run with --ignored"]
fn long_lines_and_long_entities_load_in_linear_time() {
    let base = format!("({BASE})");
    for text in [one_line_of_claims(100_000, false), one_claim_with_relays(100_000)] {
        let started = std::time::Instant::now();
        let err = load_files("big", &[("base.ron", &base), ("bad.ron", &text)]).unwrap_err();
        eprintln!("{} bytes, 100,000 problems: {:?}", text.len(), started.elapsed());
        assert_eq!(err.problems().len(), 100_000);
        let last = err.problems().last().unwrap();
        assert_eq!(at(last), place(&text, "\"gone99999\"", 0));
    }
    let valid = one_line_of_claims(100_000, true);
    let started = std::time::Instant::now();
    let graph = load_files("big-valid", &[("base.ron", &base), ("good.ron", &valid)]).unwrap();
    eprintln!("{} bytes on one line, valid: {:?}", valid.len(), started.elapsed());
    assert_eq!(graph.claim_count(), 100_000);
}

/// An interval that ends before it starts cannot be written in a data file; the API refuses it
/// too, so that what is added can be saved and loaded again.
#[test]
fn the_api_refuses_an_inverted_interval() {
    use claimgraph::{DatePoint, TimeSpec};
    let mut graph = super::graph_with(&[claim("c1", "kz", "says", r#"Text("x")"#, "")], "");
    let mut added = graph.claim(graph.claim_id("c1").unwrap()).unwrap().to_claim();
    added.key = "inverted".into();
    added.about = Some(TimeSpec::Between(Some(DatePoint::year(2023)), Some(DatePoint::year(2020))));
    let err = graph.add_claim(added.clone()).unwrap_err();
    assert!(err.to_string().contains("about: impossible date \"2023/2020\""), "{err}");
    added.about = Some(TimeSpec::Between(Some(DatePoint::year(2020)), Some(DatePoint::year(2023))));
    assert!(graph.add_claim(added).is_ok());
}
