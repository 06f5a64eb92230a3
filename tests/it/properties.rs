//! Property tests (proptest): round trips are the identity, contradictions do not depend on the
//! order claims were added in, the incremental contradiction index equals a full scan after any
//! edits, and attribution chains (one claim at a time and in batches), text origins and circular
//! reporting agree with naive recursive references on small graphs of any shape (cycles included).
//!
//! Case counts are kept small so that the whole suite stays fast; `PROPTEST_CASES=1000` runs
//! more.

use std::collections::BTreeSet;
use std::sync::atomic::{AtomicUsize, Ordering};

use claimgraph::query::{
    AttributionChain, ChainOptions, ContradictionIndex, Hop, HopKind, Link, attribution_chains_with,
    circular_reporting, contradictions, text_origins,
};
use claimgraph::*;
use proptest::prelude::*;

const VOCABULARY: &str = r#"
    units: [(id: "person", dimension: "count", factor: 1.0)],
    predicates: [
        (id: "says", label: "says", object: Text),
        (id: "head", label: "head", object: Actor, cardinality: Single),
        (id: "arrivals", label: "arrivals", object: Quantity("count"), cardinality: Single, tolerance: Some(0.1)),
        (id: "supports", label: "supports", object: Actor),
        (id: "condemns", label: "condemns", object: Actor, excludes: ["supports"]),
        (id: "denies", label: "denies", object: Claim, rebuts: true),
    ],
    actors: [
        (id: "a0", kind: Person, name: "A0"),
        (id: "a1", kind: Person, name: "A1"),
        (id: "a2", kind: State, name: "A2"),
        (id: "a3", kind: State, name: "A3"),
    ],
    sources: [
        (id: "s0", kind: Article, title: "t0", language: "en"),
        (id: "s1", kind: Translation, title: "t1", language: "fr", derived_from: [(kind: TranslationOf, source: "s0", by: Some("a1"))]),
        (id: "s2", kind: Article, title: "t2", language: "en", derived_from: [(kind: Cites, source: "s1")]),
    ],
"#;

fn base() -> ClaimGraph {
    load_str("base.ron", &format!("({VOCABULARY})")).unwrap_or_else(|e| panic!("{e}"))
}

