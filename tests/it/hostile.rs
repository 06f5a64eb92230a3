//! Provenance queries on hostile graph shapes: citation rings, long chains of translations and
//! citations, layered sources with exponentially many paths, claims with very many relays.
//!
//! Each shape is built by a small generator at a size that overflowed the stack, took quadratic
//! time or exhausted memory before the walks were made iterative and memoised, and runs fast
//! now; the largest sizes are `#[ignore]`d here and measured by `examples/scale_report.rs`.

use claimgraph::query::{
    ChainBatch, ChainOptions, HopKind, Link, Origin, attribution_chain_iter, attribution_chains,
    attribution_chains_with, circular_reporting, corroboration, origins, text_origins,
};

use super::batch::check_batch;
use claimgraph::*;

const VOCABULARY: &str = r#"(
    predicates: [(id: "says", label: "says", object: Text)],
    actors: [
        (id: "a", kind: Person, name: "Analyst"),
        (id: "t", kind: MediaOutlet, name: "Translator"),
    ],
)"#;

fn vocabulary() -> ClaimGraph {
    load_str("vocabulary.ron", VOCABULARY).unwrap_or_else(|e| panic!("{e}"))
}

fn actor(g: &ClaimGraph, key: &str) -> ActorId {
    g.actor_id(key).unwrap()
}

/// A chain of `n` sources, each deriving from the previous one by `kind`; the last is the head.
fn chain(g: &mut ClaimGraph, n: usize, kind: DerivationKind) -> Vec<SourceId> {
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let mut s = Source::new(format!("s{i}"), SourceKind::Article, "t", "en");
        if let Some(&prev) = ids.last() {
            s.derived_from.push(Derivation { kind, source: prev, by: None });
        }
        ids.push(g.add_source(s).unwrap());
    }
    ids
}

/// `layers` layers of two sources; each source of a layer translates both sources of the layer
/// behind, so a source of layer `k` has 2^k paths back to the first layer. Returns the layers.
fn layered(g: &mut ClaimGraph, layers: usize, kind: DerivationKind) -> Vec<[SourceId; 2]> {
    let mut out: Vec<[SourceId; 2]> = Vec::with_capacity(layers);
    for k in 0..layers {
        let mut pair = [None, None];
        for (j, slot) in pair.iter_mut().enumerate() {
            let mut s = Source::new(format!("l{k}_{j}"), SourceKind::Translation, "t", "en");
            if let Some(behind) = out.last() {
                for &b in behind {
                    s.derived_from.push(Derivation { kind, source: b, by: None });
                }
            }
            *slot = Some(g.add_source(s).unwrap());
        }
        out.push(pair.map(Option::unwrap));
    }
    out
}

/// A ring of `n` sources, each citing the next and the last citing the first, loaded from RON
/// (a source added through the API can only derive from sources already there).
fn ring(n: usize) -> ClaimGraph {
    let mut text = String::from("(sources: [");
    for i in 0..n {
        text.push_str(&format!(
            "(id: \"r{i}\", kind: Article, title: \"t\", language: \"en\", derived_from: [(kind: Cites, source: \"r{}\")]),",
            (i + 1) % n
        ));
    }
    text.push_str("])");
    load_str("ring.ron", &text).unwrap_or_else(|e| panic!("{e}"))
}

/// The source's own claim, read in `source`.
fn authorial(g: &mut ClaimGraph, key: &str, source: SourceId) -> ClaimId {
    let (a, says) = (actor(g, "a"), g.predicate_id("says").unwrap());
    g.add_claim(Claim::new(key, a, says, Value::Text("x".into()), a, source).quote("x")).unwrap()
}

#[test]
fn circular_reporting_on_a_long_ring() {
    // 5,000 already overflowed the stack of a test thread with the recursive Tarjan.
    let n = 10_000;
    let g = ring(n);
    let cycles = circular_reporting(&g);
    assert_eq!(cycles.len(), 1);
    assert_eq!(cycles[0].len(), n);
    assert!(cycles[0].windows(2).all(|w| w[0] < w[1]), "a cycle is sorted");
}

