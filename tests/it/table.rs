//! Importing claims from CSV tables: the mapping, every error class with its position, the
//! round trip, the book-author data set and a rumour-stance corpus.

use std::collections::{BTreeMap, BTreeSet};

use claimgraph::query::{Rule, contradictions, corroboration};
use claimgraph::table::{
    ActorField, Column, Field, Headers, ImportReport, Mapping, MappingError, Object, Quoting, SourceField, StanceWords,
    WhenEmpty, import_csv, import_csv_str,
};
use claimgraph::{
    ActorKind, Amount, Cardinality, CellError, ClaimGraph, ClaimId, EntityKind, GraphError, LoadError, Modality,
    ObjectType, Polarity, Predicate, Problem, ProblemKind, SourceKind, Stance, TimeSpec, Value,
};

use crate::{graph_with, temp_dir};

/// The vocabulary, actors and sources of the rule tests, with no claims.
fn base() -> ClaimGraph {
    graph_with(&[], "")
}

/// A mapping with the common fields: subject, predicate, speaker and source from columns of
/// those names, refusing unknown entities.
fn mapping() -> claimgraph::table::MappingBuilder {
    Mapping::builder()
        .subject(Column::named("subject"))
        .predicate(Column::named("predicate"))
        .speaker(Column::named("speaker"))
        .source(Column::named("source"))
}

fn import(graph: &mut ClaimGraph, csv: &str, mapping: &Mapping) -> ImportReport {
    import_csv_str(graph, "t.csv", csv, mapping).unwrap_or_else(|e| panic!("{e}"))
}

/// The one problem of a failed import.
fn only_problem(err: LoadError) -> Problem {
    assert_eq!(err.problems().len(), 1, "{err}");
    err.problems()[0].clone()
}

/// Checks a problem's line, character column, and the cell's column number, header and error.
#[track_caller]
fn check_cell(p: &Problem, line: usize, char_column: usize, column: usize, header: Option<&str>, error: &CellError) {
    assert_eq!((p.location.line, p.location.column), (line, char_column), "{p}");
    match &p.kind {
        ProblemKind::Cell { column: c, header: h, error: e } => {
            assert_eq!((*c, h.as_deref(), e), (column, header, error), "{p}");
        }
        other => panic!("not a cell problem: {other}"),
    }
}

fn claim(graph: &ClaimGraph, key: &str) -> claimgraph::Claim {
    let id = graph.claim_id(key).unwrap_or_else(|| panic!("no claim {key}"));
    graph.claim(id).expect("live").to_claim()
}

// ----- the mapping ------------------------------------------------------------------------------

#[test]
fn every_text_field_from_a_header_file() {
    let mut g = base();
    let csv = "\
id,subject,predicate,qualifier,object,polarity,speaker,source,about,said,quote,note
k1,kz,capital,,Astana,affirmed,a,s1,2022,2022-11-20,the capital is Astana,checked
k2, kz ,capital,ru,Almaty,No,b,s2,,,,
";
    let m = mapping()
        .key(Column::named("id"))
        .qualifier(Column::named("qualifier"))
        .object(Object::text(Column::named("object")))
        .polarity(Column::named("polarity"))
        .about(Column::named("about"))
        .said(Column::named("said"))
        .quote(Column::named("quote"))
        .note(Column::named("note"))
        .modality(Modality::Reported)
        .build()
        .unwrap();
    let report = import(&mut g, csv, &m);
    assert_eq!((report.rows, report.claims.len(), report.actors.len(), report.sources.len()), (2, 2, 0, 0));
    let k1 = claim(&g, "k1");
    assert_eq!(k1.subject, g.actor_id("kz").unwrap());
    assert_eq!(k1.predicate, g.predicate_id("capital").unwrap());
    assert_eq!(k1.object, Value::Text("Astana".into()));
    assert_eq!((k1.polarity, k1.stance, k1.modality), (Polarity::Affirmed, Stance::Own, Modality::Reported));
    assert_eq!(k1.qualifier, None);
    assert_eq!(k1.about, Some("2022".parse::<TimeSpec>().unwrap()));
    assert_eq!(k1.said, Some("2022-11-20".parse::<TimeSpec>().unwrap()));
    assert_eq!((k1.quote.as_str(), k1.unquoted.as_deref()), ("the capital is Astana", None));
    assert_eq!(k1.note.as_deref(), Some("checked"));
    assert_eq!((k1.said_by, k1.source), (g.actor_id("a").unwrap(), g.source_id("s1").unwrap()));
    let k2 = claim(&g, "k2");
    assert_eq!(k2.subject, g.actor_id("kz").unwrap(), "cells are trimmed");
    assert_eq!(k2.qualifier, g.actor_id("ru"));
    assert_eq!(k2.polarity, Polarity::Denied);
    assert_eq!((k2.about, k2.said, k2.note), (None, None, None));
    assert_eq!((k2.quote.as_str(), k2.unquoted.as_deref()), ("", Some("from a table")));
    assert_eq!(report.claims, vec![g.claim_id("k1").unwrap(), g.claim_id("k2").unwrap()]);
}