fn config(cases: u32) -> ProptestConfig {
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// One edit, drawn as small numbers and read against the graph as it is.
type Op = (u8, u8, u8, u8, u8);

/// Applies one edit; returns the proposition keys it touched.
fn apply(g: &mut ClaimGraph, n: usize, (op, x, y, z, w): Op, vocabulary_edits: bool) -> Vec<PropositionKey> {
    let actors: Vec<ActorId> = g.actors().map(|(id, _)| id).collect();
    let sources: Vec<SourceId> = g.sources().map(|(id, _)| id).collect();
    let claims: Vec<ClaimId> = g.claims().map(|(id, _)| id).collect();
    let predicates: Vec<PredicateId> = g.predicates().map(|(id, _)| id).collect();
    let pick = |ids: &[ActorId], i: u8| ids[i as usize % ids.len()];
    match op % 10 {
        0..=5 => {
            let p = predicates[y as usize % predicates.len()];
            let object = match g.predicate(p).unwrap().object {
                ObjectType::Text => Value::Text(["x", "y"][z as usize % 2].into()),
                ObjectType::Actor => Value::Actor(pick(&actors, z)),
                ObjectType::Quantity(_) => Value::Quantity(Quantity {
                    amount: [
                        Amount::Exact(100.0),
                        Amount::Around(100.0),
                        Amount::Exact(150.0),
                        Amount::Range(90.0, 120.0),
                    ][z as usize % 4],
                    unit: g.unit_id("person").unwrap(),
                }),
                ObjectType::Claim if !claims.is_empty() => Value::Claim(claims[z as usize % claims.len()]),
                _ => return Vec::new(),
            };
            let mut c = Claim::new(
                format!("c{n}"),
                pick(&actors, x),
                p,
                object,
                pick(&actors, w >> 2),
                sources[w as usize % sources.len()],
            )
            .quote("q");
            if w & 1 == 1 {
                c = c.denied();
            }
            if w & 2 == 2 {
                c = c.modality(Modality::Hedged);
            }
            let key = ClaimGraph::proposition_key(&c);
            g.add_claim(c).map(|_| vec![key]).unwrap_or_default()
        }
        6 if !claims.is_empty() => {
            let id = claims[x as usize % claims.len()];
            let key = ClaimGraph::proposition_key(&g.claim(id).unwrap().to_claim());
            g.remove_claim(id).map(|_| vec![key]).unwrap_or_default()
        }
        7 => {
            let kind = [ActorKind::Person, ActorKind::State][x as usize % 2];
            g.add_actor(Actor::new(format!("n{n}"), kind, format!("N{n}"))).unwrap();
            Vec::new()
        }
        8 => {
            let mut s = Source::new(format!("src{n}"), SourceKind::Article, "t", "en");
            for i in 0..x % 3 {
                let kind = [DerivationKind::Cites, DerivationKind::TranslationOf, DerivationKind::RepublicationOf]
                    [(y as usize + i as usize) % 3];
                s.derived_from.push(Derivation {
                    kind,
                    source: sources[(z as usize + i as usize) % sources.len()],
                    by: None,
                });
            }
            g.add_source(s).unwrap();
            Vec::new()
        }
        9 if vocabulary_edits => {
            // A new predicate on actors that excludes an existing one.
            let other = predicates[x as usize % predicates.len()];
            let mut p = Predicate::new(format!("p{n}"), format!("p{n}"), ObjectType::Actor);
            if g.predicate(other).unwrap().object == ObjectType::Actor {
                p = p.excludes(other);
            }
            g.add_predicate(p).unwrap();
            Vec::new()
        }
        _ => {
            if let Some(&id) = actors.get(x as usize % (actors.len() + 4)) {
                let _ = g.remove_actor(id);
            }
            Vec::new()
        }
    }
}

fn ops() -> impl Strategy<Value = Vec<Op>> {
    prop::collection::vec(any::<Op>(), 0..40)
}

/// The contradictions by claim keys (ids depend on insertion order), sorted.
fn by_keys(g: &ClaimGraph) -> Vec<(String, Vec<String>, u64)> {
    let mut out: Vec<_> = contradictions(g)
        .iter()
        .map(|c| {
            let mut keys: Vec<String> = c.claims.iter().map(|&id| g.claim(id).unwrap().key().to_owned()).collect();
            keys.sort();
            (format!("{:?}", c.rule), keys, (c.strength * 1e9).round() as u64)
        })
        .collect();
    out.sort();
    out
}

static DIRS: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(config(48))]

    #[test]
    fn ron_and_snapshot_round_trips_are_the_identity(ops in ops()) {
        let mut g = base();
        for (n, &op) in ops.iter().enumerate() {
            apply(&mut g, n, op, true);
        }
        let back = from_snapshot_bytes(&snapshot_bytes(&g)).unwrap_or_else(|e| panic!("{e}"));
        prop_assert!(back == g, "snapshot round trip differs");
        // A second round trip gives the same bytes (the first may drop removed entities' text).
        prop_assert_eq!(snapshot_bytes(&from_snapshot_bytes(&snapshot_bytes(&back)).unwrap()), snapshot_bytes(&back));
        let dir = crate::temp_dir(&format!("prop-{}", DIRS.fetch_add(1, Ordering::Relaxed)));
        save_dir(&g, &dir).unwrap();
        let loaded = load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
        let _ = std::fs::remove_dir_all(&dir);
        prop_assert!(loaded == g, "RON round trip differs");
        prop_assert_eq!(by_keys(&loaded), by_keys(&g));
    }

    #[test]
    fn contradictions_do_not_depend_on_insertion_order(ops in ops(), rotate in any::<u8>()) {
        // Claims only (removals would make the two orders different graphs).
        let adds: Vec<Op> = ops.into_iter().map(|(op, x, y, z, w)| (op % 6, x, y, z, w)).collect();
        let mut g = base();
        for (n, &op) in adds.iter().enumerate() {
            apply(&mut g, n, op, false);
        }
        // The same claims added in another order (reversed, then rotated).
        let claims: Vec<Claim> = g.claims().map(|(_, c)| c.to_claim()).collect();
        let mut order: Vec<usize> = (0..claims.len()).rev().collect();
        if !order.is_empty() {
            let k = rotate as usize % order.len();
            order.rotate_left(k);
        }
        let mut h = base();
        let mut pending: Vec<Claim> = order.iter().map(|&i| claims[i].clone()).collect();
        // A claim about another claim needs it first: add what can be added until all are in.
        while !pending.is_empty() {
            let before = pending.len();
            pending.retain(|c| {
                let mut c = c.clone();
                if let Value::Claim(target) = c.object {
                    let key = g.claim(target).unwrap().key().to_owned();
                    match h.claim_id(&key) {
                        Some(id) => c.object = Value::Claim(id),
                        None => return true,
                    }
                }
                h.add_claim(c).unwrap();
                false
            });
            prop_assert!(pending.len() < before, "no claim could be added");
        }
        prop_assert_eq!(by_keys(&h), by_keys(&g));
    }

    #[test]
    fn the_incremental_index_equals_a_full_scan_after_claim_edits(ops in ops()) {
        let mut g = base();
        let mut index = ContradictionIndex::new(&g);
        for (n, &op) in ops.iter().enumerate() {
            let touched = apply(&mut g, n, op, false);
            index.update(&g, touched);
            prop_assert_eq!(index.contradictions(&g), contradictions(&g), "after edit {}", n);
        }
    }
}

