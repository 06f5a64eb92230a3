//! `OriginIndex` against the walks it replaces: every source's text origins as `text_origins`
//! gives them, and every claim's origins as `origins` gives them, on the bundled data, on
//! synthetic corpora, on seeded random graphs of text links (cycles, shared roots, sources with
//! many roots) and on the hostile shapes: long chains and rings of translations, layers with
//! exponentially many paths, and unions of roots too large to store.

use claimgraph::query::{Origin, OriginIndex, origins, text_origins};
use claimgraph::synth::{self, Config};
use claimgraph::*;

/// Checks an index made by `OriginIndex::new` and one made by `OriginIndex::behind` a part of the
/// sources against the walks, source by source (a sample of about 300 sources in larger graphs,
/// where each walk is long) and claim by claim; returns how many claims had more than two
/// origins (so that a test can see it exercised the roots).
fn check(g: &ClaimGraph) -> usize {
    let index = OriginIndex::new(g);
    let sources: Vec<SourceId> = g.sources().map(|(id, _)| id).collect();
    let part: Vec<SourceId> = sources.iter().copied().step_by(3).collect();
    let behind = OriginIndex::behind(g, &part);
    for &s in sources.iter().step_by((sources.len() / 300).max(1)) {
        let want = text_origins(g, s);
        assert_eq!(index.text_origins(s).as_ref(), want.as_slice(), "text origins of {s:?}");
        assert_eq!(behind.text_origins(s).as_ref(), want.as_slice(), "text origins of {s:?}, partial index");
    }
    let mut many = 0;
    for (id, c) in g.claims() {
        let want = origins(g, c);
        for (name, it) in [
            ("origins", index.origins(c)),
            ("origins_of", index.origins_of(id)),
            ("partial origins", behind.origins(c)),
            ("partial origins_of", behind.origins_of(id)),
        ] {
            assert_eq!(it.len(), want.len(), "{name} of {id:?}: size");
            assert_eq!(it.collect::<Vec<_>>(), want, "{name} of {id:?}");
        }
        many += usize::from(want.len() > 2);
    }
    many
}

#[test]
fn the_bundled_data_set() {
    let g = crate::bundled();
    check(&g);
}

#[test]
fn synthetic_corpora() {
    for seed in 1..=4 {
        let g = synth::generate(&Config { claims: 3_000, seed, ..Config::default() });
        check(&g);
    }
}

/// A seeded generator of small numbers (an LCG: enough for shapes).
struct Draw(u64);

impl Draw {
    fn below(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 33) % n
    }
}

