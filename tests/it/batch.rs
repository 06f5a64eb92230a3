//! Attribution chains in batches (`ChainBatch`, `attribution_chains_into`): the chains of every
//! claim of a batch, its truncation flags, and the batch's own lists equal the chains found one
//! claim at a time, on the bundled data, synthetic corpora and the hostile shapes of `hostile.rs`
//! (the property tests add graphs of any shape).

use claimgraph::query::{
    AttributionChain, ChainBatch, ChainOptions, ChainRef, attribution_chains, attribution_chains_into,
    attribution_chains_with,
};
use claimgraph::synth::{self, Config};
use claimgraph::{ClaimGraph, ClaimId};

/// The options a batch is checked with: the defaults, one chain, none, a small link search.
pub(crate) fn options() -> [ChainOptions; 4] {
    [
        ChainOptions::new(),
        ChainOptions::new().max_chains(1),
        ChainOptions::new().max_chains(0),
        ChainOptions::new().max_chains(3).max_link_search(4),
    ]
}

fn owned<'a>(chains: impl Iterator<Item = ChainRef<'a>>) -> Vec<AttributionChain> {
    chains.map(|c| c.to_chain()).collect()
}

/// Fills a batch with `claims` (reusing `batch`'s buffers) and checks it against
/// `attribution_chains_with`, claim by claim; returns the number of chains.
pub(crate) fn check_batch(g: &ClaimGraph, claims: &[ClaimId], options: ChainOptions, batch: &mut ChainBatch) -> usize {
    batch.clear();
    attribution_chains_into(g, claims.iter().copied(), options, batch);
    assert_eq!(batch.len(), claims.len());
    let mut all = Vec::new();
    for (i, &claim) in claims.iter().enumerate() {
        let want = attribution_chains_with(g, claim, options);
        assert_eq!(batch.claim(i), Some(claim));
        let got = owned(batch.chains_of(i));
        assert_eq!(got, want.chains, "claim {claim}, {options:?}");
        assert_eq!(batch.truncated(i), want.truncated, "claim {claim}, {options:?}");
        assert_eq!(batch.chains_of(i).len(), want.chains.len());
        let mut reversed = owned(batch.chains_of(i).rev());
        reversed.reverse();
        assert_eq!(reversed, want.chains, "claim {claim}, backwards");
        for (r, c) in batch.chains_of(i).zip(&want.chains) {
            assert_eq!((r.len(), r.is_empty()), (c.len(), c.is_empty()));
        }
        all.extend(want.chains);
    }
    assert_eq!(batch.chain_count(), all.len());
    assert_eq!(owned(batch.chains()), all);
    let mut reversed = owned(batch.chains().rev());
    reversed.reverse();
    assert_eq!(reversed, all);
    assert_eq!(batch.chains_of(claims.len()).len(), 0);
    assert!(!batch.truncated(claims.len()));
    assert_eq!(batch.claim(claims.len()), None);
    all.len()
}

/// Every claim of `g`, with each option.
pub(crate) fn check_all(g: &ClaimGraph) {
    let claims: Vec<ClaimId> = g.claims().map(|(id, _)| id).collect();
    let mut batch = ChainBatch::new();
    for options in options() {
        check_batch(g, &claims, options, &mut batch);
    }
}

#[test]
fn a_batch_of_the_bundled_claims_equals_their_chains_one_by_one() {
    let mut g = super::bundled();
    check_all(&g);
    // Claims twice, in another order, and an id the graph no longer holds.
    let mut claims: Vec<ClaimId> = g.claims().map(|(id, _)| id).rev().collect();
    claims.extend(claims.clone());
    let mut gone = g.claim(claims[0]).unwrap().to_claim();
    gone.key = "gone".into();
    let gone = g.add_claim(gone).unwrap();
    g.remove_claim(gone).unwrap();
    claims.push(gone);
    let mut batch = ChainBatch::new();
    let chains = check_batch(&g, &claims, ChainOptions::new(), &mut batch);
    assert_eq!(chains, claims.len() - 1, "each bundled claim has one chain, the unknown one none");
    assert_eq!(batch.chains_of(claims.len() - 1).len(), 0, "an unknown claim has no chains");
    // A copy holds the same chains.
    let copy = batch.clone();
    assert_eq!(owned(copy.chains()), owned(batch.chains()));
    assert!(format!("{batch:?}").contains("ChainBatch"));
    batch.clear();
    assert!(batch.is_empty() && batch.chain_count() == 0 && batch.chains().next().is_none());
}

#[test]
fn a_batch_of_synthetic_claims_equals_their_chains_one_by_one() {
    for (claims, seed) in [(5_000, 1), (20_000, 9)] {
        let g = synth::generate(&Config { claims, seed, ..Config::default() });
        check_all(&g);
    }
}

#[test]
fn a_batch_pushed_claim_by_claim_equals_one_filled_at_once() {
    let g = synth::generate(&Config { claims: 3_000, seed: 4, ..Config::default() });
    let claims: Vec<ClaimId> = g.claims().map(|(id, _)| id).collect();
    let (mut at_once, mut one_by_one) = (ChainBatch::new(), ChainBatch::new());
    attribution_chains_into(&g, claims.iter().copied(), ChainOptions::new(), &mut at_once);
    for &c in &claims {
        one_by_one.push(&g, c, ChainOptions::new());
    }
    assert_eq!(owned(at_once.chains()), owned(one_by_one.chains()));
    let chains: Vec<AttributionChain> = claims.iter().flat_map(|&c| attribution_chains(&g, c)).collect();
    assert_eq!(owned(at_once.chains()), chains);
}
