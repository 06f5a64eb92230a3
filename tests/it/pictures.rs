//! Pictures: the DOT of each kind of picture on a small graph, read back with a small DOT reader
//! and checked node by node and edge by edge; with the `svg` feature, the SVG of each picture of
//! the bundled data parsed as XML.

use std::collections::HashMap;

use claimgraph::ClaimGraph;
use claimgraph::picture::{EdgeStyle, NodeKind, Painter, Picture};
use claimgraph::query::{Rule, contradictions};

use super::{bundled, claim, graph_with};

/// A statement of the DOT the pictures write: a node or an edge, with its attributes unescaped.
#[derive(Debug)]
enum Stmt {
    Node { id: String, attrs: HashMap<String, String> },
    Edge { from: String, to: String, attrs: HashMap<String, String> },
}

/// Reads a DOT string starting at `chars[*i]` (a `"`), unescaping `\"`, `\\` and `\n`; fails
/// on a raw line break inside the string or an unknown escape.
fn quoted(chars: &[char], i: &mut usize) -> String {
    assert_eq!(chars[*i], '"', "a quoted string starts at {i}");
    *i += 1;
    let mut out = String::new();
    loop {
        let c = *chars.get(*i).expect("a closed string");
        *i += 1;
        match c {
            '"' => return out,
            '\n' => panic!("a raw line break inside a DOT string: {out:?}"),
            '\\' => {
                let e = chars[*i];
                *i += 1;
                match e {
                    '"' => out.push('"'),
                    '\\' => out.push('\\'),
                    'n' => out.push('\n'),
                    other => panic!("unknown escape \\{other} in {out:?}"),
                }
            }
            c => out.push(c),
        }
    }
}

/// A bare or quoted DOT id or value at `chars[*i]`.
fn value(chars: &[char], i: &mut usize) -> String {
    if chars[*i] == '"' {
        return quoted(chars, i);
    }
    let start = *i;
    while chars[*i].is_alphanumeric() || chars[*i] == '_' || chars[*i] == '.' || chars[*i] == '#' {
        *i += 1;
    }
    chars[start..*i].iter().collect()
}

/// The `[a=b, c="d"]` list at `chars[*i]`.
fn attributes(chars: &[char], i: &mut usize) -> HashMap<String, String> {
    assert_eq!(chars[*i], '[');
    *i += 1;
    let mut attrs = HashMap::new();
    loop {
        while chars[*i] == ' ' || chars[*i] == ',' {
            *i += 1;
        }
        if chars[*i] == ']' {
            *i += 1;
            return attrs;
        }
        let key = value(chars, i);
        assert_eq!(chars[*i], '=', "'=' after {key}");
        *i += 1;
        attrs.insert(key, value(chars, i));
    }
}

/// The node and edge statements of the DOT the pictures write (outside the legend, whose ids
/// start with `legend`), checking the frame and that every string is well formed.
fn statements(dot: &str) -> (Vec<Stmt>, Vec<Stmt>) {
    assert!(dot.starts_with("digraph claimgraph {\n") && dot.ends_with("}\n"), "{dot}");
    let mut picture = Vec::new();
    let mut legend = Vec::new();
    for line in dot.lines().skip(1) {
        let line = line.trim_start();
        if !line.starts_with('"') {
            continue;
        }
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        let first = quoted(&chars, &mut i);
        let stmt = if chars[i..].starts_with(&[' ', '-', '>', ' ']) {
            i += 4;
            let to = quoted(&chars, &mut i);
            i += 1;
            Stmt::Edge { from: first.clone(), to, attrs: attributes(&chars, &mut i) }
        } else {
            i += 1;
            Stmt::Node { id: first.clone(), attrs: attributes(&chars, &mut i) }
        };
        assert_eq!(&chars[i..], &[';'], "a statement ends the line: {line}");
        if first.starts_with("legend") { legend.push(stmt) } else { picture.push(stmt) }
    }
    (picture, legend)
}