#[test]
#[ignore = "large: 100,000 sources (run with --ignored, best in release)"]
fn circular_reporting_on_a_ring_of_100_000() {
    let g = ring(100_000);
    assert_eq!(circular_reporting(&g).iter().map(Vec::len).collect::<Vec<_>>(), [100_000]);
}

#[test]
fn circular_reporting_on_a_long_citation_chain() {
    let mut g = vocabulary();
    chain(&mut g, 30_000, DerivationKind::Cites);
    assert!(circular_reporting(&g).is_empty());
}

#[test]
fn corroboration_at_the_head_of_long_chains() {
    for kind in [DerivationKind::TranslationOf, DerivationKind::Cites] {
        let mut g = vocabulary();
        let ids = chain(&mut g, 30_000, kind);
        let head = authorial(&mut g, "head", *ids.last().unwrap());
        let support = corroboration(&g, head);
        assert_eq!(support.claims, [head]);
        assert_eq!(support.independent(), 1);
        assert!(support.circular.is_empty());
        // Text travels along translations, not citations: the origin is the chain's root for the
        // one and the head itself for the other.
        let root = if kind.carries_text() { ids[0] } else { *ids.last().unwrap() };
        assert_eq!(support.groups[0].origins, [Origin::Source(root), Origin::Speaker(actor(&g, "a"))]);
    }
}

#[test]
#[ignore = "large: 100,000 sources (run with --ignored, best in release)"]
fn corroboration_at_the_head_of_chains_of_100_000() {
    for kind in [DerivationKind::TranslationOf, DerivationKind::Cites] {
        let mut g = vocabulary();
        let ids = chain(&mut g, 100_000, kind);
        let head = authorial(&mut g, "head", *ids.last().unwrap());
        assert_eq!(corroboration(&g, head).independent(), 1);
        assert_eq!(attribution_chains(&g, head)[0].len(), if kind.carries_text() { 100_000 } else { 1 });
    }
}

#[test]
fn a_citation_ring_behind_a_claim_is_reported_once() {
    let mut g = ring(5_000);
    let (a, says) = (g.actor_id("a"), g.predicate_id("says"));
    assert!(a.is_none() && says.is_none(), "the ring has no vocabulary yet");
    let a = g.add_actor(Actor::new("a", ActorKind::Person, "A")).unwrap();
    let says = g.add_predicate(Predicate::new("says", "says", ObjectType::Text)).unwrap();
    let r0 = g.source_id("r0").unwrap();
    let c = g.add_claim(Claim::new("c", a, says, Value::Text("x".into()), a, r0).quote("x")).unwrap();
    let support = corroboration(&g, c);
    assert_eq!(support.circular.len(), 1);
    assert_eq!(support.circular[0].len(), 5_000);
}

#[test]
fn text_origins_and_corroboration_on_exponentially_many_paths() {
    let mut g = vocabulary();
    let layers = layered(&mut g, 64, DerivationKind::TranslationOf);
    let top = layers.last().unwrap()[0];
    let mut roots = layers[0].to_vec();
    roots.sort();
    assert_eq!(text_origins(&g, top), roots);
    let c = authorial(&mut g, "top", top);
    let d = authorial(&mut g, "other", layers[40][1]);
    let want: Vec<Origin> = roots.iter().map(|&s| Origin::Source(s)).chain([Origin::Speaker(actor(&g, "a"))]).collect();
    assert_eq!(origins(&g, g.claim(c).unwrap()), want);
    let support = corroboration(&g, c);
    assert_eq!(support.claims, [c, d]);
    assert_eq!(support.independent(), 1, "both lead back to the same two roots");
    assert!(support.circular.is_empty());
}