/// A graph of `n` sources with random translation, republication and citation links (forward
/// and backward, so with cycles; a few sources translating many), and claims read in them in
/// every mode, some with the source their words were said in.
fn random_graph(seed: u64, n: u64) -> ClaimGraph {
    let mut draw = Draw(seed);
    let mut text = String::from(
        r#"(predicates: [(id: "says", label: "says", object: Text)],
            actors: [(id: "a", kind: Person, name: "A"), (id: "b", kind: Person, name: "B"), (id: "c", kind: Person, name: "C")],
            sources: ["#,
    );
    for i in 0..n {
        let mut links = Vec::new();
        let count = match draw.below(10) {
            0..=3 => 0,
            4..=7 => 1,
            8 => 2,
            _ => 1 + draw.below(12),
        };
        for _ in 0..count {
            let target = draw.below(n);
            let kind = ["TranslationOf", "RepublicationOf", "Cites"][draw.below(3) as usize];
            // A link that carries the text may not point at its own source.
            if target != i || kind == "Cites" {
                links.push(format!("(kind: {kind}, source: \"s{target}\")"));
            }
        }
        text.push_str(&format!(
            "(id: \"s{i}\", kind: Article, title: \"t\", language: \"en\", derived_from: [{}]),",
            links.join(", ")
        ));
    }
    text.push_str("], claims: [");
    for k in 0..2 * n {
        let speaker = ["a", "b", "c"][draw.below(3) as usize];
        let mode = ["Authorial", "DirectQuote", "Paraphrase", "Hedged", "Inserted"][draw.below(5) as usize];
        let said_in =
            if draw.below(4) == 0 { format!(", said_in: Some(\"s{}\")", draw.below(n)) } else { String::new() };
        text.push_str(&format!(
            "(id: \"c{k}\", subject: \"a\", predicate: \"says\", object: Text(\"x{}\"), said_by: \"{speaker}\", \
             source: \"s{}\", mode: {mode}{said_in}, quote: \"x\"),",
            k % 7,
            draw.below(n)
        ));
    }
    text.push_str("])");
    load_str("random.ron", &text).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn random_graphs_of_text_links() {
    let mut many = 0;
    for seed in 0..40 {
        many += check(&random_graph(seed, 10 + seed * 5));
    }
    assert!(many > 0, "some claims lead back to several roots");
}

const VOCABULARY: &str = r#"(
    predicates: [(id: "says", label: "says", object: Text)],
    actors: [(id: "a", kind: Person, name: "Analyst")],
)"#;

fn source(g: &mut ClaimGraph, key: String, from: &[SourceId]) -> SourceId {
    let mut s = Source::new(key, SourceKind::Translation, "t", "en");
    for &b in from {
        s.derived_from.push(Derivation { kind: DerivationKind::TranslationOf, source: b, by: None });
    }
    g.add_source(s).unwrap()
}

fn authorial(g: &mut ClaimGraph, key: String, source: SourceId) -> ClaimId {
    let (a, says) = (g.actor_id("a").unwrap(), g.predicate_id("says").unwrap());
    g.add_claim(Claim::new(key, a, says, Value::Text("x".into()), a, source).quote("x")).unwrap()
}

#[test]
fn a_long_chain_of_translations() {
    let mut g = load_str("v.ron", VOCABULARY).unwrap();
    let mut ids: Vec<SourceId> = Vec::new();
    for i in 0..20_000 {
        let from: Vec<SourceId> = ids.last().copied().into_iter().collect();
        ids.push(source(&mut g, format!("s{i}"), &from));
    }
    for (k, &s) in ids.iter().enumerate().step_by(997) {
        authorial(&mut g, format!("c{k}"), s);
    }
    let index = OriginIndex::new(&g);
    for &s in ids.iter().step_by(101) {
        assert_eq!(index.text_origins(s).as_ref(), [ids[0]]);
    }
    check(&g);
}

#[test]
fn a_long_ring_of_translations_with_and_without_a_way_out() {
    for way_out in [false, true] {
        let n = 3_000;
        let mut text = String::from(
            r#"(predicates: [(id: "says", label: "says", object: Text)], actors: [(id: "a", kind: Person, name: "A")], sources: [(id: "root", kind: Article, title: "t", language: "en"),"#,
        );
        for i in 0..n {
            let out = if way_out && i == n / 2 { r#", (kind: RepublicationOf, source: "root")"# } else { "" };
            text.push_str(&format!(
                "(id: \"r{i}\", kind: Translation, title: \"t\", language: \"en\", derived_from: [(kind: TranslationOf, source: \"r{}\"){out}]),",
                (i + 1) % n
            ));
        }
        text.push_str(r#"], claims: ["#);
        for i in (0..n).step_by(250) {
            text.push_str(&format!(
                r#"(id: "c{i}", subject: "a", predicate: "says", object: Text("x"), said_by: "a", source: "r{i}", quote: "x"),"#
            ));
        }
        text.push_str("])");
        let g = load_str("ring.ron", &text).unwrap_or_else(|e| panic!("{e}"));
        let index = OriginIndex::new(&g);
        let roots = index.text_origins(g.source_id("r7").unwrap());
        assert_eq!(roots.len(), if way_out { 1 } else { n }, "way out: {way_out}");
        check(&g);
    }
}

#[test]
fn layers_with_exponentially_many_paths() {
    let mut g = load_str("v.ron", VOCABULARY).unwrap();
    let mut layers: Vec<[SourceId; 2]> = Vec::new();
    for k in 0..64 {
        let behind: Vec<SourceId> = layers.last().map(|l| l.to_vec()).unwrap_or_default();
        let pair = [source(&mut g, format!("l{k}_0"), &behind), source(&mut g, format!("l{k}_1"), &behind)];
        authorial(&mut g, format!("c{k}"), pair[1]);
        layers.push(pair);
    }
    let index = OriginIndex::new(&g);
    let mut roots = layers[0].to_vec();
    roots.sort();
    assert_eq!(index.text_origins(layers[63][0]).as_ref(), roots.as_slice());
    assert_eq!(check(&g), 63, "every claim above the first layer has two roots and a speaker");
}

#[test]
fn roots_too_many_to_store_are_walked_and_agree() {
    // A fan: one source translating 100 roots, with a chain of 50 translations above it; and a
    // ladder: source i translating source i - 1 and a root of its own, so that the roots grow
    // by one a step (stored up to a bound, walked beyond it).
    let mut g = load_str("v.ron", VOCABULARY).unwrap();
    let roots: Vec<SourceId> = (0..100).map(|i| source(&mut g, format!("root{i}"), &[])).collect();
    let mut top = source(&mut g, "fan".into(), &roots);
    for i in 0..50 {
        top = source(&mut g, format!("above{i}"), &[top]);
        authorial(&mut g, format!("fan{i}"), top);
    }
    let mut rung = source(&mut g, "rung0".into(), &[]);
    for i in 1..150 {
        let own = source(&mut g, format!("own{i}"), &[]);
        rung = source(&mut g, format!("rung{i}"), &[rung, own]);
        authorial(&mut g, format!("ladder{i}"), rung);
    }
    let index = OriginIndex::new(&g);
    assert_eq!(index.text_origins(top).len(), 100);
    assert_eq!(index.text_origins(rung).len(), 150);
    let c = g.claim_id("ladder149").unwrap();
    let all: Vec<Origin> = index.origins_of(c).collect();
    assert_eq!(all.len(), 151);
    assert_eq!(all.last(), Some(&Origin::Speaker(g.actor_id("a").unwrap())));
    check(&g);
}

#[test]
fn a_removed_claim_has_no_origins() {
    let mut g = crate::bundled();
    let (id, _) = g.claims().next().unwrap();
    g.remove_claim(id).unwrap();
    let index = OriginIndex::new(&g);
    assert_eq!(index.origins_of(id).count(), 0);
    assert_eq!(OriginIndex::behind(&g, &[]).origins_of(id).count(), 0);
    check(&g);
}