/// The attributes of the node `id` in the DOT.
fn node<'a>(stmts: &'a [Stmt], id: &str) -> &'a HashMap<String, String> {
    stmts
        .iter()
        .find_map(|s| match s {
            Stmt::Node { id: i, attrs } if i == id => Some(attrs),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no node {id} in {stmts:#?}"))
}

/// The attributes of the edge `from -> to` labelled `label`.
fn edge<'a>(stmts: &'a [Stmt], from: &str, to: &str, label: &str) -> &'a HashMap<String, String> {
    stmts
        .iter()
        .find_map(|s| match s {
            Stmt::Edge { from: f, to: t, attrs } if f == from && t == to && attrs["label"] == label => Some(attrs),
            _ => None,
        })
        .unwrap_or_else(|| panic!("no edge {from} -> {to} {label:?} in {stmts:#?}"))
}

fn has_node(stmts: &[Stmt], id: &str) -> bool {
    stmts.iter().any(|s| matches!(s, Stmt::Node { id: i, .. } if i == id))
}

/// The picture's DOT, checked against the picture: every node and edge written, with its label,
/// and nothing else.
fn dot_of(picture: &Picture) -> Vec<Stmt> {
    let dot = picture.dot().to_string();
    let (stmts, legend) = statements(&dot);
    let nodes = stmts.iter().filter(|s| matches!(s, Stmt::Node { .. })).count();
    assert_eq!(nodes, picture.nodes().len(), "{dot}");
    assert_eq!(stmts.len() - nodes, picture.edges().len(), "{dot}");
    for n in picture.nodes() {
        assert_eq!(node(&stmts, &n.id)["label"], n.label, "the label of {} read back", n.id);
    }
    for e in picture.edges() {
        edge(&stmts, &e.from, &e.to, &e.label);
    }
    // The legend: one entry per style used beyond the plain one, each drawn in its style.
    let meanings: Vec<&str> = legend
        .iter()
        .filter_map(|s| match s {
            Stmt::Node { attrs, .. } if attrs["label"] != "line styles" => Some(attrs["label"].as_str()),
            _ => None,
        })
        .collect();
    let expected: Vec<&str> = picture.legend().iter().map(|s| s.meaning()).collect();
    assert_eq!(meanings, expected, "{dot}");
    stmts
}

/// A claim whose words reach the reader through a republication of a translation, relayed with
/// a hedge; an intermediary's insertion; two claims that conflict and one that only carries the
/// proposition.
fn small() -> ClaimGraph {
    graph_with(
        &[
            r#"(id: "q1", subject: "kz", predicate: "recognizes", object: Actor("ua"), modality: Hedged,
                said_by: "tok", mode: Hedged, relayed_by: [(by: Some("b"), source: Some("s1"), mode: Hedged)],
                source: "s5", quote: "He said \"no\" \\ then\nleft"),"#
                .to_owned(),
            claim(
                "ins",
                "kz",
                "says",
                r#"Text("a translator's remark")"#,
                r#"said_by: "tr", mode: Inserted, source: "s5""#,
            ),
            claim("p1", "kz", "supports", r#"Actor("ru")"#, r#"about: Some("2022")"#),
            claim(
                "p2",
                "kz",
                "supports",
                r#"Actor("ru")"#,
                r#"polarity: Denied, said_by: "b", source: "s2", about: Some("2022")"#,
            ),
            claim(
                "carry",
                "kz",
                "supports",
                r#"Actor("ru")"#,
                r#"stance: Carried, said_by: "o1", source: "s3", about: Some("2022")"#,
            ),
        ],
        "",
    )
}

