//! Proposition groups built to defeat a quadratic algorithm: tens of thousands of claims in one
//! group, all values different at disjoint or overlapping times, half affirmed and half denied.
//! Each runs in well under a second when the queries are near-linear in a group's size and
//! would take minutes if they compared every pair; the tests check the results, never the time.

use claimgraph::query::{ContradictionIndex, Rule, contradictions, corroborations};
use claimgraph::{Amount, Claim, ClaimGraph, ObjectType, Predicate, PredicateId, Quantity, TimeSpec, Value};

use super::graph_with;

/// Claims in each hostile group.
const N: usize = 20_000;

/// Day `i` as a date, every `i` a different day.
fn day(i: usize) -> TimeSpec {
    format!("{}-{:02}-{:02}", 1900 + i / 336, (i % 336) / 28 + 1, i % 28 + 1).parse().unwrap()
}

/// A graph of the base vocabulary plus an exact count (tolerance 0: any two different counts
/// conflict), and `n` claims of one group made by `make(i, claim)`.
fn hostile(n: usize, predicate: &str, make: impl Fn(usize, &ClaimGraph) -> Claim) -> ClaimGraph {
    let mut g = graph_with(&[], "");
    g.add_predicate(
        Predicate::new("exact_count", "exact count", ObjectType::Quantity("count".into())).single().tolerance(0.0),
    )
    .unwrap();
    assert!(g.predicate_id(predicate).is_some());
    for i in 0..n {
        let c = make(i, &g);
        g.add_claim(c).unwrap();
    }
    g
}

fn claim_of(g: &ClaimGraph, i: usize, predicate: &str, object: Value) -> Claim {
    let speakers = ["a", "b", "tok", "naz"];
    let sources = ["s1", "s2", "speech", "old"];
    let predicate: PredicateId = g.predicate_id(predicate).unwrap();
    Claim::new(
        format!("c{i}"),
        g.actor_id("kz").unwrap(),
        predicate,
        object,
        g.actor_id(speakers[i % 4]).unwrap(),
        g.source_id(sources[(i / 4) % 4]).unwrap(),
    )
    .quote(format!("q{i}"))
}

fn count(g: &ClaimGraph, i: usize) -> Value {
    Value::Quantity(Quantity { amount: Amount::Exact(1.0 + i as f64), unit: g.unit_id("person").unwrap() })
}

#[test]
fn all_values_different_at_disjoint_times_never_conflict() {
    let g = hostile(N, "exact_count", |i, g| claim_of(g, i, "exact_count", count(g, i)).about(day(i)));
    assert!(contradictions(&g).is_empty());
    let g = hostile(N, "capital", |i, g| claim_of(g, i, "capital", Value::Text(format!("city {i}"))).about(day(i)));
    assert!(contradictions(&g).is_empty());
    assert_eq!(corroborations(&g, 1).len(), N, "each claim is its own proposition");
}

#[test]
fn all_values_different_at_overlapping_times_are_one_contradiction_of_many_sides() {
    let pairs = (N * (N - 1) / 2) as u64;
    for predicate in ["exact_count", "capital"] {
        let g = hostile(N, predicate, |i, g| {
            let object = if predicate == "capital" { Value::Text(format!("city {i}")) } else { count(g, i) };
            claim_of(g, i, predicate, object)
        });
        let found = contradictions(&g);
        assert_eq!(found.len(), 1, "{predicate}");
        let rule = if predicate == "capital" { Rule::SingleValue } else { Rule::Quantity };
        assert_eq!(found[0].rule, rule);
        assert_eq!(found[0].claims.len(), N);
        let sides = found[0].sides(&g);
        assert_eq!(sides.len(), N);
        assert!(sides.iter().all(|s| s.claims.len() == 1 && s.holders.len() == 1 && s.independent == 1));
        assert_eq!(found[0].opposing_pairs(&g), pairs);
        assert!(found[0].reason(&g).contains(&format!(" and {} more values", N - 6)));
    }
}

#[test]
fn values_in_two_bands_make_two_sides_of_agreeing_values_apart() {
    // Two bands of counts, each within 10% of one another, far apart: under the 10% tolerance of
    // `arrivals`, every claim of one band conflicts with every claim of the other and with none of
    // its own.
    let g = hostile(N, "arrivals", |i, g| {
        let value = if i % 2 == 0 { 1_000_000.0 + i as f64 } else { 5_000_000.0 + i as f64 };
        let object = Value::Quantity(Quantity { amount: Amount::Exact(value), unit: g.unit_id("person").unwrap() });
        claim_of(g, i, "arrivals", object)
    });
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].sides(&g).len(), N, "each value is its own side");
    assert_eq!(found[0].opposing_pairs(&g), (N as u64 / 2) * (N as u64 / 2));
}

fn half_and_half(n: usize, timed: bool) -> ClaimGraph {
    hostile(n, "recognizes", |i, g| {
        let c = claim_of(g, i, "recognizes", Value::Actor(g.actor_id("ua").unwrap()));
        let c = if i % 2 == 1 { c.denied() } else { c };
        // Timed: claims 2k and 2k + 1 share a day, and no other claim.
        if timed { c.about(day(i / 2)) } else { c }
    })
}

#[test]
fn half_affirmed_half_denied_is_one_contradiction_of_two_sides() {
    let g = half_and_half(N, false);
    let found = contradictions(&g);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].rule, Rule::Polarity);
    assert_eq!(found[0].claims.len(), N);
    let sides = found[0].sides(&g);
    assert_eq!(sides.len(), 2);
    assert_eq!((sides[0].claims.len(), sides[1].claims.len()), (N / 2, N / 2));
    // Even claims are said by a and tok, odd ones by b and naz.
    assert_eq!((sides[0].holders.len(), sides[1].holders.len()), (2, 2));
    assert_eq!(found[0].opposing_pairs(&g), (N as u64 / 2) * (N as u64 / 2));
    assert!(found[0].reason(&g).contains(&format!("affirmed by {} claims from 2 speakers", N / 2)));
    let support = corroborations(&g, 2);
    assert_eq!(support.len(), 2);
    assert_eq!((support[0].claims.len(), support[1].claims.len()), (N / 2, N / 2));
}

#[test]
fn half_affirmed_half_denied_by_day_is_one_contradiction_per_day() {
    let g = half_and_half(N, true);
    let found = contradictions(&g);
    assert_eq!(found.len(), N / 2);
    assert!(found.iter().all(|c| c.claims.len() == 2 && c.claims[1].index() == c.claims[0].index() + 1));
    assert_eq!(corroborations(&g, 1).len(), N);
}

#[test]
fn the_index_follows_an_edit_of_a_hostile_group() {
    let mut g = half_and_half(N, false);
    let mut index = ContradictionIndex::new(&g);
    assert_eq!(index.contradictions(&g), contradictions(&g));
    // One more denial, at a time of its own, then one removal.
    let extra = claim_of(&g, N, "recognizes", Value::Actor(g.actor_id("ua").unwrap())).denied().about(day(7));
    let key = ClaimGraph::proposition_key(&extra);
    let id = g.add_claim(extra).unwrap();
    index.update(&g, [key]);
    let full = contradictions(&g);
    assert_eq!(index.contradictions(&g), full);
    assert_eq!(full[0].claims.len(), N + 1);
    g.remove_claim(g.claim_id("c0").unwrap()).unwrap();
    g.remove_claim(id).unwrap();
    index.update(&g, [key]);
    assert_eq!(index.contradictions(&g), contradictions(&g));
    assert_eq!(index.len(), 1);
}