#[test]
fn amounts_with_a_unit_column_or_a_fixed_unit() {
    let mut g = base();
    let csv = "subject,predicate,n,unit,speaker,source\nkz,border,6846,km,a,s1\nkz,border,~7000000,m,b,s2\nkz,border,6000..7000,km,a,s3\n";
    let m = mapping().object(Object::amount(Column::named("n"), Column::named("unit"))).build().unwrap();
    import(&mut g, csv, &m);
    let km = g.unit_id("km").unwrap();
    let values: Vec<Value> = (2..=4).map(|line| claim(&g, &format!("t_{line}")).object).collect();
    assert_eq!(values[0], Value::Quantity(claimgraph::Quantity { amount: Amount::Exact(6846.0), unit: km }));
    assert!(
        matches!(values[1], Value::Quantity(q) if q.amount == Amount::Around(7_000_000.0) && q.unit == g.unit_id("m").unwrap())
    );
    assert!(matches!(values[2], Value::Quantity(q) if q.amount == Amount::Range(6000.0, 7000.0)));

    let mut g = base();
    let m = mapping()
        .object(Object::amount(Column::named("people"), Field::fixed("person")))
        .key_prefix("arr")
        .build()
        .unwrap();
    import(&mut g, "subject,predicate,people,speaker,source\nkz,arrivals,>=100000,a,s1\n", &m);
    let c = claim(&g, "arr_2");
    assert!(
        matches!(c.object, Value::Quantity(q) if q.amount == Amount::AtLeast(100_000.0) && q.unit == g.unit_id("person").unwrap())
    );
}

#[test]
fn actor_date_and_bool_objects_headerless_and_tab_separated() {
    let mut g = base();
    // No header: columns by number; tab-separated, quotes as plain characters.
    let tsv = "kz\thead\ttok\ta\ts1\t2022\r\nkz\thead\tnaz\tb\ts2\t\"2019\"\r\n";
    let m = Mapping::builder()
        .headers(Headers::Absent)
        .delimiter(b'\t')
        .quoting(Quoting::None)
        .subject(Column::number(1))
        .predicate(Column::number(2))
        .object(Object::actor(Column::number(3)))
        .speaker(Column::number(4))
        .source(Column::number(5))
        .note(Column::number(6))
        .build()
        .unwrap();
    let report = import_csv_str(&mut g, "heads.tsv", tsv, &m).unwrap();
    assert_eq!(report.rows, 2, "no row is taken for a header");
    assert_eq!(claim(&g, "heads_1").object, Value::Actor(g.actor_id("tok").unwrap()));
    assert_eq!(claim(&g, "heads_2").object, Value::Actor(g.actor_id("naz").unwrap()));
    assert_eq!(claim(&g, "heads_2").note.as_deref(), Some("\"2019\""), "no quoting: quotes are kept");

    let mut g = base();
    let m = mapping().object(Object::date(Column::named("when"))).build().unwrap();
    import(&mut g, "subject,predicate,when,speaker,source\nriots,occurred,2022-01-05,a,s1\n", &m);
    assert_eq!(claim(&g, "t_2").object, Value::Date("2022-01-05".parse().unwrap()));

    let mut g = base();
    let m = mapping()
        .object(Object::bool(Column::named("holds")))
        .create_predicates(ObjectType::Bool, Cardinality::Single)
        .build()
        .unwrap();
    let report = import(&mut g, "subject,predicate,holds,speaker,source\nkz,neutral,yes,a,s1\nkz,neutral,0,b,s2\n", &m);
    assert_eq!(report.predicates.len(), 1);
    let p = g.predicate(report.predicates[0]).unwrap();
    assert_eq!((p.key.as_str(), &p.object, p.cardinality), ("neutral", &ObjectType::Bool, Cardinality::Single));
    assert_eq!((claim(&g, "t_2").object, claim(&g, "t_3").object), (Value::Bool(true), Value::Bool(false)));
}

#[test]
fn lines_are_counted_through_crlf_and_blank_lines() {
    let mut g = base();
    let m = mapping().object(Object::text(Column::named("object"))).build().unwrap();
    let csv = "subject,predicate,object,speaker,source\r\nkz,capital,Astana,a,s1\r\n\r\n\nkz,capital,Almaty,b,s2\r\n";
    let report = import(&mut g, csv, &m);
    let keys: Vec<String> = report.claims.iter().map(|&c| g.claim(c).unwrap().key().to_owned()).collect();
    assert_eq!(keys, ["t_2", "t_5"]);
    let bad =
        "subject,predicate,object,speaker,source\r\n\r\nkz,capital,Astana,a,s1\r\nkz,capital,Almaty,nobody,s2\r\n";
    let p = only_problem(import_csv_str(&mut base(), "bad.csv", bad, &m).unwrap_err());
    assert_eq!((p.location.line, p.location.column), (4, 19));
}