#[test]
fn attribution_chains_on_exponentially_many_paths_are_capped() {
    let mut g = vocabulary();
    let layers = layered(&mut g, 64, DerivationKind::TranslationOf);
    let c = authorial(&mut g, "top", layers.last().unwrap()[0]);

    let list = attribution_chains_with(&g, c, ChainOptions::new().max_chains(100));
    assert_eq!(list.chains.len(), 100);
    assert!(list.truncated, "2^63 chains were left out");
    for chain in &list.chains {
        assert_eq!(chain.len(), 64, "63 translations and the speaker");
        assert!(layers[0].contains(&chain.earliest_source));
        assert_eq!(chain.hops.last().unwrap().kind, HopKind::StatedBy);
    }
    // The default cap applies to the plain function too.
    let chains = attribution_chains(&g, c);
    assert_eq!(chains.len(), ChainOptions::DEFAULT_MAX_CHAINS);
    assert_eq!(chains[..100], list.chains[..]);
    // The iterator goes on lazily: the 10,000th chain without building the ones before it all.
    let unbounded = ChainOptions::new().max_chains(usize::MAX);
    assert_eq!(attribution_chain_iter(&g, c, unbounded).nth(9_999).unwrap().len(), 64);
    // In a batch, the same chains and the same truncation.
    let mut batch = ChainBatch::new();
    assert_eq!(check_batch(&g, &[c, c], ChainOptions::new().max_chains(100), &mut batch), 200);
    assert!(batch.truncated(0) && batch.truncated(1));
}

#[test]
fn attribution_chains_enumerate_every_path_of_a_small_layered_graph() {
    let mut g = vocabulary();
    let layers = layered(&mut g, 10, DerivationKind::TranslationOf);
    let c = authorial(&mut g, "top", layers.last().unwrap()[0]);
    let list = attribution_chains_with(&g, c, ChainOptions::new().max_chains(512));
    assert_eq!(list.chains.len(), 512);
    assert!(!list.truncated, "exactly 2^9 paths: none left out");
    let mut paths: Vec<Vec<Link>> = list.chains.iter().map(|ch| ch.hops.iter().map(|h| h.to).collect()).collect();
    paths.sort_by_key(|p| format!("{p:?}"));
    paths.dedup();
    assert_eq!(paths.len(), 512, "every chain is a different path");
    let fewer = attribution_chains_with(&g, c, ChainOptions::new().max_chains(511));
    assert!(fewer.truncated);
    assert_eq!(fewer.chains[..], list.chains[..511]);
    let mut batch = ChainBatch::new();
    for n in [512, 511, 1] {
        check_batch(&g, &[c], ChainOptions::new().max_chains(n), &mut batch);
    }
}

#[test]
fn a_long_translation_chain_is_one_chain() {
    let mut g = vocabulary();
    let ids = chain(&mut g, 30_000, DerivationKind::TranslationOf);
    let c = authorial(&mut g, "head", *ids.last().unwrap());
    let chains = attribution_chains(&g, c);
    assert_eq!(chains.len(), 1);
    let chain = &chains[0];
    assert_eq!(chain.len(), 30_000, "29,999 translations and the speaker");
    assert_eq!(chain.earliest_source, ids[0]);
    assert!(chain.cycle.is_none());
    let backwards: Vec<Link> = ids.iter().rev().skip(1).map(|&s| Link::Source(s)).collect();
    assert!(chain.hops[..29_999].iter().map(|h| h.to).eq(backwards));
    // In a batch, with claims read at every depth of the chain (short lines and long ones).
    let mut claims = vec![c];
    for (i, &s) in ids.iter().enumerate().filter(|(i, _)| [0, 1, 15, 16, 17, 100].contains(i)) {
        claims.push(authorial(&mut g, &format!("at{i}"), s));
    }
    check_batch(&g, &claims, ChainOptions::new(), &mut ChainBatch::new());
}