#[test]
fn attribution_chain_through_translations_with_a_hedge() {
    let g = small();
    let picture = Painter::new(&g).attribution(g.claim_id("q1").unwrap());
    let dot = dot_of(&picture);
    assert!(node(&dot, "claim:q1")["penwidth"] == "2", "the claim is the focus");
    edge(&dot, "claim:q1", "source:s5", "read in");
    edge(&dot, "source:s5", "source:s4", "republished from\nby Outlet Two");
    edge(&dot, "source:s4", "source:s1", "translated from\nby Translator");
    for (from, to, label) in
        [("source:s1", "actor:b", "relayed by\n(hedged)"), ("actor:b", "actor:tok", "stated by\n(hedged)")]
    {
        let hedged = edge(&dot, from, to, label);
        assert_eq!(hedged["style"], "dashed");
        assert_eq!(hedged["color"], EdgeStyle::Hedged.color());
    }
    assert!(!edge(&dot, "claim:q1", "source:s5", "read in").contains_key("style"), "a plain hop is solid");
    assert_eq!(picture.legend(), vec![EdgeStyle::Hedged]);
    assert_eq!(picture.nodes().len(), 6);
}

#[test]
fn labels_are_escaped() {
    let g = small();
    let picture = Painter::new(&g).attribution(g.claim_id("q1").unwrap());
    let label = &picture.node("claim:q1").unwrap().label;
    // The quote's line break is folded into a space; the label's own lines are `\n`.
    assert_eq!(label, "q1 (hedged)\n“He said \"no\" \\ then left”");
    let dot = picture.dot().to_string();
    assert!(dot.contains(r#""claim:q1" [label="q1 (hedged)\n“He said \"no\" \\ then left”", "#), "{dot}");
    // Read back, the label is the same (checked by `dot_of`), and no string holds a raw line break.
    dot_of(&picture);
}

#[test]
fn insertion_is_drawn_apart() {
    let g = small();
    let picture = Painter::new(&g).attribution(g.claim_id("ins").unwrap());
    let dot = dot_of(&picture);
    edge(&dot, "source:s5", "source:s4", "republished from\nby Outlet Two");
    let inserted = edge(&dot, "source:s4", "actor:tr", "inserted by");
    assert_eq!((inserted["style"].as_str(), inserted["color"].as_str()), ("dotted", EdgeStyle::Inserted.color()));
    assert!(!has_node(&dot, "source:s1"), "the text behind the insertion is not its origin");
    assert_eq!(picture.legend(), vec![EdgeStyle::Inserted]);
}

#[test]
fn contradiction_cluster_with_carrier() {
    let g = small();
    let found = contradictions(&g);
    let polarity = found.iter().find(|c| c.rule == Rule::Polarity).expect("p1 and p2 conflict");
    let picture = Painter::new(&g).contradiction(polarity);
    assert!(picture.title().starts_with("[polarity] strength "), "{}", picture.title());
    let dot = dot_of(&picture);
    let conflict = edge(&dot, "claim:p1", "claim:p2", "contradicts");
    assert_eq!(conflict["color"], "#dc2626", "a conflict is red");
    assert_ne!(node(&dot, "claim:p1")["fillcolor"], node(&dot, "claim:p2")["fillcolor"], "sides are coloured apart");
    edge(&dot, "actor:a", "claim:p1", "says");
    edge(&dot, "actor:b", "claim:p2", "denies");
    edge(&dot, "claim:p1", "source:s1", "in");
    edge(&dot, "claim:p2", "source:s2", "in");
    // The carrier: drawn apart, grey and dashed.
    assert!(node(&dot, "claim:carry")["style"].contains("dashed"));
    assert_eq!(picture.node("claim:carry").unwrap().kind, NodeKind::CarriedClaim);
    let carried = edge(&dot, "actor:o1", "claim:carry", "carries, without endorsement");
    assert_eq!((carried["style"].as_str(), carried["color"].as_str()), ("dashed", EdgeStyle::Carried.color()));
    assert!(
        !picture
            .edges()
            .iter()
            .any(|e| e.style == EdgeStyle::Conflict && (e.from == "claim:carry" || e.to == "claim:carry"))
    );
    assert_eq!(picture.legend(), vec![EdgeStyle::Carried, EdgeStyle::Conflict]);
}

#[test]
fn derivation_tree_both_ways() {
    let g = small();
    let s4 = g.source_id("s4").unwrap();
    let picture = Painter::new(&g).derivations(s4);
    let dot = dot_of(&picture);
    assert_eq!(node(&dot, "source:s4")["penwidth"], "2");
    edge(&dot, "source:s4", "source:s1", "translation of\nby Translator");
    edge(&dot, "source:s5", "source:s4", "republication of\nby Outlet Two");
    assert!(!has_node(&dot, "source:s3"), "a sibling is neither ancestor nor descendant");
    assert_eq!(picture.nodes().len(), 3);

    let cut = Painter::new(&g).max_sources(2).derivations(s4);
    assert_eq!(cut.nodes().iter().filter(|n| n.kind == NodeKind::Source).count(), 2);
    assert!(cut.nodes().iter().any(|n| n.kind == NodeKind::Note && n.label == "1 more linked source(s) not shown"));

    // A citation cycle ends.
    let cycle = Painter::new(&g).derivations(g.source_id("cy1").unwrap());
    let dot = dot_of(&cycle);
    edge(&dot, "source:cy1", "source:cy2", "cites");
    edge(&dot, "source:cy2", "source:cy1", "cites");
}

#[test]
fn actor_neighbourhood() {
    let g = small();
    let kz = g.actor_id("kz").unwrap();
    let picture = Painter::new(&g).actor(kz);
    assert!(picture.is_across());
    let dot = dot_of(&picture);
    for c in ["q1", "ins", "p1", "p2", "carry"] {
        edge(&dot, &format!("claim:{c}"), "actor:kz", "about");
    }
    edge(&dot, "actor:tr", "claim:ins", "says (inserted)");
    edge(&dot, "actor:tok", "claim:q1", "says (hedged)");
    assert_eq!(edge(&dot, "claim:p1", "claim:p2", "contradicts")["color"], "#dc2626");
    assert!(picture.dot().to_string().contains("rankdir=LR"));

    let cut = Painter::new(&g).max_claims(2).actor(kz);
    assert_eq!(cut.nodes().iter().filter(|n| n.kind == NodeKind::Claim).count(), 2);
    assert!(cut.nodes().iter().any(|n| n.label == "3 more claim(s) by, about or naming Kazakhstan not shown"));
}

#[test]
fn actor_affiliations_and_roles() {
    let g = bundled();
    let kuspan = g.actor_id("kuspan").unwrap();
    let picture = Painter::new(&g).actor(kuspan);
    let dot = dot_of(&picture);
    edge(&dot, "actor:kuspan", "actor:majilis", "member of");
    edge(&dot, "actor:kuspan", "actor:majilis_foreign_committee", "leads");
    edge(&dot, "actor:kuspan", "actor:majilis", "Deputy of the Majilis");
}

#[test]
fn a_removed_claim_gives_a_note() {
    let mut g = small();
    let ins = g.claim_id("ins").unwrap();
    g.remove_claim(ins).unwrap();
    let picture = Painter::new(&g).attribution(ins);
    assert_eq!(picture.nodes().len(), 1);
    assert_eq!(picture.nodes()[0].kind, NodeKind::Note);
    assert!(picture.edges().is_empty());
    dot_of(&picture);
}

#[test]
fn bundled_pictures_write_well_formed_dot() {
    let g = bundled();
    let painter = Painter::new(&g);
    for picture in bundled_pictures(&g, &painter) {
        let dot = dot_of(&picture);
        assert!(!dot.is_empty());
    }
}

/// The pictures the `pictures` example draws, and one of every contradiction.
fn bundled_pictures(g: &ClaimGraph, painter: &Painter<'_>) -> Vec<Picture> {
    let mut pictures = Vec::new();
    for key in ["c002_tokayev_rich_pay_debt", "c002_no_state_before_nazarbayev", "c002_inosmi_russia_did_not_condemn"] {
        pictures.push(painter.attribution(g.claim_id(key).unwrap()));
    }
    pictures.extend(contradictions(g).iter().map(|c| painter.contradiction(c)));
    pictures.push(painter.derivations(g.source_id("s002_inosmi").unwrap()));
    pictures.push(painter.actor(g.actor_id("tokayev").unwrap()));
    pictures
}

#[cfg(feature = "svg")]
mod svg {
    use super::*;

    /// The texts of an SVG document, in document order.
    fn texts(svg: &str) -> Vec<String> {
        let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}\n{svg}"));
        assert_eq!(doc.root_element().tag_name().name(), "svg");
        doc.descendants().filter(|n| n.is_text()).filter_map(|n| n.text()).map(str::to_owned).collect()
    }

    #[test]
    fn every_picture_is_well_formed_svg_with_its_labels() {
        let g = bundled();
        let painter = Painter::new(&g);
        let small = small();
        let mut pictures = bundled_pictures(&g, &painter);
        pictures.push(Painter::new(&small).attribution(small.claim_id("q1").unwrap()));
        let polarity = contradictions(&small).into_iter().find(|c| c.rule == Rule::Polarity).unwrap();
        pictures.push(Painter::new(&small).contradiction(&polarity));
        for picture in pictures {
            let svg = picture.svg();
            let texts = texts(&svg);
            // Each line of each label is a text of its own.
            for node in picture.nodes() {
                for line in node.label.lines() {
                    assert!(texts.iter().any(|t| t == line), "{:?} not drawn in {}", line, picture.title());
                }
            }
            for style in picture.legend() {
                assert!(texts.iter().any(|t| t == style.meaning()));
            }
            assert_eq!(svg, picture.svg(), "the same picture draws the same SVG");
        }
    }

    #[test]
    fn every_entity_of_the_bundled_data_draws() {
        // layout-rs checks its own invariants with assertions: every picture of every claim,
        // source and actor of the bundled data, and the small graph's cycles, must lay out.
        let g = bundled();
        let painter = Painter::new(&g);
        let mut drawn = 0;
        for (id, _) in g.claims() {
            texts(&painter.attribution(id).svg());
            drawn += 1;
        }
        for (id, _) in g.sources() {
            texts(&painter.derivations(id).svg());
            drawn += 1;
        }
        for (id, _) in g.actors() {
            texts(&painter.actor(id).svg());
            drawn += 1;
        }
        assert!(drawn > 500, "{drawn}");
        let small = small();
        let painter = Painter::new(&small);
        for key in ["cy1", "cy2", "r1", "r2"] {
            texts(&painter.derivations(small.source_id(key).unwrap()).svg());
        }
        for (id, _) in small.actors() {
            texts(&painter.actor(id).svg());
        }
    }

    #[test]
    fn escaped_labels_survive_in_svg() {
        let g = small();
        let svg = Painter::new(&g).attribution(g.claim_id("q1").unwrap()).svg();
        assert!(texts(&svg).iter().any(|t| t == "“He said \"no\" \\ then left”"));
    }

    #[test]
    fn dot_reads_back_with_layout_rs() {
        // An independent DOT reader: layout-rs's own parser.
        let g = bundled();
        let painter = Painter::new(&g);
        for picture in bundled_pictures(&g, &painter) {
            let dot = picture.dot().to_string();
            let mut parser = layout::gv::DotParser::new(&dot);
            let graph = parser.process().unwrap_or_else(|e| panic!("{e}\n{dot}"));
            let mut labels = Vec::new();
            collect_labels(&graph.list.list, &mut labels);
            for node in picture.nodes() {
                assert!(labels.contains(&node.label), "{:?} not read back", node.label);
            }
        }
    }

    fn collect_labels(stmts: &[layout::gv::parser::ast::Stmt], out: &mut Vec<String>) {
        use layout::gv::parser::ast::Stmt;
        for stmt in stmts {
            match stmt {
                Stmt::Node(n) => out.extend(n.list.list.iter().filter(|(k, _)| k == "label").map(|(_, v)| v.clone())),
                Stmt::SubGraph(g) => collect_labels(&g.list.list, out),
                _ => {}
            }
        }
    }
}