#[test]
fn quoted_cells_hold_delimiters_quotes_and_line_breaks() {
    let mut g = base();
    let csv = "subject,predicate,object,speaker,source,quote\nkz,says,\"one, \"\"two\"\"\nthree\",a,s1,\"he said \"\"no\"\"\"\nkz,says,four,a,s1,\n";
    let m = mapping().object(Object::text(Column::named("object"))).quote(Column::named("quote")).build().unwrap();
    import(&mut g, csv, &m);
    let c = claim(&g, "t_2");
    assert_eq!(c.object, Value::Text("one, \"two\"\nthree".into()));
    assert_eq!(c.quote, "he said \"no\"");
    // The second record starts on line 4: its key says so.
    assert_eq!(claim(&g, "t_4").object, Value::Text("four".into()));
}

#[test]
fn a_stance_column_asserts_denies_or_carries() {
    let mut g = base();
    let csv = "subject,predicate,object,stance,speaker,source\n\
               kz,capital,Astana,assert,a,s1\n\
               kz,capital,Astana,DENY,b,s2\n\
               kz,capital,Astana,carries,o1,s1\n\
               kz,capital,Astana,asserted,o2,s2\n";
    let m = mapping().object(Object::text(Column::named("object"))).stance(Column::named("stance")).build().unwrap();
    import(&mut g, csv, &m);
    let read = |key: &str| {
        let c = claim(&g, key);
        (c.polarity, c.stance)
    };
    assert_eq!(read("t_2"), (Polarity::Affirmed, Stance::Own));
    assert_eq!(read("t_3"), (Polarity::Denied, Stance::Own));
    assert_eq!(read("t_4"), (Polarity::Affirmed, Stance::Carried));
    assert_eq!(read("t_5"), (Polarity::Affirmed, Stance::Own));
    // The carried claim is on neither side.
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    let ids = |keys: &[&str]| keys.iter().map(|k| g.claim_id(k).unwrap()).collect::<Vec<_>>();
    assert_eq!(found[0].rule, Rule::Polarity);
    assert_eq!(found[0].claims, ids(&["t_2", "t_3", "t_5"]));

    // Fixed for the whole table: denied and carried.
    let mut g = base();
    let m = mapping().object(Object::text(Column::named("object"))).denied().carried().build().unwrap();
    import(&mut g, "subject,predicate,object,speaker,source\nkz,capital,Astana,a,s1\n", &m);
    let c = claim(&g, "t_2");
    assert_eq!((c.polarity, c.stance), (Polarity::Denied, Stance::Carried));
}

#[test]
fn created_entities_take_the_kind_name_and_outlet_the_mapping_gives() {
    let mut g = base();
    let csv = "isbn,title,authors,store\n\
               0201,The Art of Computer Programming,\"Knuth, Donald E.\",Shop A\n\
               0201,Art of Computer Programming,Donald Knuth,Shop B\n\
               0202,,Someone,Shop A\n";
    g.add_predicate(Predicate::new("authors", "was written by", ObjectType::Text).single()).unwrap();
    let m = Mapping::builder()
        .subject(ActorField::new(Column::named("isbn")).create(ActorKind::Other).named_by(Column::named("title")))
        .predicate(Field::fixed("authors"))
        .object(Object::text(Column::named("authors")))
        .speaker(ActorField::new(Column::named("store")).create(ActorKind::Company))
        .source(SourceField::new(Column::named("store")).create(SourceKind::Report).language("en"))
        .outlet(Column::named("store"))
        .unquoted_reason("from a store's listing")
        .build()
        .unwrap();
    let (actors, sources) = (g.actor_count(), g.source_count());
    let report = import(&mut g, csv, &m);
    assert_eq!((report.actors.len(), report.sources.len(), report.claims.len()), (4, 2, 3));
    assert_eq!((g.actor_count(), g.source_count()), (actors + 4, sources + 2));
    let book = g.actor(g.actor_id("0201").unwrap()).unwrap();
    assert_eq!((book.kind(), book.name()), (ActorKind::Other, "The Art of Computer Programming"));
    let unnamed = g.actor(g.actor_id("0202").unwrap()).unwrap();
    assert_eq!(unnamed.name(), "0202", "an empty name cell leaves the key as name");
    let shop = g.actor_id("Shop A").unwrap();
    assert_eq!(g.actor(shop).unwrap().kind(), ActorKind::Company);
    let listing = g.source(g.source_id("Shop A").unwrap()).unwrap();
    assert_eq!(
        (listing.kind(), listing.title(), listing.outlet(), listing.language()),
        (SourceKind::Report, "Shop A", Some(shop), "en")
    );
    assert_eq!(claim(&g, "t_2").unquoted.as_deref(), Some("from a store's listing"));
    // The two stores disagree on the single-valued author list.
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    assert_eq!((found[0].rule, found[0].claims.clone()), (Rule::SingleValue, report.claims[..2].to_vec()));
}