#[test]
fn a_long_translation_ring_ends_the_chain_where_it_closes() {
    let n = 5_000;
    let mut text = String::from(
        r#"(predicates: [(id: "says", label: "says", object: Text)], actors: [(id: "a", kind: Person, name: "A")], sources: ["#,
    );
    for i in 0..n {
        text.push_str(&format!(
            "(id: \"r{i}\", kind: Translation, title: \"t\", language: \"en\", derived_from: [(kind: TranslationOf, source: \"r{}\")]),",
            (i + 1) % n
        ));
    }
    text.push_str(r#"], claims: [(id: "c", subject: "a", predicate: "says", object: Text("x"), said_by: "a", source: "r0", quote: "x")])"#);
    let g = load_str("ring.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let chains = attribution_chains(&g, g.claim_id("c").unwrap());
    assert_eq!(chains.len(), 1);
    let cycle = chains[0].cycle.as_ref().expect("the ring is reported");
    assert_eq!(cycle.len(), n + 1);
    assert_eq!(cycle.first(), cycle.last());
    assert_eq!(chains[0].earliest_source, g.source_id(&format!("r{}", n - 1)).unwrap());
    // The text goes round the ring with no way out: the whole ring is its origin.
    assert_eq!(text_origins(&g, g.source_id("r0").unwrap()).len(), n);
    let mut batch = ChainBatch::new();
    check_batch(&g, &[g.claim_id("c").unwrap()], ChainOptions::new(), &mut batch);
    assert_eq!(batch.chains().next().unwrap().cycle.map(<[SourceId]>::len), Some(n + 1));
}

/// A claim read at the head of a citation chain of `n + 1` sources, relayed by `n` intermediaries,
/// the i-th of whom relayed it in the i-th source behind the head.
fn relayed_along_a_chain(n: usize) -> (ClaimGraph, ClaimId, Vec<SourceId>) {
    let mut g = vocabulary();
    let ids = chain(&mut g, n + 1, DerivationKind::Cites);
    let (a, t, says) = (actor(&g, "a"), actor(&g, "t"), g.predicate_id("says").unwrap());
    let mut claim = Claim::new("c", a, says, Value::Text("x".into()), a, ids[n]).quote("x").mode(Mode::DirectQuote);
    for i in (0..n).rev() {
        claim = claim.relayed_by(Relay { by: Some(t), source: Some(ids[i]), mode: Mode::Hedged });
    }
    let c = g.add_claim(claim).unwrap();
    (g, c, ids)
}

#[test]
fn many_relays_along_a_chain() {
    let n = 20_000;
    let (g, c, ids) = relayed_along_a_chain(n);
    let chains = attribution_chains(&g, c);
    assert_eq!(chains.len(), 1);
    let chain = &chains[0];
    assert_eq!(chain.len(), 2 * n + 1, "a citation and a relay per intermediary, then the speaker");
    assert_eq!(chain.earliest_source, ids[0]);
    assert!(chain.hops.iter().all(|h| h.kind != HopKind::Unlinked));
    assert!(chain.hedged, "hedged relays");
    check_batch(&g, &[c], ChainOptions::new(), &mut ChainBatch::new());
}

#[test]
fn many_relays_in_the_wrong_order() {
    // The relays name the sources of a citation chain from its root up, so no relay's source
    // is behind the previous one: every hop between them is unlinked.
    let n = 20_000;
    let mut g = vocabulary();
    let ids = chain(&mut g, n, DerivationKind::Cites);
    let (a, t, says) = (actor(&g, "a"), actor(&g, "t"), g.predicate_id("says").unwrap());
    let mut claim = Claim::new("c", a, says, Value::Text("x".into()), a, ids[n - 1]).quote("x").mode(Mode::DirectQuote);
    for &s in &ids[..n - 1] {
        claim = claim.relayed_by(Relay { by: Some(t), source: Some(s), mode: Mode::DirectQuote });
    }
    let c = g.add_claim(claim).unwrap();
    let chain = &attribution_chains(&g, c)[0];
    assert_eq!(
        chain.len(),
        3 * n - 3,
        "a path back to the root and the first relay, then an unlinked hop and a relay each"
    );
    assert_eq!(chain.hops.iter().filter(|h| h.kind == HopKind::Unlinked).count(), n - 2);
    assert_eq!(chain.earliest_source, ids[n - 2]);
    assert!(!chain.link_search_capped);
}

#[test]
#[ignore = "large: 65,534 relays (run with --ignored, best in release)"]
fn the_most_relays_a_claim_can_have() {
    let (g, c, _) = relayed_along_a_chain(65_534);
    assert_eq!(attribution_chains(&g, c)[0].len(), 2 * 65_534 + 1);
}

#[test]
fn a_cycle_met_after_a_deep_path_is_found_where_it_closes() {
    // The reading source translates a chain of 40 sources first (a deep path) and then x, and x
    // and y translate each other: after the deep path the walk comes back up and must still
    // see that y leads back to x.
    let mut text = String::from(
        r#"(predicates: [(id: "says", label: "says", object: Text)], actors: [(id: "a", kind: Person, name: "A")], sources: [
        (id: "top", kind: Translation, title: "t", language: "en", derived_from: [(kind: TranslationOf, source: "d0"), (kind: TranslationOf, source: "x")]),
        (id: "x", kind: Translation, title: "t", language: "en", derived_from: [(kind: TranslationOf, source: "y")]),
        (id: "y", kind: Translation, title: "t", language: "en", derived_from: [(kind: TranslationOf, source: "x")]),"#,
    );
    for i in 0..40 {
        let link = if i < 39 { format!(r#"(kind: TranslationOf, source: "d{}")"#, i + 1) } else { String::new() };
        text.push_str(&format!(
            r#"(id: "d{i}", kind: Translation, title: "t", language: "en", derived_from: [{link}]),"#
        ));
    }
    text.push_str(r#"], claims: [(id: "c", subject: "a", predicate: "says", object: Text("x"), said_by: "a", source: "top", quote: "x")])"#);
    let g = load_str("deep.ron", &text).unwrap_or_else(|e| panic!("{e}"));
    let chains = attribution_chains(&g, g.claim_id("c").unwrap());
    assert_eq!(chains.len(), 2);
    assert_eq!(chains[0].len(), 41, "40 translations and the speaker");
    let (x, y) = (g.source_id("x").unwrap(), g.source_id("y").unwrap());
    assert_eq!(chains[1].cycle, Some(vec![x, y, x]));
    assert_eq!(chains[1].len(), 4, "to x, to y, back to x, and the speaker");
    check_batch(&g, &[g.claim_id("c").unwrap()], ChainOptions::new(), &mut ChainBatch::new());
}

#[test]
fn the_link_search_stops_at_its_cap_and_says_so() {
    let (g, c, ids) = relayed_along_a_chain(100);
    let full = attribution_chains(&g, c);
    assert!(!full[0].link_search_capped);
    assert!(full[0].hops.iter().all(|h| h.kind != HopKind::Unlinked));
    // The relays walk 100 citations back: a budget of 10 visits covers only the first gaps.
    let list = attribution_chains_with(&g, c, ChainOptions::new().max_link_search(10));
    let chain = &list.chains[0];
    assert!(chain.link_search_capped);
    let unlinked = chain.hops.iter().filter(|h| h.kind == HopKind::Unlinked).count();
    assert_eq!(unlinked, 90, "10 gaps searched, 90 left unlinked");
    assert_eq!(chain.earliest_source, ids[0], "the chain still ends where the words were relayed last");
    // A batch gives each claim its own budget: the second copy is capped the same way.
    let mut batch = ChainBatch::new();
    check_batch(&g, &[c, c], ChainOptions::new().max_link_search(10), &mut batch);
    assert!(batch.chains().all(|chain| chain.link_search_capped));
}