proptest! {
    #![proptest_config(config(48))]

    /// The vocabulary part: predicates with exclusions added after the index was built; the
    /// index follows vocabulary edits.
    #[test]
    fn the_incremental_index_equals_a_full_scan_after_vocabulary_edits(ops in ops()) {
        let mut g = base();
        let mut index = ContradictionIndex::new(&g);
        for (n, &op) in ops.iter().enumerate() {
            let touched = apply(&mut g, n, op, true);
            index.update(&g, touched);
            prop_assert_eq!(index.contradictions(&g), contradictions(&g), "after edit {}", n);
        }
    }
}

/// A small source graph of any shape, written as RON so that links may point forward (rings):
/// for each source, its links as (kind, target, performed by the claim's speaker).
type Shape = Vec<Vec<(u8, u8, bool)>>;

/// A claim on the shape: (reading source, mode, relays as (source or none, hedged), said in).
type ClaimShape = (u8, u8, Vec<(Option<u8>, bool)>, Option<u8>);

fn shapes() -> impl Strategy<Value = (Shape, Vec<ClaimShape>)> {
    let links = prop::collection::vec(prop::collection::vec((0u8..4, any::<u8>(), any::<bool>()), 0..4), 1..8);
    let claims = prop::collection::vec(
        (
            any::<u8>(),
            0u8..5,
            prop::collection::vec((prop::option::of(any::<u8>()), any::<bool>()), 0..3),
            prop::option::of(any::<u8>()),
        ),
        1..4,
    );
    (links, claims)
}