#[test]
fn rows_with_an_empty_object_are_skipped_only_when_asked() {
    let csv =
        "subject,predicate,object,speaker,source\nkz,capital,Astana,a,s1\nkz,capital,,a,s2\nkz,capital, n/a ,b,s1\n";
    let builder = || mapping().object(Object::text(Column::named("object"))).missing_values(["N/A"]);
    let mut g = base();
    let err = import_csv_str(&mut g, "t.csv", csv, &builder().build().unwrap()).unwrap_err();
    assert_eq!(err.problems().len(), 2);
    let empty = CellError::Empty { field: "object" };
    check_cell(&err.problems()[0], 3, 12, 3, Some("object"), &empty);
    check_cell(&err.problems()[1], 4, 12, 3, Some("object"), &empty);
    assert_eq!(g.claim_count(), 0);

    let report = import(&mut g, csv, &builder().when_object_empty(WhenEmpty::SkipRow).build().unwrap());
    assert_eq!((report.rows, report.claims.len()), (3, 1));
    let skipped: Vec<(usize, usize, &str)> =
        report.skipped.iter().map(|s| (s.line, s.column, s.cell.as_str())).collect();
    assert_eq!(skipped, vec![(3, 3, ""), (4, 3, "n/a")]);
}

// ----- errors -----------------------------------------------------------------------------------

/// A table with every column a claim may use, for the error tests.
const HEAD: &str = "subject,predicate,object,unit,stance,speaker,source,about\n";

fn full_mapping() -> Mapping {
    mapping()
        .object(Object::amount(Column::named("object"), Column::named("unit")))
        .stance(Column::named("stance"))
        .about(Column::named("about"))
        .build()
        .unwrap()
}

fn fails(csv: &str, mapping: &Mapping) -> LoadError {
    let mut g = base();
    let (claims, actors) = (g.claim_count(), g.actor_count());
    let err = import_csv_str(&mut g, "bad.csv", csv, mapping).unwrap_err();
    assert_eq!((g.claim_count(), g.actor_count()), (claims, actors), "a failed import adds nothing");
    err
}

