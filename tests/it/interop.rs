//! JSON (and, with the `rdf` feature, RDF) export and import: round trips, the JSON Schema, and
//! the errors of bad input.

use claimgraph::{ClaimGraph, ProblemKind, load_json_str, to_json};
use serde_json::Value;

use crate::{bundled, claim, graph_with};

fn synth() -> ClaimGraph {
    claimgraph::synth::generate(&claimgraph::synth::Config { claims: 2_000, seed: 7, ..Default::default() })
}

#[test]
fn json_round_trip_bundled_and_synth() {
    for graph in [bundled(), synth()] {
        let json = to_json(&graph);
        let back = load_json_str("export.json", &json).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(to_json(&back), json);
        assert!(back == graph);
    }
}

#[test]
fn json_of_a_graph_with_every_value_kind_round_trips() {
    let claims = [
        claim("q", "kz", "border", "Quantity(amount: Range(6800, 6900.5), unit: \"km\")", "polarity: Denied"),
        claim("d", "kz", "occurred", "Date(\"2022-01~\")", "about: Some(\"2022-22\"), said: Some(\"2022/..\")"),
        claim("t", "kz", "capital", "Text(\"Astana \\\"new\\\"\")", "stance: Carried, modality: Hedged"),
        claim(
            "r",
            "b",
            "denies",
            "Claim(\"t\")",
            "mode: DirectQuote, relayed_by: [(by: Some(\"o2\"), source: Some(\"s3\")), (source: Some(\"s4\"), mode: Hedged)], said_in: Some(\"speech\")",
        ),
    ];
    let graph = graph_with(&claims, r#"(id: "k", claims: ["q", "d"], note: "n")"#);
    let json = to_json(&graph);
    assert!(json.contains(r#""Range": ["#), "{json}");
    assert_eq!(load_json_str("g.json", &json).unwrap_or_else(|e| panic!("{e}")), graph);
}

#[test]
fn json_rule_problems_are_located_in_the_json_text() {
    let json = r#"{
  "units": [{"id": "km", "dimension": "length", "factor": 1000.0}],
  "predicates": [{"id": "border", "label": "border", "object": {"Quantity": "length"}}],
  "actors": [
    {"id": "kz", "kind": "State", "name": "Kazakhstan"},
    {"id": "kz", "kind": "State", "name": "Kazakhstan again"}
  ],
  "sources": [{"id": "s", "kind": "Article", "title": "T", "language": "en", "published": "2022-13"}],
  "claims": [
    {"id": "c", "subject": "kz", "predicate": "border",
     "object": {"Quantity": {"amount": {"Exact": 1.0}, "unit": "mile"}},
     "said_by": "kz", "source": "s", "quote": "q"}
  ]
}"#;
    let err = load_json_str("bad.json", json).unwrap_err();
    let found: Vec<(usize, usize, String)> =
        err.problems().iter().map(|p| (p.location.line, p.location.column, p.kind.to_string())).collect();
    let expect = |line: usize, needle: &str| {
        assert!(
            found.iter().any(|(l, _, m)| *l == line && m.contains(needle)),
            "no problem on line {line} with {needle:?} in {found:#?}"
        );
    };
    expect(6, "duplicate actor id \"kz\"");
    expect(8, "published");
    expect(11, "unknown unit \"mile\"");
    let duplicate = err.problems().iter().find(|p| matches!(p.kind, ProblemKind::DuplicateId { .. })).unwrap();
    let ProblemKind::DuplicateId { first, .. } = &duplicate.kind else { unreachable!() };
    assert_eq!((first.line, first.column), (5, 12));
    let unit = err.problems().iter().find(|p| p.kind.to_string().contains("mile")).unwrap();
    assert_eq!(unit.location.column, 64, "{unit}");
    assert!(unit.to_string().starts_with("bad.json:11:64: "), "{unit}");
}

#[test]
fn json_syntax_and_shape_errors() {
    for (text, line, needle) in [
        ("{\n  \"actors\": [,]\n}", 2, "expected value"),
        ("{\n  \"actor\": []\n}", 2, "unknown field `actor`"),
        ("{\n  \"claims\": [{\"id\": \"c\"}]\n}", 2, "missing field"),
    ] {
        let err = load_json_str("x.json", text).unwrap_err();
        let p = &err.problems()[0];
        assert_eq!(p.location.line, line, "{err}");
        assert!(matches!(p.kind, ProblemKind::Syntax(_)), "{err}");
        assert!(p.kind.to_string().contains(needle), "{err}");
    }
}

#[test]
fn json_file_round_trip() {
    let dir = crate::temp_dir("json-file");
    let path = dir.join("all.json");
    let graph = bundled();
    claimgraph::save_json(&graph, &path).unwrap();
    assert_eq!(claimgraph::load_json(&path).unwrap_or_else(|e| panic!("{e}")), graph);
    let missing = claimgraph::load_json(dir.join("none.json")).unwrap_err();
    assert!(matches!(missing.problems()[0].kind, ProblemKind::Io(_)));
}

// ---- The JSON Schema ----
//
// A validator for the part of JSON Schema 2020-12 that `data/claimgraph.schema.json` uses:
// `type` (one or several), `enum`, `properties`, `required`, `additionalProperties: false`,
// `items` (a schema or `false`), `prefixItems`, `minItems`, `oneOf`, `anyOf` and local `$ref`s
// into `$defs`. Any other keyword in the schema fails the test, so the schema cannot grow past
// what is checked here unnoticed.

const ANNOTATIONS: &[&str] = &["$schema", "$id", "title", "description", "$defs"];
const KEYWORDS: &[&str] = &[
    "type",
    "enum",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "prefixItems",
    "minItems",
    "oneOf",
    "anyOf",
    "$ref",
];

fn schema() -> Value {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/data/claimgraph.schema.json");
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn type_matches(name: &str, v: &Value) -> bool {
    match name {
        "object" => v.is_object(),
        "array" => v.is_array(),
        "string" => v.is_string(),
        "number" => v.is_number(),
        "integer" => v.is_i64() || v.is_u64(),
        "boolean" => v.is_boolean(),
        "null" => v.is_null(),
        other => panic!("unknown type {other:?} in the schema"),
    }
}

/// The errors of `v` against `s`, each with its JSON pointer.
fn validate(root: &Value, s: &Value, v: &Value, at: &str, errors: &mut Vec<String>) {
    if let Some(b) = s.as_bool() {
        if !b {
            errors.push(format!("{at}: not allowed"));
        }
        return;
    }
    let s = s.as_object().expect("a schema is an object or a boolean");
    for key in s.keys() {
        assert!(
            KEYWORDS.contains(&key.as_str()) || ANNOTATIONS.contains(&key.as_str()),
            "the schema uses {key:?}, which this validator does not check"
        );
    }
    if let Some(r) = s.get("$ref").and_then(Value::as_str) {
        let name = r.strip_prefix("#/$defs/").expect("local $ref");
        validate(root, &root["$defs"][name], v, at, errors);
    }
    if let Some(t) = s.get("type") {
        let ok = match t {
            Value::String(name) => type_matches(name, v),
            Value::Array(names) => names.iter().any(|n| type_matches(n.as_str().unwrap(), v)),
            _ => panic!("bad type"),
        };
        if !ok {
            errors.push(format!("{at}: {v} is not of type {t}"));
            return;
        }
    }
    if let Some(values) = s.get("enum").and_then(Value::as_array)
        && !values.contains(v)
    {
        errors.push(format!("{at}: {v} is not one of {values:?}"));
    }
    for (key, several) in [("oneOf", true), ("anyOf", false)] {
        if let Some(options) = s.get(key).and_then(Value::as_array) {
            let passing = options
                .iter()
                .filter(|o| {
                    let mut e = Vec::new();
                    validate(root, o, v, at, &mut e);
                    e.is_empty()
                })
                .count();
            if passing == 0 || (several && passing > 1) {
                errors.push(format!("{at}: {v} matches {passing} of the {key} options"));
            }
        }
    }
    if let Some(o) = v.as_object() {
        let props = s.get("properties").and_then(Value::as_object);
        for name in s.get("required").and_then(Value::as_array).into_iter().flatten() {
            if !o.contains_key(name.as_str().unwrap()) {
                errors.push(format!("{at}: missing {name}"));
            }
        }
        for (k, x) in o {
            match props.and_then(|p| p.get(k)) {
                Some(ps) => validate(root, ps, x, &format!("{at}/{k}"), errors),
                None if s.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    errors.push(format!("{at}: unexpected property {k:?}"))
                }
                None => {}
            }
        }
    }
    if let Some(a) = v.as_array() {
        let prefix = s.get("prefixItems").and_then(Value::as_array).map_or(&[][..], Vec::as_slice);
        if let Some(min) = s.get("minItems").and_then(Value::as_u64)
            && (a.len() as u64) < min
        {
            errors.push(format!("{at}: fewer than {min} items"));
        }
        for (i, x) in a.iter().enumerate() {
            let item = prefix.get(i).or_else(|| s.get("items"));
            if let Some(item) = item {
                validate(root, item, x, &format!("{at}/{i}"), errors);
            }
        }
    }
}

fn schema_errors(doc: &Value) -> Vec<String> {
    let root = schema();
    let mut errors = Vec::new();
    validate(&root, &root, doc, "", &mut errors);
    errors
}

#[test]
fn exports_validate_against_the_json_schema() {
    let root = schema();
    assert_eq!(root["$schema"], "https://json-schema.org/draft/2020-12/schema");
    let extra = graph_with(
        &[claim(
            "q",
            "kz",
            "border",
            "Quantity(amount: Range(1, 2), unit: \"km\")",
            "relayed_by: [(by: Some(\"o2\"))], said_in: Some(\"speech\"), mode: Hedged",
        )],
        "",
    );
    for graph in [bundled(), synth(), extra] {
        let doc: Value = serde_json::from_str(&to_json(&graph)).unwrap();
        let errors = schema_errors(&doc);
        assert!(errors.is_empty(), "{errors:#?}");
    }
}

#[test]
fn the_json_schema_rejects_what_the_loader_rejects() {
    let good: Value = serde_json::from_str(&to_json(&bundled())).unwrap();
    let broken = [
        ("/actors/0/kind", Value::from("Persn")),
        ("/claims/0/object", serde_json::json!({"Quantity": {"amount": {"Range": [1.0]}, "unit": "km"}})),
        ("/claims/0/polarity", Value::from("Maybe")),
        ("/sources/0/derived_from", serde_json::json!([{"kind": "Cites"}])),
        ("/units/0/factor", Value::from("1")),
    ];
    for (pointer, value) in broken {
        let mut doc = good.clone();
        let (parent, key) = pointer.rsplit_once('/').unwrap();
        let parent = doc.pointer_mut(parent).and_then(Value::as_object_mut).unwrap_or_else(|| panic!("{pointer}"));
        parent.insert(key.to_owned(), value);
        assert!(!schema_errors(&doc).is_empty(), "the schema accepts a broken {pointer}");
        assert!(load_json_str("broken.json", &doc.to_string()).is_err(), "the loader accepts a broken {pointer}");
    }
    let mut doc = good;
    doc.as_object_mut().unwrap().insert("extra".into(), Value::Null);
    assert!(!schema_errors(&doc).is_empty());
}

// ---- RDF ----

#[cfg(feature = "rdf")]
mod rdf {
    use claimgraph::{ClaimGraph, RdfOptions, RdfSyntax, Reification, from_rdf, to_rdf};

    use super::synth;
    use crate::{bundled, claim};

    const SYNTAXES: [RdfSyntax; 4] = [RdfSyntax::Turtle, RdfSyntax::NTriples, RdfSyntax::NQuads, RdfSyntax::TriG];

    fn round_trip(graph: &ClaimGraph, syntax: RdfSyntax, options: &RdfOptions) -> String {
        let text = to_rdf(graph, syntax, options);
        let back = from_rdf(text.as_bytes(), syntax, options).unwrap_or_else(|e| panic!("{syntax:?}: {e}"));
        assert!(back == *graph, "{syntax:?} {options:?}: the graph read back differs");
        assert_eq!(to_rdf(&back, syntax, options), text, "{syntax:?}: the export is deterministic");
        text
    }

    fn every_kind() -> ClaimGraph {
        let claims = [
            claim("q", "kz", "border", "Quantity(amount: Range(6800, 6900.5), unit: \"km\")", "polarity: Denied"),
            claim(
                "q2",
                "kz",
                "arrivals",
                "Quantity(amount: AtLeast(1e9), unit: \"person\")",
                "qualifier: Some(\"ru\")",
            ),
            claim("d", "kz", "occurred", "Date(\"2022-01~\")", "about: Some(\"2022-22\"), said: Some(\"2022/..\")"),
            claim("t", "kz", "capital", "Text(\"Astana \\\"new\\\"\\n\")", "stance: Carried, modality: Hedged"),
            claim(
                "r",
                "b",
                "denies",
                "Claim(\"t\")",
                "mode: DirectQuote, relayed_by: [(by: Some(\"o2\"), source: Some(\"s3\")), (source: Some(\"s4\"), mode: Hedged), (by: Some(\"tr\"))], said_in: Some(\"speech\"), note: Some(\"n\")",
            ),
        ];
        let mut text = format!(
            "({} claims: [{}], conflicts: [(id: \"k\", claims: [\"q\", \"d\"], note: \"n\")])",
            crate::BASE,
            claims.join("\n")
        );
        text.insert_str(text.len() - 1, ", defaults: (tolerance: Some(0.03))");
        let text = text.replace(r#"quote: "q r""#, r#"unquoted: Some("no words")"#).replace(
            r#"(id: "tok", kind: Person, name: "Kassym-Jomart Tokayev", aliases: ["Tokaev", "Kasym-Žomart Tokaev"]),"#,
            r#"(id: "tok", kind: Person, name: "Kassym-Jomart Tokayev", aliases: ["Tokaev", "Kasym-Žomart Tokaev"],
                roles: [(title: "President", of: Some("kz"), during: Some("2019-03-20/..")), (title: "Diplomat")],
                affiliations: [(kind: WorksFor, target: "kz", during: Some("1975/1992")), (kind: MemberOf, target: "ua")]),
               (id: "odd id/with#chars", kind: Other, name: "Odd"),"#,
        );
        claimgraph::load_str("every.ron", &text).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn bundled_round_trips_in_every_syntax_and_reification() {
        let graph = bundled();
        for syntax in SYNTAXES {
            round_trip(&graph, syntax, &RdfOptions::new());
        }
        let statements = RdfOptions::new().reification(Reification::Statement);
        for syntax in [RdfSyntax::Turtle, RdfSyntax::NTriples] {
            let text = round_trip(&graph, syntax, &statements);
            assert!(!text.contains("reifies"));
        }
    }

    #[test]
    fn synth_and_every_value_kind_round_trip() {
        let synth = synth();
        let every = every_kind();
        assert!(every.claim_count() == 5 && every.actor_count() == 13);
        for graph in [&synth, &every] {
            for options in [RdfOptions::new(), RdfOptions::new().reification(Reification::Statement)] {
                round_trip(graph, RdfSyntax::Turtle, &options);
            }
        }
        for syntax in SYNTAXES {
            round_trip(&every, syntax, &RdfOptions::new());
        }
        let elsewhere = RdfOptions::new().with_base("http://example.org/kz#").unwrap();
        let text = round_trip(&every, RdfSyntax::NTriples, &elsewhere);
        assert!(text.contains("<http://example.org/kz#actor/odd%20id%2Fwith%23chars>"), "{text}");
    }

    #[test]
    fn the_hostile_sparql_data_set_round_trips() {
        // Circles of translations, open time scopes, negative and half-open quantities: their
        // derived triples (-INF bounds, open ends left out) are read back and checked.
        let hostile = claimgraph::load_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/sparql")).unwrap();
        for options in [RdfOptions::new(), RdfOptions::new().reification(Reification::Statement)] {
            for syntax in [RdfSyntax::Turtle, RdfSyntax::NTriples] {
                let text = round_trip(&hostile, syntax, &options);
                assert!(text.contains("\"-INF\"^^"), "{syntax:?}");
            }
        }
    }

    #[test]
    fn the_export_speaks_prov() {
        let text = to_rdf(&every_kind(), RdfSyntax::NTriples, &RdfOptions::new());
        let prov = |local: &str| format!("<http://www.w3.org/ns/prov#{local}>");
        let base = claimgraph::DEFAULT_BASE;
        for needle in [
            format!("<{base}claim/r> {} <{base}source/speech> .", prov("wasQuotedFrom")),
            format!("<{base}claim/r> {} <{base}source/speech> .", prov("hadPrimarySource")),
            format!("<{base}claim/r> {} <{base}actor/a> .", prov("wasAttributedTo")),
            format!("<{base}claim/r/relay-0> {} <{base}source/s3> .", prov("entity")),
            format!("<{base}claim/r/relay-0-activity> {} <{base}actor/o2> .", prov("wasAssociatedWith")),
            format!("<{base}source/s4/derivation-0> {} <{base}source/s1> .", prov("entity")),
            format!("<{base}actor/tok> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> {} .", prov("Person")),
            format!("<{base}actor/tok> {} <{base}actor/kz> .", prov("actedOnBehalfOf")),
            format!(
                "<{base}claim/q> <http://www.w3.org/1999/02/22-rdf-syntax-ns#reifies> <<( <{base}actor/kz> <{base}predicate/border> <{base}claim/q/quantity> )>> ."
            ),
        ] {
            assert!(text.contains(&needle), "missing {needle}");
        }
    }

    #[test]
    fn every_term_of_the_export_is_in_the_namespace_document() {
        let ns = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/data/ns/claimgraph.ttl")).unwrap();
        let described: std::collections::BTreeSet<&str> =
            ns.lines().filter_map(|l| l.strip_prefix("cg:")?.split_once(" a ").map(|(t, _)| t)).collect();
        let mut used = std::collections::BTreeSet::new();
        for graph in [bundled(), every_kind()] {
            for options in [RdfOptions::new(), RdfOptions::new().reification(Reification::Statement)] {
                let text = to_rdf(&graph, RdfSyntax::NTriples, &options);
                for piece in text.split(claimgraph::CLAIMGRAPH_NS).skip(1) {
                    used.insert(piece.split('>').next().unwrap().to_owned());
                }
            }
        }
        assert!(used.len() > 60, "{used:?}");
        let missing: Vec<&String> = used.iter().filter(|t| !described.contains(t.as_str())).collect();
        assert!(missing.is_empty(), "terms not described in data/ns/claimgraph.ttl: {missing:?}");
    }

    #[test]
    fn derived_triples_are_written_and_checked_on_import() {
        let base = claimgraph::DEFAULT_BASE;
        let cg = |local: &str| format!("<{}{local}>", claimgraph::CLAIMGRAPH_NS);
        let xsd = |t: &str| format!("<http://www.w3.org/2001/XMLSchema#{t}>");
        let every = every_kind();
        let good = to_rdf(&every, RdfSyntax::NTriples, &RdfOptions::new());
        // 2022-22 is the summer of 2022: 1 June (day 19144) to 31 August (day 19235).
        let derived = [
            format!("<{base}claim/q/quantity> {} \"6800000\"^^{} .", cg("normalLow"), xsd("double")),
            format!("<{base}claim/q/quantity> {} \"6900500\"^^{} .", cg("normalHigh"), xsd("double")),
            format!("<{base}claim/q2/quantity> {} \"INF\"^^{} .", cg("normalHigh"), xsd("double")),
            format!("<{base}claim/d> {} \"19144\"^^{} .", cg("aboutFirstDay"), xsd("integer")),
            format!("<{base}claim/d> {} \"19235\"^^{} .", cg("aboutLastDay"), xsd("integer")),
            format!("<{base}claim/t> {} \"astana \\\"new\\\"\" .", cg("objectFolded")),
            format!("<{base}source/s4> {} <{base}source/s1> .", cg("translationOf")),
            format!("<{base}source/s5> {} <{base}source/s4> .", cg("republicationOf")),
        ];
        for needle in &derived {
            assert!(good.contains(needle.as_str()), "missing {needle}");
        }
        // 2022-01~ is January 2022 (from day 18993) widened by 31 days on each side.
        assert!(good.contains(&format!("<{base}claim/d> {} \"18962\"^^{} .", cg("objectFirstDay"), xsd("integer"))));

        // Without the derived triples, the same graph.
        let bare: String = good
            .lines()
            .filter(|l| {
                !derived.iter().any(|d| d.as_str() == *l)
                    && !l.contains("objectFirstDay")
                    && !l.contains("objectLastDay")
            })
            .map(|l| format!("{l}\n"))
            .collect();
        assert!(bare.len() < good.len());
        let back = from_rdf(bare.as_bytes(), RdfSyntax::NTriples, &RdfOptions::new()).unwrap_or_else(|e| panic!("{e}"));
        assert!(back == every);

        // A derived triple that disagrees with what it derives from is refused, naming its node.
        // (the derived triple replaced, its replacement, the problem expected)
        let broken = [
            (
                0,
                derived[0].replace("6800000", "6800"),
                format!("<{base}claim/q/quantity>: cg:normalLow 6800 disagrees"),
            ),
            (3, derived[3].replace("19144", "19145"), format!("<{base}claim/d>: cg:aboutFirstDay 19145 disagrees")),
            (5, derived[5].replace("astana", "almaty"), format!("<{base}claim/t>: cg:objectFolded \"almaty")),
            (
                6,
                derived[6].replace("s4>", "s5>"),
                format!("<{base}source/s5>: cg:translationOf <{base}source/s1> without"),
            ),
            (
                5,
                format!("{}\n{}", derived[5], derived[5].replace("claim/t>", "claim/d>")),
                format!("<{base}claim/d>: cg:objectFolded without a text object"),
            ),
            (
                3,
                format!("{}\n{}", derived[3], derived[3].replace("claim/d>", "claim/q>")),
                format!("<{base}claim/q>: cg:aboutFirstDay without cg:about"),
            ),
            (
                3,
                derived[3].replace("\"19144\"", "\"x\""),
                format!("<{base}claim/d>: cg:aboutFirstDay must be an xsd:integer"),
            ),
        ];
        for (i, line, expected) in broken {
            let errors = errors_of(&good.replace(&format!("{}\n", derived[i]), &format!("{line}\n")));
            assert!(errors.iter().any(|e| e.starts_with(&expected)), "{expected}: {errors:?}");
        }
    }

    fn errors_of(text: &str) -> Vec<String> {
        match from_rdf(text.as_bytes(), RdfSyntax::NTriples, &RdfOptions::new()) {
            Ok(_) => panic!("accepted"),
            Err(e) => e.problems().iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn import_errors_name_the_node() {
        let base = claimgraph::DEFAULT_BASE;
        let good = to_rdf(&every_kind(), RdfSyntax::NTriples, &RdfOptions::new());
        let claim = format!("<{base}claim/t>");
        let read_in = format!("{claim} <https://claimgraph.example/ns#readIn> <{base}source/s1> .\n");
        assert!(good.contains(&read_in));

        let errors = errors_of(&good.replace(&read_in, ""));
        assert_eq!(errors.len(), 1, "{errors:?}");
        assert!(errors[0].starts_with(&format!("{claim}: missing required triple")), "{errors:?}");
        assert!(errors[0].contains("readIn"), "{errors:?}");

        let errors = errors_of(&good.replace(
            &format!(
                "{claim} <https://claimgraph.example/ns#polarity> <https://claimgraph.example/ns#Polarity-Affirmed>"
            ),
            &format!("{claim} <https://claimgraph.example/ns#polarity> <https://claimgraph.example/ns#Polarity-Maybe>"),
        ));
        assert!(
            errors.iter().any(|e| e.starts_with(&claim) && e.contains("unknown term") && e.contains("Polarity-Maybe")),
            "{errors:?}"
        );

        let errors = errors_of(&good.replace(&read_in, &read_in.replace("#readIn", "#readin")));
        assert!(errors.iter().any(|e| e.starts_with(&claim) && e.contains("unknown term cg:readin")), "{errors:?}");

        let errors = errors_of(&good.replace(&read_in, &read_in.replace("source/s1", "source/nowhere")));
        assert_eq!(errors, vec![format!("{claim}: dangling reference: no source with id \"nowhere\"")]);

        let errors = errors_of(&good.replace(&read_in, &read_in.replace(&format!("<{base}source/s1>"), "\"s1\"")));
        assert!(
            errors.iter().any(|e| e.starts_with(&claim) && e.contains("must be the IRI of a source")),
            "{errors:?}"
        );

        let errors = errors_of("<a> <b> .\n");
        assert!(errors[0].contains("syntax error") && errors[0].contains("line"), "{errors:?}");

        let errors = errors_of(
            "<https://claimgraph.example/data/actor/x> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://claimgraph.example/ns#Actr> .\n",
        );
        assert!(errors[0].contains("unknown term cg:Actr"), "{errors:?}");
    }

    #[test]
    fn syntaxes_by_extension() {
        for syntax in SYNTAXES {
            assert_eq!(RdfSyntax::from_extension(syntax.extension()), Some(syntax));
        }
        assert_eq!(RdfSyntax::from_extension("json"), None);
    }
}
