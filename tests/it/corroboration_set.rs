//! `corroboration_set`: every proposition's support checked against what it must be, with the
//! crate's own per-claim `origins` and `circular_reporting` as the reference: the origin groups
//! partition the claims, each group's origins are the union of its claims' origins, no two
//! groups share an origin, and the cycles met are those the claims' sources are on.

use std::collections::BTreeSet;

use claimgraph::query::{Origin, circular_reporting, corroboration_set, origins};
use claimgraph::synth::{self, Config};
use claimgraph::{ClaimGraph, ClaimId, Stance};

/// The number of classes of `claims` joined by shared origins (each claim's `origins`), by a
/// plain union-find: the reference for how many origin groups a support has.
fn origin_classes(graph: &ClaimGraph, claims: &[ClaimId]) -> usize {
    let mut parent: Vec<usize> = (0..claims.len()).collect();
    fn root(parent: &mut [usize], mut i: usize) -> usize {
        while parent[i] != i {
            i = parent[i];
        }
        i
    }
    let mut first_with: std::collections::BTreeMap<Origin, usize> = std::collections::BTreeMap::new();
    for (i, &id) in claims.iter().enumerate() {
        for o in origins(graph, graph.claim(id).expect("a claim")) {
            let j = *first_with.entry(o).or_insert(i);
            let (a, b) = (root(&mut parent, i), root(&mut parent, j));
            parent[a.max(b)] = a.min(b);
        }
    }
    (0..claims.len()).filter(|&i| parent[i] == i).count()
}

fn check(graph: &ClaimGraph, min_claims: usize) -> usize {
    let set = corroboration_set(graph, min_claims);
    let cycles = circular_reporting(graph);
    let mut seen: BTreeSet<ClaimId> = BTreeSet::new();
    let mut keys = Vec::new();
    for support in &set {
        assert!(support.claims.len() >= min_claims.max(1), "{support:?}");
        assert!(support.claims.windows(2).all(|w| w[0] < w[1]), "claims in id order: {support:?}");
        assert!(support.carried.windows(2).all(|w| w[0] < w[1]), "carried in id order: {support:?}");
        let first = graph.claim(support.claims[0]).expect("a claim of the graph");
        for &id in support.claims {
            let c = graph.claim(id).expect("a claim of the graph");
            assert!(seen.insert(id), "claim {id:?} supports two propositions");
            assert_eq!(c.stance(), Stance::Own);
            assert_eq!((c.proposition_key(), c.polarity()), (first.proposition_key(), first.polarity()));
        }
        for &id in support.carried {
            let c = graph.claim(id).expect("a claim of the graph");
            assert_eq!(c.stance(), Stance::Carried);
            assert_eq!((c.proposition_key(), c.polarity()), (first.proposition_key(), first.polarity()));
        }
        // The groups partition the claims, largest first; each holds the union of its claims'
        // origins, sorted, and no origin is in two groups.
        let mut in_groups: Vec<ClaimId> = Vec::new();
        let mut all_origins: Vec<Origin> = Vec::new();
        let mut last: Option<(usize, ClaimId)> = None;
        for group in support.groups() {
            assert!(group.claims.windows(2).all(|w| w[0] < w[1]), "a group's claims in id order: {support:?}");
            let this = (group.claims.len(), group.claims[0]);
            // Largest first; among groups of one size, in the order of their first claims.
            if let Some(last) = last {
                assert!(this.0 < last.0 || (this.0 == last.0 && this.1 > last.1), "group order: {support:?}");
            }
            last = Some(this);
            let mut union: Vec<Origin> =
                group.claims.iter().flat_map(|&id| origins(graph, graph.claim(id).expect("a claim"))).collect();
            union.sort();
            union.dedup();
            assert_eq!(group.origins, union.as_slice(), "{support:?}");
            in_groups.extend_from_slice(group.claims);
            all_origins.extend_from_slice(group.origins);
        }
        assert_eq!(support.independent(), support.groups().len());
        // No group joins claims that do not share origins through a chain of claims: the
        // groups are as many as the classes of a union-find over the claims' origins.
        assert_eq!(support.groups().len(), origin_classes(graph, support.claims), "{support:?}");
        in_groups.sort();
        assert_eq!(in_groups, support.claims, "the groups partition the claims");
        let n = all_origins.len();
        all_origins.sort();
        all_origins.dedup();
        assert_eq!(all_origins.len(), n, "an origin in two groups: {support:?}");
        // The cycles met are the cycles a claim's source is on, in the order of the cycle list.
        let met: Vec<&[claimgraph::SourceId]> = cycles
            .iter()
            .filter(|cycle| {
                support.claims.iter().any(|&id| cycle.contains(&graph.claim(id).expect("a claim").source()))
            })
            .map(Vec::as_slice)
            .collect();
        assert_eq!(support.circular().collect::<Vec<_>>(), met);
        assert_eq!(support.to_corroboration().claims, support.claims);
        keys.push((
            std::cmp::Reverse(support.independent()),
            std::cmp::Reverse(support.claims.len()),
            support.claims[0],
        ));
    }
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "most independent origins first, then most claims, then claim order");
    assert_eq!(set.iter().rev().count(), set.len());
    set.len()
}

#[test]
fn the_bundled_data() {
    let graph = crate::bundled();
    assert!(check(&graph, 2) > 10);
    assert!(check(&graph, 1) > check(&graph, 3));
}

#[test]
fn synthetic_corpora_with_cycles() {
    for seed in [1, 2, 3] {
        let graph = synth::generate(&Config { claims: 3_000, seed, ..Config::default() });
        assert!(!circular_reporting(&graph).is_empty(), "seed {seed}: the corpus has citation cycles");
        let found = check(&graph, 2);
        assert!(found > 100, "seed {seed}: {found} propositions");
        let set = corroboration_set(&graph, 2);
        assert!(set.iter().any(|c| c.circular().len() > 0), "seed {seed}: no proposition meets a cycle");
        assert!(set.iter().any(|c| c.independent() < c.claims.len()), "seed {seed}: no shared origin");
    }
}

#[test]
fn carried_claims_listed_apart() {
    let dir = crate::temp_dir("corroboration-set-carried");
    for entry in std::fs::read_dir(crate::bundled_dir()).expect("the bundled data") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "ron") {
            let text = std::fs::read_to_string(&path).expect("a RON file");
            // Every other claim carried: propositions then have claims of both kinds.
            let mut carried = String::new();
            for (i, part) in text.split("quote:").enumerate() {
                if i > 0 {
                    carried.push_str(if i % 2 == 0 { "stance: Carried, quote:" } else { "quote:" });
                }
                carried.push_str(part);
            }
            std::fs::write(dir.join(path.file_name().expect("a file name")), carried).expect("written");
        }
    }
    let graph = claimgraph::load_dir(&dir).unwrap_or_else(|e| panic!("{e}"));
    assert!(graph.claims().any(|(_, c)| c.stance() == Stance::Carried));
    check(&graph, 1);
    let set = corroboration_set(&graph, 1);
    assert!(set.iter().any(|c| !c.carried.is_empty()), "no carried claim joined a proposition");
    let _ = std::fs::remove_dir_all(&dir);
}