#[test]
fn an_unknown_actor_names_its_cell() {
    let err = fails(
        &format!("{HEAD}kz,border,6846,km,assert,a,s1,2022\nkz,border,6846,km,assert,nobody,s1,\n"),
        &full_mapping(),
    );
    let p = only_problem(err);
    let error = CellError::Rule(GraphError::DanglingReference { kind: EntityKind::Actor, key: "nobody".into() });
    check_cell(&p, 3, 26, 6, Some("speaker"), &error);
    assert_eq!(p.to_string(), r#"bad.csv:3:26: column 6 "speaker": dangling reference: no actor with id "nobody""#);
}

#[test]
fn an_unknown_predicate_an_unknown_unit_and_an_unknown_source() {
    let err = fails(&format!("{HEAD}kz,bordr,6846,km,assert,a,s1,\nkz,border,1,mile,assert,a,s9,\n"), &full_mapping());
    let ps = err.problems();
    assert_eq!(ps.len(), 3, "{err}");
    check_cell(
        &ps[0],
        2,
        4,
        2,
        Some("predicate"),
        &CellError::Rule(GraphError::UnknownPredicate { key: "bordr".into() }),
    );
    check_cell(&ps[1], 3, 13, 4, Some("unit"), &CellError::Rule(GraphError::UnknownUnit { key: "mile".into() }));
    let source = CellError::Rule(GraphError::DanglingReference { kind: EntityKind::Source, key: "s9".into() });
    check_cell(&ps[2], 3, 27, 7, Some("source"), &source);
}

#[test]
fn an_unreadable_number_a_malformed_date_and_an_unknown_stance_word() {
    let csv = format!(
        "{HEAD}kz,border,\"6,846\",km,assert,a,s1,\nkz,border,6846,km,assert,a,s1,11/2022\nkz,border,6846,km,maybe,a,s1,\n"
    );
    let err = fails(&csv, &full_mapping());
    let ps = err.problems();
    assert_eq!(ps.len(), 3, "{err}");
    check_cell(&ps[0], 2, 11, 3, Some("object"), &CellError::Number("6,846".into()));
    match &ps[1].kind {
        ProblemKind::Cell {
            column: 8,
            header: Some(h),
            error: CellError::Rule(GraphError::Date { field: "about", .. }),
        } => {
            assert_eq!(h, "about");
        }
        other => panic!("{other}"),
    }
    assert_eq!((ps[1].location.line, ps[1].location.column), (3, 31));
    let stance = CellError::Stance {
        text: "maybe".into(),
        expected: "assert, asserts, asserted, deny, denies, denied, carry, carries, carried".into(),
    };
    check_cell(&ps[2], 4, 19, 5, Some("stance"), &stance);
}

#[test]
fn a_value_of_the_wrong_type_for_the_predicate() {
    // `capital` takes a text, not a quantity; `arrivals` takes a count, not a length.
    let err = fails(&format!("{HEAD}kz,capital,5,km,assert,a,s1,\nkz,arrivals,5,km,assert,a,s1,\n"), &full_mapping());
    let ps = err.problems();
    assert_eq!(ps.len(), 2, "{err}");
    let wrong = |p: &Problem, predicate: &str| match &p.kind {
        ProblemKind::Cell {
            error: CellError::Rule(GraphError::WrongValueType { predicate: q, .. }), column, ..
        } => {
            assert_eq!(q, predicate);
            *column
        }
        other => panic!("{other}"),
    };
    // Units vary by row, so the unit's cell is at fault.
    assert_eq!((wrong(&ps[0], "capital"), ps[0].location.line), (4, 2));
    assert_eq!((wrong(&ps[1], "arrivals"), ps[1].location.line), (4, 3));
}

#[test]
fn empty_required_cells_and_ragged_rows() {
    let csv =
        format!("{HEAD}kz,border,6846,km,,a,s1,\n,border,6846,km,assert,a,s1\nkz,border,6846,km,assert,a,s1,,extra\n");
    let err = fails(&csv, &full_mapping());
    let ps = err.problems();
    assert_eq!(ps.len(), 4, "{err}");
    check_cell(&ps[0], 2, 19, 5, Some("stance"), &CellError::Empty { field: "stance" });
    check_cell(&ps[1], 3, 1, 1, Some("subject"), &CellError::Empty { field: "subject" });
    // Short by one: reported once, at the end of the row, for the first missing column.
    check_cell(&ps[2], 3, 28, 8, Some("about"), &CellError::Missing { expected: 8, found: 7 });
    // Long by one: at the first extra cell, which has no header.
    check_cell(&ps[3], 4, 32, 9, None, &CellError::Extra { expected: 8, found: 9 });
    assert!(ps[3].to_string().starts_with("bad.csv:4:32: column 9: extra cell"), "{}", ps[3]);
}

#[test]
fn a_bad_fixed_value_is_reported_once() {
    let m = mapping().object(Object::amount(Column::named("object"), Field::fixed("mile"))).build().unwrap();
    let csv = "subject,predicate,object,speaker,source\nkz,border,1,a,s1\nkz,border,2,a,s1\n";
    let p = only_problem(fails(csv, &m));
    assert_eq!((p.location.line, p.location.column), (1, 1));
    assert_eq!(
        p.to_string(),
        r#"bad.csv:1:1: the mapping's fixed unit "mile": unknown unit "mile" (declare it in a `units` section)"#
    );
}

#[test]
fn every_bad_row_is_listed_and_nothing_is_added() {
    let mut csv = HEAD.to_owned();
    for i in 0..50 {
        // Every fifth row names an unknown speaker.
        let speaker = if i % 5 == 0 { format!("ghost{i}") } else { "a".to_owned() };
        csv.push_str(&format!("kz,border,{},km,assert,{speaker},s1,\n", 6800 + i));
    }
    let err = fails(&csv, &full_mapping());
    let lines: Vec<usize> = err.problems().iter().map(|p| p.location.line).collect();
    assert_eq!(lines, (0..50).filter(|i| i % 5 == 0).map(|i| i + 2).collect::<Vec<_>>());
}

#[test]
fn claim_ids_used_twice_or_already_in_the_graph() {
    let m = mapping().key(Column::named("id")).object(Object::text(Column::named("object"))).build().unwrap();
    let csv = "subject,predicate,object,speaker,source,id\nkz,capital,Astana,a,s1,x\nkz,capital,Astana,a,s1,y\nkz,capital,Almaty,a,s1,x\n";
    let p = only_problem(fails(csv, &m));
    match &p.kind {
        ProblemKind::DuplicateId { kind: EntityKind::Claim, key, first } => {
            assert_eq!((key.as_str(), first.line, first.column), ("x", 2, 24));
            assert_eq!((p.location.line, p.location.column), (4, 24));
        }
        other => panic!("{other}"),
    }
    // Importing the same generated ids twice.
    let mut g = base();
    let m = mapping().object(Object::text(Column::named("object"))).build().unwrap();
    let csv = "subject,predicate,object,speaker,source\nkz,capital,Astana,a,s1\n";
    import(&mut g, csv, &m);
    let p = only_problem(import_csv_str(&mut g, "t.csv", csv, &m).unwrap_err());
    assert_eq!(p.kind, ProblemKind::Rule(GraphError::DuplicateKey { kind: EntityKind::Claim, key: "t_2".into() }));
    assert_eq!(g.claim_count(), 1);
}

#[test]
fn columns_the_table_lacks_and_mappings_that_cannot_be_built() {
    let m = mapping().object(Object::text(Column::named("objet"))).build().unwrap();
    let p = only_problem(fails("subject,predicate,object,speaker,source\n", &m));
    assert_eq!((p.location.line, p.location.column), (1, 1));
    assert!(p.to_string().contains(r#"no column named "objet" in the header"#), "{p}");

    let m = Mapping::builder()
        .headers(Headers::Absent)
        .subject(Column::number(1))
        .predicate(Column::number(2))
        .object(Object::text(Column::number(9)))
        .speaker(Column::number(3))
        .source(Column::number(4))
        .build()
        .unwrap();
    let p = only_problem(fails("kz,capital,a,s1\n", &m));
    assert!(p.to_string().contains("reads column 9, but the first row has 4 columns"), "{p}");

    assert_eq!(Mapping::builder().build().unwrap_err(), MappingError::Missing("subject"));
    let no_source = Mapping::builder()
        .subject(Column::number(1))
        .predicate(Column::number(2))
        .object(Object::text(Column::number(3)))
        .speaker(Column::number(4));
    assert_eq!(no_source.build().unwrap_err(), MappingError::Missing("source"));
    let named = mapping().headers(Headers::Absent).object(Object::text(Column::number(3)));
    assert_eq!(named.build().unwrap_err(), MappingError::NamedWithoutHeaders("subject".into()));
    let zero = mapping().object(Object::text(Column::number(0)));
    assert_eq!(zero.build().unwrap_err(), MappingError::ColumnZero);
    let empty = mapping().object(Object::text(Field::fixed(" ")));
    assert_eq!(empty.build().unwrap_err(), MappingError::EmptyFixed);
}

#[test]
fn a_file_that_is_not_utf8_or_not_there() {
    let dir = temp_dir("table-files");
    let path = dir.join("latin1.csv");
    std::fs::write(&path, b"subject,predicate\nk\xe9,x\n").unwrap();
    let m = mapping().object(Object::text(Column::named("object"))).build().unwrap();
    let mut g = base();
    let p = only_problem(import_csv(&mut g, &path, &m).unwrap_err());
    assert_eq!((p.location.line, p.location.column), (2, 2));
    assert!(matches!(p.kind, ProblemKind::Io(_)), "{p}");
    let p = only_problem(import_csv(&mut g, dir.join("absent.csv"), &m).unwrap_err());
    assert!(matches!(p.kind, ProblemKind::Io(_)), "{p}");
}

// ----- round trip -------------------------------------------------------------------------------

#[test]
fn imported_claims_and_created_entities_save_and_load_back_equal() {
    let mut g = base();
    let csv = "rumour,article,outlet,stance,when\nr1,a1,Outlet X,assert,2024-03\nr1,a2,Outlet Y,deny,\nr1,a3,Outlet Y,carry,2024\n";
    let m = rumour_mapping().about(Column::named("when")).build().unwrap();
    let report = import(&mut g, csv, &m);
    assert_eq!((report.actors.len(), report.sources.len(), report.predicates.len()), (3, 3, 1));
    let dir = temp_dir("table-round-trip");
    claimgraph::save_dir(&g, &dir).unwrap();
    let back = claimgraph::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(back, g);
    let c = claim(&back, "t_4");
    assert_eq!((c.stance, c.unquoted.as_deref(), c.quote.as_str()), (Stance::Carried, Some("from a table"), ""));
}

#[test]
fn a_reader_imports_like_a_string() {
    let m = mapping().object(Object::text(Column::named("object"))).build().unwrap();
    let csv = "subject,predicate,object,speaker,source\nkz,capital,Astana,a,s1\n";
    let mut g = base();
    let report = claimgraph::import_csv_reader(&mut g, "from_reader.csv", csv.as_bytes(), &m).unwrap();
    assert_eq!(report.claims, vec![g.claim_id("from_reader_2").unwrap()]);
    let mut h = base();
    import_csv_str(&mut h, "from_reader.csv", csv, &m).unwrap();
    assert_eq!(g, h);
}

// ----- the book-author data set -----------------------------------------------------------------

#[path = "../../examples/common/book.rs"]
mod book;

#[test]
fn the_book_data_set_imports_every_row() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/book/book.txt");
    let mut g = ClaimGraph::new();
    g.add_predicate(Predicate::new("authors", "was written by", ObjectType::Text).single()).unwrap();
    let report = import_csv(&mut g, &path, &book::mapping()).unwrap_or_else(|e| panic!("{e}"));

    // The same counts, read with plain string splitting.
    let text = std::fs::read_to_string(&path).unwrap();
    let rows: Vec<Vec<&str>> = text.lines().map(|l| l.split('\t').map(str::trim).collect()).collect();
    assert!(rows.iter().all(|r| r.len() == 4));
    let no_author = |a: &str| a.is_empty() || book::NO_AUTHOR.iter().any(|n| n.eq_ignore_ascii_case(a));
    let kept: Vec<&Vec<&str>> = rows.iter().filter(|r| !no_author(r[3])).collect();
    let books: BTreeSet<&str> = kept.iter().map(|r| r[1]).collect();
    let stores: BTreeSet<&str> = kept.iter().map(|r| r[0]).collect();

    assert_eq!(report.rows, 33_971);
    assert_eq!(rows.len(), 33_971);
    assert_eq!(rows.iter().map(|r| r[1]).collect::<BTreeSet<_>>().len(), 1_265);
    assert_eq!(rows.iter().map(|r| r[0]).collect::<BTreeSet<_>>().len(), 895);
    // 713 empty author cells and 43 that say there is none.
    assert_eq!(report.skipped.len(), 756);
    assert_eq!(report.skipped.iter().filter(|s| s.cell.is_empty()).count(), 713);
    assert_eq!(report.claims.len(), 33_215);
    assert_eq!(report.claims.len(), kept.len());
    assert_eq!((books.len(), stores.len()), (1_263, 876));
    assert_eq!(report.actors.len(), books.len() + stores.len());
    assert_eq!(report.sources.len(), stores.len());
    assert_eq!(g.claim_count(), 33_215);

    // A claim reads back as its row wrote it; the first row has no author, so the first claim
    // is the second line's.
    assert_eq!((report.skipped[0].line, report.skipped[0].cell.as_str()), (1, "Not Available"));
    let first = g.claim(report.claims[0]).unwrap();
    assert_eq!(first.key(), "book_2");
    let row = kept[0];
    assert_eq!(g.actor(first.subject()).unwrap().key(), row[1]);
    assert_eq!(g.actor(first.said_by()).unwrap().key(), row[0]);
    assert_eq!(first.object(), Value::Text(row[3].to_owned()));

    // Stores that spell one book's authors differently disagree; those that agree corroborate.
    let found = contradictions(&g);
    assert!(found.iter().all(|c| c.rule == Rule::SingleValue));
    let disputed: BTreeSet<_> = found.iter().map(|c| g.claim(c.claims[0]).unwrap().subject()).collect();
    assert!(disputed.len() > 1_000, "{} books with disagreeing stores", disputed.len());
    let knuth = g.actor_id("0201853949").expect("a book of the data set");
    let support = corroboration(&g, g.claims_about(knuth)[1]);
    assert!(support.independent() >= 2, "{support:?}");

    // The whole import saves as RON and loads back equal.
    let dir = temp_dir("table-book-round-trip");
    claimgraph::save_dir(&g, &dir).unwrap();
    assert_eq!(claimgraph::load_dir(&dir).unwrap_or_else(|e| panic!("{e}")), g);
}

// ----- a rumour-stance corpus -------------------------------------------------------------------

/// The `(article, outlet, stance)` rows of each rumour.
type ByRumour = BTreeMap<String, Vec<(String, String, String)>>;

/// Rumours and the articles that take a stance on them (or only report them), in the shape of
/// public rumour-stance corpora: `rumour, article, outlet, stance`.
fn rumour_corpus() -> (String, ByRumour) {
    const STANCES: [&str; 4] = ["supporting", "denying", "observing", "commenting"];
    let mut csv = String::from("rumour,article,outlet,stance\n");
    let mut by_rumour = ByRumour::new();
    for r in 0..6 {
        for a in 0..(5 + r) {
            // Rumour 0 is never denied; the others get every stance.
            let stance = if r == 0 && a % 2 == 1 { "observing" } else { STANCES[(r * 7 + a * 3) % 4] };
            let (rumour, article, outlet) =
                (format!("rumour{r}"), format!("r{r}_article{a}"), format!("outlet{}", a % 4));
            csv.push_str(&format!("{rumour},{article},{outlet},{stance}\n"));
            by_rumour.entry(rumour).or_default().push((article, outlet, stance.to_owned()));
        }
    }
    (csv, by_rumour)
}

/// The recommended import of a stance corpus (`data/FORMAT.md`): supporting asserts, denying
/// denies, observing and commenting only carry.
fn rumour_mapping() -> claimgraph::table::MappingBuilder {
    let words = StanceWords::new().assert("supporting").deny("denying").carry("observing").carry("commenting");
    let words = words.assert("assert").deny("deny").carry("carry");
    Mapping::builder()
        .subject(ActorField::new(Column::named("rumour")).create(ActorKind::Event))
        .predicate(Field::fixed("holds"))
        .create_predicates(ObjectType::Bool, Cardinality::Single)
        .object(Object::bool(Field::fixed("true")))
        .stance_words(Column::named("stance"), words)
        .speaker(ActorField::new(Column::named("outlet")).create(ActorKind::MediaOutlet))
        .source(SourceField::new(Column::named("article")).create(SourceKind::Article))
        .outlet(Column::named("outlet"))
}

/// The example of `data/FORMAT.md`, "Tables (CSV)": its claims and its error messages.
#[test]
fn the_documented_stance_corpus_example() {
    let mut graph = ClaimGraph::new();
    graph.add_predicate(Predicate::new("holds", "is true", ObjectType::Bool).single()).unwrap();
    let words = StanceWords::new()
        .assert("supporting")
        .deny("denying")
        .carry("observing")
        .carry("commenting")
        .carry("querying");
    let mapping = Mapping::builder()
        .subject(ActorField::new(Column::named("rumour")).create(ActorKind::Event))
        .predicate(Field::fixed("holds"))
        .object(Object::bool(Field::fixed("true")))
        .stance_words(Column::named("stance"), words)
        .speaker(ActorField::new(Column::named("outlet")).create(ActorKind::MediaOutlet))
        .source(SourceField::new(Column::named("article")).create(SourceKind::Article))
        .outlet(Column::named("outlet"))
        .build()
        .unwrap();
    let csv = "rumour,article,outlet,stance\nhostage_freed,a01,Agency A,supporting\nhostage_freed,a02,Daily B,denying\nhostage_freed,a03,Daily B,observing\n";
    import_csv_str(&mut graph, "rumours.csv", csv, &mapping).unwrap();
    let found = contradictions(&graph);
    assert_eq!(found.len(), 1);
    let ids = |keys: &[&str]| keys.iter().map(|k| graph.claim_id(k).unwrap()).collect::<Vec<_>>();
    assert_eq!((found[0].rule, found[0].claims.clone()), (Rule::Polarity, ids(&["rumours_2", "rumours_3"])));
    let c = claim(&graph, "rumours_4");
    assert_eq!((c.stance, c.unquoted.as_deref()), (Stance::Carried, Some("from a table")));

    let bad = "rumour,article,outlet,stance\nhostage_freed,a04,Agency A,maybe\n,a05,Daily B,denying\nhostage_freed,a06,Daily B\n";
    let err = import_csv_str(&mut graph, "more.csv", bad, &mapping).unwrap_err();
    let lines: Vec<String> = err.problems().iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        [
            r#"more.csv:2:28: column 4 "stance": unknown stance "maybe" (this column takes supporting, denying, observing, commenting, querying)"#,
            r#"more.csv:3:1: column 1 "rumour": empty cell, but the subject is required"#,
            r#"more.csv:4:26: column 4 "stance": missing cell: the row has 3 cells, the table 4"#,
        ]
    );
}

#[test]
fn a_rumour_stance_corpus_gives_sides_of_affirming_and_denying_articles() {
    let (csv, by_rumour) = rumour_corpus();
    let mut g = ClaimGraph::new();
    let report = import_csv_str(&mut g, "rumours.csv", &csv, &rumour_mapping().build().unwrap()).unwrap();
    assert_eq!(report.claims.len(), by_rumour.values().map(Vec::len).sum::<usize>());
    let claim_of = |article: &str| -> ClaimId {
        let source = g.source_id(article).unwrap();
        g.claims_in_source(source)[0]
    };
    let found = contradictions(&g);
    let mut contested = 0;
    for (rumour, rows) in &by_rumour {
        let with = |s: &str| -> Vec<ClaimId> {
            let mut ids: Vec<ClaimId> = rows.iter().filter(|r| r.2 == s).map(|r| claim_of(&r.0)).collect();
            ids.sort();
            ids
        };
        let (supporting, denying) = (with("supporting"), with("denying"));
        let mut carried: Vec<ClaimId> = [with("observing"), with("commenting")].concat();
        carried.sort();
        for &c in &carried {
            assert_eq!(g.claim(c).unwrap().stance(), Stance::Carried);
        }
        let subject = g.actor_id(rumour).unwrap();
        let here: Vec<_> = found.iter().filter(|c| g.claim(c.claims[0]).unwrap().subject() == subject).collect();
        if supporting.is_empty() || denying.is_empty() {
            assert!(here.is_empty(), "{rumour}: no side against the other");
        } else {
            contested += 1;
            assert_eq!(here.len(), 1, "{rumour}");
            assert_eq!(here[0].rule, Rule::Polarity);
            let mut sides = [supporting.clone(), denying.clone()].concat();
            sides.sort();
            assert_eq!(here[0].claims, sides, "{rumour}: the sides are the affirming and denying articles");
            assert!(carried.iter().all(|c| !here[0].claims.contains(c)), "{rumour}: carriage takes no side");
        }
        if let Some(&first) = supporting.first() {
            let support = corroboration(&g, first);
            assert_eq!(support.claims, supporting, "{rumour}");
            assert_eq!(support.carried, carried, "{rumour}: the observers are listed apart");
            let outlets: BTreeSet<&str> = rows.iter().filter(|r| r.2 == "supporting").map(|r| r.1.as_str()).collect();
            assert_eq!(support.independent(), outlets.len(), "{rumour}: one outlet is one voice");
        }
        if let Some(&first) = denying.first() {
            let against = corroboration(&g, first);
            assert_eq!((against.claims, against.carried), (denying.clone(), Vec::new()), "{rumour}");
        }
    }
    assert!(contested >= 4, "{contested} contested rumours");
}