fn shape_graph(links: &Shape, claims: &[ClaimShape]) -> ClaimGraph {
    let n = links.len();
    let kinds = ["Cites", "TranslationOf", "RepublicationOf", "PublishesInterview"];
    let mut text = String::from(
        r#"(predicates: [(id: "says", label: "says", object: Text)],
            actors: [(id: "sp", kind: Person, name: "Speaker"), (id: "tr", kind: Person, name: "Translator"), (id: "re", kind: Person, name: "Relay")],
            sources: ["#,
    );
    for (i, ls) in links.iter().enumerate() {
        let derived: Vec<String> = ls
            .iter()
            // Only a citation may point at its own source.
            .filter(|&&(k, t, _)| k == 0 || t as usize % n != i)
            .map(|&(k, t, by)| {
                let by = if by { r#"Some("sp")"# } else { r#"Some("tr")"# };
                format!(r#"(kind: {}, source: "s{}", by: {by})"#, kinds[k as usize], t as usize % n)
            })
            .collect();
        text.push_str(&format!(
            r#"(id: "s{i}", kind: Article, title: "t", language: "en", derived_from: [{}]),"#,
            derived.join(", ")
        ));
    }
    text.push_str("], claims: [");
    let modes = ["Authorial", "DirectQuote", "Paraphrase", "Hedged", "Inserted"];
    for (j, (src, mode, relays, said_in)) in claims.iter().enumerate() {
        let relays: Vec<String> = relays
            .iter()
            .map(|(s, hedged)| {
                let s = s.map_or("None".to_owned(), |s| format!(r#"Some("s{}")"#, s as usize % n));
                format!(r#"(by: Some("re"), source: {s}, mode: {})"#, if *hedged { "Hedged" } else { "DirectQuote" })
            })
            .collect();
        let said_in = said_in.map_or("None".to_owned(), |s| format!(r#"Some("s{}")"#, s as usize % n));
        let (relays, said_in) =
            if *mode == 4 { (String::new(), "None".to_owned()) } else { (relays.join(", "), said_in) };
        text.push_str(&format!(
            r#"(id: "c{j}", subject: "sp", predicate: "says", object: Text("x"), said_by: "sp", mode: {}, source: "s{}", relayed_by: [{relays}], said_in: {said_in}, quote: "x"),"#,
            modes[*mode as usize],
            *src as usize % n,
        ));
    }
    text.push_str("])");
    load_str("shape.ron", &text).unwrap_or_else(|e| panic!("{e}\n{text}"))
}

fn hop_of(d: &Derivation) -> Hop {
    let kind = match d.kind {
        DerivationKind::RepublicationOf => HopKind::RepublishedFrom,
        DerivationKind::TranslationOf => HopKind::TranslatedFrom,
        DerivationKind::Cites => HopKind::Cites,
        DerivationKind::PublishesInterview => HopKind::PublishesInterview,
    };
    Hop { kind, to: Link::Source(d.source), by: d.by, mode: None }
}

/// A path of the reference walk: its hops, the source it ended at, whether it stopped at the
/// inserter, the cycle it closed.
type RefPath = (Vec<Hop>, SourceId, bool, Option<Vec<SourceId>>);

/// The reference: every path along text links, recursively (the sources on the path, the hops,
/// whether it stopped at the inserter, the cycle it closed).
fn reference_paths(
    g: &ClaimGraph,
    path: &mut Vec<SourceId>,
    hops: &mut Vec<Hop>,
    inserter: Option<ActorId>,
    out: &mut Vec<RefPath>,
) {
    let here = *path.last().unwrap();
    let links: Vec<Derivation> =
        g.source(here).unwrap().derived_from().iter().filter(|d| d.kind.carries_text()).cloned().collect();
    if links.is_empty() {
        out.push((hops.clone(), here, false, None));
    }
    for d in links {
        if inserter.is_some() && d.by == inserter {
            out.push((hops.clone(), here, true, None));
        } else if let Some(i) = path.iter().position(|&s| s == d.source) {
            let mut cycle = path[i..].to_vec();
            cycle.push(d.source);
            let mut h = hops.clone();
            h.push(hop_of(&d));
            out.push((h, here, false, Some(cycle)));
        } else {
            path.push(d.source);
            hops.push(hop_of(&d));
            reference_paths(g, path, hops, inserter, out);
            path.pop();
            hops.pop();
        }
    }
}

/// The reference link search: breadth first, the queue as the visited set.
fn reference_link(g: &ClaimGraph, from: SourceId, to: SourceId) -> Option<Vec<Hop>> {
    let mut queue: Vec<(SourceId, usize, Option<Hop>)> = vec![(from, 0, None)];
    let mut next = 0;
    while next < queue.len() {
        for d in g.source(queue[next].0).unwrap().derived_from() {
            if queue.iter().any(|(s, _, _)| *s == d.source) {
                continue;
            }
            queue.push((d.source, next, Some(hop_of(d))));
            if d.source == to {
                let mut hops = Vec::new();
                let mut at = queue.len() - 1;
                while let (_, prev, Some(hop)) = queue[at] {
                    hops.push(hop);
                    at = prev;
                }
                hops.reverse();
                return Some(hops);
            }
        }
        next += 1;
    }
    None
}

fn reference_chains(g: &ClaimGraph, id: ClaimId) -> Vec<AttributionChain> {
    let c = g.claim(id).unwrap();
    let inserted = c.mode() == Mode::Inserted;
    let mut paths = Vec::new();
    reference_paths(g, &mut vec![c.source()], &mut Vec::new(), inserted.then_some(c.said_by()), &mut paths);
    paths
        .into_iter()
        .map(|(mut hops, mut last, stopped, cycle)| {
            let earliest;
            if inserted {
                earliest = if stopped { last } else { c.source() };
                if !stopped {
                    hops.clear();
                }
                hops.push(Hop {
                    kind: HopKind::InsertedBy,
                    to: Link::Actor(c.said_by()),
                    by: None,
                    mode: Some(Mode::Inserted),
                });
            } else {
                if cycle.is_none() {
                    let targets = c.relayed_by().iter().map(|r| (r.source, Some(r))).chain([(c.said_in(), None)]);
                    for (target, relay) in targets {
                        if let Some(t) = target.filter(|&t| t != last) {
                            match reference_link(g, last, t) {
                                Some(path) => hops.extend(path),
                                None => hops.push(Hop {
                                    kind: HopKind::Unlinked,
                                    to: Link::Source(t),
                                    by: None,
                                    mode: None,
                                }),
                            }
                            last = t;
                        }
                        if let Some(r) = relay {
                            hops.push(Hop {
                                kind: HopKind::RelayedBy,
                                to: Link::Actor(r.by.unwrap()),
                                by: None,
                                mode: Some(r.mode),
                            });
                        }
                    }
                }
                earliest = last;
                hops.push(Hop {
                    kind: HopKind::StatedBy,
                    to: Link::Actor(c.said_by()),
                    by: None,
                    mode: Some(c.mode()),
                });
            }
            let hedged = c.modality() == Modality::Hedged || hops.iter().any(Hop::is_hedged);
            AttributionChain {
                claim: id,
                start: c.source(),
                hops,
                speaker: c.said_by(),
                earliest_source: earliest,
                hedged,
                modality: c.modality(),
                inserted,
                cycle,
                link_search_capped: false,
            }
        })
        .collect()
}

/// The sources reachable from `s` along links `follow` accepts (`s` included).
fn reach(g: &ClaimGraph, s: SourceId, follow: &dyn Fn(&Derivation) -> bool) -> BTreeSet<SourceId> {
    let mut seen = BTreeSet::from([s]);
    let mut stack = vec![s];
    while let Some(x) = stack.pop() {
        for d in g.source(x).unwrap().derived_from().iter().filter(|d| follow(d)) {
            if seen.insert(d.source) {
                stack.push(d.source);
            }
        }
    }
    seen
}

fn sorted(mut chains: Vec<AttributionChain>) -> Vec<String> {
    let mut out: Vec<String> = chains.drain(..).map(|c| format!("{c:?}")).collect();
    out.sort();
    out
}

proptest! {
    #![proptest_config(config(96))]

    #[test]
    fn every_attribution_chain_ends_at_the_speaker_or_says_why_not((links, claims) in shapes()) {
        let g = shape_graph(&links, &claims);
        for (id, c) in g.claims() {
            let list = attribution_chains_with(&g, id, ChainOptions::new().max_chains(usize::MAX));
            prop_assert!(!list.truncated);
            prop_assert!(!list.chains.is_empty());
            for chain in &list.chains {
                let last = chain.hops.last().unwrap();
                prop_assert_eq!(last.to, Link::Actor(c.said_by()));
                prop_assert_eq!(last.kind, if chain.inserted { HopKind::InsertedBy } else { HopKind::StatedBy });
                prop_assert_eq!(chain.inserted, c.mode() == Mode::Inserted);
                prop_assert!(!chain.link_search_capped);
                if let Some(cycle) = &chain.cycle {
                    // Why the chain stops short of the words' source: the cycle it closed.
                    prop_assert!(cycle.len() >= 2 && cycle.first() == cycle.last());
                }
            }
            prop_assert_eq!(sorted(list.chains.clone()), sorted(reference_chains(&g, id)));
            // A cap keeps the first chains.
            let capped = attribution_chains_with(&g, id, ChainOptions::new().max_chains(1));
            prop_assert_eq!(capped.truncated, list.chains.len() > 1);
            prop_assert_eq!(&capped.chains[..], &list.chains[..1]);
        }
    }

    #[test]
    fn a_batch_of_chains_equals_the_chains_claim_by_claim((links, claims) in shapes()) {
        let g = shape_graph(&links, &claims);
        super::batch::check_all(&g);
    }

    #[test]
    fn text_origins_and_cycles_agree_with_reachability((links, claims) in shapes()) {
        let g = shape_graph(&links, &claims);
        let text = |d: &Derivation| d.kind.carries_text();
        for (s, _) in g.sources() {
            // A root: a source every source it reaches reaches back (a sink of the text links,
            // or a member of a circle with no way out).
            let want: Vec<SourceId> = reach(&g, s, &text)
                .into_iter()
                .filter(|&r| reach(&g, r, &text).iter().all(|&x| reach(&g, x, &text).contains(&r)))
                .collect();
            prop_assert_eq!(text_origins(&g, s), want);
        }
        let any = |_: &Derivation| true;
        let mut want: Vec<Vec<SourceId>> = Vec::new();
        for (s, src) in g.sources() {
            let scc: Vec<SourceId> = reach(&g, s, &any).into_iter().filter(|&x| reach(&g, x, &any).contains(&s)).collect();
            if scc.len() > 1 {
                want.push(scc);
            }
            if src.derived_from().iter().any(|d| d.source == s) {
                want.push(vec![s]);
            }
        }
        want.sort();
        want.dedup();
        prop_assert_eq!(circular_reporting(&g), want);
    }
}
