//! The fault corpus: each directory of `tests/faults/` is a data set with one kind of fault (or,
//! for `byte_order_mark`, a quirk that must load), and its `expected` file lists the exact
//! problems loading it must report, one a line: `kind file:line:column`, with `first=` and the
//! first declaration's place for a duplicate id, or `ok` if it must load. Lines starting with
//! `#` are comments. A `rendered` file, where present, pins [`LoadError::render`]'s output (with
//! the case's directory left out of paths).

use std::path::{Path, PathBuf};

use claimgraph::{GraphError, LoadError, Problem, ProblemKind};

fn corpus() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/faults");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(root).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    cases
}

fn kind(kind: &ProblemKind) -> &'static str {
    match kind {
        ProblemKind::Io(_) => "io",
        ProblemKind::Syntax(_) => "syntax",
        ProblemKind::NotUtf8 { .. } => "not_utf8",
        ProblemKind::FileName(_) => "file_name",
        ProblemKind::DuplicateId { .. } => "duplicate_id",
        ProblemKind::Rule(GraphError::DanglingReference { .. }) => "dangling_reference",
        ProblemKind::Rule(GraphError::UnknownPredicate { .. }) => "unknown_predicate",
        ProblemKind::Rule(GraphError::UnknownUnit { .. }) => "unknown_unit",
        ProblemKind::Rule(GraphError::WrongValueType { .. }) => "wrong_value_type",
        ProblemKind::Rule(GraphError::Date { .. }) => "date",
        ProblemKind::Rule(GraphError::SelfDerivation { .. }) => "self_derivation",
        ProblemKind::Rule(_) => "rule",
        _ => "other",
    }
}

fn place(path: &Path, line: usize, column: usize) -> String {
    format!("{}:{line}:{column}", path.file_name().unwrap().to_string_lossy())
}

fn describe(p: &Problem) -> String {
    let mut out = format!("{} {}", kind(&p.kind), place(&p.location.path, p.location.line, p.location.column));
    if let ProblemKind::DuplicateId { first, .. } = &p.kind {
        out.push_str(&format!(" first={}", place(&first.path, first.line, first.column)));
    }
    out
}

fn load(case: &Path) -> Result<claimgraph::ClaimGraph, LoadError> {
    claimgraph::load_dir(case)
}

#[test]
fn every_fault_is_reported_with_its_kind_and_place() {
    let cases = corpus();
    assert!(cases.len() >= 13, "{cases:?}");
    let mut wrong = Vec::new();
    for case in &cases {
        let expected: Vec<String> = std::fs::read_to_string(case.join("expected"))
            .unwrap_or_else(|e| panic!("{}: {e}", case.display()))
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(str::to_owned)
            .collect();
        let actual: Vec<String> = match load(case) {
            Ok(_) => vec!["ok".to_owned()],
            Err(e) => e.problems().iter().map(describe).collect(),
        };
        if actual != expected {
            wrong.push(format!("{}:\n  expected {expected:?}\n  found    {actual:?}", case.display()));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn rendered_problems_show_the_line_with_a_caret() {
    let mut pinned = 0;
    for case in corpus() {
        let Ok(expected) = std::fs::read_to_string(case.join("rendered")) else { continue };
        let err = load(&case).unwrap_err();
        let prefix = format!("{}/", case.display());
        let shown = err.render().replace(&prefix, "");
        assert_eq!(shown, expected.trim_end(), "{}", case.display());
        pinned += 1;
    }
    assert!(pinned >= 2);
}

#[test]
#[ignore = "prints the rendered problems of the corpus, for writing `rendered` files"]
fn print_rendered() {
    for case in corpus() {
        if let Err(e) = load(&case) {
            println!("== {}\n{}", case.display(), e.render().replace(&format!("{}/", case.display()), ""));
        }
    }
}
